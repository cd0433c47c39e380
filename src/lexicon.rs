//! Word lists from the grid, compiled once into one Aho-Corasick automaton
//! per language, and matched against the folded text of `text::analyse`.
//!
//! How a grid term matches (the grid files document this too):
//! - `besoins`      its Snowball stem (`besoin`) starts a word: besoin, besoins;
//!   stems shorter than 4 letters match the whole word only;
//! - `habitant*`    the literal prefix, for stems that would catch too much;
//! - `=aide`        exactly that word (`=aide*` is the same as `aide*`);
//! - `pour la première fois`  the words in sequence, the last one stemmed.

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
    #[error("the word lists are too large: shorten them (at most about 30,000 distinct word beginnings)")]
    TooMany,
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

/// Every lexicon of one language, in one trie of needles.
///
/// Terms only ever start at a word start, so instead of an automaton that
/// runs over every byte, each word of the text starts one walk down the trie
/// of needles; most walks end after a few letters. A walk that reaches the
/// end of a word goes on through the space into the next word, which is how
/// phrases match. Every term that matches at a word is reported, overlapping
/// ones included ("comité" and "comité d'usagers").
///
/// The trie is a dense table over a small alphabet (space, a–z, 0–9, and one
/// class for anything else), so each step is one lookup.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// `next[node * CLASSES + class]`, 0 meaning no child. Node 1 is the root.
    next: Vec<u16>,
    /// `outputs[output_start[node]..output_start[node + 1]]`: (lexicon, words).
    output_start: Vec<u32>,
    outputs: Vec<(usize, usize)>,
}

const CLASSES: usize = 38;
const HAS_OUTPUTS: u16 = 1 << 15;
/// Nodes are numbered in 15 bits so the table stays small enough for the
/// processor's cache (the built-in grid needs about 5,000).
pub const MAX_NODES: usize = (1 << 15) - 1;

/// Byte classes: 0 other, 1 space, 2–27 a–z, 28–37 0–9.
static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b' ' as usize] = 1;
    let mut b = b'a';
    while b <= b'z' {
        table[b as usize] = 2 + (b - b'a');
        b += 1;
    }
    let mut d = b'0';
    while d <= b'9' {
        table[d as usize] = 28 + (d - b'0');
        d += 1;
    }
    table
};

impl Matcher {
    /// `patterns`: (lexicon index, compiled pattern).
    pub fn new(patterns: Vec<(usize, Pattern)>) -> Result<Self, TermError> {
        // Node 0 stands for "no node"; node 1 is the root.
        let mut next = vec![0u32; 2 * CLASSES];
        let mut ends: Vec<Vec<(usize, usize)>> = vec![Vec::new(), Vec::new()];
        for (lexicon, pattern) in patterns {
            // Needles start with the space before the word; walks start after it.
            let mut node = 1usize;
            for &byte in pattern.needle.as_bytes().iter().skip(1) {
                let slot = node * CLASSES + usize::from(CLASS[usize::from(byte)]);
                node = match next[slot] {
                    0 => {
                        let id = ends.len();
                        ends.push(Vec::new());
                        next.resize((id + 1) * CLASSES, 0);
                        next[slot] = id as u32;
                        id
                    }
                    id => id as usize,
                };
            }
            if !ends[node].contains(&(lexicon, pattern.words)) {
                ends[node].push((lexicon, pattern.words));
            }
        }
        // Number the nodes breadth-first: the shallow nodes every walk goes
        // through then share a few cache lines.
        let count = ends.len();
        let mut order = vec![0usize, 1];
        let mut renumber = vec![0u32; count];
        renumber[1] = 1;
        let mut at = 1;
        while at < order.len() {
            let node = order[at];
            for &child in &next[node * CLASSES..(node + 1) * CLASSES] {
                if child != 0 {
                    renumber[child as usize] = order.len() as u32;
                    order.push(child as usize);
                }
            }
            at += 1;
        }
        if count > MAX_NODES {
            return Err(TermError::TooMany);
        }
        let mut dense = vec![0u16; count * CLASSES];
        let mut output_start = Vec::with_capacity(count + 1);
        let mut outputs = Vec::new();
        for (new_id, &old_id) in order.iter().enumerate() {
            for class in 0..CLASSES {
                let child = next[old_id * CLASSES + class] as usize;
                // The high bit says the child has outputs, sparing a lookup
                // at the many nodes that have none.
                let flag = if child != 0 && !ends[child].is_empty() { HAS_OUTPUTS } else { 0 };
                dense[new_id * CLASSES + class] = renumber[child] as u16 | flag;
            }
            output_start.push(outputs.len() as u32);
            if new_id > 0 {
                outputs.extend(ends[old_id].iter().copied());
            }
        }
        output_start.push(outputs.len() as u32);
        Ok(Matcher { next: dense, output_start, outputs })
    }

    /// Every hit, in text order (by token, then lexicon); a lexicon is hit
    /// at most once at a token.
    pub fn find(&self, text: &Analysed, hits: &mut Vec<Hit>) {
        let folded = text.folded.as_bytes();
        for (token, t) in text.tokens.iter().enumerate() {
            let start = hits.len();
            let mut node = 1usize;
            for &byte in &folded[t.folded_start.min(folded.len())..] {
                let entry = self.next[node * CLASSES + usize::from(CLASS[usize::from(byte)])];
                node = (entry & !HAS_OUTPUTS) as usize;
                if node == 0 {
                    break;
                }
                if entry & HAS_OUTPUTS != 0 {
                    let (from, to) = (self.output_start[node] as usize, self.output_start[node + 1] as usize);
                    for &(lexicon, words) in &self.outputs[from..to] {
                        hits.push(Hit { lexicon, token, words });
                    }
                }
            }
            if hits.len() - start > 1 {
                hits[start..].sort_unstable_by_key(|h| h.lexicon);
                let mut kept = start + 1;
                for read in start + 1..hits.len() {
                    if hits[read].lexicon != hits[kept - 1].lexicon {
                        hits[kept] = hits[read];
                        kept += 1;
                    }
                }
                hits.truncate(kept);
            }
        }
    }
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
        let m =
            Matcher::new(vec![(0, compile("partenariat", &s).unwrap()), (1, compile("enquête", &s).unwrap())]).unwrap();
        let text = analyse("Nos partenariats, une Enquête, des enquêteurs ; le copartenariat non.");
        let mut hits = Vec::new();
        m.find(&text, &mut hits);
        let found: Vec<(usize, &str)> = hits.iter().map(|h| (h.lexicon, text.folded_word(h.token))).collect();
        assert_eq!(found, [(0, "partenariats"), (1, "enquete"), (1, "enqueteurs")]);
    }

    #[test]
    fn overlapping_terms_are_all_reported() {
        let s = stemmer(Lang::Fr);
        let m = Matcher::new(vec![
            (0, compile("comité", &s).unwrap()),
            (1, compile("comité d'usagers", &s).unwrap()),
            (2, compile("=usagers", &s).unwrap()),
        ])
        .unwrap();
        let text = analyse("Le comité d'usagers se réunit.");
        let mut hits = Vec::new();
        m.find(&text, &mut hits);
        assert_eq!(
            hits,
            [
                Hit { lexicon: 0, token: 1, words: 1 },
                Hit { lexicon: 1, token: 1, words: 3 },
                Hit { lexicon: 2, token: 3, words: 1 }
            ]
        );
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
