// Diagnostics: user mistakes (in rule files or input) collected as values.
//
// A Diagnostic names a place (file, 1-based line and column in code points) and says what is
// wrong. Stages append to a Diagnostics list and go on; nothing here prints. format() renders
// one diagnostic compiler-style, with the source line and a caret aligned by display width.
// Environmental failures (a file that cannot be read) are exceptions, not diagnostics.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace relgraph {

struct SourceLocation {
  std::string file;  // path as given by the user, or "<stdin>", "<builtin>/x.rules"
  int line = 0;      // 1-based; 0 when the diagnostic is about the whole file
  int column = 0;    // 1-based, in code points; 0 when unknown
};

enum class Severity { note, warning, error };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  std::string message;
  std::string source_line;  // the text of the line, without its newline; may be empty
};

class Diagnostics {
 public:
  void add(Severity severity, SourceLocation where, std::string message,
           std::string source_line = {});
  void error(SourceLocation where, std::string message, std::string source_line = {}) {
    add(Severity::error, std::move(where), std::move(message), std::move(source_line));
  }
  void warning(SourceLocation where, std::string message, std::string source_line = {}) {
    add(Severity::warning, std::move(where), std::move(message), std::move(source_line));
  }
  void note(SourceLocation where, std::string message, std::string source_line = {}) {
    add(Severity::note, std::move(where), std::move(message), std::move(source_line));
  }
  void append(const Diagnostics& other);

  const std::vector<Diagnostic>& all() const { return items_; }
  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<Diagnostic> items_;
};

// "file:line:column: error: message" followed, when the source line is known, by the line and
// a caret under the column. Ends with a newline.
std::string format(const Diagnostic& d);

// Terminal display width of UTF-8 text (East Asian wide and fullwidth characters count 2,
// combining marks 0). Invalid bytes count 1.
std::size_t display_width(std::string_view utf8);

}  // namespace relgraph
