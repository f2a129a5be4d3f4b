//! Reference-list entries: authors (surnames with initials or given names, group authors), the
//! year with its letter or "n.d.", a date part such as "(2022, 16 March)", the title, DOIs and
//! URLs.
//!
//! The parser is tolerant: it records what was written, including the slips style rules want to
//! point at ("Goda. S." with a period after the surname, "Woehrel S." without a comma, "Derek."
//! as a full given name, "ve" for "&"), and still yields the surname and year for matching. It
//! knows nothing about in-text citations or about which style is right.

use std::ops::Range;

use super::intext::{is_name_particle, is_surname_particle};
use super::numbered_entry::{self, NumberedReading};
use super::token::{Kind, Token, floor_char_boundary, tokenize};
use super::year::{self, Year};

/// What stood between a surname and the given names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSeparator {
    Comma,
    Period,
    Missing,
}

/// What joined an author to the one before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Joiner {
    /// A comma only.
    Comma,
    /// "&", "and", "ve", "und"…, as written (with or without a comma before it).
    Word { word: String, comma: bool },
}

/// One author of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefAuthor {
    /// The surname, or the whole name of a group author.
    pub surname: String,
    pub surname_span: Range<usize>,
    /// Particles written after the given names ("Berg, Anneke van der", "Souza, M. de"): part
    /// of the surname, which citations may write in full ("van der Berg").
    pub particle: Option<String>,
    /// Initials or given names as written ("B.", "Derek.", "J. A.").
    pub given: Option<String>,
    pub given_span: Option<Range<usize>>,
    /// The given name is written out ("Derek") rather than as initials.
    pub given_full: bool,
    pub separator: Option<(NameSeparator, Range<usize>)>,
    /// A group author ("Atlantic Council", "North Atlantic Treaty Organization").
    pub group: bool,
    /// How this author was joined to the previous one (none for the first).
    pub joiner: Option<(Joiner, Range<usize>)>,
}

impl RefAuthor {
    /// The surname with its particles in front ("van der Berg"), when they were written after
    /// the given names.
    pub fn surname_with_particle(&self) -> Option<String> {
        Some(format!("{} {}", self.particle.as_deref()?, self.surname))
    }

    /// The first letter of the given names, if any.
    pub fn initial(&self) -> Option<char> {
        self.given.as_ref()?.chars().find(|c| c.is_alphabetic())
    }
}

/// A date after the year: "(2022, 16 March)" or "(2022, March 16)".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePart {
    pub text: String,
    pub span: Range<usize>,
    /// Day written before the month ("16 March").
    pub day_first: Option<(String, String)>,
}

/// A link in an entry: a URL, a "doi:" form or a bare DOI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    pub span: Range<usize>,
    /// The DOI in it ("10.1111/1758-5899.12374").
    pub doi: Option<String>,
    /// "Retrieved from" (or "Available at") right before it: from that phrase to the link's end.
    pub retrieved_span: Option<Range<usize>>,
}

impl Link {
    /// Whether the link is already the preferred "https://doi.org/…" form.
    pub fn is_doi_org(&self) -> bool {
        self.text.starts_with("https://doi.org/10.")
    }
}

/// A parsed reference entry. Spans are byte ranges of the text given to [`parse`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reference {
    pub authors: Vec<RefAuthor>,
    pub authors_span: Range<usize>,
    pub abbreviation: Option<String>,
    /// Whether every author was read (false after "et al." or text the parser did not follow).
    pub authors_complete: bool,
    /// The names end in "et al.": more authors than were written out.
    pub et_al: bool,
    /// Everything before the year, as written: the authors, or the title of a work without one.
    pub lead: String,
    pub year: Option<Year>,
    pub year_span: Range<usize>,
    /// Other years the entry gives for the same work: the original's or the translation's
    /// ("1968 (trad. esp. 1975)", "(Original work published 1900)", "[1899]"); a citation of
    /// either year is a citation of this entry.
    pub other_years: Vec<Year>,
    pub date: Option<DatePart>,
    pub title: Option<String>,
    pub links: Vec<Link>,
    /// The names are a dash ("———. 2019."): the same authors as the entry before, as Chicago and
    /// MLA lists write them. [`Reference::inherit_authors`] fills them in.
    pub repeats_authors: bool,
    /// A numbered entry whose authors only a numeric style's form reads (IEEE "A. B. Surname",
    /// Vancouver "Surname AB"): that reading, kept apart from the author-date one.
    pub numbered: Option<NumberedReading>,
}

impl Reference {
    /// Whether the entry opens with a title rather than authors ("Light in ponds. (2019)."): what
    /// was read as a name is capitalised words followed by words no name has.
    pub fn has_no_author(&self) -> bool {
        !self.authors_complete && self.authors.iter().all(|a| a.group)
    }

    /// The first author's surname or group name.
    pub fn first_author(&self) -> Option<&RefAuthor> {
        self.authors.first()
    }

    /// Whether the entry is from `year` (its letter too, when the citation gives one): its own
    /// year or the year of the original or translation it also gives.
    pub fn has_year(&self, year: Year) -> bool {
        let same =
            |y: &Year| y.value == year.value && (year.suffix.is_none() || y.suffix == year.suffix);
        self.year.as_ref().is_some_and(same) || self.other_years.iter().any(same)
    }

    /// "Yusuf, A. (2021)", "Webber & Sperling (2016)", "Belkin et al. (2014)", "Atlantic
    /// Council (2022)": how the entry is named in messages.
    pub fn short_name(&self) -> String {
        let author = match self.authors.as_slice() {
            [] => "?".to_string(),
            [one] => match &one.given {
                Some(given) if !one.group => {
                    format!("{}, {}", one.surname, given.trim_end_matches(','))
                }
                _ => one.surname.clone(),
            },
            [first, second] => format!("{} & {}", first.surname, second.surname),
            [first, ..] => format!("{} et al.", first.surname),
        };
        match self.year {
            Some(year) => format!("{author} ({year})"),
            None => author,
        }
    }

    /// Takes the authors of `previous` for an entry whose names are a dash. They stand at the
    /// dash, with nothing of their written form (separators, joiners, given names written out):
    /// none of that was written here.
    pub fn inherit_authors(&mut self, previous: &Reference) {
        if !self.repeats_authors {
            return;
        }
        let at = self.authors_span.clone();
        self.authors = previous
            .authors
            .iter()
            .map(|a| RefAuthor {
                surname_span: at.clone(),
                given_span: a.given.as_ref().map(|_| at.clone()),
                given_full: false,
                separator: None,
                joiner: None,
                ..a.clone()
            })
            .collect();
        self.authors_complete = previous.authors_complete;
        self.et_al = previous.et_al;
        self.abbreviation.clone_from(&previous.abbreviation);
        self.lead.clone_from(&previous.lead);
    }

    /// Moves every span by `f` (from entry text to source file).
    pub fn map_spans(&mut self, f: &impl Fn(Range<usize>) -> Range<usize>) {
        self.authors_span = f(self.authors_span.clone());
        self.year_span = f(self.year_span.clone());
        for a in &mut self.authors {
            a.surname_span = f(a.surname_span.clone());
            a.given_span = a.given_span.clone().map(f);
            if let Some((_, span)) = &mut a.separator {
                *span = f(span.clone());
            }
            if let Some((_, span)) = &mut a.joiner {
                *span = f(span.clone());
            }
        }
        if let Some(d) = &mut self.date {
            d.span = f(d.span.clone());
        }
        for l in &mut self.links {
            l.span = f(l.span.clone());
            l.retrieved_span = l.retrieved_span.clone().map(f);
        }
        if let Some(n) = &mut self.numbered {
            n.map_spans(f);
        }
    }
}

/// Words that join the last two authors, in the languages manuscripts arrive in.
const CONJUNCTIONS: &[&str] = &[
    "&", "and", "e", "et", "i", "ja", "og", "och", "und", "ve", "y", "и",
];

fn is_conjunction(t: &Token<'_>) -> bool {
    match t.kind {
        Kind::Punct('&') => true,
        Kind::Word => CONJUNCTIONS.contains(&t.text),
        _ => false,
    }
}

/// Whether lowercase particles start at `i` and a capitalised word follows them ("van der Berg").
fn particles_then_name(tokens: &[Token<'_>], mut i: usize) -> bool {
    let start = i;
    while tokens
        .get(i)
        .is_some_and(|t| t.kind == Kind::Word && is_name_particle(t.text))
    {
        i += 1;
    }
    i > start && tokens.get(i).is_some_and(|t| t.is_capitalised())
}

fn is_initial(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.is_single_capital())
        && tokens.get(i + 1).is_some_and(|t| t.is('.'))
}

/// The number of surname particles at `i` that end a name ("van der" in "Berg, Anneke van der,
/// and"): followed by a comma, a period, a conjunction or nothing.
fn trailing_particles(tokens: &[Token<'_>], i: usize) -> usize {
    let count = tokens[i.min(tokens.len())..]
        .iter()
        .take_while(|t| t.kind == Kind::Word && is_surname_particle(t.text))
        .count();
    let ends = tokens
        .get(i + count)
        .is_none_or(|t| t.is(',') || t.is('.') || is_conjunction(t));
    if count > 0 && ends { count } else { 0 }
}

/// Initials at `i` that close an inverted name: "M." or "J.-P. R." followed by a comma, a
/// conjunction or nothing.
fn closing_initials(tokens: &[Token<'_>], mut i: usize) -> bool {
    let start = i;
    while is_initial(tokens, i) {
        i += 2;
        if tokens.get(i).is_some_and(|t| t.is('-')) && is_initial(tokens, i + 1) {
            i += 3;
        }
    }
    i > start && tokens.get(i).is_none_or(|t| t.is(',') || is_conjunction(t))
}

/// A name written given names first, "Diego Castellanos", "K. Lee", "Anneke van der Berg", as
/// Chicago and MLA write every author but the first. Returns the author and where the name ends;
/// `None` when the words at `i` are not such a name: a single word, or a surname whose initials
/// follow after a comma ("García López, M.").
fn natural_order_name(
    text: &str,
    tokens: &[Token<'_>],
    i: usize,
    joiner: Option<(Joiner, Range<usize>)>,
) -> Option<(RefAuthor, usize)> {
    let mut j = i;
    let mut words = 0;
    loop {
        if is_initial(tokens, j) {
            j += 2;
            if tokens.get(j).is_some_and(|t| t.is('-')) && is_initial(tokens, j + 1) {
                j += 3;
            }
        } else if tokens.get(j).is_some_and(|t| t.is_capitalised()) {
            j += 1;
        } else if particles_then_name(tokens, j) && j > i {
            j += 1;
            continue;
        } else {
            break;
        }
        words += 1;
    }
    let last = tokens.get(j.checked_sub(1)?)?;
    let ends = tokens.get(j).is_none_or(|t| {
        (t.is(',') && !closing_initials(tokens, j + 1)) || is_conjunction(t) || t.is('.')
    });
    if words < 2 || !last.is_capitalised() || is_initial(tokens, j - 1) || !ends {
        return None;
    }
    // The surname is the last word with the particles before it.
    let mut surname_start = j - 1;
    while surname_start > i
        && tokens[surname_start - 1].kind == Kind::Word
        && is_surname_particle(tokens[surname_start - 1].text)
    {
        surname_start -= 1;
    }
    if surname_start == i {
        return None;
    }
    let full = (i..surname_start).any(|k| tokens[k].is_capitalised() && !is_initial(tokens, k));
    let surname_span = tokens[surname_start].span.start..last.span.end;
    let given_span = tokens[i].span.start..tokens[surname_start - 1].span.end;
    Some((
        RefAuthor {
            surname: text[surname_span.clone()].to_string(),
            surname_span,
            particle: None,
            given: Some(text[given_span.clone()].to_string()),
            given_span: Some(given_span),
            given_full: full,
            separator: None,
            group: false,
            joiner,
        },
        j,
    ))
}

/// Parses one entry.
pub fn parse(text: &str) -> Reference {
    let mut reference = parse_author_date(text);
    if reference.authors.is_empty()
        && let Some((_, marker)) = super::numeric::entry_number(text)
    {
        reference.numbered = numbered_entry::read(text, marker.end);
    }
    reference
}

/// Parses one entry as an author-date list writes it.
fn parse_author_date(text: &str) -> Reference {
    let mut reference = Reference::default();
    let Some((authors_end, year, year_span, after_year)) = find_year(text, &mut reference) else {
        reference.links = links(text);
        return reference;
    };
    reference.year = Some(year);
    reference.year_span = year_span;
    let trimmed = text[..authors_end].trim_end();
    let start = list_marker_end(trimmed);
    let lead = &trimmed[start..];
    reference.authors_span = start + (lead.len() - lead.trim_start().len())..trimmed.len();
    (reference.authors, reference.authors_complete) =
        authors(trimmed, start, &mut reference.abbreviation);
    let names_end = reference.authors.last().map_or(0, |a| {
        a.given_span
            .as_ref()
            .map_or(a.surname_span.end, |g| g.end.max(a.surname_span.end))
    });
    reference.et_al = !reference.authors.is_empty()
        && trimmed[names_end.min(trimmed.len())..]
            .trim_start_matches([',', ' ', '.'])
            .starts_with("et al");
    reference.lead = lead.trim().trim_end_matches('.').to_string();
    reference.repeats_authors = is_dash_run(lead.trim().trim_end_matches(['.', ',']));
    reference.title = title(&text[after_year..]);
    reference.links = links(text);
    reference.other_years = other_years(text, year);
    reference
}

/// Words that open a parenthesis or bracket naming the original or a translation: "(trad. esp.
/// 1975)", "(Trad. cast. …, 2002)", "(Original work published 1900)", "(orig. 1899)", "(first
/// published 1859)", "(publicado originalmente em 1920)".
const OTHER_EDITION_MARKERS: &[&str] = &[
    "trad",
    "tradu",
    "trans",
    "original work published",
    "originally published",
    "orig",
    "first published",
    "publicado originalmente",
    "publicada originalmente",
    "obra original",
    "ed. orig",
];

/// Whether `word` is the first word of one of [`OTHER_EDITION_MARKERS`] or a longer form of it
/// ("Trad", "tradução", "Original").
fn opens_other_edition(word: &str) -> bool {
    let word = word.to_lowercase();
    !word.is_empty()
        && OTHER_EDITION_MARKERS.iter().any(|m| {
            let first = m.split([' ', '.']).next().unwrap_or(m);
            word == first || word.starts_with(first)
        })
}

/// The years of the original or translation an entry gives besides its own `year`: those in a
/// parenthesis or bracket opened by one of [`OTHER_EDITION_MARKERS`], and a year alone in square
/// brackets ("[1899]").
fn other_years(text: &str, year: Year) -> Vec<Year> {
    let mut found = Vec::new();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let mut from = 0;
        while let Some(at) = text[from..].find(open) {
            let start = from + at + 1;
            from = start;
            let Some(len) = closing(&text[start..], open, close).filter(|&len| len <= 300) else {
                continue;
            };
            let inner = text[start..start + len].trim();
            let lower = inner.to_lowercase();
            let marked = OTHER_EDITION_MARKERS.iter().any(|m| lower.starts_with(m));
            let alone =
                open == '[' && inner.len() == 4 && inner.chars().all(|c| c.is_ascii_digit());
            if !(marked || alone) {
                continue;
            }
            let tokens = tokenize(inner, 0);
            let mut depth = 0usize;
            for i in 0..tokens.len() {
                // "(Trad. cast. … Curso (1983 - 1984). Buenos Aires: FCE, 2010)": years in a
                // parenthesis of their own are the course's, not the translation's.
                if tokens[i].is(open) {
                    depth += 1;
                } else if tokens[i].is(close) {
                    depth = depth.saturating_sub(1);
                }
                if depth > 0 {
                    continue;
                }
                if let Some((other, _, _)) = year::parse(&tokens[i..])
                    && matches!(other.value, year::YearValue::Year(_))
                    && other != year
                    && !found.contains(&other)
                {
                    found.push(other);
                }
            }
        }
    }
    found
}

/// The length of `text` up to the `close` that matches an `open` just before it, nested pairs
/// skipped.
fn closing(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(at);
            }
            depth -= 1;
        }
    }
    None
}

/// A run of dashes standing for repeated names: "———", "——", "---", "—".
fn is_dash_run(text: &str) -> bool {
    let count = text.chars().count();
    !text.is_empty()
        && text
            .chars()
            .all(|c| matches!(c, '—' | '―' | '–' | '-' | '_'))
        && (count >= 2 || text == "—" || text == "―")
}

/// Where a list marker before the entry ends: "1. ", "[1] ", "1) ", "• ", "- ".
fn list_marker_end(text: &str) -> usize {
    let body = text.trim_start();
    let lead = text.len() - body.len();
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    // Up to three digits: a four-digit number is a year ("2006. Title").
    let marker = if let Some(rest) = body.strip_prefix('[') {
        let inner = rest.chars().take_while(char::is_ascii_digit).count();
        (inner > 0 && rest[inner..].starts_with(']')).then_some(inner + 2)
    } else if (1..=3).contains(&digits) && body[digits..].starts_with(['.', ')']) {
        Some(digits + 1)
    } else {
        body.starts_with(['•', '-', '–', '*', '·'])
            .then(|| body.chars().next().map_or(0, char::len_utf8))
    };
    match marker {
        Some(len) if body[len..].starts_with(char::is_whitespace) => lead + len,
        _ => 0,
    }
}

/// Finds "(2020a)" / "(n.d.)" / "(2022, 16 March)" near the start, or Chicago's ". 2006." after
/// the names. Returns where the authors end, the year, its span and where the title starts.
fn find_year(text: &str, reference: &mut Reference) -> Option<(usize, Year, Range<usize>, usize)> {
    // ABNT closes a long entry with its year ("… Lisboa). s.l.: s.n. s.d."): when the first
    // 300 bytes hold none, the whole entry is read.
    find_year_within(text, reference, 300).or_else(|| {
        (text.len() > 300)
            .then(|| find_year_within(text, reference, 2000))
            .flatten()
    })
}

fn find_year_within(
    text: &str,
    reference: &mut Reference,
    limit: usize,
) -> Option<(usize, Year, Range<usize>, usize)> {
    let head_end = floor_char_boundary(text, limit);
    let head = &text[..head_end];
    let mut from = 0;
    while let Some(found) = head[from..].find('(') {
        let open = from + found;
        from = open + 1;
        let Some(len) = text[open..].find(')') else {
            break;
        };
        let close = open + len;
        let tokens = tokenize(&text[open + 1..close], open + 1);
        if let Some((year, span, rest)) = year::parse(&tokens)
            && (rest == tokens.len() || tokens[rest].is(','))
            // "(1780-1810)" near the start is the period a title covers; an entry's own period
            // of years closes it.
            && !matches!(year.value, year::YearValue::Period(..))
        {
            if rest < tokens.len() && rest + 1 < tokens.len() {
                let start = tokens[rest + 1].span.start;
                let date_text = &text[start..close];
                let first = &tokens[rest + 1];
                let day_first = (first.kind == Kind::Number)
                    .then(|| tokens.get(rest + 2))
                    .flatten()
                    .filter(|t| t.kind == Kind::Word && t.is_capitalised())
                    .map(|month| (first.text.to_string(), month.text.to_string()));
                reference.date = Some(DatePart {
                    text: date_text.trim().to_string(),
                    span: start..close,
                    day_first,
                });
            }
            return Some((open, year, span, close + 1));
        }
    }
    // "Blanshard, Alastair. 2006. Title." / "Smith, J. 2020, Title" / "Lee, Kim. n.d. Title." /
    // "Lee, Kim. In press. Title.": the year as a sentence of its own after the names.
    let tokens = tokenize(head, 0);
    let mut date_year = None;
    for i in 1..tokens.len() {
        // "Hollande: 1797 (Trad. cast.)": a year right after the place, with no publisher.
        let after_place = tokens[i - 1].is(':');
        // "[s.l.]: [s.n.] 19--.": after ABNT's bracketed "no publisher", a year that closes the
        // entry.
        let Some((year, span, taken)) = year::parse(&tokens[i..]) else {
            continue;
        };
        let closes_entry =
            tokens.get(i + taken).is_some_and(|t| t.is('.')) && i + taken + 1 == tokens.len();
        let after_bracket = tokens[i - 1].is(']') && closes_entry;
        if !(tokens[i - 1].is('.') || tokens[i - 1].is(',') || after_place || after_bracket) {
            continue;
        }
        // "…, 1772-1779. Educar, n.25": a period of years inside a title; the entry's own
        // period closes it ("(Academia de Ciências de Lisboa). 1780-1811.").
        if matches!(year.value, year::YearValue::Period(..)) && !closes_entry {
            continue;
        }
        // "Acesso em: 19. jan. 2019. 2016.": the year of a date (of access, of a post) is not
        // the work's year while another may follow.
        // "p. 1076, 2009.": a page, not a year (lowercase: "Boss, A. P. 1996." is an initial).
        if i >= 2 && matches!(tokens[i - 2].text, "p" | "pp") {
            continue;
        }
        // A day before the month tells a date from a given name ("Chen, Jun. 2019."); a
        // newspaper's date ("9 abr. 2017a.") is the year when no other follows.
        let day = |k: usize| tokens.get(k).is_some_and(|t| t.kind == Kind::Number);
        let dated = i >= 3
            && is_month(tokens[i - 2].text)
            && (day(i - 3) || (i >= 4 && tokens[i - 3].is('.') && day(i - 4)));
        let closed_by_its_period = taken > 1 && tokens[i + taken - 1].is('.');
        // "Paris: Gallimard, 2001 (Trad. cast. …, 2002)": the year, then the translation's.
        let other_edition = |t: &Token<'_>| {
            let next = tokens.get(i + taken + 1);
            (t.is('(') || t.is('['))
                && next.is_some_and(|next| {
                    opens_other_edition(next.text)
                        || (t.is('[') && year::parse(&tokens[i + taken + 1..]).is_some())
                })
        };
        let end = match tokens.get(i + taken) {
            Some(t) if (t.is('.') || t.is(',')) && !after_place => t.span.end,
            Some(t) if t.is('.') && after_place => t.span.end,
            Some(t) if other_edition(t) => t.span.start,
            _ if closed_by_its_period => span.end,
            _ => continue,
        };
        if dated {
            // Never the date of access.
            if !after_access_label(&head[..tokens[i].span.start]) {
                date_year.get_or_insert((tokens[i - 1].span.start, year, span, end));
            }
            continue;
        }
        // "Tremaine, S. 2015,": the period closes the last initial, so the names keep it.
        let names_end = if tokens[i - 1].is('.') && i >= 2 && tokens[i - 2].is_single_capital() {
            tokens[i - 1].span.end
        } else {
            tokens[i - 1].span.start
        };
        return Some((names_end, year, span, end));
    }
    if date_year.is_some() {
        return date_year;
    }
    // "Artigo publicado no blog do autor em 9 de agosto de 2018.": no year of its own but the
    // date of publication, before any date of access.
    for i in 2..tokens.len() {
        let of = tokens[i - 1].text.eq_ignore_ascii_case("de");
        let month = if of { i.checked_sub(2) } else { Some(i - 1) };
        if !month.is_some_and(|m| m < i && is_month(tokens[m].text)) {
            continue;
        }
        if after_access_label(&head[..tokens[i].span.start]) {
            break;
        }
        if let Some((year, span, _)) = year::parse(&tokens[i..])
            && matches!(year.value, year::YearValue::Year(_))
        {
            let end = span.end;
            return Some((tokens[i - 1].span.start, year, span, end));
        }
    }
    None
}

/// Whether `before` (an entry's text up to a date) has said "Acesso em", "Accessed" or the like.
fn after_access_label(before: &str) -> bool {
    let before = before.to_lowercase();
    [
        "acesso",
        "accessed",
        "consultado",
        "retrieved",
        "abgerufen",
        "consulté",
    ]
    .iter()
    .any(|label| before.contains(label))
}

/// A month's name or its abbreviation, in English, Portuguese, Spanish, French or German.
fn is_month(word: &str) -> bool {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
        "enero",
        "febrero",
        "marzo",
        "mayo",
        "junio",
        "julio",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
    ];
    let word = word.to_lowercase();
    word.chars().count() >= 3
        && word.chars().all(char::is_alphabetic)
        && MONTHS
            .iter()
            .any(|m| *m == word || (word.chars().count() <= 4 && m.starts_with(word.as_str())))
}

/// Returns the authors and whether the whole author part was read (no "et al.", nothing the
/// parser did not understand).
fn authors(text: &str, from: usize, abbreviation: &mut Option<String>) -> (Vec<RefAuthor>, bool) {
    let tokens = tokenize(&text[from..], from);
    let mut out: Vec<RefAuthor> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // Joiner before this author.
        let mut joiner = None;
        if !out.is_empty() {
            let start = tokens[i].span.start;
            // ABNT joins authors with ";": "POOLE, K. T.; ROSENTHAL, H.".
            let comma = tokens[i].is(',') || tokens[i].is(';');
            if comma {
                i += 1;
            }
            // "et al." ends the names that were written out.
            if tokens.get(i).is_some_and(|t| t.is_word("et"))
                && tokens.get(i + 1).is_some_and(|t| t.is_word("al"))
            {
                break;
            }
            if let Some(t) = tokens.get(i)
                && is_conjunction(t)
            {
                joiner = Some((
                    Joiner::Word {
                        word: t.text.to_string(),
                        comma,
                    },
                    t.span.clone(),
                ));
                i += 1;
            } else if comma {
                joiner = Some((Joiner::Comma, start..start + 1));
            }
        }
        // After an inverted first author with a written-out given name (Chicago, MLA), the
        // others run given names first: "Brennan, Orla, Diego Castellanos, and K. Lee".
        if let Some(first) = out.first()
            && first.given_full
            && !first.group
            && let Some((author, next)) = natural_order_name(text, &tokens, i, joiner.clone())
        {
            out.push(author);
            i = next;
            match tokens.get(i) {
                Some(t) if t.is(',') || is_conjunction(t) => continue,
                _ => break,
            }
        }
        // Surname: capitalised words and particles, stopping before an initial.
        let start = i;
        // A group name may open with written-together initials: "U.S. Department of State".
        if out.is_empty() {
            let mut j = i;
            while is_initial(&tokens, j)
                && tokens
                    .get(j + 2)
                    .is_some_and(|next| next.span.start == tokens[j + 1].span.end)
            {
                j += 2;
            }
            if j > i
                && is_initial(&tokens, j)
                && tokens
                    .get(j + 2)
                    .is_some_and(|t| t.is_capitalised() && !is_initial(&tokens, j + 2))
            {
                i = j + 2;
            }
        }
        while let Some(t) = tokens.get(i) {
            let word =
                (t.is_capitalised() && !is_initial(&tokens, i)) || particles_then_name(&tokens, i);
            if !word {
                break;
            }
            i += 1;
        }
        if i == start {
            break;
        }
        let surname_span = tokens[start].span.start..tokens[i - 1].span.end;
        let mut author = RefAuthor {
            surname: text[surname_span.clone()].to_string(),
            surname_span,
            particle: None,
            given: None,
            given_span: None,
            given_full: false,
            separator: None,
            group: false,
            joiner,
        };
        // "[WHO]".
        if tokens.get(i).is_some_and(|t| t.is('['))
            && let Some(abbr) = tokens.get(i + 1)
            && tokens.get(i + 2).is_some_and(|t| t.is(']'))
        {
            *abbreviation = Some(abbr.text.to_string());
            i += 3;
        }
        let separator = match tokens.get(i) {
            Some(t) if t.is(',') => Some((NameSeparator::Comma, t.span.clone(), i + 1)),
            Some(t) if t.is('.') => Some((NameSeparator::Period, t.span.clone(), i + 1)),
            Some(t) if is_initial(&tokens, i) => {
                let at = author.surname_span.end;
                Some((NameSeparator::Missing, at..t.span.start, i))
            }
            _ => None,
        };
        // Given names: initials, or written-out names (only after a separator).
        if let Some((kind, sep_span, next)) = separator {
            let mut j = next;
            let mut full = false;
            let given_start = j;
            loop {
                if is_initial(&tokens, j) {
                    j += 2;
                    // "J.-P."
                    if tokens.get(j).is_some_and(|t| t.is('-')) && is_initial(&tokens, j + 1) {
                        j += 3;
                    }
                } else if kind != NameSeparator::Missing
                    && tokens
                        .get(j)
                        .is_some_and(|t| t.is_capitalised() && t.text.chars().count() > 1)
                    && (tokens.get(j + 1).is_none_or(|t| {
                        t.is('.')
                            || t.is(',')
                            || is_conjunction(t)
                            // "FIGUEIREDO, A. C. Government Coalitions": after initials, a
                            // word followed by another is the title's.
                            || (t.is_capitalised()
                                && !(given_start..j).any(|k| is_initial(&tokens, k)))
                            || is_initial(&tokens, j + 1)
                    }) || trailing_particles(&tokens, j + 1) > 0)
                    && !(kind == NameSeparator::Period && j == given_start)
                {
                    // "JA" is initials without periods, not a name.
                    let word = tokens[j].text;
                    full |= !(word.chars().count() <= 3 && word.chars().all(char::is_uppercase));
                    j += 1;
                    if tokens.get(j).is_some_and(|t| t.is('.')) {
                        j += 1;
                    }
                } else {
                    break;
                }
            }
            if j > given_start {
                let span = tokens[given_start].span.start..tokens[j - 1].span.end;
                let particles = trailing_particles(&tokens, j);
                if particles > 0 {
                    let at = tokens[j].span.start..tokens[j + particles - 1].span.end;
                    author.particle = Some(text[at].to_string());
                }
                author.given = Some(text[span.clone()].to_string());
                author.given_span = Some(span);
                author.given_full = full;
                author.separator = Some((kind, sep_span));
                i = j + particles;
            } else {
                // Nothing after the separator: a group author ("Atlantic Council.").
                author.group = true;
                i = next;
            }
        } else {
            author.group = true;
        }
        out.push(author);
        match tokens.get(i) {
            Some(t) if t.is(',') || t.is(';') || is_conjunction(t) => continue,
            _ => break,
        }
    }
    let complete = tokens[i.min(tokens.len())..].iter().all(|t| t.is('.'));
    // "European Commission, Directorate-General": several capitalised words with a written-out
    // "given name" are an organisation and its unit, not a person.
    for author in &mut out {
        let words = author
            .surname
            .split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count();
        if author.given_full && words >= 2 {
            author.group = true;
            author.given_full = false;
        }
    }
    // A person list needs given names; words with no initials anywhere are one group name.
    if out.len() > 1 && out.iter().all(|a| a.given.is_none()) {
        let first = out[0].surname_span.start;
        let last = out.last().map_or(first, |a| a.surname_span.end);
        let span = first..last;
        let group = RefAuthor {
            surname: text[span.clone()].to_string(),
            surname_span: span,
            particle: None,
            given: None,
            given_span: None,
            given_full: false,
            separator: None,
            group: true,
            joiner: None,
        };
        return (vec![group], complete);
    }
    (out, complete)
}

/// The title: from after the year to the next sentence end.
fn title(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches(['.', ' ', ',']);
    let end = rest
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && rest[i + 1..].starts_with(' '))
        .map_or(rest.len(), |(i, c)| i + c.len_utf8());
    let title = rest[..end].trim();
    (!title.is_empty()).then(|| title.to_string())
}

/// URLs, "doi:" forms and bare DOIs in an entry.
fn links(text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < text.len() {
        if !text.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &lower[i..];
        let start = if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("doi:")
        {
            true
        } else if rest.starts_with("10.") {
            i == 0 || text[..i].ends_with([' ', '\t'])
        } else {
            false
        };
        if !start {
            i += 1;
            continue;
        }
        // "doi: 10.…": the DOI may follow a space.
        let mut end = i + lower[i..]
            .find(char::is_whitespace)
            .unwrap_or(lower.len() - i);
        if lower[i..end] == *"doi:" {
            let after = text[end..].trim_start();
            let skip = text.len() - after.len();
            end = skip + after.find(char::is_whitespace).unwrap_or(after.len());
        }
        let mut link = text[i..end]
            .trim_end_matches(['.', ',', ';', ')'])
            .to_string();
        // A text fragment ("#:~:text=Collective defence, is …") is one link with spaces.
        if link.contains("#:~:text=") {
            link = text[i..]
                .trim_end()
                .trim_end_matches(['.', ',', ';'])
                .to_string();
        }
        let span = i..i + link.len();
        let doi = doi_in(&link);
        let before = text[..i].trim_end();
        let lower_before = before.to_ascii_lowercase();
        let retrieved_span = [
            "retrieved from",
            "available at",
            "available from",
            "erişim adresi",
        ]
        .iter()
        .find(|p| lower_before.ends_with(*p))
        .map(|p| before.len() - p.len()..span.end);
        out.push(Link {
            text: link,
            span: span.clone(),
            doi,
            retrieved_span,
        });
        i = span.end.max(i + 1);
    }
    out
}

/// The DOI inside a link: "10." + 4-9 digits + "/" + suffix, without a trailing "/full" or
/// "/pdf" path segment.
pub fn doi_in(link: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = link[from..].find("10.") {
        let at = from + found;
        from = at + 3;
        let rest = &link[at + 3..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if !(4..=9).contains(&digits) || !rest[digits..].starts_with('/') {
            continue;
        }
        if at > 0 && link[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
            continue;
        }
        let mut doi = link[at..].trim_end_matches(['.', ',', ';']).to_string();
        for tail in ["/full", "/abstract", "/pdf", "/epdf", "/fulltext"] {
            if let Some(stem) = doi.strip_suffix(tail) {
                doi = stem.to_string();
            }
        }
        if doi.len() > 3 + digits + 1 {
            return Some(doi);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::YearValue;

    fn surnames(r: &Reference) -> Vec<&str> {
        r.authors.iter().map(|a| a.surname.as_str()).collect()
    }

    #[test]
    fn apa_entry_with_two_authors() {
        let text = "Smith, J. A., & van der Berg, K. (2020a). A title here. Journal, 3(2), 1-9. https://doi.org/10.1000/xyz123";
        let r = parse(text);
        assert_eq!(surnames(&r), ["Smith", "van der Berg"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("J. A."));
        assert_eq!(
            r.authors[1].joiner.as_ref().unwrap().0,
            Joiner::Word {
                word: "&".into(),
                comma: true
            }
        );
        assert_eq!(r.year.unwrap().to_string(), "2020a");
        assert_eq!(&text[r.year_span.clone()], "2020a");
        assert_eq!(r.title.as_deref(), Some("A title here."));
        assert_eq!(r.links[0].doi.as_deref(), Some("10.1000/xyz123"));
        assert!(r.links[0].is_doi_org());
        assert_eq!(
            &text[r.authors_span.clone()],
            "Smith, J. A., & van der Berg, K."
        );
    }

    #[test]
    fn group_authors() {
        let r = parse(
            "Atlantic Council. (2022). Twenty questions. Retrieved March 23, 2022, from https://example.org/x",
        );
        assert_eq!(surnames(&r), ["Atlantic Council"]);
        assert!(r.authors[0].group);
        let r = parse("North Atlantic Treaty Organization. (2022, 16 March). NATO’s response.");
        assert_eq!(surnames(&r), ["North Atlantic Treaty Organization"]);
        let date = r.date.unwrap();
        assert_eq!(date.text, "16 March");
        assert_eq!(date.day_first, Some(("16".into(), "March".into())));
        let r = parse("Government of Netherlands. (2022). What does NATO do?");
        assert_eq!(surnames(&r), ["Government of Netherlands"]);
        let r = parse("Light in ponds. (2019). Water Journal, 4(2), 10-19.");
        assert!(r.has_no_author());
        assert_eq!(r.lead, "Light in ponds");
        assert!(!parse("Atlantic Council. (2022). Title.").has_no_author());
        let r = parse("U.S. Department of State. (2021). Country reports.");
        assert_eq!(surnames(&r), ["U.S. Department of State"]);
        assert!(r.authors[0].group);
        let r = parse("World Health Organization [WHO]. (2020). Report.");
        assert_eq!(surnames(&r), ["World Health Organization"]);
        assert_eq!(r.abbreviation.as_deref(), Some("WHO"));
        let r = parse("American Psychological Association. (2020, March 16). Title.");
        assert_eq!(r.date.unwrap().day_first, None);
    }

    #[test]
    fn malformed_entries_still_yield_surname_and_year() {
        let text = "Goda. S. (2015). European security architecture. Issues, 24(1-2), 3-16.";
        let r = parse(text);
        assert_eq!(surnames(&r), ["Goda"]);
        assert_eq!(r.year.unwrap().value, YearValue::Year(2015));
        let (sep, span) = r.authors[0].separator.clone().unwrap();
        assert_eq!(sep, NameSeparator::Period);
        assert_eq!(&text[span], ".");
        assert_eq!(r.authors[0].given.as_deref(), Some("S."));

        let text = "Belkin, B., Mix, Derek., Woehrel S. (2014). NATO: Response.";
        let r = parse(text);
        assert_eq!(surnames(&r), ["Belkin", "Mix", "Woehrel"]);
        assert!(r.authors[1].given_full);
        assert_eq!(r.authors[1].given.as_deref(), Some("Derek."));
        assert_eq!(
            r.authors[2].separator.as_ref().unwrap().0,
            NameSeparator::Missing
        );
        assert_eq!(r.authors[2].joiner.as_ref().unwrap().0, Joiner::Comma);

        let r = parse("Webber, M. ve Sperling, J. (2016). NATO and the Ukraine Crisis.");
        assert_eq!(surnames(&r), ["Webber", "Sperling"]);
        assert_eq!(
            r.authors[1].joiner.as_ref().unwrap().0,
            Joiner::Word {
                word: "ve".into(),
                comma: false
            }
        );
        let r = parse("Smith, JA, & Lee, K. (2019). Initials without periods.");
        assert_eq!(surnames(&r), ["Smith", "Lee"]);
        assert!(!r.authors[0].given_full);
        let r = parse("Smith, J., Lee, K., et al. (2019). Many hands.");
        assert_eq!(surnames(&r), ["Smith", "Lee"]);
        assert!(!r.authors_complete);
        let r = parse("European Commission, Directorate-General. (2020). Report.");
        assert!(r.authors[0].group && !r.authors[0].given_full);
        let r = parse("Tür, Ö. (2000). Nato’s relations with Russia.");
        assert_eq!(surnames(&r), ["Tür"]);
        assert_eq!(r.authors[0].initial(), Some('Ö'));
    }

    #[test]
    fn list_markers_are_not_part_of_the_names() {
        for text in [
            "1. Smith, J. (2020). Title.",
            "[12] Smith, J. (2020). Title.",
            "3) Smith, J. (2020). Title.",
            "• Smith, J. (2020). Title.",
        ] {
            let r = parse(text);
            assert_eq!(surnames(&r), ["Smith"], "{text}");
            assert!(text[r.authors_span.clone()].starts_with("Smith"), "{text}");
        }
        assert_eq!(list_marker_end("2020. Smith"), 0);
    }

    #[test]
    fn chicago_and_no_date_entries() {
        let r = parse("Blanshard, Alastair. 2006. Hercules: A Heroic Life. London: Granta.");
        assert_eq!(surnames(&r), ["Blanshard"]);
        assert!(r.authors[0].given_full);
        assert_eq!(r.year.unwrap().value, YearValue::Year(2006));
        let r = parse("Zhou, L. (n.d.). Untitled notes.");
        assert_eq!(r.year.unwrap().value, YearValue::NoDate);
        // Chicago writes "n.d." and "In press" where the year stands, and the entry may carry
        // other years later ("Accessed May 2, 2024").
        let text =
            "Lindqvist, Sara. n.d. “Field Notes.” Accessed September 14, 2023. https://x.org.";
        let r = parse(text);
        assert_eq!(surnames(&r), ["Lindqvist"]);
        assert_eq!(r.year.unwrap().value, YearValue::NoDate);
        assert_eq!(&text[r.year_span.clone()], "n.d.");
        let r = parse("Rahman, Farid, and Aoife Quinn. In press. “Pond Loss.” Journal.");
        assert_eq!(r.year.unwrap().value, YearValue::InPress);
        let r = parse("Okafor, Chidi. Forthcoming. Water Stories. Lagos: Lagoon Books.");
        assert_eq!(r.year.unwrap().value, YearValue::InPress);
        // A title that mentions the press is no date.
        let r = parse("Smith, John. 2019. Papers in press. Journal.");
        assert_eq!(r.year.unwrap().value, YearValue::Year(2019));
        let r = parse(
            "Erkiner, H. (2021). Uluslararası terörizme karşı meşru müdafaa. (2. Baskı). Seçkin.",
        );
        assert_eq!(r.year.unwrap().value, YearValue::Year(2021));
    }

    fn given_names(r: &Reference) -> Vec<Option<&str>> {
        r.authors.iter().map(|a| a.given.as_deref()).collect()
    }

    #[test]
    fn chicago_writes_later_authors_given_names_first() {
        let text = "Brennan, Orla, Diego Castellanos, K. Lee, Anneke van der Berg, and Jean-Pierre Lefèvre. 2022. Macrophytes. Journal 8 (2): 55–79.";
        let r = parse(text);
        assert_eq!(
            surnames(&r),
            ["Brennan", "Castellanos", "Lee", "van der Berg", "Lefèvre"]
        );
        assert_eq!(
            given_names(&r),
            [
                Some("Orla"),
                Some("Diego"),
                Some("K."),
                Some("Anneke"),
                Some("Jean-Pierre")
            ]
        );
        assert!(r.authors_complete);
        assert!(r.authors.iter().all(|a| !a.group));
        assert!(!r.authors[2].given_full && r.authors[3].given_full);
        assert_eq!(&text[r.authors[3].surname_span.clone()], "van der Berg");
        let r = parse("Abernathy, Colin, Meera Bakshi, Tiago Carvalho, et al. 2023. Survey.");
        assert_eq!(surnames(&r), ["Abernathy", "Bakshi", "Carvalho"]);
        assert!(!r.authors_complete);
        // APA lists stay inverted, also with a full given name or a double surname.
        let r = parse("Smith, John, & García López, M. E. (2020). Title.");
        assert_eq!(surnames(&r), ["Smith", "García López"]);
        assert_eq!(given_names(&r), [Some("John"), Some("M. E.")]);
        let r = parse("Belkin, B., Mix, Derek., Woehrel S. (2014). NATO: Response.");
        assert_eq!(surnames(&r), ["Belkin", "Mix", "Woehrel"]);
    }

    #[test]
    fn particles_after_the_given_names_belong_to_the_surname() {
        let r = parse("Berg, Anneke van der. 2012. Polder Water Levels. Lowland Ecology 3: 1–19.");
        assert_eq!(surnames(&r), ["Berg"]);
        assert_eq!(r.authors[0].given.as_deref(), Some("Anneke"));
        assert_eq!(r.authors[0].particle.as_deref(), Some("van der"));
        assert_eq!(
            r.authors[0].surname_with_particle().as_deref(),
            Some("van der Berg")
        );
        assert!(r.authors_complete && !r.authors[0].group);
        let r = parse("Souza, M. de, & Okafor, C. (2022). Floating mats. Biology, 17, 300–315.");
        assert_eq!(surnames(&r), ["Souza", "Okafor"]);
        assert_eq!(r.authors[0].particle.as_deref(), Some("de"));
        assert!(r.authors_complete);
        // A particle before the surname stays where it is.
        let r = parse("van der Berg, A. (2012). Polder water levels.");
        assert_eq!(surnames(&r), ["van der Berg"]);
        assert_eq!(r.authors[0].particle, None);
    }

    #[test]
    fn a_dash_repeats_the_names_of_the_entry_before() {
        let first = parse("Haldane, Lucy, and Ravi Patel. 2016. Grazing. Journal 11: 23–41.");
        for dash in ["———", "——", "---", "—"] {
            let text = format!("{dash}. 2019. Livestock. Journal 14: 88–104.");
            let mut r = parse(&text);
            assert!(r.repeats_authors, "{dash}");
            assert!(r.authors.is_empty());
            assert_eq!(r.year.unwrap().value, YearValue::Year(2019));
            r.inherit_authors(&first);
            assert_eq!(
                r.authors.iter().map(|a| &a.surname).collect::<Vec<_>>(),
                first.authors.iter().map(|a| &a.surname).collect::<Vec<_>>()
            );
            assert_eq!(&text[r.authors[0].surname_span.clone()], dash);
            assert!(
                r.authors
                    .iter()
                    .all(|a| a.separator.is_none() && !a.given_full)
            );
        }
        // A list marker is not a dash, and a named entry inherits nothing.
        assert!(!parse("- Lee, K. (2019). Title.").repeats_authors);
        let mut r = parse("Lee, K. (2019). Title.");
        r.inherit_authors(&first);
        assert_eq!(surnames(&r), ["Lee"]);
    }

    #[test]
    fn links_and_dois() {
        let text = "Sauer, T. (2017). Origins. Retrieved from https://onlinelibrary.wiley.com/doi/pdf/10.1111/1758-5899.12374";
        let r = parse(text);
        let link = &r.links[0];
        assert_eq!(link.doi.as_deref(), Some("10.1111/1758-5899.12374"));
        assert!(!link.is_doi_org());
        assert!(text[link.retrieved_span.clone().unwrap()].starts_with("Retrieved from https"));
        let r = parse("Lee, K. (2019). Title. doi: 10.1037/0000165-000");
        assert_eq!(r.links[0].doi.as_deref(), Some("10.1037/0000165-000"));
        let r = parse("Lee, K. (2019). Title. http://dx.doi.org/10.1037/a0040251.");
        assert_eq!(r.links[0].doi.as_deref(), Some("10.1037/a0040251"));
        let r = parse(
            "Smith, J. (2008). Title. Retrieved from https://www.ifri.org/files/Smith_Web.pdf",
        );
        assert_eq!(r.links[0].doi, None);
    }
}
