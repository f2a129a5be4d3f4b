//! `quote-style`: straight and curly quotation marks (or apostrophes) mixed in one manuscript.
//! Reported once per kind of mark, at the first mark of the less used style, with the counts.
//! TeX quotes and code never reach prose, so they are not counted.

use std::ops::Range;

use serde::Deserialize;

use super::{Check, Context, SkipRanges};
use crate::diagnostic::Finding;
use crate::manuscript::Part;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn prose() -> Vec<Part> {
    vec![Part::Title, Part::Abstract, Part::Heading, Part::Body]
}

pub struct QuoteStyle {
    parts: Vec<Part>,
}

impl QuoteStyle {
    pub fn new(params: Params) -> Self {
        Self {
            parts: params.parts,
        }
    }
}

#[derive(Default)]
struct Tally {
    straight: Vec<Range<usize>>,
    curly: Vec<Range<usize>>,
}

impl Tally {
    fn finding(&self, what: &str) -> Option<Finding> {
        if self.straight.is_empty() || self.curly.is_empty() {
            return None;
        }
        let (minority, majority, minority_name, majority_name) =
            if self.straight.len() < self.curly.len() {
                (&self.straight, &self.curly, "straight", "curly")
            } else {
                (&self.curly, &self.straight, "curly", "straight")
            };
        Some(
            Finding::at(minority[0].clone())
                .arg("what", what)
                .arg("minority", minority_name)
                .arg("majority", majority_name)
                .arg(
                    "counts",
                    format!(
                        "{} straight, {} curly",
                        self.straight.len(),
                        self.curly.len()
                    ),
                )
                .label(majority[0].clone(), format!("{majority_name} here")),
        )
    }
}

/// Whether the white-space-delimited token around `at` looks like code or a command
/// (`FLAGS="-A x"`, `dead_code"`, or a value after a spaced `=`), whose straight quotes are not
/// typography.
fn in_code_like_token(text: &str, at: usize) -> bool {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    // An argument of a call written with spaces (`plot(maps, map = "removal")`).
    let assigned = text[..start].trim_end().ends_with('=');
    assigned || text[start..end].contains(['=', '_', '\\', '{', '}', '<', '>', '$'])
}

impl Check for QuoteStyle {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut double = Tally::default();
        let mut single = Tally::default();
        for unit in cx.manuscript.units_in(&self.parts) {
            let text = unit.text.as_str();
            let skip = SkipRanges::of_unit(unit);
            // Only the marks themselves are looked at closely: the token and skip tests cost
            // time in the length of a token, so running them on every character made a long
            // word quadratic.
            for (i, c) in text.match_indices(['"', '“', '”', '\'', '’']) {
                if skip.contains(i) || in_code_like_token(text, i) {
                    continue;
                }
                let span = unit.text.to_source(i..i + c.len());
                let after_letter = || {
                    text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)
                };
                match c {
                    "\"" => double.straight.push(span),
                    "“" | "”" => double.curly.push(span),
                    // An apostrophe or single quote between letters or after one (the pond's).
                    "'" if after_letter() => single.straight.push(span),
                    "’" if after_letter() => single.curly.push(span),
                    _ => {}
                }
            }
        }
        [
            double.finding("quotation marks"),
            single.finding("apostrophes"),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_end_at_any_white_space_including_non_breaking() {
        let text = "the\u{a0}\"quoted\" FLAGS=\"x\"";
        let quote = text.find('"').unwrap();
        assert!(!in_code_like_token(text, quote));
        let code = text.rfind('"').unwrap();
        assert!(in_code_like_token(text, code));
    }
}
