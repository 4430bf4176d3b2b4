// relgraph's binary graph (.rgx): the whole KnowledgeGraph in a compact, memory-mappable
// layout that loads an order of magnitude faster than the JSON, used as a cache beside a graph
// file or as a graph file of its own (docs/formats.md, "Binary graph").
//
// This header defines the layout shared by the writer (here) and the reader (src/load): a
// fixed header with a checksum of everything after it, then a string table and fixed-size
// records of 64-bit little-endian integers that refer to strings and to each other by index.
// The writer only formats bytes on a stream; it reads no files (the CLI stamps the source file
// through the load stage). The checksum detects corruption, not tampering.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"
#include "hash/hash128.h"

namespace relgraph {

// What a cache knows of the file it was made from: size, modification time (nanoseconds since
// the file clock's epoch) and a hash of sampled bytes (see sample_hash in src/load).
struct SourceStamp {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t sample_hash = 0;
  bool operator==(const SourceStamp&) const = default;
};

// Writes `g`; `source`, when given, records the file the graph was read from, which makes the
// output a cache of that file. The string table and the records are put together in memory
// before anything is written (the header's checksum covers them), so unlike the text formats
// this holds every distinct string of the graph, evidence text included, at once.
void write_binary_graph(const GraphView& g, std::ostream& out,
                        const std::optional<SourceStamp>& source = std::nullopt);
void write_binary_graph(const KnowledgeGraph& g, std::ostream& out,
                        const std::optional<SourceStamp>& source = std::nullopt);

namespace binary_format {

inline constexpr std::string_view kMagic = "RGXGRAPH";  // 8 bytes
// Version 2: the checksum became hash128's low half (version 1 had a checksum of its own).
inline constexpr std::uint64_t kVersion = 2;

// The header: 32 little-endian u64 words (256 bytes).
enum HeaderWord : std::size_t {
  kMagicWord = 0,    // kMagic
  kVersionWord,      // kVersion
  kFileSize,         // total bytes, header included
  kChecksum,         // checksum() of bytes [kHeaderBytes, kFileSize)
  kHasSource,        // 1 when the source stamp below is set
  kSourceSize,       // SourceStamp
  kSourceMtime,      //
  kSourceHash,       //
  kGraphName,        // string index of the graph's name
  kStringCount,      // S strings: (S + 1) u64 offsets into the string bytes, then the bytes
  kStringBytes,      //   total bytes of string data (padded to 8 in the file)
  kNodeCount,        // N node records (kNodeWords each)
  kListCount,        // L u64 string indices (aliases and documents of all nodes)
  kAttributeCount,   // A attribute records (key, value)
  kEdgeCount,        // E edge records (kEdgeWords each)
  kEvidenceCount,    // V evidence records (kEvidenceWords each)
  kHeaderWordsUsed,  // the rest is zero
};
inline constexpr std::size_t kHeaderWords = 32;
inline constexpr std::size_t kHeaderBytes = kHeaderWords * 8;

// Section order after the header: string offsets, string bytes, nodes, lists, attributes,
// edges, evidence.
// Node: id, label, type (strings), mentions, first alias and alias count (into the lists),
// first document and document count (lists), first attribute and attribute count.
inline constexpr std::size_t kNodeWords = 10;
// Edge: source and target (node indices), relation (string), symmetric (0 / 1), weight, first
// evidence and evidence count.
inline constexpr std::size_t kEdgeWords = 7;
// Evidence: document, sentence, begin, end, text, trigger, date (empty string: no date).
inline constexpr std::size_t kEvidenceWords = 7;
// Attribute: key, value (strings).
inline constexpr std::size_t kAttributeWords = 2;

// The 64-bit checksum of `bytes`: the low half of hash128().
inline std::uint64_t checksum(std::string_view bytes) { return hash128(bytes).low; }

}  // namespace binary_format

}  // namespace relgraph
