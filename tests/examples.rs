//! The sample dossiers in `examples/` load without warnings and their
//! reports (the detailed text one and JSON) are kept as snapshots: what a
//! project holder reads about a strong, a middling and a weak dossier.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    names
}

fn annexe(args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annexe"));
    cmd.current_dir(root());
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "ANNEXE_LANG", "ANNEXE_CRITERIA"] {
        cmd.env_remove(var);
    }
    let out = cmd.env("NO_COLOR", "1").args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn there_are_a_strong_a_middling_and_a_weak_example() {
    assert!(examples().len() >= 3, "{:?}", examples());
}

#[test]
fn every_example_loads_without_warnings() {
    let form = annexe::form::Form::embedded().unwrap();
    for name in examples() {
        let path = Path::new("examples").join(&name);
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let dossier = annexe::dossier::parse(&path, &text, &form, annexe::i18n::Lang::Fr.messages())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(dossier.warnings.is_empty(), "{name}: {:?}", dossier.warnings);
    }
}

#[test]
fn every_example_has_a_detailed_report_in_french() {
    for name in examples() {
        let path = format!("examples/{name}");
        let (code, stdout, stderr) = annexe(&["score", &path]);
        assert_eq!(code, 0, "{name}: {stderr}");
        insta::assert_snapshot!(format!("detail_{}", name.trim_end_matches(".toml")), stdout);
    }
}

#[test]
fn every_example_has_a_json_report() {
    for name in examples() {
        let path = format!("examples/{name}");
        let (code, stdout, stderr) = annexe(&["score", "--format", "json", &path]);
        assert_eq!(code, 0, "{name}: {stderr}");
        let mut value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        // The schema names the version, which moves with every release.
        value["schema"] = serde_json::Value::Null;
        insta::assert_json_snapshot!(format!("json_{}", name.trim_end_matches(".toml")), value);
    }
}

#[test]
fn the_strong_example_scores_above_the_weak_one() {
    let overall = |name: &str| {
        let (_, stdout, _) = annexe(&["score", "--format", "json", &format!("examples/{name}")]);
        let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        value["dossiers"][0]["actions"][0]["score"].as_u64().unwrap()
    };
    assert!(overall("micro-creche-horaires-decales.toml") > overall("jardin-partage.toml"));
}

#[test]
fn annexe_criteria_explains_the_grid_in_use() {
    let (code, stdout, stderr) = annexe(&["--lang", "en", "criteria", "--words", "3"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!("criteria_en", stdout);
}

#[test]
fn a_broken_criteria_folder_is_refused_with_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("annexe-criteria-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("global_stake.toml"), "id = \"global_stake\"\nnmae_fr = \"x\"\n").unwrap();
    let (code, _, stderr) = annexe(&["--criteria", dir.to_str().unwrap(), "criteria"]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 2);
    assert!(stderr.contains("global_stake.toml:2:1"), "{stderr}");
}
