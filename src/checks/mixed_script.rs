//! `mixed-script`: look-alike letters from another script inside a word: a Cyrillic "а" in an
//! English word, Latin letters in a Cyrillic word, a Turkish dotless "ı" in a word of a language
//! that has no such letter.
//!
//! Words are runs of letters; a word mixes scripts when it has letters from two of Latin,
//! Cyrillic and Greek. The dotless ı is reported only in text whose language is not Turkish or
//! Azerbaijani, and only in words that have no other Turkish letter.

use serde::Deserialize;

use super::{Check, Context, SkipRanges};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "all_text")]
    parts: Vec<Part>,
}

fn all_text() -> Vec<Part> {
    vec![
        Part::Title,
        Part::Abstract,
        Part::Keywords,
        Part::Heading,
        Part::Body,
        Part::References,
    ]
}

pub struct MixedScript {
    parts: Vec<Part>,
}

impl MixedScript {
    pub fn new(params: Params) -> Self {
        Self {
            parts: params.parts,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
}

fn script(c: char) -> Option<Script> {
    match c {
        'A'..='Z' | 'a'..='z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
            Some(Script::Latin)
        }
        '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => Some(Script::Cyrillic),
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Some(Script::Greek),
        _ => None,
    }
}

fn name(script: Script) -> &'static str {
    match script {
        Script::Latin => "Latin",
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
    }
}

/// Greek letters that pass for Latin ones in most fonts.
const GREEK_LOOKALIKES: &[char] = &[
    'Α', 'Β', 'Ε', 'Ζ', 'Η', 'Ι', 'Κ', 'Μ', 'Ν', 'Ο', 'Ρ', 'Τ', 'Υ', 'Χ', 'ι', 'κ', 'ν', 'ο', 'ρ',
    'υ', 'χ', 'ϲ',
];

/// Turkish letters other than ı: a word with one of them is Turkish, and its ı is right.
const TURKISH_LETTERS: &[char] = &['ç', 'ğ', 'ö', 'ş', 'ü', 'Ç', 'Ğ', 'Ö', 'Ş', 'Ü', 'İ'];

impl Check for MixedScript {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for unit in cx.manuscript.units_in(&self.parts) {
            let text = unit.text.as_str();
            // Letters of two scripts, or a dotless ı, are never ASCII.
            if text.is_ascii() {
                continue;
            }
            // Asked only of a word with a dotless ı: the unit's language may need a detection.
            let dotless_is_foreign = || {
                let language = unit.language().or(cx.manuscript.language);
                !matches!(language, Some("tr" | "az"))
            };
            let skip = SkipRanges::of_unit(unit);
            let mut start = None;
            for (i, c) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                if c.is_alphabetic() {
                    start.get_or_insert(i);
                    continue;
                }
                let Some(s) = start.take() else { continue };
                if skip.contains(s) {
                    continue;
                }
                let word = &text[s..i];
                if let Some(finding) = mixed(word, word.contains('ı') && dotless_is_foreign()) {
                    let (offset, letter, message) = finding;
                    let span = unit
                        .text
                        .to_source(s + offset..s + offset + letter.len_utf8());
                    let mut f = Finding::at(span)
                        .arg("word", word)
                        .arg("letter", letter)
                        .arg("what", message);
                    if letter == 'ı' {
                        f = f.replace_with("i", Applicability::Unsafe);
                    }
                    findings.push(f);
                }
            }
        }
        findings
    }
}

/// The first odd letter of a word, its offset and a description, if the word mixes scripts.
fn mixed(word: &str, dotless_is_foreign: bool) -> Option<(usize, char, String)> {
    let mut counts = [0usize; 3];
    for c in word.chars() {
        if let Some(s) = script(c) {
            counts[s as usize] += 1;
        }
    }
    let scripts = counts.iter().filter(|&&n| n > 0).count();
    // Greek and Latin letters together with a Greek letter that looks like no Latin one are
    // mathematical notation ("θi", "ΓQ", "βzi") or a unit ("μg"), not a look-alike typed by
    // mistake.
    let notation = counts[Script::Cyrillic as usize] == 0
        && word
            .chars()
            .any(|c| script(c) == Some(Script::Greek) && !GREEK_LOOKALIKES.contains(&c));
    if scripts >= 2 && !notation {
        let main = [Script::Latin, Script::Cyrillic, Script::Greek]
            .into_iter()
            .max_by_key(|s| counts[*s as usize])?;
        let (offset, letter) = word
            .char_indices()
            .find(|(_, c)| script(*c).is_some_and(|s| s != main))?;
        let odd = script(letter)?;
        return Some((
            offset,
            letter,
            format!("{} letter in a {} word", name(odd), name(main)),
        ));
    }
    // A capitalised word with a dotless ı is a Turkish name ("Aydın", "Yıldız"), which keeps its
    // spelling in any language.
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if dotless_is_foreign
        && !capitalised
        && word.chars().count() > 1
        && !word.contains(TURKISH_LETTERS)
    {
        let (offset, letter) = word.char_indices().find(|(_, c)| *c == 'ı')?;
        return Some((
            offset,
            letter,
            "Turkish dotless ı in a word of another language".into(),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_letters_are_found() {
        assert_eq!(mixed("wıth", true).map(|m| m.1), Some('ı'));
        assert_eq!(mixed("wıth", false), None);
        assert_eq!(
            mixed("sınır", true),
            Some((
                1,
                'ı',
                "Turkish dotless ı in a word of another language".into()
            ))
        );
        assert_eq!(mixed("güvenlığı", true), None);
        let cyrillic_a = "N\u{0430}to";
        assert_eq!(mixed(cyrillic_a, true).map(|m| m.1), Some('\u{0430}'));
        assert_eq!(mixed("Москва", true), None);
        assert_eq!(
            mixed("Moсква", true).map(|m| m.2),
            Some("Latin letter in a Cyrillic word".into())
        );
        assert_eq!(mixed("naïve", true), None);
        // Greek look-alikes in a Latin word are found; Greek symbols with Latin indices are not.
        assert_eq!(mixed("Nοrway", true).map(|m| m.1), Some('ο'));
        for notation in ["θi", "ΓQ", "βzi", "μg", "εjk"] {
            assert_eq!(mixed(notation, true), None, "{notation}");
        }
    }
}
