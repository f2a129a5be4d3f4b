//! `unknown-word`: typos no misspelling list knows, found with the built-in English dictionary
//! (nothing installed), and what the manuscript or the project vouches for left alone.

mod common;

use std::path::Path;

/// The `unknown-word` findings of `galley check` on `text` written as `name` in `dir`:
/// (word, suggestion) pairs.
fn unknown_words(
    dir: &Path,
    name: &str,
    text: &str,
    env: &[(&str, &str)],
) -> Vec<(String, String)> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let mut command = common::galley();
    command
        .current_dir(dir)
        .args(["check", "--format", "json", "--select", "unknown-word"])
        .arg(&path)
        .env_remove("DICPATH");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = d["message"].as_str().unwrap();
            let word = message.split('”').next().unwrap().trim_start_matches('“');
            (
                word.to_string(),
                d["suggestion"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn typos_no_list_knows_are_found_without_installed_dictionaries() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# Methods\n\nWe fitted the model and report the normalziation of each score. \
                Longitduinal data came from twelve sites.\n\nThe NORMALIZATION of the scores \
                followed the usual rules.\n";
    // `DICPATH` points nowhere: English needs no installed dictionary.
    let found = unknown_words(
        dir.path(),
        "paper.md",
        text,
        &[("DICPATH", dir.path().to_str().unwrap())],
    );
    assert_eq!(
        found,
        pairs(&[
            ("normalziation", "normalization"),
            ("Longitduinal", "Longitudinal")
        ])
    );
}

#[test]
fn a_near_miss_inside_the_document_is_a_typo_the_dictionary_alone_would_not_name() {
    let dir = tempfile::tempdir().unwrap();
    // "sedmnt" is two edits from "sediment": too far for a short word on the dictionary alone,
    // but the manuscript itself uses "sediment".
    let with = "The sediment cores were dried overnight. Each sedmnt core was then weighed.\n";
    let without = "The cores were dried overnight. Each sedmnt core was then weighed.\n";
    assert_eq!(
        unknown_words(dir.path(), "a.md", with, &[]),
        pairs(&[("sedmnt", "sediment")])
    );
    assert_eq!(unknown_words(dir.path(), "b.md", without, &[]), pairs(&[]));
}

#[test]
fn words_the_manuscript_or_the_project_vouches_for_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    // "glomalin" three times is the author's term; "Okonkwo" is a name; "margnis" is listed in
    // galley.words; "soilz" is in code; "BRACS" is an acronym.
    std::fs::write(dir.path().join("galley.toml"), "").unwrap();
    std::fs::write(dir.path().join("galley.words"), "# our terms\nmargnis\n").unwrap();
    let text = "The glomalin content rose. We measured glomalin twice, and glomalin fell in \
                winter. Okonkwo counted amphibains in spring. The field margnis were mown with \
                `soilz` under the BRACS protocol.\n";
    let found = unknown_words(dir.path(), "paper.md", text, &[]);
    assert_eq!(found, pairs(&[("amphibains", "amphibians")]));
}

#[test]
fn other_languages_are_checked_with_their_hunspell_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let dicts = dir.path().join("dicts");
    std::fs::create_dir(&dicts).unwrap();
    let text = "As amostras de solo foram coletadas durante a primavera e o verão em todas as \
                parcelas. No laboratório, as amostras foram secas com cuidado para a análise \
                da umidade, e os resultados dos três anos mostraram a mesma tendência nas \
                parcelas com solo úmido e nas parcleas secas.\n";
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty() && *w != "parcleas")
        .map(str::to_lowercase)
        .collect();
    words.sort();
    words.dedup();
    std::fs::write(dicts.join("pt_BR.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(
        dicts.join("pt_BR.dic"),
        format!("{}\n{}\n", words.len(), words.join("\n")),
    )
    .unwrap();
    let found = unknown_words(
        dir.path(),
        "artigo.md",
        text,
        &[("DICPATH", dicts.to_str().unwrap())],
    );
    assert_eq!(found, pairs(&[("parcleas", "parcelas")]));
}

#[test]
fn languages_without_a_dictionary_are_named_once_after_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let paragraph = "As amostras de solo foram coletadas durante a primavera e o verão em todas \
                     as parcelas do experimento, e os resultados dos três anos mostraram a mesma \
                     tendência nas parcelas com solo úmido e nas parcelas secas do campo.";
    let text = [paragraph; 8].join("\n\n");
    for name in ["a.md", "b.md"] {
        std::fs::write(dir.path().join(name), &text).unwrap();
    }
    // Dictionaries are looked for only in an empty folder, whatever the machine has installed.
    std::fs::create_dir(dir.path().join("none")).unwrap();
    std::fs::write(
        dir.path().join("galley.toml"),
        "[rules.unknown-word]\npaths = [\"none\"]\n",
    )
    .unwrap();
    let out = common::galley()
        .current_dir(dir.path())
        .args(["check", "--select", "unknown-word", "a.md", "b.md"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .matches("spelling not checked in Portuguese (pt)")
            .count(),
        1,
        "{stderr}"
    );
}

/// With the Debian dictionaries installed (CI installs them), a Portuguese and a Spanish typo of a
/// word the text uses elsewhere are found; elsewhere the test says it is skipped.
#[test]
fn installed_debian_dictionaries_catch_portuguese_and_spanish_typos() {
    let installed = ["pt_BR", "es_ES"]
        .iter()
        .all(|d| Path::new(&format!("/usr/share/hunspell/{d}.dic")).is_file());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install hunspell-pt-br and hunspell-es"
        );
        eprintln!("note: hunspell-pt-br or hunspell-es is not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let portuguese = "Este trabalho apresenta uma análise dos dados coletados em campo durante \
                      três anos. Os resultados mostram que a inteligência artifical pode ajudar \
                      na classificação das amostras, mas a qualidade dos dados ainda é um \
                      problema importante para os pesquisadores da área de inteligência artificial. \
                      Para um computador atinjir tal nível, seria preciso mais dados.\n";
    let spanish = "Este trabajo presenta un análisis de los datos recogidos en el campo durante \
                   tres años. Los resultados muestran que la historia de las comunidads rurales \
                   depende de la calidad de los datos y del trabajo de las comunidades vecinas. \
                   Tras las corridas cambiarias, que se abola toda diferencia entre lo \
                   esotérico y lo exotérico.\n";
    let found_pt = unknown_words(dir.path(), "pt.md", portuguese, &[]);
    let found_es = unknown_words(dir.path(), "es.md", spanish, &[]);
    assert!(
        found_pt
            .iter()
            .any(|(w, s)| w == "artifical" && s == "artificial"),
        "{found_pt:?}"
    );
    assert!(
        found_es
            .iter()
            .any(|(w, s)| w == "comunidads" && s == "comunidades"),
        "{found_es:?}"
    );
    // A spelling by ear: "j" for the soft "g".
    assert!(
        found_pt
            .iter()
            .any(|(w, s)| w == "atinjir" && s == "atingir"),
        "{found_pt:?}"
    );
    // Words the Hunspell dictionaries lack, from galley's own supplement.
    for word in ["cambiarias", "abola", "exotérico"] {
        assert!(found_es.iter().all(|(w, _)| w != word), "{found_es:?}");
    }
}
