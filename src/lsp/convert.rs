//! Positions and diagnostics in the protocol's terms: byte offsets to and from LSP positions (in
//! UTF-16 code units, or in bytes when the client agreed to UTF-8), and galley's diagnostics to
//! LSP diagnostics with their code, link, severity, related places and tags.

use std::collections::HashMap;
use std::ops::Range;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    NumberOrString, Position, Url,
};

use crate::diagnostic::{Diagnostic, Severity};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// Where each line of a text starts, to turn byte offsets into positions and back.
#[derive(Debug, Clone)]
pub struct LineMap {
    starts: Vec<usize>,
}

impl LineMap {
    /// Lines end after `\n` (a `\r` before it stays at the line's end, as LSP counts it).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The position of byte `offset` of `text` (clamped to the text and rounded down to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = crate::position::floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = match encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => text[start..offset].chars().map(char::len_utf16).sum(),
        };
        Position::new(line as u32, column as u32)
    }

    /// The byte offset of `position` in `text`: a line past the end is the text's end, a column
    /// past the line's end is the line's end, and one inside a character is its start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |&next| next - 1);
        let line = &text[start..end];
        let wanted = position.character as usize;
        let local = match encoding {
            Encoding::Utf8 => crate::position::floor_char_boundary(line, wanted),
            Encoding::Utf16 => {
                let mut units = 0;
                let mut at = line.len();
                for (i, c) in line.char_indices() {
                    if units >= wanted {
                        at = i;
                        break;
                    }
                    units += c.len_utf16();
                    if units > wanted {
                        at = i;
                        break;
                    }
                }
                at
            }
        };
        start + local
    }

    /// The LSP range of a byte span of `text`.
    pub fn range(&self, text: &str, span: &Range<usize>, encoding: Encoding) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end.max(span.start), encoding),
        )
    }
}

/// One file of a checked document as the client knows it: its URI, its text and line map, and
/// where it stands in the document's text.
#[derive(Debug, Clone)]
pub struct PartView {
    pub uri: Url,
    /// The part's byte range in the document's text.
    pub range: Range<usize>,
    pub lines: LineMap,
}

/// The files of a checked document, to place a span of its text in one of them.
#[derive(Debug, Clone)]
pub struct Parts {
    pub views: Vec<PartView>,
}

impl Parts {
    /// The files of a checked document as the client knows them: the main file under `key`,
    /// the others (included files, bibliographies) by their absolute paths.
    pub fn of(document: &crate::source::Document, key: &Url) -> Parts {
        let text = &document.text;
        let views = document
            .parts
            .iter()
            .enumerate()
            .map(|(i, part)| {
                let uri = if i == 0 {
                    key.clone()
                } else {
                    Url::from_file_path(super::workspace::normalize(std::path::Path::new(
                        &part.name,
                    )))
                    .unwrap_or_else(|()| key.clone())
                };
                let local = text.get(part.range.clone()).unwrap_or("");
                PartView {
                    uri,
                    range: part.range.clone(),
                    lines: LineMap::new(local),
                }
            })
            .collect();
        Parts { views }
    }

    /// `span` of the document's text as a URI and an LSP range in that file.
    pub fn locate(
        &self,
        text: &str,
        span: &Range<usize>,
        encoding: Encoding,
    ) -> Option<(usize, lsp_types::Range)> {
        let index = self
            .views
            .partition_point(|p| p.range.start <= span.start)
            .checked_sub(1)?;
        let view = &self.views[index];
        let local_text = text.get(view.range.clone())?;
        let start = span.start.min(view.range.end) - view.range.start;
        let end = span.end.clamp(span.start, view.range.end) - view.range.start;
        Some((index, view.lines.range(local_text, &(start..end), encoding)))
    }

    /// The index of the part shown under `uri`.
    pub fn index_of(&self, uri: &Url) -> Option<usize> {
        self.views.iter().position(|v| &v.uri == uri)
    }
}

/// Rules whose findings mark text that can go: the editor greys it out.
const UNNECESSARY: &[&str] = &[
    "repeated-word",
    "wordy-phrase",
    "doubled-space",
    "invisible-character",
    "trailing-material",
    "unused-suppression",
];

/// galley's severities in LSP's.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Converts a document's diagnostics, grouped by the URI of the file each belongs to. `links`
/// gives the explanation page of a rule id, when there is one.
pub fn diagnostics(
    text: &str,
    parts: &Parts,
    found: &[Diagnostic],
    encoding: Encoding,
    links: &mut dyn FnMut(&str) -> Option<Url>,
) -> HashMap<Url, Vec<lsp_types::Diagnostic>> {
    let mut by_uri: HashMap<Url, Vec<lsp_types::Diagnostic>> = HashMap::new();
    for d in found {
        let Some((index, range)) = parts.locate(text, &d.span, encoding) else {
            continue;
        };
        let related: Vec<DiagnosticRelatedInformation> = d
            .secondary
            .iter()
            .filter_map(|label| {
                let (at, range) = parts.locate(text, &label.span, encoding)?;
                Some(DiagnosticRelatedInformation {
                    location: lsp_types::Location::new(parts.views[at].uri.clone(), range),
                    message: label.message.clone(),
                })
            })
            .collect();
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let diagnostic = lsp_types::Diagnostic {
            range,
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(d.rule.clone())),
            code_description: links(&d.rule).map(|href| CodeDescription { href }),
            source: Some("galley".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: UNNECESSARY
                .contains(&d.rule.as_str())
                .then(|| vec![DiagnosticTag::UNNECESSARY]),
            data: None,
        };
        by_uri
            .entry(parts.views[index].uri.clone())
            .or_default()
            .push(diagnostic);
    }
    by_uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_round_trip() {
        let text = "a😀b\nçd";
        let lines = LineMap::new(text);
        // "b" stands after one ASCII letter and one astral character (two UTF-16 units).
        let b = text.find('b').unwrap();
        assert_eq!(
            lines.position(text, b, Encoding::Utf16),
            Position::new(0, 3)
        );
        assert_eq!(lines.position(text, b, Encoding::Utf8), Position::new(0, 5));
        let d = text.find('d').unwrap();
        assert_eq!(
            lines.position(text, d, Encoding::Utf16),
            Position::new(1, 1)
        );
        assert_eq!(lines.offset(text, Position::new(1, 1), Encoding::Utf16), d);
        assert_eq!(lines.offset(text, Position::new(0, 3), Encoding::Utf16), b);
        assert_eq!(lines.offset(text, Position::new(0, 5), Encoding::Utf8), b);
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let text = "ab\ncd";
        let lines = LineMap::new(text);
        assert_eq!(lines.offset(text, Position::new(0, 99), Encoding::Utf16), 2);
        assert_eq!(lines.offset(text, Position::new(9, 0), Encoding::Utf16), 5);
        // Inside a surrogate pair: the character's start.
        let emoji = "😀x";
        let lines = LineMap::new(emoji);
        assert_eq!(lines.offset(emoji, Position::new(0, 1), Encoding::Utf16), 0);
    }
}
