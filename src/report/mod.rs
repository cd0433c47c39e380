//! Output formats. Every format reads the same models: `batch::Scored` (one
//! file's `DossierAssessment` or the reason it could not be read) for
//! `annexe score`, and `check::Checked` (the same, plus findings) for
//! `annexe check`. None of them re-scores or re-judges anything.
//!
//! A format sees the files one by one, in path order, then the summary: so
//! streaming formats (JSON Lines, CSV, GitHub annotations…) write as the
//! batch goes and hold nothing, and the others keep only what they need.

pub mod csv;
pub mod detail;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod reviews;
pub mod sarif;
pub mod table;
pub mod text;

use std::io::{self, Write};

use serde::Serialize;

use crate::batch::Scored;
use crate::cli::ColorChoice;
use crate::criteria::Grid;
use crate::form::Form;
use crate::i18n::{Lang, Messages};
use crate::location::SourceError;

/// An output format: told about each item in order, then about the whole.
pub trait Format<Item> {
    fn item(&mut self, out: &mut dyn Write, item: &Item) -> io::Result<()>;
    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()>;

    /// For formats whose output for an item depends on that item alone:
    /// what writes it, so that the workers which score the items can render
    /// them too and the writer only copies bytes. What it writes for an item
    /// must be exactly what `item` would write.
    fn prerender(&self) -> Option<Render> {
        None
    }
}

/// Renders one item on its own (see `Format::prerender`).
pub type Render = fn(&Scored, &mut Vec<u8>) -> io::Result<()>;

/// What formats need besides the items: the grid and form for names, the
/// language of the report's own words, and whether to colour.
#[derive(Clone, Copy)]
pub struct Chrome<'a> {
    pub lang: Lang,
    pub msgs: &'a Messages,
    pub grid: &'a Grid,
    pub form: &'a Form,
    pub color: bool,
}

impl Chrome<'_> {
    pub fn level_name(&self, level: u8) -> &str {
        self.grid.level_name(level, self.lang)
    }

    pub fn criterion_name<'b>(&'b self, id: &'b str) -> &'b str {
        self.grid.criterion(id).map_or(id, |c| c.name(self.lang))
    }

    /// `id — question text` for a question of the action scope.
    pub fn question_text<'b>(&'b self, id: &'b str) -> &'b str {
        self.form.find(crate::form::Scope::Action, id).map_or("", |q| q.text(self.lang))
    }
}

/// Whether output may be coloured, resolved once per command from `--color`
/// and the environment. With `auto`: never with NO_COLOR set (to anything
/// non-empty, https://no-color.org); always with CLICOLOR_FORCE set to
/// anything but 0; never with CLICOLOR=0 or TERM=dumb; else only on a
/// terminal. `always` and `never` override the environment.
pub fn color_allowed(choice: ColorChoice, to_terminal: bool) -> bool {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    color_decision(
        choice,
        to_terminal,
        var("NO_COLOR").is_some(),
        var("CLICOLOR_FORCE").is_some_and(|v| v != "0"),
        var("CLICOLOR").is_some_and(|v| v == "0"),
        var("TERM").is_some_and(|t| t == "dumb"),
    )
}

/// The rule of `color_allowed`, without the environment (for tests).
fn color_decision(
    choice: ColorChoice,
    to_terminal: bool,
    no_color: bool,
    force: bool,
    clicolor_off: bool,
    dumb: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if no_color => false,
        ColorChoice::Auto if force => true,
        ColorChoice::Auto => to_terminal && !clicolor_off && !dumb,
    }
}

/// ANSI colours for the few places text formats use them.
#[derive(Clone, Copy)]
pub enum Paint {
    Red,
    Yellow,
    Cyan,
    Green,
    Bold,
    Dim,
}

pub fn paint(text: &str, paint: Paint, on: bool) -> String {
    if !on {
        return text.to_owned();
    }
    let code = match paint {
        Paint::Red => "31",
        Paint::Yellow => "33",
        Paint::Cyan => "36",
        Paint::Green => "32",
        Paint::Bold => "1",
        Paint::Dim => "2",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// The colour of a level 0–3.
pub fn level_paint(level: u8) -> Paint {
    match level {
        0 => Paint::Red,
        1 => Paint::Yellow,
        2 => Paint::Cyan,
        _ => Paint::Green,
    }
}

/// A file that could not be read, as machine formats show it.
#[derive(Debug, Clone, Serialize)]
pub struct FailureView<'a> {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: &'a str,
    pub help: Option<&'a str>,
}

impl<'a> FailureView<'a> {
    pub fn of(err: &'a SourceError) -> Self {
        FailureView {
            path: err.path.display().to_string(),
            line: err.position.map(|p| p.line),
            column: err.position.map(|p| p.column),
            message: &err.message,
            help: err.help.as_deref(),
        }
    }
}

impl Summary {
    /// The one-line summary of `annexe check` ("N files, N actions…").
    pub fn check_line(&self, msgs: &Messages) -> String {
        crate::i18n::fill(
            msgs.report.check_summary,
            &[
                ("files", &self.files),
                ("actions", &self.actions),
                ("passed", &self.actions_passed),
                ("errors", &self.errors),
                ("warnings", &self.warnings),
                ("unreadable", &self.failures.len()),
            ],
        )
    }
}

/// Counts over a batch, gathered as it goes.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub dossiers: usize,
    pub actions: usize,
    /// Per criterion (grid order): how many actions at each level 0–3.
    pub levels: Vec<LevelCount>,
    /// How many actions at each overall level 0–3.
    pub overall: [usize; 4],
    pub incomplete: Vec<Incomplete>,
    #[serde(skip)]
    pub failures: Vec<SourceError>,
    /// `annexe check`: findings that fail the check, and warnings.
    pub errors: usize,
    pub warnings: usize,
    /// `annexe check`: actions that meet every threshold.
    pub actions_passed: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub criterion: String,
    pub levels: [usize; 4],
}

#[derive(Debug, Clone, Serialize)]
pub struct Incomplete {
    pub path: String,
    /// Unanswered and too-thin answers, over all actions.
    pub missing: usize,
    pub thin: usize,
}

impl Summary {
    pub fn new(grid: &Grid) -> Summary {
        Summary {
            levels: grid.criteria.iter().map(|c| LevelCount { criterion: c.id.clone(), levels: [0; 4] }).collect(),
            ..Summary::default()
        }
    }

    pub fn add(&mut self, scored: &Scored) {
        self.files += 1;
        let assessment = match &scored.result {
            Ok(a) => a,
            Err(e) => {
                self.failures.push(e.clone());
                return;
            }
        };
        self.dossiers += 1;
        self.actions += assessment.actions.len();
        let (mut missing, mut thin) = (0, 0);
        for action in &assessment.actions {
            self.overall[usize::from(action.overall.min(3))] += 1;
            for c in &action.criteria {
                if let Some(count) = self.levels.iter_mut().find(|l| l.criterion == c.id) {
                    count.levels[usize::from(c.level.min(3))] += 1;
                }
            }
            missing += action.completeness.missing.len();
            thin += action.completeness.thin.len();
        }
        if missing + thin > 0 || assessment.actions.is_empty() {
            self.incomplete.push(Incomplete { path: scored.path.clone(), missing, thin });
        }
    }

    /// Failures as machine formats list them.
    pub fn failure_views(&self) -> Vec<FailureView<'_>> {
        self.failures.iter().map(FailureView::of).collect()
    }
}

/// Writes the summary in words: counts, the level distribution per criterion,
/// incomplete dossiers and unreadable files (with their line and caret).
pub fn write_summary(out: &mut dyn Write, summary: &Summary, chrome: &Chrome<'_>) -> io::Result<()> {
    let m = &chrome.msgs.report;
    let fill = crate::i18n::fill;
    writeln!(
        out,
        "{}",
        paint(
            &fill(m.summary_counts, &[("dossiers", &summary.dossiers), ("actions", &summary.actions)]),
            Paint::Bold,
            chrome.color
        )
    )?;
    if summary.actions > 0 {
        let mut t = new_table(chrome);
        let mut header = vec![comfy_table::Cell::new(m.levels_heading)];
        header.extend((0..4u8).map(|l| comfy_table::Cell::new(format!("{l} {}", chrome.level_name(l)))));
        t.set_header(header);
        for (i, count) in summary.levels.iter().enumerate() {
            let name = truncate(&format!("C{} {}", i + 1, chrome.criterion_name(&count.criterion)), 34);
            let mut row = vec![comfy_table::Cell::new(name)];
            row.extend(count.levels.iter().map(comfy_table::Cell::new));
            t.add_row(row);
        }
        let mut row = vec![comfy_table::Cell::new(m.overall)];
        row.extend(summary.overall.iter().map(comfy_table::Cell::new));
        t.add_row(row);
        tighten(&mut t);
        for i in 1..5 {
            if let Some(col) = t.column_mut(i) {
                col.set_cell_alignment(comfy_table::CellAlignment::Right);
            }
        }
        writeln!(out, "{t}")?;
    }
    if !summary.incomplete.is_empty() {
        writeln!(out, "\n{}", fill(m.incomplete_heading, &[("count", &summary.incomplete.len())]))?;
        for inc in &summary.incomplete {
            writeln!(
                out,
                "  {}{}{}",
                inc.path,
                m.colon,
                fill(m.incomplete_line, &[("missing", &inc.missing), ("thin", &inc.thin)])
            )?;
        }
    }
    if !summary.failures.is_empty() {
        writeln!(
            out,
            "\n{}",
            paint(&fill(m.failures_heading, &[("count", &summary.failures.len())]), Paint::Red, chrome.color)
        )?;
        for failure in &summary.failures {
            writeln!(out, "{}", indent(&failure.to_string(), "  "))?;
        }
    }
    Ok(())
}

/// The house style: a rule under the header, columns one space apart.
const STYLE: comfy_table::TableStyle = comfy_table::TableStyle::new()
    .header_separator(comfy_table::LineStyle::none().fill('─').junction('─'))
    .header_lines(comfy_table::ContentLineStyle::none().junction(' '))
    .content_lines(comfy_table::ContentLineStyle::none().junction(' '));

/// A table in the house style. Cells are cut to fit by the callers
/// (`report_width`), so nothing wraps.
pub fn new_table(chrome: &Chrome<'_>) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_style(STYLE);
    t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
    if chrome.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

/// No padding in `t`'s columns: the junction is the gap.
pub fn tighten(t: &mut comfy_table::Table) {
    for col in t.column_iter_mut() {
        col.set_padding((0, 0));
    }
}

/// The width reports fit in: the terminal's when writing to one, else 80.
pub fn report_width(to_terminal: bool) -> usize {
    if to_terminal {
        // comfy-table asks the terminal when it is one.
        if let Some(w) = comfy_table::Table::new().width() {
            return usize::from(w).max(80);
        }
    }
    80
}

/// Joins `items` with `sep`, starting a new line rather than going past `width`.
pub fn wrap_join(items: &[String], sep: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for item in items {
        let len = item.chars().count();
        if line_len > 0 && line_len + sep.chars().count() + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push_str(sep);
            line_len += sep.chars().count();
        }
        out.push_str(item);
        line_len += len;
    }
    out
}

pub fn indent(text: &str, prefix: &str) -> String {
    text.lines().map(|l| format!("{prefix}{l}")).collect::<Vec<_>>().join("\n")
}

/// Shortens `text` to at most `max` characters, with an ellipsis.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Shortens a path from the left, keeping the file name.
pub fn truncate_left(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_owned();
    }
    let kept: String = text.chars().skip(count - max.saturating_sub(1)).collect();
    format!("…{kept}")
}

/// Room for several JSON lines at once: fewer, larger writes.
const OUTPUT_BUFFER: usize = 1 << 16;

/// Opens where a report goes: the `-o` file, else standard output.
pub fn open_output(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => {
            let file = std::fs::File::create(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Box::new(io::BufWriter::with_capacity(OUTPUT_BUFFER, file))
        }
        None => Box::new(io::BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout().lock())),
    })
}

/// A progress bar on standard error for big batches, only when standard
/// error is a terminal and not in CI; hidden otherwise.
pub fn progress(files: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if files < 300 || in_ci || !io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} {eta}") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_keeps_ends_readable() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate_left("dir/sub/file.toml", 10), "…file.toml");
    }
}

#[cfg(test)]
mod color_tests {
    use super::*;

    #[test]
    fn color_follows_the_flag_then_no_color_then_clicolor() {
        use ColorChoice::*;
        // choice, terminal, NO_COLOR, CLICOLOR_FORCE, CLICOLOR=0, TERM=dumb
        assert!(color_decision(Auto, true, false, false, false, false));
        assert!(!color_decision(Auto, false, false, false, false, false));
        assert!(!color_decision(Auto, true, true, false, false, false));
        assert!(!color_decision(Auto, true, true, true, false, false), "NO_COLOR wins over CLICOLOR_FORCE");
        assert!(color_decision(Auto, false, false, true, false, false));
        assert!(!color_decision(Auto, true, false, false, true, false));
        assert!(!color_decision(Auto, true, false, false, false, true));
        assert!(color_decision(Always, false, true, false, true, true));
        assert!(!color_decision(Never, true, false, true, false, false));
    }
}
