// Helpers shared by the query sources (not part of the query interface): relation filters, the
// canonical edge order, and building a canonical graph from nodes and edges given by id.
#pragma once

#include <string>
#include <tuple>
#include <vector>

#include "query/query.h"

namespace relgraph::query::detail {

bool relation_ok(const Relations& relations, const std::string& relation);

// (source id, relation, target id).
inline bool edge_order(const KnowledgeGraph& g, const Edge& a, const Edge& b) {
  return std::tie(g[boost::source(a, g)].id, g[a].relation, g[boost::target(a, g)].id) <
         std::tie(g[boost::source(b, g)].id, g[b].relation, g[boost::target(b, g)].id);
}

struct EdgeById {
  std::string source, target;
  EdgeProperties properties;
};

// A graph with the nodes sorted by id and the edges by (source, relation, target); every edge
// endpoint must be one of the nodes.
KnowledgeGraph canonical_graph(std::vector<NodeProperties> nodes, std::vector<EdgeById> edges,
                               const std::string& name);

}  // namespace relgraph::query::detail
