//! Reading a dossier file: bytes → UTF-8 → TOML with spans → the typed model.

use std::io::Read;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{Action, Answer, Dossier, Partner, Value, Warning, FORMAT};
use crate::form::{Form, Kind, Question, Scope};
use crate::i18n::{fill, Lang, Messages};
use crate::location::{Position, SourceError};

/// Dossiers are a few tens of KB; anything much larger is not one.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    pub max_file_size: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_size: DEFAULT_MAX_FILE_SIZE }
    }
}

/// Reads and parses a dossier file. Returns the dossier and its source text
/// (kept by callers that point into the file).
pub fn load_file(
    path: &Path,
    form: &Form,
    limits: ReadLimits,
    msgs: &Messages,
) -> Result<(Dossier, String), SourceError> {
    let source = read_text(path, limits, msgs)?;
    let dossier = parse(path, &source, form, msgs)?;
    Ok((dossier, source))
}

/// The file's text, refusing what is not a dossier-sized UTF-8 text.
pub fn read_text(path: &Path, limits: ReadLimits, msgs: &Messages) -> Result<String, SourceError> {
    let unreadable = |e: std::io::Error| SourceError::file(path, fill(msgs.unreadable, &[("reason", &e)]));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(SourceError::file(path, msgs.not_a_file));
    }
    let too_large = |size: u64| {
        SourceError::file(path, fill(msgs.too_large, &[("size", &size), ("limit", &limits.max_file_size)]))
            .with_help(msgs.too_large_help)
    };
    if meta.len() > limits.max_file_size {
        return Err(too_large(meta.len()));
    }
    // The size can change between stat and read: never read past the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limits.max_file_size + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > limits.max_file_size {
        return Err(too_large(bytes.len() as u64));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..valid_up_to]).into_owned();
        let at = Position::of(&valid, valid.len());
        SourceError::file(path, fill(msgs.not_utf8, &[("line", &at.line), ("column", &at.column)]))
            .with_help(msgs.not_utf8_help)
    })?;
    if text.trim().is_empty() {
        let shown = path.display();
        return Err(SourceError::file(path, msgs.empty_file).with_help(fill(msgs.empty_file_help, &[("path", &shown)])));
    }
    Ok(text)
}

/// Parses dossier text. Structural problems (syntax, wrong types, unknown
/// format) are errors; unknown keys and duplicate ranks are warnings.
pub fn parse(path: &Path, source: &str, form: &Form, msgs: &Messages) -> Result<Dossier, SourceError> {
    // Some Windows editors start files with a byte order mark: parse what
    // follows it, and shift spans back so positions match the file.
    let (offset, body) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (source.len() - rest.len(), rest),
        None => (0, source),
    };
    let root = DeTable::parse(body).map_err(|e| {
        let span = e.span().map(|s| s.start + offset..s.end + offset);
        SourceError::at(path, source, span, e.message().trim_end().to_owned()).with_help(msgs.toml_syntax_help)
    })?;
    let mut reader = Reader { path, source, offset, form, msgs, warnings: Vec::new() };
    reader.dossier(root.get_ref(), root.span())
}

struct Reader<'a> {
    path: &'a Path,
    source: &'a str,
    /// Bytes before what the TOML parser saw (a byte order mark).
    offset: usize,
    form: &'a Form,
    msgs: &'a Messages,
    warnings: Vec<Warning>,
}

type Table<'i> = DeTable<'i>;

/// A key path and one more key, joined only when an error message needs it.
struct Dotted<'a>(&'a dyn std::fmt::Display, &'a str);

impl std::fmt::Display for Dotted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// What a key should have held, for "wrong type" messages.
#[derive(Clone, Copy)]
enum Expected {
    Text,
    YesNo,
    Number,
    Table,
    Tables,
}

/// A dotted key path, joined only when an error message needs it.
struct KeyPath<'a>(&'a [&'a str]);

impl std::fmt::Display for KeyPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, part) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(part)?;
        }
        Ok(())
    }
}

impl Reader<'_> {
    fn span(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn error(&self, span: Range<usize>, message: String) -> SourceError {
        SourceError::at(self.path, self.source, Some(self.span(span)), message)
    }

    fn warn_unknown(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, prefix: &str) {
        let full = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
        self.warnings.push(Warning {
            span: self.span(key.span()),
            message: fill(self.msgs.unknown_key, &[("key", &full)]),
            help: self.msgs.unknown_key_help.to_owned(),
        });
    }

    fn wrong_type(&self, key: &dyn std::fmt::Display, value: &Spanned<DeValue<'_>>, expected: Expected) -> SourceError {
        let m = self.msgs;
        let (expected, example) = match expected {
            Expected::Text => (m.type_text, "\"…\""),
            Expected::YesNo => (m.type_yes_no, "true"),
            Expected::Number => (m.type_number, "1"),
            Expected::Table => (m.type_table, "[…]"),
            Expected::Tables => (m.type_tables, "[[…]]"),
        };
        let found = match value.get_ref() {
            DeValue::String(_) => m.type_text,
            DeValue::Boolean(_) => m.type_yes_no,
            DeValue::Integer(_) | DeValue::Float(_) => m.type_number,
            DeValue::Table(_) => m.type_table,
            DeValue::Array(_) => m.type_list,
            DeValue::Datetime(_) => m.type_date,
        };
        self.error(value.span(), fill(m.wrong_type, &[("key", &key), ("expected", &expected), ("found", &found)]))
            .with_help(fill(m.wrong_type_help, &[("example", &example)]))
    }

    fn string<'v>(&self, key: &dyn std::fmt::Display, value: &'v Spanned<DeValue<'_>>) -> Result<&'v str, SourceError> {
        match value.get_ref() {
            DeValue::String(s) => Ok(s),
            _ => Err(self.wrong_type(key, value, Expected::Text)),
        }
    }

    fn table<'v, 'i>(
        &self,
        key: &dyn std::fmt::Display,
        value: &'v Spanned<DeValue<'i>>,
    ) -> Result<&'v Table<'i>, SourceError> {
        match value.get_ref() {
            DeValue::Table(t) => Ok(t),
            _ => Err(self.wrong_type(key, value, Expected::Table)),
        }
    }

    fn dossier(&mut self, root: &Table<'_>, root_span: Range<usize>) -> Result<Dossier, SourceError> {
        match root.get("format") {
            None => {
                return Err(SourceError::at(
                    self.path,
                    self.source,
                    Some(self.span(root_span.start..root_span.start)),
                    self.msgs.missing_format,
                )
                .with_help(self.msgs.missing_format_help))
            }
            Some(v) => {
                let found = self.string(&"format", v)?;
                if found != FORMAT {
                    return Err(self.error(v.span(), fill(self.msgs.unsupported_format, &[("found", &found)])));
                }
            }
        }
        let mut lang = Lang::Fr;
        let mut applicant = vec![None; self.form.question_count(Scope::Dossier)];
        let mut actions = Vec::new();
        for (key, value) in root.iter() {
            match key.get_ref().as_ref() {
                "format" => {}
                "lang" => {
                    let code = self.string(&"lang", value)?;
                    lang = Lang::from_code(code)
                        .ok_or_else(|| self.error(value.span(), fill(self.msgs.bad_lang, &[("found", &code)])))?;
                }
                "applicant" => {
                    let table = self.table(&"applicant", value)?;
                    self.answers(table, "applicant", Scope::Dossier, &mut applicant)?;
                }
                "actions" => actions = self.actions(value)?,
                _ => self.warn_unknown(key, ""),
            }
        }
        self.check_ranks(&actions);
        // The parser's tables are sorted by key: report in file order.
        self.warnings.sort_by_key(|w| w.span.start);
        Ok(Dossier { lang, applicant, actions, warnings: std::mem::take(&mut self.warnings) })
    }

    fn actions(&mut self, value: &Spanned<DeValue<'_>>) -> Result<Vec<Action>, SourceError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.wrong_type(&"actions", value, Expected::Tables));
        };
        let slots = self.form.question_count(Scope::Action);
        let mut actions = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let table = self.table(&"actions", item)?;
            let mut answers = vec![None; slots];
            self.answers(table, "actions", Scope::Action, &mut answers)?;
            actions.push(Action { index, span: self.span(item.span()), answers });
        }
        Ok(actions)
    }

    /// Reads the answers of one scope's table: top-level keys and one level of
    /// sub-tables, as the form's ids say (`title`, `need.diagnosis`).
    fn answers(
        &mut self,
        table: &Table<'_>,
        prefix: &str,
        scope: Scope,
        out: &mut [Option<Answer>],
    ) -> Result<(), SourceError> {
        let form = self.form;
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            // Dossier-scope ids carry their table ("applicant.name").
            let table_name = (scope == Scope::Dossier).then_some(prefix);
            if let Some(q) = form.find_key(scope, table_name, name) {
                out[q.slot] = Some(self.answer(q, &KeyPath(&[prefix, name]), value)?);
                continue;
            }
            let is_section = scope == Scope::Action && form.questions(scope).any(|q| q.table.as_deref() == Some(name));
            if !is_section {
                self.warn_unknown(key, prefix);
                continue;
            }
            let section = self.table(&KeyPath(&[prefix, name]), value)?;
            for (sub_key, sub_value) in section.iter() {
                let sub_name = sub_key.get_ref().as_ref();
                match form.find_key(scope, Some(name), sub_name) {
                    Some(q) => out[q.slot] = Some(self.answer(q, &KeyPath(&[prefix, name, sub_name]), sub_value)?),
                    None => self.warn_unknown(sub_key, &format!("{prefix}.{name}")),
                }
            }
        }
        Ok(())
    }

    fn answer(
        &mut self,
        question: &Question,
        key: &KeyPath<'_>,
        value: &Spanned<DeValue<'_>>,
    ) -> Result<Answer, SourceError> {
        let span = self.span(value.span());
        let value = match question.kind {
            Kind::Line | Kind::Text => Value::Text(self.string(key, value)?.to_owned()),
            Kind::YesNo => match value.get_ref() {
                DeValue::Boolean(b) => Value::YesNo(*b),
                _ => return Err(self.wrong_type(key, value, Expected::YesNo)),
            },
            Kind::Rank => match value.get_ref() {
                DeValue::Integer(i) => {
                    let n = i64::from_str_radix(i.as_str(), i.radix()).ok().filter(|n| (1..=999).contains(n));
                    match n {
                        Some(n) => Value::Rank(n as u32),
                        None => {
                            return Err(self.error(value.span(), fill(self.msgs.bad_rank, &[("found", &i.as_str())])))
                        }
                    }
                }
                _ => return Err(self.wrong_type(key, value, Expected::Number)),
            },
            Kind::Partners => Value::Partners(self.partners(key, value)?),
        };
        Ok(Answer { value, span })
    }

    fn partners(&mut self, key: &KeyPath<'_>, value: &Spanned<DeValue<'_>>) -> Result<Vec<Partner>, SourceError> {
        let DeValue::Array(items) = value.get_ref() else {
            return Err(self.wrong_type(key, value, Expected::Tables));
        };
        let mut partners = Vec::with_capacity(items.len());
        for item in items.iter() {
            let table = self.table(&key, item)?;
            let mut partner = Partner { span: self.span(item.span()), ..Partner::default() };
            for (field, v) in table.iter() {
                let field_key = Dotted(key, field.get_ref());
                match field.get_ref().as_ref() {
                    "name" => partner.name = self.string(&field_key, v)?.to_owned(),
                    "role" => partner.role = self.string(&field_key, v)?.to_owned(),
                    "kind" => {
                        let kind = self.string(&field_key, v)?;
                        if kind.is_empty() {
                            continue;
                        }
                        if self.form.partner_kind(kind).is_none() {
                            let known: Vec<&str> = self.form.partner_kinds.iter().map(|k| k.id.as_str()).collect();
                            return Err(self
                                .error(v.span(), fill(self.msgs.bad_partner_kind, &[("found", &kind)]))
                                .with_help(known.join(" | ")));
                        }
                        partner.kind = Some(kind.to_owned());
                    }
                    "new" => match v.get_ref() {
                        DeValue::Boolean(b) => partner.new = Some(*b),
                        _ => return Err(self.wrong_type(&field_key, v, Expected::YesNo)),
                    },
                    _ => self.warn_unknown(field, &key.to_string()),
                }
            }
            partners.push(partner);
        }
        Ok(partners)
    }

    fn check_ranks(&mut self, actions: &[Action]) {
        let Some(rank_question) = self.form.question_of_kind(Kind::Rank) else { return };
        let mut seen = std::collections::HashSet::new();
        for action in actions {
            if let Some(answer) = action.answer(rank_question) {
                if let Value::Rank(rank) = answer.value {
                    if !seen.insert(rank) {
                        self.warnings.push(Warning {
                            span: answer.span.clone(),
                            message: fill(self.msgs.duplicate_rank, &[("rank", &rank)]),
                            help: self.msgs.duplicate_rank_help.to_owned(),
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Dossier, SourceError> {
        let form = Form::embedded().unwrap();
        parse(Path::new("d.toml"), text, &form, Lang::En.messages())
    }

    #[test]
    fn reads_the_reference_layout() {
        let text = r#"format = "annexe-b/1"
lang = "fr"
[applicant]
name = "Asso"
[[actions]]
rank = 2
title = "Micro-crèche"
[actions.need]
unmet_needs = "Pas de garde le soir"
[actions.novelty]
locally_new = true
[[actions.partnership.partners]]
name = "CCAS"
kind = "public"
new = true
"#;
        let d = parse_str(text).unwrap();
        let form = Form::embedded().unwrap();
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        let a = &d.actions[0];
        assert_eq!(a.rank(&form), Some(2));
        assert_eq!(a.title(&form), "Micro-crèche");
        assert_eq!(a.text(form.find(Scope::Action, "need.unmet_needs").unwrap()), "Pas de garde le soir");
        assert_eq!(a.yes_no(form.find(Scope::Action, "novelty.locally_new").unwrap()), Some(true));
        assert_eq!(a.partners(&form)[0].kind.as_deref(), Some("public"));
        assert_eq!(d.applicant_text(&form, "applicant.name"), "Asso");
    }

    #[test]
    fn unknown_keys_are_warnings_with_their_place() {
        let d = parse_str("format = \"annexe-b/1\"\nbudget = 3\n[[actions]]\n[actions.need]\nextra = \"x\"\n").unwrap();
        let messages: Vec<&str> = d.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`budget`"));
        assert!(messages[1].contains("`actions.need.extra`"));
    }

    #[test]
    fn a_wrong_type_names_line_and_column() {
        let err =
            parse_str("format = \"annexe-b/1\"\n[[actions]]\n[actions.novelty]\nlocally_new = \"oui\"\n").unwrap_err();
        assert_eq!(err.position.map(|p| (p.line, p.column)), Some((4, 15)));
        assert!(err.message.contains("actions.novelty.locally_new"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_and_missing_format_are_errors() {
        let err = parse_str("format = \"annexe-b/1\"\ntitle = \n").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(2));
        let err = parse_str("[[actions]]\n").unwrap_err();
        assert!(err.message.contains("format"));
    }

    #[test]
    fn duplicate_ranks_are_reported() {
        let d = parse_str("format = \"annexe-b/1\"\n[[actions]]\nrank = 1\n[[actions]]\nrank = 1\n").unwrap();
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn a_byte_order_mark_does_not_shift_positions() {
        let err = parse_str("\u{feff}format = \"annexe-b/1\"\nlang = 3\n").unwrap_err();
        assert_eq!(err.position.map(|p| (p.line, p.column)), Some((2, 8)));
    }
}
