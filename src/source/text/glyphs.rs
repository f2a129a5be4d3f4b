//! Characters that PDF text extraction leaves in a form no one typed: ligature glyphs (`ﬁ` for
//! "fi") and accents detached from their letter (`Moll´a`, `na¨ıve`, `Franc¸ois`). Each is read as
//! the letters it shows, mapped back to the source bytes it replaces.

use std::ops::Range;

use crate::source::MappedText;

/// The letters a ligature glyph stands for.
fn ligature(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => return None,
    })
}

/// The combining mark a spacing accent stands for, and whether extraction puts it before its
/// letter (acute, grave, diaeresis, circumflex, tilde, caron, ring) or after it (cedilla, ogonek).
fn spacing_accent(c: char) -> Option<(char, bool)> {
    Some(match c {
        '\u{B4}' => ('\u{301}', true),
        '`' => ('\u{300}', true),
        '\u{A8}' => ('\u{308}', true),
        '\u{2C6}' => ('\u{302}', true),
        '\u{2DC}' => ('\u{303}', true),
        '\u{2C7}' => ('\u{30C}', true),
        '\u{2DA}' => ('\u{30A}', true),
        '\u{2DD}' => ('\u{30B}', true),
        '\u{B8}' => ('\u{327}', false),
        '\u{2DB}' => ('\u{328}', false),
        _ => return None,
    })
}

/// `base` with `mark` as one precomposed letter, when Unicode has one. A dotless ı takes the
/// accent as an i does (`¨ı` is ï).
fn compose(base: char, mark: char) -> Option<char> {
    let base = if base == 'ı' { 'i' } else { base };
    unicode_normalization::char::compose(base, mark)
}

/// Whether `text` holds anything [`push_line`] would read differently.
pub fn needs_reading(text: &str) -> bool {
    text.chars()
        .any(|c| ligature(c).is_some() || spacing_accent(c).is_some())
}

/// Appends `source[range]` to `out`, reading ligatures as their letters and a detached accent
/// next to a letter as the accented letter where Unicode has one. A grave accent counts only
/// between letters (elsewhere it is a backtick), and an acute before a word-final `s`, `t`, `d`
/// or `m` is an apostrophe typed with the wrong key (`it´s`), left alone.
pub fn push_line(out: &mut MappedText, source: &str, range: Range<usize>) {
    let line = &source[range.clone()];
    if !needs_reading(line) {
        out.push_source(source, range);
        return;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |i: usize| range.start + chars.get(i).map_or(line.len(), |&(o, _)| o);
    let mut copied_to = 0; // index into `chars` of the first character not yet appended
    let mut i = 0;
    let flush = |out: &mut MappedText, from: usize, to: usize| {
        if from < to {
            out.push_source(source, at(from)..at(to));
        }
    };
    while i < chars.len() {
        let c = chars[i].1;
        if let Some(letters) = ligature(c) {
            flush(out, copied_to, i);
            out.push_replacement(letters, at(i)..at(i + 1));
            i += 1;
            copied_to = i;
            continue;
        }
        if let Some((mark, before)) = spacing_accent(c) {
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(i + 1).map(|&(_, n)| n);
            let (base_index, base) = if before {
                (i + 1, next)
            } else {
                (i.wrapping_sub(1), prev)
            };
            let word_after = chars.get(i + 2).is_some_and(|&(_, n)| n.is_alphabetic());
            let apostrophe = c == '\u{B4}'
                && !word_after
                && matches!(next, Some('s' | 't' | 'd' | 'm'))
                && prev.is_some_and(char::is_alphabetic);
            let backtick = c == '`'
                && !(prev.is_some_and(char::is_alphabetic)
                    && next.is_some_and(char::is_alphabetic));
            if let Some(base) = base.filter(|b| b.is_alphabetic())
                && !apostrophe
                && !backtick
                && let Some(composed) = compose(base, mark)
            {
                let (first, last) = if before {
                    (i, base_index)
                } else {
                    (base_index, i)
                };
                flush(out, copied_to, first);
                let mut buffer = [0u8; 4];
                out.push_replacement(composed.encode_utf8(&mut buffer), at(first)..at(last + 1));
                i = last + 1;
                copied_to = i;
                continue;
            }
        }
        i += 1;
    }
    flush(out, copied_to, chars.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> MappedText {
        let mut out = MappedText::new();
        push_line(&mut out, source, 0..source.len());
        out
    }

    #[test]
    fn ligatures_read_as_their_letters_and_map_back() {
        let source = "a prede\u{FB01}ned set, e\u{FB03}cient";
        let text = read(source);
        assert_eq!(text.as_str(), "a predefined set, efficient");
        let at = text.as_str().find("predefined").unwrap();
        assert_eq!(
            &source[text.to_source(at..at + "predefined".len())],
            "prede\u{FB01}ned"
        );
    }

    #[test]
    fn detached_accents_join_their_letter() {
        assert_eq!(
            read("D. Moll\u{B4}a and Qu\u{B4}ebec").as_str(),
            "D. Mollá and Québec"
        );
        assert_eq!(
            read("the na\u{A8}\u{131}ve Bayes").as_str(),
            "the naïve Bayes"
        );
        assert_eq!(read("Franc\u{B8}ois").as_str(), "François");
        assert_eq!(read("Universit`a").as_str(), "Università");
        let source = "Moll\u{B4}a 2003";
        let text = read(source);
        assert_eq!(&source[text.to_source(0..6)], "Moll\u{B4}a");
    }

    #[test]
    fn apostrophes_and_backticks_stay() {
        assert_eq!(
            read("it\u{B4}s the user\u{B4}s").as_str(),
            "it\u{B4}s the user\u{B4}s"
        );
        assert_eq!(read("run `make` now").as_str(), "run `make` now");
        assert_eq!(read("a \u{B4} b").as_str(), "a \u{B4} b");
    }
}
