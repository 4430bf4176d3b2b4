// Aho-Corasick construction: trie, states renumbered breadth first, failure links, and dense
// rows for the shallow states (see literal_automaton.h).
#include "match/literal_automaton.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace relgraph {

namespace {

// Dense rows cost classes x 4 bytes each; the shallow states get them up to this many cells.
constexpr std::size_t kDenseCellBudget = std::size_t{1} << 22;  // 16 MiB

}  // namespace

LiteralAutomaton::LiteralAutomaton(const std::vector<std::string>& patterns) {
  patterns_ = patterns.size();
  lengths_.resize(patterns_);
  first_.resize(patterns_);
  same_.resize(patterns_);
  std::unordered_map<std::string_view, std::uint32_t> by_bytes;
  for (std::uint32_t p = 0; p < patterns_; ++p) {
    lengths_[p] = static_cast<std::uint32_t>(patterns[p].size());
    const auto [it, fresh] = by_bytes.emplace(patterns[p], p);
    first_[p] = it->second;
    same_[it->second].push_back(p);
  }

  // The trie, with map rows while building.
  std::vector<std::map<unsigned char, std::uint32_t>> rows(1);
  std::vector<std::int32_t> out(1, -1);
  std::vector<std::uint32_t> depth(1, 0);
  for (std::uint32_t p = 0; p < patterns_; ++p) {
    if (first_[p] != p || patterns[p].empty()) continue;
    std::uint32_t s = 0;
    for (const char ch : patterns[p]) {
      const auto b = static_cast<unsigned char>(ch);
      auto it = rows[s].find(b);
      if (it != rows[s].end()) {
        s = it->second;
        continue;
      }
      const auto next = static_cast<std::uint32_t>(rows.size());
      rows[s].emplace(b, next);
      rows.emplace_back();
      out.push_back(-1);
      depth.push_back(depth[s] + 1);
      s = next;
    }
    out[s] = static_cast<std::int32_t>(p);
  }

  // Renumber breadth first, so every state's failure target has a smaller number and the
  // shallow states form a prefix.
  const std::size_t n = rows.size();
  std::vector<std::uint32_t> order;
  order.reserve(n);
  order.push_back(0);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (const auto& [b, to] : rows[order[k]]) order.push_back(to);
  std::vector<std::uint32_t> id(n);
  for (std::uint32_t k = 0; k < n; ++k) id[order[k]] = k;

  // Byte classes: each byte some pattern contains gets its own class; all others share 0.
  for (const auto& row : rows)
    for (const auto& [b, to] : row)
      if (byte_class_[b] == 0) byte_class_[b] = classes_++;

  edge_begin_.resize(n + 1);
  output_.resize(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t old = order[k];
    edge_begin_[k] = static_cast<std::uint32_t>(edges_.size());
    for (const auto& [b, to] : rows[old]) edges_.push_back({b, id[to]});
    output_[k] = out[old];
  }
  edge_begin_[n] = static_cast<std::uint32_t>(edges_.size());

  // Failure and output links, breadth first.
  fail_.assign(n, 0);
  output_link_.assign(n, 0);
  auto go = [&](std::uint32_t s, unsigned char b) -> std::int64_t {
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e)
      if (edges_[e].byte == b) return edges_[e].to;
    return -1;
  };
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      const unsigned char b = edges_[e].byte;
      const std::uint32_t to = edges_[e].to;
      std::uint32_t f = 0;
      if (s != 0) {
        std::uint32_t t = fail_[s];
        while (true) {
          const std::int64_t g = go(t, b);
          if (g >= 0) {
            f = static_cast<std::uint32_t>(g);
            break;
          }
          if (t == 0) break;
          t = fail_[t];
        }
      }
      fail_[to] = f;
      output_link_[to] = output_[f] >= 0 ? f : output_link_[f];
    }
  }

  // Dense rows for the first states (breadth first: the shallowest), within the budget.
  dense_rows_ = static_cast<std::uint32_t>(
      std::min<std::size_t>(n, std::max<std::size_t>(1, kDenseCellBudget / classes_)));
  dense_.assign(static_cast<std::size_t>(dense_rows_) * classes_, 0);
  for (std::uint32_t s = 0; s < dense_rows_; ++s) {
    std::uint32_t* row = dense_.data() + static_cast<std::size_t>(s) * classes_;
    if (s != 0) {
      // Missing transitions behave as from the failure state (already filled: it is shallower).
      const std::uint32_t* fallback = dense_.data() + static_cast<std::size_t>(fail_[s]) * classes_;
      std::copy(fallback, fallback + classes_, row);
    }
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e)
      row[byte_class_[edges_[e].byte]] = edges_[e].to;
  }
}

}  // namespace relgraph
