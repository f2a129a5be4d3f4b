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

const SURNAMES: &[&str] = &[
    "Smith",
    "Yılmaz",
    "Garcia",
    "Okafor",
    "Chen",
    "Novak",
    "Haddad",
    "Larsen",
    "Moreau",
    "Tanaka",
    "Kowalski",
    "Silva",
    "Demir",
    "Andersson",
    "Rossi",
    "Nguyen",
];

const SENTENCES: &[&str] = &[
    "Small ponds are common on farms but are often filled in or left to dry",
    "We sampled forty ponds on twelve farms in spring and late summer",
    "The principle investigator checked every identification against the reference collection",
    "Ponds with some shade held more beetle species then fully open ponds",
    "Soil moisture was measured at three depths with a calibrated probe",
    "The effect of grazing on plant cover was weaker than expected",
    "These results are consistent with earlier surveys of upland streams",
    "Its not clear whether the pattern holds in wetter years",
    "The the samples were stored at four degrees before analysis",
    "Participants recieved a short questionnaire about land management",
    "A mixed model with farm as a random effect was fitted to the counts",
    "Rates of recovery differed between sites, as shown in Figure 2",
    "All members must abode by the sampling protocol agreed in advance",
    "Table 1 summarises the descriptive statistics for each group",
];

/// A deterministic manuscript of roughly `words` words with title, abstract, keywords,
/// numbered sections, citations (some without an entry) and a reference list.
fn manuscript(words: usize, markdown: bool) -> String {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else {
            format!("{text}\n\n")
        }
    };
    let mut out = String::new();
    out.push_str(&h(1, "Small ponds and beetle diversity in farmland"));
    out.push_str(&h(2, "Abstract"));
    let mut abs = String::new();
    for _ in 0..9 {
        abs.push_str(SENTENCES[next(SENTENCES.len())]);
        abs.push_str(". ");
    }
    out.push_str(abs.trim_end());
    out.push_str("\n\nKeywords: ponds, farmland, beetles, shade, grazing\n\n");
    let mut count = 0;
    let sections = [
        "Introduction",
        "Methods",
        "Results",
        "Discussion",
        "Conclusion",
    ];
    let per_section = words / sections.len();
    for (i, section) in sections.iter().enumerate() {
        out.push_str(&h(2, &format!("{}. {section}", i + 1)));
        let mut in_section = 0;
        while in_section < per_section {
            let mut para = String::new();
            for _ in 0..5 {
                let s = SENTENCES[next(SENTENCES.len())];
                para.push_str(s);
                if next(4) == 0 {
                    let name = SURNAMES[next(SURNAMES.len())];
                    para.push_str(&format!(" ({name}, {})", 2000 + next(24)));
                }
                para.push_str(". ");
                in_section += s.split_whitespace().count() + 2;
            }
            out.push_str(para.trim_end());
            out.push_str("\n\n");
        }
        count += in_section;
    }
    let _ = count;
    out.push_str(&h(2, "References"));
    for (i, name) in SURNAMES.iter().enumerate().skip(2) {
        out.push_str(&format!(
            "{name}, A. ({}). Ponds and streams in farmland {i}. Journal of Applied Ecology, 12(3), 45-67.\n\n",
            2000 + i
        ));
    }
    out
}

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
