// Aho-Corasick construction: trie, states renumbered breadth first, failure links, and dense
// rows for the shallow states (see literal_automaton.h).
#include "match/literal_automaton.h"

#include <algorithm>

namespace relgraph {

namespace {

// Dense rows cost classes x 4 bytes each; the shallow states get them up to this many cells.
constexpr std::size_t kDenseCellBudget = std::size_t{1} << 20;  // 4 MiB

}  // namespace

LiteralAutomaton::LiteralAutomaton(const std::vector<std::string>& patterns) {
  patterns_ = patterns.size();
  lengths_.resize(patterns_);
  first_.resize(patterns_);
  same_.resize(patterns_);
  for (std::uint32_t p = 0; p < patterns_; ++p)
    lengths_[p] = static_cast<std::uint32_t>(patterns[p].size());

  // The patterns sorted by bytes, equal ones by index: each run of equal patterns starts with
  // the first of them in input order.
  std::vector<std::uint32_t> sorted(patterns_);
  for (std::uint32_t p = 0; p < patterns_; ++p) sorted[p] = p;
  std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t x, std::uint32_t y) {
    const int order = patterns[x].compare(patterns[y]);
    return order < 0 || (order == 0 && x < y);
  });
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    const std::uint32_t p = sorted[k];
    const bool repeat = k > 0 && patterns[sorted[k - 1]] == patterns[p];
    first_[p] = repeat ? first_[sorted[k - 1]] : p;
  }
  for (std::uint32_t p = 0; p < patterns_; ++p) same_[first_[p]].push_back(p);

  // The trie, built from the distinct patterns in sorted order: each pattern shares the path
  // of its common prefix with the previous one, so children are created in byte order and
  // every node is known by its parent and byte.
  std::erase_if(sorted, [&](std::uint32_t p) { return first_[p] != p || patterns[p].empty(); });
  std::size_t most_nodes = 1;
  for (const std::uint32_t p : sorted) most_nodes += patterns[p].size();
  std::vector<std::uint32_t> parent(1, 0);
  std::vector<unsigned char> via(1, 0);
  std::vector<std::int32_t> out(1, -1);
  parent.reserve(most_nodes);
  via.reserve(most_nodes);
  out.reserve(most_nodes);
  std::vector<std::uint32_t> path(1, 0);  // path[d]: the node at depth d of the last pattern
  std::string_view previous;
  for (const std::uint32_t p : sorted) {
    const std::string_view text = patterns[p];
    std::size_t common = 0;
    while (common < previous.size() && common < text.size() && previous[common] == text[common])
      ++common;
    path.resize(common + 1);
    for (std::size_t d = common; d < text.size(); ++d) {
      const auto next = static_cast<std::uint32_t>(parent.size());
      parent.push_back(path[d]);
      via.push_back(static_cast<unsigned char>(text[d]));
      out.push_back(-1);
      path.push_back(next);
    }
    out[path[text.size()]] = static_cast<std::int32_t>(p);
    previous = text;
  }
  const std::size_t n = parent.size();

  // Children in CSR form (creation order keeps each row sorted by byte), then the states
  // renumbered breadth first, so every state's failure target has a smaller number and the
  // shallow states form a prefix.
  std::vector<std::uint32_t> child_begin(n + 1, 0);
  for (std::size_t v = 1; v < n; ++v) ++child_begin[parent[v] + 1];
  for (std::size_t v = 0; v < n; ++v) child_begin[v + 1] += child_begin[v];
  std::vector<std::uint32_t> children(n > 0 ? n - 1 : 0);
  {
    std::vector<std::uint32_t> fill(child_begin.begin(), child_begin.end() - 1);
    for (std::uint32_t v = 1; v < n; ++v) children[fill[parent[v]]++] = v;
  }
  std::vector<std::uint32_t> order;
  order.reserve(n);
  order.push_back(0);
  for (std::size_t k = 0; k < order.size(); ++k)
    for (std::uint32_t c = child_begin[order[k]]; c < child_begin[order[k] + 1]; ++c)
      order.push_back(children[c]);
  std::vector<std::uint32_t> id(n);
  for (std::uint32_t k = 0; k < n; ++k) id[order[k]] = k;

  // Byte classes: each byte some pattern contains gets its own class; all others share 0.
  for (std::size_t v = 1; v < n; ++v)
    if (byte_class_[via[v]] == 0) byte_class_[via[v]] = classes_++;

  edge_begin_.resize(n + 1);
  edges_.reserve(n > 0 ? n - 1 : 0);
  output_.resize(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    const std::uint32_t old = order[k];
    edge_begin_[k] = static_cast<std::uint32_t>(edges_.size());
    for (std::uint32_t c = child_begin[old]; c < child_begin[old + 1]; ++c)
      edges_.push_back({via[children[c]], id[children[c]]});
    output_[k] = out[old];
  }
  edge_begin_[n] = static_cast<std::uint32_t>(edges_.size());

  // Failure links, output links and dense rows together, breadth first: when state s is
  // reached its failure state is known and shallower, so its dense row (if it has one) is a
  // copy of that state's row with its own edges written over it, and its children's failure
  // states are one transition away.
  dense_rows_ = static_cast<std::uint32_t>(
      std::min<std::size_t>(n, std::max<std::size_t>(1, kDenseCellBudget / classes_)));
  dense_.assign(static_cast<std::size_t>(dense_rows_) * classes_, 0);
  fail_.assign(n, 0);
  output_link_.assign(n, 0);
  for (std::uint32_t s = 0; s < n; ++s) {
    if (s < dense_rows_) {
      std::uint32_t* row = dense_.data() + static_cast<std::size_t>(s) * classes_;
      if (s != 0) {
        const std::uint32_t* from = dense_.data() + static_cast<std::size_t>(fail_[s]) * classes_;
        std::copy(from, from + classes_, row);
      }
      for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e)
        row[byte_class_[edges_[e].byte]] = edges_[e].to;
    }
    for (std::uint32_t e = edge_begin_[s]; e < edge_begin_[s + 1]; ++e) {
      const std::uint32_t to = edges_[e].to;
      const std::uint32_t f = s == 0 ? 0 : step(fail_[s], edges_[e].byte);
      fail_[to] = f;
      output_link_[to] = output_[f] >= 0 ? f : output_link_[f];
    }
  }
}

}  // namespace relgraph
