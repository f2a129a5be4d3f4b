//! Required statements (data availability, funding, competing interests, ethics, author
//! contributions, acknowledgements, preregistration, trial registration, ORCID, and the sections
//! JOSS asks for): where a manuscript makes each one, found by its heading, by a paragraph's
//! leading label ("Funding: …") or by its wording, in English, Portuguese, Spanish and Turkish.
//!
//! The phrase tables are data (`rules/data/statements.toml`, `rules/data/credit.toml`); this
//! module only walks the manuscript's units and matches them. It also tells a statement that is
//! written from one that is empty or a placeholder ("[to be added]").

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::manuscript::{Manuscript, Part};
use crate::source::{Document, MappedText};

const TABLE: &str = include_str!("../../rules/data/statements.toml");
const CREDIT: &str = include_str!("../../rules/data/credit.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    statement: Vec<RawKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    id: String,
    name: String,
    #[serde(default)]
    headings: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    wording: BTreeMap<String, Vec<String>>,
    example: String,
    #[serde(default)]
    section: bool,
    text: Option<String>,
}

/// One kind of statement and how to recognise it.
pub struct StatementKind {
    /// Stable id used in profiles (`data-availability`).
    pub id: String,
    /// What messages call it ("data availability statement").
    pub name: String,
    /// The heading galley suggests for it.
    pub example: String,
    /// A section of the main text (JOSS's Summary) rather than a back-matter statement.
    pub section: bool,
    /// Whole-heading patterns, with the language each is written in.
    headings: Vec<(String, Regex)>,
    /// A paragraph that opens with a heading phrase and a colon.
    labels: Vec<(String, Regex)>,
    wording: Vec<(String, Regex)>,
    /// Found by an ORCID iD in the text rather than by words.
    orcid: bool,
}

fn compile(pattern: &str, id: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("statement `{id}`: bad pattern: {e}"))
}

/// Every statement kind, in the table's order.
pub fn kinds() -> &'static [StatementKind] {
    static KINDS: OnceLock<Vec<StatementKind>> = OnceLock::new();
    KINDS.get_or_init(|| {
        let table: Table = toml::from_str(TABLE).expect("rules/data/statements.toml is valid");
        table
            .statement
            .into_iter()
            .map(|raw| {
                let each = |map: &BTreeMap<String, Vec<String>>, wrap: &dyn Fn(&str) -> String| {
                    map.iter()
                        .flat_map(|(lang, list)| {
                            list.iter()
                                .map(|p| (lang.clone(), compile(&wrap(p), &raw.id)))
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                };
                StatementKind {
                    headings: each(&raw.headings, &|p| format!("(?i)^(?:{p})$")),
                    labels: each(&raw.headings, &|p| {
                        format!(r"(?i)^(?:{p})\s*(?::|：|\s[–—]\s|\.\s)\s*")
                    }),
                    wording: each(&raw.wording, &|p| format!("(?im){p}")),
                    orcid: raw.text.as_deref() == Some("orcid"),
                    id: raw.id,
                    name: raw.name,
                    example: raw.example,
                    section: raw.section,
                }
            })
            .collect()
    })
}

/// The kind with this id.
pub fn kind(id: &str) -> Option<&'static StatementKind> {
    kinds().iter().find(|k| k.id == id)
}

/// The ids of every kind, for messages about an unknown one.
pub fn ids() -> Vec<&'static str> {
    kinds().iter().map(|k| k.id.as_str()).collect()
}

/// How a statement was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    Heading,
    /// A paragraph's leading label: "Funding: …".
    Label,
    /// Its wording, without a heading.
    Wording,
    /// An identifier (an ORCID iD).
    Identifier,
    /// The format's own markup: a JATS `<funding-statement>`, `<fn fn-type="conflict">`, `<ack>`.
    Markup,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Heading => "heading",
            How::Label => "label",
            How::Wording => "wording",
            How::Identifier => "identifier",
            How::Markup => "markup",
        }
    }
}

/// Whether a statement says anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Written,
    /// A heading with nothing under it.
    Empty,
    /// Only a placeholder: "[to be added]", "TBD", "eklenecek".
    Placeholder,
}

/// One statement found in a manuscript.
#[derive(Debug, Clone)]
pub struct Statement {
    pub kind: &'static StatementKind,
    pub how: How,
    /// The language of the heading or wording that matched.
    pub language: String,
    /// The heading, the label or the sentence that made it recognisable, in the source.
    pub span: Range<usize>,
    pub content: Content,
    /// The statement's text: the paragraphs under its heading, what follows its label, or the
    /// sentence.
    pub body: Vec<MappedText>,
}

impl std::fmt::Debug for StatementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

impl Statement {
    /// The statement's text as one string.
    pub fn text(&self) -> String {
        self.body
            .iter()
            .map(MappedText::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Heading text as the tables match it: numbering, a final colon or full stop and surrounding
/// white space removed.
fn normalise_heading(text: &str) -> &str {
    static NUMBER: OnceLock<Regex> = OnceLock::new();
    let number = NUMBER.get_or_init(|| {
        Regex::new(r"^\s*(?:[0-9]+(?:\.[0-9]+)*\.?|[IVXLivxl]+\.|[A-Z]\.)\s+").expect("compiles")
    });
    let text = text.trim();
    let text = match number.find(text) {
        Some(m) => &text[m.end()..],
        None => text,
    };
    text.trim_end_matches([':', '：', '.', ' ', '*'])
        .trim_start_matches('*')
        .trim()
}

/// The kind a heading names, and the language of the phrase.
pub fn heading_kind(text: &str) -> Option<(&'static StatementKind, &str)> {
    let text = normalise_heading(text);
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    kinds().iter().find_map(|kind| {
        kind.headings
            .iter()
            .find(|(_, re)| re.is_match(text))
            .map(|(lang, _)| (kind, lang.as_str()))
    })
}

/// The kind a paragraph's leading label names, its language, and where the rest begins.
fn label_kind(text: &str) -> Option<(&'static StatementKind, &str, usize)> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    kinds().iter().find_map(|kind| {
        kind.labels
            .iter()
            .find_map(|(lang, re)| re.find(rest).map(|m| (kind, lang.as_str(), lead + m.end())))
    })
}

/// Whether a statement's text is only a placeholder.
pub fn is_placeholder(text: &str) -> bool {
    static PLACEHOLDER: OnceLock<Regex> = OnceLock::new();
    let re = PLACEHOLDER.get_or_init(|| {
        Regex::new(
            r"(?i)^[\[(<{«]*\s*(?:to be (?:added|completed|provided|confirmed|inserted|written|updated|supplied)(?: (?:later|on acceptance|after review))?|tbd|tba|tbc|todo|to ?do|pending|x{2,}|\.{3}|…|insert [^\]\)]*|add [^\]\)]* here|placeholder|lorem ipsum.*|eklenecek(?:tir)?|daha sonra eklenecek(?:tir)?|yazılacak(?:tır)?|a ser (?:adicionad|inserid|incluíd|preenchid)[oa]s?|a completar|pendente|por (?:añadir|completar|definir)|pendiente)\s*[\])>}»]*\s*\.?$",
        )
        .expect("compiles")
    });
    let trimmed = text.trim();
    re.is_match(trimmed)
        || (trimmed.starts_with('[')
            && trimmed.ends_with(']')
            && !trimmed[1..trimmed.len() - 1].contains([']', '[']))
}

fn content_of(body: &[MappedText]) -> Content {
    let text: String = body
        .iter()
        .map(MappedText::as_str)
        .collect::<Vec<_>>()
        .join(" ");
    if text.trim().is_empty() {
        Content::Empty
    } else if is_placeholder(&text) {
        Content::Placeholder
    } else {
        Content::Written
    }
}

/// The sentence of `text` around `range`.
fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let before = &text[..range.start];
    let start = before
        .rfind(['.', '!', '?', '\n'])
        .map(|at| at + 1)
        .unwrap_or(0);
    let after = &text[range.end..];
    let end = after
        .find(['.', '!', '?', '\n'])
        .map(|at| range.end + at + 1)
        .unwrap_or(text.len());
    let sentence = &text[start..end];
    let lead = sentence.len() - sentence.trim_start().len();
    let trail = sentence.len() - sentence.trim_end().len();
    start + lead..(end - trail).max(start + lead)
}

/// Every statement `manuscript` makes, in document order. A kind may appear more than once (a
/// heading, and wording elsewhere).
pub fn detect(document: &Document, manuscript: &Manuscript) -> Vec<Statement> {
    let mut found: Vec<Statement> = Vec::new();
    // The open section: its index in `found`.
    let mut open: Option<usize> = None;
    // Abstract headings that name a statement kind ("Summary" in a JOSS paper).
    for abs in &manuscript.abstracts {
        if let Some(heading) = &abs.heading
            && let Some((kind, lang)) = heading_kind(heading.as_str())
        {
            let body = vec![abs.text.clone()];
            found.push(Statement {
                kind,
                how: How::Heading,
                language: lang.to_string(),
                span: heading.source_span(),
                content: content_of(&body),
                body,
            });
        }
    }
    let level_of = |unit: &crate::manuscript::Unit| {
        let start = unit.text.source_span().start;
        manuscript
            .headings
            .iter()
            .find(|h| h.text.source_span().start == start)
            .map_or(1, |h| h.level)
    };
    // The level of the open section's heading: a deeper heading inside it is a subsection
    // ("Data availability" > "Underlying data"), not its end.
    let mut open_level = 0u8;
    for unit in &manuscript.units {
        match unit.part {
            Part::Heading => {
                let level = level_of(unit);
                let kind = heading_kind(unit.text.as_str());
                if open.is_some() && kind.is_none() && level > open_level {
                    continue;
                }
                if let Some(index) = open.take() {
                    found[index].content = content_of(&found[index].body);
                }
                open_level = level;
                if let Some((kind, lang)) = kind {
                    found.push(Statement {
                        kind,
                        how: How::Heading,
                        language: lang.to_string(),
                        span: unit.text.source_span(),
                        content: Content::Empty,
                        body: Vec::new(),
                    });
                    open = Some(found.len() - 1);
                }
            }
            Part::Title | Part::Abstract | Part::Keywords => {}
            Part::Body | Part::Trailing | Part::Authors | Part::References => {
                let text = unit.text.as_str();
                if let Some((kind, lang, rest)) = label_kind(text) {
                    if let Some(index) = open.take() {
                        found[index].content = content_of(&found[index].body);
                    }
                    let body = vec![unit.text.slice(rest..text.len())];
                    found.push(Statement {
                        kind,
                        how: How::Label,
                        language: lang.to_string(),
                        span: unit.text.to_source(0..rest).start
                            ..unit.text.to_source(0..rest.max(1)).end,
                        content: content_of(&body),
                        body,
                    });
                    continue;
                }
                if let Some(index) = open {
                    if unit.part == Part::References && found[index].body.is_empty() {
                        // The reference list right after a heading ends its section, empty.
                        found[index].content = Content::Empty;
                        open = None;
                    } else if unit.part != Part::References {
                        found[index].body.push(unit.text.clone());
                        continue;
                    }
                }
                if unit.part == Part::References {
                    continue;
                }
                for kind in kinds() {
                    if let Some((lang, m)) = kind
                        .wording
                        .iter()
                        .find_map(|(lang, re)| re.find(text).map(|m| (lang, m)))
                    {
                        let sentence = sentence_around(text, m.range());
                        let body = vec![unit.text.slice(sentence.clone())];
                        found.push(Statement {
                            kind,
                            how: How::Wording,
                            language: lang.clone(),
                            span: unit.text.to_source(sentence),
                            content: Content::Written,
                            body,
                        });
                    }
                }
            }
        }
    }
    if let Some(index) = open {
        found[index].content = content_of(&found[index].body);
    }
    if document.format == crate::source::Format::Jats {
        jats_markup(document, &mut found);
    }
    if let Some(orcid) = kinds().iter().find(|k| k.orcid)
        && let Some(m) = orcid_pattern().find(&document.text)
    {
        found.push(Statement {
            kind: orcid,
            how: How::Identifier,
            language: String::new(),
            span: m.range(),
            content: Content::Written,
            body: vec![MappedText::from_source(&document.text, m.range())],
        });
    }
    found.sort_by_key(|s| s.span.start);
    found
}

/// Statements JATS marks with its own elements, wherever they stand (front-matter notes, the
/// funding group, back matter): `<funding-statement>`, `<fn fn-type="conflict|coi-statement|con|
/// financial-disclosure|data-availability">`, `<ack>`, `<sec sec-type="data-availability">`.
fn jats_markup(document: &Document, found: &mut Vec<Statement>) {
    static ELEMENT: OnceLock<Regex> = OnceLock::new();
    static TAG: OnceLock<Regex> = OnceLock::new();
    let element = ELEMENT.get_or_init(|| {
        Regex::new(concat!(
            r#"(?s)<(funding-statement)\b[^>]*>(.*?)</funding-statement>"#,
            r#"|<fn\b[^>]*\bfn-type="([a-z-]+)"[^>]*>(.*?)</fn>"#,
            r#"|<(ack)\b[^>]*>(.*?)</ack>"#,
            r#"|<sec\b[^>]*\bsec-type="(data-availability|data-access|ethics-statement|COI-statement|author-contributions|funding)"[^>]*>(.*?)</sec>"#,
        ))
        .expect("compiles")
    });
    let tag = TAG.get_or_init(|| Regex::new(r"<title>.*?</title>|<[^>]*>").expect("compiles"));
    let text = document.text.as_str();
    for caps in element.captures_iter(text) {
        let (name, inner) = match (caps.get(1), caps.get(3), caps.get(5), caps.get(7)) {
            (Some(_), ..) => ("funding-statement", caps.get(2)),
            (_, Some(kind), ..) => (kind.as_str(), caps.get(4)),
            (_, _, Some(_), _) => ("ack", caps.get(6)),
            (_, _, _, Some(kind)) => (kind.as_str(), caps.get(8)),
            _ => continue,
        };
        let id = match name {
            "funding-statement" | "financial-disclosure" | "funding" => "funding",
            "conflict" | "coi-statement" | "COI-statement" => "competing-interests",
            "con" | "author-contributions" => "author-contributions",
            "data-availability" | "data-access" => "data-availability",
            "ethics-statement" => "ethics",
            "ack" => "acknowledgements",
            _ => continue,
        };
        let (Some(kind), Some(inner)) = (kind(id), inner) else {
            continue;
        };
        let plain = tag.replace_all(inner.as_str(), " ");
        let body = vec![MappedText::from_source(text, inner.range())];
        let content = if plain.trim().is_empty() {
            Content::Empty
        } else if is_placeholder(&plain) {
            Content::Placeholder
        } else {
            Content::Written
        };
        let whole = caps.get(0).expect("match");
        // The element's own title was already found as the statement's heading: one statement.
        if found
            .iter()
            .any(|s| s.kind.id == kind.id && whole.range().contains(&s.span.start))
        {
            continue;
        }
        found.push(Statement {
            kind,
            how: How::Markup,
            language: String::new(),
            span: whole.start()..inner.start(),
            content,
            body,
        });
    }
}

fn orcid_pattern() -> &'static Regex {
    static ORCID: OnceLock<Regex> = OnceLock::new();
    ORCID.get_or_init(|| Regex::new(r"\b\d{4}-\d{4}-\d{4}-\d{3}[\dX]\b").expect("compiles"))
}

/// The best statement of `kind` among `found`: a written one if any, else the first.
pub fn best<'a>(found: &'a [Statement], kind: &str) -> Option<&'a Statement> {
    let mut of_kind = found.iter().filter(|s| s.kind.id == kind);
    let first = of_kind.clone().next()?;
    Some(
        of_kind
            .find(|s| s.content == Content::Written)
            .unwrap_or(first),
    )
}

/// The CRediT roles and the role names written instead of them.
pub struct Credit {
    /// Each role with a pattern that accepts its spelling variants.
    pub roles: Vec<(String, Regex)>,
    /// A role name that is not CRediT's, and the CRediT role to use.
    pub instead: Vec<(String, String, Regex)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredit {
    roles: Vec<String>,
    instead: BTreeMap<String, String>,
}

/// The CRediT table.
pub fn credit() -> &'static Credit {
    static CREDIT_TABLE: OnceLock<Credit> = OnceLock::new();
    CREDIT_TABLE.get_or_init(|| {
        let raw: RawCredit = toml::from_str(CREDIT).expect("rules/data/credit.toml is valid");
        let pattern = |role: &str| {
            let mut p = String::from(r"(?i)\b");
            for word in role.split_whitespace() {
                if p.len() > 6 {
                    p.push_str(r"\s*");
                }
                p.push_str(&match word {
                    "–" => r"[-–—:]?\s*".to_string(),
                    "&" => r"(?:&|and)\s*".to_string(),
                    "Conceptualization" => "conceptuali[sz]ation".into(),
                    "Visualization" => "visuali[sz]ation".into(),
                    other => regex::escape(other),
                });
            }
            p.push_str(r"\b");
            Regex::new(&p).expect("CRediT pattern compiles")
        };
        Credit {
            roles: raw.roles.iter().map(|r| (r.clone(), pattern(r))).collect(),
            instead: raw
                .instead
                .iter()
                .map(|(name, role)| (name.clone(), role.clone(), pattern(name)))
                .collect(),
        }
    })
}

/// A role name written instead of a CRediT role: where it stands in the source, the name, and
/// the CRediT role to use.
pub type NotCredit = (Range<usize>, String, String);

/// In an author contributions statement: the CRediT roles it names, and the role names it
/// uses instead of CRediT's.
pub fn credit_roles(statement: &Statement) -> (Vec<&'static str>, Vec<NotCredit>) {
    let table = credit();
    let mut named = Vec::new();
    let mut instead = Vec::new();
    for piece in &statement.body {
        let text = piece.as_str();
        for (role, re) in &table.roles {
            if re.is_match(text) && !named.contains(&role.as_str()) {
                named.push(role.as_str());
            }
        }
        for (name, role, re) in &table.instead {
            for m in re.find_iter(text) {
                instead.push((piece.to_source(m.range()), name.clone(), role.clone()));
            }
        }
    }
    (named, instead)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, read_text};

    fn found(text: &str, format: Format) -> Vec<(String, How, Content, String)> {
        let document = read_text("t", format, text.to_string()).unwrap();
        let manuscript = Manuscript::detect(&document);
        detect(&document, &manuscript)
            .into_iter()
            .map(|s| (s.kind.id.clone(), s.how, s.content, s.language.clone()))
            .collect()
    }

    fn kinds_found(text: &str) -> Vec<String> {
        found(text, Format::Markdown)
            .into_iter()
            .filter(|(_, _, c, _)| *c == Content::Written)
            .map(|(k, ..)| k)
            .collect()
    }

    const INTRO: &str = "# A study of ponds\n\n## Introduction\n\nPonds are small bodies of water that hold many species, and we studied them for years.\n\n";

    #[test]
    fn every_table_pattern_compiles_and_ids_are_unique() {
        let ids = ids();
        assert!(ids.len() >= 12);
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        for required in [
            "data-availability",
            "funding",
            "competing-interests",
            "ethics",
            "author-contributions",
            "acknowledgements",
            "preregistration",
            "trial-registration",
            "orcid",
        ] {
            assert!(kind(required).is_some(), "{required}");
        }
        assert_eq!(credit().roles.len(), 14);
    }

    /// One heading per kind and language: found by heading, with its language; and a heading
    /// that only resembles one is not.
    #[test]
    fn headings_in_each_language_are_recognised() {
        let cases = [
            ("Data Availability Statement", "data-availability", "en"),
            ("Disponibilidade de dados", "data-availability", "pt"),
            ("Disponibilidad de los datos", "data-availability", "es"),
            ("Veri Erişilebilirliği Beyanı", "data-availability", "tr"),
            ("Funding", "funding", "en"),
            ("Financiamento", "funding", "pt"),
            ("Financiación", "funding", "es"),
            ("Finansman", "funding", "tr"),
            ("Competing interests", "competing-interests", "en"),
            ("Conflito de interesses", "competing-interests", "pt"),
            ("Conflicto de intereses", "competing-interests", "es"),
            ("Çıkar Çatışması Beyanı", "competing-interests", "tr"),
            ("Ethics approval and consent to participate", "ethics", "en"),
            ("Aspectos éticos", "ethics", "es"),
            ("Considerações éticas", "ethics", "pt"),
            ("Etik Kurul Onayı", "ethics", "tr"),
            ("Author Contributions", "author-contributions", "en"),
            ("Contribuição dos autores", "author-contributions", "pt"),
            ("Contribución de los autores", "author-contributions", "es"),
            ("Yazar Katkıları", "author-contributions", "tr"),
            ("Acknowledgments", "acknowledgements", "en"),
            ("Agradecimentos", "acknowledgements", "pt"),
            ("Agradecimientos", "acknowledgements", "es"),
            ("Teşekkür", "acknowledgements", "tr"),
            ("Preregistration", "preregistration", "en"),
            ("Pré-registro", "preregistration", "pt"),
            ("Prerregistro", "preregistration", "es"),
            ("Ön Kayıt", "preregistration", "tr"),
            ("Trial registration", "trial-registration", "en"),
            ("Registro de ensaio clínico", "trial-registration", "pt"),
            ("Registro del ensayo clínico", "trial-registration", "es"),
            ("Klinik Araştırma Kaydı", "trial-registration", "tr"),
            ("7. Statement of need", "statement-of-need", "en"),
        ];
        for (heading, id, lang) in cases {
            let (kind, found_lang) =
                heading_kind(heading).unwrap_or_else(|| panic!("{heading}: not recognised"));
            assert_eq!((kind.id.as_str(), found_lang), (id, lang), "{heading}");
        }
        for not_one in [
            "Data analysis",
            "Funding of hospitals in the 1990s",
            "Interests of the stakeholders",
            "Ethical theories of care",
            "Contributions of this study",
            "Veri analizi",
            "Análise dos dados",
            "Análisis de datos",
        ] {
            assert!(heading_kind(not_one).is_none(), "{not_one}");
        }
    }

    #[test]
    fn a_section_under_its_heading_is_written_and_an_empty_or_placeholder_one_is_not() {
        let text = format!(
            "{INTRO}## Data availability\n\nThe survey data are in the Dryad archive.\n\n## Funding\n\n[to be added]\n\n## Competing interests\n\n## References\n\n1. Fern L. Ponds. 2012.\n"
        );
        let found = found(&text, Format::Markdown);
        let get = |id: &str| found.iter().find(|f| f.0 == id).map(|f| f.2);
        assert_eq!(get("data-availability"), Some(Content::Written));
        assert_eq!(get("funding"), Some(Content::Placeholder));
        assert_eq!(get("competing-interests"), Some(Content::Empty));
    }

    #[test]
    fn a_leading_label_makes_a_statement_in_each_language() {
        for (para, id) in [
            (
                "Funding: This work was supported by the Pond Trust.",
                "funding",
            ),
            (
                "Financiamento: Conselho Nacional de Desenvolvimento Científico.",
                "funding",
            ),
            ("Conflicto de intereses: ninguno.", "competing-interests"),
            (
                "Çıkar Çatışması: Yazarlar çıkar çatışması bildirmemiştir.",
                "competing-interests",
            ),
        ] {
            let text = format!("{INTRO}{para}\n");
            assert!(kinds_found(&text).contains(&id.to_string()), "{para}");
        }
        // A sentence that merely starts with the word is no label.
        let text =
            format!("{INTRO}Funding for ponds has fallen since 1990, as councils cut budgets.\n");
        assert!(!kinds_found(&text).contains(&"funding".to_string()));
    }

    /// Wording, without a heading: flagged (found) and allowed (ordinary prose, not a statement).
    #[test]
    fn wording_finds_statements_in_each_language_and_leaves_prose_alone() {
        let found_cases = [
            (
                "The data that support the findings of this study are openly available in Zenodo.",
                "data-availability",
            ),
            (
                "Os dados utilizados neste estudo estão disponíveis mediante solicitação.",
                "data-availability",
            ),
            (
                "Los datos del estudio están disponibles en el repositorio institucional.",
                "data-availability",
            ),
            (
                "Çalışmanın verileri makul talep edilmesi halinde yazardan temin edilebilir.",
                "data-availability",
            ),
            (
                "This work was funded by the Pond Trust under grant PT-2291.",
                "funding",
            ),
            (
                "Este estudo foi financiado pela Fundação de Amparo à Pesquisa.",
                "funding",
            ),
            (
                "Este trabajo fue financiado por el Ministerio de Ciencia.",
                "funding",
            ),
            ("Bu çalışma TÜBİTAK tarafından desteklenmiştir.", "funding"),
            (
                "The authors declare no competing interests.",
                "competing-interests",
            ),
            (
                "Os autores declaram não haver conflitos de interesse.",
                "competing-interests",
            ),
            (
                "Los autores declaran no tener conflictos de intereses.",
                "competing-interests",
            ),
            (
                "Yazarlar arasında çıkar çatışması bulunmamaktadır.",
                "competing-interests",
            ),
            (
                "The protocol was approved by the ethics committee of the City Hospital.",
                "ethics",
            ),
            (
                "O projeto foi aprovado pelo Comitê de Ética em Pesquisa da universidade.",
                "ethics",
            ),
            (
                "El protocolo fue aprobado por el comité de ética del hospital.",
                "ethics",
            ),
            ("Çalışma için Etik Kurulundan onay alınmıştır.", "ethics"),
            (
                "All authors contributed to the design and read and approved the final text.",
                "author-contributions",
            ),
            (
                "Todos os autores contribuíram para a redação do texto.",
                "author-contributions",
            ),
            (
                "Todos los autores contribuyeron a la redacción.",
                "author-contributions",
            ),
            (
                "Tüm yazarlar makaleye eşit katkı sağlamıştır.",
                "author-contributions",
            ),
            (
                "We thank the pond owners for access to their land.",
                "acknowledgements",
            ),
            (
                "Agradecemos aos proprietários das lagoas.",
                "acknowledgements",
            ),
            (
                "Agradecemos a los dueños de los estanques.",
                "acknowledgements",
            ),
            ("Arazi sahiplerine teşekkür ederiz.", "acknowledgements"),
            (
                "The hypotheses and analysis plan were preregistered on the Open Science Framework.",
                "preregistration",
            ),
            ("O estudo foi pré-registrado no OSF.", "preregistration"),
            ("El estudio fue prerregistrado en OSF.", "preregistration"),
            ("Çalışmanın ön kaydı yapılmıştır.", "preregistration"),
            (
                "The trial is registered at ClinicalTrials.gov (NCT01234567).",
                "trial-registration",
            ),
            (
                "O ensaio foi registrado no Registro Brasileiro de Ensaios Clínicos (RBR-3x4y5z).",
                "trial-registration",
            ),
            (
                "El ensayo fue registrado en el registro de ensayos clínicos.",
                "trial-registration",
            ),
            (
                "Çalışma clinicaltrials.gov üzerinde kayıtlıdır.",
                "trial-registration",
            ),
        ];
        for (sentence, id) in found_cases {
            let text = format!("{INTRO}{sentence}\n");
            assert!(
                kinds_found(&text).contains(&id.to_string()),
                "{sentence}: {:?}",
                kinds_found(&text)
            );
        }
        let allowed = [
            "Data on pond area are scarce, and few surveys record depth.",
            "Funding bodies rarely ask about ponds.",
            "Conflicts between farmers and conservationists are common.",
            "Ethics of care is a growing field in nursing research.",
            "Thanks to the rain, the ponds filled early that year.",
            "Os dados mostram que as lagoas são pequenas.",
            "Los datos muestran una tendencia clara.",
            "Veriler göletlerin küçük olduğunu göstermektedir.",
            "The registration of voters rose in 2010.",
        ];
        for sentence in allowed {
            let text = format!("{INTRO}{sentence}\n");
            let kinds = kinds_found(&text);
            assert!(kinds.is_empty(), "{sentence}: {kinds:?}");
        }
    }

    #[test]
    fn jats_markup_and_subsections_make_statements() {
        let xml = "<article><front><article-meta><title-group><article-title>Ponds</article-title></title-group><author-notes><fn fn-type=\"conflict\"><p>No competing interests were disclosed.</p></fn></author-notes><funding-group><funding-statement>[to be added]</funding-statement></funding-group></article-meta></front><body><sec><title>Introduction</title><p>Ponds are small and hold many species of plants and animals.</p></sec><sec><title>Data availability</title><sec><title>Underlying data</title><p>The counts are in the Dryad archive.</p></sec></sec></body></article>";
        let found = found(xml, Format::Jats);
        let get = |id: &str| {
            found
                .iter()
                .filter(|f| f.0 == id)
                .map(|f| f.2)
                .collect::<Vec<_>>()
        };
        assert!(
            get("competing-interests").contains(&Content::Written),
            "{found:?}"
        );
        assert_eq!(get("funding"), vec![Content::Placeholder], "{found:?}");
        assert!(
            get("data-availability").contains(&Content::Written),
            "{found:?}"
        );
        assert!(
            !get("data-availability").contains(&Content::Empty),
            "{found:?}"
        );
    }

    #[test]
    fn an_orcid_id_is_found_in_the_text() {
        let text = "---\ntitle: Ponds\nauthors:\n  - name: Lia Fern\n    orcid: 0000-0002-1825-0097\n---\n\n# Summary\n\nText.\n";
        assert!(kinds_found(text).contains(&"orcid".to_string()));
        assert!(
            !kinds_found("# Summary\n\nText with 1234-5678 only.\n").contains(&"orcid".to_string())
        );
    }

    #[test]
    fn placeholders_are_recognised_and_short_statements_are_not_placeholders() {
        for p in [
            "[to be added]",
            "TBD",
            "To be completed.",
            "XXX",
            "[insert grant number]",
            "Eklenecektir.",
            "A ser adicionado",
            "Por completar",
            "[Funding details]",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for s in [
            "None.",
            "Not applicable.",
            "None declared.",
            "Yoktur.",
            "The Pond Trust [grant 12].",
        ] {
            assert!(!is_placeholder(s), "{s}");
        }
    }

    #[test]
    fn credit_roles_and_the_names_written_instead() {
        let text = format!(
            "{INTRO}## Author contributions\n\nLF: Conceptualisation, Writing - original draft, data collection. KO: Formal analysis, Writing – review and editing.\n"
        );
        let document = read_text("t", Format::Markdown, text.clone()).unwrap();
        let manuscript = Manuscript::detect(&document);
        let statements = detect(&document, &manuscript);
        let s = best(&statements, "author-contributions").unwrap();
        let (named, instead) = credit_roles(s);
        assert!(named.contains(&"Conceptualization"), "{named:?}");
        assert!(named.contains(&"Writing – original draft"), "{named:?}");
        assert!(named.contains(&"Writing – review & editing"), "{named:?}");
        assert!(named.contains(&"Formal analysis"), "{named:?}");
        assert_eq!(instead.len(), 1);
        assert_eq!(&text[instead[0].0.clone()], "data collection");
        assert_eq!(instead[0].2, "Investigation");
    }
}
