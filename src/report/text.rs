//! `annexe check --format text`: findings as compilers print them,
//! `FILE:LINE:COL: error[rule]: message`, then what to do, then a summary.

use std::io::{self, Write};

use super::{paint, Chrome, Format, Paint, Summary};
use crate::check::{Checked, Kind, Severity};

pub struct Text<'a> {
    chrome: Chrome<'a>,
}

impl<'a> Text<'a> {
    pub fn new(chrome: Chrome<'a>) -> Self {
        Text { chrome }
    }
}

impl Format<Checked> for Text<'_> {
    fn item(&mut self, out: &mut dyn Write, item: &Checked) -> io::Result<()> {
        let msgs = self.chrome.msgs;
        let color = self.chrome.color;
        if let Some(e) = item.failure() {
            // As the other findings, then the offending line and a caret.
            let word = paint(&format!("{}[{}]", msgs.error, Kind::Unreadable.id()), Paint::Red, color);
            writeln!(out, "{}: {word}: {}", e.location(), e.message)?;
            let shown = e.to_string();
            if let Some((_, rest)) = shown.split_once('\n') {
                writeln!(out, "{rest}")?;
            }
            return Ok(());
        }
        for f in &item.findings {
            let (word, tint) = match f.severity {
                Severity::Error => (msgs.error, Paint::Red),
                Severity::Warning => (msgs.warning, Paint::Yellow),
            };
            let place = match f.at {
                Some(at) => format!("{}:{at}", f.path),
                None => f.path.clone(),
            };
            writeln!(out, "{place}: {}: {}", paint(&format!("{word}[{}]", f.rule), tint, color), f.message)?;
            for line in f.help.iter().flat_map(|h| h.lines()) {
                writeln!(out, "  = {line}")?;
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let line = summary.check_line(self.chrome.msgs);
        let tint = if summary.errors > 0 { Paint::Red } else { Paint::Green };
        writeln!(out, "{}", paint(&line, tint, self.chrome.color))
    }
}
