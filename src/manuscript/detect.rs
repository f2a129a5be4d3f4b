//! Structure detection: from a document's blocks to a [`Manuscript`].
//!
//! The blocks are first cut into candidate units (a plain-text paragraph that holds several
//! reference entries or footer lines separated by single newlines becomes one unit per line).
//! Then, in order: the title; abstracts and keyword lists (by heading word, or an unheaded
//! paragraph right before a keyword list, or an unheaded structured abstract near the front); the author block; the reference list (by heading, or as
//! the last run of reference-shaped entries); material after it; headings and body.

use std::ops::Range;

use super::language::{self, LangCode};
use super::lexicon::{HeadingKind, Lexicon, fold_at_most, strip_decoration};
use super::plain_text;
use super::shapes::{heading_number, looks_like_heading, looks_like_reference_entry, word_count};
use super::structured;
use super::{Abstract, Heading, KeywordList, Manuscript, Part, ReferenceList, Unit};
use crate::source::{BlockKind, Document, Format, MappedText};

/// Headings that open back matter after the reference list (so what follows is not residue).
const BACK_MATTER: &[&str] = &[
    "acknowledgements",
    "acknowledgments",
    "appendix",
    "appendices",
    "author contributions",
    "conflict of interest",
    "conflicts of interest",
    "data availability",
    "ek",
    "ekler",
    "funding",
    "notes",
    "supplementary material",
    "supplementary materials",
    "supplementary information",
    "supporting information",
    "code availability",
    "abbreviations",
    "material suplementar",
    "material suplementario",
    "agradecimentos",
    "agradecimientos",
    "teşekkür",
];

/// Whether a heading names back matter ("Acknowledgements", "Supplementary material"),
/// numbering and decoration aside.
pub(crate) fn is_back_matter_title(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    fold_at_most(strip_decoration(text), 40)
        .is_some_and(|folded| BACK_MATTER.contains(&folded.as_str()))
}

/// Where a candidate ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Unassigned,
    Title,
    Authors,
    AbstractHeading,
    Abstract(usize),
    Keywords,
    Heading,
    Body,
    ReferencesHeading,
    Reference,
    Trailing,
    /// A second printing of an abstract already read (see [`drop_repeated_abstracts`]).
    Repeated,
}

struct Candidate {
    text: MappedText,
    kind: BlockKind,
    role: Role,
    words: usize,
}

impl Candidate {
    fn str(&self) -> &str {
        self.text.as_str()
    }

    fn single_line(&self) -> bool {
        !self.str().contains('\n')
    }
}

pub(super) fn detect(document: &Document) -> Manuscript {
    let lexicon = Lexicon::get();
    let mut cands = candidates(document);
    let mut ms = Manuscript::default();

    // Title.
    if let Some(title) = &document.metadata.title {
        ms.title = Some(title.clone());
    } else if let Some(first) = cands.first_mut()
        && is_title_like(first, lexicon)
    {
        first.role = Role::Title;
        ms.title = Some(first.text.clone());
    }

    // Abstracts and keyword lists from front matter.
    for meta in &document.metadata.abstracts {
        let hint: Vec<LangCode> = meta
            .language
            .as_deref()
            .and_then(language::canonical)
            .into_iter()
            .collect();
        ms.abstracts
            .push(make_abstract(None, hint, meta.text.clone()));
    }
    let relabelled = mislabelled_languages(&ms.abstracts);
    for meta in &document.metadata.keywords {
        let hint: Vec<LangCode> = meta
            .language
            .as_deref()
            .and_then(language::canonical)
            .map(|declared| relabel(&relabelled, declared, &document.metadata.keywords))
            .into_iter()
            .collect();
        let span = meta
            .items
            .iter()
            .map(MappedText::source_span)
            .fold(meta.key_span.clone(), cover);
        ms.keywords.push(KeywordList {
            heading: MappedText::new(),
            heading_languages: hint,
            items: meta.items.clone(),
            language: None,
            span,
        });
    }

    find_keywords(&mut cands, lexicon, &mut ms);
    find_abstracts(&mut cands, lexicon, &mut ms);
    find_structured_abstracts(&mut cands, &mut ms);
    drop_repeated_abstracts(&mut cands, &mut ms);
    let front_end = front_end(&cands);
    mark_front_authors(&mut cands, front_end);
    let (references_range, references) = if document.metadata.references.is_empty() {
        find_references(&mut cands, lexicon, front_end)
    } else {
        let list = ReferenceList {
            heading: document.metadata.reference_heading.clone(),
            entries: document
                .metadata
                .references
                .iter()
                .map(|e| e.text.clone())
                .collect(),
            keys: document
                .metadata
                .references
                .iter()
                .map(|e| e.key.clone())
                .collect(),
            list_starts: document.metadata.reference_list_starts.clone(),
            rendered: document.metadata.rendered_references,
        };
        (None, Some(list))
    };
    ms.references = references;
    ms.keyed_citations = document.metadata.citations.clone();
    let body_end = references_range.as_ref().map_or(cands.len(), |r| r.start);
    mark_trailing(&mut cands, lexicon, references_range.map(|r| r.end));
    mark_closing_authors(&mut cands, front_end.map_or(0, |e| e + 1), body_end);
    let plain_text_wrapped =
        (document.format == Format::Text).then(|| plain_text::wrapped(document));
    mark_headings_and_body(&mut cands, &mut ms, plain_text_wrapped);

    ms.language = body_language(&cands).or_else(|| {
        document
            .metadata
            .language
            .as_deref()
            .and_then(language::canonical)
    });
    assign_keyword_languages(&mut ms);
    if ms.language.is_none() {
        ms.language = ms.abstracts.first().and_then(|a| a.language);
    }
    build_units(&cands, &mut ms, &document.parts);
    read_translations_in_their_language(&mut ms, &document.metadata.declared_languages);
    ms
}

// --- Declared languages the text contradicts -------------------------------------------------

/// Languages the front matter declares and its abstracts show to be another: (declared, written)
/// for each declared language whose every abstract was confidently detected as one same other
/// language (a Spanish abstract under `xml:lang="pt"`).
fn mislabelled_languages(abstracts: &[Abstract]) -> Vec<(LangCode, LangCode)> {
    let mut found: Vec<(LangCode, Option<LangCode>)> = Vec::new();
    for abs in abstracts.iter().filter(|a| a.heading.is_none()) {
        let [declared] = abs.heading_languages.as_slice() else {
            continue;
        };
        let written = abs.language.filter(|_| abs.language_detected);
        match found.iter_mut().find(|(d, _)| d == declared) {
            Some((_, seen)) if *seen != written => *seen = None,
            Some(_) => {}
            None => found.push((declared, written)),
        }
    }
    found
        .into_iter()
        .filter_map(|(declared, written)| Some((declared, written?)))
        .filter(|(declared, written)| declared != written)
        .collect()
}

/// The language a keyword list declared as `declared` is written in: the one its abstracts showed,
/// unless another list already declares that one.
fn relabel(
    relabelled: &[(LangCode, LangCode)],
    declared: LangCode,
    lists: &[crate::source::MetaKeywords],
) -> LangCode {
    let Some(&(_, written)) = relabelled.iter().find(|(d, _)| *d == declared) else {
        return declared;
    };
    let taken = lists
        .iter()
        .any(|list| list.language.as_deref().and_then(language::canonical) == Some(written));
    if taken { declared } else { written }
}

/// Short pieces of a translation (a heading, a table cell) take the translation's declared
/// language rather than the document's; longer ones were detected on their own.
fn read_translations_in_their_language(
    ms: &mut Manuscript,
    declared: &[crate::source::DeclaredLanguage],
) {
    let translations: Vec<(Range<usize>, LangCode)> = declared
        .iter()
        .filter(|d| d.element == crate::source::DeclaredFor::Translation)
        .filter_map(|d| Some((d.scope.clone(), language::canonical(&d.code)?)))
        .collect();
    if translations.is_empty() {
        return;
    }
    for unit in &mut ms.units {
        if !matches!(unit.part, Part::Heading | Part::Body) || word_count(unit.text.as_str()) >= 8 {
            continue;
        }
        let span = unit.text.source_span();
        if let Some((_, code)) = translations
            .iter()
            .find(|(scope, _)| scope.start <= span.start && span.end <= scope.end)
        {
            *unit = Unit::new(unit.part, unit.text.clone(), Some(code));
        }
    }
}

/// Blocks cut into candidate units.
fn candidates(document: &Document) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (kind, text) in blocks(document) {
        let text = text.trimmed();
        if text.is_empty() {
            continue;
        }
        let pieces = match kind {
            BlockKind::Paragraph | BlockKind::ListItem => split_lines(&text),
            _ => vec![text],
        };
        for piece in pieces {
            let words = word_count(piece.as_str());
            out.push(Candidate {
                text: piece,
                kind,
                role: Role::Unassigned,
                words,
            });
        }
    }
    merge_entry_labels(out)
}

/// Whether `text` is only the number of a list entry: `1.`, `[12]`, `(3)`, `4)`, `5` (a bare
/// number of four digits is a year, not an entry number).
fn is_bare_entry_label(text: &str) -> bool {
    let (inner, longest) = match text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| text.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .or_else(|| text.strip_suffix(['.', ')']))
    {
        Some(inner) => (inner, 4),
        None => (text, 3),
    };
    (1..=longest).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit())
}

/// Joins entry numbers that stand in paragraphs of their own ("1." then "Cauley LB. 1981. …",
/// as citation processors write numbered bibliographies into Word) to the entry that follows
/// them. Done when at least two such pairs read as reference entries once joined; then every
/// bare number before a paragraph is joined, so that the list keeps one candidate per entry.
fn merge_entry_labels(cands: Vec<Candidate>) -> Vec<Candidate> {
    let pairs_with = |cands: &[Candidate], i: usize| {
        is_bare_entry_label(cands[i].str())
            && cands.get(i + 1).is_some_and(|next| {
                matches!(next.kind, BlockKind::Paragraph | BlockKind::ListItem)
                    && !is_bare_entry_label(next.str())
            })
    };
    let joined_entries = (0..cands.len())
        .filter(|&i| pairs_with(&cands, i))
        .filter(|&i| {
            let joined = format!("{} {}", cands[i].str(), cands[i + 1].str());
            looks_like_reference_entry(&joined)
        })
        .take(2)
        .count();
    if joined_entries < 2 {
        return cands;
    }
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    let mut pending_label: Option<Candidate> = None;
    for (i, cand) in cands.iter().enumerate() {
        if let Some(label) = pending_label.take() {
            let mut text = label.text;
            text.push_synthetic(" ");
            text.append(&cand.text);
            out.push(Candidate {
                text,
                kind: cand.kind,
                role: Role::Unassigned,
                words: label.words + cand.words,
            });
            continue;
        }
        let candidate = Candidate {
            text: cand.text.clone(),
            kind: cand.kind,
            role: cand.role,
            words: cand.words,
        };
        if pairs_with(&cands, i) {
            pending_label = Some(candidate);
        } else {
            out.push(candidate);
        }
    }
    out
}

/// The document's blocks; plain text's are read from its layout first ([`plain_text`]: headings,
/// wrapped paragraphs, reference entries).
fn blocks(document: &Document) -> Vec<(BlockKind, MappedText)> {
    if document.format == Format::Text {
        return plain_text::pieces(document)
            .into_iter()
            .map(|piece| (piece.kind, piece.text))
            .collect();
    }
    document
        .blocks
        .iter()
        .map(|block| (block.kind, block.text.clone()))
        .collect()
}

/// Splits a multi-line paragraph into entries or lines when it holds reference entries separated
/// by single newlines, or a list of short standalone lines; hard-wrapped prose stays whole.
fn split_lines(text: &MappedText) -> Vec<MappedText> {
    let s = text.as_str();
    if !s.contains('\n') {
        return vec![text.clone()];
    }
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in s.split('\n') {
        lines.push(offset..offset + line.len());
        offset += line.len() + 1;
    }
    let is_entry = |r: &Range<usize>| looks_like_reference_entry(s[r.clone()].trim());
    let entry_count = lines.iter().filter(|r| is_entry(r)).count();
    if is_entry(&lines[0]) && entry_count >= 2 {
        let mut pieces: Vec<Range<usize>> = Vec::new();
        for line in lines {
            match pieces.last_mut() {
                Some(current) if !is_entry(&line) => current.end = line.end,
                _ => pieces.push(line),
            }
        }
        return pieces
            .into_iter()
            .map(|r| text.slice(r).trimmed())
            .collect();
    }
    let standalone = lines.iter().enumerate().all(|(i, r)| {
        let line = s[r.clone()].trim();
        line.chars().count() <= 60 && (i == 0 || !line.starts_with(|c: char| c.is_lowercase()))
    });
    if standalone {
        return lines
            .into_iter()
            .map(|r| text.slice(r).trimmed())
            .filter(|t| !t.is_empty())
            .collect();
    }
    vec![text.clone()]
}

fn is_title_like(cand: &Candidate, lexicon: &Lexicon) -> bool {
    let text = cand.str();
    // A first heading that names the abstract (a plain-text "Abstract" underlined) or that is
    // numbered ("1. Introduction") is not a title.
    if matches!(cand.kind, BlockKind::Heading(1)) {
        return lexicon.languages(HeadingKind::Abstract, text).is_none()
            && heading_number(text).is_none();
    }
    cand.kind == BlockKind::Paragraph
        && cand.single_line()
        && (1..=30).contains(&cand.words)
        && !text.ends_with('.')
        && heading_number(text).is_none()
        && lexicon.leading(HeadingKind::Abstract, text).is_none()
        && lexicon.leading(HeadingKind::Keywords, text).is_none()
        && lexicon.languages(HeadingKind::References, text).is_none()
        && !looks_like_reference_entry(text)
}

fn find_keywords(cands: &mut [Candidate], lexicon: &Lexicon, ms: &mut Manuscript) {
    let mut i = 0;
    while i < cands.len() {
        if cands[i].role != Role::Unassigned {
            i += 1;
            continue;
        }
        let text = cands[i].text.clone();
        let Some(found) = lexicon.leading(HeadingKind::Keywords, text.as_str()) else {
            i += 1;
            continue;
        };
        let heading = text.slice(0..found.heading_end);
        let (items_text, consumed) = if found.content_start < text.as_str().len() {
            (text.slice(found.content_start..text.as_str().len()), 1)
        } else if let Some(next) = cands.get(i + 1)
            && next.role == Role::Unassigned
            && next.words <= 40
            && !matches!(next.kind, BlockKind::Heading(_))
        {
            (next.text.clone(), 2)
        } else {
            i += 1;
            continue;
        };
        let items = split_items(&items_text);
        if items.is_empty() {
            i += 1;
            continue;
        }
        let span = cover(heading.source_span(), items_text.source_span());
        ms.keywords.push(KeywordList {
            heading,
            heading_languages: found.languages.to_vec(),
            items,
            language: None,
            span,
        });
        for cand in &mut cands[i..i + consumed] {
            cand.role = Role::Keywords;
        }
        i += consumed;
    }
}

/// Items of a keyword list: separated by `,`, `;`, `·`, `•` or new lines; a final period dropped.
fn split_items(text: &MappedText) -> Vec<MappedText> {
    let s = text.as_str();
    let mut items = Vec::new();
    let mut start = 0;
    let separators = [',', ';', '·', '•', '\n', '，', '、', '；'];
    for (at, c) in s.char_indices().chain(std::iter::once((s.len(), ','))) {
        if separators.contains(&c) {
            let raw = &s[start..at];
            let trimmed_end = raw.trim_end().trim_end_matches('.').trim_end().len();
            let lead = raw.len() - raw.trim_start().len();
            if trimmed_end > lead {
                items.push(text.slice(start + lead..start + trimmed_end));
            }
            start = at + c.len_utf8();
        }
    }
    items
}

fn find_abstracts(cands: &mut [Candidate], lexicon: &Lexicon, ms: &mut Manuscript) {
    // Headed abstracts: a heading line, or a heading word leading the paragraph.
    let mut i = 0;
    while i < cands.len() {
        if cands[i].role != Role::Unassigned {
            i += 1;
            continue;
        }
        let text = cands[i].str().to_string();
        let numbered = heading_number(text.trim_start_matches('#').trim()).is_some();
        let whole = if cands[i].single_line()
            && !numbered
            && (!is_summary(&text) || !body_started(&cands[..i]))
        {
            lexicon
                .languages(HeadingKind::Abstract, &text)
                .map(<[_]>::to_vec)
        } else {
            None
        };
        if let Some(languages) = whole {
            let heading = cands[i].text.clone();
            let mut paragraphs = Vec::new();
            let mut j = i + 1;
            while j < cands.len() && continues_abstract(&cands[j], lexicon) {
                paragraphs.push(j);
                j += 1;
            }
            // A fragment a PDF extraction broke off ("Somente na Câmara dos") between the
            // abstract and its keyword list is still the abstract: what lies between an abstract
            // heading and the keyword list right after it, with no heading between, is the
            // abstract.
            if !paragraphs.is_empty()
                && let Some(end) = keywords_ahead(cands, j, lexicon)
            {
                paragraphs.extend(j..end);
                j = end;
            }
            if paragraphs.is_empty() {
                i += 1;
                continue;
            }
            let index = ms.abstracts.len();
            cands[i].role = Role::AbstractHeading;
            let body = join(paragraphs.iter().map(|&p| &cands[p].text));
            for &p in &paragraphs {
                cands[p].role = Role::Abstract(index);
            }
            ms.abstracts
                .push(make_abstract(Some(heading), languages, body));
            i = j;
            continue;
        }
        if let Some(found) = lexicon.leading(HeadingKind::Abstract, &text)
            && found.content_start < text.len()
            && word_count(&text[found.content_start..]) >= 10
            && text[found.heading_end..found.content_start]
                .trim()
                .starts_with([':', '：', '—', '–', '.', '-', '】'])
        {
            let heading = cands[i].text.slice(0..found.heading_end);
            let body = cands[i].text.slice(found.content_start..text.len());
            cands[i].role = Role::Abstract(ms.abstracts.len());
            ms.abstracts
                .push(make_abstract(Some(heading), found.languages.to_vec(), body));
        }
        i += 1;
    }

    // Unheaded abstracts: the paragraph right before a keyword list.
    for k in 0..cands.len() {
        if cands[k].role != Role::Keywords || (k > 0 && cands[k - 1].role == Role::Keywords) {
            continue;
        }
        let Some(p) = k.checked_sub(1) else { continue };
        let cand = &cands[p];
        if cand.role != Role::Unassigned
            || cand.words < 25
            || matches!(cand.kind, BlockKind::Heading(_))
        {
            continue;
        }
        let hint = ms
            .keywords
            .iter()
            .find(|list| {
                list.span.start >= cand.text.source_span().end && list.heading_languages.len() == 1
            })
            .map(|list| list.heading_languages.clone())
            .unwrap_or_default();
        cands[p].role = Role::Abstract(ms.abstracts.len());
        ms.abstracts
            .push(make_abstract(None, hint, cands[p].text.clone()));
    }
    sort_abstracts(cands, ms);
}

/// How far into the document an unheaded structured abstract is looked for (in candidates).
const STRUCTURED_ABSTRACT_WITHIN: usize = 40;

/// Unheaded structured abstracts: near the front, before any section heading, a paragraph that
/// opens with a structured-abstract label ("Background:", "Objetivo:", "目的：") and, alone or
/// with the labelled paragraphs right after it, holds the results label and the methods or
/// conclusions label.
fn find_structured_abstracts(cands: &mut [Candidate], ms: &mut Manuscript) {
    let mut i = 0;
    while i < cands.len().min(STRUCTURED_ABSTRACT_WITHIN) {
        let free =
            |c: &Candidate| c.role == Role::Unassigned && !matches!(c.kind, BlockKind::Heading(_));
        if !free(&cands[i]) {
            i += 1;
            continue;
        }
        if section_started(&cands[..i]) {
            break;
        }
        let Some(languages) = structured::opening_label(cands[i].str()) else {
            i += 1;
            continue;
        };
        let mut sections = structured::sections(cands[i].str());
        let mut end = i + 1;
        while end < cands.len()
            && !sections.is_structured_abstract()
            && free(&cands[end])
            && structured::label_at_start(cands[end].str()).is_some()
        {
            sections.add(structured::sections(cands[end].str()));
            end += 1;
        }
        let words: usize = cands[i..end].iter().map(|c| c.words).sum();
        if !sections.is_structured_abstract() || words < 30 {
            i += 1;
            continue;
        }
        let index = ms.abstracts.len();
        let text = join(cands[i..end].iter().map(|c| &c.text));
        for cand in &mut cands[i..end] {
            cand.role = Role::Abstract(index);
        }
        ms.abstracts
            .push(make_abstract(None, languages.to_vec(), text));
        i = end;
    }
    sort_abstracts(cands, ms);
}

/// Whether a section heading (other than the title) comes before this point. Stricter than
/// [`body_started`] about numbered lines: affiliations are numbered too ("1 Department of …"),
/// so a numbered line counts only when it is short and has no comma, as section headings are.
fn section_started(before: &[Candidate]) -> bool {
    before.iter().any(|c| {
        c.role != Role::Title
            && (matches!(c.kind, BlockKind::Heading(_))
                || (c.single_line()
                    && heading_number(c.str()).is_some()
                    && c.words <= 8
                    && !c.str().contains([',', '，'])))
    })
}

/// Puts the abstracts in document order, keeping the candidates' abstract indices right.
fn sort_abstracts(cands: &mut [Candidate], ms: &mut Manuscript) {
    let mut order: Vec<usize> = (0..ms.abstracts.len()).collect();
    order.sort_by_key(|&i| ms.abstracts[i].text.source_span().start);
    let mut new_index = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    for cand in cands.iter_mut() {
        if let Role::Abstract(old) = cand.role
            && let Some(&new) = new_index.get(old)
        {
            cand.role = Role::Abstract(new);
        }
    }
    let mut slots: Vec<Option<Abstract>> = std::mem::take(&mut ms.abstracts)
        .into_iter()
        .map(Some)
        .collect();
    ms.abstracts = order.iter().filter_map(|&old| slots[old].take()).collect();
}

/// An abstract printed twice is one abstract: a LaTeX file that holds it is `\input` after
/// `\maketitle` and again over the supplementary material, a document repeats it at the top of
/// its appendix. A later abstract with the same heading and the same text as an earlier one is
/// dropped, and its text is left out of the units (read once, it is reported once).
fn drop_repeated_abstracts(cands: &mut [Candidate], ms: &mut Manuscript) {
    let heading = |a: &Abstract| a.heading.as_ref().map(|h| h.as_str().trim().to_string());
    let same = |a: &Abstract, b: &Abstract| {
        a.words > 0 && a.text.as_str().trim() == b.text.as_str().trim() && heading(a) == heading(b)
    };
    let mut keep = vec![true; ms.abstracts.len()];
    for j in 0..ms.abstracts.len() {
        keep[j] = !(0..j).any(|i| keep[i] && same(&ms.abstracts[i], &ms.abstracts[j]));
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut new_index = vec![None; keep.len()];
    for (next, (old, _)) in keep.iter().enumerate().filter(|(_, k)| **k).enumerate() {
        new_index[old] = Some(next);
    }
    for cand in cands.iter_mut() {
        if let Role::Abstract(old) = cand.role {
            cand.role = match new_index.get(old).copied().flatten() {
                Some(new) => Role::Abstract(new),
                None => Role::Repeated,
            };
        }
    }
    let mut flags = keep.into_iter();
    ms.abstracts.retain(|_| flags.next().unwrap_or(true));
}

/// "Summary" (German "Zusammenfassung") names an abstract at the top of a paper and a closing
/// section further down.
fn is_summary(text: &str) -> bool {
    fold_at_most(strip_decoration(text), "zusammenfassung".len())
        .is_some_and(|folded| matches!(folded.as_str(), "summary" | "zusammenfassung"))
}

/// Whether a section heading (other than the title) comes before this point.
fn body_started(before: &[Candidate]) -> bool {
    before.iter().any(|c| {
        c.role != Role::Title
            && (matches!(c.kind, BlockKind::Heading(_))
                || (c.single_line() && heading_number(c.str()).is_some()))
    })
}

/// How many candidates a broken-off fragment and the rest of its abstract may span before the
/// keyword list.
const FRAGMENT_REACH: usize = 4;

/// The index of a keyword list a few candidates after `from`, when everything before it is
/// unheaded text that could be part of an abstract: short fragments and paragraphs that continue
/// one, and at least one of the former.
fn keywords_ahead(cands: &[Candidate], from: usize, lexicon: &Lexicon) -> Option<usize> {
    let end = cands.len().min(from + FRAGMENT_REACH + 1);
    let k = (from..end).find(|&k| cands[k].role == Role::Keywords)?;
    let between = &cands[from..k];
    let open_text = |c: &Candidate| {
        c.role == Role::Unassigned
            && !matches!(c.kind, BlockKind::Heading(_))
            && heading_number(c.str()).is_none()
            && lexicon.languages(HeadingKind::Abstract, c.str()).is_none()
    };
    (!between.is_empty() && between.iter().all(open_text) && between.iter().any(|c| c.words >= 8))
        .then_some(k)
}

/// Whether a candidate after an abstract heading still belongs to the abstract.
fn continues_abstract(cand: &Candidate, lexicon: &Lexicon) -> bool {
    if cand.role != Role::Unassigned || matches!(cand.kind, BlockKind::Heading(_)) {
        return false;
    }
    let text = cand.str();
    if lexicon.leading(HeadingKind::Keywords, text).is_some()
        || lexicon.languages(HeadingKind::Abstract, text).is_some()
    {
        return false;
    }
    // A structured abstract's "Methods:" line continues it; a bare short line is a new heading.
    // An item of a list the format marks (Markdown "* …") is never a heading, however short.
    // A short labelled section ("**Design:** Cohort study.") continues it too.
    cand.words >= 8
        || text.trim_end().ends_with(':')
        || cand.kind == BlockKind::ListItem
        || structured::label_at_start(text).is_some()
}

fn make_abstract(
    heading: Option<MappedText>,
    heading_languages: Vec<LangCode>,
    text: MappedText,
) -> Abstract {
    let words = word_count(text.as_str());
    let detection = language::detect(text.as_str());
    let (language, detected) = match detection {
        Some(d) if d.reliable && (heading_languages.is_empty() || words >= 20) => {
            (Some(d.code), true)
        }
        _ => match heading_languages.as_slice() {
            [] => (detection.map(|d| d.code), false),
            [only] => (Some(*only), false),
            several => (
                language::detect_among(text.as_str(), several)
                    .map(|d| d.code)
                    .or(Some(several[0])),
                false,
            ),
        },
    };
    Abstract {
        heading,
        heading_languages,
        text,
        language,
        language_detected: detected,
        words,
    }
}

/// Index of the last abstract or keyword candidate of the front cluster.
fn front_end(cands: &[Candidate]) -> Option<usize> {
    let is_front = |c: &Candidate| {
        matches!(
            c.role,
            Role::AbstractHeading | Role::Abstract(_) | Role::Keywords
        )
    };
    let first = cands.iter().position(is_front)?;
    let mut last = first;
    let mut gap = 0;
    for (i, cand) in cands.iter().enumerate().skip(first + 1) {
        if is_front(cand) {
            last = i;
            gap = 0;
        } else {
            gap += 1;
            if gap > 2 {
                break;
            }
        }
    }
    Some(last)
}

/// Short lines between the title and the abstracts are the author block.
fn mark_front_authors(cands: &mut [Candidate], front_end: Option<usize>) {
    let Some(end) = front_end else { return };
    for cand in cands[..end]
        .iter_mut()
        .filter(|c| c.role == Role::Unassigned)
    {
        if is_author_like(cand) {
            cand.role = Role::Authors;
        }
    }
}

fn is_author_like(cand: &Candidate) -> bool {
    (1..=12).contains(&author_line_words(cand))
        && !matches!(cand.kind, BlockKind::Heading(_))
        && !cand
            .str()
            .trim_end()
            .ends_with(['.', '!', '?', ':', '。', '：'])
        && !looks_like_reference_entry(cand.str())
}

/// The length of a would-be author line in words, CJK names and affiliations counted by their
/// space-separated parts (`（江南农业大学 园艺学院，南京 210000）` is three), within a bound on
/// characters; other lines by [`word_count`].
fn author_line_words(cand: &Candidate) -> usize {
    let text = cand.str();
    if !text.chars().any(super::shapes::is_cjk_word_char) {
        return cand.words;
    }
    if text.chars().count() > 60 {
        return usize::MAX;
    }
    text.split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
}

fn find_references(
    cands: &mut [Candidate],
    lexicon: &Lexicon,
    front_end: Option<usize>,
) -> (Option<Range<usize>>, Option<ReferenceList>) {
    let start = front_end.map_or(0, |e| e + 1);
    let heading_at = (start..cands.len()).rev().find(|&i| {
        cands[i].role == Role::Unassigned
            && cands[i].single_line()
            && lexicon
                .languages(HeadingKind::References, cands[i].str())
                .is_some()
    });
    let is_entry = |c: &Candidate| looks_like_reference_entry(c.str());

    let (heading, range) = if let Some(h) = heading_at {
        let mut end = h + 1;
        while end < cands.len()
            && cands[end].role == Role::Unassigned
            && !is_section_break(&cands[end])
        {
            end += 1;
        }
        let limit = end;
        let entries = &cands[h + 1..end];
        let shaped = entries.iter().filter(|c| is_entry(c)).count();
        let mut first = h + 1;
        if shaped * 2 >= entries.len() {
            while end > h + 1 && !is_entry(&cands[end - 1]) {
                end -= 1;
            }
            // An entry that goes on with the list's numbering is an entry whatever its shape:
            // a long title can push the year of "18. Conway A, …" past where shapes are judged.
            while end < limit && continues_numbering(&cands[end - 1], &cands[end]) {
                end += 1;
            }
        }
        first += letterless_lead(&cands[first..end]);
        (Some(h), first..end)
    } else {
        // The last run of reference-shaped entries, at least three long; one odd entry inside a run
        // is tolerated when entries follow it.
        let mut best: Option<Range<usize>> = None;
        let mut i = start;
        while i < cands.len() {
            if cands[i].role != Role::Unassigned || !is_entry(&cands[i]) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            loop {
                if end < cands.len() && cands[end].role == Role::Unassigned && is_entry(&cands[end])
                {
                    end += 1;
                } else if end + 1 < cands.len()
                    && cands[end].role == Role::Unassigned
                    && cands[end + 1].role == Role::Unassigned
                    && is_entry(&cands[end + 1])
                    && !is_section_break(&cands[end])
                {
                    end += 2;
                } else {
                    break;
                }
            }
            if end - i >= 3 {
                best = Some(i..end);
            }
            i = end;
        }
        match best {
            Some(range) => (None, range),
            None => return (None, None),
        }
    };

    // Inside the list, a piece with no letter (an entry number the extraction set apart from
    // its entry, a chart's tick labels) is no entry, and a caption (a figure the page put between
    // two halves of the list) belongs to the body.
    let is_float = |c: &Candidate| c.kind.is_float();
    let list = ReferenceList {
        heading: heading.map(|h| cands[h].text.clone()),
        entries: cands[range.clone()]
            .iter()
            .filter(|c| c.str().chars().any(char::is_alphabetic) && !is_float(c))
            .map(|c| c.text.clone())
            .collect(),
        keys: Vec::new(),
        list_starts: Vec::new(),
        rendered: false,
    };
    if let Some(h) = heading {
        cands[h].role = Role::ReferencesHeading;
    }
    for cand in cands[range.clone()].iter_mut().filter(|c| !is_float(c)) {
        cand.role = Role::Reference;
    }
    let whole = heading.unwrap_or(range.start)..range.end;
    (Some(whole), Some(list))
}

/// Whether `next` carries the entry number after `previous`'s, in the same form ("17." then
/// "18.", "[4]" then "[5]").
fn continues_numbering(previous: &Candidate, next: &Candidate) -> bool {
    static NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\[|\()?(\d{1,4})([.)\]])\s+\S").expect("built-in pattern compiles")
    });
    let number = |text: &str| {
        NUMBER.captures(text).and_then(|c| {
            let form = (c.get(1).map(|m| m.as_str().to_string()), c[3].to_string());
            c[2].parse::<u32>().ok().map(|n| (n, form))
        })
    };
    match (number(previous.str()), number(next.str())) {
        (Some((a, form_a)), Some((b, form_b))) => b == a + 1 && form_a == form_b,
        _ => false,
    }
}

/// How many candidates at the start of a reference list hold no letter at all (a stray `> 0` or
/// `*` under the heading): they are not entries.
fn letterless_lead(entries: &[Candidate]) -> usize {
    entries
        .iter()
        .take_while(|c| !c.str().chars().any(char::is_alphabetic))
        .count()
}

fn is_section_break(cand: &Candidate) -> bool {
    matches!(cand.kind, BlockKind::Heading(_)) || is_back_matter_heading(cand)
}

fn is_back_matter_heading(cand: &Candidate) -> bool {
    static LONGEST: std::sync::LazyLock<usize> = std::sync::LazyLock::new(|| {
        BACK_MATTER
            .iter()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(0)
    });
    cand.single_line()
        && fold_at_most(strip_decoration(cand.str()), *LONGEST)
            .is_some_and(|folded| BACK_MATTER.contains(&folded.as_str()))
}

/// After the reference list, anything that is not back matter under its own heading is material
/// that came along with the manuscript (a web page's footer, a journal's boilerplate).
fn mark_trailing(cands: &mut [Candidate], _lexicon: &Lexicon, after: Option<usize>) {
    let Some(after) = after else { return };
    let rest = &mut cands[after..];
    if rest.iter().any(is_section_break) {
        return;
    }
    // Footnotes stand after the reference list in a .docx (and often in Markdown), tables and
    // figures at the end of a submitted manuscript or in a JATS floats group: they belong to
    // the body.
    // A credit for the article's images ("Cover image courtesy …") is the article's own.
    for cand in rest
        .iter_mut()
        .filter(|c| c.role == Role::Unassigned && !c.kind.is_float() && !is_image_credit(c.str()))
    {
        cand.role = Role::Trailing;
    }
}

/// How a credit line for the article's images opens, in lowercase.
const IMAGE_CREDITS: &[&str] = &[
    "banner image",
    "cover image",
    "cover photo",
    "featured image",
    "header image",
    "image credit",
    "images courtesy",
    "masthead",
    "photo credit",
    "photograph courtesy",
];

/// Whether a block is a short credit for the article's images: "_Cover image and masthead
/// courtesy Neville Morley._", "Masthead Image: Fieldwalkers above Keltie Wood".
fn is_image_credit(text: &str) -> bool {
    let text = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let opening: String = text.chars().take(24).collect::<String>().to_lowercase();
    text.split_whitespace().count() <= 40
        && IMAGE_CREDITS
            .iter()
            .any(|credit| opening.starts_with(credit))
}

/// Short lines after the last body paragraph and before the references are the author block.
fn mark_closing_authors(cands: &mut [Candidate], body_start: usize, body_end: usize) {
    let mut i = body_end;
    while i > body_start {
        let cand = &mut cands[i - 1];
        if cand.role != Role::Unassigned || !is_author_like(cand) {
            break;
        }
        cand.role = Role::Authors;
        i -= 1;
    }
}

/// `plain_text_wrapped` is `None` for formats other than plain text, and for plain text whether
/// its lines are wrapped at a column width.
fn mark_headings_and_body(
    cands: &mut [Candidate],
    ms: &mut Manuscript,
    plain_text_wrapped: Option<bool>,
) {
    // A format that marks headings (Markdown, Word styles, LaTeX) marks all of them: a short line
    // there is a caption or a label, not a heading. Wrapped plain text's layout gave all its
    // headings ([`plain_text`]); in plain text that is not wrapped a short line before prose may
    // still be one, unless it is a caption or a table row.
    let plain_text = plain_text_wrapped.is_some();
    let explicit_headings = match plain_text_wrapped {
        Some(wrapped) => wrapped,
        None => cands
            .iter()
            .any(|c| matches!(c.kind, BlockKind::Heading(_)) && c.role != Role::Title),
    };
    // Plain text whose layout numbers its headings: a short unnumbered line before prose is a
    // figure's label or a formula, unless it names a part of the paper ("Acknowledgements").
    let numbered_plain_text = plain_text
        && cands
            .iter()
            .filter(|c| {
                matches!(c.kind, BlockKind::Heading(_)) && heading_number(c.str()).is_some()
            })
            .count()
            >= 5;
    for i in 0..cands.len() {
        if cands[i].role != Role::Unassigned {
            continue;
        }
        let explicit = match cands[i].kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        };
        let followed_by_prose = cands.get(i + 1).is_some_and(|next| {
            next.role == Role::Unassigned
                && !matches!(next.kind, BlockKind::Heading(_))
                && next.words >= 12
        });
        let shaped = !explicit_headings
            && cands[i].kind == BlockKind::Paragraph
            && looks_like_heading(cands[i].str())
            && !(plain_text && plain_text::never_heading(cands[i].str()))
            && !(numbered_plain_text
                && heading_number(cands[i].str()).is_none()
                && !is_back_matter_heading(&cands[i]))
            && followed_by_prose;
        if explicit.is_none() && !shaped {
            cands[i].role = Role::Body;
            continue;
        }
        cands[i].role = Role::Heading;
        let text = cands[i].str();
        let number = heading_number(text)
            .or_else(|| plain_text::chapter_number(text))
            .map(str::to_string);
        let level = explicit.unwrap_or_else(|| {
            number.as_deref().map_or(1, |n| {
                n.trim_end_matches('.').split('.').count().min(6) as u8
            })
        });
        ms.headings.push(Heading {
            text: cands[i].text.clone(),
            level,
            number,
        });
    }
}

fn body_language(cands: &[Candidate]) -> Option<LangCode> {
    let mut sample = String::new();
    for cand in cands.iter().filter(|c| c.role == Role::Body) {
        sample.push_str(cand.str());
        sample.push('\n');
        if sample.len() > 20_000 {
            break;
        }
    }
    // An unreliable guess is worse than none: with no language, language-specific rules still
    // run, while a wrong one would switch them off for the whole document.
    language::detect(&sample)
        .filter(|d| d.reliable)
        .map(|d| d.code)
}

fn assign_keyword_languages(ms: &mut Manuscript) {
    let abstract_languages: Vec<(usize, Option<LangCode>)> = ms
        .abstracts
        .iter()
        .map(|a| (a.text.source_span().end, a.language))
        .collect();
    for list in &mut ms.keywords {
        let joined: String = list
            .items
            .iter()
            .map(|i| i.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // The abstract just before the list is the strongest hint when the heading word is shared.
        let preceding = abstract_languages
            .iter()
            .rev()
            .find(|(end, _)| *end <= list.span.start)
            .and_then(|(_, l)| *l);
        list.language = match list.heading_languages.as_slice() {
            [only] => Some(*only),
            [] => preceding
                .or_else(|| {
                    language::detect(&joined)
                        .filter(|d| d.reliable)
                        .map(|d| d.code)
                })
                .or(ms.language),
            several => preceding
                .filter(|l| several.contains(l))
                .or_else(|| language::detect_among(&joined, several).map(|d| d.code))
                .or(Some(several[0])),
        };
    }
}

fn build_units(cands: &[Candidate], ms: &mut Manuscript, parts: &[crate::source::FilePart]) {
    let default = ms.language;
    // Very short pieces are often misread (English taken for Italian): they are not worth a
    // detection. They, and pieces a detection cannot place, belong to the language of the text
    // around them: that of the last piece whose own words showed its language (a short
    // paragraph of a Portuguese translation is Portuguese, whatever the document's language).
    let mut around: Option<LangCode> = None;
    let mut unit_language = |text: &str| {
        // The surrounding language, where it is not the document's, only if the piece reads
        // as that language rather than the document's.
        let undecided = |around: Option<LangCode>| match (around, default) {
            (Some(near), Some(doc))
                if near != doc
                    && language::detect_among(text, &[near, doc])
                        .is_some_and(|d| d.code == near) =>
            {
                around
            }
            _ => default.or(around),
        };
        if word_count(text) < 8 {
            return undecided(around);
        }
        // Most paragraphs are in the document's language, which their function words show
        // far more cheaply than a detection.
        let shown = if default.is_some_and(|code| language::confirms(code, text)) {
            default
        } else {
            language::detect(text)
                .filter(|d| d.reliable)
                .map(|d| d.code)
        };
        match shown {
            Some(_) => {
                around = shown;
                shown
            }
            None => undecided(around),
        }
    };
    if let Some(title) = &ms.title
        && !cands.first().is_some_and(|c| c.role == Role::Title)
    {
        let language = unit_language(title.as_str());
        ms.units
            .push(Unit::new(Part::Title, title.clone(), language));
    }
    for cand in cands {
        let (part, language) = match cand.role {
            Role::Title => (Part::Title, unit_language(cand.str())),
            Role::Authors => (Part::Authors, None),
            Role::AbstractHeading | Role::Keywords | Role::Repeated => continue,
            Role::Abstract(i) => (Part::Abstract, ms.abstracts[i].language),
            Role::Heading => (Part::Heading, unit_language(cand.str())),
            Role::Body | Role::Unassigned => (Part::Body, unit_language(cand.str())),
            Role::ReferencesHeading => continue,
            Role::Reference => {
                ms.units.push(Unit::detected_on_demand(
                    Part::References,
                    cand.text.clone(),
                ));
                continue;
            }
            Role::Trailing => (Part::Trailing, None),
        };
        if part == Part::Body {
            for (text, language) in split_foreign_quotations(&cand.text, language) {
                ms.units
                    .push(Unit::new(part, text, language).in_block(cand.kind));
            }
            continue;
        }
        ms.units
            .push(Unit::new(part, cand.text.clone(), language).in_block(cand.kind));
    }
    for (_, abs) in ms.abstracts.iter().enumerate().filter(|(index, a)| {
        a.heading.is_none()
            && !cands
                .iter()
                .any(|c| c.text == a.text || c.role == Role::Abstract(*index))
    }) {
        ms.units
            .push(Unit::new(Part::Abstract, abs.text.clone(), abs.language));
    }
    for list in &ms.keywords {
        for item in &list.items {
            ms.units
                .push(Unit::new(Part::Keywords, item.clone(), list.language));
        }
    }
    if !document_references_in_blocks(cands, ms) {
        for entry in ms.references.iter().flat_map(|r| &r.entries) {
            ms.units
                .push(Unit::new(Part::References, entry.clone(), None));
        }
    }
    // Reading order: an included file's text where it is included (one part: by offset).
    ms.units.sort_by_cached_key(|u| {
        crate::source::FilePart::reading_key(parts, u.text.source_span().start)
    });
    ms.trailing = cands
        .iter()
        .filter(|c| c.role == Role::Trailing)
        .map(|c| c.text.clone())
        .collect();
    ms.authors = cands
        .iter()
        .filter(|c| c.role == Role::Authors)
        .map(|c| c.text.clone())
        .collect();
}

/// A paragraph cut around quotations long enough to identify (12 words or more) that are in
/// another language than the paragraph, so each piece is checked with the rules of its own
/// language: an English paper quoting a Turkish source keeps English rules off the quotation.
fn split_foreign_quotations(
    text: &MappedText,
    language: Option<LangCode>,
) -> Vec<(MappedText, Option<LangCode>)> {
    let s = text.as_str();
    let mut pieces = Vec::new();
    let mut last = 0;
    let mut search = 0;
    while let Some(open_rel) = s[search..].find(['“', '"', '«', '„']) {
        let open = search + open_rel;
        let opener = s[open..].chars().next().unwrap_or('"');
        let closer: &[char] = match opener {
            '“' => &['”'],
            '«' => &['»'],
            '„' => &['“', '”'],
            _ => &['"'],
        };
        let inner_start = open + opener.len_utf8();
        let Some(close_rel) = s[inner_start..].find(closer) else {
            break;
        };
        let close = inner_start + close_rel;
        search = close + s[close..].chars().next().map_or(1, char::len_utf8);
        let quote = &s[inner_start..close];
        if word_count(quote) < 12 {
            continue;
        }
        let Some(detected) = language::detect(quote).filter(|d| d.reliable) else {
            continue;
        };
        if Some(detected.code) == language {
            continue;
        }
        if last < inner_start {
            pieces.push((text.slice(last..inner_start), language));
        }
        pieces.push((text.slice(inner_start..close), Some(detected.code)));
        last = close;
    }
    if pieces.is_empty() {
        return vec![(text.clone(), language)];
    }
    if last < s.len() {
        pieces.push((text.slice(last..s.len()), language));
    }
    pieces
}

/// Whether the reference entries came from the prose blocks (else they are explicit metadata and
/// need units of their own).
fn document_references_in_blocks(cands: &[Candidate], ms: &Manuscript) -> bool {
    ms.references.is_none() || cands.iter().any(|c| c.role == Role::Reference)
}

fn join<'a>(parts: impl Iterator<Item = &'a MappedText>) -> MappedText {
    let mut out = MappedText::new();
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push_synthetic("\n\n");
        }
        out.append(part);
    }
    out
}

fn cover(a: Range<usize>, b: Range<usize>) -> Range<usize> {
    a.start.min(b.start)..a.end.max(b.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(text: &str) -> Candidate {
        Candidate {
            text: MappedText::from_source(text, 0..text.len()),
            kind: BlockKind::Paragraph,
            role: Role::Unassigned,
            words: word_count(text),
        }
    }

    #[test]
    fn entry_numbers_in_paragraphs_of_their_own_join_their_entries() {
        assert!(is_bare_entry_label("1."));
        assert!(is_bare_entry_label("[12]"));
        assert!(is_bare_entry_label("(3)"));
        assert!(!is_bare_entry_label("2020"));
        assert!(!is_bare_entry_label("1. Introduction"));
        let cands = vec![
            candidate("1."),
            candidate("Okafor C. 2019. Time spent watering. Allotment Research 7:101–118."),
            candidate("2."),
            candidate(
                "Lindqvist M, Baptiste R. 2021. Water rationing. Urban Horticulture 14:33–47.",
            ),
            candidate("3."),
            candidate("Moreau E. Mulch in small beds. Garden Press."),
        ];
        let merged = merge_entry_labels(cands);
        assert_eq!(merged.len(), 3);
        assert!(merged[0].str().starts_with("1. Okafor"));
        // Once the list is seen to be written this way, an entry without a year is joined too.
        assert_eq!(
            merged[2].str(),
            "3. Moreau E. Mulch in small beds. Garden Press."
        );
        // A single bare number before prose is left alone.
        let lone = merge_entry_labels(vec![candidate("1."), candidate("Some prose here.")]);
        assert_eq!(lone.len(), 2);
    }

    fn detect_text(text: &str) -> Manuscript {
        let document =
            crate::source::read_text("t.txt", crate::source::Format::Text, text.to_string())
                .expect("plain text always reads");
        detect(&document)
    }

    #[test]
    fn a_fragment_broken_off_an_abstract_stays_in_it_up_to_the_keywords() {
        let ms = detect_text(
            "Hortas urbanas\n\nResumo\nEste trabalho estuda a umidade do solo em hortas comunitárias \
             de três cidades brasileiras ao longo de dois anos.\n\nSomente nas hortas\n\n\
             de Recife, a cobertura morta reduziu a perda de água em um quinto durante o verão \
             seco, sem mudar a colheita.\n\nPalavras-chave: solo, hortas, água.\n\n\
             1 Introdução\n\nAs cidades crescem e as hortas também.\n",
        );
        assert_eq!(ms.abstracts.len(), 1);
        assert_eq!(ms.abstracts[0].words, 43);
        // Without a keyword list after it, a short line after the abstract ends it.
        let ms = detect_text(
            "Hortas urbanas\n\nResumo\nEste trabalho estuda a umidade do solo em hortas comunitárias \
             de três cidades brasileiras ao longo de dois anos.\n\nSomente nas hortas\n\n\
             de Recife, a cobertura morta reduziu a perda de água em um quinto durante o verão.\n",
        );
        assert_eq!(ms.abstracts[0].words, 19);
    }

    #[test]
    fn bracketed_chinese_labels_head_abstracts_and_keywords() {
        let ms = detect_text(
            "城市花园的土壤湿度\n\n【摘要】本文研究了城市社区花园中秸秆覆盖对高床土壤湿度的影响，并比较了不同深度的高床。\n\n\
             【关键词】土壤湿度；秸秆覆盖；社区花园\n\n1 引言\n\n在城市中种植食物依赖于有人搬运或付费的水。\n",
        );
        assert_eq!(ms.abstracts.len(), 1);
        assert_eq!(ms.abstracts[0].language, Some("zh"));
        assert!(ms.abstracts[0].text.as_str().starts_with("本文"));
        assert_eq!(ms.keywords.len(), 1);
        assert_eq!(ms.keywords[0].items.len(), 3);
    }

    #[test]
    fn a_structured_abstract_after_numbered_affiliations_is_found() {
        let ms = detect_text(
            "Ponds in Towns\n\nAna Ribeiro1, Tomasz Nowak2\n\n\
             1 Department of Soil Science, Example University, Porto\n\n\
             Objective: To learn how long town ponds hold water through a dry summer and why. \
             Methods: We visited forty ponds every week and measured their depth. \
             Results: Half of the ponds held water all year, mostly the shaded ones. \
             Conclusions: Shade keeps town ponds alive through dry summers.\n\n\
             1. Introduction\n\nPonds are small waters that towns often drain and fill.\n",
        );
        assert_eq!(ms.abstracts.len(), 1);
        assert!(ms.abstracts[0].heading.is_none());
        assert!(ms.abstracts[0].text.as_str().starts_with("Objective:"));
        // Without its results label the same paragraph is body text.
        let ms = detect_text(
            "Ponds in Towns\n\nObjective: To learn how long town ponds hold water through a dry \
             summer and why. Methods: We visited forty ponds every week and measured them.\n",
        );
        assert!(ms.abstracts.is_empty());
    }

    #[test]
    fn letterless_fragments_open_no_reference_list() {
        let cands = vec![
            candidate("> 0"),
            candidate("—"),
            candidate("Okafor C. 2019."),
        ];
        assert_eq!(letterless_lead(&cands), 2);
    }

    #[test]
    fn abstracts_sorted_into_document_order_keep_their_candidates() {
        let source = "First abstract text here. Second abstract text here.";
        let first = MappedText::from_source(source, 0..25);
        let second = MappedText::from_source(source, 26..source.len());
        let mut ms = Manuscript::default();
        ms.abstracts
            .push(make_abstract(None, vec!["en"], second.clone()));
        ms.abstracts
            .push(make_abstract(None, vec!["en"], first.clone()));
        let mut cands = vec![
            Candidate {
                role: Role::Abstract(1),
                ..candidate("x")
            },
            Candidate {
                role: Role::Abstract(0),
                ..candidate("y")
            },
        ];
        sort_abstracts(&mut cands, &mut ms);
        assert_eq!(ms.abstracts[0].text, first);
        assert_eq!(ms.abstracts[1].text, second);
        assert_eq!(cands[0].role, Role::Abstract(0));
        assert_eq!(cands[1].role, Role::Abstract(1));
    }

    #[test]
    fn a_long_quotation_in_another_language_is_its_own_unit() {
        let source = "The minister wrote: “Bu çalışmada güvenlik politikalarının neye elverdiği ve hangi önlemlerin alınabileceği ele alınacaktır.” The committee agreed with this reading of the law.";
        let text = MappedText::from_source(source, 0..source.len());
        let pieces = split_foreign_quotations(&text, Some("en"));
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[1].1, Some("tr"));
        assert!(pieces[1].0.as_str().starts_with("Bu çalışmada"));
        assert_eq!(pieces[2].1, Some("en"));
        let short = MappedText::from_source("He said “merci” twice.", 0..24);
        assert_eq!(split_foreign_quotations(&short, Some("en")).len(), 1);
    }
}
