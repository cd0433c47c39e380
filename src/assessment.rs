//! The one model every output format is drawn from: what the scorer found in
//! a dossier, action by action and criterion by criterion, with positions in
//! the file. Report writers read it; none of them re-scores anything.

use serde::Serialize;

use crate::i18n::Lang;
use crate::location::Position;

/// One dossier file, scored.
#[derive(Debug, Clone, Serialize)]
pub struct DossierAssessment {
    /// The path as the user gave it or as found while walking a folder.
    pub path: String,
    pub applicant: String,
    pub territory: String,
    /// The language the answers are written in (and the suggestions given in).
    pub lang: Lang,
    pub actions: Vec<ActionAssessment>,
    /// Unknown keys and other warnings from reading the file.
    pub warnings: Vec<FileWarning>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileWarning {
    pub at: Position,
    pub message: String,
    pub help: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionAssessment {
    /// Position of the `[[actions]]` table in the file, from 0.
    pub index: usize,
    /// The declared rank, else the position in the file.
    pub rank: u32,
    pub title: String,
    /// Where the action starts in the file.
    pub at: Position,
    /// The holistic judgement, on the same 0–3 scale.
    pub overall: u8,
    /// 0–100, for finer ranking: the weighted mean of the criterion scores.
    pub score: u8,
    /// One per criterion of the grid, in the grid's order.
    pub criteria: Vec<CriterionAssessment>,
    pub completeness: Completeness,
}

#[derive(Debug, Clone, Serialize)]
pub struct CriterionAssessment {
    pub id: String,
    /// 0 absent, 1 asserted, 2 described, 3 demonstrated.
    pub level: u8,
    /// 0–100 within the level's band (level × 25 + how much of the grid is met).
    pub score: u8,
    /// The text says this criterion is not met ("pas de partenaire").
    pub denied: bool,
    pub components: Vec<ComponentAssessment>,
    /// The passages that earned the level (and those that deny it).
    pub evidence: Vec<Evidence>,
    /// What would raise the level, in the dossier's language.
    pub suggestions: Vec<String>,
    /// Where a finding about this criterion points: its first answered
    /// question, else the action.
    pub at: Position,
}

#[derive(Debug, Clone, Serialize)]
pub struct ComponentAssessment {
    pub id: String,
    /// 0 absent, 1 asserted, 2 described, 3 demonstrated.
    pub strength: u8,
    pub denied: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub component: String,
    /// The question the passage was found under.
    pub question: String,
    pub quote: String,
    pub at: Position,
    /// Found under a question that is not this criterion's own.
    pub elsewhere: bool,
    /// The passage says the criterion is not met.
    pub negated: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Completeness {
    pub answered: usize,
    pub expected: usize,
    /// Questions left unanswered.
    pub missing: Vec<QuestionRef>,
    /// Answers too short to read (fewer words than the form asks).
    pub thin: Vec<QuestionRef>,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.thin.is_empty()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QuestionRef {
    pub id: String,
    pub at: Position,
}

impl ActionAssessment {
    pub fn criterion(&self, id: &str) -> Option<&CriterionAssessment> {
        self.criteria.iter().find(|c| c.id == id)
    }
}

/// What human reviewers said of one dossier, beside the automatic reading:
/// drawn from its `*.review.*.toml` files by `review::summarize`. Reports
/// show it next to the assessment; none of them recomputes it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DossierReviews {
    /// Every review file read for the dossier, in file-name order.
    pub reviewers: Vec<ReviewerRef>,
    /// One per action of the assessment, in the same order.
    pub actions: Vec<ActionReviews>,
    /// Whether the `normalized` values were computed (`--normalize`).
    pub normalized: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewerRef {
    pub name: String,
    /// The review file, as reports show paths.
    pub file: String,
    /// Organisations of the reviewer that the dossier names (applicant or
    /// partner), declared when the review was made: a conflict of interest.
    pub conflicts: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionReviews {
    pub index: usize,
    pub rank: u32,
    /// One per criterion of the grid, in the grid's order.
    pub criteria: Vec<LevelReviews>,
    /// The overall judgement.
    pub overall: LevelReviews,
    /// "À discuter": reviewers 2 levels apart on a criterion or the overall
    /// judgement, or the automatic level 2 levels from the reviewers' mean.
    pub to_discuss: bool,
}

impl ActionReviews {
    /// Whether any reviewer gave a level for this action.
    pub fn is_reviewed(&self) -> bool {
        !self.overall.reviews.is_empty() || self.criteria.iter().any(|c| !c.reviews.is_empty())
    }
}

/// One criterion (or the overall judgement) of one action: the automatic
/// level and every reviewer's.
#[derive(Debug, Clone, Serialize)]
pub struct LevelReviews {
    /// The criterion id, or `overall`.
    pub id: String,
    pub automatic: u8,
    pub reviews: Vec<ReviewLevel>,
    /// The reviewers' mean level (None without reviews).
    pub mean: Option<f64>,
    /// Highest minus lowest reviewer level.
    pub spread: Option<u8>,
    /// The mean of the reviewers' normalised levels (`--normalize`).
    pub normalized_mean: Option<f64>,
    pub to_discuss: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReviewLevel {
    pub reviewer: String,
    pub level: u8,
    pub comment: String,
    /// The level on the batch's scale once the reviewer's own harshness or
    /// leniency is taken out (`--normalize`).
    pub normalized: Option<f64>,
    /// The reviewer declared a conflict of interest with this dossier.
    pub conflict: bool,
}
