// write_markdown_report: the report as Markdown (GitHub flavour: pipe tables, <br> between
// evidence sentences), the drawing referenced as an SVG file beside it (see report.h).
#include <boost/range/iterator_range.hpp>
#include <string>

#include "report/report.h"
#include "report/report_text.h"
#include "write/write_util.h"

namespace relgraph::report {

namespace {

std::string entity_text(const KnowledgeGraph& g, query::Vertex v) {
  const NodeProperties& n = g[v];
  std::string text = markdown_escape(display_name(n));
  const std::string alias = hangul_alias(n);
  if (!alias.empty()) text += " (" + markdown_escape(alias) + ")";
  return text;
}

std::string evidence_text(const Evidence& ev) {
  std::string text = "“";
  const std::size_t at = ev.trigger.empty() ? std::string::npos : ev.text.find(ev.trigger);
  if (at == std::string::npos) {
    text += markdown_escape(ev.text);
  } else {
    text += markdown_escape(std::string_view(ev.text).substr(0, at)) + "**" +
            markdown_escape(ev.trigger) + "**" +
            markdown_escape(std::string_view(ev.text).substr(at + ev.trigger.size()));
  }
  text += "” — *" + markdown_escape(ev.document);
  if (!ev.date.empty()) text += ", " + markdown_escape(ev.date);
  return text + "*";
}

// A file name as a relative link: bytes that would end or confuse the link percent-encoded.
std::string link_target(std::string_view file) {
  static constexpr const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : file) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || c == '(' || c == ')' || c == '<' || c == '>' || c == '%' || c == '\\' ||
        byte == 0x7F) {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void write_markdown_report(const Report& r, std::string_view svg_file, std::ostream& out) {
  const KnowledgeGraph& g = r.graph;
  out << "# " << markdown_escape(report_title(r)) << "\n\n"
      << markdown_escape(summary_line(r)) << "\n\n## Graph\n\n";
  if (svg_file.empty()) {
    out << "No edges to draw.\n\n";
  } else {
    out << "![The graph](" << link_target(svg_file) << ")\n\n"
        << markdown_escape(drawing_caption(r)) << "\n\n";
  }
  out << "Colours: ";
  bool first = true;
  for (const query::NameCount& t : r.stats.nodes_by_type) {
    out << (first ? "" : ", ") << markdown_escape(t.name) << " "
        << write_detail::type_colour(t.name);
    first = false;
  }
  for (const RelationSection& s : r.relations) {
    out << (first ? "" : ", ") << markdown_escape(s.relation) << " edges "
        << relation_colour(r, s.relation);
    first = false;
  }
  out << ".\n\n## Top entities\n\n"
      << markdown_escape(top_entities_note(r)) << "\n\n"
      << "| # | Entity | Type | Degree | PageRank | Mentions | Documents |\n"
      << "|--:|---|---|--:|--:|--:|--:|\n";
  for (std::size_t i = 0; i < r.top.size(); ++i) {
    const RankedEntity& e = r.top[i];
    const NodeProperties& n = g[e.vertex];
    out << "| " << i + 1 << " | " << entity_text(g, e.vertex) << " | " << markdown_escape(n.type)
        << " | " << e.degree << " | " << write_detail::format_fixed(e.pagerank, 4) << " | "
        << n.mentions << " | " << n.documents.size() << " |\n";
  }
  out << "\n## Relations\n\n";
  if (r.relations.empty()) out << "No edges.\n\n";
  for (const RelationSection& s : r.relations) {
    out << "### " << markdown_escape(s.relation) << "\n\n"
        << markdown_escape(relation_summary(s)) << ".\n\n"
        << (s.symmetric ? "| Entity | Entity |" : "| Source | Target |")
        << " Weight | Evidence |\n|---|---|--:|---|\n";
    for (query::Edge e : s.edges) {
      const EdgeProperties& p = g[e];
      out << "| " << entity_text(g, boost::source(e, g)) << " | "
          << entity_text(g, boost::target(e, g)) << " | " << p.weight << " | ";
      const std::size_t shown = evidence_shown(r, p);
      for (std::size_t i = 0; i < shown; ++i) {
        out << (i ? "<br>" : "") << evidence_text(p.evidence[i]);
      }
      if (shown < p.evidence.size()) {
        out << (shown ? "<br>" : "") << "and " << p.evidence.size() - shown << " more";
      }
      out << " |\n";
    }
    out << "\n";
    if (s.edges.size() < s.edge_count) out << markdown_escape(edges_cut_note(s)) << "\n\n";
  }
}

}  // namespace relgraph::report
