//! Years as author-date citations and entries write them: "2020", "2020a", "n.d.", "n.d.-b",
//! "in press", "forthcoming", and the archival forms of ABNT: a period of years ("1780-1811") and
//! a year known only to its century or decade ("19--", "198-"). One grammar for both sides, so a citation and its entry can only
//! disagree in what was written, never in how it was read.

use std::ops::Range;

use super::token::{Kind, Token};

/// The year of a cited work or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YearValue {
    /// "n.d." sorts first in APA.
    NoDate,
    Year(u16),
    /// A period of years: "1780-1811" (a manuscript written over decades, a run of a journal).
    Period(u16, u16),
    /// A year known only to its century or decade: "19--" is (19, 2), "198-" is (198, 1).
    Uncertain(u16, u8),
    /// "in press" and "forthcoming" sort last.
    InPress,
}

/// A year with its letter ("2020a").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year {
    pub value: YearValue,
    pub suffix: Option<char>,
}

impl std::fmt::Display for Year {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.value {
            YearValue::NoDate => write!(f, "n.d.")?,
            YearValue::Year(y) => write!(f, "{y}")?,
            YearValue::Period(from, to) => write!(f, "{from}-{to}")?,
            YearValue::Uncertain(known, missing) => {
                write!(f, "{known}{}", "-".repeat(usize::from(missing)))?
            }
            YearValue::InPress => write!(f, "in press")?,
        }
        if let Some(s) = self.suffix {
            if self.value == YearValue::NoDate {
                write!(f, "-")?;
            }
            write!(f, "{s}")?;
        }
        Ok(())
    }
}

/// Reads a year at the start of `tokens`; returns it, its span and how many tokens it took.
pub fn parse(tokens: &[Token<'_>]) -> Option<(Year, Range<usize>, usize)> {
    let first = tokens.first()?;
    if first.kind == Kind::Number {
        let digits = first
            .text
            .trim_end_matches(|c: char| c.is_ascii_lowercase());
        let value: u16 = digits.parse().ok()?;
        if let Some(uncertain) = uncertain(tokens, digits, value) {
            return Some(uncertain);
        }
        if digits.len() != 4 || !(1000..=2099).contains(&value) {
            return None;
        }
        if let Some(period) = period(tokens, value) {
            return Some(period);
        }
        let year = Year {
            value: YearValue::Year(value),
            suffix: first.text[digits.len()..].chars().next(),
        };
        return Some((year, first.span.clone(), 1));
    }
    // "n.d.", and "s.d." (sem data, senza data), "s.f." (sin fecha), "o.J." (ohne Jahr).
    let no_date = |a: &str, b: &str| {
        first.is_word(a)
            && first.text.chars().all(char::is_lowercase)
            && tokens.get(1).is_some_and(|t| t.is('.'))
            && tokens.get(2).is_some_and(|t| t.is_word(b))
            && tokens
                .get(2)
                .is_some_and(|t| t.span.start == tokens[1].span.end && (a != "o" || t.text == "J"))
    };
    if (first.is_word("n")
        && tokens.get(1).is_some_and(|t| t.is('.'))
        && tokens.get(2).is_some_and(|t| t.is_word("d")))
        || no_date("s", "d")
        || no_date("s", "f")
        || no_date("o", "J")
    {
        let mut next = 3;
        let mut end = tokens[2].span.end;
        if tokens.get(3).is_some_and(|t| t.is('.')) {
            end = tokens[3].span.end;
            next = 4;
        }
        let mut suffix = None;
        if tokens.get(next).is_some_and(|t| t.is('-'))
            && let Some(letter) = tokens.get(next + 1)
            && letter.kind == Kind::Word
            && letter.text.len() == 1
            && letter.text.chars().all(|c| c.is_ascii_lowercase())
        {
            suffix = letter.text.chars().next();
            end = letter.span.end;
            next += 2;
        }
        let year = Year {
            value: YearValue::NoDate,
            suffix,
        };
        return Some((year, first.span.start..end, next));
    }
    let in_press = Year {
        value: YearValue::InPress,
        suffix: None,
    };
    if first.is_word("in") && tokens.get(1).is_some_and(|t| t.is_word("press")) {
        return Some((in_press, first.span.start..tokens[1].span.end, 2));
    }
    if first.is_word("forthcoming") {
        return Some((in_press, first.span.clone(), 1));
    }
    None
}

/// "19--" or "198-": the known digits of a year, then a hyphen for each unknown one, with
/// nothing glued after (ABNT's "[19--]" for "some year of the twentieth century").
fn uncertain(
    tokens: &[Token<'_>],
    digits: &str,
    value: u16,
) -> Option<(Year, Range<usize>, usize)> {
    let missing = 4usize
        .checked_sub(digits.len())
        .filter(|m| (1..=2).contains(m))?;
    if digits.len() != tokens[0].text.len() || !(10..=209).contains(&value) {
        return None;
    }
    let mut end = tokens[0].span.end;
    for k in 1..=missing {
        let t = tokens.get(k).filter(|t| t.is('-') && t.span.start == end)?;
        end = t.span.end;
    }
    // "19---" or "19--5" is something else.
    if tokens
        .get(missing + 1)
        .is_some_and(|t| t.span.start == end && (t.is('-') || t.kind == Kind::Number))
    {
        return None;
    }
    let year = Year {
        value: YearValue::Uncertain(value, missing as u8),
        suffix: None,
    };
    Some((year, tokens[0].span.start..end, missing + 1))
}

/// "1780-1811" or "1780–1811": a period of years, the second later than the first, both glued
/// to the dash.
fn period(tokens: &[Token<'_>], from: u16) -> Option<(Year, Range<usize>, usize)> {
    if tokens[0].text.len() != 4 {
        return None;
    }
    let dash = tokens
        .get(1)
        .filter(|t| (t.is('-') || t.is('–')) && t.span.start == tokens[0].span.end)?;
    let last = tokens
        .get(2)
        .filter(|t| t.kind == Kind::Number && t.text.len() == 4 && t.span.start == dash.span.end)?;
    let to: u16 = last.text.parse().ok()?;
    if !(from < to && to <= 2099) {
        return None;
    }
    let year = Year {
        value: YearValue::Period(from, to),
        suffix: None,
    };
    Some((year, tokens[0].span.start..last.span.end, 3))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::token::tokenize;

    fn read(text: &str) -> Option<(String, usize)> {
        let tokens = tokenize(text, 0);
        parse(&tokens).map(|(year, _, taken)| (year.to_string(), taken))
    }

    #[test]
    fn every_written_form() {
        assert_eq!(read("2020"), Some(("2020".into(), 1)));
        assert_eq!(read("2020a, p. 3"), Some(("2020a".into(), 1)));
        assert_eq!(read("n.d."), Some(("n.d.".into(), 4)));
        assert_eq!(read("n.d.-b"), Some(("n.d.-b".into(), 6)));
        assert_eq!(read("s.d."), Some(("n.d.".into(), 4)));
        assert_eq!(read("s.f."), Some(("n.d.".into(), 4)));
        assert_eq!(read("o.J."), Some(("n.d.".into(), 4)));
        assert_eq!(read("S. D."), None);
        assert_eq!(read("in press"), Some(("in press".into(), 2)));
        assert_eq!(read("forthcoming"), Some(("in press".into(), 1)));
        assert_eq!(read("151"), None);
        assert_eq!(read("20201"), None);
        assert_eq!(read("2. Baskı"), None);
        assert_eq!(read("19--"), Some(("19--".into(), 3)));
        assert_eq!(read("198-."), Some(("198-".into(), 2)));
        assert_eq!(read("19---"), None);
        assert_eq!(read("19"), None);
        assert_eq!(read("1780-1811"), Some(("1780-1811".into(), 3)));
        assert_eq!(read("1780–1811, p. 3"), Some(("1780-1811".into(), 3)));
        assert_eq!(read("1811-1780"), Some(("1811".into(), 1)));
        assert_eq!(read("2019 - 2020"), Some(("2019".into(), 1)));
    }

    #[test]
    fn years_sort_as_apa_orders_them() {
        let nd = Year {
            value: YearValue::NoDate,
            suffix: None,
        };
        let y = Year {
            value: YearValue::Year(2000),
            suffix: None,
        };
        let ya = Year {
            value: YearValue::Year(2000),
            suffix: Some('a'),
        };
        let press = Year {
            value: YearValue::InPress,
            suffix: None,
        };
        assert!(nd < y && y < ya && ya < press);
    }
}
