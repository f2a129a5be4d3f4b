#!/usr/bin/env bash
# bench.sh - throughput, memory and recall of galley (and of any installed peer linters) on
# synthetic manuscript corpora with injected errors.
#
# Usage: scripts/bench.sh [SIZE_MIB...]        (default: 1 10 100)
#
# For each size it generates (once, cached) a corpus with ../shared/bench/make_corpus.py,
# builds galley in release, times galley and the installed peers on the same files through
# ../shared/bench/peers.sh (hyperfine when installed, else /usr/bin/time; peak RSS from
# /usr/bin/time), and scores recall per injected error kind with score_peers.py. Then, on the
# largest size: galley with 1 vs 2 rayon threads, and galley with 10,000 extra synthetic
# confusable pairs in a user rule file. Finally one 10,000-word manuscript with hyperfine.
# It works without any peer installed (galley alone) and downloads nothing.
#
# Environment:
#   BENCH_SHARED  folder with make_corpus.py, peers.sh, score_peers.py (default ../shared/bench)
#   BENCH_DATA    where corpora are cached (default target/bench-data)
#   BENCH_OUT     where raw results and report.md go (default target/bench-results)
#   BENCH_RUNS    timed runs per tool (default 3)
#   BENCH_TOOLS   comma-separated tools for peers.sh -t (default: all; galley is "galley")
#   BENCH_KILL    seconds after which a tool's first run is killed (default 600)
#   BENCH_SLOW    a tool whose first run takes longer is reported from that run alone (default 60)
#   PEERS_ROOT    where peers are installed (peers.sh default /opt/peers)
#
# Timings on a shared machine are noisy: read them as rough, and rerun on a quiet one before
# drawing conclusions.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHARED=$(cd "${BENCH_SHARED:-$ROOT/../shared/bench}" && pwd)
DATA=${BENCH_DATA:-$ROOT/target/bench-data}
OUT=${BENCH_OUT:-$ROOT/target/bench-results}
RUNS=${BENCH_RUNS:-3}
KILL=${BENCH_KILL:-600}
SLOW=${BENCH_SLOW:-60}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1 10 100)
mkdir -p "$DATA" "$OUT"
REPORT=$OUT/report.md
HAVE_HF=0; command -v hyperfine >/dev/null && HAVE_HF=1

echo "== building galley (release)"
cargo build --release --quiet
GALLEY=${CARGO_TARGET_DIR:-$ROOT/target}/release/galley
GALLEY=$(cd "$(dirname "$GALLEY")" && pwd)/galley
# --isolated: no galley.toml from around the corpus; --fail-on never: exit 0 with findings.
GCMD="$GALLEY check --isolated --format concise --fail-on never"

corpus() { # size_mib -> prints the corpus folder
  local dir=$DATA/corpus-${1}mb
  if [ ! -s "$dir.manifest.jsonl" ]; then
    rm -rf "$dir"
    python3 "$SHARED/make_corpus.py" "$dir" --total-mb "$1" --seed 1 --jobs 2 > "$dir.summary.json"
  fi
  echo "$dir"
}

# Mean wall time (s) of a command, by hyperfine or by /usr/bin/time.
mean_time() { # runs cmd...
  local runs=$1; shift
  if [ $HAVE_HF = 1 ]; then
    hyperfine --style none --warmup 1 --runs "$runs" --export-json "$OUT/hf.json" -N "$*" > /dev/null 2>&1
    python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["results"][0]["mean"])' "$OUT/hf.json"
  else
    "$@" > /dev/null 2>&1 || true
    local t=0 s
    for _ in $(seq "$runs"); do
      s=$( { /usr/bin/time -f '%e' "$@" > /dev/null 2>/dev/null; } 2>&1 | tail -1)
      t=$(awk -v a="$t" -v b="$s" 'BEGIN {print a + b}')
    done
    awk -v t="$t" -v n="$runs" 'BEGIN {printf "%.4f\n", t / n}'
  fi
}

peak_mib() { # cmd... -> peak RSS in MiB (/usr/bin/time -v)
  /usr/bin/time -v "$@" 2> "$OUT/time-v.txt" > /dev/null || true
  awk -F: '/Maximum resident set size/ {printf "%.0f\n", $2 / 1024}' "$OUT/time-v.txt"
}

{
  echo "# galley benchmark report"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), galley $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo '+changes')"
  echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -h | awk '/^Mem:/ {print $2}') RAM"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- timer: $([ $HAVE_HF = 1 ] && hyperfine --version || echo /usr/bin/time), $RUNS runs after a warm-up"
  echo
} > "$REPORT"

LARGEST=""
for size in "${SIZES[@]}"; do
  dir=$(corpus "$size")
  LARGEST=$dir
  res=$OUT/peers-${size}mb
  rm -rf "$res"
  echo "== ${size} MiB corpus: galley and peers"
  tools=()
  [ -n "${BENCH_TOOLS:-}" ] && tools=(-t "$BENCH_TOOLS")
  OURS_CMD="$GCMD" OURS_NAME=galley OURS_COUNT_RE='^[^ ].*:[0-9]+:[0-9]+: (error|warning|info)\[' \
    bash "$SHARED/peers.sh" -r "$RUNS" -s "$SLOW" -k "$KILL" -o "$res" "${tools[@]}" "$dir" | tee "$res.log"
  {
    echo "## ${size} MiB corpus ($(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["files"], "files,", s["words"], "words")' "$dir.summary.json"))"
    echo
    echo "| tool | version | time (s) | ± (s) | MiB/s | peak RSS (MiB) | findings |"
    echo "|---|---|---:|---:|---:|---:|---:|"
    tail -n +2 "$res/results.tsv" | awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $4, $5, $8, $9, $10}'
    echo
    echo "Recall per injected kind (% of manifest entries with a finding at that place; decoy rows are false alarms):"
    echo
    echo '```'
    python3 "$SHARED/score_peers.py" "$dir" "$res"
    echo '```'
    echo
  } >> "$REPORT"
done

# Thread scaling and a large confusable table, on the largest corpus, galley walking the folder
# itself (one process, as a user runs it).
echo "== thread scaling and confusable table on $(basename "$LARGEST")"
bytes=$(du -sb "$LARGEST" | cut -f1)
t1=$(RAYON_NUM_THREADS=1 mean_time "$RUNS" $GCMD "$LARGEST")
t2=$(RAYON_NUM_THREADS=2 mean_time "$RUNS" $GCMD "$LARGEST")
rss=$(peak_mib $GCMD "$LARGEST")

pairs=$OUT/pairs
rm -rf "$pairs"; mkdir -p "$pairs/rules"
printf '# no settings: the default rule set\n' > "$pairs/base.toml"
printf 'rule-dirs = ["rules"]\n' > "$pairs/galley.toml"
python3 - "$LARGEST" "$pairs/rules/synthetic-pairs.toml" <<'PY'
# 10,000 pairs whose trigger words are the corpus's own words (so the automaton hits often and
# each hit runs its context regexes), with a context that never matches (no finding floods).
import collections, os, re, sys
corpus, out = sys.argv[1], sys.argv[2]
words = collections.Counter()
for root, _, files in os.walk(corpus):
    for f in sorted(files)[:200]:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", open(os.path.join(root, f), encoding="utf-8").read()))
vocab = [w for w, _ in words.most_common(2000)]
with open(out, "w", encoding="utf-8") as fh:
    fh.write('id = "synthetic-pairs"\nsummary = "benchmark pairs"\nseverity = "warning"\nlanguages = ["en"]\n'
             'message = "{word} for {suggestion}"\nexplanation = "Synthetic pairs for benchmarks."\n\n'
             '[check]\nkind = "confusable"\n')
    for i in range(10000):
        w = vocab[i % len(vocab)]
        fh.write(f'\n[[check.pair]]\nword = "{w}"\nsuggestion = "zq{i}"\nwhy = "synthetic"\n'
                 f"contexts = ['\\bWORD\\s+zqv{i}\\b']\n")
PY
tb=$(mean_time "$RUNS" "$GALLEY" check --config "$pairs/base.toml" --format concise --fail-on never "$LARGEST")
tp=$(mean_time "$RUNS" "$GALLEY" check --config "$pairs/galley.toml" --format concise --fail-on never "$LARGEST")

# One 10,000-word manuscript.
one=$DATA/one-10k
if [ ! -s "$one.manifest.jsonl" ]; then
  rm -rf "$one"
  python3 "$SHARED/make_corpus.py" "$one" --files 1 --words 10000 --ext md --seed 7 > /dev/null
fi
onefile=$(ls "$one"/*.md)
if [ $HAVE_HF = 1 ]; then
  hyperfine --style basic --warmup 5 --runs 30 --export-json "$OUT/one.json" -N \
    "$GCMD $onefile" > "$OUT/one.log" 2>&1
  read -r one_mean one_sd one_min < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f %.1f %.1f" % (r["mean"]*1e3, (r.get("stddev") or 0)*1e3, r["min"]*1e3))' "$OUT/one.json")
else
  one_mean=$(awk -v t="$(mean_time 10 $GCMD "$onefile")" 'BEGIN {printf "%.1f", t * 1000}'); one_sd=-; one_min=-
fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
{
  echo "## Galley alone on $(basename "$LARGEST") (one process walking the folder)"
  echo
  echo "| measurement | value |"
  echo "|---|---:|"
  echo "| 1 thread (s) | $t1 |"
  echo "| 2 threads (s) | $t2 |"
  echo "| speed-up 1→2 threads | $(ratio "$t1" "$t2")× |"
  echo "| MiB/s, 2 threads | $(awk -v b="$bytes" -v t="$t2" 'BEGIN {printf "%.2f", b / 1048576 / t}') |"
  echo "| peak RSS (MiB) | $rss |"
  echo "| default rules (s) | $tb |"
  echo "| + 10,000 synthetic confusable pairs (s) | $tp |"
  echo "| slow-down from the pairs | $(ratio "$tp" "$tb")× |"
  echo
  echo "## One 10,000-word manuscript ($(wc -w < "$onefile") words, $(basename "$onefile"))"
  echo
  echo "| mean (ms) | ± (ms) | min (ms) |"
  echo "|---:|---:|---:|"
  echo "| $one_mean | $one_sd | $one_min |"
  echo
} >> "$REPORT"

echo
cat "$REPORT"
echo "report: $REPORT"
