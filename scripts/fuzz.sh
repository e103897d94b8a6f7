#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang with ASan and UBSan, build-fuzz/: the "fuzz" preset) and
# runs each for a while, one after the other, on a working copy of its corpus. Exits non-zero when
# any target finds something (a crash, a sanitizer report, a leak, a timeout, running out of memory).
#
#   scripts/fuzz.sh                      every target for 30 s
#   scripts/fuzz.sh --seconds 600 push   one target for 10 minutes
#   scripts/fuzz.sh --fresh ...          start again from the committed corpus only
#   scripts/fuzz.sh --merge ...          then add to fuzz/corpus/<target>/ the inputs that add coverage
#   scripts/fuzz.sh --build-only
#
# The committed corpus (fuzz/corpus/<target>/) is only read: each run works in
# build-fuzz/corpus/<target>/, a copy that keeps what earlier runs found. Findings are written to
# build-fuzz/findings/<target>-crash-..., and can be replayed with `build-fuzz/fuzz/fuzz_<target> FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(push pull pull_page push_answer label http)
seconds=30
fresh=0
merge=0
build_only=0
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#--seconds=}; shift ;;
    --fresh) fresh=1; shift ;;
    --merge) merge=1; shift ;;
    --build-only) build_only=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    -*) echo "fuzz: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")

bash scripts/setup.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
[ "$build_only" -eq 0 ] || exit 0

dict_of() {
  case "$1" in
    push|pull|pull_page|push_answer) echo fuzz/dict/sync.dict ;;
    label) echo fuzz/dict/label.dict ;;
    http) echo fuzz/dict/http.dict ;;
  esac
}

# Leaks are findings; a report stops the run (UBSan too: the build has -fno-sanitize-recover=all).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

mkdir -p build-fuzz/findings build-fuzz/logs
failed=0
summary=()
for t in "${targets[@]}"; do
  bin=build-fuzz/fuzz/fuzz_$t
  [ -x "$bin" ] || { echo "fuzz: no target $t (known: ${all_targets[*]})" >&2; exit 2; }
  work=build-fuzz/corpus/$t
  [ "$fresh" -eq 0 ] || rm -rf "$work"
  mkdir -p "$work"
  cp -n fuzz/corpus/"$t"/* "$work"/ 2>/dev/null || true
  log=build-fuzz/logs/$t.log
  before=$(ls build-fuzz/findings | grep -c "^$t-" || true)
  echo "fuzz: $t for ${seconds} s (log: $log)"
  status=0
  # One process, one worker: the machine is shared. A single input taking 25 s is a finding (hang).
  "$bin" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1 \
    -dict="$(dict_of "$t")" -artifact_prefix="build-fuzz/findings/$t-" "$work" >"$log" 2>&1 || status=$?
  after=$(ls build-fuzz/findings | grep -c "^$t-" || true)
  runs=$(grep -a -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
  last=$(grep -a -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo '?')
  corp=$(echo "$last" | grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' | cut -d' ' -f2 || echo '?')
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    failed=1
    summary+=("$(printf '%-12s %10s runs  cov %-5s corpus %-12s FOUND: %s' "$t" "$runs" "$cov" "$corp" \
      "$(grep -a -m1 -E '==FINDING==|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY' "$log" | cut -c1-120)")")
    grep -a -A30 -m1 -E '==FINDING==|ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:' "$log" | head -40 >&2 || true
    ls -t build-fuzz/findings/"$t"-* 2>/dev/null | head -3 | sed 's/^/fuzz:   input: /' >&2
  else
    summary+=("$(printf '%-12s %10s runs  cov %-5s corpus %-12s nothing found' "$t" "$runs" "$cov" "$corp")")
  fi
  if [ "$merge" -eq 1 ] && [ "$status" -eq 0 ]; then
    # Only the inputs that reach code the committed ones do not (edges, not hit counts: that keeps
    # the committed corpus to a few hundred KB), each file named by libFuzzer.
    "$bin" -merge=1 -use_counters=0 -timeout=25 fuzz/corpus/"$t" "$work" >>"$log" 2>&1
    echo "fuzz: $t: fuzz/corpus/$t now $(ls fuzz/corpus/"$t" | wc -l) files, $(du -sk fuzz/corpus/"$t" | cut -f1) KB"
  fi
done

echo
echo "fuzz: ${seconds} s per target"
printf '  %s\n' "${summary[@]}"
exit $failed
