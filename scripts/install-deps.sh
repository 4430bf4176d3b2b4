#!/usr/bin/env bash
# Installs the Debian 12 packages relgraph needs to build and test, skipping those present.
# Usage: scripts/install-deps.sh [--test] [--bench]
#   --test adds what the test suite needs, --bench what bench/run.py needs.
set -euo pipefail
# libgraphviz-dev (with pkg-config) lays out and draws the graph in `relgraph report`;
# libxml2-dev parses HTML input; libjemalloc-dev is the allocator of the relgraph program.
packages=(cmake ninja-build g++ pkg-config libboost-graph-dev rapidjson-dev libicu-dev libxml2-dev
  libcxxopts-dev doctest-dev libgraphviz-dev libjemalloc-dev)
for arg in "$@"; do
  case "$arg" in
    --test)
      # graphviz (dot) and libxml2-utils (xmllint) check the DOT and GEXF output;
      # python3-distributed runs tools/relgraph_dask.py in tests/e2e/test_dask.py;
      # python3-scipy (with numpy) is what nx.pagerank needs in the README's Python cell, and
      # apt leaves it out of python3-networkx with --no-install-recommends.
      packages+=(python3 python3-networkx python3-scipy python3-igraph clang-format graphviz
                 libxml2-utils python3-distributed python3-dask)
      # clang and libclang-rt-14-dev (libFuzzer, sanitizer runtimes) build the fuzz targets.
      packages+=(clang libclang-rt-14-dev)
      # The report test renders the HTML in headless chromium with Korean fonts; the install test
      # renders the man page (man-db, groff-base) and sources the bash completion.
      packages+=(chromium fonts-noto-cjk fontconfig man-db groff-base)
      ;;
    --bench)
      # bench/run.py: ripgrep is the baseline, GNU time measures peak memory.
      packages+=(python3 ripgrep time)
      ;;
    *) echo "install-deps: unknown option $arg (use --test and/or --bench)" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
