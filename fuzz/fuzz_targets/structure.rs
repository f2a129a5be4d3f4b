//! Structure detection (title, abstracts, keywords, headings, references) on any text, read as
//! plain text or Markdown as the first byte says; every unit it finds lies in the text.
#![no_main]

use galley::manuscript::Manuscript;
use galley::source::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let (format, name) = match selector % 3 {
        0 => (Format::Text, "paper.txt"),
        1 => (Format::Markdown, "paper.md"),
        _ => (Format::Jats, "paper.xml"),
    };
    let Some(document) = galley_fuzz::read(format, name, rest) else {
        return;
    };
    let manuscript = Manuscript::detect(&document);
    for unit in &manuscript.units {
        if !unit.text.is_empty() {
            galley_fuzz::assert_span(&document.text, &unit.text.source_span(), "unit");
        }
    }
    // The citation analysis is computed lazily; force it.
    let _ = manuscript.citations();
});
