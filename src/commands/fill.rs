//! `annexe fill FILE`: the form, question by question, in a terminal; or
//! answers given with `--data KEY=VALUE` / `--data-file FILE` without one.
//!
//! The file is never lost nor half-written: a dossier that does not read is
//! refused untouched (exit 2), and every answer is saved atomically as soon
//! as it is given. Ctrl-C or Esc ends with exit code 130 and the command that
//! carries on.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{anyhow, bail};

use crate::cli::FillArgs;
use crate::commands::new::{schema_path_beside, shell_word};
use crate::dossier::edit::{Draft, EditError};
use crate::dossier::{self, Partner, ReadLimits, Value, FORMAT};
use crate::exit::Outcome;
use crate::form::{Form, Kind, Scope};
use crate::i18n::{fill, Lang, Messages};
use crate::location::SourceError;
use crate::prompt::terminal::Terminal;
use crate::prompt::walk::{answered_count, unanswered_count, End, Mode, Walk};

pub fn run(args: &FillArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    let ui = Lang::resolve(lang);
    let msgs = ui.messages();
    let form = Form::load(criteria)?;
    let path = args.file.as_path();
    let shown = path.display().to_string();

    let existing = read_existing(path, msgs)?;
    let mut draft = match &existing {
        Some(text) => Draft::open(path, text, &form, msgs).map_err(|e| refused(e, msgs, &shown))?,
        None => Draft::create(path, &form, ui, msgs).map_err(anyhow::Error::new)?,
    };
    if let Some(text) = &existing {
        for w in &draft.dossier().warnings {
            let at = SourceError::at(path, text, Some(w.span.clone()), w.message.clone()).with_help(w.help.clone());
            eprintln!("{}: {at}", msgs.warning);
        }
    }

    if !args.data.is_empty() || args.data_file.is_some() {
        let mut assignments = Vec::new();
        if let Some(file) = &args.data_file {
            assignments.extend(from_file(file, &form, msgs)?);
        }
        for arg in &args.data {
            assignments.push(parse_arg(arg, &form, msgs)?);
        }
        apply(&mut draft, &form, msgs, &assignments)?;
        draft.save()?;
        let answers = answers_phrase(ui, answered_count(draft.dossier()));
        eprintln!("{}", fill(msgs.fill_data_saved, &[("answers", &answers), ("path", &shown)]));
        return Ok(Outcome::Success);
    }

    if !std::io::stdin().is_terminal() {
        bail!("{}\n  = {}", msgs.fill_no_terminal, fill(msgs.fill_no_terminal_help, &[("path", &shell_word(&shown))]));
    }

    let command = resume_command(path, lang);
    if existing.is_none() {
        draft.save()?;
        eprintln!("{}", fill(msgs.fill_created, &[("path", &shown)]));
        eprintln!("{}", fill(msgs.schema_hint, &[("schema", &schema_path_beside(path).display())]));
    }
    eprintln!("{}", fill(msgs.fill_intro, &[("path", &shown)]));
    let answered = answered_count(draft.dossier());
    let mode = if args.review { Mode::Review } else { Mode::Resume };
    if args.review {
        eprintln!("{}", msgs.fill_review);
    } else if answered > 0 {
        eprintln!("{}", fill(msgs.fill_resume, &[("answers", &answers_phrase(ui, answered))]));
    }

    let mut prompter = Terminal::new(ui);
    let end = Walk::new(&mut prompter, &mut draft, &form, ui, mode).run()?;
    let answers = answers_phrase(ui, answered_count(draft.dossier()));
    match end {
        End::Finished => {
            eprintln!("\n{}", fill(msgs.fill_done, &[("answers", &answers), ("path", &shown)]));
            let left = unanswered_count(&form, draft.dossier());
            if left > 0 {
                eprintln!("{}", fill(msgs.fill_left, &[("count", &left), ("command", &command)]));
            }
            Ok(Outcome::Success)
        }
        End::Interrupted => {
            eprintln!("\n{}", fill(msgs.fill_interrupted, &[("answers", &answers), ("path", &shown)]));
            eprintln!("{}", fill(msgs.fill_resume_with, &[("command", &command)]));
            Ok(Outcome::Interrupted)
        }
    }
}

/// The file's text when there is something to keep: None for a missing or
/// empty file (an empty file is what `annexe new` users start from too).
fn read_existing(path: &Path, msgs: &'static Messages) -> anyhow::Result<Option<String>> {
    let meta = match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        other => other,
    };
    if let Ok(meta) = meta {
        if meta.is_file() && meta.len() < 4096 {
            if let Ok(bytes) = std::fs::read(path) {
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
            }
        }
    }
    let shown = path.display().to_string();
    let text = dossier::read_text(path, ReadLimits::default(), msgs).map_err(|e| refused(e, msgs, &shown))?;
    Ok(Some(text))
}

/// The error that stops `fill` before it writes anything, with the promise
/// that the file was left as it was.
fn refused(e: impl std::fmt::Display, msgs: &Messages, shown: &str) -> anyhow::Error {
    anyhow!("{e}\n  = {}", fill(msgs.fill_not_changed, &[("path", &shown)]))
}

/// "12 réponses enregistrées" / "1 answer saved".
pub fn answers_phrase(lang: Lang, count: usize) -> String {
    let msgs = lang.messages();
    let one = match lang {
        Lang::Fr => count <= 1,
        Lang::En => count == 1,
    };
    fill(if one { msgs.answers_one } else { msgs.answers_many }, &[("count", &count)])
}

/// The exact command that carries on with this dossier.
pub fn resume_command(path: &Path, lang: Option<Lang>) -> String {
    let mut command = format!("annexe fill {}", shell_word(&path.display().to_string()));
    if let Some(lang) = lang {
        command.push_str(&format!(" --lang {}", lang.code()));
    }
    command
}

// ---------------------------------------------------------------------------
// Answers given without prompting
// ---------------------------------------------------------------------------

/// Which part of the dossier an answer goes to.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Applicant,
    /// The action with this rank (see `FillArgs::data`).
    Rank(u32),
    /// The action at this position in the file, from 0 (actions of a data
    /// file that have no rank).
    Position(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub target: Target,
    /// The question's id in the form.
    pub question: String,
    pub value: Value,
}

/// `KEY=VALUE` of `--data`.
pub fn parse_arg(arg: &str, form: &Form, msgs: &Messages) -> anyhow::Result<Assignment> {
    let Some((key, value)) = arg.split_once('=') else {
        bail!("{}", fill(msgs.data_bad_syntax, &[("arg", &arg)]));
    };
    let key = key.trim();
    let unknown = || anyhow!("{}\n  = {}", fill(msgs.data_unknown_key, &[("key", &key)]), msgs.data_keys_help);
    let (target, id, scope) = if let Some(rest) = key.strip_prefix("actions.") {
        let (rank, id) = rest.split_once('.').ok_or_else(unknown)?;
        let rank = parse_rank(rank)
            .ok_or_else(|| anyhow!("{}", fill(msgs.data_bad_rank, &[("key", &key), ("value", &rank)])))?;
        (Target::Rank(rank), id, Scope::Action)
    } else if key.starts_with("applicant.") {
        (Target::Applicant, key, Scope::Dossier)
    } else {
        return Err(unknown());
    };
    let q = form.find(scope, id).ok_or_else(unknown)?;
    let value = match q.kind {
        Kind::Line | Kind::Text => Value::Text(value.to_owned()),
        Kind::YesNo => Value::YesNo(
            parse_yes_no(value)
                .ok_or_else(|| anyhow!("{}", fill(msgs.data_bad_yes_no, &[("key", &key), ("value", &value)])))?,
        ),
        Kind::Rank => Value::Rank(
            parse_rank(value)
                .ok_or_else(|| anyhow!("{}", fill(msgs.data_bad_rank, &[("key", &key), ("value", &value)])))?,
        ),
        Kind::Partners => bail!("{}", msgs.data_partners),
    };
    Ok(Assignment { target, question: q.id.clone(), value })
}

fn parse_rank(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok().filter(|r| (1..=999).contains(r))
}

fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "oui" | "o" | "yes" | "y" | "true" | "vrai" => Some(true),
        "non" | "n" | "no" | "false" | "faux" => Some(false),
        _ => None,
    }
}

/// The answers of a `--data-file`: a dossier (its `format` line optional),
/// read by the dossier reader, so errors name the file, line and column.
/// Unknown keys are refused here: in a file meant to set answers they are
/// typos that would silently set nothing.
pub fn from_file(path: &Path, form: &Form, msgs: &'static Messages) -> anyhow::Result<Vec<Assignment>> {
    let text = dossier::read_text(path, ReadLimits::default(), msgs)?;
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let has_format = toml::from_str::<toml::Table>(body).map_or(true, |t| t.contains_key("format"));
    let (source, shift) = if has_format { (body.to_owned(), 0) } else { (format!("format = \"{FORMAT}\"\n{body}"), 1) };
    let unshift = |mut e: SourceError| {
        if let Some(p) = &mut e.position {
            p.line = p.line.saturating_sub(shift).max(1);
        }
        e
    };
    let d = dossier::parse(path, &source, form, msgs).map_err(unshift)?;
    if let Some(w) = d.warnings.first() {
        let e = SourceError::at(path, &source, Some(w.span.clone()), w.message.clone()).with_help(w.help.clone());
        return Err(unshift(e).into());
    }
    let mut out = Vec::new();
    for q in form.questions(Scope::Dossier) {
        if let Some(a) = d.applicant.get(q.slot).and_then(Option::as_ref) {
            out.push(Assignment { target: Target::Applicant, question: q.id.clone(), value: a.value.clone() });
        }
    }
    for action in &d.actions {
        let target = action.rank(form).map_or(Target::Position(action.index), Target::Rank);
        for q in form.questions(Scope::Action) {
            if q.kind == Kind::Rank {
                continue; // the target carries it
            }
            if let Some(a) = action.answer(q) {
                out.push(Assignment { target: target.clone(), question: q.id.clone(), value: a.value.clone() });
            }
        }
        if action.answers.iter().all(Option::is_none) {
            // An action with nothing but its rank still exists.
            if let Target::Rank(_) = target {
                if let Some(q) = form.question_of_kind(Kind::Rank) {
                    if let Some(a) = action.answer(q) {
                        out.push(Assignment { target, question: q.id.clone(), value: a.value.clone() });
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Sets every answer, in order, saving after each.
pub fn apply(draft: &mut Draft<'_>, form: &Form, msgs: &Messages, assignments: &[Assignment]) -> anyhow::Result<()> {
    for a in assignments {
        let scope = if a.target == Target::Applicant { Scope::Dossier } else { Scope::Action };
        let q = form.find(scope, &a.question).ok_or_else(|| anyhow!("unknown question `{}`", a.question))?;
        let index = match a.target {
            Target::Applicant => {
                draft.set_applicant(q, &a.value)?;
                continue;
            }
            Target::Rank(rank) => action_of_rank(draft, form, rank)?,
            Target::Position(at) => {
                if at < draft.dossier().actions.len() {
                    at
                } else {
                    draft.add_action()?
                }
            }
        };
        match &a.value {
            Value::Partners(partners) => replace_partners(draft, form, index, partners)?,
            Value::Rank(rank) => {
                let taken = draft.dossier().actions.iter().any(|o| o.index != index && o.rank(form) == Some(*rank));
                if taken {
                    bail!("--data {}: {}", a.question, fill(msgs.duplicate_rank, &[("rank", rank)]));
                }
                draft.set_action(index, q, &a.value)?;
            }
            value => draft.set_action(index, q, value)?,
        }
    }
    Ok(())
}

/// The action with rank `rank`; else the first action without a rank, which
/// takes it; else a new action with that rank.
fn action_of_rank(draft: &mut Draft<'_>, form: &Form, rank: u32) -> Result<usize, EditError> {
    let actions = &draft.dossier().actions;
    if let Some(a) = actions.iter().find(|a| a.rank(form) == Some(rank)) {
        return Ok(a.index);
    }
    let index = match actions.iter().find(|a| a.rank(form).is_none()) {
        Some(a) => a.index,
        None => draft.add_action()?,
    };
    if let Some(q) = form.question_of_kind(Kind::Rank) {
        draft.set_action(index, q, &Value::Rank(rank))?;
    }
    Ok(index)
}

fn replace_partners(draft: &mut Draft<'_>, form: &Form, index: usize, partners: &[Partner]) -> Result<(), EditError> {
    let existing = draft.dossier().actions.get(index).map_or(0, |a| a.partners(form).len());
    for _ in 0..existing {
        draft.remove_partner(index, 0)?;
    }
    for p in partners {
        let at = draft.add_partner(index, &p.name)?;
        if let Some(kind) = &p.kind {
            draft.set_partner_field(index, at, "kind", kind.as_str().into())?;
        }
        draft.set_partner_field(index, at, "role", p.role.as_str().into())?;
        if let Some(new) = p.new {
            draft.set_partner_field(index, at, "new", new.into())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> &'static Form {
        Box::leak(Box::new(Form::embedded().unwrap()))
    }

    fn msgs() -> &'static Messages {
        Lang::Fr.messages()
    }

    #[test]
    fn data_arguments_are_parsed_by_kind() {
        let a = parse_arg("actions.1.need.diagnosis=Enquête CCAS = 2023", form(), msgs()).unwrap();
        assert_eq!(a.target, Target::Rank(1));
        assert_eq!(a.question, "need.diagnosis");
        assert_eq!(a.value, Value::Text("Enquête CCAS = 2023".into()));
        let a = parse_arg("applicant.name=Asso", form(), msgs()).unwrap();
        assert_eq!((a.target, a.question.as_str()), (Target::Applicant, "applicant.name"));
        let a = parse_arg("actions.2.novelty.locally_new=Oui", form(), msgs()).unwrap();
        assert_eq!(a.value, Value::YesNo(true));
        let a = parse_arg("actions.2.rank=3", form(), msgs()).unwrap();
        assert_eq!(a.value, Value::Rank(3));
        for (bad, says) in [
            ("applicant.name", "CLÉ=VALEUR"),
            ("actions.x.title=a", "le rang"),
            ("actions.0.title=a", "le rang"),
            ("actions.1.budget=3", "clé `actions.1.budget` inconnue"),
            ("actions.1=3", "inconnue"),
            ("applicant.budget=3", "inconnue"),
            ("title=a", "inconnue"),
            ("actions.1.novelty.locally_new=peut-être", "oui ou non"),
            ("actions.1.rank=mille", "le rang"),
            ("actions.1.partnership.partners=x", "--data-file"),
        ] {
            let err = parse_arg(bad, form(), msgs()).unwrap_err().to_string();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    #[test]
    fn data_goes_to_the_action_of_that_rank_or_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.toml");
        let mut draft = Draft::create(&path, form(), Lang::Fr, msgs()).unwrap();
        let args = [
            "actions.1.title=Crèche",        // the blank action takes rank 1
            "actions.2.title=Jardin",        // a new action with rank 2
            "actions.1.need.diagnosis=CCAS", // back to rank 1
            "actions.2.novelty.locally_new=non",
        ];
        let assignments: Vec<_> = args.iter().map(|a| parse_arg(a, form(), msgs()).unwrap()).collect();
        apply(&mut draft, form(), msgs(), &assignments).unwrap();
        let d = draft.dossier();
        assert_eq!(d.actions.len(), 2);
        assert_eq!((d.actions[0].title(form()), d.actions[0].rank(form())), ("Crèche", Some(1)));
        assert_eq!((d.actions[1].title(form()), d.actions[1].rank(form())), ("Jardin", Some(2)));
        assert_eq!(d.actions[0].text(form().find(Scope::Action, "need.diagnosis").unwrap()), "CCAS");
        // Giving action 2 the rank of action 1 is refused.
        let clash = [parse_arg("actions.2.rank=1", form(), msgs()).unwrap()];
        let err = apply(&mut draft, form(), msgs(), &clash).unwrap_err().to_string();
        assert!(err.contains("déjà celui d’une autre action"), "{err}");
    }

    #[test]
    fn a_data_file_sets_answers_and_partners_and_refuses_typos_with_their_line() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("answers.toml");
        std::fs::write(
            &data,
            "[applicant]\nname = \"Asso\"\n[[actions]]\nrank = 2\ntitle = \"Jardin\"\n\
             [[actions.partnership.partners]]\nname = \"Mairie\"\nkind = \"public\"\nnew = false\n",
        )
        .unwrap();
        let assignments = from_file(&data, form(), msgs()).unwrap();
        let mut draft = Draft::create(&dir.path().join("d.toml"), form(), Lang::Fr, msgs()).unwrap();
        apply(&mut draft, form(), msgs(), &assignments).unwrap();
        let d = draft.dossier();
        assert_eq!(d.applicant_text(form(), "applicant.name"), "Asso");
        assert_eq!(d.actions.len(), 1, "the blank action took rank 2");
        assert_eq!(d.actions[0].rank(form()), Some(2));
        assert_eq!(d.actions[0].partners(form())[0].name, "Mairie");
        assert_eq!(d.actions[0].partners(form())[0].new, Some(false));

        std::fs::write(&data, "[applicant]\nname = \"Asso\"\nnmae = \"typo\"\n").unwrap();
        let err = from_file(&data, form(), msgs()).unwrap_err().to_string();
        assert!(err.contains("answers.toml:3:1:"), "{err}");
        std::fs::write(&data, "[[actions]]\n[actions.novelty]\nlocally_new = \"oui\"\n").unwrap();
        let err = from_file(&data, form(), msgs()).unwrap_err().to_string();
        assert!(err.contains("answers.toml:3:15:"), "{err}");
    }

    #[test]
    fn the_resume_command_and_the_count_read_naturally() {
        assert_eq!(resume_command(Path::new("mon dossier.toml"), None), "annexe fill 'mon dossier.toml'");
        assert_eq!(resume_command(Path::new("d.toml"), Some(Lang::En)), "annexe fill d.toml --lang en");
        assert_eq!(answers_phrase(Lang::Fr, 0), "0 réponse enregistrée");
        assert_eq!(answers_phrase(Lang::Fr, 1), "1 réponse enregistrée");
        assert_eq!(answers_phrase(Lang::Fr, 12), "12 réponses enregistrées");
        assert_eq!(answers_phrase(Lang::En, 0), "0 answers saved");
    }
}
