// Statistics, weakly connected components, neighbourhoods and edge filters (see query.h).
// Breadth-first searches walk the Boost adjacency lists directly (out_edges and in_edges of the
// bidirectional graph); components use union-find over the edges. No printing.
#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

#include "query/query.h"
#include "query/query_internal.h"

namespace relgraph::query {

namespace detail {

bool relation_ok(const Relations& relations, const std::string& relation) {
  return relations.empty() ||
         std::find(relations.begin(), relations.end(), relation) != relations.end();
}

}  // namespace detail

std::vector<std::size_t> weak_components(const KnowledgeGraph& g, std::size_t& count) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const std::size_t a = find(boost::source(e, g)), b = find(boost::target(e, g));
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<std::size_t> component(n);
  std::vector<std::size_t> number(n, std::numeric_limits<std::size_t>::max());
  count = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const std::size_t root = find(v);
    if (number[root] == std::numeric_limits<std::size_t>::max()) number[root] = count++;
    component[v] = number[root];
  }
  return component;
}

GraphStats stats(const KnowledgeGraph& g, std::size_t top) {
  GraphStats s;
  s.nodes = boost::num_vertices(g);
  s.edges = boost::num_edges(g);
  std::map<std::string, std::size_t> types, relations;
  std::set<std::string> documents;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    ++types[g[v].type];
    documents.insert(g[v].documents.begin(), g[v].documents.end());
    if (boost::out_degree(v, g) + boost::in_degree(v, g) == 0) ++s.isolated;
  }
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    ++relations[g[e].relation];
    s.evidence += g[e].evidence.size();
    for (const Evidence& ev : g[e].evidence) documents.insert(ev.document);
  }
  s.documents = documents.size();
  auto by_count = [](const NameCount& a, const NameCount& b) {
    return a.count != b.count ? a.count > b.count : a.name < b.name;
  };
  for (const auto& [name, count] : types) s.nodes_by_type.push_back({name, count});
  for (const auto& [name, count] : relations) s.edges_by_relation.push_back({name, count});
  std::sort(s.nodes_by_type.begin(), s.nodes_by_type.end(), by_count);
  std::sort(s.edges_by_relation.begin(), s.edges_by_relation.end(), by_count);

  const std::vector<std::size_t> component = weak_components(g, s.components);
  std::vector<std::size_t> sizes(s.components, 0);
  for (std::size_t c : component) ++sizes[c];
  if (!sizes.empty()) s.largest_component = *std::max_element(sizes.begin(), sizes.end());
  if (s.nodes >= 2) {
    s.density = static_cast<double>(s.edges) /
                (static_cast<double>(s.nodes) * static_cast<double>(s.nodes - 1));
  }
  RankOptions options;
  options.by = Measure::degree;
  options.top = top;
  s.top_degree = top == 0 ? std::vector<Scored>{} : rank(g, options);
  return s;
}

std::vector<NeighborEdge> neighbors(const KnowledgeGraph& g, Vertex center,
                                    const NeighborOptions& options) {
  constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> depth_of(boost::num_vertices(g), kUnseen);
  std::vector<NeighborEdge> rows;
  std::vector<Vertex> frontier = {center};
  depth_of[center] = 0;
  const bool want_out = options.direction != Direction::in;
  const bool want_in = options.direction != Direction::out;
  for (std::size_t d = 1; d <= options.depth && !frontier.empty(); ++d) {
    std::vector<Vertex> next;
    auto consider = [&](Vertex from, Vertex to, Edge e, bool outgoing) {
      if (depth_of[to] != kUnseen && depth_of[to] != d) return;
      if (depth_of[to] == kUnseen) {
        depth_of[to] = d;
        next.push_back(to);
      }
      rows.push_back({d, from, to, e, outgoing || g[e].symmetric});
    };
    for (Vertex u : frontier) {
      for (auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
        if ((want_out || g[e].symmetric) && detail::relation_ok(options.relations, g[e].relation)) {
          consider(u, boost::target(e, g), e, true);
        }
      }
      for (auto e : boost::make_iterator_range(boost::in_edges(u, g))) {
        if ((want_in || g[e].symmetric) && detail::relation_ok(options.relations, g[e].relation)) {
          consider(u, boost::source(e, g), e, false);
        }
      }
    }
    frontier = std::move(next);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](const NeighborEdge& a, const NeighborEdge& b) {
    return std::make_tuple(a.depth, std::cref(g[a.from].id), std::cref(g[a.edge].relation),
                           std::cref(g[a.to].id), !a.outgoing) <
           std::make_tuple(b.depth, std::cref(g[b.from].id), std::cref(g[b.edge].relation),
                           std::cref(g[b.to].id), !b.outgoing);
  });
  return rows;
}

std::vector<Edge> edges(const KnowledgeGraph& g, const EdgeFilter& filter) {
  std::vector<Edge> out;
  auto consider = [&](const Edge& e) {
    const EdgeProperties& p = g[e];
    if (!detail::relation_ok(filter.relations, p.relation)) return;
    if (static_cast<double>(p.weight) < filter.min_weight) return;
    const Vertex s = boost::source(e, g), t = boost::target(e, g);
    if (!filter.type.empty() && g[s].type != filter.type && g[t].type != filter.type) return;
    const bool forward = (!filter.from || *filter.from == s) && (!filter.to || *filter.to == t);
    const bool backward =
        p.symmetric && (!filter.from || *filter.from == t) && (!filter.to || *filter.to == s);
    if (forward || backward) out.push_back(e);
  };
  if (filter.from || filter.to) {
    // Only the edges at one endpoint can match: its out- and in-edges (a self-loop is in both
    // lists, so in-edges skip it).
    const Vertex v = filter.from ? *filter.from : *filter.to;
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) consider(e);
    for (auto e : boost::make_iterator_range(boost::in_edges(v, g))) {
      if (boost::source(e, g) != boost::target(e, g)) consider(e);
    }
  } else {
    for (auto e : boost::make_iterator_range(boost::edges(g))) consider(e);
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](const Edge& a, const Edge& b) { return detail::edge_order(g, a, b); });
  return out;
}

}  // namespace relgraph::query
