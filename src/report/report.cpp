// build_report: what a report shows (see report.h).
#include "report/report.h"

#include <boost/range/iterator_range.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace relgraph::report {

namespace {

// `g` with only the edges of `relations` (all when empty); every node is kept.
KnowledgeGraph restrict_relations(const KnowledgeGraph& g,
                                  const std::vector<std::string>& relations) {
  KnowledgeGraph out;
  out[boost::graph_bundle] = g[boost::graph_bundle];
  for (auto v : boost::make_iterator_range(boost::vertices(g))) boost::add_vertex(g[v], out);
  const std::set<std::string> wanted(relations.begin(), relations.end());
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (!wanted.empty() && !wanted.contains(g[e].relation)) continue;
    boost::add_edge(boost::source(e, g), boost::target(e, g), g[e], out);
  }
  return out;
}

}  // namespace

Report build_report(const KnowledgeGraph& g, const ReportOptions& options) {
  Report r;
  r.options = options;
  r.graph = restrict_relations(g, options.relations);
  const KnowledgeGraph& graph = r.graph;
  r.stats = query::stats(graph, options.top);
  r.pagerank = query::pagerank_scores(graph);
  r.degree = query::degree_scores(graph);
  const std::size_t n = boost::num_vertices(graph);

  // Highest first; ties by the other measure, then id.
  std::vector<query::Vertex> by_pagerank(n), by_degree(n);
  for (std::size_t v = 0; v < n; ++v) by_pagerank[v] = by_degree[v] = v;
  const auto id_less = [&](query::Vertex a, query::Vertex b) { return graph[a].id < graph[b].id; };
  std::sort(by_pagerank.begin(), by_pagerank.end(), [&](query::Vertex a, query::Vertex b) {
    if (r.pagerank[a] != r.pagerank[b]) return r.pagerank[a] > r.pagerank[b];
    if (r.degree[a] != r.degree[b]) return r.degree[a] > r.degree[b];
    return id_less(a, b);
  });
  std::sort(by_degree.begin(), by_degree.end(), [&](query::Vertex a, query::Vertex b) {
    if (r.degree[a] != r.degree[b]) return r.degree[a] > r.degree[b];
    if (r.pagerank[a] != r.pagerank[b]) return r.pagerank[a] > r.pagerank[b];
    return id_less(a, b);
  });
  const std::size_t top = std::min(options.top, n);
  std::set<query::Vertex> chosen(by_pagerank.begin(), by_pagerank.begin() + top);
  chosen.insert(by_degree.begin(), by_degree.begin() + top);
  for (query::Vertex v : by_pagerank) {
    if (!chosen.contains(v)) continue;
    r.top.push_back({v, static_cast<std::size_t>(r.degree[v]), r.pagerank[v]});
  }

  std::map<std::string, RelationSection> sections;
  for (auto e : boost::make_iterator_range(boost::edges(graph))) {
    RelationSection& s = sections[graph[e].relation];
    s.relation = graph[e].relation;
    s.symmetric = s.symmetric || graph[e].symmetric;
    ++s.edge_count;
    s.evidence_count += graph[e].evidence.size();
    s.edges.push_back(e);
  }
  for (auto& [name, s] : sections) {
    std::sort(s.edges.begin(), s.edges.end(), [&](query::Edge a, query::Edge b) {
      if (graph[a].weight != graph[b].weight) return graph[a].weight > graph[b].weight;
      const std::string& sa = graph[boost::source(a, graph)].id;
      const std::string& sb = graph[boost::source(b, graph)].id;
      if (sa != sb) return sa < sb;
      return graph[boost::target(a, graph)].id < graph[boost::target(b, graph)].id;
    });
    if (options.max_edges != 0 && s.edges.size() > options.max_edges) {
      s.edges.resize(options.max_edges);
    }
    r.relations.push_back(std::move(s));
  }
  std::stable_sort(r.relations.begin(), r.relations.end(),
                   [](const RelationSection& a, const RelationSection& b) {
                     return a.edge_count > b.edge_count;
                   });

  for (query::Vertex v : by_pagerank) {
    if (r.degree[v] == 0) continue;
    ++r.drawable;
    if (options.max_drawn == 0 || r.drawn.size() < options.max_drawn) r.drawn.push_back(v);
  }
  std::sort(r.drawn.begin(), r.drawn.end(), id_less);
  return r;
}

std::string relation_colour(const Report& r, std::string_view relation) {
  // The starter pack's relations have fixed colours; others take the palette in name order.
  if (relation == "invests-in") return "#3d5a98";
  if (relation == "partners-with") return "#16a085";
  if (relation == "criticises") return "#c0392b";
  static constexpr std::array<const char*, 6> kPalette = {"#8e44ad", "#b7950b", "#5d6d7e",
                                                          "#d35400", "#1abc9c", "#6d4c41"};
  std::set<std::string_view> names;
  for (const RelationSection& s : r.relations) names.insert(s.relation);
  const auto it = names.find(relation);
  const std::size_t index =
      it == names.end() ? 0 : static_cast<std::size_t>(std::distance(names.begin(), it));
  return kPalette[index % kPalette.size()];
}

}  // namespace relgraph::report
