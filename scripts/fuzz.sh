#!/usr/bin/env bash
# Builds every libFuzzer target of tests/fuzz (each CMake target named fuzz_*) with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer, and runs each for SECONDS (default 60) on a
# copy of its seed corpus tests/fuzz/corpus/<target>/ (the seeds are never modified). Fails on
# the first crash, leak, timeout or sanitizer report and prints the path of the input that
# caused it. New fuzz targets are picked up automatically.
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   RELGRAPH_FUZZ_BUILD  build directory (default build-fuzz)
#   RELGRAPH_FUZZ_JOBS   build jobs (default: nproc)
# A failing input can be replayed with: BUILD/tests/fuzz/TARGET FILE
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if (($# > 0)); then shift; fi
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || ((seconds < 1)); then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
build=${RELGRAPH_FUZZ_BUILD:-build-fuzz}
jobs=${RELGRAPH_FUZZ_JOBS:-$(nproc)}

echo "== fuzz build (clang, libFuzzer, ASan + UBSan) in $build"
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DRELGRAPH_FUZZ=ON -DRELGRAPH_BUILD_TESTS=OFF >/dev/null
if (($# > 0)); then
  targets=("$@")
else
  mapfile -t targets < <(ninja -C "$build" -t targets all |
    sed -n 's/^\(fuzz_[A-Za-z0-9_]*\): phony$/\1/p' | sort -u)
fi
if ((${#targets[@]} == 0)); then
  echo "fuzz: no fuzz_* target in tests/fuzz" >&2
  exit 1
fi
ninja -C "$build" -j "$jobs" "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$PWD/tests/fuzz/ubsan.supp}
failed=()
for target in "${targets[@]}"; do
  binary="$build/tests/fuzz/$target"
  work="$build/fuzz-run/$target"
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  seeds="tests/fuzz/corpus/$target"
  if [[ -d "$seeds" ]]; then
    cp -R "$seeds/." "$work/corpus/"
  else
    echo "fuzz: warning: $target has no seed corpus ($seeds); starting from nothing" >&2
  fi
  options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=65536
    -print_final_stats=1 -artifact_prefix="$work/artifacts/")
  if [[ -f "tests/fuzz/$target.dict" ]]; then options+=(-dict="tests/fuzz/$target.dict"); fi
  echo "== $target: ${seconds}s on $(find "$work/corpus" -type f | wc -l) seed(s)"
  status=0
  "$binary" "${options[@]}" "$work/corpus" >"$work/log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$work/log" || true
  if ((status != 0)); then
    failed+=("$target")
    tail -n 60 "$work/log" >&2
    mapfile -t crashes < <(find "$work/artifacts" -type f)
    echo "fuzz: $target FAILED (exit $status); full log: $work/log" >&2
    for c in "${crashes[@]}"; do echo "fuzz: crashing input: $c" >&2; done
    if ((${#crashes[@]})); then
      echo "fuzz: replay with: $binary ${crashes[0]}" >&2
    fi
  else
    echo "fuzz: $target ok"
  fi
done
if ((${#failed[@]})); then
  echo "fuzz: ${#failed[@]} target(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} target(s) ran ${seconds}s without a failure"
