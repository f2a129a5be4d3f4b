//! `subject-verb-agreement`: a subject and its verb that disagree in number.
//!
//! - a pronoun and its verb: "It have", "This bring", "we has", "what happen";
//! - a plural noun and a singular verb: "Lines shows", "Blue and black histograms shows",
//!   "mechanisms that modifies", "Many studies in the literature assumes", "the results of the
//!   survey was";
//! - a singular noun and a plural verb: "The axis are", "each point are", "The author gratefully
//!   acknowledge", "this problem have", and across an of-phrase that ends in a plural: "The
//!   convergence of the models are";
//! - "There exists several", "it exists different types" (for "there exist").
//!
//! The subject must be seen to open its clause (the sentence starts with it, or a word such as
//! "that" or "because" stands before it): a noun after a preposition ("the number of students
//! has") or after a verb ("the method that uses features is") is not the subject. Nouns whose
//! singular takes a plural verb in British usage ("the team are"), quantities ("ten years is"),
//! and "data" and "media" (singular in much current usage) are left alone.

use super::lexicon::{self, Verbs};
use super::{Kind, Params, Token, UnitFinding, finding, match_case, run, subject_start};
use crate::checks::{Check, Context, LanguageScope};
use crate::diagnostic::Finding;
use crate::manuscript::Part;

pub struct SubjectVerb {
    parts: Vec<Part>,
    scope: LanguageScope,
    memo: super::Memo,
}

impl SubjectVerb {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            memo: super::Memo::default(),
            scope,
        }
    }
}

/// Plural auxiliaries and their singular.
const PLURAL_TO_SINGULAR: &[(&str, &str)] = &[
    ("are", "is"),
    ("were", "was"),
    ("have", "has"),
    ("do", "does"),
    ("don't", "doesn't"),
    ("aren't", "isn't"),
    ("weren't", "wasn't"),
    ("haven't", "hasn't"),
];

/// Nouns whose singular may take a plural verb (British usage, or the sense is plural).
const COLLECTIVE: &[&str] = &[
    "army",
    "audience",
    "board",
    "bulk",
    "class",
    "committee",
    "community",
    "company",
    "couple",
    "crew",
    "family",
    "faculty",
    "fraction",
    "government",
    "group",
    "half",
    "jury",
    "kind",
    "lot",
    "majority",
    "minority",
    "management",
    "number",
    "opposition",
    "pair",
    "panel",
    "part",
    "percentage",
    "population",
    "proportion",
    "press",
    "public",
    "range",
    "remainder",
    "rest",
    "set",
    "side",
    "sort",
    "staff",
    "team",
    "total",
    "type",
    "union",
    "variety",
];

/// Singular nouns that name a share or a kind of what follows and may take its number ("the
/// remainder of the samples are", "this sort of errors are", "the bulk of the funds were").
const NOT_A_HEAD: &[&str] = &[
    "amount", "array", "average", "bunch", "host", "handful", "mean", "mix", "mixture", "one",
    "plenty", "portion", "series", "share", "sum", "subset", "variety",
];

/// Plurals that name an amount and take a singular verb ("ten years is a long time").
const MEASURES: &[&str] = &[
    "days", "dollars", "euros", "hours", "minutes", "months", "percent", "pounds", "seconds",
    "times", "weeks", "years",
];

/// Adverbs that may stand between a subject and its verb.
fn adverb(token: &Token<'_>) -> bool {
    if !token.plain() {
        return false;
    }
    let w = token.lower.as_str();
    if matches!(
        w,
        "also" | "often" | "always" | "never" | "still" | "usually" | "sometimes" | "thus"
    ) {
        return true;
    }
    let Some(stem) = w.strip_suffix("ly") else {
        return false;
    };
    if w.len() < 6 || Verbs::get().any_form(w) {
        return false;
    }
    let known = |s: &str| crate::checks::english_words::exact(s).is_some();
    known(stem)
        || stem
            .strip_suffix('i')
            .is_some_and(|s| known(&format!("{s}y")))
}

/// The singular form of a plural verb token: "are" → "is", "provide" → "provides".
fn singular_verb(token: &Token<'_>) -> Option<String> {
    if !token.plain() {
        return None;
    }
    let w = token.lower.as_str();
    if let Some((_, s)) = PLURAL_TO_SINGULAR.iter().find(|(p, _)| *p == w) {
        return Some((*s).to_string());
    }
    Verbs::get().plain_base(w).map(|v| v.third.clone())
}

/// The plural form of a singular verb token: "is" → "are", "provides" → "provide".
fn plural_verb(token: &Token<'_>, any_third: bool) -> Option<String> {
    if !token.plain() {
        return None;
    }
    let w = token.lower.as_str();
    if let Some((p, _)) = PLURAL_TO_SINGULAR.iter().find(|(_, s)| *s == w) {
        return Some((*p).to_string());
    }
    let verb = Verbs::get().third(w)?;
    if verb.base == "need" || (!any_third && !verb.verb_only()) {
        return None;
    }
    Some(verb.base.clone())
}

/// Whether a relative clause after the noun at `head` ("mechanisms that modifies") belongs to
/// that noun: not when the noun follows a preposition ("a version of his ideas that is", "the
/// elements of the device that allow") or a coordination ("shoots and callus which have"), where
/// the clause may belong to an earlier noun.
fn own_antecedent(tokens: &[Token<'_>], head: usize) -> bool {
    let verbs = Verbs::get();
    let mut j = head;
    for _ in 0..6 {
        let t = &tokens[j];
        if t.starts_sentence {
            return true;
        }
        if !t.joined() || j == 0 {
            return false;
        }
        let prev = &tokens[j - 1];
        if prev.kind != Kind::Word || prev.glued {
            return false;
        }
        let w = prev.lower.as_str();
        if lexicon::preposition(w) || matches!(w, "and" | "or" | "nor") {
            return false;
        }
        if verbs.any_form(w) && !lexicon::auxiliary(w) {
            // A verb: the noun is its object, and the clause is the noun's.
            return true;
        }
        let modifier = super::determiner(w)
            || (!lexicon::function_word(w) && !w.ends_with("ing") && !w.ends_with("ed"));
        if !modifier {
            return false;
        }
        j -= 1;
    }
    false
}

/// Whether the words before the "and" at `and` end a predicate ("the two are pretty close
/// and", "lower than expected and"): the "and" then joins two clauses, and the phrase after it
/// is a subject of its own, not the second half of a compound subject.
fn ends_predicate(tokens: &[Token<'_>], and: usize) -> bool {
    if and < 2 || !tokens[and].joined() || !tokens[and - 1].joined() {
        return false;
    }
    let (word, before) = (&tokens[and - 1], &tokens[and - 2]);
    let adjective = word.plain()
        && (lexicon::maybe_adjective(&word.lower)
            || (word.lower.ends_with("ed") && word.lower.len() > 4));
    adjective
        && before.plain()
        && matches!(
            before.lower.as_str(),
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "seem"
                | "seems"
                | "remain"
                | "remains"
                | "very"
                | "pretty"
                | "quite"
                | "rather"
                | "fairly"
                | "too"
                | "so"
                | "than"
                | "not"
        )
}

/// Whether `token` is a regular plural noun that can head a subject.
fn plural_subject(token: &Token<'_>) -> bool {
    let w = token.lower.as_str();
    token.plain()
        && !MEASURES.contains(&w)
        && !Verbs::get().third(w).is_some_and(|v| v.verb_only())
        && (matches!(
            w,
            "criteria" | "phenomena" | "people" | "children" | "men" | "women"
        ) || (w.ends_with('s') && lexicon::plural_noun(w)))
}

/// Whether `token` is a singular noun that can head a subject.
fn singular_subject(token: &Token<'_>) -> bool {
    let w = token.lower.as_str();
    token.plain()
        && lexicon::singular_noun(w)
        && !COLLECTIVE.contains(&w)
        && !lexicon::maybe_adjective(w)
}

/// Whether the clause opened at `start` follows a verb of demand ("we recommend that the model
/// provide"): its verb is then a subjunctive.
fn mandative(tokens: &[Token<'_>], start: usize) -> bool {
    start >= 2
        && tokens[start - 1].is("that")
        && matches!(
            tokens[start - 2].lower.as_str(),
            "require"
                | "requires"
                | "required"
                | "recommend"
                | "recommends"
                | "recommended"
                | "suggest"
                | "suggests"
                | "suggested"
                | "essential"
                | "important"
                | "necessary"
                | "crucial"
                | "vital"
                | "demand"
                | "demands"
                | "insist"
                | "propose"
                | "proposed"
                | "ask"
                | "asked"
        )
}

/// A finding on a verb with its corrected form.
fn verb_finding(verb: &Token<'_>, subject: &str, number: &str, fixed: &str) -> UnitFinding {
    let fixed = match_case(verb.text, fixed);
    finding(
        verb.range.clone(),
        format!(
            "“{}” does not agree with the {number} subject “{subject}”",
            verb.text
        ),
        Some(fixed.clone()),
        format!("write “{fixed}”, or change the subject to match the verb"),
    )
}

/// A name or an acronym written as one ("DSOM", "Python") or with hyphens ("DNF-SOM"): the index
/// of its last token, starting at `i`.
fn name_at(tokens: &[Token<'_>], i: usize) -> Option<usize> {
    let capitalised = |t: &Token<'_>| {
        t.kind == Kind::Word
            && !t.glued
            && t.text.chars().next().is_some_and(char::is_uppercase)
            && !t.plain()
    };
    if !capitalised(tokens.get(i)?) {
        return None;
    }
    let mut last = i;
    while tokens
        .get(last + 1)
        .is_some_and(|t| t.gap == "-" && !t.starts_sentence && capitalised(t))
    {
        last += 1;
    }
    Some(last)
}

impl SubjectVerb {
    /// "DSOM, DNF-SOM and RSOM provides": three names or more listed with commas and "and" at
    /// the start of a clause, before a verb that is only a verb, in the singular. Returns the
    /// verb, its plural and the list's last token.
    fn listed_names(tokens: &[Token<'_>], i: usize) -> Option<(usize, String, usize)> {
        let first = &tokens[i];
        if !(first.starts_sentence || first.gap.trim() == ",") {
            return None;
        }
        let mut items = 1;
        let mut end = name_at(tokens, i)?;
        loop {
            let next = tokens.get(end + 1)?;
            if next.gap.trim() == "," && !next.starts_sentence && next.kind == Kind::Word {
                if next.is("and") {
                    end = name_at(tokens, end + 2).filter(|_| tokens[end + 2].joined())?;
                    items += 1;
                    break;
                }
                end = name_at(tokens, end + 1)?;
                items += 1;
            } else if next.is("and") && next.joined() {
                end = name_at(tokens, end + 2).filter(|_| tokens[end + 2].joined())?;
                items += 1;
                break;
            } else {
                return None;
            }
        }
        let verb = tokens.get(end + 1).filter(|t| t.joined())?;
        if items < 3 {
            return None;
        }
        let fixed = plural_verb(verb, false)?;
        Some((end + 1, fixed, end))
    }
}

impl SubjectVerb {
    /// "It have", "This bring", "we has", "what happen".
    fn pronoun(tokens: &[Token<'_>], i: usize) -> Option<(usize, String, &'static str)> {
        let subject = &tokens[i];
        let verb = tokens.get(i + 1).filter(|t| t.joined() && t.plain())?;
        let w = subject.lower.as_str();
        let v = verb.lower.as_str();
        let prev = (i > 0 && tokens[i].joined()).then(|| tokens[i - 1].lower.as_str());
        match w {
            "it" | "he" | "she" | "this" => {
                // A subject stands at the start of its clause ("variables that use it do").
                let opens = subject.starts_sentence
                    || subject.gap.contains(',')
                    || prev.is_some_and(|p| {
                        lexicon::clause_opener(p)
                            || matches!(
                                p,
                                "and" | "but" | "or" | "then" | "now" | "also" | "when" | "where"
                            )
                    });
                if !opens {
                    return None;
                }
                // "make it have", "does it have", "that it be": not a subject with its own verb.
                if prev.is_some_and(|p| {
                    lexicon::auxiliary(p)
                        || matches!(
                            p,
                            "make"
                                | "makes"
                                | "made"
                                | "making"
                                | "let"
                                | "lets"
                                | "letting"
                                | "help"
                                | "helps"
                                | "helped"
                                | "helping"
                                | "see"
                                | "sees"
                                | "saw"
                                | "watch"
                                | "watched"
                                | "hear"
                                | "heard"
                                | "having"
                                | "that"
                                | "why"
                                | "how"
                                | "to"
                                | "lest"
                        )
                }) || !subject.plain()
                {
                    return None;
                }
                // "if it were", "as though it were": a subjunctive.
                if v == "were"
                    && tokens[i.saturating_sub(3)..i].iter().any(|t| {
                        matches!(t.lower.as_str(), "if" | "though" | "wish" | "as" | "even")
                    })
                {
                    return None;
                }
                if w == "this" && v == "lead" {
                    return tokens
                        .get(i + 2)
                        .is_some_and(|t| t.joined() && t.is("to"))
                        .then(|| (i + 1, "leads".to_string(), "singular"));
                }
                if w == "this" && matches!(v, "do" | "don't") {
                    return None;
                }
                singular_verb(verb).map(|s| (i + 1, s, "singular"))
            }
            "we" | "they" | "you" => {
                if !subject.plain() {
                    return None;
                }
                plural_verb(verb, false).map(|p| (i + 1, p, "plural"))
            }
            "what" => {
                if !subject.plain() || prev.is_some_and(lexicon::auxiliary) {
                    return None;
                }
                matches!(v, "happen" | "occur" | "exist" | "remain")
                    .then(|| (i + 1, format!("{v}s"), "singular"))
            }
            _ => None,
        }
    }

    /// "There exists several", "there is many", "it exists different types".
    fn existential(tokens: &[Token<'_>], i: usize) -> Option<(usize, String)> {
        let first = &tokens[i];
        if !(first.is("there") || first.is("it")) {
            return None;
        }
        let verb = tokens.get(i + 1).filter(|t| t.joined() && t.plain())?;
        let next = tokens.get(i + 2).filter(|t| t.joined() && t.plain())?;
        let many = matches!(
            next.lower.as_str(),
            "several" | "many" | "multiple" | "numerous" | "various"
        ) || lexicon::plural_number(&next.lower);
        let fixed = match (first.lower.as_str(), verb.lower.as_str()) {
            ("there", "exists") if many || lexicon::plural_noun(&next.lower) => "exist",
            ("there", "is") if many => "are",
            ("there", "was") if many => "were",
            ("it", "exists") if many || next.is("different") => "there exist",
            _ => return None,
        };
        if first.lower == "it" {
            return Some((
                i,
                format!("{} {}", match_case(first.text, "there"), "exist"),
            ));
        }
        Some((i + 1, match_case(verb.text, fixed)))
    }

    /// "Lines shows", "histograms shows", "mechanisms that modifies".
    fn plural_noun_singular_verb(tokens: &[Token<'_>], h: usize) -> Option<(usize, String)> {
        let head = &tokens[h];
        if head.kind != Kind::Word || !head.lower.ends_with('s') && !head.lower.ends_with('a') {
            // Every plural subject ends in "s" but "criteria", "phenomena", "people", "children",
            // "men", "women".
            if !matches!(head.lower.as_str(), "people" | "children" | "men" | "women") {
                return None;
            }
        }
        let mut v = h + 1;
        // Not "which": it often stands for a whole clause ("…, which allows").
        let relative = tokens
            .get(v)
            .is_some_and(|t| t.joined() && (t.is("that") || t.is("who")));
        if relative {
            if !own_antecedent(tokens, h) {
                return None;
            }
            v += 1;
        }
        let verb = tokens.get(v).filter(|t| t.joined())?;
        // "the situation sets limits": when the verb is also a noun, the subject must not be
        // a verb itself.
        let fixed = plural_verb(verb, true)?;
        if plural_verb(verb, false).is_none() {
            let noun_only_head = head.starts_sentence
                || lexicon::singular_of(&head.lower).is_none_or(|s| !lexicon::maybe_verb(&s));
            if lexicon_attributive(&head.lower) || !noun_only_head {
                return None;
            }
        }
        if !plural_subject(head) {
            return None;
        }
        // "the loop holds prevents": a head that is also a verb ("holds", "works", "takes")
        // is a noun only right after a determiner ("the results is").
        if Verbs::get().third(&head.lower).is_some()
            && !(h > 0 && head.joined() && super::determiner(&tokens[h - 1].lower))
        {
            return None;
        }
        if !relative {
            let start = subject_start(tokens, h, true)?;
            if tokens[start..h]
                .iter()
                .any(|t| t.kind == Kind::Number || lexicon::plural_number(&t.lower))
            {
                return None;
            }
        }
        Some((v, fixed))
    }

    /// "Many studies in literature assumes", "the results of the survey was".
    fn plural_head_across_phrase(tokens: &[Token<'_>], h: usize) -> Option<(usize, String)> {
        let head = &tokens[h];
        let before_phrase = tokens.get(h + 1).is_some_and(|t| {
            t.joined()
                && matches!(
                    t.lower.as_str(),
                    "in" | "of" | "on" | "from" | "for" | "with" | "across"
                )
        });
        if !before_phrase || !plural_subject(head) {
            return None;
        }
        let start = subject_start(tokens, h, false)?;
        let det = &tokens[start];
        let plural_det = matches!(
            det.lower.as_str(),
            "many"
                | "several"
                | "these"
                | "those"
                | "most"
                | "all"
                | "both"
                | "numerous"
                | "various"
                | "few"
        );
        if !(plural_det || det.lower == "the") || start == h || h - start > 2 {
            return None;
        }
        let prep = tokens.get(h + 1).filter(|t| t.joined() && t.plain())?;
        let allowed = if plural_det {
            matches!(
                prep.lower.as_str(),
                "in" | "of" | "on" | "from" | "for" | "with" | "across"
            )
        } else {
            prep.lower == "of"
        };
        if !allowed {
            return None;
        }
        // Up to three words of the prepositional phrase, none a verb or a clause opener.
        for v in h + 2..(h + 6).min(tokens.len()) {
            let t = &tokens[v];
            if !t.joined() || !t.plain() {
                return None;
            }
            if v > h + 2
                && let Some(fixed) = plural_verb(t, false)
            {
                // The noun right before the verb must be singular ("survey was"), or the verb
                // may agree with it after all.
                let before = &tokens[v - 1];
                return singular_subject(before).then_some((v, fixed));
            }
            let w = t.lower.as_str();
            let np_word = matches!(w, "the" | "a" | "an" | "this" | "its" | "their" | "our")
                || (!lexicon::function_word(w)
                    && !Verbs::get().any_form(w)
                    && !w.ends_with("ing")
                    && !w.ends_with("ed"));
            if !np_word {
                return None;
            }
        }
        None
    }

    /// "The convergence of the models are", "the topology of the two maps do not", "the
    /// number of clusters were": a singular head, an of-phrase that ends in a plural noun, and
    /// a plural verb that agrees with that noun instead of the head.
    fn singular_head_across_phrase(tokens: &[Token<'_>], h: usize) -> Option<(usize, String)> {
        let head = &tokens[h];
        let of = tokens.get(h + 1).is_some_and(|t| t.joined() && t.is("of"));
        // "the number of" counts as one ("a number of" is many).
        let number = head.lower == "number";
        if !of
            || !(number || (singular_subject(head) && !NOT_A_HEAD.contains(&head.lower.as_str())))
        {
            return None;
        }
        // The determiner, up to two modifiers before the head ("the underlying topology").
        let start = (h.saturating_sub(3)..h)
            .rev()
            .find(|&d| tokens[d].kind == Kind::Word && super::determiner(&tokens[d].lower))?;
        let det = tokens[start].lower.as_str();
        let determined = if number {
            det == "the"
        } else {
            matches!(det, "the" | "this" | "that" | "its" | "their" | "our")
        };
        if !determined || mandative(tokens, start) {
            return None;
        }
        // The words between are modifiers: no plural among them ("the sales figure").
        if tokens[start + 1..=h].iter().any(|t| {
            !t.plain()
                || !t.joined()
                || lexicon::function_word(&t.lower)
                || (t.lower.ends_with('s') && t.lower != head.lower)
        }) {
            return None;
        }
        // The phrase opens its clause: the sentence starts with it, or a conjunction stands
        // before it ("As the use of these trials continue", "that the size of the markers are").
        let opens = tokens[start].starts_sentence
            || (start > 0
                && tokens[start].joined()
                && tokens[start - 1].plain()
                && (lexicon::clause_opener(&tokens[start - 1].lower)
                    || (tokens[start - 1].starts_sentence && tokens[start - 1].lower == "as")
                    || (tokens[start - 1].is("and") && ends_predicate(tokens, start - 1))));
        if !opens {
            return None;
        }
        // Up to four words of the phrase, none a verb or a clause opener, then the verb.
        for v in h + 2..(h + 7).min(tokens.len()) {
            let t = &tokens[v];
            if !t.joined() || (t.kind == Kind::Word && t.glued) {
                return None;
            }
            if v > h + 2
                && t.kind == Kind::Word
                && let Some(fixed) = singular_verb(t)
            {
                // The noun right before the verb must be plural ("the models are"): the verb
                // agrees with it, not with the head.
                let before = &tokens[v - 1];
                let auxiliary = PLURAL_TO_SINGULAR.iter().any(|(p, _)| *p == t.lower);
                let plural = before.lower.ends_with('s') && plural_subject(before);
                // Or singular like the head ("the part of the energy arise"): the verb then
                // agrees with neither.
                let singular = !number && !auxiliary && singular_subject(before);
                return ((plural || singular)
                    && (auxiliary || !lexicon::maybe_adjective(&t.lower)))
                .then_some((v, fixed));
            }
            if t.kind == Kind::Number {
                continue;
            }
            let w = t.lower.as_str();
            // A plural noun that is also a verb ("models", "maps") only right before the verb.
            let noun_verb = plural_subject(t)
                && tokens
                    .get(v + 1)
                    .is_some_and(|n| n.joined() && singular_verb(n).is_some());
            let np_word = t.plain()
                && (matches!(w, "the" | "a" | "an" | "these" | "those" | "its" | "their" | "our")
                    || lexicon::plural_number(w)
                    || noun_verb
                    // A compound modifier ("cluster-randomized", "well-known").
                    || (w.contains('-') && !w.ends_with('-'))
                    || (!lexicon::function_word(w)
                        && !Verbs::get().any_form(w)
                        && !w.ends_with("ing")
                        && !w.ends_with("ed")));
            if !np_word {
                return None;
            }
        }
        None
    }

    /// "The axis are", "each point are", "The author gratefully acknowledge", "Analysis were".
    fn singular_noun_plural_verb(tokens: &[Token<'_>], h: usize) -> Option<(usize, String)> {
        let head = &tokens[h];
        let acronym = head.kind == Kind::Word
            && !head.glued
            && (2..=6).contains(&head.text.len())
            && head.text.chars().all(|c| c.is_ascii_uppercase())
            && h > 0
            && tokens[h].joined()
            && tokens[h - 1].is("the");
        if head.kind != Kind::Word {
            return None;
        }
        let mut v = h + 1;
        let relative = tokens
            .get(v)
            .is_some_and(|t| t.joined() && (t.is("that") || t.is("which") || t.is("who")));
        if relative {
            if !own_antecedent(tokens, h) {
                return None;
            }
            v += 1;
        } else if tokens.get(v).is_some_and(|t| t.joined() && adverb(t)) {
            v += 1;
        }
        let verb = tokens.get(v).filter(|t| t.joined())?;
        let fixed = singular_verb(verb).or_else(|| reporting_verb(tokens, v))?;
        // The noun last: the verb rules out most places at a lower cost.
        if !(acronym || singular_subject(head)) {
            return None;
        }
        if relative {
            return Some((v, fixed));
        }
        let start = subject_start(tokens, h, false)?;
        let det = &tokens[start];
        if start == h {
            // No determiner: only "-is" nouns that open a sentence ("Analysis were").
            return (head.starts_sentence && head.lower.ends_with("is") && head.lower.len() >= 6)
                .then_some((v, fixed));
        }
        // "If an attacker were to inject": a subjunctive.
        if verb.lower == "were"
            && tokens[start.saturating_sub(2)..start]
                .iter()
                .any(|t| matches!(t.lower.as_str(), "if" | "though" | "as" | "wish" | "even"))
        {
            return None;
        }
        if !matches!(
            det.lower.as_str(),
            "the"
                | "this"
                | "each"
                | "every"
                | "a"
                | "an"
                | "no"
                | "its"
                | "our"
                | "their"
                | "his"
                | "her"
                | "my"
                | "your"
                | "another"
        ) || h - start > 3
            || mandative(tokens, start)
        {
            return None;
        }
        // The words between are modifiers: no plural among them ("the sales figure").
        if tokens[start + 1..h].iter().any(|t| {
            t.kind == Kind::Word && (lexicon::plural_noun(&t.lower) || t.lower.ends_with('s'))
        }) {
            return None;
        }
        Some((v, fixed))
    }
}

/// The singular of a verb of showing that is also a noun ("highlight", "show"), when it
/// follows a noun of research findings and a "that" clause after it makes it a verb ("The
/// result highlight that"); not after other nouns ("the road show that we attended").
fn reporting_verb(tokens: &[Token<'_>], v: usize) -> Option<String> {
    let verb = &tokens[v];
    let subject = tokens[v - 1].lower.as_str();
    let that = tokens
        .get(v + 1)
        .is_some_and(|t| t.joined() && t.is("that"));
    let findings_noun = matches!(
        subject,
        "result"
            | "study"
            | "analysis"
            | "finding"
            | "experiment"
            | "evaluation"
            | "survey"
            | "simulation"
            | "figure"
            | "table"
            | "paper"
            | "comparison"
            | "outcome"
            | "observation"
    );
    (that && findings_noun && verb.plain() && matches!(verb.lower.as_str(), "highlight" | "show"))
        .then(|| format!("{}s", verb.lower))
}

fn lexicon_attributive(lower: &str) -> bool {
    matches!(
        lower,
        "sales"
            | "sports"
            | "arms"
            | "goods"
            | "savings"
            | "systems"
            | "materials"
            | "methods"
            | "results"
    )
}

impl Check for SubjectVerb {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        run(
            cx,
            &self.parts,
            &self.scope,
            &self.memo,
            |text, tokens, _language| {
                let mut findings = Vec::new();
                let mut flagged_until = 0;
                for i in 0..tokens.len() {
                    if i < flagged_until || tokens[i].kind != Kind::Word || tokens[i].glued {
                        continue;
                    }
                    let subject = tokens[i].text;
                    if let Some((v, fixed, last)) = Self::listed_names(tokens, i) {
                        let list = &text[tokens[i].range.start..tokens[last].range.end];
                        findings.push(verb_finding(&tokens[v], list, "plural", &fixed));
                        flagged_until = v + 1;
                        continue;
                    }
                    let hit = if let Some((v, fixed, number)) = Self::pronoun(tokens, i) {
                        Some((v, fixed, number))
                    } else if let Some((v, fixed)) = Self::existential(tokens, i) {
                        if tokens[i].is("it") {
                            let range = tokens[i].range.start..tokens[i + 1].range.end;
                            findings.push(finding(
                                range,
                                "“it exists” before a plural: English says “there exist”".into(),
                                Some(fixed.clone()),
                                format!("write “{fixed}”"),
                            ));
                            flagged_until = i + 2;
                            continue;
                        }
                        Some((v, fixed, "plural"))
                    } else if let Some((v, fixed)) = Self::plural_noun_singular_verb(tokens, i)
                        .or_else(|| Self::plural_head_across_phrase(tokens, i))
                    {
                        Some((v, fixed, "plural"))
                    } else {
                        Self::singular_noun_plural_verb(tokens, i)
                            .or_else(|| Self::singular_head_across_phrase(tokens, i))
                            .map(|(v, f)| (v, f, "singular"))
                    };
                    if let Some((v, fixed, number)) = hit {
                        let subject = if tokens[i].is("there") {
                            tokens[i + 2].text
                        } else {
                            subject
                        };
                        findings.push(verb_finding(&tokens[v], subject, number, &fixed));
                        flagged_until = v + 1;
                    }
                }
                findings
            },
        )
    }
}
