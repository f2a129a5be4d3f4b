//! Check kinds: the code behind rules. A rule file names a kind in `[check] kind = "…"` and sets
//! its parameters; this module turns that table into a ready [`Check`].
//!
//! A check is a stateless detector: it reads the document and its manuscript model and returns
//! [`Finding`]s. It knows nothing about rule ids, severities or wording. Adding a kind is one file
//! here plus one line in [`build`].

mod acronyms;
mod article;
mod citations;
mod confusable;
mod consistency;
mod declared_language;
mod desk;
mod dictionary;
mod english_words;
mod grammar;
mod headings;
mod identifier_slip;
mod item_count;
mod languages;
mod memo;
mod mixed_script;
mod numbered_citations;
mod pandoc_citation_form;
mod pattern;
mod prefilter;
mod quotes;
mod repeated_word;
mod spelling;
mod statistics;
mod trailing;
mod unknown_word;
mod window_regex;
mod word_count;

use serde::de::DeserializeOwned;

use citations::Kind as CiteKind;
pub use confusable::{ConfusablePair, ConfusableTable};
pub use unknown_word::{take_unchecked_languages, unchecked_note};

/// The languages (ISO 639-1 codes) with a Hunspell dictionary installed where galley looks for
/// one: `DICPATH`, else the usual system folders.
pub fn installed_dictionary_languages() -> Vec<&'static str> {
    dictionary::available(&dictionary::default_dirs())
        .into_keys()
        .collect()
}

use crate::diagnostic::Finding;
use crate::manuscript::{LangCode, Manuscript, Unit};
use crate::source::Document;

/// Everything a check may read about one document.
pub struct Context<'a> {
    pub document: &'a Document,
    pub manuscript: &'a Manuscript,
    /// How many findings the check may keep, and what it counted past that.
    pub limit: &'a FindingLimit,
    /// Whether unit-local checks keep their per-unit results for the next run (the language
    /// server, which re-checks one document after small edits); see [`memo`].
    pub memoize: bool,
}

impl Context<'_> {
    /// Whether a check that keeps `kept` findings may keep one more, at `span`. When it may not,
    /// the finding is counted instead, and the check should skip building it: a rule that fires
    /// on every word of a huge file keeps memory to the findings shown.
    pub fn room_for(&self, kept: usize, span: &std::ops::Range<usize>) -> bool {
        self.limit.room_for(kept, span)
    }
}

/// The most findings one rule keeps for one document (0: no limit), and the count of those past it.
#[derive(Debug, Default)]
pub struct FindingLimit {
    cap: usize,
    omitted: std::sync::atomic::AtomicUsize,
    /// Start and end of the earliest finding counted and not kept.
    first_omitted: std::sync::Mutex<Option<std::ops::Range<usize>>>,
}

impl FindingLimit {
    /// A limit of `cap` findings; 0 keeps them all.
    pub fn new(cap: usize) -> Self {
        Self {
            cap,
            ..Self::default()
        }
    }

    /// See [`Context::room_for`].
    pub fn room_for(&self, kept: usize, span: &std::ops::Range<usize>) -> bool {
        if self.cap == 0 || kept < self.cap {
            return true;
        }
        self.omitted
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut first = self
            .first_omitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if first.as_ref().is_none_or(|f| span.start < f.start) {
            *first = Some(span.clone());
        }
        false
    }

    /// How many findings were counted and not kept, and where the earliest of them is.
    pub fn omitted(&self) -> (usize, Option<std::ops::Range<usize>>) {
        let first = self
            .first_omitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        (
            self.omitted.load(std::sync::atomic::Ordering::Relaxed),
            first,
        )
    }
}

/// The parameters of a check that reads the author's prose and takes only which parts to read.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseParams {
    #[serde(default = "prose_parts")]
    pub parts: Vec<crate::manuscript::Part>,
}

/// The parts prose checks read unless told otherwise.
fn prose_parts() -> Vec<crate::manuscript::Part> {
    crate::manuscript::Part::PROSE.to_vec()
}

/// A detector, built once per run and shared across files and threads.
pub trait Check: Send + Sync {
    /// Findings in document order; spans are byte ranges into `document.text`.
    fn check(&self, cx: &Context<'_>) -> Vec<Finding>;

    /// Compiles now what the check would otherwise compile when first needed, so that a
    /// user's settings fail as configuration errors before any file is read.
    fn prepare(&self) -> Result<(), String> {
        Ok(())
    }
}

/// The check kinds and what each is for (shown by `galley rules`).
pub const KINDS: &[(&str, &str)] = &[
    (
        "abstract-sections",
        "sections a journal requires in a structured abstract",
    ),
    (
        "acronym-case",
        "an acronym written in capitals and also in another case",
    ),
    (
        "acronyms",
        "abbreviations used before their definition, defined twice, or never used",
    ),
    (
        "citation-ambiguous",
        "an in-text citation that matches several reference entries",
    ),
    (
        "citation-form",
        "the form of an in-text citation in the chosen style",
    ),
    (
        "citation-not-in-references",
        "an in-text citation with no reference entry",
    ),
    (
        "citation-order",
        "works inside one pair of parentheses out of reference-list order",
    ),
    (
        "citation-year-mismatch",
        "an in-text citation whose author is listed with another year",
    ),
    (
        "confusable",
        "a real word written for another, recognised by its context",
    ),
    (
        "display-items",
        "number of figures and tables against a journal's limits",
    ),
    (
        "declared-language",
        "a declared language (xml:lang) over text in another language",
    ),
    (
        "determiner-agreement",
        "a determiner and its noun that disagree in number",
    ),
    (
        "dictionary",
        "words not in an installed Hunspell dictionary",
    ),
    (
        "heading-language",
        "a heading word in one language over text in another",
    ),
    (
        "heading-numbering",
        "headings numbered out of sequence, or some numbered and some not",
    ),
    (
        "indefinite-article",
        "“a” before a vowel sound or “an” before a consonant sound",
    ),
    ("item-count", "number of items in each keyword list"),
    (
        "item-count-parity",
        "keyword lists in different languages with different numbers of items",
    ),
    (
        "blind-review",
        "what names the authors of a manuscript for double-blind review",
    ),
    (
        "credit-roles",
        "role names in the author contributions that are not CRediT roles",
    ),
    (
        "main-text-words",
        "number of words in the main text, counted as the journal counts them",
    ),
    ("misspelling", "known misspellings of English words"),
    (
        "orcid-invalid",
        "an ORCID iD of the wrong shape or with a wrong check digit",
    ),
    (
        "orcid-missing",
        "an author without an ORCID iD where the journal asks for one",
    ),
    ("mixed-script", "letters of two scripts inside one word"),
    (
        "pattern",
        "a regular expression over prose, with an optional replacement",
    ),
    ("quote-style", "straight and curly quotation marks mixed"),
    (
        "reference-form",
        "the form of reference entries in the chosen style",
    ),
    (
        "reference-list-missing",
        "citations with no reference list or bibliography to resolve them against",
    ),
    (
        "reference-not-cited",
        "a reference entry no in-text citation points at",
    ),
    ("reference-count", "number of entries in the reference list"),
    (
        "reference-order",
        "reference entries out of alphabetical or chronological order",
    ),
    ("repeated-word", "the same word twice in a row"),
    (
        "required-languages",
        "abstracts or keyword lists missing in a required language",
    ),
    (
        "required-statements",
        "statements a journal requires (data availability, funding, …) missing or empty",
    ),
    ("set-phrase", "a set phrase or fixed form written wrongly"),
    (
        "spelling-variants",
        "one word written two ways: British and American spelling, hyphenation",
    ),
    (
        "statistics",
        "reported test results whose p-value does not match the statistic, or in non-APA form",
    ),
    (
        "subject-verb-agreement",
        "a subject and its verb that disagree in number",
    ),
    ("title-case", "capitalisation of the title and headings"),
    ("trailing-material", "material after the manuscript proper"),
    (
        "unknown-word",
        "a word no dictionary knows, one slip from one it does",
    ),
    (
        "verb-form",
        "the wrong form of a verb after the word that governs it",
    ),
    ("word-count", "number of words in each abstract"),
];

/// Builds the check for a `[check]` table and compiles at once what it would compile when first
/// needed ([`Check::prepare`]): a user's rule fails here, as a configuration error.
pub fn build_now(table: &toml::Table, languages: &[LangCode]) -> Result<Box<dyn Check>, String> {
    let check = build(table, languages)?;
    check.prepare()?;
    Ok(check)
}

/// Builds the check for a `[check]` table; `languages` is the rule's language scope (empty: all).
///
/// Errors are messages about the table (an unknown kind, a missing or mistyped parameter, a regex
/// that does not compile); the caller points them at the rule file or configuration.
pub fn build(table: &toml::Table, languages: &[LangCode]) -> Result<Box<dyn Check>, String> {
    let kind = match table.get("kind") {
        Some(toml::Value::String(kind)) => kind.as_str(),
        Some(_) => return Err("`kind` must be a string".into()),
        None => return Err("missing `kind` in [check]".into()),
    };
    let mut params = table.clone();
    params.remove("kind");
    if let Some(kind) = CiteKind::from_kind(kind) {
        return citations(kind, params);
    }
    let scope = LanguageScope(languages.to_vec());
    Ok(match kind {
        "word-count" => Box::new(word_count::WordCount::new(parse(params)?)?),
        "item-count" => Box::new(item_count::ItemCount::new(parse(params)?)?),
        "item-count-parity" => Box::new(item_count::ItemCountParity::new(parse(params)?)?),
        "required-languages" => Box::new(languages::RequiredLanguages::new(parse(params)?)?),
        "heading-language" => Box::new(languages::HeadingLanguage::new(parse(params)?)),
        "pattern" => Box::new(pattern::Pattern::new(parse(params)?, scope)?),
        "confusable" => Box::new(confusable::Confusable::new(parse(params)?, scope)?),
        "repeated-word" => Box::new(repeated_word::RepeatedWord::new(parse(params)?, scope)),
        "indefinite-article" => Box::new(article::Article::new(parse(params)?, scope)),
        "heading-numbering" => Box::new(headings::HeadingNumbering::new(parse(params)?)),
        "title-case" => Box::new(headings::TitleCase::new(parse(params)?, scope)?),
        "spelling-variants" => Box::new(consistency::SpellingVariants::new(parse(params)?, scope)),
        "declared-language" => Box::new(declared_language::DeclaredLanguage::new(parse(params)?)),
        "dictionary" => Box::new(dictionary::DictionarySpelling::new(parse(params)?)?),
        "quote-style" => Box::new(quotes::QuoteStyle::new(parse(params)?)),
        "acronyms" => Box::new(acronyms::Acronyms::new(parse(params)?)),
        "acronym-case" => Box::new(consistency::AcronymCase::new(parse(params)?)),
        "misspelling" => Box::new(spelling::Misspelling::new(parse(params)?, scope)),
        "mixed-script" => Box::new(mixed_script::MixedScript::new(parse(params)?)),
        "trailing-material" => Box::new(trailing::TrailingMaterial::new(parse(params)?)),
        "statistics" => Box::new(statistics::Statistics::new(parse(params)?)?),
        "required-statements" => Box::new(desk::RequiredStatements::new(parse(params)?)?),
        "credit-roles" => Box::new(desk::CreditRoles::new(parse(params)?)),
        "main-text-words" => Box::new(desk::MainTextWords::new(parse(params)?)?),
        "reference-count" => Box::new(desk::ReferenceCount::new(parse(params)?)?),
        "blind-review" => Box::new(desk::BlindReview::new(parse(params)?)),
        "abstract-sections" => Box::new(desk::AbstractSections::new(parse(params)?)?),
        "display-items" => Box::new(desk::DisplayItemsCount::new(parse(params)?)),
        "orcid-missing" => Box::new(desk::OrcidMissing::new(parse(params)?)),
        "orcid-invalid" => Box::new(desk::OrcidInvalid::new(parse(params)?)),
        "unknown-word" => Box::new(unknown_word::UnknownWord::new(parse(params)?)?),
        "determiner-agreement" => Box::new(grammar::DeterminerNoun::new(parse(params)?, scope)),
        "subject-verb-agreement" => Box::new(grammar::SubjectVerb::new(parse(params)?, scope)),
        "verb-form" => Box::new(grammar::VerbForm::new(parse(params)?, scope)),
        "set-phrase" => Box::new(grammar::SetPhrase::new(parse(params)?, scope)),
        other => {
            let known: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            return Err(format!(
                "unknown check kind `{other}`; expected one of {}",
                known.join(", ")
            ));
        }
    })
}

/// Whether rules of check kind `kind` take a citation `style` (and so follow the top-level
/// `citation-style` setting).
pub fn takes_citation_style(kind: &str) -> bool {
    CiteKind::from_kind(kind).is_some()
}

/// Whether rules of check kind `kind` name the journal whose requirement they report (the
/// profile sets `profile` on them).
pub fn takes_profile(kind: &str) -> bool {
    matches!(
        kind,
        "required-statements"
            | "main-text-words"
            | "reference-count"
            | "word-count"
            | "abstract-sections"
            | "display-items"
            | "orcid-missing"
    )
}

/// The ids of the known citation styles, for `citation-style` and `style`.
pub fn citation_styles() -> Vec<&'static str> {
    citations::style_ids()
}

fn citations(kind: CiteKind, params: toml::Table) -> Result<Box<dyn Check>, String> {
    Ok(Box::new(citations::Citations::new(kind, parse(params)?)?))
}

fn parse<T: DeserializeOwned>(params: toml::Table) -> Result<T, String> {
    T::deserialize(toml::Value::Table(params)).map_err(|e| e.message().trim().to_string())
}

/// The languages a rule applies to; text in any other language is left alone.
#[derive(Debug, Clone, Default)]
pub struct LanguageScope(Vec<LangCode>);

impl LanguageScope {
    /// The scope of a rule in `languages` (empty: every language).
    pub fn new(languages: Vec<LangCode>) -> Self {
        Self(languages)
    }

    /// Whether `unit` is in scope. Text whose language is unknown is checked when the document's
    /// own language is unknown too, or is in scope.
    pub fn includes(&self, unit: &Unit, manuscript: &Manuscript) -> bool {
        if self.0.is_empty() {
            return true;
        }
        match unit.language().or(manuscript.language) {
            Some(language) => self.0.contains(&language),
            None => true,
        }
    }
}

/// Parses the language codes a rule or parameter names.
pub fn language_codes(codes: &[String]) -> Result<Vec<LangCode>, String> {
    codes
        .iter()
        .map(|code| {
            crate::manuscript::language::canonical(code).ok_or_else(|| {
                format!(
                    "unknown language code `{code}`; use ISO 639-1 codes such as `en`, `tr`, `pt`"
                )
            })
        })
        .collect()
}

/// "150-250", "at least 150", "at most 250".
fn describe_limit(min: Option<usize>, max: Option<usize>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}-{max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any number".into(),
    }
}

fn check_bounds(min: Option<usize>, max: Option<usize>) -> Result<(), String> {
    match (min, max) {
        (Some(min), Some(max)) if min > max => {
            Err(format!("`min` ({min}) is larger than `max` ({max})"))
        }
        _ => Ok(()),
    }
}

/// Ranges of `text` that are not prose even inside a paragraph: URLs, e-mail addresses, DOIs.
fn skip_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    // Each alternative of the pattern holds one of these; most paragraphs hold none, and one
    // pass of an automaton over them costs far less than the pattern's search.
    static MARKERS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["://", "www.", "doi:", "10.", "@"])
            .expect("built-in literals build")
    });
    if !markers.is_match(text) {
        return Vec::new();
    }
    // Compiled when a text first holds a marker.
    static NON_PROSE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = NON_PROSE.get_or_init(|| {
        regex::Regex::new(r"(?i)\b(?:https?://|ftp://|www\.)\S+|\bdoi:\s?\S+|\b10\.\d{4,9}/\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
            .expect("built-in pattern compiles")
    });
    re.find_iter(text).map(|m| m.range()).collect()
}

/// The parts of a unit's text that are not prose (URLs, e-mail addresses, DOIs).
pub struct SkipRanges(Vec<std::ops::Range<usize>>);

impl SkipRanges {
    /// Whether `range` touches any of them.
    ///
    /// The ranges come from one left-to-right search, so they are sorted and disjoint and a
    /// binary search finds the only candidate: a paragraph full of links stays linear.
    pub fn overlaps(&self, range: &std::ops::Range<usize>) -> bool {
        let first_ending_after = self.0.partition_point(|r| r.end <= range.start);
        self.0
            .get(first_ending_after)
            .is_some_and(|r| r.start < range.end)
    }

    /// Whether the byte at `at` lies in one of them.
    pub fn contains(&self, at: usize) -> bool {
        self.overlaps(&(at..at + 1))
    }

    /// The non-prose ranges of `text`.
    pub fn of(text: &str) -> Self {
        Self(skip_ranges(text))
    }

    /// The non-prose ranges of a unit's text, searched once per unit and shared by the rules.
    pub fn of_unit(unit: &Unit) -> Self {
        Self(unit.non_prose(skip_ranges).to_vec())
    }
}

/// A unit a check looks at: in the rule's parts and language scope, with its non-prose ranges.
pub struct ScopedUnit<'a> {
    pub unit: &'a Unit,
    pub text: &'a str,
    pub skip: SkipRanges,
}

/// The units of `parts` that `scope` includes, in document order: the walk every prose check
/// starts with.
pub fn scoped_units<'a>(
    cx: &'a Context<'_>,
    parts: &'a [crate::manuscript::Part],
    scope: &'a LanguageScope,
) -> impl Iterator<Item = ScopedUnit<'a>> + 'a {
    cx.manuscript
        .units_in(parts)
        .filter(move |unit| scope.includes(unit, cx.manuscript))
        .map(|unit| {
            let text = unit.text.as_str();
            ScopedUnit {
                unit,
                text,
                skip: SkipRanges::of_unit(unit),
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_addresses_and_dois_are_not_prose() {
        for (text, skipped) in [
            (
                "See https://example.org/a for more.",
                "https://example.org/a",
            ),
            ("See HTTP://EXAMPLE.ORG today.", "HTTP://EXAMPLE.ORG"),
            ("Visit WWW.Example.org now.", "WWW.Example.org"),
            ("It is DOI: 10.1000/xyz123 there.", "DOI: 10.1000/xyz123"),
            ("As in 10.1234/abcd.5 we saw.", "10.1234/abcd.5"),
            ("Write to a.b+c@example.org please.", "a.b+c@example.org"),
        ] {
            let ranges = skip_ranges(text);
            assert_eq!(ranges.len(), 1, "{text}");
            assert_eq!(&text[ranges[0].clone()], skipped, "{text}");
        }
        for prose in [
            "Rates rose by 10.5 percent in 2020.",
            "The doi of the article is missing.",
            "No links here at all",
        ] {
            assert!(skip_ranges(prose).is_empty(), "{prose}");
        }
    }
}
