// relgraph path G A B: every shortest chain of edges linking two entities, ignoring edge
// direction (capped at query::kMaxPaths paths), each step with its edges and their evidence.
// Prints only; the search is query::shortest_paths.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

int cmd_path(int argc, char** argv) {
  cxxopts::Options opts("relgraph path",
                        "All shortest paths between entities A and B, edges taken either way.");
  opts.custom_help("G A B [options]");
  opts.positional_help("");
  opts.add_options()("r,relation", "only edges of this relation (repeatable)",
                     cxxopts::value<std::vector<std::string>>())(
      "max-paths", "list at most this many paths",
      cxxopts::value<int>()->default_value(std::to_string(query::kMaxPaths)))(
      "h,help", "show this help")("args", "the graph and the two entities",
                                  cxxopts::value<std::vector<std::string>>());
  add_output_options(opts);
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nEach row is one edge of one step; a step between two entities linked by "
                 "several\nrelations has one row per relation. Evidence is listed under each "
                 "edge.\n"
              << kQueryExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 3) {
    throw UsageError("expected a graph file and two entities (try 'relgraph path --help')");
  }
  query::Relations relations;
  if (args.count("relation")) relations = args["relation"].as<std::vector<std::string>>();
  const int max_paths = args["max-paths"].as<int>();
  if (max_paths < 1) throw UsageError("--max-paths must be 1 or more");
  const OutputMode mode = output_mode(args);

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0], EvidenceNeed::on_demand);
  const KnowledgeGraph& g = file->graph;
  const query::EntityIndex index(g);
  const query::Vertex a = resolve_entity(g, index, pos[1]);
  const query::Vertex b = resolve_entity(g, index, pos[2]);
  note_unknown_relations(g, relations);
  const query::PathResult result =
      query::shortest_paths(g, a, b, relations, static_cast<std::size_t>(max_paths));
  std::vector<query::Edge> shown;
  for (const query::Path& path : result.paths) {
    for (const query::Hop& hop : path.hops)
      shown.insert(shown.end(), hop.edges.begin(), hop.edges.end());
  }
  file->materialise_evidence(shown);

  ResultTable t;
  t.columns = {{"path", true}, {"step", true}, {"from"},  {"relation"},
               {"direction"},  {"to"},         {"label"}, {"weight", true}};
  t.with_evidence = true;
  for (std::size_t p = 0; p < result.paths.size(); ++p) {
    const query::Path& path = result.paths[p];
    for (std::size_t h = 0; h < path.hops.size(); ++h) {
      const query::Hop& hop = path.hops[h];
      for (const query::Edge& e : hop.edges) {
        const EdgeProperties& ep = g[e];
        const bool outgoing = boost::source(e, g) == hop.from;
        t.rows.push_back({{static_cast<std::int64_t>(p + 1), static_cast<std::int64_t>(h + 1),
                           g[hop.from].id, ep.relation, direction_word(outgoing, ep.symmetric),
                           g[hop.to].id, g[hop.to].label, static_cast<std::int64_t>(ep.weight)},
                          &ep.evidence});
      }
    }
  }
  print_results(std::cout, t, mode, [&](JsonWriter& w) {
    w.StartObject();
    w.Key("from");
    json_string(w, g[a].id);
    w.Key("to");
    json_string(w, g[b].id);
    w.Key("length");
    w.Uint64(result.length);
    w.Key("count");
    w.Uint64(result.paths.size());
    w.Key("truncated");
    w.Bool(result.truncated);
    w.Key("paths");
    w.StartArray();
    for (const query::Path& path : result.paths) {
      w.StartObject();
      w.Key("entities");
      w.StartArray();
      if (path.hops.empty()) json_string(w, g[a].id);
      for (std::size_t h = 0; h < path.hops.size(); ++h) {
        if (h == 0) json_string(w, g[path.hops[h].from].id);
        json_string(w, g[path.hops[h].to].id);
      }
      w.EndArray();
      w.Key("steps");
      w.StartArray();
      for (const query::Hop& hop : path.hops) {
        w.StartObject();
        w.Key("from");
        json_string(w, g[hop.from].id);
        w.Key("to");
        json_string(w, g[hop.to].id);
        w.Key("edges");
        w.StartArray();
        for (const query::Edge& e : hop.edges) {
          const EdgeProperties& ep = g[e];
          w.StartObject();
          w.Key("source");
          json_string(w, g[boost::source(e, g)].id);
          w.Key("relation");
          json_string(w, ep.relation);
          w.Key("target");
          json_string(w, g[boost::target(e, g)].id);
          w.Key("symmetric");
          w.Bool(ep.symmetric);
          w.Key("weight");
          w.Uint64(ep.weight);
          w.Key("evidence");
          json_evidence(w, ep.evidence);
          w.EndObject();
        }
        w.EndArray();
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  });
  if (result.paths.empty()) {
    if (mode == OutputMode::table) {
      std::cerr << "relgraph: no path between " << g[a].id << " and " << g[b].id << "\n";
    }
    return kNothingFound;
  }
  if (a == b && mode == OutputMode::table) {
    std::cerr << "relgraph: " << g[a].id << " and " << g[b].id
              << " are the same entity (a path of no steps)\n";
  }
  if (result.truncated) {
    std::cerr << "relgraph: note: more than " << result.paths.size()
              << " shortest paths; only the first are listed (--max-paths)\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
