//! JSON Lines: one summary line per manuscript, for batch pipelines. Each line holds the path,
//! the profile, the title, languages, abstract and main-text words with their limits, keyword
//! and reference counts, the statements found and those missing, the blind-review findings and
//! the findings by severity; a file that could not be read has `error` instead.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FileReport, Reporter, Run};

/// The JSON Lines reporter.
pub struct Jsonl;

/// The summary line of one report.
pub fn line(report: &FileReport) -> Value {
    if let Some(error) = &report.error {
        return json!({ "path": report.name, "error": error });
    }
    let mut value = match &report.summary {
        Some(summary) => serde_json::to_value(summary.as_ref()).expect("summaries serialize"),
        None => json!({}),
    };
    if let Value::Object(map) = &mut value {
        map.remove("outline");
        map.insert("path".into(), json!(report.name));
        // Counted from the diagnostics, so that the line is right even without a summary.
        for (key, severity) in [
            ("errors", crate::diagnostic::Severity::Error),
            ("warnings", crate::diagnostic::Severity::Warning),
            ("infos", crate::diagnostic::Severity::Info),
        ] {
            let n = report
                .diagnostics
                .iter()
                .filter(|d| d.severity == severity)
                .count();
            map.insert(key.into(), json!(n));
        }
        let mut by_rule = serde_json::Map::new();
        for d in &report.diagnostics {
            let n = by_rule.get(&d.rule).and_then(Value::as_u64).unwrap_or(0);
            by_rule.insert(d.rule.clone(), json!(n + 1));
        }
        map.insert("rules".into(), Value::Object(by_rule));
    }
    value
}

impl Reporter for Jsonl {
    fn file(&mut self, _run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        let text = serde_json::to_string(&line(report)).expect("JSON values serialize");
        writeln!(out, "{text}")
    }

    fn finish(&mut self, _run: &Run<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
