//! Hostile inputs, each through the real binary with a time bound: the file is read or refused
//! with a clear message, the exit code is right (2 for a file galley cannot read or a broken
//! rule or configuration, 0 or 1 otherwise), and the other files of the batch are still checked.
//!
//! Cases tested elsewhere and not repeated here: a NUL byte, a .docx zip bomb, a .docx that is
//! not a zip, XML billion laughs and 10,000-deep XML (`tests/formats.rs`,
//! `hostile_files_fail_cleanly_and_the_others_are_still_checked`), a LaTeX `\input` cycle
//! (`tests/latex.rs`, `a_folder_walk_skips_fragments_and_an_input_cycle_fails_cleanly`), and a
//! configuration with an unknown key or a mistyped value (`tests/cli.rs`,
//! `a_broken_configuration_exits_two_and_points_at_the_line`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Generous: a bound against hangs, not a timing assertion.
const TIMEOUT: Duration = Duration::from_secs(300);

/// A manuscript with one known finding (an abstract far too short), checked beside each hostile
/// file to show the batch goes on.
const GOOD: &str = "A Study of Ponds\n\nAbstract\n\nSmall ponds hold many species, and this short abstract says so in few words.\n\nKeywords: ponds, algae, light\n";

fn galley() -> Command {
    Command::cargo_bin("galley").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Checks `hostile` and a good file together; returns the exit code and the JSON report after
/// asserting that both files were counted and the good one was checked.
fn check_with_good(dir: &Path, hostile: &Path) -> (i32, Value) {
    let good = write(dir, "zz-good.txt", GOOD.as_bytes());
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(hostile)
        .arg(&good)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .expect("galley exited (no signal, no timeout)");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: no JSON report ({e}); stderr: {}",
            hostile.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(value["summary"]["files"], 2, "{}", hostile.display());
    let good_checked = value["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["path"].as_str().unwrap().ends_with("zz-good.txt") && d["rule"] == "abstract-length"
    });
    assert!(
        good_checked,
        "the good file was not checked beside {}",
        hostile.display()
    );
    (code, value)
}

/// The error message reported for the hostile file, if it was refused.
fn error_for(value: &Value, name: &str) -> Option<String> {
    value["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(name))
        .map(|e| e["message"].as_str().unwrap().to_string())
}

/// A file that is read: exit 0 or 1 (the good file's finding makes it 1), no error for it.
fn assert_read(dir: &Path, name: &str, bytes: &[u8]) -> Value {
    let path = write(dir, name, bytes);
    let (code, value) = check_with_good(dir, &path);
    assert_eq!(error_for(&value, name), None, "{name} was refused");
    assert_eq!(code, 1, "{name}");
    value
}

/// A file that is refused: exit 2 and a message that contains `expected`.
fn assert_refused(dir: &Path, name: &str, bytes: &[u8], expected: &str) {
    let path = write(dir, name, bytes);
    let (code, value) = check_with_good(dir, &path);
    assert_eq!(code, 2, "{name}");
    let message = error_for(&value, name).unwrap_or_else(|| panic!("{name} was not refused"));
    assert!(message.contains(expected), "{name}: {message}");
}

#[test]
fn empty_and_blank_files_are_read_and_clean() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("empty.md", b""),
        ("empty.tex", b""),
        ("blank.txt", b"  \n\n\t\r\n \n"),
        ("blank.md", b"\n\n   \n"),
        ("bom-only.txt", b"\xEF\xBB\xBF"),
    ] {
        let value = assert_read(dir.path(), name, bytes);
        let own = value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(name))
            .count();
        assert_eq!(own, 0, "{name}: {value}");
    }
}

#[test]
fn bad_encodings_are_refused_or_decoded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    // A broken sequence among good UTF-8: damaged, refused.
    assert_refused(
        dir.path(),
        "damaged.txt",
        "Çalışma \u{fc}ber die Teiche.\n\n"
            .as_bytes()
            .iter()
            .chain(b"\xC3(\xFF\n")
            .copied()
            .collect::<Vec<_>>()
            .as_slice(),
        "not valid UTF-8",
    );
    // Bytes that are not UTF-8 and hold no UTF-8 at all: a legacy single-byte file, read with a
    // note that says which encoding was assumed.
    let path = write(dir.path(), "latin1.txt", b"Caf\xe9 and na\xefve readers.\n");
    let (code, value) = check_with_good(dir.path(), &path);
    assert_eq!(code, 1);
    assert!(
        value["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "file-encoding"
                && d["message"].as_str().unwrap().contains("windows-1252")),
        "{value}"
    );
    // UTF-16 without a byte-order mark: every other byte is NUL, refused as such, and the
    // message names the likely cause.
    let utf16: Vec<u8> = "A Study of Ponds\n\nSmall ponds hold many species.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_refused(
        dir.path(),
        "utf16le.txt",
        &utf16,
        "UTF-16 without a byte-order mark",
    );
    let utf16be: Vec<u8> = "A Study of Ponds\n"
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    assert_refused(
        dir.path(),
        "utf16be.md",
        &utf16be,
        "UTF-16 without a byte-order mark",
    );
}

#[test]
fn a_50_mb_single_line_file_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "ponds ",
        "hold ",
        "many ",
        "species, ",
        "and ",
        "the ",
        "water ",
    ];
    let mut line = String::with_capacity(50 * 1024 * 1024 + 16);
    let mut i = 0;
    while line.len() < 50 * 1024 * 1024 {
        line.push_str(words[i % words.len()]);
        i += 1;
    }
    line.push('\n');
    let path = write(dir.path(), "one-line.txt", line.as_bytes());
    drop(line);
    let (code, value) = check_with_good(dir.path(), &path);
    assert!(code == 0 || code == 1, "exit {code}: {}", value["errors"]);
    assert_eq!(error_for(&value, "one-line.txt"), None);
}

#[test]
fn a_hundred_thousand_tiny_paragraphs_are_read() {
    let dir = tempfile::tempdir().unwrap();
    assert_read(dir.path(), "tiny.txt", "A.\n\n".repeat(100_000).as_bytes());
    assert_read(dir.path(), "tiny.md", "A.\n\n".repeat(100_000).as_bytes());
}

#[test]
fn ten_thousand_levels_of_markdown_nesting_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let quotes = format!("{}deep text\n", "> ".repeat(10_000));
    assert_read(dir.path(), "quotes.md", quotes.as_bytes());
    let lists = format!("{}deep item\n", "- ".repeat(10_000));
    assert_read(dir.path(), "lists.md", lists.as_bytes());
    let indented: String = (0..10_000)
        .map(|level| format!("{}- item {level}\n", "  ".repeat(level)))
        .collect();
    assert_read(dir.path(), "indented.md", indented.as_bytes());
    let mixed = format!("{}mixed\n", "> - ".repeat(5_000));
    assert_read(dir.path(), "mixed.md", mixed.as_bytes());
}

/// A configuration in `dir` that loads the rule files of `dir/rules`.
fn rule_folder(dir: &Path, rule_file: &str, id: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    write(
        &dir.join("rules"),
        &format!("{id}.toml"),
        rule_file.as_bytes(),
    );
    write(dir, "galley.toml", b"rule-dirs = [\"rules\"]\n")
}

fn pattern_rule(id: &str, pattern: &str) -> String {
    format!(
        "id = \"{id}\"\nsummary = \"a hostile pattern\"\nseverity = \"warning\"\nmessage = \"matched\"\nexplanation = \"test\"\n\n[check]\nkind = \"pattern\"\npattern = '''{pattern}'''\n"
    )
}

#[test]
fn a_catastrophic_user_regex_runs_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let config = rule_folder(
        dir.path(),
        &pattern_rule("nested-plus", "(a+)+$"),
        "nested-plus",
    );
    let paper = write(
        dir.path(),
        "paper.txt",
        format!("{}b\n\nA second paragraph.\n", "a".repeat(200_000)).as_bytes(),
    );
    let good = write(dir.path(), "zz-good.txt", GOOD.as_bytes());
    let out = galley()
        // Only the user rule (and one built-in rule): what is measured is the pattern's cost.
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "nested-plus,abstract-length",
        ])
        .arg("--config")
        .arg(&config)
        .arg(&paper)
        .arg(&good)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["summary"]["files"], 2);
    assert_eq!(value["errors"], serde_json::json!([]));
}

/// Every built-in rule on one enormous word: a check that looks around each character (the
/// token of a quotation mark, the word of a letter) must not make this quadratic.
#[test]
fn a_two_hundred_thousand_letter_word_is_checked_by_every_rule() {
    let dir = tempfile::tempdir().unwrap();
    let word = format!(
        "{}\"b’\n\nA second paragraph with a \"quote\".\n",
        "a".repeat(200_000)
    );
    assert_read(dir.path(), "word.txt", word.as_bytes());
}

#[test]
fn a_huge_user_regex_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let alternation: Vec<String> = (0..12_000).map(|i| format!("w{i:07}")).collect();
    let pattern = alternation.join("|");
    assert!(pattern.len() > 100_000);
    let config = rule_folder(dir.path(), &pattern_rule("huge", &pattern), "huge");
    let paper = write(dir.path(), "paper.txt", GOOD.as_bytes());
    let out = galley()
        .args(["check", "--config"])
        .arg(&config)
        .arg(&paper)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        // Within the compiled-size limit: the rule runs.
        Some(0 | 1) => assert!(stderr.is_empty(), "{stderr}"),
        // Beyond it: a configuration error that names the rule.
        Some(2) => assert!(
            stderr.contains("huge") && stderr.contains("pattern does not compile"),
            "{stderr}"
        ),
        other => panic!("exit {other:?}: {stderr}"),
    }
}

#[test]
fn a_rule_file_with_a_wrong_type_is_a_configuration_error() {
    let dir = tempfile::tempdir().unwrap();
    let rule = pattern_rule("typed", "ponds").replace("severity = \"warning\"", "severity = 3");
    let config = rule_folder(dir.path(), &rule, "typed");
    let paper = write(dir.path(), "paper.txt", GOOD.as_bytes());
    let out = galley()
        .args(["check", "--config"])
        .arg(&config)
        .arg(&paper)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("typed.toml") && stderr.contains("severity = 3"),
        "{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is checked under a broken rule"
    );
}
