//! Citation checks under a numeric style (Vancouver, IEEE): numeric citations against the
//! numbers of the reference entries. A number no entry has, an entry no number cites, and a list
//! not numbered in the order of first citation. The checks word nothing: the rules' messages get
//! the values as placeholders.

use std::ops::Range;

use super::citations::longest_nondecreasing;
use crate::cite::CitationAnalysis;
use crate::diagnostic::Finding;

/// Numbers below this can be entries; "[2020]" is a year in an editorial insertion.
const HIGHEST_ENTRY: u32 = 999;

/// Numeric citations whose numbers no entry has, one finding per number or range written.
pub fn not_in_references(analysis: &CitationAnalysis, round: bool) -> Vec<Finding> {
    if analysis.references.is_empty() {
        return Vec::new();
    }
    let numbering = &analysis.numbering;
    let near = match (numbering.highest(), numbering.written) {
        (Some(highest), true) => format!("; the list is numbered up to {highest}"),
        _ => format!("; the list has {} entries", analysis.references.len()),
    };
    let mut findings = Vec::new();
    for citation in analysis.numeric_citations(round) {
        for part in &citation.parts {
            if part.first > HIGHEST_ENTRY {
                continue;
            }
            let missing: Vec<String> = (part.first..=part.last)
                .filter(|n| numbering.entry(*n).is_none())
                .map(|n| citation.shown(n))
                .collect();
            if missing.is_empty() {
                continue;
            }
            findings.push(
                Finding::at(part.span.clone())
                    .arg("citation", missing.join(", "))
                    .arg("near", near.clone()),
            );
        }
    }
    findings
}

/// Numbered entries that no numeric citation (nor an author-date one) points at. Quiet when the
/// text has no numeric citation at all: its numbers are in a form galley does not read
/// (superscripts).
pub fn not_cited<'a>(
    analysis: &CitationAnalysis,
    round: bool,
    text: &impl Fn(&Range<usize>) -> &'a str,
) -> Vec<Finding> {
    let citations = analysis.numeric_citations(round);
    if citations.is_empty() {
        return Vec::new();
    }
    let mut cited = analysis.cited.clone();
    for n in citations.iter().flat_map(|c| &c.numbers) {
        if let Some(i) = analysis.numbering.entry(*n) {
            cited[i] = true;
        }
    }
    (0..analysis.references.len())
        .filter(|&i| !cited[i] && analysis.numbering.numbers[i].is_some())
        .map(|i| Finding::at(anchor(analysis, i)).arg("entry", entry_name(analysis, i, text)))
        .collect()
}

/// Entries not numbered in the order of their first citation: in the order of first citation,
/// the entry numbers should rise. The fewest entries that, moved, would leave them rising are
/// reported, each with a label at its first citation.
pub fn order<'a>(
    analysis: &CitationAnalysis,
    round: bool,
    style: &str,
    text: &impl Fn(&Range<usize>) -> &'a str,
) -> Vec<Finding> {
    let numbering = &analysis.numbering;
    let mut first: Vec<Option<Range<usize>>> = vec![None; analysis.references.len()];
    // Entries in the order they are first cited.
    let mut sequence: Vec<usize> = Vec::new();
    let mut first_cite = |i: usize, span: &Range<usize>, sequence: &mut Vec<usize>| {
        if first[i].is_none() {
            first[i] = Some(span.clone());
            sequence.push(i);
        }
    };
    if analysis.keyed_matching {
        for keyed in &analysis.keyed {
            if let Some(i) = keyed.entry {
                first_cite(i, &keyed.span, &mut sequence);
            }
        }
    } else {
        for citation in analysis.numeric_citations(round) {
            // The works first cited together ("[3, 1]") may take their numbers in any order.
            let mut new: Vec<(u32, usize, &Range<usize>)> = citation
                .parts
                .iter()
                .flat_map(|p| (p.first..=p.last).map(move |n| (n, &p.span)))
                .filter_map(|(n, span)| Some((n, numbering.entry(n)?, span)))
                .collect();
            new.sort_by_key(|(n, _, _)| *n);
            for (_, i, span) in new {
                first_cite(i, span, &mut sequence);
            }
        }
    }
    let sequence: Vec<(usize, u32)> = sequence
        .into_iter()
        .filter_map(|i| Some((i, numbering.numbers[i]?)))
        .collect();
    let numbers: Vec<u32> = sequence.iter().map(|(_, n)| *n).collect();
    let keep = longest_nondecreasing(&numbers);
    let mut findings = Vec::new();
    for (p, &(i, _)) in sequence.iter().enumerate() {
        if keep[p] {
            continue;
        }
        let advice = match p.checked_sub(1).map(|q| sequence[q].1) {
            Some(previous) => format!(
                "{style} numbers the entries in the order they are first cited: this work is first cited after entry {previous}, so it comes after that entry"
            ),
            None => format!(
                "{style} numbers the entries in the order they are first cited, and this work is cited first: make it entry 1"
            ),
        };
        let mut finding = Finding::at(anchor(analysis, i))
            .arg("entry", entry_name(analysis, i, text))
            .arg("order", "citation")
            .arg("advice", advice);
        if let Some(span) = &first[i] {
            finding = finding.label(span.clone(), "first cited here");
        }
        findings.push(finding);
    }
    findings
}

/// Where a finding about an entry points: its written number, else its authors, else the entry.
fn anchor(analysis: &CitationAnalysis, i: usize) -> Range<usize> {
    let entry = &analysis.references[i];
    if let Some(span) = &analysis.numbering.spans[i] {
        span.clone()
    } else if !entry.authors_span.is_empty() {
        entry.authors_span.clone()
    } else {
        analysis.entry_spans[i].clone()
    }
}

/// "[3] Adams (2019)", "3. Adams (2019)", "entry 3" for an entry numbered by its place.
fn entry_name<'a>(
    analysis: &CitationAnalysis,
    i: usize,
    text: &impl Fn(&Range<usize>) -> &'a str,
) -> String {
    let marker = match (&analysis.numbering.spans[i], analysis.numbering.numbers[i]) {
        (Some(span), _) => text(span).to_string(),
        (None, Some(n)) => format!("entry {n}"),
        (None, None) => "entry".to_string(),
    };
    let entry = &analysis.references[i];
    let name = match &entry.numbered {
        _ if !entry.authors.is_empty() => Some(entry.short_name()),
        Some(reading) => Some(reading.short_name()),
        None => None,
    };
    match name {
        Some(name) => format!("{marker} {name}"),
        None => marker,
    }
}
