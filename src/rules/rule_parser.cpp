// Rule file parser: the syntax of rules/README.md into a RuleSet, every mistake a Diagnostic.
//
// parse_rules() works line by line. A line is first checked for encoding (valid UTF-8, no
// control characters), then its comment is cut off; an unindented line opens a stanza, an
// indented one is a `key: value` property of the open stanza. Values are scanned once, left
// to right, into items (escapes resolved, '|' splitting, trailing `[options]`), remembering
// byte offsets so each diagnostic can point at the offending token. A stanza is added to the
// RuleSet when the next header (or the end of the file) closes it. validate_rules() does the
// checks that need every file: undeclared types and lexicons, unknown members, duplicate
// names and aliases shared by two entities.
#include "rules/rule_parser.h"

#include "rules/string_index.h"
#include "unicode/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace relgraph {

namespace detail {
// Generated from rules/*.rules by embed_rules.cmake: (file name, contents) in load order.
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_rule_files();
}  // namespace detail

namespace {

constexpr std::size_t kNone = std::string_view::npos;
constexpr char32_t kInvalid = kInvalidCodePoint;
// More problems than this on one line are not reported (a garbage line would otherwise give
// one diagnostic, each holding a copy of the line, per character).
constexpr int kMaxDiagnosticsPerLine = 16;
// User text quoted in a message is cut after this many code points.
constexpr std::size_t kMaxQuoted = 60;

// ---------------------------------------------------------------------------------------------
// UTF-8 and text helpers

std::size_t decode(std::string_view text, std::size_t pos, char32_t& cp) {
  return decode_utf8(text, pos, cp);
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

bool is_space(char c) { return c == ' ' || c == '\t'; }

// Text safe to show: invalid bytes and control characters other than tab become U+FFFD (one
// code point each, so columns still match). At most `limit` code points, then "…".
std::string printable(std::string_view text, std::size_t limit = kNone) {
  std::string out;
  out.reserve(std::min(text.size(), std::size_t{256}));
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (count == limit) {
      out += "\xE2\x80\xA6";
      break;
    }
    char32_t cp = 0;
    const std::size_t length = decode(text, pos, cp);
    if (cp == kInvalid || (is_control(cp) && cp != '\t')) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(pos, length));
    }
    pos += length;
    ++count;
  }
  return out;
}

// User text for a message, in quotes.
std::string in_quotes(std::string_view text) { return "'" + printable(text, kMaxQuoted) + "'"; }

std::string hex_byte(unsigned char byte) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
}

std::string code_point_name(char32_t cp) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string digits;
  for (int shift = 20; shift >= 0; shift -= 4) {
    const auto nibble = static_cast<unsigned>((cp >> shift) & 0xF);
    if (digits.empty() && nibble == 0 && shift > 12) continue;
    digits += kDigits[nibble];
  }
  return "U+" + digits;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool is_valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_name_char);
}

const char* const kNameRule = "names use lowercase ASCII letters, digits, '-', '_' and '.'";

// "a, b or c"
template <typename Range>
std::string choices(const Range& words) {
  std::vector<std::string> list(std::begin(words), std::end(words));
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out += i + 1 == list.size() ? " or " : ", ";
    out += list[i];
  }
  return out;
}

bool is_single_hangul_syllable(std::string_view text) {
  char32_t cp = 0;
  return text.size() == 3 && decode(text, 0, cp) == 3 && cp >= 0xAC00 && cp <= 0xD7A3;
}

int clamp_int(std::size_t value) {
  return value > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(value);
}

// The lines of a text: split at '\n', a trailing '\r' removed, a UTF-8 BOM at the start
// skipped.
std::vector<std::string_view> split_lines(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == kNone) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = end + 1;
  }
  return lines;
}

// Messages shared by the parser and validate_rules().
std::string duplicate_message(std::string_view what, std::string_view name) {
  return "duplicate " + std::string(what) + " " + in_quotes(name);
}
std::string first_definition_message(std::string_view name) {
  return in_quotes(name) + " was first defined here";
}

// ---------------------------------------------------------------------------------------------
// The parser

enum class Kind { none, skipped, type, entity, group, relation, lexicon };

std::optional<Kind> kind_from_word(std::string_view word) {
  if (word == "type") return Kind::type;
  if (word == "entity") return Kind::entity;
  if (word == "group") return Kind::group;
  if (word == "relation") return Kind::relation;
  if (word == "lexicon") return Kind::lexicon;
  return std::nullopt;
}

struct Option {
  std::string name;
  std::size_t offset = 0;
};

// One value, or one item of a '|' list, with its escapes resolved.
struct Item {
  std::string text;
  std::size_t offset = kNone;   // byte offset of the text's first character in the line
  std::size_t bracket = kNone;  // byte offset of the '[' opening the options
  std::vector<Option> options;
};

// Name → index in a RuleSet vector.
using Index = StringIndex;

// The one-value keys of a stanza, each with the line where it was given. A stanza has a
// handful: a linear scan of a short list is cheaper than hashing every key into a table (which
// was a tenth of parsing a large pack). A stanza with many keys (no real file) moves them into
// a table.
class KeyLines {
 public:
  // Adds key -> line unless the key is there. Returns the line now stored under the key and
  // whether it was added.
  std::pair<std::uint32_t, bool> insert(std::string_view key, std::uint32_t line) {
    if (table_.empty()) {
      for (const Entry& e : entries_)
        if (key_of(e) == key) return {e.line, false};
      if (entries_.size() < kLinear) {
        entries_.push_back({bytes_.size(), key.size(), line});
        bytes_.append(key);
        return {line, true};
      }
      for (const Entry& e : entries_) table_.insert(key_of(e), e.line);
    }
    return table_.insert(key, line);
  }

  // Forgets every key; keeps the memory for the next stanza.
  void clear() {
    entries_.clear();
    bytes_.clear();
    if (!table_.empty()) table_.clear();
  }

 private:
  static constexpr std::size_t kLinear = 16;
  struct Entry {
    std::size_t offset;  // in bytes_
    std::size_t length;
    std::uint32_t line;
  };
  std::string_view key_of(const Entry& e) const {
    return std::string_view(bytes_).substr(e.offset, e.length);
  }
  std::vector<Entry> entries_;
  std::string bytes_;
  StringIndex table_;  // every key, once there were more than kLinear
};

template <typename T, typename Key>
Index index_of(const std::vector<T>& items, Key key) {
  Index index;
  index.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    index.insert(key(items[i]), static_cast<std::uint32_t>(i));
  return index;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, RuleSet& out, Diagnostics& diags)
      : file_name_(file), file_(file), lines_(split_lines(text)), out_(out), diags_(diags) {
    types_ = index_of(out.types, [](const EntityType& t) -> const std::string& { return t.name; });
    entities_ = index_of(out.entities, [](const Entity& e) -> const std::string& { return e.id; });
    groups_ = index_of(out.groups, [](const Group& g) -> const std::string& { return g.id; });
    relations_ =
        index_of(out.relations, [](const RelationType& r) -> const std::string& { return r.name; });
    lexicons_ =
        index_of(out.lexicons, [](const Lexicon& l) -> const std::string& { return l.name; });
    initial_types_ = out.types.size();
    initial_entities_ = out.entities.size();
    initial_groups_ = out.groups.size();
    initial_relations_ = out.relations.size();
  }

  void run() {
    // Room for the entities of this file (a header line starting with "entity"), so that the
    // RuleSet does not grow by copying a large pack's entities again and again.
    std::size_t entity_headers = 0;
    for (const std::string_view line : lines_)
      entity_headers += line.size() > 6 && line[0] == 'e' && line.starts_with("entity");
    const std::size_t needed = out_.entities.size() + entity_headers;
    if (needed > out_.entities.capacity())
      out_.entities.reserve(std::max(needed, out_.entities.capacity() * 2));
    // The same for the id table: no rehash of every id so far, a dozen times over.
    entities_.reserve(needed);
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      start_line(i);
      parse_line();
    }
    finish_stanza();
  }

 private:
  // The state of the open stanza. One object serves every stanza of the file (reset() keeps
  // the memory of its look-up tables).
  struct Stanza {
    Kind kind = Kind::none;
    bool keep = false;  // the header was well-formed: add the result to the RuleSet
    std::string name;
    RuleLocation where;
    KeyLines single_keys;  // key of a one-value property → line
    StringIndex alias_texts;
    bool type_given = false;
    std::optional<RuleLocation> label_where;
    EntityType type;
    Entity entity;
    Group group;
    RelationType relation;
    Lexicon lexicon;

    // Back to the state of a new stanza of the given kind. Only the part of that kind is
    // cleared: finish_stanza() moves it out, and the other parts are never filled.
    void reset(Kind new_kind) {
      switch (kind) {
        case Kind::type:
          type = EntityType{};
          break;
        case Kind::entity:
          entity = Entity{};
          break;
        case Kind::group:
          group = Group{};
          break;
        case Kind::relation:
          relation = RelationType{};
          break;
        case Kind::lexicon:
          lexicon = Lexicon{};
          break;
        case Kind::none:
        case Kind::skipped:
          break;
      }
      kind = new_kind;
      keep = false;
      name.clear();
      where = RuleLocation{};
      single_keys.clear();
      if (!alias_texts.empty()) alias_texts.clear();
      type_given = false;
      label_where.reset();
    }
  };

  // --- position and diagnostics -------------------------------------------------------------

  void start_line(std::size_t index) {
    line_ = lines_[index];
    line_number_ = clamp_int(index + 1);
    line_diagnostics_ = 0;
    column_offset_ = 0;
    column_value_ = 1;
    printable_line_.reset();
  }

  // 1-based code-point column of a byte offset in the current line. Offsets usually grow
  // along a line, so counting continues from the previous call.
  int column(std::size_t offset) {
    if (offset < column_offset_) {
      column_offset_ = 0;
      column_value_ = 1;
    }
    while (column_offset_ < offset && column_offset_ < line_.size()) {
      if (static_cast<unsigned char>(line_[column_offset_]) < 0x80) {
        ++column_offset_;
      } else {
        char32_t cp = 0;
        column_offset_ += decode(line_, column_offset_, cp);
      }
      ++column_value_;
    }
    return clamp_int(column_value_);
  }

  RuleLocation here(std::size_t offset) { return {file_, line_number_, column(offset)}; }

  const std::string& current_line_text() {
    if (!printable_line_) printable_line_ = printable(line_);
    return *printable_line_;
  }

  // A diagnostic on the current line at a byte offset.
  void report(Severity severity, std::size_t offset, std::string message) {
    if (line_diagnostics_ >= kMaxDiagnosticsPerLine) return;
    ++line_diagnostics_;
    diags_.add(severity, here(offset).source(), std::move(message), current_line_text());
    if (line_diagnostics_ == kMaxDiagnosticsPerLine) {
      diags_.note({file_name_, line_number_, 0},
                  "too many problems on this line; the rest are not shown");
    }
  }
  void error(std::size_t offset, std::string message) {
    report(Severity::error, offset, std::move(message));
  }

  // A diagnostic at a location remembered earlier. The source line is known when the
  // location is in this file (`local`).
  void report_at(Severity severity, const RuleLocation& where, std::string message, bool local) {
    std::string text;
    if (local && where.line >= 1 && static_cast<std::size_t>(where.line) <= lines_.size()) {
      text = printable(lines_[static_cast<std::size_t>(where.line) - 1]);
    }
    diags_.add(severity, where.source(), std::move(message), std::move(text));
  }

  // --- lines --------------------------------------------------------------------------------

  void parse_line() {
    if (!check_encoding()) {
      // An unreadable header must not let its properties join the previous stanza.
      if (!line_.empty() && !is_space(line_[0]) && line_[0] != '#') {
        finish_stanza();
        stanza_.reset(Kind::skipped);
      }
      return;
    }
    const std::size_t comment = comment_start();
    has_comment_ = comment != kNone;
    std::size_t end = has_comment_ ? comment : line_.size();
    while (end > 0 && is_space(line_[end - 1])) --end;
    std::size_t first = 0;
    while (first < end && is_space(line_[first])) ++first;
    if (first == end) return;  // blank or comment only
    if (first == 0) {
      parse_header(end);
    } else {
      parse_property(first, end);
    }
  }

  // Reports the first invalid byte or control character; false if there is one.
  bool check_encoding() {
    for (std::size_t pos = 0; pos < line_.size();) {
      // Eight bytes at a time while they are all printable ASCII (0x20-0x7E): a byte below
      // 0x20 borrows into its high bit, 0x7F carries into it, 0x80 and above have it. A flag
      // (a tab, say) only sends the bytes to the checks below, one by one.
      if (pos + 8 <= line_.size()) {
        std::uint64_t word = 0;
        std::memcpy(&word, line_.data() + pos, 8);
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
        if ((((word - 0x20 * kOnes) | word | (word + kOnes)) & (0x80 * kOnes)) == 0) {
          pos += 8;
          continue;
        }
      }
      const auto byte = static_cast<unsigned char>(line_[pos]);
      if ((byte >= 0x20 && byte < 0x7F) || byte == '\t') {  // printable ASCII
        ++pos;
        continue;
      }
      // A three-byte sequence whose lead byte has no special range (0xE1-0xEC, 0xEE, 0xEF:
      // Hangul, CJK, most punctuation) is valid when two continuation bytes follow, and is no
      // control character: the usual non-ASCII text, checked without a call to decode().
      if (byte >= 0xE1 && byte <= 0xEF && byte != 0xED && pos + 3 <= line_.size() &&
          (static_cast<unsigned char>(line_[pos + 1]) & 0xC0) == 0x80 &&
          (static_cast<unsigned char>(line_[pos + 2]) & 0xC0) == 0x80) {
        pos += 3;
        continue;
      }
      char32_t cp = 0;
      const std::size_t length = decode(line_, pos, cp);
      if (cp == kInvalid) {
        error(pos, "invalid UTF-8 (byte " + hex_byte(static_cast<unsigned char>(line_[pos])) +
                       "); rule files must be UTF-8");
        return false;
      }
      if (is_control(cp) && cp != '\t') {
        error(pos, "control character " + code_point_name(cp) + " is not allowed");
        return false;
      }
      pos += length;
    }
    return true;
  }

  // Byte offset of the '#' starting a comment, or kNone. '#' starts a comment at the start of
  // the line or after a space or tab, unless escaped.
  std::size_t comment_start() const {
    // Most lines have no '#' at all: one memchr instead of a loop over every byte.
    if (line_.find('#') == kNone) return kNone;
    for (std::size_t pos = 0; pos < line_.size(); ++pos) {
      if (line_[pos] == '\\') {
        ++pos;
      } else if (line_[pos] == '#' && (pos == 0 || is_space(line_[pos - 1]))) {
        return pos;
      }
    }
    return kNone;
  }

  void parse_header(std::size_t end) {
    finish_stanza();
    stanza_.reset(Kind::skipped);
    std::size_t word_end = 0;
    while (word_end < end && !is_space(line_[word_end])) ++word_end;
    const std::string_view word = line_.substr(0, word_end);
    if (word.find(':') != kNone) {
      error(0, "expected a stanza header such as 'entity NAME' (property lines must be indented)");
      return;
    }
    const std::optional<Kind> kind = kind_from_word(word);
    if (!kind) {
      error(0, "unknown stanza kind " + in_quotes(word) +
                   " (expected type, entity, group, relation or lexicon)");
      return;
    }
    stanza_.kind = *kind;
    std::size_t name_begin = word_end;
    while (name_begin < end && is_space(line_[name_begin])) ++name_begin;
    if (name_begin == end) {
      error(end, "missing name after '" + std::string(word) + "'");
      return;
    }
    std::size_t name_end = name_begin;
    while (name_end < end && !is_space(line_[name_end])) ++name_end;
    std::size_t extra = name_end;
    while (extra < end && is_space(line_[extra])) ++extra;
    const std::string_view name = line_.substr(name_begin, name_end - name_begin);
    stanza_.name = std::string(name);
    stanza_.where = here(name_begin);
    bool ok = true;
    if (!is_valid_name(name)) {
      error(name_begin, "invalid name " + in_quotes(name) + " (" + kNameRule + ")");
      ok = false;
    }
    if (extra < end) {
      error(extra, "unexpected text after the name " + in_quotes(name));
      ok = false;
    }
    stanza_.keep = ok;
  }

  void parse_property(std::size_t begin, std::size_t end) {
    if (stanza_.kind == Kind::none) {
      error(begin,
            "property line before any stanza (a stanza starts with an unindented line such as "
            "'entity NAME')");
      return;
    }
    if (stanza_.kind == Kind::skipped) return;  // the header was already reported
    const std::size_t colon = line_.substr(0, end).find(':', begin);
    if (colon == kNone) {
      error(begin, "expected 'key: value' (missing ':')");
      return;
    }
    std::size_t key_end = colon;
    while (key_end > begin && is_space(line_[key_end - 1])) --key_end;
    const std::string_view key = line_.substr(begin, key_end - begin);
    if (key.empty()) {
      error(begin, "missing key before ':'");
      return;
    }
    if (std::any_of(key.begin(), key.end(), is_space)) {
      error(begin, "invalid key " + in_quotes(key) + " (a key is one word)");
      return;
    }
    std::size_t value_begin = colon + 1;
    while (value_begin < end && is_space(line_[value_begin])) ++value_begin;
    if (value_begin >= end) {
      std::string message = "missing value for " + in_quotes(key);
      if (has_comment_) message += " ('#' after a space starts a comment; write '\\#' for a '#')";
      error(colon + 1, message);
      return;
    }
    switch (stanza_.kind) {
      case Kind::type:
        type_property(key, begin, value_begin, end);
        break;
      case Kind::entity:
        entity_property(key, begin, value_begin, end);
        break;
      case Kind::group:
        group_property(key, begin, value_begin, end);
        break;
      case Kind::relation:
        relation_property(key, begin, value_begin, end);
        break;
      case Kind::lexicon:
        lexicon_property(key, begin, value_begin, end);
        break;
      case Kind::none:
      case Kind::skipped:
        break;
    }
  }

  // --- values -------------------------------------------------------------------------------

  // Scans line_[begin, end): as one value (split == false: only escapes are special) or as a
  // '|'-separated list whose items may end in `[options]`. Reports syntax errors and returns
  // the well-formed, non-empty items.
  // The items are returned in a vector the parser keeps (items_), valid until the next call:
  // a vector per value, grown item by item, was a large part of the allocations.
  std::vector<Item>& scan_items(std::size_t begin, std::size_t end, bool split) {
    std::vector<Item>& items = items_;
    items.clear();
    std::size_t pos = begin;
    while (true) {
      Item item;
      bool ok = true;
      const std::size_t item_begin = pos;
      while (pos < end) {
        const char c = line_[pos];
        if (c == '\\') {
          if (pos + 1 >= end) {
            error(pos, "'\\' at the end of a value (write '\\\\' for a backslash)");
            ok = false;
            ++pos;
            continue;
          }
          const char next = line_[pos + 1];
          if (next == '|' || next == '#' || next == '[' || next == '\\') {
            if (item.offset == kNone) item.offset = pos;
            item.text += next;
            pos += 2;
            continue;
          }
          char32_t cp = 0;
          const std::size_t length = decode(line_, pos + 1, cp);
          error(pos, "unknown escape '\\" + printable(line_.substr(pos + 1, length)) +
                         "' (the escapes are \\|, \\#, \\[ and \\\\)");
          ok = false;
          ++pos;
          continue;
        }
        if (split && c == '|') break;
        if (split && c == '[') {
          pos = scan_options(pos, end, item, ok);
          continue;
        }
        if (item.offset == kNone) {
          if (is_space(c)) {
            ++pos;
            continue;
          }
          item.offset = pos;
        }
        // The run of bytes up to the next one that means something.
        std::size_t run = pos + 1;
        while (run < end && line_[run] != '\\' &&
               !(split && (line_[run] == '|' || line_[run] == '[')))
          ++run;
        item.text.append(line_.substr(pos, run - pos));
        pos = run;
      }
      while (!item.text.empty() && is_space(item.text.back())) item.text.pop_back();
      if (item.text.empty()) {
        if (ok) {
          std::size_t at = begin;
          if (item.bracket != kNone) {
            at = item.bracket;
          } else if (pos < end) {
            at = pos;  // the '|' closing the empty item
          } else if (item_begin > begin) {
            at = item_begin - 1;  // the '|' before it
          }
          error(at, split ? "empty item" : "missing value");
        }
      } else if (ok) {
        items.push_back(std::move(item));
      }
      if (!split || pos >= end) break;
      ++pos;  // past '|'
    }
    return items;
  }

  // Reads the options of `item` starting at the '[' at `open`; returns the offset of the
  // '|' ending the item, or `end`.
  std::size_t scan_options(std::size_t open, std::size_t end, Item& item, bool& ok) {
    item.bracket = open;
    std::size_t close = open + 1;
    while (close < end && line_[close] != ']' && line_[close] != '|') ++close;
    if (close >= end || line_[close] == '|') {
      error(open, "missing ']' after the options (write '\\[' for a '[')");
      ok = false;
      return close;
    }
    for (std::size_t pos = open + 1;;) {
      std::size_t comma = pos;
      while (comma < close && line_[comma] != ',') ++comma;
      std::size_t first = pos;
      std::size_t last = comma;
      while (first < last && is_space(line_[first])) ++first;
      while (last > first && is_space(line_[last - 1])) --last;
      if (first == last) {
        std::size_t at = open;
        if (comma < close) {
          at = comma;
        } else if (pos > open + 1) {
          at = pos - 1;
        }
        error(at, "empty option");
        ok = false;
      } else {
        item.options.push_back(Option{std::string(line_.substr(first, last - first)), first});
      }
      if (comma >= close) break;
      pos = comma + 1;
    }
    std::size_t pos = close + 1;
    while (pos < end && is_space(line_[pos])) ++pos;
    if (pos < end && line_[pos] != '|') {
      error(pos, "unexpected text after ']' (options end an item; write '\\[' for a '[')");
      ok = false;
      while (pos < end && line_[pos] != '|') pos += line_[pos] == '\\' ? 2 : 1;
    }
    return std::min(pos, end);
  }

  // One-value property: escapes resolved, '|' and '[' literal.
  std::optional<Item> single_value(std::size_t begin, std::size_t end) {
    // Nearly every value has no escape: then it is the bytes as they are (the caller has
    // trimmed the spaces on both sides), without scan_items' vector and byte-by-byte copy.
    if (begin < end && !is_space(line_[begin]) && !is_space(line_[end - 1]) &&
        line_.substr(begin, end - begin).find('\\') == kNone) {
      Item item;
      item.text.assign(line_.substr(begin, end - begin));
      item.offset = begin;
      return item;
    }
    std::vector<Item>& items = scan_items(begin, end, false);
    if (items.empty()) return std::nullopt;
    return std::move(items.front());
  }

  // Items of a list that takes no options.
  std::vector<Item> plain_items(std::string_view key, std::size_t begin, std::size_t end) {
    std::vector<Item>& items = scan_items(begin, end, true);
    std::vector<Item> kept;
    for (Item& item : items) {
      if (item.bracket != kNone) {
        error(item.bracket, "'" + std::string(key) + "' takes no options");
        continue;
      }
      kept.push_back(std::move(item));
    }
    return kept;
  }

  // Names (types, entity ids, lexicons) from a list, each checked.
  void add_names(std::string_view key, std::string_view what, std::size_t begin, std::size_t end,
                 std::vector<std::string>& into) {
    for (Item& item : plain_items(key, begin, end)) {
      if (!is_valid_name(item.text)) {
        error(item.offset,
              "invalid " + std::string(what) + " " + in_quotes(item.text) + " (" + kNameRule + ")");
        continue;
      }
      if (std::find(into.begin(), into.end(), item.text) == into.end()) {
        into.push_back(std::move(item.text));
      }
    }
  }

  // Roles from a list, each one of `allowed`.
  template <typename Allowed>
  void add_roles(std::string_view key, std::string_view what, const Allowed& allowed,
                 std::size_t begin, std::size_t end, std::vector<std::string>& into) {
    for (Item& item : plain_items(key, begin, end)) {
      if (std::find(std::begin(allowed), std::end(allowed), item.text) == std::end(allowed)) {
        error(item.offset, "unknown " + std::string(what) + " " + in_quotes(item.text) +
                               " (expected " + choices(allowed) + ")");
        continue;
      }
      if (std::find(into.begin(), into.end(), item.text) == into.end()) {
        into.push_back(std::move(item.text));
      }
    }
  }

  void add_aliases(std::size_t begin, std::size_t end, const std::string& owner,
                   std::vector<Alias>& into) {
    static constexpr const char* kOptions[] = {"case",  "any",  "particle",
                                               "alone", "list", "toward"};
    std::vector<Item>& items = scan_items(begin, end, true);
    // The first aliases of a stanza: room for them in one allocation instead of growing one by
    // one (the label, which finish_entity() may put first, is nearly always one of them).
    if (into.empty()) into.reserve(items.size());
    for (Item& item : items) {
      Alias alias;
      alias.where = here(item.offset);
      const Option* context = nullptr;
      for (const Option& option : item.options) {
        std::optional<AliasContext> value;
        if (option.name == "case") {
          alias.case_sensitive = true;
        } else if (option.name == "toward") {
          alias.toward = true;
        } else if (option.name == "any") {
          value = AliasContext::any;
        } else if (option.name == "particle") {
          value = AliasContext::particle;
        } else if (option.name == "alone") {
          value = AliasContext::alone;
        } else if (option.name == "list") {
          value = AliasContext::list;
        } else {
          error(option.offset, "unknown alias option " + in_quotes(option.name) + " (expected " +
                                   choices(kOptions) + ")");
        }
        if (!value) continue;
        if (context && context->name != option.name) {
          error(option.offset,
                "options '" + context->name + "' and '" + option.name + "' cannot be combined");
          continue;
        }
        context = &option;
        alias.context = *value;
      }
      if (!stanza_.alias_texts.insert(item.text, 0).second) {
        report(Severity::warning, item.offset,
               "duplicate alias " + in_quotes(item.text) + " of " + in_quotes(owner));
        continue;
      }
      if (alias.context == AliasContext::automatic && is_single_hangul_syllable(item.text)) {
        report(Severity::warning, item.offset, hangul_warning(item.text, owner));
      }
      alias.text = std::move(item.text);
      into.push_back(std::move(alias));
    }
  }

  static std::string hangul_warning(std::string_view text, std::string_view owner) {
    return "alias " + in_quotes(text) + " of " + in_quotes(owner) +
           " is a single Hangul syllable; add [alone] or [list] to say where it may stand";
  }

  // Lexicon words take position options; triggers also take a frame (`found`, `join`,
  // `receive`, `quoted`).
  void add_entries(std::size_t begin, std::size_t end, std::vector<LexiconEntry>& into,
                   bool triggers = false) {
    static constexpr const char* kOptions[] = {"start", "end", "word"};
    static constexpr const char* kTriggerOptions[] = {"start", "end",     "word",  "found",
                                                      "join",  "receive", "quoted"};
    for (Item& item : scan_items(begin, end, true)) {
      LexiconEntry entry;
      entry.where = here(item.offset);
      const Option* position = nullptr;
      const Option* frame = nullptr;
      for (const Option& option : item.options) {
        WordPosition value = WordPosition::anywhere;
        if (triggers && (option.name == "found" || option.name == "join" ||
                         option.name == "receive" || option.name == "quoted")) {
          if (frame && frame->name != option.name) {
            error(option.offset,
                  "options '" + frame->name + "' and '" + option.name + "' cannot be combined");
            continue;
          }
          frame = &option;
          entry.frame = option.name == "found"     ? TriggerFrame::found
                        : option.name == "join"    ? TriggerFrame::join
                        : option.name == "receive" ? TriggerFrame::receive
                                                   : TriggerFrame::quoted;
          continue;
        }
        if (option.name == "start") {
          value = WordPosition::start;
        } else if (option.name == "end") {
          value = WordPosition::end;
        } else if (option.name == "word") {
          value = WordPosition::word;
        } else {
          error(option.offset, "unknown option " + in_quotes(option.name) + " (expected " +
                                   (triggers ? choices(kTriggerOptions) : choices(kOptions)) + ")");
          continue;
        }
        if (position && position->name != option.name) {
          error(option.offset,
                "options '" + position->name + "' and '" + option.name + "' cannot be combined");
          continue;
        }
        position = &option;
        entry.position = value;
      }
      entry.text = std::move(item.text);
      into.push_back(std::move(entry));
    }
  }

  // False (after an error) when a one-value key was already given in this stanza.
  bool first_time(std::string_view key, std::size_t key_offset) {
    const auto [first_line, inserted] =
        stanza_.single_keys.insert(key, static_cast<std::uint32_t>(line_number_));
    if (!inserted) {
      error(key_offset,
            in_quotes(key) + " is given twice (first on line " + std::to_string(first_line) + ")");
    }
    return inserted;
  }

  void add_attribute(std::string_view key, std::size_t key_offset, std::size_t begin,
                     std::size_t end, std::vector<Attribute>& into) {
    if (!first_time(key, key_offset)) return;
    if (std::optional<Item> value = single_value(begin, end)) {
      into.push_back(Attribute{std::string(key), std::move(value->text)});
    }
  }

  void unknown_key(std::string_view key, std::size_t key_offset, std::string_view kind,
                   std::string_view expected) {
    error(key_offset, "unknown key " + in_quotes(key) + " in " + std::string(kind) + " (expected " +
                          std::string(expected) + ")");
  }

  // --- properties by stanza kind ------------------------------------------------------------

  void type_property(std::string_view key, std::size_t key_offset, std::size_t begin,
                     std::size_t end) {
    if (key == "label") {
      if (!first_time(key, key_offset)) return;
      if (std::optional<Item> value = single_value(begin, end)) {
        stanza_.type.label = std::move(value->text);
      }
      return;
    }
    add_attribute(key, key_offset, begin, end, stanza_.type.attributes);
  }

  void entity_property(std::string_view key, std::size_t key_offset, std::size_t begin,
                       std::size_t end) {
    Entity& entity = stanza_.entity;
    if (key == "type") {
      if (!first_time(key, key_offset)) return;
      stanza_.type_given = true;
      std::optional<Item> value = single_value(begin, end);
      if (!value) {
        stanza_.keep = false;
      } else if (!is_valid_name(value->text)) {
        error(value->offset,
              "invalid type name " + in_quotes(value->text) + " (" + kNameRule + ")");
        stanza_.keep = false;
      } else {
        entity.type = std::move(value->text);
      }
    } else if (key == "label") {
      if (!first_time(key, key_offset)) return;
      if (std::optional<Item> value = single_value(begin, end)) {
        stanza_.label_where = here(value->offset);
        entity.label = std::move(value->text);
      }
    } else if (key == "aliases" || key == "alias") {
      add_aliases(begin, end, stanza_.name, entity.aliases);
    } else {
      add_attribute(key, key_offset, begin, end, entity.attributes);
    }
  }

  void group_property(std::string_view key, std::size_t key_offset, std::size_t begin,
                      std::size_t end) {
    if (key == "members") {
      add_names(key, "entity id", begin, end, stanza_.group.members);
    } else if (key == "aliases" || key == "alias") {
      add_aliases(begin, end, stanza_.name, stanza_.group.aliases);
    } else {
      unknown_key(key, key_offset, "group", "members or aliases");
    }
  }

  void relation_property(std::string_view key, std::size_t key_offset, std::size_t begin,
                         std::size_t end) {
    RelationType& relation = stanza_.relation;
    if (key == "label") {
      if (!first_time(key, key_offset)) return;
      if (std::optional<Item> value = single_value(begin, end)) {
        relation.label = std::move(value->text);
      }
    } else if (key == "direction") {
      if (!first_time(key, key_offset)) return;
      const std::optional<Item> value = single_value(begin, end);
      if (!value) return;
      if (value->text == "directed") {
        relation.symmetric = false;
      } else if (value->text == "symmetric") {
        relation.symmetric = true;
      } else {
        error(value->offset,
              "unknown direction " + in_quotes(value->text) + " (expected directed or symmetric)");
      }
    } else if (key == "source") {
      add_names(key, "type name", begin, end, relation.source_types);
    } else if (key == "target") {
      add_names(key, "type name", begin, end, relation.target_types);
    } else if (key == "triggers") {
      add_entries(begin, end, relation.triggers, true);
    } else if (key == "source-roles") {
      add_roles(key, "source role", kSourceRoles, begin, end, relation.source_roles);
    } else if (key == "target-roles") {
      add_roles(key, "target role", kTargetRoles, begin, end, relation.target_roles);
    } else if (key == "blocked-by") {
      add_names(key, "lexicon name", begin, end, relation.blocked_by);
    } else if (key == "speaker-is-source") {
      if (!first_time(key, key_offset)) return;
      const std::optional<Item> value = single_value(begin, end);
      if (!value) return;
      if (value->text == "yes" || value->text == "true") {
        relation.speaker_is_source = true;
      } else if (value->text == "no" || value->text == "false") {
        relation.speaker_is_source = false;
      } else {
        error(value->offset, "expected yes or no, not " + in_quotes(value->text));
      }
    } else {
      unknown_key(key, key_offset, "relation",
                  "label, direction, source, target, triggers, source-roles, target-roles, "
                  "blocked-by or speaker-is-source");
    }
  }

  void lexicon_property(std::string_view key, std::size_t key_offset, std::size_t begin,
                        std::size_t end) {
    if (key == "words") {
      add_entries(begin, end, stanza_.lexicon.entries);
    } else {
      unknown_key(key, key_offset, "lexicon", "words");
    }
  }

  // --- closing a stanza ---------------------------------------------------------------------

  // Reports a duplicate name, with a note at the first definition.
  template <typename T>
  void duplicate(std::string_view what, const std::vector<T>& items, std::size_t first,
                 std::size_t initial_count) {
    report_at(Severity::error, stanza_.where, duplicate_message(what, stanza_.name), true);
    report_at(Severity::note, items[first].where, first_definition_message(stanza_.name),
              first >= initial_count);
  }

  // Adds stanza_ to the RuleSet if it is complete and new.
  void finish_stanza() {
    Stanza& s = stanza_;
    if (!s.keep) return;
    s.keep = false;
    switch (s.kind) {
      case Kind::type:
        finish_type(s);
        break;
      case Kind::entity:
        finish_entity(s);
        break;
      case Kind::group:
        finish_group(s);
        break;
      case Kind::relation:
        finish_relation(s);
        break;
      case Kind::lexicon:
        finish_lexicon(s);
        break;
      case Kind::none:
      case Kind::skipped:
        break;
    }
  }

  void finish_type(Stanza& s) {
    if (const std::uint32_t first = types_.find(s.name); first != Index::kAbsent) {
      duplicate("type", out_.types, first, initial_types_);
      return;
    }
    s.type.name = s.name;
    s.type.where = s.where;
    types_.insert(s.name, static_cast<std::uint32_t>(out_.types.size()));
    out_.types.push_back(std::move(s.type));
  }

  void finish_entity(Stanza& s) {
    Entity& entity = s.entity;
    if (!s.type_given) {
      report_at(Severity::error, s.where, "entity " + in_quotes(s.name) + " has no 'type'", true);
      return;
    }
    if (entity.label.empty()) {
      if (entity.aliases.empty()) {
        report_at(Severity::error, s.where,
                  "entity " + in_quotes(s.name) + " has no 'label' or 'aliases'", true);
        return;
      }
      entity.label = entity.aliases.front().text;
    } else if (!s.alias_texts.contains(entity.label)) {
      Alias alias;
      alias.text = entity.label;
      alias.where = s.label_where.value_or(s.where);
      if (is_single_hangul_syllable(alias.text)) {
        report_at(Severity::warning, alias.where, hangul_warning(alias.text, s.name), true);
      }
      entity.aliases.insert(entity.aliases.begin(), std::move(alias));
    }
    if (const std::uint32_t first = entities_.find(s.name); first != Index::kAbsent) {
      duplicate("entity id", out_.entities, first, initial_entities_);
      return;
    }
    entity.id = s.name;
    entity.where = s.where;
    entities_.insert(s.name, static_cast<std::uint32_t>(out_.entities.size()));
    out_.entities.push_back(std::move(entity));
  }

  void finish_group(Stanza& s) {
    bool ok = true;
    if (s.group.members.empty()) {
      report_at(Severity::error, s.where, "group " + in_quotes(s.name) + " has no 'members'", true);
      ok = false;
    }
    if (s.group.aliases.empty()) {
      report_at(Severity::error, s.where, "group " + in_quotes(s.name) + " has no 'aliases'", true);
      ok = false;
    }
    if (!ok) return;
    if (const std::uint32_t first = groups_.find(s.name); first != Index::kAbsent) {
      duplicate("group id", out_.groups, first, initial_groups_);
      return;
    }
    s.group.id = s.name;
    s.group.where = s.where;
    groups_.insert(s.name, static_cast<std::uint32_t>(out_.groups.size()));
    out_.groups.push_back(std::move(s.group));
  }

  void finish_relation(Stanza& s) {
    if (const std::uint32_t first = relations_.find(s.name); first != Index::kAbsent) {
      duplicate("relation", out_.relations, first, initial_relations_);
      return;
    }
    s.relation.name = s.name;
    s.relation.where = s.where;
    relations_.insert(s.name, static_cast<std::uint32_t>(out_.relations.size()));
    out_.relations.push_back(std::move(s.relation));
  }

  // A lexicon named again extends the first definition (even across files).
  void finish_lexicon(Stanza& s) {
    if (const std::uint32_t first = lexicons_.find(s.name); first != Index::kAbsent) {
      std::vector<LexiconEntry>& entries = out_.lexicons[first].entries;
      entries.insert(entries.end(), std::make_move_iterator(s.lexicon.entries.begin()),
                     std::make_move_iterator(s.lexicon.entries.end()));
      return;
    }
    s.lexicon.name = s.name;
    s.lexicon.where = s.where;
    lexicons_.insert(s.name, static_cast<std::uint32_t>(out_.lexicons.size()));
    out_.lexicons.push_back(std::move(s.lexicon));
  }

  const std::string& file_name_;
  RuleFile file_;
  std::vector<std::string_view> lines_;
  RuleSet& out_;
  Diagnostics& diags_;

  Index types_, entities_, groups_, relations_, lexicons_;
  std::size_t initial_types_ = 0, initial_entities_ = 0, initial_groups_ = 0,
              initial_relations_ = 0;

  Stanza stanza_;
  std::vector<Item> items_;  // see scan_items()

  std::string_view line_;
  int line_number_ = 0;
  int line_diagnostics_ = 0;
  bool has_comment_ = false;
  std::size_t column_offset_ = 0;
  std::size_t column_value_ = 1;
  std::optional<std::string> printable_line_;
};

// ---------------------------------------------------------------------------------------------
// Validation

// Keeps the items for which keep(item, kept_so_far) is true, in order, moving each at most
// once (nothing moves until the first item is dropped). `kept_so_far` is the number of items
// kept before this one, which is where it goes: earlier kept items are items[0, kept_so_far).
template <typename T, typename Keep>
void keep_if(std::vector<T>& items, Keep keep) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!keep(items[i], kept)) continue;
    if (kept != i) items[kept] = std::move(items[i]);
    ++kept;
  }
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(kept), items.end());
}

// Removes later items whose key repeats an earlier one, with an error and a note.
template <typename T, typename Key>
void drop_duplicates(std::vector<T>& items, std::string_view what, Key key, Diagnostics& diags) {
  Index first;
  first.reserve(items.size());
  keep_if(items, [&](const T& item, std::size_t kept) {
    const std::string& name = key(item);
    const auto [at, inserted] = first.insert(name, static_cast<std::uint32_t>(kept));
    if (inserted) return true;
    diags.error(item.where.source(), duplicate_message(what, name));
    diags.note(items[at].where.source(), first_definition_message(name));
    return false;
  });
}

// Lexicons with the same name become one (entries appended in order).
void merge_lexicons(std::vector<Lexicon>& lexicons) {
  Index first;
  keep_if(lexicons, [&](Lexicon& lexicon, std::size_t kept) {
    const auto [at, inserted] = first.insert(lexicon.name, static_cast<std::uint32_t>(kept));
    if (inserted) return true;
    std::vector<LexiconEntry>& entries = lexicons[at].entries;
    entries.insert(entries.end(), std::make_move_iterator(lexicon.entries.begin()),
                   std::make_move_iterator(lexicon.entries.end()));
    return false;
  });
}

// Removes entries that repeat an earlier one of the same list (same text, position and frame)
// with a warning naming `what` (e.g. "trigger 'X' of relation 'R'") and a note at the first.
void drop_duplicate_entries(std::vector<LexiconEntry>& entries, std::string_view kind,
                            std::string_view owner, Diagnostics& diags) {
  Index first;
  first.reserve(entries.size());
  std::string key;
  keep_if(entries, [&](const LexiconEntry& entry, std::size_t kept) {
    key = entry.text;
    key += '\0';
    key += static_cast<char>('0' + static_cast<int>(entry.position));
    key += static_cast<char>('0' + static_cast<int>(entry.frame));
    const auto [at, inserted] = first.insert(key, static_cast<std::uint32_t>(kept));
    if (inserted) return true;
    diags.warning(entry.where.source(), "duplicate " + std::string(kind) + " " +
                                            in_quotes(entry.text) + " " + std::string(owner));
    diags.note(entries[at].where.source(), in_quotes(entry.text) + " was first given here");
    return false;
  });
}

// An alias as the matcher will compare it: NFKC (case-folded unless `fold` is false), white
// space removed. Written into `out` (its previous content is dropped).
void alias_key(std::string_view text, bool fold, std::string& out) {
  out.clear();
  if (text.size() > (1u << 20)) {  // not a name; compare as is
    out.assign(text);
    return;
  }
  // Printable ASCII and precomposed Hangul syllables are their own NFKC form, and case folding
  // only lowers ASCII letters: most names take this path, without ICU. The bytes are written
  // into `out` sized up front (no push_back or append per character), and a Hangul syllable
  // (lead byte 0xEA-0xED and two continuation bytes) is recognised without a call.
  out.resize(text.size());
  char* const written = out.data();
  std::size_t n = 0;
  bool simple = true;
  for (std::size_t i = 0; i < text.size() && simple;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool space = c == ' ' || (c >= '\t' && c <= '\r');
      simple = space || (c > 0x20 && c < 0x7F);
      if (simple && !space)
        written[n++] =
            fold && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    if (c >= 0xEA && c <= 0xED && i + 3 <= text.size()) {
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      const auto c2 = static_cast<unsigned char>(text[i + 2]);
      if ((c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80) {
        const char32_t cp = (char32_t{c} & 0x0F) << 12 | (char32_t{c1} & 0x3F) << 6 | (c2 & 0x3F);
        simple = cp >= 0xAC00 && cp <= 0xD7A3;
        if (simple) {
          written[n++] = static_cast<char>(c);
          written[n++] = static_cast<char>(c1);
          written[n++] = static_cast<char>(c2);
        }
        i += 3;
        continue;
      }
    }
    std::size_t len = 0;
    const char32_t cp = next_code_point(text, i, len);
    simple = cp >= 0xAC00 && cp <= 0xD7A3;
    if (simple) {
      std::memcpy(written + n, text.data() + i, len);
      n += len;
    }
    i += len;
  }
  if (simple) {
    out.resize(n);
    return;
  }
  out.clear();
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = fold ? icu::Normalizer2::getNFKCCasefoldInstance(status)
                                            : icu::Normalizer2::getNFKCInstance(status);
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString normalised = source;
  if (U_SUCCESS(status)) normalised = normalizer->normalize(source, status);
  if (U_FAILURE(status)) {
    normalised = source;
    if (fold) normalised.foldCase();
  }
  icu::UnicodeString compact;
  for (int32_t i = 0; i < normalised.length();) {
    const UChar32 c = normalised.char32At(i);
    if (!u_isUWhiteSpace(c)) compact.append(c);
    i += U16_LENGTH(c);
  }
  compact.toUTF8String(out);
}

// An alias already registered: its owner (an entity or a group, by index; ids are unique
// within each kind once validate_rules() has dropped duplicates) and where it is.
struct AliasOwner {
  std::uint32_t owner = 0;  // entity index, or group index | kGroupOwner
  const std::string* id = nullptr;
  const std::string* text = nullptr;
  const RuleLocation* where = nullptr;
};
constexpr std::uint32_t kGroupOwner = std::uint32_t{1} << 31;

// Up to two aliases with different owners: enough to find one whose owner differs from any
// given owner, however many aliases share a key.
struct OwnerSlots {
  AliasOwner slots[2];
  int count = 0;

  const AliasOwner* other_than(std::uint32_t owner) const {
    for (int i = 0; i < count; ++i) {
      if (slots[i].owner != owner) return &slots[i];
    }
    return nullptr;
  }
  void add(const AliasOwner& owner) {
    if (count == 2 || (count == 1 && slots[0].owner == owner.owner)) return;
    slots[count++] = owner;
  }
};

// Warns about aliases already used by another entity or group and removes them from the later
// one. Two aliases clash when their case-folded keys are equal, unless both are [case] and
// differ in case.
class AliasClashes {
 public:
  AliasClashes(Diagnostics& diags, std::size_t expected_aliases) : diags_(diags) {
    folded_.reserve(expected_aliases, expected_aliases * 16);
    by_folded_.reserve(expected_aliases);
  }

  void check(std::uint32_t owner, const std::string& id, std::vector<Alias>& aliases) {
    pending_.clear();
    keep_if(aliases, [&](const Alias& alias, std::size_t) {
      // The records of the alias's keys, added empty when new (an empty record clashes with
      // nothing), so that registering it below needs no second look-up.
      alias_key(alias.text, true, key_);
      const std::uint32_t folded = folded_.insert(key_, record_count(by_folded_)).first;
      if (folded == by_folded_.size()) by_folded_.emplace_back();
      const AliasOwner* clash = by_folded_[folded].insensitive.other_than(owner);
      if (!clash && !alias.case_sensitive) clash = by_folded_[folded].any.other_than(owner);
      std::uint32_t exact = kNoRecord;
      if (alias.case_sensitive) {
        alias_key(alias.text, false, key_);
        exact = exact_.insert(key_, record_count(by_exact_)).first;
        if (exact == by_exact_.size()) by_exact_.emplace_back();
        if (!clash) clash = by_exact_[exact].other_than(owner);
      }
      if (clash) {
        diags_.warning(alias.where.source(), "alias " + in_quotes(alias.text) + " of " +
                                                 in_quotes(id) + " is also an alias of " +
                                                 in_quotes(*clash->id) +
                                                 " (first definition wins)");
        diags_.note(clash->where->source(), "alias " + in_quotes(*clash->text) + " of " +
                                                in_quotes(*clash->id) + " is defined here");
        return false;
      }
      pending_.push_back({folded, exact});
      return true;
    });
    // Register after the loop: `aliases` no longer moves, so pointers into it stay valid.
    for (std::size_t i = 0; i < aliases.size(); ++i) {
      const Pending& p = pending_[i];
      const AliasOwner entry{owner, &id, &aliases[i].text, &aliases[i].where};
      by_folded_[p.folded].any.add(entry);
      if (p.exact != kNoRecord) {
        by_exact_[p.exact].add(entry);
      } else {
        by_folded_[p.folded].insensitive.add(entry);
      }
    }
  }

 private:
  static constexpr std::uint32_t kNoRecord = StringIndex::kAbsent;
  struct Pending {
    std::uint32_t folded = kNoRecord;  // in by_folded_
    std::uint32_t exact = kNoRecord;   // in by_exact_, for a [case] alias
  };
  struct FoldedOwners {
    OwnerSlots any;          // every alias with this folded key
    OwnerSlots insensitive;  // the non-[case] ones
  };

  template <typename T>
  static std::uint32_t record_count(const std::vector<T>& records) {
    return static_cast<std::uint32_t>(records.size());
  }

  Diagnostics& diags_;
  StringIndex folded_;  // folded key of every alias -> by_folded_
  std::vector<FoldedOwners> by_folded_;
  StringIndex exact_;  // exact key of [case] aliases -> by_exact_
  std::vector<OwnerSlots> by_exact_;
  std::vector<Pending> pending_;
  std::string key_;
};

// Fills in the source line of diagnostics that point into one of `sources` without one.
class SourceLines {
 public:
  explicit SourceLines(const std::vector<RuleSource>& sources) : sources_(sources) {}

  std::string line(const SourceLocation& where) {
    if (where.line < 1) return {};
    auto it = lines_.find(where.file);
    if (it == lines_.end()) {
      const auto source = std::find_if(sources_.begin(), sources_.end(),
                                       [&](const RuleSource& s) { return s.name == where.file; });
      if (source == sources_.end()) return {};
      it = lines_.emplace(where.file, split_lines(source->text)).first;
    }
    const auto index = static_cast<std::size_t>(where.line) - 1;
    return index < it->second.size() ? printable(it->second[index]) : std::string();
  }

 private:
  const std::vector<RuleSource>& sources_;
  std::unordered_map<std::string, std::vector<std::string_view>> lines_;
};

std::string read_file(const std::filesystem::path& path, const std::string& shown_name) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + shown_name + ": " + std::strerror(errno));
  std::string contents;
  std::error_code size_error;
  const std::uintmax_t size = std::filesystem::file_size(path, size_error);
  if (!size_error && size < (std::uintmax_t{1} << 40)) contents.reserve(size);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
    contents.append(buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw std::runtime_error("cannot read " + shown_name + ": " + std::strerror(errno));
  return contents;
}

}  // namespace

void parse_rules(std::string_view text, const std::string& file, RuleSet& out, Diagnostics& diags) {
  Parser(text, file, out, diags).run();
}

void validate_rules(RuleSet& rules, Diagnostics& diags) {
  drop_duplicates(
      rules.types, "type", [](const EntityType& t) -> const std::string& { return t.name; }, diags);
  merge_lexicons(rules.lexicons);
  drop_duplicates(
      rules.relations, "relation",
      [](const RelationType& r) -> const std::string& { return r.name; }, diags);
  drop_duplicates(
      rules.entities, "entity id", [](const Entity& e) -> const std::string& { return e.id; },
      diags);
  drop_duplicates(
      rules.groups, "group id", [](const Group& g) -> const std::string& { return g.id; }, diags);

  const Index type_names =
      index_of(rules.types, [](const EntityType& t) -> const std::string& { return t.name; });
  const Index lexicon_names =
      index_of(rules.lexicons, [](const Lexicon& l) -> const std::string& { return l.name; });

  keep_if(rules.entities, [&](const Entity& entity, std::size_t) {
    if (type_names.contains(entity.type)) return true;
    diags.error(entity.where.source(), "entity " + in_quotes(entity.id) + " has undeclared type " +
                                           in_quotes(entity.type));
    return false;
  });
  Index entity_ids;
  if (!rules.groups.empty())
    entity_ids =
        index_of(rules.entities, [](const Entity& e) -> const std::string& { return e.id; });

  std::erase_if(rules.groups, [&](Group& group) {
    std::erase_if(group.members, [&](const std::string& member) {
      if (entity_ids.contains(member)) return false;
      diags.error(group.where.source(),
                  "group " + in_quotes(group.id) + " names unknown entity " + in_quotes(member));
      return true;
    });
    return group.members.empty();
  });

  std::erase_if(rules.relations, [&](RelationType& relation) {
    bool emptied = false;
    const auto check_types = [&](std::vector<std::string>& types, const char* role) {
      if (types.empty()) return;
      std::erase_if(types, [&](const std::string& type) {
        if (type_names.contains(type)) return false;
        diags.error(relation.where.source(), "relation " + in_quotes(relation.name) +
                                                 " names undeclared type " + in_quotes(type) +
                                                 " as " + role);
        return true;
      });
      // An emptied list would mean "any type": drop the relation rather than widen it.
      emptied = emptied || types.empty();
    };
    check_types(relation.source_types, "source");
    check_types(relation.target_types, "target");
    std::erase_if(relation.blocked_by, [&](const std::string& name) {
      if (lexicon_names.contains(name)) return false;
      diags.error(relation.where.source(), "relation " + in_quotes(relation.name) +
                                               " is blocked by unknown lexicon " + in_quotes(name));
      return true;
    });
    return emptied;
  });

  for (RelationType& relation : rules.relations) {
    drop_duplicate_entries(relation.triggers, "trigger", "of relation " + in_quotes(relation.name),
                           diags);
  }
  for (Lexicon& lexicon : rules.lexicons) {
    drop_duplicate_entries(lexicon.entries, "word", "in lexicon " + in_quotes(lexicon.name), diags);
  }

  std::size_t alias_count = 0;
  for (const Entity& entity : rules.entities) alias_count += entity.aliases.size();
  for (const Group& group : rules.groups) alias_count += group.aliases.size();
  AliasClashes clashes(diags, alias_count);
  for (std::size_t e = 0; e < rules.entities.size(); ++e) {
    Entity& entity = rules.entities[e];
    clashes.check(static_cast<std::uint32_t>(e), entity.id, entity.aliases);
  }
  for (std::size_t g = 0; g < rules.groups.size(); ++g) {
    Group& group = rules.groups[g];
    clashes.check(static_cast<std::uint32_t>(g) | kGroupOwner, group.id, group.aliases);
  }
}

const std::vector<RuleSource>& builtin_rules() {
  static const std::vector<RuleSource> sources = [] {
    std::vector<RuleSource> list;
    for (const auto& [name, text] : detail::builtin_rule_files()) {
      list.push_back(RuleSource{"<builtin>/" + std::string(name), std::string(text)});
    }
    return list;
  }();
  return sources;
}

std::vector<RuleSource> read_rule_paths(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<RuleSource> sources;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      throw std::runtime_error("cannot read " + path + ": " +
                               (ec ? ec.message() : std::string("no such file or directory")));
    }
    if (!fs::is_directory(status)) {
      sources.push_back(RuleSource{path, read_file(path, path)});
      continue;
    }
    // A folder: its *.rules files at any depth, hidden files and folders skipped.
    std::vector<std::string> files;
    fs::recursive_directory_iterator it(path, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const fs::path& entry = it->path();
      const std::string name = entry.filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        ec.clear();
        continue;
      }
      std::error_code file_ec;
      if (entry.extension() == ".rules" && it->is_regular_file(file_ec)) {
        files.push_back(entry.string());
      }
    }
    if (ec) throw std::runtime_error("cannot read " + path + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const std::string& file : files)
      sources.push_back(RuleSource{file, read_file(file, file)});
  }
  return sources;
}

RuleSet load_rules(const std::vector<RuleSource>& sources, Diagnostics& diags) {
  RuleSet rules;
  Diagnostics found;
  for (const RuleSource& source : sources) parse_rules(source.text, source.name, rules, found);
  validate_rules(rules, found);
  // Validation (and notes about an earlier file) cannot see the text; add the lines here.
  SourceLines lines(sources);
  for (const Diagnostic& d : found.all()) {
    diags.add(d.severity, d.where, d.message,
              d.source_line.empty() ? lines.line(d.where) : d.source_line);
  }
  return rules;
}

}  // namespace relgraph
