//! `acronyms`: abbreviations defined in the text ("North Atlantic Treaty Organization (NATO)",
//! "NATO (North Atlantic Treaty Organization)") and how they are used: before their definition,
//! defined twice, or defined and then never used.
//!
//! A definition counts only when the initials of the spelled-out words give the abbreviation, so
//! "(see Table 2)" or "(WHO, 2020)" are never taken for definitions. Each abstract is checked on
//! its own and the body on its own, as APA asks for abbreviations to be defined in both.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context};
use crate::diagnostic::Finding;
use crate::manuscript::{Manuscript, Part};

/// Words the initials of a long form may skip ("Department of Health and Social Care").
const SKIPPABLE: &[&str] = &[
    "and", "de", "der", "des", "for", "in", "of", "on", "the", "to", "&", "und", "et", "la", "le",
    "van", "von",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Report {
    BeforeDefinition,
    DefinedTwice,
    Unused,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    report: Report,
}

pub struct Acronyms {
    report: Report,
}

impl Acronyms {
    pub fn new(params: Params) -> Self {
        Self {
            report: params.report,
        }
    }
}

/// A definition or a use, in source bytes.
#[derive(Debug, Clone)]
struct Mention {
    span: Range<usize>,
    definition: bool,
}

/// The patterns of definitions and uses: "long form (SHORT)", "SHORT (long form)", a token with
/// two capitals or more.
struct DefinitionPatterns {
    long_then_short: Regex,
    /// The "(SHORT)" of `long_then_short` alone: most paragraphs have none with an abbreviation
    /// in it (a citation's "(Smith," is not), and then the costly long form is never sought.
    bracketed_short: Regex,
    short_then_long: Regex,
    token: Regex,
}

/// The most words a long form before its "(SHORT)" is read from.
const LONG_FORM_WORDS: usize = 12;
/// The longest long form in brackets after its "SHORT (…)".
const LONG_FORM_CHARS: usize = 120;

fn definition_patterns() -> &'static DefinitionPatterns {
    static PATTERNS: OnceLock<DefinitionPatterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        const BRACKETED_SHORT: &str = r"[\(\[](\p{Lu}[\p{Lu}\p{Ll}0-9&]{1,9})[\)\],]";
        // The words before the bracket: all of them here, the last LONG_FORM_WORDS in code (a
        // bounded repetition of a Unicode class compiles into that many copies of it, which
        // cost more than reading a manuscript).
        let long_then_short =
            Regex::new(&format!(r"((?:[\p{{L}}&'’-]+[ \t]+)+?){BRACKETED_SHORT}"))
                .expect("pattern compiles");
        let bracketed_short = Regex::new(BRACKETED_SHORT).expect("pattern compiles");
        // The long form in brackets is at most LONG_FORM_CHARS long, checked in code.
        let short_then_long = Regex::new(r"\b(\p{Lu}[\p{Lu}0-9&]{1,9})[ \t]+\(([^()]{3,})\)")
            .expect("pattern compiles");
        let token = Regex::new(r"\b\p{Lu}[\p{Lu}\p{Ll}0-9&]*\p{Lu}[\p{Lu}0-9]*\b")
            .expect("pattern compiles");
        DefinitionPatterns {
            long_then_short,
            bracketed_short,
            short_then_long,
            token,
        }
    })
}

/// Whether the initials of `words` spell `short` (ignoring case and skippable small words).
fn initials_match(words: &[&str], short: &str) -> bool {
    let letters: Vec<char> = short
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.len() < 2 {
        return false;
    }
    // Try the shortest tail of the words whose initials give the letters.
    for start in (0..words.len()).rev() {
        let tail: Vec<char> = words[start..]
            .iter()
            .filter(|w| !SKIPPABLE.contains(&w.to_lowercase().as_str()))
            .flat_map(|w| w.split(['-'])) // "Euro-Atlantic" may give two letters
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        if tail == letters {
            return true;
        }
        if tail.len() > letters.len() {
            break;
        }
    }
    // Or the first letters of the words in order, some words giving more than one letter.
    false
}

fn is_acronym_token(word: &str) -> bool {
    let upper = word.chars().filter(|c| c.is_uppercase()).count();
    upper >= 2 && word.chars().count() <= 10 && !is_roman(word)
}

fn is_roman(word: &str) -> bool {
    word.chars().all(|c| "IVXLCDM".contains(c))
}

/// Mentions of each abbreviation in the given parts, in document order.
fn mentions(ms: &Manuscript, parts: &[Part]) -> HashMap<String, Vec<Mention>> {
    let patterns = definition_patterns();
    let mut out: HashMap<String, Vec<Mention>> = HashMap::new();
    for unit in ms.units_in(parts) {
        let text = unit.text.as_str();
        let mut defined_at: Vec<Range<usize>> = Vec::new();
        // Only a bracketed abbreviation can end a "long form (SHORT)" definition.
        let bracketed_abbreviation = patterns.bracketed_short.find_iter(text).any(|m| {
            let inner = &m.as_str()[1..m.as_str().len() - 1];
            is_acronym_token(inner)
        });
        let long_then_short = bracketed_abbreviation
            .then(|| patterns.long_then_short.captures_iter(text))
            .into_iter()
            .flatten();
        for c in long_then_short {
            let (Some(long), Some(short)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let words: Vec<&str> = long.as_str().split_whitespace().collect();
            let words = &words[words.len().saturating_sub(LONG_FORM_WORDS)..];
            if is_acronym_token(short.as_str()) && initials_match(words, short.as_str()) {
                defined_at.push(short.range());
                out.entry(short.as_str().to_string())
                    .or_default()
                    .push(Mention {
                        span: unit.text.to_source(short.range()),
                        definition: true,
                    });
            }
        }
        for c in patterns.short_then_long.captures_iter(text) {
            let (Some(short), Some(long)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if long.as_str().chars().count() > LONG_FORM_CHARS {
                continue;
            }
            let words: Vec<&str> = long.as_str().split_whitespace().collect();
            if is_acronym_token(short.as_str())
                && initials_match(&words, short.as_str())
                && !defined_at.contains(&short.range())
            {
                defined_at.push(short.range());
                out.entry(short.as_str().to_string())
                    .or_default()
                    .push(Mention {
                        span: unit.text.to_source(short.range()),
                        definition: true,
                    });
            }
        }
        for m in patterns.token.find_iter(text) {
            if defined_at.contains(&m.range()) || !is_acronym_token(m.as_str()) {
                continue;
            }
            out.entry(m.as_str().to_string())
                .or_default()
                .push(Mention {
                    span: unit.text.to_source(m.range()),
                    definition: false,
                });
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|m| m.span.start);
    }
    out
}

/// The abbreviations of a document and their mentions, by scope: the body with its headings,
/// then each abstract on its own. Computed once per document for the three rules that read it.
struct AbbreviationMentions {
    body: HashMap<String, Vec<Mention>>,
    abstracts: Vec<HashMap<String, Vec<Mention>>>,
}

impl AbbreviationMentions {
    fn of(ms: &Manuscript) -> Self {
        let body = mentions(ms, &[Part::Heading, Part::Body]);
        let in_abstracts = mentions(ms, &[Part::Abstract]);
        let abstracts = ms
            .abstracts
            .iter()
            .map(|abs| {
                let span = abs.text.source_span();
                in_abstracts
                    .iter()
                    .map(|(short, list)| {
                        let inside = list
                            .iter()
                            .filter(|m| span.start <= m.span.start && m.span.end <= span.end)
                            .cloned()
                            .collect::<Vec<_>>();
                        (short.clone(), inside)
                    })
                    .filter(|(_, list)| !list.is_empty())
                    .collect()
            })
            .collect();
        Self { body, abstracts }
    }
}

impl Check for Acronyms {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let ms = cx.manuscript;
        let mut findings = Vec::new();
        let mentions = ms.shared().get_or_compute(|| AbbreviationMentions::of(ms));
        let scopes = std::iter::once(&mentions.body).chain(&mentions.abstracts);
        for scope in scopes {
            for (short, list) in scope {
                let short = short.as_str();
                let Some(first_def) = list.iter().position(|m| m.definition) else {
                    continue;
                };
                let definition = &list[first_def];
                match self.report {
                    Report::BeforeDefinition => {
                        if first_def > 0 {
                            findings.push(
                                Finding::at(list[0].span.clone())
                                    .arg("acronym", short)
                                    .arg("count", first_def)
                                    .label(definition.span.clone(), "defined here"),
                            );
                        }
                    }
                    Report::DefinedTwice => {
                        for again in list.iter().skip(first_def + 1).filter(|m| m.definition) {
                            findings.push(
                                Finding::at(again.span.clone())
                                    .arg("acronym", short)
                                    .label(definition.span.clone(), "first defined here"),
                            );
                        }
                    }
                    Report::Unused => {
                        if list.iter().skip(first_def + 1).all(|m| m.definition) {
                            findings
                                .push(Finding::at(definition.span.clone()).arg("acronym", short));
                        }
                    }
                }
            }
        }
        findings.sort_by_key(|f| f.span.start);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_must_spell_the_abbreviation() {
        assert!(initials_match(
            &["the", "North", "Atlantic", "Treaty", "Organization"],
            "NATO"
        ));
        assert!(initials_match(&["Department", "of", "Health"], "DH"));
        assert!(initials_match(
            &["functional", "magnetic", "resonance", "imaging"],
            "fMRI"
        ));
        assert!(!initials_match(&["see", "Table"], "WHO"));
        assert!(!is_acronym_token("IV"));
    }
}
