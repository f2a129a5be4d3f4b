//! The Portuguese crase left out: the preposition "a" fused with the article "a" is written
//! "à", and "as" with "as" is "às". Two shapes are sure enough to report:
//!
//! - the conjunction "à medida que" opening a clause ("A medida que o número aumenta": a clause
//!   cannot open with the noun phrase "a medida que…" and go on with a subject of its own as
//!   often as with the conjunction, so only a clause start counts);
//! - a word that governs the preposition "a" ("devido a", "graças a", "em relação a", "referente
//!   a", "frente a", "quanto a" opening a clause) before a feminine noun told by its ending
//!   ("-ção", "-são", "-dade", "-ência", "-ância", "-agem", "-tude", "-eza") with no article of
//!   its own: "devido a expansão" for "devido à expansão", "devido as dificuldades" for "devido
//!   às dificuldades".
//!
//! Left alone: "a partir de", "a fim de", a masculine noun or a pronoun after the preposition
//! ("devido a ele", "devido a um erro"), a noun with its own determiner ("devido a uma falha",
//! "devido a esta razão"), and "quanto a" inside a clause ("mostra quanto a população cresceu",
//! where "quanto" asks how much).

use super::{Token, UnitFinding, finding, match_case};

/// Words that govern the preposition "a" wherever they stand.
const GOVERNORS: &[&str] = &["devido", "graças", "referente", "referentes", "frente"];

/// Nouns that govern "a" after "em" or "com" ("em relação a", "com relação a").
const GOVERNED_AFTER_EM: &[&str] = &["relação"];

/// Endings of feminine nouns in the singular, and their plurals.
const FEMININE_ENDINGS: &[(&str, &str)] = &[
    ("ção", "ções"),
    ("são", "sões"),
    ("dade", "dades"),
    ("ência", "ências"),
    ("ância", "âncias"),
    ("agem", "agens"),
    ("tude", "tudes"),
    ("eza", "ezas"),
];

/// Words with those endings that are not feminine nouns (verb forms in "-agem" aside).
const NOT_FEMININE: &[&str] = &["coração"];

/// Whether `word` is a feminine noun by its ending: `Some(false)` in the singular, `Some(true)`
/// in the plural.
fn feminine_noun(word: &str) -> Option<bool> {
    if NOT_FEMININE.contains(&word) || super::romance_number::verb_in_agem(word) {
        return None;
    }
    let has_stem = |ending: &str| word.chars().count() > ending.chars().count();
    FEMININE_ENDINGS.iter().find_map(|(singular, plural)| {
        if word.ends_with(singular) && has_stem(singular) {
            Some(false)
        } else if word.ends_with(plural) && has_stem(plural) {
            Some(true)
        } else {
            None
        }
    })
}

/// Whether token `i` opens a clause: it starts a sentence, or follows a comma, a colon or an
/// opening bracket.
fn opens_clause(tokens: &[Token<'_>], i: usize) -> bool {
    let t = &tokens[i];
    t.starts_sentence || t.gap.contains([',', ';', ':', '(', '—', '–'])
}

/// Whether the preposition "a" is governed by what stands before token `i` (the "a").
fn governed(tokens: &[Token<'_>], i: usize) -> bool {
    if i == 0 || !tokens[i].joined() {
        return false;
    }
    let prev = &tokens[i - 1];
    if !prev.plain() {
        return false;
    }
    let w = prev.lower.as_str();
    if GOVERNORS.contains(&w) {
        return true;
    }
    if GOVERNED_AFTER_EM.contains(&w) {
        return i >= 2
            && prev.joined()
            && tokens[i - 2].plain()
            && matches!(tokens[i - 2].lower.as_str(), "em" | "com");
    }
    w == "quanto" && opens_clause(tokens, i - 1)
}

/// The crase slips of a Portuguese unit.
pub fn find(text: &str, tokens: &[Token<'_>]) -> Vec<UnitFinding> {
    let mut findings = Vec::new();
    for i in 0..tokens.len() {
        let t = &tokens[i];
        if !t.plain() || !matches!(t.lower.as_str(), "a" | "as") {
            continue;
        }
        let Some(next) = tokens.get(i + 1).filter(|n| n.joined() && n.plain()) else {
            continue;
        };
        // "A medida que" opening a clause.
        if t.lower == "a" && next.lower == "medida" && opens_clause(tokens, i) {
            let que = match tokens.get(i + 2) {
                Some(q) if q.joined() && q.is("que") => Some(i + 2),
                Some(q) if q.joined() && q.is("em") => tokens
                    .get(i + 3)
                    .filter(|q| q.joined() && q.is("que"))
                    .map(|_| i + 3),
                _ => None,
            };
            if let Some(last) = que {
                let span = t.range.start..tokens[last].range.end;
                let written = &text[span.clone()];
                let right = match_case(t.text, "à medida que");
                findings.push(finding(
                    span,
                    format!("crase missing in “{written}”"),
                    Some(right.clone()),
                    format!(
                        "the conjunction is “{right}”, with the crase (“na medida em que” means “insofar as”)"
                    ),
                ));
            }
            continue;
        }
        if !governed(tokens, i) {
            continue;
        }
        let plural = t.lower == "as";
        if feminine_noun(&next.lower) != Some(plural) {
            continue;
        }
        let right = match_case(t.text, if plural { "às" } else { "à" });
        let governor = tokens[i - 1].text;
        findings.push(finding(
            t.range.clone(),
            format!(
                "crase missing in “{governor} {} {}”, before a feminine noun",
                t.text, next.text
            ),
            Some(right.clone()),
            format!(
                "“{governor}” takes the preposition “a”, which fuses with the article of “{}”: write “{governor} {right} {}”",
                next.text, next.text
            ),
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::SkipRanges;

    fn found(text: &str) -> Vec<String> {
        let tokens = super::super::tokens(text, &SkipRanges::of(text));
        find(text, &tokens)
            .iter()
            .map(|f| text[f.range.clone()].to_string())
            .collect()
    }

    #[test]
    fn feminine_nouns_are_told_by_their_ending() {
        assert_eq!(feminine_noun("expansão"), Some(false));
        assert_eq!(feminine_noun("dificuldades"), Some(true));
        assert_eq!(feminine_noun("abordagem"), Some(false));
        assert_eq!(feminine_noun("reagem"), None);
        assert_eq!(feminine_noun("coração"), None);
        assert_eq!(feminine_noun("são"), None);
        assert_eq!(feminine_noun("problema"), None);
    }

    #[test]
    fn the_crase_is_missing_only_where_the_preposition_is_governed() {
        assert_eq!(
            found("Devido a expansão dos dados, o sistema cresceu devido as limitações."),
            ["a", "as"]
        );
        assert_eq!(
            found("A medida que o número aumenta, tudo melhora."),
            ["A medida que"]
        );
        assert!(found("O estudo mostra quanto a população cresceu devido a um erro.").is_empty());
        assert!(found("Ele manteve a medida que adotamos devido a problemas.").is_empty());
    }
}
