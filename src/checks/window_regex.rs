//! `window_regex`: patterns that a rule runs only over a short window of text around a hit (the
//! confusable pairs' contexts): many patterns, each run a handful of times per manuscript.
//!
//! Building a pattern costs far more than running it over a sentence: the `regex` crate compiles
//! Unicode classes into large automata, forward and reverse, before the first search. A window
//! pattern is therefore built with `regex-lite` (no Unicode tables, a bounded backtracker: a
//! small fraction of the cost to build, a few times slower to run). Once it has run often enough
//! in a process for the slower search to outweigh a build, it is built again with
//! `regex-automata`'s meta engine, leaving out the parts that cost most to build (full and
//! one-pass DFAs, literal prefilters) but keeping the lazy DFA that makes a search fast.
//!
//! Both engines work in ASCII terms: `\w`, `\s`, `\d`, `\b` and `(?i)` know only ASCII, and
//! `\p{…}` classes are refused. A window is searched through [`ascii_view`], a copy of the same
//! length in which every other letter or digit reads as ASCII letters or digits and every other
//! white space as spaces, so match offsets hold in the window, `\s` matches a non-breaking space
//! and `\b` does not fall inside "naïve". Other non-ASCII characters (’ “ – …) are kept as they
//! are, and a pattern can name them literally.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use regex_automata::meta;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look};

/// Runs after which a pattern is also built with the faster-running engine: about where the time
/// its `regex-lite` searches took outgrows the time that build takes.
const FAST_AFTER: usize = 64;

/// Limits for a user's pattern, so a huge one fails instead of exhausting memory.
const SIZE_LIMIT: usize = 8 << 20;
const NEST_LIMIT: u32 = 64;

pub struct WindowRegex {
    pattern: String,
    /// Sets of literals (lowercase): every match starts with one of the first set's and ends
    /// with one of the second's, when the pattern has such. A window lacking one set cannot
    /// match, which a scan tells far more cheaply than either engine. (One of the two is often
    /// the trigger word itself, always there; the other is what tells windows apart.)
    required: Vec<Vec<Vec<u8>>>,
    /// Built when a window first holds the required literals (at once for [`WindowRegex::new`]).
    lite: OnceLock<regex_lite::Regex>,
    runs: AtomicUsize,
    fast: OnceLock<Option<meta::Regex>>,
}

impl WindowRegex {
    /// Builds the pattern; a pattern `regex-lite` refuses (a syntax error, `\p{…}`, a size
    /// over the limit) is an error naming the reason.
    pub fn new(pattern: &str) -> Result<Self, String> {
        let this = Self::deferred(pattern);
        let _ = this.lite.set(build_lite(pattern)?);
        Ok(this)
    }

    /// The pattern, built when a window first needs it: for galley's own patterns, which
    /// compile (tests build each), and most of which are never needed in a run.
    pub fn deferred(pattern: &str) -> Self {
        Self {
            pattern: pattern.to_string(),
            required: required_literals(pattern),
            lite: OnceLock::new(),
            runs: AtomicUsize::new(0),
            fast: OnceLock::new(),
        }
    }

    fn lite(&self) -> &regex_lite::Regex {
        self.lite.get_or_init(|| {
            build_lite(&self.pattern).unwrap_or_else(|e| panic!("built-in pattern: {e}"))
        })
    }

    /// Whether one of the pattern's successive matches in `window` (an [`ascii_view`]) has its
    /// group `name` exactly at `at`.
    pub fn has_group_at(&self, window: &Window<'_>, name: &str, at: &Range<usize>) -> bool {
        let holds = |set: &Vec<Vec<u8>>| {
            set.iter()
                .any(|literal| memchr::memmem::find(window.lower.as_bytes(), literal).is_some())
        };
        if !self.required.iter().all(holds) {
            return false;
        }
        let window = window.view.as_ref();
        // Most windows do not match at all; only a match needs its captures (a slower search).
        if let Some(fast) = self.fast() {
            return fast.is_match(window)
                && fast
                    .captures_iter(window)
                    .any(|c| c.get_group_by_name(name).is_some_and(|g| g.range() == *at));
        }
        let lite = self.lite();
        lite.is_match(window)
            && lite
                .captures_iter(window)
                .any(|c| c.name(name).is_some_and(|g| g.range() == *at))
    }

    /// The faster-running build, once the pattern has run [`FAST_AFTER`] times.
    fn fast(&self) -> Option<&meta::Regex> {
        if let Some(fast) = self.fast.get() {
            return fast.as_ref();
        }
        if self.runs.fetch_add(1, Ordering::Relaxed) < FAST_AFTER {
            return None;
        }
        // Should the meta engine refuse what `regex-lite` took, the pattern stays with the latter.
        self.fast.get_or_init(|| build_fast(&self.pattern)).as_ref()
    }
}

fn build_lite(pattern: &str) -> Result<regex_lite::Regex, String> {
    regex_lite::RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .nest_limit(NEST_LIMIT)
        .build()
        .map_err(|e| format!("pattern does not compile: {e}"))
}

/// The literals every match of `pattern` starts with, and those it ends with, lowercase; a set
/// is left out when a match may start (or end) with anything or with a single character (too
/// common to tell windows apart).
fn required_literals(pattern: &str) -> Vec<Vec<Vec<u8>>> {
    // Read without case-insensitivity, so each literal comes once rather than in every mix of
    // cases; windows are compared with it in any ASCII case.
    let pattern = pattern.strip_prefix("(?i)").unwrap_or(pattern);
    let Ok(hir) = regex_syntax::ParserBuilder::new()
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(pattern)
    else {
        return Vec::new();
    };
    let literals = |kind: ExtractKind| -> Option<Vec<Vec<u8>>> {
        let mut extractor = Extractor::new();
        extractor.kind(kind);
        let sequence = extractor.extract(&hir);
        let mut literals: Vec<Vec<u8>> = sequence
            .literals()?
            .iter()
            .map(|literal| literal.as_bytes().to_ascii_lowercase())
            .collect();
        literals.sort();
        literals.dedup();
        let shortest = literals.iter().map(Vec::len).min()?;
        (shortest >= 2).then_some(literals)
    };
    [ExtractKind::Prefix, ExtractKind::Suffix]
        .into_iter()
        .filter_map(literals)
        .collect()
}

fn build_fast(pattern: &str) -> Option<meta::Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .nest_limit(NEST_LIMIT)
        .build()
        .parse(pattern)
        .ok()?;
    let config = meta::Config::new()
        .dfa(false)
        .onepass(false)
        .auto_prefilter(false)
        .nfa_size_limit(Some(SIZE_LIMIT));
    meta::Builder::new()
        .configure(config)
        .build_from_hir(&ascii_only(&hir))
        .ok()
}

/// `hir` as it behaves on an [`ascii_view`], where no non-ASCII letter, digit or space is left:
/// word boundaries become ASCII ones and classes drop the non-ASCII characters that cannot occur
/// (`\w`, `\s`, the Unicode case variants of `k` and `s`). Far smaller automata, same matches.
fn ascii_only(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) if !only_word_or_space_beyond_ascii(class) => {
            hir.clone()
        }
        HirKind::Class(Class::Unicode(class)) => {
            let mut ascii = class.clone();
            ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]));
            Hir::class(Class::Unicode(ascii))
        }
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(repetition) => {
            let mut repetition = repetition.clone();
            repetition.sub = Box::new(ascii_only(&repetition.sub));
            Hir::repetition(repetition)
        }
        HirKind::Capture(capture) => {
            let mut capture = capture.clone();
            capture.sub = Box::new(ascii_only(&capture.sub));
            Hir::capture(capture)
        }
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_only).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_only).collect()),
        _ => hir.clone(),
    }
}

/// Whether every non-ASCII character of `class` is a letter, digit or space (one that an
/// [`ascii_view`] never holds).
fn only_word_or_space_beyond_ascii(class: &ClassUnicode) -> bool {
    static WORD_OR_SPACE: OnceLock<Vec<ClassUnicodeRange>> = OnceLock::new();
    let covered = WORD_OR_SPACE.get_or_init(|| match regex_syntax::parse(r"[\w\s]") {
        Ok(hir) => match hir.into_kind() {
            HirKind::Class(Class::Unicode(class)) => class.ranges().to_vec(),
            _ => Vec::new(),
        },
        Err(_) => Vec::new(),
    });
    class.ranges().iter().filter(|r| r.end() > '\x7f').all(|r| {
        let start = r.start().max('\u{80}');
        // The ranges are sorted and disjoint: the one that could hold `start` must hold all.
        let at = covered.partition_point(|c| c.end() < start);
        covered
            .get(at)
            .is_some_and(|c| c.start() <= start && r.end() <= c.end())
    })
}

/// A window of text as patterns read it: its [`ascii_view`], and that view in lowercase for the
/// literal scans that pass over most patterns. Made once per window, read by every pattern.
pub struct Window<'a> {
    view: Cow<'a, str>,
    lower: String,
}

impl<'a> Window<'a> {
    pub fn new(text: &'a str) -> Self {
        let view = ascii_view(text);
        let lower = view.to_ascii_lowercase();
        Self { view, lower }
    }
}

/// `text` with every non-ASCII letter or digit (a regex `\w` character) written as as many ASCII
/// `x` (or `0` for a decimal digit) as it has bytes, and every non-ASCII white space as as many
/// spaces: the same length and character boundaries, so offsets carry over.
fn ascii_view(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut view = String::with_capacity(text.len());
    for c in text.chars() {
        let stand_in = if c.is_ascii() {
            None
        } else if c.is_whitespace() {
            Some(' ')
        } else if regex_syntax::is_word_character(c) {
            Some(if c.is_numeric() && !c.is_alphabetic() {
                '0'
            } else {
                'x'
            })
        } else {
            None
        };
        match stand_in {
            Some(ascii) => view.extend(std::iter::repeat_n(ascii, c.len_utf8())),
            None => view.push(c),
        }
    }
    view.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_at(pattern: &str, text: &str, word: &str) -> bool {
        let re = WindowRegex::new(pattern).unwrap();
        let at = text.find(word).unwrap();
        re.has_group_at(&Window::new(text), "w", &(at..at + word.len()))
    }

    #[test]
    fn the_view_keeps_offsets_and_reads_letters_and_spaces_as_ascii() {
        let text = "naïve\u{a0}abode ’x’ ٣ ok";
        let view = ascii_view(text);
        assert_eq!(view.len(), text.len());
        assert_eq!(view, "naxxve  abode ’x’ 00 ok");
        assert!(matches!(ascii_view("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn a_non_breaking_space_is_white_space_and_a_letter_is_a_word_character() {
        assert!(group_at(
            r"(?i)\bnot\s+(?P<w>abode)\b",
            "It is not\u{a0}abode.",
            "abode"
        ));
        assert!(group_at(
            r"(?i)\bnot\s+(?P<w>abode)\b",
            "It is NOT\u{202f}Abode.",
            "Abode"
        ));
        assert!(!group_at(
            r"(?i)\bnot\s+(?P<w>abode)\b",
            "It is notč abode.",
            "abode"
        ));
        assert!(group_at(
            r"(?i)\bthe\s+\w+\s+(?P<w>abode)",
            "the naïve abode",
            "abode"
        ));
    }

    #[test]
    fn non_ascii_punctuation_can_be_written_in_a_pattern() {
        assert!(group_at(r"(?i)\b(?P<w>it['’]s)\s+own", "It’s own", "It’s"));
    }

    #[test]
    fn only_the_group_at_that_place_counts() {
        let text = "abode by the abode";
        let re = WindowRegex::new(r"(?i)\b(?P<w>abode)\s+by").unwrap();
        let second = text.rfind("abode").unwrap();
        let window = Window::new(text);
        assert!(re.has_group_at(&window, "w", &(0..5)));
        assert!(!re.has_group_at(&window, "w", &(second..second + 5)));
    }

    #[test]
    fn both_engines_find_the_same() {
        let re =
            WindowRegex::new(r"(?i)\b(?:if|when)\b[^,;.]*,\s*(?P<w>than)\s+(?:we|it)\b").unwrap();
        let texts = [
            ("When the naïve model fails, than we stop.", true),
            ("When the model fails,\u{a0}THAN it stops.", true),
            ("It is larger than we thought.", false),
        ];
        let runs = |re: &WindowRegex| {
            texts
                .iter()
                .map(|(text, _)| {
                    let at = text.to_lowercase().find("than").unwrap();
                    re.has_group_at(&Window::new(text), "w", &(at..at + 4))
                })
                .collect::<Vec<_>>()
        };
        let expected: Vec<bool> = texts.iter().map(|(_, fires)| *fires).collect();
        assert_eq!(runs(&re), expected, "regex-lite");
        for _ in 0..FAST_AFTER {
            runs(&re);
        }
        assert!(re.fast.get().is_some_and(Option::is_some));
        assert_eq!(runs(&re), expected, "meta engine");
    }

    #[test]
    fn a_window_without_the_required_literals_is_passed_over() {
        let re = WindowRegex::new(r"(?i)\b(?P<w>the)\s+(?:zqva|zqvb)\b").unwrap();
        assert_eq!(
            re.required,
            [
                vec![b"the".to_vec()],
                vec![b"zqva".to_vec(), b"zqvb".to_vec()]
            ]
        );
        assert!(re.has_group_at(&Window::new("The ZQVB here"), "w", &(0..3)));
        assert!(!re.has_group_at(&Window::new("The zqvc here"), "w", &(0..3)));
        // A pattern that may start and end with anything has no required literals.
        assert!(
            WindowRegex::new(r"(?i)\w+\s(?P<w>abode)\s\w+")
                .unwrap()
                .required
                .is_empty()
        );
    }

    #[test]
    fn ascii_only_drops_unicode_word_classes() {
        let hir = regex_syntax::parse(r"(?i)\w+\s[^,]k['’]").unwrap();
        let ascii = ascii_only(&hir);
        let engine = meta::Regex::builder().build_from_hir(&ascii).unwrap();
        assert!(engine.is_match("ab ’K’"));
        assert!(engine.is_match("ab ck'"));
        assert!(!engine.is_match("éé ck'"));
    }

    #[test]
    fn unicode_classes_are_refused_with_the_reason() {
        let error = WindowRegex::new(r"\p{L}+").err().unwrap();
        assert!(error.starts_with("pattern does not compile"), "{error}");
    }
}
