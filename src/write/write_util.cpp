// Helpers shared by the graph writers (see write_util.h).
#include "write/write_util.h"

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>

#include "parallel/ordered_parallel.h"
#include "write/text_scan.h"

namespace relgraph::write_detail {

char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) -> unsigned { return static_cast<unsigned char>(s[k]); };
  const unsigned b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t need = 0;
  unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) {
      if (i + 2 < s.size() && byte(i + 1) >= 0xA0 && byte(i + 1) <= 0xBF && byte(i + 2) >= 0x80 &&
          byte(i + 2) <= 0xBF) {
        i += 3;
        return kSurrogate;
      }
      hi = 0x9F;
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++i;
    return kReplacement;
  }
  std::size_t k = i + 1;
  for (std::size_t n = 0; n < need; ++n, ++k) {
    const unsigned min = n == 0 ? lo : 0x80, max = n == 0 ? hi : 0xBF;
    if (k >= s.size() || byte(k) < min || byte(k) > max) {
      i = k;  // the lead byte and the valid continuation bytes form one ill-formed subpart
      return kReplacement;
    }
    cp = (cp << 6) | (byte(k) & 0x3F);
  }
  i = k;
  return cp;
}

std::string well_formed_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cp == kReplacement || cp == kSurrogate) {
      append_utf8(out, kReplacement);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string_view well_formed_utf8(std::string_view s, std::string& scratch) {
  if (is_valid_utf8(s)) return s;
  scratch = well_formed_utf8(s);
  return scratch;
}

namespace {

// What an ASCII byte is in XML character data, per (attribute, quotes): 0 copied as it is, 1
// dropped (a C0 control XML forbids), 2 written as a reference (xml_reference).
using XmlTable = std::array<std::uint8_t, 128>;

constexpr XmlTable xml_table(bool attribute, bool quotes) {
  XmlTable t{};
  for (int c = 0; c < 0x20; ++c) t[c] = 1;
  t['&'] = t['<'] = t['>'] = t['\r'] = 2;
  if (quotes) t['"'] = t['\''] = 2;
  if (attribute) {
    t['\n'] = t['\t'] = 2;
  } else {
    t['\n'] = t['\t'] = 0;
  }
  return t;
}

constexpr std::array<XmlTable, 4> kXmlTables = {xml_table(false, false), xml_table(false, true),
                                                xml_table(true, false), xml_table(true, true)};

std::string_view xml_reference(unsigned char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&apos;";
    case '\r':
      return "&#13;";
    case '\n':
      return "&#10;";
    default:  // '\t'
      return "&#9;";
  }
}

}  // namespace

// Runs of bytes written as they are are copied whole; plain text is passed 16 bytes at a time
// (skip_plain) and the common three-byte characters (Hangul, CJK) are otherwise checked in one
// step; anything else not ASCII is decoded (decode_utf8) as before.
void append_xml_escaped(std::string& out, std::string_view s, bool attribute, bool quotes) {
  const XmlTable& table = kXmlTables[(attribute ? 2 : 0) + (quotes ? 1 : 0)];
  const auto* const begin = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = begin + s.size();
  const auto* p = begin;
  const auto* run = p;  // start of the bytes not yet copied
  auto flush = [&] {
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
  };
  const auto* next_skip = p;  // where to try skip_plain again
  while (p != end) {
    if (p >= next_skip) {
      // Plain text 16 bytes at a time (text_scan.h); where it stops, a byte or a character at a
      // time for 16 bytes or more.
      p = quotes ? skip_plain<TextFormat::xml>(p, end)
                 : skip_plain<TextFormat::xml_without_quotes>(p, end);
      next_skip = end - p > 16 ? p + 16 : end;
      if (p == end) break;
    }
    const unsigned c = *p;
    if (c < 0x80) {
      if (table[c] == 0) {
        ++p;
        continue;
      }
      flush();
      if (table[c] == 2) out += xml_reference(static_cast<unsigned char>(c));
      run = ++p;
      continue;
    }
    // Three bytes whose continuation bytes may take any value; EF BF BE and EF BF BF (U+FFFE,
    // U+FFFF) excluded.
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && end - p >= 3 &&
        ((p[1] & 0xC0) | ((p[2] & 0xC0) >> 2)) == 0xA0 &&
        (c != 0xEF || p[1] != 0xBF || p[2] < 0xBE)) {
      p += 3;
      continue;
    }
    std::size_t i = static_cast<std::size_t>(p - begin);
    const char32_t cp = decode_utf8(s, i);
    if (cp == kReplacement || cp == kSurrogate || cp == 0xFFFE || cp == 0xFFFF) {
      flush();
      // The replacement character itself (EF BF BD) took the three-byte step above.
      if (cp == kReplacement) append_utf8(out, kReplacement);
      p = begin + i;
      run = p;
    } else {
      p = begin + i;
    }
  }
  flush();
}

std::string xml_escape(std::string_view s, bool attribute, bool quotes) {
  std::string out;
  out.reserve(s.size());
  append_xml_escaped(out, s, attribute, quotes);
  return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::string key_id_part(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '.' || u == '_') {
      out += c;
    } else {
      out += 'x';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::vector<const Attribute*> sorted_attributes(const std::vector<Attribute>& attributes) {
  std::vector<const Attribute*> out;
  for (const Attribute& a : attributes) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribute* a, const Attribute* b) { return a->key < b->key; });
  auto last = std::unique(out.begin(), out.end(),
                          [](const Attribute* a, const Attribute* b) { return a->key == b->key; });
  out.erase(last, out.end());
  return out;
}

std::vector<AttributeColumn> attribute_columns(const GraphView& g,
                                               std::set<std::string> reserved_titles,
                                               std::set<std::string> reserved_ids,
                                               std::string_view id_prefix,
                                               std::string (*clean_title)(std::string_view)) {
  std::set<std::string> names;
  for (std::size_t v = 0; v < g.num_nodes(); ++v) {
    for (const Attribute& a : g.node(v, false).attributes) names.insert(a.key);
  }
  const std::string prefix(id_prefix);
  std::vector<AttributeColumn> out;
  for (const std::string& name : names) {
    std::string id = prefix + key_id_part(name);
    for (int n = 2; reserved_ids.count(id) > 0; ++n) {
      id = prefix + key_id_part(name) + "_" + std::to_string(n);
    }
    const std::string base = clean_title != nullptr ? clean_title(name) : name;
    std::string title = base;
    if (reserved_titles.count(title) > 0) title = "attr_" + base;
    for (int n = 2; reserved_titles.count(title) > 0; ++n) {
      title = "attr_" + base + "_" + std::to_string(n);
    }
    reserved_ids.insert(id);
    reserved_titles.insert(title);
    out.push_back({name, title, id});
  }
  return out;
}

std::vector<std::string> evidence_lines(const EdgeProperties& e) {
  std::vector<std::string> out;
  for (const Evidence& ev : e.evidence) {
    out.push_back(ev.document + "#" + std::to_string(ev.sentence) + ": " + ev.text);
  }
  return out;
}

std::vector<std::string> distinct_triggers(const EdgeProperties& e) {
  std::set<std::string> triggers;
  for (const Evidence& ev : e.evidence) {
    if (!ev.trigger.empty()) triggers.insert(ev.trigger);
  }
  return {triggers.begin(), triggers.end()};
}

void write_in_ranges(
    std::size_t count, unsigned threads, std::ostream& out,
    const std::function<void(std::size_t first, std::size_t last, std::string& text)>& format) {
  ordered_parallel_ranges(
      threads, count,
      [&](std::size_t first, std::size_t last) {
        std::string text;
        format(first, last, text);
        return text;
      },
      [&](std::string&& text) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
      });
}

std::string type_colour(std::string_view type) {
  if (type == "person") return "#1f77b4";
  if (type == "company") return "#ff7f0e";
  if (type == "country") return "#2ca02c";
  if (type.empty() || type == "unknown") return "#7f7f7f";
  static constexpr std::array<const char*, 6> kPalette = {"#d62728", "#9467bd", "#8c564b",
                                                          "#e377c2", "#bcbd22", "#17becf"};
  std::uint32_t hash = 2166136261u;  // FNV-1a, 32 bits
  for (char c : type) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return kPalette[hash % kPalette.size()];
}

std::string format_fixed(double value, int decimals) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                    std::chars_format::fixed, decimals);
  return std::string(buffer.data(), result.ptr);
}

double node_size(std::size_t mentions) {
  return 10.0 + 5.0 * std::log2(1.0 + static_cast<double>(mentions));
}

}  // namespace relgraph::write_detail
