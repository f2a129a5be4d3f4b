//! The form of pandoc citations in Markdown source, reported under `citation-form`:
//!
//! - a bracketed citation glued to the word before it: "Direct Replication[@simons2014]", which
//!   pandoc prints as "Direct Replication(Simons 2014)"; only where the manuscript itself puts a
//!   space before most of its bracketed citations (a manuscript in a superscript style glues
//!   every citation on purpose: "paper[@key]" prints a superscript number);
//! - a bare (narrative) `@key` where a parenthetical `[@key]` was meant: tacked on after a noun
//!   at the end of a clause ("existing work @openscapes.", printed "existing work Openscapes
//!   (2023).") or written inside hand-made parentheses ("(@stouffer2012)", printed
//!   "(Stouffer et al. (2012))").

use std::ops::Range;

use crate::checks::grammar::lexicon;
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

/// Words after which a bare `@key` is the name the sentence needs ("by @smith", "see @smith",
/// "and @jones"), beside prepositions, function words and verbs.
const NARRATIVE_BEFORE: &[&str] = &[
    "also",
    "cf",
    "e.g",
    "especially",
    "following",
    "i.e",
    "including",
    "namely",
    "notably",
    "see",
];

/// Bare `@key` citations where a parenthetical one was meant, in English prose. Keys tacked on
/// after a word are reported once per paragraph, at the first, with the others as labels: a
/// manuscript that writes them so does it throughout, and one finding says it for the paragraph.
pub fn narrative_misuse(citations: &[KeyedCitation], source: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    // Keys after a word: (span, the word before).
    let mut tacked_on: Vec<(Range<usize>, &str)> = Vec::new();
    for citation in citations {
        let span = citation.span.clone();
        if source.as_bytes().get(span.start) != Some(&b'@')
            || opening_bracket(source, span.start).is_some()
        {
            continue;
        }
        let key = &source[span.clone()];
        let bracketed = format!("[{key}]");
        // The citation ends its clause: punctuation follows the key (or its locator).
        let mut after = source[span.end..].trim_start_matches([' ', '\t']);
        if after.starts_with('[') {
            after = after.find(']').map_or("", |i| &after[i + 1..]);
        }
        if !after.starts_with(['.', ',', ';', ':', ')']) {
            continue;
        }
        // A run of bare keys ("@nelson2022 @royalsociety.") is judged by what precedes it.
        let mut before = source[..span.start].trim_end_matches([' ', '\t']);
        while let Some(at) = before.rfind(|c: char| c.is_whitespace() || c == '@')
            && before[at..].starts_with('@')
            && at < before.len() - 1
        {
            before = before[..at].trim_end_matches([' ', '\t']);
        }
        // "(@key)", "(e.g. @key,": the bare key prints its own parentheses inside them.
        let opener = ["(", "(e.g.", "(e.g.,", "(i.e."]
            .iter()
            .any(|o| before.ends_with(o));
        if opener {
            findings.push(
                Finding::at(span)
                    .arg("subject", key)
                    .arg(
                        "problem",
                        "prints parentheses inside the parentheses around it",
                    )
                    .arg(
                        "advice",
                        format!(
                            "write “{bracketed}” (with any “e.g.” or “see” inside the brackets) \
                             instead of parentheses around a bare key, which prints the year in \
                             parentheses of its own"
                        ),
                    ),
            );
            continue;
        }
        // The word right before, with nothing but spaces between.
        let word_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
        // A code span is a name too ("implemented in `rstan` @rstan.").
        let word_start = match before.strip_suffix('`').and_then(|b| b.rfind('`')) {
            Some(open) if word_start == before.len() => open,
            _ => word_start,
        };
        let word = &before[word_start..];
        if word.is_empty() || before.len() == source[..span.start].len() || word.contains('@') {
            continue;
        }
        let lower = word.to_lowercase();
        if lexicon::preposition(&lower)
            || lexicon::function_word(&lower)
            || lexicon::Verbs::get().any_form(&lower)
            || NARRATIVE_BEFORE.contains(&lower.as_str())
            || lower.ends_with("ed")
            || lower.ends_with("ly") && lower != "only"
        {
            continue;
        }
        tacked_on.push((span, word));
    }
    tacked_on.sort_by_key(|(span, _)| span.start);
    let mut rest = tacked_on.as_slice();
    while let Some(((span, word), others)) = rest.split_first() {
        // The others in the same paragraph: no blank line between them and the first.
        let same_paragraph = others
            .iter()
            .take_while(|(next, _)| !is_paragraph_break(&source[span.end..next.start]))
            .count();
        let key = &source[span.clone()];
        let mut finding = Finding::at(span.clone())
            .arg("subject", key)
            .arg(
                "problem",
                format!("prints the author's name into the sentence after “{word}”"),
            )
            .arg(
                "advice",
                format!(
                    "write “[{key}]” for a citation in parentheses; a bare key is for a \
                     citation that names its author in the sentence (“{key} shows”)"
                ),
            );
        for (other, _) in &others[..same_paragraph] {
            finding = finding.label(other.clone(), "this one too");
        }
        if same_paragraph > 0 {
            finding = finding.note(format!(
                "{same_paragraph} more bare key{} in this paragraph, labelled, read the same way",
                if same_paragraph == 1 { "" } else { "s" }
            ));
        }
        findings.push(finding);
        rest = &others[same_paragraph..];
    }
    findings
}

/// Whether `between` holds a blank line, which ends a Markdown paragraph.
fn is_paragraph_break(between: &str) -> bool {
    let lines: Vec<&str> = between.split('\n').collect();
    lines.len() > 2
        && lines[1..lines.len() - 1]
            .iter()
            .any(|l| l.trim().is_empty())
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
    fn a_bare_key_tacked_on_after_a_noun_or_inside_parentheses_was_meant_in_brackets() {
        let source = "Open science is an old idea @collins2011. Groups matter @beck2020, and \
                      webs differ (@stou12ecs) and (e.g. @narteau2014, @lee2018) in `rstan` @rstan.";
        let found: Vec<&str> = [
            "@collins2011",
            "@beck2020",
            "@stou12ecs",
            "@narteau2014",
            "@rstan",
        ]
        .iter()
        .flat_map(|k| cite(source, k))
        .flat_map(|c| narrative_misuse(&[c], source))
        .map(|f| &source[f.span])
        .collect();
        assert_eq!(
            found,
            [
                "@collins2011",
                "@beck2020",
                "@stou12ecs",
                "@narteau2014",
                "@rstan"
            ]
        );
    }

    #[test]
    fn bare_keys_after_words_are_reported_once_per_paragraph() {
        let source = "Science was competitive @elkins2021. A new paradigm for science @unesco2021, \
                      as codified @bud2001.\n\nA movement of groups @beck2020.";
        let citations: Vec<KeyedCitation> = ["@elkins2021", "@unesco2021", "@beck2020"]
            .iter()
            .flat_map(|k| cite(source, k))
            .collect();
        let found = narrative_misuse(&citations, source);
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].span.clone()], "@elkins2021");
        let labelled: Vec<&str> = found[0]
            .secondary
            .iter()
            .map(|l| &source[l.span.clone()])
            .collect();
        assert_eq!(labelled, ["@unesco2021"]);
        assert_eq!(&source[found[1].span.clone()], "@beck2020");
        assert!(found[1].secondary.is_empty());
    }

    #[test]
    fn a_bare_key_that_names_its_author_is_left_alone() {
        let source = "As shown by @smith2020. See @jones2019, and @lee2018 found it; \
                      @kim2017 shows it [@park2016]. We follow @wu2015. (@bolger2019 found \
                      it.) Details are in the guide (see @xie2019 for more).";
        for key in [
            "@smith2020",
            "@jones2019",
            "@lee2018",
            "@kim2017",
            "@park2016",
            "@wu2015",
            "@bolger2019",
            "@xie2019",
        ] {
            assert!(
                narrative_misuse(&cite(source, key), source).is_empty(),
                "{key}"
            );
        }
    }

    #[test]
    fn a_manuscript_that_glues_its_citations_is_left_alone() {
        let source = "One word[@a]. Two word[@a]. Three [@a]. Narrative @a says.";
        assert!(glued_citations(&cite(source, "@a"), source).is_empty());
    }
}
