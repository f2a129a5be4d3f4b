//! LaTeX papers and theses as people write them: abstracts under headings and in the
//! environments of thesis classes (Turkish, Portuguese abnTeX2, German KOMA-Script, Spanish),
//! keyword lines written as labels, files pulled in with `\import`, and .bib files with broken
//! entries or a legacy encoding. Fixtures are in `tests/fixtures/latex_real/`; the real papers
//! of the shared corpus are read where it is present.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::galley;

fn fixture(name: &str) -> PathBuf {
    common::fixture("latex_real", name)
}

fn outline_json(path: &Path) -> Value {
    let out = galley()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_json(path: &Path) -> Value {
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (language, words) of each abstract.
fn abstracts(outline: &Value) -> Vec<(String, u64)> {
    outline["abstracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["language"].as_str().unwrap_or("?").to_string(),
                a["words"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// (language, item count) of each keyword list.
fn keywords(outline: &Value) -> Vec<(String, usize)> {
    outline["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["language"].as_str().unwrap_or("?").to_string(),
                k["items"].as_array().unwrap().len(),
            )
        })
        .collect()
}

fn languages(pairs: &[(String, impl Copy)]) -> Vec<&str> {
    pairs.iter().map(|(l, _)| l.as_str()).collect()
}

#[test]
fn a_turkish_thesis_has_its_ozet_and_abstract_with_keywords_and_imported_chapters() {
    let outline = outline_json(&fixture("thesis-tr/tez.tex"));
    // The JSON lists abstracts by their place in the document's text (the imported ÖZET after
    // the main file's ABSTRACT); the order is not what is tested here.
    let mut found = abstracts(&outline);
    found.sort();
    assert_eq!(languages(&found), ["en", "tr"], "{found:?}");
    assert!(found[0].1 >= 55 && found[1].1 >= 40, "{found:?}");
    let mut lists = keywords(&outline);
    lists.sort();
    assert_eq!(lists, [("en".to_string(), 4), ("tr".to_string(), 4)]);
    assert_eq!(outline["references"].as_array().unwrap().len(), 2);
    // Both chapters' files were read: the one `\import`ed and the one it `\subimport`s.
    let files: Vec<&str> = outline["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str().or_else(|| f.as_str()))
        .collect();
    let listed = format!("{files:?}");
    assert!(listed.contains("bolumler/giris.tex"), "{listed}");
    assert!(listed.contains("bolumler/ekler/tablo.tex"), "{listed}");
    let headings: Vec<&str> = outline["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert_eq!(headings, ["GİRİŞ"]);
}

#[test]
fn a_portuguese_abntex2_dissertation_has_resumo_and_abstract() {
    let outline = outline_json(&fixture("thesis-pt/dissertacao.tex"));
    assert_eq!(languages(&abstracts(&outline)), ["pt", "en"]);
    assert_eq!(
        keywords(&outline),
        [("pt".to_string(), 4), ("en".to_string(), 4)]
    );
}

#[test]
fn a_german_thesis_has_zusammenfassung_and_abstract_but_no_closing_summary_abstract() {
    let outline = outline_json(&fixture("thesis-de/arbeit.tex"));
    assert_eq!(languages(&abstracts(&outline)), ["de", "en"]);
    assert_eq!(keywords(&outline), [("de".to_string(), 4)]);
    let headings: Vec<&str> = outline["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert_eq!(headings, ["Einleitung", "Zusammenfassung"]);
}

#[test]
fn a_spanish_thesis_reads_item_labels_as_keyword_lists_in_their_items_language() {
    let outline = outline_json(&fixture("thesis-es/tesis.tex"));
    assert_eq!(languages(&abstracts(&outline)), ["es", "en"]);
    // Both lists carry the Spanish label; the second one's items are English.
    assert_eq!(
        keywords(&outline),
        [("es".to_string(), 4), ("en".to_string(), 4)]
    );
}

#[test]
fn a_thesis_outline_shows_its_abstracts_keywords_and_chapters() {
    let out = galley()
        .current_dir(fixture(""))
        .args(["outline", "thesis-tr/tez.tex"])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(
        "latex_real_thesis_tr_outline",
        String::from_utf8(out.stdout).unwrap()
    );
}

#[test]
fn a_broken_bib_entry_costs_that_entry_only_and_a_legacy_bib_is_decoded() {
    let path = fixture("bib-recovery/paper.tex");
    let outline = outline_json(&path);
    let keys: Vec<&str> = outline["references"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["key"].as_str())
        .collect();
    assert_eq!(keys, ["adams2019", "baker2020", "cole2021", "dunn2018"]);
    let report = check_json(&path);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let reader: Vec<(&str, &str, u64)> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "file-format" || d["rule"] == "file-encoding")
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(reader.len(), 3, "{reader:?}");
    assert!(
        reader[..2]
            .iter()
            .all(|(rule, path, _)| *rule == "file-format" && path.ends_with("refs.bib"))
    );
    assert_eq!(reader[0].2, 10, "the broken entry's line");
    assert_eq!(reader[1].2, 19, "the undefined @string's line");
    assert_eq!(reader[2].0, "file-encoding");
    assert!(reader[2].1.ends_with("legacy.bib"));
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["rule"] == "citation-not-in-references"),
        "{diagnostics:#?}"
    );
}

#[test]
fn uncited_entries_of_a_bib_are_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let bib: String = (1..=6)
        .map(|n| {
            format!(
                "@article{{k{n}, author = {{Writer{n}, Ann}}, title = {{Ponds {n}}}, journal = {{Water}}, year = {{20{n:02}}}}}\n"
            )
        })
        .collect();
    std::fs::write(dir.path().join("library.bib"), bib).unwrap();
    let main = dir.path().join("paper.tex");
    std::fs::write(
        &main,
        "\\documentclass{article}\n\\begin{document}\nPonds matter \\cite{k1}.\n\\bibliography{library}\n\\end{document}\n",
    )
    .unwrap();
    let report = check_json(&main);
    assert!(
        !report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "reference-not-cited"),
        "{report:#}"
    );
}

// ----- the real papers of the shared corpus ------------------------------------------------------

#[test]
fn the_recsys_paper_reads_its_whole_bib_despite_an_undefined_string() {
    let Some(path) = common::corpus_file("real/latex/recsys18-d2klab/main.tex") else {
        return;
    };
    let outline = outline_json(&path);
    assert_eq!(outline["references"].as_array().unwrap().len(), 145);
}

#[test]
fn the_ltu_thesis_has_its_imported_abstract_and_its_biblatex_entries() {
    let Some(path) = common::corpus_file("real/latex/ltu-rust-debug-thesis/thesis.tex") else {
        return;
    };
    let outline = outline_json(&path);
    let found = abstracts(&outline);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "en");
    assert!((169..=187).contains(&found[0].1), "{found:?}");
    assert_eq!(outline["references"].as_array().unwrap().len(), 26);
}

#[test]
fn the_sbc_paper_has_a_keyword_list_in_each_abstracts_language() {
    let Some(path) = common::corpus_file("real/bilingual/sbc-doutor-peculio-pt-en/article.tex")
    else {
        return;
    };
    let outline = outline_json(&path);
    let mut found = keywords(&outline);
    found.sort();
    assert_eq!(found, [("en".to_string(), 4), ("pt".to_string(), 4)]);
}
