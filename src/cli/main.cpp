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
    "  relgraph build [options] INPUT... [-o OUT]   extract a graph (JSON or GraphML)\n"
    "  relgraph rules check [options] [PATH]...     validate rule files, list what they define\n"
    "  relgraph --version | --help\n"
    "\n"
    "Run 'relgraph COMMAND --help' for the options of a command.\n"
    "\n"
    "Exit codes: 0 ok, 1 rule errors, 2 bad command line, 3 cannot read or write a file,\n"
    "4 internal error.\n";

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
