#!/usr/bin/env bash
# recall.sh - recall per injected error kind of galley on a synthetic corpus, quickly.
#
# Usage: scripts/recall.sh [SIZE_MIB] [SEED]        (default: 2 MiB, seed 7)
#
# Generates (once, cached) a corpus with ../shared/bench/make_corpus.py, builds galley in release,
# runs it over the corpus as scripts/bench.sh does (no timing, no peers) and scores it with
# ../shared/bench/score_peers.py. With RECALL_MISSES=kind[,kind...] it also prints every manifest
# entry of those kinds that no finding touches, with its line, so that the misses can be read;
# RECALL_MISSES=decoy prints the decoys that were (wrongly) flagged.
#
# Environment:
#   BENCH_SHARED   folder with make_corpus.py and score_peers.py (default ../shared/bench)
#   BENCH_DATA     where corpora are cached (default target/bench-data)
#   RECALL_MISSES  kinds whose misses to print (see above)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHARED=$(cd "${BENCH_SHARED:-$ROOT/../shared/bench}" && pwd)
DATA=${BENCH_DATA:-$ROOT/target/bench-data}
SIZE=${1:-2}
SEED=${2:-7}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)

dir=$DATA/recall-${SIZE}mb-seed${SEED}
if [ ! -s "$dir.manifest.jsonl" ]; then
  rm -rf "$dir"
  python3 "$SHARED/make_corpus.py" "$dir" --total-mb "$SIZE" --seed "$SEED" --jobs 2 > "$dir.summary.json"
fi

cargo build --release --quiet
GALLEY=${CARGO_TARGET_DIR:-$ROOT/target}/release/galley
res=$DATA/recall-${SIZE}mb-seed${SEED}.out
rm -rf "$res"; mkdir -p "$res/cwd"
# --isolated: no galley.toml from around the corpus; --fail-on never: exit 0 with findings.
"$GALLEY" check --isolated --format concise --fail-on never "$dir" > "$res/output_galley.txt"

echo "corpus: ${SIZE} MiB, seed ${SEED} ($(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["files"], "files,", s["words"], "words")' "$dir.summary.json"))"
python3 "$SHARED/score_peers.py" "$dir" "$res"

if [ -n "${RECALL_MISSES:-}" ]; then
  python3 - "$dir" "$res/output_galley.txt" "$RECALL_MISSES" <<'PY'
import collections, json, os, re, sys
corpus, out, kinds = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
hits = collections.defaultdict(list)
for line in open(out, encoding="utf-8"):
    m = re.match(r"^([^ :][^:]*):(\d+):(\d+):", line)
    if m:
        hits[(os.path.relpath(m.group(1), corpus), int(m.group(2)))].append(int(m.group(3)))
lines = {}
for rec in map(json.loads, open(corpus + ".manifest.jsonl", encoding="utf-8")):
    decoy = rec.get("decoy", False)
    if not (rec["kind"] in kinds or (decoy and "decoy" in kinds)):
        continue
    end = rec["end_col"] if rec["end_line"] == rec["line"] else 10**9
    found = any(rec["col"] - 1 <= c <= end for c in hits.get((rec["file"], rec["line"]), ()))
    if found != decoy:
        continue
    if rec["file"] not in lines:
        lines[rec["file"]] = open(os.path.join(corpus, rec["file"]), encoding="utf-8").read().split("\n")
    text = lines[rec["file"]][rec["line"] - 1]
    print(f'{rec["kind"]}: {rec["file"]}:{rec["line"]}:{rec["col"]} "{rec["found"]}": {text.strip()[:200]}')
PY
fi
