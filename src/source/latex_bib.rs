//! BibTeX / BibLaTeX files named by a LaTeX document (`\bibliography{refs}`,
//! `\addbibresource{refs.bib}`), read into keyed reference entries.
//!
//! Parsing is the `biblatex` crate's (the one Typst maintains and uses: it resolves
//! abbreviations, `crossref` and name lists, and reports errors with spans instead of
//! panicking). Each entry's fields are handed to [`bibliography::render`], which writes the
//! readable line; its surnames, year, title and journal stay mapped to their bytes in the .bib
//! file so that a diagnostic about the entry points into that file. The LaTeX and Markdown
//! readers both read .bib files through here.
//!
//! A .bib file is read entry by entry, as BibTeX and Biber read it: the file is cut into its
//! `@…` items first (a line that starts a new `@type{` ends an item left unclosed), and a broken
//! item costs that item only, with one warning naming it. A field that uses an undefined
//! `@string` is left out of its entry (BibTeX prints nothing for it), with a warning. `%` comment
//! lines between the fields of an entry (which Biber accepts) are skipped.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use biblatex::{
    Bibliography, Chunk, Entry, Pair, ParseErrorKind, RawBibliography, RawChunk, RawEntry, Spanned,
};

use super::bibliography::{self, BibRead, EntryFields, Person};
use super::{KeyedEntry, MappedText};

/// Braces nested deeper than this are refused before the parser sees them, so that a hostile
/// file cannot exhaust the stack.
const MAX_BRACE_DEPTH: usize = 200;

/// Reads `src`, the text of one .bib file that stands at byte `base` of the document's text.
pub(super) fn read(src: &str, base: usize) -> BibRead {
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
    let cleaned = blank_comment_lines(src);
    let mut warnings = Vec::new();
    let (raw_entries, abbreviations) = parse_items(&cleaned, &mut warnings);
    let entries = resolve(raw_entries, &abbreviations, &cleaned, &mut warnings);
    for (span, message) in warnings {
        out.warnings
            .push((base + span.start..base + span.end.max(span.start), message));
    }
    for (key, span, entry) in entries {
        let mut text = render(&entry, src, base);
        if text.as_str().trim().is_empty() {
            text = MappedText::new();
            text.push_at(&key, base + span.start);
        }
        out.entries.push(KeyedEntry {
            key: Some(key),
            text,
        });
    }
    out
}

/// The text with every `%` comment line that stands between fields (not inside a braced or
/// quoted value) turned into spaces, byte for byte, so that spans stay those of `src`.
fn blank_comment_lines(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut depth = 0usize;
    let mut in_quotes = false;
    for line in src.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if depth <= 1 && !in_quotes && trimmed.starts_with('%') {
            let body = line.trim_end_matches(['\n', '\r']);
            out.extend(std::iter::repeat_n(' ', body.len()));
            out.push_str(&line[body.len()..]);
            continue;
        }
        out.push_str(line);
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 1,
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth == 1 => in_quotes = !in_quotes,
                // A new entry at the start of a line: whatever was left open is closed.
                b'@' if bytes[..i].iter().all(u8::is_ascii_whitespace) => {
                    depth = 0;
                    in_quotes = false;
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

/// Where each `@…` item of the file starts: an `@` outside any braces, or an `@type{` at the
/// start of a line inside an item left unclosed.
fn item_starts(src: &str) -> Vec<usize> {
    let bytes = src.as_bytes();
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'@' if depth == 0 || (line_start && opens_entry(&src[i..])) => {
                starts.push(i);
                depth = 0;
            }
            b'\\' => i += 1,
            b'{' | b'(' if depth == 0 && !starts.is_empty() => depth = 1,
            b'{' if depth > 0 => depth += 1,
            b'}' | b')' if depth == 1 => depth = 0,
            b'}' if depth > 1 => depth -= 1,
            _ => {}
        }
        if b == b'\n' {
            line_start = true;
        } else if !b.is_ascii_whitespace() {
            line_start = false;
        }
        i += 1;
    }
    starts
}

/// Whether `text` (at an `@`) is `@type{` or `@type(`.
fn opens_entry(text: &str) -> bool {
    let rest = &text[1..];
    let name = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
        .count();
    name > 0
        && matches!(
            rest[name..].trim_start().as_bytes().first(),
            Some(b'{' | b'(')
        )
}

/// The key an item names (`@article{key,`), for messages.
fn item_key(item: &str) -> Option<&str> {
    let open = item.find(['{', '('])?;
    let rest = item[open + 1..].trim_start();
    let end = rest
        .find(|c: char| c == ',' || c == '}' || c.is_whitespace())
        .unwrap_or(rest.len());
    let key = &rest[..end];
    (!key.is_empty()).then_some(key)
}

/// The span of an item's head (`@article{key`), for warnings.
fn item_head(item: &str, at: usize) -> Range<usize> {
    let end = item
        .find([',', '\n'])
        .unwrap_or(item.len())
        .min(item.trim_end().len());
    at..at + end.max(1).min(item.len())
}

/// Parses every item of the file on its own; a broken item is left out with a warning.
fn parse_items<'s>(
    src: &'s str,
    warnings: &mut Vec<(Range<usize>, String)>,
) -> (Vec<Spanned<RawEntry<'s>>>, Vec<Pair<'s>>) {
    let starts = item_starts(src);
    let mut entries = Vec::new();
    let mut abbreviations = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(src.len());
        let item = &src[start..end];
        let parsed = std::panic::catch_unwind(|| RawBibliography::parse(item));
        match parsed {
            Ok(Ok(raw)) => {
                for mut entry in raw.entries {
                    shift_entry(&mut entry, start);
                    entries.push(entry);
                }
                for mut pair in raw.abbreviations {
                    shift_pair(&mut pair, start);
                    abbreviations.push(pair);
                }
            }
            Ok(Err(error)) => {
                let what = match item_key(item) {
                    Some(key) => format!("the .bib entry `{key}`"),
                    None => "this .bib entry".to_string(),
                };
                warnings.push((
                    item_head(item, start),
                    format!(
                        "cannot read {what} ({}): it is left out of the reference list",
                        error.kind
                    ),
                ));
            }
            Err(_) => warnings.push((
                item_head(item, start),
                "cannot read this .bib entry: it is left out of the reference list".to_string(),
            )),
        }
    }
    (entries, abbreviations)
}

fn shift_field(field: &mut Spanned<Vec<Spanned<RawChunk<'_>>>>, by: usize) {
    field.span = field.span.start + by..field.span.end + by;
    for chunk in &mut field.v {
        chunk.span = chunk.span.start + by..chunk.span.end + by;
    }
}

fn shift_pair(pair: &mut Pair<'_>, by: usize) {
    pair.key.span = pair.key.span.start + by..pair.key.span.end + by;
    shift_field(&mut pair.value, by);
}

fn shift_entry(entry: &mut Spanned<RawEntry<'_>>, by: usize) {
    entry.span = entry.span.start + by..entry.span.end + by;
    entry.v.key.span = entry.v.key.span.start + by..entry.v.key.span.end + by;
    entry.v.kind.span = entry.v.kind.span.start + by..entry.v.kind.span.end + by;
    for pair in &mut entry.v.fields {
        shift_pair(pair, by);
    }
}

/// Resolves abbreviations and cross-references: the whole file at once when it can be, else
/// entry by entry, leaving out what cannot be resolved with a warning.
fn resolve<'s>(
    raw_entries: Vec<Spanned<RawEntry<'s>>>,
    abbreviations: &[Pair<'s>],
    src: &str,
    warnings: &mut Vec<(Range<usize>, String)>,
) -> Vec<(String, Range<usize>, Entry)> {
    // Duplicate keys: BibTeX keeps the first.
    let mut seen = HashSet::new();
    let mut unique = Vec::with_capacity(raw_entries.len());
    for entry in raw_entries {
        if seen.insert(entry.v.key.v) {
            unique.push(entry);
        } else {
            let line = src[..entry.span.start].matches('\n').count() + 1;
            warnings.push((
                entry.v.key.span.clone(),
                format!(
                    "the .bib key `{}` is used again (line {line}): only its first entry is read",
                    entry.v.key.v
                ),
            ));
        }
    }
    let whole = RawBibliography {
        preamble: String::new(),
        entries: unique.clone(),
        abbreviations: abbreviations.to_vec(),
    };
    if let Ok(Ok(bibliography)) = std::panic::catch_unwind(|| Bibliography::from_raw(whole)) {
        return unique
            .iter()
            .filter_map(|raw| {
                let entry = bibliography.get(raw.v.key.v)?.clone();
                Some((raw.v.key.v.to_string(), raw.span.clone(), entry))
            })
            .collect();
    }
    let by_name: HashMap<&str, &Pair<'s>> = abbreviations.iter().map(|p| (p.key.v, p)).collect();
    unique
        .into_iter()
        .filter_map(|raw| resolve_one(raw, &by_name, warnings))
        .collect()
}

/// One entry on its own, with the abbreviations it uses; a field that cannot be resolved is
/// dropped with a warning.
fn resolve_one<'s>(
    mut raw: Spanned<RawEntry<'s>>,
    by_name: &HashMap<&str, &Pair<'s>>,
    warnings: &mut Vec<(Range<usize>, String)>,
) -> Option<(String, Range<usize>, Entry)> {
    let key = raw.v.key.v.to_string();
    for _ in 0..=raw.v.fields.len() {
        let single = RawBibliography {
            preamble: String::new(),
            entries: vec![raw.clone()],
            abbreviations: used_abbreviations(&raw.v, by_name),
        };
        let error = match std::panic::catch_unwind(|| Bibliography::from_raw(single)) {
            Ok(Ok(bibliography)) => {
                let entry = bibliography.get(&key)?.clone();
                return Some((key, raw.span.clone(), entry));
            }
            Ok(Err(error)) => error,
            Err(_) => break,
        };
        let Some(index) = raw.v.fields.iter().position(|pair| {
            pair.value.span.start <= error.span.start && error.span.start <= pair.value.span.end
        }) else {
            break;
        };
        let field = raw.v.fields.remove(index);
        let message = match &error.kind {
            ParseErrorKind::UnknownAbbreviation(name) => format!(
                "the .bib entry `{key}` writes `{name}` in its `{}` field, and no @string defines it: the field is left out (write {{{name}}} for the text itself)",
                field.key.v
            ),
            kind => format!(
                "cannot read the `{}` field of the .bib entry `{key}` ({kind}): the field is left out",
                field.key.v
            ),
        };
        warnings.push((error.span.clone(), message));
    }
    warnings.push((
        raw.v.key.span.clone(),
        format!("cannot read the .bib entry `{key}`: it is left out of the reference list"),
    ));
    None
}

/// The `@string` definitions an entry uses, those they use in turn included.
fn used_abbreviations<'s>(
    entry: &RawEntry<'s>,
    by_name: &HashMap<&str, &Pair<'s>>,
) -> Vec<Pair<'s>> {
    let mut wanted: Vec<&str> = Vec::new();
    let push_names = |field: &[Spanned<RawChunk<'s>>], wanted: &mut Vec<&'s str>| {
        for chunk in field {
            if let RawChunk::Abbreviation(name) = chunk.v
                && !wanted.contains(&name)
            {
                wanted.push(name);
            }
        }
    };
    for pair in &entry.fields {
        push_names(&pair.value.v, &mut wanted);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < wanted.len() {
        if let Some(pair) = by_name.get(wanted[i]) {
            push_names(&pair.value.v, &mut wanted);
            out.push((*pair).clone());
        }
        i += 1;
    }
    out
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
        let read = read(BIB, base);
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
    fn a_broken_entry_costs_that_entry_only() {
        let bib = "@article{good1, title = {One}, year = {2001}}\n\n@article{bad, author = {A, B}\n  title = {No comma}}\n\n@article{good2, title = {Two}, year = {2002}}\n\n@article{open, title = {Never closed}\n@book{good3, title = {Three}, year = {2003}}\n";
        let read = read(bib, 0);
        let keys: Vec<&str> = read
            .entries
            .iter()
            .map(|e| e.key.as_deref().unwrap())
            .collect();
        assert_eq!(keys, ["good1", "good2", "good3"]);
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        assert!(read.warnings[0].1.contains("`bad`"));
        assert_eq!(&bib[read.warnings[0].0.clone()], "@article{bad");
        assert!(read.warnings[1].1.contains("`open`"));
    }

    #[test]
    fn comment_lines_between_fields_are_skipped() {
        let bib = "@techreport{t,\n  title = {Report},\n%  year = {1999},\n%  month = {6},\n  year = {2017}\n}\n";
        let read = read(bib, 0);
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(read.entries.len(), 1);
        assert!(read.entries[0].text.as_str().contains("(2017)"));
    }

    #[test]
    fn an_undefined_string_costs_its_field_and_a_duplicate_key_its_entry() {
        let bib = "@string{wj = {Water Journal}}\n@article{a, title = {Ponds}, journal = wj, year = {2019}}\n@book{b, title = {Fields}, publisher = Springer, year = {2020}}\n@book{a, title = {Again}, year = {2021}}\n";
        let read = read(bib, 0);
        let texts: Vec<&str> = read.entries.iter().map(|e| e.text.as_str()).collect();
        assert_eq!(texts, ["(2019). Ponds. Water Journal.", "(2020). Fields."]);
        assert_eq!(read.warnings.len(), 2, "{:?}", read.warnings);
        let undefined = read
            .warnings
            .iter()
            .find(|(_, message)| message.contains("`Springer`"))
            .unwrap();
        assert_eq!(&bib[undefined.0.clone()], "Springer");
        assert!(read.warnings.iter().any(|(_, m)| m.contains("used again")));
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
            let _ = read(bad, 0);
        }
        let deep = format!(
            "@misc{{k, title = {}x{}}}",
            "{".repeat(10_000),
            "}".repeat(10_000)
        );
        let read = read(&deep, 0);
        assert!(read.entries.is_empty());
        assert_eq!(read.warnings.len(), 1);
    }
}
