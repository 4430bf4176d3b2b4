#!/usr/bin/python3
"""End-to-end: relgraph's JSON and GraphML output loads in networkx and igraph.

Usage: /usr/bin/python3 tests/e2e/test_readers.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Runs `relgraph build SRCDIR/examples -o TMP/graph.json` and `... -o TMP/graph.graphml`, loads
the JSON with networkx.node_link_graph and the GraphML with networkx.read_graphml and
igraph.Graph.Read_GraphML, and checks that the three graphs agree (nodes, edges, relations,
weights, labels, types) and that attributes arrive typed. Prints one line per check and a final
"N passed, M failed"; exits non-zero when a check fails.
"""


import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)


def run_build(binary, srcdir, out):
    cmd = [binary, "build", os.path.join(srcdir, "examples"), "-o", out]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, (
        f"{' '.join(cmd)} exited with {proc.returncode}\nstderr:\n{proc.stderr}")
    assert os.path.isfile(out) and os.path.getsize(out) > 0, f"{out} missing or empty"


class Graphs:
    """The outputs and the three loaded graphs, filled in by the first checks."""

    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.json_path = os.path.join(tmp, "graph.json")
        self.graphml_path = os.path.join(tmp, "graph.graphml")
        self.data = None  # the parsed JSON document
        self.nx_json = None
        self.nx_graphml = None
        self.ig = None

    def need(self, *names):
        for name in names:
            assert getattr(self, name) is not None, f"{name} was not loaded (an earlier check failed)"


def is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


# ---- checks; each takes Graphs and raises AssertionError on failure ----


def check_build_json(g):
    run_build(g.binary, g.srcdir, g.json_path)


def check_build_graphml(g):
    run_build(g.binary, g.srcdir, g.graphml_path)


def check_json_document(g):
    with open(g.json_path, encoding="utf-8") as f:
        data = json.load(f)
    assert data.get("directed") is True, "directed must be true"
    assert data.get("multigraph") is True, "multigraph must be true"
    assert data.get("graph", {}).get("name") == "relgraph", data.get("graph")
    assert isinstance(data.get("nodes"), list) and isinstance(data.get("links"), list)
    assert "edges" not in data, "edges must be under 'links' (networkx 2.8 default)"
    g.data = data


def check_networkx_json(g):
    import networkx

    g.need("data")
    G = networkx.node_link_graph(g.data)
    assert G.is_directed() and G.is_multigraph(), type(G)
    # (source, target, key) is unique, so no link was merged into another.
    assert G.number_of_edges() == len(g.data["links"]), (G.number_of_edges(), len(g.data["links"]))
    assert G.number_of_nodes() == len(g.data["nodes"])
    for u, v, k, d in G.edges(keys=True, data=True):
        assert k == d["relation"], (u, v, k, d.get("relation"))
    g.nx_json = G


def check_networkx_graphml(g):
    import networkx

    G = networkx.read_graphml(g.graphml_path)
    assert G.is_directed(), "GraphML graph must be directed"
    g.nx_graphml = G


def check_igraph_graphml(g):
    import igraph

    G = igraph.Graph.Read_GraphML(g.graphml_path)
    assert G.is_directed(), "GraphML graph must be directed in igraph"
    for attr in ("id", "label", "type", "mentions"):
        assert attr in G.vs.attributes(), (attr, G.vs.attributes())
    for attr in ("relation", "weight", "symmetric", "evidence_count"):
        assert attr in G.es.attributes(), (attr, G.es.attributes())
    g.ig = G


def check_not_empty(g):
    g.need("nx_json")
    assert g.nx_json.number_of_nodes() > 0, "the examples gave no nodes"
    assert g.nx_json.number_of_edges() > 0, "the examples gave no edges"


def check_same_nodes(g):
    g.need("nx_json", "nx_graphml", "ig")
    a = set(g.nx_json.nodes)
    b = set(g.nx_graphml.nodes)
    c = set(g.ig.vs["id"])
    assert len(c) == g.ig.vcount(), "duplicate node ids in igraph"
    assert a == b, f"JSON vs networkx GraphML: {sorted(a ^ b)[:10]}"
    assert a == c, f"JSON vs igraph GraphML: {sorted(a ^ c)[:10]}"


def check_same_edge_count(g):
    g.need("nx_json", "nx_graphml", "ig")
    n = g.nx_json.number_of_edges()
    assert g.nx_graphml.number_of_edges() == n, (g.nx_graphml.number_of_edges(), n)
    assert g.ig.ecount() == n, (g.ig.ecount(), n)


def check_edges_typed(g):
    g.need("nx_json", "nx_graphml", "ig")
    for name, edges in (
        ("json", [d for _, _, d in g.nx_json.edges(data=True)]),
        ("networkx graphml", [d for _, _, d in g.nx_graphml.edges(data=True)]),
        ("igraph graphml", [e.attributes() for e in g.ig.es]),
    ):
        for d in edges:
            assert isinstance(d.get("relation"), str) and d["relation"], (name, d)
            assert is_number(d.get("weight")) and d["weight"] > 0, (name, d.get("weight"))
            assert isinstance(d.get("symmetric"), bool), (name, d.get("symmetric"))
    for _, _, d in g.nx_graphml.edges(data=True):
        assert isinstance(d["weight"], float), d["weight"]  # declared double
        assert isinstance(d["evidence_count"], int) and d["evidence_count"] >= d["weight"], d
        assert d.get("label") == d["relation"], d


def check_nodes_typed(g):
    g.need("nx_json", "nx_graphml", "ig")
    views = {
        "json": dict(g.nx_json.nodes(data=True)),
        "networkx graphml": dict(g.nx_graphml.nodes(data=True)),
        "igraph graphml": {v["id"]: v.attributes() for v in g.ig.vs},
    }
    for name, nodes in views.items():
        for node, d in nodes.items():
            assert isinstance(d.get("label"), str) and d["label"], (name, node, d.get("label"))
            assert isinstance(d.get("type"), str) and d["type"], (name, node, d.get("type"))
            assert is_number(d.get("mentions")) and d["mentions"] >= 0, (name, node, d)
    for node, d in views["networkx graphml"].items():
        assert isinstance(d["mentions"], int), (node, d["mentions"])
    # Labels and types survive escaping identically in all three.
    ref = {n: (d["label"], d["type"], d["mentions"]) for n, d in views["json"].items()}
    for name in ("networkx graphml", "igraph graphml"):
        got = {n: (d["label"], d["type"], int(d["mentions"])) for n, d in views[name].items()}
        assert got == ref, f"{name}: {sorted(set(got.items()) ^ set(ref.items()))[:5]}"


def check_same_edges(g):
    g.need("nx_json", "nx_graphml", "ig")

    def key(u, v, d):
        return (u, v, d["relation"], float(d["weight"]), bool(d["symmetric"]))

    a = sorted(key(u, v, d) for u, v, d in g.nx_json.edges(data=True))
    b = sorted(key(u, v, d) for u, v, d in g.nx_graphml.edges(data=True))
    ids = g.ig.vs["id"]
    c = sorted(key(ids[e.source], ids[e.target], e.attributes()) for e in g.ig.es)
    assert a == b, "JSON and networkx GraphML edges differ"
    assert a == c, "JSON and igraph GraphML edges differ"


def check_json_evidence(g):
    g.need("data")
    for link in g.data["links"]:
        ev = link.get("evidence")
        assert isinstance(ev, list) and ev, link
        sentences = set()
        for e in ev:
            for field in ("document", "text", "trigger"):
                assert isinstance(e.get(field), str) and e[field].strip(), (field, e)
            for field in ("sentence", "begin", "end"):
                assert isinstance(e.get(field), int), (field, e)
            assert e["begin"] <= e["end"], e
            assert "date" not in e or e["date"], e
            sentences.add((e["document"], e["sentence"]))
        assert link["weight"] == len(sentences), (link["weight"], len(sentences))


CHECKS = [
    check_build_json,
    check_build_graphml,
    check_json_document,
    check_networkx_json,
    check_networkx_graphml,
    check_igraph_graphml,
    check_not_empty,
    check_same_nodes,
    check_same_edge_count,
    check_edges_typed,
    check_nodes_typed,
    check_same_edges,
    check_json_evidence,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-e2e-", Graphs, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
