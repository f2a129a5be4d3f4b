//! Byte offsets to 1-based lines and character columns, in one place.
//!
//! Spans are byte ranges everywhere in galley; people read lines and columns counted in
//! characters. Every reporter converts through [`LineIndex`] so that accented and non-Latin text
//! is underlined and numbered the same way in every output format.
//!
//! Columns cost the same on any line: the index keeps the number of characters before a
//! checkpoint every [`CHECKPOINT_BYTES`] bytes, so counting the characters before an offset reads
//! at most that many bytes, whether the line is 80 characters long or the whole file (minified
//! XML, text pasted from a PDF without line breaks).

use std::ops::Range;

/// Bytes between two character-count checkpoints: the most any column look-up reads.
const CHECKPOINT_BYTES: usize = 512;

/// Start offsets of the lines of one text, and character counts at regular checkpoints.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(byte, chars)`: the char boundary at or below `k * CHECKPOINT_BYTES` and the number of
    /// characters before it, for every `k` up to the text's length.
    checkpoints: Vec<(usize, usize)>,
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
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let (mut byte, mut chars) = (0, 0);
        for k in 0..=text.len() / CHECKPOINT_BYTES {
            let next = floor_char_boundary(text, k * CHECKPOINT_BYTES);
            chars += text[byte..next].chars().count();
            byte = next;
            checkpoints.push((byte, chars));
        }
        Self {
            starts,
            checkpoints,
        }
    }

    /// Number of characters of `text` before `offset` (a char boundary), reading at most
    /// [`CHECKPOINT_BYTES`] bytes.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let (byte, chars) = self
            .checkpoints
            .get(offset / CHECKPOINT_BYTES)
            .copied()
            .unwrap_or((0, 0));
        chars + text[byte..offset].chars().count()
    }

    /// Number of characters of `text` between two offsets (rounded down to char boundaries).
    pub fn chars_between(&self, text: &str, from: usize, to: usize) -> usize {
        let from = floor_char_boundary(text, from);
        let to = floor_char_boundary(text, to.max(from));
        self.chars_before(text, to) - self.chars_before(text, from)
    }

    /// Byte offset where the 1-based `line` ends: its `\n` (or the text's end for the last line).
    pub fn line_end(&self, text_len: usize, line: usize) -> usize {
        match self.starts.get(line.max(1)) {
            Some(&next) => next - 1,
            None => text_len,
        }
    }

    /// The 1-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
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
        let column = self.chars_before(text, offset) - self.chars_before(text, start) + 1;
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
    fn columns_on_a_long_line_agree_with_counting_from_its_start() {
        // Several checkpoints, multi-byte characters straddling them, and several lines.
        let text = format!("{}\n{}", "aé漢🙂 ".repeat(400), "ğx".repeat(700));
        let index = LineIndex::new(&text);
        for offset in (0..=text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(7)
        {
            let line_start = text[..offset].rfind('\n').map_or(0, |at| at + 1);
            let expected = text[line_start..offset].chars().count() + 1;
            assert_eq!(
                index.position(&text, offset).column,
                expected,
                "at {offset}"
            );
        }
        let second = text.find('ğ').unwrap();
        assert_eq!(index.chars_between(&text, second, text.len()), 1400);
        assert_eq!(index.line_end(text.len(), 1), second - 1);
        assert_eq!(index.line_end(text.len(), 2), text.len());
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
