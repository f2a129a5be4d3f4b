#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), one after another, and reports the
# executions per target. Crashes (and inputs that time out or run out of memory) land in
# fuzz/artifacts/TARGET/; each should become a test in tests/regressions.rs. The corpus grows in
# fuzz/corpus/TARGET/, seeded from samples/, rules/ and fuzz/seeds/.
#
#   scripts/fuzz.sh 600          # the ten-minute run per target
#   scripts/fuzz.sh 30 pipeline  # one target
#
# Several runs may share the machine: FUZZ_SUMMARY names each one's summary file (default
# fuzz/logs/summary.txt), e.g. two shards of the targets, one per core.
#
# libFuzzer's -timeout counts wall time, so a starved process (a busy machine, `nice`) reports
# timeouts that are not hangs: rerun a reported timeout alone with `scripts/fuzz.sh 30 TARGET`
# on the artifact before believing it. FUZZ_TIMEOUT sets it (default 60 s per input).
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). FUZZ_SANITIZER picks the
# sanitizer (default none: galley is safe Rust, and without ASan the targets build and run several
# times faster); debug assertions are on, so an integer overflow is a crash too.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
toolchain=${FUZZ_TOOLCHAIN:-nightly}
sanitizer=${FUZZ_SANITIZER:-none}
fuzz=(cargo "+$toolchain" fuzz)

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cd fuzz && "${fuzz[@]}" list)
fi

# Seeds: the bundled samples for the readers, the rule files for the TOML parsers.
seed() {
  local target=$1
  shift
  mkdir -p "fuzz/corpus/$target"
  local file
  for file in "$@"; do
    [ -f "$file" ] && cp -n "$file" "fuzz/corpus/$target/" 2>/dev/null || true
  done
  if [ -d "fuzz/seeds/$target" ]; then
    cp -n fuzz/seeds/"$target"/* "fuzz/corpus/$target/" 2>/dev/null || true
  fi
}
seed read_text samples/*.txt
seed read_markdown samples/*.md
seed read_latex samples/latex/*.tex
seed read_docx samples/*.docx
seed read_jats samples/*.xml
seed structure samples/*.txt samples/*.md
seed citations samples/*.txt samples/*.md
seed config
seed rule_file rules/*.toml
seed pipeline samples/*.txt samples/*.md samples/*.xml samples/*.docx samples/latex/*.tex

(cd fuzz && "${fuzz[@]}" build --sanitizer "$sanitizer" --debug-assertions)

mkdir -p fuzz/logs
summary=${FUZZ_SUMMARY:-fuzz/logs/summary.txt}
: >"$summary"
failed=0
for target in "${targets[@]}"; do
  log="fuzz/logs/$target.log"
  echo "== $target ($seconds s)"
  set +e
  (cd fuzz && "${fuzz[@]}" run --sanitizer "$sanitizer" --debug-assertions "$target" \
    "corpus/$target" -- \
    -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-60}" -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1) >"$log" 2>&1
  code=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  result=ok
  if [ "$code" -ne 0 ]; then
    result="FAILED (exit $code; see $log and fuzz/artifacts/$target/)"
    failed=1
  fi
  printf '%-14s %10s executions in %4s s  %s\n' "$target" "${runs:-?}" "$seconds" "$result" |
    tee -a "$summary"
done
echo "summary in $summary"
exit "$failed"
