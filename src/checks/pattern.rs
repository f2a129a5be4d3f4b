//! `pattern`: a regular expression over the prose of chosen parts, with an optional replacement.
//!
//! The match (or its `target` group, when the pattern names one) is the span; `replacement` may
//! use `$1` / `${name}` from the match. Matches that touch a URL, an e-mail address or a DOI are
//! left alone: those are not prose. With `skip-math`, so are matches in mathematics that reached
//! the prose as text (a formula extracted from a PDF: "if Uijn > Uijy , the legislator"), and
//! matches after a symbol that a formula elsewhere in the document uses ("the ti ." where
//! "zi = ti" stands in a display).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

use super::memo::UnitMemo;
use super::prefilter::Required;
use super::{Check, Context, LanguageScope, ScopedUnit, SkipRanges, scoped_units};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    pattern: String,
    replacement: Option<String>,
    /// Phrase → replacement, for a pattern that matches a list of phrases each with its own fix.
    /// Keys are lowercase with single spaces; the match (or its `target`) is looked up the same
    /// way. A match with no entry is reported without a fix.
    #[serde(default)]
    replacements: HashMap<String, String>,
    #[serde(default = "super::prose_parts")]
    parts: Vec<Part>,
    #[serde(default)]
    ignore_case: bool,
    #[serde(default)]
    fix: Applicability,
    /// A second pattern: a match that it also matches is left alone (file names after a
    /// missing-space pattern, for example).
    unless: Option<String>,
    /// Leave alone a match that follows a lone letter (a variable: "the words w and w ."), that
    /// stands on a line with a mathematical sign or a Greek letter ("zi = ti , and"), or that
    /// follows a word the document also writes next to a mathematical sign (a symbol: "the ti ."
    /// with "zi = ti" in a display).
    #[serde(default)]
    skip_math: bool,
}

pub struct Pattern {
    /// The pattern, compiled when a text first holds what it requires: compiling every pattern
    /// rule's expression cost more than checking a short manuscript.
    source: String,
    ignore_case: bool,
    regex: OnceLock<Regex>,
    /// Strings one of which every match contains: a text without them is passed over.
    required: Option<Required>,
    replacement: Option<String>,
    replacements: HashMap<String, String>,
    parts: Vec<Part>,
    fix: Applicability,
    unless: Option<String>,
    unless_regex: OnceLock<Regex>,
    skip_math: bool,
    scope: LanguageScope,
    /// Matches per unit text, kept between runs when the caller asks (the language server).
    memo: UnitMemo<Vec<UnitMatch>>,
}

/// Compiles a user-supplied pattern with limits, so a huge pattern fails instead of exhausting
/// memory.
pub fn compile(pattern: &str, ignore_case: bool) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(ignore_case)
        .size_limit(8 << 20)
        .dfa_size_limit(8 << 20)
        .nest_limit(64)
        .build()
        .map_err(|e| format!("pattern does not compile: {e}"))
}

/// A phrase as a `replacements` key: lowercase, runs of white space as one space.
fn phrase_key(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Pattern {
    pub fn new(params: Params, scope: LanguageScope) -> Result<Self, String> {
        if params.replacement.is_some() && !params.replacements.is_empty() {
            return Err("set `replacement` or `replacements`, not both".into());
        }
        // The pattern's errors are the rule's: a pattern that does not parse fails here (and a
        // user's pattern is compiled at once by `Check::prepare`).
        let required = Required::of(&params.pattern, params.ignore_case)
            .map_err(|e| format!("pattern does not compile: {e}"))?;
        Ok(Self {
            required,
            source: params.pattern,
            ignore_case: params.ignore_case,
            regex: OnceLock::new(),
            replacement: params.replacement,
            replacements: params
                .replacements
                .into_iter()
                .map(|(phrase, replacement)| (phrase_key(&phrase), replacement))
                .collect(),
            parts: params.parts,
            fix: params.fix,
            unless: params.unless,
            unless_regex: OnceLock::new(),
            skip_math: params.skip_math,
            scope,
            memo: UnitMemo::default(),
        })
    }

    /// The compiled pattern (a built-in pattern compiles: `every_built_in_rule_compiles`).
    fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            compile(&self.source, self.ignore_case).unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// The compiled `unless` pattern, if the rule has one.
    fn unless(&self) -> Option<&Regex> {
        let source = self.unless.as_deref()?;
        Some(
            self.unless_regex.get_or_init(|| {
                compile(source, self.ignore_case).unwrap_or_else(|e| panic!("{e}"))
            }),
        )
    }
}

/// One match in a unit, in the coordinates of the unit's text: what a finding is made of before
/// its span is mapped to the source (and what [`UnitMemo`] keeps between runs).
struct UnitMatch {
    /// The match, or its `target` group.
    target: std::ops::Range<usize>,
    /// The word the match starts in or after (for `skip-math`: a symbol of the document's
    /// formulas leaves the match alone).
    lead: std::ops::Range<usize>,
    args: Vec<(std::borrow::Cow<'static, str>, String)>,
    replacement: Option<String>,
}

impl Pattern {
    /// The matches in one unit's text; `skip` are its non-prose ranges.
    fn matches(&self, text: &str, skip: &SkipRanges) -> Vec<UnitMatch> {
        let mut matches = Vec::new();
        if self.required.as_ref().is_some_and(|r| !r.may_match(text)) {
            return matches;
        }
        let regex = self.regex();
        for captures in regex.captures_iter(text) {
            let whole = captures.get(0).expect("group 0 always matches");
            if whole.is_empty() || skip.overlaps(&whole.range()) {
                continue;
            }
            if self.unless().is_some_and(|u| u.is_match(whole.as_str()))
                || (self.skip_math && near_math(text, whole.start()))
            {
                continue;
            }
            let target = captures.name("target").unwrap_or(whole);
            let mut found = Finding::at(0..0).arg("match", target.as_str());
            for name in regex.capture_names().flatten() {
                if let Some(group) = captures.name(name) {
                    found
                        .args
                        .push((name.to_string().into(), group.as_str().to_string()));
                }
            }
            let mut replacement = None;
            if let Some(template) = &self.replacement {
                let mut expanded = String::new();
                captures.expand(template, &mut expanded);
                found = found.arg("replacement", &expanded);
                replacement = Some(expanded);
            } else if let Some(phrase) = self.replacements.get(&phrase_key(target.as_str())) {
                let phrase = super::confusable::match_case(target.as_str(), phrase);
                // A phrase broken across lines is quoted on one line.
                let written = target.as_str().split_whitespace().collect::<Vec<_>>();
                found.args.retain(|(key, _)| key != "match");
                found = found
                    .arg("match", written.join(" "))
                    .arg("replacement", &phrase);
                replacement = Some(phrase);
            }
            matches.push(UnitMatch {
                target: target.range(),
                lead: word_at(text, whole.start()),
                args: found.args,
                replacement,
            });
        }
        matches
    }
}

/// Signs that only mathematics uses in running text.
const MATH_SIGNS: &[char] = &[
    '=', '<', '>', '≤', '≥', '≠', '≈', '−', '×', '∗', '|', '±', '∑', '∏', '∫', '√', '∈', '∂', '∞',
    '∼', '~',
];

/// The word (letters and digits) that `at` stands in, or that ends at `at`.
fn word_at(text: &str, at: usize) -> std::ops::Range<usize> {
    let word_end = text[at..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| at + i);
    let word_start = text[..word_end]
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    word_start..word_end
}

/// Whether the text at `at` reads as mathematics extracted as text: the word that ends there
/// (or starts there) is a lone letter, or its line, within 100 bytes either side, holds a
/// mathematical sign or a Greek letter among Latin words.
fn near_math(text: &str, at: usize) -> bool {
    if text[word_at(text, at)].chars().count() == 1 {
        return true;
    }
    let mut start = at.saturating_sub(100);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (at + 100).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let start = text[start..at].rfind('\n').map_or(start, |i| start + i + 1);
    let end = text[at..end].find('\n').map_or(end, |i| at + i);
    let (mut greek, mut latin) = (0usize, 0usize);
    for c in text[start..end].chars() {
        if MATH_SIGNS.contains(&c) {
            return true;
        }
        if ('\u{391}'..='\u{3C9}').contains(&c) {
            greek += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    // A Greek letter among Latin words is a symbol; in Greek prose it is a letter.
    greek > 0 && latin > 4 * greek
}

/// The symbols of the formulas that reached a document's prose as text: the words written
/// straight before or after a mathematical sign ("Uijy" in "Uijy = uijy + ijy", "ti" in
/// "aj − ti"). Words of more than three letters that the English word list holds are left out:
/// "where the number = 5" does not make "number" a symbol. Where a symbol is followed by a space
/// and a comma in the prose ("a função utilidade Uijy ."), the space is the extraction's.
fn math_symbols<'t>(texts: impl Iterator<Item = &'t str>) -> HashSet<&'t str> {
    let mut symbols = HashSet::new();
    for text in texts {
        for (at, sign) in text.match_indices(MATH_SIGNS) {
            let before = text[..at].trim_end_matches([' ', '\t', '\n']);
            let start = before
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let after = text[at + sign.len()..].trim_start_matches([' ', '\t', '\n']);
            let end = after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
            for word in [&before[start..], &after[..end]] {
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                if letters >= 2
                    && word.chars().count() <= 16
                    && (letters <= 3 || !super::english_words::known(word))
                {
                    symbols.insert(word);
                }
            }
        }
    }
    symbols
}

impl Check for Pattern {
    fn prepare(&self) -> Result<(), String> {
        let regex = compile(&self.source, self.ignore_case)?;
        let _ = self.regex.set(regex);
        if let Some(unless) = &self.unless {
            let _ = self.unless_regex.set(compile(unless, self.ignore_case)?);
        }
        Ok(())
    }

    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if cx.memoize {
            self.memo.start_run();
        }
        let mut findings = Vec::new();
        let symbols = if self.skip_math {
            math_symbols(cx.manuscript.units_in(&self.parts).map(|u| u.text.as_str()))
        } else {
            HashSet::new()
        };
        for ScopedUnit { unit, text, skip } in scoped_units(cx, &self.parts, &self.scope) {
            let matches = if cx.memoize {
                self.memo.get_or_compute(text, || self.matches(text, &skip))
            } else {
                Arc::new(self.matches(text, &skip))
            };
            for found in matches.iter() {
                if symbols.contains(&text[found.lead.clone()]) {
                    continue;
                }
                let span = unit.text.to_source(found.target.clone());
                if !cx.room_for(findings.len(), &span) {
                    continue;
                }
                let mut finding = Finding::at(span);
                finding.args = found.args.clone();
                if let Some(replacement) = &found.replacement {
                    finding = finding.replace_with(replacement.clone(), self.fix);
                }
                findings.push(finding);
            }
        }
        findings
    }
}
