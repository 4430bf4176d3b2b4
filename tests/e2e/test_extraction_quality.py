#!/usr/bin/python3
"""End-to-end: extraction quality on hand-annotated articles written for the project.

Usage: /usr/bin/python3 tests/e2e/test_extraction_quality.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Two data sets, each run file by file through `relgraph build` and compared with its gold edges:
- examples: the shipped example articles (examples/articles, with --rules examples/rules),
  gold in tests/e2e/extraction_cases/expected.tsv, plus negatives.tsv (edges that must not
  appear unless listed in known_failures.tsv). These were used while writing the rules.
- heldout, blind: articles written blind to the rules (tests/heldout, tests/blind); their
  errors have since been studied, so they now guard against regressions.
- blind2: articles written blind to the rules (tests/blind2) and kept blind: the per-file
  misses it prints are not for reading while changing rules.
- dev3, dev4: gold in seeds.json's format (tests/dev3/gold.json, tests/dev4/gold.json):
  entities by name, chosen freely by the author (not from the rules), so the graph's nodes
  are mapped to them by name as ../shared/eval/score.py does; it also measures how many of a
  text's entities the rules know.
Prints per-file misses and spurious edges and precision, recall and F1. Fails when F1 or
precision fall below a data set's floors (measured values minus a margin; raise them when
extraction improves), or when a negative edge is produced.
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

CASES = os.path.join("tests", "e2e", "extraction_cases")

# Floors: measured values minus 0.02. examples: 60 gold, P 1.000 R 0.833 F1 0.909;
# heldout: 60 gold, P 1.000 R 0.900 F1 0.947. A drop below these is a regression.
DATASETS = [
    {"name": "examples", "articles": os.path.join("examples", "articles"),
     "rules": os.path.join("examples", "rules"), "count": 8,
     "expected": os.path.join(CASES, "expected.tsv"),
     "negatives": os.path.join(CASES, "negatives.tsv"),
     "known": os.path.join(CASES, "known_failures.tsv"),
     "f1_floor": 0.899, "precision_floor": 0.980},
    {"name": "heldout", "articles": os.path.join("tests", "heldout", "articles"),
     "rules": None, "count": 10,
     "expected": os.path.join("tests", "heldout", "expected.tsv"),
     "negatives": None, "known": None,
     "f1_floor": 0.927, "precision_floor": 0.980},
    # blind: 64 gold; first contact P 0.868 R 0.516 F1 0.647, since studied: P 1.000 R 0.844
    # F1 0.915.
    {"name": "blind", "articles": os.path.join("tests", "blind", "articles"),
     "rules": None, "count": 12,
     "expected": os.path.join("tests", "blind", "expected.tsv"),
     "negatives": None, "known": None,
     "f1_floor": 0.895, "precision_floor": 0.980},
    # blind2: 82 gold, written in session 9 by a helper blind to the extractor; first contact
    # P 0.870 R 0.573 F1 0.691 (54 produced, 47 correct; main f8721f7). Kept blind: nobody reads
    # its errors or tunes to it; after the general fixes studied on dev2: P 0.909 R 0.610
    # F1 0.730. Session 10's fixes (studied on dev2 and dev3, and English probes) moved it to
    # P 0.864 R 0.622 F1 0.723 (59 produced, 51 correct): 1 edge gained, 3 spurious more.
    # The cause was not looked for, to keep the set blind. Session 12's discovery of companies:
    # P 0.850 R 0.622 F1 0.718 (60 produced, 51 correct): one spurious edge more, which turning
    # the parts off one at a time (totals only) put on the glued Korean suffix; kept for dev3.
    # Session 12's criticism fixes (studied on dev3): P 0.855 R 0.646 F1 0.736 (61 produced,
    # 53 correct). Session 13's fixes from hand-written probes (received investments, stake
    # sales, founders "with" a partner, longer noun phrases): P 0.875 R 0.683 F1 0.767 (64
    # produced, 56 correct); unchanged by the later dev4 fixes, English fixes and entities.
    # The floors (that minus 0.02) only catch regressions.
    {"name": "blind2", "articles": os.path.join("tests", "blind2", "articles"),
     "rules": None, "count": 14,
     "expected": os.path.join("tests", "blind2", "expected.tsv"),
     "negatives": None, "known": None,
     "f1_floor": 0.747, "precision_floor": 0.855},
    # dev2: 92 gold, written in session 9 by a helper blind to the extractor, for study;
    # first contact P 0.848 R 0.609 F1 0.709 (66 produced, 56 correct; main f3aae5b). Its errors
    # may be studied (general fixes only); since studied: P 0.921 R 0.761 F1 0.833 (session
    # 9), P 0.938 R 0.826 F1 0.879 (session 10), P 0.940 R 0.848 F1 0.891 (session 12),
    # P 0.931 R 0.880 F1 0.905 (session 13).
    {"name": "dev2", "articles": os.path.join("tests", "dev2", "articles"),
     "rules": None, "count": 16,
     "expected": os.path.join("tests", "dev2", "expected.tsv"),
     "negatives": None, "known": None,
     "f1_floor": 0.885, "precision_floor": 0.911},
    # dev3: 111 gold edges by name, written in session 10 by a helper blind to the extractor,
    # with entities chosen freely (a third of them unknown to the rules); first contact with
    # the session's starting binary (main 790a475): P 0.482 R 0.243 F1 0.323; with the
    # session's changes (440 more entities, Korean ministries as their country, English and
    # Korean frames; a few of its errors studied): P 0.688 R 0.396 F1 0.503. Session 11's
    # discovery of people no rule lists (src/discover): P 0.706 R 0.432 F1 0.536. Session 12's
    # discovery of companies and English "inject": P 0.766 R 0.532 F1 0.628; with its
    # criticism fixes: P 0.819 R 0.613 F1 0.701; with foreign names in Hangul: P 0.824
    # R 0.631 F1 0.714; with the investment and partnership fixes: P 0.837 R 0.694 F1 0.759.
    # Session 13 (fixes from probes, dev3 and dev4, English fixes, 528 more entities): P 0.950
    # R 0.856 F1 0.900. For study, as dev2.
    {"name": "dev3", "articles": os.path.join("tests", "dev3", "articles"),
     "rules": None, "count": 16,
     "gold_json": os.path.join("tests", "dev3", "gold.json"),
     "expected": None, "negatives": None, "known": None,
     "f1_floor": 0.880, "precision_floor": 0.930},
    # dev4: 134 gold edges by name, written in session 13 by a helper blind to the extractor
    # (entities chosen freely, topics unlike dev3's); first contact with main 529368a (session
    # 13's probe-driven fixes already in): P 0.671 R 0.396 F1 0.498 (79 produced, 53 correct);
    # session 12's final build 5bc46d1 scored P 0.662 R 0.381 F1 0.483. After studying its
    # errors, English fixes and 528 more starter entities (session 13): P 0.889 R 0.716
    # F1 0.793; at the end of session 13 (dev3's and the English fixes merged too): P 0.878
    # R 0.754 F1 0.811. For study, as dev2.
    {"name": "dev4", "articles": os.path.join("tests", "dev4", "articles"),
     "rules": None, "count": 16,
     "gold_json": os.path.join("tests", "dev4", "gold.json"),
     "expected": None, "negatives": None, "known": None,
     "f1_floor": 0.791, "precision_floor": 0.858},
]


def name_key(name):
    """Casefolded NFKC with spaces and most punctuation removed (as score.py compares names)."""
    s = unicodedata.normalize("NFKC", str(name)).casefold()
    return "".join(ch for ch in s if ch.isalnum())


class NameMap:
    """Maps a graph node to the gold entity with its label, id, or most of its aliases."""

    def __init__(self, entities):
        self.by_name = defaultdict(set)
        for e in entities:
            self.by_name[name_key(e["id"])].add(e["id"])
            for n in e["names"]:
                self.by_name[name_key(n)].add(e["id"])

    def lookup(self, node):
        for k in (node.get("label"), node.get("id")):
            hit = self.by_name.get(name_key(k)) if k is not None else None
            if hit and len(hit) == 1:
                return next(iter(hit))
        votes = defaultdict(int)
        for a in node.get("aliases", []) or []:
            for gid in self.by_name.get(name_key(a), ()):
                votes[gid] += 1
        if votes:
            best = max(votes.values())
            top = [g for g, v in votes.items() if v == best]
            if len(top) == 1:
                return top[0]
        return "?" + str(node.get("id"))


def read_tsv(path, min_fields):
    """Rows of a tab-separated file without header; '#' lines and blank lines are skipped."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            assert len(fields) >= min_fields, f"{path}:{n}: expected {min_fields} fields: {line!r}"
            rows.append(fields)
    return rows


def edge_key(file, source, relation, target, symmetric):
    if symmetric and target < source:
        source, target = target, source
    return (file, source, relation, target)


def extract(binary, srcdir, tmp, dataset, name, names=None):
    """The edges relgraph finds in one article, as (file, source, relation, target); with
    `names` (a NameMap), its nodes are named by the gold entities they map to."""
    out = os.path.join(tmp, name + ".json")
    cmd = [binary, "build", "-q"]
    if dataset["rules"]:
        cmd += ["--rules", dataset["rules"]]
    cmd += [os.path.join(dataset["articles"], name), "-o", out]
    proc = subprocess.run(cmd, cwd=srcdir, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{proc.stderr}")
    with open(out, encoding="utf-8") as f:
        data = json.load(f)
    ids = {n["id"]: (names.lookup(n) if names else n["id"]) for n in data["nodes"]}
    return {edge_key(name, ids[l["source"]], l["relation"], ids[l["target"]],
                     l.get("symmetric", False) or (names is not None and
                                                   l["relation"] == "partners-with"))
            for l in data["links"]}


def fmt(edge):
    return f"{edge[1]} {edge[2]} {edge[3]}"


def measure(binary, srcdir, ds, check):
    """Runs one data set and records its checks."""
    name_ = ds["name"]
    symmetric = {"partners-with"}

    def keyed(path, with_reason):
        if not path:
            return {}
        rows = read_tsv(os.path.join(srcdir, path), 4)
        return {edge_key(r[0], r[1], r[2], r[3], r[2] in symmetric):
                (r[4] if len(r) > 4 else "") for r in rows}

    names = None
    if ds.get("gold_json"):
        with open(os.path.join(srcdir, ds["gold_json"]), encoding="utf-8") as f:
            gold_doc = json.load(f)
        names = NameMap(gold_doc["entities"])
        gold = {edge_key(d["file"], s_, r, t, r in symmetric)
                for d in gold_doc["documents"] for s_, r, t in d["edges"]}
    else:
        gold = set(keyed(ds["expected"], False))
    negatives = keyed(ds["negatives"], True)
    known = keyed(ds["known"], True)

    folder = os.path.join(srcdir, ds["articles"])
    articles = sorted(n for n in os.listdir(folder) if n.endswith(".txt"))
    check(f"{name_}: articles found", len(articles) == ds["count"], f"{len(articles)} articles")
    files_in_gold = {e[0] for e in gold} | {e[0] for e in negatives}
    check(f"{name_}: every annotated file exists", files_in_gold <= set(articles),
          f"missing: {sorted(files_in_gold - set(articles))}")
    check(f"{name_}: negatives and gold are disjoint", not (set(negatives) & gold),
          f"{sorted(set(negatives) & gold)}")
    check(f"{name_}: known failures are negatives", set(known) <= set(negatives),
          f"not in negatives.tsv: {sorted(set(known) - set(negatives))}")

    got = set()
    with tempfile.TemporaryDirectory(prefix="relgraph-quality-") as tmp:
        for name in articles:
            try:
                got |= extract(binary, srcdir, tmp, ds, name, names)
            except Exception as exc:  # report and go on with the other files
                check(f"{name_}: extract {name}", False, str(exc))

    print(f"\n== {name_}")
    for name in articles:
        g = {e for e in gold if e[0] == name}
        p = {e for e in got if e[0] == name}
        print(f"{name}: {len(g & p)}/{len(g)} gold found, {len(p - g)} spurious")
        for e in sorted(g - p):
            print(f"    miss      {fmt(e)}")
        for e in sorted(p - g):
            tag = "NEGATIVE " if e in negatives else "spurious "
            print(f"    {tag} {fmt(e)}" + (f"   ({negatives[e]})" if e in negatives else ""))
    tp = len(gold & got)
    precision = tp / len(got) if got else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name_}: gold {len(gold)}, produced {len(got)}, correct {tp}")
    print(f"{name_}: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"{name_}: floors: precision >= {ds['precision_floor']:.3f}, F1 >= {ds['f1_floor']:.3f}\n")

    check(f"{name_}: F1 at or above the floor", f1 >= ds["f1_floor"],
          f"F1 {f1:.3f} < {ds['f1_floor']:.3f}")
    check(f"{name_}: precision at or above the floor", precision >= ds["precision_floor"],
          f"precision {precision:.3f} < {ds['precision_floor']:.3f}")
    produced_negatives = {e for e in got if e in negatives}
    unexpected = sorted(produced_negatives - set(known))
    check(f"{name_}: no negative edge produced (beyond known_failures.tsv)", not unexpected,
          "; ".join(f"{e[0]}: {fmt(e)} ({negatives[e]})" for e in unexpected))
    for e in sorted(set(known) - produced_negatives):
        print(f"note: known failure no longer produced, remove it from known_failures.tsv: "
              f"{e[0]}\t{e[1]}\t{e[2]}\t{e[3]}")


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, srcdir = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))

    for dataset in DATASETS:
        measure(binary, srcdir, dataset, check)

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
