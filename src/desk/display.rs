//! Figures and tables (display items) of a manuscript, counted the way its format shows them:
//! LaTeX `figure` and `table` floats (starred, sideways and wrapped ones too, and `longtable`),
//! JATS `<fig>` and `<table-wrap>` of the article itself (a `<fig-group>` is one figure; a
//! translation in a `<sub-article>` repeats the originals and is not counted), Markdown images
//! standing alone and pipe tables, and in every format but LaTeX and JATS the captions that open
//! a paragraph ("Figure 3.", "Table 2:", "Tabela 1 –", "Şekil 4"), each number once.
//!
//! It counts; the limits are the profile's and the rule is in `src/checks/desk.rs`.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::source::{BlockKind, Document, Format};

/// Figure or table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Figure,
    Table,
}

/// The display items found, each with where it stands, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DisplayItems {
    pub figures: Vec<Range<usize>>,
    pub tables: Vec<Range<usize>>,
}

impl DisplayItems {
    /// Figures and tables together, in document order.
    pub fn all(&self) -> Vec<Range<usize>> {
        let mut all: Vec<Range<usize>> = self.figures.iter().chain(&self.tables).cloned().collect();
        all.sort_by_key(|r| r.start);
        all
    }
}

/// A caption that opens a paragraph: the word, a number (Arabic or Roman, a letter after it
/// allowed), then punctuation, the end of the line, or a capitalised word. The word must be
/// capitalised: "figure 3 shows" inside a sentence is not a caption.
fn caption() -> &'static Regex {
    static CAPTION: OnceLock<Regex> = OnceLock::new();
    CAPTION.get_or_init(|| {
        Regex::new(
            r"^\s*(Figure|FIGURE|Fig\.|FIG\.|Şekil|ŞEKİL|Figura|FIGURA|Gráfico|GRÁFICO|Grafik|GRAFİK|Table|TABLE|Tabela|TABELA|Tabla|TABLA|Tablo|TABLO|Quadro|QUADRO|Cuadro|CUADRO)\s+([0-9]{1,3}|[IVX]{1,5})[a-z]?(?:\s*[.:–—|-]|[ \t]*$|[ \t]+\p{Lu})",
        )
        .expect("compiles")
    })
}

fn caption_kind(word: &str) -> Kind {
    match word.to_lowercase().as_str() {
        "table" | "tabela" | "tabla" | "tablo" | "quadro" | "cuadro" => Kind::Table,
        _ => Kind::Figure,
    }
}

/// Captions opening the paragraphs of `document`, each number of each kind once.
fn captions(document: &Document) -> DisplayItems {
    let mut seen: BTreeSet<(Kind, String)> = BTreeSet::new();
    let mut items = DisplayItems::default();
    for block in &document.blocks {
        if matches!(block.kind, BlockKind::Heading(_) | BlockKind::Footnote) {
            continue;
        }
        let text = block.text.as_str();
        let first_line = text.lines().next().unwrap_or("");
        let Some(caps) = caption().captures(first_line) else {
            continue;
        };
        let kind = caption_kind(&caps[1]);
        if !seen.insert((kind, caps[2].to_string())) {
            continue;
        }
        let word = caps.get(1).expect("group");
        let number = caps.get(2).expect("group");
        let span = block.text.to_source(word.start()..number.end());
        match kind {
            Kind::Figure => items.figures.push(span),
            Kind::Table => items.tables.push(span),
        }
    }
    items
}

/// Whether offset `at` of `text` lies on a line commented out with `%` before it.
fn latex_commented(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    // `\%` is a literal percent sign, not a comment.
    before
        .match_indices('%')
        .any(|(i, _)| !before[..i].ends_with('\\'))
}

fn latex(text: &str) -> DisplayItems {
    static FLOAT: OnceLock<Regex> = OnceLock::new();
    let float = FLOAT.get_or_init(|| {
        Regex::new(r"\\begin\s*\{(figure|table|sidewaysfigure|sidewaystable|wrapfigure|wraptable|SCfigure|SCtable|longtable|figwindow|tabwindow)\*?\}")
            .expect("compiles")
    });
    let mut items = DisplayItems::default();
    for caps in float.captures_iter(text) {
        let m = caps.get(0).expect("match");
        if latex_commented(text, m.start()) {
            continue;
        }
        let name = &caps[1];
        if name.contains("table") || name == "tabwindow" || name == "SCtable" {
            items.tables.push(m.range());
        } else {
            items.figures.push(m.range());
        }
    }
    items
}

fn jats(text: &str) -> DisplayItems {
    static ELEMENT: OnceLock<Regex> = OnceLock::new();
    let element = ELEMENT.get_or_init(|| {
        Regex::new(
            r"<(fig-group|fig|table-wrap-group|table-wrap)[\s>/]|</(fig-group|table-wrap-group)>",
        )
        .expect("compiles")
    });
    let own = &text[..text.find("<sub-article").unwrap_or(text.len())];
    let mut items = DisplayItems::default();
    let (mut in_fig_group, mut in_table_group) = (0usize, 0usize);
    for caps in element.captures_iter(own) {
        let m = caps.get(0).expect("match");
        match (
            caps.get(1).map(|g| g.as_str()),
            caps.get(2).map(|g| g.as_str()),
        ) {
            (Some("fig-group"), _) => {
                if in_fig_group == 0 {
                    items.figures.push(m.range());
                }
                in_fig_group += 1;
            }
            (Some("table-wrap-group"), _) => {
                if in_table_group == 0 {
                    items.tables.push(m.range());
                }
                in_table_group += 1;
            }
            (Some("fig"), _) if in_fig_group == 0 => items.figures.push(m.range()),
            (Some("table-wrap"), _) if in_table_group == 0 => items.tables.push(m.range()),
            (None, Some("fig-group")) => in_fig_group = in_fig_group.saturating_sub(1),
            (None, Some("table-wrap-group")) => in_table_group = in_table_group.saturating_sub(1),
            _ => {}
        }
    }
    items
}

/// Byte ranges of fenced code blocks and of the front matter in Markdown.
fn markdown_skipped(text: &str) -> Vec<Range<usize>> {
    let mut skipped = Vec::new();
    if text.starts_with("---")
        && let Some(end) = text[3..].find("\n---")
    {
        skipped.push(0..3 + end + 4);
    }
    let mut open: Option<(usize, &str)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence = if trimmed.starts_with("```") {
            Some("```")
        } else if trimmed.starts_with("~~~") {
            Some("~~~")
        } else {
            None
        };
        match (open, fence) {
            (None, Some(f)) => open = Some((offset, f)),
            (Some((start, f)), Some(g)) if f == g => {
                skipped.push(start..offset + line.len());
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _)) = open {
        skipped.push(start..text.len());
    }
    skipped
}

fn markdown(text: &str) -> DisplayItems {
    static IMAGE: OnceLock<Regex> = OnceLock::new();
    static DELIMITER: OnceLock<Regex> = OnceLock::new();
    let image = IMAGE.get_or_init(|| {
        Regex::new(r#"(?m)^[ \t]*(?:!\[[^\]\n]*\]\([^)\n]*\)|<img\b)"#).expect("compiles")
    });
    let delimiter = DELIMITER.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")
            .expect("compiles")
    });
    let skipped = markdown_skipped(text);
    let outside = |r: &Range<usize>| {
        !skipped
            .iter()
            .any(|s| s.start <= r.start && r.start < s.end)
    };
    DisplayItems {
        figures: image
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| outside(r))
            .collect(),
        tables: delimiter
            .find_iter(text)
            .map(|m| m.range())
            .filter(|r| outside(r))
            .collect(),
    }
}

/// The larger of two counts of the same items, so that an image and its caption are one figure.
fn larger(a: Vec<Range<usize>>, b: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if b.len() > a.len() { b } else { a }
}

/// The figures and tables of `document`.
pub fn count(document: &Document) -> DisplayItems {
    let text = document.text.as_str();
    match document.format {
        Format::Latex => latex(text),
        Format::Jats => jats(text),
        Format::Markdown => {
            let marked = markdown(text);
            let captioned = captions(document);
            DisplayItems {
                figures: larger(marked.figures, captioned.figures),
                tables: larger(marked.tables, captioned.tables),
            }
        }
        Format::Text | Format::Docx => captions(document),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::read_text;

    fn counts(format: Format, text: &str) -> (usize, usize) {
        let document = read_text("t", format, text.to_string()).unwrap();
        let items = count(&document);
        (items.figures.len(), items.tables.len())
    }

    #[test]
    fn latex_floats_starred_and_sideways_but_not_commented_or_subfigures() {
        let tex = "\\begin{document}\nText.\n\\begin{figure}\\begin{subfigure}{a}\\end{subfigure}\\caption{A}\\end{figure}\n\\begin{figure*}\\caption{B}\\end{figure*}\n% \\begin{figure}\\end{figure}\n\\begin{table}\\begin{tabular}{c}x\\end{tabular}\\end{table}\n\\begin{sidewaystable}\\end{sidewaystable}\n\\end{document}\n";
        assert_eq!(counts(Format::Latex, tex), (2, 2));
    }

    #[test]
    fn jats_figures_and_tables_of_the_article_not_of_its_translation() {
        let xml = r#"<article><body><p>Text.</p><fig id="f1"><label>Figure 1</label></fig><fig-group><fig id="f2a"/><fig id="f2b"/></fig-group><table-wrap id="t1"><table-wrap-foot/></table-wrap></body><sub-article article-type="translation"><body><fig id="f1t"/><table-wrap id="t1t"/></body></sub-article></article>"#;
        assert_eq!(counts(Format::Jats, xml), (2, 1));
    }

    #[test]
    fn markdown_images_pipe_tables_and_captions_each_once() {
        let md = "# Ponds\n\nText.\n\n![Figure 1. Map of the ponds.](map.png)\n\nFigure 1. Map of the ponds.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nTable 1: Counts.\n\nTable 2: Depths, given below.\n\n```\n![not](a.png)\n|---|---|\n```\n";
        assert_eq!(counts(Format::Markdown, md), (1, 2));
    }

    #[test]
    fn plain_text_captions_with_distinct_numbers() {
        let text = "Ponds\n\nFigure 1. Map of the ponds.\n\nAs Figure 1 shows, ponds are many.\n\nTable 1: Counts of species.\n\nTable 1: Counts of species (continued).\n\nFigure 2 Depth of the ponds\n\nFigure 3 shows the depth.\n\nTable S1. Supplementary counts.\n\nFIGURE 4. Algae.\n\nTabela 2 – Dados.\n";
        assert_eq!(counts(Format::Text, text), (3, 2));
    }
}
