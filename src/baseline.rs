//! Baselines: the findings a project has accepted for now, so that a check reports only new ones.
//!
//! `galley check --write-baseline FILE` records every finding as its path, rule, the text it
//! flags and a little text on each side on the same line; `--baseline FILE` drops the findings that match an entry.
//! Line numbers are not recorded, so an edit above a finding does not bring it back; a finding
//! matches one entry at most, so a second copy of the same mistake is new.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::report::FileReport;

/// Characters of context kept on each side of the flagged text.
const CONTEXT: usize = 24;
/// Characters of flagged text kept.
const MAX_TEXT: usize = 160;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    /// The flagged text, white space collapsed.
    pub text: String,
    /// The text before and after it, white space collapsed.
    pub before: String,
    pub after: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clamp(text: &str, offset: usize) -> usize {
    crate::position::floor_char_boundary(text, offset)
}

/// The entry a finding would have.
pub fn entry(path: &str, text: &str, d: &Diagnostic) -> Entry {
    let start = clamp(text, d.span.start);
    let end = clamp(text, d.span.end).max(start);
    let flagged: String = collapse(&text[start..end]).chars().take(MAX_TEXT).collect();
    // Context stays on the finding's own line: what changes on other lines must not matter. It
    // is read outwards from the finding, never from the line's ends, so a long line costs nothing.
    let before: String = {
        let chars: Vec<char> = text[..start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .take(CONTEXT)
            .collect();
        collapse(&chars.into_iter().rev().collect::<String>())
    };
    let after = collapse(
        &text[end..]
            .chars()
            .take_while(|&c| c != '\n')
            .take(CONTEXT)
            .collect::<String>(),
    );
    Entry {
        path: path.replace('\\', "/"),
        rule: d.rule.clone(),
        text: flagged,
        before,
        after,
    }
}

/// The entries of every finding of a report.
pub fn entries(report: &FileReport) -> impl Iterator<Item = Entry> + '_ {
    report
        .diagnostics
        .iter()
        .map(|d| entry(&report.name, &report.text, d))
}

/// Writes `findings` to `path`; returns how many.
pub fn write(path: &Path, findings: Vec<Entry>) -> Result<usize, String> {
    let count = findings.len();
    let mut text = serde_json::to_string_pretty(&File {
        version: 1,
        findings,
    })
    .map_err(|e| e.to_string())?;
    text.push('\n');
    std::fs::write(path, text)
        .map_err(|e| format!("cannot write the baseline `{}`: {e}", path.display()))?;
    Ok(count)
}

/// A loaded baseline.
pub struct Baseline {
    counts: HashMap<Entry, usize>,
}

impl Baseline {
    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline `{}`: {e}", path.display()))?;
        let file: File = serde_json::from_str(&text)
            .map_err(|e| format!("`{}` is not a galley baseline: {e}", path.display()))?;
        if file.version != 1 {
            return Err(format!(
                "`{}` is a baseline of version {}; this galley reads version 1",
                path.display(),
                file.version
            ));
        }
        let mut counts = HashMap::new();
        for entry in file.findings {
            *counts.entry(entry).or_default() += 1;
        }
        Ok(Baseline { counts })
    }

    /// Removes the findings the baseline holds; returns how many were removed.
    pub fn filter(&mut self, reports: &mut [FileReport]) -> usize {
        let mut removed = 0;
        for report in reports {
            let (name, text) = (&report.name, &report.text);
            report.diagnostics.retain(|d| {
                let key = entry(name, text, d);
                match self.counts.get_mut(&key) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        removed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        removed
    }
}
