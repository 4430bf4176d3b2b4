#!/usr/bin/python3
"""End-to-end: the relgraph command line (exit codes, messages, inputs and outputs).

Usage: /usr/bin/python3 tests/e2e/test_cli.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Runs relgraph in PROJECT_SOURCE_DIR on the fixtures in tests/fixtures/ (and on files written to
a temporary directory: invalid UTF-8, binary, empty) and checks exit codes, stderr messages,
the output formats and that failed runs write nothing. Prints one line per check and a final
"N passed, M failed"; exits non-zero when a check fails.
"""


import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

FIXTURES = os.path.join("tests", "fixtures")
ARTICLES = os.path.join(FIXTURES, "articles")
BAD_RULES = os.path.join(FIXTURES, "bad.rules")

# What `relgraph rules check` prints for tests/fixtures/bad.rules, in order.
BAD_RULES_DIAGNOSTICS = """\
tests/fixtures/bad.rules:6:8: error: duplicate entity id 'test-alpha'
  entity test-alpha
         ^
tests/fixtures/bad.rules:2:8: note: 'test-alpha' was first defined here
  entity test-alpha
         ^
tests/fixtures/bad.rules:15:3: error: expected 'key: value' (missing ':')
    type company
    ^
tests/fixtures/bad.rules:16:18: error: missing ']' after the options (write '\\[' for a '[')
    aliases: 감마테스트 [alone
                        ^
tests/fixtures/bad.rules:14:8: error: entity 'test-gamma' has no 'type'
  entity test-gamma
         ^
tests/fixtures/bad.rules:10:8: error: entity 'test-beta' has undeclared type 'spaceship'
  entity test-beta
         ^
"""

# The edges of tests/fixtures/articles (the hidden file there must be skipped).
ARTICLE_EDGES = {
    ("anthropic", "partners-with", "microsoft", "tests/fixtures/articles/b_partner.txt"),
    ("donald-trump", "criticises", "taiwan", "tests/fixtures/articles/sub/c_criticism.txt"),
    ("samsung-electronics", "invests-in", "nvidia", "tests/fixtures/articles/a_invest.txt"),
}

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


class Cli:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp

    def run(self, *args, stdin=None, env=None):
        """Runs relgraph in the source directory; stdout/stderr as text."""
        return subprocess.run([self.binary, *args], cwd=self.srcdir, input=stdin, env=env,
                              capture_output=True, text=True, timeout=300)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def write(self, name, data):
        p = self.path(name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
        return p


def expect_exit(proc, code):
    assert proc.returncode == code, (
        f"exit {proc.returncode}, expected {code}\nstdout:\n{proc.stdout[:2000]}\n"
        f"stderr:\n{proc.stderr[:2000]}")


def links(data):
    return {(l["source"], l["relation"], l["target"]) for l in data["links"]}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def graphml_edges(path):
    """(source, relation, target) of a GraphML file, via the declared 'relation' key."""
    root = ET.parse(path).getroot()
    assert root.tag == GRAPHML_NS + "graphml", root.tag
    rel_key = [k.get("id") for k in root.iter(GRAPHML_NS + "key")
               if k.get("attr.name") == "relation" and k.get("for") == "edge"]
    assert len(rel_key) == 1, rel_key
    out = set()
    for e in root.iter(GRAPHML_NS + "edge"):
        rel = [d.text for d in e.iter(GRAPHML_NS + "data") if d.get("key") == rel_key[0]]
        out.add((e.get("source"), rel[0], e.get("target")))
    return out


def tmp_listing(c):
    return sorted(os.path.relpath(os.path.join(d, f), c.tmp)
                  for d, dirs, files in os.walk(c.tmp) for f in files + dirs)


# ---- checks; each takes Cli and raises AssertionError on failure ----


def check_help(c):
    for args in (["--help"], ["-h"], ["help"]):
        p = c.run(*args)
        expect_exit(p, 0)
        assert p.stdout.startswith("relgraph "), p.stdout[:200]
        assert "Usage:" in p.stdout and "relgraph build [options] INPUT..." in p.stdout, p.stdout
        assert "relgraph rules check" in p.stdout, p.stdout
    p = c.run("build", "--help")
    expect_exit(p, 0)
    for opt in ("--output", "--format", "--rules", "--no-default-rules", "--quiet", "--explain"):
        assert opt in p.stdout, (opt, p.stdout)
    p = c.run("rules", "check", "--help")
    expect_exit(p, 0)
    assert "--no-default-rules" in p.stdout, p.stdout


def check_version(c):
    with open(os.path.join(c.srcdir, "CMakeLists.txt"), encoding="utf-8") as f:
        m = re.search(r"project\(relgraph VERSION (\S+)", f.read())
    assert m, "no project(relgraph VERSION ...) in CMakeLists.txt"
    for flag in ("--version", "-V"):
        p = c.run(flag)
        expect_exit(p, 0)
        assert p.stdout == f"relgraph {m.group(1)}\n", repr(p.stdout)
        assert p.stderr == "", p.stderr


def check_usage_errors(c):
    p = c.run()
    expect_exit(p, 2)
    assert "Usage:" in p.stderr, p.stderr
    p = c.run("build")
    expect_exit(p, 2)
    assert p.stderr == "relgraph: no INPUT given (try 'relgraph build --help')\n", p.stderr
    p = c.run("frobnicate")
    expect_exit(p, 2)
    assert p.stderr == "relgraph: unknown command 'frobnicate' (try 'relgraph --help')\n", p.stderr
    p = c.run("rules", "lint")
    expect_exit(p, 2)
    assert p.stderr == "relgraph: unknown 'rules' command (try 'relgraph rules check')\n", p.stderr
    p = c.run("build", "--no-such-option", ARTICLES)
    expect_exit(p, 2)
    assert "no-such-option" in p.stderr, p.stderr
    out = c.path("usage.json")
    p = c.run("build", ARTICLES, "--format", "xml", "-o", out)
    expect_exit(p, 2)
    assert p.stderr == ("relgraph: unknown format 'xml' "
                        "(json, graphml, gexf, cytoscape, dot, neo4j, rgx)\n"), p.stderr
    p = c.run("build", ARTICLES, "-o", c.path("graph.txt"))
    expect_exit(p, 2)
    assert p.stderr == f"relgraph: cannot tell the format of '{c.path('graph.txt')}'; use --format\n", p.stderr
    assert not os.path.exists(out) and not os.path.exists(c.path("graph.txt"))


def check_missing_input(c):
    out = c.path("missing.json")
    missing = os.path.join(FIXTURES, "no-such-article.txt")
    p = c.run("build", os.path.join(ARTICLES, "b_partner.txt"), missing, "-o", out)
    expect_exit(p, 3)
    assert p.stderr == f"relgraph: no such file or directory: {missing}\n", p.stderr
    assert not os.path.exists(out), "an output was written for a failed run"


def check_rules_check_ok(c):
    p = c.run("rules", "check")
    expect_exit(p, 0)
    assert re.search(r"^relations: 3$", p.stdout, re.M), p.stdout
    assert p.stdout.endswith(" error(s), 0 warning(s)\n") and "\n0 error(s)" in p.stdout, p.stdout
    p = c.run("rules", "check", os.path.join(FIXTURES, "extra.rules"))
    expect_exit(p, 0)
    assert p.stderr == "", p.stderr


def check_rules_check_errors(c):
    p = c.run("rules", "check", BAD_RULES)
    expect_exit(p, 1)
    assert p.stderr == BAD_RULES_DIAGNOSTICS, "stderr:\n" + p.stderr
    assert p.stdout.endswith("5 error(s), 0 warning(s)\n"), p.stdout
    p = c.run("rules", "check", "-q", BAD_RULES)
    expect_exit(p, 1)
    assert p.stdout == "", p.stdout
    assert p.stderr == BAD_RULES_DIAGNOSTICS, "stderr:\n" + p.stderr


def check_build_with_bad_rules_writes_nothing(c):
    for out in (c.path("bad.json"), c.path("bad.graphml")):
        p = c.run("build", "--rules", BAD_RULES, ARTICLES, "-o", out)
        expect_exit(p, 1)
        assert p.stderr == BAD_RULES_DIAGNOSTICS + \
            "relgraph: 5 error(s) in rule files; nothing written\n", "stderr:\n" + p.stderr
        assert p.stdout == "", p.stdout
        assert not os.path.exists(out), f"{out} was written"
    assert not [n for n in os.listdir(c.tmp) if n.startswith("bad.")], os.listdir(c.tmp)
    # Also nothing on stdout when the output would go there.
    p = c.run("build", "--rules", BAD_RULES, ARTICLES)
    expect_exit(p, 1)
    assert p.stdout == "", p.stdout


def check_missing_rules_path(c):
    p = c.run("build", "--rules", os.path.join(FIXTURES, "none.rules"), ARTICLES, "-o",
              c.path("norules.json"))
    expect_exit(p, 3)
    assert p.stderr.startswith("relgraph: "), p.stderr
    assert "none.rules" in p.stderr, p.stderr
    assert not os.path.exists(c.path("norules.json"))


def check_directory_input(c):
    out = c.path("dir.json")
    p = c.run("build", ARTICLES, "-o", out)
    expect_exit(p, 0)
    assert p.stdout == "", p.stdout
    assert p.stderr == f"relgraph: 3 document(s), 8 node(s), 3 edge(s) -> {out}\n", p.stderr
    data = load_json(out)
    got = {(l["source"], l["relation"], l["target"], e["document"])
           for l in data["links"] for e in l["evidence"]}
    assert got == ARTICLE_EDGES, got
    nodes = {n["id"] for n in data["nodes"]}
    assert "elon-musk" not in nodes and "openai" not in nodes, "the hidden file was read"
    assert nodes == {"anthropic", "donald-trump", "hyundai-motor", "india", "microsoft", "nvidia",
                     "samsung-electronics", "taiwan"}, nodes


def check_output_format_by_extension(c):
    j, g = c.path("fmt.json"), c.path("fmt.graphml")
    expect_exit(c.run("build", "-q", ARTICLES, "-o", j), 0)
    expect_exit(c.run("build", "-q", ARTICLES, "-o", g), 0)
    data = load_json(j)
    assert data["directed"] is True and data["multigraph"] is True, data.keys()
    with open(g, encoding="utf-8") as f:
        head = f.read(200)
    assert head.startswith("<?xml"), head
    assert graphml_edges(g) == links(data), (graphml_edges(g), links(data))
    assert links(data) == {e[:3] for e in ARTICLE_EDGES}, links(data)


def check_output_format_option(c):
    # --format wins over the extension, and makes any extension usable.
    a, b = c.path("forced.graphml"), c.path("forced.dat")
    expect_exit(c.run("build", "-q", ARTICLES, "--format", "json", "-o", a), 0)
    expect_exit(c.run("build", "-q", ARTICLES, "-f", "graphml", "-o", b), 0)
    assert links(load_json(a)) == {e[:3] for e in ARTICLE_EDGES}
    assert graphml_edges(b) == {e[:3] for e in ARTICLE_EDGES}
    # Without -o (or with -o -) JSON goes to stdout; --format graphml too.
    for args in ([], ["-o", "-"]):
        p = c.run("build", "-q", ARTICLES, *args)
        expect_exit(p, 0)
        assert links(json.loads(p.stdout)) == {e[:3] for e in ARTICLE_EDGES}
    p = c.run("build", "-q", ARTICLES, "--format", "graphml")
    expect_exit(p, 0)
    assert p.stdout.startswith("<?xml") and "<graphml" in p.stdout, p.stdout[:200]


def check_json_and_graphml_same_bytes_twice(c):
    for ext in ("json", "graphml"):
        a, b = c.path(f"twice1.{ext}"), c.path(f"twice2.{ext}")
        expect_exit(c.run("build", "-q", ARTICLES, "-o", a), 0)
        expect_exit(c.run("build", "-q", ARTICLES, "-o", b), 0)
        with open(a, "rb") as fa, open(b, "rb") as fb:
            assert fa.read() == fb.read(), f"two runs differ ({ext})"


def check_same_bytes_for_any_thread_count(c):
    # Many small documents so that threads really finish out of order.
    corpus = c.path("threads")
    os.makedirs(corpus, exist_ok=True)
    sources = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(c.srcdir, "examples",
                                                                             "articles"))
                     for f in fs if f.endswith(".txt"))
    for i in range(40):
        shutil.copy(sources[i % len(sources)], os.path.join(corpus, f"doc{i:03d}.txt"))
    outputs = []
    for jobs in ("1", "2", "5"):
        out = c.path(f"threads-{jobs}.json")
        proc = c.run("build", "-q", "-j", jobs, "--explain", corpus, "-o", out)
        expect_exit(proc, 0)
        with open(out, "rb") as f:
            outputs.append((jobs, f.read(), proc.stderr))
    assert len(load_json(c.path("threads-1.json"))["links"]) > 0
    for jobs, data, explain in outputs[1:]:
        assert data == outputs[0][1], f"-j {jobs} output differs from -j 1"
        assert explain == outputs[0][2], f"-j {jobs} --explain differs from -j 1"
    expect_exit(c.run("build", "-j", "0", corpus), 2)
    # The same files given in another order (reversed, then rotated) give the same bytes.
    names = sorted(os.path.join(corpus, f) for f in os.listdir(corpus))
    for order, files in (("reversed", names[::-1]), ("rotated", names[17:] + names[:17])):
        out = c.path(f"threads-{order}.json")
        expect_exit(c.run("build", "-q", "-j", "2", *files, "-o", out), 0)
        with open(out, "rb") as f:
            assert f.read() == outputs[0][1], f"inputs {order}: output differs"


def check_stdin_input(c):
    text = "삼성전자는 엔비디아에 5조원을 투자했다.\n"
    p = c.run("build", "-", "-o", "-", stdin=text)
    expect_exit(p, 0)
    assert p.stderr == "relgraph: 1 document(s), 2 node(s), 1 edge(s)\n", p.stderr
    data = json.loads(p.stdout)
    assert links(data) == {("samsung-electronics", "invests-in", "nvidia")}, links(data)
    ev = data["links"][0]["evidence"][0]
    assert ev["document"] == "<stdin>", ev
    assert ev["text"] == text.strip() and ev["begin"] == 0 and ev["end"] == len(text.strip().encode()), ev
    assert ev["trigger"] == "투자", ev
    # stdin together with files: stdin is read after the files.
    p = c.run("build", "-q", "-", os.path.join(ARTICLES, "b_partner.txt"), stdin=text)
    expect_exit(p, 0)
    data = json.loads(p.stdout)
    assert links(data) == {("samsung-electronics", "invests-in", "nvidia"),
                           ("anthropic", "partners-with", "microsoft")}, links(data)


def check_user_rules(c):
    inp = os.path.join(FIXTURES, "extra_input.txt")
    p = c.run("build", "-q", inp)
    expect_exit(p, 0)
    assert links(json.loads(p.stdout)) == set(), p.stdout[:500]
    p = c.run("build", "-q", "--rules", os.path.join(FIXTURES, "extra.rules"), inp)
    expect_exit(p, 0)
    data = json.loads(p.stdout)
    assert links(data) == {("hangyeol-semi", "invests-in", "nvidia")}, links(data)
    node = [n for n in data["nodes"] if n["id"] == "hangyeol-semi"][0]
    assert node["label"] == "Hangyeol Semiconductor" and node["type"] == "company", node
    assert node["attributes"] == {"kind": "test-fixture"}, node


def check_invalid_utf8_input(c):
    sentence = "삼성전자는".encode() + b"\xff" + " 엔비디아에 투자했다.".encode()
    bad = c.write("in/invalid.txt", sentence + b"\n\xfe\xc0 end\n")
    out = c.path("invalid.json")
    p = c.run("build", bad, "-o", out)
    expect_exit(p, 0)
    assert p.stderr == (f"{bad}: warning: 3 invalid UTF-8 byte(s) replaced with U+FFFD\n"
                        f"relgraph: 1 document(s), 2 node(s), 1 edge(s) -> {out}\n"), p.stderr
    data = load_json(out)
    assert links(data) == {("samsung-electronics", "invests-in", "nvidia")}, links(data)
    ev = data["links"][0]["evidence"][0]
    assert ev["text"] == "삼성전자는\ufffd 엔비디아에 투자했다.", ev["text"]
    assert ev["begin"] == 0 and ev["end"] == len(sentence), ev
    # -q silences the warning.
    p = c.run("build", "-q", bad, "-o", out)
    expect_exit(p, 0)
    assert p.stderr == "", p.stderr


def check_binary_and_empty_inputs_skipped(c):
    d = c.path("mixed")
    os.makedirs(d, exist_ok=True)
    shutil.copy(os.path.join(c.srcdir, ARTICLES, "b_partner.txt"), os.path.join(d, "b.txt"))
    c.write("mixed/image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR Microsoft partnered with Nvidia.")
    c.write("mixed/empty.txt", b"")
    out = c.path("mixed.json")
    p = c.run("build", d, "-o", out)
    expect_exit(p, 0)
    assert p.stderr == (f"{d}/empty.txt: warning: empty file skipped\n"
                        f"{d}/image.png: warning: binary file skipped\n"
                        f"relgraph: 1 document(s), 2 node(s), 1 edge(s) -> {out}\n"), p.stderr
    assert links(load_json(out)) == {("anthropic", "partners-with", "microsoft")}


def check_unwritable_output(c):
    # The output's directory is a regular file: the file cannot be created.
    c.write("unwritable/afile", b"x")
    before = tmp_listing(c)
    out = c.path("unwritable", "afile", "graph.json")
    p = c.run("build", ARTICLES, "-o", out)
    expect_exit(p, 3)
    assert p.stderr.startswith("relgraph: cannot write "), p.stderr
    assert tmp_listing(c) == before, "files were left behind"
    # The output path is a directory: writing succeeds but the final rename fails; the
    # temporary file must be removed and the directory left alone.
    os.makedirs(c.path("unwritable", "dir.json", "keep"))
    before = tmp_listing(c)
    p = c.run("build", ARTICLES, "-o", c.path("unwritable", "dir.json"))
    expect_exit(p, 3)
    assert p.stderr.startswith("relgraph: cannot write "), p.stderr
    assert tmp_listing(c) == before, sorted(set(tmp_listing(c)) ^ set(before))
    # A missing directory.
    out = c.path("no-such-dir", "graph.graphml")
    p = c.run("build", ARTICLES, "-o", out)
    expect_exit(p, 3)
    assert not os.path.exists(c.path("no-such-dir"))


def check_existing_output_replaced(c):
    out = c.path("replace.json")
    with open(out, "w", encoding="utf-8") as f:
        f.write("old content that is longer than nothing\n" * 1000)
    expect_exit(c.run("build", "-q", os.path.join(ARTICLES, "b_partner.txt"), "-o", out), 0)
    assert links(load_json(out)) == {("anthropic", "partners-with", "microsoft")}
    assert not os.path.exists(out + ".tmp-relgraph")


def check_quiet_and_explain(c):
    inp = os.path.join(ARTICLES, "a_invest.txt")
    p = c.run("build", "-q", inp, "-o", c.path("quiet.json"))
    expect_exit(p, 0)
    assert p.stderr == "" and p.stdout == "", (p.stdout, p.stderr)
    p = c.run("build", "--explain", inp, "-o", c.path("explain.json"))
    expect_exit(p, 0)
    assert p.stderr.startswith(inp + ":\n"), p.stderr[:300]
    assert "  sentence: 삼성전자는 엔비디아에 5조원을 투자했다.\n" in p.stderr, p.stderr
    assert "    => samsung-electronics invests-in nvidia\n" in p.stderr, p.stderr
    assert "  sentence: 현대차는 인도에 투자하지 않기로 했다.\n" in p.stderr, p.stderr


def check_no_default_rules(c):
    p = c.run("build", "-q", "--no-default-rules", ARTICLES)
    expect_exit(p, 0)
    data = json.loads(p.stdout)
    assert data["nodes"] == [] and data["links"] == [], data


# ---- the compiled rule cache ----

def large_rules(c, name, entities=15000, extra=""):
    """A rule file of more than 1 MiB (the cache's threshold), with one alias the starter pack
    also has (a warning with a note, replayed from the image)."""
    lines = ["# generated for the rule cache checks\n"]
    for i in range(entities):
        lines.append(f"entity cache-test-{i}\n  type: company\n"
                     f"  aliases: 캐시테스트회사{i} | Cache Test Company {i}\n")
    lines.append("entity cache-test-samsung\n  type: company\n  aliases: 삼성전자\n")
    data = "".join(lines) + extra
    assert len(data.encode()) > 1 << 20
    return c.write(name, data.encode())


def cache_env(**values):
    env = {k: v for k, v in os.environ.items()
           if k not in ("RELGRAPH_CACHE_DIR", "RELGRAPH_NO_RULES_CACHE", "XDG_CACHE_HOME")}
    env.update(values)
    return env


def images(folder):
    if not os.path.isdir(folder):
        return []
    return sorted(f for f in os.listdir(folder) if f.endswith(".rgrules"))


def without_cache_notes(stderr):
    return "".join(l for l in stderr.splitlines(True)
                   if "compiled rule" not in l and "rule cache" not in l)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def check_rules_cache_written_then_read(c):
    rules = large_rules(c, "cache1/big.rules")
    cache = c.path("cache1", "images")
    env = cache_env(RELGRAPH_CACHE_DIR=cache)
    article = os.path.join(ARTICLES, "a_invest.txt")
    outs = [c.path("cache1", f"out{i}.json") for i in range(3)]
    first = c.run("build", "-v", "-j", "1", "--rules", rules, ARTICLES, "-o", outs[0], env=env)
    expect_exit(first, 0)
    assert "relgraph: note: compiled rules written to " + cache in first.stderr, first.stderr
    assert "warning: alias '삼성전자' of 'cache-test-samsung'" in first.stderr, first.stderr
    assert len(images(cache)) == 1, images(cache)
    image = os.path.join(cache, images(cache)[0])
    second = c.run("build", "-v", "-j", "1", "--rules", rules, ARTICLES, "-o", outs[1], env=env)
    expect_exit(second, 0)
    assert "relgraph: note: compiled rules read from " + image in second.stderr, second.stderr
    # The same warnings, notes and output as loading the rules.
    def same(p, out):
        return without_cache_notes(p.stderr.replace(out, "OUT"))
    assert same(second, outs[1]) == same(first, outs[0]), second.stderr
    assert read_bytes(outs[1]) == read_bytes(outs[0])
    # --no-rules-cache neither reads nor writes it.
    before = os.stat(image).st_mtime_ns
    third = c.run("build", "-v", "-j", "2", "--no-rules-cache", "--rules", rules, ARTICLES,
                  "-o", outs[2], env=env)
    expect_exit(third, 0)
    assert "compiled rule" not in third.stderr, third.stderr
    assert same(third, outs[2]) == same(first, outs[0]), third.stderr
    assert read_bytes(outs[2]) == read_bytes(outs[0])
    assert images(cache) == [os.path.basename(image)] and os.stat(image).st_mtime_ns == before
    # Every format, --explain and -j 2 the same warm as without the cache.
    for ext in ("graphml", "gexf", "dot", "cyjs"):
        warm, cold = c.path("cache1", "warm." + ext), c.path("cache1", "cold." + ext)
        expect_exit(c.run("build", "-q", "-j", "2", "--rules", rules, ARTICLES, "-o", warm,
                          env=env), 0)
        expect_exit(c.run("build", "-q", "--no-rules-cache", "--rules", rules, ARTICLES, "-o",
                          cold, env=env), 0)
        assert read_bytes(warm) == read_bytes(cold), ext
    warm = c.run("build", "--explain", "--rules", rules, article, "-o", "-", env=env)
    cold = c.run("build", "--explain", "--no-rules-cache", "--rules", rules, article, "-o", "-",
                 env=env)
    expect_exit(warm, 0)
    assert warm.stdout == cold.stdout and warm.stderr == cold.stderr
    assert len(images(cache)) == 1, images(cache)


def check_rules_cache_damaged_image(c):
    rules = large_rules(c, "cache2/big.rules")
    cache = c.path("cache2", "images")
    env = cache_env(RELGRAPH_CACHE_DIR=cache)
    out, again = c.path("cache2", "out.json"), c.path("cache2", "again.json")
    expect_exit(c.run("build", "-q", "--rules", rules, ARTICLES, "-o", out, env=env), 0)
    image = os.path.join(cache, images(cache)[0])
    good = read_bytes(image)
    for damaged, reason in ((good[:len(good) // 2], "truncated or extended payload"),
                            (good[:len(good) // 2] + bytes([good[len(good) // 2] ^ 1]) +
                             good[len(good) // 2 + 1:], "checksum mismatch"),
                            (b"", "truncated header")):
        with open(image, "wb") as f:
            f.write(damaged)
        p = c.run("build", "--rules", rules, ARTICLES, "-o", again, env=env)
        expect_exit(p, 0)
        assert (f"relgraph: note: ignoring the compiled rule image {image} ({reason}); "
                "compiling the rules") in p.stderr, p.stderr
        assert read_bytes(again) == read_bytes(out)
        assert read_bytes(image) == good  # written again
    with open(image, "wb") as f:
        f.write(good[:100])
    p = c.run("build", "-q", "--rules", rules, ARTICLES, "-o", again, env=env)
    expect_exit(p, 0)
    assert p.stderr == "", p.stderr
    assert read_bytes(image) == good


def check_rules_cache_key_and_switches(c):
    rules = large_rules(c, "cache3/big.rules")
    cache = c.path("cache3", "images")
    env = cache_env(RELGRAPH_CACHE_DIR=cache)
    out = c.path("cache3", "out.json")
    expect_exit(c.run("build", "-q", "--rules", rules, ARTICLES, "-o", out, env=env), 0)
    assert len(images(cache)) == 1
    # A changed rule file is another image; the old one is kept (up to four).
    large_rules(c, "cache3/big.rules",
                extra="entity cache-test-extra\n  type: company\n  aliases: 캐시추가\n")
    p = c.run("build", "-v", "--rules", rules, ARTICLES, "-o", out, env=env)
    expect_exit(p, 0)
    assert "compiled rules written to" in p.stderr, p.stderr
    assert len(images(cache)) == 2, images(cache)
    # Without the starter pack: another key.
    types = c.write("cache3/types.rules", b"type company\n")
    expect_exit(c.run("build", "-q", "--no-default-rules", "--rules", types, "--rules", rules,
                      ARTICLES, "-o", out, env=env), 0)
    assert len(images(cache)) == 3, images(cache)
    # Small rule sets never use the cache; nor does RELGRAPH_NO_RULES_CACHE.
    small = c.path("cache3", "small")
    expect_exit(c.run("build", "-v", "--rules", os.path.join(FIXTURES, "extra.rules"), ARTICLES,
                      "-o", out, env=cache_env(RELGRAPH_CACHE_DIR=small)), 0)
    assert not os.path.exists(small)
    p = c.run("build", "-v", "--rules", rules, ARTICLES, "-o", out,
              env=cache_env(RELGRAPH_CACHE_DIR=small, RELGRAPH_NO_RULES_CACHE="1"))
    expect_exit(p, 0)
    assert not os.path.exists(small) and "compiled rule" not in p.stderr
    # XDG_CACHE_HOME, then HOME.
    xdg = c.path("cache3", "xdg")
    expect_exit(c.run("build", "-q", "--rules", rules, ARTICLES, "-o", out,
                      env=cache_env(XDG_CACHE_HOME=xdg)), 0)
    assert len(images(os.path.join(xdg, "relgraph"))) == 1
    home = c.path("cache3", "home")
    expect_exit(c.run("build", "-q", "--rules", rules, ARTICLES, "-o", out,
                      env=cache_env(HOME=home)), 0)
    assert len(images(os.path.join(home, ".cache", "relgraph"))) == 1
    # A cache that cannot be written: a note, the same output, exit 0.
    blocker = c.write("cache3/file", b"not a folder")
    good = read_bytes(out)
    p = c.run("build", "--rules", rules, ARTICLES, "-o", out,
              env=cache_env(RELGRAPH_CACHE_DIR=os.path.join(blocker, "sub")))
    expect_exit(p, 0)
    assert "relgraph: note: rule cache: cannot create " in p.stderr, p.stderr
    assert read_bytes(out) == good


CHECKS = [
    check_help,
    check_version,
    check_usage_errors,
    check_missing_input,
    check_rules_check_ok,
    check_rules_check_errors,
    check_build_with_bad_rules_writes_nothing,
    check_missing_rules_path,
    check_directory_input,
    check_output_format_by_extension,
    check_output_format_option,
    check_json_and_graphml_same_bytes_twice,
    check_same_bytes_for_any_thread_count,
    check_stdin_input,
    check_user_rules,
    check_invalid_utf8_input,
    check_binary_and_empty_inputs_skipped,
    check_unwritable_output,
    check_existing_output_replaced,
    check_quiet_and_explain,
    check_no_default_rules,
    check_rules_cache_written_then_read,
    check_rules_cache_damaged_image,
    check_rules_cache_key_and_switches,
]


def main(argv):
    return run_checks(argv, __doc__.strip().splitlines()[2], "relgraph-cli-", Cli, CHECKS)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
