// Node-link JSON reader (see graph_loader.h for what is accepted). Parses with RapidJSON's
// iterative parser (no recursion, so deeply nested input cannot overflow the stack; NaN and
// Infinity accepted as Python's json module writes them), then walks the DOM, checking every
// field it uses. Errors name the JSON path ("nodes[3].mentions"); syntax errors the line and
// column. It does not keep edge fields other than relation, symmetric, weight and evidence.
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <algorithm>

#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "load/load_internal.h"

namespace relgraph::load_detail {

namespace {

using Value = rapidjson::Value;

// Where a value is in the document ("links[3].evidence[0].sentence"), kept as a chain of
// parents on the stack and spelled out only when an error needs it.
struct Path {
  const Path* parent = nullptr;
  std::string_view key;  // a member name; empty for an array element
  std::size_t index = 0;

  Path member(std::string_view k) const { return {this, k, 0}; }
  Path element(std::size_t i) const { return {this, {}, i}; }
  std::string str() const {
    std::string out = parent ? parent->str() : "";
    if (key.empty()) return out + "[" + std::to_string(index) + "]";
    return out.empty() ? std::string(key) : out + "." + std::string(key);
  }
};

class JsonReader {
 public:
  JsonReader(std::string_view name, KnowledgeGraph& g) : name_(name), assembler_(g) {}

  void read(std::string_view text) {
    // A private, NUL-terminated copy: ParseInsitu decodes strings in place (fast, few copies).
    std::string buffer(text);
    rapidjson::Document doc;
    doc.ParseInsitu<rapidjson::kParseIterativeFlag | rapidjson::kParseNanAndInfFlag>(buffer.data());
    if (doc.HasParseError()) {
      fail_at(name_, text, doc.GetErrorOffset(),
              std::string("invalid JSON: ") + rapidjson::GetParseError_En(doc.GetParseError()));
    }
    if (!doc.IsObject()) fail(name_, "not a node-link graph: the top level is not an object");

    bool directed = true;
    if (auto it = doc.FindMember("directed"); it != doc.MemberEnd()) {
      if (!it->value.IsBool()) error(Path{nullptr, "directed", 0}, "expected true or false");
      directed = it->value.GetBool();
    }
    if (auto it = doc.FindMember("graph"); it != doc.MemberEnd() && it->value.IsObject()) {
      if (auto n = it->value.FindMember("name");
          n != it->value.MemberEnd() && n->value.IsString()) {
        assembler_.graph()[boost::graph_bundle].name = n->value.GetString();
      }
      // relgraph's table of documents read (--partial, --update); entries of another shape
      // are not relgraph's and are ignored.
      if (auto d = it->value.FindMember("documents");
          d != it->value.MemberEnd() && d->value.IsArray()) {
        auto& records = assembler_.graph()[boost::graph_bundle].documents;
        for (const auto& entry : d->value.GetArray()) {
          if (!entry.IsObject()) continue;
          auto name = entry.FindMember("name");
          auto hash = entry.FindMember("hash");
          auto bytes = entry.FindMember("bytes");
          if (name == entry.MemberEnd() || !name->value.IsString() || hash == entry.MemberEnd() ||
              !hash->value.IsString())
            continue;
          DocumentRecord r;
          r.name = name->value.GetString();
          r.hash = hash->value.GetString();
          if (bytes != entry.MemberEnd() && bytes->value.IsUint64())
            r.bytes = bytes->value.GetUint64();
          records.push_back(std::move(r));
        }
        std::sort(records.begin(), records.end());
        records.erase(std::unique(records.begin(), records.end()), records.end());
      }
    }
    auto nodes = doc.FindMember("nodes");
    if (nodes == doc.MemberEnd()) fail(name_, "not a node-link graph: no \"nodes\" array");
    const Path nodes_path{nullptr, "nodes", 0};
    if (!nodes->value.IsArray()) error(nodes_path, "expected an array");
    const char* links_name = "links";
    auto links = doc.FindMember("links");
    if (links == doc.MemberEnd()) {
      links_name = "edges";
      links = doc.FindMember("edges");
    }
    if (links == doc.MemberEnd()) {
      fail(name_, "not a node-link graph: no \"links\" (or \"edges\") array");
    }
    const Path links_path{nullptr, links_name, 0};
    if (!links->value.IsArray()) error(links_path, "expected an array");

    std::size_t i = 0;
    for (const Value& n : nodes->value.GetArray()) read_node(n, nodes_path.element(i++));
    i = 0;
    for (const Value& l : links->value.GetArray()) read_link(l, links_path.element(i++), directed);
  }

  // One evidence object (GraphML's evidence_data); LoadError when it is not one.
  Evidence evidence(const Value& e, std::size_t index) {
    return read_evidence(e, Path{nullptr, {}, index});
  }

 private:
  std::string_view name_;
  GraphAssembler assembler_;

  [[noreturn]] void error(const Path& path, const std::string& message) {
    fail(name_, path.str() + ": " + message);
  }

  // Whether arrays and objects nest deeper than `limit` inside `v` (checked without recursion,
  // because writing a value back as text recurses once per level).
  static bool nested_deeper(const Value& v, std::size_t limit) {
    std::vector<std::pair<const Value*, std::size_t>> stack{{&v, 1}};
    while (!stack.empty()) {
      const auto [value, depth] = stack.back();
      stack.pop_back();
      if (depth > limit) return true;
      if (value->IsArray()) {
        for (const Value& c : value->GetArray()) {
          if (c.IsArray() || c.IsObject()) stack.emplace_back(&c, depth + 1);
        }
      } else if (value->IsObject()) {
        for (const auto& m : value->GetObject()) {
          if (m.value.IsArray() || m.value.IsObject()) stack.emplace_back(&m.value, depth + 1);
        }
      }
    }
    return false;
  }

  // A JSON value as text: strings as they are, anything else as compact JSON (at most
  // kMaxValueDepth levels of arrays and objects; deeper is an error).
  static constexpr std::size_t kMaxValueDepth = 64;
  std::string scalar_text(const Value& v, const Path& path) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if ((v.IsArray() || v.IsObject()) && nested_deeper(v, kMaxValueDepth)) {
      error(path, "value nested more than " + std::to_string(kMaxValueDepth) + " levels deep");
    }
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator, rapidjson::kWriteNanAndInfFlag>
        w(sb);
    v.Accept(w);
    return std::string(sb.GetString(), sb.GetSize());
  }

  std::string id_text(const Value& v, const Path& path) {
    if (v.IsString() || v.IsNumber() || v.IsBool() || v.IsArray()) return scalar_text(v, path);
    error(path, "expected a string or a number");
  }

  std::string string_field(const Value& v, const Path& path) {
    if (v.IsString()) return std::string(v.GetString(), v.GetStringLength());
    if (v.IsNumber() || v.IsBool()) return scalar_text(v, path);
    error(path, "expected a string");
  }

  std::size_t count_field(const Value& v, const Path& path) {
    if (v.IsUint64()) return static_cast<std::size_t>(v.GetUint64());
    if (v.IsDouble()) {
      const double d = v.GetDouble();
      if (std::isfinite(d) && d >= 0 && d < 1.8e19 && std::floor(d) == d) {
        return static_cast<std::size_t>(d);
      }
    }
    error(path, "expected a non-negative integer");
  }

  std::vector<std::string> string_list(const Value& v, const Path& path) {
    std::vector<std::string> out;
    if (v.IsString()) {
      out.emplace_back(v.GetString(), v.GetStringLength());
      return out;
    }
    if (!v.IsArray()) error(path, "expected an array of strings");
    std::size_t i = 0;
    for (const Value& s : v.GetArray()) {
      out.push_back(string_field(s, path.element(i++)));
    }
    return out;
  }

  void read_node(const Value& n, const Path& path) {
    if (!n.IsObject()) error(path, "expected an object");
    auto id = n.FindMember("id");
    if (id == n.MemberEnd()) error(path, "missing \"id\"");
    NodeProperties node;
    node.id = id_text(id->value, path.member("id"));
    bool has_label = false, has_type = false;
    std::vector<Attribute> extra;
    for (const auto& m : n.GetObject()) {
      const std::string_view key(m.name.GetString(), m.name.GetStringLength());
      const Path field = path.member(key);
      if (key == "id") continue;
      if (key == "label") {
        node.label = string_field(m.value, field);
        has_label = true;
      } else if (key == "type") {
        node.type = string_field(m.value, field);
        has_type = true;
      } else if (key == "aliases") {
        node.aliases = string_list(m.value, field);
      } else if (key == "mentions") {
        node.mentions = count_field(m.value, field);
      } else if (key == "documents") {
        node.documents = string_list(m.value, field);
      } else if (key == "first_seen" || key == "last_seen") {
        // Derived from the evidence dates (graph/dates.h), not an attribute.
      } else if (key == "attributes" && m.value.IsObject()) {
        for (const auto& a : m.value.GetObject()) {
          if (a.value.IsNull()) continue;
          node.attributes.push_back(
              {std::string(a.name.GetString(), a.name.GetStringLength()),
               scalar_text(a.value, field.member(std::string_view(a.name.GetString(),
                                                                  a.name.GetStringLength())))});
        }
      } else if (!m.value.IsNull()) {
        extra.push_back({std::string(key), scalar_text(m.value, field)});
      }
    }
    if (!has_label) {
      node.label = node.id;
      for (const Attribute& a : extra) {
        if (a.key == "name") node.label = a.value;
      }
    }
    if (!has_type) node.type = "unknown";
    node.attributes.insert(node.attributes.end(), extra.begin(), extra.end());
    node.attributes = canonical_attributes(std::move(node.attributes));
    const std::string node_id = node.id;
    if (!assembler_.add_node(std::move(node))) error(path, "duplicate node id '" + node_id + "'");
  }

  Evidence read_evidence(const Value& e, const Path& path) {
    if (!e.IsObject()) error(path, "expected an object");
    Evidence ev;
    bool has_document = false, has_sentence = false;
    for (const auto& m : e.GetObject()) {
      const std::string_view key(m.name.GetString(), m.name.GetStringLength());
      const Path field = path.member(key);
      if (key == "document") {
        ev.document = string_field(m.value, field);
        has_document = true;
      } else if (key == "sentence") {
        ev.sentence = count_field(m.value, field);
        has_sentence = true;
      } else if (key == "begin") {
        ev.begin = count_field(m.value, field);
      } else if (key == "end") {
        ev.end = count_field(m.value, field);
      } else if (key == "text") {
        ev.text = string_field(m.value, field);
      } else if (key == "trigger") {
        ev.trigger = string_field(m.value, field);
      } else if (key == "date" && !m.value.IsNull()) {
        ev.date = string_field(m.value, field);
      }
    }
    if (!has_document) error(path, "missing \"document\"");
    if (!has_sentence) error(path, "missing \"sentence\"");
    return ev;
  }

  void read_link(const Value& l, const Path& path, bool directed) {
    if (!l.IsObject()) error(path, "expected an object");
    auto source = l.FindMember("source");
    if (source == l.MemberEnd()) error(path, "missing \"source\"");
    auto target = l.FindMember("target");
    if (target == l.MemberEnd()) error(path, "missing \"target\"");
    const std::string s = id_text(source->value, path.member("source"));
    const std::string t = id_text(target->value, path.member("target"));
    EdgeProperties edge;
    edge.symmetric = !directed;
    std::string relation, key, label, type;
    bool weight_known = false;
    for (const auto& m : l.GetObject()) {
      const std::string_view name(m.name.GetString(), m.name.GetStringLength());
      const Path field = path.member(name);
      if (name == "relation") {
        relation = string_field(m.value, field);
      } else if (name == "key" && m.value.IsString()) {
        key = m.value.GetString();
      } else if (name == "label" && m.value.IsString()) {
        label = m.value.GetString();
      } else if (name == "type" && m.value.IsString()) {
        type = m.value.GetString();
      } else if (name == "symmetric") {
        if (!m.value.IsBool()) error(field, "expected true or false");
        edge.symmetric = m.value.GetBool();
      } else if (name == "weight") {
        if (!m.value.IsNumber()) error(field, "expected a number");
        const double w = m.value.GetDouble();
        if (!std::isfinite(w) || w < 0 || w > 1e18) error(field, "expected a non-negative number");
        edge.weight = static_cast<std::size_t>(std::llround(w));
        weight_known = true;
      } else if (name == "evidence") {
        if (!m.value.IsArray()) error(field, "expected an array");
        std::size_t i = 0;
        for (const Value& e : m.value.GetArray()) {
          edge.evidence.push_back(read_evidence(e, field.element(i++)));
        }
      }
    }
    edge.relation = !relation.empty() ? relation
                    : !key.empty()    ? key
                    : !label.empty()  ? label
                    : !type.empty()   ? type
                                      : "related";
    assembler_.add_edge(s, t, std::move(edge), weight_known);
  }
};

}  // namespace

void parse_json(std::string_view text, std::string_view name, KnowledgeGraph& g) {
  JsonReader(name, g).read(text);
}

bool parse_evidence_data(std::string_view text, std::vector<Evidence>& out) {
  std::string buffer(text);
  rapidjson::Document doc;
  doc.ParseInsitu<rapidjson::kParseIterativeFlag>(buffer.data());
  if (doc.HasParseError() || !doc.IsArray()) return false;
  KnowledgeGraph unused;
  JsonReader reader("evidence_data", unused);
  try {
    std::size_t i = 0;
    for (const Value& e : doc.GetArray()) out.push_back(reader.evidence(e, i++));
  } catch (const LoadError&) {
    out.clear();
    return false;
  }
  return true;
}

}  // namespace relgraph::load_detail
