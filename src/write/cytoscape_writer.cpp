// Cytoscape.js elements JSON writer (RapidJSON), also read by Cytoscape desktop (.cyjs).
//
// {"data": {...}, "elements": {"nodes": [{"data": {...}}], "edges": [{"data": {...}}]}}, in
// graph order, indented by two spaces, UTF-8 written as is. Node and edge ids share one
// namespace in Cytoscape.js, so an edge id ("e0", "e1", ...) that equals a node id gets '_'
// appended until it is unique. Entity attributes are flattened into the node's data under
// their own name ("attr_NAME" when the name is taken). See docs/formats.md.
#include <rapidjson/prettywriter.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "write/graph_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

using CyWriter = rapidjson::PrettyWriter<JsonOutput>;

void cy_string(CyWriter& w, std::string_view s) {
  std::string scratch;
  const std::string_view t = well_formed_utf8(s, scratch);
  w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
}

void cy_key(CyWriter& w, std::string_view key) {
  std::string scratch;
  const std::string_view t = well_formed_utf8(key, scratch);
  w.Key(t.data(), static_cast<rapidjson::SizeType>(t.size()));
}

void cy_uint(CyWriter& w, std::size_t n) { w.Uint64(static_cast<std::uint64_t>(n)); }

void cy_strings(CyWriter& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& s : items) cy_string(w, s);
  w.EndArray();
}

}  // namespace

void write_cytoscape(const GraphView& g, std::ostream& out) {
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

  JsonOutput stream(out);
  CyWriter w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  cy_key(w, "data");
  w.StartObject();
  cy_key(w, "name");
  cy_string(w, g.properties().name);
  cy_key(w, "generator");
  cy_string(w, "relgraph");
  w.EndObject();
  cy_key(w, "elements");
  w.StartObject();

  cy_key(w, "nodes");
  w.StartArray();
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    const NodeProperties& n = g.node(v, true);
    w.StartObject();
    cy_key(w, "data");
    w.StartObject();
    cy_key(w, "id");
    cy_string(w, n.id);
    cy_key(w, "name");  // Cytoscape desktop's default style labels nodes with "name"
    cy_string(w, n.label);
    cy_key(w, "label");
    cy_string(w, n.label);
    cy_key(w, "type");
    cy_string(w, n.type);
    cy_key(w, "mentions");
    cy_uint(w, n.mentions);
    cy_key(w, "aliases");
    cy_strings(w, n.aliases);
    cy_key(w, "documents");
    cy_strings(w, n.documents);
    cy_key(w, "color");
    cy_string(w, type_colour(n.type));
    cy_key(w, "size");
    const std::string size = format_fixed(node_size(n.mentions), 2);
    w.RawValue(size.data(), size.size(), rapidjson::kNumberType);
    for (const Attribute* a : sorted_attributes(n.attributes)) {
      cy_key(w, attribute_title.at(a->key));
      cy_string(w, a->value);
    }
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  cy_key(w, "edges");
  w.StartArray();
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const EdgeView edge = g.edge(e, true);
    const EdgeProperties& p = *edge.properties;
    std::string id = "e";  // (not "e" + ...: g++ 12 gives a false -Wrestrict there)
    id += std::to_string(e);
    while (node_ids.count(id) > 0) id += '_';
    w.StartObject();
    cy_key(w, "data");
    w.StartObject();
    cy_key(w, "id");
    cy_string(w, id);
    cy_key(w, "source");
    cy_string(w, g.node(edge.source, false).id);
    cy_key(w, "target");
    cy_string(w, g.node(edge.target, false).id);
    cy_key(w, "relation");
    cy_string(w, p.relation);
    cy_key(w, "interaction");  // Cytoscape desktop's name for the edge type
    cy_string(w, p.relation);
    cy_key(w, "label");
    cy_string(w, p.relation);
    cy_key(w, "weight");
    cy_uint(w, p.weight);
    cy_key(w, "symmetric");
    w.Bool(p.symmetric);
    cy_key(w, "evidence_count");
    cy_uint(w, edge.evidence_count);
    cy_key(w, "triggers");
    cy_strings(w, distinct_triggers(p));
    cy_key(w, "evidence");
    cy_strings(w, evidence_lines(p));
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();

  w.EndObject();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

void write_cytoscape(const KnowledgeGraph& g, std::ostream& out) {
  write_cytoscape(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
