//! Reporters: diagnostics in, text out. One file per output format; none of them re-reads or
//! re-parses a manuscript.

pub mod concise;
mod excerpt;
pub mod human;
pub mod json;
pub mod outline;

use std::ops::Range;

use crate::diagnostic::{Diagnostic, Severity};
use crate::position::{LineIndex, Position};
use crate::source::FilePart;

/// What was found in one file, or why it could not be read.
pub struct FileReport {
    pub name: String,
    /// The text spans index into (empty when the file could not be read).
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<String>,
    /// The files `text` is made of (a LaTeX document and what it includes); empty or one part
    /// for a single file.
    pub parts: Vec<FilePart>,
}

/// One file of a report's text, indexed for lines.
pub struct PartSource<'a> {
    pub name: &'a str,
    /// The file's own text.
    pub text: &'a str,
    pub index: LineIndex,
}

/// The files of one report: every reporter turns a span of the report's text into a file name and
/// a span local to that file through [`Sources::locate`], so a diagnostic in an included file or
/// a .bib names that file and its own line.
pub struct Sources<'a> {
    parts: Vec<PartSource<'a>>,
    ranges: Vec<FilePart>,
}

impl<'a> Sources<'a> {
    /// The files of `text` as `parts` describe them; no parts is one file called `name`.
    pub fn new(name: &'a str, text: &'a str, parts: &'a [FilePart]) -> Self {
        if parts.len() <= 1 {
            return Self {
                parts: vec![PartSource {
                    name,
                    text,
                    index: LineIndex::new(text),
                }],
                ranges: FilePart::single(name, text),
            };
        }
        let sources = parts
            .iter()
            .map(|part| {
                let start = part.range.start.min(text.len());
                let end = part.range.end.clamp(start, text.len());
                let own = text.get(start..end).unwrap_or("");
                PartSource {
                    name: part.name.as_str(),
                    text: own,
                    index: LineIndex::new(own),
                }
            })
            .collect();
        Self {
            parts: sources,
            ranges: parts.to_vec(),
        }
    }

    /// The sources of a report.
    pub fn of(report: &'a FileReport) -> Self {
        Self::new(&report.name, &report.text, &report.parts)
    }

    /// The part `span` falls in (by its start), its index, and the span local to that part.
    pub fn locate(&self, span: &Range<usize>) -> (usize, &PartSource<'a>, Range<usize>) {
        let (index, local) = FilePart::locate_span(&self.ranges, span);
        let index = index.min(self.parts.len() - 1);
        (index, &self.parts[index], local)
    }

    /// File name and local line and column of both ends of `span`.
    pub fn position(&self, span: &Range<usize>) -> (&'a str, Position, Position) {
        let (_, part, local) = self.locate(span);
        let (start, end) = part.index.range(part.text, &local);
        (part.name, start, end)
    }

    /// All parts, in order.
    pub fn parts(&self) -> &[PartSource<'a>] {
        &self.parts
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> (String, Vec<FilePart>) {
        let main = "line one\n\\input{b}\n";
        let included = "first\nsecond é line\n";
        let text = format!("{main}\n{included}");
        let parts = vec![
            FilePart {
                name: "main.tex".into(),
                range: 0..main.len(),
                anchor: None,
            },
            FilePart {
                name: "b.tex".into(),
                range: main.len() + 1..text.len(),
                anchor: Some(9),
            },
        ];
        (text, parts)
    }

    #[test]
    fn a_span_in_an_included_file_is_shown_under_its_name_and_line() {
        let (text, parts) = parts();
        let sources = Sources::new("main.tex", &text, &parts);
        let at = text.rfind("line").unwrap();
        let (name, start, end) = sources.position(&(at..at + 4));
        assert_eq!(name, "b.tex");
        assert_eq!(
            start,
            Position {
                line: 2,
                column: 10
            }
        );
        assert_eq!(
            end,
            Position {
                line: 2,
                column: 14
            }
        );
        let (index, part, local) = sources.locate(&(at..at + 4));
        assert_eq!((index, &part.text[local]), (1, "line"));
    }

    #[test]
    fn spans_in_the_main_file_and_single_files_are_unchanged() {
        let (text, parts) = parts();
        let sources = Sources::new("main.tex", &text, &parts);
        assert_eq!(
            sources.position(&(5..8)),
            (
                "main.tex",
                Position { line: 1, column: 6 },
                Position { line: 1, column: 9 }
            )
        );
        let single = Sources::new("a.txt", "ab\ncd", &[]);
        assert_eq!(single.position(&(3..4)).1, Position { line: 2, column: 1 });
        // A span past the end, or across two parts, stays inside the part it starts in.
        let end = text.len();
        let (name, start, _) = sources.position(&(end..end + 3));
        assert_eq!((name, start.line), ("b.tex", 3));
        let (_, part, local) = sources.locate(&(2..end));
        assert_eq!(part.name, "main.tex");
        assert!(local.end <= part.text.len());
    }
}
