//! `annexe fill` typed into like a person would, through a pseudo-terminal
//! (rexpect makes its own, so this runs in CI without one): two actions with
//! partners, Ctrl-C in the middle, every answer found in the file, resume,
//! finish, and the final file read back by `toml` and by annexe's reader.

#![cfg(unix)]

use std::path::Path;

use annexe::dossier::Dossier;
use annexe::form::{Form, Scope};
use annexe::i18n::Lang;
use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;

mod pty;
use pty::{answer, expect, start, BACKSPACE, DOWN};

/// A long answer: its lines, then an empty line.
fn long(p: &mut PtySession, question: &str, lines: &[&str]) {
    // Each further line has its own prompt, "ligne 2 (…)", "ligne 3 (…)".
    answer(p, question, lines[0]);
    for (n, line) in lines.iter().enumerate().skip(1) {
        answer(p, &format!("ligne {} (", n + 1), line);
    }
    answer(p, &format!("ligne {} (", lines.len() + 1), "");
}

fn partner(p: &mut PtySession, name: &str, downs: usize, role: &str, new: &str) {
    answer(p, "Nom du partenaire", name);
    answer(p, "Nature du partenaire", &DOWN.repeat(downs));
    answer(p, "Rôle du partenaire", role);
    answer(p, "pour la première fois ?", new);
}

fn exit_code(p: &mut PtySession) -> i32 {
    p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("annexe did not exit normally: {other:?}"),
    }
}

fn read_back(path: &Path) -> (String, Dossier) {
    let text = std::fs::read_to_string(path).unwrap();
    let _: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let form = Form::embedded().unwrap();
    let d = annexe::dossier::parse(path, &text, &form, Lang::Fr.messages()).unwrap_or_else(|e| panic!("{e}"));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    (text, d)
}

fn text_of(form: &Form, d: &Dossier, action: usize, id: &str) -> String {
    d.actions[action].text(form.find(Scope::Action, id).unwrap()).to_owned()
}

#[test]
fn fill_two_actions_stop_with_ctrl_c_resume_and_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mon-dossier.toml");
    let form = Form::embedded().unwrap();

    // --- First sitting: the applicant, action 1 in full, half of action 2.
    let mut p = start(dir.path(), &["fill", "mon-dossier.toml"]);
    expect(&mut p, "ANNEXE B : action d’innovation sociale");
    answer(&mut p, "Nom de la structure porteuse", "Les Petits Pas");
    answer(&mut p, "Zone d’impact du projet", "Quartier Nord, Amiens (80)");
    answer(&mut p, "Contact (courriel", "contact@petitspas.org");

    answer(&mut p, "Intitulé de l’action", "Micro-crèche à horaires décalés");
    answer(&mut p, "précisez l’ordre d’importance", ""); // the proposed rank, 1
    expect(&mut p, "L’innovation sociale consiste"); // the form's guidance comes first
    long(
        &mut p,
        "objectifs",
        &["Accueillir 12 enfants de 5 h à 22 h.", "Permettre aux parents de garder leur emploi."],
    );
    long(&mut p, "descriptif", &["Une micro-crèche ouverte tôt et tard."]);
    long(&mut p, "public bénéficiaire", &["Familles monoparentales du quartier."]);
    long(&mut p, "méthodes et moyens", &["Quatre auxiliaires, un local du bailleur."]);
    long(&mut p, "calendrier retenu", &["Ouverture en septembre 2025."]);
    long(&mut p, "pas ou mal satisfaits", &["Aucune garde avant 7 h ni après 19 h."]);
    long(&mut p, "diagnostiqués", &["Enquête du CCAS en 2023 auprès de 300 familles."]);
    answer(&mut p, "nouvelle sous cette forme", "o");
    long(&mut p, "Précisez votre réponse", &["Les crèches du quartier ferment à 18 h 30."]);
    long(&mut p, "inspirée d’une autre initiative", &["Les crèches Pirouette à Lille."]);
    long(&mut p, "adaptée au territoire", &["Horaires calés sur ceux des hôpitaux."]);
    long(&mut p, "enjeux globaux", &["Accroissement des inégalités femmes-hommes."]);
    long(&mut p, "particulièrement mal pris en compte", &["Taux d’emploi des mères seules de 41 %."]);
    answer(&mut p, "partenariat inédit", "o");
    long(&mut p, "quelles parties prenantes", &["Le CCAS, un bailleur et des parents."]);
    answer(&mut p, "Ajouter un partenaire ?", ""); // yes by default when there is none
    partner(&mut p, "CCAS d’Amiens", 0, "oriente les familles", "o");
    answer(&mut p, "Ajouter un autre partenaire ?", "o");
    partner(&mut p, "Collectif des parents", 5, "co-décide des horaires", "n");
    answer(&mut p, "Ajouter un autre partenaire ?", ""); // no by default
    long(&mut p, "réinterroger certains", &["Planning partagé avec les parents."]);
    long(&mut p, "chemin faisant", &["Horaires revus après trois mois."]);
    long(&mut p, "plus collaboratives", &["Conseil des parents chaque mois."]);
    long(&mut p, "Autres informations", &["Budget de 180 000 euros."]);

    answer(&mut p, "Ajouter une autre action ?", "o");
    answer(&mut p, "Intitulé de l’action", "Jardin partagé");
    // Rank 2 is proposed (pre-filled); 1 is refused as taken.
    answer(&mut p, "précisez l’ordre d’importance", &format!("{BACKSPACE}1"));
    expect(&mut p, "déjà celui d’une autre action");
    answer(&mut p, "précisez l’ordre d’importance", &format!("{BACKSPACE}2"));
    long(&mut p, "objectifs", &["Cultiver ensemble au pied des immeubles."]);
    long(&mut p, "descriptif", &["Vingt parcelles entretenues par les habitants."]);
    expect(&mut p, "public bénéficiaire");
    p.send_control('c').unwrap();
    expect(&mut p, "Interrompu. 29 réponses enregistrées dans mon-dossier.toml.");
    expect(&mut p, "Pour reprendre : annexe fill mon-dossier.toml");
    assert_eq!(exit_code(&mut p), 130);

    // Every answer given so far is in the file.
    let (text, d) = read_back(&path);
    assert!(text.starts_with("#:schema ./annexe-b.schema.json\n"));
    assert_eq!(d.applicant_text(&form, "applicant.contact"), "contact@petitspas.org");
    assert_eq!(d.actions.len(), 2);
    assert_eq!(d.actions[0].rank(&form), Some(1));
    assert_eq!(d.actions[1].rank(&form), Some(2));
    assert_eq!(
        text_of(&form, &d, 0, "description.objectives"),
        "Accueillir 12 enfants de 5 h à 22 h.\nPermettre aux parents de garder leur emploi."
    );
    assert_eq!(text_of(&form, &d, 0, "other.notes"), "Budget de 180 000 euros.");
    let partners = d.actions[0].partners(&form);
    assert_eq!(partners.len(), 2);
    assert_eq!(partners[1].kind.as_deref(), Some("inhabitants"));
    assert_eq!(partners[1].new, Some(false));
    assert_eq!(text_of(&form, &d, 1, "description.summary"), "Vingt parcelles entretenues par les habitants.");
    assert_eq!(text_of(&form, &d, 1, "description.beneficiaries"), "");
    // The question stands above its answer, as a comment.
    assert!(text.contains("# Intitulé de l’action :\n"), "{text}");

    // --- Second sitting: it carries on at action 2's first unanswered question.
    let mut p = start(dir.path(), &["fill", "mon-dossier.toml"]);
    expect(&mut p, "29 réponses enregistrées : reprise à la première question sans réponse.");
    expect(&mut p, "Action 2 : Jardin partagé");
    long(&mut p, "public bénéficiaire", &["Les locataires des tours Nord."]);
    long(&mut p, "méthodes et moyens", &["Un animateur à mi-temps."]);
    long(&mut p, "calendrier retenu", &["Premières plantations en avril."]);
    long(&mut p, "pas ou mal satisfaits", &["Pas d’espace vert accessible à pied."]);
    long(&mut p, "diagnostiqués", &["Diagnostic en marchant avec le bailleur en 2024."]);
    answer(&mut p, "nouvelle sous cette forme", "n");
    long(&mut p, "Précisez votre réponse", &["Un jardin existe au sud de la ville."]);
    long(&mut p, "inspirée d’une autre initiative", &["Les Incroyables Comestibles."]);
    long(&mut p, "adaptée au territoire", &["Bacs hors sol sur dalle."]);
    long(&mut p, "enjeux globaux", &["Environnement et alimentation."]);
    long(&mut p, "particulièrement mal pris en compte", &["Îlot de chaleur mesuré par la ville."]);
    answer(&mut p, "partenariat inédit", "o");
    long(&mut p, "quelles parties prenantes", &["Le bailleur et l’école voisine."]);
    answer(&mut p, "Ajouter un partenaire ?", "o");
    partner(&mut p, "Amiens Habitat", 0, "prête la dalle", "o");
    answer(&mut p, "Ajouter un autre partenaire ?", "n");
    long(&mut p, "réinterroger certains", &["Des fiches de culture écrites par les habitants."]);
    long(&mut p, "chemin faisant", &["Bacs déplacés à l’ombre en juillet."]);
    long(&mut p, "plus collaboratives", &["Les habitants tiennent le planning."]);
    long(&mut p, "Autres informations", &["Soutien de la fondation locale."]);
    answer(&mut p, "Ajouter une autre action ?", "");
    expect(&mut p, "Fin du formulaire : 47 réponses enregistrées dans mon-dossier.toml.");
    assert_eq!(exit_code(&mut p), 0);

    let (text, d) = read_back(&path);
    assert_eq!(d.actions.len(), 2);
    let by_rank = d.actions_by_rank(&form);
    assert_eq!(by_rank[0].title(&form), "Micro-crèche à horaires décalés");
    assert_eq!(by_rank[1].title(&form), "Jardin partagé");
    assert_eq!(by_rank[1].partners(&form)[0].name, "Amiens Habitat");
    assert_eq!(by_rank[1].yes_no(form.find(Scope::Action, "novelty.locally_new").unwrap()), Some(false));
    assert!(d.actions.iter().all(|a| a.answers.iter().all(|x| x.as_ref().is_some_and(|x| x.is_given()))));
    assert_eq!(d.applicant_text(&form, "applicant.name"), "Les Petits Pas");
    // No placeholder is left once everything is answered.
    assert!(!text.contains("# rank = "), "{text}");
    assert!(!text.contains("#   name = \"\""), "{text}");
}
