//! The concise format: one line per finding, `path:line:col: severity[rule]: message`, for
//! editors' quickfix lists and grep.

use std::io::{self, Write};

use super::{FileReport, Reporter, Run, Sources};

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

/// The concise reporter; unreadable files go to standard error.
pub struct Concise;

impl Reporter for Concise {
    fn file(&mut self, _run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(render_file(report).as_bytes())
    }

    fn finish(&mut self, _run: &Run<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    fn includes_errors(&self) -> bool {
        false
    }
}
