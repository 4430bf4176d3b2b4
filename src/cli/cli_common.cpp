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
  write_files_atomically({{out, write}});
}

void write_files_atomically(const std::vector<OutputFile>& files) {
  namespace fs = std::filesystem;
  std::vector<fs::path> temporaries;
  const auto remove_temporaries = [&] {
    std::error_code ec;
    for (const fs::path& t : temporaries) fs::remove(t, ec);
  };
  try {
    for (const OutputFile& file : files) {
      fs::path tmp(file.path);
      tmp += ".tmp-relgraph";
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) throw IoError("cannot write " + tmp.string());
      temporaries.push_back(tmp);
      file.write(f);
      f.flush();
      if (!f) throw IoError("cannot write " + file.path);
    }
  } catch (...) {
    remove_temporaries();
    throw;
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    fs::rename(temporaries[i], files[i].path, ec);
    if (ec) {
      remove_temporaries();
      throw IoError("cannot write " + files[i].path + ": " + ec.message());
    }
  }
}

GraphFormat choose_graph_format(const std::string& out, const std::string& format_option) {
  GraphFormat format = GraphFormat::json;
  if (!format_option.empty()) {
    auto parsed = parse_graph_format(format_option);
    if (!parsed) {
      throw UsageError("unknown format '" + format_option + "' (" +
                       std::string(graph_format_names()) + ")");
    }
    format = *parsed;
  } else if (!out.empty() && out != "-") {
    auto by_ext = graph_format_for_path(out);
    if (!by_ext) throw UsageError("cannot tell the format of '" + out + "'; use --format");
    format = *by_ext;
  }
  if (!graph_format_is_single_file(format) && (out.empty() || out == "-")) {
    throw UsageError("--format neo4j writes two files; give -o PREFIX or -o DIR/");
  }
  return format;
}

std::vector<std::string> write_graph_output(const KnowledgeGraph& g, GraphFormat format,
                                            const std::string& out) {
  std::vector<std::string> written;
  if (out.empty() || out == "-") {
    write_atomically(out, [&](std::ostream& o) { write_graph(g, format, o); });
    return written;
  }
  std::vector<OutputFile> files;
  std::error_code ec;  // an unreadable path is not a directory; writing it will report
  for (const GraphOutputFile& f :
       graph_output_files(format, out, std::filesystem::is_directory(out, ec))) {
    files.push_back({f.path, [&g, format, part = f.part](std::ostream& o) {
                       write_graph_part(g, format, part, o);
                     }});
    written.push_back(f.path);
  }
  write_files_atomically(files);
  return written;
}

}  // namespace relgraph::cli
