//! The p-value a test statistic and its degrees of freedom give, from Student's t, F, χ² and
//! the normal distribution (statrs), and the range of p-values the reported statistic allows
//! once its rounding is taken into account.
//!
//! statrs is used for the distributions: a maintained, widely used crate whose survival
//! functions are computed directly (not as 1 − cdf), so very small p-values keep their precision;
//! without its default features it pulls in no linear algebra.

use statrs::distribution::{ChiSquared, ContinuousCDF, FisherSnedecor, Normal, StudentsT};

use super::parse::{Parsed, TestKind};

/// The p-values of one result: at the statistic as reported, and at both ends of the interval of
/// statistics that round to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Recomputed {
    /// p at the reported statistic.
    pub p: f64,
    /// The smallest p any statistic that rounds to the reported one gives.
    pub low: f64,
    /// The largest.
    pub high: f64,
}

/// Tails of the test: two by default; one when the text says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tails {
    One,
    Two,
}

/// The p-values of `result` with `tails` tails (F, χ² and Q are always upper-tail tests), or
/// `None` when they cannot be computed: degrees of freedom missing or impossible, a correlation
/// beyond ±1, a negative F or χ².
pub fn recompute(result: &Parsed, tails: Tails) -> Option<Recomputed> {
    let stat = result.statistic.value;
    if result.degrees.len() != result.test.degrees_needed() || !stat.is_finite() {
        return None;
    }
    if result
        .degrees
        .iter()
        .any(|df| df.is_nan() || *df <= 0.0 || !df.is_finite())
    {
        return None;
    }
    // F, χ² and Q are never negative.
    if stat < 0.0 && !has_tails(result.test) {
        return None;
    }
    let half = result.statistic.step / 2.0;
    // The bound nearer zero gives the larger p, the one further away the smaller.
    let magnitude = stat.abs();
    let near = (magnitude - half).max(0.0);
    let far = magnitude + half;
    let p = p_value(result.test, &result.degrees, magnitude, tails)?;
    let high = p_value(result.test, &result.degrees, near, tails)?;
    let low = p_value(result.test, &result.degrees, far, tails)?;
    Some(Recomputed { p, low, high })
}

/// p for a statistic of size `magnitude` (≥ 0).
pub fn p_value(test: TestKind, degrees: &[f64], magnitude: f64, tails: Tails) -> Option<f64> {
    let sides = match tails {
        Tails::Two => 2.0,
        Tails::One => 1.0,
    };
    let p = match test {
        TestKind::T => sides * StudentsT::new(0.0, 1.0, degrees[0]).ok()?.sf(magnitude),
        TestKind::R => {
            if magnitude > 1.0 {
                return None;
            }
            if magnitude == 1.0 {
                return Some(0.0);
            }
            let df = degrees[0];
            let t = magnitude * (df / (1.0 - magnitude * magnitude)).sqrt();
            sides * StudentsT::new(0.0, 1.0, df).ok()?.sf(t)
        }
        TestKind::Z => sides * Normal::new(0.0, 1.0).ok()?.sf(magnitude),
        TestKind::F => FisherSnedecor::new(degrees[0], degrees[1])
            .ok()?
            .sf(magnitude),
        TestKind::ChiSquare | TestKind::Q => ChiSquared::new(degrees[0]).ok()?.sf(magnitude),
    };
    p.is_finite().then_some(p.clamp(0.0, 1.0))
}

/// Whether the test has a sign, and so a one-tailed p that is half the two-tailed one.
pub fn has_tails(test: TestKind) -> bool {
    matches!(test, TestKind::T | TestKind::R | TestKind::Z)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-6 * b.abs().max(1e-12)
    }

    #[test]
    fn p_values_match_published_tables() {
        // Critical values from standard tables give their α back.
        assert!(close(
            p_value(TestKind::T, &[28.0], 2.048_407, Tails::Two).unwrap(),
            0.05
        ));
        assert!(close(
            p_value(TestKind::Z, &[], 1.959_964, Tails::Two).unwrap(),
            0.05
        ));
        assert!(close(
            p_value(TestKind::ChiSquare, &[1.0], 3.841_459, Tails::Two).unwrap(),
            0.05
        ));
        assert!(close(
            p_value(TestKind::F, &[2.0, 57.0], 3.158_843, Tails::Two).unwrap(),
            0.05
        ));
        // r(48) = .2787 is the two-tailed critical value at .05.
        assert!((p_value(TestKind::R, &[48.0], 0.2787, Tails::Two).unwrap() - 0.05).abs() < 1e-3);
        assert!(close(
            p_value(TestKind::T, &[28.0], 2.048_407, Tails::One).unwrap(),
            0.025
        ));
    }

    #[test]
    fn impossible_results_give_no_p() {
        assert_eq!(p_value(TestKind::R, &[10.0], 1.2, Tails::Two), None);
        assert_eq!(p_value(TestKind::T, &[0.0], 1.2, Tails::Two), None);
    }
}
