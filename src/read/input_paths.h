// Expanding the user's INPUT arguments into the list of files to read.
//
// An argument is a file (always read, whatever its name), a directory (walked recursively:
// hidden entries skipped, entries sorted, symbolic links followed but a link back to a
// directory being walked is a loop and skipped with a warning), "-" for stdin, or a quoted
// glob that the shell did not expand ("news/*.jsonl", "archive/**/*.html": * and ? do not
// cross '/', ** crosses any number of directories, [abc] and [!a-z] are classes). Files found
// in directories or by globs must match one --include pattern (when there are any) and no
// --exclude pattern; a pattern without '/' is matched against the file name, one with '/'
// against the path below the directory or the fixed part of the glob. --exclude also prunes
// directories. A directory that cannot be read is a warning (and counted); a path that does
// not exist, or a glob that matches nothing, throws std::runtime_error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.h"

namespace relgraph {

struct PathFilters {
  std::vector<std::string> include, exclude;
};

struct InputFile {
  std::string path;        // "-" for stdin
  std::uint64_t size = 0;  // bytes when known (0 for stdin)
  bool regular = false;    // a regular file when listed (not a pipe, a device or stdin)
};

struct InputList {
  std::vector<InputFile> files;  // sorted by path, distinct; stdin last
  std::size_t unreadable = 0;    // directories that could not be read
};

InputList expand_inputs(const std::vector<std::string>& arguments, const PathFilters& filters,
                        Diagnostics& diags);

// Shell-style matching of a whole path: * and ? within one path component, ** across
// components ("a/**/b" also matches "a/b"), [...] classes with ranges and ! or ^ negation,
// \ escapes the next character. ? and classes match one UTF-8 character.
bool glob_match(std::string_view pattern, std::string_view path);

// Whether an argument is a glob pattern (holds *, ? or [).
bool is_glob(std::string_view argument);

}  // namespace relgraph
