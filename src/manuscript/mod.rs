//! The manuscript model: which parts a document has (title, author block, abstracts with their
//! languages, keyword lists, headings, body, reference list, trailing material) and where they
//! stand.
//!
//! [`Manuscript::detect`] builds it from a [`Document`] by layout and heading words, never by
//! matching one particular file. Checks read the model; they never re-parse the text.

mod detect;
pub mod language;
pub mod lexicon;
mod plain_text;
pub(crate) use detect::is_back_matter_title;
pub(crate) use plain_text::appendix as is_appendix_heading;
pub mod shapes;
mod shared;
pub mod structured;

use std::ops::Range;

use serde::Deserialize;

use crate::source::{BlockKind, Document, MappedText};
pub use language::LangCode;
pub use shared::SharedAnalyses;

/// The parts of a manuscript a rule can be scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Title,
    Authors,
    Abstract,
    Keywords,
    Heading,
    Body,
    References,
    Trailing,
}

impl Part {
    /// The name used in rule files and the outline.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Authors => "authors",
            Part::Abstract => "abstract",
            Part::Keywords => "keywords",
            Part::Heading => "heading",
            Part::Body => "body",
            Part::References => "references",
            Part::Trailing => "trailing",
        }
    }

    /// Parts that are the author's prose (what prose rules check by default).
    pub const PROSE: &'static [Part] = &[Part::Title, Part::Abstract, Part::Heading, Part::Body];
}

/// One piece of prose with the part it belongs to and its language.
#[derive(Debug, Clone)]
pub struct Unit {
    pub part: Part,
    pub text: MappedText,
    /// Known when the unit is made, or detected on first use (see [`Unit::detected_on_demand`]).
    language: std::sync::OnceLock<Option<LangCode>>,
    /// The ranges of the text that are not prose (see [`Unit::non_prose`]), found once.
    non_prose: std::sync::OnceLock<Vec<Range<usize>>>,
    /// What the source says the unit's block is (a paragraph, a caption, a table cell…).
    pub block: BlockKind,
}

impl Unit {
    /// A unit whose language is already known (or known to be unknown).
    pub fn new(part: Part, text: MappedText, language: Option<LangCode>) -> Unit {
        Unit {
            part,
            text,
            language: std::sync::OnceLock::from(language),
            non_prose: std::sync::OnceLock::new(),
            block: BlockKind::Paragraph,
        }
    }

    /// The same unit, read from a block of the given kind.
    pub fn in_block(mut self, kind: BlockKind) -> Unit {
        self.block = kind;
        self
    }

    /// A unit whose language is detected only if a rule asks for it. Reference entries are
    /// many, short and rarely asked about (a rule limited to some languages, the dotless ı of a
    /// Turkish title): detecting each one up front cost a sixth of a whole run.
    pub fn detected_on_demand(part: Part, text: MappedText) -> Unit {
        Unit {
            part,
            text,
            language: std::sync::OnceLock::new(),
            non_prose: std::sync::OnceLock::new(),
            block: BlockKind::Paragraph,
        }
    }

    /// The ranges of the unit's text that are not prose (URLs, e-mail addresses, DOIs), found by
    /// `find` on first use and kept: most prose rules ask for them, and one search per unit is
    /// enough.
    pub fn non_prose(&self, find: impl FnOnce(&str) -> Vec<Range<usize>>) -> &[Range<usize>] {
        self.non_prose.get_or_init(|| find(self.text.as_str()))
    }

    /// The unit's own language, when it is known or can be detected reliably.
    pub fn language(&self) -> Option<LangCode> {
        *self.language.get_or_init(|| {
            language::detect(self.text.as_str())
                .filter(|d| d.reliable)
                .map(|d| d.code)
        })
    }
}

/// An abstract: an optional heading and one or more paragraphs.
#[derive(Debug, Clone)]
pub struct Abstract {
    pub heading: Option<MappedText>,
    /// Languages the heading word belongs to ("Abstract" → en, de, it, sv).
    pub heading_languages: Vec<LangCode>,
    pub text: MappedText,
    pub language: Option<LangCode>,
    /// Whether `language` came from a confident detection of the text itself.
    pub language_detected: bool,
    pub words: usize,
}

/// A keyword list.
#[derive(Debug, Clone)]
pub struct KeywordList {
    /// The heading ("Keywords", "Anahtar kelimeler"); empty for front-matter lists.
    pub heading: MappedText,
    pub heading_languages: Vec<LangCode>,
    pub items: Vec<MappedText>,
    pub language: Option<LangCode>,
    /// Source span of the whole list, heading included.
    pub span: Range<usize>,
}

/// A section heading.
#[derive(Debug, Clone)]
pub struct Heading {
    pub text: MappedText,
    /// 1 for a top-level heading; plain-text headings get the depth of their number ("2.1" → 2).
    pub level: u8,
    /// The section number as written ("1.", "2.3", "IV.").
    pub number: Option<String>,
}

/// The reference list.
#[derive(Debug, Clone)]
pub struct ReferenceList {
    pub heading: Option<MappedText>,
    pub entries: Vec<MappedText>,
    /// Where a list after the first begins, as indices into `entries` (see
    /// [`crate::source::Metadata::reference_list_starts`]); empty for one list.
    pub list_starts: Vec<usize>,
    /// The key of each entry, when the format gives keys (a .bib, `\bibitem`, JATS `ref/@id`);
    /// empty for a list found in the prose.
    pub keys: Vec<Option<String>>,
    /// Whether the entries were written out by galley from structured data (a .bib file) rather
    /// than typed by the author: their form says nothing about the author's care.
    pub rendered: bool,
}

/// The recognised structure of one document.
#[derive(Debug, Clone, Default)]
pub struct Manuscript {
    pub title: Option<MappedText>,
    pub authors: Vec<MappedText>,
    pub abstracts: Vec<Abstract>,
    pub keywords: Vec<KeywordList>,
    pub headings: Vec<Heading>,
    pub references: Option<ReferenceList>,
    /// Material after the manuscript proper (a web page's footer copied along).
    pub trailing: Vec<MappedText>,
    /// Every piece of text in document order, with its part and language.
    pub units: Vec<Unit>,
    /// The language most of the body is written in.
    pub language: Option<LangCode>,
    /// Citations the format marks with keys (`\cite{a,b}`, JATS `xref`), in document order.
    pub keyed_citations: Vec<crate::source::KeyedCitation>,
    /// In-text citations matched to reference entries: computed on first use, then shared by
    /// every citation rule.
    citations: std::sync::OnceLock<crate::cite::CitationAnalysis>,
    /// What else several rules read: computed by the first that asks.
    shared: SharedAnalyses,
}

impl Manuscript {
    /// Recognises the parts of `document`.
    pub fn detect(document: &Document) -> Manuscript {
        detect::detect(document)
    }

    /// The in-text citations and reference entries, and how they match.
    pub fn citations(&self) -> &crate::cite::CitationAnalysis {
        self.citations.get_or_init(|| crate::cite::analyse(self))
    }

    /// The analyses rules share for this document.
    pub fn shared(&self) -> &SharedAnalyses {
        &self.shared
    }

    /// Units of the given parts, in document order.
    pub fn units_in<'a>(&'a self, parts: &'a [Part]) -> impl Iterator<Item = &'a Unit> + 'a {
        self.units
            .iter()
            .filter(move |unit| parts.contains(&unit.part))
    }
}
