// The view of an in-memory KnowledgeGraph (see graph_view.h).
#include "graph/graph_view.h"

#include <boost/range/iterator_range.hpp>

namespace relgraph {

KnowledgeGraphView::KnowledgeGraphView(const KnowledgeGraph& g)
    : g_(g), node_dates_(node_date_ranges(g)) {
  edges_.reserve(boost::num_edges(g));
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    edges_.push_back(e);
    if (!has_dates_ && !edge_date_range(g[e]).empty()) has_dates_ = true;
  }
}

const GraphProperties& KnowledgeGraphView::properties() const { return g_[boost::graph_bundle]; }

std::size_t KnowledgeGraphView::num_nodes() const { return boost::num_vertices(g_); }

std::size_t KnowledgeGraphView::num_edges() const { return edges_.size(); }

const NodeProperties& KnowledgeGraphView::node(std::size_t v, bool /*with_documents*/) const {
  return g_[static_cast<KnowledgeGraph::vertex_descriptor>(v)];
}

const std::vector<std::string>& KnowledgeGraphView::node_documents(std::size_t v,
                                                                   NodeScratch& /*scratch*/) const {
  return g_[static_cast<KnowledgeGraph::vertex_descriptor>(v)].documents;
}

const DateRange& KnowledgeGraphView::node_dates(std::size_t v) const { return node_dates_[v]; }

EdgeView KnowledgeGraphView::edge(std::size_t e, bool /*with_evidence*/,
                                  EdgeScratch& /*scratch*/) const {
  const KnowledgeGraph::edge_descriptor d = edges_[e];
  const EdgeProperties& p = g_[d];
  return {boost::source(d, g_), boost::target(d, g_), &p, p.evidence.size(), edge_date_range(p)};
}

}  // namespace relgraph
