// Reports: a KnowledgeGraph summed up for people, as one self-contained HTML page or as
// Markdown with an SVG picture beside it.
//
// build_report() chooses what to show (pure computation over the graph): the entities ranked
// by PageRank and degree, each relation's edges by weight with their evidence sentences, and
// the entities to draw (the highest PageRank ones when the graph is large). draw_graph_svg()
// lays those out with Graphviz's neato, linked in-process (libgvc), and returns the SVG text.
// The writers turn a Report and its SVG into HTML (inline CSS, SVG and a small sorting script,
// no external URL, escaped throughout) or Markdown. Output depends only on the graph and the
// options: no dates, no randomness.
//
// Not here: reading graph files (src/load), choosing or writing files (src/cli). Graphviz is
// not thread-safe, so draw_graph_svg() must not run on two threads at once. Nothing prints.
#pragma once

#include <cstddef>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/query.h"

namespace relgraph::report {

struct ReportOptions {
  std::string title;                   // empty: "relgraph report"
  std::string source;                  // the graph file's name, shown under the title
  std::size_t top = 10;                // entities listed: the top N by PageRank and by degree
  std::vector<std::string> relations;  // only these relations (empty: all)
  std::size_t max_evidence = 3;        // evidence sentences quoted per edge (0: all)
  std::size_t max_edges = 200;         // edges listed per relation (0: all)
  std::size_t max_drawn = 60;          // entities drawn (0: every entity with an edge)
};

struct RankedEntity {
  query::Vertex vertex;
  std::size_t degree = 0;
  double pagerank = 0;
};

struct RelationSection {
  std::string relation;
  bool symmetric = false;
  std::size_t edge_count = 0;      // edges of the relation in the graph
  std::size_t evidence_count = 0;  // their evidence sentences
  std::vector<query::Edge> edges;  // the listed ones: by weight (descending), source, target
};

struct Report {
  ReportOptions options;
  KnowledgeGraph graph;  // the input graph, restricted to the relations asked
  query::GraphStats stats;
  std::vector<double> pagerank, degree;    // per vertex of `graph`
  std::vector<RankedEntity> top;           // by PageRank (descending), then degree, then id
  std::vector<RelationSection> relations;  // by edge count (descending), then name
  std::vector<query::Vertex> drawn;        // the entities drawn, by id
  std::size_t drawable = 0;                // entities with at least one edge
};

// Everything the report shows, computed from `g`. Relations that `g` does not have are
// simply absent (the CLI warns about them).
Report build_report(const KnowledgeGraph& g, const ReportOptions& options);

// A drawing failed inside Graphviz (its own error message).
struct DrawingError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The drawn entities of `r` and the edges among them, laid out by Graphviz (neato) and
// rendered as an SVG document: nodes filled with their type's colour (as in the DOT and GEXF
// output) and labelled with the label plus the first Hangul alias, edges coloured by relation
// (relation_colour), thicker with weight, undirected for symmetric relations; every node and
// edge has a tooltip. The XML prolog, DOCTYPE and comments are stripped, so the text starts
// with "<svg". Empty string when nothing is drawn. Throws DrawingError.
std::string draw_graph_svg(const Report& r);

// The colour of a relation's edges: fixed for invests-in (blue), partners-with (teal) and
// criticises (red); other relations take a palette in the order of the report's sorted
// relation names.
std::string relation_colour(const Report& r, std::string_view relation);

// One HTML5 page with everything inline; `svg` is draw_graph_svg's output (may be empty).
void write_html_report(const Report& r, std::string_view svg, std::ostream& out);

// Markdown; the drawing is referenced as `svg_file` (a path relative to the Markdown file,
// empty: no picture).
void write_markdown_report(const Report& r, std::string_view svg_file, std::ostream& out);

// draw_graph_svg's output as a standalone .svg file: XML declaration, SVG namespaces and a
// style that picks a Korean-capable font.
std::string standalone_svg(std::string_view svg);

// Text escaped for HTML content and attribute values (&, <, >, ", '), invalid UTF-8 repaired,
// control characters other than tab and newline dropped.
std::string html_escape(std::string_view text);

// Text escaped for a Markdown table cell: HTML specials as entities, Markdown punctuation
// backslash-escaped, '|' escaped, line breaks as spaces.
std::string markdown_escape(std::string_view text);

}  // namespace relgraph::report
