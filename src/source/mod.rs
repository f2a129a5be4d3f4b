//! Readers: bytes of a manuscript file in, a [`Document`] out.
//!
//! A document is the text that diagnostics are shown against plus its blocks of prose (paragraphs,
//! headings, list items, quotations), each a [`MappedText`] that maps back into that text, and any
//! metadata the format carries explicitly (front matter). Readers know the syntax of their format
//! and nothing about manuscripts or rules: deciding which paragraph is an abstract is the job of
//! [`crate::manuscript`].

mod decode;
mod docx;
mod jats;
pub mod mapped;
mod markdown;
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
    /// Explicit citations, in document order.
    pub citations: Vec<KeyedCitation>,
}

/// A read manuscript: the shown text, its prose blocks and metadata.
#[derive(Debug, Clone)]
pub struct Document {
    /// Name used in diagnostics (the path as given).
    pub name: String,
    pub format: Format,
    /// The text diagnostics are shown against; every span indexes into it.
    pub text: String,
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
    /// Problems the reader noticed that do not stop reading (front matter that is not YAML);
    /// reported as warnings under the id [`READER_WARNING`].
    pub warnings: Vec<(Range<usize>, String)>,
    /// Facts about the file as a whole that the user should know (it was decoded from a legacy
    /// encoding, it still has tracked changes); reported once each, at severity info.
    pub notes: Vec<Note>,
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
    if format == Format::Docx {
        return docx::read(name, bytes);
    }
    let decoded = decode(bytes).map_err(|message| ReadError { message })?;
    let mut document = read_text(name, format, decoded.text)?;
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
    let mut document = Document {
        name: name.to_string(),
        format,
        text,
        blocks: Vec::new(),
        metadata: Metadata::default(),
        warnings: Vec::new(),
        notes: Vec::new(),
    };
    match format {
        Format::Text => text::read(&mut document),
        Format::Markdown => markdown::read(&mut document),
        Format::Jats => jats::read(&mut document)?,
        Format::Docx => {
            return Err(ReadError {
                message: "a .docx file is a zip archive, not text".into(),
            });
        }
    }
    Ok(document)
}
