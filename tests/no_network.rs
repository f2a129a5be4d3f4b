//! galley never touches the network: a full check of every bundled sample (all five formats,
//! LaTeX includes and a .bib among them) runs under `strace -f -e trace=network`, and no socket
//! is opened or connected.
//!
//! strace is not installed by this test. Without it the test is skipped with a note, unless the
//! `CI` variable is set: then a missing strace is a failure (`.ci/run` installs it).

use std::process::Command;

#[test]
fn a_full_check_makes_no_network_calls() {
    let available = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "strace is missing, and CI is set"
        );
        eprintln!("note: strace is not installed; skipping the no-network test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let trace = dir.path().join("trace");
    let out = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network", "-o"])
        .arg(&trace)
        .arg(env!("CARGO_BIN_EXE_galley"))
        .args(["check", "--isolated", "--format", "json", "samples/"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "galley under strace should report the faulty samples: {stderr}"
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(value["summary"]["files"].as_u64().unwrap() >= 5, "{value}");
    let calls = std::fs::read_to_string(&trace).unwrap();
    let network: Vec<&str> = calls
        .lines()
        .filter(|line| !line.contains("+++ exited") && !line.trim().is_empty())
        .collect();
    assert!(
        network.is_empty(),
        "network system calls during a check:\n{}",
        network.join("\n")
    );
}
