//! The Word .docx reader: the zip archive's `word/document.xml` (with `word/styles.xml` for style
//! names, `word/footnotes.xml` and `word/endnotes.xml` as footnote blocks) to a [`Document`].
//!
//! A .docx has no text a user could point at, so the document's text is made here: the extracted
//! text with one paragraph per line and no blank lines, so that line N of a diagnostic is the Nth
//! non-empty paragraph. Styles give the structure (Title, Heading 1-9 by style id or by the
//! `w:name` Word keeps in English under any interface language, outline levels, lists, table
//! cells). Tracked changes are read as if accepted (`w:ins` kept, `w:del` dropped) and noted once.
//! Fields keep their result text; Zotero, Mendeley and EndNote citation fields become
//! [`KeyedCitation`]s. Comments are never prose: `word/comments.xml` is read only for the names
//! of their authors, which go, with the creator and last editor from `docProps/core.xml` and the
//! authors of tracked changes, into [`Metadata::people`] (what double-blind review looks at).
//!
//! It must not trust the archive: every part is read through a budget on uncompressed bytes
//! ([`MAX_UNCOMPRESSED`]), never whole into memory first, and XML nesting is capped.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{self, MAX_DEPTH, PLACEHOLDER, attribute, local_name};
use super::{
    Block, BlockKind, Document, Format, KeyedCitation, MappedText, Metadata, Note, Person,
    ReadError,
};

/// Most uncompressed bytes read from one .docx, all parts together.
pub const MAX_UNCOMPRESSED: u64 = 64 * 1024 * 1024;

fn error(message: impl Into<String>) -> ReadError {
    ReadError {
        message: message.into(),
    }
}

pub(super) fn read(name: &str, bytes: &[u8]) -> Result<Document, ReadError> {
    let mut parts = Parts::open(bytes)?;
    let document_xml = parts
        .read("word/document.xml")?
        .ok_or_else(|| error("not a Word .docx file: the archive has no word/document.xml"))?;
    let styles = match parts.read("word/styles.xml")? {
        Some(xml) => Styles::parse(&xml)?,
        None => Styles::default(),
    };
    let mut people = Vec::new();
    if let Some(core) = parts.read("docProps/core.xml")? {
        for (element, role) in [
            ("creator", "creator"),
            ("lastModifiedBy", "last modified by"),
        ] {
            people.extend(element_texts(&core, element).map(|name| Person { role, name }));
        }
    }
    people.extend(change_authors(&document_xml).map(|name| Person {
        role: "tracked-change author",
        name,
    }));
    if let Some(comments) = parts.read("word/comments.xml")? {
        people.extend(change_authors(&comments).map(|name| Person {
            role: "comment author",
            name,
        }));
    }
    people.retain(|p| !p.name.trim().is_empty());
    let mut seen = std::collections::HashSet::new();
    people.retain(|p| seen.insert((p.role, p.name.clone())));
    let mut out = Extractor::new(&styles);
    out.walk(&document_xml, false)?;
    drop(document_xml);
    for notes in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = parts.read(notes)? {
            out.walk(&xml, true)?;
        }
    }

    let text = out.text;
    let mut metadata = Metadata {
        language: styles.language.clone(),
        citations: out.citations,
        people,
        ..Metadata::default()
    };
    let mut blocks = Vec::new();
    for (kind, range) in out.paragraphs {
        let mapped = MappedText::from_source(&text, range);
        match kind {
            ParaKind::Title if metadata.title.is_none() => metadata.title = Some(mapped),
            ParaKind::Title => blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: mapped,
            }),
            ParaKind::Block(kind) => blocks.push(Block { kind, text: mapped }),
        }
    }
    let mut notes = Vec::new();
    if out.tracked {
        notes.push(Note {
            rule: "tracked-changes",
            span: 0..0,
            message: "this file still has tracked changes; checked as if they were accepted".into(),
            help: Some("accept or reject the changes in Word before submitting".into()),
        });
    }
    Ok(Document {
        name: name.to_string(),
        format: Format::Docx,
        parts: super::FilePart::single(name, &text),
        text,
        blocks,
        metadata,
        warnings: Vec::new(),
        notes,
    })
}

/// The archive, and how many uncompressed bytes may still be read from it.
struct Parts<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Parts<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(error(
                "not a .docx file: this is an old binary Word document (.doc) or an encrypted \
                 .docx; save it from Word as an unprotected .docx",
            ));
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            error(format!(
                "not a Word .docx file: it is not a readable zip archive ({e})"
            ))
        })?;
        Ok(Self {
            archive,
            budget: MAX_UNCOMPRESSED,
        })
    }

    /// The part at `path` as text, or `None` when the archive has no such part.
    fn read(&mut self, path: &str) -> Result<Option<String>, ReadError> {
        let too_big = || {
            error(format!(
                "the .docx expands to more than {} MiB once uncompressed (at {path}): galley \
                 stops reading rather than fill memory",
                MAX_UNCOMPRESSED / (1024 * 1024)
            ))
        };
        let file = match self.archive.by_name(path) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(error(format!("cannot read {path} from the .docx: {e}"))),
        };
        // The declared size can lie, so it only serves to refuse early; the read itself is
        // capped one byte past the budget, which is how an overrun is noticed.
        if file.size() > self.budget {
            return Err(too_big());
        }
        let capacity = file.size().min(1024 * 1024) as usize;
        let mut bytes = Vec::with_capacity(capacity);
        file.take(self.budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| error(format!("cannot read {path} from the .docx: {e}")))?;
        if bytes.len() as u64 > self.budget {
            return Err(too_big());
        }
        self.budget -= bytes.len() as u64;
        let bytes = bytes
            .strip_prefix(&[0xEF, 0xBB, 0xBF])
            .map(<[u8]>::to_vec)
            .unwrap_or(bytes);
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| error(format!("{path} in the .docx is not UTF-8 XML")))
    }
}

fn xml_error(part: &str, reader: &Reader<&[u8]>, e: impl std::fmt::Display) -> ReadError {
    error(format!(
        "{part} in the .docx is not well-formed XML (at byte {}): {e}",
        reader.error_position()
    ))
}

/// What a paragraph style says about its paragraphs.
#[derive(Debug, Default, Clone)]
struct Style {
    /// `w:name`, lowercased ("heading 1" whatever the interface language).
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    numbered: bool,
}

#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
    /// Primary language subtag of the document defaults (`w:docDefaults` … `w:lang`).
    language: Option<String>,
}

/// How a paragraph is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParaKind {
    Title,
    Block(BlockKind),
}

/// Level from a style name or id: "heading 2", "Heading2" → 2.
fn heading_level(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim();
    let level: u8 = rest.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

impl Styles {
    fn parse(source: &str) -> Result<Self, ReadError> {
        let mut reader = Reader::from_str(source);
        let mut styles = Styles::default();
        let mut current: Option<(String, Style)> = None;
        let mut depth = 0usize;
        let mut in_defaults = false;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| error(format!("word/styles.xml is not well-formed XML: {e}")))?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    if matches!(event, Event::Start(_)) {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Err(error(format!("word/styles.xml: {}", xml::too_deep())));
                        }
                    }
                    let name = local_name(e);
                    if name == "docDefaults" {
                        in_defaults = true;
                    }
                    if in_defaults
                        && name == "lang"
                        && styles.language.is_none()
                        && let Some(lang) = attribute(e, "val")
                    {
                        styles.language = lang
                            .split(['-', '_'])
                            .next()
                            .map(str::to_ascii_lowercase)
                            .filter(|l| !l.is_empty());
                    }
                    match name.as_str() {
                        "style" => {
                            if let Some((id, style)) = current.take() {
                                styles.by_id.insert(id, style);
                            }
                            if attribute(e, "type").as_deref() == Some("paragraph")
                                && let Some(id) = attribute(e, "styleId")
                            {
                                current = Some((id, Style::default()));
                            }
                        }
                        "name" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.name = attribute(e, "val").unwrap_or_default().to_lowercase();
                            }
                        }
                        "basedOn" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.based_on = attribute(e, "val");
                            }
                        }
                        "outlineLvl" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.outline = attribute(e, "val").and_then(|v| v.parse().ok());
                            }
                        }
                        "numPr" => {
                            if let Some((_, style)) = current.as_mut() {
                                style.numbered = true;
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(e) => {
                    depth = depth.saturating_sub(1);
                    let name = e.local_name().as_ref().to_string();
                    if name == "style"
                        && let Some((id, style)) = current.take()
                    {
                        styles.by_id.insert(id, style);
                    }
                    if name == "docDefaults" {
                        in_defaults = false;
                    }
                }
                Event::DocType(d) => xml::check_doctype(&d).map_err(error)?,
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(styles)
    }

    /// What a paragraph of style `id` is.
    fn kind(&self, id: &str) -> Option<ParaKind> {
        let own = self.by_id.get(id);
        let name = own.map_or("", |s| s.name.as_str());
        if name == "title" || id.eq_ignore_ascii_case("title") {
            return Some(ParaKind::Title);
        }
        if let Some(level) = heading_level(name).or_else(|| heading_level(id)) {
            return Some(ParaKind::Block(BlockKind::Heading(level)));
        }
        // Outline levels and numbering are inherited along `w:basedOn`.
        let mut cursor = own;
        let mut numbered = false;
        for _ in 0..16 {
            let Some(style) = cursor else { break };
            if let Some(level) = style.outline
                && level < 9
            {
                return Some(ParaKind::Block(BlockKind::Heading(level + 1)));
            }
            numbered |= style.numbered;
            cursor = style.based_on.as_deref().and_then(|b| self.by_id.get(b));
        }
        if numbered || name.starts_with("list") || id.to_ascii_lowercase().starts_with("list") {
            return Some(ParaKind::Block(BlockKind::ListItem));
        }
        None
    }
}

/// What an open element did on the way in, undone on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    Paragraph,
    Cell,
    Props,
    ParaProps,
    Deleted,
    Skip,
    Text,
    Instr,
    SimpleField,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    style: Option<String>,
    outline: Option<u8>,
    numbered: bool,
    /// Its paragraph mark is a tracked deletion: accepted, it runs on into the next paragraph.
    mark_deleted: bool,
    /// Citations found in it: keys and range in `text`.
    citations: Vec<(Vec<String>, Range<usize>)>,
}

/// A field being read (`w:fldChar` begin … separate … end, or `w:fldSimple`).
#[derive(Debug)]
struct Field {
    instruction: String,
    /// Where the result starts: serial number of the paragraph and offset in its text.
    result: Option<(usize, usize)>,
}

struct Extractor<'s> {
    styles: &'s Styles,
    text: String,
    paragraphs: Vec<(ParaKind, Range<usize>)>,
    citations: Vec<KeyedCitation>,
    tracked: bool,
    // Walking state, reset for each part.
    effects: Vec<Effect>,
    open: Vec<Para>,
    /// Serial number of the innermost open paragraph, so a field never spans two.
    serials: Vec<usize>,
    next_serial: usize,
    fields: Vec<Field>,
    /// A paragraph whose mark was deleted, waiting to be joined to the next one.
    carry: Option<Para>,
    cells: usize,
    props: usize,
    para_props: usize,
    deleted: usize,
    skip: usize,
    notes_part: bool,
}

impl<'s> Extractor<'s> {
    fn new(styles: &'s Styles) -> Self {
        Self {
            styles,
            text: String::new(),
            paragraphs: Vec::new(),
            citations: Vec::new(),
            tracked: false,
            effects: Vec::new(),
            open: Vec::new(),
            serials: Vec::new(),
            next_serial: 0,
            fields: Vec::new(),
            carry: None,
            cells: 0,
            props: 0,
            para_props: 0,
            deleted: 0,
            skip: 0,
            notes_part: false,
        }
    }

    /// Reads one XML part; `notes_part` makes every paragraph a footnote.
    fn walk(&mut self, source: &str, notes_part: bool) -> Result<(), ReadError> {
        let part = if notes_part {
            "a notes part"
        } else {
            "word/document.xml"
        };
        self.effects.clear();
        self.open.clear();
        self.serials.clear();
        self.fields.clear();
        self.carry = None;
        self.cells = 0;
        self.props = 0;
        self.para_props = 0;
        self.deleted = 0;
        self.skip = 0;
        self.notes_part = notes_part;
        let mut reader = Reader::from_str(source);
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(part, &reader, e))?;
            match event {
                Event::Start(e) => {
                    if self.effects.len() >= MAX_DEPTH {
                        return Err(error(format!("{part}: {}", xml::too_deep())));
                    }
                    let effect = self.start(&e, false);
                    self.effects.push(effect);
                }
                Event::Empty(e) => {
                    self.start(&e, true);
                }
                Event::End(_) => {
                    let effect = self.effects.pop().unwrap_or(Effect::None);
                    self.end(effect);
                }
                Event::Text(t) => {
                    let content = t.xml10_content();
                    self.characters(&content);
                }
                Event::CData(t) => {
                    let content = t.into_inner().into_owned();
                    self.characters(&content);
                }
                Event::GeneralRef(r) => {
                    let resolved = xml::resolve_reference(&r);
                    self.characters(resolved.as_deref().unwrap_or(PLACEHOLDER));
                }
                Event::DocType(d) => xml::check_doctype(&d).map_err(error)?,
                Event::Eof => break,
                _ => {}
            }
        }
        while let Some(effect) = self.effects.pop() {
            self.end(effect);
        }
        if let Some(mut para) = self.carry.take() {
            para.mark_deleted = false;
            self.finish(para);
        }
        Ok(())
    }

    fn para(&mut self) -> Option<&mut Para> {
        self.open.last_mut()
    }

    /// Appends text to the open paragraph unless it is deleted or a field instruction.
    fn push(&mut self, piece: &str) {
        if self.deleted > 0 || self.fields.iter().any(|f| f.result.is_none()) {
            return;
        }
        if let Some(para) = self.para() {
            if piece == "\n" && (para.text.is_empty() || para.text.ends_with('\n')) {
                return;
            }
            para.text.push_str(piece);
        }
    }

    fn characters(&mut self, content: &str) {
        if self.skip > 0 {
            return;
        }
        match self.effects.last() {
            Some(Effect::Text) => self.push(content),
            Some(Effect::Instr) if self.deleted == 0 => {
                if let Some(field) = self.fields.last_mut() {
                    field.instruction.push_str(content);
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Effect {
        if self.skip > 0 {
            return Effect::None;
        }
        let name = local_name(e);
        match name.as_str() {
            "ins" | "moveTo" => self.tracked = true,
            "del" | "moveFrom" => {
                self.tracked = true;
                // Inside run or paragraph properties, `w:del` marks a deleted mark, not text.
                if !empty && self.props == 0 {
                    self.deleted += 1;
                    return Effect::Deleted;
                }
                if self.para_props > 0
                    && name == "del"
                    && let Some(para) = self.open.last_mut()
                {
                    para.mark_deleted = true;
                }
            }
            "rPrChange" | "pPrChange" | "sectPrChange" | "tblPrChange" | "trPrChange"
            | "tcPrChange" | "tblGridChange" | "numberingChange" => {
                self.tracked = true;
                return self.skip_unless(empty);
            }
            "pPr" if !empty => {
                self.props += 1;
                self.para_props += 1;
                return Effect::ParaProps;
            }
            "rPr" if !empty => {
                self.props += 1;
                return Effect::Props;
            }
            "p" if !empty => {
                let mut para = Para::default();
                if let Some(carry) = self.carry.take() {
                    para.text = carry.text;
                    para.citations = carry.citations;
                }
                self.open.push(para);
                self.serials.push(self.next_serial);
                self.next_serial += 1;
                return Effect::Paragraph;
            }
            "tc" if !empty => {
                self.cells += 1;
                return Effect::Cell;
            }
            "pStyle" => {
                if let Some(para) = self.open.last_mut() {
                    para.style = attribute(e, "val");
                }
            }
            "outlineLvl" if self.props > 0 => {
                if let Some(para) = self.open.last_mut() {
                    para.outline = attribute(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "numPr" if self.props > 0 => {
                if let Some(para) = self.open.last_mut() {
                    para.numbered = true;
                }
            }
            "numId" if self.props > 0 => {
                // Numbering id 0 switches inherited numbering off.
                if attribute(e, "val").as_deref() == Some("0")
                    && let Some(para) = self.open.last_mut()
                {
                    para.numbered = false;
                }
            }
            "t" if !empty => return Effect::Text,
            "instrText" if !empty => return Effect::Instr,
            "tab" if self.props == 0 => self.push("\t"),
            "br" | "cr" if self.props == 0 => self.push("\n"),
            "noBreakHyphen" => self.push("-"),
            "fldChar" if self.deleted == 0 => match attribute(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field {
                    instruction: String::new(),
                    result: None,
                }),
                Some("separate") => {
                    let at = self.result_start();
                    if let Some(field) = self.fields.last_mut() {
                        field.result = Some(at);
                    }
                }
                Some("end") => {
                    if let Some(field) = self.fields.pop() {
                        self.close_field(field);
                    }
                }
                _ => {}
            },
            "fldSimple" if !empty => {
                let at = self.result_start();
                self.fields.push(Field {
                    instruction: attribute(e, "instr").unwrap_or_default(),
                    result: Some(at),
                });
                return Effect::SimpleField;
            }
            "oMath" | "oMathPara" => {
                self.push(PLACEHOLDER);
                return self.skip_unless(empty);
            }
            "footnote" | "endnote"
                if matches!(
                    attribute(e, "type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) =>
            {
                return self.skip_unless(empty);
            }
            // Drawings, text boxes, embedded objects and the fallback copy of alternate content
            // are not the manuscript's prose; properties of content controls hold no text.
            "drawing" | "pict" | "object" | "AlternateContent" | "sdtPr" | "sdtEndPr"
            | "delInstrText" | "delText" => return self.skip_unless(empty),
            _ => {}
        }
        Effect::None
    }

    fn skip_unless(&mut self, empty: bool) -> Effect {
        if empty {
            Effect::None
        } else {
            self.skip += 1;
            Effect::Skip
        }
    }

    fn result_start(&self) -> (usize, usize) {
        (
            self.serials.last().copied().unwrap_or(usize::MAX),
            self.open.last().map_or(0, |p| p.text.len()),
        )
    }

    fn close_field(&mut self, field: Field) {
        let Some((serial, start)) = field.result else {
            return;
        };
        if self.serials.last() != Some(&serial) {
            return;
        }
        let Some(keys) = citation_keys(&field.instruction) else {
            return;
        };
        if let Some(para) = self.open.last_mut()
            && start < para.text.len()
        {
            para.citations.push((keys, start..para.text.len()));
        }
    }

    fn end(&mut self, effect: Effect) {
        match effect {
            Effect::Skip => self.skip = self.skip.saturating_sub(1),
            Effect::Deleted => self.deleted = self.deleted.saturating_sub(1),
            Effect::Props => self.props = self.props.saturating_sub(1),
            Effect::ParaProps => {
                self.props = self.props.saturating_sub(1);
                self.para_props = self.para_props.saturating_sub(1);
            }
            Effect::Cell => self.cells = self.cells.saturating_sub(1),
            Effect::SimpleField => {
                if let Some(field) = self.fields.pop() {
                    self.close_field(field);
                }
            }
            Effect::Paragraph => {
                self.serials.pop();
                if let Some(para) = self.open.pop() {
                    self.finish(para);
                }
            }
            Effect::None | Effect::Text | Effect::Instr => {}
        }
    }

    /// Adds a finished paragraph as one line of the text.
    fn finish(&mut self, para: Para) {
        if para.mark_deleted {
            self.carry = Some(para);
            return;
        }
        let trimmed_end = para.text.trim_end().len();
        let lead = trimmed_end - para.text[..trimmed_end].trim_start().len();
        let content = &para.text[lead..trimmed_end];
        if content.is_empty() {
            return;
        }
        let kind = if self.notes_part {
            ParaKind::Block(BlockKind::Footnote)
        } else if self.cells > 0 {
            ParaKind::Block(BlockKind::TableCell)
        } else if let Some(level) = para.outline.filter(|l| *l < 9) {
            ParaKind::Block(BlockKind::Heading(level + 1))
        } else {
            let by_style = para.style.as_deref().and_then(|s| self.styles.kind(s));
            match by_style {
                Some(kind) => kind,
                None if para.numbered => ParaKind::Block(BlockKind::ListItem),
                None => ParaKind::Block(BlockKind::Paragraph),
            }
        };
        let base = self.text.len();
        self.text.push_str(content);
        self.text.push('\n');
        self.paragraphs.push((kind, base..base + content.len()));
        for (keys, range) in para.citations {
            let start = range.start.saturating_sub(lead).min(content.len());
            let end = range.end.saturating_sub(lead).min(content.len());
            if start < end {
                self.citations.push(KeyedCitation {
                    keys,
                    span: base + start..base + end,
                });
            }
        }
    }
}

/// The text of every `<prefix:element>` in a small XML part (docProps/core.xml), entities decoded.
fn element_texts<'a>(xml: &'a str, element: &'a str) -> impl Iterator<Item = String> + 'a {
    xml.match_indices('<').filter_map(move |(at, _)| {
        let rest = &xml[at + 1..];
        let name_end = rest.find(['>', ' ', '/'])?;
        let local = rest[..name_end].rsplit(':').next()?;
        if local != element || rest[name_end..].starts_with('/') {
            return None;
        }
        let open_end = rest.find('>')?;
        if rest[..open_end].ends_with('/') {
            return None;
        }
        let content = &rest[open_end + 1..];
        let close = content.find('<')?;
        Some(decode_entities(content[..close].trim()))
    })
}

/// The `w:author` of every tracked change or comment in a part.
fn change_authors(xml: &str) -> impl Iterator<Item = String> + '_ {
    xml.match_indices("w:author=\"")
        .filter_map(move |(at, needle)| {
            let rest = &xml[at + needle.len()..];
            let end = rest.find('"')?;
            Some(decode_entities(&rest[..end]))
        })
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Keys of the items a reference manager's citation field cites, or `None` for any other field.
///
/// Zotero (`ADDIN ZOTERO_ITEM CSL_CITATION {json}`) and Mendeley (`ADDIN CSL_CITATION {json}`)
/// store CSL JSON whose `citationItems` carry an `id`; EndNote (`ADDIN EN.CITE <EndNote>…`) stores
/// XML whose `RecNum` numbers its records (or `Author` and `Year` when there is none).
fn citation_keys(instruction: &str) -> Option<Vec<String>> {
    let instruction = instruction.trim();
    let rest = instruction.strip_prefix("ADDIN")?.trim_start();
    if rest.starts_with("ZOTERO_ITEM") || rest.starts_with("CSL_CITATION") {
        let json = &rest[rest.find('{')?..];
        let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
        let keys: Vec<String> = value
            .get("citationItems")?
            .as_array()?
            .iter()
            .filter_map(|item| {
                item.get("id")
                    .or_else(|| item.get("itemData").and_then(|d| d.get("id")))
            })
            .filter_map(|id| match id {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect();
        return (!keys.is_empty()).then_some(keys);
    }
    if rest.starts_with("EN.CITE") && !rest.starts_with("EN.CITE.DATA") {
        let values = |tag: &str| -> Vec<String> {
            let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
            rest.match_indices(&open)
                .filter_map(|(at, _)| {
                    let after = &rest[at + open.len()..];
                    after
                        .find(&close)
                        .map(|end| after[..end].trim().to_string())
                })
                .collect()
        };
        let mut keys = values("RecNum");
        if keys.is_empty() {
            keys = values("Author")
                .into_iter()
                .zip(values("Year"))
                .map(|(author, year)| format!("{author} {year}"))
                .collect();
        }
        return (!keys.is_empty()).then_some(keys);
    }
    None
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::source::read_bytes;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx holding these parts.
    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (path, text) in parts {
            zip.start_file(*path, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn body(inner: &str) -> String {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#)
    }

    fn para(style: &str, text: &str) -> String {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#
        )
    }

    fn read(parts: &[(&str, &str)]) -> Result<Document, ReadError> {
        read_bytes("paper.docx", Format::Docx, &docx(parts))
    }

    fn blocks(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="tr-TR"/></w:rPr></w:rPrDefault></w:docDefaults>
        <w:style w:type="paragraph" w:styleId="KonuBal"><w:name w:val="Title"/></w:style>
        <w:style w:type="paragraph" w:styleId="Balk1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="Balk2"><w:name w:val="heading 2"/></w:style>
        <w:style w:type="paragraph" w:styleId="Ozel"><w:name w:val="Ozel Baslik"/><w:basedOn w:val="Balk1"/></w:style>
        <w:style w:type="paragraph" w:styleId="ListeParagraf"><w:name w:val="List Paragraph"/></w:style>
        </w:styles>"#;

    #[test]
    fn styles_give_title_headings_lists_and_cells_one_paragraph_per_line() {
        let xml = body(&[
            para("KonuBal", "Küçük Göllerde Alg"),
            para("Balk1", "Giriş"),
            para("Normal", "First   paragraph."),
            "<w:p/>".to_string(),
            para("Ozel", "Custom heading"),
            para("Balk2", "Yöntem"),
            para("ListeParagraf", "an item"),
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>numbered</w:t></w:r></w:p>"#.into(),
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell one</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.into(),
            r#"<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"#.into(),
        ]
        .concat());
        let doc = read(&[("word/document.xml", &xml), ("word/styles.xml", STYLES)]).unwrap();
        assert_eq!(
            doc.text,
            "Küçük Göllerde Alg\nGiriş\nFirst   paragraph.\nCustom heading\nYöntem\nan item\nnumbered\ncell one\na\tb\nc\n"
        );
        assert_eq!(
            doc.metadata.title.as_ref().map(MappedText::as_str),
            Some("Küçük Göllerde Alg")
        );
        assert_eq!(doc.metadata.language.as_deref(), Some("tr"));
        assert_eq!(
            blocks(&doc),
            vec![
                (BlockKind::Heading(1), "Giriş"),
                (BlockKind::Paragraph, "First   paragraph."),
                (BlockKind::Heading(1), "Custom heading"),
                (BlockKind::Heading(2), "Yöntem"),
                (BlockKind::ListItem, "an item"),
                (BlockKind::ListItem, "numbered"),
                (BlockKind::TableCell, "cell one"),
                (BlockKind::Paragraph, "a\tb\nc"),
            ]
        );
        // Spans map into the shown text, where the paragraph is its own line.
        let block = &doc.blocks[3].text;
        assert_eq!(&doc.text[block.source_span()], "Yöntem");
    }

    #[test]
    fn headings_without_a_styles_part_come_from_style_ids() {
        let xml = body(&[para("Title", "A Title"), para("Heading3", "Deep")].concat());
        let doc = read(&[("word/document.xml", &xml)]).unwrap();
        assert_eq!(doc.metadata.title.as_ref().unwrap().as_str(), "A Title");
        assert_eq!(blocks(&doc), vec![(BlockKind::Heading(3), "Deep")]);
    }

    #[test]
    fn tracked_changes_are_read_as_accepted_and_noted_once() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">The ponds </w:t></w:r>"#,
            r#"<w:del w:id="1" w:author="R"><w:r><w:delText>was</w:delText></w:r></w:del>"#,
            r#"<w:ins w:id="2" w:author="R"><w:r><w:t>were</w:t></w:r></w:ins>"#,
            r#"<w:r><w:t xml:space="preserve"> dry.</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="R"/></w:rPr></w:pPr>"#,
            r#"<w:r><w:rPr><w:rPrChange w:id="4"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr><w:t>Kept.</w:t></w:r>"#,
            r#"<w:moveFrom w:id="5"><w:r><w:t>moved away</w:t></w:r></w:moveFrom>"#,
            r#"<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Joined.</w:t></w:r></w:p>"#,
        ));
        let doc = read(&[("word/document.xml", &xml)]).unwrap();
        // The second paragraph's mark is deleted: accepted, it runs on into the third.
        assert_eq!(doc.text, "The ponds were dry.\nKept. Joined.\n");
        assert_eq!(doc.notes.len(), 1);
        assert_eq!(doc.notes[0].rule, "tracked-changes");
        assert!(
            doc.notes[0]
                .message
                .contains("checked as if they were accepted")
        );
        let clean = read(&[("word/document.xml", &body(&para("Normal", "No changes.")))]).unwrap();
        assert!(clean.notes.is_empty());
    }

    #[test]
    fn citation_fields_become_keyed_citations_spanning_their_result() {
        let json = r#"{"citationID":"a1","citationItems":[{"id":4711,"uris":["http://zotero.org/users/1/items/AB"]},{"id":"smith2020"}],"schema":"x"}"#;
        let (first, second) = json.split_at(40);
        let xml = body(&format!(
            concat!(
                r#"<w:p><w:r><w:t xml:space="preserve">Ponds dry out </w:t></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
                r#"<w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_ITEM CSL_CITATION {}</w:instrText></w:r>"#,
                r#"<w:r><w:instrText>{}</w:instrText></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
                r#"<w:r><w:t>(Smith, 2020; Lee, 2021)</w:t></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
                r#"<w:r><w:t xml:space="preserve"> and </w:t></w:r>"#,
                r#"<w:fldSimple w:instr=" ADDIN EN.CITE &lt;EndNote&gt;&lt;Cite&gt;&lt;Author&gt;Kaya&lt;/Author&gt;&lt;Year&gt;2019&lt;/Year&gt;&lt;RecNum&gt;12&lt;/RecNum&gt;&lt;/Cite&gt;&lt;/EndNote&gt;">"#,
                r#"<w:r><w:t>(Kaya, 2019)</w:t></w:r></w:fldSimple>"#,
                r#"<w:r><w:t>.</w:t></w:r></w:p>"#,
                r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
            ),
            quick_xml::escape::escape(first),
            quick_xml::escape::escape(second)
        ));
        let doc = read(&[("word/document.xml", &xml)]).unwrap();
        assert_eq!(
            doc.text,
            "Ponds dry out (Smith, 2020; Lee, 2021) and (Kaya, 2019).\n7\n"
        );
        let cites = &doc.metadata.citations;
        assert_eq!(cites.len(), 2);
        assert_eq!(cites[0].keys, ["4711", "smith2020"]);
        assert_eq!(&doc.text[cites[0].span.clone()], "(Smith, 2020; Lee, 2021)");
        assert_eq!(cites[1].keys, ["12"]);
        assert_eq!(&doc.text[cites[1].span.clone()], "(Kaya, 2019)");
    }

    #[test]
    fn footnotes_are_blocks_and_comments_are_not_prose() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t>Body text.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r>"#,
            r#"<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> More.</w:t></w:r><w:commentRangeEnd w:id="0"/>"#,
            r#"<w:r><w:commentReference w:id="0"/></w:r></w:p>"#,
            r#"<w:p><m:oMath xmlns:m="m"><m:r><m:t>x+1</m:t></m:r></m:oMath></w:p>"#,
        ));
        let notes = format!(
            r#"<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>A note.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let comments = format!(
            r#"<w:comments {W}><w:comment w:id="0"><w:p><w:r><w:t>Reviewer grumble</w:t></w:r></w:p></w:comment></w:comments>"#
        );
        let doc = read(&[
            ("word/document.xml", &xml),
            ("word/footnotes.xml", &notes),
            ("word/comments.xml", &comments),
        ])
        .unwrap();
        assert_eq!(doc.text, "Body text. More.\n\u{FFFC}\nA note.\n");
        assert_eq!(doc.blocks[2].kind, BlockKind::Footnote);
        assert!(!doc.text.contains("grumble"));
    }

    #[test]
    fn a_file_that_is_not_a_zip_is_a_clear_error() {
        let error =
            read_bytes("paper.docx", Format::Docx, b"Just some text, not a zip.").unwrap_err();
        assert!(
            error.message.contains("not a readable zip archive"),
            "{error}"
        );
        let ole =
            read_bytes("paper.docx", Format::Docx, &[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).unwrap_err();
        assert!(ole.message.contains(".doc"), "{ole}");
        let no_document = read(&[("word/styles.xml", STYLES)]).unwrap_err();
        assert!(no_document.message.contains("no word/document.xml"));
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_fills_memory() {
        // 2 MiB of zeros per part compress to a few kilobytes; with a 1 MiB budget the reader
        // must stop, whatever the parts declare.
        let zeros = "\0".repeat(2 * 1024 * 1024);
        let bytes = docx(&[("word/document.xml", &zeros)]);
        assert!(bytes.len() < 64 * 1024);
        let mut parts = Parts::open(&bytes).unwrap();
        parts.budget = 1024 * 1024;
        let error = parts.read("word/document.xml").unwrap_err();
        assert!(error.message.contains("once uncompressed"), "{error}");
        // Parts that fit one by one but not together are refused as well.
        let half = " ".repeat(700 * 1024);
        let bytes = docx(&[("word/document.xml", &half), ("word/styles.xml", &half)]);
        let mut parts = Parts::open(&bytes).unwrap();
        parts.budget = 1024 * 1024;
        assert!(parts.read("word/document.xml").is_ok());
        assert!(parts.read("word/styles.xml").is_err());
        assert_eq!(MAX_UNCOMPRESSED, 64 * 1024 * 1024);
    }

    #[test]
    fn a_part_that_lies_about_its_size_is_still_capped() {
        let zeros = "\0".repeat(2 * 1024 * 1024);
        let mut bytes = docx(&[("word/document.xml", &zeros)]);
        // Declare 100 uncompressed bytes in the local header and in the central directory.
        let lie = 100u32.to_le_bytes();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        bytes[22..26].copy_from_slice(&lie);
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        bytes[central + 24..central + 28].copy_from_slice(&lie);
        let mut parts = Parts::open(&bytes).unwrap();
        parts.budget = 1024 * 1024;
        // However the archive reader treats the lie, no more than the budget is ever read, and
        // the result is an error, not 2 MiB of zeros.
        let error = parts.read("word/document.xml").unwrap_err();
        assert!(
            error.message.contains("declared") || error.message.contains("once uncompressed"),
            "{error}"
        );
        assert!(parts.budget >= 1024 * 1024 - 100);
    }

    #[test]
    fn damaged_document_xml_never_panics() {
        let sample = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/garden-soil.docx"
        ))
        .unwrap();
        let mut parts = Parts::open(&sample).unwrap();
        let xml = parts.read("word/document.xml").unwrap().unwrap();
        let styles = Styles::parse(&parts.read("word/styles.xml").unwrap().unwrap()).unwrap();
        let mut state = 0x9e37_79b9_u32;
        for _ in 0..400 {
            let mut bytes = xml.clone().into_bytes();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % bytes.len();
                if bytes[at].is_ascii() {
                    bytes[at] = b"<>/&;\" =w:tp"[(state >> 3) as usize % 12];
                }
            }
            let Ok(text) = String::from_utf8(bytes) else {
                continue;
            };
            let mut out = Extractor::new(&styles);
            let _ = out.walk(&text, false);
        }
    }

    #[test]
    fn hostile_xml_inside_a_docx_is_a_clear_error() {
        let deep = body(&format!(
            "{}{}",
            "<w:sdt>".repeat(10_000),
            "</w:sdt>".repeat(10_000)
        ));
        let error = read(&[("word/document.xml", &deep)]).unwrap_err();
        assert!(error.message.contains("nested more than 1000"), "{error}");
        let laughs = format!(
            r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#
        );
        let error = read(&[("word/document.xml", &laughs)]).unwrap_err();
        assert!(error.message.contains("entities"), "{error}");
        let broken = read(&[("word/document.xml", "<w:document><w:body></w:p>")]).unwrap_err();
        assert!(broken.message.contains("not well-formed"), "{broken}");
    }
}
