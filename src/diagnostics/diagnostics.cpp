// Diagnostics: collecting diagnostics and rendering them compiler-style.
//
// format() prints "file:line:column: severity: message", then the source line and a caret
// whose indentation is the display width of the text before the column, so the caret stays
// under the right character in lines with Hangul, Han or kana. Tabs, control characters and
// invalid UTF-8 are shown as one-column characters (a space, U+FFFD) so alignment holds.
#include "diagnostics/diagnostics.h"

#include "unicode/utf8.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <utility>

namespace relgraph {

namespace {

constexpr char32_t kInvalid = kInvalidCodePoint;

std::size_t decode(std::string_view text, std::size_t pos, char32_t& cp) {
  return decode_utf8(text, pos, cp);
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::size_t code_point_width(char32_t cp) {
  if (cp == kInvalid || is_control(cp)) return 1;
  if (cp < 0x300) return 1;  // ASCII and Latin-1 (including the soft hyphen) are narrow
  // Conjoining Hangul medial vowels and final consonants join the preceding initial.
  if ((cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0xD7B0 && cp <= 0xD7FF)) return 0;
  const auto c = static_cast<UChar32>(cp);
  const int category = u_charType(c);
  if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK) return 0;
  if (category == U_FORMAT_CHAR) return 0;  // zero-width space, joiners, direction marks
  const int east_asian = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH) return 2;
  return 1;
}

// The line as shown under a diagnostic: tabs become one space, control characters and
// invalid bytes become U+FFFD, so every code point keeps the width display_width() gives it.
std::string displayable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (std::size_t pos = 0; pos < line.size();) {
    char32_t cp = 0;
    const std::size_t length = decode(line, pos, cp);
    if (cp == '\t') {
      out += ' ';
    } else if (cp == kInvalid || is_control(cp)) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(line.substr(pos, length));
    }
    pos += length;
  }
  return out;
}

// The bytes of `line` before the 1-based code-point `column` (all of it if the line is
// shorter).
std::string_view prefix_before_column(std::string_view line, int column) {
  std::size_t pos = 0;
  for (int i = 1; i < column && pos < line.size(); ++i) {
    char32_t cp = 0;
    pos += decode(line, pos, cp);
  }
  return line.substr(0, pos);
}

const char* severity_word(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

}  // namespace

void Diagnostics::add(Severity severity, SourceLocation where, std::string message,
                      std::string source_line) {
  items_.push_back(
      Diagnostic{severity, std::move(where), std::move(message), std::move(source_line)});
}

void Diagnostics::append(const Diagnostics& other) {
  if (&other == this) {
    const std::vector<Diagnostic> copy = items_;
    items_.insert(items_.end(), copy.begin(), copy.end());
    return;
  }
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

std::size_t Diagnostics::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
  return static_cast<std::size_t>(
      std::count_if(items_.begin(), items_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::warning; }));
}

std::string format(const Diagnostic& d) {
  std::string out = d.where.file;
  if (d.where.line > 0) {
    out += ':' + std::to_string(d.where.line);
    if (d.where.column > 0) out += ':' + std::to_string(d.where.column);
  }
  if (!out.empty()) out += ": ";
  out += severity_word(d.severity);
  out += ": ";
  out += d.message;
  out += '\n';
  if (d.where.line > 0 && !d.source_line.empty()) {
    out += "  ";
    out += displayable(d.source_line);
    out += '\n';
    if (d.where.column > 0) {
      out += "  ";
      out.append(display_width(prefix_before_column(d.source_line, d.where.column)), ' ');
      out += "^\n";
    }
  }
  return out;
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = 0;
    pos += decode(utf8, pos, cp);
    width += code_point_width(cp);
  }
  return width;
}

}  // namespace relgraph
