// Binary graph writer (see binary_graph.h for the layout). Strings are stored once each (the
// same relation, type, document or trigger is one string), byte for byte as in the graph (no
// UTF-8 repair: loading the binary graph must give exactly the graph that was written).
#include "write/binary_graph.h"

#include <boost/range/iterator_range.hpp>

#include <bit>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace relgraph {

namespace binary_format {

std::uint64_t checksum(std::string_view bytes) {
  constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  std::uint64_t lane[4] = {0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL,
                           0x082EFA98EC4E6C89ULL};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  while (n >= 32) {
    for (int i = 0; i < 4; ++i) {
      std::uint64_t w = 0;
      std::memcpy(&w, p + 8 * i, 8);
      if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
      lane[i] = (lane[i] ^ w) * kMul;
      lane[i] ^= lane[i] >> 29;
    }
    p += 32;
    n -= 32;
  }
  std::uint64_t h = static_cast<std::uint64_t>(bytes.size()) * kMul;
  for (std::uint64_t l : lane) h = ((h ^ l) * kMul) ^ (h >> 31);
  for (; n > 0; --n, ++p) h = ((h ^ static_cast<unsigned char>(*p)) * kMul) ^ (h >> 31);
  return h ^ (h >> 32);
}

}  // namespace binary_format

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

void write_binary_graph(const KnowledgeGraph& g, std::ostream& out,
                        const std::optional<SourceStamp>& source) {
  StringTable strings;
  std::vector<std::uint64_t> nodes, lists, attributes, edges, evidence;
  nodes.reserve(boost::num_vertices(g) * kNodeWords);
  edges.reserve(boost::num_edges(g) * kEdgeWords);
  const std::uint64_t graph_name = strings.index(g[boost::graph_bundle].name);
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const NodeProperties& n = g[v];
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
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const EdgeProperties& p = g[e];
    edges.insert(edges.end(),
                 {static_cast<std::uint64_t>(boost::source(e, g)),
                  static_cast<std::uint64_t>(boost::target(e, g)), strings.index(p.relation),
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
  header[kNodeCount] = boost::num_vertices(g);
  header[kListCount] = lists.size();
  header[kAttributeCount] = attributes.size() / kAttributeWords;
  header[kEdgeCount] = boost::num_edges(g);
  header[kEvidenceCount] = evidence.size() / kEvidenceWords;
  std::string head;
  for (std::uint64_t w : header) put(head, w);
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
}

}  // namespace relgraph
