//! Heading style: `heading-numbering` (some headings numbered and others not, gaps in the
//! numbers) and `title-case` (minor words capitalised in a title-case title or heading, and
//! headings that mix title case and sentence case across the manuscript). English capitalisation
//! rules only; numbering is language-neutral.

use serde::Deserialize;

use super::{Check, Context, LanguageScope};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::{Heading, Manuscript, Part, Unit};
use crate::source::MappedText;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberingParams {}

pub struct HeadingNumbering;

impl HeadingNumbering {
    pub fn new(_: NumberingParams) -> Self {
        Self
    }
}

/// The numbers of a heading number: "2.1." → [2, 1]; roman and letter numbers count too.
fn parse_number(number: &str) -> Option<Vec<u32>> {
    let trimmed = number.trim_end_matches('.');
    if let Some(roman) = roman_value(trimmed) {
        return Some(vec![roman]);
    }
    if trimmed.len() == 1 && trimmed.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(vec![u32::from(trimmed.as_bytes()[0] - b'A' + 1)]);
    }
    trimmed.split('.').map(|part| part.parse().ok()).collect()
}

fn roman_value(text: &str) -> Option<u32> {
    if text.is_empty() || !text.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let chars: Vec<u32> = text.chars().map(value).collect();
    let mut total = 0;
    for (i, v) in chars.iter().enumerate() {
        if chars.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64
        } else {
            total += *v as i64
        }
    }
    u32::try_from(total).ok()
}

impl Check for HeadingNumbering {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let headings = &cx.manuscript.headings;
        let mut numbered: Vec<(&Heading, Vec<u32>)> = headings
            .iter()
            .filter_map(|h| Some((h, parse_number(h.number.as_deref()?)?)))
            .collect();
        // A table of contents (or a list of figures) before the text repeats its numbers; the
        // numbering that counts is the one that starts again at 1 after it.
        if let Some(restart) = numbered
            .iter()
            .rposition(|(_, n)| n.as_slice() == [1])
            .filter(|&i| numbered[..i].iter().any(|(_, n)| n[0] >= 2))
        {
            numbered.drain(..restart);
        }
        // A page's running head repeats the section's heading, number and words.
        numbered.dedup_by(|(later, n), (earlier, m)| n == m && same_title(later, earlier));
        if numbered.len() < 2 {
            return Vec::new();
        }
        let headings: Vec<&Heading> = headings
            .iter()
            .filter(|h| h.text.source_span().start >= numbered[0].0.text.source_span().start)
            .collect();
        let mut findings = Vec::new();
        let first_numbered = numbered[0].0.text.source_span().start;
        let last_numbered = numbered[numbered.len() - 1].0.text.source_span().start;
        // An unnumbered introduction before the numbered sections makes an unnumbered
        // conclusion after them the same convention (common in the humanities), not a slip.
        let unnumbered_frame = cx
            .manuscript
            .headings
            .iter()
            .any(|h| h.number.is_none() && h.text.source_span().start < first_numbered);
        // Unnumbered headings after numbering started.
        for heading in headings
            .iter()
            .filter(|h| h.number.is_none() && h.text.source_span().start > first_numbered)
            .filter(|h| !(unnumbered_frame && h.text.source_span().start > last_numbered))
            // Appendices go by letter ("Appendix A") or by none; back matter (acknowledgements,
            // data availability, competing interests…) goes unnumbered by convention.
            .filter(|h| !crate::manuscript::is_appendix_heading(h.text.as_str()))
            .filter(|h| !is_back_matter(h.text.as_str()))
        {
            findings.push(
                Finding::at(heading.text.source_span())
                    .arg(
                        "problem",
                        "has no number while the headings before it are numbered",
                    )
                    .arg("heading", heading.text.as_str())
                    .label(numbered[0].0.text.source_span(), "numbered heading"),
            );
        }
        // Gaps and repeats at each level.
        let mut previous: Vec<u32> = Vec::new();
        for (heading, number) in &numbered {
            let expected_ok = match (previous.as_slice(), number.as_slice()) {
                ([], [1] | [1, 1]) => true,
                ([], _) => number.iter().all(|&n| n == 1),
                (prev, num) if num.len() > prev.len() => {
                    num.len() == prev.len() + 1
                        && num[..prev.len()] == *prev
                        && num[prev.len()] == 1
                }
                (prev, num) => {
                    let depth = num.len();
                    num[..depth - 1] == prev[..depth - 1] && num[depth - 1] == prev[depth - 1] + 1
                }
            };
            if !expected_ok {
                let shown = heading.number.clone().unwrap_or_default();
                findings.push(
                    Finding::at(heading.text.source_span())
                        .arg("problem", format!("is numbered “{shown}” out of sequence"))
                        .arg("heading", heading.text.as_str()),
                );
            }
            previous = number.clone();
        }
        findings
    }
}

/// Whether two headings with the same number have the same words (or one has none).
fn same_title(a: &Heading, b: &Heading) -> bool {
    let words = |h: &Heading| -> Vec<String> {
        h.text
            .as_str()
            .split_whitespace()
            .skip_while(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    a.is_empty() || b.is_empty() || a == b
}

/// Whether a heading names back matter, which journals leave unnumbered: a statement
/// (acknowledgements, funding, data availability, competing interests, author contributions…,
/// in the languages of the statement table) or supplementary material.
fn is_back_matter(heading: &str) -> bool {
    crate::manuscript::is_back_matter_title(heading)
        || crate::desk::statements::heading_kind(heading).is_some_and(|(kind, _)| !kind.section)
}

/// Minor words that title case leaves lowercase (APA: articles, short conjunctions and
/// prepositions of three letters or fewer).
const MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "off", "on", "or", "per",
    "so", "the", "to", "up", "via", "yet",
];
/// Longer function words that say nothing about a heading's case style either way.
const NEUTRAL: &[&str] = &[
    "from", "into", "onto", "over", "upon", "with", "than", "that", "this", "between", "versus",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseParams {
    #[serde(default = "title_and_headings")]
    parts: Vec<Part>,
}

fn title_and_headings() -> Vec<Part> {
    vec![Part::Title, Part::Heading]
}

pub struct TitleCase {
    parts: Vec<Part>,
    scope: LanguageScope,
}

impl TitleCase {
    pub fn new(params: CaseParams, scope: LanguageScope) -> Result<Self, String> {
        if let Some(part) = params
            .parts
            .iter()
            .find(|p| !matches!(p, Part::Title | Part::Heading))
        {
            return Err(format!(
                "`title-case` checks `title` and `heading`, not `{}`",
                part.as_str()
            ));
        }
        Ok(Self {
            parts: params.parts,
            scope,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Title,
    Sentence,
}

/// Words of a heading with their byte ranges, the section number left out.
fn heading_words(text: &str) -> Vec<(usize, &str)> {
    let body_start = crate::manuscript::shapes::heading_number(text).map_or(0, str::len);
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if i < body_start {
            continue;
        }
        if c.is_alphanumeric() || c == '’' || c == '\'' || c == '_' {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

/// The case style of a heading, when it has enough content words to tell.
fn style(text: &str) -> Option<Style> {
    let words = heading_words(text);
    let content: Vec<&str> = words
        .iter()
        .skip(1)
        .map(|(_, w)| *w)
        .filter(|w| {
            let lower = w.to_lowercase();
            !MINOR.contains(&lower.as_str())
                && !NEUTRAL.contains(&lower.as_str())
                && !is_all_caps(w)
                && w.chars().all(|c| !c.is_ascii_digit() && c != '_')
                && w.chars().next().is_some_and(char::is_alphabetic)
        })
        .collect();
    if content.len() < 2 {
        return None;
    }
    let capitalised = content.iter().filter(|w| is_capitalised(w)).count();
    if capitalised * 10 >= content.len() * 8 {
        Some(Style::Title)
    } else if capitalised * 2 < content.len() {
        Some(Style::Sentence)
    } else {
        None
    }
}

impl TitleCase {
    fn units<'a>(&'a self, ms: &'a Manuscript) -> impl Iterator<Item = &'a Unit> + 'a {
        ms.units_in(&self.parts)
            .filter(move |u| self.scope.includes(u, ms) && !u.text.as_str().contains('\n'))
    }

    fn minor_words(&self, text: &MappedText) -> Vec<Finding> {
        let s = text.as_str();
        if is_all_caps(s) || style(s) != Some(Style::Title) {
            return Vec::new();
        }
        let mut findings = Vec::new();
        let words = heading_words(s);
        for (index, (at, word)) in words.iter().enumerate() {
            let lower = word.to_lowercase();
            let after_break =
                index == 0 || s[..*at].trim_end().ends_with([':', '—', '–', '?', '!']);
            // The last word, and "up" / "off" (particles of phrasal verbs: "Setting Up"), are
            // capitalised in title case.
            let particle = index + 1 == words.len() || matches!(lower.as_str(), "up" | "off");
            if particle
                || after_break
                || !is_capitalised(word)
                || is_all_caps(word)
                || !MINOR.contains(&lower.as_str())
            {
                continue;
            }
            findings.push(
                Finding::at(text.to_source(*at..at + word.len()))
                    .arg("word", *word)
                    .arg("suggestion", &lower)
                    .arg(
                        "problem",
                        format!("minor word “{word}” is capitalised in a title-case heading"),
                    )
                    .replace_with(lower, Applicability::Unsafe),
            );
        }
        findings
    }
}

impl Check for TitleCase {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .units(cx.manuscript)
            .flat_map(|u| self.minor_words(&u.text))
            .collect();
        // Headings (not the title) that break the style most headings follow.
        let styled: Vec<(&Unit, Style)> = self
            .units(cx.manuscript)
            .filter(|u| u.part == Part::Heading)
            .filter_map(|u| Some((u, style(u.text.as_str())?)))
            .collect();
        let titles = styled.iter().filter(|(_, s)| *s == Style::Title).count();
        let sentences = styled.len() - titles;
        if titles > 0 && sentences > 0 && titles != sentences {
            let majority = if titles > sentences {
                Style::Title
            } else {
                Style::Sentence
            };
            let (name, other) = match majority {
                Style::Title => ("sentence case", "title case"),
                Style::Sentence => ("title case", "sentence case"),
            };
            for (unit, _) in styled.iter().filter(|(_, s)| *s != majority) {
                findings.push(
                    Finding::at(unit.text.source_span())
                        .arg("word", unit.text.as_str())
                        .arg(
                            "problem",
                            format!("heading is in {name} while the other headings are in {other}"),
                        ),
                );
            }
        }
        findings.sort_by_key(|f| f.span.start);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_in_all_forms() {
        assert_eq!(parse_number("2.1"), Some(vec![2, 1]));
        assert_eq!(parse_number("3."), Some(vec![3]));
        assert_eq!(parse_number("IV."), Some(vec![4]));
        assert_eq!(parse_number("B."), Some(vec![2]));
    }

    #[test]
    fn styles_are_told_apart() {
        assert_eq!(
            style("Effects of War on Security Policies of NATO"),
            Some(Style::Title)
        );
        assert_eq!(
            style("1. NATO’s Expansion from the Point of Ukraine And Russia"),
            Some(Style::Title)
        );
        assert_eq!(
            style("Effects of war on the security policies of states"),
            Some(Style::Sentence)
        );
        assert_eq!(style("Methods"), None);
    }
}
