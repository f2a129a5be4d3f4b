//! JUnit XML, for CI systems that show test results: one `<testsuite>` per file, one failing
//! `<testcase>` per finding, a passing one for a clean file, an `<error>` for a file that could
//! not be read.

use std::io::{self, Write};

use super::{FileReport, Reporter, Run, Sources};
use crate::spool::Spool;

/// The JUnit reporter. The totals come first, in `<testsuites>`: the suites are spooled until the
/// end of the run knows them.
#[derive(Default)]
pub struct Junit {
    suites: Spool,
    tests: usize,
    failures: usize,
    errors: usize,
}

/// Escapes text for XML and drops the characters XML 1.0 cannot hold at all.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl Reporter for Junit {
    fn file(
        &mut self,
        _run: &Run<'_>,
        report: &FileReport,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let suites = &mut self.suites;
        let name = escape(&report.name);
        if let Some(error) = &report.error {
            self.tests += 1;
            self.errors += 1;
            return write!(
                suites,
                "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                escape(error)
            );
        }
        let sources = Sources::of(report);
        let count = report.diagnostics.len();
        let tests = count.max(1);
        self.tests += tests;
        self.failures += count;
        writeln!(
            suites,
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{count}\" errors=\"0\">"
        )?;
        if count == 0 {
            writeln!(
                suites,
                "    <testcase name=\"galley\" classname=\"{name}\"/>"
            )?;
        }
        for d in &report.diagnostics {
            let (file, at, _) = sources.position(&d.span);
            let mut body = format!(
                "{}:{}:{}: {}[{}]: {}",
                file,
                at.line,
                at.column,
                d.severity.as_str(),
                d.rule,
                d.message
            );
            if let Some(help) = &d.help {
                body.push_str(&format!("\nhelp: {help}"));
            }
            write!(
                suites,
                "    <testcase name=\"{} at {}:{}\" classname=\"{name}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                escape(&d.rule),
                at.line,
                at.column,
                d.severity.as_str(),
                escape(&d.message),
                escape(&body)
            )?;
        }
        suites.write_all(b"  </testsuite>\n")
    }

    fn finish(&mut self, _run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"galley\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
            self.tests, self.failures, self.errors
        )?;
        self.suites.copy_to(out)?;
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}"),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
    }
}
