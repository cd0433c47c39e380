use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = annexe::cli::Cli::parse();
    match annexe::commands::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(err) => annexe::exit::report_error(&err),
    }
}
