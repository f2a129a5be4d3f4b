//! Reporters: diagnostics in, text out. One file per output format; none of them re-reads or
//! re-parses a manuscript.

pub mod concise;
mod excerpt;
pub mod human;
pub mod json;
pub mod outline;

use crate::diagnostic::{Diagnostic, Severity};

/// What was found in one file, or why it could not be read.
pub struct FileReport {
    pub name: String,
    /// The text spans index into (empty when the file could not be read).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<String>,
}

/// Counts for the summary line and the JSON summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub unreadable: usize,
}

impl Summary {
    /// Counts over all reports.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.unreadable += usize::from(report.error.is_some());
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }

    /// "2 errors, 5 warnings, 1 info in 3 files".
    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let mut line = format!(
            "{}, {}, {} in {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
            plural(self.files, "file")
        );
        if self.unreadable > 0 {
            line.push_str(&format!(" ({} could not be read)", self.unreadable));
        }
        line
    }
}
