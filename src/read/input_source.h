// InputSource: the documents of a run, read one at a time from files, folders, globs and stdin.
//
// The read stage is the one stage that touches the file system. InputSource expands the INPUT
// arguments up front (input_paths.h: a list of paths and sizes, nothing read yet) and then
// yields one Document per next() call, streaming: a plain text or HTML file is read whole
// when its turn comes, a JSON Lines file one line at a time, so memory holds one document,
// never the corpus. next() is not thread-safe: call it from one thread and hand the
// Documents to workers.
//
// Formats, by extension unless InputOptions::format says otherwise: .jsonl / .ndjson are JSON
// Lines (jsonl.h: one document per line, named by its id or FILE:LINE), .html / .htm / .xhtml
// are HTML (html_text.h: the readable text), anything else (and stdin) is plain text. Text is
// decoded by decode.h (BOM, UTF-16/32, NUL bytes). Dates are normalised (date.h).
//
// Nothing is thrown for a bad input once the arguments are expanded: what cannot be used is
// a diagnostic naming the file (and line), and the rest goes on. Warnings: a file or directory
// that cannot be read (counted in unreadable()), an empty or binary file, a JSONL line that
// is not an object or has no text, a duplicate JSONL id, an unrecognised date (the document is
// kept, without date), invalid UTF-8 (replaced later by U+FFFD), NUL bytes (replaced with
// spaces), malformed UTF-16/32.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "read/input_paths.h"
#include "read/jsonl.h"

namespace relgraph {

enum class InputFormat { automatic, text, jsonl, html };

// "auto", "text" (or "txt"), "jsonl" (or "ndjson"), "html" (or "htm"), any case.
std::optional<InputFormat> parse_input_format(std::string_view name);
// By extension: .jsonl/.ndjson → jsonl, .html/.htm/.xhtml → html, otherwise text.
InputFormat input_format_for_path(std::string_view path);

struct InputOptions {
  InputFormat format = InputFormat::automatic;  // automatic: by extension (stdin: text)
  JsonlFields fields = default_jsonl_fields();
  PathFilters filters;
  // A document longer than this many bytes (0: no limit) is handed out in parts, cut after a
  // line break, a sentence end or a space (whichever comes last in the second half of the
  // part), named "NAME (part 1)", "NAME (part 2)"... Extraction keeps a few bytes of state
  // per byte of a document, so a 200 MB one-line file must not be one document. News articles
  // are far below the default.
  std::size_t part_bytes = std::size_t{8} << 20;
  bool report_files = false;  // a note per file that gave documents: "FILE: note: 3 documents read"
};

struct Document {
  std::string name;        // the evidence's document name: the path as given, "<stdin>",
                           // a JSONL record's id, or "FILE:LINE" when it has none
  std::string text;        // UTF-8 (invalid bytes possible: the normalise stage replaces them)
  std::string date;        // ISO 8601 (date.h) or empty
  std::string title;       // JSONL title or HTML <title>; may be empty
  std::string url;         // may be empty
  std::string file;        // the file it came from ("-" for stdin)
  std::size_t line = 0;    // JSONL line number, 0 for whole files
  std::size_t offset = 0;  // for a part of a large document: where `text` starts in the whole
                           // (add it to evidence offsets to point into the whole document)
};

struct InputProgress {
  std::size_t files_total = 0;    // files to read (stdin counts as one)
  std::size_t files_done = 0;     // files finished (read, skipped or failed)
  std::size_t documents = 0;      // documents yielded so far
  std::uint64_t bytes_total = 0;  // sum of the files' sizes (stdin unknown: not included)
  std::uint64_t bytes_done = 0;   // bytes read so far (stdin included)
  bool size_known = true;         // false when stdin is among the inputs
};

class InputSource {
 public:
  // Expands the arguments; throws std::runtime_error for a path that does not exist or a
  // glob that matches nothing. Warnings of the expansion go to `diags`.
  InputSource(const std::vector<std::string>& arguments, InputOptions options, Diagnostics& diags);
  ~InputSource();
  InputSource(const InputSource&) = delete;
  InputSource& operator=(const InputSource&) = delete;

  // The next document, or nullopt at the end. Diagnostics of what was read or skipped on the
  // way are appended to `diags`.
  std::optional<Document> next(Diagnostics& diags);

  const InputProgress& progress() const;
  // Files and directories that could not be read (each was a warning).
  std::size_t unreadable() const;
  // The files to read, in order (after expansion).
  const std::vector<InputFile>& files() const;

 private:
  std::optional<Document> next_document(Diagnostics& diags);
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace relgraph
