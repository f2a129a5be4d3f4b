//! The editor's desk checks: required statements (`required-statements`), CRediT roles in the
//! author contributions (`credit-roles`), the main text's length (`main-text-words`), the number
//! of references (`reference-count`) and double-blind review (`blind-review`). The detection is
//! in [`crate::desk`]; these only turn it into findings.

use serde::Deserialize;

use super::{Check, Context, check_bounds, describe_limit};
use crate::desk::{blind, length, statements};
use crate::diagnostic::Finding;

/// Who sets a requirement, for messages: the journal's name, or the profile's.
fn by(profile: &Option<String>) -> String {
    profile
        .clone()
        .unwrap_or_else(|| "the configuration".to_string())
}

/// Where a finding about the whole manuscript stands: its title, else its first line.
fn whole_manuscript(cx: &Context<'_>) -> std::ops::Range<usize> {
    if let Some(title) = &cx.manuscript.title {
        return title.source_span();
    }
    let text = &cx.document.text;
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |at| start + at);
    start..end.max(start)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiredParams {
    #[serde(default)]
    required: Vec<String>,
    profile: Option<String>,
}

/// `required-statements`: each required statement present and written.
pub struct RequiredStatements {
    required: Vec<&'static statements::StatementKind>,
    profile: String,
}

impl RequiredStatements {
    pub fn new(params: RequiredParams) -> Result<Self, String> {
        let required = params
            .required
            .iter()
            .map(|id| {
                statements::kind(id).ok_or_else(|| {
                    format!(
                        "unknown statement `{id}`; known statements: {}",
                        statements::ids().join(", ")
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            required,
            profile: by(&params.profile),
        })
    }
}

impl Check for RequiredStatements {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if self.required.is_empty() {
            return Vec::new();
        }
        let found = statements::detect(cx.document, cx.manuscript);
        let mut findings = Vec::new();
        for kind in &self.required {
            let (span, state) = match statements::best(&found, &kind.id) {
                Some(s) if s.content == statements::Content::Written => continue,
                Some(s) if s.content == statements::Content::Empty => (s.span.clone(), "empty"),
                Some(s) => (s.span.clone(), "only a placeholder"),
                None => (whole_manuscript(cx), "missing"),
            };
            findings.push(
                Finding::at(span)
                    .arg("statement", &kind.name)
                    .arg("state", state)
                    .arg("profile", &self.profile)
                    .arg("heading", &kind.example),
            );
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditParams {
    /// Whether the contributions must be given in CRediT roles at all.
    #[serde(default)]
    require: bool,
}

/// `credit-roles`: role names in the author contributions that are not CRediT's.
pub struct CreditRoles {
    require: bool,
}

impl CreditRoles {
    pub fn new(params: CreditParams) -> Self {
        Self {
            require: params.require,
        }
    }
}

impl Check for CreditRoles {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let found = statements::detect(cx.document, cx.manuscript);
        let mut findings = Vec::new();
        for s in found.iter().filter(|s| {
            s.kind.id == "author-contributions" && s.content == statements::Content::Written
        }) {
            let (named, instead) = statements::credit_roles(s);
            if named.is_empty() && instead.is_empty() {
                if self.require {
                    findings.push(
                        Finding::at(s.span.clone())
                            .arg("problem", "author contributions name no CRediT role")
                            .arg(
                                "advice",
                                "give each author's roles in the fourteen CRediT terms (Conceptualization, Methodology, Investigation, Formal analysis, Writing – original draft, …)",
                            ),
                    );
                }
                continue;
            }
            if named.is_empty() && !self.require {
                // Contributions in the authors' own words, and CRediT not asked for.
                continue;
            }
            for (span, name, role) in instead {
                findings.push(
                    Finding::at(span)
                        .arg("problem", format!("`{name}` is not a CRediT role"))
                        .arg("advice", format!("use the CRediT role `{role}`")),
                );
            }
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MainTextParams {
    min: Option<usize>,
    max: Option<usize>,
    #[serde(default = "body_only")]
    counts: Vec<length::Counted>,
    profile: Option<String>,
}

fn body_only() -> Vec<length::Counted> {
    vec![length::Counted::Body]
}

/// `main-text-words`: the main text's words against a journal's limits.
pub struct MainTextWords {
    min: Option<usize>,
    max: Option<usize>,
    counts: Vec<length::Counted>,
    profile: String,
}

impl MainTextWords {
    pub fn new(params: MainTextParams) -> Result<Self, String> {
        check_bounds(params.min, params.max)?;
        Ok(Self {
            min: params.min,
            max: params.max,
            counts: params.counts,
            profile: by(&params.profile),
        })
    }
}

impl Check for MainTextWords {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if self.min.is_none() && self.max.is_none() {
            return Vec::new();
        }
        let found = statements::detect(cx.document, cx.manuscript);
        let words = length::main_text_words(cx.document, cx.manuscript, &self.counts, &found);
        let direction = match (self.min, self.max) {
            (Some(min), _) if words < min => "short",
            (_, Some(max)) if words > max => "long",
            _ => return Vec::new(),
        };
        let counted: Vec<&str> = self.counts.iter().map(|c| c.as_str()).collect();
        vec![
            Finding::at(whole_manuscript(cx))
                .arg("count", words)
                .arg("direction", direction)
                .arg("limit", describe_limit(self.min, self.max))
                .arg("profile", &self.profile)
                .arg("counted", counted.join(", ")),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceCountParams {
    min: Option<usize>,
    max: Option<usize>,
    profile: Option<String>,
}

/// `reference-count`: the number of reference entries against a journal's limit.
pub struct ReferenceCount {
    min: Option<usize>,
    max: Option<usize>,
    profile: String,
}

impl ReferenceCount {
    pub fn new(params: ReferenceCountParams) -> Result<Self, String> {
        check_bounds(params.min, params.max)?;
        Ok(Self {
            min: params.min,
            max: params.max,
            profile: by(&params.profile),
        })
    }
}

impl Check for ReferenceCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let Some(list) = &cx.manuscript.references else {
            return Vec::new();
        };
        let count = list.entries.len();
        let too_few = self.min.is_some_and(|m| count < m);
        let too_many = self.max.is_some_and(|m| count > m);
        if !too_few && !too_many {
            return Vec::new();
        }
        let span = list
            .heading
            .as_ref()
            .map(|h| h.source_span())
            .or_else(|| list.entries.first().map(|e| e.source_span()))
            .unwrap_or_else(|| whole_manuscript(cx));
        vec![
            Finding::at(span)
                .arg("count", count)
                .arg("direction", if too_many { "many" } else { "few" })
                .arg("limit", describe_limit(self.min, self.max))
                .arg("profile", &self.profile),
        ]
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlindParams {}

/// `blind-review`: what names the authors of a manuscript for double-blind review.
pub struct BlindReview;

impl BlindReview {
    pub fn new(_params: BlindParams) -> Self {
        Self
    }
}

impl Check for BlindReview {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let found = statements::detect(cx.document, cx.manuscript);
        blind::evidence(cx.document, cx.manuscript, &found)
            .into_iter()
            .map(|e| {
                let label = if e.clue == blind::Clue::FileProperty {
                    "in the file's properties, not its text".to_string()
                } else {
                    e.clue.describe().to_string()
                };
                Finding::at(e.span)
                    .arg("what", e.clue.describe())
                    .arg("evidence", e.text)
                    .arg("label", label)
                    .arg("advice", e.clue.advice())
            })
            .collect()
    }
}
