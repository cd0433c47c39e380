//! Word lists from the grid, compiled once into one Aho-Corasick automaton
//! per language, and matched against the folded text of `text::analyse`.
//!
//! How a grid term matches (the grid files document this too):
//! - `besoins`      its Snowball stem (`besoin`) starts a word: besoin, besoins;
//!   stems shorter than 4 letters match the whole word only;
//! - `habitant*`    the literal prefix, for stems that would catch too much;
//! - `=aide`        exactly that word (`=aide*` is the same as `aide*`);
//! - `pour la première fois`  the words in sequence, the last one stemmed.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rust_stemmers::{Algorithm, Stemmer};

use crate::i18n::Lang;
use crate::text::{fold_char, Analysed};

/// Below this many letters a stem is matched as a whole word, not a prefix.
const MIN_PREFIX_LEN: usize = 4;

/// A term, compiled: the pattern searched in folded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// `" word word"`, with a trailing space when the last word must end there.
    pub needle: String,
    /// How many words the term spans.
    pub words: usize,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TermError {
    #[error("the term is empty")]
    Empty,
    #[error("`*` may only end a term")]
    MisplacedStar,
    #[error("the term has no letters or digits")]
    NoWord,
}

pub fn stemmer(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::Fr => Algorithm::French,
        Lang::En => Algorithm::English,
    })
}

fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Compiles one grid term for `lang`.
pub fn compile(term: &str, stemmer: &Stemmer) -> Result<Pattern, TermError> {
    let term = term.trim();
    if term.is_empty() {
        return Err(TermError::Empty);
    }
    let (exact, term) = match term.strip_prefix('=') {
        Some(rest) => (true, rest),
        None => (false, term),
    };
    let (literal_prefix, term) = match term.strip_suffix('*') {
        Some(rest) => (true, rest),
        None => (false, term),
    };
    if term.contains('*') {
        return Err(TermError::MisplacedStar);
    }
    let words: Vec<String> =
        term.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    let Some((last, init)) = words.split_last() else { return Err(TermError::NoWord) };
    let mut needle = String::new();
    for word in init {
        needle.push(' ');
        needle.push_str(&fold(word));
    }
    needle.push(' ');
    if literal_prefix {
        needle.push_str(&fold(last));
    } else if exact {
        needle.push_str(&fold(last));
        needle.push(' ');
    } else {
        let stem = fold(&stemmer.stem(last));
        if stem.chars().count() < MIN_PREFIX_LEN {
            needle.push_str(&fold(last));
            needle.push(' ');
        } else {
            needle.push_str(&stem);
        }
    }
    Ok(Pattern { needle, words: words.len() })
}

/// A hit of one lexicon in an analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The lexicon the term belongs to (an index given by the caller).
    pub lexicon: usize,
    /// The first token of the match.
    pub token: usize,
    /// How many tokens it covers.
    pub words: usize,
}

/// Every lexicon of one language, in one automaton.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern: (lexicon, words).
    owners: Vec<(usize, usize)>,
}

impl Matcher {
    /// `patterns`: (lexicon index, compiled pattern).
    pub fn new(patterns: Vec<(usize, Pattern)>) -> Result<Self, aho_corasick::BuildError> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|(_, p)| p.needle.as_str()))?;
        let owners = patterns.iter().map(|(lexicon, p)| (*lexicon, p.words)).collect();
        Ok(Matcher { automaton, owners })
    }

    /// Every hit, in text order; a term found twice at one place counts once.
    pub fn find(&self, text: &Analysed, hits: &mut Vec<Hit>) {
        let start = hits.len();
        for m in self.automaton.find_overlapping_iter(&text.folded) {
            // The needle starts with the space before the word.
            if let Some(token) = text.token_at(m.start() + 1) {
                let (lexicon, words) = self.owners[m.pattern().as_usize()];
                hits.push(Hit { lexicon, token, words });
            }
        }
        hits[start..].sort_unstable_by_key(|h| (h.token, h.lexicon));
        dedup_from(hits, start);
    }
}

fn dedup_from(hits: &mut Vec<Hit>, start: usize) {
    let mut tail = hits.split_off(start);
    tail.dedup_by_key(|h| (h.token, h.lexicon));
    hits.extend(tail);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::analyse;

    fn needle(term: &str) -> String {
        compile(term, &stemmer(Lang::Fr)).unwrap().needle
    }

    #[test]
    fn terms_compile_to_stems_prefixes_and_exact_words() {
        assert_eq!(needle("partenariats"), " partenariat");
        assert_eq!(needle("enquête"), " enquet");
        assert_eq!(needle("habitant*"), " habitant");
        assert_eq!(needle("=aide"), " aide ");
        assert_eq!(needle("pour la première fois"), " pour la premiere fois");
        // Stems too short to be safe prefixes match whole words only.
        assert_eq!(compile("ageing", &stemmer(Lang::En)).unwrap().needle, " ageing ");
        assert_eq!(compile("*x", &stemmer(Lang::Fr)), Err(TermError::MisplacedStar));
        assert_eq!(compile("  ", &stemmer(Lang::Fr)), Err(TermError::Empty));
    }

    #[test]
    fn stemmed_terms_meet_their_inflections_at_word_starts_only() {
        let s = stemmer(Lang::Fr);
        let m = Matcher::new(vec![(0, compile("partenariat", &s).unwrap()), (1, compile("enquête", &s).unwrap())])
            .unwrap();
        let text = analyse("Nos partenariats, une Enquête, des enquêteurs ; le copartenariat non.");
        let mut hits = Vec::new();
        m.find(&text, &mut hits);
        let found: Vec<(usize, &str)> = hits.iter().map(|h| (h.lexicon, text.folded_word(h.token))).collect();
        assert_eq!(found, [(0, "partenariats"), (1, "enquete"), (1, "enqueteurs")]);
    }

    #[test]
    fn phrases_match_across_elisions_and_case() {
        let s = stemmer(Lang::Fr);
        let m = Matcher::new(vec![(3, compile("pour la première fois", &s).unwrap())]).unwrap();
        let text = analyse("Ils travaillent ensemble POUR LA PREMIÈRE FOIS.");
        let mut hits = Vec::new();
        m.find(&text, &mut hits);
        assert_eq!(hits, [Hit { lexicon: 3, token: 3, words: 4 }]);
    }
}
