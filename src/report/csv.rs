//! `annexe score --format csv`: one row per action, one column per criterion
//! level and score, for a spreadsheet. Starts with a UTF-8 byte order mark so
//! that spreadsheets read accents right, and neutralises cells that a
//! spreadsheet would run as a formula (OWASP "CSV injection").

use std::io::{self, Write};

use super::{Chrome, Format, Summary};
use crate::assessment::{ActionAssessment, DossierAssessment};
use crate::batch::Scored;

pub struct Csv<'a> {
    chrome: Chrome<'a>,
    started: bool,
}

impl<'a> Csv<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Csv { chrome, started: false }
    }

    fn header(&self) -> Vec<String> {
        let mut h: Vec<String> =
            ["path", "applicant", "territory", "lang", "rank", "title"].iter().map(|s| (*s).to_owned()).collect();
        for c in &self.chrome.grid.criteria {
            h.push(format!("{}_level", c.id));
            h.push(format!("{}_score", c.id));
        }
        h.extend(["overall", "overall_name", "score", "unanswered", "too_thin"].iter().map(|s| (*s).to_owned()));
        // Human reviews: the automatic row carries their aggregates, and each
        // review has a row of its own (source = review) with its levels.
        h.extend(["source", "reviewer", "conflict_of_interest", "to_discuss"].iter().map(|s| (*s).to_owned()));
        for c in &self.chrome.grid.criteria {
            h.push(format!("{}_reviews_mean", c.id));
            h.push(format!("{}_reviews_spread", c.id));
        }
        h.extend(
            ["overall_reviews_mean", "overall_reviews_spread", "overall_normalized"].iter().map(|s| (*s).to_owned()),
        );
        for c in &self.chrome.grid.criteria {
            h.push(format!("{}_comment", c.id));
        }
        h.push("comment".to_owned());
        h
    }
}

/// A cell a spreadsheet will show as text: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn write_record(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    w.write_record(cells.iter().map(|c| neutralise(c).into_owned())).map_err(io::Error::other)?;
    w.flush()
}

impl Format<Scored> for Csv<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all("\u{feff}".as_bytes())?;
            write_record(out, &self.header())?;
        }
        match &item.result {
            Ok(a) => {
                for action in &a.actions {
                    let mut row = action_cells(a, action);
                    for id in self.chrome.grid.criteria.iter().map(|c| &c.id) {
                        let c = action.criterion(id);
                        row.push(c.map_or(String::new(), |c| c.level.to_string()));
                        row.push(c.map_or(String::new(), |c| c.score.to_string()));
                    }
                    row.push(action.overall.to_string());
                    row.push(self.chrome.level_name(action.overall).to_owned());
                    row.push(action.score.to_string());
                    row.push(action.completeness.missing.len().to_string());
                    row.push(action.completeness.thin.len().to_string());
                    let reviews =
                        item.reviews.as_ref().and_then(|r| r.actions.iter().find(|x| x.index == action.index));
                    let criteria = self.chrome.grid.criteria.len();
                    let to_discuss = reviews.is_some_and(|r| r.to_discuss);
                    row.extend(["automatic".to_owned(), String::new(), String::new(), yes(to_discuss)]);
                    let num = |x: Option<f64>| x.map_or(String::new(), super::reviews::number);
                    for id in self.chrome.grid.criteria.iter().map(|c| &c.id) {
                        let c = reviews.and_then(|r| r.criteria.iter().find(|c| &c.id == id));
                        row.push(num(c.and_then(|c| c.mean)));
                        row.push(c.and_then(|c| c.spread).map_or(String::new(), |s| s.to_string()));
                    }
                    row.push(num(reviews.and_then(|r| r.overall.mean)));
                    row.push(reviews.and_then(|r| r.overall.spread).map_or(String::new(), |s| s.to_string()));
                    row.push(num(reviews.and_then(|r| r.overall.normalized_mean)));
                    row.extend(std::iter::repeat_n(String::new(), criteria + 1));
                    write_record(out, &row)?;
                    // One row per review of this action.
                    let Some(reviews) = reviews else { continue };
                    let reviewers = item.reviews.iter().flat_map(|r| &r.reviewers);
                    for reviewer in reviewers {
                        let of = |c: &crate::assessment::LevelReviews| {
                            c.reviews.iter().find(|r| r.reviewer == reviewer.name).cloned()
                        };
                        let levels: Vec<_> = reviews.criteria.iter().map(of).collect();
                        let overall = of(&reviews.overall);
                        if levels.iter().all(Option::is_none) && overall.is_none() {
                            continue;
                        }
                        let mut row = action_cells(a, action);
                        for l in &levels {
                            row.push(l.as_ref().map_or(String::new(), |l| l.level.to_string()));
                            row.push(String::new());
                        }
                        row.push(overall.as_ref().map_or(String::new(), |l| l.level.to_string()));
                        row.push(
                            overall.as_ref().map_or(String::new(), |l| self.chrome.level_name(l.level).to_owned()),
                        );
                        row.extend(std::iter::repeat_n(String::new(), 3));
                        row.extend([
                            "review".to_owned(),
                            reviewer.name.clone(),
                            yes(!reviewer.conflicts.is_empty()),
                            yes(to_discuss),
                        ]);
                        row.extend(std::iter::repeat_n(String::new(), criteria * 2 + 2));
                        row.push(num(overall.as_ref().and_then(|l| l.normalized)));
                        for l in &levels {
                            row.push(l.as_ref().map_or(String::new(), |l| l.comment.clone()));
                        }
                        row.push(overall.map_or(String::new(), |l| l.comment));
                        write_record(out, &row)?;
                    }
                }
                Ok(())
            }
            // A CSV has no place for them: unreadable files go to standard error.
            Err(e) => {
                eprintln!("{}: {e}", self.chrome.msgs.error);
                Ok(())
            }
        }
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all("\u{feff}".as_bytes())?;
            write_record(out, &self.header())?;
        }
        Ok(())
    }
}

/// `yes` or nothing, for flags a spreadsheet filters on.
/// The cells that say which action a row is about, first in every row.
fn action_cells(dossier: &DossierAssessment, action: &ActionAssessment) -> Vec<String> {
    vec![
        dossier.path.clone(),
        dossier.applicant.clone(),
        dossier.territory.clone(),
        dossier.lang.code().to_owned(),
        action.rank.to_string(),
        action.title.clone(),
    ]
}

fn yes(flag: bool) -> String {
    if flag { "yes" } else { "" }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=1+1", "+33 6", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("Jardin = partage"), "Jardin = partage");
        assert_eq!(neutralise(""), "");
    }
}
