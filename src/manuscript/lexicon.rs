//! The heading-word table: which words name an abstract, a keyword list or a reference list, in
//! which languages (`rules/data/headings.toml`, compiled into the binary).
//!
//! Matching folds case the way headings are written in practice, including Turkish dotted and
//! dotless i (`ANAHTAR KELİMELER`), and ignores a trailing colon or period.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::language::{LangCode, canonical};

/// What a heading word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HeadingKind {
    Abstract,
    Keywords,
    References,
}

/// The built-in table's text.
pub const HEADINGS_TOML: &str = include_str!("../../rules/data/headings.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    languages: std::collections::BTreeMap<String, LanguageEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguageEntry {
    keywords: Vec<String>,
    references: Vec<String>,
    #[serde(rename = "abstract")]
    abstract_words: Vec<String>,
}

/// Folded heading phrase → (kind, languages that use it).
pub struct Lexicon {
    entries: HashMap<(HeadingKind, String), Vec<LangCode>>,
    longest_words: usize,
    /// Characters in the longest folded phrase.
    longest_chars: usize,
}

impl Lexicon {
    /// The built-in table, parsed once.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON
            .get_or_init(|| Lexicon::parse(HEADINGS_TOML).expect("built-in heading table is valid"))
    }

    fn parse(text: &str) -> Result<Lexicon, String> {
        let file: TableFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut entries: HashMap<(HeadingKind, String), Vec<LangCode>> = HashMap::new();
        let mut longest_words = 1;
        let mut longest_chars = 0;
        for (code, entry) in &file.languages {
            let code = canonical(code).ok_or_else(|| format!("unknown language code `{code}`"))?;
            for (kind, words) in [
                (HeadingKind::Abstract, &entry.abstract_words),
                (HeadingKind::Keywords, &entry.keywords),
                (HeadingKind::References, &entry.references),
            ] {
                for word in words {
                    let folded = fold(word);
                    longest_words = longest_words.max(folded.split(' ').count());
                    longest_chars = longest_chars.max(folded.chars().count());
                    entries.entry((kind, folded)).or_default().push(code);
                }
            }
        }
        // A word shared by several languages names the most widely published language first
        // ("Abstract": English before German, "Resumo": Portuguese before Galician).
        const PRIORITY: &[&str] = &["en", "es", "pt", "fr", "de", "ru", "tr", "it", "zh"];
        for languages in entries.values_mut() {
            languages.sort_by_key(|code| {
                (
                    PRIORITY
                        .iter()
                        .position(|p| p == code)
                        .unwrap_or(PRIORITY.len()),
                    *code,
                )
            });
        }
        Ok(Lexicon {
            entries,
            longest_words,
            longest_chars,
        })
    }

    /// Languages in which `phrase` (a whole heading) names a part of `kind`.
    pub fn languages(&self, kind: HeadingKind, phrase: &str) -> Option<&[LangCode]> {
        let folded = fold_at_most(strip_decoration(phrase), self.longest_chars)?;
        self.entries.get(&(kind, folded)).map(Vec::as_slice)
    }

    /// Every phrase of `kind` in the table (folded), with its languages; for readers that match
    /// names built from heading words (LaTeX's `\palavraschave`, `\begin{zusammenfassung}`).
    pub fn phrases(&self, kind: HeadingKind) -> impl Iterator<Item = (&str, &[LangCode])> + '_ {
        self.entries
            .iter()
            .filter(move |((k, _), _)| *k == kind)
            .map(|((_, phrase), languages)| (phrase.as_str(), languages.as_slice()))
    }

    /// If `text` starts with a heading word of `kind` followed by a separator (`:`, `—`, `.`) or
    /// the end of the text, returns the byte length of the heading (without the separator), the
    /// byte offset where the content after the separator starts, and the heading's languages.
    pub fn leading(&self, kind: HeadingKind, text: &str) -> Option<LeadingHeading<'_>> {
        let words: Vec<(usize, usize)> = word_bounds(text).take(self.longest_words + 1).collect();
        for count in (1..=words.len().min(self.longest_words)).rev() {
            let end = words[count - 1].1;
            let phrase = &text[words[0].0..end];
            let Some(languages) = self.entries.get(&(kind, fold(phrase))) else {
                continue;
            };
            let rest = &text[end..];
            let after_space = rest.trim_start_matches([' ', '\t']);
            let separator = after_space.chars().next();
            let content_start = match separator {
                None => text.len(),
                Some(':' | '：' | '—' | '–' | '.' | '-') => {
                    let sep_len = separator.map_or(0, char::len_utf8);
                    let after = &after_space[sep_len..];
                    text.len() - after.trim_start().len()
                }
                Some('\n') => text.len() - after_space.trim_start().len(),
                // `【摘要】本文……`: the closing bracket of a bracketed label.
                Some('】') if text.trim_start().starts_with('【') => {
                    text.len() - after_space['】'.len_utf8()..].trim_start().len()
                }
                _ => continue,
            };
            return Some(LeadingHeading {
                heading_end: end,
                content_start,
                languages,
            });
        }
        None
    }
}

/// A heading word found at the start of a text.
#[derive(Debug, Clone, Copy)]
pub struct LeadingHeading<'a> {
    pub heading_end: usize,
    pub content_start: usize,
    pub languages: &'a [LangCode],
}

/// Byte ranges of the words of `text` (letters, digits, hyphens, apostrophes).
fn word_bounds(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            if c == '\n' || c == ':' || c == '.' {
                return None;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        Some((start, end))
    })
}

/// Removes a section number, surrounding emphasis and a trailing colon or period.
pub fn strip_decoration(phrase: &str) -> &str {
    let phrase = phrase.trim().trim_matches(['*', '_', '#']).trim();
    // A bracketed CJK heading: `【摘要】`.
    let phrase = phrase
        .strip_prefix('【')
        .and_then(|p| p.strip_suffix('】'))
        .unwrap_or(phrase);
    let phrase = phrase.trim_end_matches([':', '.', '：', ' ']);
    let without_number =
        phrase.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    if without_number.is_empty() {
        phrase
    } else {
        without_number
    }
}

/// Case folding for heading words: lowercase, Turkish i variants to `i`, runs of spaces to one,
/// and no space between two CJK characters (Chinese headings are often spaced out: `摘 要`,
/// `关　键　词`).
pub fn fold(text: &str) -> String {
    use super::shapes::is_cjk_word_char;
    let mut out = String::with_capacity(text.len());
    let mut space_before = false;
    let mut last: Option<char> = None;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space_before = true;
            continue;
        }
        if space_before && !(last.is_some_and(is_cjk_word_char) && is_cjk_word_char(c)) {
            out.push(' ');
        }
        space_before = false;
        last = Some(c);
        match c {
            'İ' | 'I' | 'ı' => out.push('i'),
            '\u{307}' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// [`fold`] of `text`, or `None` when the folded text would have more than `max_chars`
/// characters: asked of every paragraph whether it is a heading word, folding a whole paragraph to
/// find it is not cost more than the rest of structure detection.
pub fn fold_at_most(text: &str, max_chars: usize) -> Option<String> {
    // Every character but white space and a combining dot above folds to at least one.
    let at_least = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{307}')
        .take(max_chars + 1)
        .count();
    (at_least <= max_chars).then(|| fold(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_stops_only_when_the_fold_is_too_long() {
        for text in [
            "ANAHTAR KELİMELER",
            "摘 要",
            "  Abstract  ",
            "İİİ",
            "Summary",
        ] {
            let folded = fold(text);
            let chars = folded.chars().count();
            assert_eq!(fold_at_most(text, chars), Some(folded.clone()), "{text}");
            // `None` only when the fold is longer than asked; otherwise the fold itself.
            for max in 0..chars {
                if let Some(f) = fold_at_most(text, max) {
                    assert_eq!(f, folded, "{text} at most {max}");
                }
            }
            assert_eq!(fold_at_most(text, 0), None, "{text}");
        }
    }

    #[test]
    fn whole_headings_match_in_any_case() {
        let lexicon = Lexicon::get();
        assert_eq!(
            lexicon.languages(HeadingKind::Abstract, "ÖZ"),
            Some(&["tr"][..])
        );
        assert_eq!(
            lexicon.languages(HeadingKind::Abstract, "Resumo:"),
            Some(&["pt", "gl"][..])
        );
        assert_eq!(
            lexicon.languages(HeadingKind::References, "7. References"),
            Some(&["en"][..])
        );
        assert_eq!(
            lexicon.languages(HeadingKind::Keywords, "ANAHTAR KELİMELER"),
            Some(&["tr"][..])
        );
        assert!(
            lexicon
                .languages(HeadingKind::Abstract, "Introduction")
                .is_none()
        );
    }

    #[test]
    fn chinese_japanese_and_korean_headings_match_spaced_out_or_not() {
        let lexicon = Lexicon::get();
        for (kind, heading, language) in [
            (HeadingKind::Abstract, "摘要", "zh"),
            (HeadingKind::Abstract, "摘 要", "zh"),
            (HeadingKind::Abstract, "中文摘要", "zh"),
            (HeadingKind::Abstract, "英文摘要", "zh"),
            (HeadingKind::Abstract, "要旨", "ja"),
            (HeadingKind::Abstract, "초록", "ko"),
            (HeadingKind::Keywords, "关　键　词", "zh"),
            (HeadingKind::Keywords, "關鍵詞", "zh"),
            (HeadingKind::Keywords, "关键字", "zh"),
            (HeadingKind::Keywords, "キーワード", "ja"),
            (HeadingKind::Keywords, "주제어", "ko"),
            (HeadingKind::References, "参考文献", "zh"),
            (HeadingKind::References, "參考文獻", "zh"),
            (HeadingKind::References, "参考文献", "ja"),
            (HeadingKind::References, "参考資料", "ja"),
            (HeadingKind::References, "참고 문헌", "ko"),
        ] {
            let languages = lexicon.languages(kind, heading).unwrap_or_default();
            assert!(languages.contains(&language), "{heading}: {languages:?}");
        }
        let text = "关键词：土壤湿度；覆盖物";
        let found = lexicon.leading(HeadingKind::Keywords, text).unwrap();
        assert_eq!(&text[found.content_start..], "土壤湿度；覆盖物");
        let text = "摘　要：本文研究了城市花园。";
        let found = lexicon.leading(HeadingKind::Abstract, text).unwrap();
        assert_eq!(&text[found.content_start..], "本文研究了城市花园。");
        let text = "【关键词】土壤湿度；覆盖物";
        let found = lexicon.leading(HeadingKind::Keywords, text).unwrap();
        assert_eq!(&text[found.content_start..], "土壤湿度；覆盖物");
        assert!(
            lexicon
                .languages(HeadingKind::Abstract, "【摘要】")
                .is_some()
        );
        // Latin words keep their space.
        assert_eq!(fold("Key  Words"), "key words");
    }

    #[test]
    fn leading_headings_give_the_content_start() {
        let lexicon = Lexicon::get();
        let text = "Anahtar kelimeler: NATO, İşgal";
        let found = lexicon.leading(HeadingKind::Keywords, text).unwrap();
        assert_eq!(&text[..found.heading_end], "Anahtar kelimeler");
        assert_eq!(&text[found.content_start..], "NATO, İşgal");
        assert_eq!(found.languages, ["tr"]);
        let text = "Key words — ponds; algae";
        assert_eq!(
            &text[lexicon
                .leading(HeadingKind::Keywords, text)
                .unwrap()
                .content_start..],
            "ponds; algae"
        );
        assert!(
            lexicon
                .leading(HeadingKind::Keywords, "Keywords are important here")
                .is_none()
        );
        assert!(
            lexicon
                .leading(HeadingKind::Abstract, "Abstraction: a theory")
                .is_none()
        );
    }

    #[test]
    fn table_is_sorted_and_free_of_duplicates() {
        let file: TableFile = toml::from_str(HEADINGS_TOML).unwrap();
        let codes: Vec<_> = file.languages.keys().collect();
        let position_in_file =
            |code: &str| HEADINGS_TOML.find(&format!("[languages.{code}]")).unwrap();
        assert!(
            codes
                .windows(2)
                .all(|w| position_in_file(w[0]) < position_in_file(w[1])),
            "languages out of order"
        );
        for (code, entry) in &file.languages {
            for list in [&entry.abstract_words, &entry.keywords, &entry.references] {
                let mut sorted = list.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(
                    list, &sorted,
                    "list for {code} is not sorted and deduplicated"
                );
            }
        }
    }
}
