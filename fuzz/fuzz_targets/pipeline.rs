//! The whole check, bytes to diagnostics, in every format (the first byte picks it) with every
//! rule on: no panic, and every diagnostic, label and fix span lies in the document's text.
#![no_main]

use galley::config::{RuleOverride, Settings, SourceText};
use galley::rules::RuleSet;
use galley::source::Format;
use libfuzzer_sys::fuzz_target;
use std::sync::{Arc, OnceLock};

fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        // Every rule on, those off by default too, except the one that needs a dictionary folder.
        let defaults = RuleSet::build(&Settings::default()).expect("built-in rules load");
        let mut settings = Settings::default();
        for rule in defaults.rules.iter().filter(|r| !r.enabled) {
            if rule.id() == "dictionary-spelling" {
                continue;
            }
            settings.overrides.push(RuleOverride {
                rule: rule.id().to_string(),
                origin: SourceText {
                    name: "fuzz".into(),
                    text: Arc::from(""),
                },
                rule_span: None,
                table_span: None,
                table: toml::from_str("enabled = true").expect("valid TOML"),
            });
        }
        RuleSet::build(&settings).expect("every rule builds")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (format, name) = match selector % 5 {
        0 => (Format::Text, "paper.txt"),
        1 => (Format::Markdown, "paper.md"),
        2 => (Format::Latex, "paper.tex"),
        3 => (Format::Docx, "paper.docx"),
        _ => (Format::Jats, "paper.xml"),
    };
    let Some(document) = galley_fuzz::read(format, name, rest) else {
        return;
    };
    // Lint directly, not through `app::analyse`, which turns a panic into an error message.
    let (_, diagnostics) = rules().lint(&document);
    galley_fuzz::assert_diagnostics(&document.text, &diagnostics);
    let (document, diagnostics) =
        galley::app::analyse(document, rules(), None).expect("no rule panicked");
    galley_fuzz::assert_diagnostics(&document.text, &diagnostics);
});
