// ICU NFKC normalisation with typographic folds and an offset map (see normalise.h).
#include "normalise/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <stdexcept>

namespace relgraph {

namespace {

// The typographic folds. Returns nullptr when the code point is not folded.
const char* fold(char32_t cp) {
  switch (cp) {
    case 0x09:
    case 0x0B:
    case 0x0C:
    case 0x7F:
    case 0xA0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return " ";
    case 0x85:
    case 0x2028:
    case 0x2029:
      return "\n";
    case 0xAD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return "";
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0xAB:
    case 0xBB:
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F:
    case 0xFF02:
    case 0x301D:
    case 0x301E:
      return "\"";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x60:
    case 0xB4:
    case 0xFF07:
    case 0x2039:
    case 0x203A:
      return "'";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
    case 0xFE58:
    case 0xFE63:
    case 0xFF0D:
      return "-";
    case 0x2027:
    case 0x30FB:
    case 0xFF65:
    case 0x2219:
    case 0x22C5:
    case 0x318D:
    case 0x387:
    case 0xB7:
      return "\xC2\xB7";
    case 0x2026:
    case 0x22EF:
      return "...";
    default:
      break;
  }
  if (cp < 0x20 && cp != '\n' && cp != '\r') return " ";
  if (cp >= 0x2000 && cp <= 0x200A) return " ";
  return nullptr;
}

class Normaliser {
 public:
  explicit Normaliser(NormalisedText& out) : out_(out) {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC normaliser unavailable");
  }

  void emit(std::string_view bytes, std::uint32_t origin) {
    if (bytes.empty()) return;
    start_mapped_piece();
    out_.text.append(bytes);
    out_.mapped.insert(out_.mapped.end(), bytes.size(), origin);
  }

  // A run found by simple_run_end, copied through as one piece of the map: to_original() gives
  // an ASCII byte its own offset and each byte of a syllable the syllable's first byte.
  void emit_simple_run(std::string_view bytes, std::uint32_t first) {
    out_.pieces.push_back({static_cast<std::uint32_t>(out_.text.size()), first, true});
    out_.text.append(bytes);
  }

  void emit_cp(char32_t cp, std::uint32_t origin) {
    if (const char* f = fold(cp)) {
      emit(f, origin);
      return;
    }
    start_mapped_piece();
    const std::size_t before = out_.text.size();
    append_utf8(out_.text, cp);
    out_.mapped.insert(out_.mapped.end(), out_.text.size() - before, origin);
  }

  void add_to_segment(char32_t cp, std::uint32_t origin) {
    if (segment_.isEmpty()) segment_origin_ = origin;
    segment_.append(static_cast<UChar32>(cp));
  }

  void flush() {
    if (segment_.isEmpty()) return;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString norm = nfkc_->normalize(segment_, status);
    const icu::UnicodeString& use = U_SUCCESS(status) ? norm : segment_;
    for (int32_t k = 0; k < use.length();) {
      const UChar32 c = use.char32At(k);
      emit_cp(static_cast<char32_t>(c), segment_origin_);
      k += U16_LENGTH(c);
    }
    segment_.remove();
  }

  const icu::Normalizer2& nfkc() const { return *nfkc_; }

 private:
  // The bytes appended next get an offset each in `mapped`: a new piece unless the last one
  // is such a piece already.
  void start_mapped_piece() {
    if (!out_.pieces.empty() && !out_.pieces.back().copied) return;
    out_.pieces.push_back({static_cast<std::uint32_t>(out_.text.size()),
                           static_cast<std::uint32_t>(out_.mapped.size()), false});
  }

  NormalisedText& out_;
  const icu::Normalizer2* nfkc_ = nullptr;
  icu::UnicodeString segment_;
  std::uint32_t segment_origin_ = 0;
};

// Printable ASCII other than the backquote, and the line feed: what normalise() keeps as it is
// (unless a combining mark follows).
bool is_plain_ascii(unsigned char c) { return (c >= 0x20 && c <= 0x7E && c != 0x60) || c == '\n'; }

// True when the three bytes at b are a precomposed Hangul syllable, U+AC00..U+D7A3 (EA B0 80 ..
// ED 9E A3): within that range, two continuation bytes make a valid sequence.
bool is_hangul_syllable(const unsigned char* b) {
  const std::uint32_t v = std::uint32_t{b[0]} << 16 | std::uint32_t{b[1]} << 8 | b[2];
  return v >= 0xEAB080 && v <= 0xED9EA3 && (v & 0xC0C0) == 0x8080;
}

// True when the text at `i` starts with something that never composes with what precedes it:
// the end, an ASCII byte or a Hangul syllable.
bool followed_by_boundary(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  if (static_cast<unsigned char>(s[i]) < 0x80) return true;
  return i + 3 <= s.size() &&
         is_hangul_syllable(reinterpret_cast<const unsigned char*>(s.data()) + i);
}

// The end of the run from s[i] of text that normalise() copies through unchanged: plain ASCII
// and Hangul syllables, not counting the last of them when a character follows that might
// combine with it (any other non-ASCII character: followed_by_boundary). Most of a Korean news
// text is such runs. Each character is looked at once.
std::size_t simple_run_end(std::string_view s, std::size_t i) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size(), begin = i;
  while (i < n) {
    const unsigned char c = b[i];
    if (c < 0x80) {
      if (!is_plain_ascii(c)) return i;
      ++i;
      continue;
    }
    if (i + 3 <= n && is_hangul_syllable(b + i)) {
      i += 3;
      continue;
    }
    // The character before this one (ASCII, or a syllable of three bytes) may combine with it.
    if (i == begin) return i;
    return b[i - 1] < 0x80 ? i - 1 : i - 3;
  }
  return n;
}

NormalisedText normalise_text(std::string_view original, bool copy_simple_runs) {
  NormalisedText out;
  out.text.reserve(original.size());
  Normaliser n(out);
  out.original_is_valid_utf8 = true;  // until a byte does not decode
  std::size_t i = 0;
  while (i < original.size()) {
    const auto origin = static_cast<std::uint32_t>(i);
    const auto c = static_cast<unsigned char>(original[i]);
    if (const std::size_t end = copy_simple_runs ? simple_run_end(original, i) : i; end > i) {
      // Plain ASCII and Hangul syllables that nothing folds or composes, copied through.
      n.flush();
      n.emit_simple_run(original.substr(i, end - i), origin);
      i = end;
      continue;
    }
    if (c < 0x80) {
      n.flush();
      if (c == '\r') {
        // CR LF and a lone CR become one LF at the CR's offset.
        n.emit("\n", origin);
        i += (i + 1 < original.size() && original[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      if (const char* f = fold(c)) {
        n.emit(f, origin);
      } else if (i + 1 < original.size() && static_cast<unsigned char>(original[i + 1]) >= 0x80) {
        n.add_to_segment(c, origin);  // a combining mark may follow: "Cafe\u0301" -> "Café"
      } else {
        n.emit(std::string_view(&original[i], 1), origin);
      }
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t len = decode_utf8(original, i, cp);
    if (cp == kInvalidCodePoint) {
      out.original_is_valid_utf8 = false;
      cp = kReplacementCharacter;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3 && followed_by_boundary(original, i + len)) {
      // A precomposed Hangul syllable is its own NFKC form; it could only compose with a
      // trailing jamo, and none follows: copy it through (the common case, and fast).
      n.flush();
      n.emit(original.substr(i, len), origin);
      i += len;
      continue;
    }
    if (fold(cp) != nullptr) {
      n.flush();
      n.emit_cp(cp, origin);
    } else {
      if (n.nfkc().hasBoundaryBefore(static_cast<UChar32>(cp))) n.flush();
      n.add_to_segment(cp, origin);
    }
    i += len;
  }
  n.flush();
  out.original_size = static_cast<std::uint32_t>(original.size());
  return out;
}

}  // namespace

std::size_t NormalisedText::to_original(std::size_t i) const {
  if (i >= text.size()) return original_size;
  // The last piece starting at or before i (the first piece starts at 0).
  const auto after = std::upper_bound(
      pieces.begin(), pieces.end(), i,
      [](std::size_t at, const OriginPiece& piece) { return at < piece.text_begin; });
  const OriginPiece& piece = *(after - 1);
  if (!piece.copied) return mapped[piece.origin + (i - piece.text_begin)];
  // Copied bytes are the original's: a continuation byte maps to its character's first byte.
  std::size_t first = i;
  while (first > piece.text_begin && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80)
    --first;
  return piece.origin + (first - piece.text_begin);
}

NormalisedText normalise(std::string_view original) { return normalise_text(original, true); }

NormalisedText normalise_detail::normalise_general(std::string_view original) {
  return normalise_text(original, false);
}

namespace {

// True when normalise() leaves `s` as it is: printable ASCII other than the backquote (which
// becomes ') and precomposed Hangul syllables, which NFKC keeps and nothing folds. Most names
// in rule files are such text; they skip ICU and the offset map.
bool is_own_normal_form(std::string_view s) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      if (c < 0x20 || c > 0x7E || c == 0x60) return false;
      ++i;
      continue;
    }
    if (i + 3 > s.size() || !is_hangul_syllable(bytes + i)) return false;
    i += 3;
  }
  return true;
}

}  // namespace

std::string normalise_string(std::string_view s) {
  if (is_own_normal_form(s)) return std::string(s);
  return normalise(s).text;
}

}  // namespace relgraph
