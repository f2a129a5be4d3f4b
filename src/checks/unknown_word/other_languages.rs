//! Slips in words of other languages than English, found with that language's dictionary:
//! spellings by ear ("atinjir" for "atingir"), Portuguese infinitives before an enclitic
//! pronoun ("introduzí-la", "utilizálo"), candidates from the Hunspell dictionary, and the slips
//! a long word of Portuguese or Spanish shows on its own evidence: a like vowel ("distoantes"),
//! a syllable dropped ("competividad") or typed twice ("colaraboração"), a prefix that does not
//! double its r or s ("criptosistema").

use std::collections::{BTreeSet, HashSet};

use super::{Dictionaries, base_letter};
use crate::checks::english_words::Candidate;

/// Whether writing `typed` for `written` (before `next`) is a spelling by ear in Portuguese or
/// Spanish: "j" for the soft "g" before "e" or "i" ("atinjir" for "atingir"), "s" and "z"
/// between vowels or at the end ("analize"), and a final "m" for "n" ("pidem" for "piden").
pub(super) fn same_sound(written: char, typed: char, next: Option<char>) -> bool {
    match (written, typed) {
        ('g', 'j') | ('j', 'g') => next.is_some_and(|n| matches!(base_letter(n), 'e' | 'i')),
        ('s', 'z') | ('z', 's') => true,
        ('n', 'm') | ('m', 'n') => next.is_none(),
        _ => false,
    }
}

/// The pronouns a Portuguese infinitive takes after it, joined by a hyphen ("utilizá-lo").
const ENCLITICS: &[&str] = &["los", "las", "lo", "la"];

/// The right spelling of `word` (followed by `after`), a Portuguese infinitive before an
/// enclitic pronoun written wrong: an "-ir" verb's final "i" accented after a consonant
/// ("introduzí-la" for "introduzi-la"; after a vowel the accent is right: "possuí-lo",
/// "construí-lo"), or the hyphen left out ("utilizálo" for "utilizá-lo", when the word is
/// unknown). The verb's infinitive must be in the dictionary.
pub(super) fn enclitic_slip(
    word: &str,
    after: &str,
    known: bool,
    dictionary: &Dictionaries,
) -> Option<String> {
    if word.chars().any(char::is_uppercase) {
        return None;
    }
    let is_vowel = |c: char| matches!(base_letter(c), 'a' | 'e' | 'i' | 'o' | 'u');
    // The infinitive's stem ending in its accented vowel, fixed: "introduzí" → "introduzi".
    let fixed_stem = |stem: &str| -> Option<String> {
        let mut chars = stem.chars();
        let last = chars.next_back()?;
        let before = chars.clone().next_back()?;
        let body = chars.as_str();
        let fixed = match last {
            'í' if !is_vowel(before) => format!("{body}i"),
            'á' | 'ê' | 'ô' | 'í' => stem.to_string(),
            _ => return None,
        };
        let infinitive = format!("{body}{}r", base_letter(last));
        (body.chars().count() >= 3 && dictionary.check(&infinitive)).then_some(fixed)
    };
    // Joined by a hyphen: only the accent of an "-ir" verb can be wrong.
    if let Some(rest) = after.strip_prefix('-') {
        let pronoun = ENCLITICS.iter().any(|p| {
            rest.strip_prefix(*p)
                .is_some_and(|tail| !tail.starts_with(char::is_alphabetic))
        });
        if !pronoun {
            return None;
        }
        let fixed = fixed_stem(word)?;
        return (fixed != word).then_some(fixed);
    }
    if known || after.starts_with(char::is_alphabetic) {
        return None;
    }
    let pronoun = ENCLITICS.iter().find(|p| word.ends_with(**p))?;
    let stem = &word[..word.len() - pronoun.len()];
    let fixed = fixed_stem(stem)?;
    Some(format!("{fixed}-{pronoun}"))
}

/// Known words one edit from `lower` in another language's dictionary, over a–z, the word's own
/// letters and the accented letters of the Latin-script languages; each flagged as a slip when
/// the edit is a swap, a doubled or undoubled letter, a neighbouring key or an accent.
pub(super) fn hunspell_candidates(lower: &str, dictionary: &Dictionaries) -> Vec<Candidate> {
    let mut alphabet: BTreeSet<char> = ('a'..='z').collect();
    alphabet.extend(lower.chars());
    alphabet.extend("áàâãçéêíóôõúüñöäßèìòùğış".chars());
    let chars: Vec<char> = lower.chars().collect();
    let mut edits: Vec<(String, bool)> = Vec::new();
    for i in 0..chars.len() {
        let mut v = chars.clone();
        v.remove(i);
        let doubled = (i > 0 && chars[i - 1] == chars[i]) || chars.get(i + 1) == Some(&chars[i]);
        edits.push((v.into_iter().collect(), doubled));
        if i + 1 < chars.len() {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            edits.push((v.into_iter().collect(), false));
        }
        for &c in &alphabet {
            let mut v = chars.clone();
            v[i] = c;
            // Only an accent or a spelling by ear counts: a neighbouring key in a word of
            // another language as often makes a word the dictionary lacks ("liminar",
            // "exoterismo") as a typo.
            let slip = base_letter(c) == base_letter(chars[i])
                || same_sound(chars[i], c, chars.get(i + 1).copied());
            edits.push((v.into_iter().collect(), slip));
        }
    }
    // An accent on the wrong vowel ("indíviduos" for "indivíduos").
    for (i, &accented) in chars.iter().enumerate() {
        if base_letter(accented) == accented {
            continue;
        }
        for j in (0..chars.len()).filter(|&j| j != i) {
            for &c in alphabet
                .iter()
                .filter(|&&c| c != chars[j] && base_letter(c) == chars[j])
            {
                let mut v = chars.clone();
                v[i] = base_letter(accented);
                v[j] = c;
                edits.push((v.into_iter().collect(), true));
            }
        }
    }
    for i in 0..=chars.len() {
        for &c in &alphabet {
            let mut v = chars.clone();
            v.insert(i, c);
            // A letter dropped inside the word ("periosas" for "perigosas"); one dropped at
            // either end is more often a form the dictionary lacks.
            let inside = i > 1 && i + 1 < chars.len();
            edits.push((v.into_iter().collect(), inside));
        }
    }
    let mut seen = HashSet::new();
    let mut out: Vec<Candidate> = edits
        .into_iter()
        .filter(|(e, _)| e != lower && seen.insert(e.clone()) && dictionary.check(e))
        .map(|(word, slip)| Candidate {
            word,
            distance: 1,
            slip,
            class: 2,
        })
        .collect();
    out.sort_by_key(|c| !c.slip);
    out
}

/// Letters of a long word of another language that a slip is trusted in without keyboard
/// evidence: the dictionary's one candidate near so long a word is nearly always the word meant.
const LONG_WORD: usize = 9;

/// The known word near `lower`, a long word of another language, that differs from it by a
/// vowel written for one that sounds alike, before the last two letters (where endings inflect):
/// "distoantes" for "destoantes". Only when one such word is near.
pub(super) fn lone_vowel_slip(lower: &str, close: &[Candidate]) -> Option<Candidate> {
    let x: Vec<char> = lower.chars().collect();
    if x.len() < LONG_WORD {
        return None;
    }
    // Unstressed "e" and "i", "o" and "u" sound alike in Portuguese and are written one for the
    // other.
    let alike =
        |a: char, b: char| matches!((a, b), ('e', 'i') | ('i', 'e') | ('o', 'u') | ('u', 'o'));
    let vowel_for_vowel = |c: &&Candidate| {
        let y: Vec<char> = c.word.chars().collect();
        let differ: Vec<usize> = (0..x.len().min(y.len()))
            .filter(|&i| x[i] != y[i])
            .collect();
        x.len() == y.len()
            && matches!(differ.as_slice(), [i] if *i + 2 < x.len() && alike(x[*i], y[*i]))
    };
    let mut found = close.iter().filter(vowel_for_vowel);
    match (found.next(), found.next()) {
        (Some(only), None) => Some(Candidate {
            slip: true,
            ..only.clone()
        }),
        _ => None,
    }
}

/// A long word of another language with one of two like syllables left out ("competividad"
/// for "competitividad"): the two letters written once where the dictionary's word has them
/// twice in a row.
pub(super) fn syllable_dropped(lower: &str, dictionary: &Dictionaries) -> Option<Candidate> {
    let chars: Vec<char> = lower.chars().collect();
    if chars.len() < LONG_WORD {
        return None;
    }
    (1..chars.len().saturating_sub(3)).find_map(|i| {
        let pair = &chars[i..i + 2];
        if base_letter(pair[0]) == base_letter(pair[1]) {
            return None;
        }
        let word: String = chars[..i + 2]
            .iter()
            .chain(pair)
            .chain(&chars[i + 2..])
            .collect();
        dictionary.check(&word).then_some(Candidate {
            word,
            distance: 2,
            slip: true,
            class: 2,
        })
    })
}

/// A long word of another language with a syllable typed again after its vowel
/// ("colaraboração" for "colaboração"): a consonant and the vowel before it repeated.
pub(super) fn syllable_repeated(lower: &str, dictionary: &Dictionaries) -> Option<Candidate> {
    let chars: Vec<char> = lower.chars().collect();
    if chars.len() < LONG_WORD + 1 {
        return None;
    }
    let vowel = |c: char| matches!(base_letter(c), 'a' | 'e' | 'i' | 'o' | 'u');
    (2..chars.len().saturating_sub(4)).find_map(|i| {
        let repeated = !vowel(chars[i]) && vowel(chars[i + 1]) && chars[i + 1] == chars[i - 1];
        if !repeated {
            return None;
        }
        let word: String = chars[..i].iter().chain(&chars[i + 2..]).collect();
        dictionary.check(&word).then_some(Candidate {
            word,
            distance: 2,
            slip: true,
            class: 2,
        })
    })
}

/// Learned prefixes that double an "r" or "s" starting the word they join in Portuguese
/// ("criptossistema", "autorretrato", "antissocial").
const DOUBLING_PREFIXES: &[&str] = &[
    "anti", "auto", "co", "contra", "cripto", "extra", "foto", "hidro", "infra", "intra", "macro",
    "mega", "micro", "mini", "multi", "neo", "proto", "pseudo", "semi", "supra", "ultra",
];

/// A Portuguese word made of a prefix ending in a vowel and a known word starting with "r" or
/// "s", written without the doubled consonant the spelling asks for ("criptosistema" for
/// "criptossistema").
pub(super) fn prefix_not_doubled(lower: &str, dictionary: &Dictionaries) -> Option<Candidate> {
    DOUBLING_PREFIXES.iter().find_map(|prefix| {
        let rest = lower.strip_prefix(prefix)?;
        let first = rest.chars().next()?;
        let doubled = matches!(first, 'r' | 's')
            && rest.chars().nth(1).is_some_and(|c| c != first)
            && rest.chars().count() >= 4
            && dictionary.check(rest);
        doubled.then(|| Candidate {
            word: format!("{prefix}{first}{rest}"),
            distance: 1,
            slip: true,
            class: 2,
        })
    })
}

/// Prefixes Portuguese and Spanish join to the word they modify, as written, and as joined
/// ("pré" joins as "pre": "predefinidas"). "pós", "pró" and "ex" are left out: the Portuguese
/// dictionary accepts any known word after them with a hyphen, so it cannot vouch for the
/// compound.
const SEPARABLE_PREFIXES: &[(&str, &str)] = &[
    ("pré", "pre"),
    ("pre", "pre"),
    ("auto", "auto"),
    ("anti", "anti"),
    ("semi", "semi"),
    ("multi", "multi"),
];

/// The compound meant by a prefix written apart from its word ("pré definidas" for
/// "predefinidas" or "pré-definidas"), when the dictionary knows the compound: joined (with the
/// "r" or "s" doubled after the vowel in Portuguese: "auto regulação" → "autorregulação"), or
/// else joined by a hyphen.
pub(super) fn prefix_apart(
    prefix: &str,
    word: &str,
    portuguese: bool,
    dictionary: &Dictionaries,
) -> Option<String> {
    let (_, joined_prefix) = SEPARABLE_PREFIXES.iter().find(|(p, _)| *p == prefix)?;
    if word.chars().count() < 4 || !word.chars().all(char::is_lowercase) {
        return None;
    }
    let first = word.chars().next()?;
    let second = word.chars().nth(1)?;
    let doubled = portuguese
        && matches!(first, 'r' | 's')
        && matches!(base_letter(second), 'a' | 'e' | 'i' | 'o' | 'u');
    let joined = if doubled {
        format!("{joined_prefix}{first}{word}")
    } else {
        format!("{joined_prefix}{word}")
    };
    let hyphenated = format!("{prefix}-{word}");
    [joined, hyphenated]
        .into_iter()
        .find(|compound| dictionary.check(compound))
}
