//! Command-line behaviour a user relies on: exit codes, output formats, colour, configuration
//! discovery and configuration errors.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command
}

const SHORT_ABSTRACT: &str = "A Study of Ponds\n\nAbstract\n\nSmall ponds hold many species, and this short abstract says so in few words.\n\nKeywords: ponds, algae, light\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn exit_code_is_zero_for_a_clean_manuscript_and_one_for_findings() {
    galley()
        .args(["check", "--isolated"])
        .arg(common::sample("clean-manuscript.md"))
        .assert()
        .code(0);
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    galley()
        .args(["check", "--isolated"])
        .arg(&file)
        .assert()
        .code(1);
    galley()
        .args(["check", "--isolated", "--fail-on", "error"])
        .arg(&file)
        .assert()
        .code(0);
    galley()
        .args(["check", "--isolated", "--fail-on", "never"])
        .arg(&file)
        .assert()
        .code(0);
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].ends_with("paper.txt:3:1: warning[abstract-length]: abstract in English is too short: 14 words where 150-250 are allowed"), "{text}");
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["version"], 1);
    let d = &value["diagnostics"][0];
    for key in [
        "path",
        "rule",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "span",
        "help",
        "suggestion",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["end_line"].as_u64(),
            d["end_column"].as_u64()
        ),
        (Some(3), Some(1), Some(3), Some(9))
    );
    assert_eq!(
        &SHORT_ABSTRACT[d["span"]["start"].as_u64().unwrap() as usize
            ..d["span"]["end"].as_u64().unwrap() as usize],
        "Abstract"
    );
    assert_eq!(value["summary"]["warnings"], 1);
}

#[test]
fn human_output_is_rustc_like_and_colour_follows_the_flags() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let plain = galley()
        .args(["check", "--isolated"])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(plain.stdout).unwrap();
    assert!(
        text.contains("warning[abstract-length]: abstract in English is too short"),
        "{text}"
    );
    assert!(text.contains("= help: write 150-250 words"), "{text}");
    assert!(text.contains("^^^^^^^^ 14 words"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour in a pipe");
    assert!(
        text.trim_end()
            .ends_with("0 errors, 1 warning, 0 infos in 1 file")
    );

    let forced = galley()
        .args(["check", "--isolated", "--color", "always"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains('\u{1b}'));
}

#[test]
fn configuration_is_found_from_the_manuscript_folder_upward() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    write(
        dir.path(),
        "galley.toml",
        "[rules.abstract-length]\nmin = 5\n",
    );
    let file = write(&dir.path().join("drafts"), "paper.txt", SHORT_ABSTRACT);
    galley().arg("check").arg(&file).assert().code(0);
    galley()
        .args(["check", "--isolated"])
        .arg(&file)
        .assert()
        .code(1);
    write(
        dir.path(),
        "galley.toml",
        "[rules.abstract-length]\nenabled = false\n",
    );
    galley().arg("check").arg(&file).assert().code(0);
    write(
        dir.path(),
        "galley.toml",
        "ignore = [\"abstract-length\"]\n",
    );
    galley().arg("check").arg(&file).assert().code(0);
}

#[test]
fn a_broken_configuration_exits_two_and_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    for (config, expected_line, expected_text) in [
        (
            "profile = \"default\"\nfail-onn = \"error\"\n",
            "2 │ fail-onn",
            "unknown field `fail-onn`",
        ),
        (
            "[rules.abstract-length]\nmin = \"many\"\n",
            "2 │ min = \"many\"",
            "invalid type",
        ),
        (
            "[rules.abstract-lenght]\nmin = 3\n",
            "1 │ [rules.abstract-lenght]",
            "unknown rule `abstract-lenght`",
        ),
        (
            "[rules.abstract-length]\nminimum = 3\n",
            "2 │ minimum",
            "unknown field `minimum`",
        ),
        (
            "profile = \"nope\"\n",
            "1 │ profile = \"nope\"",
            "unknown profile `nope`",
        ),
        (
            "fail-on = \"error\"\ncitation-style = \"mla\"\n",
            "2 │ citation-style = \"mla\"",
            "known citation styles: auto, apa7, apa6, chicago-author-date, harvard, abnt, vancouver, ieee",
        ),
    ] {
        write(dir.path(), "galley.toml", config);
        let out = galley().arg("check").arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(expected_text), "{config}: {stderr}");
        assert!(stderr.contains(expected_line), "{config}: {stderr}");
        assert!(stderr.contains("galley.toml:"), "{stderr}");
    }
}

#[test]
fn unreadable_files_are_reported_and_the_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "a.txt", SHORT_ABSTRACT);
    let binary = dir.path().join("b.txt");
    std::fs::write(&binary, b"\x00\x01\x02binary").unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&binary)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NUL"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("abstract-length"));
}

#[test]
fn folders_are_walked_for_the_formats_galley_reads() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", SHORT_ABSTRACT);
    write(dir.path(), "b.md", SHORT_ABSTRACT);
    write(dir.path(), "c.pdf", "not read");
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["summary"]["files"], 2);
}

#[test]
fn rules_and_explain_describe_the_rule_set() {
    let out = galley()
        .args(["rules", "--isolated", "--format", "json"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = value["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"abstract-length") && ids.contains(&"real-word-error"));
    let out = galley()
        .args(["explain", "real-word-error"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("## What it checks") && text.contains("flagged:"));
    galley().args(["explain", "no-such-rule"]).assert().code(2);
}

#[test]
fn the_tr_en_profile_requires_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley()
        .args([
            "check",
            "--isolated",
            "--profile",
            "tr-en",
            "--format",
            "concise",
        ])
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("error[abstract-language-missing]: no abstract in Turkish"),
        "{text}"
    );
    assert!(
        text.contains("error[abstract-language-missing]: no keyword list in Turkish"),
        "{text}"
    );
}

#[test]
fn init_writes_a_commented_configuration_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    galley()
        .current_dir(dir.path())
        .args(["init", "--profile", "tr-en"])
        .assert()
        .code(0);
    let text = std::fs::read_to_string(dir.path().join("galley.toml")).unwrap();
    assert!(text.contains("profile = \"tr-en\"") && text.contains("# [per-file-ignores]"));
    let out = galley()
        .current_dir(dir.path())
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("galley.toml")).unwrap(),
        text
    );
    // The file it writes is one galley accepts.
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley().arg("check").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn show_config_says_where_each_value_came_from() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "galley.toml",
        "profile = \"tr-en\"\n\n[rules.abstract-length]\nmin = 100\n",
    );
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley()
        .args(["check", "--show-config", "--ignore", "contraction"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("profile = \"tr-en\"  # "), "{text}");
    assert!(text.contains("galley.toml:1"), "{text}");
    assert!(
        text.contains("min = 100  # ") && text.contains("galley.toml:4"),
        "{text}"
    );
    assert!(
        text.contains("required = [\"en\", \"tr\"]  # profile tr-en"),
        "{text}"
    );
    assert!(text.contains("\"contraction\" (command line)"), "{text}");
}

#[test]
fn completions_are_printed_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = galley().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("galley") && text.contains("check"), "{shell}");
    }
}

#[test]
fn quiet_prints_only_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", SHORT_ABSTRACT);
    let out = galley()
        .args(["check", "--isolated", "--quiet"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let binary = dir.path().join("b.txt");
    std::fs::write(&binary, b"\x00binary").unwrap();
    let out = galley()
        .args(["check", "--isolated", "-q"])
        .arg(&binary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("NUL"));
}

#[test]
fn a_large_folder_in_a_pipe_gets_no_progress_bar_and_a_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..60 {
        write(dir.path(), &format!("paper-{i:02}.txt"), SHORT_ABSTRACT);
    }
    let run = || {
        galley()
            .args(["check", "--isolated", "--format", "concise"])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(
        first.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let text = String::from_utf8(first.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 60);
    let names: Vec<&str> = text.lines().map(|l| l.split(':').next().unwrap()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert_eq!(run().stdout, first.stdout);
}
