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
use crate::source::BlockKind;

/// Words the initials of a long form may skip ("Department of Health and Social Care",
/// "Academia das Ciências de Lisboa", "Unión de Naciones del Sur").
const SKIPPABLE: &[&str] = &[
    "and", "de", "der", "des", "for", "in", "of", "on", "the", "to", "&", "und", "et", "la", "le",
    "van", "von", "da", "das", "do", "dos", "e", "del", "di", "della", "du", "y", "em", "en",
    "para", "por", "los", "las",
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
    /// A use shaped as a definition whose initials are not the long form's (a long form
    /// translated from another language, or initials the author chose freely): "Nursing
    /// Competence Scale (ECE)", "PGC = Care Delivery and Management". It tells the reader what
    /// the abbreviation means, so nothing before it is a use before a definition; but it is not
    /// sure enough to count as a definition for the other reports.
    loose_definition: bool,
    /// A use that says nothing about the reader meeting the abbreviation undefined: one in a
    /// list of abbreviations or in a table of contents. (A caption's counts: the reader meets
    /// the figure where it stands.)
    not_a_first_use: bool,
    /// An entry of a list of abbreviations: it tells the reader what the abbreviation means
    /// for the rest of the document.
    listed: bool,
}

/// The patterns of definitions and uses: "long form (SHORT)", "SHORT (long form)", a token with
/// two capitals or more. Each is compiled when a text first needs it (compiling them all cost
/// more than checking a short manuscript): most texts hold no "=", no dash before a capital and
/// no bracketed abbreviation, and then those patterns are never built.
const BRACKETED_SHORT: &str = r"[\(\[](\p{Lu}[\p{Lu}\p{Ll}0-9&]{1,9})[\)\],]";

fn pattern(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("pattern compiles"))
}

/// "long form (SHORT)". The words before the bracket: all of them here, the last
/// LONG_FORM_WORDS in code (a bounded repetition of a Unicode class compiles into that many
/// copies of it, which cost more than reading a manuscript).
fn long_then_short() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || {
        format!(r"((?:[\p{{L}}&'’-]+[ \t]+)+?){BRACKETED_SHORT}")
    })
}

/// The "(SHORT)" of `long_then_short` alone: most paragraphs have none with an abbreviation
/// in it (a citation's "(Smith," is not), and then the costly long form is never sought.
fn bracketed_short() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || BRACKETED_SHORT.to_string())
}

/// "SHORT (long form)"; the long form in brackets is at most LONG_FORM_CHARS long, checked in
/// code.
fn short_then_long() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || {
        r"\b(\p{Lu}[\p{Lu}0-9&]{1,9})[ \t]+\(([^()]{3,})\)".to_string()
    })
}

/// "(HUC = Hydrologic Unit Code)".
fn short_equals_long() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || {
        r"\b(\p{Lu}[\p{Lu}0-9&]{1,9})[ \t]*=[ \t]*([^;:()=\n]{3,120})".to_string()
    })
}

/// "União das Nações Indígenas – UNI": the long form, a dash, the abbreviation.
fn long_dash_short() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || {
        r"((?:[\p{L}&'’]+[ \t]+)+?)[-–—][ \t]+(\p{Lu}[\p{Lu}0-9&]{1,9})\b".to_string()
    })
}

/// A token with two capitals or more.
fn token() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    pattern(&CELL, || {
        r"\b\p{Lu}[\p{Lu}\p{Ll}0-9&]*\p{Lu}[\p{Lu}0-9]*\b".to_string()
    })
}

/// Whether some run of letters, digits and "&" in `text` holds two capitals: every
/// abbreviation the patterns above find, and every use `is_acronym_token` accepts, is in such
/// a run. A text without one is skipped before any pattern is compiled or run.
fn has_capitalised_run(text: &str) -> bool {
    let mut capitals = 0;
    for c in text.chars() {
        if c.is_uppercase() {
            capitals += 1;
            if capitals == 2 {
                return true;
            }
        } else if !(c.is_alphanumeric() || c == '&') {
            capitals = 0;
        }
    }
    false
}

/// The most words a long form before its "(SHORT)" is read from.
const LONG_FORM_WORDS: usize = 12;
/// The longest long form in brackets after its "SHORT (…)".
const LONG_FORM_CHARS: usize = 120;

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
/// A long form followed by its abbreviation written in mathematics, which the reader does not
/// see as text: "the 95% heterogeneity interval ($HI_{95}$)" (the maths stands as U+FFFC).
struct MathsDefinition {
    /// The last words before the bracket, at most [`LONG_FORM_WORDS`].
    long: String,
    /// Where the bracket stands in the source.
    at: usize,
}

/// "long form (<maths>)" in a unit's text.
fn maths_definitions_in(
    text: &str,
    unit: &crate::manuscript::Unit,
    out: &mut Vec<MathsDefinition>,
) {
    for (at, _) in text.match_indices("(\u{FFFC})") {
        let before = text[..at].trim_end_matches([' ', '\t']);
        let words: Vec<&str> = before
            .rsplit([' ', '\t', '\n'])
            .take(LONG_FORM_WORDS)
            .take_while(|w| !w.is_empty() && w.chars().all(|c| c.is_alphabetic() || c == '-'))
            .collect();
        if words.len() >= 2 {
            let long = words.into_iter().rev().collect::<Vec<_>>().join(" ");
            out.push(MathsDefinition {
                long,
                at: unit.text.to_source(at..at + 1).start,
            });
        }
    }
}

fn mentions(
    ms: &Manuscript,
    parts: &[Part],
    maths: &mut Vec<MathsDefinition>,
) -> HashMap<String, Vec<Mention>> {
    let mut out: HashMap<String, Vec<Mention>> = HashMap::new();
    for unit in ms.units_in(parts) {
        let text = unit.text.as_str();
        if text.contains("(\u{FFFC})") {
            maths_definitions_in(text, unit, maths);
        }
        if !has_capitalised_run(text) {
            continue;
        }
        let definitions = definitions_in(text);
        let glossary = glossary_lines(text);
        for (short, range) in &definitions {
            out.entry(short.clone()).or_default().push(Mention {
                span: unit.text.to_source(range.clone()),
                definition: true,
                loose_definition: false,
                not_a_first_use: false,
                listed: false,
            });
        }
        for m in token().find_iter(text) {
            if definitions.iter().any(|(_, r)| *r == m.range())
                || !is_acronym_token(m.as_str())
                || part_of_a_name(text, m.range())
            {
                continue;
            }
            let loose_definition = bracketed_after_words(text, m.range())
                || equals_a_long_form(text, m.range())
                || named_before(text, m.range());
            // A heading names what the text then explains; a table's header and cells are
            // explained by the table's notes, read with the table.
            let listed =
                glossary_entry(text) || glossary.iter().any(|line| line.contains(&m.start()));
            let not_a_first_use = unit.part == Part::Heading
                || matches!(unit.block, BlockKind::Heading(_) | BlockKind::TableCell)
                || listed
                || contents_entry(text);
            out.entry(m.as_str().to_string())
                .or_default()
                .push(Mention {
                    span: unit.text.to_source(m.range()),
                    definition: false,
                    loose_definition,
                    not_a_first_use,
                    listed,
                });
        }
    }
    for list in out.values_mut() {
        list.sort_by_key(|m| m.span.start);
    }
    out
}

/// The abbreviations a text defines, each with its range: "long form (SHORT)", "SHORT (long
/// form)", "(SHORT = long form)", "long form – SHORT", the initials of the long form giving the
/// abbreviation.
fn definitions_in(text: &str) -> Vec<(String, Range<usize>)> {
    let mut found: Vec<(String, Range<usize>)> = Vec::new();
    let mut add = |short: regex::Match<'_>| {
        if !found.iter().any(|(_, r)| *r == short.range()) {
            found.push((short.as_str().to_string(), short.range()));
        }
    };
    // Only a bracketed abbreviation can end a "long form (SHORT)" definition.
    let bracketed_abbreviation = may_hold_bracketed_abbreviation(text)
        && bracketed_short().find_iter(text).any(|m| {
            let inner = &m.as_str()[1..m.as_str().len() - 1];
            is_acronym_token(inner)
        });
    if bracketed_abbreviation {
        for c in long_then_short().captures_iter(text) {
            let (Some(long), Some(short)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if is_acronym_token(short.as_str()) && long_form_before(long.as_str(), short.as_str()) {
                add(short);
            }
        }
    }
    // "SHORT (long form)" needs a bracket, "SHORT = long form" an equals sign.
    let with_long_after = [
        (
            capital_before(text, '(', true),
            short_then_long as fn() -> &'static Regex,
        ),
        (capital_before(text, '=', false), short_equals_long),
    ];
    for pattern in with_long_after
        .into_iter()
        .filter_map(|(present, pattern)| present.then(pattern))
    {
        for c in pattern.captures_iter(text) {
            let (Some(short), Some(long)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if long.as_str().chars().count() > LONG_FORM_CHARS {
                continue;
            }
            let words: Vec<&str> = long.as_str().split_whitespace().collect();
            if is_acronym_token(short.as_str()) && initials_match(&words, short.as_str()) {
                add(short);
            }
        }
    }
    // A dash and a space before an abbreviation are rare; the costly long form is sought only
    // then.
    if dash_then_capitals(text) {
        for c in long_dash_short().captures_iter(text) {
            let (Some(long), Some(short)) = (c.get(1), c.get(2)) else {
                continue;
            };
            if is_acronym_token(short.as_str()) && long_form_before(long.as_str(), short.as_str()) {
                add(short);
            }
        }
    }
    found
}

/// Whether a dash ("-", "–", "—"), spaces or tabs, a capital and a capital or digit or "&"
/// stand in `text`, as they do in every "long form – SHORT" whose SHORT is an abbreviation.
fn dash_then_capitals(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, c)| {
        if !matches!(c, '-' | '–' | '—') {
            return false;
        }
        let rest = &chars[i + 1..];
        let spaces = rest.iter().take_while(|c| matches!(c, ' ' | '\t')).count();
        spaces > 0 && starts_with_two_capitals(&rest[spaces..])
    })
}

/// Whether `chars` start with a capital followed by a capital, a digit or "&": the start of
/// every SHORT the patterns find that `is_acronym_token` accepts.
fn starts_with_two_capitals(chars: &[char]) -> bool {
    matches!(chars, [first, second, ..]
        if first.is_uppercase() && (second.is_uppercase() || second.is_ascii_digit() || *second == '&'))
}

/// Whether `sign` ("(" or "=") stands in `text` after a capital, a digit or "&" and the spaces
/// or tabs between (at least one when `space_needed`): where every "SHORT (long form)" and
/// "SHORT = long form" has its SHORT end.
fn capital_before(text: &str, sign: char, space_needed: bool) -> bool {
    text.match_indices(sign).any(|(at, _)| {
        let before = text[..at].trim_end_matches([' ', '\t']);
        (!space_needed || before.len() < at)
            && before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
    })
}

/// Whether a bracket ("(" or "[") stands in `text` before a run of two to ten letters, digits
/// or "&" that starts with a capital, holds another and ends at ")", "]" or ",": every
/// bracketed SHORT `is_acronym_token` accepts.
fn may_hold_bracketed_abbreviation(text: &str) -> bool {
    text.match_indices(['(', '[']).any(|(at, _)| {
        let after = &text[at + 1..];
        let mut run = 0;
        let mut capitals = 0;
        for c in after.chars() {
            if c.is_alphanumeric() || c == '&' {
                run += 1;
                capitals += usize::from(c.is_uppercase());
                if run > 10 {
                    return false;
                }
                continue;
            }
            return (2..=10).contains(&run)
                && capitals >= 2
                && matches!(c, ')' | ']' | ',')
                && after.chars().next().is_some_and(char::is_uppercase);
        }
        false
    })
}

/// Whether the last words of `long` (at most [`LONG_FORM_WORDS`]) spell `short`.
fn long_form_before(long: &str, short: &str) -> bool {
    let words: Vec<&str> = long.split_whitespace().collect();
    initials_match(&words[words.len().saturating_sub(LONG_FORM_WORDS)..], short)
}

/// Whether the abbreviation at `range` is part of a longer name joined by a hyphen to a token
/// that starts with a capital or a digit ("SARS-CoV-2", "COVID-19", "HUC-12", "UPLC-QTOF"): the
/// name is a term of its own, not a use of the abbreviation.
fn part_of_a_name(text: &str, range: Range<usize>) -> bool {
    let after = text[range.end..]
        .strip_prefix('-')
        .and_then(|t| t.chars().next());
    let before = text[..range.start]
        .strip_suffix('-')
        .and_then(|t| t.chars().last());
    after.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || before.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether the abbreviation at `range` stands alone in brackets straight after a word: the
/// author's definition, even where its initials are not the long form's.
fn bracketed_after_words(text: &str, range: Range<usize>) -> bool {
    let Some(before) = text[..range.start].strip_suffix('(') else {
        return false;
    };
    text[range.end..].starts_with(')')
        && before
            .strip_suffix([' ', '\t'])
            .and_then(|b| b.chars().last())
            .is_some_and(char::is_alphabetic)
}

/// How far before an abbreviation its name spelled out in capitalised words still explains it.
const NAMED_BEFORE_BYTES: usize = 200;

/// Whether the name the abbreviation at `range` stands for is spelled out shortly before it, in
/// capitalised words whose initials give it: "World Health Organization. Air quality
/// guidelines, WHO, 2006" (a cited document), "the United Nations … the UN". The reader has
/// been told what it means.
fn named_before(text: &str, range: Range<usize>) -> bool {
    let mut start = range.start.saturating_sub(NAMED_BEFORE_BYTES);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let words: Vec<&str> = text[start..range.start]
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    let short = &text[range];
    let capitalised = |w: &str| {
        SKIPPABLE.contains(&w.to_lowercase().as_str())
            || w.chars().next().is_some_and(char::is_uppercase)
    };
    // Each run of capitalised words that ends somewhere before the abbreviation.
    (1..=words.len()).any(|end| {
        let from = words[..end]
            .iter()
            .rposition(|w| !capitalised(w))
            .map_or(0, |i| i + 1)
            .max(end.saturating_sub(LONG_FORM_WORDS));
        end - from >= 2 && initials_match(&words[from..end], short)
    })
}

/// Whether the abbreviation at `range` is followed by "= " and a word: "PGC = Care Delivery".
fn equals_a_long_form(text: &str, range: Range<usize>) -> bool {
    text[range.end..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix('=')
        .map(|rest| rest.trim_start_matches([' ', '\t']))
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// Whether a unit is one entry of a list of abbreviations, on a line of its own: the
/// abbreviation, then its long form in a few words, no sentence ("AUC Área sob a curva ROC").
fn glossary_entry(text: &str) -> bool {
    let text = text.trim();
    let mut words = text.split_whitespace();
    !text.contains('\n')
        && !text.ends_with('.')
        && words.next().is_some_and(is_acronym_token)
        && words
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic))
        && text.split_whitespace().count() <= 8
}

/// Whether a unit is an entry of a table of contents or a list of figures, with its dot leaders
/// ("Curva ROC de um modelo . . . . . . 27"): front matter that repeats a caption or heading.
fn contents_entry(text: &str) -> bool {
    text.contains(". . . . .") || text.contains(".....")
}

/// The byte ranges of the lines of a list of abbreviations ("ACP Análise de Componentes
/// Principais"): a text of three lines or more, most of which start with an abbreviation
/// followed by a word.
fn glossary_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push(start..start + line.len());
        start += line.len();
    }
    if lines.len() < 3 {
        return Vec::new();
    }
    let entry = |line: &str| {
        let mut words = line.split_whitespace();
        words.next().is_some_and(is_acronym_token)
            && words
                .next()
                .is_some_and(|w| w.chars().next().is_some_and(char::is_alphabetic))
    };
    let entries = lines.iter().filter(|r| entry(&text[(*r).clone()])).count();
    if entries * 3 >= lines.len() * 2 {
        lines
    } else {
        Vec::new()
    }
}

/// The abbreviations of a document and their mentions, by scope: the body with its headings,
/// then each abstract on its own. Computed once per document for the three rules that read it.
struct AbbreviationMentions {
    body: HashMap<String, Vec<Mention>>,
    abstracts: Vec<HashMap<String, Vec<Mention>>>,
    /// Long forms with their abbreviation in mathematics, anywhere in the document.
    maths: Vec<MathsDefinition>,
}

impl AbbreviationMentions {
    fn of(ms: &Manuscript) -> Self {
        let mut maths = Vec::new();
        let body = mentions(ms, &[Part::Heading, Part::Body], &mut maths);
        let in_abstracts = mentions(ms, &[Part::Abstract], &mut maths);
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
        Self {
            body,
            abstracts,
            maths,
        }
    }

    /// Where the document first spells `short` out before writing it in mathematics, if it
    /// does.
    fn defined_in_maths(&self, short: &str) -> Option<usize> {
        self.maths
            .iter()
            .filter(|m| long_form_before(&m.long, short))
            .map(|m| m.at)
            .min()
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
                        // A loose definition, an entry of a list of abbreviations or the long
                        // form with the abbreviation in maths tells the reader what it means.
                        let in_maths = mentions.defined_in_maths(short);
                        let explained = list[..first_def]
                            .iter()
                            .position(|m| {
                                m.loose_definition
                                    || m.listed
                                    || in_maths.is_some_and(|at| at < m.span.start)
                            })
                            .unwrap_or(first_def);
                        let earlier = &list[..explained];
                        if let Some(first_use) = earlier.iter().find(|m| !m.not_a_first_use) {
                            findings.push(
                                Finding::at(first_use.span.clone())
                                    .arg("acronym", short)
                                    .arg("count", earlier.len())
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
