//! `unknown-word`: a word no dictionary knows and that is very likely a typo of one it does
//! ("coeffcients" → "coefficients"), on by default and offline.
//!
//! English is checked against the SCOWL lists and the academic supplement compiled into the
//! binary ([`super::english_words`]); other languages against the Hunspell dictionary installed
//! for them, each paragraph in its own language. A word is reported only when everything says it
//! is a slip: it is unknown, lower case (or capitalised at the start of a sentence), at least four
//! letters long, not glued to code, digits or markup, not vouched for by the manuscript (used
//! three times or more, in the title, keywords or reference list, or capitalised mid-sentence as a
//! name elsewhere), not a prefix plus a known word, and a known word lies one edit away (two for
//! long words), preferably one the manuscript itself uses. A word with no close known word is a
//! term or a name the dictionary lacks, and is left alone. Beside those, a few slips are found on
//! their own evidence: a misspelt name (of one word or two) the manuscript writes right
//! elsewhere, a capital typed twice, a long capitalised word or word of a reference entry plainly
//! a slip on a common English word ([`long_slip`]), a file extension slipped ([`extension`]), a
//! Portuguese infinitive before an enclitic pronoun written wrong, and a keyword that is a slip
//! on a word the text uses again and again. Reference entries are read for these slips only.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use spellbook::Dictionary;

use super::english_words::{self, Candidate};
use super::memo::UnitMemo;
use super::spelling::match_case;
use super::{Check, Context, SkipRanges};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::{LangCode, Manuscript, Part, language};

mod extension;
mod long_slip;
mod other_languages;

use extension::extension_slips;
use long_slip::long_slip;

use other_languages::{
    enclitic_slip, hunspell_candidates, lone_vowel_slip, prefix_apart, prefix_not_doubled,
    syllable_dropped, syllable_repeated,
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Params {
    /// Words to accept (a project's terms and names), in any case.
    #[serde(default)]
    words: Vec<String>,
    /// Folders to look for other languages' Hunspell `<lang>_<REGION>.dic` / `.aff` pairs in;
    /// empty: the usual system folders and `DICPATH`.
    #[serde(default)]
    paths: Vec<String>,
    /// A word used this many times in the manuscript is taken as the author's term.
    #[serde(default = "three")]
    vouch_count: usize,
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn three() -> usize {
    3
}

fn prose() -> Vec<Part> {
    vec![Part::Title, Part::Abstract, Part::Heading, Part::Body]
}

/// Languages whose text went unchecked for want of a dictionary, over the whole run (reported
/// once, after the last file).
static UNCHECKED: Mutex<BTreeSet<LangCode>> = Mutex::new(BTreeSet::new());

/// The languages seen in this run that no dictionary covered, and forgets them.
pub fn take_unchecked_languages() -> Vec<LangCode> {
    let mut set = UNCHECKED.lock().unwrap_or_else(|e| e.into_inner());
    std::mem::take(&mut *set).into_iter().collect()
}

/// Words of text in a language before its missing dictionary is worth a note.
const UNCHECKED_WORDS: usize = 200;

pub struct UnknownWord {
    words: HashSet<String>,
    vouch_count: usize,
    parts: Vec<Part>,
    /// Installed Hunspell dictionaries of other languages, every region of each.
    files: BTreeMap<LangCode, Vec<PathBuf>>,
    loaded: Mutex<HashMap<LangCode, Option<Arc<Dictionaries>>>>,
    /// Each unit's words, by its text, kept between runs in the language server.
    memo: UnitMemo<UnitWords>,
    /// Whether each repeated unknown word is a substitution slip ([`substitution_slip`] from
    /// the start), kept between runs in the language server.
    slips: Mutex<HashMap<String, bool>>,
}

/// Prefixes that make a word of a known word ("nonlinear", "resampled", "multilevel").
const PREFIXES: &[&str] = &[
    "anti", "auto", "bi", "bio", "co", "counter", "cross", "de", "dis", "eco", "electro", "endo",
    "exo", "extra", "geo", "hemi", "hetero", "homo", "hydro", "hyper", "hypo", "immuno", "inter",
    "intra", "iso", "macro", "meta", "micro", "mid", "mis", "mono", "multi", "nano", "neo",
    "neuro", "non", "omni", "out", "over", "para", "peri", "photo", "phyto", "poly", "post", "pre",
    "pro", "proto", "pseudo", "psycho", "quasi", "re", "retro", "self", "semi", "socio", "sub",
    "super", "tele", "thermo", "trans", "tri", "ultra", "un", "under",
];

/// Suffixes that make a word of a known one, and what the known word may end in instead
/// ("customizable" of "customize", "stationarity" of "stationary", "methanolic" of "methanol").
/// "-al" and "-ical" are left out: "electronical" is a slip for "electronic", not a new word.
const SUFFIXES: &[&str] = &[
    "ability", "able", "ation", "ations", "er", "ers", "ic", "ise", "ised", "ising", "ism", "isms",
    "ist", "ists", "ity", "ize", "ized", "izing", "isation", "ization", "less", "like", "ly",
    "ment", "ments", "ness", "wise",
];
const SUFFIX_STEM_ENDINGS: &[&str] = &["", "e", "y", "ate"];

/// Short words that do not start or end a closed compound: "arepresentation" and "inthe" are a
/// missing space, not a compound.
const FUNCTION_WORDS: &[&str] = &[
    "all", "also", "and", "any", "are", "been", "but", "can", "each", "for", "from", "had", "has",
    "have", "her", "his", "into", "its", "more", "most", "not", "off", "one", "onto", "our",
    "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they",
    "this", "those", "two", "very", "was", "were", "what", "when", "where", "which", "with", "you",
];

impl UnknownWord {
    pub fn new(params: Params) -> Result<Self, String> {
        let dirs: Vec<PathBuf> = if params.paths.is_empty() {
            super::dictionary::default_dirs()
        } else {
            params.paths.iter().map(PathBuf::from).collect()
        };
        let mut files = super::dictionary::available_all(&dirs);
        files.remove("en");
        Ok(Self {
            words: params.words.iter().map(|w| w.to_lowercase()).collect(),
            vouch_count: params.vouch_count.max(1),
            parts: params.parts,
            files,
            loaded: Mutex::new(HashMap::new()),
            memo: UnitMemo::default(),
            slips: Mutex::new(HashMap::new()),
        })
    }

    fn dictionary(&self, code: LangCode) -> Option<Arc<Dictionaries>> {
        let paths = self.files.get(code)?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded
            .entry(code)
            .or_insert_with(|| {
                let all: Vec<Arc<Dictionary>> = paths
                    .iter()
                    .filter_map(|p| super::dictionary::load(p))
                    .collect();
                (!all.is_empty()).then(|| {
                    Arc::new(Dictionaries {
                        all,
                        supplement: supplement(code),
                    })
                })
            })
            .clone()
    }
}

/// The installed dictionaries of one language: a word any region's dictionary knows is right
/// (Brazilian "econômico" and European "económico"); and the built-in list of words of that
/// language the Hunspell dictionaries lack.
struct Dictionaries {
    all: Vec<Arc<Dictionary>>,
    supplement: &'static str,
}

impl Dictionaries {
    fn check(&self, word: &str) -> bool {
        self.all.iter().any(|d| d.check(word))
            || english_words::search(self.supplement, word).is_some()
    }
}

/// Words of Spanish and Portuguese scholarly prose the Hunspell dictionaries lack (regular
/// adjectives of economics, terms of the social sciences, forms of defective verbs), one per line
/// and sorted by bytes.
const SPANISH: &str = include_str!("../../../rules/data/dictionaries/es.words");
const PORTUGUESE: &str = include_str!("../../../rules/data/dictionaries/pt.words");

/// The built-in supplement of the language `code` (empty for most).
fn supplement(code: LangCode) -> &'static str {
    match code {
        "es" => SPANISH,
        "pt" => PORTUGUESE,
        _ => "",
    }
}

/// One word of a unit's text.
struct Token {
    range: std::ops::Range<usize>,
    sentence_start: bool,
}

/// Characters that make a word next to them part of code, a number, a path or markup.
pub(super) fn glue(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '_' | '@'
                | '/'
                | '\\'
                | '\u{FFFC}'
                | '='
                | '#'
                | '$'
                | '%'
                | '^'
                | '&'
                | '*'
                | '+'
                | '~'
                | '|'
                | '<'
                | '>'
                | '{'
                | '}'
                | '`'
        )
}

/// The words of `text` outside `skip`: runs of letters (with inner apostrophes), split at hyphens,
/// and not glued to code, digits, paths or file names.
fn tokens(text: &str, skip: &SkipRanges) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
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
            let before = text[..s].chars().next_back();
            let after = text[i..].chars().nth(1);
            let dotted = |ch: Option<char>, other: Option<char>| {
                ch == Some('.') && other.is_some_and(char::is_alphanumeric)
            };
            let glued = before.is_some_and(glue)
                || glue(c)
                || c == '('
                || (c == ':' && after == Some(':'))
                || (before == Some(':')
                    && text[..s]
                        .chars()
                        .rev()
                        .nth(1)
                        .is_some_and(char::is_alphanumeric))
                || dotted(Some(c), after)
                || dotted(before, text[..s].chars().rev().nth(1))
                || (c == '\'' || c == '’') && after.is_some_and(char::is_alphabetic);
            if !glued && !skip.overlaps(&(s..i)) {
                let head =
                    text[..s].trim_end_matches(['(', '[', '“', '"', '‘', '\'', '*', ' ', '\t']);
                // A line break inside a paragraph is not a sentence boundary.
                let sentence_start =
                    head.trim_end().is_empty() || head.trim_end().ends_with(['.', '!', '?', ':']);
                out.push(Token {
                    range: s..i,
                    sentence_start,
                });
            }
        }
        if next.is_none() {
            break;
        }
    }
    out
}

/// The written word without a possessive ending.
fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("s'"))
        .or_else(|| word.strip_suffix("s’"))
        .unwrap_or(word)
}

/// Whether English knows `lower` outright, as a plural, as a prefix or suffix on a known word,
/// or as a closed compound of two known words ("finegrained", "webserver", "boxplots").
fn english_knows(lower: &str) -> bool {
    if english_words::known(lower) {
        return true;
    }
    if lower.strip_suffix('s').is_some_and(english_words::known) {
        return true;
    }
    // Where a derivation's stem starts: after its prefix, or at the start.
    let derived = |word: &str| -> Option<usize> {
        let stem_known = |rest: &str| rest.chars().count() >= 3 && english_words::known(rest);
        PREFIXES
            .iter()
            .find(|p| word.strip_prefix(**p).is_some_and(stem_known))
            .map(|p| p.len())
            .or_else(|| {
                SUFFIXES
                    .iter()
                    .any(|s| {
                        word.strip_suffix(s).is_some_and(|stem| {
                            stem.chars().count() >= 4
                                && SUFFIX_STEM_ENDINGS
                                    .iter()
                                    .any(|e| english_words::known(&format!("{stem}{e}")))
                        })
                    })
                    .then_some(0)
            })
            .or_else(|| compound(word).then_some(0))
    };
    // A derivation that is also a common word with a letter of its stem replaced is that word
    // misspelt: "prevalance" is "prevalence", not "pre" + "valance" ("prepending" and
    // "untrusted" differ from "pretending" and "intrusted" at the prefix: they stand).
    derived(lower)
        .or_else(|| lower.strip_suffix('s').and_then(derived))
        .is_some_and(|stem| !substitution_slip(lower, stem + 2))
}

/// Whether `word` is two known words of four letters or more written together, neither of them a
/// function word and one of them common ("finegrained", "callstack"; not "beetels").
fn compound(word: &str) -> bool {
    // The class of a part that may stand in a compound; one of the two must be a common word.
    let class = |p: &str| {
        (p.chars().count() >= 4 && !FUNCTION_WORDS.contains(&p))
            .then(|| english_words::exact(p))
            .flatten()
            .map(|e| e.class)
            .filter(|c| *c < english_words::RARE)
    };
    word.char_indices().skip(3).any(|(i, _)| {
        matches!(
            (class(&word[..i]), class(&word[i..])),
            (Some(a), Some(b)) if a.min(b) <= 2
        )
    })
}

/// What one unit's text holds, found once per text (and, in the language server, kept between
/// runs: see [`super::memo`]).
struct UnitWords {
    tokens: Vec<Token>,
    /// Each token in lower case, without a possessive ending.
    lower: Vec<String>,
    /// Lower-case word → uses in the unit.
    counts: HashMap<String, usize>,
    /// Lower-case words written with a capital inside a sentence: names.
    names: Vec<String>,
    /// Whether English knows each token (names and identifiers count as known); filled when the
    /// unit is first read as English.
    english: std::sync::OnceLock<Vec<bool>>,
}

impl UnitWords {
    fn of(text: &str, skip: &SkipRanges) -> Self {
        let tokens = tokens(text, skip);
        let mut lower = Vec::with_capacity(tokens.len());
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut names = Vec::new();
        for token in &tokens {
            let word = strip_possessive(&text[token.range.clone()]);
            let folded = word.to_lowercase();
            if case_of(word) != Case::Lower && !token.sentence_start {
                names.push(folded.clone());
            }
            *counts.entry(folded.clone()).or_default() += 1;
            lower.push(folded);
        }
        UnitWords {
            tokens,
            lower,
            counts,
            names,
            english: std::sync::OnceLock::new(),
        }
    }

    /// Whether English knows each token; `cache` holds the words of the document looked up so
    /// far (words repeat: each distinct one is looked up once per document).
    fn english(&self, text: &str, cache: &mut HashMap<String, bool>) -> &[bool] {
        self.english.get_or_init(|| {
            self.tokens
                .iter()
                .zip(&self.lower)
                .map(|(t, lower)| {
                    let written = strip_possessive(&text[t.range.clone()]);
                    if case_of(written) == Case::Mixed {
                        return true;
                    }
                    if let Some(known) = cache.get(lower) {
                        return *known;
                    }
                    let known = english_knows(lower);
                    cache.insert(lower.clone(), known);
                    known
                })
                .collect()
        })
    }
}

/// What the manuscript itself says about its words.
struct Vocabulary {
    /// Lower-case word → uses in the prose.
    counts: HashMap<String, usize>,
    /// Lower-case words the manuscript vouches for outside its prose, or as names.
    vouched: HashSet<String>,
    /// Lower-case word → uses anywhere: the prose and the parts outside it.
    everywhere: HashMap<String, usize>,
    /// Lower-case words written with a capital somewhere → where first (0 outside the prose,
    /// where names are copied from their sources; else the order of the word in the prose).
    capitalised: HashMap<String, usize>,
    /// Names of two capitalised words ("são paulo", in lower case) → uses anywhere.
    pairs: HashMap<String, usize>,
    /// The words of the reference list's keys, in lower case: a package's name ("revealjs")
    /// keys the entry that cites it.
    key_words: HashSet<String>,
}

impl Vocabulary {
    /// The vocabulary of the prose `units` (their words found already) and of the parts of `ms`
    /// outside the prose.
    fn of(ms: &Manuscript, units: &[(&crate::manuscript::Unit, Arc<UnitWords>)]) -> Vocabulary {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut vouched: HashSet<String> = HashSet::new();
        let mut everywhere: HashMap<String, usize> = HashMap::new();
        let mut capitalised: HashMap<String, usize> = HashMap::new();
        let mut pairs: HashMap<String, usize> = HashMap::new();
        let mut order = 1;
        for (unit, words) in units {
            let text = unit.text.as_str();
            for (_, pair) in name_pairs(text, &words.tokens) {
                *pairs.entry(pair).or_default() += 1;
            }
            for (token, lower) in words.tokens.iter().zip(&words.lower) {
                if case_of(strip_possessive(&text[token.range.clone()])) != Case::Lower {
                    capitalised.entry(lower.clone()).or_insert(order);
                }
                order += 1;
            }
            for (word, n) in &words.counts {
                match counts.get_mut(word) {
                    Some(count) => *count += n,
                    None => {
                        counts.insert(word.clone(), *n);
                    }
                }
            }
            for name in &words.names {
                if !vouched.contains(name) {
                    vouched.insert(name.clone());
                }
            }
        }
        let outside = ms
            .title
            .iter()
            .chain(&ms.authors)
            .chain(ms.keywords.iter().flat_map(|k| &k.items))
            .chain(ms.references.iter().flat_map(|r| &r.entries));
        for text in outside {
            let text = text.as_str();
            let skip = SkipRanges::of(text);
            let found = tokens(text, &skip);
            for (_, pair) in name_pairs(text, &found) {
                *pairs.entry(pair).or_default() += 1;
            }
            for token in found {
                let word = strip_possessive(&text[token.range.clone()]);
                let lower = word.to_lowercase();
                if case_of(word) != Case::Lower {
                    capitalised.insert(lower.clone(), 0);
                }
                *everywhere.entry(lower.clone()).or_default() += 1;
                vouched.insert(lower);
            }
        }
        for (word, n) in &counts {
            *everywhere.entry(word.clone()).or_default() += n;
        }
        let key_words = ms
            .references
            .iter()
            .flat_map(|r| r.keys.iter().flatten())
            .flat_map(|key| key.split(|c: char| !c.is_alphabetic()))
            .map(str::to_lowercase)
            .collect();
        Vocabulary {
            counts,
            vouched,
            everywhere,
            capitalised,
            pairs,
            key_words,
        }
    }

    /// The name of two words the manuscript writes three times or more that `pair`, a name of
    /// two words written once, is a slip on: the same but for one word, which is a slip of the
    /// kind [`name_slip_of`] reads on the whole name ("São Pulo" beside "São Paulo") and is not
    /// written anywhere else. Returns the word written and the word meant, in lower case.
    fn pair_slip<'a>(&'a self, pair: &'a str) -> Option<(&'a str, &'a str)> {
        if self.pairs.get(pair).copied() != Some(1) {
            return None;
        }
        let x: Vec<char> = pair.chars().collect();
        let (a, b) = pair.split_once(' ')?;
        self.pairs
            .iter()
            .filter(|(name, uses)| **uses >= 3 && name.as_str() != pair)
            .filter_map(|(name, uses)| {
                let (c, d) = name.split_once(' ')?;
                let (slip, meant) = match (a == c, b == d) {
                    (true, false) => (b, d),
                    (false, true) => (a, c),
                    _ => return None,
                };
                let y: Vec<char> = name.chars().collect();
                (slip.chars().count() >= 4
                    && slip.chars().next() == meant.chars().next()
                    && self.everywhere.get(slip).copied().unwrap_or(0) <= 1
                    && name_slip_of(&x, &y, *uses))
                .then_some((*uses, slip, meant))
            })
            .max_by_key(|(uses, _, meant)| (*uses, std::cmp::Reverse(*meant)))
            .map(|(_, slip, meant)| (slip, meant))
    }

    /// The name the manuscript writes elsewhere that `lower`, a capitalised word written once,
    /// is a slip on: two letters swapped ("Artuad" beside "Artaud"), an accent on the wrong
    /// letter ("Gráuna" beside "Graúna"), or, in a long name the manuscript writes more than
    /// once, a letter dropped that is not one of a double ("Bakhtinina" beside "Bakhtiniana").
    /// Of two spellings written once each, the first is taken as the name; a slip written twice
    /// counts beside a name written three times as often (an English and a translated abstract
    /// copy one slip).
    fn name_slip(&self, lower: &str) -> Option<&str> {
        let written = self.everywhere.get(lower).copied().unwrap_or(0);
        if written == 0 || written > 2 {
            return None;
        }
        let first = *self.capitalised.get(lower)?;
        let x: Vec<char> = lower.chars().collect();
        self.capitalised
            .iter()
            .map(|(name, at)| {
                let uses = self.everywhere.get(name.as_str()).copied().unwrap_or(0);
                (name, *at, uses)
            })
            .filter(|(name, at, uses)| {
                let y: Vec<char> = name.chars().collect();
                name.as_str() != lower
                    && y.first() == x.first()
                    && (*uses >= 3 * written || (written == 1 && (*uses > 1 || *at < first)))
                    && name_slip_of(&x, &y, *uses)
            })
            .min_by_key(|(name, at, uses)| (std::cmp::Reverse(*uses), *at, name.as_str()))
            .map(|(name, _, _)| name.as_str())
    }

    fn count(&self, lower: &str) -> usize {
        self.counts.get(lower).copied().unwrap_or(0)
    }
}

/// The best correction for `lower` among `candidates` (known words close to it): one the
/// manuscript uses first, then the first in the given order.
fn best<'a>(candidates: &'a [Candidate], vocabulary: &Vocabulary) -> Option<&'a Candidate> {
    candidates
        .iter()
        .filter(|c| c.distance == 1)
        .find(|c| vocabulary.count(&c.word) > 0)
        .or_else(|| candidates.first())
}

/// A word of the manuscript two edits from `lower`, known to `knows`: a near miss inside the
/// document ("backpropergation" where "backpropagation" occurs).
fn near_miss_in_document(
    lower: &str,
    vocabulary: &Vocabulary,
    knows: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let length = lower.chars().count();
    let first = lower.chars().next()?;
    vocabulary
        .counts
        .keys()
        .filter(|w| {
            let n = w.chars().count();
            n.abs_diff(length) <= 2 && w.starts_with(first) && w.as_str() != lower
        })
        .filter(|w| {
            let distance = crate::similarity::edit_distance(lower, w);
            distance <= 2 && !variant_of(lower, w, distance as u8) && knows(w)
        })
        .max_by_key(|w| (vocabulary.count(w), std::cmp::Reverse((*w).clone())))
        .cloned()
}

/// Known words one edit from `lower` that are a prefix on a common word ("teloperative" →
/// "teleoperative"): the lists hold few prefixed words, and a slip in one has no other candidate.
fn prefixed_candidates(lower: &str) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for (edit, slip) in english_words::edits1(lower) {
        // A letter replaced may make another prefix of the word ("upskill" is not "unskill"):
        // only a letter added, dropped or swapped counts.
        let replaced = edit.chars().count() == lower.chars().count()
            && edit
                .chars()
                .zip(lower.chars())
                .filter(|(a, b)| a != b)
                .count()
                == 1;
        if replaced {
            continue;
        }
        let stem = PREFIXES.iter().find_map(|p| {
            edit.strip_prefix(p)
                .filter(|rest| rest.chars().count() >= 4)
                .and_then(english_words::exact)
                .filter(|e| e.class <= 2)
        });
        if let Some(entry) = stem
            && !variant_of(lower, &edit, 1)
            && !out.iter().any(|c| c.word == edit)
        {
            out.push(Candidate {
                word: edit,
                distance: 1,
                slip,
                class: entry.class,
            });
        }
    }
    out.sort_by_key(|c| (!c.slip, c.class, c.word.clone()));
    out
}

/// Particles that a missing space glues to the next word ("infront", "ofcourse").
const GLUED_PARTICLES: &[&str] = &["as", "at", "by", "in", "of", "on", "the", "to"];

/// "in front" for "infront": a particle and a common word of four letters or more written
/// together (closed compounds such as "into" and "online" are in the lists already).
fn missing_space(lower: &str) -> Option<String> {
    GLUED_PARTICLES.iter().find_map(|p| {
        let rest = lower.strip_prefix(p)?;
        let common = rest.chars().count() >= 4
            && !FUNCTION_WORDS.contains(&rest)
            && english_words::exact(rest).is_some_and(|e| e.class <= 2);
        common.then(|| format!("{p} {rest}"))
    })
}

/// The correction of an English word misspelt in a way the known-misspellings list holds, when
/// it is one letter away ("statefull" → "stateful"): for English terms in a paragraph of another
/// language, whose dictionary does not know them either way.
fn english_misspelling(lower: &str) -> Option<Candidate> {
    let [right] = super::spelling::corrections(lower)? else {
        return None;
    };
    (lower.is_ascii()
        && crate::similarity::edit_distance(lower, right) == 1
        && english_knows(right))
    .then(|| Candidate {
        word: (*right).to_string(),
        distance: 1,
        slip: true,
        class: 1,
    })
}

/// Whether `lower` is a common English word of six letters or more with one letter replaced or
/// two swapped at or after character `from`: a slip even when it also reads as a derivation, or
/// the manuscript repeats it. A letter added or dropped, a change in the last two letters (an
/// ending: "valenced" and "valences") and s for z ("-isation") are left out.
///
/// Only the strings such a slip can come from are looked up (a letter replaced or two swapped
/// where the change is allowed), not every candidate correction of the word: the answer is the
/// same, for a few hundred look-ups instead of the tens of thousands a long unknown word's
/// two-edit candidates take.
fn substitution_slip(lower: &str, from: usize) -> bool {
    let chars: Vec<char> = lower.chars().collect();
    let length = chars.len();
    if length < 6 {
        return false;
    }
    let mut edited = chars.clone();
    let mut buffer = String::with_capacity(lower.len() + 4);
    let mut common = |v: &[char]| {
        buffer.clear();
        buffer.extend(v);
        english_words::exact(&buffer).is_some_and(|e| e.class <= 2)
    };
    // `(written, typed)`: the letter of the known word and the one in `lower` where they first
    // differ.
    let allowed = |written: char, typed: char| !matches!((written, typed), ('s', 'z') | ('z', 's'));
    // The first difference must lie at or after `from` and before the last two letters.
    for i in from..length - 2 {
        if chars[i] != chars[i + 1] && allowed(chars[i + 1], chars[i]) {
            edited.swap(i, i + 1);
            let hit = common(&edited);
            edited.swap(i, i + 1);
            if hit {
                return true;
            }
        }
        for c in 'a'..='z' {
            if c != chars[i] && allowed(c, chars[i]) {
                edited[i] = c;
                let hit = common(&edited);
                edited[i] = chars[i];
                if hit {
                    return true;
                }
            }
        }
    }
    false
}

/// Whether `word` reads as another form of the known `candidate` rather than a slip on it: two
/// edits apart with different endings ("trypanosomatids" and "trypanosomatidae", "greenday" and
/// "greedy"), or the candidate with an adjective's "-y" or a participle's "-d" added
/// ("inhalatory", "valenced").
fn variant_of(word: &str, candidate: &str, distance: u8) -> bool {
    let ending = |w: &str| w.chars().rev().take(2).collect::<String>();
    let stem = |w: &str| {
        let mut chars = w.chars();
        chars.next_back();
        chars.as_str().to_owned()
    };
    match distance {
        2 => ending(word) != ending(candidate),
        1 => {
            word.strip_prefix(candidate) == Some("y")
                || (candidate.ends_with('e') && word.strip_prefix(candidate) == Some("d"))
                // "inhalatory" and "inhalators": a plural for another ending.
                || (candidate.ends_with('s') && stem(word) == stem(candidate))
        }
        _ => false,
    }
}

/// Whether `lower`, a long unknown word, is plainly a slip on a common English word even beside
/// another unknown word (where a phrase in another language is likelier): its best candidate is
/// a common word reached by a keyboard slip ("experiemnt"), or by two letters swapped and one
/// letter added or dropped ("calcualtiong" for "calculating", "spealizie" for "specialize").
/// Words of other languages seldom sit that close to a common English word.
fn clear_english_slip(lower: &str) -> bool {
    let length = lower.chars().count();
    if length < 8 || !lower.is_ascii() {
        return false;
    }
    let letters = |w: &str| {
        let mut v: Vec<char> = w.chars().collect();
        v.sort_unstable();
        v
    };
    let Some(best) = english_words::candidates(lower)
        .into_iter()
        .find(|c| !variant_of(lower, &c.word, c.distance))
    else {
        return false;
    };
    if best.class > 2 {
        return false;
    }
    match best.distance {
        1 => best.slip,
        2 => {
            // The same letters but one: a swap and a letter added or dropped.
            let (a, b) = (letters(lower), letters(&best.word));
            let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
            long.len() == short.len() + 1 && {
                let mut rest = long.clone();
                short.iter().all(|c| {
                    rest.iter()
                        .position(|x| x == c)
                        .map(|k| rest.remove(k))
                        .is_some()
                })
            }
        }
        _ => false,
    }
}

/// How often `word` stands in `text` as a whole word (not inside a longer run of letters).
fn whole_word_count(text: &str, word: &str) -> usize {
    text.match_indices(word)
        .filter(|(at, _)| {
            let before = text[..*at].chars().next_back();
            let after = text[at + word.len()..].chars().next();
            !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic)
        })
        .count()
}

/// The names of two capitalised words in `text` ("São Paulo"): the index of the first word among
/// `tokens` and the name in lower case, its words joined by one space.
fn name_pairs(text: &str, tokens: &[Token]) -> Vec<(usize, String)> {
    tokens
        .windows(2)
        .enumerate()
        .filter(|(_, w)| {
            let between = &text[w[0].range.end..w[1].range.start];
            matches!(between, " " | "\u{a0}" | "\n")
                && w.iter().all(|t| {
                    let word = &text[t.range.clone()];
                    word.chars().count() >= 2 && case_of(word) == Case::Capitalised
                })
        })
        .map(|(i, w)| {
            let pair = format!(
                "{} {}",
                text[w[0].range.clone()].to_lowercase(),
                text[w[1].range.clone()].to_lowercase()
            );
            (i, pair)
        })
        .collect()
}

/// Whether the name `x` (written once) is a slip on the name `y` (written `uses` times): see
/// [`Vocabulary::name_slip`].
fn name_slip_of(x: &[char], y: &[char], uses: usize) -> bool {
    if x.len() == y.len() {
        let differ: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        let swapped =
            matches!(differ.as_slice(), [a, b] if *b == a + 1 && x[*a] == y[*b] && x[*b] == y[*a]);
        let accents = |w: &[char]| w.iter().filter(|c| base_letter(**c) != **c).count();
        let accent_moved = differ.len() == 2
            && differ
                .iter()
                .all(|&i| base_letter(x[i]) == base_letter(y[i]))
            && accents(x) == 1
            && accents(y) == 1;
        return x.len() >= 5 && (swapped || accent_moved);
    }
    // A letter dropped inside a long name written more than once, not one of a double letter
    // ("Philips" beside "Phillips" are two names) and not its last (a plural or a form).
    x.len() >= 7
        && y.len() == x.len() + 1
        && uses >= 2
        && (1..y.len() - 1).any(|k| {
            y[k] != y[k - 1] && y[k] != y[k + 1] && y[..k] == x[..k] && y[k + 1..] == x[k..]
        })
}

/// The letter without its accent, for the few Latin letters that carry one.
fn base_letter(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ã' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ğ' => 'g',
        'ş' => 's',
        _ => c,
    }
}

/// The word without its first letter when that letter is a capital typed twice ("SStudy",
/// "Sstate" → "Study", "State"): the rest is a common English word and the whole is not a word.
fn doubled_capital(written: &str) -> Option<String> {
    let mut chars = written.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    let rest = &written[first.len_utf8()..];
    if !first.is_ascii_uppercase()
        || second.to_ascii_uppercase() != first
        || rest.chars().skip(1).any(|c| !c.is_ascii_lowercase())
        || rest.len() < 4
    {
        return None;
    }
    let lower = rest.to_lowercase();
    let common = english_words::exact(&lower).is_some_and(|e| e.class <= 2);
    (common && !english_knows(&written.to_lowercase())).then(|| {
        let mut fixed = String::with_capacity(rest.len());
        fixed.push(first);
        fixed.push_str(&lower[1..]);
        fixed
    })
}

/// How a word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    Lower,
    /// First letter a capital, the rest lower case.
    Capitalised,
    /// Every letter a capital.
    Capitals,
    /// Capitals inside the word (`RStudio`, `DOIs`): a name or an identifier.
    Mixed,
}

fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    match (first_upper, upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Capitalised,
        (true, _, 0) => Case::Capitals,
        _ => Case::Mixed,
    }
}

/// Endings of the Latin species epithets that follow a genus ("Panstrongylus megistus",
/// "T. infestans", "C. freemani").
const EPITHET_ENDINGS: &[&str] = &[
    "i", "ae", "us", "um", "is", "ensis", "oides", "ii", "ata", "atus", "alis", "ans", "ens", "a",
];

/// Whether the word at `range` reads as a species epithet: lower case, a Latin ending, right
/// after a capitalised genus or its initial.
fn species_epithet(text: &str, range: &std::ops::Range<usize>) -> bool {
    let word = &text[range.clone()];
    if !EPITHET_ENDINGS.iter().any(|e| word.ends_with(e)) {
        return false;
    }
    let before = text[..range.start].trim_end_matches([' ', '\u{a0}', '*', '_']);
    let genus: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let genus = genus.trim_end_matches('.');
    genus.chars().next().is_some_and(char::is_uppercase)
        && genus.chars().skip(1).all(char::is_lowercase)
}

/// A word a checker could look up: long enough, with a vowel, with no inner apostrophe.
fn checkable(word: &str) -> bool {
    word.chars().count() >= 5
        && !word.contains(['\'', '’'])
        && word
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

impl UnknownWord {
    /// Whether the dictionary of the paragraph's language (English: the built-in lists) knows
    /// `written`; another language also accepts English words, which academic prose borrows,
    /// but not an English misspelling the known-misspellings list holds: "statefull" reads as
    /// "state" + "full" to the English lists, and the `misspelling` rule reads English text only.
    fn knows(&self, written: &str, lower: &str, other: Option<&Dictionaries>) -> bool {
        match other {
            None => english_knows(lower),
            Some(dictionary) => {
                dictionary.check(written)
                    || dictionary.check(lower)
                    || (english_knows(lower) && english_misspelling(lower).is_none())
            }
        }
    }
}

impl UnknownWord {
    /// The word meant by `written`, a capitalised word inside a sentence or a word of a
    /// reference entry, on the strongest evidence only ([`long_slip`]): written once or twice,
    /// not the project's, known to no installed dictionary (`languages`: the manuscript's).
    fn long_slip_here(
        &self,
        written: &str,
        lower: &str,
        vocabulary: &Vocabulary,
        languages: &[Arc<Dictionaries>],
    ) -> Option<String> {
        if !matches!(case_of(written), Case::Capitalised | Case::Lower)
            || self.words.contains(lower)
            || vocabulary.everywhere.get(lower).copied().unwrap_or(0) > 2
            || vocabulary.key_words.contains(lower)
        {
            return None;
        }
        // A word the known-misspellings list holds is that rule's to report.
        if super::spelling::corrections(lower).is_some() {
            return None;
        }
        let meant = long_slip(lower)?;
        // The manuscript's languages first, whose dictionaries are loaded already; then every
        // other installed one (a title in French in a Spanish paper's references), loaded on
        // first need.
        let knows = |d: &Dictionaries| d.check(written) || d.check(lower);
        let known = languages.iter().any(|d| knows(d))
            || self
                .files
                .keys()
                .any(|code| self.dictionary(code).is_some_and(|d| knows(&d)));
        (!known).then(|| match_case(written, &meant))
    }

    /// The tokens of a text that are the slipped word of a name of two words written right
    /// elsewhere ([`Vocabulary::pair_slip`]), by index, with the word meant in the case written.
    fn pair_slips(
        &self,
        text: &str,
        tokens: &[Token],
        vocabulary: &Vocabulary,
    ) -> HashMap<usize, String> {
        let mut out = HashMap::new();
        for (i, pair) in name_pairs(text, tokens) {
            let Some((slip, meant)) = vocabulary.pair_slip(&pair) else {
                continue;
            };
            let at = if pair.starts_with(&format!("{slip} ")) {
                i
            } else {
                i + 1
            };
            let written = &text[tokens[at].range.clone()];
            if !self.words.contains(slip) {
                out.insert(at, match_case(written, meant));
            }
        }
        out
    }

    /// The words of a keyword that are slips on a word the prose uses again and again
    /// ("indegenous" where the text writes "indigenous"): keywords vouch for their own words, so
    /// only a lower-case word written nowhere else, with a known word two edits away or less
    /// that the prose uses three times or more, is taken as a slip.
    fn keyword_slips(
        &self,
        text: &str,
        vocabulary: &Vocabulary,
        other: Option<&Dictionaries>,
    ) -> Vec<(std::ops::Range<usize>, String)> {
        let skip = SkipRanges::of(text);
        let mut out = Vec::new();
        for token in tokens(text, &skip) {
            let written = &text[token.range.clone()];
            let lower = written.to_lowercase();
            if case_of(written) != Case::Lower
                || !checkable(written)
                || self.words.contains(&lower)
                || vocabulary.everywhere.get(&lower).copied().unwrap_or(0) > 1
                || self.knows(written, &lower, other)
            {
                continue;
            }
            let knows = |w: &str| self.knows(w, w, other);
            let Some(near) = near_miss_in_document(&lower, vocabulary, &knows) else {
                continue;
            };
            let distance = crate::similarity::edit_distance(&lower, &near);
            if vocabulary.count(&near) >= 3 && (distance == 1 || lower.chars().count() >= 8) {
                out.push((token.range, near));
            }
        }
        out
    }
}

impl Check for UnknownWord {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let ms = cx.manuscript;
        if cx.memoize {
            self.memo.start_run();
        }
        let units: Vec<_> = ms
            .units_in(&self.parts)
            .map(|unit| {
                let text = unit.text.as_str();
                let read = || UnitWords::of(text, &SkipRanges::of_unit(unit));
                let words = if cx.memoize {
                    self.memo.get_or_compute(text, read)
                } else {
                    Arc::new(read())
                };
                (unit, words)
            })
            .collect();
        let vocabulary = Vocabulary::of(ms, &units);
        // Whether a repeated unknown word is a slip, asked once per word: kept between runs
        // when the rule set keeps its results.
        let mut own_slips: HashMap<String, bool> = HashMap::new();
        let mut is_slip = |lower: &str| {
            let kept = |slips: &HashMap<String, bool>| slips.get(lower).copied();
            let known = if cx.memoize {
                kept(&self.slips.lock().unwrap_or_else(|e| e.into_inner()))
            } else {
                kept(&own_slips)
            };
            if let Some(slip) = known {
                return slip;
            }
            let slip = substitution_slip(lower, 0);
            if cx.memoize {
                let mut slips = self.slips.lock().unwrap_or_else(|e| e.into_inner());
                // A bound on what a long session keeps; the answers are cheap to find again.
                if slips.len() >= 4096 {
                    slips.clear();
                }
                slips.insert(lower.to_string(), slip);
            } else {
                own_slips.insert(lower.to_string(), slip);
            }
            slip
        };
        // The whole source in lower case, made when a word is first about to be reported.
        let source_lower = std::cell::OnceCell::new();
        let mut findings = Vec::new();
        // Words of text in a language with no dictionary, by language.
        let mut unchecked: BTreeMap<LangCode, usize> = BTreeMap::new();
        let mut english_known: HashMap<String, bool> = HashMap::new();
        // Repeated words reported once already.
        let mut reported: HashSet<String> = HashSet::new();
        // The dictionaries of the manuscript's other languages: an English paragraph of a
        // bilingual paper quotes titles and terms in them ("Todas as vezes que dissemos adeus").
        let codes: BTreeSet<LangCode> = units
            .iter()
            .filter_map(|(unit, _)| unit.language())
            .chain(ms.language)
            .filter(|code| *code != "en")
            .collect();
        let document_languages: Vec<Arc<Dictionaries>> = codes
            .into_iter()
            .filter_map(|code| self.dictionary(code))
            .collect();
        for (unit, unit_words) in &units {
            let code = unit.language().or(ms.language).unwrap_or("en");
            let other = if code == "en" {
                None
            } else {
                match self.dictionary(code) {
                    Some(d) => Some(d),
                    None => {
                        *unchecked.entry(code).or_default() +=
                            unit.text.as_str().split_whitespace().count();
                        continue;
                    }
                }
            };
            let other = other.as_deref();
            let text = unit.text.as_str();
            let heading = matches!(unit.part, Part::Heading | Part::Title);
            let words = &unit_words.tokens;
            // Whether the paragraph's dictionary knows each word (names and identifiers count as
            // known), and whether the manuscript or the project vouches for it.
            let in_dictionary: std::borrow::Cow<'_, [bool]> = match other {
                None => unit_words.english(text, &mut english_known).into(),
                Some(_) => words
                    .iter()
                    .zip(&unit_words.lower)
                    .map(|(t, lower)| {
                        let written = strip_possessive(&text[t.range.clone()]);
                        case_of(written) == Case::Mixed || self.knows(written, lower, other)
                    })
                    .collect::<Vec<bool>>()
                    .into(),
            };
            // A paragraph the dictionary mostly does not know is in another language (a quotation,
            // a title, a paragraph whose language was not detected).
            let long: Vec<bool> = words
                .iter()
                .map(|t| text[t.range.clone()].chars().count() >= 4)
                .collect();
            let long_words = long.iter().filter(|l| **l).count();
            let long_known = (0..words.len())
                .filter(|&i| long[i] && in_dictionary[i])
                .count();
            if long_words >= 6 && 2 * long_known < long_words {
                continue;
            }
            // Whether the nearest word of four letters or more on that side is a lower-case word
            // the dictionary does not know.
            let lower_unknown = |j: usize| {
                long[j]
                    && !in_dictionary[j]
                    && case_of(&text[words[j].range.clone()]) == Case::Lower
            };
            // "Registers.xslx": a file name with a slip in its extension.
            let skip = SkipRanges::of_unit(unit);
            for (range, meant) in extension_slips(text) {
                let span = unit.text.to_source(range.clone());
                if !skip.overlaps(&range) && cx.room_for(findings.len(), &span) {
                    findings.push(finding(span, &text[range], meant));
                }
            }
            let pair_slips = self.pair_slips(text, words, &vocabulary);
            for (i, token) in words.iter().enumerate() {
                // "São Pulo" beside "São Paulo": a slip in a name of two words.
                if let Some(meant) = pair_slips.get(&i) {
                    let written = &text[token.range.clone()];
                    let span = unit.text.to_source(token.range.clone());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, meant));
                    }
                    continue;
                }
                // "SStudy", "Sstate": a capital typed twice.
                if other.is_none()
                    && let Some(fixed) = doubled_capital(&text[token.range.clone()])
                {
                    let written = &text[token.range.clone()];
                    let span = unit.text.to_source(token.range.clone());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &fixed));
                    }
                    continue;
                }
                // "introduzí-la", "utilizálo": an infinitive before an enclitic pronoun misspelt.
                if code == "pt"
                    && let Some(dictionary) = other
                    && let Some(fixed) = enclitic_slip(
                        &text[token.range.clone()],
                        &text[token.range.end..],
                        in_dictionary[i],
                        dictionary,
                    )
                {
                    let written = &text[token.range.clone()];
                    let span = unit.text.to_source(token.range.clone());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &fixed));
                    }
                    continue;
                }
                // "pré definidas": a prefix written apart from the word it joins.
                if let Some(dictionary) = other
                    && let Some(next) = words.get(i + 1)
                    && text[token.range.end..next.range.start] == *" "
                    && !text[..token.range.start].ends_with('-')
                    && (case_of(&text[token.range.clone()]) == Case::Lower || token.sentence_start)
                    && let Some(fixed) = prefix_apart(
                        &unit_words.lower[i],
                        &text[next.range.clone()],
                        code == "pt",
                        dictionary,
                    )
                {
                    let span = token.range.start..next.range.end;
                    let written = &text[span.clone()];
                    let source = unit.text.to_source(span);
                    if cx.room_for(findings.len(), &source) {
                        findings.push(finding(source, written, &match_case(written, &fixed)));
                    }
                    continue;
                }
                if in_dictionary[i] {
                    continue;
                }
                let written = strip_possessive(&text[token.range.clone()]);
                let lower = written.to_lowercase();
                // A name written once, a slip on one the manuscript writes elsewhere: reported
                // before names are taken as vouched for.
                if case_of(written) == Case::Capitalised
                    && checkable(written)
                    && !self.words.contains(&lower)
                    && let Some(name) = vocabulary.name_slip(&lower)
                {
                    let span = unit
                        .text
                        .to_source(token.range.start..token.range.start + written.len());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &match_case(written, name)));
                    }
                    continue;
                }
                // A capitalised word the rule does not otherwise read (a name, as a rule) that is
                // plainly a slip on a common English word ("Inernational").
                if case_of(written) == Case::Capitalised
                    && !(other.is_none() && (token.sentence_start || heading))
                    && let Some(meant) =
                        self.long_slip_here(written, &lower, &vocabulary, &document_languages)
                {
                    let span = unit
                        .text
                        .to_source(token.range.start..token.range.start + written.len());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &meant));
                    }
                    continue;
                }
                if !checkable(written)
                    || (other.is_none() && !lower.is_ascii())
                    || self.words.contains(&lower)
                    || vocabulary.vouched.contains(&lower)
                {
                    continue;
                }
                // A word the author uses again and again is their term, unless it is a common
                // English word with a letter replaced: a misspelling repeated ("prevalance").
                // A Portuguese prefix that does not double the "r" or "s" after it breaks a
                // spelling rule, however often the word is written ("criptosistema").
                let undoubled = match other {
                    Some(dictionary) if code == "pt" => prefix_not_doubled(&lower, dictionary),
                    _ => None,
                };
                let repeated = vocabulary.count(&lower) >= self.vouch_count;
                if repeated && undoubled.is_none() && (other.is_some() || !is_slip(&lower)) {
                    continue;
                }
                // Two unknown words in a row are a phrase in another language.
                let previous = (0..i).rev().find(|&j| long[j]);
                let next = (i + 1..words.len()).find(|&j| long[j]);
                if (previous.is_some_and(lower_unknown) || next.is_some_and(lower_unknown))
                    && !(other.is_none() && clear_english_slip(&lower))
                {
                    continue;
                }
                // A word with its citation right after it names a method or a tool ("fista
                // [@Lylloff2015]", "umap [12]").
                let after = text[token.range.end..].trim_start_matches([' ', '\u{a0}']);
                if after.starts_with(['\u{FFFC}', '[']) {
                    continue;
                }
                // Names are capitalised inside a sentence and acronyms are in capitals: only a
                // capital at the start of a sentence or in a heading is the word's own.
                let case = case_of(written);
                // In other languages a capital says nothing galley can weigh (no word
                // frequencies), and a word joined by a hyphen may be a clitic form
                // ("publicá-lo"): only lower-case words standing alone are checked.
                let hyphenated = text[..token.range.start].ends_with('-')
                    || text[token.range.end..].starts_with('-');
                if other.is_some() && (case != Case::Lower || hyphenated) {
                    continue;
                }
                let allowed = match case {
                    Case::Lower => !species_epithet(text, &token.range),
                    Case::Capitalised => token.sentence_start || heading,
                    Case::Capitals => heading && written.chars().count() >= 6,
                    Case::Mixed => false,
                };
                if !allowed {
                    continue;
                }
                if other.is_none() && super::spelling::corrections(&lower).is_some() {
                    // The known-misspellings rule reports it, with its own correction.
                    continue;
                }
                let candidates: Vec<Candidate> = match other {
                    None => {
                        let found: Vec<Candidate> = english_words::candidates(&lower)
                            .into_iter()
                            .filter(|c| !variant_of(&lower, &c.word, c.distance))
                            .collect();
                        if found.is_empty() {
                            prefixed_candidates(&lower)
                        } else {
                            found
                        }
                    }
                    // With no word frequencies to weigh, a word of another language counts as a
                    // typo only for a slip of the keyboard or a word the manuscript itself uses.
                    // An ending added or dropped is an inflection the dictionary may lack
                    // ("superávits"), not a typo. An English term the paragraph borrows counts
                    // when it is a known misspelling one letter from its word ("statefull").
                    Some(dictionary) => {
                        let close = hunspell_candidates(&lower, dictionary);
                        let lone = lone_vowel_slip(&lower, &close);
                        english_misspelling(&lower)
                            .into_iter()
                            .chain(
                                close
                                    .into_iter()
                                    .filter(|c| c.slip || vocabulary.count(&c.word) > 0)
                                    .filter(|c| {
                                        !c.word.starts_with(&lower) && !lower.starts_with(&c.word)
                                    }),
                            )
                            .chain(lone)
                            .chain(syllable_dropped(&lower, dictionary))
                            .chain(syllable_repeated(&lower, dictionary))
                            .chain(undoubled.clone())
                            .collect()
                    }
                };
                let best = best(&candidates, &vocabulary);
                // A capitalised word may be a name ("Zhang", not "hang"): only a keyboard slip on a
                // common word counts.
                let suggestion = match (case, best) {
                    (Case::Lower, Some(c)) => Some(c.word.clone()),
                    (_, Some(c)) if c.distance == 1 && c.class <= 2 && c.slip => {
                        Some(c.word.clone())
                    }
                    (Case::Lower, None) if other.is_none() => {
                        let knows = |w: &str| self.knows(w, w, other);
                        near_miss_in_document(&lower, &vocabulary, &knows)
                            .or_else(|| missing_space(&lower))
                    }
                    _ => None,
                };
                let Some(suggestion) = suggestion else {
                    continue;
                };
                if other.is_none()
                    && document_languages
                        .iter()
                        .any(|d| d.check(written) || d.check(&lower))
                {
                    continue;
                }
                // A word the source also holds outside the prose checked here is an identifier:
                // a package in a code chunk (`library(stringr)`), a format in the front matter.
                // A listed English misspelling is never right: a label or a file named after it
                // repeats the slip ("\label{statefull}").
                let listed = other.is_some() && english_misspelling(&lower).is_some();
                let source = source_lower.get_or_init(|| cx.document.text.to_lowercase());
                if !listed && whole_word_count(source, &lower) > vocabulary.count(&lower) {
                    continue;
                }
                let span = unit
                    .text
                    .to_source(token.range.start..token.range.start + written.len());
                if !cx.room_for(findings.len(), &span) {
                    continue;
                }
                // A spelling rule broken again and again is reported where first broken.
                if repeated && undoubled.is_some() && !reported.insert(lower.clone()) {
                    continue;
                }
                findings.push(finding(span, written, &match_case(written, &suggestion)));
            }
        }
        // Reference entries hold names and titles in any language: only a capital typed twice,
        // a slip in a name of two words written right elsewhere, and a long word plainly a slip
        // on a common English word are read there.
        if !self.parts.contains(&Part::References) {
            for unit in ms.units_in(&[Part::References]) {
                let text = unit.text.as_str();
                let found = tokens(text, &SkipRanges::of_unit(unit));
                let pair_slips = self.pair_slips(text, &found, &vocabulary);
                for (i, token) in found.iter().enumerate() {
                    let written = strip_possessive(&text[token.range.clone()]);
                    let lower = written.to_lowercase();
                    let Some(meant) = pair_slips
                        .get(&i)
                        .cloned()
                        .or_else(|| doubled_capital(written))
                        .or_else(|| {
                            self.long_slip_here(written, &lower, &vocabulary, &document_languages)
                        })
                    else {
                        continue;
                    };
                    if self.words.contains(&lower) {
                        continue;
                    }
                    let span = unit
                        .text
                        .to_source(token.range.start..token.range.start + written.len());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &meant));
                    }
                }
            }
        }
        for list in &ms.keywords {
            let code = list.language.or(ms.language).unwrap_or("en");
            let other = if code == "en" {
                None
            } else {
                match self.dictionary(code) {
                    Some(d) => Some(d),
                    None => continue,
                }
            };
            for item in &list.items {
                for (range, suggestion) in
                    self.keyword_slips(item.as_str(), &vocabulary, other.as_deref())
                {
                    let written = &item.as_str()[range.clone()];
                    let span = item.to_source(range.clone());
                    if cx.room_for(findings.len(), &span) {
                        findings.push(finding(span, written, &suggestion));
                    }
                }
            }
        }
        // A paragraph or two detected in a language is often a misdetection or a quotation; a
        // language worth naming holds a few hundred words.
        unchecked.retain(|_, words| *words >= UNCHECKED_WORDS);
        if !unchecked.is_empty() {
            let mut set = UNCHECKED.lock().unwrap_or_else(|e| e.into_inner());
            set.extend(unchecked.into_keys());
        }
        findings
    }
}

/// The finding for `written` at `span`, with its likely correction.
fn finding(span: std::ops::Range<usize>, written: &str, suggestion: &str) -> Finding {
    Finding::at(span)
        .arg("word", written)
        .arg("suggestion", suggestion)
        .replace_with(suggestion.to_string(), Applicability::Unsafe)
}

/// The note for languages no dictionary covered in a run, if any.
pub fn unchecked_note(codes: &[LangCode]) -> Option<String> {
    if codes.is_empty() {
        return None;
    }
    let names: Vec<String> = codes
        .iter()
        .map(|c| format!("{} ({c})", language::name(c)))
        .collect();
    Some(format!(
        "note: spelling not checked in {}: no Hunspell dictionary installed for {} (see the README)",
        names.join(", "),
        if codes.len() == 1 { "it" } else { "them" }
    ))
}

#[cfg(test)]
mod tests {
    use super::other_languages::same_sound;
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text, &SkipRanges::of(text))
            .into_iter()
            .map(|t| &text[t.range])
            .collect()
    }

    #[test]
    fn code_paths_numbers_and_file_names_are_not_words() {
        assert_eq!(
            words("See data.csv, x_1 and 3rd items in src/main and well-known ones."),
            ["See", "and", "items", "in", "and", "well", "known", "ones"]
        );
    }

    #[test]
    fn prefixed_and_suffixed_known_words_are_known() {
        assert!(english_knows("nonlinear"));
        assert!(english_knows("resampled"));
        assert!(english_knows("stepwise"));
        assert!(!english_knows("coeffcients"));
    }

    /// The definition [`substitution_slip`] computes faster: a same-length candidate correction
    /// one edit away, common, whose first difference lies in the allowed place.
    fn substitution_slip_by_candidates(lower: &str, from: usize) -> bool {
        let length = lower.chars().count();
        let inside = |word: &str| {
            let difference = word
                .chars()
                .zip(lower.chars())
                .enumerate()
                .find(|(_, (a, b))| a != b);
            difference.is_some_and(|(i, pair)| {
                i >= from && i + 2 < length && !matches!(pair, ('s', 'z') | ('z', 's'))
            })
        };
        length >= 6
            && english_words::candidates(lower).iter().any(|c| {
                c.distance == 1
                    && c.class <= 2
                    && c.word.chars().count() == length
                    && inside(&c.word)
            })
    }

    #[test]
    fn substitution_slips_are_found_as_the_candidates_say() {
        let words = [
            "prevalance",
            "prevalence",
            "coeffcients",
            "statisitcal",
            "normalisation",
            "normalizaton",
            "valenced",
            "valences",
            "reserach",
            "reseacrh",
            "experiemnt",
            "resampled",
            "untrusted",
            "prepending",
            "methodolgy",
            "analysys",
            "analysiz",
            "organisation",
            "organizasion",
            "hypotesis",
            "paramter",
            "modle",
            "tabel",
            "clasification",
            "signficant",
            "significamt",
            "boxplots",
            "finegrained",
            "échantillon",
            "naïveté",
        ];
        let mut slips = 0;
        for word in words {
            for from in [0, 2, 3, 5] {
                let expected = substitution_slip_by_candidates(word, from);
                assert_eq!(
                    substitution_slip(word, from),
                    expected,
                    "{word} from {from}"
                );
                slips += usize::from(expected);
            }
        }
        assert!(slips > 0, "some of the words are slips");
    }

    fn chars(word: &str) -> Vec<char> {
        word.chars().collect()
    }

    #[test]
    fn a_name_written_once_is_a_slip_on_a_name_it_nearly_matches() {
        // Two letters swapped, an accent on the wrong vowel.
        assert!(name_slip_of(&chars("artuad"), &chars("artaud"), 1));
        assert!(name_slip_of(&chars("gráuna"), &chars("graúna"), 14));
        // A letter dropped from a long name the manuscript writes more than once.
        assert!(name_slip_of(&chars("bakhtinina"), &chars("bakhtiniana"), 4));
        assert!(!name_slip_of(
            &chars("bakhtinina"),
            &chars("bakhtiniana"),
            1
        ));
        // Two spellings of two names: a double letter, an ending, another letter, an accent
        // left out.
        assert!(!name_slip_of(&chars("philips"), &chars("phillips"), 5));
        assert!(!name_slip_of(&chars("stephen"), &chars("stephens"), 5));
        assert!(!name_slip_of(&chars("hansen"), &chars("hanson"), 5));
        assert!(!name_slip_of(&chars("jose"), &chars("josé"), 5));
        assert!(!name_slip_of(&chars("muller"), &chars("müller"), 5));
    }

    #[test]
    fn a_capital_typed_twice_is_a_slip() {
        assert_eq!(doubled_capital("SStudy").as_deref(), Some("Study"));
        assert_eq!(doubled_capital("Sstate").as_deref(), Some("State"));
        assert_eq!(doubled_capital("Llama"), None);
        assert_eq!(doubled_capital("Lloyd"), None);
        assert_eq!(doubled_capital("SSTUDY"), None);
        assert_eq!(doubled_capital("Study"), None);
    }

    #[test]
    fn spellings_by_ear_are_slips() {
        assert!(same_sound('g', 'j', Some('i')));
        assert!(!same_sound('g', 'j', Some('a')));
        assert!(same_sound('n', 'm', None));
        assert!(!same_sound('n', 'm', Some('a')));
        assert!(!same_sound('t', 'd', None));
    }

    #[test]
    fn the_supplements_are_sorted_unique_and_lower_case() {
        for list in [SPANISH, PORTUGUESE] {
            let words: Vec<&str> = list.lines().collect();
            assert!(words.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
            assert!(
                words
                    .iter()
                    .all(|w| !w.is_empty() && w.to_lowercase() == *w && !w.contains(' '))
            );
        }
    }

    #[test]
    fn a_particle_glued_to_a_common_word_is_a_missing_space() {
        assert_eq!(missing_space("infront").as_deref(), Some("in front"));
        assert_eq!(missing_space("ofcourse").as_deref(), Some("of course"));
        assert_eq!(missing_space("inthe"), None);
        assert_eq!(missing_space("inflammation"), None);
        assert_eq!(missing_space("instrumentalization"), None);
    }

    #[test]
    fn a_slip_in_a_prefixed_word_finds_the_prefixed_word() {
        let found = prefixed_candidates("teloperative");
        assert_eq!(
            found.first().map(|c| c.word.as_str()),
            Some("teleoperative")
        );
        // A letter replaced would make another prefix.
        assert!(prefixed_candidates("upskill").is_empty());
    }

    #[test]
    fn english_misspellings_one_letter_off_are_found_in_other_languages() {
        assert_eq!(
            english_misspelling("statefull").map(|c| c.word),
            Some("stateful".to_string())
        );
        assert_eq!(
            english_misspelling("bootstraping").map(|c| c.word),
            Some("bootstrapping".to_string())
        );
        assert!(english_misspelling("stateful").is_none());
    }

    #[test]
    fn an_accent_on_the_wrong_vowel_is_a_slip() {
        let dictionary = Dictionary::new("SET UTF-8\n", "2\nindivíduos\nanálise\n").unwrap();
        let dictionaries = Dictionaries {
            all: vec![Arc::new(dictionary)],
            supplement: "",
        };
        let found = hunspell_candidates("indíviduos", &dictionaries);
        assert!(
            found.iter().any(|c| c.word == "indivíduos" && c.slip),
            "{found:?}"
        );
        assert!(
            hunspell_candidates("análise", &dictionaries)
                .iter()
                .all(|c| c.word != "análise")
        );
    }

    #[test]
    fn portuguese_enclitic_infinitives_are_checked() {
        let dictionary =
            Dictionary::new("SET UTF-8\n", "3\nintroduzir\nutilizar\npossuir\n").unwrap();
        let dictionaries = Dictionaries {
            all: vec![Arc::new(dictionary)],
            supplement: "",
        };
        let slip = |word: &str, after: &str| enclitic_slip(word, after, false, &dictionaries);
        assert_eq!(
            slip("introduzí", "-la na urna").as_deref(),
            Some("introduzi")
        );
        assert_eq!(slip("utilizálo", " nos").as_deref(), Some("utilizá-lo"));
        assert_eq!(slip("introduzílas", ".").as_deref(), Some("introduzi-las"));
        assert_eq!(slip("possuí", "-lo"), None);
        assert_eq!(slip("utilizá", "-lo"), None);
        assert_eq!(slip("introduzi", "-la"), None);
        assert_eq!(slip("introduzí", "-lado"), None);
        assert_eq!(slip("escala", " "), None);
    }

    #[test]
    fn a_long_slip_on_a_common_word_stands_out_beside_another_unknown_word() {
        assert!(clear_english_slip("calcualtiong"));
        assert!(!clear_english_slip("quominus"));
        assert!(!clear_english_slip("obstat"));
    }

    #[test]
    fn long_words_of_other_languages_trust_a_like_vowel_or_a_dropped_syllable() {
        let dictionary =
            Dictionary::new("SET UTF-8\n", "3\ndestoantes\ndistantes\ncompetitividad\n").unwrap();
        let dictionaries = Dictionaries {
            all: vec![Arc::new(dictionary)],
            supplement: "",
        };
        let close = hunspell_candidates("distoantes", &dictionaries);
        assert_eq!(
            lone_vowel_slip("distoantes", &close).map(|c| c.word),
            Some("destoantes".to_string())
        );
        let close = hunspell_candidates("distantis", &dictionaries);
        assert!(lone_vowel_slip("distantis", &close).is_none());
        assert_eq!(
            syllable_dropped("competividad", &dictionaries).map(|c| c.word),
            Some("competitividad".to_string())
        );
        assert!(syllable_dropped("competitivo", &dictionaries).is_none());
    }

    #[test]
    fn portuguese_prefixes_double_r_and_s_and_repeated_syllables_are_slips() {
        let dictionary =
            Dictionary::new("SET UTF-8\n", "4\nsistema\nrelação\ncolaboração\nsocial\n").unwrap();
        let dictionaries = Dictionaries {
            all: vec![Arc::new(dictionary)],
            supplement: "",
        };
        let doubled = |w: &str| prefix_not_doubled(w, &dictionaries).map(|c| c.word);
        assert_eq!(doubled("criptosistema").as_deref(), Some("criptossistema"));
        assert_eq!(doubled("corelação").as_deref(), Some("correlação"));
        assert_eq!(doubled("antissocial"), None);
        assert_eq!(doubled("cripto"), None);
        assert_eq!(
            syllable_repeated("colaraboração", &dictionaries).map(|c| c.word),
            Some("colaboração".to_string())
        );
        assert!(syllable_repeated("colaboração", &dictionaries).is_none());
    }

    #[test]
    fn case_follows_the_written_word() {
        assert_eq!(match_case("Coeffcients", "coefficients"), "Coefficients");
        assert_eq!(match_case("STATISITCAL", "statistical"), "STATISTICAL");
    }
}
