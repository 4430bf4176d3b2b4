// relgraph convert IN OUT: reads a graph (relgraph's, networkx's or another tool's node-link
// JSON or GraphML, or a binary graph) and writes it in any output format, atomically. Written
// as a binary graph (.rgx), it records IN's size, time and sampled hash: OUT = IN.rgx is then
// the cache that queries on IN read instead of IN.
#include <iostream>
#include <optional>

#include "cli/query_output.h"
#include "write/binary_graph.h"

namespace relgraph::cli {

int cmd_convert(int argc, char** argv) {
  cxxopts::Options opts("relgraph convert",
                        "Convert a graph between formats (json, graphml, rgx, ...).");
  opts.custom_help("IN OUT [options]");
  opts.positional_help("");
  opts.add_options()("f,format",
                     "output format: json, graphml, rgx, gexf... (default: by OUT's extension)",
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
  // A binary graph records the file it was made from (taken before reading it), which makes
  // IN.rgx a cache of IN that queries on IN use while IN is unchanged.
  std::optional<SourceStamp> source;
  if (format == GraphFormat::binary && pos[0] != "-") {
    try {
      source = stamp_file(pos[0]);
    } catch (const LoadError& e) {
      throw UsageError(e.what());
    }
  }
  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0]);
  const KnowledgeGraph& g = file->graph;
  if (format == GraphFormat::binary) {
    write_atomically(pos[1], [&](std::ostream& o) { write_binary_graph(g, o, source); });
  } else {
    write_graph_output(g, format, pos[1]);
  }
  if (!args.count("quiet")) {
    std::cerr << "relgraph: " << boost::num_vertices(g) << " node(s), " << boost::num_edges(g)
              << " edge(s)";
    if (pos[1] != "-") std::cerr << " -> " << pos[1];
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
