#!/usr/bin/env bash
# Time and peak memory of `galley check` on one very long line, in every output format: a plain
# text file of one line holding the word "word" N times (every pair is a repeated-word finding).
# Usage: scripts/long-lines.sh [GALLEY] [WORDS...]   (default: target/release/galley, 200000 400000 4000000)
# Prints one row per size and format: words, format, findings shown, seconds, peak KiB.
set -euo pipefail
cd "$(dirname "$0")/.."
galley=${1:-target/release/galley}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(200000 400000 4000000)
command -v /usr/bin/time >/dev/null || { echo "error: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-9s %-8s %9s %9s %10s\n' words format lines seconds peak_KiB
for n in "${sizes[@]}"; do
  python3 -c "import sys; sys.stdout.write(' '.join(['word'] * $n) + '\n')" > "$work/line.txt"
  for format in human concise json sarif github junit; do
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time" "$galley" check --isolated --format "$format" "$work/line.txt" > "$work/out"
    code=$?
    set -e
    if [ "$code" -ne 1 ]; then echo "error: exit $code for $n words, $format" >&2; exit 1; fi
    read -r seconds peak < <(tail -n 1 "$work/time")
    printf '%-9s %-8s %9s %9s %10s\n' "$n" "$format" "$(wc -l < "$work/out")" "$seconds" "$peak"
  done
done
