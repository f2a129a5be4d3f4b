#!/usr/bin/env bash
# Round trip of the pre-commit hook, end to end: install pre-commit from PyPI into a throwaway
# virtualenv, validate .pre-commit-hooks.yaml, make a throwaway git repository whose hook runs
# the galley binary built from this checkout, and show that
#   1. a commit of a faulty manuscript is blocked,
#   2. it passes after `galley check --fix`,
#   3. a finding the author means to keep is blocked until a suppression comment is added.
# Needs network access only to install pre-commit. Exits non-zero if any step does not behave.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== build galley (debug)"
(cd "$here" && cargo build --quiet)
target="${CARGO_TARGET_DIR:-$here/target}"
galley="$target/debug/galley"
test -x "$galley"

echo "== install pre-commit into a throwaway virtualenv"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet pre-commit
export PATH="$work/venv/bin:$PATH"
export PRE_COMMIT_HOME="$work/cache"
pre-commit --version
pre-commit validate-manifest "$here/.pre-commit-hooks.yaml"

echo "== a throwaway repository using the hook"
repo="$work/repo"
mkdir "$repo"
cd "$repo"
git init --quiet
git config user.email "author@example.org"
git config user.name "An Author"
git config commit.gpgsign false
# The hook as .pre-commit-hooks.yaml declares it, run from the binary just built (language:
# system) so that nothing is compiled again and no crate is fetched.
python3 - "$here/.pre-commit-hooks.yaml" "$galley" > .pre-commit-config.yaml <<'PY'
import re, sys
manifest, galley = sys.argv[1], sys.argv[2]
text = open(manifest).read()
types = re.search(r"^\s*types_or:\s*(.*)$", text, re.M).group(1)
files = re.search(r"^\s*files:\s*(.*)$", text, re.M).group(1)
print(f"""repos:
  - repo: local
    hooks:
      - id: galley
        name: galley (manuscript linter)
        entry: {galley} check
        language: system
        types_or: {types}
        files: '{files}'
""")
PY
cat .pre-commit-config.yaml
pre-commit install --install-hooks >/dev/null
git add .pre-commit-config.yaml
git commit --quiet -m "Add the pre-commit configuration"

expect_blocked() {
  if git commit --quiet -m "$1" >"$work/out" 2>&1; then
    cat "$work/out"
    echo "FAIL: the commit ($1) was not blocked" >&2
    exit 1
  fi
  grep -q "$2" "$work/out" || { cat "$work/out"; echo "FAIL: no $2 in the hook's output" >&2; exit 1; }
  echo "ok: blocked ($2)"
}

expect_passes() {
  if ! git commit --quiet -m "$1" >"$work/out" 2>&1; then
    cat "$work/out"
    echo "FAIL: the commit ($1) was blocked" >&2
    exit 1
  fi
  echo "ok: committed"
}

echo "== 1. a faulty manuscript is blocked"
printf '# Notes on the ponds\n\nWe measured the ponds .  Most were dry by July .\n' > notes.md
git add notes.md
expect_blocked "Add notes" "space-before-punctuation"

echo "== 2. it passes after galley check --fix"
"$galley" check --fix notes.md || true
cat notes.md
git add notes.md
expect_passes "Add notes"

echo "== 3. a finding kept on purpose is blocked until it is suppressed"
printf 'Survey of the ponds\n\nThe principle investigator wrote the report.\n' > survey.txt
git add survey.txt
expect_blocked "Add the survey" "real-word-error"
printf 'Survey of the ponds\n\n[galley-disable-next-line real-word-error -- the title the funder uses]\nThe principle investigator wrote the report.\n' > survey.txt
git add survey.txt
expect_passes "Add the survey"

echo "== a stale suppression is itself blocked"
printf 'Survey of the ponds\n\n[galley-disable-next-line real-word-error -- no longer needed]\nThe principal investigator wrote the report.\n' > survey.txt
git add survey.txt
expect_blocked "Correct the survey" "unused-suppression"

echo "pre-commit round trip passed"
