//! The one internal currency of findings: [`Diagnostic`], with its [`Severity`], labels and fix.
//!
//! Checks produce [`Finding`]s (where, what values, which fix); the engine turns them into
//! diagnostics by adding the rule's id, severity and wording. Reporters only read diagnostics.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::ops::Range;

/// How serious a finding is; ordered so that `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    /// The lowercase name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Whether a fix may be applied without a person reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Mechanical and meaning-preserving: `--fix` applies it.
    Safe,
    /// Probably right, but a person should look: needs `--unsafe-fixes`.
    #[default]
    Unsafe,
    /// Shown as a suggestion only.
    Manual,
}

/// A replacement of one source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Range<usize>,
    pub replacement: String,
    pub applicability: Applicability,
}

/// A secondary place that explains a finding ("the entry is here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: String,
}

/// What a check found, before the rule's wording is applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Finding {
    /// Source byte range of the primary label.
    pub span: Range<usize>,
    /// Values for the `{placeholders}` of the rule's message and help.
    pub args: Vec<(Cow<'static, str>, String)>,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding at `span` with no values yet.
    pub fn at(span: Range<usize>) -> Self {
        Self {
            span,
            ..Self::default()
        }
    }

    /// Adds a placeholder value.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((Cow::Borrowed(name), value.to_string()));
        self
    }

    /// Adds a secondary label.
    pub fn label(mut self, span: Range<usize>, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Attaches a replacement for the primary span.
    pub fn replace_with(
        mut self,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fix = Some(Fix {
            span: self.span.clone(),
            replacement: replacement.into(),
            applicability,
        });
        self
    }
}

/// A finding with its rule's identity and wording, ready for a reporter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    /// Text of the primary label, shown under the underline.
    pub label: Option<String>,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// Fills `{name}` placeholders from `args`; unknown names stay as they are.
pub fn fill_template(template: &str, args: &[(Cow<'static, str>, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                let name = &after[..close];
                match args.iter().find(|(key, _)| key == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_known_names_and_keep_the_rest() {
        let args = vec![
            ("count".into(), "117".to_string()),
            ("min".into(), "150".to_string()),
        ];
        assert_eq!(
            fill_template("{count} words, at least {min}", &args),
            "117 words, at least 150"
        );
        assert_eq!(fill_template("{unknown} {", &args), "{unknown} {");
    }
}
