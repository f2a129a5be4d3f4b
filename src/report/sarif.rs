//! SARIF 2.1.0, for code-scanning dashboards: one run, the rules that ran as the driver's rule
//! metadata (id, summary, explanation, help), one result per finding with a region counted in
//! Unicode code points, fixes as replacements, and unreadable files as tool notifications.
//!
//! It must stay valid against the official 2.1.0 schema (a test checks it).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::pretty::{Around, Array, PLACEHOLDER};
use super::{FileReport, Reporter, RuleMeta, Run, Sources};
use crate::diagnostic::Severity;
use crate::spool::Spool;

/// The schema a SARIF log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF reporter. The results come after the run's notifications and before its rules, which
/// only the end of the run knows: they are spooled until then.
#[derive(Default)]
pub struct Sarif {
    rules: Vec<RuleMeta>,
    results: Option<Array>,
    spool: Spool,
    notifications: Vec<Value>,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: `\` becomes `/`, and bytes outside the unreserved set
/// are percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Reporter for Sarif {
    fn start(&mut self, run: &Run<'_>, _out: &mut dyn Write) -> io::Result<()> {
        self.rules = run.rules.to_vec();
        self.results = Some(Array::start(RESULTS_DEPTH, &mut self.spool)?);
        Ok(())
    }

    fn file(&mut self, run: &Run<'_>, report: &FileReport, _out: &mut dyn Write) -> io::Result<()> {
        // Rules listed: every rule of the run plus the ids galley reports itself that occur, in
        // the order they first occur.
        for d in &report.diagnostics {
            if !self.rules.iter().any(|r| r.id == d.rule)
                && let Some(meta) = run.meta(&d.rule)
            {
                self.rules.push(meta);
            }
        }
        if let Some(error) = &report.error {
            let location = json!({ "uri": uri(&report.name) });
            self.notifications.push(json!({
                "level": "error",
                "message": { "text": format!("cannot check `{}`: {error}", report.name) },
                "locations": [{ "physicalLocation": { "artifactLocation": location } }],
            }));
            return Ok(());
        }
        let results = self.results.as_mut().expect("the report was started");
        for result in file_results(report, &self.rules) {
            results.item(&result, &mut self.spool)?;
        }
        Ok(())
    }

    fn finish(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        let results = self.results.take().expect("the report was started");
        results.end(&mut self.spool)?;
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "galley",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": descriptors(&self.rules),
                    }
                },
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "results": PLACEHOLDER,
            }],
        });
        let around = Around::split(&log);
        debug_assert_eq!(around.depth, RESULTS_DEPTH);
        out.write_all(around.before.as_bytes())?;
        self.spool.copy_to(out)?;
        out.write_all(around.after.as_bytes())?;
        out.write_all(b"\n")
    }
}

/// How deep the results array stands in the log: in the run, in `runs`, in the log.
const RESULTS_DEPTH: usize = 3;

/// The rules' metadata, as the driver lists it.
fn descriptors(rules: &[RuleMeta]) -> Vec<Value> {
    rules
        .iter()
        .map(|r| {
            let mut descriptor = json!({
                "id": r.id,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.explanation.trim(), "markdown": r.explanation.trim() },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "fixable": r.fixable },
            });
            if let Some(help) = &r.help {
                descriptor["help"] = json!({ "text": help });
            }
            descriptor
        })
        .collect()
}

/// The results of one readable file; `rules` lists every rule seen so far.
fn file_results(report: &FileReport, rules: &[RuleMeta]) -> Vec<Value> {
    let sources = Sources::of(report);
    let region = |span: &std::ops::Range<usize>| {
        let (_, start, end) = sources.position(span);
        json!({
            "startLine": start.line,
            "startColumn": start.column,
            "endLine": end.line,
            "endColumn": end.column,
        })
    };
    // The file a span is in (an included LaTeX file or a .bib has its own).
    let location_of =
        |span: &std::ops::Range<usize>| json!({ "uri": uri(sources.position(span).0) });
    let mut results = Vec::with_capacity(report.diagnostics.len());
    for d in &report.diagnostics {
        let mut text = d.message.clone();
        if let Some(help) = &d.help {
            text.push_str(&format!("\nhelp: {help}"));
        }
        let mut result = json!({
            "ruleId": d.rule,
            "level": level(d.severity),
            "message": { "text": text },
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": location_of(&d.span),
                    "region": region(&d.span),
                }
            }],
        });
        if let Some(at) = rules.iter().position(|r| r.id == d.rule) {
            result["ruleIndex"] = json!(at);
        }
        if !d.secondary.is_empty() {
            result["relatedLocations"] = d
                .secondary
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    json!({
                        "id": i,
                        "message": { "text": label.message },
                        "physicalLocation": {
                            "artifactLocation": location_of(&label.span),
                            "region": region(&label.span),
                        },
                    })
                })
                .collect();
        }
        if let Some(fix) = &d.fix {
            result["fixes"] = json!([{
                "description": { "text": format!("replace with “{}” ({})", fix.replacement, match fix.applicability {
                    crate::diagnostic::Applicability::Safe => "safe",
                    crate::diagnostic::Applicability::Unsafe => "unsafe",
                    crate::diagnostic::Applicability::Manual => "manual",
                }) },
                "artifactChanges": [{
                    "artifactLocation": location_of(&fix.span),
                    "replacements": [{
                        "deletedRegion": region(&fix.span),
                        "insertedContent": { "text": fix.replacement },
                    }],
                }],
            }]);
        }
        results.push(result);
    }
    results
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("samples/pond survey.md"), "samples/pond%20survey.md");
        assert_eq!(uri("a\\b/Öz.txt"), "a/b/%C3%96z.txt");
    }
}
