// Reading inputs from the file system (see document.h).
#include "read/document.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace relgraph {
namespace fs = std::filesystem;

namespace {

bool hidden(const fs::path& p) {
  const std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

void walk(const fs::path& dir, std::set<std::string>& out, Diagnostics& diags) {
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) throw std::runtime_error("cannot read directory " + dir.string() + ": " + ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      diags.warning({dir.string(), 0, 0}, "stopped walking: " + ec.message());
      break;
    }
    if (hidden(it->path())) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec)) out.insert(it->path().string());
  }
}

}  // namespace

InputList expand_inputs(const std::vector<std::string>& arguments, Diagnostics& diags) {
  std::set<std::string> files;
  bool stdin_used = false;
  for (const std::string& arg : arguments) {
    if (arg == "-") {
      stdin_used = true;
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) throw std::runtime_error("no such file or directory: " + arg);
    if (fs::is_directory(st)) {
      walk(arg, files, diags);
    } else {
      files.insert(arg);
    }
  }
  InputList list;
  list.paths.assign(files.begin(), files.end());
  if (stdin_used) list.paths.push_back("-");
  return list;
}

Document read_document(const std::string& path) {
  Document doc;
  if (path == "-") {
    doc.name = "<stdin>";
    std::ostringstream ss;
    ss << std::cin.rdbuf();
    doc.bytes = ss.str();
    return doc;
  }
  doc.name = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  doc.bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("cannot read " + path);
  return doc;
}

bool looks_binary(const std::string& bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 8192);
  return std::find(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n), '\0') !=
         bytes.begin() + static_cast<std::ptrdiff_t>(n);
}

}  // namespace relgraph
