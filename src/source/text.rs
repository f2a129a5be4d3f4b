//! The plain-text reader: paragraphs are separated by blank lines.
//!
//! Lines inside a paragraph are kept, joined by `\n`, because plain-text manuscripts copied from
//! web pages separate reference entries and footers by single newlines; structure detection
//! decides what a line is. Carriage returns are left out of the extracted text, so CRLF and LF
//! files read the same. A line `[galley-…]` is a suppression comment, not prose.

use super::{Block, BlockKind, Document, MappedText};

pub(super) fn read(document: &mut Document) {
    let source = document.text.as_str();
    let mut current: Option<MappedText> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let content_end = offset + line.trim_end_matches(['\n', '\r']).len();
        let content = &source[offset..content_end];
        // A suppression comment (`[galley-disable …]` alone on a line) is not prose: it ends a
        // paragraph like a blank line does.
        if content.trim().is_empty() || is_comment(content) {
            if let Some(text) = current.take() {
                document.blocks.push(Block {
                    kind: BlockKind::Paragraph,
                    text,
                });
            }
        } else {
            let text = current.get_or_insert_with(MappedText::new);
            if !text.is_empty() {
                text.push_synthetic("\n");
            }
            text.push_source(source, offset..content_end);
        }
        offset += line.len();
    }
    if let Some(text) = current {
        document.blocks.push(Block {
            kind: BlockKind::Paragraph,
            text,
        });
    }
}

/// Whether a line is galley's comment form for plain text.
fn is_comment(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("[galley-") && line.ends_with(']')
}

#[cfg(test)]
mod tests {
    use crate::source::{Format, read_text};

    #[test]
    fn blank_lines_separate_paragraphs_and_crlf_reads_like_lf() {
        let lf = read_text(
            "a.txt",
            Format::Text,
            "Title\n\nFirst line\nsecond line\n\n\nLast\n".into(),
        )
        .unwrap();
        let crlf = read_text(
            "a.txt",
            Format::Text,
            "Title\r\n\r\nFirst line\r\nsecond line\r\n\r\n\r\nLast\r\n".into(),
        )
        .unwrap();
        let texts = |d: &crate::source::Document| {
            d.blocks
                .iter()
                .map(|b| b.text.as_str().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&lf), vec!["Title", "First line\nsecond line", "Last"]);
        assert_eq!(texts(&lf), texts(&crlf));
        let second = &crlf.blocks[1].text;
        let at = second.as_str().find("second").unwrap();
        assert_eq!(&crlf.text[second.to_source(at..at + 6)], "second");
    }
}
