// A small, strict XML reader for the subset GraphML needs, building an element tree.
//
// Reads UTF-8 (or ASCII) XML 1.0: the XML declaration, processing instructions, comments and a
// DOCTYPE (skipped, its internal subset is not interpreted), elements with attributes, character
// data, CDATA sections, the five predefined entities (&lt; &gt; &amp; &quot; &apos;) and
// character references (&#N; &#xN;). Line ends are normalised to LF and attribute values are
// whitespace-normalised as XML 1.0 requires. Malformed input (mismatched or unclosed tags,
// unknown entities, duplicate attributes, a second root, non-UTF-8 encodings, nesting deeper
// than kMaxDepth) throws XmlError with the byte offset, line and column; it never crashes.
//
// It does not: validate against a schema or DTD, expand entities a DTD declares, resolve
// namespaces (names are kept as written, local_name() strips the prefix), or check that every
// byte is valid UTF-8 (text is passed through). No I/O.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace relgraph::xml {

inline constexpr std::size_t kMaxDepth = 256;

struct XmlError : std::runtime_error {
  XmlError(const std::string& message, std::size_t offset, std::size_t line, std::size_t column)
      : std::runtime_error(message), offset(offset), line(line), column(column) {}
  std::size_t offset;  // byte offset of the problem in the input
  std::size_t line;    // 1-based
  std::size_t column;  // 1-based, in bytes
};

struct XmlAttribute {
  std::string name;   // as written, with its prefix if any
  std::string value;  // entities and character references decoded
};

struct Element {
  std::string name;  // as written, with its prefix if any
  std::vector<XmlAttribute> attributes;
  std::vector<Element> children;
  std::string text;        // the character data directly inside (CDATA included), concatenated
  std::size_t offset = 0;  // byte offset of the '<' of the start tag
  std::size_t line = 0;    // 1-based line of the start tag
  std::size_t column = 0;  // 1-based column (bytes) of the start tag

  // The name without a namespace prefix ("y:ShapeNode" -> "ShapeNode").
  std::string_view local_name() const;
  // The value of the attribute with this local name, or nullptr.
  const std::string* attribute(std::string_view local) const;
};

// Parses a whole document and returns its root element.
Element parse(std::string_view text);

}  // namespace relgraph::xml
