//! The JSON format, version 1: `{"version": 1, "diagnostics": [...], "summary": {...}}`.
//!
//! Every diagnostic has `path`, `rule`, `severity`, `message`, 1-based `line` / `column` (in
//! characters) and `end_line` / `end_column`, `span` (`start` / `end` byte offsets), `help`,
//! `suggestion`, `labels` and `notes`. Files that could not be read are listed under `errors`.
//!
//! The diagnostics are written as their files come; the errors and the summary, which only the
//! end of the run knows, after them.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::pretty::{Around, Array, PLACEHOLDER};
use super::{FileReport, Reporter, Run, Sources, Summary};

/// The JSON reporter (version 1; the shape is `docs/json-schema.json`).
#[derive(Default)]
pub struct Json {
    diagnostics: Option<Array>,
    errors: Vec<Value>,
    summary: Summary,
}

/// The whole document, with `diagnostics` standing for the diagnostics array.
fn document(diagnostics: Value, errors: &[Value], summary: &Summary) -> Value {
    json!({
        "version": 1,
        "diagnostics": diagnostics,
        "errors": errors,
        "summary": {
            "files": summary.files,
            "errors": summary.errors,
            "warnings": summary.warnings,
            "infos": summary.infos,
            "unreadable": summary.unreadable,
        },
    })
}

impl Reporter for Json {
    fn start(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        // Nothing before the diagnostics depends on the files (the version, if anything).
        let around = Around::split(&document(json!(PLACEHOLDER), &[], &Summary::default()));
        out.write_all(around.before.as_bytes())?;
        self.diagnostics = Some(Array::start(around.depth, out)?);
        Ok(())
    }

    fn file(&mut self, _run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let diagnostics = self.diagnostics.as_mut().expect("the report was started");
        self.summary.add(report);
        if let Some(error) = &report.error {
            self.errors
                .push(json!({ "path": report.name, "message": error }));
        }
        for diagnostic in file_diagnostics(report) {
            diagnostics.item(&diagnostic, out)?;
        }
        Ok(())
    }

    fn finish(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let diagnostics = self.diagnostics.take().expect("the report was started");
        diagnostics.end(out)?;
        let around = Around::split(&document(json!(PLACEHOLDER), &self.errors, &self.summary));
        out.write_all(around.after.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// The diagnostics of one file as JSON objects.
fn file_diagnostics(report: &FileReport) -> Vec<Value> {
    let sources = Sources::of(report);
    report
        .diagnostics
        .iter()
        .map(|d| {
            let (path, start, end) = sources.position(&d.span);
            let (_, _, span) = sources.locate(&d.span);
            let labels: Vec<Value> = d
                .secondary
                .iter()
                .map(|l| {
                    let (label_path, s, e) = sources.position(&l.span);
                    let (_, _, local) = sources.locate(&l.span);
                    json!({
                        "path": label_path,
                        "message": l.message,
                        "line": s.line, "column": s.column, "end_line": e.line, "end_column": e.column,
                        "span": { "start": local.start, "end": local.end },
                    })
                })
                .collect();
            json!({
                "path": path,
                "rule": d.rule,
                "severity": d.severity.as_str(),
                "message": d.message,
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "span": { "start": span.start, "end": span.end },
                "help": d.help,
                "suggestion": d.fix.as_ref().map(|f| f.replacement.clone()),
                "fix_applicability": d.fix.as_ref().map(|f| f.applicability),
                "labels": labels,
                "notes": d.notes,
            })
        })
        .collect()
}
