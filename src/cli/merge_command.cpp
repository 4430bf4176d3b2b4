// relgraph merge G1 G2... -o OUT: one graph from several (query::merge: nodes by entity id,
// evidence united without duplicates, weights recomputed), written atomically.
#include <iostream>
#include <memory>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_merge(int argc, char** argv) {
  cxxopts::Options opts("relgraph merge",
                        "Merge graphs: nodes by entity id, evidence united, weights recomputed.");
  opts.custom_help("G1 G2... [options] -o OUT");
  opts.positional_help("");
  opts.add_options()("o,output", "output file (.json or .graphml); '-' or none: JSON on stdout",
                     cxxopts::value<std::string>()->default_value(""))(
      "f,format", "output format: json or graphml (default: by extension)",
      cxxopts::value<std::string>()->default_value(""))("q,quiet", "print nothing but errors")(
      "h,help", "show this help")("args", "the graphs", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nMentions are added up: merge graphs built from different documents.\n"
              << kWriteExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.empty()) throw UsageError("expected graph files to merge (try 'relgraph merge --help')");
  const std::string out = args["output"].as<std::string>();
  const GraphFormat format = choose_graph_format(out, args["format"].as<std::string>());
  // Held by pointer: Boost's adjacency_list has no move constructor, so a vector of graphs
  // would copy each one.
  std::vector<std::unique_ptr<GraphFile>> graphs;
  std::vector<const KnowledgeGraph*> inputs;
  for (const std::string& p : pos) {
    graphs.push_back(load_graph_arg(p));
    inputs.push_back(&graphs.back()->graph);
  }
  const KnowledgeGraph merged = query::merge(inputs);
  write_graph_output(merged, format, out);
  if (!args.count("quiet")) {
    std::cerr << "relgraph: " << pos.size() << " graph(s), " << boost::num_vertices(merged)
              << " node(s), " << boost::num_edges(merged) << " edge(s)";
    if (!out.empty() && out != "-") std::cerr << " -> " << out;
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
