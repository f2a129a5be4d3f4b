//! Every rule's own examples, run against that rule alone through the production loader: `bad`
//! text must be flagged, `good` text must not. Every pair of the confusable table is run the same
//! way. Rules without both kinds of example, or with wording that breaks the house style, fail.

use std::sync::Arc;

use galley::checks::ConfusableTable;
use galley::config::{RuleOverride, Settings, SourceText};
use galley::rules::{Example, RuleSet};
use galley::source::{Format, read_text};

fn rule_set(id: &str, params: Option<&toml::Table>) -> RuleSet {
    let mut settings = Settings::default();
    if let Some(params) = params {
        settings.overrides.push(RuleOverride {
            rule: id.to_string(),
            origin: SourceText {
                name: "example".into(),
                text: Arc::from(""),
            },
            rule_span: None,
            table_span: None,
            table: params.clone(),
        });
    }
    settings.select = vec![(id.to_string(), None)];
    RuleSet::build(&settings)
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .only(id)
}

fn findings(set: &RuleSet, example: &Example, text: &str) -> Vec<String> {
    let format = match example.format.as_deref() {
        Some("md") => Format::Markdown,
        Some("xml") => Format::Jats,
        Some("tex") => Format::Latex,
        _ => Format::Text,
    };
    let document = read_text("example", format, text.to_string()).expect("examples are text");
    let (_, diagnostics) = set.lint(&document);
    diagnostics
        .iter()
        .map(|d| format!("{} at {:?}: {}", d.rule, &text[d.span.clone()], d.message))
        .collect()
}

#[test]
fn every_rule_flags_its_bad_examples_and_passes_its_good_ones() {
    let all = RuleSet::build(&Settings::default()).expect("built-in rules load");
    let installed = galley::checks::installed_dictionary_languages();
    // CI installs every dictionary the examples name; elsewhere an example whose dictionary is
    // missing cannot be judged, and is named instead of run.
    let must_run_all = std::env::var_os("CI").is_some();
    let mut failures = Vec::new();
    let mut not_run = Vec::new();
    for rule in &all.rules {
        let spec = &rule.spec;
        let bad = spec.examples.iter().filter(|e| e.bad.is_some()).count();
        let good = spec.examples.iter().filter(|e| e.good.is_some()).count();
        if bad == 0 || good == 0 {
            failures.push(format!(
                "{}: needs at least one `bad` and one `good` example",
                spec.id
            ));
        }
        for (index, example) in spec.examples.iter().enumerate() {
            let missing: Vec<&String> = example
                .needs
                .iter()
                .filter(|code| !installed.contains(&code.as_str()))
                .collect();
            if !missing.is_empty() {
                let what = format!("{} example {index} needs a {missing:?} dictionary", spec.id);
                if must_run_all {
                    failures.push(what);
                } else {
                    not_run.push(what);
                }
                continue;
            }
            let set = rule_set(&spec.id, example.params.as_ref());
            if let Some(text) = &example.bad {
                let found = findings(&set, example, text);
                let ok = match example.expect {
                    Some(n) => found.len() == n,
                    None => !found.is_empty(),
                };
                if !ok {
                    failures.push(format!(
                        "{} example {index}: expected {:?} findings, got {found:?}",
                        spec.id,
                        example.expect.map_or("some".into(), |n| n.to_string())
                    ));
                }
            }
            if let Some(text) = &example.good {
                let found = findings(&set, example, text);
                if !found.is_empty() {
                    failures.push(format!(
                        "{} example {index}: good text was flagged: {found:?}",
                        spec.id
                    ));
                }
            }
        }
    }
    for what in &not_run {
        eprintln!("not run: {what} (install it, see the README)");
    }
    assert_eq!(failures, Vec::<String>::new());
}

#[test]
fn rule_wording_follows_the_house_style() {
    let all = RuleSet::build(&Settings::default()).expect("built-in rules load");
    for rule in &all.rules {
        let spec = &rule.spec;
        let first = spec.message.chars().next().unwrap();
        assert!(
            !first.is_uppercase(),
            "{}: message must start lowercase",
            spec.id
        );
        assert!(
            !spec.message.ends_with(['.', '?', '!']),
            "{}: message must not end with punctuation",
            spec.id
        );
        assert!(
            !spec.message.contains("did you mean"),
            "{}: say what is wrong, not a question",
            spec.id
        );
        assert!(
            spec.explanation.contains("## What it checks"),
            "{}: explanation needs `## What it checks`",
            spec.id
        );
        assert!(
            spec.help.is_some(),
            "{}: a rule says how to fix what it finds",
            spec.id
        );
    }
}

/// An example of no kind, in plain text: for running sentences of our own through a rule.
fn plain_text() -> Example {
    Example {
        bad: None,
        good: None,
        expect: None,
        format: None,
        params: None,
        needs: Vec::new(),
    }
}

#[test]
fn every_confusable_pair_flags_and_allows_its_sentences() {
    let set = rule_set("real-word-error", None);
    let example = plain_text();
    let mut failures = Vec::new();
    for pair in &ConfusableTable::builtin().pair {
        for sentence in &pair.flag {
            let found = findings(&set, &example, sentence);
            let hit = format!("at {:?}", pair.word.to_lowercase());
            if !found.iter().any(|f| f.to_lowercase().contains(&hit)) {
                failures.push(format!(
                    "`{}` not flagged in: {sentence} (got {found:?})",
                    pair.word
                ));
            }
        }
        for sentence in &pair.allow {
            let found = findings(&set, &example, sentence);
            if !found.is_empty() {
                failures.push(format!(
                    "`{}` table flagged a correct sentence: {sentence} ({found:?})",
                    pair.word
                ));
            }
        }
    }
    assert_eq!(failures, Vec::<String>::new());
}

/// Typeset text: a non-breaking or narrow no-break space between the words, or an accented word
/// nearby, changes nothing about what the table finds.
#[test]
fn confusable_contexts_read_non_breaking_spaces_as_spaces() {
    let set = rule_set("real-word-error", None);
    let example = plain_text();
    for (sentence, word) in [
        ("All members must\u{a0}abode\u{a0}by the treaty.", "abode"),
        ("The naïve parties must not\u{202f}abode by it.", "abode"),
        (
            "Côte d’Ivoire’s results were higher then\u{a0}expected.",
            "then",
        ),
    ] {
        let found = findings(&set, &example, sentence);
        assert!(
            found.iter().any(|f| f.contains(&format!("at {word:?}"))),
            "{sentence}: {found:?}"
        );
    }
}

/// What `galley rules` and `galley explain` say about a rule's fixes is what its findings carry:
/// a rule listed as having no fix never attaches one, and a fix is never more permissive than
/// listed (a rule listed as unsafe never attaches a safe fix).
#[test]
fn listed_fix_kinds_match_the_fixes_the_examples_carry() {
    use galley::diagnostic::Applicability;
    let all = RuleSet::build(&Settings::default()).expect("built-in rules load");
    let mut failures = Vec::new();
    for rule in &all.rules {
        let listed = rule.spec.fix_applicability(&rule.params);
        for example in &rule.spec.examples {
            let Some(text) = &example.bad else { continue };
            let set = rule_set(&rule.spec.id, example.params.as_ref());
            let format = match example.format.as_deref() {
                Some("md") => Format::Markdown,
                Some("xml") => Format::Jats,
                Some("tex") => Format::Latex,
                _ => Format::Text,
            };
            let document = read_text("example", format, text.to_string()).unwrap();
            let (_, diagnostics) = set.lint(&document);
            for fix in diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
                let ok = match (listed, fix.applicability) {
                    (None, _) => false,
                    (Some("safe"), _) => true,
                    (Some(_), Applicability::Safe) => false,
                    (Some(_), _) => true,
                };
                if !ok {
                    failures.push(format!(
                        "{}: listed as {listed:?} but a finding carries a {:?} fix",
                        rule.spec.id, fix.applicability
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
