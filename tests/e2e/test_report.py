#!/usr/bin/python3
"""End-to-end: `relgraph report` on the graph built from examples/, checked in a real browser.

Usage: /usr/bin/python3 tests/e2e/test_report.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Builds examples/articles with examples/rules, writes the HTML and Markdown reports and checks
them: the HTML names no external URL and lists every edge with its evidence; headless Debian
chromium (no network, fresh profile) renders it: the DOM has the Korean names and the edges,
the inline sorting script sorts, a hostile graph's markup stays text, and a screenshot shows a
drawing in colour where the graph is (the PNG is decoded here with zlib). The screenshot is
kept as report-screenshot.png in the build directory (docs/report-screenshot.png is a copy:
scripts/refresh-report-screenshot.sh). Chromium and fonts-noto-cjk are required: without them
the test fails (scripts/install-deps.sh --test installs them). Prints one line per check and
"N passed, M failed".
"""

import html
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

ARTICLES = os.path.join("examples", "articles")
RULES = os.path.join("examples", "rules")
WINDOW = (1280, 1000)


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.build_dir = os.path.dirname(binary)
        self.graph = self.path("examples.json")
        p = self.run("build", "-q", "--rules", RULES, ARTICLES, "-o", self.graph)
        assert p.returncode == 0, p.stderr
        with open(self.graph, encoding="utf-8") as f:
            self.data = json.load(f)
        self.report = self.path("report.html")
        # Run from the temporary directory, so the page names the graph "examples.json".
        p = self.run("report", "examples.json", "-o", "report.html", "--title",
                     "예제 기사 리포트", "--max-evidence", "2", cwd=tmp)
        assert p.returncode == 0, p.stderr
        with open(self.report, encoding="utf-8") as f:
            self.html = f.read()
        self.chromium = shutil.which("chromium")

    def run(self, *args, stdin=None, cwd=None):
        return subprocess.run([self.binary, *args], cwd=cwd or self.srcdir, input=stdin,
                              capture_output=True, text=True, timeout=300)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def browser(self, *args):
        """Runs headless chromium with a new empty profile and no network; returns stdout."""
        assert self.chromium, "chromium is not installed (scripts/install-deps.sh --test)"
        profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=self.tmp)
        cmd = [self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
               f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
        assert p.returncode == 0, f"chromium exit {p.returncode}: {p.stderr[-2000:]}"
        return p.stdout

    def dom(self, page):
        return self.browser("--dump-dom", "file://" + page)


class TextCollector(html.parser.HTMLParser):
    """The page's text (outside <script>/<style>) and its tags."""

    def __init__(self):
        super().__init__()
        self.text, self.tags, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse_page(text):
    p = TextCollector()
    p.feed(text)
    return "".join(p.text), p.tags


def labels(ctx):
    return {n["id"]: n["label"] for n in ctx.data["nodes"]}


def hangul_alias(node):
    for alias in node.get("aliases", []):
        if re.search("[\uac00-\ud7a3]", alias):
            return alias
    return None


def read_png(path):
    """(width, height, rows of RGB tuples) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, header
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 255
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b, c = prev[i], prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        prev = line
    return width, height, rows


# A script added to a copy of the page: it writes where the drawing is, in CSS pixels.
MEASURE = """<script>
var r = document.querySelector(".drawing svg").getBoundingClientRect();
document.body.setAttribute("data-drawing", [r.left, r.top, r.right, r.bottom].map(Math.round).join(","));
</script></body>"""


def check_html_is_self_contained(ctx):
    assert ctx.html.startswith("<!DOCTYPE html>")
    for pattern in ("http:", "https:", "//", "src=", "url(", "@import", "<link", "<iframe"):
        hits = [m.start() for m in re.finditer(re.escape(pattern), ctx.html)]
        # '//' may only appear inside the inline script and style (there are no comments
        # there); anything else would be a URL.
        assert not hits, f"{pattern!r} in the page at {hits[:3]}: " + ctx.html[hits[0] - 80:hits[0] + 80]
    assert ctx.html.count("<script") == 1 and ctx.html.count("<svg") == 1
    assert "Noto Sans CJK KR" in ctx.html


def check_every_edge_and_its_evidence(ctx):
    text, tags = parse_page(ctx.html)
    names = labels(ctx)
    sections = re.findall(r'<section class="relation" id="rel-([^"]+)">(.*?)</section>', ctx.html,
                          re.S)
    by_relation = {}
    for link in ctx.data["links"]:
        by_relation.setdefault(link["relation"], []).append(link)
    assert sorted(s for s, _ in sections) == sorted(by_relation), [s for s, _ in sections]
    for relation, body in sections:
        rows = re.findall(r"<tr><td data-v=.*?</tr>", body, re.S)
        links = by_relation[relation]
        assert len(rows) == len(links), (relation, len(rows), len(links))
        weights = [int(w) for w in re.findall(r'<td class="num">(\d+)</td><td><ul', body)]
        assert weights == sorted(weights, reverse=True), weights
        for link in links:
            row = [r for r in rows if f'title="{html.escape(link["source"])}"' in r.split("</td>")[0]
                   and f'title="{html.escape(link["target"])}"' in r.split("</td>")[1]]
            assert len(row) == 1, (relation, link["source"], link["target"])
            quoted = re.findall(r"<li><q>(.*?)</q><cite>(.*?)</cite></li>", row[0])
            assert len(quoted) == min(2, len(link["evidence"])), (link, quoted)
            for (q, cite), ev in zip(quoted, link["evidence"]):
                assert html.unescape(re.sub("</?mark>", "", q)) == ev["text"], (q, ev["text"])
                assert html.unescape(cite).startswith(ev["document"])
            assert names[link["source"]] in html.unescape(row[0])
    assert f"{len(ctx.data['nodes'])} entities · {len(ctx.data['links'])} edges" in text


def check_browser_dom_has_korean_entities_and_edges(ctx):
    dom = ctx.dom(ctx.report)
    text, tags = parse_page(dom)
    assert "<title>예제 기사 리포트</title>" in dom
    nodes = {n["id"]: n for n in ctx.data["nodes"]}
    for entity in ("openai", "softbank", "samsung-electronics"):
        alias = hangul_alias(nodes[entity])
        assert alias, entity
        assert alias in text, alias
        assert nodes[entity]["label"] in text
    # The drawing: one node per entity with edges, one edge group per edge (all fit: 60 max).
    linked = {l["source"] for l in ctx.data["links"]} | {l["target"] for l in ctx.data["links"]}
    drawn = set(re.findall(r'<g id="node-([^"]+)" class="node entity', dom))
    assert drawn == {re.sub(r"[^A-Za-z0-9._-]", lambda m: "x%02X" % ord(m.group()), i)
                     for i in linked}, drawn ^ linked
    assert len(re.findall(r'class="edge relation', dom)) == len(ctx.data["links"])
    assert "소프트뱅크" in dom and "오픈AI" in dom
    # The evidence of SoftBank -> OpenAI, quoted in Korean.
    link = [l for l in ctx.data["links"] if l["source"] == "softbank" and l["target"] == "openai"
            and l["relation"] == "invests-in"][0]
    assert link["evidence"][0]["text"] in text, link["evidence"][0]["text"]


def check_sorting_script_sorts(ctx):
    page = ctx.path("sorted.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(ctx.html.replace("</body>", """<script>
var th = document.querySelectorAll("#top-entities th")[3];
th.click(); th.click();
document.body.setAttribute("data-second", th.getAttribute("aria-sort"));
th.click();
</script></body>"""))
    dom = ctx.dom(page)
    assert 'data-second="descending"' in dom
    table = dom[dom.index('id="top-entities"'):]
    table = table[:table.index("</table>")]
    degrees = [int(d) for d in re.findall(
        r'<td class="num">\d+</td><td data-v=.*?</td><td>[^<]*</td><td class="num">(\d+)</td>',
        table, re.S)]
    assert len(degrees) >= 10, degrees
    assert degrees == sorted(degrees), degrees  # third click: ascending again
    assert 'aria-sort="ascending"' in table


def check_screenshot_shows_the_drawing(ctx):
    fonts = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True)
    assert "Noto Sans CJK KR" in fonts.stdout, "fonts-noto-cjk is not installed"
    page = ctx.path("measured.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(ctx.html.replace("</body>", MEASURE))
    size = f"--window-size={WINDOW[0]},{WINDOW[1]}"
    dom = ctx.browser(size, "--dump-dom", "file://" + page)
    left, top, right, bottom = map(int, re.search(r'data-drawing="([-\d,]+)"', dom).group(1).split(","))
    assert right - left > 600 and bottom - top > 300, (left, top, right, bottom)
    shot = os.path.join(ctx.build_dir, "report-screenshot.png")
    if os.path.exists(shot):
        os.remove(shot)
    ctx.browser(size, f"--screenshot={shot}", "file://" + ctx.report)
    width, height, rows = read_png(shot)
    assert (width, height) == WINDOW, (width, height)
    bottom = min(bottom, height)
    area = [px for row in rows[top:bottom] for px in row[left:right]]
    ink = sum(1 for px in area if min(px) < 235) / len(area)
    assert ink > 0.03, f"graph area is blank ({ink:.3%} ink)"

    def near(colour):
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return sum(1 for px in area if abs(px[0] - r) + abs(px[1] - g) + abs(px[2] - b) < 60)

    for kind, colour in (("company", "#ff7f0e"), ("person", "#1f77b4"), ("country", "#2ca02c")):
        assert near(colour) > 30, f"no {kind} colour {colour} in the drawing"
    # The page outside the drawing is mostly white: the screenshot is a page, not noise.
    above = [px for row in rows[:max(top - 10, 1)] for px in row]
    assert sum(1 for px in above if min(px) > 240) / len(above) > 0.8
    print(f"     screenshot {shot}: drawing {right - left}x{bottom - top} px, {ink:.1%} ink")


def check_hostile_names_stay_text_in_the_browser(ctx):
    graph = {"directed": True, "multigraph": True, "graph": {}, "nodes": [
        {"id": "evil", "label": "<script>document.title='pwned'</script>", "type": "company"},
        {"id": "amp", "label": "Tom & \"Jerry\" <b>bold</b>", "type": "person",
         "aliases": ["톰 <i>앤</i> 제리"]}],
        "links": [{"source": "evil", "target": "amp", "relation": "criticises", "key": "criticises",
                   "weight": 1, "evidence": [{"document": "x<y>.txt", "sentence": 0, "begin": 0,
                                              "end": 5, "text": "<img src=x onerror=\"document.title='img'\"> 비판했다",
                                              "trigger": "비판", "date": "2025-01-02"}]}]}
    path = ctx.path("evil.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(graph, f, ensure_ascii=False)
    out = ctx.path("evil.html")
    p = ctx.run("report", path, "-o", out, "--title", "</title><script>x()</script>")
    assert p.returncode == 0, p.stderr
    dom = ctx.dom(out)
    assert dom.count("<script") == 1, dom.count("<script")
    assert "<img" not in dom and "<b>bold" not in dom and "<i>앤" not in dom
    assert "pwned" not in re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "Tom &amp; \"Jerry\" &lt;b&gt;bold&lt;/b&gt;" in dom
    assert "<mark>비판</mark>" in dom and "x&lt;y&gt;.txt · 2025-01-02" in dom


def check_markdown_report_with_svg_beside_it(ctx):
    out = ctx.path("md", "report.md")
    os.makedirs(os.path.dirname(out))
    p = ctx.run("report", ctx.graph, "-o", out, "--relation", "invests-in", "--top", "5")
    assert p.returncode == 0, p.stderr
    assert sorted(os.listdir(os.path.dirname(out))) == ["report.md", "report.svg"]
    with open(out, encoding="utf-8") as f:
        md = f.read()
    assert "![The graph](report.svg)" in md
    assert "## Top entities" in md and "### invests-in" in md and "### partners-with" not in md
    invests = [l for l in ctx.data["links"] if l["relation"] == "invests-in"]
    edge_rows = [line for line in md.splitlines()
                 if line.startswith("| ") and "—" in line]
    assert len(edge_rows) == len(invests), (len(edge_rows), len(invests))
    for line in edge_rows:
        assert line.count(" | ") == 3 and line.endswith(" |"), line  # cells never split
    svg = ET.parse(out[:-3] + ".svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    titles = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}title")]
    assert "softbank" in titles and "openai" in titles, titles[:10]


def check_large_graph_is_drawn_in_part(ctx):
    out = ctx.path("small.html")
    p = ctx.run("report", ctx.graph, "-o", out, "--max-nodes", "10", "--max-edges", "3", "-q")
    assert p.returncode == 0 and p.stderr == "", p.stderr
    with open(out, encoding="utf-8") as f:
        page = f.read()
    assert page.count('class="node entity') == 10
    assert "The drawing shows the 10 entities with the highest PageRank of the" in page
    assert "Showing the 3 heaviest of" in page


def check_stdout_and_errors(ctx):
    p = ctx.run("report", ctx.graph, "-o", "-")
    assert p.returncode == 0 and p.stdout.startswith("<!DOCTYPE html>"), p.stderr
    cases = [
        (["report", ctx.graph, "-o", ctx.path("r.txt")], 2, "cannot tell the report format"),
        (["report", ctx.graph], 2, "-o report.html or -o report.md is required"),
        (["report", ctx.graph, "-o", "-", "-f", "md"], 2, "give -o FILE.md"),
        (["report", ctx.graph, "-o", ctx.path("r.html"), "--top", "-1"], 2, "--top must be"),
        (["report", ctx.path("missing.json"), "-o", ctx.path("r.html")], 2, "missing.json"),
        (["report", ctx.graph, "-o", ctx.path("no", "such", "dir", "r.html")], 3, "cannot write"),
    ]
    for args, code, message in cases:
        p = ctx.run(*args)
        assert p.returncode == code, (args, p.returncode, p.stderr)
        assert message in p.stderr, (args, p.stderr)
    assert not os.path.exists(ctx.path("r.html"))
    p = ctx.run("report", "--help")
    assert p.returncode == 0 and "--max-evidence" in p.stdout


def check_deterministic(ctx):
    again = ctx.path("again.html")
    p = ctx.run("report", "examples.json", "-o", again, "--title", "예제 기사 리포트",
                "--max-evidence", "2", cwd=ctx.tmp)
    assert p.returncode == 0, p.stderr
    with open(again, encoding="utf-8") as f:
        assert f.read() == ctx.html


CHECKS = [check_html_is_self_contained, check_every_edge_and_its_evidence,
          check_browser_dom_has_korean_entities_and_edges, check_sorting_script_sorts,
          check_screenshot_shows_the_drawing, check_hostile_names_stay_text_in_the_browser,
          check_markdown_report_with_svg_beside_it, check_large_graph_is_drawn_in_part,
          check_stdout_and_errors, check_deterministic]

if __name__ == "__main__":
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-report-", Ctx,
                        CHECKS))
