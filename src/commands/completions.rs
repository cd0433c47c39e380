//! `annexe completions SHELL`: the completion script for a shell, generated
//! by clap_complete from the same definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::exit::Outcome;

pub fn run(args: &CompletionsArgs) -> anyhow::Result<Outcome> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    clap_complete::generate(args.shell, &mut Cli::command(), "annexe", &mut out);
    out.flush()?;
    Ok(Outcome::Success)
}
