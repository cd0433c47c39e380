//! Whatever a dossier holds, scoring it never panics and stays in range.

use std::path::Path;

use annexe::criteria::Grid;
use annexe::dossier;
use annexe::form::Form;
use annexe::i18n::Lang;
use annexe::score::assess_dossier;
use proptest::prelude::*;

fn form_and_grid() -> &'static (Form, Grid) {
    static LOADED: std::sync::OnceLock<(Form, Grid)> = std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        (form, grid)
    })
}

/// Any string, as a TOML basic string (escaped by toml itself).
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Text made of pieces that matter to the scorer: markers, negations,
/// numbers, names, punctuation, accents and odd Unicode.
fn answer() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("besoin".to_owned()),
        Just("n'avons pas de partenaires".to_owned()),
        Just("pour la première fois".to_owned()),
        Just("CCAS".to_owned()),
        Just("12,5 %".to_owned()),
        Just("2024".to_owned()),
        Just("\n- ".to_owned()),
        Just("2 -".to_owned()),
        Just(". ".to_owned()),
        Just("’".to_owned()),
        Just("Œ".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("e\u{301}".to_owned()),
        "\\PC{0,12}",
        "[a-zA-Zàéèçù ]{0,20}",
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
}

fn dossier_text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(answer(), 22),
        prop::option::of(any::<bool>()),
        prop::collection::vec((answer(), answer(), any::<Option<bool>>(), 0usize..9), 0..7),
        prop_oneof![Just("fr"), Just("en")],
        0u32..5,
    )
        .prop_map(|(answers, yes, partners, lang, rank)| {
            let kinds = ["public", "association", "company", "social_enterprise", "research", "inhabitants", "funder", "other", ""];
            let a = |i: usize| quoted(&answers[i]);
            let mut t = format!("format = \"annexe-b/1\"\nlang = \"{lang}\"\n[applicant]\nname = {}\n", a(0));
            t += &format!("[[actions]]\ntitle = {}\n", a(1));
            if rank > 0 {
                t += &format!("rank = {rank}\n");
            }
            t += &format!(
                "[actions.description]\nobjectives = {}\nsummary = {}\nbeneficiaries = {}\nmethods = {}\ntimeline = {}\n",
                a(2), a(3), a(4), a(5), a(6)
            );
            t += &format!("[actions.need]\nunmet_needs = {}\ndiagnosis = {}\n", a(7), a(8));
            t += "[actions.novelty]\n";
            if let Some(y) = yes {
                t += &format!("locally_new = {y}\n");
            }
            t += &format!("locally_new_details = {}\ninspired_by = {}\nadaptation = {}\n", a(9), a(10), a(11));
            t += &format!("[actions.global_stake]\nissues = {}\nlocal_gap = {}\n", a(12), a(13));
            t += &format!("[actions.practices]\ntools_methods = {}\niterative = {}\ncollaborative = {}\n", a(14), a(15), a(16));
            t += &format!("[actions.other]\nnotes = {}\n", a(17));
            t += &format!("[actions.partnership]\ndetails = {}\n", a(18));
            if let Some(y) = yes {
                t += &format!("novel = {y}\n");
            }
            for (name, role, new, kind) in partners {
                t += &format!("[[actions.partnership.partners]]\nname = {}\nrole = {}\n", quoted(&name), quoted(&role));
                if !kinds[kind].is_empty() {
                    t += &format!("kind = \"{}\"\n", kinds[kind]);
                }
                if let Some(n) = new {
                    t += &format!("new = {n}\n");
                }
            }
            t
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_dossier_scores_in_range(text in dossier_text()) {
        let (form, grid) = form_and_grid();
        let parsed = dossier::parse(Path::new("p.toml"), &text, form, Lang::Fr.messages());
        let parsed = match parsed {
            Ok(d) => d,
            Err(e) => panic!("generated dossier did not parse: {e}\n{text}"),
        };
        let report = assess_dossier("p.toml", &text, &parsed, form, grid);
        prop_assert_eq!(report.actions.len(), 1);
        for action in &report.actions {
            prop_assert!(action.overall <= 3);
            prop_assert!(action.score <= 100);
            prop_assert_eq!(action.criteria.len(), 4);
            for c in &action.criteria {
                prop_assert!(c.level <= 3, "{} level {}", c.id, c.level);
                prop_assert!(c.score <= 100);
                // The score lies in its level's band.
                prop_assert!(u32::from(c.score) / 25 == u32::from(c.level).min(3) || c.score == 100);
            }
        }
        // The same dossier gives the same report, byte for byte.
        let again = assess_dossier("p.toml", &text, &parsed, form, grid);
        prop_assert_eq!(format!("{report:?}"), format!("{again:?}"));
    }

    #[test]
    fn any_bytes_are_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let (form, _) = form_and_grid();
        if let Ok(text) = String::from_utf8(bytes) {
            let _ = dossier::parse(Path::new("p.toml"), &text, form, Lang::Fr.messages());
        }
    }
}
