// Unit tests for the graph stage's spill store (graph/spill_file.h) and for GraphBuilder's two
// ways out (graph/graph_builder.h): the spilled BuiltGraph must write exactly the bytes the
// in-memory graph gives, which must be what the builder gave when it kept every evidence in
// memory (the reference implementation below, the previous GraphBuilder::build), whether the
// spill stayed in memory or went to disk.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "graph/canonical.h"
#include "graph/graph_builder.h"
#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"
#include "graph/spill_file.h"
#include "write/binary_graph.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

// ---- the reference: evidence and documents kept in memory, as GraphBuilder used to ----

KnowledgeGraph spill_reference_build(const RuleSet& rules,
                                     const std::vector<DocumentExtraction>& docs,
                                     const std::vector<DocumentRecord>& records = {}) {
  std::map<std::string, const Entity*> entities;
  for (const Entity& e : rules.entities) {
    if (!e.id.empty()) entities.emplace(e.id, &e);
  }
  std::map<std::string, std::pair<std::size_t, std::set<std::string>>> nodes;
  std::map<std::tuple<std::string, std::string, std::string>,
           std::pair<bool, std::vector<Evidence>>>
      edges;
  for (const DocumentExtraction& doc : docs) {
    for (const MentionCount& m : doc.mentions) {
      if (m.entity.empty() || m.count == 0) continue;
      nodes[m.entity].first += m.count;
      nodes[m.entity].second.insert(doc.document);
    }
    for (const Fact& f : doc.facts) {
      if (f.source.empty() || f.target.empty() || f.relation.empty()) continue;
      const bool swap = f.symmetric && f.target < f.source;
      auto& edge = edges[{swap ? f.target : f.source, f.relation, swap ? f.source : f.target}];
      edge.first = edge.first || f.symmetric;
      edge.second.push_back(f.evidence);
    }
  }
  for (const auto& [key, edge] : edges) {
    for (const Evidence& e : edge.second) {
      nodes[std::get<0>(key)].second.insert(e.document);
      nodes[std::get<2>(key)].second.insert(e.document);
    }
  }
  KnowledgeGraph g;
  std::vector<DocumentRecord> table = records;
  std::sort(table.begin(), table.end());
  table.erase(std::unique(table.begin(), table.end()), table.end());
  g[boost::graph_bundle].documents = table;
  std::map<std::string, KnowledgeGraph::vertex_descriptor> vertex_of;
  for (const auto& [id, acc] : nodes) {
    NodeProperties p;
    p.id = id;
    p.label = id;
    p.type = "unknown";
    if (auto it = entities.find(id); it != entities.end()) {
      p.label = it->second->label.empty() ? id : it->second->label;
      p.type = it->second->type.empty() ? "unknown" : it->second->type;
      for (const Alias& a : it->second->aliases) {
        if (std::find(p.aliases.begin(), p.aliases.end(), a.text) == p.aliases.end()) {
          p.aliases.push_back(a.text);
        }
      }
      p.attributes = canonical_attributes(it->second->attributes);
    }
    p.mentions = acc.first;
    p.documents.assign(acc.second.begin(), acc.second.end());
    vertex_of[id] = boost::add_vertex(std::move(p), g);
  }
  for (const auto& [key, edge] : edges) {
    EdgeProperties p;
    p.relation = std::get<1>(key);
    p.symmetric = edge.first;
    p.evidence = canonical_evidence(edge.second);
    p.weight = distinct_sentences(p.evidence);
    boost::add_edge(vertex_of[std::get<0>(key)], vertex_of[std::get<2>(key)], std::move(p), g);
  }
  return g;
}

// ---- generated input ----

RuleSet spill_rules(int entities) {
  RuleSet rules;
  for (int i = 0; i < entities; ++i) {
    Entity e;
    e.id = "e" + std::to_string(i);
    e.type = i % 3 == 0 ? "person" : "company";
    e.label = "엔티티 " + std::to_string(i);
    Alias a;
    a.text = "별칭" + std::to_string(i);
    e.aliases = {a};
    if (i % 4 == 0) e.attributes = {{"country", "KR"}};
    rules.entities.push_back(e);
  }
  return rules;
}

// Documents with many edges, duplicate evidence, evidence whose identity repeats with another
// date or offset, ids unknown to the rules, and large documents read in several parts (the same
// name added more than once, as `relgraph build` does for a large input).
std::vector<DocumentExtraction> spill_docs(unsigned seed, int documents, int entities) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const std::vector<std::string> relations = {"invests_in", "partner", "sues", "acquires"};
  const std::vector<std::string> triggers = {"투자", "협력", "제소", "인수", ""};
  std::vector<DocumentExtraction> docs;
  for (int d = 0; d < documents; ++d) {
    const int parts = d % 7 == 0 ? 3 : 1;
    const std::string name = "news/" + std::to_string(d % 50) + "/doc" + std::to_string(d) + ".txt";
    const std::string date = d % 5 == 0 ? ""
                                        : "2024-0" + std::to_string(1 + d % 9) + "-1" +
                                              std::to_string(d % 10) + "T09:00:00Z";
    for (int part = 0; part < parts; ++part) {
      DocumentExtraction doc;
      doc.document = name;
      std::set<std::string> mentioned;
      for (int m = pick(4); m > 0; --m) mentioned.insert("e" + std::to_string(pick(entities)));
      for (const std::string& id : mentioned)
        doc.mentions.push_back({id, 1 + std::size_t(pick(3))});
      for (int f = pick(6); f > 0; --f) {
        Fact fact;
        fact.source = "e" + std::to_string(pick(entities));
        fact.target = pick(20) == 0 ? "stranger" + std::to_string(pick(3))
                                    : "e" + std::to_string(pick(entities));
        fact.relation = relations[pick(4)];
        fact.symmetric = fact.relation == "partner";
        fact.evidence.document = pick(30) == 0 ? name + "#other" : name;
        fact.evidence.sentence = std::size_t(pick(8) + part * 8);
        fact.evidence.begin = fact.evidence.sentence * 120 + std::size_t(pick(2));
        fact.evidence.end = fact.evidence.begin + 100;
        fact.evidence.text =
            "문장 " + std::to_string(fact.evidence.sentence) + " \"인용\" & <태그>";
        fact.evidence.trigger = triggers[pick(5)];
        fact.evidence.date = pick(10) == 0 ? "2023-12-3" + std::to_string(pick(2)) : date;
        doc.facts.push_back(fact);
        if (pick(4) == 0) doc.facts.push_back(fact);  // an exact duplicate
      }
      docs.push_back(std::move(doc));
    }
  }
  return docs;
}

std::string spill_write(const GraphView& g, GraphFormat format, GraphPart part = GraphPart::whole,
                        unsigned threads = 1) {
  std::ostringstream out;
  write_graph_part(g, format, part, out, threads);
  return out.str();
}

std::string spill_write(const KnowledgeGraph& g, GraphFormat format,
                        GraphPart part = GraphPart::whole, unsigned threads = 1) {
  return spill_write(KnowledgeGraphView(g), format, part, threads);
}

// Every format written from the reference, from build() and from finish() is the same; finish()
// and the writers run on `threads` threads.
void check_all_formats(const RuleSet& rules, const std::vector<DocumentExtraction>& docs,
                       SpillOptions options, bool expect_disk, unsigned threads = 1) {
  const std::vector<DocumentRecord> records = {
      {"b.txt", "h2", 20}, {"a.txt", "h1", 10}, {"b.txt", "h2", 20}};
  const KnowledgeGraph reference = spill_reference_build(rules, docs, records);
  GraphBuilder builder(rules, options);
  for (const DocumentExtraction& d : docs) builder.add(d);
  for (const DocumentRecord& r : records) builder.add_document(r);
  const KnowledgeGraph in_memory = builder.build();
  const BuiltGraph spilled = std::move(builder).finish();
  CHECK(spilled.spilled_to_disk() == expect_disk);
  REQUIRE(spilled.num_nodes() == boost::num_vertices(reference));
  REQUIRE(spilled.num_edges() == boost::num_edges(reference));
  for (GraphFormat f : {GraphFormat::json, GraphFormat::graphml, GraphFormat::gexf,
                        GraphFormat::cytoscape, GraphFormat::dot, GraphFormat::binary}) {
    CAPTURE(static_cast<int>(f));
    const std::string expected = spill_write(reference, f);
    CHECK(expected.size() > 100);
    CHECK(spill_write(in_memory, f, GraphPart::whole, threads) == expected);
    CHECK(spill_write(spilled, f, GraphPart::whole, threads) == expected);
  }
  for (GraphPart part : {GraphPart::nodes, GraphPart::edges}) {
    const std::string expected = spill_write(reference, GraphFormat::neo4j, part);
    CHECK(spill_write(spilled, GraphFormat::neo4j, part) == expected);
  }
}

}  // namespace

TEST_CASE("spill: bytes come back as appended, in memory and from the temporary file") {
  SpillFile spill(16);
  std::vector<std::pair<std::uint64_t, std::string>> written;
  for (int i = 0; i < 200; ++i) {
    const std::string bytes(static_cast<std::size_t>(1 + i % 23), static_cast<char>('a' + i % 26));
    written.emplace_back(spill.append(bytes), bytes);
    if (i == 0) CHECK_FALSE(spill.on_disk());  // still under the limit
  }
  CHECK(spill.on_disk());
  std::string out;
  std::uint64_t expected_offset = 0;
  for (const auto& [offset, bytes] : written) {
    CHECK(offset == expected_offset);
    expected_offset += bytes.size();
    spill.read(offset, bytes.size(), out);
    CHECK(out == bytes);
  }
  CHECK(spill.size() == expected_offset);
  // A read across records, and across the file and the in-memory tail.
  spill.read(0, static_cast<std::size_t>(spill.size()), out);
  std::string all;
  for (const auto& w : written) all += w.second;
  CHECK(out == all);
  CHECK_THROWS_AS(spill.read(spill.size() - 1, 2, out), SpillError);

  // Moved, it keeps its contents.
  SpillFile moved = std::move(spill);
  moved.read(written[5].first, written[5].second.size(), out);
  CHECK(out == written[5].second);
}

TEST_CASE("spill: under the limit nothing goes to disk") {
  SpillFile spill(1 << 20);
  const std::uint64_t a = spill.append("hello");
  const std::uint64_t b = spill.append(std::string(1000, 'x'));
  CHECK_FALSE(spill.on_disk());
  std::string out;
  spill.read(a, 5, out);
  CHECK(out == "hello");
  spill.read(b, 1000, out);
  CHECK(out == std::string(1000, 'x'));
}

TEST_CASE("spill: varints and strings round-trip, truncated input throws") {
  using namespace spill_codec;
  std::string buf;
  const std::vector<std::uint64_t> numbers = {0, 1, 127, 128, 300, 1ULL << 35, ~0ULL};
  for (std::uint64_t n : numbers) put_varint(buf, n);
  put_string(buf, "");
  put_string(buf, std::string("nul\0inside", 10));
  std::size_t pos = 0;
  for (std::uint64_t n : numbers) CHECK(get_varint(buf, pos) == n);
  CHECK(get_string(buf, pos).empty());
  CHECK(get_string(buf, pos) == std::string_view("nul\0inside", 10));
  CHECK(pos == buf.size());
  CHECK_THROWS_AS(get_varint(buf, pos), SpillError);
  std::string truncated;
  put_string(truncated, "abcdef");
  truncated.pop_back();
  pos = 0;
  CHECK_THROWS_AS(get_string(truncated, pos), SpillError);
}

TEST_CASE("spill: the builder's graph equals the in-memory reference in every format") {
  const RuleSet rules = spill_rules(40);
  const std::vector<DocumentExtraction> docs = spill_docs(7, 300, 40);
  SUBCASE("spill in memory") { check_all_formats(rules, docs, SpillOptions{}, false); }
  SUBCASE("spill on disk, small node buffers") {
    check_all_formats(rules, docs, SpillOptions{0, 16, 64}, true);
  }
  SUBCASE("spill moving to disk half way") {
    check_all_formats(rules, docs, SpillOptions{20000, 64, 1024}, true);
  }
  SUBCASE("finish() and the writers on three threads") {
    check_all_formats(rules, docs, SpillOptions{}, false, 3);
    check_all_formats(rules, docs, SpillOptions{0, 16, 64}, true, 3);
  }
}

TEST_CASE("spill: many edges, in any order of documents") {
  const RuleSet rules = spill_rules(400);
  std::vector<DocumentExtraction> docs = spill_docs(11, 3000, 400);
  GraphBuilder forward(rules, SpillOptions{4096, 32, 4096});
  for (const DocumentExtraction& d : docs) forward.add(d);
  std::mt19937 rng(3);
  std::shuffle(docs.begin(), docs.end(), rng);
  GraphBuilder shuffled(rules, SpillOptions{0, 8, 8});
  for (const DocumentExtraction& d : docs) shuffled.add(d);
  const BuiltGraph a = std::move(forward).finish();
  const BuiltGraph b = std::move(shuffled).finish();
  CHECK(a.num_edges() > 2000);  // more than the hash index's first size
  const std::string json = spill_write(a, GraphFormat::json);
  CHECK(json == spill_write(b, GraphFormat::json));
  CHECK(json == spill_write(b, GraphFormat::json, GraphPart::whole, 4));
  CHECK(json == spill_write(spill_reference_build(rules, docs), GraphFormat::json));
}

TEST_CASE("spill: an evidence repeated with another date is kept, so every date counts") {
  // Same (document, sentence, trigger), different begin: with the same date the one with the
  // smaller begin is kept; with another date (two documents of one name) both are, and the
  // edge's and the nodes' date range spans them.
  Fact f;
  f.source = "e1";
  f.target = "e2";
  f.relation = "sues";
  f.evidence = {"a.txt", 3, 10, 20, "text", "제소", "2024-05-01"};
  Fact same_date = f;
  same_date.evidence.begin = 12;
  Fact other_date = f;
  other_date.evidence.begin = 11;
  other_date.evidence.date = "2020-01-01";
  const DocumentExtraction doc{"a.txt", {{"e1", 1}}, {other_date, same_date, f}};
  GraphBuilder builder(spill_rules(3), SpillOptions{0, 16, 64});
  builder.add(doc);
  const KnowledgeGraph in_memory = builder.build();
  const BuiltGraph built = std::move(builder).finish();
  REQUIRE(built.num_edges() == 1);
  const EdgeView e = built.edge(0, true);
  REQUIRE(e.evidence_count == 2);
  CHECK(e.properties->evidence.at(0).begin == 10);
  CHECK(e.properties->evidence.at(0).date == "2024-05-01");
  CHECK(e.properties->evidence.at(1).begin == 11);
  CHECK(e.properties->weight == 1);  // one (document, sentence)
  CHECK(e.dates.first == "2020-01-01");
  CHECK(e.dates.last == "2024-05-01");
  CHECK(built.node_dates(0).first == "2020-01-01");
  CHECK(built.node_dates(1).last == "2024-05-01");
  CHECK(built.has_dates());
  // Without the evidence: the same counts and dates.
  const EdgeView brief = built.edge(0, false);
  CHECK(brief.properties->evidence.empty());
  CHECK(brief.evidence_count == 2);
  CHECK(brief.properties->weight == 1);
  CHECK(brief.dates.first == "2020-01-01");
  // The in-memory graph agrees.
  REQUIRE(boost::num_edges(in_memory) == 1);
  const auto only = *boost::edges(in_memory).first;
  CHECK(in_memory[only].evidence.size() == 2);
  CHECK(edge_date_range(in_memory[only]).first == "2020-01-01");
}

TEST_CASE("spill: node documents are fetched one node at a time") {
  const RuleSet rules = spill_rules(10);
  GraphBuilder builder(rules, SpillOptions{0, 16, 64});
  for (int d = 0; d < 100; ++d) {
    DocumentExtraction doc;
    doc.document = "doc" + std::to_string(d % 40);  // each name three times or so
    doc.mentions = {{"e1", 1}, {"e" + std::to_string(2 + d % 3), 1}};
    builder.add(doc);
  }
  const BuiltGraph g = std::move(builder).finish();
  REQUIRE(g.num_nodes() == 4);
  CHECK(g.node(0, false).id == "e1");
  CHECK(g.node(0, true).documents.size() == 40);
  CHECK(std::is_sorted(g.node(0, true).documents.begin(), g.node(0, true).documents.end()));
  const std::vector<std::string> e2 = g.node(1, true).documents;
  CHECK(e2.size() == 34);  // d % 3 == 0 for d < 100: 34 documents, distinct names
  CHECK(g.node(0, false).documents.empty());  // dropped when node 1's were fetched
  CHECK(g.node(0, true).documents.size() == 40);
}
