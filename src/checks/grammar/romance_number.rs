//! A plural determiner of Spanish or Portuguese before a noun whose ending proves it singular:
//! "a todas ancestralidad" (toda la ancestralidad), "varias ciudad", "estas ação", "muitas
//! abordagem".
//!
//! Only endings no plural and no other part of speech has count: Spanish "-dad", "-ción",
//! "-sión", "-tud", "-umbre"; Portuguese "-dade", "-ção", "-são", "-agem" (verbs that end in
//! "-agem", "que as reagem", are left out). Adjectives and nouns used as modifiers never carry
//! those endings in the singular after a plural determiner, and a capitalised word is a name
//! ("las Naciones", "os Estados").

use super::{Token, UnitFinding, finding, match_case};

/// Plural determiners and the singular of the same gender ("todas" → "toda").
const SPANISH: &[(&str, &str)] = &[
    ("todas", "toda"),
    ("todos", "todo"),
    ("las", "la"),
    ("los", "el"),
    ("unas", "una"),
    ("unos", "un"),
    ("estas", "esta"),
    ("estos", "este"),
    ("esas", "esa"),
    ("esos", "ese"),
    ("aquellas", "aquella"),
    ("aquellos", "aquel"),
    ("muchas", "mucha"),
    ("muchos", "mucho"),
    ("varias", ""),
    ("varios", ""),
    ("algunas", "alguna"),
    ("algunos", "algún"),
];

const PORTUGUESE: &[(&str, &str)] = &[
    ("todas", "toda"),
    ("as", "a"),
    ("estas", "esta"),
    ("essas", "essa"),
    ("aquelas", "aquela"),
    ("muitas", "muita"),
    ("várias", ""),
    ("algumas", "alguma"),
];

/// Singular endings that prove a noun singular, with their plurals.
const SPANISH_ENDINGS: &[(&str, &str)] = &[
    ("dad", "dades"),
    ("ción", "ciones"),
    ("sión", "siones"),
    ("tud", "tudes"),
    ("umbre", "umbres"),
];

const PORTUGUESE_ENDINGS: &[(&str, &str)] = &[
    ("dade", "dades"),
    ("ção", "ções"),
    ("são", "sões"),
    ("agem", "agens"),
];

/// Whether `word` is a Portuguese verb form of "agir" and its compounds ("agem", "reagem",
/// "coagem", "retroagem", "interagem"), not a noun in "-agem".
pub(super) fn verb_in_agem(word: &str) -> bool {
    word == "agem" || word.ends_with("eagem") || word.ends_with("oagem") || word == "interagem"
}

/// The plural of `noun` if its ending proves it a singular noun of the language.
fn plural_of(noun: &str, endings: &[(&str, &str)]) -> Option<String> {
    if verb_in_agem(noun) {
        return None;
    }
    endings.iter().find_map(|(singular, plural)| {
        let stem = noun.strip_suffix(singular)?;
        (!stem.is_empty()).then(|| format!("{stem}{plural}"))
    })
}

/// The number slips of a unit in `language` (Spanish or Portuguese).
pub fn find(text: &str, tokens: &[Token<'_>], language: &str) -> Vec<UnitFinding> {
    let (determiners, endings) = match language {
        "es" => (SPANISH, SPANISH_ENDINGS),
        "pt" => (PORTUGUESE, PORTUGUESE_ENDINGS),
        _ => return Vec::new(),
    };
    let mut findings = Vec::new();
    for (i, det) in tokens.iter().enumerate() {
        if !det.plain() {
            continue;
        }
        let Some((_, singular_det)) = determiners.iter().find(|(d, _)| *d == det.lower) else {
            continue;
        };
        let Some(noun) = tokens
            .get(i + 1)
            .filter(|n| n.joined() && n.plain() && !n.starts_sentence)
        else {
            continue;
        };
        // A word joined by a hyphen is a compound whose last part may inflect alone.
        if noun.lower.contains('-') {
            continue;
        }
        let Some(plural) = plural_of(&noun.lower, endings) else {
            continue;
        };
        let written = &text[det.range.start..noun.range.end];
        let plural_phrase = format!("{} {plural}", det.text);
        let singular_phrase = (!singular_det.is_empty())
            .then(|| format!("{} {}", match_case(det.text, singular_det), noun.text));
        // "todas" before a plural wants its article ("todas las ancestralidades"): the singular
        // ("toda ancestralidad") is the smaller change.
        let (suggestion, other) = match &singular_phrase {
            Some(singular) if det.lower.starts_with("tod") => {
                let article = match (language, det.lower.as_str()) {
                    ("es", "todas") => "las",
                    ("es", _) => "los",
                    (_, "todas") => "as",
                    _ => "os",
                };
                (singular.clone(), format!("{} {article} {plural}", det.text))
            }
            Some(singular) => (plural_phrase, singular.clone()),
            None => (plural_phrase.clone(), plural_phrase),
        };
        let help = if suggestion == other {
            format!("“{}” takes a plural noun: write “{suggestion}”", det.text)
        } else {
            format!(
                "the determiner and the noun disagree in number: write “{suggestion}” (or “{other}”)"
            )
        };
        findings.push(finding(
            det.range.start..noun.range.end,
            format!("“{written}”: plural determiner before a singular noun"),
            Some(suggestion),
            help,
        ));
    }
    findings
}
