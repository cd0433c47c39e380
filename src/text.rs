//! Reading answers as a reviewer does: words (case- and accent-folded, French
//! elisions split), sentences, and the surface clues of concreteness that a
//! word list cannot see — figures, years, names, acronyms.
//!
//! The folded form is one string, `" mot1 mot2 … "`, every word preceded by a
//! space: lexicon terms (see `lexicon`) are then found by one Aho-Corasick
//! pass over it, word boundaries included, instead of word-by-word lookups.

use std::ops::Range;

/// What a word looks like in the original text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Starts with an upper-case letter (and is not the sentence's first word).
    pub capitalized: bool,
    /// Two or more letters, all upper-case: CCAS, CAF, QPV.
    pub acronym: bool,
    /// Made of digits (with inner separators: 1 200, 12,5, 3.5).
    pub number: bool,
    /// A number that reads as a year, 1950–2099.
    pub year: bool,
    /// The first word of its sentence.
    pub sentence_start: bool,
}

#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the original text.
    pub span: Range<usize>,
    /// Byte offset of the word in the folded string (after its leading space).
    pub folded_start: usize,
    pub sentence: usize,
    pub shape: Shape,
}

/// One answer, folded and split.
#[derive(Debug, Default)]
pub struct Analysed {
    pub folded: String,
    pub tokens: Vec<Token>,
    /// Byte ranges of sentences in the original text.
    pub sentences: Vec<Range<usize>>,
}

impl Analysed {
    /// The token whose folded word starts at `folded_start`.
    pub fn token_at(&self, folded_start: usize) -> Option<usize> {
        self.tokens.binary_search_by_key(&folded_start, |t| t.folded_start).ok()
    }

    /// Whether a token is part of a proper name: capitalised mid-sentence
    /// (not typed all in capitals) next to another such word or a number,
    /// as in "Femmes Relais 93".
    pub fn in_name(&self, token: usize) -> bool {
        let proper = |t: &Token| t.shape.capitalized && !t.shape.acronym;
        let Some(this) = self.tokens.get(token) else { return false };
        let beside =
            |t: Option<&Token>| t.is_some_and(|t| t.sentence == this.sentence && (proper(t) || t.shape.number));
        proper(this)
            && (beside(token.checked_sub(1).and_then(|p| self.tokens.get(p))) || beside(self.tokens.get(token + 1)))
    }

    pub fn folded_word(&self, token: usize) -> &str {
        let start = self.tokens[token].folded_start;
        let end = self.folded[start..].find(' ').map_or(self.folded.len(), |i| start + i);
        &self.folded[start..end]
    }
}

/// Appends the lower-case, accent-free form of `c` to `out`.
/// Covers the letters French and English texts use; others are lower-cased.
pub fn fold_char(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// Folds a whole phrase the way `analyse` folds text: words joined by one space.
pub fn fold_phrase(phrase: &str) -> String {
    let analysed = analyse(phrase);
    analysed.folded.trim().to_owned()
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | ';' | '\n' | '…')
}

/// Whether the text after a line break starts a paragraph or a list item.
fn starts_block(rest: &str) -> bool {
    let line = rest.trim_start_matches([' ', '\t']);
    let mut chars = line.chars();
    match chars.next() {
        // A bracketed note ("[voir devis]") stands on its own line.
        None | Some('\n' | '\r' | '-' | '•' | '*' | '–' | '—' | '·' | '[') => true,
        Some(c) if c.is_ascii_digit() => list_number_len(line).is_some(),
        _ => false,
    }
}

/// "2." "3)" "4 -": the length of a list item's number, if `line` starts with one.
fn list_number_len(line: &str) -> Option<usize> {
    let digits = line.len() - line.trim_start_matches(|d: char| d.is_ascii_digit()).len();
    let after = line[digits..].trim_start_matches(' ');
    (digits > 0 && digits <= 2 && after.starts_with(['.', ')', '-', '–'])).then_some(digits)
}

fn is_word_char(c: char) -> bool {
    classify(c).0
}

/// A character and its length in bytes, ASCII first: most answers are
/// ASCII with a few accented letters, and this is the hot loop of scoring.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// (is a word character, is upper-case, is a letter), with the Latin-1
/// letters French uses answered without Unicode tables.
#[inline]
fn classify(c: char) -> (bool, bool, bool) {
    match c {
        'a'..='z' => (true, false, true),
        'A'..='Z' => (true, true, true),
        '0'..='9' => (true, false, false),
        _ if c.is_ascii() => (false, false, false),
        // French typography, common enough to skip the Unicode tables.
        '×' | '÷' | '\u{a0}' | '\u{202f}' | '’' | '‘' | '«' | '»' | '“' | '”' | '–' | '—' | '…' | '•' => {
            (false, false, false)
        }
        'À'..='Þ' => (true, true, true),
        'ß'..='ÿ' => (true, false, true),
        _ if c.is_alphabetic() => (true, c.is_uppercase(), true),
        _ => (c.is_numeric(), false, false),
    }
}

/// Splits `text` into folded words and sentences.
pub fn analyse(text: &str) -> Analysed {
    let bytes = text.as_bytes();
    // Built as bytes (ASCII letters are folded with one table lookup) and
    // checked back into a String once at the end.
    let mut folded: Vec<u8> = Vec::with_capacity(text.len() + 2);
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut sentences = Vec::new();
    folded.push(b' ');
    let mut sentence = 0usize;
    let mut sentence_start = 0usize;
    let mut sentence_has_words = false;
    let mut buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (c, len, word, upper_first) = if b < 0x80 {
            let count = COUNT[usize::from(b)];
            (char::from(b), 1, count != 0, count & FIELD != 0)
        } else {
            let (c, len) = char_at(text, i);
            let (word, upper, _) = classify(c);
            (c, len, word, upper)
        };
        if word {
            let start = i;
            let folded_start = folded.len();
            let (mut upper, mut letters, mut digits) = (0usize, 0usize, 0usize);
            let mut end = i;
            loop {
                // A run of ASCII word characters, counted and folded in one go:
                // most of any answer. One add per character counts all three
                // kinds (see `COUNT`).
                let run = end;
                let mut counts = 0u64;
                for &d in &bytes[end..bytes.len().min(end + MAX_RUN)] {
                    let count = COUNT[usize::from(d)];
                    if count == 0 {
                        break;
                    }
                    counts += count;
                }
                end += ((counts >> 42) + ((counts >> 21) & FIELD)) as usize;
                upper += (counts & FIELD) as usize;
                letters += ((counts >> 21) & FIELD) as usize;
                digits += (counts >> 42) as usize;
                folded.extend(bytes[run..end].iter().map(u8::to_ascii_lowercase));
                let Some(&n) = bytes.get(end) else { break };
                let (separator, nlen) = if n < 0x80 {
                    (matches!(n, b',' | b'.' | b' '), 1)
                } else {
                    let (ch, nlen) = char_at(text, end);
                    let (word, is_upper, is_letter) = classify(ch);
                    if word {
                        upper += usize::from(is_upper);
                        letters += usize::from(is_letter);
                        buf.clear();
                        fold_char(ch, &mut buf);
                        folded.extend_from_slice(buf.as_bytes());
                        end += nlen;
                        continue;
                    }
                    (matches!(ch, '\u{a0}' | '\u{202f}'), nlen)
                };
                // Keep "1 200", "12,5" and "3.5" as one number.
                if digits > 0 && letters == 0 && separator && bytes.get(end + nlen).is_some_and(u8::is_ascii_digit) {
                    end += nlen;
                    continue;
                }
                break;
            }
            let first = !sentence_has_words;
            // A list item's number is not a figure.
            let number = digits > 0 && letters == 0 && !(first && list_number_len(&text[start..]).is_some());
            let year = number && end - start == 4 && matches!(&bytes[start..start + 2], b"19" | b"20");
            tokens.push(Token {
                span: start..end,
                folded_start,
                sentence,
                shape: Shape {
                    capitalized: upper_first && !first && letters > 1,
                    acronym: letters >= 2 && upper == letters,
                    number,
                    year,
                    sentence_start: first,
                },
            });
            folded.push(b' ');
            sentence_has_words = true;
            i = end;
            continue;
        }
        i += len;
        if ends_sentence(c) {
            let rest = &text[i..];
            // "etc. et", "M. dupont": a dot before a lower-case word goes on.
            if c == '.' && rest.trim_start().chars().next().is_some_and(char::is_lowercase) {
                continue;
            }
            // A line break inside a paragraph is only wrapping; a blank line
            // or a list item starts a new sentence.
            if c == '\n' && !starts_block(rest) && !text[..i - 1].trim_end().ends_with(']') {
                continue;
            }
            if sentence_has_words {
                sentences.push(sentence_start..i);
                sentence += 1;
                sentence_has_words = false;
            }
            sentence_start = i;
        }
    }
    if sentence_has_words {
        sentences.push(sentence_start..text.len());
    }
    // Only ASCII bytes and whole folded characters were pushed.
    let folded = String::from_utf8(folded).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Analysed { folded, tokens, sentences }
}

/// What one ASCII byte adds to a word's counts, in three 21-bit fields:
/// upper-case letters (bits 0–20), letters (21–41), digits (42–62); 0 for
/// bytes that are not word characters. Runs are at most `MAX_RUN` bytes,
/// so a field never overflows (a longer "word" is split, harmlessly).
static COUNT: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        table[i] = if b.is_ascii_lowercase() {
            1 << 21
        } else if b.is_ascii_uppercase() {
            1 | 1 << 21
        } else if b.is_ascii_digit() {
            1 << 42
        } else {
            0
        };
        i += 1;
    }
    table
};
const FIELD: u64 = (1 << 21) - 1;
const MAX_RUN: usize = 1 << 20;

/// Trims a sentence for quoting: whitespace folded, at most `max` characters,
/// cut at a word boundary with an ellipsis.
pub fn quote(text: &str, max: usize) -> String {
    let body = text.trim_start_matches(|c: char| matches!(c, '-' | '•' | '*') || c.is_whitespace());
    // Whitespace runs become one space; folding stops at `max` characters
    // (`over` says there was more), which is all a quote can show.
    let mut flat = String::with_capacity(body.len().min(max * 4 + 4));
    let (mut chars, mut space, mut over) = (0, false, false);
    for c in body.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            if chars == max {
                over = true;
                break;
            }
            flat.push(' ');
            chars += 1;
            space = false;
        }
        if chars == max {
            over = true;
            break;
        }
        flat.push(c);
        chars += 1;
    }
    if !over {
        return flat;
    }
    let cut = match flat.rfind(' ') {
        Some(i) if i > max / 2 => &flat[..i],
        _ => &flat,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Number of words, for "too thin to read" completeness checks.
pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let a = analyse(text);
        (0..a.tokens.len()).map(|i| a.folded_word(i).to_owned()).collect()
    }

    #[test]
    fn folds_case_and_accents_and_splits_elisions() {
        assert_eq!(
            words("L’enquête qu'a menée l'Œuvre d’Été"),
            ["l", "enquete", "qu", "a", "menee", "l", "oeuvre", "d", "ete"]
        );
    }

    #[test]
    fn hyphenated_words_split_into_parts() {
        assert_eq!(words("co-construction"), ["co", "construction"]);
    }

    #[test]
    fn numbers_keep_their_inner_separators() {
        let a = analyse("1 200 familles, 12,5 % et 3.5 ans en 2023.");
        let numbers: Vec<&str> = a
            .tokens
            .iter()
            .filter(|t| t.shape.number)
            .map(|t| &"1 200 familles, 12,5 % et 3.5 ans en 2023."[t.span.clone()])
            .collect();
        assert_eq!(numbers, ["1 200", "12,5", "3.5", "2023"]);
        assert!(a.tokens.last().is_some_and(|t| t.shape.year));
    }

    #[test]
    fn sentences_end_at_punctuation_and_line_breaks() {
        let a = analyse("Première phrase. Deuxième ; troisième\n- quatrième\n1) cinquième\n\nsixième");
        assert_eq!(a.tokens.iter().map(|t| t.sentence).collect::<Vec<_>>(), [0, 0, 1, 2, 3, 4, 4, 5]);
    }

    #[test]
    fn a_bracketed_line_is_a_sentence_of_its_own() {
        let a = analyse("Une salle prêtée\n[voir le devis]\nle mercredi");
        assert_eq!(a.sentences.len(), 3);
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let a = analyse("Une phrase longue\nretournée à la ligne\npar l'éditeur.");
        assert_eq!(a.sentences.len(), 1);
    }

    #[test]
    fn names_and_acronyms_are_seen_but_not_sentence_starts() {
        let a = analyse("Nous travaillons avec le CCAS et Habitat 76.");
        let shapes: Vec<Shape> = a.tokens.iter().map(|t| t.shape).collect();
        assert!(!shapes[0].capitalized && shapes[0].sentence_start);
        assert!(shapes[4].acronym);
        assert!(shapes[6].capitalized);
        assert!(shapes[7].number && !shapes[7].year);
    }

    #[test]
    fn quotes_are_short_and_cut_at_words() {
        assert_eq!(quote("  - un   deux\ntrois ", 40), "un deux trois");
        assert_eq!(quote("alpha beta gamma delta epsilon", 18), "alpha beta gamma…");
        assert_eq!(quote("alpha beta gamma\u{a0}delta", 16), "alpha beta…");
        assert_eq!(quote("alpha beta gamma delta", 17), "alpha beta gamma…");
        assert_eq!(quote("alpha beta, gamma", 11), "alpha beta…");
    }

    #[test]
    fn names_are_capitalised_words_side_by_side_not_shouting() {
        let a = analyse("Une médiatrice de Femmes Relais 93 reçoit les Parents.");
        let named: Vec<bool> = (0..a.tokens.len()).map(|i| a.in_name(i)).collect();
        assert_eq!(named, [false, false, false, true, true, false, false, false, false]);
        let shouted = analyse("LES HABITANTS DÉCIDENT DU MENU.");
        assert!((0..shouted.tokens.len()).all(|i| !shouted.in_name(i)));
    }

    #[test]
    fn token_lookup_by_folded_offset() {
        let a = analyse("un deux");
        assert_eq!(a.token_at(a.tokens[1].folded_start), Some(1));
        assert_eq!(a.token_at(2), None);
    }
}
