//! The outline view: what structure detection recognised, with line numbers, word counts and
//! languages. It is how a user understands a surprising finding.

use serde_json::json;

use crate::manuscript::{Manuscript, language, shapes::word_count};
use crate::position::LineIndex;
use crate::source::{Document, MappedText};

fn line(index: &LineIndex, text: &MappedText) -> usize {
    index.line_of(text.source_span().start)
}

fn end_line(index: &LineIndex, text: &MappedText) -> usize {
    index.line_of(
        text.source_span()
            .end
            .saturating_sub(1)
            .max(text.source_span().start),
    )
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn lang(code: Option<&str>) -> String {
    code.map_or_else(|| "?".into(), |c| format!("{c} ({})", language::name(c)))
}

/// The outline as aligned text.
pub fn render_text(document: &Document, ms: &Manuscript) -> String {
    let index = LineIndex::new(&document.text);
    let mut rows: Vec<(usize, String, String)> = Vec::new();
    if let Some(title) = &ms.title {
        rows.push((
            line(&index, title),
            "title".into(),
            one_line(title.as_str(), 90),
        ));
    }
    if let (Some(first), Some(last)) = (ms.authors.first(), ms.authors.last()) {
        let names: Vec<String> = ms
            .authors
            .iter()
            .map(|a| one_line(a.as_str(), 40))
            .collect();
        let at = line(&index, first);
        let to = end_line(&index, last);
        let where_ = if at == to {
            at.to_string()
        } else {
            format!("{at}-{to}")
        };
        rows.push((
            at,
            "authors".into(),
            format!("{} [lines {where_}]", names.join(" · ")),
        ));
    }
    for abs in &ms.abstracts {
        let heading = abs.heading.as_ref().map_or("no heading".to_string(), |h| {
            format!("“{}”", h.as_str().trim())
        });
        rows.push((
            line(&index, abs.heading.as_ref().unwrap_or(&abs.text)),
            "abstract".into(),
            format!("{}, {} words, {heading}", lang(abs.language), abs.words),
        ));
    }
    for list in &ms.keywords {
        let items: Vec<&str> = list.items.iter().map(|i| i.as_str()).collect();
        rows.push((
            index.line_of(list.span.start),
            "keywords".into(),
            format!(
                "{}, {} items: {}",
                lang(list.language),
                items.len(),
                items.join(" · ")
            ),
        ));
    }
    for heading in &ms.headings {
        rows.push((
            line(&index, &heading.text),
            format!("heading {}", heading.level),
            one_line(heading.text.as_str(), 80),
        ));
    }
    let body_units: Vec<&MappedText> = ms
        .units
        .iter()
        .filter(|u| u.part == crate::manuscript::Part::Body)
        .map(|u| &u.text)
        .collect();
    if let (Some(first), Some(last)) = (body_units.first(), body_units.last()) {
        let words: usize = body_units.iter().map(|t| word_count(t.as_str())).sum();
        rows.push((
            line(&index, first),
            "body".into(),
            format!(
                "lines {}-{}, {} paragraphs, {words} words, {}",
                line(&index, first),
                end_line(&index, last),
                body_units.len(),
                lang(ms.language)
            ),
        ));
    }
    if let Some(refs) = &ms.references {
        let first = refs.heading.as_ref().or(refs.entries.first());
        if let (Some(first), Some(last)) = (first, refs.entries.last()) {
            let heading = refs.heading.as_ref().map_or("no heading".to_string(), |h| {
                format!("“{}”", h.as_str().trim())
            });
            rows.push((
                line(&index, first),
                "references".into(),
                format!(
                    "lines {}-{}, {} entries, {heading}",
                    line(&index, first),
                    end_line(&index, last),
                    refs.entries.len()
                ),
            ));
        }
    }
    if let (Some(first), Some(last)) = (ms.trailing.first(), ms.trailing.last()) {
        rows.push((
            line(&index, first),
            "trailing".into(),
            format!(
                "lines {}-{}: not part of the manuscript (“{}”)",
                line(&index, first),
                end_line(&index, last),
                one_line(first.as_str(), 40)
            ),
        ));
    }
    rows.sort_by_key(|(at, _, _)| *at);
    let mut out = format!("{} ({})\n", document.name, document.format.name());
    for (at, what, detail) in rows {
        out.push_str(&format!("{at:>5}  {what:<11} {detail}\n"));
    }
    out
}

/// The outline as JSON (`title`, `abstracts`, `keywords`, `headings`, `references`, …).
pub fn render_json(document: &Document, ms: &Manuscript) -> String {
    let index = LineIndex::new(&document.text);
    let value = json!({
        "version": 1,
        "path": document.name,
        "format": document.format.name(),
        "language": ms.language,
        "title": ms.title.as_ref().map(|t| json!({ "text": t.as_str(), "line": line(&index, t) })),
        "authors": ms.authors.iter().map(|a| json!({ "text": a.as_str(), "line": line(&index, a) })).collect::<Vec<_>>(),
        "abstracts": ms.abstracts.iter().map(|a| json!({
            "language": a.language,
            "words": a.words,
            "line": line(&index, &a.text),
            "end_line": end_line(&index, &a.text),
            "heading": a.heading.as_ref().map(|h| h.as_str().trim().to_string()),
        })).collect::<Vec<_>>(),
        "keywords": ms.keywords.iter().map(|k| json!({
            "language": k.language,
            "line": index.line_of(k.span.start),
            "heading": if k.heading.is_empty() { None } else { Some(k.heading.as_str()) },
            "items": k.items.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "headings": ms.headings.iter().map(|h| json!({
            "text": h.text.as_str(),
            "line": line(&index, &h.text),
            "level": h.level,
            "number": h.number,
        })).collect::<Vec<_>>(),
        "references": ms.references.as_ref().map(|r| r.entries.iter().map(|e| json!({
            "line": line(&index, e),
            "text": e.as_str(),
        })).collect::<Vec<_>>()).unwrap_or_default(),
        "reference_heading": ms.references.as_ref().and_then(|r| r.heading.as_ref()).map(|h| json!({ "text": h.as_str(), "line": line(&index, h) })),
        "trailing": ms.trailing.iter().map(|t| json!({ "line": line(&index, t), "text": t.as_str() })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialize");
    text.push('\n');
    text
}
