//! `trailing-material`: material after the manuscript proper (a web page's share buttons,
//! comment form and related-article teasers copied along), reported once as one block.

use serde::Deserialize;

use super::{Check, Context};
use crate::diagnostic::{Applicability, Finding};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

pub struct TrailingMaterial;

impl TrailingMaterial {
    pub fn new(_: Params) -> Self {
        Self
    }
}

impl Check for TrailingMaterial {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let trailing = &cx.manuscript.trailing;
        let (Some(first), Some(last)) = (trailing.first(), trailing.last()) else {
            return Vec::new();
        };
        let start = first.source_span();
        let end = last.source_span();
        let text = &cx.document.text;
        let first_line = text[..start.start].matches('\n').count() + 1;
        let last_line = text[..end.end].matches('\n').count() + 1;
        let mut finding = Finding::at(start.clone())
            .arg("lines", format!("{first_line}-{last_line}"))
            .arg("count", trailing.len())
            .arg("first", first.as_str().lines().next().unwrap_or_default());
        if trailing.len() > 1 {
            finding = finding.label(end.clone(), "…down to here");
        }
        finding.fix = Some(crate::diagnostic::Fix {
            span: start.start..end.end,
            replacement: String::new(),
            applicability: Applicability::Unsafe,
        });
        vec![finding]
    }
}
