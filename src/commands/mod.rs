//! One function per subcommand; each turns raw arguments into settings once,
//! does its work and says how it ended.

use crate::cli::{Cli, Command};
use crate::exit::Outcome;

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {}
}
