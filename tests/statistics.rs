//! Reported test results: galley's reading and classification of the fixture set
//! (`tests/fixtures/statistics/results.tsv`, whose expectations `scripts/statcheck-reference.py`
//! computes with SciPy), the same results in every format galley reads, and the real corpus.

mod common;

use galley::manuscript::Manuscript;
use galley::source::{Format, read_bytes, read_text};
use galley::stats::{self, Comparison, Found, ReportedP, TestKind};

/// One row of the fixture table.
struct Row {
    id: String,
    format: String,
    text: String,
    test: String,
    df: String,
    stat: String,
    p: String,
    expected: String,
}

fn rows() -> Vec<Row> {
    let path = common::fixture("statistics", "results.tsv");
    let table = std::fs::read_to_string(&path).expect("the fixture table is readable");
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().expect("a header").split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (id, format, text, test, df, stat, p, expected) = (
        column("id"),
        column("format"),
        column("text"),
        column("test"),
        column("df"),
        column("stat"),
        column("p"),
        column("expected"),
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let cell = |i: usize| cells.get(i).copied().unwrap_or("").to_string();
            Row {
                id: cell(id),
                format: cell(format),
                text: cell(text),
                test: cell(test),
                df: cell(df),
                stat: cell(stat),
                p: cell(p),
                expected: cell(expected),
            }
        })
        .collect()
}

fn format_of(name: &str) -> Format {
    match name {
        "md" => Format::Markdown,
        "tex" => Format::Latex,
        _ => Format::Text,
    }
}

fn results_in(format: Format, text: &str) -> Vec<Found> {
    let document = read_text("fixture", format, text.to_string()).expect("fixture text reads");
    let manuscript = Manuscript::detect(&document);
    stats::results(&document, &manuscript).0.clone()
}

/// The comparison and number of a structured column ("=2.20", "<.05").
fn column_value(text: &str) -> (Comparison, f64) {
    let (comparison, rest) = match text.chars().next() {
        Some('<') => (Comparison::Less, &text[1..]),
        Some('>') => (Comparison::Greater, &text[1..]),
        _ => (Comparison::Equal, text.trim_start_matches('=')),
    };
    (comparison, rest.parse().expect("a number in the fixture"))
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-300)
}

/// Whether galley read the result the row's columns describe.
fn read_as_recorded(found: &Found, row: &Row) -> bool {
    let test = match found.parsed.test {
        TestKind::T => "t",
        TestKind::F => "F",
        TestKind::ChiSquare => "chi2",
        TestKind::R => "r",
        TestKind::Z => "z",
        TestKind::Q => "Q",
    };
    let degrees: Vec<f64> = row
        .df
        .split(',')
        .filter(|d| !d.is_empty())
        .map(|d| d.parse().expect("degrees of freedom"))
        .collect();
    let (stat_cmp, stat) = column_value(&row.stat);
    let p_ok = match (found.parsed.p, row.p.as_str()) {
        (ReportedP::NotSignificant, "ns") => true,
        (ReportedP::Value { comparison, value }, p) if p != "ns" => {
            let (cmp, v) = column_value(p);
            cmp == comparison && near(value.value, v)
        }
        _ => false,
    };
    test == row.test
        && found.parsed.degrees == degrees
        && found.parsed.test_comparison == stat_cmp
        && near(found.parsed.statistic.value, stat)
        && p_ok
}

fn classification(found: &Found) -> &'static str {
    match found.judge(stats::DEFAULT_ALPHA) {
        None => "no-df",
        Some(j) if j.decision_error => "decision-error",
        Some(j) if j.inconsistent => "inconsistent",
        Some(_) => "consistent",
    }
}

#[test]
fn the_fixture_set_is_read_and_classified_as_scipy_says() {
    let rows = rows();
    let results: Vec<&Row> = rows.iter().filter(|r| !r.test.is_empty()).collect();
    assert!(
        results.len() >= 200,
        "the fixture holds {} results",
        results.len()
    );
    let (mut recalled, mut agreed) = (0, 0);
    let mut problems = Vec::new();
    for row in &rows {
        let found = results_in(format_of(&row.format), &row.text);
        if row.test.is_empty() {
            if !found.is_empty() {
                problems.push(format!(
                    "{}: a result where there is none: {:?}",
                    row.id,
                    found.iter().map(Found::written).collect::<Vec<_>>()
                ));
            }
            continue;
        }
        match found.iter().find(|f| read_as_recorded(f, row)) {
            Some(result) => {
                recalled += 1;
                let got = classification(result);
                if got == row.expected {
                    agreed += 1;
                } else {
                    problems.push(format!(
                        "{}: {} where SciPy says {} in {:?}",
                        row.id, got, row.expected, row.text
                    ));
                }
            }
            None => problems.push(format!(
                "{}: not read as recorded in {:?} (read {:?})",
                row.id,
                row.text,
                found.iter().map(Found::written).collect::<Vec<_>>()
            )),
        }
    }
    let recall = recalled as f64 / results.len() as f64;
    let agreement = agreed as f64 / results.len() as f64;
    eprintln!(
        "{} results: recall {:.1}%, agreement {:.1}%; {} sentences without a result",
        results.len(),
        recall * 100.0,
        agreement * 100.0,
        rows.len() - results.len()
    );
    for problem in &problems {
        eprintln!("  {problem}");
    }
    assert!(recall >= 0.95, "recall {recall:.3}: {problems:#?}");
    assert!(agreement >= 0.98, "agreement {agreement:.3}: {problems:#?}");
    assert!(
        !problems.iter().any(|p| p.contains("where there is none")),
        "{problems:#?}"
    );
}

/// A docx holding `paragraphs`, one `w:p` each, the statistic's symbols in italic runs.
fn docx(paragraphs: &[&[(&str, bool)]]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for runs in paragraphs {
        body.push_str("<w:p>");
        for (text, italic) in *runs {
            let props = if *italic { "<w:rPr><w:i/></w:rPr>" } else { "" };
            body.push_str(&format!(
                "<w:r>{props}<w:t xml:space=\"preserve\">{text}</w:t></w:r>"
            ));
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

/// The results of a document with what galley makes of each and the source text it points at.
fn judged(format: Format, name: &str, bytes: &[u8]) -> Vec<(String, &'static str, String)> {
    let document = read_bytes(name, format, bytes).expect("the sample reads");
    let manuscript = Manuscript::detect(&document);
    stats::results(&document, &manuscript)
        .0
        .iter()
        .map(|f| {
            let span = f.source(f.parsed.p_span.clone());
            (
                f.written(),
                classification(f),
                document.text[span].to_string(),
            )
        })
        .collect()
}

#[test]
fn every_format_reports_the_same_results_at_their_place() {
    let expected = [
        ("t(28) = 2.20, p = .03", "inconsistent"),
        ("F(2, 57) = 4.12, p = .06", "decision-error"),
    ];
    let md = "# Results\n\nThe groups differed, *t*(28) = 2.20, *p* = .03.\n\n| test | result |\n|---|---|\n| speed | $F(2, 57) = 4.12$, $p = .06$ |\n";
    let tex = "\\documentclass{article}\n\\begin{document}\n\\section{Results}\nThe groups differed, \\textit{t}(28) = 2.20, \\textit{p} = .03.\n\\begin{figure}\\caption{Speed differed, $F(2, 57) = 4.12, p = .06$.}\\end{figure}\n\\end{document}\n";
    let jats = "<article><body><sec><title>Results</title><p>The groups differed, <italic>t</italic>(28) = 2.20, <italic>p</italic> = .03.</p><table-wrap><table><tr><td><italic>F</italic>(2, 57) = 4.12, <italic>p</italic> = .06</td></tr></table></table-wrap></sec></body></article>";
    let word = docx(&[
        &[("Results", false)],
        &[
            ("The groups differed, ", false),
            ("t", true),
            ("(28) = 2.20, ", false),
            ("p", true),
            (" = .03.", false),
        ],
        &[
            ("F", true),
            ("(2, 57) = 4.12, ", false),
            ("p", true),
            (" = .06", false),
        ],
    ]);
    for (format, name, bytes) in [
        (Format::Markdown, "a.md", md.as_bytes().to_vec()),
        (Format::Latex, "a.tex", tex.as_bytes().to_vec()),
        (Format::Jats, "a.xml", jats.as_bytes().to_vec()),
        (Format::Docx, "a.docx", word),
    ] {
        let found = judged(format, name, &bytes);
        let got: Vec<(&str, &str)> = found.iter().map(|(w, c, _)| (w.as_str(), *c)).collect();
        assert_eq!(got, expected, "{name}");
        for (_, _, source) in &found {
            assert!(source.contains(".0"), "{name}: span points at {source:?}");
        }
    }
}

#[test]
fn the_reference_example_reports_no_result() {
    let Some(path) = common::corpus_file("nato-ukraine-security.txt") else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(judged(Format::Text, "nato.txt", &bytes), []);
}

#[test]
fn real_chi_square_results_without_degrees_of_freedom_are_found() {
    // Rev Saude Publica 48(2) 2014 (CC BY-NC), in Portuguese with decimal commas and in its
    // English translation: three χ² results each, none with its degrees of freedom.
    let Some(path) =
        common::corpus_file("real/bilingual/scielo-air-pollution-allergy-pt-en-subarticle.xml")
    else {
        return;
    };
    let bytes = std::fs::read(path).unwrap();
    let found = judged(Format::Jats, "scielo.xml", &bytes);
    let written: Vec<&str> = found.iter().map(|(w, _, _)| w.as_str()).collect();
    assert_eq!(
        written,
        [
            "χ2 = 4,9; p ≤ 0,05",
            "χ2 = 4,4; p ≤ 0,05",
            "χ2 = 4,1; p ≤ 0,05",
            "χ2 = 4.9; p ≤ 0.05",
            "χ2 = 4.4; p ≤ 0.05",
            "χ2 = 4.1; p ≤ 0.05",
        ]
    );
    assert!(found.iter().all(|(_, c, _)| *c == "no-df"));
}

#[test]
fn the_outline_lists_every_result_with_its_recomputed_p() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.md");
    std::fs::write(
        &path,
        "# Results\n\nThe groups differed, t(28) = 2.20, p = .03, and so did speed, F(1, 30) < 1, ns.\n",
    )
    .unwrap();
    let out = common::galley()
        .args(["outline", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let outline: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let statistics = outline["statistics"].as_array().unwrap();
    assert_eq!(statistics.len(), 2);
    assert_eq!(statistics[0]["text"], "t(28) = 2.20, p = .03");
    assert_eq!(statistics[0]["line"], 3);
    assert_eq!(statistics[0]["verdict"], "inconsistent");
    assert_eq!(statistics[0]["tails"], "two-tailed");
    let p = statistics[0]["computed_p"].as_f64().unwrap();
    assert!((p - 0.0362).abs() < 1e-4, "{p}");
    assert_eq!(statistics[1]["reported_p"], "ns");
    assert_eq!(statistics[1]["verdict"], "consistent");
    let text = common::galley().arg("outline").arg(&path).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("statistic   t(28) = 2.20, p = .03 → p = 0.0362 (two-tailed): inconsistent"),
        "{text}"
    );
}
