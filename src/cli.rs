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
     (the other files are still processed and reported)
  130  annexe fill was stopped with Ctrl-C or Esc (every answer given
       so far is saved; run the same command again to carry on)";

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
pub enum Command {
    /// Fill a dossier by answering the form's questions in the terminal
    Fill(FillArgs),
    /// Write a blank dossier, every question as a comment, to fill in an editor
    New(NewArgs),
    /// Print the JSON Schema of dossiers (for editors that check TOML files)
    Schema(SchemaArgs),
}

/// `annexe fill`
const FILL_AFTER_HELP: &str = "\
Every answer is saved in FILE as soon as it is given. Ctrl-C or Esc stops
cleanly (exit code 130); running the same command again carries on at the
first unanswered question.

Long answers: Enter goes to the next line, an empty line ends the answer;
type :e on a line to write the answer in $VISUAL/$EDITOR instead.

Without a terminal, give the answers with --data or --data-file:
  annexe fill dossier.toml --data applicant.name=\"Association Exemple\" \\
      --data actions.1.title=\"Micro-crèche\" --data actions.1.novelty.locally_new=oui
  annexe fill dossier.toml --data-file answers.toml

Exit codes:
  0    the form was gone through, or the --data answers were saved
  2    FILE cannot be read as a dossier (it is left untouched), a --data
       answer is wrong, or there is no terminal and no --data/--data-file
  130  stopped with Ctrl-C or Esc; every answer given so far is saved";

#[derive(Debug, Clone, clap::Args)]
#[command(after_help = FILL_AFTER_HELP)]
pub struct FillArgs {
    /// The dossier to fill; created when it does not exist. A file that
    /// cannot be read as a dossier is left untouched
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Go through every question again, the current answer pre-filled for
    /// editing (without it, only questions without an answer are asked)
    #[arg(long)]
    pub review: bool,

    /// Set one answer without asking: KEY=VALUE, repeatable. KEY is
    /// applicant.KEY (applicant.name) or actions.RANK.QUESTION
    /// (actions.1.need.diagnosis): RANK picks the action with that rank;
    /// when none has it, the first action without a rank takes it, else a
    /// new action is added. Yes/no answers take oui/non, yes/no or
    /// true/false. Partners are set with --data-file
    #[arg(long = "data", value_name = "KEY=VALUE")]
    pub data: Vec<String>,

    /// Set answers without asking, from a TOML file in the dossier layout
    /// (the `format` line may be left out); its actions are matched by rank,
    /// else by position, and its partners replace the action's partners
    #[arg(long, value_name = "FILE")]
    pub data_file: Option<PathBuf>,
}

/// `annexe new`
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// Where to write the blank dossier
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Replace FILE if it exists (its content is lost)
    #[arg(long)]
    pub force: bool,
}

/// `annexe schema`
#[derive(Debug, Clone, clap::Args)]
pub struct SchemaArgs {
    /// Write the schema to FILE instead of printing it. Dossiers point at
    /// ./annexe-b.schema.json: write it next to them so that editors check
    /// and complete them
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}
