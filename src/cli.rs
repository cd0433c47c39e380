//! The command line, as clap sees it. Each flag is documented where it is
//! defined; `commands::*` resolve these raw arguments into settings once.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::i18n::Lang;

const AFTER_HELP: &str = "\
Exit codes:
  0  everything passed
  1  a threshold was not met (annexe check)
  2  a usage error, or a file that could not be read or parsed
     (the other files are still processed and reported)";

/// Fill, score and check Annexe B social-innovation dossiers.
#[derive(Debug, Parser)]
#[command(name = "annexe", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// Language of messages and prompts [default: from LANG, else fr]
    #[arg(long, global = true, value_enum, env = "ANNEXE_LANG")]
    pub lang: Option<Lang>,

    /// Folder with a scoring grid and form that replace the built-in ones
    /// (any of form.toml, grid.toml and one file per criterion)
    #[arg(long, global = true, value_name = "DIR", env = "ANNEXE_CRITERIA")]
    pub criteria: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {}
