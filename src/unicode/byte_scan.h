// Byte scans over UTF-8 text: the first byte at or below a limit, sixteen bytes at a time.
// Spaces and ASCII marks sit low (' ' is 0x20, '.' 0x2E) and every byte of a letter, a digit or
// a Hangul syllable above them, so a scan for the end of a word passes most bytes in bulk. The
// caller checks the byte found (a comma is low too) and goes on past it if it is not the one
// it wants. No allocation.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace relgraph {

// The first i' in [i, end) with text[i'] <= limit (as unsigned bytes), or end (also when `i`
// is past end).
[[gnu::always_inline]] inline std::size_t first_byte_at_most(std::string_view text, std::size_t i,
                                                             std::size_t end, unsigned char limit) {
  using Bytes = unsigned char __attribute__((vector_size(16)));
  while (i < end && i + 16 <= text.size()) {
    Bytes v;
    std::memcpy(&v, text.data() + i, 16);
    const auto low = v <= limit;
    std::uint64_t half[2];
    std::memcpy(half, &low, 16);
    if (half[0] == 0 && half[1] == 0) {
      i += 16;
      continue;
    }
    const std::size_t at = half[0] != 0
                               ? static_cast<std::size_t>(std::countr_zero(half[0])) / 8
                               : 8 + static_cast<std::size_t>(std::countr_zero(half[1])) / 8;
    return i + at < end ? i + at : end;
  }
  // (A step of sixteen may have passed end.)
  for (; i < end; ++i)
    if (static_cast<unsigned char>(text[i]) <= limit) break;
  return i < end ? i : end;
}

}  // namespace relgraph
