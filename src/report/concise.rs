//! The concise format: one line per finding, `path:line:col: severity[rule]: message`, for
//! editors' quickfix lists and grep.

use super::{FileReport, Sources};

/// Renders one file's diagnostics, one per line.
pub fn render_file(report: &FileReport) -> String {
    let sources = Sources::of(report);
    let mut out = String::new();
    for d in &report.diagnostics {
        let (name, at, _) = sources.position(&d.span);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            name,
            at.line,
            at.column,
            d.severity.as_str(),
            d.rule,
            d.message
        ));
    }
    out
}
