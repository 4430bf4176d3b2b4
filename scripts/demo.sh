#!/usr/bin/env bash
# Installs what is missing, builds relgraph and runs it on the shipped example articles,
# writing out/examples.graphml (open it in Gephi), out/examples.json and the report
# out/examples.html.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target relgraph
mkdir -p out
./build/relgraph build --rules examples/rules examples/articles -o out/examples.graphml
./build/relgraph build -q --rules examples/rules examples/articles -o out/examples.json
./build/relgraph report -q out/examples.json -o out/examples.html
echo "Wrote out/examples.graphml (Gephi: File > Open), out/examples.json and out/examples.html"
