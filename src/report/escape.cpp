// Escaping text for the HTML and Markdown reports (see report.h).
#include <string>

#include "report/report.h"
#include "unicode/utf8.h"

namespace relgraph::report {

namespace {

// Control characters HTML does not allow as text (tab, newline kept; CR dropped too).
bool is_dropped_control(char32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFE ||
         cp == 0xFFFF;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0, len = 0; i < text.size(); i += len) {
    const char32_t cp = next_code_point(text, i, len);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (!is_dropped_control(cp)) append_utf8(out, cp);
    }
  }
  return out;
}

std::string markdown_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0, len = 0; i < text.size(); i += len) {
    const char32_t cp = next_code_point(text, i, len);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\n':
      case '\t':
        out += ' ';
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '#':
      case '!':
      case '~':
        out += '\\';
        out += static_cast<char>(cp);
        break;
      default:
        if (!is_dropped_control(cp)) append_utf8(out, cp);
    }
  }
  return out;
}

}  // namespace relgraph::report
