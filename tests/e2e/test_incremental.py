#!/usr/bin/python3
"""End-to-end: partial results, merging them, incremental updates and repeated documents.

Usage: /usr/bin/python3 tests/e2e/test_incremental.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Splits examples/articles into two shards (copies in a temporary directory) and checks that
`build --partial` of the shards merged with `relgraph merge` equals `build --partial` of the
whole, that `build --update G` adds only documents G does not have (by content or by name) and
gives the same bytes as a single build, that updating again changes nothing, and that an
article the graph has under another name is not counted twice.
"""

import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary, self.srcdir, self.tmp = binary, srcdir, tmp
        self.corpus = os.path.join(tmp, "corpus")
        self.out = os.path.join(tmp, "out")
        os.makedirs(self.out)
        articles = sorted(f for f in os.listdir(os.path.join(srcdir, "examples", "articles"))
                          if f.endswith(".txt"))
        assert len(articles) >= 4, articles
        for i, name in enumerate(articles):
            shard = "a" if i < len(articles) // 2 else "b"
            os.makedirs(os.path.join(self.corpus, shard), exist_ok=True)
            shutil.copy(os.path.join(srcdir, "examples", "articles", name),
                        os.path.join(self.corpus, shard, name))

    def run(self, *args):
        # Relative input paths, so that document names do not depend on the temporary folder.
        return subprocess.run([self.binary, *args], cwd=self.tmp, capture_output=True, text=True,
                              timeout=300)

    def ok(self, *args):
        p = self.run(*args)
        assert p.returncode == 0, f"{args}: exit {p.returncode}\n{p.stderr}"
        return p

    def o(self, name):
        return os.path.join("out", name)

    def read(self, name):
        with open(os.path.join(self.tmp, "out", name), "rb") as f:
            return f.read()


def check_partial_shards_merge_to_the_whole(c):
    c.ok("build", "-q", "--partial", "corpus/a", "-o", c.o("pa.json"))
    c.ok("build", "-q", "--partial", "corpus/b", "-o", c.o("pb.json"))
    c.ok("build", "-q", "--partial", "corpus", "-o", c.o("whole.json"))
    c.ok("merge", c.o("pb.json"), c.o("pa.json"), "-o", c.o("merged.json"))
    assert c.read("merged.json") == c.read("whole.json")
    table = json.loads(c.read("whole.json"))["graph"]["documents"]
    names = [d["name"] for d in table]
    assert names == sorted(names) and len(names) == len(set(names)), names
    assert all(d["hash"].startswith("fnv1a64:") and len(d["hash"]) == 24 and d["bytes"] > 0
               for d in table), table
    assert len(table) == len(os.listdir(os.path.join(c.corpus, "a"))) + \
        len(os.listdir(os.path.join(c.corpus, "b")))


def check_plain_build_has_no_document_table(c):
    c.ok("build", "-q", "corpus", "-o", c.o("plain.json"))
    assert "documents" not in json.loads(c.read("plain.json"))["graph"]


def check_update_adds_only_new_documents(c):
    c.ok("build", "-q", "--partial", "corpus/a", "-o", c.o("ua.json"))
    p = c.ok("build", "-v", "--update", c.o("ua.json"), "corpus", "-o", c.o("ub.json"))
    shard_a = len(os.listdir(os.path.join(c.corpus, "a")))
    assert f"({shard_a} already in the graph, skipped)" in p.stderr, p.stderr
    assert "already in out/ua.json; skipped" in p.stderr, p.stderr
    c.ok("build", "-q", "--partial", "corpus", "-o", c.o("whole2.json"))
    assert c.read("ub.json") == c.read("whole2.json")
    # Again: nothing is new, nothing changes (the output may replace its input).
    before = c.read("ub.json")
    c.ok("build", "-q", "--update", c.o("ub.json"), "corpus", "-j", "2", "-o", c.o("ub.json"))
    assert c.read("ub.json") == before


def check_update_of_a_graph_without_table_goes_by_name(c):
    c.ok("build", "-q", "corpus/a", "-o", c.o("na.json"))
    p = c.ok("build", "-v", "--update", c.o("na.json"), "corpus", "-o", c.o("nb.json"))
    assert "already in out/na.json; skipped" in p.stderr, p.stderr
    c.ok("build", "-q", "corpus", "-o", c.o("plain2.json"))
    merged, plain = json.loads(c.read("nb.json")), json.loads(c.read("plain2.json"))
    assert merged["links"] == plain["links"]
    assert merged["nodes"] == plain["nodes"]


def check_update_skips_known_text_under_a_new_name(c):
    c.ok("build", "-q", "--partial", "corpus", "-o", c.o("base.json"))
    first = sorted(os.listdir(os.path.join(c.corpus, "b")))[0]
    more = os.path.join(c.tmp, "more")
    os.makedirs(more)
    shutil.copy(os.path.join(c.corpus, "b", first), os.path.join(more, "republished.txt"))
    p = c.ok("build", "-v", "--update", c.o("base.json"), "more", "-o", c.o("more.json"))
    assert "more/republished.txt: note: already in out/base.json; skipped" in p.stderr, p.stderr
    assert "(1 already in the graph, skipped)" in p.stderr, p.stderr
    assert c.read("more.json") == c.read("base.json")
    # Without --update the same text under two names counts twice (two documents).
    c.ok("build", "-q", "corpus", "more", "-o", c.o("twice.json"))
    docs = {d for n in json.loads(c.read("twice.json"))["nodes"] for d in n["documents"]}
    assert "more/republished.txt" in docs, docs


def check_errors(c):
    p = c.run("build", "--partial", "corpus", "-o", c.o("x.graphml"))
    assert p.returncode == 2 and "--partial writes JSON" in p.stderr, p.stderr
    p = c.run("build", "--update", c.o("missing.json"), "corpus", "-o", c.o("x.json"))
    assert p.returncode == 3 and "missing.json" in p.stderr, p.stderr
    assert not os.path.exists(os.path.join(c.out, "x.json"))


CHECKS = [
    check_partial_shards_merge_to_the_whole,
    check_plain_build_has_no_document_table,
    check_update_adds_only_new_documents,
    check_update_of_a_graph_without_table_goes_by_name,
    check_update_skips_known_text_under_a_new_name,
    check_errors,
]

if __name__ == "__main__":
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-incremental-",
                        Ctx, CHECKS))
