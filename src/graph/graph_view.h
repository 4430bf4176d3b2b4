// GraphView: a graph as the writers read it, one node or edge at a time.
//
// Nodes and edges are numbered in the graph's order (nodes 0..N-1 by vertex index, edges
// 0..E-1 in boost::edges order, which for a built graph is the canonical order: source,
// relation, target). The bulky parts, a node's documents and an edge's evidence, are only
// fetched when asked for, so a view need not hold them all at once: BuiltGraph
// (knowledge_graph.h) keeps them in a spill file and reads one node's or edge's worth at a
// time, which is what lets `relgraph build` write a graph larger than its memory.
// KnowledgeGraphView is the view of an in-memory KnowledgeGraph (loaded, merged or cut
// graphs). Both give the same answers for the same graph, so writers give the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/dates.h"
#include "graph/knowledge_graph.h"

namespace relgraph {

// One edge: its end points (node numbers), its properties, its evidence count and dates.
struct EdgeView {
  std::size_t source = 0;
  std::size_t target = 0;
  // relation, symmetric and weight always; evidence only when asked for (else empty).
  const EdgeProperties* properties = nullptr;
  std::size_t evidence_count = 0;
  DateRange dates;  // graph/dates.h: of the evidence
};

// One evidence entry as views into the bytes it is stored in (BuiltGraph reads its records in
// place and copies only what it keeps).
struct EvidenceSlice {
  std::string_view document, text, trigger, date;
  std::uint64_t sentence = 0, begin = 0, end = 0;
};

// What an edge read fills in: the evidence decoded and the bytes it was decoded from. Each
// thread reading edges at once has its own (see GraphView::edge).
struct EdgeScratch {
  EdgeProperties properties;
  std::string bytes;
  std::vector<std::pair<std::size_t, std::size_t>> payloads;  // places in `bytes`
  std::vector<EvidenceSlice> slices;
};

// What a read of a node's documents fills in (see GraphView::node_documents).
struct NodeScratch {
  std::vector<std::string> documents;
  std::string bytes;
  std::vector<std::pair<std::size_t, std::size_t>> payloads;  // places in `bytes`
  std::vector<std::string_view> names;
};

class GraphView {
 public:
  virtual ~GraphView() = default;

  // The graph's name and document table.
  virtual const GraphProperties& properties() const = 0;
  virtual std::size_t num_nodes() const = 0;
  virtual std::size_t num_edges() const = 0;

  // Node v. Its documents are there when `with_documents` (they may be there anyway); they stay
  // valid until the next call of node() with `with_documents`. Everything else stays valid as
  // long as the view.
  virtual const NodeProperties& node(std::size_t v, bool with_documents) const = 0;
  // Node v's documents, read with the caller's scratch, which the result may be (valid until its
  // next use). Thread-safe in the way edge() with a scratch is.
  virtual const std::vector<std::string>& node_documents(std::size_t v,
                                                         NodeScratch& scratch) const = 0;
  // The dates of node v's edges (graph/dates.h, node_date_ranges).
  virtual const DateRange& node_dates(std::size_t v) const = 0;
  // Whether any edge has a dated evidence (graph/dates.h, has_dates).
  virtual bool has_dates() const = 0;

  // Edge e. `properties` points to data valid until the next call of edge().
  EdgeView edge(std::size_t e, bool with_evidence) const {
    return edge(e, with_evidence, scratch_);
  }
  // The same with the caller's scratch, which `properties` may point into (valid until its next
  // use). Several threads may call this at once, each with its own scratch, as long as nothing
  // else is called meanwhile but node(v, false) and the functions without arguments.
  virtual EdgeView edge(std::size_t e, bool with_evidence, EdgeScratch& scratch) const = 0;

 private:
  mutable EdgeScratch scratch_;
};

// The view of an in-memory graph, which must outlive it.
class KnowledgeGraphView final : public GraphView {
 public:
  explicit KnowledgeGraphView(const KnowledgeGraph& g);

  const GraphProperties& properties() const override;
  std::size_t num_nodes() const override;
  std::size_t num_edges() const override;
  const NodeProperties& node(std::size_t v, bool with_documents) const override;
  const std::vector<std::string>& node_documents(std::size_t v,
                                                 NodeScratch& scratch) const override;
  const DateRange& node_dates(std::size_t v) const override;
  bool has_dates() const override { return has_dates_; }
  using GraphView::edge;
  EdgeView edge(std::size_t e, bool with_evidence, EdgeScratch& scratch) const override;

 private:
  const KnowledgeGraph& g_;
  std::vector<KnowledgeGraph::edge_descriptor> edges_;
  std::vector<DateRange> node_dates_;
  bool has_dates_ = false;
};

}  // namespace relgraph
