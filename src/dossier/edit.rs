//! Writing a dossier: the blank, fully commented template, and a `Draft` that
//! changes one answer at a time while keeping everything else of the file as
//! it was (the user's comments, key order, unknown keys), and saves
//! atomically after every change.
//!
//! Reading stays with `dossier::parse`: after every change the draft is
//! rendered, parsed again (so a draft can never save a file annexe cannot
//! read) and written to disk.
//!
//! Layout of what is written (`shared/dossier-format.md`): every key is
//! preceded by its question as a comment, in the dossier's language. Answers
//! that TOML cannot leave empty (yes/no, rank, partners) start as a commented
//! placeholder line (`# locally_new = true`); the first time such an answer is
//! given, the placeholder line is replaced by the real key, under the same
//! question comment.

use std::io::Write;
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, Decor, DocumentMut, Item, Key, Table};

use super::{Dossier, Value, FORMAT};
use crate::form::{Form, Kind, Question, Scope};
use crate::i18n::{Lang, Messages};
use crate::location::SourceError;

/// Where the `#:schema` directive of written dossiers points: a file next to
/// the dossier, written by `annexe schema -o`. A relative path works offline,
/// with any TOML editor that reads the directive (taplo, Even Better TOML),
/// and does not tie dossiers to a web address.
pub const SCHEMA_REF: &str = "./annexe-b.schema.json";
pub const SCHEMA_FILE_NAME: &str = "annexe-b.schema.json";

/// Comment lines are wrapped at this width (the `# ` included).
const COMMENT_WIDTH: usize = 100;

/// The keys of one partner, in the order they are written.
pub const PARTNER_FIELDS: [&str; 4] = ["name", "kind", "role", "new"];

// ---------------------------------------------------------------------------
// The template
// ---------------------------------------------------------------------------

/// A blank dossier: every key of the form present with an empty value, or as
/// a commented placeholder when TOML has no empty value for it; one action.
pub fn blank(form: &Form, lang: Lang) -> String {
    let msgs = lang.messages();
    let mut out = format!("#:schema {SCHEMA_REF}\n");
    out.push_str(&comment(form.title(lang)));
    out.push_str(&comment(form.repeat_note(lang)));
    out.push_str("#\n");
    out.push_str(&comment(msgs.template_intro));
    out.push_str(&format!("format = \"{FORMAT}\"\n\n"));
    out.push_str(&comment(msgs.template_lang));
    out.push_str(&format!("lang = \"{}\"\n", lang.code()));
    out.push_str(&applicant_block(form, lang));
    out.push_str(&action_block(form, lang));
    out
}

/// The applicant's tables, with their keys and questions.
fn applicant_block(form: &Form, lang: Lang) -> String {
    scope_block(form, lang, Scope::Dossier, "applicant", &|t| format!("[{t}]\n"), None)
}

/// One `[[actions]]` block with every action question.
pub fn action_block(form: &Form, lang: Lang) -> String {
    let note = comment(lang.messages().template_action_note);
    let open = |heading: String| format!("{heading}{note}[[actions]]\n");
    scope_block(form, lang, Scope::Action, "actions", &|t| format!("[actions.{t}]\n"), Some(&open))
}

/// The questions of one scope in the form's order, under their sections'
/// headings, each table opened once (`header` writes its header line);
/// `open`, when given, starts the block with the first section's heading.
fn scope_block(
    form: &Form,
    lang: Lang,
    scope: Scope,
    key_prefix: &str,
    header: &dyn Fn(&str) -> String,
    mut open: Option<&dyn Fn(String) -> String>,
) -> String {
    let mut out = String::new();
    let mut table: Option<&str> = None;
    for section in form.sections.iter().filter(|s| s.scope == scope) {
        let mut heading = Some(section_heading(form, section, lang));
        if let Some(open) = open.take() {
            out.push('\n');
            out.push_str(&open(heading.take().unwrap_or_default()));
        }
        for q in &section.questions {
            let (t, _) = q.table_and_key();
            if t != table {
                out.push('\n');
                out.push_str(&heading.take().unwrap_or_default());
                if let Some(t) = t {
                    out.push_str(&header(t));
                }
                table = t;
            } else if let Some(h) = heading.take() {
                out.push('\n');
                out.push_str(&h);
            }
            out.push_str(&question_block(form, q, lang, key_prefix));
        }
    }
    out
}

/// The section title, and the form's guidance for it, as comments.
fn section_heading(form: &Form, section: &crate::form::Section, lang: Lang) -> String {
    let mut out = comment(&format!("=== {} ===", section.title(lang)));
    for id in &section.guidance {
        if let Some(g) = form.guidance(id) {
            out.push_str("#\n");
            out.push_str(&comment(g.title(lang)));
            for item in g.items(lang) {
                out.push_str(&comment_indented(&format!("- {item}"), "#   "));
            }
        }
    }
    out
}

/// A blank line, the question (and its help) as comments, then the key with
/// an empty value or a commented placeholder.
fn question_block(form: &Form, q: &Question, lang: Lang, prefix: &str) -> String {
    let msgs = lang.messages();
    let mut out = String::from("\n");
    out.push_str(&question_comment(q, lang));
    let (table, key) = q.table_and_key();
    match q.kind {
        Kind::Line | Kind::Text => out.push_str(&format!("{key} = \"\"\n")),
        Kind::YesNo => out.push_str(&format!("# {key} = true  # {}\n", msgs.template_yes_no)),
        Kind::Rank => out.push_str(&format!("# {key} = 1  # {}\n", msgs.template_rank)),
        Kind::Partners => {
            let path = match table {
                Some(t) => format!("{prefix}.{t}.{key}"),
                None => format!("{prefix}.{key}"),
            };
            let kinds: Vec<&str> = form.partner_kinds.iter().map(|k| k.id.as_str()).collect();
            out.push_str(&format!("# [[{path}]]  # {}\n", msgs.template_partners));
            out.push_str("#   name = \"\"\n");
            out.push_str(&format!("#   kind = \"\"  # {}\n", kinds.join(" | ")));
            out.push_str("#   role = \"\"\n");
            out.push_str(&format!("#   new = true  # {}\n", msgs.template_partner_new));
        }
    }
    out
}

/// The question and its help, as comment lines (what precedes a key).
fn question_comment(q: &Question, lang: Lang) -> String {
    let mut out = comment(q.text(lang));
    let help = q.help(lang);
    if !help.is_empty() {
        out.push_str(&comment_indented(help, "#   "));
    }
    out
}

fn comment(text: &str) -> String {
    comment_indented(text, "# ")
}

/// `text` as comment lines starting with `lead`, wrapped at `COMMENT_WIDTH`.
fn comment_indented(text: &str, lead: &str) -> String {
    let mut out = String::new();
    for paragraph in text.lines() {
        let mut line = String::from(lead);
        for word in paragraph.split_whitespace() {
            let fits = line.chars().count() + 1 + word.chars().count() <= COMMENT_WIDTH;
            if line.len() > lead.len() && !fits {
                out.push_str(line.trim_end());
                out.push('\n');
                line = String::from(lead);
                // Continuation lines of a list item line up with its text.
                if lead.ends_with("   ") && paragraph.starts_with("- ") {
                    line.push_str("  ");
                }
            }
            if line.len() > lead.len() && !line.ends_with(' ') {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if out.is_empty() {
        out.push_str(lead.trim_end());
        out.push('\n');
    }
    out
}

// ---------------------------------------------------------------------------
// Saving
// ---------------------------------------------------------------------------

/// Writes `contents` to `path` so that the file is always either the old or
/// the new one: a temporary file in the same folder, flushed to disk, then
/// renamed over the target. An existing file keeps its permissions.
pub fn write_atomic(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(&dir)?;
    temp.write_all(contents.as_bytes())?;
    temp.as_file().sync_all()?;
    match std::fs::metadata(path) {
        Ok(meta) => std::fs::set_permissions(temp.path(), meta.permissions())?,
        Err(_) => default_permissions(temp.path())?,
    }
    temp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every system lets a folder be synced.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn default_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

// ---------------------------------------------------------------------------
// The draft
// ---------------------------------------------------------------------------

/// A dossier being changed answer by answer.
pub struct Draft<'f> {
    path: PathBuf,
    form: &'f Form,
    msgs: &'static Messages,
    doc: DocumentMut,
    dossier: Dossier,
}

/// A change the draft could not make.
#[derive(Debug)]
pub enum EditError {
    /// The file holds something annexe reads but cannot change in place
    /// (`actions = [...]` written inline, a key that is not a table…).
    Layout(String),
    /// The changed text did not read back (a bug, reported with the place).
    Reread(SourceError),
    Io(std::io::Error),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::Layout(m) => f.write_str(m),
            EditError::Reread(e) => e.fmt(f),
            EditError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for EditError {}

impl From<std::io::Error> for EditError {
    fn from(e: std::io::Error) -> Self {
        EditError::Io(e)
    }
}

impl<'f> Draft<'f> {
    /// A new dossier from the blank template, in `lang`. Nothing is written
    /// until `save` or the first change.
    pub fn create(path: &Path, form: &'f Form, lang: Lang, msgs: &'static Messages) -> Result<Self, EditError> {
        Self::from_text(path, &blank(form, lang), form, msgs)
    }

    /// An existing dossier, from its text (as read by `dossier::read_text`).
    /// Refuses text that `dossier::parse` refuses, with its error.
    pub fn open(path: &Path, text: &str, form: &'f Form, msgs: &'static Messages) -> Result<Self, EditError> {
        Self::from_text(path, text, form, msgs)
    }

    fn from_text(path: &Path, text: &str, form: &'f Form, msgs: &'static Messages) -> Result<Self, EditError> {
        let dossier = super::parse(path, text, form, msgs).map_err(EditError::Reread)?;
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let doc: DocumentMut = body.parse().map_err(|e: toml_edit::TomlError| EditError::Layout(e.to_string()))?;
        Ok(Draft { path: path.to_owned(), form, msgs, doc, dossier })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The answers as they are now.
    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// The language of the answers (and of the comments written).
    pub fn lang(&self) -> Lang {
        self.dossier.lang
    }

    /// The file's text as it would be saved: the document, with a `#:schema`
    /// directive on its first line unless it has one.
    pub fn text(&self) -> String {
        let text = self.doc.to_string();
        if text.starts_with("#:schema") {
            text
        } else {
            format!("#:schema {SCHEMA_REF}\n{text}")
        }
    }

    /// Writes the file as it is now.
    pub fn save(&self) -> Result<(), EditError> {
        Ok(write_atomic(&self.path, &self.text())?)
    }

    /// Re-reads the changed text (so the model and the file agree) and saves.
    fn commit(&mut self) -> Result<(), EditError> {
        let text = self.text();
        self.dossier = super::parse(&self.path, &text, self.form, self.msgs).map_err(EditError::Reread)?;
        self.save()
    }

    /// Sets the answer to an applicant question, and saves.
    pub fn set_applicant(&mut self, q: &Question, value: &Value) -> Result<(), EditError> {
        let lang = self.lang();
        let (table_name, key) = q.table_and_key();
        let table_name = table_name.unwrap_or("applicant");
        let root_order = ["format", "lang", table_name, "actions"];
        let order: Vec<&str> = self
            .form
            .questions(Scope::Dossier)
            .filter(|o| o.table_and_key().0 == Some(table_name))
            .map(|o| o.table_and_key().1)
            .collect();
        let root = self.doc.as_table_mut();
        let table = child_table(root, table_name, &root_order)?;
        let item = toml_value(value).ok_or_else(|| EditError::Layout(format!("`{}` is not a single value", q.id)))?;
        let placeholder = if table.contains_key(key) { None } else { take_placeholder(&mut self.doc, None, key) };
        let root = self.doc.as_table_mut();
        let table = child_table(root, table_name, &root_order)?;
        let prefix = placeholder.unwrap_or_else(|| format!("\n{}", question_comment(q, lang)));
        set_key(table, key, item, &order, &prefix);
        self.commit()
    }

    /// Sets the answer to an action question (not partners), and saves.
    pub fn set_action(&mut self, index: usize, q: &Question, value: &Value) -> Result<(), EditError> {
        let lang = self.lang();
        let item = toml_value(value).ok_or_else(|| EditError::Layout(format!("`{}` is not a single value", q.id)))?;
        let (table_name, key) = q.table_and_key();
        let order = self.action_order(table_name);
        let present = {
            let action = self.action_table(index)?;
            match table_name {
                Some(t) => action.get(t).and_then(Item::as_table).is_some_and(|t| t.contains_key(key)),
                None => action.contains_key(key),
            }
        };
        let placeholder = if present { None } else { take_placeholder(&mut self.doc, Some(index), key) };
        let prefix = placeholder.unwrap_or_else(|| format!("\n{}", question_comment(q, lang)));
        let top_order = self.action_order(None);
        let action = self.action_table(index)?;
        let table = match table_name {
            Some(t) => child_table(action, t, &top_order)?,
            None => action,
        };
        set_key(table, key, item, &order, &prefix);
        self.commit()
    }

    /// Appends a blank action (every question, commented) and saves.
    /// Returns its index.
    pub fn add_action(&mut self) -> Result<usize, EditError> {
        let mut text = self.doc.to_string();
        if let Some(actions) = self.doc.get("actions") {
            if !actions.is_array_of_tables() {
                return Err(EditError::Layout(self.msgs.edit_inline_actions.to_owned()));
            }
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&action_block(self.form, self.lang()));
        self.doc = text.parse().map_err(|e: toml_edit::TomlError| EditError::Layout(e.to_string()))?;
        self.commit()?;
        Ok(self.dossier.actions.len().saturating_sub(1))
    }

    /// Adds a partner with its name to an action, and saves. Returns its index.
    pub fn add_partner(&mut self, index: usize, name: &str) -> Result<usize, EditError> {
        let lang = self.lang();
        let Some(q) = self.form.question_of_kind(Kind::Partners) else {
            return Err(EditError::Layout("the form has no partners question".to_owned()));
        };
        let present = self.partners_mut(index, q, false)?.is_some();
        let placeholder = if present { None } else { take_placeholder_marker(&mut self.doc, Some(index), "# [[") };
        let list = self
            .partners_mut(index, q, true)?
            .ok_or_else(|| EditError::Layout(format!("`{}` is not a list of tables", q.id)))?;
        let mut table = Table::new();
        table.insert("name", toml_edit::value(name));
        let prefix = if list.is_empty() {
            placeholder.unwrap_or_else(|| format!("\n{}", question_comment(q, lang)))
        } else {
            "\n".to_owned()
        };
        table.decor_mut().set_prefix(prefix);
        list.push(table);
        let at = list.len() - 1;
        self.commit()?;
        Ok(at)
    }

    /// Sets one field of a partner (`name`, `kind`, `role`, `new`) and saves.
    pub fn set_partner_field(
        &mut self,
        index: usize,
        partner: usize,
        field: &str,
        value: toml_edit::Value,
    ) -> Result<(), EditError> {
        let Some(q) = self.form.question_of_kind(Kind::Partners) else { return Ok(()) };
        let list = self
            .partners_mut(index, q, false)?
            .ok_or_else(|| EditError::Layout(format!("action {} has no partners", index + 1)))?;
        let table = list
            .get_mut(partner)
            .ok_or_else(|| EditError::Layout(format!("action {} has no partner {}", index + 1, partner + 1)))?;
        set_key(table, field, value, &PARTNER_FIELDS, "");
        self.commit()
    }

    /// Removes a partner and saves.
    pub fn remove_partner(&mut self, index: usize, partner: usize) -> Result<(), EditError> {
        let Some(q) = self.form.question_of_kind(Kind::Partners) else { return Ok(()) };
        if let Some(list) = self.partners_mut(index, q, false)? {
            if partner < list.len() {
                let removed = list.remove(partner);
                // The first partner carries the question comment: pass it on.
                if partner == 0 {
                    if let Some(next) = list.get_mut(0) {
                        *next.decor_mut() = removed.decor().clone();
                    }
                }
            }
        }
        self.commit()
    }

    fn partners_mut(
        &mut self,
        index: usize,
        q: &Question,
        create: bool,
    ) -> Result<Option<&mut ArrayOfTables>, EditError> {
        let (table_name, key) = q.table_and_key();
        let top_order = self.action_order(None);
        let order = self.action_order(table_name);
        let action = self.action_table(index)?;
        let table = match table_name {
            Some(t) if create => child_table(action, t, &top_order)?,
            Some(t) => match action.get_mut(t).and_then(Item::as_table_mut) {
                Some(t) => t,
                None => return Ok(None),
            },
            None => action,
        };
        if create && !table.contains_key(key) {
            insert_ordered(table, Key::new(key), Item::ArrayOfTables(ArrayOfTables::new()), &order);
        }
        Ok(table.get_mut(key).and_then(Item::as_array_of_tables_mut))
    }

    /// The keys of an action table (None: the action's own table) in form order.
    fn action_order(&self, table: Option<&str>) -> Vec<&'f str> {
        let form: &'f Form = self.form;
        let mut order: Vec<&'f str> = Vec::new();
        for q in form.questions(Scope::Action) {
            let (t, key) = q.table_and_key();
            let name = match (table, t) {
                (None, Some(t)) => t,
                (None, None) => key,
                (Some(want), Some(t)) if want == t => key,
                _ => continue,
            };
            if !order.contains(&name) {
                order.push(name);
            }
        }
        order
    }

    fn action_table(&mut self, index: usize) -> Result<&mut Table, EditError> {
        let missing = || EditError::Layout(format!("the dossier has no action {}", index + 1));
        self.doc
            .get_mut("actions")
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(index))
            .ok_or_else(missing)
    }
}

/// The converted answer, for the kinds held in one TOML value.
fn toml_value(value: &Value) -> Option<toml_edit::Value> {
    match value {
        Value::Text(t) => Some(t.as_str().into()),
        Value::YesNo(b) => Some((*b).into()),
        Value::Rank(r) => Some(i64::from(*r).into()),
        Value::Partners(_) => None,
    }
}

/// The sub-table `name` of `parent`, created (in form order, with a header)
/// when missing.
fn child_table<'t>(parent: &'t mut Table, name: &str, order: &[&str]) -> Result<&'t mut Table, EditError> {
    if !parent.contains_key(name) {
        let mut table = Table::new();
        table.decor_mut().set_prefix("\n");
        insert_ordered(parent, Key::new(name), Item::Table(table), order);
    }
    parent
        .get_mut(name)
        .and_then(Item::as_table_mut)
        .ok_or_else(|| EditError::Layout(format!("`{name}` is not a table: annexe cannot add an answer under it")))
}

/// Replaces the value of `key` keeping its decoration (spacing, end-of-line
/// comment), or inserts the key in form order with `prefix` before it.
fn set_key(table: &mut Table, key: &str, value: toml_edit::Value, order: &[&str], prefix: &str) {
    if let Some(item) = table.get_mut(key) {
        if let Some(old) = item.as_value_mut() {
            let decor = old.decor().clone();
            *old = value;
            *old.decor_mut() = decor;
            return;
        }
        *item = Item::Value(value);
        return;
    }
    let mut k = Key::new(key);
    if !prefix.is_empty() {
        k.leaf_decor_mut().set_prefix(prefix);
    }
    insert_ordered(table, k, Item::Value(value), order);
}

/// Inserts `key` before the first key of `table` that comes after it in
/// `order` (unknown keys keep their place), else at the end.
fn insert_ordered(table: &mut Table, key: Key, item: Item, order: &[&str]) {
    let rank_of = |k: &str| order.iter().position(|o| *o == k);
    let mine = rank_of(key.get());
    let first_after = mine.and_then(|mine| table.iter().position(|(k, _)| rank_of(k).is_some_and(|r| r > mine)));
    let Some(at) = first_after else {
        table.insert_formatted(&key, item);
        return;
    };
    let tail: Vec<String> = table.iter().skip(at).map(|(k, _)| k.to_owned()).collect();
    let moved: Vec<(Key, Item)> = tail.iter().filter_map(|k| table.remove_entry(k)).collect();
    table.insert_formatted(&key, item);
    for (k, v) in moved {
        table.insert_formatted(&k, v);
    }
}

/// Finds the commented placeholder of `key` (`# key = …`) in the part of the
/// document that belongs to action `index` (None: the applicant), removes its
/// paragraph and returns what should precede the real key: a blank line and
/// the question comment that stood above the placeholder.
fn take_placeholder(doc: &mut DocumentMut, index: Option<usize>, key: &str) -> Option<String> {
    take_placeholder_marker(doc, index, &format!("# {key} = "))
}

fn take_placeholder_marker(doc: &mut DocumentMut, index: Option<usize>, marker: &str) -> Option<String> {
    let mut found = None;
    let mut visit = |decor: &mut Decor| {
        let Some(prefix) = decor.prefix().and_then(|p| p.as_str()) else { return false };
        match cut_paragraph(prefix, marker) {
            Some((rest, kept)) => {
                decor.set_prefix(rest);
                found = Some(kept);
                true
            }
            None => false,
        }
    };
    // A placeholder that ends its table sits before the next table header.
    match index {
        Some(i) => {
            if let Some(actions) = doc.get_mut("actions").and_then(Item::as_array_of_tables_mut) {
                let len = actions.len();
                if let Some(action) = actions.get_mut(i) {
                    if visit_decors(action, &mut visit) {
                        return found;
                    }
                }
                if let Some(next) = actions.get_mut(i + 1) {
                    if visit(next.decor_mut()) {
                        return found;
                    }
                }
                if i + 1 < len {
                    return None;
                }
            }
        }
        None => {
            let root = doc.as_table_mut();
            if let Some(applicant) = root.get_mut("applicant").and_then(Item::as_table_mut) {
                if visit_decors(applicant, &mut visit) {
                    return found;
                }
            }
            if let Some(first) =
                root.get_mut("actions").and_then(Item::as_array_of_tables_mut).and_then(|a| a.get_mut(0))
            {
                if visit(first.decor_mut()) {
                    return found;
                }
            }
        }
    }
    let trailing = doc.trailing().as_str().map(str::to_owned);
    if let Some((rest, kept)) = trailing.as_deref().and_then(|t| cut_paragraph(t, marker)) {
        doc.set_trailing(rest);
        return Some(kept);
    }
    None
}

/// Calls `visit` on the decoration before every key and table header under
/// `table` (the table's own header included) until it returns true.
fn visit_decors(table: &mut Table, visit: &mut dyn FnMut(&mut Decor) -> bool) -> bool {
    if visit(table.decor_mut()) {
        return true;
    }
    for (mut key, item) in table.iter_mut() {
        if visit(key.leaf_decor_mut()) {
            return true;
        }
        let found = match item {
            Item::Table(t) => visit_decors(t, visit),
            Item::ArrayOfTables(list) => list.iter_mut().any(|t| visit_decors(t, visit)),
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// In comment text `text`, finds the line starting with `marker` and the run
/// of comment lines around it (its paragraph). Returns the text without that
/// paragraph (and the blank line before it), and a blank line followed by the
/// paragraph's lines above the marker (the question comment).
fn cut_paragraph(text: &str, marker: &str) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_comment = |l: &str| l.trim_start().starts_with('#');
    let at = lines.iter().position(|l| l.trim_start().starts_with(marker))?;
    let mut start = at;
    while start > 0 && is_comment(lines[start - 1]) {
        start -= 1;
    }
    let mut end = at + 1;
    // The sample lines of a placeholder are indented (`#   name = ""`); a
    // following question starts with `# ` and belongs to the next key.
    while end < lines.len() && lines[end].trim_start().starts_with("#  ") {
        end += 1;
    }
    let cut_from = if start > 0 && lines[start - 1].trim().is_empty() { start - 1 } else { start };
    let mut rest: String = lines[..cut_from].concat();
    rest.push_str(&lines[end..].concat());
    let kept = format!("\n{}", lines[start..at].concat());
    Some((rest, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::embedded().unwrap()
    }

    fn msgs() -> &'static Messages {
        Lang::Fr.messages()
    }

    #[test]
    fn the_blank_template_parses_without_warnings_and_has_no_answer() {
        let form = form();
        for lang in [Lang::Fr, Lang::En] {
            let text = blank(&form, lang);
            assert!(text.starts_with("#:schema ./annexe-b.schema.json\n"));
            let d = super::super::parse(Path::new("t.toml"), &text, &form, msgs()).unwrap();
            assert!(d.warnings.is_empty(), "{:?}", d.warnings);
            assert_eq!(d.lang, lang);
            assert_eq!(d.actions.len(), 1);
            assert!(d.actions[0].answers.iter().flatten().all(|a| !a.is_given()));
            assert!(d.applicant.iter().flatten().all(|a| !a.is_given()));
            // Every question is in the file, as a key or a placeholder, under its question.
            for q in form.questions(Scope::Action).chain(form.questions(Scope::Dossier)) {
                let key = q.table_and_key().1;
                let shown =
                    if q.kind == Kind::Partners { format!("[[actions.{}]]", q.id) } else { format!("{key} = ") };
                assert!(text.contains(&shown), "{shown}");
                let first_words: String = q.text(lang).split_whitespace().take(4).collect::<Vec<_>>().join(" ");
                assert!(text.contains(&first_words), "{first_words}");
            }
            // toml itself reads it too.
            let _: toml::Table = toml::from_str(&text).unwrap();
        }
    }

    #[test]
    fn comments_wrap_at_the_width() {
        let c = comment(&"mot ".repeat(60));
        assert!(c.lines().all(|l| l.chars().count() <= COMMENT_WIDTH && l.starts_with("# ")), "{c}");
        assert_eq!(comment(""), "#\n");
    }

    fn draft_in(dir: &Path, text: &str) -> Draft<'static> {
        let form: &'static Form = Box::leak(Box::new(form()));
        Draft::open(&dir.join("d.toml"), text, form, msgs()).unwrap()
    }

    #[test]
    fn answers_replace_empty_values_and_placeholders_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let form = form();
        let mut d = draft_in(dir.path(), &blank(&form, Lang::Fr));
        let q = |id: &str| form.find(Scope::Action, id).unwrap().clone();
        d.set_action(0, &q("need.diagnosis"), &Value::Text("Enquête du CCAS, 2023".into())).unwrap();
        d.set_action(0, &q("novelty.locally_new"), &Value::YesNo(true)).unwrap();
        d.set_action(0, &q("rank"), &Value::Rank(1)).unwrap();
        let text = std::fs::read_to_string(dir.path().join("d.toml")).unwrap();
        assert!(text.contains("diagnosis = \"Enquête du CCAS, 2023\""), "{text}");
        // The placeholder line is gone, the key is under its question.
        assert!(!text.contains("# locally_new = "), "{text}");
        assert!(text.contains("# L’initiative proposée est-elle nouvelle"));
        let question_then_key = text
            .split("# L’initiative proposée est-elle nouvelle")
            .nth(1)
            .and_then(|after| after.lines().skip(1).find(|l| !l.starts_with('#')))
            .unwrap();
        assert_eq!(question_then_key, "locally_new = true");
        let rank_line = text.lines().position(|l| l == "rank = 1").unwrap();
        let title_line = text.lines().position(|l| l.starts_with("title = ")).unwrap();
        assert!(rank_line > title_line);
        let desc_line = text.lines().position(|l| l == "[actions.description]").unwrap();
        assert!(rank_line < desc_line, "{text}");
        assert!(!text.contains("# rank = "));
        let parsed = d.dossier();
        assert_eq!(parsed.actions[0].rank(&form), Some(1));
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn a_rewrite_keeps_comments_key_order_and_unknown_keys() {
        let dir = tempfile::tempdir().unwrap();
        let form = form();
        let original = "format = \"annexe-b/1\"  # ne pas toucher\n\
            budget = 12000 # clé à nous\n\
            [applicant]\n\
            contact = \"a@b.fr\"\n\
            # notre nom officiel\n\
            name = \"\"\n\
            [[actions]]\n\
            title = \"Crèche\" # provisoire\n\
            interne = { ref = \"X-1\" }\n\
            [actions.need]\n\
            # brouillon du 3 mars\n\
            diagnosis = \"à compléter\"\n\
            [extra]\n\
            note = \"garder\"\n";
        let mut d = draft_in(dir.path(), original);
        let name = form.find(Scope::Dossier, "applicant.name").unwrap().clone();
        d.set_applicant(&name, &Value::Text("Les Petits Pas".into())).unwrap();
        let diag = form.find(Scope::Action, "need.diagnosis").unwrap().clone();
        d.set_action(0, &diag, &Value::Text("Enquête\nsur deux lignes".into())).unwrap();
        let unmet = form.find(Scope::Action, "need.unmet_needs").unwrap().clone();
        d.set_action(0, &unmet, &Value::Text("Garde le soir".into())).unwrap();
        let text = std::fs::read_to_string(dir.path().join("d.toml")).unwrap();
        assert!(text.starts_with("#:schema ./annexe-b.schema.json\nformat = \"annexe-b/1\"  # ne pas toucher\n"));
        for kept in [
            "budget = 12000 # clé à nous",
            "contact = \"a@b.fr\"\n# notre nom officiel\nname = \"Les Petits Pas\"",
            "title = \"Crèche\" # provisoire",
            "interne = { ref = \"X-1\" }",
            "# brouillon du 3 mars\ndiagnosis = ",
            "[extra]\nnote = \"garder\"",
        ] {
            assert!(text.contains(kept), "lost {kept:?} in:\n{text}");
        }
        // A new key goes in form order (unmet_needs before diagnosis) with its question.
        let unmet_at = text.find("unmet_needs = ").unwrap();
        assert!(unmet_at < text.find("diagnosis = ").unwrap());
        let above = text[..unmet_at].lines().rev().take(3).collect::<Vec<_>>().join("\n");
        assert!(above.contains("pas ou mal satisfaits, répond cette initiative ?"), "{text}");
        let d2 = super::super::parse(Path::new("d.toml"), &text, &form, msgs()).unwrap();
        assert_eq!(d2.actions[0].text(&diag), "Enquête\nsur deux lignes");
        assert_eq!(d2.warnings.len(), 3, "budget, interne, extra: {:?}", d2.warnings);
    }

    #[test]
    fn partners_are_added_edited_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let form = form();
        let mut d = draft_in(dir.path(), &blank(&form, Lang::Fr));
        let a = d.add_partner(0, "CCAS d’Amiens").unwrap();
        d.set_partner_field(0, a, "kind", "public".into()).unwrap();
        d.set_partner_field(0, a, "role", "oriente les familles".into()).unwrap();
        d.set_partner_field(0, a, "new", true.into()).unwrap();
        let b = d.add_partner(0, "Collectif des parents").unwrap();
        d.set_partner_field(0, b, "kind", "inhabitants".into()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("d.toml")).unwrap();
        assert!(!text.contains("#   name = \"\""), "placeholder left:\n{text}");
        let partners = d.dossier().actions[0].partners(&form).to_vec();
        assert_eq!(partners.len(), 2);
        assert_eq!(partners[0].name, "CCAS d’Amiens");
        assert_eq!(partners[0].kind.as_deref(), Some("public"));
        assert_eq!(partners[0].new, Some(true));
        assert_eq!(partners[1].kind.as_deref(), Some("inhabitants"));
        // The partners come before the next section and under their question.
        let first = text.find("[[actions.partnership.partners]]").unwrap();
        assert!(first < text.find("[actions.practices]").unwrap());
        assert!(text[..first].ends_with("pour la première fois.\n"), "{text}");
        d.remove_partner(0, 0).unwrap();
        let partners = d.dossier().actions[0].partners(&form).to_vec();
        assert_eq!(partners.len(), 1);
        let text = std::fs::read_to_string(dir.path().join("d.toml")).unwrap();
        let first = text.find("[[actions.partnership.partners]]").unwrap();
        assert!(text[..first].ends_with("pour la première fois.\n"), "{text}");
    }

    #[test]
    fn actions_are_appended_after_unknown_tables() {
        let dir = tempfile::tempdir().unwrap();
        let form = form();
        let mut d = draft_in(dir.path(), "format = \"annexe-b/1\"\n[[actions]]\ntitle = \"Un\"\n[extra]\nx = 1\n");
        let i = d.add_action().unwrap();
        assert_eq!(i, 1);
        let rank = form.question_of_kind(Kind::Rank).unwrap().clone();
        d.set_action(1, &rank, &Value::Rank(2)).unwrap();
        assert_eq!(d.dossier().actions[1].rank(&form), Some(2));
        assert_eq!(d.dossier().actions[0].title(&form), "Un");
        let text = std::fs::read_to_string(dir.path().join("d.toml")).unwrap();
        assert!(text.contains("[extra]\nx = 1\n"));
    }

    #[test]
    fn saving_is_atomic_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.toml");
        std::fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, "new content\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        // A folder that does not exist: an error, and the old file untouched elsewhere.
        assert!(write_atomic(&dir.path().join("missing/d.toml"), "x").is_err());
    }

    #[test]
    fn cut_paragraph_keeps_the_question_and_drops_the_placeholder() {
        let text = "\n# Q1 ?\n#   aide\n# yes = true  # astuce\n\n# Q2 ?\n";
        let (rest, kept) = cut_paragraph(text, "# yes = ").unwrap();
        assert_eq!(rest, "\n# Q2 ?\n");
        assert_eq!(kept, "\n# Q1 ?\n#   aide\n");
    }
}
