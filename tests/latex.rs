//! The LaTeX reader end to end: a main file with an `\input` and a .bib, as every reporter
//! shows it, the folder walk that skips fragments, and an `\input` cycle that fails cleanly.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command
}

fn check_json(path: &std::path::Path) -> Value {
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_error_in_an_included_file_names_that_file_and_its_line() {
    let value = check_json(&common::sample("latex/hedgerow-bees.tex"));
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let then = diagnostics
        .iter()
        .find(|d| d["rule"] == "real-word-error")
        .expect("the “higher then” in methods.tex is found");
    assert!(
        then["path"]
            .as_str()
            .unwrap()
            .ends_with("latex/methods.tex")
    );
    assert_eq!(then["line"], 6);
    assert_eq!(then["column"], 38);
    let methods = std::fs::read_to_string(common::sample("latex/methods.tex")).unwrap();
    let span = then["span"]["start"].as_u64().unwrap() as usize
        ..then["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&methods[span], "then");

    // varga2019 in references.bib is cited nowhere: BibTeX leaves it out of the printed list, so
    // it is no finding.
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["rule"] == "reference-not-cited"),
        "{diagnostics:#?}"
    );
    // Nothing else: citations all resolve, and no prose rule sees a command, key or formula.
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
}

#[test]
fn concise_and_human_output_name_the_included_file() {
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg("samples/latex/hedgerow-bees.tex")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("samples/latex/methods.tex:6:38: warning[real-word-error]"),
        "{text}"
    );
    let out = galley()
        .args(["check", "--isolated", "--color", "never"])
        .arg("samples/latex/hedgerow-bees.tex")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("┌─ samples/latex/methods.tex:6:38"), "{text}");
    assert!(text.contains("higher then on the young ones"), "{text}");
}

#[test]
fn a_cited_key_missing_from_the_bib_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("paper.tex"),
        "\\documentclass{article}\n\\begin{document}\nPonds are shallow \\citep{known,unknown2020}.\n\\bibliography{refs}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("refs.bib"),
        "@article{known, author = {Known, Ann}, title = {Ponds}, journal = {Water}, year = {2020}}\n",
    )
    .unwrap();
    let value = check_json(&dir.path().join("paper.tex"));
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let missing: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["rule"] == "citation-not-in-references")
        .collect();
    assert_eq!(missing.len(), 1, "{diagnostics:#?}");
    assert_eq!(missing[0]["severity"], "error");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown2020")
    );
    assert_eq!(missing[0]["line"], 3);
    assert!(
        !diagnostics
            .iter()
            .any(|d| d["rule"] == "reference-not-cited"),
        "{diagnostics:#?}"
    );
}

#[test]
fn the_outline_shows_the_parts_of_a_latex_manuscript() {
    let out = galley()
        .args(["outline", "--format", "json"])
        .arg(common::sample("latex/hedgerow-bees.tex"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["format"], "LaTeX");
    assert_eq!(
        value["title"]["text"],
        "Hedgerow Flowers and the Foraging Range of Solitary Bees"
    );
    assert_eq!(value["abstracts"][0]["language"], "en");
    assert_eq!(value["abstracts"][0]["words"], 189);
    assert_eq!(value["keywords"][0]["items"].as_array().unwrap().len(), 5);
    let headings: Vec<(&str, Option<&str>)> = value["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["text"].as_str().unwrap(), h["file"].as_str()))
        .collect();
    assert_eq!(headings.len(), 4);
    assert_eq!(headings[0], ("Introduction", None));
    assert_eq!(headings[1].0, "Methods");
    assert!(headings[1].1.unwrap().ends_with("methods.tex"));
    assert_eq!(value["citations"].as_array().unwrap().len(), 5);
    let references = value["references"].as_array().unwrap();
    assert_eq!(references.len(), 5);
    assert_eq!(references[0]["key"], "marsh2018");
    assert!(
        references[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Marsh, H., & Pike, A. (2018). Flowering shrubs")
    );
    assert!(
        references[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("references.bib")
    );
}

#[test]
fn a_latex_heavy_clean_sample_has_no_findings() {
    let value = check_json(&common::sample("latex/wave-equation.tex"));
    assert_eq!(value["diagnostics"], serde_json::json!([]));
}

#[test]
fn a_folder_walk_skips_fragments_and_an_input_cycle_fails_cleanly() {
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg("samples/latex")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // methods.tex is reported once, as part of hedgerow-bees.tex.
    assert_eq!(text.matches("methods.tex").count(), 1, "{text}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tex"),
        "\\documentclass{article}\n\\begin{document}\n\\input{a}\n\\end{document}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("a.tex"), "A \\input{b}\n").unwrap();
    std::fs::write(dir.path().join("b.tex"), "B \\input{a}\n").unwrap();
    std::fs::write(dir.path().join("ok.txt"), "Title\n\nA plain paragraph.\n").unwrap();
    let out = galley()
        .args(["check", "--isolated"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("main.tex") && stderr.contains("cycle"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("in 2 files"), "{stdout}");
}
