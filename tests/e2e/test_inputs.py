"""End-to-end tests of what `relgraph build` reads: formats, encodings and bad input.

Usage: /usr/bin/python3 tests/e2e/test_inputs.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Writes inputs to a temporary directory (JSON Lines, HTML, UTF-16/32, NUL bytes, binary and
empty files, unreadable files, symlink loops, a 200 MB line) and checks the graph, the dates,
the one-line warnings naming the file (and line), the exit codes, the progress line (none when
stderr is not a terminal, drawn on a pseudo-terminal) and that output does not depend on the
order of the inputs. Prints one line per check and a final "N passed, M failed".
"""

import json
import os
import pty
import re
import resource
import select
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

# Fixture sentences written for these tests (starter-pack entities only).
INVEST = "삼성전자는 엔비디아에 20억 달러를 투자한다고 밝혔다."
PARTNER = "Microsoft partnered with Nvidia on AI chips."
CRITICISE = "일론 머스크는 오픈AI를 비판했다."

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://gexf.net/1.3}"


class Inputs:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp

    def run(self, *args, stdin=None, cwd=None, **kwargs):
        return subprocess.run([self.binary, *args], cwd=cwd or self.tmp, input=stdin,
                              capture_output=True, timeout=600, **kwargs)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return p

    def build(self, *args, out="g.json", stdin=None, expect=0):
        p = self.run("build", *args, "-o", out, stdin=stdin)
        err = p.stderr.decode()
        assert p.returncode == expect, f"exit {p.returncode}, stderr:\n{err}"
        if expect != 0:
            return None, err
        with open(self.path(out), "rb") as f:
            data = f.read()
        return (json.loads(data) if out.endswith(".json") else data), err


def edges(graph):
    return {(l["source"], l["relation"], l["target"]) for l in graph["links"]}


def evidence(graph):
    return sorted((e["document"], e.get("date"), l["relation"])
                  for l in graph["links"] for e in l["evidence"])


def warnings(stderr):
    return [line for line in stderr.splitlines() if ": warning: " in line]


def check_jsonl_default_fields_and_dates(c):
    c.write("feed.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"url": "https://news.example/1", "headline": "투자 소식", "body": INVEST,
         "pubDate": "Tue, 04 Mar 2025 10:00:00 +0900"},
        {"id": "wire-2", "content": PARTNER, "published": "2025-03-06 08:30:00"},
        {"id": "wire-3", "article": CRITICISE, "date": 1741305600},
    ]) + "\n")
    g, err = c.build("feed.jsonl")
    assert err == "relgraph: 3 document(s), 5 node(s), 3 edge(s) -> g.json\n", err
    assert evidence(g) == [
        ("https://news.example/1", "2025-03-04T10:00:00+09:00", "invests-in"),
        ("wire-2", "2025-03-06T08:30:00", "partners-with"),
        ("wire-3", "2025-03-07T00:00:00Z", "criticises"),
    ], evidence(g)
    links = {l["relation"]: l for l in g["links"]}
    assert links["invests-in"]["first_seen"] == links["invests-in"]["last_seen"] == "2025-03-04"
    nodes = {n["id"]: n for n in g["nodes"]}
    # Nvidia is in the invest (03-04) and partner (03-06) edges.
    assert (nodes["nvidia"]["first_seen"], nodes["nvidia"]["last_seen"]) == \
        ("2025-03-04", "2025-03-06"), nodes["nvidia"]
    # The title comes first, then a blank line, then the text; offsets are into that text.
    ev = links["invests-in"]["evidence"][0]
    assert ev["text"] == INVEST and ev["begin"] == len("투자 소식\n\n".encode()), ev


def check_jsonl_chosen_fields(c):
    c.write("nested.jsonl", json.dumps(
        {"story": {"body": PARTNER}, "meta": {"when": "March 5, 2025"}, "text": "ignored"}) + "\n")
    g, _ = c.build("nested.jsonl", "--field", "text=story.body", "--field", "date=meta.when")
    assert evidence(g) == [("nested.jsonl:1", "2025-03-05", "partners-with")], evidence(g)
    p = c.run("build", "nested.jsonl", "--field", "colour=red")
    assert p.returncode == 2 and b"bad --field 'colour=red'" in p.stderr, p.stderr


def check_jsonl_bad_lines_are_warnings(c):
    c.write("bad.jsonl", "\n".join([
        json.dumps({"id": "ok-1", "text": INVEST}, ensure_ascii=False),
        '{"id": "broken", "text": "unterminated',
        "",
        '["not", "an", "object"]',
        json.dumps({"id": "no-text", "title": "only a title"}),
        json.dumps({"id": "ok-1", "text": PARTNER}),
        json.dumps({"id": "dated", "text": CRITICISE, "date": "next Tuesday"},
                   ensure_ascii=False),
    ]) + "\n")
    g, err = c.build("bad.jsonl")
    assert warnings(err) == [
        "bad.jsonl:2:39: warning: invalid JSON: Missing a closing quotation mark in string; "
        "line skipped",
        "bad.jsonl:4: warning: expected a JSON object (one article per line); line skipped",
        "bad.jsonl:5: warning: no text (looked for text, content, body, article; choose with "
        "--field text=KEY); line skipped",
        "bad.jsonl:6: warning: duplicate id 'ok-1' (first at bad.jsonl:1); line skipped",
        "bad.jsonl:7: warning: unrecognised date 'next Tuesday'; the document has no date",
    ], err
    assert edges(g) == {("samsung-electronics", "invests-in", "nvidia"),
                        ("elon-musk", "criticises", "openai")}, edges(g)
    assert "relgraph: 2 document(s)" in err


def check_html_text_meta_date(c):
    c.write("page.html", f"""<!doctype html><html><head><meta charset="utf-8">
<title>Example News</title>
<meta property="article:published_time" content="2025-03-04T09:00:00+09:00">
<script>document.write("{PARTNER}")</script><style>.x{{}}</style></head>
<body><nav><a href="/">Microsoft partnered with Nvidia (a menu link)</a></nav>
<header>일론 머스크는 오픈AI를 비판했다 (site banner)</header>
<article><h1>반도체 투자</h1><p>{INVEST}</p></article>
<aside>{CRITICISE}</aside><footer>{PARTNER}</footer></body></html>""")
    g, err = c.build("page.html")
    assert edges(g) == {("samsung-electronics", "invests-in", "nvidia")}, edges(g)
    assert evidence(g) == [("page.html", "2025-03-04T09:00:00+09:00", "invests-in")]
    ev = g["links"][0]["evidence"][0]
    # Offsets point into the page's text: the headline line, then the paragraph.
    assert ev["begin"] == len("반도체 투자\n".encode()) and ev["text"] == INVEST, ev
    # --input-format reads a .txt as HTML, and HTML as text (then the menu is text too).
    shutil.copy(c.path("page.html"), c.path("page.txt"))
    g2, _ = c.build("page.txt", "--input-format", "html")
    assert edges(g2) == edges(g)
    g3, _ = c.build("page.html", "--input-format", "text")
    assert ("microsoft", "partners-with", "nvidia") in edges(g3), edges(g3)


def check_html_legacy_charset(c):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
            f'</head><body><p>{INVEST}</p></body></html>')
    c.write("euckr.html", page.encode("euc-kr"))
    g, err = c.build("euckr.html")
    assert edges(g) == {("samsung-electronics", "invests-in", "nvidia")}, err
    assert warnings(err) == [], err


def check_folders_globs_include_exclude(c):
    c.write("tree/a.txt", INVEST)
    c.write("tree/2025/b.jsonl", json.dumps({"id": "b", "text": PARTNER}) + "\n")
    c.write("tree/2025/drafts/c.txt", CRITICISE)
    c.write("tree/2025/notes.md", CRITICISE)
    g, _ = c.build("tree")
    assert len(edges(g)) == 3
    g, _ = c.build("tree", "--include", "*.txt", "--exclude", "drafts")
    assert {e["document"] for l in g["links"] for e in l["evidence"]} == {"tree/a.txt"}
    g, _ = c.build("tree/**/*.txt")  # quoted: relgraph expands it
    assert {e["document"] for l in g["links"] for e in l["evidence"]} == \
        {"tree/a.txt", "tree/2025/drafts/c.txt"}
    g, _ = c.build("tree/*/*.jsonl")
    assert evidence(g) == [("b", None, "partners-with")], evidence(g)
    p = c.run("build", "tree/*.pdf")
    assert p.returncode == 3, p.returncode
    assert p.stderr.decode() == "relgraph: no file matches tree/*.pdf\n", p.stderr


def check_stdin(c):
    g, _ = c.build("-", stdin=INVEST.encode())
    assert evidence(g) == [("<stdin>", None, "invests-in")]
    lines = (json.dumps({"text": INVEST}, ensure_ascii=False) + "\n" +
             json.dumps({"text": PARTNER}) + "\n").encode()
    g, _ = c.build("-", "--input-format", "jsonl", stdin=lines)
    assert [d for d, _, _ in evidence(g)] == ["<stdin>:1", "<stdin>:2"], evidence(g)
    p = c.run("build", "-", "--input-format", "pdf", stdin=b"")
    assert p.returncode == 2 and b"unknown input format 'pdf'" in p.stderr, p.stderr


def check_encodings_with_bom(c):
    text = INVEST + "\n" + PARTNER + "\n"
    c.write("enc/plain.txt", text)
    reference, _ = c.build("enc/plain.txt", out="ref.json")
    variants = {
        "utf8bom": b"\xef\xbb\xbf" + text.encode(),
        "utf16le": text.encode("utf-16"),  # Python writes the BOM, little-endian here
        "utf16be": b"\xfe\xff" + text.encode("utf-16-be"),
        "utf32le": b"\xff\xfe\x00\x00" + text.encode("utf-32-le"),
        "utf32be": b"\x00\x00\xfe\xff" + text.encode("utf-32-be"),
    }
    for name, data in variants.items():
        c.write(f"enc/{name}.txt", data)
        g, err = c.build(f"enc/{name}.txt", out=f"{name}.json")
        assert warnings(err) == [], (name, err)
        assert edges(g) == edges(reference), name
        # Offsets are into the decoded UTF-8 text (after the BOM): the same as plain UTF-8.
        got = sorted((e["begin"], e["end"], e["text"]) for l in g["links"] for e in l["evidence"])
        want = sorted((e["begin"], e["end"], e["text"])
                      for l in reference["links"] for e in l["evidence"])
        assert got == want, (name, got, want)
    # A lone surrogate in UTF-16 is replaced and reported.
    c.write("enc/broken16.txt", b"\xff\xfe" + INVEST.encode("utf-16-le") + b"\x00\xd8")
    g, err = c.build("enc/broken16.txt", out="broken.json")
    assert warnings(err) == ["enc/broken16.txt: warning: 1 malformed UTF-16LE sequence(s) "
                             "replaced with U+FFFD"], err
    assert edges(g) == {("samsung-electronics", "invests-in", "nvidia")}


def check_invalid_utf8_nul_binary_empty(c):
    c.write("mixed/invalid.txt", INVEST.encode() + b" \xff\xfe end.\n")
    c.write("mixed/nul.txt", (PARTNER + " " * 200 + "\0 more text.\n").encode())
    c.write("mixed/photo.jpg.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + PARTNER.encode())
    c.write("mixed/zeros.txt", b"abc\0\0\0\0\0\0\0\0def")
    c.write("mixed/empty.txt", b"")
    g, err = c.build("mixed")
    assert warnings(err) == [
        "mixed/empty.txt: warning: empty file skipped",
        "mixed/invalid.txt: warning: 2 invalid UTF-8 byte(s) replaced with U+FFFD",
        "mixed/nul.txt: warning: 1 NUL byte replaced with spaces",
        "mixed/photo.jpg.txt: warning: binary file skipped",
        "mixed/zeros.txt: warning: binary file skipped",
    ], err
    assert edges(g) == {("samsung-electronics", "invests-in", "nvidia"),
                        ("microsoft", "partners-with", "nvidia")}, edges(g)
    assert "relgraph: 2 document(s)" in err
    # Nothing but skipped files: an empty graph, exit 0 (nothing failed to read).
    g, err = c.build("mixed/empty.txt", out="empty.json")
    assert g["nodes"] == [] and g["links"] == [], g


def run_as_nobody(c, *args):
    """Runs relgraph as user nobody when root (root reads everything), else as is."""
    def drop():
        os.setgid(65534)
        os.setuid(65534)
    return c.run(*args, preexec_fn=drop if os.geteuid() == 0 else None)


def check_unreadable_files_and_folders(c):
    # A world-readable place, so that nobody can read what is not locked.
    base = "/tmp/relgraph-inputs-unreadable-%d" % os.getpid()
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base + "/in/closed")
    try:
        for name, text in [("in/a.txt", INVEST), ("in/locked.txt", PARTNER),
                           ("in/closed/c.txt", CRITICISE)]:
            with open(os.path.join(base, name), "w") as f:
                f.write(text)
        os.chmod(base, 0o777)
        os.chmod(base + "/in", 0o755)
        for name in ["in/a.txt", "in/locked.txt", "in/closed/c.txt"]:
            os.chmod(os.path.join(base, name), 0o644)
        os.chmod(base + "/in/locked.txt", 0)
        os.chmod(base + "/in/closed", 0)
        p = run_as_nobody(c, "build", base + "/in", "-o", base + "/g.json")
        err = p.stderr.decode()
        assert p.returncode == 0, err
        assert warnings(err) == [
            f"{base}/in/closed: warning: cannot read directory: Permission denied; skipped",
            f"{base}/in/locked.txt: warning: cannot read: Permission denied; skipped",
        ], err
        with open(base + "/g.json") as f:
            assert edges(json.load(f)) == {("samsung-electronics", "invests-in", "nvidia")}
        # When nothing at all can be read: exit 3 and nothing written.
        p = run_as_nobody(c, "build", base + "/in/locked.txt", "-o", base + "/none.json")
        assert p.returncode == 3, p.stderr
        assert p.stderr.decode().endswith(
            "relgraph: no document could be read; nothing written\n"), p.stderr
        assert not os.path.exists(base + "/none.json")
    finally:
        os.chmod(base + "/in/closed", 0o755)
        shutil.rmtree(base, ignore_errors=True)


def check_symlink_loop_and_missing_path(c):
    c.write("loop/a.txt", INVEST)
    os.symlink(".", c.path("loop/up"))
    os.symlink("nowhere.txt", c.path("loop/dangling.txt"))
    g, err = c.build("loop")
    assert warnings(err) == ["loop/dangling.txt: warning: broken symbolic link skipped",
                             "loop/up: warning: symbolic link loop skipped"], err
    assert evidence(g) == [("loop/a.txt", None, "invests-in")], evidence(g)
    p = c.run("build", "loop", "no/such/file.txt")
    assert p.returncode == 3, p.returncode
    assert p.stderr.decode() == "relgraph: no such file or directory: no/such/file.txt\n", \
        p.stderr


def check_output_independent_of_input_order(c):
    c.write("order/x.txt", INVEST + "\n" + CRITICISE)
    c.write("order/y.html", f"<meta name=pubdate content=2025-01-02><p>{PARTNER}</p>")
    records = [{"id": f"r{i}", "text": t, "date": f"2025-02-0{i + 1}"}
               for i, t in enumerate([INVEST, PARTNER, CRITICISE])]
    c.write("order/z.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    c.write("order2/z.jsonl",
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reversed(records)))
    for ext in ["json", "graphml", "gexf"]:
        a, _ = c.build("order/x.txt", "order/y.html", "order/z.jsonl", out=f"a.{ext}")
        b, _ = c.build("order/z.jsonl", "order/y.html", "order/x.txt", out=f"b.{ext}")
        assert a == b, ext
    # The same records in another line order give the same graph (documents named by id).
    a, _ = c.build("order/z.jsonl", out="la.json")
    b, _ = c.build("order2/z.jsonl", out="lb.json")
    assert a["links"] == b["links"] and a["nodes"] == b["nodes"]


def check_dates_in_graphml_and_gexf(c):
    c.write("dated.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"id": "d1", "text": INVEST, "date": "2025-03-01"},
        {"id": "d2", "text": INVEST, "date": "2025-03-09T23:00:00-05:00"},
        {"id": "d3", "text": PARTNER},
    ]))
    g, _ = c.build("dated.jsonl", out="dated.json")
    graphml, _ = c.build("dated.jsonl", out="dated.graphml")
    gexf, _ = c.build("dated.jsonl", out="dated.gexf")
    root = ET.fromstring(graphml)
    keys = {(k.get("for"), k.get("attr.name")): k.get("id") for k in root.iter(GRAPHML + "key")}
    assert keys[("node", "first_seen")] == "n_first_seen", keys
    assert keys[("edge", "last_seen")] == "e_last_seen", keys
    json_edges = {(l["source"], l["target"]): (l.get("first_seen"), l.get("last_seen"))
                  for l in g["links"]}
    assert json_edges[("samsung-electronics", "nvidia")] == ("2025-03-01", "2025-03-09")
    assert json_edges[("microsoft", "nvidia")] == (None, None)  # undated evidence only
    graph = root.find(GRAPHML + "graph")
    for edge in graph.iter(GRAPHML + "edge"):
        data = {d.get("key"): d.text for d in edge.iter(GRAPHML + "data")}
        assert (data.get("e_first_seen"), data.get("e_last_seen")) == \
            json_edges[(edge.get("source"), edge.get("target"))], data
    gexf_root = ET.fromstring(gexf)
    assert gexf_root.find(GEXF + "graph").get("mode") == "dynamic"
    for edge in gexf_root.iter(GEXF + "edge"):
        assert (edge.get("start"), edge.get("end")) == \
            json_edges[(edge.get("source"), edge.get("target"))]
    json_nodes = {n["id"]: (n.get("first_seen"), n.get("last_seen")) for n in g["nodes"]}
    for node in gexf_root.iter(GEXF + "node"):
        assert (node.get("start"), node.get("end")) == json_nodes[node.get("id")], node.attrib
    assert json_nodes["nvidia"] == ("2025-03-01", "2025-03-09")
    # networkx reads the GraphML dates as node and edge attributes.
    code = ("import networkx as nx, sys; g = nx.read_graphml(sys.argv[1]); "
            "print(g.nodes['nvidia']['first_seen'], g.nodes['nvidia']['last_seen'])")
    p = subprocess.run(["/usr/bin/python3", "-c", code, c.path("dated.graphml")],
                       capture_output=True, text=True, timeout=60)
    assert p.stdout == "2025-03-01 2025-03-09\n", p.stdout + p.stderr


def check_quiet_verbose_and_no_progress_off_terminal(c):
    c.write("qv/a.txt", INVEST)
    c.write("qv/b.jsonl", json.dumps({"text": PARTNER}) + "\n" + "oops\n")
    c.write("qv/empty.txt", "")
    _, err = c.build("qv", "--verbose")
    assert err.splitlines() == [
        "qv/a.txt: note: 1 document read",
        "qv/b.jsonl:2:1: warning: invalid JSON: Invalid value; line skipped",
        "  oops",
        "  ^",
        "qv/b.jsonl: note: 1 document read",
        "qv/empty.txt: warning: empty file skipped",
        "relgraph: 2 document(s), 3 node(s), 2 edge(s) -> g.json",
    ], err
    _, err = c.build("qv", "--quiet")
    assert err == "", err
    # stderr is a pipe here: no progress line, no carriage return, no escape sequence.
    _, err = c.build("qv")
    assert "\r" not in err and "\x1b" not in err and "MB/s" not in err, repr(err)


def check_progress_on_a_terminal(c):
    """stderr on a pseudo-terminal, stdin a pipe fed slowly: the line is drawn, then erased."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([c.binary, "build", "-", "--input-format", "jsonl", "-o",
                             c.path("tty.json")], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=slave, cwd=c.tmp,
                            env={**os.environ, "TERM": "xterm"})
    os.close(slave)
    line = (json.dumps({"text": INVEST}, ensure_ascii=False) + "\n").encode()
    output = b""
    try:
        for _ in range(8):  # about 1.6 s: past the half-second delay, several redraws
            proc.stdin.write(line)
            proc.stdin.flush()
            time.sleep(0.2)
        proc.stdin.close()
        proc.wait(timeout=60)
        while True:
            ready, _, _ = select.select([master], [], [], 1)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
    text = output.decode()
    assert proc.returncode == 0, text
    assert re.search(r"\r\d+ docs  [0-9.]+ MB  [0-9.]+ MB/s\x1b\[K", text), repr(text)
    assert "\r\x1b[K" in text, repr(text)  # erased before the summary
    assert text.endswith("relgraph: 8 document(s), 2 node(s), 1 edge(s) -> "
                         + c.path("tty.json") + "\r\n"), repr(text)


def check_huge_single_line(c):
    """A 200 MB file that is one line: measured (time, peak memory), not timed."""
    path = c.path("huge/one-line.txt")
    os.makedirs(os.path.dirname(path))
    # Spaces between the two sentences: the reading side (one 200 MB line, parts, offsets) is
    # what is tested; extraction of dense text runs at about 1 MB/s (see README).
    filler = " " * 4096
    with open(path, "w") as f:
        f.write(INVEST + " ")
        chunk = filler * 1000
        written = 0
        while written < 200_000_000:
            f.write(chunk)
            written += len(chunk.encode())
        f.write(" " + PARTNER + "\n")
    jsonl = c.path("huge/one-line.jsonl")
    with open(path) as src, open(jsonl, "w") as f:
        f.write('{"id": "huge", "text": "')
        shutil.copyfileobj(src, f)
        f.seek(f.tell() - 1)
        f.write('"}\n')
    for name in [path, jsonl]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        p = c.run("build", name, "-o", c.path("huge.json"))
        seconds = time.monotonic() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = os.path.getsize(name) / 1e6
        print(f"     {os.path.basename(name)}: {size:.0f} MB in {seconds:.1f} s, peak RSS "
              f"{peak:.0f} MB (was {before.ru_maxrss / 1024:.0f})")
        assert p.returncode == 0, p.stderr.decode()[-2000:]
        with open(c.path("huge.json")) as f:
            g = json.load(f)
        assert edges(g) == {("samsung-electronics", "invests-in", "nvidia"),
                            ("microsoft", "partners-with", "nvidia")}, edges(g)
        # Read in parts of at most 8 MiB; offsets still point into the whole text.
        ev = {l["relation"]: l["evidence"][0] for l in g["links"]}
        assert ev["invests-in"]["document"].endswith(" (part 1)"), ev
        assert re.fullmatch(r".* \(part \d{2,}\)", ev["partners-with"]["document"]), ev
        if name == path:
            end = os.path.getsize(path) - 1
            assert (ev["partners-with"]["begin"], ev["partners-with"]["end"]) == \
                (end - len(PARTNER.encode()), end), ev
            assert ev["partners-with"]["text"] == PARTNER, ev
    os.remove(path)
    os.remove(jsonl)


def check_help_documents_exit_codes(c):
    p = c.run("build", "--help")
    out = p.stdout.decode()
    assert p.returncode == 0
    for option in ["--input-format", "--field", "--include", "--exclude", "--verbose"]:
        assert option in out, option
    assert "3 an input path does not exist, no document could be read" in out, out


CHECKS = [
    check_jsonl_default_fields_and_dates,
    check_jsonl_chosen_fields,
    check_jsonl_bad_lines_are_warnings,
    check_html_text_meta_date,
    check_html_legacy_charset,
    check_folders_globs_include_exclude,
    check_stdin,
    check_encodings_with_bom,
    check_invalid_utf8_nul_binary_empty,
    check_unreadable_files_and_folders,
    check_symlink_loop_and_missing_path,
    check_output_independent_of_input_order,
    check_dates_in_graphml_and_gexf,
    check_quiet_verbose_and_no_progress_off_terminal,
    check_progress_on_a_terminal,
    check_huge_single_line,
    check_help_documents_exit_codes,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-inputs-", Inputs, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
