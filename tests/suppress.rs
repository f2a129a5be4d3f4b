//! Suppression: every comment form in every format galley reads, reasons, several ids or none,
//! comments that suppress nothing, per-file ignores in `galley.toml`, and the baseline round trip.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The concise report of one file, with a configuration file if the folder has one.
fn concise(path: &Path, extra: &[&str]) -> String {
    let out = galley()
        .args([
            "check",
            "--format",
            "concise",
            "--select",
            "real-word-error,repeated-word,unused-suppression",
        ])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

const PROSE: &str = "The principle investigator checked the the ponds.";

#[test]
fn plain_text_bracket_comments() {
    let dir = tempfile::tempdir().unwrap();
    let bare = write(dir.path(), "bare.txt", &format!("Title\n\n{PROSE}\n"));
    let report = concise(&bare, &[]);
    assert!(report.contains("real-word-error") && report.contains("repeated-word"));

    for (comment, expect_real, expect_repeated) in [
        ("[galley-disable-next-line real-word-error]", false, true),
        (
            "[galley-disable-next-line real-word-error, repeated-word]",
            false,
            false,
        ),
        (
            "[galley-disable-next-line real-word-error repeated-word -- quoted from the survey]",
            false,
            false,
        ),
        ("[galley-disable-next-line]", false, false),
        ("[galley-disable-next-line -- a quotation]", false, false),
    ] {
        let file = write(
            dir.path(),
            "paper.txt",
            &format!("Title\n\n{comment}\n{PROSE}\n"),
        );
        let report = concise(&file, &[]);
        assert_eq!(
            report.contains("real-word-error"),
            expect_real,
            "{comment}: {report}"
        );
        assert_eq!(
            report.contains("repeated-word"),
            expect_repeated,
            "{comment}: {report}"
        );
        assert!(
            !report.contains("unused-suppression"),
            "{comment}: {report}"
        );
    }

    // A region runs to its enable; what follows is reported again.
    let file = write(
        dir.path(),
        "paper.txt",
        &format!(
            "Title\n\n[galley-disable real-word-error]\n\n{PROSE}\n\n[galley-enable real-word-error]\n\n{PROSE}\n"
        ),
    );
    let report = concise(&file, &[]);
    assert_eq!(report.matches("real-word-error").count(), 1, "{report}");
    assert!(report.contains("paper.txt:9:"), "{report}");
    assert_eq!(report.matches("repeated-word").count(), 2, "{report}");
}

#[test]
fn markdown_html_comments() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "paper.md",
        &format!(
            "# Title\n\n<!-- galley-disable-next-line real-word-error -- the author's term -->\n{PROSE}\n\n<!-- galley-disable -->\n{PROSE}\n<!-- galley-enable -->\n\n{PROSE}\n"
        ),
    );
    let report = concise(&file, &[]);
    assert_eq!(report.matches("real-word-error").count(), 1, "{report}");
    assert!(report.contains("paper.md:10:"), "{report}");
    assert_eq!(report.matches("repeated-word").count(), 2, "{report}");
}

#[test]
fn jats_xml_comments() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(common::sample("school-cisterns.xml")).unwrap();
    let faulty = sample.replace(
        "      <p>Water for drinking",
        "      <p>The principle investigator wrote this. Water for drinking",
    );
    let file = write(dir.path(), "article.xml", &faulty);
    assert!(concise(&file, &[]).contains("real-word-error"));
    let suppressed = sample.replace(
        "      <p>Water for drinking",
        "      <!-- galley-disable-next-line real-word-error -->\n      <p>The principle investigator wrote this. Water for drinking",
    );
    let file = write(dir.path(), "article.xml", &suppressed);
    let report = concise(&file, &[]);
    assert!(!report.contains("real-word-error"), "{report}");
    assert!(!report.contains("unused-suppression"), "{report}");
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "paper.md",
        "# Title\n\n<!-- galley-disable-next-line real-word-error -- was a typo once -->\nA clean line.\n",
    );
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&file)
        .output()
        .unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains("paper.md:3:1: warning[unused-suppression]: `galley-disable-next-line` for real-word-error suppresses nothing"),
        "{report}"
    );
    assert_eq!(out.status.code(), Some(1));
    // It can be switched off like a rule.
    let out = galley()
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "--ignore",
            "unused-suppression",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        !String::from_utf8(out.stdout)
            .unwrap()
            .contains("unused-suppression")
    );
    // A comment naming only rules that do not run is not blamed.
    let out = galley()
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "--select",
            "repeated-word,unused-suppression",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().is_empty());
}

#[test]
fn per_file_ignores_match_globs_from_the_configuration_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    write(
        dir.path(),
        "galley.toml",
        "[per-file-ignores]\n\"drafts/*.txt\" = [\"real-word-error\"]\n",
    );
    let draft = write(
        &dir.path().join("drafts"),
        "a.txt",
        &format!("Title\n\n{PROSE}\n"),
    );
    let final_ = write(dir.path(), "b.txt", &format!("Title\n\n{PROSE}\n"));
    let report = concise(&draft, &[]);
    assert!(
        !report.contains("real-word-error") && report.contains("repeated-word"),
        "{report}"
    );
    assert!(concise(&final_, &[]).contains("real-word-error"));

    write(
        dir.path(),
        "galley.toml",
        "[per-file-ignores]\n\"drafts/*.txt\" = [\"real-word-eror\"]\n",
    );
    let out = galley().arg("check").arg(&draft).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `real-word-eror`"));
}

#[test]
fn a_baseline_hides_known_findings_even_after_edits_above_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", &format!("Title\n\n{PROSE}\n"));
    let baseline = dir.path().join("baseline.json");
    let out = galley()
        .args(["check", "--isolated", "--write-baseline"])
        .arg(&baseline)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(baseline.is_file());

    let with_baseline = |extra: &[&str]| {
        galley()
            .args(["check", "--isolated", "--format", "concise", "--baseline"])
            .arg(&baseline)
            .args(extra)
            .arg(&file)
            .output()
            .unwrap()
    };
    let out = with_baseline(&[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Lines added above move the findings; the baseline still holds them.
    write(
        dir.path(),
        "paper.txt",
        &format!("Title\n\nA new first paragraph.\n\nAnd a second one.\n\n{PROSE}\n"),
    );
    let out = with_baseline(&[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // A new mistake is reported.
    write(
        dir.path(),
        "paper.txt",
        &format!("Title\n\n{PROSE}\n\nThe results are higher then expected.\n"),
    );
    let out = with_baseline(&[]);
    let report = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(report.lines().count(), 1, "{report}");
    assert!(report.contains("“then”"), "{report}");
}

/// A .docx holding these paragraphs.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    use std::io::Write;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!("<w:document {w}><w:body>{body}</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn word_bracket_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.docx");
    std::fs::write(&path, docx(&["Title", PROSE])).unwrap();
    assert!(concise(&path, &["--isolated"]).contains("real-word-error"));
    std::fs::write(
        &path,
        docx(&[
            "Title",
            "[galley-disable-next-line real-word-error -- the author's term]",
            PROSE,
        ]),
    )
    .unwrap();
    let report = concise(&path, &["--isolated"]);
    assert!(!report.contains("real-word-error"), "{report}");
    assert!(report.contains("repeated-word"), "{report}");
    assert!(!report.contains("unused-suppression"), "{report}");
}
