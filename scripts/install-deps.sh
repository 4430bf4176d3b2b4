#!/usr/bin/env bash
# Installs the Debian 12 packages relgraph needs to build and test, skipping those present.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail
packages=(cmake ninja-build g++ libboost-graph-dev rapidjson-dev libicu-dev libxml2-dev libcxxopts-dev doctest-dev)
if [[ "${1:-}" == "--test" ]]; then
  # graphviz (dot) and libxml2-utils (xmllint) check the DOT and GEXF output.
  packages+=(python3 python3-networkx python3-igraph clang-format graphviz libxml2-utils)
fi
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
