// Loading graphs back into a KnowledgeGraph: node-link JSON, GraphML and relgraph's binary
// graph (.rgx, see write/binary_graph.h), and the binary cache beside a graph file.
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
// GraphML written by relgraph carries the full evidence in its "evidence_data" attribute (a
// JSON array), so JSON -> GraphML -> JSON is lossless. Without it (older files, other tools),
// evidence is read back from the "document#sentence: text" lines, the trigger of each entry is
// recovered from the edge's trigger list when it can be told (the trigger found in the
// sentence), and byte offsets and dates are lost (0 and empty).
// Edge data other than the fields above is not kept (EdgeProperties has no place for it).
//
// Binary graphs (.rgx) are read from a memory map after checking their header, checksum and
// every index in them: a truncated, corrupt or foreign file is a LoadError, never trusted.
// open_graph() also uses a cache: when PATH.rgx exists beside PATH and records PATH's current
// size, modification time and sampled-content hash (SourceStamp), it is read instead of PATH;
// a stale or corrupt cache is ignored (with a note) and PATH is read. It can leave evidence
// out until asked for (defer_evidence), so queries that show a few edges do not build a
// million evidence entries.
//
// Errors (unreadable file, invalid JSON or XML, missing or mistyped fields, duplicate node ids)
// throw LoadError whose message starts with the file name and, where known, line and column
// ("g.graphml:12:5: ...") or the JSON path ("g.json: nodes[3]: missing \"id\""). No printing.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "write/binary_graph.h"

namespace relgraph {

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class LoadFormat { automatic, json, graphml, binary };

// Parses `text`; `name` is used in error messages. automatic: binary when `text` starts with
// the binary graph's magic, JSON when the first non-space character is '{' or '[', GraphML
// when it is '<'.
KnowledgeGraph parse_graph(std::string_view text, std::string_view name,
                           LoadFormat format = LoadFormat::automatic);

// Reads and parses a file ("-": standard input).
KnowledgeGraph load_graph(const std::string& path, LoadFormat format = LoadFormat::automatic);

struct LoadOptions {
  LoadFormat format = LoadFormat::automatic;
  // Read PATH.rgx instead of PATH when it is a fresh, intact cache of PATH.
  bool use_cache = true;
  // From a binary graph (or cache), load edges without their evidence; GraphFile::
  // materialise_evidence() fills it in for the edges that need it. Other formats ignore it.
  bool defer_evidence = false;
};

class DeferredEvidence;

// A loaded graph, with what is needed to fill in deferred evidence.
class GraphFile {
 public:
  GraphFile();
  ~GraphFile();
  GraphFile(const GraphFile&) = delete;
  GraphFile& operator=(const GraphFile&) = delete;

  KnowledgeGraph graph;
  std::string read_from;           // the file read: the path given or its cache
  std::vector<std::string> notes;  // why a cache beside the file was not used, if one was there

  bool evidence_deferred() const { return deferred_ != nullptr; }
  // Fills in the evidence of these edges of `graph` (nothing to do unless deferred).
  void materialise_evidence(
      const std::vector<boost::graph_traits<KnowledgeGraph>::edge_descriptor>& edges);
  // Fills in the evidence of every edge; the graph is then as if loaded without deferring.
  void materialise_all_evidence();

 private:
  friend std::unique_ptr<GraphFile> open_graph(const std::string& path, const LoadOptions& options);
  std::unique_ptr<DeferredEvidence> deferred_;
};

// Reads a graph file ("-": standard input, never cached) as LoadOptions say.
std::unique_ptr<GraphFile> open_graph(const std::string& path, const LoadOptions& options = {});

// The cache of a graph file: PATH + ".rgx".
std::string cache_path_for(const std::string& path);

// Size, modification time and a hash of sampled bytes (the first, middle and last 64 KiB) of a
// file, as a cache records them. Throws LoadError when the file cannot be read.
SourceStamp stamp_file(const std::string& path);

}  // namespace relgraph
