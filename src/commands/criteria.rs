//! `annexe criteria`: the scoring grid in use, as a person reads it
//! ("how is my dossier judged?"): each criterion, what a reviewer looks for,
//! its components with where they are read and a few of their clue words,
//! and the rules that turn them into levels.

use std::fmt::Write as _;
use std::path::Path;

use crate::cli::CriteriaArgs;
use crate::criteria::{Component, Criterion, Grid, SignalKind};
use crate::exit::Outcome;
use crate::form::Form;
use crate::i18n::{fill, GridMessages, Lang};

pub fn run(args: &CriteriaArgs, lang: Option<Lang>, criteria: Option<&Path>) -> anyhow::Result<Outcome> {
    let lang = Lang::resolve(lang);
    let form = Form::load(criteria)?;
    let grid = Grid::load(criteria, &form)?;
    let text = render(&grid, lang, args.words);
    use std::io::Write;
    std::io::stdout().write_all(text.as_bytes())?;
    Ok(Outcome::Success)
}

/// The grid as text, in `lang`, with at most `words` clue words per component.
pub fn render(grid: &Grid, lang: Lang, words: usize) -> String {
    let m = &lang.messages().grid;
    let mut out = String::new();
    let source = if grid.source == "built-in" { m.built_in.to_owned() } else { grid.source.clone() };
    let _ = writeln!(out, "{}", fill(m.title, &[("source", &source)]));
    let levels: Vec<String> = (0..4).map(|l| format!("{l} {}", grid.level_name(l, lang))).collect();
    let _ = writeln!(out, "{}\n", fill(m.levels, &[("levels", &levels.join(" · "))]));
    for (i, criterion) in grid.criteria.iter().enumerate() {
        render_criterion(&mut out, i + 1, criterion, grid, lang, words, m);
    }
    let rule = &grid.file.overall;
    let mut overall = fill(m.overall, &[("bias", &rule.bias), ("above", &rule.max_above_weakest)]);
    if let Some(bias) = rule.bias_all_described {
        overall += &fill(m.overall_all_described, &[("bias", &bias)]);
    }
    if rule.bias_one_demonstrated != 0.0 {
        overall += &fill(m.overall_one_demonstrated, &[("bias", &rule.bias_one_demonstrated)]);
    }
    let _ = writeln!(out, "{overall}");
    out
}

fn render_criterion(
    out: &mut String,
    number: usize,
    criterion: &Criterion,
    grid: &Grid,
    lang: Lang,
    words: usize,
    m: &GridMessages,
) {
    let _ = writeln!(out, "{number}. {} ({}) — {} {}", criterion.name(lang), criterion.id, m.weight, criterion.weight);
    let _ = writeln!(out, "   {}", criterion.looks_for(lang));
    let _ = writeln!(out, "   {} {}", m.questions, question_list(&criterion.questions));
    let _ = writeln!(out, "   {}", m.components);
    for component in &criterion.components {
        render_component(out, component, lang, words, m);
    }
    let rule = &criterion.levels;
    let label = |id: &String| {
        criterion.components.iter().find(|c| &c.id == id).map_or(id.clone(), |c| c.label(lang).to_owned())
    };
    let labels = |ids: &[String]| ids.iter().map(label).collect::<Vec<_>>().join(", ");
    let mut described = fill(m.rule_described, &[("n", &rule.described)]);
    if !rule.described_requires.is_empty() {
        described += &fill(m.rule_requires, &[("components", &labels(&rule.described_requires))]);
    }
    if !rule.described_requires_one_of.is_empty() {
        described += &fill(m.rule_one_of, &[("components", &labels(&rule.described_requires_one_of))]);
    }
    if let Some(n) = rule.described_without_requires {
        described += &fill(m.rule_or_without, &[("n", &n)]);
    }
    let mut demonstrated =
        fill(m.rule_demonstrated, &[("n", &rule.demonstrated), ("strong", &rule.demonstrated_strong)]);
    if let Some(n) = rule.demonstrated_by_strong {
        demonstrated += &fill(m.rule_or_strong, &[("n", &n)]);
    }
    if !rule.demonstrated_requires.is_empty() {
        demonstrated += &fill(m.rule_requires, &[("components", &labels(&rule.demonstrated_requires))]);
    }
    if !rule.demonstrated_requires_strong.is_empty() {
        demonstrated += &fill(m.rule_requires_strong, &[("components", &labels(&rule.demonstrated_requires_strong))]);
    }
    let _ = writeln!(out, "   {}", m.level_rules);
    let _ = writeln!(out, "     {} : {described}", grid.level_name(2, lang));
    let _ = writeln!(out, "     {} : {demonstrated}", grid.level_name(3, lang));
    if !rule.denied_by.is_empty() {
        let mut denied = fill(
            m.rule_denied,
            &[("components", &labels(&rule.denied_by)), ("cap", &grid.level_name(rule.denied_cap, lang))],
        );
        if rule.denied_absent_below > 0 {
            denied +=
                &fill(m.rule_denied_absent, &[("n", &rule.denied_absent_below), ("absent", &grid.level_name(0, lang))]);
        }
        let _ = writeln!(out, "     {denied}");
    }
    out.push('\n');
}

fn render_component(out: &mut String, component: &Component, lang: Lang, words: usize, m: &GridMessages) {
    let _ = writeln!(out, "     - {} ({})", component.label(lang), component.id);
    let read_under =
        if component.questions.is_empty() { m.whole_action.to_owned() } else { question_list(&component.questions) };
    let _ = writeln!(out, "       {} {read_under}", m.read_under);
    if !component.answers.is_empty() {
        let _ = writeln!(out, "       {} {}", m.own_answers, question_list(&component.answers));
    }
    let lists = [(Some(&component.markers), m.clues), (component.concrete.as_ref(), m.concrete_clues)];
    for (list, title) in lists {
        let clues = list.map_or(&[][..], |w| w.get(lang));
        if !clues.is_empty() && words > 0 {
            let shown: Vec<&str> = clues.iter().take(words).map(String::as_str).collect();
            let more = clues.len().saturating_sub(words);
            let tail = if more > 0 { fill(m.more_words, &[("n", &more)]) } else { String::new() };
            let _ = writeln!(out, "       {title} {}{tail}", shown.join(", "));
        }
    }
    if !component.signals.is_empty() {
        let kinds: Vec<&str> = component.signals.iter().map(|k| signal_name(*k, m)).collect();
        let _ = writeln!(out, "       {} {}", m.substance, kinds.join(", "));
    }
    if !component.demonstrated_needs.is_empty() {
        let kinds: Vec<&str> = component.demonstrated_needs.iter().map(|k| signal_name(*k, m)).collect();
        let _ = writeln!(out, "       {} {}", m.demonstrated_needs, kinds.join(", "));
    }
    if component.local {
        let _ = writeln!(out, "       {}", m.local_only);
    }
    if let Some(id) = &component.yes_no {
        let _ = writeln!(out, "       {}", fill(m.yes_no, &[("question", id)]));
    }
    if component.partners.is_some() {
        let _ = writeln!(out, "       {}", m.partner_list);
    }
}

fn signal_name(kind: SignalKind, m: &GridMessages) -> &'static str {
    match kind {
        SignalKind::Figure => m.signal_figure,
        SignalKind::Date => m.signal_date,
        SignalKind::Named => m.signal_named,
        SignalKind::Mechanism => m.signal_mechanism,
        SignalKind::Place => m.signal_place,
        SignalKind::Actor => m.signal_actor,
    }
}

/// Question ids as the dossier writes them ("need.diagnosis"); the grid was
/// checked against the form when it was loaded.
fn question_list(ids: &[String]) -> String {
    ids.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_reads_as_four_criteria_with_their_rules() {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        let text = render(&grid, Lang::Fr, 5);
        for name in ["Besoin mal ou peu satisfait", "Partenariat inédit", "Enjeu global", "démontré"] {
            assert!(text.contains(name), "{name} missing:\n{text}");
        }
        let en = render(&grid, Lang::En, 0);
        assert!(en.contains("Unmet need") && !en.contains("Clue words"), "{en}");
    }
}
