//! `statistics`: reported test results whose p-value does not match the statistic and its degrees
//! of freedom (`report = "inconsistent"`), whose mismatch changes the conclusion at α
//! (`report = "decision-error"`), or that depart from APA style (`report = "format"`).
//!
//! The finding and recomputation are in [`crate::stats`]; this check only reports.

use serde::Deserialize;

use super::{Check, Context};
use crate::diagnostic::{Applicability, Finding};
use crate::stats::{self, Found, Judgement, ReportedP, show_p, style::Issue};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Report {
    Inconsistent,
    DecisionError,
    Format,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    report: Report,
    /// The significance level decisions are judged at.
    #[serde(default = "default_alpha")]
    alpha: f64,
}

fn default_alpha() -> f64 {
    stats::DEFAULT_ALPHA
}

pub struct Statistics {
    report: Report,
    alpha: f64,
}

impl Statistics {
    pub fn new(params: Params) -> Result<Self, String> {
        if !(params.alpha > 0.0 && params.alpha < 1.0) {
            return Err(format!(
                "`alpha` must lie between 0 and 1, not {}",
                params.alpha
            ));
        }
        Ok(Self {
            report: params.report,
            alpha: params.alpha,
        })
    }
}

/// "p = .036", "p < .05", "ns" as reported, on one line.
fn reported(found: &Found) -> String {
    match found.parsed.p {
        ReportedP::NotSignificant => "“ns”".into(),
        ReportedP::Value { .. } => {
            let text = &found.text.as_str()[found.parsed.p_span.clone()];
            format!(
                "“{}”",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            )
        }
    }
}

fn alpha_text(alpha: f64) -> String {
    let text = format!("{alpha}");
    text.strip_prefix('0').map_or(text.clone(), str::to_string)
}

impl Statistics {
    fn judged(&self, found: &Found, judgement: &Judgement) -> Option<Finding> {
        let wanted = match self.report {
            Report::Inconsistent => judgement.inconsistent && !judgement.decision_error,
            Report::DecisionError => judgement.decision_error,
            Report::Format => false,
        };
        if !wanted {
            return None;
        }
        let r = judgement.recomputed;
        let tails = found.tails(judgement);
        let statistic = &found.text.as_str()[found.parsed.statistic_span.clone()];
        let statistic = statistic.split_whitespace().collect::<Vec<_>>().join(" ");
        let range = if (r.high - r.low).abs() < 1e-12 {
            String::new()
        } else {
            format!(
                "; a statistic that rounds to the one reported gives p between {} and {}",
                show_p(r.low),
                show_p(r.high)
            )
        };
        Some(
            Finding::at(found.source(found.parsed.p_span.clone()))
                .arg("reported", reported(found))
                .arg("computed", show_p(r.p))
                .arg("test", found.parsed.test.symbol())
                .arg("statistic", format!("“{statistic}”"))
                .arg("tails", tails)
                .arg("range", range)
                .arg("alpha", alpha_text(self.alpha))
                .label(
                    found.source(found.parsed.statistic_span.clone()),
                    format!("p recomputed from this ({tails})"),
                ),
        )
    }

    fn styled(&self, found: &Found) -> Vec<Finding> {
        stats::style::issues(&found.parsed, found.text.as_str())
            .into_iter()
            .map(|(issue, range)| {
                let span = found.source(range.clone());
                let written = found.text.as_str()[range]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let finding = Finding::at(span).arg("written", format!("“{written}”"));
                match issue {
                    Issue::ZeroP { instead } => finding
                        .arg("problem", "a p-value is never zero")
                        .arg("advice", format!("write “{instead}”"))
                        .replace_with(instead, Applicability::Unsafe),
                    Issue::LeadingZero { instead } => finding
                        .arg("problem", "APA style writes p-values without a leading zero")
                        .arg("advice", format!("write “{instead}”"))
                        .replace_with(instead, Applicability::Unsafe),
                    Issue::MissingDegrees => finding
                        .arg(
                            "problem",
                            format!(
                                "the {} test gives no degrees of freedom, so its p-value cannot be checked",
                                found.parsed.test.symbol()
                            ),
                        )
                        .arg(
                            "advice",
                            match found.parsed.test.degrees_needed() {
                                2 => "give them after the symbol, as in “F(2, 57) = 4.12”",
                                _ => "give them after the symbol, as in “t(28) = 2.20”",
                            },
                        ),
                }
            })
            .collect()
    }
}

impl Check for Statistics {
    fn check(&self, cx: &Context<'_>) -> Vec<Finding> {
        let results = stats::results(cx.document, cx.manuscript);
        let mut findings = Vec::new();
        for found in &results.0 {
            let new = match self.report {
                Report::Format => self.styled(found),
                _ => found
                    .judge(self.alpha)
                    .and_then(|j| self.judged(found, &j))
                    .into_iter()
                    .collect(),
            };
            for finding in new {
                if cx.room_for(findings.len(), &finding.span) {
                    findings.push(finding);
                }
            }
        }
        findings
    }
}
