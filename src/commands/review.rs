//! `annexe review DOSSIER --reviewer NAME`: a human reviewer goes through
//! each action, the answers and the automatic reading before them, and gives
//! their own levels and comments. Every answer is saved at once, atomically,
//! in the reviewer's own file; Ctrl-C or Esc ends with exit code 130 and the
//! command that carries on. Another reviewer's file is never overwritten.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, bail};

use crate::cli::ReviewArgs;
use crate::commands::new::shell_word;
use crate::dossier::{self, ReadLimits};
use crate::exit::Outcome;
use crate::i18n::{fill, Lang};
use crate::prompt::review::ReviewWalk;
use crate::prompt::terminal::Terminal;
use crate::prompt::walk::End;
use crate::prompt::{Ask, Prompter, Stop};
use crate::review::{self, Review, ReviewDraft};
use crate::settings::{discover_config, load_form_and_grid};

pub fn run(args: &ReviewArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    let ui = Lang::resolve(lang);
    let msgs = ui.messages();
    let m = &msgs.review;
    let reviewer = args.reviewer.trim();
    if reviewer.is_empty() || review::slug(reviewer).is_empty() {
        bail!(m.empty_reviewer);
    }
    let config = discover_config(args.config.as_deref(), msgs)?;
    let (form, grid) = load_form_and_grid(criteria, config.as_ref())?;
    let reviews_dir = args.reviews_dir.clone().or_else(|| config.as_ref().and_then(|c| c.reviews_dir.clone()));

    let dossier_path = args.dossier.as_path();
    let shown_dossier = crate::batch::display_path(dossier_path);
    let (dossier, source) = dossier::load_file(dossier_path, &form, ReadLimits::default(), msgs)?;
    let assessment = crate::score::assess_dossier(&shown_dossier, &source, &dossier, &form, &grid);

    let path = review::review_path(dossier_path, reviews_dir.as_deref(), reviewer);
    let shown = crate::batch::display_path(&path);
    let refused = |e: &dyn std::fmt::Display| anyhow!("{e}\n  = {}", fill(m.not_changed, &[("path", &shown)]));
    let existing: Option<(Review, String)> = if path.exists() {
        let text = dossier::read_text(&path, ReadLimits::default(), msgs).map_err(|e| refused(&e))?;
        let r = review::parse(&path, text.clone(), &grid, msgs).map_err(|e| refused(&e))?;
        Some((r, text))
    } else {
        None
    };
    if let Some((r, _)) = &existing {
        if !review::same_reviewer(&r.reviewer, reviewer) {
            bail!(
                "{}\n  = {}",
                fill(m.other_reviewer, &[("path", &shown), ("other", &r.reviewer), ("reviewer", &reviewer)]),
                m.other_reviewer_help
            );
        }
    }
    if !std::io::stdin().is_terminal() {
        bail!(m.no_terminal);
    }

    let mut prompter = Terminal::new(ui);
    // Conflicts of interest: the reviewer's declared organisations that the
    // dossier names, asked about once (a confirmed conflict is in the file).
    let organisations: Vec<String> = config
        .iter()
        .flat_map(|c| &c.reviewers)
        .filter(|d| review::same_reviewer(&d.name, reviewer))
        .flat_map(|d| d.organisations.clone())
        .collect();
    let mut names: Vec<&str> = vec![dossier.applicant_text(&form, "applicant.name")];
    for action in &dossier.actions {
        names.extend(action.partners(&form).iter().map(|p| p.name.as_str()));
    }
    let conflicts = review::conflicts(&organisations, &names);
    let acknowledged = existing.as_ref().is_some_and(|(r, _)| !r.conflicts.is_empty());
    if !conflicts.is_empty() && !acknowledged {
        prompter.say(&fill(m.conflict_warning, &[("reviewer", &reviewer), ("organisations", &conflicts.join(", "))]));
        let ask = Ask { question: m.conflict_confirm, help: "", current: "" };
        match prompter.yes_no(&ask, Some(false)) {
            Ok(true) => {}
            Ok(false) | Err(Stop::Interrupted) => {
                eprintln!("{}", m.conflict_declined);
                return Ok(Outcome::Success);
            }
            Err(Stop::Failed(e)) => return Err(e),
        }
    }

    let mut draft = match &existing {
        Some((_, text)) => ReviewDraft::open(&path, text).map_err(|e| refused(&e))?,
        None => {
            let d = ReviewDraft::create(&path, reviewer, &shown_dossier, msgs);
            d.save()?;
            eprintln!("{}", fill(m.created, &[("path", &shown)]));
            d
        }
    };
    if !conflicts.is_empty() && !acknowledged {
        draft.set_conflicts(&conflicts)?;
    }
    eprintln!("{}", fill(m.intro, &[("dossier", &shown_dossier), ("reviewer", &reviewer), ("path", &shown)]));
    let given = existing.as_ref().map_or(0, |(r, _)| r.given());
    if given > 0 {
        eprintln!("{}", fill(m.resume, &[("levels", &levels_phrase(ui, given))]));
    }
    let end = ReviewWalk {
        prompter: &mut prompter,
        draft: &mut draft,
        form: &form,
        grid: &grid,
        dossier: &dossier,
        assessment: &assessment,
        existing: existing.as_ref().map(|(r, _)| r),
        ui,
    }
    .run()?;
    // Count what the file now holds.
    let text = dossier::read_text(&path, ReadLimits::default(), msgs)?;
    let given = review::parse(&path, text, &grid, msgs).map(|r| r.given()).unwrap_or(0);
    let levels = levels_phrase(ui, given);
    match end {
        End::Finished => {
            eprintln!("\n{}", fill(m.done, &[("levels", &levels), ("path", &shown)]));
            Ok(Outcome::Success)
        }
        End::Interrupted => {
            eprintln!("\n{}", fill(m.interrupted, &[("levels", &levels), ("path", &shown)]));
            let command = resume_command(dossier_path, reviewer, args.reviews_dir.as_deref(), lang);
            eprintln!("{}", fill(m.resume_with, &[("command", &command)]));
            Ok(Outcome::Interrupted)
        }
    }
}

/// "3 niveaux enregistrés" / "1 level saved".
pub fn levels_phrase(lang: Lang, count: usize) -> String {
    let m = &lang.messages().review;
    let one = match lang {
        Lang::Fr => count <= 1,
        Lang::En => count == 1,
    };
    fill(if one { m.levels_one } else { m.levels_many }, &[("count", &count)])
}

/// The exact command that carries on with this review.
pub fn resume_command(dossier: &Path, reviewer: &str, reviews_dir: Option<&Path>, lang: Option<Lang>) -> String {
    let mut command =
        format!("annexe review {} --reviewer {}", shell_word(&dossier.display().to_string()), shell_word(reviewer));
    if let Some(dir) = reviews_dir {
        command.push_str(&format!(" --reviews-dir {}", shell_word(&dir.display().to_string())));
    }
    if let Some(lang) = lang {
        command.push_str(&format!(" --lang {}", lang.code()));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resume_command_quotes_the_name() {
        assert_eq!(
            resume_command(Path::new("d.toml"), "Marie Dupont", None, None),
            "annexe review d.toml --reviewer 'Marie Dupont'"
        );
        assert_eq!(levels_phrase(Lang::Fr, 5), "5 niveaux enregistrés");
    }
}
