// relgraph stats G: sizes, nodes by type, edges by relation, weakly connected components,
// density and the entities with most edges. Prints only; the numbers come from query::stats.
#include <iostream>

#include "cli/query_output.h"

namespace relgraph::cli {

namespace {

ResultTable summary_table(const query::GraphStats& s) {
  ResultTable t;
  t.columns = {{"measure"}, {"value", true}};
  auto add = [&](const char* name, Cell value) { t.rows.push_back({{name, std::move(value)}}); };
  add("nodes", static_cast<std::int64_t>(s.nodes));
  add("edges", static_cast<std::int64_t>(s.edges));
  add("evidence", static_cast<std::int64_t>(s.evidence));
  add("documents", static_cast<std::int64_t>(s.documents));
  add("components", static_cast<std::int64_t>(s.components));
  add("largest_component", static_cast<std::int64_t>(s.largest_component));
  add("isolated", static_cast<std::int64_t>(s.isolated));
  add("density", s.density);
  return t;
}

ResultTable counts_table(const char* what, const char* count,
                         const std::vector<query::NameCount>& counts) {
  ResultTable t;
  t.columns = {{what}, {count, true}};
  for (const query::NameCount& c : counts) {
    t.rows.push_back({{c.name, static_cast<std::int64_t>(c.count)}});
  }
  return t;
}

ResultTable degree_table(const KnowledgeGraph& g, const query::GraphStats& s) {
  ResultTable t;
  t.columns = {{"entity"}, {"label"}, {"type"}, {"degree", true}};
  for (const query::Scored& r : s.top_degree) {
    const NodeProperties& n = g[r.vertex];
    t.rows.push_back({{n.id, n.label, n.type, static_cast<std::int64_t>(r.score)}});
  }
  return t;
}

}  // namespace

int cmd_stats(int argc, char** argv) {
  cxxopts::Options opts("relgraph stats",
                        "Sizes, types, relations, components and hubs of a graph.");
  opts.custom_help("G [options]");
  opts.positional_help("");
  opts.add_options()("top", "how many entities to list by degree",
                     cxxopts::value<int>()->default_value("10"))("h,help", "show this help")(
      "args", "the graph (.json or .graphml; - for stdin)",
      cxxopts::value<std::vector<std::string>>());
  add_output_options(opts);
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help() << kQueryExitHelp;
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 1) throw UsageError("expected one graph file (try 'relgraph stats --help')");
  const int top = args["top"].as<int>();
  if (top < 0) throw UsageError("--top must be 0 or more");
  const OutputMode mode = output_mode(args);
  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0]);
  const KnowledgeGraph& g = file->graph;
  const query::GraphStats s = query::stats(g, static_cast<std::size_t>(top));

  const ResultTable summary = summary_table(s);
  const ResultTable types = counts_table("type", "nodes", s.nodes_by_type);
  const ResultTable relations = counts_table("relation", "edges", s.edges_by_relation);
  const ResultTable degree = degree_table(g, s);
  switch (mode) {
    case OutputMode::table:
      print_table(std::cout, summary);
      if (!types.rows.empty()) {
        std::cout << '\n';
        print_table(std::cout, types);
      }
      if (!relations.rows.empty()) {
        std::cout << '\n';
        print_table(std::cout, relations);
      }
      if (!degree.rows.empty()) {
        std::cout << '\n';
        print_table(std::cout, degree);
      }
      break;
    case OutputMode::json:
      print_json_document(std::cout, [&](JsonWriter& w) {
        w.StartObject();
        w.Key("graph");
        json_string(w, pos[0]);
        for (const Row& r : summary.rows) {
          json_string(w, std::get<std::string>(r.cells[0]));
          json_cell(w, r.cells[1]);
        }
        w.Key("nodes_by_type");
        w.StartObject();
        for (const query::NameCount& c : s.nodes_by_type) {
          json_string(w, c.name);
          w.Uint64(c.count);
        }
        w.EndObject();
        w.Key("edges_by_relation");
        w.StartObject();
        for (const query::NameCount& c : s.edges_by_relation) {
          json_string(w, c.name);
          w.Uint64(c.count);
        }
        w.EndObject();
        w.Key("top_degree");
        w.StartArray();
        for (const Row& r : degree.rows) json_row(w, degree, r);
        w.EndArray();
        w.EndObject();
      });
      break;
    case OutputMode::jsonl:
    case OutputMode::tsv: {
      // One (section, name, value) row per number.
      ResultTable flat;
      flat.columns = {{"section"}, {"name"}, {"value", true}};
      for (const Row& r : summary.rows) flat.rows.push_back({{"summary", r.cells[0], r.cells[1]}});
      for (const Row& r : types.rows) flat.rows.push_back({{"type", r.cells[0], r.cells[1]}});
      for (const Row& r : relations.rows) {
        flat.rows.push_back({{"relation", r.cells[0], r.cells[1]}});
      }
      for (const Row& r : degree.rows) flat.rows.push_back({{"degree", r.cells[0], r.cells[3]}});
      print_results(std::cout, flat, mode);
      break;
    }
  }
  return s.nodes == 0 ? kNothingFound : kOk;
}

}  // namespace relgraph::cli
