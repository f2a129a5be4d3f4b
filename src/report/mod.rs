//! Reporters: diagnostics in, text out. One file per output format, all behind [`Reporter`];
//! none of them re-reads or re-parses a manuscript, and none decides the exit code. A report is
//! written file by file, in the order of the files, so that a run need not keep every file's text
//! until the end.

pub mod concise;
mod excerpt;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod outline;
mod pretty;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};
use std::ops::Range;

use crate::cli::OutputFormat;
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
    /// The desk summary (title, lengths, statements), computed only for the reports that show
    /// it (HTML, JSON Lines).
    pub summary: Option<Box<crate::desk::Summary>>,
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

/// What reporters know of the whole run besides its files.
pub struct Run<'a> {
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

/// An output format. A report is written as the files come, in their order: [`Reporter::start`],
/// [`Reporter::file`] for each file, then [`Reporter::finish`]. A reporter keeps no file's text:
/// what it needs of the whole run (counts, rules seen) it gathers as the files pass.
pub trait Reporter {
    /// Writes what comes before the first file.
    fn start(&mut self, _run: &Run<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// Writes (or keeps aside, when it must come after something not known yet) one file's part.
    fn file(&mut self, run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()>;

    /// Writes the rest of the report, once every file has passed.
    fn finish(&mut self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()>;

    /// Whether files that could not be read are part of the report; when not, the caller
    /// prints them on standard error.
    fn includes_errors(&self) -> bool {
        true
    }
}

/// The reporter for a `--format`.
pub fn reporter(format: OutputFormat) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human::default()),
        OutputFormat::Concise => Box::new(concise::Concise),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Sarif => Box::new(sarif::Sarif::default()),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Junit => Box::new(junit::Junit::default()),
        OutputFormat::Html => Box::new(html::Html::default()),
        OutputFormat::Jsonl => Box::new(jsonl::Jsonl),
    }
}

/// A whole report of `reports` as one string (for tests and benchmarks; a check writes its report
/// as it goes).
pub fn render(reporter: &mut dyn Reporter, run: &Run<'_>, reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    let written = (|| {
        reporter.start(run, &mut out)?;
        for report in reports {
            reporter.file(run, report, &mut out)?;
        }
        reporter.finish(run, &mut out)
    })();
    written.expect("writing to memory does not fail");
    String::from_utf8(out).expect("reports are UTF-8")
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
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        self.unreadable += usize::from(report.error.is_some());
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
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
