//! The new input formats end to end: the outline galley shows for the Word, JATS and legacy
//! encoded samples, standard input, and hostile files that must fail cleanly with exit code 2
//! while the other files are still checked.

mod common;

use std::io::Write;

use assert_cmd::Command;
use serde_json::Value;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command
}

fn outline(name: &str) -> Value {
    let out = galley()
        .args(["outline", "--format", "json"])
        .arg(common::sample(name))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn texts<'a>(values: &'a Value, key: &str) -> Vec<&'a str> {
    values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v[key].as_str().unwrap())
        .collect()
}

/// A zip archive holding these parts, as a .docx.
fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (path, bytes) in parts {
        zip.start_file(*path, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A .docx whose one part expands from a few hundred kilobytes to 65 MiB of spaces.
fn zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..65 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn word_sample_outline() {
    let value = outline("garden-soil.docx");
    assert_eq!(value["format"], "Word");
    assert_eq!(
        value["title"]["text"],
        "Soil Moisture and Mulch in Community Gardens"
    );
    assert_eq!(value["title"]["line"], 1);
    let abstracts = value["abstracts"].as_array().unwrap();
    assert_eq!(abstracts.len(), 1);
    assert_eq!(abstracts[0]["language"], "en");
    assert_eq!(abstracts[0]["words"], 198);
    assert_eq!(abstracts[0]["heading"], "Abstract");
    let keywords = value["keywords"].as_array().unwrap();
    assert_eq!(keywords.len(), 1);
    assert_eq!(
        keywords[0]["items"],
        serde_json::json!([
            "community gardens",
            "mulch",
            "soil moisture",
            "raised beds",
            "urban agriculture"
        ])
    );
    assert_eq!(
        texts(&value["headings"], "text"),
        ["Introduction", "Methods", "Results", "Discussion"]
    );
    assert_eq!(value["reference_heading"]["text"], "References");
    let references = texts(&value["references"], "text");
    assert_eq!(references.len(), 2);
    assert!(references[0].starts_with("Lindqvist, M. and Baptiste, R. (2021)."));
    assert!(value["trailing"].as_array().unwrap().is_empty());
}

#[test]
fn jats_sample_outline() {
    let value = outline("school-cisterns.xml");
    assert_eq!(value["format"], "JATS XML");
    assert_eq!(
        value["title"]["text"],
        "Rainwater Cisterns and School Attendance in a Semi-Arid Region"
    );
    assert_eq!(value["title"]["line"], 15);
    let abstracts: Vec<(&str, u64)> = value["abstracts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["language"].as_str().unwrap(),
                a["words"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(abstracts, [("en", 195), ("pt", 204)]);
    let keywords: Vec<(&str, usize)> = value["keywords"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["language"].as_str().unwrap(),
                k["items"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(keywords, [("en", 4), ("pt", 4)]);
    assert_eq!(
        value["keywords"][1]["items"][0],
        "captação de água de chuva"
    );
    let headings: Vec<(&str, u64)> = value["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["text"].as_str().unwrap(), h["level"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        headings,
        [
            ("Introduction", 1),
            ("Methods", 1),
            ("Schools and cisterns", 2),
            ("Registers", 2),
            ("Results", 1),
            ("Discussion", 1),
            ("Acknowledgements", 1),
        ]
    );
    assert_eq!(value["reference_heading"]["text"], "References");
    let references = texts(&value["references"], "text");
    assert_eq!(
        references,
        [
            "Araújo, L. (2018). Household cisterns and the daily work of water. Journal of Dryland Studies, 9(1), 12–29.",
            "Lima, P., & Ortega, S. (2020). Late water trucks and closed classrooms. Rural Schooling, 15, 201–215.",
            "Nkemelu, A. (2022). Storing the rain: cisterns in three dry regions. Lisbon: Horizonte.",
        ]
    );
}

#[test]
fn jats_sample_has_no_findings_on_markup() {
    galley()
        .args([
            "check",
            "--isolated",
            "--format",
            "concise",
            "--fail-on",
            "info",
        ])
        .arg(common::sample("school-cisterns.xml"))
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn legacy_encoded_sample_is_read_and_noted_once() {
    let value = outline("hedgerows-latin1.txt");
    assert_eq!(
        value["title"]["text"],
        "Les haies champêtres et les oiseaux d'hiver en Bretagne"
    );
    assert_eq!(value["abstracts"][0]["language"], "fr");
    assert_eq!(value["abstracts"][0]["heading"], "Résumé");
    assert_eq!(value["keywords"][0]["items"][1], "oiseaux hivernants");
    assert_eq!(
        texts(&value["headings"], "text"),
        ["Introduction", "Méthodes"]
    );
    assert_eq!(value["references"].as_array().unwrap().len(), 2);

    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(common::sample("hedgerows-latin1.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let notes: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("file-encoding"))
        .collect();
    assert_eq!(notes.len(), 1, "{text}");
    assert!(
        notes[0].ends_with(
            "hedgerows-latin1.txt:1:1: info[file-encoding]: file is not UTF-8: decoded as windows-1252 (Western European)"
        ),
        "{text}"
    );
}

#[test]
fn turkish_legacy_text_is_decoded_as_windows_1254() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ozet.txt");
    // "Özet\n\nBu çalışma küçük göllerde ışığı ölçer." in Windows-1254.
    std::fs::write(
        &path,
        b"\xD6zet\n\nBu \xE7al\xFD\xFEma k\xFC\xE7\xFCk g\xF6llerde \xFD\xFE\xFD\xF0\xFD \xF6l\xE7er.\n",
    )
    .unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes: Vec<&Value> = value["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "file-encoding")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["severity"], "info");
    assert!(
        notes[0]["message"]
            .as_str()
            .unwrap()
            .contains("windows-1254")
    );
}

#[test]
fn standard_input_is_read_with_the_reader_its_name_picks() {
    let markdown = std::fs::read(common::sample("clean-manuscript.md")).unwrap();
    galley()
        .args(["check", "--isolated", "-", "--stdin-filename", "paper.md"])
        .write_stdin(markdown)
        .assert()
        .code(0);
    let jats = std::fs::read(common::sample("school-cisterns.xml")).unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "json", "-"])
        .args(["--stdin-filename", "paper.xml"])
        .write_stdin(jats)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["summary"]["files"], 1);
    assert!(value["errors"].as_array().unwrap().is_empty(), "{value}");
    let docx = std::fs::read(common::sample("garden-soil.docx")).unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "concise", "-"])
        .args(["--stdin-filename", "paper.docx"])
        .write_stdin(docx)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("paper.docx:10:153: warning[real-word-error]")),
        "{text}"
    );
    let jats = std::fs::read(common::sample("school-cisterns.xml")).unwrap();
    let out = galley()
        .args([
            "outline",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "a.jats",
        ])
        .write_stdin(jats)
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["path"], "a.jats");
    assert_eq!(value["abstracts"][1]["language"], "pt");
    // Without a name, standard input is plain text and is called <stdin>.
    let out = galley()
        .args(["check", "--isolated", "--format", "concise", "-"])
        .write_stdin("A Study of Ponds\n\nAbstract\n\nSmall ponds hold many species, and this short abstract says so in few words.\n\nKeywords: ponds, algae, light\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("<stdin>:3:1: warning[abstract-length]"),
        "{text}"
    );
}

#[test]
fn hostile_files_fail_cleanly_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let cases = [
        (write("bomb.docx", &zip_bomb()), "64 MiB"),
        (
            write("text.docx", b"This is plain text with a .docx name."),
            "not a readable zip archive",
        ),
        (
            write(
                "laughs.xml",
                br#"<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><article><body><p>&b;</p></body></article>"#,
            ),
            "declares its own entities",
        ),
        (
            write(
                "deep.xml",
                format!(
                    "<article><body>{}{}</body></article>",
                    "<sec>".repeat(10_000),
                    "</sec>".repeat(10_000)
                )
                .as_bytes(),
            ),
            "nested more than 1000 levels",
        ),
        (write("binary.txt", b"abc\0\x01\x02"), "NUL bytes"),
    ];
    let good = write(
        "good.md",
        &std::fs::read(common::sample("clean-manuscript.md")).unwrap(),
    );
    for (path, expected) in &cases {
        let out = galley()
            .args(["check", "--isolated", "--format", "json"])
            .arg(path)
            .arg(&good)
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        let errors = value["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{value}");
        let message = errors[0].to_string();
        assert!(message.contains(expected), "{}: {message}", path.display());
        assert_eq!(value["summary"]["files"], 2);
    }
}

#[test]
fn tracked_changes_in_a_docx_are_noted_once() {
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let document = format!(
        r#"<w:document {w}><w:body><w:p><w:r><w:t xml:space="preserve">The samples </w:t></w:r><w:del w:id="1"><w:r><w:delText>was</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>were</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> dried.</w:t></w:r></w:p><w:p><w:ins w:id="3"><w:r><w:t>A second change.</w:t></w:r></w:ins></w:p></w:body></w:document>"#
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("changes.docx");
    std::fs::write(&path, docx(&[("word/document.xml", document.as_bytes())])).unwrap();
    let out = galley()
        .args(["check", "--isolated", "--format", "concise"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    assert!(lines[0].ends_with("changes.docx:1:1: info[tracked-changes]: this file still has tracked changes; checked as if they were accepted"), "{text}");
}

/// Truncated and corrupted copies of the samples: every one is read or refused, none panics.
#[test]
fn damaged_samples_never_panic() {
    use galley::source::{Format, read_bytes};
    let jats = std::fs::read(common::sample("school-cisterns.xml")).unwrap();
    for end in (0..jats.len()).step_by(13) {
        let _ = read_bytes("cut.xml", Format::Jats, &jats[..end]);
    }
    let docx = std::fs::read(common::sample("garden-soil.docx")).unwrap();
    for end in (0..docx.len()).step_by(211) {
        let _ = read_bytes("cut.docx", Format::Docx, &docx[..end]);
    }
    let mut state = 0x2545_f491_u32;
    for _ in 0..300 {
        let mut damaged = docx.clone();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = state as usize % damaged.len();
            damaged[at] = (state >> 8) as u8;
        }
        let _ = read_bytes("damaged.docx", Format::Docx, &damaged);
        let mut xml = jats.clone();
        let at = state as usize % xml.len();
        xml[at] = b"<>&;\"/ \xC3"[(state % 8) as usize];
        let _ = read_bytes("damaged.xml", Format::Jats, &xml);
    }
}
