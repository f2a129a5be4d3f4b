//! In-text citations: a small hand-written grammar for author-date citations, parenthetical
//! ("(Smith, 2020)", "(see Lee & Park, 2019a, p. 4; Zhou, n.d.)", "(Blanshard 2006, 151)") and
//! narrative ("Smith and Jones (2020)", "North Atlantic Treaty Organization (NATO, 2022)").
//! Numeric citations are [`super::numeric`]'s.
//!
//! The parser records what was written (authors, the year, the separators and locator forms it
//! saw) and the byte span of each cited work, so that style rules can judge the form and matching
//! can look the work up. It accepts a parenthetical group only when every part of it parses: a
//! parenthesis that is not wholly a citation ("(2. Baskı)", "(June 1997)", "(2022)" after a
//! common word) is left alone. It knows nothing about reference lists or styles.

use std::ops::Range;

use super::token::{Kind, Token, floor_char_boundary, strip_possessive, tokenize};
use super::year::{self, Year};

/// Whether the citation stands in parentheses or names the author in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// "(Smith, 2020)".
    Parenthetical,
    /// "Smith (2020)".
    Narrative,
}

/// The word joining the last two authors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conjunction {
    Ampersand,
    And,
    /// Another language's "and": "ve", "und", "y", "e", "et".
    Other,
}

/// How a page or paragraph locator was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocatorForm {
    /// ", p. 12", ", pp. 3-4", ", para. 2": the label as written ("p", "pp", "para").
    Labelled(String),
    /// ": 1282".
    Colon,
    /// ", 151" (Chicago author-date).
    Bare,
}

/// A page, paragraph or section locator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locator {
    pub form: LocatorForm,
    /// The numbers as written ("1282", "3-4").
    pub value: String,
    /// From the separator (", " or ":") to the end of the numbers.
    pub span: Range<usize>,
}

/// A name as written in a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Range<usize>,
}

/// One cited work inside a citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitedWork {
    /// From the first author to the year (or the locator).
    pub span: Range<usize>,
    /// "see", "e.g.,", "cf." as written.
    pub prefix: Option<String>,
    pub authors: Vec<Name>,
    pub et_al: bool,
    /// The work has no author and is cited by its title in quotation marks; `authors` holds the
    /// title.
    pub title: bool,
    /// "et al." as written, when present.
    pub et_al_span: Option<Range<usize>>,
    /// An abbreviation defined here: "North Atlantic Treaty Organization [NATO]" or, in narrative
    /// form, "North Atlantic Treaty Organization (NATO, 2022)".
    pub abbreviation: Option<String>,
    /// The full group name an abbreviation stands for, when this citation defines it.
    pub defines: Option<String>,
    /// The separators between authors, in order.
    pub conjunctions: Vec<(Conjunction, Range<usize>)>,
    /// Span of the whole author part.
    pub authors_span: Range<usize>,
    pub year: Year,
    pub year_span: Range<usize>,
    /// Whether a comma stood between the authors and the year (parenthetical form only).
    pub comma_before_year: bool,
    pub locator: Option<Locator>,
    /// The author and year as extracted (so without Markdown markup): "MccGwire 2008",
    /// "Smith (2020)"; for messages.
    pub written: String,
    /// This work was read in the next one ("Smith, 2008, as cited in Frix, 2016"): it is not
    /// expected in the reference list.
    pub cited_in_next: bool,
    /// A name joined to a narrative author by a comma alone ("Morais, Dias (1955)"): maybe the
    /// first of two authors written without "and", maybe a word of the sentence ("In Brazil,
    /// Silva (2010)"); the reference list decides.
    pub name_before_comma: Option<String>,
}

impl CitedWork {
    /// The first author's name as written (possessive removed).
    pub fn first_author(&self) -> &str {
        self.authors.first().map_or("", |n| n.text.as_str())
    }

    /// All names joined with "and": the whole name when a group name containing "and" was read
    /// as several authors.
    pub fn joined_authors(&self) -> String {
        self.authors
            .iter()
            .map(|n| n.text.as_str())
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

/// One citation: a parenthetical group or a narrative mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub form: Form,
    /// The whole citation, parentheses included.
    pub span: Range<usize>,
    pub works: Vec<CitedWork>,
    /// Whether the form itself shows this is a citation. "(Horizon 2020)" or "the Treaty of
    /// Lisbon (2007)" parse as citations but may well not be; an uncertain citation counts when
    /// it matches an entry and is not reported when it matches none.
    pub certain: bool,
    /// The closing parenthesis is missing; the citation ends before the next period.
    pub unclosed: bool,
}

impl Citation {
    /// Moves every span by `f` (from unit text to source file).
    pub fn map_spans(&mut self, f: &impl Fn(Range<usize>) -> Range<usize>) {
        self.span = f(self.span.clone());
        for work in &mut self.works {
            work.span = f(work.span.clone());
            work.authors_span = f(work.authors_span.clone());
            work.year_span = f(work.year_span.clone());
            for name in &mut work.authors {
                name.span = f(name.span.clone());
            }
            for (_, span) in &mut work.conjunctions {
                *span = f(span.clone());
            }
            if let Some(locator) = &mut work.locator {
                locator.span = f(locator.span.clone());
            }
            work.et_al_span = work.et_al_span.clone().map(f);
        }
    }
}

/// Words that introduce a citation inside the parentheses.
const PREFIXES: &[&str] = &[
    "as cited in",
    "as quoted in",
    "but see",
    "cf.",
    "compare",
    "e.g.",
    "e.g.,",
    "especially",
    "for example",
    "for example,",
    "for instance",
    "for instance,",
    "i.e.",
    "i.e.,",
    "notably",
    "see",
    "see also",
    "see, e.g.,",
];

/// "et al." and its equivalents in the languages manuscripts arrive in, as words; periods
/// between and after them are optional ("et. al." and "et al" are read too).
const ET_AL: &[&[&str]] = &[&["et", "al"], &["u", "a"], &["ve", "ark"], &["vd"]];

/// Words that label a locator: APA's "p.", "pp.", "para."; Turkish "s." / "ss." (sayfa).
const LOCATOR_LABELS: &[&str] = &[
    "ch", "chap", "chapter", "fig", "figure", "p", "para", "paras", "pp", "s", "sec", "section",
    "slide", "ss", "table",
];

/// Other languages' "and" between author names.
const OTHER_ANDS: &[&str] = &["e", "et", "und", "ve", "y"];

/// The number of tokens of an "et al." form starting at `at`.
fn et_al_at(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    'forms: for form in ET_AL {
        let mut i = at;
        for (n, word) in form.iter().enumerate() {
            if n > 0 && tokens.get(i).is_some_and(|t| t.is('.')) {
                i += 1;
            }
            if !tokens
                .get(i)
                .is_some_and(|t| t.is_word(word) && t.text == *word)
            {
                continue 'forms;
            }
            i += 1;
        }
        if tokens.get(i).is_some_and(|t| t.is('.')) {
            i += 1;
        }
        return Some(i - at);
    }
    None
}

/// Lowercase words inside names: "van Dijk", "de Souza", "Government of Netherlands".
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du",
    "el", "la", "le", "st", "te", "ten", "ter", "van", "vom", "von", "zu",
];

/// Lowercase words that join the words of a group name.
const CONNECTORS: &[&str] = &["for", "of", "on", "the"];

/// Words after which a capitalised phrase is a thing rather than an author ("the Treaty of
/// Lisbon (2007)").
///
/// Portuguese and Spanish articles joined to a preposition, and articles no surname opens with,
/// are among them: "na Universidade de Coimbra (1801)", "pela Comissão (2014)".
const DETERMINERS: &[&str] = &[
    "a", "an", "ao", "aos", "her", "his", "its", "las", "los", "na", "nas", "nos", "our", "pela",
    "pelas", "pelo", "pelos", "the", "their", "these", "this", "those", "whose", "à", "às",
];

/// Whether a lowercase word is a surname particle ("van", "der", "de"), not a connector of a
/// group name.
pub fn is_surname_particle(word: &str) -> bool {
    PARTICLES.binary_search(&word).is_ok()
}

/// Whether a lowercase word may stand inside a surname or group name ("van", "der", "of").
pub fn is_name_particle(word: &str) -> bool {
    PARTICLES.binary_search(&word).is_ok() || CONNECTORS.binary_search(&word).is_ok()
}

/// Capitalised words that are never an author: months, seasons, and words that precede numbers.
const NOT_NAMES: &[&str] = &[
    "appendix",
    "april",
    "august",
    "autumn",
    "chapter",
    "december",
    "eq",
    "equation",
    "fall",
    "february",
    "fig",
    "figure",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "no",
    "november",
    "october",
    "part",
    "saturday",
    "section",
    "september",
    "spring",
    "step",
    "summer",
    "sunday",
    "table",
    "thursday",
    "tuesday",
    "vol",
    "volume",
    "wednesday",
    "winter",
];

/// Capitalised words that open a sentence or clause rather than belong to a narrative author.
const STOP_WORDS: &[&str] = &[
    "a",
    "according",
    "after",
    "also",
    "although",
    "an",
    "and",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "during",
    "following",
    "for",
    "from",
    "furthermore",
    "here",
    "however",
    "in",
    "indeed",
    "like",
    "moreover",
    "of",
    "on",
    "or",
    "per",
    "see",
    "similarly",
    "since",
    "so",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "thus",
    "to",
    "unlike",
    "via",
    "when",
    "where",
    "while",
    "with",
    "yet",
];

fn lower_in(word: &str, list: &[&str]) -> bool {
    list.binary_search(&word.to_lowercase().as_str()).is_ok()
}

fn is_name_word(token: &Token<'_>) -> bool {
    token.is_capitalised() && !lower_in(strip_possessive(token.text), NOT_NAMES)
}

fn is_particle(token: &Token<'_>) -> bool {
    token.kind == Kind::Word
        && token.text.chars().next().is_some_and(char::is_lowercase)
        && PARTICLES.contains(&token.text)
}

fn is_connector(token: &Token<'_>) -> bool {
    token.kind == Kind::Word && CONNECTORS.contains(&token.text)
}

/// A cursor over the tokens of one part of a citation.
struct Cursor<'t, 'a> {
    tokens: &'t [Token<'a>],
    at: usize,
}

impl<'a> Cursor<'_, 'a> {
    fn peek(&self) -> Option<&Token<'a>> {
        self.tokens.get(self.at)
    }

    fn peek_at(&self, ahead: usize) -> Option<&Token<'a>> {
        self.tokens.get(self.at + ahead)
    }

    fn done(&self) -> bool {
        self.at >= self.tokens.len()
    }

    fn eat_punct(&mut self, c: char) -> Option<Range<usize>> {
        let token = self.peek()?;
        if token.is(c) {
            let span = token.span.clone();
            self.at += 1;
            Some(span)
        } else {
            None
        }
    }

    fn eat_word(&mut self, word: &str) -> Option<Range<usize>> {
        let token = self.peek()?;
        if token.is_word(word) {
            let span = token.span.clone();
            self.at += 1;
            Some(span)
        } else {
            None
        }
    }

    /// Whether a name starts here: a capitalised word, initials before one, or a particle before
    /// one.
    fn name_starts(&self, ahead: usize) -> bool {
        let mut i = ahead;
        loop {
            match self.peek_at(i) {
                Some(t)
                    if t.is_single_capital() && self.peek_at(i + 1).is_some_and(|p| p.is('.')) =>
                {
                    i += 2
                }
                Some(t) if is_name_word(t) => return true,
                Some(t) if is_particle(t) => i += 1,
                _ => return false,
            }
        }
    }

    /// A year: "2020", "2020a", "n.d.", "n.d.-a", "in press", "forthcoming".
    fn year(&mut self) -> Option<(Year, Range<usize>)> {
        let (year, span, taken) = year::parse(&self.tokens[self.at.min(self.tokens.len())..])?;
        self.at += taken;
        Some((year, span))
    }

    /// The original's year in brackets after the year of the edition read: "1998 [1754]".
    fn original_year(&mut self) {
        if self.peek().is_some_and(|t| t.is('['))
            && self.peek_at(2).is_some_and(|t| t.is(']'))
            && self
                .tokens
                .get(self.at + 1..self.at + 2)
                .is_some_and(|year| {
                    year::parse(year)
                        .is_some_and(|(y, _, _)| matches!(y.value, year::YearValue::Year(_)))
                })
        {
            self.at += 3;
        }
    }

    fn year_starts(&self, ahead: usize) -> bool {
        self.tokens
            .get(self.at + ahead..)
            .is_some_and(|rest| year::parse(rest).is_some())
    }

    /// A page or page range: "12", "3-4", "3–4".
    fn numbers(&mut self) -> Option<Range<usize>> {
        let first = self.peek()?;
        if first.kind != Kind::Number {
            return None;
        }
        let start = first.span.start;
        let mut end = first.span.end;
        self.at += 1;
        while let Some(t) = self.peek() {
            // "--" is Markdown's (and TeX's) en dash: "pp. 3--4".
            let dash = if t.is('-') && self.peek_at(1).is_some_and(|n| n.is('-')) {
                2
            } else {
                usize::from(t.is('-') || t.is('–') || t.is('—'))
            };
            if dash > 0 && self.peek_at(dash).is_some_and(|n| n.kind == Kind::Number) {
                end = self.tokens[self.at + dash].span.end;
                self.at += dash + 1;
            } else {
                break;
            }
        }
        Some(start..end)
    }

    /// A locator after the year: ", p. 12", ", pp. 3-4", ", para. 2", ": 1282", ", 151".
    fn locator(&mut self, text: &str) -> Option<Locator> {
        let save = self.at;
        let sep = self.peek()?.clone();
        if sep.is(':') {
            self.at += 1;
            if let Some(numbers) = self.numbers() {
                return Some(Locator {
                    form: LocatorForm::Colon,
                    value: text[numbers.clone()].to_string(),
                    span: sep.span.start..numbers.end,
                });
            }
        } else if sep.is(',') {
            self.at += 1;
            if let Some(label) = self.peek().cloned()
                && label.kind == Kind::Word
                && LOCATOR_LABELS.contains(&label.text.to_lowercase().as_str())
            {
                self.at += 1;
                self.eat_punct('.');
                if let Some(numbers) = self.numbers() {
                    return Some(Locator {
                        form: LocatorForm::Labelled(label.text.to_string()),
                        value: text[numbers.clone()].to_string(),
                        span: sep.span.start..numbers.end,
                    });
                }
            } else if !self.year_starts(0)
                && let Some(numbers) = self.numbers()
            {
                return Some(Locator {
                    form: LocatorForm::Bare,
                    value: text[numbers.clone()].to_string(),
                    span: sep.span.start..numbers.end,
                });
            }
        }
        self.at = save;
        None
    }

    /// A comment closing a citation after its year or locator: ", emphasis added", ", on oral
    /// histories" (pandoc's citation suffix). It starts with a lowercase word that begins no name
    /// and holds no year; it takes the rest of the tokens.
    fn comment(&mut self) -> bool {
        let starts = self.peek().is_some_and(|t| t.is(','))
            && self
                .peek_at(1)
                .is_some_and(|t| t.kind == Kind::Word && t.text.starts_with(char::is_lowercase))
            && !self.name_starts(1);
        let rest = &self.tokens[self.at.min(self.tokens.len())..];
        if !starts || (0..rest.len()).any(|k| year::parse(&rest[k..]).is_some()) {
            return false;
        }
        self.at = self.tokens.len();
        true
    }

    /// One name: initials, particles and capitalised words, with connectors inside group names.
    fn name(&mut self) -> Option<Name> {
        if !self.name_starts(0) {
            return None;
        }
        let mut start = None;
        let mut end = 0;
        // Initials before a surname ("J. Smith"): skipped, they only tell namesakes apart.
        while let Some(t) = self.peek()
            && t.is_single_capital()
            && self.peek_at(1).is_some_and(|p| p.is('.'))
            && self.name_starts(2)
        {
            self.at += 2;
        }
        while let Some(t) = self.peek() {
            if is_name_word(t) || is_particle(t) {
                start.get_or_insert(t.span.start);
                end = t.span.end;
                self.at += 1;
            } else if is_connector(t) && start.is_some() && self.name_starts(1) {
                self.at += 1;
            } else {
                break;
            }
        }
        let start = start?;
        // "Hosmer Jr., Lemeshow e Sturdivant": the suffix's period belongs to the name.
        if self.at > 0
            && is_name_suffix(&self.tokens[self.at - 1])
            && self.peek().is_some_and(|t| t.is('.'))
        {
            self.at += 1;
        }
        Some(Name {
            text: String::new(),
            span: start..end,
        })
    }
}

/// A generational suffix written after the surname with a period: "Jr.", "Sr.".
fn is_name_suffix(token: &Token<'_>) -> bool {
    matches!(token.text, "Jr" | "JR" | "Sr" | "SR" | "Jnr" | "Snr")
}

/// Authors as parsed, before the year.
struct Authors {
    /// False for a narrative phrase after a determiner or with connector words ("the Treaty of
    /// Lisbon (2007)").
    certain: bool,
    names: Vec<Name>,
    et_al: Option<Range<usize>>,
    /// The "author" is a quoted title.
    title: bool,
    abbreviation: Option<String>,
    conjunctions: Vec<(Conjunction, Range<usize>)>,
    span: Range<usize>,
}

impl Authors {
    /// A cited work by these authors; prefix, comma and relations are the caller's to set.
    fn work(
        &self,
        span: Range<usize>,
        year: Year,
        year_span: Range<usize>,
        locator: Option<Locator>,
    ) -> CitedWork {
        CitedWork {
            span,
            prefix: None,
            authors: self.names.clone(),
            et_al: self.et_al.is_some(),
            title: self.title,
            et_al_span: self.et_al.clone(),
            abbreviation: self.abbreviation.clone(),
            defines: None,
            conjunctions: self.conjunctions.clone(),
            authors_span: self.span.clone(),
            year,
            year_span,
            comma_before_year: false,
            locator,
            cited_in_next: false,
            name_before_comma: None,
            written: String::new(),
        }
    }
}

fn authors(cur: &mut Cursor<'_, '_>, text: &str) -> Option<Authors> {
    let mut names = Vec::new();
    let mut conjunctions = Vec::new();
    let mut abbreviation = None;
    let mut et_al = None;
    let start = cur.peek()?.span.start;
    let mut end;
    loop {
        let mut name = cur.name()?;
        name.text = strip_possessive(&text[name.span.clone()]).to_string();
        end = name.span.end;
        names.push(name);
        // "[NATO]".
        if cur.peek().is_some_and(|t| t.is('['))
            && let Some(abbr) = cur.peek_at(1)
            && abbr.kind == Kind::Word
            && cur.peek_at(2).is_some_and(|t| t.is(']'))
        {
            abbreviation = Some(abbr.text.to_string());
            end = cur.tokens[cur.at + 2].span.end;
            cur.at += 3;
        }
        // "et al.", also as mistyped ("et. al.", "et al") or in another language ("vd.").
        if let Some(len) = et_al_at(cur.tokens, cur.at) {
            let start = cur.tokens[cur.at].span.start;
            cur.at += len;
            end = cur.tokens[cur.at - 1].span.end;
            et_al = Some(start..end);
            break;
        }
        let save = cur.at;
        // ABNT separates the authors of one work with ";" ("ALTMAN; BLAND, 1994"): a part
        // reaches here with one only when [`parenthetical`] joined it to the next.
        let had_comma = cur.eat_punct(',').is_some() || cur.eat_punct(';').is_some();
        if let Some(span) = cur.eat_punct('&') {
            conjunctions.push((Conjunction::Ampersand, span));
        } else if let Some(span) = cur.eat_word("and") {
            conjunctions.push((Conjunction::And, span));
        } else if let Some(t) = cur.peek()
            && t.kind == Kind::Word
            && OTHER_ANDS.contains(&t.text)
            && cur.name_starts(1)
        {
            conjunctions.push((Conjunction::Other, t.span.clone()));
            cur.at += 1;
        } else if !had_comma || !cur.name_starts(0) || cur.year_starts(0) {
            cur.at = save;
            break;
        }
        if !cur.name_starts(0) {
            return None;
        }
    }
    Some(Authors {
        certain: true,
        title: false,
        names,
        et_al,
        abbreviation,
        conjunctions,
        span: start..end,
    })
}

/// A work without an author, cited by a short title in quotation marks: ("Title of Work," 2020).
/// Returns the title as the one "author", and whether the comma stood inside the quotes.
fn quoted_title(cur: &mut Cursor<'_, '_>, text: &str) -> Option<(Authors, bool)> {
    let open = cur.peek()?.clone();
    let closer = if open.is('“') { '”' } else { '"' };
    let start = cur.at + 1;
    let end = start + cur.tokens[start..].iter().position(|t| t.is(closer))?;
    let inner = &cur.tokens[start..end];
    let last = inner.last()?;
    let comma = last.is(',');
    let words_end = if comma {
        inner.get(inner.len().checked_sub(2)?)?.span.end
    } else {
        last.span.end
    };
    let first = inner.first()?;
    if !first.is_capitalised() {
        return None;
    }
    let span = first.span.start..words_end;
    cur.at = end + 1;
    Some((
        Authors {
            certain: true,
            names: vec![Name {
                text: text[span.clone()].to_string(),
                span,
            }],
            et_al: None,
            abbreviation: None,
            conjunctions: Vec::new(),
            span: open.span.start..cur.tokens[end].span.end,
            title: true,
        },
        comma,
    ))
}

/// Parses the prefix of a parenthetical part ("see also", "e.g.,"); `None` when the words before
/// the first name are not a known prefix.
fn prefix(cur: &mut Cursor<'_, '_>, text: &str) -> Option<Option<String>> {
    let start = cur.at;
    while let Some(t) = cur.peek() {
        if cur.name_starts(0) || t.is('“') || t.is('"') {
            break;
        }
        match t.kind {
            Kind::Word if t.text.chars().next().is_some_and(char::is_lowercase) => cur.at += 1,
            Kind::Punct('.' | ',') => cur.at += 1,
            _ => return None,
        }
    }
    if cur.at == start {
        return Some(None);
    }
    let written = &text[cur.tokens[start].span.start..cur.tokens[cur.at - 1].span.end];
    let normal = written.to_lowercase();
    let normal = normal.trim_end_matches(',');
    let known = PREFIXES.iter().any(|p| {
        let p = p.trim_end_matches(',');
        normal == p || normal.ends_with(&format!(" {p}")) || normal.ends_with(&format!(", {p}"))
    });
    known.then(|| Some(written.to_string()))
}

/// Parses one ";"-separated part of a parenthetical group into works.
fn part(tokens: &[Token<'_>], text: &str) -> Option<Vec<CitedWork>> {
    let mut cur = Cursor { tokens, at: 0 };
    let prefix = prefix(&mut cur, text)?;
    let mut works = Vec::new();
    let mut pending_prefix = prefix;
    loop {
        let (authors, comma_in_title) = match cur.peek() {
            Some(t) if t.is('“') || t.is('"') => quoted_title(&mut cur, text)?,
            _ => (authors(&mut cur, text)?, false),
        };
        let comma_before_year = cur.eat_punct(',').is_some() || comma_in_title;
        let mut first = true;
        loop {
            let (year, year_span) = cur.year()?;
            cur.original_year();
            let locator = cur.locator(text);
            let end = locator.as_ref().map_or(year_span.end, |l| l.span.end);
            let start = if first {
                authors.span.start
            } else {
                year_span.start
            };
            let mut work = authors.work(start..end, year, year_span, locator);
            work.prefix = pending_prefix.take();
            work.comma_before_year = comma_before_year;
            works.push(work);
            first = false;
            // Another year of the same authors: "(Zhou, 2000, 2016)".
            if cur.peek().is_some_and(|t| t.is(',')) && cur.year_starts(1) {
                cur.at += 1;
                continue;
            }
            break;
        }
        if cur.done() {
            return Some(works);
        }
        // "…, as cited in Frix, 2016" or "… cited in …".
        let save = cur.at;
        cur.eat_punct(',');
        let as_ = cur.eat_word("as").is_some();
        if (cur.eat_word("cited").is_some() || (as_ && cur.eat_word("quoted").is_some()))
            && cur.eat_word("in").is_some()
        {
            if let Some(last) = works.last_mut() {
                last.cited_in_next = true;
            }
            continue;
        }
        cur.at = save;
        if cur.comment() {
            return Some(works);
        }
        // Another author after a comma: "(Smith, 2020, Jones, 2019)".
        if cur.eat_punct(',').is_some() && cur.name_starts(0) {
            continue;
        }
        return None;
    }
}

/// Splits `tokens` at top-level ";".
fn split_parts<'t, 'a>(tokens: &'t [Token<'a>]) -> Vec<&'t [Token<'a>]> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        match t.kind {
            Kind::Punct('[') => depth += 1,
            Kind::Punct(']') => depth = depth.saturating_sub(1),
            Kind::Punct(';') if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&tokens[start..]);
    parts
}

/// Parses the inside of a parenthesis as author-date citations.
fn parenthetical(text: &str, inner: Range<usize>) -> Option<Vec<CitedWork>> {
    let tokens = tokenize(&text[inner.clone()], inner.start);
    if tokens.is_empty() {
        return None;
    }
    let mut works = Vec::new();
    let parts = split_parts(&tokens);
    let mut from = 0;
    while from < parts.len() {
        if parts[from].is_empty() {
            return None;
        }
        // "(CLINTON; JACKMAN; RIVERS, 2004)": parts of names alone are the first authors of
        // the part that gives the year (ABNT).
        let mut to = from;
        while to + 1 < parts.len() && names_alone(parts[to]) {
            to += 1;
        }
        let first = parts[from].first()?.span.start;
        let last = parts[to].last().map_or(first, |t| t.span.end);
        let joined: Vec<Token<'_>> = tokens
            .iter()
            .filter(|t| t.span.start >= first && t.span.end <= last)
            .cloned()
            .collect();
        works.extend(part(&joined, text)?);
        from = to + 1;
    }
    Some(works)
}

/// A ";"-separated part that is a name and nothing else: capitalised words and particles, with
/// no year or number ("ALTMAN", "SILVA NETO", "de SOUZA").
fn names_alone(tokens: &[Token<'_>]) -> bool {
    tokens
        .first()
        .is_some_and(|t| t.is_capitalised() || is_particle(t))
        && tokens.iter().all(|t| {
            t.kind == Kind::Word && (t.is_capitalised() || is_particle(t)) || t.is('.') || t.is('-')
        })
}

/// A year with its span and locator, from a narrative "(2020, p. 4)".
type BareYear = (Year, Range<usize>, Option<Locator>);

/// Parses the inside of a parenthesis as years only ("2020", "2020, p. 4", "2019, 2020a").
fn years_only(text: &str, inner: Range<usize>) -> Option<Vec<BareYear>> {
    let tokens = tokenize(&text[inner.clone()], inner.start);
    let mut cur = Cursor {
        tokens: &tokens,
        at: 0,
    };
    let mut years = Vec::new();
    loop {
        let (year, span) = cur.year()?;
        // "José Henriques Ferreira (1740-1780)": after a name, a period of years is a life.
        if matches!(year.value, year::YearValue::Period(..)) {
            return None;
        }
        cur.original_year();
        let locator = cur.locator(text);
        years.push((year, span, locator));
        if cur.done() || cur.comment() {
            return Some(years);
        }
        cur.eat_punct(',')?;
    }
}

/// The author phrase right before a narrative "(2020)": scanned backwards over names, particles,
/// "and", "&", "et al." and (after an "and") commas.
fn narrative_authors(text: &str, open: usize) -> Option<Authors> {
    let mut window_start = open.saturating_sub(160);
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let before = &text[window_start..open];
    // The name must touch the parenthesis with only white space between.
    if !before.ends_with(char::is_whitespace)
        || before
            .trim_end()
            .ends_with(|c: char| !c.is_alphanumeric() && !matches!(c, '.' | '’' | '\'' | ']'))
    {
        return None;
    }
    let mut tokens = tokenize(before, window_start);
    // "World Health Organization [WHO] (2020)".
    let mut abbreviation = None;
    let n = tokens.len();
    if n >= 4 && tokens[n - 1].is(']') && tokens[n - 3].is('[') && tokens[n - 2].kind == Kind::Word
    {
        abbreviation = Some(tokens[n - 2].text.to_string());
        tokens.truncate(n - 3);
    } else if tokens.last().is_some_and(|t| t.is(']')) {
        return None;
    }
    let mut first = tokens.len();
    let mut seen_and = false;
    let mut i = tokens.len();
    // "et al." (or "et. al.", "vd.") at the end.
    if let Some(k) = (i.saturating_sub(6)..i).find(|&k| et_al_at(&tokens, k) == Some(i - k)) {
        i = k;
        first = k;
    } else if i >= 1 && tokens[i - 1].is('.') {
        return None;
    }
    while i > 0 {
        let t = &tokens[i - 1];
        let ok = match t.kind {
            Kind::Word if t.is_capitalised() => {
                !lower_in(strip_possessive(t.text), STOP_WORDS) && is_name_word(t)
            }
            Kind::Word if t.text == "and" || OTHER_ANDS.contains(&t.text) => {
                seen_and = true;
                true
            }
            Kind::Word => is_particle(t) || is_connector(t),
            Kind::Punct('&') => {
                seen_and = true;
                true
            }
            Kind::Punct(',') => seen_and,
            Kind::Punct('.') => i >= 2 && is_name_suffix(&tokens[i - 2]),
            _ => false,
        };
        if !ok {
            break;
        }
        i -= 1;
        first = i;
    }
    // Trim leading words that cannot start a name.
    while first < tokens.len() && !(tokens[first].is_capitalised() || is_particle(&tokens[first])) {
        first += 1;
    }
    let slice = &tokens[first..];
    if slice.is_empty() {
        return None;
    }
    let mut cur = Cursor {
        tokens: slice,
        at: 0,
    };
    let mut parsed = authors(&mut cur, text)?;
    if !cur.done() {
        return None;
    }
    let after_determiner = first
        .checked_sub(1)
        .is_some_and(|p| DETERMINERS.contains(&tokens[p].text.to_lowercase().as_str()));
    let has_connector = slice.iter().any(is_connector);
    if let Some(abbr) = abbreviation {
        parsed.abbreviation = Some(abbr);
    }
    parsed.certain =
        parsed.et_al.is_some() || parsed.names.len() >= 2 || !(after_determiner || has_connector);
    Some(parsed)
}

/// The capitalised name right before `start` with only a comma between ("Morais, " before
/// "Dias (1955)").
fn name_before_comma(text: &str, start: usize) -> Option<String> {
    let before = text[..start].trim_end();
    let before = before.strip_suffix(',')?;
    let mut from = before.len().saturating_sub(60);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tokens = tokenize(&before[from..], from);
    let name = tokens.last()?;
    (name.kind == Kind::Word
        && name.is_capitalised()
        && is_name_word(name)
        && !lower_in(name.text, STOP_WORDS))
    .then(|| name.text.to_string())
}

/// Whether the words after a narrative citation's year name its author: "Der Mut zum Sein
/// (1953) de Paul Tillich", "Cynisme et passion (1981) by André Glucksmann". Then the words
/// before the year are the end of a title, not an author, and the mention is not taken for
/// certain.
pub fn author_named_after(after: &str) -> bool {
    let mut words = after.split_whitespace();
    let (Some(by), Some(name)) = (words.next(), words.next()) else {
        return false;
    };
    const BY: &[&str] = &["by", "de", "di", "von", "par", "por", "door", "av"];
    after.starts_with(char::is_whitespace)
        && BY.contains(&by)
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().skip(1).any(char::is_lowercase)
}

/// Initials of the capitalised words of a group name ("North Atlantic Treaty Organization" →
/// "NATO").
pub fn initials(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Finds the author-date citations in a piece of prose. Spans are byte ranges of `text`.
pub fn parse(text: &str) -> Vec<Citation> {
    let mut citations = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'(' {
            i += 1;
            continue;
        }
        let open = i;
        let Some(close) = matching_paren(text, open) else {
            if let Some(citation) = unclosed_citation(text, open) {
                i = citation.span.end;
                citations.push(citation);
            } else {
                i += 1;
            }
            continue;
        };
        let inner = open + 1..close;
        if let Some(citation) = citation_at(text, open, inner, close) {
            citations.push(citation);
            i = close + 1;
        } else {
            // A parenthesis that is no citation may hold one: "(HUC = Hydrologic Unit Code;
            // (Berelson et al. 2004))", "(e.g., Easton (2008))".
            i = open + 1;
        }
    }
    citations
}

/// A parenthetical citation whose ")" is missing: "(Novak & Bianchi, 1990; Torres, 2007. All".
/// It ends at the first period (or the end of the paragraph) after which its contents parse as
/// a citation whose form leaves no doubt.
fn unclosed_citation(text: &str, open: usize) -> Option<Citation> {
    let mut limit = floor_char_boundary(text, open + 300);
    if let Some(blank) = text[open..limit].find("\n\n") {
        limit = open + blank;
    }
    if let Some(other) = text[open + 1..limit].find(['(', ')']) {
        limit = open + 1 + other;
    }
    let ends = text[open + 1..limit]
        .match_indices('.')
        .map(|(at, _)| open + 1 + at)
        .chain((limit == text.len()).then(|| text.trim_end().len()));
    for end in ends {
        if end <= open + 1 {
            continue;
        }
        if let Some(mut citation) = citation_at(text, open, open + 1..end, end - 1)
            && citation.form == Form::Parenthetical
            && citation.certain
        {
            citation.unclosed = true;
            return Some(citation);
        }
    }
    None
}

fn citation_at(text: &str, open: usize, inner: Range<usize>, close: usize) -> Option<Citation> {
    if let Some(years) = years_only(text, inner.clone()) {
        let authors = narrative_authors(text, open)?;
        let name_before_comma = (authors.names.len() == 1 && authors.et_al.is_none())
            .then(|| name_before_comma(text, authors.span.start))
            .flatten();
        let mut works: Vec<CitedWork> = years
            .into_iter()
            .map(|(year, year_span, locator)| {
                let mut work =
                    authors.work(authors.span.start..close + 1, year, year_span, locator);
                work.name_before_comma = name_before_comma.clone();
                work
            })
            .collect();
        define_abbreviations(&mut works);
        fill_written(text, Form::Narrative, &mut works);
        return Some(Citation {
            form: Form::Narrative,
            span: authors.span.start..close + 1,
            works,
            certain: authors.certain && !author_named_after(&text[close + 1..]),
            unclosed: false,
        });
    }
    let mut works = parenthetical(text, inner)?;
    let mut span = open..close + 1;
    let mut form = Form::Parenthetical;
    // "North Atlantic Treaty Organization (NATO, 2022)": a narrative group author that defines
    // its abbreviation.
    if let [work] = works.as_mut_slice()
        && let [name] = work.authors.as_slice()
        && name.text.chars().all(|c| c.is_uppercase())
        && name.text.chars().count() >= 2
        && let Some(group) = narrative_authors(text, open)
        && let [full] = group.names.as_slice()
        && initials(&full.text) == name.text
    {
        work.abbreviation = Some(name.text.clone());
        work.defines = Some(full.text.clone());
        work.authors_span = full.span.start..work.authors_span.end;
        work.span = full.span.start..close + 1;
        span.start = full.span.start;
        form = Form::Narrative;
    }
    define_abbreviations(&mut works);
    fill_written(text, form, &mut works);
    let certain = form == Form::Narrative
        || works.len() >= 2
        || works.iter().any(|w| {
            w.comma_before_year
                || w.et_al
                || w.authors.len() >= 2
                || w.locator.is_some()
                || w.prefix.is_some()
                || w.year.suffix.is_some()
                || w.abbreviation.is_some()
        });
    Some(Citation {
        form,
        span,
        works,
        certain,
        unclosed: false,
    })
}

/// Fills each work's `written` text: author and year of a parenthetical work, the whole mention
/// of a narrative one.
fn fill_written(text: &str, form: Form, works: &mut [CitedWork]) {
    for work in works {
        let range = if form == Form::Parenthetical && work.span.start == work.authors_span.start {
            work.authors_span.start..work.year_span.end
        } else {
            work.span.clone()
        };
        work.written = text[range].split_whitespace().collect::<Vec<_>>().join(" ");
    }
}

/// "World Health Organization [WHO]": the abbreviation stands for the first author's name.
/// A group name with "and" in it ("Organisation for Economic Co-operation and Development
/// [OECD]") was split like two authors; the definition is the whole name.
fn define_abbreviations(works: &mut [CitedWork]) {
    for work in works {
        if let (Some(abbr), None) = (&work.abbreviation, &work.defines) {
            let full = work.joined_authors();
            if full != *abbr {
                work.defines = Some(full);
            }
        }
    }
}

/// The ")" that closes the "(" at `open`, within a short distance and the same paragraph (a
/// hard-wrapped line break is fine, a blank line is not).
fn matching_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut newline = false;
    for (offset, c) in text[open..].char_indices().take(400) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + offset);
                }
            }
            '\n' if newline => return None,
            '\n' => {
                newline = true;
                continue;
            }
            c if c.is_whitespace() => continue,
            _ => {}
        }
        newline = false;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::YearValue;

    fn one(text: &str) -> Citation {
        let found = parse(text);
        assert_eq!(found.len(), 1, "{text}: {found:#?}");
        found.into_iter().next().unwrap()
    }

    fn authors_of(work: &CitedWork) -> Vec<&str> {
        work.authors.iter().map(|n| n.text.as_str()).collect()
    }

    fn none(text: &str) {
        let found = parse(text);
        assert!(found.is_empty(), "{text}: {found:#?}");
    }

    #[test]
    fn parenthetical_single_author() {
        let text = "as shown (Smith, 2020).";
        let c = one(text);
        assert_eq!(c.form, Form::Parenthetical);
        assert_eq!(&text[c.span.clone()], "(Smith, 2020)");
        let w = &c.works[0];
        assert_eq!(authors_of(w), ["Smith"]);
        assert_eq!(w.year.value, YearValue::Year(2020));
        assert!(w.comma_before_year);
        assert_eq!(&text[w.span.clone()], "Smith, 2020");
        assert_eq!(w.written, "Smith, 2020");
        let c = one("(MccGwire 2008: 1282; cf. Frix, 2016)");
        assert_eq!(c.works[0].written, "MccGwire 2008");
        assert_eq!(
            one("as Smith (2020) shows").works[0].written,
            "Smith (2020)"
        );
    }

    #[test]
    fn a_double_hyphen_joins_a_page_range() {
        let text = "(Lefèvre & Moreau, 2021, pp. 210--212; Thornton, 2010, 45--47)";
        let c = one(text);
        assert_eq!(c.works.len(), 2);
        let locator = c.works[0].locator.as_ref().unwrap();
        assert_eq!(locator.value, "210--212");
        assert_eq!(&text[locator.span.clone()], ", pp. 210--212");
        assert_eq!(c.works[1].locator.as_ref().unwrap().value, "45--47");
        none("(Smith, 2020, pp. 3---)");
    }

    #[test]
    fn a_comment_may_close_the_citation() {
        let text = "kept in stories (Okonkwo, 2011, p. 3, on oral histories), and more.";
        let c = one(text);
        assert_eq!(c.works.len(), 1);
        let w = &c.works[0];
        assert_eq!(authors_of(w), ["Okonkwo"]);
        assert_eq!(&text[w.locator.as_ref().unwrap().span.clone()], ", p. 3");
        assert_eq!(w.written, "Okonkwo, 2011");
        let c = one("(Lee & Park 2019, 12, emphasis added; Zhou 2018)");
        assert_eq!(c.works.len(), 2);
        assert_eq!(authors_of(&c.works[1]), ["Zhou"]);
        let c = one("as Harrow (2014, p. 12, emphasis added) says");
        assert_eq!(c.form, Form::Narrative);
        assert_eq!(c.works[0].year.value, YearValue::Year(2014));
        // A comment holds no further year, and a name after the comma is another work.
        none("(Smith, 2020, and later in 2021)");
        let c = one("(Smith, 2020, van Dijk, 2019)");
        assert_eq!(authors_of(&c.works[1]), ["van Dijk"]);
    }

    #[test]
    fn narrative_forms() {
        let text = "As Smith (2020) shows, and Lee and Park (2019) agree.";
        let found = parse(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].form, Form::Narrative);
        assert_eq!(authors_of(&found[0].works[0]), ["Smith"]);
        assert_eq!(&text[found[0].span.clone()], "Smith (2020)");
        assert_eq!(authors_of(&found[1].works[0]), ["Lee", "Park"]);
        assert_eq!(found[1].works[0].conjunctions[0].0, Conjunction::And);
        let c = one("In Smith et al. (2018), the sample was small.");
        assert!(c.works[0].et_al);
        assert_eq!(authors_of(&c.works[0]), ["Smith"]);
        let c = one("Smith’s (2020) study found more.");
        assert_eq!(authors_of(&c.works[0]), ["Smith"]);
        let c = one("Smith, Lee, and Park (2021) disagree.");
        assert_eq!(authors_of(&c.works[0]), ["Smith", "Lee", "Park"]);
        // A comma before a name without "and" ends the phrase.
        let c = one("However, Smith (2020) disagrees.");
        assert_eq!(authors_of(&c.works[0]), ["Smith"]);
    }

    #[test]
    fn several_works_and_prefixes() {
        let text = "(see Smith, 2020; e.g., Lee & Park, 2019; cf. Zhou, 2018)";
        let c = one(text);
        assert_eq!(c.works.len(), 3);
        assert_eq!(c.works[0].prefix.as_deref(), Some("see"));
        assert_eq!(c.works[1].prefix.as_deref(), Some("e.g.,"));
        assert_eq!(authors_of(&c.works[1]), ["Lee", "Park"]);
        assert_eq!(c.works[1].conjunctions[0].0, Conjunction::Ampersand);
        assert_eq!(c.works[2].prefix.as_deref(), Some("cf."));
        assert_eq!(&text[c.works[2].span.clone()], "Zhou, 2018");
        let c = one("(for a review, see Smith, 2020)");
        assert!(c.works[0].prefix.is_some());
    }

    #[test]
    fn as_cited_in_marks_the_secondary_source() {
        let c = one("(MccGwire, 2008, as cited in Frix, 2016)");
        assert_eq!(c.works.len(), 2);
        assert!(c.works[0].cited_in_next);
        assert_eq!(authors_of(&c.works[1]), ["Frix"]);
        assert!(!c.works[1].cited_in_next);
    }

    #[test]
    fn works_without_author_cited_by_title() {
        let text = "as reported (“Study Finds,” 2020; see “Light in Ponds”, 2019)";
        let c = one(text);
        assert_eq!(c.works.len(), 2);
        assert!(c.works[0].title);
        assert_eq!(authors_of(&c.works[0]), ["Study Finds"]);
        assert!(c.works[0].comma_before_year);
        assert_eq!(c.works[0].written, "“Study Finds,” 2020");
        assert_eq!(authors_of(&c.works[1]), ["Light in Ponds"]);
        let c = one("(\"Study Finds,\" 2020)");
        assert_eq!(authors_of(&c.works[0]), ["Study Finds"]);
        none("she said (“not now,” 2020 was late)");
    }

    #[test]
    fn three_authors_and_et_al() {
        let c = one("(Belkin, Mix and Woehrel, 2014)");
        assert_eq!(authors_of(&c.works[0]), ["Belkin", "Mix", "Woehrel"]);
        assert_eq!(c.works[0].conjunctions.len(), 1);
        let c = one("(Belkin, Mix, & Woehrel, 2014)");
        assert_eq!(authors_of(&c.works[0]), ["Belkin", "Mix", "Woehrel"]);
        let c = one("(Belkin et al., 2014)");
        assert!(c.works[0].et_al);
        let text = "(Belkin et. al., 2014) and Mix et al (2015)";
        let found = parse(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &text[found[0].works[0].et_al_span.clone().unwrap()],
            "et. al."
        );
        assert_eq!(
            &text[found[1].works[0].et_al_span.clone().unwrap()],
            "et al"
        );
        assert_eq!(authors_of(&found[1].works[0]), ["Mix"]);
        assert_eq!(authors_of(&c.works[0]), ["Belkin"]);
    }

    #[test]
    fn et_al_and_and_in_other_languages() {
        let other = one("(Yılmaz vd., 2019; Demir ve Kaya, 2018)");
        assert!(other.works[0].et_al);
        assert_eq!(authors_of(&other.works[1]), ["Demir", "Kaya"]);
        assert_eq!(other.works[1].conjunctions[0].0, Conjunction::Other);
        let other = one("Yılmaz ve ark. (2019) bulmuştur");
        assert!(other.works[0].et_al);
        assert_eq!(authors_of(&other.works[0]), ["Yılmaz"]);
        let other = one("laut Müller und Schmidt (2019)");
        assert_eq!(authors_of(&other.works[0]), ["Müller", "Schmidt"]);
    }

    #[test]
    fn group_authors_and_abbreviations() {
        let c = one("(Atlantic Council, 2022)");
        assert_eq!(authors_of(&c.works[0]), ["Atlantic Council"]);
        let c = one("(Government of Netherlands, 2022)");
        assert_eq!(authors_of(&c.works[0]), ["Government of Netherlands"]);
        let c = one("(North Atlantic Treaty Organization [NATO], 2022)");
        let w = &c.works[0];
        assert_eq!(authors_of(w), ["North Atlantic Treaty Organization"]);
        assert_eq!(w.abbreviation.as_deref(), Some("NATO"));
        assert_eq!(
            w.defines.as_deref(),
            Some("North Atlantic Treaty Organization")
        );
        let text = "as the North Atlantic Treaty Organization (NATO, 2022) states";
        let c = one(text);
        assert_eq!(c.form, Form::Narrative);
        assert_eq!(c.works[0].abbreviation.as_deref(), Some("NATO"));
        assert_eq!(
            c.works[0].defines.as_deref(),
            Some("North Atlantic Treaty Organization")
        );
        let text = "the World Health Organization [WHO] (2020) reports";
        let c = one(text);
        assert_eq!(
            c.works[0].defines.as_deref(),
            Some("World Health Organization")
        );
        assert_eq!(
            &text[c.span.clone()],
            "World Health Organization [WHO] (2020)"
        );
        let c = one("(Organisation for Economic Co-operation and Development [OECD], 2020)");
        assert_eq!(
            c.works[0].defines.as_deref(),
            Some("Organisation for Economic Co-operation and Development")
        );
        let c = one("(NATO, 2016)");
        assert_eq!(authors_of(&c.works[0]), ["NATO"]);
        assert_eq!(c.works[0].defines, None);
    }

    #[test]
    fn years_letters_no_date_and_in_press() {
        let c = one("(Zhou, n.d., 2000, 2016a, in press)");
        let years: Vec<String> = c.works.iter().map(|w| w.year.to_string()).collect();
        assert_eq!(years, ["n.d.", "2000", "2016a", "in press"]);
        assert!(c.works.iter().all(|w| authors_of(w) == ["Zhou"]));
        let c = one("(Smith, n.d.-b)");
        assert_eq!(c.works[0].year.suffix, Some('b'));
        let c = one("Smith (2020a, 2020b) argued");
        assert_eq!(c.works.len(), 2);
    }

    #[test]
    fn locators() {
        let cases = [
            (
                "(Smith, 2020, p. 12)",
                LocatorForm::Labelled("p".into()),
                "12",
            ),
            (
                "(Smith, 2020, pp. 3-4)",
                LocatorForm::Labelled("pp".into()),
                "3-4",
            ),
            (
                "(Smith, 2020, para. 2)",
                LocatorForm::Labelled("para".into()),
                "2",
            ),
            ("(Erkiner, 2021: 203)", LocatorForm::Colon, "203"),
            ("(Blanshard 2006, 151)", LocatorForm::Bare, "151"),
        ];
        for (text, form, value) in cases {
            let c = one(text);
            let locator = c.works[0].locator.clone().expect(text);
            assert_eq!(locator.form, form, "{text}");
            assert_eq!(locator.value, value, "{text}");
        }
        let c = one("(MccGwire 2008: 1282; cf. Frix, 2016)");
        assert!(!c.works[0].comma_before_year);
        assert_eq!(
            c.works[0].locator.as_ref().unwrap().form,
            LocatorForm::Colon
        );
        assert_eq!(authors_of(&c.works[1]), ["Frix"]);
        let c = one("Smith (2020, p. 4) says");
        assert_eq!(c.works[0].locator.as_ref().unwrap().value, "4");
    }

    #[test]
    fn particles_and_diacritics() {
        let c = one("(van Dijk & de Souza, 2019)");
        assert_eq!(authors_of(&c.works[0]), ["van Dijk", "de Souza"]);
        let c = one("(Tür, 2000)");
        assert_eq!(authors_of(&c.works[0]), ["Tür"]);
        let c = one("as Özdemir (2019) shows");
        assert_eq!(authors_of(&c.works[0]), ["Özdemir"]);
        let c = one("(J. Smith, 2020)");
        assert_eq!(authors_of(&c.works[0]), ["Smith"]);
    }

    #[test]
    fn citations_may_wrap_across_lines() {
        let c = one("as shown (Torres &\nGarcia, 1988) and");
        assert_eq!(c.works[0].written, "Torres & Garcia, 1988");
        let c = one("as Perez et\nal. (2016) show");
        assert_eq!(c.works[0].written, "Perez et al. (2016)");
        let c = one("as Perez\n(2016) shows");
        assert_eq!(authors_of(&c.works[0]), ["Perez"]);
        none("an open (Smith,\n\n2020) paragraph break");
    }

    #[test]
    fn a_missing_closing_parenthesis_ends_at_the_period() {
        let text = "databases (Novak & Bianchi, 1990; Torres et al., 2007. All data";
        let c = one(text);
        assert!(c.unclosed);
        assert_eq!(
            &text[c.span.clone()],
            "(Novak & Bianchi, 1990; Torres et al., 2007"
        );
        assert_eq!(c.works.len(), 2);
        let c = one("it is (Smith, 2020");
        assert!(c.unclosed);
        none("an aside (which Smith, 2020, never saw. Then");
        none("an aside (Horizon 2020. Then");
    }

    #[test]
    fn doubtful_forms_are_marked_uncertain() {
        assert!(!one("the Treaty of Lisbon (2007) changed").certain);
        assert!(!one("as the Minsk Agreement (2014) shows").certain);
        assert!(!one("funded by (Horizon 2020) grants").certain);
        assert!(one("as Smith (2020) shows").certain);
        assert!(one("(Smith, 2020)").certain);
        assert!(one("(MccGwire 2008: 1282; cf. Frix, 2016)").certain);
        assert!(one("Yılmaz’ın (2019) bulgularına göre").certain);
        assert_eq!(
            one("Yılmaz’ın (2019) bulgularına göre").works[0].first_author(),
            "Yılmaz"
        );
    }

    #[test]
    fn things_that_are_not_citations() {
        none("Seçkin (2. Baskı) yayınları");
        none("In June 1997, fifty officials wrote (June 1997).");
        none("it was founded (2022) and grew");
        none("the opposition [as] NATO expansion continued");
        none("on March 4, 2022 (March 4, 2022) the press");
        none("see (Table 2, 2020)");
        none("the results (n = 2020) were");
        none("(the case of Russia, 2014)");
        none("Goda. S. (2015). European security.");
        none("Woehrel S. (2014). NATO: Response");
        none("Atlantic Council. (2022). Twenty questions");
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            PREFIXES,
            PARTICLES,
            CONNECTORS,
            DETERMINERS,
            NOT_NAMES,
            STOP_WORDS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn initials_of_group_names() {
        assert_eq!(initials("North Atlantic Treaty Organization"), "NATO");
        assert_eq!(initials("World Health Organization"), "WHO");
    }
}
