//! What `score` and `check` share once their raw arguments are resolved: the
//! language, the form and grid, the files to read and how, where to write,
//! and the project settings file (`annexe.toml`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::cli::InputArgs;
use crate::criteria::Grid;
use crate::dossier::ReadLimits;
use crate::form::Form;
use crate::i18n::{fill, Lang, Messages};
use crate::location::SourceError;

/// The name of the project settings file, looked for in the current folder
/// and its parents.
pub const CONFIG_FILE: &str = "annexe.toml";

/// Settings common to `score` and `check`, resolved once.
pub struct Common {
    pub lang: Lang,
    pub msgs: &'static Messages,
    pub form: Form,
    pub grid: Grid,
    pub paths: Vec<PathBuf>,
    pub limits: ReadLimits,
    pub jobs: Option<usize>,
    /// Paths excluded by `annexe.toml`, matched from its folder.
    pub exclude: Option<Gitignore>,
    pub output: Option<PathBuf>,
    pub config: Option<Config>,
    /// Where human reviews are read from: the flag, else annexe.toml, else
    /// beside each dossier (None).
    pub reviews_dir: Option<PathBuf>,
}

impl Common {
    pub fn resolve(input: &InputArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Common> {
        let lang = Lang::resolve(lang);
        let msgs = lang.messages();
        let config = discover_config(input.config.as_deref(), msgs)?;
        let (form, grid) = load_form_and_grid(criteria, config.as_ref())?;
        let exclude = match &config {
            Some(c) if !c.exclude.is_empty() => Some(c.exclude_matcher()?),
            _ => None,
        };
        if input.jobs == Some(0) {
            anyhow::bail!(msgs.report.bad_jobs);
        }
        Ok(Common {
            lang,
            msgs,
            form,
            grid,
            paths: input.paths.clone(),
            limits: ReadLimits { max_file_size: input.max_file_size },
            jobs: input.jobs,
            exclude,
            output: input.output.clone(),
            reviews_dir: input.reviews_dir.clone().or_else(|| config.as_ref().and_then(|c| c.reviews_dir.clone())),
            config,
        })
    }

    /// A criterion id of the grid, or a usage error that lists them.
    pub fn criterion_id(&self, id: &str) -> anyhow::Result<String> {
        match self.grid.criterion(id) {
            Some(c) => Ok(c.id.clone()),
            None => anyhow::bail!(fill(
                self.msgs.report.unknown_criterion,
                &[("id", &id), ("known", &self.known_criteria())]
            )),
        }
    }

    pub fn known_criteria(&self) -> String {
        self.grid.criteria.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// `annexe.toml` in `dir` or the nearest parent that has one.
pub fn find_config(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().map(|d| d.join(CONFIG_FILE)).find(|p| p.is_file())
}

/// The settings file given with `--config`, else the one found from the
/// current folder up, else none.
pub fn discover_config(explicit: Option<&Path>, msgs: &Messages) -> anyhow::Result<Option<Config>> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => find_config(&std::env::current_dir()?),
    };
    Ok(path.map(|p| Config::load(&p, msgs)).transpose()?)
}

/// The form and the grid, from the `--criteria` folder, else the settings
/// file's, else the built-in ones (the flag wins over the file).
pub fn load_form_and_grid(criteria: Option<&Path>, config: Option<&Config>) -> anyhow::Result<(Form, Grid)> {
    let dir = criteria.map(Path::to_path_buf).or_else(|| config.and_then(|c| c.criteria.clone()));
    let form = Form::load(dir.as_deref())?;
    let grid = Grid::load(dir.as_deref(), &form)?;
    Ok((form, grid))
}

/// The project settings file, read and checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    /// The criteria folder, relative to the file's folder.
    pub criteria: Option<PathBuf>,
    /// Gitignore-style patterns, relative to the file's folder.
    pub exclude: Vec<String>,
    pub min_overall: Option<u8>,
    pub require_complete: Option<bool>,
    /// Criterion id → (level, span of the value), checked against the grid later.
    pub min_level: Vec<(String, u8, std::ops::Range<usize>)>,
    /// The folder of human reviews, relative to the file's folder.
    pub reviews_dir: Option<PathBuf>,
    /// Reviewers and the organisations they belong to (conflicts of interest).
    pub reviewers: Vec<ReviewerDecl>,
    source: String,
}

/// `[[reviewers]]` of annexe.toml: a reviewer and their organisations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewerDecl {
    pub name: String,
    #[serde(default)]
    pub organisations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    criteria: Option<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    thresholds: ThresholdsFile,
    reviews_dir: Option<String>,
    #[serde(default)]
    reviewers: Vec<ReviewerDecl>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThresholdsFile {
    min_overall: Option<Spanned<u8>>,
    require_complete: Option<bool>,
    #[serde(default)]
    min_level: BTreeMap<String, Spanned<u8>>,
}

impl Config {
    pub fn load(path: &Path, msgs: &Messages) -> Result<Config, SourceError> {
        let source = std::fs::read_to_string(path)
            .map_err(|e| SourceError::file(path, fill(msgs.unreadable, &[("reason", &e)])))?;
        Self::parse(path, source, msgs)
    }

    pub fn parse(path: &Path, source: String, msgs: &Messages) -> Result<Config, SourceError> {
        let file: ConfigFile = toml::from_str(&source).map_err(|e| {
            SourceError::at(path, &source, e.span(), e.message().trim_end().to_owned())
                .with_help(msgs.report.config_help)
        })?;
        let level_error = |span: std::ops::Range<usize>, value: u8| {
            SourceError::at(path, &source, Some(span), fill(msgs.report.bad_level, &[("found", &value)]))
        };
        if let Some(v) = &file.thresholds.min_overall {
            if *v.get_ref() > 3 {
                return Err(level_error(v.span(), *v.get_ref()));
            }
        }
        let mut min_level = Vec::new();
        for (id, v) in &file.thresholds.min_level {
            if *v.get_ref() > 3 {
                return Err(level_error(v.span(), *v.get_ref()));
            }
            min_level.push((id.clone(), *v.get_ref(), v.span()));
        }
        let base = path.parent().unwrap_or(Path::new("."));
        Ok(Config {
            path: path.to_owned(),
            criteria: file.criteria.map(|c| base.join(c)),
            exclude: file.exclude,
            min_overall: file.thresholds.min_overall.map(|v| *v.get_ref()),
            require_complete: file.thresholds.require_complete,
            min_level,
            reviews_dir: file.reviews_dir.map(|d| base.join(d)),
            reviewers: file.reviewers,
            source,
        })
    }

    /// An error pointing at a byte span of the file.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: String) -> SourceError {
        SourceError::at(&self.path, &self.source, Some(span), message)
    }

    fn exclude_matcher(&self) -> Result<Gitignore, SourceError> {
        let base = self.path.parent().unwrap_or(Path::new("."));
        let base = std::path::absolute(base).unwrap_or_else(|_| base.to_path_buf());
        let mut builder = GitignoreBuilder::new(&base);
        for pattern in &self.exclude {
            builder.add_line(None, pattern).map_err(|e| {
                let span = self.source.find(pattern.as_str()).map(|s| s..s + pattern.len());
                SourceError::at(&self.path, &self.source, span, e.to_string())
            })?;
        }
        builder.build().map_err(|e| SourceError::file(&self.path, e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, SourceError> {
        Config::parse(Path::new("annexe.toml"), text.to_owned(), Lang::En.messages())
    }

    #[test]
    fn reads_thresholds_criteria_and_exclusions() {
        let c = parse(
            "criteria = \"grid\"\nexclude = [\"drafts/\"]\n[thresholds]\nmin_overall = 2\nrequire_complete = true\n\
             [thresholds.min_level]\nunmet_need = 2\n",
        )
        .unwrap();
        assert_eq!(c.min_overall, Some(2));
        assert_eq!(c.require_complete, Some(true));
        assert_eq!(c.min_level[0].0, "unmet_need");
        assert_eq!(c.criteria, Some(PathBuf::from("grid")));
    }

    #[test]
    fn an_unknown_key_is_an_error_at_its_line_and_column() {
        let err = parse("[thresholds]\nmin_overal = 2\n").unwrap_err();
        assert_eq!(err.position.map(|p| (p.line, p.column)), Some((2, 1)), "{err}");
        assert!(err.message.contains("min_overal"), "{err}");
    }

    #[test]
    fn reads_reviewers_and_the_reviews_folder() {
        let c =
            parse("reviews_dir = \"reviews\"\n[[reviewers]]\nname = \"Marie Dupont\"\norganisations = [\"CCAS\"]\n")
                .unwrap();
        assert_eq!(c.reviews_dir, Some(PathBuf::from("reviews")));
        assert_eq!(c.reviewers[0].organisations, vec!["CCAS".to_owned()]);
    }

    #[test]
    fn a_level_above_three_is_an_error() {
        let err = parse("[thresholds.min_level]\nunmet_need = 4\n").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(2));
    }
}
