//! Word manuscripts as authors and their tools write them: Chinese, Japanese and Korean papers
//! (abstract, keyword and reference headings of their own, full-width separators, GB/T 7714
//! entries, character word counts), an unheaded structured abstract, and a numbered reference
//! list whose numbers stand in paragraphs of their own. The fixtures are made by
//! `tests/fixtures/docx_real/make-fixtures.py` from texts written for this project; two real
//! Word manuscripts of the shared corpus are checked when it is present.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    common::fixture("docx_real", name)
}

fn galley(args: &[&str], path: &Path) -> String {
    let out = Command::cargo_bin("galley")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .args(args)
        .arg(
            path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .unwrap_or(path),
        )
        .output()
        .unwrap();
    // `check` exits with 1 when it reports findings; 2 would be a failure to read.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn outline(path: &Path) -> Value {
    serde_json::from_str(&galley(&["outline", "--format", "json"], path)).unwrap()
}

fn strings<'a>(values: &'a Value, key: &str) -> Vec<&'a str> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_str().unwrap_or_default())
        .collect()
}

#[test]
fn chinese_article_has_both_abstracts_keyword_lists_and_its_references() {
    let out = outline(&fixture("zh-article.docx"));
    assert_eq!(out["language"], "zh");
    let abstracts = out["abstracts"].as_array().unwrap();
    assert_eq!(strings(&out["abstracts"], "language"), ["zh", "en"]);
    assert_eq!(
        strings(&out["abstracts"], "heading"),
        ["摘　要", "Abstract"]
    );
    // Characters count as words in Chinese: 167 of them, full-width punctuation left out.
    assert_eq!(abstracts[0]["words"], 167);
    assert_eq!(abstracts[1]["words"], 82);
    let keywords = out["keywords"].as_array().unwrap();
    assert_eq!(strings(&out["keywords"], "language"), ["zh", "en"]);
    assert_eq!(
        keywords[0]["items"],
        serde_json::json!(["社区花园", "秸秆覆盖", "土壤湿度", "城市农业"])
    );
    assert_eq!(keywords[1]["items"].as_array().unwrap().len(), 4);
    assert_eq!(out["reference_heading"]["text"], "参考文献");
    let references = out["references"].as_array().unwrap();
    assert_eq!(references.len(), 4);
    assert!(
        references[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("[1] 王强")
    );
    // The affiliation under the authors is part of the author block, not the body.
    assert_eq!(out["authors"].as_array().unwrap().len(), 2);
    // Every numeric citation finds its entry.
    let citations = out["in_text_citations"].as_array().unwrap();
    assert_eq!(citations.len(), 5);
}

#[test]
fn chinese_article_outline() {
    insta::assert_snapshot!(
        "zh-article-outline",
        galley(&["outline"], &fixture("zh-article.docx"))
    );
}

#[test]
fn japanese_article_has_its_abstract_keywords_and_references() {
    let out = outline(&fixture("ja-article.docx"));
    assert_eq!(out["language"], "ja");
    assert_eq!(strings(&out["abstracts"], "heading"), ["要旨"]);
    assert_eq!(strings(&out["abstracts"], "language"), ["ja"]);
    assert!(out["abstracts"][0]["words"].as_u64().unwrap() > 150);
    // Keywords separated by the ideographic comma.
    assert_eq!(
        out["keywords"][0]["items"],
        serde_json::json!(["共同菜園", "マルチング", "土壌水分", "都市農業"])
    );
    assert_eq!(out["keywords"][0]["language"], "ja");
    assert_eq!(out["reference_heading"]["text"], "参考文献");
    assert_eq!(out["references"].as_array().unwrap().len(), 3);
}

#[test]
fn korean_article_has_its_abstract_keywords_and_references() {
    let out = outline(&fixture("ko-article.docx"));
    assert_eq!(out["language"], "ko");
    // A bold paragraph "초록" heads the abstract.
    assert_eq!(strings(&out["abstracts"], "heading"), ["초록"]);
    assert_eq!(strings(&out["abstracts"], "language"), ["ko"]);
    assert_eq!(out["keywords"][0]["items"].as_array().unwrap().len(), 4);
    assert_eq!(out["keywords"][0]["language"], "ko");
    assert_eq!(out["reference_heading"]["text"], "참고문헌");
    assert_eq!(out["references"].as_array().unwrap().len(), 2);
}

#[test]
fn an_unheaded_structured_abstract_and_split_entry_numbers_are_read() {
    let out = outline(&fixture("en-structured-abstract.docx"));
    let abstracts = out["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 1);
    assert_eq!(abstracts[0]["language"], "en");
    assert!(abstracts[0]["heading"].is_null());
    // Labels counted: the whole paragraph is the abstract.
    assert_eq!(abstracts[0]["words"], 101);
    // "1." then the entry, three times, and a stray "> 0" under the heading: three entries.
    let references = out["references"].as_array().unwrap();
    assert_eq!(references.len(), 3);
    assert!(
        references[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("1. Okafor C. 2019.")
    );
    // Numbered affiliations are not section headings: the abstract after them is still front
    // matter.
    assert_eq!(out["authors"].as_array().unwrap().len(), 3);
}

#[test]
fn cjk_fixtures_raise_no_reference_or_citation_warnings() {
    for name in ["zh-article.docx", "ja-article.docx", "ko-article.docx"] {
        let report = galley(&["check", "--isolated", "--color", "never"], &fixture(name));
        for rule in [
            "reference-form",
            "citation-not-in-references",
            "reference-not-cited",
        ] {
            assert!(!report.contains(&format!("[{rule}]")), "{name}: {report}");
        }
    }
}

/// Copies a corpus file into a temporary directory (it may not be written to where it is).
fn corpus_docx(name: &str) -> Option<(tempfile::TempDir, PathBuf)> {
    let source = common::corpus_file(&format!("real/docx/{name}"))?;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(source, &path).unwrap();
    Some((dir, path))
}

#[test]
fn real_numbered_list_with_numbers_in_their_own_paragraphs_has_one_entry_each() {
    let Some((_dir, path)) = corpus_docx("armour-goldilocks-microbiome.docx") else {
        return;
    };
    let out = outline(&path);
    assert_eq!(out["references"].as_array().unwrap().len(), 16);
    assert_eq!(out["abstracts"].as_array().unwrap().len(), 1);
}

#[test]
fn real_one_paragraph_structured_abstract_is_found() {
    let Some((_dir, path)) = corpus_docx("epa-nsink-nitrogen-removal.docx") else {
        return;
    };
    let out = outline(&path);
    let abstracts = out["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 1);
    assert_eq!(abstracts[0]["language"], "en");
    let words = abstracts[0]["words"].as_u64().unwrap();
    assert!((290..=316).contains(&words), "{words}");
    assert_eq!(out["references"].as_array().unwrap().len(), 38);
}
