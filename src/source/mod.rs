//! Readers: bytes of a manuscript file in, a [`Document`] out.
//!
//! A document is the text that diagnostics are shown against plus its blocks of prose (paragraphs,
//! headings, list items, quotations), each a [`MappedText`] that maps back into that text, and any
//! metadata the format carries explicitly (front matter). Readers know the syntax of their format
//! and nothing about manuscripts or rules: deciding which paragraph is an abstract is the job of
//! [`crate::manuscript`].

mod bibliography;
mod csl;
mod decode;
mod docx;
mod jats;
mod latex;
mod latex_bib;
pub mod mapped;
mod markdown;
mod pandoc_citations;
mod text;
mod xml;

use std::ops::Range;
use std::path::Path;

pub use decode::{Decoded, decode};
pub use mapped::MappedText;

/// The formats galley reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Text,
    Markdown,
    /// Word .docx (a zip archive of XML parts).
    Docx,
    /// JATS XML, the journal article tag suite.
    Jats,
    /// LaTeX, with the files it `\input`s and the .bib files it names.
    Latex,
}

impl Format {
    /// The reader for a file name, or `None` when galley does not read that kind of file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" | "qmd" | "rmd" => Some(Format::Markdown),
            "docx" => Some(Format::Docx),
            "xml" | "jats" => Some(Format::Jats),
            "tex" | "ltx" => Some(Format::Latex),
            _ => None,
        }
    }

    /// Lowercase name shown in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "plain text",
            Format::Markdown => "Markdown",
            Format::Docx => "Word",
            Format::Jats => "JATS XML",
            Format::Latex => "LaTeX",
        }
    }
}

/// What a block of prose is, as far as the format says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A heading the format marks as one, with its level (1 = top).
    Heading(u8),
    ListItem,
    Quote,
    TableCell,
    Footnote,
    /// A figure's or table's caption (or a table's notes): a float, read apart from the text
    /// around it wherever the source puts it.
    Caption,
}

impl BlockKind {
    /// Whether the block floats (a caption, a table cell, a footnote): it is not part of the
    /// running text, so where it stands in the source says nothing about reading order.
    pub fn is_float(self) -> bool {
        matches!(
            self,
            BlockKind::Caption | BlockKind::TableCell | BlockKind::Footnote
        )
    }
}

/// One block of prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: MappedText,
}

/// A value taken from explicit metadata (front matter), mapped to where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaText {
    /// Language the metadata key names (`abstract-tr`), if any.
    pub language: Option<String>,
    pub text: MappedText,
}

/// A keyword list given as metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaKeywords {
    pub language: Option<String>,
    /// Span of the key (`keywords:`) in the source.
    pub key_span: Range<usize>,
    pub items: Vec<MappedText>,
}

/// A reference-list entry the format marks explicitly (a JATS `<ref>`, a LaTeX `\bibitem` or
/// `.bib` entry), with the key citations use to point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedEntry {
    pub key: Option<String>,
    pub text: MappedText,
}

/// A citation the format marks explicitly (`\cite{a,b}`, `<xref ref-type="bibr" rid="r1">`,
/// pandoc's `[@key]`): the keys it cites and where it stands in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyedCitation {
    pub keys: Vec<String>,
    pub span: Range<usize>,
}

/// What a declared language is declared for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclaredFor {
    /// The whole document (JATS `<article xml:lang>`).
    Document,
    /// One abstract.
    Abstract,
    /// One keyword list.
    Keywords,
    /// A translation of the document inside it (JATS `<sub-article article-type="translation">`).
    Translation,
}

/// A language an element declares for its content (`xml:lang`), with where the declaration and
/// its content stand, so that short pieces inside it are read in that language and a rule can say
/// when the text is written in another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredLanguage {
    /// The code as written (`pt`, `en-US`).
    pub code: String,
    /// What the element is.
    pub element: DeclaredFor,
    /// Span of the attribute's value in the source.
    pub value_span: Range<usize>,
    /// Span of the whole element in the source.
    pub scope: Range<usize>,
}

/// Explicit metadata from the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<MappedText>,
    pub abstracts: Vec<MetaText>,
    pub keywords: Vec<MetaKeywords>,
    /// Language the document declares for itself (`lang: tr`, `xml:lang`).
    pub language: Option<String>,
    /// Heading of an explicit reference list (`<ref-list><title>`), if it has one.
    pub reference_heading: Option<MappedText>,
    /// Explicit reference entries; when present, structure detection takes them as the reference
    /// list instead of looking for one in the prose.
    pub references: Vec<KeyedEntry>,
    /// Where in `references` a list after the first begins: a JATS back matter split into
    /// several `ref-list`s (books, theses, laws; a letter's and its reply's), each sorted on its
    /// own.
    pub reference_list_starts: Vec<usize>,
    /// Explicit citations, in document order.
    pub citations: Vec<KeyedCitation>,
    /// Whether `references` were written out from structured data (a .bib file) rather than
    /// typed by the author, so that rules about an entry's form leave them alone.
    pub rendered_references: bool,
    /// Bibliography files the document names that could not be read, with the span of each
    /// name: citations that cannot be resolved are explained by them.
    pub unread_bibliographies: Vec<(String, Range<usize>)>,
    /// Languages elements declare for their content, in document order (JATS `xml:lang`).
    pub declared_languages: Vec<DeclaredLanguage>,
    /// People the file names outside its text: a Word file's creator and last editor, and the
    /// authors of its comments and tracked changes.
    pub people: Vec<Person>,
}

/// A person a file names outside its text, and in what role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// "creator", "last modified by", "comment author", "tracked-change author".
    pub role: &'static str,
    pub name: String,
}

/// A read manuscript: the shown text, its prose blocks and metadata.
#[derive(Debug, Clone)]
pub struct Document {
    /// Name used in diagnostics (the path as given).
    pub name: String,
    pub format: Format,
    /// The text diagnostics are shown against; every span indexes into it.
    pub text: String,
    /// The files `text` is made of, in order: one for a single-file document; the main file, the
    /// files it includes and its .bib files for a LaTeX document. Reporters show a span under
    /// the name and local line of the part it falls in ([`FilePart::locate`]).
    pub parts: Vec<FilePart>,
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
    /// Problems the reader noticed that do not stop reading (front matter that is not YAML);
    /// reported as warnings under the id [`READER_WARNING`].
    pub warnings: Vec<(Range<usize>, String)>,
    /// Facts about the file as a whole that the user should know (it was decoded from a legacy
    /// encoding, it still has tracked changes); reported once each, at severity info.
    pub notes: Vec<Note>,
}

/// One file of a document made of several: its display name and its byte range in
/// [`Document::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    pub name: String,
    pub range: Range<usize>,
    /// Where in the text the file was included (the `\input` command); `None` for the main
    /// file and for files read after the document (.bib files).
    pub anchor: Option<usize>,
}

impl FilePart {
    /// The part `offset` falls in and the offset local to that part's file. An offset on the
    /// separator between two parts (or past the end) belongs to the part before it; an empty
    /// list of parts is one nameless part covering everything.
    pub fn locate(parts: &[FilePart], offset: usize) -> (usize, usize) {
        let index = parts
            .partition_point(|p| p.range.start <= offset)
            .saturating_sub(1);
        match parts.get(index) {
            Some(part) => (
                index,
                offset
                    .saturating_sub(part.range.start)
                    .min(part.range.len()),
            ),
            None => (0, offset),
        }
    }

    /// `span` as (part index, span local to that part). A span that runs past its part's end is
    /// cut at that end.
    pub fn locate_span(parts: &[FilePart], span: &Range<usize>) -> (usize, Range<usize>) {
        let (index, start) = Self::locate(parts, span.start);
        let end = match parts.get(index) {
            Some(part) => span.end.clamp(span.start, part.range.end) - part.range.start,
            None => span.end.max(span.start),
        };
        (index, start..end.max(start))
    }

    /// The parts of a document that is one file.
    pub fn single(name: &str, text: &str) -> Vec<FilePart> {
        vec![FilePart {
            name: name.to_string(),
            range: 0..text.len(),
            anchor: None,
        }]
    }

    /// A key that sorts offsets of the text in reading order: an included file's text comes
    /// where it is included, not where it was appended, and a .bib after everything.
    pub fn reading_key(parts: &[FilePart], offset: usize) -> Vec<usize> {
        let mut key = vec![offset];
        let mut index = Self::locate(parts, offset).0;
        // Each step goes to the including file, whose anchor lies before this part: no cycle.
        for _ in 0..parts.len() {
            if index == 0 {
                break;
            }
            match parts.get(index).and_then(|p| p.anchor) {
                Some(anchor) => {
                    key.push(anchor);
                    index = Self::locate(parts, anchor).0;
                }
                None => {
                    key.push(usize::MAX);
                    break;
                }
            }
        }
        key.reverse();
        key
    }
}

/// Id under which [`Document::warnings`] are reported.
pub const READER_WARNING: &str = "file-format";

/// A fact about a file the reader tells the user once, at severity info. `rule` is the id it is
/// reported under (`file-encoding`, `tracked-changes`); these ids name no rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub rule: &'static str,
    pub span: Range<usize>,
    pub message: String,
    pub help: Option<String>,
}

/// Why a file could not be read.
#[derive(Debug)]
pub struct ReadError {
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads `bytes` as `format`; `name` is what diagnostics will call the file.
pub fn read_bytes(name: &str, format: Format, bytes: &[u8]) -> Result<Document, ReadError> {
    read_bytes_with(name, format, bytes, &NoIncludes)
}

/// Reads `bytes` as `format`, loading the files a document names (a LaTeX document's includes,
/// bibliography files) through `loader`.
pub fn read_bytes_with(
    name: &str,
    format: Format,
    bytes: &[u8],
    loader: &dyn Loader,
) -> Result<Document, ReadError> {
    if format == Format::Docx {
        return docx::read(name, bytes);
    }
    let decoded = decode(bytes).map_err(|message| ReadError { message })?;
    let mut document = read_text_with(name, format, decoded.text, loader)?;
    if let Some(encoding) = decoded.legacy {
        document.notes.push(Note {
            rule: "file-encoding",
            span: 0..0,
            message: format!(
                "file is not UTF-8: decoded as {encoding} ({})",
                match encoding {
                    "windows-1254" => "Turkish: its bytes for ı, ş, ğ are frequent",
                    _ => "Western European",
                }
            ),
            help: Some("save the file as UTF-8".into()),
        });
    }
    Ok(document)
}

/// Reads already decoded text (every format but .docx, which is not text).
pub fn read_text(name: &str, format: Format, text: String) -> Result<Document, ReadError> {
    read_text_with(name, format, text, &NoIncludes)
}

/// A file another one names (`\input{methods}`, `\bibliography{refs}`), as loaded.
pub struct Loaded {
    /// Name shown in diagnostics (the path as the user would write it).
    pub name: String,
    /// What identifies the file, to recognise an include cycle (its canonical path).
    pub identity: String,
    pub text: String,
    /// The legacy encoding the file was decoded from (`windows-1252`), when it was not Unicode.
    pub legacy: Option<&'static str>,
}

/// Loads the files a document names, relative to the main file. Readers never touch the file
/// system themselves.
pub trait Loader: Sync {
    /// The file at `relative` (as written in the document, extension added), or why not.
    fn load(&self, relative: &str) -> Result<Loaded, String>;
}

/// A loader for a document with nowhere to look (standard input without a name, tests).
pub struct NoIncludes;

impl Loader for NoIncludes {
    fn load(&self, relative: &str) -> Result<Loaded, String> {
        Err(format!(
            "cannot read `{relative}`: the document has no folder"
        ))
    }
}

/// Loads included files from the folder of the main file, decoding them as galley decodes any
/// text file.
pub struct FolderLoader {
    /// Folder on disk the names are relative to.
    pub dir: std::path::PathBuf,
    /// How that folder is shown (the main file's name without its file name), e.g. `samples/latex`.
    pub shown: String,
}

impl FolderLoader {
    /// A loader for the files next to `path`, shown relative to how `shown_name` shows the main file.
    pub fn beside(path: &Path, shown_name: &str) -> Self {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let shown = match shown_name.rfind('/') {
            Some(at) => shown_name[..at].to_string(),
            None => String::new(),
        };
        Self { dir, shown }
    }
}

impl Loader for FolderLoader {
    fn load(&self, relative: &str) -> Result<Loaded, String> {
        let path = self.dir.join(relative);
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read `{relative}`: {e}"))?;
        let decoded = decode(&bytes).map_err(|e| format!("cannot read `{relative}`: {e}"))?;
        let identity = std::fs::canonicalize(&path)
            .unwrap_or(path)
            .display()
            .to_string();
        let name = if self.shown.is_empty() {
            relative.to_string()
        } else {
            format!("{}/{relative}", self.shown)
        };
        Ok(Loaded {
            name,
            identity,
            text: decoded.text,
            legacy: decoded.legacy,
        })
    }
}

/// Reads already decoded text, loading included files through `loader`.
pub fn read_text_with(
    name: &str,
    format: Format,
    text: String,
    loader: &dyn Loader,
) -> Result<Document, ReadError> {
    let mut document = Document {
        name: name.to_string(),
        format,
        parts: FilePart::single(name, &text),
        text,
        blocks: Vec::new(),
        metadata: Metadata::default(),
        warnings: Vec::new(),
        notes: Vec::new(),
    };
    match format {
        Format::Text => text::read(&mut document),
        Format::Markdown => markdown::read(&mut document, loader),
        Format::Jats => jats::read(&mut document)?,
        Format::Latex => latex::read(&mut document, loader)?,
        Format::Docx => {
            return Err(ReadError {
                message: "a .docx file is a zip archive, not text".into(),
            });
        }
    }
    Ok(document)
}
