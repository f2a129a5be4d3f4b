//! `word-count`: each abstract's length against a minimum and a maximum, per language. A
//! journal profile may set limits for the abstract in one language (`by-language`) that replace
//! the general ones for it: a Turkish journal's Turkish and English abstracts, a SciELO journal's
//! Portuguese, Spanish and English ones.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Check, Context, check_bounds, describe_limit};
use crate::diagnostic::Finding;
use crate::manuscript::{Part, language};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    part: Part,
    min: Option<usize>,
    max: Option<usize>,
    /// Limits for the abstract in one language (ISO 639-1 code), replacing `min` and `max` there.
    #[serde(default, rename = "by-language")]
    by_language: BTreeMap<String, Limits>,
    profile: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    min: Option<usize>,
    max: Option<usize>,
}

pub struct WordCount {
    min: Option<usize>,
    max: Option<usize>,
    by_language: Vec<(language::LangCode, Option<usize>, Option<usize>)>,
    profile: String,
}

impl WordCount {
    pub fn new(params: Params) -> Result<Self, String> {
        if params.part != Part::Abstract {
            return Err(format!(
                "`word-count` measures `abstract`, not `{}`",
                params.part.as_str()
            ));
        }
        check_bounds(params.min, params.max)?;
        let mut by_language = Vec::new();
        for (code, limits) in &params.by_language {
            let lang = super::language_codes(std::slice::from_ref(code))?[0];
            check_bounds(limits.min, limits.max)
                .map_err(|e| format!("`by-language.{code}`: {e}"))?;
            by_language.push((lang, limits.min, limits.max));
        }
        Ok(Self {
            min: params.min,
            max: params.max,
            by_language,
            profile: params
                .profile
                .unwrap_or_else(|| "the configuration".to_string()),
        })
    }
}

impl Check for WordCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for abs in &cx.manuscript.abstracts {
            let own = abs
                .language
                .and_then(|l| self.by_language.iter().find(|(code, _, _)| *code == l));
            let (min, max) = own.map_or((self.min, self.max), |(_, min, max)| (*min, *max));
            let direction = match (min, max) {
                (Some(min), _) if abs.words < min => "short",
                (_, Some(max)) if abs.words > max => "long",
                _ => continue,
            };
            let span = match &abs.heading {
                Some(heading) => heading.source_span(),
                None => first_words(&abs.text),
            };
            let language = abs
                .language
                .map(language::name)
                .unwrap_or_else(|| "an unknown language".into());
            let limit = describe_limit(min, max);
            let advice = if own.is_some() {
                format!(
                    "write {limit} words: {} allows {limit} words for the abstract in {language}",
                    self.profile
                )
            } else {
                format!(
                    "write {limit} words; set the journal's limits with `min` and `max` under [rules.abstract-length] in galley.toml"
                )
            };
            findings.push(
                Finding::at(span)
                    .arg("language", language)
                    .arg("count", abs.words)
                    .arg("direction", direction)
                    .arg("limit", limit)
                    .arg("advice", advice)
                    .arg("min", min.map_or("-".into(), |m| m.to_string()))
                    .arg("max", max.map_or("-".into(), |m| m.to_string())),
            );
        }
        findings
    }
}

/// The first few words of a text, as the place to underline for a finding about all of it.
fn first_words(text: &crate::source::MappedText) -> std::ops::Range<usize> {
    let s = text.as_str();
    let mut end = 0;
    for (count, (index, word)) in s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .enumerate()
    {
        end = index + word.len();
        if count == 4 || s[..end].ends_with(['.', '!', '?']) {
            break;
        }
    }
    text.to_source(0..end)
}
