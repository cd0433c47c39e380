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

impl Format<Scored> for JsonLines {
    fn item(&mut self, out: &mut dyn Write, item: &Scored) -> io::Result<()> {
        match &item.result {
            Ok(a) => serde_json::to_writer(&mut *out, &super::reviews::WithReviews::new(a, item.reviews.as_ref()))?,
            Err(e) => serde_json::to_writer(&mut *out, &ErrorLine { path: &item.path, error: FailureView::of(e) })?,
        }
        out.write_all(b"\n")
    }

    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
