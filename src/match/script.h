// Character classes the matcher and the relate stage need (by code point).
#pragma once

namespace relgraph {

enum class Script { other, space, hangul, latin, digit, han, kana, punct };

Script script_of(char32_t cp);

inline bool is_hangul_syllable(char32_t cp) { return cp >= 0xAC00 && cp <= 0xD7A3; }
inline bool is_letter_script(Script s) { return s != Script::space && s != Script::punct; }

}  // namespace relgraph
