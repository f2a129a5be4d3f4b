//! Consistency across the whole manuscript: one word written two ways.
//!
//! `spelling-variants` groups the words of the manuscript by a key that erases the differences
//! between British and American spelling (-our/-or, -re/-er, -ence/-ense, -ise/-ize, -yse/-yze,
//! -ogue/-og, doubled l before a suffix) and between hyphenated, open and closed compounds
//! (decision-making / decision making, e-mail / email); a key written in two forms is reported
//! once, at the first occurrence of the less frequent form, with the counts of each.
//! `acronym-case` reports an acronym written in capitals and also in another case (NATO / Nato).

use std::collections::HashMap;

// Looked up once or twice per word of the manuscript: a fast hash, not a DoS-resistant one
// (the keys are words of the user's own manuscript).
use foldhash::{HashMap as FastMap, HashSet as FastSet};
use std::ops::Range;

use serde::Deserialize;

use super::{Check, Context, LanguageScope, SkipRanges};
use crate::diagnostic::Finding;
use crate::manuscript::{Manuscript, Part, Unit};

/// Words that make "closed vs open" pairs legitimately different (maybe / may be, into / in to).
/// Each list is sorted: it is searched by bisection.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "each", "every", "for", "from", "had", "has", "have", "he", "her", "his", "if", "in",
    "into", "is", "it", "its", "may", "more", "most", "no", "not", "of", "on", "one", "or", "our",
    "out", "she", "so", "some", "than", "that", "the", "their", "them", "there", "these", "they",
    "this", "those", "to", "up", "was", "we", "were", "what", "when", "where", "which", "who",
    "will", "with", "would", "you",
];

/// Second words that make a verb and its particle ("shut down") next to a noun ("shutdown").
const PARTICLES: &[&str] = &["away", "back", "down", "off", "out", "over", "through"];
/// First words that make an adjective and its noun ("new line") next to a term ("newline").
const OPEN_FIRST: &[&str] = &[
    "free", "full", "high", "low", "new", "old", "real", "self", "top", "well",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    #[serde(default = "prose")]
    parts: Vec<Part>,
}

fn prose() -> Vec<Part> {
    vec![Part::Title, Part::Abstract, Part::Heading, Part::Body]
}

/// A word occurrence: its source span, its place in the unit's text, and its text.
#[derive(Clone)]
struct Occurrence<'a> {
    span: Range<usize>,
    local: Range<usize>,
    text: &'a str,
}

/// The units a check reads: in its parts and language scope.
fn units_of<'a>(
    ms: &'a Manuscript,
    parts: &'a [Part],
    scope: &'a LanguageScope,
) -> impl Iterator<Item = &'a Unit> + 'a {
    ms.units_in(parts).filter(move |u| scope.includes(u, ms))
}

/// The words of one unit, in order. Words that touch a period, slash, underscore, digit, `@` or
/// `::` (file names, paths, identifiers, addresses) are left out. The words are produced one at a
/// time, so even a manuscript of one enormous paragraph is never held as a list of words.
fn words_of(unit: &Unit) -> impl Iterator<Item = Occurrence<'_>> {
    let text = unit.text.as_str();
    let skip = SkipRanges::of_unit(unit);
    let code_like = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_digit() || matches!(c, '_' | '/' | '@' | '\\'))
    };
    let mut chars = text.char_indices().peekable();
    let mut done = false;
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        while !done {
            let next = chars.next();
            done = next.is_none();
            let (i, c) = next.unwrap_or((text.len(), ' '));
            let joins =
                c == '-' && start.is_some() && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
            if next.is_some() && (c.is_alphabetic() || joins) {
                start.get_or_insert(i);
                continue;
            }
            let Some(s) = start.take() else { continue };
            let before = text[..s].chars().next_back();
            // "name.ext" or ".ext": a period between a word and a letter or digit.
            let after_next = text[(i + c.len_utf8()).min(text.len())..].chars().next();
            let before_previous = before.and_then(|b| text[..s - b.len_utf8()].chars().next_back());
            let file_like = (c == '.' && after_next.is_some_and(char::is_alphanumeric))
                || (before == Some('.') && before_previous.is_some_and(char::is_alphanumeric));
            // "VGAM::clogloglink", "std::fmt": a path of code.
            let code_path = text[..s].ends_with("::") || text[i..].starts_with("::");
            if !code_like(before)
                && !code_like(Some(c))
                && !file_like
                && !code_path
                && !skip.contains(s)
            {
                return Some(Occurrence {
                    span: unit.text.to_source(s..i),
                    local: s..i,
                    text: &text[s..i],
                });
            }
        }
        None
    })
}

/// Whether `range` of `text` is all that stands between a pair of quotation marks. A form that
/// is only ever quoted so is a string being talked about ("keeping the space (“green day”) or
/// removing it (“greenday”)"), not a use of it; one also written unquoted is a term in scare
/// quotes ("a stream that is “off-network”").
fn quoted_alone(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_some_and(|c| matches!(c, '“' | '‘' | '"' | '\'' | '`' | '«' | '„'))
        && after.is_some_and(|c| matches!(c, '”' | '’' | '"' | '\'' | '»' | '“'))
}

/// How a written form is used: as a name ("N-Sink", "SigningKey", "the Land Cover Dataset") or
/// as an ordinary word ("a signing key").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Usage {
    /// Capitalised inside a sentence, or with a capital after a lowercase letter (an
    /// identifier such as `registerMap`).
    Name,
    /// Starting in lowercase.
    Plain,
    /// Capitalised where any word is (a sentence's start, a heading): says nothing.
    Either,
}

/// Whether `word` has a capital after a lowercase letter: an identifier ("CallFrame",
/// "localStorage") or a brand, not a spelling of an ordinary word.
fn camel_case(word: &str) -> bool {
    let mut previous_lower = false;
    for c in word.chars() {
        if c.is_uppercase() && previous_lower {
            return true;
        }
        previous_lower = c.is_lowercase();
    }
    false
}

/// The CRediT roles of one word ("Conceptualization", "Visualization"), by spelling key: names
/// of a taxonomy, spelled the taxonomy's way whatever the manuscript's convention.
fn credit_role_keys() -> &'static FastSet<String> {
    static KEYS: std::sync::OnceLock<FastSet<String>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::desk::statements::credit()
            .roles
            .iter()
            .map(|(role, _)| role.to_lowercase())
            .filter(|role| !role.contains(' '))
            .map(|role| spelling_key(&role))
            .collect()
    })
}

/// Each word of a unit with the two that follow it.
fn with_next_two<'a>(
    mut words: impl Iterator<Item = Occurrence<'a>>,
) -> impl Iterator<Item = [Option<Occurrence<'a>>; 3]> {
    let mut window: [Option<Occurrence<'a>>; 3] = [None, words.next(), words.next()];
    std::iter::from_fn(move || {
        window.rotate_left(1);
        window[2] = words.next();
        window[0].is_some().then(|| window.clone())
    })
}

/// A spelling key that British and American forms of a word share; `word` is lowercase.
fn spelling_key(word: &str) -> String {
    let mut w = word.replace('-', "");
    const SUFFIXES: &[(&str, &str)] = &[
        ("isation", "ization"),
        ("isations", "izations"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("yses", "yzes"),
        ("ysing", "yzing"),
        ("ence", "ense"),
        ("ences", "enses"),
        ("ogue", "og"),
        ("ogues", "ogs"),
        ("elled", "eled"),
        ("elling", "eling"),
        ("eller", "eler"),
        ("ellers", "elers"),
        ("tre", "ter"),
        ("tres", "ters"),
        ("bre", "ber"),
        ("bres", "bers"),
    ];
    for (british, american) in SUFFIXES {
        if let Some(stem) = w.strip_suffix(british)
            && stem.chars().count() >= 3
        {
            w = format!("{stem}{american}");
            break;
        }
    }
    // -our → -or inside or at the end of a word (colour, behaviour, favourable, labour). Only
    // forms that both occur in the text are ever compared, so "four" / "for" cannot meet.
    if let Some(at) = w.rfind("our").filter(|&at| at >= 2) {
        w.replace_range(at..at + 3, "or");
    }
    w
}

/// Spelling conventions that run across words. A manuscript that writes "organization" and
/// "summarize" follows the -ize convention, and "generalises" in it breaks that convention even
/// when "generalizes" never appears. Each convention is judged on its own, so Oxford spelling
/// ("organize" with "analyse", "colour" and "modelling") mixes none of them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Convention {
    /// organise / organize
    Ize,
    /// analyse / analyze
    Yze,
    /// modelling / modeling
    DoubledL,
    /// colour / color
    Our,
}

impl Convention {
    /// How the British and the American form are named in messages.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Convention::Ize => ("-ise", "-ize"),
            Convention::Yze => ("-yse", "-yze"),
            Convention::DoubledL => ("-ll-", "-l-"),
            Convention::Our => ("-our", "-or"),
        }
    }
}

/// Verbs ending in an unstressed -el or -al: British spelling doubles the l before -ed, -ing and
/// -er ("modelled"), American spelling does not ("modeled"). Verbs that double in both
/// ("compelled", "spelled") are not listed.
const DOUBLING_L: &[&str] = &[
    "barrel", "bevel", "cancel", "channel", "chisel", "counsel", "cudgel", "dial", "duel",
    "enamel", "equal", "fuel", "funnel", "grovel", "initial", "jewel", "kennel", "label", "level",
    "libel", "marvel", "model", "parcel", "pedal", "pencil", "quarrel", "ravel", "revel", "rival",
    "shovel", "signal", "snorkel", "stencil", "tassel", "total", "travel", "tunnel", "yodel",
];

/// Stems written -our in British and -or in American spelling; "rigorous", "humorous",
/// "honorary" and "laboratory" are the same in both and take none of the endings below.
const OUR_STEMS: &[&str] = &[
    "ardo", "armo", "behavio", "cando", "clamo", "colo", "endeavo", "favo", "fervo", "flavo",
    "harbo", "hono", "humo", "labo", "neighbo", "odo", "parlo", "rumo", "savio", "splendo", "tumo",
    "valo", "vapo", "vigo",
];
const OUR_ENDINGS: &[&str] = &[
    "", "s", "al", "ally", "ed", "ing", "ful", "fully", "able", "ably", "ite", "ites", "er", "ers",
    "hood", "hoods", "less",
];

/// Whether a British -ise verb (given by its stem: "organ" for "organise") has an American -ize
/// form: the productive -ise endings (-alise, -arise, -nise, -imise, -itise, -icise, -ogise…)
/// and not the words that are -ise everywhere ("advertise", "compromise", "exercise",
/// "surprise", "treatise", "expertise").
fn ise_has_ize_form(stem: &str) -> bool {
    if stem.chars().count() < 3 || matches!(stem, "val" | "cer" | "den" | "treat") {
        return false;
    }
    const ENDINGS: &[&str] = &[
        "al", "il", "ol", "ul", "yl", "ar", "or", "er", "n", "im", "ym", "om", "s", "it", "at",
        "et", "ot", "ic", "og", "rd", "id",
    ];
    ENDINGS.iter().any(|e| stem.ends_with(e)) && !stem.ends_with("rom")
}

/// Whether an American -ize verb (given by its stem) is a spelling variant rather than "size",
/// "prize", "seize" or a compound of "size" ("downsize", "resize").
fn ize_has_ise_form(stem: &str) -> bool {
    stem.chars().count() >= 3
        && !(stem.ends_with('s') && !stem.ends_with("as") && !stem.ends_with("es"))
        && stem != "res"
}

/// The convention a word (lowercase) follows, and whether its form is the British one.
fn convention(word: &str) -> Option<(Convention, bool)> {
    for (british, american, bases) in [
        (
            "is",
            "iz",
            ["e", "ed", "es", "ing", "ation", "ations", "er", "ers"].as_slice(),
        ),
        ("ys", "yz", ["e", "ed", "ing", "er", "ers"].as_slice()),
    ] {
        for ending in bases {
            for (infix, is_british) in [(british, true), (american, false)] {
                // No allocation here: this runs for every word of the manuscript.
                let Some(stem) = word
                    .strip_suffix(ending)
                    .and_then(|rest| rest.strip_suffix(infix))
                else {
                    continue;
                };
                if infix.starts_with('y') {
                    if stem.ends_with('l') && stem.chars().count() >= 3 {
                        return Some((Convention::Yze, is_british));
                    }
                    continue;
                }
                let fits = if is_british {
                    ise_has_ize_form(stem)
                } else {
                    ize_has_ise_form(stem)
                };
                if fits {
                    return Some((Convention::Ize, is_british));
                }
            }
        }
        // "analyzes" is American; "analyses" may be the plural of "analysis", so it says nothing.
        if british == "ys"
            && let Some(stem) = word.strip_suffix("yzes")
            && stem.ends_with('l')
            && stem.chars().count() >= 3
        {
            return Some((Convention::Yze, false));
        }
    }
    for base in DOUBLING_L {
        for ending in ["ed", "ing", "er", "ers"] {
            let Some(rest) = word.strip_suffix(ending) else {
                continue;
            };
            if rest.strip_suffix('l').is_some_and(|r| r.ends_with(base)) {
                return Some((Convention::DoubledL, true));
            }
            if rest.ends_with(base) {
                return Some((Convention::DoubledL, false));
            }
        }
    }
    // "humoral" (immunity) is spelled so everywhere.
    if word == "humoral" {
        return None;
    }
    for stem in OUR_STEMS {
        if let Some(rest) = word.strip_prefix(stem) {
            for ending in OUR_ENDINGS {
                if rest.strip_prefix("ur") == Some(ending) {
                    return Some((Convention::Our, true));
                }
                if rest.strip_prefix('r') == Some(ending) {
                    return Some((Convention::Our, false));
                }
            }
        }
    }
    None
}

pub struct SpellingVariants {
    parts: Vec<Part>,
    scope: LanguageScope,
}

impl SpellingVariants {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            scope,
        }
    }
}

/// What is known of one written form (lowercase) of a word: worked out at its first occurrence,
/// so later occurrences cost one lookup.
struct Form {
    /// The key it shares with its other spellings.
    key: String,
    /// The spelling convention it follows, if any, and whether its form is the British one.
    convention: Option<(Convention, bool)>,
    count: usize,
    first: Range<usize>,
    /// Occurrences written as a name, and as an ordinary word.
    named: usize,
    plain: usize,
    /// Occurrences that stand alone between quotation marks.
    quoted: usize,
}

impl Form {
    /// Only ever quoted on its own: a form talked about, never used.
    fn only_mentioned(&self) -> bool {
        self.quoted == self.count
    }

    /// Written only as a name, or only as an ordinary word.
    fn only(&self, usage: Usage) -> bool {
        match usage {
            Usage::Name => self.named > 0 && self.plain == 0,
            Usage::Plain => self.plain > 0 && self.named == 0,
            Usage::Either => false,
        }
    }
}

/// `word` in lowercase, written into `buffer` (which is reused, so that lowercasing the words of
/// a manuscript allocates nothing per word).
fn lowercase_into<'b>(buffer: &'b mut String, word: &str) -> &'b str {
    buffer.clear();
    if word.is_ascii() {
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
    } else {
        buffer.push_str(&word.to_lowercase());
    }
    buffer.as_str()
}

/// Counts an occurrence of `form` (lowercase; `key` gives its spelling key), working out what
/// is known of it the first time.
fn count_form<'f>(
    forms: &'f mut FastMap<String, Form>,
    form: &str,
    key: impl FnOnce() -> String,
    span: Range<usize>,
    (usage, quoted): (Usage, bool),
) -> &'f Form {
    if !forms.contains_key(form) {
        let known = Form {
            key: key(),
            convention: convention(form),
            count: 0,
            first: span,
            named: 0,
            plain: 0,
            quoted: 0,
        };
        forms.insert(form.to_string(), known);
    }
    let known = forms.get_mut(form).expect("inserted above");
    known.count += 1;
    known.quoted += usize::from(quoted);
    match usage {
        Usage::Name => known.named += 1,
        Usage::Plain => known.plain += 1,
        Usage::Either => {}
    }
    known
}

/// How the word at `local` of a unit's text is used (see [`Usage`]).
fn usage_of(unit: &Unit, local: &Range<usize>) -> Usage {
    let text = unit.text.as_str();
    let word = &text[local.clone()];
    if camel_case(word) {
        return Usage::Name;
    }
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return Usage::Plain;
    }
    // Headings and titles capitalise their words, so there a capital says nothing.
    let sentence_start = text[..local.start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '\n'));
    if matches!(unit.part, Part::Heading | Part::Title) || sentence_start {
        Usage::Either
    } else {
        Usage::Name
    }
}

/// Whether `word` (lowercase) is one of `list`, which is sorted.
fn listed(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

impl Check for SpellingVariants {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        // form (lowercase) → its key, how often and where first
        let mut forms: FastMap<String, Form> = FastMap::default();
        // Closed compounds, and hyphenated ones used as nouns: what an open compound is compared
        // with. A hyphenated compound before a noun ("compile-time error") is right next to an
        // open one elsewhere ("at compile time"), so it is only compared with closed forms.
        let mut comparable: FastSet<String> = FastSet::default();
        // Words that follow a convention: which, in which form, where.
        let mut conventional: Vec<(Convention, bool, Range<usize>, String)> = Vec::new();
        let (mut lower_buffer, mut next_buffer) = (String::new(), String::new());
        for unit in units_of(cx.manuscript, &self.parts, &self.scope) {
            for [word, next, after_next] in with_next_two(words_of(unit)) {
                let Some(word) = word else { continue };
                let lower = lowercase_into(&mut lower_buffer, word.text);
                if lower.len() < 4 && lower.chars().count() < 4 {
                    continue;
                }
                // Before a noun ("compile-time error"), or coordinated with another compound
                // that is ("case-sensitive and case-insensitive search").
                let hyphenated = lower.contains('-');
                let attributive = hyphenated
                    && next.is_some_and(|next| {
                        let next_lower = lowercase_into(&mut next_buffer, next.text);
                        let coordinated = matches!(next_lower, "and" | "or")
                            && after_next.is_some_and(|other| other.text.contains('-'));
                        next.local.start == word.local.end + 1
                            && (coordinated || !listed(FUNCTION_WORDS, next_lower))
                    });
                if !attributive {
                    if hyphenated {
                        comparable.insert(lower.replace('-', ""));
                    } else if !comparable.contains(lower) {
                        comparable.insert(lower.to_string());
                    }
                }
                // Names keep their own spelling ("Labour Party", "World Health Organization").
                let usage = usage_of(unit, &word.local);
                let quoted = quoted_alone(unit.text.as_str(), &word.local);
                let form = count_form(
                    &mut forms,
                    lower,
                    || spelling_key(lower),
                    word.span.clone(),
                    (usage, quoted),
                );
                if usage != Usage::Name
                    && let Some((convention, british)) = form.convention
                {
                    // A CRediT role ("Conceptualization, Software, Formal analysis") is a name.
                    let role = word.text.chars().next().is_some_and(char::is_uppercase)
                        && credit_role_keys().contains(&form.key);
                    if !role {
                        conventional.push((convention, british, word.span.clone(), lower.into()));
                    }
                }
            }
        }
        // Open compounds: two words whose joined form is written closed or hyphenated elsewhere.
        // A second reading of the units: the closed forms of the whole manuscript are known now.
        let (mut first_buffer, mut second_buffer) = (String::new(), String::new());
        let mut joined = String::new();
        for unit in units_of(cx.manuscript, &self.parts, &self.scope) {
            for [first, second, _] in with_next_two(words_of(unit)) {
                let (Some(first), Some(second)) = (first, second) else {
                    continue;
                };
                if second.local.start != first.local.end + 1
                    || first.text.contains('-')
                    || second.text.contains('-')
                {
                    continue;
                }
                let (a, b) = (
                    lowercase_into(&mut first_buffer, first.text),
                    lowercase_into(&mut second_buffer, second.text),
                );
                if a.chars().count() < 3
                    || b.chars().count() < 3
                    || listed(FUNCTION_WORDS, a)
                    || listed(FUNCTION_WORDS, b)
                    || listed(OPEN_FIRST, a)
                    || listed(PARTICLES, b)
                {
                    continue;
                }
                joined.clear();
                joined.push_str(a);
                joined.push_str(b);
                if comparable.contains(&joined) {
                    let open = format!("{a} {b}");
                    let span = first.span.start..second.span.end;
                    let usage = usage_of(unit, &first.local);
                    let quoted =
                        quoted_alone(unit.text.as_str(), &(first.local.start..second.local.end));
                    let how = (usage, quoted);
                    count_form(&mut forms, &open, || spelling_key(&joined), span, how);
                }
            }
        }
        let mut findings = conventions_mixed(&conventional);
        // key → its forms, in the order of the forms' text
        let mut by_key: FastMap<&str, Vec<(&String, &Form)>> = FastMap::default();
        for (form, known) in &forms {
            by_key
                .entry(known.key.as_str())
                .or_default()
                .push((form, known));
        }
        for variants in by_key.values_mut() {
            // British and American forms of one word: judged with their convention above.
            if variants.len() < 2 || variants.iter().all(|(_, known)| known.convention.is_some()) {
                continue;
            }
            variants.sort_by(|a, b| {
                b.1.count
                    .cmp(&a.1.count)
                    .then(a.1.first.start.cmp(&b.1.first.start))
                    .then(a.0.cmp(b.0))
            });
            let (main, main_form) = variants[0];
            for (form, known) in &variants[1..] {
                // A name next to an ordinary word: the R package "nsink" and the "N-Sink"
                // approach, the struct "SigningKey" and "a signing key".
                if (main_form.only(Usage::Name) && known.only(Usage::Plain))
                    || (main_form.only(Usage::Plain) && known.only(Usage::Name))
                    || main_form.only_mentioned()
                    || known.only_mentioned()
                {
                    continue;
                }
                let counts = variants
                    .iter()
                    .map(|(f, k)| format!("“{f}” {}×", k.count))
                    .collect::<Vec<_>>()
                    .join(", ");
                findings.push(
                    Finding::at(known.first.clone())
                        .arg("form", form.as_str())
                        .arg("main", format!("“{main}”"))
                        .arg("counts", counts)
                        .label(main_form.first.clone(), format!("“{main}” here")),
                );
            }
        }
        findings.extend(super::identifier_slip::identifier_slips(cx.document));
        findings.sort_by_key(|f| (f.span.start, f.span.end));
        findings
    }
}

/// Every use of the less used form of each convention that the manuscript writes both ways,
/// pointing at the first use of the other form.
fn conventions_mixed(words: &[(Convention, bool, Range<usize>, String)]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for convention in [
        Convention::Ize,
        Convention::Yze,
        Convention::DoubledL,
        Convention::Our,
    ] {
        let of = |british: bool| {
            words
                .iter()
                .filter(move |(c, b, _, _)| *c == convention && *b == british)
        };
        let (british, american) = (of(true).count(), of(false).count());
        let (Some(first_british), Some(first_american)) = (of(true).next(), of(false).next())
        else {
            continue;
        };
        // A tie goes to the side the other conventions take, then to the form used first.
        let elsewhere = |side: bool| {
            words
                .iter()
                .filter(|(c, b, _, _)| *c != convention && *b == side)
                .count()
        };
        let main_is_british = british > american
            || (british == american
                && (elsewhere(true), first_american.2.start)
                    > (elsewhere(false), first_british.2.start));
        let main = if main_is_british {
            first_british
        } else {
            first_american
        };
        let (british_name, american_name) = convention.names();
        let (main_name, main_count, other_name, other_count) = if main_is_british {
            (british_name, british, american_name, american)
        } else {
            (american_name, american, british_name, british)
        };
        let counts = format!("{main_name} {main_count}×, {other_name} {other_count}×");
        for (_, _, span, form) in of(!main_is_british) {
            findings.push(
                Finding::at(span.clone())
                    .arg("form", form.as_str())
                    .arg(
                        "main",
                        format!("{main_name} spellings such as “{}”", main.3),
                    )
                    .arg("counts", &counts)
                    .label(main.2.clone(), format!("“{}” here", main.3)),
            );
        }
    }
    // "-or" is American only, and American spelling never writes -ise, -yse, -ll- or -our: in a
    // text that writes "behavior" more than "behaviour", "modelling" breaks the spelling even
    // when no other -l- word is there to compare.
    let count = |convention: Convention, british: bool| {
        words
            .iter()
            .filter(|(c, b, _, _)| *c == convention && *b == british)
            .count()
    };
    let american_or = count(Convention::Our, false);
    if american_or > count(Convention::Our, true)
        && let Some(marker) = words
            .iter()
            .find(|(c, b, _, _)| *c == Convention::Our && !*b)
    {
        for convention in [Convention::Ize, Convention::Yze, Convention::DoubledL] {
            if count(convention, false) > 0 {
                continue; // judged above, against its own American forms
            }
            let (british_name, _) = convention.names();
            let counts = format!(
                "-or {american_or}×, {british_name} {}×",
                count(convention, true)
            );
            for (_, _, span, form) in words.iter().filter(|(c, b, _, _)| *c == convention && *b) {
                findings.push(
                    Finding::at(span.clone())
                        .arg("form", form.as_str())
                        .arg("main", format!("American spellings such as “{}”", marker.3))
                        .arg("counts", &counts)
                        .label(marker.2.clone(), format!("“{}” here", marker.3)),
                );
            }
        }
    }
    findings
}

pub struct AcronymCase {
    parts: Vec<Part>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcronymParams {
    #[serde(default = "with_references")]
    parts: Vec<Part>,
}

fn with_references() -> Vec<Part> {
    vec![
        Part::Title,
        Part::Abstract,
        Part::Keywords,
        Part::Heading,
        Part::Body,
        Part::References,
    ]
}

impl AcronymCase {
    pub fn new(params: AcronymParams) -> Self {
        Self {
            parts: params.parts,
        }
    }
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().count();
    (2..=6).contains(&letters) && word.chars().all(|c| c.is_uppercase())
}

/// The text around `word`, at most `reach` bytes either side of it.
fn around(text: &str, word: &Range<usize>, reach: usize) -> (usize, usize) {
    let mut start = word.start.saturating_sub(reach);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (word.end + reach).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (start, end)
}

/// The text of `text` on the same line as `word`, at most `reach` bytes either side of it.
fn line_around(text: &str, word: &Range<usize>, reach: usize) -> (usize, usize) {
    let (start, end) = around(text, word, reach);
    let start = text[start..word.start]
        .rfind('\n')
        .map_or(start, |i| start + i + 1);
    let end = text[word.end..end].find('\n').map_or(end, |i| word.end + i);
    (start, end)
}

/// Whether the words around `word` are set in capitals too: a running head, a title or a
/// heading in capitals ("CHAPTER 4. THE RISE OF THE WELFARE STATE"), where every word is in
/// capitals and none is an acronym for it.
fn in_capitals_context(text: &str, word: &Range<usize>) -> bool {
    let (start, end) = line_around(text, word, 80);
    let letters = text[start..word.start]
        .chars()
        .chain(text[word.end..end].chars())
        .filter(|c| c.is_alphabetic());
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper > lower
}

/// Whether `word` is an author name inside a citation: "(FREIRE, 1987)", "(FREIRE; SHOR,
/// 1986, p. 12)", "FREIRE (1987)". Citation styles such as ABNT set author names in capitals,
/// and a name is not an acronym.
fn in_citation(text: &str, word: &Range<usize>) -> bool {
    let has_year = |b: &[u8]| {
        b.windows(4).enumerate().any(|(i, w)| {
            w.iter().all(u8::is_ascii_digit)
                && matches!(&w[..2], b"19" | b"20" | b"18")
                && (i == 0 || !b[i - 1].is_ascii_digit())
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        })
    };
    // A citation may wrap onto the next line of a plain-text paragraph.
    let (start, end) = around(text, word, 160);
    let before = &text[start..word.start];
    let after = &text[word.end..end];
    // Inside parentheses that hold a year.
    if let Some(open) = before.rfind('(')
        && !before[open..].contains(')')
        && let Some(close) = after.find(')')
        && !after[..close].contains('(')
        && (has_year(&before.as_bytes()[open..]) || has_year(&after.as_bytes()[..close]))
    {
        return true;
    }
    // Narrative: "FREIRE (1987)", "FREIRE e SHOR (1986)".
    let rest = after.trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        let close = inner.find(')').unwrap_or(inner.len()).min(24);
        return has_year(&inner.as_bytes()[..close]);
    }
    false
}

/// Whether `word` is an author name of a reference entry in a style that sets names in capitals:
/// the entry's first word ("BRASIL. Ministério da Saúde") or a name before a comma ("FREIRE,
/// Paulo", "In: SANTOS, M. (Org.)"). "IEEE Transactions" in an entry is an acronym.
fn is_entry_author(text: &str, word: &Range<usize>) -> bool {
    let first = text[..word.start]
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .is_empty();
    first || text[word.end..].starts_with(',')
}

/// BibTeX fields that hold a name, spelled one way whatever the cited work: not a title.
const BIBTEX_NAME_FIELDS: &[&str] = &[
    "booktitle",
    "howpublished",
    "institution",
    "journal",
    "journaltitle",
    "organization",
    "publisher",
    "school",
    "series",
];

/// Whether the byte `at` of a document's text stands on a line that opens a BibTeX field
/// holding a name ("  journal = {Ieee Access},").
fn in_bibtex_name_field(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..at].trim_start();
    let Some((field, _)) = line.split_once('=') else {
        return false;
    };
    let field = field.trim().to_ascii_lowercase();
    BIBTEX_NAME_FIELDS.contains(&field.as_str())
}

impl Check for AcronymCase {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let scope = LanguageScope::default();
        // Counted per language: a bilingual article may follow each language's own house style
        // ("COVID-19" in English, "Covid-19" in Portuguese).
        type Key = (Option<crate::manuscript::LangCode>, String);
        let mut acronyms: HashMap<Key, (usize, Range<usize>)> = HashMap::new();
        let mut capitalised: HashMap<Key, usize> = HashMap::new();
        // Short words written in lowercase: "De" opening a Spanish sentence is the word "de",
        // not the abbreviation "DE" (desviación estándar).
        let mut lowercase: std::collections::HashSet<Key> = std::collections::HashSet::new();
        // Capitalised forms the reference list writes ("Covid" in a cited title): a title or
        // heading that repeats a cited title ("… SARS caused by Covid-19 …: A Critical
        // Analysis", a letter answering the article) spells it as the cited work does.
        let mut cited_forms: std::collections::HashSet<String> = std::collections::HashSet::new();
        let is_capitalised = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(|c| c.is_lowercase())
                && w.len() >= 2
        };
        for unit in units_of(cx.manuscript, &self.parts, &scope) {
            let text = unit.text.as_str();
            let language = unit.language();
            let entry = unit.part == Part::References;
            // A heading or title with no lowercase letter is set in capitals throughout.
            let shouted = matches!(unit.part, Part::Heading | Part::Title)
                && !text.chars().any(char::is_lowercase);
            for word in words_of(unit) {
                if is_acronym(word.text) {
                    if shouted
                        || in_capitals_context(text, &word.local)
                        || in_citation(text, &word.local)
                        || (entry && is_entry_author(text, &word.local))
                    {
                        continue;
                    }
                    let entry = acronyms
                        .entry((language, word.text.to_string()))
                        .or_insert((0, word.span.clone()));
                    entry.0 += 1;
                } else if entry && is_capitalised(word.text) && word.text.chars().count() <= 6 {
                    cited_forms.insert(word.text.to_string());
                } else if !entry && word.text.chars().count() <= 6 {
                    if is_capitalised(word.text) {
                        *capitalised
                            .entry((language, word.text.to_uppercase()))
                            .or_default() += 1;
                    } else if word.text.chars().all(char::is_lowercase) {
                        lowercase.insert((language, word.text.to_uppercase()));
                    }
                }
            }
        }
        let mut findings = Vec::new();
        if acronyms.values().all(|(count, _)| *count < 3) {
            return findings;
        }
        for unit in units_of(cx.manuscript, &self.parts, &scope) {
            let language = unit.language();
            let entry = unit.part == Part::References;
            for word in words_of(unit) {
                // "Nato" (capitalised, rest lowercase) for an acronym used in capitals 3+ times; a
                // lowercase form is usually a file extension or code ("hello.html").
                if !is_capitalised(word.text) {
                    continue;
                }
                // A reference entry spells a title as the cited work does ("Covid-19" in a cited
                // title next to the author's "COVID-19"); only the name of a journal or a
                // publisher in a BibTeX field is the author's own ("journal = {Ieee Access}").
                if entry && !in_bibtex_name_field(&cx.document.text, word.span.start) {
                    continue;
                }
                if matches!(unit.part, Part::Title | Part::Heading)
                    && cited_forms.contains(word.text)
                {
                    continue;
                }
                let key = (language, word.text.to_uppercase());
                let Some((count, first)) = acronyms.get(&key) else {
                    continue;
                };
                // A word capitalised at least as often as it is written in capitals is a name
                // or the manuscript's own style ("Krenak" in the text, "KRENAK" in a citation).
                // So is one the English word list holds in lowercase: "Sage" (the publisher,
                // next to "SAGE Publications") is a name set in capitals, not an acronym.
                if *count < 3
                    || capitalised.get(&key).is_some_and(|n| n >= count)
                    || lowercase.contains(&key)
                    || super::english_words::exact(&word.text.to_lowercase()).is_some()
                {
                    continue;
                }
                let upper = &key.1;
                findings.push(
                    Finding::at(word.span.clone())
                        .arg("form", word.text)
                        .arg("acronym", upper)
                        .arg("count", count)
                        .label(
                            first.clone(),
                            format!("“{upper}” here and {} more times", count - 1),
                        ),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, word: &str) -> Range<usize> {
        let start = text.find(word).expect("word in text");
        start..start + word.len()
    }

    #[test]
    fn capitals_in_citations_are_author_names() {
        for (text, word) in [
            ("a leitura do mundo (FREIRE, 1987, p. 23).", "FREIRE"),
            ("o diálogo (FREIRE; SHOR, 1986) é central", "SHOR"),
            ("como mostram (KUHN; JOHNSON,\n2013) os modelos", "KUHN"),
            ("segundo KUHN (2013), o modelo", "KUHN"),
        ] {
            assert!(in_citation(text, &span_of(text, word)), "{text}");
        }
        for text in [
            "NATO met in May (see the report).",
            "the NATO summit of 2022 agreed",
            "(NATO summit) in 2022",
        ] {
            assert!(!in_citation(text, &span_of(text, "NATO")), "{text}");
        }
    }

    #[test]
    fn a_line_in_capitals_is_no_evidence_for_an_acronym() {
        let text = "Body text.\nCHAPTER 4. THE RISE OF THE WELFARE STATE\nMore text.";
        assert!(in_capitals_context(text, &span_of(text, "STATE")));
        let text = "The NATO summit of 2022 agreed on a plan.";
        assert!(!in_capitals_context(text, &span_of(text, "NATO")));
    }

    #[test]
    fn author_names_of_entries_are_not_acronyms() {
        let entry = "BRASIL. Ministério da Saúde. Relatório. Brasília, 2020.";
        assert!(is_entry_author(entry, &span_of(entry, "BRASIL")));
        let entry = "SILVA, J. Capítulo. In: SANTOS, M. (Org.). Livro. 2019.";
        assert!(is_entry_author(entry, &span_of(entry, "SANTOS")));
        let entry = "Smith, J. (2020). A study. IEEE Transactions on Power, 3, 1-9.";
        assert!(!is_entry_author(entry, &span_of(entry, "IEEE")));
    }

    #[test]
    fn only_name_fields_of_a_bibtex_entry_are_the_authors_spelling() {
        let bib = "@article{c,\n  title = {Covid-19 and the heart},\n  journal = {Ieee Access},\n}";
        assert!(in_bibtex_name_field(bib, bib.find("Ieee").unwrap()));
        assert!(!in_bibtex_name_field(bib, bib.find("Covid").unwrap()));
        let entry = "Paiva KM. Prevalence of SARS by Covid-19. Arq Bras Cardiol. 2021.";
        assert!(!in_bibtex_name_field(entry, entry.find("Covid").unwrap()));
    }

    #[test]
    fn british_and_american_forms_share_a_key() {
        for (a, b) in [
            ("defence", "defense"),
            ("organisation", "organization"),
            ("colour", "color"),
            ("centre", "center"),
            ("analysed", "analyzed"),
            ("modelling", "modeling"),
            ("behaviour", "behavior"),
            ("catalogue", "catalog"),
            ("decision-making", "decisionmaking"),
        ] {
            assert_eq!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
        for (a, b) in [
            ("license", "lice"),
            ("wise", "wiser"),
            ("sentence", "sentense-like"),
        ] {
            assert_ne!(spelling_key(a), spelling_key(b), "{a} / {b}");
        }
    }
    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [FUNCTION_WORDS, PARTICLES, OPEN_FIRST] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn conventions_are_told_by_their_endings() {
        for (word, expected) in [
            ("generalises", Some((Convention::Ize, true))),
            ("organization", Some((Convention::Ize, false))),
            ("summarised", Some((Convention::Ize, true))),
            ("optimizing", Some((Convention::Ize, false))),
            ("analysed", Some((Convention::Yze, true))),
            ("analyzes", Some((Convention::Yze, false))),
            ("modelling", Some((Convention::DoubledL, true))),
            ("labeled", Some((Convention::DoubledL, false))),
            ("behaviour", Some((Convention::Our, true))),
            ("colors", Some((Convention::Our, false))),
        ] {
            assert_eq!(convention(word), expected, "{word}");
        }
        for word in [
            "advertise",
            "exercises",
            "compromised",
            "surprising",
            "treatise",
            "expertise",
            "otherwise",
            "size",
            "downsized",
            "resized",
            "prize",
            "seize",
            "analyses",
            "compelled",
            "spelling",
            "storytelling",
            "laboratory",
            "rigorous",
            "honorary",
            "four",
            "doctor",
            "promise",
            "supervised",
            "noise",
            "precise",
            "humoral",
        ] {
            assert_eq!(convention(word), None, "{word}");
        }
    }
}
