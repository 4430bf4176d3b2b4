#include "match/literal_starts.h"

#include <algorithm>
#include <utility>

namespace relgraph {

namespace {

bool is_ascii_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The first `count` bytes of `s` (count <= 8) followed by zeros, as an 8-byte load reads them.
std::uint64_t load_prefix(std::string_view s, std::size_t count) {
  unsigned char buffer[8] = {};
  std::memcpy(buffer, s.data(), count);
  std::uint64_t word;
  std::memcpy(&word, buffer, 8);
  return word;
}

// A word whose first `count` bytes are `byte` and the others 0.
std::uint64_t repeat_prefix(unsigned char byte, std::size_t count) {
  unsigned char buffer[8] = {};
  std::memset(buffer, byte, count);
  std::uint64_t word;
  std::memcpy(&word, buffer, 8);
  return word;
}

}  // namespace

LiteralStarts::LiteralStarts(const std::vector<std::string>& patterns, bool ascii_case) {
  for (int b = 0; b < 256; ++b)
    fold_[b] = static_cast<unsigned char>(ascii_case && b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);

  // The trie, built with sorted edge lists per node, then laid out flat.
  std::vector<std::vector<std::pair<unsigned char, std::uint32_t>>> children(1);
  std::vector<std::int32_t> first(1, -1);
  std::vector<std::uint32_t> end_node(patterns.size(), 0);
  lengths_.resize(patterns.size());
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    const std::string& pattern = patterns[p];
    lengths_[p] = static_cast<std::uint32_t>(pattern.size());
    std::uint32_t node = 0;
    for (const char ch : pattern) {
      const auto c = static_cast<unsigned char>(ch);
      auto& edges = children[node];
      auto it = std::lower_bound(edges.begin(), edges.end(), c,
                                 [](const auto& e, unsigned char x) { return e.first < x; });
      if (it == edges.end() || it->first != c) {
        const auto next = static_cast<std::uint32_t>(children.size());
        it = edges.insert(it, {c, next});
        children.emplace_back();
        first.push_back(-1);
      }
      node = it->second;
    }
    end_node[p] = node;
    if (node != 0 && first[node] < 0) first[node] = static_cast<std::int32_t>(p);
  }
  nodes_.resize(children.size());
  for (std::size_t s = 0; s < children.size(); ++s) {
    nodes_[s].pattern = first[s];
    nodes_[s].edges = static_cast<std::uint32_t>(edge_byte_.size());
    for (const auto& [c, to] : children[s]) {
      edge_byte_.push_back(c);
      edge_to_.push_back(to);
    }
    nodes_[s].edges_end = static_cast<std::uint32_t>(edge_byte_.size());
  }
  for (const auto& [c, to] : children[0]) root_[c] = to;

  // Groups: patterns by the node they end in, in input order (empty ones at the root).
  std::vector<std::uint32_t> group_of_node(children.size(), ~std::uint32_t{0});
  std::vector<std::vector<std::uint32_t>> groups;
  group_.resize(patterns.size());
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    std::uint32_t& g = group_of_node[end_node[p]];
    if (g == ~std::uint32_t{0}) {
      g = static_cast<std::uint32_t>(groups.size());
      groups.emplace_back();
    }
    groups[g].push_back(p);
    group_[p] = g;
  }
  group_begin_.push_back(0);
  for (const auto& members : groups) {
    group_members_.insert(group_members_.end(), members.begin(), members.end());
    group_begin_.push_back(static_cast<std::uint32_t>(group_members_.size()));
  }

  // The filter. For each first byte, how many bytes it hashes: no more than any pattern that
  // starts with it has, at most 8, and (when case is folded and the byte is no ASCII letter)
  // none from the first ASCII letter on, so that those bytes are compared as they are.
  std::size_t hashed[256] = {};  // 0: no pattern starts with the byte
  for (const std::string& pattern : patterns) {
    if (pattern.empty()) continue;
    const auto c = static_cast<unsigned char>(pattern[0]);
    std::size_t count = std::min<std::size_t>(pattern.size(), 8);
    if (ascii_case && !is_ascii_letter(c))
      for (std::size_t k = 1; k < count; ++k)
        if (is_ascii_letter(static_cast<unsigned char>(pattern[k]))) count = k;
    hashed[c] = hashed[c] == 0 ? count : std::min(hashed[c], count);
  }
  // The fourth bytes of the patterns that start with a byte from 0x80 (that can match).
  int fourth_from = 128, fourth_to = -129;
  for (const std::string& pattern : patterns) {
    if (pattern.empty() || static_cast<unsigned char>(pattern[0]) < 0x80) continue;
    if (pattern.size() < 4) {
      fourth_from = -128;
      fourth_to = 127;
      break;
    }
    const auto c = static_cast<unsigned char>(pattern[3]);
    const auto upper =
        static_cast<unsigned char>(ascii_case && c >= 'a' && c <= 'z' ? c - 0x20 : c);
    for (const unsigned char b : {c, upper}) {
      fourth_from = std::min(fourth_from, static_cast<int>(static_cast<std::int8_t>(b)));
      fourth_to = std::max(fourth_to, static_cast<int>(static_cast<std::int8_t>(b)));
    }
  }
  if (fourth_from <= fourth_to) {
    fourth_from_ = static_cast<std::int8_t>(fourth_from);
    fourth_to_ = static_cast<std::int8_t>(fourth_to);
  }
  // When case is folded, the hashed bytes of a first byte that is an ASCII letter lose their
  // bit 0x20: whatever folding does to a text byte, the bit is all it changes.
  for (int b = 0; b < 256; ++b) {
    const std::size_t count = hashed[fold_[b]];
    if (count == 0) continue;
    start_mask_[b] = repeat_prefix(
        ascii_case && is_ascii_letter(static_cast<unsigned char>(b)) ? 0xDF : 0xFF, count);
    if (b < 0x80)
      ascii_from_ = std::min(ascii_from_, b);
    else
      lead_from_ = std::min(lead_from_, b);
  }
  // The bits of the patterns' keys. A byte no pattern starts with has key 0, whose bit should
  // stay clear: another factor if some pattern's key but 0 falls there.
  std::vector<std::uint64_t> keys;
  for (const std::string& pattern : patterns) {
    if (pattern.empty()) continue;
    const auto c = static_cast<unsigned char>(pattern[0]);
    // A pattern whose first byte folding changes never matches.
    if (fold_[c] != c) continue;
    keys.push_back(load_prefix(pattern, hashed[c]) & start_mask_[c]);
  }
  for (std::uint64_t tries = 0; tries < 16; ++tries) {
    if (std::none_of(keys.begin(), keys.end(),
                     [&](std::uint64_t key) { return key != 0 && slot(key) == 0; }))
      break;
    factor_ += 2 * 0x61C8864680B583EBULL;  // stays odd
  }
  // The jumps: the node after each pattern's first bytes, for the first bytes whose key is
  // those bytes as they are.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> jumps;
  for (int b = 0; b < 256; ++b)
    if (start_mask_[b] != 0 && !(ascii_case && is_ascii_letter(static_cast<unsigned char>(b))))
      jump_depth_[b] = static_cast<unsigned char>(hashed[b]);
  for (std::uint32_t p = 0; p < patterns.size(); ++p) {
    const std::string& pattern = patterns[p];
    if (pattern.empty() || jump_depth_[static_cast<unsigned char>(pattern[0])] == 0) continue;
    const std::size_t depth = jump_depth_[static_cast<unsigned char>(pattern[0])];
    std::uint32_t node = 0;
    for (std::size_t k = 0; k < depth; ++k) {
      const auto& edges = children[node];
      node = std::lower_bound(edges.begin(), edges.end(), static_cast<unsigned char>(pattern[k]),
                              [](const auto& e, unsigned char x) { return e.first < x; })
                 ->second;
    }
    jumps.emplace_back(load_prefix(pattern, depth), node);
  }
  std::size_t size = 16;
  while (size < 4 * jumps.size()) size *= 2;
  jumps_.assign(size, {});
  jump_shift_ = static_cast<unsigned>(64 - std::countr_zero(size));
  for (const auto& [key, node] : jumps) {
    std::size_t h = static_cast<std::size_t>((key * factor_) >> jump_shift_);
    while (jumps_[h].node != 0 && jumps_[h].key != key) h = (h + 1) & (size - 1);
    jumps_[h] = {key, node};
  }
  filter_.assign(std::size_t{1} << kFilterBits >> 6, 0);
  for (const std::uint64_t key : keys) {
    const std::uint32_t h = slot(key);
    filter_[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
}

}  // namespace relgraph
