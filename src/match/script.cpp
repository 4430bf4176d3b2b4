// Character classes (see script.h).
#include "match/script.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace relgraph {

Script script_of(char32_t cp) {
  if (cp == ' ' || cp == '\t' || cp == '\n') return Script::space;
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return Script::latin;
    if (cp >= '0' && cp <= '9') return Script::digit;
    return Script::punct;
  }
  if (is_hangul_syllable(cp) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F))
    return Script::hangul;
  if ((cp >= 0x3040 && cp <= 0x30FF && cp != 0x30FB) || (cp >= 0x31F0 && cp <= 0x31FF))
    return Script::kana;
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF))
    return Script::han;
  const auto c = static_cast<UChar32>(cp);
  if (u_isUWhiteSpace(c)) return Script::space;
  if (u_isalpha(c)) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    if (sc == USCRIPT_LATIN) return Script::latin;
    if (sc == USCRIPT_HAN) return Script::han;
    return Script::other;
  }
  if (u_isdigit(c)) return Script::digit;
  return Script::punct;
}

}  // namespace relgraph
