//! `annexe score FILE`: the detailed report of one dossier. Per action, by
//! rank: the overall judgement and the profile across the criteria; then per
//! criterion its level and name, its score, the passages that earned it with
//! the question they were found under, and what is missing for the next
//! level; then how complete the answers are.

use std::io::{self, Write};

use super::{level_paint, paint, write_summary, Chrome, Format, Paint, Summary};
use crate::assessment::{ActionAssessment, CriterionAssessment, DossierAssessment};
use crate::batch::Scored;
use crate::i18n::fill;

pub struct Detail<'a> {
    chrome: Chrome<'a>,
}

impl<'a> Detail<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Detail { chrome }
    }

    fn level(&self, level: u8) -> String {
        paint(&format!("{level} {}", self.chrome.level_name(level)), level_paint(level), self.chrome.color)
    }

    fn dossier(&self, out: &mut dyn Write, a: &DossierAssessment) -> io::Result<()> {
        let m = &self.chrome.msgs.report;
        writeln!(out, "{}", paint(&a.path, Paint::Bold, self.chrome.color))?;
        let none = m.not_given;
        let or_none = |s: &str| if s.is_empty() { none.to_owned() } else { s.to_owned() };
        writeln!(out, "{}{}{}", m.applicant, m.colon, or_none(&a.applicant))?;
        writeln!(out, "{}{}{}", m.territory, m.colon, or_none(&a.territory))?;
        if a.actions.is_empty() {
            writeln!(out, "\n{}", m.no_actions)?;
        }
        for action in &a.actions {
            self.action(out, action)?;
        }
        if !a.warnings.is_empty() {
            writeln!(out, "\n{}", paint(m.warnings_heading, Paint::Yellow, self.chrome.color))?;
            for w in &a.warnings {
                writeln!(out, "  {}:{}: {}", a.path, w.at, w.message)?;
                writeln!(out, "    = {}", w.help)?;
            }
        }
        Ok(())
    }

    fn action(&self, out: &mut dyn Write, action: &ActionAssessment) -> io::Result<()> {
        let chrome = &self.chrome;
        let m = &chrome.msgs.report;
        let title = if action.title.is_empty() { m.untitled } else { action.title.as_str() };
        let heading = fill(m.action_heading, &[("rank", &action.rank), ("title", &title), ("at", &action.at.line)]);
        writeln!(out, "\n{}", paint(&heading, Paint::Bold, chrome.color))?;
        writeln!(out, "  {}{}{} · {} {}/100", m.overall, m.colon, self.level(action.overall), m.score, action.score)?;
        writeln!(out, "  {}{}", m.profile, m.colon.trim_end())?;
        let width = action.criteria.iter().map(|c| chrome.criterion_name(&c.id).chars().count()).max().unwrap_or(0);
        for c in &action.criteria {
            let name = chrome.criterion_name(&c.id);
            let pad = " ".repeat(width - name.chars().count());
            let bar: String = (0..3).map(|i| if i < c.level { '■' } else { '□' }).collect();
            writeln!(out, "    {name}{pad}  {bar} {} ({}/100)", self.level(c.level), c.score)?;
        }
        for c in &action.criteria {
            self.criterion(out, c)?;
        }
        let done = &action.completeness;
        writeln!(
            out,
            "\n  {}{}{}",
            m.completeness,
            m.colon,
            fill(m.answered_of, &[("answered", &done.answered), ("expected", &done.expected)])
        )?;
        for (label, list) in [(m.unanswered, &done.missing), (m.too_thin, &done.thin)] {
            if list.is_empty() {
                continue;
            }
            writeln!(out, "    {label}{}", m.colon.trim_end())?;
            for q in list {
                writeln!(out, "      - {} ({}) — {}", q.id, q.at, chrome.question_text(&q.id))?;
            }
        }
        Ok(())
    }

    fn criterion(&self, out: &mut dyn Write, c: &CriterionAssessment) -> io::Result<()> {
        let chrome = &self.chrome;
        let m = &chrome.msgs.report;
        writeln!(
            out,
            "\n  {} — {} ({}/100)",
            paint(chrome.criterion_name(&c.id), Paint::Bold, chrome.color),
            self.level(c.level),
            c.score
        )?;
        if c.denied {
            writeln!(out, "    {}", paint(chrome.msgs.denial_note, Paint::Yellow, chrome.color))?;
        }
        if c.evidence.is_empty() {
            writeln!(out, "    {}", m.no_evidence)?;
        } else {
            writeln!(out, "    {}{}", m.evidence, m.colon.trim_end())?;
            for e in &c.evidence {
                let mut notes = Vec::new();
                if e.negated {
                    notes.push(m.negated);
                }
                if e.elsewhere {
                    notes.push(m.elsewhere);
                }
                let notes = if notes.is_empty() { String::new() } else { format!(" [{}]", notes.join(", ")) };
                writeln!(out, "      {}{notes}", fill(m.quote, &[("quote", &e.quote)]))?;
                writeln!(
                    out,
                    "        {}",
                    paint(
                        &format!("{} ({}) — {}", e.question, e.at, chrome.question_text(&e.question)),
                        Paint::Dim,
                        chrome.color
                    )
                )?;
            }
        }
        if c.level < 3 && !c.suggestions.is_empty() {
            writeln!(
                out,
                "    {}{}",
                fill(m.next_level, &[("level", &chrome.level_name(c.level + 1))]),
                m.colon.trim_end()
            )?;
            for s in &c.suggestions {
                writeln!(out, "      - {s}")?;
            }
        }
        Ok(())
    }
}

impl Format<Scored> for Detail<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        match &item.result {
            Ok(a) => {
                self.dossier(out, a)?;
                // The human reviews, beside the automatic reading (a review
                // file with no level given yet says nothing to show).
                let given = |r: &&crate::assessment::DossierReviews| {
                    r.actions.iter().any(|a| a.criteria.iter().chain([&a.overall]).any(|l| !l.reviews.is_empty()))
                };
                if let Some(reviews) = item.reviews.as_ref().filter(given) {
                    writeln!(out, "\n{}", super::reviews::title(&self.chrome))?;
                    for (action, r) in a.actions.iter().zip(&reviews.actions) {
                        let place = format!("{}. {}", action.rank, action.title);
                        writeln!(out, "{}", super::reviews::heading(&self.chrome, &place, r))?;
                        super::reviews::write_action(out, &self.chrome, r, "  ")?;
                    }
                    writeln!(out)?;
                }
                Ok(())
            }
            // Listed by the summary.
            Err(_) => Ok(()),
        }
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        if !summary.failures.is_empty() {
            write_summary(out, summary, &self.chrome)?;
        }
        Ok(())
    }
}
