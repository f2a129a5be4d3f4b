//! `confusable`: real-word errors, a correctly spelled word written for another ("not abode by"
//! for "not abide by"). Spell-checkers cannot see them; their context gives them away.
//!
//! Each pair in the table has a trigger word, context patterns (regexes in which `WORD` stands
//! for the trigger) and exception patterns. All trigger words go into one Aho-Corasick automaton;
//! only the sentence around a hit is matched against that word's patterns, so the cost grows with
//! the text, not with the size of the table.
//!
//! Patterns are [`super::window_regex`] patterns: cheap to build, and in ASCII terms (`\w`,
//! `\s`, `\b` and case-insensitivity know only ASCII; `\p{…}` classes are refused). The sentence
//! is read with every non-ASCII letter as an ASCII one and every non-ASCII space as a space, so
//! `not\s+WORD` still matches across a non-breaking space; non-ASCII punctuation such as `’`
//! can be written in a pattern as it is.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::window_regex::{Window, WindowRegex};
use super::{Check, Context, LanguageScope, ScopedUnit, scoped_units};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

/// The built-in table's text.
pub const CONFUSABLES_TOML: &str = include_str!("../../rules/data/confusables.toml");

/// One confusable pair as written in a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfusablePair {
    /// The word as (wrongly) written.
    pub word: String,
    /// What to write instead.
    pub suggestion: String,
    /// Why, in one line (shown as a note).
    pub why: String,
    /// Patterns in which `WORD` is the trigger; the pair fires only inside one of them.
    pub contexts: Vec<String>,
    /// Patterns in which `WORD` is right after all.
    #[serde(default)]
    pub exceptions: Vec<String>,
    /// The languages of the text the pair reads (ISO 639-1 codes); empty: the table's, or every
    /// language the rule reads.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Sentences it must flag.
    #[serde(default)]
    pub flag: Vec<String>,
    /// Sentences it must leave alone.
    #[serde(default)]
    pub allow: Vec<String>,
}

/// A table file: `[[pair]]` entries.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfusableTable {
    /// The languages of the pairs that name none.
    #[serde(default)]
    pub languages: Vec<String>,
    pub pair: Vec<ConfusablePair>,
}

impl ConfusableTable {
    /// The built-in table (`rules/data/confusables.toml`).
    pub fn builtin() -> &'static ConfusableTable {
        static TABLE: OnceLock<ConfusableTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            toml::from_str(CONFUSABLES_TOML).expect("built-in confusable table is valid")
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// `"confusables"` for the built-in table.
    table: Option<String>,
    #[serde(default)]
    pair: Vec<ConfusablePair>,
    #[serde(default = "super::prose_parts")]
    parts: Vec<Part>,
}

struct CompiledPair {
    word: String,
    /// The languages of the text it reads; empty: every language the rule reads.
    languages: Vec<String>,
    suggestion: String,
    why: String,
    /// The context and exception patterns as written, compiled when the word first occurs.
    patterns: (Vec<String>, Vec<String>),
    compiled: OnceLock<Contexts>,
    /// The exception patterns alone, compiled when a context first matches (most occurrences
    /// of a word match no context, so most exceptions are never needed).
    compiled_exceptions: OnceLock<Vec<WindowRegex>>,
}

/// A pair's compiled context and exception patterns.
struct Contexts {
    contexts: Vec<WindowRegex>,
    exceptions: Vec<WindowRegex>,
}

impl CompiledPair {
    /// Compiles the pair's patterns. The built-in table's patterns are compiled on the first
    /// occurrence of their word (most of a manuscript's words trigger no pair, and compiling
    /// every pattern cost most of a short run); a user's pairs are compiled at once, so that a
    /// broken pattern is a configuration error.
    fn compile(&self) -> Result<Contexts, String> {
        Ok(Contexts {
            contexts: self.compile_all(&self.patterns.0)?,
            exceptions: self.compile_all(&self.patterns.1)?,
        })
    }

    fn compile_all(&self, patterns: &[String]) -> Result<Vec<WindowRegex>, String> {
        patterns
            .iter()
            .map(|c| compile_context(c, &self.word, false))
            .collect()
    }

    /// A built-in pair's patterns; each is compiled when a window first holds the literals it
    /// requires (`every_built_in_pair_compiles` compiles them all).
    fn built_in(&self, patterns: &[String]) -> Vec<WindowRegex> {
        patterns
            .iter()
            .map(|c| compile_context(c, &self.word, true))
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("built-in confusable pair does not compile: {e}"))
    }

    fn contexts(&self) -> &[WindowRegex] {
        match self.compiled.get() {
            Some(all) => &all.contexts,
            None => {
                &self
                    .compiled
                    .get_or_init(|| Contexts {
                        contexts: self.built_in(&self.patterns.0),
                        exceptions: Vec::new(),
                    })
                    .contexts
            }
        }
    }

    fn exceptions(&self) -> &[WindowRegex] {
        match self.compiled.get() {
            Some(all) if !all.exceptions.is_empty() || self.patterns.1.is_empty() => {
                &all.exceptions
            }
            _ => self
                .compiled_exceptions
                .get_or_init(|| self.built_in(&self.patterns.1)),
        }
    }
}

pub struct Confusable {
    automaton: AhoCorasick,
    /// Automaton pattern index → pairs triggered by that word.
    pairs_by_pattern: Vec<Vec<usize>>,
    pairs: Vec<CompiledPair>,
    parts: Vec<Part>,
    scope: LanguageScope,
}

fn compile_context(pattern: &str, word: &str, deferred: bool) -> Result<WindowRegex, String> {
    if !pattern.contains("WORD") {
        return Err(format!(
            "context `{pattern}` of `{word}` does not contain WORD"
        ));
    }
    let escaped = regex::escape(word).replace('\'', "['’]");
    let expanded = pattern.replace("WORD", &format!("(?P<word>{escaped})"));
    let pattern_source = format!("(?i){expanded}");
    if deferred {
        return Ok(WindowRegex::deferred(&pattern_source));
    }
    WindowRegex::new(&pattern_source).map_err(|e| format!("context `{pattern}` of `{word}`: {e}"))
}

impl Confusable {
    pub fn new(params: Params, scope: LanguageScope) -> Result<Self, String> {
        let mut source: Vec<ConfusablePair> = match params.table.as_deref() {
            Some("confusables") => {
                let table = ConfusableTable::builtin();
                table
                    .pair
                    .iter()
                    .map(|pair| {
                        let mut pair = pair.clone();
                        if pair.languages.is_empty() {
                            pair.languages.clone_from(&table.languages);
                        }
                        pair
                    })
                    .collect()
            }
            Some(other) => {
                return Err(format!(
                    "unknown table `{other}`; the built-in table is `confusables`"
                ));
            }
            None => Vec::new(),
        };
        let user_pairs = params.pair.len();
        source.extend(params.pair);
        if source.is_empty() {
            return Err(
                "no pairs: set `table = \"confusables\"` or add [[check.pair]] entries".into(),
            );
        }
        let mut words: Vec<String> = Vec::new();
        let mut pattern_of: HashMap<String, usize> = HashMap::new();
        let mut pairs_by_pattern: Vec<Vec<usize>> = Vec::new();
        let mut pairs = Vec::with_capacity(source.len());
        let built_in = source.len() - user_pairs;
        for (index, pair) in source.into_iter().enumerate() {
            for pattern in pair.contexts.iter().chain(&pair.exceptions) {
                if !pattern.contains("WORD") {
                    return Err(format!(
                        "context `{pattern}` of `{}` does not contain WORD",
                        pair.word
                    ));
                }
            }
            let lower = pair.word.to_lowercase();
            let variants = if lower.contains('\'') {
                vec![lower.clone(), lower.replace('\'', "’")]
            } else {
                vec![lower]
            };
            for variant in variants {
                let at = *pattern_of.entry(variant.clone()).or_insert_with(|| {
                    words.push(variant);
                    pairs_by_pattern.push(Vec::new());
                    words.len() - 1
                });
                pairs_by_pattern[at].push(index);
            }
            let compiled = CompiledPair {
                word: pair.word,
                languages: pair.languages,
                suggestion: pair.suggestion,
                why: pair.why,
                patterns: (pair.contexts, pair.exceptions),
                compiled: OnceLock::new(),
                compiled_exceptions: OnceLock::new(),
            };
            if index >= built_in {
                let contexts = compiled.compile()?;
                let _ = compiled.compiled.set(contexts);
            }
            pairs.push(compiled);
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .map_err(|e| format!("cannot build the word automaton: {e}"))?;
        Ok(Self {
            automaton,
            pairs_by_pattern,
            pairs,
            parts: params.parts,
            scope,
        })
    }
}

impl Check for Confusable {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for ScopedUnit { unit, text, skip } in scoped_units(cx, &self.parts, &self.scope) {
            let language = unit.language().or(cx.manuscript.language).unwrap_or("en");
            // The words of one sentence share its window, made once.
            let mut last: Option<(Range<usize>, Window<'_>)> = None;
            for hit in self.automaton.find_overlapping_iter(text) {
                let range = hit.range();
                if !is_whole_word(text, &range) || skip.overlaps(&range) {
                    continue;
                }
                let window = sentence_around(text, &range);
                let local = range.start - window.start..range.end - window.start;
                if last
                    .as_ref()
                    .is_none_or(|(made_for, _)| *made_for != window)
                {
                    last = Some((window.clone(), Window::new(&text[window.clone()])));
                }
                let Some((_, sentence)) = &last else {
                    continue;
                };
                for &index in &self.pairs_by_pattern[hit.pattern().as_usize()] {
                    let pair = &self.pairs[index];
                    if !pair.languages.is_empty() && !pair.languages.iter().any(|l| l == language) {
                        continue;
                    }
                    // A pattern counts only where it matches around this occurrence of the word.
                    let fires = |patterns: &[WindowRegex]| {
                        patterns
                            .iter()
                            .any(|re| re.has_group_at(sentence, "word", &local))
                    };
                    if !fires(pair.contexts()) || fires(pair.exceptions()) {
                        continue;
                    }
                    let written = &text[range.clone()];
                    let suggestion = match_case(written, &pair.suggestion);
                    findings.push(
                        Finding::at(unit.text.to_source(range.clone()))
                            .arg("word", written)
                            .arg("suggestion", &suggestion)
                            .note(pair.why.clone())
                            .replace_with(suggestion, Applicability::Unsafe),
                    );
                    break;
                }
            }
        }
        findings
    }
}

fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    !joins(before) && !joins(after)
}

/// The sentence that contains `range`, bounded to a few hundred bytes either side.
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    const REACH: usize = 300;
    let floor = crate::position::floor_char_boundary(text, range.start.saturating_sub(REACH));
    let mut start = floor;
    let before = &text[floor..range.start];
    // A single line break is not a sentence boundary: hard-wrapped text breaks lines anywhere.
    if let Some(at) = before.rfind(['.', '!', '?']) {
        start = floor + at + 1;
    }
    let ceil_target = (range.end + REACH).min(text.len());
    let mut ceil = ceil_target;
    while !text.is_char_boundary(ceil) {
        ceil += 1;
    }
    let after = &text[range.end..ceil];
    let end = match after.find(['.', '!', '?']) {
        Some(at) => range.end + at + 1,
        None => ceil,
    };
    start..end
}

/// The suggestion in the case of what was written (`Abode` → `Abide`, `ABODE` → `ABIDE`).
pub(crate) fn match_case(written: &str, suggestion: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return suggestion.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = suggestion.chars();
        return chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        });
    }
    suggestion.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_of_the_written_word_is_kept() {
        assert_eq!(match_case("Abode", "abide"), "Abide");
        assert_eq!(match_case("ABODE", "abide"), "ABIDE");
        assert_eq!(match_case("abode", "abide"), "abide");
    }

    #[test]
    fn sentences_are_cut_at_their_punctuation() {
        let text = "First one. The law is not abode here. Last";
        let at = text.find("abode").unwrap();
        let window = sentence_around(text, &(at..at + 5));
        assert_eq!(&text[window], " The law is not abode here.");
    }

    #[test]
    fn every_built_in_pair_compiles() {
        let params: Params = toml::from_str("table = \"confusables\"").unwrap();
        let check = Confusable::new(params, LanguageScope::default()).unwrap();
        assert!(check.pairs.iter().all(|p| p.compiled.get().is_none()));
        for pair in &check.pairs {
            if let Err(e) = pair.compile() {
                panic!("{}: {e}", pair.word);
            }
        }
    }

    #[test]
    fn a_user_pair_with_a_broken_context_is_refused_at_once() {
        let params: Params = toml::from_str(
            "[[pair]]\nword = \"abode\"\nsuggestion = \"abide\"\nwhy = \"x\"\ncontexts = [\"(WORD\"]\n",
        )
        .unwrap();
        let error = Confusable::new(params, LanguageScope::default())
            .err()
            .expect("a broken pattern is refused");
        assert!(
            error.contains("(WORD")
                && error.contains("abode")
                && error.contains("does not compile"),
            "{error}"
        );
    }

    #[test]
    fn a_user_pair_with_a_unicode_class_is_refused_at_once() {
        let params: Params = toml::from_str(
            "[[pair]]\nword = \"abode\"\nsuggestion = \"abide\"\nwhy = \"x\"\ncontexts = ['\\p{L}+\\s+WORD']\n",
        )
        .unwrap();
        assert!(Confusable::new(params, LanguageScope::default()).is_err());
    }

    #[test]
    fn the_table_is_sorted_unique_and_fully_exemplified() {
        let table = ConfusableTable::builtin();
        let keys: Vec<(String, String)> = table
            .pair
            .iter()
            .map(|p| (p.word.to_lowercase(), p.suggestion.to_lowercase()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            keys, sorted,
            "pairs must be sorted by word, then suggestion, without duplicates"
        );
        for pair in &table.pair {
            assert!(
                pair.flag.len() >= 3 && pair.allow.len() >= 3,
                "`{}` needs three sentences to flag and three to allow",
                pair.word
            );
        }
    }
}
