//! The language server's re-check after an edit, with warm state: a 10,000-word Markdown
//! manuscript already open and checked once (the rule set built and its rules compiled, as they
//! are after the first check of a session), then one word typed, and the document read, checked
//! and its findings turned into LSP diagnostics again, as `galley lsp` does when its debounce
//! ends. Run: `cargo bench --bench lsp_recheck`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use galley::config::Settings;
use galley::lsp::convert::{self, Encoding, Parts};
use galley::lsp::workspace::{self, Overlay};
use galley::rules::RuleSet;
use galley::source::Format;
use lsp_types::Url;

mod support;

fn recheck(c: &mut Criterion) {
    let rules = Arc::new(RuleSet::build(&Settings::default()).expect("default rules build"));
    let text = support::manuscript(10_800, true);
    let words = text.split_whitespace().count();
    assert!(words >= 10_000, "the manuscript has {words} words");
    let uri = Url::parse("file:///bench/paper.md").unwrap();
    let overlay = Overlay::default();
    let check = |text: String| {
        let checked = workspace::check(
            "/bench/paper.md",
            Format::Markdown,
            text,
            None,
            rules.clone(),
            &overlay,
        )
        .expect("the manuscript reads");
        let parts = Parts::of(&checked.document, &uri);
        let diagnostics = convert::diagnostics(
            &checked.document.text,
            &parts,
            &checked.diagnostics,
            Encoding::Utf16,
            &mut |_| None,
        );
        (checked, diagnostics)
    };
    // Warm: the first check of the session compiles the rules.
    let (_, first) = check(text.clone());
    assert!(!first.is_empty(), "the manuscript has findings");
    // An edit in the middle: one word typed.
    let middle = text.len() / 2;
    let at = text[middle..].find(' ').map_or(middle, |i| middle + i);
    let mut edited = text.clone();
    edited.insert_str(at, " pond");

    let mut group = c.benchmark_group("lsp");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("recheck-after-edit/10k-words.md", |b| {
        b.iter(|| check(black_box(edited.clone())))
    });
    group.finish();
}

criterion_group!(benches, recheck);
criterion_main!(benches);
