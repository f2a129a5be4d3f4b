//! `verb-form`: the wrong form of a verb after the word that governs it.
//!
//! - "allows to combine", "enables to", "has allowed to understand" (an object is missing:
//!   "allows one to combine", "allows combining");
//! - "recommend to store", "suggest to use", "avoid to" (these take "-ing");
//! - "worth to mention" ("worth mentioning");
//! - "in order obtain", "would like extend", "we also need store" ("to" is missing);
//! - "has been ran", "was took" (a past tense for the participle);
//! - "can be weaken", "is know" (a base form for the participle);
//! - "As show in", "as follow:" ("As shown in", "as follows");
//! - "capable of extrapolate", "by simplified the parameters" ("-ing" after a preposition);
//! - "does not provides", "can sent" (a base form after an auxiliary);
//! - "will be then be" (a doubled verb chain);
//! - "showed to be robust" ("proved to be"), "made possible to", "find important to" ("made
//!   it possible to", "find it important to").
//!
//! Only verbs in the lexicon are judged, and a base form that is also a noun ("use", "need",
//! "support") is never read as a verb where a noun could stand.

use super::lexicon::{self, Verbs};
use super::{Kind, Params, Token, UnitFinding, finding, match_case, run};
use crate::checks::{Check, Context, LanguageScope};
use crate::diagnostic::Finding;
use crate::manuscript::Part;

pub struct VerbForm {
    parts: Vec<Part>,
    scope: LanguageScope,
    memo: super::Memo,
}

impl VerbForm {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            memo: super::Memo::default(),
            scope,
        }
    }
}

/// One finding before it is worded: the tokens it spans, the problem and the fix.
struct Hit {
    first: usize,
    last: usize,
    problem: String,
    suggestion: Option<String>,
    help: String,
}

/// Past tenses that are not also participles, nouns or adjectives ("ran", "began", "wrote").
fn past_only(lower: &str) -> Option<&'static lexicon::Verb> {
    if matches!(
        lower,
        "saw" | "rose" | "bore" | "fell" | "drew" | "showed" | "found" | "left"
    ) {
        return None;
    }
    let verb = Verbs::get().past(lower)?;
    (verb.past != verb.participle && Verbs::get().base(lower).is_none()).then_some(verb)
}

/// A verb's base form that is also a noun ("store", "sample"), read as the verb because an
/// object follows it with its determiner ("need store the keys"): no noun stands so.
fn base_before_object(tokens: &[Token<'_>], i: usize) -> Option<&'static lexicon::Verb> {
    let word = joined(tokens, i)?;
    let object = joined(tokens, i + 1)?;
    let verb = lexicon::Verbs::get().base(&word.lower)?;
    (verb.participle != verb.base
        && object.plain()
        && (super::determiner(&object.lower) || matches!(object.lower.as_str(), "them" | "it")))
    .then_some(verb)
}

/// A verb's base form that is also a countable noun, after a verb of being and before the
/// source or agent of a passive ("is sample from the range", "is use by"): the participle is
/// meant. After "there", "it", "this" or "that" the noun may stand ("there is support from").
fn base_before_agent(tokens: &[Token<'_>], i: usize) -> Option<&'static lexicon::Verb> {
    let word = joined(tokens, i)?;
    let after = joined(tokens, i + 1)?;
    let verb = lexicon::Verbs::get().base(&word.lower)?;
    let subject_may_be_empty = i >= 2
        && tokens[i - 2].plain()
        && matches!(
            tokens[i - 2].lower.as_str(),
            "there" | "it" | "this" | "that" | "which" | "what"
        );
    (verb.participle != verb.base
        && !subject_may_be_empty
        && !lexicon::UNCOUNTABLE.contains(&word.lower.as_str())
        && after.plain()
        && matches!(after.lower.as_str(), "from" | "by"))
    .then_some(verb)
}

/// A lexicon verb's base form, or "be".
fn base_or_be(token: &Token<'_>) -> bool {
    token.plain() && (token.lower == "be" || Verbs::get().base(&token.lower).is_some())
}

fn joined<'t, 'a>(tokens: &'t [Token<'a>], i: usize) -> Option<&'t Token<'a>> {
    tokens.get(i).filter(|t| t.joined() && t.plain())
}

impl VerbForm {
    fn at(tokens: &[Token<'_>], text: &str, i: usize) -> Option<Hit> {
        let t = &tokens[i];
        if !t.plain() {
            return None;
        }
        let w = t.lower.as_str();
        let next = joined(tokens, i + 1);
        let after = next.and_then(|_| joined(tokens, i + 2));
        let n = next.map_or("", |t| t.lower.as_str());
        let verbs = Verbs::get();
        let prev = (i > 0 && t.joined()).then(|| &tokens[i - 1]);
        let p = prev.map_or("", |t| t.lower.as_str());

        // "allows to combine", "has allowed to understand".
        if (matches!(w, "allows" | "enables" | "permits")
            || (matches!(w, "allow" | "enable" | "permit") && !t.starts_sentence && p != "to")
            || (w == "allowed" && matches!(p, "has" | "have" | "had")))
            && n == "to"
            && after.is_some_and(base_or_be)
        {
            let verb = after.map_or("", |a| a.text);
            return Some(Hit {
                first: i,
                last: i + 1,
                problem: format!("“{} to” without an object", t.text),
                suggestion: None,
                help: format!(
                    "say who is allowed: “{} one to {verb}”, “{} users to {verb}”, or use “-ing”",
                    t.text, t.text
                ),
            });
        }
        // "recommend to store", "suggest to use", "avoid to".
        if matches!(
            w,
            "recommend" | "recommends" | "suggest" | "suggests" | "avoid" | "avoids"
        ) && n == "to"
            && !matches!(p, "is" | "are" | "was" | "were" | "be" | "been")
            && let Some(verb) = after.and_then(|a| verbs.base(&a.lower))
        {
            let ing = verb.ing();
            return Some(Hit {
                first: i + 1,
                last: i + 2,
                problem: format!(
                    "“{} to {}”: “{}” takes the “-ing” form",
                    t.text, verb.base, t.text
                ),
                suggestion: ing.clone(),
                help: match ing {
                    Some(ing) => format!("write “{} {ing}”", t.text),
                    None => format!("use the “-ing” form after “{}”", t.text),
                },
            });
        }
        // "worth to mention", "worth to be mentioned".
        if w == "worth" && n == "to" && after.is_some_and(base_or_be) {
            return Some(Hit {
                first: i,
                last: i + 2,
                problem: "“worth to” before a verb".into(),
                suggestion: None,
                help: "write “worth mentioning”, “worth noting”: “worth” takes the “-ing” form"
                    .into(),
            });
        }
        // "in order obtain".
        if w == "in"
            && n == "order"
            && let Some(verb) = after.and_then(|a| verbs.base(&a.lower))
        {
            return Some(Hit {
                first: i + 2,
                last: i + 2,
                problem: format!("“in order {}” without “to”", verb.base),
                suggestion: Some(format!("to {}", tokens[i + 2].text)),
                help: format!("write “in order to {}”", verb.base),
            });
        }
        // "would like extend".
        if w == "like"
            && matches!(p, "would" | "i'd" | "we'd")
            && let Some(verb) = next.and_then(|a| verbs.base(&a.lower))
        {
            return Some(Hit {
                first: i + 1,
                last: i + 1,
                problem: format!("“like {}” without “to”", verb.base),
                suggestion: Some(format!("to {}", tokens[i + 1].text)),
                help: format!("write “would like to {}”", verb.base),
            });
        }
        // "we also need store".
        if w == "need"
            && matches!(
                p,
                "we" | "you"
                    | "they"
                    | "i"
                    | "also"
                    | "still"
                    | "only"
                    | "will"
                    | "would"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "could"
                    | "to"
                    | "really"
            )
            && let Some(verb) = next
                .and_then(|a| verbs.plain_base(&a.lower))
                .or_else(|| base_before_object(tokens, i + 1))
        {
            return Some(Hit {
                first: i + 1,
                last: i + 1,
                problem: format!("“need {}” without “to”", verb.base),
                suggestion: Some(format!("to {}", tokens[i + 1].text)),
                help: format!("write “need to {}”", verb.base),
            });
        }
        // "has been ran", "was took", "has began".
        if matches!(
            w,
            "has"
                | "have"
                | "had"
                | "having"
                | "is"
                | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
        ) && let Some(verb) = next.and_then(|a| past_only(&a.lower))
        {
            let written = tokens[i + 1].text;
            return Some(Hit {
                first: i + 1,
                last: i + 1,
                problem: format!("the past tense “{written}” after “{}”", t.text),
                suggestion: Some(match_case(written, &verb.participle)),
                help: format!("the participle of “{}” is “{}”", verb.base, verb.participle),
            });
        }
        // "can be weaken", "is know".
        if matches!(w, "be" | "been" | "being" | "is" | "are" | "was" | "were")
            && let Some(verb) = next
                .and_then(|a| verbs.plain_base(&a.lower))
                .or_else(|| base_before_agent(tokens, i + 1))
            && !lexicon::maybe_adjective(&verb.base)
            // "what it is depend on" does not occur, but "to be sure" and "be it" do.
            && !(w == "be" && p == "to" && verb.base == "sure")
        {
            let written = tokens[i + 1].text;
            return Some(Hit {
                first: i + 1,
                last: i + 1,
                problem: format!("the base form “{written}” after “{}”", t.text),
                suggestion: Some(match_case(written, &verb.participle)),
                help: format!("write the participle “{}”", verb.participle),
            });
        }
        // "As show in", "as follow:".
        if w == "as"
            && !prev.is_some_and(|p| p.is("such") || p.is("so") || p.is("as"))
            && let Some(v) = next
        {
            if v.lower == "show"
                && after.is_some_and(|a| {
                    matches!(a.lower.as_str(), "in" | "by" | "below" | "above" | "on")
                })
            {
                return Some(Hit {
                    first: i + 1,
                    last: i + 1,
                    problem: "“as show” for “as shown”".into(),
                    suggestion: Some(match_case(v.text, "shown")),
                    help: "write “as shown”".into(),
                });
            }
            let gap = super::gap_after(tokens, text, i + 1);
            if v.lower == "follow"
                && (gap.trim_start().starts_with([':', '.', ',']) || tokens.len() == i + 2)
            {
                return Some(Hit {
                    first: i + 1,
                    last: i + 1,
                    problem: "“as follow” for “as follows”".into(),
                    suggestion: Some(match_case(v.text, "follows")),
                    help: "write “as follows”: the phrase is fixed".into(),
                });
            }
        }
        // "capable of extrapolate", "by simplified the parameters".
        if matches!(w, "of" | "for" | "by" | "without" | "before" | "after")
            && let Some(v) = next
        {
            if let Some(verb) = verbs.plain_base(&v.lower)
                && !lexicon::maybe_adjective(&verb.base)
            {
                let ing = verb.ing();
                return Some(Hit {
                    first: i + 1,
                    last: i + 1,
                    problem: format!("the base form “{}” after “{}”", v.text, t.text),
                    suggestion: ing.clone(),
                    help: match ing {
                        Some(ing) => format!(
                            "a verb after a preposition takes “-ing”: write “{} {ing}”",
                            t.text
                        ),
                        None => "a verb after a preposition takes “-ing”".into(),
                    },
                });
            }
            if w == "by"
                && let Some(verb) = verbs.past(&v.lower)
                && verbs.base(&v.lower).is_none()
                && tokens.get(i + 2).is_some_and(|a| {
                    a.joined()
                        && (a.kind == Kind::Number
                            || matches!(
                                a.lower.as_str(),
                                "the" | "a" | "an" | "these" | "this" | "its" | "their" | "our"
                            ))
                })
                && let Some(ing) = verb.ing()
            {
                return Some(Hit {
                    first: i + 1,
                    last: i + 1,
                    problem: format!("the past tense “{}” after “by”", v.text),
                    suggestion: Some(ing.clone()),
                    help: format!("a verb after “by” takes “-ing”: write “by {ing}”"),
                });
            }
        }
        // "does not provides", "can sent". Not after "to", which may end a clause ("the value
        // it refers to has gone").
        if matches!(w, "does" | "did" | "do" | "doesn't" | "didn't" | "don't")
            || (lexicon::modal(w) && !t.starts_sentence)
        {
            let mut v = i + 1;
            if w != "to" && n == "not" {
                v += 1;
            }
            if let Some(vt) = joined(tokens, v) {
                let third = verbs.third(&vt.lower).filter(|verb| verb.verb_only());
                let past = (w != "to")
                    .then(|| past_only(&vt.lower))
                    .flatten()
                    .or_else(|| {
                        // "can sent": a participle or past of a verb-only verb, not itself a
                        // base form ("can become", "can set").
                        (w != "to" && verbs.base(&vt.lower).is_none())
                            .then(|| {
                                verbs
                                    .past(&vt.lower)
                                    .or_else(|| verbs.participle(&vt.lower))
                                    .filter(|verb| verb.verb_only())
                            })
                            .flatten()
                    });
                if let Some(verb) = third.or(past) {
                    return Some(Hit {
                        first: v,
                        last: v,
                        problem: format!("“{}” after “{}”", vt.text, t.text),
                        suggestion: Some(match_case(vt.text, &verb.base)),
                        help: format!("write the base form “{}”", verb.base),
                    });
                }
            }
        }
        // "will be then be".
        if w == "be"
            && next.is_some_and(|a| {
                matches!(
                    a.lower.as_str(),
                    "then"
                        | "also"
                        | "thus"
                        | "further"
                        | "first"
                        | "finally"
                        | "now"
                        | "later"
                        | "still"
                        | "therefore"
                        | "hence"
                        | "directly"
                        | "simply"
                        | "easily"
                )
            })
            && after.is_some_and(|a| a.lower == "be")
        {
            return Some(Hit {
                first: i + 2,
                last: i + 2,
                problem: format!("“be” twice in one verb: “be {} be”", n),
                suggestion: None,
                help: "delete one “be”".into(),
            });
        }
        // "The approach showed to be robust".
        if matches!(w, "showed" | "shows")
            && n == "to"
            && after.is_some_and(|a| a.lower == "be")
            && prev.is_some_and(|p| p.plain() && !lexicon::function_word(&p.lower))
            && !tokens[i.saturating_sub(5)..i].iter().any(|t| {
                matches!(
                    t.lower.as_str(),
                    "that" | "which" | "who" | "whom" | "we" | "they"
                )
            })
        {
            return Some(Hit {
                first: i,
                last: i + 2,
                problem: format!("“{} to be” for “proved to be”", t.text),
                suggestion: None,
                help: "write “proved to be”, or “was shown to be”".into(),
            });
        }
        // "made possible to develop", "We find important to note".
        if matches!(
            w,
            "make"
                | "makes"
                | "made"
                | "making"
                | "find"
                | "finds"
                | "found"
                | "consider"
                | "considers"
                | "considered"
        ) && !matches!(p, "is" | "are" | "was" | "were" | "be" | "been" | "being")
            && next.is_some_and(|a| {
                matches!(
                    a.lower.as_str(),
                    "possible"
                        | "impossible"
                        | "necessary"
                        | "difficult"
                        | "easy"
                        | "feasible"
                        | "important"
                        | "useful"
                        | "essential"
                        | "crucial"
                        | "interesting"
                        | "appropriate"
                        | "reasonable"
                )
            })
            && after.is_some_and(|a| a.lower == "to")
            && joined(tokens, i + 3).is_some_and(|a| !lexicon::function_word(&a.lower))
        {
            let adjective = tokens[i + 1].text;
            return Some(Hit {
                first: i,
                last: i + 1,
                problem: format!("“{} {adjective} to” without “it”", t.text),
                suggestion: Some(format!("{} it {adjective}", t.text)),
                help: format!("write “{} it {adjective} to …”", t.text),
            });
        }
        None
    }
}

fn hit_finding(tokens: &[Token<'_>], hit: Hit) -> UnitFinding {
    let range = tokens[hit.first].range.start..tokens[hit.last].range.end;
    finding(range, hit.problem, hit.suggestion, hit.help)
}

impl Check for VerbForm {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        run(
            cx,
            &self.parts,
            &self.scope,
            &self.memo,
            |text, tokens, _language| {
                let mut findings = Vec::new();
                let mut i = 0;
                while i < tokens.len() {
                    if let Some(hit) = Self::at(tokens, text, i) {
                        let last = hit.last;
                        findings.push(hit_finding(tokens, hit));
                        i = last + 1;
                    } else {
                        i += 1;
                    }
                }
                findings
            },
        )
    }
}
