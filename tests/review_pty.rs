//! `annexe review` typed into through a pseudo-terminal (rexpect, the real
//! binary): a reviewer gives levels and comments, is stopped with Ctrl-C,
//! runs the same command again, carries on and finishes; the review file
//! holds every answer.

#![cfg(unix)]

use std::path::Path;

use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;

mod pty;
use pty::{answer, expect, start, DOWN};

/// A level: the cursor starts on 0, `level` downs then Enter; then the comment.
fn level(p: &mut PtySession, question: &str, level: usize, comment: &str) {
    answer(p, question, &DOWN.repeat(level));
    answer(p, "commentaire", comment);
}

fn exit_code(p: &mut PtySession) -> i32 {
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("annexe did not exit normally: {other:?}"),
    }
}

#[test]
fn review_stop_with_ctrl_c_resume_and_finish() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reviews/strong-micro-creche.toml");
    std::fs::copy(fixture, dir.path().join("mon-dossier.toml")).unwrap();
    let args = ["review", "mon-dossier.toml", "--reviewer", "Marie Dupont"];
    let path = dir.path().join("mon-dossier.review.marie-dupont.toml");

    let mut p = start(dir.path(), &args);
    expect(&mut p, "Nouvelle relecture : mon-dossier.review.marie-dupont.toml");
    expect(&mut p, "Lecture automatique");
    level(&mut p, "Votre niveau pour « Besoin", 3, "Enquête chiffrée");
    level(&mut p, "Votre niveau pour « Partenariat", 2, "");
    expect(&mut p, "Votre niveau pour « Pratiques");
    p.send_control('c').unwrap();
    expect(&mut p, "Interrompu. 2 niveaux enregistrés dans mon-dossier.review.marie-dupont.toml.");
    expect(&mut p, "Pour reprendre : annexe review mon-dossier.toml --reviewer 'Marie Dupont'");
    assert_eq!(exit_code(&mut p), 130);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("unmet_need = 3") && text.contains("novel_partnership = 2"), "{text}");

    let mut p = start(dir.path(), &args);
    expect(&mut p, "2 niveaux enregistrés : reprise");
    level(&mut p, "Votre niveau pour « Pratiques", 1, "Parents consultés");
    level(&mut p, "Votre niveau pour « Enjeu", 3, "");
    answer(&mut p, "Votre appréciation d’ensemble", &DOWN.repeat(2));
    answer(&mut p, "Commentaire d’ensemble", "À financer");
    expect(&mut p, "Relecture terminée : 5 niveaux enregistrés");
    assert_eq!(exit_code(&mut p), 0);

    let text = std::fs::read_to_string(&path).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(doc["format"].as_str(), Some("annexe-review/1"));
    assert_eq!(doc["reviewer"].as_str(), Some("Marie Dupont"));
    assert_eq!(doc["dossier"].as_str(), Some("mon-dossier.toml"));
    let action = &doc["actions"].as_array().unwrap()[0];
    assert_eq!(action["rank"].as_integer(), Some(1));
    assert_eq!(action["overall"].as_integer(), Some(2));
    assert_eq!(action["comment"].as_str(), Some("À financer"));
    let levels = action["levels"].as_table().unwrap();
    let got: Vec<i64> = ["unmet_need", "novel_partnership", "collaborative_practice", "global_stake"]
        .iter()
        .map(|id| levels[*id].as_integer().unwrap())
        .collect();
    assert_eq!(got, vec![3, 2, 1, 3]);
    assert_eq!(action["comments"]["unmet_need"].as_str(), Some("Enquête chiffrée"));
    assert_eq!(action["comments"]["collaborative_practice"].as_str(), Some("Parents consultés"));

    // Another reviewer's file is never overwritten.
    std::fs::write(&path, text.replace("Marie Dupont", "Marie Durand")).unwrap();
    let mut p = start(dir.path(), &args);
    expect(&mut p, "n’écrase pas la relecture d’une autre personne");
    assert_eq!(exit_code(&mut p), 2);
}
