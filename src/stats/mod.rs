//! Reported statistical results (`t(28) = 2.20, p = .036`) in a manuscript's prose, with the
//! p-value recomputed from the statistic and its degrees of freedom.
//!
//! [`parse`] finds results in text, [`tex`] reads those written in TeX math, [`recompute`] gives
//! the p-values, [`judge`] applies statcheck's rules to them and [`style`] APA's. This module
//! walks a document's prose once, maps every result back to its place in the source, and shares
//! the list between the rules and the outline.

pub mod judge;
pub mod parse;
pub mod recompute;
pub mod style;
pub mod tex;

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use crate::manuscript::{Manuscript, Part};
use crate::source::{Document, Format, MappedText};
pub use judge::{Judgement, judge};
pub use parse::{Comparison, Parsed, ReportedP, TestKind};
pub use recompute::Tails;

/// The parts of a manuscript results are sought in: all but the reference list and material
/// after the manuscript (a table under the title can be taken for an author block, and its
/// cells still count).
const PARTS: &[Part] = &[
    Part::Title,
    Part::Authors,
    Part::Abstract,
    Part::Keywords,
    Part::Heading,
    Part::Body,
];

/// The significance level unless a rule says otherwise.
pub const DEFAULT_ALPHA: f64 = 0.05;

/// One reported result of a document.
#[derive(Debug, Clone)]
pub struct Found {
    /// The result as read, spans relative to `text`.
    pub parsed: Parsed,
    /// The text it was read from (a unit's prose, with math written out), shared by the
    /// results of one paragraph.
    pub text: Arc<MappedText>,
    /// Whether its paragraph mentions one-tailed, one-sided or directional tests.
    pub one_tailed_text: bool,
}

impl Found {
    /// The result as written ("t(28) = 2.20, p = .036"), on one line.
    pub fn written(&self) -> String {
        self.text.as_str()[self.parsed.span.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Source span of a range of the result's text.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        self.text.to_source(range)
    }

    /// "two-tailed" or "one-tailed" for t, r and z as judged; "upper tail" for F, χ² and Q.
    pub fn tails(&self, judgement: &Judgement) -> &'static str {
        match (judgement.tails, recompute::has_tails(self.parsed.test)) {
            (_, false) => "upper tail",
            (Tails::Two, true) => "two-tailed",
            (Tails::One, true) => "one-tailed",
        }
    }

    /// What galley makes of the result at `alpha`: `consistent`, `inconsistent`,
    /// `decision error`, or `no degrees of freedom` when p cannot be recomputed.
    pub fn verdict(&self, alpha: f64) -> &'static str {
        match self.judge(alpha) {
            None => "no degrees of freedom",
            Some(j) if j.decision_error => "decision error",
            Some(j) if j.inconsistent => "inconsistent",
            Some(_) => "consistent",
        }
    }

    /// The judgement at `alpha`, or `None` when p cannot be recomputed.
    pub fn judge(&self, alpha: f64) -> Option<Judgement> {
        judge(&self.parsed, self.one_tailed_text, alpha)
    }
}

/// A p-value as galley writes it in messages: three significant figures, small ones in
/// scientific notation.
pub fn show_p(p: f64) -> String {
    if p < 0.0001 {
        format!("{p:.2e}").replace('e', " × 10^")
    } else if p < 0.001 {
        format!("{p:.5}")
    } else {
        format!("{p:.4}")
    }
}

/// Every reported result of a document, in document order.
#[derive(Debug, Default)]
pub struct Results(pub Vec<Found>);

/// The results of `document`, found once and shared by every rule that asks.
pub fn results(document: &Document, manuscript: &Manuscript) -> Arc<Results> {
    manuscript
        .shared()
        .get_or_compute(|| find(document, manuscript))
}

fn find(document: &Document, manuscript: &Manuscript) -> Results {
    let mut found = Vec::new();
    for unit in manuscript.units_in(PARTS) {
        let expanded;
        let text = if has_math(document, &unit.text) {
            expanded = with_math(document, &unit.text);
            &expanded
        } else {
            &unit.text
        };
        let parsed = parse::results(text.as_str());
        if parsed.is_empty() {
            continue;
        }
        let text = Arc::new(text.clone());
        let one_tailed_text = one_tailed(text.as_str());
        for parsed in parsed {
            found.push(Found {
                parsed,
                text: Arc::clone(&text),
                one_tailed_text,
            });
        }
    }
    found.sort_by_key(|f| f.source(f.parsed.span.clone()).start);
    Results(found)
}

/// Whether a paragraph says its tests were one-tailed.
fn one_tailed(text: &str) -> bool {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(r"(?i)\bone[- ]?(?:tailed|sided)\b|\bdirectional (?:test|hypothes)")
                .expect("the one-tailed pattern compiles")
        })
        .is_match(text)
}

/// The placeholder readers put where math stood.
const PLACEHOLDER: char = '\u{FFFC}';

/// Whether `text` has placeholders that may stand for TeX math (in LaTeX and Markdown).
fn has_math(document: &Document, text: &MappedText) -> bool {
    matches!(document.format, Format::Latex | Format::Markdown)
        && text.as_str().contains(PLACEHOLDER)
}

/// `text` with the TeX math behind each placeholder written out, each piece of math mapped to
/// the whole of its source: a result in math mode reads like one in prose.
fn with_math(document: &Document, text: &MappedText) -> MappedText {
    let prose = text.as_str();
    let source = document.text.as_str();
    let mut out = MappedText::new();
    let mut copied = 0;
    let mut searched_from = 0;
    for (at, _) in prose.match_indices(PLACEHOLDER) {
        let after = at + PLACEHOLDER.len_utf8();
        // The math lies between the source of the text before the placeholder and that of the
        // text after it; at the start of a unit only the second is known.
        let before = text.to_source(at..at).start.max(searched_from);
        let next = (after < prose.len()).then(|| text.to_source(after..after + 1).start);
        let Some(math) = math_after(source, before)
            .or_else(|| next.and_then(|end| math_before(source, end.max(searched_from))))
        else {
            continue;
        };
        let Some(written) = tex::math_text(&source[math.clone()]) else {
            continue;
        };
        out.append(&text.slice(copied..at));
        out.push_replacement(&written, math.clone());
        copied = after;
        searched_from = math.end;
    }
    out.append(&text.slice(copied..prose.len()));
    out
}

/// The span of the TeX math that starts at `from` in `source` after white space, if any.
fn math_after(source: &str, from: usize) -> Option<Range<usize>> {
    let rest = source.get(from..)?;
    let start = from + (rest.len() - rest.trim_start().len());
    let rest = &source[start..];
    let (open, close) = if rest.starts_with("$$") {
        ("$$", "$$")
    } else if rest.starts_with('$') {
        ("$", "$")
    } else if rest.starts_with("\\(") {
        ("\\(", "\\)")
    } else if rest.starts_with("\\[") {
        ("\\[", "\\]")
    } else {
        return None;
    };
    let body = &rest[open.len()..];
    let mut escaped = false;
    for (i, c) in body.char_indices().take(400) {
        if escaped {
            escaped = false;
            continue;
        }
        if c == '\\' && !body[i..].starts_with(close) {
            escaped = true;
            continue;
        }
        if body[i..].starts_with(close) {
            return Some(start..start + open.len() + i + close.len());
        }
    }
    None
}

/// The span of the TeX math that ends at `end` in `source` before white space, if any.
fn math_before(source: &str, end: usize) -> Option<Range<usize>> {
    let head = source.get(..end)?.trim_end();
    let (open, close) = if head.ends_with("$$") {
        ("$$", "$$")
    } else if head.ends_with('$') {
        ("$", "$")
    } else if head.ends_with("\\)") {
        ("\\(", "\\)")
    } else if head.ends_with("\\]") {
        ("\\[", "\\]")
    } else {
        return None;
    };
    let body_end = head.len() - close.len();
    let window = body_end.saturating_sub(400);
    let start = (window..body_end)
        .rev()
        .filter(|&i| source.is_char_boundary(i))
        .find(|&i| source[i..body_end].starts_with(open))?;
    let math = start..head.len();
    // The math found must open where a math span opens, not be the end of an earlier one.
    (math_after(source, start) == Some(math.clone())).then_some(math)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::read_text;

    fn found(name: &str, format: Format, text: &str) -> Vec<(String, String)> {
        let document = read_text(name, format, text.to_string()).unwrap();
        let manuscript = Manuscript::detect(&document);
        results(&document, &manuscript)
            .0
            .iter()
            .map(|f| {
                let span = f.source(f.parsed.span.clone());
                (f.written(), document.text[span].to_string())
            })
            .collect()
    }

    #[test]
    fn results_in_latex_math_keep_their_source_span() {
        let text = "\\documentclass{article}\n\\begin{document}\nThe groups differed, $t(28) = 2.20$, $p = .036$, as expected.\n\\end{document}\n";
        assert_eq!(
            found("a.tex", Format::Latex, text),
            [(
                "t(28) = 2.20, p = .036".to_string(),
                "$t(28) = 2.20$, $p = .036$".to_string()
            )]
        );
        let text = "The groups differed ($\\chi^2(1, N = 90) = 3.84, p = .05$).\n";
        assert_eq!(
            found("a.md", Format::Markdown, text),
            [(
                "χ2(1, N = 90) = 3.84, p = .05".to_string(),
                "$\\chi^2(1, N = 90) = 3.84, p = .05$".to_string()
            )]
        );
    }

    #[test]
    fn one_tailed_mentions_are_recognised() {
        assert!(one_tailed("with one-tailed tests"));
        assert!(one_tailed("a one sided test"));
        assert!(!one_tailed("two-tailed tests throughout"));
    }
}
