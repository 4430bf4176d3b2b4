// query_bench: times the query stage and the JSON loader on a large synthetic graph.
//
// Generates a deterministic pseudo-random KnowledgeGraph directly (no extraction): 100,000
// entities and 1,000,000 distinct edges over three relations (one symmetric), each with one
// evidence sentence; endpoints are skewed towards low-numbered entities so that there are hubs,
// as in news graphs. Then times entity lookup, neighbors, edges, paths, rank by degree and
// PageRank, subgraph, merge, and writing and loading the JSON, and prints a table. Betweenness
// (O(nodes x edges)) is timed on a smaller graph of the same kind (5,000 entities, 50,000
// edges). `query_bench --write PREFIX` writes the big graph as PREFIX.json and PREFIX.graphml
// instead, for timing whole commands. Not a test: it checks nothing and is not built by default
// (`ninja query_bench`).
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "load/graph_loader.h"
#include "query/query.h"
#include "write/binary_graph.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

// SplitMix64: the same numbers on every platform (std:: distributions are not portable).
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Skewed towards 0: about a third of the edges touch the first 4% of the entities.
  std::size_t skewed(std::size_t n) {
    const double u = unit();
    return std::min(n - 1, static_cast<std::size_t>(static_cast<double>(n) * u * u));
  }
};

std::string entity_id(std::size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "e%06zu", i);
  return buf;
}

KnowledgeGraph make_graph(std::size_t nodes, std::size_t edges, std::uint64_t seed) {
  static const char* const kTypes[] = {"company", "person", "country"};
  static const char* const kRelations[] = {"criticises", "invests-in", "partners-with"};
  Rng rng{seed};
  KnowledgeGraph g;
  for (std::size_t i = 0; i < nodes; ++i) {
    NodeProperties n;
    n.id = entity_id(i);
    n.label = "Entity " + std::to_string(i);
    n.type = kTypes[rng.next() % 3];
    n.aliases = {n.label, "엔티티" + std::to_string(i)};
    n.mentions = 1 + rng.next() % 20;
    n.documents = {"doc" + std::to_string(rng.next() % 5000) + ".txt"};
    boost::add_vertex(std::move(n), g);
  }
  // Distinct (source, relation, target); added in canonical order, as GraphBuilder does.
  std::set<std::tuple<std::size_t, int, std::size_t>> keys;
  while (keys.size() < edges) {
    std::size_t s = rng.skewed(nodes), t = rng.next() % nodes;
    if (s == t) continue;
    const int r = static_cast<int>(rng.next() % 3);
    if (r == 2 && t < s) std::swap(s, t);  // partners-with is symmetric: source <= target
    keys.emplace(s, r, t);
  }
  for (const auto& [s, r, t] : keys) {
    EdgeProperties e;
    e.relation = kRelations[r];
    e.symmetric = r == 2;
    e.weight = 1;
    Evidence ev;
    ev.document = "doc" + std::to_string(rng.next() % 5000) + ".txt";
    ev.sentence = rng.next() % 40;
    ev.begin = ev.sentence * 120;
    ev.end = ev.begin + 90;
    ev.text =
        "엔티티" + std::to_string(s) + "와 엔티티" + std::to_string(t) + "의 관계를 보도한 문장.";
    ev.trigger = r == 0 ? "비판" : r == 1 ? "투자" : "제휴";
    e.evidence = {ev};
    boost::add_edge(s, t, std::move(e), g);
  }
  return g;
}

struct Timing {
  std::string what, size;
  double ms;
  int runs;
};

std::vector<Timing> timings;

// Runs `f` `runs` times and records the mean time in milliseconds.
void measure(const std::string& what, const std::string& size, int runs,
             const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) f();
  const std::chrono::duration<double, std::milli> d = std::chrono::steady_clock::now() - start;
  timings.push_back({what, size, d.count() / runs, runs});
  std::fprintf(stderr, "  %-38s %10.2f ms\n", what.c_str(), d.count() / runs);
}

}  // namespace

int main(int argc, char** argv) {
  constexpr std::size_t kNodes = 100'000, kEdges = 1'000'000;
  if (argc == 3 && std::string(argv[1]) == "--write") {
    // Writes the big graph as PREFIX.json and PREFIX.graphml, for timing the command line.
    const std::string prefix = argv[2];
    const std::unique_ptr<const KnowledgeGraph> big(
        new KnowledgeGraph(make_graph(kNodes, kEdges, 42)));
    std::ofstream json(prefix + ".json", std::ios::binary);
    write_json(*big, json);
    std::ofstream graphml(prefix + ".graphml", std::ios::binary);
    write_graphml(*big, graphml);
    json.close();
    graphml.close();
    if (!json || !graphml) {
      std::fprintf(stderr, "query_bench: cannot write %s.json / .graphml\n", prefix.c_str());
      return 1;
    }
    std::fprintf(stderr, "query_bench: wrote %s.json and %s.graphml\n", prefix.c_str(),
                 prefix.c_str());
    return 0;
  }
  std::fprintf(stderr, "query_bench: %zu nodes, %zu edges\n", kNodes, kEdges);
  std::unique_ptr<const KnowledgeGraph> owner;  // adjacency_list cannot be moved, only copied
  measure("generate graph", "100k / 1M", 1,
          [&] { owner.reset(new KnowledgeGraph(make_graph(kNodes, kEdges, 42))); });
  const KnowledgeGraph& g = *owner;
  const std::string graph_size = "100k / 1M";

  query::Vertex hub = 0, leaf = kNodes - 1;
  std::size_t sink = 0;  // results are summed here so that nothing is optimised away

  std::unique_ptr<query::EntityIndex> index;
  measure("entity index (ICU keys of 300k names)", graph_size, 1, [&] {
    index = std::make_unique<query::EntityIndex>(g);  // keys are built by the first find by name
    sink += index->find("엔티티5").vertex;
  });
  measure("lookup: exact id, no index", graph_size, 100,
          [&] { sink += query::EntityIndex(g).find("e099999").vertex; });
  measure("lookup: Korean alias", graph_size, 100,
          [&] { sink += index->find("엔티티99999").vertex; });
  measure("lookup: unknown name, 5 candidates", graph_size, 5,
          [&] { sink += index->find("Entity 9999x").candidates.size(); });

  measure("neighbors: hub, depth 1",
          "deg " + std::to_string(boost::out_degree(hub, g) + boost::in_degree(hub, g)), 20, [&] {
            sink += query::neighbors(g, hub, {{}, query::Direction::both, 1}).size();
          });
  measure("neighbors: leaf, depth 2", graph_size, 20, [&] {
    sink += query::neighbors(g, leaf, {{}, query::Direction::both, 2}).size();
  });
  measure("neighbors: hub, depth 2, out, 1 rel", graph_size, 5, [&] {
    sink += query::neighbors(g, hub, {{"invests-in"}, query::Direction::out, 2}).size();
  });

  measure("edges: --from hub", graph_size, 10, [&] {
    query::EdgeFilter f;
    f.from = hub;
    sink += query::edges(g, f).size();
  });
  measure("edges: --relation criticises (sorted)", "333k rows", 3, [&] {
    query::EdgeFilter f;
    f.relations = {"criticises"};
    sink += query::edges(g, f).size();
  });

  Rng pick{7};
  std::size_t paths_found = 0;
  measure("path: random pairs (mean of 20)", graph_size, 20, [&] {
    const auto a = pick.next() % kNodes, b = pick.next() % kNodes;
    paths_found += query::shortest_paths(g, a, b, {}).paths.size();
  });
  sink += paths_found;

  measure("rank: degree", graph_size, 5, [&] {
    sink += query::rank(g, {query::Measure::degree, "", 10}).size();
  });
  measure("rank: pagerank (Boost page_rank)", graph_size, 1, [&] {
    sink += query::rank(g, {query::Measure::pagerank, "", 10}).size();
  });
  measure("stats", graph_size, 1, [&] { sink += query::stats(g).components; });
  measure("subgraph: hub, depth 1", graph_size, 5,
          [&] { sink += boost::num_edges(query::subgraph(g, hub, 1, {})); });
  measure("merge: graph with itself", "2 x 1M edges", 1, [&] {
    sink += boost::num_edges(query::merge({&g, &g}));
  });

  std::string json;
  measure("write_json", graph_size, 1, [&] {
    std::ostringstream out;
    write_json(g, out);
    json = std::move(out).str();
  });
  const std::string json_size = std::to_string(json.size() / (1024 * 1024)) + " MiB";
  measure("load JSON (parse_graph)", json_size, 1,
          [&] { sink += boost::num_edges(parse_graph(json, "bench.json")); });
  std::string graphml;
  {
    std::ostringstream out;
    write_graphml(g, out);
    graphml = std::move(out).str();
  }
  const std::string graphml_size = std::to_string(graphml.size() / (1024 * 1024)) + " MiB";
  measure("load GraphML (parse_graph)", graphml_size, 1,
          [&] { sink += boost::num_edges(parse_graph(graphml, "bench.graphml")); });
  json.clear();
  graphml.clear();

  std::string binary;
  measure("write_binary_graph", graph_size, 1, [&] {
    std::ostringstream out;
    write_binary_graph(g, out);
    binary = std::move(out).str();
  });
  const std::string binary_size = std::to_string(binary.size() / (1024 * 1024)) + " MiB";
  measure("load binary (parse_graph)", binary_size, 1,
          [&] { sink += boost::num_edges(parse_graph(binary, "bench.rgx")); });
  const std::string binary_path =
      (std::filesystem::temp_directory_path() / "relgraph_query_bench.rgx").string();
  {
    std::ofstream f(binary_path, std::ios::binary);
    f.write(binary.data(), static_cast<std::streamsize>(binary.size()));
  }
  binary.clear();
  LoadOptions deferred;
  deferred.defer_evidence = true;
  measure("open_graph binary, evidence deferred", binary_size, 1, [&] {
    auto file = open_graph(binary_path, deferred);
    sink += boost::num_edges(file->graph);
    std::vector<query::Edge> some;
    for (auto e : boost::make_iterator_range(boost::out_edges(hub, file->graph))) some.push_back(e);
    file->materialise_evidence(some);  // the hub's out-edges, as neighbors --evidence would
    sink += file->graph[some.front()].evidence.size();
  });
  std::filesystem::remove(binary_path);

  const KnowledgeGraph small = make_graph(5'000, 50'000, 43);
  measure("rank: betweenness (Boost brandes)", "5k / 50k", 1, [&] {
    sink += query::rank(small, {query::Measure::betweenness, "", 10}).size();
  });

  std::printf("| operation | graph (nodes / edges) or size | runs | mean time |\n");
  std::printf("| --- | --- | ---: | ---: |\n");
  for (const Timing& t : timings) {
    if (t.ms >= 1000) {
      std::printf("| %s | %s | %d | %.2f s |\n", t.what.c_str(), t.size.c_str(), t.runs,
                  t.ms / 1000);
    } else {
      std::printf("| %s | %s | %d | %.3f ms |\n", t.what.c_str(), t.size.c_str(), t.runs, t.ms);
    }
  }
  std::printf("(checksum %zu, %zu paths found)\n", sink, paths_found);
  return 0;
}
