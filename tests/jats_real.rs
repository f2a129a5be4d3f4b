//! JATS articles read right: translation sub-articles give the article's abstracts and keywords in
//! their language, review sub-articles are left out, xref ranges cite every entry inside them,
//! words before an xref are not read into its author, table cells stay blocks of their own, and a
//! declared language the text contradicts is reported. Fixtures are our own small articles; one
//! test reads a shared real SciELO article when the corpus is present.

mod common;

use assert_cmd::Command;
use galley::manuscript::Manuscript;
use galley::source::{BlockKind, Format, read_text};
use serde_json::Value;

fn fixture(name: &str) -> std::path::PathBuf {
    common::fixture("jats", name)
}

fn run(args: &[&str], path: &std::path::Path) -> String {
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
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str], path: &std::path::Path) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    if args == ["check"] {
        all.push("--isolated");
    }
    serde_json::from_str(&run(&all, path)).expect("galley prints JSON")
}

fn diagnostics(path: &std::path::Path) -> Vec<(String, String)> {
    let report = json(&["check"], path);
    let list = report
        .get("diagnostics")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    list.iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn languages_and_sizes(outline: &Value, key: &str, size: &str) -> Vec<(String, u64)> {
    outline[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["language"].as_str().unwrap_or_default().to_string(),
                a[size].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_translation_sub_article_gives_abstracts_and_keywords_in_its_language() {
    let outline = json(&["outline"], &fixture("translated-article.xml"));
    let abstracts = languages_and_sizes(&outline, "abstracts", "words");
    let languages: Vec<&str> = abstracts.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(languages, ["pt", "en"], "{outline:#}");
    let keywords: Vec<String> = outline["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["language"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(keywords, ["pt", "en"]);
}

#[test]
fn review_sub_articles_are_not_the_manuscript() {
    let source = std::fs::read_to_string(fixture("translated-article.xml")).unwrap();
    let document = read_text("a.xml", Format::Jats, source).unwrap();
    let all: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        all.iter()
            .all(|t| !t.contains("reviewer") && !t.contains("Moreira")),
        "{all:?}"
    );
    assert_eq!(document.metadata.abstracts.len(), 2);
    // The translated body is read, its title a heading of its own.
    assert!(all.contains(&"Farm ponds and the light that reaches the bottom"));
    assert!(all.iter().any(|t| t.starts_with("Farm ponds are common")));
    // Citing "Moreira (2019)" in a review is not a citation missing from the article.
    let found = diagnostics(&fixture("translated-article.xml"));
    assert!(
        !found.iter().any(|(_, m)| m.contains("Moreira")),
        "{found:?}"
    );
}

#[test]
fn a_numbered_xref_range_cites_every_entry_inside_it() {
    let found = diagnostics(&fixture("translated-article.xml"));
    let uncited: Vec<&(String, String)> = found
        .iter()
        .filter(|(rule, _)| rule == "reference-not-cited")
        .collect();
    assert!(uncited.is_empty(), "{uncited:?}");
}

#[test]
fn words_before_an_xref_are_not_read_into_its_author() {
    let found = diagnostics(&fixture("translated-article.xml"));
    let citation_problems: Vec<&(String, String)> = found
        .iter()
        .filter(|(rule, _)| rule.starts_with("citation-"))
        .collect();
    assert!(citation_problems.is_empty(), "{citation_problems:?}");
}

#[test]
fn table_cells_and_captions_are_blocks_and_addresses_are_not_prose() {
    let source = std::fs::read_to_string(fixture("translated-article.xml")).unwrap();
    let document = read_text("a.xml", Format::Jats, source).unwrap();
    let cells: Vec<&str> = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(cells, ["Lagoa", "Profundidade", "Norte", "1,2 m"]);
    let texts: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&"Lagoas medidas"));
    let request = texts
        .iter()
        .find(|t| t.starts_with("Os dados"))
        .expect("the paragraph is read");
    assert!(request.contains("disponíveis\nmediante"), "{request:?}");
    assert!(!request.contains("autor@exemplo.org"), "{request:?}");
}

#[test]
fn a_declared_language_the_text_contradicts_is_reported_and_not_believed() {
    let path = fixture("mislabelled-language.xml");
    let outline = json(&["outline"], &path);
    let keywords: Vec<(String, u64)> = languages_and_sizes(&outline, "keywords", "count");
    let languages: Vec<&str> = keywords.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(languages, ["es", "en"], "{outline:#}");
    let mismatches: Vec<String> = diagnostics(&path)
        .into_iter()
        .filter(|(rule, _)| rule == "declared-language-mismatch")
        .map(|(_, message)| message)
        .collect();
    assert_eq!(mismatches.len(), 2, "{mismatches:?}");
    assert!(mismatches[0].contains("Spanish") && mismatches[0].contains("Portuguese"));
    // A well-labelled translation says nothing.
    let clean: Vec<(String, String)> = diagnostics(&fixture("translated-article.xml"))
        .into_iter()
        .filter(|(rule, _)| rule == "declared-language-mismatch")
        .collect();
    assert!(clean.is_empty(), "{clean:?}");
}

#[test]
fn outline_of_a_translated_article() {
    insta::assert_snapshot!(
        "outline-translated-article",
        run(&["outline"], &fixture("translated-article.xml"))
    );
}

#[test]
fn the_real_scielo_translation_has_both_abstracts_and_keyword_lists() {
    let Some(path) =
        common::corpus_file("real/bilingual/scielo-air-pollution-allergy-pt-en-subarticle.xml")
    else {
        return;
    };
    let source = std::fs::read_to_string(&path).unwrap();
    let document = read_text("a.xml", Format::Jats, source).unwrap();
    let manuscript = Manuscript::detect(&document);
    let abstracts: Vec<(Option<&str>, usize)> = manuscript
        .abstracts
        .iter()
        .map(|a| (a.language, a.words))
        .collect();
    assert_eq!(abstracts.len(), 2);
    assert_eq!(abstracts[0].0, Some("pt"));
    assert_eq!(abstracts[1].0, Some("en"));
    let keywords: Vec<(Option<&str>, usize)> = manuscript
        .keywords
        .iter()
        .map(|k| (k.language, k.items.len()))
        .collect();
    assert_eq!(keywords, [(Some("pt"), 5), (Some("en"), 5)]);
}
