// The XML reader (see xml_reader.h): a hand-written, iterative recursive-descent parser. The
// element stack is an explicit vector, so deep input cannot overflow the call stack; nesting is
// limited to kMaxDepth anyway so that destroying the tree stays shallow too.
#include "load/xml_reader.h"
#include "unicode/ascii.h"
#include "unicode/utf8.h"

#include <algorithm>
#include <cstdint>

namespace relgraph::xml {

std::string_view Element::local_name() const {
  const std::string_view n = name;
  const std::size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const std::string* Element::attribute(std::string_view local) const {
  for (const XmlAttribute& a : attributes) {
    std::string_view n = a.name;
    const std::size_t colon = n.find(':');
    if (colon != std::string_view::npos) n = n.substr(colon + 1);
    if (n == local) return &a.value;
  }
  return nullptr;
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_name_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u == ':' || u >= 0x80;
}

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return is_name_start(c) || (u >= '0' && u <= '9') || u == '-' || u == '.';
}

bool valid_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Element parse_document() {
    if (s_.size() >= 2 &&
        ((s_[0] == '\xFE' && s_[1] == '\xFF') || (s_[0] == '\xFF' && s_[1] == '\xFE'))) {
      fail("UTF-16 is not supported; save the file as UTF-8", 0);
    }
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    bool first = true;
    // Prolog: declaration, comments, processing instructions, DOCTYPE.
    for (;;) {
      skip_space();
      if (pos_ >= s_.size()) fail("no root element", pos_);
      if (starts_with("<?")) {
        parse_pi(first);
      } else if (starts_with("<!--")) {
        parse_comment();
      } else if (starts_with("<!DOCTYPE")) {
        skip_doctype();
      } else if (s_[pos_] == '<') {
        break;
      } else {
        fail("text before the root element", pos_);
      }
      first = false;
    }
    Element root = parse_element_tree();
    // Misc after the root: only space, comments and processing instructions.
    for (;;) {
      skip_space();
      if (pos_ >= s_.size()) break;
      if (starts_with("<?")) {
        parse_pi(false);
      } else if (starts_with("<!--")) {
        parse_comment();
      } else {
        fail("content after the root element", pos_);
      }
    }
    return root;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  // Incremental line counting for positions that only move forward.
  std::size_t counted_ = 0, line_ = 1, line_start_ = 0;

  [[noreturn]] void fail(const std::string& message, std::size_t offset) {
    offset = std::min(offset, s_.size());
    std::size_t line = 1, start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
      if (s_[i] == '\n') {
        ++line;
        start = i + 1;
      }
    }
    throw XmlError(message, offset, line, offset - start + 1);
  }

  void locate(std::size_t offset, std::size_t& line, std::size_t& column) {
    for (; counted_ < offset; ++counted_) {
      if (s_[counted_] == '\n') {
        ++line_;
        line_start_ = counted_ + 1;
      }
    }
    line = line_;
    column = offset - line_start_ + 1;
  }

  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  void skip_space() {
    while (pos_ < s_.size() && is_space(s_[pos_])) ++pos_;
  }

  void expect(char c, const char* what) {
    if (pos_ >= s_.size() || s_[pos_] != c) {
      fail(std::string("expected ") + what, pos_);
    }
    ++pos_;
  }

  std::string_view parse_name() {
    const std::size_t start = pos_;
    if (pos_ >= s_.size() || !is_name_start(s_[pos_])) fail("expected a name", pos_);
    while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    return s_.substr(start, pos_ - start);
  }

  void parse_comment() {
    const std::size_t start = pos_;
    pos_ += 4;
    const std::size_t end = s_.find("--", pos_);
    if (end == std::string_view::npos) fail("unterminated comment", start);
    if (end + 2 >= s_.size() || s_[end + 2] != '>') fail("'--' inside a comment", end);
    pos_ = end + 3;
  }

  // A processing instruction; for the XML declaration (`first`), the encoding is checked.
  void parse_pi(bool first) {
    const std::size_t start = pos_;
    const std::size_t end = s_.find("?>", pos_ + 2);
    if (end == std::string_view::npos) fail("unterminated processing instruction", start);
    const std::string_view body = s_.substr(pos_ + 2, end - pos_ - 2);
    const bool is_decl = body.size() >= 3 && ascii_lower(body.substr(0, 3)) == "xml" &&
                         (body.size() == 3 || is_space(body[3]));
    if (is_decl && !first) fail("XML declaration not at the start of the document", start);
    if (is_decl) {
      const std::size_t enc = body.find("encoding");
      if (enc != std::string_view::npos) {
        std::size_t q = body.find_first_of("\"'", enc);
        if (q != std::string_view::npos) {
          const std::size_t q2 = body.find(body[q], q + 1);
          if (q2 != std::string_view::npos) {
            const std::string name = ascii_lower(body.substr(q + 1, q2 - q - 1));
            if (name != "utf-8" && name != "utf8" && name != "us-ascii" && name != "ascii") {
              fail("encoding '" + std::string(body.substr(q + 1, q2 - q - 1)) +
                       "' is not supported (only UTF-8)",
                   start);
            }
          }
        }
      }
    }
    pos_ = end + 2;
  }

  // <!DOCTYPE ...>, with an optional internal subset in brackets; quoted strings and comments
  // inside are skipped so that a '>' or ']' in them does not end it.
  void skip_doctype() {
    const std::size_t start = pos_;
    pos_ += 9;
    int brackets = 0;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '"' || c == '\'') {
        const std::size_t end = s_.find(c, pos_ + 1);
        if (end == std::string_view::npos) break;
        pos_ = end + 1;
      } else if (starts_with("<!--")) {
        parse_comment();
      } else if (c == '[') {
        ++brackets;
        ++pos_;
      } else if (c == ']') {
        --brackets;
        ++pos_;
      } else if (c == '>' && brackets <= 0) {
        ++pos_;
        return;
      } else {
        ++pos_;
      }
    }
    fail("unterminated DOCTYPE", start);
  }

  // Decodes the reference starting at s_[pos_] == '&' and appends it to out.
  void parse_reference(std::string& out) {
    const std::size_t start = pos_;
    const std::size_t semi = s_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 12) {
      fail("'&' must start an entity such as &amp; (write '&amp;' for '&')", start);
    }
    const std::string_view name = s_.substr(pos_ + 1, semi - pos_ - 1);
    pos_ = semi + 1;
    if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (!name.empty() && name[0] == '#') {
      const bool hex = name.size() > 1 && name[1] == 'x';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      if (digits.empty()) fail("empty character reference", start);
      std::uint32_t cp = 0;
      for (char c : digits) {
        unsigned d = 0;
        if (c >= '0' && c <= '9') {
          d = static_cast<unsigned>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          d = static_cast<unsigned>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
          d = static_cast<unsigned>(c - 'A' + 10);
        } else {
          fail("bad character reference '&" + std::string(name) + ";'", start);
        }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) fail("character reference out of range", start);
      }
      if (!valid_xml_char(cp)) {
        fail("character reference '&" + std::string(name) + ";' is not a legal XML character",
             start);
      }
      append_utf8(out, static_cast<char32_t>(cp));
    } else {
      fail("unknown entity '&" + std::string(name) + ";'", start);
    }
  }

  // Character data up to the next '<' (or the end), appended to out with line ends normalised.
  void parse_text(std::string& out) {
    while (pos_ < s_.size() && s_[pos_] != '<') {
      // A run of ordinary characters in one piece.
      const std::size_t special = s_.find_first_of("<&\r", pos_);
      const std::size_t end = special == std::string_view::npos ? s_.size() : special;
      if (end > pos_) {
        out.append(s_.substr(pos_, end - pos_));
        pos_ = end;
        continue;
      }
      const char c = s_[pos_];
      if (c == '&') {
        parse_reference(out);
      } else if (c == '\r') {
        out += '\n';
        ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
      } else {
        out += c;
        ++pos_;
      }
    }
  }

  std::string parse_attribute_value() {
    if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
      fail("expected a quoted attribute value", pos_);
    }
    const char quote = s_[pos_];
    const std::size_t start = pos_++;
    std::string value;
    const char specials[] = {quote, '<', '&', '\r', '\n', '\t', '\0'};
    for (;;) {
      const std::size_t special = s_.find_first_of(specials, pos_);
      if (special == std::string_view::npos) fail("unterminated attribute value", start);
      value.append(s_.substr(pos_, special - pos_));
      pos_ = special;
      const char c = s_[pos_];
      if (c == quote) {
        ++pos_;
        return value;
      }
      if (c == '<') fail("'<' in an attribute value", pos_);
      if (c == '&') {
        parse_reference(value);
      } else if (c == '\r') {
        value += ' ';
        ++pos_;
        if (pos_ < s_.size() && s_[pos_] == '\n') ++pos_;
      } else {
        value += (c == '\n' || c == '\t') ? ' ' : c;
        ++pos_;
      }
    }
  }

  // Parses a start tag at s_[pos_] == '<' into `e`; returns true when it was self-closing.
  bool parse_start_tag(Element& e) {
    e.offset = pos_;
    locate(pos_, e.line, e.column);
    ++pos_;
    e.name = std::string(parse_name());
    for (;;) {
      const std::size_t before = pos_;
      skip_space();
      if (pos_ >= s_.size()) fail("unterminated start tag <" + e.name + ">", e.offset);
      if (s_[pos_] == '>') {
        ++pos_;
        return false;
      }
      if (starts_with("/>")) {
        pos_ += 2;
        return true;
      }
      if (before == pos_) fail("expected a space, '>' or '/>' in <" + e.name + ">", pos_);
      const std::size_t name_at = pos_;
      std::string name(parse_name());
      skip_space();
      expect('=', "'=' after an attribute name");
      skip_space();
      std::string value = parse_attribute_value();
      for (const XmlAttribute& a : e.attributes) {
        if (a.name == name) fail("duplicate attribute '" + name + "'", name_at);
      }
      e.attributes.push_back({std::move(name), std::move(value)});
    }
  }

  Element parse_element_tree() {
    std::vector<Element> stack;
    stack.emplace_back();
    if (parse_start_tag(stack.back())) return std::move(stack.back());
    while (!stack.empty()) {
      if (pos_ >= s_.size()) {
        fail("unexpected end of file: <" + stack.back().name + "> is not closed",
             stack.back().offset);
      }
      if (s_[pos_] != '<') {
        parse_text(stack.back().text);
      } else if (starts_with("<!--")) {
        parse_comment();
      } else if (starts_with("<![CDATA[")) {
        const std::size_t start = pos_;
        const std::size_t end = s_.find("]]>", pos_ + 9);
        if (end == std::string_view::npos) fail("unterminated CDATA section", start);
        for (std::size_t i = pos_ + 9; i < end; ++i) {
          if (s_[i] == '\r') {
            stack.back().text += '\n';
            if (i + 1 < end && s_[i + 1] == '\n') ++i;
          } else {
            stack.back().text += s_[i];
          }
        }
        pos_ = end + 3;
      } else if (starts_with("<?")) {
        parse_pi(false);
      } else if (starts_with("<!")) {
        fail("unexpected markup declaration", pos_);
      } else if (starts_with("</")) {
        const std::size_t start = pos_;
        pos_ += 2;
        const std::string_view name = parse_name();
        skip_space();
        expect('>', "'>' to close the end tag");
        if (name != stack.back().name) {
          fail("</" + std::string(name) + "> does not match <" + stack.back().name + "> (line " +
                   std::to_string(stack.back().line) + ")",
               start);
        }
        Element done = std::move(stack.back());
        stack.pop_back();
        if (stack.empty()) return done;
        stack.back().children.push_back(std::move(done));
      } else {
        if (stack.size() >= kMaxDepth) fail("elements nested too deeply", pos_);
        Element child;
        if (parse_start_tag(child)) {
          stack.back().children.push_back(std::move(child));
        } else {
          stack.push_back(std::move(child));
        }
      }
    }
    fail("internal: element stack empty", pos_);
  }
};

}  // namespace

Element parse(std::string_view text) { return Parser(text).parse_document(); }

}  // namespace relgraph::xml
