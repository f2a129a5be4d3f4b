//! Authors and their ORCID iDs, where the format carries them: pandoc or Quarto front matter
//! (`author:` / `authors:` entries with `orcid:`), LaTeX `\author{…}` (with `\and`, authblk's one
//! `\author` per person, `\orcidlink{…}`, `\orcid{…}`), and JATS `<contrib contrib-type="author">`
//! with `<contrib-id contrib-id-type="orcid">`. Plain text and Word carry no structured authors.
//!
//! Also every ORCID iD written anywhere (front matter, commands, markup, `orcid.org/` links, an
//! "ORCID:" label in the text), with whether its shape and its ISO 7064 MOD 11-2 check digit are
//! right. It reads; the rules that report are in `src/checks/desk.rs`.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::blind::{braced, is_anonymous};
use crate::source::{Document, Format};

/// An author as the format carries them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    /// Where the name stands.
    pub span: Range<usize>,
    /// The ORCID iD given for the author, as written (a bare iD or an orcid.org link).
    pub orcid: Option<String>,
}

/// What is wrong with an ORCID iD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrcidProblem {
    /// Not four groups of four digits, the last character a digit or X.
    Shape,
    /// The check digit is not the one ISO 7064 MOD 11-2 gives; holds the right one.
    CheckDigit(char),
}

/// An ORCID iD written in the manuscript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrcidValue {
    /// The iD itself, without an orcid.org prefix.
    pub id: String,
    pub span: Range<usize>,
    pub problem: Option<OrcidProblem>,
}

/// The check character ISO 7064 MOD 11-2 gives for the first fifteen digits of an ORCID iD.
pub fn check_character(digits: &str) -> Option<char> {
    let mut total: u32 = 0;
    let mut count = 0;
    for c in digits.chars().filter(|c| *c != '-') {
        total = (total + c.to_digit(10)?) * 2;
        count += 1;
    }
    if count != 15 {
        return None;
    }
    let result = (12 - total % 11) % 11;
    Some(if result == 10 {
        'X'
    } else {
        char::from_digit(result, 10)?
    })
}

/// What is wrong with `id` (without its orcid.org prefix), if anything.
pub fn orcid_problem(id: &str) -> Option<OrcidProblem> {
    static SHAPE: OnceLock<Regex> = OnceLock::new();
    let shape = SHAPE.get_or_init(|| {
        Regex::new(r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9Xx]$").expect("compiles")
    });
    if !shape.is_match(id) {
        return Some(OrcidProblem::Shape);
    }
    let expected = check_character(&id[..id.len() - 1])?;
    let written = id.chars().last()?.to_ascii_uppercase();
    (written != expected).then_some(OrcidProblem::CheckDigit(expected))
}

/// `value` without an orcid.org prefix, and the offset where the iD starts in it.
fn strip_prefix(value: &str) -> (&str, usize) {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    let prefix = PREFIX.get_or_init(|| {
        Regex::new(r"(?i)^(?:https?://)?(?:www\.)?(?:sandbox\.)?orcid\.org/").expect("compiles")
    });
    match prefix.find(value) {
        Some(m) => (&value[m.end()..], m.end()),
        None => (value, 0),
    }
}

/// The authors `document`'s format carries, in order; empty when it carries none.
pub fn authors(document: &Document) -> Vec<Author> {
    let text = document.text.as_str();
    let mut found = match document.format {
        Format::Markdown => front_matter_authors(text),
        Format::Latex => latex_authors(text),
        Format::Jats => jats_authors(text),
        Format::Text | Format::Docx => Vec::new(),
    };
    found.retain(|a| !a.name.is_empty() && !is_anonymous(&a.name));
    // An ORCID iD the text gives right after the author's name ("Daniel Lakens
    // https://orcid.org/0000-…" in a list of iDs) is the author's too.
    for author in found.iter_mut().filter(|a| a.orcid.is_none()) {
        author.orcid = orcid_after_name(text, &author.name);
    }
    found
}

fn orcid_after_name(text: &str, name: &str) -> Option<String> {
    static ID: OnceLock<Regex> = OnceLock::new();
    let id = ID.get_or_init(|| {
        Regex::new(r"[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9Xx]").expect("compiles")
    });
    if name.chars().count() < 5 {
        return None;
    }
    for (at, _) in text.match_indices(name) {
        let mut end = (at + name.len() + 120).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let after = &text[at + name.len()..end];
        // Only on the name's own line, before another name could start.
        let line = after.split('\n').next().unwrap_or("");
        if let Some(m) = id.find(line) {
            return Some(m.as_str().to_string());
        }
    }
    None
}

/// The YAML front matter's extent, when the text opens with one.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let rest = text.strip_prefix("---")?;
    if !rest.starts_with(['\n', '\r']) {
        return None;
    }
    let end = rest.find("\n---").or_else(|| rest.find("\n..."))?;
    Some(0..3 + end + 1)
}

fn unquote(value: &str) -> (&str, usize) {
    let trimmed = value.trim_end();
    for q in ['"', '\''] {
        if let Some(inner) = trimmed.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return (inner, 1);
        }
    }
    (trimmed, 0)
}

/// `author:` / `authors:` entries of YAML front matter: a plain name, a list of names, or a list
/// of maps with `name` (or `given` and `family`) and `orcid`.
fn front_matter_authors(text: &str) -> Vec<Author> {
    let Some(range) = front_matter(text) else {
        return Vec::new();
    };
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line_re = LINE.get_or_init(|| {
        Regex::new(r"^(\s*)(-\s+)?(?:([A-Za-z_-]+)\s*:(?:\s+|$))?(.*?)\s*$").expect("compiles")
    });
    let mut authors: Vec<Author> = Vec::new();
    let mut in_authors = false;
    // The indent of the dashes of the author list: a dash deeper in is a list inside an entry.
    let mut list_indent: Option<usize> = None;
    let mut offset = 0;
    for line in text[range].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some(caps) = line_re.captures(content) else {
            continue;
        };
        let indent = caps.get(1).map_or(0, |m| m.len());
        let dash = caps.get(2).is_some();
        let key = caps.get(3).map(|m| m.as_str().to_ascii_lowercase());
        let value_match = caps.get(4);
        let raw = value_match.map_or("", |m| m.as_str());
        let (value, quote) = unquote(raw);
        let value_at = start + value_match.map_or(0, |m| m.start()) + quote;
        if indent == 0 && !dash {
            in_authors = matches!(key.as_deref(), Some("author" | "authors"));
            list_indent = None;
            if in_authors && !value.is_empty() && !value.starts_with('[') {
                // `author: Lia Fern`
                authors.push(Author {
                    name: value.to_string(),
                    span: value_at..value_at + value.len(),
                    orcid: None,
                });
            }
            continue;
        }
        if !in_authors {
            continue;
        }
        if dash && *list_indent.get_or_insert(indent) == indent {
            // A new entry: `- Lia Fern`, `- name: Lia Fern`, `- {name: …, orcid: …}`.
            authors.push(Author {
                name: String::new(),
                span: value_at..value_at,
                orcid: None,
            });
        }
        let Some(current) = authors.last_mut() else {
            continue;
        };
        match key.as_deref() {
            None if dash && !value.starts_with('{') => {
                current.name = value.to_string();
                current.span = value_at..value_at + value.len();
            }
            None if value.starts_with('{') => flow_map(value, value_at, current),
            Some("name" | "literal") if !value.is_empty() => {
                current.name = value.to_string();
                current.span = value_at..value_at + value.len();
            }
            Some("given" | "given-names" | "first") if !value.is_empty() => {
                if current.name.is_empty() {
                    current.span = value_at..value_at + value.len();
                    current.name = value.to_string();
                } else {
                    current.name = format!("{value} {}", current.name);
                    current.span.end = current.span.end.max(value_at + value.len());
                }
            }
            Some("family" | "surname" | "last") if !value.is_empty() => {
                if current.name.is_empty() {
                    current.span = value_at..value_at + value.len();
                    current.name = value.to_string();
                } else {
                    current.name = format!("{} {value}", current.name);
                    current.span.end = current.span.end.max(value_at + value.len());
                }
            }
            Some("orcid") if !value.is_empty() => current.orcid = Some(value.to_string()),
            _ => {}
        }
    }
    authors
}

/// `{name: Lia Fern, orcid: 0000-…}` on one line.
fn flow_map(value: &str, at: usize, author: &mut Author) {
    static PAIR: OnceLock<Regex> = OnceLock::new();
    let pair = PAIR.get_or_init(|| {
        Regex::new(r#"([A-Za-z_-]+)\s*:\s*("[^"]*"|'[^']*'|[^,}]*)"#).expect("compiles")
    });
    for caps in pair.captures_iter(value) {
        let m = caps.get(2).expect("group");
        let (v, q) = unquote(m.as_str().trim());
        match caps[1].to_ascii_lowercase().as_str() {
            "name" => {
                author.name = v.to_string();
                let s = at + m.start() + q;
                author.span = s..s + v.len();
            }
            "orcid" if !v.is_empty() => author.orcid = Some(v.to_string()),
            _ => {}
        }
    }
}

fn orcid_in(text: &str) -> Option<String> {
    static ORCID: OnceLock<Regex> = OnceLock::new();
    let re = ORCID.get_or_init(|| {
        Regex::new(r"\\orcid(?:link)?\s*(?:\[[^\]]*\])?\s*\{\s*([^{}\s]+)\s*\}|orcid\.org/([0-9Xx-]{4,25})")
            .expect("compiles")
    });
    let caps = re.captures(text)?;
    caps.get(1)
        .or_else(|| caps.get(2))
        .map(|m| m.as_str().to_string())
}

/// The names in `range` of a LaTeX author argument: its first line (up to `\\`), split at
/// commas, semicolons and " and " outside braces.
fn split_names(body: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let piece = &body[range.clone()];
    let bytes = piece.as_bytes();
    let mut end = piece.len();
    let mut depth = 0i32;
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            b'\\' if bytes.get(i + 1) == Some(&b'\\') && depth == 0 => {
                end = i;
                break;
            }
            b'\\' => i += 1,
            b',' | b';' if depth == 0 => cuts.push((i, i + 1)),
            b' ' if depth == 0 && piece[i..].starts_with(" and ") => cuts.push((i, i + 5)),
            _ => {}
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (at, after) in cuts.into_iter().filter(|(at, _)| *at < end) {
        out.push(range.start + from..range.start + at);
        from = after;
    }
    out.push(range.start + from..range.start + end.max(from));
    out
}

/// The name in a LaTeX author argument: its first line, commands and their arguments for
/// footnotes and marks dropped.
fn latex_name(piece: &str) -> Option<Range<usize>> {
    static CUT: OnceLock<Regex> = OnceLock::new();
    let cut = CUT.get_or_init(|| {
        Regex::new(r"\\\\|\\(?:orcid|orcidlink|thanks|footnote|fnref|inst|textsuperscript|altaffilmark|affilmark|footnotemark|thanksref|affil|affiliation|IEEEauthorrefmark|IEEEauthorblockA|email|corref|ead|url|href|newline)\b|\$|\^|\(|,|;|\n\s*\n").expect("compiles")
    });
    // Leading blank lines (a comment blanked out at the start) do not end the name.
    let lead = piece.len() - piece.trim_start().len();
    let end = cut
        .find(&piece[lead..])
        .map_or(piece.len(), |m| lead + m.start());
    let head = &piece[..end];
    let start = head.len() - head.trim_start().len();
    let stop = head.trim_end().len();
    (stop > start).then_some(start..stop)
}

fn clean_latex(name: &str) -> String {
    static COMMAND: OnceLock<Regex> = OnceLock::new();
    let command = COMMAND.get_or_init(|| Regex::new(r"\\[A-Za-z]+\*?|[{}~]").expect("compiles"));
    // Accents written as commands: `Rapha\"el`, `Jos\'e`, `\c{c}`.
    let mut accented = name.to_string();
    for (written, letter) in [
        ("\\\"e", "ë"),
        ("\\\"o", "ö"),
        ("\\\"u", "ü"),
        ("\\\"a", "ä"),
        ("\\\"i", "ï"),
        ("\\'e", "é"),
        ("\\'a", "á"),
        ("\\'i", "í"),
        ("\\'o", "ó"),
        ("\\'u", "ú"),
        ("\\`e", "è"),
        ("\\`a", "à"),
        ("\\^o", "ô"),
        ("\\^e", "ê"),
        ("\\~a", "ã"),
        ("\\~o", "õ"),
        ("\\~n", "ñ"),
        ("\\c{c}", "ç"),
        ("\\c c", "ç"),
    ] {
        accented = accented.replace(written, letter);
    }
    command
        .replace_all(&accented, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `\author{…}` arguments, split at `\and`; an `\orcid{…}` between one `\author` and the next
/// (acmart) belongs to it.
fn latex_authors(text: &str) -> Vec<Author> {
    static AUTHOR: OnceLock<Regex> = OnceLock::new();
    static AND: OnceLock<Regex> = OnceLock::new();
    let author_re = AUTHOR.get_or_init(|| {
        Regex::new(r"\\author\s*(\[(?:[^\[\]{}]|\{[^{}]*\})*\])?\s*\{").expect("compiles")
    });
    let and_re = AND.get_or_init(|| Regex::new(r"\\(?:and|And|AND)\b").expect("compiles"));
    // Comments blanked out, byte for byte, so that offsets stay those of the text.
    let mut uncommented = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let cut = line
            .match_indices('%')
            .find(|(i, _)| !line[..*i].ends_with('\\'))
            .map_or(line.len(), |(i, _)| i);
        uncommented.push_str(&line[..cut]);
        let rest = &line[cut..];
        let newline = rest.ends_with('\n');
        uncommented.push_str(&" ".repeat(rest.len() - usize::from(newline)));
        if newline {
            uncommented.push('\n');
        }
    }
    let text = uncommented.as_str();
    // Each command's start, its argument, and an ORCID iD in its optional argument (ReScience:
    // `\author[1,\orcid{0000-…}]{Name}`).
    let commands: Vec<(usize, Range<usize>, Option<String>)> = author_re
        .captures_iter(text)
        .filter_map(|caps| {
            let m = caps.get(0).expect("match");
            let optional = caps.get(1).and_then(|o| orcid_in(o.as_str()));
            Some((m.start(), braced(text, m.end() - 1)?, optional))
        })
        .filter(|(_, arg, _)| !text[arg.clone()].contains('#'))
        .collect();
    let mut authors = Vec::new();
    for (i, (_, arg, optional)) in commands.iter().enumerate() {
        let body = &text[arg.clone()];
        let mut pieces = Vec::new();
        let mut from = 0;
        for m in and_re.find_iter(body) {
            pieces.push(from..m.start());
            from = m.end();
        }
        pieces.push(from..body.len());
        // Names in one piece: its first line, split at commas, semicolons and " and " outside
        // braces (`\author{Lia Fern$^1$, Ada Oak$^2$ \\ University of Leeds}`).
        let names: Vec<Range<usize>> = pieces
            .iter()
            .flat_map(|piece| split_names(body, piece.clone()))
            .collect();
        let single = names.len() == 1;
        for name_range in names {
            let piece_text = &body[name_range.clone()];
            let Some(name) = latex_name(piece_text) else {
                continue;
            };
            let mut orcid = orcid_in(piece_text).or_else(|| optional.clone());
            if orcid.is_none() && single {
                // acmart: `\author{Name}\orcid{…}\affiliation{…}` up to the next author.
                let mut next = commands
                    .get(i + 1)
                    .map_or_else(|| (arg.end + 600).min(text.len()), |(at, _, _)| *at)
                    .max(arg.end);
                while !text.is_char_boundary(next) {
                    next -= 1;
                }
                orcid = text[arg.end..next]
                    .find("\\orcid")
                    .and_then(|at| orcid_in(&text[arg.end + at..next]));
            }
            let start = arg.start + name_range.start + name.start;
            let cleaned = clean_latex(&piece_text[name.clone()]);
            if cleaned.chars().any(char::is_alphabetic) {
                authors.push(Author {
                    name: cleaned,
                    span: start..start + name.len(),
                    orcid,
                });
            }
        }
    }
    authors
}

/// `<contrib contrib-type="author">` elements of the article's own front matter (not those of a
/// translation in a `<sub-article>`).
fn jats_authors(text: &str) -> Vec<Author> {
    static CONTRIB: OnceLock<Regex> = OnceLock::new();
    static NAME: OnceLock<Regex> = OnceLock::new();
    static PART: OnceLock<Regex> = OnceLock::new();
    static ID: OnceLock<Regex> = OnceLock::new();
    let contrib = CONTRIB.get_or_init(|| {
        Regex::new(r"(?s)<contrib((?:\s[^>]*)?)>(.*?)</contrib>").expect("compiles")
    });
    let name_re = NAME.get_or_init(|| {
        Regex::new(r"(?s)<(name|string-name|collab)\b[^>]*>(.*?)</(?:name|string-name|collab)>")
            .expect("compiles")
    });
    let part = PART.get_or_init(|| {
        Regex::new(r"(?s)<(given-names|surname)\b[^>]*>(.*?)</(?:given-names|surname)>")
            .expect("compiles")
    });
    let id_re = ID.get_or_init(|| {
        Regex::new(r#"(?s)<contrib-id\b[^>]*contrib-id-type\s*=\s*["']orcid["'][^>]*>\s*(.*?)\s*</contrib-id>|<(?:uri|ext-link)\b[^>]*>\s*((?:https?://)?orcid\.org/[^<\s]*)\s*<"#)
            .expect("compiles")
    });
    let own = &text[..text.find("<sub-article").unwrap_or(text.len())];
    let mut authors = Vec::new();
    for caps in contrib.captures_iter(own) {
        let attributes = &caps[1];
        if attributes.contains("contrib-type") && !attributes.contains("\"author\"") {
            continue;
        }
        let body = caps.get(2).expect("group");
        let Some(name) = name_re.captures(body.as_str()) else {
            continue;
        };
        let inner = name.get(2).expect("group");
        let (mut given, mut surname) = (String::new(), String::new());
        for p in part.captures_iter(inner.as_str()) {
            let value = p[2].split_whitespace().collect::<Vec<_>>().join(" ");
            if &p[1] == "surname" {
                surname = value;
            } else {
                given = value;
            }
        }
        let display = if surname.is_empty() && given.is_empty() {
            strip_tags(inner.as_str())
        } else {
            format!("{given} {surname}").trim().to_string()
        };
        let start = body.start() + inner.start();
        let orcid = id_re.captures(body.as_str()).and_then(|c| {
            c.get(1)
                .or_else(|| c.get(2))
                .map(|m| m.as_str().to_string())
        });
        authors.push(Author {
            name: display,
            span: start..start + inner.len(),
            orcid,
        });
    }
    authors
}

fn strip_tags(text: &str) -> String {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| Regex::new(r"<[^>]*>").expect("compiles"));
    tag.replace_all(text, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every ORCID iD written in `document`: in front matter, LaTeX commands, JATS markup,
/// orcid.org links, and after an "ORCID" label; with what is wrong with each. A string of
/// sixteen digits in groups that nothing marks as an ORCID iD is not read as one.
pub fn orcid_values(document: &Document) -> Vec<OrcidValue> {
    let text = document.text.as_str();
    let mut values: Vec<OrcidValue> = Vec::new();
    // Every alternative of the pattern holds "orcid" in some case. Most manuscripts hold none,
    // and one pass over the bytes for it costs far less than the pattern's search, which on
    // text with non-ASCII letters (its `\b` is Unicode-aware) runs the slowest of the regex
    // engines over the whole document.
    static ORCID: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    let orcid = ORCID.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["orcid"])
            .expect("a literal builds")
    });
    if !orcid.is_match(text) {
        return values;
    }
    // Compiled when a document first holds "orcid".
    static MARKED: OnceLock<Regex> = OnceLock::new();
    let marked = MARKED.get_or_init(|| {
        Regex::new(concat!(
            r#"(?im)^[ \t-]*orcid\s*:[ \t]*["']?([^"'\s#]+)"#,
            r"|\\orcid(?:link)?\s*(?:\[[^\]]*\])?\s*\{\s*([^{}\s]+)\s*\}",
            r#"|<contrib-id\b[^>]*orcid[^>]*>\s*([^<\s]+)\s*</contrib-id>"#,
            r"|((?:https?://)?(?:www\.)?orcid\.org/[0-9Xx-]+)",
            r"|\borcid(?:\s*i[dD])?\s*(?:[:：]|\(|\bno\b\.?)\s*([0-9][0-9Xx-]{8,24})",
        ))
        .expect("compiles")
    });
    for caps in marked.captures_iter(text) {
        let Some(m) = (1..=5).find_map(|i| caps.get(i)) else {
            continue;
        };
        let (id, skip) = strip_prefix(m.as_str());
        let id = id.trim_end_matches(['.', ',', ';', ')', '}']);
        // Nothing written; a macro or template field (`\editorORCID`, `{{orcid}}`) rather than an
        // iD; or an iD written with spaces between its groups ("0000 0002 …"), which the
        // patterns above read only in part.
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'X' | 'x' | '-'))
            || (id.len() < 9
                && id.chars().all(|c| c.is_ascii_digit())
                && text[m.end()..].starts_with(' '))
        {
            continue;
        }
        let start = m.start() + skip;
        let span = start..start + id.len();
        if values.iter().any(|v| v.span.start == span.start) {
            continue;
        }
        values.push(OrcidValue {
            id: id.to_string(),
            problem: orcid_problem(id),
            span,
        });
    }
    values.sort_by_key(|v| v.span.start);
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::read_text;

    fn doc(format: Format, text: &str) -> Document {
        read_text("t", format, text.to_string()).unwrap()
    }

    #[test]
    fn the_check_digit_follows_iso_7064_mod_11_2() {
        // ORCID's own examples.
        assert_eq!(orcid_problem("0000-0002-1825-0097"), None);
        assert_eq!(orcid_problem("0000-0001-5109-3700"), None);
        assert_eq!(orcid_problem("0000-0002-1694-233X"), None);
        assert_eq!(
            orcid_problem("0000-0002-1825-0098"),
            Some(OrcidProblem::CheckDigit('7'))
        );
        assert_eq!(
            orcid_problem("0000-0000-0000-0000"),
            Some(OrcidProblem::CheckDigit('1'))
        );
        for bad in [
            "0000-0002-1825-009",
            "0000000218250097",
            "XXXX-XXXX-XXXX-XXXX",
            "0000-0002-1825-00970",
        ] {
            assert_eq!(orcid_problem(bad), Some(OrcidProblem::Shape), "{bad}");
        }
    }

    #[test]
    fn front_matter_authors_with_and_without_orcid() {
        let md = "---\ntitle: Ponds\nauthors:\n  - name: Lia Fern\n    orcid: 0000-0002-1825-0097\n    affiliation: 1\n  - name: \"Ada Oak\"\n  - name:\n      given: Tom\n      family: Reed\n    orcid: https://orcid.org/0000-0001-5109-3700\naffiliations:\n  - name: University of Leeds\n---\n\n# Summary\n\nText.\n";
        let d = doc(Format::Markdown, md);
        let found = authors(&d);
        let names: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|a| (a.name.as_str(), a.orcid.as_deref()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Lia Fern", Some("0000-0002-1825-0097")),
                ("Ada Oak", None),
                ("Tom Reed", Some("https://orcid.org/0000-0001-5109-3700")),
            ]
        );
        assert_eq!(&md[found[1].span.clone()], "Ada Oak");
        let plain = doc(
            Format::Markdown,
            "---\nauthor:\n  - Lia Fern\n  - Ada Oak\n---\n\nText.\n",
        );
        assert_eq!(authors(&plain).len(), 2);
        let one = doc(Format::Markdown, "---\nauthor: Lia Fern\n---\n\nText.\n");
        assert_eq!(authors(&one)[0].name, "Lia Fern");
        let anonymous = doc(Format::Markdown, "---\nauthor: Anonymous\n---\n\nText.\n");
        assert!(authors(&anonymous).is_empty());
    }

    #[test]
    fn latex_authors_split_at_and_with_orcidlink_and_acmart_orcid() {
        let tex = "\\documentclass{article}\n\\title{Ponds}\n\\author{Lia Fern\\orcidlink{0000-0002-1825-0097}\\thanks{Leeds} \\and Ada Oak}\n\\begin{document}\n\\maketitle\nText.\n\\end{document}\n";
        let found = authors(&doc(Format::Latex, tex));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Lia Fern");
        assert_eq!(found[0].orcid.as_deref(), Some("0000-0002-1825-0097"));
        assert_eq!(
            (found[1].name.as_str(), found[1].orcid.clone()),
            ("Ada Oak", None)
        );
        let acm = "\\documentclass{acmart}\n\\author{Lia Fern}\n\\orcid{0000-0002-1825-0097}\n\\affiliation{Leeds}\n\\author{Ada Oak}\n\\affiliation{York}\n\\begin{document}\nText.\n\\end{document}\n";
        let found = authors(&doc(Format::Latex, acm));
        assert_eq!(found[0].orcid.as_deref(), Some("0000-0002-1825-0097"));
        assert_eq!(found[1].orcid, None);
        let authblk = "\\author[1]{Lia Fern}\n\\author[2]{Ada Oak \\orcidlink{0000-0001-5109-3700}}\n\\affil[1]{Leeds}\n";
        let found = authors(&doc(Format::Latex, authblk));
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].name, "Ada Oak");
        assert!(found[1].orcid.is_some());
        // A commented-out author is not one, nor a commented line inside the argument.
        assert!(authors(&doc(Format::Latex, "% \\author{Lia Fern}\nText.\n")).is_empty());
        let neurips =
            "\\author{%\n% Lia Fern \\\\ Leeds\n  Ada Oak \\\\ York \\And Tom Reed \\\\ Hull}\n";
        let names: Vec<String> = authors(&doc(Format::Latex, neurips))
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert_eq!(names, ["Ada Oak", "Tom Reed"]);
        // ReScience gives the iD in the optional argument.
        let rescience = "\\author[1,\\orcid{0000-0002-1825-0097}]{Lia Fern}\n";
        let found = authors(&doc(Format::Latex, rescience));
        assert_eq!(found[0].orcid.as_deref(), Some("0000-0002-1825-0097"));
    }

    #[test]
    fn jats_contributors_with_their_orcid() {
        let xml = r#"<article><front><article-meta><contrib-group><contrib contrib-type="author"><contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id><name><surname>Fern</surname><given-names>Lia</given-names></name></contrib><contrib contrib-type="author"><name><surname>Oak</surname><given-names>Ada</given-names></name></contrib><contrib contrib-type="editor"><name><surname>Reed</surname><given-names>Tom</given-names></name></contrib></contrib-group></article-meta></front><body><p>Text.</p></body></article>"#;
        let found = authors(&doc(Format::Jats, xml));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "Lia Fern");
        assert!(found[0].orcid.is_some());
        assert_eq!(found[1].orcid, None);
    }

    #[test]
    fn orcid_values_are_found_where_something_marks_them() {
        let md = "---\nauthors:\n  - name: Lia Fern\n    orcid: 0000-0002-1825-0098\n---\n\nSee https://orcid.org/0000-0001-5109-3700 and ORCID: 0000-0002-1825-009.\n\nThe code 1234-5678-9012-3456 is a serial number.\n";
        let values = orcid_values(&doc(Format::Markdown, md));
        let ids: Vec<(&str, Option<OrcidProblem>)> =
            values.iter().map(|v| (v.id.as_str(), v.problem)).collect();
        assert_eq!(
            ids,
            vec![
                ("0000-0002-1825-0098", Some(OrcidProblem::CheckDigit('7'))),
                ("0000-0001-5109-3700", None),
                ("0000-0002-1825-009", Some(OrcidProblem::Shape)),
            ]
        );
        assert_eq!(&md[values[0].span.clone()], "0000-0002-1825-0098");
    }
}
