//! Source excerpts for the human format: only the lines a diagnostic touches, with very long lines
//! (a paragraph pasted as one line is common in plain-text manuscripts) cut to a window around
//! the underlined text, while line and column numbers stay those of the real file.
//!
//! [`Excerpt`] implements codespan-reporting's `Files` for one diagnostic; [`Excerpt::map`]
//! moves a span of the real file into the excerpt.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::position::{LineIndex, floor_char_boundary};

/// Lines longer than this many characters are cut around the labels.
const MAX_LINE_CHARS: usize = 160;
/// Characters kept on each side of the labels of a cut line.
const CONTEXT_CHARS: usize = 50;
const ELLIPSIS: &str = "…";

struct ExcerptLine {
    /// Range of the line in the excerpt text.
    range: Range<usize>,
    /// 0-based line index in the real file.
    real_index: usize,
    /// Byte range of the whole real line.
    real_range: Range<usize>,
    /// Real byte range kept from the line.
    kept: Range<usize>,
    /// Whether the excerpt line starts with an ellipsis.
    cut_start: bool,
    /// Characters of the real line before `kept.start`.
    chars_before: usize,
}

/// The lines one diagnostic shows.
pub struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<ExcerptLine>,
}

impl<'a> Excerpt<'a> {
    /// An excerpt of `source` showing the lines that `spans` touch.
    pub fn new(name: &'a str, source: &str, index: &LineIndex, spans: &[Range<usize>]) -> Self {
        let mut wanted: Vec<usize> = Vec::new();
        for span in spans {
            let first = index.line_of(span.start);
            let last = index.line_of(span.end.max(span.start));
            wanted.extend(first..=last);
        }
        wanted.sort_unstable();
        wanted.dedup();

        let mut text = String::new();
        let mut lines = Vec::with_capacity(wanted.len());
        for line in wanted {
            let start = index.line_start(line);
            let end = index.line_end(source.len(), line).max(start);
            let end = if source[..end].ends_with('\r') {
                end - 1
            } else {
                end
            };
            let (kept, cut_start, cut_end) = window(source, start..end, spans);
            let excerpt_start = text.len();
            if cut_start {
                text.push_str(ELLIPSIS);
            }
            text.push_str(&source[kept.clone()]);
            if cut_end {
                text.push_str(ELLIPSIS);
            }
            let chars_before = index.chars_between(source, start, kept.start);
            lines.push(ExcerptLine {
                range: excerpt_start..text.len(),
                real_index: line - 1,
                real_range: start..end,
                kept,
                cut_start,
                chars_before,
            });
            text.push('\n');
        }
        Self { name, text, lines }
    }

    /// The excerpt range for a real span.
    pub fn map(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.map_offset(span.start);
        let end = self.map_offset(span.end).max(start);
        start..end
    }

    fn map_offset(&self, offset: usize) -> usize {
        let Some(line) = self
            .lines
            .iter()
            .rev()
            .find(|l| l.real_range.start <= offset)
        else {
            return 0;
        };
        let prefix = if line.cut_start { ELLIPSIS.len() } else { 0 };
        let within = offset.clamp(line.kept.start, line.kept.end) - line.kept.start;
        line.range.start + prefix + within
    }

    fn line_of(&self, byte_index: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.start <= byte_index)
            .saturating_sub(1)
    }
}

/// The part of `line` to show: all of it when short, else a window around the labels on it.
fn window(source: &str, line: Range<usize>, spans: &[Range<usize>]) -> (Range<usize>, bool, bool) {
    if !longer_than(&source[line.clone()], MAX_LINE_CHARS) {
        return (line, false, false);
    }
    let on_line: Vec<&Range<usize>> = spans
        .iter()
        .filter(|s| s.start <= line.end && s.end >= line.start)
        .collect();
    let lo = on_line
        .iter()
        .map(|s| s.start.max(line.start))
        .min()
        .unwrap_or(line.start);
    let hi = on_line
        .iter()
        .map(|s| s.end.min(line.end))
        .max()
        .unwrap_or(line.start);
    let start = back_chars(source, lo, CONTEXT_CHARS).max(line.start);
    let end = forward_chars(source, hi, CONTEXT_CHARS).min(line.end);
    let start = floor_char_boundary(source, start);
    (start..end, start > line.start, end < line.end)
}

/// Whether `text` has more than `max` characters, reading at most `max + 1` of them.
fn longer_than(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().nth(max).is_some()
}

fn back_chars(source: &str, from: usize, count: usize) -> usize {
    source[..from]
        .char_indices()
        .rev()
        .nth(count.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(source: &str, from: usize, count: usize) -> usize {
    source[from..]
        .char_indices()
        .nth(count)
        .map_or(source.len(), |(i, _)| from + i)
}

/// The excerpts of one diagnostic whose labels fall in several files (a LaTeX document and the
/// files it includes), one file id each.
pub struct Excerpts<'a> {
    excerpts: Vec<Excerpt<'a>>,
}

impl<'a> Excerpts<'a> {
    pub fn new(excerpts: Vec<Excerpt<'a>>) -> Self {
        Self { excerpts }
    }

    /// The excerpt range of a span of file `file`'s own text.
    pub fn map(&self, file: usize, span: &Range<usize>) -> Range<usize> {
        self.excerpts.get(file).map_or(0..0, |e| e.map(span))
    }

    fn get(&self, file: usize) -> Result<&Excerpt<'a>, Error> {
        self.excerpts.get(file).ok_or(Error::FileMissing)
    }
}

impl<'a> Files<'a> for Excerpts<'a> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, file: usize) -> Result<&'a str, Error> {
        self.get(file)?.name(())
    }

    fn source(&'a self, file: usize) -> Result<&'a str, Error> {
        self.get(file)?.source(())
    }

    fn line_index(&'a self, file: usize, byte_index: usize) -> Result<usize, Error> {
        self.get(file)?.line_index((), byte_index)
    }

    fn line_number(&'a self, file: usize, line_index: usize) -> Result<usize, Error> {
        self.get(file)?.line_number((), line_index)
    }

    fn column_number(
        &'a self,
        file: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        self.get(file)?.column_number((), line_index, byte_index)
    }

    fn line_range(&'a self, file: usize, line_index: usize) -> Result<Range<usize>, Error> {
        self.get(file)?.line_range((), line_index)
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, _: ()) -> Result<&'a str, Error> {
        Ok(self.name)
    }

    fn source(&'a self, _: ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, _: (), byte_index: usize) -> Result<usize, Error> {
        Ok(self.line_of(byte_index))
    }

    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, Error> {
        self.lines
            .get(line_index)
            .map(|l| l.real_index + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len(),
            })
    }

    fn column_number(
        &'a self,
        _: (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len(),
        })?;
        let prefix = if line.cut_start { ELLIPSIS.len() } else { 0 };
        let from = (line.range.start + prefix).min(byte_index);
        let within = self
            .text
            .get(from..byte_index.min(line.range.end))
            .map_or(0, |s| s.chars().count());
        Ok(line.chars_before + within + 1)
    }

    fn line_range(&'a self, _: (), line_index: usize) -> Result<Range<usize>, Error> {
        let line = self.lines.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.lines.len(),
        })?;
        Ok(line.range.start..line.range.end + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_label_and_numbers_stay_real() {
        let long = format!("{} target {}", "word ".repeat(60), "more ".repeat(60));
        let source = format!("Title\n\n{long}\n");
        let at = source.find("target").unwrap();
        let index = LineIndex::new(&source);
        let excerpt = Excerpt::new(
            "f.txt",
            &source,
            &index,
            std::slice::from_ref(&(at..at + 6)),
        );
        let mapped = excerpt.map(&(at..at + 6));
        assert_eq!(&excerpt.text[mapped.clone()], "target");
        assert!(excerpt.text.starts_with(ELLIPSIS) && excerpt.text.trim_end().ends_with(ELLIPSIS));
        assert!(excerpt.text.chars().count() < 130);
        let location = excerpt.location((), mapped.start).unwrap();
        assert_eq!(location.line_number, 3);
        assert_eq!(
            location.column_number,
            source[index.line_start(3)..at].chars().count() + 1
        );
    }

    #[test]
    fn short_lines_are_kept_whole() {
        let source = "Abstract\n\nShort text.\n";
        let index = LineIndex::new(source);
        let excerpt = Excerpt::new("f.txt", source, &index, std::slice::from_ref(&(0..8)));
        assert_eq!(excerpt.text, "Abstract\n");
        assert_eq!(excerpt.map(&(0..8)), 0..8);
    }
}
