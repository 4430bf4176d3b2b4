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
#include "write/json_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

template <class W>
void cy_string(W& w, std::string_view s) {
  std::string scratch;
  const std::string_view t = well_formed_utf8(s, scratch);
  w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
}

template <class W>
void cy_key(W& w, std::string_view key) {
  std::string scratch;
  const std::string_view t = well_formed_utf8(key, scratch);
  w.Key(t.data(), static_cast<rapidjson::SizeType>(t.size()));
}

template <class W>
void cy_uint(W& w, std::size_t n) {
  w.Uint64(static_cast<std::uint64_t>(n));
}

template <class W>
void cy_strings(W& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const std::string& s : items) cy_string(w, s);
  w.EndArray();
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

  JsonOutput stream(out);
  JsonWriter<JsonOutput> w(stream);
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

  // Nodes and edges are formatted in ranges on `threads` threads (json_writer.h).
  cy_key(w, "nodes");
  write_array_in_ranges(
      w, stream, out, g.num_nodes(), threads, [&](auto& cw, std::size_t first, std::size_t last) {
        NodeScratch scratch;
        for (std::size_t v = first; v < last; ++v) {
          const NodeProperties& n = g.node(v, false);
          cw.StartObject();
          cy_key(cw, "data");
          cw.StartObject();
          cy_key(cw, "id");
          cy_string(cw, n.id);
          cy_key(cw, "name");  // Cytoscape desktop's default style labels nodes with "name"
          cy_string(cw, n.label);
          cy_key(cw, "label");
          cy_string(cw, n.label);
          cy_key(cw, "type");
          cy_string(cw, n.type);
          cy_key(cw, "mentions");
          cy_uint(cw, n.mentions);
          cy_key(cw, "aliases");
          cy_strings(cw, n.aliases);
          cy_key(cw, "documents");
          cy_strings(cw, g.node_documents(v, scratch));
          cy_key(cw, "color");
          cy_string(cw, type_colour(n.type));
          cy_key(cw, "size");
          const std::string size = format_fixed(node_size(n.mentions), 2);
          cw.RawValue(size.data(), size.size(), rapidjson::kNumberType);
          for (const Attribute* a : sorted_attributes(n.attributes)) {
            cy_key(cw, attribute_title.at(a->key));
            cy_string(cw, a->value);
          }
          cw.EndObject();
          cw.EndObject();
        }
      });

  cy_key(w, "edges");
  write_array_in_ranges(
      w, stream, out, g.num_edges(), threads, [&](auto& cw, std::size_t first, std::size_t last) {
        EdgeScratch scratch;
        for (std::size_t e = first; e < last; ++e) {
          const EdgeView edge = g.edge(e, true, scratch);
          const EdgeProperties& p = *edge.properties;
          std::string id = "e";  // (not "e" + ...: g++ 12 gives a false -Wrestrict there)
          id += std::to_string(e);
          while (node_ids.count(id) > 0) id += '_';
          cw.StartObject();
          cy_key(cw, "data");
          cw.StartObject();
          cy_key(cw, "id");
          cy_string(cw, id);
          cy_key(cw, "source");
          cy_string(cw, g.node(edge.source, false).id);
          cy_key(cw, "target");
          cy_string(cw, g.node(edge.target, false).id);
          cy_key(cw, "relation");
          cy_string(cw, p.relation);
          cy_key(cw, "interaction");  // Cytoscape desktop's name for the edge type
          cy_string(cw, p.relation);
          cy_key(cw, "label");
          cy_string(cw, p.relation);
          cy_key(cw, "weight");
          cy_uint(cw, p.weight);
          cy_key(cw, "symmetric");
          cw.Bool(p.symmetric);
          cy_key(cw, "evidence_count");
          cy_uint(cw, edge.evidence_count);
          cy_key(cw, "triggers");
          cy_strings(cw, distinct_triggers(p));
          cy_key(cw, "evidence");
          cy_strings(cw, evidence_lines(p));
          cw.EndObject();
          cw.EndObject();
        }
      });

  w.EndObject();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

void write_cytoscape(const KnowledgeGraph& g, std::ostream& out) {
  write_cytoscape(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
