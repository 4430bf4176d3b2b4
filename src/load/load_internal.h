// Internals shared by the JSON and GraphML loaders (not part of the load stage's interface):
// GraphAssembler, which adds nodes by id and edges by endpoint id, and small string helpers.
// Nothing here reads files or parses a format.
#pragma once

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

// Parse into `g` (empty).
void parse_json(std::string_view text, std::string_view name, KnowledgeGraph& g);
void parse_graphml(std::string_view text, std::string_view name, KnowledgeGraph& g);

}  // namespace relgraph::load_detail
