// GEXF 1.3 writer (hand-written XML), the format Gephi reads best.
//
// One <graph defaultedgetype="directed">, typed attributes declared per class (node / edge),
// node label = entity label, edge label and kind = relation (Gephi merges parallel edges only
// when their kind is the same, so two relations between one pair stay two edges), edge weight
// as the weight attribute of <edge>, viz colour by entity type and viz size by mentions. When
// any evidence is dated the graph is mode="dynamic" timeformat="date" and edges (and nodes with
// dated edges) carry start/end = first_seen/last_seen (graph/dates.h, the same dates the JSON
// and GraphML writers give); otherwise mode="static". Text goes
// through the shared XML escaping (write_util.h), so characters XML 1.0 forbids are dropped.
// No timestamp is written, so equal graphs give equal bytes. See docs/formats.md.
#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "graph/dates.h"
#include "write/graph_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

struct GexfAttribute {
  std::string id;
  std::string title;
  const char* type;
};

void write_attribute_decl(std::ostream& out, const GexfAttribute& a) {
  out << "      <attribute id=\"" << xml_escape(a.id, true) << "\" title=\""
      << xml_escape(a.title, true) << "\" type=\"" << a.type << "\"/>\n";
}

void write_attvalue(std::ostream& out, std::string_view id, std::string_view value) {
  out << "          <attvalue for=\"" << xml_escape(id, true) << "\" value=\""
      << xml_escape(value, true) << "\"/>\n";
}

// Empty strings are left out (as in GraphML): no value reads as missing.
void write_string_attvalue(std::ostream& out, std::string_view id, std::string_view value) {
  if (!xml_escape(value, true).empty()) write_attvalue(out, id, value);
}

void write_start_end(std::ostream& out, const DateRange& r) {
  if (r.empty()) return;
  out << " start=\"" << r.first << "\" end=\"" << r.last << "\"";
}

void write_viz_color(std::ostream& out, const std::string& hex) {
  int rgb[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const char* begin = hex.data() + 1 + 2 * i;
    std::from_chars(begin, begin + 2, rgb[i], 16);
  }
  out << "        <viz:color r=\"" << rgb[0] << "\" g=\"" << rgb[1] << "\" b=\"" << rgb[2]
      << "\"/>\n";
}

}  // namespace

void write_gexf(const GraphView& g, std::ostream& out, unsigned threads) {
  const std::vector<GexfAttribute> node_attributes = {{"n_type", "type", "string"},
                                                      {"n_mentions", "mentions", "integer"},
                                                      {"n_aliases", "aliases", "string"},
                                                      {"n_documents", "documents", "string"}};
  const std::vector<GexfAttribute> edge_attributes = {
      {"e_relation", "relation", "string"},
      {"e_symmetric", "symmetric", "boolean"},
      {"e_evidence_count", "evidence_count", "integer"},
      {"e_evidence", "evidence", "string"},
      {"e_triggers", "triggers", "string"}};
  // Titles taken by the fixed attributes or by what readers put beside them (networkx: id,
  // label, viz, start, end, pid).
  std::set<std::string> reserved_titles = {"id", "label", "viz", "start", "end", "pid"},
                        reserved_ids;
  for (const GexfAttribute& a : node_attributes) {
    reserved_titles.insert(a.title);
    reserved_ids.insert(a.id);
  }
  std::map<std::string, std::string> attribute_id;  // attribute name -> attribute id
  std::vector<GexfAttribute> entity_attributes;
  for (const AttributeColumn& c : attribute_columns(g, reserved_titles, reserved_ids, "n_attr_")) {
    attribute_id.emplace(c.name, c.id);
    entity_attributes.push_back({c.id, c.title, "string"});
  }

  // Dates: per edge, and per node over its edges (graph/dates.h).
  const bool dynamic = g.has_dates();

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
         "    version=\"1.3\">\n"
         "  <meta>\n"
         "    <creator>relgraph</creator>\n"
         "    <description>"
      << xml_escape(g.properties().name)
      << ": entities and the relations found between them in news text</description>\n"
         "  </meta>\n";
  out << "  <graph defaultedgetype=\"directed\" "
      << (dynamic ? "mode=\"dynamic\" timeformat=\"date\"" : "mode=\"static\"") << ">\n";
  out << "    <attributes class=\"node\">\n";
  for (const GexfAttribute& a : node_attributes) write_attribute_decl(out, a);
  for (const GexfAttribute& a : entity_attributes) write_attribute_decl(out, a);
  out << "    </attributes>\n";
  out << "    <attributes class=\"edge\">\n";
  for (const GexfAttribute& a : edge_attributes) write_attribute_decl(out, a);
  out << "    </attributes>\n";

  out << "    <nodes count=\"" << g.num_nodes() << "\">\n";
  // Nodes and edges are formatted in ranges on `threads` threads.
  write_in_ranges(
      g.num_nodes(), threads, out, [&](std::size_t first, std::size_t last, std::string& text) {
        std::ostringstream os;
        NodeScratch scratch;
        for (std::size_t v = first; v < last; ++v) {
          const NodeProperties& n = g.node(v, false);
          os << "      <node id=\"" << xml_escape(n.id, true) << "\" label=\""
             << xml_escape(n.label, true) << "\"";
          write_start_end(os, g.node_dates(v));
          os << ">\n        <attvalues>\n";
          write_string_attvalue(os, "n_type", n.type);
          write_attvalue(os, "n_mentions", std::to_string(n.mentions));
          write_string_attvalue(os, "n_aliases", join(n.aliases, " | "));
          write_string_attvalue(os, "n_documents", join(g.node_documents(v, scratch), " | "));
          for (const Attribute* a : sorted_attributes(n.attributes)) {
            write_string_attvalue(os, attribute_id.at(a->key), a->value);
          }
          os << "        </attvalues>\n";
          write_viz_color(os, type_colour(n.type));
          os << "        <viz:size value=\"" << format_fixed(node_size(n.mentions), 2) << "\"/>\n";
          os << "      </node>\n";
        }
        text = std::move(os).str();
      });
  out << "    </nodes>\n";

  out << "    <edges count=\"" << g.num_edges() << "\">\n";
  write_in_ranges(
      g.num_edges(), threads, out, [&](std::size_t first, std::size_t last, std::string& text) {
        std::ostringstream os;
        EdgeScratch scratch;
        for (std::size_t e = first; e < last; ++e) {
          const EdgeView edge = g.edge(e, true, scratch);
          const EdgeProperties& p = *edge.properties;
          const std::string relation = xml_escape(p.relation, true);
          os << "      <edge id=\"e" << e << "\" source=\""
             << xml_escape(g.node(edge.source, false).id, true) << "\" target=\""
             << xml_escape(g.node(edge.target, false).id, true) << "\" label=\"" << relation
             << "\" kind=\"" << relation << "\" weight=\"" << p.weight << ".0\"";
          write_start_end(os, edge.dates);
          os << ">\n        <attvalues>\n";
          write_string_attvalue(os, "e_relation", p.relation);
          write_attvalue(os, "e_symmetric", p.symmetric ? "true" : "false");
          write_attvalue(os, "e_evidence_count", std::to_string(edge.evidence_count));
          write_string_attvalue(os, "e_evidence", join(evidence_lines(p), "\n"));
          write_string_attvalue(os, "e_triggers", join(distinct_triggers(p), " | "));
          os << "        </attvalues>\n      </edge>\n";
        }
        text = std::move(os).str();
      });
  out << "    </edges>\n  </graph>\n</gexf>\n";
}

void write_gexf(const KnowledgeGraph& g, std::ostream& out) {
  write_gexf(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
