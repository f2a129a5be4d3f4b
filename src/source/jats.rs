//! The JATS XML reader: an `<article>` to blocks of prose and explicit metadata.
//!
//! The shown text is the XML file itself, so a diagnostic gives the line of the XML. Prose is the
//! character data inside elements, each run mapped to its exact byte range; entity and character
//! references are decoded and kept as synthetic text, and white space that wraps lines becomes a
//! single synthetic space. From the front matter only `article-title` (the title), `abstract` and
//! `trans-abstract` (with their `xml:lang`) and `kwd-group` (with theirs) are read; `sec/title`
//! gives headings by depth, `p` paragraphs, each table cell a block of its own, `ref-list` the
//! reference entries keyed by `ref/@id`, and `xref ref-type="bibr"` the keyed citations (two
//! numbered xrefs joined by a dash, "8–10", cite every entry from the first to the last).
//!
//! A `<sub-article article-type="translation">` is the article in another language: its
//! `front-stub` abstracts and keyword lists are the article's, in the sub-article's language
//! unless they declare their own, its title is a heading and its body is prose; its citations
//! point at the main article's reference list. A `reply` sub-article to a letter or a commentary
//! (`article-type="letter"`: the letter and the authors' reply, published together) is part of
//! the document: its title is a heading, its body prose and its reference list entries of the
//! document's own. A reply's citations and entries are its own: their keys are given the reply's
//! `id` (`s1/B5`), so that a citation in the letter that points into the reply's list, or one in
//! the reply that points into the letter's, is reported as not in the reference list. Any other
//! sub-article (reviewer reports, decision letters, an author response
//! to a decision letter) and `response` is another document and is not read. Every
//! `xml:lang` on the article, an abstract, a keyword list or a translation is kept with its span
//! ([`DeclaredLanguage`]) so that rules can compare it with the text.
//!
//! Tags, attributes, formulas (`tex-math`, `mml:math`), `code`, labels, e-mail addresses,
//! identifiers and link targets must never reach prose. Entities are never expanded: a DOCTYPE declaring its own is an error, as is
//! nesting deeper than [`MAX_DEPTH`](super::xml::MAX_DEPTH) or a root element other than
//! `article`.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::xml::{self, MAX_DEPTH, PLACEHOLDER, attribute, qualified_attribute};
use super::{
    Block, BlockKind, DeclaredFor, DeclaredLanguage, Document, KeyedCitation, KeyedEntry,
    MappedText, MetaKeywords, MetaText, Metadata, ReadError,
};

/// Elements that hold sections, so that a `title` in them is a heading.
const SECTIONING: &[&str] = &["sec", "ack", "app", "app-group", "glossary", "notes", "bio"];

/// Elements whose content is never prose; an inline one leaves a placeholder behind.
const NOT_PROSE: &[&str] = &[
    "tex-math",
    "math",
    "inline-formula",
    "disp-formula",
    "code",
    "preformat",
    "ext-link",
    "uri",
    "graphic",
    "inline-graphic",
    "media",
    "label",
    "object-id",
    "private-char",
    "email",
];

/// Elements that are identifiers: kept in a reference entry (a DOI helps read it), never prose.
const IDENTIFIERS: &[&str] = &["pub-id", "isbn", "issn"];

/// Sub-article types that are the article itself in another language; every other sub-article
/// (reviewer and editor reports, decision letters, author responses, community comments) is a
/// document of its own published alongside.
const TRANSLATION_TYPES: &[&str] = &["translation"];

/// Article types whose `reply` sub-articles are read with them: correspondence published with
/// its answer. (An eLife `reply` answers a decision letter in a research article: not read.)
const ANSWERED_TYPES: &[&str] = &[
    "letter",
    "correspondence",
    "article-commentary",
    "commentary",
    "discussion",
];

/// What an open sub-article that is read is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SubArticle {
    Translation,
    /// The reply to a letter or a commentary, with its `id` (or its place among the replies).
    Reply(String),
}

/// Dashes that join two numbered citations into a range ("8–10").
const RANGE_DASHES: &[&str] = &["-", "–", "—", "‐", "‑", "−"];

pub(super) fn read(document: &mut Document) -> Result<(), ReadError> {
    let (blocks, metadata) = parse(&document.text).map_err(|message| ReadError { message })?;
    document.blocks = blocks;
    document.metadata = metadata;
    Ok(())
}

/// Where the text of an open collector goes when it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Block(BlockKind),
    Title,
    Abstract,
    Keyword,
    Reference,
    ReferenceHeading,
}

/// What an open element did on the way in, undone on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    Skip,
    Collect,
    Section,
    Container,
    Abstract,
    KeywordGroup,
    Ref,
    Citation,
    BibXref,
    SubArticle,
}

struct Frame {
    local: String,
    effect: Effect,
    /// Index into the metadata's declared languages of the declaration this element made.
    declared: Option<usize>,
}

/// A bibliographic xref as written: its citation's index, where it starts and ends, and the
/// number it shows ("8"), so that two of them joined by a dash can be read as a range.
#[derive(Clone)]
struct WrittenXref {
    citation: usize,
    span: Range<usize>,
    number: Option<u32>,
}

struct Collector {
    dest: Dest,
    text: MappedText,
}

struct Parser<'a> {
    source: &'a str,
    stack: Vec<Frame>,
    skip: usize,
    sections: usize,
    containers: Vec<BlockKind>,
    collectors: Vec<Collector>,
    blocks: Vec<Block>,
    metadata: Metadata,
    /// Language of the article, then of each open sub-article that is read.
    languages: Vec<Option<String>>,
    /// What each open sub-article that is read is, outermost first.
    sub_articles: Vec<SubArticle>,
    /// The article's `article-type`, lowercased.
    article_type: Option<String>,
    abstract_open: bool,
    keyword_group: Option<MetaKeywords>,
    reference: Option<(Option<String>, MappedText)>,
    /// Stack depth of an open `element-citation`, whose parts need separators.
    element_citation: Option<usize>,
    /// An element just closed inside an `element-citation` and no text followed yet.
    just_closed: bool,
    /// The fields of the open `element-citation` (element name, text), rendered in APA order
    /// when it closes.
    citation_fields: Vec<(String, MappedText)>,
    /// Open bibliographic cross-references: keys, where the start tag starts and ends.
    xrefs: Vec<(Vec<String>, usize, usize)>,
    /// The last bibliographic xref, and pairs of xrefs joined by a dash (indices of citations).
    last_xref: Option<WrittenXref>,
    ranges: Vec<(WrittenXref, WrittenXref)>,
    /// Whether the open `ref` has its entry as typed (a `mixed-citation`).
    reference_typed: bool,
    /// Inside a `mixed-citation`: the element that just closed, if no text followed it yet, so
    /// that abutting parts ("<surname>Ng</surname><given-names>A</given-names>") get a separator.
    mixed_closed: Option<String>,
}

fn line_of(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    source.as_bytes()[..offset]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn parse(source: &str) -> Result<(Vec<Block>, Metadata), String> {
    let mut reader = Reader::from_str(source);
    let mut parser = Parser {
        source,
        stack: Vec::new(),
        skip: 0,
        sections: 0,
        containers: Vec::new(),
        collectors: Vec::new(),
        blocks: Vec::new(),
        metadata: Metadata::default(),
        languages: Vec::new(),
        sub_articles: Vec::new(),
        article_type: None,
        abstract_open: false,
        keyword_group: None,
        reference: None,
        element_citation: None,
        just_closed: false,
        citation_fields: Vec::new(),
        xrefs: Vec::new(),
        last_xref: None,
        ranges: Vec::new(),
        mixed_closed: None,
        reference_typed: false,
    };
    let mut seen_root = false;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let at = reader.error_position() as usize;
            format!("not well-formed XML at line {}: {e}", line_of(source, at))
        })?;
        let after = reader.buffer_position() as usize;
        let is_start = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) if !seen_root => {
                seen_root = true;
                let local = e.local_name().as_ref().to_string();
                if local != "article" {
                    return Err(format!(
                        "not a JATS article: the root element is <{}>, not <article>",
                        e.name().as_ref()
                    ));
                }
                let language = declared_language(&e);
                parser.article_type =
                    attribute(&e, "article-type").map(|t| t.trim().to_ascii_lowercase());
                parser.metadata.language = language.clone();
                parser.languages.push(language);
                let declared = parser.declare(&e, before..after, DeclaredFor::Document);
                if is_start {
                    parser.stack.push(Frame {
                        local,
                        effect: Effect::None,
                        declared,
                    });
                }
            }
            Event::Start(e) => {
                if parser.stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "at line {}: {}",
                        line_of(source, before),
                        xml::too_deep()
                    ));
                }
                let declarations = parser.metadata.declared_languages.len();
                let effect = parser.start(&e, before..after, false);
                let declared = (parser.metadata.declared_languages.len() > declarations)
                    .then_some(declarations);
                parser.stack.push(Frame {
                    local: e.local_name().as_ref().to_string(),
                    effect,
                    declared,
                });
            }
            Event::Empty(e) => {
                parser.start(&e, before..after, true);
                parser.just_closed = true;
            }
            Event::End(_) => {
                if let Some(frame) = parser.stack.pop() {
                    parser.end(frame, before..after);
                }
            }
            Event::Text(t) => {
                let content = t.into_inner();
                parser.text(before..after, &content);
            }
            Event::CData(t) => {
                let content = t.into_inner();
                // `<![CDATA[` is 9 bytes and `]]>` 3.
                let inner = before + 9..after.saturating_sub(3);
                parser.text(inner, &content);
            }
            Event::GeneralRef(r) => {
                let resolved = xml::resolve_reference(&r);
                parser.synthetic(resolved.as_deref().unwrap_or(PLACEHOLDER));
            }
            Event::DocType(d) => xml::check_doctype(&d)?,
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err("not a JATS article: the file has no <article> element".into());
    }
    while let Some(frame) = parser.stack.pop() {
        parser.end(frame, source.len()..source.len());
    }
    parser.expand_ranges();
    Ok((parser.blocks, parser.metadata))
}

/// The `xml:lang` of an element, lowercased; none when absent or empty.
fn declared_language(e: &BytesStart<'_>) -> Option<String> {
    qualified_attribute(e, "xml:lang")
        .map(|l| l.trim().to_ascii_lowercase())
        .filter(|l| !l.is_empty())
}

/// The span of the value of attribute `name` inside the start tag at `tag`.
fn attribute_value_span(source: &str, tag: &Range<usize>, name: &str) -> Option<Range<usize>> {
    let text = source.get(tag.clone())?;
    let mut search = 0;
    while let Some(found) = text[search..].find(name) {
        let at = search + found;
        search = at + name.len();
        let before_ok = text[..at].ends_with(char::is_whitespace);
        let rest = text[search..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let after_eq = rest[1..].trim_start();
        let quote = after_eq
            .chars()
            .next()
            .filter(|q| *q == '"' || *q == '\'')?;
        let value_start = text.len() - after_eq.len() + 1;
        let value_len = text[value_start..].find(quote)?;
        return Some(tag.start + value_start..tag.start + value_start + value_len);
    }
    None
}

/// The number an xref shows ("8", "[8]", "8,"), reading its source with tags removed.
fn shown_number(source: &str) -> Option<u32> {
    without_tags(source)
        .trim()
        .trim_matches(|c: char| "[](),;".contains(c))
        .parse()
        .ok()
}

/// An entry without the stray punctuation some typesetters leave before it (". Castro HA").
fn without_leading_punctuation(text: &MappedText) -> MappedText {
    let s = text.as_str();
    let rest = s.trim_start_matches(|c: char| c.is_whitespace() || ".,;:".contains(c));
    text.slice(s.len() - rest.len()..s.len())
}

/// Source text with its tags removed.
fn without_tags(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_tag = false;
    for c in source.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

impl Parser<'_> {
    /// A citation or entry key as the reply being read (if any) scopes it: `s1/B5`.
    fn scoped(&self, key: &str) -> String {
        match self.sub_articles.iter().rev().find_map(|s| match s {
            SubArticle::Reply(id) => Some(id),
            SubArticle::Translation => None,
        }) {
            Some(id) => format!("{id}/{key}"),
            None => key.to_string(),
        }
    }

    fn parent(&self) -> &str {
        self.stack.last().map_or("", |f| f.local.as_str())
    }

    /// The language of the article or translation being read.
    fn language(&self) -> Option<String> {
        self.languages.last().cloned().flatten()
    }

    /// Keeps the `xml:lang` an element declares, if any; its scope ends when the element does.
    fn declare(
        &mut self,
        e: &BytesStart<'_>,
        tag: Range<usize>,
        element: DeclaredFor,
    ) -> Option<usize> {
        let code = declared_language(e)?;
        let value_span = attribute_value_span(self.source, &tag, "xml:lang")?;
        self.metadata.declared_languages.push(DeclaredLanguage {
            code,
            element,
            value_span,
            scope: tag.start..self.source.len(),
        });
        Some(self.metadata.declared_languages.len() - 1)
    }

    /// In a `mixed-citation`, parts that abut with no text between them get a separator: a comma
    /// between two names ("Ng A, Bo C"), a space elsewhere ("Ng A" from surname and given names).
    fn separate_mixed_citation_part(&mut self, local: &str) {
        let Some(previous) = self.mixed_closed.take() else {
            return;
        };
        let Some(collector) = self.collectors.last_mut() else {
            return;
        };
        if collector.dest != Dest::Reference || collector.text.is_empty() {
            return;
        }
        if previous == "name" && matches!(local, "name" | "etal" | "collab") {
            collector.text = collector.text.trimmed();
            collector.text.push_synthetic(", ");
        } else if !collector.text.as_str().ends_with(char::is_whitespace) {
            collector.text.push_synthetic(" ");
        }
    }

    /// Remembers a bibliographic xref as written, and pairs it with the one before when only a
    /// dash stands between them.
    fn record_xref(&mut self, citation: usize, span: Range<usize>, content: Range<usize>) {
        let number = self.source.get(content).and_then(shown_number);
        let written = WrittenXref {
            citation,
            span,
            number,
        };
        if let Some(previous) = self.last_xref.take()
            && let Some(gap) = self.source.get(previous.span.end..written.span.start)
            && RANGE_DASHES.contains(&without_tags(gap).trim())
        {
            self.ranges.push((previous, written.clone()));
        }
        self.last_xref = Some(written);
    }

    /// A range "8–10" written as two xrefs cites every entry from the first to the last: the
    /// entries between are added to the second citation when the list has them in that order
    /// and, where both ends show numbers, as many of them as the numbers say.
    fn expand_ranges(&mut self) {
        let position = |key: &str| {
            self.metadata
                .references
                .iter()
                .position(|r| r.key.as_deref() == Some(key))
        };
        let mut additions: Vec<(usize, Vec<String>)> = Vec::new();
        for (first, last) in &self.ranges {
            let citations = &self.metadata.citations;
            let (Some(from), Some(to)) = (
                citations[first.citation].keys.last(),
                citations[last.citation].keys.first(),
            ) else {
                continue;
            };
            let (Some(from), Some(to)) = (position(from), position(to)) else {
                continue;
            };
            if to <= from + 1 {
                continue;
            }
            if let (Some(a), Some(b)) = (first.number, last.number)
                && b.checked_sub(a) != u32::try_from(to - from).ok()
            {
                continue;
            }
            let between: Vec<String> = self.metadata.references[from + 1..to]
                .iter()
                .filter_map(|r| r.key.clone())
                .collect();
            additions.push((last.citation, between));
        }
        for (citation, mut keys) in additions {
            let cited = &mut self.metadata.citations[citation].keys;
            keys.append(cited);
            *cited = keys;
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, tag: Range<usize>, empty: bool) -> Effect {
        if self.skip > 0 {
            return Effect::None;
        }
        let local = e.local_name().as_ref().to_string();
        if self.element_citation.is_some() {
            // Each element of a structured citation is a field of its own.
            self.just_closed = true;
        }
        let parent = self.parent().to_string();

        // Front matter: only the title, abstracts and keyword lists are read; of a reply's, only
        // its title (its abstract and keywords would not be the article's).
        let skip_front = match parent.as_str() {
            "front" => local != "article-meta",
            "front-stub" if matches!(self.sub_articles.last(), Some(SubArticle::Reply(_))) => {
                local != "title-group"
            }
            "article-meta" | "front-stub" => !matches!(
                local.as_str(),
                "title-group" | "abstract" | "trans-abstract" | "kwd-group"
            ),
            "title-group" => local != "article-title",
            _ => false,
        };
        if skip_front || local == "journal-meta" {
            return self.skip(empty, false);
        }
        let in_reference = self.reference.is_some();
        if NOT_PROSE.contains(&local.as_str())
            || IDENTIFIERS.contains(&local.as_str()) && !in_reference
        {
            let inline = local != "label" && local != "disp-formula";
            return self.skip(empty, inline);
        }
        if in_reference && self.element_citation.is_none() {
            self.separate_mixed_citation_part(&local);
        }
        match local.as_str() {
            "break" => {
                self.synthetic("\n");
                Effect::None
            }
            "sub-article" | "response" => {
                let kind = attribute(e, "article-type").map(|t| t.trim().to_ascii_lowercase());
                let answered = self
                    .article_type
                    .as_deref()
                    .is_some_and(|t| ANSWERED_TYPES.contains(&t));
                let read = match kind.as_deref() {
                    Some(t) if local == "sub-article" && TRANSLATION_TYPES.contains(&t) => {
                        Some(SubArticle::Translation)
                    }
                    Some("reply") if local == "sub-article" && answered => {
                        let count = self
                            .sub_articles
                            .iter()
                            .filter(|s| matches!(s, SubArticle::Reply(_)))
                            .count();
                        let id = attribute(e, "id")
                            .map(|id| id.trim().to_string())
                            .filter(|id| !id.is_empty())
                            .unwrap_or_else(|| format!("reply{}", count + 1));
                        Some(SubArticle::Reply(id))
                    }
                    _ => None,
                };
                let Some(read) = read else {
                    return self.skip(empty, false);
                };
                let language = declared_language(e).or_else(|| self.language());
                if read == SubArticle::Translation {
                    self.declare(e, tag, DeclaredFor::Translation);
                }
                if empty {
                    return Effect::None;
                }
                self.languages.push(language);
                self.sub_articles.push(read);
                Effect::SubArticle
            }
            "etal" if in_reference && self.element_citation.is_none() => {
                self.synthetic("et al.");
                Effect::None
            }
            _ if empty => {
                if local == "xref" {
                    self.bib_xref(e, tag.clone(), tag.end);
                }
                Effect::None
            }
            "sec" | "ack" | "app" | "app-group" | "glossary" | "notes" | "bio" => {
                self.sections += 1;
                Effect::Section
            }
            "list-item" => self.container(BlockKind::ListItem),
            "disp-quote" => self.container(BlockKind::Quote),
            "fn" => self.container(BlockKind::Footnote),
            "caption" | "table-wrap-foot" => self.container(BlockKind::Caption),
            // Graphical and table-of-contents abstracts are not the abstract a journal's word
            // limit is about.
            "abstract" | "trans-abstract"
                if matches!(
                    attribute(e, "abstract-type").as_deref(),
                    Some("graphical" | "teaser" | "toc")
                ) =>
            {
                self.skip(false, false)
            }
            "abstract" | "trans-abstract" => {
                self.declare(e, tag, DeclaredFor::Abstract);
                let language = declared_language(e).or_else(|| self.language());
                self.metadata.abstracts.push(MetaText {
                    language,
                    text: MappedText::new(),
                });
                self.abstract_open = true;
                Effect::Abstract
            }
            "kwd-group" => {
                self.declare(e, tag.clone(), DeclaredFor::Keywords);
                let language = declared_language(e).or_else(|| self.language());
                self.keyword_group = Some(MetaKeywords {
                    language,
                    key_span: tag,
                    items: Vec::new(),
                });
                Effect::KeywordGroup
            }
            "kwd" | "compound-kwd" if self.keyword_group.is_some() => self.collect(Dest::Keyword),
            // A translation's title heads the translated text.
            "article-title" if parent == "title-group" && self.languages.len() > 1 => {
                self.collect(Dest::Block(BlockKind::Heading(1)))
            }
            "article-title" if parent == "title-group" => self.collect(Dest::Title),
            // A translation that repeats the reference list repeats the main article's entries
            // (a reply's list, even inside a translation, is its own).
            "ref-list"
                if self.sub_articles.last() == Some(&SubArticle::Translation)
                    && !self.metadata.references.is_empty() =>
            {
                self.skip(false, false)
            }
            "ref-list" => {
                let at = self.metadata.references.len();
                let starts = &mut self.metadata.reference_list_starts;
                if at > 0 && starts.last() != Some(&at) {
                    starts.push(at);
                }
                Effect::None
            }
            "ref" => {
                let key = attribute(e, "id").map(|id| self.scoped(&id));
                self.reference = Some((key, MappedText::new()));
                self.reference_typed = false;
                Effect::Ref
            }
            "mixed-citation" | "element-citation" | "citation" | "nlm-citation"
                if self.reference.is_some() =>
            {
                // A `ref` often gives its entry twice, as typed (`mixed-citation`) and as data
                // (`element-citation`): the typed one is the author's, the data a duplicate.
                let structured = local == "element-citation";
                if structured && self.reference_typed {
                    return self.skip(false, false);
                }
                if !structured {
                    if !self.reference_typed
                        && let Some((_, text)) = self.reference.as_mut()
                    {
                        *text = MappedText::new();
                    }
                    self.reference_typed = true;
                }
                if structured {
                    self.element_citation = Some(self.stack.len() + 1);
                    self.citation_fields.clear();
                    self.just_closed = false;
                }
                self.collect(Dest::Reference);
                Effect::Citation
            }
            "title" => {
                let dest = if self.abstract_open {
                    if parent == "abstract" || parent == "trans-abstract" {
                        return self.skip(false, false);
                    }
                    Dest::Abstract
                } else {
                    match parent.as_str() {
                        "ref-list" => Dest::ReferenceHeading,
                        "kwd-group" => return self.skip(false, false),
                        p if SECTIONING.contains(&p) || p == "fn-group" => {
                            let level = self.sections.clamp(1, 9) as u8;
                            Dest::Block(BlockKind::Heading(level))
                        }
                        _ => Dest::Block(
                            self.containers
                                .last()
                                .copied()
                                .unwrap_or(BlockKind::Paragraph),
                        ),
                    }
                };
                self.collect(dest)
            }
            "p" | "td" | "th" | "term" | "verse-line" | "attrib" => {
                let dest = if self.abstract_open {
                    Dest::Abstract
                } else if local == "td" || local == "th" {
                    Dest::Block(BlockKind::TableCell)
                } else {
                    Dest::Block(
                        self.containers
                            .last()
                            .copied()
                            .unwrap_or(BlockKind::Paragraph),
                    )
                };
                self.collect(dest)
            }
            "xref" => {
                if self.bib_xref(e, tag.clone(), tag.end) {
                    Effect::BibXref
                } else {
                    Effect::None
                }
            }
            _ => Effect::None,
        }
    }

    /// Opens a bibliographic cross-reference; whether it was one.
    fn bib_xref(&mut self, e: &BytesStart<'_>, tag: Range<usize>, content_start: usize) -> bool {
        if attribute(e, "ref-type").as_deref() != Some("bibr") {
            return false;
        }
        let keys: Vec<String> = attribute(e, "rid")
            .unwrap_or_default()
            .split_whitespace()
            .map(|key| self.scoped(key))
            .collect();
        if tag.end == content_start
            && self
                .source
                .get(tag.clone())
                .is_some_and(|t| t.ends_with("/>"))
        {
            self.metadata.citations.push(KeyedCitation {
                keys,
                span: tag.clone(),
            });
            self.record_xref(
                self.metadata.citations.len() - 1,
                tag.clone(),
                tag.end..tag.end,
            );
            return false;
        }
        self.xrefs.push((keys, tag.start, content_start));
        true
    }

    fn skip(&mut self, empty: bool, inline: bool) -> Effect {
        if inline {
            self.synthetic(PLACEHOLDER);
        }
        if empty {
            Effect::None
        } else {
            self.skip += 1;
            Effect::Skip
        }
    }

    fn container(&mut self, kind: BlockKind) -> Effect {
        self.containers.push(kind);
        Effect::Container
    }

    /// Opens a collector; text of an enclosing one so far is delivered first, so that a list
    /// inside a paragraph does not glue the paragraph's two halves together.
    fn collect(&mut self, dest: Dest) -> Effect {
        if let Some(outer) = self.collectors.last_mut() {
            let text = std::mem::take(&mut outer.text);
            let outer_dest = outer.dest;
            self.deliver(outer_dest, text);
        }
        self.collectors.push(Collector {
            dest,
            text: MappedText::new(),
        });
        Effect::Collect
    }

    fn end(&mut self, frame: Frame, tag: Range<usize>) {
        if self.element_citation.is_some() {
            self.just_closed = true;
        } else if self.reference.is_some() && self.skip == 0 {
            self.mixed_closed = Some(frame.local.clone());
        }
        if let Some(index) = frame.declared
            && let Some(declaration) = self.metadata.declared_languages.get_mut(index)
        {
            declaration.scope.end = tag.end;
        }
        match frame.effect {
            Effect::SubArticle => {
                self.languages.pop();
                self.sub_articles.pop();
            }
            Effect::None => {}
            Effect::Skip => self.skip = self.skip.saturating_sub(1),
            Effect::Section => self.sections = self.sections.saturating_sub(1),
            Effect::Container => {
                self.containers.pop();
            }
            Effect::Collect | Effect::Citation => {
                if frame.effect == Effect::Citation && frame.local == "element-citation" {
                    self.element_citation = None;
                    self.just_closed = false;
                    let fields = std::mem::take(&mut self.citation_fields);
                    if let Some(collector) = self.collectors.last_mut() {
                        collector.text.append(&render_element_citation(&fields));
                    }
                }
                if let Some(collector) = self.collectors.pop() {
                    self.deliver(collector.dest, collector.text);
                }
            }
            Effect::Abstract => self.abstract_open = false,
            Effect::KeywordGroup => {
                if let Some(group) = self.keyword_group.take() {
                    self.metadata.keywords.push(group);
                }
            }
            Effect::Ref => {
                if let Some((key, text)) = self.reference.take() {
                    let text = without_leading_punctuation(&text.trimmed());
                    if !text.is_empty() {
                        self.metadata.references.push(KeyedEntry { key, text });
                    }
                }
            }
            Effect::BibXref => {
                if let Some((keys, start, content_start)) = self.xrefs.pop() {
                    let span = if content_start < tag.start
                        && !self.source[content_start..tag.start].trim().is_empty()
                    {
                        content_start..tag.start
                    } else {
                        start..tag.end
                    };
                    self.metadata.citations.push(KeyedCitation { keys, span });
                    let citation = self.metadata.citations.len() - 1;
                    self.record_xref(citation, start..tag.end, content_start..tag.start);
                }
            }
        }
    }

    fn deliver(&mut self, dest: Dest, text: MappedText) {
        let text = text.trimmed();
        if text.is_empty() {
            return;
        }
        let join = |into: &mut MappedText, separator: &str, text: &MappedText| {
            if !into.is_empty() {
                into.push_synthetic(separator);
            }
            into.append(text);
        };
        match dest {
            Dest::Block(kind) => self.blocks.push(Block { kind, text }),
            Dest::Title => match &mut self.metadata.title {
                Some(title) => join(title, " ", &text),
                None => self.metadata.title = Some(text),
            },
            Dest::Abstract => {
                if let Some(abs) = self.metadata.abstracts.last_mut() {
                    join(&mut abs.text, "\n", &text);
                }
            }
            Dest::Keyword => {
                if let Some(group) = self.keyword_group.as_mut() {
                    group.items.push(text);
                }
            }
            Dest::Reference => {
                if let Some((_, entry)) = self.reference.as_mut() {
                    join(entry, " ", &text);
                }
            }
            Dest::ReferenceHeading => self.metadata.reference_heading = Some(text),
        }
    }

    /// Character data at `range` of the source; `content` is what quick-xml read there.
    fn text(&mut self, range: Range<usize>, content: &str) {
        if self.skip > 0 {
            return;
        }
        let in_element_citation = self.element_citation.is_some();
        let Some(collector) = self.collectors.last_mut() else {
            return;
        };
        if in_element_citation {
            if content.trim().is_empty() {
                return;
            }
            let name = self
                .stack
                .last()
                .map(|f| f.local.clone())
                .unwrap_or_default();
            if self.just_closed || self.citation_fields.last().is_none_or(|(n, _)| *n != name) {
                self.citation_fields.push((name, MappedText::new()));
            }
            self.just_closed = false;
            let field = &mut self.citation_fields.last_mut().expect("just pushed").1;
            if self.source.get(range.clone()) == Some(content) {
                let lead = content.len() - content.trim_start().len();
                let trail = content.trim_end().len();
                if !field.is_empty() {
                    field.push_synthetic(" ");
                }
                field.push_source(self.source, range.start + lead..range.start + trail);
            } else {
                field.push_synthetic(collapse_whitespace(content).trim());
            }
            return;
        }
        self.just_closed = false;
        if !content.trim().is_empty() {
            self.mixed_closed = None;
        }
        if self.source.get(range.clone()) != Some(content) {
            collector.text.push_synthetic(&collapse_whitespace(content));
            return;
        }
        // A file that puts each inline element on a line of its own ("<italic>term</italic>",
        // newline, "; and") has line-wrapping white space between the element and the
        // punctuation that follows it: layout of the XML, not a space the author typed.
        let lead = content.len() - content.trim_start().len();
        let (content, range) = if content[..lead].contains('\n')
            && content[lead..].starts_with([',', '.', ';', ':', '!', '?', ')'])
        {
            (&content[lead..], range.start + lead..range.end)
        } else {
            (content, range)
        };
        // Runs of white space that wrap a line become one space; single spaces map as they are.
        let mut run_start = range.start;
        let mut chars = content.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let at = range.start + i;
            if !c.is_whitespace() {
                continue;
            }
            let mut end = at + c.len_utf8();
            while let Some((j, next)) = chars.peek().copied()
                && next.is_whitespace()
            {
                end = range.start + j + next.len_utf8();
                chars.next();
            }
            collector.text.push_source(self.source, run_start..at);
            if &self.source[at..end] == " " {
                collector.text.push_source(self.source, at..end);
            } else {
                collector.text.push_synthetic(" ");
            }
            run_start = end;
        }
        collector
            .text
            .push_source(self.source, run_start..range.end);
    }

    fn synthetic(&mut self, piece: &str) {
        if self.skip > 0 {
            return;
        }
        if let Some(collector) = self.collectors.last_mut() {
            collector.text.push_synthetic(piece);
            self.just_closed = false;
            // A decoded reference (`&#x2013;`) is text between two parts.
            if !piece.trim().is_empty() {
                self.mixed_closed = None;
            }
        }
    }
}

/// A structured `element-citation` written out as an APA 7 entry: "Surname, G. G., & Other, A.
/// (2020). Title. Source, 12(3), 1–9. https://doi.org/…". Field text stays mapped to the XML;
/// the punctuation between fields is synthetic.
fn render_element_citation(fields: &[(String, MappedText)]) -> MappedText {
    let mut authors: Vec<MappedText> = Vec::new();
    let mut rest: Vec<(&str, &MappedText)> = Vec::new();
    for (name, text) in fields {
        match name.as_str() {
            "surname" | "collab" => authors.push(text.clone()),
            "given-names" => {
                if let Some(author) = authors.last_mut() {
                    author.push_synthetic(", ");
                    let initials: Vec<String> = text
                        .as_str()
                        .split(|c: char| c.is_whitespace() || c == '.' || c == '-')
                        .filter_map(|part| part.chars().next())
                        .map(|c| format!("{c}."))
                        .collect();
                    author.push_synthetic(&initials.join(" "));
                }
            }
            "etal" => {}
            _ => rest.push((name.as_str(), text)),
        }
    }
    let field = |wanted: &[&str]| {
        rest.iter()
            .find(|(n, _)| wanted.contains(n))
            .map(|(_, t)| *t)
    };
    let mut out = MappedText::new();
    for (i, author) in authors.iter().enumerate() {
        if i > 0 {
            out.push_synthetic(if i + 1 == authors.len() { ", & " } else { ", " });
        }
        out.append(author);
    }
    if let Some(year) = field(&["year"]) {
        out.push_synthetic(if authors.is_empty() { "(" } else { " (" });
        out.append(year);
        out.push_synthetic(").");
    }
    let sentence = |out: &mut MappedText, text: &MappedText| {
        out.push_synthetic(" ");
        out.append(text);
        if !text.as_str().ends_with(['.', '?', '!']) {
            out.push_synthetic(".");
        }
    };
    if let Some(title) = field(&["article-title", "chapter-title", "data-title"]) {
        sentence(&mut out, title);
    }
    if let Some(source) = field(&["source"]) {
        out.push_synthetic(" ");
        out.append(source);
        if let Some(volume) = field(&["volume"]) {
            out.push_synthetic(", ");
            out.append(volume);
        }
        if let Some(issue) = field(&["issue"]) {
            out.push_synthetic("(");
            out.append(issue);
            out.push_synthetic(")");
        }
        if let Some(first) = field(&["fpage", "elocation-id"]) {
            out.push_synthetic(", ");
            out.append(first);
            if let Some(last) = field(&["lpage"]) {
                out.push_synthetic("–");
                out.append(last);
            }
        }
        out.push_synthetic(".");
    }
    if let Some(publisher) = field(&["publisher-name"]) {
        sentence(&mut out, publisher);
    }
    if let Some(id) = field(&["pub-id", "ext-link", "uri"]) {
        out.push_synthetic(if id.as_str().starts_with("10.") {
            " https://doi.org/"
        } else {
            " "
        });
        out.append(id);
    }
    out
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::source::{BlockKind, DeclaredFor, Document, Format, read_text};

    fn read(source: &str) -> Document {
        read_text("a.xml", Format::Jats, source.into()).unwrap()
    }

    fn error(source: &str) -> String {
        read_text("a.xml", Format::Jats, source.into())
            .unwrap_err()
            .message
    }

    const ARTICLE: &str = r#"<?xml version="1.0"?>
<article xml:lang="en" xmlns:mml="http://www.w3.org/1998/Math/MathML" xmlns:xlink="http://www.w3.org/1999/xlink">
<front><journal-meta><journal-title>Not Prose</journal-title></journal-meta>
<article-meta><title-group><article-title>Ponds &amp; Algae</article-title><subtitle>not this</subtitle></title-group>
<contrib-group><contrib><name><surname>Nobody</surname></name></contrib></contrib-group>
<abstract><title>Abstract</title><p>First part.</p><p>Second
    part.</p></abstract>
<trans-abstract xml:lang="pt"><title>Resumo</title><p>Parte única.</p></trans-abstract>
<abstract abstract-type="graphical"><p>A drawing of a pond.</p></abstract>
<kwd-group xml:lang="en"><title>Keywords</title><kwd>ponds</kwd><kwd>algae</kwd></kwd-group>
<kwd-group xml:lang="pt"><kwd>lagoas</kwd><kwd>algas</kwd></kwd-group>
</article-meta></front>
<body><sec><label>1</label><title>Intro</title>
<p>Algae grow <xref ref-type="bibr" rid="r1 r2">(Ng, 2001; Bo, 2002)</xref> where <inline-formula><tex-math>x^2</tex-math></inline-formula> light &#x2014; see <ext-link xlink:href="http://x.org">http://x.org</ext-link> and <code>let x</code>.</p>
<sec><title>Deeper</title><p>Nested <mml:math><mml:mi>y</mml:mi></mml:math> text
    wraps here.</p>
<list><list-item><p>an item</p></list-item></list>
<fig><label>Figure 1</label><caption><title>A caption</title></caption></fig></sec></sec>
<table-wrap><table><tr><td>cell</td></tr></table></table-wrap>
</body>
<back><ref-list><title>References</title>
<ref id="r1"><label>1.</label><mixed-citation>Ng, A. (2001). <article-title>Ponds</article-title>. <source>Lakes</source>.</mixed-citation></ref>
<ref id="r2"><element-citation><person-group><name><surname>Bo</surname><given-names>C</given-names></name></person-group><year>2002</year><source>Algae</source><fpage>1</fpage><lpage>9</lpage></element-citation></ref>
</ref-list></back></article>
"#;

    #[test]
    fn front_matter_gives_title_abstracts_and_keywords_with_languages() {
        let doc = read(ARTICLE);
        let meta = &doc.metadata;
        let title = meta.title.as_ref().unwrap();
        assert_eq!(title.as_str(), "Ponds & Algae");
        assert_eq!(&ARTICLE[title.to_source(0..5)], "Ponds");
        assert_eq!(meta.language.as_deref(), Some("en"));
        let abstracts: Vec<_> = meta
            .abstracts
            .iter()
            .map(|a| (a.language.as_deref(), a.text.as_str()))
            .collect();
        assert_eq!(
            abstracts,
            [
                (Some("en"), "First part.\nSecond part."),
                (Some("pt"), "Parte única.")
            ]
        );
        let second = &meta.abstracts[0].text;
        let at = second.as_str().find("part.").unwrap();
        assert_eq!(&ARTICLE[second.to_source(at..at + 5)], "part.");
        let keywords: Vec<(Option<&str>, Vec<&str>)> = meta
            .keywords
            .iter()
            .map(|k| {
                (
                    k.language.as_deref(),
                    k.items.iter().map(|i| i.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            keywords,
            [
                (Some("en"), vec!["ponds", "algae"]),
                (Some("pt"), vec!["lagoas", "algas"])
            ]
        );
        assert!(ARTICLE[meta.keywords[0].key_span.clone()].starts_with("<kwd-group"));
    }

    #[test]
    fn body_prose_has_no_markup_and_maps_to_the_xml() {
        let doc = read(ARTICLE);
        let blocks: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Heading(1), "Intro"),
                (
                    BlockKind::Paragraph,
                    "Algae grow (Ng, 2001; Bo, 2002) where \u{FFFC} light — see \u{FFFC} and \u{FFFC}."
                ),
                (BlockKind::Heading(2), "Deeper"),
                (BlockKind::Paragraph, "Nested \u{FFFC} text wraps here."),
                (BlockKind::ListItem, "an item"),
                (BlockKind::Caption, "A caption"),
                (BlockKind::TableCell, "cell"),
            ]
        );
        for block in &doc.blocks {
            let text = block.text.as_str();
            assert!(!text.contains('<') && !text.contains("x.org") && !text.contains("let x"));
        }
        let para = &doc.blocks[3].text;
        let at = para.as_str().find("wraps").unwrap();
        assert_eq!(&ARTICLE[para.to_source(at..at + 5)], "wraps");
    }

    #[test]
    fn references_and_citations_are_keyed() {
        let doc = read(ARTICLE);
        let meta = &doc.metadata;
        assert_eq!(
            meta.reference_heading.as_ref().unwrap().as_str(),
            "References"
        );
        let refs: Vec<(Option<&str>, &str)> = meta
            .references
            .iter()
            .map(|r| (r.key.as_deref(), r.text.as_str()))
            .collect();
        assert_eq!(
            refs,
            [
                (Some("r1"), "Ng, A. (2001). Ponds. Lakes."),
                (Some("r2"), "Bo, C. (2002). Algae, 1–9."),
            ]
        );
        assert_eq!(meta.citations.len(), 1);
        assert_eq!(meta.citations[0].keys, ["r1", "r2"]);
        assert_eq!(
            &ARTICLE[meta.citations[0].span.clone()],
            "(Ng, 2001; Bo, 2002)"
        );
    }

    const TRANSLATED: &str = r#"<article xml:lang="pt"><front><article-meta>
<abstract><p>Resumo em português.</p></abstract>
<kwd-group><kwd>lagoas</kwd></kwd-group>
</article-meta></front>
<body><p>Texto <xref ref-type="bibr" rid="r1">1</xref>–<xref ref-type="bibr" rid="r3">3</xref> e <xref ref-type="bibr" rid="r4">4</xref>-<xref ref-type="bibr" rid="r5">5</xref>.</p></body>
<back><ref-list>
<ref id="r1"><mixed-citation>. <person-group><name><surname>Ng</surname><given-names>A</given-names></name><name><surname>Bo</surname><given-names>C</given-names></name><etal/></person-group>: <article-title>Ponds.</article-title><source>Lakes.</source><year>2001</year>;<volume>4</volume>:<fpage>1</fpage>.</mixed-citation>
<element-citation><person-group><name><surname>Ng</surname></name></person-group><year>2001</year></element-citation></ref>
<ref id="r2"><mixed-citation>Two.</mixed-citation></ref>
<ref id="r3"><mixed-citation>Three.</mixed-citation></ref>
<ref id="r4"><mixed-citation>Four.</mixed-citation></ref>
<ref id="r5"><mixed-citation>Five.</mixed-citation></ref>
</ref-list></back>
<sub-article article-type="translation" xml:lang="en"><front-stub>
<title-group><article-title>The translated title</article-title></title-group>
<abstract><p>Abstract in English.</p></abstract>
<kwd-group xml:lang="en-GB"><kwd>ponds</kwd></kwd-group>
</front-stub><body><p>Translated text.</p></body></sub-article>
<sub-article article-type="reviewer-report"><front-stub><abstract><p>Review summary.</p></abstract></front-stub><body><p>Review text.</p></body></sub-article>
<response><body><p>Response text.</p></body></response>
</article>"#;

    #[test]
    fn a_translation_sub_article_adds_abstracts_and_keywords_in_its_language() {
        let meta = read(TRANSLATED).metadata;
        let abstracts: Vec<_> = meta
            .abstracts
            .iter()
            .map(|a| (a.language.as_deref(), a.text.as_str()))
            .collect();
        assert_eq!(
            abstracts,
            [
                (Some("pt"), "Resumo em português."),
                (Some("en"), "Abstract in English.")
            ]
        );
        let keywords: Vec<_> = meta
            .keywords
            .iter()
            .map(|k| k.language.as_deref())
            .collect();
        assert_eq!(keywords, [Some("pt"), Some("en-gb")]);
        assert!(meta.title.is_none(), "a translated title is not the title");
    }

    #[test]
    fn review_sub_articles_and_responses_are_not_read() {
        let doc = read(TRANSLATED);
        let blocks: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Paragraph, "Texto 1–3 e 4-5."),
                (BlockKind::Heading(1), "The translated title"),
                (BlockKind::Paragraph, "Translated text."),
            ]
        );
        assert_eq!(doc.metadata.abstracts.len(), 2);
    }

    #[test]
    fn declared_languages_keep_the_span_of_their_value_and_scope() {
        let meta = read(TRANSLATED).metadata;
        let declared: Vec<(&str, DeclaredFor, &str)> = meta
            .declared_languages
            .iter()
            .map(|d| {
                (
                    d.code.as_str(),
                    d.element,
                    &TRANSLATED[d.value_span.clone()],
                )
            })
            .collect();
        assert_eq!(
            declared,
            [
                ("pt", DeclaredFor::Document, "pt"),
                ("en", DeclaredFor::Translation, "en"),
                ("en-gb", DeclaredFor::Keywords, "en-GB"),
            ]
        );
        let translation = &meta.declared_languages[1].scope;
        assert!(TRANSLATED[translation.clone()].starts_with("<sub-article"));
        assert!(TRANSLATED[translation.clone()].ends_with("</sub-article>"));
    }

    #[test]
    fn a_dash_between_numbered_xrefs_cites_the_entries_between() {
        let meta = read(TRANSLATED).metadata;
        let keys: Vec<Vec<&str>> = meta
            .citations
            .iter()
            .map(|c| c.keys.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(keys, [vec!["r1"], vec!["r2", "r3"], vec!["r4"], vec!["r5"]]);
        // Numbers that disagree with the list's order leave the range alone.
        let odd = TRANSLATED.replace(">3</xref>", ">7</xref>");
        let meta = read(&odd).metadata;
        assert_eq!(meta.citations[1].keys, ["r3"]);
    }

    #[test]
    fn a_typed_entry_is_read_once_with_its_parts_separated() {
        let meta = read(TRANSLATED).metadata;
        assert_eq!(
            meta.references[0].text.as_str(),
            "Ng A, Bo C, et al.: Ponds. Lakes. 2001;4:1."
        );
    }

    #[test]
    fn breaks_are_line_breaks_and_addresses_are_not_prose() {
        let doc = read(
            "<article><body><p>One<break/>two, write to <email>a@b.org</email>.</p></body></article>",
        );
        assert_eq!(doc.blocks[0].text.as_str(), "One\ntwo, write to \u{FFFC}.");
    }

    #[test]
    fn a_line_break_before_punctuation_after_an_inline_element_is_layout() {
        let doc = read(
            "<article><body><p>investigar el\n<italic>contexto</italic>\n; analizar los\n<italic>actores</italic>\ny sus\n<bold>roles</bold> , al fin.</p></body></article>",
        );
        assert_eq!(
            doc.blocks[0].text.as_str(),
            "investigar el contexto; analizar los actores y sus roles , al fin."
        );
        let text = doc.blocks[0].text.as_str();
        let at = text.find(';').unwrap();
        let source = "<article><body><p>investigar el\n<italic>contexto</italic>\n; analizar";
        assert_eq!(
            doc.blocks[0].text.to_source(at..at + 1).start,
            source.find(';').unwrap()
        );
    }

    #[test]
    fn crlf_files_read_like_lf_files() {
        let crlf = ARTICLE.replace('\n', "\r\n");
        let doc = read(&crlf);
        let lf = read(ARTICLE);
        let texts = |d: &Document| {
            d.blocks
                .iter()
                .map(|b| b.text.as_str().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(&doc), texts(&lf));
        assert!(doc.blocks.iter().all(|b| !b.text.as_str().contains('\r')));
        assert_eq!(
            doc.metadata.abstracts[0].text.as_str(),
            "First part.\nSecond part."
        );
    }

    #[test]
    fn entity_expansion_is_refused_not_performed() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE article [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<article><body><p>&lol3;</p></body></article>"#;
        let message = error(laughs);
        assert!(message.contains("declares its own entities"), "{message}");
        // An entity from an external DTD is not expanded either: it becomes a placeholder.
        let doc = read("<article><body><p>caf&eacute; &mdash; &amp;</p></body></article>");
        assert_eq!(doc.blocks[0].text.as_str(), "caf\u{FFFC} — &");
    }

    #[test]
    fn deep_nesting_and_non_articles_are_clear_errors() {
        let deep = format!(
            "<article><body>{}{}</body></article>",
            "<sec>".repeat(10_000),
            "</sec>".repeat(10_000)
        );
        assert!(error(&deep).contains("nested more than 1000"));
        assert!(error("<project><name>x</name></project>").contains("root element is <project>"));
        assert!(error("<article><body><p>text</body></article>").contains("line 1"));
        assert!(error("just text").contains("no <article>"));
    }
}
