//! `word-count`: each abstract's length against a minimum and a maximum, per language.

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
}

pub struct WordCount {
    min: Option<usize>,
    max: Option<usize>,
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
        Ok(Self {
            min: params.min,
            max: params.max,
        })
    }
}

impl Check for WordCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for abs in &cx.manuscript.abstracts {
            let direction = match (self.min, self.max) {
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
            findings.push(
                Finding::at(span)
                    .arg("language", language)
                    .arg("count", abs.words)
                    .arg("direction", direction)
                    .arg("limit", describe_limit(self.min, self.max))
                    .arg("min", self.min.map_or("-".into(), |m| m.to_string()))
                    .arg("max", self.max.map_or("-".into(), |m| m.to_string())),
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
