//! Per-stage benchmarks: reading, structure detection, citation analysis, the rule pass and
//! reporting, on a generated manuscript of about 10,000 words (Markdown and plain text) and on
//! the bundled samples. Sample sizes are small so `cargo bench` stays within a few minutes;
//! the numbers are for comparing revisions on one machine, not absolute claims.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use galley::config::Settings;
use galley::manuscript::Manuscript;
use galley::report::{self, FileReport, Run};
use galley::rules::RuleSet;
use galley::source::{self, Format};

mod support;
use support::manuscript;

fn rules() -> RuleSet {
    RuleSet::build(&Settings::default()).expect("default rule set builds")
}

struct Input {
    name: &'static str,
    format: Format,
    text: String,
}

fn inputs() -> Vec<Input> {
    let sample =
        |p: &str| std::fs::read_to_string(format!("{}/{p}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    vec![
        Input {
            name: "gen10k.md",
            format: Format::Markdown,
            text: manuscript(10_000, true),
        },
        Input {
            name: "gen10k.txt",
            format: Format::Text,
            text: manuscript(10_000, false),
        },
        Input {
            name: "clean-manuscript.md",
            format: Format::Markdown,
            text: sample("samples/clean-manuscript.md"),
        },
    ]
}

fn configure(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("stages");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group
}

fn stages(c: &mut Criterion) {
    let rules = rules();
    let mut group = configure(c);
    for input in inputs() {
        group.throughput(Throughput::Bytes(input.text.len() as u64));
        let name = input.name;
        let text = input.text.as_str();
        group.bench_function(format!("read/{name}"), |b| {
            b.iter(|| source::read_bytes(name, input.format, black_box(text.as_bytes())).unwrap())
        });
        let document = source::read_bytes(name, input.format, text.as_bytes()).unwrap();
        group.bench_function(format!("detect/{name}"), |b| {
            b.iter(|| Manuscript::detect(black_box(&document)))
        });
        let manuscript = Manuscript::detect(&document);
        group.bench_function(format!("citations/{name}"), |b| {
            b.iter(|| galley::cite::analyse(black_box(&manuscript)))
        });
        group.bench_function(format!("lint/{name}"), |b| {
            b.iter(|| rules.lint(black_box(&document)))
        });
        group.bench_function(format!("end-to-end/{name}"), |b| {
            b.iter(|| {
                galley::app::check_bytes(
                    name,
                    Some(input.format),
                    black_box(text.as_bytes()),
                    &rules,
                    None,
                )
            })
        });
    }
    group.finish();
}

fn reporting(c: &mut Criterion) {
    let rules = rules();
    let mut group = configure(c);
    // A batch of reports as a folder run would hold them.
    let reports: Vec<FileReport> = inputs()
        .iter()
        .flat_map(|input| {
            (0..4).map(|i| {
                galley::app::check_bytes(
                    &format!("{i}-{}", input.name),
                    Some(input.format),
                    input.text.as_bytes(),
                    &rules,
                    None,
                )
            })
        })
        .collect();
    let findings: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    assert!(
        findings > 0,
        "the generated manuscripts have findings to report"
    );
    group.throughput(Throughput::Elements(findings as u64));
    let run = Run {
        rules: &[],
        color: false,
    };
    for (label, format) in [
        ("human", galley::cli::OutputFormat::Human),
        ("concise", galley::cli::OutputFormat::Concise),
        ("json", galley::cli::OutputFormat::Json),
    ] {
        group.bench_function(format!("report/{label}"), |b| {
            b.iter(|| {
                let mut reporter = report::reporter(format);
                report::render(reporter.as_mut(), &run, black_box(&reports))
            })
        });
    }
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = configure(c);
    group.bench_function("ruleset/build-default", |b| b.iter(rules));
    group.finish();
}

criterion_group!(benches, stages, reporting, build);
criterion_main!(benches);
