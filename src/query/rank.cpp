// Rankings (see query.h): degree, PageRank through Boost.Graph's page_rank, betweenness through
// Boost.Graph's brandes_betweenness_centrality. Both Boost algorithms run on plain helper
// graphs built from the KnowledgeGraph (symmetric edges doubled for PageRank; a simple
// undirected graph for betweenness). No printing.
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/page_rank.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

#include "query/query.h"

namespace relgraph::query {

namespace {

using RankGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using PlainGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;

// Termination test for boost::graph::page_rank, which also does what Boost's plain iteration
// leaves out: the rank held by nodes without out-edges (which Boost lets leak away) is spread
// evenly over all nodes after every step. Boost computes r'(v) = (1 - d) + d * sum r(u)/out(u),
// i.e. ranks that sum to n; the functor adds d * dangling(r) / n, where r is the rank map the
// step read (the one the previous call saw and corrected), and stops when the L1 change per
// node falls below the tolerance. It is called with the initial map first, then with each new
// map; the maps are vector-backed, so writing through them is safe.
struct DanglingAwareDone {
  struct State {
    const std::vector<char>* dangling = nullptr;
    double damping = 0.85, tolerance = 1e-9;
    std::size_t max_iterations = 1000, iterations = 0;
    bool first = true;
    double dangling_sum = 0;  // of the map read by the step that is running
    std::vector<double> previous;
  };
  State* state;

  template <typename RankMap, typename Graph>
  bool operator()(const RankMap& rank, const Graph& g) const {
    State& s = *state;
    const std::size_t n = boost::num_vertices(g);
    const double nd = static_cast<double>(n);
    if (s.first) {
      // Boost starts from 1/n; start from 1 each, the scale of its iteration.
      for (std::size_t v = 0; v < n; ++v) put(rank, v, 1.0);
      s.first = false;
    } else {
      const double extra = s.damping * s.dangling_sum / nd;
      double change = 0;
      for (std::size_t v = 0; v < n; ++v) {
        const double r = get(rank, v) + extra;
        put(rank, v, r);
        change += std::abs(r - s.previous[v]);
      }
      ++s.iterations;
      if (change / nd < s.tolerance || s.iterations >= s.max_iterations) return true;
    }
    s.previous.resize(n);
    s.dangling_sum = 0;
    for (std::size_t v = 0; v < n; ++v) {
      s.previous[v] = get(rank, v);
      if ((*s.dangling)[v]) s.dangling_sum += s.previous[v];
    }
    return false;
  }
};

}  // namespace

std::vector<double> degree_scores(const KnowledgeGraph& g) {
  std::vector<double> out(boost::num_vertices(g));
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    out[v] = static_cast<double>(boost::out_degree(v, g) + boost::in_degree(v, g));
  }
  return out;
}

std::vector<double> pagerank_scores(const KnowledgeGraph& g, double damping, double tolerance,
                                    std::size_t max_iterations) {
  const std::size_t n = boost::num_vertices(g);
  if (n == 0) return {};
  RankGraph rg(n);
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto s = boost::source(e, g), t = boost::target(e, g);
    boost::add_edge(s, t, rg);
    if (g[e].symmetric && s != t) boost::add_edge(t, s, rg);
  }
  std::vector<char> dangling(n);
  for (std::size_t v = 0; v < n; ++v) dangling[v] = boost::out_degree(v, rg) == 0;

  std::vector<double> rank(n), rank2(n);
  const auto index = boost::get(boost::vertex_index, rg);
  auto rank_map = boost::make_iterator_property_map(rank.begin(), index);
  auto rank_map2 = boost::make_iterator_property_map(rank2.begin(), index);
  DanglingAwareDone::State state;
  state.dangling = &dangling;
  state.damping = damping;
  state.tolerance = tolerance;
  state.max_iterations = std::max<std::size_t>(1, max_iterations);
  boost::graph::page_rank(rg, rank_map, DanglingAwareDone{&state}, damping, n, rank_map2);

  double sum = 0;
  for (double r : rank) sum += r;
  if (sum > 0) {
    for (double& r : rank) r /= sum;
  }
  return rank;
}

std::vector<double> betweenness_scores(const KnowledgeGraph& g) {
  const std::size_t n = boost::num_vertices(g);
  std::vector<double> centrality(n, 0.0);
  if (n < 3) return centrality;
  std::set<std::pair<std::size_t, std::size_t>> pairs;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const std::size_t s = boost::source(e, g), t = boost::target(e, g);
    if (s != t) pairs.emplace(std::min(s, t), std::max(s, t));
  }
  PlainGraph pg(n);
  for (const auto& [s, t] : pairs) boost::add_edge(s, t, pg);
  boost::brandes_betweenness_centrality(
      pg, boost::centrality_map(boost::make_iterator_property_map(
              centrality.begin(), boost::get(boost::vertex_index, pg))));
  // On an undirected graph Boost counts each unordered pair (s, t) once, as networkx does;
  // networkx's normalised value divides that by the number of pairs, (n-1)(n-2)/2.
  const double scale = static_cast<double>(n - 1) * static_cast<double>(n - 2) / 2;
  for (double& c : centrality) c /= scale;
  return centrality;
}

std::vector<Scored> rank(const KnowledgeGraph& g, const RankOptions& options) {
  std::vector<double> scores;
  switch (options.by) {
    case Measure::degree:
      scores = degree_scores(g);
      break;
    case Measure::pagerank:
      scores = pagerank_scores(g);
      break;
    case Measure::betweenness:
      scores = betweenness_scores(g);
      break;
  }
  std::vector<Scored> out;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (!options.type.empty() && g[v].type != options.type) continue;
    out.push_back({v, scores[v]});
  }
  auto order = [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    return std::tie(g[a.vertex].id, a.vertex) < std::tie(g[b.vertex].id, b.vertex);
  };
  if (options.top != 0 && options.top < out.size()) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(options.top),
                      out.end(), order);
    out.resize(options.top);
  } else {
    std::sort(out.begin(), out.end(), order);
  }
  return out;
}

}  // namespace relgraph::query
