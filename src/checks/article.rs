//! `indefinite-article`: "a" before a vowel sound or "an" before a consonant sound ("a estimate",
//! "an unique"). The choice follows the sound, not the letter: "a university", "a one-off",
//! "an hour", "an honest".
//!
//! Only words whose first sound is clear from their spelling are judged. Acronyms and symbols
//! ("an MRI", "a NATO summit", "an SQL query", "a SQL query", "an x-axis", "an mRNA") are read as
//! letters by some writers and as words by others, so they are left alone, as are words whose "h"
//! is sounded by some and not by others ("an historic", "a herb"). A capital "A" is judged only at
//! the start of a sentence: elsewhere it is usually a label ("Appendix A", "vitamin A").

use std::sync::OnceLock;

use regex::Regex;

use super::{Check, Context, LanguageScope, ScopedUnit, scoped_units};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

/// A check of this kind takes only the parts it reads.
pub use super::ProseParams as Params;

pub struct Article {
    parts: Vec<Part>,
    scope: LanguageScope,
}

impl Article {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            scope,
        }
    }
}

/// Words after which "a" is not an article but a symbol or a word of another language ("a and b",
/// "where a is", "as a increases", "et al."), and German words after "an" ("an der").
const NOT_AFTER_ARTICLE: &[&str] = &[
    "and",
    "or",
    "is",
    "are",
    "was",
    "were",
    "in",
    "on",
    "of",
    "at",
    "as",
    "if",
    "it",
    "its",
    "into",
    "onto",
    "upon",
    "unless",
    "until",
    "under",
    "over",
    "equals",
    "exceeds",
    "increases",
    "decreases",
    "approaches",
    "acts",
    "appears",
    "applies",
    "occurs",
    "ends",
    "enters",
    "exists",
    "implies",
    "itself",
    "etc",
    "et",
    "e",
    "i",
    "o",
    "der",
    "den",
    "dem",
    "die",
    "das",
    "einem",
    "einer",
];

/// The first sound of a word, as far as its spelling tells: `Some(true)` for a consonant sound,
/// `Some(false)` for a vowel sound, `None` when it cannot be told (acronyms, symbols, words whose
/// "h" some writers sound and others do not).
pub fn consonant_sound(word: &str) -> Option<bool> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    // Acronyms, symbols and mixed case (NATO, MRI, x-axis, n = 3, mRNA, pH, iPhone).
    if word
        .chars()
        .skip(1)
        .any(|c| c.is_uppercase() || c.is_ascii_digit())
        || rest.is_empty()
        || rest.starts_with(['-', '’', '\''])
        || !first.is_ascii_alphabetic()
    {
        return None;
    }
    let capitalised = first.is_uppercase();
    let lower = word.to_lowercase();
    let w = lower.as_str();
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| w.starts_with(p));
    match w.as_bytes()[0] {
        b'a' | b'i' => Some(false),
        b'e' => {
            if starts(&["eu", "ewe"]) {
                // Euler and Eucken are not "you" names; Europe and Eugene are.
                if capitalised { None } else { Some(true) }
            } else {
                Some(false)
            }
        }
        b'o' => Some(
            w == "one"
                || w == "once"
                || w == "ones"
                || starts(&["one-", "ouija"])
                || (w.starts_with("one") && starts(&["onefold", "onetime"])),
        ),
        b'u' => {
            if capitalised {
                // Uruguay, Uppsala, Uber: names do not follow the patterns below.
                return None;
            }
            if starts(&["unim"]) {
                // unimodal (you) and unimportant (un-)
                None
            } else if starts(&["unin", "unident"]) {
                Some(false)
            } else if starts(&["uni", "unanim"]) {
                Some(true)
            } else {
                // u + one consonant + vowel is "you": usual, utility, urine, ubiquitous, uvula.
                let b = w.as_bytes();
                Some(
                    b.len() > 2
                        && b"bklrstv".contains(&b[1])
                        && b"aeiouy".contains(&b[2])
                        && !w.starts_with("usher"),
                )
            }
        }
        b'h' => {
            if starts(&["hour", "honest", "honor", "honour", "heir"]) {
                Some(false)
            } else if starts(&[
                "herb", "homage", "hors", "hist", "hyp", "hab", "hot", "heroic", "hered", "heret",
                "hilar", "horr", "hom",
            ]) {
                // sounded by some and not by others ("an historic", "an herb")
                None
            } else {
                Some(true)
            }
        }
        // year, young; yttrium (a vowel sound)
        b'y' => Some(w.as_bytes().get(1).is_none_or(|c| b"aeiou".contains(c))),
        b'x' => None,
        _ => Some(true),
    }
}

/// The first sound of a number read aloud: a vowel for "8", "80", "800", "8.5", "8,000"
/// (eight…) and for "11" and "18" and their thousands (eleven, eighteen); a consonant for the
/// rest ("one", "two", "ten", "twelve"). Four-digit numbers from 1100 to 1899 are read as
/// "eleven hundred" or "one thousand one hundred", so cannot be told.
fn number_sound(number: &str) -> Option<bool> {
    let integer = number.split('.').next().unwrap_or(number);
    let digits: String = integer.chars().filter(char::is_ascii_digit).collect();
    if digits.starts_with('8') {
        return Some(false);
    }
    if digits.starts_with("11") || digits.starts_with("18") {
        let leading = integer.split(',').next().unwrap_or(integer).len();
        return match (integer.contains(','), digits.len()) {
            (true, _) => Some(leading != 2),
            (false, 4) => None,
            (false, n) => Some(n % 3 != 2),
        };
    }
    // A leading zero ("a 0.5 mm step": "zero" or "nought") and the rest start with a consonant.
    Some(true)
}

fn article_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?P<article>[Aa]n?)\s+(?P<word>\p{L}[\p{L}\p{N}’'\-]*|\d[\d,.]*\d|\d)")
            .expect("built-in pattern compiles")
    })
}

/// Whether the article at `at` starts a sentence (or the unit).
fn starts_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '"', '“', '(', '['])
}

/// Whether the capital "A" at `at`, before the capitalised `word`, is the letter of a heading
/// ("A Appendix: Sensitivity analysis", "A Omitted proofs"): in a heading, or at the start of a
/// short line that ends without a full stop.
fn lettered_heading(text: &str, at: usize, word: &str, part: Part) -> bool {
    if !word.starts_with(char::is_uppercase) {
        return false;
    }
    if part == Part::Heading {
        return true;
    }
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[line_start..line_end].trim_end();
    text[line_start..at].trim().is_empty()
        && line.split_whitespace().count() <= 15
        && !line.ends_with(['.', '!', '?', ','])
}

impl Check for Article {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for ScopedUnit { unit, text, skip } in scoped_units(cx, &self.parts, &self.scope) {
            for captures in article_regex().captures_iter(text) {
                let (article, word) = (&captures["article"], &captures["word"]);
                let span = captures.name("article").expect("always matches").range();
                let whole = captures.get(0).expect("group 0").range();
                if skip.overlaps(&whole) {
                    continue;
                }
                // Part of a name, path or identifier: "x-a", "file.a", "o'a", "A/B".
                let before = text[..span.start].chars().next_back();
                let after = text[whole.end..].chars().next();
                if before.is_some_and(|c| matches!(c, '-' | '’' | '\'' | '.' | '/' | '_' | '@'))
                    || after.is_some_and(|c| matches!(c, '/' | '_' | '@' | '(' | '='))
                    || (after == Some('.')
                        && text[whole.end + 1..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric))
                {
                    continue;
                }
                if article.starts_with('A')
                    && (!starts_sentence(text, span.start)
                        || lettered_heading(text, span.start, word, unit.part))
                {
                    continue;
                }
                let lower = word.to_lowercase();
                if NOT_AFTER_ARTICLE.contains(&lower.as_str()) {
                    continue;
                }
                let an = article.len() == 2;
                let sound = if word.starts_with(|c: char| c.is_ascii_digit()) {
                    number_sound(word)
                } else {
                    consonant_sound(word)
                };
                let Some(consonant) = sound else {
                    continue;
                };
                if an != consonant {
                    continue;
                }
                let suggestion = if an {
                    &article[..1]
                } else {
                    &format!("{article}n")
                };
                findings.push(
                    Finding::at(unit.text.to_source(span))
                        .arg("article", article)
                        .arg("word", word)
                        .arg("sound", if consonant { "consonant" } else { "vowel" })
                        .arg("suggestion", suggestion)
                        .replace_with(suggestion.to_string(), Applicability::Unsafe),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::consonant_sound;

    #[test]
    fn numbers_sound_as_they_are_read() {
        use super::number_sound;
        assert_eq!(number_sound("88"), Some(false));
        assert_eq!(number_sound("8.5"), Some(false));
        assert_eq!(number_sound("11"), Some(false));
        assert_eq!(number_sound("18,000"), Some(false));
        assert_eq!(number_sound("180,000"), Some(true));
        assert_eq!(number_sound("1800"), None);
        assert_eq!(number_sound("110"), Some(true));
        assert_eq!(number_sound("12"), Some(true));
        assert_eq!(number_sound("1"), Some(true));
    }

    #[test]
    fn first_sounds_follow_pronunciation_not_letters() {
        for word in [
            "university",
            "unique",
            "one-off",
            "one",
            "usual",
            "utility",
            "eulogy",
            "euro",
            "ubiquitous",
            "unanimous",
            "year",
            "book",
            "hospital",
            "unidirectional",
        ] {
            assert_eq!(consonant_sound(word), Some(true), "{word}");
        }
        for word in [
            "hour",
            "honest",
            "estimate",
            "outcome",
            "increase",
            "unusual",
            "uninformed",
            "unexpected",
            "utter",
            "onerous",
            "umbrella",
            "usher",
            "heir",
        ] {
            assert_eq!(consonant_sound(word), Some(false), "{word}");
        }
        for word in [
            "MRI", "NATO", "SQL", "x-axis", "mRNA", "n", "historic", "herb", "Euler", "European",
            "Uruguay", "unimodal", "pH",
        ] {
            assert_eq!(consonant_sound(word), None, "{word}");
        }
    }
}
