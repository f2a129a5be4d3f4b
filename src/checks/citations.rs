//! Citation check kinds: in-text citations against the reference list (missing, uncited,
//! ambiguous, wrong year), the form of in-text citations and of entries, and the order of the
//! list. They all read one [`crate::cite::analyse`] result and word nothing themselves: the
//! rule's message and help get the values as placeholders.
//!
//! `style` names the citation style the rules judge by: author-date ones (apa7, apa6,
//! chicago-author-date, harvard, abnt) and numeric ones (vancouver, ieee), whose citations and
//! entries [`super::numbered_citations`] compares; `auto` (the default) takes the style
//! [`crate::cite::style`] infers from the manuscript. With no style to go by, the form and order
//! rules judge only what every style agrees on and what the manuscript itself does most of the
//! time. Adding a style is adding its conventions to [`STYLES`], not a new check kind.

use std::ops::Range;

use serde::Deserialize;

use super::numbered_citations as numbered;
use super::{Check, Context};
use crate::cite::intext::{Conjunction, LocatorForm};
use crate::cite::reference::{Joiner, NameSeparator};
use crate::cite::token::fold_compact;
use crate::cite::{self, CitationAnalysis, Form, NearKind, Reference, Resolution};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::lexicon::{HeadingKind, Lexicon};
use crate::source::Format;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "auto")]
    style: String,
}

fn auto() -> String {
    AUTO.into()
}

/// The `style` that takes the style the manuscript shows.
const AUTO: &str = "auto";

/// What a citation style asks for, as data: the form and order rules read these values and the
/// style's name, so another style is another entry in [`STYLES`], not new code.
#[derive(Debug)]
struct Style {
    id: &'static str,
    /// How messages name the style.
    name: &'static str,
    /// How the text cites: by author and date, or by number.
    system: System,
    /// The word between the last two authors inside parentheses and in running text.
    and_in_parentheses: Conjunction,
    and_in_text: Conjunction,
    /// A comma between author and year inside parentheses: "(Smith, 2020)".
    comma_before_year: bool,
    /// Citations of this many authors or more name the first one and "et al.".
    et_al_from: usize,
    /// Labels for one page and a page range (", p. 12", ", pp. 3–4"); none means bare numbers.
    page_labels: Option<(&'static str, &'static str)>,
    /// Entries give initials, not given names.
    initials: bool,
    /// Entries join the last author with ", &".
    ampersand_in_entries: bool,
    /// Entry dates put the month first: "(2022, March 16)".
    month_first: bool,
    /// DOIs are written as https://doi.org/ links.
    doi_links: bool,
    /// Several works in one pair of parentheses follow the reference list's order.
    ordered_groups: bool,
    /// The style is a known one, whose every convention above is judged. A manuscript in no
    /// known style is judged only on what every style agrees on, and on the comma before the
    /// year when it writes one way almost everywhere (`comma_before_year` is then that way).
    known: bool,
    /// Whether the comma before the year is judged at all.
    judges_comma: bool,
}

/// How a style points from the text to the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum System {
    /// "(Smith, 2020)": matched by author and year.
    AuthorDate,
    /// "[1]": matched by the entry's number; the list is numbered in order of first citation.
    /// `round`: "(1)" cites too (Vancouver), not only "[1]".
    Numeric { round: bool },
}

/// APA 7 (Publication Manual, 7th ed., chapters 8-9).
const APA7: Style = Style {
    id: "apa7",
    name: "APA 7",
    system: System::AuthorDate,
    and_in_parentheses: Conjunction::Ampersand,
    and_in_text: Conjunction::And,
    comma_before_year: true,
    et_al_from: 3,
    page_labels: Some(("p.", "pp.")),
    initials: true,
    ampersand_in_entries: true,
    month_first: true,
    doi_links: true,
    ordered_groups: true,
    known: true,
    judges_comma: true,
};

/// A numeric style: the author-date conventions do not apply, so none is asked for.
const NUMERIC: Style = Style {
    id: "",
    name: "",
    system: System::Numeric { round: false },
    and_in_parentheses: Conjunction::And,
    and_in_text: Conjunction::And,
    comma_before_year: false,
    et_al_from: usize::MAX,
    page_labels: None,
    initials: false,
    ampersand_in_entries: false,
    month_first: false,
    doi_links: false,
    ordered_groups: false,
    known: true,
    judges_comma: true,
};

/// The known styles.
const STYLES: &[Style] = &[
    APA7,
    Style {
        // APA 6 (Publication Manual, 6th ed., 2010): a work of three to five authors names them
        // all at its first citation, "et al." always from six; DOIs as "doi:10.…" are accepted.
        id: "apa6",
        name: "APA 6",
        et_al_from: 6,
        doi_links: false,
        ..APA7
    },
    Style {
        // The Chicago Manual of Style, 17th ed., author-date system (chapter 15).
        id: "chicago-author-date",
        name: "Chicago author-date",
        and_in_parentheses: Conjunction::And,
        comma_before_year: false,
        et_al_from: 4,
        page_labels: None,
        initials: false,
        ampersand_in_entries: false,
        ordered_groups: false,
        ..APA7
    },
    Style {
        // Harvard has no single authority; this is Cite Them Right's (Pears & Shields):
        // "(Hall, 2019)", "(Hall and Smith, 2019)", "et al." from four authors, "p."/"pp.",
        // entries "Hall, A. (2019) Title." with "and" and the date as written.
        id: "harvard",
        name: "Harvard (Cite Them Right)",
        and_in_parentheses: Conjunction::And,
        et_al_from: 4,
        ampersand_in_entries: false,
        month_first: false,
        doi_links: false,
        ordered_groups: false,
        ..APA7
    },
    Style {
        // ABNT NBR 10520 (citations) and NBR 6023 (entries), the Brazilian standard:
        // "(FREIRE, 1987, p. 23)", "Freire (1987)", "(FREIRE; SHOR, 1986)"; "p." for one page
        // and for a range ("p. 149-171"); entries "FREIRE, Paulo. Título. Cidade: Editora,
        // 1987." with given names written out, "Disponível em:" and "Acesso em:". The 2023
        // edition allows naming every author, so "et al." is not asked for; authors are joined
        // with ";" or the language's "e", which is not judged.
        id: "abnt",
        name: "ABNT",
        and_in_parentheses: Conjunction::Other,
        and_in_text: Conjunction::Other,
        et_al_from: usize::MAX,
        page_labels: Some(("p.", "p.")),
        initials: false,
        ampersand_in_entries: false,
        month_first: false,
        doi_links: false,
        ordered_groups: false,
        ..APA7
    },
    Style {
        // ICMJE / NLM Citing Medicine: "(1)", "[1]" or superscript numbers in order of first
        // citation; entries "1. Surname AB, Surname CD. Title."
        id: "vancouver",
        name: "Vancouver",
        system: System::Numeric { round: true },
        ..NUMERIC
    },
    Style {
        // IEEE Reference Guide: "[1]", "[1], [3]", "[2]–[5]"; entries "[1] A. B. Surname, …".
        id: "ieee",
        name: "IEEE",
        ..NUMERIC
    },
];

/// The ids `style` and `citation-style` take: `auto` and the known styles.
pub fn style_ids() -> Vec<&'static str> {
    std::iter::once(AUTO)
        .chain(STYLES.iter().map(|s| s.id))
        .collect()
}

impl Style {
    /// The style named `id`; `None` for `auto`.
    fn find(id: &str) -> Result<Option<&'static Style>, String> {
        if id == AUTO {
            return Ok(None);
        }
        STYLES.iter().find(|s| s.id == id).map(Some).ok_or_else(|| {
            format!(
                "unknown citation style `{id}` in `style`; known styles: {}",
                style_ids().join(", ")
            )
        })
    }

    /// A manuscript's own convention, when it follows no known style: the comma before the
    /// year as at least 85 in 100 of five or more parenthetical citations write it, or no judgement
    /// of the comma when they do not agree that well.
    fn house(analysis: &CitationAnalysis) -> Style {
        let (mut with, mut without) = (0usize, 0usize);
        for citation in analysis
            .citations
            .iter()
            .filter(|c| c.certain && c.form == Form::Parenthetical)
        {
            for work in citation.works.iter().filter(|w| {
                w.span.start == w.authors_span.start
                    && w.defines.is_none()
                    && matches!(w.year.value, cite::YearValue::Year(_))
            }) {
                if work.comma_before_year {
                    with += 1;
                } else {
                    without += 1;
                }
            }
        }
        let total = with + without;
        let settled = |n: usize| total >= HOUSE_MIN && n * 100 >= total * HOUSE_SHARE;
        let comma = if settled(with) {
            Some(true)
        } else if settled(without) {
            Some(false)
        } else {
            None
        };
        Style {
            id: "",
            name: "this manuscript",
            system: System::AuthorDate,
            and_in_parentheses: Conjunction::Other,
            and_in_text: Conjunction::Other,
            comma_before_year: comma.unwrap_or(false),
            et_al_from: usize::MAX,
            page_labels: None,
            initials: false,
            ampersand_in_entries: false,
            month_first: false,
            doi_links: false,
            ordered_groups: false,
            known: false,
            judges_comma: comma.is_some(),
        }
    }
}

/// Parenthetical citations a manuscript must have before its own comma convention is judged.
const HOUSE_MIN: usize = 5;

/// The percentage of them that must write the comma one way.
const HOUSE_SHARE: usize = 85;

fn conjunction_word(conjunction: Conjunction) -> &'static str {
    match conjunction {
        Conjunction::Ampersand => "&",
        Conjunction::And => "and",
        Conjunction::Other => "another language's “and”",
    }
}

/// Which question a citation check answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    NotInReferences,
    NotCited,
    Ambiguous,
    YearMismatch,
    CitationForm,
    CitationOrder,
    ReferenceForm,
    ReferenceOrder,
    /// Citations and nothing to resolve them against: one finding for them all.
    ListMissing,
}

impl Kind {
    /// The citation check of check kind `kind`, if it is one.
    pub fn from_kind(kind: &str) -> Option<Kind> {
        Some(match kind {
            "citation-not-in-references" => Kind::NotInReferences,
            "reference-not-cited" => Kind::NotCited,
            "citation-ambiguous" => Kind::Ambiguous,
            "citation-year-mismatch" => Kind::YearMismatch,
            "citation-form" => Kind::CitationForm,
            "citation-order" => Kind::CitationOrder,
            "reference-form" => Kind::ReferenceForm,
            "reference-order" => Kind::ReferenceOrder,
            "reference-list-missing" => Kind::ListMissing,
            _ => return None,
        })
    }
}

pub struct Citations {
    kind: Kind,
    /// The declared style; `None` for `auto`.
    declared: Option<&'static Style>,
}

impl Citations {
    pub fn new(kind: Kind, params: Params) -> Result<Self, String> {
        Ok(Self {
            kind,
            declared: Style::find(&params.style)?,
        })
    }
}

impl Check for Citations {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = self.findings(cx);
        if self.kind == Kind::CitationForm && cx.document.format == Format::Markdown {
            findings.extend(super::pandoc_citation_form::glued_citations(
                &cx.manuscript.keyed_citations,
                &cx.document.text,
            ));
            if cx.manuscript.language.is_none_or(|l| l == "en") {
                findings.extend(super::pandoc_citation_form::narrative_misuse(
                    &cx.manuscript.keyed_citations,
                    &cx.document.text,
                ));
            }
        }
        findings
    }
}

impl Citations {
    fn findings(&self, cx: &Context<'_>) -> Vec<Finding> {
        let analysis = cx.manuscript.citations();
        let text = |span: &Range<usize>| cx.document.text.get(span.clone()).unwrap_or("");
        let comparable = analysis.comparable();
        if self.kind == Kind::ListMissing {
            return list_missing(cx, analysis);
        }
        let house;
        let style: &Style = match self.declared {
            Some(style) => style,
            None => match analysis
                .style
                .style
                .and_then(|id| Style::find(id).ok().flatten())
            {
                Some(style) => style,
                None => {
                    house = Style::house(analysis);
                    &house
                }
            },
        };
        if let System::Numeric { round } = style.system {
            return numeric_check(self.kind, analysis, round, style.name, &text);
        }
        // In no known style, list order and entry form have nothing to be judged by.
        if !style.known
            && matches!(
                self.kind,
                Kind::CitationOrder | Kind::ReferenceForm | Kind::ReferenceOrder
            )
        {
            return Vec::new();
        }
        match self.kind {
            Kind::NotInReferences if analysis.keyed_matching => {
                let mut findings = keyed_not_in_references(analysis);
                if comparable {
                    // A marked citation is judged by its keys; its text only when unmarked.
                    findings.extend(
                        not_in_references(analysis, &text, style)
                            .into_iter()
                            .filter(|f| {
                                !analysis.keyed.iter().any(|k| {
                                    k.span.start <= f.span.start && f.span.end <= k.span.end
                                })
                            }),
                    );
                }
                findings
            }
            // BibTeX, Biber and citeproc print only the cited works of a bibliography database
            // (.bib, CSL JSON or YAML): an uncited entry of it is in no reference list.
            Kind::NotCited if analysis.rendered_references => Vec::new(),
            Kind::NotCited if analysis.keyed_matching => {
                keyed_not_cited(analysis, &cx.document.text)
            }
            Kind::ReferenceForm | Kind::ReferenceOrder | Kind::CitationOrder
                if analysis.rendered_references =>
            {
                Vec::new()
            }
            // A list found only in part is reported once, by `reference-list-missing`.
            Kind::NotInReferences | Kind::YearMismatch if analysis.list_incomplete() => Vec::new(),
            Kind::NotInReferences if comparable => not_in_references(analysis, &text, style),
            Kind::NotCited if comparable => not_cited(analysis, &cx.document.text),
            Kind::Ambiguous if comparable => ambiguous(analysis),
            Kind::YearMismatch if comparable => year_mismatch(analysis),
            Kind::CitationForm => citation_form(analysis, &text, style),
            Kind::CitationOrder if style.ordered_groups => citation_order(analysis),
            Kind::ReferenceForm => reference_form(analysis, &text, style, cx.manuscript.language),
            Kind::ReferenceOrder => {
                let starts = cx
                    .manuscript
                    .references
                    .as_ref()
                    .map_or(&[][..], |list| list.list_starts.as_slice());
                let mut bounds = vec![0];
                bounds.extend(starts.iter().copied());
                bounds.push(analysis.references.len());
                bounds
                    .windows(2)
                    .flat_map(|w| reference_order(analysis, w[0]..w[1]))
                    .collect()
            }
            _ => Vec::new(),
        }
    }
}

/// Under a numeric style: citations and entries by number. Keys mark citations in LaTeX and
/// JATS whatever the style, and a list galley wrote from a .bib is in the bibliography style's
/// order; the author-date form rules have nothing to judge.
fn numeric_check<'a>(
    kind: Kind,
    analysis: &CitationAnalysis,
    round: bool,
    style: &str,
    text: &impl Fn(&Range<usize>) -> &'a str,
) -> Vec<Finding> {
    match kind {
        Kind::NotInReferences if analysis.keyed_matching => keyed_not_in_references(analysis),
        // Numbered entries are cited by their numbers, never by their words.
        Kind::NotCited if analysis.keyed_matching => keyed_not_cited(analysis, ""),
        Kind::ReferenceOrder if analysis.rendered_references => Vec::new(),
        Kind::NotInReferences => numbered::not_in_references(analysis, round),
        Kind::NotCited => numbered::not_cited(analysis, round, text),
        Kind::ReferenceOrder => numbered::order(analysis, round, style, text),
        _ => Vec::new(),
    }
}

fn not_in_references<'a>(
    analysis: &CitationAnalysis,
    text: &impl Fn(&Range<usize>) -> &'a str,
    style: &Style,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (citation, resolutions) in analysis.citations.iter().zip(&analysis.resolutions) {
        for (work, resolution) in citation.works.iter().zip(resolutions) {
            let Resolution::NotFound(near) = resolution else {
                continue;
            };
            // The original of "X, 2008, as cited in Y, 2016" is not expected in the list, and a
            // doubtful form that matches nothing is probably not a citation.
            if work.cited_in_next || !citation.certain {
                continue;
            }
            let span = cited_span(citation, work);
            let mut finding = Finding::at(span).arg("citation", &work.written);
            let mut near_help = String::new();
            if let Some(near) = near {
                let entry = &analysis.references[near.entry];
                let name = entry.short_name();
                match near.kind {
                    NearKind::SwappedNames => {
                        near_help = format!(
                            "; “{name}” has the same year and the initial {}.: did the entry swap given name and surname?",
                            entry
                                .first_author()
                                .and_then(|a| a.initial())
                                .unwrap_or('?')
                        );
                        finding = finding.label(
                            entry.authors_span.clone(),
                            "same year, and the initial matches the cited name",
                        );
                    }
                    NearKind::SimilarName => {
                        near_help = format!("; “{name}” has a similar name and the same year");
                        finding =
                            finding.label(entry.authors_span.clone(), "similar name, same year");
                    }
                }
            }
            // A work cited next to one that is listed may be a secondary source.
            let listed = citation
                .works
                .iter()
                .zip(resolutions)
                .find(|(_, r)| matches!(r, Resolution::Found(_)));
            if let Some((other, _)) = listed
                && citation.form == Form::Parenthetical
            {
                finding = finding.note(format!(
                    "if you know this work only through {}, {} cites it as “{}, {}, as cited in {}” and lists only the source you read",
                    text(&other.authors_span),
                    style.name,
                    text(&work.authors_span),
                    work.year,
                    format_args!("{}, {}", text(&other.authors_span), other.year)
                ));
            }
            findings.push(finding.arg("near", near_help));
        }
    }
    findings
}

/// Author-date citations that must be seen before a missing reference list is reported: one
/// year in parentheses may be no citation at all.
const MIN_UNRESOLVED_AUTHOR_DATE: usize = 2;

/// Citations with nothing to resolve them against, reported once: keys when no entry has a key
/// and there is no reference list or a named bibliography file could not be read; author-date
/// citations when there is no reference list at all. The finding stands at the first citation,
/// with a label at the bibliography file's name when that is the reason.
fn list_missing(cx: &Context<'_>, analysis: &CitationAnalysis) -> Vec<Finding> {
    let unread = &cx.document.metadata.unread_bibliographies;
    let keyed: Vec<&Range<usize>> = cx
        .manuscript
        .keyed_citations
        .iter()
        .flat_map(|c| c.keys.iter().filter(|k| *k != "*").map(|_| &c.span))
        .collect();
    let keyed_entries = analysis.entry_keys.iter().any(Option::is_some);
    let (count, span) = if !keyed.is_empty() {
        if keyed_entries || (analysis.has_reference_list && unread.is_empty()) {
            return Vec::new();
        }
        // A bibliography file was read but gave no entries (galley could not parse it): the
        // reader's warning says so, and the citations may well resolve for the author's tools.
        if unread.is_empty() && loaded_a_bibliography(cx.document) {
            return Vec::new();
        }
        let first = keyed.iter().min_by_key(|s| s.start).map(|s| (*s).clone());
        (keyed.len(), first.unwrap_or_default())
    } else if analysis.list_incomplete() {
        return incomplete_list(analysis);
    } else {
        if analysis.has_reference_list || names_a_reference_list(cx.document) {
            return Vec::new();
        }
        let certain: Vec<&cite::Citation> =
            analysis.citations.iter().filter(|c| c.certain).collect();
        let works: usize = certain.iter().map(|c| c.works.len()).sum();
        if works < MIN_UNRESOLVED_AUTHOR_DATE {
            return Vec::new();
        }
        let first = certain
            .iter()
            .min_by_key(|c| c.span.start)
            .map(|c| c.span.clone());
        (works, first.unwrap_or_default())
    };
    let count = if count == 1 {
        "1 citation".to_string()
    } else {
        format!("{count} citations")
    };
    let mut finding = Finding::at(span).arg("count", count);
    let format = cx.document.format;
    let (reason, help) = match unread.first() {
        Some((file, name_span)) => {
            finding = finding.label(name_span.clone(), "this file could not be read");
            (
                format!("the bibliography file `{file}` could not be read"),
                "check the file's name and its path relative to the manuscript".to_string(),
            )
        }
        None if !keyed.is_empty() => (
            "the manuscript names no bibliography and has no reference list".to_string(),
            match format {
                Format::Markdown => "name the bibliography in the front matter (`bibliography: references.bib`) or list the works under `references:`".to_string(),
                Format::Latex => "name the .bib file (`\\bibliography{references}` or `\\addbibresource{references.bib}`) or add a `thebibliography` environment".to_string(),
                _ => "add a reference list with an entry for every cited work".to_string(),
            },
        ),
        None => (
            "the manuscript has no reference list".to_string(),
            "add a reference list after the text, under a heading such as “References”, with an entry for every cited work".to_string(),
        ),
    };
    vec![finding.arg("reason", reason).arg("help", help)]
}

/// A reference list that resolves fewer than half of the cited works: one finding at the first
/// unresolved citation, with the list's start labelled, instead of one per citation.
fn incomplete_list(analysis: &CitationAnalysis) -> Vec<Finding> {
    let (resolved, distinct) = analysis.cited_works_resolved();
    let unresolved: Vec<Range<usize>> = analysis
        .works()
        .filter(|(c, w, r)| {
            c.certain
                && !w.cited_in_next
                && matches!(r, Resolution::NotFound(_) | Resolution::YearMismatch(_))
        })
        .map(|(c, w, _)| cited_span(c, w))
        .collect();
    let Some(first) = unresolved.iter().min_by_key(|s| s.start) else {
        return Vec::new();
    };
    let count = match unresolved.len() {
        1 => "1 citation".to_string(),
        n => format!("{n} citations"),
    };
    let mut finding = Finding::at(first.clone())
        .arg("count", count)
        .arg(
            "reason",
            format!(
                "the reference list has entries for only {resolved} of the {distinct} works cited, so it seems to be there only in part"
            ),
        )
        .arg(
            "help",
            "check that the whole reference list is in the manuscript (a list split by a page break or a heading can be cut short), then add the missing entries",
        );
    if let (Some(entry), Some(whole)) = (analysis.references.first(), analysis.entry_spans.first())
    {
        let span = if entry.authors_span.is_empty() {
            whole.clone()
        } else {
            entry_label_span(entry)
        };
        finding = finding.label(span, "the reference list starts here");
    }
    vec![finding]
}

/// Whether one of the files the document is made of is a bibliography (.bib, CSL JSON or YAML).
fn loaded_a_bibliography(document: &crate::source::Document) -> bool {
    document.parts.iter().skip(1).any(|part| {
        let name = part.name.to_ascii_lowercase();
        [".bib", ".json", ".yaml", ".yml"]
            .iter()
            .any(|ext| name.ends_with(ext))
    })
}

/// Whether a line of the document's prose is a reference-list heading ("References",
/// "Bibliografía"): then the list is there but could not be read, which is not what
/// `reference-list-missing` reports.
fn names_a_reference_list(document: &crate::source::Document) -> bool {
    let lexicon = Lexicon::get();
    document.blocks.iter().any(|block| {
        block.text.as_str().lines().any(|line| {
            line.len() < 60
                && lexicon
                    .languages(HeadingKind::References, line.trim())
                    .is_some()
        })
    })
}

/// Keys that name no entry.
fn keyed_not_in_references(analysis: &CitationAnalysis) -> Vec<Finding> {
    analysis
        .keyed
        .iter()
        .filter(|k| k.entry.is_none())
        .map(|k| {
            Finding::at(k.span.clone())
                .arg("citation", &k.key)
                .arg("near", String::new())
        })
        .collect()
}

/// Entries no key and no author-date citation points at.
fn keyed_not_cited(analysis: &CitationAnalysis, document_text: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let list = analysis.list_extent();
    for (i, entry) in analysis.references.iter().enumerate() {
        if analysis.cited.get(i).copied().unwrap_or(true) {
            continue;
        }
        // An entry galley could not read ("Ámbito Financiero, 17/7/17.") may be cited in a
        // form it does not know ("(Ámbito Financiero, 17/7/17)"): its opening words written
        // elsewhere in the document are taken for a citation.
        if (entry.authors.is_empty() || entry.year.is_none())
            && named_elsewhere(document_text, &analysis.entry_spans[i], &list)
        {
            continue;
        }
        let span = if entry.authors_span.is_empty() {
            analysis.entry_spans[i].clone()
        } else {
            entry.authors_span.clone()
        };
        let name = if entry.authors.is_empty() || entry.year.is_none() {
            analysis
                .entry_keys
                .get(i)
                .cloned()
                .flatten()
                .unwrap_or_else(|| "?".into())
        } else {
            entry.short_name()
        };
        findings.push(Finding::at(span).arg("entry", name));
    }
    findings
}

/// Whether the words an entry opens with, up to its first comma, full stop or digit ("La Nación
/// 11/10/18 falta referencia"), stand somewhere
/// outside the reference list (`list`) too.
fn named_elsewhere(document_text: &str, entry: &Range<usize>, list: &Range<usize>) -> bool {
    let Some(text) = document_text.get(entry.clone()) else {
        return false;
    };
    let text = text.trim_start_matches(|c: char| !c.is_alphabetic());
    let lead = text
        .split(|c: char| c == ',' || c == '.' || c.is_ascii_digit())
        .next()
        .unwrap_or_default()
        .trim();
    if lead.chars().filter(|c| c.is_alphabetic()).count() < 4 || lead.split_whitespace().count() > 6
    {
        return false;
    }
    document_text
        .match_indices(lead)
        .any(|(at, _)| at + lead.len() <= list.start || at >= list.end)
}

/// How far after an author's name the year may stand for the two to be taken for a citation
/// in a form galley does not read: "Hayden White’s insights into … (1987)", a name and its
/// "(1976)" split by a page break and a figure.
const NAME_TO_YEAR: usize = 800;

/// Whether the entry's first author's surname stands outside the reference list (`list`) with
/// the entry's year within [`NAME_TO_YEAR`] bytes after it. `lower` is the document with ASCII
/// letters lowercased (byte offsets unchanged).
fn named_with_year(lower: &str, entry: &Reference, list: &Range<usize>) -> bool {
    let (
        Some(author),
        Some(cite::Year {
            value: cite::YearValue::Year(year),
            ..
        }),
    ) = (entry.first_author(), entry.year)
    else {
        return false;
    };
    let surname = author.surname.to_ascii_lowercase();
    if author.group || surname.chars().count() < 3 {
        return false;
    }
    let year = year.to_string();
    let word_edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    lower.match_indices(surname.as_str()).any(|(at, _)| {
        let end = at + surname.len();
        if (at < list.end && end > list.start)
            || !word_edge(lower[..at].chars().next_back())
            || !word_edge(lower[end..].chars().next())
        {
            return false;
        }
        let window =
            &lower[end..crate::cite::token::floor_char_boundary(lower, end + NAME_TO_YEAR)];
        window.match_indices(year.as_str()).any(|(k, _)| {
            word_edge(window[..k].chars().next_back())
                && word_edge(window[k + year.len()..].chars().next())
                && !(end + k < list.end && end + k + year.len() > list.start)
        })
    })
}

fn not_cited(analysis: &CitationAnalysis, document_text: &str) -> Vec<Finding> {
    let list = analysis.list_extent();
    let lower = document_text.to_ascii_lowercase();
    // Citations that matched nothing but look like a near miss for an entry, by entry.
    let mut near_misses: Vec<Vec<(Range<usize>, &str)>> =
        vec![Vec::new(); analysis.references.len()];
    for (citation, work, resolution) in analysis.works() {
        if let Resolution::NotFound(Some(near)) = resolution {
            near_misses[near.entry].push((cited_span(citation, work), &work.written));
        }
    }
    let mut findings = Vec::new();
    for (i, entry) in analysis.references.iter().enumerate() {
        if analysis.cited[i] || entry.authors.is_empty() || entry.year.is_none() {
            continue;
        }
        // "Title of a work. (2020)." has no author: it is cited by its title, which is not read
        // yet.
        if entry.has_no_author() {
            continue;
        }
        // The author's name with the entry's year shortly after it: a citation in a form the
        // parser does not read.
        if named_with_year(&lower, entry, &list) {
            continue;
        }
        let mut finding = Finding::at(entry.authors_span.clone()).arg("entry", entry.short_name());
        for (span, written) in &near_misses[i] {
            finding = finding.label(span.clone(), format!("perhaps cited here as “{written}”"));
        }
        findings.push(finding);
    }
    findings
}

/// The author and year of a cited work ("MccGwire 2008" out of "MccGwire 2008: 1282"); the
/// whole mention for narrative citations, whose year stands in parentheses.
fn cited_span(citation: &cite::Citation, work: &cite::CitedWork) -> Range<usize> {
    if citation.form == Form::Parenthetical && work.span.start == work.authors_span.start {
        work.authors_span.start..work.year_span.end
    } else {
        work.span.clone()
    }
}

/// A label for an entry: from its author to its year.
fn entry_label_span(entry: &Reference) -> Range<usize> {
    entry.authors_span.start..entry.year_span.end.max(entry.authors_span.end)
}

fn ambiguous(analysis: &CitationAnalysis) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (citation, work, resolution) in analysis.works() {
        let Resolution::Ambiguous(list) = resolution else {
            continue;
        };
        let span = cited_span(citation, work);
        let mut finding = Finding::at(span)
            .arg("citation", &work.written)
            .arg("count", list.len())
            .arg("year", work.year);
        for &i in list {
            let entry = &analysis.references[i];
            let title = entry.title.as_deref().unwrap_or("this entry");
            finding = finding.label(entry.year_span.clone(), format!("could be “{title}”"));
        }
        findings.push(finding);
    }
    findings
}

fn year_mismatch(analysis: &CitationAnalysis) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (citation, work, resolution) in analysis.works() {
        let Resolution::YearMismatch(list) = resolution else {
            continue;
        };
        if !citation.certain {
            continue;
        }
        let mut years: Vec<String> = list
            .iter()
            .filter_map(|&i| analysis.references[i].year.map(|y| y.to_string()))
            .collect();
        years.dedup();
        // An entry by the author from the cited year exists, yet the citation resolves to
        // another: its link (a JATS xref) names that other entry.
        let author = cite::token::fold(work.first_author());
        let linked_elsewhere = analysis.references.iter().any(|entry| {
            entry.has_year(work.year)
                && entry
                    .first_author()
                    .is_some_and(|a| cite::token::fold(&a.surname) == author)
        });
        if linked_elsewhere {
            years = vec![format!(
                "{} in the entry the citation links to",
                years.join(", ")
            )];
        }
        let mut finding = Finding::at(work.year_span.clone())
            .arg("citation", &work.written)
            .arg("author", work.first_author())
            .arg("year", work.year)
            .arg("years", years.join(", "));
        for &i in list {
            let entry = &analysis.references[i];
            finding = finding.label(entry.year_span.clone(), "the entry by this author");
        }
        findings.push(finding);
    }
    findings
}

/// A form finding: `problem` completes the message, `advice` is the help.
fn form_finding(span: Range<usize>, subject: &str, problem: String, advice: String) -> Finding {
    Finding::at(span)
        .arg("subject", subject)
        .arg("problem", problem)
        .arg("advice", advice)
}

fn citation_form<'a>(
    analysis: &CitationAnalysis,
    text: &impl Fn(&Range<usize>) -> &'a str,
    style: &Style,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut abbreviations = Abbreviations::default();
    for (citation, resolutions) in analysis.citations.iter().zip(&analysis.resolutions) {
        if citation.unclosed {
            let written = text(&citation.span);
            findings.push(
                form_finding(
                    citation.span.clone(),
                    written.trim_start_matches('('),
                    "has no closing parenthesis".into(),
                    "close the parenthesis after the last year or page".into(),
                )
                .replace_with(format!("{written})"), Applicability::Unsafe),
            );
        }
        for (work, resolution) in citation.works.iter().zip(resolutions) {
            if !citation.certain && matches!(resolution, Resolution::NotFound(_)) {
                continue;
            }
            if style.known
                && let Some(finding) =
                    abbreviations.check(analysis, citation.form, work, resolution)
            {
                findings.push(finding);
            }
            let first_of_authors = work.span.start == work.authors_span.start;
            // Several names that together are one group author: no author-list rules apply.
            let group_name = work.authors.len() >= 2
                && matches!(resolution, Resolution::Found(i)
                    if analysis.references[*i].authors.len() == 1
                        && analysis.references[*i].authors[0].group);
            if first_of_authors && !group_name && style.known {
                findings.extend(author_list_form(citation, work, style));
            }
            let parenthetical = citation.form == Form::Parenthetical && work.defines.is_none();
            // A status in place of the year is set off by a comma even where years are not:
            // Chicago's "(Rahman and Quinn, forthcoming)".
            let status_comma = work.year.value == cite::YearValue::InPress
                && work.comma_before_year
                && !style.comma_before_year;
            if first_of_authors
                && parenthetical
                && style.judges_comma
                && work.comma_before_year != style.comma_before_year
                && !status_comma
            {
                let span = work.authors_span.start..work.year_span.end;
                let (problem, fixed) = if style.comma_before_year {
                    (
                        "has no comma between author and year",
                        format!("{}, {}", text(&work.authors_span), text(&work.year_span)),
                    )
                } else {
                    (
                        "has a comma between author and year",
                        format!("{} {}", text(&work.authors_span), text(&work.year_span)),
                    )
                };
                let mut finding = form_finding(
                    span,
                    &work.written,
                    problem.into(),
                    format!("write “{fixed}”"),
                )
                .replace_with(fixed, Applicability::Unsafe);
                if !style.known {
                    finding = finding.note(format!(
                        "the other parenthetical citations of this manuscript {} a comma before the year",
                        if style.comma_before_year { "put" } else { "write no" }
                    ));
                }
                findings.push(finding);
            }
            if first_of_authors
                && let Some(span) = &work.et_al_span
                && let written = without_tags(text(span))
                && written.starts_with("et")
                && written.split_whitespace().collect::<Vec<_>>() != ["et", "al."]
            {
                let finding = form_finding(
                    span.clone(),
                    &work.written,
                    format!("writes “{written}”"),
                    "write “et al.”: “et” is a whole word, “al.” an abbreviation".into(),
                );
                // Markup inside ("et al</italic>.") would be lost by a replacement.
                findings.push(if written == text(span) {
                    finding.replace_with("et al.", Applicability::Unsafe)
                } else {
                    finding
                });
            }
            if let Some(locator) = &work.locator
                && style.known
                && let Some(finding) = locator_form(work, locator, text, style)
            {
                findings.push(finding);
            }
        }
    }
    findings
}

/// `text` without XML tags: "et al</italic>." as the reader sees it, "et al.".
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The author list of one cited work: "et al." from the style's number of authors, and the
/// style's word between the last two authors.
fn author_list_form(
    citation: &cite::Citation,
    work: &cite::CitedWork,
    style: &Style,
) -> Vec<Finding> {
    let parenthetical = citation.form == Form::Parenthetical && work.defines.is_none();
    let expected = if parenthetical {
        style.and_in_parentheses
    } else {
        style.and_in_text
    };
    // A style that joins authors with the language's own word ("e", ";") judges no conjunction.
    let wrong_and = work.conjunctions.iter().filter(|(c, _)| {
        expected != Conjunction::Other && *c != expected && *c != Conjunction::Other
    });
    if work.authors.len() >= style.et_al_from && !work.et_al {
        let short = format!("{} et al.", work.first_author());
        let mut finding = form_finding(
            work.authors_span.clone(),
            &work.written,
            format!("lists {} authors", work.authors.len()),
            format!(
                "{} cites {} or more authors by the first one and “et al.” from the first citation: “{short}, {}”",
                style.name, style.et_al_from, work.year
            ),
        )
        .replace_with(short, Applicability::Unsafe);
        if wrong_and.clone().next().is_some() {
            finding = finding.note(format!(
                "{} joins authors with “{}” {}",
                style.name,
                conjunction_word(expected),
                if parenthetical {
                    "inside parentheses"
                } else {
                    "in running text"
                }
            ));
        }
        return vec![finding];
    }
    wrong_and
        .map(|(conjunction, span)| {
            let (place, other_place) = if parenthetical {
                ("inside parentheses", "in running text")
            } else {
                ("in running text", "inside parentheses")
            };
            form_finding(
                span.clone(),
                &work.written,
                format!(
                    "joins the authors with “{}” {place}",
                    conjunction_word(*conjunction)
                ),
                format!(
                    "write “{}” between authors {place}; “{}” belongs {other_place}",
                    conjunction_word(expected),
                    conjunction_word(*conjunction)
                ),
            )
            .replace_with(conjunction_word(expected), Applicability::Unsafe)
        })
        .collect()
}

/// A page locator against the style: ", p. 12" / ", pp. 3–4" in APA, never ": 12".
fn locator_form<'a>(
    work: &cite::CitedWork,
    locator: &cite::intext::Locator,
    text: &impl Fn(&Range<usize>) -> &'a str,
    style: &Style,
) -> Option<Finding> {
    let range = locator.value.contains(['-', '–', ',']);
    let written = text(&locator.span).trim();
    let (problem, fixed) = match (&locator.form, style.page_labels) {
        (LocatorForm::Colon, _) | (LocatorForm::Bare, Some(_)) => {
            (format!("writes the page as “{written}”"), None)
        }
        (LocatorForm::Labelled(l), Some((one, many)))
            if range && one != many && l == one.trim_end_matches('.') =>
        {
            (format!("uses “{one}” for a page range"), None)
        }
        (LocatorForm::Labelled(l), Some((one, many)))
            if !range && one != many && l == many.trim_end_matches('.') =>
        {
            (format!("uses “{many}” for a single page"), None)
        }
        // Only page numbers go bare; "chap. 2", "fig. 3", "para. 4" keep their label.
        (LocatorForm::Labelled(l), None) if matches!(l.to_lowercase().as_str(), "p" | "pp") => (
            format!("labels the page as “{written}”"),
            Some(format!(", {}", locator.value)),
        ),
        _ => return None,
    };
    let fixed = fixed.unwrap_or_else(|| {
        let value = locator.value.replace("--", "–").replace('-', "–");
        match style.page_labels {
            Some((one, many)) => format!(", {} {value}", if range { many } else { one }),
            None => format!(", {value}"),
        }
    });
    Some(
        form_finding(
            locator.span.clone(),
            &work.written,
            problem,
            format!("write the locator as “{fixed}”"),
        )
        .replace_with(fixed, Applicability::Unsafe),
    )
}

/// Group-author abbreviations in document order: APA 7 defines one at its first citation
/// ("(North Atlantic Treaty Organization [NATO], 2022)") and uses it alone afterwards.
#[derive(Default)]
struct Abbreviations {
    defined: std::collections::HashSet<String>,
    reported: std::collections::HashSet<String>,
}

impl Abbreviations {
    /// A finding for the first use of an abbreviation that was not defined before.
    fn check(
        &mut self,
        analysis: &CitationAnalysis,
        form: Form,
        work: &cite::CitedWork,
        resolution: &Resolution,
    ) -> Option<Finding> {
        if let (Some(abbr), Some(_)) = (&work.abbreviation, &work.defines) {
            self.defined.insert(abbr.clone());
            return None;
        }
        let abbr = work.first_author();
        if work.authors.len() != 1
            || abbr.chars().count() < 2
            || !abbr.chars().all(char::is_uppercase)
            || self.defined.contains(abbr)
            || self.reported.contains(abbr)
        {
            return None;
        }
        let entry = match resolution {
            Resolution::Found(i) => *i,
            Resolution::Ambiguous(list) => *list.first()?,
            _ => return None,
        };
        let author = analysis.references[entry].first_author()?;
        let spelled = author.group
            && author.surname != abbr
            && (cite::intext::initials(&author.surname) == abbr
                || analysis.references[entry].abbreviation.as_deref() == Some(abbr));
        if !spelled {
            return None;
        }
        self.reported.insert(abbr.to_string());
        let full = &author.surname;
        let example = match form {
            Form::Parenthetical => format!("“({full} [{abbr}], {})”", work.year),
            Form::Narrative => format!("“{full} ({abbr}, {})”", work.year),
        };
        let span = work
            .authors
            .first()
            .map_or(work.span.clone(), |n| n.span.clone());
        Some(
            form_finding(
                span,
                &work.written,
                format!("uses the abbreviation “{abbr}” without defining it first"),
                format!("spell the group out at its first citation, {example}, and write “{abbr}” after that"),
            )
            .note(format!("the reference list names the author “{full}”")),
        )
    }
}

/// Works inside one pair of parentheses go in reference-list order: by first author, then year
/// ("n.d." first, "in press" last). A later prefix ("see also") starts a new run, and a work read
/// "as cited in" another stays with it.
fn citation_order(analysis: &CitationAnalysis) -> Vec<Finding> {
    let mut findings = Vec::new();
    for citation in &analysis.citations {
        if citation.form != Form::Parenthetical || citation.works.len() < 2 {
            continue;
        }
        let mut previous: Option<(String, cite::Year, &cite::CitedWork)> = None;
        let mut after_cited_in = false;
        for (n, work) in citation.works.iter().enumerate() {
            if n > 0 && work.prefix.is_some() {
                previous = None;
            }
            let key = (fold_compact(work.first_author()), work.year);
            if !after_cited_in
                && let Some((author, year, before)) = &previous
                && (&key.0, &key.1) < (author, year)
            {
                let order = if key.0 == *author {
                    "chronological"
                } else {
                    "alphabetical"
                };
                findings.push(
                    Finding::at(work.span.clone())
                        .arg("citation", &work.written)
                        .arg("order", order)
                        .arg("before", &before.written),
                );
            }
            after_cited_in = work.cited_in_next;
            previous = Some((key.0, key.1, work));
        }
    }
    findings
}

/// "Derek." → "D.", "John Paul" → "J. P.".
fn initials_of(given: &str) -> String {
    given
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The language whose "and" a conjunction between authors is; a manuscript written in that
/// language follows its own adaptation of the style ("ve" in a Turkish paper).
fn conjunction_language(word: &str) -> Option<&'static str> {
    Some(match word {
        "ve" => "tr",
        "und" => "de",
        "y" => "es",
        "e" => "pt",
        "et" => "fr",
        "och" => "sv",
        "og" => "da",
        "ja" => "fi",
        "i" => "pl",
        "и" => "ru",
        _ => return None,
    })
}

fn reference_form<'a>(
    analysis: &CitationAnalysis,
    text: &impl Fn(&Range<usize>) -> &'a str,
    style: &Style,
    language: Option<&str>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for entry in &analysis.references {
        let subject = entry.short_name();
        let persons = entry.authors.iter().filter(|a| !a.group).count();
        for (n, author) in entry.authors.iter().enumerate() {
            if author.group {
                continue;
            }
            let given = author.given.as_deref().unwrap_or("");
            match &author.separator {
                // ABNT enters a government body under its country, in capitals, and a period:
                // "BRASIL. Ministério da Saúde."
                Some((NameSeparator::Period, _))
                    if style.id == "abnt"
                        && author.given_full
                        && author.surname.chars().all(|c| !c.is_lowercase()) => {}
                Some((NameSeparator::Period, span)) => findings.push(
                    form_finding(
                        span.clone(),
                        &subject,
                        format!(
                            "has a period instead of a comma after the surname “{}”",
                            author.surname
                        ),
                        format!("write “{}, {given}”", author.surname),
                    )
                    .replace_with(",", Applicability::Unsafe),
                ),
                Some((NameSeparator::Missing, _)) => {
                    let span = author.surname_span.start
                        ..author
                            .given_span
                            .as_ref()
                            .map_or(author.surname_span.end, |g| g.end);
                    let fixed = format!("{}, {given}", author.surname);
                    findings.push(
                        form_finding(
                            span,
                            &subject,
                            format!(
                                "has no comma between the surname “{}” and the initials",
                                author.surname
                            ),
                            format!("write “{fixed}”"),
                        )
                        .replace_with(fixed, Applicability::Unsafe),
                    );
                }
                _ => {}
            }
            if style.initials
                && author.given_full
                && let Some(span) = &author.given_span
            {
                let initials = initials_of(given);
                findings.push(
                    form_finding(
                        span.clone(),
                        &subject,
                        format!(
                            "gives the full given name “{}”",
                            given.trim_end_matches('.')
                        ),
                        format!(
                            "{} gives initials: “{}, {initials}”",
                            style.name, author.surname
                        ),
                    )
                    .replace_with(initials, Applicability::Unsafe),
                );
            }
            match &author.joiner {
                Some((Joiner::Word { word, comma }, span))
                    if style.ampersand_in_entries
                        && word != "&"
                        && !(word == "e" && language == Some("it"))
                        && conjunction_language(word).is_none_or(|l| Some(l) != language) =>
                {
                    let mut finding = form_finding(
                        span.clone(),
                        &subject,
                        format!("joins the authors with “{word}”"),
                        format!(
                            "{} joins the last author with “, &”: “…, & {}, {}”",
                            style.name, author.surname, given
                        ),
                    );
                    if *comma {
                        finding = finding.replace_with("&", Applicability::Unsafe);
                    }
                    findings.push(finding);
                }
                Some((Joiner::Word { word, comma: false }, span))
                    if style.ampersand_in_entries && word == "&" && n > 0 =>
                {
                    // From the end of the previous author to the "&": " &" becomes ", &".
                    let previous = &entry.authors[n - 1];
                    let end_of_previous = previous
                        .given_span
                        .as_ref()
                        .map_or(previous.surname_span.end, |g| g.end);
                    findings.push(
                        form_finding(
                            end_of_previous..span.end,
                            &subject,
                            "has no comma before “&”".into(),
                            format!(
                                "{} puts a comma before “&” even between two authors: “…, & {}, {given}”",
                                style.name, author.surname
                            ),
                        )
                        .replace_with(", &", Applicability::Unsafe),
                    );
                }
                Some((Joiner::Comma, span))
                    if style.ampersand_in_entries
                        && n + 1 == entry.authors.len()
                        && entry.authors_complete
                        && persons <= 20 =>
                {
                    findings.push(
                        form_finding(
                            span.clone(),
                            &subject,
                            "has no “&” before the last author".into(),
                            format!("write “, & {}, {given}”", author.surname),
                        )
                        .replace_with(", &", Applicability::Unsafe),
                    );
                }
                _ => {}
            }
        }
        if style.month_first
            && let Some(date) = &entry.date
            && let Some((day, month)) = &date.day_first
        {
            let fixed = format!("{month} {day}");
            findings.push(
                form_finding(
                    date.span.clone(),
                    &subject,
                    format!("writes the date as “{}”", date.text),
                    format!(
                        "{} writes the month first: “({}, {fixed})”",
                        style.name,
                        year_text(entry)
                    ),
                )
                .replace_with(fixed, Applicability::Unsafe),
            );
        }
        for link in entry.links.iter().filter(|_| style.doi_links) {
            let Some(doi) = &link.doi else { continue };
            if link.is_doi_org() {
                continue;
            }
            let span = link.retrieved_span.clone().unwrap_or(link.span.clone());
            let fixed = format!("https://doi.org/{doi}");
            findings.push(
                form_finding(
                    span.clone(),
                    &subject,
                    format!("gives its DOI as “{}”", text(&span)),
                    format!(
                        "{} writes the DOI as a link, without “Retrieved from”: {fixed}",
                        style.name
                    ),
                )
                .replace_with(fixed, Applicability::Unsafe),
            );
        }
    }
    for (entry, span) in analysis.references.iter().zip(&analysis.entry_spans) {
        findings.extend(entry_slips(&entry.short_name(), text(span), span.start));
    }
    findings
}

/// Slips any style would query in an entry's text (`written`, starting at byte `base`): an
/// ISSN without its eight digits, an ISBN in a spreadsheet's number form ("9.788503005296E12"),
/// a label said twice ("Disponível em: <Disponível em: http…"), dots standing for words left
/// out (". . ."), and no space after a question or exclamation mark ("Cidadão?Direção").
fn entry_slips(subject: &str, written: &str, base: usize) -> Vec<Finding> {
    static SLIPS: std::sync::OnceLock<[regex::Regex; 5]> = std::sync::OnceLock::new();
    let [issn, isbn, label, dots, mark] = SLIPS.get_or_init(|| {
        let re = |p: &str| regex::Regex::new(p).expect("valid pattern");
        [
            re(r"\bISSN:?\s*([0-9][0-9Xx-]*[0-9Xx])"),
            re(r"\bISBN:?\s*([0-9]\.[0-9]+[Ee]\+?[0-9]+)"),
            re(r"(?i)\b(?:disponível em|available (?:at|from)|retrieved from|acesso em|accessed|consultado en|disponible en)\b"),
            re(r"\. \. \."),
            re(r"\p{Ll}[?!]\p{Lu}"),
        ]
    });
    let mut found = Vec::new();
    for m in issn.captures_iter(written).filter_map(|c| c.get(1)) {
        let digits = m
            .as_str()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .count();
        if digits != 8 {
            found.push(form_finding(
                base + m.start()..base + m.end(),
                subject,
                format!("gives the ISSN “{}”, which has {digits} digits", m.as_str()),
                "an ISSN has eight digits (“0011-5258”); check it, or give the ISBN of a book"
                    .into(),
            ));
        }
    }
    for m in isbn.captures_iter(written).filter_map(|c| c.get(1)) {
        found.push(form_finding(
            base + m.start()..base + m.end(),
            subject,
            format!(
                "gives the ISBN as a number in scientific notation (“{}”)",
                m.as_str()
            ),
            "write the ISBN's 10 or 13 digits as printed in the book (“978-85-03-00529-6”)".into(),
        ));
    }
    let labels: Vec<regex::Match<'_>> = label.find_iter(written).collect();
    for pair in labels.windows(2) {
        // Only a colon, an opening "<" and markup between: "Disponível em: &lt;<comment>
        // Disponível em:".
        let mut between = written[pair[0].end()..pair[1].start()].replace("&lt;", "<");
        while let Some(open) = between.find("<")
            && let Some(len) = between[open..].find('>')
        {
            between.replace_range(open..open + len + 1, "");
        }
        let between = between.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '<');
        if between.is_empty() && pair[0].as_str().to_lowercase() == pair[1].as_str().to_lowercase()
        {
            found.push(form_finding(
                base + pair[0].start()..base + pair[1].end(),
                subject,
                format!("says “{}” twice", pair[0].as_str()),
                "write the label once, before the address".into(),
            ));
        }
    }
    for m in dots.find_iter(written) {
        found.push(form_finding(
            base + m.start()..base + m.end(),
            subject,
            "has “. . .” where part of it was left out".into(),
            "write the entry in full (a journal's whole name, every part of a title)".into(),
        ));
    }
    for m in mark.find_iter(written) {
        // Not in an address: "index.php?ID=5".
        let word_start = written[..m.start()]
            .rfind(char::is_whitespace)
            .map_or(0, |w| w + 1);
        let word_end = written[m.end()..]
            .find(char::is_whitespace)
            .map_or(written.len(), |w| m.end() + w);
        let word = &written[word_start..word_end];
        if word.contains(['/', '=', '&', '@']) || word.starts_with("www") {
            continue;
        }
        let at = m.start() + m.as_str().chars().next().map_or(0, char::len_utf8);
        found.push(form_finding(
            base + at..base + at + 1,
            subject,
            format!("has no space after “{}”", &written[at..at + 1]),
            "put a space after the mark".into(),
        ));
    }
    found
}

fn year_text(entry: &Reference) -> String {
    entry.year.map_or_else(|| "n.d.".into(), |y| y.to_string())
}

/// How a list's names compare: with accents folded ("López" with "Lopez"), as the styles sort,
/// or letter by letter as written, accented letters after all others, as a word processor's
/// plain sort leaves a list. A list is judged by the one it follows more closely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Collation {
    Folded,
    AsWritten,
}

/// `name` for comparison under `collation`: lowercase letters and digits only.
fn collate(name: &str, collation: Collation) -> String {
    match collation {
        Collation::Folded => fold_compact(name),
        Collation::AsWritten => name
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect(),
    }
}

/// The sort key of an entry in an APA list: authors (surname letter by letter, then the first
/// initial), then the year. Only the first initial counts: "Freitas, A. M. D." and "Freitas,
/// A. M." are one author written two ways, whose works go by year.
fn order_key(
    entry: &Reference,
    collation: Collation,
    et_al_first: bool,
    no_date_last: bool,
) -> Option<(Vec<String>, cite::Year)> {
    let mut year = entry.year?;
    // APA puts "n.d." first among an author's works; ABNT and others leave it to the house,
    // and many put it last, with "in press".
    if no_date_last && year.value == cite::YearValue::NoDate {
        year.value = cite::YearValue::InPress;
    }
    if entry.authors.is_empty() {
        return None;
    }
    // "19--", "1780-1811": archival dates no style orders one way; such an entry is not judged.
    if matches!(
        year.value,
        cite::YearValue::Period(..) | cite::YearValue::Uncertain(..)
    ) {
        return None;
    }
    // A work without an author sorts by its title.
    if entry.has_no_author() {
        return Some((vec![sort_name(&entry.lead, collation)], year));
    }
    let authors = entry
        .authors
        .iter()
        .map(|a| {
            let name = if a.group {
                sort_name(&a.surname, collation)
            } else {
                collate(&a.surname, collation)
            };
            let initial: String = a
                .given
                .as_deref()
                .map(|g| collate(&initials_of(g), collation))
                .unwrap_or_default()
                .chars()
                .take(1)
                .collect();
            format!("{name} {initial}")
        })
        .collect::<Vec<String>>();
    // "POOLE, K. et al.": the co-authors are not written, so the entry may go anywhere among
    // its first author's works: first (as if undated) or last.
    if entry.et_al {
        let first = authors.into_iter().next().unwrap_or_default();
        return Some(if et_al_first {
            (
                vec![first],
                cite::Year {
                    value: cite::YearValue::NoDate,
                    suffix: None,
                },
            )
        } else {
            (vec![first, char::MAX.to_string()], year)
        });
    }
    Some((authors, year))
}

/// A group name or title for sorting: folded, letter by letter, without an initial article
/// ("The World Bank" sorts under W).
fn sort_name(name: &str, collation: Collation) -> String {
    // ABNT heads an entry by its title's first word in capitals, an article included, and
    // sorts it there: "A HORAS de aprobarse…" under A.
    let mut words = name.split_whitespace();
    let capitals = |w: Option<&str>| {
        w.is_some_and(|w| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase))
    };
    if capitals(words.next()) && capitals(words.next()) {
        return collate(name, collation);
    }
    let name = name.trim_start();
    let lower = name.to_lowercase();
    let article = ["the ", "an ", "a "]
        .iter()
        .find(|article| lower.starts_with(*article))
        .map_or(0, |article| article.len());
    collate(&name[article..], collation)
}

/// An entry's index with its sort key.
type KeyedEntry = (usize, (Vec<String>, cite::Year));

/// The entries of one list out of order: a back matter may hold several lists, each sorted on
/// its own.
fn reference_order(analysis: &CitationAnalysis, list: Range<usize>) -> Vec<Finding> {
    let keyed_by = |collation: Collation, et_al_first: bool, no_date_last: bool| {
        analysis
            .references
            .iter()
            .enumerate()
            .skip(list.start)
            .take(list.end.saturating_sub(list.start))
            .filter_map(|(i, e)| order_key(e, collation, et_al_first, no_date_last).map(|k| (i, k)))
            .collect::<Vec<KeyedEntry>>()
    };
    // The list is judged by the reading it follows most closely: accents folded or as
    // written, entries cut short by "et al." first or last among their first author's works.
    let mut best: Option<(usize, Vec<KeyedEntry>, Vec<bool>)> = None;
    for collation in [Collation::Folded, Collation::AsWritten] {
        for et_al_first in [false, true] {
            for no_date_last in [false, true] {
                let keyed = keyed_by(collation, et_al_first, no_date_last);
                let keys: Vec<&(Vec<String>, cite::Year)> = keyed.iter().map(|(_, k)| k).collect();
                let in_order = longest_nondecreasing(&keys);
                let staying = in_order.iter().filter(|x| **x).count();
                if best.as_ref().is_none_or(|(most, _, _)| staying > *most) {
                    best = Some((staying, keyed, in_order));
                }
            }
        }
    }
    let (_, keyed, in_order) = best.unwrap_or_default();
    // The entries that stay, in list order: their keys are sorted, so where an entry belongs is
    // a binary search, and whether its authors have an entry that stays is a set lookup.
    let staying: Vec<(usize, &(Vec<String>, cite::Year))> = keyed
        .iter()
        .enumerate()
        .filter(|(p, _)| in_order[*p])
        .map(|(_, (i, k))| (*i, k))
        .collect();
    let staying_authors: std::collections::HashSet<&Vec<String>> =
        staying.iter().map(|(_, k)| &k.0).collect();
    let mut findings = Vec::new();
    for (pos, (i, key)) in keyed.iter().enumerate() {
        if in_order[pos] {
            continue;
        }
        let entry = &analysis.references[*i];
        let mut finding;
        if staying_authors.contains(&key.0) {
            finding = Finding::at(entry.year_span.clone())
                .arg("entry", entry.short_name())
                .arg("order", "chronological")
                .arg(
                    "advice",
                    "list works by the same authors from oldest to newest (undated ones together at one end, “in press” last)",
                );
        } else {
            let at = staying.partition_point(|(_, k)| *k <= key);
            let before = staying.get(at).map(|(j, _)| *j);
            let advice = match before {
                Some(j) => format!(
                    "sort the list by first author: move it before “{}”",
                    analysis.references[j].short_name()
                ),
                None => "sort the list by first author: move it to the end".into(),
            };
            finding = Finding::at(entry.authors_span.clone())
                .arg("entry", entry.short_name())
                .arg("order", "alphabetical")
                .arg("advice", advice);
        }
        if pos > 0 {
            let previous = &analysis.references[keyed[pos - 1].0];
            finding = finding.label(entry_label_span(previous), "it comes after this entry");
        }
        findings.push(finding);
    }
    findings
}

/// Marks the members of one longest non-decreasing subsequence (O(n log n)); the others are the
/// entries out of place.
pub(super) fn longest_nondecreasing<T: Ord>(items: &[T]) -> Vec<bool> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; items.len()];
    for i in 0..items.len() {
        let at = tails.partition_point(|&t| items[t] <= items[i]);
        if at > 0 {
            previous[i] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut keep = vec![false; items.len()];
    let mut at = tails.last().copied();
    while let Some(i) = at {
        keep[i] = true;
        at = (previous[i] != usize::MAX).then(|| previous[i]);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_run_marks_the_misplaced_items() {
        let keep = longest_nondecreasing(&[1, 5, 2, 3, 4]);
        assert_eq!(keep, [true, false, true, true, true]);
        let keep = longest_nondecreasing(&[1, 2, 2, 3]);
        assert!(keep.iter().all(|k| *k));
    }

    #[test]
    fn initials_from_given_names() {
        assert_eq!(initials_of("Derek."), "D.");
        assert_eq!(initials_of("John Paul"), "J. P.");
    }

    /// The findings of one citation check in `style` on `text`, as the underlined text.
    fn underlined(kind: Kind, style: &str, text: &str) -> Vec<String> {
        let document =
            crate::source::read_text("t.txt", crate::source::Format::Text, text.to_string())
                .expect("plain text always reads");
        let manuscript = crate::manuscript::Manuscript::detect(&document);
        let check = Citations::new(
            kind,
            Params {
                style: style.into(),
            },
        )
        .expect("known style");
        check
            .check(&Context {
                document: &document,
                manuscript: &manuscript,
                limit: &Default::default(),
                memoize: false,
            })
            .iter()
            .map(|f| text[f.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn chicago_keeps_labels_other_than_pages_and_a_comma_before_a_status() {
        let text = "Heroes\n\nHeroes were admired (Blanshard 2006, chap. 2; Zhou 2018, fig. 3), \
                    as Lee and Park (2019, para. 4) note (Rahman and Quinn, forthcoming; \
                    Blanshard 2006, p. 151).\n\nReferences\n\n\
                    Blanshard, Alastair. 2006. Hercules: A Heroic Life. London: Granta.\n\n\
                    Lee, Kim, and Jae Park. 2019. Heroes Then and Now. Boston: Beacon.\n\n\
                    Rahman, Farid, and Aoife Quinn. Forthcoming. Myth. Chicago: Lakeside.\n\n\
                    Zhou, Lin. 2018. Myth and Memory. Chicago: University of Chicago Press.\n";
        assert_eq!(
            underlined(Kind::CitationForm, "chicago-author-date", text),
            [", p. 151"]
        );
        // APA still wants "&" and a comma everywhere.
        let apa = underlined(Kind::CitationForm, "apa7", text);
        assert!(apa.contains(&"Blanshard 2006".to_string()), "{apa:?}");
        assert!(!apa.iter().any(|u| u.contains("forthcoming")), "{apa:?}");
    }

    /// A known style by id (the test names only known ones).
    fn known(id: &str) -> &'static Style {
        Style::find(id).unwrap().unwrap()
    }

    #[test]
    fn unknown_styles_are_rejected() {
        for id in [
            "apa7",
            "apa6",
            "chicago-author-date",
            "harvard",
            "abnt",
            "vancouver",
            "ieee",
        ] {
            assert_eq!(known(id).id, id);
        }
        assert!(Style::find("auto").unwrap().is_none());
        assert!(
            Style::find("chicago")
                .unwrap_err()
                .contains("auto, apa7, apa6, chicago-author-date, harvard, abnt, vancouver, ieee")
        );
    }

    #[test]
    fn styles_are_author_date_or_numeric() {
        let harvard = known("harvard");
        assert_eq!(harvard.system, System::AuthorDate);
        assert_eq!(harvard.and_in_parentheses, Conjunction::And);
        assert!(harvard.comma_before_year);
        assert_eq!(harvard.et_al_from, 4);
        assert_eq!(known("vancouver").system, System::Numeric { round: true });
        assert_eq!(known("ieee").system, System::Numeric { round: false });
    }

    const ABNT: &str = "Educação\n\nA educação liberta (FREIRE, 1987, p. 149-171). Para Saviani \
                        (2008), a escola importa (BRASIL, 2018; SAVIANI, 2008), e Freire e Shor \
                        (1986) concordam (FREIRE 1987).\n\nReferências\n\n\
                        BRASIL. Ministério da Educação. Base Nacional Comum Curricular. Brasília: MEC, 2018. \
                        Disponível em: http://basenacionalcomum.mec.gov.br. Acesso em: 3 mar. 2020.\n\n\
                        FREIRE, Paulo. Pedagogia do oprimido. Rio de Janeiro: Paz e Terra, 1987.\n\n\
                        FREIRE, Paulo; SHOR, Ira. Medo e ousadia. Rio de Janeiro: Paz e Terra, 1986.\n\n\
                        SAVIANI, Dermeval. Escola e democracia. Campinas: Autores Associados, 2008.\n";

    #[test]
    fn abnt_conventions_are_accepted_and_its_slips_reported() {
        // Only the missing comma of "(FREIRE 1987)": not "p." for a range, not the capitals,
        // not "e" between authors, not "BRASIL. Ministério", not the full given names.
        assert_eq!(
            underlined(Kind::CitationForm, "auto", ABNT),
            ["FREIRE 1987"]
        );
        assert!(underlined(Kind::ReferenceForm, "auto", ABNT).is_empty());
        // Declared APA 7, the same text is full of APA slips.
        assert!(underlined(Kind::CitationForm, "apa7", ABNT).len() > 1);
    }

    #[test]
    fn an_abnt_title_entry_sorts_under_its_first_word_article_included() {
        let text = "Prensa\n\nLo dijo la prensa (A HORAS..., 2018; ALONSO, 1998; BAJTIN, 1989; \
                    THE TIMES..., 2017).\n\nReferencias\n\n\
                    A HORAS de aprobarse la ley, el Presidente la vetó. Ámbito, 31 mayo, 2018.\n\n\
                    ALONSO, L. E. La mirada cualitativa. Madrid: Fundamentos, 1998.\n\n\
                    BAJTIN, M. Estética de la creación verbal. Madrid: Siglo XXI, 1989.\n\n\
                    THE TIMES of the city. Londres: Archivo, 2017.\n";
        assert_eq!(
            underlined(Kind::ReferenceOrder, "abnt", text),
            Vec::<String>::new()
        );
    }

    #[test]
    fn chicago_is_judged_as_chicago_when_inferred() {
        let text = "Protest\n\nMovements borrow forms (Tilly and Tarrow 2015, 87; Blanshard \
                    2006). Zhou (2018) disagrees (Lee and Park 2019; Zhou, 2018).\n\nReferences\n\n\
                    Blanshard, Alastair. 2006. Hercules: A Heroic Life. London: Granta.\n\n\
                    Lee, Kim, and Jae Park. 2019. Heroes Then and Now. Boston: Beacon.\n\n\
                    Tilly, Charles, and Sidney Tarrow. 2015. Contentious Politics. Oxford: Oxford University Press.\n\n\
                    Zhou, Lin. 2018. Myth and Memory. Chicago: University of Chicago Press.\n";
        assert_eq!(underlined(Kind::CitationForm, "auto", text), ["Zhou, 2018"]);
        assert!(underlined(Kind::CitationOrder, "auto", text).is_empty());
    }

    #[test]
    fn in_no_known_style_only_shared_rules_and_the_manuscripts_own_comma_are_judged() {
        // Entries in a form no known style has ("Surname, I. 2019, Journal"); citations with a
        // comma and "and", save one.
        let text = "Stars\n\nPlanets migrate (Adams and Ruiz, 2019; Baker, 2020; Cole and Diaz, \
                    2021), and resonances break (Evans, 2018; Ford and Gale, 2017; Hale 2016; \
                    Ives et. al., 2015; Jones, 2014; Kim, 2013).\n\nReferences\n\n\
                    Adams, P., Ruiz, J. 2019, ApJ, 4, 10\n\n\
                    Baker, L. 2020, AJ, 5, 1\n\n\
                    Ives, M., Jones, N., Kim, O. 2015, MNRAS, 3, 3\n";
        assert_eq!(
            underlined(Kind::CitationForm, "auto", text),
            ["Hale 2016", "et. al."]
        );
        for kind in [
            Kind::CitationOrder,
            Kind::ReferenceForm,
            Kind::ReferenceOrder,
        ] {
            assert!(underlined(kind, "auto", text).is_empty(), "{kind:?}");
        }
    }

    #[test]
    fn a_list_found_only_in_part_is_one_finding_about_the_list() {
        let text = "Ponds\n\nLight matters (Adams, 2019; Baker, 2020; Cole, 2021; Diaz, 2022), \
                    as does shade (Evans, 2018; Ford, 2017) and depth (Gale, 2016).\n\n\
                    References\n\n\
                    Adams, P. (2019). Light in ponds. Water, 4(2), 10-19.\n\n\
                    Baker, L. (2020). Plants. Water, 5(1), 1-9.\n";
        assert!(underlined(Kind::NotInReferences, "auto", text).is_empty());
        assert!(underlined(Kind::YearMismatch, "auto", text).is_empty());
        assert_eq!(underlined(Kind::ListMissing, "auto", text), ["Cole, 2021"]);
        // With most works listed, each missing one is reported where it is cited.
        let mostly = text.replace(
            "Baker, L. (2020). Plants. Water, 5(1), 1-9.\n",
            "Baker, L. (2020). Plants. Water, 5(1), 1-9.\n\nCole, M. (2021). Reeds. Water, 6, 1.\n\n\
             Diaz, R. (2022). Fish. Water, 7, 1.\n\nEvans, T. (2018). Shade. Water, 3, 1.\n",
        );
        assert_eq!(
            underlined(Kind::NotInReferences, "auto", &mostly),
            ["Ford, 2017", "Gale, 2016"]
        );
        assert!(underlined(Kind::ListMissing, "auto", &mostly).is_empty());
    }

    #[test]
    fn markup_inside_et_al_is_read_as_the_reader_sees_it() {
        let source = r#"<article xml:lang="pt"><body>
<p>Como <xref ref-type="bibr" rid="B1">Alves <italic>et al.</italic> (2012)</xref> e (<xref ref-type="bibr" rid="B1">ALVES <italic>et al</italic>., 2012</xref>) mostram, e (<xref ref-type="bibr" rid="B1">ALVES <italic>et. al</italic>., 2012</xref>).</p>
</body><back><ref-list>
<ref id="B1"><mixed-citation>ALVES, E.; BRAGA, F.; CRUZ, G. Peixes. Revista, v. 6, p. 3-7, 2012.</mixed-citation></ref>
</ref-list></back></article>"#;
        let document =
            crate::source::read_text("a.xml", crate::source::Format::Jats, source.into()).unwrap();
        let manuscript = crate::manuscript::Manuscript::detect(&document);
        let check = Citations::new(
            Kind::CitationForm,
            Params {
                style: "abnt".into(),
            },
        )
        .unwrap();
        let findings = check.check(&Context {
            document: &document,
            manuscript: &manuscript,
            limit: &Default::default(),
            memoize: false,
        });
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(
            findings[0].fix.is_none(),
            "a fix would drop the closing tag"
        );
    }
}
