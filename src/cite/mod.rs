//! Citations: author-date citations ([`intext`]), numeric citations and entry numbers
//! ([`numeric`]), reference-list entries ([`reference`]) and the matching of one to the other
//! ([`matching`]; numbers match by number), tied together by [`analyse`].
//!
//! The analysis reads the manuscript model (abstract and body prose, reference entries) and
//! returns everything with byte spans into the source file. It decides nothing about style and
//! words no diagnostic: the citation checks do that.

pub mod intext;
pub mod matching;
pub mod numbered_entry;
pub mod numeric;
pub mod reference;
pub mod style;
pub mod token;
pub mod year;

use std::ops::Range;

use crate::manuscript::{Manuscript, Part};
use crate::source::MappedText;
pub use intext::{Citation, CitedWork, Form};
pub use matching::{NearKind, NearMiss, Resolution};
pub use numeric::{Brackets, Numbering, NumericCitation};
pub use reference::Reference;
pub use style::StyleInference;
pub use year::{Year, YearValue};

/// Citations and entries of one manuscript, with how they match.
#[derive(Debug, Clone, Default)]
pub struct CitationAnalysis {
    /// Author-date citations in document order; spans are source byte ranges.
    pub citations: Vec<Citation>,
    /// Square-bracket numeric citations ("[1]", "[2-5]", "[2]–[5]") in document order.
    pub numeric: Vec<NumericCitation>,
    /// Round-bracket numeric citations ("(1)", "(1, 2)"), which only numeric styles that cite
    /// so read as citations.
    pub numeric_round: Vec<NumericCitation>,
    /// The number of each entry, written or by position; numeric citations match by it.
    pub numbering: Numbering,
    /// For each citation, the resolution of each of its works.
    pub resolutions: Vec<Vec<Resolution>>,
    /// Parsed reference entries in list order; spans are source byte ranges.
    pub references: Vec<Reference>,
    /// Source span of each whole entry.
    pub entry_spans: Vec<Range<usize>>,
    /// For each entry, whether some citation points at it (a match, an ambiguous match, or the
    /// same author with another year).
    pub cited: Vec<bool>,
    /// Whether the manuscript has a reference list at all.
    pub has_reference_list: bool,
    /// The key of each entry, when the format gives keys.
    pub entry_keys: Vec<Option<String>>,
    /// Citations the format marks with keys, one per key, with the entry that key names.
    pub keyed: Vec<KeyedResolution>,
    /// Whether citations are matched to entries by key: the format marks citations with keys
    /// and the entries carry keys. Then an unknown key is a citation missing from the list and
    /// an entry no key (nor author-date citation) points at is uncited, however the entries read.
    pub keyed_matching: bool,
    /// Whether the entries were written out by galley from structured data (a .bib file), so
    /// their form and order are the bibliography style's, not the author's.
    pub rendered_references: bool,
    /// The citation style the entries and citations are written in, as far as it shows.
    pub style: StyleInference,
}

/// One key of a keyed citation and what it resolved to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedResolution {
    pub key: String,
    /// Span of the whole citation command or element.
    pub span: Range<usize>,
    /// Index of the entry with that key.
    pub entry: Option<usize>,
}

/// Distinct cited works a list must be compared with before it is called incomplete.
pub const MIN_WORKS_FOR_INCOMPLETE: usize = 4;

impl CitationAnalysis {
    /// Whether citations and entries can be compared at all: there is a reference list, most of
    /// its entries could be read (author and year), and the text cites by author and date more
    /// than by number. Otherwise a list in a form galley does not read would make every citation
    /// look missing.
    pub fn comparable(&self) -> bool {
        let readable = self
            .references
            .iter()
            .filter(|r| !r.authors.is_empty() && r.year.is_some())
            .count();
        self.has_reference_list
            && readable * 2 >= self.references.len()
            && !self.citations.is_empty()
            && self.citations.len() >= self.numeric.iter().map(|c| c.groups).sum()
    }

    /// The works cited by author and date, each once, and how many of them the list resolves:
    /// (resolved, distinct). A work read "as cited in" another and a doubtful form that matches
    /// nothing are left out; an ambiguous match is resolved, another year is not.
    pub fn cited_works_resolved(&self) -> (usize, usize) {
        let mut seen: std::collections::HashMap<(String, Year), bool> =
            std::collections::HashMap::new();
        for (citation, work, resolution) in self.works() {
            let unresolved = matches!(
                resolution,
                Resolution::NotFound(_) | Resolution::YearMismatch(_)
            );
            if work.cited_in_next || (!citation.certain && unresolved) {
                continue;
            }
            let key = (token::fold(work.first_author()), work.year);
            let resolved = seen.entry(key).or_insert(false);
            *resolved |= !unresolved;
        }
        (seen.values().filter(|r| **r).count(), seen.len())
    }

    /// Whether the reference list was found only in part: it can be compared with the
    /// citations, but fewer than half of at least [`MIN_WORKS_FOR_INCOMPLETE`] distinct cited
    /// works resolve. Then every unresolved citation says the same thing about the list, which
    /// `reference-list-missing` reports once, and the per-citation rules stay quiet.
    pub fn list_incomplete(&self) -> bool {
        if self.keyed_matching || !self.comparable() {
            return false;
        }
        let (resolved, distinct) = self.cited_works_resolved();
        distinct >= MIN_WORKS_FOR_INCOMPLETE && resolved * 2 < distinct
    }

    /// Source spans of the author names the citations and entries give, sorted: what a rule
    /// about words in capitals (acronyms) must not count, since ABNT writes surnames so
    /// ("(FREIRE, 1987)", "FREIRE, Paulo.").
    pub fn author_spans(&self) -> Vec<Range<usize>> {
        let mut spans: Vec<Range<usize>> = self
            .citations
            .iter()
            .flat_map(|c| &c.works)
            .flat_map(|w| w.authors.iter().map(|n| n.span.clone()))
            .chain(
                self.references
                    .iter()
                    .flat_map(|r| r.authors.iter().map(|a| a.surname_span.clone())),
            )
            .filter(|s| !s.is_empty())
            .collect();
        spans.sort_by_key(|s| (s.start, s.end));
        spans.dedup();
        spans
    }

    /// Whether the source byte range `span` lies inside an author name of a citation or an entry
    /// (`spans` from [`CitationAnalysis::author_spans`]).
    pub fn in_author_name(spans: &[Range<usize>], span: &Range<usize>) -> bool {
        let at = spans.partition_point(|s| s.start <= span.start);
        spans[..at]
            .iter()
            .rev()
            .take(8)
            .any(|s| s.start <= span.start && span.end <= s.end)
    }

    /// The source bytes from the first reference entry to the end of the last (empty without a
    /// list).
    pub fn list_extent(&self) -> Range<usize> {
        let start = self.entry_spans.iter().map(|s| s.start).min().unwrap_or(0);
        let end = self.entry_spans.iter().map(|s| s.end).max().unwrap_or(0);
        start..end
    }

    /// The numeric citations a style reads: square brackets, and round ones when `round`.
    pub fn numeric_citations(&self, round: bool) -> Vec<&NumericCitation> {
        let mut all: Vec<&NumericCitation> = self.numeric.iter().collect();
        if round {
            all.extend(&self.numeric_round);
            all.sort_by_key(|c| c.span.start);
        }
        all
    }

    /// Every cited work with its resolution, in document order.
    pub fn works(&self) -> impl Iterator<Item = (&Citation, &CitedWork, &Resolution)> {
        self.citations
            .iter()
            .zip(&self.resolutions)
            .flat_map(|(c, rs)| c.works.iter().zip(rs).map(move |(w, r)| (c, w, r)))
    }
}

/// Parses and matches the citations of `manuscript`.
pub fn analyse(manuscript: &Manuscript) -> CitationAnalysis {
    let mut citations = Vec::new();
    let mut numeric = Vec::new();
    let mut numeric_round = Vec::new();
    let mut keyed_starts: Vec<usize> = manuscript
        .keyed_citations
        .iter()
        .map(|c| c.span.start)
        .collect();
    keyed_starts.sort_unstable();
    for unit in manuscript.units_in(&[Part::Abstract, Part::Body]) {
        let text = unit.text.as_str();
        for piece in pieces_apart_from_marked_citations(&unit.text, &keyed_starts) {
            for mut citation in intext::parse(&text[piece.clone()]) {
                // A piece cut before a marked citation ends in "(1966) de ": the author named
                // after the year is in the next piece ("… Mythologie (1966) de <xref>Klaus
                // Heinrich</xref>").
                let end = piece.start + citation.span.end;
                if citation.form == Form::Narrative
                    && citation.certain
                    && piece.end < text.len()
                    && intext::author_named_after(&text[end..])
                {
                    citation.certain = false;
                }
                citation.map_spans(&|r| {
                    unit.text
                        .to_source(r.start + piece.start..r.end + piece.start)
                });
                citations.push(citation);
            }
        }
        for mut citation in numeric::parse_square(unit.text.as_str()) {
            citation.map_spans(&|r| unit.text.to_source(r));
            numeric.push(citation);
        }
        for mut citation in numeric::parse_round(unit.text.as_str()) {
            citation.map_spans(&|r| unit.text.to_source(r));
            numeric_round.push(citation);
        }
    }
    demote_topic_words(manuscript, &mut citations);
    let entries = manuscript
        .references
        .as_ref()
        .map_or(&[][..], |list| list.entries.as_slice());
    let mut references = Vec::with_capacity(entries.len());
    let mut entry_spans = Vec::with_capacity(entries.len());
    let mut markers = Vec::with_capacity(entries.len());
    let mut unmapped = Vec::with_capacity(entries.len());
    for entry in entries {
        markers.push(
            numeric::entry_number(entry.as_str()).map(|(n, span)| (n, entry.to_source(span))),
        );
        let mut parsed = reference::parse(entry.as_str());
        unmapped.push(parsed.clone());
        parsed.map_spans(&|r| entry.to_source(r));
        if let Some(previous) = references.last() {
            parsed.inherit_authors(previous);
        }
        references.push(parsed);
        entry_spans.push(entry.source_span());
    }
    let forms: Vec<style::EntryForm<'_>> = entries
        .iter()
        .zip(&unmapped)
        .map(|(entry, parsed)| style::EntryForm {
            text: entry.as_str(),
            parsed,
        })
        .collect();
    let style = style::infer(&forms, &citations, &numeric, &numeric_round);
    let abbreviations: Vec<(String, String)> = citations
        .iter()
        .flat_map(|c| &c.works)
        .filter_map(|w| Some((w.abbreviation.clone()?, w.defines.clone()?)))
        .collect();
    let index = matching::Index::new(&references, &abbreviations);
    let mut resolutions: Vec<Vec<Resolution>> = citations
        .iter()
        .map(|c| c.works.iter().map(|w| index.resolve(w)).collect())
        .collect();
    let keys = manuscript
        .references
        .as_ref()
        .map_or(&[][..], |list| list.keys.as_slice());
    resolve_marked_works_by_key(manuscript, &references, keys, &citations, &mut resolutions);
    resolve_works_given_in_notes(manuscript, &citations, &mut resolutions);
    demote_unmatched_phrases(&mut citations, &resolutions);
    let mut cited = vec![false; references.len()];
    for resolution in resolutions.iter().flatten() {
        match resolution {
            Resolution::Found(i) => cited[*i] = true,
            Resolution::Ambiguous(list)
            | Resolution::YearMismatch(list)
            | Resolution::InNote(list) => {
                for &i in list {
                    cited[i] = true;
                }
            }
            Resolution::NotFound(_) => {}
        }
    }
    let keyed_matching = !manuscript.keyed_citations.is_empty() && keys.iter().any(Option::is_some);
    let mut keyed = Vec::new();
    if keyed_matching {
        let index: std::collections::HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Some((k.as_deref()?, i)))
            .collect();
        for citation in &manuscript.keyed_citations {
            for key in &citation.keys {
                // `\nocite{*}` lists every entry.
                if key == "*" {
                    cited.iter_mut().for_each(|c| *c = true);
                    continue;
                }
                let entry = index.get(key.as_str()).copied();
                if let Some(i) = entry
                    && let Some(flag) = cited.get_mut(i)
                {
                    *flag = true;
                }
                keyed.push(KeyedResolution {
                    key: key.clone(),
                    span: citation.span.clone(),
                    entry,
                });
            }
        }
    }
    CitationAnalysis {
        citations,
        numeric,
        numeric_round,
        numbering: Numbering::new(markers),
        resolutions,
        references,
        entry_spans,
        cited,
        has_reference_list: manuscript.references.is_some(),
        entry_keys: keys.to_vec(),
        keyed,
        keyed_matching,
        rendered_references: manuscript.references.as_ref().is_some_and(|r| r.rendered),
        style,
    }
}

/// Byte ranges of `text` to read author-date citations in: the whole text, cut where a marked
/// citation (an xref) starts right after a word. The words before a marked citation ("segundo",
/// "los de", a given name) are not part of it, and must not be read into its first author.
fn pieces_apart_from_marked_citations(
    text: &MappedText,
    keyed_starts: &[usize],
) -> Vec<Range<usize>> {
    let s = text.as_str();
    let span = text.source_span();
    let first = keyed_starts.partition_point(|&start| start <= span.start);
    let mut cuts = Vec::new();
    for &start in keyed_starts[first..]
        .iter()
        .take_while(|&&start| start < span.end)
    {
        // The first offset of the text that maps at or after the citation's start.
        let (mut low, mut high) = (0, s.len());
        while low < high {
            let mid = (low + high) / 2;
            if text.to_source(mid..mid).start < start {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let mut at = low;
        while at < s.len() && !s.is_char_boundary(at) {
            at += 1;
        }
        let before = s[..at].trim_end();
        if at < s.len() && before.ends_with(char::is_alphabetic) && cuts.last() != Some(&at) {
            cuts.push(at);
        }
    }
    let mut pieces = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for cut in cuts {
        pieces.push(from..cut);
        from = cut;
    }
    pieces.push(from..s.len());
    pieces
}

/// A work read inside a marked citation (a JATS xref) is the entry its key names: the key is the
/// author's link, the words only what the reader shows. A reading that found another entry, or
/// several, or none, takes the linked one; a year that differs from the linked entry's stays a
/// year mismatch.
/// A work the list lacks (or has from another year) that a footnote gives in full, as an entry
/// of its own by the cited author and year: a translation quoting the original edition names it
/// in a note. The note is its reference; the citation is resolved.
fn resolve_works_given_in_notes(
    manuscript: &Manuscript,
    citations: &[Citation],
    resolutions: &mut [Vec<Resolution>],
) {
    let notes: Vec<Reference> = manuscript
        .units_in(&[Part::Abstract, Part::Body, Part::Trailing])
        .filter(|unit| unit.block == crate::source::BlockKind::Footnote)
        .map(|unit| reference::parse(unit.text.as_str()))
        .filter(|note| note.year.is_some() && note.first_author().is_some())
        .collect();
    if notes.is_empty() {
        return;
    }
    for (citation, resolutions) in citations.iter().zip(resolutions.iter_mut()) {
        for (work, resolution) in citation.works.iter().zip(resolutions.iter_mut()) {
            let linked = match resolution {
                Resolution::NotFound(_) => Vec::new(),
                Resolution::YearMismatch(list) => list.clone(),
                _ => continue,
            };
            let author = token::fold(work.first_author());
            let in_note = notes.iter().any(|note| {
                note.has_year(work.year)
                    && note
                        .first_author()
                        .is_some_and(|a| token::fold(&a.surname) == author)
            });
            if in_note {
                *resolution = Resolution::InNote(linked);
            }
        }
    }
}

fn resolve_marked_works_by_key(
    manuscript: &Manuscript,
    references: &[Reference],
    keys: &[Option<String>],
    citations: &[Citation],
    resolutions: &mut [Vec<Resolution>],
) {
    if manuscript.keyed_citations.is_empty() || !keys.iter().any(Option::is_some) {
        return;
    }
    let index: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .filter_map(|(i, k)| Some((k.as_deref()?, i)))
        .collect();
    let mut marked: Vec<(Range<usize>, Vec<usize>)> = manuscript
        .keyed_citations
        .iter()
        .map(|c| {
            let entries = c
                .keys
                .iter()
                .filter_map(|k| index.get(k.as_str()).copied())
                .collect();
            (c.span.clone(), entries)
        })
        .filter(|(_, entries): &(Range<usize>, Vec<usize>)| !entries.is_empty())
        .collect();
    marked.sort_by_key(|(span, _)| span.start);
    for (citation, resolutions) in citations.iter().zip(resolutions.iter_mut()) {
        for (work, resolution) in citation.works.iter().zip(resolutions.iter_mut()) {
            let after = marked.partition_point(|(span, _)| span.start < work.span.end);
            let Some((_, entries)) = marked[..after]
                .iter()
                .rev()
                .find(|(span, _)| span.end > work.span.start)
            else {
                continue;
            };
            let linked = |i: &usize| entries.contains(i);
            *resolution = match &*resolution {
                Resolution::Found(i) if linked(i) => continue,
                Resolution::YearMismatch(list) if list.iter().any(linked) => continue,
                Resolution::Ambiguous(list) => {
                    Resolution::Found(list.iter().copied().find(linked).unwrap_or(entries[0]))
                }
                // The words name one entry, the link another that is not from the cited year
                // ("FOUCAULT, 2010" read as the 2010 translation, linked to the 2001 book): the
                // link and the year disagree.
                Resolution::Found(read)
                    if same_first_author(references, *read, entries[0])
                        && !entries.iter().any(|&i| {
                            references
                                .get(i)
                                .is_some_and(|entry| entry.has_year(work.year))
                        }) =>
                {
                    Resolution::YearMismatch(entries.clone())
                }
                _ => Resolution::Found(entries[0]),
            };
        }
    }
}

/// Whether entries `a` and `b` have the same first author (case and accents folded).
fn same_first_author(references: &[Reference], a: usize, b: usize) -> bool {
    let first = |i: usize| {
        references
            .get(i)
            .and_then(Reference::first_author)
            .map(|author| token::fold(&author.surname))
    };
    first(a).is_some() && first(a) == first(b)
}

/// A narrative mention that matches no entry and whose "name" opens with a lowercase particle
/// before several capitalised words reads as a preposition and a proper noun: "da Universidade
/// de Coimbra (1772)", "da Confederação dos Tamoios (1535)" name an event's date, not a work.
/// Such mentions become uncertain (never reported unmatched). A particle before one surname
/// ("van Dijk (1993)") stays a citation.
fn demote_unmatched_phrases(citations: &mut [Citation], resolutions: &[Vec<Resolution>]) {
    for (citation, resolutions) in citations.iter_mut().zip(resolutions) {
        if citation.form != Form::Narrative
            || !citation.certain
            || !resolutions
                .iter()
                .all(|r| matches!(r, Resolution::NotFound(_)))
        {
            continue;
        }
        let Some(name) = citation.works.first().map(CitedWork::first_author) else {
            continue;
        };
        let mut words = name.split_whitespace();
        let opens_with_particle = words
            .next()
            .is_some_and(|w| w.starts_with(char::is_lowercase) && intext::is_surname_particle(w));
        let capitalised = name
            .split_whitespace()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count();
        if opens_with_particle && capitalised >= 2 {
            citation.certain = false;
        }
    }
}

/// A narrative "Crimea (2014)" whose name the text also uses on its own, again and again, names a
/// topic rather than an author: such citations become uncertain (counted when they match an
/// entry, never reported when they do not).
fn demote_topic_words(manuscript: &Manuscript, citations: &mut [Citation]) {
    use std::collections::HashMap;
    let mut narrative: HashMap<String, usize> = HashMap::new();
    for citation in citations
        .iter()
        .filter(|c| c.form == Form::Narrative && c.certain)
    {
        for work in &citation.works {
            if let [name] = work.authors.as_slice() {
                *narrative.entry(token::fold(&name.text)).or_default() += 1;
            }
        }
    }
    if narrative.is_empty() {
        return;
    }
    // All mentions of those names in the prose, cited or not.
    let mut mentions: HashMap<&str, usize> = HashMap::new();
    for unit in manuscript.units_in(&[Part::Abstract, Part::Body]) {
        for t in token::tokenize(unit.text.as_str(), 0) {
            if t.kind == token::Kind::Word && t.is_capitalised() {
                let folded = token::fold(token::strip_possessive(t.text));
                if let Some((key, _)) = narrative.get_key_value(&folded) {
                    *mentions.entry(key.as_str()).or_default() += 1;
                }
            }
        }
    }
    let all_citations: HashMap<String, usize> =
        citations
            .iter()
            .flat_map(|c| &c.works)
            .fold(HashMap::new(), |mut counts, work| {
                *counts.entry(token::fold(work.first_author())).or_default() += 1;
                counts
            });
    for citation in citations
        .iter_mut()
        .filter(|c| c.form == Form::Narrative && c.certain)
    {
        let topic = citation
            .works
            .iter()
            .any(|work| match work.authors.as_slice() {
                [name] => {
                    let key = token::fold(&name.text);
                    let uses = mentions.get(key.as_str()).copied().unwrap_or(0);
                    let cited = all_citations.get(&key).copied().unwrap_or(0);
                    uses >= cited + 2
                }
                _ => false,
            });
        if topic {
            citation.certain = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, read_text};

    /// Every slice of a text full of citation-like pieces, multi-byte letters and broken
    /// brackets goes through both parsers without a panic.
    #[test]
    fn parsers_never_panic_on_fragments() {
        let text = "Tür (2000a, p. 3–4) & İşık’ın (n.d.-b; see (Smith, J. et al., in press: 12) \
                    [1–3, 5] [as] Goda. S. (2015, 16 March). doi: 10.1111/x.y ‘‘Ö’’ (2. Baskı) \
                    https://doi.org/10.1/ä van der (Berg [NATO], 2022, para. ) et al.’s (";
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for (n, &start) in boundaries.iter().enumerate() {
            for &end in &boundaries[n..] {
                let piece = &text[start..end];
                let _ = intext::parse(piece);
                let _ = numeric::parse_square(piece);
                let _ = numeric::parse_round(piece);
                let _ = reference::parse(piece);
            }
        }
    }

    /// Brackets and parentheses that never close, by the hundred thousand: each is looked at
    /// within a short window, so this stays linear.
    #[test]
    fn unclosed_brackets_do_not_make_parsing_quadratic() {
        let text = "[(Smith, 2020. ".repeat(20_000) + "]";
        let started = std::time::Instant::now();
        let _ = intext::parse(&text);
        let _ = numeric::parse_square(&text);
        let _ = numeric::parse_round(&text);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn analysis_of_a_small_manuscript() {
        let text = "Ponds\n\nLight reaches the bottom (Adams, 2019; Baker & Cole, 2020). \
                    Diaz (2021) agrees, unlike Evans (2018).\n\nReferences\n\n\
                    Adams, P. (2019). Light in ponds. Water, 4(2), 10-19.\n\n\
                    Baker, L., & Cole, M. (2020). Plants and light. Water, 5(1), 1-9.\n\n\
                    Diaz, R. (2021). Regional patterns. Ecology, 7(3), 30-41.\n\n\
                    Diaz, R. (2019). Earlier patterns. Ecology, 5(3), 30-41.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let manuscript = Manuscript::detect(&document);
        let analysis = analyse(&manuscript);
        assert_eq!(analysis.citations.len(), 3);
        let resolutions: Vec<&Resolution> = analysis.resolutions.iter().flatten().collect();
        assert_eq!(
            resolutions,
            [
                &Resolution::Found(0),
                &Resolution::Found(1),
                &Resolution::Found(2),
                &Resolution::NotFound(None)
            ]
        );
        assert_eq!(analysis.cited, [true, true, true, false]);
        let evans = &analysis.citations[2].works[0];
        assert_eq!(&text[evans.span.clone()], "Evans (2018)");
        assert!(analysis.citations[2].certain);
    }

    #[test]
    fn a_dashed_entry_is_by_the_authors_of_the_entry_before() {
        let text = "Ponds\n\nMargins matter (Haldane 2016, 2019; Harrow n.d.).\n\nReferences\n\n\
                    Haldane, Lucy. 2016. Grazing pressure. Journal 11: 23–41.\n\n\
                    ———. 2019. Livestock exclusion. Journal 14: 88–104.\n\n\
                    Harrow, Eleanor. n.d. The Quiet Archive. Leeds: Meridian Press.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let resolutions: Vec<&Resolution> = analysis.resolutions.iter().flatten().collect();
        assert_eq!(
            resolutions,
            [
                &Resolution::Found(0),
                &Resolution::Found(1),
                &Resolution::Found(2)
            ]
        );
        assert_eq!(&text[analysis.references[1].authors_span.clone()], "———");
    }

    #[test]
    fn numeric_texts_are_not_compared_with_an_author_date_reading() {
        let text = "Ponds\n\nLight reaches the bottom [1], plants follow [2, 3], as Adams (2019) \
                    and others found [1-3].\n\nReferences\n\n\
                    [1] P. Adams, “Light in ponds,” Water, vol. 4, pp. 10-19, 2019.\n\n\
                    [2] L. Baker and M. Cole, “Plants and light,” Water, vol. 5, pp. 1-9, 2020.\n\n\
                    [3] R. Diaz, “Regional patterns,” Ecology, vol. 7, pp. 30-41, 2021.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        assert_eq!(analysis.numeric.len(), 3);
        assert!(!analysis.comparable());
    }

    #[test]
    fn numeric_citations_match_entries_by_number() {
        let text = "Ponds\n\nLight reaches the bottom (1), plants follow (2, 3) and more (7). \
                    We measured (1) the area, (2) the depth.\n\nReferences\n\n\
                    1. Adams P. Light in ponds. Water. 2019;4:10-9.\n\n\
                    2. Baker L, Cole M. Plants and light. Water. 2020;5:1-9.\n\n\
                    3) Diaz R. Regional patterns. Ecology. 2021;7:30-41.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let round: Vec<&[u32]> = analysis
            .numeric_round
            .iter()
            .map(|c| c.numbers.as_slice())
            .collect();
        assert_eq!(round, [&[1][..], &[2, 3], &[7]]);
        assert!(analysis.numeric.is_empty());
        assert_eq!(analysis.numeric_citations(false).len(), 0);
        assert_eq!(analysis.numeric_citations(true).len(), 3);
        assert!(analysis.numbering.written);
        assert_eq!(analysis.numbering.entry(3), Some(2));
        assert_eq!(analysis.numbering.entry(7), None);
        let span = analysis.numbering.spans[2].clone().unwrap();
        assert_eq!(&text[span], "3)");
        // The author-date reading is untouched; the numbered one is kept apart.
        assert!(analysis.references[0].authors.is_empty());
        let reading = analysis.references[1].numbered.as_ref().unwrap();
        assert_eq!(reading.short_name(), "Baker & Cole (2020)");
        assert_eq!(&text[reading.authors_span.clone()], "Baker L, Cole M");
    }

    #[test]
    fn keyed_citations_resolve_by_key_alone() {
        let source = "\\begin{document}\nPonds \\cite{a}, lakes \\citep{b,zz}.\n\\begin{thebibliography}{9}\n\\bibitem{a} Adams, P. (2019). Light.\n\\bibitem{b} A list entry galley cannot read as author and year\n\\bibitem{c} Cole, M. (2020). Plants.\n\\end{thebibliography}\n\\end{document}\n";
        let document = read_text("t.tex", Format::Latex, source.to_string()).unwrap();
        let analysis = analyse(&Manuscript::detect(&document));
        assert!(analysis.keyed_matching);
        assert!(!analysis.rendered_references);
        let keyed: Vec<(&str, Option<usize>)> = analysis
            .keyed
            .iter()
            .map(|k| (k.key.as_str(), k.entry))
            .collect();
        assert_eq!(keyed, [("a", Some(0)), ("b", Some(1)), ("zz", None)]);
        assert_eq!(&source[analysis.keyed[2].span.clone()], "\\citep{b,zz}");
        assert_eq!(analysis.cited, [true, true, false]);

        let everything = source.replace("\\cite{a}", "\\nocite{*}");
        let document = read_text("t.tex", Format::Latex, everything).unwrap();
        let analysis = analyse(&Manuscript::detect(&document));
        assert_eq!(analysis.cited, [true, true, true]);
    }

    #[test]
    fn an_xref_is_the_link_and_the_words_before_it_are_not_its_author() {
        let source = r#"<article xml:lang="pt"><body>
<p>Segundo <xref ref-type="bibr" rid="B1">Lima (2010)</xref>, as lagoas importam, e Ana <xref ref-type="bibr" rid="B2">Silva (2011)</xref> concorda, mas <xref ref-type="bibr" rid="B1">Lima (2009)</xref> diz outra coisa.</p>
</body><back><ref-list>
<ref id="B1"><mixed-citation>Lima, A. (2010). Lagoas. Revista, 4, 1-9.</mixed-citation></ref>
<ref id="B2"><mixed-citation>Costa, C. (2011). Algas. Revista, 5, 2-8.</mixed-citation></ref>
</ref-list></back></article>"#;
        let document = read_text("a.xml", Format::Jats, source.to_string()).unwrap();
        let analysis = analyse(&Manuscript::detect(&document));
        let authors: Vec<&str> = analysis
            .citations
            .iter()
            .flat_map(|c| &c.works)
            .map(|w| w.first_author())
            .collect();
        assert_eq!(authors, ["Lima", "Silva", "Lima"]);
        let resolutions: Vec<&Resolution> = analysis.resolutions.iter().flatten().collect();
        assert_eq!(resolutions[0], &Resolution::Found(0));
        // The key names the entry even where the words name another author.
        assert_eq!(resolutions[1], &Resolution::Found(1));
        // A year that differs from the linked entry's is still a year mismatch.
        assert!(matches!(resolutions[2], Resolution::YearMismatch(_)));
        assert_eq!(analysis.cited, [true, true]);
    }

    #[test]
    fn a_topic_word_before_a_year_is_not_taken_for_certain() {
        let text = "Crimea\n\nRussia took Crimea in one week. The annexation of Crimea (2014) \
                    changed the region, and Crimea remains occupied (Adams, 2019).\n\n\
                    References\n\n\
                    Adams, P. (2019). Light in ponds. Water, 4(2), 10-19.\n\n\
                    Baker, L., & Cole, M. (2020). Plants and light. Water, 5(1), 1-9.\n\n\
                    Diaz, R. (2021). Regional patterns. Ecology, 7(3), 30-41.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let crimea = analysis
            .citations
            .iter()
            .find(|c| c.works[0].first_author() == "Crimea")
            .expect("parsed as a narrative citation");
        assert!(!crimea.certain);
    }

    #[test]
    fn either_year_of_a_translated_work_matches_its_entry() {
        let text = "Mito\n\nEl mito vuelve (Lévi-Strauss, 1968; LÉVI-STRAUSS, 1975), como en \
                    Freud (1900) y Freud (1953), y en Sade (1797, p. 207) y (SADE, 1990).\n\n\
                    Referencias\n\n\
                    Freud, S. (1953). The interpretation of dreams. Hogarth. (Original work published 1900)\n\n\
                    LÉVI-STRAUSS, C. Lo crudo y lo cocido. México: FCE, 1968 (trad. esp. 1975).\n\n\
                    SADE, D. A. F. La nouvelle Justine. Hollande: 1797 (Trad. cast. Personal). [1990]\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let resolutions: Vec<&Resolution> = analysis.resolutions.iter().flatten().collect();
        assert_eq!(
            resolutions,
            [
                &Resolution::Found(1),
                &Resolution::Found(1),
                &Resolution::Found(0),
                &Resolution::Found(0),
                &Resolution::Found(2),
                &Resolution::Found(2),
            ]
        );
        assert_eq!(
            analysis.references[2]
                .year
                .map(|y| y.to_string())
                .as_deref(),
            Some("1797")
        );
    }

    #[test]
    fn the_word_before_the_first_of_several_authors_is_not_part_of_the_name() {
        let text = "Votações\n\nSegundo Shor, Berry e McCarty (2010), o espaço é comum, como no \
                    trabalho de Müller e Strom (2000) e na regra de Hosmer Jr., Lemeshow e \
                    Sturdivant (2013).\n\nReferências\n\n\
                    HOSMER JR., D. W.; LEMESHOW, S.; STURDIVANT, R. X. Applied logistic regression. 3. ed. Wiley, 2013.\n\n\
                    MÜLLER, W. C.; STROM, K. Coalition Governments in Western Europe. Londres: [s.n.], 2000.\n\n\
                    SHOR, B.; BERRY, C. R.; MCCARTY, N. M. A Bridge to Somewhere. Legislative Studies Quarterly, v. 35, n. 3, p. 1–32, 2010.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let found: Vec<(&str, &Resolution)> = analysis
            .works()
            .map(|(_, w, r)| (w.first_author(), r))
            .collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found.iter().all(|(_, r)| matches!(r, Resolution::Found(_))),
            "{found:?}"
        );
    }

    #[test]
    fn abnt_authors_joined_by_semicolons_are_one_work() {
        let text = "Curvas\n\nA curva ROC (ALTMAN; BLAND, 1994; CLINTON; JACKMAN; RIVERS, 2004; \
                    FAWCETT, 2006) resume o modelo.\n\nReferências\n\n\
                    ALTMAN, D. G.; BLAND, J. M. Diagnostic tests 3. British Medical Journal, v. 309, p. 188, 1994.\n\n\
                    CLINTON, J.; JACKMAN, S.; RIVERS, D. The statistical analysis of roll call data. American Political Science Review, v. 98, n. 2, p. 355–370, 2004.\n\n\
                    FAWCETT, T. An introduction to ROC analysis. Pattern Recognition Letters, v. 27, n. 8, p. 861–874, 2006.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let found: Vec<(usize, &Resolution)> = analysis
            .works()
            .map(|(_, w, r)| (w.authors.len(), r))
            .collect();
        assert_eq!(
            found,
            [
                (2, &Resolution::Found(0)),
                (3, &Resolution::Found(1)),
                (1, &Resolution::Found(2)),
            ]
        );
    }

    #[test]
    fn a_citation_inside_a_parenthesis_that_is_none_is_read() {
        let works: Vec<String> = intext::parse(
            "N sinks at the HUC-12 scale (HUC = Hydrologic Unit Code; (Berelson et al. 2004)) \
             and source hydrology (e.g., Easton (2008)).",
        )
        .iter()
        .flat_map(|c| {
            c.works
                .iter()
                .map(|w| format!("{} {}", w.first_author(), w.year))
        })
        .collect();
        assert_eq!(works, ["Berelson 2004", "Easton 2008"]);
    }

    #[test]
    fn a_title_whose_author_is_named_after_its_year_is_no_certain_citation() {
        let text = "Cinismo\n\nSon cuatro los libros: Der Mut zum Sein (1953) de Paul Tillich y \
                    Kritik der zynischen Vernunft (1983) by Peter Sloterdijk, como dice Chaves (2013).\n\n\
                    Referencias\n\n\
                    CHAVES, E. Michel Foucault e a verdade cínica. Campinas, SP: Editora PHI, 2013.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let certain: Vec<(&str, bool)> = analysis
            .citations
            .iter()
            .map(|c| (c.works[0].first_author(), c.certain))
            .collect();
        assert!(certain.contains(&("Chaves", true)), "{certain:?}");
        assert!(
            certain
                .iter()
                .filter(|(name, _)| *name != "Chaves")
                .all(|(_, sure)| !sure),
            "{certain:?}"
        );
    }

    #[test]
    fn a_date_of_access_or_of_a_post_is_read_for_what_it_is() {
        let text = "Viajes\n\nLos naturalistas (VENTURA, 2016; JEKUPÉ, 2018) viajaban.\n\nReferências\n\n\
                    JEKUPÉ, Olívio. Literatura nativa em andamento. Artigo publicado no blog do autor em 9 de agosto de 2018. Disponível em: <http://blog.br>. Acesso em: 20 jul. 2020.\n\n\
                    VENTURA, Antoine. Viajeros y naturalistas. ELOHI, n.9. Disponível em: <http://doi.org/10.4000/elohi.981>. Acesso em: 19. jan. 2019. 2016.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let years: Vec<Option<String>> = analysis
            .references
            .iter()
            .map(|r| r.year.map(|y| y.to_string()))
            .collect();
        assert_eq!(years, [Some("2018".into()), Some("2016".into())]);
        // A page is no year.
        let zucco = reference::parse(
            "ZUCCO, C. Ideology or What? The Journal of Politics, v. 71, n. 03, p. 1076, 2009.",
        );
        assert_eq!(zucco.year.map(|y| y.to_string()).as_deref(), Some("2009"));
        let news = reference::parse(
            "CAMPOS, J. Los empresarios debimos hablar. Ámbito.com, [Argentina], 9 abr. 2017a.",
        );
        assert_eq!(news.year.map(|y| y.to_string()).as_deref(), Some("2017a"));
        let boss = reference::parse("Chambers, J. E., & Boss, A. P. 1996, Icarus, 119, 261");
        assert_eq!(boss.year.map(|y| y.to_string()).as_deref(), Some("1996"));
        // A given name that reads like a month is no date.
        let chen =
            reference::parse("Chen, Jun. 2019. Ponds in towns. Urban Ecosystems 21: 100-112.");
        assert_eq!(chen.year.map(|y| y.to_string()).as_deref(), Some("2019"));
    }

    #[test]
    fn a_given_name_before_a_narrative_citation_is_not_its_surname() {
        let text = "Literatura\n\nOs livros de Ailton Krenak (2019) e do xamã Davi Kopenawa \
                    (2010) vendem (KRENAK, 2019; KOPENAWA; ALBERT, 2010).\n\nReferências\n\n\
                    KOPENAWA, Davi; ALBERT, Bruce. A queda do céu. São Paulo: Companhia das Letras, 2010.\n\n\
                    KRENAK, Ailton. Ideias para adiar o fim do mundo. São Paulo: Companhia das Letras, 2019.\n";
        let document =
            read_text("t.txt", Format::Text, text.to_string()).expect("plain text always reads");
        let analysis = analyse(&Manuscript::detect(&document));
        let found: Vec<(&str, &Resolution)> = analysis
            .works()
            .map(|(_, w, r)| (w.first_author(), r))
            .collect();
        assert!(
            found.iter().all(|(_, r)| matches!(r, Resolution::Found(_))),
            "{found:?}"
        );
        // The capitals of "KRENAK" are an author's name, not an acronym.
        let spans = analysis.author_spans();
        let krenak = text.find("KRENAK, Ailton").unwrap();
        assert!(CitationAnalysis::in_author_name(
            &spans,
            &(krenak..krenak + 6)
        ));
        let livros = text.find("livros").unwrap();
        assert!(!CitationAnalysis::in_author_name(
            &spans,
            &(livros..livros + 6)
        ));
    }
}
