//! The rule file format. One file per rule; the file stem is the rule id.
//!
//! ```toml
//! id = "abstract-length"
//! summary = "abstract shorter or longer than the journal allows"
//! severity = "warning"
//! message = "abstract in {language} is too {direction}: {count} words where {limit} are allowed"
//! help = "…"
//! explanation = """## What it checks …"""
//! [check]
//! kind = "word-count"
//! part = "abstract"
//! min = 150
//! max = 250
//! [[example]]
//! bad = "…"
//! [[example]]
//! good = "…"
//! ```

use serde::Deserialize;

use crate::diagnostic::Severity;

/// A rule file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    pub id: String,
    /// One line: what the rule finds.
    pub summary: String,
    pub severity: Severity,
    /// Whether the rule runs unless configuration switches it on.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Languages of the text the rule applies to (ISO 639-1); empty means all.
    #[serde(default)]
    pub languages: Vec<String>,
    /// Message template; `{name}` placeholders are filled from the finding.
    pub message: String,
    /// Text under the underline.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Markdown: what it checks, why it matters, how to configure it.
    pub explanation: String,
    /// `kind` plus the kind's parameters.
    pub check: toml::Table,
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

fn yes() -> bool {
    true
}

/// Text a rule must flag (`bad`) or leave alone (`good`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub bad: Option<String>,
    pub good: Option<String>,
    /// Exact number of findings expected for `bad`.
    pub expect: Option<usize>,
    /// Format of the text: `txt` (default), `md` or `xml` (JATS).
    pub format: Option<String>,
    /// Parameter overrides for this example only.
    pub params: Option<toml::Table>,
    /// Languages (ISO 639-1 codes) whose installed Hunspell dictionary the example needs: its
    /// findings come from that dictionary, which a machine may not have.
    #[serde(default)]
    pub needs: Vec<String>,
}

impl RuleFile {
    /// Parses a rule file's text.
    pub fn parse(text: &str) -> Result<RuleFile, toml::de::Error> {
        toml::from_str(text)
    }

    /// The check kind named in `[check]`.
    pub fn kind(&self) -> &str {
        self.check
            .get("kind")
            .and_then(toml::Value::as_str)
            .unwrap_or("?")
    }

    /// Whether findings carry a replacement.
    pub fn fixable(&self) -> bool {
        self.fix_applicability(&self.check).is_some()
    }

    /// What kind of fix the findings carry under the check parameters `check` (the rule file's,
    /// or those in force after configuration): `safe` (applied by `--fix`), `unsafe` (needs
    /// `--unsafe-fixes`), or none. It mirrors what each check kind attaches to its findings.
    pub fn fix_applicability(&self, check: &toml::Table) -> Option<&'static str> {
        match self.kind() {
            "pattern"
                if check.contains_key("replacement") || check.contains_key("replacements") =>
            {
                match check.get("fix").and_then(toml::Value::as_str) {
                    Some("safe") => Some("safe"),
                    Some("manual") => None,
                    _ => Some("unsafe"),
                }
            }
            // "p = .000" → "p < .001", "p = 0.036" → "p = .036".
            "statistics" if check.get("report").and_then(toml::Value::as_str) == Some("format") => {
                Some("unsafe")
            }
            // Lower-casing a short word in a heading; a misspelling with one suggestion.
            "title-case" | "misspelling" => Some("safe"),
            "confusable"
            | "indefinite-article"
            | "citation-form"
            | "reference-form"
            | "repeated-word"
            | "mixed-script"
            | "trailing-material"
            | "unknown-word"
            | "determiner-agreement"
            | "subject-verb-agreement"
            | "verb-form"
            | "set-phrase" => Some("unsafe"),
            _ => None,
        }
    }
}
