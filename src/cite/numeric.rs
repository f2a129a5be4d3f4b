//! Numeric citations and numbered reference entries: "[1]", "[1, 4]", "[2-5]", "[2]–[5]" in
//! square brackets; "(1)", "(1, 2)", "(1-3)" in round ones (Vancouver), which are read apart
//! because round brackets hold so much else; and the number that opens an entry ("1.", "[1]",
//! "1)").
//!
//! The grammar only says what was written and where. A round "(1)" is taken for a citation only
//! after a word, never where it opens a line (a list marker), follows an equation sign or a word
//! such as "equation" or "step", or starts an inline enumeration ("(1) the area, (2) the depth").
//! Which brackets a style cites with is for the checks to decide.

use std::collections::HashMap;
use std::ops::Range;

use super::token::{Kind, Token, floor_char_boundary, tokenize};

/// The brackets a numeric citation stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Brackets {
    Square,
    Round,
}

/// One number or range inside a numeric citation, with its span ("4", "2-5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericPart {
    pub first: u32,
    pub last: u32,
    pub span: Range<usize>,
}

/// A numeric citation ("[1]", "[2-5]", "[1, 4]", "(1, 2)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumericCitation {
    pub span: Range<usize>,
    pub brackets: Brackets,
    /// Every number cited, ranges spelled out, in the order written.
    pub numbers: Vec<u32>,
    pub parts: Vec<NumericPart>,
    /// Bracket groups written: 2 for an IEEE range "[2]–[5]", read as one citation.
    pub groups: usize,
}

impl NumericCitation {
    /// Moves every span by `f` (from unit text to source file).
    pub fn map_spans(&mut self, f: &impl Fn(Range<usize>) -> Range<usize>) {
        self.span = f(self.span.clone());
        for part in &mut self.parts {
            part.span = f(part.span.clone());
        }
    }

    /// How one number of this citation is written on its own: "[7]" or "(7)".
    pub fn shown(&self, number: u32) -> String {
        match self.brackets {
            Brackets::Square => format!("[{number}]"),
            Brackets::Round => format!("({number})"),
        }
    }
}

/// Finds square-bracket numeric citations: "[1]", "[1, 4]", "[2-5]", "[2, pp. 15-16]", and the
/// IEEE range "[2]–[5]" as one citation of 2 to 5.
pub fn parse_square(text: &str) -> Vec<NumericCitation> {
    let mut out: Vec<NumericCitation> = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('[') {
        let open = from + found;
        from = open + 1;
        let Some((close, parts)) = bracketed(text, open, ']') else {
            continue;
        };
        from = close + 1;
        let citation = citation(open..close + 1, Brackets::Square, parts);
        // "[2]–[5]": a dash between two single numbers in their own brackets.
        if let Some(previous) = out.last_mut()
            && let ([before], [after]) = (previous.parts.as_slice(), citation.parts.as_slice())
            && before.first == before.last
            && after.first == after.last
            && before.last < after.first
            && after.first - before.last <= 500
            && matches!(text[previous.span.end..open].trim(), "-" | "–" | "—")
        {
            let span = previous.span.start..citation.span.end;
            *previous = NumericCitation {
                span: span.clone(),
                brackets: Brackets::Square,
                numbers: (before.first..=after.first).collect(),
                parts: vec![NumericPart {
                    first: before.first,
                    last: after.first,
                    span,
                }],
                groups: 2,
            };
            continue;
        }
        out.push(citation);
    }
    out
}

/// Words after which a round "(1)" numbers something other than a work.
const NOT_AFTER: &[&str] = &[
    "and",
    "appendix",
    "case",
    "cases",
    "chapter",
    "column",
    "condition",
    "conditions",
    "constraint",
    "criteria",
    "criterion",
    "either",
    "eq",
    "eqn",
    "eqs",
    "equation",
    "equations",
    "expression",
    "fig",
    "figure",
    "formula",
    "hypotheses",
    "hypothesis",
    "inequality",
    "item",
    "items",
    "level",
    "line",
    "model",
    "no",
    "nor",
    "or",
    "p",
    "page",
    "part",
    "phase",
    "point",
    "pp",
    "question",
    "questions",
    "row",
    "rule",
    "section",
    "stage",
    "step",
    "steps",
    "table",
    "then",
    "type",
];

/// Characters that make a line look like mathematics.
const MATH: &[char] = &[
    '=', '<', '>', '+', '×', '÷', '±', '≤', '≥', '∑', '∫', '^', '\\',
];

/// A round candidate and how its left side reads.
struct Round {
    citation: NumericCitation,
    /// After a word, outside mathematics: may be a citation.
    citing_context: bool,
    /// After ",", ";", ":" or "and" / "or": the shape of an enumeration's later markers.
    enumeration_context: bool,
}

/// Finds round-bracket numeric citations, "(1)", "(1, 2)", "(1-3)", "(4, p. 12)", where the
/// context allows one (see the module comment). Numbers run from 1 to 999, so years are never
/// read.
pub fn parse_round(text: &str) -> Vec<NumericCitation> {
    let mut candidates: Vec<Round> = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('(') {
        let open = from + found;
        from = open + 1;
        let Some((close, parts)) = bracketed(text, open, ')') else {
            continue;
        };
        if parts.iter().any(|p| p.first == 0 || p.last > 999) {
            continue;
        }
        from = close + 1;
        let line_start = text[..open].rfind('\n').map_or(0, |at| at + 1);
        let before = &text[line_start..open];
        let previous = before.trim_end().chars().next_back();
        let previous_word = before
            .trim_end()
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // Mathematics in the same sentence: a "p < 0.05" earlier in a long paragraph says
        // nothing about a "(1)" sentences later.
        let sentence = before.rfind(". ").map_or(before, |at| &before[at + 2..]);
        let math = sentence.contains(MATH);
        // A name with digits counts as a word ("DADA2 (16)", "CO2 (3)"); a number does not
        // ("Table 2 (16)").
        let named_with_digits = previous.is_some_and(|c| c.is_ascii_digit())
            && previous_word.starts_with(char::is_alphabetic);
        let after_word = named_with_digits
            || previous.is_some_and(|c| {
                c.is_alphabetic() || matches!(c, '%' | ')' | ']' | '’' | '”' | '"')
            });
        let citing_context =
            after_word && !math && NOT_AFTER.binary_search(&previous_word.as_str()).is_err();
        let enumeration_context = previous.is_none_or(|c| matches!(c, ',' | ';' | ':'))
            || matches!(previous_word.as_str(), "and" | "or");
        candidates.push(Round {
            citation: citation(open..close + 1, Brackets::Round, parts),
            citing_context,
            enumeration_context,
        });
    }
    let single = |r: &Round| match r.citation.parts.as_slice() {
        [p] if p.first == p.last => Some(p.first),
        _ => None,
    };
    let mut out = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if !candidate.citing_context {
            continue;
        }
        // "we measured (1) the area, (2) the depth": a marker before a lowercase word, which
        // the next number follows in the same sentence after a comma or an "and", opens an
        // enumeration.
        let end = candidate.citation.span.end;
        let clause_follows = text[end..]
            .trim_start()
            .starts_with(|c: char| c.is_lowercase());
        let enumeration = clause_follows
            && single(candidate).is_some_and(|n| {
                candidates[i + 1..]
                    .iter()
                    .take_while(|later| {
                        later.citation.span.start < end + 300
                            && !ends_sentence(&text[end..later.citation.span.start])
                    })
                    .any(|later| later.enumeration_context && single(later) == Some(n + 1))
            });
        if !enumeration {
            out.push(candidate.citation.clone());
        }
    }
    out
}

/// Whether a sentence ends in `text`: a period, question or exclamation mark before a space and
/// a capital letter.
fn ends_sentence(text: &str) -> bool {
    text.match_indices(['.', '?', '!']).any(|(at, _)| {
        let rest = &text[at + 1..];
        rest.starts_with(char::is_whitespace) && rest.trim_start().starts_with(char::is_uppercase)
    })
}

fn citation(span: Range<usize>, brackets: Brackets, parts: Vec<NumericPart>) -> NumericCitation {
    NumericCitation {
        span,
        brackets,
        numbers: parts.iter().flat_map(|p| p.first..=p.last).collect(),
        parts,
        groups: 1,
    }
}

/// The numbers inside the bracket opened at `open` and closed by `close` within a short window:
/// where it closes and the parts.
fn bracketed(text: &str, open: usize, close: char) -> Option<(usize, Vec<NumericPart>)> {
    // Only a short bracket can be a list of numbers; look no further than that.
    let window = &text[open..floor_char_boundary(text, open + 64)];
    let at = open + window.find(close)?;
    let tokens = tokenize(&text[open + 1..at], open + 1);
    numeric_list(&tokens).map(|parts| (at, parts))
}

fn numeric_list(tokens: &[Token<'_>]) -> Option<Vec<NumericPart>> {
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        let first_token = tokens.get(i).filter(|t| t.kind == Kind::Number)?;
        let first: u32 = first_token.text.parse().ok()?;
        i += 1;
        if tokens.get(i).is_some_and(|t| t.is('-') || t.is('–'))
            && let Some(last_token) = tokens.get(i + 1)
            && last_token.kind == Kind::Number
        {
            let last: u32 = last_token.text.parse().ok()?;
            if last < first || last - first > 500 {
                return None;
            }
            parts.push(NumericPart {
                first,
                last,
                span: first_token.span.start..last_token.span.end,
            });
            i += 2;
        } else {
            parts.push(NumericPart {
                first,
                last: first,
                span: first_token.span.clone(),
            });
        }
        match tokens.get(i) {
            None => return Some(parts),
            Some(t) if t.is(',') => {
                i += 1;
                // "[2, p. 15]": a locator ends the list.
                if tokens
                    .get(i)
                    .is_some_and(|t| t.is_word("p") || t.is_word("pp"))
                {
                    return Some(parts);
                }
            }
            _ => return None,
        }
    }
}

/// The number written at the start of an entry: "1. ", "[1] ", "1) " (up to three digits, so a
/// year is never one), with the marker's span.
pub fn entry_number(text: &str) -> Option<(u32, Range<usize>)> {
    let body = text.trim_start();
    let lead = text.len() - body.len();
    let (digits_at, digits) = match body.strip_prefix('[') {
        Some(rest) => (1, rest.chars().take_while(char::is_ascii_digit).count()),
        None => (0, body.chars().take_while(char::is_ascii_digit).count()),
    };
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = &body[digits_at + digits..];
    let closed = if digits_at == 1 {
        after.starts_with(']')
    } else {
        after.starts_with(['.', ')'])
    };
    let end = digits_at + digits + 1;
    if !closed || !body[end..].starts_with(char::is_whitespace) {
        return None;
    }
    let number = body[digits_at..digits_at + digits].parse().ok()?;
    Some((number, lead..lead + end))
}

/// The numbers of a reference list's entries and the entry each number names.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    /// The number of each entry: as written at its start, or, when no entry has a written
    /// number (an automatically numbered list in a .docx or Markdown), its place in the list.
    pub numbers: Vec<Option<u32>>,
    /// The span of each written number ("[3]", "3.").
    pub spans: Vec<Option<Range<usize>>>,
    /// Whether the numbers were written (else they are list positions).
    pub written: bool,
    index: HashMap<u32, usize>,
}

impl Numbering {
    /// Numbers entries from their written markers (source spans), or by position when none has
    /// one. The first entry with a number keeps it.
    pub fn new(markers: Vec<Option<(u32, Range<usize>)>>) -> Self {
        let written = markers.iter().any(Option::is_some);
        let (numbers, spans): (Vec<Option<u32>>, Vec<Option<Range<usize>>>) = if written {
            markers
                .into_iter()
                .map(|m| match m {
                    Some((n, span)) => (Some(n), Some(span)),
                    None => (None, None),
                })
                .unzip()
        } else {
            (1..=markers.len())
                .map(|n| (u32::try_from(n).ok(), None))
                .unzip()
        };
        let mut index = HashMap::new();
        for (i, n) in numbers.iter().enumerate() {
            if let Some(n) = n {
                index.entry(*n).or_insert(i);
            }
        }
        Self {
            numbers,
            spans,
            written,
            index,
        }
    }

    /// The entry numbered `number`.
    pub fn entry(&self, number: u32) -> Option<usize> {
        self.index.get(&number).copied()
    }

    /// The highest number in the list.
    pub fn highest(&self) -> Option<u32> {
        self.numbers.iter().flatten().max().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(found: &[NumericCitation]) -> Vec<Vec<u32>> {
        found.iter().map(|c| c.numbers.clone()).collect()
    }

    #[test]
    fn square_citations() {
        let text = "as shown [1], later [1, 4] and [2-5]; also [2, pp. 15-16].";
        let found = parse_square(text);
        assert_eq!(
            numbers(&found),
            [vec![1], vec![1, 4], vec![2, 3, 4, 5], vec![2]]
        );
        assert_eq!(found[0].span, 9..12);
        assert_eq!(&text[found[1].parts[1].span.clone()], "4");
        assert_eq!(&text[found[2].parts[0].span.clone()], "2-5");
        assert!(parse_square("the opposition [as] NATO").is_empty());
        assert!(parse_square("an aside [see below] and [1a]").is_empty());
    }

    #[test]
    fn ieee_ranges_in_separate_brackets_are_one_citation() {
        let text = "as in [2]–[5], and [1], [7] apart";
        let found = parse_square(text);
        assert_eq!(numbers(&found), [vec![2, 3, 4, 5], vec![1], vec![7]]);
        assert_eq!(&text[found[0].span.clone()], "[2]–[5]");
        assert_eq!(found[0].groups, 2);
    }

    #[test]
    fn round_citations_after_words() {
        let text = "Light reaches the bottom (1), plants follow (2, 3) and others agree (4-6).";
        assert_eq!(
            numbers(&parse_round(text)),
            [vec![1], vec![2, 3], vec![4, 5, 6]]
        );
        let found = parse_round("as reported for adults (1) and children (2).");
        assert_eq!(numbers(&found), [vec![1], vec![2]]);
        // An enumeration in the next sentence leaves a citation alone.
        let text = "It reaches the bottom (1). We measured (1) the area, (2) the depth.";
        assert_eq!(numbers(&parse_round(text)), [vec![1]]);
        assert_eq!(parse_round(text)[0].span, 22..25);
        assert_eq!(
            numbers(&parse_round("as Adams (3, p. 12) found")),
            [vec![3]]
        );
        // A tool's name with a digit in it.
        assert_eq!(
            numbers(&parse_round("data were denoised with DADA2 (16) as before")),
            [vec![16]]
        );
        // Mathematics a sentence earlier in the paragraph does not make this one mathematics.
        assert_eq!(
            numbers(&parse_round(
                "Models reached an AUROC > 0.7. Like Goldilocks and the three bears(1), we chose."
            )),
            [vec![1]]
        );
    }

    #[test]
    fn round_brackets_that_are_not_citations() {
        for text in [
            "(1) Ponds were sampled in spring.",
            "The steps were:\n(1) sampling and (2) sorting.",
            "we measured (1) the area, (2) the depth and (3) the shade.",
            "the energy is E = mc^2 (1)",
            "x + y (2) holds",
            "as Equation (1) shows, and eq. (2) too",
            "in step (3) we",
            "it was founded (2020) and grew",
            "the results (n = 12) and (1.5) and (12%)",
            "some (0) and (1000) and (a)",
            "a list: (1) first",
            "Figure 2 (1) shows",
            "Table 12 (3) lists",
        ] {
            let found = parse_round(text);
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn entry_numbers() {
        assert_eq!(entry_number("1. Adams P. Light."), Some((1, 0..2)));
        assert_eq!(entry_number("[12] P. Adams, “Light,”"), Some((12, 0..4)));
        assert_eq!(entry_number("  3) Adams P."), Some((3, 2..4)));
        assert_eq!(entry_number("2006. Title"), None);
        assert_eq!(entry_number("1.5 litres"), None);
        assert_eq!(entry_number("Adams, P. (2019)."), None);
        assert_eq!(entry_number("[as] x"), None);
    }

    #[test]
    fn numbering_by_marker_or_by_position() {
        let written = Numbering::new(vec![Some((2, 0..2)), None, Some((1, 10..12))]);
        assert!(written.written);
        assert_eq!(written.entry(1), Some(2));
        assert_eq!(written.entry(3), None);
        assert_eq!(written.highest(), Some(2));
        let implicit = Numbering::new(vec![None, None]);
        assert!(!implicit.written);
        assert_eq!(implicit.entry(2), Some(1));
    }

    #[test]
    fn word_list_is_sorted_for_binary_search() {
        assert!(NOT_AFTER.windows(2).all(|w| w[0] < w[1]));
    }
}
