//! The built-in English word lists, compiled into the binary: SCOWL's American and British lists
//! (`rules/data/dictionaries/en.words`, built by `scripts/english-words.py`) and the academic and
//! technical supplement (`rules/data/dictionaries/academic.words`).
//!
//! Both files are sorted by bytes and searched as they stand: nothing is parsed or built at
//! start-up, so a run that checks no English pays nothing for them. Candidate corrections of an
//! unknown word are the known words one edit away (and two for long words), ranked by edit
//! distance, keyboard adjacency and the word's SCOWL size class (a frequency class).

use std::cmp::Ordering;

const WORDS: &str = include_str!("../../rules/data/dictionaries/en.words");
const ACADEMIC: &str = include_str!("../../rules/data/dictionaries/academic.words");

/// What the list says about a known word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// SCOWL size class: 1 common … 4 rare; 1 for the academic supplement.
    pub class: u8,
    pub region: Region,
}

/// Which spelling convention holds a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Both,
    American,
    British,
}

/// The line of a sorted `word<TAB>tag` list whose word is `word`: its tag.
pub(super) fn search<'a>(list: &'a str, word: &str) -> Option<&'a str> {
    let bytes = list.as_bytes();
    let (mut lo, mut hi) = (0, bytes.len());
    // `lo` and `hi` always stand at the start of a line (or the end of the list).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
        let end = memchr::memchr(b'\n', &bytes[start..hi]).map_or(hi, |i| start + i);
        let line = &list[start..end];
        let (key, tag) = line.split_once('\t').unwrap_or((line, ""));
        match key.as_bytes().cmp(word.as_bytes()) {
            Ordering::Equal => return Some(tag),
            Ordering::Less => lo = end + 1,
            Ordering::Greater => hi = start,
        }
    }
    None
}

/// The entry of `word` exactly as written (case matters: `Bayesian`, `the`).
pub fn exact(word: &str) -> Option<Entry> {
    if let Some(tag) = search(WORDS, word) {
        let class = tag.bytes().next().map_or(4, |b| b.saturating_sub(b'0'));
        let region = match tag.as_bytes().get(1) {
            Some(b'a') => Region::American,
            Some(b'g') => Region::British,
            _ => Region::Both,
        };
        return Some(Entry { class, region });
    }
    search(ACADEMIC, word).map(|_| Entry {
        class: 1,
        region: Region::Both,
    })
}

/// The entry of `word` in any of the cases it may be written in: as written, in lower case (a
/// sentence-initial or all-capitals common word), and capitalised (a name written in capitals).
pub fn lookup(word: &str) -> Option<Entry> {
    if let Some(entry) = exact(word) {
        return Some(entry);
    }
    let lower = word.to_lowercase();
    if lower != word
        && let Some(entry) = exact(&lower)
    {
        return Some(entry);
    }
    let mut chars = lower.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if capitalised != word {
        return exact(&capitalised);
    }
    None
}

/// Whether `word` (lower case) is known, in any case.
pub fn known(word: &str) -> bool {
    lookup(word).is_some()
}

/// Rows of a QWERTY keyboard, for telling a slip of the finger from another substitution.
const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Whether `a` and `b` are neighbouring keys.
pub fn adjacent_keys(a: char, b: char) -> bool {
    let place = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|col| (r as i32, col as i32)))
    };
    match (place(a), place(b)) {
        (Some((ra, ca)), Some((rb, cb))) => {
            (ra - rb).abs() <= 1 && (ca - cb).abs() <= 1 && (ra, ca) != (rb, cb)
        }
        _ => false,
    }
}

/// Every string one edit (deletion, transposition, substitution, insertion over a–z) from `word`,
/// with a flag saying whether the edit is a keyboard slip (a transposition, or a neighbouring key
/// substituted or doubled).
pub fn edits1(word: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = Vec::with_capacity(60 * (n + 1));
    let join = |v: &[char]| v.iter().collect::<String>();
    for i in 0..n {
        let mut v = chars.clone();
        v.remove(i);
        let slip = (i > 0 && (chars[i - 1] == chars[i] || adjacent_keys(chars[i - 1], chars[i])))
            || (i + 1 < n && adjacent_keys(chars[i + 1], chars[i]));
        out.push((join(&v), slip));
    }
    for i in 0..n.saturating_sub(1) {
        if chars[i] != chars[i + 1] {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            out.push((join(&v), true));
        }
    }
    for i in 0..n {
        for c in 'a'..='z' {
            if c != chars[i] {
                let mut v = chars.clone();
                v[i] = c;
                out.push((join(&v), adjacent_keys(c, chars[i])));
            }
        }
    }
    for i in 0..=n {
        for c in 'a'..='z' {
            let mut v = chars.clone();
            v.insert(i, c);
            // A letter typed once where it is doubled is a slip too.
            let doubled = (i > 0 && chars[i - 1] == c) || chars.get(i) == Some(&c);
            out.push((join(&v), doubled));
        }
    }
    out
}

/// The class of words only SCOWL's huge list holds.
pub const RARE: u8 = 4;

/// A known word close to an unknown one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub word: String,
    pub distance: u8,
    pub slip: bool,
    pub class: u8,
}

/// Known words close to `word` (lower case): one edit away, and two for words of eight letters or
/// more (by way of deletions and transpositions from the one-edit strings, which is what typing
/// slips make). Rare words (SCOWL's huge list only) are not offered: a typo is nearly always a
/// slip on a word people use. Best first: fewer edits, common words, keyboard slips.
pub fn candidates(word: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let first = edits1(word);
    for (edit, slip) in &first {
        if seen.insert(edit.clone())
            && let Some(entry) = exact(edit).filter(|e| e.class < RARE)
        {
            out.push(Candidate {
                word: edit.clone(),
                distance: 1,
                slip: *slip,
                class: entry.class,
            });
        }
    }
    if out.is_empty() && word.chars().count() >= 8 {
        for (edit, _) in &first {
            let chars: Vec<char> = edit.chars().collect();
            let mut second: Vec<String> = Vec::new();
            for i in 0..chars.len() {
                let mut v = chars.clone();
                v.remove(i);
                second.push(v.into_iter().collect());
            }
            for i in 0..chars.len().saturating_sub(1) {
                let mut v = chars.clone();
                v.swap(i, i + 1);
                second.push(v.into_iter().collect());
            }
            for edit2 in second {
                if edit2 != word
                    && seen.insert(edit2.clone())
                    && let Some(entry) = exact(&edit2).filter(|e| e.class < RARE)
                {
                    out.push(Candidate {
                        word: edit2,
                        distance: 2,
                        slip: false,
                        class: entry.class,
                    });
                }
            }
        }
    }
    // Swapped letters are the commonest slip of all: "teh" is "the" before "ten".
    let letters = |w: &str| {
        let mut v: Vec<char> = w.chars().collect();
        v.sort_unstable();
        v
    };
    let own = letters(word);
    out.sort_by_key(|c| {
        let swap = letters(&c.word) == own;
        (
            c.distance,
            c.class > 2,
            !c.slip,
            !swap,
            c.class,
            c.word.clone(),
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted_unique(list: &str) -> Result<(), String> {
        let mut previous: Option<&str> = None;
        for line in list.lines() {
            let word = line.split('\t').next().unwrap_or_default();
            if let Some(p) = previous
                && p.as_bytes() >= word.as_bytes()
            {
                return Err(format!("“{word}” comes after “{p}”"));
            }
            previous = Some(word);
        }
        Ok(())
    }

    #[test]
    fn the_word_lists_are_sorted_and_unique() {
        sorted_unique(WORDS).unwrap();
        sorted_unique(ACADEMIC).unwrap();
    }

    #[test]
    fn the_supplement_holds_lower_case_words_the_main_list_lacks() {
        for word in ACADEMIC.lines() {
            assert!(
                !word.is_empty() && !word.contains(char::is_whitespace),
                "{word:?}"
            );
            assert!(
                search(WORDS, word).is_none(),
                "“{word}” is already in the SCOWL list"
            );
        }
    }

    #[test]
    fn words_are_found_in_any_of_their_cases() {
        assert_eq!(lookup("colour").map(|e| e.region), Some(Region::British));
        assert_eq!(lookup("color").map(|e| e.region), Some(Region::American));
        assert!(lookup("The").is_some());
        assert!(lookup("STATISTICAL").is_some());
        assert!(lookup("BAYESIAN").is_some());
        assert!(lookup("coeffcients").is_none());
        assert!(lookup("heteroscedasticity").is_some());
    }

    #[test]
    fn candidates_rank_close_and_common_words_first() {
        assert_eq!(candidates("coeffcients")[0].word, "coefficients");
        assert_eq!(candidates("statisitcal")[0].word, "statistical");
        assert_eq!(candidates("normalziation")[0].word, "normalization");
        assert_eq!(candidates("longitudnal")[0].word, "longitudinal");
        assert_eq!(candidates("teh")[0].word, "the");
    }

    #[test]
    fn neighbouring_keys_are_adjacent() {
        assert!(adjacent_keys('a', 's'));
        assert!(adjacent_keys('r', 'f'));
        assert!(!adjacent_keys('a', 'p'));
        assert!(!adjacent_keys('a', 'a'));
    }
}
