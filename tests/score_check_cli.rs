//! `annexe score` and `annexe check` run as users run them: the real binary
//! over `tests/fixtures/batch/`, which mixes strong, weak, incomplete and
//! broken dossiers. Snapshots hold every format; levels in them follow the
//! scorer, so they are re-accepted when it is tuned (`cargo insta accept`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::prelude::*;

const BATCH_FILES: usize = 10; // 5 dossiers, 5 broken files

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The binary, run from `tests/fixtures` with a pinned language and no
/// colour, whatever the environment.
fn annexe(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annexe"));
    cmd.current_dir(fixtures());
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "ANNEXE_LANG", "ANNEXE_CRITERIA"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1").args(args);
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let out = annexe(args).output().expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

const BROKEN: [&str; 5] = ["binary.toml", "empty.toml", "invalid-syntax.toml", "latin1.toml", "wrong-type.toml"];
const THRESHOLDS: [&str; 5] = ["--min-level", "unmet_need=2", "--min-overall", "2", "--require-complete"];

// ---- annexe score -------------------------------------------------------

#[test]
fn score_of_a_folder_prints_a_ranking_then_a_summary_and_exits_2_for_broken_files() {
    let r = run(&["--lang", "en", "score", "batch"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    insta::assert_snapshot!("score_table_en", r.stdout);
    assert!(r.stderr.contains("5 file(s) could not be read"), "{}", r.stderr);
}

#[test]
fn score_table_speaks_french_by_default() {
    let r = run(&["score", "batch"]);
    insta::assert_snapshot!("score_table_fr", r.stdout);
}

#[test]
fn score_table_fits_in_80_columns() {
    let r = run(&["--lang", "fr", "score", "batch"]);
    for line in r.stdout.lines().filter(|l| !l.starts_with("  ")) {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
}

#[test]
fn score_ranks_by_one_criterion_and_keeps_the_top_n() {
    let r = run(&["--lang", "en", "score", "batch", "--criterion", "novel_partnership", "--top", "3"]);
    insta::assert_snapshot!("score_table_criterion_top3", r.stdout);
    assert!(r.stdout.contains("(3 of 6 actions shown)"));
}

#[test]
fn score_of_one_file_prints_the_detailed_report() {
    let r = run(&["--lang", "en", "score", "batch/middling-two-actions.toml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("score_detail_en", r.stdout);
    for expected in ["Profile", "Evidence", "To reach", "Completeness", "need.unmet_needs"] {
        assert!(r.stdout.contains(expected), "missing {expected}");
    }
}

#[test]
fn score_detail_in_french_names_levels_from_the_grid() {
    let r = run(&["--lang", "fr", "score", "batch/weak-jardin.toml"]);
    insta::assert_snapshot!("score_detail_fr", r.stdout);
    assert!(r.stdout.contains("affirmé"));
}

#[test]
fn score_json_is_one_document_with_every_assessment_and_the_broken_files() {
    let r = run(&["--lang", "en", "score", "batch", "--format", "json"]);
    assert_eq!(r.code, 2);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON document");
    assert_eq!(doc["dossiers"].as_array().map(Vec::len), Some(5));
    assert_eq!(doc["errors"].as_array().map(Vec::len), Some(5));
    let first = &doc["dossiers"][0]["actions"][0]["criteria"][0];
    for key in ["level", "score", "evidence", "suggestions", "at"] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    insta::assert_json_snapshot!("score_json", doc);
}

#[test]
fn score_jsonl_writes_one_line_per_file_in_path_order() {
    let r = run(&["--lang", "en", "score", "batch", "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> =
        r.stdout.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
    assert_eq!(lines.len(), BATCH_FILES);
    let paths: Vec<&str> = lines.iter().filter_map(|l| l["path"].as_str()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(lines.iter().filter(|l| l.get("error").is_some()).count(), 5);
    insta::assert_snapshot!("score_jsonl", r.stdout);
}

#[test]
fn score_csv_has_one_row_per_action_and_a_column_per_criterion_level_and_score() {
    let r = run(&["--lang", "en", "score", "batch", "--format", "csv"]);
    let text = r.stdout.strip_prefix('\u{feff}').expect("a byte order mark for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header").clone();
    for col in ["unmet_need_level", "unmet_need_score", "global_stake_level", "overall", "score"] {
        assert!(header.iter().any(|h| h == col), "no column {col}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 6);
    insta::assert_snapshot!("score_csv", text);
}

#[test]
fn score_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas() {
    let r = run(&["score", "batch/formula-applicant.toml", "--format", "csv"]);
    assert!(r.stdout.contains("'=HYPERLINK("), "{}", r.stdout);
    assert!(!r.stdout.contains(",=HYPERLINK("));
}

#[test]
fn score_csv_reports_broken_files_on_stderr_once_each() {
    let r = run(&["--lang", "en", "score", "batch", "--format", "csv"]);
    for name in BROKEN {
        let reports = r.stderr.lines().filter(|l| l.starts_with(&format!("error: batch/broken/{name}"))).count();
        assert_eq!(reports, 1, "{name} in {}", r.stderr);
    }
}

#[test]
fn every_broken_file_is_reported_once_with_its_path_and_a_plain_reason() {
    let r = run(&["--lang", "en", "score", "batch"]);
    let report = &r.stdout[r.stdout.find("Files that could not be read").expect("a section")..];
    for name in BROKEN {
        let reports = report.lines().filter(|l| l.trim_start().starts_with(&format!("batch/broken/{name}"))).count();
        assert_eq!(reports, 1, "{name}");
    }
    assert!(report.contains("batch/broken/invalid-syntax.toml:3:13:"));
    assert!(report.contains("batch/broken/wrong-type.toml:6:15: `actions.novelty.locally_new` expects yes or no (true or false), not a text"));
    assert!(report.contains("batch/broken/empty.toml: the file is empty"));
    assert!(report.contains("batch/broken/latin1.toml: the file is not UTF-8 text"));
    assert!(report.contains("batch/broken/binary.toml: the file is not UTF-8 text"));
    assert!(!r.stderr.contains("panicked"));
}

#[test]
fn a_file_over_the_size_limit_is_reported_and_the_others_scored() {
    let r = run(&["--lang", "en", "score", "batch", "--format", "jsonl", "--max-file-size", "5000"]);
    let too_large: Vec<&str> = r.stdout.lines().filter(|l| l.contains("over the limit of 5000 bytes")).collect();
    assert_eq!(too_large.len(), 2, "{}", r.stdout);
    assert_eq!(r.stdout.lines().filter(|l| l.contains("\"actions\"")).count(), 3);
}

#[test]
fn settings_files_review_files_and_annexe_toml_are_not_scored() {
    let r = run(&["score", "batch", "--format", "jsonl"]);
    assert!(!r.stdout.contains("review.marie"));
    assert!(!r.stdout.contains("broken/annexe.toml"));
}

#[test]
fn output_goes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.jsonl");
    let r = run(&["score", "batch/weak-jardin.toml", "--format", "jsonl", "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);
}

#[test]
fn a_closed_pipe_ends_the_batch_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures().join("batch/weak-jardin.toml")).unwrap();
    for i in 0..400 {
        std::fs::write(dir.path().join(format!("d{i:03}.toml")), &source).unwrap();
    }
    let mut child = annexe(&["score", "--format", "jsonl", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader is dropped here: the pipe is closed, as `| head -1` does.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("d000.toml"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn one_broken_file_among_fifty_leaves_the_other_forty_nine_scored() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures().join("batch/weak-jardin.toml")).unwrap();
    for i in 0..50 {
        let text = if i == 17 { "format = \"annexe-b/1\"\n[applicant\n".to_owned() } else { source.clone() };
        std::fs::write(dir.path().join(format!("d{i:02}.toml")), text).unwrap();
    }
    let r = run(&["score", "--format", "jsonl", "-j", "4", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 50);
    assert_eq!(lines.iter().filter(|l| l.contains("\"actions\"")).count(), 49);
    assert!(lines[17].contains("d17.toml") && lines[17].contains("\"error\""));
}

#[test]
fn walking_honours_gitignore_and_skips_hidden_folders() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures().join("batch/weak-jardin.toml")).unwrap();
    for sub in ["kept", "ignored", ".hidden", "kept/deeper"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("d.toml"), &source).unwrap();
    }
    std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
    // A reviewer's file beside the dossier is read as its review, never as a dossier.
    std::fs::write(dir.path().join("kept/d.review.paul.toml"), "format = \"annexe-review/1\"\nreviewer = \"Paul\"\n")
        .unwrap();
    std::fs::write(dir.path().join("kept/notes.md"), "x").unwrap();
    let r = run(&["score", "--format", "jsonl", dir.path().to_str().unwrap()]);
    let paths: Vec<String> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 2, "{paths:?}");
    assert!(paths[0].ends_with("kept/d.toml") && paths[1].ends_with("kept/deeper/d.toml"), "{paths:?}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_the_rest_scored() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures().join("batch/weak-jardin.toml")).unwrap();
    std::fs::create_dir(dir.path().join("a")).unwrap();
    std::fs::write(dir.path().join("a/d.toml"), &source).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink("self.toml", dir.path().join("self.toml")).unwrap();
    let r = run(&["--lang", "en", "score", "--format", "jsonl", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(r.stdout.lines().filter(|l| l.contains("\"actions\"")).count(), 1, "{}", r.stdout);
    assert!(r.stdout.contains("loops back on itself"), "{}", r.stdout);
}

#[test]
fn a_missing_path_is_reported_and_the_others_scored() {
    let r = run(&["--lang", "en", "score", "--format", "jsonl", "nowhere.toml", "batch/weak-jardin.toml"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("no such file or folder"));
    assert_eq!(r.stdout.lines().count(), 2);
}

#[test]
fn an_unknown_criterion_is_a_usage_error() {
    let r = run(&["--lang", "en", "score", "batch", "--criterion", "budget"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown criterion `budget`"), "{}", r.stderr);
    assert!(r.stderr.contains("unmet_need"));
}

// ---- annexe check -------------------------------------------------------

#[test]
fn check_passes_with_exit_0_when_every_threshold_is_met() {
    let r = run(&["check", "batch/strong-micro-creche.toml", "--min-level", "unmet_need=2", "--min-overall", "2"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn check_exits_1_when_a_threshold_is_not_met() {
    let r = run(&["check", "batch/weak-jardin.toml", "--min-level", "unmet_need=2"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
}

#[test]
fn check_exits_2_when_a_file_cannot_be_read_and_still_checks_the_others() {
    let mut args = vec!["--lang", "en", "check", "batch"];
    args.extend(THRESHOLDS);
    let r = run(&args);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("batch/weak-jardin.toml"));
}

fn check_output(format: &str) -> Run {
    let mut args = vec!["--lang", "en", "check", "batch", "--format", format];
    args.extend(THRESHOLDS);
    run(&args)
}

#[test]
fn check_text_points_every_finding_at_file_line_and_column() {
    let r = check_output("text");
    insta::assert_snapshot!("check_text", r.stdout);
    for line in r.stdout.lines().filter(|l| l.contains("error[min-level")) {
        let place = line.split(": ").next().unwrap();
        assert_eq!(place.split(':').count(), 3, "{line}");
    }
}

#[test]
fn check_json_lists_findings_with_positions() {
    let r = check_output("json");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    insta::assert_json_snapshot!("check_json", doc);
}

#[test]
fn check_github_writes_at_most_ten_annotations_then_a_summary() {
    let r = check_output("github");
    insta::assert_snapshot!("check_github", r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines.len() <= 11);
    assert!(lines[..lines.len() - 1]
        .iter()
        .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    assert!(lines.iter().any(|l| l.contains(",line=") && l.contains(",col=")));
    assert!(lines.last().unwrap().contains("Only the first 10"));
}

#[test]
fn check_sarif_is_valid_sarif_2_1_0() {
    let r = check_output("sarif");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("sarif-schema-2.1.0.json")).expect("the SARIF schema");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path)).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    for rule in run["tool"]["driver"]["rules"].as_array().unwrap() {
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(rule[key]["text"].as_str().is_some_and(|t| !t.is_empty()), "{key} of {}", rule["id"]);
        }
    }
    let results = run["results"].as_array().unwrap();
    for result in results {
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap();
        assert!(uri.starts_with("tests/fixtures/batch/"), "{uri}");
    }
    let located = results.iter().filter(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].is_u64());
    assert!(located.count() > results.len() / 2);
    let mut doc = doc;
    doc["runs"][0]["tool"]["driver"]["semanticVersion"] = "[version]".into();
    insta::assert_json_snapshot!("check_sarif", doc);
}

#[test]
fn check_junit_is_xml_with_one_uniquely_named_case_per_action_and_criterion() {
    let r = check_output("junit");
    let doc = roxmltree::Document::parse(&r.stdout).expect("well-formed XML");
    let mut names = std::collections::HashSet::new();
    let mut failures = 0;
    for case in doc.descendants().filter(|n| n.has_tag_name("testcase")) {
        let id = format!("{}::{}", case.attribute("classname").unwrap(), case.attribute("name").unwrap());
        assert!(names.insert(id.clone()), "duplicate test case {id}");
        failures += case.children().filter(|n| n.has_tag_name("failure")).count();
    }
    // 6 actions × (4 criteria + overall + completeness) + 5 unreadable files.
    assert_eq!(names.len(), 6 * 6 + 5);
    assert!(failures > 0);
    insta::assert_snapshot!("check_junit", r.stdout);
}

#[test]
fn check_gitlab_is_code_quality_json_with_unique_fingerprints() {
    let r = check_output("gitlab");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&r.stdout).unwrap();
    let prints: std::collections::HashSet<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    assert_eq!(prints.len(), issues.len());
    for issue in &issues {
        assert!(issue["location"]["path"].as_str().unwrap().starts_with("tests/fixtures/batch/"));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(["major", "minor"].contains(&issue["severity"].as_str().unwrap()));
    }
    insta::assert_json_snapshot!("check_gitlab", issues);
}

#[test]
fn check_fingerprints_are_stable_across_runs() {
    assert_eq!(check_output("gitlab").stdout, check_output("gitlab").stdout);
}

#[test]
fn check_reads_thresholds_from_annexe_toml_and_flags_override_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures().join("batch/weak-jardin.toml"), dir.path().join("d.toml")).unwrap();
    std::fs::write(dir.path().join("annexe.toml"), "[thresholds]\nmin_overall = 3\n").unwrap();
    let mut cmd = annexe(&["check", "d.toml"]);
    cmd.current_dir(dir.path());
    assert_eq!(cmd.output().unwrap().status.code(), Some(1));
    let mut cmd = annexe(&["check", "d.toml", "--min-overall", "0"]);
    cmd.current_dir(dir.path());
    assert_eq!(cmd.output().unwrap().status.code(), Some(0));
}

#[test]
fn an_unknown_key_in_annexe_toml_is_an_error_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(fixtures().join("batch/weak-jardin.toml"), dir.path().join("sub/d.toml")).unwrap();
    std::fs::write(dir.path().join("annexe.toml"), "[thresholds]\nmin_overal = 2\n").unwrap();
    let mut cmd = annexe(&["--lang", "en", "check", "d.toml"]);
    cmd.current_dir(dir.path().join("sub"));
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("annexe.toml:2:1:"), "{stderr}");
    assert!(stderr.contains("min_overal"), "{stderr}");
}

#[test]
fn annexe_toml_excludes_paths() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixtures().join("batch/weak-jardin.toml")).unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("d.toml"), &source).unwrap();
    std::fs::write(dir.path().join("drafts/x.toml"), &source).unwrap();
    std::fs::write(dir.path().join("annexe.toml"), "exclude = [\"drafts/\"]\n").unwrap();
    let mut cmd = annexe(&["score", "--format", "jsonl", "."]);
    cmd.current_dir(dir.path());
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn a_malformed_min_level_is_a_usage_error() {
    let r = run(&["--lang", "en", "check", "batch", "--min-level", "unmet_need"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("CRITERION=LEVEL"), "{}", r.stderr);
}

#[test]
fn help_documents_the_exit_codes() {
    for command in ["score", "check"] {
        let out = annexe(&[command, "--help"]).assert().success().get_output().stdout.clone();
        let help = String::from_utf8_lossy(&out);
        assert!(help.contains("Exit codes:") && help.contains("  2  "), "{help}");
    }
}

// ---- CI snippets ----------------------------------------------------------

#[test]
fn ci_snippets_and_the_pre_commit_hook_are_valid_yaml() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap()).unwrap();
    assert_eq!(hooks[0]["id"].as_str(), Some("annexe-check"));
    assert_eq!(hooks[0]["entry"].as_str(), Some("annexe check"));
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("docs/ci/github-actions.yml")).unwrap()).unwrap();
    assert!(workflow["jobs"]["check"]["steps"].as_sequence().is_some_and(|s| s.len() >= 4));
    let gitlab: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("docs/ci/gitlab-ci.yml")).unwrap()).unwrap();
    assert!(gitlab["annexe-check"]["artifacts"]["reports"]["codequality"].as_str().is_some());
    let pre_commit: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("docs/ci/pre-commit-config.yaml")).unwrap()).unwrap();
    assert_eq!(pre_commit["repos"][0]["hooks"][0]["id"].as_str(), Some("annexe-check"));
}
