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
#include <optional>
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
  static constexpr std::size_t kDefaultDenseCells = std::size_t{1} << 21;  // 8 MiB
  explicit LiteralAutomaton(const std::vector<std::string>& patterns,
                            std::size_t dense_cells = kDefaultDenseCells, Folding folding = {});

  // Calls on_match(pattern, end) for every occurrence of a pattern ending at byte `end` of
  // `text` (exclusive), in order of `end`; several at one end: longest first. With a Folding,
  // the occurrences are those in the folded text (skipped bytes left out), and `end` is the
  // offset in `text` after the occurrence's last byte.
  template <class OnMatch>
  void scan(std::string_view text, OnMatch&& on_match) const {
    if (patterns_ == 0) return;
    run(reinterpret_cast<const unsigned char*>(text.data()), 0, text.size(), 0, on_match);
  }

  // The same occurrences as scan(), in no particular order: a text of `split` bytes or more is
  // scanned as two halves in step, so that the look-ups of one half wait for memory while
  // those of the other go on (a scan is bound by the latency of its table look-ups, one
  // depending on the one before). The first half runs on past the middle far enough for the
  // occurrences that start in it, and reports only those.
  template <class OnMatch>
  void scan_unordered(std::string_view text, OnMatch&& on_match,
                      std::size_t split = std::size_t{1} << 10) const {
    scan_halves(text, on_match, on_match, split);
  }

  // scan_unordered() with the occurrences that start in the text's first half reported to
  // on_first, the others to on_second, each in order of end (several at one end: longest
  // first). A text shorter than `split` is all first half. Every occurrence reported to
  // on_first starts before every one reported to on_second.
  template <class OnFirst, class OnSecond>
  void scan_halves(std::string_view text, OnFirst&& on_first, OnSecond&& on_second,
                   std::size_t split = std::size_t{1} << 10) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    if (n < split || n < 2 || max_length_ == 0) {
      scan(text, on_first);
      return;
    }
    // [0, stop) has every occurrence that starts before mid: at most max_length_ - 1 of its
    // bytes (not counting skipped ones) come at or after mid.
    const std::size_t mid = n / 2;
    std::size_t stop = mid;
    for (std::size_t unskipped = 0; stop < n && unskipped + 1 < max_length_; ++stop)
      if (text_class_[bytes[stop]] != skip_class_) ++unskipped;
    // The first half's occurrences that end past mid: only those with a byte before it. They
    // come in order of end, so the unskipped bytes in [mid, end) are counted on from the last.
    std::size_t counted = mid, after = 0;
    auto first_half = [&](std::uint32_t pattern, std::size_t end) {
      if (end > mid) {
        for (; counted < end; ++counted) after += text_class_[bytes[counted]] != skip_class_;
        if (after >= lengths_[pattern]) return;
      }
      on_first(pattern, end);
    };
    const std::uint32_t* dense = dense_.data();
    const std::uint32_t limit = dense_limit_;
    std::uint32_t a = 0, b = 0;  // the two halves' states, both dense here
    std::size_t i = 0, j = mid;
    while (i < stop && j < n) {
      const std::uint32_t to_a = dense[a + text_class_[bytes[i++]]];
      const std::uint32_t to_b = dense[b + text_class_[bytes[j++]]];
      a = to_a < limit ? to_a : settle(to_a, bytes, i, stop, first_half);
      b = to_b < limit ? to_b : settle(to_b, bytes, j, n, on_second);
    }
    // Whichever half is left, alone (a half that ended is in a dense state or at its end).
    if (i < stop) run(bytes, i, stop, a, first_half);
    if (j < n) run(bytes, j, n, b, on_second);
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

  // A state as the sparse path sees it, in 16 bytes: its failure link and its first edge
  // (deep states mostly have one), so a step that fails reads one cache line, not three.
  // Transitions name states by code (see below).
  struct Node {
    std::uint32_t fail = 0;   // code (a state number while the automaton is built)
    std::uint32_t to = 0;     // the first edge (smallest class): its target code, flagged
    std::uint32_t more = 0;   // the other edges: edges_[more, more + count - 1)
    std::uint16_t count = 0;  // edges in all
    std::uint16_t cls = 0;    // the first edge's class
  };
  struct Edge {
    std::uint32_t cls;
    std::uint32_t to;  // target code, flagged
  };
  // Per state, together (a state with output reads both): the first pattern ending there, -1
  // if none, and the next state on the fail chain with output, 0 if none.
  struct Output {
    std::int32_t pattern = -1;
    std::uint32_t link = 0;
  };

  // The automaton's tables as scan() uses them (rule_image/ stores them) but the dense rows,
  // which thaw() rebuilds from the nodes in one pass, and each state's depth in the trie, which
  // thaw() needs to check them.
  struct Frozen {
    std::uint64_t patterns = 0;
    std::uint64_t max_length = 0;
    std::vector<std::uint32_t> lengths, group, group_begin, group_members;
    std::vector<std::uint32_t> text_class;  // 256 entries
    std::uint32_t classes = 0, skip_class = 0;
    // Dense row -> its state; each row comes after its failure state's.
    std::vector<std::uint32_t> dense_state;
    std::vector<Node> nodes;  // per state
    std::vector<Edge> edges;
    std::vector<Output> outputs;       // per state
    std::vector<std::uint32_t> depth;  // per state
  };
  Frozen freeze() const;
  // The same tables as views of the automaton's own (valid while it lives and is not moved
  // from), for writing them out without a copy.
  struct FrozenView {
    std::uint64_t patterns = 0;
    std::uint64_t max_length = 0;
    std::span<const std::uint32_t> lengths, group, group_begin, group_members, text_class;
    std::uint32_t classes = 0, skip_class = 0;
    std::span<const std::uint32_t> dense_state;
    std::span<const Node> nodes;
    std::span<const Edge> edges;
    std::span<const Output> outputs;
    std::span<const std::uint32_t> depth;
  };
  FrozenView frozen_view() const;
  // The automaton the tables describe, once they are checked in one linear pass for everything
  // scan() relies on to stay in bounds and to stop: every index and code in range, a state
  // never deeper than the bytes read to reach it (so an occurrence never starts before the
  // text), failure and output chains that end. Tables that pass but were not made by freeze()
  // can give wrong occurrences, never unsafe ones. nullopt, with the first problem in `why`,
  // otherwise.
  static std::optional<LiteralAutomaton> thaw(Frozen&& frozen, std::string& why);
  // Whether scan() leaves byte `b` out of the text.
  bool skips(unsigned char b) const { return text_class_[b] == skip_class_; }

 private:
  // States are numbered in depth-first order of the trie (the root is 0). Transitions name
  // them by code, so that a step through a dense row needs no multiplication: a state with
  // dense row r is r * classes_ (the offset of the row in dense_), any other state s is
  // s + sparse_offset_ (at least dense_limit_). A code with kOutputFlag: some pattern ends in
  // that state or on its failure chain. Edges are labelled by byte class.
  static constexpr std::uint32_t kOutputFlag = std::uint32_t{1} << 31;
  static constexpr std::uint32_t kStateMask = kOutputFlag - 1;

  // Scans bytes [i, end) from the dense state `code`, reporting as scan() does.
  template <class OnMatch>
  void run(const unsigned char* bytes, std::size_t i, std::size_t end, std::uint32_t code,
           OnMatch& on_match) const {
    const std::uint32_t* dense = dense_.data();
    const std::uint32_t limit = dense_limit_;
    while (i < end) {
      // The hot loop: a dense state, and a target that is dense with no output (codes at or
      // above `limit` are sparse or flagged), one table look-up per byte.
      std::uint32_t to;
      while (true) {
        if (i + 4 <= end) {
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
          if (i == end) return;
          to = dense[code + text_class_[bytes[i++]]];
          if (to >= limit) break;
          code = to;
        }
      }
      code = settle(to, bytes, i, end, on_match);
    }
  }

  // After a transition `to` that left the hot loop, with bytes [.., i) read: reports what ends
  // there, then steps through sparse states byte by byte until a dense one (or `end`). Returns
  // the state's code: dense unless i == end.
  template <class OnMatch>
  std::uint32_t settle(std::uint32_t to, const unsigned char* bytes, std::size_t& i,
                       std::size_t end, OnMatch& on_match) const {
    while (true) {
      const std::uint32_t code = to & kStateMask;
      // Most steps reach a state where no pattern ends: the flag in the transition says so
      // without touching the output tables.
      if ((to & kOutputFlag) != 0) {
        const std::uint32_t s = state_of(code);
        for (std::uint32_t t = outputs_[s].pattern >= 0 ? s : outputs_[s].link; t != 0;
             t = outputs_[t].link)
          on_match(static_cast<std::uint32_t>(outputs_[t].pattern), i);
      }
      if (code < dense_limit_ || i == end) return code;
      to = sparse_step(code, text_class_[bytes[i++]]);
    }
  }

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
    return code < dense_limit_ ? dense_state_[dense_row(code)] : code - sparse_offset_;
  }
  // The row of a dense code, code / classes_ without a division: a dense code is a multiple
  // of classes_ (2^row_shift_ times an odd number, whose inverse modulo 2^32 is row_inverse_).
  std::uint32_t dense_row(std::uint32_t code) const { return (code >> row_shift_) * row_inverse_; }
  void set_row_division();

  std::size_t patterns_ = 0;
  std::size_t max_length_ = 0;  // of a pattern, in bytes
  std::vector<std::uint32_t> lengths_;
  std::vector<std::uint32_t> group_;          // pattern -> its group (patterns with its bytes)
  std::vector<std::uint32_t> group_begin_;    // group -> its members in group_members_ (CSR)
  std::vector<std::uint32_t> group_members_;  // patterns by group, in input order
  // Text byte -> the class scan() steps on: 0 for a byte no pattern contains, 1.. for pattern
  // bytes in byte order (folded first), skip_class_ for a skipped byte.
  std::uint32_t text_class_[256] = {};
  std::uint32_t classes_ = 1;                     // columns of a dense row, the skip class included
  std::uint32_t skip_class_ = ~std::uint32_t{0};  // none unless the Folding skips bytes
  std::uint32_t dense_rows_ = 0;            // dense states: the shallowest (see the constructor)
  std::uint32_t dense_limit_ = 0;           // dense_rows_ * classes_: codes below are dense
  std::uint32_t sparse_offset_ = 0;         // dense_limit_
  std::vector<std::uint32_t> dense_;        // dense_rows_ x classes_ full transitions (codes)
  std::vector<std::uint32_t> dense_state_;  // dense row -> its state
  std::uint32_t row_shift_ = 0, row_inverse_ = 1;  // dense_row() (set_row_division())
  std::vector<Node> nodes_;      // every state (dense ones too: construction follows their links)
  std::vector<Edge> edges_;      // edges after the first, by state, in class order
  std::vector<Output> outputs_;  // per state
  std::vector<std::uint32_t> depth_;  // per state: its depth in the trie (only freeze() reads it)
};

}  // namespace relgraph
