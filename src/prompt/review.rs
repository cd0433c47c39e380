//! The walk of `annexe review`: action by action, the answers section by
//! section, then for each criterion the automatic level and its evidence,
//! the reviewer's level (0–3, the rubric's descriptors beside each) and a
//! comment; then the overall judgement. Each answer is saved at once (the
//! `ReviewDraft` writes the file on each change); only what has no answer
//! yet is asked, so running it again carries on where it stopped.

use super::{Answer, Ask, Prompter, Stop};
use crate::assessment::{ActionAssessment, DossierAssessment};
use crate::criteria::Grid;
use crate::dossier::{Action, Dossier, Value};
use crate::form::{Form, Kind, Scope};
use crate::i18n::{fill, Lang, Messages};
use crate::prompt::walk::End;
use crate::review::{Review, ReviewDraft, ReviewedAction, OVERALL};

pub struct ReviewWalk<'a, P: Prompter> {
    pub prompter: &'a mut P,
    pub draft: &'a mut ReviewDraft,
    pub form: &'a Form,
    pub grid: &'a Grid,
    pub dossier: &'a Dossier,
    pub assessment: &'a DossierAssessment,
    /// What the review file already holds (None for a new review).
    pub existing: Option<&'a Review>,
    /// The language questions are asked in.
    pub ui: Lang,
}

/// Where a step stands in the review file already.
#[derive(Default, Clone, Copy)]
struct Given {
    level: bool,
    comment: bool,
}

impl<P: Prompter> ReviewWalk<'_, P> {
    pub fn run(mut self) -> anyhow::Result<End> {
        match self.walk() {
            Ok(()) => Ok(End::Finished),
            Err(Stop::Interrupted) => Ok(End::Interrupted),
            Err(Stop::Failed(e)) => Err(e),
        }
    }

    fn msgs(&self) -> &'static Messages {
        self.ui.messages()
    }

    fn given(&self, rank: u32, id: &str) -> Given {
        let Some(a) = self.existing.and_then(|r| r.action(rank)) else { return Given::default() };
        given_in(a, id)
    }

    fn walk(&mut self) -> Answer<()> {
        let assessment = self.assessment;
        for action in &assessment.actions {
            let steps: Vec<&str> = self.grid.criteria.iter().map(|c| c.id.as_str()).chain([OVERALL]).collect();
            if steps.iter().all(|id| {
                let g = self.given(action.rank, id);
                g.level && g.comment
            }) {
                continue;
            }
            self.show_action(action);
            for id in steps {
                self.step(action, id)?;
            }
        }
        Ok(())
    }

    /// The action's title and every answer, section by section.
    fn show_action(&mut self, action: &ActionAssessment) {
        let m = &self.msgs().review;
        let title = if action.title.is_empty() { self.msgs().report.untitled } else { &action.title };
        self.prompter
            .say(&format!("\n##### {} #####", fill(m.action_heading, &[("rank", &action.rank), ("title", &title)])));
        let Some(source) = self.dossier.actions.iter().find(|a| a.index == action.index) else { return };
        for section in self.form.sections.iter().filter(|s| s.scope == Scope::Action) {
            let mut lines = vec![format!("\n=== {} ===", section.title(self.ui))];
            for q in &section.questions {
                if q.kind == Kind::Rank {
                    continue;
                }
                lines.push(format!("· {}", q.text(self.ui)));
                lines.push(answer_text(source, q, self.form, self.ui, m.no_answer));
            }
            self.prompter.say(&lines.join("\n"));
        }
    }

    fn step(&mut self, action: &ActionAssessment, id: &str) -> Answer<()> {
        let msgs = self.msgs();
        let m = &msgs.review;
        let given = self.given(action.rank, id);
        if given.level && given.comment {
            return Ok(());
        }
        let (name, automatic) = if id == OVERALL {
            self.prompter.say(&format!("\n{}", m.overall_heading));
            (msgs.report.overall.to_owned(), action.overall)
        } else {
            let name = self.grid.criterion(id).map_or(id, |c| c.name(self.ui)).to_owned();
            self.prompter.say(&format!("\n{}", fill(m.criterion_heading, &[("criterion", &name)])));
            (name, action.criterion(id).map_or(0, |c| c.level))
        };
        let level_name = |l: u8| self.grid.level_name(l, self.ui).to_owned();
        self.prompter.say(&fill(m.automatic, &[("level", &format!("{automatic} {}", level_name(automatic)))]));
        if let Some(c) = action.criterion(id) {
            if c.evidence.is_empty() {
                self.prompter.say(&format!("  {}", msgs.report.no_evidence));
            }
            for e in c.evidence.iter().take(4) {
                let mark = if e.negated { format!(" ({})", msgs.report.negated) } else { String::new() };
                self.prompter.say(&format!(
                    "  {}{mark} — {}, {}",
                    fill(msgs.report.quote, &[("quote", &e.quote)]),
                    e.question,
                    e.at
                ));
            }
        }
        if !given.level {
            let options: Vec<String> =
                (0..4u8).map(|l| format!("{l} {} — {}", level_name(l), m.level_descriptions[usize::from(l)])).collect();
            let question = if id == OVERALL {
                m.overall_question.to_owned()
            } else {
                fill(m.level_question, &[("criterion", &name)])
            };
            let ask = Ask { question: &question, help: m.level_help, current: "" };
            let chosen = self.prompter.select(&ask, &options, 0)?;
            let level = u8::try_from(chosen.min(3)).unwrap_or(0);
            self.draft.set_level(action.rank, id, level).map_err(|e| Stop::Failed(e.into()))?;
        }
        let question = if id == OVERALL { m.overall_comment } else { m.comment_question };
        let comment = self.prompter.line(&Ask { question, help: m.comment_help, current: "" })?;
        self.draft.set_comment(action.rank, id, comment.trim()).map_err(|e| Stop::Failed(e.into()))?;
        Ok(())
    }
}

fn given_in(a: &ReviewedAction, id: &str) -> Given {
    if id == OVERALL {
        Given { level: a.overall.is_some(), comment: a.comment.is_some() }
    } else {
        Given { level: a.level(id).is_some(), comment: a.comments.contains_key(id) }
    }
}

/// An answer as shown to a reviewer: indented under its question.
fn answer_text(action: &Action, q: &crate::form::Question, form: &Form, lang: Lang, none: &str) -> String {
    let msgs = lang.messages();
    let text = match action.answer(q).map(|a| &a.value) {
        None => String::new(),
        Some(Value::Text(t)) => t.trim().to_owned(),
        Some(Value::YesNo(b)) => if *b { msgs.fill_yes } else { msgs.fill_no }.to_owned(),
        Some(Value::Rank(r)) => r.to_string(),
        Some(Value::Partners(partners)) => partners
            .iter()
            .map(|p| {
                let kind = p.kind.as_deref().and_then(|k| form.partner_kind(k)).map_or("", |k| k.label(lang));
                let new = match p.new {
                    Some(true) => format!(", {}", msgs.partner_new.trim_end_matches([':', ' ', '?'])),
                    _ => String::new(),
                };
                format!("{} ({kind}{new}) : {}", p.name, p.role)
            })
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if text.is_empty() {
        return format!("    {none}");
    }
    text.lines().map(|l| format!("    │ {l}")).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// Answers from a script; `None` stops as Ctrl-C does.
    struct Script {
        answers: VecDeque<Option<String>>,
        said: Vec<String>,
    }

    impl Script {
        fn next(&mut self) -> Answer<String> {
            match self.answers.pop_front() {
                Some(Some(a)) => Ok(a),
                _ => Err(Stop::Interrupted),
            }
        }
    }

    impl Prompter for Script {
        fn say(&mut self, text: &str) {
            self.said.push(text.to_owned());
        }
        fn line(&mut self, _: &Ask<'_>) -> Answer<String> {
            self.next()
        }
        fn text(&mut self, _: &Ask<'_>) -> Answer<String> {
            self.next()
        }
        fn yes_no(&mut self, _: &Ask<'_>, _: Option<bool>) -> Answer<bool> {
            Ok(self.next()? == "o")
        }
        fn select(&mut self, _: &Ask<'_>, _: &[String], _: usize) -> Answer<usize> {
            self.next()?.parse().map_err(|_| Stop::Interrupted)
        }
    }

    const DOSSIER: &str = "format = \"annexe-b/1\"\n[applicant]\nname = \"Asso\"\n[[actions]]\nrank = 1\n\
        title = \"Jardin\"\n[actions.need]\nunmet_needs = \"Pas d'espace vert.\"\n";

    #[test]
    fn a_review_is_saved_step_by_step_and_resumed() {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        let msgs = Lang::Fr.messages();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.review.m.toml");
        let dossier = crate::dossier::parse(std::path::Path::new("d.toml"), DOSSIER, &form, msgs).unwrap();
        let assessment = crate::score::assess_dossier("d.toml", DOSSIER, &dossier, &form, &grid);
        let mut draft = ReviewDraft::create(&path, "M", "d.toml", msgs);
        let s = |a: &str| Some(a.to_owned());
        // Two criteria, then Ctrl-C at the third's comment.
        let mut script = Script { answers: [s("3"), s("Bien"), s("1"), s(""), s("2"), None].into(), said: vec![] };
        let end = ReviewWalk {
            prompter: &mut script,
            draft: &mut draft,
            form: &form,
            grid: &grid,
            dossier: &dossier,
            assessment: &assessment,
            existing: None,
            ui: Lang::Fr,
        }
        .run()
        .unwrap();
        assert_eq!(end, End::Interrupted);
        assert!(script.said.iter().any(|t| t.contains("Pas d'espace vert.")), "{:?}", script.said);
        let text = std::fs::read_to_string(&path).unwrap();
        let review = crate::review::parse(&path, text.clone(), &grid, msgs).unwrap();
        let a = review.action(1).unwrap();
        assert_eq!(a.level("unmet_need"), Some(3));
        assert_eq!(a.comments.get("unmet_need").map(String::as_str), Some("Bien"));
        assert_eq!(a.level("novel_partnership"), Some(1));
        // Resume: the third criterion's comment is asked without its level, then the rest.
        let mut draft = ReviewDraft::open(&path, &text).unwrap();
        let mut script = Script { answers: [s("c3"), s("0"), s("c4"), s("2"), s("Ensemble")].into(), said: vec![] };
        let end = ReviewWalk {
            prompter: &mut script,
            draft: &mut draft,
            form: &form,
            grid: &grid,
            dossier: &dossier,
            assessment: &assessment,
            existing: Some(&review),
            ui: Lang::Fr,
        }
        .run()
        .unwrap();
        assert_eq!(end, End::Finished);
        let text = std::fs::read_to_string(&path).unwrap();
        let review = crate::review::parse(&path, text, &grid, msgs).unwrap();
        let a = review.action(1).unwrap();
        assert_eq!(a.level("collaborative_practice"), Some(2));
        assert_eq!(a.comments.get("collaborative_practice").map(String::as_str), Some("c3"));
        assert_eq!(a.level("global_stake"), Some(0));
        assert_eq!((a.overall, a.comment.as_deref()), (Some(2), Some("Ensemble")));
    }
}
