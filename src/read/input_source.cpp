// InputSource: documents one at a time from the expanded inputs (see input_source.h).
#include "read/input_source.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <istream>
#include <map>
#include <sstream>
#include <string>

#include "read/date.h"
#include "read/decode.h"
#include "read/html_text.h"
#include "unicode/ascii.h"
#include "unicode/utf8.h"

namespace relgraph {

namespace {

// Reads a whole file (or stdin for "-"); false with `error` set (strerror) on failure.
// `expected` (the size seen when the inputs were listed) sizes the buffer, so a file that
// has not changed since is read straight into it; one that grew or shrank is still read whole.
// A read of a `regular` file with a size that returns less than asked for has reached its end,
// so the usual file takes one read, not a second one that returns 0. Pipes and devices, and
// files that say they are empty (such as /proc's, which come a page per read), read on to 0.
bool read_whole(const std::string& path, std::uint64_t expected, bool regular, std::string& bytes,
                std::string& error) {
  if (path == "-") {
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    bytes = ss.str();
    if (std::cin.bad()) {
      error = "read error";
      return false;
    }
    return true;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  bytes.resize(static_cast<std::size_t>(expected) + 1);  // one more byte: end of file seen
  std::size_t used = 0;
  while (true) {
    if (used == bytes.size()) bytes.resize(bytes.size() * 2);
    const ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (regular && expected > 0 && used < bytes.size()) break;
  }
  ::close(fd);
  bytes.resize(used);
  return true;
}

// 1-based column in code points of a byte offset in `line`.
int column_of(std::string_view line, std::size_t offset) {
  int column = 1;
  for (std::size_t i = 0; i < offset && i < line.size(); ++column) {
    char32_t cp = 0;
    i += decode_utf8(line, i, cp);
  }
  return column;
}

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string plural(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

std::optional<InputFormat> parse_input_format(std::string_view name) {
  const std::string n = ascii_lower(name);
  if (n == "auto") return InputFormat::automatic;
  if (n == "text" || n == "txt" || n == "plain") return InputFormat::text;
  if (n == "jsonl" || n == "ndjson" || n == "jsonlines") return InputFormat::jsonl;
  if (n == "html" || n == "htm") return InputFormat::html;
  return std::nullopt;
}

InputFormat input_format_for_path(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return InputFormat::text;
  const std::string ext = ascii_lower(file.substr(dot + 1));
  if (ext == "jsonl" || ext == "ndjson") return InputFormat::jsonl;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return InputFormat::html;
  return InputFormat::text;
}

std::size_t cut_point(std::string_view text, std::size_t from, std::size_t max) {
  if (text.size() - from <= max) return text.size();
  const std::string_view window = text.substr(from, max);
  const std::size_t half = max / 2;
  // After a line break, else after a sentence end and its space, else after a space.
  if (const std::size_t nl = window.rfind('\n'); nl != std::string_view::npos && nl >= half) {
    return from + nl + 1;
  }
  for (std::size_t i = window.size() - 1; i > half; --i) {
    if (window[i] == ' ' &&
        (window[i - 1] == '.' || window[i - 1] == '?' || window[i - 1] == '!')) {
      return from + i + 1;
    }
  }
  if (const std::size_t sp = window.rfind(' '); sp != std::string_view::npos && sp >= half) {
    return from + sp + 1;
  }
  std::size_t end = from + max;  // not inside a UTF-8 sequence
  while (end > from + 1 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

struct InputSource::State {
  std::optional<Document> large;  // a document being handed out in parts
  std::size_t large_pos = 0, large_part = 0;
  InputOptions options;
  InputList list;
  InputProgress progress;
  std::size_t next_file = 0;
  std::size_t unreadable = 0;

  // The JSON Lines file being read, if any.
  std::string lines_file;
  std::unique_ptr<std::istream> owned_stream;
  std::istream* lines = nullptr;
  std::size_t line_number = 0;
  std::map<std::string, std::string> seen_ids;  // id -> FILE:LINE where first seen

  std::size_t file_documents = 0;  // documents of the current file so far

  // Ends the current file; with InputOptions::report_files, a note of what it gave.
  void finish_file(const std::string& path, Diagnostics& diags) {
    if (options.report_files && file_documents > 0) {
      diags.note({display_name(path), 0, 0}, plural(file_documents, "document") + " read");
    }
    file_documents = 0;
    ++progress.files_done;
    lines = nullptr;
    owned_stream.reset();
  }

  void set_date(Document& doc, const std::string& raw, SourceLocation where, Diagnostics& diags) {
    if (raw.empty()) return;
    if (std::optional<std::string> iso = normalise_date(raw)) {
      doc.date = std::move(*iso);
    } else {
      diags.warning(std::move(where),
                    "unrecognised date '" + raw.substr(0, 80) + "'; the document has no date");
    }
  }

  void report_repairs(const DecodedText& d, const SourceLocation& where, Diagnostics& diags) {
    if (d.invalid_units > 0) {
      diags.warning(where, std::to_string(d.invalid_units) + " malformed " +
                               encoding_name(d.encoding) + " sequence(s) replaced with U+FFFD");
    }
    if (d.nul_bytes > 0) {
      diags.warning(where, plural(d.nul_bytes, "NUL byte") + " replaced with spaces");
    }
    if (d.invalid_bytes > 0) {
      diags.warning(
          where, std::to_string(d.invalid_bytes) + " invalid UTF-8 byte(s) replaced with U+FFFD");
    }
  }

  // Opens a JSON Lines file; false if it cannot be read. A file with a BOM is decoded in
  // memory first when it is UTF-16/32 (rare), or read after its UTF-8 BOM.
  bool open_lines(const std::string& path, Diagnostics& diags) {
    lines_file = path;
    line_number = 0;
    auto slurp = [&](std::istream& in) {
      std::ostringstream all;
      all << in.rdbuf();
      DecodedText d = decode_text(all.str());
      progress.bytes_done += d.bom_bytes;  // the rest is counted line by line
      owned_stream = std::make_unique<std::istringstream>(std::move(d.text));
      lines = owned_stream.get();
    };
    if (path == "-") {
      const int c = std::cin.peek();
      if (c == 0xEF || c == 0xFF || c == 0xFE || c == 0x00) {
        slurp(std::cin);
      } else {
        lines = &std::cin;
      }
      return true;
    }
    auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
    if (!*file) {
      diags.warning({path, 0, 0},
                    std::string("cannot open: ") + std::strerror(errno) + "; skipped");
      ++unreadable;
      return false;
    }
    char head[4] = {0, 0, 0, 0};
    file->read(head, 4);
    const TextEncoding bom =
        detect_bom(std::string_view(head, static_cast<std::size_t>(file->gcount())));
    file->clear();
    file->seekg(0);
    if (bom != TextEncoding::utf8) {
      slurp(*file);
      return true;
    }
    owned_stream = std::move(file);
    lines = owned_stream.get();
    return true;
  }

  std::optional<Document> next_line(Diagnostics& diags) {
    std::string line;
    while (std::getline(*lines, line)) {
      ++line_number;
      progress.bytes_done += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      const std::string where_name = display_name(lines_file);
      SourceLocation where{where_name, static_cast<int>(line_number), 0};
      JsonlRecord record;
      JsonlError error;
      if (!parse_jsonl_record(line, options.fields, record, error)) {
        const bool syntax = error.offset != JsonlError::kNoOffset;
        if (syntax) where.column = column_of(line, error.offset);
        diags.warning(where, error.message + "; line skipped",
                      syntax && line.size() <= 300 ? line : std::string());
        continue;
      }
      Document doc;
      doc.file = lines_file;
      doc.line = line_number;
      const std::string location = where_name + ":" + std::to_string(line_number);
      doc.name = record.id.empty() ? location : record.id;
      if (!record.id.empty()) {
        auto [it, fresh] = seen_ids.emplace(record.id, location);
        if (!fresh) {
          diags.warning(where, "duplicate id '" + record.id + "' (first at " + it->second +
                                   "); line skipped");
          continue;
        }
      }
      doc.title = record.title;
      doc.url = record.url;
      if (!record.title.empty() && record.text.rfind(record.title, 0) != 0) {
        doc.text = record.title + "\n\n" + record.text;
      } else {
        doc.text = std::move(record.text);
      }
      std::size_t nul = 0;
      for (char& c : doc.text) {
        if (c == '\0') {
          c = ' ';
          ++nul;
        }
      }
      if (nul > 0) diags.warning(where, plural(nul, "NUL character") + " replaced with spaces");
      if (const std::size_t bad = count_invalid_utf8(doc.text); bad > 0) {
        diags.warning(where, std::to_string(bad) + " invalid UTF-8 byte(s) replaced with U+FFFD");
      }
      set_date(doc, record.date, where, diags);
      ++progress.documents;
      ++file_documents;
      return doc;
    }
    if (lines->bad()) {
      diags.warning({display_name(lines_file), static_cast<int>(line_number), 0},
                    "read error; the rest of the file skipped");
      ++unreadable;
    }
    finish_file(lines_file, diags);
    return std::nullopt;
  }

  std::optional<Document> whole_file(const InputFile& file, InputFormat format,
                                     Diagnostics& diags) {
    const std::string name = display_name(file.path);
    const SourceLocation where{name, 0, 0};
    std::string bytes;
    std::string error;
    const bool ok = read_whole(file.path, file.size, file.regular, bytes, error);
    progress.bytes_done += file.path == "-" ? bytes.size() : file.size;
    ++progress.files_done;
    if (!ok) {
      diags.warning(where, "cannot read: " + error + "; skipped");
      ++unreadable;
      return std::nullopt;
    }
    if (bytes.empty()) {
      diags.warning(where, "empty file skipped");
      return std::nullopt;
    }
    Document doc;
    doc.name = name;
    doc.file = file.path;
    if (format == InputFormat::html) {
      const TextEncoding bom = detect_bom(bytes);
      HtmlPage page;
      if (bom != TextEncoding::utf8) {
        DecodedText d = decode_text(std::move(bytes));
        report_repairs(d, where, diags);
        page = html_to_text(d.text, "utf-8");
      } else {
        const std::string charset = sniff_html_charset(bytes);
        const bool utf8 = charset.empty() || charset == "utf-8" || charset == "utf8";
        if (looks_binary(bytes, utf8)) {
          diags.warning(where, "binary file skipped");
          return std::nullopt;
        }
        page = html_to_text(bytes);
      }
      if (page.text.find_first_not_of(" \n") == std::string::npos) {
        diags.warning(where, "no text in the page; skipped");
        return std::nullopt;
      }
      doc.text = std::move(page.text);
      doc.title = std::move(page.title);
      doc.url = std::move(page.url);
      set_date(doc, page.date, where, diags);
      if (const std::size_t bad = count_invalid_utf8(doc.text); bad > 0) {
        diags.warning(where, std::to_string(bad) + " invalid UTF-8 byte(s) replaced with U+FFFD");
      }
    } else {
      DecodedText d = decode_text(std::move(bytes));
      if (d.binary) {
        diags.warning(where, "binary file skipped");
        return std::nullopt;
      }
      report_repairs(d, where, diags);
      if (d.text.empty()) {
        diags.warning(where, "empty file skipped");
        return std::nullopt;
      }
      doc.text = std::move(d.text);
    }
    ++progress.documents;
    if (options.report_files) diags.note(where, "1 document read");
    return doc;
  }
};

InputSource::InputSource(const std::vector<std::string>& arguments, InputOptions options,
                         Diagnostics& diags)
    : state_(std::make_unique<State>()) {
  state_->options = std::move(options);
  state_->list = expand_inputs(arguments, state_->options.filters, diags);
  state_->unreadable = state_->list.unreadable;
  InputProgress& p = state_->progress;
  p.files_total = state_->list.files.size();
  for (const InputFile& f : state_->list.files) {
    if (f.path == "-") p.size_known = false;
    p.bytes_total += f.size;
  }
}

InputSource::~InputSource() = default;

std::optional<Document> InputSource::next(Diagnostics& diags) {
  State& s = *state_;
  if (!s.large) {
    std::optional<Document> doc = next_document(diags);
    if (!doc || s.options.part_bytes == 0 || doc->text.size() <= s.options.part_bytes) return doc;
    diags.note({doc->line > 0 ? doc->file : doc->name, static_cast<int>(doc->line), 0},
               "a document of " + std::to_string(doc->text.size()) +
                   " bytes is read in parts of at most " + std::to_string(s.options.part_bytes));
    s.large = std::move(doc);
    s.large_pos = 0;
    s.large_part = 0;
  }
  const std::string& text = s.large->text;
  const std::size_t end = cut_point(text, s.large_pos, s.options.part_bytes);
  Document part;
  part.name = s.large->name + " (part " + std::to_string(++s.large_part) + ")";
  part.text = text.substr(s.large_pos, end - s.large_pos);
  part.offset = s.large_pos;
  part.date = s.large->date;
  part.title = s.large->title;
  part.url = s.large->url;
  part.file = s.large->file;
  part.line = s.large->line;
  s.large_pos = end;
  if (end >= text.size()) s.large.reset();
  return part;
}

std::optional<Document> InputSource::next_document(Diagnostics& diags) {
  State& s = *state_;
  while (true) {
    if (s.lines) {
      if (std::optional<Document> doc = s.next_line(diags)) return doc;
      continue;
    }
    if (s.next_file >= s.list.files.size()) return std::nullopt;
    const InputFile& file = s.list.files[s.next_file++];
    InputFormat format = s.options.format;
    if (format == InputFormat::automatic) {
      format = file.path == "-" ? InputFormat::text : input_format_for_path(file.path);
    }
    if (format == InputFormat::jsonl) {
      if (!s.open_lines(file.path, diags)) s.finish_file(file.path, diags);
      continue;
    }
    if (std::optional<Document> doc = s.whole_file(file, format, diags)) return doc;
  }
}

const InputProgress& InputSource::progress() const { return state_->progress; }

std::size_t InputSource::unreadable() const { return state_->unreadable; }

const std::vector<InputFile>& InputSource::files() const { return state_->list.files; }

}  // namespace relgraph
