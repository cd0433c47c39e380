//! `annexe score --format jsonl`: one line per file, written as soon as the
//! file and all before it are scored. A dossier's line is its full
//! assessment; a file that could not be read gives `{"path", "error"}`.

use std::io::{self, Write};

use serde::Serialize;

use super::{FailureView, Format, Summary};
use crate::batch::Scored;

#[derive(Default)]
pub struct JsonLines;

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: FailureView<'a>,
}

/// One file's line, newline included.
fn render(item: &Scored, out: &mut Vec<u8>) -> io::Result<()> {
    match &item.result {
        Ok(a) => serde_json::to_writer(&mut *out, &super::reviews::WithReviews::new(a, item.reviews.as_ref()))?,
        Err(e) => serde_json::to_writer(&mut *out, &ErrorLine { path: &item.path, error: FailureView::of(e) })?,
    }
    out.push(b'\n');
    Ok(())
}

impl Format<Scored> for JsonLines {
    fn item(&mut self, out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        // Rendered in memory first: serialising into a `dyn Write` costs a
        // virtual call for every fragment of the line.
        let mut line = Vec::new();
        render(item, &mut line)?;
        out.write_all(&line)
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }

    fn prerender(&self) -> Option<super::Render> {
        Some(render)
    }
}
