// Writing a KnowledgeGraph as text: node-link JSON and GraphML.
//
// Writers turn a graph into bytes on an std::ostream and do nothing else: no file handling
// (the CLI opens files and writes atomically). Output depends only on the graph, so equal
// graphs give byte-identical files. Schemas are documented in docs/formats.md.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "graph/knowledge_graph.h"

namespace relgraph {

enum class GraphFormat { json, graphml };

// "json" / "graphml"; nullopt for anything else.
std::optional<GraphFormat> parse_graph_format(std::string_view name);
// By file extension: .json → json, .graphml / .xml → graphml; nullopt otherwise.
std::optional<GraphFormat> graph_format_for_path(std::string_view path);

// Node-link JSON (networkx node_link_graph compatible, edges under "links").
void write_json(const KnowledgeGraph& g, std::ostream& out);
// GraphML with typed keys declared per domain (node / edge).
void write_graphml(const KnowledgeGraph& g, std::ostream& out);

void write_graph(const KnowledgeGraph& g, GraphFormat format, std::ostream& out);

}  // namespace relgraph
