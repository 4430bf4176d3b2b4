// Shared pieces of the relgraph command line (see cli.h).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/cli.h"
#include "rules/rule_parser.h"

namespace relgraph::cli {

cxxopts::ParseResult parse_options(cxxopts::Options& opts, int argc, char** argv) {
  try {
    return opts.parse(argc, argv);
  } catch (const std::exception& e) {
    throw UsageError(e.what());
  }
}

void print_diagnostics(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.all()) std::cerr << format(d);
}

RuleSet load_all_rules(const std::vector<std::string>& paths, bool builtin, Diagnostics& diags) {
  std::vector<RuleSource> sources;
  if (builtin) sources = builtin_rules();
  std::vector<RuleSource> user;
  try {
    user = read_rule_paths(paths);
  } catch (const std::exception& e) {
    throw IoError(e.what());
  }
  sources.insert(sources.end(), user.begin(), user.end());
  return load_rules(sources, diags);
}

void write_atomically(const std::string& out, const std::function<void(std::ostream&)>& write) {
  if (out.empty() || out == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target(out);
  fs::path tmp = target;
  tmp += ".tmp-relgraph";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw IoError("cannot write " + tmp.string());
    write(f);
    f.flush();
    if (!f) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw IoError("cannot write " + out);
    }
  }
  std::error_code ec;
  fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    throw IoError("cannot write " + out + ": " + ec.message());
  }
}

}  // namespace relgraph::cli
