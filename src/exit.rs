//! How a run ends, and the one place outcomes become exit codes.

use std::process::ExitCode;

/// What a command found, when it ran to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything passed.
    Success,
    /// A threshold was not met (`annexe check`).
    Findings,
    /// Some input could not be read or parsed; the rest was processed.
    InputErrors,
    /// The person stopped `annexe fill` (Ctrl-C, Esc); every answer given is saved.
    Interrupted,
}

/// Exit codes, as documented in the README and `--help`.
pub const EXIT_SUCCESS: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;
/// 128 + SIGINT, what shells report for a program stopped by Ctrl-C.
pub const EXIT_INTERRUPTED: u8 = 130;

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Success => EXIT_SUCCESS,
            Outcome::Findings => EXIT_FINDINGS,
            Outcome::InputErrors => EXIT_ERROR,
            Outcome::Interrupted => EXIT_INTERRUPTED,
        })
    }

    /// The worse of two outcomes: input errors beat findings beat success.
    pub fn worst(self, other: Outcome) -> Outcome {
        let weight = |o: Outcome| match o {
            Outcome::Success => 0,
            Outcome::Findings => 1,
            Outcome::InputErrors => 2,
            Outcome::Interrupted => 3,
        };
        if weight(other) > weight(self) {
            other
        } else {
            self
        }
    }
}

/// Prints an error that stopped a command (with its causes) and gives the
/// exit code for it. A closed stdout (`annexe score … | head`) ends quietly.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::from(EXIT_SUCCESS);
    }
    eprintln!("annexe: {err}");
    for cause in err.chain().skip(1) {
        eprintln!("  {cause}");
    }
    ExitCode::from(EXIT_ERROR)
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().filter_map(|c| c.downcast_ref::<std::io::Error>()).any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}
