//! `annexe score --format json`: one JSON document with every action's full
//! assessment (levels, scores, evidence with positions, suggestions,
//! completeness), the files that could not be read, and the summary. Dossiers
//! are written as they come, one per line, so that memory stays flat.

use std::io::{self, Write};

use serde::Serialize;

use super::{Chrome, FailureView, Format, Summary};
use crate::batch::Scored;
use crate::location::SourceError;

/// The version of this document's layout.
pub const SCHEMA: &str = "annexe-score/1";

pub struct Json<'a> {
    chrome: Chrome<'a>,
    started: bool,
    first: bool,
    failures: Vec<SourceError>,
}

#[derive(Serialize)]
struct CriterionInfo<'a> {
    id: &'a str,
    name: &'a str,
    weight: f64,
}

impl<'a> Json<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Json { chrome, started: false, first: true, failures: Vec::new() }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let criteria: Vec<CriterionInfo> = self
            .chrome
            .grid
            .criteria
            .iter()
            .map(|c| CriterionInfo { id: &c.id, name: c.name(self.chrome.lang), weight: c.weight })
            .collect();
        let levels: Vec<&str> = (0..4u8).map(|l| self.chrome.level_name(l)).collect();
        write!(out, "{{\"schema\":\"{SCHEMA}\",\"criteria\":")?;
        serde_json::to_writer(&mut *out, &criteria)?;
        write!(out, ",\"level_names\":")?;
        serde_json::to_writer(&mut *out, &levels)?;
        write!(out, ",\"dossiers\":[")?;
        Ok(())
    }
}

impl Format<Scored> for Json<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        self.start(out)?;
        match &item.result {
            Ok(a) => {
                out.write_all(if self.first { b"\n" } else { b",\n" })?;
                self.first = false;
                serde_json::to_writer(&mut *out, &super::reviews::WithReviews::new(a, item.reviews.as_ref()))?;
            }
            Err(e) => self.failures.push(e.clone()),
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        write!(out, "\n],\"errors\":")?;
        let failures: Vec<FailureView> = self.failures.iter().map(FailureView::of).collect();
        serde_json::to_writer(&mut *out, &failures)?;
        write!(out, ",\n\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        writeln!(out, "}}")
    }
}

/// `annexe check --format json`: `{"schema", "findings": [...], "summary"}`.
#[derive(Default)]
pub struct CheckJson {
    started: bool,
    first: bool,
}

/// The version of the check document's layout.
pub const CHECK_SCHEMA: &str = "annexe-check/1";

impl CheckJson {
    pub fn new() -> Self {
        CheckJson { started: false, first: true }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(out, "{{\"schema\":\"{CHECK_SCHEMA}\",\"findings\":[")?;
        }
        Ok(())
    }
}

impl Format<crate::check::Checked> for CheckJson {
    fn item(&mut self, out: &mut dyn Write, item: &crate::check::Checked) -> io::Result<()> {
        self.start(out)?;
        for f in &item.findings {
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut *out, f)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        write!(out, "\n],\n\"summary\":")?;
        serde_json::to_writer(&mut *out, summary)?;
        writeln!(out, "}}")
    }
}
