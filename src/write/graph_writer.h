// Writing a KnowledgeGraph as text: node-link JSON, GraphML, GEXF 1.3, Cytoscape.js JSON,
// Graphviz DOT and Neo4j import CSV.
//
// Writers turn a graph into bytes on an std::ostream and do nothing else: no file handling
// (the CLI opens files and writes atomically). Output depends only on the graph, so equal
// graphs give byte-identical files. Every writer reads the graph through a GraphView
// (graph/graph_view.h), one node or edge at a time (the text writers: a range of 64 per thread),
// and writes it out before it reads further, so a graph that `relgraph build` keeps in its spill
// file (graph/graph_builder.h) is never all in memory; the overloads taking a KnowledgeGraph
// write it through its view. The
// exception is the binary format, whose string table needs every distinct string at once. Most
// formats are one stream; Neo4j's is two tables (nodes and edges), so the CLI asks
// graph_output_files() which files to write and writes each part with write_graph_part(). Schemas
// are documented in docs/formats.md.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"

namespace relgraph {

enum class GraphFormat { json, graphml, gexf, cytoscape, dot, neo4j, binary };

// "json", "graphml", "gexf", "cytoscape" (or "cyjs"), "dot" (or "gv", "graphviz"), "neo4j",
// "rgx" (or "binary"), in any case; nullopt for anything else.
std::optional<GraphFormat> parse_graph_format(std::string_view name);
// The names parse_graph_format accepts, for messages: "json, graphml, gexf, cytoscape, dot,
// neo4j, rgx".
std::string_view graph_format_names();
// By file extension (any case): .json → json, .graphml / .xml → graphml, .gexf → gexf,
// .cyjs → cytoscape, .dot / .gv → dot, .rgx → binary; nullopt otherwise (neo4j has no extension).
std::optional<GraphFormat> graph_format_for_path(std::string_view path);

// What one output file holds: the whole graph, or one of Neo4j's two tables.
enum class GraphPart { whole, nodes, edges };

struct GraphOutputFile {
  std::string path;
  GraphPart part = GraphPart::whole;
};

// Whether the format is written as one stream (so it can also go to stdout). False for neo4j.
bool graph_format_is_single_file(GraphFormat format);

// The files a format writes for the output path `out`. Single-file formats: {out, whole}.
// neo4j: DIR/nodes.csv and DIR/edges.csv when `out` ends with '/' or `out_is_directory`;
// otherwise `out` is a prefix: PREFIX_nodes.csv and PREFIX_edges.csv, where a trailing ".csv"
// (any case) is first dropped from `out`. Nodes first.
std::vector<GraphOutputFile> graph_output_files(GraphFormat format, std::string_view out,
                                                bool out_is_directory = false);

// `threads`: the text writers (JSON, GraphML, GEXF, Cytoscape) format nodes and edges in ranges on
// that many threads (GraphView's thread-safe reads with a scratch each) and write them in order;
// the bytes are the same for any number.
//
// Node-link JSON (networkx node_link_graph compatible, edges under "links").
void write_json(const GraphView& g, std::ostream& out, unsigned threads = 1);
void write_json(const KnowledgeGraph& g, std::ostream& out);
// GraphML with typed keys declared per domain (node / edge).
void write_graphml(const GraphView& g, std::ostream& out, unsigned threads = 1);
void write_graphml(const KnowledgeGraph& g, std::ostream& out);
// GEXF 1.3 for Gephi: typed attributes, viz colour by type and size by mentions, edge kind =
// relation; mode "dynamic" with start/end dates when evidence is dated.
void write_gexf(const GraphView& g, std::ostream& out, unsigned threads = 1);
void write_gexf(const KnowledgeGraph& g, std::ostream& out);
// Cytoscape.js elements JSON ({"elements": {"nodes": [...], "edges": [...]}}).
void write_cytoscape(const GraphView& g, std::ostream& out, unsigned threads = 1);
void write_cytoscape(const KnowledgeGraph& g, std::ostream& out);
// Graphviz DOT: a digraph, nodes coloured by type, edges labelled with the relation.
void write_dot(const GraphView& g, std::ostream& out);
void write_dot(const KnowledgeGraph& g, std::ostream& out);
// The two CSV tables of `neo4j-admin database import full` (--nodes, --relationships).
void write_neo4j_nodes(const GraphView& g, std::ostream& out);
void write_neo4j_nodes(const KnowledgeGraph& g, std::ostream& out);
void write_neo4j_edges(const GraphView& g, std::ostream& out);
void write_neo4j_edges(const KnowledgeGraph& g, std::ostream& out);

// Writes a single-file format; throws std::invalid_argument for neo4j (use write_graph_part).
// `threads`: for the text writers above (JSON, GraphML, GEXF, Cytoscape); same bytes for any.
void write_graph(const GraphView& g, GraphFormat format, std::ostream& out, unsigned threads = 1);
void write_graph(const KnowledgeGraph& g, GraphFormat format, std::ostream& out);
// Writes one part: GraphPart::whole for single-file formats, nodes or edges for neo4j. Throws
// std::invalid_argument when the part does not belong to the format.
void write_graph_part(const GraphView& g, GraphFormat format, GraphPart part, std::ostream& out,
                      unsigned threads = 1);
void write_graph_part(const KnowledgeGraph& g, GraphFormat format, GraphPart part,
                      std::ostream& out);

}  // namespace relgraph
