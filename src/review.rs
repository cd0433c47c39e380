//! Human reviewers beside the scorer: the review files (`DOSSIER.review.NAME.toml`,
//! `format = "annexe-review/1"`), where they live, how they are read and
//! rewritten, and the pure functions that put them beside an assessment
//! (`summarize`), take each reviewer's harshness out (`normalize`) and flag
//! what is to discuss.
//!
//! A review file:
//!
//! ```toml
//! format = "annexe-review/1"
//! reviewer = "Marie Dupont"
//! dossier = "mon-dossier.toml"
//! conflicts = ["CCAS d'Amiens"]   # only when a declared conflict was confirmed
//!
//! [[actions]]
//! rank = 1                        # the dossier action's rank
//! overall = 2                     # the reviewer's overall judgement, 0–3
//! comment = "…"                   # on the whole action
//!
//! [actions.levels]                # the reviewer's level per criterion id, 0–3
//! unmet_need = 3
//!
//! [actions.comments]              # the reviewer's comment per criterion id
//! unmet_need = "…"
//! ```

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};

use crate::assessment::{ActionReviews, DossierAssessment, DossierReviews, LevelReviews, ReviewLevel, ReviewerRef};
use crate::criteria::Grid;
use crate::i18n::{fill, Messages};
use crate::location::SourceError;

/// The `format` value of review files.
pub const FORMAT: &str = "annexe-review/1";

/// The id the overall judgement goes by beside the criterion ids.
pub const OVERALL: &str = "overall";

/// Two levels apart is a disagreement worth discussing.
pub const DISAGREEMENT: f64 = 2.0;

// ---------------------------------------------------------------------------
// Names and places
// ---------------------------------------------------------------------------

/// A reviewer's name as a file name part: lower-case ASCII, accents folded,
/// every run of other characters one `-` ("Marie Dupont" → "marie-dupont").
pub fn slug(name: &str) -> String {
    let mut folded = String::new();
    for c in name.chars() {
        crate::text::fold_char(c, &mut folded);
    }
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// Whether two reviewer names are the same person's (case and accents aside).
pub fn same_reviewer(a: &str, b: &str) -> bool {
    crate::text::fold_phrase(a) == crate::text::fold_phrase(b)
}

/// The dossier's file name without `.toml`.
fn dossier_stem(dossier: &Path) -> String {
    let name = dossier.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.strip_suffix(".toml").map(str::to_owned).unwrap_or(name)
}

/// Where a reviewer's file for `dossier` goes: beside it, or in `reviews_dir`.
pub fn review_path(dossier: &Path, reviews_dir: Option<&Path>, reviewer: &str) -> PathBuf {
    let dir = reviews_dir.map(Path::to_path_buf).unwrap_or_else(|| dossier.parent().unwrap_or(Path::new("")).into());
    dir.join(format!("{}.review.{}.toml", dossier_stem(dossier), slug(reviewer)))
}

/// The folder where the reviews of `dossier` are: `reviews_dir`, else beside it.
fn reviews_folder(dossier: &Path, reviews_dir: Option<&Path>) -> PathBuf {
    match reviews_dir {
        Some(d) => d.to_path_buf(),
        None => match dossier.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        },
    }
}

/// The names of the review files (`*.review.*.toml`) in `dir`.
fn list_review_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".review.") && name.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

/// Of the review file names of `dir`, those of `dossier`, as paths.
fn reviews_of(dossier: &Path, dir: &Path, names: &[String]) -> Vec<PathBuf> {
    let prefix = format!("{}.review.", dossier_stem(dossier));
    names
        .iter()
        .filter(|name| {
            name.strip_prefix(&prefix)
                .and_then(|rest| rest.strip_suffix(".toml"))
                .is_some_and(|slug| !slug.is_empty() && !slug.contains('.'))
        })
        // Shown as the dossier is: `./` left out.
        .map(|name| {
            let path = dir.join(name);
            path.strip_prefix("./").map(Path::to_path_buf).unwrap_or(path)
        })
        .collect()
}

/// The review files of `dossier`: `STEM.review.*.toml` beside it, or in
/// `reviews_dir`, in name order.
pub fn find_reviews(dossier: &Path, reviews_dir: Option<&Path>) -> Vec<PathBuf> {
    let dir = reviews_folder(dossier, reviews_dir);
    reviews_of(dossier, &dir, &list_review_files(&dir))
}

/// Finds the reviews of many dossiers, listing each folder once: a batch of
/// thousands of dossiers in one folder must not read that folder thousands
/// of times.
#[derive(Debug, Default)]
pub struct ReviewIndex {
    reviews_dir: Option<PathBuf>,
    listings: std::sync::Mutex<std::collections::HashMap<PathBuf, std::sync::Arc<Vec<String>>>>,
}

impl ReviewIndex {
    pub fn new(reviews_dir: Option<&Path>) -> Self {
        ReviewIndex { reviews_dir: reviews_dir.map(Path::to_path_buf), listings: Default::default() }
    }

    /// As `find_reviews`, from the cached listing of the folder.
    pub fn find(&self, dossier: &Path) -> Vec<PathBuf> {
        let dir = reviews_folder(dossier, self.reviews_dir.as_deref());
        let names = {
            let mut listings = self.listings.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            listings.entry(dir.clone()).or_insert_with(|| std::sync::Arc::new(list_review_files(&dir))).clone()
        };
        reviews_of(dossier, &dir, &names)
    }
}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// A review file, read and checked against the grid.
#[derive(Debug, Clone)]
pub struct Review {
    pub path: PathBuf,
    pub reviewer: String,
    pub dossier: String,
    pub conflicts: Vec<String>,
    pub actions: Vec<ReviewedAction>,
    source: String,
}

#[derive(Debug, Clone, Default)]
pub struct ReviewedAction {
    pub rank: u32,
    rank_span: Range<usize>,
    /// (criterion id, level), in the grid's order.
    pub levels: Vec<(String, u8)>,
    pub comments: BTreeMap<String, String>,
    pub overall: Option<u8>,
    pub comment: Option<String>,
}

impl ReviewedAction {
    pub fn level(&self, id: &str) -> Option<u8> {
        self.levels.iter().find(|(i, _)| i == id).map(|(_, l)| *l)
    }

    /// How many levels (criteria and overall) are given.
    pub fn given(&self) -> usize {
        self.levels.len() + usize::from(self.overall.is_some())
    }
}

impl Review {
    pub fn action(&self, rank: u32) -> Option<&ReviewedAction> {
        self.actions.iter().find(|a| a.rank == rank)
    }

    /// How many levels the review gives, over all actions.
    pub fn given(&self) -> usize {
        self.actions.iter().map(ReviewedAction::given).sum()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDe {
    format: Option<Spanned<String>>,
    reviewer: Option<Spanned<String>>,
    #[serde(default)]
    dossier: String,
    #[serde(default)]
    conflicts: Vec<String>,
    #[serde(default)]
    actions: Vec<ActionDe>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionDe {
    rank: Spanned<u32>,
    overall: Option<Spanned<u8>>,
    comment: Option<String>,
    #[serde(default)]
    levels: BTreeMap<Spanned<String>, Spanned<u8>>,
    #[serde(default)]
    comments: BTreeMap<Spanned<String>, String>,
}

/// Reads a review file; errors name the file, line and column.
pub fn load(path: &Path, grid: &Grid, msgs: &Messages) -> Result<Review, SourceError> {
    let source = crate::dossier::read_text(path, crate::dossier::ReadLimits::default(), msgs)?;
    parse(path, source, grid, msgs)
}

pub fn parse(path: &Path, source: String, grid: &Grid, msgs: &Messages) -> Result<Review, SourceError> {
    let m = &msgs.review;
    let body = source.strip_prefix('\u{feff}').unwrap_or(&source);
    let shift = source.len() - body.len();
    let at = |span: Range<usize>, message: String| {
        SourceError::at(path, &source, Some(span.start + shift..span.end + shift), message).with_help(m.file_help)
    };
    let file: FileDe = toml::from_str(body).map_err(|e| {
        let span = e.span().map(|s| s.start + shift..s.end + shift);
        SourceError::at(path, &source, span, e.message().trim_end().to_owned()).with_help(m.file_help)
    })?;
    match &file.format {
        None => return Err(at(0..0, m.missing_format.to_owned())),
        Some(f) if f.get_ref() != FORMAT => {
            return Err(at(f.span(), fill(m.bad_format, &[("found", f.get_ref())])));
        }
        Some(_) => {}
    }
    let reviewer = match &file.reviewer {
        Some(r) if !r.get_ref().trim().is_empty() => r.get_ref().trim().to_owned(),
        Some(r) => return Err(at(r.span(), m.missing_reviewer.to_owned())),
        None => return Err(at(0..0, m.missing_reviewer.to_owned())),
    };
    let level = |v: &Spanned<u8>| -> Result<u8, SourceError> {
        let l = *v.get_ref();
        if l > 3 {
            return Err(at(v.span(), fill(msgs.report.bad_level, &[("found", &l)])));
        }
        Ok(l)
    };
    let criterion = |k: &Spanned<String>| -> Result<String, SourceError> {
        match grid.criterion(k.get_ref()) {
            Some(c) => Ok(c.id.clone()),
            None => {
                let known = grid.criteria.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
                Err(at(k.span(), fill(msgs.report.unknown_criterion, &[("id", k.get_ref()), ("known", &known)])))
            }
        }
    };
    let mut actions: Vec<ReviewedAction> = Vec::new();
    for a in &file.actions {
        let rank = *a.rank.get_ref();
        if actions.iter().any(|o| o.rank == rank) {
            return Err(at(a.rank.span(), fill(m.duplicate_rank, &[("rank", &rank)])));
        }
        let mut levels = Vec::new();
        for (k, v) in &a.levels {
            levels.push((criterion(k)?, level(v)?));
        }
        levels.sort_by_key(|(id, _)| grid.criteria.iter().position(|c| &c.id == id));
        let mut comments = BTreeMap::new();
        for (k, v) in &a.comments {
            comments.insert(criterion(k)?, v.clone());
        }
        let overall = a.overall.as_ref().map(level).transpose()?;
        actions.push(ReviewedAction {
            rank,
            rank_span: a.rank.span(),
            levels,
            comments,
            overall,
            comment: a.comment.clone(),
        });
    }
    Ok(Review {
        path: path.to_owned(),
        reviewer,
        dossier: file.dossier,
        conflicts: file.conflicts,
        actions,
        source: source.clone(),
    })
}

// ---------------------------------------------------------------------------
// Beside the assessment
// ---------------------------------------------------------------------------

/// Reads the reviews of `dossier` (see `find_reviews`) and puts them beside
/// its assessment. Review files that cannot be read, or that speak of an
/// action the dossier does not have, come back as errors; the others count.
pub fn gather(
    dossier: &Path,
    assessment: &DossierAssessment,
    index: &ReviewIndex,
    grid: &Grid,
    msgs: &Messages,
) -> (Option<DossierReviews>, Vec<SourceError>) {
    let files = index.find(dossier);
    if files.is_empty() {
        return (None, Vec::new());
    }
    let mut reviews = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match load(&file, grid, msgs) {
            Ok(r) => reviews.push(r),
            Err(e) => errors.push(e),
        }
    }
    let (summary, more) = summarize(assessment, &reviews, grid, msgs);
    errors.extend(more);
    (Some(summary), errors)
}

/// Puts the reviews of a scored dossier beside it; review files that cannot
/// be used come back as items of their own, for the reports to list with the
/// other unreadable files (they do not stop the batch).
pub fn attach(
    scored: &mut crate::batch::Scored,
    index: &ReviewIndex,
    grid: &Grid,
    msgs: &Messages,
) -> Vec<crate::batch::Scored> {
    let Ok(a) = &scored.result else { return Vec::new() };
    let (reviews, errors) = gather(Path::new(&scored.path), a, index, grid, msgs);
    scored.reviews = reviews;
    errors
        .into_iter()
        .map(|e| crate::batch::Scored { path: crate::batch::display_path(&e.path), result: Err(e), reviews: None })
        .collect()
}

/// The reviews beside the automatic reading, per action and criterion:
/// every reviewer's level, their mean and spread, and the "to discuss" flags.
/// A review that speaks of a rank the dossier does not have is an error for
/// that review, which is left out.
pub fn summarize(
    assessment: &DossierAssessment,
    reviews: &[Review],
    grid: &Grid,
    msgs: &Messages,
) -> (DossierReviews, Vec<SourceError>) {
    let mut errors = Vec::new();
    let ranks: Vec<u32> = assessment.actions.iter().map(|a| a.rank).collect();
    let valid: Vec<&Review> = reviews
        .iter()
        .filter(|r| match r.actions.iter().find(|a| !ranks.contains(&a.rank)) {
            None => true,
            Some(a) => {
                let known = ranks.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                let message = fill(
                    msgs.review.unknown_rank,
                    &[("rank", &a.rank), ("dossier", &assessment.path), ("known", &known)],
                );
                errors.push(SourceError::at(&r.path, &r.source, Some(a.rank_span.clone()), message));
                false
            }
        })
        .collect();
    let reviewers = valid
        .iter()
        .map(|r| ReviewerRef {
            name: r.reviewer.clone(),
            file: crate::batch::display_path(&r.path),
            conflicts: r.conflicts.clone(),
        })
        .collect();
    let actions = assessment
        .actions
        .iter()
        .map(|action| {
            let of = |id: &str, automatic: u8, pick: &dyn Fn(&ReviewedAction) -> Option<(u8, String)>| {
                let reviews = valid
                    .iter()
                    .filter_map(|r| {
                        let (level, comment) = pick(r.action(action.rank)?)?;
                        Some(ReviewLevel {
                            reviewer: r.reviewer.clone(),
                            level,
                            comment,
                            normalized: None,
                            conflict: !r.conflicts.is_empty(),
                        })
                    })
                    .collect();
                level_reviews(id, automatic, reviews)
            };
            let criteria: Vec<LevelReviews> = grid
                .criteria
                .iter()
                .map(|c| {
                    let automatic = action.criterion(&c.id).map_or(0, |a| a.level);
                    of(&c.id, automatic, &|a: &ReviewedAction| {
                        Some((a.level(&c.id)?, a.comments.get(&c.id).cloned().unwrap_or_default()))
                    })
                })
                .collect();
            let overall = of(OVERALL, action.overall, &|a: &ReviewedAction| {
                Some((a.overall?, a.comment.clone().unwrap_or_default()))
            });
            let to_discuss = overall.to_discuss || criteria.iter().any(|c| c.to_discuss);
            ActionReviews { index: action.index, rank: action.rank, criteria, overall, to_discuss }
        })
        .collect();
    (DossierReviews { reviewers, actions, normalized: false }, errors)
}

/// Mean, spread and the "to discuss" flag of one criterion's reviews.
pub fn level_reviews(id: &str, automatic: u8, reviews: Vec<ReviewLevel>) -> LevelReviews {
    let levels: Vec<u8> = reviews.iter().map(|r| r.level).collect();
    let mean = mean(levels.iter().map(|&l| f64::from(l)));
    let spread = match (levels.iter().max(), levels.iter().min()) {
        (Some(max), Some(min)) => Some(max - min),
        _ => None,
    };
    let to_discuss = spread.is_some_and(|s| f64::from(s) >= DISAGREEMENT)
        || mean.is_some_and(|m| (f64::from(automatic) - m).abs() >= DISAGREEMENT - 1e-9);
    LevelReviews { id: id.to_owned(), automatic, reviews, mean, spread, normalized_mean: None, to_discuss }
}

/// The mean, rounded to two decimals; None for no values.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round2(sum / n as f64))
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Mean and standard deviation (population) of `values`.
fn moments(values: &[f64]) -> (f64, f64) {
    if values.is_empty() {
        return (0.0, 0.0);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// Takes each reviewer's harshness or leniency out, over the whole batch:
/// every level a reviewer gave (criteria and overall, all dossiers) becomes a
/// z-score against that reviewer's own mean and spread, then is mapped back
/// onto the 0–3 scale around the batch's mean and spread of all reviewers'
/// levels: `batch_mean + batch_sd × (level − reviewer_mean) / reviewer_sd`,
/// kept within 0–3. A reviewer who gave one level only (no spread) is put at
/// the batch mean. Reviewers are told apart by their name's slug.
pub fn normalize(batch: &mut [&mut DossierReviews]) {
    let mut by_reviewer: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut all = Vec::new();
    for reviews in batch.iter() {
        for action in &reviews.actions {
            for lr in action.criteria.iter().chain([&action.overall]) {
                for r in &lr.reviews {
                    by_reviewer.entry(slug(&r.reviewer)).or_default().push(f64::from(r.level));
                    all.push(f64::from(r.level));
                }
            }
        }
    }
    let (batch_mean, batch_sd) = moments(&all);
    let stats: BTreeMap<String, (f64, f64)> = by_reviewer.into_iter().map(|(k, v)| (k, moments(&v))).collect();
    for reviews in batch.iter_mut() {
        reviews.normalized = true;
        for action in &mut reviews.actions {
            for lr in action.criteria.iter_mut().chain([&mut action.overall]) {
                for r in &mut lr.reviews {
                    let (m, sd) = stats.get(&slug(&r.reviewer)).copied().unwrap_or((batch_mean, 0.0));
                    let z = if sd > 1e-9 { (f64::from(r.level) - m) / sd } else { 0.0 };
                    r.normalized = Some(round2((batch_mean + batch_sd * z).clamp(0.0, 3.0)));
                }
                lr.normalized_mean = mean(lr.reviews.iter().filter_map(|r| r.normalized));
            }
        }
    }
}

/// The organisations among `organisations` that the dossier names as its
/// applicant or a partner (case and accents aside; one containing the other
/// counts, "CCAS" matching "CCAS d'Amiens").
pub fn conflicts(organisations: &[String], names: &[&str]) -> Vec<String> {
    let names: Vec<String> = names.iter().map(|n| crate::text::fold_phrase(n)).filter(|n| !n.is_empty()).collect();
    organisations
        .iter()
        .filter(|org| {
            let o = crate::text::fold_phrase(org);
            !o.is_empty() && names.iter().any(|n| contains_words(n, &o) || contains_words(&o, n))
        })
        .cloned()
        .collect()
}

/// Whether `hay` holds `needle` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    format!(" {hay} ").contains(&format!(" {needle} "))
}

// ---------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------

/// A review being written answer by answer; every change is saved at once,
/// atomically, keeping the file's comments and order.
pub struct ReviewDraft {
    path: PathBuf,
    doc: DocumentMut,
}

impl ReviewDraft {
    /// A new review of `dossier` by `reviewer` (not saved yet).
    pub fn create(path: &Path, reviewer: &str, dossier: &str, msgs: &Messages) -> ReviewDraft {
        let mut doc = DocumentMut::new();
        doc.decor_mut().set_prefix(format!("# {}\n", msgs.review.file_help.replace('`', "")));
        doc["format"] = value(FORMAT);
        doc["reviewer"] = value(reviewer);
        doc["dossier"] = value(dossier);
        ReviewDraft { path: path.to_owned(), doc }
    }

    /// An existing review's text, already checked with `parse`.
    pub fn open(path: &Path, text: &str) -> Result<ReviewDraft, toml_edit::TomlError> {
        Ok(ReviewDraft { path: path.to_owned(), doc: text.parse::<DocumentMut>()? })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn save(&self) -> std::io::Result<()> {
        crate::dossier::edit::write_atomic(&self.path, &self.doc.to_string())
    }

    pub fn set_conflicts(&mut self, organisations: &[String]) -> std::io::Result<()> {
        let mut array = toml_edit::Array::new();
        for o in organisations {
            array.push(o.as_str());
        }
        self.doc["conflicts"] = value(array);
        self.save()
    }

    /// The `[[actions]]` table of `rank`, added when missing.
    fn action(&mut self, rank: u32) -> std::io::Result<&mut Table> {
        if !self.doc.get("actions").is_some_and(Item::is_array_of_tables) {
            self.doc["actions"] = Item::ArrayOfTables(ArrayOfTables::new());
        }
        let actions = self.doc["actions"].as_array_of_tables_mut().ok_or_else(not_edited)?;
        let found = actions.iter().position(|t| t.get("rank").and_then(Item::as_integer) == Some(i64::from(rank)));
        let at = match found {
            Some(at) => at,
            None => {
                let mut t = Table::new();
                t["rank"] = value(i64::from(rank));
                actions.push(t);
                actions.len() - 1
            }
        };
        actions.get_mut(at).ok_or_else(not_edited)
    }

    fn sub_table<'t>(action: &'t mut Table, name: &str) -> std::io::Result<&'t mut Table> {
        if !action.get(name).is_some_and(Item::is_table) {
            action.insert(name, Item::Table(Table::new()));
        }
        action.get_mut(name).and_then(Item::as_table_mut).ok_or_else(not_edited)
    }

    /// A criterion's level (`id` a criterion id) or the overall one (`OVERALL`).
    pub fn set_level(&mut self, rank: u32, id: &str, level: u8) -> std::io::Result<()> {
        let action = self.action(rank)?;
        if id == OVERALL {
            action["overall"] = value(i64::from(level));
        } else {
            Self::sub_table(action, "levels")?[id] = value(i64::from(level));
        }
        self.save()
    }

    pub fn set_comment(&mut self, rank: u32, id: &str, comment: &str) -> std::io::Result<()> {
        let action = self.action(rank)?;
        if id == OVERALL {
            action["comment"] = value(comment);
        } else {
            Self::sub_table(action, "comments")?[id] = value(comment);
        }
        self.save()
    }
}

/// A table that could not be made where the review's layout wants it.
fn not_edited() -> std::io::Error {
    std::io::Error::other("the review file's layout could not be edited")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::ReviewLevel;
    use crate::form::Form;
    use crate::i18n::Lang;

    fn grid() -> Grid {
        let form = Form::embedded().unwrap();
        Grid::load(None, &form).unwrap()
    }

    fn rl(reviewer: &str, level: u8) -> ReviewLevel {
        ReviewLevel { reviewer: reviewer.into(), level, comment: String::new(), normalized: None, conflict: false }
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert_eq!(slug("Marie Dupont"), "marie-dupont");
        assert_eq!(slug("  Élodie  D'Œuvre-Ñúñez "), "elodie-d-oeuvre-nunez");
        assert_eq!(
            review_path(Path::new("d/mon-dossier.toml"), None, "Marie Dupont"),
            PathBuf::from("d/mon-dossier.review.marie-dupont.toml")
        );
        assert_eq!(review_path(Path::new("d/x.toml"), Some(Path::new("r")), "Jo"), PathBuf::from("r/x.review.jo.toml"));
        assert!(same_reviewer("Marie DUPONT", "marie dupont"));
        assert!(!same_reviewer("Marie Dupont", "Marie Durand"));
    }

    #[test]
    fn mean_spread_and_disagreement_by_hand() {
        // Reviewers 1 and 3: spread 2, to discuss; mean 2 beside automatic 2.
        let lr = level_reviews("unmet_need", 2, vec![rl("a", 1), rl("b", 3)]);
        assert_eq!((lr.mean, lr.spread, lr.to_discuss), (Some(2.0), Some(2), true));
        // Reviewers agree (2, 3: mean 2.5) but the automatic level is 0: 2.5 apart.
        let lr = level_reviews("unmet_need", 0, vec![rl("a", 2), rl("b", 3)]);
        assert_eq!((lr.mean, lr.spread, lr.to_discuss), (Some(2.5), Some(1), true));
        // 1.5 apart is not enough.
        let lr = level_reviews("unmet_need", 0, vec![rl("a", 1), rl("b", 2)]);
        assert!(!lr.to_discuss);
        // Exactly 2 apart from the automatic level is.
        let lr = level_reviews("unmet_need", 3, vec![rl("a", 1)]);
        assert!(lr.to_discuss);
        let lr = level_reviews("unmet_need", 3, vec![]);
        assert_eq!((lr.mean, lr.spread, lr.to_discuss), (None, None, false));
    }

    fn reviews_of(levels: &[(&str, u8)]) -> DossierReviews {
        let overall = level_reviews(OVERALL, 1, levels.iter().map(|(r, l)| rl(r, *l)).collect());
        DossierReviews {
            reviewers: Vec::new(),
            actions: vec![ActionReviews { index: 0, rank: 1, criteria: Vec::new(), overall, to_discuss: false }],
            normalized: false,
        }
    }

    #[test]
    fn normalisation_takes_a_harsh_reviewer_s_offset_out() {
        // a gives 1, 2, 3 (mean 2); b, one level harsher, gives 0, 1, 2 (mean 1).
        // Both have the same spread, so each one's best is the same normalised level.
        // Batch: 1 2 3 0 1 2 → mean 1.5, sd √(5.5/6) = 0.9574;
        // a's 3: z = 1/√(2/3) = 1.2247 → 1.5 + 0.9574 × 1.2247 = 2.67.
        let mut d1 = reviews_of(&[("a", 1), ("b", 0)]);
        let mut d2 = reviews_of(&[("a", 2), ("b", 1)]);
        let mut d3 = reviews_of(&[("A", 3), ("b", 2)]); // same reviewer, whatever the case
        normalize(&mut [&mut d1, &mut d2, &mut d3]);
        let n = |d: &DossierReviews| d.actions[0].overall.reviews.iter().map(|r| r.normalized).collect::<Vec<_>>();
        assert_eq!(n(&d1), vec![Some(0.33), Some(0.33)]);
        assert_eq!(n(&d2), vec![Some(1.5), Some(1.5)]);
        assert_eq!(n(&d3), vec![Some(2.67), Some(2.67)]);
        assert_eq!(d3.actions[0].overall.normalized_mean, Some(2.67));
        assert!(d1.normalized);
        // A reviewer who always gives the same level sits at the batch mean.
        let mut d = reviews_of(&[("c", 2)]);
        let mut e = reviews_of(&[("c", 2), ("d", 0)]);
        normalize(&mut [&mut d, &mut e]);
        // Batch 2 2 0: mean 4/3.
        assert_eq!(d.actions[0].overall.reviews[0].normalized, Some(1.33));
    }

    #[test]
    fn conflicts_match_whole_words_case_and_accents_aside() {
        let orgs = vec!["CCAS".to_owned(), "Amiens Métropole".to_owned(), "Habitat".to_owned()];
        let names = ["Les Petits Pas", "ccas d'Amiens", "AMIENS METROPOLE"];
        assert_eq!(conflicts(&orgs, &names), vec!["CCAS".to_owned(), "Amiens Métropole".to_owned()]);
        assert!(conflicts(&orgs, &["Cohabitation"]).is_empty());
    }

    #[test]
    fn a_review_file_is_checked_with_positions() {
        let g = grid();
        let msgs = Lang::En.messages();
        let p = Path::new("r.toml");
        let ok = "format = \"annexe-review/1\"\nreviewer = \"Marie\"\ndossier = \"d.toml\"\n\
                  [[actions]]\nrank = 1\noverall = 2\n[actions.levels]\nglobal_stake = 1\nunmet_need = 3\n";
        let r = parse(p, ok.into(), &g, msgs).unwrap();
        assert_eq!(r.actions[0].levels, vec![("unmet_need".to_owned(), 3), ("global_stake".to_owned(), 1)]);
        let err = |text: &str| parse(p, text.into(), &g, msgs).unwrap_err();
        let e = err(&ok.replace("unmet_need = 3", "unmet_need = 4"));
        assert_eq!(e.position.map(|p| (p.line, p.column)), Some((9, 14)), "{e}");
        let e = err(&ok.replace("unmet_need", "unmet"));
        assert!(e.message.contains("unknown criterion `unmet`"), "{e}");
        let e = err(&ok.replace("annexe-review/1", "annexe-b/1"));
        assert_eq!(e.position.map(|p| p.line), Some(1), "{e}");
        let e = err("format = \"annexe-review/1\"\nreviewer = \"M\"\n[[actions]]\nrank = 1\nrank = 2\n");
        assert_eq!(e.position.map(|p| p.line), Some(5), "{e}");
        let e = err("format = \"annexe-review/1\"\n[[actions]]\nrank = 1\n");
        assert!(e.message.contains("who reviewed"), "{e}");
    }

    #[test]
    fn a_draft_keeps_comments_and_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.review.m.toml");
        let msgs = Lang::Fr.messages();
        let mut draft = ReviewDraft::create(&path, "M", "d.toml", msgs);
        draft.set_level(2, "unmet_need", 3).unwrap();
        draft.set_comment(2, "unmet_need", "Enquête citée").unwrap();
        draft.set_level(2, OVERALL, 2).unwrap();
        let text = std::fs::read_to_string(&path).unwrap().replace("rank = 2\n", "# mine\nrank = 2\n");
        let mut draft = ReviewDraft::open(&path, &text).unwrap();
        draft.set_comment(2, OVERALL, "ok").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine\nrank = 2\noverall = 2\ncomment = \"ok\"\n"), "{text}");
        let r = parse(&path, text, &grid(), msgs).unwrap();
        assert_eq!(r.action(2).map(|a| (a.level("unmet_need"), a.overall)), Some((Some(3), Some(2))));
        assert_eq!(r.action(2).and_then(|a| a.comments.get("unmet_need")).map(String::as_str), Some("Enquête citée"));
    }
}
