//! `item-count` and `item-count-parity`: how many keywords each list has, and whether the lists
//! in different languages have the same number.

use serde::Deserialize;

use super::{Check, Context, check_bounds, describe_limit};
use crate::diagnostic::Finding;
use crate::manuscript::{KeywordList, Part, language};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    part: Part,
    min: Option<usize>,
    max: Option<usize>,
}

pub struct ItemCount {
    min: Option<usize>,
    max: Option<usize>,
}

fn require_keywords(part: Part, kind: &str) -> Result<(), String> {
    if part == Part::Keywords {
        Ok(())
    } else {
        Err(format!(
            "`{kind}` counts `keywords`, not `{}`",
            part.as_str()
        ))
    }
}

fn language_of(list: &KeywordList) -> String {
    list.language
        .map(language::name)
        .unwrap_or_else(|| "an unknown language".into())
}

/// The heading of a list, or the list itself when it has none (front matter).
fn list_span(list: &KeywordList) -> std::ops::Range<usize> {
    if list.heading.is_empty() {
        list.span.clone()
    } else {
        list.heading.source_span()
    }
}

impl ItemCount {
    pub fn new(params: Params) -> Result<Self, String> {
        require_keywords(params.part, "item-count")?;
        check_bounds(params.min, params.max)?;
        Ok(Self {
            min: params.min,
            max: params.max,
        })
    }
}

impl Check for ItemCount {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for list in &cx.manuscript.keywords {
            let count = list.items.len();
            let direction = match (self.min, self.max) {
                (Some(min), _) if count < min => "few",
                (_, Some(max)) if count > max => "many",
                _ => continue,
            };
            findings.push(
                Finding::at(list_span(list))
                    .arg("language", language_of(list))
                    .arg("count", count)
                    .arg("direction", direction)
                    .arg("limit", describe_limit(self.min, self.max))
                    .arg("min", self.min.map_or("-".into(), |m| m.to_string()))
                    .arg("max", self.max.map_or("-".into(), |m| m.to_string())),
            );
        }
        findings
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParityParams {
    part: Part,
}

pub struct ItemCountParity;

impl ItemCountParity {
    pub fn new(params: ParityParams) -> Result<Self, String> {
        require_keywords(params.part, "item-count-parity")?;
        Ok(Self)
    }
}

impl Check for ItemCountParity {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let lists = &cx.manuscript.keywords;
        let Some(first) = lists.first() else {
            return Vec::new();
        };
        lists
            .iter()
            .skip(1)
            .filter(|list| list.items.len() != first.items.len() && list.language != first.language)
            .map(|list| {
                Finding::at(list_span(list))
                    .arg("language", language_of(list))
                    .arg("count", list.items.len())
                    .arg("other_language", language_of(first))
                    .arg("other_count", first.items.len())
                    .label(
                        list_span(first),
                        format!("this list has {}", first.items.len()),
                    )
            })
            .collect()
    }
}
