//! `misspelling`: known misspellings of English words, from the misspelling list of the `typos`
//! project (the `typos-dict` crate, maintained and tuned to list only words that are never right).
//!
//! Only listed misspellings are reported, so a name or a term the list does not know is never
//! flagged. A misspelling with exactly one correction gets a fix; one with several gets them all
//! as help.

use serde::Deserialize;
use unicase::UniCase;

use std::sync::Arc;

use super::memo::UnitMemo;
use super::{Check, Context, LanguageScope, ScopedUnit, SkipRanges, scoped_units};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn prose() -> Vec<Part> {
    vec![
        Part::Title,
        Part::Abstract,
        Part::Keywords,
        Part::Heading,
        Part::Body,
    ]
}

pub struct Misspelling {
    parts: Vec<Part>,
    scope: LanguageScope,
    /// Misspellings per unit text, kept between runs when the caller asks (the language server).
    memo: UnitMemo<Vec<UnitMisspelling>>,
}

impl Misspelling {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            scope,
            memo: UnitMemo::default(),
        }
    }
}

/// The corrections for a word, if the list knows it as a misspelling.
pub fn corrections(word: &str) -> Option<&'static [&'static str]> {
    typos_dict::WORD.find(&UniCase::new(word)).copied()
}

/// `suggestion` in the case of `written`.
pub(super) fn match_case(written: &str, suggestion: &str) -> String {
    if written.chars().count() > 1 && written.chars().all(|c| !c.is_lowercase()) {
        return suggestion.to_uppercase();
    }
    if written.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = suggestion.chars();
        return chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect());
    }
    suggestion.to_string()
}

/// A misspelling in one unit's text: its range in the text, the word and the suggestions.
type UnitMisspelling = (std::ops::Range<usize>, String, Vec<String>);

impl Misspelling {
    /// The misspellings in one unit's text, in the text's coordinates.
    fn misspellings(text: &str, skip: &SkipRanges) -> Vec<UnitMisspelling> {
        let mut found = Vec::new();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_ascii_alphabetic() || (c == '\'' && start.is_some()) {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            // Words glued to digits, underscores, hyphens or non-ASCII letters are identifiers,
            // compounds or names in another script.
            let glued = |ch: char| ch.is_alphanumeric() || matches!(ch, '_' | '-' | '@' | '/');
            if text[..s].chars().next_back().is_some_and(glued) || glued(c) {
                continue;
            }
            let word = text[s..i].trim_end_matches('\'');
            // A capitalised word inside a sentence is a name ("Wirth"); capitals are acronyms.
            let before = text[..s].trim_end();
            let sentence_start =
                before.is_empty() || before.ends_with(['.', '!', '?', ':', '“', '"']);
            let capitals = word.chars().filter(char::is_ascii_uppercase).count();
            if capitals > 1 || (capitals == 1 && !sentence_start) {
                continue;
            }
            if word.len() < 3 || skip.overlaps(&(s..s + 1)) {
                continue;
            }
            let Some(list) = corrections(word) else {
                continue;
            };
            if list.is_empty() {
                continue;
            }
            let suggestions: Vec<String> = list.iter().map(|c| match_case(word, c)).collect();
            found.push((s..s + word.len(), word.to_string(), suggestions));
        }
        found
    }
}

impl Check for Misspelling {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if cx.memoize {
            self.memo.start_run();
        }
        let mut findings = Vec::new();
        for ScopedUnit { unit, text, skip } in scoped_units(cx, &self.parts, &self.scope) {
            let found = if cx.memoize {
                self.memo
                    .get_or_compute(text, || Self::misspellings(text, &skip))
            } else {
                Arc::new(Self::misspellings(text, &skip))
            };
            for (range, word, suggestions) in found.iter() {
                let span = unit.text.to_source(range.clone());
                let mut finding = Finding::at(span)
                    .arg("word", word)
                    .arg("suggestion", suggestions.join("”, “"));
                if let [only] = suggestions.as_slice() {
                    finding = finding.replace_with(only.clone(), Applicability::Safe);
                }
                findings.push(finding);
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_knows_common_misspellings_and_not_real_words() {
        assert_eq!(corrections("recieve"), Some(&["receive"][..]));
        assert!(corrections("receive").is_none());
        assert!(corrections("Teh").is_some());
        assert_eq!(match_case("Teh", "the"), "The");
    }
}
