//! The LaTeX reader on arbitrary bytes, in memory (an `\input` finds no file): an error or a
//! document whose spans lie in its text.
#![no_main]

use galley::source::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    galley_fuzz::read(Format::Latex, "paper.tex", data);
});
