#!/usr/bin/env bash
# The HTML triage report in a real browser: writes the report of samples/ (and of the shared real
# corpus when it is there), loads it in headless Chromium, and checks the index table, the console
# and that no request leaves the page (scripts/report-browser.py). With --screenshot, saves
# docs/triage-report.png for the README.
#
# Usage: scripts/report-browser.sh [--screenshot] [GALLEY]   (GALLEY: target/debug/galley by default)
# PROFILE=plos-one (the default here) picks the journal profile the report is made under.
set -euo pipefail
cd "$(dirname "$0")/.."

shot=""
if [ "${1:-}" = "--screenshot" ]; then
  shot=docs/triage-report.png
  shift
fi
galley=${1:-target/debug/galley}
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "error: chromium is not installed (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

paths=(samples)
if [ -d ../shared/corpus/real ]; then
  paths+=(../shared/corpus/real)
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
set +e
"$galley" check --isolated --profile "${PROFILE:-plos-one}" --format html -o "$out/report.html" "${paths[@]}"
code=$?
set -e
if [ "$code" -gt 1 ] && [ ! -s "$out/report.html" ]; then
  echo "error: galley exited with $code and wrote no report" >&2
  exit 1
fi
python3 scripts/report-browser.py "$chromium" "$out/report.html" $shot
