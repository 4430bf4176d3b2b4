#!/bin/sh
# Regenerates the golden files of tests/e2e/test_golden.py from a relgraph binary.
#
# Usage: tests/e2e/update_golden.sh build/relgraph
#
# Runs in the source directory with relative paths, exactly as test_golden.py does, so the
# document names in the evidence are "examples/articles/...". Review the diff before committing:
# every change to the golden files is a change in relgraph's output.
set -eu

if [ $# -ne 1 ]; then
  echo "usage: $0 RELGRAPH_BINARY" >&2
  exit 2
fi
case "$1" in
  /*) binary=$1 ;;
  *) binary=$(pwd)/$1 ;;
esac
if [ ! -x "$binary" ]; then
  echo "$0: $binary is not an executable" >&2
  exit 2
fi

srcdir=$(cd "$(dirname "$0")/../.." && pwd)
cd "$srcdir"
mkdir -p tests/golden
for ext in json graphml; do
  "$binary" build -q --rules examples/rules examples/articles -o "tests/golden/examples.$ext"
  echo "wrote tests/golden/examples.$ext"
done
