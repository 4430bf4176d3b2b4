// Internal to src/write: RapidJSON's pretty writer made able to write part of a document, for
// the JSON writers (node-link JSON, Cytoscape.js) that format nodes and edges in ranges on
// several threads (write_in_ranges in write_util.h). Each range is written by its own writer
// that continues inside the array the main writer opened; the main writer then counts the values
// the others wrote and closes the array, so the bytes are those of one writer writing it all.
#pragma once

#include <rapidjson/prettywriter.h>

#include <cstddef>
#include <new>
#include <ostream>
#include <string>

#include "write/write_util.h"

namespace relgraph::write_detail {

template <class Output>
class JsonWriter : public rapidjson::PrettyWriter<Output> {
  using Base = rapidjson::PrettyWriter<Output>;
  using Level = typename Base::Level;

 public:
  // Indented by two spaces, as every relgraph JSON file.
  explicit JsonWriter(Output& out) : Base(out) { Base::SetIndent(' ', 2); }

  // Continue inside an array nested in `depth - 1` objects that already holds `values` values.
  void continue_array(std::size_t depth, std::size_t values) {
    for (std::size_t i = 0; i + 1 < depth; ++i) {
      new (this->level_stack_.template Push<Level>()) Level(false);
    }
    new (this->level_stack_.template Push<Level>()) Level(true);
    this->level_stack_.template Top<Level>()->valueCount = values;
    this->hasRoot_ = true;
  }
  // How many arrays and objects are open.
  std::size_t depth() const { return this->level_stack_.GetSize() / sizeof(Level); }
  // Count `values` that other writers put in the array open at the top.
  void add_values(std::size_t values) {
    this->level_stack_.template Top<Level>()->valueCount += values;
  }
};

// An output for RapidJSON writers that appends to a string.
struct StringOutput {
  using Ch = char;
  std::string& text;
  void Put(char c) { text.push_back(c); }
  void Flush() {}
};

// Opens an array in `w` (which writes to `stream`, passing its bytes on to `out`), fills it with
// `count` values and closes it: write_range(rw, first, last) writes values [first, last) with a
// writer `rw` that continues inside the array, on `threads` threads, written in order
// (write_in_ranges).
template <class WriteRange>
void write_array_in_ranges(JsonWriter<JsonOutput>& w, JsonOutput& stream, std::ostream& out,
                           std::size_t count, unsigned threads, const WriteRange& write_range) {
  w.StartArray();
  stream.Flush();
  const std::size_t depth = w.depth();
  write_in_ranges(count, threads, out, [&](std::size_t first, std::size_t last, std::string& text) {
    StringOutput chunk{text};
    JsonWriter<StringOutput> rw(chunk);
    rw.continue_array(depth, first);
    write_range(rw, first, last);
  });
  w.add_values(count);
  w.EndArray();
}

}  // namespace relgraph::write_detail
