//! The strongest evidence of a slip, for words the rule otherwise leaves alone: a capitalised
//! word inside a sentence (a name, as a rule) and the words of a reference entry (names, titles
//! in any language). Such a word is taken as a slip only when it is long, no dictionary knows
//! it, and a common English word of about its length lies one letter dropped, added or two
//! letters swapped away, inside the word ("Inernational" for "International", "Discoruse" for
//! "Discourse").
//!
//! The first letter and the last two are left alone: a letter added before a word or near its
//! end makes a brand ("Pinterest") or another language's form ("Nationale", "Congresso",
//! "Sociales", "Documentos", "Philosophie"); and a double letter made single or a single one
//! doubled is how names differ from words ("Hollands").

use super::{english_knows, variant_of};
use crate::checks::english_words;

/// Letters of the shortest word read this way.
const MIN_LETTERS: usize = 8;

/// The common English word (lower case) that `lower` is a slip on, by the evidence above; `None`
/// for a word English knows or one not plainly a slip.
pub(super) fn long_slip(lower: &str) -> Option<String> {
    let chars: Vec<char> = lower.chars().collect();
    let n = chars.len();
    // A Latin genitive or plural ("Scientia Horticulturae") is not an English word misspelt.
    if n < MIN_LETTERS
        || !chars.iter().all(char::is_ascii_lowercase)
        || lower.ends_with("ae")
        || english_knows(lower)
    {
        return None;
    }
    let mut found: Vec<(u8, String)> = Vec::new();
    let mut consider = |candidate: Vec<char>| {
        let word: String = candidate.into_iter().collect();
        if let Some(entry) = english_words::exact(&word)
            && entry.class <= 2
            && !variant_of(lower, &word, 1)
            && !found.iter().any(|(_, w)| *w == word)
        {
            found.push((entry.class, word));
        }
    };
    // The edits below leave the first letter and the last two where they are.
    // A letter typed in excess inside the word, not one doubling its neighbour.
    for i in 1..n - 2 {
        if chars[i] != chars[i - 1] && chars[i] != chars[i + 1] {
            let mut v = chars.clone();
            v.remove(i);
            consider(v);
        }
    }
    // A letter left out inside the word, not one of a double.
    for i in 1..n - 1 {
        for c in 'a'..='z' {
            if c != chars[i - 1] && c != chars[i] {
                let mut v = chars.clone();
                v.insert(i, c);
                consider(v);
            }
        }
    }
    // Two letters swapped, after the first.
    for i in 1..n - 3 {
        if chars[i] != chars[i + 1] {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            consider(v);
        }
    }
    found.sort();
    let evidence = found.into_iter().next().map(|(_, word)| word)?;
    // The evidence says it is a slip; the likeliest correction may be another word one edit
    // away ("Varlances" is "Variances", a neighbouring key, rather than "Valances").
    // It keeps the word's ending, as the evidence does.
    let ending: String = chars[n - 2..].iter().collect();
    let best = english_words::candidates(lower).into_iter().find(|c| {
        c.distance == 1
            && c.class <= 2
            && c.slip
            && c.word.ends_with(&ending)
            && !variant_of(lower, &c.word, 1)
    });
    Some(best.map_or(evidence, |c| c.word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_slips_on_common_words_are_found() {
        assert_eq!(long_slip("inernational").as_deref(), Some("international"));
        assert_eq!(long_slip("discoruse").as_deref(), Some("discourse"));
        assert_eq!(long_slip("confernece").as_deref(), Some("conference"));
    }

    #[test]
    fn known_words_short_words_and_other_forms_are_left_alone() {
        assert_eq!(long_slip("international"), None);
        // A Latin ending.
        assert_eq!(long_slip("horticulturae"), None);
        // The likeliest correction is offered.
        assert_eq!(long_slip("varlances").as_deref(), Some("variances"));
        // A letter added at the end or the start: another language's form, a brand.
        assert_eq!(long_slip("nationale"), None);
        assert_eq!(long_slip("congresso"), None);
        assert_eq!(long_slip("pinterest"), None);
        assert_eq!(long_slip("documentos"), None);
        assert_eq!(long_slip("philosophie"), None);
        // Short words.
        assert_eq!(long_slip("reserch"), None);
        // A double letter made single.
        assert_eq!(long_slip("comunity"), None);
    }
}
