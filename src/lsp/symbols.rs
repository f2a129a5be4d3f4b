//! The outline pane: `textDocument/documentSymbol` from what structure detection recognised
//! (title, abstracts with language and word count, keyword lists, headings, the reference list
//! with its size), nested under the headings they stand under.

use std::ops::Range;

use lsp_types::{DocumentSymbol, SymbolKind};

use super::convert::{Encoding, Parts};
use crate::manuscript::Manuscript;

/// A symbol before nesting: its span in the document's text and, for a heading, its level.
struct Flat {
    span: Range<usize>,
    level: Option<u8>,
    symbol: DocumentSymbol,
}

#[allow(deprecated)]
fn symbol(name: String, detail: Option<String>, kind: SymbolKind) -> DocumentSymbol {
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(empty)".into()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: lsp_types::Range::default(),
        selection_range: lsp_types::Range::default(),
        children: None,
    }
}

/// One line of a text, shortened for the outline.
fn short(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 80 {
        let cut: String = line.chars().take(77).collect();
        format!("{cut}…")
    } else {
        line
    }
}

/// The outline of the part of a checked document shown under part `index`.
pub fn outline(
    text: &str,
    manuscript: &Manuscript,
    parts: &Parts,
    index: usize,
    encoding: Encoding,
) -> Vec<DocumentSymbol> {
    let mut flat: Vec<Flat> = Vec::new();
    let mut add = |span: Range<usize>, level: Option<u8>, symbol: DocumentSymbol| {
        flat.push(Flat {
            span,
            level,
            symbol,
        });
    };
    if let Some(title) = &manuscript.title {
        add(
            title.source_span(),
            None,
            symbol(
                short(title.as_str()),
                Some("title".into()),
                SymbolKind::FILE,
            ),
        );
    }
    for a in &manuscript.abstracts {
        let language = a.language.unwrap_or("language unknown");
        let mut s = symbol(
            "Abstract".into(),
            Some(format!("{language} · {} words", a.words)),
            SymbolKind::STRING,
        );
        if let Some(heading) = &a.heading {
            s.name = short(heading.as_str());
        }
        let span = match &a.heading {
            Some(h) => h.source_span().start..a.text.source_span().end,
            None => a.text.source_span(),
        };
        add(span, None, s);
    }
    for k in &manuscript.keywords {
        let language = k.language.unwrap_or("language unknown");
        let items: Vec<String> = k.items.iter().map(|i| short(i.as_str())).collect();
        add(
            k.span.clone(),
            None,
            symbol(
                format!("Keywords: {}", items.join(", ")),
                Some(format!("{language} · {} keywords", items.len())),
                SymbolKind::ARRAY,
            ),
        );
    }
    for h in &manuscript.headings {
        add(
            h.text.source_span(),
            Some(h.level.max(1)),
            symbol(short(h.text.as_str()), None, SymbolKind::NAMESPACE),
        );
    }
    if let Some(references) = &manuscript.references {
        let first = references
            .heading
            .iter()
            .chain(references.entries.iter())
            .map(|t| t.source_span())
            .filter(|s| s.start < s.end);
        let span = first
            .clone()
            .map(|s| s.start)
            .min()
            .zip(first.map(|s| s.end).max())
            .map_or(0..0, |(start, end)| start..end);
        let count = references.entries.len();
        let name = references
            .heading
            .as_ref()
            .map_or("References".to_string(), |h| short(h.as_str()));
        add(
            span,
            None,
            symbol(
                name,
                Some(format!(
                    "{count} {}",
                    if count == 1 { "entry" } else { "entries" }
                )),
                SymbolKind::ARRAY,
            ),
        );
    }
    // Only what stands in this file, in reading order; a heading and the item it heads share a
    // span start, the heading first.
    let view = &parts.views[index];
    flat.retain(|f| {
        view.range.start <= f.span.start
            && f.span.start <= view.range.end
            && f.span.start < f.span.end
    });
    flat.sort_by_key(|f| (f.span.start, f.level.is_none()));
    let part_end = view.range.end;
    // A heading runs to the next heading at its level or above.
    for i in 0..flat.len() {
        let end = match flat[i].level {
            Some(level) => flat[i + 1..]
                .iter()
                .find(|f| f.level.is_some_and(|l| l <= level))
                .map_or(part_end, |f| f.span.start),
            None => flat[i].span.end,
        };
        let start = flat[i].span.start;
        let selection = flat[i].span.clone();
        let Some((_, range)) = parts.locate(text, &(start..end.max(selection.end)), encoding)
        else {
            continue;
        };
        let Some((_, selection)) = parts.locate(text, &selection, encoding) else {
            continue;
        };
        flat[i].symbol.range = range;
        flat[i].symbol.selection_range = selection;
    }
    nest(flat)
}

/// Nests symbols under the headings before them by level; other items go under the last heading.
fn nest(flat: Vec<Flat>) -> Vec<DocumentSymbol> {
    // A stack of open headings: (level, symbol).
    let mut stack: Vec<(u8, DocumentSymbol)> = Vec::new();
    let mut top: Vec<DocumentSymbol> = Vec::new();
    fn close(stack: &mut Vec<(u8, DocumentSymbol)>, top: &mut Vec<DocumentSymbol>) {
        if let Some((_, done)) = stack.pop() {
            match stack.last_mut() {
                Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(done),
                None => top.push(done),
            }
        }
    }
    for f in flat {
        match f.level {
            Some(level) => {
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    close(&mut stack, &mut top);
                }
                stack.push((level, f.symbol));
            }
            None => match stack.last_mut() {
                Some((_, parent)) => parent.children.get_or_insert_with(Vec::new).push(f.symbol),
                None => top.push(f.symbol),
            },
        }
    }
    while !stack.is_empty() {
        close(&mut stack, &mut top);
    }
    top
}
