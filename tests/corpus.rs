//! Acceptance on the reference example (`../shared/corpus/nato-ukraine-security.txt`): the
//! structure table and the findings of its expected list that concern the core rules.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn galley() -> Command {
    Command::cargo_bin("galley").expect("binary builds")
}

fn json(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("output is JSON")
}

#[test]
fn outline_matches_the_structure_table() {
    let Some(path) = common::corpus_file("nato-ukraine-security.txt") else {
        return;
    };
    let out = galley()
        .args(["outline", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let outline = json(&out.stdout);

    assert_eq!(outline["title"]["line"], 1);
    assert_eq!(
        outline["title"]["text"],
        "Effects Of Ukraine-Russia War On Security Policies Of NATO"
    );

    let abstracts = outline["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 2);
    assert_eq!(
        (
            abstracts[0]["line"].as_u64(),
            abstracts[0]["language"].as_str(),
            abstracts[0]["words"].as_u64()
        ),
        (Some(4), Some("en"), Some(117))
    );
    assert_eq!(
        (
            abstracts[1]["line"].as_u64(),
            abstracts[1]["language"].as_str(),
            abstracts[1]["words"].as_u64()
        ),
        (Some(9), Some("tr"), Some(87))
    );

    let keywords = outline["keywords"].as_array().unwrap();
    assert_eq!(keywords.len(), 2);
    assert_eq!(keywords[0]["line"], 6);
    assert_eq!(keywords[0]["language"], "en");
    assert_eq!(
        keywords[0]["items"],
        serde_json::json!(["NATO", "Invasion", "Security", "Ukraine", "Peace"])
    );
    assert_eq!(keywords[1]["line"], 11);
    assert_eq!(keywords[1]["language"], "tr");
    assert_eq!(
        keywords[1]["items"],
        serde_json::json!(["NATO", "İşgal", "Güvenlik", "Ukrayna", "Barış"])
    );

    let heading_lines: Vec<u64> = outline["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["line"].as_u64().unwrap())
        .collect();
    assert_eq!(heading_lines, [16, 26, 30]);

    let authors: Vec<&str> = outline["authors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        authors,
        ["Eren Evren", "International Organizations Studies"]
    );

    let references = outline["references"].as_array().unwrap();
    assert_eq!(references.len(), 21);
    assert_eq!(references[0]["line"], 52);
    assert_eq!(references[20]["line"], 89);
    let lines: Vec<u64> = references
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    for single_newline_pair in [[80, 81], [83, 84], [86, 87]] {
        assert!(
            single_newline_pair.iter().all(|l| lines.contains(l)),
            "entries {single_newline_pair:?} must be split"
        );
    }
    let trailing = outline["trailing"].as_array().unwrap();
    assert_eq!(trailing.first().unwrap()["line"], 91);
    assert_eq!(trailing.last().unwrap()["line"], 116);
    assert!(
        references.iter().all(|r| r["line"].as_u64().unwrap() < 91),
        "the footer is not a reference"
    );
}

fn findings(args: &[&str], path: &std::path::Path) -> Vec<(String, u64, String)> {
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(1) || out.status.code() == Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn core_findings_are_reported_and_nothing_spurious() {
    let Some(path) = common::corpus_file("nato-ukraine-security.txt") else {
        return;
    };
    let found = findings(&[], &path);
    let of = |rule: &str| {
        found
            .iter()
            .filter(|(r, _, _)| r == rule)
            .collect::<Vec<_>>()
    };

    // 1. Both abstracts are too short, each with its count and the limit.
    let lengths = of("abstract-length");
    assert_eq!(lengths.len(), 2, "{found:?}");
    assert_eq!(lengths[0].1, 4);
    assert!(
        lengths[0].2.contains("117")
            && lengths[0].2.contains("150-250")
            && lengths[0].2.contains("English")
    );
    assert_eq!(lengths[1].1, 9);
    assert!(lengths[1].2.contains("87") && lengths[1].2.contains("Turkish"));

    // 2. Keyword counts are equal: no mismatch; no language is required by default.
    assert!(of("keyword-count-mismatch").is_empty());
    assert!(of("keyword-count").is_empty());
    assert!(of("abstract-language-missing").is_empty());
    assert!(of("abstract-heading-language").is_empty());

    // 3. "is not abode" on line 45, and no other real-word error (none in the Turkish abstract).
    let real_word = of("real-word-error");
    assert_eq!(real_word.len(), 1, "{real_word:?}");
    assert_eq!(real_word[0].1, 45);
    assert!(real_word[0].2.contains("abide"));
}

#[test]
fn required_languages_come_from_configuration_or_profile() {
    let Some(path) = common::corpus_file("nato-ukraine-security.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("galley.toml");
    std::fs::write(
        &config,
        "[rules.abstract-language-missing]\nrequired = [\"en\", \"pt\"]\n",
    )
    .unwrap();
    let out = galley()
        .args(["check", "--format", "json", "--config"])
        .arg(&config)
        .arg(&path)
        .output()
        .unwrap();
    let missing: Vec<String> = json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "abstract-language-missing")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        missing,
        ["no abstract in Portuguese", "no keyword list in Portuguese"]
    );
    assert_eq!(out.status.code(), Some(1));

    let tr_en = findings(&["--profile", "tr-en"], &path);
    assert!(
        !tr_en
            .iter()
            .any(|(rule, _, _)| rule == "abstract-language-missing"
                || rule == "keyword-count-mismatch"),
        "{tr_en:?}"
    );
}
