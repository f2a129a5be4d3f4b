//! The editor's desk: what a journal requires before review. Required statements
//! ([`statements`]), the main text's length as the journal counts it ([`length`]), what still
//! names the authors of a manuscript for double-blind review ([`blind`]), and the one-line
//! [`Summary`] of a manuscript that the triage report (HTML, JSON Lines) shows.
//!
//! The rules that report on these live in `src/checks/desk.rs`; journal profiles that set them are
//! TOML files under `rules/profiles/`.

pub mod authors;
pub mod blind;
pub mod display;
pub mod length;
pub mod sections;
pub mod statements;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::manuscript::{Manuscript, language};
use crate::rules::RuleSet;
use crate::source::Document;

/// The rule ids the summary reads.
pub const STATEMENT_MISSING: &str = "statement-missing";
pub const MAIN_TEXT_LENGTH: &str = "main-text-length";
pub const BLIND_REVIEW: &str = "blind-review-identity";
pub const ABSTRACT_LENGTH: &str = "abstract-length";

/// What an editor sees of one manuscript at a glance.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Summary {
    pub profile: String,
    pub title: Option<String>,
    /// Languages of the body and of each abstract (ISO 639-1).
    pub languages: Vec<String>,
    pub abstracts: Vec<AbstractWords>,
    /// "at most 250", when the abstract-length rule runs.
    pub abstract_limit: Option<String>,
    pub main_text_words: usize,
    /// "at most 4000", when the profile sets a main-text limit.
    pub main_text_limit: Option<String>,
    /// Whether the main text is outside its limit.
    pub main_text_over: bool,
    /// What the count includes ("body", "references").
    pub main_text_counts: Vec<String>,
    pub keywords: Vec<KeywordCount>,
    pub references: usize,
    /// Figures and tables, as `galley outline` counts them.
    pub figures: usize,
    pub tables: usize,
    /// Statements found (ids).
    pub statements: Vec<FoundStatement>,
    /// Required statements missing, empty or a placeholder: "data availability statement",
    /// "funding statement (placeholder)".
    pub missing_statements: Vec<String>,
    /// Findings of the blind-review rule.
    pub blind_flags: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The outline, as `galley outline` prints it.
    pub outline: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AbstractWords {
    pub language: Option<String>,
    pub words: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeywordCount {
    pub language: Option<String>,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FoundStatement {
    pub id: String,
    pub name: String,
    /// heading, label, wording or identifier.
    pub how: &'static str,
    /// written, empty or placeholder.
    pub content: &'static str,
}

fn limit_of(rules: &RuleSet, id: &str) -> Option<(Option<usize>, Option<usize>)> {
    let rule = rules.get(id).filter(|r| r.enabled)?;
    let get = |key: &str| {
        rule.params
            .get(key)
            .and_then(toml::Value::as_integer)
            .and_then(|v| usize::try_from(v).ok())
            .filter(|v| *v > 0)
    };
    let (min, max) = (get("min"), get("max"));
    (min.is_some() || max.is_some()).then_some((min, max))
}

fn describe((min, max): (Option<usize>, Option<usize>)) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}-{max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".into(),
    }
}

/// The statements the `statement-missing` rule requires that are not written, with their state
/// when they are there but empty or a placeholder.
fn missing_statements(rules: &RuleSet, found: &[statements::Statement]) -> Vec<String> {
    let Some(rule) = rules.get(STATEMENT_MISSING).filter(|r| r.enabled) else {
        return Vec::new();
    };
    let required = rule
        .params
        .get("required")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    required
        .iter()
        .filter_map(toml::Value::as_str)
        .filter_map(|id| {
            let kind = statements::kind(id)?;
            match statements::best(found, id).map(|s| s.content) {
                Some(statements::Content::Written) => None,
                Some(statements::Content::Empty) => Some(format!("{} (empty)", kind.name)),
                Some(statements::Content::Placeholder) => {
                    Some(format!("{} (placeholder)", kind.name))
                }
                None => Some(kind.name.clone()),
            }
        })
        .collect()
}

/// The summary of one checked manuscript.
pub fn summarise(
    document: &Document,
    manuscript: &Manuscript,
    rules: &RuleSet,
    diagnostics: &[Diagnostic],
) -> Summary {
    let found = statements::detect(document, manuscript);
    let items = display::count(document);
    let counts: Vec<length::Counted> = rules
        .get(MAIN_TEXT_LENGTH)
        .and_then(|r| r.params.get("counts").cloned())
        .and_then(|v| v.try_into().ok())
        .unwrap_or_else(|| vec![length::Counted::Body]);
    let main_text_words = length::main_text_words(document, manuscript, &counts, &found);
    let main_limit = limit_of(rules, MAIN_TEXT_LENGTH);
    let code = |c: Option<language::LangCode>| c.map(|c| c.to_string());
    let mut languages: Vec<String> = Vec::new();
    for lang in std::iter::once(manuscript.language)
        .chain(manuscript.abstracts.iter().map(|a| a.language))
        .flatten()
    {
        let lang = lang.to_string();
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    let mut seen = Vec::new();
    let statements = found
        .iter()
        .filter(|s| {
            let new = !seen.contains(&s.kind.id);
            seen.push(s.kind.id.clone());
            new
        })
        .map(|s| {
            let best = statements::best(&found, &s.kind.id).unwrap_or(s);
            FoundStatement {
                id: best.kind.id.clone(),
                name: best.kind.name.clone(),
                how: best.how.as_str(),
                content: match best.content {
                    statements::Content::Written => "written",
                    statements::Content::Empty => "empty",
                    statements::Content::Placeholder => "placeholder",
                },
            }
        })
        .collect();
    let count = |severity: Severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    Summary {
        profile: rules.profile.clone(),
        title: manuscript
            .title
            .as_ref()
            .map(|t| t.as_str().split_whitespace().collect::<Vec<_>>().join(" ")),
        languages,
        abstracts: manuscript
            .abstracts
            .iter()
            .map(|a| AbstractWords {
                language: code(a.language),
                words: a.words,
            })
            .collect(),
        abstract_limit: limit_of(rules, ABSTRACT_LENGTH).map(describe),
        main_text_words,
        main_text_over: main_limit.is_some_and(|(min, max)| {
            min.is_some_and(|m| main_text_words < m) || max.is_some_and(|m| main_text_words > m)
        }),
        main_text_limit: main_limit.map(describe),
        main_text_counts: counts.iter().map(|c| c.as_str().to_string()).collect(),
        keywords: manuscript
            .keywords
            .iter()
            .map(|k| KeywordCount {
                language: code(k.language),
                count: k.items.len(),
            })
            .collect(),
        references: manuscript
            .references
            .as_ref()
            .map_or(0, |r| r.entries.len()),
        figures: items.figures.len(),
        tables: items.tables.len(),
        statements,
        missing_statements: missing_statements(rules, &found),
        blind_flags: diagnostics
            .iter()
            .filter(|d| d.rule == BLIND_REVIEW)
            .count(),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        outline: crate::report::outline::render_text(document, manuscript),
    }
}
