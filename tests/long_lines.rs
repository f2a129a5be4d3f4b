//! Text on one very long line: minified JATS, a PDF pasted without line breaks, generated files.
//! Every output format finishes on them, positions stay right at the far end of the line, and a
//! rule that fires on every word is capped with one finding that says how many more there were.
//!
//! How long they take is measured by `scripts/long-lines.sh` (figures in RELIABILITY.md), not
//! asserted here; the timeout is a bound against hangs.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(600);
const FORMATS: [&str; 6] = ["human", "concise", "json", "sarif", "github", "junit"];
/// The default of `max-findings-per-rule`.
const CAP: usize = 10_000;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").unwrap();
    command.timeout(TIMEOUT);
    command
}

/// A folder with `name` holding `text` and a galley.toml that runs only the rule `rule`
/// (plus `extra` configuration lines), so that the test measures that rule alone.
fn folder(name: &str, text: &str, rule: &str, extra: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("galley.toml"),
        format!("select = [\"{rule}\"]\n{extra}\n"),
    )
    .unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// `galley check --format FORMAT` on `path`, checked to exit with 1 (findings).
fn check(path: &Path, format: &str) -> std::process::Output {
    let out = galley()
        .args(["check", "--format", format])
        .arg(path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json_findings(path: &Path) -> Vec<Value> {
    let report: Value = serde_json::from_slice(&check(path, "json").stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

/// The output of `galley check` on `path` in each format.
fn every_format(path: &Path) -> Vec<(&'static str, std::process::Output)> {
    FORMATS
        .into_iter()
        .map(|format| (format, check(path, format)))
        .collect()
}

fn repeated(word: &str, times: usize) -> String {
    let mut text = vec![word; times].join(" ");
    text.push('\n');
    text
}

#[test]
fn findings_past_the_cap_are_counted_in_one_finding() {
    let words = 12_000;
    let (_dir, path) = folder("line.txt", &repeated("word", words), "repeated-word", "");
    let findings = json_findings(&path);
    assert_eq!(findings.len(), CAP + 1);
    let last = findings.last().unwrap();
    assert_eq!(last["rule"], "repeated-word");
    assert_eq!(
        last["message"],
        format!(
            "{} more `repeated-word` findings in this file not shown",
            words - 1 - CAP
        )
    );
    // It stands where the first finding not shown would have, after every one shown.
    let shown_end = findings[CAP - 1]["column"].as_u64().unwrap();
    assert!(last["column"].as_u64().unwrap() > shown_end);
    assert!(
        last["help"]
            .as_str()
            .unwrap()
            .contains("max-findings-per-rule")
    );
}

#[test]
fn the_cap_is_configurable_and_zero_lifts_it() {
    let words = 12_000;
    let (_dir, path) = folder(
        "line.txt",
        &repeated("word", words),
        "repeated-word",
        "max-findings-per-rule = 0",
    );
    assert_eq!(json_findings(&path).len(), words - 1);

    let (_dir, path) = folder(
        "line.txt",
        &repeated("word", 50),
        "repeated-word",
        "max-findings-per-rule = 20",
    );
    let findings = json_findings(&path);
    assert_eq!(findings.len(), 21);
    assert_eq!(
        findings[20]["message"],
        "29 more `repeated-word` findings in this file not shown"
    );
}

#[test]
fn columns_at_the_far_end_of_a_long_line_are_counted_in_characters() {
    // Multi-byte letters before the finding: a column counted in bytes would be off.
    let mut text = "çalışma ölçüm ".repeat(20_000);
    text.push_str("the the end\n");
    let (_dir, path) = folder("line.txt", &text, "repeated-word", "");
    let findings = json_findings(&path);
    assert_eq!(findings.len(), 1);
    let expected = text.find("the the").unwrap();
    let column = text[..expected].chars().count() + 1 + "the".len();
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(findings[0]["column"].as_u64(), Some(column as u64));
}

#[test]
fn four_million_words_on_one_line_finish_in_every_format() {
    let (_dir, path) = folder("line.txt", &repeated("word", 4_000_000), "all", "");
    for (format, out) in every_format(&path) {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("3989999 more `repeated-word` findings"),
            "{format}: the capped count is missing"
        );
        // The cap keeps the report to the findings shown, whatever the input's size.
        assert!(
            out.stdout.len() < 40 << 20,
            "{format}: {} bytes",
            out.stdout.len()
        );
    }
}

/// A JATS article of about 5 MB with no line break in it, as some publishers ship them.
fn minified_jats() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><article xml:lang=\"en\"><front><article-meta>\
         <title-group><article-title>Ponds on one line</article-title></title-group>\
         <abstract><p>Small ponds hold many species of algae and snails.</p></abstract>\
         </article-meta></front><body>",
    );
    let paragraph = "<p>The pond was sampled every week, and the the samples were counted by \
                     two observers who did not know which pond they came from \
                     <xref ref-type=\"bibr\" rid=\"r1\">(Moss, 2010)</xref>.</p>";
    let mut section = 0;
    while xml.len() < 5 << 20 {
        section += 1;
        xml.push_str(&format!("<sec><title>Survey {section}</title>"));
        for _ in 0..20 {
            xml.push_str(paragraph);
        }
        xml.push_str("</sec>");
    }
    xml.push_str(
        "</body><back><ref-list><title>References</title><ref id=\"r1\"><mixed-citation>Moss, B. \
         (2010). Ecology of fresh waters. Wiley.</mixed-citation></ref></ref-list></back></article>",
    );
    xml
}

#[test]
fn a_five_megabyte_minified_jats_article_finishes_in_every_format() {
    let xml = minified_jats();
    assert!(!xml.contains('\n'));
    let (_dir, path) = folder("article.xml", &xml, "all", "");
    let paragraphs = xml.matches("<p>The pond").count();
    assert_eq!(every_format(&path).len(), FORMATS.len());
    let findings = json_findings(&path);
    let repeated: Vec<&Value> = findings
        .iter()
        .filter(|d| d["rule"] == "repeated-word")
        .collect();
    assert_eq!(repeated.len(), CAP + 1);
    assert_eq!(
        repeated[CAP]["message"],
        format!(
            "{} more `repeated-word` findings in this file not shown",
            paragraphs - CAP
        )
    );
    // The first "the the" is in the first body paragraph: its column counts every character
    // before it on the one line.
    let first = xml.find("the the").unwrap() + "the".len();
    assert_eq!(repeated[0]["line"], 1);
    assert_eq!(repeated[0]["column"].as_u64(), Some(first as u64 + 1));
}
