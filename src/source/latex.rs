//! The LaTeX reader: a `.tex` file, the files it `\input`s and the .bib files it names, to blocks
//! of prose and explicit metadata.
//!
//! The document's text is the main file followed by each included file and each .bib file, one
//! newline between them, with a [`FilePart`] for each, so that a diagnostic names the file and
//! line it belongs to. Prose is read by a small scanner (no TeX is executed): sectioning commands
//! give headings, blank lines paragraphs, `itemize` / `enumerate` items list items, footnotes and
//! captions blocks of their own; `\title`, abstracts and keyword lists become [`Metadata`]:
//! abstract environments (with the language of the surrounding `otherlanguage` /
//! `\selectlanguage`, of the environment's name, `ozet`, or of its option, abnTeX2's
//! `resumo[Abstract]`), headings that name an abstract (`\chapter*{ÖZET}`, up to the next heading,
//! keyword list or page break), keyword commands and environments named after heading words
//! (see `vocabulary`) and paragraphs led by a keyword label; `\cite` and its relatives become
//! [`KeyedCitation`]s; `thebibliography` and the .bib files keyed entries (and, for a document that
//! names no .bib file, the one its class adds: ReScience C's `metadata.tex`). `\import` and its
//! relatives read files in the folders they name.
//!
//! Command names, citation keys, labels, references, URLs and math must never reach prose: math
//! and references inside a sentence become U+FFFC (as in the Markdown reader), the arguments of
//! commands galley does not know are dropped, `%` comments are dropped. The scanner keeps its own
//! stack of groups instead of recursing, so unbalanced or deeply nested braces cannot panic or
//! exhaust the stack; an `\input` cycle or nesting deeper than [`MAX_INCLUDE_DEPTH`] is an error
//! for the file, never a hang.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::markdown::PLACEHOLDER;
use super::{
    Block, BlockKind, Document, FilePart, KeyedCitation, KeyedEntry, Loader, MappedText,
    MetaKeywords, MetaText, Metadata, ReadError, latex_bib,
};
use crate::manuscript::language::detect as detect_language;
use crate::manuscript::lexicon::{HeadingKind, Lexicon};

/// How deep `\input` may nest.
pub const MAX_INCLUDE_DEPTH: usize = 16;
/// How many files (included .tex and .bib) one document may be made of.
const MAX_FILES: usize = 500;
/// How large the text of all of a document's files together may grow (a file included again
/// and again must not fill the memory).
const MAX_TOTAL_BYTES: usize = 64 * 1024 * 1024;

/// Environments whose content is math: a placeholder in the sentence.
const MATH_ENVS: &[&str] = &[
    "equation",
    "equation*",
    "align",
    "align*",
    "alignat",
    "alignat*",
    "flalign",
    "flalign*",
    "gather",
    "gather*",
    "multline",
    "multline*",
    "eqnarray",
    "eqnarray*",
    "displaymath",
    "math",
    "dmath",
    "dmath*",
    "split",
    "subequations",
];

/// Environments whose content is never prose and leaves nothing behind.
const SKIPPED_ENVS: &[&str] = &[
    "verbatim",
    "verbatim*",
    "Verbatim",
    "lstlisting",
    "minted",
    "comment",
    "alltt",
    "filecontents",
    "filecontents*",
    "tikzpicture",
    "pgfpicture",
    "axis",
    "tabular",
    "tabular*",
    "tabularx",
    "longtable",
    "array",
    "algorithmic",
    "lstinputlisting",
    "forest",
    "thebibliography*",
];

/// Declarations: commands that change the font, the size or the layout from here on, take no
/// argument and leave nothing behind (a group after them is prose: `\itshape{…}`).
const DECLARATIONS: &[&str] = &[
    "noindent",
    "indent",
    "centering",
    "raggedright",
    "raggedleft",
    "itshape",
    "bfseries",
    "mdseries",
    "upshape",
    "slshape",
    "scshape",
    "normalfont",
    "rmfamily",
    "sffamily",
    "em",
    "it",
    "bf",
    "sl",
    "sc",
    "rm",
    "sf",
    "tiny",
    "scriptsize",
    "footnotesize",
    "small",
    "normalsize",
    "large",
    "Large",
    "LARGE",
    "huge",
    "Huge",
    "smallskip",
    "medskip",
    "bigskip",
    "vfill",
    "hskip",
    "labelsep",
    "maketitle",
    "makeatletter",
    "makeatother",
];

/// Commands that end an abstract written under a heading (`\chapter*{Abstract}` and its text):
/// a new page, the table of contents, a new part of the book.
const ABSTRACT_ENDS: &[&str] = &[
    "clearpage",
    "cleardoublepage",
    "newpage",
    "pagebreak",
    "tableofcontents",
    "listoffigures",
    "listoftables",
    "frontmatter",
    "mainmatter",
    "backmatter",
    "appendix",
    "printbibliography",
    "printglossary",
    "printglossaries",
];

/// Commands whose argument is prose.
const TEXT_COMMANDS: &[&str] = &[
    "emph",
    "textbf",
    "textit",
    "textsl",
    "textsc",
    "textup",
    "textmd",
    "textrm",
    "textsf",
    "textnormal",
    "underline",
    "uline",
    "mbox",
    "text",
    "MakeUppercase",
    "MakeLowercase",
    "textcolor*",
    "hyperref",
    "foreignlanguage",
    "href",
    "textcolor",
    "colorbox",
    "highlight",
    "hl",
];

/// Commands that stand for a word in the sentence (a reference, a URL, a quantity, code): their
/// arguments are dropped and a placeholder stands in.
const PLACEHOLDER_COMMANDS: &[&str] = &[
    "ref", "eqref", "autoref", "Autoref", "cref", "Cref", "cpageref", "vref", "pageref", "nameref",
    "url", "path", "texttt", "SI", "si", "num", "qty", "unit", "ce", "gls", "Gls", "glspl",
    "acrshort", "acrlong", "acrfull", "ac", "acs", "acl", "acf",
];

/// Commands whose arguments are dropped and that leave nothing behind (labels, figures, spacing,
/// front-matter fields that are not prose).
const SILENT_COMMANDS: &[&str] = &[
    "label",
    "includegraphics",
    "vspace",
    "hspace",
    "phantom",
    "hphantom",
    "vphantom",
    "bibliographystyle",
    "setlength",
    "addtolength",
    "setcounter",
    "addtocounter",
    "usepackage",
    "RequirePackage",
    "documentclass",
    "author",
    "date",
    "thanks",
    "affil",
    "affiliation",
    "address",
    "email",
    "orcid",
    "institute",
    "subtitle",
    "graphicspath",
    "hypersetup",
    "geometry",
    "pagestyle",
    "thispagestyle",
    "pagenumbering",
    "addcontentsline",
    "printbibliography",
    "index",
    "glossary",
    "color",
    "definecolor",
    "newlength",
    "newcounter",
    "hyphenation",
    "fontsize",
    "selectfont",
    "rule",
    "raisebox",
    "resizebox",
    "scalebox",
    "newacronym",
    "newglossaryentry",
    "linespread",
    "marginpar",
    "todo",
    "bibliographystyle",
    "tnoteref",
    "fnref",
    "corref",
    "ead",
    "cortext",
    "tnotetext",
    "fntext",
];

/// Commands that are words or characters.
const SYMBOLS: &[(&str, &str)] = &[
    ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
    ("LaTeXe", "LaTeX2e"),
    ("BibTeX", "BibTeX"),
    ("ldots", "…"),
    ("dots", "…"),
    ("textellipsis", "…"),
    ("textendash", "–"),
    ("textemdash", "—"),
    ("textquoteleft", "‘"),
    ("textquoteright", "’"),
    ("textquotedblleft", "“"),
    ("textquotedblright", "”"),
    ("guillemotleft", "«"),
    ("guillemotright", "»"),
    ("S", "§"),
    ("P", "¶"),
    ("i", "ı"),
    ("j", "ȷ"),
    ("ss", "ß"),
    ("o", "ø"),
    ("O", "Ø"),
    ("ae", "æ"),
    ("AE", "Æ"),
    ("oe", "œ"),
    ("OE", "Œ"),
    ("l", "ł"),
    ("L", "Ł"),
    ("aa", "å"),
    ("AA", "Å"),
    ("textdegree", "°"),
    ("textpercent", "%"),
    ("textbackslash", "\\"),
    ("textasciitilde", "~"),
    ("textunderscore", "_"),
    ("copyright", "©"),
    ("textregistered", "®"),
    ("texttrademark", "™"),
    ("euro", "€"),
    ("pounds", "£"),
];

/// Commands that break a line or a paragraph, or make a space.
const SPACES: &[&str] = &[
    "newline",
    "linebreak",
    "quad",
    "qquad",
    "enspace",
    "thinspace",
    "space",
    "hfill",
];

/// Accent commands and the combining mark each adds.
const ACCENTS: &[(&str, char)] = &[
    ("'", '\u{301}'),
    ("`", '\u{300}'),
    ("^", '\u{302}'),
    ("\"", '\u{308}'),
    ("~", '\u{303}'),
    ("=", '\u{304}'),
    (".", '\u{307}'),
    ("u", '\u{306}'),
    ("v", '\u{30C}'),
    ("H", '\u{30B}'),
    ("c", '\u{327}'),
    ("k", '\u{328}'),
    ("r", '\u{30A}'),
    ("d", '\u{323}'),
    ("b", '\u{331}'),
];

/// The language codes of babel / polyglossia language names.
fn babel_language(name: &str) -> Option<&'static str> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "english" | "american" | "british" | "usenglish" | "ukenglish" | "canadian"
        | "australian" => "en",
        "turkish" => "tr",
        "german" | "ngerman" | "austrian" | "naustrian" => "de",
        "french" | "francais" => "fr",
        "spanish" => "es",
        "portuguese" | "portuges" | "brazil" | "brazilian" => "pt",
        "italian" => "it",
        "dutch" => "nl",
        "russian" => "ru",
        "polish" => "pl",
        "greek" => "el",
        "arabic" => "ar",
        "persian" | "farsi" => "fa",
        "swedish" => "sv",
        "norsk" | "norwegian" => "no",
        "danish" => "da",
        "finnish" => "fi",
        "czech" => "cs",
        "hungarian" | "magyar" => "hu",
        "romanian" => "ro",
        "ukrainian" => "uk",
        "catalan" => "ca",
        "croatian" => "hr",
        "serbian" => "sr",
        "indonesian" | "bahasai" => "id",
        _ => return None,
    })
}

pub(super) fn read(document: &mut Document, loader: &dyn Loader) -> Result<(), ReadError> {
    let main = std::mem::take(&mut document.text);
    let mut reader = Reader::new(loader, &main);
    reader.parts.push(FilePart {
        name: document.name.clone(),
        range: 0..main.len(),
        anchor: None,
    });
    reader.combined.push_str(&main);
    // The main file is the first link of any include chain; the loader knows it by its file name.
    let file_name = document
        .name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&document.name)
        .to_string();
    if let Ok(main_file) = loader.load(&file_name) {
        reader.chain.push(main_file.identity);
    }
    reader.scan(&main, 0, 0)?;
    reader.close_all();
    normalise_levels(&mut reader.blocks);
    if reader.bib_requests.is_empty() {
        reader.bib_requests = class_bibliographies(&main, loader);
    }
    reader.read_bibliographies();
    document.text = reader.combined;
    document.parts = reader.parts;
    document.blocks = reader.blocks;
    document.metadata = reader.metadata;
    document.warnings = reader.warnings;
    document.notes.extend(reader.notes);
    Ok(())
}

/// What closing a group does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Close {
    Nothing,
    /// Deliver the innermost capture.
    Capture,
    /// Emit this text (a closing quotation mark).
    Emit(&'static str),
}

/// Where captured text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dest {
    Title,
    /// A sectioning command's title: its level, and whether it is starred (unnumbered).
    Heading(u8, bool),
    Footnote,
    Caption,
    Abstract(Option<String>),
    Keywords(Option<String>, Range<usize>),
}

struct Capture {
    dest: Dest,
    text: MappedText,
}

/// What an open environment did, undone at its `\end`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum EnvEffect {
    None,
    Container,
    Abstract,
    Keywords,
    Language(Option<String>),
    Bibliography,
}

struct Env {
    name: String,
    effect: EnvEffect,
}

/// An open abstract: how it was opened and whether its language is settled.
#[derive(Debug, Clone)]
struct AbstractState {
    /// Opened by a heading (`\chapter*{Özet}`) rather than an environment: it ends at the next
    /// heading, keyword list or page break, or when the environment around the heading ends.
    by_heading: bool,
    /// How many environments were open when it started.
    env_depth: usize,
    /// Whether a heading word or the environment's name gave the language.
    language_settled: bool,
    /// The language in effect where it started; a language environment opened inside it
    /// (abnTeX2's `otherlanguage*` inside `resumo`) gives the abstract's language.
    outer_language: Option<String>,
}

/// Where relative file names of the file being read are looked up.
#[derive(Debug, Clone, Default)]
struct Folders {
    /// The folder of the file itself, relative to the main file (`sections/`), for `\subimport`.
    file: String,
    /// The folder an `\import` set (`\input` inside an imported file looks there first).
    import: String,
}

struct Reader<'l> {
    loader: &'l dyn Loader,
    combined: String,
    parts: Vec<FilePart>,
    /// Identities of the files being read, outermost first, to recognise a cycle.
    chain: Vec<String>,
    blocks: Vec<Block>,
    metadata: Metadata,
    warnings: Vec<(Range<usize>, String)>,
    open: Option<(BlockKind, MappedText)>,
    groups: Vec<Close>,
    captures: Vec<Capture>,
    envs: Vec<Env>,
    containers: Vec<BlockKind>,
    language: Option<String>,
    /// Whether prose is being read: after `\begin{document}`, or everywhere in a fragment.
    in_document: bool,
    abstract_open: Option<usize>,
    /// How the open abstract's language is settled (see [`AbstractState`]).
    abstract_state: Option<AbstractState>,
    /// Whether a numbered heading has been read: the body has started.
    body_started: bool,
    /// The folder of each file being read and the folder `\import` set for it, innermost last.
    folders: Vec<Folders>,
    /// Facts about included files (a legacy encoding), told once each.
    notes: Vec<super::Note>,
    /// An open keyword environment: its language, the span of `\begin{…}`, and its text.
    keywords_open: Option<(Option<String>, Range<usize>, MappedText)>,
    /// An open `thebibliography`, and the entry being read in it.
    bibliography_open: bool,
    bibitem: Option<(Option<String>, MappedText)>,
    /// .bib files named, with the span of the command that named them.
    bib_requests: Vec<(String, Range<usize>)>,
    /// Environment names whose `\end` is known to be missing after a byte of the current file.
    missing_end: HashMap<String, usize>,
}

impl<'l> Reader<'l> {
    fn new(loader: &'l dyn Loader, main: &str) -> Self {
        let fragment = !main.contains("\\begin{document}");
        Self {
            loader,
            combined: String::new(),
            parts: Vec::new(),
            chain: Vec::new(),
            blocks: Vec::new(),
            metadata: Metadata::default(),
            warnings: Vec::new(),
            open: None,
            groups: Vec::new(),
            captures: Vec::new(),
            envs: Vec::new(),
            containers: Vec::new(),
            language: None,
            in_document: fragment,
            abstract_open: None,
            abstract_state: None,
            body_started: false,
            folders: vec![Folders::default()],
            notes: Vec::new(),
            keywords_open: None,
            bibliography_open: false,
            bibitem: None,
            bib_requests: Vec::new(),
            missing_end: HashMap::new(),
        }
    }

    // ----- where text goes -------------------------------------------------------------------

    fn container_kind(&self) -> BlockKind {
        self.containers
            .last()
            .copied()
            .unwrap_or(BlockKind::Paragraph)
    }

    /// The text being written: the innermost capture, the keyword environment, or the open
    /// block (opened on demand); nothing in the preamble.
    fn sink(&mut self) -> Option<&mut MappedText> {
        if !self.captures.is_empty() {
            return self.captures.last_mut().map(|c| &mut c.text);
        }
        if self.keywords_open.is_some() {
            return self.keywords_open.as_mut().map(|(_, _, text)| text);
        }
        if !self.in_document {
            return None;
        }
        if self.open.is_none() {
            self.open = Some((self.container_kind(), MappedText::new()));
        }
        self.open.as_mut().map(|(_, text)| text)
    }

    fn emit_at(&mut self, piece: &str, at: usize) {
        if let Some(sink) = self.sink() {
            sink.push_at(piece, at);
        }
    }

    fn emit(&mut self, piece: &str) {
        if let Some(sink) = self.sink() {
            sink.push_synthetic(piece);
        }
    }

    /// One space, unless the text is empty or already ends with one; `at` is where a source
    /// space stands (kept mapped), `None` for a space that replaces something else.
    fn space(&mut self, at: Option<usize>) {
        let Some(sink) = self.sink() else { return };
        if sink.as_str().is_empty() || sink.as_str().ends_with(char::is_whitespace) {
            return;
        }
        match at {
            Some(at) => sink.push_at(" ", at),
            None => sink.push_synthetic(" "),
        }
    }

    /// Ends the open block, if no capture is open (a blank line inside a footnote is a space).
    fn paragraph_break(&mut self) {
        if self.captures.is_empty() {
            self.finish();
        } else {
            self.space(None);
        }
    }

    /// Delivers the open block where the environment around it says.
    fn finish(&mut self) {
        let Some((kind, text)) = self.open.take() else {
            return;
        };
        let text = text.trimmed();
        if !text.as_str().chars().any(char::is_alphanumeric) {
            return;
        }
        if self.in_document
            && (self.abstract_open.is_some() || !self.body_started)
            && !self.bibliography_open
            && self.labelled_keywords(&text)
        {
            return;
        }
        if let Some(index) = self.abstract_open {
            if let Some(state) = &self.abstract_state
                && !state.language_settled
                && self.language.is_some()
                && self.language != state.outer_language
                && let Some(abs) = self.metadata.abstracts.get_mut(index)
                && abs.text.is_empty()
            {
                abs.language = self.language.clone();
            }
            if let Some(abs) = self.metadata.abstracts.get_mut(index) {
                if !abs.text.is_empty() {
                    abs.text.push_synthetic("\n");
                }
                abs.text.append(&text);
            }
            return;
        }
        if self.bibliography_open {
            if let Some((_, entry)) = self.bibitem.as_mut() {
                if !entry.is_empty() {
                    entry.push_synthetic(" ");
                }
                entry.append(&text);
            }
            return;
        }
        self.blocks.push(Block { kind, text });
    }

    fn deliver_bibitem(&mut self) {
        self.finish();
        if let Some((key, text)) = self.bibitem.take() {
            let text = text.trimmed();
            if !text.is_empty() {
                self.metadata.references.push(KeyedEntry { key, text });
            }
        }
    }

    fn open_capture(&mut self, dest: Dest) {
        if matches!(dest, Dest::Heading(..) | Dest::Abstract(_)) && self.captures.is_empty() {
            self.finish();
        }
        self.captures.push(Capture {
            dest,
            text: MappedText::new(),
        });
    }

    fn deliver_capture(&mut self) {
        let Some(capture) = self.captures.pop() else {
            return;
        };
        let text = capture.text.trimmed();
        if text.is_empty() {
            return;
        }
        match capture.dest {
            Dest::Title => self.metadata.title = Some(text),
            Dest::Heading(level, starred) => {
                // A heading naming an abstract opens one (its word gives the language when it
                // names one language); like an abstract environment's, the heading is not a
                // section of the body.
                let marker = vocabulary::heading_marks(HeadingKind::Abstract, text.as_str());
                match marker {
                    Some(marker)
                        if self.abstract_open.is_none()
                            && self.captures.is_empty()
                            && !(self.body_started && (marker.closing_summary || !starred)) =>
                    {
                        self.open_abstract(marker.language, true);
                    }
                    _ => {
                        self.body_started |= !starred;
                        self.blocks.push(Block {
                            kind: BlockKind::Heading(level),
                            text,
                        });
                    }
                }
            }
            Dest::Footnote => self.blocks.push(Block {
                kind: BlockKind::Footnote,
                text,
            }),
            Dest::Caption => self.blocks.push(Block {
                kind: BlockKind::Caption,
                text,
            }),
            Dest::Abstract(language) => self.metadata.abstracts.push(MetaText { language, text }),
            Dest::Keywords(language, span) => {
                let language = self.keyword_language(language, &text);
                self.push_keywords(language, span, &text);
            }
        }
    }

    /// Opens an abstract (an environment, or a heading naming one) in `language`, if known.
    fn open_abstract(&mut self, language: Option<String>, by_heading: bool) {
        self.end_heading_abstract();
        let language_settled = language.is_some();
        let language = language.or_else(|| self.language.clone());
        self.metadata.abstracts.push(MetaText {
            language,
            text: MappedText::new(),
        });
        self.abstract_open = Some(self.metadata.abstracts.len() - 1);
        self.abstract_state = Some(AbstractState {
            by_heading,
            env_depth: self.envs.len(),
            language_settled,
            outer_language: self.language.clone(),
        });
    }

    /// Closes the open abstract; one with no text is dropped.
    fn close_abstract(&mut self) {
        self.finish();
        self.abstract_state = None;
        if let Some(index) = self.abstract_open.take()
            && self
                .metadata
                .abstracts
                .get(index)
                .is_some_and(|a| a.text.is_empty())
        {
            self.metadata.abstracts.remove(index);
        }
    }

    /// Closes an abstract that a heading opened (the environments' abstracts end at `\end`).
    fn end_heading_abstract(&mut self) {
        if self.abstract_state.as_ref().is_some_and(|s| s.by_heading) {
            self.close_abstract();
        }
    }

    /// A paragraph that starts with a keyword label ("Keywords:", "Palavras-chave.") becomes a
    /// keyword list; returns whether it did.
    fn labelled_keywords(&mut self, text: &MappedText) -> bool {
        let Some(found) = Lexicon::get().leading(HeadingKind::Keywords, text.as_str()) else {
            return false;
        };
        if found.content_start >= text.as_str().len() {
            return false;
        }
        let label = match found.languages {
            [only] => Some((*only).to_string()),
            _ => None,
        };
        let items = text.slice(found.content_start..text.as_str().len());
        let key_span = text.slice(0..found.heading_end).source_span();
        let language = self.keyword_language(label, &items);
        self.push_keywords(language, key_span, &items);
        true
    }

    /// A keyword list's language: its items' own when they show it clearly; else, inside an
    /// abstract, the abstract's (left to structure detection); else the label's or the
    /// surrounding language's.
    fn keyword_language(&self, label: Option<String>, items: &MappedText) -> Option<String> {
        let joined = split_keywords(items)
            .iter()
            .map(MappedText::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(detected) = detect_language(&joined).filter(|d| d.reliable) {
            return Some(detected.code.to_string());
        }
        if self.abstract_open.is_some() {
            return None;
        }
        label.or_else(|| self.language.clone())
    }

    fn push_keywords(
        &mut self,
        language: Option<String>,
        key_span: Range<usize>,
        text: &MappedText,
    ) {
        self.end_heading_abstract();
        let items = split_keywords(text);
        if !items.is_empty() {
            self.metadata.keywords.push(MetaKeywords {
                language,
                key_span,
                items,
            });
        }
    }

    fn close_group(&mut self) {
        match self.groups.pop() {
            Some(Close::Capture) => self.deliver_capture(),
            Some(Close::Emit(text)) => self.emit(text),
            Some(Close::Nothing) | None => {}
        }
    }

    /// Closes whatever a file left open, so nothing it captured is lost.
    fn close_groups_to(&mut self, depth: usize) {
        while self.groups.len() > depth {
            self.close_group();
        }
    }

    fn close_all(&mut self) {
        self.close_groups_to(0);
        while let Some(env) = self.envs.pop() {
            self.end_effect(env.effect);
        }
        self.end_heading_abstract();
        self.finish();
        self.deliver_bibitem();
    }

    // ----- the scanner ------------------------------------------------------------------------

    /// Reads one file's text `src`, which stands at byte `base` of the document's text.
    fn scan(&mut self, src: &str, base: usize, depth: usize) -> Result<(), ReadError> {
        let pairs = brace_pairs(src);
        let group_depth = self.groups.len();
        self.missing_end.clear();
        self.scan_range(src, base, 0..src.len(), depth, &pairs)?;
        self.close_groups_to(group_depth);
        Ok(())
    }

    /// Reads the bytes `range` of `src`; returns where reading stopped (a command at the end of
    /// the range may read past it).
    fn scan_range(
        &mut self,
        src: &str,
        base: usize,
        range: Range<usize>,
        depth: usize,
        pairs: &HashMap<usize, usize>,
    ) -> Result<usize, ReadError> {
        let group_depth = self.groups.len();
        let bytes = &src.as_bytes()[..range.end];
        let mut i = range.start;
        let mut after_comment = false;
        while i < bytes.len() {
            let c = bytes[i];
            let was_after_comment = std::mem::take(&mut after_comment);
            match c {
                b'%' => {
                    i = skip_comment(src, i);
                    after_comment = true;
                }
                b'\\' => i = self.command(src, base, i, depth, pairs)?,
                b'{' => {
                    self.groups.push(Close::Nothing);
                    i += 1;
                }
                b'}' => {
                    if self.groups.len() > group_depth {
                        self.close_group();
                    }
                    i += 1;
                }
                b'$' => {
                    let display = bytes.get(i + 1) == Some(&b'$');
                    let (open, close) = if display { (2, "$$") } else { (1, "$") };
                    i = self.math(src, i + open, close);
                }
                b'~' => {
                    self.space(None);
                    i += 1;
                }
                b' ' | b'\t' | b'\r' | b'\n' => {
                    let start = i;
                    let mut newlines = usize::from(was_after_comment);
                    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
                        newlines += usize::from(bytes[i] == b'\n');
                        i += 1;
                    }
                    if newlines >= 2 {
                        self.paragraph_break();
                    } else if &src[start..i] == " " {
                        self.space(Some(base + start));
                    } else {
                        self.space(None);
                    }
                }
                b'-' => {
                    let run = bytes[i..].iter().take_while(|&&b| b == b'-').count();
                    match run {
                        1 => self.emit_at("-", base + i),
                        2 => self.emit("–"),
                        _ => self.emit("—"),
                    }
                    i += run;
                }
                b'`' => {
                    if bytes.get(i + 1) == Some(&b'`') {
                        self.emit("“");
                        i += 2;
                    } else {
                        self.emit("‘");
                        i += 1;
                    }
                }
                b'\'' => {
                    if bytes.get(i + 1) == Some(&b'\'') {
                        self.emit("”");
                        i += 2;
                    } else {
                        self.emit_at("'", base + i);
                        i += 1;
                    }
                }
                b'&' => {
                    self.space(None);
                    i += 1;
                }
                b'#' | b'^' | b'_' => i += 1,
                _ => {
                    let end = bytes[i..]
                        .iter()
                        .position(|b| SPECIAL.contains(b))
                        .map_or(bytes.len(), |p| i + p);
                    let end = end.max(i + 1);
                    let end = ceil_boundary(src, end);
                    self.emit_at(&src[i..end], base + i);
                    i = end;
                }
            }
        }
        self.close_groups_to(group_depth);
        Ok(i)
    }

    /// Math from `from` to the closing delimiter: a placeholder. Unclosed math runs to the end of
    /// the paragraph. Returns where reading goes on.
    fn math(&mut self, src: &str, from: usize, close: &str) -> usize {
        let end = find_unescaped(src, from, close);
        self.emit(PLACEHOLDER);
        match end {
            Some(at) => at + close.len(),
            None => paragraph_end(src, from),
        }
    }

    /// A command at `i` (a backslash); returns where reading goes on.
    fn command(
        &mut self,
        src: &str,
        base: usize,
        i: usize,
        depth: usize,
        pairs: &HashMap<usize, usize>,
    ) -> Result<usize, ReadError> {
        let bytes = src.as_bytes();
        let Some(&next) = bytes.get(i + 1) else {
            return Ok(i + 1);
        };
        if !next.is_ascii_alphabetic() {
            let ch = src[i + 1..].chars().next().unwrap_or(' ');
            let after = i + 1 + ch.len_utf8();
            return Ok(match ch {
                '\\' => {
                    self.space(None);
                    let after = skip_char(src, after, b'*');
                    skip_optional(src, after, pairs)
                }
                '%' | '&' | '$' | '#' | '_' | '{' | '}' => {
                    self.emit_at(&src[i + 1..after], base + i + 1);
                    after
                }
                ' ' | '\n' | '\t' | ',' | ';' | ':' | '>' => {
                    self.space(None);
                    after
                }
                '(' => self.math(src, after, "\\)"),
                '[' => self.math(src, after, "\\]"),
                '\'' | '`' | '^' | '"' | '~' | '=' | '.' => self.accent(src, after, ch, pairs),
                _ => after,
            });
        }
        let name_end = bytes[i + 1..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map_or(bytes.len(), |p| i + 1 + p);
        let name = &src[i + 1..name_end];
        let starred = bytes.get(name_end) == Some(&b'*');
        let mut j = if starred { name_end + 1 } else { name_end };
        // A control word swallows the spaces after it.
        let skip_spaces = |at: usize| {
            at + bytes[at..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count()
        };

        if let Some(level) = self.heading_level(name) {
            j = skip_optional(src, skip_ws(src, j), pairs);
            let at = skip_ws(src, j);
            if bytes.get(at) == Some(&b'{') && self.in_document {
                if self.captures.is_empty() {
                    self.end_heading_abstract();
                }
                let starred = starred || matches!(name, "addchap" | "addsec" | "addpart");
                self.open_capture(Dest::Heading(level, starred));
                self.groups.push(Close::Capture);
                return Ok(at + 1);
            }
            return Ok(j);
        }
        if is_citation(name) {
            return Ok(self.citation(src, base, i, j, name, pairs));
        }
        if let Some(marker) = vocabulary::name_marks(HeadingKind::Keywords, name) {
            let at = skip_ws(src, skip_optional(src, skip_ws(src, j), pairs));
            if bytes.get(at) == Some(&b'{') {
                let language = marker.language;
                let span = base + i..base + name_end;
                self.open_capture(Dest::Keywords(language, span));
                self.groups.push(Close::Capture);
                return Ok(at + 1);
            }
            return Ok(skip_spaces(j));
        }
        if let Some(&(_, mark)) = ACCENTS.iter().find(|(n, _)| *n == name) {
            // Letter-named accents (\c, \u, \v, …) when an argument follows.
            let at = skip_spaces(j);
            if bytes
                .get(at)
                .is_some_and(|b| *b == b'{' || b.is_ascii_alphabetic())
                && !starred
            {
                return Ok(self.accent_with(src, at, mark, pairs));
            }
        }
        match name {
            "title" => {
                let at = skip_ws(src, skip_optional(src, skip_ws(src, j), pairs));
                if bytes.get(at) == Some(&b'{') {
                    self.open_capture(Dest::Title);
                    self.groups.push(Close::Capture);
                    return Ok(at + 1);
                }
                Ok(j)
            }
            "abstract" => {
                let at = skip_ws(src, j);
                if bytes.get(at) == Some(&b'{') {
                    self.open_capture(Dest::Abstract(self.language.clone()));
                    self.groups.push(Close::Capture);
                    return Ok(at + 1);
                }
                Ok(skip_spaces(j))
            }
            "footnote" | "footnotetext" | "caption" | "captionof" => {
                let mut at = skip_ws(src, j);
                if name == "captionof" {
                    at = skip_ws(src, skip_group(src, at, pairs));
                }
                at = skip_ws(src, skip_optional(src, at, pairs));
                if bytes.get(at) == Some(&b'{') && self.in_document {
                    let dest = if name.starts_with("foot") {
                        Dest::Footnote
                    } else {
                        Dest::Caption
                    };
                    self.open_capture(dest);
                    self.groups.push(Close::Capture);
                    return Ok(at + 1);
                }
                Ok(j)
            }
            "enquote" | "textquote" => {
                let at = skip_ws(src, j);
                if bytes.get(at) == Some(&b'{') {
                    self.emit("“");
                    self.groups.push(Close::Emit("”"));
                    return Ok(at + 1);
                }
                Ok(j)
            }
            "item" => {
                if self.captures.is_empty() {
                    self.finish();
                    if self.in_document && !self.containers.is_empty() {
                        self.open = Some((self.container_kind(), MappedText::new()));
                    }
                }
                let at = skip_spaces(j);
                let after = skip_optional(src, at, pairs);
                // Outside a list, `\item[Keywords:]` is a run-in label (templates write keyword
                // lines this way): its words are read as the start of the paragraph.
                if after > at + 1
                    && self.containers.is_empty()
                    && self.in_document
                    && Lexicon::get()
                        .leading(
                            HeadingKind::Keywords,
                            &strip_commands(&src[at + 1..after - 1]),
                        )
                        .is_some()
                {
                    let end = self.scan_range(src, base, at + 1..after - 1, depth, pairs)?;
                    let ends_with_mark = self.sink().is_some_and(|text| {
                        text.as_str()
                            .trim_end()
                            .ends_with(['.', ':', ';', '—', '–'])
                    });
                    if !ends_with_mark {
                        self.emit(":");
                    }
                    self.emit(" ");
                    return Ok(after.max(end));
                }
                Ok(after)
            }
            "bibitem" => {
                if self.bibliography_open {
                    self.deliver_bibitem();
                }
                let at = skip_ws(src, skip_optional(src, skip_ws(src, j), pairs));
                let (key, after) = match group_inner(src, at, pairs) {
                    Some((inner, after)) => (Some(src[inner].trim().to_string()), after),
                    None => (None, at),
                };
                if self.bibliography_open {
                    self.bibitem = Some((key, MappedText::new()));
                }
                Ok(after)
            }
            // Separators of keyword lists (elsarticle's `\sep`).
            "sep" | "and" => {
                self.emit(",");
                Ok(skip_spaces(j))
            }
            "par" => {
                self.paragraph_break();
                Ok(skip_spaces(j))
            }
            "begin" => self.begin(src, base, i, j, pairs),
            "end" => Ok(self.end(src, j, pairs)),
            "input" | "include" | "subfile" | "InputIfFileExists" => {
                self.include(src, base, i, j, depth, pairs)
            }
            "import" | "subimport" | "inputfrom" | "subinputfrom" | "includefrom"
            | "subincludefrom" => self.import(src, base, i, j, name, depth, pairs),
            _ if ABSTRACT_ENDS.contains(&name) => {
                if self.captures.is_empty() {
                    self.end_heading_abstract();
                }
                if matches!(name, "mainmatter" | "appendix" | "backmatter") {
                    self.body_started = true;
                }
                Ok(skip_spaces(skip_arguments(src, j, pairs, false)))
            }
            _ if DECLARATIONS.contains(&name) => Ok(skip_spaces(j)),
            "bibliography" | "addbibresource" | "addglobalbib" => {
                if name == "bibliography" && self.captures.is_empty() {
                    self.end_heading_abstract();
                }
                let at = skip_ws(src, skip_optional(src, skip_ws(src, j), pairs));
                let Some((inner, after)) = group_inner(src, at, pairs) else {
                    return Ok(j);
                };
                for file in src[inner].split(',') {
                    let file = file.trim();
                    if file.is_empty() {
                        continue;
                    }
                    let file = if name == "bibliography" && !file.ends_with(".bib") {
                        format!("{file}.bib")
                    } else {
                        file.to_string()
                    };
                    self.bib_requests.push((file, base + i..base + after));
                }
                Ok(after)
            }
            // The document's language: babel's last option, or polyglossia's main language.
            "usepackage" | "setmainlanguage" | "setdefaultlanguage" => {
                let at = skip_ws(src, j);
                let options_end = skip_optional(src, at, pairs);
                let after = skip_arguments(src, j, pairs, false);
                let package = group_inner(src, skip_ws(src, options_end), pairs)
                    .map(|(inner, _)| src[inner].trim().to_string());
                let language = if name == "usepackage" {
                    (package.as_deref() == Some("babel") && options_end > at)
                        .then(|| &src[at + 1..options_end - 1])
                        .and_then(|options| {
                            let main = options
                                .split(',')
                                .find_map(|o| o.trim().strip_prefix("main="));
                            match main {
                                Some(main) => babel_language(main),
                                None => options.split(',').filter_map(babel_language).next_back(),
                            }
                        })
                } else {
                    package.as_deref().and_then(babel_language)
                };
                if let Some(language) = language {
                    self.metadata.language = Some(language.to_string());
                }
                Ok(skip_spaces(after))
            }
            "selectlanguage" => {
                let at = skip_ws(src, j);
                match group_inner(src, at, pairs) {
                    Some((inner, after)) => {
                        self.language = babel_language(&src[inner]).map(str::to_string);
                        Ok(after)
                    }
                    None => Ok(j),
                }
            }
            "verb" | "lstinline" | "mintinline" => {
                // \verb|code|: the character after the name delimits the code.
                let mut at = j;
                if name != "verb" {
                    at = skip_optional(src, at, pairs);
                    if name == "mintinline" {
                        at = skip_group(src, at, pairs);
                    }
                    if bytes.get(at) == Some(&b'{') {
                        self.emit(PLACEHOLDER);
                        return Ok(skip_group(src, at, pairs));
                    }
                }
                let Some(delimiter) = src[at..].chars().next() else {
                    return Ok(at);
                };
                let from = at + delimiter.len_utf8();
                let end = src[from..].find(delimiter).map_or_else(
                    || paragraph_end(src, from),
                    |p| from + p + delimiter.len_utf8(),
                );
                self.emit(PLACEHOLDER);
                Ok(end)
            }
            "def" | "gdef" | "edef" | "xdef" => {
                // \def\name#1#2{body}: everything up to the body, and the body.
                let at = bytes[j..]
                    .iter()
                    .position(|b| *b == b'{' || *b == b'\n')
                    .map_or(bytes.len(), |p| j + p);
                Ok(skip_group(src, at, pairs))
            }
            "newcommand"
            | "renewcommand"
            | "providecommand"
            | "DeclareRobustCommand"
            | "newenvironment"
            | "renewenvironment"
            | "NewDocumentCommand"
            | "RenewDocumentCommand"
            | "DeclareMathOperator"
            | "newtheorem" => {
                // The name (braced or not), then all arguments and bodies.
                let mut at = skip_ws(src, j);
                if bytes.get(at) == Some(&b'\\') {
                    at = bytes[at + 1..]
                        .iter()
                        .position(|b| !b.is_ascii_alphabetic())
                        .map_or(bytes.len(), |p| at + 1 + p);
                }
                Ok(skip_arguments(src, at, pairs, true))
            }
            _ if TEXT_COMMANDS.contains(&name) => {
                let mut at = skip_ws(src, skip_optional(src, skip_ws(src, j), pairs));
                // The first argument of these is not prose: a language, a URL, a colour.
                if matches!(name, "foreignlanguage" | "href" | "textcolor" | "colorbox") {
                    at = skip_ws(src, skip_group(src, at, pairs));
                }
                if bytes.get(at) == Some(&b'{') {
                    self.groups.push(Close::Nothing);
                    return Ok(at + 1);
                }
                Ok(j)
            }
            _ if SILENT_COMMANDS.contains(&name) => {
                Ok(skip_spaces(skip_arguments(src, j, pairs, false)))
            }
            _ if PLACEHOLDER_COMMANDS.contains(&name) => {
                self.emit(PLACEHOLDER);
                Ok(skip_arguments(src, j, pairs, false))
            }
            _ if SPACES.contains(&name) => {
                self.space(None);
                Ok(skip_spaces(j))
            }
            _ => {
                if let Some((_, symbol)) = SYMBOLS.iter().find(|(n, _)| *n == name) {
                    self.emit(symbol);
                    // `\LaTeX{}`: an empty group after a word-command is a separator.
                    let after = skip_spaces(j);
                    if src[after..].starts_with("{}") {
                        return Ok(after + 2);
                    }
                    return Ok(after);
                }
                // A command galley does not know: its arguments are not prose. One with
                // arguments in a sentence stands for something, so a placeholder keeps the
                // sentence's shape; a declaration (`\centering`) leaves nothing.
                let after = skip_arguments(src, j, pairs, false);
                if src[j..after].contains('{') {
                    self.emit(PLACEHOLDER);
                    Ok(after)
                } else {
                    Ok(skip_spaces(after))
                }
            }
        }
    }

    /// The rank of a sectioning command (`\chapter` 1, `\section` 2, …, KOMA-Script's `\addchap`
    /// and `\addsec` too); levels are ranks shifted so that the highest rank the document uses is
    /// level 1 (see [`normalise_levels`]).
    fn heading_level(&self, name: &str) -> Option<u8> {
        Some(match name {
            "part" | "chapter" | "addchap" | "addpart" => 1,
            "section" | "addsec" => 2,
            "subsection" => 3,
            "subsubsection" => 4,
            "paragraph" => 5,
            "subparagraph" => 6,
            _ => return None,
        })
    }

    /// `\'e`, `\"{o}`: the letter with its accent, as synthetic text.
    fn accent(&mut self, src: &str, at: usize, ch: char, pairs: &HashMap<usize, usize>) -> usize {
        let key = ch.to_string();
        let mark = ACCENTS
            .iter()
            .find(|(n, _)| *n == key)
            .map_or('\u{301}', |(_, m)| *m);
        self.accent_with(src, at, mark, pairs)
    }

    fn accent_with(
        &mut self,
        src: &str,
        at: usize,
        mark: char,
        pairs: &HashMap<usize, usize>,
    ) -> usize {
        let (base_text, after) = match group_inner(src, at, pairs) {
            Some((inner, after)) => (src[inner].trim().to_string(), after),
            None => {
                if src[at..].starts_with("\\i") || src[at..].starts_with("\\j") {
                    (src[at..at + 2].to_string(), at + 2)
                } else {
                    match src[at..].chars().next() {
                        Some(c) if !c.is_whitespace() && c != '\\' => {
                            (c.to_string(), at + c.len_utf8())
                        }
                        _ => return at,
                    }
                }
            }
        };
        let letter = match base_text.as_str() {
            "\\i" => 'i',
            "\\j" => 'j',
            other => match other.chars().next() {
                Some(c) if c.is_alphabetic() => c,
                _ => return after,
            },
        };
        let composed: String = [letter, mark].iter().collect::<String>().nfc().collect();
        self.emit(&composed);
        after
    }

    /// A citation command from `i` (its backslash); `j` is after its name.
    fn citation(
        &mut self,
        src: &str,
        base: usize,
        i: usize,
        j: usize,
        name: &str,
        pairs: &HashMap<usize, usize>,
    ) -> usize {
        let bytes = src.as_bytes();
        let several = name.ends_with("cites") || name.ends_with("Cites");
        let mut at = j;
        let mut keys = Vec::new();
        let mut end = j;
        loop {
            let k = skip_ws(src, at);
            match bytes.get(k) {
                Some(b'[') => {
                    let after = skip_optional(src, k, pairs);
                    if after == k {
                        break;
                    }
                    at = after;
                }
                Some(b'(') if several => {
                    at = src[k..].find(')').map_or(src.len(), |p| k + p + 1);
                }
                Some(b'{') => {
                    let Some((inner, after)) = group_inner(src, k, pairs) else {
                        break;
                    };
                    keys.extend(
                        src[inner]
                            .split(',')
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .map(str::to_string),
                    );
                    at = after;
                    end = after;
                    if !several {
                        break;
                    }
                }
                _ => break,
            }
        }
        if keys.is_empty() {
            return end.max(j);
        }
        if self.in_document || !self.captures.is_empty() {
            self.metadata.citations.push(KeyedCitation {
                keys,
                span: base + i..base + end,
            });
            if name != "nocite" {
                self.emit(PLACEHOLDER);
            }
        }
        end
    }

    /// `\begin{name}` at `i`; `j` is after `\begin`.
    fn begin(
        &mut self,
        src: &str,
        base: usize,
        i: usize,
        j: usize,
        pairs: &HashMap<usize, usize>,
    ) -> Result<usize, ReadError> {
        let at = skip_ws(src, j);
        let Some((inner, mut after)) = group_inner(src, at, pairs) else {
            return Ok(j);
        };
        let name = src[inner].trim().to_string();
        if name == "document" {
            self.in_document = true;
            return Ok(after);
        }
        if MATH_ENVS.contains(&name.as_str()) {
            let end = self.env_end(src, after, &name);
            self.emit(PLACEHOLDER);
            return Ok(end);
        }
        if SKIPPED_ENVS.contains(&name.as_str()) {
            return Ok(self.env_end(src, after, &name));
        }
        let effect = if let Some(marker) = vocabulary::name_marks(HeadingKind::Abstract, &name)
            && (self.abstract_open.is_none()
                || self.abstract_state.as_ref().is_some_and(|s| s.by_heading))
        {
            if self.captures.is_empty() {
                self.finish();
            }
            // `\begin{resumo}[Abstract]`: the option is the heading, and its word (when it
            // names one language) the abstract's language.
            let option_at = skip_ws(src, after);
            after = skip_optional(src, option_at, pairs);
            let language = if after > option_at + 1 {
                let option = strip_commands(&src[option_at + 1..after - 1]);
                vocabulary::heading_marks(HeadingKind::Abstract, &option).and_then(|m| m.language)
            } else {
                marker.language
            };
            self.open_abstract(language, false);
            EnvEffect::Abstract
        } else if let Some(marker) = vocabulary::name_marks(HeadingKind::Keywords, &name) {
            self.finish();
            self.keywords_open = Some((marker.language, base + i..base + after, MappedText::new()));
            EnvEffect::Keywords
        } else {
            match name.as_str() {
                "itemize" | "enumerate" | "description" | "compactitem" | "compactenum"
                | "inparaenum" | "asparaenum" | "list" => {
                    self.finish();
                    self.containers.push(BlockKind::ListItem);
                    after = skip_optional(src, after, pairs);
                    if name == "list" {
                        after = skip_group(src, skip_group(src, skip_ws(src, after), pairs), pairs);
                    }
                    EnvEffect::Container
                }
                "quote" | "quotation" | "verse" | "displayquote" => {
                    self.finish();
                    self.containers.push(BlockKind::Quote);
                    EnvEffect::Container
                }
                "otherlanguage" | "otherlanguage*" | "language" => {
                    let previous = self.language.clone();
                    let at = skip_ws(src, skip_optional(src, skip_ws(src, after), pairs));
                    if let Some((inner, end)) = group_inner(src, at, pairs) {
                        self.language = babel_language(&src[inner]).map(str::to_string);
                        after = end;
                    }
                    EnvEffect::Language(previous)
                }
                "thebibliography" => {
                    self.end_heading_abstract();
                    self.finish();
                    after = skip_group(src, skip_ws(src, after), pairs);
                    self.bibliography_open = true;
                    EnvEffect::Bibliography
                }
                _ => {
                    // Arguments of layout environments are sizes and positions, not prose.
                    let count = match name.as_str() {
                        "minipage" | "multicols" | "subfigure" | "adjustbox" | "wrapfigure"
                        | "wraptable" | "tcolorbox" => {
                            if name.starts_with("wrap") {
                                2
                            } else {
                                1
                            }
                        }
                        _ => 0,
                    };
                    after = skip_optional(src, after, pairs);
                    for _ in 0..count {
                        after =
                            skip_optional(src, skip_group(src, skip_ws(src, after), pairs), pairs);
                    }
                    EnvEffect::None
                }
            }
        };
        self.envs.push(Env { name, effect });
        Ok(after)
    }

    /// Where the `\end{name}` after `from` ends; the end of the file when there is none.
    fn env_end(&mut self, src: &str, from: usize, name: &str) -> usize {
        if self
            .missing_end
            .get(name)
            .is_some_and(|&known| known <= from)
        {
            return src.len();
        }
        let needle = format!("\\end{{{name}}}");
        match src[from..].find(&needle) {
            Some(at) => from + at + needle.len(),
            None => {
                self.missing_end.insert(name.to_string(), from);
                src.len()
            }
        }
    }

    /// `\end{name}`; `j` is after `\end`.
    fn end(&mut self, src: &str, j: usize, pairs: &HashMap<usize, usize>) -> usize {
        let at = skip_ws(src, j);
        let Some((inner, after)) = group_inner(src, at, pairs) else {
            return j;
        };
        let name = src[inner].trim();
        if name == "document" {
            self.close_all();
            self.in_document = false;
            return src.len().max(after);
        }
        if let Some(index) = self.envs.iter().rposition(|e| e.name == name) {
            while self.envs.len() > index {
                if self
                    .abstract_state
                    .as_ref()
                    .is_some_and(|s| s.by_heading && s.env_depth >= self.envs.len())
                {
                    self.end_heading_abstract();
                }
                if let Some(env) = self.envs.pop() {
                    self.end_effect(env.effect);
                }
            }
        }
        after
    }

    fn end_effect(&mut self, effect: EnvEffect) {
        match effect {
            EnvEffect::None => {}
            EnvEffect::Container => {
                self.finish();
                self.containers.pop();
            }
            EnvEffect::Abstract => self.close_abstract(),
            EnvEffect::Keywords => {
                if let Some((language, span, text)) = self.keywords_open.take() {
                    let text = text.trimmed();
                    let language = self.keyword_language(language, &text);
                    self.push_keywords(language, span, &text);
                }
            }
            EnvEffect::Language(previous) => self.language = previous,
            EnvEffect::Bibliography => {
                self.deliver_bibitem();
                self.bibliography_open = false;
            }
        }
    }

    /// `\input{file}` at `i`; `j` is after the command name.
    fn include(
        &mut self,
        src: &str,
        base: usize,
        i: usize,
        j: usize,
        depth: usize,
        pairs: &HashMap<usize, usize>,
    ) -> Result<usize, ReadError> {
        let bytes = src.as_bytes();
        let at = skip_ws(src, j);
        let (file, after) = match group_inner(src, at, pairs) {
            Some((inner, after)) => (src[inner].trim().to_string(), after),
            None => {
                // TeX's own `\input file`.
                let end = bytes[at..]
                    .iter()
                    .position(|b| b.is_ascii_whitespace() || b"{}%\\".contains(b))
                    .map_or(bytes.len(), |p| at + p);
                (src[at..end].to_string(), end)
            }
        };
        if file.is_empty() {
            return Ok(after);
        }
        let span = base + i..base + after;
        // Inside an imported file, `\input` looks in the import's folder first.
        let folders = self.folders.last().cloned().unwrap_or_default();
        let mut candidates = Vec::new();
        if !folders.import.is_empty() {
            candidates.push((join_path(&folders.import, &file), folders.import.clone()));
        }
        candidates.push((join_path("", &file), folders.import));
        self.read_included(&candidates, span, depth)?;
        Ok(after)
    }

    /// `\import{folder/}{file}` and its relatives (import package) at `i`; `j` is after the
    /// name. The `sub…` forms name a folder relative to the including file's; the file's own
    /// `\input`s then look in that folder.
    #[allow(clippy::too_many_arguments)]
    fn import(
        &mut self,
        src: &str,
        base: usize,
        i: usize,
        j: usize,
        name: &str,
        depth: usize,
        pairs: &HashMap<usize, usize>,
    ) -> Result<usize, ReadError> {
        let at = skip_ws(src, skip_char(src, j, b'*'));
        let Some((folder, at)) = group_inner(src, at, pairs) else {
            return Ok(j);
        };
        let Some((file, after)) = group_inner(src, skip_ws(src, at), pairs) else {
            return Ok(j);
        };
        let (folder, file) = (src[folder].trim().to_string(), src[file].trim().to_string());
        if file.is_empty() {
            return Ok(after);
        }
        let span = base + i..base + after;
        let current = self.folders.last().cloned().unwrap_or_default();
        let mut bases = Vec::new();
        if name.starts_with("sub") {
            bases.push(current.file.clone());
            bases.push(current.import.clone());
        } else {
            bases.push(String::new());
        }
        bases.dedup();
        let candidates: Vec<(String, String)> = bases
            .iter()
            .map(|base_folder| {
                let import_folder = join_folder(base_folder, &folder);
                (join_path(&import_folder, &file), import_folder)
            })
            .collect();
        self.read_included(&candidates, span, depth)?;
        Ok(after)
    }

    /// Reads the first of `candidates` (paths relative to the main file) that loads, as an
    /// included file; each comes with the folder its own `\input`s look in first.
    fn read_included(
        &mut self,
        candidates: &[(String, String)],
        span: Range<usize>,
        depth: usize,
    ) -> Result<(), ReadError> {
        let Some((relative, _)) = candidates.first().cloned() else {
            return Ok(());
        };
        if depth + 1 > MAX_INCLUDE_DEPTH {
            return Err(ReadError {
                message: format!(
                    "`\\input` nests more than {MAX_INCLUDE_DEPTH} files deep (at `{relative}`)"
                ),
            });
        }
        if self.parts.len() >= MAX_FILES {
            self.warnings.push((
                span,
                format!("more than {MAX_FILES} included files: `{relative}` is not read"),
            ));
            return Ok(());
        }
        let mut found = None;
        let mut first_error = None;
        for (candidate, import) in candidates {
            match self.loader.load(candidate) {
                Ok(loaded) => {
                    found = Some((loaded, candidate.clone(), import.clone()));
                    break;
                }
                Err(message) => {
                    first_error.get_or_insert(message);
                }
            }
        }
        let Some((loaded, relative, import)) = found else {
            // The message of the first place looked in.
            let message = first_error.unwrap_or_else(|| format!("cannot read `{relative}`"));
            self.warnings.push((span, message));
            return Ok(());
        };
        if let Some(first) = self.chain.iter().position(|id| *id == loaded.identity) {
            let mut names: Vec<String> = self.chain[first..]
                .iter()
                .map(|id| {
                    std::path::Path::new(id)
                        .file_name()
                        .map_or(id.clone(), |n| n.to_string_lossy().into_owned())
                })
                .collect();
            names.push(relative);
            return Err(ReadError {
                message: format!("`\\input` cycle: {}", names.join(" → ")),
            });
        }
        if self.combined.len() + loaded.text.len() > MAX_TOTAL_BYTES {
            self.warnings.push((
                span,
                format!("the document's files together exceed 64 MiB: `{relative}` is not read"),
            ));
            return Ok(());
        }
        if self.captures.is_empty() {
            self.finish();
        }
        self.combined.push('\n');
        let start = self.combined.len();
        self.combined.push_str(&loaded.text);
        self.note_encoding(&loaded, start);
        self.parts.push(FilePart {
            name: loaded.name,
            range: start..self.combined.len(),
            anchor: Some(span.start),
        });
        self.chain.push(loaded.identity);
        self.folders.push(Folders {
            file: folder_of(&relative),
            import,
        });
        let saved = std::mem::take(&mut self.missing_end);
        self.scan(&loaded.text, start, depth + 1)?;
        self.missing_end = saved;
        self.folders.pop();
        self.chain.pop();
        if self.captures.is_empty() {
            self.finish();
        }
        Ok(())
    }

    /// Tells once that an included file was decoded from a legacy encoding.
    fn note_encoding(&mut self, loaded: &super::Loaded, start: usize) {
        if let Some(encoding) = loaded.legacy {
            self.notes.push(super::Note {
                rule: "file-encoding",
                span: start..start,
                message: format!(
                    "`{}` is not UTF-8: decoded as {encoding} ({})",
                    loaded.name,
                    match encoding {
                        "windows-1254" => "Turkish: its bytes for ı, ş, ğ are frequent",
                        _ => "Western European",
                    }
                ),
                help: Some("save the file as UTF-8".into()),
            });
        }
    }

    /// Reads the .bib files named, each once, appended to the text as parts of their own.
    fn read_bibliographies(&mut self) {
        let requests = std::mem::take(&mut self.bib_requests);
        let mut seen: Vec<String> = Vec::new();
        for (file, span) in requests {
            if self.parts.len() >= MAX_FILES {
                break;
            }
            let loaded = match self.loader.load(&file) {
                Ok(loaded) => loaded,
                // TeX finds it in its own tree; it holds @string abbreviations, no entries.
                Err(_) if is_distribution_string_file(&file) => continue,
                Err(message) => {
                    self.warnings.push((span.clone(), message));
                    self.metadata.unread_bibliographies.push((file, span));
                    continue;
                }
            };
            if seen.contains(&loaded.identity)
                || self.combined.len() + loaded.text.len() > MAX_TOTAL_BYTES
            {
                continue;
            }
            seen.push(loaded.identity.clone());
            self.combined.push('\n');
            let start = self.combined.len();
            self.note_encoding(&loaded, start);
            self.combined.push_str(&loaded.text);
            self.parts.push(FilePart {
                name: loaded.name,
                range: start..self.combined.len(),
                anchor: None,
            });
            let read = latex_bib::read(&loaded.text, start);
            self.warnings.extend(read.warnings);
            self.metadata.rendered_references |= !read.entries.is_empty();
            self.metadata.references.extend(read.entries);
        }
    }
}

/// .bib files that TeX distributions ship with a bibliography style and that hold only @string
/// abbreviations of journal names (IEEEtran's `IEEEabrv.bib` and `IEEEfull.bib`): a manuscript
/// names them without carrying a copy, and their absence costs no reference.
const DISTRIBUTION_STRING_FILES: &[&str] = &["IEEEabrv.bib", "IEEEfull.bib"];

fn is_distribution_string_file(file: &str) -> bool {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    DISTRIBUTION_STRING_FILES.contains(&name)
}

/// The bibliography a document class adds by itself, for a document that names none: the
/// ReScience C class (`\documentclass{rescience}`) reads `metadata.tex` (generated from the
/// article's metadata.yaml, included by no .tex file) and adds the `.bib` its
/// `\def\articleBIBLIOGRAPHY{…}` names. The request's span is the `\documentclass` line.
fn class_bibliographies(main: &str, loader: &dyn Loader) -> Vec<(String, Range<usize>)> {
    static CLASS: OnceLock<Regex> = OnceLock::new();
    static BIBLIOGRAPHY: OnceLock<Regex> = OnceLock::new();
    let class = CLASS.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*\\documentclass\s*(?:\[[^\]]*\])?\s*\{\s*rescience\s*\}")
            .expect("built-in pattern compiles")
    });
    let Some(found) = class.find(main) else {
        return Vec::new();
    };
    let Ok(metadata) = loader.load("metadata.tex") else {
        return Vec::new();
    };
    let bibliography = BIBLIOGRAPHY.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*\\def\s*\\articleBIBLIOGRAPHY\s*\{([^{}]*)\}")
            .expect("built-in pattern compiles")
    });
    let span = found.start()..found.end();
    bibliography
        .captures_iter(&metadata.text)
        .filter_map(|c| c.get(1))
        .flat_map(|files| files.as_str().split(','))
        .map(str::trim)
        .filter(|file| !file.is_empty())
        .map(|file| {
            let file = if file.ends_with(".bib") {
                file.to_string()
            } else {
                format!("{file}.bib")
            };
            (file, span.clone())
        })
        .collect()
}

/// `file` in `folder` (both as written, `/`-separated), with `.tex` added when it has no
/// extension, `.` and `..` steps resolved where they can be.
fn join_path(folder: &str, file: &str) -> String {
    let file = if std::path::Path::new(file).extension().is_some() {
        file.to_string()
    } else {
        format!("{file}.tex")
    };
    if file.starts_with('/') || folder.is_empty() {
        return normalise_path(&file);
    }
    normalise_path(&format!("{folder}/{file}"))
}

/// `folder` inside `base`, ending in `/` (empty for the main file's folder).
fn join_folder(base: &str, folder: &str) -> String {
    let joined = if folder.starts_with('/') || base.is_empty() {
        normalise_path(folder)
    } else {
        normalise_path(&format!("{base}/{folder}"))
    };
    if joined.is_empty() || joined.ends_with('/') {
        joined
    } else {
        format!("{joined}/")
    }
}

/// The folder part of a relative path (`sections/` of `sections/intro.tex`).
fn folder_of(path: &str) -> String {
    path.rfind('/')
        .map_or(String::new(), |at| path[..=at].to_string())
}

/// A `/`-separated path with empty and `.` steps dropped and `..` steps applied.
fn normalise_path(path: &str) -> String {
    let absolute = path.starts_with('/') && !path.starts_with("//");
    let mut steps: Vec<&str> = Vec::new();
    for step in path.split('/') {
        match step {
            "" | "." => {}
            ".." if steps.last().is_some_and(|s| *s != "..") => {
                steps.pop();
            }
            _ => steps.push(step),
        }
    }
    let joined = steps.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// The words of a short piece of LaTeX (an optional argument), commands and braces dropped.
fn strip_commands(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                while chars.peek().is_some_and(char::is_ascii_alphabetic) {
                    chars.next();
                }
                out.push(' ');
            }
            '{' | '}' | '~' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Shifts heading ranks so that the highest sectioning command in use is level 1: an article's
/// `\section` and a thesis's `\chapter` (wherever it is, main file or included one) are both
/// top-level headings.
fn normalise_levels(blocks: &mut [Block]) {
    let top = blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(rank) => Some(rank),
            _ => None,
        })
        .min();
    let Some(top) = top else { return };
    for block in blocks {
        if let BlockKind::Heading(rank) = block.kind {
            block.kind = BlockKind::Heading(rank - top + 1);
        }
    }
}

/// Bytes that end a run of ordinary text.
const SPECIAL: &[u8] = b"%\\{}$~ \t\r\n-`'&#^_";

fn is_citation(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.starts_with("cite")
        && !matches!(lower.as_str(), "citestyle" | "citesetup" | "citeindextrue"))
        || lower.ends_with("cite")
        || lower.ends_with("cites")
        || lower == "nocite"
        || lower == "citeA".to_ascii_lowercase()
}

/// Keyword items: separated by `,`, `;`, `\sep`, `\and`, `·` or new lines; a final period dropped.
fn split_keywords(text: &MappedText) -> Vec<MappedText> {
    let s = text.as_str();
    let mut items = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    let cut = |from: usize, to: usize, items: &mut Vec<MappedText>| {
        let raw = &s[from..to];
        let trimmed_end = raw.trim_end().trim_end_matches('.').trim_end().len();
        let lead = raw.len() - raw.trim_start().len();
        if trimmed_end > lead {
            items.push(text.slice(from + lead..from + trimmed_end));
        }
    };
    while i < bytes.len() {
        let c = s[i..].chars().next().unwrap_or(',');
        if matches!(c, ',' | ';' | '·' | '\n' | '•' | '|') {
            cut(start, i, &mut items);
            start = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    cut(start, s.len(), &mut items);
    // abnTeX2's style: "açudes. ecologia de campo. insetos." — items ended by periods.
    if items.len() == 1 && s.trim_end().trim_end_matches('.').contains(". ") {
        let whole = items.remove(0);
        let w = whole.as_str();
        let mut from = 0;
        for (at, _) in w.match_indices(". ") {
            let piece = w[from..at].trim();
            if !piece.is_empty() {
                let lead = w[from..at].len() - w[from..at].trim_start().len();
                items.push(whole.slice(from + lead..from + lead + piece.len()));
            }
            from = at + 2;
        }
        let last = &w[from..];
        let piece = last.trim().trim_end_matches('.').trim_end();
        if !piece.is_empty() {
            let lead = last.len() - last.trim_start().len();
            items.push(whole.slice(from + lead..from + lead + piece.len()));
        }
    }
    items
}

/// The matching `}` of every `{` of a file, in one pass (escaped braces, comments and `\verb`
/// are not counted), so finding an argument's end never rescans.
fn brace_pairs(src: &str) -> HashMap<usize, usize> {
    let bytes = src.as_bytes();
    let mut pairs = HashMap::new();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if src[i + 1..].starts_with("verb") {
                    let at = i + 5;
                    if let Some(delimiter) = src.get(at..).and_then(|s| s.chars().next())
                        && !delimiter.is_ascii_alphabetic()
                    {
                        let from = at + delimiter.len_utf8();
                        i = src[from..]
                            .find(delimiter)
                            .map_or(src.len(), |p| from + p + delimiter.len_utf8());
                        continue;
                    }
                }
                i += 2;
            }
            b'%' => i = skip_comment(src, i),
            b'{' => {
                stack.push(i);
                i += 1;
            }
            b'}' => {
                if let Some(open) = stack.pop() {
                    pairs.insert(open, i);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    pairs
}

/// The inside of the group opening at `at`, and where reading goes on after it.
fn group_inner(
    src: &str,
    at: usize,
    pairs: &HashMap<usize, usize>,
) -> Option<(Range<usize>, usize)> {
    if src.as_bytes().get(at) != Some(&b'{') {
        return None;
    }
    let close = *pairs.get(&at)?;
    Some((at + 1..close, close + 1))
}

/// After the group at `at`, or `at` when there is none.
fn skip_group(src: &str, at: usize, pairs: &HashMap<usize, usize>) -> usize {
    group_inner(src, at, pairs).map_or(at, |(_, after)| after)
}

/// After an optional argument `[…]` at `at` (brackets inside braces do not count), or `at`.
fn skip_optional(src: &str, at: usize, pairs: &HashMap<usize, usize>) -> usize {
    let bytes = src.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        return at;
    }
    let mut i = at + 1;
    let mut depth = 0usize;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => match pairs.get(&i) {
                Some(&close) => {
                    i = close + 1;
                    continue;
                }
                None => depth += 1,
            },
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => return i + 1,
            b']' => depth -= 1,
            // An optional argument does not run over a paragraph.
            b'\n'
                if src[i + 1..]
                    .trim_start_matches([' ', '\t', '\r'])
                    .starts_with('\n') =>
            {
                return at;
            }
            _ => {}
        }
        i += 1;
    }
    at
}

/// After all optional and braced arguments that follow at `at` (spaces between them allowed;
/// across lines only when `across_lines`).
fn skip_arguments(
    src: &str,
    mut at: usize,
    pairs: &HashMap<usize, usize>,
    across_lines: bool,
) -> usize {
    let bytes = src.as_bytes();
    loop {
        let k = if across_lines {
            skip_ws(src, at)
        } else {
            at + bytes[at.min(bytes.len())..]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count()
        };
        match bytes.get(k) {
            Some(b'[') => {
                let after = skip_optional(src, k, pairs);
                if after == k {
                    return at;
                }
                at = after;
            }
            Some(b'{') => {
                let after = skip_group(src, k, pairs);
                if after == k {
                    return at;
                }
                at = after;
            }
            Some(b'*') if k == at => at = k + 1,
            _ => return at,
        }
    }
}

/// After spaces and at most one line break (a blank line ends the search before it).
fn skip_ws(src: &str, at: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = at;
    let mut newlines = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' | b'\t' | b'\r' => {}
            b'\n' if newlines == 0 => newlines += 1,
            _ => break,
        }
        i += 1;
    }
    if newlines > 0 && bytes.get(i) == Some(&b'\n') {
        return at;
    }
    i
}

fn skip_char(src: &str, at: usize, wanted: u8) -> usize {
    if src.as_bytes().get(at) == Some(&wanted) {
        at + 1
    } else {
        at
    }
}

/// After a `%` comment at `at`: past its line end and the spaces that start the next line.
fn skip_comment(src: &str, at: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = bytes[at..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |p| at + p + 1);
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    i
}

/// The next `close` after `from` that is not escaped, within the paragraph.
fn find_unescaped(src: &str, from: usize, close: &str) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        // Bytes, not a slice: after an escape `i` may stand inside a character.
        if bytes[i..].starts_with(close.as_bytes()) {
            return Some(i);
        }
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' => {
                let rest = src[i + 1..].trim_start_matches([' ', '\t', '\r']);
                if rest.starts_with('\n') {
                    return None;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    None
}

/// Where the paragraph that `from` is in ends: the next blank line, or the end of the text.
fn paragraph_end(src: &str, from: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let rest = &src[i + 1..];
            let trimmed = rest.trim_start_matches([' ', '\t', '\r']);
            if trimmed.starts_with('\n') || trimmed.is_empty() {
                return i;
            }
        }
        i += 1;
    }
    bytes.len()
}

fn ceil_boundary(src: &str, mut at: usize) -> usize {
    while at < src.len() && !src.is_char_boundary(at) {
        at += 1;
    }
    at.min(src.len())
}

#[cfg(test)]
mod tests;
mod vocabulary;
