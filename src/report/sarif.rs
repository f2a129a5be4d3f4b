//! SARIF 2.1.0, for code-scanning dashboards: one run, the rules that ran as the driver's rule
//! metadata (id, summary, explanation, help), one result per finding with a region counted in
//! Unicode code points, fixes as replacements, and unreadable files as tool notifications.
//!
//! It must stay valid against the official 2.1.0 schema (a test checks it).

use serde_json::{Value, json};

use super::{Reporter, Run, Sources};
use crate::diagnostic::Severity;

/// The schema a SARIF log names.
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF reporter.
pub struct Sarif;

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
    fn render(&self, run: &Run<'_>) -> String {
        // Rules listed: every rule of the run plus the ids galley reports itself that occur.
        let mut rules: Vec<super::RuleMeta> = run.rules.to_vec();
        for report in run.reports {
            for d in &report.diagnostics {
                if !rules.iter().any(|r| r.id == d.rule)
                    && let Some(meta) = run.meta(&d.rule)
                {
                    rules.push(meta);
                }
            }
        }
        let descriptors: Vec<Value> = rules
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
            .collect();

        let mut results = Vec::new();
        let mut notifications = Vec::new();
        for report in run.reports {
            let location = json!({ "uri": uri(&report.name) });
            if let Some(error) = &report.error {
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": format!("cannot check `{}`: {error}", report.name) },
                    "locations": [{ "physicalLocation": { "artifactLocation": location } }],
                }));
                continue;
            }
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
        }
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": "galley",
                        "version": env!("CARGO_PKG_VERSION"),
                        "semanticVersion": env!("CARGO_PKG_VERSION"),
                        "rules": descriptors,
                    }
                },
                "invocations": [{
                    "executionSuccessful": notifications.is_empty(),
                    "toolExecutionNotifications": notifications,
                }],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        let mut text = serde_json::to_string_pretty(&log).expect("JSON values serialize");
        text.push('\n');
        text
    }
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
