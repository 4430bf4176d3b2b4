// Shared report sentences (see report_text.h).
#include "report/report_text.h"

#include "unicode/utf8.h"

namespace relgraph::report {

namespace {

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

}  // namespace

bool has_hangul(std::string_view s) {
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    const char32_t cp = next_code_point(s, i, len);
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
        (cp >= 0x3130 && cp <= 0x318F)) {
      return true;
    }
  }
  return false;
}

std::string display_name(const NodeProperties& n) { return n.label.empty() ? n.id : n.label; }

std::string hangul_alias(const NodeProperties& n) {
  if (has_hangul(n.label)) return {};
  for (const std::string& alias : n.aliases) {
    if (has_hangul(alias)) return alias;
  }
  return {};
}

std::string report_title(const Report& r) {
  return r.options.title.empty() ? "relgraph report" : r.options.title;
}

std::string summary_line(const Report& r) {
  std::string line;
  if (!r.options.source.empty()) line = "Graph: " + r.options.source + " · ";
  line += plural(r.stats.nodes, "entity", "entities") + " · " +
          plural(r.stats.edges, "edge", "edges") + " · " +
          plural(r.stats.evidence, "evidence sentence", "evidence sentences") + " · " +
          plural(r.stats.documents, "document", "documents");
  if (!r.options.relations.empty()) {
    line += " · relations: ";
    for (std::size_t i = 0; i < r.options.relations.size(); ++i) {
      if (i) line += ", ";
      line += r.options.relations[i];
    }
  }
  return line;
}

std::string drawing_caption(const Report& r) {
  std::string caption;
  if (r.drawn.size() < r.drawable) {
    caption.append("The drawing shows the ")
        .append(std::to_string(r.drawn.size()))
        .append(" entities with the highest PageRank of the ")
        .append(std::to_string(r.drawable))
        .append(" that have edges, and the edges among them (--max-nodes).");
  } else {
    caption.append("The drawing shows all ")
        .append(plural(r.drawable, "entity", "entities"))
        .append(" that have edges.");
  }
  const std::size_t isolated = r.stats.nodes - r.drawable;
  if (isolated) {
    caption.append(" ")
        .append(plural(isolated, "entity", "entities"))
        .append(isolated == 1 ? " without edges is not drawn." : " without edges are not drawn.");
  }
  caption.append(" Laid out by Graphviz (neato); node size follows PageRank.");
  return caption;
}

std::string top_entities_note(const Report& r) {
  return "The " + std::to_string(r.options.top) + " entities with the highest PageRank and the " +
         std::to_string(r.options.top) + " with most edges (degree), by PageRank.";
}

std::string relation_summary(const RelationSection& s) {
  return plural(s.edge_count, "edge", "edges") + ", " +
         plural(s.evidence_count, "evidence sentence", "evidence sentences") + ", " +
         (s.symmetric ? "undirected" : "directed");
}

std::string edges_cut_note(const RelationSection& s) {
  return "Showing the " + std::to_string(s.edges.size()) + " heaviest of " +
         std::to_string(s.edge_count) + " edges (--max-edges).";
}

std::size_t evidence_shown(const Report& r, const EdgeProperties& e) {
  if (r.options.max_evidence == 0) return e.evidence.size();
  return std::min(r.options.max_evidence, e.evidence.size());
}

}  // namespace relgraph::report
