//! pandoc Markdown, R Markdown and Quarto manuscripts end to end: the bibliography the front
//! matter names (.bib, CSL JSON, CSL YAML, inline `references:`), pandoc citations resolved by
//! key, cross-references, e-mail addresses and code left alone, and one clear finding when the
//! citations have nothing to resolve against.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

use common::galley;

fn fixture(name: &str) -> PathBuf {
    common::fixture("pandoc", name)
}

fn run_json(command: &str, path: &Path) -> Value {
    let out = galley()
        .args([command, "--isolated", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn outline_json(path: &Path) -> Value {
    let out = galley()
        .args(["outline", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn diagnostics(path: &Path) -> Vec<Value> {
    run_json("check", path)["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

fn by_rule<'a>(diagnostics: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diagnostics.iter().filter(|d| d["rule"] == rule).collect()
}

fn cited_keys(outline: &Value) -> Vec<String> {
    outline["citations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["keys"].as_array().unwrap().clone())
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_markdown_paper_reads_its_bib_and_resolves_pandoc_citations_by_key() {
    let outline = outline_json(&fixture("ponds.md"));
    let references = outline["references"].as_array().unwrap();
    // Four good entries; the broken last one is skipped with a warning.
    assert_eq!(references.len(), 4, "{references:#?}");
    assert_eq!(references[0]["key"], "adams2019");
    assert!(
        references[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("ponds.bib")
    );
    assert_eq!(
        cited_keys(&outline),
        [
            "adams2019",
            "baker:2020",
            "cole.m-2021",
            "adams2019",
            "dunn-eve",
            "missing2022"
        ]
    );
    // JOSS `tags` are the paper's keywords.
    assert_eq!(outline["keywords"][0]["items"].as_array().unwrap().len(), 3);

    let found = diagnostics(&fixture("ponds.md"));
    let missing = by_rule(&found, "citation-not-in-references");
    assert_eq!(missing.len(), 1, "{found:#?}");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("missing2022")
    );
    // At the key itself.
    let text = std::fs::read_to_string(fixture("ponds.md")).unwrap();
    let span = missing[0]["span"]["start"].as_u64().unwrap() as usize
        ..missing[0]["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[span], "@missing2022");
    assert_eq!(missing[0]["line"], 20);
    // Citations, cross-references, the e-mail address, the URL and the code are no leftovers,
    // and no prose rule sees a key.
    assert!(
        by_rule(&found, "leftover-placeholder").is_empty(),
        "{found:#?}"
    );
    assert!(by_rule(&found, "reference-list-missing").is_empty());
    // The broken .bib entry: one reader warning in the .bib file.
    let format = by_rule(&found, "file-format");
    assert_eq!(format.len(), 1, "{found:#?}");
    assert!(format[0]["path"].as_str().unwrap().ends_with("ponds.bib"));
}

#[test]
fn cross_references_mail_code_and_escapes_are_not_citations() {
    let outline = outline_json(&fixture("ponds.md"));
    let keys = cited_keys(&outline);
    for not_a_key in ["fig:map", "tbl:sites", "example", "pondlight", "decorated"] {
        assert!(!keys.iter().any(|k| k.contains(not_a_key)), "{keys:?}");
    }
    let outline = outline_json(&fixture("hedges.qmd"));
    assert_eq!(cited_keys(&outline), ["green2017", "hill2019", "green2017"]);
}

#[test]
fn a_quarto_paper_reads_csl_json() {
    let outline = outline_json(&fixture("hedges.qmd"));
    let references = outline["references"].as_array().unwrap();
    assert_eq!(references.len(), 2);
    assert_eq!(references[1]["key"], "hill2019");
    assert_eq!(
        references[1]["text"],
        "Hill, R., & Moss, A. (2019). Hedgerows. Green Press."
    );
    assert!(
        references[1]["file"]
            .as_str()
            .unwrap()
            .ends_with("hedges.json")
    );
    let found = diagnostics(&fixture("hedges.qmd"));
    for rule in [
        "citation-not-in-references",
        "reference-not-cited",
        "leftover-placeholder",
        "reference-form",
        "file-format",
    ] {
        assert!(by_rule(&found, rule).is_empty(), "{rule}: {found:#?}");
    }
}

#[test]
fn an_r_markdown_paper_reads_csl_yaml_and_its_chunks_are_code() {
    let outline = outline_json(&fixture("ditches.Rmd"));
    let references = outline["references"].as_array().unwrap();
    assert_eq!(references.len(), 2);
    assert!(
        references[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("van Stone, B. (2020). Ditch water levels.")
    );
    // The abstract's citation counts; the chunk's `x@slot` does not.
    assert_eq!(
        cited_keys(&outline),
        ["reed2015", "reed2015", "stone2020", "stone2020"]
    );
    assert_eq!(outline["abstracts"][0]["words"], 5);
    let found = diagnostics(&fixture("ditches.Rmd"));
    assert!(
        by_rule(&found, "citation-not-in-references").is_empty(),
        "{found:#?}"
    );
    assert!(by_rule(&found, "reference-not-cited").is_empty());
}

#[test]
fn inline_references_and_nocite() {
    let outline = outline_json(&fixture("inline.md"));
    let references = outline["references"].as_array().unwrap();
    assert_eq!(references.len(), 3);
    let text = std::fs::read_to_string(fixture("inline.md")).unwrap();
    assert_eq!(
        references[0]["line"],
        text[..text.find("Fern").unwrap()].lines().count()
    );
    // fern2012 is cited, extra2010 is nocite'd.
    assert_eq!(cited_keys(&outline), ["extra2010", "fern2012"]);
    let found = diagnostics(&fixture("inline.md"));
    // citeproc prints only cited works: the uncited item is in no reference list.
    assert!(
        by_rule(&found, "reference-not-cited").is_empty(),
        "{found:#?}"
    );
    assert!(by_rule(&found, "citation-not-in-references").is_empty());
    assert!(by_rule(&found, "reference-form").is_empty());
}

#[test]
fn a_blog_posts_tags_are_not_keywords() {
    let outline = outline_json(&fixture("blog.md"));
    assert_eq!(outline["keywords"], serde_json::json!([]));
}

#[test]
fn a_missing_bibliography_is_one_warning_and_one_error() {
    let found = diagnostics(&fixture("missing.md"));
    let warnings = by_rule(&found, "file-format");
    assert_eq!(warnings.len(), 1, "{found:#?}");
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("nowhere.bib")
    );
    let missing = by_rule(&found, "reference-list-missing");
    assert_eq!(missing.len(), 1, "{found:#?}");
    let message = missing[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("3 citations cannot be resolved"),
        "{message}"
    );
    assert!(message.contains("nowhere.bib"), "{message}");
    assert!(by_rule(&found, "citation-not-in-references").is_empty());
    assert!(by_rule(&found, "leftover-placeholder").is_empty());
}

#[test]
fn an_unrendered_citation_in_text_output_is_still_a_leftover() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.txt");
    std::fs::write(
        &path,
        "Ponds\n\nLight reaches the bottom of shallow ponds [@adams2019].\n",
    )
    .unwrap();
    let found = diagnostics(&path);
    assert_eq!(
        by_rule(&found, "leftover-placeholder").len(),
        1,
        "{found:#?}"
    );
}

#[test]
fn the_outline_of_a_pandoc_paper() {
    let out = galley()
        .args(["outline", "--color", "never"])
        .arg("tests/fixtures/pandoc/ponds.md")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn real_joss_papers_get_their_bibliography() {
    for (name, bib, entries) in [
        (
            "real/markdown/perccalc.Rmd",
            "real/markdown/perccalc.bib",
            15,
        ),
        (
            "real/markdown/openpeerreview.Rmd",
            "real/markdown/openpeerreview.bib",
            18,
        ),
    ] {
        let (Some(paper), Some(bib)) = (common::corpus_file(name), common::corpus_file(bib)) else {
            return;
        };
        let text = std::fs::read_to_string(&paper).unwrap();
        let named = text
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("bibliography"))
            .unwrap()
            .trim_start_matches([' ', ':'])
            .trim_matches(['[', ']', '"', ' '])
            .to_string();
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(paper.file_name().unwrap());
        std::fs::copy(&paper, &copy).unwrap();
        std::fs::copy(&bib, dir.path().join(&named)).unwrap();
        let outline = outline_json(&copy);
        assert_eq!(
            outline["references"].as_array().unwrap().len(),
            entries,
            "{name}"
        );
    }
}

#[test]
fn a_joss_summary_with_a_short_bullet_list_is_one_abstract() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.md");
    std::fs::write(
        &path,
        "---\ntitle: Pondkit\ntags: [ponds]\nbibliography: paper.bib\n---\n\n# Summary\n\nPondkit measures the light that reaches the bottom of shallow ponds in summer.\n\nIt offers:\n\n* light profiles\n* algae counts\n\nBoth run on a laptop in the field without a network connection of any kind.\n\n# Acknowledgements\n\nWe thank the field station.\n",
    )
    .unwrap();
    let outline = outline_json(&path);
    assert_eq!(outline["abstracts"][0]["words"], 34, "{outline:#}");
    assert_eq!(outline["abstracts"][0]["end_line"], 16);
}
