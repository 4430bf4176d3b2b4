// relgraph subgraph G --around ENTITY --depth K -o OUT: writes the part of the graph within K
// steps of an entity (query::subgraph) as JSON or GraphML, atomically.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_subgraph(int argc, char** argv) {
  cxxopts::Options opts("relgraph subgraph",
                        "Write the entities within --depth steps of --around, and the edges "
                        "among them.");
  opts.custom_help("G --around ENTITY [--depth K] [options] -o OUT");
  opts.positional_help("");
  opts.add_options()("around", "the centre entity (id, label or alias)",
                     cxxopts::value<std::string>())("depth", "steps to follow, either direction",
                                                    cxxopts::value<int>()->default_value("1"))(
      "r,relation", "only edges of this relation (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "o,output", "output file (.json or .graphml); '-' or none: JSON on stdout",
      cxxopts::value<std::string>()->default_value(""))(
      "f,format", "output format: json or graphml (default: by extension)",
      cxxopts::value<std::string>()->default_value(""))("q,quiet", "print nothing but errors")(
      "h,help", "show this help")("args", "the graph", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help() << kWriteExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 1) throw UsageError("expected one graph file (try 'relgraph subgraph --help')");
  if (!args.count("around")) throw UsageError("--around ENTITY is required");
  const int depth = args["depth"].as<int>();
  if (depth < 0) throw UsageError("--depth must be 0 or more");
  query::Relations relations;
  if (args.count("relation")) relations = args["relation"].as<std::vector<std::string>>();
  const std::string out = args["output"].as<std::string>();
  const GraphFormat format = choose_graph_format(out, args["format"].as<std::string>());

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0]);
  const KnowledgeGraph& g = file->graph;
  const query::EntityIndex index(g);
  const query::Vertex center = resolve_entity(g, index, args["around"].as<std::string>());
  note_unknown_relations(g, relations);
  const KnowledgeGraph sub = query::subgraph(g, center, static_cast<std::size_t>(depth), relations);
  write_graph_output(sub, format, out);
  if (!args.count("quiet")) {
    std::cerr << "relgraph: " << boost::num_vertices(sub) << " node(s), " << boost::num_edges(sub)
              << " edge(s) within " << depth << " step(s) of " << g[center].id;
    if (!out.empty() && out != "-") std::cerr << " -> " << out;
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
