//! Grammar for the frequent slips of academic English, without a parser: a tokenizer that keeps
//! sentence and punctuation boundaries, a small lexicon ([`lexicon`]), and one check kind per
//! family of slips:
//!
//! - [`determiner`]: a determiner that disagrees in number with its noun ("these solution",
//!   "a scripts", "every units", "such model", "a software");
//! - [`agreement`]: subject and verb that disagree ("It have", "Lines shows", "the results of
//!   the survey was", "There exists several");
//! - [`verb_form`]: the wrong form of a verb after the word that governs it ("allows to
//!   combine", "worth to mention", "in order obtain", "has been ran", "can be weaken", "As show
//!   in", "will be then be");
//! - [`phrase`]: set phrases written wrongly ("in term of", "each others", "by trial and
//!   errors", "Figure 1 and 2"), and in Portuguese the crase left out ([`crase`]: "devido a
//!   expansão", "A medida que");
//! - [`romance_number`]: in Spanish and Portuguese, a plural determiner before a noun whose
//!   ending proves it singular ("a todas ancestralidad"), read by `determiner-noun-agreement`.
//!
//! Every pattern is written to be sure rather than complete: tokens glued to code, math, digits
//! or markup are never read as words, a pattern never reaches across punctuation, and a word
//! whose part of speech the lexicon cannot tell makes a pattern stay quiet. Rules read the
//! abstract and body only (titles and headings are often not sentences), in English unless a
//! rule says otherwise.

mod agreement;
mod crase;
mod determiner;
pub(crate) mod lexicon;
mod phrase;
mod romance_number;
mod verb_form;

use std::ops::Range;

pub use agreement::SubjectVerb;
pub use determiner::DeterminerNoun;
pub use phrase::SetPhrase;
pub use verb_form::VerbForm;

use super::SkipRanges;
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::{LangCode, Part, Unit};

/// What a grammar check takes: the parts it reads.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "body_parts")]
    pub parts: Vec<Part>,
}

fn body_parts() -> Vec<Part> {
    vec![Part::Abstract, Part::Body]
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// Code, math or a citation the reader replaced with U+FFFC.
    Placeholder,
}

/// A word, number or placeholder of a paragraph, with what lies between it and the previous one.
#[derive(Debug)]
pub struct Token<'a> {
    pub text: &'a str,
    pub lower: String,
    pub range: Range<usize>,
    pub kind: Kind,
    /// The text between the previous token (or the start of the paragraph) and this one.
    pub gap: &'a str,
    /// The first token of a sentence.
    pub starts_sentence: bool,
    /// Touches code, digits, paths or markup, or lies in a URL: not a word of prose.
    pub glued: bool,
}

impl Token<'_> {
    /// Whether only white space (no punctuation, no paragraph break) separates this token from
    /// the previous one.
    pub fn joined(&self) -> bool {
        !self.starts_sentence
            && self.gap.chars().all(char::is_whitespace)
            && self.gap.matches('\n').count() <= 1
    }

    /// A word of prose in lower case, or capitalised only because it starts a sentence.
    pub fn plain(&self) -> bool {
        if self.kind != Kind::Word || self.glued {
            return false;
        }
        let mut chars = self.text.chars();
        let first = chars.next().unwrap_or('a');
        chars.all(|c| !c.is_uppercase()) && (!first.is_uppercase() || self.starts_sentence)
    }

    /// Whether this is the plain word `word` (lower case).
    pub fn is(&self, word: &str) -> bool {
        self.plain() && self.lower == word
    }
}

/// Characters that make a word next to them part of code, a number, a path or markup: those of
/// `unknown-word`, and also brackets and a dot (a key, a file name, a version).
fn glue(c: char) -> bool {
    super::unknown_word::glue(c) || matches!(c, '[' | ']' | '.')
}

/// The tokens of a paragraph.
pub fn tokens<'a>(text: &'a str, skip: &SkipRanges) -> Vec<Token<'a>> {
    let mut out: Vec<Token<'a>> = Vec::new();
    let mut last_end = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        let (kind, end) = if c == '\u{FFFC}' {
            (Kind::Placeholder, i + c.len_utf8())
        } else if c.is_alphanumeric() {
            let mut end = i;
            let mut digits = true;
            let mut chars = text[i..].char_indices().peekable();
            while let Some((at, ch)) = chars.next() {
                let inner = matches!(ch, '\'' | '’' | '-')
                    && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
                if ch.is_alphanumeric() || inner {
                    digits &= ch.is_ascii_digit();
                    end = i + at + ch.len_utf8();
                } else {
                    break;
                }
            }
            (if digits { Kind::Number } else { Kind::Word }, end)
        } else {
            i += c.len_utf8();
            continue;
        };
        let gap = &text[last_end..i];
        let before = text[..i].chars().next_back();
        let after = text[end..].chars().next();
        let token_text = &text[i..end];
        // "and/or" is a coordination of prose, not a path.
        let and_or = matches!(token_text, "and" | "or")
            && (text[end..].starts_with("/or") || text[..i].ends_with("and/"));
        let glued = kind == Kind::Word
            && !and_or
            && (before.is_some_and(glue)
                || after.is_some_and(|c| glue(c) && c != '.')
                || (after == Some('.')
                    && text[end + 1..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
                || token_text.chars().any(|c| c.is_ascii_digit())
                || skip.overlaps(&(i..end)));
        let starts_sentence = out.is_empty()
            || gap.contains(['.', '!', '?', ';', ':', '•'])
            || gap.contains("\n\n")
            || (gap.contains('\n') && gap.trim_start().starts_with(['-', '*']));
        out.push(Token {
            text: token_text,
            lower: token_text.to_lowercase().replace('’', "'"),
            range: i..end,
            kind,
            gap,
            starts_sentence,
            glued,
        });
        last_end = end;
        i = end;
        let _ = bytes;
    }
    out
}

/// The text after token `i` up to the next token (or the end of the paragraph).
pub fn gap_after<'a>(tokens: &[Token<'a>], text: &'a str, i: usize) -> &'a str {
    match tokens.get(i + 1) {
        Some(next) => next.gap,
        None => &text[tokens[i].range.end..],
    }
}

/// Whether token `i` ends its phrase: punctuation or the end of the paragraph follows it, or a
/// word that cannot continue a noun phrase (a preposition, a conjunction that opens a clause,
/// an auxiliary or a known verb).
pub fn ends_noun_phrase(tokens: &[Token<'_>], text: &str, i: usize) -> bool {
    let gap = gap_after(tokens, text, i);
    if gap.contains(['.', ',', ';', ':', ')', '!', '?']) {
        return true;
    }
    let Some(next) = tokens.get(i + 1) else {
        return true;
    };
    if !next.joined() || next.kind != Kind::Word || next.glued {
        return false;
    }
    let w = next.lower.as_str();
    (lexicon::preposition(w) && w != "like")
        || lexicon::clause_opener(w)
        || lexicon::auxiliary(w)
        || lexicon::Verbs::get()
            .third(w)
            .is_some_and(|v| v.verb_only())
        || lexicon::Verbs::get().base(w).is_some()
        || matches!(w, "to" | "while")
}

/// Determiners and words that may open a noun phrase and be walked over.
pub(super) fn determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "our"
            | "their"
            | "its"
            | "his"
            | "her"
            | "my"
            | "your"
            | "each"
            | "every"
            | "no"
            | "all"
            | "many"
            | "several"
            | "some"
            | "most"
            | "both"
            | "any"
            | "such"
            | "other"
            | "few"
            | "various"
            | "numerous"
            | "another"
    )
}

/// Where the noun phrase whose head is token `head` starts, when it can be told that the phrase
/// opens a clause (and so is a subject): the sentence starts with it, or it follows a word that
/// opens a clause ("that", "because", "whereas"). `None` when the phrase follows a preposition
/// ("the number of students has"), a verb or an auxiliary, or when it cannot be told.
///
/// With `through_and`, coordinated words are walked over ("blue and black histograms"), but
/// the walk still stops at a preposition anywhere before them ("the quality of images and
/// videos is").
pub fn subject_start(tokens: &[Token<'_>], head: usize, through_and: bool) -> Option<usize> {
    let verbs = lexicon::Verbs::get();
    let mut j = head;
    // Once a determiner is passed, the phrase has begun: what stands before it must open the
    // clause ("the way the expression works remains" has two phrases).
    let mut determined = false;
    // The start after a comma crossed on the way: the subject after an introductory phrase
    // ("In a host-parasite system, local abundances has").
    let mut after_comma = None;
    for _ in 0..9 {
        let token = &tokens[j];
        if token.starts_sentence {
            return Some(j);
        }
        let gap = token.gap.trim();
        if !(gap.is_empty() || through_and && gap == ",") {
            return None;
        }
        if gap == "," && after_comma.is_none() {
            after_comma = Some(j);
        }
        let prev = &tokens[j - 1];
        if prev.kind == Kind::Placeholder {
            j -= 1;
            continue;
        }
        if prev.kind != Kind::Word || prev.glued {
            return None;
        }
        let w = prev.lower.as_str();
        if lexicon::clause_opener(w) {
            return Some(j);
        }
        if matches!(w, "and" | "or" | "nor") {
            if !through_and {
                return None;
            }
            determined = false;
            j -= 1;
            continue;
        }
        if lexicon::preposition(w) {
            // An introductory phrase that opens the sentence and ends at a comma.
            return after_comma.filter(|_| prev.starts_sentence && w != "as");
        }
        if determined || w.contains("n't") {
            return None;
        }
        if determiner(w) {
            determined = true;
            j -= 1;
            continue;
        }
        if lexicon::auxiliary(w) || lexicon::function_word(w) {
            return None;
        }
        let capital = prev.text.chars().next().is_some_and(char::is_uppercase);
        // A participle right after a determiner is an adjective ("no competing interests",
        // "the selected samples"); elsewhere it may be a verb ("using features is").
        let participle = w.ends_with("ing") || (w.ends_with("ed") && w.len() > 4);
        let after_determiner = j >= 2
            && prev.joined()
            && tokens[j - 2].plain()
            && matches!(
                tokens[j - 2].lower.as_str(),
                "the" | "no" | "these" | "those" | "all" | "many" | "most" | "some" | "such"
            );
        if verbs.any_form(w) || (participle && !after_determiner) || (!capital && w.ends_with('s'))
        {
            return None;
        }
        j -= 1;
    }
    None
}

/// What a grammar check found in a unit, in the coordinates of the unit's text.
pub struct UnitFinding {
    range: Range<usize>,
    problem: String,
    suggestion: Option<String>,
    help: String,
}

/// Per-unit findings of one grammar check, kept between runs for the language server.
pub type Memo = super::memo::UnitMemo<Vec<UnitFinding>>;

/// The reading of a check: `find` is given each unit of the chosen parts in the rule's
/// languages, with its tokens and its language (English when it cannot be told), and says what
/// it finds there; the findings are mapped to the source here. The rules are unit-local (what
/// they find depends on the unit's text alone), so with `cx.memoize` a unit whose text is
/// unchanged since an earlier run is not read again.
pub fn run(
    cx: &super::Context<'_>,
    parts: &[Part],
    scope: &super::LanguageScope,
    memo: &Memo,
    find: impl Fn(&str, &[Token<'_>], LangCode) -> Vec<UnitFinding>,
) -> Vec<Finding> {
    if cx.memoize {
        memo.start_run();
    }
    let mut findings = Vec::new();
    for super::ScopedUnit { unit, text, skip } in super::scoped_units(cx, parts, scope) {
        let language = unit.language().or(cx.manuscript.language).unwrap_or("en");
        let read = || find(text, &tokens(text, &skip), language);
        let found = if cx.memoize {
            memo.get_or_compute(text, read)
        } else {
            std::sync::Arc::new(read())
        };
        findings.extend(found.iter().map(|f| to_finding(unit, f)));
    }
    findings
}

/// A finding over `range` of a unit: `problem` is the message, `suggestion` what to write
/// instead of the span, `help` how to fix it.
pub fn finding(
    range: Range<usize>,
    problem: String,
    suggestion: Option<String>,
    help: String,
) -> UnitFinding {
    UnitFinding {
        range,
        problem,
        suggestion,
        help,
    }
}

/// The finding of the rule for what it found in `unit`.
fn to_finding(unit: &Unit, found: &UnitFinding) -> Finding {
    let mut finding = Finding::at(unit.text.to_source(found.range.clone()))
        .arg("problem", &found.problem)
        .arg("help", &found.help);
    if let Some(suggestion) = &found.suggestion {
        finding = finding
            .arg("suggestion", suggestion)
            .replace_with(suggestion.clone(), Applicability::Unsafe);
    } else {
        finding = finding.arg("suggestion", "a correct form");
    }
    finding
}

/// `replacement` in the case of `written` ("Is" → "Are").
pub fn match_case(written: &str, replacement: &str) -> String {
    super::confusable::match_case(written, replacement)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, bool, bool)> {
        tokens(text, &SkipRanges::of(text))
            .iter()
            .map(|t| (t.text.to_string(), t.starts_sentence, t.glued))
            .collect()
    }

    #[test]
    fn tokens_keep_sentences_and_code_apart() {
        let got = words("It works. See x_1 and file.rs, or \u{FFFC} here; well-known");
        let texts: Vec<&str> = got.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "It",
                "works",
                "See",
                "x",
                "1",
                "and",
                "file",
                "rs",
                "or",
                "\u{FFFC}",
                "here",
                "well-known"
            ]
        );
        assert!(got[2].1, "a sentence starts after a full stop");
        assert!(got[3].2, "x_1 is code");
        assert!(got[6].2 && got[7].2, "file.rs is a file name");
        assert!(got[11].1, "a sentence starts after a semicolon");
    }

    #[test]
    fn subjects_start_clauses() {
        let text =
            "We saw that the blue and black histograms shows it. The number of cases has grown.";
        let skip = SkipRanges::of(text);
        let toks = tokens(text, &skip);
        let at = |w: &str| toks.iter().position(|t| t.text == w).unwrap();
        assert_eq!(
            subject_start(&toks, at("histograms"), true),
            Some(at("the"))
        );
        assert_eq!(subject_start(&toks, at("histograms"), false), None);
        assert_eq!(subject_start(&toks, at("cases"), true), None);
        assert_eq!(subject_start(&toks, at("number"), false), Some(at("The")));
    }
}
