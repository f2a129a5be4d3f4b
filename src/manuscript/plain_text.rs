//! The layout of a plain-text manuscript, read into headings, paragraphs and reference entries.
//!
//! Plain text marks nothing but blank lines, and text extracted from a PDF often not even those:
//! its lines are wrapped at the column width, its headings are lines of their own. This module
//! reads every line of a plain-text document with its neighbours and decides:
//!
//! - **headings**: a lone heading word of the lexicon ("Abstract", "Resumo", "References"), a
//!   numbered line ("3.2 Gates", "1 Introduction", "IV. Results"), a chapter label with the title
//!   line after it ("Chapter 3" + "Methods"), a short line in capitals, and in wrapped text a
//!   short heading-shaped line that opens a paragraph of prose (in text that is not wrapped,
//!   structure detection judges those once it knows the author block and what follows the
//!   reference list). Captions ("Figure 3: …") and table rows are not headings, nor is a line
//!   that continues a sentence.
//! - **paragraphs** of wrapped text: a line runs on from the one before when that one is as wide
//!   as the text column or ends in a hyphen; the lines are joined by a space, and a word broken by
//!   a hyphen at a line end is joined ([`hyphen_break`]).
//! - **reference entries** under a reference-list heading, up to the next heading that ends the
//!   list (an appendix, a chapter, back matter): an entry starts on a label (`[12]`, `12.`,
//!   `[Bit+20]`), on the outer line of a hanging indent, or where a line starts like an author list
//!   ("P.F. Brown, …", "Smith, J.", "Bittman D, …") after a line that ended an entry.
//!
//! Text that is not wrapped (one paragraph per line, as copied from a web page) keeps its lines,
//! for structure detection to split as it does for any format.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

use super::lexicon::{HeadingKind, Lexicon, fold, strip_decoration};
use super::shapes::{looks_like_heading, looks_like_reference_entry, word_count};
use crate::source::{BlockKind, Document, MappedText};

/// One piece of a plain-text document, as structure detection takes it.
pub(super) struct Piece {
    pub kind: BlockKind,
    pub text: MappedText,
}

/// One line of the document.
struct Line {
    text: MappedText,
    /// Leading white space, in characters.
    indent: usize,
    chars: usize,
    /// The first line of a block (after a blank line).
    first: bool,
    /// A heading the reader already recognised (setext), with its level.
    explicit: Option<u8>,
}

impl Line {
    fn str(&self) -> &str {
        self.text.as_str()
    }
}

/// Back matter that ends a reference list.
const AFTER_REFERENCES: &[&str] = &[
    "acknowledgements",
    "acknowledgments",
    "author contributions",
    "biography",
    "conflict of interest",
    "conflicts of interest",
    "curriculum vitae",
    "data availability",
    "funding",
    "index",
    "özgeçmiş",
    "supplementary material",
    "vita",
];

/// Prefixes that keep their hyphen when a line breaks after them ("self-|evident").
const HYPHEN_PREFIXES: &[&str] = &[
    "cross", "half", "non", "pseudo", "quasi", "self", "semi", "well",
];

fn regex(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("built-in pattern compiles"))
}

/// The pieces of a plain-text document in order.
pub(super) fn pieces(document: &Document) -> Vec<Piece> {
    let lines = lines(document);
    if lines.is_empty() {
        return Vec::new();
    }
    let layout = Layout::measure(&lines);
    let headings = classify(&lines, &layout);
    let compounds = Compounds::collect(&lines);
    group(&lines, &headings, &layout, &compounds)
}

/// Whether the document's lines are wrapped at a column width (text extracted from a PDF), so
/// that its layout alone decides its headings.
pub(super) fn wrapped(document: &Document) -> bool {
    let lines = lines(document);
    !lines.is_empty() && Layout::measure(&lines).wrapped
}

fn lines(document: &Document) -> Vec<Line> {
    let mut out = Vec::new();
    for block in &document.blocks {
        let explicit = match block.kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        };
        let s = block.text.as_str();
        let mut offset = 0;
        for (n, raw) in s.split('\n').enumerate() {
            let range = offset..offset + raw.len();
            offset += raw.len() + 1;
            let text = block.text.slice(range).trimmed();
            if text.is_empty() {
                continue;
            }
            let indent = raw.chars().take_while(|c| c.is_whitespace()).count();
            out.push(Line {
                chars: text.as_str().chars().count(),
                text,
                indent,
                first: n == 0,
                explicit,
            });
        }
    }
    out
}

/// The width of the text column, and whether the lines are wrapped at it.
struct Layout {
    wrapped: bool,
    width: f64,
    /// Whether the text numbers its headings: five lines or more read as numbered headings.
    numbered: bool,
}

impl Layout {
    fn measure(lines: &[Line]) -> Layout {
        let mut lengths: Vec<usize> = lines.iter().map(|l| l.chars).collect();
        lengths.sort_unstable();
        let long = lengths.iter().filter(|&&l| l > 140).count();
        let wrapped = lengths.len() >= 8 && long * 20 <= lengths.len();
        let p90 = lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)] as f64;
        let width = if wrapped { p90 } else { p90.min(100.0) }.max(20.0);
        let numbered = lines
            .iter()
            .filter(|l| {
                let text = l.str();
                section_number(text)
                    || numbered_heading(text).is_some_and(|(_, title)| word_count(title) <= 12)
            })
            .count()
            >= 5;
        Layout {
            wrapped,
            width,
            numbered,
        }
    }

    /// Whether a line fills the column (so the text runs on after it).
    fn full(&self, line: &Line) -> bool {
        line.chars as f64 >= 0.7 * self.width
    }
}

/// A numbered heading: `3.2 Gates`, `1 Introduction`, `2. Methods`, `IV. Results`.
fn numbered_heading(text: &str) -> Option<(u8, &str)> {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &NUMBERED,
        r"^(?:(\d{1,2}(?:\.\d{1,2}){0,4})\.?|([IVXLC]{1,6})\.)\s+(\p{Lu}.*)$",
    );
    let caps = re.captures(text)?;
    let level = caps.get(1).map_or(1, |n| n.as_str().split('.').count()) as u8;
    Some((level.min(6), caps.get(3)?.as_str()))
}

/// A section number of two levels or more alone on a line: "1.1", "2.3.4" (not "0.05", "1.0").
fn section_number(text: &str) -> bool {
    static SECTION: OnceLock<Regex> = OnceLock::new();
    let re = regex(&SECTION, r"^[1-9]\d?(?:\.[1-9]\d?){1,4}\.?$");
    re.is_match(text)
}

/// "Chapter 3", "CAPÍTULO 2", "Part IV" alone on a line.
fn chapter_label(text: &str) -> bool {
    static CHAPTER: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &CHAPTER,
        r"^(?i:chapter|chapitre|cap[íi]tulo|kapitel|b[öo]l[üu]m|part|parte|teil)\s+(?:\d{1,3}|[IVXLC]{1,7})[.:]?$",
    );
    re.is_match(text)
}

/// The number of a chapter heading ("Chapter 3 Methods" → "3"), which numbers it like "3".
pub(super) fn chapter_number(text: &str) -> Option<&str> {
    static CHAPTER_NUMBER: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &CHAPTER_NUMBER,
        r"^(?i:chapter|chapitre|cap[íi]tulo|kapitel|b[öo]l[üu]m)\s+(\d{1,3}|[IVXLC]{1,7})\b",
    );
    re.captures(text).and_then(|c| c.get(1)).map(|m| m.as_str())
}

/// A caption: "Figure 3: …", "Table 2. …", "Fig. 1 …", in the common languages.
fn caption(text: &str) -> bool {
    static CAPTION: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &CAPTION,
        r"^(?i:fig(?:ure)?|table|tab|listing|algorithm|scheme|chart|plate|exhibit|box|tabela|tabla|tableau|figura|abbildung|tabelle|şekil|tablo|grafik|gr[áa]fico|quadro|gráfica)\.?\s*(?:\d{1,3}|[IVX]{1,5})(?:[.:\-–—]\d{1,3})?[a-z]?(?:[.:|—–-]|\s|$)",
    );
    re.is_match(text)
}

/// A table row flattened into a line ("Yes Yes", "Athens 16 IOC 1"), or a line with column gaps.
fn table_row(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit() || ".,%".contains(c)))
        .count();
    let repeated = words.len() >= 2 && words.iter().all(|w| w.eq_ignore_ascii_case(words[0]));
    numbers >= 2 || repeated || text.contains('\t') || text.contains("   ")
}

/// An appendix heading: "Appendix", "Appendix A: Data", "APÊNDICE B", and with its letter first
/// as LaTeX's appendix numbering sets it ("A Appendix: Sensitivity", "B. Appendix").
pub(crate) fn appendix(text: &str) -> bool {
    static APPENDIX: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &APPENDIX,
        r"^(?:[A-H]\.?\s+)?(?i:appendix|appendices|annex|anexo|anexos|ap[êe]ndice|ap[êe]ndices|anhang|ek|ekler)\b",
    );
    re.is_match(text) && word_count(text) <= 10 && !text.ends_with(['.', ','])
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '?', '!', ':'])
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Heading levels per line; a chapter label that takes the next line as its title marks that
/// line `Some(0)` (part of the heading before).
fn classify(lines: &[Line], layout: &Layout) -> Vec<Option<u8>> {
    let lexicon = Lexicon::get();
    let mut out: Vec<Option<u8>> = vec![None; lines.len()];
    let mut in_references = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let text = line.str();
        let level = match line.explicit {
            Some(level) => Some(level),
            None if in_references => ends_references(text, lexicon).then_some(1),
            None => heading_level(lines, i, layout, &out, lexicon),
        };
        let Some(level) = level else {
            i += 1;
            continue;
        };
        out[i] = Some(level);
        let mut title = text;
        if line.explicit.is_none()
            && (chapter_label(text) || section_number(text))
            && let Some(next) = lines.get(i + 1)
            && next.explicit.is_none()
            && looks_like_heading(next.str())
            && word_count(next.str()) <= 12
        {
            out[i + 1] = Some(0);
            title = next.str();
            i += 1;
        }
        in_references = lexicon.languages(HeadingKind::References, title).is_some();
        i += 1;
    }
    out
}

/// Whether a line inside a reference list is a heading that ends it.
fn ends_references(text: &str, lexicon: &Lexicon) -> bool {
    chapter_label(text)
        || appendix(text)
        || AFTER_REFERENCES.contains(&fold(strip_decoration(text)).as_str())
        || lexicon.languages(HeadingKind::Abstract, text).is_some()
}

fn heading_level(
    lines: &[Line],
    i: usize,
    layout: &Layout,
    so_far: &[Option<u8>],
    lexicon: &Lexicon,
) -> Option<u8> {
    let line = &lines[i];
    let text = line.str();
    let words = word_count(text);
    if words == 0 || words > 16 {
        return None;
    }
    if words <= 5
        && (lexicon.languages(HeadingKind::Abstract, text).is_some()
            || lexicon.languages(HeadingKind::References, text).is_some())
    {
        return Some(1);
    }
    // A caption, a table row, an address, a link, or a formula ("P = VP + FN").
    if caption(text)
        || table_row(text)
        || text.contains('@')
        || text.contains("://")
        || text.contains('=')
    {
        return None;
    }
    if chapter_label(text) || (appendix(text) && looks_like_heading(text)) {
        return Some(1);
    }
    let prev = i.checked_sub(1).map(|p| &lines[p]);
    let next = lines.get(i + 1);
    let after_break = line.first
        || prev.is_none_or(|p| {
            ends_sentence(p.str())
                || so_far[i - 1].is_some()
                || p.explicit.is_some()
                || caption(p.str())
        });
    // A section number on a line of its own with the title on the next ("1.1" over
    // "Motivação"): how some PDF extractions set numbered headings.
    // Lines of bare numbers around a line are a chart's axis: what stands among them is a label.
    let numeric = |l: &Line| {
        l.str()
            .chars()
            .all(|c| c.is_ascii_digit() || " .,%-–−".contains(c))
    };
    let among_numbers = prev.is_some_and(numeric) && next.is_some_and(numeric);
    if section_number(text)
        && after_break
        && next.is_some_and(|n| {
            n.explicit.is_none()
                && n.str().chars().next().is_some_and(char::is_uppercase)
                && looks_like_heading(n.str())
                && word_count(n.str()) <= 12
                && !ends_sentence(n.str())
                && !never_heading(n.str())
        })
    {
        return Some(text.trim_end_matches('.').split('.').count().min(6) as u8);
    }
    let among_table_rows =
        prev.is_some_and(|p| table_row(p.str())) || next.is_some_and(|n| table_row(n.str()));
    let after_short = prev.is_some_and(|p| !layout.full(p) && !p.str().ends_with(['-', ',']));
    let next_continues = next.is_some_and(|n| n.explicit.is_none() && starts_lowercase(n.str()));
    let closing = text.ends_with(['.', ',', ';', ':', '!', '?']);

    if let Some((level, title)) = numbered_heading(text) {
        let title_words = word_count(title);
        // "1 Department of Soil Science, Example University, Porto" is an affiliation: a
        // heading's title has a comma at most.
        let address = title.matches(',').count() >= 2;
        if (1..=12).contains(&title_words)
            && !address
            && !among_numbers
            && !closing
            && !next_continues
            && (after_break || after_short)
        {
            return Some(level);
        }
        return None;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    // Where the headings are numbered, a line in capitals after the first of them is a label in
    // a figure or a table ("FHC II", "NNET"), not a heading.
    let after_numbering = layout.numbered
        && (0..i).any(|j| {
            so_far[j].is_some_and(|level| level > 0)
                && (numbered_heading(lines[j].str()).is_some() || section_number(lines[j].str()))
        });
    if letters.len() >= 4
        && !after_numbering
        && !text.contains('+')
        && letters.iter().all(|c| !c.is_lowercase())
        && words <= 10
        && !closing
        && !next_continues
        && !among_table_rows
        && (after_break || after_short)
        && next.is_some()
    {
        return Some(1);
    }
    let opens_prose = next.is_some_and(|n| {
        n.explicit.is_none()
            && layout.full(n)
            && word_count(n.str()) >= 6
            && n.str()
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || "\"“‘'(".contains(c))
            && numbered_heading(n.str()).is_none()
    });
    // In text that is not wrapped, a short line of its own before a paragraph is judged later,
    // once the author block and the material after the reference list are known. Where the
    // headings are numbered, a short unnumbered line is a label, a formula or a footnote line,
    // not a heading.
    (layout.wrapped
        && !layout.numbered
        && looks_like_heading(text)
        && words <= 12
        && !layout.full(line)
        && after_break
        && opens_prose)
        .then_some(1)
}

/// Whether a line is never a heading, whatever its shape: a caption or a table row.
pub(super) fn never_heading(text: &str) -> bool {
    caption(text) || table_row(text)
}

/// Cuts the lines into pieces.
fn group(
    lines: &[Line],
    headings: &[Option<u8>],
    layout: &Layout,
    compounds: &Compounds,
) -> Vec<Piece> {
    let lexicon = Lexicon::get();
    let mut pieces = Vec::new();
    let mut in_references = false;
    let mut i = 0;
    while i < lines.len() {
        if let Some(level) = headings[i] {
            let mut text = lines[i].text.clone();
            let mut title = text.as_str().to_string();
            if headings.get(i + 1) == Some(&Some(0)) {
                text.push_synthetic(" ");
                text.append(&lines[i + 1].text);
                title = lines[i + 1].str().to_string();
                i += 1;
            }
            in_references = lexicon.languages(HeadingKind::References, &title).is_some();
            pieces.push(Piece {
                kind: BlockKind::Heading(level.max(1)),
                text,
            });
            i += 1;
            continue;
        }
        let end = (i + 1..lines.len())
            .find(|&j| headings[j].is_some())
            .unwrap_or(lines.len());
        let run = &lines[i..end];
        let front_matter = i == 0 && end < lines.len() && run.len() <= 30;
        let starts: Vec<usize> = if in_references {
            entry_starts(run, layout)
        } else if front_matter && layout.wrapped {
            front_matter_starts(run, layout)
        } else if layout.wrapped {
            paragraph_starts(run, layout, lexicon)
        } else {
            (0..run.len()).filter(|&j| run[j].first || j == 0).collect()
        };
        let kinds = if in_references {
            figure_in_references(run, &starts)
        } else {
            vec![BlockKind::Paragraph; starts.len()]
        };
        for (n, &start) in starts.iter().enumerate() {
            let stop = starts.get(n + 1).copied().unwrap_or(run.len());
            let text = if layout.wrapped || in_references {
                unwrap(&run[start..stop], compounds)
            } else {
                keep_lines(&run[start..stop])
            };
            pieces.push(Piece {
                kind: kinds[n],
                text,
            });
        }
        i = end;
    }
    pieces
}

/// The kinds of the pieces of a reference list (which start at `starts`): a page can set a figure
/// between two halves of the list, and the extraction leaves its caption ("Figure 2. …") and,
/// before it, the chart's labels ("Proportion in stage", "Time (days)") as pieces of their own.
/// The caption and the pieces right before it that are short and unpunctuated or hold only
/// numbers are the figure's: captions.
fn figure_in_references(run: &[Line], starts: &[usize]) -> Vec<BlockKind> {
    let mut kinds = vec![BlockKind::Paragraph; starts.len()];
    let lines_of = |n: usize| &run[starts[n]..starts.get(n + 1).copied().unwrap_or(run.len())];
    // A chart's label or legend: a line or two of six words at most without closing
    // punctuation, or tick numbers only.
    let label = |n: usize| {
        let lines = lines_of(n);
        let words: usize = lines.iter().map(|l| word_count(l.str())).sum();
        lines
            .iter()
            .all(|l| !l.str().chars().any(char::is_alphabetic))
            || (lines.len() <= 2
                && words <= 6
                && lines
                    .iter()
                    .all(|l| !l.str().ends_with(['.', ',', ';', ':']) && !l.str().contains("://")))
    };
    for n in 0..starts.len() {
        if !caption(run[starts[n]].str()) {
            continue;
        }
        kinds[n] = BlockKind::Caption;
        let mut m = n;
        while m > 0 && kinds[m - 1] == BlockKind::Paragraph && label(m - 1) {
            kinds[m - 1] = BlockKind::Caption;
            m -= 1;
        }
    }
    kinds
}

/// Where the pieces of the lines before the first heading start: a title, names and addresses
/// are lines of their own, joined only where a line clearly runs on (a hyphenated break, a
/// lowercase start after a line that does not end a sentence, two full lines of prose).
fn front_matter_starts(run: &[Line], layout: &Layout) -> Vec<usize> {
    (0..run.len())
        .filter(|&j| {
            if j == 0 || run[j].first {
                return true;
            }
            let prev = run[j - 1].str();
            let text = run[j].str();
            let runs_on = hyphen_break(prev, text, &Compounds::default()).is_some()
                || (starts_lowercase(text) && !ends_sentence(prev) && !text.contains('@'))
                || (layout.full(&run[j - 1]) && layout.full(&run[j]));
            !runs_on
        })
        .collect()
}

/// Where the paragraphs of a run of wrapped lines start.
fn paragraph_starts(run: &[Line], layout: &Layout, lexicon: &Lexicon) -> Vec<usize> {
    (0..run.len())
        .filter(|&j| {
            if j == 0 || run[j].first {
                return true;
            }
            let prev = &run[j - 1];
            let text = run[j].str();
            // A short line still runs on when it stops mid-clause ("… patients (Larsen,"). A
            // lowercase next line is no such sign: formulas and table rows start lowercase too.
            let mid_clause = prev.str().ends_with([',', ';', '(', '&']);
            let runs_on = layout.full(prev)
                || mid_clause
                || hyphen_break(prev.str(), text, &Compounds::default()).is_some();
            !runs_on
                || lexicon.leading(HeadingKind::Keywords, text).is_some()
                || lexicon
                    .leading(HeadingKind::Abstract, text)
                    .is_some_and(|found| {
                        found.content_start < text.len() && found.content_start > found.heading_end
                    })
        })
        .collect()
}

/// A reference label at the start of a line: `[12]`, `[Bit+20]`, `12.`, `(3)`.
fn entry_label(text: &str) -> bool {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let re = regex(&LABEL, r"^(?:\[[^\]\s]{1,12}\]|\(\d{1,3}\)|\d{1,3}\.)\s+\S");
    re.is_match(text)
}

/// The start of an entry by its author part: "P.F. Brown, …", "T-S. Chua", "Smith, J.",
/// "Bittman D, …", or any line [`looks_like_reference_entry`] knows.
fn starts_like_entry(text: &str) -> bool {
    static INITIALS_FIRST: OnceLock<Regex> = OnceLock::new();
    static SURNAME_FIRST: OnceLock<Regex> = OnceLock::new();
    let initials_first = regex(
        &INITIALS_FIRST,
        r"^\p{Lu}(?:\.-|[.-])(?:\s?\p{Lu}(?:\.-|[.-]))*\s*(?:(?:van|von|de|der|da|di|du|le|la)\s+)*\p{Lu}[\p{Ll}'’]+",
    );
    let surname_first = regex(
        &SURNAME_FIRST,
        r"^\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)?(?:,\s\p{Lu}\.|\s\p{Lu}{1,3},\s\p{Lu})",
    );
    initials_first.is_match(text)
        || surname_first.is_match(text)
        || looks_like_reference_entry(text)
}

/// Whether an entry may end with this line: a period, a year or page, a closing bracket, a link.
fn ends_entry(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or_default();
    text.ends_with(['.', ')', ']'])
        || text.ends_with(|c: char| c.is_ascii_digit())
        || last.starts_with("http")
        || last.starts_with("doi:")
}

/// An ABNT entry's start: the first author's surname in capitals, then a comma and an initial
/// or a given name ("ABRANCHES, S. H.", "HOSMER JR., D. W.", "SILVA NETO, A.", "MÜLLER, W. C.").
fn abnt_author(text: &str) -> bool {
    static ABNT: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &ABNT,
        r"^\p{Lu}[\p{Lu}'’\-]+\.?(?:\s(?:\p{Lu}[\p{Lu}'’\-.]*|de|da|do|dos|das|del|van|von))*,\s\p{Lu}",
    );
    re.is_match(text)
}

/// Whether an entry's text so far gives its year: a year standing alone, not one end of a
/// range ("1988-2006", "(1989-2010)" in a title), or "s.d." / "n.d.".
fn gives_entry_year(text: &str) -> bool {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let re = regex(
        &YEAR,
        r"(?:^|[^\p{L}\d/–-])(?:1[5-9]\d\d|20\d\d)[a-z]?(?:[^\d/–-]|[–-]\D|$)|\b[sn]\.\s?d\.",
    );
    re.is_match(text)
}

/// A corporate author or a title opening an entry ("Python Software Foundation. Python. 2014.",
/// "BRASIL. Lei nº 9.504"): a few words up to the first period, with no comma or colon among them.
/// A line that goes on with an entry starts otherwise: a journal and its volume ("Revista de
/// Ciências Sociais, v. 31"), a place and a publisher ("Porto Alegre: [s.n.], 2001."), a link
/// ("Disponível em: <…>").
fn corporate_start(text: &str) -> bool {
    let Some(end) = text
        .find(". ")
        .or_else(|| text.strip_suffix('.').map(str::len))
    else {
        return false;
    };
    let head = &text[..end];
    !head.contains([',', ':', ';', '<', '[', '('])
        && (1..=6).contains(&word_count(head))
        && head.chars().next().is_some_and(char::is_uppercase)
}

/// Where the entries of a run of reference-list lines start.
///
/// A line of its own block that starts with neither a capital, a digit nor a bracket, after a line
/// that does not end an entry, goes on with that entry: a page break fell inside it. In an ABNT
/// list (most entries open with a surname in capitals), an entry opens with such a surname, or
/// with what reads like a corporate author ([`corporate_start`]) once the entry before it has
/// given its year: a wrapped line such as "Revista de Ciências Sociais, v. 31, n. 1, 1988." or
/// "Porto Alegre: [s.n.], 2001." continues the entry before it, whose title line ends with a
/// full stop, so the line ends alone cannot tell.
fn entry_starts(run: &[Line], layout: &Layout) -> Vec<usize> {
    let labelled = entry_label(run[0].str());
    let min_indent = run.iter().map(|l| l.indent).min().unwrap_or(0);
    let indented = run.iter().any(|l| l.indent > min_indent);
    let hanging = run[0].indent == min_indent;
    let opens = |line: &Line| {
        line.str()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "[(".contains(c))
    };
    let plain = |j: usize| {
        let prev = run[j - 1].str();
        let line = run[j].str();
        ends_entry(prev)
            && (starts_like_entry(line)
                || (!layout.wrapped && line.chars().next().is_some_and(char::is_uppercase)))
    };
    let abnt = {
        let starts = (1..run.len()).filter(|&j| plain(j)).count() + 1;
        let capitals = run.iter().filter(|l| abnt_author(l.str())).count();
        capitals >= 3 && capitals * 3 >= starts * 2
    };
    let mut starts = Vec::new();
    let mut entry_text = String::new();
    for (j, line) in run.iter().enumerate() {
        let start = if j == 0 {
            true
        } else if line.first {
            opens(line) || ends_entry(run[j - 1].str())
        } else if labelled {
            entry_label(line.str())
        } else if indented {
            (line.indent == min_indent) == hanging
        } else if abnt {
            ends_entry(run[j - 1].str())
                && (abnt_author(line.str())
                    || (corporate_start(line.str()) && gives_entry_year(&entry_text)))
        } else {
            plain(j)
        };
        if start {
            starts.push(j);
            entry_text.clear();
        }
        entry_text.push_str(line.str());
        entry_text.push(' ');
    }
    starts
}

/// Whether the line break after `before` splits a word with a hyphen: `Some(true)` when the
/// hyphen is only the break and goes ("prede-|fined" reads "predefined"), `Some(false)` when it
/// belongs to the word ("ANNIE-|identified", "SIGIR-|92", "self-|evident", "state-of-the-|art").
///
/// The rule: a lowercase continuation joins the parts without the hyphen, unless the part before
/// is in capitals, holds a digit or a hyphen of its own, or is a prefix that keeps its hyphen, or
/// the document writes the compound with its hyphen elsewhere (`thing-names` on another line);
/// a continuation in capitals or digits keeps the hyphen.
pub(super) fn hyphen_break(before: &str, after: &str, compounds: &Compounds) -> Option<bool> {
    let stem = before.strip_suffix('-')?;
    let word = stem
        .rsplit(|c: char| c.is_whitespace() || "([{\"“‘/".contains(c))
        .next()
        .unwrap_or_default();
    if !word.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let next = after.chars().next()?;
    if !next.is_alphanumeric() {
        return None;
    }
    if !next.is_lowercase() {
        return Some(false);
    }
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let continuation: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let keeps = capitals
        || compounds.contains(word, &continuation)
        || word.contains('-')
        || word.chars().any(|c| c.is_ascii_digit())
        || HYPHEN_PREFIXES.contains(&word.to_lowercase().as_str());
    Some(!keeps)
}

/// The hyphenated compounds a document writes inside its lines (`thing-name`), lowercased: a
/// line break after the hyphen of one of them keeps the hyphen.
#[derive(Default)]
pub(super) struct Compounds(HashSet<String>);

impl Compounds {
    fn collect(lines: &[Line]) -> Compounds {
        let mut set = HashSet::new();
        for line in lines {
            for token in line.str().split_whitespace() {
                let token = token.trim_matches(|c: char| !c.is_alphanumeric());
                let mut parts = token.split('-');
                if let (Some(first), Some(second)) = (parts.next(), parts.next())
                    && !first.is_empty()
                    && second.chars().next().is_some_and(char::is_alphabetic)
                {
                    set.insert(format!("{first}-{second}").to_lowercase());
                }
            }
        }
        Compounds(set)
    }

    fn contains(&self, first: &str, second: &str) -> bool {
        let first = first.rsplit('-').next().unwrap_or(first);
        self.0.contains(&format!("{first}-{second}").to_lowercase())
    }
}

/// Wrapped lines as one line: joined by a space, or across a hyphenated break.
fn unwrap(lines: &[Line], compounds: &Compounds) -> MappedText {
    let mut out = MappedText::new();
    for (n, line) in lines.iter().enumerate() {
        let next = lines.get(n + 1);
        let text = line.str();
        match next.and_then(|next| hyphen_break(text, next.str(), compounds)) {
            Some(true) => out.append(&line.text.slice(0..text.len() - 1)),
            Some(false) => out.append(&line.text),
            None => {
                out.append(&line.text);
                if next.is_some() {
                    out.push_synthetic(" ");
                }
            }
        }
    }
    out
}

/// Lines kept as they are, one per line.
fn keep_lines(lines: &[Line]) -> MappedText {
    let mut out = MappedText::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            out.push_synthetic("\n");
        }
        out.append(&line.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, read_text};

    fn read(source: &str) -> Vec<(BlockKind, String)> {
        let document = read_text("a.txt", Format::Text, source.into()).unwrap();
        pieces(&document)
            .into_iter()
            .map(|p| (p.kind, p.text.as_str().to_string()))
            .collect()
    }

    fn headings(source: &str) -> Vec<String> {
        read(source)
            .into_iter()
            .filter(|(kind, _)| matches!(kind, BlockKind::Heading(_)))
            .map(|(_, text)| text)
            .collect()
    }

    const PROSE: &str = "The ponds of the city were sampled every week of the year by the team,\nand the samples were kept cold until they reached the laboratory where\nthey were measured for nitrogen and for phosphorus with the usual methods.\n";

    #[test]
    fn hyphenated_line_ends_join_or_keep_their_hyphen() {
        let none = Compounds::default();
        assert_eq!(hyphen_break("a prede-", "fined set", &none), Some(true));
        assert_eq!(
            hyphen_break("the ANNIE-", "identified list", &none),
            Some(false)
        );
        assert_eq!(hyphen_break("SIGIR-", "92, pages", &none), Some(false));
        assert_eq!(hyphen_break("a self-", "evident claim", &none), Some(false));
        assert_eq!(
            hyphen_break("state-of-the-", "art methods", &none),
            Some(false)
        );
        assert_eq!(hyphen_break("Non-", "Volatile Memory", &none), Some(false));
        assert_eq!(hyphen_break("pages 12 -", "14", &none), None);
        assert_eq!(hyphen_break("no break", "here", &none), None);
        let lines = [Line {
            text: MappedText::from_source("thing-name questions", 0..20),
            indent: 0,
            chars: 20,
            first: true,
            explicit: None,
        }];
        let known = Compounds::collect(&lines);
        assert_eq!(
            hyphen_break("persons and thing-", "names", &known),
            Some(true)
        );
        assert_eq!(
            hyphen_break("persons and thing-", "name questions", &known),
            Some(false)
        );
    }

    #[test]
    fn a_short_line_that_stops_mid_clause_runs_on() {
        let source = format!(
            "{PROSE}The estimate is not informative, but it constrains the values of depth\nin ponds of the town (Larsen,\n2018; Adams et al. 2009). We go on with the survey of the\nponds of the town.\n\n{PROSE}"
        );
        let paragraphs: Vec<String> = read(&source)
            .into_iter()
            .filter(|(kind, _)| *kind == BlockKind::Paragraph)
            .map(|(_, text)| text)
            .collect();
        assert!(
            paragraphs
                .iter()
                .any(|p| p.contains("(Larsen, 2018; Adams et al. 2009)")),
            "{paragraphs:#?}"
        );
    }

    #[test]
    fn wrapped_lines_become_one_paragraph_with_breaks_joined() {
        let source = format!(
            "{PROSE}{PROSE}The second paragraph starts here and it has a prede-\nfined set of words in it, more than enough to fill a line.\nShort end.\n"
        );
        let pieces = read(&source);
        assert_eq!(pieces.len(), 1, "{pieces:?}");
        assert!(pieces[0].1.contains("a predefined set"));
        assert!(!pieces[0].1.contains('\n'));
    }

    #[test]
    fn headings_by_number_chapter_capitals_and_heading_word() {
        let source = format!(
            "Abstract\n{PROSE}1 Introduction\n{PROSE}3.2 Gates\n3.3 Flags\n{PROSE}\nChapter 4\n\nSecurity Contexts\n{PROSE}ACKNOWLEDGEMENTS\n{PROSE}"
        );
        assert_eq!(
            headings(&source),
            [
                "Abstract",
                "1 Introduction",
                "3.2 Gates",
                "3.3 Flags",
                "Chapter 4 Security Contexts",
                "ACKNOWLEDGEMENTS"
            ]
        );
    }

    #[test]
    fn captions_table_rows_and_wrapped_sentences_are_not_headings() {
        let source = format!(
            "{PROSE}Figure 3: The ponds of the study area\n{PROSE}Table 2. Loads per pond\nYes Yes\nNo Yes\n{PROSE}in a survey of the city authority of\n2 Large Ponds of the North and\nthe South, which we read.\n{PROSE}1 Department of Soil Science, Example University, Porto\n{PROSE}"
        );
        assert_eq!(headings(&source), Vec::<String>::new());
    }

    #[test]
    fn in_unwrapped_text_a_short_line_before_prose_is_judged_by_detection_captions_never() {
        let long = "This paragraph is one long line, as text copied from a web page is, and it goes on for well over a hundred characters without a break.";
        let source =
            format!("{long}\n\nRelated Work\n\n{long}\n\nTable 1: Loads per pond\n\n{long}\n");
        assert_eq!(headings(&source), Vec::<String>::new());
        let document = read_text("a.txt", Format::Text, source).unwrap();
        let manuscript = crate::manuscript::Manuscript::detect(&document);
        let found: Vec<&str> = manuscript
            .headings
            .iter()
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(found, ["Related Work"]);
    }

    #[test]
    fn reference_entries_split_by_label_indent_and_author_shape() {
        let labelled = format!(
            "{PROSE}References\n[Bit+20] Bittman D, Alvaro P. Twizzler: a Data-Centric OS for\nNon-Volatile Memory. In: USENIX ATC 20; 2020, pp. 65–80.\n[JMV01] Johnson D, Menezes A. The Elliptic Curve Digital Signature\nAlgorithm. Int J Inf Secur 2001;1:36–63.\n"
        );
        let pieces = read(&labelled);
        let entries: Vec<&str> = pieces
            .iter()
            .skip_while(|(k, _)| !matches!(k, BlockKind::Heading(_)))
            .skip(1)
            .map(|(_, t)| t.as_str())
            .collect();
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(
            entries[0].ends_with("for Non-Volatile Memory. In: USENIX ATC 20; 2020, pp. 65–80.")
        );

        let shaped = format!(
            "{PROSE}References\nP.F. Brown, V.J. Della Pietra, and R.L.\nMercer. 1990. Class-based Models of Natural\nLanguage. Computational Linguistics, 16(2):79–85.\nY. Choueka and S. Lusignan. 1985. Disambiguation by Short\nContexts. Computers and the Humanities, 19:147–157.\nT-S. Chua. 2004. Question Answering. In Proceedings\nof TREC 2004.\nAppendix A\nThe data.\n"
        );
        let pieces = read(&shaped);
        let starts: Vec<&str> = pieces
            .iter()
            .map(|(_, t)| t.split_whitespace().next().unwrap_or_default())
            .collect();
        assert_eq!(
            starts,
            ["The", "References", "P.F.", "Y.", "T-S.", "Appendix", "The"],
            "{pieces:?}"
        );

        let hanging = "Intro\n\nReferences\nAdams, B. (2020). Small waters: a review of\n    the evidence. Freshwater Biology, 65, 411–429.\nBrown, C. (2018). Ponds in towns.\n    Urban Ecosystems, 21, 100–112.\n";
        let entries: Vec<(BlockKind, String)> = read(hanging)
            .into_iter()
            .skip_while(|(_, t)| t != "References")
            .skip(1)
            .collect();
        assert_eq!(entries.len(), 2, "{entries:?}");
    }

    #[test]
    fn an_abnt_entry_wrapped_after_its_title_keeps_its_journal_line() {
        let source = format!(
            "{PROSE}{PROSE}Referências\nABRANCHES, S. H. H. D. Presidencialismo de coalizão: o dilema institucional brasileiro.\nRevista de Ciências Sociais, v. 31, n. 1, p. 5–34, 1988.\nCHEIBUB, J. A.; LIMONGI, F. Partidos e governadores na câmara dos deputados, 1988-2006.\nDADOS - Revista de Ciências Sociais, v. 52, n. 2, p. 263–299, 2009.\nMAINWARING, S. P. Sistemas partidários em novas democracias. 1. ed.\nPorto Alegre: [s.n.], 2001.\nPOOLE, K. T. Spatial models of parliamentary voting. Cambridge University Press,\n2005.\n"
        );
        let starts: Vec<String> = read(&source)
            .into_iter()
            .skip_while(|(_, t)| t != "Referências")
            .skip(1)
            .map(|(_, t)| t.split_whitespace().next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(starts, ["ABRANCHES,", "CHEIBUB,", "MAINWARING,", "POOLE,"]);
    }

    #[test]
    fn chapter_headings_carry_their_number() {
        assert_eq!(chapter_number("Chapter 3 Methods"), Some("3"));
        assert_eq!(chapter_number("CAPÍTULO IV Resultados"), Some("IV"));
        assert_eq!(chapter_number("Chapters of the book"), None);
    }
}
