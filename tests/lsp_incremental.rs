//! The language server keeps per-paragraph results between checks of a document (see
//! `checks::memo`): after a series of edits, what it reports must be exactly what a fresh
//! `galley check` of the same text reports.

use std::sync::Arc;

use galley::config::Settings;
use galley::diagnostic::Diagnostic;
use galley::lsp::workspace::{self, Overlay};
use galley::rules::RuleSet;
use galley::source::Format;

#[path = "../benches/support/mod.rs"]
mod support;

fn check(rules: &Arc<RuleSet>, format: Format, text: &str) -> Vec<Diagnostic> {
    workspace::check(
        "paper",
        format,
        text.to_string(),
        None,
        rules.clone(),
        &Overlay::default(),
    )
    .expect("the text reads")
    .diagnostics
}

/// Applies each edit in turn to a server-like rule set that remembers, and compares every
/// result with a rule set that starts from nothing.
fn assert_edits_match_full_checks(format: Format, text: &str, edits: &[&dyn Fn(&str) -> String]) {
    let mut warm = RuleSet::build(&Settings::default()).expect("default rules build");
    warm.memoize = true;
    let warm = Arc::new(warm);
    let mut text = text.to_string();
    let first = check(&warm, format, &text);
    assert!(!first.is_empty(), "the sample has findings");
    for (i, edit) in edits.iter().enumerate() {
        let edited = edit(&text);
        assert_ne!(edited, text, "edit {i} changes the text");
        text = edited;
        let cold = Arc::new(RuleSet::build(&Settings::default()).expect("default rules build"));
        let incremental = check(&warm, format, &text);
        let full = check(&cold, format, &text);
        assert_eq!(incremental.len(), full.len(), "after edit {i}");
        for (a, b) in incremental.iter().zip(&full) {
            assert_eq!(a, b, "after edit {i}");
        }
    }
}

/// The paragraph around the middle of `text`: its start and end.
fn middle_paragraph(text: &str) -> (usize, usize) {
    let middle = text.len() / 2;
    let start = text[..middle].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[middle..]
        .find("\n\n")
        .map_or(text.len(), |i| middle + i + 2);
    (start, end)
}

#[test]
fn edits_to_a_long_manuscript_report_what_a_full_check_reports() {
    let text = support::manuscript(3_000, true);
    let type_a_word = |t: &str| {
        let at = t.len() / 2;
        let at = at + t[at..].find(' ').unwrap();
        let mut t = t.to_string();
        t.insert_str(at, " pond");
        t
    };
    // A paragraph repeated further on: the same text at two places, both reported.
    let duplicate_paragraph = |t: &str| {
        let (start, end) = middle_paragraph(t);
        let mut t = t.to_string();
        let paragraph = t[start..end].to_string();
        let at = t.len() * 3 / 4;
        let at = at + t[at..].find("\n\n").unwrap() + 2;
        t.insert_str(at, &paragraph);
        t
    };
    // Lines added above every paragraph: everything after moves.
    let insert_at_top = |t: &str| {
        let at = t.find("\n\n").unwrap() + 2;
        let mut t = t.to_string();
        t.insert_str(
            at,
            "A new paragraph with a  doubled space and  teh the slip.\n\n",
        );
        t
    };
    let delete_paragraph = |t: &str| {
        let (start, end) = middle_paragraph(t);
        let mut t = t.to_string();
        t.replace_range(start..end, "");
        t
    };
    // The same words with markup around them: same prose, other source positions.
    let emphasise = |t: &str| t.replacen("The the samples", "*The the* samples", 1);
    let fix_a_finding = |t: &str| t.replacen("abode by", "abide by", 1);
    let add_a_link = |t: &str| {
        t.replacen(
            "Small ponds are common",
            "Small ponds (see https://example.org/a  b) are common",
            1,
        )
    };
    assert_edits_match_full_checks(
        Format::Markdown,
        &text,
        &[
            &type_a_word,
            &duplicate_paragraph,
            &insert_at_top,
            &delete_paragraph,
            &emphasise,
            &fix_a_finding,
            &add_a_link,
            &type_a_word,
        ],
    );
}

#[test]
fn edits_to_a_latex_sample_report_what_a_full_check_reports() {
    // The included methods section is not read (no path): the main file alone.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/latex/hedgerow-bees.tex"
    ))
    .expect("the sample exists");
    let insert = |t: &str| {
        let at = t.find("\\section{Introduction}").unwrap();
        let mut t = t.to_string();
        t.insert_str(at, "An added  line with a doubled space.\n\n");
        t
    };
    let delete_middle = |t: &str| {
        let (start, end) = middle_paragraph(t);
        let mut t = t.to_string();
        t.replace_range(start..end, "");
        t
    };
    assert_edits_match_full_checks(Format::Latex, &text, &[&insert, &delete_middle, &insert]);
}
