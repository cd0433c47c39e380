//! The walk through the form: which question comes next, in the form's
//! order and sections, for the applicant then for each action; resuming at
//! the first unanswered question or reviewing every one; ranks kept unique;
//! partners one by one. Every answer is saved as soon as it is given (the
//! `Draft` writes the file on each change), so stopping loses nothing.

use super::{Answer, Ask, Prompter, Stop};
use crate::dossier::edit::Draft;
use crate::dossier::{Dossier, Partner, Value};
use crate::form::{Form, Kind, Question, Scope, Section};
use crate::i18n::{fill, Lang, Messages};

/// How to go through the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Ask only what has no answer yet, from the first such question on.
    Resume,
    /// Ask every question, the current answer offered for editing.
    Review,
}

/// How a walk ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The last question was answered.
    Finished,
    /// The person stopped (Ctrl-C, Esc); what was answered is saved.
    Interrupted,
}

pub struct Walk<'a, 'f, P: Prompter> {
    prompter: &'a mut P,
    draft: &'a mut Draft<'f>,
    form: &'f Form,
    /// The language questions are asked in.
    ui: Lang,
    msgs: &'static Messages,
    mode: Mode,
}

impl<'a, 'f, P: Prompter> Walk<'a, 'f, P> {
    pub fn new(prompter: &'a mut P, draft: &'a mut Draft<'f>, form: &'f Form, ui: Lang, mode: Mode) -> Self {
        Walk { prompter, draft, form, ui, msgs: ui.messages(), mode }
    }

    /// Walks the whole form. Errors are failures to save or to talk to the
    /// terminal; stopping is an `End`, not an error.
    pub fn run(mut self) -> anyhow::Result<End> {
        match self.walk() {
            Ok(()) => Ok(End::Finished),
            Err(Stop::Interrupted) => Ok(End::Interrupted),
            Err(Stop::Failed(e)) => Err(e),
        }
    }

    fn walk(&mut self) -> Answer<()> {
        let form = self.form;
        self.prompter.say(&format!("\n{}", form.title(self.ui)));
        self.prompter.say(form.repeat_note(self.ui));
        for section in form.sections.iter().filter(|s| s.scope == Scope::Dossier) {
            self.section(section, None)?;
        }
        if self.draft.dossier().actions.is_empty() {
            self.draft.add_action()?;
        }
        let mut next = 0;
        loop {
            while next < self.draft.dossier().actions.len() {
                self.action(next)?;
                next += 1;
            }
            let ask = Ask { question: self.msgs.fill_add_action, help: self.msgs.fill_add_action_help, current: "" };
            if !self.prompter.yes_no(&ask, Some(false))? {
                return Ok(());
            }
            self.draft.add_action()?;
        }
    }

    fn action(&mut self, index: usize) -> Answer<()> {
        let form = self.form;
        let sections: Vec<&Section> = form.sections.iter().filter(|s| s.scope == Scope::Action).collect();
        if !sections.iter().any(|s| s.questions.iter().any(|q| self.needs_asking(q, Some(index)))) {
            return Ok(());
        }
        let mut heading = fill(self.msgs.fill_action_heading, &[("number", &(index + 1))]);
        let action = &self.draft.dossier().actions[index];
        let title = action.title(form);
        if !title.is_empty() {
            heading = format!("{heading} : {title}");
        }
        self.prompter.say(&format!("\n##### {heading} #####"));
        for section in sections {
            self.section(section, Some(index))?;
        }
        Ok(())
    }

    /// A section's title and guidance, then its questions that need asking.
    fn section(&mut self, section: &Section, action: Option<usize>) -> Answer<()> {
        let pending: Vec<&Question> = section.questions.iter().filter(|q| self.needs_asking(q, action)).collect();
        if pending.is_empty() {
            return Ok(());
        }
        self.prompter.say(&format!("\n=== {} ===", section.title(self.ui)));
        for id in &section.guidance {
            if let Some(g) = self.form.guidance(id) {
                let mut text = g.title(self.ui).to_owned();
                for item in g.items(self.ui) {
                    text.push_str(&format!("\n  · {item}"));
                }
                self.prompter.say(&text);
            }
        }
        for q in pending {
            self.question(q, action)?;
        }
        Ok(())
    }

    fn needs_asking(&self, q: &Question, action: Option<usize>) -> bool {
        self.mode == Mode::Review || !is_answered(self.draft.dossier(), q, action)
    }

    fn question(&mut self, q: &Question, action: Option<usize>) -> Answer<()> {
        let current = current_value(self.draft.dossier(), q, action);
        let (question, help) = (q.text(self.ui), q.help(self.ui));
        match (q.kind, action) {
            (Kind::Line | Kind::Text, _) => {
                let now = match &current {
                    Some(Value::Text(t)) => t.clone(),
                    _ => String::new(),
                };
                let ask = Ask { question, help, current: &now };
                let given = if q.kind == Kind::Line {
                    self.prompter.line(&ask)?.trim().to_owned()
                } else {
                    tidy_text(&self.prompter.text(&ask)?)
                };
                if given != now || current.is_none() && !given.is_empty() {
                    self.set(q, action, &Value::Text(given))?;
                }
            }
            (Kind::YesNo, _) => {
                let now = match current {
                    Some(Value::YesNo(b)) => Some(b),
                    _ => None,
                };
                let given = self.prompter.yes_no(&Ask { question, help, current: "" }, now)?;
                if Some(given) != now {
                    self.set(q, action, &Value::YesNo(given))?;
                }
            }
            (Kind::Rank, Some(index)) => self.rank(q, index)?,
            (Kind::Partners, Some(index)) => self.partners(q, index)?,
            // The form's loader keeps ranks and partners to actions.
            (Kind::Rank | Kind::Partners, None) => {}
        }
        Ok(())
    }

    fn set(&mut self, q: &Question, action: Option<usize>, value: &Value) -> Answer<()> {
        match action {
            Some(index) => self.draft.set_action(index, q, value)?,
            None => self.draft.set_applicant(q, value)?,
        }
        Ok(())
    }

    /// The rank: the next free one proposed, a taken one refused.
    fn rank(&mut self, q: &Question, index: usize) -> Answer<()> {
        let form = self.form;
        let dossier = self.draft.dossier();
        let taken: Vec<u32> =
            dossier.actions.iter().filter(|a| a.index != index).filter_map(|a| a.rank(form)).collect();
        let now = dossier.actions[index].rank(form);
        let proposed = now.filter(|r| !taken.contains(r)).unwrap_or_else(|| next_free_rank(&taken));
        let proposed_text = proposed.to_string();
        loop {
            let ask = Ask { question: q.text(self.ui), help: q.help(self.ui), current: &proposed_text };
            let typed = self.prompter.line(&ask)?;
            let typed = typed.trim();
            let rank = if typed.is_empty() { Ok(proposed) } else { typed.parse::<u32>() };
            match rank {
                Ok(rank) if (1..=999).contains(&rank) => {
                    if taken.contains(&rank) {
                        let free = next_free_rank(&taken);
                        self.prompter.say(&fill(self.msgs.fill_rank_taken, &[("rank", &rank), ("free", &free)]));
                        continue;
                    }
                    if Some(rank) != now {
                        self.draft.set_action(index, q, &Value::Rank(rank))?;
                    }
                    return Ok(());
                }
                _ => self.prompter.say(self.msgs.fill_rank_invalid),
            }
        }
    }

    /// Partners one by one: in review, each existing one is offered for
    /// editing (an emptied name removes it); then new ones while wanted.
    fn partners(&mut self, q: &Question, index: usize) -> Answer<()> {
        let msgs = self.msgs;
        let mut text = q.text(self.ui).to_owned();
        if !q.help(self.ui).is_empty() {
            text.push_str(&format!("\n  ({})", q.help(self.ui)));
        }
        self.prompter.say(&text);
        let existing = self.current_partners(index).len();
        if self.mode == Mode::Review {
            let mut at = 0;
            for _ in 0..existing {
                if self.edit_partner(index, at)? {
                    at += 1;
                }
            }
        } else if existing > 0 {
            self.prompter.say(&fill(msgs.partners_existing, &[("count", &existing)]));
        }
        loop {
            let count = self.current_partners(index).len();
            let question = if count == 0 { msgs.partner_add } else { msgs.partner_add_another };
            if !self.prompter.yes_no(&Ask { question, help: "", current: "" }, Some(count == 0))? {
                return Ok(());
            }
            self.prompter.say(&fill(msgs.partner_heading, &[("number", &(count + 1))]));
            let ask = Ask { question: msgs.partner_name, help: msgs.partner_name_help, current: "" };
            let name = self.prompter.line(&ask)?.trim().to_owned();
            if name.is_empty() {
                return Ok(());
            }
            let at = self.draft.add_partner(index, &name)?;
            self.partner_details(index, at, &Partner::default())?;
        }
    }

    /// Offers partner `at` for editing. Returns false when it was removed.
    fn edit_partner(&mut self, index: usize, at: usize) -> Answer<bool> {
        let msgs = self.msgs;
        let Some(partner) = self.current_partners(index).get(at).cloned() else { return Ok(false) };
        self.prompter.say(&fill(msgs.partner_heading, &[("number", &(at + 1))]));
        let ask = Ask { question: msgs.partner_name, help: msgs.partner_name_review_help, current: &partner.name };
        let name = self.prompter.line(&ask)?.trim().to_owned();
        if name.is_empty() {
            self.draft.remove_partner(index, at)?;
            return Ok(false);
        }
        if name != partner.name {
            self.draft.set_partner_field(index, at, "name", name.into())?;
        }
        self.partner_details(index, at, &partner)?;
        Ok(true)
    }

    /// Kind, role and "new" of partner `at`, each saved when given.
    fn partner_details(&mut self, index: usize, at: usize, was: &Partner) -> Answer<()> {
        let (form, msgs) = (self.form, self.msgs);
        let labels: Vec<String> = form.partner_kinds.iter().map(|k| k.label(self.ui).to_owned()).collect();
        let start = was.kind.as_deref().and_then(|k| form.partner_kinds.iter().position(|p| p.id == k)).unwrap_or(0);
        let ask = Ask { question: msgs.partner_kind, help: msgs.fill_select_help, current: "" };
        let picked = self.prompter.select(&ask, &labels, start)?;
        if let Some(kind) = form.partner_kinds.get(picked) {
            if was.kind.as_deref() != Some(kind.id.as_str()) {
                self.draft.set_partner_field(index, at, "kind", kind.id.as_str().into())?;
            }
        }
        let ask = Ask { question: msgs.partner_role, help: "", current: &was.role };
        let role = self.prompter.line(&ask)?.trim().to_owned();
        // A new partner gets every field, even an empty role, to show in the file.
        if role != was.role || was.name.is_empty() {
            self.draft.set_partner_field(index, at, "role", role.into())?;
        }
        let new = self.prompter.yes_no(&Ask { question: msgs.partner_new, help: "", current: "" }, was.new)?;
        if Some(new) != was.new {
            self.draft.set_partner_field(index, at, "new", new.into())?;
        }
        Ok(())
    }

    fn current_partners(&self, index: usize) -> Vec<Partner> {
        self.draft.dossier().actions.get(index).map(|a| a.partners(self.form).to_vec()).unwrap_or_default()
    }
}

/// The smallest rank from 1 that no other action has.
pub fn next_free_rank(taken: &[u32]) -> u32 {
    (1..).find(|r| !taken.contains(r)).unwrap_or(1)
}

/// A typed text without trailing spaces on its lines nor empty lines around it.
fn tidy_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(start, |e| e + 1);
    lines[start..end].join("\n")
}

fn current_value(dossier: &Dossier, q: &Question, action: Option<usize>) -> Option<Value> {
    let answer = match action {
        Some(index) => dossier.actions.get(index).and_then(|a| a.answer(q)),
        None => dossier.applicant.get(q.slot).and_then(Option::as_ref),
    };
    answer.map(|a| a.value.clone())
}

fn is_answered(dossier: &Dossier, q: &Question, action: Option<usize>) -> bool {
    let answer = match action {
        Some(index) => dossier.actions.get(index).and_then(|a| a.answer(q)),
        None => dossier.applicant.get(q.slot).and_then(Option::as_ref),
    };
    answer.is_some_and(|a| a.is_given())
}

/// How many questions have an answer (partners count as one).
pub fn answered_count(dossier: &Dossier) -> usize {
    let given = |answers: &[Option<crate::dossier::Answer>]| answers.iter().flatten().filter(|a| a.is_given()).count();
    given(&dossier.applicant) + dossier.actions.iter().map(|a| given(&a.answers)).sum::<usize>()
}

/// How many questions are still without an answer, over the applicant and
/// every action.
pub fn unanswered_count(form: &Form, dossier: &Dossier) -> usize {
    let total = form.question_count(Scope::Dossier) + form.question_count(Scope::Action) * dossier.actions.len();
    total.saturating_sub(answered_count(dossier))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::VecDeque;
    use std::path::Path;

    use super::*;
    use crate::dossier::edit;

    /// A scripted person: each question takes the next reply; when the
    /// script runs out, the person presses Ctrl-C.
    #[derive(Debug, Clone)]
    pub enum Reply {
        Line(&'static str),
        Yes(bool),
        /// Takes the default of a yes/no question.
        Enter,
        Pick(usize),
    }

    #[derive(Default)]
    pub struct Script {
        pub replies: VecDeque<Reply>,
        /// (question, current answer offered) in the order asked.
        pub asked: Vec<(String, String)>,
        pub said: Vec<String>,
    }

    impl Script {
        pub fn new(replies: Vec<Reply>) -> Self {
            Script { replies: replies.into(), ..Script::default() }
        }

        fn next(&mut self, ask: &Ask<'_>) -> Answer<Reply> {
            self.asked.push((ask.question.to_owned(), ask.current.to_owned()));
            self.replies.pop_front().ok_or(Stop::Interrupted)
        }
    }

    impl Prompter for Script {
        fn say(&mut self, text: &str) {
            self.said.push(text.to_owned());
        }

        fn line(&mut self, ask: &Ask<'_>) -> Answer<String> {
            match self.next(ask)? {
                Reply::Line(s) => Ok(s.to_owned()),
                Reply::Enter => Ok(ask.current.to_owned()),
                other => panic!("{:?} asked as a line, scripted {other:?}", ask.question),
            }
        }

        fn text(&mut self, ask: &Ask<'_>) -> Answer<String> {
            self.line(ask)
        }

        fn yes_no(&mut self, ask: &Ask<'_>, default: Option<bool>) -> Answer<bool> {
            match self.next(ask)? {
                Reply::Yes(b) => Ok(b),
                Reply::Enter => Ok(default.unwrap_or_else(|| panic!("{:?} has no default", ask.question))),
                other => panic!("{:?} asked as yes/no, scripted {other:?}", ask.question),
            }
        }

        fn select(&mut self, ask: &Ask<'_>, options: &[String], start: usize) -> Answer<usize> {
            match self.next(ask)? {
                Reply::Pick(i) if i < options.len() => Ok(i),
                Reply::Enter => Ok(start),
                other => panic!("{:?} asked as a choice, scripted {other:?}", ask.question),
            }
        }
    }

    pub fn form() -> &'static Form {
        Box::leak(Box::new(Form::embedded().unwrap()))
    }

    fn walk(draft: &mut Draft<'static>, mode: Mode, replies: Vec<Reply>) -> (End, Script) {
        let form = form();
        let mut script = Script::new(replies);
        let end = Walk::new(&mut script, draft, form, Lang::Fr, mode).run().unwrap();
        (end, script)
    }

    fn saved(dir: &Path) -> Dossier {
        let text = std::fs::read_to_string(dir.join("d.toml")).unwrap();
        crate::dossier::parse(Path::new("d.toml"), &text, form(), Lang::Fr.messages()).unwrap()
    }

    fn text_of(d: &Dossier, action: usize, id: &str) -> String {
        d.actions[action].text(form().find(Scope::Action, id).unwrap()).to_owned()
    }

    #[test]
    fn questions_come_in_the_form_order_and_every_answer_is_saved_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut draft = Draft::create(&dir.path().join("d.toml"), form(), Lang::Fr, Lang::Fr.messages()).unwrap();
        // Applicant (3), then title, rank; then stop.
        let (end, script) = walk(
            &mut draft,
            Mode::Resume,
            vec![Reply::Line("Asso"), Reply::Line("Amiens (80)"), Reply::Line(""), Reply::Line("Crèche"), Reply::Enter],
        );
        assert_eq!(end, End::Interrupted);
        let asked: Vec<&str> = script.asked.iter().map(|(q, _)| q.as_str()).collect();
        assert_eq!(asked[0], "Nom de la structure porteuse :");
        assert_eq!(asked[3], "Intitulé de l’action :");
        assert!(asked[4].starts_with("Dans l’hypothèse où plusieurs actions"));
        assert_eq!(asked[5], "Description du projet ou de l’action : objectifs");
        // The guidance of the description section was shown before it.
        assert!(script.said.iter().any(|s| s.contains("L’innovation sociale consiste")));
        let d = saved(dir.path());
        assert_eq!(d.applicant_text(form(), "applicant.name"), "Asso");
        assert_eq!(d.actions[0].title(form()), "Crèche");
        assert_eq!(d.actions[0].rank(form()), Some(1), "the proposed rank taken on Enter");
        assert_eq!(answered_count(&d), 4);
    }

    #[test]
    fn resume_starts_at_the_first_unanswered_question() {
        let dir = tempfile::tempdir().unwrap();
        let text =
            "format = \"annexe-b/1\"\n[applicant]\nname = \"Asso\"\nterritory = \"Amiens\"\ncontact = \"x@y.fr\"\n\
                    [[actions]]\ntitle = \"Crèche\"\nrank = 1\n[actions.description]\nobjectives = \"Garder\"\n";
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        let (_, script) = walk(&mut draft, Mode::Resume, vec![Reply::Line("Ce qui se passe")]);
        assert_eq!(script.asked[0].0, "Description du projet ou de l’action : descriptif");
        assert_eq!(script.asked[1].0, "Description du projet ou de l’action : public bénéficiaire");
        assert_eq!(text_of(&saved(dir.path()), 0, "description.summary"), "Ce qui se passe");
        assert!(!script.said.iter().any(|s| s.contains("Porteur du projet")), "an answered section is not shown");
    }

    #[test]
    fn review_offers_every_current_answer_and_keeps_or_changes_it() {
        let dir = tempfile::tempdir().unwrap();
        let text = "format = \"annexe-b/1\"\n[applicant]\nname = \"Asso\"\n[[actions]]\ntitle = \"Crèche\"\nrank = 1\n\
                    [actions.novelty]\nlocally_new = false\n";
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        let mut replies = vec![Reply::Enter, Reply::Line("Amiens"), Reply::Line(""), Reply::Line("Micro-crèche")];
        replies.push(Reply::Enter); // rank kept
        replies.extend(std::iter::repeat_n(Reply::Line(""), 7)); // description (5) and need (2)
        replies.push(Reply::Enter); // locally_new kept (false)
        let (_, script) = walk(&mut draft, Mode::Review, replies);
        assert_eq!(script.asked[0], ("Nom de la structure porteuse :".to_owned(), "Asso".to_owned()));
        assert_eq!(script.asked[3].1, "Crèche");
        assert_eq!(script.asked[4].1, "1");
        let d = saved(dir.path());
        assert_eq!(d.applicant_text(form(), "applicant.name"), "Asso");
        assert_eq!(d.applicant_text(form(), "applicant.territory"), "Amiens");
        assert_eq!(d.actions[0].title(form()), "Micro-crèche");
        assert_eq!(d.actions[0].yes_no(form().find(Scope::Action, "novelty.locally_new").unwrap()), Some(false));
    }

    #[test]
    fn ranks_stay_unique() {
        let dir = tempfile::tempdir().unwrap();
        let text = "format = \"annexe-b/1\"\n[applicant]\nname = \"A\"\nterritory = \"B\"\ncontact = \"C\"\n\
                    [[actions]]\ntitle = \"Un\"\nrank = 1\n[[actions]]\ntitle = \"Deux\"\n";
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        // Resume goes to action 1's first unanswered question.
        let (_, script) = walk(&mut draft, Mode::Resume, vec![]);
        assert_eq!(script.asked[0].0, "Description du projet ou de l’action : objectifs");

        // Now walk action 2 alone: it proposes rank 2, refuses 1, then 0, takes 3.
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        let mut script = Script::new(vec![Reply::Line("1"), Reply::Line("0"), Reply::Line("trois"), Reply::Line("3")]);
        let q = form().question_of_kind(Kind::Rank).unwrap();
        let mut w = Walk::new(&mut script, &mut draft, form(), Lang::Fr, Mode::Resume);
        w.rank(q, 1).unwrap();
        assert_eq!(script.asked[0].1, "2", "the next free rank is proposed");
        assert!(script.said[0].contains("Le rang 1 est déjà celui d’une autre action"), "{:?}", script.said);
        assert!(script.said[1].contains("de 1 à 999"));
        assert!(script.said[2].contains("de 1 à 999"));
        assert_eq!(saved(dir.path()).actions[1].rank(form()), Some(3));
        assert_eq!(next_free_rank(&[1, 2, 4]), 3);
        assert_eq!(next_free_rank(&[]), 1);
    }

    #[test]
    fn partners_and_a_second_action_are_added_one_after_another() {
        let dir = tempfile::tempdir().unwrap();
        let text = "format = \"annexe-b/1\"\n[applicant]\nname = \"A\"\nterritory = \"B\"\ncontact = \"C\"\n\
                    [[actions]]\ntitle = \"Un\"\nrank = 1\n";
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        let q_partners = form().question_of_kind(Kind::Partners).unwrap();
        let mut script = Script::new(vec![
            Reply::Enter, // add a partner? (yes by default when there is none)
            Reply::Line("CCAS"),
            Reply::Pick(0),
            Reply::Line("oriente les familles"),
            Reply::Yes(true),
            Reply::Yes(true), // another
            Reply::Line("Parents"),
            Reply::Pick(5),
            Reply::Line(""),
            Reply::Yes(false),
            Reply::Enter, // another? no by default
        ]);
        Walk::new(&mut script, &mut draft, form(), Lang::Fr, Mode::Resume).partners(q_partners, 0).unwrap();
        let d = saved(dir.path());
        let partners = d.actions[0].partners(form());
        assert_eq!(partners.len(), 2);
        assert_eq!((partners[0].name.as_str(), partners[0].kind.as_deref()), ("CCAS", Some("public")));
        assert_eq!(partners[0].role, "oriente les familles");
        assert_eq!(partners[1].kind.as_deref(), Some("inhabitants"));
        assert_eq!(partners[1].new, Some(false));

        // With every question of action 1 answered, resuming asks for another
        // action; yes adds one, with rank 2 proposed.
        let mut draft = edit::Draft::open(
            &dir.path().join("d.toml"),
            &std::fs::read_to_string(dir.path().join("d.toml")).unwrap(),
            form(),
            Lang::Fr.messages(),
        )
        .unwrap();
        for q in form().questions(Scope::Action) {
            match q.kind {
                Kind::Line | Kind::Text => draft.set_action(0, q, &Value::Text("réponse".into())).unwrap(),
                Kind::YesNo => draft.set_action(0, q, &Value::YesNo(true)).unwrap(),
                Kind::Rank | Kind::Partners => {}
            }
        }
        let (end, script) = walk(&mut draft, Mode::Resume, vec![Reply::Yes(true), Reply::Line("Deux"), Reply::Enter]);
        assert_eq!(end, End::Interrupted);
        assert_eq!(script.asked[0].0, "Ajouter une autre action ?");
        assert_eq!(script.asked[2].1, "2", "the next free rank is proposed");
        let d = saved(dir.path());
        assert_eq!(d.actions.len(), 2);
        assert_eq!(d.actions[1].title(form()), "Deux");
        assert_eq!(d.actions[1].rank(form()), Some(2));
        assert_eq!(d.actions[0].partners(form()).len(), 2, "action 1 untouched");
    }

    #[test]
    fn review_of_partners_edits_and_removes() {
        let dir = tempfile::tempdir().unwrap();
        let text = "format = \"annexe-b/1\"\n[[actions]]\n[[actions.partnership.partners]]\nname = \"CCAS\"\n\
                    kind = \"public\"\nrole = \"oriente\"\nnew = true\n\
                    [[actions.partnership.partners]]\nname = \"Banque\"\nkind = \"funder\"\n";
        let mut draft = edit::Draft::open(&dir.path().join("d.toml"), text, form(), Lang::Fr.messages()).unwrap();
        let q = form().question_of_kind(Kind::Partners).unwrap();
        let mut script = Script::new(vec![
            Reply::Line(""), // remove CCAS
            Reply::Enter,    // Banque kept
            Reply::Enter,    // kind kept (cursor starts on funder)
            Reply::Line("finance"),
            Reply::Yes(false),
            Reply::Enter, // no more
        ]);
        Walk::new(&mut script, &mut draft, form(), Lang::Fr, Mode::Review).partners(q, 0).unwrap();
        let d = saved(dir.path());
        let partners = d.actions[0].partners(form());
        assert_eq!(partners.len(), 1);
        assert_eq!(partners[0].name, "Banque");
        assert_eq!(partners[0].kind.as_deref(), Some("funder"));
        assert_eq!(partners[0].role, "finance");
        assert_eq!(script.asked[1].1, "Banque");
    }

    #[test]
    fn texts_are_tidied() {
        assert_eq!(tidy_text("\n  \nligne 1  \nligne 2\n\n"), "ligne 1\nligne 2");
        assert_eq!(tidy_text("   "), "");
    }
}
