//! Finding reported test results in running text: `t(28) = 2.20, p = .036`,
//! `F(2, 57) = 4.12, p < .05`, `χ2(1, N = 90) = 3.84, p = .05`, `r(48) = .31, p = .028`,
//! `z = 1.96, p = .05`, `Q(12) = 20.1, p = .07`, `F(1, 30) < 1, ns`.
//!
//! One pattern reads the statistic's symbol (with `chi2`, `X2`, `χ²` and Markdown emphasis
//! markers around it), its degrees of freedom (and an `N = 90` beside them), the comparison, the
//! value (a hyphen, en dash or Unicode minus for the sign; a point or a decimal comma), and right
//! after it the p-value (`=`, `<`, `>`, `≤`, `≥`, exact or in scientific notation) or "ns". A
//! result is taken only with its p-value: "t = time", years, section numbers and confidence
//! intervals have none. This module reads text only; it computes nothing.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The test a statistic belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TestKind {
    T,
    F,
    ChiSquare,
    R,
    Z,
    /// Cochran's Q (heterogeneity in meta-analyses): χ² distributed.
    Q,
}

impl TestKind {
    /// The symbol as galley writes it in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            TestKind::T => "t",
            TestKind::F => "F",
            TestKind::ChiSquare => "χ²",
            TestKind::R => "r",
            TestKind::Z => "z",
            TestKind::Q => "Q",
        }
    }

    /// How many degrees of freedom the test needs.
    pub fn degrees_needed(self) -> usize {
        match self {
            TestKind::Z => 0,
            TestKind::F => 2,
            _ => 1,
        }
    }

    /// The short name used in the fixture table and the outline's JSON.
    pub fn name(self) -> &'static str {
        match self {
            TestKind::T => "t",
            TestKind::F => "F",
            TestKind::ChiSquare => "chi2",
            TestKind::R => "r",
            TestKind::Z => "z",
            TestKind::Q => "Q",
        }
    }
}

/// `=`, `<` or `>` (`≤` reads as `<`, `≥` as `>`, as statcheck reads them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comparison {
    Equal,
    Less,
    Greater,
}

impl Comparison {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::Equal => "=",
            Comparison::Less => "<",
            Comparison::Greater => ">",
        }
    }

    fn read(text: &str) -> Comparison {
        match text {
            "<" | "≤" | "<=" | "⩽" => Comparison::Less,
            ">" | "≥" | ">=" | "⩾" => Comparison::Greater,
            _ => Comparison::Equal,
        }
    }
}

/// A number as written: its value and the size of its last written digit (0.01 for "2.20"),
/// which says how far the true value may lie from it after rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Written {
    pub value: f64,
    pub step: f64,
}

impl Written {
    /// How many decimals the number was written with (0 for a number in scientific notation
    /// whose step is not a power of ten below one).
    pub fn decimals(&self) -> usize {
        let mut decimals = 0;
        let mut step = self.step;
        while step < 0.999_999 && decimals < 20 {
            step *= 10.0;
            decimals += 1;
        }
        decimals
    }
}

/// The reported p: a comparison and a value, or "ns".
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ReportedP {
    Value {
        comparison: Comparison,
        value: Written,
    },
    NotSignificant,
}

/// One reported result, with byte ranges into the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub test: TestKind,
    /// The degrees of freedom as given (none, one, or two).
    pub degrees: Vec<f64>,
    pub test_comparison: Comparison,
    pub statistic: Written,
    pub p: ReportedP,
    /// The whole result, symbol to p-value.
    pub span: Range<usize>,
    /// The symbol and the statistic ("t(28) = 2.20").
    pub statistic_span: Range<usize>,
    /// The p-value part ("p = .036", "ns").
    pub p_span: Range<usize>,
    /// The number of the p-value alone (".036"), empty for "ns".
    pub p_value_span: Range<usize>,
    /// Whether the numbers use a decimal comma ("2,20", "p = 0,05").
    pub decimal_comma: bool,
}

/// The pattern of one result. Built once.
fn pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        // Degrees of freedom: "28", "27.84", "1,234" (a thousands separator), "1 234".
        const DF: &str = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?";
        // A statistic or p: "2.20", ".31", "22", "2,20" (a decimal comma, digits right after it).
        const NUMBER: &str = r"\d*[.,]\d+|\d+";
        let source = format!(
            r"(?x)
            (?:^|[^\p{{L}}\p{{N}}_.])
            (?P<stat>
              (?P<symbol>
                [*_]{{0,2}}
                (?:
                  (?P<chi> (?:χ|chi|Chi|CHI|X)\s?(?:-?\s?squared?\s?)?(?:\^\s?2|²|2) | χ | chi-square | Chi-square )
                  | (?P<t>t) | (?P<f>F) | (?P<r>r) | (?P<z>[zZ]) | (?P<q>Q)
                )
                [*_]{{0,2}}
              )
              \s?
              (?:[(\[]\s*
                 (?P<df1>{DF})\s*
                 (?:[,;]\s*(?P<df2>{DF})\s*)?
                 (?:[,;]\s*[Nn]\s*=\s*\d[\d,]*\s*)?
               [)\]])?
              \s*
              (?P<rel><=|>=|[=<>≤≥⩽⩾])
              \s*
              (?P<sign>[-−–])?\s?
              (?P<value>{NUMBER})
            )
            \s*[,;]\s*
            (?P<p>
              (?:
                [*_]{{0,2}}[pP][*_]{{0,2}}\s*
                (?P<prel><=|>=|[=<>≤≥⩽⩾])\s*
                (?P<pnum>
                  (?P<pmant>{NUMBER})
                  (?:
                    \s?[eE]\s?(?P<pexp1>[-−–]?\d+)
                    | \s?[×x*·]\s?10\s?\^?\s?(?P<pexp2>[-−–]?\d+)
                  )?
                )
              )
              | (?P<ns>[*_]{{0,2}}n\.?\s?s\.?[*_]{{0,2}})(?:[^\p{{L}}]|$)
            )
            "
        );
        Regex::new(&source).expect("the result pattern compiles")
    })
}

/// Reads a number written with a point or a decimal comma, and the size of its last digit.
fn number(text: &str) -> Option<Written> {
    let text = text.replace(',', ".");
    let value: f64 = text.parse().ok()?;
    let decimals = text.find('.').map_or(0, |dot| text.len() - dot - 1);
    Some(Written {
        value,
        step: 10f64.powi(-(decimals as i32)),
    })
}

/// Reads a degrees-of-freedom figure ("1,234" has a thousands separator).
fn degrees(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

fn exponent(text: &str) -> Option<i32> {
    text.replace(['−', '–'], "-").parse().ok()
}

/// Every reported result in `text`, in order.
pub fn results(text: &str) -> Vec<Parsed> {
    // Every result has a p-value or "ns" and a comparison: most paragraphs have neither.
    if !text.contains(['=', '<', '>', '≤', '≥']) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for caps in pattern().captures_iter(text) {
        if let Some(result) = read(&caps) {
            found.push(result);
        }
    }
    found
}

fn read(caps: &regex::Captures<'_>) -> Option<Parsed> {
    let test = if caps.name("chi").is_some() {
        TestKind::ChiSquare
    } else if caps.name("t").is_some() {
        TestKind::T
    } else if caps.name("f").is_some() {
        TestKind::F
    } else if caps.name("r").is_some() {
        TestKind::R
    } else if caps.name("z").is_some() {
        TestKind::Z
    } else {
        TestKind::Q
    };
    let mut degrees_of_freedom = Vec::new();
    for name in ["df1", "df2"] {
        if let Some(m) = caps.name(name) {
            degrees_of_freedom.push(degrees(m.as_str())?);
        }
    }
    let value_text = caps.name("value")?.as_str();
    let mut statistic = number(value_text)?;
    if caps.name("sign").is_some() {
        statistic.value = -statistic.value;
    }
    let stat = caps.name("stat")?;
    let p_match = caps.name("p")?;
    let decimal_comma =
        value_text.contains(',') || caps.name("pmant").is_some_and(|m| m.as_str().contains(','));
    let (p, p_value_span) = if let Some(num) = caps.name("pnum") {
        let mut value = number(caps.name("pmant")?.as_str())?;
        if let Some(exp) = caps.name("pexp1").or(caps.name("pexp2")) {
            let scale = 10f64.powi(exponent(exp.as_str())?);
            value.value *= scale;
            value.step *= scale;
        }
        // "z = 12, p = 4 bar" is a depth and a pressure: no p-value exceeds 1.
        if value.value > 1.0 {
            return None;
        }
        let comparison = Comparison::read(caps.name("prel")?.as_str());
        (ReportedP::Value { comparison, value }, num.range())
    } else {
        let ns = caps.name("ns")?;
        (ReportedP::NotSignificant, ns.end()..ns.end())
    };
    let p_span = match caps.name("ns") {
        Some(ns) => ns.range(),
        None => p_match.start()..p_value_span.end,
    };
    let symbol = caps.name("symbol")?;
    let start =
        symbol.start() + (symbol.len() - symbol.as_str().trim_start_matches(['*', '_']).len());
    Some(Parsed {
        test,
        degrees: degrees_of_freedom,
        test_comparison: Comparison::read(caps.name("rel")?.as_str()),
        statistic,
        p,
        span: start..p_span.end,
        statistic_span: start..stat.end(),
        p_span,
        p_value_span,
        decimal_comma,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Parsed {
        let found = results(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn apa_results_are_read_with_their_parts() {
        let text = "The groups differed, t(28) = 2.20, p = .036, as expected.";
        let r = one(text);
        assert_eq!(r.test, TestKind::T);
        assert_eq!(r.degrees, [28.0]);
        assert_eq!(r.statistic.value, 2.20);
        assert_eq!(r.statistic.decimals(), 2);
        assert_eq!(&text[r.span.clone()], "t(28) = 2.20, p = .036");
        assert_eq!(&text[r.p_value_span.clone()], ".036");
        let ReportedP::Value { comparison, value } = r.p else {
            panic!()
        };
        assert_eq!(comparison, Comparison::Equal);
        assert_eq!(value.decimals(), 3);
    }

    #[test]
    fn every_test_and_its_variants_are_read() {
        for (text, test, df) in [
            ("F(2, 57) = 4.12, p < .05", TestKind::F, vec![2.0, 57.0]),
            ("F(2,57)=4.12,p<.05", TestKind::F, vec![2.0, 57.0]),
            (
                "χ2(1, N = 90) = 3.84, p = .05",
                TestKind::ChiSquare,
                vec![1.0],
            ),
            ("χ²(1) = 3.84, p = .05", TestKind::ChiSquare, vec![1.0]),
            ("chi2(1) = 3.84, p = .05", TestKind::ChiSquare, vec![1.0]),
            ("X2(1) = 3.84, p = .05", TestKind::ChiSquare, vec![1.0]),
            ("r(48) = .31, p = .028", TestKind::R, vec![48.0]),
            ("z = 1.96, p = .05", TestKind::Z, vec![]),
            ("Q(12) = 20.10, p = .07", TestKind::Q, vec![12.0]),
            ("*t*(28) = −2.20, *p* = .036", TestKind::T, vec![28.0]),
            ("t(27.84) = 2.20, p ≤ .05", TestKind::T, vec![27.84]),
            ("F(1, 30) < 1, ns", TestKind::F, vec![1.0, 30.0]),
        ] {
            let r = one(text);
            assert_eq!((r.test, r.degrees.clone()), (test, df), "{text}");
        }
        assert_eq!(one("*t*(28) = −2.20, *p* = .036").statistic.value, -2.2);
    }

    #[test]
    fn decimal_commas_and_scientific_p_values_are_read() {
        let r = one("χ2(1) = 4,9; p ≤ 0,05");
        assert!(r.decimal_comma);
        assert_eq!(r.statistic.value, 4.9);
        let r = one("t(120) = 9.80, p = 2.1 × 10−16");
        let ReportedP::Value { value, .. } = r.p else {
            panic!()
        };
        assert!((value.value - 2.1e-16).abs() < 1e-28);
        assert!((value.step - 1e-17).abs() < 1e-29);
    }

    #[test]
    fn text_that_is_no_result_is_left_alone() {
        for text in [
            "In 2019 = the year of the survey, p = 12 ponds.",
            "where t = time and p = pressure",
            "Section 2.3 = see p. 12",
            "95% CI [1.20, 3.40], d = 0.45",
            "the ratio (F = 2.2) was small",
            "Paragraph 4.1, page 12",
            "at = 3, p = .04",
        ] {
            assert!(results(text).is_empty(), "{text}: {:?}", results(text));
        }
    }
}
