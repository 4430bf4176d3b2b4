// UTF-8 decoding, encoding and repair (see utf8.h).
#include "unicode/utf8.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace relgraph {

std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& cp) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  cp = kInvalidCodePoint;
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;  // allowed range of the second byte
  unsigned char high = 0xBF;
  char32_t value = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 1;
  }
  if (text.size() - pos < length) return 1;
  if (byte(pos + 1) < low || byte(pos + 1) > high) return 1;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 1;
    value = (value << 6) | (byte(pos + i) & 0x3F);
  }
  cp = value;
  return length;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    char32_t cp = 0;
    const std::size_t len = decode_utf8(bytes, i, cp);
    if (cp == kInvalidCodePoint) {
      append_utf8(out, kReplacementCharacter);
    } else {
      out.append(bytes.substr(i, len));
    }
    i += len;
  }
  return out;
}

namespace {

// The length of the run of ASCII bytes at bytes[i], found eight bytes at a time.
std::size_t ascii_run(std::string_view bytes, std::size_t i) {
  const std::size_t start = i;
  while (i + 8 <= bytes.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    if ((word & 0x8080808080808080ULL) != 0) break;
    i += 8;
  }
  while (i < bytes.size() && static_cast<unsigned char>(bytes[i]) < 0x80) ++i;
  return i - start;
}

// The length of the valid UTF-8 sequence at bytes[i] (not ASCII) when it is one of the common
// two- and three-byte forms whose continuation bytes may take any value (Hangul, CJK, most
// punctuation), else 0 (decode_utf8 decides).
std::size_t common_sequence(std::string_view bytes, std::size_t i) {
  const auto at = [&](std::size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char lead = at(i);
  const std::size_t left = bytes.size() - i;
  if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && left >= 3 && (at(i + 1) & 0xC0) == 0x80 &&
      (at(i + 2) & 0xC0) == 0x80) {
    return 3;
  }
  if (lead >= 0xC2 && lead <= 0xDF && left >= 2 && (at(i + 1) & 0xC0) == 0x80) return 2;
  return 0;
}

// count_invalid_utf8 over the characters that start in [i, until): adds their invalid bytes to
// `bad` and returns where the next character starts (until or a little past it).
std::size_t count_invalid_until(std::string_view bytes, std::size_t i, std::size_t until,
                                std::size_t& bad) {
  while (i < until) {
    i += ascii_run(bytes, i);
    // Common sequences back to back (Hangul words and the single spaces between them) without
    // going through ascii_run for each.
    while (i < until) {
      if (const std::size_t n = common_sequence(bytes, i); n > 0) {
        i += n;
      } else if (static_cast<unsigned char>(bytes[i]) < 0x80) {
        // A lone space or punctuation between words stays here; a longer ASCII run goes to
        // ascii_run.
        if (i + 1 < bytes.size() && static_cast<unsigned char>(bytes[i + 1]) < 0x80) break;
        ++i;
      } else {
        char32_t cp = 0;
        i += decode_utf8(bytes, i, cp);
        bad += cp == kInvalidCodePoint;
      }
    }
  }
  return i;
}

#if defined(__SSE2__)
// Bit k of the result is bit 7 of the byte-wise comparison at p[k], for 64 bytes.
template <class Compare>
std::uint64_t mask64(const unsigned char* p, Compare compare) {
  std::uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    mask |= static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm_movemask_epi8(compare(v))))
            << (16 * k);
  }
  return mask;
}
#endif

}  // namespace

std::size_t count_invalid_utf8(std::string_view bytes) {
  std::size_t bad = 0, i = 0;
#if defined(__SSE2__)
  // 64 bytes at a time while they are ASCII and three-byte characters led by E1..EF (Hangul,
  // CJK, most punctuation), as byte masks: every continuation byte must be the second or third
  // byte of such a character, and after ED (U+D000..U+D7FF) come at most 9F. Any other block
  // (two- or four-byte characters, E0, anything invalid) is counted the general way.
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  std::uint64_t previous_leads = 0;  // the leads of the block before, when it took this path
  while (i + 64 <= bytes.size()) {
    const std::uint64_t high = mask64(p + i, [](__m128i v) { return v; });
    if (high == 0 && (previous_leads >> 62) == 0) {  // all ASCII
      previous_leads = 0;
      i += 64;
      continue;
    }
    // As signed bytes: continuation 80..BF is -128..-65; a lead E1..EF is -31..-17.
    const std::uint64_t continuation =
        mask64(p + i, [](__m128i v) { return _mm_cmplt_epi8(v, _mm_set1_epi8(-64)); });
    const std::uint64_t leads = mask64(p + i, [](__m128i v) {
      return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-32)),
                           _mm_cmplt_epi8(v, _mm_set1_epi8(-16)));
    });
    const std::uint64_t ed = mask64(
        p + i, [](__m128i v) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xED))); });
    // 80..9F is -128..-97.
    const std::uint64_t low_continuation =
        mask64(p + i, [](__m128i v) { return _mm_cmplt_epi8(v, _mm_set1_epi8(-96)); });
    const std::uint64_t expected =
        leads << 1 | leads << 2 | previous_leads >> 63 | previous_leads >> 62;
    const bool fast = (high & ~continuation & ~leads) == 0 && continuation == expected &&
                      (ed >> 63) == 0 && ((ed << 1) & ~low_continuation) == 0;
    if (fast) {
      previous_leads = leads;
      i += 64;
      continue;
    }
    // Back to the first byte of the character this block starts in, then the general way to
    // the end of the block.
    const std::size_t start = i - ((previous_leads >> 63) != 0         ? 1
                                   : ((previous_leads >> 62) & 1) != 0 ? 2
                                                                       : 0);
    i = count_invalid_until(bytes, start, i + 64, bad);
    previous_leads = 0;
  }
  if (previous_leads != 0) {
    // The last block may end inside a character: count from its first byte.
    i -= (previous_leads >> 63) != 0 ? 1 : ((previous_leads >> 62) & 1) != 0 ? 2 : 0;
  }
#endif
  count_invalid_until(bytes, i, bytes.size(), bad);
  return bad;
}

bool is_valid_utf8(std::string_view bytes) { return count_invalid_utf8(bytes) == 0; }

}  // namespace relgraph
