// LiteralAutomaton: every occurrence of many byte strings in one pass (Aho-Corasick).
//
// Compiled once from a list of patterns, then immutable and safe to share between threads.
// scan() reports every occurrence, overlapping ones included, as (pattern, end offset), in order
// of end offset. Patterns that are equal share one output: scan() reports the first pattern with
// those bytes, and same_as() lists all of them. Bytes are compared exactly (no case folding:
// callers fold both sides; scan_mapped() folds or skips text bytes on the fly). The states near the
// root, where a scan over ordinary text spends nearly all its time, get dense transition rows over
// byte classes; deeper states keep sorted sparse rows and failure links, so memory stays
// proportional to the patterns' total length. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relgraph {

class LiteralAutomaton {
 public:
  LiteralAutomaton() = default;
  // Dense rows cost 4 bytes per byte class; the shallow states get them up to `dense_cells`
  // cells in all (the root always has one). Tests pass a small budget to exercise the sparse
  // states.
  static constexpr std::size_t kDefaultDenseCells = std::size_t{1} << 20;  // 4 MiB
  explicit LiteralAutomaton(const std::vector<std::string>& patterns,
                            std::size_t dense_cells = kDefaultDenseCells);

  // Calls on_match(pattern, end) for every occurrence of a pattern ending at byte `end` of
  // `text` (exclusive), in order of `end`; several at one end: longest first.
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    scan_mapped(
        text, [](unsigned char b) { return static_cast<int>(b); }, on_match);
  }

  // The same over `text` with each byte b replaced by map(b), or left out where map(b) is
  // negative (case folding, spaces skipped): on_match gets the end as an offset of `text`.
  template <class Map, class OnMatch>
  void scan_mapped(std::string_view text, Map&& map, OnMatch&& on_match) const {
    if (patterns_ == 0) return;
    std::uint32_t code = 0;  // the root
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size(); ++i) {
      const int b = map(bytes[i]);
      if (b < 0) continue;
      const std::uint32_t to = step(code, static_cast<unsigned char>(b));
      code = to & kStateMask;
      // Most steps reach a state where no pattern ends: the flag in the transition says so
      // without touching the output tables.
      if ((to & kOutputFlag) == 0) continue;
      const std::uint32_t s = state_of(code);
      for (std::uint32_t t = output_[s] >= 0 ? s : output_link_[s]; t != 0; t = output_link_[t])
        on_match(static_cast<std::uint32_t>(output_[t]), i + 1);
    }
  }

  std::size_t pattern_count() const { return patterns_; }
  std::size_t pattern_length(std::uint32_t pattern) const { return lengths_[pattern]; }
  // Every pattern with the same bytes as `pattern`, in input order.
  std::span<const std::uint32_t> same_as(std::uint32_t pattern) const {
    const std::uint32_t group = group_[pattern];
    return {group_members_.data() + group_begin_[group],
            group_begin_[group + 1] - group_begin_[group]};
  }
  std::size_t states() const { return nodes_.size(); }
  std::size_t dense_states() const { return dense_rows_; }

 private:
  // Transitions name states by code, so that a step through a dense row needs no
  // multiplication: dense state s is s * classes_ (the offset of its row in dense_), sparse
  // state s is s + sparse_offset_ (at least dense_limit_). A code with kOutputFlag: some
  // pattern ends in that state or on its failure chain.
  struct Edge {
    unsigned char byte;
    std::uint32_t to;  // target code, flagged
  };
  // A state as the sparse path sees it, in 16 bytes: its failure link and its first edge
  // (deep states mostly have one), so a step that fails reads one cache line, not three.
  struct Node {
    std::uint32_t fail = 0;   // code (a state number while the automaton is built)
    std::uint32_t to = 0;     // the first edge (smallest byte): its target code, flagged
    std::uint32_t more = 0;   // the other edges: edges_[more, more + count - 1)
    std::uint16_t count = 0;  // edges in all
    unsigned char byte = 0;   // the first edge's byte
  };
  static constexpr std::uint32_t kOutputFlag = std::uint32_t{1} << 31;
  static constexpr std::uint32_t kStateMask = kOutputFlag - 1;

  // The transition from the state with code `code` on byte b: the target's code, flagged.
  std::uint32_t step(std::uint32_t code, unsigned char b) const {
    const std::uint32_t cls = byte_class_[b];
    while (true) {
      if (code < dense_limit_) return dense_[code + cls];
      const Node& node = nodes_[code - sparse_offset_];
      if (node.count != 0 && b >= node.byte) {
        if (b == node.byte) return node.to;
        const Edge* e = edges_.data() + node.more;
        for (const Edge* end = e + node.count - 1; e != end && e->byte <= b; ++e)
          if (e->byte == b) return e->to;
      }
      code = node.fail;
    }
  }
  std::uint32_t state_of(std::uint32_t code) const {
    return code < dense_limit_ ? code / classes_ : code - sparse_offset_;
  }
  // step() while the automaton is built, on state numbers (no codes, no flags yet).
  std::uint32_t build_step(std::uint32_t s, unsigned char b) const;

  std::size_t patterns_ = 0;
  std::vector<std::uint32_t> lengths_;
  std::vector<std::uint32_t> group_;          // pattern -> its group (patterns with its bytes)
  std::vector<std::uint32_t> group_begin_;    // group -> its members in group_members_ (CSR)
  std::vector<std::uint32_t> group_members_;  // patterns by group, in input order
  std::uint32_t byte_class_[256] = {};        // 0: a byte no pattern contains
  std::uint32_t classes_ = 1;
  std::uint32_t dense_rows_ = 0;      // states [0, dense_rows_) are dense
  std::uint32_t dense_limit_ = 0;     // dense_rows_ * classes_: codes below are dense
  std::uint32_t sparse_offset_ = 0;   // dense_limit_ - dense_rows_
  std::vector<std::uint32_t> dense_;  // dense_rows_ x classes_ full transitions (codes)
  std::vector<Node> nodes_;  // every state (dense ones too: construction follows their links)
  std::vector<Edge> edges_;  // edges after the first, by state, in byte order
  std::vector<std::int32_t> output_;        // first pattern ending here, -1 if none
  std::vector<std::uint32_t> output_link_;  // next state on the fail chain with output
};

}  // namespace relgraph
