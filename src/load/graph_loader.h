// Loading graphs back into a KnowledgeGraph: node-link JSON and GraphML.
//
// Reads what relgraph writes (docs/formats.md) and what other tools write in the same formats:
// - node-link JSON with edges under "links" or "edges" (networkx node_link_data): node ids may
//   be strings or numbers, unknown node fields become attributes, an edge's relation is its
//   "relation", else a string "key", else "label", else "type", else "related"; "directed": false
//   makes every edge symmetric. Endpoints that are not listed as nodes are added (as networkx
//   does).
// - GraphML with <key> declarations (relgraph's, networkx's, igraph's, yEd's): data is matched
//   to fields through the key's attr.name (label, type, aliases, mentions, documents, relation,
//   weight, symmetric, evidence, triggers; an edge without "relation" takes its "label" or
//   "type"); other node data become attributes (empty values count as missing); a node "id"
//   data value (as igraph writes) becomes the entity id; key defaults apply. Undirected edges
//   are symmetric. Only the first <graph> is read; nested graphs, hyperedges and ports are not.
// Loading keeps the order of the file (relgraph's files are canonical already).
//
// GraphML carries less than JSON: evidence is read back from the "document#sentence: text"
// lines, the trigger of each entry is recovered from the edge's trigger list when it can be
// told (the trigger found in the sentence), and byte offsets and dates are lost (0 and empty).
// Edge data other than the fields above is not kept (EdgeProperties has no place for it).
//
// Errors (unreadable file, invalid JSON or XML, missing or mistyped fields, duplicate node ids)
// throw LoadError whose message starts with the file name and, where known, line and column
// ("g.graphml:12:5: ...") or the JSON path ("g.json: nodes[3]: missing \"id\""). No printing.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace relgraph {

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class LoadFormat { automatic, json, graphml };

// Parses `text`; `name` is used in error messages. automatic: JSON when the first non-space
// character is '{' or '[', GraphML when it is '<'.
KnowledgeGraph parse_graph(std::string_view text, std::string_view name,
                           LoadFormat format = LoadFormat::automatic);

// Reads and parses a file ("-": standard input).
KnowledgeGraph load_graph(const std::string& path, LoadFormat format = LoadFormat::automatic);

}  // namespace relgraph
