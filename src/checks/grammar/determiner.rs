//! `determiner-noun-agreement`: a determiner and its noun that disagree in number ("these
//! solution", "several limitation", "the two center of", "a scripts", "every units", "this
//! representations"), "such" before a singular countable noun without "a" ("such model"), and
//! "a" or "an" before an uncountable noun ("a reliable software"), and a possessive without its
//! apostrophe ("the users privacy"), and "the" with no noun before a preposition ("The of the
//! loss"). In Spanish and Portuguese, a plural determiner before a noun whose ending proves it
//! singular ([`super::romance_number`]).
//!
//! A pattern fires only where the noun cannot be read another way: "these" and "several" are
//! pronouns too ("these result in", "several have"), so a singular noun after them must not be
//! a verb (or must be followed by "of"); a plural after "a" must end its noun phrase, since
//! plurals modify nouns ("a methods section", "a mixed effects model"); a number must be a
//! count, not a label ("Phase two trial").

use super::lexicon::{self, UNCOUNTABLE};
use super::{Kind, Params, Token, ends_noun_phrase, finding, gap_after, match_case, run};
use crate::checks::{Check, Context, LanguageScope};
use crate::diagnostic::Finding;
use crate::manuscript::Part;

pub struct DeterminerNoun {
    parts: Vec<Part>,
    scope: LanguageScope,
    memo: super::Memo,
}

impl DeterminerNoun {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            memo: super::Memo::default(),
            scope,
        }
    }
}

/// Plurals that modify a following noun or mean one thing ("a methods section", "a sales
/// team", "a thanks"): never read as a plural after "a".
const ATTRIBUTIVE_PLURALS: &[&str] = &[
    "arms",
    "communications",
    "comparisons",
    "dozens",
    "effects",
    "equations",
    "goods",
    "hundreds",
    "humanities",
    "materials",
    "measures",
    "methods",
    "millions",
    "numbers",
    "operations",
    "results",
    "sales",
    "savings",
    "sciences",
    "skills",
    "sports",
    "systems",
    "tens",
    "thanks",
    "thousands",
    "times",
    "words",
];

/// Attributive plurals that count or thank ("a thousands", "a thanks", "a times b"): never
/// read as a plural after "a", even where the phrase ends.
const COUNTING_PLURALS: &[&str] = &[
    "dozens",
    "hundreds",
    "millions",
    "savings",
    "tens",
    "thanks",
    "thousands",
    "times",
];

/// Words that count what follows "a" ("a few", "a great many", "a number of"): the plural after
/// them is no slip.
const COUNTING_WORDS: &[&str] = &[
    "couple", "few", "further", "good", "great", "lot", "number", "total",
];

/// Words of amount or size that may stand between "a" and a plural ("a hundred", "a mere",
/// "a record", "an estimated"): never read as an adjective of a singular noun.
const AMOUNT_WORDS: &[&str] = &[
    "additional",
    "approximate",
    "average",
    "combined",
    "dozen",
    "estimated",
    "extra",
    "full",
    "hundred",
    "maximum",
    "mere",
    "million",
    "minimum",
    "net",
    "record",
    "staggering",
    "thousand",
    "whole",
];

/// Nouns that make an adverbial with "a" ("as a consequence", "once a year", "in a way"),
/// after which a plural opens a new phrase: never read as a modifier.
const ADVERBIAL_NOUNS: &[&str] = &[
    "bit",
    "consequence",
    "day",
    "decade",
    "fortiori",
    "glance",
    "hour",
    "matter",
    "minute",
    "month",
    "night",
    "nutshell",
    "posteriori",
    "priori",
    "rule",
    "sense",
    "side",
    "way",
    "week",
    "while",
    "whole",
    "year",
];

/// Whether the noun phrase plainly ends after token `i`: punctuation, or a preposition, a word
/// that opens a clause, an auxiliary, "to" or "while" (not a word that may be a noun it
/// modifies, as [`ends_noun_phrase`] allows: "a systems approach").
fn plainly_ends(tokens: &[Token<'_>], text: &str, i: usize) -> bool {
    if gap_after(tokens, text, i).contains(['.', ',', ';', ':', ')', '!', '?']) {
        return true;
    }
    tokens.get(i + 1).is_none_or(|t| {
        let w = t.lower.as_str();
        t.joined()
            && t.plain()
            && ((lexicon::preposition(w) && w != "like")
                || lexicon::clause_opener(w)
                || lexicon::auxiliary(w)
                || matches!(w, "to" | "while"))
    })
}

/// Whether punctuation inside the sentence or "while" closes the phrase after token `i` (a full
/// stop may close a clause whose verb the plural is: "a light shines.").
fn closed_by_punctuation(tokens: &[Token<'_>], text: &str, i: usize) -> bool {
    gap_after(tokens, text, i).contains([',', ';', ':', ')'])
        || tokens
            .get(i + 1)
            .is_some_and(|t| t.joined() && t.is("while"))
}

/// Plurals that name amounts, kinds or groups and so may stand before another plural ("two
/// orders of magnitude", "in tens thousands"): never read as a modifier.
const NOT_PLURAL_MODIFIERS: &[&str] = &[
    "days",
    "dozens",
    "hours",
    "hundreds",
    "kinds",
    "millions",
    "minutes",
    "months",
    "others",
    "parts",
    "seconds",
    "sorts",
    "thousands",
    "times",
    "types",
    "weeks",
    "years",
];

/// Verbs that take two objects ("give users options", "show readers examples"): two plurals
/// after them are not one noun phrase.
const DITRANSITIVE: &[&str] = &[
    "allow", "ask", "assign", "bring", "build", "find", "give", "leave", "make", "offer", "pay",
    "promise", "provide", "send", "serve", "show", "teach", "tell", "throw", "write",
];

/// Verbs that are often followed by "for" ("the choice of methods matters for"): a plural
/// noun of the same spelling before "for" may be that verb.
const VERBS_WITH_FOR: &[&str] = &[
    "account", "ask", "call", "care", "count", "fight", "hold", "look", "matter", "pay", "search",
    "stand", "vote", "wait", "work",
];

/// Prefixes of a compound modifier whose last part must then be singular ("multi-carrier
/// system", "three-dimension tasks").
const COUNTING_PREFIXES: &[&str] = &[
    "multi", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "single",
];

/// Fractions, plural after a number in a compound ("a two-thirds majority").
const FRACTIONS: &[&str] = &[
    "halves", "thirds", "quarters", "fourths", "fifths", "sixths", "tenths",
];

/// Singular nouns for people or things that count and are written with an article or in the
/// plural in running prose: alone before a verb they lack their article ("If user wants to",
/// "researcher can delay").
const BARE_COUNTABLE: &[&str] = &[
    "analyst",
    "author",
    "developer",
    "participant",
    "practitioner",
    "programmer",
    "reader",
    "researcher",
    "respondent",
    "reviewer",
    "scientist",
    "student",
    "user",
];

/// Nouns for code after two code names joined by "and", which then name two things ("the
/// `print()` and `summary()` functions").
const CODE_NOUNS: &[&str] = &[
    "argument",
    "class",
    "command",
    "field",
    "file",
    "function",
    "library",
    "macro",
    "method",
    "module",
    "option",
    "package",
    "parameter",
];

/// Words before "a" that make it a symbol rather than an article ("where a lies").
const SYMBOL_CONTEXT: &[&str] = &[
    "and", "as", "because", "but", "hence", "if", "let", "or", "since", "so", "that", "then",
    "thus", "when", "where", "whereas", "while",
];

/// Singular countable nouns that need "a" after "such" ("such a model").
const COUNTABLE_AFTER_SUCH: &[&str] = &[
    "algorithm",
    "approach",
    "article",
    "case",
    "dataset",
    "device",
    "event",
    "experiment",
    "file",
    "framework",
    "function",
    "manuscript",
    "method",
    "model",
    "package",
    "paper",
    "problem",
    "procedure",
    "program",
    "project",
    "question",
    "scenario",
    "sensor",
    "situation",
    "study",
    "task",
    "technique",
    "tool",
];

/// Nouns that name what belongs to someone or something ("ability", "privacy"): after "the"
/// and a plural noun they make a possessive that lacks its apostrophe ("the users privacy").
/// Only words that are not verbs after a plural subject are listed ("account" only before
/// anything but "for").
const POSSESSED: &[&str] = &[
    "abilities",
    "ability",
    "account",
    "accounts",
    "actions",
    "attitudes",
    "autonomy",
    "behavior",
    "behaviors",
    "behaviour",
    "behaviours",
    "browser",
    "browsers",
    "capabilities",
    "capacity",
    "consent",
    "contribution",
    "contributions",
    "decision",
    "decisions",
    "expectations",
    "experiences",
    "health",
    "identity",
    "intentions",
    "knowledge",
    "motivation",
    "opinions",
    "perception",
    "perceptions",
    "perspective",
    "perspectives",
    "preferences",
    "privacy",
    "rights",
    "safety",
    "satisfaction",
    "wellbeing",
];

/// Countable nouns in "-ing" that "these" may wrongly precede ("these setting").
const ING_NOUNS: &[&str] = &[
    "building",
    "drawing",
    "finding",
    "heading",
    "listing",
    "meaning",
    "painting",
    "ranking",
    "recording",
    "setting",
    "warning",
];

/// Words before a number that make it a count ("the two", "between three"), not a label
/// ("Phase two", "Study three").
const BEFORE_COUNT: &[&str] = &[
    "about",
    "all",
    "almost",
    "among",
    "and",
    "approximately",
    "at",
    "between",
    "by",
    "exactly",
    "for",
    "from",
    "her",
    "his",
    "in",
    "into",
    "its",
    "last",
    "nearly",
    "of",
    "on",
    "only",
    "or",
    "other",
    "our",
    "over",
    "roughly",
    "than",
    "the",
    "their",
    "these",
    "those",
    "to",
    "under",
    "with",
];

/// The plural of a singular noun, when the word list knows it.
pub fn plural_of(singular: &str) -> Option<String> {
    let candidate = if let Some(stem) = singular.strip_suffix("is") {
        format!("{stem}es")
    } else if let Some(stem) = singular
        .strip_suffix('y')
        .filter(|s| s.chars().next_back().is_some_and(|c| !"aeiou".contains(c)))
    {
        format!("{stem}ies")
    } else if singular.ends_with(['s', 'x', 'z'])
        || singular.ends_with("ch")
        || singular.ends_with("sh")
    {
        format!("{singular}es")
    } else {
        format!("{singular}s")
    };
    crate::checks::english_words::exact(&candidate).map(|_| candidate)
}

/// Whether the noun phrase before token `i` opens its clause: up to four determiners, modifiers
/// and nouns lead back to the start of the sentence or a word that opens a clause ("The choice
/// of", "that the size of").
fn opens_clause(tokens: &[Token<'_>], i: usize) -> bool {
    let mut j = i;
    for _ in 0..4 {
        if j == 0 || tokens[j].starts_sentence || !tokens[j].joined() {
            return tokens[j].starts_sentence;
        }
        let prev = &tokens[j - 1];
        if !prev.plain() {
            return false;
        }
        let w = prev.lower.as_str();
        if lexicon::clause_opener(w) {
            return true;
        }
        if lexicon::preposition(w) || lexicon::auxiliary(w) || lexicon::Verbs::get().any_form(w) {
            return false;
        }
        j -= 1;
    }
    false
}

/// The token after `i` when it is a plain lower-case word joined to it.
fn next_word<'t, 'a>(tokens: &'t [Token<'a>], i: usize) -> Option<&'t Token<'a>> {
    tokens
        .get(i + 1)
        .filter(|t| t.joined() && t.plain() && t.text == t.lower)
}

impl DeterminerNoun {
    /// "a scripts", "every units", "this representations", "a small volumes".
    fn singular_before_plural(
        tokens: &[Token<'_>],
        text: &str,
        i: usize,
    ) -> Option<(usize, String)> {
        let det = &tokens[i];
        let w = det.lower.as_str();
        if !matches!(w, "a" | "an" | "every" | "each" | "another" | "this") {
            return None;
        }
        if det.text.chars().next().is_some_and(char::is_uppercase) && !det.starts_sentence {
            return None;
        }
        let article = matches!(w, "a" | "an");
        // "a" after a symbol or a label ("Figure 5a refers", "where a lies") is not an article;
        // "an" is not a symbol ("as an assistance systems").
        if article
            && !det.starts_sentence
            && (!det.joined()
                || tokens[i - 1].kind != Kind::Word
                || tokens[i - 1].glued
                || (w == "a" && SYMBOL_CONTEXT.contains(&tokens[i - 1].lower.as_str()))
                || super::determiner(&tokens[i - 1].lower))
        {
            return None;
        }
        let mut head = i + 1;
        let mut strict = false;
        let mut by_noun = false;
        let first = next_word(tokens, i)?;
        if article && !lexicon::plural_noun(&first.lower) {
            // Only a plural after the word between is judged: ask that first, as it is rare.
            if !lexicon::plural_noun(&next_word(tokens, i + 1)?.lower) {
                return None;
            }
            // "a small volumes": one adjective between, and nothing that counts ("a few").
            let word = first.lower.as_str();
            let is_adjective = lexicon::adjective_forms(word);
            let is_verb = lexicon::maybe_verb(word);
            let counting = COUNTING_WORDS.contains(&word);
            let adjective = is_adjective && !is_verb && !counting && !AMOUNT_WORDS.contains(&word);
            // "a small volumes", "an assistance systems": an adjective that is also a verb, or a
            // noun that modifies, is read only where the plural cannot be a verb and plainly
            // ends the phrase (see `strict` below).
            let verb_adjective = is_adjective && is_verb && !counting;
            let modifier_noun = lexicon::singular_noun(word)
                && !lexicon::maybe_adjective(word)
                && !is_verb
                && !ADVERBIAL_NOUNS.contains(&word);
            if !adjective && !verb_adjective && !modifier_noun {
                return None;
            }
            strict = !adjective;
            by_noun = modifier_noun && !verb_adjective;
            head = i + 2;
        }
        let noun = next_word(tokens, head - 1)?;
        let lower = noun.lower.as_str();
        // A plural that modifies ("a systems approach") or counts ("a thousands") is read as a
        // plural only where the phrase plainly ends after it ("an assistance systems while").
        let attributive = ATTRIBUTIVE_PLURALS.contains(&lower);
        if !lexicon::plural_noun(lower)
            || (attributive && COUNTING_PLURALS.contains(&lower))
            || lexicon::UNCOUNTABLE.contains(&lower)
        {
            return None;
        }
        strict |= attributive;
        let singular = lexicon::singular_of(lower)?;
        // Where the plural may be a verb ("a sudden change results in", "a user clicks"), the
        // phrase is read only if it is a noun to the verb lexicon and punctuation inside the
        // sentence or "while" closes it; after a noun ("how a feature works"), not at all.
        let verbs = lexicon::Verbs::get();
        if strict
            && (verbs.third(lower).is_some()
                || verbs.base(&singular).is_some()
                || !plainly_ends(tokens, text, head)
                || (lexicon::maybe_verb(&singular) && !closed_by_punctuation(tokens, text, head))
                || (by_noun && lexicon::has_ing_form(&singular)))
        {
            return None;
        }
        // "in which a client connects": after an adjective, not a verb either, unless
        // punctuation closes the phrase ("within a small volumes, for instance").
        let closed = gap_after(tokens, text, head).contains([',', '.', ';', ':', ')']);
        if !strict && head == i + 2 && lexicon::maybe_verb(&singular) && !closed {
            return None;
        }
        // After "each", "this", "another" (pronouns too) or a sentence-initial "A", an "-s"
        // word that can be a verb is one: "this shows", "each contains".
        if (matches!(w, "each" | "this" | "another") || det.starts_sentence)
            && (lexicon::maybe_verb(&singular) || lexicon::has_ing_form(&singular))
        {
            return None;
        }
        // "a scripts/commands by hand": read past the alternative.
        let mut end = head;
        if gap_after(tokens, text, end).trim() == "/"
            && tokens
                .get(end + 1)
                .is_some_and(|t| t.plain() && lexicon::plural_noun(&t.lower))
        {
            end += 1;
        }
        if !ends_noun_phrase(tokens, text, end) {
            return None;
        }
        Some((head, singular))
    }

    /// "these solution", "several limitation", "the two center of", "various size".
    fn plural_before_singular(
        tokens: &[Token<'_>],
        text: &str,
        i: usize,
    ) -> Option<(usize, Option<String>)> {
        let det = &tokens[i];
        let w = det.lower.as_str();
        let number = lexicon::plural_number(w);
        if !(number
            || matches!(
                w,
                "these" | "several" | "various" | "numerous" | "both" | "many"
            ))
        {
            return None;
        }
        if number
            && !det.starts_sentence
            && !(i > 0
                && tokens[i - 1].plain()
                && BEFORE_COUNT.contains(&tokens[i - 1].lower.as_str()))
        {
            return None;
        }
        let mut head = i + 1;
        let first = next_word(tokens, i)?;
        if first.text.contains('-') && !number {
            head = i + 2;
        }
        let noun = next_word(tokens, head - 1)?;
        let lower = noun.lower.as_str();
        let ing_noun = w == "these" && ING_NOUNS.contains(&lower);
        if !(lexicon::singular_noun(lower) || ing_noun)
            || lexicon::maybe_adjective(lower)
            || UNCOUNTABLE.contains(&lower)
        {
            return None;
        }
        // "these", "several", "both", "many" and numbers are pronouns too: "these result in",
        // "the two overlap". A word that can be a verb is a noun only before "of".
        let pronoun = !matches!(w, "various" | "numerous");
        let next = tokens.get(head + 1).filter(|t| t.joined());
        if pronoun && !ing_noun && lexicon::maybe_verb(lower) && !next.is_some_and(|t| t.is("of")) {
            return None;
        }
        // "both theory and practice": coordinated nouns share the determiner. Not when a verb
        // follows the conjunction ("aware of these restriction and require"): the noun phrase
        // ends there.
        let coordinated = next.is_some_and(|t| t.is("and") || t.is("or"));
        let verb_after = tokens.get(head + 2).is_some_and(|t| {
            t.joined()
                && t.plain()
                && (lexicon::Verbs::get()
                    .base(&t.lower)
                    .is_some_and(|v| v.verb_only())
                    || lexicon::modal(&t.lower))
        });
        if coordinated && !verb_after {
            return None;
        }
        if !coordinated && !ends_noun_phrase(tokens, text, head) {
            return None;
        }
        Some((head, plural_of(lower)))
    }

    /// "the users privacy", "the models ability": a plural noun after a possessive-taking
    /// determiner and before a noun of what belongs to it; the index of the plural.
    fn possessive_without_apostrophe(tokens: &[Token<'_>], i: usize) -> Option<usize> {
        if !matches!(
            tokens[i].lower.as_str(),
            "the" | "their" | "our" | "its" | "his" | "her" | "your" | "my"
        ) {
            return None;
        }
        let owner = next_word(tokens, i)?;
        let owned = next_word(tokens, i + 1)?;
        let lower = owner.lower.as_str();
        if !lower.ends_with('s')
            || !lexicon::plural_noun(lower)
            || ATTRIBUTIVE_PLURALS.contains(&lower)
            || UNCOUNTABLE.contains(&lower)
            || !POSSESSED.contains(&owned.lower.as_str())
        {
            return None;
        }
        // "the users account for a third": a verb.
        if owned.lower == "account" && tokens.get(i + 3).is_some_and(|t| t.is("for")) {
            return None;
        }
        Some(i + 1)
    }

    /// "The of the loss", "exactly as the in the first example": "the" right before a
    /// preposition or a verb of being, where a noun is missing or "the" is stray.
    fn article_without_noun(tokens: &[Token<'_>], text: &str, i: usize) -> Option<usize> {
        if !tokens[i].is("the") {
            return None;
        }
        // "the word the in the text": a word mentioned, not used.
        if i > 0
            && matches!(
                tokens[i - 1].lower.as_str(),
                "word" | "words" | "article" | "term" | "token" | "string"
            )
        {
            return None;
        }
        let next = tokens.get(i + 1).filter(|t| t.joined() && t.plain())?;
        if !matches!(
            next.lower.as_str(),
            "of" | "in" | "is" | "are" | "was" | "were" | "from" | "with"
        ) {
            return None;
        }
        // Only white space after it ("the in/out ratio", "the of-relation" are terms), and not
        // a Latin phrase ("the in vitro assay").
        let after = gap_after(tokens, text, i + 1);
        let latin = tokens.get(i + 2).is_some_and(|t| {
            matches!(
                t.lower.as_str(),
                "vitro" | "vivo" | "situ" | "silico" | "utero" | "toto" | "vacuo" | "extenso"
            )
        });
        (!latin && !after.is_empty() && after.chars().all(char::is_whitespace)).then_some(i + 1)
    }

    /// "such model" → "such a model".
    fn such_without_article(tokens: &[Token<'_>], text: &str, i: usize) -> Option<usize> {
        if !tokens[i].is("such") {
            return None;
        }
        if i > 0
            && tokens[i - 1].plain()
            && matches!(
                tokens[i - 1].lower.as_str(),
                "no" | "any" | "one" | "each" | "every" | "some" | "all" | "many" | "few"
            )
        {
            return None;
        }
        let noun = next_word(tokens, i)?;
        if !COUNTABLE_AFTER_SUCH.contains(&noun.lower.as_str()) {
            return None;
        }
        let next = tokens.get(i + 2).filter(|t| t.joined());
        (ends_noun_phrase(tokens, text, i + 1) || next.is_some_and(|t| t.is("and")))
            .then_some(i + 1)
    }

    /// "the distribution of percentiles values for", "and buildings interactions.": a plural
    /// noun that modifies a following plural noun, inside a phrase led by a preposition or
    /// "and"; the index of the modifier. Nouns modify in the singular ("percentile values"),
    /// but for a few that are plural in sense ("sales", "systems", "methods"), which are left
    /// alone. The phrase must end right after the second noun, and the first must not be a
    /// verb form: elsewhere two plurals in a row are often a clause ("in all regions cells
    /// divide", "the tools researchers use", "gives users options").
    fn plural_modifier(tokens: &[Token<'_>], text: &str, i: usize) -> Option<usize> {
        // Two words ending in "s" must follow, one to modify and one modified: the word lists
        // are asked only when they do.
        let plurals_ahead = tokens[i + 1..]
            .iter()
            .take(4)
            .filter(|t| t.lower.ends_with('s'))
            .count();
        if plurals_ahead < 2 {
            return None;
        }
        let lead = &tokens[i];
        let w = lead.lower.as_str();
        let verbs = lexicon::Verbs::get();
        // A verb that takes one object ("reduce researchers degrees of freedom"), not two
        // ("gives users options").
        let transitive = (verbs.base(w).is_some() || verbs.third(w).is_some())
            && verbs
                .base(w)
                .or_else(|| verbs.third(w))
                .is_some_and(|v| !DITRANSITIVE.contains(&v.base.as_str()) && v.verb_only());
        if !(lexicon::preposition(w) || w == "and" || transitive)
            || w == "like"
            || w == "as"
            || w == "than"
        {
            return None;
        }
        // The preposition must not open its clause ("In both groups patients with").
        let preposition = lexicon::preposition(w);
        if lead.starts_sentence
            || (w != "and" && lead.gap.contains(','))
            || (preposition && i > 0 && lexicon::clause_opener(&tokens[i - 1].lower))
        {
            return None;
        }
        // Up to one determiner and one modifier before the first plural.
        let mut first = i + 1;
        for _ in 0..2 {
            let t = next_word(tokens, first - 1)?;
            let lower = t.lower.as_str();
            if lexicon::plural_noun(lower) && lower.ends_with('s') {
                break;
            }
            let modifier = super::determiner(lower)
                || (lexicon::maybe_adjective(lower) && !lexicon::maybe_verb(lower));
            if !modifier || lexicon::plural_number(lower) {
                return None;
            }
            first += 1;
        }
        let modifier = next_word(tokens, first - 1)?;
        let noun = next_word(tokens, first)?;
        let (m, n) = (modifier.lower.as_str(), noun.lower.as_str());
        let regular_plural = |p: &str| {
            p.len() >= 5
                && p.ends_with('s')
                && lexicon::plural_noun(p)
                && !ATTRIBUTIVE_PLURALS.contains(&p)
                && !UNCOUNTABLE.contains(&p)
                && !NOT_PLURAL_MODIFIERS.contains(&p)
        };
        // The second word must not be a verb ("the choice of these variables responds to").
        if !regular_plural(m) || !regular_plural(n) || lexicon::Verbs::get().third(n).is_some() {
            return None;
        }
        let singular = lexicon::singular_of(m)?;
        if lexicon::maybe_verb(&singular)
            || lexicon::has_ing_form(&singular)
            || lexicon::Verbs::get().any_form(m)
        {
            return None;
        }
        // A second noun that may be a verb, in an of-phrase that opens the clause ("The choice
        // of these variables responds"), is the verb of that clause.
        // Elsewhere such a noun must be followed by what cannot follow a verb ("values for",
        // "degrees of"; not "misunderstandings seems to", "extinctions increases with").
        // After a verb, such a noun is the verb of a clause ("the order in which we specify the
        // arguments matters").
        let singular_n = lexicon::singular_of(n)?;
        if lexicon::maybe_verb(&singular_n) {
            if preposition && opens_clause(tokens, i) {
                return None;
            }
            let known_verb = lexicon::Verbs::get().base(&singular_n).is_some();
            let phrase_lead = preposition || w == "and";
            let after_noun = tokens.get(first + 2).is_some_and(|t| {
                t.joined()
                    && t.plain()
                    && ((t.is("of") && !known_verb)
                        || (t.is("and") && phrase_lead)
                        || (t.is("for")
                            && phrase_lead
                            && !known_verb
                            && !VERBS_WITH_FOR.contains(&singular_n.as_str())))
            });
            if !after_noun {
                return None;
            }
        }
        // The phrase ends after the second noun: punctuation, a preposition, "and" or "or".
        let gap = gap_after(tokens, text, first + 1);
        let ends = gap.contains([',', '.', ';', ':', ')', '!', '?'])
            || tokens.get(first + 2).is_none()
            || tokens.get(first + 2).is_some_and(|t| {
                t.joined()
                    && t.plain()
                    && ((lexicon::preposition(&t.lower) && t.lower != "like")
                        || t.is("and")
                        || t.is("or"))
            });
        ends.then_some(first)
    }

    /// "a multi-carriers energy system", "three-dimensions tasks": a compound modifier that
    /// counts and ends in a plural, before a noun; the index of the compound.
    fn plural_in_compound(tokens: &[Token<'_>], i: usize) -> Option<String> {
        let t = &tokens[i];
        let (prefix, last) = t.lower.rsplit_once('-')?;
        let prefix = prefix.rsplit('-').next().unwrap_or(prefix);
        if !COUNTING_PREFIXES.contains(&prefix)
            || FRACTIONS.contains(&last)
            || !last.ends_with('s')
            || !lexicon::plural_noun(last)
            || ATTRIBUTIVE_PLURALS.contains(&last)
        {
            return None;
        }
        let next = next_word(tokens, i)?;
        let n = next.lower.as_str();
        let noun = (lexicon::singular_noun(n) || lexicon::plural_noun(n))
            && !lexicon::Verbs::get().any_form(n)
            && !lexicon::maybe_adjective(n);
        if !noun {
            return None;
        }
        let singular = lexicon::singular_of(last)?;
        Some(format!(
            "{}{singular}",
            &t.text[..t.text.len() - last.len()]
        ))
    }

    /// "a 14 parameters model": "a", a number, a plural and a noun; the index of the plural.
    fn plural_after_numbered_article(tokens: &[Token<'_>], i: usize) -> Option<usize> {
        if !(tokens[i].is("a") || tokens[i].is("an")) {
            return None;
        }
        let number = tokens.get(i + 1).filter(|t| t.joined())?;
        if number.kind != Kind::Number {
            return None;
        }
        let plural = next_word(tokens, i + 1)?;
        let noun = next_word(tokens, i + 2)?;
        let p = plural.lower.as_str();
        let n = noun.lower.as_str();
        let fits = p.ends_with('s')
            && lexicon::plural_noun(p)
            && !NOT_PLURAL_MODIFIERS.contains(&p)
            && lexicon::singular_noun(n)
            && !lexicon::Verbs::get().any_form(n)
            && !lexicon::maybe_adjective(n);
        fits.then_some(i + 2)
    }

    /// "If user wants to", "researcher can delay": a singular noun for people, with no
    /// determiner, before its verb; the index of the noun.
    fn bare_countable_subject(tokens: &[Token<'_>], i: usize) -> Option<usize> {
        let noun = &tokens[i];
        if !noun.plain() || !BARE_COUNTABLE.contains(&noun.lower.as_str()) {
            return None;
        }
        // Nothing that could be its determiner or modifier stands before it. Not at the start
        // of a sentence: a list of features is written so ("- User can upload files").
        let opens = (noun.gap.contains(',') && !noun.starts_sentence)
            || (i > 0
                && noun.joined()
                && tokens[i - 1].plain()
                && (matches!(
                    tokens[i - 1].lower.as_str(),
                    "if" | "when" | "so" | "unless" | "because" | "whether" | "once"
                ) || (lexicon::plural_noun(&tokens[i - 1].lower)
                    && !ATTRIBUTIVE_PLURALS.contains(&tokens[i - 1].lower.as_str()))));
        if !opens {
            return None;
        }
        let verb = tokens.get(i + 1).filter(|t| t.joined() && t.plain())?;
        let v = verb.lower.as_str();
        let verbs = lexicon::Verbs::get();
        let finite = lexicon::modal(v)
            || matches!(v, "is" | "has" | "was" | "does" | "needs" | "wants")
            || verbs.third(v).is_some_and(|x| x.verb_only());
        finite.then_some(i)
    }

    /// "twice as much tabs", "too much errors": "much" after "as", "too", "so", "how" or
    /// "very" before a regular plural noun, which takes "many"; the index of the noun. Not
    /// before a word that may be a verb ("so much needs to be done") nor in "much thanks".
    fn much_before_plural(tokens: &[Token<'_>], i: usize) -> Option<usize> {
        // After "as", "too", "so", "how" or "very", "much" is a determiner; elsewhere it may be
        // the subject ("much changes when").
        if tokens[i].lower != "much"
            || i == 0
            || !tokens[i].joined()
            || !matches!(
                tokens[i - 1].lower.as_str(),
                "as" | "too" | "so" | "how" | "very"
            )
        {
            return None;
        }
        let noun = next_word(tokens, i)?;
        let w = noun.lower.as_str();
        let regular_plural = w.len() >= 4
            && w.ends_with('s')
            && !w.ends_with("ss")
            && lexicon::plural_noun(w)
            && !UNCOUNTABLE.contains(&w)
            && !ATTRIBUTIVE_PLURALS.contains(&w)
            && !NOT_PLURAL_MODIFIERS.contains(&w);
        let may_be_verb = lexicon::maybe_verb(w) || lexicon::Verbs::get().third(w).is_some();
        if !regular_plural || w == "thanks" || may_be_verb {
            return None;
        }
        Some(i + 1)
    }

    /// "the `print()` and `summary()` function": two code names joined by "and" before a
    /// singular noun for code; the index of the noun.
    fn code_pair_singular(tokens: &[Token<'_>], text: &str, i: usize) -> Option<usize> {
        if !tokens[i].is("the") {
            return None;
        }
        let [a, and, b, noun] = [i + 1, i + 2, i + 3, i + 4].map(|j| tokens.get(j));
        let (a, and, b, noun) = (a?, and?, b?, noun?);
        let pair = a.kind == Kind::Placeholder
            && b.kind == Kind::Placeholder
            && and.is("and")
            && and.joined()
            && b.joined()
            && noun.joined()
            && noun.plain()
            && CODE_NOUNS.contains(&noun.lower.as_str());
        (pair && ends_noun_phrase(tokens, text, i + 4)).then_some(i + 4)
    }

    /// "a reliable software", "an information".
    fn article_before_uncountable(tokens: &[Token<'_>], text: &str, i: usize) -> Option<usize> {
        let det = &tokens[i];
        if !(det.is("a") || det.is("an")) {
            return None;
        }
        let mut head = i + 1;
        let first = next_word(tokens, i)?;
        if !UNCOUNTABLE.contains(&first.lower.as_str()) {
            if !lexicon::adjective_forms(&first.lower) || lexicon::maybe_verb(&first.lower) {
                return None;
            }
            head = i + 2;
        }
        let noun = next_word(tokens, head - 1)?;
        // "a knowledge of" is idiomatic; "a research project" is a compound.
        if !UNCOUNTABLE.contains(&noun.lower.as_str()) || noun.lower == "knowledge" {
            return None;
        }
        ends_noun_phrase(tokens, text, head).then_some(head)
    }
}

impl Check for DeterminerNoun {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        run(
            cx,
            &self.parts,
            &self.scope,
            &self.memo,
            |text, tokens, language| {
                if language != "en" {
                    return super::romance_number::find(text, tokens, language);
                }
                let mut findings = Vec::new();
                for i in 0..tokens.len() {
                    if !tokens[i].plain() {
                        continue;
                    }
                    let det = tokens[i].text;
                    if let Some((head, singular)) = Self::singular_before_plural(tokens, text, i) {
                        let noun = tokens[head].text;
                        findings.push(finding(
                        tokens[head].range.clone(),
                        format!("“{det}” before the plural “{noun}”"),
                        Some(match_case(noun, &singular)),
                        format!(
                            "“{det}” takes a singular noun: write “{singular}”, or make the whole phrase plural"
                        ),
                    ));
                    } else if let Some((head, plural)) =
                        Self::plural_before_singular(tokens, text, i)
                    {
                        let noun = tokens[head].text;
                        let help = match &plural {
                            Some(p) => format!("“{det}” takes a plural noun: write “{p}”"),
                            None => format!("“{det}” takes a plural noun"),
                        };
                        findings.push(finding(
                            tokens[head].range.clone(),
                            format!("“{det}” before the singular “{noun}”"),
                            plural,
                            help,
                        ));
                    } else if let Some(head) = Self::such_without_article(tokens, text, i) {
                        let noun = tokens[head].text;
                        let article =
                            if crate::checks::article::consonant_sound(noun) == Some(false) {
                                "an"
                            } else {
                                "a"
                            };
                        let range = tokens[i].range.start..tokens[head].range.end;
                        findings.push(finding(
                        range,
                        format!("“such” before the singular “{noun}” without an article"),
                        Some(format!("{det} {article} {noun}")),
                        format!("a singular countable noun after “such” needs “{article}”: write “such {article} {noun}”, or use the plural"),
                    ));
                    } else if let Some(next) = Self::article_without_noun(tokens, text, i) {
                        let word = tokens[next].text;
                        let range = tokens[i].range.start..tokens[next].range.end;
                        findings.push(finding(
                        range,
                        format!("“{det}” before “{word}” with no noun between"),
                        None,
                        format!("a noun is missing after “{det}”, or “{det}” is stray: write “{det} … {word}” or “{word}”"),
                    ));
                    } else if let Some(owner) = Self::possessive_without_apostrophe(tokens, i) {
                        let noun = tokens[owner].text;
                        let owned = tokens[owner + 1].text;
                        let range = tokens[owner].range.start..tokens[owner + 1].range.end;
                        let singular =
                            lexicon::singular_of(&tokens[owner].lower).unwrap_or_default();
                        findings.push(finding(
                        range,
                        format!("“{noun} {owned}” lacks the apostrophe of a possessive"),
                        Some(format!("{noun}' {owned}")),
                        format!(
                            "write “{noun}' {owned}” (many owners) or “{singular}'s {owned}” (one)"
                        ),
                    ));
                    } else if let Some(fixed) = Self::plural_in_compound(tokens, i) {
                        let compound = tokens[i].text;
                        findings.push(finding(
                            tokens[i].range.clone(),
                            format!("the plural in the compound modifier “{compound}”"),
                            Some(fixed.clone()),
                            format!(
                                "a noun inside a compound modifier is singular: write “{fixed}”"
                            ),
                        ));
                    } else if let Some(p) = Self::plural_after_numbered_article(tokens, i) {
                        let plural = tokens[p].text;
                        let number = tokens[p - 1].text;
                        let singular = lexicon::singular_of(&tokens[p].lower).unwrap_or_default();
                        findings.push(finding(
                        tokens[p].range.clone(),
                        format!("the plural “{plural}” inside a modifier after “{det}”"),
                        Some(singular.clone()),
                        format!("a counted noun that modifies another is singular and hyphenated: write “{det} {number}-{singular} {}”", tokens[p + 1].text),
                    ));
                    } else if let Some(n) = Self::bare_countable_subject(tokens, i) {
                        let noun = tokens[n].text;
                        let plural = plural_of(&tokens[n].lower).unwrap_or_default();
                        findings.push(finding(
                        tokens[n].range.clone(),
                        format!("the singular “{noun}” without an article"),
                        None,
                        format!("a singular countable noun needs a determiner: write “the {}”, “a {}” or the plural “{plural}”", tokens[n].lower, tokens[n].lower),
                    ));
                    } else if let Some(n) = Self::code_pair_singular(tokens, text, i) {
                        let noun = tokens[n].text;
                        let plural = plural_of(&tokens[n].lower).unwrap_or_default();
                        findings.push(finding(
                            tokens[n].range.clone(),
                            format!("the singular “{noun}” after two names joined by “and”"),
                            Some(plural.clone()),
                            format!("two names make the noun plural: write “{plural}”"),
                        ));
                    } else if let Some(first) = Self::plural_modifier(tokens, text, i) {
                        let modifier = tokens[first].text;
                        let noun = tokens[first + 1].text;
                        let singular =
                            lexicon::singular_of(&tokens[first].lower).unwrap_or_default();
                        findings.push(finding(
                        tokens[first].range.clone(),
                        format!("the plural “{modifier}” modifies the noun “{noun}”"),
                        Some(match_case(modifier, &singular)),
                        format!("a noun that modifies another is singular: write “{singular} {noun}”, or “{noun} of {modifier}”; for a possessive, write “{modifier}' {noun}”"),
                    ));
                    } else if let Some(head) = Self::much_before_plural(tokens, i) {
                        let noun = tokens[head].text;
                        findings.push(finding(
                            tokens[i].range.clone(),
                            format!("“{det}” before the plural “{noun}”"),
                            Some(match_case(det, "many")),
                            format!("“much” goes with uncountable nouns: write “many {noun}”"),
                        ));
                    } else if let Some(head) = Self::article_before_uncountable(tokens, text, i) {
                        let noun = tokens[head].text;
                        findings.push(finding(
                        tokens[i].range.clone(),
                        format!("“{det}” before the uncountable “{noun}”"),
                        None,
                        format!("“{noun}” has no singular with “a”: drop “{det}”, or write “a piece of {noun}”, “a {noun} package”, …"),
                    ));
                    }
                }
                findings
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_singulars() {
        assert_eq!(plural_of("solution").as_deref(), Some("solutions"));
        assert_eq!(plural_of("analysis").as_deref(), Some("analyses"));
        assert_eq!(plural_of("study").as_deref(), Some("studies"));
        assert_eq!(plural_of("match").as_deref(), Some("matches"));
    }
}
