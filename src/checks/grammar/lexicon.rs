//! The small lexicon behind the grammar rules: function words, the frequent verbs of academic
//! prose with their forms, and the number of a noun.
//!
//! Nothing here is a full part-of-speech tagger. Each list answers one question the rules ask
//! ("can this word be a plural noun?", "is this word only ever a verb?"), and every answer leans
//! towards "do not know": a rule fires only where the lexicon is sure.
//!
//! Noun number comes from the bundled English word list ([`super::super::english_words`]) and
//! suffix rules ("results" is plural because "result" is a word), with explicit exceptions:
//! plurals without an "s" ("data", "criteria", "phenomena"), words that end in "s" and are
//! singular ("analysis", "series", "species", "physics"), and uncountable nouns ("software",
//! "research", "evidence").

use std::collections::HashMap;
use std::sync::OnceLock;

use super::super::english_words;

/// A verb's forms and what else its base form can be.
#[derive(Debug, Clone)]
pub struct Verb {
    pub base: String,
    pub third: String,
    pub past: String,
    pub participle: String,
    /// The base form is also a common noun or adjective ("use", "result", "present"): it says
    /// "verb" only where the context already says so.
    pub also_noun: bool,
}

impl Verb {
    /// The "-ing" form, when the word list knows it.
    pub fn ing(&self) -> Option<String> {
        let base = self.base.as_str();
        let last = base.chars().next_back()?;
        let doubled = format!("{base}{last}ed");
        let form = if self.past == doubled {
            format!("{base}{last}ing")
        } else if let Some(stem) = base.strip_suffix("ie") {
            format!("{stem}ying")
        } else if base.ends_with('e') && !base.ends_with("ee") && base != "be" {
            format!("{}ing", &base[..base.len() - 1])
        } else {
            format!("{base}ing")
        };
        english_words::exact(&form).map(|_| form)
    }

    /// Whether the base form is only ever a verb.
    pub fn verb_only(&self) -> bool {
        !self.also_noun
    }
}

/// Regular verbs; `*` marks a base form that is also a noun or an adjective, `+` a verb that
/// doubles its last consonant ("occur" → "occurred").
const REGULAR: &str = "accept achieve acknowledge acquire adapt add address* adjust adopt affect* \
agree aim* allow alter analyse analyze appear apply assess assign assume attempt* avoid believe \
belong calculate capture* carry cause* claim* collect combine compare compute conclude conduct* \
confirm consider consist constitute construct* contain continue contribute correspond create \
decide decrease* define demonstrate depend derive describe design* detect determine develop \
differ discuss display* distinguish divide eliminate emerge employ enable encourage enhance \
ensure establish estimate* evaluate evolve examine exceed exhibit* exist expand expect explain \
explore express extend extract* extrapolate facilitate fail focus* follow generate happen help* \
highlight* identify ignore illustrate implement* imply improve include increase* indicate \
influence* initialise initialize integrate interact interpret intersect introduce investigate \
involve learn limit* maintain measure* mention* minimise minimize modify motivate need* observe \
obtain occur+ offer* operate outperform overlap*+ perform permit*+ pose* predetermine predict \
prefer+ present* preserve prevent produce* promise* propose prove provide publish reach* \
receive recommend reduce reflect relate rely remain remove replace report* represent reproduce \
require resemble resolve result* reveal select serve share* simplify solve specify store* \
study* succeed succumb suggest support* survive tend test* train* transform* update* use* vary \
weaken yield*";

/// Irregular verbs: base, past, participle (`*`: the base form is also a noun).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("bear*", "bore", "borne"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("blow*", "blew", "blown"),
    ("break*", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build*", "built", "built"),
    ("choose", "chose", "chosen"),
    ("do", "did", "done"),
    ("draw*", "drew", "drawn"),
    ("drive*", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall*", "fell", "fallen"),
    ("find*", "found", "found"),
    ("fly*", "flew", "flown"),
    ("forget", "forgot", "forgotten"),
    ("freeze*", "froze", "frozen"),
    ("give", "gave", "given"),
    ("go*", "went", "gone"),
    ("grow", "grew", "grown"),
    ("have", "had", "had"),
    ("hide*", "hid", "hidden"),
    ("hold*", "held", "held"),
    ("keep*", "kept", "kept"),
    ("know", "knew", "known"),
    ("lead*", "led", "led"),
    ("leave*", "left", "left"),
    ("lose", "lost", "lost"),
    ("make*", "made", "made"),
    ("mean*", "meant", "meant"),
    ("overcome", "overcame", "overcome"),
    ("rise*", "rose", "risen"),
    ("run*", "ran", "run"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("send", "sent", "sent"),
    ("shake*", "shook", "shaken"),
    ("show*", "showed", "shown"),
    ("speak", "spoke", "spoken"),
    ("take*", "took", "taken"),
    ("teach", "taught", "taught"),
    ("think", "thought", "thought"),
    ("throw*", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("understand", "understood", "understood"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
];

/// The verbs, looked up by any of their forms.
pub struct Verbs {
    verbs: Vec<Verb>,
    base: HashMap<String, usize>,
    third: HashMap<String, usize>,
    past: HashMap<String, usize>,
    participle: HashMap<String, usize>,
}

fn third_person(base: &str) -> String {
    if base == "do" || base == "go" {
        return format!("{base}es");
    }
    if base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh") {
        return format!("{base}es");
    }
    if let Some(stem) = consonant_y(base) {
        return format!("{stem}ies");
    }
    format!("{base}s")
}

/// The word without its final "y" when a consonant stands before it ("study" → "stud").
fn consonant_y(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('y')?;
    stem.chars()
        .next_back()
        .filter(|c| !"aeiou".contains(*c))
        .map(|_| stem)
}

fn regular_past(base: &str, doubles: bool) -> String {
    if doubles {
        let last = base.chars().next_back().unwrap_or('x');
        return format!("{base}{last}ed");
    }
    if base.ends_with('e') {
        return format!("{base}d");
    }
    if let Some(stem) = consonant_y(base) {
        return format!("{stem}ied");
    }
    format!("{base}ed")
}

impl Verbs {
    fn build() -> Verbs {
        let mut verbs = Vec::new();
        for entry in REGULAR.split_whitespace() {
            let also_noun = entry.contains('*');
            let doubles = entry.contains('+');
            let base = entry.trim_end_matches(['*', '+']);
            let past = regular_past(base, doubles);
            verbs.push(Verb {
                base: base.to_string(),
                third: third_person(base),
                participle: past.clone(),
                past,
                also_noun,
            });
        }
        for (entry, past, participle) in IRREGULAR {
            let base = entry.trim_end_matches('*');
            verbs.push(Verb {
                base: base.to_string(),
                third: if base == "have" {
                    "has".into()
                } else {
                    third_person(base)
                },
                past: (*past).to_string(),
                participle: (*participle).to_string(),
                also_noun: entry.ends_with('*'),
            });
        }
        let mut out = Verbs {
            verbs,
            base: HashMap::new(),
            third: HashMap::new(),
            past: HashMap::new(),
            participle: HashMap::new(),
        };
        for (i, verb) in out.verbs.iter().enumerate() {
            out.base.insert(verb.base.clone(), i);
            out.third.insert(verb.third.clone(), i);
            out.past.insert(verb.past.clone(), i);
            out.participle.insert(verb.participle.clone(), i);
        }
        out
    }

    /// The lexicon, built on first use.
    pub fn get() -> &'static Verbs {
        static VERBS: OnceLock<Verbs> = OnceLock::new();
        VERBS.get_or_init(Verbs::build)
    }

    /// The verb whose base form is `word`.
    pub fn base(&self, word: &str) -> Option<&Verb> {
        self.base.get(word).map(|&i| &self.verbs[i])
    }

    /// The verb whose third-person singular is `word`.
    pub fn third(&self, word: &str) -> Option<&Verb> {
        self.third.get(word).map(|&i| &self.verbs[i])
    }

    /// The verb whose simple past is `word`.
    pub fn past(&self, word: &str) -> Option<&Verb> {
        self.past.get(word).map(|&i| &self.verbs[i])
    }

    /// A verb whose base form is `word`, only ever a verb, and not also its own past or
    /// participle ("put", "set", "run", "become" are left out).
    pub fn plain_base(&self, word: &str) -> Option<&Verb> {
        self.base(word)
            .filter(|v| v.verb_only() && v.past != v.base && v.participle != v.base)
    }

    /// The verb whose past participle is `word`.
    pub fn participle(&self, word: &str) -> Option<&Verb> {
        self.participle.get(word).map(|&i| &self.verbs[i])
    }

    /// Whether `word` is any form of a known verb.
    pub fn any_form(&self, word: &str) -> bool {
        self.base.contains_key(word)
            || self.third.contains_key(word)
            || self.past.contains_key(word)
            || self.participle.contains_key(word)
    }

    #[cfg(test)]
    pub fn all(&self) -> &[Verb] {
        &self.verbs
    }
}

/// Determiners, pronouns, prepositions, conjunctions and auxiliaries: words that are never the
/// noun at the head of a noun phrase.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "against", "all", "also", "although", "am", "among",
    "an", "and", "another", "any", "are", "as", "at", "be", "because", "been", "before", "being",
    "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do", "does", "down",
    "during", "each", "either", "else", "even", "every", "few", "for", "from", "had", "has",
    "have", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "itself", "just", "less", "many", "may", "me", "might", "more", "most",
    "much", "must", "my", "neither", "no", "nor", "not", "of", "off", "on", "once", "one", "only",
    "onto", "or", "other", "our", "ours", "out", "over", "own", "per", "same", "several", "shall",
    "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "though", "through", "thus", "to", "too", "under",
    "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where",
    "whereas", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "yet", "you", "your",
];

/// Whether `lower` is a function word.
pub fn function_word(lower: &str) -> bool {
    FUNCTION_WORDS.binary_search(&lower).is_ok()
}

/// Prepositions: a noun right after one is not the subject of the next verb.
pub fn preposition(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "in"
            | "for"
            | "with"
            | "on"
            | "at"
            | "by"
            | "from"
            | "to"
            | "between"
            | "among"
            | "across"
            | "about"
            | "into"
            | "onto"
            | "through"
            | "under"
            | "over"
            | "within"
            | "without"
            | "per"
            | "than"
            | "like"
            | "via"
            | "during"
            | "after"
            | "before"
            | "including"
            | "as"
            | "against"
            | "towards"
            | "toward"
            | "upon"
            | "throughout"
            | "beyond"
            | "around"
            | "behind"
            | "near"
            | "despite"
            | "unlike"
            | "along"
            | "amongst"
            | "versus"
            | "vs"
    )
}

/// Words that start a clause (and so may stand right before its subject).
pub fn clause_opener(lower: &str) -> bool {
    matches!(
        lower,
        "that"
            | "which"
            | "who"
            | "because"
            | "since"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "if"
            | "when"
            | "where"
            | "whether"
            | "so"
            | "but"
            | "thus"
            | "hence"
            | "therefore"
            | "however"
            | "whose"
            | "unless"
            | "once"
    )
}

/// Auxiliaries and modals.
pub fn auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "can"
            | "could"
            | "will"
            | "would"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "do"
            | "does"
            | "did"
            | "have"
            | "has"
            | "had"
    )
}

/// Modal verbs.
pub fn modal(lower: &str) -> bool {
    matches!(
        lower,
        "can" | "could" | "will" | "would" | "may" | "might" | "must" | "should" | "shall"
    )
}

/// Plurals without a final "s", and nouns whose singular and plural are the same.
const PLURAL_WITHOUT_S: &[&str] = &[
    "bacteria",
    "cattle",
    "children",
    "corpora",
    "criteria",
    "data",
    "feet",
    "fungi",
    "genera",
    "geese",
    "loci",
    "media",
    "men",
    "mice",
    "minima",
    "maxima",
    "nuclei",
    "optima",
    "offspring",
    "people",
    "personnel",
    "phenomena",
    "police",
    "radii",
    "staff",
    "stimuli",
    "strata",
    "teeth",
    "women",
];

/// Words ending in "s" that are singular or both: never read as a plural noun.
const SINGULAR_WITH_S: &[&str] = &[
    "alias",
    "always",
    "apparatus",
    "as",
    "atlas",
    "besides",
    "bias",
    "bonus",
    "bus",
    "canvas",
    "chaos",
    "corps",
    "crossroads",
    "diabetes",
    "does",
    "gas",
    "goes",
    "has",
    "headquarters",
    "hers",
    "his",
    "is",
    "its",
    "lens",
    "means",
    "news",
    "ours",
    "perhaps",
    "plus",
    "series",
    "sometimes",
    "species",
    "theirs",
    "this",
    "thus",
    "towards",
    "upwards",
    "downwards",
    "afterwards",
    "backwards",
    "forwards",
    "was",
    "whereas",
    "yes",
    "yours",
];

/// Nouns with no plural in ordinary use.
pub const UNCOUNTABLE: &[&str] = &[
    "advice",
    "equipment",
    "evidence",
    "feedback",
    "furniture",
    "hardware",
    "information",
    "knowledge",
    "research",
    "software",
];

/// Whether `lower` can only be read as a plural noun: it is a plural without "s", or it ends in
/// "s" and without that ending it is a known word ("results", "studies", "matches").
pub fn plural_noun(lower: &str) -> bool {
    if PLURAL_WITHOUT_S.contains(&lower) {
        return true;
    }
    if lower.len() < 4
        || !lower.ends_with('s')
        || lower.ends_with("ss")
        || lower.ends_with("us")
        || lower.ends_with("is")
        || lower.ends_with("ics")
        || lower.ends_with("'s")
        || SINGULAR_WITH_S.contains(&lower)
        || !lower.chars().all(|c| c.is_ascii_lowercase() || c == '-')
    {
        return false;
    }
    singular_of(lower).is_some()
}

/// Irregular plurals and their singular ("this phenomena" → "phenomenon"); plurals also used
/// as singulars ("data", "media", "staff") are left out.
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("bacteria", "bacterium"),
    ("children", "child"),
    ("corpora", "corpus"),
    ("criteria", "criterion"),
    ("feet", "foot"),
    ("fungi", "fungus"),
    ("geese", "goose"),
    ("genera", "genus"),
    ("loci", "locus"),
    ("maxima", "maximum"),
    ("men", "man"),
    ("mice", "mouse"),
    ("minima", "minimum"),
    ("nuclei", "nucleus"),
    ("optima", "optimum"),
    ("phenomena", "phenomenon"),
    ("radii", "radius"),
    ("stimuli", "stimulus"),
    ("strata", "stratum"),
    ("teeth", "tooth"),
    ("women", "woman"),
];

/// The singular a plural comes from, when it is a known word or a listed irregular plural.
pub fn singular_of(lower: &str) -> Option<String> {
    if let Some((_, singular)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == lower) {
        return Some((*singular).to_string());
    }
    let known = |w: &str| english_words::exact(w).is_some();
    if let Some(stem) = lower.strip_suffix("ies") {
        let y = format!("{stem}y");
        if known(&y) {
            return Some(y);
        }
    }
    if let Some(stem) = lower.strip_suffix("es")
        && (stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh"))
        && known(stem)
    {
        return Some(stem.to_string());
    }
    let stem = lower.strip_suffix('s')?;
    (stem.len() >= 3 && !stem.ends_with('s') && known(stem)).then(|| stem.to_string())
}

/// Whether `lower` reads as a singular noun if it is a noun at all: a known word with no plural
/// ending, not a plural without one, not a function word, and not visibly a verb form, adverb
/// or adjective.
pub fn singular_noun(lower: &str) -> bool {
    if lower.len() < 3
        || function_word(lower)
        || PLURAL_WITHOUT_S.contains(&lower)
        || SINGULAR_WITH_S.contains(&lower)
        || INVARIANT.contains(&lower)
        || !lower.chars().all(|c| c.is_ascii_lowercase())
        || lower.ends_with("ing")
        || lower.ends_with("ed")
        || lower.ends_with("ly")
        || lower.ends_with("ics")
        || (lower.ends_with('s')
            && !(lower.ends_with("ss")
                || lower.ends_with("us")
                || (lower.ends_with("is") && lower.len() >= 4)))
        || NOT_NOUN.contains(&lower)
        || english_words::exact(lower).is_none()
    {
        return false;
    }
    true
}

/// Nouns whose plural is the singular ("the sheep are").
const INVARIANT: &[&str] = &[
    "aircraft",
    "bison",
    "cod",
    "deer",
    "fish",
    "moose",
    "salmon",
    "sheep",
    "shrimp",
    "spacecraft",
    "swine",
    "trout",
];

/// Words after a determiner that are not nouns: adjectives and adverbs used alone, quantities.
const NOT_NOUN: &[&str] = &[
    "above",
    "again",
    "alike",
    "almost",
    "alone",
    "already",
    "anyway",
    "away",
    "below",
    "billion",
    "dozen",
    "eight",
    "else",
    "first",
    "five",
    "following",
    "former",
    "four",
    "half",
    "hundred",
    "indeed",
    "instead",
    "last",
    "latter",
    "least",
    "majority",
    "million",
    "minority",
    "next",
    "nine",
    "percent",
    "previous",
    "quite",
    "rather",
    "remainder",
    "rest",
    "second",
    "seven",
    "six",
    "somewhat",
    "soon",
    "ten",
    "third",
    "thousand",
    "three",
    "together",
    "total",
    "two",
    "whole",
];

/// Whether `lower` can be an adjective: it has a known adverb ("-ly") or comparative form, or
/// ends like one. Used to stay quiet on "these new", "both similar".
pub fn maybe_adjective(lower: &str) -> bool {
    adjective_forms(lower)
        || [
            "able", "ible", "ive", "ous", "ful", "less", "ic", "ical", "ary", "ant", "ent",
        ]
        .iter()
        .any(|s| lower.ends_with(s))
}

/// Whether `lower` has the forms of an adjective: a known adverb in "-ly", or a comparative and
/// a superlative ("small", "smaller", "smallest"), or is itself a comparative ("clearer").
pub fn adjective_forms(lower: &str) -> bool {
    let known = |w: String| english_words::exact(&w).is_some();
    if let Some(stem) = lower.strip_suffix("er")
        && (known(format!("{stem}est")) || known(format!("{stem}st")))
    {
        return true;
    }
    let stem_e = lower.strip_suffix('e').unwrap_or(lower);
    let last = lower.chars().next_back().unwrap_or('x');
    known(format!("{lower}ly"))
        || known(format!("{stem_e}ly"))
        || (lower.ends_with("le") && known(format!("{stem_e}y")))
        || (lower.ends_with("ic") && known(format!("{lower}ally")))
        || (known(format!("{lower}er")) && known(format!("{lower}est")))
        || (known(format!("{lower}r")) && known(format!("{lower}st")))
        || (known(format!("{lower}{last}er")) && known(format!("{lower}{last}est")))
}

/// Whether `lower` can be a verb: it has a known past form ("result" → "resulted"). Used to stay
/// quiet on "these result in", where "these" is a pronoun.
pub fn maybe_verb(lower: &str) -> bool {
    if Verbs::get().any_form(lower) {
        return true;
    }
    let known = |w: &str| english_words::exact(w).is_some();
    let doubled = lower
        .chars()
        .next_back()
        .map(|c| format!("{lower}{c}ed"))
        .unwrap_or_default();
    known(&regular_past(lower, false)) || known(&doubled)
}

/// Whether `lower` has a known "-ing" form ("stand" → "standing"): a looser sign of a verb than
/// [`maybe_verb`], for irregular verbs the lexicon lacks.
pub fn has_ing_form(lower: &str) -> bool {
    let known = |w: &str| english_words::exact(w).is_some();
    let stem_e = lower.strip_suffix('e').unwrap_or(lower);
    known(&format!("{lower}ing")) || known(&format!("{stem_e}ing"))
}

/// Number words that take a plural noun.
pub fn plural_number(lower: &str) -> bool {
    matches!(
        lower,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "twelve"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_verb_form_is_an_english_word() {
        for verb in Verbs::get().all() {
            for form in [&verb.base, &verb.third, &verb.past, &verb.participle] {
                assert!(
                    english_words::exact(form).is_some(),
                    "{} → {form} is not in the word list",
                    verb.base
                );
            }
        }
    }

    #[test]
    fn function_words_are_sorted() {
        let mut sorted = FUNCTION_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, FUNCTION_WORDS);
    }

    #[test]
    fn noun_number() {
        for plural in [
            "results",
            "studies",
            "matches",
            "solutions",
            "units",
            "data",
            "criteria",
        ] {
            assert!(plural_noun(plural), "{plural}");
        }
        for not_plural in [
            "analysis", "series", "species", "physics", "this", "its", "process", "status", "news",
        ] {
            assert!(!plural_noun(not_plural), "{not_plural}");
        }
        for singular in [
            "solution",
            "restriction",
            "analysis",
            "axis",
            "process",
            "point",
        ] {
            assert!(singular_noun(singular), "{singular}");
        }
        for not_singular in [
            "data", "setting", "results", "same", "other", "the", "quickly",
        ] {
            assert!(!singular_noun(not_singular), "{not_singular}");
        }
    }
}
