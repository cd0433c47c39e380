//! Human reviews as the text reports show them (the ranking table and the
//! detailed report): per criterion, the automatic level, each reviewer's
//! level, their mean and spread, and what is to discuss.

use std::io::{self, Write};

use serde::Serialize;

use super::{paint, Chrome, Paint};
use crate::assessment::{ActionReviews, DossierAssessment, DossierReviews, LevelReviews};

/// `2.5` or `2`: a mean as people write it.
pub fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// One line per criterion and the overall judgement, indented by `indent`.
pub fn write_action(out: &mut dyn Write, chrome: &Chrome<'_>, a: &ActionReviews, indent: &str) -> io::Result<()> {
    let lines = a
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("C{}", i + 1), c))
        .chain([(chrome.msgs.report.overall.to_owned(), &a.overall)]);
    for (label, c) in lines {
        writeln!(out, "{indent}{}", level_line(chrome, &label, c))?;
    }
    Ok(())
}

fn level_line(chrome: &Chrome<'_>, label: &str, c: &LevelReviews) -> String {
    let m = &chrome.msgs.review;
    let mut parts = vec![format!("{label} {} {}", m.automatic_short, c.automatic)];
    for r in &c.reviews {
        let mut p = format!("{} {}", r.reviewer, r.level);
        if let Some(n) = r.normalized {
            p.push_str(&format!(" (→ {})", number(n)));
        }
        if r.conflict {
            p.push_str(&format!(" [{}]", m.conflict));
        }
        parts.push(p);
    }
    if let Some(mean) = c.mean {
        parts.push(format!("{} {}", m.mean, number(mean)));
    }
    if let Some(n) = c.normalized_mean {
        parts.push(format!("{} → {}", m.mean, number(n)));
    }
    if let Some(s) = c.spread {
        parts.push(format!("{} {s}", m.spread));
    }
    let mut line = parts.join(" · ");
    if c.to_discuss {
        line.push_str(&format!("  {}", paint(&format!("⚑ {}", m.to_discuss), Paint::Yellow, chrome.color)));
    }
    line
}

/// The heading of an action's reviews: where it is, and whether to discuss it.
pub fn heading(chrome: &Chrome<'_>, place: &str, a: &ActionReviews) -> String {
    let m = &chrome.msgs.review;
    if a.to_discuss {
        format!("{place} — {}", paint(&format!("⚑ {}", m.to_discuss), Paint::Yellow, chrome.color))
    } else {
        place.to_owned()
    }
}

/// The notes a report ends its reviews with.
pub fn notes(chrome: &Chrome<'_>, normalized: bool, disagreements: bool) -> Vec<String> {
    let m = &chrome.msgs.review;
    let mut notes = Vec::new();
    if normalized {
        notes.push(m.normalized_note.to_owned());
    }
    if disagreements {
        notes.push(m.disagreements_note.to_owned());
    }
    notes
}

/// The section title.
pub fn title(chrome: &Chrome<'_>) -> String {
    paint(chrome.msgs.review.heading, Paint::Bold, chrome.color)
}

/// A dossier's assessment with its reviews beside it, as JSON writes it:
/// the assessment's fields, then `reviews` when there are any.
#[derive(Serialize)]
pub struct WithReviews<'a> {
    #[serde(flatten)]
    pub assessment: &'a DossierAssessment,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reviews: Option<&'a DossierReviews>,
}

impl<'a> WithReviews<'a> {
    /// `reviews` only when some action has a level from a reviewer.
    pub fn new(assessment: &'a DossierAssessment, reviews: Option<&'a DossierReviews>) -> Self {
        let reviews = reviews.filter(|r| r.actions.iter().any(ActionReviews::is_reviewed));
        WithReviews { assessment, reviews }
    }
}
