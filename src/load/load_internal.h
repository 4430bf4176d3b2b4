// Internals shared by the JSON and GraphML loaders (not part of the load stage's interface):
// GraphAssembler, which adds nodes by id and edges by endpoint id, and small string helpers.
// Nothing here reads files or parses a format.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "graph/canonical.h"
#include "graph/knowledge_graph.h"
#include "load/graph_loader.h"

namespace relgraph::load_detail {

using Vertex = boost::graph_traits<KnowledgeGraph>::vertex_descriptor;

// Builds a KnowledgeGraph in file order, with node lookup by id. It fills a graph the caller
// owns: Boost's adjacency_list has no move constructor, so returning a member would copy it.
class GraphAssembler {
 public:
  explicit GraphAssembler(KnowledgeGraph& g) : g_(g) {}
  // Adds a node; false when a node with this id exists already.
  bool add_node(NodeProperties node);
  // The node with this id, created (label = id, type "unknown") when missing.
  Vertex vertex(const std::string& id);
  const NodeProperties* find(const std::string& id) const;
  // Adds an edge between two ids; when `weight_known` is false, the weight is the number of
  // distinct (document, sentence) pairs of the evidence, or 1 without evidence.
  void add_edge(const std::string& source, const std::string& target, EdgeProperties edge,
                bool weight_known);
  KnowledgeGraph& graph() { return g_; }

 private:
  KnowledgeGraph& g_;
  std::unordered_map<std::string, Vertex> index_;
};

// Attributes sorted by key, the first of a repeated key kept (shared with GraphBuilder).
using relgraph::canonical_attributes;

// "a | b | c" -> {"a", "b", "c"}; empty text -> {}.
std::vector<std::string> split_list(std::string_view text);

// 1-based line and column (in bytes) of a byte offset.
void line_column(std::string_view text, std::size_t offset, std::size_t& line, std::size_t& column);

[[noreturn]] void fail(std::string_view file, const std::string& message);
[[noreturn]] void fail_at(std::string_view file, std::string_view text, std::size_t offset,
                          const std::string& message);

// Parse into `g` (empty): the format as parse_graph chooses it, or one of them.
void parse_into(std::string_view text, std::string_view name, LoadFormat format, KnowledgeGraph& g);
void parse_json(std::string_view text, std::string_view name, KnowledgeGraph& g);
void parse_graphml(std::string_view text, std::string_view name, KnowledgeGraph& g);

// The evidence entries of GraphML's "evidence_data" (a JSON array of node-link evidence
// objects); false (and `out` empty) when it is not one.
bool parse_evidence_data(std::string_view text, std::vector<Evidence>& out);

// Whether `bytes` start with the binary graph's magic.
bool is_binary_graph(std::string_view bytes);

// The validated sections of a binary graph (binary_loader.cpp): every index in them has been
// checked, so reading through it cannot go out of bounds.
struct BinaryLayout {
  std::string_view bytes;
  const char* string_offsets = nullptr;  // string count + 1 words
  const char* string_data = nullptr;
  const char* nodes = nullptr;
  const char* lists = nullptr;
  const char* attributes = nullptr;
  const char* edges = nullptr;
  const char* evidence = nullptr;
  std::uint64_t strings = 0, node_count = 0, list_count = 0, attribute_count = 0, edge_count = 0,
                evidence_count = 0, graph_name = 0;
  bool has_source = false;
  SourceStamp source;
};

// Checks the header (magic, version, size) and, with `verify_checksum`, the checksum; then
// every section's bounds and every index. Throws LoadError ("NAME: corrupt binary graph: ...").
BinaryLayout validate_binary(std::string_view bytes, std::string_view name, bool verify_checksum);
// Only the header: magic, version, size and the source stamp (no checksum, no sections).
BinaryLayout binary_header(std::string_view bytes, std::string_view name);
// Builds the graph (into `g`, empty) from a validated layout, with or without evidence.
void build_from_binary(const BinaryLayout& layout, KnowledgeGraph& g, bool with_evidence);
// The evidence of edge `ordinal` (file order) of a validated layout.
std::vector<Evidence> binary_evidence(const BinaryLayout& layout, std::size_t ordinal);

}  // namespace relgraph::load_detail
