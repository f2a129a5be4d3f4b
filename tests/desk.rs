//! The editor's desk end to end: each sample of `samples/desk/` (a clean manuscript, one without
//! a data availability statement, a JOSS paper over its length limit, a .docx whose properties
//! name its author) under each journal profile gives exactly the desk findings listed here; the
//! profiles are listed and explained; the HTML and JSON Lines reports summarise every manuscript.

mod common;

use serde_json::Value;

/// The rules a journal profile sets.
const DESK_RULES: &[&str] = &[
    "statement-missing",
    "main-text-length",
    "blind-review-identity",
    "credit-role",
    "reference-count",
    "abstract-length",
    "abstract-language-missing",
    "keyword-count",
    "keyword-count-mismatch",
    "abstract-section-missing",
    "display-item-count",
    "orcid-missing",
    "orcid-invalid",
];

const PROFILES: &[&str] = &[
    "plos-one",
    "bmj",
    "jep-general",
    "csp",
    "dergipark-asbad",
    "joss",
];

/// `rule: message` of each desk finding of `sample` under `profile`.
fn desk_findings(profile: &str, sample: &str) -> Vec<String> {
    let out = common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "--profile",
            profile,
        ])
        .arg(format!("samples/desk/{sample}"))
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap_or(2) < 2,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| DESK_RULES.contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            format!(
                "{}: {}",
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

fn missing(statement: &str, journal: &str) -> String {
    format!("statement-missing: {statement} required by {journal} is missing")
}

#[test]
fn each_sample_gives_exactly_the_expected_findings_under_each_profile() {
    let (plos, bmj, jep, csp, asbad, joss) = (
        "PLOS ONE",
        "The BMJ",
        "Journal of Experimental Psychology: General",
        "Cadernos de Saúde Pública",
        "ASBAD (DergiPark)",
        "Journal of Open Source Software",
    );
    let no_pt = [
        "abstract-language-missing: no abstract in Portuguese".to_string(),
        "abstract-language-missing: no keyword list in Portuguese".to_string(),
    ];
    let no_tr = [
        "abstract-language-missing: no abstract in Turkish".to_string(),
        "abstract-language-missing: no keyword list in Turkish".to_string(),
    ];
    let joss_sections = |summary: bool| {
        let mut list = Vec::new();
        if summary {
            list.push(missing("Summary section", joss));
        }
        list.push(missing("Statement of need section", joss));
        list.push(missing("ORCID iD", joss));
        list
    };
    // The BMJ asks for a structured abstract; the clean sample has one.
    let unstructured = |language: &str| {
        format!(
            "abstract-section-missing: abstract in {language} is not structured in the sections {bmj} requires"
        )
    };
    let cases: Vec<(&str, &str, Vec<String>)> = vec![
        // The clean manuscript meets every requirement but a JOSS paper's sections, and the
        // Portuguese and Turkish abstracts of the bilingual journals.
        ("clean.md", "plos-one", vec![]),
        ("clean.md", "bmj", vec![]),
        ("clean.md", "jep-general", vec![]),
        ("clean.md", "csp", no_pt.to_vec()),
        ("clean.md", "dergipark-asbad", no_tr.to_vec()),
        ("clean.md", "joss", joss_sections(true)),
        // No data availability statement: every profile that requires one says so.
        ("missing-data.md", "plos-one", vec![missing("data availability statement", plos)]),
        (
            "missing-data.md",
            "bmj",
            vec![
                missing("data availability statement", bmj),
                missing("trial registration", bmj),
                unstructured("English"),
            ],
        ),
        (
            "missing-data.md",
            "jep-general",
            vec![
                missing("data availability statement", jep),
                missing("preregistration statement", jep),
            ],
        ),
        ("missing-data.md", "csp", no_pt.to_vec()),
        ("missing-data.md", "dergipark-asbad", no_tr.to_vec()),
        ("missing-data.md", "joss", joss_sections(true)),
        // A JOSS paper of 1039 words against JOSS's 250-1000; under the other profiles it lacks
        // a research article's statements, and under the double-blind one it names its author.
        (
            "over-limit-joss.md",
            "joss",
            vec!["main-text-length: main text is too long: 1039 words where Journal of Open Source Software allows 250-1000".into()],
        ),
        (
            "over-limit-joss.md",
            "plos-one",
            vec![
                missing("data availability statement", plos),
                missing("funding statement", plos),
                missing("competing interests statement", plos),
                missing("author contributions statement", plos),
            ],
        ),
        (
            "over-limit-joss.md",
            "dergipark-asbad",
            vec![
                missing("author contributions statement", asbad),
                missing("competing interests statement", asbad),
                "blind-review-identity: manuscript for double-blind review shows an author's name: Deniz Evren".into(),
                "blind-review-identity: manuscript for double-blind review shows an ORCID iD: 0000-0002-1825-0097".into(),
                "blind-review-identity: manuscript for double-blind review shows an affiliation: Harbour Institute of Marine Science".into(),
                no_tr[0].clone(),
                no_tr[1].clone(),
                "abstract-length: abstract in English is too short: 69 words where 150-250 are allowed".into(),
                "blind-review-identity: manuscript for double-blind review shows an acknowledgements section: We thank the staff of the national tide-gauge networks for answering our ques…".into(),
            ],
        ),
        // The .docx names no author in its text; under the double-blind profile its properties
        // are the only finding.
        (
            "blind-properties.docx",
            "dergipark-asbad",
            vec![
                "blind-review-identity: manuscript for double-blind review shows a person in the file's properties: Deniz Evren (creator)".into(),
                "blind-review-identity: manuscript for double-blind review shows a person in the file's properties: Deniz Evren (last modified by)".into(),
            ],
        ),
        (
            "blind-properties.docx",
            "plos-one",
            vec![
                missing("data availability statement", plos),
                missing("funding statement", plos),
            ],
        ),
        (
            "blind-properties.docx",
            "bmj",
            vec![
                missing("ethics approval and consent statement", bmj),
                missing("funding statement", bmj),
                missing("data availability statement", bmj),
                missing("trial registration", bmj),
                unstructured("Turkish"),
                unstructured("English"),
            ],
        ),
        (
            "blind-properties.docx",
            "jep-general",
            vec![
                missing("data availability statement", jep),
                missing("preregistration statement", jep),
            ],
        ),
        (
            "blind-properties.docx",
            "csp",
            vec![
                missing("funding statement", csp),
                no_pt[0].clone(),
                no_pt[1].clone(),
            ],
        ),
        ("blind-properties.docx", "joss", joss_sections(true)),
    ];
    let mut failures = Vec::new();
    for (sample, profile, expected) in &cases {
        let found = desk_findings(profile, sample);
        if &found != expected {
            failures.push(format!(
                "{sample} under {profile}:\n  expected {expected:#?}\n  found {found:#?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every sample ran under every profile.
    for sample in ["clean.md", "missing-data.md", "blind-properties.docx"] {
        for profile in PROFILES {
            assert!(
                cases.iter().any(|(s, p, _)| s == &sample && p == profile),
                "{sample} {profile}"
            );
        }
    }
}

#[test]
fn the_blind_review_flag_works_under_any_profile() {
    let out = common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "--blind-review",
            "samples/desk/blind-properties.docx",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("blind-review-identity"), "{text}");
    assert!(text.contains("Deniz Evren (creator)"), "{text}");
}

#[test]
fn profiles_are_listed_with_their_sources_and_explained() {
    let out = common::galley()
        .args(["profiles", "--format", "json"])
        .output()
        .unwrap();
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let profiles = list["profiles"].as_array().unwrap();
    for name in PROFILES {
        let profile = profiles.iter().find(|p| p["name"] == *name).unwrap();
        assert!(
            profile["source"].as_str().unwrap().starts_with("https://"),
            "{name}"
        );
        assert!(profile["read"].is_string(), "{name}");
    }
    let out = common::galley().args(["explain", "bmj"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("The BMJ"), "{text}");
    assert!(text.contains("[rules.main-text-length]"), "{text}");
    assert!(text.contains("[rules.abstract-section-missing]"), "{text}");
    assert!(text.contains("Main outcome measures"), "{text}");
    let out = common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--isolated",
            "--profile",
            "joss",
            "--show-config",
            "samples/desk/clean.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("main-text-length"), "{text}");
    assert!(text.contains("1000"), "{text}");
}

#[test]
fn the_jsonl_report_has_one_summary_line_per_manuscript() {
    let out = common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--isolated",
            "--profile",
            "joss",
            "--format",
            "jsonl",
            "samples/desk/",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let over = lines
        .iter()
        .find(|l| l["path"] == "samples/desk/over-limit-joss.md")
        .unwrap();
    assert_eq!(over["main_text_words"], 1039);
    assert_eq!(over["main_text_limit"], "250-1000");
    assert_eq!(over["main_text_over"], true);
    assert_eq!(over["profile"], "joss");
    let clean = lines
        .iter()
        .find(|l| l["path"] == "samples/desk/clean.md")
        .unwrap();
    let found: Vec<&str> = clean["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for id in [
        "ethics",
        "trial-registration",
        "preregistration",
        "data-availability",
        "funding",
        "competing-interests",
        "author-contributions",
    ] {
        assert!(found.contains(&id), "{id}: {found:?}");
    }
    assert_eq!(clean["missing_statements"].as_array().unwrap().len(), 3);
}

#[test]
fn the_html_report_is_one_self_contained_page_with_a_row_per_manuscript() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "check",
            "--isolated",
            "--profile",
            "plos-one",
            "--format",
            "html",
            "-o",
        ])
        .arg(&page)
        .arg("samples/desk/")
        .output()
        .unwrap();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<tr data-errors").count(), 4);
    assert_eq!(html.matches("<section class=\"ms\"").count(), 4);
    assert!(html.contains("data availability statement required by PLOS ONE is missing"));
    assert!(html.contains("default-src 'none'"));
    for fetching in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(fetching), "{fetching}");
    }
}

/// `rule: message` of the findings of `rules` for `text` written to `name` and checked with
/// `args` in a folder of its own (a `galley.toml` there when `config` is given).
fn findings_in(
    name: &str,
    text: &str,
    config: Option<&str>,
    args: &[&str],
    rules: &[&str],
) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.path().join("galley.toml"), config).unwrap();
    }
    let out = common::galley()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .args(args)
        .arg(name)
        .output()
        .unwrap();
    assert!(
        out.status.code().unwrap_or(2) < 2,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| rules.contains(&d["rule"].as_str().unwrap()))
        .map(|d| {
            format!(
                "{}: {}",
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

const PAPER_MD: &str = "---\ntitle: Tide gauges\nauthors:\n  - name: Lia Fern\n    orcid: 0000-0002-1825-0097\n  - name: Ada Oak\n  - name: Tom Reed\n    orcid: 0000-0002-1825-0098\n---\n\n# Summary\n\nTide gauges record the sea level every few minutes.\n\n# Statement of need\n\nNothing reads them well.\n";

#[test]
fn joss_asks_each_author_for_an_orcid_and_every_profile_checks_the_check_digit() {
    let rules = ["orcid-missing", "orcid-invalid"];
    assert_eq!(
        findings_in("paper.md", PAPER_MD, None, &["--isolated", "--profile", "joss"], &rules),
        vec![
            "orcid-missing: no ORCID iD for Ada Oak, which Journal of Open Source Software requires".to_string(),
            "orcid-invalid: the check digit of ORCID iD 0000-0002-1825-0098 is wrong".to_string(),
        ]
    );
    for profile in ["plos-one", "bmj", "csp", "dergipark-asbad", "jep-general"] {
        assert_eq!(
            findings_in(
                "paper.md",
                PAPER_MD,
                None,
                &["--isolated", "--profile", profile],
                &rules
            ),
            vec![
                "orcid-invalid: the check digit of ORCID iD 0000-0002-1825-0098 is wrong"
                    .to_string()
            ],
            "{profile}"
        );
    }
}

#[test]
fn csp_counts_figures_and_tables_together_and_other_profiles_set_no_limit() {
    let mut text =
        String::from("Lagoas urbanas\n\nIntrodução\n\nAs lagoas são comuns nas cidades.\n\n");
    for n in 1..=4 {
        text.push_str(&format!("Figura {n}. Mapa das lagoas.\n\n"));
    }
    text.push_str("Tabela 1 – Espécies.\n\nTabela 2 – Profundidade.\n\nTabela S1 – Visitas.\n");
    let rules = ["display-item-count"];
    assert_eq!(
        findings_in("artigo.txt", &text, None, &["--isolated", "--profile", "csp"], &rules),
        vec!["display-item-count: too many figures and tables: 6 where Cadernos de Saúde Pública allows at most 5".to_string()]
    );
    for profile in ["plos-one", "bmj", "jep-general", "dergipark-asbad", "joss"] {
        assert!(
            findings_in(
                "artigo.txt",
                &text,
                None,
                &["--isolated", "--profile", profile],
                &rules
            )
            .is_empty(),
            "{profile}"
        );
    }
    let out = common::galley()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["outline", "--format", "json", "samples/desk/clean.md"])
        .output()
        .unwrap();
    let outline: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outline["display_items"]["figures"], 0);
}

#[test]
fn bmj_asks_for_a_structured_abstract_and_takes_synonyms() {
    let rules = ["abstract-section-missing"];
    let partly = "# Tanks\n\n# Abstract\n\n**Objective:** To count larvae in tanks.\n\n**Methods:** A survey of 212 tanks.\n\n**Participants:** Tank owners.\n\n**Findings:** Open tanks held larvae.\n\n**Interpretation:** Screens work.\n\n# Introduction\n\nTanks are common.\n";
    assert_eq!(
        findings_in("a.md", partly, None, &["--isolated", "--profile", "bmj"], &rules),
        vec![
            "abstract-section-missing: abstract in English has no “Setting” section, which The BMJ requires".to_string(),
            "abstract-section-missing: abstract in English has no “Main outcome measures” section, which The BMJ requires".to_string(),
        ]
    );
    for profile in ["plos-one", "jep-general", "csp", "dergipark-asbad", "joss"] {
        assert!(
            findings_in(
                "a.md",
                partly,
                None,
                &["--isolated", "--profile", profile],
                &rules
            )
            .is_empty(),
            "{profile}"
        );
    }
}

#[test]
fn a_profile_of_ones_own_limits_each_language_abstract_on_its_own() {
    let text = "Küçük Göletler\n\nÖzet\n\nKüçük göletler tarım alanlarında pek çok türü barındırır. Üç bölgede yüz yirmi göleti dört yıl boyunca inceledik ve her birinde yaşayan bitkileri ve böcekleri kaydettik.\n\nAnahtar kelimeler: gölet, biyoçeşitlilik, böcek\n\nAbstract\n\nSmall ponds hold many species in farmland. We surveyed one hundred and twenty ponds in three regions over four years and recorded the plants and insects in each of them.\n\nKeywords: ponds, biodiversity, insects\n\nGiriş\n\nGöletler yaygındır.\n";
    let config = "profile = \"dergipark-asbad\"\n\n[rules.abstract-length]\nmin = 0\nmax = 250\n\n[rules.abstract-length.by-language.tr]\nmin = 100\nmax = 250\n";
    assert_eq!(
        findings_in("makale.txt", text, Some(config), &[], &["abstract-length"]),
        vec![
            "abstract-length: abstract in Turkish is too short: 25 words where 100-250 are allowed"
                .to_string()
        ]
    );
}
