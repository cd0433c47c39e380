//! The ranking table of `annexe score` for several dossiers: one row per
//! action, the four criterion levels side by side (never only a total), the
//! overall judgement and the score; then the summary.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment, Color};

use super::{
    level_paint, new_table, tighten, truncate, truncate_left, wrap_join, write_summary, Chrome, Format, Paint, Summary,
};
use crate::assessment::{ActionAssessment, DossierAssessment};
use crate::batch::Scored;
use crate::criteria::Grid;
use crate::i18n::fill;

/// How the table is ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Order {
    /// Overall judgement, then score, best first.
    Score,
    /// File path, then rank.
    Path,
    /// Applicant name, then path and rank.
    Applicant,
    /// The best lowest criterion first, then overall and score.
    Weakest,
    /// One criterion's level, then its score, best first.
    Criterion(String),
}

/// The little the table keeps of each action.
pub(super) struct Row {
    path: String,
    applicant: String,
    rank: u32,
    index: usize,
    title: String,
    levels: Vec<u8>,
    scores: Vec<u8>,
    overall: u8,
    score: u8,
    /// The human reviews of the action, when it has any.
    pub(super) reviews: Option<crate::assessment::ActionReviews>,
}

pub struct Table<'a> {
    chrome: Chrome<'a>,
    order: Order,
    top: Option<usize>,
    width: usize,
    rows: Vec<Row>,
    /// Rank on the reviewers' normalised overall levels (`--normalize`).
    normalize: bool,
    /// Actions to discuss first (`--disagreements`).
    disagreements: bool,
}

impl<'a> Table<'a> {
    /// `width`: the columns to fit in (80 unless on a wider terminal).
    pub fn new(chrome: Chrome<'a>, order: Order, top: Option<usize>, width: usize) -> Self {
        Table { chrome, order, top, width, rows: Vec::new(), normalize: false, disagreements: false }
    }

    /// `--normalize` and `--disagreements`.
    pub fn with_reviews(mut self, normalize: bool, disagreements: bool) -> Self {
        self.normalize = normalize;
        self.disagreements = disagreements;
        self
    }

    fn sort(&mut self) {
        sort_rows(&mut self.rows, &self.order, self.chrome.grid, |r| r);
        if self.normalize {
            // Reviewed actions first, by their normalised overall level; the
            // order above breaks ties and ranks the others (a stable sort).
            let key = |r: &Row| r.reviews.as_ref().and_then(|a| a.overall.normalized_mean);
            self.rows.sort_by(|a, b| match (key(a), key(b)) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        if self.disagreements {
            self.rows.sort_by_key(|r| !r.reviews.as_ref().is_some_and(|a| a.to_discuss));
        }
    }
}

/// Sorts items by `order`, each seen through the ranking row `row` gives
/// (shared with the HTML report, so both rank alike).
pub(super) fn sort_rows<T>(items: &mut [T], order: &Order, grid: &Grid, row: impl Fn(&T) -> &Row) {
    let by_place = |a: &Row, b: &Row| (&a.path, a.rank, a.index).cmp(&(&b.path, b.rank, b.index));
    match order {
        Order::Path => items.sort_by(|a, b| by_place(row(a), row(b))),
        Order::Score => items.sort_by(|a, b| {
            let (a, b) = (row(a), row(b));
            (b.overall, b.score).cmp(&(a.overall, a.score)).then_with(|| by_place(a, b))
        }),
        Order::Applicant => items.sort_by(|a, b| {
            let (a, b) = (row(a), row(b));
            a.applicant.to_lowercase().cmp(&b.applicant.to_lowercase()).then_with(|| by_place(a, b))
        }),
        Order::Weakest => items.sort_by(|a, b| {
            let (a, b) = (row(a), row(b));
            let floor = |r: &Row| r.levels.iter().copied().min().unwrap_or(0);
            (floor(b), b.overall, b.score).cmp(&(floor(a), a.overall, a.score)).then_with(|| by_place(a, b))
        }),
        Order::Criterion(id) => {
            let i = grid.criteria.iter().position(|c| &c.id == id).unwrap_or(0);
            let key = |r: &Row| (r.levels.get(i).copied(), r.scores.get(i).copied());
            items.sort_by(|a, b| {
                let (a, b) = (row(a), row(b));
                key(b).cmp(&key(a)).then_with(|| by_place(a, b))
            })
        }
    }
}

impl Row {
    pub(super) fn of(path: &str, dossier: &DossierAssessment, action: &ActionAssessment) -> Row {
        Row {
            path: path.to_owned(),
            applicant: dossier.applicant.clone(),
            rank: action.rank,
            index: action.index,
            title: action.title.clone(),
            levels: action.criteria.iter().map(|c| c.level).collect(),
            scores: action.criteria.iter().map(|c| c.score).collect(),
            overall: action.overall,
            score: action.score,
            reviews: None,
        }
    }
}

impl Format<Scored> for Table<'_> {
    fn item(&mut self, _out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        let Ok(a) = &item.result else { return Ok(()) };
        for action in &a.actions {
            let mut row = Row::of(&item.path, a, action);
            row.reviews = item
                .reviews
                .as_ref()
                .and_then(|r| r.actions.iter().find(|x| x.index == action.index))
                .filter(|x| x.is_reviewed())
                .cloned();
            self.rows.push(row);
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.sort();
        let chrome = self.chrome;
        let m = &chrome.msgs.report;
        if !self.rows.is_empty() {
            let mut t = new_table(&chrome);
            let criteria = chrome.grid.criteria.len();
            let mut header: Vec<Cell> = vec![Cell::new(m.file), Cell::new(m.applicant), Cell::new(m.action)];
            header.extend((1..=criteria).map(|i| Cell::new(format!("C{i}"))));
            header.push(Cell::new(m.overall));
            header.push(Cell::new(m.score));
            t.set_header(header);
            // Fixed columns: levels (2 each), the overall judgement, the score,
            // one space between columns; the rest goes to the three texts.
            let overall_width = (0..4u8)
                .map(|l| self.chrome.level_name(l).chars().count() + 2)
                .chain([m.overall.chars().count()])
                .max()
                .unwrap_or(10);
            let fixed = criteria * 3 + overall_width + 1 + m.score.chars().count().max(3) + 1 + 2;
            let free = self.width.saturating_sub(fixed).max(30);
            let (file_w, applicant_w) = (free * 30 / 100, free * 25 / 100);
            let action_w = free - file_w - applicant_w - 2;
            let shown = self.top.unwrap_or(self.rows.len());
            for row in self.rows.iter().take(shown) {
                let mut cells = vec![
                    Cell::new(truncate_left(&row.path, file_w)),
                    Cell::new(truncate(&row.applicant, applicant_w)),
                    Cell::new(truncate(&format!("{}{}. {}", flag(row), row.rank, row.title), action_w)),
                ];
                cells.extend(row.levels.iter().map(|&l| level_cell(&l.to_string(), l, chrome.color)));
                let overall = format!("{} {}", row.overall, chrome.level_name(row.overall));
                cells.push(level_cell(&overall, row.overall, chrome.color));
                cells.push(Cell::new(row.score));
                t.add_row(cells);
            }
            tighten(&mut t);
            for i in (3..3 + criteria).chain([4 + criteria]) {
                if let Some(col) = t.column_mut(i) {
                    col.set_cell_alignment(CellAlignment::Right);
                }
            }
            writeln!(out, "{t}")?;
            if shown < self.rows.len() {
                writeln!(out, "{}", fill(m.top_note, &[("shown", &shown), ("total", &self.rows.len())]))?;
            }
            let mut legend: Vec<String> = chrome
                .grid
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| format!("C{} {}", i + 1, c.name(chrome.lang)))
                .collect();
            let levels: Vec<String> = (0..4u8).map(|l| format!("{l} {}", chrome.level_name(l))).collect();
            legend.push(format!("{}{}{}", m.levels_legend, m.colon, levels.join(", ")));
            let reviewed: Vec<&Row> = self.rows.iter().take(shown).filter(|r| r.reviews.is_some()).collect();
            if reviewed.iter().any(|r| r.reviews.as_ref().is_some_and(|a| a.to_discuss)) {
                legend.push(format!("⚑ {}", chrome.msgs.review.to_discuss));
            }
            writeln!(out, "{}\n", wrap_join(&legend, " · ", self.width))?;
            if !reviewed.is_empty() {
                writeln!(out, "{}", super::reviews::title(&chrome))?;
                for row in reviewed {
                    if let Some(a) = &row.reviews {
                        let place = truncate(
                            &format!("{} · {}. {}", row.path, row.rank, row.title),
                            self.width.saturating_sub(16),
                        );
                        writeln!(out, "{}", super::reviews::heading(&chrome, &place, a))?;
                        super::reviews::write_action(out, &chrome, a, "  ")?;
                    }
                }
                for note in super::reviews::notes(&chrome, self.normalize, self.disagreements) {
                    writeln!(
                        out,
                        "{}",
                        wrap_join(&note.split(' ').map(str::to_owned).collect::<Vec<_>>(), " ", self.width)
                    )?;
                }
                writeln!(out)?;
            }
        }
        write_summary(out, summary, &chrome)
    }
}

/// `⚑ ` before an action to discuss.
fn flag(row: &Row) -> &'static str {
    if row.reviews.as_ref().is_some_and(|a| a.to_discuss) {
        "⚑ "
    } else {
        ""
    }
}

fn level_cell(text: &str, level: u8, color: bool) -> Cell {
    let cell = Cell::new(text);
    if !color {
        return cell;
    }
    cell.fg(match level_paint(level) {
        Paint::Red => Color::Red,
        Paint::Yellow => Color::Yellow,
        Paint::Cyan => Color::Cyan,
        _ => Color::Green,
    })
}
