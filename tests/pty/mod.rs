//! Driving the real binary through a pseudo-terminal (rexpect makes its own,
//! so these tests run in CI without one), shared by `fill_pty` and
//! `review_pty`. Each test binary uses part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use rexpect::session::{spawn_command, PtySession};

pub const TIMEOUT_MS: u64 = 20_000;
pub const DOWN: &str = "\x1b[B";
pub const BACKSPACE: &str = "\x7f";

/// Starts `annexe ARGS` in `dir`, in French, without colour, in a window of
/// a known size (inquire lays its prompts out by it).
pub fn start(dir: &Path, args: &[&str]) -> PtySession {
    let exe = env!("CARGO_BIN_EXE_annexe");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols 200 rows 50 2>/dev/null; exec '{exe}' {}", quoted.join(" ")))
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ANNEXE_LANG")
        .env_remove("ANNEXE_CRITERIA")
        .env("LANG", "fr_FR.UTF-8")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    spawn_command(cmd, Some(TIMEOUT_MS)).unwrap()
}

/// rexpect keeps what it reads byte by byte, each byte as one char: look for
/// UTF-8 text the same way.
pub fn bytes_of(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

pub fn expect(p: &mut PtySession, text: &str) {
    if let Err(e) = p.exp_string(&bytes_of(text)) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Waits for a question, then types a one-line answer and Enter.
pub fn answer(p: &mut PtySession, question: &str, typed: &str) {
    expect(p, question);
    p.send(&format!("{typed}\r")).unwrap();
    p.flush().unwrap();
}
