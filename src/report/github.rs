//! `annexe check --format github`: GitHub Actions workflow commands, which
//! the run's page shows as annotations on the files. GitHub shows only the
//! first few per step, so at most `MAX_ANNOTATIONS` are written, then one
//! summary line.

use std::io::{self, Write};

use super::{Chrome, Format, Summary};
use crate::check::{Checked, Severity};
use crate::i18n::fill;

/// GitHub displays 10 annotations of each kind per step.
pub const MAX_ANNOTATIONS: usize = 10;

pub struct Github<'a> {
    chrome: Chrome<'a>,
    written: usize,
}

impl<'a> Github<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Github { chrome, written: 0 }
    }
}

/// Escapes a workflow command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value: as data, plus `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Format<Checked> for Github<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Checked) -> io::Result<()> {
        for f in &item.findings {
            if self.written >= MAX_ANNOTATIONS {
                return Ok(());
            }
            self.written += 1;
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut props = vec![format!("file={}", escape_property(&f.repo_path))];
            if let Some(at) = f.at {
                props.push(format!("line={}", at.line));
                props.push(format!("col={}", at.column));
            }
            props.push(format!("title={}", escape_property(&format!("annexe {}: {}", f.rule, f.title))));
            let mut message = f.message.clone();
            if let Some(help) = &f.help {
                message.push('\n');
                message.push_str(help);
            }
            writeln!(out, "::{command} {}::{}", props.join(","), escape_data(&message))?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let m = &self.chrome.msgs.report;
        let total = summary.errors + summary.warnings + summary.failures.len();
        let mut line = summary.check_line(self.chrome.msgs);
        if total > self.written {
            line.push(' ');
            line.push_str(&fill(m.github_more, &[("shown", &self.written), ("total", &total)]));
        }
        let command = if summary.errors > 0 { "error" } else { "notice" };
        writeln!(out, "::{command} title=annexe check::{}", escape_data(&line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("100% sûr\r\nfin"), "100%25 sûr%0D%0Afin");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_property("dir/f.toml"), "dir/f.toml");
    }

    #[test]
    fn percent_is_escaped_first_so_nothing_is_escaped_twice() {
        assert_eq!(escape_property("%3A:"), "%253A%3A");
    }
}
