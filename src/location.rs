//! Byte offsets to `line:column` positions, and the one way every error that
//! points into a file (dossier, grid, config) is shown to the user.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// 1-based line and column (columns count characters, not bytes, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `source` (clamped to the end).
    pub fn of(source: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..offset].chars().count() + 1;
        Position { line, column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem at a place in a file: rendered as `FILE:LINE:COL: message`,
/// then the offending line with a caret, then what to do.
#[derive(Debug, Clone)]
pub struct SourceError {
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    /// The offending line of the file, when there is one to show.
    pub line_text: Option<String>,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl SourceError {
    /// An error at `span` in `source`.
    pub fn at(path: &Path, source: &str, span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        let (position, line_text) = match span {
            Some(span) => {
                let position = Position::of(source, span.start);
                let text = source.lines().nth(position.line - 1).map(str::to_owned);
                (Some(position), text)
            }
            None => (None, None),
        };
        SourceError { path: path.to_owned(), position, message: message.into(), line_text, help: None }
    }

    /// An error about a whole file (unreadable, empty, too large…).
    pub fn file(path: &Path, message: impl Into<String>) -> Self {
        SourceError { path: path.to_owned(), position: None, message: message.into(), line_text: None, help: None }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `FILE:LINE:COL` (or just `FILE`), the prefix CI systems and editors link to.
    pub fn location(&self) -> String {
        match self.position {
            Some(p) => format!("{}:{}", self.path.display(), p),
            None => self.path.display().to_string(),
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let (Some(p), Some(text)) = (self.position, &self.line_text) {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let text = text.trim_end();
            // Tabs would shift the caret; show them as one space each.
            let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
            let caret_pad = " ".repeat(p.column.saturating_sub(1).min(shown.chars().count()));
            write!(f, "\n{pad} |\n{number} | {shown}\n{pad} | {caret_pad}^")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let src = "a = 1\nbé = \"x\"\n";
        assert_eq!(Position::of(src, 0), Position { line: 1, column: 1 });
        // 'é' is two bytes but one column.
        let offset = src.find('=').map(|_| src.rfind('=').unwrap_or(0)).unwrap_or(0);
        assert_eq!(Position::of(src, offset), Position { line: 2, column: 4 });
        assert_eq!(Position::of(src, 10_000), Position { line: 3, column: 1 });
    }

    #[test]
    fn the_line_index_agrees_with_direct_positions() {
        let src = "a\nbé\n\nlast line";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(index.position(offset), Position::of(src, offset), "offset {offset}");
        }
    }

    #[test]
    fn renders_file_line_column_caret_and_help() {
        let src = "format = \"annexe-b/1\"\nlang = 12\n";
        let start = src.find("12").unwrap_or(0);
        let err = SourceError::at(Path::new("d.toml"), src, Some(start..start + 2), "wrong type")
            .with_help("write \"fr\" or \"en\"");
        assert_eq!(
            err.to_string(),
            "d.toml:2:8: wrong type\n  |\n2 | lang = 12\n  |        ^\n  = write \"fr\" or \"en\""
        );
    }
}

/// Line starts of a text, to turn many offsets into positions cheaply.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut starts = Vec::with_capacity(source.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        LineIndex { source, starts }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.source, offset.min(self.source.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Position { line, column: self.source[start..offset].chars().count() + 1 }
    }
}
