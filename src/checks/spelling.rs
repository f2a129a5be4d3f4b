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
        Part::References,
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

/// Spellings that general dictionaries accept as variants but that academic editors correct
/// ("dependance", "programing"), each with its correction: `word<TAB>correction`, sorted.
const VARIANTS: &str = include_str!("../../rules/data/dictionaries/en-variants.tsv");

/// The variant spellings of [`VARIANTS`], by lower-case word.
static VARIANT_CORRECTIONS: std::sync::LazyLock<
    std::collections::HashMap<&'static str, [&'static str; 1]>,
> = std::sync::LazyLock::new(|| {
    VARIANTS
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, right)| (word, [right]))
        .collect()
});

/// The corrections for a word, if the list knows it as a misspelling.
pub fn corrections(word: &str) -> Option<&'static [&'static str]> {
    typos_dict::WORD
        .find(&UniCase::new(word))
        .copied()
        .or_else(|| {
            VARIANT_CORRECTIONS
                .get(word.to_lowercase().as_str())
                .map(|list| list.as_slice())
        })
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

/// Where a unit's text stands, which says what a capital means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Running prose: a capital inside a sentence makes a name.
    Prose,
    /// A title, a heading or a keyword, which capitalise their words.
    Titled,
    /// A reference entry: names after initials, titles in any language.
    Reference,
}

/// Whether most lower-case words of four letters or more in `text` are English: a reference
/// entry whose language was not detected may be a title in another language ("controle",
/// "perspectivas" are Portuguese, not English slips).
/// Lower-case words are weighed first; an entry with a title in title case has few of them, and
/// then every word counts, names (which no list knows) included.
fn mostly_english(text: &str) -> bool {
    let long: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let share = |words: &[&&str]| {
        let known = words
            .iter()
            .filter(|w| super::english_words::known(&w.to_lowercase()))
            .count();
        (known, words.len())
    };
    let lower: Vec<&&str> = long
        .iter()
        .filter(|w| w.chars().all(char::is_lowercase))
        .collect();
    if lower.len() >= 3 {
        let (known, all) = share(&lower);
        return 4 * known >= 3 * all;
    }
    let (known, all) = share(&long.iter().collect::<Vec<_>>());
    all >= 3 && 3 * known >= 2 * all
}

/// Whether the sentence around `at` in `text` is plainly in another language: at least three of
/// its lower-case words of four letters or more, and fewer than half of them English. A paragraph
/// detected as English may carry a sentence in the article's other language ("Todas as traduções
/// são de responsabilidade do autor."), whose words collide with listed misspellings.
fn sentence_in_other_language(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(['.', '!', '?', ';']).map_or(0, |i| i + 1);
    let end = text[at..]
        .find(['.', '!', '?', ';'])
        .map_or(text.len(), |i| at + i);
    let lower: Vec<&str> = text[start..end]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 4 && w.chars().all(char::is_lowercase))
        .collect();
    let known = lower
        .iter()
        .filter(|w| super::english_words::known(w))
        .count();
    lower.len() >= 3 && 2 * known < lower.len()
}

/// A misspelling in one unit's text: its range in the text, the word and the suggestions.
type UnitMisspelling = (std::ops::Range<usize>, String, Vec<String>);

impl Misspelling {
    /// The misspellings in one unit's text, in the text's coordinates.
    fn misspellings(text: &str, skip: &SkipRanges, place: Place) -> Vec<UnitMisspelling> {
        if place == Place::Reference && !mostly_english(text) {
            return Vec::new();
        }
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
            let capitalised = capitals == 1 && word.starts_with(|c: char| c.is_ascii_uppercase());
            let name = match place {
                Place::Prose => capitals == 1 && !sentence_start,
                Place::Titled => capitals == 1 && !capitalised,
                // After an initial ("O. Leary") every name starts a "sentence": only a long
                // capitalised word at a title's start is read.
                Place::Reference => capitals == 1 && (!sentence_start || word.len() < 8),
            };
            if capitals > 1 || name {
                continue;
            }
            if word.len() < 3 || skip.overlaps(&(s..s + 1)) {
                continue;
            }
            let Some(list) = corrections(word) else {
                continue;
            };
            // A capitalised word of an entry may be a journal's name in another language
            // ("Biologia Plantarum"): only a slip of one letter on its single correction counts.
            let one_letter = |list: &[&str]| matches!(list, [only] if crate::similarity::edit_distance(&word.to_lowercase(), only) == 1);
            // Short words of other languages collide with listed misspellings ("huis clos"),
            // and an entry may mix languages.
            if list.is_empty()
                || (place == Place::Reference
                    && (word.len() < 5 || (capitalised && !one_letter(list))))
                || (place == Place::Prose && sentence_in_other_language(text, s))
            {
                continue;
            }
            let suggestions: Vec<String> = list.iter().map(|c| match_case(word, c)).collect();
            found.push((s..s + word.len(), word.to_string(), suggestions));
        }
        found
    }
}

/// Words (in lower case) written with a capital inside a sentence outside the headings, title
/// and keywords: names ("Wirth"), in the prose, the author list or the reference list.
fn names_in_prose(ms: &crate::manuscript::Manuscript) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    for unit in ms
        .units
        .iter()
        .filter(|u| !matches!(u.part, Part::Heading | Part::Title | Part::Keywords))
    {
        let text = unit.text.as_str();
        let mut start = None;
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            if c.is_alphabetic() {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let word = &text[s..i];
            let before = text[..s].trim_end();
            let inside = !before.is_empty() && !before.ends_with(['.', '!', '?', ':', '“', '"']);
            if inside && word.starts_with(char::is_uppercase) {
                names.insert(word.to_lowercase());
            }
        }
    }
    names
}

impl Check for Misspelling {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if cx.memoize {
            self.memo.start_run();
        }
        let mut findings = Vec::new();
        let names = std::cell::OnceCell::new();
        // Reference entries are too short for their language to be detected reliably: an
        // entry is read when most of its words are English, whatever the detection said.
        let prose: Vec<Part> = self
            .parts
            .iter()
            .copied()
            .filter(|p| *p != Part::References)
            .collect();
        let entries = cx
            .manuscript
            .units_in(&self.parts)
            .filter(|unit| unit.part == Part::References)
            .filter(|_| self.scope.0.is_empty() || self.scope.0.contains(&"en"))
            .map(|unit| ScopedUnit {
                unit,
                text: unit.text.as_str(),
                skip: SkipRanges::of_unit(unit),
            });
        let units: Vec<ScopedUnit<'_>> = scoped_units(cx, &prose, &self.scope)
            .chain(entries)
            .collect();
        for ScopedUnit { unit, text, skip } in units {
            let place = match unit.part {
                Part::Heading | Part::Title | Part::Keywords => Place::Titled,
                Part::References => Place::Reference,
                _ => Place::Prose,
            };
            let titled = place == Place::Titled;
            let found = if cx.memoize && place == Place::Prose {
                self.memo
                    .get_or_compute(text, || Self::misspellings(text, &skip, place))
            } else {
                Arc::new(Self::misspellings(text, &skip, place))
            };
            for (range, word, suggestions) in found.iter() {
                // A capitalised word of a heading that the prose writes as a name is that name.
                if titled
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                    && names
                        .get_or_init(|| names_in_prose(cx.manuscript))
                        .contains(&word.to_ascii_lowercase())
                {
                    continue;
                }
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

    #[test]
    fn variant_spellings_are_corrected_and_their_list_is_sorted_and_only_holds_variants() {
        assert_eq!(corrections("dependance"), Some(&["dependence"][..]));
        assert_eq!(corrections("Programing"), Some(&["programming"][..]));
        assert!(corrections("dependence").is_none());
        let words: Vec<&str> = VARIANTS
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert!(
            words.windows(2).all(|w| w[0] < w[1]),
            "en-variants.tsv is not sorted"
        );
        let mut misplaced = Vec::new();
        for line in VARIANTS.lines() {
            let (word, right) = line.split_once('\t').expect("word<TAB>correction");
            // The list exists for what a general dictionary accepts; other slips belong to the
            // misspelling list or the dictionary check.
            if !super::super::english_words::known(word) {
                misplaced.push(format!("{word} is no variant"));
            }
            if typos_dict::WORD.find(&UniCase::new(word)).is_some() {
                misplaced.push(format!("{word} is in the misspelling list already"));
            }
            assert_ne!(word, right);
        }
        assert_eq!(misplaced, Vec::<String>::new());
    }

    fn words(text: &str, place: Place) -> Vec<String> {
        Misspelling::misspellings(text, &SkipRanges::of(text), place)
            .into_iter()
            .map(|(_, word, _)| word)
            .collect()
    }

    #[test]
    fn reference_entries_are_read_when_english_and_names_are_left_alone() {
        let english = "Pina, V., & Leary, O. (2007). Are ICTs improving transparency and accountability in local goverments? Public Administration, 85, 449-472.";
        assert_eq!(words(english, Place::Reference), ["goverments"]);
        let portuguese = "Dias, J. (2011). Controle da doença: perspectivas e desafios do controle vetorial. Cadernos de Saúde Pública, 27, 10-22.";
        assert!(words(portuguese, Place::Reference).is_empty());
        assert_eq!(
            words(
                "Radev, D., Fan, W. 2002. Probablistic Question Answering on the Web. In \
                 Proceedings of the Eleventh International Conference on World Wide Web.",
                Place::Reference
            ),
            ["Probablistic"]
        );
    }

    #[test]
    fn capitalised_words_of_headings_are_read() {
        assert_eq!(words("Energy Communiy", Place::Titled), ["Communiy"]);
        assert!(words("Energy Communiy", Place::Prose).is_empty());
    }
}
