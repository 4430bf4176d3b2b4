#!/usr/bin/env python3
"""Sanity checks for the starter pack's data files (rules/*.rules, see rules/README.md).

A minimal, independent reader of the rule-file format (stanzas, `key: value` properties,
`|` lists, `[options]`, `#` comments, backslash escapes) that checks what the C++ loader does
not, or only warns about:

  * names (ids) are well-formed and unique; every entity has a declared type;
  * no alias is shared by two entities or groups (compared lowercased, without spaces);
  * alias options are known, with at most one context option;
  * a single Hangul syllable alias carries an option ([alone], [list], [particle], ...);
  * a Latin acronym of four letters or fewer carries [case];
  * `country:`, `org:` and `parent:` attributes and group members name existing entities of
    the right type; `wikidata:` looks like a Q-id;

and prints how many entities of each type there are.

Usage: tools/check_rules_data.py [FILE.rules ...]
       (default: rules/{types,countries,companies,people}.rules of this repository)
Exit status: 0 when there are no errors (warnings are allowed), 1 otherwise.
Standard library only.
"""

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILES = ["types.rules", "countries.rules", "companies.rules", "people.rules"]

NAME_RE = re.compile(r"^[a-z0-9._-]+$")
HEADER_RE = re.compile(r"^([a-z]+)\s+(\S+)\s*$")
PROPERTY_RE = re.compile(r"^([a-z][a-z0-9._-]*)\s*:\s?(.*)$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
OPTIONS = {"case", "any", "particle", "alone", "list", "toward"}
CONTEXT_OPTIONS = {"any", "particle", "alone", "list"}
KINDS = {"type", "entity", "group", "relation", "lexicon"}
ESCAPABLE = {"|", "#", "[", "\\"}


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"{where}: error: {msg}")

    def warning(self, where, msg):
        self.warnings += 1
        print(f"{where}: warning: {msg}")


def strip_comment(line):
    """Cut an unescaped '#' that starts the line or follows white space."""
    i = 0
    while i < len(line):
        c = line[i]
        if c == "\\" and i + 1 < len(line):
            i += 2
            continue
        if c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i]
        i += 1
    return line


def split_items(value):
    """Split on unescaped '|'; escapes stay in place (resolved per item)."""
    items, cur, i = [], [], 0
    while i < len(value):
        c = value[i]
        if c == "\\" and i + 1 < len(value):
            cur.append(value[i : i + 2])
            i += 2
            continue
        if c == "|":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    items.append("".join(cur))
    return items


def unescape(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            out.append(text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def parse_item(raw):
    """'미 [alone]' -> ('미', ['alone']); an escaped '\\[' is not an option list."""
    raw = raw.strip()
    options = []
    m = re.search(r"(?<!\\)\[([^\]]*)\]\s*$", raw)
    if m:
        options = [o.strip() for o in m.group(1).split(",") if o.strip()]
        raw = raw[: m.start()].rstrip()
    return unescape(raw).strip(), options


class Stanza:
    def __init__(self, kind, name, where):
        self.kind = kind
        self.name = name
        self.where = where
        self.props = defaultdict(list)  # key -> [(value, where)]


def read_file(path, report):
    stanzas = []
    current = None
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{lineno}"
        text = strip_comment(line).rstrip()
        if not text.strip():
            continue
        if not text[0].isspace():
            m = HEADER_RE.match(text)
            if not m:
                report.error(where, f"bad stanza header: {text!r}")
                current = None
                continue
            kind, name = m.groups()
            if kind not in KINDS:
                report.error(where, f"unknown stanza kind {kind!r}")
            if not NAME_RE.match(name):
                report.error(where, f"bad name {name!r}")
            current = Stanza(kind, name, where)
            stanzas.append(current)
            continue
        if current is None:
            report.error(where, "property outside a stanza")
            continue
        m = PROPERTY_RE.match(text.strip())
        if not m:
            report.error(where, f"bad property line: {text.strip()!r}")
            continue
        key, value = m.groups()
        current.props[key].append((value.strip(), where))
    return stanzas


def alias_key(text):
    return "".join(text.lower().split())


def is_single_hangul_syllable(text):
    return len(text) == 1 and "\uac00" <= text <= "\ud7a3"


def is_short_acronym(text):
    return 1 <= len(text) <= 4 and text.isascii() and text.isalpha() and text.isupper()


def has_hangul(text):
    return any("\uac00" <= c <= "\ud7a3" for c in text)


def main(argv):
    report = Report()
    paths = [Path(a) for a in argv] if argv else [ROOT / "rules" / f for f in DEFAULT_FILES]
    stanzas = []
    for p in paths:
        if not p.is_file():
            report.error(str(p), "no such file")
            continue
        stanzas.extend(read_file(p, report))

    types = {}
    entities = {}  # id -> stanza
    groups = {}
    for s in stanzas:
        table = {"type": types, "entity": entities, "group": groups}.get(s.kind)
        if table is None:
            continue
        if s.name in table:
            report.error(s.where, f"duplicate {s.kind} {s.name!r} (first at {table[s.name].where})")
            continue
        table[s.name] = s
    for gid, g in groups.items():
        if gid in entities:
            report.error(g.where, f"group id {gid!r} is also an entity id")

    def single(s, key, required=False):
        values = s.props.get(key, [])
        if not values:
            if required:
                report.error(s.where, f"{s.kind} {s.name}: missing {key!r}")
            return None
        if len(values) > 1:
            report.warning(values[1][1], f"{s.kind} {s.name}: {key!r} given more than once")
        return unescape(values[0][0])

    def aliases_of(s):
        out = []
        for value, where in s.props.get("aliases", []):
            for raw in split_items(value):
                text, options = parse_item(raw)
                if not text:
                    report.error(where, f"{s.name}: empty alias")
                    continue
                out.append((text, options, where))
        return out

    owners = {}  # alias key -> (owner, text, where)

    def claim(owner, text, options, where, label_only=False):
        for o in options:
            if o not in OPTIONS:
                report.error(where, f"{owner}: alias {text!r}: unknown option {o!r}")
        if len([o for o in options if o in CONTEXT_OPTIONS]) > 1:
            report.error(where, f"{owner}: alias {text!r}: more than one context option")
        if is_single_hangul_syllable(text) and not options:
            report.error(where, f"{owner}: single Hangul syllable alias {text!r} needs an option")
        if is_short_acronym(text) and "case" not in options and not label_only:
            report.error(where, f"{owner}: short Latin acronym {text!r} should be [case]")
        if text != text.strip() or "  " in text:
            report.warning(where, f"{owner}: alias {text!r} has stray spaces")
        if unicodedata.normalize("NFC", text) != text:
            report.error(where, f"{owner}: alias {text!r} is not NFC")
        key = alias_key(text)
        prev = owners.get(key)
        if prev and prev[0] != owner:
            report.error(where, f"alias {text!r} of {owner} is also an alias of {prev[0]} "
                                f"({prev[1]!r}, {prev[2]})")
        elif not prev:
            owners[key] = (owner, text, where)

    # Entities.
    for eid, e in entities.items():
        etype = single(e, "type", required=True)
        if etype is not None and etype not in types:
            report.error(e.where, f"entity {eid}: undeclared type {etype!r}")
        label = single(e, "label")
        aliases = aliases_of(e)
        if label is None and not aliases:
            report.error(e.where, f"entity {eid}: no label and no aliases")
        listed = {a[0] for a in aliases}
        if label is not None and label not in listed:
            claim(eid, label, [], e.where, label_only=True)
        for text, options, where in aliases:
            claim(eid, text, options, where)

    # Groups.
    for gid, g in groups.items():
        members = []
        for value, where in g.props.get("members", []):
            members += [(unescape(m.strip()), where) for m in split_items(value) if m.strip()]
        if len(members) < 2:
            report.error(g.where, f"group {gid}: needs at least two members")
        for m, where in members:
            if m not in entities:
                report.error(where, f"group {gid}: unknown member {m!r}")
        aliases = aliases_of(g)
        if not aliases:
            report.error(g.where, f"group {gid}: no aliases")
        for text, options, where in aliases:
            claim(f"group {gid}", text, options, where)
        for key in g.props:
            if key not in ("members", "aliases"):
                report.error(g.where, f"group {gid}: unknown key {key!r}")

    # References between entities.
    def type_of(eid):
        e = entities.get(eid)
        return single(e, "type") if e else None

    refs = {"country": "country", "org": "company", "parent": "company"}
    for eid, e in entities.items():
        for key, want in refs.items():
            for value, where in e.props.get(key, []):
                ref = unescape(value)
                if ref not in entities:
                    report.error(where, f"entity {eid}: {key} {ref!r} is not an entity")
                elif type_of(ref) != want:
                    report.error(where, f"entity {eid}: {key} {ref!r} is not a {want}")
        for value, where in e.props.get("wikidata", []):
            if not WIKIDATA_RE.match(value):
                report.error(where, f"entity {eid}: wikidata {value!r} is not a Q-id")

    # Counts.
    counts = defaultdict(int)
    for e in entities.values():
        counts[single(e, "type") or "?"] += 1
    n_aliases = sum(len(aliases_of(s)) for s in list(entities.values()) + list(groups.values()))
    print("types: " + ", ".join(sorted(types)))
    for t in sorted(counts):
        print(f"{t}: {counts[t]}")
    print(f"entities: {len(entities)}, groups: {len(groups)}, aliases: {n_aliases}")
    print(f"{report.errors} error(s), {report.warnings} warning(s)")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
