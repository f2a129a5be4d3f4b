#!/usr/bin/env bash
# render-citeproc-fixtures.sh - renders tests/fixtures/citeproc/manuscript.md with pandoc's
# citeproc into the plain-text fixtures that tests/citeproc.rs checks: APA 7 from the Debian CSL
# styles package (apa.txt, and apa.md as Markdown with the citations resolved) and pandoc's
# built-in default, Chicago author-date (chicago.txt).
#
# Usage: scripts/render-citeproc-fixtures.sh
#
# Needs pandoc with --citeproc (2.11 or later) and the CSL styles, on Debian:
#   apt-get install pandoc citation-style-language-styles
# CSL_STYLES names the folder holding apa.csl when it is not under /usr/share or /usr/local/share.
# The rendered files are committed, since CI has no pandoc; rerun this after editing the
# manuscript or references.bib and record the pandoc version in the fixtures' README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR="$ROOT/tests/fixtures/citeproc"

PANDOC=$(command -v pandoc) || { echo "pandoc is not installed" >&2; exit 1; }
if ! "$PANDOC" --help | grep -q -- '--citeproc'; then
    echo "$PANDOC has no --citeproc; pandoc 2.11 or later is needed" >&2
    exit 1
fi

APA_CSL=""
for folder in ${CSL_STYLES:-} /usr/share/citation-style-language /usr/local/share/citation-style-language; do
    if [ -d "$folder" ]; then
        APA_CSL=$(find "$folder" -name apa.csl -print -quit)
        [ -n "$APA_CSL" ] && break
    fi
done
if [ -z "$APA_CSL" ]; then
    echo "apa.csl not found; install citation-style-language-styles or set CSL_STYLES" >&2
    exit 1
fi

cd "$DIR"
common=(--citeproc --standalone --wrap=none manuscript.md)
"$PANDOC" "${common[@]}" --csl "$APA_CSL" -t plain -o apa.txt
"$PANDOC" "${common[@]}" --csl "$APA_CSL" -t markdown-citations -o apa.md
# The metadata block repeats the style's path on this machine; the fixture does not need it.
sed -i '/^csl: /d' apa.md
"$PANDOC" "${common[@]}" -t plain -o chicago.txt

echo "rendered with $("$PANDOC" --version | head -n 1) and $(basename "$APA_CSL") from $(dirname "$APA_CSL")"
