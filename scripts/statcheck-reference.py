#!/usr/bin/env python3
"""Independent expectations for galley's statistics fixture, computed with SciPy.

Each row of `tests/fixtures/statistics/results.tsv` gives a sentence and, for a reported result,
its test, degrees of freedom, statistic and p-value as structured columns (a sentence with no
result has them empty). This script recomputes p from those columns with SciPy's distributions,
not galley's, and classifies the result twice:

- `expected`: the classification galley should give: `consistent`, `inconsistent`,
  `decision-error`, `no-df` (no degrees of freedom: nothing to recompute) or `none` (no result);
- `statcheck`: what statcheck's published rules give with its defaults (Nuijten et al., 2016;
  statcheck 1.5: `pZeroError = TRUE`, `pEqualAlphaSig = TRUE`, `OneTailedTxt = FALSE`), or
  `not-extracted` for forms statcheck does not read (no degrees of freedom, decimal commas).

Both follow the same published rules: the statistic may have been rounded, so the p-values at
both ends of the interval that rounds to it bound the correct one; an exact p must lie between
those bounds rounded to its own decimals; "ns" is p > α; an inconsistent p is a decision error
when reported and recomputed fall on different sides of α (p = α significant). galley differs in
two ways: "p = .000" is not inconsistent in itself (statistic-format asks for "p < .001"), and a
result that fits a one-tailed test counts as consistent when its sentence says the test was
one-tailed, one-sided or directional.

Usage:
    scripts/statcheck-reference.py [--write] [--table] [FILE]

Without --write the script checks that the two columns hold what it computes and exits 1 when a
row differs; --write fills them in; --table prints the rows where galley and statcheck differ.
"""
import argparse
import csv
import math
import re
import sys

from scipy import stats

ALPHA = 0.05
TOLERANCE = 1e-9
DEFAULT = "tests/fixtures/statistics/results.tsv"


def p_value(test, df, x, two_tailed=True):
    x = abs(x)
    sides = 2 if two_tailed else 1
    if test == "t":
        return sides * stats.t.sf(x, df[0])
    if test == "z":
        return sides * stats.norm.sf(x)
    if test == "r":
        if x >= 1:
            return 0.0
        t = x * math.sqrt(df[0] / (1 - x * x))
        return sides * stats.t.sf(t, df[0])
    if test == "F":
        return stats.f.sf(x, df[0], df[1])
    if test in ("chi2", "Q"):
        return stats.chi2.sf(x, df[0])
    raise ValueError(test)


def written(text):
    """A number as written: its value and the size of its last digit."""
    mantissa, _, exponent = text.lower().partition("e")
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    scale = 10.0 ** int(exponent) if exponent else 1.0
    return float(mantissa) * scale, 10.0 ** -decimals * scale


def comparison(text):
    for sign in ("<", ">", "="):
        if text.startswith(sign):
            return sign, text[1:]
    raise ValueError(text)


def bounds(test, df, value, step, two_tailed):
    half = step / 2
    near, far = max(abs(value) - half, 0.0), abs(value) + half
    return p_value(test, df, far, two_tailed), p_value(test, df, near, two_tailed)


def rounded(x, step):
    return round(x / step) * step if step else x


def gt(a, b):
    return a > b + TOLERANCE * max(abs(b), 1e-300)


def lt(a, b):
    return a < b - TOLERANCE * max(abs(b), 1e-300)


def error(test_cmp, p_cmp, p, step, low, high, zero_is_error):
    if zero_is_error and p <= 0:
        return True
    r = lambda x: rounded(x, step)  # noqa: E731
    table = {
        ("=", "="): gt(p, r(high)) or lt(p, r(low)),
        ("=", "<"): lt(p, low),
        ("=", ">"): gt(p, high),
        ("<", "="): lt(p, r(high)),
        ("<", "<"): lt(p, high),
        ("<", ">"): False,
        (">", "="): gt(p, r(low)),
        (">", "<"): False,
        (">", ">"): gt(p, low),
    }
    return table[(test_cmp, p_cmp)]


def decision_error(test_cmp, p_cmp, p, computed):
    a = ALPHA
    table = {
        ("=", "="): (p <= a and computed > a) or (p > a and computed <= a),
        ("=", "<"): p <= a and computed > a,
        ("=", ">"): p >= a and computed <= a,
        ("<", "="): p <= a and computed >= a,
        ("<", "<"): p <= a and computed >= a,
        ("<", ">"): False,
        (">", "="): p > a and computed <= a,
        (">", "<"): False,
        (">", ">"): p >= a and computed <= a,
    }
    return table[(test_cmp, p_cmp)]


def classify(row, galley_rules):
    test = row["test"]
    if not test:
        return "none"
    df = [float(d) for d in row["df"].split(",") if d]
    needed = {"z": 0, "F": 2}.get(test, 1)
    if len(df) != needed:
        return "no-df" if galley_rules else "not-extracted"
    # A decimal comma in the statistic or the p-value ("t(28) = 2,20; p = ,036"), not a
    # thousands separator ("N = 1,204").
    decimal_comma = r"[=<>≤] ?[-−–]?\d*,\d+(?:;|\s*$)|p ?[=<>≤] ?\d*,\d"
    if not galley_rules and re.search(decimal_comma, row["text"].replace("{,}", ",").rstrip(".)$")):
        return "not-extracted"
    test_cmp, stat_text = comparison(row["stat"])
    value, step = written(stat_text)
    if row["p"] == "ns":
        p_cmp, p, p_step = ">", ALPHA, 0.0
    else:
        p_cmp, p_text = comparison(row["p"])
        p, p_step = written(p_text)
    tailed = test in ("t", "r", "z")
    low, high = bounds(test, df, value, step, True)
    wrong = error(test_cmp, p_cmp, p, p_step, low, high, zero_is_error=not galley_rules)
    computed = p_value(test, df, value, True)
    one_tailed_text = re.search(r"(?i)\bone[- ]?(tailed|sided)\b|\bdirectional (test|hypothes)", row["text"])
    if galley_rules and wrong and tailed and one_tailed_text:
        low1, high1 = bounds(test, df, value, step, False)
        if not error(test_cmp, p_cmp, p, p_step, low1, high1, zero_is_error=False):
            return "consistent"
    if not wrong:
        return "consistent"
    return "decision-error" if decision_error(test_cmp, p_cmp, p, computed) else "inconsistent"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=DEFAULT)
    parser.add_argument("--write", action="store_true", help="fill in the expected columns")
    parser.add_argument("--table", action="store_true", help="list rows where galley and statcheck differ")
    args = parser.parse_args()
    with open(args.file, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        fields = reader.fieldnames
        rows = list(reader)
    wrong = []
    counts = {}
    for row in rows:
        expected, statcheck = classify(row, True), classify(row, False)
        counts[expected] = counts.get(expected, 0) + 1
        if (row["expected"], row["statcheck"]) != (expected, statcheck):
            wrong.append(f"{row['id']}: recorded {row['expected']}/{row['statcheck']}, computed {expected}/{statcheck}")
        row["expected"], row["statcheck"] = expected, statcheck
    if args.write:
        with open(args.file, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    if args.table:
        for row in rows:
            if row["expected"] != row["statcheck"] and row["test"]:
                print(f"| {row['id']} | {row['text']} | {row['expected']} | {row['statcheck']} |")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    print(f"{len(rows)} rows: {summary}", file=sys.stderr)
    if wrong and not args.write:
        print("\n".join(wrong), file=sys.stderr)
        print(f"{len(wrong)} rows differ from what SciPy gives", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
