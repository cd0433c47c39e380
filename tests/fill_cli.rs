//! `annexe new`, `annexe schema` and the non-interactive side of `annexe
//! fill`, through the real binary.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use annexe::form::Form;
use annexe::i18n::Lang;

fn annexe(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annexe"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("ANNEXE_LANG")
        .env_remove("ANNEXE_CRITERIA")
        .env("LANG", "fr_FR.UTF-8")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn read_back(path: &Path) -> annexe::dossier::Dossier {
    let form = Form::embedded().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let _: toml::Table = toml::from_str(&text).unwrap();
    annexe::dossier::parse(path, &text, &form, Lang::Fr.messages()).unwrap()
}

#[test]
fn new_writes_a_blank_commented_dossier_that_reads_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = annexe(dir.path(), &["new", "dossier.toml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("dossier.toml")).unwrap();
    let d = read_back(&dir.path().join("dossier.toml"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    insta::assert_snapshot!("new_template_fr", text);

    let out = annexe(dir.path(), &["new", "en.toml", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("en.toml")).unwrap();
    assert!(text.contains("# Title of the action:\n"), "{text}");
    assert_eq!(read_back(&dir.path().join("en.toml")).lang, Lang::En);
}

#[test]
fn new_refuses_to_overwrite_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.toml");
    std::fs::write(&path, "mon travail").unwrap();
    let out = annexe(dir.path(), &["new", "d.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mon travail");
    let out = annexe(dir.path(), &["new", "d.toml", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("#:schema ./annexe-b.schema.json\n"));
}

#[test]
fn the_schema_is_generated_from_the_form_and_the_committed_copy_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let out = annexe(dir.path(), &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    insta::assert_json_snapshot!("schema", schema);

    let committed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("annexe-b.schema.json")).unwrap();
    assert!(
        committed == printed,
        "annexe-b.schema.json is out of date: run `cargo run -- schema -o annexe-b.schema.json` and commit it"
    );

    // -o writes the same text.
    let out = annexe(dir.path(), &["schema", "-o", "annexe-b.schema.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.path().join("annexe-b.schema.json")).unwrap(), printed);
}

#[test]
fn fill_without_a_terminal_nor_data_exits_2_and_says_how() {
    let dir = tempfile::tempdir().unwrap();
    let out = annexe(dir.path(), &["fill", "d.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("terminal"), "{err}");
    assert!(err.contains("annexe fill d.toml --data applicant.name="), "{err}");
    assert!(err.contains("--data-file"), "{err}");
    assert!(!dir.path().join("d.toml").exists(), "nothing written");
}

#[test]
fn fill_with_data_writes_a_valid_dossier_without_prompting() {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.toml");
    std::fs::write(
        &answers,
        "[[actions]]\nrank = 2\ntitle = \"Jardin partagé\"\n[[actions.partnership.partners]]\n\
         name = \"Bailleur\"\nkind = \"public\"\nrole = \"prête le terrain\"\nnew = true\n",
    )
    .unwrap();
    let out = annexe(
        dir.path(),
        &[
            "fill",
            "d.toml",
            "--data",
            "applicant.name=Les Petits Pas",
            "--data",
            "actions.1.title=Micro-crèche",
            "--data",
            "actions.1.need.diagnosis=Enquête du CCAS\nen 2023",
            "--data",
            "actions.1.novelty.locally_new=oui",
            "--data-file",
            "answers.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let form = Form::embedded().unwrap();
    let d = read_back(&dir.path().join("d.toml"));
    assert_eq!(d.applicant_text(&form, "applicant.name"), "Les Petits Pas");
    let by_rank = d.actions_by_rank(&form);
    assert_eq!(by_rank.len(), 2);
    assert_eq!(by_rank[0].title(&form), "Micro-crèche");
    assert_eq!(by_rank[1].title(&form), "Jardin partagé");
    assert_eq!(by_rank[1].partners(&form)[0].role, "prête le terrain");
    let diag = form.find(annexe::form::Scope::Action, "need.diagnosis").unwrap();
    assert_eq!(by_rank[0].text(diag), "Enquête du CCAS\nen 2023");

    let out = annexe(dir.path(), &["fill", "d.toml", "--data", "actions.1.budget=3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("actions.1.budget"), "{}", stderr(&out));
}

#[test]
fn fill_refuses_a_file_it_cannot_read_and_leaves_it_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.toml");
    let text = "format = \"annexe-b/1\"\n[[actions]]\ntitle = \"Crèche\"\n[actions.novelty]\nlocally_new = \"oui\"\n";
    std::fs::write(&path, text).unwrap();
    let out = annexe(dir.path(), &["fill", "d.toml", "--data", "actions.1.title=x"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("d.toml:5:15: "), "{err}");
    assert!(err.contains("5 | locally_new = \"oui\""), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    std::fs::write(&path, "format = \"annexe-b/1\"\ntitle = \n").unwrap();
    let out = annexe(dir.path(), &["fill", "d.toml", "--data", "actions.1.title=x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("d.toml:2:"), "{}", stderr(&out));
}
