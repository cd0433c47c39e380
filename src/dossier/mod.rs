//! The dossier: one applicant's answers to the form, as read from a TOML file
//! (`shared/dossier-format.md`). Reading is guided by the form: every known
//! question is typed, every unknown key is kept in the file and reported as a
//! warning, and every value keeps its byte span so that reports can point at
//! `FILE:LINE:COL`.

pub mod edit;
mod read;

use std::ops::Range;

use crate::form::{Form, Kind, Question, Scope};
use crate::i18n::Lang;

pub use read::{load_file, parse, read_text, ReadLimits, DEFAULT_MAX_FILE_SIZE};

/// The `format` value this version reads and writes.
pub const FORMAT: &str = "annexe-b/1";

#[derive(Debug, Clone)]
pub struct Dossier {
    /// The language the answers are written in.
    pub lang: Lang,
    /// Answers to the dossier-scope questions, by slot (see `Form`).
    pub applicant: Vec<Option<Answer>>,
    pub actions: Vec<Action>,
    /// Unknown keys and other things worth saying that do not stop reading.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone)]
pub struct Warning {
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone)]
pub struct Action {
    /// Position of the `[[actions]]` table in the file, from 0.
    pub index: usize,
    /// Span of the action's table, where findings about missing answers point.
    pub span: Range<usize>,
    /// Answers to the action-scope questions, by slot.
    pub answers: Vec<Option<Answer>>,
}

#[derive(Debug, Clone)]
pub struct Answer {
    pub value: Value,
    /// Span of the value in the file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    YesNo(bool),
    Rank(u32),
    Partners(Vec<Partner>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Partner {
    pub name: String,
    /// One of the form's partner kinds, when given.
    pub kind: Option<String>,
    pub role: String,
    /// First time these parties work together.
    pub new: Option<bool>,
    pub span: Range<usize>,
}

impl Answer {
    /// Whether this counts as answered: an empty text is "not answered yet".
    pub fn is_given(&self) -> bool {
        match &self.value {
            Value::Text(t) => !t.trim().is_empty(),
            Value::Partners(p) => !p.is_empty(),
            Value::YesNo(_) | Value::Rank(_) => true,
        }
    }
}

impl Action {
    pub fn answer(&self, question: &Question) -> Option<&Answer> {
        debug_assert_eq!(question.scope, Scope::Action);
        self.answers.get(question.slot).and_then(Option::as_ref)
    }

    /// The text of an answer, "" when absent or not text.
    pub fn text(&self, question: &Question) -> &str {
        match self.answer(question).map(|a| &a.value) {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }

    pub fn yes_no(&self, question: &Question) -> Option<bool> {
        match self.answer(question).map(|a| &a.value) {
            Some(Value::YesNo(b)) => Some(*b),
            _ => None,
        }
    }

    pub fn rank(&self, form: &Form) -> Option<u32> {
        let q = form.question_of_kind(Kind::Rank)?;
        match self.answer(q).map(|a| &a.value) {
            Some(Value::Rank(r)) => Some(*r),
            _ => None,
        }
    }

    pub fn title<'a>(&'a self, form: &Form) -> &'a str {
        form.find(Scope::Action, "title").map_or("", |q| self.text(q).trim())
    }

    pub fn partners<'a>(&'a self, form: &Form) -> &'a [Partner] {
        let Some(q) = form.question_of_kind(Kind::Partners) else { return &[] };
        match self.answer(q).map(|a| &a.value) {
            Some(Value::Partners(p)) => p,
            _ => &[],
        }
    }

    /// The rank to sort and show by: the declared one, else the position.
    pub fn effective_rank(&self, form: &Form) -> u32 {
        self.rank(form).unwrap_or(self.index as u32 + 1)
    }
}

impl Dossier {
    pub fn applicant_text<'a>(&'a self, form: &Form, id: &str) -> &'a str {
        let Some(q) = form.find(Scope::Dossier, id) else { return "" };
        match self.applicant.get(q.slot).and_then(Option::as_ref).map(|a| &a.value) {
            Some(Value::Text(t)) => t.trim(),
            _ => "",
        }
    }

    /// Actions in rank order (declared rank, then position in the file).
    pub fn actions_by_rank(&self, form: &Form) -> Vec<&Action> {
        let mut actions: Vec<&Action> = self.actions.iter().collect();
        actions.sort_by_key(|a| (a.effective_rank(form), a.index));
        actions
    }
}
