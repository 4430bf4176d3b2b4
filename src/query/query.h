// Questions over a KnowledgeGraph: entity lookup, statistics, neighbours, edge filters,
// shortest paths, rankings, subgraphs and merging.
//
// Plain functions over a const graph that return values (vertex and edge descriptors into the
// graph, counts, scores, new graphs); they print nothing and read no files. Every result has a
// stable order that depends only on the graph's content (ids, relation names), never on
// hashing or memory addresses. Conventions shared by all of them:
// - A symmetric edge (partners-with) has no direction: it is both outgoing and incoming for
//   both of its endpoints.
// - A relation filter is a list of relation names; empty means every relation.
// - "Undirected view": paths, components and betweenness ignore edge direction.
// Not here: parsing or printing (src/cli), loading files (src/load).
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace relgraph::query {

using Vertex = boost::graph_traits<KnowledgeGraph>::vertex_descriptor;
using Edge = boost::graph_traits<KnowledgeGraph>::edge_descriptor;
using Relations = std::vector<std::string>;

// ---- Entity lookup ----

// The key a name is looked up by: normalise_string (NFKC and the extractor's folds), then
// Unicode case folding, then spaces removed. "오픈 AI", "OPENAI" and "ＯｐｅｎＡＩ" give "오픈ai"
// and "openai".
std::string lookup_key(std::string_view name);

struct Candidate {
  Vertex vertex;
  std::string matched;       // the id, label or alias that matched or came closest
  std::size_t distance = 0;  // edit distance (in code points) between the keys; 0 for a match
};

struct EntityMatch {
  enum class Status { found, ambiguous, unknown };
  Status status = Status::unknown;
  Vertex vertex = 0;                  // when found
  std::vector<Candidate> candidates;  // ambiguous: every entity the name fits; unknown: the
                                      // closest names (prefix matches first), best first
};

// Finds an entity by id (exact, then case-insensitive), label or any alias, in any script.
// A name that fits several entities is ambiguous unless it is exactly one entity's id.
// The lookup keys (ICU normalisation of every name: a third of a second for 300k names) are
// computed on the first find() that needs them, so a lookup by exact id costs one scan of the
// ids. find() is safe to call from several threads.
class EntityIndex {
 public:
  explicit EntityIndex(const KnowledgeGraph& g);
  EntityMatch find(std::string_view name, std::size_t max_candidates = 5) const;

 private:
  struct Entry {
    std::string key;
    std::string name;  // as written
    Vertex vertex;
  };
  void build() const;
  const KnowledgeGraph* g_;
  mutable std::once_flag built_;
  mutable std::vector<Entry> entries_;  // sorted by key, then vertex
};

EntityMatch find_entity(const KnowledgeGraph& g, std::string_view name);

// ---- Statistics ----

struct NameCount {
  std::string name;
  std::size_t count = 0;
};

struct Scored {
  Vertex vertex;
  double score = 0;
};

struct GraphStats {
  std::size_t nodes = 0, edges = 0;
  std::size_t evidence = 0;                  // evidence entries over all edges
  std::size_t documents = 0;                 // distinct documents named by nodes or evidence
  std::vector<NameCount> nodes_by_type;      // by count (descending), then name
  std::vector<NameCount> edges_by_relation;  // by count (descending), then name
  std::size_t components = 0;                // weakly connected components
  std::size_t largest_component = 0;         // nodes in the largest one
  std::size_t isolated = 0;                  // nodes without edges
  double density = 0;              // edges / (nodes * (nodes - 1)); 0 with fewer than two nodes
  std::vector<Scored> top_degree;  // the `top` entities with most edges (degree, then id)
};

GraphStats stats(const KnowledgeGraph& g, std::size_t top = 10);

// Component number of every vertex (weakly connected, numbered from 0 in vertex order).
std::vector<std::size_t> weak_components(const KnowledgeGraph& g, std::size_t& count);

// ---- Neighbours ----

enum class Direction { out, in, both };

struct NeighborOptions {
  Relations relations;
  Direction direction = Direction::both;
  std::size_t depth = 1;
};

// One edge of a neighbourhood: `to` is first reached at `depth` through `edge` from `from`
// (which is at depth - 1). `outgoing`: the edge runs from -> to in the graph (always true for a
// symmetric edge, which is also reported with symmetric = true).
struct NeighborEdge {
  std::size_t depth = 1;
  Vertex from, to;
  Edge edge;
  bool outgoing = true;
};

// Breadth-first from `center`, following edges of the relations in the direction asked, up to
// `depth` steps. Lists every edge from a node at depth d-1 to a node first reached at depth d,
// sorted by (depth, from id, relation, to id, outgoing first).
std::vector<NeighborEdge> neighbors(const KnowledgeGraph& g, Vertex center,
                                    const NeighborOptions& options);

// ---- Edges ----

struct EdgeFilter {
  Relations relations;
  std::optional<Vertex> from, to;  // a symmetric edge matches in either orientation
  std::string type;                // an endpoint has this entity type
  double min_weight = 0;
};

// Matching edges sorted by (source id, relation, target id).
std::vector<Edge> edges(const KnowledgeGraph& g, const EdgeFilter& filter);

// ---- Paths ----

// One step of a path, with every edge (of the relations asked) linking the two entities, in
// either direction, sorted by relation then direction.
struct Hop {
  Vertex from, to;
  std::vector<Edge> edges;
};

struct Path {
  std::vector<Hop> hops;
};

struct PathResult {
  std::vector<Path> paths;  // in lexicographic order of the entity ids along the path
  std::size_t length = 0;   // hops in each path
  bool truncated = false;   // more shortest paths exist than max_paths
};

inline constexpr std::size_t kMaxPaths = 100;

// All shortest paths from a to b on the undirected view (breadth-first search), at most
// max_paths of them. No path: empty `paths`. a == b: one path without hops.
PathResult shortest_paths(const KnowledgeGraph& g, Vertex a, Vertex b, const Relations& relations,
                          std::size_t max_paths = kMaxPaths);

// ---- Ranking ----

enum class Measure { degree, pagerank, betweenness };

// Edges at each vertex (in + out; parallel edges count).
std::vector<double> degree_scores(const KnowledgeGraph& g);

// PageRank with Boost.Graph's page_rank (damping 0.85) on the directed graph, a symmetric edge
// counting in both directions and parallel edges each counting once. Unlike Boost's plain
// version, the rank of nodes without out-edges is spread evenly over all nodes at every step,
// and the result is normalised to sum to 1, which matches networkx's
// pagerank(G, alpha=0.85, weight=None). Iterates until the L1 change is below `tolerance` or
// for `max_iterations` steps.
std::vector<double> pagerank_scores(const KnowledgeGraph& g, double damping = 0.85,
                                    double tolerance = 1e-9, std::size_t max_iterations = 1000);

// Betweenness centrality with Boost.Graph's brandes_betweenness_centrality on the undirected
// view with parallel edges merged, normalised as networkx's betweenness_centrality(G) on an
// undirected graph: divided by (n-1)(n-2)/2. Time O(nodes * edges).
std::vector<double> betweenness_scores(const KnowledgeGraph& g);

struct RankOptions {
  Measure by = Measure::degree;
  std::string type;      // only entities of this type (scores are computed on the whole graph)
  std::size_t top = 10;  // 0: all
};

// Highest score first, ties by id.
std::vector<Scored> rank(const KnowledgeGraph& g, const RankOptions& options);

// ---- Subgraph and merge ----

// The entities within `depth` steps of `center` (either direction, edges of the relations) and
// every edge of those relations among them; nodes sorted by id, edges by (source, relation,
// target).
KnowledgeGraph subgraph(const KnowledgeGraph& g, Vertex center, std::size_t depth,
                        const Relations& relations);

// One graph from several. Nodes are identified by entity id: label, type and attributes come
// from the first graph that has them (a label other than the id, a type other than "unknown"),
// aliases are united in first-seen order, documents united and sorted, mentions added up
// (merging assumes the graphs come from different documents). Edges are identified by
// (source, relation, target), a symmetric one with source <= target; evidence is united without
// duplicates (identity: document, sentence, trigger) and the weight recomputed as the number of
// distinct (document, sentence) pairs, plus, for input edges whose weight exceeds their
// evidence (a graph without evidence), that excess. Output order is canonical, so merging is
// associative and, apart from which graph's label wins, commutative.
KnowledgeGraph merge(const std::vector<const KnowledgeGraph*>& graphs);

}  // namespace relgraph::query
