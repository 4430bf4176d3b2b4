#!/usr/bin/env bash
# Refreshes docs/report-screenshot.png, the picture of the example report in the README. The
# picture is made by the report test (tests/e2e/test_report.py), which builds the example
# graph, writes its HTML report, renders it in headless chromium and saves
# BUILD/report-screenshot.png; this script runs that test and copies the file.
# Usage: scripts/refresh-report-screenshot.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target relgraph
/usr/bin/python3 tests/e2e/test_report.py "$build/relgraph" .
cp "$build/report-screenshot.png" docs/report-screenshot.png
echo "Wrote docs/report-screenshot.png"
