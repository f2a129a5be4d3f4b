//! Reporters: diagnostics in, text out. One file per output format, all behind [`Reporter`];
//! none of them re-reads or re-parses a manuscript, and none decides the exit code.

pub mod concise;
mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod outline;
pub mod sarif;
pub mod statistics;

use crate::cli::OutputFormat;
use crate::diagnostic::{Diagnostic, Severity};

/// What was found in one file, or why it could not be read.
pub struct FileReport {
    pub name: String,
    /// The text spans index into (empty when the file could not be read).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<String>,
}

/// What a reporter may say about a rule (SARIF's rule metadata, the statistics table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMeta {
    pub id: String,
    pub summary: String,
    pub explanation: String,
    pub help: Option<String>,
    pub severity: Severity,
    pub fixable: bool,
}

/// One run, as reporters see it.
pub struct Run<'a> {
    pub reports: &'a [FileReport],
    /// Every rule known to the run, sorted by id (findings of ids not listed here, such as
    /// `file-encoding`, are described by [`builtin_meta`]).
    pub rules: &'a [RuleMeta],
    /// Whether the output may be coloured (only the human format uses it).
    pub color: bool,
}

impl Run<'_> {
    /// The metadata of `id`, from the run's rules or the ids that name no rule file.
    pub fn meta(&self, id: &str) -> Option<RuleMeta> {
        self.rules
            .iter()
            .find(|r| r.id == id)
            .cloned()
            .or_else(|| builtin_meta(id))
    }
}

/// Ids reported by galley itself rather than by a rule file.
pub const BUILTIN_IDS: &[(&str, &str, Severity)] = &[
    (
        "file-encoding",
        "a file that is not Unicode, decoded from a legacy encoding",
        Severity::Info,
    ),
    (
        "file-format",
        "something in the file the reader could not take as it stands (front matter that is not YAML)",
        Severity::Warning,
    ),
    (
        "tracked-changes",
        "a Word document with tracked changes, checked as if they were accepted",
        Severity::Info,
    ),
    (
        "unused-suppression",
        "a galley-disable comment that suppresses nothing",
        Severity::Warning,
    ),
];

/// Metadata for an id in [`BUILTIN_IDS`].
pub fn builtin_meta(id: &str) -> Option<RuleMeta> {
    BUILTIN_IDS
        .iter()
        .find(|(known, _, _)| *known == id)
        .map(|(id, summary, severity)| RuleMeta {
            id: id.to_string(),
            summary: summary.to_string(),
            explanation: summary.to_string(),
            help: None,
            severity: *severity,
            fixable: false,
        })
}

/// An output format.
pub trait Reporter {
    /// The whole report of a run.
    fn render(&self, run: &Run<'_>) -> String;

    /// Whether files that could not be read are part of the report; when not, the caller
    /// prints them on standard error.
    fn includes_errors(&self) -> bool {
        true
    }
}

/// The reporter for a `--format`.
pub fn reporter(format: OutputFormat) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Sarif => Box::new(sarif::Sarif),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Junit => Box::new(junit::Junit),
    }
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

/// "1 file", "2 files".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
