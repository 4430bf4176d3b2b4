// Graph writers: node-link JSON (json_writer.h) and GraphML (hand-written XML), plus the format
// names, file extensions and output files of every format and the dispatch to the writers of
// the other formats (gexf_writer.cpp, cytoscape_writer.cpp, dot_writer.cpp, neo4j_writer.cpp).
//
// Both writers walk the graph in its own order (nodes by vertex index, edges by source vertex
// and insertion order, which GraphBuilder makes canonical) and only format. Strings are made
// valid UTF-8 first (invalid bytes become U+FFFD); GraphML additionally drops characters that
// XML 1.0 forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF and
// UTF-8-encoded surrogates). See docs/formats.md for both schemas.
#include "write/graph_writer.h"

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include "graph/dates.h"
#include "unicode/ascii.h"
#include "write/binary_graph.h"
#include "write/json_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

// A writer that writes an unbounded list itself (not in ranges) hands its text on past this size.
constexpr std::size_t kFlushBytes = std::size_t{64} << 10;

// ---- JSON ----

// "first_seen" and "last_seen" when the range is not empty (graph/dates.h).
void write_json_dates(JsonWriter& w, const DateRange& dates) {
  if (dates.empty()) return;
  w.plain_key("first_seen");
  w.string(dates.first);
  w.plain_key("last_seen");
  w.string(dates.last);
}

void write_json_node(JsonWriter& w, const NodeProperties& n,
                     const std::vector<std::string>& documents, const DateRange& dates) {
  w.start_object();
  w.plain_key("id");
  w.string(n.id);
  w.plain_key("label");
  w.string(n.label);
  w.plain_key("type");
  w.string(n.type);
  w.plain_key("aliases");
  w.start_array();
  for (const std::string& a : n.aliases) w.string(a);
  w.end_array();
  w.plain_key("mentions");
  w.uint(n.mentions);
  w.plain_key("documents");
  w.start_array();
  for (const std::string& d : documents) w.string(d);
  w.end_array();
  write_json_dates(w, dates);
  w.plain_key("attributes");
  w.start_object();
  for (const Attribute* a : sorted_attributes(n.attributes)) {
    w.key(a->key);
    w.string(a->value);
  }
  w.end_object();
  w.end_object();
}

void write_json_edge(JsonWriter& w, const std::string& source, const std::string& target,
                     const EdgeProperties& e, const DateRange& dates) {
  w.start_object();
  w.plain_key("source");
  w.string(source);
  w.plain_key("target");
  w.string(target);
  w.plain_key("relation");
  w.string(e.relation);
  w.plain_key("key");
  w.string(e.relation);
  w.plain_key("symmetric");
  w.boolean(e.symmetric);
  w.plain_key("weight");
  w.uint(e.weight);
  write_json_dates(w, dates);
  w.plain_key("evidence");
  w.start_array();
  for (const Evidence& ev : e.evidence) {
    w.start_object();
    w.plain_key("document");
    w.string(ev.document);
    w.plain_key("sentence");
    w.uint(ev.sentence);
    w.plain_key("begin");
    w.uint(ev.begin);
    w.plain_key("end");
    w.uint(ev.end);
    w.plain_key("text");
    w.string(ev.text);
    w.plain_key("trigger");
    w.string(ev.trigger);
    if (!ev.date.empty()) {
      w.plain_key("date");
      w.string(ev.date);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
}

// ---- GraphML ----

// The evidence as one line of compact JSON, the objects of the node-link JSON's "evidence"
// array: what GraphML's "evidence" lines leave out (offsets, trigger of each entry, dates)
// comes back from it. Control characters are \u escapes, so XML's limits do not touch it.
void append_evidence_data(std::string& out, const EdgeProperties& e) {
  const std::size_t start = out.size();
  out += '[';
  for (const Evidence& ev : e.evidence) {
    if (out.size() > start + 1) out += ',';
    out += "{\"document\":";
    append_json_string(out, ev.document);
    out += ",\"sentence\":";
    append_json_uint(out, ev.sentence);
    out += ",\"begin\":";
    append_json_uint(out, ev.begin);
    out += ",\"end\":";
    append_json_uint(out, ev.end);
    out += ",\"text\":";
    append_json_string(out, ev.text);
    out += ",\"trigger\":";
    append_json_string(out, ev.trigger);
    if (!ev.date.empty()) {
      out += ",\"date\":";
      append_json_string(out, ev.date);
    }
    out += '}';
  }
  out += ']';
}

struct GraphmlKey {
  std::string id;
  std::string name;
  const char* type;
};

void write_key(std::ostream& out, const GraphmlKey& k, const char* domain) {
  out << "  <key id=\"" << xml_escape(k.id, true) << "\" for=\"" << domain << "\" attr.name=\""
      << xml_escape(k.name, true) << "\" attr.type=\"" << k.type << "\"/>\n";
}

// `<data key="KEY">`.
void open_data(std::string& out, std::string_view key) {
  out += "      <data key=\"";
  append_xml_escaped(out, key, true);
  out += "\">";
}

void write_data(std::string& out, std::string_view key, std::string_view value) {
  open_data(out, key);
  out += value;
  out += "</data>\n";
}

void write_uint_data(std::string& out, std::string_view key, std::uint64_t value) {
  open_data(out, key);
  append_json_uint(out, value);
  out += "</data>\n";
}

// A string data element, left out when its escaped text is empty (empty data reads as missing
// anyway). `append_text` appends the escaped text.
template <class AppendText>
void write_text_data(std::string& out, std::string_view key, const AppendText& append_text) {
  const std::size_t start = out.size();
  open_data(out, key);
  const std::size_t text = out.size();
  append_text();
  if (out.size() == text) {
    out.resize(start);
  } else {
    out += "</data>\n";
  }
}

void write_string_data(std::string& out, std::string_view key, std::string_view value) {
  write_text_data(out, key, [&] { append_xml_escaped(out, value); });
}

// The parts joined by `separator` (ASCII at both ends, so that escaping the parts one by one
// gives the bytes of escaping the joined text: no UTF-8 sequence runs across a separator).
void write_joined_data(std::string& out, std::string_view key,
                       const std::vector<std::string>& parts, std::string_view separator) {
  write_text_data(out, key, [&] {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += separator;
      append_xml_escaped(out, parts[i]);
    }
  });
}

}  // namespace

std::optional<GraphFormat> parse_graph_format(std::string_view name) {
  const std::string lower = ascii_lower(name);
  if (lower == "json") return GraphFormat::json;
  if (lower == "graphml") return GraphFormat::graphml;
  if (lower == "gexf") return GraphFormat::gexf;
  if (lower == "cytoscape" || lower == "cyjs") return GraphFormat::cytoscape;
  if (lower == "dot" || lower == "gv" || lower == "graphviz") return GraphFormat::dot;
  if (lower == "neo4j") return GraphFormat::neo4j;
  if (lower == "rgx" || lower == "binary") return GraphFormat::binary;
  return std::nullopt;
}

std::string_view graph_format_names() { return "json, graphml, gexf, cytoscape, dot, neo4j, rgx"; }

std::optional<GraphFormat> graph_format_for_path(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string ext = ascii_lower(file.substr(dot + 1));
  if (ext == "json") return GraphFormat::json;
  if (ext == "graphml" || ext == "xml") return GraphFormat::graphml;
  if (ext == "gexf") return GraphFormat::gexf;
  if (ext == "cyjs") return GraphFormat::cytoscape;
  if (ext == "dot" || ext == "gv") return GraphFormat::dot;
  if (ext == "rgx") return GraphFormat::binary;
  return std::nullopt;
}

bool graph_format_is_single_file(GraphFormat format) { return format != GraphFormat::neo4j; }

std::vector<GraphOutputFile> graph_output_files(GraphFormat format, std::string_view out,
                                                bool out_is_directory) {
  if (graph_format_is_single_file(format)) return {{std::string(out), GraphPart::whole}};
  if (out_is_directory || (!out.empty() && out.back() == '/')) {
    std::string dir(out);
    if (!dir.empty() && dir.back() != '/') dir += '/';
    return {{dir + "nodes.csv", GraphPart::nodes}, {dir + "edges.csv", GraphPart::edges}};
  }
  std::string prefix(out);
  if (prefix.size() > 4 && ascii_lower(prefix.substr(prefix.size() - 4)) == ".csv") {
    prefix.resize(prefix.size() - 4);
  }
  return {{prefix + "_nodes.csv", GraphPart::nodes}, {prefix + "_edges.csv", GraphPart::edges}};
}

void write_json(const GraphView& g, std::ostream& out, unsigned threads) {
  JsonWriter w;
  w.start_object();
  w.plain_key("directed");
  w.boolean(true);
  w.plain_key("multigraph");
  w.boolean(true);
  w.plain_key("graph");
  w.start_object();
  w.plain_key("name");
  w.string(g.properties().name);
  w.plain_key("generator");
  w.string("relgraph");
  if (const auto& documents = g.properties().documents; !documents.empty()) {
    w.plain_key("documents");
    w.start_array();
    for (const DocumentRecord& d : documents) {
      w.start_object();
      w.plain_key("name");
      w.string(d.name);
      w.plain_key("hash");
      w.string(d.hash);
      w.plain_key("bytes");
      w.uint(d.bytes);
      w.end_object();
      // The table has a line per document read: written as it goes, not held whole.
      if (w.text().size() >= kFlushBytes) w.flush_to(out);
    }
    w.end_array();
  }
  w.end_object();
  // Nodes and edges are formatted in ranges on `threads` threads (json_writer.h).
  w.plain_key("nodes");
  write_array_in_ranges(
      w, out, g.num_nodes(), threads, [&](JsonWriter& rw, std::size_t first, std::size_t last) {
        NodeScratch scratch;
        for (std::size_t v = first; v < last; ++v) {
          write_json_node(rw, g.node(v, false), g.node_documents(v, scratch), g.node_dates(v));
        }
      });
  w.plain_key("links");
  write_array_in_ranges(
      w, out, g.num_edges(), threads, [&](JsonWriter& rw, std::size_t first, std::size_t last) {
        EdgeScratch scratch;
        for (std::size_t e = first; e < last; ++e) {
          const EdgeView edge = g.edge(e, true, scratch);
          write_json_edge(rw, g.node(edge.source, false).id, g.node(edge.target, false).id,
                          *edge.properties, edge.dates);
        }
      });
  w.end_object();
  w.flush_to(out);
  out << '\n';
}

void write_json(const KnowledgeGraph& g, std::ostream& out) {
  write_json(KnowledgeGraphView(g), out);
}

void write_graphml(const GraphView& g, std::ostream& out, unsigned threads) {
  // Node keys: the fixed ones, then one per attribute name (sorted), named after the attribute
  // unless that name is taken by a fixed key, in which case it is prefixed with "attr_".
  const std::vector<GraphmlKey> node_keys = {{"n_label", "label", "string"},
                                             {"n_type", "type", "string"},
                                             {"n_aliases", "aliases", "string"},
                                             {"n_mentions", "mentions", "int"},
                                             {"n_documents", "documents", "string"}};
  const std::vector<GraphmlKey> edge_keys = {{"e_relation", "relation", "string"},
                                             {"e_label", "label", "string"},
                                             {"e_weight", "weight", "double"},
                                             {"e_symmetric", "symmetric", "boolean"},
                                             {"e_evidence_count", "evidence_count", "int"},
                                             {"e_evidence", "evidence", "string"},
                                             {"e_triggers", "triggers", "string"},
                                             {"e_evidence_data", "evidence_data", "string"}};
  // Dates (graph/dates.h), declared only when the evidence has some.
  const bool dated = g.has_dates();
  const std::vector<GraphmlKey> node_date_keys = {{"n_first_seen", "first_seen", "string"},
                                                  {"n_last_seen", "last_seen", "string"}};
  const std::vector<GraphmlKey> edge_date_keys = {{"e_first_seen", "first_seen", "string"},
                                                  {"e_last_seen", "last_seen", "string"}};
  std::set<std::string> reserved_names = {"id", "first_seen", "last_seen"},
                        reserved_ids = {"n_first_seen", "n_last_seen"};
  for (const GraphmlKey& k : node_keys) {
    reserved_ids.insert(k.id);
    reserved_names.insert(k.name);
  }
  std::map<std::string, std::string> attribute_key;  // attribute name -> key id
  std::vector<GraphmlKey> attribute_keys;
  for (const AttributeColumn& c : attribute_columns(g, reserved_names, reserved_ids, "n_attr_")) {
    attribute_key.emplace(c.name, c.id);
    attribute_keys.push_back({c.id, c.title, "string"});
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const GraphmlKey& k : node_keys) write_key(out, k, "node");
  if (dated) {
    for (const GraphmlKey& k : node_date_keys) write_key(out, k, "node");
  }
  for (const GraphmlKey& k : attribute_keys) write_key(out, k, "node");
  for (const GraphmlKey& k : edge_keys) write_key(out, k, "edge");
  if (dated) {
    for (const GraphmlKey& k : edge_date_keys) write_key(out, k, "edge");
  }
  out << "  <graph id=\"" << xml_escape(g.properties().name, true)
      << "\" edgedefault=\"directed\">\n";

  // Nodes and edges are formatted in ranges on `threads` threads.
  write_in_ranges(g.num_nodes(), threads, out,
                  [&](std::size_t first, std::size_t last, std::string& text) {
                    NodeScratch scratch;
                    for (std::size_t v = first; v < last; ++v) {
                      const NodeProperties& n = g.node(v, false);
                      text += "    <node id=\"";
                      append_xml_escaped(text, n.id, true);
                      text += "\">\n";
                      write_string_data(text, "n_label", n.label);
                      write_string_data(text, "n_type", n.type);
                      write_joined_data(text, "n_aliases", n.aliases, " | ");
                      write_uint_data(text, "n_mentions", n.mentions);
                      write_joined_data(text, "n_documents", g.node_documents(v, scratch), " | ");
                      write_string_data(text, "n_first_seen", g.node_dates(v).first);
                      write_string_data(text, "n_last_seen", g.node_dates(v).last);
                      for (const Attribute* a : sorted_attributes(n.attributes)) {
                        write_string_data(text, attribute_key.at(a->key), a->value);
                      }
                      text += "    </node>\n";
                    }
                  });

  write_in_ranges(g.num_edges(), threads, out,
                  [&](std::size_t first, std::size_t last, std::string& text) {
                    EdgeScratch scratch;
                    std::string data;
                    for (std::size_t e = first; e < last; ++e) {
                      const EdgeView edge = g.edge(e, true, scratch);
                      const EdgeProperties& p = *edge.properties;
                      text += "    <edge id=\"e";
                      append_json_uint(text, e);
                      text += "\" source=\"";
                      append_xml_escaped(text, g.node(edge.source, false).id, true);
                      text += "\" target=\"";
                      append_xml_escaped(text, g.node(edge.target, false).id, true);
                      text += "\">\n";
                      write_string_data(text, "e_relation", p.relation);
                      write_string_data(text, "e_label", p.relation);
                      write_uint_data(text, "e_weight", p.weight);
                      write_data(text, "e_symmetric", p.symmetric ? "true" : "false");
                      write_uint_data(text, "e_evidence_count", edge.evidence_count);
                      // evidence_lines() joined by new lines, escaped piece by piece (the pieces
                      // between them are ASCII, as write_joined_data needs).
                      write_text_data(text, "e_evidence", [&] {
                        for (std::size_t i = 0; i < p.evidence.size(); ++i) {
                          const Evidence& ev = p.evidence[i];
                          if (i > 0) text += '\n';
                          append_xml_escaped(text, ev.document);
                          text += '#';
                          append_json_uint(text, ev.sentence);
                          text += ": ";
                          append_xml_escaped(text, ev.text);
                        }
                      });
                      write_joined_data(text, "e_triggers", distinct_triggers(p), " | ");
                      write_string_data(text, "e_first_seen", edge.dates.first);
                      write_string_data(text, "e_last_seen", edge.dates.last);
                      if (!p.evidence.empty()) {
                        // Quotes need no escaping in element content; JSON has many.
                        data.clear();
                        append_evidence_data(data, p);
                        open_data(text, "e_evidence_data");
                        append_xml_escaped(text, data, false, /*quotes=*/false);
                        text += "</data>\n";
                      }
                      text += "    </edge>\n";
                    }
                  });
  out << "  </graph>\n</graphml>\n";
}

void write_graphml(const KnowledgeGraph& g, std::ostream& out) {
  write_graphml(KnowledgeGraphView(g), out);
}

void write_graph(const GraphView& g, GraphFormat format, std::ostream& out, unsigned threads) {
  if (!graph_format_is_single_file(format)) {
    throw std::invalid_argument("this format writes several files; use write_graph_part");
  }
  write_graph_part(g, format, GraphPart::whole, out, threads);
}

void write_graph_part(const GraphView& g, GraphFormat format, GraphPart part, std::ostream& out,
                      unsigned threads) {
  if (graph_format_is_single_file(format) != (part == GraphPart::whole)) {
    throw std::invalid_argument("graph part does not belong to the format");
  }
  switch (format) {
    case GraphFormat::json:
      write_json(g, out, threads);
      return;
    case GraphFormat::graphml:
      write_graphml(g, out, threads);
      return;
    case GraphFormat::gexf:
      write_gexf(g, out, threads);
      return;
    case GraphFormat::cytoscape:
      write_cytoscape(g, out, threads);
      return;
    case GraphFormat::dot:
      write_dot(g, out);
      return;
    case GraphFormat::binary:
      write_binary_graph(g, out);
      return;
    case GraphFormat::neo4j:
      if (part == GraphPart::nodes) {
        write_neo4j_nodes(g, out);
      } else {
        write_neo4j_edges(g, out);
      }
      return;
  }
  throw std::invalid_argument("unknown graph format");
}

void write_graph(const KnowledgeGraph& g, GraphFormat format, std::ostream& out) {
  write_graph(KnowledgeGraphView(g), format, out);
}

void write_graph_part(const KnowledgeGraph& g, GraphFormat format, GraphPart part,
                      std::ostream& out) {
  write_graph_part(KnowledgeGraphView(g), format, part, out);
}

}  // namespace relgraph
