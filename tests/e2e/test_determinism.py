#!/usr/bin/python3
"""End-to-end: the same inputs and rules give byte-identical outputs, whatever the order.

Usage: /usr/bin/python3 tests/e2e/test_determinism.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Copies the example articles (and the held-out ones) into two folders, written in opposite
orders so that the file system lists them differently, and builds each graph in every format
(JSON, GraphML, GEXF, Cytoscape.js, DOT, Neo4j CSV) several times: from the folder, from the
files given in shuffled argument orders, and with the inputs named twice. Every output must be
byte-identical, and the same whether the graph builder's spill store stays in memory or goes
to its temporary file. Prints one line per check and "N passed, M failed".
"""

import os
import random
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

FORMATS = {"json": "graph.json", "graphml": "graph.graphml", "gexf": "graph.gexf",
           "cytoscape": "graph.cyjs", "dot": "graph.dot"}


class Context:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        sources = []
        for folder in ("examples/articles", "tests/heldout/articles", "tests/fixtures/articles"):
            root = os.path.join(srcdir, folder)
            for dirpath, _, names in os.walk(root):
                for name in names:
                    if not name.startswith("."):
                        sources.append(os.path.join(dirpath, name))
        sources.sort()
        assert len(sources) >= 10, sources
        self.names = []
        # Two copies, "a" written in order and "b" in reverse order: the file system lists
        # them in different orders (tmpfs lists newest first; ext4 by hash).
        for copy, order in (("a", sources), ("b", list(reversed(sources)))):
            for src in order:
                rel = os.path.relpath(src, srcdir).replace(os.sep, "_")
                dst = os.path.join(tmp, copy, "in", rel)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(src, dst)
        self.names = sorted(os.listdir(os.path.join(tmp, "a", "in")))
        self.rules = os.path.join(srcdir, "examples", "rules")

    def build(self, copy, inputs, out, *extra, env=None):
        """Runs relgraph in TMP/COPY (so document names are the same relative paths)."""
        p = subprocess.run([self.binary, "build", "-q", "--rules", self.rules, *inputs, "-o", out,
                            *extra], cwd=os.path.join(self.tmp, copy), capture_output=True,
                           text=True, timeout=300, env=env)
        assert p.returncode == 0, (inputs[:3], p.stderr)
        if "neo4j" in extra:
            return None
        with open(os.path.join(self.tmp, copy, out), "rb") as f:
            return f.read()


def check_folder_copies_listed_differently_give_the_same_bytes(c):
    listed = [os.listdir(os.path.join(c.tmp, x, "in")) for x in ("a", "b")]
    assert sorted(listed[0]) == sorted(listed[1])
    if listed[0] == listed[1]:
        print("     (note: this file system lists both copies in the same order)")
    for fmt, out in FORMATS.items():
        a = c.build("a", ["in"], out)
        b = c.build("b", ["in"], out)
        assert len(a) > 1000, (fmt, len(a))
        assert a == b, f"{fmt}: the two copies give different bytes"
        assert c.build("a", ["in"], out) == a, f"{fmt}: two runs differ"


def check_argument_order_does_not_matter(c):
    rng = random.Random(6)
    files = [os.path.join("in", n) for n in c.names]
    for fmt, out in FORMATS.items():
        reference = c.build("a", files, out)
        for k in range(3):
            shuffled = files[:]
            rng.shuffle(shuffled)
            copy = "ab"[k % 2]
            assert c.build(copy, shuffled, out) == reference, f"{fmt}: order {k} differs"
        # A file named twice (and again through its folder) counts once.
        assert c.build("b", files[:2] + ["in"] + files[:1], out) == reference, fmt


def check_neo4j_tables_are_identical(c):
    a_nodes_edges = []
    for copy in ("a", "b"):
        c.build(copy, ["in"], "neo", "-f", "neo4j")
        with open(os.path.join(c.tmp, copy, "neo_nodes.csv"), "rb") as f1, \
                open(os.path.join(c.tmp, copy, "neo_edges.csv"), "rb") as f2:
            a_nodes_edges.append((f1.read(), f2.read()))
    assert a_nodes_edges[0] == a_nodes_edges[1]
    assert a_nodes_edges[0][1].count(b"\n") > 10, a_nodes_edges[0][1][:300]


def check_spill_file_gives_the_same_bytes(c):
    # The builder's spill store kept in memory (the default for inputs this small) or all on
    # disk from the first byte (RELGRAPH_SPILL_MEMORY=0): the same output, every format.
    spill_dir = os.path.join(c.tmp, "spill")
    os.makedirs(spill_dir)
    on_disk = dict(os.environ, RELGRAPH_SPILL_MEMORY="0", TMPDIR=spill_dir)
    for fmt, out in list(FORMATS.items()) + [("rgx", "graph.rgx")]:
        for extra in ([], ["-j", "1"], ["--partial"] if fmt == "json" else None):
            if extra is None:
                continue
            memory = c.build("a", ["in"], out, *extra)
            disk = c.build("a", ["in"], out, *extra, env=on_disk)
            assert len(memory) > 1000, (fmt, len(memory))
            assert memory == disk, f"{fmt} {extra}: the spill on disk gives other bytes"
    for env in (None, on_disk):
        c.build("a", ["in"], "neo_" + ("disk" if env else "memory"), "-f", "neo4j", env=env)
    for part in ("_nodes.csv", "_edges.csv"):
        with open(os.path.join(c.tmp, "a", "neo_memory" + part), "rb") as f1, \
                open(os.path.join(c.tmp, "a", "neo_disk" + part), "rb") as f2:
            assert f1.read() == f2.read(), part
    # The temporary file was unlinked as soon as it was made: nothing is left.
    assert os.listdir(spill_dir) == [], os.listdir(spill_dir)
    # Sizes with a suffix are taken; anything else is a bad command line.
    memory = c.build("a", ["in"], "graph.json")
    assert c.build("a", ["in"], "graph.json", env=dict(os.environ, RELGRAPH_SPILL_MEMORY="1k")) \
        == memory
    for bad in ("-1", "12x", "M", " 5"):
        p = subprocess.run([c.binary, "build", "-q", "--rules", c.rules, "in", "-o", "bad.json"],
                           cwd=os.path.join(c.tmp, "a"), capture_output=True, text=True,
                           env=dict(os.environ, RELGRAPH_SPILL_MEMORY=bad))
        assert p.returncode == 2, (bad, p.returncode, p.stderr)
        assert f"bad RELGRAPH_SPILL_MEMORY '{bad}'" in p.stderr, p.stderr


CHECKS = [
    check_folder_copies_listed_differently_give_the_same_bytes,
    check_spill_file_gives_the_same_bytes,
    check_argument_order_does_not_matter,
    check_neo4j_tables_are_identical,
]


if __name__ == "__main__":
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-determinism-",
                        Context, CHECKS))
