//! A bracketed pandoc citation glued to the word before it: "Direct Replication[@simons2014]",
//! which pandoc prints as "Direct Replication(Simons 2014)". Reported under `citation-form`, and
//! only where the manuscript itself puts a space before most of its bracketed citations: a
//! manuscript in a superscript style glues every citation on purpose ("paper[@key]" prints a
//! superscript number).

use std::ops::Range;

use crate::diagnostic::Finding;
use crate::source::KeyedCitation;

/// How far back from a key its opening bracket may stand ("[see, for example, @key").
const BRACKET_REACH: usize = 120;

/// The opening bracket of the bracketed citation holding the key at `key`, if it has one.
fn opening_bracket(source: &str, key: usize) -> Option<usize> {
    let floor = key.saturating_sub(BRACKET_REACH);
    let before = source.get(floor..key)?;
    let at = before.rfind(['[', ']', '\n', '{', '}'])?;
    (before.as_bytes()[at] == b'[').then_some(floor + at)
}

/// What stands before an opening bracket.
#[derive(Debug, PartialEq, Eq)]
enum Before {
    Space,
    /// A letter, a digit or a closing parenthesis: the citation is glued to it.
    Word,
    /// Anything else (an opening parenthesis, a quotation mark): no judgement.
    Other,
}

fn before_bracket(source: &str, bracket: usize) -> Before {
    match source[..bracket].chars().next_back() {
        Some(c) if c.is_whitespace() => Before::Space,
        Some(c) if c.is_alphanumeric() || c == ')' => Before::Word,
        _ => Before::Other,
    }
}

/// Glued bracketed citations, when at least `SPACED_SHARE` times as many of the manuscript's
/// bracketed citations have a space before them, and at least `MIN_SPACED` do.
pub fn glued_citations(citations: &[KeyedCitation], source: &str) -> Vec<Finding> {
    const SPACED_SHARE: usize = 3;
    const MIN_SPACED: usize = 5;
    let mut brackets: Vec<usize> = citations
        .iter()
        .filter_map(|c| opening_bracket(source, c.span.start))
        .collect();
    brackets.sort_unstable();
    brackets.dedup();
    let spaced = brackets
        .iter()
        .filter(|&&b| before_bracket(source, b) == Before::Space)
        .count();
    let glued: Vec<usize> = brackets
        .into_iter()
        .filter(|&b| before_bracket(source, b) == Before::Word)
        .collect();
    if glued.is_empty() || spaced < MIN_SPACED || spaced < SPACED_SHARE * glued.len() {
        return Vec::new();
    }
    glued
        .into_iter()
        .map(|bracket| {
            let end = source[bracket..]
                .find(']')
                .map_or(bracket + 1, |i| bracket + i + 1);
            let span: Range<usize> = bracket..end;
            Finding::at(span.clone())
                .arg("subject", &source[span])
                .arg("problem", "has no space before it")
                .arg(
                    "advice",
                    format!(
                        "put a space before the bracket, as before the manuscript's other {spaced} \
                         citations: without it the rendered citation touches the word"
                    ),
                )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(source: &str, key: &str) -> Vec<KeyedCitation> {
        source
            .match_indices(key)
            .map(|(i, _)| KeyedCitation {
                keys: vec![key.trim_start_matches('@').to_string()],
                span: i..i + key.len(),
            })
            .collect()
    }

    #[test]
    fn a_glued_citation_is_reported_where_the_others_are_spaced() {
        let source = "One [@a]. Two [@a]. Three [@a]. Four [see @a]. Five [@a; @a]. Six word[@a].";
        let found = glued_citations(&cite(source, "@a"), source);
        assert_eq!(found.len(), 1);
        assert_eq!(&source[found[0].span.clone()], "[@a]");
        assert_eq!(found[0].span.start, source.find("word[").unwrap() + 4);
    }

    #[test]
    fn a_manuscript_that_glues_its_citations_is_left_alone() {
        let source = "One word[@a]. Two word[@a]. Three [@a]. Narrative @a says.";
        assert!(glued_citations(&cite(source, "@a"), source).is_empty());
    }
}
