//! Which LaTeX names and headings mark an abstract or a keyword list, and in which language.
//!
//! Names are built from the heading-word table (`rules/data/headings.toml`, read through
//! [`Lexicon`]), so that every language the table knows is recognised the same way:
//! `\palavraschave{}` and `\anahtarkelimeler{}` from "palavras-chave" and "anahtar kelimeler",
//! `\schluesselwoerter{}` from "schlüsselwörter", `\begin{zusammenfassung}` from
//! "zusammenfassung". A name may end in a language code (`\keywordsen`, `\begin{abstracttr}`).
//! LaTeX's own English names (`abstract`, `keywords`) are used by papers in every language, so
//! they name no language; a heading word names one only where the table gives it one language.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

use crate::manuscript::language::canonical;
use crate::manuscript::lexicon::{HeadingKind, Lexicon, fold, strip_decoration};

/// Names that mark a part in any language: LaTeX's own vocabulary.
const GENERIC: &[&str] = &["abstract", "keywords", "keyword"];

/// Heading words that also name a closing section ("Summary", "Zusammenfassung" at the end of a
/// paper): an abstract only before the body starts, and never as an environment name.
const CLOSING_SUMMARIES: &[&str] = &["summary", "zusammenfassung"];

/// Names templates use that the heading table does not hold (abnTeX2-style `\palavras{}`,
/// IEEEtran's `IEEEkeywords`, Turkish thesis classes' `turkceozet`), with their language.
const EXTRA_NAMES: &[(HeadingKind, &str, Option<&str>)] = &[
    (HeadingKind::Keywords, "palavras", Some("pt")),
    // elsarticle's `\begin{keyword}`.
    (HeadingKind::Keywords, "keyword", None),
    (HeadingKind::Keywords, "ieeekeywords", None),
    (HeadingKind::Keywords, "anahtarsozcukler", Some("tr")),
    (HeadingKind::Abstract, "turkceozet", Some("tr")),
    (HeadingKind::Abstract, "turkishabstract", Some("tr")),
    (HeadingKind::Abstract, "englishabstract", Some("en")),
    (HeadingKind::Abstract, "ozet", Some("tr")),
    (HeadingKind::Abstract, "oz", Some("tr")),
    (HeadingKind::Abstract, "resume", Some("fr")),
    // abnTeX2 (Brazilian) names its abstract environment `resumo`, also a Galician word.
    (HeadingKind::Abstract, "resumo", Some("pt")),
];

/// A name or heading recognised as marking an abstract or a keyword list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Marker {
    /// The language the name or heading implies, when it implies exactly one.
    pub language: Option<String>,
    /// Whether it is a word that also names a closing section (see [`CLOSING_SUMMARIES`]).
    pub closing_summary: bool,
}

type NameTable = HashMap<(HeadingKind, String), Option<&'static str>>;

/// ASCII names for every heading phrase of the table.
fn names() -> &'static NameTable {
    static NAMES: OnceLock<NameTable> = OnceLock::new();
    NAMES.get_or_init(|| {
        let lexicon = Lexicon::get();
        let mut table = NameTable::new();
        for kind in [HeadingKind::Abstract, HeadingKind::Keywords] {
            for (phrase, languages) in lexicon.phrases(kind) {
                let language = match languages {
                    [only] => Some(*only),
                    _ => None,
                };
                for name in [ascii_name(phrase), german_name(phrase)] {
                    if name.is_empty()
                        || (kind == HeadingKind::Abstract && CLOSING_SUMMARIES.contains(&phrase))
                    {
                        continue;
                    }
                    let language = if GENERIC.contains(&name.as_str()) {
                        None
                    } else {
                        language
                    };
                    // Two languages giving the same name: it names neither.
                    table
                        .entry((kind, name))
                        .and_modify(|l| {
                            if *l != language {
                                *l = None;
                            }
                        })
                        .or_insert(language);
                }
            }
        }
        // The German closing-section word is still an environment name of German templates.
        table.insert(
            (HeadingKind::Abstract, "zusammenfassung".into()),
            Some("de"),
        );
        for &(kind, name, language) in EXTRA_NAMES {
            table.insert((kind, name.to_string()), language);
        }
        table
    })
}

/// A phrase as letters only, accents dropped: "palavras-chave" → "palavraschave".
fn ascii_name(phrase: &str) -> String {
    phrase
        .nfd()
        .filter(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// A German phrase as German writes it without umlauts: "schlüsselwörter" → "schluesselwoerter".
fn german_name(phrase: &str) -> String {
    let mut out = String::new();
    for c in phrase.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            _ => out.push(c),
        }
    }
    ascii_name(&out)
}

/// Whether the command or environment `name` marks a part of `kind`, and in which language.
pub(super) fn name_marks(kind: HeadingKind, name: &str) -> Option<Marker> {
    let name = name.trim_end_matches('*');
    // Environment names may be written with their letters (`özet`, `résumé`).
    if name.is_empty() || !name.chars().all(char::is_alphabetic) {
        return None;
    }
    let lower = ascii_name(&fold(name));
    if lower.is_empty() {
        return None;
    }
    let table = names();
    if let Some(language) = table.get(&(kind, lower.clone())) {
        return Some(Marker {
            language: language.map(str::to_string),
            closing_summary: false,
        });
    }
    // A name followed by a language code: `keywordsen`, `abstracttr`, `resumoen`.
    let (stem, code) = lower.split_at(lower.len().checked_sub(2)?);
    let code = canonical(code)?;
    table.get(&(kind, stem.to_string()))?;
    Some(Marker {
        language: Some(code.to_string()),
        closing_summary: false,
    })
}

/// Whether a heading's text (`\chapter*{ÖZET}`, `\section*{Abstract}`) names a part of `kind`.
pub(super) fn heading_marks(kind: HeadingKind, text: &str) -> Option<Marker> {
    let languages = Lexicon::get().languages(kind, text)?;
    Some(Marker {
        language: match languages {
            [only] => Some((*only).to_string()),
            _ => None,
        },
        closing_summary: CLOSING_SUMMARIES.contains(&fold(strip_decoration(text)).as_str()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn language(kind: HeadingKind, name: &str) -> Option<Option<String>> {
        name_marks(kind, name).map(|m| m.language)
    }

    #[test]
    fn names_come_from_the_heading_table_in_every_language() {
        use HeadingKind::{Abstract, Keywords};
        assert_eq!(language(Keywords, "palavraschave"), Some(Some("pt".into())));
        assert_eq!(
            language(Keywords, "anahtarkelimeler"),
            Some(Some("tr".into()))
        );
        assert_eq!(
            language(Keywords, "schluesselwoerter"),
            Some(Some("de".into()))
        );
        assert_eq!(language(Keywords, "palabrasclave"), Some(Some("es".into())));
        assert_eq!(language(Keywords, "keywords"), Some(None));
        assert_eq!(language(Keywords, "IEEEkeywords"), Some(None));
        assert_eq!(language(Keywords, "keywordsen"), Some(Some("en".into())));
        assert_eq!(language(Abstract, "resumen"), Some(Some("es".into())));
        assert_eq!(
            language(Abstract, "zusammenfassung"),
            Some(Some("de".into()))
        );
        assert_eq!(language(Abstract, "abstracttr"), Some(Some("tr".into())));
        assert_eq!(language(Abstract, "abstract"), Some(None));
        assert_eq!(language(Abstract, "summary"), None);
        assert_eq!(language(Abstract, "ÖZET"), Some(Some("tr".into())));
        assert_eq!(language(Abstract, "résumé"), Some(Some("fr".into())));
        assert_eq!(language(Keywords, "keyword"), Some(None));
        assert_eq!(language(Abstract, "itemize"), None);
        assert_eq!(language(Keywords, "section"), None);
    }

    #[test]
    fn heading_words_name_a_language_only_when_unambiguous() {
        let marker = heading_marks(HeadingKind::Abstract, "ÖZET").unwrap();
        assert_eq!(marker.language.as_deref(), Some("tr"));
        let marker = heading_marks(HeadingKind::Abstract, "ABSTRACT").unwrap();
        assert_eq!(marker.language, None);
        assert!(
            heading_marks(HeadingKind::Abstract, "Summary")
                .unwrap()
                .closing_summary
        );
        assert!(heading_marks(HeadingKind::Abstract, "Introduction").is_none());
    }
}
