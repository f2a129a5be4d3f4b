//! The machine-readable output formats: snapshots of each format on the bundled samples, the
//! SARIF output validated against the official SARIF 2.1.0 schema, the JSON output against the
//! schema this repository documents, and the options that shape a report (`--statistics`,
//! `--output`).

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// `galley check` in `format`, with no configuration and no colour.
fn check_command(format: &str) -> Command {
    let mut command = galley();
    command.args([
        "check",
        "--isolated",
        "--color",
        "never",
        "--format",
        format,
    ]);
    command
}

fn check(format: &str, paths: &[&str]) -> String {
    let out = check_command(format).args(paths).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

fn schema(path: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap();
    // The SARIF schema's pattern for `run.language` has a stray `]` that ECMAScript reads as a
    // literal and Rust's regex refuses: escape it, which keeps its meaning.
    let text = text.replace(r#"-[a-zA-Z]{2}]?$"#, r#"-[a-zA-Z]{2}\\]?$"#);
    let value: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&value).unwrap()
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn every_format_on_the_samples() {
    for format in ["concise", "json", "sarif", "github", "junit"] {
        insta::assert_snapshot!(format!("samples-{format}"), check(format, &["samples/"]));
    }
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = schema("tests/fixtures/sarif-schema-2.1.0.json");
    let log: Value = serde_json::from_str(&check("sarif", &["samples/"])).unwrap();
    assert_valid(&validator, &log);
    // The schema does reject what is not SARIF 2.1.0.
    let mut wrong = log.clone();
    wrong["version"] = Value::from("2.0.0");
    assert!(!validator.is_valid(&wrong));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let real_word = rules.iter().find(|r| r["id"] == "real-word-error").unwrap();
    assert!(
        real_word["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .len()
            > 5
    );
    assert!(
        real_word["fullDescription"]["text"]
            .as_str()
            .unwrap()
            .contains("What it checks")
    );
    assert!(real_word["help"]["text"].is_string());
    let result = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "real-word-error")
        .unwrap();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert!(region["startLine"].as_u64().unwrap() >= 1);
    assert!(region["startColumn"].as_u64().unwrap() >= 1);
    // An unreadable file is a notification, and the log stays valid.
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("b.txt");
    std::fs::write(&binary, b"\x00binary").unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "sarif"])
        .arg(&binary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid(&validator, &log);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn json_output_matches_the_documented_schema() {
    let validator = schema("docs/json-schema.json");
    let report: Value = serde_json::from_str(&check("json", &["samples/"])).unwrap();
    assert_valid(&validator, &report);
    assert!(!report["diagnostics"].as_array().unwrap().is_empty());
}

#[test]
fn github_annotations_carry_the_range_and_rule() {
    let text = check("github", &["samples/pond-survey.md"]);
    assert!(
        text.lines().any(|l| l.starts_with(
            "::warning file=samples/pond-survey.md,line=17,col=22,endLine=17,endColumn=31,title=real-word-error::"
        )),
        "{text}"
    );
}

#[test]
fn junit_has_one_suite_per_file_and_one_failure_per_finding() {
    let text = check("junit", &["samples/"]);
    let suites = text.matches("<testsuite ").count();
    let failures = text.matches("<failure ").count();
    let json: Value = serde_json::from_str(&check("json", &["samples/"])).unwrap();
    assert_eq!(suites, json["summary"]["files"].as_u64().unwrap() as usize);
    assert_eq!(failures, json["diagnostics"].as_array().unwrap().len());
    // Well-formed XML.
    let mut reader = quick_xml::Reader::from_str(&text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn statistics_count_findings_per_rule() {
    let out = galley()
        .args(["check", "--isolated", "--statistics", "samples/"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("statistics", text);
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("report.sarif");
    let out = galley()
        .args(["check", "--isolated", "--format", "sarif", "--output"])
        .arg(&target)
        .arg("samples/pond-survey.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
}

/// A folder of many files is checked a few dozen files at a time, each batch reported before the
/// next is read; the report must read as if every file had been reported at once: files in
/// order, each file's findings whole, counts and totals over the whole run, the same bytes on
/// standard output and in `--output`.
#[test]
fn a_long_run_reports_every_file_in_order_with_whole_run_counts() {
    const FILES: usize = 150;
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/pond-survey.md"),
    )
    .unwrap();
    for i in 0..FILES {
        std::fs::write(dir.path().join(format!("{i:03}.md")), &sample).unwrap();
    }
    // One file in the middle that cannot be read.
    std::fs::write(dir.path().join("075-broken.docx"), b"not a zip archive").unwrap();
    let run = |format: &str, extra: &[&std::ffi::OsStr]| {
        let out = check_command(format)
            .current_dir(dir.path())
            // Few threads: several batches, whatever the machine.
            .env("RAYON_NUM_THREADS", "2")
            .args(extra)
            .arg(".")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let one = {
        let out = galley()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--format", "concise", "000.md"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let per_file = one.lines().count();
    assert!(per_file > 0);

    let (concise, stderr) = run("concise", &[]);
    let expected: String = (0..FILES)
        .map(|i| one.replace("000.md", &format!("{i:03}.md")))
        .collect();
    assert_eq!(concise, expected);
    assert_eq!(
        stderr.matches("cannot check `075-broken.docx`").count(),
        1,
        "{stderr}"
    );

    let (json, _) = run("json", &[]);
    let json: Value = serde_json::from_str(&json).unwrap();
    let paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (0..FILES)
        .flat_map(|i| std::iter::repeat_n(format!("{i:03}.md"), per_file))
        .collect();
    assert_eq!(paths, expected);
    let summary = &json["summary"];
    assert_eq!(summary["files"], FILES + 1);
    assert_eq!(summary["unreadable"], 1);
    let counted = ["errors", "warnings", "infos"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(counted as usize, FILES * per_file);
    assert_eq!(json["errors"][0]["path"], "075-broken.docx");

    let (human, _) = run("human", &[]);
    assert!(
        human.ends_with(&format!("in {} files (1 could not be read)\n", FILES + 1)),
        "{}",
        human.lines().last().unwrap_or_default()
    );

    let (junit, _) = run("junit", &[]);
    let totals = format!(
        "<testsuites name=\"galley\" tests=\"{}\" failures=\"{}\" errors=\"1\">",
        FILES * per_file + 1,
        FILES * per_file
    );
    assert!(junit.contains(&totals), "{}", &junit[..200]);
    assert_eq!(junit.matches("<testsuite ").count(), FILES + 1);

    let (sarif, _) = run("sarif", &[]);
    let report = dir.path().join("report.sarif");
    let (to_file, _) = run("sarif", &["--output".as_ref(), report.as_os_str()]);
    assert!(to_file.is_empty());
    assert_eq!(std::fs::read_to_string(&report).unwrap(), sarif);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), FILES * per_file);
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}
