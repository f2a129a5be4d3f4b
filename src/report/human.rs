//! The human format: rustc-style diagnostics through codespan-reporting, with the source line, the
//! underline, secondary labels, notes and `help:`.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::excerpt::{Excerpt, Excerpts};
use super::{FileReport, Reporter, Run, Sources, Summary};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};

fn severity(severity: Severity) -> CsSeverity {
    match severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn buffer(color: bool) -> Buffer {
    if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    }
}

/// The human reporter: every file's diagnostics, then the summary line. Unreadable files go to
/// standard error.
#[derive(Default)]
pub struct Human {
    summary: Summary,
}

impl Reporter for Human {
    fn file(&mut self, run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.summary.add(report);
        if report.error.is_some() {
            return Ok(());
        }
        out.write_all(render_file(report, run.color).as_bytes())
    }

    fn finish(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{}", self.summary.line())
    }

    fn includes_errors(&self) -> bool {
        false
    }
}

/// Renders all diagnostics of one file.
pub fn render_file(report: &FileReport, color: bool) -> String {
    let sources = Sources::of(report);
    let config = Config::default();
    let mut out = buffer(color);
    for d in &report.diagnostics {
        // Each span in the file it falls in: one excerpt per file the diagnostic touches.
        let located: Vec<(usize, std::ops::Range<usize>)> = std::iter::once(&d.span)
            .chain(d.secondary.iter().map(|l| &l.span))
            .map(|span| {
                let (part, _, local) = sources.locate(span);
                (part, local)
            })
            .collect();
        let mut used: Vec<usize> = located.iter().map(|(part, _)| *part).collect();
        used.sort_unstable();
        used.dedup();
        let excerpts = Excerpts::new(
            used.iter()
                .map(|&part| {
                    let source = &sources.parts()[part];
                    let spans: Vec<_> = located
                        .iter()
                        .filter(|(p, _)| *p == part)
                        .map(|(_, span)| span.clone())
                        .collect();
                    Excerpt::new(source.name, source.text, &source.index, &spans)
                })
                .collect(),
        );
        let file_of = |part: usize| used.iter().position(|&p| p == part).unwrap_or(0);
        let labels: Vec<(usize, std::ops::Range<usize>)> = located
            .iter()
            .map(|(part, span)| {
                let file = file_of(*part);
                (file, excerpts.map(file, span))
            })
            .collect();
        let _ = term::emit_to_write_style(&mut out, &config, &excerpts, &to_codespan(d, &labels));
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// `labels` are the primary span and then each secondary one, as (file, excerpt span).
fn to_codespan(d: &Diagnostic, labels: &[(usize, std::ops::Range<usize>)]) -> CsDiagnostic<usize> {
    let (file, span) = labels.first().cloned().unwrap_or((0, 0..0));
    let mut labels_out =
        vec![CsLabel::primary(file, span).with_message(d.label.clone().unwrap_or_default())];
    labels_out.extend(
        d.secondary
            .iter()
            .zip(labels.iter().skip(1))
            .map(|(l, (file, span))| {
                CsLabel::secondary(*file, span.clone()).with_message(l.message.clone())
            }),
    );
    let labels = labels_out;
    let mut notes: Vec<String> = d.notes.iter().map(|n| format!("note: {n}")).collect();
    if let Some(help) = &d.help {
        notes.push(format!("help: {help}"));
    }
    CsDiagnostic::new(severity(d.severity))
        .with_code(d.rule.clone())
        .with_message(d.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// An unreadable file, as an error line.
pub fn render_read_error(name: &str, message: &str, color: bool) -> String {
    let mut out = buffer(color);
    let _ = out.set_color(
        codespan_reporting::term::termcolor::ColorSpec::new()
            .set_bold(true)
            .set_fg(Some(codespan_reporting::term::termcolor::Color::Red)),
    );
    let _ = std::io::Write::write_all(&mut out, b"error");
    let _ = out.reset();
    let _ = std::io::Write::write_all(
        &mut out,
        format!(": cannot check `{name}`: {message}\n").as_bytes(),
    );
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

/// A configuration or rule-file error, pointing into that file when it can.
pub fn render_config_error(error: &ConfigError, color: bool) -> String {
    let mut diagnostic = CsDiagnostic::error().with_message(error.message.clone());
    if let Some(help) = &error.help {
        diagnostic = diagnostic.with_notes(vec![format!("help: {help}")]);
    }
    let mut out = buffer(color);
    match (&error.file, &error.span) {
        (Some(file), Some(span)) => {
            let files = SimpleFile::new(file.name.as_str(), &*file.text);
            let diagnostic = diagnostic.with_labels(vec![CsLabel::primary((), span.clone())]);
            let _ = term::emit_to_write_style(&mut out, &Config::default(), &files, &diagnostic);
        }
        (Some(file), None) => {
            let files = SimpleFile::new(file.name.as_str(), "");
            let diagnostic = diagnostic.with_message(format!("{}: {}", file.name, error.message));
            let _ = term::emit_to_write_style(&mut out, &Config::default(), &files, &diagnostic);
        }
        _ => {
            let files = SimpleFile::new("", "");
            let _ = term::emit_to_write_style(&mut out, &Config::default(), &files, &diagnostic);
        }
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use crate::source::FilePart;

    #[test]
    fn labels_in_two_files_are_shown_under_each_file() {
        let main = "Ponds \\cite{zz}.\n\\bibliography{refs}\n";
        let bib = "@article{z,\n  author = {Zed, A.}\n}\n";
        let text = format!("{main}\n{bib}");
        let report = FileReport {
            name: "paper.tex".into(),
            diagnostics: vec![Diagnostic {
                rule: "citation-not-in-references".into(),
                severity: Severity::Error,
                message: "“zz” is cited but not in the reference list".into(),
                span: 6..15,
                label: Some("no entry".into()),
                secondary: vec![Label {
                    span: text.find("Zed").unwrap()..text.find("Zed").unwrap() + 3,
                    message: "similar name".into(),
                }],
                notes: Vec::new(),
                help: None,
                fix: None,
            }],
            error: None,
            parts: vec![
                FilePart {
                    name: "paper.tex".into(),
                    range: 0..main.len(),
                    anchor: None,
                },
                FilePart {
                    name: "refs.bib".into(),
                    range: main.len() + 1..text.len(),
                    anchor: None,
                },
            ],
            text,
            summary: None,
        };
        let out = render_file(&report, false);
        assert!(out.contains("┌─ paper.tex:1:7"), "{out}");
        assert!(out.contains("refs.bib:2:13"), "{out}");
        assert!(out.contains("author = {Zed, A.}"), "{out}");
        assert!(out.contains("similar name"), "{out}");
    }
}
