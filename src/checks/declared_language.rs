//! `declared-language`: an element that declares the language of its content (`xml:lang` on a
//! JATS article, abstract, keyword list or translation) over text that is plainly written in
//! another. Only confident readings count: enough text, detected the same way throughout.

use std::ops::Range;

use serde::Deserialize;

use super::{Check, Context};
use crate::diagnostic::Finding;
use crate::manuscript::{LangCode, Manuscript, Part, language};
use crate::source::{DeclaredFor, DeclaredLanguage as Declaration};

/// Paragraphs shorter than this say too little about their language to count.
const MIN_PARAGRAPH_WORDS: usize = 20;

/// Fewest paragraphs, and fewest abstract words, a reading of the body or an abstract needs.
const MIN_PARAGRAPHS: usize = 3;
const MIN_ABSTRACT_WORDS: usize = 40;

/// The most paragraphs read per declaration: the answer is settled well before.
const MAX_PARAGRAPHS: usize = 30;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {}

pub struct DeclaredLanguage;

impl DeclaredLanguage {
    pub fn new(_params: Params) -> Self {
        Self
    }
}

impl Check for DeclaredLanguage {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let ms = cx.manuscript;
        let declarations = &cx.document.metadata.declared_languages;
        let mut findings = Vec::new();
        for declaration in declarations {
            let Some(declared) = language::canonical(&declaration.code) else {
                continue;
            };
            let written = match declaration.element {
                DeclaredFor::Document | DeclaredFor::Translation => {
                    let nested: Vec<&Range<usize>> = declarations
                        .iter()
                        .filter(|d| {
                            d.element == DeclaredFor::Translation
                                && d.scope != declaration.scope
                                && within(&d.scope, &declaration.scope)
                        })
                        .map(|d| &d.scope)
                        .collect();
                    body_language(ms, &declaration.scope, &nested)
                }
                DeclaredFor::Abstract => abstract_language(ms, declaration),
                DeclaredFor::Keywords => ms
                    .keywords
                    .iter()
                    .find(|list| list.span.start == declaration.scope.start)
                    .and_then(|list| list.language),
            };
            let Some(written) = written.filter(|w| *w != declared) else {
                continue;
            };
            findings.push(
                Finding::at(declaration.value_span.clone())
                    .arg("declared", language::name(declared))
                    .arg("written", language::name(written))
                    .arg("code", written),
            );
        }
        findings
    }
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The language nearly all long body paragraphs inside `scope` (and outside `nested`) are in.
fn body_language(
    ms: &Manuscript,
    scope: &Range<usize>,
    nested: &[&Range<usize>],
) -> Option<LangCode> {
    let mut counts: Vec<(Option<LangCode>, usize)> = Vec::new();
    let mut total = 0;
    for unit in ms.units_in(&[Part::Body]) {
        let span = unit.text.source_span();
        if !within(&span, scope)
            || nested.iter().any(|n| within(&span, n))
            || crate::manuscript::shapes::word_count(unit.text.as_str()) < MIN_PARAGRAPH_WORDS
        {
            continue;
        }
        let language = unit.language();
        match counts.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => counts.push((language, 1)),
        }
        total += 1;
        if total == MAX_PARAGRAPHS {
            break;
        }
    }
    let (language, count) = counts.into_iter().max_by_key(|(_, n)| *n)?;
    // Nine in ten paragraphs: a paper quoting another language at length is not mislabelled.
    (total >= MIN_PARAGRAPHS && count * 10 >= total * 9)
        .then_some(language)
        .flatten()
}

/// The language an abstract inside the declaration's scope was confidently detected in.
fn abstract_language(ms: &Manuscript, declaration: &Declaration) -> Option<LangCode> {
    let abs = ms
        .abstracts
        .iter()
        .find(|a| within(&a.text.source_span(), &declaration.scope))?;
    (abs.language_detected && abs.words >= MIN_ABSTRACT_WORDS)
        .then_some(abs.language)
        .flatten()
}
