//! `annexe schema`: the JSON Schema of dossiers, generated from the form
//! (`criteria/form.toml`). Each question is a property whose description is
//! its French wording; kinds give the types; partner kinds are an enum. The
//! structural keys (format, lang, applicant, actions) come from the dossier
//! format. Unknown keys are allowed, as the format keeps them (with a
//! warning) rather than refusing them.
//!
//! Draft-07, the draft every TOML editor that reads `#:schema` supports.

use std::path::Path;

use serde_json::{json, Map, Value};

use crate::cli::SchemaArgs;
use crate::dossier::{edit, FORMAT};
use crate::exit::Outcome;
use crate::form::{Form, Kind, Question, Scope};
use crate::i18n::{fill, Lang};

pub fn run(args: &SchemaArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    let msgs = Lang::resolve(lang).messages();
    let form = Form::load(criteria)?;
    let text = render(&form);
    match &args.output {
        Some(path) => {
            edit::write_atomic(path, &text)
                .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), fill(msgs.unreadable, &[("reason", &e)])))?;
            eprintln!("{}", fill(msgs.schema_written, &[("path", &path.display())]));
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(text.as_bytes())?;
        }
    }
    Ok(Outcome::Success)
}

/// The schema as written to `annexe-b.schema.json` (pretty, final newline).
pub fn render(form: &Form) -> String {
    let mut text = serde_json::to_string_pretty(&json_schema(form)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn json_schema(form: &Form) -> Value {
    let mut applicant = Map::new();
    for q in form.questions(Scope::Dossier) {
        applicant.insert(q.table_and_key().1.to_owned(), property(q));
    }

    // Action questions: top-level keys, and one table per section key.
    let mut action = Map::new();
    for q in form.questions(Scope::Action) {
        let (table, key) = q.table_and_key();
        match table {
            None => {
                action.insert(key.to_owned(), property(q));
            }
            Some(t) => {
                let entry = action.entry(t.to_owned()).or_insert_with(|| {
                    let title = form
                        .sections
                        .iter()
                        .find(|s| s.questions.iter().any(|o| o.table_and_key().0 == Some(t)))
                        .map_or("", |s| s.title_fr.as_str());
                    json!({ "type": "object", "description": title, "properties": {} })
                });
                if let Some(props) = entry.get_mut("properties").and_then(Value::as_object_mut) {
                    props.insert(key.to_owned(), property(q));
                }
            }
        }
    }

    let kinds: Vec<&str> = form.partner_kinds.iter().map(|k| k.id.as_str()).collect();
    let kind_labels: Vec<String> = form.partner_kinds.iter().map(|k| format!("{} : {}", k.id, k.fr)).collect();
    let applicant_title = form.sections.iter().find(|s| s.scope == Scope::Dossier).map_or("", |s| s.title_fr.as_str());

    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": form.title(Lang::Fr),
        "description": form.repeat_note(Lang::Fr),
        "type": "object",
        "required": ["format"],
        "properties": {
            "format": {
                "description": "Format du dossier ; toujours \"annexe-b/1\".",
                "const": FORMAT,
            },
            "lang": {
                "description": "Langue des réponses : \"fr\" (français, par défaut) ou \"en\" (anglais).",
                "type": "string",
                "enum": ["fr", "en"],
                "default": "fr",
            },
            "applicant": {
                "description": applicant_title,
                "type": "object",
                "properties": applicant,
            },
            "actions": {
                "description": form.repeat_note(Lang::Fr),
                "type": "array",
                "items": { "$ref": "#/definitions/action" },
            },
        },
        "definitions": {
            "action": {
                "type": "object",
                "properties": action,
            },
            "partner": {
                "type": "object",
                "properties": {
                    "name": { "description": "Nom du partenaire", "type": "string" },
                    "kind": {
                        "description": format!("Nature du partenaire ({})", kind_labels.join(" ; ")),
                        "type": "string",
                        "enum": kinds,
                    },
                    "role": { "description": "Rôle du partenaire dans l’action", "type": "string" },
                    "new": {
                        "description": "Première fois que vous travaillez ensemble",
                        "type": "boolean",
                    },
                },
            },
        },
    })
}

fn property(q: &Question) -> Value {
    let description = q.fr.as_str();
    match q.kind {
        Kind::Line | Kind::Text => json!({ "description": description, "type": "string" }),
        Kind::YesNo => json!({ "description": description, "type": "boolean" }),
        Kind::Rank => json!({ "description": description, "type": "integer", "minimum": 1, "maximum": 999 }),
        Kind::Partners => json!({
            "description": description,
            "type": "array",
            "items": { "$ref": "#/definitions/partner" },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_is_a_property_with_its_french_wording() {
        let form = Form::embedded().unwrap();
        let schema = json_schema(&form);
        let action = &schema["definitions"]["action"]["properties"];
        assert_eq!(
            action["need"]["properties"]["diagnosis"]["description"],
            "Comment et par qui ces besoins ont-ils été diagnostiqués, constatés, détectés ?"
        );
        assert_eq!(action["novelty"]["properties"]["locally_new"]["type"], "boolean");
        assert_eq!(action["rank"]["type"], "integer");
        assert_eq!(schema["properties"]["format"]["const"], "annexe-b/1");
        assert_eq!(schema["properties"]["applicant"]["properties"]["name"]["type"], "string");
        let kinds = schema["definitions"]["partner"]["properties"]["kind"]["enum"].as_array().unwrap();
        assert_eq!(kinds.len(), form.partner_kinds.len());
        let count = form.question_count(Scope::Action);
        let counted: usize = action
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.get("properties").and_then(Value::as_object).map_or(1, |p| p.len()))
            .sum();
        assert_eq!(counted, count);
    }
}
