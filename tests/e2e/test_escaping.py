#!/usr/bin/python3
"""End-to-end: names, labels, aliases, attributes and evidence with markup, quotes, control
characters, encoded surrogates, invalid UTF-8, U+FFFE / U+FFFF and other awkward characters
still give well-formed files in every output format.

Usage: /usr/bin/python3 tests/e2e/test_escaping.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Writes a node-link JSON graph holding such strings (as raw bytes where JSON cannot say them),
converts it to every format with `relgraph convert`, and checks each output with a strict
reader: xml.dom.minidom and xmllint (GraphML, GEXF, the SVG of the DOT file), networkx
(read_graphml, read_gexf, node_link_graph), json.loads on strictly decoded UTF-8 (JSON,
Cytoscape), the csv module (Neo4j) and `dot -Tsvg`; and that relgraph reads its JSON and
GraphML back. Prints one line per check and a final "N passed, M failed".
"""

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.dom.minidom

import networkx as nx
from networkx.readwrite import gexf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

CONTROLS = "".join(chr(c) for c in range(1, 32))  # U+0001..U+001F, tab, LF and CR included
SURROGATE = b"\xed\xa0\x80"                        # U+D800 encoded in UTF-8 (ill-formed)
INVALID = b"\xff\xc3"                              # not UTF-8 at all


def js(text):
    """A JSON string literal for text (ASCII escapes for the controls)."""
    return json.dumps(text, ensure_ascii=False).encode("utf-8")


def graph_bytes():
    """A node-link graph as bytes; @S@ and @I@ mark raw surrogate and invalid bytes."""
    nasty = "<b>&amp; \"q\" 'a' ]]> --> " + CONTROLS + " \ufffe\uffff\ufdd0 x;y|z, 한국 @S@ @I@"
    nodes = [
        {"id": "a<&\"'>b", "label": "A " + nasty, "type": "company",
         "aliases": ["alias; one", "alias \"two\"", "al|ias " + CONTROLS],
         "mentions": 3, "documents": ["doc #1: <x>.txt", "doc, \"2\"\n.txt"],
         "attributes": {"wikidata": "Q1 " + nasty, "we<ird key&": "v", "id": "clash"}},
        {"id": "plain", "label": "Plain", "type": "per son & co", "aliases": [], "mentions": 1,
         "documents": [], "attributes": {}},
        {"id": "ctl\u0001\u001fid", "label": "@S@", "type": "country", "aliases": ["@I@"],
         "mentions": 0, "documents": [], "attributes": {}},
    ]
    links = [
        {"source": "a<&\"'>b", "target": "plain", "relation": "invests-in", "symmetric": False,
         "weight": 1, "evidence": [{"document": "doc #1: <x>.txt", "sentence": 0, "begin": 0,
                                    "end": 9, "text": "T " + nasty, "trigger": "<trig>&",
                                    "date": "2024-05-01"}]},
        {"source": "plain", "target": "ctl\u0001\u001fid", "relation": "partners-with",
         "symmetric": True, "weight": 1,
         "evidence": [{"document": "d", "sentence": 2, "begin": 1, "end": 2,
                       "text": "@S@\r\n@I@ \u0000 nul", "trigger": "\u0007"}]},
    ]
    text = json.dumps({"directed": True, "multigraph": True, "graph": {"name": "g<&>\u0002"},
                       "nodes": nodes, "links": links}, ensure_ascii=True)
    raw = text.encode("ascii").replace(b"@S@", SURROGATE).replace(b"@I@", INVALID)
    return raw


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.source = os.path.join(tmp, "nasty.json")
        with open(self.source, "wb") as f:
            f.write(graph_bytes())

    def convert(self, out, *extra):
        p = subprocess.run([self.binary, "convert", "-q", self.source, out, *extra],
                           capture_output=True, timeout=60)
        assert p.returncode == 0, p.stderr
        return out

    def path(self, name):
        return os.path.join(self.tmp, name)


def strict_utf8(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8")  # raises on invalid UTF-8 or encoded surrogates


def strict_xml(path):
    text = strict_utf8(path)
    for c in text:
        o = ord(c)
        assert o in (9, 10, 13) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000, \
            f"illegal XML character U+{o:04X} in {path}"
    xml.dom.minidom.parse(path)
    if shutil.which("xmllint"):
        p = subprocess.run(["xmllint", "--noout", path], capture_output=True)
        assert p.returncode == 0, p.stderr


def check_json(c):
    out = c.convert(c.path("n.json"))
    data = json.loads(strict_utf8(out))
    g = nx.node_link_graph(data)
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    labels = {d["id"]: d["label"] for d in data["nodes"]}
    assert labels["a<&\"'>b"].startswith("A <b>&amp; \"q\"")
    assert CONTROLS in labels["a<&\"'>b"]              # JSON keeps controls, \u-escaped
    assert labels["ctl\u0001\u001fid"] == "\ufffd"      # the encoded surrogate became U+FFFD
    with open(out, "rb") as f:
        assert b"\\u0001" in f.read()


def check_graphml(c):
    out = c.convert(c.path("n.graphml"))
    strict_xml(out)
    g = nx.read_graphml(out)
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    node = g.nodes["a<&\"'>b"]
    assert "<b>&amp; \"q\" 'a' ]]> -->" in node["label"]
    assert "\ufffe" not in node["label"] and "\x01" not in node["label"]
    assert "\ufdd0" in node["label"]  # a noncharacter, but legal XML: kept
    assert "ctl\x01\x1fid" not in g.nodes and "ctlid" in g.nodes  # illegal characters dropped
    # The evidence data keeps everything, as JSON.
    for _, _, d in g.edges(data=True):
        ev = json.loads(d["evidence_data"])
        assert len(ev) == 1
        if d["relation"] == "invests-in":
            assert CONTROLS in ev[0]["text"] and ev[0]["date"] == "2024-05-01"
    # relgraph reads it back; its own JSON from it is valid.
    back = c.path("back.json")
    p = subprocess.run([c.binary, "convert", "-q", out, back], capture_output=True)
    assert p.returncode == 0, p.stderr
    json.loads(strict_utf8(back))


def check_gexf(c):
    out = c.convert(c.path("n.gexf"))
    strict_xml(out)
    if "1.3" not in gexf.GEXF.versions:
        gexf.GEXF.versions["1.3"] = {
            "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
            "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
            "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "VERSION": "1.3"}
    g = nx.read_gexf(out, version="1.3")
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2


def check_cytoscape(c):
    out = c.convert(c.path("n.cyjs"))
    data = json.loads(strict_utf8(out))
    assert len(data["elements"]["nodes"]) == 3 and len(data["elements"]["edges"]) == 2


def check_dot(c):
    out = c.convert(c.path("n.dot"))
    strict_utf8(out)
    if not shutil.which("dot"):
        raise AssertionError("graphviz (dot) is not installed: scripts/install-deps.sh --test")
    svg = c.path("n.svg")
    p = subprocess.run(["dot", "-Tsvg", out, "-o", svg], capture_output=True)
    assert p.returncode == 0 and b"syntax error" not in p.stderr, p.stderr
    strict_xml(svg)


def check_neo4j(c):
    prefix = c.path("neo")
    c.convert(prefix, "--format", "neo4j")
    for name, rows_expected in (("neo_nodes.csv", 3), ("neo_edges.csv", 2)):
        text = strict_utf8(c.path(name))
        for ch in text:
            assert ch in "\t\n" or ord(ch) >= 0x20, f"control U+{ord(ch):04X} in {name}"
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == rows_expected + 1, rows
        assert all(len(r) == len(rows[0]) for r in rows), rows


def check_binary_keeps_bytes(c):
    # The binary graph stores strings as they are: through it, the JSON is the same.
    rgx = c.convert(c.path("n.rgx"))
    direct, through = c.convert(c.path("d.json")), c.path("t.json")
    p = subprocess.run([c.binary, "convert", "-q", rgx, through], capture_output=True)
    assert p.returncode == 0, p.stderr
    with open(direct, "rb") as a, open(through, "rb") as b:
        assert a.read() == b.read()


CHECKS = [check_json, check_graphml, check_gexf, check_cytoscape, check_dot, check_neo4j,
          check_binary_keeps_bytes]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[4], "relgraph-escaping-", Ctx, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
