//! Agreement of the scorer with careful human ratings.
//!
//! `tests/fixtures/calibration/set-*/` hold dossiers written and rated by
//! hand with `shared/scoring-rubric.md` (`ratings.toml`, one entry per
//! action), each set by a different writer who never saw the grid. The grid
//! was tuned on sets A and B; sets C and D were measured on first contact
//! (the honest estimate, kept in the README) and then used for tuning too;
//! sets E and F were measured on first contact, then used for tuning too;
//! set G was measured on first contact (one wrong denial it revealed was
//! then fixed); set H was measured with the first session's final grid and
//! never tuned on. Sets I and J (second session) were measured on first
//! contact, then used for tuning; set K was measured on first contact with
//! the grid tuned on them, then used for tuning; sets L and M were measured
//! on first contact; L was never tuned on, M only for promises of
//! participation ("seront associés"); set N was measured last, with the grid
//! as it is, and never tuned on. Sets O to S (third session) were measured
//! on first contact; set T (fourth session) was measured on first contact
//! with the grid of commit "Need: national figures are the issue"; set U
//! (fifth session) on first contact with the grid of commit "jsonl: render
//! each line in the worker that scored it", and set V (fifth session, a
//! second writer) with the grid of commit "README: set T and U on first
//! contact", the session's last; set W (sixth session) on first contact
//! with the grid of commit "Practices: history and 'relais petite enfance'
//! are not beneficiaries acting"; set X (seventh session) on first contact
//! with the grid of commit "Need and practices: two components shown in
//! full make level 3"; set Y (seventh session, a second writer) on first
//! contact with the grid of commit "Score: the 19 of "Covid-19" is a
//! label, not a figure". Future
//! tuning should keep a fresh set aside for its first-contact measure.
//! The test prints the agreement and fails below the bars at the bottom.
//!
//! `ANNEXE_CALIBRATION_VERBOSE=1 cargo test --test calibration -- --nocapture`
//! also lists every disagreement.

use std::path::{Path, PathBuf};

use annexe::criteria::Grid;
use annexe::dossier;
use annexe::form::Form;
use annexe::i18n::Lang;
use annexe::score::assess_dossier;
use serde::Deserialize;

const CRITERIA: [&str; 4] = ["unmet_need", "novel_partnership", "collaborative_practice", "global_stake"];

#[derive(Deserialize)]
struct Ratings {
    rating: Vec<Rating>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Rating {
    file: String,
    rank: u32,
    unmet_need: u8,
    novel_partnership: u8,
    collaborative_practice: u8,
    global_stake: u8,
    overall: u8,
    why: String,
}

impl Rating {
    fn levels(&self) -> [u8; 5] {
        [self.unmet_need, self.novel_partnership, self.collaborative_practice, self.global_stake, self.overall]
    }
}

/// Human and scorer levels for every rated action: [4 criteria + overall].
fn pairs(set: &Path) -> Vec<(String, [u8; 5], [u8; 5])> {
    let form = Form::embedded().unwrap();
    let grid = Grid::load(None, &form).unwrap();
    let ratings: Ratings = toml::from_str(&std::fs::read_to_string(set.join("ratings.toml")).unwrap()).unwrap();
    let mut out = Vec::new();
    for rating in &ratings.rating {
        let path = set.join(&rating.file);
        let source = std::fs::read_to_string(&path).unwrap();
        let parsed = dossier::parse(&path, &source, &form, Lang::En.messages()).unwrap_or_else(|e| panic!("{e}"));
        assert!(parsed.warnings.is_empty(), "{}: {:?}", rating.file, parsed.warnings);
        let assessment = assess_dossier(&rating.file, &source, &parsed, &form, &grid);
        let action = assessment
            .actions
            .iter()
            .find(|a| a.rank == rating.rank)
            .unwrap_or_else(|| panic!("{}: no action of rank {}", rating.file, rating.rank));
        let mut scored = [0; 5];
        for (i, id) in CRITERIA.iter().enumerate() {
            scored[i] = action.criterion(id).unwrap().level;
        }
        scored[4] = action.overall;
        out.push((format!("{}#{}", rating.file, rating.rank), rating.levels(), scored));
    }
    out
}

/// Ranks with ties averaged, for Spearman's rho.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            ranks[order[k]] = rank;
        }
        i = j + 1;
    }
    ranks
}

fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 {
        return 0.0;
    }
    cov / (va.sqrt() * vb.sqrt())
}

struct Agreement {
    rho: f64,
    exact: f64,
    within_one: f64,
}

fn agreement(rows: &[(String, [u8; 5], [u8; 5])], column: usize) -> Agreement {
    let human: Vec<f64> = rows.iter().map(|r| f64::from(r.1[column])).collect();
    let scored: Vec<f64> = rows.iter().map(|r| f64::from(r.2[column])).collect();
    let n = rows.len() as f64;
    let exact = rows.iter().filter(|r| r.1[column] == r.2[column]).count() as f64 / n;
    let within = rows.iter().filter(|r| r.1[column].abs_diff(r.2[column]) <= 1).count() as f64 / n;
    Agreement { rho: spearman(&human, &scored), exact, within_one: within }
}

fn report(name: &str, rows: &[(String, [u8; 5], [u8; 5])]) -> Vec<Agreement> {
    println!("\n{name}: {} actions", rows.len());
    println!("{:<24} {:>8} {:>8} {:>10}", "criterion", "spearman", "exact", "within 1");
    let mut all = Vec::new();
    for (i, id) in CRITERIA.iter().chain(["overall"].iter()).enumerate() {
        let a = agreement(rows, i);
        println!("{id:<24} {:>8.3} {:>7.0}% {:>9.0}%", a.rho, a.exact * 100.0, a.within_one * 100.0);
        all.push(a);
    }
    if std::env::var_os("ANNEXE_CALIBRATION_VERBOSE").is_some() {
        for (name, human, scored) in rows {
            if human != scored {
                println!("  {name:<52} human {human:?} scorer {scored:?}");
            }
        }
    }
    all
}

fn set(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calibration").join(name)
}

/// Every calibration set, in the order they were written.
const SETS: [&str; 25] = [
    "set-a", "set-b", "set-c", "set-d", "set-e", "set-f", "set-g", "set-h", "set-i", "set-j", "set-k", "set-l",
    "set-m", "set-n", "set-o", "set-p", "set-q", "set-r", "set-s", "set-t", "set-u", "set-v", "set-w", "set-x",
    "set-y",
];

#[test]
fn the_scorer_agrees_with_human_reviewers() {
    let mut all_sets = Vec::new();
    for name in SETS {
        let pairs = pairs(&set(name));
        report(name, &pairs);
        all_sets.extend(pairs);
    }
    let all = report("all sets", &all_sets);
    assert!(all_sets.len() >= 702, "the calibration set shrank: {} actions", all_sets.len());
    for (id, agreement) in CRITERIA.iter().chain(["overall"].iter()).zip(&all) {
        assert!(agreement.rho >= MIN_SPEARMAN, "{id}: Spearman {:.3} < {MIN_SPEARMAN}", agreement.rho);
        assert!(agreement.exact >= MIN_EXACT, "{id}: exact agreement {:.2} < {MIN_EXACT}", agreement.exact);
        assert!(
            agreement.within_one >= MIN_WITHIN_ONE,
            "{id}: within one {:.2} < {MIN_WITHIN_ONE}",
            agreement.within_one
        );
    }
}

// The bars, a little under the agreement measured on all twenty-five sets
// (702 actions, seventh session; see the README's "How well the scorer
// agrees with reviewers"): the weakest criterion measures Spearman .830
// (the need), exact 72 % (the practices), within one 98 %. A change to the
// grid that lowers agreement below them fails here.
const MIN_SPEARMAN: f64 = 0.80;
const MIN_EXACT: f64 = 0.70;
const MIN_WITHIN_ONE: f64 = 0.96;

/// `ANNEXE_CALIBRATION_EXPLAIN=a24 cargo test --test calibration explain -- --nocapture`
/// prints how the scorer read the matching calibration files.
#[test]
fn explain() {
    let Some(filter) = std::env::var_os("ANNEXE_CALIBRATION_EXPLAIN") else { return };
    let filter = filter.to_string_lossy().into_owned();
    let form = Form::embedded().unwrap();
    let grid = Grid::load(None, &form).unwrap();
    for name in SETS {
        let mut files: Vec<_> = std::fs::read_dir(set(name)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            if !file.contains(&filter) || file == "ratings.toml" {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let parsed = dossier::parse(&path, &source, &form, Lang::En.messages()).unwrap();
            let assessment = assess_dossier(&file, &source, &parsed, &form, &grid);
            for action in &assessment.actions {
                println!("\n== {file}#{} overall {}", action.rank, action.overall);
                for c in &action.criteria {
                    let strengths: Vec<String> = c
                        .components
                        .iter()
                        .map(|k| format!("{}={}{}", k.id, k.strength, if k.denied { "!" } else { "" }))
                        .collect();
                    println!("  {} level {} [{}]", c.id, c.level, strengths.join(" "));
                    for e in &c.evidence {
                        println!(
                            "    {}{} ({}): {}",
                            if e.negated { "NOT " } else { "" },
                            e.component,
                            e.question,
                            e.quote
                        );
                    }
                }
            }
        }
    }
}
