//! `annexe check --format junit`: JUnit XML, one test suite per file and one
//! test case per action and criterion (plus the overall judgement and
//! completeness), so that CI test views list what passed and what did not.

use std::collections::HashSet;
use std::io::{self, Write};

use super::{Chrome, Format, Summary};
use crate::check::{Checked, Finding, Kind};

pub struct Junit<'a> {
    chrome: Chrome<'a>,
    started: bool,
}

impl<'a> Junit<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Junit { chrome, started: false }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
            writeln!(out, "<testsuites name=\"annexe check\">")?;
        }
        Ok(())
    }
}

/// Escapes text for XML attributes and content, dropping the control
/// characters XML 1.0 cannot hold.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

struct Case<'a> {
    name: String,
    line: Option<usize>,
    failures: Vec<&'a Finding>,
    error: bool,
}

impl Format<Checked> for Junit<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Checked) -> io::Result<()> {
        self.start(out)?;
        let m = &self.chrome.msgs.report;
        let mut cases: Vec<Case> = Vec::new();
        match item.assessment() {
            None => cases.push(Case {
                name: m.junit_read.to_owned(),
                line: item.findings.first().and_then(|f| f.at).map(|at| at.line),
                failures: item.findings.iter().collect(),
                error: true,
            }),
            Some(a) => {
                let mut names = HashSet::new();
                for action in &a.actions {
                    let mut label = format!("{} {}", m.action, action.rank);
                    if !names.insert(label.clone()) {
                        label = format!("{label} (#{})", action.index + 1);
                        names.insert(label.clone());
                    }
                    for c in &action.criteria {
                        cases.push(Case {
                            name: format!("{label} · {}", c.id),
                            line: Some(c.at.line),
                            failures: item.findings_for(action.index, Kind::MinLevel, Some(&c.id)),
                            error: false,
                        });
                    }
                    cases.push(Case {
                        name: format!("{label} · overall"),
                        line: Some(action.at.line),
                        failures: item.findings_for(action.index, Kind::MinOverall, None),
                        error: false,
                    });
                    cases.push(Case {
                        name: format!("{label} · completeness"),
                        line: Some(action.at.line),
                        failures: item.findings_for(action.index, Kind::Incomplete, None),
                        error: false,
                    });
                }
            }
        }
        let failures = cases.iter().filter(|c| !c.error && !c.failures.is_empty()).count();
        let errors = cases.iter().filter(|c| c.error).count();
        let path = xml_escape(&item.repo_path);
        writeln!(
            out,
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"0\">",
            cases.len()
        )?;
        for case in &cases {
            let line = case.line.map_or(String::new(), |l| format!(" line=\"{l}\""));
            write!(
                out,
                "    <testcase classname=\"{path}\" name=\"{}\" file=\"{path}\"{line}",
                xml_escape(&case.name)
            )?;
            if case.failures.is_empty() {
                writeln!(out, "/>")?;
                continue;
            }
            writeln!(out, ">")?;
            let tag = if case.error { "error" } else { "failure" };
            let body: Vec<String> = case
                .failures
                .iter()
                .map(|f| {
                    let place = f.at.map_or(f.path.clone(), |at| format!("{}:{at}", f.path));
                    let help = f.help.as_ref().map_or(String::new(), |h| format!("\n  = {h}"));
                    format!("{place}: {}{help}", f.message)
                })
                .collect();
            let first = case.failures[0];
            writeln!(
                out,
                "      <{tag} type=\"{}\" message=\"{}\">{}</{tag}>",
                xml_escape(&first.rule),
                xml_escape(&first.message),
                xml_escape(&body.join("\n"))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        writeln!(out, "</testsuites>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escaping_covers_markup_and_drops_control_characters() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
