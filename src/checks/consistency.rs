//! Consistency across the whole manuscript: one word written two ways.
//!
//! `spelling-variants` groups the words of the manuscript by a key that erases the differences
//! between British and American spelling (-our/-or, -re/-er, -ence/-ense, -ise/-ize, -yse/-yze,
//! -ogue/-og, doubled l before a suffix) and between hyphenated, open and closed compounds
//! (decision-making / decision making, e-mail / email); a key written in two forms is reported
//! once, at the first occurrence of the less frequent form, with the counts of each.
//! `acronym-case` reports an acronym written in capitals and also in another case (NATO / Nato).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use serde::Deserialize;

use super::{Check, Context, LanguageScope, skip_ranges};
use crate::diagnostic::Finding;
use crate::manuscript::{Manuscript, Part};

/// Words that make "closed vs open" pairs legitimately different (maybe / may be, into / in to).
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "each", "every", "for", "from", "had", "has", "have", "he", "her", "his", "if", "in",
    "into", "is", "it", "its", "may", "more", "most", "no", "not", "of", "on", "one", "or", "our",
    "out", "she", "so", "some", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "up", "was", "we", "were", "what", "when", "where", "which", "who",
    "will", "with", "would", "you",
];

/// Second words that make a verb and its particle ("shut down") next to a noun ("shutdown").
const PARTICLES: &[&str] = &["away", "back", "down", "off", "out", "over", "through"];
/// First words that make an adjective and its noun ("new line") next to a term ("newline").
const OPEN_FIRST: &[&str] = &[
    "free", "full", "high", "low", "new", "old", "real", "self", "top", "well",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn prose() -> Vec<Part> {
    vec![Part::Title, Part::Abstract, Part::Heading, Part::Body]
}

/// A word occurrence: its source span, its place in the unit's text, and its text.
struct Occurrence {
    span: Range<usize>,
    local: Range<usize>,
    text: String,
}

/// The words of each unit in scope. Words that touch a period, slash, underscore, digit or `@`
/// (file names, paths, identifiers, addresses) are left out.
fn words_of(ms: &Manuscript, parts: &[Part], scope: &LanguageScope) -> Vec<Vec<Occurrence>> {
    ms.units_in(parts)
        .filter(|u| scope.includes(u, ms))
        .map(|unit| {
            let text = unit.text.as_str();
            let skip = skip_ranges(text);
            let code_like = |c: Option<char>| {
                c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '_' | '/' | '@' | '\\'))
            };
            let mut out = Vec::new();
            let mut start: Option<usize> = None;
            let mut chars = text.char_indices().peekable();
            loop {
                let next = chars.next();
                let (i, c) = next.unwrap_or((text.len(), ' '));
                let joins = c == '-'
                    && start.is_some()
                    && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
                if next.is_some() && (c.is_alphabetic() || joins) {
                    start.get_or_insert(i);
                    continue;
                }
                if let Some(s) = start.take() {
                    let before = text[..s].chars().next_back();
                    // "name.ext" or ".ext": a period between a word and a letter or digit.
                    let after_next = text[(i + c.len_utf8()).min(text.len())..].chars().next();
                    let before_previous =
                        before.and_then(|b| text[..s - b.len_utf8()].chars().next_back());
                    let file_like = (c == '.' && after_next.is_some_and(char::is_alphanumeric))
                        || (before == Some('.')
                            && before_previous.is_some_and(char::is_alphanumeric));
                    if !code_like(before)
                        && !code_like(Some(c))
                        && !file_like
                        && !skip.iter().any(|r| r.start <= s && s < r.end)
                    {
                        out.push(Occurrence {
                            span: unit.text.to_source(s..i),
                            local: s..i,
                            text: text[s..i].to_string(),
                        });
                    }
                }
                if next.is_none() {
                    break;
                }
            }
            out
        })
        .collect()
}

/// A spelling key that British and American forms of a word share.
fn spelling_key(word: &str) -> String {
    let mut w = word.to_lowercase().replace('-', "");
    const SUFFIXES: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("ysing", "yzing"),
        ("ence", "ense"),
        ("ences", "enses"),
        ("ogue", "og"),
        ("ogues", "ogs"),
        ("elled", "eled"),
        ("elling", "eling"),
        ("eller", "eler"),
        ("ellers", "elers"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("bre", "ber"),
        ("bres", "bers"),
    ];
    for (british, american) in SUFFIXES {
        if let Some(stem) = w.strip_suffix(british)
            && stem.chars().count() >= 3
        {
            w = format!("{stem}{american}");
            break;
        }
    }
    // -our → -or inside or at the end of a word (colour, behaviour, favourable, labour). Only
    // forms that both occur in the text are ever compared, so "four" / "for" cannot meet.
    if let Some(at) = w.rfind("our").filter(|&at| at >= 2) {
        w.replace_range(at..at + 3, "or");
    }
    w
}

pub struct SpellingVariants {
    parts: Vec<Part>,
    scope: LanguageScope,
}

impl SpellingVariants {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            scope,
        }
    }
}

impl Check for SpellingVariants {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let units = words_of(cx.manuscript, &self.parts, &self.scope);
        // key → form (lowercase) → occurrences
        let mut forms: HashMap<String, BTreeMap<String, Vec<Range<usize>>>> = HashMap::new();
        let mut add = |key: String, form: String, span: Range<usize>| {
            forms
                .entry(key)
                .or_default()
                .entry(form)
                .or_default()
                .push(span);
        };
        // Closed compounds, and hyphenated ones used as nouns: what an open compound is compared
        // with. A hyphenated compound before a noun ("compile-time error") is right next to an
        // open one elsewhere ("at compile time"), so it is only compared with closed forms.
        let mut comparable: HashSet<String> = HashSet::new();
        for unit in &units {
            for (index, word) in unit.iter().enumerate() {
                let lower = word.text.to_lowercase();
                if lower.chars().count() < 4 {
                    continue;
                }
                // Before a noun ("compile-time error"), or coordinated with another compound
                // that is ("case-sensitive and case-insensitive search").
                let attributive = lower.contains('-')
                    && unit.get(index + 1).is_some_and(|next| {
                        let next_lower = next.text.to_lowercase();
                        let coordinated = matches!(next_lower.as_str(), "and" | "or")
                            && unit
                                .get(index + 2)
                                .is_some_and(|other| other.text.contains('-'));
                        next.local.start == word.local.end + 1
                            && (coordinated || !FUNCTION_WORDS.contains(&next_lower.as_str()))
                    });
                if !attributive {
                    comparable.insert(lower.replace('-', ""));
                }
                add(spelling_key(&lower), lower, word.span.clone());
            }
        }
        // Open compounds: two words whose joined form is written closed or hyphenated elsewhere.
        for unit in &units {
            for pair in unit.windows(2) {
                let (a, b) = (pair[0].text.to_lowercase(), pair[1].text.to_lowercase());
                if a.contains('-')
                    || b.contains('-')
                    || pair[1].local.start != pair[0].local.end + 1
                {
                    continue;
                }
                if FUNCTION_WORDS.contains(&a.as_str())
                    || FUNCTION_WORDS.contains(&b.as_str())
                    || OPEN_FIRST.contains(&a.as_str())
                    || PARTICLES.contains(&b.as_str())
                    || a.chars().count() < 3
                    || b.chars().count() < 3
                {
                    continue;
                }
                let joined = format!("{a}{b}");
                if comparable.contains(&joined) {
                    add(
                        spelling_key(&joined),
                        format!("{a} {b}"),
                        pair[0].span.start..pair[1].span.end,
                    );
                }
            }
        }
        let mut findings = Vec::new();
        for variants in forms.values() {
            if variants.len() < 2 {
                continue;
            }
            let mut ranked: Vec<(&String, &Vec<Range<usize>>)> = variants.iter().collect();
            ranked.sort_by(|a, b| {
                b.1.len()
                    .cmp(&a.1.len())
                    .then(a.1[0].start.cmp(&b.1[0].start))
            });
            let (main, main_spans) = ranked[0];
            for (form, spans) in &ranked[1..] {
                let counts = ranked
                    .iter()
                    .map(|(f, s)| format!("“{f}” {}×", s.len()))
                    .collect::<Vec<_>>()
                    .join(", ");
                findings.push(
                    Finding::at(spans[0].clone())
                        .arg("form", form.as_str())
                        .arg("main", main.as_str())
                        .arg("counts", counts)
                        .label(main_spans[0].clone(), format!("“{main}” here")),
                );
            }
        }
        findings.sort_by_key(|f| f.span.start);
        findings
    }
}

pub struct AcronymCase {
    parts: Vec<Part>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymParams {
    #[serde(default = "with_references")]
    parts: Vec<Part>,
}

fn with_references() -> Vec<Part> {
    vec![
        Part::Title,
        Part::Abstract,
        Part::Keywords,
        Part::Heading,
        Part::Body,
        Part::References,
    ]
}

impl AcronymCase {
    pub fn new(params: AcronymParams) -> Self {
        Self {
            parts: params.parts,
        }
    }
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase())
}

impl Check for AcronymCase {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let units = words_of(cx.manuscript, &self.parts, &LanguageScope::default());
        let mut acronyms: HashMap<String, (usize, Range<usize>)> = HashMap::new();
        for word in units.iter().flatten() {
            if is_acronym(&word.text) {
                let entry = acronyms
                    .entry(word.text.clone())
                    .or_insert((0, word.span.clone()));
                entry.0 += 1;
            }
        }
        let mut findings = Vec::new();
        for word in units.iter().flatten() {
            // "Nato" (capitalised, rest lowercase) or "nato" for an acronym used in capitals 3+ times.
            let upper = word.text.to_uppercase();
            if word.text == upper || acronyms.get(&upper).is_none_or(|(n, _)| *n < 3) {
                continue;
            }
            // Only the capitalised form ("Nato"): a lowercase one is usually a file extension
            // or code ("hello.html").
            let capitalised = word.text.chars().next().is_some_and(char::is_uppercase)
                && word.text.chars().skip(1).all(|c| c.is_lowercase());
            if !capitalised {
                continue;
            }
            let (count, first) = &acronyms[&upper];
            findings.push(
                Finding::at(word.span.clone())
                    .arg("form", &word.text)
                    .arg("acronym", &upper)
                    .arg("count", count)
                    .label(
                        first.clone(),
                        format!("“{upper}” here and {} more times", count - 1),
                    ),
            );
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_and_american_forms_share_a_key() {
        for (a, b) in [
            ("defence", "defense"),
            ("organisation", "organization"),
            ("colour", "color"),
            ("centre", "center"),
            ("analysed", "analyzed"),
            ("modelling", "modeling"),
            ("behaviour", "behavior"),
            ("catalogue", "catalog"),
            ("decision-making", "decisionmaking"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("license", "lice"),
            ("wise", "wiser"),
            ("sentence", "sentense-like"),
        ] {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
    }
}
