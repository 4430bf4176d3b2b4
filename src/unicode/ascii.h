// ASCII case folding: the one copy of the lowercase mapping that file extensions, tag and
// attribute names and format names use. Bytes outside 'A'..'Z' (UTF-8 included) stay as they
// are. No allocation except the returned string.
#pragma once

#include <string>
#include <string_view>

namespace relgraph {

inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace relgraph
