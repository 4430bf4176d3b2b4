#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test twice: a warnings-as-errors
# release build, and an AddressSanitizer + UndefinedBehaviorSanitizer build. Also checks
# formatting with clang-format, and runs every libFuzzer target for RELGRAPH_FUZZ_SECONDS
# (default 60) each (scripts/fuzz.sh). Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
jobs=$(nproc)

echo "== format check (clang-format)"
mapfile -t sources < <(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tools/*.cpp' 'bench/*.cpp' 2>/dev/null || true)
if ((${#sources[@]})); then
  clang-format --dry-run -Werror "${sources[@]}"
fi

echo "== release build, -Werror"
cmake --preset ci-release >/dev/null
cmake --build --preset ci-release -j "$jobs"
ctest --preset ci-release -j "$jobs"

echo "== ASan + UBSan build"
cmake --preset ci-asan >/dev/null
cmake --build --preset ci-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --preset ci-asan -j "$jobs"

echo "== fuzzing (clang, libFuzzer, ASan + UBSan)"
RELGRAPH_FUZZ_JOBS="$jobs" scripts/fuzz.sh "${RELGRAPH_FUZZ_SECONDS:-60}"
