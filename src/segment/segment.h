// Splitting normalised text into sentences.
//
// Built for news pages rather than clean prose: every line break ends a sentence (headlines,
// captions and link lists have no full stop), and inside a line a sentence ends after . ! ?
// (with any closing quotes or brackets) when a space, a line end or a new Hangul/Latin word
// follows, but not inside a double-quoted span, not in numbers (2.5) and not after a single
// capital initial (U.S.). Overlong sentences are cut at spaces so no sentence exceeds
// kMaxSentenceBytes. Spans are byte offsets into the normalised text; no I/O.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace relgraph {

struct Sentence {
  std::size_t begin = 0;  // byte offsets in the normalised text, trimmed of spaces
  std::size_t end = 0;
};

inline constexpr std::size_t kMaxSentenceBytes = 4096;

std::vector<Sentence> split_sentences(std::string_view text);

}  // namespace relgraph
