//! The authors, year and title of entries in the numeric styles' forms, which the author-date
//! entry parser does not read: IEEE "[1] A. B. Surname, C. Surname, and D. Surname, “Title,”
//! Journal, vol. 4, pp. 1–9, 2019." and Vancouver "1. Surname AB, Surname C, et al. Title.
//! Journal. 2019;4(2):1-9."
//!
//! [`read`] gives a separate reading of an entry that opens with a number and whose authors the
//! author-date parser could not read; it never changes the author-date reading, so author-date
//! styles judge numeric lists exactly as before.

use std::ops::Range;

use super::token::{Kind, Token, tokenize};
use super::year::{self, Year};

/// One author of a numbered entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedAuthor {
    pub surname: String,
    /// Initials as written ("A. B." or "AB").
    pub given: String,
}

/// An entry read in a numeric style's form. Spans are byte ranges of the text given to [`read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedReading {
    pub authors: Vec<NumberedAuthor>,
    pub authors_span: Range<usize>,
    /// No "et al." ended the list.
    pub authors_complete: bool,
    pub year: Option<Year>,
    pub title: Option<String>,
}

impl NumberedReading {
    /// "Adams (2019)", "Baker & Cole (2020)", "Evans et al. (2017)": how messages name it.
    pub fn short_name(&self) -> String {
        let author = match self.authors.as_slice() {
            [] => "?".to_string(),
            [one] if self.authors_complete => one.surname.clone(),
            [first, second] if self.authors_complete => {
                format!("{} & {}", first.surname, second.surname)
            }
            [first, ..] => format!("{} et al.", first.surname),
        };
        match self.year {
            Some(year) => format!("{author} ({year})"),
            None => author,
        }
    }

    /// Moves every span by `f` (from entry text to source file).
    pub fn map_spans(&mut self, f: &impl Fn(Range<usize>) -> Range<usize>) {
        self.authors_span = f(self.authors_span.clone());
    }
}

/// Reads the authors, year and title of an entry in IEEE or Vancouver form; `body` is where the
/// text after the entry's number starts.
pub fn read(text: &str, body: usize) -> Option<NumberedReading> {
    let tokens = tokenize(&text[body..], body);
    let (authors, end, complete) = initials_first(&tokens).or_else(|| surname_first(&tokens))?;
    let (first, last) = (authors.first()?, authors.last()?);
    let authors_span = first.0.start.min(first.1.start)..last.0.end.max(last.1.end);
    let rest = &tokens[end..];
    let year = rest.iter().find_map(|t| {
        let plausible = t.kind == Kind::Number
            && t.text.len() == 4
            && t.text
                .parse::<u32>()
                .is_ok_and(|y| (1500..2100).contains(&y));
        plausible.then(|| year::parse(std::slice::from_ref(t)).map(|(y, _, _)| y))?
    });
    let after = rest.first().map_or(text.len(), |t| t.span.start);
    Some(NumberedReading {
        authors: authors
            .into_iter()
            .map(|(given, surname)| NumberedAuthor {
                surname: text[surname].to_string(),
                given: text[given].to_string(),
            })
            .collect(),
        authors_span,
        authors_complete: complete,
        year,
        title: title(&text[after..]),
    })
}

/// An author as (initials span, surname span).
type Spans = (Range<usize>, Range<usize>);

/// "A. B. Surname, C. Surname, and D. Surname,": the authors, the token after them and whether
/// the list was complete (no "et al.").
fn initials_first(tokens: &[Token<'_>]) -> Option<(Vec<Spans>, usize, bool)> {
    let mut authors = Vec::new();
    let mut i = 0;
    loop {
        let given_start = i;
        while is_initial(tokens, i) {
            i += 2;
            // "J.-P."
            if tokens.get(i).is_some_and(|t| t.is('-')) && is_initial(tokens, i + 1) {
                i += 3;
            }
        }
        if i == given_start {
            break;
        }
        let surname_start = i;
        while tokens
            .get(i)
            .is_some_and(|t| t.is_capitalised() && !is_initial(tokens, i))
            || tokens
                .get(i)
                .is_some_and(|t| t.kind == Kind::Word && super::intext::is_name_particle(t.text))
                && tokens.get(i + 1).is_some_and(Token::is_capitalised)
        {
            i += 1;
        }
        if i == surname_start {
            return None;
        }
        let given = tokens[given_start].span.start..tokens[surname_start - 1].span.end;
        let surname = tokens[surname_start].span.start..tokens[i - 1].span.end;
        authors.push((given, surname));
        // ", ", ", and ", " and ", ", et al.".
        let comma = tokens.get(i).is_some_and(|t| t.is(','));
        if comma {
            i += 1;
        }
        if tokens.get(i).is_some_and(|t| t.is_word("et")) {
            return Some((authors, i, false));
        }
        if tokens.get(i).is_some_and(|t| t.is_word("and")) {
            i += 1;
        } else if !comma {
            break;
        }
    }
    (!authors.is_empty()).then_some((authors, i, true))
}

/// "Surname AB, Surname C, et al.": the authors, the token after them and whether the list was
/// complete.
fn surname_first(tokens: &[Token<'_>]) -> Option<(Vec<Spans>, usize, bool)> {
    let mut authors = Vec::new();
    let mut i = 0;
    loop {
        let surname_start = i;
        while tokens.get(i).is_some_and(|t| {
            t.is_capitalised() && !is_initials_block(t) || super::intext::is_name_particle(t.text)
        }) {
            i += 1;
        }
        let initials = tokens.get(i).filter(|t| is_initials_block(t));
        let (Some(initials), true) = (initials, i > surname_start) else {
            return None;
        };
        let surname = tokens[surname_start].span.start..tokens[i - 1].span.end;
        authors.push((initials.span.clone(), surname));
        i += 1;
        match tokens.get(i) {
            Some(t) if t.is(',') => {
                i += 1;
                if tokens.get(i).is_some_and(|t| t.is_word("et")) {
                    return Some((authors, i, false));
                }
            }
            Some(t) if t.is('.') => return Some((authors, i, true)),
            _ => return None,
        }
    }
}

fn is_initial(tokens: &[Token<'_>], i: usize) -> bool {
    tokens.get(i).is_some_and(Token::is_single_capital)
        && tokens.get(i + 1).is_some_and(|t| t.is('.'))
}

/// Vancouver initials: one to three capitals without periods ("AB").
fn is_initials_block(t: &Token<'_>) -> bool {
    t.kind == Kind::Word
        && (1..=3).contains(&t.text.chars().count())
        && t.text.chars().all(char::is_uppercase)
}

/// The title: in quotation marks (IEEE), else the first sentence.
fn title(rest: &str) -> Option<String> {
    let rest = rest.trim_start_matches(['.', ',', ' ']);
    let quoted = rest
        .strip_prefix(['“', '"'])
        .and_then(|inner| inner.find(['”', '"']).map(|end| &inner[..end]));
    let title = match quoted {
        Some(inner) => inner.trim_end_matches(',').trim(),
        None => {
            let end = rest
                .char_indices()
                .find(|&(i, c)| matches!(c, '.' | '?' | '!') && rest[i + 1..].starts_with(' '))
                .map_or(rest.len(), |(i, c)| i + c.len_utf8());
            rest[..end].trim()
        }
    };
    (!title.is_empty()).then(|| title.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> NumberedReading {
        let body = crate::cite::numeric::entry_number(text).map_or(0, |(_, span)| span.end);
        read(text, body).unwrap_or_else(|| panic!("{text}"))
    }

    fn surnames(r: &NumberedReading) -> Vec<&str> {
        r.authors.iter().map(|a| a.surname.as_str()).collect()
    }

    #[test]
    fn ieee_entries() {
        let text = "[2] L. Baker, J.-P. van Dijk, and M. Cole, “Plants and light,” Water J., vol. 5, pp. 1–9, 2020.";
        let r = reading(text);
        assert_eq!(surnames(&r), ["Baker", "van Dijk", "Cole"]);
        assert_eq!(r.authors[1].given, "J.-P.");
        assert_eq!(r.year.unwrap().to_string(), "2020");
        assert_eq!(r.title.as_deref(), Some("Plants and light"));
        assert_eq!(
            &text[r.authors_span.clone()],
            "L. Baker, J.-P. van Dijk, and M. Cole"
        );
        assert!(r.authors_complete);
        assert_eq!(r.short_name(), "Baker et al. (2020)");
        let r = reading("[3] S. Evans et al., “Shade,” Water J., 2017.");
        assert_eq!(r.authors.len(), 1);
        assert_eq!(r.short_name(), "Evans et al. (2017)");
    }

    #[test]
    fn vancouver_entries() {
        let text = "1. Adams P, Baker LM, de Souza R. Light in ponds. Water J. 2019;4(2):10-9.";
        let r = reading(text);
        assert_eq!(surnames(&r), ["Adams", "Baker", "de Souza"]);
        assert_eq!(r.authors[1].given, "LM");
        assert_eq!(r.year.unwrap().to_string(), "2019");
        assert_eq!(r.title.as_deref(), Some("Light in ponds."));
        let r = reading("2. Evans S, Ford T, et al. Shade and depth. Water J. 2017;2:20-9.");
        assert_eq!(r.authors.len(), 2);
        assert!(!r.authors_complete);
    }

    #[test]
    fn other_text_is_not_read() {
        assert!(read("Smith, J. (2020). Title.", 0).is_none());
        assert!(read("the results were clear", 0).is_none());
    }
}
