// relgraph edges G: the edges that pass every filter (relation, source, target, entity type,
// minimum weight), optionally with their evidence. Prints only; the filtering is query::edges.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_edges(int argc, char** argv) {
  cxxopts::Options opts("relgraph edges", "The edges that pass every filter given.");
  opts.custom_help("G [options]");
  opts.positional_help("");
  opts.add_options()("r,relation", "only this relation (repeatable)",
                     cxxopts::value<std::vector<std::string>>())(
      "from", "source entity (id, label or alias)", cxxopts::value<std::string>())(
      "to", "target entity (id, label or alias)", cxxopts::value<std::string>())(
      "type", "an endpoint has this entity type", cxxopts::value<std::string>())(
      "min-weight", "at least this many supporting sentences",
      cxxopts::value<double>()->default_value("0"))(
      "evidence", "show the sentences behind each edge")("h,help", "show this help")(
      "args", "the graph", cxxopts::value<std::vector<std::string>>());
  add_output_options(opts);
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nA symmetric relation (partners-with) matches --from and --to either way "
                 "round.\n"
              << kQueryExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 1) throw UsageError("expected one graph file (try 'relgraph edges --help')");
  query::EdgeFilter filter;
  if (args.count("relation")) filter.relations = args["relation"].as<std::vector<std::string>>();
  if (args.count("type")) filter.type = args["type"].as<std::string>();
  filter.min_weight = args["min-weight"].as<double>();
  const bool evidence = args.count("evidence") > 0;
  const OutputMode mode = output_mode(args);

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0], EvidenceNeed::on_demand);
  const KnowledgeGraph& g = file->graph;
  if (args.count("from") || args.count("to")) {
    const query::EntityIndex index(g);
    if (args.count("from")) filter.from = resolve_entity(g, index, args["from"].as<std::string>());
    if (args.count("to")) filter.to = resolve_entity(g, index, args["to"].as<std::string>());
  }
  note_unknown_relations(g, filter.relations);
  note_unknown_type(g, filter.type);
  const std::vector<query::Edge> found = query::edges(g, filter);
  file->materialise_evidence(found);  // for evidence_count, and --evidence

  ResultTable t;
  t.columns = {{"source"}, {"relation"}, {"target"}, {"weight", true}, {"evidence_count", true}};
  t.with_evidence = evidence;
  for (const query::Edge& e : found) {
    const EdgeProperties& p = g[e];
    t.rows.push_back(
        {{g[boost::source(e, g)].id, p.relation, g[boost::target(e, g)].id,
          static_cast<std::int64_t>(p.weight), static_cast<std::int64_t>(p.evidence.size())},
         &p.evidence});
  }
  print_results(std::cout, t, mode);
  if (found.empty()) {
    if (mode == OutputMode::table) std::cerr << "relgraph: no edge matches\n";
    return kNothingFound;
  }
  return kOk;
}

}  // namespace relgraph::cli
