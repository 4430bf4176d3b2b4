// relgraph rules check: validate rule files and list what they define.
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace relgraph::cli {

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

}  // namespace relgraph::cli
