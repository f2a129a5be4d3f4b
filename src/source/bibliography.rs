//! Bibliography files, whatever their format: which reader a file goes to (BibTeX/BibLaTeX
//! `.bib`, CSL JSON, CSL YAML), and how a work read from one is written out as a reference entry.
//!
//! Every format fills the same [`EntryFields`], whose pieces stay mapped to their bytes in the
//! file; [`render`] writes them as one readable APA-like line, "Surname, G., & Other, H. (2020).
//! Title. Journal, 4(2), 1–9. https://doi.org/…", with the punctuation and initials synthetic.
//! The line is what a citation processor would print from the data, not what the author typed,
//! so the reference-form rules must not judge it (the readers set
//! [`super::Metadata::rendered_references`]).

use std::ops::Range;

use super::{KeyedEntry, MappedText, csl, latex_bib};

/// What reading one bibliography file gave: entries (mapped into the document's text, the file
/// starting at some base offset) and warnings with spans in that text.
pub(super) struct BibRead {
    pub entries: Vec<KeyedEntry>,
    pub warnings: Vec<(Range<usize>, String)>,
}

impl BibRead {
    pub(super) fn empty() -> Self {
        Self {
            entries: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// The bibliography formats galley reads, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BibFormat {
    /// BibTeX or BibLaTeX.
    Bib,
    CslJson,
    CslYaml,
}

impl BibFormat {
    /// The format of a file named `name`, or `None` when galley cannot read it.
    pub(super) fn from_name(name: &str) -> Option<BibFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "bib" | "bibtex" | "biblatex" => Some(BibFormat::Bib),
            "json" => Some(BibFormat::CslJson),
            "yaml" | "yml" => Some(BibFormat::CslYaml),
            _ => None,
        }
    }
}

/// Reads `src`, the text of one bibliography file in `format` that stands at byte `base` of the
/// document's text.
pub(super) fn read(format: BibFormat, src: &str, base: usize) -> BibRead {
    match format {
        BibFormat::Bib => latex_bib::read(src, base),
        BibFormat::CslJson => csl::read_json(src, base),
        BibFormat::CslYaml => csl::read_yaml(src, base),
    }
}

/// One author or editor: the surname (with any particle, "van Dijk") mapped to the file, and the
/// given names as written.
pub(super) struct Person {
    pub surname: MappedText,
    pub given: String,
}

/// The pieces of a reference entry, each mapped to the file where it stands there verbatim.
#[derive(Default)]
pub(super) struct EntryFields {
    pub people: Vec<Person>,
    /// Whether `people` are editors (no author given).
    pub editors: bool,
    pub year: Option<MappedText>,
    pub title: Option<MappedText>,
    /// Journal, or the book a chapter or paper stands in.
    pub container: Option<MappedText>,
    /// Whether `container` is a book ("In Proceedings of …").
    pub container_is_book: bool,
    pub volume: Option<MappedText>,
    pub number: Option<MappedText>,
    pub pages: Option<MappedText>,
    pub publisher: Option<MappedText>,
    pub doi: Option<MappedText>,
    pub url: Option<MappedText>,
}

/// Initials of given names: "Paula Maria" → "P. M.", "Jean-Luc" → "J.-L.".
pub(super) fn initials(given: &str) -> String {
    let initials: Vec<String> = given
        .split(|c: char| c.is_whitespace() || c == '.')
        .filter_map(|part| {
            let mut pieces = part.split('-').filter_map(|p| p.chars().next());
            let first = pieces.next()?;
            let rest: Vec<String> = pieces.map(|c| format!("{c}.")).collect();
            Some(if rest.is_empty() {
                format!("{first}.")
            } else {
                format!("{first}.-{}", rest.join("-"))
            })
        })
        .collect();
    initials.join(" ")
}

/// The entry as an APA-like line.
pub(super) fn render(fields: &EntryFields) -> MappedText {
    let mut out = MappedText::new();
    let people = &fields.people;
    for (i, person) in people.iter().enumerate() {
        if i > 0 {
            out.push_synthetic(if i + 1 == people.len() { ", & " } else { ", " });
        }
        out.append(&person.surname);
        let initials = initials(&person.given);
        if !initials.is_empty() {
            out.push_synthetic(", ");
            out.push_synthetic(&initials);
        }
    }
    if fields.editors && !people.is_empty() {
        out.push_synthetic(if people.len() == 1 {
            " (Ed.)"
        } else {
            " (Eds.)"
        });
    }
    let sentence = |out: &mut MappedText, text: &MappedText| {
        if !out.is_empty() {
            out.push_synthetic(" ");
        }
        out.append(text);
        if !text.as_str().ends_with(['.', '?', '!']) {
            out.push_synthetic(".");
        }
    };
    match &fields.year {
        Some(year) => {
            out.push_synthetic(if out.is_empty() { "(" } else { " (" });
            out.append(year);
            out.push_synthetic(").");
        }
        None => out.push_synthetic(if out.is_empty() {
            "(n.d.)."
        } else {
            " (n.d.)."
        }),
    }
    if let Some(title) = &fields.title {
        sentence(&mut out, title);
    }
    if let Some(container) = &fields.container {
        out.push_synthetic(" ");
        if fields.container_is_book {
            out.push_synthetic("In ");
        }
        out.append(container);
        if let Some(volume) = &fields.volume {
            out.push_synthetic(", ");
            out.append(volume);
        }
        if let Some(number) = &fields.number {
            out.push_synthetic("(");
            out.append(number);
            out.push_synthetic(")");
        }
        if let Some(pages) = &fields.pages {
            out.push_synthetic(", ");
            out.append(pages);
        }
        out.push_synthetic(".");
    }
    if let Some(publisher) = &fields.publisher {
        sentence(&mut out, publisher);
    }
    if let Some(doi) = &fields.doi {
        out.push_synthetic(" https://doi.org/");
        out.append(doi);
    } else if let Some(url) = &fields.url {
        out.push_synthetic(" ");
        out.append(url);
    }
    out
}

/// The first four-digit year in `value` ("2020-05-01", "Spring 2019"), as a byte range of it.
pub(super) fn year_in(value: &str) -> Option<Range<usize>> {
    let bytes = value.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .find(|&i| {
            bytes[i..i + 4].iter().all(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit())
        })
        .map(|at| at..at + 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(BibFormat::from_name("refs.BIB"), Some(BibFormat::Bib));
        assert_eq!(
            BibFormat::from_name("a/refs.json"),
            Some(BibFormat::CslJson)
        );
        assert_eq!(BibFormat::from_name("refs.yml"), Some(BibFormat::CslYaml));
        assert_eq!(BibFormat::from_name("refs.ris"), None);
        assert_eq!(BibFormat::from_name("refs"), None);
    }

    #[test]
    fn a_line_is_written_from_the_fields() {
        let mut surname = MappedText::new();
        surname.push_at("Adams", 10);
        let mut title = MappedText::new();
        title.push_at("Ponds", 40);
        let fields = EntryFields {
            people: vec![Person {
                surname,
                given: "Paula Jean-Marie".into(),
            }],
            title: Some(title),
            year: Some({
                let mut y = MappedText::new();
                y.push_synthetic("2019");
                y
            }),
            ..EntryFields::default()
        };
        let line = render(&fields);
        assert_eq!(line.as_str(), "Adams, P. J.-M. (2019). Ponds.");
        assert_eq!(line.to_source(0..5), 10..15);
        assert_eq!(year_in("May 2019-05"), Some(4..8));
        assert_eq!(year_in("12345"), None);
    }
}
