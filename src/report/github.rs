//! GitHub Actions workflow commands: one `::warning file=…,line=…,col=…,endLine=…,endColumn=…,
//! title=rule::message` line per finding, which the runner turns into annotations on the pull
//! request. Info findings become `::notice`, unreadable files `::error`.

use std::io::{self, Write};

use super::{FileReport, Reporter, Run, Sources};
use crate::diagnostic::Severity;

/// The GitHub Actions reporter.
pub struct Github;

/// Escapes a command's message (`%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn file(&mut self, _run: &Run<'_>, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        if let Some(error) = &report.error {
            return writeln!(
                out,
                "::error file={},title=galley::{}",
                property(&report.name),
                data(&format!("cannot check this file: {error}"))
            );
        }
        let sources = Sources::of(report);
        for d in &report.diagnostics {
            let (file, start, end) = sources.position(&d.span);
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                property(file),
                start.line,
                start.column,
                end.line,
                end.column,
                property(&d.rule),
                data(&message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _run: &Run<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_escaped() {
        assert_eq!(data("50%\nnext"), "50%25%0Anext");
        assert_eq!(property("a,b:c"), "a%2Cb%3Ac");
    }
}
