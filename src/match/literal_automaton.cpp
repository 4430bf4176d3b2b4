// Aho-Corasick construction: trie (states in depth-first order), failure links breadth first,
// and dense rows for the shallowest states (see literal_automaton.h).
#include "match/literal_automaton.h"

#include <algorithm>
#include <bit>
#include <stdexcept>

namespace relgraph {

LiteralAutomaton::LiteralAutomaton(const std::vector<std::string>& patterns,
                                   std::size_t dense_cells, Folding folding) {
  patterns_ = patterns.size();
  lengths_.resize(patterns_);
  for (std::uint32_t p = 0; p < patterns_; ++p) {
    lengths_[p] = static_cast<std::uint32_t>(patterns[p].size());
    max_length_ = std::max(max_length_, patterns[p].size());
  }

  // The patterns sorted by bytes, equal ones by index; each run of equal patterns is a group,
  // whose first member is the first of them in input order.
  // Sorted as (prefix, index) pairs: the first 8 bytes big-endian, zero-padded, order two
  // patterns as their bytes do unless they are equal, so most comparisons are one integer
  // compare instead of two pointer chases and a memcmp (sorting indices with a string compare
  // was most of the cost of building a large automaton). Ties fall back to the full bytes.
  std::vector<std::uint32_t> sorted(patterns_);
  {
    struct Keyed {
      std::uint64_t prefix;
      std::uint32_t index;
    };
    std::vector<Keyed> keyed(patterns_);
    for (std::uint32_t p = 0; p < patterns_; ++p) {
      std::uint64_t prefix = 0;
      const std::string& text = patterns[p];
      for (std::size_t b = 0; b < 8; ++b)
        prefix = prefix << 8 | (b < text.size() ? static_cast<unsigned char>(text[b]) : 0u);
      keyed[p] = {prefix, p};
    }
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed& x, const Keyed& y) {
      if (x.prefix != y.prefix) return x.prefix < y.prefix;
      const int order = patterns[x.index].compare(patterns[y.index]);
      return order < 0 || (order == 0 && x.index < y.index);
    });
    for (std::uint32_t k = 0; k < patterns_; ++k) sorted[k] = keyed[k].index;
  }
  group_.resize(patterns_);
  group_begin_.assign(1, 0);
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    const bool repeat = k > 0 && patterns[sorted[k - 1]] == patterns[sorted[k]];
    if (!repeat) group_begin_.push_back(0);
    group_[sorted[k]] = static_cast<std::uint32_t>(group_begin_.size() - 2);
  }
  for (std::uint32_t p = 0; p < patterns_; ++p) ++group_begin_[group_[p] + 1];
  for (std::size_t g = 1; g < group_begin_.size(); ++g) group_begin_[g] += group_begin_[g - 1];
  group_members_.resize(patterns_);
  {
    std::vector<std::uint32_t> fill(group_begin_.begin(), group_begin_.end() - 1);
    for (std::uint32_t p = 0; p < patterns_; ++p) group_members_[fill[group_[p]]++] = p;
  }

  // The trie, built from the distinct patterns in sorted order: each pattern shares the path
  // of its common prefix with the previous one, so children are created in byte order and
  // every node is known by its parent and byte. The first pass counts the nodes.
  std::erase_if(sorted, [&](std::uint32_t p) {
    return group_members_[group_begin_[group_[p]]] != p || patterns[p].empty();
  });
  auto common_prefix = [](std::string_view a, std::string_view b) {
    std::size_t common = 0;
    while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
    return common;
  };
  std::size_t nodes = 1;
  for (std::size_t k = 0; k < sorted.size(); ++k)
    nodes += patterns[sorted[k]].size() -
             (k > 0 ? common_prefix(patterns[sorted[k - 1]], patterns[sorted[k]]) : 0);
  std::vector<std::uint32_t> parent(1, 0);
  std::vector<unsigned char> via(1, 0);
  std::vector<std::int32_t> out(1, -1);
  parent.reserve(nodes);
  via.reserve(nodes);
  out.reserve(nodes);
  std::vector<std::uint32_t> path(1, 0);  // path[d]: the node at depth d of the last pattern
  std::string_view previous;
  for (const std::uint32_t p : sorted) {
    const std::string_view text = patterns[p];
    const std::size_t common = common_prefix(previous, text);
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
  sorted = {};
  path = {};

  // Children in CSR form (creation order keeps each row sorted by byte).
  std::vector<std::uint32_t> child_begin(n + 1, 0);
  for (std::size_t v = 1; v < n; ++v) ++child_begin[parent[v] + 1];
  for (std::size_t v = 0; v < n; ++v) child_begin[v + 1] += child_begin[v];
  std::vector<std::uint32_t> children(n > 0 ? n - 1 : 0);
  {
    std::vector<std::uint32_t> fill(child_begin.begin(), child_begin.end() - 1);
    for (std::uint32_t v = 1; v < n; ++v) children[fill[parent[v]]++] = v;
  }
  parent = {};

  // Byte classes: each byte some pattern contains gets its own class, in byte order (so the
  // lead bytes of Hangul syllables, say, share a cache line of a dense row); all others share 0.
  // A skipped byte gets the last class. The text's bytes are folded before they are classed.
  std::uint32_t byte_class[256] = {};
  {
    bool used[256] = {};
    for (std::size_t v = 1; v < n; ++v) used[via[v]] = true;
    for (std::size_t b = 0; b < 256; ++b)
      if (used[b]) byte_class[b] = classes_++;
    if (!folding.skip.empty()) skip_class_ = classes_++;
    set_row_division();
    for (std::size_t b = 0; b < 256; ++b) {
      std::size_t folded = b;
      if (folding.ascii_case && b >= 'A' && b <= 'Z') folded = b - 'A' + 'a';
      text_class_[b] = byte_class[folded];
    }
    for (const char b : folding.skip) text_class_[static_cast<unsigned char>(b)] = skip_class_;
  }

  // The states keep the trie's numbers, which are in depth-first order: a state's first child
  // comes right after it, so a scan following a name down the sparse states reads nodes that
  // share a cache line or the next one. Each state's edges, in class order.
  if (n > kStateMask) throw std::length_error("LiteralAutomaton: too many states");
  nodes_.resize(n);
  edges_.reserve(n > 1 ? (n - 1) / 4 : 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    Node& node = nodes_[v];
    node.count = static_cast<std::uint16_t>(child_begin[v + 1] - child_begin[v]);
    node.more = static_cast<std::uint32_t>(edges_.size());
    for (std::uint32_t c = child_begin[v]; c < child_begin[v + 1]; ++c) {
      const std::uint32_t cls = byte_class[via[children[c]]];
      if (c == child_begin[v]) {
        node.cls = static_cast<std::uint16_t>(cls);
        node.to = children[c];
      } else {
        edges_.push_back({cls, children[c]});
      }
    }
  }
  edges_.shrink_to_fit();
  outputs_.resize(n);
  for (std::uint32_t v = 0; v < n; ++v) outputs_[v].pattern = out[v];
  out = {};
  child_begin = {};
  children = {};
  via = {};

  // Calls f(class, target) for each edge of state s, in class order.
  auto for_each_edge = [&](std::uint32_t s, auto&& f) {
    const Node& node = nodes_[s];
    if (node.count == 0) return;
    f(std::uint32_t{node.cls}, node.to);
    for (std::uint32_t e = node.more; e < node.more + node.count - 1u; ++e)
      f(edges_[e].cls, edges_[e].to);
  };

  // The states in breadth-first order: every state's failure target comes before it, and the
  // dense_rows_ shallowest of them, roughly, get dense rows (row_of: state -> its row).
  dense_rows_ = static_cast<std::uint32_t>(
      std::min<std::size_t>(n, std::max<std::size_t>(1, dense_cells / classes_)));
  std::vector<std::uint32_t> order;
  order.reserve(n);
  order.push_back(0);
  // [level, level_end): the states in `order` with the depth of the last dense one.
  std::size_t level = 0, level_end = 1, next_level = 1;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k == next_level) {
      next_level = order.size();
      if (k < dense_rows_) {
        level = k;
        level_end = next_level;
      }
    }
    for_each_edge(order[k], [&](std::uint32_t, std::uint32_t to) { order.push_back(to); });
  }
  constexpr std::uint32_t kNoRow = ~std::uint32_t{0};
  std::vector<std::uint32_t> row_of(n, kNoRow);
  // Every state shallower than the last dense one is dense; at its depth, the states with the
  // most states below them (the prefixes of the most patterns) are. Failure states are
  // shallower, so each dense state's failure state is dense. row_of holds subtree sizes first:
  // a state's children come after it in depth-first order.
  dense_state_.assign(order.begin(), order.begin() + level);
  if (dense_rows_ > level) {
    for (std::uint32_t v = static_cast<std::uint32_t>(n); v-- > 0;) {
      row_of[v] = 1;
      for_each_edge(v, [&](std::uint32_t, std::uint32_t to) { row_of[v] += row_of[to]; });
    }
    std::vector<std::uint32_t> slice(order.begin() + static_cast<std::ptrdiff_t>(level),
                                     order.begin() + static_cast<std::ptrdiff_t>(level_end));
    const auto take = static_cast<std::ptrdiff_t>(dense_rows_ - level);
    // Most states below first; ties by breadth-first position (kept by a stable sort).
    std::stable_sort(slice.begin(), slice.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return row_of[x] > row_of[y]; });
    dense_state_.insert(dense_state_.end(), slice.begin(), slice.begin() + take);
    std::fill(row_of.begin(), row_of.end(), kNoRow);
  }
  for (std::uint32_t r = 0; r < dense_rows_; ++r) row_of[dense_state_[r]] = r;

  // The step on state numbers while the automaton is built.
  auto build_step = [&](std::uint32_t s, std::uint32_t c) {
    while (true) {
      if (row_of[s] != kNoRow) return dense_[std::size_t{row_of[s]} * classes_ + c];
      const Node& node = nodes_[s];
      for (std::uint32_t e = 0; e < node.count; ++e) {
        const auto [cls, to] = e == 0 ? Edge{node.cls, node.to} : edges_[node.more + e - 1];
        if (cls == c) return to;
        if (cls > c) break;
      }
      s = node.fail;
    }
  };

  // Failure links, output links and dense rows together, breadth first: when state s is
  // reached its failure state is known and shallower, so its dense row (if it has one) is a
  // copy of that state's row with its own edges written over it, and its children's failure
  // states are one transition away.
  dense_.assign(static_cast<std::size_t>(dense_rows_) * classes_, 0);
  for (const std::uint32_t s : order) {
    if (row_of[s] != kNoRow) {
      std::uint32_t* row = dense_.data() + std::size_t{row_of[s]} * classes_;
      if (s != 0) {
        const std::uint32_t* from = dense_.data() + std::size_t{row_of[nodes_[s].fail]} * classes_;
        std::copy(from, from + classes_, row);
      }
      for_each_edge(s, [&](std::uint32_t cls, std::uint32_t to) { row[cls] = to; });
    }
    for_each_edge(s, [&](std::uint32_t cls, std::uint32_t to) {
      const std::uint32_t f = s == 0 ? 0 : build_step(nodes_[s].fail, cls);
      nodes_[to].fail = f;
      outputs_[to].link = outputs_[f].pattern >= 0 ? f : outputs_[f].link;
    });
  }
  order = {};

  // Every transition and failure link from state numbers to codes, and every transition into
  // a state where some pattern ends flagged (scan() skips the output tables otherwise). Done
  // last: the construction above follows state numbers.
  if (std::uint64_t{dense_rows_} * classes_ + n > kStateMask)
    throw std::length_error("LiteralAutomaton: too many states");
  dense_limit_ = dense_rows_ * classes_;
  sparse_offset_ = dense_limit_;
  auto code = [&](std::uint32_t s) {
    return row_of[s] != kNoRow ? row_of[s] * classes_ : s + sparse_offset_;
  };
  // Each state's flagged code, worked out once in place of row_of (dense_ alone holds up to
  // 2M transitions, most of them to a few shallow states): then one look-up per transition.
  for (std::uint32_t s = 0; s < n; ++s) {
    const bool output = outputs_[s].pattern >= 0 || outputs_[s].link != 0;
    row_of[s] = code(s) | (output ? kOutputFlag : 0);
  }
  const std::vector<std::uint32_t> flagged = std::move(row_of);
  for (std::uint32_t& to : dense_) to = flagged[to];
  // A skipped byte leaves the state as it is, unflagged (what ends there was reported).
  if (skip_class_ < classes_)
    for (std::uint32_t r = 0; r < dense_rows_; ++r)
      dense_[std::size_t{r} * classes_ + skip_class_] = r * classes_;
  for (Node& node : nodes_) {
    node.fail = flagged[node.fail] & kStateMask;
    if (node.count != 0) node.to = flagged[node.to];
  }
  for (Edge& e : edges_) e.to = flagged[e.to];
  // Depths in the trie (for freeze()): a parent comes before its children.
  depth_.assign(n, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    const Node& node = nodes_[v];
    if (node.count == 0) continue;
    depth_[state_of(node.to & kStateMask)] = depth_[v] + 1;
    for (std::uint32_t e = node.more; e < node.more + node.count - 1u; ++e)
      depth_[state_of(edges_[e].to & kStateMask)] = depth_[v] + 1;
  }
}

void LiteralAutomaton::set_row_division() {
  // classes_ = 2^row_shift_ * odd; the inverse of odd modulo 2^32 by Newton's iteration (each
  // step doubles the bits that are right, from 3: odd * odd = 1 mod 8).
  row_shift_ = static_cast<std::uint32_t>(std::countr_zero(classes_));
  const std::uint32_t odd = classes_ >> row_shift_;
  std::uint32_t inverse = odd;
  for (int k = 0; k < 4; ++k) inverse *= 2 - odd * inverse;
  row_inverse_ = inverse;
}

LiteralAutomaton::FrozenView LiteralAutomaton::frozen_view() const {
  FrozenView f;
  f.patterns = patterns_;
  f.max_length = max_length_;
  f.lengths = lengths_;
  f.group = group_;
  f.group_begin = group_begin_;
  f.group_members = group_members_;
  f.text_class = text_class_;
  f.classes = classes_;
  f.skip_class = skip_class_;
  f.dense_state = dense_state_;
  f.nodes = nodes_;
  f.edges = edges_;
  f.outputs = outputs_;
  f.depth = depth_;
  return f;
}

LiteralAutomaton::Frozen LiteralAutomaton::freeze() const {
  const FrozenView v = frozen_view();
  Frozen f;
  f.patterns = v.patterns;
  f.max_length = v.max_length;
  f.lengths.assign(v.lengths.begin(), v.lengths.end());
  f.group.assign(v.group.begin(), v.group.end());
  f.group_begin.assign(v.group_begin.begin(), v.group_begin.end());
  f.group_members.assign(v.group_members.begin(), v.group_members.end());
  f.text_class.assign(v.text_class.begin(), v.text_class.end());
  f.classes = v.classes;
  f.skip_class = v.skip_class;
  f.dense_state.assign(v.dense_state.begin(), v.dense_state.end());
  f.nodes.assign(v.nodes.begin(), v.nodes.end());
  f.edges.assign(v.edges.begin(), v.edges.end());
  f.outputs.assign(v.outputs.begin(), v.outputs.end());
  f.depth.assign(v.depth.begin(), v.depth.end());
  return f;
}

std::optional<LiteralAutomaton> LiteralAutomaton::thaw(Frozen&& f, std::string& why) {
  auto fail = [&](const char* problem) {
    why = problem;
    return std::nullopt;
  };
  LiteralAutomaton a;
  const std::size_t n = f.nodes.size();
  if (n == 0 || n > kStateMask || f.outputs.size() != n || f.depth.size() != n)
    return fail("automaton: bad state tables");
  if (f.patterns > kStateMask || f.lengths.size() != f.patterns || f.group.size() != f.patterns ||
      f.group_members.size() != f.patterns)
    return fail("automaton: bad pattern tables");
  a.patterns_ = static_cast<std::size_t>(f.patterns);
  std::size_t longest = 0;
  for (const std::uint32_t length : f.lengths) longest = std::max<std::size_t>(longest, length);
  if (longest != f.max_length) return fail("automaton: bad maximum length");
  a.max_length_ = longest;
  // Groups: CSR over the patterns, each pattern once, in the group `group` names.
  if (f.group_begin.empty() || f.group_begin.front() != 0 || f.group_begin.back() != f.patterns)
    return fail("automaton: bad groups");
  {
    std::vector<std::uint8_t> listed(a.patterns_, 0);
    for (std::size_t g = 0; g + 1 < f.group_begin.size(); ++g) {
      if (f.group_begin[g] > f.group_begin[g + 1] || f.group_begin[g + 1] > f.patterns)
        return fail("automaton: bad groups");
      for (std::uint32_t k = f.group_begin[g]; k < f.group_begin[g + 1]; ++k) {
        const std::uint32_t p = f.group_members[k];
        if (p >= a.patterns_ || listed[p] || f.group[p] != g)
          return fail("automaton: bad group members");
        listed[p] = 1;
      }
    }
  }
  // Byte classes.
  if (f.classes == 0 || f.classes > 258 || f.text_class.size() != 256 ||
      (f.skip_class != ~std::uint32_t{0} && f.skip_class != f.classes - 1))
    return fail("automaton: bad byte classes");
  for (std::size_t b = 0; b < 256; ++b) {
    if (f.text_class[b] >= f.classes) return fail("automaton: bad byte classes");
    a.text_class_[b] = f.text_class[b];
  }
  a.classes_ = f.classes;
  a.set_row_division();
  a.skip_class_ = f.skip_class;
  const std::size_t rows = f.dense_state.size();
  if (rows == 0 || std::uint64_t{rows} * f.classes + n > kStateMask)
    return fail("automaton: bad dense rows");
  for (const std::uint32_t s : f.dense_state)
    if (s >= n) return fail("automaton: bad dense states");
  const std::uint32_t limit = static_cast<std::uint32_t>(rows * f.classes);
  const std::vector<std::uint32_t>& depth = f.depth;
  // The scan starts in dense row 0, at depth 0.
  if (depth[f.dense_state[0]] != 0) return fail("automaton: bad dense states");

  // What the scan relies on, checked with the depths: a state is never deeper than the bytes
  // read since the scan started (not counting skipped ones), so a pattern it reports, no longer
  // than the depth of the state it ends in, never starts before the text; and every failure
  // chain ends in a dense state, every output chain at 0. Hence: every code in range (a dense
  // one at the start of a row); a transition on a byte class at most one deeper, a skipped
  // byte's no deeper; a failure link no deeper, and strictly shallower unless dense; an output
  // link strictly shallower, to a state where a pattern ends.
  // (Dense rows are rebuilt below from the nodes, so only the nodes' codes are checked here.)
  // The depth of the state with code `code` (its flag ignored), or kBad if it names none. A
  // dense code's row: code / classes without a division (exact for codes below 2^31 and up to
  // 258 classes).
  const std::uint64_t reciprocal = (std::uint64_t{1} << 42) / f.classes + 1;
  const std::uint32_t classes = f.classes;
  const std::uint32_t states = static_cast<std::uint32_t>(n);
  const std::uint32_t* const depth_at = depth.data();
  std::vector<std::uint32_t> row_depth(rows);
  for (std::size_t r = 0; r < rows; ++r) row_depth[r] = depth[f.dense_state[r]];
  const std::uint32_t* const depth_of_row = row_depth.data();
  constexpr std::uint64_t kBad = ~std::uint64_t{0};
  auto depth_of = [=](std::uint32_t code) __attribute__((always_inline))->std::uint64_t {
    code &= kStateMask;
    if (code >= limit) return code - limit < states ? depth_at[code - limit] : kBad;
    const auto row = static_cast<std::uint32_t>((code * reciprocal) >> 42);
    return row * classes == code ? depth_of_row[row] : kBad;
  };
  std::size_t more = 0;
  const Node* const nodes = f.nodes.data();
  const Edge* const edges = f.edges.data();
  const Output* const outputs = f.outputs.data();
  const std::size_t edge_count = f.edges.size();
  for (std::uint32_t v = 0; v < states; ++v) {
    const Node& node = nodes[v];
    const std::uint64_t own = depth_at[v];
    const std::uint64_t to_fail = depth_of(node.fail);
    if (to_fail > own || (to_fail == own && (node.fail & kStateMask) >= limit))
      return fail("automaton: bad failure link");
    if (node.count != 0) {
      if (node.more != more || edge_count - more < node.count - 1u || depth_of(node.to) > own + 1)
        return fail("automaton: bad edges");
      bool ok = true;
      for (std::uint32_t e = node.more; e < node.more + node.count - 1u; ++e)
        ok &= depth_of(edges[e].to) <= own + 1;
      if (!ok) return fail("automaton: bad edges");
      more += node.count - 1u;
    }
    const Output& out = outputs[v];
    if (out.pattern != -1 &&
        (out.pattern < 0 || static_cast<std::uint64_t>(out.pattern) >= a.patterns_ ||
         f.lengths[static_cast<std::uint32_t>(out.pattern)] > own))
      return fail("automaton: bad outputs");
    if (out.link != 0 &&
        (out.link >= states || outputs[out.link].pattern < 0 || depth_at[out.link] >= own))
      return fail("automaton: bad outputs");
  }
  if (more != f.edges.size()) return fail("automaton: bad edges");

  // The dense rows as the constructor made them: each the copy of an earlier row, its failure
  // state's, with the state's own edges written over it (the root's: all to itself), and a
  // skipped byte staying in the state. Every code copied or written was checked above, and a
  // failure state is no deeper.
  a.dense_.resize(limit);
  std::uint32_t* const dense = a.dense_.data();
  for (std::uint32_t r = 0; r < rows; ++r) {
    const std::uint32_t s = f.dense_state[r];
    const Node& node = nodes[s];
    std::uint32_t* row = dense + std::size_t{r} * classes;
    if (r == 0) {
      const bool output = outputs[s].pattern >= 0 || outputs[s].link != 0;
      std::fill(row, row + classes, output ? kOutputFlag : 0);
    } else {
      const std::uint32_t from = node.fail & kStateMask;
      const auto from_row = static_cast<std::uint32_t>((from * reciprocal) >> 42);
      if (from >= limit || from_row * classes != from || from_row >= r)
        return fail("automaton: bad dense rows");
      std::copy(dense + from, dense + from + classes, row);
    }
    if (node.count != 0) {
      if (node.cls >= classes) return fail("automaton: bad edges");
      row[node.cls] = node.to;
      for (std::uint32_t e = node.more; e < node.more + node.count - 1u; ++e) {
        if (edges[e].cls >= classes) return fail("automaton: bad edges");
        row[edges[e].cls] = edges[e].to;
      }
    }
    if (f.skip_class < classes) row[f.skip_class] = r * classes;
  }
  a.dense_rows_ = static_cast<std::uint32_t>(rows);
  a.dense_limit_ = limit;
  a.sparse_offset_ = limit;
  a.lengths_ = std::move(f.lengths);
  a.group_ = std::move(f.group);
  a.group_begin_ = std::move(f.group_begin);
  a.group_members_ = std::move(f.group_members);
  a.dense_state_ = std::move(f.dense_state);
  a.nodes_ = std::move(f.nodes);
  a.edges_ = std::move(f.edges);
  a.outputs_ = std::move(f.outputs);
  a.depth_ = std::move(f.depth);  // checked: freezing it again gives what thaw() accepts
  return a;
}

}  // namespace relgraph
