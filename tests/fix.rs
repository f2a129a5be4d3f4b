//! `--fix`, `--unsafe-fixes` and `--diff`: which fixes apply, that a second run changes nothing,
//! that files keep their encoding, line endings and permissions, and that galley refuses to
//! write a file that changed under it or cannot be written, losing nothing.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn galley() -> Command {
    let mut command = Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR");
    command
}

/// Prose with safe findings (a space before a full stop, doubled spaces) and unsafe ones (a
/// confusable word, a repeated word), and a code span whose doubled space is not prose.
const FAULTY: &str = "A Study of Ponds\n\nThe principle investigator measured the ponds .  It was  fine, and the the ponds dried.\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn fix(path: &Path, extra: &[&str]) -> std::process::Output {
    galley()
        .args(["check", "--isolated", "--format", "concise"])
        .args(extra)
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn fix_applies_safe_fixes_only_and_unsafe_fixes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    let out = fix(&file, &["--fix"]);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("the ponds. It was fine"), "{after}");
    assert!(after.contains("principle investigator") && after.contains("the the"));
    // What remains is reported, and it is the unsafe findings.
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains("real-word-error") && report.contains("repeated-word"));
    assert!(!report.contains("doubled-space"), "{report}");
    assert_eq!(out.status.code(), Some(1));

    fix(&file, &["--unsafe-fixes"]);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("The principal investigator") && after.contains("and the ponds"));
}

#[test]
fn a_second_fix_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.md", FAULTY.as_bytes());
    fix(&file, &["--unsafe-fixes"]);
    let once = std::fs::read(&file).unwrap();
    let out = fix(&file, &["--unsafe-fixes"]);
    assert_eq!(std::fs::read(&file).unwrap(), once);
    assert!(String::from_utf8_lossy(&out.stderr).contains("applied 0 fixes in 0 files"));
}

#[test]
fn diff_prints_the_changes_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    let out = fix(&file, &["--diff"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FAULTY);
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains("--- a/") && diff.contains("+++ b/"), "{diff}");
    assert!(diff.contains("+The principle investigator measured the ponds. It was fine"));
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn markup_code_and_math_are_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# A Study of Ponds\n\nCode `a  b .` and math $x  .$ stay, prose  goes .\n";
    let file = write(dir.path(), "paper.md", text.as_bytes());
    fix(&file, &["--unsafe-fixes"]);
    let after = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        after,
        "# A Study of Ponds\n\nCode `a  b .` and math $x  .$ stay, prose goes.\n"
    );
}

#[test]
fn crlf_line_endings_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = FAULTY.replace('\n', "\r\n");
    let file = write(dir.path(), "paper.txt", crlf.as_bytes());
    fix(&file, &["--fix"]);
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("the ponds. It was fine"));
    assert_eq!(after.matches("\r\n").count(), crlf.matches("\r\n").count());
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
}

#[test]
fn utf16_and_bom_files_keep_their_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(FAULTY.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let file = write(dir.path(), "utf16.txt", &utf16);
    fix(&file, &["--fix"]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(&bytes[..2], &[0xFF, 0xFE]);
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|p| u16::from_le_bytes([p[0], p[1]]))
        .collect();
    let text = String::from_utf16(&units).unwrap();
    assert!(text.contains("the ponds. It was fine"), "{text}");

    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(FAULTY.as_bytes())
        .copied()
        .collect();
    let file = write(dir.path(), "bom.txt", &bom);
    fix(&file, &["--fix"]);
    let bytes = std::fs::read(&file).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(String::from_utf8_lossy(&bytes).contains("the ponds. It was fine"));
}

#[test]
fn a_legacy_encoded_file_is_written_back_in_its_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = FAULTY
        .replace("Study", "Étude")
        .replace("fine", "très bien");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1);
    let file = write(dir.path(), "paper.txt", &bytes);
    fix(&file, &["--fix"]);
    let after = std::fs::read(&file).unwrap();
    assert!(std::str::from_utf8(&after).is_err(), "still windows-1252");
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&after);
    assert!(text.contains("the ponds. It was très bien"), "{text}");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    fix(&file, &["--fix"]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("ponds. It")
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_read_only_file_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).unwrap();
    let out = fix(&file, &["--fix"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("read-only"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FAULTY);
    // What the file still holds is reported.
    assert!(String::from_utf8_lossy(&out.stdout).contains("space-before-punctuation"));
}

#[test]
fn a_file_changed_between_read_and_write_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    let rules = galley::rules::RuleSet::build(&galley::config::Settings::default()).unwrap();
    let lint = |text: String| {
        let document = galley::source::read_text("paper.txt", galley::source::Format::Text, text)
            .map_err(|e| e.message)?;
        galley::app::analyse(document, &rules, None)
    };
    let plan = galley::fix::plan(
        &file,
        galley::source::Format::Text,
        galley::fix::FixMode::Safe,
        &lint,
    )
    .unwrap();
    assert!(plan.changed() && plan.applied >= 3);
    // Someone saves the file while galley is fixing it.
    std::fs::write(&file, "edited elsewhere\n").unwrap();
    let error = galley::fix::write(&plan).unwrap_err();
    assert!(error.contains("changed since"), "{error}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "edited elsewhere\n"
    );
}

#[test]
fn word_files_are_not_rewritten_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(common::sample("garden-soil.docx")).unwrap();
    let file = write(dir.path(), "paper.docx", &bytes);
    let out = fix(&file, &["--unsafe-fixes"]);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not rewrite Word files"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("real-word-error"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_keeps_pointing_at_the_fixed_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = write(dir.path(), "real.txt", FAULTY.as_bytes());
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    fix(&link, &["--fix"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("ponds. It was fine")
    );
}

#[test]
fn an_unreadable_file_is_reported_once_under_fix() {
    let dir = tempfile::tempdir().unwrap();
    let binary = write(dir.path(), "b.txt", b"\x00binary");
    let out = fix(&binary, &["--fix"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("NUL").count(), 1, "{stderr}");
}

#[test]
fn fixing_the_samples_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    copy_tree(&samples, dir.path());
    let run = || {
        galley()
            .args([
                "check",
                "--isolated",
                "--unsafe-fixes",
                "--format",
                "concise",
            ])
            .arg(dir.path())
            .output()
            .unwrap()
    };
    let first = run();
    assert!(String::from_utf8_lossy(&first.stderr).contains("galley: applied"));
    let snapshot = read_tree(dir.path());
    let second = run();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("applied 0 fixes in 0 files"), "{stderr}");
    let again = read_tree(dir.path());
    assert_eq!(snapshot, again);
    // What remained after the first run is what the second reports.
    assert_eq!(first.stdout, second.stdout);
}

/// Copies a folder and its subfolders (the LaTeX sample has one).
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Every file under a folder with its bytes, in a stable order.
fn read_tree(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(read_tree(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Plans the safe fixes of `file` in this process, as `galley check --fix` does.
fn plan_safe_fixes(file: &Path) -> galley::fix::Plan {
    let rules = galley::rules::RuleSet::build(&galley::config::Settings::default()).unwrap();
    let lint = |text: String| {
        let document = galley::source::read_text("paper.txt", galley::source::Format::Text, text)
            .map_err(|e| e.message)?;
        galley::app::analyse(document, &rules, None)
    };
    galley::fix::plan(
        file,
        galley::source::Format::Text,
        galley::fix::FixMode::Safe,
        &lint,
    )
    .unwrap()
}

/// The temporary file cannot be created (its name is taken: the write fails before a byte of the
/// fixed text is on disk): the original is intact, and what held the name is left alone.
#[test]
fn a_failed_write_leaves_the_original_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "paper.txt", FAULTY.as_bytes());
    let plan = plan_safe_fixes(&file);
    assert!(plan.changed());
    let real = std::fs::canonicalize(&file).unwrap();
    let taken = real
        .parent()
        .unwrap()
        .join(format!(".paper.txt.galley-{}.tmp", std::process::id()));
    std::fs::write(&taken, "someone else's file\n").unwrap();
    let error = galley::fix::write(&plan).unwrap_err();
    assert!(error.contains("cannot write the fixed file"), "{error}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), FAULTY);
    assert_eq!(
        std::fs::read_to_string(&taken).unwrap(),
        "someone else's file\n"
    );
}

/// Through the binary: the folder becomes read-only, so no temporary file can be created there.
/// Skipped where permissions do not bind (running as root).
#[cfg(unix)]
#[test]
fn a_read_only_folder_fails_the_fix_and_keeps_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let file = write(&folder, "paper.txt", FAULTY.as_bytes());
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let binding = std::fs::write(folder.join("probe"), "").is_err();
    if binding {
        let out = fix(&file, &["--fix"]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("cannot write the fixed file"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), FAULTY);
        assert!(String::from_utf8_lossy(&out.stdout).contains("space-before-punctuation"));
    } else {
        eprintln!("note: permissions do not bind here (root?); skipping the read-only folder case");
    }
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}
