// UTF-8 decoding, encoding and repair: the one place relgraph reads bytes as code points.
//
// Strict decoding (overlong forms, surrogates and values above U+10FFFF are invalid; an
// invalid byte is consumed alone), so every stage agrees on where characters begin and what
// is broken. No allocation except in the functions that return strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace relgraph {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the code point at text[pos] (pos < text.size()) into `cp` and returns its length in
// bytes; an invalid byte gives kInvalidCodePoint and length 1.
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& cp);

// The code point at s[i], with an invalid byte read as U+FFFD; sets `length`.
inline char32_t next_code_point(std::string_view s, std::size_t i, std::size_t& length) {
  char32_t cp = 0;
  length = decode_utf8(s, i, cp);
  return cp == kInvalidCodePoint ? kReplacementCharacter : cp;
}

void append_utf8(std::string& out, char32_t cp);

// A copy of `bytes` that is valid UTF-8 (each invalid byte becomes U+FFFD).
std::string valid_utf8(std::string_view bytes);

// Number of bytes that are not part of a valid UTF-8 sequence.
std::size_t count_invalid_utf8(std::string_view bytes);

// Whether `bytes` is valid UTF-8 (count_invalid_utf8 would be 0), checked eight ASCII bytes at a
// time: the writers' test before they copy a string to repair it.
bool is_valid_utf8(std::string_view bytes);

}  // namespace relgraph
