#!/usr/bin/python3
"""End-to-end: relgraph's output on the example articles, byte for byte, and its determinism.

Usage: /usr/bin/python3 tests/e2e/test_golden.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

In PROJECT_SOURCE_DIR runs `relgraph build --rules examples/rules examples/articles -o
TMP/examples.json` (and .graphml) and compares the files with tests/golden/examples.json and
tests/golden/examples.graphml, printing a unified diff excerpt on a mismatch. Then checks that
the output does not depend on the run or on the order of the inputs: two runs give the same
bytes, and the files named one by one (second half first, each half reversed, one named twice)
give the same bytes as the folder. Regenerate the golden files with
tests/e2e/update_golden.sh BINARY after an intended change, and review the diff.
Prints one line per check and a final "N passed, M failed"; exits non-zero on failure.
"""


import difflib
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

RULES = os.path.join("examples", "rules")
ARTICLES = os.path.join("examples", "articles")
DIFF_LINES = 60


class Golden:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.articles = sorted(os.path.join(ARTICLES, n)
                               for n in os.listdir(os.path.join(srcdir, ARTICLES))
                               if not n.startswith("."))

    def build(self, inputs, out_name):
        """Runs relgraph in the source directory; returns the output's bytes."""
        out = os.path.join(self.tmp, out_name)
        cmd = [self.binary, "build", "-q", "--rules", RULES, *inputs, "-o", out]
        proc = subprocess.run(cmd, cwd=self.srcdir, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, (
            f"{' '.join(cmd)} exited with {proc.returncode}\nstderr:\n{proc.stderr}")
        with open(out, "rb") as f:
            return f.read()


def same_bytes(got, want, got_name, want_name):
    """Asserts equality; on a mismatch the message holds a unified diff excerpt."""
    if got == want:
        return
    a = want.decode("utf-8", "replace").splitlines(keepends=True)
    b = got.decode("utf-8", "replace").splitlines(keepends=True)
    diff = list(difflib.unified_diff(a, b, want_name, got_name, n=2))
    excerpt = "".join(diff[:DIFF_LINES])
    more = f"... ({len(diff) - DIFF_LINES} more diff lines)\n" if len(diff) > DIFF_LINES else ""
    raise AssertionError(f"{got_name} differs from {want_name} "
                         f"({len(got)} vs {len(want)} bytes):\n{excerpt}{more}")


def compare_with_golden(g, ext):
    golden = os.path.join(g.srcdir, "tests", "golden", f"examples.{ext}")
    assert os.path.isfile(golden), (
        f"{golden} is missing; create it with tests/e2e/update_golden.sh BINARY")
    got = g.build([ARTICLES], f"examples.{ext}")
    with open(golden, "rb") as f:
        want = f.read()
    same_bytes(got, want, f"relgraph output (.{ext})", f"tests/golden/examples.{ext}")


# ---- checks ----


def check_articles_present(g):
    assert len(g.articles) == 8, g.articles


def check_golden_json(g):
    compare_with_golden(g, "json")


def check_golden_graphml(g):
    compare_with_golden(g, "graphml")


def check_two_runs_identical(g):
    for ext in ("json", "graphml"):
        a = g.build([ARTICLES], f"run1.{ext}")
        b = g.build([ARTICLES], f"run2.{ext}")
        same_bytes(b, a, f"second run (.{ext})", f"first run (.{ext})")


def check_input_order_irrelevant(g):
    half = len(g.articles) // 2
    first, second = g.articles[:half], g.articles[half:]
    for ext in ("json", "graphml"):
        folder = g.build([ARTICLES], f"folder.{ext}")
        files = g.build(g.articles, f"files.{ext}")
        same_bytes(files, folder, f"files in order (.{ext})", f"the folder (.{ext})")
        shuffled = g.build(second[::-1] + first[::-1], f"reversed.{ext}")
        same_bytes(shuffled, folder, f"halves reversed (.{ext})", f"the folder (.{ext})")
        # A file named twice (and also through its folder) counts once.
        twice = g.build([first[0], ARTICLES, first[0]], f"twice.{ext}")
        same_bytes(twice, folder, f"a file named twice (.{ext})", f"the folder (.{ext})")


def check_halves_are_subgraphs(g):
    # Sanity check that order independence is not vacuous: each half alone gives fewer edges.
    import json

    half = len(g.articles) // 2
    whole = json.loads(g.build([ARTICLES], "whole.json"))
    part = json.loads(g.build(g.articles[:half], "half.json"))
    whole_links = {(l["source"], l["relation"], l["target"]) for l in whole["links"]}
    part_links = {(l["source"], l["relation"], l["target"]) for l in part["links"]}
    assert part_links < whole_links, (len(part_links), len(whole_links))


CHECKS = [
    check_articles_present,
    check_golden_json,
    check_golden_graphml,
    check_two_runs_identical,
    check_input_order_irrelevant,
    check_halves_are_subgraphs,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-golden-", Golden, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
