//! The page furniture of text extracted from a PDF (pdftotext and the like), which is layout and
//! not prose: form feeds between pages, page numbers alone on a line, running heads and feet (a
//! short line repeated next to many page breaks), and a table of contents with dot leaders
//! (`1.2 Methods . . . . 14`) with its title. [`artefacts`] marks those lines so that the reader
//! leaves them out; line numbers are untouched, since the lines stay in the source.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// One line of the source: the byte range of its content (without the line break, a carriage
/// return, or the form feeds a page starts with) and whether a page starts on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub content: Range<usize>,
    pub page_start: bool,
}

/// The lines of `source`, split at `\n` only (a form feed starts a page, not a line).
pub fn lines(source: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut offset = 0;
    for raw in source.split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches('\u{c}');
        let start = offset + (body.len() - content.len());
        out.push(Line {
            content: start..offset + body.len(),
            page_start: content.len() < body.len(),
        });
        offset += raw.len();
    }
    out
}

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern compiles"))
}

/// A page number alone on its line: `12`, `- 12 -`, `xiv`, `Page 3`, `3 of 10`.
pub fn is_page_number(line: &str) -> bool {
    static PAGE: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &PAGE,
        r"^(?:[-–—]\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*[-–—])?$|^(?i:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^\d{1,4}\s*(?:of|/)\s*\d{1,4}$",
    );
    re.is_match(line.trim())
}

/// A table-of-contents line: a title, a dot leader and a page number, or a title and a long dot
/// leader whose page number the extraction put on a line of its own.
pub fn is_contents_line(line: &str) -> bool {
    static LEADER: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &LEADER,
        r"(?:\.\s?){4,}\s*(?:\d{1,4}|[ivxlcIVXLC]{1,7})\s*$|(?:…\s?){2,}\s*\d{1,4}\s*$|(?:\.\s){6,}\.?\s*$|\.{8,}\s*$",
    );
    re.is_match(line.trim_end())
}

/// "Chapter 3", "CAPÍTULO 2", "Part IV": a label that repeats near page breaks but is a heading.
fn is_chapter_label(line: &str) -> bool {
    static CHAPTER: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &CHAPTER,
        r"^(?i:chapter|chapitre|cap[íi]tulo|kapitel|b[öo]l[üu]m|part|parte|teil)\s+(?:\d{1,3}|[IVXLC]{1,7})\b",
    );
    re.is_match(line.trim())
}

/// For each line, whether it is page furniture rather than text.
pub fn artefacts(source: &str, lines: &[Line]) -> Vec<bool> {
    let text = |i: usize| source[lines[i].content.clone()].trim();
    let mut out: Vec<bool> = (0..lines.len()).map(|i| is_page_number(text(i))).collect();

    // Running heads and feet: the same short line (digits aside) within a few lines of at least
    // three page breaks. Case counts: a thesis sets its running head in capitals
    // ("BIBLIOGRAFIA") over the pages that follow the heading itself ("Bibliografia").
    // The end of the text closes the last page.
    let boundaries: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].page_start || out[i])
        .chain(std::iter::once(lines.len()))
        .collect();
    let within = |i: usize, reach: usize| {
        let at = boundaries.partition_point(|&b| b + reach < i);
        boundaries.get(at).is_some_and(|&b| b <= i + reach)
    };
    let near_boundary = |i: usize| within(i, 3);
    let key = |line: &str| -> Option<String> {
        let words = line.split_whitespace().count();
        if line.is_empty() || words > 12 || line.chars().count() > 90 || is_chapter_label(line) {
            return None;
        }
        let key: String = line
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        key.chars().any(char::is_alphabetic).then_some(key)
    };
    // Once a line is known as a running head, it is one a little further from a page break too
    // (a figure's lines or a footnote between it and the page number), after the first page.
    if boundaries.len() >= 3 {
        let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
        for i in (0..lines.len()).filter(|&i| !out[i] && near_boundary(i)) {
            if let Some(k) = key(text(i)) {
                seen.entry(k).or_default().push(i);
            }
        }
        seen.retain(|_, at| at.len() >= 3);
        // Not on the first page: a title there may be what the running head repeats.
        let first_break = boundaries[0];
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| !out[i] && (near_boundary(i) || (i > first_break && within(i, 6))))
            .filter(|&i| key(text(i)).is_some_and(|k| seen.contains_key(&k)))
            .collect();
        for i in heads {
            out[i] = true;
        }
    }

    // A page's header: its first two lines are a page number and a short line, the running head
    // of a thesis that repeats the current section's title ("1.1 Motivação" over "2"). A real
    // heading is followed by its text, never by a page number.
    for i in (0..lines.len()).filter(|&i| lines[i].page_start) {
        let mut first_two = (i..lines.len().min(i + 6)).filter(|&k| !text(k).is_empty());
        if let (Some(head), Some(number)) = (first_two.next(), first_two.next()) {
            let line = text(head);
            let short = line.split_whitespace().count() <= 12
                && line.chars().count() <= 90
                && !line.ends_with(['.', ',', ';', ':']);
            // The number heads the page when the page goes on after it; a page whose only line
            // sits over its number at the foot is text.
            let page_goes_on = (number + 1..lines.len())
                .find(|&k| lines[k].page_start || !text(k).is_empty())
                .is_some_and(|k| !lines[k].page_start);
            if short && !out[head] && is_page_number(text(number)) && page_goes_on {
                out[head] = true;
            }
        }
    }

    // The other order: the page number first, then the running head ("29" over "4.1 Coleta dos
    // dados"). A heading may open a page too, so the line counts as a running head only when
    // the same title stands earlier in the text (on one line or two).
    for i in (0..lines.len()).filter(|&i| lines[i].page_start) {
        let mut first_two = (i..lines.len().min(i + 6)).filter(|&k| !text(k).is_empty());
        let (Some(number), Some(head)) = (first_two.next(), first_two.next()) else {
            continue;
        };
        let line = text(head);
        if out[head]
            || !is_page_number(text(number))
            || line.split_whitespace().count() > 12
            || line.chars().count() > 90
            || line.ends_with(['.', ',', ';', ':'])
        {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut earlier = (0..number).filter(|&k| !text(k).is_empty()).peekable();
        while let Some(k) = earlier.next() {
            let first: Vec<&str> = text(k).split_whitespace().collect();
            let joined = earlier.peek().is_some_and(|&n| {
                first.len() < words.len()
                    && words[..first.len()] == first[..]
                    && text(n)
                        .split_whitespace()
                        .eq(words[first.len()..].iter().copied())
            });
            if first == words || joined {
                out[head] = true;
                break;
            }
        }
    }

    // The table of contents: leader lines, a wrapped title between two of them, and the short
    // title line ("Contents") right before the first.
    let contents: Vec<bool> = (0..lines.len())
        .map(|i| is_contents_line(text(i)))
        .collect();
    let furniture = out.clone();
    let neighbour = |i: usize, step: isize| -> Option<usize> {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < lines.len() {
            let k = j as usize;
            if !text(k).is_empty() && !furniture[k] {
                return Some(k);
            }
            j += step;
        }
        None
    };
    for i in 0..lines.len() {
        if contents[i] {
            out[i] = true;
            continue;
        }
        let line = text(i);
        if line.is_empty() || out[i] {
            continue;
        }
        let next_is_contents = neighbour(i, 1).is_some_and(|n| contents[n]);
        let prev_is_contents = neighbour(i, -1).is_some_and(|p| contents[p]);
        let title = next_is_contents
            && !prev_is_contents
            && line.split_whitespace().count() <= 4
            && !line.ends_with(['.', ',', ';', ':']);
        if (next_is_contents && prev_is_contents) || title {
            out[i] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(source: &str) -> Vec<&str> {
        let lines = lines(source);
        let marks = artefacts(source, &lines);
        lines
            .iter()
            .zip(marks)
            .filter(|(_, m)| *m)
            .map(|(l, _)| &source[l.content.clone()])
            .collect()
    }

    #[test]
    fn form_feeds_start_pages_not_lines() {
        let source = "one\n\u{c}two\r\nthree";
        let lines = lines(source);
        assert_eq!(lines.len(), 3);
        assert_eq!(&source[lines[1].content.clone()], "two");
        assert!(lines[1].page_start && !lines[0].page_start);
    }

    #[test]
    fn page_numbers_are_furniture() {
        for line in ["12", " - 7 - ", "xiv", "Page 3", "3 of 10"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["12 apples", "I", "Chapter 3", "2020;1:36–63"] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn a_known_running_head_further_from_a_page_break_is_furniture_after_the_first_page() {
        let source = "UNDER REVIEW\nTitle\n\nText.\n\u{c}UNDER REVIEW\nPonds.\n\u{c}UNDER REVIEW\nLakes.\n\u{c}UNDER REVIEW\nRivers.\n\u{c}1.0\n\nlabel\n\nlabel two\n\nUNDER REVIEW\n\nSeas.\nBays.\nFjords.\nStraits.\nSounds.\n";
        // The three by the page breaks, the one a figure's lines keep away from its break; not
        // the one on the first page.
        assert_eq!(marked(source).len(), 4, "{:?}", marked(source));
    }

    #[test]
    fn running_heads_near_page_breaks_are_furniture() {
        let source = "A Study of Ponds\n\nBody text one.\nA Study of Ponds 1\n\u{c}More text.\nA Study of Ponds 2\n\u{c}Chapter 4\nText again.\n\nA Study of Ponds 3\n";
        assert_eq!(
            marked(source),
            [
                "A Study of Ponds 1",
                "A Study of Ponds 2",
                "A Study of Ponds 3"
            ]
        );
    }

    #[test]
    fn a_table_of_contents_is_furniture_with_its_title() {
        let source = "Contents\n1 Introduction . . . . . . 2\n1.1 A long title that wraps\nover two lines . . . . . 3\n2 Methods .......... 4\n\nIntroduction\nText.\n";
        assert_eq!(
            marked(source),
            [
                "Contents",
                "1 Introduction . . . . . . 2",
                "1.1 A long title that wraps",
                "over two lines . . . . . 3",
                "2 Methods .......... 4"
            ]
        );
    }

    #[test]
    fn a_heading_is_not_its_own_running_head_in_capitals() {
        let source = "\u{c}Bibliografia\nABRANCHES, S. Title. 1988.\n58\n\u{c}BIBLIOGRAFIA\n\n59\n\nAMES, B. Title. 2003.\n\u{c}BIBLIOGRAFIA\nBROWN, C. Title. 2006.\n\u{c}BIBLIOGRAFIA\nCOHEN, J. Title. 1960.\n";
        assert_eq!(
            marked(source),
            ["58", "BIBLIOGRAFIA", "59", "BIBLIOGRAFIA", "BIBLIOGRAFIA"]
        );
    }

    #[test]
    fn a_section_title_over_the_page_number_is_a_running_head() {
        let source = "1.1 Motivation\n\nText of the first page.\n\u{c}1.1 Motivation\n\n2\n\nMore text.\n\u{c}2 Methods\n\nText that starts the page.\n3\n";
        assert_eq!(marked(source), ["1.1 Motivation", "2", "3"]);
    }

    #[test]
    fn a_dot_leader_whose_page_number_is_on_its_own_line_is_contents() {
        for line in [
            "References . . . . . . . . . . . . . . .",
            "Referências bibliográficas ...............",
        ] {
            assert!(is_contents_line(line), "{line}");
        }
        for line in ["He paused . . . and went on.", "Wait..."] {
            assert!(!is_contents_line(line), "{line}");
        }
    }
}
