//! The outline view: what structure detection recognised, with line numbers, word counts and
//! languages. It is how a user understands a surprising finding.

use serde_json::json;

use super::Sources;
use crate::manuscript::{Manuscript, language, shapes::word_count};
use crate::source::{Document, MappedText};

/// Where an offset of the document's text is: its part (0 is the main file) and local line.
fn place(sources: &Sources<'_>, offset: usize) -> (usize, usize) {
    let (part, source, local) = sources.locate(&(offset..offset));
    (part, source.index.line_of(local.start))
}

/// A line as the text outline shows it: the bare number in the main file, `file:line` in an
/// included file or a .bib.
fn shown(sources: &Sources<'_>, offset: usize) -> String {
    let (part, line) = place(sources, offset);
    if part == 0 {
        line.to_string()
    } else {
        format!("{}:{line}", sources.parts()[part].name)
    }
}

fn end_offset(text: &MappedText) -> usize {
    text.source_span()
        .end
        .saturating_sub(1)
        .max(text.source_span().start)
}

/// "12-30", or "refs.bib:1-30" when both ends are in the same included file.
fn shown_range(sources: &Sources<'_>, first: &MappedText, last: &MappedText) -> String {
    let (part, from) = place(sources, first.source_span().start);
    let (end_part, to) = place(sources, end_offset(last));
    match (part, end_part) {
        (0, 0) => format!("{from}-{to}"),
        (a, b) if a == b => format!("{}:{from}-{to}", sources.parts()[a].name),
        _ => format!(
            "{}-{}",
            shown(sources, first.source_span().start),
            shown(sources, end_offset(last))
        ),
    }
}

/// The JSON fields saying where a text is: `line`, and `file` when it is not the main file.
fn json_place(sources: &Sources<'_>, text: &MappedText, value: &mut serde_json::Value) {
    let (part, line) = place(sources, text.source_span().start);
    value["line"] = json!(line);
    if part > 0 {
        value["file"] = json!(sources.parts()[part].name);
    }
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
    let sources = Sources::new(&document.name, &document.text, &document.parts);
    let mut rows: Vec<(usize, String, String, String)> = Vec::new();
    let row = |offset: usize, what: String, detail: String| {
        (offset, shown(&sources, offset), what, detail)
    };
    if let Some(title) = &ms.title {
        rows.push(row(
            title.source_span().start,
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
        let at = shown(&sources, first.source_span().start);
        let to = shown(&sources, end_offset(last));
        let where_ = if at == to {
            at.to_string()
        } else {
            shown_range(&sources, first, last)
        };
        rows.push(row(
            first.source_span().start,
            "authors".into(),
            format!("{} [lines {where_}]", names.join(" · ")),
        ));
    }
    for abs in &ms.abstracts {
        let heading = abs.heading.as_ref().map_or("no heading".to_string(), |h| {
            format!("“{}”", h.as_str().trim())
        });
        rows.push(row(
            abs.heading
                .as_ref()
                .unwrap_or(&abs.text)
                .source_span()
                .start,
            "abstract".into(),
            format!("{}, {} words, {heading}", lang(abs.language), abs.words),
        ));
    }
    for list in &ms.keywords {
        let items: Vec<&str> = list.items.iter().map(|i| i.as_str()).collect();
        rows.push(row(
            list.span.start,
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
        rows.push(row(
            heading.text.source_span().start,
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
        rows.push(row(
            first.source_span().start,
            "body".into(),
            format!(
                "lines {}, {} paragraphs, {words} words, {}",
                shown_range(&sources, first, last),
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
            rows.push(row(
                first.source_span().start,
                "references".into(),
                format!(
                    "lines {}, {} entries, {heading}",
                    shown_range(&sources, first, last),
                    refs.entries.len()
                ),
            ));
        }
    }
    if let (Some(first), Some(last)) = (ms.trailing.first(), ms.trailing.last()) {
        rows.push(row(
            first.source_span().start,
            "trailing".into(),
            format!(
                "lines {}: not part of the manuscript (“{}”)",
                shown_range(&sources, first, last),
                one_line(first.as_str(), 40)
            ),
        ));
    }
    let citations = &document.metadata.citations;
    if let Some(first) = citations.first() {
        let mut keys: Vec<&str> = citations
            .iter()
            .flat_map(|c| c.keys.iter().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        rows.push(row(
            first.span.start,
            "citations".into(),
            format!(
                "{} marked in the text, citing {} works",
                citations.len(),
                keys.len()
            ),
        ));
    }
    rows.sort_by_cached_key(|(offset, _, _, _)| {
        crate::source::FilePart::reading_key(&document.parts, *offset)
    });
    let mut out = format!("{} ({})\n", document.name, document.format.name());
    for (_, at, what, detail) in rows {
        out.push_str(&format!("{at:>5}  {what:<11} {detail}\n"));
    }
    out
}

/// The outline as JSON (`title`, `abstracts`, `keywords`, `headings`, `references`, …).
pub fn render_json(document: &Document, ms: &Manuscript) -> String {
    let sources = Sources::new(&document.name, &document.text, &document.parts);
    let placed = |text: &MappedText, mut value: serde_json::Value| {
        json_place(&sources, text, &mut value);
        value
    };
    let at = |offset: usize, mut value: serde_json::Value| {
        let (part, line) = place(&sources, offset);
        value["line"] = json!(line);
        if part > 0 {
            value["file"] = json!(sources.parts()[part].name);
        }
        value
    };
    let value = json!({
        "version": 1,
        "path": document.name,
        "format": document.format.name(),
        "language": ms.language,
        "files": document.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        "title": ms.title.as_ref().map(|t| placed(t, json!({ "text": t.as_str() }))),
        "authors": ms.authors.iter().map(|a| placed(a, json!({ "text": a.as_str() }))).collect::<Vec<_>>(),
        "abstracts": ms.abstracts.iter().map(|a| placed(&a.text, json!({
            "language": a.language,
            "words": a.words,
            "end_line": place(&sources, end_offset(&a.text)).1,
            "heading": a.heading.as_ref().map(|h| h.as_str().trim().to_string()),
        }))).collect::<Vec<_>>(),
        "keywords": ms.keywords.iter().map(|k| at(k.span.start, json!({
            "language": k.language,
            "heading": if k.heading.is_empty() { None } else { Some(k.heading.as_str()) },
            "items": k.items.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        }))).collect::<Vec<_>>(),
        "headings": ms.headings.iter().map(|h| placed(&h.text, json!({
            "text": h.text.as_str(),
            "level": h.level,
            "number": h.number,
        }))).collect::<Vec<_>>(),
        "citations": document.metadata.citations.iter().map(|c| at(c.span.start, json!({
            "keys": c.keys,
        }))).collect::<Vec<_>>(),
        "references": ms.references.as_ref().map(|r| r.entries.iter().enumerate().map(|(i, e)| placed(e, json!({
            "text": e.as_str(),
            "key": r.keys.get(i).cloned().flatten(),
        }))).collect::<Vec<_>>()).unwrap_or_default(),
        "reference_heading": ms.references.as_ref().and_then(|r| r.heading.as_ref()).map(|h| placed(h, json!({ "text": h.as_str() }))),
        "trailing": ms.trailing.iter().map(|t| placed(t, json!({ "text": t.as_str() }))).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialize");
    text.push('\n');
    text
}
