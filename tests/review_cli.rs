//! Human reviews in `annexe score` and `annexe check`: the real binary over
//! `tests/fixtures/reviews/`, two dossiers reviewed by two reviewers (one of
//! them harsher, one under a declared conflict of interest), a review file
//! that is malformed and one about a rank the dossier does not have.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annexe"));
    cmd.current_dir(fixtures());
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "ANNEXE_LANG", "ANNEXE_CRITERIA"] {
        cmd.env_remove(var);
    }
    let out = cmd.env("NO_COLOR", "1").args(args).output().expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_ranking_shows_every_review_and_what_is_to_discuss() {
    let (code, stdout, _) = run(&["--lang", "en", "score", "reviews"]);
    // The malformed review and the one about rank 7 are listed; the batch goes on.
    assert_eq!(code, 2);
    assert!(stdout.contains("middling-two-actions.review.broken.toml:6:11: a level goes from 0 to 3, not 5"));
    assert!(
        stdout.contains("middling-two-actions.review.marie-dupont.toml:6:8: the review is about the action of rank 7")
    );
    insta::assert_snapshot!("reviews_table_en", stdout);
}

#[test]
fn disagreements_come_first_and_normalisation_is_said() {
    let (_, stdout, _) = run(&["score", "reviews", "--normalize", "--disagreements", "--sort", "path"]);
    assert!(stdout.contains("--normalize"), "{stdout}");
    let first = stdout.lines().nth(2).unwrap_or_default();
    assert!(first.contains("⚑"), "{stdout}");
    insta::assert_snapshot!("reviews_table_normalized_fr", stdout);
}

#[test]
fn json_carries_every_review() {
    let (_, stdout, _) = run(&["score", "reviews", "--format", "json", "--normalize"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
    let strong = &doc["dossiers"][1];
    assert_eq!(strong["reviews"]["reviewers"].as_array().map(Vec::len), Some(2));
    assert_eq!(strong["reviews"]["actions"][0]["to_discuss"], true);
    assert_eq!(strong["reviews"]["normalized"], true);
    insta::assert_json_snapshot!("reviews_json", doc["dossiers"]);
}

#[test]
fn csv_has_a_row_per_review() {
    let (_, stdout, _) = run(&["score", "reviews", "--format", "csv"]);
    let reviews = stdout.lines().filter(|l| l.contains(",review,")).count();
    assert_eq!(reviews, 4, "{stdout}");
    insta::assert_snapshot!("reviews_csv", stdout);
}

#[test]
fn check_reports_the_unusable_review_files() {
    let (code, stdout, _) = run(&["--lang", "en", "check", "reviews"]);
    assert_eq!(code, 2);
    assert!(stdout.contains("middling-two-actions.review.broken.toml:6:11"), "{stdout}");
}

#[test]
fn the_detailed_report_of_one_dossier_shows_its_reviews() {
    let (code, stdout, stderr) = run(&["--lang", "en", "score", "reviews/strong-micro-creche.toml"]);
    assert_eq!(code, 0, "{stderr}");
    let reviews = stdout.split("Human reviews").nth(1).unwrap_or_else(|| panic!("no reviews section:\n{stdout}"));
    insta::assert_snapshot!("reviews_detail_en", reviews);
}
