//! Years as author-date citations and entries write them: "2020", "2020a", "n.d.", "n.d.-b",
//! "in press", "forthcoming". One grammar for both sides, so a citation and its entry can only
//! disagree in what was written, never in how it was read.

use std::ops::Range;

use super::token::{Kind, Token};

/// The year of a cited work or an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum YearValue {
    /// "n.d." sorts first in APA.
    NoDate,
    Year(u16),
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
        if digits.len() != 4 || !(1000..=2099).contains(&value) {
            return None;
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
