// Graphviz DOT writer: a digraph for `dot -Tsvg` and friends.
//
// Every id and attribute value is a double-quoted string: `"` and `\` are backslash-escaped
// (so label escapes such as \N or \l never fire by accident), a newline becomes \n, carriage
// returns and other control characters are dropped, tab becomes a space, invalid UTF-8 becomes
// U+FFFD. In labels `&` is written as &amp; because Graphviz decodes HTML entities in labels.
// Nodes are filled with a light tint of their type colour, edges labelled with the relation,
// penwidth grows with the weight, symmetric relations have dir="none". UTF-8 (Graphviz's
// default charset) is written as is, so Korean labels survive. See docs/formats.md.
#include <algorithm>
#include <cmath>
#include <string>

#include "write/graph_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

// `s` as a DOT double-quoted string, quotes included.
std::string dot_quote(std::string_view s, bool label = false) {
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += ' ';
        break;
      case '&':
        out += label ? "&amp;" : "&";
        break;
      case kReplacement:
        append_utf8(out, kReplacement);
        break;
      default:
        if (cp < 0x20 || cp == kSurrogate || cp == 0xFFFE || cp == 0xFFFF) break;  // dropped
        out.append(s.substr(start, i - start));
    }
  }
  out += '"';
  return out;
}

// 1 for weight 1, growing with log2(weight), at most 8.
std::string pen_width(std::size_t weight) {
  const double w = weight < 1 ? 1.0 : static_cast<double>(weight);
  return format_fixed(std::min(8.0, 1.0 + 1.5 * std::log2(w)), 2);
}

}  // namespace

void write_dot(const GraphView& g, std::ostream& out) {
  out << "// relgraph knowledge graph; render with: dot -Tsvg graph.dot -o graph.svg\n";
  out << "digraph " << dot_quote(g.properties().name) << " {\n"
      << "  graph [charset=\"UTF-8\"];\n"
      << "  node [shape=\"box\", style=\"rounded,filled\", penwidth=\"2\"];\n"
      << "  edge [fontsize=\"10\"];\n";
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    const NodeProperties& n = g.node(v, false);
    const std::string colour = type_colour(n.type);
    out << "  " << dot_quote(n.id) << " [label=" << dot_quote(n.label, true) << ", color=\""
        << colour << "\", fillcolor=\"" << colour << "33\", type=" << dot_quote(n.type)
        << ", mentions=\"" << n.mentions << "\"];\n";
  }
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const EdgeView edge = g.edge(e, false);
    const EdgeProperties& p = *edge.properties;
    out << "  " << dot_quote(g.node(edge.source, false).id) << " -> "
        << dot_quote(g.node(edge.target, false).id) << " [label=" << dot_quote(p.relation, true)
        << ", relation=" << dot_quote(p.relation) << ", weight=\"" << p.weight << "\", penwidth=\""
        << pen_width(p.weight) << "\"";
    if (p.symmetric) out << ", dir=\"none\"";
    out << "];\n";
  }
  out << "}\n";
}

void write_dot(const KnowledgeGraph& g, std::ostream& out) {
  write_dot(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
