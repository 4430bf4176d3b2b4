// GraphBuilder: accumulates DocumentExtractions (in any order) into a canonical graph, in memory
// that grows with the graph (its nodes and edges), not with the corpus.
//
// The result does not depend on the order in which documents were added: nodes by id, edges by
// (source, relation, target), evidence by (document, sentence, begin, trigger, date), distinct
// by (document, sentence, trigger, date), weight = distinct (document, sentence) pairs, a
// node's documents = those that mention it or hold evidence of one of its edges
// (knowledge_graph.h, canonical.h).
//
// Memory. What grows with the corpus — every evidence with its sentence text, and every
// (node, document) pair — goes to an append-only SpillFile (spill_file.h: memory first, then an
// unlinked temporary file). Memory holds, per edge, 24 bytes (the interned source, relation and
// target, and where its latest evidence record is), a hash index of 4-8 bytes per edge, and per
// node its mention count, the dates of its edges, where its latest document record is and a
// small buffer of documents not yet spilled. Each spilled record links back to the previous
// record of its edge or node (offset and size in a 12-byte header), so an edge's evidence is
// read back by following the chain with one read per record. A node's dates are kept as its
// edges' evidence comes in (the canonical form drops no date, so they are those of its edges'
// canonical evidence), so finish() reads nothing.
//
// Two ways out:
// - finish() (for writing, `relgraph build`): sorts the nodes and edges and returns a
//   BuiltGraph, a GraphView (graph_view.h) over the same records that reads one node's
//   documents or one edge's evidence at a time, following its chain and putting it in canonical
//   form as it goes — on whichever thread asks, so writers that format edges on several threads
//   read them on several threads. Nothing is copied or written again. Peak memory is the graph's
//   compact form plus, per reading thread, the largest single node's documents or edge's
//   evidence.
// - build(): the whole KnowledgeGraph in memory, for callers that want one (tests, --update's
//   merge). The same chains, canonical forms and order, so the two agree exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"
#include "graph/spill_file.h"
#include "relate/fact.h"
#include "rules/rule_set.h"

namespace relgraph {

struct SpillOptions {
  // Bytes the spill store keeps in memory before it moves to a temporary file.
  std::size_t memory_limit = SpillFile::kDefaultMemoryLimit;
  // Bytes of document names a node collects before they are spilled as one record.
  std::size_t node_buffer = 512;
  // Bytes of such buffers, all nodes together, past which all of them are spilled.
  std::size_t node_buffers_total = std::size_t{8} << 20;
};

namespace graph_detail {

// One edge in the builder and in BuiltGraph. In the builder: interned names; in BuiltGraph:
// node numbers and a relation number. In both, where the latest evidence record is.
struct EdgeSlot {
  std::uint32_t source = 0;
  std::uint32_t relation = 0;
  std::uint32_t target = 0;
  std::uint32_t size = 0;    // bytes of the record at `offset`
  std::uint64_t offset = 0;  // its offset + 1 (0: none); the top bit is the symmetric flag
};

inline constexpr std::uint64_t kSymmetricBit = std::uint64_t{1} << 63;

// Distinct strings numbered 0, 1, 2... in the order they were first added: an open-addressing
// hash index (8 bytes a slot: the number and 32 bits of the hash, at most half the slots used)
// over the strings, which keep their place (a deque).
class NameTable {
 public:
  // The number of `name`, added when it is new (`added` tells which).
  std::uint32_t intern(std::string_view name, bool& added) {
    return intern(name, hash(name), added);
  }
  // The same with the name's hash() known.
  std::uint32_t intern(std::string_view name, std::uint64_t hash, bool& added);
  static std::uint64_t hash(std::string_view name);
  // Room for `names` names in all without growing the index on the way.
  void reserve(std::size_t names);
  // The number of `name`, or kNone.
  std::uint32_t find(std::string_view name) const;
  const std::string& name(std::uint32_t id) const { return names_[id]; }
  std::string_view view(std::uint32_t id) const { return views_[id]; }
  std::size_t size() const { return views_.size(); }

  static constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);

 private:
  struct Slot {
    std::uint32_t id = kNone;
    std::uint32_t hash = 0;  // the hash's top bits
  };
  void grow();
  void rehash(std::size_t slots);  // a power of two

  std::vector<Slot> slots_;
  std::deque<std::string> names_;
  std::vector<std::string_view> views_;  // of names_ (which never move)
};

}  // namespace graph_detail

// The graph finish() gives: node and edge properties in memory in their compact form, node
// documents and edge evidence in the spill, read one node or edge at a time (see GraphView).
class BuiltGraph final : public GraphView {
 public:
  const GraphProperties& properties() const override { return properties_; }
  std::size_t num_nodes() const override { return nodes_.size(); }
  std::size_t num_edges() const override { return edges_.size(); }
  const NodeProperties& node(std::size_t v, bool with_documents) const override;
  const std::vector<std::string>& node_documents(std::size_t v,
                                                 NodeScratch& scratch) const override;
  const DateRange& node_dates(std::size_t v) const override { return node_dates_[v]; }
  bool has_dates() const override { return has_dates_; }
  using GraphView::edge;
  EdgeView edge(std::size_t e, bool with_evidence, EdgeScratch& scratch) const override;

  // Whether the spill store went to a temporary file (for tests).
  bool spilled_to_disk() const { return spill_.on_disk(); }

 private:
  friend class GraphBuilder;
  // A chain of spill records: the latest one's offset + 1 (0: none) and size.
  struct Chain {
    std::uint64_t head = 0;
    std::uint32_t size = 0;
  };

  BuiltGraph() = default;

  SpillFile spill_;  // the builder's records
  GraphProperties properties_;
  // Node documents are filled in by node(..., true), and emptied again by the next such call.
  mutable std::vector<NodeProperties> nodes_;
  mutable std::size_t node_with_documents_ = static_cast<std::size_t>(-1);  // none
  std::vector<Chain> node_documents_;
  std::vector<DateRange> node_dates_;
  std::deque<graph_detail::EdgeSlot> edges_;
  std::vector<std::string> relations_;
  bool has_dates_ = false;
  mutable NodeScratch node_scratch_;  // of node()
};

// What GraphBuilder::add() does with a document that needs nothing of the builder, done
// ahead by GraphBuilder::prepare() on any thread: every fact's evidence record encoded (its
// header left to fill in), the names hashed, the documents numbered. With -j N, add() runs on
// one thread at a time, in input order, so whatever moves from it to prepare() (which runs on
// every thread at once) shortens the run.
struct PreparedDocument {
  struct Fact {
    std::uint64_t source_hash = 0, target_hash = 0, relation_hash = 0;
    std::uint32_t document = 0;  // 0: the extraction's, k: documents[k - 1]'s
    bool keep = false;           // false: a fact without a source, target or relation
    bool swap = false;           // symmetric, and stored as target -> source
    std::uint32_t date = 0;      // the evidence's calendar date, as NodeAcc keeps it
    std::size_t record = 0;      // where its record starts in `records`
    std::size_t size = 0;        // and its size
  };
  struct Plan {
    std::vector<std::uint64_t> mention_hashes;  // of the mentions' entity ids
    std::vector<Fact> facts;
    std::vector<std::uint32_t> documents;  // the fact whose evidence names each other document
    std::string records;  // per kept fact, 12 bytes for the header and the evidence payload
  };
  DocumentExtraction extraction;
  Plan plan;
};

class GraphBuilder {
 public:
  explicit GraphBuilder(const RuleSet& rules, SpillOptions options = {});
  // The same, moving the entities' strings out of `rules` (left valid but unspecified).
  explicit GraphBuilder(RuleSet&& rules, SpillOptions options = {});

  void add(const DocumentExtraction& doc);
  void add(DocumentExtraction&& doc);  // the same (kept for callers that move)
  // The same in two steps: prepare() on any thread (it uses nothing of a builder), add() here.
  static PreparedDocument prepare(DocumentExtraction&& doc);
  void add(PreparedDocument&& doc);
  // Records a document read, for the graph's document table (GraphProperties::documents). Kept
  // in memory (one record per document): only --partial and --update ask for it.
  void add_document(DocumentRecord record) { records_.push_back(std::move(record)); }

  // The graph in memory. Nodes: every entity mentioned at least once or used by an edge.
  KnowledgeGraph build() const;
  // The same graph as a view over the spill store; the builder is used up. Its sorts use up to
  // `threads` threads (the result is the same for any number).
  BuiltGraph finish(unsigned threads = 1) &&;

 private:
  struct EntityInfo {
    std::string label, type;
    std::vector<std::string> aliases;
    std::vector<Attribute> attributes;
  };
  struct NodeAcc {
    std::uint64_t mentions = 0;
    std::uint64_t head = 0;  // latest document record: offset + 1 (0: none), and size
    std::uint32_t head_size = 0;
    // The first and last calendar date of its edges' evidence as YYYYMMDD + 1 (0: none), which
    // orders like the dates' text.
    std::uint32_t first_date = 0;
    std::uint32_t last_date = 0;
    bool is_node = false;
    std::string pending;  // document names not yet spilled (put_string each)
  };

  std::uint32_t intern(std::string_view name);
  std::uint32_t intern(std::string_view name, std::uint64_t hash);
  static PreparedDocument::Plan plan(const DocumentExtraction& doc);
  void add_planned(const DocumentExtraction& doc, PreparedDocument::Plan& plan);
  NodeAcc& node_for(std::uint32_t id);
  void add_node_document(std::uint32_t node, std::string_view document);
  void flush_node(NodeAcc& node);
  // `hash`: hash_key of the three (computed once by the caller, which prefetches its slot).
  std::size_t find_edge(std::uint32_t source, std::uint32_t relation, std::uint32_t target,
                        std::uint64_t hash);
  void grow_index();
  // Appends a record linked to (prev, prev_size); returns its offset + 1 and sets `size`.
  std::uint64_t append_record(std::uint64_t prev, std::uint32_t prev_size, std::string_view payload,
                              std::uint32_t& size);
  // The documents of a node and the evidence of an edge, canonical (sorted, distinct).
  std::vector<std::string> node_documents(const NodeAcc& node) const;
  std::vector<Evidence> edge_evidence(const graph_detail::EdgeSlot& edge) const;
  // The rank of each interned name in byte order, and the node ids in that order.
  std::vector<std::uint32_t> name_ranks(unsigned threads = 1) const;
  std::vector<std::uint32_t> node_ids(const std::vector<std::uint32_t>& ranks) const;
  NodeProperties node_properties(const std::string& id) const;
  // The same, taking the entity's information (finish(): the builder is used up).
  NodeProperties take_node_properties(const std::string& id);
  // The document table: `records` sorted, distinct.
  static std::vector<DocumentRecord> document_table(std::vector<DocumentRecord> records);

  SpillOptions options_;
  // The rules' entities, by their number in entity_ids_ (the first definition of each id).
  graph_detail::NameTable entity_ids_;
  std::vector<EntityInfo> entities_;
  // Entity ids and relation names, interned.
  graph_detail::NameTable names_;
  std::vector<NodeAcc> nodes_;  // by interned id (relations' entries unused)
  std::size_t pending_bytes_ = 0;
  std::deque<graph_detail::EdgeSlot> edges_;
  // Open addressing: edge number + 1 in the low bits and hash bits above (find_edge), 0 empty.
  std::vector<std::uint32_t> index_;
  SpillFile spill_;
  std::vector<DocumentRecord> records_;
  std::string scratch_;
  // add()'s (node, document) pairs, node << 32 | document number, and the documents numbered.
  std::vector<std::uint64_t> seen_;
  // add()'s edges of one document, their names interned.
  struct EdgeEnds {
    std::uint32_t source, relation, target;
    std::uint64_t hash;  // hash_key of the three
  };
  std::vector<EdgeEnds> ends_;
};

}  // namespace relgraph
