//! `repeated-word`: the same word twice in a row ("the the"), across a line break too, and a
//! short run of words written twice ("the identifier of the identifier of the commit").
//!
//! The regex crate has no back-references, so this walks the words itself. Pairs that are
//! grammatical when doubled ("that that", "had had", "in in vitro") and numbers are left alone,
//! as are a word that ends one line and starts the next in another case or as a formula's left
//! side (a caption over its table's header row, "pij" over "pij = …").

use std::ops::Range;
use std::sync::Arc;

use super::memo::UnitMemo;
use super::{Check, Context, LanguageScope, ScopedUnit, SkipRanges, scoped_units};
use crate::diagnostic::{Applicability, Finding};
use crate::manuscript::Part;

/// Words that may stand twice in a row in correct English.
const ALLOWED_TWICE: &[&str] = &[
    "had", "that", "is", "do", "can", "bye", "no", "very", "so", "ha", "la", "well",
];

/// Latin phrases that open with "in" ("disorder in in vitro shoots" is grammatical).
const LATIN_AFTER_IN: &[&str] = &[
    "absentia", "extenso", "silico", "situ", "toto", "utero", "vitro", "vivo",
];

/// A check of this kind takes only the parts it reads.
pub use super::ProseParams as Params;

pub struct RepeatedWord {
    parts: Vec<Part>,
    scope: LanguageScope,
    /// Repeats per unit text, kept between runs when the caller asks (the language server).
    memo: UnitMemo<Vec<(Range<usize>, String)>>,
}

impl RepeatedWord {
    pub fn new(params: Params, scope: LanguageScope) -> Self {
        Self {
            parts: params.parts,
            scope,
            memo: UnitMemo::default(),
        }
    }
}

/// Byte ranges of the words of `text` (letters with inner apostrophes or hyphens), one at a time.
fn words(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    let mut start: Option<usize> = None;
    std::iter::from_fn(move || {
        while let Some((i, c)) = chars.next() {
            let inner = (c == '\'' || c == '’' || c == '-')
                && start.is_some()
                && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
            if c.is_alphabetic() || inner {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                return Some(s..i);
            }
        }
        start.take().map(|s| s..text.len())
    })
}

/// Whether two words are the same but for case, without allocating.
fn same_word(x: &str, y: &str) -> bool {
    x.eq_ignore_ascii_case(y)
        || (!(x.is_ascii() && y.is_ascii())
            && x.chars()
                .flat_map(char::to_lowercase)
                .eq(y.chars().flat_map(char::to_lowercase)))
}

impl RepeatedWord {
    /// The repeats in one unit's text: the range from the end of the first word to the end of
    /// the second (what the fix deletes), and the word, in the text's coordinates.
    fn repeats(text: &str, skip: &SkipRanges) -> Vec<(Range<usize>, String)> {
        let mut repeats = Vec::new();
        let words: Vec<Range<usize>> = words(text).collect();
        for pair in words.windows(2) {
            let (a, b) = (pair[0].clone(), pair[1].clone());
            let between = &text[a.end..b.start];
            if !between.chars().all(char::is_whitespace) || between.matches('\n').count() > 1 {
                continue;
            }
            let (first, second) = (&text[a.clone()], &text[b.clone()]);
            if !same_word(first, second) {
                continue;
            }
            if ALLOWED_TWICE.contains(&first.to_lowercase().as_str())
                || skip.overlaps(&(a.start..b.end))
            {
                continue;
            }
            let after = &text[b.end..];
            // "in in vitro": a preposition before a Latin phrase.
            let latin = first.eq_ignore_ascii_case("in")
                && after
                    .trim_start()
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .is_some_and(|next| LATIN_AFTER_IN.contains(&next.to_lowercase().as_str()));
            // A line that ends with a word and a line that starts it again with a capital (a
            // caption and its table's header row): two lines, not a slip.
            let new_line = between.contains('\n') && first != second;
            // A word and the left side of a formula that starts with it ("the probabilities
            // pij" / "pij = Pr(S = aj)"), even where the reader joined the lines.
            let formula = after
                .trim_start_matches([' ', '\t'])
                .starts_with(['=', '<', '>', '≤', '≥', '≈', '∼']);
            if latin || new_line || formula {
                continue;
            }
            repeats.push((a.end..b.end, second.to_string()));
        }
        repeats.extend(Self::phrase_repeats(text, skip, &words));
        repeats
    }

    /// A sequence of two to four words written twice in a row ("the identifier of the
    /// identifier of the commit"): the range of the second copy with the space before it.
    fn phrase_repeats(
        text: &str,
        skip: &SkipRanges,
        words: &[Range<usize>],
    ) -> Vec<(Range<usize>, String)> {
        let same = |a: usize, b: usize| same_word(&text[words[a].clone()], &text[words[b].clone()]);
        // Only white space, and at most one line break, between the words of a run.
        let joined = |from: usize, to: usize| {
            (from..to).all(|k| {
                let gap = &text[words[k].end..words[k + 1].start];
                gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
            })
        };
        let mut repeats = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let found = (2..=4).find(|&n| {
                i + 2 * n <= words.len()
                    && (0..n).all(|k| same(i + k, i + n + k))
                    // A content word among them, and not one word over and over.
                    && words[i..i + n].iter().any(|w| w.len() >= 4)
                    && !(1..n).all(|k| same(i, i + k))
                    && joined(i, i + 2 * n - 1)
                    && !skip.overlaps(&(words[i].start..words[i + 2 * n - 1].end))
            });
            let Some(n) = found else {
                i += 1;
                continue;
            };
            // Three copies or more in a row are a pattern written on purpose (a chant, a sample
            // of data), not a slip: step over all of them.
            let copies = (1..)
                .take_while(|&c| {
                    i + (c + 1) * n <= words.len()
                        && (0..n).all(|k| same(i + k, i + c * n + k))
                        && joined(i, i + (c + 1) * n - 1)
                })
                .count();
            if copies >= 2 {
                i += (copies + 1) * n;
                continue;
            }
            let first = words[i].start..words[i + n - 1].end;
            let second = words[i + n].start..words[i + 2 * n - 1].end;
            repeats.push((first.end..second.end, text[second].to_string()));
            i += 2 * n;
        }
        repeats
    }
}

impl Check for RepeatedWord {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        if cx.memoize {
            self.memo.start_run();
        }
        let mut findings = Vec::new();
        for ScopedUnit { unit, text, skip } in scoped_units(cx, &self.parts, &self.scope) {
            let repeats = if cx.memoize {
                self.memo
                    .get_or_compute(text, || Self::repeats(text, &skip))
            } else {
                Arc::new(Self::repeats(text, &skip))
            };
            for (range, second) in repeats.iter() {
                let span = unit.text.to_source(range.clone());
                if !cx.room_for(findings.len(), &span) {
                    continue;
                }
                findings.push(
                    Finding::at(span)
                        .arg("word", second)
                        .replace_with("", Applicability::Unsafe),
                );
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_words_written_twice_is_a_repeat() {
        let text = "including the identifier of the identifier of the Git commit, step by step";
        let found = RepeatedWord::repeats(text, &SkipRanges::of(text));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "the identifier of");
        let mut fixed = text.to_string();
        fixed.replace_range(found[0].0.clone(), "");
        assert_eq!(
            fixed,
            "including the identifier of the Git commit, step by step"
        );
        let fine = "more and more data, again and again, in the end of the day";
        assert!(RepeatedWord::repeats(fine, &SkipRanges::of(fine)).is_empty());
        let chant = "they chanted go team go team go team until dawn";
        assert!(RepeatedWord::repeats(chant, &SkipRanges::of(chant)).is_empty());
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "the pond’s long-term state";
        let found: Vec<&str> = words(text).map(|r| &text[r]).collect();
        assert_eq!(found, ["the", "pond’s", "long-term", "state"]);
    }
}
