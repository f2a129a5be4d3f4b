//! `required-languages` and `heading-language`: a multilingual manuscript has an abstract and a
//! keyword list in every language the journal requires, and each heading word is in the language
//! of the text under it.

use serde::Deserialize;

use super::{Check, Context, language_codes};
use crate::diagnostic::Finding;
use crate::manuscript::{LangCode, Manuscript, Part, language};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    parts: Vec<Part>,
    #[serde(default)]
    required: Vec<String>,
}

pub struct RequiredLanguages {
    parts: Vec<Part>,
    languages: Vec<LangCode>,
}

impl RequiredLanguages {
    pub fn new(params: Params) -> Result<Self, String> {
        if let Some(part) = params
            .parts
            .iter()
            .find(|p| !matches!(p, Part::Abstract | Part::Keywords))
        {
            return Err(format!(
                "`required-languages` checks `abstract` and `keywords`, not `{}`",
                part.as_str()
            ));
        }
        Ok(Self {
            parts: params.parts,
            languages: language_codes(&params.required)?,
        })
    }
}

/// Where to point when something is missing: the existing abstracts, else the title, else the start.
fn anchor(ms: &Manuscript) -> std::ops::Range<usize> {
    if let Some(abs) = ms.abstracts.first() {
        let span = abs.heading.as_ref().unwrap_or(&abs.text).source_span();
        return span.start..span.start;
    }
    ms.title.as_ref().map_or(0..0, |t| t.source_span())
}

impl Check for RequiredLanguages {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let ms = cx.manuscript;
        let required: Vec<String> = self.languages.iter().map(|l| language::name(l)).collect();
        let mut findings = Vec::new();
        for &part in &self.parts {
            let (present, what): (Vec<Option<LangCode>>, &str) = match part {
                Part::Abstract => (
                    ms.abstracts.iter().map(|a| a.language).collect(),
                    "abstract",
                ),
                _ => (
                    ms.keywords.iter().map(|k| k.language).collect(),
                    "keyword list",
                ),
            };
            for &language in &self.languages {
                if present.contains(&Some(language)) {
                    continue;
                }
                let found: Vec<String> = present
                    .iter()
                    .flatten()
                    .map(|l| language::name(l))
                    .collect();
                let mut finding = Finding::at(anchor(ms))
                    .arg("part", what)
                    .arg("language", language::name(language))
                    .arg("required", required.join(", "));
                finding = if found.is_empty() {
                    finding.note(format!(
                        "no {what} was recognised at all; `galley outline` shows what was"
                    ))
                } else {
                    finding.note(format!("found: {} in {}", what, found.join(", ")))
                };
                findings.push(finding);
            }
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadingParams {}

pub struct HeadingLanguage;

impl HeadingLanguage {
    pub fn new(_: HeadingParams) -> Self {
        Self
    }
}

impl Check for HeadingLanguage {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for abs in &cx.manuscript.abstracts {
            let (Some(heading), Some(actual)) = (&abs.heading, abs.language) else {
                continue;
            };
            if !abs.language_detected
                || abs.heading_languages.is_empty()
                || abs.heading_languages.contains(&actual)
            {
                continue;
            }
            let heading_language = language::name(abs.heading_languages[0]);
            let text_span = abs.text.source_span();
            findings.push(
                Finding::at(heading.source_span())
                    .arg("heading", heading.as_str().trim())
                    .arg("heading_language", heading_language)
                    .arg("language", language::name(actual))
                    .label(
                        text_span.start..text_span.start,
                        format!("this text reads as {}", language::name(actual)),
                    ),
            );
        }
        findings
    }
}
