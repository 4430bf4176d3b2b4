#!/usr/bin/python3
"""End-to-end: binary graphs (.rgx) and the cache beside a graph file.

Usage: /usr/bin/python3 tests/e2e/test_graph_cache.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Builds examples/articles into g.json, runs every query command on it, then makes the cache
g.json.rgx with `convert` and checks that every command prints exactly the same (stdout and
exit code) through the cache, on a standalone .rgx, and after the source changed (stale
cache: a note, then the source is read) or the cache was damaged (a note, the source is
read); a damaged .rgx given directly is an error (exit 2). Prints one line per check and a
final "N passed, M failed"; exits non-zero when a check fails.
"""

import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

# Every query command, in the output modes that show most (evidence, JSON).
QUERIES = [
    ["stats", "@"], ["stats", "@", "--json", "--top", "50"],
    ["neighbors", "@", "소프트뱅크"], ["neighbors", "@", "openai", "--evidence", "--json"],
    ["neighbors", "@", "오픈AI", "--depth", "2", "--evidence", "--tsv"],
    ["neighbors", "@", "nobody-at-all"],
    ["edges", "@"], ["edges", "@", "--evidence", "--json"],
    ["edges", "@", "--relation", "invests-in", "--to", "미국", "--evidence", "--tsv"],
    ["edges", "@", "--from", "softbank", "--jsonl"],
    ["path", "@", "시진핑", "애플"], ["path", "@", "xi-jinping", "apple", "--json"],
    ["rank", "@", "--by", "degree"], ["rank", "@", "--by", "pagerank", "--json"],
    ["rank", "@", "--by", "betweenness", "--top", "0", "--tsv"],
    ["subgraph", "@", "--around", "softbank", "-o", "-"],
    ["convert", "@", "-"],
]


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.graph = self.path("g.json")
        p = self.run("build", "-q", "--rules", os.path.join("examples", "rules"),
                     os.path.join("examples", "articles"), "-o", self.graph)
        assert p.returncode == 0, p.stderr
        self.expected = self.answers(self.graph)

    def run(self, *args):
        return subprocess.run([self.binary, *args], cwd=self.srcdir, capture_output=True,
                              timeout=300)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def answers(self, graph):
        out = []
        for q in QUERIES:
            p = self.run(*[graph if a == "@" else a for a in q])
            # stats names the graph file it was given; that part may differ.
            out.append((q, p.returncode, p.stdout.replace(graph.encode(), b"@")))
        return out

    def notes(self, graph):
        return [self.run(*[graph if a == "@" else a for a in q]).stderr.decode()
                for q in QUERIES[:3]]


def same_answers(c, graph):
    for (q, code, out), (_, code2, out2) in zip(c.expected, c.answers(graph)):
        assert code == code2, (q, code, code2)
        assert out == out2, (q, out[:500], out2[:500])


def check_cache_answers_like_the_source(c):
    assert any(code == 0 for _, code, _ in c.expected)
    assert any(code == 2 for _, code, _ in c.expected)  # the unknown entity
    cache = c.graph + ".rgx"
    p = c.run("convert", c.graph, cache)
    assert p.returncode == 0, p.stderr
    with open(cache, "rb") as f:
        assert f.read(8) == b"RGXGRAPH"
    same_answers(c, c.graph)
    for err in c.notes(c.graph):
        assert "note" not in err, err  # fresh: used silently
    # Converting back to JSON (through the cache) gives the source file byte for byte.
    back = c.path("back.json")
    assert c.run("convert", c.graph, back).returncode == 0
    with open(back, "rb") as a, open(c.graph, "rb") as b:
        assert a.read() == b.read()


def check_standalone_binary_graph(c):
    rgx = c.path("standalone.rgx")
    p = c.run("convert", c.graph, rgx)
    assert p.returncode == 0, p.stderr
    same_answers(c, rgx)
    # Every output format can be written from it, and the binary graph through GraphML and
    # back is the same binary graph.
    gml, rgx2 = c.path("s.graphml"), c.path("s2.rgx")
    assert c.run("convert", rgx, gml).returncode == 0
    assert c.run("convert", gml, rgx2, "--format", "rgx").returncode == 0
    same_answers(c, rgx2)


def check_stale_cache_is_ignored(c):
    src = c.path("stale.json")
    shutil.copy(c.graph, src)
    assert c.run("convert", src, src + ".rgx").returncode == 0
    # Change the source (one node more), so that its answers differ from the cache's.
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    data["nodes"].append({"id": "zz-new-node", "label": "Brand New", "type": "company"})
    with open(src, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    p = c.run("stats", src, "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["nodes"] == len(data["nodes"])
    assert "stale" in p.stderr.decode(), p.stderr
    # Same size, other time: still stale (touch).
    shutil.copy(c.graph, src)
    p = c.run("stats", src)
    assert "stale" in p.stderr.decode(), p.stderr


def check_damaged_cache_is_ignored_and_damaged_rgx_refused(c):
    src = c.path("damaged.json")
    shutil.copy(c.graph, src)
    cache = src + ".rgx"
    assert c.run("convert", src, cache).returncode == 0
    with open(cache, "r+b") as f:
        f.seek(os.path.getsize(cache) // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0x55]))
    same_answers(c, src)
    err = c.notes(src)[0]
    assert "ignoring the cache" in err and "checksum mismatch" in err, err
    p = c.run("stats", cache)
    assert p.returncode == 2, p.returncode
    assert "corrupt binary graph: checksum mismatch" in p.stderr.decode(), p.stderr
    # Truncated.
    with open(cache, "r+b") as f:
        f.truncate(1000)
    p = c.run("stats", cache)
    assert p.returncode == 2 and b"corrupt binary graph" in p.stderr, p.stderr
    same_answers(c, src)


CHECKS = [
    check_cache_answers_like_the_source,
    check_standalone_binary_graph,
    check_stale_cache_is_ignored,
    check_damaged_cache_is_ignored_and_damaged_rgx_refused,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-cache-", Ctx, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
