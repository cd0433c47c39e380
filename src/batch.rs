//! Many dossiers at once: walking folders, reading each file within limits,
//! parsing and scoring on every core, and handing results back in a
//! deterministic order (by path) whatever the parallelism. A file that cannot
//! be read or parsed becomes a `SourceError` value; it never stops the batch.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use ignore::gitignore::Gitignore;
use ignore::WalkBuilder;
use rayon::prelude::*;

use crate::assessment::DossierAssessment;
use crate::criteria::Grid;
use crate::dossier::{self, ReadLimits};
use crate::form::Form;
use crate::i18n::{fill, Messages};
use crate::location::SourceError;
use crate::score::assess_dossier;

/// One input file, scored or not.
#[derive(Debug)]
pub struct Scored {
    /// The path as shown in reports (as given, or as found while walking).
    pub path: String,
    pub result: Result<DossierAssessment, SourceError>,
    /// The human reviews of the dossier, when it has any (`review::attach`).
    pub reviews: Option<crate::assessment::DossierReviews>,
}

/// The files to read, in path order, and the arguments that could not be walked.
#[derive(Debug, Default)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    pub errors: Vec<SourceError>,
}

/// Whether a file met while walking a folder is a dossier to read.
pub fn is_dossier_name(name: &str) -> bool {
    name.ends_with(".toml") && name != crate::settings::CONFIG_FILE && !is_review_file(name)
}

/// `*.review.*.toml`: a reviewer's notes next to a dossier.
fn is_review_file(name: &str) -> bool {
    name.strip_suffix(".toml").is_some_and(|stem| stem.contains(".review."))
}

/// Walks the arguments: files are taken as given, folders are walked
/// recursively for dossier files, honouring `.gitignore`/`.ignore` files and
/// skipping hidden entries and what `exclude` matches.
pub fn collect(paths: &[PathBuf], exclude: Option<&Gitignore>, msgs: &Messages) -> Inputs {
    let mut inputs = Inputs::default();
    for arg in paths {
        let meta = match std::fs::metadata(arg) {
            Ok(meta) => meta,
            Err(e) => {
                inputs.errors.push(io_error(arg, &e, msgs));
                continue;
            }
        };
        if !meta.is_dir() {
            inputs.files.push(arg.clone());
            continue;
        }
        let mut walk = WalkBuilder::new(arg);
        walk.follow_links(true).require_git(false).hidden(true);
        if let Some(exclude) = exclude.cloned() {
            walk.filter_entry(move |entry| {
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                let path = std::path::absolute(entry.path()).unwrap_or_else(|_| entry.path().to_path_buf());
                !exclude.matched_path_or_any_parents(&path, is_dir).is_ignore()
            });
        }
        for entry in walk.build() {
            match entry {
                Ok(entry) => {
                    if entry.file_type().is_some_and(|t| t.is_dir()) {
                        continue;
                    }
                    let name = entry.file_name().to_string_lossy();
                    if is_dossier_name(&name) {
                        inputs.files.push(entry.into_path());
                    }
                }
                Err(err) => {
                    if let Some(e) = walk_error(&err, msgs) {
                        inputs.errors.push(e);
                    }
                }
            }
        }
    }
    inputs.files.sort();
    inputs.files.dedup();
    inputs.errors.sort_by(|a, b| a.path.cmp(&b.path));
    inputs
}

fn io_error(path: &Path, e: &io::Error, msgs: &Messages) -> SourceError {
    let reason = match e.kind() {
        io::ErrorKind::NotFound => msgs.report.not_found.to_owned(),
        io::ErrorKind::PermissionDenied => msgs.report.permission_denied.to_owned(),
        _ if e.raw_os_error() == Some(40) => msgs.report.symlink_loop.to_owned(),
        _ => e.to_string(),
    };
    SourceError::file(path, fill(msgs.unreadable, &[("reason", &reason)]))
}

/// A walking error as a per-path failure (`None` for what is not about a path
/// the user should hear of).
fn walk_error(err: &ignore::Error, msgs: &Messages) -> Option<SourceError> {
    match err {
        ignore::Error::WithPath { path, err } => match err.as_ref() {
            ignore::Error::Io(e) => Some(io_error(path, e, msgs)),
            other => walk_error(other, msgs).map(|mut e| {
                e.path = path.clone();
                e
            }),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => walk_error(err, msgs),
        ignore::Error::Loop { child, .. } => {
            Some(SourceError::file(child, fill(msgs.unreadable, &[("reason", &msgs.report.symlink_loop)])))
        }
        ignore::Error::Io(e) => Some(SourceError::file(Path::new("."), fill(msgs.unreadable, &[("reason", &e)]))),
        // Problems in .gitignore files themselves: not the user's dossiers.
        _ => None,
    }
}

/// How a path is shown: as walked, without a leading `./`.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string()
}

/// What every worker needs to score a file.
pub struct Context<'a> {
    pub form: &'a Form,
    pub grid: &'a Grid,
    pub limits: ReadLimits,
    pub msgs: &'a Messages,
    /// The pool to score on; the global one (every core) when `None`.
    pub pool: Option<&'a rayon::ThreadPool>,
}

/// Reads, parses and scores one file.
pub fn score_file(path: &Path, ctx: &Context<'_>) -> Scored {
    let shown = display_path(path);
    let result = dossier::load_file(path, ctx.form, ctx.limits, ctx.msgs)
        .map(|(dossier, source)| assess_dossier(&shown, &source, &dossier, ctx.form, ctx.grid));
    let result = result.map_err(|mut e| {
        // Errors name the file as the reports do.
        e.path = PathBuf::from(&shown);
        e
    });
    Scored { path: shown, result, reviews: None }
}

/// Scores `files` on the context's rayon pool, passes each result through
/// `prepare` on the same worker (work that can be spread over the cores,
/// such as serialising it), and gives what `prepare` returns to `sink` in
/// the order of `files`, as soon as it and all before it are done. Only a
/// few chunks are held at a time, so memory does not grow with the batch.
/// Stops early when `sink` fails (a closed pipe) and returns its error.
pub fn score_in_order<T: Send>(
    files: &[PathBuf],
    ctx: &Context<'_>,
    prepare: impl Fn(Scored) -> T + Sync,
    mut sink: impl FnMut(T) -> io::Result<()>,
) -> io::Result<()> {
    let threads = ctx.pool.map_or_else(rayon::current_num_threads, rayon::ThreadPool::current_num_threads);
    let chunk = (threads * 32).clamp(64, 4096);
    let prepare = &prepare;
    std::thread::scope(|scope| {
        // Two chunks in flight: one being scored, one being written.
        let (tx, rx) = mpsc::sync_channel::<Vec<T>>(1);
        scope.spawn(move || {
            for slice in files.chunks(chunk) {
                let work = || slice.par_iter().map(|path| prepare(score_file(path, ctx))).collect::<Vec<T>>();
                let scored = match ctx.pool {
                    Some(pool) => pool.install(work),
                    None => work(),
                };
                if tx.send(scored).is_err() {
                    break; // the writer stopped
                }
            }
        });
        for scored in rx {
            for item in scored {
                sink(item)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_review_files_are_not_dossiers() {
        assert!(is_dossier_name("jardin.toml"));
        assert!(!is_dossier_name("annexe.toml"));
        assert!(!is_dossier_name("jardin.review.marie.toml"));
        assert!(is_dossier_name("jardin.review.toml"));
        assert!(!is_dossier_name("notes.md"));
        assert!(is_dossier_name("reviewed.toml"));
    }

    #[test]
    fn display_paths_drop_a_leading_dot() {
        assert_eq!(display_path(Path::new("./a/b.toml")), "a/b.toml");
        assert_eq!(display_path(Path::new("a/b.toml")), "a/b.toml");
    }
}
