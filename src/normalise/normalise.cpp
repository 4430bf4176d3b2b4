// ICU NFKC normalisation with typographic folds and an offset map (see normalise.h).
#include "normalise/normalise.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

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
    out_.text.append(bytes);
    out_.origin.insert(out_.origin.end(), bytes.size(), origin);
  }

  // A run found by simple_run_end, copied through: an ASCII byte maps to its own offset, each
  // byte of a syllable to the syllable's first byte.
  void emit_simple_run(std::string_view bytes, std::uint32_t first) {
    out_.text.append(bytes);
    const std::size_t at = out_.origin.size();
    out_.origin.resize(at + bytes.size());
    std::uint32_t* o = out_.origin.data() + at;
    for (std::size_t k = 0; k < bytes.size();) {
      const std::uint32_t offset = first + static_cast<std::uint32_t>(k);
      if (static_cast<unsigned char>(bytes[k]) < 0x80) {
        o[k++] = offset;
      } else {
        o[k] = o[k + 1] = o[k + 2] = offset;
        k += 3;
      }
    }
  }

  void emit_cp(char32_t cp, std::uint32_t origin) {
    if (const char* f = fold(cp)) {
      emit(f, origin);
      return;
    }
    const std::size_t before = out_.text.size();
    append_utf8(out_.text, cp);
    out_.origin.insert(out_.origin.end(), out_.text.size() - before, origin);
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
  NormalisedText& out_;
  const icu::Normalizer2* nfkc_ = nullptr;
  icu::UnicodeString segment_;
  std::uint32_t segment_origin_ = 0;
};

// True when the text at `i` starts with something that never composes with what precedes it:
// the end, an ASCII byte or a Hangul syllable.
bool followed_by_boundary(std::string_view s, std::size_t i) {
  if (i >= s.size()) return true;
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return true;
  if (c < 0xEA || c > 0xED || i + 2 >= s.size()) return false;
  // U+AC00..U+D7A3 is EA B0 80 .. ED 9E A3.
  const char32_t cp = (char32_t{c} & 0x0F) << 12 |
                      (char32_t{static_cast<unsigned char>(s[i + 1])} & 0x3F) << 6 |
                      (char32_t{static_cast<unsigned char>(s[i + 2])} & 0x3F);
  const bool continuation = (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80 &&
                            (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80;
  return continuation && cp >= 0xAC00 && cp <= 0xD7A3;
}

// Printable ASCII other than the backquote, and the line feed: what normalise() keeps as it is
// (unless a combining mark follows).
bool is_plain_ascii(unsigned char c) { return (c >= 0x20 && c <= 0x7E && c != 0x60) || c == '\n'; }

// The length (3) of the precomposed Hangul syllable at s[i], else 0.
std::size_t hangul_syllable_at(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0xEA || c > 0xED || i + 2 >= s.size()) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  const auto c2 = static_cast<unsigned char>(s[i + 2]);
  if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
  // U+AC00..U+D7A3 is EA B0 80 .. ED 9E A3.
  const char32_t cp =
      (char32_t{c} & 0x0F) << 12 | (char32_t{c1} & 0x3F) << 6 | (char32_t{c2} & 0x3F);
  return cp >= 0xAC00 && cp <= 0xD7A3 ? 3 : 0;
}

// The end of the run from s[i] of text that normalise() copies through unchanged: plain ASCII
// not followed by a non-ASCII character (which might be a combining mark), and Hangul syllables
// followed by something that cannot compose with them (followed_by_boundary). Most of a Korean
// news text is such runs.
// Each character is decoded once: a syllable found as what follows the character before it is
// not looked at again.
std::size_t simple_run_end(std::string_view s, std::size_t i) {
  std::size_t known = std::string_view::npos;  // where a syllable is already known to start
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (!is_plain_ascii(c)) break;
      if (i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80) {
        if (hangul_syllable_at(s, i + 1) == 0) break;  // a combining mark may follow
        known = i + 1;
      }
      ++i;
      continue;
    }
    if (known != i && hangul_syllable_at(s, i) == 0) break;
    // What follows must not compose with it: the end, ASCII or another syllable
    // (followed_by_boundary).
    const std::size_t next = i + 3;
    if (next < s.size() && static_cast<unsigned char>(s[next]) >= 0x80) {
      if (hangul_syllable_at(s, next) == 0) break;
      known = next;
    }
    i = next;
  }
  return i;
}

NormalisedText normalise_text(std::string_view original, bool copy_simple_runs) {
  NormalisedText out;
  out.text.reserve(original.size());
  out.origin.reserve(original.size() + 1);
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
  out.origin.push_back(static_cast<std::uint32_t>(original.size()));
  return out;
}

}  // namespace

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
    // U+AC00..U+D7A3 is EA B0 80 .. ED 9E A3.
    if (c < 0xEA || c > 0xED || i + 3 > s.size()) return false;
    const unsigned char c1 = bytes[i + 1];
    const unsigned char c2 = bytes[i + 2];
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return false;
    const char32_t cp =
        (char32_t{c} & 0x0F) << 12 | (char32_t{c1} & 0x3F) << 6 | (char32_t{c2} & 0x3F);
    if (cp < 0xAC00 || cp > 0xD7A3) return false;
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
