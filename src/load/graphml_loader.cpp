// GraphML reader (see graph_loader.h for what is accepted): parses the XML with xml_reader,
// resolves <data key="..."> through the <key> declarations (by attr.name, with defaults), and
// maps the known names onto NodeProperties / EdgeProperties. Only the first <graph> is read;
// nested graphs, hyperedges and ports are ignored. Evidence comes from relgraph's
// "evidence_data" (JSON) when present, else is rebuilt from the "document#sentence: text" lines
// (see recover_evidence); data that fit no field of an edge are dropped. Errors carry the file,
// line and column of the offending element.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "load/load_internal.h"
#include "load/xml_reader.h"

namespace relgraph::load_detail {

namespace {

struct KeyInfo {
  std::string id;
  std::string name;    // attr.name, or the id when there is none
  std::string domain;  // node, edge, graph, all
  std::optional<std::string> default_value;
};

bool for_domain(const KeyInfo& k, std::string_view domain) {
  return k.domain == domain || k.domain == "all" || k.domain.empty();
}

bool reserved_node_name(std::string_view n) {
  return n == "id" || n == "label" || n == "type" || n == "aliases" || n == "mentions" ||
         n == "documents" || n == "first_seen" || n == "last_seen";
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) {
    --e;
  }
  return std::string(s.substr(b, e - b));
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// One "document#sentence: text" line start: the document and sentence, and where the text
// begins. With `documents` non-empty, the document must be one of them.
bool parse_evidence_head(std::string_view line, const std::set<std::string, std::less<>>& documents,
                         Evidence& ev, std::size_t& text_start) {
  for (std::size_t hash = line.find('#'); hash != std::string_view::npos;
       hash = line.find('#', hash + 1)) {
    const std::size_t colon = line.find(": ", hash);
    if (colon == std::string_view::npos) return false;
    const std::string_view digits = line.substr(hash + 1, colon - hash - 1);
    if (!all_digits(digits) || digits.size() > 18) continue;
    const std::string_view document = line.substr(0, hash);
    if (!documents.empty() && documents.count(document) == 0) continue;
    ev.document = std::string(document);
    ev.sentence = std::strtoull(std::string(digits).c_str(), nullptr, 10);
    text_start = colon + 2;
    return true;
  }
  return false;
}

// Evidence entries from relgraph's GraphML "evidence" value (one "document#sentence: text"
// line per entry; a sentence containing a newline continues on the next lines). Lines start a
// new entry only when they begin with a document the edge's endpoints list, so sentences that
// happen to contain "x#1: " do not split. Triggers: with one distinct trigger it belongs to
// every entry; otherwise each group of entries for the same sentence takes, in order, the
// triggers that occur in its text (the writer sorts a sentence's entries by trigger). Offsets
// and dates are not in GraphML and stay 0 / empty. Text that does not have this shape gives no
// evidence.
std::vector<Evidence> recover_evidence(std::string_view value,
                                       const std::vector<std::string>& triggers,
                                       const std::set<std::string, std::less<>>& documents) {
  std::vector<Evidence> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t end = value.find('\n', start);
    if (end == std::string_view::npos) end = value.size();
    const std::string_view line = value.substr(start, end - start);
    Evidence ev;
    std::size_t text_start = 0;
    const std::set<std::string, std::less<>> any;
    if (parse_evidence_head(line, documents, ev, text_start) ||
        (out.empty() && parse_evidence_head(line, any, ev, text_start))) {
      ev.text = std::string(line.substr(text_start));
      out.push_back(std::move(ev));
    } else if (!out.empty()) {
      out.back().text += '\n';
      out.back().text += line;
    } else {
      return {};  // not relgraph's evidence format
    }
    start = end + 1;
  }
  if (triggers.size() == 1) {
    for (Evidence& ev : out) ev.trigger = triggers.front();
    return out;
  }
  for (std::size_t i = 0; i < out.size();) {
    std::size_t j = i;
    while (j < out.size() && out[j].document == out[i].document &&
           out[j].sentence == out[i].sentence) {
      ++j;
    }
    std::vector<std::string> found;
    for (const std::string& t : triggers) {
      if (!t.empty() && out[i].text.find(t) != std::string::npos) found.push_back(t);
    }
    for (std::size_t k = i; k < j && k - i < found.size(); ++k) out[k].trigger = found[k - i];
    i = j;
  }
  return out;
}

class GraphmlReader {
 public:
  GraphmlReader(std::string_view text, std::string_view name, KnowledgeGraph& g)
      : text_(text), name_(name), assembler_(g) {}

  void read() {
    xml::Element root;
    try {
      root = xml::parse(text_);
    } catch (const xml::XmlError& e) {
      throw LoadError(std::string(name_) + ":" + std::to_string(e.line) + ":" +
                      std::to_string(e.column) + ": invalid XML: " + e.what());
    }
    if (root.local_name() != "graphml") {
      error(root, "not a GraphML file: the root element is <" + root.name + ">");
    }
    const xml::Element* graph = nullptr;
    for (const xml::Element& c : root.children) {
      if (c.local_name() == "key") {
        read_key(c);
      } else if (c.local_name() == "graph" && graph == nullptr) {
        graph = &c;
      }
    }
    if (graph == nullptr) fail(name_, "no <graph> element");
    for (const auto& [id, k] : keys_) {
      if (k.default_value && for_domain(k, "node")) node_defaults_.push_back(&k);
      if (k.default_value && for_domain(k, "edge")) edge_defaults_.push_back(&k);
    }
    const std::string* edgedefault = graph->attribute("edgedefault");
    const bool directed = edgedefault == nullptr || *edgedefault != "undirected";
    if (const std::string* id = graph->attribute("id")) {
      assembler_.graph()[boost::graph_bundle].name = *id;
    }
    for (const xml::Element& c : graph->children) {
      if (c.local_name() == "data") {
        if (const KeyInfo* k = key_for(c, "graph"); k && k->name == "name") {
          assembler_.graph()[boost::graph_bundle].name = c.text;
        }
      }
    }
    // All nodes first (edges may come before the nodes they use), then the edges.
    for (const xml::Element& c : graph->children) {
      if (c.local_name() == "node") read_node(c);
    }
    for (const xml::Element& c : graph->children) {
      if (c.local_name() == "edge") read_edge(c, directed);
    }
  }

 private:
  std::string_view text_;
  std::string_view name_;
  GraphAssembler assembler_;
  std::unordered_map<std::string, KeyInfo> keys_;
  std::unordered_map<std::string, std::string> xml_to_entity_;  // GraphML node id -> entity id
  std::vector<const KeyInfo*> node_defaults_, edge_defaults_;   // keys with a <default>

  [[noreturn]] void error(const xml::Element& at, const std::string& message) {
    throw LoadError(std::string(name_) + ":" + std::to_string(at.line) + ":" +
                    std::to_string(at.column) + ": " + message);
  }

  void read_key(const xml::Element& k) {
    const std::string* id = k.attribute("id");
    if (id == nullptr) error(k, "<key> without an id");
    KeyInfo info;
    info.id = *id;
    const std::string* name = k.attribute("attr.name");
    info.name = name ? *name : *id;
    const std::string* domain = k.attribute("for");
    info.domain = domain ? *domain : "all";
    for (const xml::Element& c : k.children) {
      if (c.local_name() == "default") info.default_value = c.text;
    }
    keys_[info.id] = std::move(info);
  }

  // The key of a <data> element for this domain; nullptr when the key is undeclared or for
  // another domain.
  const KeyInfo* key_for(const xml::Element& data, std::string_view domain) {
    const std::string* key = data.attribute("key");
    if (key == nullptr) error(data, "<data> without a key");
    auto it = keys_.find(*key);
    if (it == keys_.end() || !for_domain(it->second, domain)) return nullptr;
    return &it->second;
  }

  struct Field {
    std::string name;
    const std::string* value;
    const xml::Element* at;
  };

  // (name, value, element) for every <data> of a node or edge, the first of a repeated name,
  // declared defaults included.
  std::vector<Field> fields(const xml::Element& e, std::string_view domain) {
    std::vector<Field> out;
    auto add = [&](std::string name, const std::string* value, const xml::Element* at) {
      for (const Field& f : out) {
        if (f.name == name) return;
      }
      out.push_back({std::move(name), value, at});
    };
    for (const xml::Element& c : e.children) {
      if (c.local_name() != "data") continue;
      const KeyInfo* k = key_for(c, domain);
      std::string name = k ? k->name : *c.attribute("key");
      if (k && domain == "node" && k->id.rfind("n_attr_", 0) == 0 && name.rfind("attr_", 0) == 0 &&
          reserved_node_name(std::string_view(name).substr(5))) {
        // relgraph's writer renames attributes that clash with a field; \x01 keeps them apart.
        std::string apart(1, '\x01');
        apart.append(name, 5);
        add(std::move(apart), &c.text, &c);
        continue;
      }
      add(std::move(name), &c.text, &c);
    }
    for (const KeyInfo* k : domain == "node" ? node_defaults_ : edge_defaults_) {
      add(k->name, &*k->default_value, &e);
    }
    return out;
  }

  bool declared(std::string_view name, std::string_view domain) const {
    for (const auto& [id, k] : keys_) {
      if (k.name == name && for_domain(k, domain)) return true;
    }
    return false;
  }

  std::size_t parse_count(const std::string& value, const xml::Element& at,
                          const std::string& what) {
    const std::string t = trim(value);
    char* end = nullptr;
    const double d = std::strtod(t.c_str(), &end);
    if (t.empty() || end != t.c_str() + t.size() || !std::isfinite(d) || d < 0 || d > 1e18) {
      error(at, what + ": expected a non-negative number, got '" + value + "'");
    }
    return static_cast<std::size_t>(std::llround(d));
  }

  void read_node(const xml::Element& n) {
    const std::string* xml_id = n.attribute("id");
    if (xml_id == nullptr) error(n, "<node> without an id");
    NodeProperties node;
    node.id = *xml_id;
    bool has_label = false, has_type = false;
    std::string name_value;
    for (const Field& f : fields(n, "node")) {
      const std::string& name = f.name;
      const std::string& value = *f.value;
      if (name == "id") {
        if (!value.empty()) node.id = value;
      } else if (name == "label") {
        node.label = value;
        has_label = true;
      } else if (name == "type") {
        node.type = value;
        has_type = true;
      } else if (name == "aliases") {
        node.aliases = split_list(value);
      } else if (name == "documents") {
        node.documents = split_list(value);
      } else if (name == "mentions") {
        node.mentions = parse_count(value, *f.at, "mentions");
      } else if (name == "first_seen" || name == "last_seen") {
        // Derived from the evidence dates (graph/dates.h), not an attribute.
      } else {
        // An empty value is a missing one (relgraph leaves them out, igraph writes "").
        if (value.empty()) continue;
        const std::string key = !name.empty() && name[0] == '\x01' ? name.substr(1) : name;
        if (key == "name") name_value = value;
        node.attributes.push_back({key, value});
      }
    }
    // A field the file declares but this node lacks was empty when written (relgraph leaves
    // out empty strings); without a declaration, fall back as for JSON.
    if (!has_label)
      node.label = declared("label", "node") ? "" : (name_value.empty() ? node.id : name_value);
    if (!has_type) node.type = declared("type", "node") ? "" : "unknown";
    node.attributes = canonical_attributes(std::move(node.attributes));
    const std::string entity = node.id;
    if (!xml_to_entity_.emplace(*xml_id, entity).second) {
      error(n, "duplicate node id '" + *xml_id + "'");
    }
    if (!assembler_.add_node(std::move(node))) error(n, "duplicate node id '" + entity + "'");
  }

  std::string entity_of(const std::string& xml_id) {
    auto it = xml_to_entity_.find(xml_id);
    return it == xml_to_entity_.end() ? xml_id : it->second;
  }

  void read_edge(const xml::Element& e, bool directed_default) {
    const std::string* source = e.attribute("source");
    if (source == nullptr) error(e, "<edge> without a source");
    const std::string* target = e.attribute("target");
    if (target == nullptr) error(e, "<edge> without a target");
    bool directed = directed_default;
    if (const std::string* d = e.attribute("directed")) directed = *d != "false";
    const std::string s = entity_of(*source), t = entity_of(*target);

    EdgeProperties edge;
    edge.symmetric = !directed;
    std::string relation, label, type, evidence, evidence_data;
    std::vector<std::string> triggers;
    bool weight_known = false, has_evidence = false;
    for (const Field& f : fields(e, "edge")) {
      const std::string& name = f.name;
      const std::string& value = *f.value;
      if (name == "relation") {
        relation = value;
      } else if (name == "label") {
        label = value;
      } else if (name == "type") {
        type = value;
      } else if (name == "weight") {
        edge.weight = parse_count(value, *f.at, "weight");
        weight_known = true;
      } else if (name == "symmetric") {
        const std::string v = trim(value);
        if (v == "true" || v == "1" || v == "True") {
          edge.symmetric = true;
        } else if (v == "false" || v == "0" || v == "False") {
          edge.symmetric = false;
        } else {
          error(*f.at, "symmetric: expected true or false, got '" + value + "'");
        }
      } else if (name == "evidence") {
        evidence = value;
        has_evidence = true;
      } else if (name == "triggers") {
        triggers = split_list(value);
      } else if (name == "evidence_data") {
        evidence_data = value;
      }
    }
    edge.relation = !relation.empty() ? relation
                    : !label.empty()  ? label
                    : !type.empty()   ? type
                                      : "related";
    if (!evidence_data.empty() && parse_evidence_data(evidence_data, edge.evidence)) {
      // relgraph's full evidence; the "evidence" lines say the same with less.
    } else if (has_evidence) {
      std::set<std::string, std::less<>> documents;
      for (const std::string& id : {s, t}) {
        if (const NodeProperties* p = assembler_.find(id)) {
          documents.insert(p->documents.begin(), p->documents.end());
        }
      }
      edge.evidence = recover_evidence(evidence, triggers, documents);
    }
    assembler_.add_edge(s, t, std::move(edge), weight_known);
  }
};

}  // namespace

void parse_graphml(std::string_view text, std::string_view name, KnowledgeGraph& g) {
  GraphmlReader(text, name, g).read();
}

}  // namespace relgraph::load_detail
