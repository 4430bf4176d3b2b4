#!/usr/bin/env python3
"""Consistency check for tests/dev4/gold.json against tests/dev4/articles/.

Checks: ids unique, types and relations valid, no name shared by two entities,
every name of every entity occurs in some article, every entity listed for a
document has one of its names in that document, every edge's ends are listed
for its document, no duplicate edges (partners-with unordered), 3-12 edges per
page. Warns (does not fail) when a known name occurs in a page whose entity
list lacks it, or when a listed entity is found only inside a longer name.
"""
import json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
gold = json.load(open(os.path.join(HERE, 'gold.json'), encoding='utf-8'))
arts = {}
for f in sorted(os.listdir(os.path.join(HERE, 'articles'))):
    arts[f] = open(os.path.join(HERE, 'articles', f), encoding='utf-8').read()

errors, warnings = [], []
ents = {}
owner = {}
for e in gold['entities']:
    if e['id'] in ents:
        errors.append('duplicate id %s' % e['id'])
    ents[e['id']] = e
    if e['type'] not in ('person', 'company', 'country'):
        errors.append('bad type %s' % e['id'])
    for n in e['names']:
        if n in owner:
            errors.append('name %r belongs to %s and %s' % (n, owner[n], e['id']))
        owner[n] = e['id']
        if not any(n in t for t in arts.values()):
            errors.append('name %r of %s occurs in no article' % (n, e['id']))

rels = set(gold['relations'])
docs = {d['file']: d for d in gold['documents']}
if set(docs) != set(arts):
    errors.append('documents %s != articles %s' % (sorted(set(docs) ^ set(arts)), ''))

def spans(text, name):
    i = text.find(name)
    while i >= 0:
        yield i, i + len(name)
        i = text.find(name, i + 1)

def standalone(text, eid):
    """True if some name of eid occurs at a position not covered by a longer
    name of another entity."""
    longer = [n for n, o in owner.items() if o != eid]
    for n in ents[eid]['names']:
        for a, b in spans(text, n):
            covered = False
            for m in longer:
                if len(m) > len(n) and n in m:
                    for c, d in spans(text, m):
                        if c <= a and b <= d:
                            covered = True
                            break
                if covered:
                    break
            if not covered:
                return True
    return False

counts = Counter()
used = set()
for f, d in docs.items():
    text = arts.get(f, '')
    listed = set(d['entities'])
    used |= listed
    for eid in d['entities']:
        if eid not in ents:
            errors.append('%s: unknown entity %s' % (f, eid))
            continue
        if not any(n in text for n in ents[eid]['names']):
            errors.append('%s: entity %s has no name in the page' % (f, eid))
        elif not standalone(text, eid):
            warnings.append('%s: %s occurs only inside a longer name' % (f, eid))
    seen = set()
    if not 3 <= len(d['edges']) <= 12:
        errors.append('%s: %d edges' % (f, len(d['edges'])))
    for s, r, t in d['edges']:
        if r not in rels:
            errors.append('%s: bad relation %s' % (f, r))
        for x in (s, t):
            if x not in listed:
                errors.append('%s: edge end %s not in entities' % (f, x))
        key = (r, frozenset((s, t))) if r == 'partners-with' else (r, s, t)
        if key in seen:
            errors.append('%s: duplicate edge %s %s %s' % (f, s, r, t))
        seen.add(key)
        if s == t:
            errors.append('%s: self edge %s' % (f, s))
        counts[r] += 1
    for eid, e in ents.items():
        if eid not in listed and standalone(text, eid) and any(n in text for n in e['names']):
            warnings.append('%s: name of %s occurs but it is not listed' % (f, eid))
for eid in ents:
    if eid not in used:
        errors.append('entity %s in no document' % eid)

for w in warnings:
    print('warning:', w)
for e in errors:
    print('ERROR:', e)
types = Counter(e['type'] for e in gold['entities'])
print('%d pages, %d entities (%s), edges: %s, total %d' % (
    len(docs), len(ents), ', '.join('%s %d' % kv for kv in sorted(types.items())),
    ', '.join('%s %d' % kv for kv in sorted(counts.items())), sum(counts.values())))
sys.exit(1 if errors else 0)
