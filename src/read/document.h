// Reading inputs: expanding paths into documents and loading their bytes.
//
// expand_inputs() turns the user's INPUT arguments (files, directories searched recursively,
// "-" for stdin) into a sorted, de-duplicated list; read_document() loads one input's bytes
// as they are (no decoding: the normalise stage repairs invalid UTF-8 and keeps offsets into
// these bytes). This is the pipeline's only stage that touches the file system; failures to
// read are std::runtime_error, skipped inputs (binary files, empty files) are diagnostics.
#pragma once

#include <string>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "unicode/utf8.h"

namespace relgraph {

struct Document {
  std::string name;   // the path as given (or "<stdin>")
  std::string bytes;  // raw content
};

struct InputList {
  std::vector<std::string> paths;  // files, sorted; "-" stands for stdin
};

// Directories are walked recursively (hidden entries skipped, symlink loops not followed).
// Throws std::runtime_error for a path that does not exist or cannot be listed.
InputList expand_inputs(const std::vector<std::string>& arguments, Diagnostics& diags);

// Loads a file (or stdin for "-"). Throws std::runtime_error when it cannot be read.
Document read_document(const std::string& path);

// True when the bytes look like a binary file (NUL bytes in the first 8 KiB).
bool looks_binary(const std::string& bytes);

}  // namespace relgraph
