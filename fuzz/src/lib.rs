//! What every fuzz target asserts about a read document: its blocks, metadata and diagnostics
//! point inside its text, on character boundaries.

use galley::diagnostic::Diagnostic;
use galley::source::{Document, Format, MappedText, read_bytes};
use std::ops::Range;

/// Panics unless `span` is a valid range of `text` on character boundaries.
pub fn assert_span(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

fn assert_mapped(text: &str, mapped: &MappedText, what: &str) {
    if !mapped.is_empty() {
        assert_span(text, &mapped.source_span(), what);
    }
}

/// Panics unless everything the reader produced maps into the document's text.
pub fn assert_document(document: &Document) {
    let text = &document.text;
    for block in &document.blocks {
        assert_mapped(text, &block.text, "block");
    }
    let meta = &document.metadata;
    if let Some(title) = &meta.title {
        assert_mapped(text, title, "title");
    }
    for a in &meta.abstracts {
        assert_mapped(text, &a.text, "abstract");
    }
    for k in &meta.keywords {
        for item in &k.items {
            assert_mapped(text, item, "keyword");
        }
    }
    for r in &meta.references {
        assert_mapped(text, &r.text, "reference");
    }
    for c in &meta.citations {
        assert_span(text, &c.span, "keyed citation");
    }
    for (span, _) in &document.warnings {
        assert_span(text, span, "reader warning");
    }
    for part in &document.parts {
        assert_span(text, &part.range, "file part");
    }
}

/// Panics unless every diagnostic (and its secondary labels) points inside `text`.
pub fn assert_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        assert_span(text, &d.span, &d.rule);
        for label in &d.secondary {
            assert_span(text, &label.span, &d.rule);
        }
        if let Some(fix) = &d.fix {
            assert_span(text, &fix.span, &d.rule);
        }
    }
}

/// Reads `data` as `format` and checks the result's spans; errors are fine, panics are not.
pub fn read(format: Format, name: &str, data: &[u8]) -> Option<Document> {
    let document = read_bytes(name, format, data).ok()?;
    assert_document(&document);
    Some(document)
}
