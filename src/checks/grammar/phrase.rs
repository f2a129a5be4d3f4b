//! `set-phrase`: a set phrase or a fixed form written wrongly: "in term of", "each others", "by
//! trial and errors", "in some extent", "referred as", "despite of", "the both", "in the other
//! hand", "discuss about", "would of", "relatively to", "Figure 1 and 2", "ranging from 2.30 and
//! 2.35", "it's own", "their is", "can not", "is straight forward", "softwares", "minimas",
//! "over than", "in the meanwhile", "obeying to", "between preys", "normal distributed", an
//! adjective for the adverb after a verb of showing ("shown analytical how"), a bare participle
//! after a citation or a name ("@key shown that"), and a clause without its subject ("since is
//! not possible", "indicates that has"); in Portuguese, the crase left out ([`super::crase`]).
//!
//! Each entry is a sequence of words, matched without regard to case where only white space
//! separates them; `#` stands for a number. The phrases were chosen because their wrong form is
//! never right in running prose.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::{Kind, Params, Token, UnitFinding, finding, match_case, run};
use crate::checks::{Check, Context, LanguageScope};
use crate::diagnostic::Finding;
use crate::manuscript::Part;

pub struct SetPhrase {
    parts: Vec<Part>,
    scope: LanguageScope,
    memo: super::Memo,
}

impl SetPhrase {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            memo: super::Memo::default(),
            scope,
        }
    }
}

/// A wrong phrase, the right one, and why.
struct Entry {
    words: &'static [&'static str],
    right: &'static str,
    why: &'static str,
}

const fn e(words: &'static [&'static str], right: &'static str, why: &'static str) -> Entry {
    Entry { words, right, why }
}

const FIXED: &str = "the phrase is fixed";
const POSSESSIVE: &str = "a part of the Earth takes the possessive";
const GASES: &str = "the plural of the noun “gas” is “gases” (“gasses” is a form of the verb)";
const UNCOUNTABLE: &str = "the noun is uncountable and has no plural";
const PLURAL: &str = "the word is already a plural";
const NO_SUBJECT: &str = "the clause has a verb but no subject";
const PREY: &str = "the plural of the noun “prey” is “prey” (“preys” is a form of the verb)";
const DISTRIBUTED: &str = "an adverb modifies the participle “distributed”";

const ENTRIES: &[Entry] = &[
    // The Earth's parts take the possessive ("a point on the Earth's surface").
    e(
        &["the", "earth", "surface"],
        "the Earth's surface",
        POSSESSIVE,
    ),
    e(
        &["the", "earth", "atmosphere"],
        "the Earth's atmosphere",
        POSSESSIVE,
    ),
    e(&["the", "earth", "orbit"], "the Earth's orbit", POSSESSIVE),
    e(
        &["the", "earth", "radius"],
        "the Earth's radius",
        POSSESSIVE,
    ),
    e(&["the", "earth", "crust"], "the Earth's crust", POSSESSIVE),
    e(
        &["the", "earth", "mantle"],
        "the Earth's mantle",
        POSSESSIVE,
    ),
    e(
        &["the", "earth", "rotation"],
        "the Earth's rotation",
        POSSESSIVE,
    ),
    e(&["in", "term", "of"], "in terms of", FIXED),
    e(&["at", "same", "time"], "at the same time", FIXED),
    e(&["each", "others"], "each other", FIXED),
    e(&["trial", "and", "errors"], "trial and error", FIXED),
    e(&["in", "some", "extent"], "to some extent", FIXED),
    e(&["in", "a", "large", "extent"], "to a large extent", FIXED),
    e(&["in", "a", "great", "extent"], "to a great extent", FIXED),
    e(
        &["in", "a", "certain", "extent"],
        "to a certain extent",
        FIXED,
    ),
    e(&["in", "large", "extent"], "to a large extent", FIXED),
    e(
        &["referred", "as"],
        "referred to as",
        "“refer” takes “to”: “referred to as”",
    ),
    e(
        &["refer", "as"],
        "refer to as",
        "“refer” takes “to”: “refer to … as”",
    ),
    e(
        &["refers", "as"],
        "refers to as",
        "“refer” takes “to”: “refers to … as”",
    ),
    e(
        &["despite", "of"],
        "despite",
        "“despite” takes no “of” (“in spite of” does)",
    ),
    e(&["in", "the", "other", "hand"], "on the other hand", FIXED),
    e(
        &["discuss", "about"],
        "discuss",
        "“discuss” takes a direct object",
    ),
    e(
        &["discusses", "about"],
        "discusses",
        "“discuss” takes a direct object",
    ),
    e(
        &["discussing", "about"],
        "discussing",
        "“discuss” takes a direct object",
    ),
    e(
        &["emphasize", "on"],
        "emphasize",
        "“emphasize” takes a direct object",
    ),
    e(
        &["emphasizes", "on"],
        "emphasizes",
        "“emphasize” takes a direct object",
    ),
    e(
        &["emphasise", "on"],
        "emphasise",
        "“emphasise” takes a direct object",
    ),
    e(&["cope", "up", "with"], "cope with", FIXED),
    e(&["the", "both"], "both", "“both” takes no article"),
    e(&["would", "of"], "would have", "“would’ve” is “would have”"),
    e(&["could", "of"], "could have", "“could’ve” is “could have”"),
    e(
        &["should", "of"],
        "should have",
        "“should’ve” is “should have”",
    ),
    e(
        &["relatively", "to"],
        "relative to",
        "the preposition is “relative to”",
    ),
    e(
        &["independently", "to"],
        "independently of",
        "the preposition is “independently of”",
    ),
    e(
        &["most", "common", "used"],
        "most commonly used",
        "an adverb modifies “used”",
    ),
    e(
        &["it's", "own"],
        "its own",
        "“it's” is “it is”; the possessive is “its”",
    ),
    e(&["there", "own"], "their own", "the possessive is “their”"),
    e(&["their", "is"], "there is", "“their” is a possessive"),
    e(&["their", "are"], "there are", "“their” is a possessive"),
    e(&["their", "was"], "there was", "“their” is a possessive"),
    e(&["their", "were"], "there were", "“their” is a possessive"),
    e(
        &["ranging", "from", "#", "and", "#"],
        "ranging from # to #",
        "“from” pairs with “to”",
    ),
    e(
        &["figure", "#", "and", "#"],
        "Figures # and #",
        "two figures are plural",
    ),
    e(
        &["table", "#", "and", "#"],
        "Tables # and #",
        "two tables are plural",
    ),
    e(
        &["section", "#", "and", "#"],
        "Sections # and #",
        "two sections are plural",
    ),
    e(
        &["equation", "#", "and", "#"],
        "Equations # and #",
        "two equations are plural",
    ),
    e(
        &["can", "not"],
        "cannot",
        "the negative of “can” is written as one word (“can not only” stands)",
    ),
    e(
        &["straight", "forward"],
        "straightforward",
        "the adjective is one word (“go straight forward” is a direction)",
    ),
    e(
        &["over", "than"],
        "more than",
        "“over” takes no “than”: “more than” or “over”",
    ),
    e(&["in", "the", "meanwhile"], "meanwhile", FIXED),
    e(&["obey", "to"], "obey", "“obey” takes a direct object"),
    e(&["obeys", "to"], "obeys", "“obey” takes a direct object"),
    e(&["obeyed", "to"], "obeyed", "“obey” takes a direct object"),
    e(
        &["obeying", "to"],
        "obeying",
        "“obey” takes a direct object",
    ),
    // A clause without its subject: "since is not possible", "indicates that has more".
    e(&["since", "is"], "since it is", NO_SUBJECT),
    e(&["since", "was"], "since it was", NO_SUBJECT),
    e(&["because", "is"], "because it is", NO_SUBJECT),
    e(&["because", "was"], "because it was", NO_SUBJECT),
    e(&["although", "is"], "although it is", NO_SUBJECT),
    e(
        &["indicates", "that", "has"],
        "indicates that it has",
        NO_SUBJECT,
    ),
    e(
        &["indicates", "that", "is"],
        "indicates that it is",
        NO_SUBJECT,
    ),
    e(
        &["suggests", "that", "has"],
        "suggests that it has",
        NO_SUBJECT,
    ),
    e(
        &["suggests", "that", "is"],
        "suggests that it is",
        NO_SUBJECT,
    ),
    // "gasses" is a form of the verb "to gas"; after a determiner, an adjective or a
    // coordination it is the noun, whose plural is "gases".
    e(&["the", "gasses"], "the gases", GASES),
    e(&["of", "gasses"], "of gases", GASES),
    e(&["and", "gasses"], "and gases", GASES),
    e(&["or", "gasses"], "or gases", GASES),
    e(&["these", "gasses"], "these gases", GASES),
    e(&["other", "gasses"], "other gases", GASES),
    e(&["greenhouse", "gasses"], "greenhouse gases", GASES),
    e(&["noble", "gasses"], "noble gases", GASES),
    e(&["toxic", "gasses"], "toxic gases", GASES),
    e(&["ideal", "gasses"], "ideal gases", GASES),
    e(&["exhaust", "gasses"], "exhaust gases", GASES),
    e(&["dissolved", "gasses"], "dissolved gases", GASES),
    // "evidences" is a verb too ("the letter evidences his concern"); after a determiner or
    // an adjective it is the noun, which has no plural.
    e(&["the", "evidences"], "the evidence", UNCOUNTABLE),
    e(&["these", "evidences"], "this evidence", UNCOUNTABLE),
    e(&["many", "evidences"], "much evidence", UNCOUNTABLE),
    e(
        &["several", "evidences"],
        "several pieces of evidence",
        UNCOUNTABLE,
    ),
    e(&["some", "evidences"], "some evidence", UNCOUNTABLE),
    e(&["mounting", "evidences"], "mounting evidence", UNCOUNTABLE),
    e(&["growing", "evidences"], "growing evidence", UNCOUNTABLE),
    e(&["strong", "evidences"], "strong evidence", UNCOUNTABLE),
    e(
        &["empirical", "evidences"],
        "empirical evidence",
        UNCOUNTABLE,
    ),
    e(
        &["experimental", "evidences"],
        "experimental evidence",
        UNCOUNTABLE,
    ),
    e(&["new", "evidences"], "new evidence", UNCOUNTABLE),
    // "preys" is a form of the verb "to prey" ("the owl preys on mice"); after a determiner, a
    // preposition or a coordination it is the noun, whose plural is "prey".
    e(&["the", "preys"], "the prey", PREY),
    e(&["of", "preys"], "of prey", PREY),
    e(&["and", "preys"], "and prey", PREY),
    e(&["or", "preys"], "or prey", PREY),
    e(&["between", "preys"], "between prey", PREY),
    e(&["their", "preys"], "their prey", PREY),
    e(&["its", "preys"], "its prey", PREY),
    e(&["these", "preys"], "these prey", PREY),
    e(&["many", "preys"], "many prey", PREY),
    e(&["other", "preys"], "other prey", PREY),
    e(&["potential", "preys"], "potential prey", PREY),
    e(&["on", "preys"], "on prey", PREY),
    e(&["with", "preys"], "with prey", PREY),
    e(&["for", "preys"], "for prey", PREY),
    // An adjective for the adverb before "distributed": "normal distributed" data.
    e(
        &["normal", "distributed"],
        "normally distributed",
        DISTRIBUTED,
    ),
    e(
        &["uniform", "distributed"],
        "uniformly distributed",
        DISTRIBUTED,
    ),
    e(
        &["exponential", "distributed"],
        "exponentially distributed",
        DISTRIBUTED,
    ),
    e(
        &["identical", "distributed"],
        "identically distributed",
        DISTRIBUTED,
    ),
    e(
        &["independent", "distributed"],
        "independently distributed",
        DISTRIBUTED,
    ),
    e(
        &["random", "distributed"],
        "randomly distributed",
        DISTRIBUTED,
    ),
    e(
        &["lognormal", "distributed"],
        "lognormally distributed",
        DISTRIBUTED,
    ),
    e(
        &["log-normal", "distributed"],
        "log-normally distributed",
        DISTRIBUTED,
    ),
    e(&["softwares"], "software", UNCOUNTABLE),
    e(&["informations"], "information", UNCOUNTABLE),
    e(&["equipments"], "equipment", UNCOUNTABLE),
    e(&["feedbacks"], "feedback", UNCOUNTABLE),
    e(&["knowledges"], "knowledge", UNCOUNTABLE),
    e(&["minimas"], "minima", PLURAL),
    e(&["maximas"], "maxima", PLURAL),
    e(&["optimas"], "optima", PLURAL),
    e(&["criterias"], "criteria", PLURAL),
    e(&["phenomenas"], "phenomena", PLURAL),
    e(&["datas"], "data", PLURAL),
    e(&["bacterias"], "bacteria", PLURAL),
];

/// Whether "straight forward" at `i` follows a verb of being or a degree word, directly or
/// across a sentence adverb ("is then straight forward to derive").
fn adjective_context(tokens: &[Token<'_>], i: usize) -> bool {
    let before = |k: usize| {
        (i >= k && tokens[i + 1 - k..=i].iter().all(Token::joined))
            .then(|| tokens[i - k].lower.as_str())
    };
    before(1).is_some_and(|w| ADJECTIVE_CONTEXT.contains(&w))
        || (before(1).is_some_and(|w| SENTENCE_ADVERBS.contains(&w))
            && before(2).is_some_and(|w| ADJECTIVE_CONTEXT.contains(&w)))
}

/// Adverbs that may stand between a verb of being and its adjective.
const SENTENCE_ADVERBS: &[&str] = &[
    "also",
    "always",
    "generally",
    "hence",
    "now",
    "often",
    "still",
    "then",
    "therefore",
    "thus",
    "usually",
];

/// Words after which "straight forward" can only be the adjective "straightforward".
const ADJECTIVE_CONTEXT: &[&str] = &[
    "are",
    "be",
    "been",
    "fairly",
    "is",
    "less",
    "more",
    "not",
    "pretty",
    "quite",
    "rather",
    "relatively",
    "seem",
    "seems",
    "so",
    "too",
    "very",
    "was",
    "were",
];

/// Whether "distributed" at `i` ends its phrase: punctuation, the end, or a preposition or
/// conjunction follows ("random distributed over the grid"), not a noun it modifies.
fn distributed_ends_phrase(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i + 1).is_none_or(|t| {
        !t.joined()
            || matches!(
                t.lower.as_str(),
                "across"
                    | "along"
                    | "among"
                    | "and"
                    | "around"
                    | "as"
                    | "between"
                    | "by"
                    | "in"
                    | "on"
                    | "or"
                    | "over"
                    | "with"
                    | "within"
                    | "throughout"
                    | "according"
            )
    })
}

/// The entries by their first word, in table order (`#` for those that open with a number), so
/// that each token is tried only against the entries it can open.
static BY_FIRST_WORD: LazyLock<HashMap<&'static str, Vec<&'static Entry>>> = LazyLock::new(|| {
    let mut index: HashMap<&'static str, Vec<&'static Entry>> = HashMap::new();
    for entry in ENTRIES {
        index.entry(entry.words[0]).or_default().push(entry);
    }
    index
});

/// The first entry that matches the tokens from `i`, with the index of its last token.
fn entry_at(tokens: &[Token<'_>], i: usize) -> Option<(&'static Entry, usize)> {
    let token = &tokens[i];
    let key = match token.kind {
        Kind::Number => "#",
        Kind::Word => token.lower.as_str(),
        _ => return None,
    };
    BY_FIRST_WORD
        .get(key)?
        .iter()
        .find_map(|entry| matches_at(tokens, i, entry).map(|last| (*entry, last)))
}

/// Whether `entry` matches the tokens from `i`; returns the last token's index. A `#` takes a
/// number with its decimals ("2.30": three tokens).
fn matches_at(tokens: &[Token<'_>], i: usize, entry: &Entry) -> Option<usize> {
    let mut at = i;
    for (k, word) in entry.words.iter().enumerate() {
        let t = tokens.get(at)?;
        if t.glued || (k > 0 && !t.joined()) {
            return None;
        }
        if *word == "#" {
            if t.kind != Kind::Number {
                return None;
            }
            at += decimals(tokens, at);
        } else if t.kind != Kind::Word || t.lower != *word {
            return None;
        }
        at += 1;
    }
    Some(at - 1)
}

/// How many tokens after the number at `i` are its decimals: one after a point ("2.30").
fn decimals(tokens: &[Token<'_>], i: usize) -> usize {
    usize::from(
        tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == Kind::Number && t.gap == "."),
    )
}

/// The right phrase with the numbers of the written one (in `text`, the source of `tokens`).
fn fill_numbers(right: &str, tokens: &[Token<'_>], text: &str) -> String {
    let mut numbers = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if tokens[k].kind == Kind::Number {
            let end = k + decimals(tokens, k);
            numbers.push(&text[tokens[k].range.start..tokens[end].range.end]);
            k = end;
        }
        k += 1;
    }
    let mut numbers = numbers.into_iter();
    right
        .split(' ')
        .map(|w| {
            if w == "#" {
                numbers.next().unwrap_or("#")
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Check for SetPhrase {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        run(
            cx,
            &self.parts,
            &self.scope,
            &self.memo,
            |text, tokens, language| {
                match language {
                    "pt" => return super::crase::find(text, tokens),
                    "en" => {}
                    _ => return Vec::new(),
                }
                let mut findings = Vec::new();
                let mut i = 0;
                while i < tokens.len() {
                    let Some((entry, last)) = entry_at(tokens, i) else {
                        i += 1;
                        continue;
                    };
                    // "the both of them" is informal but not wrong; a lone "the both" is.
                    if entry.words == ["the", "both"]
                        && tokens
                            .get(last + 1)
                            .is_some_and(|t| t.joined() && t.lower == "of")
                    {
                        i += 1;
                        continue;
                    }
                    // "can not only … but also" negates "only", not "can".
                    if entry.words == ["can", "not"]
                        && tokens
                            .get(last + 1)
                            .is_some_and(|t| t.joined() && t.lower == "only")
                    {
                        i += 1;
                        continue;
                    }
                    // "and preys on" is the verb ("hunts and preys on rabbits").
                    if entry.words.last() == Some(&"preys")
                        && tokens.get(last + 1).is_some_and(|t| {
                            t.joined() && matches!(t.lower.as_str(), "on" | "upon")
                        })
                    {
                        i += 1;
                        continue;
                    }
                    // "a random distributed algorithm" has two adjectives: "random" and
                    // "independent" need "distributed" to end the phrase.
                    if matches!(entry.words.first(), Some(&("random" | "independent")))
                        && entry.words.last() == Some(&"distributed")
                        && !distributed_ends_phrase(tokens, last)
                    {
                        i += 1;
                        continue;
                    }
                    // "straight forward" is the adjective after a verb of being or a degree word
                    // ("is straight forward to derive"); elsewhere it may be a direction.
                    if entry.words == ["straight", "forward"] && !adjective_context(tokens, i) {
                        i += 1;
                        continue;
                    }
                    let span = tokens[i].range.start..tokens[last].range.end;
                    let written = &text[span.clone()];
                    let right = match_case(
                        tokens[i].text,
                        &fill_numbers(entry.right, &tokens[i..=last], text),
                    );
                    findings.push(finding(
                        span,
                        format!("“{written}” for “{right}”"),
                        Some(right.clone()),
                        format!("write “{right}”: {}", entry.why),
                    ));
                    i = last + 1;
                }
                findings.extend(comma_before_that(text, tokens));
                findings.extend(comma_before_inverted_verb(text, tokens));
                findings.extend(relative_fragment(text, tokens));
                findings.extend(missing_copula(text, tokens));
                findings.extend(missing_preposition(text, tokens));
                findings.extend(participle_for_verb(text, tokens));
                findings.extend(adjective_for_adverb(text, tokens));
                findings.extend(participle_without_auxiliary(tokens));
                findings
            },
        )
    }
}

/// Verbs of showing and saying whose "that" clause is their object, which no comma separates.
const VERBS_OF_SAYING: &[&str] = &[
    "conclude",
    "concluded",
    "concludes",
    "demonstrate",
    "demonstrated",
    "demonstrates",
    "found",
    "indicate",
    "indicated",
    "indicates",
    "reveal",
    "revealed",
    "reveals",
    "show",
    "showed",
    "shown",
    "shows",
    "suggest",
    "suggested",
    "suggests",
];

/// "shows, that the part": a comma between a verb of saying and its that-clause ("that is"
/// and "that said" are parentheses, not clauses).
fn comma_before_that(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len().saturating_sub(2) {
        let (verb, that, next) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
        let saying = verb.plain() && VERBS_OF_SAYING.contains(&verb.lower.as_str());
        if !saying
            || !that.is("that")
            || that.gap.trim() != ","
            || !next.joined()
            || matches!(next.lower.as_str(), "is" | "said" | "being")
        {
            continue;
        }
        let span = verb.range.start..that.range.end;
        let written = &text[span.clone()];
        let right = format!("{} that", verb.text);
        findings.push(finding(
            span,
            format!("“{written}” for “{right}”"),
            Some(right.clone()),
            format!("write “{right}”: a that-clause after a verb of saying takes no comma"),
        ));
    }
    findings
}

/// "On the right, is an example": a comma between a place phrase that opens the sentence and
/// the verb it inverts ("On the right is an example").
fn comma_before_inverted_verb(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len().saturating_sub(3) {
        let (prep, the, place, verb) = (&tokens[i], &tokens[i + 1], &tokens[i + 2], &tokens[i + 3]);
        let opens = prep.starts_sentence
            && matches!(prep.lower.as_str(), "on" | "at" | "in")
            && the.joined()
            && the.is("the")
            && place.joined()
            && matches!(place.lower.as_str(), "left" | "right" | "top" | "bottom");
        if !opens
            || verb.gap.trim() != ","
            || !verb.plain()
            || !matches!(
                verb.lower.as_str(),
                "is" | "are" | "was" | "were" | "lies" | "lie" | "appears" | "appear"
            )
        {
            continue;
        }
        let span = place.range.start..verb.range.end;
        let written = &text[span.clone()];
        let right = format!("{} {}", place.text, verb.text);
        findings.push(finding(
            span,
            format!("“{written}” for “{right}”"),
            Some(right.clone()),
            format!("write “{right}”: no comma parts a place phrase from the verb that follows it"),
        ));
    }
    findings
}

/// Quantifiers that open a relative clause with "of which" ("All of which improves …").
const OF_WHICH: &[&str] = &[
    "all", "both", "each", "many", "most", "none", "several", "some",
];

/// "All of which significantly improves the results.": a relative clause written as a sentence
/// of its own, which must hang on the sentence before it.
fn relative_fragment(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len().saturating_sub(2) {
        let (quantifier, of, which) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
        if !quantifier.starts_sentence
            || !quantifier.plain()
            || !OF_WHICH.contains(&quantifier.lower.as_str())
            || !of.joined()
            || !of.is("of")
            || !which.joined()
            || !which.is("which")
        {
            continue;
        }
        // A question is a sentence of its own ("Which of these is best?").
        let end = text[which.range.end..]
            .find(['.', '?', '!'])
            .map_or(text.len(), |k| which.range.end + k);
        if text[end..].starts_with('?') {
            continue;
        }
        let span = quantifier.range.start..which.range.end;
        let written = &text[span.clone()];
        findings.push(finding(
            span,
            format!("“{written}” opens a sentence"),
            None,
            format!(
                "join the clause to the sentence before it with a comma (“…, {} of which …”), or give it a subject of its own",
                quantifier.lower
            ),
        ));
    }
    findings
}

/// Compound prepositions that end in "of" or "to", and that word: never followed by a
/// determiner directly ("by means the tool" is "by means of the tool").
const NEEDS_PREPOSITION: &[(&[&str], &str)] = &[
    (&["by", "means"], "of"),
    (&["in", "spite"], "of"),
    (&["in", "front"], "of"),
    (&["on", "behalf"], "of"),
    (&["with", "respect"], "to"),
    (&["with", "regard"], "to"),
    (&["in", "the", "course"], "of"),
    (&["during", "the", "course"], "of"),
];

/// Processes "in the course of" runs over; after "the course" another noun may be the subject
/// of a clause ("In the course the students learned"), so only these are read.
const PROCESSES: &[&str] = &[
    "analysis",
    "development",
    "disease",
    "evaluation",
    "experiment",
    "experiments",
    "illness",
    "interview",
    "interviews",
    "investigation",
    "process",
    "project",
    "research",
    "review",
    "study",
    "survey",
    "treatment",
    "trial",
    "work",
];

/// "by means the tool", "in the course the study": a compound preposition without its last
/// word before the noun phrase it governs.
fn missing_preposition(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len() {
        // Most tokens open none of the phrases: compare the first word once.
        if !NEEDS_PREPOSITION
            .iter()
            .any(|(words, _)| tokens[i].lower == words[0])
        {
            continue;
        }
        for (words, preposition) in NEEDS_PREPOSITION {
            let n = words.len();
            let Some(window) = tokens.get(i..i + n + 2) else {
                continue;
            };
            let phrase = words
                .iter()
                .zip(window)
                .enumerate()
                .all(|(k, (w, t))| t.plain() && t.lower == *w && (k == 0 || t.joined()));
            let (determiner, noun) = (&window[n], &window[n + 1]);
            if !phrase
                || !determiner.joined()
                || !determiner.plain()
                || !super::determiner(&determiner.lower)
                || !noun.joined()
                || (words[n - 1] == "course" && !PROCESSES.contains(&noun.lower.as_str()))
            {
                continue;
            }
            let span = window[n - 1].range.start..determiner.range.end;
            let fixed = format!("{} {preposition} {}", window[n - 1].text, determiner.text);
            findings.push(finding(
                span.clone(),
                format!("“{}” lacks “{preposition}”", &text[span]),
                Some(fixed.clone()),
                format!(
                    "write “{fixed}”: “{} {preposition}” is one preposition",
                    words.join(" ")
                ),
            ));
        }
    }
    findings
}

/// Participles written for the verb after a demonstrative that opens a sentence, the word that
/// must follow them, and the verb meant.
const PARTICIPLE_FOR_VERB: &[(&str, &[&str], &str)] = &[
    ("leading", &["to"], "leads"),
    ("resulting", &["in", "from"], "results"),
    ("contributing", &["to"], "contributes"),
    ("meaning", &["that"], "means"),
    ("implying", &["that"], "implies"),
    ("suggesting", &["that"], "suggests"),
    ("indicating", &["that"], "indicates"),
];

/// "This leading to a decrease in productivity.": a sentence whose verb is a participle, after
/// "This" or "That" as its subject ("This leading role" keeps its adjective: no "to" follows).
fn participle_for_verb(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len().saturating_sub(2) {
        let (subject, participle, next) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
        if !subject.starts_sentence
            || !subject.plain()
            || !matches!(subject.lower.as_str(), "this" | "that")
            || !participle.joined()
            || !participle.plain()
            || !next.joined()
            || !next.plain()
        {
            continue;
        }
        let Some((_, _, verb)) = PARTICIPLE_FOR_VERB
            .iter()
            .find(|(p, after, _)| *p == participle.lower && after.contains(&next.lower.as_str()))
        else {
            continue;
        };
        let span = subject.range.start..participle.range.end;
        let fixed = format!("{} {verb}", subject.text);
        findings.push(finding(
            span.clone(),
            format!("“{}” has no finite verb", &text[span]),
            Some(fixed.clone()),
            format!(
                "write “{fixed}”, or join the phrase to the sentence before it with a comma \
                 (“…, {} {}”)",
                participle.lower, next.lower
            ),
        ));
    }
    findings
}

/// Words that open a subordinate clause, after which a subject and its verb follow.
const SUBORDINATORS: &[&str] = &[
    "although", "because", "if", "once", "since", "though", "unless", "when", "whenever",
    "whether", "while",
];

/// Adjectives that follow a verb of being and never a subject directly ("you are unsure").
const PREDICATIVE_ADJECTIVES: &[&str] = &[
    "able",
    "afraid",
    "aware",
    "certain",
    "comfortable",
    "concerned",
    "confident",
    "eager",
    "familiar",
    "happy",
    "interested",
    "ready",
    "sure",
    "unable",
    "unaware",
    "uncertain",
    "uncomfortable",
    "unfamiliar",
    "unhappy",
    "unsure",
    "unwilling",
    "willing",
    "worried",
];

/// "If you uncomfortable with the terminal": a subject pronoun and a predicative adjective with
/// no verb between them, at the start of a subordinate clause.
fn missing_copula(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 1..tokens.len().saturating_sub(1) {
        let (opener, pronoun, adjective) = (&tokens[i - 1], &tokens[i], &tokens[i + 1]);
        let be = match pronoun.lower.as_str() {
            "i" => "am",
            "you" | "we" | "they" => "are",
            "he" | "she" | "it" => "is",
            _ => continue,
        };
        if !opener.plain()
            || !SUBORDINATORS.contains(&opener.lower.as_str())
            || !pronoun.joined()
            || pronoun.glued
            || !adjective.joined()
            || !adjective.plain()
            || !PREDICATIVE_ADJECTIVES.contains(&adjective.lower.as_str())
        {
            continue;
        }
        let span = pronoun.range.start..adjective.range.end;
        let fixed = format!("{} {be} {}", pronoun.text, adjective.text);
        findings.push(finding(
            span.clone(),
            format!("“{}” has no verb", &text[span]),
            Some(fixed.clone()),
            format!("write “{fixed}”: an adjective needs a verb to join it to its subject"),
        ));
    }
    findings
}

/// Verbs of showing, proving and deriving, whose manner is told by an adverb.
const VERBS_OF_SHOWING: &[&str] = &[
    "demonstrate",
    "demonstrated",
    "demonstrates",
    "derive",
    "derived",
    "derives",
    "prove",
    "proved",
    "proven",
    "proves",
    "show",
    "showed",
    "shown",
    "shows",
    "verified",
    "validated",
];

/// Adjectives written where the adverb of manner is meant, and that adverb.
const MANNER_ADJECTIVES: &[(&str, &str)] = &[
    ("analytical", "analytically"),
    ("empirical", "empirically"),
    ("exemplary", "exemplarily"),
    ("experimental", "experimentally"),
    ("formal", "formally"),
    ("mathematical", "mathematically"),
    ("numerical", "numerically"),
    ("statistical", "statistically"),
    ("theoretical", "theoretically"),
];

/// "we have shown analytical how", "shown exemplary for": an adjective for the adverb after a
/// verb of showing, where a clause or a preposition (not a noun) follows.
fn adjective_for_adverb(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len().saturating_sub(2) {
        let (verb, adjective, next) = (&tokens[i], &tokens[i + 1], &tokens[i + 2]);
        let showing = verb.plain() && VERBS_OF_SHOWING.contains(&verb.lower.as_str());
        if !showing
            || !adjective.plain()
            || !adjective.joined()
            || !next.plain()
            || !next.joined()
            || !matches!(
                next.lower.as_str(),
                "that" | "how" | "for" | "in" | "by" | "with"
            )
        {
            continue;
        }
        let Some((_, adverb)) = MANNER_ADJECTIVES
            .iter()
            .find(|(a, _)| *a == adjective.lower)
        else {
            continue;
        };
        let span = adjective.range.clone();
        let written = &text[span.clone()];
        findings.push(finding(
            span,
            format!("“{written}” for “{adverb}”"),
            Some((*adverb).to_string()),
            format!(
                "write “{adverb}”: an adverb tells how “{}” was done",
                verb.text
            ),
        ));
    }
    findings
}

/// Participles that are never a past tense, and that past tense.
const PARTICIPLES: &[(&str, &str)] = &[("shown", "showed"), ("proven", "proved")];

/// "@key shown that", "Smith et al. shown that": a citation or a name as the subject of a bare
/// participle, which needs the past tense or an auxiliary ("showed", "have shown").
fn participle_without_auxiliary(tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 1..tokens.len().saturating_sub(1) {
        let (subject, verb, that) = (&tokens[i - 1], &tokens[i], &tokens[i + 1]);
        let Some((_, past)) = PARTICIPLES.iter().find(|(p, _)| *p == verb.lower) else {
            continue;
        };
        if verb.kind != Kind::Word
            || verb.glued
            || verb.text != verb.lower
            || !that.is("that")
            || !that.joined()
        {
            continue;
        }
        let gap = verb.gap.trim();
        let is_subject = match subject.kind {
            Kind::Placeholder => gap.is_empty() || matches!(gap, "]" | ")"),
            Kind::Word => {
                // "et al. shown", or a name: capitalised, not at the start of a sentence.
                (subject.lower == "al" && gap == ".")
                    || (gap.is_empty()
                        && !verb.starts_sentence
                        && !subject.starts_sentence
                        && !subject.glued
                        && subject.text.chars().next().is_some_and(char::is_uppercase)
                        && subject.text.chars().skip(1).all(char::is_lowercase))
            }
            _ => false,
        };
        if !is_subject {
            continue;
        }
        let span = verb.range.clone();
        findings.push(finding(
            span,
            format!("“{}” without an auxiliary", verb.text),
            Some((*past).to_string()),
            format!(
                "write “{past}” or “have {}”: a participle needs an auxiliary to be the verb",
                verb.text
            ),
        ));
    }
    findings
}
