#!/usr/bin/env bash
# Runs huge's fuzz targets (docs/fuzzing.md): builds the sanitized compiler
# if needed, writes the seed corpora, and fuzzes each target for the given
# time, the targets side by side. Exits non-zero if a target found a crash,
# a hang, a leak, memory beyond the limit, or a compilation whose `error:`
# and outcome disagree; the input that did it is in WORK/artifacts/.
# Usage: scripts/fuzz.sh [--time SECONDS] [--target onnx|mlir|both]
#                        [--build DIR] [--work DIR] [--seeds-only] [--seed N]
#                        [--no-build]
# --seed fixes libFuzzer's random seed, so runs from the same corpus mutate
# the same way (CI uses it); without it libFuzzer draws one.
set -euo pipefail
cd "$(dirname "$0")/.."
time=60 target=both build=build/sanitized work=build/fuzz seeds_only=0 seed=0 no_build=0
while (($#)); do
  case "$1" in
    --time) time=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --seeds-only) seeds_only=1; shift ;;
    --seed) seed=$2; shift 2 ;;
    --no-build) no_build=1; shift ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
case "$target" in onnx) targets=(onnx) ;; mlir) targets=(mlir) ;;
  both) targets=(onnx mlir) ;; *) echo "fuzz.sh: unknown target '$target'" >&2; exit 2 ;;
esac
# An incremental build, so a hand run never fuzzes stale binaries (ctest
# builds once beforehand and passes --no-build).
((no_build)) || scripts/build-sanitized.sh "$build" >/dev/null
mkdir -p "$work/artifacts"
if [[ ! -d "$work/seeds/mlir" ]]; then
  /usr/bin/python3 fuzz/make_corpus.py --huge-translate "$build/bin/huge-translate" \
    "$work/seeds.tmp"
  rm -rf "$work/seeds" && mv "$work/seeds.tmp" "$work/seeds"
fi
((seeds_only)) && exit 0
# The sanitized compiler reports leaks; ONNX's registry is reachable at exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pids=()
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus-$t"
  extra=()
  [[ $t == mlir ]] && extra=(-dict=fuzz/mlir.dict)
  "$build/bin/huge-fuzz-$t" -seed="$seed" -max_total_time="$time" -timeout=600 -rss_limit_mb=2560 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/$t-" "${extra[@]}" \
    "$work/corpus-$t" "$work/seeds/$t" >"$work/$t.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!targets[@]}"; do
  t=${targets[$i]}
  if wait "${pids[$i]}"; then
    echo "fuzz $t: no failure in ${time}s: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t.log" | grep -o '[0-9]*$') executions"
  else
    status=1
    echo "fuzz $t: FAILED; last lines of $work/$t.log:"
    tail -n 40 "$work/$t.log"
  fi
done
exit $status
