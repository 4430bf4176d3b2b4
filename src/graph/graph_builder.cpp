// GraphBuilder and BuiltGraph (see graph_builder.h).
//
// Entity information (label, type, aliases, attributes) is copied from the RuleSet up front.
// add() only accumulates: mention counts in memory, and a record per evidence (of its edge)
// and per (node, document) pair in the spill. build() and finish() read the records back, and
// sort and deduplicate them, so the result does not depend on the order in which documents
// were added.
//
// Spill records: a 12-byte header (the previous record of the same chain: offset + 1 as a
// little-endian u64, 0 for none, and its size as a u32), then the payload. Evidence payload:
// document, sentence, begin, end, text, trigger, date (strings length-prefixed, numbers as
// varints). Node payload: one or more document names. finish() writes canonical blocks to a new
// store: a node's block is its document count and names; an edge's is its weight, evidence
// count, first and last date, then its evidence payloads.
#include "graph/graph_builder.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <string_view>
#include <tuple>
#include <utility>

#include "graph/canonical.h"
#include "parallel/ordered_parallel.h"

namespace relgraph {

using graph_detail::EdgeSlot;
using graph_detail::kSymmetricBit;
using namespace spill_codec;

namespace {

constexpr std::size_t kHeaderBytes = 12;
// Enough for the head of an edge block: two varints and two dates of at most 10 bytes.
constexpr std::size_t kEdgeHeadBytes = 64;

void put_u64(char* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put_u32(char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::uint64_t get_le(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  }
  return v;
}

std::uint32_t checked_size(std::size_t size) {
  if (size > std::numeric_limits<std::uint32_t>::max()) {
    throw SpillError("a node's documents or an edge's evidence exceed 4 GiB");
  }
  return static_cast<std::uint32_t>(size);
}

void put_evidence(std::string& out, const Evidence& e) {
  put_string(out, e.document);
  put_varint(out, e.sentence);
  put_varint(out, e.begin);
  put_varint(out, e.end);
  put_string(out, e.text);
  put_string(out, e.trigger);
  put_string(out, e.date);
}

void get_evidence(std::string_view in, std::size_t& pos, Evidence& e) {
  e.document = get_string(in, pos);
  e.sentence = static_cast<std::size_t>(get_varint(in, pos));
  e.begin = static_cast<std::size_t>(get_varint(in, pos));
  e.end = static_cast<std::size_t>(get_varint(in, pos));
  e.text = get_string(in, pos);
  e.trigger = get_string(in, pos);
  e.date = get_string(in, pos);
}

// Follows a chain of records from its latest, calling f(payload) for each.
template <class F>
void walk_chain(const SpillFile& spill, std::uint64_t head, std::uint32_t size, F&& f) {
  std::string record;
  while (head != 0) {
    spill.read(head - 1, size, record);
    if (record.size() < kHeaderBytes) throw SpillError("bad spill record");
    head = get_le(record.data(), 8);
    size = static_cast<std::uint32_t>(get_le(record.data() + 8, 4));
    f(std::string_view(record).substr(kHeaderBytes));
  }
}

std::uint64_t hash_key(std::uint32_t s, std::uint32_t r, std::uint32_t t) {
  std::uint64_t h = (static_cast<std::uint64_t>(s) << 32 | r) * 0x9E3779B97F4A7C15ULL;
  h ^= (h >> 29) ^ (static_cast<std::uint64_t>(t) * 0xC2B2AE3D27D4EB4FULL);
  h ^= h >> 32;
  return h;
}

}  // namespace

// ---- GraphBuilder ----

GraphBuilder::GraphBuilder(const RuleSet& rules, SpillOptions options)
    : options_(options), spill_(options.memory_limit) {
  for (const Entity& entity : rules.entities) {
    if (entity.id.empty() || entities_.count(entity.id) > 0) continue;  // first definition wins
    EntityInfo info;
    info.label = entity.label.empty() ? entity.id : entity.label;
    info.type = entity.type.empty() ? "unknown" : entity.type;
    for (const Alias& alias : entity.aliases) {
      if (alias.text.empty()) continue;
      if (std::find(info.aliases.begin(), info.aliases.end(), alias.text) == info.aliases.end()) {
        info.aliases.push_back(alias.text);
      }
    }
    info.attributes = canonical_attributes(entity.attributes);
    entities_.emplace(entity.id, std::move(info));
  }
}

std::uint32_t GraphBuilder::intern(const std::string& name) {
  auto [it, added] = ids_.try_emplace(name, static_cast<std::uint32_t>(names_.size()));
  if (added) {
    if (names_.size() == std::numeric_limits<std::uint32_t>::max()) {
      throw SpillError("too many distinct entity ids and relations");
    }
    names_.push_back(&it->first);
    nodes_.emplace_back();
  }
  return it->second;
}

GraphBuilder::NodeAcc& GraphBuilder::node_for(std::uint32_t id) {
  NodeAcc& node = nodes_[id];
  node.is_node = true;
  return node;
}

void GraphBuilder::add_node_document(std::uint32_t id, const std::string& document) {
  NodeAcc& node = node_for(id);
  const std::size_t before = node.pending.size();
  put_string(node.pending, document);
  pending_bytes_ += node.pending.size() - before;
  if (node.pending.size() >= options_.node_buffer) flush_node(node);
  if (pending_bytes_ >= options_.node_buffers_total) {
    for (NodeAcc& n : nodes_) flush_node(n);
  }
}

void GraphBuilder::flush_node(NodeAcc& node) {
  if (node.pending.empty()) return;
  std::uint32_t size = 0;
  node.head = append_record(node.head, node.head_size, node.pending, size);
  node.head_size = size;
  pending_bytes_ -= node.pending.size();
  node.pending.clear();
  if (node.pending.capacity() > 2 * options_.node_buffer) node.pending.shrink_to_fit();
}

std::uint64_t GraphBuilder::append_record(std::uint64_t prev, std::uint32_t prev_size,
                                          std::string_view payload, std::uint32_t& size) {
  scratch_.resize(kHeaderBytes);
  put_u64(scratch_.data(), prev);
  put_u32(scratch_.data() + 8, prev_size);
  scratch_.append(payload);
  size = checked_size(scratch_.size());
  return spill_.append(scratch_) + 1;
}

void GraphBuilder::grow_index() {
  std::vector<std::uint32_t> index(index_.empty() ? 1024 : index_.size() * 2, 0);
  const std::size_t mask = index.size() - 1;
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    const EdgeSlot& e = edges_[i];
    std::size_t slot = hash_key(e.source, e.relation, e.target) & mask;
    while (index[slot] != 0) slot = (slot + 1) & mask;
    index[slot] = static_cast<std::uint32_t>(i + 1);
  }
  index_ = std::move(index);
}

std::size_t GraphBuilder::find_edge(std::uint32_t source, std::uint32_t relation,
                                    std::uint32_t target) {
  if ((edges_.size() + 1) * 4 > index_.size() * 3) grow_index();  // load factor <= 3/4
  const std::size_t mask = index_.size() - 1;
  std::size_t slot = hash_key(source, relation, target) & mask;
  while (index_[slot] != 0) {
    const EdgeSlot& e = edges_[index_[slot] - 1];
    if (e.source == source && e.relation == relation && e.target == target) {
      return index_[slot] - 1;
    }
    slot = (slot + 1) & mask;
  }
  if (edges_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
    throw SpillError("too many edges");
  }
  edges_.push_back({source, relation, target, 0, 0});
  index_[slot] = static_cast<std::uint32_t>(edges_.size());
  return edges_.size() - 1;
}

void GraphBuilder::add(const DocumentExtraction& doc) {
  // (node, document) pairs, each spilled once per add() however many facts repeat it.
  std::vector<std::pair<std::uint32_t, const std::string*>> seen;
  for (const MentionCount& m : doc.mentions) {
    if (m.entity.empty() || m.count == 0) continue;
    const std::uint32_t id = intern(m.entity);
    node_for(id).mentions += m.count;
    seen.emplace_back(id, &doc.document);
  }
  std::string payload;
  for (const Fact& fact : doc.facts) {
    if (fact.source.empty() || fact.target.empty() || fact.relation.empty()) continue;
    const bool swap = fact.symmetric && fact.target < fact.source;
    const std::uint32_t source = intern(swap ? fact.target : fact.source);
    const std::uint32_t target = intern(swap ? fact.source : fact.target);
    const std::uint32_t relation = intern(fact.relation);
    // Both ends are nodes, and the evidence's document is one of theirs.
    seen.emplace_back(source, &fact.evidence.document);
    seen.emplace_back(target, &fact.evidence.document);
    EdgeSlot& edge = edges_[find_edge(source, relation, target)];
    payload.clear();
    put_evidence(payload, fact.evidence);
    std::uint32_t size = 0;
    const std::uint64_t symmetric = edge.offset & kSymmetricBit;
    const std::uint64_t head =
        append_record(edge.offset & ~kSymmetricBit, edge.size, payload, size);
    edge.offset = head | symmetric | (fact.symmetric ? kSymmetricBit : 0);
    edge.size = size;
  }
  auto less = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  };
  auto same = [](const auto& a, const auto& b) {
    return a.first == b.first && *a.second == *b.second;
  };
  std::sort(seen.begin(), seen.end(), less);
  seen.erase(std::unique(seen.begin(), seen.end(), same), seen.end());
  for (const auto& [id, document] : seen) add_node_document(id, *document);
}

void GraphBuilder::add(DocumentExtraction&& doc) {
  add(static_cast<const DocumentExtraction&>(doc));
}

std::vector<std::string> GraphBuilder::node_documents(const NodeAcc& node) const {
  std::vector<std::string> documents;
  auto take = [&](std::string_view payload) {
    for (std::size_t pos = 0; pos < payload.size();) {
      documents.emplace_back(get_string(payload, pos));
    }
  };
  take(node.pending);
  walk_chain(spill_, node.head, node.head_size, take);
  std::sort(documents.begin(), documents.end());
  documents.erase(std::unique(documents.begin(), documents.end()), documents.end());
  return documents;
}

std::vector<Evidence> GraphBuilder::edge_evidence(const EdgeSlot& edge) const {
  std::vector<Evidence> evidence;
  walk_chain(spill_, edge.offset & ~kSymmetricBit, edge.size, [&](std::string_view payload) {
    std::size_t pos = 0;
    get_evidence(payload, pos, evidence.emplace_back());
  });
  return canonical_evidence(std::move(evidence));
}

std::vector<std::uint32_t> GraphBuilder::name_ranks() const {
  std::vector<std::uint32_t> order(names_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return *names_[a] < *names_[b]; });
  std::vector<std::uint32_t> rank(names_.size());
  for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = static_cast<std::uint32_t>(i);
  return rank;
}

std::vector<std::uint32_t> GraphBuilder::node_ids(const std::vector<std::uint32_t>& ranks) const {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t id = 0; id < nodes_.size(); ++id) {
    if (nodes_[id].is_node) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end(),
            [&](std::uint32_t a, std::uint32_t b) { return ranks[a] < ranks[b]; });
  return ids;
}

NodeProperties GraphBuilder::node_properties(const std::string& id) const {
  NodeProperties p;
  p.id = id;
  if (auto it = entities_.find(id); it != entities_.end()) {
    p.label = it->second.label;
    p.type = it->second.type;
    p.aliases = it->second.aliases;
    p.attributes = it->second.attributes;
  } else {
    p.label = id;
    p.type = "unknown";
  }
  return p;
}

std::vector<DocumentRecord> GraphBuilder::document_table(std::vector<DocumentRecord> records) {
  std::sort(records.begin(), records.end());
  records.erase(std::unique(records.begin(), records.end()), records.end());
  return records;
}

namespace {

// Edges in canonical order: by the byte order of source, relation and target.
struct EdgeOrder {
  const std::vector<std::uint32_t>& rank;
  bool operator()(const EdgeSlot& a, const EdgeSlot& b) const {
    return std::tie(rank[a.source], rank[a.relation], rank[a.target]) <
           std::tie(rank[b.source], rank[b.relation], rank[b.target]);
  }
};

}  // namespace

KnowledgeGraph GraphBuilder::build() const {
  const std::vector<std::uint32_t> ranks = name_ranks();
  KnowledgeGraph g;
  g[boost::graph_bundle].name = "relgraph";
  g[boost::graph_bundle].documents = document_table(records_);
  std::vector<KnowledgeGraph::vertex_descriptor> vertex_of(names_.size());
  for (std::uint32_t id : node_ids(ranks)) {
    NodeProperties p = node_properties(*names_[id]);
    p.mentions = static_cast<std::size_t>(nodes_[id].mentions);
    p.documents = node_documents(nodes_[id]);
    vertex_of[id] = boost::add_vertex(std::move(p), g);
  }
  std::vector<const EdgeSlot*> edges;
  edges.reserve(edges_.size());
  for (const EdgeSlot& e : edges_) edges.push_back(&e);
  const EdgeOrder order{ranks};
  std::sort(edges.begin(), edges.end(),
            [&](const EdgeSlot* a, const EdgeSlot* b) { return order(*a, *b); });
  for (const EdgeSlot* e : edges) {
    EdgeProperties p;
    p.relation = *names_[e->relation];
    p.symmetric = (e->offset & kSymmetricBit) != 0;
    p.evidence = edge_evidence(*e);
    p.weight = distinct_sentences(p.evidence);
    boost::add_edge(vertex_of[e->source], vertex_of[e->target], std::move(p), g);
  }
  return g;
}

BuiltGraph GraphBuilder::finish(unsigned threads) && {
  for (NodeAcc& n : nodes_) flush_node(n);
  std::vector<std::uint32_t>().swap(index_);
  const std::vector<std::uint32_t> ranks = name_ranks();

  BuiltGraph out;
  // The canonical blocks go to a store of their own, so that the records can be read on several
  // threads while blocks are appended, and the records' store freed at the end.
  SpillFile blocks(options_.memory_limit);
  out.properties_.name = "relgraph";
  out.properties_.documents = document_table(std::move(records_));  // sorted in place
  std::vector<std::uint32_t> node_of(names_.size(), 0);
  const std::vector<std::uint32_t> ids = node_ids(ranks);
  for (std::uint32_t id : ids) {
    node_of[id] = static_cast<std::uint32_t>(out.nodes_.size());
    NodeProperties& p = out.nodes_.emplace_back(node_properties(*names_[id]));
    p.mentions = static_cast<std::size_t>(nodes_[id].mentions);
  }
  // Each node's documents in one block, made on any thread, appended in node order.
  ordered_parallel_ranges(
      threads, ids.size(),
      [&](std::size_t first, std::size_t last) {
        std::vector<std::string> made(last - first);
        for (std::size_t i = first; i < last; ++i) {
          const std::vector<std::string> documents = node_documents(nodes_[ids[i]]);
          std::string& block = made[i - first];
          put_varint(block, documents.size());
          for (const std::string& d : documents) put_string(block, d);
        }
        return made;
      },
      [&](std::vector<std::string>&& made) {
        for (const std::string& block : made) {
          out.node_documents_.push_back({blocks.append(block), block.size()});
        }
      });
  out.node_dates_.resize(out.nodes_.size());

  std::sort(edges_.begin(), edges_.end(), EdgeOrder{ranks});
  // Each edge's block is made from its records (on any thread: this only reads the records'
  // store and the edge's own slot), then appended and its slot rewritten in edge order.
  struct EdgeBlock {
    std::string bytes;
    DateRange dates;
  };
  auto make_block = [&](const EdgeSlot& e, EdgeBlock& b) {
    const std::vector<Evidence> evidence = edge_evidence(e);
    for (const Evidence& ev : evidence) b.dates.add(calendar_date(ev.date));
    put_varint(b.bytes, distinct_sentences(evidence));
    put_varint(b.bytes, evidence.size());
    put_string(b.bytes, b.dates.first);
    put_string(b.bytes, b.dates.last);
    for (const Evidence& ev : evidence) put_evidence(b.bytes, ev);
  };
  // Slots are rewritten in place (no second copy of them): a range's slots are only read by
  // the thread making its blocks, before they are handed on here.
  std::vector<std::uint32_t> relation_of(names_.size(), std::numeric_limits<std::uint32_t>::max());
  std::size_t rewritten = 0;
  ordered_parallel_ranges(
      threads, edges_.size(),
      [&](std::size_t first, std::size_t last) {
        std::vector<EdgeBlock> made(last - first);
        for (std::size_t i = first; i < last; ++i) make_block(edges_[i], made[i - first]);
        return made;
      },
      [&](std::vector<EdgeBlock>&& made) {
        for (EdgeBlock& b : made) {
          EdgeSlot& e = edges_[rewritten++];
          const std::uint64_t offset = blocks.append(b.bytes);
          if (!b.dates.empty()) {
            out.has_dates_ = true;
            out.node_dates_[node_of[e.source]].add(b.dates);
            out.node_dates_[node_of[e.target]].add(b.dates);
          }
          std::uint32_t& relation = relation_of[e.relation];
          if (relation == std::numeric_limits<std::uint32_t>::max()) {
            relation = static_cast<std::uint32_t>(out.relations_.size());
            out.relations_.push_back(*names_[e.relation]);
          }
          e = {node_of[e.source], relation, node_of[e.target], checked_size(b.bytes.size()),
               offset | (e.offset & kSymmetricBit)};
        }
      });
  out.edges_ = std::move(edges_);
  out.spill_ = std::move(blocks);
  spill_ = SpillFile();  // the records are no longer needed
  return out;
}

// ---- BuiltGraph ----

namespace {

void read_documents(const SpillFile& spill, std::uint64_t offset, std::uint64_t size,
                    std::string& bytes, std::vector<std::string>& documents) {
  spill.read(offset, static_cast<std::size_t>(size), bytes);
  std::size_t pos = 0;
  const std::uint64_t count = get_varint(bytes, pos);
  documents.clear();
  documents.reserve(static_cast<std::size_t>(count));
  for (std::uint64_t i = 0; i < count; ++i) documents.emplace_back(get_string(bytes, pos));
}

}  // namespace

const NodeProperties& BuiltGraph::node(std::size_t v, bool with_documents) const {
  NodeProperties& p = nodes_[v];
  if (!with_documents || node_with_documents_ == v) return p;
  if (node_with_documents_ < nodes_.size()) {
    std::vector<std::string>().swap(nodes_[node_with_documents_].documents);
  }
  node_with_documents_ = v;
  const Block& b = node_documents_[v];
  read_documents(spill_, b.offset, b.size, buffer_, p.documents);
  return p;
}

const std::vector<std::string>& BuiltGraph::node_documents(std::size_t v,
                                                           NodeScratch& scratch) const {
  const Block& b = node_documents_[v];
  read_documents(spill_, b.offset, b.size, scratch.bytes, scratch.documents);
  return scratch.documents;
}

EdgeView BuiltGraph::edge(std::size_t e, bool with_evidence, EdgeScratch& scratch) const {
  const EdgeSlot& slot = edges_[e];
  const std::size_t size =
      with_evidence ? slot.size : std::min<std::size_t>(slot.size, kEdgeHeadBytes);
  std::string& bytes = scratch.bytes;
  EdgeProperties& edge = scratch.properties;
  spill_.read(slot.offset & ~kSymmetricBit, size, bytes);
  EdgeView view;
  view.source = slot.source;
  view.target = slot.target;
  edge.relation = relations_[slot.relation];
  edge.symmetric = (slot.offset & kSymmetricBit) != 0;
  std::size_t pos = 0;
  edge.weight = static_cast<std::size_t>(get_varint(bytes, pos));
  view.evidence_count = static_cast<std::size_t>(get_varint(bytes, pos));
  view.dates.first = get_string(bytes, pos);
  view.dates.last = get_string(bytes, pos);
  edge.evidence.clear();
  if (with_evidence) {
    edge.evidence.resize(view.evidence_count);
    for (Evidence& ev : edge.evidence) get_evidence(bytes, pos, ev);
  }
  view.properties = &edge;
  return view;
}

}  // namespace relgraph
