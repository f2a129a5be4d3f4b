//! How a reported result is written, against APA style (7th ed., 6.36 and 6.44): no p-value is
//! zero ("p = .000" is "p < .001"), a p-value has no leading zero ("p = .036", not "p = 0.036"),
//! and a statistic that has degrees of freedom gives them ("t(28) = 2.20", not "t = 2.20").

use std::ops::Range;

use super::parse::{Comparison, Parsed, ReportedP};

/// One departure from APA style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// "p = .000": the replacement, "p < .001" with as many decimals as written.
    ZeroP { instead: String },
    /// "p = 0.036": the number without its leading zero.
    LeadingZero { instead: String },
    /// "t = 2.20": the test needs degrees of freedom.
    MissingDegrees,
}

/// The issues of `result` (read from `text`), each with the range of `text` it is about.
pub fn issues(result: &Parsed, text: &str) -> Vec<(Issue, Range<usize>)> {
    let mut found = Vec::new();
    if result.degrees.len() < result.test.degrees_needed() {
        found.push((Issue::MissingDegrees, result.statistic_span.clone()));
    }
    if let ReportedP::Value { comparison, value } = result.p {
        let written = &text[result.p_value_span.clone()];
        if value.value <= 0.0 && comparison != Comparison::Greater {
            let decimals = value.decimals().max(3);
            let separator = if result.decimal_comma { "," } else { "." };
            let instead = format!("p < {separator}{}1", "0".repeat(decimals - 1));
            found.push((Issue::ZeroP { instead }, result.p_span.clone()));
        } else if let Some(rest) = written.strip_prefix("0.")
            && value.value < 1.0
        {
            found.push((
                Issue::LeadingZero {
                    instead: format!(".{rest}"),
                },
                result.p_value_span.clone(),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::parse::results;
    use super::*;

    fn found(text: &str) -> Vec<(Issue, String)> {
        let parsed = results(text);
        assert_eq!(parsed.len(), 1, "{text}");
        issues(&parsed[0], text)
            .into_iter()
            .map(|(issue, range)| (issue, text[range].to_string()))
            .collect()
    }

    #[test]
    fn apa_departures_are_found() {
        assert_eq!(
            found("t(28) = 5.20, p = .000"),
            [(
                Issue::ZeroP {
                    instead: "p < .001".into()
                },
                "p = .000".into()
            )]
        );
        assert_eq!(
            found("t(28) = 2.20, p = 0.036"),
            [(
                Issue::LeadingZero {
                    instead: ".036".into()
                },
                "0.036".into()
            )]
        );
        assert_eq!(
            found("χ2 = 4.9; p ≤ 0,05"),
            [(Issue::MissingDegrees, "χ2 = 4.9".into())]
        );
        assert!(found("t(28) = 2.20, p = .036").is_empty());
        assert!(found("z = 1.96, p = .05").is_empty());
    }
}
