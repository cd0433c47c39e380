//! One function per subcommand; each turns raw arguments into settings once,
//! does its work and says how it ended.

pub mod check;
pub mod completions;
pub mod criteria;
pub mod export;
pub mod fill;
pub mod man;
pub mod new;
pub mod review;
pub mod schema;
pub mod score;

use crate::cli::{Cli, Command};
use crate::exit::Outcome;

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Score(args) => score::run(&args, cli.lang, cli.criteria.as_deref(), cli.color),
        Command::Check(args) => check::run(&args, cli.lang, cli.criteria.as_deref(), cli.color),
        Command::Fill(args) => fill::run(&args, cli.lang, cli.criteria.as_deref()),
        Command::New(args) => new::run(&args, cli.lang, cli.criteria.as_deref()),
        Command::Schema(args) => schema::run(&args, cli.lang, cli.criteria.as_deref()),
        Command::Export(args) => export::run(&args, cli.lang, cli.criteria.as_deref()),
        Command::Completions(args) => completions::run(&args),
        Command::Man => man::run(),
        Command::Review(args) => review::run(&args, cli.lang, cli.criteria.as_deref()),
        Command::Criteria(args) => criteria::run(&args, cli.lang, cli.criteria.as_deref()),
    }
}
