// All shortest paths between two entities (see query.h): a breadth-first search from the start
// on the undirected view (out_edges and in_edges of the Boost adjacency list, relation filter
// applied), stopped once the goal's layer is reached; then the vertices that lie on some
// shortest path are marked backwards from the goal, and paths are enumerated depth-first from
// the start, successors in id order, so they come out lexicographically and the cap keeps the
// first ones. No printing.
#include <algorithm>
#include <deque>
#include <limits>
#include <tuple>

#include "query/query.h"
#include "query/query_internal.h"

namespace relgraph::query {

namespace {

constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();

template <typename F>
void for_each_neighbor(const KnowledgeGraph& g, Vertex u, const Relations& relations, F&& f) {
  for (auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
    if (detail::relation_ok(relations, g[e].relation)) f(boost::target(e, g));
  }
  for (auto e : boost::make_iterator_range(boost::in_edges(u, g))) {
    if (detail::relation_ok(relations, g[e].relation)) f(boost::source(e, g));
  }
}

Hop make_hop(const KnowledgeGraph& g, Vertex from, Vertex to, const Relations& relations) {
  Hop hop{from, to, {}};
  std::vector<std::pair<Edge, bool>> found;  // edge, runs from -> to
  for (auto e : boost::make_iterator_range(boost::out_edges(from, g))) {
    if (boost::target(e, g) == to && detail::relation_ok(relations, g[e].relation)) {
      found.emplace_back(e, true);
    }
  }
  if (from != to) {
    for (auto e : boost::make_iterator_range(boost::in_edges(from, g))) {
      if (boost::source(e, g) == to && detail::relation_ok(relations, g[e].relation)) {
        found.emplace_back(e, false);
      }
    }
  }
  std::stable_sort(found.begin(), found.end(), [&](const auto& a, const auto& b) {
    return std::make_tuple(std::cref(g[a.first].relation), !a.second) <
           std::make_tuple(std::cref(g[b.first].relation), !b.second);
  });
  for (const auto& [e, forward] : found) hop.edges.push_back(e);
  return hop;
}

}  // namespace

PathResult shortest_paths(const KnowledgeGraph& g, Vertex a, Vertex b, const Relations& relations,
                          std::size_t max_paths) {
  PathResult result;
  if (max_paths == 0) return result;
  if (a == b) {
    result.paths.push_back({});
    return result;
  }
  const std::size_t n = boost::num_vertices(g);
  std::vector<std::size_t> dist(n, kUnseen);
  dist[a] = 0;
  std::deque<Vertex> queue = {a};
  while (!queue.empty()) {
    const Vertex u = queue.front();
    queue.pop_front();
    if (dist[b] != kUnseen && dist[u] >= dist[b]) break;
    for_each_neighbor(g, u, relations, [&](Vertex w) {
      if (dist[w] == kUnseen) {
        dist[w] = dist[u] + 1;
        queue.push_back(w);
      }
    });
  }
  if (dist[b] == kUnseen) return result;
  result.length = dist[b];

  // Vertices on a shortest path: reachable backwards from b through decreasing distance.
  std::vector<char> on_path(n, 0);
  on_path[b] = 1;
  std::vector<Vertex> layer = {b};
  while (!layer.empty()) {
    std::vector<Vertex> previous;
    for (Vertex v : layer) {
      if (dist[v] == 0) continue;
      for_each_neighbor(g, v, relations, [&](Vertex w) {
        if (dist[w] + 1 == dist[v] && !on_path[w]) {
          on_path[w] = 1;
          previous.push_back(w);
        }
      });
    }
    layer = std::move(previous);
  }

  // Depth-first enumeration from a, successors sorted by id.
  auto successors = [&](Vertex u) {
    std::vector<Vertex> next;
    for_each_neighbor(g, u, relations, [&](Vertex w) {
      if (on_path[w] && dist[w] == dist[u] + 1) next.push_back(w);
    });
    std::sort(next.begin(), next.end(),
              [&](Vertex x, Vertex y) { return std::tie(g[x].id, x) < std::tie(g[y].id, y); });
    next.erase(std::unique(next.begin(), next.end()), next.end());
    return next;
  };
  struct Frame {
    std::vector<Vertex> next;
    std::size_t i = 0;
  };
  std::vector<Vertex> walk = {a};
  std::vector<Frame> stack;
  stack.push_back({successors(a), 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.i >= top.next.size()) {
      stack.pop_back();
      walk.pop_back();
      continue;
    }
    const Vertex w = top.next[top.i++];
    walk.push_back(w);
    if (w == b) {
      if (result.paths.size() == max_paths) {
        result.truncated = true;
        break;
      }
      Path p;
      for (std::size_t i = 0; i + 1 < walk.size(); ++i) {
        p.hops.push_back(make_hop(g, walk[i], walk[i + 1], relations));
      }
      result.paths.push_back(std::move(p));
      walk.pop_back();
      continue;
    }
    stack.push_back({successors(w), 0});
  }
  return result;
}

}  // namespace relgraph::query
