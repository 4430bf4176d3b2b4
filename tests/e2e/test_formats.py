#!/usr/bin/python3
"""End-to-end: relgraph's GEXF, Cytoscape.js, DOT and Neo4j CSV output, checked with real readers.

Usage: /usr/bin/python3 tests/e2e/test_formats.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

In PROJECT_SOURCE_DIR runs `relgraph build --rules examples/rules examples/articles -o TMP/g.EXT`
for .json, .gexf, .cyjs, .dot and `--format neo4j -o TMP/g`, and compares every output with the
JSON: the GEXF is well-formed (xmllint --noout, Debian's libxml2-utils), has the GEXF 1.3
structure (ElementTree) and loads in networkx.read_gexf with the same nodes, edges and
attributes; the DOT renders with `dot -Tsvg` (Debian's graphviz) and the SVG shows every label;
the Cytoscape.js JSON has the elements shape and matching counts; the CSV files parse with the
csv module under the Neo4j headers and every :START_ID / :END_ID is a node. A small Korean
fixture (written to TMP) checks parallel edges and escaping of quotes, '&' and '<'. The GEXF 1.3
XSD is not checked: it cannot be fetched offline. Prints one line per check and a final
"N passed, M failed"; exits non-zero when a check fails.
"""


import csv
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

RULES = os.path.join("examples", "rules")
ARTICLES = os.path.join("examples", "articles")
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
SVG = "{http://www.w3.org/2000/svg}"
FORMATS = ("json", "gexf", "cyjs", "dot")

KOREAN_RULES = """\
# Test entities whose labels need escaping in every format.
entity hanul-test
  type: company
  label: 한울 "테스트" & <주식회사>
  aliases: 한울테스트
  memo: a;b, "c"

entity byeol-test
  type: company
  label: 별빛전자
  aliases: 별빛전자
"""
KOREAN_TEXT = "한울테스트와 별빛전자가 협력한다고 밝혔다.\n별빛전자는 한울테스트를 비판했다.\n"
KOREAN_LABEL = '한울 "테스트" & <주식회사>'


class Formats:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.data = None  # the JSON output of the examples
        self.korean = None  # the JSON output of the Korean fixture

    def path(self, name):
        return os.path.join(self.tmp, name)

    def run(self, *args):
        return subprocess.run([self.binary, *args], cwd=self.srcdir, capture_output=True,
                              text=True, timeout=600)

    def build(self, *args):
        p = self.run("build", "-q", *args)
        assert p.returncode == 0, f"relgraph build {' '.join(args)}: exit {p.returncode}\n{p.stderr}"

    def need(self, *names):
        for name in names:
            assert getattr(self, name) is not None, f"{name} was not loaded (an earlier check failed)"

    # The JSON view every format is compared with.
    def nodes(self, data=None):
        return {n["id"]: n for n in (data or self.data)["nodes"]}

    def edges(self, data=None):
        return [(l["source"], l["target"], l["relation"], l["weight"], l["symmetric"],
                 len(l["evidence"])) for l in (data or self.data)["links"]]


def read_gexf(path):
    """networkx.read_gexf for GEXF 1.3. networkx before 3.6 (2.8 in Debian 12) knows only the
    1.1draft and 1.2draft namespaces; it reads 1.3 with the same code once the namespace is
    registered, which is what networkx 3.6 does itself (networkx pull request #8196)."""
    import networkx
    from networkx.readwrite import gexf

    if "1.3" not in gexf.GEXF.versions:
        gexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3",
            "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3",
        }
    return networkx.read_gexf(path, version="1.3")


def neo4j_type(relation):
    return "".join(c.upper() if c.isascii() and c.isalnum() else
                   c if not c.isascii() or c == "_" else "_" for c in relation)


def neo4j_labels(entity_type):
    words = re.split(r"[^A-Za-z0-9]+", entity_type)
    pascal = "".join(w[:1].upper() + w[1:] for w in words if w)
    return "Entity" if pascal in ("", "Entity") else "Entity;" + pascal


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows, f"{path} is empty"
    return rows[0], rows[1:]


def svg_texts(svg):
    root = ET.fromstring(svg)
    return {"".join(t.itertext()) for t in root.iter(SVG + "text")}


# ---- checks; each takes Formats and raises AssertionError on failure ----


def check_build_all(c):
    c.build("--rules", RULES, ARTICLES, "-o", c.path("g.json"))
    with open(c.path("g.json"), encoding="utf-8") as f:
        c.data = json.load(f)
    assert c.data["nodes"] and c.data["links"], "the examples gave an empty graph"
    for ext in FORMATS[1:]:
        c.build("--rules", RULES, ARTICLES, "-o", c.path(f"g.{ext}"))
    c.build("--rules", RULES, ARTICLES, "--format", "neo4j", "-o", c.path("g"))
    for name in ("g.gexf", "g.cyjs", "g.dot", "g_nodes.csv", "g_edges.csv"):
        assert os.path.getsize(c.path(name)) > 0, f"{name} missing or empty"
    assert not [n for n in os.listdir(c.tmp) if "tmp-relgraph" in n], os.listdir(c.tmp)
    # The Korean fixture, in every format.
    with open(c.path("k.rules"), "w", encoding="utf-8") as f:
        f.write(KOREAN_RULES)
    with open(c.path("k.txt"), "w", encoding="utf-8") as f:
        f.write(KOREAN_TEXT)
    for ext in FORMATS:
        c.build("--rules", c.path("k.rules"), c.path("k.txt"), "-o", c.path(f"k.{ext}"))
    c.build("--rules", c.path("k.rules"), c.path("k.txt"), "-f", "neo4j", "-o", c.path("k.csv"))
    with open(c.path("k.json"), encoding="utf-8") as f:
        c.korean = json.load(f)
    assert len(c.korean["links"]) == 2, c.korean["links"]


def check_gexf_well_formed(c):
    c.need("data")
    xmllint = shutil.which("xmllint")
    assert xmllint, "xmllint not found: install libxml2-utils (scripts/install-deps.sh --test)"
    for name in ("g.gexf", "k.gexf"):
        p = subprocess.run([xmllint, "--noout", c.path(name)], capture_output=True, text=True)
        assert p.returncode == 0 and p.stderr == "", f"{name}: {p.stderr}"


def check_gexf_structure(c):
    c.need("data")
    root = ET.parse(c.path("g.gexf")).getroot()
    assert root.tag == GEXF + "gexf" and root.get("version") == "1.3", (root.tag, root.attrib)
    assert root.find(GEXF + "meta/" + GEXF + "creator").text == "relgraph"
    graph = root.find(GEXF + "graph")
    assert graph.get("defaultedgetype") == "directed", graph.attrib
    # The examples carry no dates, so the graph is static.
    assert graph.get("mode") == "static" and graph.get("timeformat") is None, graph.attrib
    declared = {}
    for attributes in graph.findall(GEXF + "attributes"):
        for a in attributes.findall(GEXF + "attribute"):
            declared[(attributes.get("class"), a.get("title"))] = (a.get("id"), a.get("type"))
    for key, type_ in ((("node", "type"), "string"), (("node", "mentions"), "integer"),
                       (("node", "aliases"), "string"), (("node", "documents"), "string"),
                       (("edge", "relation"), "string"), (("edge", "symmetric"), "boolean"),
                       (("edge", "evidence"), "string")):
        assert key in declared and declared[key][1] == type_, (key, declared.get(key))
    for n in c.data["nodes"]:
        for name in n["attributes"]:
            assert ("node", name) in declared, f"attribute {name} not declared"
    ids = [a[0] for a in declared.values()]
    assert len(ids) == len(set(ids)), ids

    nodes = graph.findall(GEXF + "nodes/" + GEXF + "node")
    assert graph.find(GEXF + "nodes").get("count") == str(len(nodes))
    assert [n.get("id") for n in nodes] == [n["id"] for n in c.data["nodes"]]
    for n in nodes:
        color, size = n.find(VIZ + "color"), n.find(VIZ + "size")
        assert color is not None and size is not None, n.get("id")
        assert all(0 <= int(color.get(k)) <= 255 for k in "rgb"), color.attrib
        assert float(size.get("value")) >= 10, size.attrib
    colours = {(n.find(GEXF + "attvalues/" + GEXF + "attvalue[@for='n_type']").get("value"),
                tuple(int(n.find(VIZ + "color").get(k)) for k in "rgb")) for n in nodes}
    assert ("person", (31, 119, 180)) in colours and ("company", (255, 127, 14)) in colours, colours
    assert ("country", (44, 160, 44)) in colours, colours
    assert len({t for t, _ in colours}) == len(colours), "one colour per type"

    edges = graph.findall(GEXF + "edges/" + GEXF + "edge")
    edge_ids = [e.get("id") for e in edges]
    assert len(edge_ids) == len(set(edge_ids)) == len(c.data["links"]), "edge ids not unique"
    for e, link in zip(edges, c.data["links"]):
        assert (e.get("source"), e.get("target")) == (link["source"], link["target"])
        assert e.get("label") == e.get("kind") == link["relation"], e.attrib
        assert float(e.get("weight")) == link["weight"], (e.attrib, link["weight"])


def check_networkx_gexf(c):
    c.need("data")
    G = read_gexf(c.path("g.gexf"))
    assert G.is_directed()
    nodes = c.nodes()
    assert set(G.nodes) == set(nodes), sorted(set(G.nodes) ^ set(nodes))[:10]
    for node, d in G.nodes(data=True):
        n = nodes[node]
        assert (d["label"], d["type"], d["mentions"]) == (n["label"], n["type"], n["mentions"]), d
        assert isinstance(d["mentions"], int)
        assert d.get("aliases", "") == " | ".join(n["aliases"]), (d.get("aliases"), n["aliases"])
        assert d.get("documents", "") == " | ".join(n["documents"]), node
        for key, value in n["attributes"].items():
            assert d.get(key) == value, (node, key, d.get(key), value)
        assert "viz" in d and "color" in d["viz"] and "size" in d["viz"], d.get("viz")
    got = sorted((u, v, d["relation"], d["weight"], d["symmetric"], d["evidence_count"])
                 for u, v, d in G.edges(data=True))
    assert got == sorted(c.edges()), "GEXF edges differ from JSON edges"
    for _, _, d in G.edges(data=True):
        assert isinstance(d["weight"], float) and isinstance(d["symmetric"], bool), d
        assert d["label"] == d["relation"], d
        assert d["evidence"].count("\n") == d["evidence_count"] - 1, d["evidence"]


def check_networkx_gexf_korean_parallel_edges(c):
    c.need("korean")
    G = read_gexf(c.path("k.gexf"))
    assert G.is_multigraph(), "two relations between one pair must stay two edges"
    assert G.nodes["hanul-test"]["label"] == KOREAN_LABEL, G.nodes["hanul-test"]
    assert G.nodes["hanul-test"]["memo"] == 'a;b, "c"', G.nodes["hanul-test"]
    relations = sorted(d["relation"] for _, _, d in G.edges(data=True))
    assert relations == ["criticises", "partners-with"], relations
    assert len({k for _, _, k in G.edges(keys=True)}) == 2, "edge ids not unique"
    root = ET.parse(c.path("k.gexf")).getroot()
    kinds = [e.get("kind") for e in root.iter(GEXF + "edge")]
    assert sorted(kinds) == relations, kinds


def check_dot_renders(c):
    c.need("data", "korean")
    dot = shutil.which("dot")
    assert dot, "dot not found: install graphviz (scripts/install-deps.sh --test)"
    for name, data in (("g", c.data), ("k", c.korean)):
        p = subprocess.run([dot, "-Tsvg", c.path(f"{name}.dot")], capture_output=True)
        stderr = p.stderr.decode("utf-8", "replace")
        assert p.returncode == 0, f"dot -Tsvg {name}.dot: exit {p.returncode}\n{stderr}"
        texts = svg_texts(p.stdout)
        missing = [n["label"] for n in data["nodes"] if n["label"] not in texts]
        assert not missing, f"labels missing from the SVG of {name}.dot: {missing[:10]}"
        relations = {l["relation"] for l in data["links"]}
        assert relations <= texts, f"edge labels missing: {sorted(relations - texts)}"
    with open(c.path("k.dot"), encoding="utf-8") as f:
        text = f.read()
    assert text.startswith("// ") and "digraph " in text
    assert text.count(" -> ") == 2 and 'dir="none"' in text, text


def check_cytoscape_shape(c):
    c.need("data")
    with open(c.path("g.cyjs"), encoding="utf-8") as f:
        cy = json.load(f)
    assert set(cy) >= {"elements"}, cy.keys()
    elements = cy["elements"]
    assert set(elements) == {"nodes", "edges"}, elements.keys()
    nodes = [n["data"] for n in elements["nodes"]]
    edges = [e["data"] for e in elements["edges"]]
    assert len(nodes) == len(c.data["nodes"]) and len(edges) == len(c.data["links"])
    ref = c.nodes()
    for d in nodes:
        for key in ("id", "label", "type", "mentions"):
            assert key in d, (key, d)
        n = ref[d["id"]]
        assert (d["label"], d["type"], d["mentions"]) == (n["label"], n["type"], n["mentions"])
        assert d["aliases"] == n["aliases"] and d["documents"] == n["documents"], d["id"]
    ids = [d["id"] for d in nodes] + [d["id"] for d in edges]
    assert len(ids) == len(set(ids)), "element ids not unique"
    for d in edges:
        for key in ("id", "source", "target", "relation", "label", "weight", "evidence_count"):
            assert key in d, (key, d)
        assert d["source"] in ref and d["target"] in ref, d
        assert d["label"] == d["relation"], d
    got = sorted((d["source"], d["target"], d["relation"], d["weight"], d["symmetric"],
                  d["evidence_count"]) for d in edges)
    assert got == sorted(c.edges()), "Cytoscape edges differ from JSON edges"


def check_neo4j_csv(c):
    c.need("data")
    header, rows = read_csv(c.path("g_nodes.csv"))
    fixed = ["id:ID", "label", "type", ":LABEL", "mentions:int", "aliases:string[]",
             "documents:string[]"]
    assert header[:len(fixed)] == fixed, header
    attribute_names = sorted({k for n in c.data["nodes"] for k in n["attributes"]})
    assert header[len(fixed):] == attribute_names, header
    assert all(len(r) == len(header) for r in rows), "ragged node rows"
    ref = c.nodes()
    assert [r[0] for r in rows] == list(ref), "node ids differ"
    for r in rows:
        n = ref[r[0]]
        assert (r[1], r[2], int(r[4])) == (n["label"], n["type"], n["mentions"]), r
        assert r[3] == neo4j_labels(n["type"]), (r[3], n["type"])
        assert (r[5].split(";") if r[5] else []) == n["aliases"], (r[5], n["aliases"])
        assert (r[6].split(";") if r[6] else []) == n["documents"], r[6]
        for name, value in zip(header[len(fixed):], r[len(fixed):]):
            assert value == n["attributes"].get(name, ""), (r[0], name, value)

    header, rows = read_csv(c.path("g_edges.csv"))
    assert header == [":START_ID", ":END_ID", ":TYPE", "weight:double", "evidence_count:int",
                      "relation", "symmetric:boolean"], header
    assert len(rows) == len(c.data["links"])
    for r in rows:
        assert r[0] in ref and r[1] in ref, f"unknown node in {r}"
        assert r[2] == neo4j_type(r[5]) and r[2] == r[2].upper() and "-" not in r[2], r
        assert r[6] in ("true", "false"), r
    got = sorted((r[0], r[1], r[5], float(r[3]), r[6] == "true", int(r[4])) for r in rows)
    assert got == sorted(c.edges()), "CSV edges differ from JSON edges"
    assert "INVESTS_IN" in {r[2] for r in rows}, {r[2] for r in rows}


def check_neo4j_csv_korean_quoting(c):
    c.need("korean")
    header, rows = read_csv(c.path("k_nodes.csv"))  # "-o k.csv" drops the .csv
    assert header[-1] == "memo", header
    by_id = {r[0]: r for r in rows}
    assert by_id["hanul-test"][1] == KOREAN_LABEL, by_id["hanul-test"]
    assert by_id["hanul-test"][-1] == 'a;b, "c"', by_id["hanul-test"]
    assert by_id["hanul-test"][5].split(";") == [KOREAN_LABEL, "한울테스트"], by_id["hanul-test"]
    _, edges = read_csv(c.path("k_edges.csv"))
    assert sorted(r[2] for r in edges) == ["CRITICISES", "PARTNERS_WITH"], edges


def check_neo4j_directory_and_stdout(c):
    out = c.path("neo4j-dir")
    os.mkdir(out)
    c.build("--rules", RULES, ARTICLES, "--format", "neo4j", "-o", out)
    assert sorted(os.listdir(out)) == ["edges.csv", "nodes.csv"], os.listdir(out)
    for name in ("nodes.csv", "edges.csv"):
        with open(os.path.join(out, name), "rb") as a, open(c.path(f"g_{name}"), "rb") as b:
            assert a.read() == b.read(), f"{name} differs from the prefix output"
    p = c.run("build", "-q", ARTICLES, "--format", "neo4j")
    assert p.returncode == 2 and p.stdout == "", (p.returncode, p.stdout[:200])
    assert p.stderr == "relgraph: --format neo4j writes two files; give -o PREFIX or -o DIR/\n", \
        p.stderr
    # A directory that does not exist: exit 3, and neither file nor temporary is left.
    p = c.run("build", "-q", ARTICLES, "--format", "neo4j", "-o", c.path("missing") + "/")
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert not os.path.exists(c.path("missing")), "a file was written"


def check_format_option_and_extensions(c):
    c.need("data")
    # --format wins over the extension; .gv is DOT; names in any case.
    for fmt, name, reference in (("gexf", "forced.xml", "g.gexf"), ("CYTOSCAPE", "forced.json",
                                 "g.cyjs"), ("dot", "forced.txt", "g.dot")):
        c.build("--rules", RULES, ARTICLES, "--format", fmt, "-o", c.path(name))
        with open(c.path(name), "rb") as a, open(c.path(reference), "rb") as b:
            assert a.read() == b.read(), f"--format {fmt} differs from {reference}"
    c.build("--rules", RULES, ARTICLES, "-o", c.path("g.gv"))
    with open(c.path("g.gv"), "rb") as a, open(c.path("g.dot"), "rb") as b:
        assert a.read() == b.read(), ".gv differs from .dot"
    # To stdout, byte for byte the file.
    p = c.run("build", "-q", "--rules", RULES, ARTICLES, "--format", "gexf")
    assert p.returncode == 0, p.stderr
    with open(c.path("g.gexf"), encoding="utf-8") as f:
        assert p.stdout == f.read(), "GEXF on stdout differs from the file"
    p = c.run("build", "-q", ARTICLES, "--format", "pajek", "-o", c.path("x.net"))
    assert p.returncode == 2, p.returncode
    assert p.stderr == ("relgraph: unknown format 'pajek' "
                        "(json, graphml, gexf, cytoscape, dot, neo4j, rgx)\n"), p.stderr


def check_same_bytes_twice(c):
    c.need("data")
    for ext in FORMATS[1:]:
        c.build("--rules", RULES, ARTICLES, "-o", c.path(f"again.{ext}"))
        with open(c.path(f"again.{ext}"), "rb") as a, open(c.path(f"g.{ext}"), "rb") as b:
            assert a.read() == b.read(), f"two runs differ ({ext})"
    c.build("--rules", RULES, ARTICLES, "--format", "neo4j", "-o", c.path("again"))
    for part in ("nodes", "edges"):
        with open(c.path(f"again_{part}.csv"), "rb") as a, \
                open(c.path(f"g_{part}.csv"), "rb") as b:
            assert a.read() == b.read(), f"two runs differ (neo4j {part})"


CHECKS = [
    check_build_all,
    check_gexf_well_formed,
    check_gexf_structure,
    check_networkx_gexf,
    check_networkx_gexf_korean_parallel_edges,
    check_dot_renders,
    check_cytoscape_shape,
    check_neo4j_csv,
    check_neo4j_csv_korean_quoting,
    check_neo4j_directory_and_stdout,
    check_format_option_and_extensions,
    check_same_bytes_twice,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-formats-", Formats, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
