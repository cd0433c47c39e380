//! The command line, as clap sees it. Each flag is documented where it is
//! defined; `commands::*` resolve these raw arguments into settings once.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::dossier::DEFAULT_MAX_FILE_SIZE;
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

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is
    /// set, CLICOLOR=0 or TERM=dumb; CLICOLOR_FORCE=1 colours even when not
    /// on a terminal), always, never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score dossiers: a detailed report for one file, a ranking for several
    Score(ScoreArgs),
    /// Check dossiers against thresholds, for CI (exit 1 when one is not met)
    Check(CheckArgs),
    /// Fill a dossier by answering the form's questions in the terminal
    Fill(FillArgs),
    /// Write a blank dossier, every question as a comment, to fill in an editor
    New(NewArgs),
    /// Print the JSON Schema of dossiers (for editors that check TOML files)
    Schema(SchemaArgs),
    /// Render a dossier as the printable Annexe B (HTML or Markdown)
    Export(ExportArgs),
    /// Print a shell completion script (e.g. `annexe completions bash >
    /// ~/.local/share/bash-completion/completions/annexe`)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `annexe man > annexe.1 && man ./annexe.1`
    Man,
    /// Review a dossier as a human reviewer, beside the automatic reading
    Review(ReviewArgs),
    /// Show the scoring grid in use: how each criterion is judged
    Criteria(CriteriaArgs),
}

/// `--color`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, following NO_COLOR, CLICOLOR and CLICOLOR_FORCE
    #[default]
    Auto,
    /// Always colour, even into a file or a pipe
    Always,
    /// Never colour
    Never,
}

/// Reading and walking, shared by `score` and `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Dossier files or folders (folders are walked for `*.toml`, honouring
    /// .gitignore, skipping hidden folders, `annexe.toml` and `*.review.*.toml`)
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Largest file read, in bytes; larger files are reported, not read
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Number of files read and scored at once [default: every core]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// Settings file (thresholds, criteria folder, paths to exclude)
    /// [default: annexe.toml in the current folder or its parents]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Folder of the human reviews (`DOSSIER.review.NAME.toml`)
    /// [default: reviews_dir in annexe.toml, else beside each dossier]
    #[arg(long, value_name = "DIR")]
    pub reviews_dir: Option<PathBuf>,
}

/// `annexe score`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Exit codes:
  0  every file was read and scored
  2  a usage error, or a file that could not be read or parsed
     (the other files are still scored and reported)")]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format: table (a ranking, or the detailed report for a single
    /// dossier), json (one document), jsonl (one dossier per line, streamed),
    /// csv (one row per action, safe to open in a spreadsheet), html (one
    /// self-contained page for reviewers: charts, sortable ranking, evidence)
    #[arg(long, short = 'f', value_enum, default_value_t = ScoreFormat::Table)]
    pub format: ScoreFormat,

    /// Ranking order of the table
    #[arg(long, value_enum, default_value_t = SortKey::Score)]
    pub sort: SortKey,

    /// Rank the table by one criterion (its level, then its score)
    #[arg(long, value_name = "ID", conflicts_with = "sort")]
    pub criterion: Option<String>,

    /// Show only the first N actions of the ranking table
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,

    /// Rank on the human reviewers' overall levels, each reviewer's levels
    /// standardised over the batch (z-scores brought back onto 0-3), so that
    /// a harsher or more lenient reviewer does not tilt the ranking
    #[arg(long)]
    pub normalize: bool,

    /// List first the actions to discuss: reviewers 2 levels apart, or the
    /// automatic level 2 levels from the reviewers' mean
    #[arg(long)]
    pub disagreements: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScoreFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SortKey {
    /// Overall judgement, then score, best first
    Score,
    /// File path, then rank
    Path,
    /// Applicant name
    Applicant,
    /// Weakest criterion first: the lowest level across the four criteria
    Weakest,
}

/// `annexe check`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Thresholds come from the flags, else from annexe.toml:
  [thresholds]
  min_overall = 2
  require_complete = true
  [thresholds.min_level]
  unmet_need = 2

Exit codes:
  0  every action meets every threshold
  1  a threshold is not met
  2  a usage error, or a file that could not be read or parsed
     (the other files are still checked and reported)")]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Lowest level (0-3) a criterion must reach, as CRITERION=LEVEL
    /// (e.g. unmet_need=2); repeat for several criteria
    #[arg(long, value_name = "CRITERION=LEVEL")]
    pub min_level: Vec<String>,

    /// Lowest overall judgement (0-3) every action must reach
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(0..=3))]
    pub min_overall: Option<u8>,

    /// Every question must be answered, at the length the form asks
    #[arg(long)]
    pub require_complete: bool,

    /// Output format: text, json, github (workflow annotations), sarif
    /// (code scanning), junit (test report), gitlab (Code Quality)
    #[arg(long, short = 'f', value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Github,
    Sarif,
    Junit,
    Gitlab,
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

/// `annexe export`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Examples:
  annexe export mon-dossier.toml --format html -o annexe-b.html
  annexe export mon-dossier.toml --format md --lang en > annex-b.md

The headings are the form's French wording unless --lang en is given
(the language of the environment is not used: funders expect the French
form). In a browser, Print → Save as PDF gives A4 pages, one action per page.

Exit codes:
  0  the document was written
  2  the dossier could not be read (nothing is written)")]
pub struct ExportArgs {
    /// The dossier to render
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Output format: html (one self-contained page, ready to print to PDF)
    /// or md (Markdown)
    #[arg(long, short = 'f', value_enum, default_value_t = ExportFormat::Html)]
    pub format: ExportFormat,

    /// Write the document to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Largest file read, in bytes; a larger file is refused
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Html,
    #[value(alias = "markdown")]
    Md,
}

/// `annexe completions`
#[derive(Debug, Clone, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `annexe review`
const REVIEW_AFTER_HELP: &str = "\
Each answer is saved in DOSSIER.review.NAME.toml (beside the dossier, or in
--reviews-dir) as soon as it is given. Ctrl-C or Esc stops cleanly (exit
code 130); running the same command again carries on at the first question
without an answer. annexe score and annexe check show the reviews beside
the automatic reading.

Conflicts of interest are declared in annexe.toml:
  [[reviewers]]
  name = \"Marie Dupont\"
  organisations = [\"CCAS d'Amiens\"]

Exit codes:
  0    the review was gone through (or declined for a conflict of interest)
  2    the dossier or the review file cannot be read, the review file is
       another reviewer's, or there is no terminal
  130  stopped with Ctrl-C or Esc; every answer given so far is saved";

#[derive(Debug, Clone, clap::Args)]
#[command(after_help = REVIEW_AFTER_HELP)]
pub struct ReviewArgs {
    /// The dossier to review
    #[arg(value_name = "DOSSIER")]
    pub dossier: PathBuf,

    /// The reviewer's name, as it is to appear in reports ("Marie Dupont");
    /// the review file is named after it
    #[arg(long, value_name = "NAME")]
    pub reviewer: String,

    /// Folder to keep the review in [default: reviews_dir in annexe.toml,
    /// else beside the dossier]
    #[arg(long, value_name = "DIR")]
    pub reviews_dir: Option<PathBuf>,

    /// Settings file (reviewers and their organisations, reviews folder)
    /// [default: annexe.toml in the current folder or its parents]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `annexe criteria`
#[derive(Debug, Clone, clap::Args)]
pub struct CriteriaArgs {
    /// Clue words shown per component (0 hides them)
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub words: usize,
}
