//! Pandoc's citation syntax in Markdown prose: bracketed citations (`[@key]`, `[@key, p. 3]`,
//! `[see @a; -@b, ch. 2]`), narrative ones (`@key`, `@key [p. 3]`), keys in braces
//! (`@{any key}`), and the cross-references that share the `@` (`@fig:x`, `@tbl-y`, `[@sec:z]`),
//! found in text already stripped of Markdown markup.
//!
//! A key starts with a letter, digit or `_` and goes on with letters, digits, `_` and the
//! internal punctuation `:.#$%&-+?<>~/` when more key characters follow (so a key ends before a
//! sentence's full stop). An `@` right after a letter or digit (an e-mail address), after `/` or
//! `:` (a URL), or escaped (`\@`, which the caller tells) starts nothing. This module knows the
//! syntax only: the Markdown reader decides what the tokens become.

use std::ops::Range;

/// Prefixes of pandoc-crossref (`@fig:x`) and Quarto (`@fig-x`) cross-reference labels.
const CROSS_REFERENCE_PREFIXES: &[&str] = &[
    "fig", "tbl", "tab", "eq", "sec", "lst", "thm", "lem", "cor", "prp", "cnj", "def", "exm",
    "exr", "sol", "rem", "alg", "tip", "nte", "wrn", "imp", "cau", "apx",
];

/// Characters a key may hold inside it, not at its end.
const INTERNAL_PUNCTUATION: &str = ":.#$%&-+?<>~/";

/// What an `@` token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenKind {
    Citation,
    CrossReference,
}

/// A citation or cross-reference found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: TokenKind,
    /// The whole token: the brackets of a bracketed citation, `@key` and any locator after it.
    pub range: Range<usize>,
    /// Each key with the range of its `@key` (braces included).
    pub keys: Vec<(String, Range<usize>)>,
}

/// Whether a key is a cross-reference label rather than a citation key.
pub(super) fn is_cross_reference(key: &str) -> bool {
    let Some(at) = key.find([':', '-']) else {
        return false;
    };
    let prefix = &key[..at];
    at + 1 < key.len()
        && CROSS_REFERENCE_PREFIXES
            .iter()
            .any(|p| p.eq_ignore_ascii_case(prefix))
}

/// The tokens of `text` in order, never overlapping. `escaped(at)` says whether the `@` at byte
/// `at` was escaped in the source.
pub(super) fn scan(text: &str, escaped: &dyn Fn(usize) -> bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut covered_until = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'[' => {
                if let Some(token) = bracketed(text, at, escaped) {
                    at = token.range.end;
                    covered_until = at;
                    tokens.push(token);
                    continue;
                }
            }
            b'@' if at >= covered_until => {
                if let Some(token) = narrative(text, at, escaped) {
                    at = token.range.end;
                    covered_until = at;
                    tokens.push(token);
                    continue;
                }
            }
            _ => {}
        }
        at += 1;
    }
    tokens
}

/// The keys of a list such as a front matter's `nocite: "@a, @b"` (`@*` gives the key `*`), each
/// with its range in `text`.
pub(super) fn keys_in_list(text: &str) -> Vec<(String, Range<usize>)> {
    let mut keys = Vec::new();
    let mut at = 0;
    while let Some(found) = text[at..].find('@') {
        let start = at + found;
        if text[start + 1..].starts_with('*') {
            keys.push(("*".to_string(), start..start + 2));
            at = start + 2;
            continue;
        }
        match key_at(text, start + 1) {
            Some((key, end)) if starts_token(text, start) => {
                keys.push((key, start..end));
                at = end;
            }
            _ => at = start + 1,
        }
    }
    keys
}

/// Whether an `@` at `at` may start a citation, by the character before it.
fn starts_token(text: &str, at: usize) -> bool {
    let before = &text[..at];
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some('-') => {
            // `-@key` suppresses the author inside brackets: "[-@key]", "[see; -@key]".
            let before_dash = before[..before.len() - 1].chars().next_back();
            before_dash.is_none_or(|c| c.is_whitespace() || c == '[' || c == ';')
        }
        Some(c) => "([{;,\"'“‘«¿¡—–\u{FFFC}*_".contains(c),
    }
}

/// The key after an `@` whose next byte is `at`, and where it ends.
fn key_at(text: &str, at: usize) -> Option<(String, usize)> {
    let rest = &text[at..];
    if let Some(inner) = rest.strip_prefix('{') {
        let close = inner.find(['}', '{', '\n'])?;
        if !inner[close..].starts_with('}') || inner[..close].trim().is_empty() {
            return None;
        }
        return Some((inner[..close].trim().to_string(), at + 1 + close + 1));
    }
    let mut chars = rest.char_indices().peekable();
    let (_, first) = chars.next()?;
    if !(first.is_alphanumeric() || first == '_') {
        return None;
    }
    let mut end = first.len_utf8();
    let mut pending: Option<usize> = None;
    for (i, c) in chars {
        if c.is_alphanumeric() || c == '_' {
            pending = None;
            end = i + c.len_utf8();
        } else if INTERNAL_PUNCTUATION.contains(c) {
            pending.get_or_insert(i);
        } else {
            break;
        }
    }
    Some((rest[..end].to_string(), at + end))
}

/// A key with its `@`, when a token may start at `at`.
fn key_token(
    text: &str,
    at: usize,
    escaped: &dyn Fn(usize) -> bool,
) -> Option<(String, Range<usize>)> {
    if !text[at..].starts_with('@') || escaped(at) || !starts_token(text, at) {
        return None;
    }
    let (key, end) = key_at(text, at + 1)?;
    Some((key, at..end))
}

/// A bracketed citation opening at `open`: each `;`-separated item holds one key.
fn bracketed(text: &str, open: usize, escaped: &dyn Fn(usize) -> bool) -> Option<Token> {
    let rest = &text[open + 1..];
    let close = rest.find([']', '['])?;
    if !rest[close..].starts_with(']') || rest[..close].contains("\n\n") {
        return None;
    }
    let inner_start = open + 1;
    let inner = &rest[..close];
    let mut keys = Vec::new();
    let mut item_start = 0;
    for item in inner.split(';') {
        let base = inner_start + item_start;
        item_start += item.len() + 1;
        let key = item
            .match_indices('@')
            .find_map(|(i, _)| key_token(text, base + i, escaped))?;
        keys.push(key);
    }
    let range = open..inner_start + close + 1;
    let citations: Vec<_> = keys
        .iter()
        .filter(|(key, _)| !is_cross_reference(key))
        .cloned()
        .collect();
    Some(if citations.is_empty() {
        Token {
            kind: TokenKind::CrossReference,
            range,
            keys,
        }
    } else {
        Token {
            kind: TokenKind::Citation,
            range,
            keys: citations,
        }
    })
}

/// A narrative citation (`@key`, `@key [p. 3]`) or cross-reference at `at`.
fn narrative(text: &str, at: usize, escaped: &dyn Fn(usize) -> bool) -> Option<Token> {
    let (key, span) = key_token(text, at, escaped)?;
    let mut end = span.end;
    // A locator in brackets right after: "@key [p. 3]".
    let after = &text[end..];
    let spaces = after.len() - after.trim_start_matches([' ', '\u{a0}']).len();
    if spaces <= 1
        && let Some(locator) = after[spaces..].strip_prefix('[')
        && let Some(close) = locator.find([']', '[', '@', '\n'])
        && locator[close..].starts_with(']')
    {
        end += spaces + 1 + close + 1;
    }
    let kind = if is_cross_reference(&key) {
        TokenKind::CrossReference
    } else {
        TokenKind::Citation
    };
    Some(Token {
        kind,
        range: at..end,
        keys: vec![(key, span)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(TokenKind, &str, Vec<&str>)> {
        scan(text, &|_| false)
            .into_iter()
            .map(|t| {
                let keys = t.keys.iter().map(|(_, r)| &text[r.clone()]).collect();
                (t.kind, &text[t.range], keys)
            })
            .collect()
    }

    use TokenKind::{Citation, CrossReference};

    #[test]
    fn bracketed_and_narrative_citations() {
        assert_eq!(
            keys("Ponds [@adams2019, p. 3] and [see @a; -@b:c, ch. 2]."),
            [
                (Citation, "[@adams2019, p. 3]", vec!["@adams2019"]),
                (Citation, "[see @a; -@b:c, ch. 2]", vec!["@a", "@b:c"])
            ]
        );
        assert_eq!(
            keys("As @smith_2020. showed, and @doe.j-2 [p. 4] too (@x/y)."),
            [
                (Citation, "@smith_2020", vec!["@smith_2020"]),
                (Citation, "@doe.j-2 [p. 4]", vec!["@doe.j-2"]),
                (Citation, "@x/y", vec!["@x/y"])
            ]
        );
        assert_eq!(
            keys("Odd [@{Ann Lee: 2020}] keys."),
            [(Citation, "[@{Ann Lee: 2020}]", vec!["@{Ann Lee: 2020}"])]
        );
        let scanned = scan("[@{Ann Lee: 2020}]", &|_| false);
        assert_eq!(scanned[0].keys[0].0, "Ann Lee: 2020");
    }

    #[test]
    fn cross_references_are_told_apart() {
        assert_eq!(
            keys("See @fig:map, [@tbl-sites] and @Sec:intro; @eq-1."),
            [
                (CrossReference, "@fig:map", vec!["@fig:map"]),
                (CrossReference, "[@tbl-sites]", vec!["@tbl-sites"]),
                (CrossReference, "@Sec:intro", vec!["@Sec:intro"]),
                (CrossReference, "@eq-1", vec!["@eq-1"])
            ]
        );
        // A key that only starts like a prefix is a citation.
        assert_eq!(keys("@figueroa2020")[0].0, Citation);
        assert_eq!(keys("@fig")[0].0, Citation);
    }

    #[test]
    fn mail_urls_escapes_and_plain_brackets_are_not_citations() {
        assert!(keys("Write to ann.lee@example.org or https://x.org/@ann.").is_empty());
        assert!(keys("Mixed [a list] and [@ alone] and @ 2 and [x; @y]").len() == 1);
        assert_eq!(
            keys("Mixed [a; @y] here")
                .into_iter()
                .map(|t| t.1)
                .collect::<Vec<_>>(),
            ["@y"]
        );
        let text = "Not \\@escaped but @real.";
        let escaped = |at: usize| at == 5;
        let found = scan(text, &escaped);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "@real");
    }

    #[test]
    fn nocite_lists() {
        let text = "@a, @b:c\n  @*";
        let keys: Vec<String> = keys_in_list(text).into_iter().map(|k| k.0).collect();
        assert_eq!(keys, ["a", "b:c", "*"]);
    }
}
