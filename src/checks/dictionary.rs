//! `dictionary`: a full spelling check against the Hunspell dictionaries installed on the machine
//! (read with `spellbook`), for the languages that have one. Off by default: a full dictionary
//! flags every name and term it does not know, which suits a final proofreading pass, not CI.
//!
//! Each unknown word is reported once per document, at its first occurrence, with the number of
//! times it occurs and up to three suggestions. Capitalised words inside a sentence (names), words
//! in capitals, words with digits and URLs are left alone. When text is in a language with no
//! installed dictionary, one finding says so and names the languages that have one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use spellbook::Dictionary;

use super::{Check, Context, SkipRanges};
use crate::diagnostic::Finding;
use crate::manuscript::{LangCode, Part, language};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Folders to look for `<lang>_<REGION>.dic` / `.aff` pairs in; empty: the usual system
    /// folders and `DICPATH`.
    #[serde(default)]
    paths: Vec<String>,
    /// Words to accept in addition to the dictionary (a journal's or a project's terms).
    #[serde(default)]
    words: Vec<String>,
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn prose() -> Vec<Part> {
    vec![Part::Title, Part::Abstract, Part::Heading, Part::Body]
}

/// The folders searched when no `paths` are given: those in `DICPATH` when it is set (so that a
/// run can be held to chosen dictionaries, or to none), else the usual system folders.
pub(super) fn default_dirs() -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os("DICPATH") {
        return std::env::split_paths(&list).collect();
    }
    [
        "/usr/share/hunspell",
        "/usr/share/myspell/dicts",
        "/usr/share/myspell",
        "/usr/local/share/hunspell",
        "/Library/Spelling",
    ]
    .into_iter()
    .map(PathBuf::from)
    .collect()
}

/// Installed dictionaries: language → the `.dic` file (a `.aff` stands beside it). For a language
/// with several regions, `en_US` and the like (region = language in capitals, or US) come first.
pub fn available(dirs: &[PathBuf]) -> BTreeMap<LangCode, PathBuf> {
    let mut found: BTreeMap<LangCode, Vec<PathBuf>> = BTreeMap::new();
    for dir in dirs {
        let Ok(listing) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in listing.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "dic") || !path.with_extension("aff").is_file()
            {
                continue;
            }
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            let code = stem.split(['_', '-']).next().unwrap_or_default();
            if let Some(code) = language::canonical(code) {
                found.entry(code).or_default().push(path);
            }
        }
    }
    found
        .into_iter()
        .filter_map(|(code, mut paths)| {
            paths.sort_by_key(|p| {
                let stem = p
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .to_string();
                let region = stem
                    .split(['_', '-'])
                    .nth(1)
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                (region != code && region != "us", stem)
            });
            Some((code, paths.into_iter().next()?))
        })
        .collect()
}

/// Parses the Hunspell dictionary whose `.dic` file is `dic` (its `.aff` beside it); `None` when
/// either file cannot be read or parsed.
pub(super) fn load(dic: &Path) -> Option<Arc<Dictionary>> {
    let read = |p: &Path| std::fs::read_to_string(p).ok();
    let dictionary = Dictionary::new(&read(&dic.with_extension("aff"))?, &read(dic)?).ok()?;
    Some(Arc::new(dictionary))
}

/// Every installed dictionary of each language, one per distinct file (regions that link to one
/// file count once): `pt_BR` and `pt_PT`, `en_US` and `en_GB`.
pub(super) fn available_all(dirs: &[PathBuf]) -> BTreeMap<LangCode, Vec<PathBuf>> {
    let mut found: BTreeMap<LangCode, Vec<PathBuf>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for dir in dirs {
        let Ok(listing) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = listing.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            if path.extension().is_none_or(|e| e != "dic") || !path.with_extension("aff").is_file()
            {
                continue;
            }
            let code = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|stem| stem.split(['_', '-']).next())
                .and_then(language::canonical);
            let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if let Some(code) = code
                && seen.insert(real)
            {
                found.entry(code).or_default().push(path);
            }
        }
    }
    found
}

pub struct DictionarySpelling {
    files: BTreeMap<LangCode, PathBuf>,
    words: HashSet<String>,
    parts: Vec<Part>,
    /// Dictionaries parsed on first use, shared by all files of the run.
    loaded: Mutex<HashMap<LangCode, Option<Arc<Dictionary>>>>,
}

impl DictionarySpelling {
    pub fn new(params: Params) -> Result<Self, String> {
        let dirs: Vec<PathBuf> = if params.paths.is_empty() {
            default_dirs()
        } else {
            params.paths.iter().map(PathBuf::from).collect()
        };
        Ok(Self {
            files: available(&dirs),
            words: params.words.iter().map(|w| w.to_lowercase()).collect(),
            parts: params.parts,
            loaded: Mutex::new(HashMap::new()),
        })
    }

    fn dictionary(&self, code: LangCode) -> Option<Arc<Dictionary>> {
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded
            .entry(code)
            .or_insert_with(|| {
                let dic = self.files.get(code)?;
                load(dic)
            })
            .clone()
    }

    fn installed(&self) -> String {
        if self.files.is_empty() {
            return "none".into();
        }
        self.files
            .keys()
            .map(|c| format!("{} ({c})", language::name(c)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Words of a text to look up: letters with inner apostrophes; names, capitals, words glued to
/// digits or symbols left out.
fn words_to_check(text: &str) -> Vec<std::ops::Range<usize>> {
    let skip = SkipRanges::of(text);
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    loop {
        let next = chars.next();
        let (i, c) = next.unwrap_or((text.len(), ' '));
        let inner = (c == '\'' || c == '’')
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        if next.is_some() && (c.is_alphabetic() || inner) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let word = &text[s..i];
            let before = text[..s].trim_end();
            let sentence_start =
                before.is_empty() || before.ends_with(['.', '!', '?', ':', '“', '"', '\n']);
            let capitals = word.chars().filter(|c| c.is_uppercase()).count();
            let glued = |ch: Option<char>| {
                ch.is_some_and(|ch| {
                    ch.is_ascii_digit() || matches!(ch, '_' | '@' | '/' | '\\' | '\u{FFFC}')
                })
            };
            let name = capitals > 1 || (capitals == 1 && !sentence_start);
            if !name
                && !glued(text[..s].chars().next_back())
                && !glued(Some(c))
                && !skip.contains(s)
            {
                out.push(s..i);
            }
        }
        if next.is_none() {
            break;
        }
    }
    out
}

impl Check for DictionarySpelling {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let ms = cx.manuscript;
        // word (lowercase) → (first span, written form, count)
        let mut unknown: BTreeMap<String, (std::ops::Range<usize>, String, usize)> =
            BTreeMap::new();
        let mut missing: BTreeMap<LangCode, std::ops::Range<usize>> = BTreeMap::new();
        let mut dictionaries: HashMap<LangCode, Arc<Dictionary>> = HashMap::new();
        for unit in ms.units_in(&self.parts) {
            let Some(code) = unit.language().or(ms.language) else {
                continue;
            };
            let dictionary = match dictionaries.get(code) {
                Some(d) => d.clone(),
                None => match self.dictionary(code) {
                    Some(d) => {
                        dictionaries.insert(code, d.clone());
                        d
                    }
                    None => {
                        missing
                            .entry(code)
                            .or_insert_with(|| unit.text.source_span());
                        continue;
                    }
                },
            };
            let text = unit.text.as_str();
            for range in words_to_check(text) {
                let word = text[range.clone()].replace('’', "'");
                let lower = word.to_lowercase();
                if self.words.contains(&lower) || dictionary.check(&word) {
                    continue;
                }
                unknown.entry(lower).and_modify(|e| e.2 += 1).or_insert((
                    unit.text.to_source(range),
                    word,
                    1,
                ));
            }
        }
        let mut findings: Vec<Finding> = missing
            .into_iter()
            .map(|(code, span)| {
                Finding::at(span.start..span.start)
                    .arg("problem", format!("no Hunspell dictionary for {} is installed; text in it is not spell-checked", language::name(code)))
                    .arg("installed", self.installed())
            })
            .collect();
        let mut suggestions_left = 100;
        for (_, (span, word, count)) in unknown {
            let mut finding = Finding::at(span)
                .arg("problem", format!("“{word}” is not in the dictionary"))
                .arg("installed", self.installed());
            if count > 1 {
                finding = finding.note(format!("it occurs {count} times"));
            }
            if suggestions_left > 0 {
                suggestions_left -= 1;
                let code = cx.manuscript.language.unwrap_or("en");
                if let Some(dictionary) = dictionaries.get(code) {
                    let mut out = Vec::new();
                    dictionary.suggest(&word, &mut out);
                    out.truncate(3);
                    if !out.is_empty() {
                        finding = finding.note(format!("suggestions: {}", out.join(", ")));
                    }
                }
            }
            findings.push(finding);
        }
        findings.sort_by_key(|f| f.span.start);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_capitals_and_identifiers_are_not_looked_up() {
        let text = "The Smith method uses NATO data from x_1 and teh results. Teh end.";
        let words: Vec<&str> = words_to_check(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            words,
            [
                "The", "method", "uses", "data", "from", "and", "teh", "results", "Teh", "end"
            ]
        );
    }

    #[test]
    fn dictionaries_are_found_by_language_and_region() {
        let dir = tempfile::tempdir().unwrap();
        for stem in ["en_GB", "en_US", "tr_TR", "xx_YY"] {
            std::fs::write(dir.path().join(format!("{stem}.dic")), "1\nword\n").unwrap();
            std::fs::write(dir.path().join(format!("{stem}.aff")), "SET UTF-8\n").unwrap();
        }
        std::fs::write(dir.path().join("de_DE.dic"), "1\nwort\n").unwrap();
        let found = available(&[dir.path().to_path_buf()]);
        assert_eq!(found.keys().copied().collect::<Vec<_>>(), ["en", "tr"]);
        assert!(found["en"].ends_with("en_US.dic"));
    }
}
