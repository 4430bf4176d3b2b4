// Binary graph writer (see binary_graph.h for the layout). Strings are stored once each (the
// same relation, type, document or trigger is one string), byte for byte as in the graph (no
// UTF-8 repair: loading the binary graph must give exactly the graph that was written).
#include "write/binary_graph.h"

#include <bit>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace relgraph {

namespace {

using namespace binary_format;

void put(std::string& out, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  char b[8];
  std::memcpy(b, &v, 8);
  out.append(b, 8);
}

class StringTable {
 public:
  StringTable() { index(""); }
  std::uint64_t index(const std::string& s) {
    auto [it, added] = ids_.try_emplace(s, strings_.size());
    if (added) strings_.push_back(&it->first);
    return it->second;
  }
  std::uint64_t count() const { return strings_.size(); }
  // Offsets (count + 1 words), then the bytes padded to a multiple of 8.
  std::uint64_t write(std::string& out) const {
    std::uint64_t offset = 0;
    for (const std::string* s : strings_) {
      put(out, offset);
      offset += s->size();
    }
    put(out, offset);
    for (const std::string* s : strings_) out += *s;
    out.append((8 - offset % 8) % 8, '\0');
    return offset;
  }

 private:
  std::unordered_map<std::string, std::uint64_t> ids_;
  std::vector<const std::string*> strings_;  // keys of ids_ (stable: node-based map)
};

}  // namespace

void write_binary_graph(const GraphView& g, std::ostream& out,
                        const std::optional<SourceStamp>& source) {
  StringTable strings;
  std::vector<std::uint64_t> nodes, lists, attributes, edges, evidence;
  nodes.reserve(g.num_nodes() * kNodeWords);
  edges.reserve(g.num_edges() * kEdgeWords);
  const std::uint64_t graph_name = strings.index(g.properties().name);
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    const NodeProperties& n = g.node(v, true);
    nodes.insert(nodes.end(),
                 {strings.index(n.id), strings.index(n.label), strings.index(n.type),
                  static_cast<std::uint64_t>(n.mentions), lists.size(), n.aliases.size()});
    for (const std::string& a : n.aliases) lists.push_back(strings.index(a));
    nodes.insert(nodes.end(), {lists.size(), n.documents.size()});
    for (const std::string& d : n.documents) lists.push_back(strings.index(d));
    nodes.insert(nodes.end(), {attributes.size() / kAttributeWords, n.attributes.size()});
    for (const Attribute& a : n.attributes) {
      attributes.insert(attributes.end(), {strings.index(a.key), strings.index(a.value)});
    }
  }
  for (std::size_t e = 0; e < g.num_edges(); ++e) {
    const EdgeView edge = g.edge(e, true);
    const EdgeProperties& p = *edge.properties;
    edges.insert(edges.end(), {static_cast<std::uint64_t>(edge.source),
                               static_cast<std::uint64_t>(edge.target), strings.index(p.relation),
                               p.symmetric ? 1u : 0u, static_cast<std::uint64_t>(p.weight),
                               evidence.size() / kEvidenceWords, p.evidence.size()});
    for (const Evidence& ev : p.evidence) {
      evidence.insert(evidence.end(),
                      {strings.index(ev.document), static_cast<std::uint64_t>(ev.sentence),
                       static_cast<std::uint64_t>(ev.begin), static_cast<std::uint64_t>(ev.end),
                       strings.index(ev.text), strings.index(ev.trigger), strings.index(ev.date)});
    }
  }

  std::string body;
  const std::uint64_t string_bytes = strings.write(body);
  for (const auto* section : {&nodes, &lists, &attributes, &edges, &evidence}) {
    for (std::uint64_t w : *section) put(body, w);
  }

  std::uint64_t header[kHeaderWords] = {};
  std::memcpy(&header[kMagicWord], kMagic.data(), 8);
  if constexpr (std::endian::native == std::endian::big) {
    header[kMagicWord] = __builtin_bswap64(header[kMagicWord]);
  }
  header[kVersionWord] = kVersion;
  header[kFileSize] = kHeaderBytes + body.size();
  header[kChecksum] = checksum(body);
  if (source) {
    header[kHasSource] = 1;
    header[kSourceSize] = source->size;
    header[kSourceMtime] = static_cast<std::uint64_t>(source->mtime_ns);
    header[kSourceHash] = source->sample_hash;
  }
  header[kGraphName] = graph_name;
  header[kStringCount] = strings.count();
  header[kStringBytes] = string_bytes;
  header[kNodeCount] = g.num_nodes();
  header[kListCount] = lists.size();
  header[kAttributeCount] = attributes.size() / kAttributeWords;
  header[kEdgeCount] = g.num_edges();
  header[kEvidenceCount] = evidence.size() / kEvidenceWords;
  std::string head;
  for (std::uint64_t w : header) put(head, w);
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

void write_binary_graph(const KnowledgeGraph& g, std::ostream& out,
                        const std::optional<SourceStamp>& source) {
  write_binary_graph(KnowledgeGraphView(g), out, source);
}

}  // namespace relgraph
