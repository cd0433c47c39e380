//! `annexe check --format sarif`: SARIF 2.1.0 as GitHub code scanning reads
//! it: every rule described (short, full, help), one result per finding with
//! a repository-relative URI and a region (columns in Unicode code points).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::{Chrome, Format, Summary};
use crate::check::{rules, Checked, Rule, Severity};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif<'a> {
    chrome: Chrome<'a>,
    rules: Vec<Rule>,
    started: bool,
    first: bool,
}

impl<'a> Sarif<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Sarif { rules: rules(chrome.grid, chrome.lang), chrome, started: false, first: true }
    }

    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let rules: Vec<Value> = self
            .rules
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "name": r.name,
                    "shortDescription": {"text": r.short},
                    "fullDescription": {"text": r.full},
                    "help": {"text": r.help, "markdown": r.help},
                    "defaultConfiguration": {"level": level(r.severity)},
                })
            })
            .collect();
        let tool = json!({
            "driver": {
                "name": "annexe",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "language": self.chrome.lang.code(),
                "rules": rules,
            }
        });
        write!(out, "{{\"$schema\":\"{SCHEMA_URI}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":")?;
        serde_json::to_writer(&mut *out, &tool)?;
        write!(out, ",\"columnKind\":\"unicodeCodePoints\",\"results\":[")?;
        Ok(())
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Percent-encodes what may not stand in a URI path (RFC 3986), keeping `/`.
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

impl Format<Checked> for Sarif<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Checked) -> io::Result<()> {
        self.start(out)?;
        for f in &item.findings {
            let rule_index = self.rules.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut text = f.message.clone();
            if let Some(help) = &f.help {
                text.push('\n');
                text.push_str(help);
            }
            let mut physical = json!({
                "artifactLocation": {"uri": uri_path(&f.repo_path), "uriBaseId": "%SRCROOT%"},
            });
            if let Some(at) = f.at {
                physical["region"] = json!({"startLine": at.line, "startColumn": at.column});
            }
            let result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [{"physicalLocation": physical}],
                "partialFingerprints": {"annexeFindingHash/v1": f.fingerprint},
            });
            out.write_all(if self.first { b"\n" } else { b",\n" })?;
            self.first = false;
            serde_json::to_writer(&mut *out, &result)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.start(out)?;
        let invocation = json!([{"executionSuccessful": summary.failures.is_empty()}]);
        write!(out, "\n],\"invocations\":")?;
        serde_json::to_writer(&mut *out, &invocation)?;
        writeln!(out, "}}]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_keep_slashes_and_encode_the_rest() {
        assert_eq!(uri_path("dossiers/été 2024/a.toml"), "dossiers/%C3%A9t%C3%A9%202024/a.toml");
    }
}
