//! The Annexe B form as data (`criteria/form.toml`): sections, questions,
//! their wording in French and English, and the partner kinds.
//!
//! Everything that walks the form (the prompt, the template, the JSON Schema,
//! the exports, completeness) reads this; no question is named in Rust except
//! the few structural ones the dossier format fixes (`title`, `rank`).

use std::path::Path;

use serde::Deserialize;

use crate::i18n::Lang;
use crate::location::SourceError;

/// The form shipped in the binary.
pub const EMBEDDED: &str = include_str!("../criteria/form.toml");
pub const FILE_NAME: &str = "form.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One line of text.
    Line,
    /// Free text that may span several lines.
    Text,
    YesNo,
    /// The action's order of importance, a positive integer.
    Rank,
    /// The list of `[[actions.partnership.partners]]`.
    Partners,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Asked once per dossier (the applicant).
    Dossier,
    /// Asked for every action.
    Action,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Key path in the dossier, relative to its scope ("need.diagnosis").
    pub id: String,
    pub kind: Kind,
    pub fr: String,
    pub en: String,
    #[serde(default)]
    pub help_fr: String,
    #[serde(default)]
    pub help_en: String,
    /// Fewer words than this and the answer counts as too thin to read.
    #[serde(default)]
    pub min_words: usize,
    /// Filled in after loading: the section's scope and the question's slot
    /// in that scope's answer list.
    #[serde(skip, default = "default_scope")]
    pub scope: Scope,
    #[serde(skip)]
    pub slot: usize,
    /// The id split at its last dot: ("need", "diagnosis"), (None, "title").
    #[serde(skip)]
    pub table: Option<String>,
    #[serde(skip)]
    pub key: String,
}

fn default_scope() -> Scope {
    Scope::Action
}

impl Question {
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }

    pub fn help(&self, lang: Lang) -> &str {
        lang.pick(&self.help_fr, &self.help_en)
    }

    /// The table path and key of this question inside its scope:
    /// "need.diagnosis" → (Some("need"), "diagnosis"); "title" → (None, "title").
    pub fn table_and_key(&self) -> (Option<&str>, &str) {
        match self.id.rsplit_once('.') {
            Some((table, key)) => (Some(table), key),
            None => (None, &self.id),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub scope: Scope,
    pub title_fr: String,
    pub title_en: String,
    /// Ids of `[[guidance]]` blocks to show before the section's questions.
    #[serde(default)]
    pub guidance: Vec<String>,
    pub questions: Vec<Question>,
}

impl Section {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_fr, &self.title_en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    pub id: String,
    pub title_fr: String,
    pub title_en: String,
    pub items_fr: Vec<String>,
    pub items_en: Vec<String>,
}

impl Guidance {
    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.title_fr, &self.title_en)
    }

    pub fn items(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Fr => &self.items_fr,
            Lang::En => &self.items_en,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerKind {
    pub id: String,
    pub fr: String,
    pub en: String,
}

impl PartnerKind {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.fr, &self.en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heading {
    pub title_fr: String,
    pub title_en: String,
    pub repeat_fr: String,
    pub repeat_en: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub form: Heading,
    #[serde(default)]
    pub guidance: Vec<Guidance>,
    pub sections: Vec<Section>,
    pub partner_kinds: Vec<PartnerKind>,
}

impl Form {
    /// The form shipped with annexe.
    pub fn embedded() -> Result<Self, SourceError> {
        Self::parse(Path::new("<embedded>/criteria/form.toml"), EMBEDDED)
    }

    /// `DIR/form.toml` when the folder has one, else the embedded form.
    pub fn load(dir: Option<&Path>) -> Result<Self, SourceError> {
        if let Some(dir) = dir {
            let path = dir.join(FILE_NAME);
            if path.exists() {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| SourceError::file(&path, format!("cannot read the form: {e}")))?;
                return Self::parse(&path, &text);
            }
        }
        Self::embedded()
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, SourceError> {
        let mut form: Form = toml::from_str(text)
            .map_err(|e| SourceError::at(path, text, e.span(), e.message().trim_end().to_owned()))?;
        form.index(path, text)?;
        Ok(form)
    }

    /// Gives every question its scope and slot, and refuses ids that clash
    /// or that the dossier format cannot hold.
    fn index(&mut self, path: &Path, text: &str) -> Result<(), SourceError> {
        let mut seen = std::collections::HashSet::new();
        let (mut dossier_slots, mut action_slots) = (0, 0);
        for section in &mut self.sections {
            for q in &mut section.questions {
                q.scope = section.scope;
                let slots = match section.scope {
                    Scope::Dossier => &mut dossier_slots,
                    Scope::Action => &mut action_slots,
                };
                q.slot = *slots;
                *slots += 1;
                let (table, key) = q.table_and_key();
                (q.table, q.key) = (table.map(str::to_owned), key.to_owned());
                let span = text.find(&format!("\"{}\"", q.id)).map(|s| s..s + 1);
                if !seen.insert((section.scope == Scope::Dossier, q.id.clone())) {
                    return Err(SourceError::at(path, text, span, format!("question id `{}` is used twice", q.id)));
                }
                let depth = q.id.split('.').count();
                let valid_chars = q.id.split('.').all(|p| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                });
                if depth > 2 || !valid_chars {
                    return Err(SourceError::at(
                        path,
                        text,
                        span,
                        format!("question id `{}` must be `key` or `table.key` in lower-case snake_case", q.id),
                    ));
                }
                if section.scope == Scope::Dossier && depth != 2 {
                    return Err(SourceError::at(
                        path,
                        text,
                        span,
                        format!("applicant question `{}` must be `applicant.key`", q.id),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn questions(&self, scope: Scope) -> impl Iterator<Item = &Question> {
        self.sections.iter().filter(move |s| s.scope == scope).flat_map(|s| s.questions.iter())
    }

    pub fn question_count(&self, scope: Scope) -> usize {
        self.questions(scope).count()
    }

    pub fn find(&self, scope: Scope, id: &str) -> Option<&Question> {
        self.questions(scope).find(|q| q.id == id)
    }

    /// The question stored at `key` in `table` (None: the scope's own table).
    pub fn find_key(&self, scope: Scope, table: Option<&str>, key: &str) -> Option<&Question> {
        self.questions(scope).find(|q| q.key == key && q.table.as_deref() == table)
    }

    /// The single question of a kind that has structural meaning (rank, partners).
    pub fn question_of_kind(&self, kind: Kind) -> Option<&Question> {
        self.questions(Scope::Action).find(|q| q.kind == kind)
    }

    pub fn guidance(&self, id: &str) -> Option<&Guidance> {
        self.guidance.iter().find(|g| g.id == id)
    }

    pub fn partner_kind(&self, id: &str) -> Option<&PartnerKind> {
        self.partner_kinds.iter().find(|k| k.id == id)
    }

    pub fn title(&self, lang: Lang) -> &str {
        lang.pick(&self.form.title_fr, &self.form.title_en)
    }

    pub fn repeat_note(&self, lang: Lang) -> &str {
        lang.pick(&self.form.repeat_fr, &self.form.repeat_en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_form_has_every_question_of_annexe_b_in_order() {
        let form = Form::embedded().unwrap();
        let ids: Vec<&str> = form.questions(Scope::Action).map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "title",
                "rank",
                "description.objectives",
                "description.summary",
                "description.beneficiaries",
                "description.methods",
                "description.timeline",
                "need.unmet_needs",
                "need.diagnosis",
                "novelty.locally_new",
                "novelty.locally_new_details",
                "novelty.inspired_by",
                "novelty.adaptation",
                "global_stake.issues",
                "global_stake.local_gap",
                "partnership.novel",
                "partnership.details",
                "partnership.partners",
                "practices.tools_methods",
                "practices.iterative",
                "practices.collaborative",
                "other.notes",
            ]
        );
        let slots: Vec<usize> = form.questions(Scope::Action).map(|q| q.slot).collect();
        assert_eq!(slots, (0..ids.len()).collect::<Vec<_>>());
        assert_eq!(form.question_count(Scope::Dossier), 3);
    }

    #[test]
    fn the_form_wording_is_verbatim() {
        let form = Form::embedded().unwrap();
        let q = form.find(Scope::Action, "need.diagnosis").unwrap();
        assert_eq!(q.fr, "Comment et par qui ces besoins ont-ils été diagnostiqués, constatés, détectés ?");
    }

    #[test]
    fn an_unknown_key_in_the_form_file_is_refused_with_its_line() {
        let text = EMBEDDED.replacen("kind = \"line\"", "kind = \"line\"\nplaceholder = 1", 1);
        let err = Form::parse(Path::new("form.toml"), &text).unwrap_err();
        assert!(err.message.contains("placeholder"), "{err}");
        assert!(err.position.is_some());
    }
}
