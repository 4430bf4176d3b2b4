// SpillFile: an append-only byte store for what a graph build accumulates in proportion to the
// corpus (evidence with its sentence text, the documents of each node), so that memory holds
// only what grows with the graph (see GraphBuilder in graph_builder.h).
//
// append() returns the offset of the bytes appended; read() gives them back. The first
// `memory_limit` bytes stay in memory; past that the store moves to a temporary file in $TMPDIR
// (else /tmp) that has no name (O_TMPFILE; where the file system cannot, mkstemp and unlinked at
// once), so nothing is left behind whatever happens to the process. From then on memory holds only
// a write buffer of `memory_limit` bytes at most, and reads use pread (no mapping, so the data read
// back does not count in the process's resident memory). The contents, and so everything built from
// them, are the same whether they stayed in memory or went to disk. Errors (no temporary directory,
// a full disk) throw SpillError. Not thread-safe, except that several threads may read() at once
// while nobody appends.
//
// The varint / string helpers below are the record encoding GraphBuilder uses on top of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace relgraph {

struct SpillError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class SpillFile {
 public:
  static constexpr std::size_t kDefaultMemoryLimit = std::size_t{4} << 20;  // 4 MiB

  explicit SpillFile(std::size_t memory_limit = kDefaultMemoryLimit);
  ~SpillFile();
  SpillFile(SpillFile&& other) noexcept;
  SpillFile& operator=(SpillFile&& other) noexcept;
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends `bytes`; returns the offset of their first byte.
  std::uint64_t append(std::string_view bytes);
  // Replaces `out` with the `size` bytes at `offset` (which must have been appended).
  void read(std::uint64_t offset, std::size_t size, std::string& out) const;
  // Appends them to `out` instead.
  void read_append(std::uint64_t offset, std::size_t size, std::string& out) const;

  std::uint64_t size() const { return flushed_ + tail_.size(); }
  // Whether the store has moved to its temporary file.
  bool on_disk() const { return fd_ >= 0; }

 private:
  void write_out(std::string_view bytes);
  void read_into(std::uint64_t offset, std::size_t size, char* out) const;

  std::size_t memory_limit_;
  int fd_ = -1;
  std::string directory_;      // of the temporary file, for messages
  std::uint64_t flushed_ = 0;  // bytes in the file; the tail follows them
  std::string tail_;
};

namespace spill_codec {

inline void put_varint(std::string& out, std::uint64_t v) {
  if (v < 0x80) {
    out.push_back(static_cast<char>(v));
    return;
  }
  char bytes[10];
  std::size_t n = 0;
  while (v >= 0x80) {
    bytes[n++] = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  bytes[n++] = static_cast<char>(v);
  out.append(bytes, n);
}

inline void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Reading: each function advances `pos`; throws SpillError past the end of `in`.
std::uint64_t get_varint(std::string_view in, std::size_t& pos);
std::string_view get_string(std::string_view in, std::size_t& pos);

}  // namespace spill_codec

}  // namespace relgraph
