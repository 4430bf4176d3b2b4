// relgraph command line: a thin layer that parses options (cxxopts), wires the stages and maps
// failures to exit codes. All printing happens here.
//
// Exit codes: 0 success; 1 rule files have errors (nothing written); 2 bad command line;
// 3 an input or output file could not be read or written; 4 internal error.
#include <cxxopts.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "pipeline/extractor.h"
#include "read/document.h"
#include "rules/rule_parser.h"
#include "write/graph_writer.h"

#ifndef RELGRAPH_VERSION
#define RELGRAPH_VERSION "0.0.0"
#endif

namespace relgraph {
namespace {

enum Exit { kOk = 0, kRuleErrors = 1, kUsage = 2, kIoError = 3, kInternal = 4 };

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

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

const char* kMainHelp =
    "relgraph " RELGRAPH_VERSION
    " - turn news text into a knowledge graph\n"
    "\n"
    "Usage:\n"
    "  relgraph build [options] INPUT... [-o OUT]   extract a graph (JSON or GraphML)\n"
    "  relgraph rules check [options] [PATH]...     validate rule files, list what they define\n"
    "  relgraph --version | --help\n"
    "\n"
    "Run 'relgraph COMMAND --help' for the options of a command.\n"
    "\n"
    "Exit codes: 0 ok, 1 rule errors, 2 bad command line, 3 cannot read or write a file,\n"
    "4 internal error.\n";

// Loads the builtin pack (unless disabled) and the user's paths; prints diagnostics.
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

void write_output(const KnowledgeGraph& g, GraphFormat format, const std::string& out) {
  if (out.empty() || out == "-") {
    write_graph(g, format, std::cout);
    std::cout.flush();
    return;
  }
  // Write next to the target, then rename: a failed run never leaves a half-written graph.
  namespace fs = std::filesystem;
  const fs::path target(out);
  fs::path tmp = target;
  tmp += ".tmp-relgraph";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) throw IoError("cannot write " + tmp.string());
    write_graph(g, format, f);
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

int cmd_build(int argc, char** argv) {
  cxxopts::Options opts("relgraph build", "Extract a knowledge graph from news text.");
  opts.custom_help("[options] INPUT... [-o OUT]");
  opts.positional_help("");
  opts.add_options()("o,output", "output file (.json or .graphml); '-' or none: JSON on stdout",
                     cxxopts::value<std::string>()->default_value(""))(
      "f,format", "output format: json or graphml (default: by extension)",
      cxxopts::value<std::string>()->default_value(""))(
      "r,rules", "rule file or folder, added to the starter pack (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "no-default-rules", "do not load the starter pack compiled into relgraph")(
      "q,quiet", "print nothing but errors")(
      "explain", "print how every sentence was read (names, roles, triggers, edges) to stderr")(
      "h,help", "show this help")("inputs", "files, folders (recursive) or - for stdin",
                                  cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"inputs"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nExit codes: 0 ok, 1 rule errors, 2 bad command line, 3 cannot "
                 "read or write a file.\n";
    return kOk;
  }
  if (!args.count("inputs")) throw UsageError("no INPUT given (try 'relgraph build --help')");
  const std::string out = args["output"].as<std::string>();
  GraphFormat format = GraphFormat::json;
  if (const std::string f = args["format"].as<std::string>(); !f.empty()) {
    auto parsed = parse_graph_format(f);
    if (!parsed) throw UsageError("unknown format '" + f + "' (json, graphml)");
    format = *parsed;
  } else if (!out.empty() && out != "-") {
    auto by_ext = graph_format_for_path(out);
    if (!by_ext) throw UsageError("cannot tell the format of '" + out + "'; use --format");
    format = *by_ext;
  }
  const bool quiet = args.count("quiet") > 0;

  Diagnostics diags;
  std::vector<std::string> rule_paths;
  if (args.count("rules")) rule_paths = args["rules"].as<std::vector<std::string>>();
  const RuleSet rules = load_all_rules(rule_paths, !args.count("no-default-rules"), diags);
  if (diags.has_errors()) {
    print_diagnostics(diags);
    std::cerr << "relgraph: " << diags.error_count()
              << " error(s) in rule files; nothing written\n";
    return kRuleErrors;
  }
  if (!quiet) print_diagnostics(diags);

  Diagnostics input_diags;
  InputList inputs;
  try {
    inputs = expand_inputs(args["inputs"].as<std::vector<std::string>>(), input_diags);
  } catch (const std::exception& e) {
    throw IoError(e.what());
  }
  const Extractor extractor(rules);
  GraphBuilder builder(rules);
  std::size_t documents = 0;
  for (const std::string& path : inputs.paths) {
    Document doc;
    try {
      doc = read_document(path);
    } catch (const std::exception& e) {
      throw IoError(e.what());
    }
    if (doc.bytes.empty()) {
      input_diags.warning({doc.name, 0, 0}, "empty file skipped");
      continue;
    }
    if (looks_binary(doc.bytes)) {
      input_diags.warning({doc.name, 0, 0}, "binary file skipped");
      continue;
    }
    if (const std::size_t bad = count_invalid_utf8(doc.bytes); bad > 0) {
      input_diags.warning({doc.name, 0, 0},
                          std::to_string(bad) + " invalid UTF-8 byte(s) replaced with U+FFFD");
    }
    if (args.count("explain")) {
      std::string trace;
      builder.add(extractor.extract(doc.bytes, doc.name, &trace));
      std::cerr << doc.name << ":\n" << trace;
    } else {
      builder.add(extractor.extract(doc.bytes, doc.name));
    }
    ++documents;
  }
  const KnowledgeGraph g = builder.build();
  write_output(g, format, out);
  if (!quiet) {
    print_diagnostics(input_diags);
    std::cerr << "relgraph: " << documents << " document(s), " << boost::num_vertices(g)
              << " node(s), " << boost::num_edges(g) << " edge(s)";
    if (!out.empty() && out != "-") std::cerr << " -> " << out;
    std::cerr << "\n";
  }
  return kOk;
}

int cmd_rules_check(int argc, char** argv) {
  cxxopts::Options opts("relgraph rules check", "Validate rule files and list what they define.");
  opts.custom_help("[options] [PATH]...");
  opts.positional_help("");
  opts.add_options()("no-default-rules", "check only the given files, without the starter pack")(
      "q,quiet", "print only diagnostics")("h,help", "show this help")(
      "paths", "rule files or folders", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"paths"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nWith no PATH, checks the starter pack. Exit codes: 0 no errors (warnings "
                 "allowed), 1 errors, 2 bad command line, 3 cannot read a file.\n";
    return kOk;
  }
  std::vector<std::string> paths;
  if (args.count("paths")) paths = args["paths"].as<std::vector<std::string>>();
  Diagnostics diags;
  const RuleSet rules = load_all_rules(paths, !args.count("no-default-rules"), diags);
  print_diagnostics(diags);
  if (!args.count("quiet")) {
    std::map<std::string, std::size_t> by_type;
    std::size_t aliases = 0;
    for (const Entity& e : rules.entities) {
      ++by_type[e.type];
      aliases += e.aliases.size();
    }
    std::cout << "types:     " << rules.types.size() << "\n";
    std::cout << "entities:  " << rules.entities.size() << " (" << aliases << " aliases)\n";
    for (const auto& [type, n] : by_type) std::cout << "  " << type << ": " << n << "\n";
    std::cout << "groups:    " << rules.groups.size() << "\n";
    std::cout << "relations: " << rules.relations.size() << "\n";
    for (const RelationType& r : rules.relations)
      std::cout << "  " << r.name << (r.symmetric ? " (symmetric)" : " (directed)") << ": "
                << r.triggers.size() << " triggers\n";
    std::cout << "lexicons:  " << rules.lexicons.size() << "\n";
    std::cout << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)\n";
  }
  return diags.has_errors() ? kRuleErrors : kOk;
}

int run(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kMainHelp;
    return kUsage;
  }
  const std::string cmd = argv[1];
  if (cmd == "-h" || cmd == "--help" || cmd == "help") {
    std::cout << kMainHelp;
    return kOk;
  }
  if (cmd == "--version" || cmd == "-V") {
    std::cout << "relgraph " RELGRAPH_VERSION "\n";
    return kOk;
  }
  if (cmd == "build") return cmd_build(argc - 1, argv + 1);
  if (cmd == "rules") {
    if (argc >= 3 && std::string(argv[2]) == "check") return cmd_rules_check(argc - 2, argv + 2);
    if (argc >= 3 && (std::string(argv[2]) == "--help" || std::string(argv[2]) == "-h")) {
      std::cout << "Usage: relgraph rules check [options] [PATH]...\n";
      return kOk;
    }
    throw UsageError("unknown 'rules' command (try 'relgraph rules check')");
  }
  throw UsageError("unknown command '" + cmd + "' (try 'relgraph --help')");
}

}  // namespace
}  // namespace relgraph

int main(int argc, char** argv) {
  using namespace relgraph;
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::cerr << "relgraph: " << e.what() << "\n";
    return kUsage;
  } catch (const IoError& e) {
    std::cerr << "relgraph: " << e.what() << "\n";
    return kIoError;
  } catch (const std::exception& e) {
    std::cerr << "relgraph: internal error: " << e.what() << "\n";
    return kInternal;
  }
}
