//! Where a batch's time goes, phase by phase, on one thread:
//!
//!     cargo bench --bench phases -- /tmp/annexe-bench/corpus10000
//!
//! Reads every `*.toml` below the folder (as `bench/run.sh` generates them),
//! then times each phase over all files in turn: reading, parsing, folding
//! the whole text, folding and matching the grid's terms, scoring, and
//! writing JSON. The numbers are per dossier; compare runs on the same
//! machine only.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use annexe::criteria::Grid;
use annexe::form::Form;
use annexe::i18n::Lang;
use annexe::{dossier, score, text};

fn main() -> anyhow::Result<()> {
    let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench phases -- DIR");
        return Ok(());
    };
    let mut files = Vec::new();
    collect(Path::new(&dir), &mut files)?;
    files.sort();
    if files.is_empty() {
        anyhow::bail!("no .toml files below {dir}");
    }
    let form = Form::embedded()?;
    let grid = Grid::load(None, &form)?;
    let msgs = Lang::Fr.messages();
    let n = files.len();
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;

    let t = Instant::now();
    let sources = files.iter().map(std::fs::read_to_string).collect::<Result<Vec<_>, _>>()?;
    println!("read         {:7.1} µs/dossier", per(t.elapsed()));

    let t = Instant::now();
    let dossiers = files
        .iter()
        .zip(&sources)
        .map(|(f, s)| dossier::parse(f, s, &form, msgs))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| anyhow::anyhow!("{}: {}", e.path.display(), e.message))?;
    println!("parse        {:7.1} µs/dossier", per(t.elapsed()));

    let t = Instant::now();
    let mut words = 0;
    for source in &sources {
        words += std::hint::black_box(text::analyse(source)).tokens.len();
    }
    println!("fold         {:7.1} µs/dossier ({} words each, whole file)", per(t.elapsed()), words / n);

    let t = Instant::now();
    let mut hits = Vec::new();
    for source in &sources {
        hits.clear();
        grid.matcher(Lang::Fr).find(&text::analyse(source), &mut hits);
    }
    println!("fold + match {:7.1} µs/dossier", per(t.elapsed()));

    let t = Instant::now();
    let assessed: Vec<_> = files
        .iter()
        .zip(&sources)
        .zip(&dossiers)
        .map(|((f, s), d)| score::assess_dossier(&f.display().to_string(), s, d, &form, &grid))
        .collect();
    println!("score        {:7.1} µs/dossier (folding and matching included)", per(t.elapsed()));

    let t = Instant::now();
    let mut out = Vec::new();
    for a in &assessed {
        serde_json::to_writer(&mut out, a)?;
        out.push(b'\n');
    }
    println!("json         {:7.1} µs/dossier ({} bytes each)", per(t.elapsed()), out.len() / n);
    Ok(())
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            files.push(path);
        }
    }
    Ok(())
}
