//! The in-text citation grammar (author-year and numeric) and the reference-entry parser on any
//! text: no panic, and every citation span lies in the text.
#![no_main]

use galley::cite::{intext, numeric, reference};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for citation in intext::parse(text) {
        galley_fuzz::assert_span(text, &citation.span, "citation");
        for work in &citation.works {
            galley_fuzz::assert_span(text, &work.span, "cited work");
        }
    }
    for citation in numeric::parse_square(text)
        .into_iter()
        .chain(numeric::parse_round(text))
    {
        galley_fuzz::assert_span(text, &citation.span, "numeric citation");
        for part in &citation.parts {
            galley_fuzz::assert_span(text, &part.span, "numeric citation part");
        }
    }
    let _ = reference::parse(text);
});
