//! The sections a structured abstract has, in every format galley reads: run-in labels
//! ("Objectives:", "**Methods:**", "Bulgular:"), labels alone on their line ("Objective" over its
//! paragraph), emphasised labels without a colon (`**Design** We …`, `\textbf{Methods}`) and
//! JATS `<sec><title>` inside `<abstract>`. The label table is
//! `rules/data/abstract-sections.toml`; synonyms and other languages name the same section.
//!
//! It only reads labels; which sections a journal requires is the profile's business.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::manuscript::Abstract;
use crate::manuscript::structured::{Sections, section_of_label, sections, sections_on_own_lines};
use crate::source::{Document, Format};

/// Where an abstract stands in the source, markup included: from its heading (or first word) to
/// its end, widened to the whole `<abstract>` element in JATS, whose section titles may lie
/// before the first paragraph.
fn source_range(document: &Document, abs: &Abstract) -> Range<usize> {
    let text = abs.text.source_span();
    let start = abs
        .heading
        .as_ref()
        .map_or(text.start, |h| h.source_span().start.min(text.start));
    // From the start of its line: the markup around the first label (`\textbf{`, `**`) stands
    // before the first word.
    let source = document.text.as_str();
    let start = source[..start.min(source.len())]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let mut range = start..text.end.max(start);
    if document.format == Format::Jats
        && let Some(open) = source[..range.start.min(source.len())].rfind("<abstract")
        && let Some(close) = source[range.end.min(source.len())..].find("</abstract>")
    {
        range = open..range.end + close;
    }
    range
}

/// Emphasis or titles around a label in the source: `<title>…</title>`, `\textbf{…}`,
/// `\textit{…}`, `\emph{…}`, `\paragraph{…}`, `**…**`, `__…__`.
fn marked_labels() -> &'static Regex {
    static MARKED: OnceLock<Regex> = OnceLock::new();
    MARKED.get_or_init(|| {
        Regex::new(
            r"<title>([^<]{1,40})</title>|\\(?:textbf|textit|emph|textsc|paragraph|subsection\*?)\{([^{}]{1,40})\}|\*\*([^*\n]{1,40})\*\*|__([^_\n]{1,40})__",
        )
        .expect("compiles")
    })
}

/// The sections of a structured abstract `abs` has, by their labels.
pub fn found(document: &Document, abs: &Abstract) -> Sections {
    let text = abs.text.as_str();
    let mut found = sections(text);
    found.add(sections_on_own_lines(text));
    let range = source_range(document, abs);
    if let Some(source) = document.text.get(range) {
        for caps in marked_labels().captures_iter(source) {
            let label = (1..=4).find_map(|i| caps.get(i)).map_or("", |m| m.as_str());
            if let Some(section) = section_of_label(label) {
                found.add(Sections::of(section));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manuscript::Manuscript;
    use crate::manuscript::structured::Section;
    use crate::source::read_text;

    fn first_abstract(format: Format, text: &str) -> Sections {
        let document = read_text("t", format, text.to_string()).unwrap();
        let manuscript = Manuscript::detect(&document);
        let abs = manuscript.abstracts.first().expect("an abstract");
        found(&document, abs)
    }

    const ALL: [Section; 4] = [
        Section::Opening,
        Section::Methods,
        Section::Results,
        Section::Conclusions,
    ];

    #[test]
    fn run_in_bold_labels_in_markdown() {
        let md = "# Ponds\n\n## Abstract\n\n**Objectives:** To survey the ponds of three towns and the animals that live in them.\n\n**Design** A survey of forty ponds over two years, each visited in spring and autumn.\n\n**Results:** Half of the ponds held water all year, and those held the most species.\n\n**Conclusions:** Ponds need care, and the towns should keep the permanent ones.\n\n## Introduction\n\nText.\n";
        let s = first_abstract(Format::Markdown, md);
        for section in ALL {
            assert!(s.has(section), "{section:?}");
        }
    }

    #[test]
    fn labels_alone_on_their_lines_in_plain_text() {
        let text = "Ponds in towns\n\nAbstract\n\nObjective: to survey ponds in three towns over two years.\nMethods: a survey of forty ponds.\nFindings: half of them held water all year.\nInterpretation: ponds need care.\n\nIntroduction\n\nPonds are common.\n";
        let s = first_abstract(Format::Text, text);
        for section in ALL {
            assert!(s.has(section), "{section:?}");
        }
    }

    #[test]
    fn jats_section_titles_inside_the_abstract() {
        let xml = r#"<article><front><article-meta><title-group><article-title>Ponds</article-title></title-group><abstract><sec><title>Background</title><p>Ponds in towns are drained.</p></sec><sec><title>Methods</title><p>We surveyed forty ponds.</p></sec><sec><title>Results</title><p>Half held water all year.</p></sec></abstract></article-meta></front><body><sec><title>Introduction</title><p>Ponds are common in towns and farmland.</p></sec></body></article>"#;
        let s = first_abstract(Format::Jats, xml);
        assert!(s.has(Section::Opening) && s.has(Section::Methods) && s.has(Section::Results));
        assert!(!s.has(Section::Conclusions));
    }

    #[test]
    fn latex_bold_labels_without_colons() {
        let tex = "\\documentclass{article}\n\\title{Ponds}\n\\begin{document}\n\\maketitle\n\\begin{abstract}\n\\textbf{Objective} To survey ponds. \\textbf{Methods} A survey of forty ponds. \\textbf{Results} Half held water. \\textbf{Conclusions} Ponds need care.\n\\end{abstract}\n\\section{Introduction}\nPonds are common.\n\\end{document}\n";
        let s = first_abstract(Format::Latex, tex);
        for section in ALL {
            assert!(s.has(section), "{section:?}");
        }
    }

    #[test]
    fn portuguese_spanish_and_turkish_labels() {
        let pt = "Lagoas\n\nResumo\n\nObjetivo: estudar lagoas urbanas. Métodos: visitamos quarenta lagoas. Resultados: metade tinha água. Conclusões: as lagoas precisam de cuidado.\n\nIntrodução\n\nTexto.\n";
        let s = first_abstract(Format::Text, pt);
        assert!(ALL.iter().all(|x| s.has(*x)));
        let tr = "Göletler\n\nÖzet\n\nAmaç: kent göletlerini incelemek. Yöntem: kırk gölet ziyaret edildi. Bulgular: yarısında su vardı. Sonuç: göletler bakım ister.\n\nGiriş\n\nMetin.\n";
        let s = first_abstract(Format::Text, tr);
        assert!(ALL.iter().all(|x| s.has(*x)));
    }

    #[test]
    fn an_unstructured_abstract_has_no_sections() {
        let md = "# Ponds\n\n## Abstract\n\nWe surveyed forty ponds in three towns; the results show that half of them held water all year, and we conclude that the methods of care matter.\n\n## Introduction\n\nText.\n";
        assert_eq!(first_abstract(Format::Markdown, md), Sections::default());
    }
}
