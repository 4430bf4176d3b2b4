// GraphBuilder and BuiltGraph (see graph_builder.h).
//
// Entity information (label, type, aliases, attributes) is copied from the RuleSet up front.
// add() only accumulates: mention counts in memory, and a record per evidence (of its edge)
// and per (node, document) pair in the spill. build() and finish() read the records back, and
// sort and deduplicate them, so the result does not depend on the order in which documents
// were added. finish() reads nothing: its BuiltGraph follows the chains when asked for a node or
// an edge.
//
// Spill records: a 12-byte header (the previous record of the same chain: offset + 1 as a
// little-endian u64, 0 for none, and its size as a u32), then the payload. Evidence payload:
// document, sentence, begin, end, text, trigger, date (strings length-prefixed, numbers as
// varints). Node payload: one or more document names.
#include "graph/graph_builder.h"

#include "discover/discover.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "discover/discover.h"
#include "graph/canonical.h"
#include "parallel/parallel_sort.h"

namespace relgraph {

using graph_detail::EdgeSlot;
using graph_detail::kSymmetricBit;
using namespace spill_codec;

namespace {

constexpr std::size_t kHeaderBytes = 12;

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

// Reads a chain of records, from its latest, into `bytes` (appended, headers included), and
// the place of each payload in it into `payloads` (offset and size), in chain order.
void read_chain(const SpillFile& spill, std::uint64_t head, std::uint32_t size, std::string& bytes,
                std::vector<std::pair<std::size_t, std::size_t>>& payloads) {
  while (head != 0) {
    const std::size_t start = bytes.size();
    spill.read_append(head - 1, size, bytes);
    if (size < kHeaderBytes) throw SpillError("bad spill record");
    const char* record = bytes.data() + start;
    head = get_le(record, 8);
    size = static_cast<std::uint32_t>(get_le(record + 8, 4));
    payloads.emplace_back(start + kHeaderBytes, bytes.size() - start - kHeaderBytes);
  }
}

// get_varint and get_string with the one-byte case inline.
inline std::uint64_t varint_at(std::string_view in, std::size_t& pos) {
  if (pos < in.size() && static_cast<unsigned char>(in[pos]) < 0x80) {
    return static_cast<unsigned char>(in[pos++]);
  }
  return get_varint(in, pos);
}

inline std::string_view string_at(std::string_view in, std::size_t& pos) {
  const std::uint64_t n = varint_at(in, pos);
  if (n > in.size() - pos) throw SpillError("truncated spill record");
  const std::string_view s = in.substr(pos, static_cast<std::size_t>(n));
  pos += static_cast<std::size_t>(n);
  return s;
}

// An evidence payload (put_evidence) read in place.
EvidenceSlice read_evidence(std::string_view in) {
  EvidenceSlice e;
  std::size_t pos = 0;
  e.document = string_at(in, pos);
  e.sentence = varint_at(in, pos);
  e.begin = varint_at(in, pos);
  e.end = varint_at(in, pos);
  e.text = string_at(in, pos);
  e.trigger = string_at(in, pos);
  e.date = string_at(in, pos);
  return e;
}

// canonical_evidence (canonical.h) on EvidenceSlices: the same comparisons, field by field.
void canonical_slices(std::vector<EvidenceSlice>& evidence) {
  if (evidence.size() < 2) return;
  std::sort(evidence.begin(), evidence.end(), [](const EvidenceSlice& a, const EvidenceSlice& b) {
    if (const int c = a.document.compare(b.document); c != 0) return c < 0;
    if (a.sentence != b.sentence) return a.sentence < b.sentence;
    if (const int c = a.trigger.compare(b.trigger); c != 0) return c < 0;
    if (const int c = a.date.compare(b.date); c != 0) return c < 0;
    if (a.begin != b.begin) return a.begin < b.begin;
    if (a.end != b.end) return a.end < b.end;
    return a.text < b.text;
  });
  auto last = std::unique(evidence.begin(), evidence.end(),
                          [](const EvidenceSlice& a, const EvidenceSlice& b) {
                            return a.document == b.document && a.sentence == b.sentence &&
                                   a.trigger == b.trigger && a.date == b.date;
                          });
  evidence.erase(last, evidence.end());
  std::sort(evidence.begin(), evidence.end(), [](const EvidenceSlice& a, const EvidenceSlice& b) {
    if (const int c = a.document.compare(b.document); c != 0) return c < 0;
    if (a.sentence != b.sentence) return a.sentence < b.sentence;
    if (a.begin != b.begin) return a.begin < b.begin;
    if (const int c = a.trigger.compare(b.trigger); c != 0) return c < 0;
    return a.date < b.date;
  });
}

// calendar_date (dates.h) without a copy.
std::string_view calendar_date_view(std::string_view s) {
  if (s.size() < 10) return {};
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return {};
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return {};
  return s.substr(0, 10);
}

// An evidence date as EdgeSlot keeps it: its calendar date YYYY-MM-DD as the number YYYYMMDD + 1,
// 0 when it has none. The digits are fixed in number, so numbers order like the dates' text.
std::uint32_t pack_date(std::string_view iso) {
  const std::string_view date = calendar_date_view(iso);
  if (date.empty()) return 0;
  std::uint32_t packed = 0;
  for (const char c : date) {
    if (c != '-') packed = packed * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return packed + 1;
}

std::string unpack_date(std::uint32_t packed) {
  if (packed == 0) return {};
  std::uint32_t v = packed - 1;
  std::string date = "0000-00-00";
  for (const std::size_t i : {9, 8, 6, 5, 3, 2, 1, 0}) {
    date[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  return date;
}

}  // namespace

// ---- NameTable ----

namespace graph_detail {

// A fast hash of a short string (entity ids, relation names): eight bytes at a time, mixed by
// multiplication (the splitmix64 / murmur3 finaliser constants).
std::uint64_t NameTable::hash(std::string_view name) {
  const char* p = name.data();
  std::size_t n = name.size();
  std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
  auto mix = [&h](std::uint64_t w) {
    h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
    h ^= h >> 31;
  };
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) {
      std::uint64_t w = 0;
      std::memcpy(&w, p, 8);
      mix(w);
    }
    std::uint64_t w = 0;  // the last eight bytes (overlapping what came before)
    std::memcpy(&w, p + n - 8, 8);
    mix(w);
  } else {
    std::uint64_t w = 0;
    for (std::size_t i = 0; i < n; ++i)
      w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    mix(w);
  }
  h *= 0x94D049BB133111EBULL;
  return h ^ (h >> 29);
}

std::uint32_t NameTable::intern(std::string_view name, std::uint64_t h, bool& added) {
  if ((views_.size() + 1) * 2 > slots_.size()) grow();  // load factor <= 1/2
  const auto top = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == kNone) {
      if (views_.size() >= kNone) throw SpillError("too many distinct entity ids and relations");
      slot = {static_cast<std::uint32_t>(views_.size()), top};
      views_.push_back(names_.emplace_back(name));
      added = true;
      return slot.id;
    }
    if (slot.hash == top && views_[slot.id] == name) {
      added = false;
      return slot.id;
    }
  }
}

std::uint32_t NameTable::find(std::string_view name) const {
  if (slots_.empty()) return kNone;
  const std::uint64_t h = hash(name);
  const auto top = static_cast<std::uint32_t>(h >> 32);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = h & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == kNone) return kNone;
    if (slot.hash == top && views_[slot.id] == name) return slot.id;
  }
}

void NameTable::reserve(std::size_t names) {
  views_.reserve(names);
  // At most half the slots used, as intern() keeps them.
  std::size_t slots = slots_.empty() ? 256 : slots_.size();
  while (slots < 2 * names) slots *= 2;
  if (slots != slots_.size()) rehash(slots);
}

void NameTable::grow() { rehash(slots_.empty() ? 256 : slots_.size() * 2); }

void NameTable::rehash(std::size_t size) {
  std::vector<Slot> slots(size);
  const std::size_t mask = slots.size() - 1;
  for (std::uint32_t id = 0; id < views_.size(); ++id) {
    const std::uint64_t h = hash(views_[id]);
    std::size_t i = h & mask;
    while (slots[i].id != kNone) i = (i + 1) & mask;
    slots[i] = {id, static_cast<std::uint32_t>(h >> 32)};
  }
  slots_ = std::move(slots);
}

}  // namespace graph_detail

// ---- GraphBuilder ----

namespace {

// canonical_attributes (canonical.h) of a copy: sorted by key (stably), the first of several
// with one key kept; a short list (nearly all) sorted in place without a buffer.
std::vector<Attribute> sorted_attributes(std::vector<Attribute> attributes) {
  if (attributes.size() > 16) return canonical_attributes(std::move(attributes));
  std::vector<Attribute> out = std::move(attributes);
  for (std::size_t i = 1; i < out.size(); ++i) {  // insertion sort: stable
    for (std::size_t j = i; j > 0 && out[j].key < out[j - 1].key; --j) {
      std::swap(out[j], out[j - 1]);
    }
  }
  auto last = std::unique(out.begin(), out.end(),
                          [](const Attribute& a, const Attribute& b) { return a.key == b.key; });
  out.erase(last, out.end());
  return out;
}

// The entities of `rules` into the builder's tables: copied from a RuleSet the caller keeps,
// moved out of one it gives up (Rules is RuleSet or const RuleSet).
template <class Rules, class Infos>
void take_entities(Rules& rules, graph_detail::NameTable& entity_ids, Infos& entities) {
  constexpr bool kMove = !std::is_const_v<Rules>;
  auto take = [](auto& value) -> decltype(auto) {
    if constexpr (kMove) {
      return std::move(value);
    } else {
      return static_cast<const std::remove_reference_t<decltype(value)>&>(value);
    }
  };
  entities.reserve(rules.entities.size());
  entity_ids.reserve(rules.entities.size());
  for (auto& entity : rules.entities) {
    if (entity.id.empty()) continue;
    bool added = false;
    entity_ids.intern(entity.id, added);
    if (!added) continue;  // first definition wins
    auto& info = entities.emplace_back();
    if (entity.label.empty()) {
      info.label = entity.id;
    } else {
      info.label = take(entity.label);
    }
    if (entity.type.empty()) {
      info.type = "unknown";
    } else {
      info.type = take(entity.type);
    }
    info.aliases.reserve(entity.aliases.size());
    for (auto& alias : entity.aliases) {
      if (alias.text.empty()) continue;
      if (std::find(info.aliases.begin(), info.aliases.end(), alias.text) == info.aliases.end()) {
        info.aliases.push_back(take(alias.text));
      }
    }
    info.attributes = sorted_attributes(take(entity.attributes));
  }
}

}  // namespace

GraphBuilder::GraphBuilder(const RuleSet& rules, SpillOptions options)
    : options_(options), spill_(options.memory_limit) {
  take_entities(rules, entity_ids_, entities_);
}

// The same, moving the entities' strings out of `rules` instead of copying them: faster, and
// the rules' memory is not held twice at once.
GraphBuilder::GraphBuilder(RuleSet&& rules, SpillOptions options)
    : options_(options), spill_(options.memory_limit) {
  take_entities(rules, entity_ids_, entities_);
}

std::uint32_t GraphBuilder::intern(std::string_view name) {
  return intern(name, graph_detail::NameTable::hash(name));
}

std::uint32_t GraphBuilder::intern(std::string_view name, std::uint64_t hash) {
  bool added = false;
  const std::uint32_t id = names_.intern(name, hash, added);
  if (added) nodes_.emplace_back();
  return id;
}

GraphBuilder::NodeAcc& GraphBuilder::node_for(std::uint32_t id) {
  NodeAcc& node = nodes_[id];
  node.is_node = true;
  return node;
}

void GraphBuilder::add_node_document(std::uint32_t id, std::string_view document) {
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

// An index slot holds the edge number + 1 in its low bits, which are fewer than log2 of the
// index size (at most 3/4 of the slots are used), and the top bits of the edge's hash in the
// others: a probe that meets another edge moves on without reading the edge (a cache miss).
namespace {

// The low bits of a slot of an index of `slots` slots (a power of two): the edge number + 1.
std::uint32_t number_mask(std::size_t slots) {
  return slots >= (std::size_t{1} << 32) ? ~std::uint32_t{0}
                                         : static_cast<std::uint32_t>(slots - 1);
}

}  // namespace

void GraphBuilder::grow_index() {
  std::vector<std::uint32_t> index(index_.empty() ? 1024 : index_.size() * 2, 0);
  const std::size_t mask = index.size() - 1;
  const std::uint32_t numbers = number_mask(index.size());
  for (std::size_t i = 0; i < edges_.size(); ++i) {
    const EdgeSlot& e = edges_[i];
    const std::uint64_t h = hash_key(e.source, e.relation, e.target);
    std::size_t slot = h & mask;
    while (index[slot] != 0) slot = (slot + 1) & mask;
    index[slot] =
        (static_cast<std::uint32_t>(h >> 32) & ~numbers) | static_cast<std::uint32_t>(i + 1);
  }
  index_ = std::move(index);
}

std::size_t GraphBuilder::find_edge(std::uint32_t source, std::uint32_t relation,
                                    std::uint32_t target, std::uint64_t h) {
  if ((edges_.size() + 1) * 4 > index_.size() * 3) grow_index();  // load factor <= 3/4
  const std::size_t mask = index_.size() - 1;
  const std::uint32_t numbers = number_mask(index_.size());
  const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32) & ~numbers;
  std::size_t slot = h & mask;
  while (index_[slot] != 0) {
    if ((index_[slot] & ~numbers) == tag) {
      const std::size_t number = (index_[slot] & numbers) - 1;
      const EdgeSlot& e = edges_[number];
      if (e.source == source && e.relation == relation && e.target == target) return number;
    }
    slot = (slot + 1) & mask;
  }
  if (edges_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
    throw SpillError("too many edges");
  }
  edges_.push_back({source, relation, target, 0, 0});
  index_[slot] = tag | static_cast<std::uint32_t>(edges_.size());
  return edges_.size() - 1;
}

PreparedDocument::Plan GraphBuilder::plan(const DocumentExtraction& doc) {
  using graph_detail::NameTable;
  PreparedDocument::Plan plan;
  plan.mention_hashes.reserve(doc.mentions.size());
  for (const MentionCount& m : doc.mentions)
    plan.mention_hashes.push_back(NameTable::hash(m.entity));
  plan.facts.resize(doc.facts.size());
  for (std::size_t i = 0; i < doc.facts.size(); ++i) {
    const Fact& fact = doc.facts[i];
    PreparedDocument::Fact& f = plan.facts[i];
    if (fact.source.empty() || fact.target.empty() || fact.relation.empty()) continue;
    f.keep = true;
    f.swap = fact.symmetric && fact.target < fact.source;
    f.source_hash = NameTable::hash(f.swap ? fact.target : fact.source);
    f.target_hash = NameTable::hash(f.swap ? fact.source : fact.target);
    f.relation_hash = NameTable::hash(fact.relation);
    // The documents numbered (nearly always there is one: the evidence's are the document's),
    // so that add()'s (node, document) pairs are numbers to sort.
    if (fact.evidence.document != doc.document) {
      std::uint32_t k = 0;
      while (k < plan.documents.size() &&
             doc.facts[plan.documents[k]].evidence.document != fact.evidence.document) {
        ++k;
      }
      if (k == plan.documents.size()) plan.documents.push_back(static_cast<std::uint32_t>(i));
      f.document = k + 1;
    }
    f.date = pack_date(fact.evidence.date);
    f.record = plan.records.size();
    plan.records.append(kHeaderBytes, '\0');
    put_evidence(plan.records, fact.evidence);
    f.size = plan.records.size() - f.record;
  }
  return plan;
}

PreparedDocument GraphBuilder::prepare(DocumentExtraction&& doc) {
  PreparedDocument prepared;
  prepared.extraction = std::move(doc);
  prepared.plan = plan(prepared.extraction);
  return prepared;
}

void GraphBuilder::add(PreparedDocument&& doc) { add_planned(doc.extraction, doc.plan); }

void GraphBuilder::add(const DocumentExtraction& doc) {
  PreparedDocument::Plan p = plan(doc);
  add_planned(doc, p);
}

void GraphBuilder::add_planned(const DocumentExtraction& doc, PreparedDocument::Plan& plan) {
  // (node, document number) pairs, each spilled once per add() however many facts repeat it.
  seen_.clear();
  for (std::size_t i = 0; i < doc.mentions.size(); ++i) {
    const MentionCount& m = doc.mentions[i];
    if (m.entity.empty() || m.count == 0) continue;
    const std::uint32_t id = intern(m.entity, plan.mention_hashes[i]);
    node_for(id).mentions += m.count;
    seen_.push_back(std::uint64_t{id} << 32);
  }
  // The facts' names first (in the same order as one fact at a time, so they get the same
  // numbers), and the index slot of each edge fetched ahead, so that the look-ups below do
  // not wait for memory one after the other.
  ends_.clear();
  for (std::size_t i = 0; i < doc.facts.size(); ++i) {
    const PreparedDocument::Fact& f = plan.facts[i];
    if (!f.keep) continue;
    const Fact& fact = doc.facts[i];
    const std::uint32_t source = intern(f.swap ? fact.target : fact.source, f.source_hash);
    const std::uint32_t target = intern(f.swap ? fact.source : fact.target, f.target_hash);
    const std::uint32_t relation = intern(fact.relation, f.relation_hash);
    const std::uint64_t hash = hash_key(source, relation, target);
    ends_.push_back({source, relation, target, hash});
    if (!index_.empty()) __builtin_prefetch(&index_[hash & (index_.size() - 1)]);
  }
  std::size_t next_end = 0;
  for (std::size_t i = 0; i < doc.facts.size(); ++i) {
    const PreparedDocument::Fact& f = plan.facts[i];
    if (!f.keep) continue;
    const Fact& fact = doc.facts[i];
    const EdgeEnds& ends = ends_[next_end++];
    const std::uint32_t source = ends.source, relation = ends.relation, target = ends.target;
    // Both ends are nodes, and the evidence's document is one of theirs.
    seen_.push_back(std::uint64_t{source} << 32 | f.document);
    seen_.push_back(std::uint64_t{target} << 32 | f.document);
    EdgeSlot& edge = edges_[find_edge(source, relation, target, ends.hash)];
    // The record made ahead: its header filled in, and appended.
    char* record = plan.records.data() + f.record;
    put_u64(record, edge.offset & ~kSymmetricBit);
    put_u32(record + 8, edge.size);
    const std::uint64_t symmetric = edge.offset & kSymmetricBit;
    edge.size = checked_size(f.size);
    edge.offset = (spill_.append(std::string_view(record, f.size)) + 1) | symmetric |
                  (fact.symmetric ? kSymmetricBit : 0);
    if (f.date != 0) {
      for (const std::uint32_t end : {source, target}) {
        NodeAcc& node = nodes_[end];
        if (node.first_date == 0 || f.date < node.first_date) node.first_date = f.date;
        node.last_date = std::max(node.last_date, f.date);
      }
    }
  }
  std::sort(seen_.begin(), seen_.end());
  seen_.erase(std::unique(seen_.begin(), seen_.end()), seen_.end());
  for (const std::uint64_t pair : seen_) {
    const auto number = static_cast<std::uint32_t>(pair);
    add_node_document(
        static_cast<std::uint32_t>(pair >> 32),
        number == 0 ? doc.document : doc.facts[plan.documents[number - 1]].evidence.document);
  }
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

std::vector<std::uint32_t> GraphBuilder::name_ranks(unsigned threads) const {
  std::vector<std::uint32_t> order(names_.size());
  std::iota(order.begin(), order.end(), 0u);
  // Names are distinct: any sort gives the same order.
  parallel_sort(
      order.begin(), order.end(),
      [&](std::uint32_t a, std::uint32_t b) { return names_.view(a) < names_.view(b); }, threads);
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

namespace {

// A node no rule defines: a discovered entity ("person:오기형") is read back from its id, with
// the attribute discovered=yes; anything else is labelled by its id, of type "unknown".
void unknown_entity_properties(NodeProperties& p) {
  if (parse_discovered_id(p.id, p.type, p.label)) {
    p.aliases = {p.label};
    p.attributes = {{"discovered", "yes"}};
    return;
  }
  p.label = p.id;
  p.type = "unknown";
}

}  // namespace

NodeProperties GraphBuilder::node_properties(const std::string& id) const {
  NodeProperties p;
  p.id = id;
  if (const std::uint32_t e = entity_ids_.find(id); e != graph_detail::NameTable::kNone) {
    const EntityInfo& info = entities_[e];
    p.label = info.label;
    p.type = info.type;
    p.aliases = info.aliases;
    p.attributes = info.attributes;
  } else {
    unknown_entity_properties(p);
  }
  return p;
}

NodeProperties GraphBuilder::take_node_properties(const std::string& id) {
  NodeProperties p;
  p.id = id;
  if (const std::uint32_t e = entity_ids_.find(id); e != graph_detail::NameTable::kNone) {
    EntityInfo& info = entities_[e];
    p.label = std::move(info.label);
    p.type = std::move(info.type);
    p.aliases = std::move(info.aliases);
    p.attributes = std::move(info.attributes);
  } else {
    unknown_entity_properties(p);
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
    NodeProperties p = node_properties(names_.name(id));
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
    p.relation = names_.name(e->relation);
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
  const std::vector<std::uint32_t> ranks = name_ranks(threads);

  BuiltGraph out;
  out.properties_.name = "relgraph";
  out.properties_.documents = document_table(std::move(records_));  // sorted in place
  std::vector<std::uint32_t> node_of(names_.size(), 0);
  const std::vector<std::uint32_t> ids = node_ids(ranks);
  out.nodes_.reserve(ids.size());
  out.node_documents_.reserve(ids.size());
  out.node_dates_.resize(ids.size());
  for (std::uint32_t id : ids) {
    const NodeAcc& node = nodes_[id];
    const std::size_t v = out.nodes_.size();
    node_of[id] = static_cast<std::uint32_t>(v);
    NodeProperties& p = out.nodes_.emplace_back(take_node_properties(names_.name(id)));
    p.mentions = static_cast<std::size_t>(node.mentions);
    out.node_documents_.push_back({node.head, node.head_size});
    out.node_dates_[v].first = unpack_date(node.first_date);
    out.node_dates_[v].last = unpack_date(node.last_date);
    out.has_dates_ = out.has_dates_ || node.first_date != 0;
  }
  std::vector<NodeAcc>().swap(nodes_);

  // Edges in canonical order (no two edges have the same source, relation and target, so any
  // sort gives it), with node and relation numbers. The names are replaced by their ranks
  // first, so that the sort compares numbers in the slots (no look-up of a rank per comparison).
  std::vector<std::uint32_t> name_of_rank(names_.size());
  for (std::uint32_t id = 0; id < names_.size(); ++id) name_of_rank[ranks[id]] = id;
  for (EdgeSlot& e : edges_) {
    e.source = ranks[e.source];
    e.relation = ranks[e.relation];
    e.target = ranks[e.target];
  }
  parallel_sort(
      edges_.begin(), edges_.end(),
      [](const EdgeSlot& a, const EdgeSlot& b) {
        if (a.source != b.source) return a.source < b.source;
        if (a.relation != b.relation) return a.relation < b.relation;
        return a.target < b.target;
      },
      threads);
  std::vector<std::uint32_t> relation_of(names_.size(), std::numeric_limits<std::uint32_t>::max());
  for (EdgeSlot& e : edges_) {
    std::uint32_t& relation = relation_of[e.relation];
    if (relation == std::numeric_limits<std::uint32_t>::max()) {
      relation = static_cast<std::uint32_t>(out.relations_.size());
      out.relations_.push_back(names_.name(name_of_rank[e.relation]));
    }
    e.source = node_of[name_of_rank[e.source]];
    e.target = node_of[name_of_rank[e.target]];
    e.relation = relation;
  }
  out.edges_ = std::move(edges_);
  out.spill_ = std::move(spill_);
  return out;
}

// ---- BuiltGraph ----

namespace {

// A node's documents from its chain of records: the names sorted and made distinct (what
// GraphBuilder::node_documents() gives), into scratch.documents (its strings reused).
void read_node_documents(const SpillFile& spill, std::uint64_t head, std::uint32_t size,
                         NodeScratch& scratch) {
  scratch.bytes.clear();
  scratch.payloads.clear();
  scratch.names.clear();
  read_chain(spill, head, size, scratch.bytes, scratch.payloads);
  const std::string_view bytes = scratch.bytes;
  for (const auto& [offset, length] : scratch.payloads) {
    const std::string_view payload = bytes.substr(offset, length);
    for (std::size_t pos = 0; pos < payload.size();)
      scratch.names.push_back(string_at(payload, pos));
  }
  std::vector<std::string_view>& names = scratch.names;
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  scratch.documents.resize(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) scratch.documents[i].assign(names[i]);
}

}  // namespace

const NodeProperties& BuiltGraph::node(std::size_t v, bool with_documents) const {
  NodeProperties& p = nodes_[v];
  if (!with_documents || node_with_documents_ == v) return p;
  if (node_with_documents_ < nodes_.size()) {
    std::vector<std::string>().swap(nodes_[node_with_documents_].documents);
  }
  node_with_documents_ = v;
  read_node_documents(spill_, node_documents_[v].head, node_documents_[v].size, node_scratch_);
  p.documents = node_scratch_.documents;
  return p;
}

const std::vector<std::string>& BuiltGraph::node_documents(std::size_t v,
                                                           NodeScratch& scratch) const {
  read_node_documents(spill_, node_documents_[v].head, node_documents_[v].size, scratch);
  return scratch.documents;
}

// The edge's chain of records read in place, put in canonical form, and only what is kept
// copied out (its strings reused from the scratch's earlier edges).
EdgeView BuiltGraph::edge(std::size_t e, bool with_evidence, EdgeScratch& scratch) const {
  const EdgeSlot& slot = edges_[e];
  scratch.bytes.clear();
  scratch.payloads.clear();
  scratch.slices.clear();
  read_chain(spill_, slot.offset & ~kSymmetricBit, slot.size, scratch.bytes, scratch.payloads);
  const std::string_view bytes = scratch.bytes;
  for (const auto& [offset, length] : scratch.payloads) {
    scratch.slices.push_back(read_evidence(bytes.substr(offset, length)));
  }
  std::vector<EvidenceSlice>& evidence = scratch.slices;
  canonical_slices(evidence);
  EdgeProperties& edge = scratch.properties;
  EdgeView view;
  view.source = slot.source;
  view.target = slot.target;
  view.evidence_count = evidence.size();
  edge.relation = relations_[slot.relation];
  edge.symmetric = (slot.offset & kSymmetricBit) != 0;
  // Distinct (document, sentence) pairs: runs in this order. The dates: calendar dates of the
  // evidence, earliest and latest.
  edge.weight = 0;
  std::string_view first_date, last_date;
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    if (i == 0 || evidence[i].sentence != evidence[i - 1].sentence ||
        evidence[i].document != evidence[i - 1].document) {
      ++edge.weight;
    }
    const std::string_view date = calendar_date_view(evidence[i].date);
    if (date.empty()) continue;
    if (first_date.empty() || date < first_date) first_date = date;
    if (last_date.empty() || date > last_date) last_date = date;
  }
  view.dates.first = first_date;
  view.dates.last = last_date;
  // Resized, not cleared: the strings of the scratch's earlier evidence are reused.
  edge.evidence.resize(with_evidence ? evidence.size() : 0);
  for (std::size_t i = 0; i < edge.evidence.size(); ++i) {
    const EvidenceSlice& from = evidence[i];
    Evidence& to = edge.evidence[i];
    to.document.assign(from.document);
    to.sentence = static_cast<std::size_t>(from.sentence);
    to.begin = static_cast<std::size_t>(from.begin);
    to.end = static_cast<std::size_t>(from.end);
    to.text.assign(from.text);
    to.trigger.assign(from.trigger);
    to.date.assign(from.date);
  }
  view.properties = &edge;
  return view;
}

}  // namespace relgraph
