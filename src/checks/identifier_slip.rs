//! Code names written two ways, one a slip on the other: `planned_anaylsis()` where the same
//! text also names `planned_analysis()`. Reported under `inconsistent-spelling`.
//!
//! Only names with an underscore (snake_case, which prose never has) of eight characters or
//! more are compared, and only two that differ by two neighbouring letters swapped: names that
//! differ by a letter (`get_data`, `set_data`) or a digit (`model_1`, `model_2`) are different
//! names; and the name reported must hold a word no dictionary knows while the other's words
//! are all known. Bibliography files are left out (their keys are not the author's prose).

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::Finding;
use crate::source::Document;

/// The shortest name compared.
const MIN_LENGTH: usize = 8;

/// Whether `a` is `b` with two neighbouring letters swapped.
fn swapped(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(first) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    first + 1 < a.len()
        && a[first] == b[first + 1]
        && a[first + 1] == b[first]
        && a[first].is_ascii_alphabetic()
        && a[first + 1].is_ascii_alphabetic()
        && a[first + 2..] == b[first + 2..]
}

/// Whether every word of a name is an English word ("planned", "analysis"); letters and
/// digits too short to judge pass.
fn words_known(name: &str) -> bool {
    name.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 3)
        .all(|w| super::english_words::known(&w.to_ascii_lowercase()))
}

/// The snake_case names of `text` outside `.bib` parts, with where each occurs.
fn names(document: &Document) -> HashMap<&str, Vec<Range<usize>>> {
    let text = document.text.as_str();
    let in_bib = |at: usize| {
        document
            .parts
            .iter()
            .any(|p| p.range.contains(&at) && p.name.ends_with(".bib"))
    };
    let bytes = text.as_bytes();
    let mut out: HashMap<&str, Vec<Range<usize>>> = HashMap::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_alphabetic()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_'));
        if !starts {
            i += 1;
            continue;
        }
        let end = (i..bytes.len())
            .find(|&k| !(bytes[k].is_ascii_alphanumeric() || bytes[k] == b'_'))
            .unwrap_or(bytes.len());
        let name = &text[i..end];
        if name.len() >= MIN_LENGTH && name.contains('_') && !name.ends_with('_') && !in_bib(i) {
            out.entry(name).or_default().push(i..end);
        }
        i = end;
    }
    out
}

/// Each name used once that is a swap of two letters in another name of the text.
pub fn identifier_slips(document: &Document) -> Vec<Finding> {
    let names = names(document);
    // Two names that are a swap of each other hold the same letters.
    let mut by_letters: HashMap<Vec<u8>, Vec<&str>> = HashMap::new();
    for name in names.keys() {
        let mut letters = name.as_bytes().to_vec();
        letters.sort_unstable();
        by_letters.entry(letters).or_default().push(name);
    }
    let mut findings = Vec::new();
    for group in by_letters.values().filter(|g| g.len() > 1) {
        for name in group {
            let places = &names[name];
            if places.len() != 1 {
                continue;
            }
            // The slip is the name with a word no dictionary knows ("anaylsis").
            let Some(right) = group.iter().find(|other| {
                swapped(name.as_bytes(), other.as_bytes())
                    && !words_known(name)
                    && words_known(other)
            }) else {
                continue;
            };
            let right_places = &names[right];
            findings.push(
                Finding::at(places[0].clone())
                    .arg("form", *name)
                    .arg("main", format!("“{right}”"))
                    .arg(
                        "counts",
                        format!("“{name}” 1×, “{right}” {}×", right_places.len()),
                    )
                    .label(right_places[0].clone(), format!("“{right}” here")),
            );
        }
    }
    findings.sort_by_key(|f| f.span.start);
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_letters_swapped_make_a_slip_and_other_differences_do_not() {
        assert!(swapped(b"planned_anaylsis", b"planned_analysis"));
        assert!(!swapped(b"get_data", b"set_data"));
        assert!(!swapped(b"model_12", b"model_21"));
        assert!(!swapped(b"planned_analysis", b"planned_analysis"));
    }
}
