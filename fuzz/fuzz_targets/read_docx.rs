//! The .docx reader on arbitrary bytes: an error or a document whose spans lie in its text.
#![no_main]

use galley::source::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    galley_fuzz::read(Format::Docx, "paper.docx", data);
});
