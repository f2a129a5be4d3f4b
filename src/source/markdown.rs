//! The Markdown reader (CommonMark with tables, footnotes, math and YAML front matter, through
//! pulldown-cmark).
//!
//! Prose comes from text events, each mapped to its source range, so emphasis markers, link
//! targets and HTML never reach a rule. Code blocks, HTML blocks and math are not prose and are
//! left out; inline code and math become U+FFFC so that sentences keep their shape. Front matter
//! fields `title`, `abstract`, `keywords` / `tags` (and `abstract-<lang>`, `keywords-<lang>`)
//! become [`Metadata`]. Pandoc's fenced divs (`::: {#refs}` … `:::`), which CommonMark reads as
//! text, are markup: a fence line is dropped and ends the block it stands in.

use std::ops::Range;

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

use super::bibliography::{self, BibFormat, BibRead};
use super::pandoc_citations::{self, TokenKind};
use super::{
    Block, BlockKind, Document, FilePart, KeyedCitation, Loader, MappedText, MetaKeywords,
    MetaText, Metadata, csl,
};

/// Stands in for inline code and math inside prose.
pub const PLACEHOLDER: &str = "\u{FFFC}";

/// How many bibliography files one document may name.
const MAX_BIBLIOGRAPHIES: usize = 32;

/// How large the document's text may grow with its bibliography files.
const MAX_TOTAL_BYTES: usize = 64 << 20;

pub(super) fn read(document: &mut Document, loader: &dyn Loader) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_MATH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let source = document.text.as_str();
    // Front matter in CRLF lines is no metadata block to pulldown-cmark: it is found here, and
    // the parser reads the text with that block blanked out (same offsets, no prose).
    let crlf_front = crlf_front_matter(source);
    let blanked;
    let parsed_text = match &crlf_front {
        Some((block, _)) => {
            blanked = blank(source, block);
            blanked.as_str()
        }
        None => source,
    };
    let mut builder = BlockBuilder::default();
    let mut front_matter: Option<Range<usize>> = None;
    let mut in_metadata = false;
    let mut skip_depth = 0usize;
    let fences = fence_lines(source);
    let in_fence = |range: &Range<usize>| {
        let at = fences.partition_point(|f| f.end <= range.start);
        fences
            .get(at)
            .is_some_and(|f| f.start <= range.start && range.end <= f.end)
    };
    let before_fence = |range: &Range<usize>| {
        let at = fences.partition_point(|f| f.start < range.start);
        fences.get(at).is_some_and(|f| f.start <= range.end + 3)
    };
    // A line break right after a fence line opens no text.
    let mut after_fence = false;

    for (event, range) in Parser::new_ext(parsed_text, options).into_offset_iter() {
        if skip_depth == 0 && !in_metadata {
            match &event {
                Event::Text(_) if in_fence(&range) => {
                    builder.finish();
                    after_fence = true;
                    continue;
                }
                Event::SoftBreak | Event::HardBreak if after_fence || before_fence(&range) => {
                    after_fence = false;
                    continue;
                }
                _ => after_fence = false,
            }
        }
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(_) if in_metadata => front_matter = Some(range),
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ if skip_depth > 0 || in_metadata => {}
            // An image's description is its figure's caption in pandoc's output: prose of its own.
            Event::Start(Tag::Image { .. }) => builder.open_caption(),
            Event::End(TagEnd::Image) => builder.close_caption(),
            Event::Start(Tag::Paragraph) => builder.begin(None),
            Event::Start(Tag::Heading { level, .. }) => {
                builder.begin(Some(BlockKind::Heading(level as u8)))
            }
            Event::Start(Tag::Item) => builder.enter(BlockKind::ListItem),
            Event::Start(Tag::BlockQuote(_)) => builder.enter(BlockKind::Quote),
            Event::Start(Tag::TableCell) => builder.enter(BlockKind::TableCell),
            Event::Start(Tag::FootnoteDefinition(_)) => builder.enter(BlockKind::Footnote),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => builder.finish(),
            Event::End(
                TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell
                | TagEnd::FootnoteDefinition,
            ) => builder.leave(),
            Event::Text(text) => {
                let block = builder.current();
                if source.get(range.clone()) == Some(&*text) {
                    block.push_source(source, range);
                } else {
                    block.push_synthetic(&text);
                }
            }
            Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_) => builder.current().push_synthetic(PLACEHOLDER),
            Event::SoftBreak | Event::HardBreak => builder.current().push_synthetic("\n"),
            _ => {}
        }
    }
    builder.finish();
    let mut blocks = builder.blocks;
    let mut citations = Vec::new();
    for block in &mut blocks {
        block.text = mark_citations(&block.text, source, &mut citations);
    }
    document.blocks = blocks;
    if let Some(range) = front_matter.or(crlf_front.map(|(_, yaml)| yaml)) {
        let requests = read_front_matter(document, range, &mut citations);
        read_bibliographies(document, requests, loader);
    }
    citations.sort_by_key(|c| c.span.start);
    document.metadata.citations = citations;
}

/// Replaces pandoc citations and cross-references in `text` with [`PLACEHOLDER`] (in the
/// output they become "Adams (2019)" or "Figure 2", not "@adams2019"), and collects each cited
/// key, spanning its own `@key` in the source.
fn mark_citations(
    text: &MappedText,
    source: &str,
    citations: &mut Vec<KeyedCitation>,
) -> MappedText {
    let plain = text.as_str();
    if !plain.contains('@') {
        return text.clone();
    }
    // An `@` that the source escaped (`\@`) or that is not the source's own byte.
    let escaped = |at: usize| {
        let span = text.to_source(at..at + 1);
        !text.covers_verbatim(&span)
            || source.as_bytes().get(span.start) != Some(&b'@')
            || source[..span.start].ends_with('\\')
    };
    let tokens = pandoc_citations::scan(plain, &escaped);
    if tokens.is_empty() {
        return text.clone();
    }
    let mut out = MappedText::new();
    let mut last = 0;
    for token in tokens {
        out.append(&text.slice(last..token.range.start));
        out.push_synthetic(PLACEHOLDER);
        last = token.range.end;
        if token.kind == TokenKind::Citation {
            for (key, range) in token.keys {
                citations.push(KeyedCitation {
                    keys: vec![key],
                    span: text.to_source(range),
                });
            }
        }
    }
    out.append(&text.slice(last..plain.len()));
    out
}

/// YAML front matter written with CRLF line ends: the range of the whole block, fences included,
/// and of the YAML inside it. `None` when the text does not open with a `---` line or the block
/// is never closed (by `---` or `...`).
fn crlf_front_matter(source: &str) -> Option<(Range<usize>, Range<usize>)> {
    const OPEN: &str = "---\r\n";
    let rest = source.strip_prefix(OPEN)?;
    let mut at = OPEN.len();
    for line in rest.split_inclusive('\n') {
        if matches!(line.trim_end_matches(['\r', '\n']), "---" | "...") {
            return Some((0..at + line.len(), OPEN.len()..at));
        }
        at += line.len();
    }
    None
}

/// `source` with every byte of `range` but its line breaks turned into spaces.
fn blank(source: &str, range: &Range<usize>) -> String {
    let mut out = String::with_capacity(source.len());
    out.push_str(&source[..range.start]);
    out.extend(
        source[range.clone()]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' }),
    );
    out.push_str(&source[range.end..]);
    out
}

/// The byte ranges of pandoc fenced-div lines: three or more colons, optionally an attribute
/// block or a class name, optionally closing colons ("::: {#refs .references}", ":::",
/// "::: warning :::").
fn fence_lines(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end();
        let indent = body.len() - body.trim_start().len();
        let rest = body.trim_start();
        let colons = rest.len() - rest.trim_start_matches(':').len();
        let tail = rest[colons..].trim().trim_end_matches(':').trim_end();
        let attributes = tail.is_empty()
            || (tail.starts_with('{') && tail.ends_with('}') && !tail[1..].contains('{'))
            || tail
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'));
        if indent <= 3 && colons >= 3 && attributes {
            out.push(at + indent..at + body.len());
        }
        at += line.len();
    }
    out
}

/// Words an image description needs to be read as a figure caption.
const CAPTION_WORDS: usize = 3;

/// Collects blocks; a container (list item, quotation, cell) names the kind of the paragraphs in it.
#[derive(Default)]
struct BlockBuilder {
    blocks: Vec<Block>,
    containers: Vec<BlockKind>,
    open: Option<(BlockKind, MappedText)>,
    /// The description of the image being read, if any: a block of its own, not part of the
    /// paragraph the image stands in.
    caption: Option<MappedText>,
    /// Captions read inside the open block, kept until it is finished.
    captions: Vec<MappedText>,
}

impl BlockBuilder {
    fn container_kind(&self) -> BlockKind {
        self.containers
            .last()
            .copied()
            .unwrap_or(BlockKind::Paragraph)
    }

    fn begin(&mut self, kind: Option<BlockKind>) {
        self.finish();
        let kind = kind.unwrap_or_else(|| self.container_kind());
        self.open = Some((kind, MappedText::new()));
    }

    fn enter(&mut self, kind: BlockKind) {
        self.finish();
        self.containers.push(kind);
    }

    fn leave(&mut self) {
        self.finish();
        self.containers.pop();
    }

    fn open_caption(&mut self) {
        self.caption = Some(MappedText::new());
    }

    /// Keeps the image description just read when it is a caption (a few words at least, not
    /// a badge's "DOI" or "logo").
    fn close_caption(&mut self) {
        if let Some(text) = self.caption.take()
            && text.as_str().split_whitespace().count() >= CAPTION_WORDS
        {
            self.captions.push(text);
        }
    }

    fn current(&mut self) -> &mut MappedText {
        if self.caption.is_none() && self.open.is_none() {
            self.open = Some((self.container_kind(), MappedText::new()));
        }
        match &mut self.caption {
            Some(caption) => caption,
            None => &mut self.open.as_mut().expect("just opened").1,
        }
    }

    fn finish(&mut self) {
        if let Some((kind, text)) = self.open.take()
            && !text.as_str().trim().is_empty()
        {
            self.blocks.push(Block { kind, text });
        }
        for text in self.captions.drain(..) {
            self.blocks.push(Block {
                kind: BlockKind::Caption,
                text,
            });
        }
    }
}

/// A bibliography file the front matter names, with the span of its name.
struct BibRequest {
    file: String,
    span: Range<usize>,
}

/// Reads the front matter into [`Metadata`]: title, language, abstracts, keywords, and the
/// citation data pandoc reads from it: `references:` (CSL items, rendered into entries here),
/// `nocite:` (keys cited without appearing in the text). Returns the bibliography files it
/// names, for [`read_bibliographies`].
///
/// `tags` is a keyword list only in a manuscript's front matter (JOSS papers call their
/// keywords `tags`); a blog post's or a site's `tags` are categories. The front matter is a
/// manuscript's when it says so by a field that only manuscripts have (see
/// [`is_manuscript_front_matter`]).
fn read_front_matter(
    document: &mut Document,
    range: Range<usize>,
    citations: &mut Vec<KeyedCitation>,
) -> Vec<BibRequest> {
    let yaml_text = &document.text[range.clone()];
    let parsed = match YamlLoader::load_from_str(yaml_text) {
        Ok(docs) => docs,
        Err(error) => {
            let message = format!("front matter is not valid YAML: {error}");
            document.warnings.push((range, message));
            return Vec::new();
        }
    };
    let Some(Yaml::Hash(fields)) = parsed.into_iter().next() else {
        return Vec::new();
    };
    // `tags` stand in for keywords only in a manuscript's front matter that has no `keywords`.
    let has_keywords = fields
        .keys()
        .filter_map(Yaml::as_str)
        .any(|k| k.eq_ignore_ascii_case("keywords"));
    let manuscript = is_manuscript_front_matter(&fields) && !has_keywords;
    let mut metadata = Metadata::default();
    let mut requests = Vec::new();
    let mut inline_references = BibRead::empty();
    let locator = Locator {
        source: &document.text,
        region: range.clone(),
    };
    for (key, value) in fields {
        let Some(key) = key.as_str() else { continue };
        let lower = key.to_ascii_lowercase();
        let (name, language) = match lower.split_once(['-', '_']) {
            Some((name, lang))
                if lang.len() <= 3 && lang.chars().all(|c| c.is_ascii_alphabetic()) =>
            {
                (name.to_string(), Some(lang.to_string()))
            }
            _ => (lower.clone(), None),
        };
        let Some(key_at) = locator.key_offset(key) else {
            continue;
        };
        match (name.as_str(), &value) {
            ("title", Yaml::String(title)) if language.is_none() => {
                metadata.title = Some(locator.locate(key_at, title));
            }
            ("lang" | "language", Yaml::String(lang)) if language.is_none() => {
                metadata.language = Some(lang.to_ascii_lowercase());
            }
            // A value that is only inline code (`` `r read_file('abstract.Rmd')` ``) is computed
            // when the document is knitted: its text is not the abstract.
            ("abstract" | "summary", Yaml::String(text)) if !is_inline_code(text) => {
                let text = locator.locate(key_at, text);
                metadata.abstracts.push(MetaText {
                    language,
                    text: mark_citations(&text, &document.text, citations),
                });
            }
            ("tags", _) if !manuscript || language.is_some() => {}
            ("keywords" | "tags" | "keyword", _) => {
                let items: Vec<String> = match &value {
                    Yaml::Array(items) => items.iter().filter_map(scalar_string).collect(),
                    Yaml::String(list) => split_keyword_string(list),
                    _ => Vec::new(),
                };
                let items = items
                    .iter()
                    .filter(|item| !item.is_empty())
                    .map(|item| locator.locate(key_at, item))
                    .collect();
                metadata.keywords.push(MetaKeywords {
                    language,
                    key_span: key_at..key_at + key.len(),
                    items,
                });
            }
            ("bibliography", _) if language.is_none() => {
                let files: Vec<String> = match &value {
                    Yaml::Array(items) => items.iter().filter_map(scalar_string).collect(),
                    other => scalar_string(other).into_iter().collect(),
                };
                for file in files {
                    let file = file.trim().to_string();
                    if file.is_empty() {
                        continue;
                    }
                    let span = locator.locate(key_at, &file).source_span();
                    requests.push(BibRequest { file, span });
                }
            }
            ("references", Yaml::Array(items)) if language.is_none() => {
                csl::read_yaml_items(
                    items,
                    &document.text,
                    0,
                    key_at..range.end,
                    &mut inline_references,
                );
            }
            ("nocite", _) if language.is_none() => {
                let list: Vec<String> = match &value {
                    Yaml::Array(items) => items.iter().filter_map(scalar_string).collect(),
                    other => scalar_string(other).into_iter().collect(),
                };
                for entry in list {
                    let text = locator.locate(key_at, &entry);
                    for (key, span) in pandoc_citations::keys_in_list(text.as_str()) {
                        citations.push(KeyedCitation {
                            keys: vec![key],
                            span: text.to_source(span),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    document.warnings.extend(inline_references.warnings);
    metadata.rendered_references = !inline_references.entries.is_empty();
    metadata.references = inline_references.entries;
    document.metadata = metadata;
    requests
}

/// Whether front matter is a manuscript's rather than a web page's: it names a bibliography or
/// reference data, an abstract, a journal, or affiliations (at the top or under an author).
/// Blog engines (Hugo, Jekyll, Hexo) have none of these.
fn is_manuscript_front_matter(fields: &yaml_rust2::yaml::Hash) -> bool {
    const MANUSCRIPT_FIELDS: &[&str] = &[
        "bibliography",
        "references",
        "abstract",
        "summary",
        "journal",
        "affiliation",
        "affiliations",
        "institute",
        "csl",
    ];
    const AUTHOR_FIELDS: &[&str] = &["affiliation", "affiliations", "institute", "orcid"];
    fields.iter().any(|(key, value)| {
        let Some(key) = key.as_str() else {
            return false;
        };
        let key = key.to_ascii_lowercase();
        if MANUSCRIPT_FIELDS.contains(&key.as_str()) {
            return true;
        }
        let Yaml::Array(authors) = value else {
            return false;
        };
        (key == "author" || key == "authors")
            && authors.iter().any(|author| match author {
                Yaml::Hash(map) => map
                    .keys()
                    .filter_map(Yaml::as_str)
                    .any(|k| AUTHOR_FIELDS.contains(&k.to_ascii_lowercase().as_str())),
                _ => false,
            })
    })
}

/// Reads the bibliography files the front matter names, each once, appended to the text as
/// parts of their own (as the LaTeX reader appends its .bib files) so that a diagnostic in one
/// names that file and its line. A file that cannot be read or whose format galley does not
/// know gives one warning at its name in the front matter.
fn read_bibliographies(document: &mut Document, requests: Vec<BibRequest>, loader: &dyn Loader) {
    let mut seen: Vec<String> = Vec::new();
    for request in requests.into_iter().take(MAX_BIBLIOGRAPHIES) {
        let Some(format) = BibFormat::from_name(&request.file) else {
            document.warnings.push((
                request.span,
                format!(
                    "bibliography file `{}` is in a format galley does not read (it reads .bib, CSL .json and CSL .yaml): its entries are not checked",
                    request.file
                ),
            ));
            continue;
        };
        let loaded = match loader.load(&request.file) {
            Ok(loaded) => loaded,
            Err(message) => {
                document.warnings.push((
                    request.span.clone(),
                    format!("bibliography file not read: {message}"),
                ));
                document
                    .metadata
                    .unread_bibliographies
                    .push((request.file, request.span));
                continue;
            }
        };
        if seen.contains(&loaded.identity)
            || document.text.len() + loaded.text.len() > MAX_TOTAL_BYTES
        {
            continue;
        }
        seen.push(loaded.identity.clone());
        document.text.push('\n');
        let start = document.text.len();
        document.text.push_str(&loaded.text);
        document.parts.push(FilePart {
            name: loaded.name,
            range: start..document.text.len(),
            anchor: None,
        });
        let read = bibliography::read(format, &loaded.text, start);
        document.warnings.extend(read.warnings);
        let metadata = &mut document.metadata;
        metadata.rendered_references |= !read.entries.is_empty();
        metadata.references.extend(read.entries);
    }
}

/// Whether a front-matter value is nothing but one inline code span: R Markdown's
/// `` `r expr` ``, Quarto's `` `{r} expr` ``, whose text exists only once the document is knitted.
fn is_inline_code(value: &str) -> bool {
    let value = value.trim();
    value.len() >= 2
        && value.starts_with('`')
        && value.ends_with('`')
        && !value.trim_matches('`').contains('`')
}

/// The items of a keyword list written as one string: separated by `,` or `;`, except inside
/// parentheses ("keyword 3 (three to ten, each specific)") where a comma belongs to the item.
fn split_keyword_string(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, c) in list.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                items.push(list[start..at].trim().to_string());
                start = at + 1;
            }
            _ => {}
        }
    }
    items.push(list[start..].trim().to_string());
    // A parenthesis that never closes would hold the rest of the list: split it plainly then.
    if depth > 0 {
        return list
            .split([',', ';'])
            .map(|s| s.trim().to_string())
            .collect();
    }
    items
}

fn scalar_string(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
}

/// Finds where a YAML value's text stands in the front matter, line by line.
struct Locator<'a> {
    source: &'a str,
    region: Range<usize>,
}

impl Locator<'_> {
    fn key_offset(&self, key: &str) -> Option<usize> {
        let region = &self.source[self.region.clone()];
        let mut offset = 0;
        for line in region.split_inclusive('\n') {
            let trimmed = line.trim_start_matches(['"', '\'']);
            if trimmed.starts_with(key) && line.len() == line.trim_start().len() {
                return Some(self.region.start + offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        None
    }

    /// Maps each line of `value` to its first occurrence after `from`; lines that cannot be found
    /// verbatim (escaped quotes, folded text) are kept as synthetic text.
    fn locate(&self, from: usize, value: &str) -> MappedText {
        let mut text = MappedText::new();
        let mut cursor = from;
        for (index, line) in value.trim_end().split('\n').enumerate() {
            if index > 0 {
                text.push_synthetic("\n");
            }
            let line = line.trim();
            let haystack = &self.source[cursor.min(self.region.end)..self.region.end];
            match haystack.find(line) {
                Some(at) if !line.is_empty() => {
                    let start = cursor + at;
                    text.push_source(self.source, start..start + line.len());
                    cursor = start + line.len();
                }
                _ => text.push_synthetic(line),
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use crate::source::{BlockKind, Format, read_text};

    #[test]
    fn markup_is_dropped_and_spans_point_into_the_source() {
        let source = "# A *Title*\n\nSome **bold** text with `code` and [a link](http://x.org).\n\n```\nnot prose\n```\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks[0].text.as_str(), "A Title");
        let para = &doc.blocks[1].text;
        assert_eq!(para.as_str(), "Some bold text with \u{FFFC} and a link.");
        let at = para.as_str().find("bold").unwrap();
        assert_eq!(&source[para.to_source(at..at + 4)], "bold");
    }

    #[test]
    fn front_matter_gives_title_abstract_and_keywords() {
        let source = "---\ntitle: \"Small Ponds\"\nabstract: |\n  First line of the abstract.\n  Second line.\nabstract-tr: Türkçe özet.\nkeywords: [ponds, algae, light]\n---\n\n# Introduction\n\nText.\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        let meta = &doc.metadata;
        let title = meta.title.as_ref().unwrap();
        assert_eq!(&source[title.source_span()], "Small Ponds");
        assert_eq!(meta.abstracts.len(), 2);
        assert_eq!(
            meta.abstracts[0].text.as_str(),
            "First line of the abstract.\nSecond line."
        );
        assert_eq!(
            &source[meta.abstracts[0].text.source_span()],
            "First line of the abstract.\n  Second line."
        );
        assert_eq!(meta.abstracts[1].language.as_deref(), Some("tr"));
        let items: Vec<_> = meta.keywords[0]
            .items
            .iter()
            .map(|i| &source[i.source_span()])
            .collect();
        assert_eq!(items, ["ponds", "algae", "light"]);
        assert_eq!(doc.blocks[0].text.as_str(), "Introduction");
    }

    #[test]
    fn pandoc_fenced_divs_are_markup() {
        let source = "# References\n\n::: {#refs .references .csl-bib-body}\n::: {#ref-a .csl-entry}\nAdams, P. (2019). *Light in ponds*. Water.\n:::\n\n::: {#ref-b .csl-entry}\nBaker, L. (2020). Plants.\nSecond line.\n:::\n:::\n\nA line with ::: inside stays.\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "References",
                "Adams, P. (2019). Light in ponds. Water.",
                "Baker, L. (2020). Plants.\nSecond line.",
                "A line with ::: inside stays."
            ]
        );
        assert_eq!(
            super::fence_lines("::: warning :::\n  :::\n::: {a} b\n"),
            [0..15, 18..21]
        );
    }

    #[test]
    fn front_matter_with_crlf_line_ends_is_read() {
        let source = "---\r\ntitle: Ponds\r\nkeywords:\r\n  - ponds\r\n  - algae\r\n  - light\r\n---\r\n\r\n# Summary\r\n\r\nPonds hold water.\r\n";
        let document =
            crate::source::read_text("p.md", crate::source::Format::Markdown, source.into())
                .unwrap();
        let meta = &document.metadata;
        assert_eq!(meta.title.as_ref().map(|t| t.as_str()), Some("Ponds"));
        let items: Vec<&str> = meta.keywords[0].items.iter().map(|i| i.as_str()).collect();
        assert_eq!(items, ["ponds", "algae", "light"]);
        let blocks: Vec<&str> = document.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(blocks, ["Summary", "Ponds hold water."]);
    }

    #[test]
    fn pandoc_citations_become_placeholders_and_keyed_citations_at_their_keys() {
        let source = "---\ntitle: T\nabstract: As @lee2020 said.\nnocite: \"@extra\"\n---\n\nPonds [see @adams2019, p. 3; -@baker:2020] and @fig:map, not \\@handle, `@code` or ann@example.org.\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        assert_eq!(
            doc.blocks[0].text.as_str(),
            "Ponds \u{FFFC} and \u{FFFC}, not @handle, \u{FFFC} or ann@example.org."
        );
        assert_eq!(doc.metadata.abstracts[0].text.as_str(), "As \u{FFFC} said.");
        let cited: Vec<(&str, &str)> = doc
            .metadata
            .citations
            .iter()
            .map(|c| (c.keys[0].as_str(), &source[c.span.clone()]))
            .collect();
        assert_eq!(
            cited,
            [
                ("lee2020", "@lee2020"),
                ("extra", "@extra"),
                ("adams2019", "@adams2019"),
                ("baker:2020", "@baker:2020")
            ]
        );
    }

    #[test]
    fn tags_are_keywords_only_in_a_manuscripts_front_matter() {
        let keywords = |front: &str| {
            let source = format!("---\n{front}\n---\n\nText.\n");
            let doc = read_text("a.md", Format::Markdown, source).unwrap();
            doc.metadata
                .keywords
                .iter()
                .map(|k| k.items.len())
                .collect::<Vec<_>>()
        };
        assert_eq!(keywords("title: Post\ntags: [a, b]"), Vec::<usize>::new());
        assert_eq!(
            keywords("title: Paper\ntags: [a, b]\nbibliography: p.bib"),
            [2]
        );
        assert_eq!(
            keywords("tags: [a, b]\nauthors:\n  - name: A\n    affiliation: 1"),
            [2]
        );
        assert_eq!(keywords("abstract: A.\ntags: [a, b]\nkeywords: [c]"), [1]);
    }

    #[test]
    fn inline_references_are_entries_and_a_missing_file_is_one_warning() {
        let source = "---\nbibliography: [gone.bib, refs.ris]\nreferences:\n- id: fern2012\n  author:\n  - family: Fern\n    given: Lia\n  issued: 2012\n  title: Meadows\n---\n\nText [@fern2012].\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        let entry = &doc.metadata.references[0];
        assert_eq!(entry.key.as_deref(), Some("fern2012"));
        assert_eq!(entry.text.as_str(), "Fern, L. (2012). Meadows.");
        let at = entry.text.as_str().find("Meadows").unwrap();
        assert_eq!(&source[entry.text.to_source(at..at + 7)], "Meadows");
        assert!(doc.metadata.rendered_references);
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        assert!(doc.warnings[0].1.contains("gone.bib"));
        assert_eq!(&source[doc.warnings[0].0.clone()], "gone.bib");
        assert!(doc.warnings[1].1.contains("refs.ris"));
        assert_eq!(doc.metadata.unread_bibliographies.len(), 1);
    }

    #[test]
    fn broken_front_matter_is_reported_not_fatal() {
        let source = "---\ntitle: [unclosed\n---\n\nText.\n";
        let doc = read_text("a.md", Format::Markdown, source.into()).unwrap();
        assert_eq!(doc.warnings.len(), 1);
        assert_eq!(doc.blocks.len(), 1);
    }
}
