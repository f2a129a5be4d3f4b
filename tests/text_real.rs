//! Plain text as PDF extraction leaves it: page furniture, wrapped lines, hyphenated line ends,
//! headings without markup, abstracts in two languages and wrapped reference lists, read from our
//! own fixtures (`tests/fixtures/text/`) and, where present, the shared real manuscripts.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    common::fixture("text", name)
}

fn outline_json(path: &Path) -> Value {
    let out = Command::cargo_bin("galley")
        .unwrap()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("outline is JSON")
}

fn texts<'a>(outline: &'a Value, key: &str) -> Vec<&'a str> {
    outline[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["text"].as_str().unwrap())
        .collect()
}

fn lines(outline: &Value, key: &str) -> Vec<u64> {
    outline[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn a_thesis_with_page_furniture_reads_its_two_abstracts_headings_and_labelled_entries() {
    let outline = outline_json(&fixture("thesis.txt"));
    let abstracts = outline["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 2, "{outline:#}");
    assert_eq!(abstracts[0]["language"], "en");
    assert_eq!(abstracts[0]["line"], 10);
    assert_eq!(abstracts[0]["words"], 44);
    assert_eq!(abstracts[1]["language"], "pt");
    assert_eq!(abstracts[1]["line"], 16);
    assert_eq!(outline["keywords"].as_array().unwrap().len(), 1);
    // The table of contents, the page numbers and the running feet are not headings or prose.
    assert_eq!(
        texts(&outline, "headings"),
        [
            "Chapter 1 Introduction",
            "1.1 Why Small Waters Matter",
            "2 Methods"
        ],
        "{outline:#}"
    );
    let references = outline["references"].as_array().unwrap();
    assert_eq!(references.len(), 2, "{outline:#}");
    assert_eq!(lines(&outline, "references"), [60, 63]);
    assert!(
        references[0]["text"]
            .as_str()
            .unwrap()
            .contains("Disappearing Ecosystem. Biol Conserv")
    );
}

#[test]
fn a_preprint_without_blank_lines_reads_its_abstract_headings_and_initials_first_entries() {
    let outline = outline_json(&fixture("preprint.txt"));
    let abstracts = outline["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 1, "{outline:#}");
    assert_eq!(abstracts[0]["line"], 7);
    // Six lines, two of them broken with a hyphen: 47 words once joined.
    assert_eq!(abstracts[0]["words"], 47);
    assert_eq!(
        texts(&outline, "headings"),
        [
            "1 Introduction",
            "2 Related Work",
            "2.1 Image Sources",
            "3 Results",
            "Appendix A: Site List"
        ],
        "{outline:#}"
    );
    assert_eq!(lines(&outline, "references"), [36, 39, 42], "{outline:#}");
    assert_eq!(
        outline["references"][2]["text"],
        "D. Mollá. 2015. Aerial Classification of Marsh Vegetation. Wetlands, 35:147–157."
    );
}

#[test]
fn hanging_indents_split_entries_and_page_numbers_inside_the_list_drop_out() {
    let outline = outline_json(&fixture("hanging.txt"));
    assert_eq!(texts(&outline, "headings"), ["Introduction"]);
    assert_eq!(lines(&outline, "references"), [8, 10, 13], "{outline:#}");
    assert_eq!(
        outline["references"][1]["text"],
        "Brown, C., & Clark, D. (2018). Ponds in towns. Urban Ecosystems, 21, 100–112."
    );
}

#[test]
fn setext_headings_and_an_empty_reference_heading() {
    let outline = outline_json(&fixture("setext.txt"));
    let abstracts = outline["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 1, "{outline:#}");
    assert_eq!(abstracts[0]["line"], 4);
    assert_eq!(texts(&outline, "headings"), ["Introduction"]);
    assert_eq!(outline["references"].as_array().unwrap().len(), 0);
}

#[test]
fn a_word_joined_across_a_line_break_is_checked_whole_and_spans_stay_right() {
    // "tion" after a page number would be a misspelling, and a span over a joined word must
    // still land on its source lines.
    let out = Command::cargo_bin("galley")
        .unwrap()
        .args(["check", "--isolated", "--format", "json"])
        .arg(fixture("preprint.txt"))
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    for d in report["diagnostics"].as_array().unwrap() {
        let message = d["message"].as_str().unwrap();
        assert!(
            !message.contains("ﬁ") && !message.contains("de-"),
            "{message}"
        );
    }
}

#[test]
fn outline_of_the_thesis_fixture() {
    let out = Command::cargo_bin("galley")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["outline", "tests/fixtures/text/thesis.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!("thesis_outline", String::from_utf8(out.stdout).unwrap());
}

/// The shared real manuscripts: abstracts and reference lists as counted by hand.
#[test]
fn real_text_manuscripts_read_their_abstract_and_reference_list() {
    for (name, abstract_line, references) in [
        ("real/text/malware-authorship-paper.txt", 4, 0),
        ("real/text/twizzler-security-thesis.txt", 23, 2),
        ("real/authordate/parscit-E06-1050.txt", 13, 24),
    ] {
        let Some(path) = common::corpus_file(name) else {
            continue;
        };
        let outline = outline_json(&path);
        let abstracts = outline["abstracts"].as_array().unwrap();
        assert_eq!(abstracts.len(), 1, "{name}");
        assert_eq!(abstracts[0]["language"], "en", "{name}");
        assert_eq!(abstracts[0]["line"], abstract_line, "{name}");
        assert_eq!(
            outline["references"].as_array().unwrap().len(),
            references,
            "{name}"
        );
    }
}
