//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::PathBuf;

/// The shared reference corpus (`../shared/corpus/` next to the repository), or `None` when it is
/// absent outside CI. In CI (the `CI` variable set) a missing corpus is a failure, not a skip.
pub fn corpus_file(name: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if path.is_file() {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the shared corpus file {} is missing, and CI is set",
            path.display()
        );
    }
    eprintln!(
        "note: {} is absent; skipping the corpus test",
        path.display()
    );
    None
}

/// The path of the test fixture `name` in `tests/fixtures/<folder>/`.
pub fn fixture(folder: &str, name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder)
        .join(name)
}

/// The galley binary, with `NO_COLOR` unset so that the tests see what a user sees, and no
/// Hunspell dictionaries (`DICPATH` empty) so that reports do not depend on what the machine has
/// installed.
pub fn galley() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("galley").expect("binary builds");
    command.env_remove("NO_COLOR").env("DICPATH", "");
    command
}

/// The path of a bundled sample.
pub fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}
