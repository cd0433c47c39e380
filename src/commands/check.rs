//! `annexe check PATH...`: thresholds applied to every action, findings
//! written where CI systems show them, and an exit code that fails the job.

use std::io::IsTerminal;
use std::path::Path;

use crate::batch::{self, Scored};
use crate::check::{self, Checked, Kind, Severity, Thresholds};
use crate::cli::{CheckArgs, CheckFormat, ColorChoice};
use crate::exit::Outcome;
use crate::i18n::{fill, Lang};
use crate::report::{self, Chrome, Format, Summary};
use crate::settings::Common;

/// Everything `check` needs, resolved once: flags over `annexe.toml`.
pub struct CheckSettings {
    pub common: Common,
    pub thresholds: Thresholds,
    pub format: CheckFormat,
    /// Whether to colour the output (`--color`, the environment, a terminal).
    pub color: bool,
}

impl CheckSettings {
    pub fn resolve(
        args: &CheckArgs,
        lang: Option<Lang>,
        criteria: Option<&Path>,
        color: ColorChoice,
    ) -> anyhow::Result<Self> {
        let common = Common::resolve(&args.input, lang, criteria)?;
        let to_terminal = common.output.is_none() && std::io::stdout().is_terminal();
        let color = report::color_allowed(color, to_terminal);
        let msgs = common.msgs;
        let mut min_level: Vec<(String, u8)> = Vec::new();
        let mut set = |id: String, level: u8| match min_level.iter_mut().find(|(i, _)| *i == id) {
            Some(entry) => entry.1 = level,
            None => min_level.push((id, level)),
        };
        let (mut min_overall, mut require_complete) = (None, false);
        if let Some(config) = &common.config {
            for (id, level, span) in &config.min_level {
                if common.grid.criterion(id).is_none() {
                    let message =
                        fill(msgs.report.unknown_criterion, &[("id", id), ("known", &common.known_criteria())]);
                    return Err(config.error_at(span.clone(), message).into());
                }
                set(id.clone(), *level);
            }
            min_overall = config.min_overall;
            require_complete = config.require_complete.unwrap_or(false);
        }
        for arg in &args.min_level {
            let parsed =
                arg.split_once('=').and_then(|(id, level)| Some((id.trim(), level.trim().parse::<u8>().ok()?)));
            let Some((id, level)) = parsed.filter(|(_, l)| *l <= 3) else {
                anyhow::bail!(fill(msgs.report.bad_min_level, &[("arg", arg)]));
            };
            set(common.criterion_id(id)?, level);
        }
        // In the grid's order, whatever the order given.
        min_level.sort_by_key(|(id, _)| common.grid.criteria.iter().position(|c| &c.id == id));
        if args.min_overall.is_some() {
            min_overall = args.min_overall;
        }
        require_complete |= args.require_complete;
        Ok(CheckSettings {
            thresholds: Thresholds { min_level, min_overall, require_complete },
            common,
            format: args.format,
            color,
        })
    }
}

pub fn run(
    args: &CheckArgs,
    lang: Option<Lang>,
    criteria: Option<&Path>,
    color: ColorChoice,
) -> anyhow::Result<Outcome> {
    let settings = CheckSettings::resolve(args, lang, criteria, color)?;
    let common = &settings.common;
    let root = check::repo_root(&std::env::current_dir()?);
    let inputs = batch::collect(&common.paths, common.exclude.as_ref(), common.msgs);
    let chrome =
        Chrome { lang: common.lang, msgs: common.msgs, grid: &common.grid, form: &common.form, color: settings.color };
    let mut format: Box<dyn Format<Checked> + '_> = match settings.format {
        CheckFormat::Text => Box::new(report::text::Text::new(chrome)),
        CheckFormat::Json => Box::new(report::json::CheckJson::new()),
        CheckFormat::Github => Box::new(report::github::Github::new(chrome)),
        CheckFormat::Sarif => Box::new(report::sarif::Sarif::new(chrome)),
        CheckFormat::Junit => Box::new(report::junit::Junit::new(chrome)),
        CheckFormat::Gitlab => Box::new(report::gitlab::Gitlab::new()),
    };
    let mut out = report::open_output(common.output.as_deref())?;
    let mut summary = Summary::new(&common.grid);
    let thresholds = &settings.thresholds;
    let mut handle = |scored: Scored, out: &mut dyn std::io::Write| {
        summary.add(&scored);
        let checked = check::check(scored, thresholds, &common.grid, common.lang, &root);
        for f in &checked.findings {
            match (f.kind, f.severity) {
                // Counted as failures by the summary already.
                (Kind::Unreadable, _) => {}
                (_, Severity::Error) => summary.errors += 1,
                (_, Severity::Warning) => summary.warnings += 1,
            }
        }
        if let Some(a) = checked.assessment() {
            summary.actions_passed += a
                .actions
                .iter()
                .filter(|action| {
                    !checked.findings.iter().any(|f| {
                        f.severity == Severity::Error && f.action.as_ref().is_some_and(|r| r.index == action.index)
                    })
                })
                .count();
        }
        format.item(out, &checked)
    };
    for error in inputs.errors {
        handle(Scored { path: batch::display_path(&error.path), result: Err(error), reviews: None }, &mut out)?;
    }
    super::score::score_with_reviews(common, &inputs.files, None, |item, _| handle(item, &mut out))?;
    format.finish(&mut out, &summary)?;
    out.flush()?;
    let outcome = if summary.errors > 0 { Outcome::Findings } else { Outcome::Success };
    if summary.failures.is_empty() {
        Ok(outcome)
    } else {
        // Unreadable files are findings of every format already.
        Ok(outcome.worst(Outcome::InputErrors))
    }
}
