// The pretty JSON writer of the JSON writers (see json_writer.h).
#include "write/json_writer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>

#include "write/text_scan.h"

namespace relgraph::write_detail {

namespace {

// What an ASCII byte becomes in a JSON string: 0 itself, else the letter after the backslash
// ('u': \u00XX), as RapidJSON's Writer escapes.
constexpr std::array<char, 128> kEscape = [] {
  std::array<char, 128> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 'u';
  t['\b'] = 'b';
  t['\t'] = 't';
  t['\n'] = 'n';
  t['\f'] = 'f';
  t['\r'] = 'r';
  t['"'] = '"';
  t['\\'] = '\\';
  return t;
}();

// Whether any of the eight bytes of `w` is a control character, '"', '\\' or not ASCII.
inline bool needs_look(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t control =
      (w - kOnes * 0x20) & ~w;  // high bit where a byte < 0x20 (or >= 0x80)
  const std::uint64_t q = w ^ (kOnes * '"');
  const std::uint64_t b = w ^ (kOnes * '\\');
  const std::uint64_t quote = (q - kOnes) & ~q;
  const std::uint64_t backslash = (b - kOnes) & ~b;
  return ((control | quote | backslash | w) & kHigh) != 0;
}

// The length of the well-formed UTF-8 sequence at p (p[0] >= 0x80), or 0 when it is ill-formed
// (overlong forms, surrogates and code points past U+10FFFF included): relgraph::decode_utf8's
// rules, so a string passes here exactly when is_valid_utf8 accepts it.
inline std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end) {
  const unsigned lead = p[0];
  const std::size_t left = static_cast<std::size_t>(end - p);
  auto cont = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  if (lead >= 0xC2 && lead <= 0xDF) return left >= 2 && cont(p[1]) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    if (left < 3 || !cont(p[2])) return 0;
    const unsigned low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
    return p[1] >= low && p[1] <= high ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    if (left < 4 || !cont(p[2]) || !cont(p[3])) return 0;
    const unsigned low = lead == 0xF0 ? 0x90 : 0x80, high = lead == 0xF4 ? 0x8F : 0xBF;
    return p[1] >= low && p[1] <= high ? 4 : 0;
  }
  return 0;
}

// Writes the escaped contents of `s` (no quotes) at `dst`, which has room for 6 bytes per byte
// of `s`; returns the end, or nullptr when `s` is not well-formed UTF-8.
char* escape(char* dst, std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  const auto* run = p;  // start of the bytes not yet copied
  while (p != end) {
    // Plain text 16 bytes at a time (text_scan.h), then plain ASCII eight bytes at a time.
    p = skip_plain<TextFormat::json>(p, end);
    while (end - p >= 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p, 8);
      if (needs_look(w)) break;
      p += 8;
    }
    // Then a byte or a character at a time up to the next byte to escape, for 16 bytes or more:
    // then, or after eight plain ASCII bytes in a row, back to the above.
    unsigned ascii = 0;
    const auto* const stretch = end - p > 16 ? p + 16 : end;
    while (p < stretch) {
      const unsigned c = *p;
      if (c < 0x80) {
        if (kEscape[c] != 0) break;
        ++p;
        if (++ascii == 8) break;
      } else if (c >= 0xE1 && c <= 0xEF && c != 0xED && end - p >= 3 &&
                 ((p[1] & 0xC0) | ((p[2] & 0xC0) >> 2)) == 0xA0) {
        // The common three-byte form whose continuation bytes may take any value (Hangul, CJK).
        ascii = 0;
        p += 3;
      } else {
        ascii = 0;
        const std::size_t n = utf8_sequence(p, end);
        if (n == 0) return nullptr;
        p += n;
      }
    }
    if (p == end || *p >= 0x80 || kEscape[*p] == 0) continue;  // end, ASCII or the stretch
    const unsigned c = *p;
    const char e = kEscape[c];
    std::memcpy(dst, run, static_cast<std::size_t>(p - run));
    dst += p - run;
    dst[0] = '\\';
    dst[1] = e;
    if (e == 'u') {
      dst[2] = '0';
      dst[3] = '0';
      dst[4] = kHex[c >> 4];
      dst[5] = kHex[c & 0xF];
      dst += 6;
    } else {
      dst += 2;
    }
    run = ++p;
  }
  std::memcpy(dst, run, static_cast<std::size_t>(p - run));
  return dst + (p - run);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out.resize(start + 6 * s.size() + 2);
  out[start] = '"';
  char* end = escape(out.data() + start + 1, s);
  if (end == nullptr) {
    const std::string repaired = well_formed_utf8(s);
    out.resize(start + 6 * repaired.size() + 2);
    end = escape(out.data() + start + 1, repaired);
  }
  *end++ = '"';
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void append_json_uint(std::string& out, std::uint64_t n) {
  char buffer[20];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, n);
  out.append(buffer, static_cast<std::size_t>(result.ptr - buffer));
}

void JsonWriter::grow(std::size_t n) {
  capacity_ = std::max(2 * capacity_, size_ + n + (std::size_t{16} << 10));
  std::unique_ptr<char[]> bigger(new char[capacity_]);
  if (size_ > 0) std::memcpy(bigger.get(), buffer_.get(), size_);
  buffer_ = std::move(bigger);
}

void JsonWriter::put_string(std::string_view s) {
  char* p = room(6 * s.size() + 2);
  *p = '"';
  char* end = escape(p + 1, s);
  if (end == nullptr) {
    const std::string repaired = well_formed_utf8(s);
    p = room(6 * repaired.size() + 2);
    *p = '"';
    end = escape(p + 1, repaired);
  }
  *end++ = '"';
  size_ = static_cast<std::size_t>(end - buffer_.get());
}

void JsonWriter::uint(std::uint64_t n) {
  prefix();
  char* p = room(20);
  size_ = static_cast<std::size_t>(std::to_chars(p, p + 20, n).ptr - buffer_.get());
}

void JsonWriter::line(bool comma, std::size_t levels) {
  static_assert(kLine.size() == 66);
  const std::size_t spaces = 2 * levels;
  const std::size_t n = spaces + (comma ? 2 : 1);
  if (n <= kLine.size() - 1) {
    std::memcpy(room(kLine.size() - 1), kLine.data() + (comma ? 0 : 1), kLine.size() - 1);
    size_ += n;
    return;
  }
  put(kLine.data() + (comma ? 0 : 1), comma ? 2 : 1);
  std::memset(room(spaces), ' ', spaces);
  size_ += spaces;
}

}  // namespace relgraph::write_detail
