//! `annexe new FILE`: a blank dossier, every question as a comment, for
//! people who prefer their own editor. Never overwrites without `--force`.

use std::path::Path;

use crate::cli::NewArgs;
use crate::dossier::edit;
use crate::exit::Outcome;
use crate::form::Form;
use crate::i18n::{fill, Lang};

pub fn run(args: &NewArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    let lang = Lang::resolve(lang);
    let msgs = lang.messages();
    let form = Form::load(criteria)?;
    let path = &args.file;
    let shown = path.display();
    if path.exists() && !args.force {
        anyhow::bail!("{}\n  = {}", fill(msgs.new_exists, &[("path", &shown)]), msgs.new_exists_help);
    }
    edit::write_atomic(path, &edit::blank(&form, lang))
        .map_err(|e| anyhow::anyhow!("{shown}: {}", fill(msgs.unreadable, &[("reason", &e)])))?;
    eprintln!("{}", fill(msgs.new_written, &[("path", &shell_word(&shown.to_string()))]));
    eprintln!("{}", fill(msgs.schema_hint, &[("schema", &schema_path_beside(path).display())]));
    Ok(Outcome::Success)
}

/// Where `annexe schema -o` should write for the `#:schema` directive of the
/// dossier at `path` to find it.
pub fn schema_path_beside(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(edit::SCHEMA_FILE_NAME),
        _ => std::path::PathBuf::from(edit::SCHEMA_FILE_NAME),
    }
}

/// `word` as one shell word: as it is when it is plain, else single-quoted.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || "._-/+,:@%=".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("dossiers/crèche.toml"), "dossiers/crèche.toml");
        assert_eq!(shell_word("mon dossier.toml"), "'mon dossier.toml'");
        assert_eq!(shell_word("l'asso.toml"), "'l'\\''asso.toml'");
        assert_eq!(schema_path_beside(Path::new("d.toml")), Path::new("annexe-b.schema.json"));
        assert_eq!(schema_path_beside(Path::new("a/d.toml")), Path::new("a/annexe-b.schema.json"));
    }
}
