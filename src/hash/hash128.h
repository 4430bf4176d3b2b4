// hash128: one fast 128-bit hash of a byte string, for checksums and cache keys.
//
// Used for the checksum of the binary graph format (src/write, src/load) and for the key and
// checksum of compiled rule images (src/rule_image). It detects corruption and tells inputs
// apart; it is not cryptographic and must not be used where someone could craft a collision
// to gain something. The value is the same on every platform (words are read little-endian),
// because it is stored in files. Pure: no I/O, no state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace relgraph {

// A 128-bit hash (two 64-bit halves).
struct Hash128 {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  friend bool operator==(const Hash128&, const Hash128&) = default;
  std::string hex() const;  // 32 lowercase hex digits, high half first
};

Hash128 hash128(std::string_view bytes);

}  // namespace relgraph
