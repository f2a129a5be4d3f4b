//! The human format: rustc-style diagnostics through codespan-reporting, with the source line, the
//! underline, secondary labels, notes and `help:`.

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::excerpt::Excerpt;
use super::{FileReport, Reporter, Run, Summary};
use crate::config::ConfigError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::position::LineIndex;

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
pub struct Human;

impl Reporter for Human {
    fn render(&self, run: &Run<'_>) -> String {
        let mut out: String = run
            .reports
            .iter()
            .filter(|r| r.error.is_none())
            .map(|r| render_file(r, run.color))
            .collect();
        out.push_str(&Summary::of(run.reports).line());
        out.push('\n');
        out
    }

    fn includes_errors(&self) -> bool {
        false
    }
}

/// Renders all diagnostics of one file.
pub fn render_file(report: &FileReport, color: bool) -> String {
    let index = LineIndex::new(&report.text);
    let config = Config::default();
    let mut out = buffer(color);
    for d in &report.diagnostics {
        let spans: Vec<_> = std::iter::once(d.span.clone())
            .chain(d.secondary.iter().map(|l| l.span.clone()))
            .collect();
        let excerpt = Excerpt::new(&report.name, &report.text, &index, &spans);
        let _ = term::emit_to_write_style(&mut out, &config, &excerpt, &to_codespan(d, &excerpt));
    }
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

fn to_codespan(d: &Diagnostic, excerpt: &Excerpt<'_>) -> CsDiagnostic<()> {
    let mut labels = vec![
        CsLabel::primary((), excerpt.map(&d.span))
            .with_message(d.label.clone().unwrap_or_default()),
    ];
    labels.extend(
        d.secondary
            .iter()
            .map(|l| CsLabel::secondary((), excerpt.map(&l.span)).with_message(l.message.clone())),
    );
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
