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
/// result with a rule set that starts from nothing; returns the results after each edit.
fn assert_edits_match_full_checks(
    format: Format,
    text: &str,
    edits: &[&dyn Fn(&str) -> String],
) -> Vec<Vec<Diagnostic>> {
    let mut warm = RuleSet::build(&Settings::default()).expect("default rules build");
    warm.memoize = true;
    let warm = Arc::new(warm);
    let mut text = text.to_string();
    let mut results = Vec::new();
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
        results.push(full);
    }
    results
}

/// How many findings of `rule` mention `word` in their message.
fn count(found: &[Diagnostic], rule: &str, word: &str) -> usize {
    found
        .iter()
        .filter(|d| d.rule == rule && d.message.contains(word))
        .count()
}

/// The start of the paragraph after the one around three quarters into `text`.
fn three_quarters(text: &str) -> usize {
    let at = text.len() * 3 / 4;
    at + text[at..].find("\n\n").unwrap() + 2
}

#[test]
fn edits_that_change_document_wide_counts_and_languages_report_what_a_full_check_reports() {
    let text = support::manuscript(3_000, true);
    // Grammar slips in a new paragraph, then one of them fixed.
    let add_grammar_slips = |t: &str| {
        let mut t = t.to_string();
        t.insert_str(
            three_quarters(&t),
            "These solution address the question of drainage. It have been shown before.\n\n",
        );
        t
    };
    let fix_a_grammar_slip = |t: &str| t.replacen("These solution", "These solutions", 1);
    // A misspelt word used once is reported; used three times it is the author's term, except
    // for a common word with a letter replaced, which stays a slip however often it is used.
    let misspell_once = |t: &str| {
        let mut t = t.to_string();
        t.insert_str(
            three_quarters(&t),
            "The drainge of the model and the vegetaton and the prevalance of beetles were low.\n\n",
        );
        t
    };
    let misspell_twice_more = |t: &str| {
        let mut t = t.to_string();
        let at = t.find("\n\n").unwrap() + 2;
        t.insert_str(
            at,
            "Both drainge and vegetaton were fitted, and the prevalance was counted.\n\n",
        );
        let at = t.len() / 3;
        let at = at + t[at..].find("\n\n").unwrap() + 2;
        t.insert_str(
            at,
            "The drainge and vegetaton and the prevalance were checked again.\n\n",
        );
        t
    };
    // One word written two ways in two paragraphs.
    let colour = |t: &str| {
        let mut t = t.to_string();
        t.insert_str(
            three_quarters(&t),
            "The colour of the water was recorded at each visit to the ponds.\n\n",
        );
        t
    };
    let color = |t: &str| {
        let mut t = t.to_string();
        let at = t.find("\n\n").unwrap() + 2;
        t.insert_str(
            at,
            "The color of the sediment was recorded at each visit to the ponds.\n\n",
        );
        t
    };
    // A paragraph turned into another language, and back.
    let portuguese = |t: &str| {
        let (start, end) = middle_paragraph(t);
        let mut t = t.to_string();
        t.replace_range(
            start..end,
            "Os resultados mostram que a maioria dos pequenos lagos não tem água durante todo o verão e que os besouros são mais comuns nos lagos com sombra.\n\n",
        );
        t
    };
    let english_again = |t: &str| {
        t.replacen(
            "Os resultados mostram que a maioria dos pequenos lagos não tem água durante todo o verão e que os besouros são mais comuns nos lagos com sombra.",
            "The results show that most small ponds hold no water through the summer and that beetles are commoner in ponds with shade.",
            1,
        )
    };
    let found = assert_edits_match_full_checks(
        Format::Markdown,
        &text,
        &[
            &add_grammar_slips,
            &fix_a_grammar_slip,
            &misspell_once,
            &misspell_twice_more,
            &colour,
            &color,
            &portuguese,
            &english_again,
        ],
    );
    // The edits change what is found: the comparisons above are not of empty lists.
    assert_eq!(count(&found[0], "determiner-noun-agreement", "solution"), 1);
    assert_eq!(count(&found[0], "subject-verb-agreement", "have"), 1);
    assert_eq!(count(&found[1], "determiner-noun-agreement", "solution"), 0);
    assert_eq!(count(&found[1], "subject-verb-agreement", "have"), 1);
    assert_eq!(count(&found[2], "unknown-word", "drainge"), 1);
    // Three uses vouch for "drainge"; "prevalance" is a slip on "prevalence" however often.
    assert_eq!(count(&found[3], "unknown-word", "drainge"), 0);
    assert_eq!(count(&found[3], "unknown-word", "prevalance"), 1);
    assert_eq!(count(&found[4], "inconsistent-spelling", "colo"), 0);
    assert_eq!(count(&found[5], "inconsistent-spelling", "colo"), 1);
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
    let _ = assert_edits_match_full_checks(
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
    let _ =
        assert_edits_match_full_checks(Format::Latex, &text, &[&insert, &delete_middle, &insert]);
}
