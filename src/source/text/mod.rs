//! The plain-text reader: paragraphs are separated by blank lines.
//!
//! Lines inside a paragraph are kept, joined by `\n`, because plain-text manuscripts copied from
//! web pages separate reference entries and footers by single newlines, and text extracted from a
//! PDF wraps its lines; structure detection decides what a line is. Carriage returns are left out
//! of the extracted text, so CRLF and LF files read the same. A line `[galley-…]` is a suppression
//! comment, not prose.
//!
//! Text extracted from a PDF carries page furniture ([`layout`]: form feeds, page numbers,
//! running heads, a table of contents with dot leaders), which is left out as if the line were
//! not there (a paragraph runs on across a page break), and glyphs no one typed ([`glyphs`]:
//! ligatures, detached accents), read as the letters they show. A setext heading (a line
//! underlined with `===` or `---`) is a heading block.

mod glyphs;
mod layout;

use super::{Block, BlockKind, Document, MappedText};

pub(super) fn read(document: &mut Document) {
    let source = document.text.as_str();
    let lines = layout::lines(source);
    let furniture = layout::artefacts(source, &lines);
    let content = |i: usize| &source[lines[i].content.clone()];
    // The next line that is not furniture.
    let next_line = |i: usize| ((i + 1)..lines.len()).find(|&j| !furniture[j]);
    let mut current: Option<MappedText> = None;
    let mut blocks = Vec::new();
    let end_paragraph = |current: &mut Option<MappedText>, blocks: &mut Vec<Block>| {
        if let Some(text) = current.take() {
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                text,
            });
        }
    };
    let mut skip_until = 0;
    for i in 0..lines.len() {
        if i < skip_until || furniture[i] {
            continue;
        }
        let line = content(i);
        // A suppression comment (`[galley-disable …]` alone on a line) is not prose: it ends a
        // paragraph like a blank line does.
        if line.trim().is_empty() || is_comment(line) {
            end_paragraph(&mut current, &mut blocks);
            continue;
        }
        let trimmed_start = lines[i].content.start + (line.len() - line.trim_start().len());
        let trimmed = trimmed_start..lines[i].content.start + line.trim_end().len();
        if let Some(under) = next_line(i)
            && let Some(level) = setext_level(line, content(under))
        {
            end_paragraph(&mut current, &mut blocks);
            let mut text = MappedText::new();
            glyphs::push_line(&mut text, source, trimmed);
            blocks.push(Block {
                kind: BlockKind::Heading(level),
                text,
            });
            skip_until = under + 1;
            continue;
        }
        let text = current.get_or_insert_with(MappedText::new);
        if !text.is_empty() {
            text.push_synthetic("\n");
        }
        glyphs::push_line(text, source, lines[i].content.start..trimmed.end);
    }
    end_paragraph(&mut current, &mut blocks);
    document.blocks.extend(blocks);
}

/// The level of a setext heading whose text is `line` and whose underline is `under`: 1 for
/// `===`, 2 for `---`; the underline is at least three characters and about as long as the text.
fn setext_level(line: &str, under: &str) -> Option<u8> {
    let under = under.trim();
    let level = if under.len() >= 3 && under.chars().all(|c| c == '=') {
        1
    } else if under.len() >= 3 && under.chars().all(|c| c == '-') {
        2
    } else {
        return None;
    };
    let title = line.trim();
    let length = title.chars().count();
    let words = title.split_whitespace().count();
    let shaped = (1..=16).contains(&words)
        && under.len() * 2 >= length
        && under.len() <= length * 2 + 4
        && !title.chars().all(|c| c == '=' || c == '-');
    shaped.then_some(level)
}

/// Whether a line is galley's comment form for plain text.
fn is_comment(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("[galley-") && line.ends_with(']')
}

#[cfg(test)]
mod tests {
    use crate::source::{BlockKind, Document, Format, read_text};

    fn texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| b.text.as_str().to_string())
            .collect::<Vec<_>>()
    }

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
        assert_eq!(texts(&lf), vec!["Title", "First line\nsecond line", "Last"]);
        assert_eq!(texts(&lf), texts(&crlf));
        let second = &crlf.blocks[1].text;
        let at = second.as_str().find("second").unwrap();
        assert_eq!(&crlf.text[second.to_source(at..at + 6)], "second");
    }

    #[test]
    fn page_furniture_is_left_out_and_paragraphs_run_across_pages() {
        let source = "Contents\n1 Intro . . . . . 1\n\n\u{c}The text runs on\n393\n\u{c}across the page \u{FB01}ne.\n";
        let doc = read_text("a.txt", Format::Text, source.into()).unwrap();
        assert_eq!(texts(&doc), ["The text runs on\nacross the page fine."]);
        let text = &doc.blocks[0].text;
        let at = text.as_str().find("across").unwrap();
        assert_eq!(&source[text.to_source(at..at + 6)], "across");
    }

    #[test]
    fn setext_underlines_make_headings() {
        let source = "Abstract\n========\n\nText here.\nMethods\n-------\nMore.\n\nA rule\n---------------------------------\n";
        let doc = read_text("a.txt", Format::Text, source.into()).unwrap();
        let kinds: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading(1), "Abstract"),
                (BlockKind::Paragraph, "Text here."),
                (BlockKind::Heading(2), "Methods"),
                (BlockKind::Paragraph, "More."),
                (
                    BlockKind::Paragraph,
                    "A rule\n---------------------------------"
                ),
            ]
        );
    }
}
