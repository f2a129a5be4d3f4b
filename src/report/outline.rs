//! The outline view: what structure detection recognised, with line numbers, word counts and
//! languages, and the citations and reference entries galley read, with the entry each citation
//! matched. It is how a user understands a surprising finding.

use std::ops::Range;

use serde_json::json;

use super::Sources;
use crate::cite::{CitationAnalysis, Reference, Resolution};
use crate::manuscript::{Manuscript, language, shapes::word_count};
use crate::source::{Document, MappedText};

/// How one cited work, number or key matched the list.
struct Match {
    /// The work as cited: "Adams, 2019", "2", "smith2020".
    cited: String,
    /// "found", "ambiguous", "year-mismatch" or "unmatched".
    kind: &'static str,
    /// Indices of the entries it found or could mean.
    entries: Vec<usize>,
}

/// One citation as the outline lists it.
struct Cited {
    span: Range<usize>,
    /// "author-date", "numeric" or "key".
    kind: &'static str,
    /// "square" or "round" for numeric citations.
    brackets: Option<&'static str>,
    matches: Vec<Match>,
}

/// Every citation read, in document order: author-date (doubtful ones only when they match),
/// numeric in square brackets, and in round ones when the text has no author-date citation
/// (round ones count as citations only under a style that cites so), and keyed ones.
fn cited(analysis: &CitationAnalysis) -> Vec<Cited> {
    let mut out = Vec::new();
    // A citation the format marks with keys is listed by its keys, as the checks judge it.
    let marked = |span: &Range<usize>| {
        analysis
            .keyed
            .iter()
            .any(|k| k.span.start <= span.start && span.end <= k.span.end)
    };
    for (citation, resolutions) in analysis.citations.iter().zip(&analysis.resolutions) {
        if marked(&citation.span) {
            continue;
        }
        let matches: Vec<Match> = citation
            .works
            .iter()
            .zip(resolutions)
            .filter(|(_, r)| citation.certain || !matches!(r, Resolution::NotFound(_)))
            .map(|(work, resolution)| {
                let (kind, entries) = match resolution {
                    Resolution::Found(i) => ("found", vec![*i]),
                    Resolution::Ambiguous(list) => ("ambiguous", list.clone()),
                    Resolution::YearMismatch(list) => ("year-mismatch", list.clone()),
                    Resolution::NotFound(_) => ("unmatched", Vec::new()),
                    Resolution::InNote(list) => ("in-note", list.clone()),
                };
                Match {
                    cited: work.written.clone(),
                    kind,
                    entries,
                }
            })
            .collect();
        if !matches.is_empty() {
            out.push(Cited {
                span: citation.span.clone(),
                kind: "author-date",
                brackets: None,
                matches,
            });
        }
    }
    // Round numbers are citations only in a numeric text: next to author-date citations they
    // number something else.
    for citation in analysis.numeric_citations(analysis.citations.is_empty()) {
        let matches = citation
            .numbers
            .iter()
            .map(|&n| {
                let entry = analysis.numbering.entry(n);
                Match {
                    cited: n.to_string(),
                    kind: if entry.is_some() {
                        "found"
                    } else {
                        "unmatched"
                    },
                    entries: entry.into_iter().collect(),
                }
            })
            .collect();
        out.push(Cited {
            span: citation.span.clone(),
            kind: "numeric",
            brackets: Some(match citation.brackets {
                crate::cite::Brackets::Square => "square",
                crate::cite::Brackets::Round => "round",
            }),
            matches,
        });
    }
    let mut keyed: Vec<Cited> = Vec::new();
    for key in &analysis.keyed {
        let entry = Match {
            cited: key.key.clone(),
            kind: if key.entry.is_some() {
                "found"
            } else {
                "unmatched"
            },
            entries: key.entry.into_iter().collect(),
        };
        match keyed.last_mut() {
            Some(last) if last.span == key.span => last.matches.push(entry),
            _ => keyed.push(Cited {
                span: key.span.clone(),
                kind: "key",
                brackets: None,
                matches: vec![entry],
            }),
        }
    }
    out.extend(keyed);
    out.sort_by_key(|c| c.span.start);
    out
}

/// "Adams, P. · 2019 · Light in ponds." for the text outline.
fn entry_summary(entry: &Reference) -> String {
    let authors: Vec<String> = entry_authors(entry)
        .into_iter()
        .map(|(surname, given)| match given {
            Some(given) => format!("{surname}, {given}"),
            None => surname,
        })
        .collect();
    let mut parts = Vec::new();
    if !authors.is_empty() {
        let shown = if authors.len() > 3 {
            format!("{} et al.", authors[0])
        } else {
            authors.join("; ")
        };
        parts.push(shown);
    }
    if let Some(year) = entry_year(entry) {
        parts.push(year);
    }
    if let Some(title) = entry_title(entry) {
        parts.push(format!("“{}”", one_line(&title, 50)));
    }
    if parts.is_empty() {
        "not read".into()
    } else {
        parts.join(" · ")
    }
}

/// Surnames and given names or initials, from the author-date reading or the numbered one.
fn entry_authors(entry: &Reference) -> Vec<(String, Option<String>)> {
    match &entry.numbered {
        Some(numbered) if entry.authors.is_empty() => numbered
            .authors
            .iter()
            .map(|a| (a.surname.clone(), Some(a.given.clone())))
            .collect(),
        _ => entry
            .authors
            .iter()
            .map(|a| (a.surname.clone(), a.given.clone()))
            .collect(),
    }
}

fn entry_year(entry: &Reference) -> Option<String> {
    entry
        .year
        .or_else(|| entry.numbered.as_ref()?.year)
        .map(|y| y.to_string())
}

fn entry_title(entry: &Reference) -> Option<String> {
    entry
        .title
        .clone()
        .or_else(|| entry.numbered.as_ref()?.title.clone())
}

/// "→ entry 1", "→ 2, 3 ambiguous", "→ unmatched" for one cited work.
fn match_summary(m: &Match) -> String {
    let entries: Vec<String> = m.entries.iter().map(|i| (i + 1).to_string()).collect();
    match m.kind {
        "found" => format!("{} → entry {}", m.cited, entries.join(", ")),
        "ambiguous" => format!("{} → entries {}?", m.cited, entries.join(" or ")),
        "year-mismatch" => format!(
            "{} → unmatched (the author has entry {} with another year)",
            m.cited,
            entries.join(", ")
        ),
        _ => format!("{} → unmatched", m.cited),
    }
}

/// Where an offset of the document's text is: its part (0 is the main file) and local line.
fn place(sources: &Sources<'_>, offset: usize) -> (usize, usize) {
    let (part, source, local) = sources.locate(&(offset..offset));
    (part, source.index.line_of(local.start))
}

/// A line as the text outline shows it: the bare number in the main file, `file:line` in an
/// included file or a .bib.
fn shown(sources: &Sources<'_>, offset: usize) -> String {
    let (part, line) = place(sources, offset);
    if part == 0 {
        line.to_string()
    } else {
        format!("{}:{line}", sources.parts()[part].name)
    }
}

fn end_offset(text: &MappedText) -> usize {
    text.source_span()
        .end
        .saturating_sub(1)
        .max(text.source_span().start)
}

/// "12-30", or "refs.bib:1-30" when both ends are in the same included file.
fn shown_range(sources: &Sources<'_>, first: &MappedText, last: &MappedText) -> String {
    let (part, from) = place(sources, first.source_span().start);
    let (end_part, to) = place(sources, end_offset(last));
    match (part, end_part) {
        (0, 0) => format!("{from}-{to}"),
        (a, b) if a == b => format!("{}:{from}-{to}", sources.parts()[a].name),
        _ => format!(
            "{}-{}",
            shown(sources, first.source_span().start),
            shown(sources, end_offset(last))
        ),
    }
}

/// The JSON fields saying where a text is: `line`, and `file` when it is not the main file.
fn json_place(sources: &Sources<'_>, text: &MappedText, value: &mut serde_json::Value) {
    let (part, line) = place(sources, text.source_span().start);
    value["line"] = json!(line);
    if part > 0 {
        value["file"] = json!(sources.parts()[part].name);
    }
}

fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn lang(code: Option<&str>) -> String {
    code.map_or_else(|| "?".into(), |c| format!("{c} ({})", language::name(c)))
}

/// The outline as aligned text.
pub fn render_text(document: &Document, ms: &Manuscript) -> String {
    let sources = Sources::new(&document.name, &document.text, &document.parts);
    let mut rows: Vec<(usize, String, String, String)> = Vec::new();
    let row = |offset: usize, what: String, detail: String| {
        (offset, shown(&sources, offset), what, detail)
    };
    if let Some(title) = &ms.title {
        rows.push(row(
            title.source_span().start,
            "title".into(),
            one_line(title.as_str(), 90),
        ));
    }
    if let (Some(first), Some(last)) = (ms.authors.first(), ms.authors.last()) {
        let names: Vec<String> = ms
            .authors
            .iter()
            .map(|a| one_line(a.as_str(), 40))
            .collect();
        let at = shown(&sources, first.source_span().start);
        let to = shown(&sources, end_offset(last));
        let where_ = if at == to {
            at.to_string()
        } else {
            shown_range(&sources, first, last)
        };
        rows.push(row(
            first.source_span().start,
            "authors".into(),
            format!("{} [lines {where_}]", names.join(" · ")),
        ));
    }
    for abs in &ms.abstracts {
        let heading = abs.heading.as_ref().map_or("no heading".to_string(), |h| {
            format!("“{}”", h.as_str().trim())
        });
        rows.push(row(
            abs.heading
                .as_ref()
                .unwrap_or(&abs.text)
                .source_span()
                .start,
            "abstract".into(),
            format!("{}, {} words, {heading}", lang(abs.language), abs.words),
        ));
    }
    for list in &ms.keywords {
        let items: Vec<&str> = list.items.iter().map(|i| i.as_str()).collect();
        rows.push(row(
            list.span.start,
            "keywords".into(),
            format!(
                "{}, {} items: {}",
                lang(list.language),
                items.len(),
                items.join(" · ")
            ),
        ));
    }
    for heading in &ms.headings {
        rows.push(row(
            heading.text.source_span().start,
            format!("heading {}", heading.level),
            one_line(heading.text.as_str(), 80),
        ));
    }
    let body_units: Vec<&MappedText> = ms
        .units
        .iter()
        .filter(|u| u.part == crate::manuscript::Part::Body)
        .map(|u| &u.text)
        .collect();
    if let (Some(first), Some(last)) = (body_units.first(), body_units.last()) {
        let words: usize = body_units.iter().map(|t| word_count(t.as_str())).sum();
        rows.push(row(
            first.source_span().start,
            "body".into(),
            format!(
                "lines {}, {}, {}, {}",
                shown_range(&sources, first, last),
                super::plural(body_units.len(), "paragraph"),
                super::plural(words, "word"),
                lang(ms.language)
            ),
        ));
    }
    if let Some(refs) = &ms.references {
        let first = refs.heading.as_ref().or(refs.entries.first());
        if let (Some(first), Some(last)) = (first, refs.entries.last()) {
            let heading = refs.heading.as_ref().map_or("no heading".to_string(), |h| {
                format!("“{}”", h.as_str().trim())
            });
            rows.push(row(
                first.source_span().start,
                "references".into(),
                format!(
                    "lines {}, {} entries, {heading}",
                    shown_range(&sources, first, last),
                    refs.entries.len()
                ),
            ));
        } else if let Some(heading) = &refs.heading {
            // A reference heading with nothing under it is a list of no entries.
            rows.push(row(
                heading.source_span().start,
                "references".into(),
                format!("no entries, “{}”", heading.as_str().trim()),
            ));
        }
    }
    if let (Some(first), Some(last)) = (ms.trailing.first(), ms.trailing.last()) {
        rows.push(row(
            first.source_span().start,
            "trailing".into(),
            format!(
                "lines {}: not part of the manuscript (“{}”)",
                shown_range(&sources, first, last),
                one_line(first.as_str(), 40)
            ),
        ));
    }
    let citations = &document.metadata.citations;
    if let Some(first) = citations.first() {
        let mut keys: Vec<&str> = citations
            .iter()
            .flat_map(|c| c.keys.iter().map(String::as_str))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        rows.push(row(
            first.span.start,
            "citations".into(),
            format!(
                "{} marked in the text, citing {} works",
                citations.len(),
                keys.len()
            ),
        ));
    }
    let analysis = ms.citations();
    if let Some(at) = style_row_offset(ms, analysis) {
        rows.push(row(at, "style".into(), style_summary(&analysis.style)));
    }
    for citation in cited(analysis) {
        let text = document.text.get(citation.span.clone()).unwrap_or("");
        let matches: Vec<String> = citation.matches.iter().map(match_summary).collect();
        let detail = match citation.kind {
            "author-date" => matches.join("; "),
            _ => format!("{}: {}", one_line(text, 40), matches.join("; ")),
        };
        rows.push(row(
            citation.span.start,
            "citation".into(),
            one_line(&detail, 100),
        ));
    }
    for (i, entry) in analysis.references.iter().enumerate() {
        let at = analysis.entry_spans[i].start;
        rows.push(row(at, format!("entry {}", i + 1), entry_summary(entry)));
    }
    for found in &crate::stats::results(document, ms).0 {
        let at = found.source(found.parsed.span.clone()).start;
        let verdict = found.verdict(crate::stats::DEFAULT_ALPHA);
        let detail = match found.judge(crate::stats::DEFAULT_ALPHA) {
            Some(j) => format!(
                "{} → p = {} ({}): {verdict}",
                found.written(),
                crate::stats::show_p(j.recomputed.p),
                found.tails(&j)
            ),
            None => format!("{}: {verdict}", found.written()),
        };
        rows.push(row(at, "statistic".into(), detail));
    }
    for statement in crate::desk::statements::detect(document, ms) {
        let state = match statement.content {
            crate::desk::statements::Content::Written => "",
            crate::desk::statements::Content::Empty => ", empty",
            crate::desk::statements::Content::Placeholder => ", a placeholder",
        };
        rows.push(row(
            statement.span.start,
            "statement".into(),
            format!(
                "{} (by {}{state})",
                statement.kind.name,
                statement.how.as_str()
            ),
        ));
    }
    for author in crate::desk::authors::authors(document) {
        let orcid = match &author.orcid {
            Some(id) => format!("ORCID {id}"),
            None => "no ORCID iD".into(),
        };
        rows.push(row(
            author.span.start,
            "author".into(),
            format!("{} · {orcid}", one_line(&author.name, 40)),
        ));
    }
    let items = crate::desk::display::count(document);
    if let Some(first) = items.all().first() {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        rows.push(row(
            first.start,
            "display".into(),
            format!(
                "{}, {}",
                plural(items.figures.len(), "figure"),
                plural(items.tables.len(), "table")
            ),
        ));
    }
    rows.sort_by_cached_key(|(offset, _, _, _)| {
        crate::source::FilePart::reading_key(&document.parts, *offset)
    });
    let mut out = format!("{} ({})\n", document.name, document.format.name());
    for (_, at, what, detail) in rows {
        out.push_str(&format!("{at:>5}  {what:<11} {detail}\n"));
    }
    out
}

/// Where the citation-style row stands: at the reference list, or else at the first citation;
/// nowhere when the manuscript has neither.
fn style_row_offset(ms: &Manuscript, analysis: &crate::cite::CitationAnalysis) -> Option<usize> {
    let list = analysis.entry_spans.first().map(|s| s.start);
    let cited = analysis
        .citations
        .first()
        .map(|c| c.span.start)
        .or_else(|| analysis.numeric.first().map(|c| c.span.start));
    list.or(cited)
        .filter(|_| ms.references.is_some() || !analysis.citations.is_empty())
}

/// "APA 7 (14 of 16 dated entries …; …)" or "unknown (…)".
fn style_summary(style: &crate::cite::StyleInference) -> String {
    let name = style.style.unwrap_or("unknown");
    if style.evidence.is_empty() {
        format!("citation style {name}: nothing to tell it by")
    } else {
        format!("citation style {name}: {}", style.evidence.join("; "))
    }
}

/// The outline as JSON (`title`, `abstracts`, `keywords`, `headings`, `references`, …).
/// `in_text_citations` lists every citation read with, per cited work, number or key, how it
/// matched and the indices (into `references`) of the entries it matched; each reference has
/// the `authors`, `year` and `title` galley read, and its `number` when the list is numbered.
/// `statistics` lists every reported test result with its recomputed p and the verdict at
/// α = .05.
pub fn render_json(document: &Document, ms: &Manuscript) -> String {
    let sources = Sources::new(&document.name, &document.text, &document.parts);
    let placed = |text: &MappedText, mut value: serde_json::Value| {
        json_place(&sources, text, &mut value);
        value
    };
    let at = |offset: usize, mut value: serde_json::Value| {
        let (part, line) = place(&sources, offset);
        value["line"] = json!(line);
        if part > 0 {
            value["file"] = json!(sources.parts()[part].name);
        }
        value
    };
    let analysis = ms.citations();
    let in_text: Vec<serde_json::Value> = cited(analysis)
        .into_iter()
        .map(|c| {
            let mut value = at(
                c.span.start,
                json!({
                    "text": document.text.get(c.span.clone()).unwrap_or(""),
                    "kind": c.kind,
                    "works": c.matches.iter().map(|m| json!({
                        "cited": m.cited,
                        "match": m.kind,
                        "entries": m.entries,
                    })).collect::<Vec<_>>(),
                }),
            );
            if let Some(brackets) = c.brackets {
                value["brackets"] = json!(brackets);
            }
            value
        })
        .collect();
    let statistics: Vec<serde_json::Value> = crate::stats::results(document, ms)
        .0
        .iter()
        .map(|found| {
            let judgement = found.judge(crate::stats::DEFAULT_ALPHA);
            let reported = match found.parsed.p {
                crate::stats::ReportedP::NotSignificant => json!("ns"),
                crate::stats::ReportedP::Value { comparison, value } => json!({
                    "comparison": comparison.as_str(),
                    "value": value.value,
                }),
            };
            at(
                found.source(found.parsed.span.clone()).start,
                json!({
                    "text": found.written(),
                    "test": found.parsed.test.name(),
                    "df": found.parsed.degrees,
                    "statistic": found.parsed.statistic.value,
                    "reported_p": reported,
                    "computed_p": judgement.map(|j| j.recomputed.p),
                    "tails": judgement.map(|j| found.tails(&j)),
                    "verdict": found.verdict(crate::stats::DEFAULT_ALPHA),
                }),
            )
        })
        .collect();
    let items = crate::desk::display::count(document);
    let value = json!({
        "version": 1,
        "path": document.name,
        "format": document.format.name(),
        "language": ms.language,
        "files": document.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        "title": ms.title.as_ref().map(|t| placed(t, json!({ "text": t.as_str() }))),
        "authors": ms.authors.iter().map(|a| placed(a, json!({ "text": a.as_str() }))).collect::<Vec<_>>(),
        "abstracts": ms.abstracts.iter().map(|a| placed(&a.text, json!({
            "language": a.language,
            "words": a.words,
            "end_line": place(&sources, end_offset(&a.text)).1,
            "heading": a.heading.as_ref().map(|h| h.as_str().trim().to_string()),
        }))).collect::<Vec<_>>(),
        "keywords": ms.keywords.iter().map(|k| at(k.span.start, json!({
            "language": k.language,
            "heading": if k.heading.is_empty() { None } else { Some(k.heading.as_str()) },
            "items": k.items.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
        }))).collect::<Vec<_>>(),
        "headings": ms.headings.iter().map(|h| placed(&h.text, json!({
            "text": h.text.as_str(),
            "level": h.level,
            "number": h.number,
        }))).collect::<Vec<_>>(),
        "citations": document.metadata.citations.iter().map(|c| at(c.span.start, json!({
            "keys": c.keys,
        }))).collect::<Vec<_>>(),
        "in_text_citations": in_text,
        "citation_style": json!({
            "style": analysis.style.style.unwrap_or("unknown"),
            "evidence": analysis.style.evidence,
        }),
        "references": ms.references.as_ref().map(|r| r.entries.iter().enumerate().map(|(i, e)| {
            let parsed = analysis.references.get(i);
            let mut value = placed(e, json!({
                "text": e.as_str(),
                "key": r.keys.get(i).cloned().flatten(),
                "authors": parsed.map(entry_authors).unwrap_or_default().into_iter().map(|(surname, given)| json!({
                    "surname": surname,
                    "given": given,
                })).collect::<Vec<_>>(),
                "year": parsed.and_then(entry_year),
                "title": parsed.and_then(entry_title),
            }));
            if analysis.numbering.written
                && let Some(number) = analysis.numbering.numbers.get(i).copied().flatten()
            {
                value["number"] = json!(number);
            }
            value
        }).collect::<Vec<_>>()).unwrap_or_default(),
        "reference_heading": ms.references.as_ref().and_then(|r| r.heading.as_ref()).map(|h| placed(h, json!({ "text": h.as_str() }))),
        "trailing": ms.trailing.iter().map(|t| placed(t, json!({ "text": t.as_str() }))).collect::<Vec<_>>(),
        "statistics": statistics,
        "contributors": crate::desk::authors::authors(document).iter().map(|a| at(a.span.start, json!({
            "name": a.name,
            "orcid": a.orcid,
        }))).collect::<Vec<_>>(),
        "display_items": json!({ "figures": items.figures.len(), "tables": items.tables.len() }),
        "statements": crate::desk::statements::detect(document, ms).iter().map(|s| at(s.span.start, json!({
            "id": s.kind.id,
            "name": s.kind.name,
            "how": s.how.as_str(),
            "language": s.language,
            "content": match s.content {
                crate::desk::statements::Content::Written => "written",
                crate::desk::statements::Content::Empty => "empty",
                crate::desk::statements::Content::Placeholder => "placeholder",
            },
        }))).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values serialize");
    text.push('\n');
    text
}
