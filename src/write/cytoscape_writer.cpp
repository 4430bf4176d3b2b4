// Cytoscape.js elements JSON writer (json_writer.h), also read by Cytoscape desktop (.cyjs).
//
// {"data": {...}, "elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}, in
// graph order, indented by two spaces, UTF-8 written as is. Node and edge ids share one
// namespace in Cytoscape.js, so an edge id ("e0", "e1", ...) that equals a node id gets '_'
// appended until it is unique. Entity attributes are flattened into the node's data under
// their own name ("attr_NAME" when the name is taken). See docs/formats.md.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "write/graph_writer.h"
#include "write/json_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

void cy_strings(JsonWriter& w, const std::vector<std::string>& items) {
  w.start_array();
  for (const std::string& s : items) w.string(s);
  w.end_array();
}

}  // namespace

void write_cytoscape(const GraphView& g, std::ostream& out, unsigned threads) {
  const std::set<std::string> reserved = {"id",      "name",      "label", "type", "mentions",
                                          "aliases", "documents", "color", "size", "parent"};
  std::map<std::string, std::string> attribute_title;  // attribute name -> data key
  for (const AttributeColumn& c : attribute_columns(g, reserved, {}, "")) {
    attribute_title.emplace(c.name, c.title);
  }
  std::set<std::string> node_ids;
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    node_ids.insert(well_formed_utf8(g.node(v, false).id));
  }

  JsonWriter w;
  w.start_object();
  w.plain_key("data");
  w.start_object();
  w.plain_key("name");
  w.string(g.properties().name);
  w.plain_key("generator");
  w.string("relgraph");
  w.end_object();
  w.plain_key("elements");
  w.start_object();

  // Nodes and edges are formatted in ranges on `threads` threads (json_writer.h).
  w.plain_key("nodes");
  write_array_in_ranges(
      w, out, g.num_nodes(), threads, [&](JsonWriter& cw, std::size_t first, std::size_t last) {
        NodeScratch scratch;
        for (std::size_t v = first; v < last; ++v) {
          const NodeProperties& n = g.node(v, false);
          cw.start_object();
          cw.plain_key("data");
          cw.start_object();
          cw.plain_key("id");
          cw.string(n.id);
          cw.plain_key("name");  // Cytoscape desktop's default style labels nodes with "name"
          cw.string(n.label);
          cw.plain_key("label");
          cw.string(n.label);
          cw.plain_key("type");
          cw.string(n.type);
          cw.plain_key("mentions");
          cw.uint(n.mentions);
          cw.plain_key("aliases");
          cy_strings(cw, n.aliases);
          cw.plain_key("documents");
          cy_strings(cw, g.node_documents(v, scratch));
          cw.plain_key("color");
          cw.string(type_colour(n.type));
          cw.plain_key("size");
          const std::string size = format_fixed(node_size(n.mentions), 2);
          cw.raw(size);
          for (const Attribute* a : sorted_attributes(n.attributes)) {
            cw.key(attribute_title.at(a->key));
            cw.string(a->value);
          }
          cw.end_object();
          cw.end_object();
        }
      });

  w.plain_key("edges");
  write_array_in_ranges(
      w, out, g.num_edges(), threads, [&](JsonWriter& cw, std::size_t first, std::size_t last) {
        EdgeScratch scratch;
        for (std::size_t e = first; e < last; ++e) {
          const EdgeView edge = g.edge(e, true, scratch);
          const EdgeProperties& p = *edge.properties;
          std::string id = "e";  // (not "e" + ...: g++ 12 gives a false -Wrestrict there)
          id += std::to_string(e);
          while (node_ids.count(id) > 0) id += '_';
          cw.start_object();
          cw.plain_key("data");
          cw.start_object();
          cw.plain_key("id");
          cw.string(id);
          cw.plain_key("source");
          cw.string(g.node(edge.source, false).id);
          cw.plain_key("target");
          cw.string(g.node(edge.target, false).id);
          cw.plain_key("relation");
          cw.string(p.relation);
          cw.plain_key("interaction");  // Cytoscape desktop's name for the edge type
          cw.string(p.relation);
          cw.plain_key("label");
          cw.string(p.relation);
          cw.plain_key("weight");
          cw.uint(p.weight);
          cw.plain_key("symmetric");
          cw.boolean(p.symmetric);
          cw.plain_key("evidence_count");
          cw.uint(edge.evidence_count);
          cw.plain_key("triggers");
          cy_strings(cw, distinct_triggers(p));
          cw.plain_key("evidence");
          cy_strings(cw, evidence_lines(p));
          cw.end_object();
          cw.end_object();
        }
      });

  w.end_object();
  w.end_object();
  w.flush_to(out);
  out << '\n';
}

void write_cytoscape(const KnowledgeGraph& g, std::ostream& out) {
  write_cytoscape(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
