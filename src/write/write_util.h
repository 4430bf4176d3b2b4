// Internal helpers shared by the graph writers (not part of the public API of src/write).
//
// Text: UTF-8 decoding with repair (invalid bytes become U+FFFD), XML 1.0 escaping that drops
// the characters XML forbids, joining. Graph: entity attributes in key order, one column per
// attribute name with names made unique against a writer's fixed names, evidence lines and
// trigger lists as GraphML shows them. Presentation: the colour of an entity type and
// locale-independent number formatting. Everything here is pure: no I/O, no global state.
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"
#include "unicode/utf8.h"

namespace relgraph::write_detail {

using relgraph::append_utf8;

inline constexpr char32_t kReplacement = 0xFFFD;
inline constexpr char32_t kSurrogate = 0xD800;  // stands for any UTF-8-encoded surrogate

// Decodes one code point at s[i], advancing i. Ill-formed input yields kReplacement for each
// maximal ill-formed subpart (as ICU and WHATWG do); an encoded surrogate (ED A0..BF 80..BF)
// yields kSurrogate.
char32_t decode_utf8(std::string_view s, std::size_t& i);

// Valid UTF-8 for output: each maximal ill-formed subpart and each encoded surrogate becomes
// one U+FFFD (unlike relgraph::valid_utf8, which repairs byte by byte, as the extractor does).
// Control characters stay (JSON writers escape them).
std::string well_formed_utf8(std::string_view s);
// The same without a copy for text that needs no repair (nearly all): `s` itself when it is
// valid, else the repaired text, kept in `scratch`.
std::string_view well_formed_utf8(std::string_view s, std::string& scratch);

// Escaped XML 1.0 character data. `&<>"'` become entity references; carriage return is always
// written as &#13; and, in attribute values, newline and tab as &#10; and &#9; (so attribute
// value normalisation keeps them). Characters XML 1.0 forbids are dropped: C0 controls other
// than tab, newline and carriage return, U+FFFE, U+FFFF and encoded surrogates. With `quotes`
// false, `"` and `'` stay as they are (element content, where they need no escaping).
std::string xml_escape(std::string_view s, bool attribute = false, bool quotes = true);
// The same appended to `out`.
void append_xml_escaped(std::string& out, std::string_view s, bool attribute = false,
                        bool quotes = true);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// ASCII letters, digits, '-', '.' and '_' kept, every other byte written as "xHH": usable in
// XML NMTOKENs and as an identifier almost anywhere.
std::string key_id_part(std::string_view name);

// Attributes sorted by key, first value per key (GraphBuilder already gives them so; the
// writers do not rely on it).
std::vector<const Attribute*> sorted_attributes(const std::vector<Attribute>& attributes);

// One output column for an entity attribute name.
struct AttributeColumn {
  std::string name;   // the attribute key in the rules
  std::string title;  // the name shown: `name`, or "attr_NAME" ("attr_NAME_2", ...) if taken
  std::string id;     // id_prefix + key_id_part(name), "_2", "_3"... appended if taken
};

// One column per attribute name found on any node, sorted by name. A title already in
// `reserved_titles` (or given to an earlier column) becomes "attr_NAME", then "attr_NAME_2"...;
// an id in `reserved_ids` (or given earlier) gets "_2", "_3"... appended. `clean_title`, when
// given, rewrites names before titles are chosen (for formats that restrict column names).
std::vector<AttributeColumn> attribute_columns(
    const GraphView& g, std::set<std::string> reserved_titles, std::set<std::string> reserved_ids,
    std::string_view id_prefix, std::string (*clean_title)(std::string_view) = nullptr);

// "document#sentence: text", one per evidence entry, in evidence order.
std::vector<std::string> evidence_lines(const EdgeProperties& e);
// The distinct non-empty trigger words of an edge, sorted.
std::vector<std::string> distinct_triggers(const EdgeProperties& e);

// An output stream for RapidJSON writers (Put, Flush) that passes its bytes on to an
// std::ostream 64 KiB at a time, so a large graph is never one string in memory. Flush() at the
// end (RapidJSON's writers also call it when the outermost value is complete).
class JsonOutput {
 public:
  using Ch = char;
  explicit JsonOutput(std::ostream& out) : out_(out) {}
  JsonOutput(const JsonOutput&) = delete;
  JsonOutput& operator=(const JsonOutput&) = delete;
  void Put(char c) {
    if (used_ == sizeof buffer_) Flush();
    buffer_[used_++] = c;
  }
  void Flush() {
    out_.write(buffer_, static_cast<std::streamsize>(used_));
    used_ = 0;
  }

 private:
  std::ostream& out_;
  std::size_t used_ = 0;
  char buffer_[1 << 16];
};

// Writes the text of items (nodes or edges) 0..count-1 to `out` in order, formatted on `threads`
// threads: format(first, last, text) appends the text of items [first, last) to `text`, on any
// thread, and must only read the graph in the thread-safe ways GraphView allows (edge() and
// node_documents() with a scratch, node(v, false)). The bytes do not depend on `threads`.
void write_in_ranges(
    std::size_t count, unsigned threads, std::ostream& out,
    const std::function<void(std::size_t first, std::size_t last, std::string& text)>& format);

// The display colour of an entity type, "#rrggbb": person #1f77b4, company #ff7f0e, country
// #2ca02c, unknown (and empty) #7f7f7f, any other type one of #d62728, #9467bd, #8c564b,
// #e377c2, #bcbd22, #17becf chosen by a fixed hash (FNV-1a) of the type name.
std::string type_colour(std::string_view type);

// `value` with exactly `decimals` digits after the point, independent of the locale.
std::string format_fixed(double value, int decimals);

// Node size for drawings: 10 + 5 * log2(1 + mentions).
double node_size(std::size_t mentions);

}  // namespace relgraph::write_detail
