// Internal to src/write: the escapers' fast step over text that needs no escape (json_writer.cpp,
// write_util.cpp).
//
// skip_plain() passes, 16 bytes at a time (SSE2), over bytes that an escaper copies as they
// are and need no check of their own: ASCII other than control characters and the format's
// special characters, and the three-byte characters led by E1..EF (Hangul, CJK, most
// punctuation), each whole: their continuation bytes may take any value 80..BF, but 80..9F
// after ED (no surrogates). E0 (whose second byte is restricted) and, for XML, EF (U+FFFE and
// U+FFFF are dropped), two- and four-byte characters and anything ill-formed stop it; so does
// a block with a special character. It stops at the first byte of a character, which the escaper
// then takes the byte-by-byte way; without SSE2 it passes nothing.
#pragma once

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace relgraph::write_detail {

// JSON strings; XML character data with quotes escaped (`"`, `'`) or not.
enum class TextFormat { json, xml, xml_without_quotes };

template <TextFormat kFormat>
inline const unsigned char* skip_plain(const unsigned char* p, const unsigned char* end) {
#if defined(__SSE2__)
  auto eq = [](__m128i v, unsigned char c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
  };
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Controls (at most 1F), the special characters, and the leads of restricted sequences.
    __m128i stop = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    if constexpr (kFormat == TextFormat::json) {
      stop = _mm_or_si128(stop, _mm_or_si128(eq(v, '"'), eq(v, '\\')));
    } else {
      stop = _mm_or_si128(stop, _mm_or_si128(_mm_or_si128(eq(v, '&'), eq(v, '<')), eq(v, '>')));
      if constexpr (kFormat == TextFormat::xml) {
        stop = _mm_or_si128(stop, _mm_or_si128(eq(v, '"'), eq(v, '\'')));
      }
    }
    stop = _mm_or_si128(stop, eq(v, 0xE0));
    if constexpr (kFormat != TextFormat::json) stop = _mm_or_si128(stop, eq(v, 0xEF));
    if (_mm_movemask_epi8(stop) != 0) break;
    const auto high = static_cast<unsigned>(_mm_movemask_epi8(v));
    if (high == 0) {
      p += 16;
      continue;
    }
    // Leads E0..EF (E0, ED and EF stopped above) and continuation bytes 80..BF.
    const auto leads = static_cast<unsigned>(
        _mm_movemask_epi8(eq(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xF0))), 0xE0)));
    const auto continuation = static_cast<unsigned>(
        _mm_movemask_epi8(eq(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))), 0x80)));
    // After ED (U+D000..U+D7FF: the last Hangul syllables, 한, 했...) only 80..9F, which as
    // signed bytes are -128..-97.
    const auto ed = static_cast<unsigned>(_mm_movemask_epi8(eq(v, 0xED)));
    const auto low = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(-96)))));
    // Nothing else above 7F, and exactly the two bytes after each lead are continuation bytes
    // (a lead at 14 or 15 has the rest of its character in the next block, where it is looked
    // at again).
    if ((high & ~(leads | continuation)) != 0 ||
        continuation != (((leads << 1) | (leads << 2)) & 0xFFFF) ||
        ((ed << 1) & ~low & 0xFFFF) != 0) {
      break;
    }
    p += (leads & 0x4000) != 0 ? 14 : (leads & 0x8000) != 0 ? 15 : 16;
  }
#else
  (void)end;
#endif
  return p;
}

}  // namespace relgraph::write_detail
