// Neo4j import CSV writer: the node and the relationship table of `neo4j-admin database
// import full --nodes=... --relationships=...`.
//
// Nodes: id:ID,label,type,:LABEL,mentions:int,aliases:string[],documents:string[] and one
// string column per entity attribute; :LABEL is "Entity;" plus the type in PascalCase
// (company → Entity;Company). Relationships: :START_ID,:END_ID,:TYPE,weight:double,
// evidence_count:int,relation,symmetric:boolean; :TYPE is the relation upper-cased with
// underscores (invests-in → INVESTS_IN). Fields are quoted as RFC 4180 says (when they hold a
// comma, a quote or a line break; quotes doubled), lines end with "\n", arrays are joined with
// ';' (neo4j-admin's default --array-delimiter), so a ';' inside an array element is written
// as U+FF1B '；'. Line breaks in values become spaces and other control characters are
// dropped, so no --multiline-fields is needed; invalid UTF-8 becomes U+FFFD. An empty field is
// a missing property. See docs/formats.md.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "write/graph_writer.h"
#include "write/write_util.h"

namespace relgraph {

using namespace write_detail;

namespace {

// Valid UTF-8 on one line: CR and LF become spaces, other C0 controls but tab are dropped.
std::string csv_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cp == '\n' || cp == '\r') {
      out += ' ';
    } else if (cp == kReplacement || cp == kSurrogate) {
      append_utf8(out, kReplacement);
    } else if (cp >= 0x20 || cp == '\t') {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// One RFC 4180 field of text already made single-line.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_value(std::string_view s) { return csv_field(csv_text(s)); }

// The elements joined with ';', a ';' inside an element written as U+FF1B.
std::string csv_array(const std::vector<std::string>& items) {
  std::string joined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) joined += ';';
    for (char c : csv_text(items[i])) {
      if (c == ';') {
        joined += "\xEF\xBC\x9B";
      } else {
        joined += c;
      }
    }
  }
  return csv_field(joined);
}

void csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    out << fields[i];
  }
  out << '\n';
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "Entity" plus the entity type in PascalCase: words split at ASCII characters other than
// letters and digits, first letter of each upper-cased (non-ASCII bytes kept as they are).
std::string node_labels(std::string_view type) {
  std::string pascal;
  bool word_start = true;
  for (char c : csv_text(type)) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !is_ascii_alnum(c)) {
      word_start = true;
      continue;
    }
    if (word_start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    pascal += c;
    word_start = false;
  }
  if (pascal.empty() || pascal == "Entity") return "Entity";
  return "Entity;" + pascal;
}

// The relation as a relationship type: ASCII letters upper-cased, ASCII characters other than
// letters, digits and '_' written as '_', non-ASCII bytes kept.
std::string relationship_type(std::string_view relation) {
  std::string out;
  for (char c : csv_text(relation)) {
    const auto u = static_cast<unsigned char>(c);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if (u >= 0x80 || is_ascii_alnum(c) || c == '_') {
      out += c;
    } else {
      out += '_';
    }
  }
  return out.empty() ? "RELATED_TO" : out;
}

// Header names cannot hold ':' (it separates the name from the type).
std::string header_name(std::string_view name) {
  std::string out = csv_text(name);
  for (char& c : out) {
    if (c == ':') c = '_';
  }
  return out;
}

}  // namespace

void write_neo4j_nodes(const GraphView& g, std::ostream& out) {
  const std::set<std::string> reserved = {"id",       "label",   "type",
                                          "mentions", "aliases", "documents"};
  const std::vector<AttributeColumn> columns = attribute_columns(g, reserved, {}, "", &header_name);
  std::vector<std::string> header = {
      "id:ID", "label", "type", ":LABEL", "mentions:int", "aliases:string[]", "documents:string[]"};
  std::map<std::string, std::size_t> column_of;  // attribute name -> field index
  for (const AttributeColumn& c : columns) {
    column_of.emplace(c.name, header.size());
    header.push_back(csv_field(c.title));
  }
  csv_row(out, header);
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    const NodeProperties& n = g.node(v, true);
    std::vector<std::string> row = {csv_value(n.id),
                                    csv_value(n.label),
                                    csv_value(n.type),
                                    csv_field(node_labels(n.type)),
                                    std::to_string(n.mentions),
                                    csv_array(n.aliases),
                                    csv_array(n.documents)};
    row.resize(header.size());
    for (const Attribute* a : sorted_attributes(n.attributes)) {
      row[column_of.at(a->key)] = csv_value(a->value);
    }
    csv_row(out, row);
  }
}

void write_neo4j_edges(const GraphView& g, std::ostream& out) {
  csv_row(out, {":START_ID", ":END_ID", ":TYPE", "weight:double", "evidence_count:int", "relation",
                "symmetric:boolean"});
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const EdgeView edge = g.edge(e, false);
    const EdgeProperties& p = *edge.properties;
    csv_row(out,
            {csv_value(g.node(edge.source, false).id), csv_value(g.node(edge.target, false).id),
             csv_field(relationship_type(p.relation)), std::to_string(p.weight) + ".0",
             std::to_string(edge.evidence_count), csv_value(p.relation),
             p.symmetric ? "true" : "false"});
  }
}

void write_neo4j_nodes(const KnowledgeGraph& g, std::ostream& out) {
  write_neo4j_nodes(KnowledgeGraphView(g), out);
}

void write_neo4j_edges(const KnowledgeGraph& g, std::ostream& out) {
  write_neo4j_edges(KnowledgeGraphView(g), out);
}

}  // namespace relgraph
