#!/usr/bin/python3
"""End-to-end: the graph query commands on the graph built from examples/.

Usage: /usr/bin/python3 tests/e2e/test_query.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Builds examples/articles with examples/rules into a temporary directory, then runs every
command (stats, neighbors, edges, path, rank, subgraph, convert, merge) with the table, --json, --jsonl and --tsv outputs and checks their shape, their
answers (PageRank and betweenness against networkx), the exit codes (0 found, 1 nothing
found, 2 error), that JSON -> GraphML -> JSON gives the same file, that merging two halves of the
articles gives the whole build, and that networkx loads the subgraph output. Prints one line
per check and a final "N passed, M failed"; exits non-zero when a check fails.
"""

import json
import os
import subprocess
import sys
import unicodedata

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

ARTICLES = os.path.join("examples", "articles")
RULES = os.path.join("examples", "rules")


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.graph = self.path("g.json")
        p = self.run("build", "-q", "--rules", RULES, ARTICLES, "-o", self.graph)
        assert p.returncode == 0, p.stderr
        with open(self.graph, encoding="utf-8") as f:
            self.data = json.load(f)

    def run(self, *args, stdin=None):
        return subprocess.run([self.binary, *args], cwd=self.srcdir, input=stdin,
                              capture_output=True, text=True, timeout=300)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, text):
        p = self.path(name)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        return p


def expect_exit(proc, code):
    assert proc.returncode == code, (
        f"exit {proc.returncode}, expected {code}\nstdout:\n{proc.stdout[:2000]}\n"
        f"stderr:\n{proc.stderr[:2000]}")


def as_json(proc):
    return json.loads(proc.stdout)


def as_jsonl(proc):
    return [json.loads(line) for line in proc.stdout.splitlines()]


def as_tsv(proc):
    lines = proc.stdout.rstrip("\n").split("\n")
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"))) for line in lines[1:]]
    for line in lines[1:]:
        assert len(line.split("\t")) == len(header), (header, line)
    return header, rows


def width(text):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in text)


def load_nx(path):
    with open(path, encoding="utf-8") as f:
        return nx.node_link_graph(json.load(f))


def key_links(data, with_offsets=True):
    out = []
    for link in data["links"]:
        evidence = [(e["document"], e["sentence"], e["text"], e["trigger"]) +
                    ((e["begin"], e["end"], e.get("date")) if with_offsets else ())
                    for e in link["evidence"]]
        out.append((link["source"], link["relation"], link["target"], link["symmetric"],
                    link["weight"], evidence))
    return out


# ---- checks ----


def check_help_for_every_command(c):
    for cmd in ("stats", "neighbors", "edges", "path", "rank", "subgraph", "convert", "merge"):
        p = c.run(cmd, "--help")
        expect_exit(p, 0)
        assert p.stdout.startswith(f"relgraph {cmd}") or f"relgraph {cmd}" in p.stdout, p.stdout
        assert "Exit codes:" in p.stdout, (cmd, p.stdout)
    p = c.run("--help")
    for cmd in ("stats G", "neighbors G ENTITY", "path G A B", "merge G1 G2"):
        assert cmd in p.stdout, (cmd, p.stdout)


def check_stats(c):
    p = c.run("stats", c.graph)
    expect_exit(p, 0)
    lines = p.stdout.splitlines()
    assert lines[0].split() == ["MEASURE", "VALUE"], lines[0]
    assert lines[1].split() == ["nodes", str(len(c.data["nodes"]))], lines[1]
    doc = as_json(c.run("stats", c.graph, "--json"))
    assert doc["nodes"] == len(c.data["nodes"]) and doc["edges"] == len(c.data["links"]), doc
    g = load_nx(c.graph)
    assert doc["components"] == nx.number_weakly_connected_components(g), doc
    assert doc["largest_component"] == max(len(x) for x in nx.weakly_connected_components(g))
    assert doc["documents"] == 8, doc
    relations = {}
    for link in c.data["links"]:
        relations[link["relation"]] = relations.get(link["relation"], 0) + 1
    assert doc["edges_by_relation"] == relations, doc
    assert list(doc["edges_by_relation"].values()) == sorted(relations.values(), reverse=True)
    assert abs(doc["density"] - nx.density(g)) < 1e-12, doc
    top = doc["top_degree"]
    assert len(top) == 10 and set(top[0]) == {"entity", "label", "type", "degree"}, top
    assert top[0]["degree"] == max(d for _, d in g.degree()), top
    rows = as_jsonl(c.run("stats", c.graph, "--jsonl"))
    assert {"section": "summary", "name": "nodes", "value": doc["nodes"]} in rows, rows
    header, rows = as_tsv(c.run("stats", c.graph, "--tsv"))
    assert header == ["section", "name", "value"], header
    p = c.run("stats", c.graph, "--json", "--tsv")
    expect_exit(p, 2)


def check_neighbors(c):
    p = c.run("neighbors", c.graph, "오픈AI")
    expect_exit(p, 0)
    assert p.stdout.splitlines()[0].split() == [
        "DEPTH", "FROM", "RELATION", "DIRECTION", "TO", "LABEL", "TYPE", "WEIGHT"], p.stdout
    doc = as_json(c.run("neighbors", c.graph, "OpenAI", "--json"))
    assert doc["entity"] == "openai" and doc["count"] == len(doc["neighbors"]), doc
    expected = set()
    for link in c.data["links"]:
        if link["source"] == "openai":
            expected.add((link["relation"], link["target"]))
        if link["target"] == "openai":
            expected.add((link["relation"], link["source"]))
    assert {(n["relation"], n["to"]) for n in doc["neighbors"]} == expected, doc
    assert all("evidence" not in n for n in doc["neighbors"]), doc
    # Same answer whatever the name: id in capitals, Korean alias with a space.
    for name in ("OPENAI", "오픈 AI", "openai"):
        assert as_json(c.run("neighbors", c.graph, name, "--json")) == doc, name
    out = as_json(c.run("neighbors", c.graph, "openai", "--direction", "out", "--json"))
    assert all(n["direction"] in ("out", "both") for n in out["neighbors"]), out
    assert any(n["direction"] == "both" for n in out["neighbors"]), out
    only = as_json(c.run("neighbors", c.graph, "openai", "--relation", "invests-in", "--json",
                         "--evidence"))
    assert {n["relation"] for n in only["neighbors"]} == {"invests-in"}, only
    assert all(n["evidence"] and n["evidence"][0]["text"] for n in only["neighbors"]), only
    deep = as_json(c.run("neighbors", c.graph, "openai", "--depth", "2", "--json"))
    assert {n["depth"] for n in deep["neighbors"]} == {1, 2}, deep
    rows = as_jsonl(c.run("neighbors", c.graph, "openai", "--jsonl"))
    assert rows == doc["neighbors"], rows
    header, rows = as_tsv(c.run("neighbors", c.graph, "openai", "--tsv", "--evidence"))
    assert header[-4:] == ["document", "sentence", "trigger", "text"], header
    assert len(rows) == sum(len(link["evidence"]) for link in c.data["links"]
                            if "openai" in (link["source"], link["target"])), rows
    # Evidence lines under the table rows.
    p = c.run("neighbors", c.graph, "openai", "--evidence")
    assert "    examples/articles/" in p.stdout, p.stdout
    # Nothing found: an entity without edges, or a relation it does not have.
    isolated = [n["id"] for n in c.data["nodes"]
                if not any(n["id"] in (l["source"], l["target"]) for l in c.data["links"])]
    assert isolated, "the example graph has no isolated entity"
    p = c.run("neighbors", c.graph, isolated[0])
    expect_exit(p, 1)
    assert p.stdout == "", p.stdout
    p = c.run("neighbors", c.graph, "openai", "--relation", "likes")
    expect_exit(p, 1)
    assert "no relation 'likes'" in p.stderr, p.stderr
    p = c.run("neighbors", c.graph, "openai", "--direction", "sideways")
    expect_exit(p, 2)
    p = c.run("neighbors", c.graph, "openai", "--depth", "0")
    expect_exit(p, 2)
    p = c.run("neighbors", c.graph)
    expect_exit(p, 2)


def check_unknown_and_ambiguous_entities(c):
    p = c.run("neighbors", c.graph, "opnai")
    expect_exit(p, 2)
    assert p.stderr.startswith("relgraph: no entity 'opnai' in the graph; closest:\n"), p.stderr
    assert p.stderr.splitlines()[1].split()[0] == "openai", p.stderr
    p = c.run("neighbors", c.graph, "소프트")
    expect_exit(p, 2)
    assert "softbank" in p.stderr, p.stderr
    g = c.write("ambiguous.json", json.dumps({
        "directed": True, "multigraph": True, "graph": {},
        "nodes": [{"id": "hanul-ai", "label": "한울 AI", "type": "company",
                   "aliases": ["한울"]},
                  {"id": "hanul-bank", "label": "한울은행", "type": "company",
                   "aliases": ["한울"]}],
        "links": [{"source": "hanul-ai", "target": "hanul-bank", "relation": "invests-in"}]},
        ensure_ascii=False))
    p = c.run("neighbors", g, "한울")
    expect_exit(p, 2)
    lines = p.stderr.splitlines()
    assert lines[0] == "relgraph: '한울' is ambiguous; it names 2 entities (use the id):", lines
    assert [l.split()[0] for l in lines[1:]] == ["hanul-ai", "hanul-bank"], lines
    # Candidate columns line up by display width (Korean labels are two columns a character).
    assert len({width(l[:l.index("company")]) for l in lines[1:]}) == 1, lines
    p = c.run("neighbors", g, "hanul-ai")
    expect_exit(p, 0)
    # Korean in the table lines up too.
    p = c.run("rank", g, "--by", "degree")
    expect_exit(p, 0)
    lines = p.stdout.splitlines()
    assert len({width(l[:l.index("TYPE" if i == 0 else "company")])
                for i, l in enumerate(lines)}) == 1, lines


def check_edges(c):
    doc = as_json(c.run("edges", c.graph, "--json"))
    assert doc["count"] == len(c.data["links"]), doc
    assert [(r["source"], r["relation"], r["target"]) for r in doc["results"]] == [
        (l["source"], l["relation"], l["target"]) for l in c.data["links"]], doc
    doc = as_json(c.run("edges", c.graph, "--relation", "invests-in", "--from", "소프트뱅크",
                        "--json"))
    assert {r["target"] for r in doc["results"]} == {
        l["target"] for l in c.data["links"]
        if l["source"] == "softbank" and l["relation"] == "invests-in"}, doc
    doc = as_json(c.run("edges", c.graph, "--min-weight", "3", "--json"))
    assert {(r["source"], r["target"]) for r in doc["results"]} == {
        (l["source"], l["target"]) for l in c.data["links"] if l["weight"] >= 3}, doc
    # A symmetric relation matches --from either way round.
    doc = as_json(c.run("edges", c.graph, "--from", "softbank", "--relation", "partners-with",
                        "--json"))
    assert ("openai", "softbank") in {(r["source"], r["target"]) for r in doc["results"]}, doc
    people = {n["id"] for n in c.data["nodes"] if n["type"] == "person"}
    doc = as_json(c.run("edges", c.graph, "--type", "person", "--json"))
    assert doc["count"] == sum(1 for l in c.data["links"]
                               if l["source"] in people or l["target"] in people), doc
    header, rows = as_tsv(c.run("edges", c.graph, "--tsv"))
    assert header == ["source", "relation", "target", "weight", "evidence_count"], header
    assert len(rows) == len(c.data["links"])
    p = c.run("edges", c.graph, "--from", "elon-musk", "--to", "openai")
    expect_exit(p, 1)
    p = c.run("edges", c.graph, "--type", "spaceship")
    expect_exit(p, 1)
    assert "no entity of type 'spaceship'" in p.stderr, p.stderr
    p = c.run("edges", c.graph, "--from", "nobody-at-all")
    expect_exit(p, 2)
    p = c.run("edges", c.graph, "--min-weight", "lots")
    expect_exit(p, 2)


def check_path(c):
    g = load_nx(c.graph)
    u = nx.Graph(g.to_undirected())
    expected = sorted(nx.all_shortest_paths(u, "elon-musk", "softbank"))
    doc = as_json(c.run("path", c.graph, "일론 머스크", "SoftBank", "--json"))
    assert doc["from"] == "elon-musk" and doc["to"] == "softbank", doc
    assert doc["length"] == len(expected[0]) - 1, doc
    assert [p["entities"] for p in doc["paths"]] == expected, (doc, expected)
    step = doc["paths"][0]["steps"][0]
    assert step["edges"] and step["edges"][0]["evidence"][0]["text"], step
    p = c.run("path", c.graph, "elon-musk", "softbank")
    expect_exit(p, 0)
    assert p.stdout.splitlines()[0].split()[:3] == ["PATH", "STEP", "FROM"], p.stdout
    rows = as_jsonl(c.run("path", c.graph, "elon-musk", "softbank", "--jsonl"))
    assert {r["path"] for r in rows} == set(range(1, len(expected) + 1)), rows
    header, _ = as_tsv(c.run("path", c.graph, "elon-musk", "softbank", "--tsv"))
    assert header[:3] == ["path", "step", "from"], header
    p = c.run("path", c.graph, "elon-musk", "softbank", "--max-paths", "1", "--json")
    expect_exit(p, 0)
    assert as_json(p)["truncated"] == (len(expected) > 1), p.stdout
    # No path: another component, or a relation that does not connect them.
    isolated = next(n["id"] for n in c.data["nodes"]
                    if not any(n["id"] in (l["source"], l["target"]) for l in c.data["links"]))
    p = c.run("path", c.graph, "openai", isolated)
    expect_exit(p, 1)
    p = c.run("path", c.graph, "elon-musk", "softbank", "--relation", "criticises", "--json")
    expect_exit(p, 1)
    assert as_json(p)["paths"] == [], p.stdout
    p = c.run("path", c.graph, "openai")
    expect_exit(p, 2)


def check_rank_against_networkx(c):
    g = load_nx(c.graph)
    d = nx.MultiDiGraph()
    d.add_nodes_from(g.nodes())
    u = nx.Graph()
    u.add_nodes_from(g.nodes())
    for s, t, data in g.edges(data=True):
        d.add_edge(s, t)
        if data["symmetric"]:
            d.add_edge(t, s)
        if s != t:
            u.add_edge(s, t)
    pagerank = nx.pagerank(d, alpha=0.85, weight=None, tol=1e-12, max_iter=1000)
    betweenness = nx.betweenness_centrality(u)
    for by, reference in (("pagerank", pagerank), ("betweenness", betweenness)):
        doc = as_json(c.run("rank", c.graph, "--by", by, "--top", "0", "--json"))
        assert doc["by"] == by and doc["count"] == len(reference), doc
        for row in doc["results"]:
            assert abs(row[by] - reference[row["entity"]]) < 1e-7, (by, row)
        scores = [row[by] for row in doc["results"]]
        assert scores == sorted(scores, reverse=True), scores
    doc = as_json(c.run("rank", c.graph, "--by", "degree", "--type", "person", "--top", "3",
                        "--json"))
    assert len(doc["results"]) == 3 and all(r["type"] == "person" for r in doc["results"])
    assert doc["results"][0]["degree"] == max(g.degree(n) for n in g
                                              if g.nodes[n]["type"] == "person"), doc
    rows = as_jsonl(c.run("rank", c.graph, "--by", "pagerank", "--jsonl"))
    assert len(rows) == 10 and [r["rank"] for r in rows] == list(range(1, 11)), rows
    header, _ = as_tsv(c.run("rank", c.graph, "--by", "betweenness", "--tsv"))
    assert header == ["rank", "entity", "label", "type", "betweenness"], header
    expect_exit(c.run("rank", c.graph, "--by", "degree", "--type", "spaceship"), 1)
    expect_exit(c.run("rank", c.graph), 2)
    expect_exit(c.run("rank", c.graph, "--by", "fame"), 2)


def check_subgraph_loads_in_networkx(c):
    out = c.path("sub.json")
    p = c.run("subgraph", c.graph, "--around", "소프트뱅크", "--depth", "1", "-o", out)
    expect_exit(p, 0)
    sub = load_nx(out)
    g = load_nx(c.graph)
    expected = {"softbank"} | set(g.successors("softbank")) | set(g.predecessors("softbank"))
    assert set(sub.nodes()) == expected, (set(sub.nodes()), expected)
    induced = {(s, t, k) for s, t, k in g.edges(keys=True) if s in expected and t in expected}
    assert set(sub.edges(keys=True)) == induced
    assert sub.nodes["softbank"]["label"] == "SoftBank Group"
    out2 = c.path("sub.graphml")
    p = c.run("subgraph", c.graph, "--around", "softbank", "--depth", "2", "--relation",
              "invests-in", "-o", out2)
    expect_exit(p, 0)
    h = nx.read_graphml(out2)
    assert {d["relation"] for _, _, d in h.edges(data=True)} == {"invests-in"}
    expect_exit(c.run("subgraph", c.graph, "--depth", "1", "-o", out), 2)
    expect_exit(c.run("subgraph", c.graph, "--around", "nobody-at-all", "-o", out), 2)
    expect_exit(c.run("subgraph", c.graph, "--around", "softbank", "-o", c.path("x.txt")), 2)


def check_convert_round_trip(c):
    graphml = c.path("g.graphml")
    back = c.path("back.json")
    expect_exit(c.run("convert", c.graph, graphml), 0)
    expect_exit(c.run("convert", graphml, back), 0)
    with open(back, encoding="utf-8") as f:
        again = json.load(f)
    assert again["nodes"] == c.data["nodes"]
    # GraphML keeps everything (evidence offsets and dates in "evidence_data"): JSON -> GraphML
    # -> JSON is byte-identical.
    assert key_links(again, True) == key_links(c.data, True)
    with open(back, "rb") as a, open(c.graph, "rb") as b:
        assert a.read() == b.read()
    # A JSON -> JSON conversion is byte-identical.
    same = c.path("same.json")
    expect_exit(c.run("convert", c.graph, same), 0)
    with open(same, "rb") as a, open(c.graph, "rb") as b:
        assert a.read() == b.read()
    # GraphML -> GraphML too.
    graphml2 = c.path("g2.graphml")
    expect_exit(c.run("convert", back, graphml2), 0)
    with open(graphml, "rb") as a, open(graphml2, "rb") as b:
        assert a.read() == b.read()
    # networkx-written files load as well.
    nx_json = c.path("nx.json")
    with open(nx_json, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(load_nx(c.graph)), f, ensure_ascii=False)
    nx_graphml = c.path("nx.graphml")
    nx.write_graphml(nx.read_graphml(graphml), nx_graphml)
    for path in (nx_json, nx_graphml):
        p = c.run("stats", path, "--json")
        expect_exit(p, 0)
        assert as_json(p)["edges"] == len(c.data["links"]), path
    expect_exit(c.run("convert", c.graph), 2)
    expect_exit(c.run("convert", c.graph, c.path("x.json"), "--format", "yaml"), 2)


def check_merge_halves_equals_whole(c):
    files = sorted(os.listdir(os.path.join(c.srcdir, ARTICLES)))
    halves = [files[:len(files) // 2], files[len(files) // 2:]]
    parts = []
    for i, half in enumerate(halves):
        out = c.path(f"half{i}.json")
        p = c.run("build", "-q", "--rules", RULES, *[os.path.join(ARTICLES, f) for f in half],
                  "-o", out)
        expect_exit(p, 0)
        parts.append(out)
    merged = c.path("merged.json")
    p = c.run("merge", *parts, "-o", merged)
    expect_exit(p, 0)
    with open(merged, encoding="utf-8") as f:
        data = json.load(f)
    assert data["nodes"] == c.data["nodes"]
    assert key_links(data) == key_links(c.data)
    with open(merged, "rb") as a, open(c.graph, "rb") as b:
        assert a.read() == b.read(), "merged halves differ from the whole build"
    # Order of the inputs does not matter here, nor merging the result again with a half.
    again = c.path("merged2.json")
    expect_exit(c.run("merge", parts[1], merged, parts[0], "-o", again, "-q"), 0)
    with open(again, encoding="utf-8") as f:
        data2 = json.load(f)
    assert key_links(data2) == key_links(c.data)
    expect_exit(c.run("merge", "-o", merged), 2)


def check_bad_graph_files(c):
    bad = c.write("bad.json", '{"nodes": [{"id": "a"}],\n "links": [{"source": "a"}}')
    p = c.run("stats", bad)
    expect_exit(p, 2)
    assert p.stderr.startswith(f"relgraph: {bad}:2:"), p.stderr
    bad = c.write("bad2.json", '{"nodes": [{"id": "a"}], "links": [{"source": "a"}]}')
    p = c.run("neighbors", bad, "a")
    expect_exit(p, 2)
    assert p.stderr == f"relgraph: {bad}: links[0]: missing \"target\"\n", p.stderr
    bad = c.write("bad.graphml", "<graphml>\n<graph>\n<node id='a'>\n</graph>\n</graphml>\n")
    p = c.run("edges", bad)
    expect_exit(p, 2)
    assert p.stderr.startswith(f"relgraph: {bad}:4:1: invalid XML"), p.stderr
    p = c.run("stats", c.path("no-such-graph.json"))
    expect_exit(p, 2)
    assert "cannot open" in p.stderr, p.stderr
    p = c.run("rank", c.tmp, "--by", "degree")
    expect_exit(p, 2)
    with open(c.graph, encoding="utf-8") as f:
        p = c.run("stats", "-", stdin=f.read())
    expect_exit(p, 0)


CHECKS = [
    check_help_for_every_command,
    check_stats,
    check_neighbors,
    check_unknown_and_ambiguous_entities,
    check_edges,
    check_path,
    check_rank_against_networkx,
    check_subgraph_loads_in_networkx,
    check_convert_round_trip,
    check_merge_halves_equals_whole,
    check_bad_graph_files,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-query-", Ctx, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
