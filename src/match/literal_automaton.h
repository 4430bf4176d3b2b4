// LiteralAutomaton: every occurrence of many byte strings in one pass (Aho-Corasick).
//
// Compiled once from a list of patterns, then immutable and safe to share between threads.
// scan() reports every occurrence, overlapping ones included, as (pattern, end offset), in order
// of end offset. Patterns that are equal share one output: scan() reports the first pattern with
// those bytes, and same_as() lists all of them. Bytes are compared exactly, unless the automaton
// was built with a Folding: then scan() reads each text byte ASCII-lowercased, or skips it (the
// matcher folds its keys the same way and skips spaces). Each text byte is looked up once in a
// table of byte classes that already folds and marks skipped bytes, so the scan does no other
// work per byte. The states near the root, where a scan over ordinary text spends nearly all its
// time, get dense transition rows over byte classes (a skipped byte loops back to the state);
// deeper states keep sparse rows and failure links, so memory stays proportional to the
// patterns' total length. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace relgraph {

// How scan() reads the text: ASCII letters lowercased, and bytes left out (for the matcher,
// spaces). Patterns are not folded: callers fold them the same way.
struct Folding {
  bool ascii_case = false;
  std::string_view skip;  // bytes scan() leaves out
};

class LiteralAutomaton {
 public:
  LiteralAutomaton() = default;
  // Dense rows cost 4 bytes per byte class; the shallow states get them up to `dense_cells`
  // cells in all (the root always has one). Tests pass a small budget to exercise the sparse
  // states.
  static constexpr std::size_t kDefaultDenseCells = std::size_t{1} << 20;  // 4 MiB
  explicit LiteralAutomaton(const std::vector<std::string>& patterns,
                            std::size_t dense_cells = kDefaultDenseCells, Folding folding = {});

  // Calls on_match(pattern, end) for every occurrence of a pattern ending at byte `end` of
  // `text` (exclusive), in order of `end`; several at one end: longest first. With a Folding,
  // the occurrences are those in the folded text (skipped bytes left out), and `end` is the
  // offset in `text` after the occurrence's last byte.
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (patterns_ == 0) return;
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    const std::uint32_t* dense = dense_.data();
    const std::uint32_t limit = dense_limit_;
    std::uint32_t code = 0;  // the root
    std::size_t i = 0;
    while (i < n) {
      // The hot loop: a dense state, and a target that is dense with no output (codes at or
      // above `limit` are sparse or flagged), one table look-up per byte.
      std::uint32_t to;
      while (true) {
        if (i + 4 <= n) {
          to = dense[code + text_class_[bytes[i]]];
          if (to >= limit) {
            i += 1;
            break;
          }
          code = to;
          to = dense[code + text_class_[bytes[i + 1]]];
          if (to >= limit) {
            i += 2;
            break;
          }
          code = to;
          to = dense[code + text_class_[bytes[i + 2]]];
          if (to >= limit) {
            i += 3;
            break;
          }
          code = to;
          to = dense[code + text_class_[bytes[i + 3]]];
          i += 4;
          if (to >= limit) break;
          code = to;
        } else {
          if (i == n) return;
          to = dense[code + text_class_[bytes[i++]]];
          if (to >= limit) break;
          code = to;
        }
      }
      // Output here, or a sparse state: byte by byte until back in a dense state.
      while (true) {
        code = to & kStateMask;
        // Most steps reach a state where no pattern ends: the flag in the transition says so
        // without touching the output tables.
        if ((to & kOutputFlag) != 0) {
          const std::uint32_t s = state_of(code);
          for (std::uint32_t t = outputs_[s].pattern >= 0 ? s : outputs_[s].link; t != 0;
               t = outputs_[t].link)
            on_match(static_cast<std::uint32_t>(outputs_[t].pattern), i);
        }
        if (code < limit || i == n) break;
        to = sparse_step(code, text_class_[bytes[i++]]);
      }
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
  // States are numbered in depth-first order of the trie (the root is 0). Transitions name
  // them by code, so that a step through a dense row needs no multiplication: a state with
  // dense row r is r * classes_ (the offset of the row in dense_), any other state s is
  // s + sparse_offset_ (at least dense_limit_). A code with kOutputFlag: some pattern ends in
  // that state or on its failure chain. Edges are labelled by byte class.
  struct Edge {
    std::uint32_t cls;
    std::uint32_t to;  // target code, flagged
  };
  // A state as the sparse path sees it, in 16 bytes: its failure link and its first edge
  // (deep states mostly have one), so a step that fails reads one cache line, not three.
  struct Node {
    std::uint32_t fail = 0;   // code (a state number while the automaton is built)
    std::uint32_t to = 0;     // the first edge (smallest class): its target code, flagged
    std::uint32_t more = 0;   // the other edges: edges_[more, more + count - 1)
    std::uint16_t count = 0;  // edges in all
    std::uint16_t cls = 0;    // the first edge's class
  };
  static constexpr std::uint32_t kOutputFlag = std::uint32_t{1} << 31;
  static constexpr std::uint32_t kStateMask = kOutputFlag - 1;

  // The transition from the state with code `code` (sparse, or dense) on byte class c: the
  // target's code, flagged; a skipped byte stays in the state.
  std::uint32_t sparse_step(std::uint32_t code, std::uint32_t c) const {
    if (c == skip_class_) return code;
    while (true) {
      if (code < dense_limit_) return dense_[code + c];
      const Node& node = nodes_[code - sparse_offset_];
      if (node.count != 0 && c >= node.cls) {
        if (c == node.cls) return node.to;
        const Edge* e = edges_.data() + node.more;
        for (const Edge* end = e + node.count - 1; e != end && e->cls <= c; ++e)
          if (e->cls == c) return e->to;
      }
      code = node.fail;
    }
  }
  std::uint32_t state_of(std::uint32_t code) const {
    return code < dense_limit_ ? dense_state_[code / classes_] : code - sparse_offset_;
  }

  std::size_t patterns_ = 0;
  std::vector<std::uint32_t> lengths_;
  std::vector<std::uint32_t> group_;          // pattern -> its group (patterns with its bytes)
  std::vector<std::uint32_t> group_begin_;    // group -> its members in group_members_ (CSR)
  std::vector<std::uint32_t> group_members_;  // patterns by group, in input order
  // Text byte -> the class scan() steps on: 0 for a byte no pattern contains, 1.. for pattern
  // bytes in byte order (folded first), skip_class_ for a skipped byte.
  std::uint32_t text_class_[256] = {};
  std::uint32_t classes_ = 1;                     // columns of a dense row, the skip class included
  std::uint32_t skip_class_ = ~std::uint32_t{0};  // none unless the Folding skips bytes
  std::uint32_t dense_rows_ = 0;            // the first dense_rows_ states breadth first are dense
  std::uint32_t dense_limit_ = 0;           // dense_rows_ * classes_: codes below are dense
  std::uint32_t sparse_offset_ = 0;         // dense_limit_
  std::vector<std::uint32_t> dense_;        // dense_rows_ x classes_ full transitions (codes)
  std::vector<std::uint32_t> dense_state_;  // dense row -> its state
  std::vector<Node> nodes_;  // every state (dense ones too: construction follows their links)
  std::vector<Edge> edges_;  // edges after the first, by state, in class order
  // Per state, together (a state with output reads both): the first pattern ending there, -1
  // if none, and the next state on the fail chain with output, 0 if none.
  struct Output {
    std::int32_t pattern = -1;
    std::uint32_t link = 0;
  };
  std::vector<Output> outputs_;
};

}  // namespace relgraph
