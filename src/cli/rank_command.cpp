// relgraph rank G --by degree|pagerank|betweenness: the most central entities, optionally of
// one type. Prints only; the scores come from query::rank (Boost.Graph's page_rank and
// brandes_betweenness_centrality).
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_rank(int argc, char** argv) {
  cxxopts::Options opts("relgraph rank", "Entities ranked by a centrality measure.");
  opts.custom_help("G --by degree|pagerank|betweenness [options]");
  opts.positional_help("");
  opts.add_options()("by", "degree (edges), pagerank (directed) or betweenness (undirected)",
                     cxxopts::value<std::string>())(
      "type", "only entities of this type (scores use the whole graph)",
      cxxopts::value<std::string>())("top", "how many to list (0: all)",
                                     cxxopts::value<int>()->default_value("10"))(
      "h,help", "show this help")("args", "the graph", cxxopts::value<std::vector<std::string>>());
  add_output_options(opts);
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\npagerank: damping 0.85, symmetric relations count both ways, rank of nodes "
                 "without\nout-edges spread evenly (as networkx's pagerank). betweenness: "
                 "normalised as networkx's,\non the undirected graph; it takes time O(nodes x "
                 "edges).\n"
              << kQueryExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 1) throw UsageError("expected one graph file (try 'relgraph rank --help')");
  if (!args.count("by")) throw UsageError("--by is required: degree, pagerank or betweenness");
  query::RankOptions options;
  const std::string by = args["by"].as<std::string>();
  if (by == "degree") {
    options.by = query::Measure::degree;
  } else if (by == "pagerank") {
    options.by = query::Measure::pagerank;
  } else if (by == "betweenness") {
    options.by = query::Measure::betweenness;
  } else {
    throw UsageError("--by must be degree, pagerank or betweenness, not '" + by + "'");
  }
  if (args.count("type")) options.type = args["type"].as<std::string>();
  const int top = args["top"].as<int>();
  if (top < 0) throw UsageError("--top must be 0 or more");
  options.top = static_cast<std::size_t>(top);
  const OutputMode mode = output_mode(args);

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0], EvidenceNeed::on_demand);
  const KnowledgeGraph& g = file->graph;  // evidence is not needed to rank
  note_unknown_type(g, options.type);
  const std::vector<query::Scored> ranked = query::rank(g, options);

  ResultTable t;
  t.columns = {{"rank", true}, {"entity"}, {"label"}, {"type"}, {by, true}};
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const NodeProperties& n = g[ranked[i].vertex];
    Row& row = t.rows.emplace_back();
    row.cells = {static_cast<std::int64_t>(i + 1), n.id, n.label, n.type};
    if (options.by == query::Measure::degree) {
      row.cells.emplace_back(std::in_place_type<std::int64_t>,
                             static_cast<std::int64_t>(ranked[i].score));
    } else {
      row.cells.emplace_back(std::in_place_type<double>, ranked[i].score);
    }
  }
  print_results(std::cout, t, mode, [&](JsonWriter& w) {
    w.StartObject();
    w.Key("by");
    json_string(w, by);
    if (!options.type.empty()) {
      w.Key("type");
      json_string(w, options.type);
    }
    w.Key("count");
    w.Uint64(t.rows.size());
    w.Key("results");
    w.StartArray();
    for (const Row& r : t.rows) json_row(w, t, r);
    w.EndArray();
    w.EndObject();
  });
  if (ranked.empty()) {
    if (mode == OutputMode::table) std::cerr << "relgraph: no entity to rank\n";
    return kNothingFound;
  }
  return kOk;
}

}  // namespace relgraph::cli
