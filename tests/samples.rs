//! Snapshots of what galley prints for each bundled sample: the outline and the human report.
//! A change in structure detection or wording shows up here as a diff to review
//! (`cargo insta review`).

mod common;

use assert_cmd::Command;

fn run(args: &[&str], file: &std::path::Path) -> String {
    let out = Command::cargo_bin("galley")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        // No Hunspell dictionaries, whatever the machine has: the same report everywhere.
        .env("DICPATH", "")
        .args(args)
        .arg(file.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap())
        .output()
        .unwrap();
    // The one note allowed: which languages went without a spelling check.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with("note: spelling not checked in")),
        "{stderr}"
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn sample_outlines_and_reports() {
    insta::glob!("../samples", "*.*", |path| {
        insta::assert_snapshot!("outline", run(&["outline"], path));
        insta::assert_snapshot!(
            "check",
            run(&["check", "--isolated", "--color", "never"], path)
        );
    });
}

/// The LaTeX samples: each main file with what it includes and its .bib. A fragment
/// (`methods.tex`, with no `\documentclass`) is shown as part of the file that includes it.
#[test]
fn latex_sample_outlines_and_reports() {
    insta::glob!("../samples", "latex/*.tex", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        if !text.contains("\\documentclass") {
            return;
        }
        insta::assert_snapshot!("outline", run(&["outline"], path));
        insta::assert_snapshot!(
            "check",
            run(&["check", "--isolated", "--color", "never"], path)
        );
    });
}
