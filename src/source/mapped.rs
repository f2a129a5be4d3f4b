//! Text extracted from a source file, with a map from every extracted byte back to the byte of the
//! source it came from.
//!
//! Readers build a [`MappedText`] for each block of prose: plain text maps one to one, Markdown
//! drops its markup, LaTeX its commands. Checks search the extracted text and hand spans of it to
//! [`MappedText::to_source`], so every diagnostic points at the real place in the real file. This
//! module knows nothing about formats or rules.

use std::ops::Range;

/// One run of extracted text copied verbatim from the source (`source_len == len`), or a
/// replacement that stands for `source_len` bytes of the source (a ligature read as its letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    text_start: usize,
    source_start: usize,
    len: usize,
    source_len: usize,
}

impl Segment {
    fn verbatim(&self) -> bool {
        self.len == self.source_len
    }
}

/// Extracted text plus the way back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    text: String,
    segments: Vec<Segment>,
}

impl MappedText {
    /// An empty text; fill it with [`MappedText::push_source`] and [`MappedText::push_synthetic`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Text that is exactly `source[range]`.
    pub fn from_source(source: &str, range: Range<usize>) -> Self {
        let mut text = Self::new();
        text.push_source(source, range);
        text
    }

    /// Appends `source[range]`, remembering where it came from.
    pub fn push_source(&mut self, source: &str, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        self.push_at(&source[range.clone()], range.start);
    }

    /// Appends `piece`, which stands at byte `at` of the source (a file read on its own whose
    /// text is later placed at an offset of the document's text).
    pub fn push_at(&mut self, piece: &str, at: usize) {
        if piece.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(piece);
        if let Some(last) = self.segments.last_mut()
            && last.verbatim()
            && last.text_start + last.len == text_start
            && last.source_start + last.len == at
        {
            last.len += piece.len();
            last.source_len += piece.len();
            return;
        }
        self.segments.push(Segment {
            text_start,
            source_start: at,
            len: piece.len(),
            source_len: piece.len(),
        });
    }

    /// Appends `piece` as the reading of the source bytes `source` that it replaces (a ligature
    /// `ﬁ` read as `fi`, a detached accent and its letter read as one letter). A span that covers
    /// the whole piece maps to the whole source range; one inside it maps to its start.
    pub fn push_replacement(&mut self, piece: &str, source: Range<usize>) {
        if piece.is_empty() {
            return;
        }
        let text_start = self.text.len();
        self.text.push_str(piece);
        self.segments.push(Segment {
            text_start,
            source_start: source.start,
            len: piece.len(),
            source_len: source.len(),
        });
    }

    /// Appends text that has no counterpart in the source (a separator, a placeholder).
    pub fn push_synthetic(&mut self, piece: &str) {
        self.text.push_str(piece);
    }

    /// Appends all of `other`, keeping its mapping.
    pub fn append(&mut self, other: &MappedText) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        for segment in &other.segments {
            let shifted = Segment {
                text_start: segment.text_start + base,
                ..*segment
            };
            match self.segments.last_mut() {
                Some(last)
                    if last.verbatim()
                        && shifted.verbatim()
                        && last.text_start + last.len == shifted.text_start
                        && last.source_start + last.len == shifted.source_start =>
                {
                    last.len += shifted.len;
                    last.source_len += shifted.len;
                }
                _ => self.segments.push(shifted),
            }
        }
    }

    /// The extracted text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether nothing was extracted.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The source byte range that `range` of the extracted text came from.
    ///
    /// Bytes inserted by the reader map to the nearest source byte before them, so the result is
    /// always a valid range inside the source.
    pub fn to_source(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start, false);
        let end = if range.end > range.start {
            self.source_offset(range.end, true)
        } else {
            start
        };
        start..end.max(start)
    }

    /// Whether the source bytes in `range` were copied into this text verbatim, as one run: then
    /// the source there is prose exactly as checked, with no markup dropped inside it.
    pub fn covers_verbatim(&self, range: &Range<usize>) -> bool {
        self.verbatim_ranges()
            .any(|r| r.start <= range.start && range.end <= r.end)
    }

    /// The source ranges this text copies verbatim, each one run, in the order they appear in
    /// the text: there the source is prose exactly as checked, with no markup dropped inside.
    pub fn verbatim_ranges(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.segments
            .iter()
            .filter(|s| s.verbatim())
            .map(|s| s.source_start..s.source_start + s.len)
    }

    /// Source span of the whole text.
    pub fn source_span(&self) -> Range<usize> {
        self.to_source(0..self.text.len())
    }

    /// The part of this text in `range`, still mapped to the source.
    pub fn slice(&self, range: Range<usize>) -> MappedText {
        let mut out = MappedText::new();
        out.text.push_str(&self.text[range.clone()]);
        for segment in &self.segments {
            let seg_end = segment.text_start + segment.len;
            let lo = segment.text_start.max(range.start);
            let hi = seg_end.min(range.end);
            if lo < hi && segment.verbatim() {
                out.segments.push(Segment {
                    text_start: lo - range.start,
                    source_start: segment.source_start + (lo - segment.text_start),
                    len: hi - lo,
                    source_len: hi - lo,
                });
            } else if lo < hi {
                // Part of a replacement still stands for the whole of its source.
                out.segments.push(Segment {
                    text_start: lo - range.start,
                    len: hi - lo,
                    ..*segment
                });
            }
        }
        out
    }

    /// The text with surrounding white space removed, still mapped.
    pub fn trimmed(&self) -> MappedText {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        self.slice(start..end)
    }

    /// Maps one offset. `is_end` picks the segment that ends at a boundary rather than the one
    /// that starts there, so that the end of a word maps to the end of that word.
    fn source_offset(&self, offset: usize, is_end: bool) -> usize {
        if self.segments.is_empty() {
            return 0;
        }
        let index = self.segments.partition_point(|s| {
            if is_end {
                s.text_start < offset
            } else {
                s.text_start <= offset
            }
        });
        if index == 0 {
            return self.segments[0].source_start;
        }
        let segment = self.segments[index - 1];
        let within = (offset - segment.text_start).min(segment.len);
        if segment.verbatim() {
            return segment.source_start + within;
        }
        if within == segment.len || (is_end && within > 0) {
            segment.source_start + segment.source_len
        } else {
            segment.source_start
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_text_maps_to_itself_plus_offset() {
        let source = "# Title\n\nSome *bold* words.";
        let text = MappedText::from_source(source, 9..source.len());
        assert_eq!(text.to_source(0..4), 9..13);
    }

    #[test]
    fn dropped_markup_is_skipped_in_the_map() {
        let source = "Some *bold* words.";
        let mut text = MappedText::new();
        text.push_source(source, 0..5);
        text.push_source(source, 6..10);
        text.push_source(source, 11..18);
        assert_eq!(text.as_str(), "Some bold words.");
        let bold = text.as_str().find("bold").unwrap();
        assert_eq!(&source[text.to_source(bold..bold + 4)], "bold");
        let words = text.as_str().find("words").unwrap();
        assert_eq!(&source[text.to_source(words..words + 5)], "words");
        assert_eq!(&source[text.to_source(0..text.as_str().len())], source);
    }

    #[test]
    fn synthetic_bytes_map_to_a_neighbour() {
        let source = "alpha\n  beta";
        let mut text = MappedText::new();
        text.push_source(source, 0..5);
        text.push_synthetic(" ");
        text.push_source(source, 8..12);
        assert_eq!(text.as_str(), "alpha beta");
        assert_eq!(text.to_source(6..10), 8..12);
        assert_eq!(text.to_source(5..6), 5..5);
    }

    #[test]
    fn replacements_map_whole_spans_to_the_whole_source() {
        let source = "a \u{FB01}ne day";
        let mut text = MappedText::new();
        text.push_source(source, 0..2);
        text.push_replacement("fi", 2..5);
        text.push_source(source, 5..11);
        assert_eq!(text.as_str(), "a fine day");
        assert_eq!(&source[text.to_source(2..6)], "\u{FB01}ne");
        assert_eq!(text.to_source(2..4), 2..5);
        assert!(!text.covers_verbatim(&(2..5)));
        assert!(text.covers_verbatim(&(5..7)));
        let part = text.slice(2..6);
        assert_eq!(part.as_str(), "fine");
        assert_eq!(&source[part.source_span()], "\u{FB01}ne");
    }

    #[test]
    fn slices_keep_their_mapping() {
        let source = "one two three";
        let text = MappedText::from_source(source, 0..source.len());
        let part = text.slice(4..7);
        assert_eq!(part.as_str(), "two");
        assert_eq!(part.to_source(0..3), 4..7);
        let trimmed = MappedText::from_source("  x  ", 0..5).trimmed();
        assert_eq!(trimmed.as_str(), "x");
        assert_eq!(trimmed.source_span(), 2..3);
    }
}
