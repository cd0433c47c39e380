//! The scoring grid (`criteria/*.toml`): what each CSESS criterion looks for,
//! as data. Loaded once, checked against the form, and compiled into word
//! matchers; the scorer then only reads it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::form::{Form, Kind, Scope};
use crate::i18n::Lang;
use crate::lexicon::{self, Matcher, Pattern};
use crate::location::SourceError;

/// The grid shipped in the binary: (file name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("grid.toml", include_str!("../criteria/grid.toml")),
    ("unmet_need.toml", include_str!("../criteria/unmet_need.toml")),
    ("novel_partnership.toml", include_str!("../criteria/novel_partnership.toml")),
    ("collaborative_practice.toml", include_str!("../criteria/collaborative_practice.toml")),
    ("global_stake.toml", include_str!("../criteria/global_stake.toml")),
];

/// Words in both languages: `fr` and `en` lists.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    #[serde(default)]
    pub fr: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
}

impl Words {
    pub fn get(&self, lang: Lang) -> &[String] {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// `grid.toml`: what is shared by every criterion.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GridFile {
    /// Criterion ids, in report order; each has a `<id>.toml` file.
    pub criteria: Vec<String>,
    pub level_names_fr: [String; 4],
    pub level_names_en: [String; 4],
    pub overall: OverallRule,
    pub evidence: EvidenceRule,
    pub negation: NegationRule,
    /// Words that make a sentence concrete beyond figures, names and acronyms.
    pub signals: Signals,
    pub completeness: CompletenessRule,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverallRule {
    /// Added to the mean of the four levels before rounding down.
    pub bias: f64,
    /// Replaces `bias` when every criterion is at least described (2).
    #[serde(default)]
    pub bias_all_described: Option<f64>,
    /// Added to the bias when exactly one criterion is demonstrated (3).
    #[serde(default)]
    pub bias_one_demonstrated: f64,
    /// The overall judgement is at most this many levels above the weakest criterion.
    pub max_above_weakest: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRule {
    /// Sentences after a marker's own that still count as its context.
    pub context_sentences: usize,
    /// Signal points needed for a marker's context to describe (strength 2);
    /// each kind of signal gives at most `points_per_kind` points.
    pub described_signals: usize,
    /// Points, and distinct kinds of signal, for it to demonstrate (strength 3).
    pub demonstrated_signals: usize,
    pub demonstrated_kinds: usize,
    pub points_per_kind: usize,
    /// A sentence of a component's own answer with fewer words and no
    /// marker ("Oui.") does not count.
    pub min_sentence_words: usize,
    /// Longest quote shown as evidence, in characters.
    pub quote_chars: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationRule {
    pub cues: Words,
    /// An answer that opens with one of these ("Non.", "Pas encore") says no.
    pub openers: Words,
    /// Words before and after a marker in which a cue negates it.
    pub before: usize,
    pub after: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    /// Concrete mechanisms: rhythm, meetings, bodies, roles.
    pub mechanism: Words,
    /// Places and territories.
    pub place: Words,
    /// Figures written in words.
    pub figure: Words,
    /// Kinds of organisations and actors.
    pub actor: Words,
    /// Names that prove nothing about this action: institutions and
    /// frameworks cited in passing ("les ODD de l'ONU", "la loi ESS").
    pub generic_names: Words,
    /// Figures that prove nothing: "des centaines", "20 ans d'expérience".
    pub vague_figures: Words,
    /// First words of partner "names" that are categories ("Acteurs publics
    /// du territoire", "Local businesses"): such a partner names no one
    /// unless a proper name or acronym follows. Whole folded words.
    pub generic_partners: Words,
    /// Software, apps and platforms ("Microsoft Teams", "Référentiel
    /// Pix"): a partner-list entry holding one of these words is a tool the
    /// action uses, not a partner. Whole folded words.
    #[serde(default)]
    pub tool_names: Words,
    /// Notes to self in a draft ("TODO", "à compléter"): a sentence holding
    /// one is unfinished and is not read as evidence of anything.
    #[serde(default)]
    pub placeholders: Words,
    /// Words a number only labels ("phase 3", "étape 2", "year 2"): such a
    /// number is not a figure about the action.
    #[serde(default)]
    pub number_labels: Words,
    /// Words that put a sentence at the scale of the whole country or the
    /// world ("en France", "des millions"): its figures describe the issue,
    /// not this action's own public (see `Component::local`).
    #[serde(default)]
    pub national: Words,
    /// Words that put a sentence in the organisation's past ("fondée en
    /// 1962 par…", "depuis sa création"): its figures, names, places and
    /// actors tell its history, not this action's public (see
    /// `Component::local`).
    #[serde(default)]
    pub background: Words,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompletenessRule {
    /// Questions whose absence is not reported (optional ones).
    pub optional: Vec<String>,
}

/// `<criterion>.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name_fr: String,
    pub name_en: String,
    /// What a reviewer looks for, in one paragraph (shown by `annexe criteria`).
    pub looks_for_fr: String,
    pub looks_for_en: String,
    /// Weight in the 0–100 overall score used for ranking.
    pub weight: f64,
    /// The questions this criterion's evidence belongs under.
    pub questions: Vec<String>,
    pub levels: LevelRule,
    pub components: Vec<Component>,
}

impl Criterion {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_fr, &self.name_en)
    }
    pub fn looks_for(&self, lang: Lang) -> &str {
        lang.pick(&self.looks_for_fr, &self.looks_for_en)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// Components at strength ≥ 2 needed for level 2 (décrit).
    pub described: usize,
    /// Components that must be at strength ≥ 2 for level 2: what the
    /// criterion is about before anything else.
    #[serde(default)]
    pub described_requires: Vec<String>,
    /// Components at strength ≥ 2 that make level 2 even without the
    /// `described_requires` ones: concrete enough, the link left implicit.
    #[serde(default)]
    pub described_without_requires: Option<usize>,
    /// Components of which at least one must be at strength ≥ 2 for level
    /// 2: what the criterion is about, whichever way the text shows it.
    #[serde(default)]
    pub described_requires_one_of: Vec<String>,
    /// Components at strength ≥ 2 needed for level 3 (démontré)…
    pub demonstrated: usize,
    /// …of which at strength 3.
    pub demonstrated_strong: usize,
    /// Components at strength 3 that make level 3 even with fewer
    /// described (the required ones still apply): two parts shown in full
    /// outweigh a third left asserted.
    #[serde(default)]
    pub demonstrated_by_strong: Option<usize>,
    /// Components that must be at strength ≥ 2 for level 3: the explicit link.
    #[serde(default)]
    pub demonstrated_requires: Vec<String>,
    /// Components that must themselves be demonstrated (3) for level 3.
    #[serde(default)]
    pub demonstrated_requires_strong: Vec<String>,
    /// Highest level when the text denies one of the `denied_by` components
    /// ("ce n'est pas un partenariat nouveau").
    pub denied_cap: u8,
    /// Components whose denial denies the whole criterion.
    #[serde(default)]
    pub denied_by: Vec<String>,
    /// With such a denial, the criterion is absent (0) unless at least this
    /// many components are still described: "les bénéficiaires ne
    /// participent pas" beside a team that meets weekly is no collaborative
    /// practice at all.
    #[serde(default)]
    pub denied_absent_below: usize,
    /// Replaces grid.toml's `evidence.demonstrated_signals` for this criterion.
    #[serde(default)]
    pub demonstrated_signals: Option<usize>,
}

/// Kinds of concreteness signal a sentence can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Numbers and figures in words.
    Figure,
    /// Years, months.
    Date,
    /// Capitalised names and acronyms.
    Named,
    /// Rhythm, bodies, meetings, who does what.
    Mechanism,
    /// Places and territories.
    Place,
    /// Kinds of organisations and professions.
    Actor,
}

pub const ALL_SIGNALS: [SignalKind; 6] = [
    SignalKind::Figure,
    SignalKind::Date,
    SignalKind::Named,
    SignalKind::Mechanism,
    SignalKind::Place,
    SignalKind::Actor,
];

/// How a structured answer feeds a component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartnerFeature {
    /// Partners with a name: 1 → asserted, 2 → described, 3+ → demonstrated.
    Named,
    /// Distinct kinds among them.
    Kinds,
    /// Partners whose role is written out.
    Roles,
    /// Partners marked as new to working together.
    New,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub id: String,
    pub label_fr: String,
    pub label_en: String,
    /// Where to look; empty means the whole action (a reviewer reads it all).
    #[serde(default)]
    pub questions: Vec<String>,
    /// Words that show the text is about this component.
    pub markers: Words,
    /// Markers that say concretely who does what ("choisissent", "tiennent",
    /// "votent"), where the others only name the idea ("participent",
    /// "acteurs"): each is a mechanism signal of its sentence.
    #[serde(default)]
    pub concrete: Option<Words>,
    /// When given, a marker counts only in a sentence that also holds one of
    /// these words ("participent" only where the beneficiaries are named).
    #[serde(default)]
    pub context: Option<Words>,
    /// With `context`: how many words apart the marker and the context word
    /// may be (default: anywhere in the sentence). In "the 6 towns, which
    /// participate pro rata, serve the tenants", the tenants do not participate.
    #[serde(default)]
    pub context_window: Option<usize>,
    /// With `context`: words that, ending a marker, name its doer after it
    /// ("animé par", "run by"). Such a marker counts only when a context
    /// word follows it: in "le café des aidants, animé par une
    /// psychologue", the carers run nothing.
    #[serde(default)]
    pub context_follows: Vec<String>,
    /// With `context`: words saying the writers are themselves the people
    /// the action serves ("nous sommes un collectif d'usagers", "peer-led").
    /// In such an action the `peer_context` words ("nous", "nos bénévoles",
    /// "we") name the beneficiaries too: a reviewer reads "on a décidé en
    /// assemblée" in a self-help group as the beneficiaries deciding.
    #[serde(default)]
    pub peer_led: Option<Words>,
    #[serde(default)]
    pub peer_context: Option<Words>,
    /// The signals that count as substance for this component (default: all).
    #[serde(default)]
    pub signals: Vec<SignalKind>,
    /// Signals without which a passage cannot demonstrate the component (a
    /// diagnosis without a figure is described, not demonstrated).
    #[serde(default)]
    pub demonstrated_needs: Vec<SignalKind>,
    /// Questions whose every sentence speaks of this component, marker or
    /// not: the answer to "how was the need diagnosed?" is the diagnosis.
    #[serde(default)]
    pub answers: Vec<String>,
    /// Words that say this component is not met ("comme chaque année").
    #[serde(default)]
    pub against: Option<Words>,
    /// Phrases that hold a marker without meaning it: "venus d'eux-mêmes"
    /// (they came on their own), "participation aux frais" (they pay). A
    /// marker inside one of them is not read.
    #[serde(default)]
    pub not_markers: Option<Words>,
    /// Words that make a sentence a promise rather than a fact ("seront
    /// associés", "will be consulted"): it asserts the component, at most.
    #[serde(default)]
    pub promises: Option<Words>,
    /// Whether a negation next to a marker turns it against the criterion,
    /// and an answer opening with "Non." denies it.
    #[serde(default)]
    pub negatable: bool,
    /// With `negatable`: only a "Non." opening denies the component; negation
    /// words in its sentences are what it describes ("le plan ne mentionne
    /// pas les femmes" shows a gap, it does not deny one).
    #[serde(default)]
    pub denied_by_opener_only: bool,
    /// A yes/no question whose "no" denies this component (a bare "yes" proves nothing).
    #[serde(default)]
    pub yes_no: Option<String>,
    /// A feature of the partner list that also measures this component.
    #[serde(default)]
    pub partners: Option<PartnerFeature>,
    /// Only figures and names about the action's own ground count: "8 à 11
    /// millions d'aidants en France (DREES)" says nothing of who needs this
    /// action, where.
    #[serde(default)]
    pub local: bool,
    pub suggestion_fr: String,
    pub suggestion_en: String,
}

impl Component {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_fr, &self.label_en)
    }
    pub fn suggestion(&self, lang: Lang) -> &str {
        lang.pick(&self.suggestion_fr, &self.suggestion_en)
    }
}

/// What a lexicon index in a `Matcher` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lexicon {
    Negation,
    Mechanism,
    Place,
    Figure,
    Actor,
    /// (criterion index, component index)
    Marker(usize, usize),
    /// Markers that are also mechanisms, of (criterion index, component index).
    ConcreteMarker(usize, usize),
    /// Context words of (criterion index, component index).
    Context(usize, usize),
    /// Words against (criterion index, component index).
    Against(usize, usize),
    /// Phrases that hold a marker without meaning it, of (criterion, component).
    NotMarker(usize, usize),
    /// Promise words of (criterion index, component index).
    Promise(usize, usize),
    /// Words saying the writers are the beneficiaries, of (criterion, component).
    PeerLed(usize, usize),
    /// First-person words that name the beneficiaries in a peer-led action.
    PeerContext(usize, usize),
    /// Words that open a "no" answer.
    Opener,
    /// Names that are not evidence.
    GenericName,
    /// Figures that are not evidence.
    VagueFigure,
    /// Words of an unfinished sentence.
    Placeholder,
    /// Words a following number only labels.
    NumberLabel,
    /// Words of a sentence at national or world scale.
    National,
    /// Words of a sentence about the organisation's past.
    Background,
}

impl Lexicon {
    /// The criterion whose words these are, for the lexicons of one.
    pub fn criterion(self) -> Option<usize> {
        match self {
            Lexicon::Marker(c, _)
            | Lexicon::ConcreteMarker(c, _)
            | Lexicon::Context(c, _)
            | Lexicon::Against(c, _)
            | Lexicon::NotMarker(c, _)
            | Lexicon::Promise(c, _)
            | Lexicon::PeerLed(c, _)
            | Lexicon::PeerContext(c, _) => Some(c),
            Lexicon::Negation
            | Lexicon::Mechanism
            | Lexicon::Place
            | Lexicon::Figure
            | Lexicon::Actor
            | Lexicon::Opener
            | Lexicon::GenericName
            | Lexicon::VagueFigure
            | Lexicon::Placeholder
            | Lexicon::NumberLabel
            | Lexicon::National
            | Lexicon::Background => None,
        }
    }
}

/// A component with its questions resolved to answer slots.
#[derive(Debug, Clone)]
pub struct CompiledComponent {
    /// Slots of the questions to read; empty means all.
    pub slots: Vec<usize>,
    /// Slots of the questions whose every sentence speaks of the component.
    pub answer_slots: Vec<usize>,
    pub yes_no_slot: Option<usize>,
}

/// The grid, loaded, checked and compiled.
#[derive(Debug, Clone)]
pub struct Grid {
    pub file: GridFile,
    pub criteria: Vec<Criterion>,
    /// Per criterion, per component.
    pub compiled: Vec<Vec<CompiledComponent>>,
    /// Per criterion: slots of its own questions.
    pub criterion_slots: Vec<Vec<usize>>,
    /// Lexicon meaning of each index, shared by both matchers.
    pub lexicons: Vec<Lexicon>,
    matchers: HashMap<Lang, Matcher>,
    /// Where the grid came from, for `annexe criteria`.
    pub source: String,
}

impl Grid {
    pub fn level_name(&self, level: u8, lang: Lang) -> &str {
        let names = match lang {
            Lang::Fr => &self.file.level_names_fr,
            Lang::En => &self.file.level_names_en,
        };
        names.get(usize::from(level)).map_or("?", String::as_str)
    }

    pub fn matcher(&self, lang: Lang) -> &Matcher {
        // Both languages are always compiled in `Grid::compile`.
        &self.matchers[&lang]
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The embedded grid, with any file of `dir` replacing its namesake.
    pub fn load(dir: Option<&Path>, form: &Form) -> Result<Grid, SourceError> {
        let mut texts: Vec<(PathBuf, String)> = Vec::new();
        for (name, text) in EMBEDDED {
            let path = Path::new("<embedded>/criteria").join(name);
            texts.push((path, (*text).to_owned()));
        }
        let mut source = "built-in".to_owned();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(SourceError::file(dir, "the --criteria folder does not exist or is not a folder"));
            }
            source = dir.display().to_string();
            let grid_path = dir.join("grid.toml");
            let grid_text = match std::fs::read_to_string(&grid_path) {
                Ok(text) => Some(text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(SourceError::file(&grid_path, format!("cannot read: {e}"))),
            };
            if let Some(text) = grid_text {
                texts[0] = (grid_path, text);
            }
            // Criterion files named by the (possibly replaced) grid.
            let grid: GridFile = parse_toml(&texts[0].0, &texts[0].1)?;
            let mut criterion_texts = Vec::new();
            for id in &grid.criteria {
                let name = format!("{id}.toml");
                let path = dir.join(&name);
                match std::fs::read_to_string(&path) {
                    Ok(text) => criterion_texts.push((path, text)),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        match EMBEDDED.iter().find(|(n, _)| *n == name) {
                            Some((_, text)) => {
                                criterion_texts.push((Path::new("<embedded>/criteria").join(&name), (*text).to_owned()))
                            }
                            None => {
                                return Err(SourceError::file(
                                    &path,
                                    format!("grid.toml names criterion `{id}` but there is no {name}"),
                                ))
                            }
                        }
                    }
                    Err(e) => return Err(SourceError::file(&path, format!("cannot read: {e}"))),
                }
            }
            texts.truncate(1);
            texts.extend(criterion_texts);
        }
        let (grid_path, grid_text) = &texts[0];
        let file: GridFile = parse_toml(grid_path, grid_text)?;
        let mut criteria = Vec::new();
        for (path, text) in &texts[1..] {
            let criterion: Criterion = parse_toml(path, text)?;
            criteria.push((path.clone(), text.clone(), criterion));
        }
        Self::compile(file, criteria, form, source)
    }

    fn compile(
        file: GridFile,
        criteria: Vec<(PathBuf, String, Criterion)>,
        form: &Form,
        source: String,
    ) -> Result<Grid, SourceError> {
        let mut lexicons = vec![
            Lexicon::Negation,
            Lexicon::Mechanism,
            Lexicon::Place,
            Lexicon::Figure,
            Lexicon::Actor,
            Lexicon::Opener,
            Lexicon::GenericName,
            Lexicon::VagueFigure,
            Lexicon::Placeholder,
            Lexicon::NumberLabel,
            Lexicon::National,
            Lexicon::Background,
        ];
        let mut compiled = Vec::new();
        let mut criterion_slots = Vec::new();
        let mut terms: Vec<(usize, &Words, &Path, &str)> = Vec::new();
        let grid_path = Path::new("grid.toml");
        let shared: [&Words; 12] = [
            &file.negation.cues,
            &file.signals.mechanism,
            &file.signals.place,
            &file.signals.figure,
            &file.signals.actor,
            &file.negation.openers,
            &file.signals.generic_names,
            &file.signals.vague_figures,
            &file.signals.placeholders,
            &file.signals.number_labels,
            &file.signals.national,
            &file.signals.background,
        ];
        for (i, words) in shared.iter().enumerate() {
            terms.push((i, words, grid_path, ""));
        }
        // Criteria in the order grid.toml lists them.
        let mut ordered = Vec::new();
        for id in &file.criteria {
            match criteria.iter().find(|(_, _, c)| &c.id == id) {
                Some(entry) => ordered.push(entry),
                None => return Err(SourceError::file(grid_path, format!("no criterion file has id `{id}`"))),
            }
        }
        let slot_of = |path: &Path, text: &str, id: &str| -> Result<usize, SourceError> {
            match form.find(Scope::Action, id) {
                Some(q) => Ok(q.slot),
                None => {
                    let span = text.find(&format!("\"{id}\"")).map(|s| s..s + id.len() + 2);
                    Err(SourceError::at(path, text, span, format!("unknown question id `{id}`"))
                        .with_help("question ids are those of criteria/form.toml, such as \"need.diagnosis\""))
                }
            }
        };
        for (ci, (path, text, criterion)) in ordered.iter().enumerate() {
            let slots = criterion.questions.iter().map(|id| slot_of(path, text, id)).collect::<Result<Vec<_>, _>>()?;
            criterion_slots.push(slots);
            let mut components = Vec::new();
            for (ki, component) in criterion.components.iter().enumerate() {
                let slots =
                    component.questions.iter().map(|id| slot_of(path, text, id)).collect::<Result<Vec<_>, _>>()?;
                let yes_no_slot = match &component.yes_no {
                    Some(id) => {
                        let slot = slot_of(path, text, id)?;
                        if form.find(Scope::Action, id).map(|q| q.kind) != Some(Kind::YesNo) {
                            let span = text.find(&format!("\"{id}\"")).map(|s| s..s + 1);
                            return Err(SourceError::at(path, text, span, format!("`{id}` is not a yes/no question")));
                        }
                        Some(slot)
                    }
                    None => None,
                };
                let answer_slots =
                    component.answers.iter().map(|id| slot_of(path, text, id)).collect::<Result<Vec<_>, _>>()?;
                components.push(CompiledComponent { slots, answer_slots, yes_no_slot });
                lexicons.push(Lexicon::Marker(ci, ki));
                terms.push((lexicons.len() - 1, &component.markers, path, text));
                // The optional word lists, each its own lexicon.
                let lists = [
                    (&component.concrete, Lexicon::ConcreteMarker(ci, ki)),
                    (&component.context, Lexicon::Context(ci, ki)),
                    (&component.against, Lexicon::Against(ci, ki)),
                    (&component.not_markers, Lexicon::NotMarker(ci, ki)),
                    (&component.promises, Lexicon::Promise(ci, ki)),
                    (&component.peer_led, Lexicon::PeerLed(ci, ki)),
                    (&component.peer_context, Lexicon::PeerContext(ci, ki)),
                ];
                for (words, lexicon) in lists {
                    if let Some(words) = words {
                        lexicons.push(lexicon);
                        terms.push((lexicons.len() - 1, words, path, text));
                    }
                }
            }
            compiled.push(components);
            let levels = &criterion.levels;
            for required in levels
                .described_requires
                .iter()
                .chain(&levels.described_requires_one_of)
                .chain(&levels.demonstrated_requires)
                .chain(&levels.demonstrated_requires_strong)
                .chain(&levels.denied_by)
            {
                if !criterion.components.iter().any(|c| &c.id == required) {
                    let span = text.find(&format!("\"{required}\"")).map(|s| s..s + 1);
                    let message = format!("[levels] names unknown component `{required}`");
                    return Err(SourceError::at(path, text, span, message));
                }
            }
        }
        let mut matchers = HashMap::new();
        for lang in [Lang::Fr, Lang::En] {
            let stemmer = lexicon::stemmer(lang);
            let mut patterns: Vec<(usize, Pattern)> = Vec::new();
            for (index, words, path, text) in &terms {
                for term in words.get(lang) {
                    let pattern = lexicon::compile(term, &stemmer).map_err(|e| {
                        let span = text.find(&format!("\"{term}\"")).map(|s| s..s + term.len() + 2);
                        SourceError::at(path, text, span, format!("bad term \"{term}\": {e}"))
                    })?;
                    patterns.push((*index, pattern));
                }
            }
            let matcher = Matcher::new(patterns).map_err(|e| SourceError::file(grid_path, format!("{e}")))?;
            matchers.insert(lang, matcher);
        }
        let criteria = ordered.into_iter().map(|(_, _, c)| c.clone()).collect();
        Ok(Grid { file, criteria, compiled, criterion_slots, lexicons, matchers, source })
    }
}

fn parse_toml<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, SourceError> {
    toml::from_str(text).map_err(|e| SourceError::at(path, text, e.span(), e.message().trim_end().to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::embedded().unwrap()
    }

    #[test]
    fn the_embedded_grid_loads_with_the_four_csess_criteria_in_order() {
        let grid = Grid::load(None, &form()).unwrap();
        let ids: Vec<&str> = grid.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["unmet_need", "novel_partnership", "collaborative_practice", "global_stake"]);
        assert_eq!(grid.level_name(2, Lang::Fr), "décrit");
        assert_eq!(grid.level_name(3, Lang::En), "demonstrated");
    }

    #[test]
    fn a_criteria_folder_overrides_one_file_and_errors_name_the_place() {
        let dir = std::env::temp_dir().join(format!("annexe-grid-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let text = EMBEDDED[1].1.replacen("questions = [", "questions = [\"need.nope\", ", 1);
        std::fs::write(dir.join("unmet_need.toml"), text).unwrap();
        let err = Grid::load(Some(&dir), &form()).unwrap_err();
        assert!(err.message.contains("need.nope"), "{err}");
        assert!(err.position.is_some());
        assert!(err.path.ends_with("unmet_need.toml"));

        let text = EMBEDDED[1].1.replacen("weight =", "colour = 1\nweight =", 1);
        std::fs::write(dir.join("unmet_need.toml"), text).unwrap();
        let err = Grid::load(Some(&dir), &form()).unwrap_err();
        assert!(err.message.contains("colour"), "{err}");

        let text = EMBEDDED[1].1.replacen("[components.markers]\nfr = [", "[components.markers]\nfr = [\"*bad\", ", 1);
        std::fs::write(dir.join("unmet_need.toml"), text).unwrap();
        let err = Grid::load(Some(&dir), &form()).unwrap_err();
        assert!(err.message.contains("*bad"), "{err}");

        let text = EMBEDDED[1].1.replacen("denied_by = [\"need\"]", "denied_by = [\"nead\"]", 1);
        std::fs::write(dir.join("unmet_need.toml"), text).unwrap();
        let err = Grid::load(Some(&dir), &form()).unwrap_err();
        assert!(err.message.contains("nead") && err.position.is_some(), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
