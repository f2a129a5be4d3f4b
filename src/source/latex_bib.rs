//! BibTeX / BibLaTeX files named by a LaTeX document (`\bibliography{refs}`,
//! `\addbibresource{refs.bib}`), read into keyed reference entries.
//!
//! Parsing is the `biblatex` crate's (the one Typst maintains and uses: it resolves
//! abbreviations, `crossref` and name lists, and reports errors with spans instead of
//! panicking). Each entry's fields are handed to [`bibliography::render`], which writes the
//! readable line; its surnames, year, title and journal stay mapped to their bytes in the .bib
//! file so that a diagnostic about the entry points into that file. The LaTeX and Markdown
//! readers both read .bib files through here.

use std::ops::Range;

use biblatex::{Bibliography, Chunk, Entry, RawBibliography, Spanned};

use super::bibliography::{self, BibRead, EntryFields, Person};
use super::{KeyedEntry, MappedText};

/// Braces nested deeper than this are refused before the parser sees them, so that a hostile
/// file cannot exhaust the stack.
const MAX_BRACE_DEPTH: usize = 200;

/// Reads `src`, the text of one .bib file that stands at byte `base` of the document's text.
/// With `entry_by_entry`, a file that does not parse as a whole is read again entry by entry,
/// so that a broken entry costs that entry only; without it such a file gives one warning and
/// no entries.
pub(super) fn read(src: &str, base: usize, entry_by_entry: bool) -> BibRead {
    let mut out = BibRead::empty();
    let mut depth = 0usize;
    for (at, b) in src.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_BRACE_DEPTH {
            out.warnings.push((
                base + at..base + at + 1,
                format!("braces in this .bib file nest more than {MAX_BRACE_DEPTH} levels deep: its entries are not read"),
            ));
            return out;
        }
    }
    match parse(src, base) {
        Ok(entries) => out.entries = entries,
        Err((span, message)) => {
            // One broken entry must not cost the others: read entry by entry.
            let chunks = entry_starts(src);
            if !entry_by_entry || chunks.len() <= 1 {
                out.warnings.push((span, message));
                return out;
            }
            for (index, &start) in chunks.iter().enumerate() {
                let end = chunks.get(index + 1).copied().unwrap_or(src.len());
                match parse(&src[start..end], base + start) {
                    Ok(entries) => out.entries.extend(entries),
                    Err((span, message)) => out
                        .warnings
                        .push((span, format!("{message}: this entry is skipped"))),
                }
            }
        }
    }
    out
}

/// Parses a whole .bib text standing at `base`, or says where and why it cannot.
fn parse(src: &str, base: usize) -> Result<Vec<KeyedEntry>, (Range<usize>, String)> {
    let parsed = std::panic::catch_unwind(|| {
        let raw = RawBibliography::parse(src)?;
        let key_spans: Vec<(String, Range<usize>)> = raw
            .entries
            .iter()
            .map(|e| (e.v.key.v.to_string(), e.span.clone()))
            .collect();
        Bibliography::from_raw(raw).map(|bib| (bib, key_spans))
    });
    let (bibliography, spans) = match parsed {
        Ok(Ok(parsed)) => parsed,
        Ok(Err(error)) => {
            let span = error.span.start.min(src.len())..error.span.end.min(src.len());
            return Err((
                base + span.start..base + span.end.max(span.start),
                format!("cannot read this .bib file: {}", error.kind),
            ));
        }
        Err(_) => return Err((base..base, "cannot read this .bib file".to_string())),
    };
    let mut entries = Vec::new();
    for (key, span) in spans {
        let Some(entry) = bibliography.get(&key) else {
            continue;
        };
        let mut text = render(entry, src, base);
        if text.as_str().trim().is_empty() {
            text = MappedText::new();
            text.push_at(&key, base + span.start);
        }
        entries.push(KeyedEntry {
            key: Some(key),
            text,
        });
    }
    Ok(entries)
}

/// Where each entry (or `@string`, `@comment`) starts: an `@` opening a line.
fn entry_starts(src: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line[indent..].starts_with('@') {
            starts.push(at + indent);
        }
        at += line.len();
    }
    starts
}

/// A field's text, each chunk mapped to the .bib when its text stands there verbatim.
fn field(entry: &Entry, name: &str, src: &str, base: usize) -> Option<MappedText> {
    let chunks = entry.get(name)?;
    let mut text = MappedText::new();
    for chunk in chunks {
        push_chunk(&mut text, chunk, src, base);
    }
    let text = collapse(&text);
    (!text.as_str().trim().is_empty()).then(|| text.trimmed())
}

fn push_chunk(text: &mut MappedText, chunk: &Spanned<Chunk>, src: &str, base: usize) {
    let value = match &chunk.v {
        Chunk::Normal(s) | Chunk::Verbatim(s) => s.as_str(),
        Chunk::Math(_) => {
            text.push_synthetic("\u{FFFC}");
            return;
        }
    };
    let span = chunk.span.clone();
    match src.get(span.clone()) {
        Some(found) if found == value => text.push_at(value, base + span.start),
        Some(found) if found.len() >= value.len() && !value.is_empty() => {
            // Braces or quotes around the value: find it inside its span.
            match found.find(value) {
                Some(at) => text.push_at(value, base + span.start + at),
                None => text.push_synthetic(value),
            }
        }
        _ => text.push_synthetic(value),
    }
}

/// Runs of white space (a field wrapped over lines) as one space, keeping the mapping.
fn collapse(text: &MappedText) -> MappedText {
    let s = text.as_str();
    if !s.contains(['\n', '\t', '\r']) && !s.contains("  ") {
        return text.clone();
    }
    let mut out = MappedText::new();
    let mut last = 0;
    let mut in_space = false;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                out.append(&text.slice(last..i));
                out.push_synthetic(" ");
            }
            in_space = true;
        } else if in_space {
            in_space = false;
            last = i;
        }
    }
    if !in_space {
        out.append(&text.slice(last..s.len()));
    }
    out
}

/// The span of a field's value in the .bib.
fn field_span(entry: &Entry, name: &str) -> Option<Range<usize>> {
    let chunks = entry.get(name)?;
    let start = chunks.iter().map(|c| c.span.start).min()?;
    let end = chunks.iter().map(|c| c.span.end).max()?;
    Some(start..end)
}

/// The entry's fields, mapped to the .bib.
fn render(entry: &Entry, src: &str, base: usize) -> MappedText {
    let people_field = if entry.get("author").is_some() {
        "author"
    } else {
        "editor"
    };
    let names = entry
        .get_as::<Vec<biblatex::Person>>(people_field)
        .unwrap_or_default();
    let people_span =
        field_span(entry, people_field).and_then(|r| src.get(r.clone()).map(|s| (r, s)));
    let people = names
        .iter()
        .map(|person| {
            let surname = if person.prefix.is_empty() {
                person.name.clone()
            } else {
                format!("{} {}", person.prefix, person.name)
            };
            let mut text = MappedText::new();
            match people_span
                .as_ref()
                .and_then(|(range, s)| s.find(&surname).map(|at| range.start + at))
            {
                Some(at) if !surname.is_empty() => text.push_at(&surname, base + at),
                _ => text.push_synthetic(&surname),
            }
            Person {
                surname: text,
                given: person.given_name.clone(),
            }
        })
        .collect();
    let journal =
        field(entry, "journal", src, base).or_else(|| field(entry, "journaltitle", src, base));
    let in_book = journal.is_none() && entry.get("booktitle").is_some();
    let fields = EntryFields {
        people,
        editors: people_field == "editor",
        year: year_text(entry, src, base),
        title: field(entry, "title", src, base),
        container: journal.or_else(|| field(entry, "booktitle", src, base)),
        container_is_book: in_book,
        volume: field(entry, "volume", src, base),
        number: field(entry, "number", src, base),
        pages: field(entry, "pages", src, base),
        publisher: field(entry, "publisher", src, base)
            .or_else(|| field(entry, "school", src, base))
            .or_else(|| field(entry, "institution", src, base)),
        doi: field(entry, "doi", src, base),
        url: field(entry, "url", src, base),
    };
    bibliography::render(&fields)
}

/// The year from `year` or `date`, mapped to its digits in the .bib.
fn year_text(entry: &Entry, src: &str, base: usize) -> Option<MappedText> {
    for name in ["year", "date"] {
        let Some(span) = field_span(entry, name) else {
            continue;
        };
        let Some(value) = src.get(span.clone()) else {
            continue;
        };
        if let Some(year) = bibliography::year_in(value) {
            let mut text = MappedText::new();
            text.push_at(&value[year.clone()], base + span.start + year.start);
            return Some(text);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIB: &str = "@article{adams2019,\n  author = {Adams, Paula and Baker, Lee},\n  title = {Light in Shallow Ponds},\n  journal = {Water Journal},\n  year = {2019},\n  volume = {4},\n  number = {2},\n  pages = {10--19},\n  doi = {10.1000/wj.2019.4}\n}\n\n@book{cole2020,\n  author = \"Cole, Mira\",\n  title = \"Plants and Light\",\n  publisher = {Field Press},\n  year = 2020\n}\n";

    #[test]
    fn entries_are_rendered_and_mapped_to_the_bib() {
        let base = 1000;
        let read = read(BIB, base, true);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        let texts: Vec<(&str, &str)> = read
            .entries
            .iter()
            .map(|e| (e.key.as_deref().unwrap(), e.text.as_str()))
            .collect();
        assert_eq!(texts[0].0, "adams2019");
        assert!(
            texts[0].1.starts_with(
                "Adams, P., & Baker, L. (2019). Light in Shallow Ponds. Water Journal, 4(2), 10"
            ),
            "{}",
            texts[0].1
        );
        assert_eq!(
            texts[1],
            (
                "cole2020",
                "Cole, M. (2020). Plants and Light. Field Press."
            )
        );
        let adams = &read.entries[0].text;
        let at = adams.as_str().find("Light").unwrap();
        let span = adams.to_source(at..at + 5);
        assert_eq!(&BIB[span.start - base..span.end - base], "Light");
        let year = adams.as_str().find("2019").unwrap();
        let span = adams.to_source(year..year + 4);
        assert_eq!(&BIB[span.start - base..span.end - base], "2019");
    }

    #[test]
    fn broken_and_hostile_files_warn_without_panicking() {
        for bad in [
            "@article{x, title = {unclosed",
            "@article{",
            "@@@@",
            "@article{a, author = {A, B}}\n@article{a, author = {C, D}}",
            "}}}}{{{{",
        ] {
            let _ = read(bad, 0, true);
        }
        let deep = format!(
            "@misc{{k, title = {}x{}}}",
            "{".repeat(10_000),
            "}".repeat(10_000)
        );
        let read = read(&deep, 0, true);
        assert!(read.entries.is_empty());
        assert_eq!(read.warnings.len(), 1);
    }

    #[test]
    fn a_broken_entry_costs_that_entry_only() {
        let src = format!(
            "{BIB}\n@article{{broken,\n  title = {{Unclosed\n\n@misc{{last, author = {{Last, Lee}}, title = {{End}}, year = {{2001}}}}\n"
        );
        assert!(read(&src, 0, false).entries.is_empty());
        let read = read(&src, 0, true);
        let keys: Vec<&str> = read
            .entries
            .iter()
            .map(|e| e.key.as_deref().unwrap())
            .collect();
        assert_eq!(keys, ["adams2019", "cole2020", "last"]);
        assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
        assert!(read.warnings[0].1.contains("skipped"));
        assert!(
            src[read.warnings[0].0.start..].starts_with("@article{broken")
                || read.warnings[0].0.start > src.find("broken").unwrap()
        );
    }
}
