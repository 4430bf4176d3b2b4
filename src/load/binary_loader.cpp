// Binary graph reader (layout in write/binary_graph.h). validate_binary() checks the header,
// the checksum and then every section bound and every index (string, node, list, attribute and
// evidence references, string offsets in order), so build_from_binary() and binary_evidence()
// read without further checks and a corrupt file can only give a LoadError. No I/O here: the
// bytes come from graph_file.cpp (a memory map) or parse_graph().
#include <bit>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "load/load_internal.h"

namespace relgraph::load_detail {

namespace {

using namespace binary_format;

std::uint64_t word_at(const char* p, std::size_t i) {
  std::uint64_t v = 0;
  std::memcpy(&v, p + 8 * i, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

[[noreturn]] void corrupt(std::string_view name, const std::string& what) {
  fail(name, "corrupt binary graph: " + what);
}

std::string_view string_at(const BinaryLayout& l, std::uint64_t i) {
  const std::uint64_t begin = word_at(l.string_offsets, i), end = word_at(l.string_offsets, i + 1);
  return {l.string_data + begin, static_cast<std::size_t>(end - begin)};
}

std::string str(const BinaryLayout& l, std::uint64_t i) { return std::string(string_at(l, i)); }

}  // namespace

bool is_binary_graph(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

BinaryLayout binary_header(std::string_view bytes, std::string_view name) {
  if (!is_binary_graph(bytes)) fail(name, "not a binary graph (no RGXGRAPH header)");
  if (bytes.size() < kHeaderBytes) corrupt(name, "truncated header");
  BinaryLayout l;
  l.bytes = bytes;
  const char* h = bytes.data();
  if (word_at(h, kVersionWord) != kVersion) {
    fail(name, "binary graph version " + std::to_string(word_at(h, kVersionWord)) +
                   " is not supported (this relgraph reads version " + std::to_string(kVersion) +
                   "); convert the source again");
  }
  if (word_at(h, kFileSize) != bytes.size()) {
    corrupt(name, "the header gives " + std::to_string(word_at(h, kFileSize)) +
                      " bytes, the file has " + std::to_string(bytes.size()));
  }
  l.has_source = word_at(h, kHasSource) == 1;
  l.source.size = word_at(h, kSourceSize);
  l.source.mtime_ns = static_cast<std::int64_t>(word_at(h, kSourceMtime));
  l.source.sample_hash = word_at(h, kSourceHash);
  return l;
}

BinaryLayout validate_binary(std::string_view bytes, std::string_view name, bool verify_checksum) {
  BinaryLayout l = binary_header(bytes, name);
  const char* h = bytes.data();
  if (verify_checksum && word_at(h, kChecksum) != checksum(bytes.substr(kHeaderBytes))) {
    corrupt(name, "checksum mismatch");
  }
  l.strings = word_at(h, kStringCount);
  l.node_count = word_at(h, kNodeCount);
  l.list_count = word_at(h, kListCount);
  l.attribute_count = word_at(h, kAttributeCount);
  l.edge_count = word_at(h, kEdgeCount);
  l.evidence_count = word_at(h, kEvidenceCount);
  l.graph_name = word_at(h, kGraphName);
  const std::uint64_t string_bytes = word_at(h, kStringBytes);

  // Sections, in order; every size is checked against what is left before it is used, so no
  // multiplication can overflow (each count is at most the file size).
  std::size_t at = kHeaderBytes;
  auto take = [&](std::uint64_t count, std::size_t words, const char* what) -> const char* {
    const std::size_t left = bytes.size() - at;
    if (count > left / 8 / words) corrupt(name, std::string("truncated ") + what);
    const char* p = bytes.data() + at;
    at += static_cast<std::size_t>(count) * words * 8;
    return p;
  };
  if (l.strings == 0) corrupt(name, "no string table");
  // Each string has an offset word (and strings + 1 must not wrap around).
  if (l.strings >= bytes.size() / 8) corrupt(name, "truncated string offsets");
  l.string_offsets = take(l.strings + 1, 1, "string offsets");
  if (string_bytes > bytes.size() - at) corrupt(name, "truncated strings");
  l.string_data = bytes.data() + at;
  at += static_cast<std::size_t>(string_bytes + (8 - string_bytes % 8) % 8);
  if (at > bytes.size()) corrupt(name, "truncated strings");
  l.nodes = take(l.node_count, kNodeWords, "nodes");
  l.lists = take(l.list_count, 1, "lists");
  l.attributes = take(l.attribute_count, kAttributeWords, "attributes");
  l.edges = take(l.edge_count, kEdgeWords, "edges");
  l.evidence = take(l.evidence_count, kEvidenceWords, "evidence");
  if (at != bytes.size()) corrupt(name, "unexpected bytes after the evidence");

  std::uint64_t previous = 0;
  for (std::uint64_t i = 0; i <= l.strings; ++i) {
    const std::uint64_t offset = word_at(l.string_offsets, i);
    if (offset < previous || offset > string_bytes || (i == 0 && offset != 0)) {
      corrupt(name, "string offset " + std::to_string(i) + " out of order");
    }
    previous = offset;
  }
  auto check_string = [&](std::uint64_t s, const char* what) {
    if (s >= l.strings) corrupt(name, std::string("bad string index in ") + what);
  };
  auto check_range = [&](std::uint64_t first, std::uint64_t count, std::uint64_t size,
                         const char* what) {
    if (first > size || count > size - first) corrupt(name, std::string("bad range of ") + what);
  };
  check_string(l.graph_name, "the graph name");
  for (std::uint64_t n = 0; n < l.node_count; ++n) {
    const char* r = l.nodes + n * kNodeWords * 8;
    for (std::size_t w = 0; w < 3; ++w) check_string(word_at(r, w), "a node");
    check_range(word_at(r, 4), word_at(r, 5), l.list_count, "aliases");
    check_range(word_at(r, 6), word_at(r, 7), l.list_count, "documents");
    check_range(word_at(r, 8), word_at(r, 9), l.attribute_count, "attributes");
  }
  for (std::uint64_t i = 0; i < l.list_count; ++i) check_string(word_at(l.lists, i), "a list");
  for (std::uint64_t i = 0; i < l.attribute_count * kAttributeWords; ++i) {
    check_string(word_at(l.attributes, i), "an attribute");
  }
  for (std::uint64_t e = 0; e < l.edge_count; ++e) {
    const char* r = l.edges + e * kEdgeWords * 8;
    if (word_at(r, 0) >= l.node_count || word_at(r, 1) >= l.node_count) {
      corrupt(name, "edge " + std::to_string(e) + " has an endpoint out of range");
    }
    check_string(word_at(r, 2), "an edge");
    if (word_at(r, 3) > 1) corrupt(name, "edge " + std::to_string(e) + ": bad symmetric flag");
    check_range(word_at(r, 5), word_at(r, 6), l.evidence_count, "evidence");
  }
  for (std::uint64_t v = 0; v < l.evidence_count; ++v) {
    const char* r = l.evidence + v * kEvidenceWords * 8;
    for (std::size_t w : {0, 4, 5, 6}) check_string(word_at(r, w), "evidence");
  }
  return l;
}

std::vector<Evidence> binary_evidence(const BinaryLayout& l, std::size_t ordinal) {
  const char* r = l.edges + ordinal * kEdgeWords * 8;
  const std::uint64_t first = word_at(r, 5), count = word_at(r, 6);
  std::vector<Evidence> out(count);
  for (std::uint64_t i = 0; i < count; ++i) {
    const char* v = l.evidence + (first + i) * kEvidenceWords * 8;
    Evidence& ev = out[i];
    ev.document = str(l, word_at(v, 0));
    ev.sentence = word_at(v, 1);
    ev.begin = word_at(v, 2);
    ev.end = word_at(v, 3);
    ev.text = str(l, word_at(v, 4));
    ev.trigger = str(l, word_at(v, 5));
    ev.date = str(l, word_at(v, 6));
  }
  return out;
}

void build_from_binary(const BinaryLayout& l, KnowledgeGraph& g, bool with_evidence) {
  g = KnowledgeGraph(static_cast<std::size_t>(l.node_count));
  g[boost::graph_bundle].name = str(l, l.graph_name);
  auto list = [&](std::uint64_t first, std::uint64_t count) {
    std::vector<std::string> out;
    out.reserve(count);
    for (std::uint64_t i = 0; i < count; ++i) out.push_back(str(l, word_at(l.lists, first + i)));
    return out;
  };
  for (std::uint64_t n = 0; n < l.node_count; ++n) {
    const char* r = l.nodes + n * kNodeWords * 8;
    NodeProperties& node = g[n];
    node.id = str(l, word_at(r, 0));
    node.label = str(l, word_at(r, 1));
    node.type = str(l, word_at(r, 2));
    node.mentions = word_at(r, 3);
    node.aliases = list(word_at(r, 4), word_at(r, 5));
    node.documents = list(word_at(r, 6), word_at(r, 7));
    const std::uint64_t first = word_at(r, 8), count = word_at(r, 9);
    node.attributes.reserve(count);
    for (std::uint64_t a = first; a < first + count; ++a) {
      node.attributes.push_back({str(l, word_at(l.attributes, a * kAttributeWords)),
                                 str(l, word_at(l.attributes, a * kAttributeWords + 1))});
    }
  }
  // Reserving every vertex's out- and in-edge lists (degrees counted from the records first)
  // saves the reallocation and copying of growing them one edge at a time; prefetching the
  // target's in-edge list a few edges ahead hides most of the cache misses of random targets.
  // Both use adjacency_list's stored vertices (public members of Boost's implementation).
  {
    std::vector<std::uint32_t> out_degree(l.node_count), in_degree(l.node_count);
    for (std::uint64_t e = 0; e < l.edge_count; ++e) {
      const char* r = l.edges + e * kEdgeWords * 8;
      ++out_degree[word_at(r, 0)];
      ++in_degree[word_at(r, 1)];
    }
    for (std::uint64_t n = 0; n < l.node_count; ++n) {
      g.m_vertices[n].m_out_edges.reserve(out_degree[n]);
      g.m_vertices[n].m_in_edges.reserve(in_degree[n]);
    }
  }
  constexpr std::uint64_t kAhead = 8;  // the list itself 2 * kAhead edges ahead, its end kAhead
  auto target_of = [&](std::uint64_t e) -> auto& {
    return g.m_vertices[word_at(l.edges + e * kEdgeWords * 8, 1)].m_in_edges;
  };
  for (std::uint64_t e = 0; e < l.edge_count; ++e) {
    const char* r = l.edges + e * kEdgeWords * 8;
    if (e + 2 * kAhead < l.edge_count) __builtin_prefetch(&target_of(e + 2 * kAhead));
    if (e + kAhead < l.edge_count) {
      auto& list = target_of(e + kAhead);
      __builtin_prefetch(list.data() + list.size(), 1);
    }
    EdgeProperties edge;
    edge.relation = str(l, word_at(r, 2));
    edge.symmetric = word_at(r, 3) == 1;
    edge.weight = word_at(r, 4);
    if (with_evidence) edge.evidence = binary_evidence(l, e);
    boost::add_edge(word_at(r, 0), word_at(r, 1), std::move(edge), g);
  }
}

}  // namespace relgraph::load_detail
