// The progress line of `relgraph build` on stderr: documents, megabytes read, speed and, when
// the total is known (no stdin), a bar and the time left.
//
// Shown only when stderr is a terminal (and TERM is not "dumb"), and only once the build has
// run for half a second, so short runs print nothing extra; redrawn at most ten times a second
// on one line ("\r", erased with ESC [K). clear() removes it before other output is printed
// (warnings, the summary), after which the next update draws it again.
#pragma once

#include <chrono>
#include <string>

#include "read/input_source.h"

namespace relgraph::cli {

class ProgressLine {
 public:
  // `enabled` false: every call does nothing (--quiet, or stderr is not a terminal).
  explicit ProgressLine(bool enabled);

  // Whether stderr is a terminal that can show the line.
  static bool stderr_is_terminal();

  void update(const InputProgress& progress);
  void clear();

  // The line for `progress` after `seconds`, at most `width` columns (for tests and update()).
  static std::string render(const InputProgress& progress, double seconds, std::size_t width);

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace relgraph::cli
