//! Byte offsets to 1-based lines and character columns, in one place.
//!
//! Spans are byte ranges everywhere in galley; people read lines and columns counted in
//! characters. Every reporter converts through [`LineIndex`] so that accented and non-Latin text
//! is underlined and numbered the same way in every output format.

use std::ops::Range;

/// Start offsets of the lines of one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    /// Indexes `text`; a line ends after `\n` (so CRLF files keep `\r` at the line's end).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The 1-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    /// Line and character column of `offset` in `text` (the text this index was built from).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = text[start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// Positions of both ends of `span`.
    pub fn range(&self, text: &str, span: &Range<usize>) -> (Position, Position) {
        (
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "Öz\nçalışma için ğ\n摘要 关键词";
        let index = LineIndex::new(text);
        let at = text.find("için").unwrap();
        assert_eq!(index.position(text, at), Position { line: 2, column: 9 });
        let cjk = text.find("关键词").unwrap();
        assert_eq!(index.position(text, cjk), Position { line: 3, column: 4 });
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn offsets_inside_a_character_round_down() {
        let text = "é";
        assert_eq!(
            LineIndex::new(text).position(text, 1),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn crlf_lines_are_counted_once() {
        let text = "a\r\nb\r\nc";
        let index = LineIndex::new(text);
        assert_eq!(
            index.position(text, text.find('c').unwrap()),
            Position { line: 3, column: 1 }
        );
    }
}
