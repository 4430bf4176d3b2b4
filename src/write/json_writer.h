// Internal to src/write: the pretty JSON writer of the JSON writers (node-link JSON, Cytoscape.js).
//
// It writes the bytes RapidJSON's PrettyWriter (indent of two spaces, default format options)
// wrote before it, and so every relgraph JSON file has: values in arrays and members in objects
// on lines of their own, indented by two spaces a level, "key": value, empty arrays and objects
// as [] and {}. Strings are made well-formed UTF-8 first (well_formed_utf8 in write_util.h:
// each maximal ill-formed subpart becomes U+FFFD) and escaped as RapidJSON's Writer does: `"`
// and `\` with a backslash, \b \t \n \f \r, other control characters as \u00XX (upper-case hex),
// everything else (DEL and all non-ASCII) as it is. Text is appended to a string (no per-byte
// calls, runs that need no escape copied whole).
//
// A writer can write part of a document: the JSON writers format nodes and edges in ranges on
// several threads (write_in_ranges in write_util.h). Each range is written by its own writer
// that continues inside the array the main writer opened; the main writer then counts the values
// the others wrote and closes the array, so the bytes are those of one writer writing it all.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "parallel/ordered_parallel.h"
#include "write/write_util.h"

namespace relgraph::write_detail {

// Appends `s` as a JSON string (quotes included), made well-formed UTF-8 and escaped as above.
void append_json_string(std::string& out, std::string_view s);
// Appends `n` in decimal.
void append_json_uint(std::string& out, std::uint64_t n);

// Writes to a buffer of its own (grown without being cleared first); text() is what it wrote.
class JsonWriter {
 public:
  JsonWriter() = default;
  JsonWriter(JsonWriter&&) = default;
  JsonWriter& operator=(JsonWriter&&) = default;

  void start_object() {
    prefix();
    levels_.push_back({false, 0});
    put('{');
  }
  void end_object() { end('}'); }
  void start_array() {
    prefix();
    levels_.push_back({true, 0});
    put('[');
  }
  void end_array() { end(']'); }
  // An object member's name, from any text.
  void key(std::string_view name) {
    prefix();
    put_string(name);
  }
  // A name that needs no repair and no escape (the writers' own ASCII names): the new line,
  // indent and name in one step (one check for room; `name` is nearly always a literal, whose
  // copy is then of a fixed size).
  void plain_key(std::string_view name) {
    const std::size_t spaces = 2 * levels_.size();
    if (levels_.empty() || levels_.back().in_array || levels_.back().values % 2 == 1 ||
        spaces + 2 > kLine.size() - 1) {
      prefix();
      char* p = room(name.size() + 2);
      *p++ = '"';
      std::memcpy(p, name.data(), name.size());
      p[name.size()] = '"';
      size_ += name.size() + 2;
      return;
    }
    // A member's name in an object: what prefix() and line() write, then the name.
    Level& level = levels_.back();
    const bool comma = level.values > 0;
    ++level.values;
    char* p = room(kLine.size() - 1 + name.size() + 2);
    std::memcpy(p, kLine.data() + (comma ? 0 : 1), kLine.size() - 1);
    p += spaces + (comma ? 2 : 1);
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p[name.size()] = '"';
    size_ = static_cast<std::size_t>(p + name.size() + 1 - buffer_.get());
  }
  void string(std::string_view s) {
    prefix();
    put_string(s);
  }
  void uint(std::uint64_t n);
  void boolean(bool b) {
    prefix();
    if (b) {
      put("true", 4);
    } else {
      put("false", 5);
    }
  }
  // A value given as JSON text.
  void raw(std::string_view json) {
    prefix();
    put(json.data(), json.size());
  }

  // Continue inside an array nested in `depth - 1` objects that already holds `values` values.
  void continue_array(std::size_t depth, std::size_t values) {
    levels_.assign(depth - 1, Level{false, 0});
    levels_.push_back({true, values});
  }
  // How many arrays and objects are open.
  std::size_t depth() const { return levels_.size(); }
  // Count `values` that other writers put in the array open at the top.
  void add_values(std::size_t values) { levels_.back().values += values; }
  // The text written (since the last flush_to()).
  std::string_view text() const { return {buffer_.get(), size_}; }
  // Writes the text so far to `out`, and forgets it.
  void flush_to(std::ostream& out) {
    out.write(buffer_.get(), static_cast<std::streamsize>(size_));
    size_ = 0;
  }

 private:
  struct Level {
    bool in_array;
    std::size_t values;
  };

  // ",\n" and the indent of up to 32 levels: line() copies a fixed 65 bytes of it (a copy of the
  // size needed, which varies, is a slow `rep movs` for these few bytes) and counts those needed.
  static constexpr std::string_view kLine =
      ",\n                                                                ";

  // Room for `n` more bytes at the end of the text.
  char* room(std::size_t n) {
    if (capacity_ - size_ < n) grow(n);
    return buffer_.get() + size_;
  }
  void grow(std::size_t n);
  void put(char c) {
    *room(1) = c;
    ++size_;
  }
  void put(const char* s, std::size_t n) {
    std::memcpy(room(n), s, n);
    size_ += n;
  }
  void put_string(std::string_view s);
  // A new line and the indent of `levels` levels, after a comma when `comma`.
  void line(bool comma, std::size_t levels);
  // What goes before a value (or a member's name): separator, new line and indent.
  void prefix() {
    if (levels_.empty()) return;
    Level& level = levels_.back();
    if (!level.in_array && level.values % 2 == 1) {
      put(": ", 2);
    } else {
      line(level.values > 0, levels_.size());
    }
    ++level.values;
  }
  void end(char bracket) {
    const bool empty = levels_.back().values == 0;
    levels_.pop_back();
    if (!empty) line(false, levels_.size());
    put(bracket);
  }

  std::unique_ptr<char[]> buffer_;
  std::size_t size_ = 0;  // bytes of buffer_ written
  std::size_t capacity_ = 0;
  std::vector<Level> levels_;
};

// Opens an array in `w` (its text so far is passed on to `out` here), fills it with `count`
// values and closes it: write_range(rw, first, last) writes values [first, last) with a writer
// `rw` that continues inside the array, on `threads` threads, written in order
// (as write_in_ranges does).
template <class WriteRange>
void write_array_in_ranges(JsonWriter& w, std::ostream& out, std::size_t count, unsigned threads,
                           const WriteRange& write_range) {
  w.start_array();
  w.flush_to(out);
  const std::size_t depth = w.depth();
  // Each range's writer is handed on whole and its text written from its buffer (no copy).
  ordered_parallel_ranges(
      threads, count,
      [&](std::size_t first, std::size_t last) {
        JsonWriter rw;
        rw.continue_array(depth, first);
        write_range(rw, first, last);
        return rw;
      },
      [&](JsonWriter&& rw) { rw.flush_to(out); });
  w.add_values(count);
  w.end_array();
}

}  // namespace relgraph::write_detail
