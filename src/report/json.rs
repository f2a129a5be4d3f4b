//! The JSON format, version 1: `{"version": 1, "diagnostics": [...], "summary": {...}}`.
//!
//! Every diagnostic has `path`, `rule`, `severity`, `message`, 1-based `line` / `column` (in
//! characters) and `end_line` / `end_column`, `span` (`start` / `end` byte offsets), `help`,
//! `suggestion`, `labels` and `notes`. Files that could not be read are listed under `errors`.

use serde_json::{Value, json};

use super::{FileReport, Reporter, Run, Sources, Summary};

/// The JSON reporter (version 1; the shape is `docs/json-schema.json`).
pub struct Json;

impl Reporter for Json {
    fn render(&self, run: &Run<'_>) -> String {
        render(run.reports)
    }
}

/// Renders all reports as one JSON document.
pub fn render(reports: &[FileReport]) -> String {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    for report in reports {
        if let Some(error) = &report.error {
            errors.push(json!({ "path": report.name, "message": error }));
        }
        let sources = Sources::of(report);
        for d in &report.diagnostics {
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
            diagnostics.push(json!({
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
            }));
        }
    }
    let summary = Summary::of(reports);
    let document = json!({
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
    });
    let mut text = serde_json::to_string_pretty(&document).expect("JSON values serialize");
    text.push('\n');
    text
}
