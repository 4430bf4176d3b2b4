// relgraph command line: a thin layer that dispatches to the commands (each in its own file,
// declared in cli.h), catches errors and maps them to exit codes. All printing happens in the
// cli folder; the stages below print nothing.
//
// Exit codes: 0 success; 1 rule files have errors (nothing written); 2 bad command line;
// 3 an input or output file could not be read or written; 4 internal error.
#include <iostream>
#include <string>

#include "cli/cli.h"

namespace relgraph::cli {
namespace {

const char* kMainHelp =
    "relgraph " RELGRAPH_VERSION
    " - turn news text into a knowledge graph\n"
    "\n"
    "Usage:\n"
    "  relgraph build [options] INPUT... [-o OUT]   extract a graph (JSON, GraphML, GEXF, ...)\n"
    "  relgraph rules check [options] [PATH]...     validate rule files, list what they define\n"
    "\n"
    "Questions about a graph G (.json or .graphml):\n"
    "  relgraph stats G                             sizes, types, relations, components, hubs\n"
    "  relgraph neighbors G ENTITY [options]        who ENTITY is linked to (--depth, --relation)\n"
    "  relgraph edges G [options]                   edges by --relation, --from, --to, --type\n"
    "  relgraph path G A B [options]                all shortest paths between two entities\n"
    "  relgraph rank G --by degree|pagerank|betweenness [--type T] [--top N]\n"
    "  relgraph subgraph G --around ENTITY --depth K -o OUT   the graph around an entity\n"
    "  relgraph convert IN OUT                      JSON or GraphML to any output format\n"
    "  relgraph merge G1 G2... -o OUT               one graph from several\n"
    "  relgraph report G -o report.html|report.md   a report: drawing, top entities, evidence\n"
    "  relgraph --version | --help\n"
    "\n"
    "Run 'relgraph COMMAND --help' for the options of a command.\n"
    "\n"
    "Exit codes: 0 ok, 1 rule errors, 2 bad command line, 3 cannot read or write a file,\n"
    "4 internal error.\n"
    "Queries: 0 found, 1 nothing found, 2 error (bad command line, unknown or ambiguous entity,\n"
    "unreadable graph file); --json, --jsonl and --tsv change the output.\n";

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
  if (cmd == "stats") return cmd_stats(argc - 1, argv + 1);
  if (cmd == "neighbors") return cmd_neighbors(argc - 1, argv + 1);
  if (cmd == "edges") return cmd_edges(argc - 1, argv + 1);
  if (cmd == "path") return cmd_path(argc - 1, argv + 1);
  if (cmd == "rank") return cmd_rank(argc - 1, argv + 1);
  if (cmd == "subgraph") return cmd_subgraph(argc - 1, argv + 1);
  if (cmd == "convert") return cmd_convert(argc - 1, argv + 1);
  if (cmd == "merge") return cmd_merge(argc - 1, argv + 1);
  if (cmd == "report") return cmd_report(argc - 1, argv + 1);
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
}  // namespace relgraph::cli

int main(int argc, char** argv) {
  using namespace relgraph::cli;
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
