// relgraph convert IN OUT: reads a graph (relgraph's, networkx's or another tool's node-link
// JSON or GraphML) and writes it in relgraph's JSON or GraphML, atomically. GraphML carries no
// evidence offsets or dates (docs/formats.md), so they do not survive a trip through it.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_convert(int argc, char** argv) {
  cxxopts::Options opts("relgraph convert", "Convert a graph between node-link JSON and GraphML.");
  opts.custom_help("IN OUT [options]");
  opts.positional_help("");
  opts.add_options()("f,format", "output format: json or graphml (default: by OUT's extension)",
                     cxxopts::value<std::string>()->default_value(""))(
      "q,quiet", "print nothing but errors")("h,help", "show this help")(
      "args", "input and output ('-': stdin / stdout)", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help() << kWriteExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 2) {
    throw UsageError("expected an input and an output file (try 'relgraph convert --help')");
  }
  const GraphFormat format = choose_graph_format(pos[1], args["format"].as<std::string>());
  const KnowledgeGraph g = load_graph_arg(pos[0]);
  write_graph_output(g, format, pos[1]);
  if (!args.count("quiet")) {
    std::cerr << "relgraph: " << boost::num_vertices(g) << " node(s), " << boost::num_edges(g)
              << " edge(s)";
    if (pos[1] != "-") std::cerr << " -> " << pos[1];
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
