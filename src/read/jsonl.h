// One article per line: reading a JSON Lines record into its text and metadata.
//
// Each field is looked up by a list of candidate names, the first present (and not null or
// empty) wins; a name may be a dotted path into nested objects ("meta.published"). The
// defaults fit common scraper output: text, content, body, article (the text); date,
// published, published_at, pubDate, datetime, timestamp (the date); id, url, link (the id);
// title, headline (the title); url, link (the address). Strings are taken as they are, numbers
// as their decimal digits (a Unix time, for dates); an array of strings (paragraphs) is joined
// with line breaks. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace relgraph {

struct JsonlFields {
  std::vector<std::string> id, title, date, url, text;
};

// The default candidate names, as above.
JsonlFields default_jsonl_fields();

// Replaces the candidates of one field from a "--field NAME=KEY" option ("text=body", or
// several keys "date=published,updated"). Returns false for an unknown NAME or an empty KEY.
bool set_jsonl_field(JsonlFields& fields, std::string_view assignment);

struct JsonlRecord {
  std::string id, title, date, url, text;  // date as written (not normalised)
};

struct JsonlError {
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);
  std::size_t offset = kNoOffset;  // byte offset in the line of a syntax error
  std::string message;
};

// Parses one line (without its line break). False with `error` set when the line is not a
// JSON object or has no usable text field.
bool parse_jsonl_record(std::string_view line, const JsonlFields& fields, JsonlRecord& record,
                        JsonlError& error);

}  // namespace relgraph
