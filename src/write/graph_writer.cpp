// Graph writers: node-link JSON (RapidJSON) and GraphML (hand-written XML).
//
// Both writers walk the graph in its own order (nodes by vertex index, edges by source vertex
// and insertion order, which GraphBuilder makes canonical) and only format. Strings are made
// valid UTF-8 first (invalid bytes become U+FFFD); GraphML additionally drops characters that
// XML 1.0 forbids (C0 controls other than tab, newline and carriage return, U+FFFE, U+FFFF and
// UTF-8-encoded surrogates). See docs/formats.md for both schemas.
#include "write/graph_writer.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

namespace relgraph {

namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kSurrogate = 0xD800;  // stands for any UTF-8-encoded surrogate

// Decodes one code point at s[i], advancing i. Ill-formed input yields kReplacement for each
// maximal ill-formed subpart (as ICU and WHATWG do); an encoded surrogate (ED A0..BF 80..BF)
// yields kSurrogate.
char32_t decode_one(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
  const unsigned b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t need = 0;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) {
      if (i + 2 < s.size() && byte(i + 1) >= 0xA0 && byte(i + 1) <= 0xBF && byte(i + 2) >= 0x80 &&
          byte(i + 2) <= 0xBF) {
        i += 3;
        return kSurrogate;
      }
      hi = 0x9F;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++i;
    return kReplacement;
  }
  std::size_t k = i + 1;
  for (std::size_t n = 0; n < need; ++n, ++k) {
    const unsigned min = n == 0 ? lo : 0x80, max = n == 0 ? hi : 0xBF;
    if (k >= s.size() || byte(k) < min || byte(k) > max) {
      i = k;  // the lead byte and the valid continuation bytes form one ill-formed subpart
      return kReplacement;
    }
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  i = k;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Valid UTF-8 for JSON: ill-formed sequences and encoded surrogates become U+FFFD. Control
// characters stay; RapidJSON escapes them.
std::string json_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_one(s, i);
    if (cp == kReplacement || cp == kSurrogate) {
      append_utf8(out, kReplacement);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// Escaped XML 1.0 character data. In attribute values tab, newline and carriage return are
// written as character references so that attribute-value normalisation keeps them; in
// element content only carriage return is (parsers turn a raw CR into LF).
std::string xml_text(std::string_view s, bool attribute = false) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_one(s, i);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case kReplacement:
        append_utf8(out, kReplacement);
        break;
      default:
        if (cp < 0x20 || cp == kSurrogate || cp == 0xFFFE || cp == 0xFFFF) break;  // illegal
        out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

// Attributes sorted by key, first value per key (GraphBuilder already gives them so; the
// writers do not rely on it).
std::vector<const Attribute*> sorted_attributes(const std::vector<Attribute>& attributes) {
  std::vector<const Attribute*> out;
  for (const Attribute& a : attributes) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribute* a, const Attribute* b) { return a->key < b->key; });
  auto last = std::unique(out.begin(), out.end(),
                          [](const Attribute* a, const Attribute* b) { return a->key == b->key; });
  out.erase(last, out.end());
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// ---- JSON ----

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void json_string(JsonWriter& w, std::string_view s) {
  const std::string t = json_text(s);
  w.String(t.data(), static_cast<rapidjson::SizeType>(t.size()));
}

void json_key(JsonWriter& w, const char* key) { w.Key(key); }

void json_uint(JsonWriter& w, std::size_t n) { w.Uint64(static_cast<std::uint64_t>(n)); }

void write_json_node(JsonWriter& w, const NodeProperties& n) {
  w.StartObject();
  json_key(w, "id");
  json_string(w, n.id);
  json_key(w, "label");
  json_string(w, n.label);
  json_key(w, "type");
  json_string(w, n.type);
  json_key(w, "aliases");
  w.StartArray();
  for (const std::string& a : n.aliases) json_string(w, a);
  w.EndArray();
  json_key(w, "mentions");
  json_uint(w, n.mentions);
  json_key(w, "documents");
  w.StartArray();
  for (const std::string& d : n.documents) json_string(w, d);
  w.EndArray();
  json_key(w, "attributes");
  w.StartObject();
  for (const Attribute* a : sorted_attributes(n.attributes)) {
    const std::string key = json_text(a->key);
    w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
    json_string(w, a->value);
  }
  w.EndObject();
  w.EndObject();
}

void write_json_edge(JsonWriter& w, const std::string& source, const std::string& target,
                     const EdgeProperties& e) {
  w.StartObject();
  json_key(w, "source");
  json_string(w, source);
  json_key(w, "target");
  json_string(w, target);
  json_key(w, "relation");
  json_string(w, e.relation);
  json_key(w, "key");
  json_string(w, e.relation);
  json_key(w, "symmetric");
  w.Bool(e.symmetric);
  json_key(w, "weight");
  json_uint(w, e.weight);
  json_key(w, "evidence");
  w.StartArray();
  for (const Evidence& ev : e.evidence) {
    w.StartObject();
    json_key(w, "document");
    json_string(w, ev.document);
    json_key(w, "sentence");
    json_uint(w, ev.sentence);
    json_key(w, "begin");
    json_uint(w, ev.begin);
    json_key(w, "end");
    json_uint(w, ev.end);
    json_key(w, "text");
    json_string(w, ev.text);
    json_key(w, "trigger");
    json_string(w, ev.trigger);
    if (!ev.date.empty()) {
      json_key(w, "date");
      json_string(w, ev.date);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// ---- GraphML ----

struct GraphmlKey {
  std::string id;
  std::string name;
  const char* type;
};

// A key id usable as an XML NMTOKEN: ASCII letters, digits, '-', '.', '_' kept, every other
// byte written as "xHH".
std::string key_id_part(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '.' || u == '_') {
      out += c;
    } else {
      out += 'x';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

void write_key(std::ostream& out, const GraphmlKey& k, const char* domain) {
  out << "  <key id=\"" << xml_text(k.id, true) << "\" for=\"" << domain << "\" attr.name=\""
      << xml_text(k.name, true) << "\" attr.type=\"" << k.type << "\"/>\n";
}

void write_data(std::ostream& out, std::string_view key, std::string_view value) {
  out << "      <data key=\"" << xml_text(key, true) << "\">" << value << "</data>\n";
}

void write_string_data(std::ostream& out, std::string_view key, std::string_view value) {
  const std::string text = xml_text(value);
  if (!text.empty()) write_data(out, key, text);  // empty data reads as missing anyway
}

}  // namespace

std::optional<GraphFormat> parse_graph_format(std::string_view name) {
  const std::string lower = ascii_lower(name);
  if (lower == "json") return GraphFormat::json;
  if (lower == "graphml") return GraphFormat::graphml;
  return std::nullopt;
}

std::optional<GraphFormat> graph_format_for_path(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const std::string ext = ascii_lower(file.substr(dot + 1));
  if (ext == "json") return GraphFormat::json;
  if (ext == "graphml" || ext == "xml") return GraphFormat::graphml;
  return std::nullopt;
}

void write_json(const KnowledgeGraph& g, std::ostream& out) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  w.StartObject();
  json_key(w, "directed");
  w.Bool(true);
  json_key(w, "multigraph");
  w.Bool(true);
  json_key(w, "graph");
  w.StartObject();
  json_key(w, "name");
  json_string(w, g[boost::graph_bundle].name);
  json_key(w, "generator");
  w.String("relgraph");
  w.EndObject();
  json_key(w, "nodes");
  w.StartArray();
  for (auto v : boost::make_iterator_range(boost::vertices(g))) write_json_node(w, g[v]);
  w.EndArray();
  json_key(w, "links");
  w.StartArray();
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    write_json_edge(w, g[boost::source(e, g)].id, g[boost::target(e, g)].id, g[e]);
  }
  w.EndArray();
  w.EndObject();
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << '\n';
}

void write_graphml(const KnowledgeGraph& g, std::ostream& out) {
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
                                             {"e_triggers", "triggers", "string"}};
  std::set<std::string> attribute_names;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    for (const Attribute& a : g[v].attributes) attribute_names.insert(a.key);
  }
  std::map<std::string, std::string> attribute_key;  // attribute name -> key id
  std::vector<GraphmlKey> attribute_keys;
  std::set<std::string> used_ids, used_names = {"id"};
  for (const GraphmlKey& k : node_keys) {
    used_ids.insert(k.id);
    used_names.insert(k.name);
  }
  for (const std::string& name : attribute_names) {
    std::string id = "n_attr_" + key_id_part(name);
    for (int n = 2; used_ids.count(id) > 0; ++n) {
      id = "n_attr_" + key_id_part(name) + "_" + std::to_string(n);
    }
    std::string shown = name;
    if (used_names.count(shown) > 0) shown = "attr_" + name;
    for (int n = 2; used_names.count(shown) > 0; ++n) {
      shown = "attr_" + name + "_" + std::to_string(n);
    }
    used_ids.insert(id);
    used_names.insert(shown);
    attribute_key.emplace(name, id);
    attribute_keys.push_back({id, shown, "string"});
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const GraphmlKey& k : node_keys) write_key(out, k, "node");
  for (const GraphmlKey& k : attribute_keys) write_key(out, k, "node");
  for (const GraphmlKey& k : edge_keys) write_key(out, k, "edge");
  out << "  <graph id=\"" << xml_text(g[boost::graph_bundle].name, true)
      << "\" edgedefault=\"directed\">\n";

  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const NodeProperties& n = g[v];
    out << "    <node id=\"" << xml_text(n.id, true) << "\">\n";
    write_string_data(out, "n_label", n.label);
    write_string_data(out, "n_type", n.type);
    write_string_data(out, "n_aliases", join(n.aliases, " | "));
    write_data(out, "n_mentions", std::to_string(n.mentions));
    write_string_data(out, "n_documents", join(n.documents, " | "));
    for (const Attribute* a : sorted_attributes(n.attributes)) {
      write_string_data(out, attribute_key.at(a->key), a->value);
    }
    out << "    </node>\n";
  }

  std::size_t edge_index = 0;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeProperties& p = g[e];
    out << "    <edge id=\"e" << edge_index++ << "\" source=\""
        << xml_text(g[boost::source(e, g)].id, true) << "\" target=\""
        << xml_text(g[boost::target(e, g)].id, true) << "\">\n";
    write_string_data(out, "e_relation", p.relation);
    write_string_data(out, "e_label", p.relation);
    write_data(out, "e_weight", std::to_string(p.weight));
    write_data(out, "e_symmetric", p.symmetric ? "true" : "false");
    write_data(out, "e_evidence_count", std::to_string(p.evidence.size()));
    std::vector<std::string> sentences;
    std::set<std::string> triggers;
    for (const Evidence& ev : p.evidence) {
      sentences.push_back(ev.document + "#" + std::to_string(ev.sentence) + ": " + ev.text);
      if (!ev.trigger.empty()) triggers.insert(ev.trigger);
    }
    write_string_data(out, "e_evidence", join(sentences, "\n"));
    write_string_data(out, "e_triggers",
                      join(std::vector<std::string>(triggers.begin(), triggers.end()), " | "));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

void write_graph(const KnowledgeGraph& g, GraphFormat format, std::ostream& out) {
  switch (format) {
    case GraphFormat::json:
      write_json(g, out);
      return;
    case GraphFormat::graphml:
      write_graphml(g, out);
      return;
  }
  throw std::invalid_argument("unknown graph format");
}

}  // namespace relgraph
