// LiteralStarts: every occurrence of a few byte strings, found from where one can start.
//
// For a small set of patterns in a long text where few positions can begin one (the relation
// triggers in a news article), this is cheaper than an automaton that steps on every byte. The
// text is looked at 64 bytes at a time for the bytes a pattern can start with (with SSE2: a
// range of ASCII bytes, and one of bytes from 0x80 followed 3 bytes on by one in the range of
// the patterns' fourth bytes); at each such position the first few bytes (up to 8, at most the
// shortest pattern starting with that byte has) are hashed into a bit set of the patterns' first
// bytes; only where the bit is set is a trie walked, from that position, reporting every pattern
// that starts there (from the node of those first bytes, found by their key in a small hash
// table, unless case folding is in the key). Compiled once, then immutable and safe to share
// between threads. No I/O.
//
// Reports the same occurrences as a LiteralAutomaton built from the same patterns (with Folding
// {.ascii_case = true} when `ascii_case`, no skipped bytes): equal patterns share one output, the
// first of them, and same_as() lists all; a pattern with an ASCII capital never matches a folded
// text. The order differs: by start, then by end.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace relgraph {

class LiteralStarts {
 public:
  LiteralStarts() = default;
  // With `ascii_case`, text bytes are compared ASCII-lowercased (patterns are not folded:
  // callers fold them the same way).
  explicit LiteralStarts(const std::vector<std::string>& patterns, bool ascii_case = false);

  // Calls on_match(pattern, begin, end) for every occurrence of a pattern at bytes [begin, end)
  // of `text`, in order of begin, then of end.
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (nodes_.size() <= 1) return;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    // Whether a pattern can start at a byte `first` followed by the rest of `word` (its 8 bytes
    // as read from memory): their key, word & start_mask_[first], hits a set bit. A byte no
    // pattern starts with has key 0, whose bit is clear unless some pattern's key is 0.
    const std::uint64_t* filter = filter_.data();
    const std::uint64_t factor = factor_;
    auto may_start = [&](std::uint64_t key) {
      const auto h = static_cast<std::uint32_t>((key * factor) >> (64 - kFilterBits));
      return ((filter[h >> 6] >> (h & 63)) & 1) != 0;
    };
#if defined(__SSE2__)
    // A byte can start a pattern only if it is in [ascii_from_, 0x80) or [lead_from_, 0x100):
    // as signed bytes, above ascii_from_ - 1, or below zero and not below lead_from_ - 0x100.
    // One from 0x80 only if the byte 3 on is in [fourth_from_, fourth_to_] (as signed bytes).
    const __m128i ascii_above = _mm_set1_epi8(static_cast<char>(ascii_from_ - 1));
    const __m128i lead_from = _mm_set1_epi8(static_cast<char>(lead_from_ - 0x100));
    const __m128i fourth_from = _mm_set1_epi8(fourth_from_);
    const __m128i fourth_to = _mm_set1_epi8(fourth_to_);
    const __m128i zero = _mm_setzero_si128();
    auto starts = [&](std::size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
      const __m128i fourth = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at + 3));
      const __m128i lead = _mm_andnot_si128(
          _mm_or_si128(
              _mm_cmplt_epi8(v, lead_from),
              _mm_or_si128(_mm_cmplt_epi8(fourth, fourth_from), _mm_cmpgt_epi8(fourth, fourth_to))),
          _mm_cmplt_epi8(v, zero));
      const __m128i m = _mm_or_si128(_mm_cmpgt_epi8(v, ascii_above), lead);
      return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(m)));
    };
    // Every position of a block, and the 8 bytes hashed from it, inside the text.
    for (; i + 64 + 7 <= n; i += 64) {
      std::uint64_t candidates =
          starts(i) | starts(i + 16) << 16 | starts(i + 32) << 32 | starts(i + 48) << 48;
      const unsigned char* block = bytes + i;
      for (; candidates != 0; candidates &= candidates - 1) {
        const auto k = static_cast<unsigned>(std::countr_zero(candidates));
        std::uint64_t word;
        std::memcpy(&word, block + k, 8);
        const std::uint64_t key = word & start_mask_[block[k]];
        if (may_start(key)) walk(bytes, i + k, n, key, on_match);
      }
    }
#endif
    for (; i + 8 <= n; ++i) {
      std::uint64_t word;
      std::memcpy(&word, bytes + i, 8);
      const std::uint64_t key = word & start_mask_[bytes[i]];
      if (may_start(key)) walk(bytes, i, n, key, on_match);
    }
    // The last bytes, padded with zeros (a pattern's hashed bytes are never past its end, so a
    // pattern that fits is hashed from the same bytes).
    for (; i < n; ++i) {
      unsigned char padded[8] = {};
      std::memcpy(padded, bytes + i, n - i);
      std::uint64_t word;
      std::memcpy(&word, padded, 8);
      const std::uint64_t key = word & start_mask_[bytes[i]];
      if (may_start(key)) walk(bytes, i, n, key, on_match);
    }
  }

  std::size_t pattern_count() const { return lengths_.size(); }
  std::size_t pattern_length(std::uint32_t pattern) const { return lengths_[pattern]; }
  // Every pattern with the same bytes as `pattern`, in input order.
  std::span<const std::uint32_t> same_as(std::uint32_t pattern) const {
    const std::uint32_t group = group_[pattern];
    return {group_members_.data() + group_begin_[group],
            group_begin_[group + 1] - group_begin_[group]};
  }

 private:
  static constexpr unsigned kFilterBits = 16;
  std::uint32_t slot(std::uint64_t key) const {
    return static_cast<std::uint32_t>((key * factor_) >> (64 - kFilterBits));
  }

  // Reports the patterns that start at `begin`, shortest first, given the key of the bytes
  // there. Where the key is the bytes as they are (see jump_), the walk starts from the node
  // it names, else from the root.
  template <class OnMatch>
  void walk(const unsigned char* bytes, std::size_t begin, std::size_t n, std::uint64_t key,
            OnMatch& on_match) const {
    std::uint32_t node;
    std::size_t j;
    if (const std::size_t depth = jump_depth_[bytes[begin]]; depth != 0) {
      if (n - begin < depth) return;
      node = jump_to(key);
      j = begin + depth;
    } else {
      node = root_[fold_[bytes[begin]]];
      j = begin + 1;
    }
    while (node != 0) {
      const Node& at = nodes_[node];
      if (at.pattern >= 0) on_match(static_cast<std::uint32_t>(at.pattern), begin, j);
      if (j == n) return;
      const unsigned char c = fold_[bytes[j++]];
      std::uint32_t next = 0;
      for (std::uint32_t e = at.edges; e != at.edges_end; ++e)
        if (edge_byte_[e] == c) {
          next = edge_to_[e];
          break;
        }
      node = next;
    }
  }
  // The node of the patterns' bytes with this key, 0 if none.
  std::uint32_t jump_to(std::uint64_t key) const {
    const std::size_t mask = jumps_.size() - 1;
    for (auto h = static_cast<std::size_t>((key * factor_) >> jump_shift_);; h = (h + 1) & mask) {
      const Jump& jump = jumps_[h];
      if (jump.node == 0 || jump.key == key) return jump.node;
    }
  }

  // Per text byte: the bits of the 8 bytes from it that the filter hashes. The first bytes, as
  // many as the shortest pattern starting with it has, at most 8, and no ASCII letter after a
  // first byte that is not one; when case is folded and the first byte is an ASCII letter,
  // without their bit 0x20 (an ASCII letter and its capital then hash the same). None for a
  // byte no pattern starts with.
  std::uint64_t start_mask_[256] = {};
  std::vector<std::uint64_t> filter_;  // 1 << kFilterBits bits, by slot()
  // Per text byte whose key is its bytes as they are (no case folded in them: any byte but an
  // ASCII letter when case is folded), how many bytes the key has; 0 for the others. For
  // those, jumps_ has the trie node of each pattern's first bytes by their key (an open
  // addressing table, by the top bits of key * factor_; node 0: an empty slot).
  unsigned char jump_depth_[256] = {};
  struct Jump {
    std::uint64_t key = 0;
    std::uint32_t node = 0;
  };
  std::vector<Jump> jumps_;
  unsigned jump_shift_ = 63;
  std::uint64_t factor_ = 0x9E3779B97F4A7C15ULL;  // slot()'s (odd)
  int ascii_from_ = 0x80;                         // the ASCII bytes from here can start a pattern
  int lead_from_ = 0x100;                         // and the bytes from 0x80 from here,
  // when the byte 3 on is in this range, as signed bytes (the fourth byte of every pattern
  // starting with a byte from 0x80, in either case; all bytes if one has no fourth byte)
  std::int8_t fourth_from_ = -128, fourth_to_ = 127;
  unsigned char fold_[256] = {};  // a text byte as the trie reads it

  // The patterns' trie: node 0 is the root, which reports nothing (an empty pattern never
  // matches); root_ has its children by byte (0: none).
  struct Node {
    std::int32_t pattern = -1;               // the first pattern with the node's bytes, -1 if none
    std::uint32_t edges = 0, edges_end = 0;  // edge_byte_ / edge_to_[edges, edges_end)
  };
  std::vector<Node> nodes_;
  std::vector<unsigned char> edge_byte_;
  std::vector<std::uint32_t> edge_to_;
  std::uint32_t root_[256] = {};

  std::vector<std::uint32_t> lengths_;
  std::vector<std::uint32_t> group_;          // pattern -> its group (patterns with its bytes)
  std::vector<std::uint32_t> group_begin_;    // group -> its members in group_members_ (CSR)
  std::vector<std::uint32_t> group_members_;  // patterns by group, in input order
};

}  // namespace relgraph
