// Normalising text for matching: ICU NFKC plus folds of quote, dash, dot and space variants.
//
// normalise() decodes UTF-8 (each invalid byte becomes U+FFFD), applies NFKC (full-width
// forms, compatibility characters) and folds typographic variants: every double quote to ",
// every single quote to ', dashes to -, middle dots (·・ㆍ‧) to ·, odd spaces to a space,
// zero-width characters and soft hyphens removed, CR LF to LF. Case is kept. The result keeps
// a map from each normalised byte back to the byte offset in the original, so every span found
// later can be reported against the original text. No I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unicode/utf8.h"

namespace relgraph {

// The normalised text and where each of its bytes came from. The map is kept as pieces, not
// one offset per byte: a run of plain ASCII and Hangul syllables copied through unchanged (most
// of a Korean or English text) is one piece, and only bytes the general path produced (NFKC,
// folds, repairs) have an offset each.
struct NormalisedText {
  std::string text;  // valid UTF-8
  // Set by normalise() when the original is valid UTF-8 (no byte became U+FFFD): any part of it
  // that starts and ends at character boundaries is then valid too, and needs no repair.
  bool original_is_valid_utf8 = false;

  // The byte offset in the original of normalised byte i (i <= text.size()): every byte of a
  // character maps to the first original byte of what it came from, text.size() to the end
  // of the original. Offsets never decrease with i.
  std::size_t to_original(std::size_t i) const;

  // Where the pieces of the map start (see normalise.cpp); filled by normalise().
  struct OriginPiece {
    std::uint32_t text_begin = 0;  // its first byte in `text`
    // copied: the original offset of text_begin; else: the index of text_begin in `mapped`
    std::uint32_t origin = 0;
    bool copied = false;
  };
  std::vector<OriginPiece> pieces;    // in order of text_begin; the first starts at 0
  std::vector<std::uint32_t> mapped;  // offsets of the bytes not in copied pieces
  std::uint32_t original_size = 0;
};

NormalisedText normalise(std::string_view original);

// Normalise a short string (an alias, a query) the same way, without the offset map.
std::string normalise_string(std::string_view s);

namespace normalise_detail {
// normalise() without its fast path (runs of plain ASCII and Hangul syllables copied through):
// every character through the general code. For the differential test of the two.
NormalisedText normalise_general(std::string_view original);
}  // namespace normalise_detail

}  // namespace relgraph
