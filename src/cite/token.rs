//! The small tokenizer and name folding that the in-text and reference-entry parsers share.
//!
//! Tokens are words (letters, with inner apostrophes and hyphens: "O’Brien", "Smith-Jones"),
//! numbers (ASCII digits, with a directly attached year letter: "2020a") and single punctuation
//! characters. Every token keeps its byte span in the text it came from. This module knows
//! nothing about citation styles.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    Punct(char),
}

/// One token with its byte span (relative to the text given to [`tokenize`], plus its base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: Kind,
    pub text: &'a str,
    pub span: Range<usize>,
}

impl Token<'_> {
    /// Whether this is the word `word` (ASCII case-insensitive).
    pub fn is_word(&self, word: &str) -> bool {
        self.kind == Kind::Word && self.text.eq_ignore_ascii_case(word)
    }

    /// Whether this is the punctuation `c`.
    pub fn is(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    /// Whether this word starts with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether this is a single capital letter (an initial, when a period follows).
    pub fn is_single_capital(&self) -> bool {
        let mut chars = self.text.chars();
        self.kind == Kind::Word
            && chars.next().is_some_and(char::is_uppercase)
            && chars.next().is_none()
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || c == '-'
}

/// Splits `text` into tokens; spans are offset by `base`.
pub fn tokenize(text: &str, base: usize) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            Kind::Word
        } else if c.is_ascii_digit() {
            Kind::Number
        } else {
            tokens.push(Token {
                kind: Kind::Punct(c),
                text: &text[start..start + c.len_utf8()],
                span: base + start..base + start + c.len_utf8(),
            });
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let continues = match kind {
                Kind::Word => {
                    next.is_alphabetic()
                        || is_combining_mark(next)
                        || (is_joiner(next)
                            && text[at + next.len_utf8()..]
                                .chars()
                                .next()
                                .is_some_and(char::is_alphabetic))
                }
                _ => next.is_ascii_digit(),
            };
            if !continues {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        // A year letter: "2020a", but not "2020ab" or "12th".
        if kind == Kind::Number {
            let rest = &text[end..];
            let mut it = rest.chars();
            if let Some(letter) = it.next()
                && letter.is_ascii_lowercase()
                && !it.next().is_some_and(char::is_alphanumeric)
                && end - start == 4
            {
                end += 1;
                chars.next();
            }
        }
        tokens.push(Token {
            kind,
            text: &text[start..end],
            span: base + start..base + end,
        });
    }
    tokens
}

/// The largest char boundary of `text` at or before `at`.
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Folds a name for comparison: lowercase, diacritics removed (Tür → tur, ı → i), apostrophes
/// and hyphens dropped, runs of other non-letters to one space.
pub fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.nfd() {
        if is_combining_mark(c) || is_apostrophe(c) {
            continue;
        }
        let mapped: &str = match c {
            'ı' | 'İ' => "i",
            'ø' | 'Ø' => "o",
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' => "d",
            _ => "",
        };
        if !mapped.is_empty() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(mapped);
        } else if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else if c != '-' {
            space = true;
        }
    }
    out
}

/// The folded name without spaces, for letter-by-letter comparison ("De Vries" → "devries").
pub fn fold_compact(name: &str) -> String {
    fold(name).replace(' ', "")
}

/// Strips a possessive or case ending after an apostrophe: "NATO’s", "Yılmaz’ın", "Smith's".
/// Endings are short and lowercase, so "O’Brien" and "D’Souza" stay whole.
pub fn strip_possessive(word: &str) -> &str {
    if let Some((at, apostrophe)) = word.char_indices().rev().find(|&(_, c)| is_apostrophe(c)) {
        let ending = &word[at + apostrophe.len_utf8()..];
        if at > 0 && ending.chars().count() <= 4 && ending.chars().all(char::is_lowercase) {
            return &word[..at];
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text, 0).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            texts("O’Brien & Smith-Jones, 2020a: 12"),
            ["O’Brien", "&", "Smith-Jones", ",", "2020a", ":", "12"]
        );
        assert_eq!(texts("n.d.-a"), ["n", ".", "d", ".", "-", "a"]);
        assert_eq!(texts("pp. 3-4"), ["pp", ".", "3", "-", "4"]);
    }

    #[test]
    fn spans_are_offset_by_the_base() {
        let tokens = tokenize("Tür, 2000", 10);
        assert_eq!(tokens[0].span, 10..14);
        assert_eq!(tokens[2].span, 16..20);
    }

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Tür"), "tur");
        assert_eq!(fold("IŞIK"), "isik");
        assert_eq!(fold("Işık"), "isik");
        assert_eq!(fold("O’Brien"), "obrien");
        assert_eq!(
            fold("Government of  Netherlands."),
            "government of netherlands"
        );
        assert_eq!(fold_compact("De Vries"), "devries");
        assert_eq!(strip_possessive("NATO’s"), "NATO");
        assert_eq!(strip_possessive("Yılmaz’ın"), "Yılmaz");
        assert_eq!(strip_possessive("O’Brien"), "O’Brien");
        assert_eq!(strip_possessive("Smith"), "Smith");
    }
}
