#!/usr/bin/env python3
"""Score galley on the real manuscripts and hold the figures to a ratchet.

Two sets are scored with the shared `score.py`: the shared corpus (`../shared/corpus/real/`) and
the manuscripts this repository carries (`tests/real/`, facts in `tests/real/expected.json`). For
each set the script compares structure accuracy, problem recall, unmatched warnings per 1,000 words,
false alarms on citations that resolve and failed runs with the figures recorded in
`tests/real/ratchet.json`, and fails when any of them is worse. When every figure is as good or
better, `--update` records the new figures (commit the file with the change that earned them).

Usage:
    scripts/real-corpus.py [--galley target/release/galley] [--update [--force]] [--verbose] [--keep DIR]

Exit status: 0 when no figure got worse, 1 when one did, 2 when the corpus or scorer is missing
(in CI, where CI is set; elsewhere a missing shared corpus is skipped with a note).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "real"))
OWN = os.path.join(ROOT, "tests", "real")
RATCHET = os.path.join(OWN, "ratchet.json")

# Noise is a float printed to two decimals; a change below this is rounding, not a regression.
NOISE_EPSILON = 0.005


def fraction(text):
    """'84/118' or '84/118 (71.2%)' -> (84.0, 118.0)."""
    head = str(text).split()[0]
    passed, total = head.split("/")
    return float(passed), float(total)


def figures(totals):
    """The ratcheted figures of one score.py run."""
    s_passed, s_total = fraction(totals["structure_checks"])
    p_credit, p_total = fraction(totals["problem_credit"])
    return {
        "files": totals["files"],
        "structure_checks_passed": s_passed,
        "structure_checks": s_total,
        "structure_accuracy": round(s_passed / s_total, 4) if s_total else 1.0,
        "problem_credit": p_credit,
        "problems": p_total,
        "problem_recall": round(p_credit / p_total, 4) if p_total else 1.0,
        "unmatched_per_1k_words": totals["extra_warn_err_per_1k_words"],
        "false_alarms_on_resolvable_citations": totals["false_alarms_on_resolvable_citations"],
        "failed_runs": sum(totals["failures"].values()),
    }


def score(scorer, corpus, galley, expected, verbose, out_json):
    cmd = [sys.executable, scorer, corpus, galley, "--json", out_json]
    if expected:
        cmd += ["--expected", expected]
    if verbose:
        cmd.append("-v")
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(run.stdout)
    if run.returncode != 0:
        raise SystemExit("error: score.py failed on %s (exit %d)" % (corpus, run.returncode))
    with open(out_json, encoding="utf-8") as f:
        return figures(json.load(f)["totals"])


def worse(name, now, recorded):
    """The figures of `now` that are worse than `recorded`, as messages."""
    problems = []
    if now["structure_accuracy"] < recorded["structure_accuracy"]:
        problems.append("%s: structure accuracy %.1f%% < %.1f%% recorded" % (
            name, 100 * now["structure_accuracy"], 100 * recorded["structure_accuracy"]))
    if now["problem_recall"] < recorded["problem_recall"]:
        problems.append("%s: problem recall %.1f%% < %.1f%% recorded" % (
            name, 100 * now["problem_recall"], 100 * recorded["problem_recall"]))
    if now["unmatched_per_1k_words"] > recorded["unmatched_per_1k_words"] + NOISE_EPSILON:
        problems.append("%s: %.2f unmatched warnings per 1,000 words > %.2f recorded" % (
            name, now["unmatched_per_1k_words"], recorded["unmatched_per_1k_words"]))
    if now["false_alarms_on_resolvable_citations"] > recorded["false_alarms_on_resolvable_citations"]:
        problems.append("%s: %d false alarms on citations that resolve > %d recorded" % (
            name, now["false_alarms_on_resolvable_citations"],
            recorded["false_alarms_on_resolvable_citations"]))
    if now["failed_runs"] > recorded["failed_runs"]:
        problems.append("%s: %d failed runs > %d recorded" % (
            name, now["failed_runs"], recorded["failed_runs"]))
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--galley", default=os.path.join(ROOT, "target", "release", "galley"))
    parser.add_argument("--update", action="store_true", help="record the new figures")
    parser.add_argument("--force", action="store_true",
                        help="with --update: record them even where one got worse (a trade the "
                             "commit message must explain)")
    parser.add_argument("--verbose", "-v", action="store_true", help="per-file findings")
    parser.add_argument("--keep", help="write each set's score.py JSON into this folder")
    args = parser.parse_args()

    scorer = os.path.join(SHARED, "score.py")
    if not os.path.isfile(scorer):
        if os.environ.get("CI"):
            print("error: %s is missing; the real-corpus scores need it" % scorer, file=sys.stderr)
            return 2
        print("note: %s is absent; real-corpus scores skipped" % scorer, file=sys.stderr)
        return 0
    galley = os.path.abspath(args.galley)
    if not os.access(galley, os.X_OK):
        print("error: no galley binary at %s (cargo build --release)" % galley, file=sys.stderr)
        return 2

    sets = [("shared", SHARED, None)]
    own_expected = os.path.join(OWN, "expected.json")
    if os.path.isfile(own_expected):
        sets.append(("own", OWN, own_expected))

    ratchet = {}
    if os.path.isfile(RATCHET):
        with open(RATCHET, encoding="utf-8") as f:
            ratchet = json.load(f)
    out_dir = args.keep or tempfile.mkdtemp(prefix="galley-real-")
    os.makedirs(out_dir, exist_ok=True)

    now = {}
    for name, corpus, expected in sets:
        print("== real corpus: %s (%s)" % (name, os.path.relpath(corpus, ROOT)))
        now[name] = score(scorer, corpus, galley, expected, args.verbose,
                          os.path.join(out_dir, name + ".json"))

    regressions = []
    for name, figs in now.items():
        recorded = ratchet.get(name)
        if recorded is None:
            if not args.update:
                regressions.append("%s: no figures recorded in tests/real/ratchet.json "
                                   "(record them with --update)" % name)
            continue
        regressions += worse(name, figs, recorded)

    print("== ratchet (now vs recorded)")
    for name, figs in now.items():
        rec = ratchet.get(name, {})
        for key in ("structure_accuracy", "problem_recall", "unmatched_per_1k_words",
                    "false_alarms_on_resolvable_citations", "failed_runs"):
            print("  %-6s %-38s %10s  recorded %s" % (name, key, figs[key], rec.get(key, "-")))

    if regressions:
        print("error: the real-corpus figures got worse:", file=sys.stderr)
        for line in regressions:
            print("  " + line, file=sys.stderr)
        if args.update and not args.force:
            print("error: not updating tests/real/ratchet.json while a figure is worse "
                  "(--force records them anyway)", file=sys.stderr)
        if not (args.update and args.force):
            return 1
    if args.update:
        with open(RATCHET, "w", encoding="utf-8") as f:
            json.dump(now, f, indent=2, sort_keys=True)
            f.write("\n")
        print("recorded the new figures in tests/real/ratchet.json")
    elif now != {k: ratchet.get(k) for k in now}:
        print("note: figures improved; record them with scripts/real-corpus.py --update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
