//! Rule explanations for the editor: the text `galley explain` prints, as a hover and as a page
//! each diagnostic's code links to. The pages are written once per server into a folder of its
//! own under the system's temporary folder (galley never goes online, so the link cannot point
//! to a web site), and removed when the server exits.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::Url;

use crate::rules::RuleSet;

/// The explanation pages written so far, by rule id.
pub struct Explanations {
    folder: PathBuf,
    pages: HashMap<String, Option<Url>>,
}

impl Default for Explanations {
    fn default() -> Self {
        Self::new()
    }
}

impl Explanations {
    pub fn new() -> Self {
        Self {
            folder: std::env::temp_dir().join(format!("galley-lsp-{}", std::process::id())),
            pages: HashMap::new(),
        }
    }

    /// The Markdown explanation of `rule` under `rules`, if it is a rule.
    pub fn text(rules: &RuleSet, rule: &str) -> Option<String> {
        if let Some(rule) = rules.get(rule) {
            return Some(crate::app::explain_text(rule));
        }
        crate::report::builtin_meta(rule).map(|meta| {
            format!(
                "# {}\n\n{}\n\nseverity: {} · reported by galley itself, not by a rule file\n",
                meta.id,
                meta.summary,
                meta.severity.as_str()
            )
        })
    }

    /// The page of `rule`, written on first use; `None` if it cannot be written.
    pub fn link(&mut self, rules: &RuleSet, rule: &str) -> Option<Url> {
        if let Some(known) = self.pages.get(rule) {
            return known.clone();
        }
        let page = Self::text(rules, rule).and_then(|text| {
            std::fs::create_dir_all(&self.folder).ok()?;
            // Rule ids are kebab-case; anything else is not written under its own name.
            if !rule.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return None;
            }
            let path = self.folder.join(format!("{rule}.md"));
            std::fs::write(&path, text).ok()?;
            Url::from_file_path(&path).ok()
        });
        self.pages.insert(rule.to_string(), page.clone());
        page
    }
}

impl Drop for Explanations {
    fn drop(&mut self) {
        if !self.pages.is_empty() {
            let _ = std::fs::remove_dir_all(&self.folder);
        }
    }
}
