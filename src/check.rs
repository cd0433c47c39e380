//! `annexe check`'s model: thresholds applied to assessments give findings,
//! each pointing at the answer it is about (or the key where an answer is
//! missing). Every check format (text, JSON, GitHub, SARIF, JUnit, GitLab)
//! is drawn from `Checked` and `rules`; none of them judges anything itself.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::assessment::{ActionAssessment, DossierAssessment};
use crate::batch::Scored;
use crate::criteria::Grid;
use crate::i18n::{fill, Lang, Messages};
use crate::location::{Position, SourceError};

/// What every action must reach.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thresholds {
    /// (criterion id, lowest level), in the grid's order.
    pub min_level: Vec<(String, u8)>,
    pub min_overall: Option<u8>,
    pub require_complete: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Shown, does not fail the check (unknown keys, duplicate ranks).
    Warning,
}

/// The kinds of finding; with the criterion, they make the rule id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    MinLevel,
    MinOverall,
    Incomplete,
    Unreadable,
    DossierWarning,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::MinLevel => "min-level",
            Kind::MinOverall => "min-overall",
            Kind::Incomplete => "incomplete",
            Kind::Unreadable => "unreadable",
            Kind::DossierWarning => "dossier-warning",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionRef {
    pub index: usize,
    pub rank: u32,
    pub title: String,
}

/// One thing to tell about one place of one file.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// `min-level/unmet_need`, `min-overall`, `incomplete`, `unreadable`, `dossier-warning`.
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    /// The path as shown to the user.
    pub path: String,
    /// The path relative to the repository root, with `/`.
    pub repo_path: String,
    /// Where in the file; `None` for a file that could not be opened at all.
    pub at: Option<Position>,
    pub action: Option<ActionRef>,
    pub criterion: Option<String>,
    pub question: Option<String>,
    /// A few words, for annotation titles.
    pub title: String,
    pub message: String,
    pub help: Option<String>,
    /// Stable across runs and unrelated edits: a hash of the path, the
    /// action's rank, the criterion or question, and the rule.
    pub fingerprint: String,
}

/// One file, checked.
#[derive(Debug)]
pub struct Checked {
    pub scored: Scored,
    pub repo_path: String,
    pub findings: Vec<Finding>,
}

impl Checked {
    pub fn assessment(&self) -> Option<&DossierAssessment> {
        self.scored.result.as_ref().ok()
    }

    pub fn failure(&self) -> Option<&SourceError> {
        self.scored.result.as_ref().err()
    }

    /// The findings about one action (and one criterion, or none).
    pub fn findings_for(&self, index: usize, kind: Kind, criterion: Option<&str>) -> Vec<&Finding> {
        self.findings
            .iter()
            .filter(|f| {
                f.kind == kind
                    && f.action.as_ref().is_some_and(|a| a.index == index)
                    && f.criterion.as_deref() == criterion
            })
            .collect()
    }
}

/// A rule as SARIF and documentation describe it.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub short: String,
    pub full: String,
    pub help: String,
    pub severity: Severity,
}

/// Every rule findings can carry, in a fixed order.
pub fn rules(grid: &Grid, lang: Lang) -> Vec<Rule> {
    let m = &lang.messages().report;
    let mut rules: Vec<Rule> = grid
        .criteria
        .iter()
        .map(|c| Rule {
            id: format!("{}/{}", Kind::MinLevel.id(), c.id),
            name: format!("MinLevel/{}", c.id),
            short: fill(m.rule_min_level, &[("criterion", &c.name(lang))]),
            full: c.looks_for(lang).to_owned(),
            help: m.rule_min_level_help.to_owned(),
            severity: Severity::Error,
        })
        .collect();
    for (kind, name, short, help, severity) in [
        (Kind::MinOverall, "MinOverall", m.rule_min_overall, m.rule_min_overall_help, Severity::Error),
        (Kind::Incomplete, "Incomplete", m.rule_incomplete, m.rule_incomplete_help, Severity::Error),
        (Kind::Unreadable, "Unreadable", m.rule_unreadable, m.rule_unreadable_help, Severity::Error),
        (Kind::DossierWarning, "DossierWarning", m.rule_warning, m.rule_warning_help, Severity::Warning),
    ] {
        rules.push(Rule {
            id: kind.id().to_owned(),
            name: name.to_owned(),
            short: short.to_owned(),
            full: help.to_owned(),
            help: help.to_owned(),
            severity,
        });
    }
    rules
}

/// The repository a path is in: the nearest folder with `.git`, else the
/// current folder. Paths in SARIF, GitHub and GitLab reports are relative to it.
pub fn repo_root(cwd: &Path) -> PathBuf {
    cwd.ancestors().find(|d| d.join(".git").exists()).unwrap_or(cwd).to_path_buf()
}

/// `path` relative to `root`, with `/` separators; as given when outside it.
pub fn repo_relative(path: &Path, root: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = absolute.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// Applies the thresholds to one scored file.
pub fn check(scored: Scored, thresholds: &Thresholds, grid: &Grid, lang: Lang, root: &Path) -> Checked {
    let msgs = lang.messages();
    let repo_path = repo_relative(Path::new(&scored.path), root);
    let mut findings = Vec::new();
    let base = |kind: Kind, rule: String, severity: Severity| Finding {
        rule,
        kind,
        severity,
        path: scored.path.clone(),
        repo_path: repo_path.clone(),
        at: None,
        action: None,
        criterion: None,
        question: None,
        title: String::new(),
        message: String::new(),
        help: None,
        fingerprint: String::new(),
    };
    match &scored.result {
        Err(e) => findings.push(Finding {
            at: e.position,
            title: msgs.report.rule_unreadable.to_owned(),
            message: e.message.clone(),
            help: e.help.clone(),
            ..base(Kind::Unreadable, Kind::Unreadable.id().to_owned(), Severity::Error)
        }),
        Ok(a) => {
            for w in &a.warnings {
                findings.push(Finding {
                    at: Some(w.at),
                    title: msgs.report.rule_warning.to_owned(),
                    message: w.message.clone(),
                    help: Some(w.help.clone()),
                    ..base(Kind::DossierWarning, Kind::DossierWarning.id().to_owned(), Severity::Warning)
                });
            }
            for action in &a.actions {
                action_findings(action, thresholds, grid, lang, msgs, &base, &mut findings);
            }
        }
    }
    // Fingerprints: stable, and unique within the file even when two actions
    // share a rank.
    let mut seen = std::collections::HashSet::new();
    for f in &mut findings {
        let key = format!(
            "{}\0{}\0{}\0{}\0{}",
            f.repo_path,
            f.action.as_ref().map_or(0, |a| a.rank),
            f.criterion.as_deref().or(f.question.as_deref()).unwrap_or(""),
            f.rule,
            if f.kind == Kind::DossierWarning || f.kind == Kind::Unreadable { f.message.as_str() } else { "" }
        );
        let mut n = 0u32;
        loop {
            let print = fingerprint(&format!("{key}\0{n}"));
            if seen.insert(print.clone()) {
                f.fingerprint = print;
                break;
            }
            n += 1;
        }
    }
    Checked { scored, repo_path, findings }
}

fn action_findings(
    action: &ActionAssessment,
    thresholds: &Thresholds,
    grid: &Grid,
    lang: Lang,
    msgs: &Messages,
    base: &dyn Fn(Kind, String, Severity) -> Finding,
    findings: &mut Vec<Finding>,
) {
    let m = &msgs.report;
    let action_ref = ActionRef { index: action.index, rank: action.rank, title: action.title.clone() };
    let title = if action.title.is_empty() { m.untitled } else { action.title.as_str() };
    let who = fill(m.action_ref, &[("rank", &action.rank), ("title", &title)]);
    let level = |l: u8| format!("{l} ({})", grid.level_name(l, lang));
    for (id, min) in &thresholds.min_level {
        let Some(c) = action.criterion(id) else { continue };
        if c.level >= *min {
            continue;
        }
        let name = grid.criterion(id).map_or(id.as_str(), |c| c.name(lang));
        let help = if c.suggestions.is_empty() { None } else { Some(c.suggestions.join("\n")) };
        findings.push(Finding {
            at: Some(c.at),
            action: Some(action_ref.clone()),
            criterion: Some(id.clone()),
            title: fill(m.rule_min_level, &[("criterion", &name)]),
            message: fill(
                m.below_level,
                &[("action", &who), ("criterion", &name), ("level", &level(c.level)), ("min", &level(*min))],
            ),
            help,
            ..base(Kind::MinLevel, format!("{}/{id}", Kind::MinLevel.id()), Severity::Error)
        });
    }
    if let Some(min) = thresholds.min_overall {
        if action.overall < min {
            findings.push(Finding {
                at: Some(action.at),
                action: Some(action_ref.clone()),
                title: m.rule_min_overall.to_owned(),
                message: fill(
                    m.below_overall,
                    &[("action", &who), ("level", &level(action.overall)), ("min", &level(min))],
                ),
                ..base(Kind::MinOverall, Kind::MinOverall.id().to_owned(), Severity::Error)
            });
        }
    }
    if thresholds.require_complete {
        for (list, template) in
            [(&action.completeness.missing, m.unanswered_one), (&action.completeness.thin, m.thin_one)]
        {
            for q in list {
                findings.push(Finding {
                    at: Some(q.at),
                    action: Some(action_ref.clone()),
                    question: Some(q.id.clone()),
                    title: m.rule_incomplete.to_owned(),
                    message: fill(template, &[("action", &who), ("question", &q.id)]),
                    ..base(Kind::Incomplete, Kind::Incomplete.id().to_owned(), Severity::Error)
                });
            }
        }
    }
}

/// FNV-1a, 128 bits, as 32 hex digits: stable across versions and platforms.
pub fn fingerprint(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut hash = OFFSET;
    for byte in text.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint("a"), fingerprint("a"));
        assert_ne!(fingerprint("a/b.toml\u{0}1\u{0}unmet_need"), fingerprint("a/b.toml\u{0}2\u{0}unmet_need"));
        assert_eq!(fingerprint("").len(), 32);
    }

    #[test]
    fn repo_relative_paths_use_slashes() {
        let root = std::env::current_dir().unwrap();
        assert_eq!(repo_relative(Path::new("./a/b.toml"), &root), "a/b.toml");
    }
}
