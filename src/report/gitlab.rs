//! `annexe check --format gitlab`: a GitLab Code Quality report (a JSON
//! array of issues with a unique, stable fingerprint each), for
//! `artifacts: reports: codequality`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Format, Summary};
use crate::check::{Checked, Severity};

#[derive(Default)]
pub struct Gitlab {
    first: bool,
    started: bool,
}

impl Gitlab {
    pub fn new() -> Self {
        Gitlab { first: true, started: false }
    }
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: &'a str,
    severity: &'a str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

impl Format<Checked> for Gitlab {
    fn item(&mut self, out: &mut dyn Write, item: &Checked) -> io::Result<()> {
        if !self.started {
            self.started = true;
            out.write_all(b"[")?;
        }
        for f in &item.findings {
            let description = match &f.help {
                Some(help) => format!("{} — {help}", f.message),
                None => f.message.clone(),
            };
            let issue = Issue {
                description,
                check_name: &f.rule,
                fingerprint: &f.fingerprint,
                severity: match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location { path: &f.repo_path, lines: Lines { begin: f.at.map_or(1, |at| at.line) } },
            };
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut *out, &issue)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        if !self.started {
            out.write_all(b"[")?;
        }
        out.write_all(b"\n]\n")
    }
}
