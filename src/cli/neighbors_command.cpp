// relgraph neighbors G ENTITY: the edges around an entity, breadth-first up to --depth steps,
// filtered by relation and direction, optionally with their evidence. Prints only; the
// neighbourhood comes from query::neighbors.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_neighbors(int argc, char** argv) {
  cxxopts::Options opts("relgraph neighbors",
                        "The entities linked to ENTITY (an id, label or alias, any script).");
  opts.custom_help("G ENTITY [options]");
  opts.positional_help("");
  opts.add_options()("r,relation", "only edges of this relation (repeatable)",
                     cxxopts::value<std::vector<std::string>>())(
      "direction", "out (ENTITY is the source), in (the target) or both",
      cxxopts::value<std::string>()->default_value("both"))(
      "depth", "steps to follow (1: direct neighbours)", cxxopts::value<int>()->default_value("1"))(
      "evidence", "show the sentences behind each edge")("h,help", "show this help")(
      "args", "the graph and the entity", cxxopts::value<std::vector<std::string>>());
  add_output_options(opts);
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nA symmetric relation (partners-with) counts as both out and in; its direction "
                 "is shown as 'both'.\n"
              << kQueryExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 2) {
    throw UsageError("expected a graph file and an entity (try 'relgraph neighbors --help')");
  }
  query::NeighborOptions options;
  if (args.count("relation")) options.relations = args["relation"].as<std::vector<std::string>>();
  const std::string direction = args["direction"].as<std::string>();
  if (direction == "out") {
    options.direction = query::Direction::out;
  } else if (direction == "in") {
    options.direction = query::Direction::in;
  } else if (direction == "both") {
    options.direction = query::Direction::both;
  } else {
    throw UsageError("--direction must be out, in or both, not '" + direction + "'");
  }
  const int depth = args["depth"].as<int>();
  if (depth < 1) throw UsageError("--depth must be 1 or more");
  options.depth = static_cast<std::size_t>(depth);
  const bool evidence = args.count("evidence") > 0;
  const OutputMode mode = output_mode(args);

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0], EvidenceNeed::on_demand);
  const KnowledgeGraph& g = file->graph;
  const query::EntityIndex index(g);
  const query::Vertex center = resolve_entity(g, index, pos[1]);
  note_unknown_relations(g, options.relations);
  const std::vector<query::NeighborEdge> found = query::neighbors(g, center, options);
  if (evidence) {
    std::vector<query::Edge> shown;
    for (const query::NeighborEdge& n : found) shown.push_back(n.edge);
    file->materialise_evidence(shown);
  }

  ResultTable t;
  t.columns = {{"depth", true}, {"from"},  {"relation"}, {"direction"},
               {"to"},          {"label"}, {"type"},     {"weight", true}};
  t.with_evidence = evidence;
  for (const query::NeighborEdge& n : found) {
    const EdgeProperties& e = g[n.edge];
    const NodeProperties& to = g[n.to];
    t.rows.push_back({{static_cast<std::int64_t>(n.depth), g[n.from].id, e.relation,
                       direction_word(n.outgoing, e.symmetric), to.id, to.label, to.type,
                       static_cast<std::int64_t>(e.weight)},
                      &e.evidence});
  }
  print_results(std::cout, t, mode, [&](JsonWriter& w) {
    w.StartObject();
    w.Key("entity");
    json_string(w, g[center].id);
    w.Key("label");
    json_string(w, g[center].label);
    w.Key("type");
    json_string(w, g[center].type);
    w.Key("count");
    w.Uint64(t.rows.size());
    w.Key("neighbors");
    w.StartArray();
    for (const Row& r : t.rows) json_row(w, t, r);
    w.EndArray();
    w.EndObject();
  });
  if (found.empty()) {
    if (mode == OutputMode::table)
      std::cerr << "relgraph: " << g[center].id << " has no such neighbours\n";
    return kNothingFound;
  }
  return kOk;
}

}  // namespace relgraph::cli
