//! `annexe export FILE`: the filled form as a printable document (HTML or
//! Markdown), for the applicant to attach to an application.

use std::io::Write;
use std::path::Path;

use crate::cli::{ExportArgs, ExportFormat};
use crate::dossier::{self, edit, ReadLimits};
use crate::exit::Outcome;
use crate::export;
use crate::form::Form;
use crate::i18n::{fill, Lang};

pub fn run(args: &ExportArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    // Messages follow the environment; the document is French unless asked.
    let msgs = Lang::resolve(lang).messages();
    let doc_lang = lang.unwrap_or(Lang::Fr);
    let form = Form::load(criteria)?;
    let limits = ReadLimits { max_file_size: args.max_file_size };
    let (dossier, _source) = dossier::load_file(&args.file, &form, limits, msgs)?;
    // The file's name only: the document travels, the folders it came from do not.
    let name = args.file.file_name().map_or_else(|| args.file.display().to_string(), |n| n.to_string_lossy().into());
    let text = match args.format {
        ExportFormat::Html => export::html(&dossier, &form, doc_lang, &name),
        ExportFormat::Md => export::markdown(&dossier, &form, doc_lang, &name),
    };
    match &args.output {
        Some(path) => edit::write_atomic(path, &text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), fill(msgs.unreadable, &[("reason", &e)])))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Outcome::Success)
}
