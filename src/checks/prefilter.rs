//! Required literals: strings one of which every match of a regular expression contains, found
//! from the pattern's syntax tree, so that a text without any of them is passed over before the
//! pattern is compiled (compiling a pattern with Unicode classes costs more than checking a short
//! manuscript) or run.
//!
//! The test may say "maybe" wrongly, never "no" wrongly: ASCII letters are compared without
//! case (a superset of what the pattern matches), other bytes exactly, and a pattern with no
//! short list of such strings has no prefilter at all.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

/// The most strings a set of the strings a part matches may hold.
const MOST: usize = 64;
/// The most strings a set of required strings may hold (the alternatives of a pattern).
const MOST_REQUIRED: usize = 256;
/// The most characters of a class spelled out as strings.
const CLASS_CHARS: u32 = 8;

/// A test that a text may hold a match of a pattern.
pub struct Required {
    literals: AhoCorasick,
}

impl Required {
    /// The prefilter of `pattern` as `regex` reads it (Unicode on, optionally ignoring case),
    /// `None` when the pattern has no short list of required strings; an error (the parser's
    /// message) when the pattern does not parse.
    pub fn of(pattern: &str, ignore_case: bool) -> Result<Option<Required>, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(ignore_case)
            .nest_limit(64)
            .build()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(required(&hir).and_then(|set| {
            let literals = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&set)
                .ok()?;
            Some(Required { literals })
        }))
    }

    /// Whether `text` holds one of the required strings (if not, the pattern cannot match it).
    pub fn may_match(&self, text: &str) -> bool {
        self.literals.is_match(text)
    }
}

/// The strings `hir` matches, when they are few (ASCII letters lower-cased).
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some(vec![Vec::new()]),
        HirKind::Literal(literal) => Some(vec![literal.0.to_ascii_lowercase()]),
        HirKind::Class(Class::Unicode(class)) => {
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count > CLASS_CHARS {
                return None;
            }
            let mut set: Vec<Vec<u8>> = Vec::new();
            for range in class.ranges() {
                for c in range.start()..=range.end() {
                    let mut buffer = [0; 4];
                    set.push(c.encode_utf8(&mut buffer).as_bytes().to_ascii_lowercase());
                }
            }
            Some(dedup(set))
        }
        HirKind::Class(Class::Bytes(class)) => {
            let count: u32 = class
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            if count > CLASS_CHARS {
                return None;
            }
            let set = class
                .ranges()
                .iter()
                .flat_map(|r| r.start()..=r.end())
                .map(|b| vec![b.to_ascii_lowercase()])
                .collect();
            Some(dedup(set))
        }
        HirKind::Capture(capture) => exact(&capture.sub),
        HirKind::Concat(parts) => {
            let mut set = vec![Vec::new()];
            for part in parts {
                set = cross(&set, &exact(part)?)?;
            }
            Some(set)
        }
        HirKind::Alternation(branches) => {
            let mut set = Vec::new();
            for branch in branches {
                set.extend(exact(branch)?);
                set = dedup(set);
                if set.len() > MOST {
                    return None;
                }
            }
            Some(set)
        }
        HirKind::Repetition(repetition) => {
            if repetition.max != Some(repetition.min) || repetition.min > 3 {
                return None;
            }
            let one = exact(&repetition.sub)?;
            let mut set = vec![Vec::new()];
            for _ in 0..repetition.min {
                set = cross(&set, &one)?;
            }
            Some(set)
        }
    }
}

/// Non-empty strings one of which every match of `hir` contains.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(set) = exact(hir) {
        return usable(set);
    }
    match hir.kind() {
        HirKind::Capture(capture) => required(&capture.sub),
        HirKind::Repetition(repetition) if repetition.min >= 1 => required(&repetition.sub),
        HirKind::Alternation(branches) => {
            let mut set = Vec::new();
            for branch in branches {
                set.extend(required(branch)?);
                set = dedup(set);
                if set.len() > MOST_REQUIRED {
                    return None;
                }
            }
            Some(set)
        }
        HirKind::Concat(parts) => {
            // Runs of parts that match few strings give the strings of the run; any other part
            // gives what it requires. Every candidate is required; the best is kept.
            let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
            let mut run = vec![Vec::new()];
            for part in parts {
                match exact(part) {
                    Some(set) => match cross(&run, &set) {
                        Some(longer) => run = longer,
                        None => {
                            candidates.extend(usable(std::mem::replace(&mut run, set)));
                        }
                    },
                    None => {
                        // A repetition of a few strings, at least once ("  +"): its first copy
                        // ends the run, its last starts the next.
                        let repeated = match part.kind() {
                            HirKind::Repetition(r) if r.min >= 1 => exact(&r.sub),
                            HirKind::Capture(c) => match c.sub.kind() {
                                HirKind::Repetition(r) if r.min >= 1 => exact(&r.sub),
                                _ => None,
                            },
                            _ => None,
                        };
                        match repeated {
                            Some(copy) => {
                                let ended = cross(&run, &copy).unwrap_or_else(|| copy.clone());
                                candidates.extend(usable(ended));
                                run = copy;
                            }
                            None => {
                                let ended = std::mem::replace(&mut run, vec![Vec::new()]);
                                candidates.extend(usable(ended));
                            }
                        }
                        candidates.extend(required(part));
                    }
                }
            }
            candidates.extend(usable(run));
            candidates.into_iter().max_by_key(|set| {
                let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
                (shortest, std::cmp::Reverse(set.len()))
            })
        }
        _ => None,
    }
}

/// `set` if none of its strings is empty.
fn usable(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// Every string of `left` followed by every string of `right`, if there are few.
fn cross(left: &[Vec<u8>], right: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if left.len() * right.len() > MOST {
        return None;
    }
    let set = left
        .iter()
        .flat_map(|l| right.iter().map(move |r| [l.as_slice(), r].concat()))
        .collect();
    Some(dedup(set))
}

fn dedup(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort_unstable();
    set.dedup();
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pattern: &str, ignore_case: bool) -> Option<Vec<String>> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(ignore_case)
            .build()
            .parse(pattern)
            .unwrap();
        required(&hir).map(|set| {
            set.into_iter()
                .map(|s| String::from_utf8(s).unwrap())
                .collect()
        })
    }

    #[test]
    fn literals_and_small_classes_are_required() {
        assert_eq!(
            strings(r"\p{L}(?P<target> +)[,;]", false),
            Some(vec![" ,".into(), " ;".into()])
        );
        assert_eq!(
            strings(r"\p{L}(?P<target>  +)\p{L}", false),
            Some(vec!["  ".into()])
        );
        assert_eq!(
            strings(r"\p{L}(?P<target> )[,;]", false),
            Some(vec![" ,".into(), " ;".into()])
        );
        assert_eq!(
            strings(r"\p{L}[,;]? (?P<target>-) \p{L}", false),
            Some(vec![" - ".into()])
        );
        assert_eq!(
            strings(r"\bTODO\b|\bTBD\b", false),
            Some(vec!["tbd".into(), "todo".into()])
        );
        // Without case: ASCII letters lower-cased, the Kelvin sign kept as it is.
        let kind = strings(r"\bkind of\b", true).unwrap();
        assert!(kind.contains(&"kind of".to_string()), "{kind:?}");
        assert!(kind.contains(&"\u{212A}ind of".to_string()), "{kind:?}");
    }

    #[test]
    fn optional_or_open_parts_require_nothing() {
        assert_eq!(strings(r"\p{L}+", false), None);
        assert_eq!(strings(r"(?:abc)?\p{L}", false), None);
        assert_eq!(strings(r"abc|\p{L}", false), None);
    }

    #[test]
    fn the_prefilter_never_rejects_a_text_the_pattern_matches() {
        let cases = [
            (r"\bin\s+order\s+to\b", true, "In  Order to"),
            (r"\b(?:could|would)\s+of\b", true, "COULD of"),
            (
                r"[\p{L}\p{N},.;:)](?P<target>  +)[\p{L}\p{N}(]",
                false,
                "a  b",
            ),
            (
                r"(?:‘‘|``|'')(?P<inner>[^‘’`'\n]+?)(?:’’|'')",
                false,
                "‘‘x’’",
            ),
            (r"\bis\b", true, "I\u{17F}"),
            (r"a(?:bc)+d", false, "abcbcd"),
            (r"\p{L}(?P<target> +)[,;]", false, "a   ;"),
        ];
        for (pattern, ignore_case, text) in cases {
            let regex = regex::RegexBuilder::new(pattern)
                .case_insensitive(ignore_case)
                .build()
                .unwrap();
            let required = Required::of(pattern, ignore_case).unwrap();
            if regex.is_match(text) {
                assert!(
                    required.is_none_or(|r| r.may_match(text)),
                    "{pattern} on {text}"
                );
            }
        }
        let required = Required::of(r"\bin\s+order\s+to\b", true).unwrap().unwrap();
        assert!(!required.may_match("nothing here"));
    }
}
