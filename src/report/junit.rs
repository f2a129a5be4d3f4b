//! JUnit XML, for CI systems that show test results: one `<testsuite>` per file, one failing
//! `<testcase>` per finding, a passing one for a clean file, an `<error>` for a file that could
//! not be read.

use super::{Reporter, Run, Sources};

/// The JUnit reporter.
pub struct Junit;

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
    fn render(&self, run: &Run<'_>) -> String {
        let mut suites = String::new();
        let (mut total_tests, mut total_failures, mut total_errors) = (0, 0, 0);
        for report in run.reports {
            let name = escape(&report.name);
            if let Some(error) = &report.error {
                total_tests += 1;
                total_errors += 1;
                suites.push_str(&format!(
                    "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{name}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                    escape(error)
                ));
                continue;
            }
            let sources = Sources::of(report);
            let count = report.diagnostics.len();
            let tests = count.max(1);
            total_tests += tests;
            total_failures += count;
            suites.push_str(&format!(
                "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{count}\" errors=\"0\">\n"
            ));
            if count == 0 {
                suites.push_str(&format!(
                    "    <testcase name=\"galley\" classname=\"{name}\"/>\n"
                ));
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
                suites.push_str(&format!(
                    "    <testcase name=\"{} at {}:{}\" classname=\"{name}\">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    escape(&d.rule),
                    at.line,
                    at.column,
                    d.severity.as_str(),
                    escape(&d.message),
                    escape(&body)
                ));
            }
            suites.push_str("  </testsuite>\n");
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"galley\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{total_errors}\">\n{suites}</testsuites>\n"
        )
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
