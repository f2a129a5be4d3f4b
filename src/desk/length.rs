//! The main text's length as a journal counts it: the body's words, and whichever of the
//! abstracts, headings, references, tables, figure and table captions and back-matter statements
//! the journal says count too.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use super::statements::{How, Statement};
use crate::manuscript::shapes::word_count;
use crate::manuscript::{Manuscript, Part};
use crate::source::{BlockKind, Document};

/// What a journal's limit counts besides the body prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Counted {
    /// Body paragraphs (not tables, captions or back-matter statements).
    Body,
    Headings,
    Abstract,
    References,
    Tables,
    Captions,
    /// Statements under their own heading or label: funding, acknowledgements, contributions.
    Statements,
}

impl Counted {
    pub fn as_str(self) -> &'static str {
        match self {
            Counted::Body => "body",
            Counted::Headings => "headings",
            Counted::Abstract => "abstract",
            Counted::References => "references",
            Counted::Tables => "tables",
            Counted::Captions => "captions",
            Counted::Statements => "statements",
        }
    }
}

/// Whether a paragraph is a figure or table caption ("Figure 2.", "Tabela 1 –", "Şekil 3:").
pub fn is_caption(text: &str) -> bool {
    static CAPTION: OnceLock<Regex> = OnceLock::new();
    CAPTION
        .get_or_init(|| {
            Regex::new(
                r"(?i)^\s*(?:figure|fig\.|table|tabela|tabla|tablo|şekil|figura|gráfico|grafik|quadro|cuadro)\s*(?:[0-9]+|[IVX]+)[a-z]?\s*[.:–—|-]",
            )
            .expect("compiles")
        })
        .is_match(text)
}

/// The words of the main text counting `counts`; `statements` are those found in the manuscript.
pub fn main_text_words(
    document: &Document,
    manuscript: &Manuscript,
    counts: &[Counted],
    statements: &[Statement],
) -> usize {
    let cells: Vec<Range<usize>> = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::TableCell)
        .map(|b| b.text.source_span())
        .collect();
    let statement_spans: Vec<Range<usize>> = statements
        .iter()
        .filter(|s| matches!(s.how, How::Heading | How::Label) && !s.kind.section)
        .flat_map(|s| std::iter::once(s.span.clone()).chain(s.body.iter().map(|b| b.source_span())))
        .collect();
    let inside = |span: &Range<usize>, list: &[Range<usize>]| {
        list.iter()
            .any(|r| r.start <= span.start && span.end <= r.end && r.start < r.end)
    };
    let wants = |c: Counted| counts.contains(&c);
    let mut words = 0;
    for unit in &manuscript.units {
        let span = unit.text.source_span();
        let text = unit.text.as_str();
        let counted = match unit.part {
            Part::Abstract => wants(Counted::Abstract),
            Part::References => wants(Counted::References),
            Part::Heading if inside(&span, &statement_spans) => wants(Counted::Statements),
            Part::Heading => wants(Counted::Headings),
            Part::Body if inside(&span, &statement_spans) => wants(Counted::Statements),
            Part::Body if inside(&span, &cells) => wants(Counted::Tables),
            Part::Body if is_caption(text) => wants(Counted::Captions),
            Part::Body => wants(Counted::Body),
            Part::Title | Part::Authors | Part::Keywords | Part::Trailing => false,
        };
        if counted {
            words += word_count(text);
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Format, read_text};

    fn words(text: &str, counts: &[Counted]) -> usize {
        let document = read_text("t", Format::Markdown, text.to_string()).unwrap();
        let manuscript = Manuscript::detect(&document);
        let statements = super::super::statements::detect(&document, &manuscript);
        main_text_words(&document, &manuscript, counts, &statements)
    }

    const PAPER: &str = "# Ponds\n\n## Abstract\n\nSmall ponds hold many species in farmland today.\n\n## Introduction\n\nOne two three four five.\n\nFigure 1. Six seven eight.\n\n| a b | c |\n|---|---|\n| d | e |\n\n## Funding\n\nThe Pond Trust paid.\n\n## References\n\n1. Fern L. Ponds of England. 2012.\n";

    #[test]
    fn the_body_alone_leaves_out_abstract_captions_tables_statements_and_references() {
        assert_eq!(words(PAPER, &[Counted::Body]), 5);
        assert_eq!(words(PAPER, &[Counted::Body, Counted::Captions]), 5 + 5);
        assert_eq!(
            words(PAPER, &[Counted::Body, Counted::Statements]),
            5 + 1 + 4
        );
        assert!(words(PAPER, &[Counted::Body, Counted::Abstract]) > 5);
        assert!(words(PAPER, &[Counted::Body, Counted::References]) > 5);
    }

    #[test]
    fn captions_are_recognised_in_several_languages() {
        for c in [
            "Figure 2. Map.",
            "Fig. 3: Map",
            "Tabela 1 – Dados",
            "Şekil 4. Harita",
            "Table IV. Counts",
        ] {
            assert!(is_caption(c), "{c}");
        }
        for p in [
            "Figures show the map.",
            "Table salt was used.",
            "Figure skating 3 times",
        ] {
            assert!(!is_caption(p), "{p}");
        }
    }
}
