//! Whether a reported p-value fits its test, by statcheck's rules (Nuijten et al., 2016):
//!
//! - the statistic may have been rounded: any value that rounds to the reported one is allowed,
//!   so the p-values at both ends of that interval bound the correct p;
//! - an exact p (`p = .036`) is consistent when it lies between those bounds rounded to the
//!   reported decimals; `p < .05` when some allowed p is below .05; `p > .05` when some is above;
//!   "ns" reads as `p > α`;
//! - an inconsistent p is a decision error when the reported and the recomputed p fall on
//!   different sides of α, with p = α counted as significant (statcheck's `pEqualAlphaSig`);
//! - a result that is inconsistent as a two-tailed test and consistent as a one-tailed one is
//!   consistent when its paragraph says the tests were one-tailed (statcheck's `OneTailedTxt`,
//!   applied to the paragraph rather than the whole text).
//!
//! Where galley departs from statcheck's defaults: `p = .000` is not in itself inconsistent
//! (statcheck's `pZeroError`): it is a rounding of a p below .0005, and the `statistic-format`
//! rule asks for `p < .001` instead; and the one-tailed correction is on by default, limited to
//! the paragraph.

use super::parse::{Comparison, Parsed, ReportedP};
use super::recompute::{Recomputed, Tails, has_tails, recompute};

/// How a reported result fares.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Judgement {
    /// The p-values recomputed with the tails the verdict is based on.
    pub recomputed: Recomputed,
    pub tails: Tails,
    /// The reported p does not fit the statistic.
    pub inconsistent: bool,
    /// …and it changes the conclusion at α.
    pub decision_error: bool,
}

/// Relative tolerance when comparing p-values written in decimal with computed ones.
const TOLERANCE: f64 = 1e-9;

fn round_to(value: f64, step: f64) -> f64 {
    (value / step).round() * step
}

fn greater(a: f64, b: f64) -> bool {
    a > b + TOLERANCE * b.abs().max(1e-300)
}

fn less(a: f64, b: f64) -> bool {
    a < b - TOLERANCE * b.abs().max(1e-300)
}

/// The reported p as a comparison and a value ("ns" is `> α`) and the step it was rounded to.
fn reported(p: &ReportedP, alpha: f64) -> (Comparison, f64, f64) {
    match *p {
        ReportedP::Value { comparison, value } => (comparison, value.value, value.step),
        ReportedP::NotSignificant => (Comparison::Greater, alpha, 0.0),
    }
}

/// Whether the reported p is outside what the statistic allows (statcheck's `error_test`).
fn inconsistent(result: &Parsed, bounds: &Recomputed, alpha: f64) -> bool {
    let (p_cmp, p, step) = reported(&result.p, alpha);
    let rounded = |x: f64| if step > 0.0 { round_to(x, step) } else { x };
    match (result.test_comparison, p_cmp) {
        (Comparison::Equal, Comparison::Equal) => {
            greater(p, rounded(bounds.high)) || less(p, rounded(bounds.low))
        }
        (Comparison::Equal, Comparison::Less) => less(p, bounds.low),
        (Comparison::Equal, Comparison::Greater) => greater(p, bounds.high),
        (Comparison::Less, Comparison::Equal) => less(p, rounded(bounds.high)),
        (Comparison::Less, Comparison::Less) => less(p, bounds.high),
        (Comparison::Less, Comparison::Greater) => false,
        (Comparison::Greater, Comparison::Equal) => greater(p, rounded(bounds.low)),
        (Comparison::Greater, Comparison::Less) => false,
        (Comparison::Greater, Comparison::Greater) => greater(p, bounds.low),
    }
}

/// Whether an inconsistent p also flips the conclusion at α (statcheck's
/// `decision_error_test`, p = α counted as significant).
fn decision_error(result: &Parsed, computed: f64, alpha: f64) -> bool {
    let (p_cmp, p, _) = reported(&result.p, alpha);
    match (result.test_comparison, p_cmp) {
        (Comparison::Equal, Comparison::Equal) => {
            (p <= alpha && computed > alpha) || (p > alpha && computed <= alpha)
        }
        (Comparison::Equal, Comparison::Less) => p <= alpha && computed > alpha,
        (Comparison::Equal, Comparison::Greater) => p >= alpha && computed <= alpha,
        (Comparison::Less, Comparison::Equal) | (Comparison::Less, Comparison::Less) => {
            p <= alpha && computed >= alpha
        }
        (Comparison::Greater, Comparison::Equal) => p > alpha && computed <= alpha,
        (Comparison::Greater, Comparison::Greater) => p >= alpha && computed <= alpha,
        (Comparison::Less, Comparison::Greater) | (Comparison::Greater, Comparison::Less) => false,
    }
}

/// The judgement of `result` at `alpha`; `one_tailed_text` says whether its paragraph mentions
/// one-tailed (one-sided, directional) tests. `None` when p cannot be recomputed.
pub fn judge(result: &Parsed, one_tailed_text: bool, alpha: f64) -> Option<Judgement> {
    let two = recompute(result, Tails::Two)?;
    let wrong = inconsistent(result, &two, alpha);
    if wrong && one_tailed_text && has_tails(result.test) {
        let one = recompute(result, Tails::One)?;
        if !inconsistent(result, &one, alpha) {
            return Some(Judgement {
                recomputed: one,
                tails: Tails::One,
                inconsistent: false,
                decision_error: false,
            });
        }
    }
    Some(Judgement {
        recomputed: two,
        tails: Tails::Two,
        inconsistent: wrong,
        decision_error: wrong && decision_error(result, two.p, alpha),
    })
}

#[cfg(test)]
mod tests {
    use super::super::parse::results;
    use super::*;

    fn verdict(text: &str) -> (bool, bool) {
        let parsed = results(text);
        assert_eq!(parsed.len(), 1, "{text}");
        let j = judge(&parsed[0], text.contains("one-tailed"), 0.05).unwrap();
        (j.inconsistent, j.decision_error)
    }

    #[test]
    fn statcheck_test_cases_are_classified_alike() {
        // From statcheck's own test suite: errors, decision errors and correct results.
        for text in [
            "t(28) = 2.20, p = .03",
            "F(2, 28) = 2.20, p = .15",
            "r(28) = .22, p = .26",
            "chi2(28) = 22.20, p = .79",
            "z = 2.20, p = .04",
            "Q(28) = 22.20, p = .79",
            "t(28) = -2.20, p = .03",
        ] {
            assert_eq!(verdict(text), (true, false), "{text}");
        }
        for text in [
            "t(28) = 2.20, p = .06",
            "t(28) = 1.20, p = .03",
            "F(2, 28) = 22.20, p = .06",
            "r(28) = .52, p = .06",
            "chi2(28) = 2.20, p = .03",
            "z = 1.20, p = .03",
            "t(28) = 2.20, ns",
        ] {
            assert_eq!(verdict(text), (true, true), "{text}");
        }
        for text in [
            "z = -2.42, p = 0.016",
            "t(28) = 2.0, p < .05",
            "t(28) = 2.20, p = .036",
            "F(1, 30) < 1, ns",
        ] {
            assert_eq!(verdict(text), (false, false), "{text}");
        }
    }

    #[test]
    fn rounding_of_the_statistic_is_allowed_for() {
        // t(28) = 2.0 may be 1.95 to 2.05: p between .0503 and .0612.
        assert_eq!(verdict("t(28) = 2.0, p = .05"), (false, false));
        // t(28) = 2.00 gives .0547 to .0559: ".05" is a rounding of that, ".050" is not (and
        // it is on the other side of .05).
        assert_eq!(verdict("t(28) = 2.00, p = .05"), (false, false));
        assert_eq!(verdict("t(28) = 2.00, p = .050"), (true, true));
    }

    #[test]
    fn one_tailed_tests_said_so_are_halved() {
        assert_eq!(
            verdict("a one-tailed test, t(28) = 2.20, p = .018"),
            (false, false)
        );
        assert_eq!(verdict("t(28) = 2.20, p = .018"), (true, false));
    }
}
