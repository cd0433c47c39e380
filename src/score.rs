//! The scorer: a pure function of (dossier, form, grid) to assessments.
//!
//! It reads an action as a reviewer does. Every answer is split into
//! sentences; the grid's markers say which sentences speak of which component
//! of which criterion; the concreteness signals around a marker (figures,
//! dates, names, acronyms, places, kinds of actors, mechanisms) say whether
//! the text only asserts (1), describes (2) or demonstrates (3) it. The
//! partner list and the yes/no answers feed the components the grid ties them
//! to. Negated markers count against their criterion. Levels follow from how
//! many components reach which strength, as each criterion's file says.

use std::ops::Range;

use crate::assessment::{
    ActionAssessment, Completeness, ComponentAssessment, CriterionAssessment, DossierAssessment, Evidence, FileWarning,
    QuestionRef,
};
use crate::criteria::{Component, Criterion, Grid, Lexicon, PartnerFeature, SignalKind, ALL_SIGNALS};
use crate::dossier::{Action, Dossier, Partner, Value};
use crate::form::{Form, Kind, Scope};
use crate::i18n::{fill, Lang};
use crate::lexicon::Hit;
use crate::location::{LineIndex, Position};
use crate::text::{self, Analysed};

/// Kinds of concreteness signal, counted per sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Signals {
    words: usize,
    figure: u16,
    /// Signals of a sentence at national or world scale (figures and
    /// names) or about the organisation's past (all four): not about the
    /// action's own ground.
    broad_figure: u16,
    broad_named: u16,
    broad_place: u16,
    broad_actor: u16,
    /// The sentence tells the organisation's past: local components do not
    /// read it (per sentence; `add` leaves it out).
    background: bool,
    date: u16,
    named: u16,
    mechanism: u16,
    place: u16,
    actor: u16,
}

impl Signals {
    fn add(&mut self, other: &Signals) {
        self.figure += other.figure;
        self.broad_figure += other.broad_figure;
        self.broad_named += other.broad_named;
        self.broad_place += other.broad_place;
        self.broad_actor += other.broad_actor;
        self.date += other.date;
        self.named += other.named;
        self.mechanism += other.mechanism;
        self.place += other.place;
        self.actor += other.actor;
    }

    fn count(&self, kind: SignalKind) -> usize {
        usize::from(match kind {
            SignalKind::Figure => self.figure + self.broad_figure,
            SignalKind::Date => self.date,
            SignalKind::Named => self.named + self.broad_named,
            SignalKind::Mechanism => self.mechanism,
            SignalKind::Place => self.place + self.broad_place,
            SignalKind::Actor => self.actor + self.broad_actor,
        })
    }

    /// The signals about the action's own ground only.
    fn local(mut self) -> Signals {
        self.broad_figure = 0;
        self.broad_named = 0;
        self.broad_place = 0;
        self.broad_actor = 0;
        self
    }

    /// Points and distinct kinds among the kinds that count.
    fn weigh(&self, kinds: &[SignalKind], cap: usize) -> (usize, usize) {
        kinds.iter().map(|&k| self.count(k).min(cap)).fold((0, 0), |(p, n), c| (p + c, n + usize::from(c > 0)))
    }
}

/// One answered text question, analysed.
struct Answer<'a> {
    slot: usize,
    question: &'a str,
    text: &'a str,
    span_start: usize,
    analysed: Analysed,
    /// The hits of criteria's own lexicons, criterion by criterion (text
    /// order within each): `hits_of` gives one criterion's.
    criterion_hits: Vec<Hit>,
    criterion_starts: Vec<usize>,
    /// Signals per sentence.
    signals: Vec<Signals>,
    /// Token indices of negation cues that are not part of a marker phrase.
    cues: Vec<usize>,
    /// The answer opens with a "no" ("Non.", "Pas encore", "No partner").
    says_no: bool,
}

impl Answer<'_> {
    fn hits_of(&self, criterion: usize) -> &[Hit] {
        match (self.criterion_starts.get(criterion), self.criterion_starts.get(criterion + 1)) {
            (Some(&from), Some(&to)) => &self.criterion_hits[from..to],
            _ => &[],
        }
    }
}

/// A sentence that speaks of a component: through one of its clue words
/// (`clue`, the word's first token), or by being in its own answer.
struct Mention {
    component: usize,
    clue: Option<usize>,
    sentence: usize,
    negated: bool,
    /// Found through a concrete marker, itself a mechanism.
    concrete: bool,
}

/// The best passage found for a component.
#[derive(Clone)]
struct Found {
    strength: u8,
    signals: usize,
    answer: usize,
    sentence: usize,
    /// Found through one of the component's clue words, not only by being
    /// a sentence of its own answer.
    by_clue: bool,
}

#[derive(Clone, Default)]
struct ComponentState {
    strength: u8,
    best: Option<Found>,
    negated: Option<Found>,
    /// The yes/no answer says no, or the partner list is empty where asked.
    denied_by_answer: bool,
    /// Words against the component were found ("comme chaque année").
    against: bool,
}

/// Scores every action of a dossier. `source` is the file's text, used only
/// to turn byte offsets into line:column positions.
pub fn assess_dossier(path: &str, source: &str, dossier: &Dossier, form: &Form, grid: &Grid) -> DossierAssessment {
    let lines = LineIndex::new(source);
    let locate = |offset: usize| lines.position(offset);
    let applicant = dossier.applicant_text(form, "applicant.name");
    let actions = dossier
        .actions_by_rank(form)
        .into_iter()
        .map(|a| assess_action(a, applicant, dossier.lang, form, grid, &locate))
        .collect();
    DossierAssessment {
        path: path.to_owned(),
        applicant: dossier.applicant_text(form, "applicant.name").to_owned(),
        territory: dossier.applicant_text(form, "applicant.territory").to_owned(),
        lang: dossier.lang,
        actions,
        warnings: dossier
            .warnings
            .iter()
            .map(|w| FileWarning { at: locate(w.span.start), message: w.message.clone(), help: w.help.clone() })
            .collect(),
    }
}

/// Scores one action. `applicant` is the applicant's name: the applicant and
/// the action's own title are not evidence of anything.
pub fn assess_action(
    action: &Action,
    applicant: &str,
    lang: Lang,
    form: &Form,
    grid: &Grid,
    locate: &dyn Fn(usize) -> Position,
) -> ActionAssessment {
    let own_names = own_names(applicant, action.title(form));
    let answers = analyse_answers(action, &own_names, lang, form, grid);
    let named = named_partners(action.partners(form), lang, grid);
    let criteria: Vec<CriterionAssessment> = grid
        .criteria
        .iter()
        .enumerate()
        .map(|(ci, criterion)| assess_criterion(ci, criterion, action, &answers, &named, lang, form, grid, locate))
        .collect();
    let overall = overall_level(&criteria, grid);
    let total_weight: f64 = grid.criteria.iter().map(|c| c.weight).sum();
    let weighted: f64 = criteria.iter().zip(&grid.criteria).map(|(a, c)| f64::from(a.score) * c.weight).sum();
    let score = if total_weight > 0.0 { (weighted / total_weight).round().clamp(0.0, 100.0) as u8 } else { 0 };
    ActionAssessment {
        index: action.index,
        rank: action.effective_rank(form),
        title: action.title(form).to_owned(),
        at: locate(action.span.start),
        overall,
        score,
        criteria,
        completeness: completeness(action, &answers, form, grid, locate),
    }
}

/// Folded words of the applicant's name and the action's title, which the
/// text repeats without it being evidence ("le Parcours Tremplin").
fn own_names(applicant: &str, title: &str) -> Vec<String> {
    let mut words: Vec<String> = [applicant, title]
        .iter()
        .flat_map(|t| {
            let a = text::analyse(t);
            (0..a.tokens.len()).map(move |i| a.folded_word(i).to_owned()).collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 3)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn analyse_answers<'a>(
    action: &'a Action,
    own_names: &[String],
    lang: Lang,
    form: &'a Form,
    grid: &Grid,
) -> Vec<Answer<'a>> {
    let matcher = grid.matcher(lang);
    let mut answers = Vec::new();
    for question in form.questions(Scope::Action) {
        if !matches!(question.kind, Kind::Text | Kind::Line) {
            continue;
        }
        let Some(answer) = action.answer(question) else { continue };
        let Value::Text(text) = &answer.value else { continue };
        if text.trim().is_empty() {
            continue;
        }
        let analysed = text::analyse(text);
        let mut hits = Vec::new();
        matcher.find(&analysed, &mut hits);
        // A note to self ("TODO : demander la liste à Claire") is not evidence:
        // nothing in its sentence counts, nor in the rest of its line ("TODO
        // les partenaires (le collège ? la radio ?) — appeler avant"), nor in
        // a line that opens with a bracket ("[mettre le matériel, voir devis]").
        let mut unfinished: Vec<usize> = hits
            .iter()
            .filter(|h| grid.lexicons[h.lexicon] == Lexicon::Placeholder)
            .map(|h| analysed.tokens[h.token].sentence)
            .collect();
        for (si, sentence) in analysed.sentences.iter().enumerate() {
            let bracketed = text[sentence.clone()].trim_start().starts_with('[');
            let note_goes_on = si > 0
                && unfinished.contains(&(si - 1))
                && !text[analysed.sentences[si - 1].start..sentence.start].trim_start().contains('\n');
            if (bracketed || note_goes_on) && !unfinished.contains(&si) {
                unfinished.push(si);
            }
        }
        if !unfinished.is_empty() {
            hits.retain(|h| !unfinished.contains(&analysed.tokens[h.token].sentence));
        }
        let mut signals = vec![Signals::default(); analysed.sentences.len()];
        let generic: Vec<usize> =
            hits.iter().filter(|h| grid.lexicons[h.lexicon] == Lexicon::GenericName).map(|h| h.token).collect();
        let labels: Vec<usize> =
            hits.iter().filter(|h| grid.lexicons[h.lexicon] == Lexicon::NumberLabel).map(|h| h.token).collect();
        // The same number said again is not another figure ("alert(1)… (1)").
        let mut numbers_seen: Vec<(usize, &str)> = Vec::new();
        // Numbers that only label a generic name or a step ("ODD 2, 3, 10
        // et 13", "SDG 1 and 10", "phase 3") are not figures about the
        // action. A label starts one space after its word ("depuis le Covid,
        // 40 %" keeps its figure) and runs through the numbers that follow,
        // joined by "et"/"and", to the end of the sentence at most.
        let mut label_word: Option<usize> = None;
        let mut in_label = false;
        for (i, token) in analysed.tokens.iter().enumerate() {
            if unfinished.contains(&token.sentence) {
                continue;
            }
            if i > 0 && analysed.tokens[i - 1].sentence != token.sentence {
                (label_word, in_label) = (None, false);
            }
            let s = &mut signals[token.sentence];
            s.words += 1;
            let shape = token.shape;
            if generic.contains(&i) || labels.contains(&i) {
                (label_word, in_label) = (Some(i), false);
                continue;
            }
            // "ODD 10", and "Covid-19" too.
            let starts_label = label_word.is_some_and(|w| {
                w + 1 == i && matches!(text[analysed.tokens[w].span.end..token.span.start].trim(), "" | "-")
            });
            if shape.number && (in_label || starts_label) {
                (label_word, in_label) = (None, true);
                continue;
            }
            if in_label && matches!(analysed.folded_word(i), "et" | "and") {
                continue;
            }
            (label_word, in_label) = (None, false);
            if shape.year {
                s.date += 1;
            } else if shape.number {
                let number = (token.sentence, &text[token.span.clone()]);
                if !numbers_seen.contains(&number) {
                    numbers_seen.push(number);
                    s.figure += 1;
                }
            } else if (shape.acronym || shape.capitalized)
                && own_names.binary_search_by(|w| w.as_str().cmp(analysed.folded_word(i))).is_err()
            {
                s.named += 1;
            }
        }
        // Tokens inside multi-word markers ("ne se connaissaient pas") are
        // part of what the marker says, not negations of something else.
        let mut in_phrase = vec![false; analysed.tokens.len()];
        let mut national = vec![false; analysed.sentences.len()];
        let mut background = vec![false; analysed.sentences.len()];
        for hit in &hits {
            let sentence = analysed.tokens[hit.token].sentence;
            match grid.lexicons[hit.lexicon] {
                Lexicon::Mechanism => signals[sentence].mechanism += 1,
                Lexicon::Place => signals[sentence].place += 1,
                Lexicon::Figure => signals[sentence].figure += 1,
                Lexicon::Actor => signals[sentence].actor += 1,
                Lexicon::VagueFigure => {
                    let s = &mut signals[sentence];
                    s.figure = s.figure.saturating_sub(1);
                }
                Lexicon::Marker(..) | Lexicon::ConcreteMarker(..) if hit.words > 1 => {
                    for t in hit.token..(hit.token + hit.words).min(in_phrase.len()) {
                        in_phrase[t] = true;
                    }
                }
                Lexicon::National => national[sentence] = true,
                Lexicon::Background => background[sentence] = true,
                Lexicon::Negation
                | Lexicon::Opener
                | Lexicon::GenericName
                | Lexicon::Placeholder
                | Lexicon::NumberLabel
                | Lexicon::Marker(..)
                | Lexicon::ConcreteMarker(..)
                | Lexicon::Context(..)
                | Lexicon::Against(..)
                | Lexicon::NotMarker(..)
                | Lexicon::Promise(..)
                | Lexicon::PeerLed(..)
                | Lexicon::PeerContext(..) => {}
            }
        }
        for (s, _) in signals.iter_mut().zip(&national).filter(|(_, &n)| n) {
            s.broad_figure = std::mem::take(&mut s.figure);
            s.broad_named = std::mem::take(&mut s.named);
        }
        for (s, _) in signals.iter_mut().zip(&background).filter(|(_, &b)| b) {
            s.background = true;
            s.broad_figure += std::mem::take(&mut s.figure);
            s.broad_named += std::mem::take(&mut s.named);
            s.broad_place = std::mem::take(&mut s.place);
            s.broad_actor = std::mem::take(&mut s.actor);
        }
        // "non-recours", "sans-abri", "non-violence": one noun, not a negation.
        let compound = |token: usize| {
            let rest = &text[analysed.tokens[token].span.end..];
            rest.strip_prefix('-').and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic)
        };
        let cues = hits
            .iter()
            .filter(|h| grid.lexicons[h.lexicon] == Lexicon::Negation && !in_phrase[h.token] && !compound(h.token))
            .map(|h| h.token)
            .collect();
        let says_no =
            hits.iter().any(|h| h.token == 0 && grid.lexicons[h.lexicon] == Lexicon::Opener && !compound(h.token));
        // Sorted out once here: each criterion then reads its few hits
        // instead of scanning them all, four times over.
        let mut criterion_starts = vec![0; grid.criteria.len() + 1];
        for h in &hits {
            if let Some(c) = grid.lexicons[h.lexicon].criterion() {
                criterion_starts[c + 1] += 1;
            }
        }
        for c in 1..criterion_starts.len() {
            criterion_starts[c] += criterion_starts[c - 1];
        }
        let mut criterion_hits = vec![Hit { lexicon: 0, token: 0, words: 0 }; criterion_starts[grid.criteria.len()]];
        let mut next = criterion_starts.clone();
        for h in &hits {
            if let Some(c) = grid.lexicons[h.lexicon].criterion() {
                criterion_hits[next[c]] = *h;
                next[c] += 1;
            }
        }
        answers.push(Answer {
            slot: question.slot,
            question: &question.id,
            text,
            span_start: answer.span.start,
            analysed,
            criterion_hits,
            criterion_starts,
            signals,
            cues,
            says_no,
        });
    }
    answers
}

#[allow(clippy::too_many_arguments)]
fn assess_criterion(
    ci: usize,
    criterion: &Criterion,
    action: &Action,
    answers: &[Answer<'_>],
    named_partners: &[&Partner],
    lang: Lang,
    form: &Form,
    grid: &Grid,
    locate: &dyn Fn(usize) -> Position,
) -> CriterionAssessment {
    let rule = &grid.file.evidence;
    let demonstrated_signals = criterion.levels.demonstrated_signals.unwrap_or(rule.demonstrated_signals);
    let negation = &grid.file.negation;
    let mut states = vec![ComponentState::default(); criterion.components.len()];
    // Whether the action says its writers are the beneficiaries, per component.
    let peer_led: Vec<bool> = (0..criterion.components.len())
        .map(|ki| {
            answers.iter().any(|a| a.hits_of(ci).iter().any(|h| grid.lexicons[h.lexicon] == Lexicon::PeerLed(ci, ki)))
        })
        .collect();

    // Per answer: this criterion's context words (component, token) and
    // promises (component, sentence), gathered once rather than searched
    // for at every marker.
    let mut context_words: Vec<(usize, usize)> = Vec::new();
    let mut promises: Vec<(usize, usize)> = Vec::new();
    for (ai, answer) in answers.iter().enumerate() {
        let tokens = &answer.analysed.tokens;
        context_words.clear();
        promises.clear();
        for h in answer.hits_of(ci) {
            match grid.lexicons[h.lexicon] {
                Lexicon::Context(c, k) if c == ci => context_words.push((k, h.token)),
                Lexicon::PeerContext(c, k) if c == ci && peer_led[k] => context_words.push((k, h.token)),
                Lexicon::Promise(c, k) if c == ci => promises.push((k, tokens[h.token].sentence)),
                _ => {}
            }
        }
        let mut mentions: Vec<Mention> = Vec::new();
        let not_markers: Vec<(usize, std::ops::Range<usize>)> = answer
            .hits_of(ci)
            .iter()
            .filter_map(|h| match grid.lexicons[h.lexicon] {
                Lexicon::NotMarker(c, k) if c == ci => Some((k, h.token..h.token + h.words)),
                _ => None,
            })
            .collect();
        for hit in answer.hits_of(ci) {
            let (hc, ki, against, concrete) = match grid.lexicons[hit.lexicon] {
                Lexicon::Marker(hc, ki) => (hc, ki, false, false),
                Lexicon::ConcreteMarker(hc, ki) => (hc, ki, false, true),
                Lexicon::Against(hc, ki) => (hc, ki, true, false),
                _ => continue,
            };
            if hc != ci {
                continue;
            }
            let words = hit.token..hit.token + hit.words;
            if not_markers.iter().any(|(k, r)| *k == ki && r.start < words.end && words.start < r.end) {
                continue;
            }
            let component = &criterion.components[ki];
            let compiled = &grid.compiled[ci][ki];
            let own = compiled.answer_slots.contains(&answer.slot);
            if !own && !compiled.slots.is_empty() && !compiled.slots.contains(&answer.slot) {
                continue;
            }
            let sentence = tokens[hit.token].sentence;
            if component.local && !against && answer.signals[sentence].background {
                continue;
            }
            let last = hit.token + hit.words - 1;
            if component.context.is_some() && !against {
                // "Femmes Relais 93" is an association, not women relaying.
                if answer.analysed.in_name(hit.token) {
                    continue;
                }
                let window = component.context_window.unwrap_or(usize::MAX);
                let doer_follows =
                    component.context_follows.iter().any(|w| w.as_str() == answer.analysed.folded_word(last));
                let in_context = context_words.iter().any(|&(k, token)| {
                    k == ki
                        && !answer.analysed.in_name(token)
                        && tokens[token].sentence == sentence
                        && token.abs_diff(hit.token) <= window
                        && (!doer_follows || token > last)
                });
                if !in_context {
                    continue;
                }
            }
            let negated = against
                || component.negatable
                    && !component.denied_by_opener_only
                    && answer.cues.iter().any(|&cue| {
                        tokens[cue].sentence == sentence
                            && cue + negation.before >= hit.token
                            && cue <= last + negation.after
                            && !(hit.token..=last).contains(&cue)
                    });
            if against {
                states[ki].against = true;
            }
            mentions.push(Mention { component: ki, clue: Some(hit.token), sentence, negated, concrete });
        }
        // Every sentence of a component's own answers speaks of it, unless
        // the sentence says it is not the case.
        for (ki, compiled) in grid.compiled[ci].iter().enumerate() {
            if !compiled.answer_slots.contains(&answer.slot) {
                continue;
            }
            for (sentence, signals) in answer.signals.iter().enumerate() {
                if mentions.iter().any(|m| m.component == ki && m.sentence == sentence && m.negated) {
                    continue;
                }
                // Only a component that can be denied is denied by an opening
                // "Non."/"Aucune…": "Aucune structure n'accueille ces jeunes"
                // states a need.
                let said_no = answer.says_no && criterion.components[ki].negatable;
                // "Oui." under a question asserts nothing a reader can check.
                if !said_no
                    && (signals.words < rule.min_sentence_words || signals.background && criterion.components[ki].local)
                {
                    continue;
                }
                mentions.push(Mention { component: ki, clue: None, sentence, negated: said_no, concrete: false });
            }
        }
        // A sentence whose own words deny a component says nothing for it
        // elsewhere ("les jeunes ne participent pas à la conception, assurée
        // par l'équipe"). An answer opening with "Non." does not wipe what
        // its later sentences show: it only adds its denial.
        let denials: Vec<(usize, usize)> =
            mentions.iter().filter(|m| m.negated && m.clue.is_some()).map(|m| (m.component, m.sentence)).collect();
        mentions.retain(|m| m.negated || !denials.contains(&(m.component, m.sentence)));
        for Mention { component: ki, clue, sentence, negated, concrete } in mentions {
            let component = &criterion.components[ki];
            let mut context = Signals::default();
            let end = (sentence + rule.context_sentences + 1).min(answer.signals.len());
            for s in &answer.signals[sentence..end] {
                context.add(s);
            }
            if component.local {
                context = context.local();
            }
            // "Les résidents choisissent les menus": the verb is the mechanism.
            if concrete {
                context.mechanism += 1;
            }
            let kinds_counted = if component.signals.is_empty() { &ALL_SIGNALS[..] } else { &component.signals };
            let (total, kinds) = context.weigh(kinds_counted, rule.points_per_kind);
            let has_required = component.demonstrated_needs.iter().all(|&k| context.count(k) > 0);
            // Demonstrating needs the text to name the component itself, not
            // only to sit under its question.
            // "Les usagers seront pleinement associés…": a promise asserts.
            let promised = promises.contains(&(ki, sentence));
            let strength = if promised {
                1
            } else if total >= demonstrated_signals
                && kinds >= rule.demonstrated_kinds
                && has_required
                && clue.is_some()
            {
                3
            } else if total >= rule.described_signals {
                2
            } else {
                1
            };
            let found = Found { strength, signals: total, answer: ai, sentence, by_clue: clue.is_some() };
            let state = &mut states[ki];
            let slot = if negated { &mut state.negated } else { &mut state.best };
            let better = slot.as_ref().is_none_or(|b| (found.strength, found.signals) > (b.strength, b.signals));
            if better {
                *slot = Some(found);
            }
        }
    }

    let partners = action.partners(form);
    for (ki, component) in criterion.components.iter().enumerate() {
        let state = &mut states[ki];
        state.strength = state.best.as_ref().map_or(0, |b| b.strength);
        if let Some(feature) = component.partners {
            state.strength = state.strength.max(partner_strength(feature, named_partners));
            // Every partner listed as already working with the applicant.
            if feature == PartnerFeature::New && !partners.is_empty() && partners.iter().all(|p| p.new == Some(false)) {
                state.denied_by_answer = true;
            }
        }
        if let Some(slot) = grid.compiled[ci][ki].yes_no_slot {
            // A bare "yes" demonstrates nothing; a "no" says the component is not met.
            if let Some(Value::YesNo(false)) = action.answers.get(slot).and_then(Option::as_ref).map(|a| &a.value) {
                state.denied_by_answer = true;
            }
        }
    }

    for state in &mut states {
        // Words against cap the component, unless another sentence says
        // it, in its clue words, concretely ("la CAF nous connaît depuis
        // longtemps ; le CSE de l'usine n'avait jamais financé…"). Sentences
        // holding words against never give a positive mention (see
        // `Mention`), so `best` is always another sentence.
        let shown_elsewhere = state.best.as_ref().is_some_and(|b| b.strength >= 2 && b.by_clue);
        if state.against && !shown_elsewhere {
            state.strength = state.strength.min(1);
        }
    }
    let is_denied = |s: &ComponentState| (s.negated.is_some() || s.denied_by_answer) && s.strength < 2;
    let strengths: Vec<u8> = states.iter().map(|s| s.strength).collect();
    let described = strengths.iter().filter(|&&s| s >= 2).count();
    let strong = strengths.iter().filter(|&&s| s >= 3).count();
    let any_denied = states.iter().any(is_denied);
    let key_denied = criterion
        .components
        .iter()
        .zip(&states)
        .any(|(c, s)| criterion.levels.denied_by.contains(&c.id) && is_denied(s));
    let described_met = criterion
        .components
        .iter()
        .zip(&strengths)
        .all(|(c, &s)| !criterion.levels.described_requires.contains(&c.id) || s >= 2)
        && (criterion.levels.described_requires_one_of.is_empty()
            || criterion
                .components
                .iter()
                .zip(&strengths)
                .any(|(c, &s)| criterion.levels.described_requires_one_of.contains(&c.id) && s >= 2));
    let requires_met = described_met
        && criterion.components.iter().zip(&strengths).all(|(c, &s)| {
            (!criterion.levels.demonstrated_requires.contains(&c.id) || s >= 2)
                && (!criterion.levels.demonstrated_requires_strong.contains(&c.id) || s >= 3)
        });

    let mut level = if strengths.iter().all(|&s| s == 0) {
        0
    } else if (described >= criterion.levels.demonstrated && strong >= criterion.levels.demonstrated_strong
        || criterion.levels.demonstrated_by_strong.is_some_and(|n| strong >= n))
        && requires_met
    {
        3
    } else if described >= criterion.levels.described && described_met
        || criterion.levels.described_without_requires.is_some_and(|n| described >= n)
    {
        2
    } else {
        1
    };
    if any_denied && described == 0 {
        level = 0;
    }
    if key_denied {
        level =
            if described < criterion.levels.denied_absent_below { 0 } else { level.min(criterion.levels.denied_cap) };
    }
    let denied = any_denied && level <= criterion.levels.denied_cap;

    let sum: u32 = strengths.iter().map(|&s| u32::from(s)).sum();
    let max = 3 * strengths.len().max(1) as u32;
    let within = if denied && level == 0 { 0 } else { (24 * sum + max / 2) / max };
    let score = (u32::from(level) * 25 + within).min(100) as u8;

    let criterion_slots = &grid.criterion_slots[ci];
    let mut evidence = Vec::new();
    // One sentence can be the best passage for several components: quote it once.
    let mut quoted: Vec<(usize, usize, bool)> = Vec::new();
    for (ki, state) in states.iter().enumerate() {
        for (found, negated) in [(&state.best, false), (&state.negated, true)] {
            let Some(found) = found else { continue };
            if negated && !is_denied(state) {
                continue;
            }
            if quoted.contains(&(found.answer, found.sentence, negated)) {
                continue;
            }
            quoted.push((found.answer, found.sentence, negated));
            let answer = &answers[found.answer];
            let range = answer.analysed.sentences[found.sentence].clone();
            evidence.push(Evidence {
                component: criterion.components[ki].id.clone(),
                question: answer.question.to_owned(),
                quote: text::quote(&answer.text[range], rule.quote_chars),
                at: locate(answer.span_start),
                elsewhere: !criterion_slots.contains(&answer.slot),
                negated,
            });
        }
    }

    let suggestions = suggestions(criterion, &states, &strengths, level, &evidence, lang, form);
    let at = criterion_slots
        .iter()
        .find_map(|&slot| action.answers.get(slot).and_then(Option::as_ref).filter(|a| a.is_given()))
        .map_or_else(|| locate(action.span.start), |a| locate(a.span.start));

    CriterionAssessment {
        id: criterion.id.clone(),
        level,
        score,
        denied,
        components: criterion
            .components
            .iter()
            .zip(&states)
            .map(|(c, s)| ComponentAssessment { id: c.id.clone(), strength: s.strength, denied: is_denied(s) })
            .collect(),
        evidence,
        suggestions,
        at,
    }
}

/// The listed partners whose name names someone.
fn named_partners<'p>(partners: &'p [Partner], lang: Lang, grid: &Grid) -> Vec<&'p Partner> {
    let generic_heads = grid.file.signals.generic_partners.get(lang);
    let tools = grid.file.signals.tool_names.get(lang);
    let mut hits = Vec::new();
    partners
        .iter()
        .filter(|p| {
            let analysed = text::analyse(&p.name);
            hits.clear();
            grid.matcher(lang).find(&analysed, &mut hits);
            // "Bailleur social (à confirmer)" is a partner still to be found.
            let unfinished = hits.iter().any(|h| grid.lexicons[h.lexicon] == Lexicon::Placeholder);
            let tool = (0..analysed.tokens.len()).any(|i| tools.iter().any(|t| t == analysed.folded_word(i)));
            !unfinished && !tool && names_someone(&analysed, generic_heads)
        })
        .collect()
}

/// Whether a partner's name names someone: "Acteurs publics du territoire"
/// or "Local businesses" is a category, not a partner.
fn names_someone(analysed: &Analysed, generic_heads: &[String]) -> bool {
    let Some(first) = analysed.tokens.first() else { return false };
    let head = analysed.folded_word(0);
    let head_is_generic = generic_heads.iter().any(|g| g == head);
    let proper_after_head =
        analysed.tokens[1..].iter().any(|t| t.shape.capitalized || t.shape.acronym || t.shape.number);
    !head_is_generic || proper_after_head || first.shape.acronym
}

/// What the partner list shows for `feature`; `named` from `named_partners`.
fn partner_strength(feature: PartnerFeature, named: &[&Partner]) -> u8 {
    let count = |n: usize, for_2: usize, for_3: usize| -> u8 {
        if n >= for_3 {
            3
        } else if n >= for_2 {
            2
        } else if n > 0 {
            1
        } else {
            0
        }
    };
    match feature {
        PartnerFeature::Named => count(named.len(), 1, 3),
        PartnerFeature::Kinds => {
            let mut kinds: Vec<&str> = named.iter().filter_map(|p| p.kind.as_deref()).collect();
            kinds.sort_unstable();
            kinds.dedup();
            count(kinds.len(), 2, 3)
        }
        PartnerFeature::Roles => {
            let with_roles = named.iter().filter(|p| text::word_count(&p.role) >= 3).count();
            if with_roles >= 2 && with_roles == named.len() {
                3
            } else {
                count(with_roles, 1, usize::MAX)
            }
        }
        // Flags assert novelty; only the text can explain it.
        PartnerFeature::New => u8::from(named.iter().any(|p| p.new == Some(true))),
    }
}

fn suggestions(
    criterion: &Criterion,
    states: &[ComponentState],
    strengths: &[u8],
    level: u8,
    evidence: &[Evidence],
    lang: Lang,
    form: &Form,
) -> Vec<String> {
    let msgs = lang.messages();
    let mut out = Vec::new();
    if level < 3 {
        let required = |c: &Component| criterion.levels.demonstrated_requires.contains(&c.id);
        // The explicit link first, then the grid's order.
        let mut weak: Vec<(usize, &Component)> =
            criterion.components.iter().enumerate().filter(|(i, _)| strengths[*i] < 2).collect();
        weak.sort_by_key(|(_, c)| !required(c));
        if weak.is_empty() {
            // Everything is described; demonstrating needs more evidence.
            weak = criterion.components.iter().enumerate().filter(|(i, _)| strengths[*i] < 3).take(1).collect();
        }
        for (i, component) in weak.into_iter().take(3) {
            let mut text = component.suggestion(lang).to_owned();
            if states[i].negated.is_some() && strengths[i] < 2 {
                text = format!("{} {}", msgs.denial_note, text);
            }
            out.push(text);
        }
    }
    for e in evidence.iter().filter(|e| e.elsewhere && !e.negated) {
        let from = form.find(Scope::Action, &e.question).map_or(e.question.as_str(), |q| q.text(lang));
        let to = criterion.questions.first().and_then(|id| form.find(Scope::Action, id)).map_or("", |q| q.text(lang));
        let note = fill(msgs.evidence_elsewhere, &[("from", &from), ("to", &to)]);
        if !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

fn overall_level(criteria: &[CriterionAssessment], grid: &Grid) -> u8 {
    if criteria.is_empty() {
        return 0;
    }
    let rule = &grid.file.overall;
    let mean = criteria.iter().map(|c| f64::from(c.level)).sum::<f64>() / criteria.len() as f64;
    let weakest = criteria.iter().map(|c| c.level).min().unwrap_or(0);
    let mut bias = if weakest >= 2 { rule.bias_all_described.unwrap_or(rule.bias) } else { rule.bias };
    if criteria.iter().filter(|c| c.level >= 3).count() == 1 {
        bias += rule.bias_one_demonstrated;
    }
    let level = (mean + bias).floor().clamp(0.0, 3.0) as u8;
    level.min(weakest.saturating_add(rule.max_above_weakest))
}

fn completeness(
    action: &Action,
    answers: &[Answer<'_>],
    form: &Form,
    grid: &Grid,
    locate: &dyn Fn(usize) -> Position,
) -> Completeness {
    let mut out = Completeness::default();
    for question in form.questions(Scope::Action) {
        if question.kind == Kind::Rank || grid.file.completeness.optional.contains(&question.id) {
            continue;
        }
        out.expected += 1;
        let answer = action.answer(question).filter(|a| a.is_given());
        let at = |span: Option<&Range<usize>>| locate(span.map_or(action.span.start, |s| s.start));
        match answer {
            None => out.missing.push(QuestionRef { id: question.id.clone(), at: at(None) }),
            Some(a) => {
                out.answered += 1;
                // Text answers were analysed once; their words are counted there.
                let words = answers.iter().find(|x| x.slot == question.slot).map(|x| x.analysed.tokens.len());
                if words.is_some_and(|w| w < question.min_words) {
                    out.thin.push(QuestionRef { id: question.id.clone(), at: at(Some(&a.span)) });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn score(toml_text: &str) -> ActionAssessment {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        let dossier = crate::dossier::parse(Path::new("t.toml"), toml_text, &form, Lang::Fr.messages()).unwrap();
        let mut report = assess_dossier("t.toml", toml_text, &dossier, &form, &grid);
        report.actions.remove(0)
    }

    fn levels(a: &ActionAssessment) -> [u8; 4] {
        [a.criteria[0].level, a.criteria[1].level, a.criteria[2].level, a.criteria[3].level]
    }

    #[test]
    fn an_empty_action_is_absent_everywhere_and_incomplete() {
        let a = score("format = \"annexe-b/1\"\n[[actions]]\ntitle = \"Rien\"\n");
        assert_eq!(levels(&a), [0, 0, 0, 0]);
        assert_eq!(a.overall, 0);
        assert!(a.completeness.missing.iter().any(|q| q.id == "need.diagnosis"));
    }

    #[test]
    fn a_named_partner_denial_counts_against_the_partnership() {
        let a = score(
            "format = \"annexe-b/1\"\n[[actions]]\n[actions.partnership]\nnovel = true\ndetails = \"Nous n'avons pas encore de partenaires.\"\n",
        );
        assert_eq!(a.criteria[1].level, 0);
        assert!(a.criteria[1].denied);
        assert!(a.criteria[1].evidence.iter().any(|e| e.negated));
    }

    /// Scores one action holding only `answers`: (question id, text), the
    /// answers of one section next to each other.
    fn answering(answers: &[(&str, &str)]) -> ActionAssessment {
        let mut toml_text = String::from("format = \"annexe-b/1\"\n[[actions]]\n");
        let mut section = "";
        for (id, text) in answers {
            let (table, key) = id.split_once('.').unwrap();
            if table != section {
                toml_text.push_str(&format!("[actions.{table}]\n"));
                section = table;
            }
            toml_text.push_str(&format!("{key} = {}\n", toml::Value::String((*text).to_owned())));
        }
        score(&toml_text)
    }

    fn practices(collaborative: &str) -> CriterionAssessment {
        answering(&[("practices.collaborative", collaborative)]).criteria.remove(2)
    }

    #[test]
    fn a_note_to_self_is_not_evidence() {
        let draft =
            answering(&[("partnership.details", "TODO demander la liste des partenaires à Claire (CCAS, CAF).")]);
        assert_eq!(draft.criteria[1].level, 0);
        assert!(draft.criteria[1].evidence.is_empty());
        // The note runs to the end of its line, through its question marks;
        // a bracketed line is a note too. The next line is read again.
        let draft = answering(&[(
            "partnership.details",
            "TODO les partenaires (le CCAS ? la CAF ? Habitat 76 ?) — appeler avant !\n\
             [mettre la convention signée avec la Mission locale en 2024]\n\
             Le collège Jean Moulin prête sa salle chaque mercredi depuis mars 2024.",
        )]);
        let quotes: Vec<&str> = draft.criteria[1].evidence.iter().map(|e| e.quote.as_str()).collect();
        assert!(!quotes.is_empty() && quotes.iter().all(|q| q.starts_with("Le collège")), "{quotes:?}");
    }

    #[test]
    fn a_hyphenated_non_or_sans_is_a_noun_not_a_negation() {
        let a = answering(&[(
            "global_stake.issues",
            "Non-recours aux droits et inégalités d'accès aux services publics en Guyane.",
        )]);
        assert!(a.criteria[3].level >= 1);
        assert!(!a.criteria[3].denied);
        assert!(a.criteria[3].evidence.iter().all(|e| !e.negated));
    }

    #[test]
    fn numbers_that_label_goals_or_steps_are_not_figures() {
        let labels = answering(&[(
            "global_stake.issues",
            "Inclusion et transition écologique, ODD 1, 3, 10 et 13, phase 2 puis étape 3.",
        )]);
        assert_eq!(labels.criteria[3].components[0].strength, 1);
        let pandemic =
            answering(&[("global_stake.issues", "L'isolement des aînés, aggravé en 2020 par la crise du Covid-19.")]);
        assert_eq!(pandemic.criteria[3].components[0].strength, 1);
        let figures = answering(&[(
            "global_stake.issues",
            "Inclusion et transition écologique : 31 % de plus de 75 ans contre 9 % en France, 1 200 ménages.",
        )]);
        assert!(figures.criteria[3].components[0].strength >= 2);
    }

    #[test]
    fn concrete_professional_practice_is_described_without_beneficiaries_acting() {
        let a = answering(&[
            (
                "practices.tools_methods",
                "Une fiche d'orientation commune à la gendarmerie, aux soignants et au CIDFF a été écrite en novembre 2024 : elle remplace trois procédures.",
            ),
            (
                "practices.iterative",
                "En janvier 2025, après 2 mois sans visite, nous avons déplacé la permanence de la mairie à la maison de santé : 7 femmes reçues le premier mois.",
            ),
            (
                "practices.collaborative",
                "La juriste et l'infirmière font les visites en binôme ; les professionnels des 4 structures revoient les situations chaque trimestre.",
            ),
        ]);
        let practice = &a.criteria[2];
        assert_eq!(practice.components[0].strength, 0, "{practice:?}");
        assert_eq!(practice.level, 2, "{practice:?}");
    }

    #[test]
    fn national_figures_do_not_specify_who_needs_the_action() {
        let national = answering(&[(
            "need.unmet_needs",
            "On estime qu'il y a en France entre 8 et 11 millions d'aidants, souvent isolés.",
        )]);
        assert_eq!(national.criteria[0].components[0].strength, 1);
        let sourced = answering(&[(
            "need.unmet_needs",
            "Selon l'INSEE et le Défenseur des droits, 13 millions de personnes en France peinent avec le numérique.",
        )]);
        assert_eq!(sourced.criteria[0].components[0].strength, 1, "{:?}", sourced.criteria[0]);
        let local = answering(&[(
            "need.unmet_needs",
            "Sur les 140 aidants suivis par la plateforme, 62 vivent seuls à plus de 30 km d'un accueil de jour.",
        )]);
        assert!(local.criteria[0].components[0].strength >= 2);
    }

    #[test]
    fn the_organisations_history_is_not_the_need() {
        let history = answering(&[(
            "need.unmet_needs",
            "Notre association, fondée en 1962 par des parents du quartier Bellevue, aide les familles en difficulté. \
             Elle a toujours placé la famille au centre.",
        )]);
        assert_eq!(history.criteria[0].components[0].strength, 1, "{:?}", history.criteria[0]);
        let since = answering(&[(
            "need.unmet_needs",
            "Depuis 2022, quatre médecins généralistes d'Hirson sont partis sans successeur : 1 800 patients n'ont plus de médecin.",
        )]);
        assert!(since.criteria[0].components[0].strength >= 2, "{:?}", since.criteria[0]);
    }

    #[test]
    fn existing_services_named_without_the_need_is_asserted() {
        let gap_only = answering(&[(
            "novelty.locally_new_details",
            "Il y a déjà l'AFEV, le Secours populaire et la Maison des jeunes, mais leurs créneaux sont complets.",
        )]);
        let need = &gap_only.criteria[0];
        assert!(need.components[1].strength >= 2, "{need:?}");
        assert_eq!(need.level, 1, "{need:?}");
        let with_need = answering(&[
            (
                "novelty.locally_new_details",
                "Il y a déjà l'AFEV, le Secours populaire et la Maison des jeunes, mais leurs créneaux sont complets.",
            ),
            ("need.unmet_needs", "Au collège Jean-Moulin, 46 élèves de 6e ont besoin d'aide aux devoirs le soir."),
        ]);
        assert!(with_need.criteria[0].level >= 2, "{:?}", with_need.criteria[0]);
    }

    /// Asserts how strongly `text`, under `question`, shows beneficiaries acting.
    #[track_caller]
    fn assert_acting(question: &str, text: &str, strength: std::ops::RangeInclusive<u8>) {
        let p = answering(&[(question, text)]).criteria.remove(2);
        assert!(strength.contains(&p.components[0].strength), "{text}\n{p:?}");
    }

    #[test]
    fn a_concrete_verb_is_itself_the_mechanism() {
        assert_acting("practices.collaborative", "Ce sont les habitants qui ont choisi les 14 sites de relevé.", 2..=3);
        assert_acting(
            "practices.collaborative",
            "Les usagers sont pleinement acteurs et co-construisent les ateliers.",
            0..=1,
        );
    }

    #[test]
    fn in_a_passive_the_doer_follows_par() {
        assert_acting(
            "description.summary",
            "Un café des aidants mensuel, animé par une psychologue et une travailleuse sociale, tourne dans six bourgs.",
            0..=0,
        );
        assert_acting(
            "description.summary",
            "Le café du jeudi est animé par deux habitantes du quartier, à tour de rôle chaque semaine.",
            2..=3,
        );
    }

    #[test]
    fn the_staff_organising_for_hosts_is_not_the_hosts_acting() {
        assert_acting(
            "description.summary",
            "We recruit older hosts and students, visit each home and organise a first meeting every September.",
            0..=0,
        );
    }

    #[test]
    fn coming_paying_or_attending_is_not_acting() {
        assert_acting(
            "practices.collaborative",
            "Les jeunes, venus d'eux-mêmes, participent aux ateliers ; participation des familles aux frais : 2 € par séance.",
            0..=0,
        );
        assert_acting(
            "practices.collaborative",
            "La personne paie une participation de 0,40 € par kilomètre, reversée au chauffeur chaque mois.",
            0..=0,
        );
        assert_acting(
            "practices.collaborative",
            "Les jeunes choisissent eux-mêmes les thèmes des ateliers lors de la réunion mensuelle.",
            2..=3,
        );
    }

    #[test]
    fn an_opening_no_word_does_not_wipe_what_the_answer_shows() {
        let a = answering(&[
            ("global_stake.issues", "Le décrochage scolaire."),
            (
                "global_stake.local_gap",
                "Aucune structure n'accueille les jeunes sans diplôme à Roubaix : 31 % des 16-25 ans du quartier contre 12 % dans la métropole (Insee 2021).",
            ),
        ]);
        let gap = &a.criteria[3].components[1];
        assert!(gap.strength >= 2 && !gap.denied, "{gap:?}");
    }

    #[test]
    fn figures_after_ordinary_words_still_count() {
        for text in [
            "Chaque année 150 jeunes et 40 familles du quartier Étouvie.",
            "Depuis le Covid, 40 % des familles du quartier Étouvie renoncent aux soins.",
        ] {
            assert!(answering(&[("need.unmet_needs", text)]).criteria[0].components[0].strength >= 2, "{text}");
        }
    }

    #[test]
    fn a_denied_diagnosis_is_not_rescued_by_a_sentence_of_context() {
        let a = answering(&[(
            "need.diagnosis",
            "Nous n'avons fait aucun diagnostic. Le quartier Étouvie compte 2 écoles et 3 crèches depuis 2015.",
        )]);
        assert!(a.criteria[0].components[2].strength <= 1, "{:?}", a.criteria[0].components[2]);
    }

    #[test]
    fn a_promise_of_participation_is_asserted_not_described() {
        let promise = practices(
            "Depuis 2024, les usagers seront pleinement associés à toutes les étapes, de l'idéation à l'évaluation, au sein de 3 comités.",
        );
        assert_eq!(promise.components[0].strength, 1);
        let fact = practices("Depuis 2024, 3 usagers élus siègent au comité de pilotage mensuel et votent le budget.");
        assert!(fact.components[0].strength >= 2);
    }

    #[test]
    fn a_sentence_that_denies_participation_shows_none() {
        let c = practices(
            "Les jeunes et les parents ne participent pas à la conception des activités, qui est assurée par l'équipe d'animation.",
        );
        assert!(c.level <= 1, "level {}", c.level);
        assert!(c.evidence.iter().any(|e| e.component == "beneficiaries_act" && e.negated));
    }

    #[test]
    fn beneficiaries_act_only_where_they_are_the_ones_acting() {
        // The beneficiaries are named far from the verb: the towns participate.
        let far = practices(
            "Convention avec les 6 communes des alentours qui participent au prorata de leur population, dans le cadre du service rendu chaque semaine aux habitants.",
        );
        assert_eq!(far.components[0].strength, 0);
        let near = practices(
            "Depuis mars 2024, 4 habitants siègent au comité de pilotage mensuel et aident à définir le budget.",
        );
        assert!(near.components[0].strength >= 2);
    }

    #[test]
    fn the_overall_rounds_a_tie_up_only_when_no_criterion_is_weak() {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        let overall = |levels: [u8; 4]| {
            let criteria: Vec<CriterionAssessment> = levels
                .iter()
                .map(|&level| CriterionAssessment {
                    id: String::new(),
                    level,
                    score: 0,
                    denied: false,
                    components: Vec::new(),
                    evidence: Vec::new(),
                    suggestions: Vec::new(),
                    at: Position { line: 1, column: 1 },
                })
                .collect();
            overall_level(&criteria, &grid)
        };
        assert_eq!(overall([2, 2, 3, 3]), 3);
        assert_eq!(overall([1, 3, 3, 3]), 2);
        assert_eq!(overall([1, 1, 2, 2]), 1);
        assert_eq!(overall([0, 3, 3, 3]), 2);
        // A demonstrated criterion lifts a mixed profile, as reviewers weigh it.
        assert_eq!(overall([0, 1, 2, 3]), 2);
        assert_eq!(overall([0, 0, 1, 3]), 1);
        assert_eq!(overall([2, 2, 2, 3]), 2);
    }

    #[test]
    fn denied_participation_beside_teamwork_alone_is_absent() {
        let denied = practices(
            "Les familles ne participent pas à la gouvernance : les plannings sont décidés par la direction. Les professionnels travaillent en binôme avec la PMI chaque semaine.",
        );
        assert_eq!(denied.level, 0);
        assert!(denied.denied);
    }

    #[test]
    fn marker_words_inside_a_name_are_not_beneficiaries_acting() {
        let named = practices(
            "Deux accueillantes, dont une médiatrice de l'association Femmes Relais 93, reçoivent les parents le jeudi.",
        );
        assert_eq!(named.components[0].strength, 0);
    }

    #[test]
    fn text_typed_in_capitals_still_shows_beneficiaries_acting() {
        let shouted = practices("DEPUIS 2023, LES HABITANTS DÉCIDENT CHAQUE MOIS DU MENU EN COMITÉ DE 12 PERSONNES.");
        assert!(shouted.components[0].strength >= 2);
    }

    #[test]
    fn a_partner_association_or_our_own_eyes_do_not_make_a_group_peer_led() {
        let decided = "Depuis octobre 2023, toutes les décisions sont prises en assemblée mensuelle : on a décidé d'ouvrir le stand le samedi.";
        for summary in [
            "Nous travaillons avec l'association de parents d'élèves du collège.",
            "Nous avons nous-mêmes constaté ce manque.",
        ] {
            let staff = answering(&[("description.summary", summary), ("practices.collaborative", decided)]);
            assert_eq!(staff.criteria[2].components[0].strength, 0, "{summary}");
        }
    }

    #[test]
    fn in_a_peer_led_group_we_are_the_beneficiaries() {
        let staff = "Depuis octobre 2023, toutes les décisions sont prises en assemblée mensuelle : on a décidé d'ouvrir le stand le samedi.";
        assert_eq!(practices(staff).components[0].strength, 0);
        let peers = answering(&[
            ("description.summary", "Nous sommes un collectif d'usagers et d'ex-usagers de drogues."),
            ("practices.collaborative", staff),
        ]);
        assert!(peers.criteria[2].components[0].strength >= 2);
    }

    #[test]
    fn one_old_partner_does_not_deny_a_partnership_shown_new_elsewhere() {
        let a = answering(&[("partnership.details", "Le CSE de l'usine Teknik'Air n'avait jamais financé autre chose que les vacances de ses salariés : c'est la première fois qu'il travaille avec le centre social Beaulieu et l'école Jules-Ferry. La CAF, elle, nous connaît depuis longtemps.")]);
        assert!(a.criteria[1].level >= 1);
        assert!(!a.criteria[1].denied);
        let routine = answering(&[("partnership.details", "Nous travaillons avec le collège et la CAF depuis de nombreuses années. Il ne s'agit pas d'un partenariat nouveau.")]);
        assert_eq!(routine.criteria[1].level, 0);
    }

    fn partner(name: &str, kind: &str, role: &str, new: Option<bool>) -> Partner {
        Partner { name: name.into(), kind: Some(kind.into()), role: role.into(), new, span: 0..0 }
    }

    #[test]
    fn the_partner_list_counts_names_kinds_roles_and_novelty() {
        let form = Form::embedded().unwrap();
        let grid = Grid::load(None, &form).unwrap();
        let strength = |feature, list: &[Partner], lang| partner_strength(feature, &named_partners(list, lang, &grid));
        let list = [
            partner("CCAS d'Amiens", "public", "oriente les familles vers l'action", Some(true)),
            partner("Habitat 80", "public", "prête le local", Some(false)),
            partner("IFSI d'Amiens", "research", "forme les bénévoles", None),
        ];
        assert_eq!(strength(PartnerFeature::Named, &list, Lang::Fr), 3);
        assert_eq!(strength(PartnerFeature::Kinds, &list, Lang::Fr), 2);
        assert_eq!(strength(PartnerFeature::Roles, &list, Lang::Fr), 3);
        // A "new" flag asserts novelty; only the text can explain it.
        assert_eq!(strength(PartnerFeature::New, &list, Lang::Fr), 1);
        assert_eq!(strength(PartnerFeature::Named, &[], Lang::Fr), 0);
        let unnamed = [partner("  ", "public", "", None)];
        assert_eq!(strength(PartnerFeature::Named, &unnamed, Lang::Fr), 0);
        let categories = [
            partner("Acteurs publics du territoire", "public", "", None),
            partner("Université", "research", "", None),
            partner("Bailleur social (à confirmer)", "public", "", None),
        ];
        assert_eq!(strength(PartnerFeature::Named, &categories, Lang::Fr), 0);
        let categories = [partner("Local businesses", "company", "", None)];
        assert_eq!(strength(PartnerFeature::Named, &categories, Lang::En), 0);
        let named = [
            partner("Acteurs Sociaux d'Amiens", "association", "", None),
            partner("Université de Picardie", "research", "", None),
        ];
        assert_eq!(strength(PartnerFeature::Named, &named, Lang::Fr), 2);
        // Tools the action uses, and people with an article for a name, are
        // not partners; an article before a proper name is still a name.
        let tools_and_people = [
            partner("Microsoft Teams", "company", "outil de suivi à distance", None),
            partner("Référentiel Pix", "other", "évaluation des compétences", None),
            partner("Les jeunes", "inhabitants", "co-construction du parcours", None),
            partner("La Poste", "company", "les facteurs repèrent les personnes isolées", None),
        ];
        assert_eq!(named_partners(&tools_and_people, Lang::Fr, &grid).len(), 1);
    }

    #[test]
    fn vocabulary_without_substance_stays_asserted() {
        let a = answering(&[
("partnership.details", "Un partenariat inédit et innovant, en co-construction avec tous les acteurs, dans une synergie transversale au service des enjeux globaux. Un partenariat inédit et innovant, en co-construction."),
("practices.collaborative", "Une démarche participative de co-construction avec les bénéficiaires, acteurs du projet."),
]);
        assert_eq!(a.criteria[1].level, 1, "{:?}", a.criteria[1]);
        assert!(a.criteria[2].level <= 1, "{:?}", a.criteria[2]);
    }

    #[test]
    fn plain_words_with_substance_reach_described_or_better() {
        let a = answering(&[("partnership.details", "Limoges Habitat, l'IFSI du CHU et le comité des locataires se réunissent pour la première fois en novembre 2023 : le bailleur repère les locataires, l'IFSI informe les élèves.")]);
        assert!(a.criteria[1].level >= 2, "{:?}", a.criteria[1]);
    }

    #[test]
    fn a_diagnosis_written_under_another_question_still_counts() {
        let a = answering(&[("other.notes", "L'enquête menée en mars 2024 par le CCAS auprès de 212 familles montre que 64 % n'ont aucune solution de garde après 19 h.")]);
        assert!(a.criteria[0].level >= 2, "{:?}", a.criteria[0]);
        assert!(a.criteria[0].evidence.iter().any(|e| e.elsewhere && e.question == "other.notes"));
    }
}
