//! The language server's re-check after an edit, with warm state: a 10,000-word Markdown
//! manuscript already open and checked once (the rule set built and its rules compiled, as they
//! are after the first check of a session), then one word typed, and the document read, checked
//! and its findings turned into LSP diagnostics again, as `galley lsp` does when its debounce
//! ends. Run: `cargo bench --bench lsp_recheck`.
//!
//! For an instruction count that does not depend on the machine's load, set
//! `LSP_RECHECK_ITERS=N`: the benchmark then does the warm-up check and `N` re-checks in a plain
//! loop, without criterion, so that `valgrind --tool=callgrind` run with N = 1 and N = 3 gives
//! one re-check's instructions as half the difference (see BENCHMARKS.md).

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
    // As the server builds it: unit-local checks keep their per-paragraph results.
    let mut rules = RuleSet::build(&Settings::default()).expect("default rules build");
    rules.memoize = true;
    let rules = Arc::new(rules);
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

    if let Some(iters) = std::env::var("LSP_RECHECK_ITERS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 0..iters {
            black_box(check(black_box(edited.clone())));
        }
        std::process::exit(0);
    }

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
