// Unit tests for GraphBuilder: nodes, edges, weights, evidence dedup, symmetric canonical form
// and independence from the order in which documents are added.
#include <doctest/doctest.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "graph/graph_builder.h"
#include "graph/knowledge_graph.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

Alias graph_test_alias(std::string text) {
  Alias a;
  a.text = std::move(text);
  return a;
}

RuleSet graph_test_rules() {
  RuleSet rules;
  Entity samsung;
  samsung.id = "samsung";
  samsung.type = "company";
  samsung.label = "삼성전자";
  samsung.aliases = {graph_test_alias("삼성전자"), graph_test_alias("삼성"),
                     graph_test_alias("삼성")};
  samsung.attributes = {{"wikidata", "Q20718"}, {"country", "KR"}, {"wikidata", "Q0"}};
  Entity apple;
  apple.id = "apple";
  apple.type = "company";
  apple.label = "애플";
  apple.aliases = {graph_test_alias("애플")};
  Entity korea;
  korea.id = "korea";
  korea.type = "country";
  korea.label = "한국";
  Entity unused;
  unused.id = "unused";
  unused.type = "company";
  unused.label = "Unused";
  rules.entities = {samsung, apple, korea, unused};
  return rules;
}

Fact graph_test_fact(std::string source, std::string relation, std::string target,
                     std::string document, std::size_t sentence, std::string trigger,
                     bool symmetric = false) {
  Fact f;
  f.source = std::move(source);
  f.relation = std::move(relation);
  f.target = std::move(target);
  f.symmetric = symmetric;
  f.evidence.document = std::move(document);
  f.evidence.sentence = sentence;
  f.evidence.begin = sentence * 100;
  f.evidence.end = sentence * 100 + 50;
  f.evidence.text = "sentence " + std::to_string(sentence);
  f.evidence.trigger = std::move(trigger);
  return f;
}

std::vector<DocumentExtraction> graph_test_docs() {
  DocumentExtraction a;
  a.document = "a.txt";
  a.mentions = {{"apple", 2}, {"samsung", 3}};
  a.facts = {graph_test_fact("samsung", "sues", "apple", "a.txt", 2, "제소"),
             graph_test_fact("samsung", "sues", "apple", "a.txt", 2, "제소"),  // duplicate
             graph_test_fact("samsung", "sues", "apple", "a.txt", 2, "소송"),  // same sentence
             graph_test_fact("samsung", "sues", "apple", "a.txt", 0, "제소"),
             graph_test_fact("samsung", "partner", "apple", "a.txt", 1, "협력", true)};
  DocumentExtraction b;
  b.document = "b.txt";
  b.mentions = {{"apple", 1}, {"korea", 0}, {"samsung", 1}};
  b.facts = {graph_test_fact("apple", "partner", "samsung", "b.txt", 4, "제휴", true),
             graph_test_fact("samsung", "sues", "apple", "b.txt", 1, "제소"),
             graph_test_fact("samsung", "located_in", "stranger", "b.txt", 3, "본사")};
  return {a, b};
}

std::string graph_test_json(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_json(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("graph: nodes are mentioned entities and edge endpoints, sorted by id") {
  GraphBuilder builder(graph_test_rules());
  for (const auto& d : graph_test_docs()) builder.add(d);
  const KnowledgeGraph g = builder.build();
  REQUIRE(boost::num_vertices(g) == 3);
  CHECK(g[0].id == "apple");
  CHECK(g[1].id == "samsung");
  CHECK(g[2].id == "stranger");  // korea has 0 mentions, unused is never mentioned

  CHECK(g[0].mentions == 3);
  CHECK(g[0].documents == std::vector<std::string>{"a.txt", "b.txt"});
  CHECK(g[1].label == "삼성전자");
  CHECK(g[1].type == "company");
  CHECK(g[1].mentions == 4);
  CHECK(g[1].aliases == std::vector<std::string>{"삼성전자", "삼성"});
  REQUIRE(g[1].attributes.size() == 2);
  CHECK(g[1].attributes[0].key == "country");
  CHECK(g[1].attributes[1].key == "wikidata");
  CHECK(g[1].attributes[1].value == "Q20718");

  // An id unknown to the rules: label = id, type "unknown", documents from its evidence.
  CHECK(g[2].label == "stranger");
  CHECK(g[2].type == "unknown");
  CHECK(g[2].mentions == 0);
  CHECK(g[2].aliases.empty());
  CHECK(g[2].documents == std::vector<std::string>{"b.txt"});
  CHECK(g[boost::graph_bundle].name == "relgraph");
}

TEST_CASE("graph: edges sorted, weights count distinct sentences, evidence deduplicated") {
  GraphBuilder builder(graph_test_rules());
  for (const auto& d : graph_test_docs()) builder.add(d);
  const KnowledgeGraph g = builder.build();
  REQUIRE(boost::num_edges(g) == 3);

  std::vector<std::string> keys;
  std::vector<const EdgeProperties*> props;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    keys.push_back(g[boost::source(e, g)].id + " " + g[e].relation + " " +
                   g[boost::target(e, g)].id);
    props.push_back(&g[e]);
  }
  CHECK(keys == std::vector<std::string>{"apple partner samsung", "samsung located_in stranger",
                                         "samsung sues apple"});

  // partner: symmetric, canonical apple -> samsung, two sentences in two documents.
  CHECK(props[0]->symmetric);
  CHECK(props[0]->weight == 2);
  REQUIRE(props[0]->evidence.size() == 2);
  CHECK(props[0]->evidence[0].document == "a.txt");
  CHECK(props[0]->evidence[1].document == "b.txt");

  CHECK_FALSE(props[1]->symmetric);
  CHECK(props[1]->weight == 1);

  // sues: a.txt#0, a.txt#2 (two triggers, one duplicate dropped), b.txt#1.
  const EdgeProperties& sues = *props[2];
  CHECK(sues.weight == 3);
  REQUIRE(sues.evidence.size() == 4);
  CHECK(sues.evidence[0].sentence == 0);
  CHECK(sues.evidence[1].sentence == 2);
  CHECK(sues.evidence[1].trigger == "소송");  // same (document, sentence, begin): by trigger
  CHECK(sues.evidence[2].sentence == 2);
  CHECK(sues.evidence[2].trigger == "제소");
  CHECK(sues.evidence[3].document == "b.txt");
  CHECK(sues.evidence[3].sentence == 1);
}

TEST_CASE("graph: result does not depend on the order of add() or of facts") {
  auto docs = graph_test_docs();
  GraphBuilder forward(graph_test_rules());
  for (const auto& d : docs) forward.add(d);

  GraphBuilder backward(graph_test_rules());
  for (auto it = docs.rbegin(); it != docs.rend(); ++it) {
    DocumentExtraction d = *it;
    std::reverse(d.facts.begin(), d.facts.end());
    backward.add(d);
  }
  const std::string a = graph_test_json(forward.build());
  const std::string b = graph_test_json(backward.build());
  CHECK(a.size() > 100);
  CHECK(a == b);
}

TEST_CASE("graph: duplicates that differ outside the identity keep the smallest") {
  // Two evidences with the same (document, sentence, trigger) but different text: whichever
  // order they arrive in, the same one is kept.
  Fact x = graph_test_fact("samsung", "sues", "apple", "a.txt", 1, "제소");
  Fact y = x;
  y.evidence.text = "another rendering";
  DocumentExtraction d1{"a.txt", {}, {x, y}};
  DocumentExtraction d2{"a.txt", {}, {y, x}};
  GraphBuilder b1(graph_test_rules());
  b1.add(d1);
  GraphBuilder b2(graph_test_rules());
  b2.add(d2);
  const KnowledgeGraph g1 = b1.build();
  const KnowledgeGraph g2 = b2.build();
  REQUIRE(boost::num_edges(g1) == 1);
  const auto e1 = *boost::edges(g1).first;
  const auto e2 = *boost::edges(g2).first;
  REQUIRE(g1[e1].evidence.size() == 1);
  CHECK(g1[e1].evidence[0].text == "another rendering");
  CHECK(g2[e2].evidence[0].text == "another rendering");
  CHECK(g1[e1].weight == 1);
}

TEST_CASE("graph: symmetric facts are canonicalised, asymmetric ones are not") {
  DocumentExtraction d;
  d.document = "c.txt";
  d.facts = {graph_test_fact("samsung", "partner", "apple", "c.txt", 0, "협력", true),
             graph_test_fact("apple", "partner", "samsung", "c.txt", 1, "협력", true),
             graph_test_fact("samsung", "sues", "apple", "c.txt", 2, "제소"),
             graph_test_fact("apple", "sues", "samsung", "c.txt", 3, "제소")};
  GraphBuilder builder(graph_test_rules());
  builder.add(d);
  const KnowledgeGraph g = builder.build();
  REQUIRE(boost::num_edges(g) == 3);
  std::vector<std::string> keys;
  std::vector<std::size_t> weights;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    keys.push_back(g[boost::source(e, g)].id + " " + g[e].relation + " " +
                   g[boost::target(e, g)].id);
    weights.push_back(g[e].weight);
  }
  CHECK(keys == std::vector<std::string>{"apple partner samsung", "apple sues samsung",
                                         "samsung sues apple"});
  CHECK(weights == std::vector<std::size_t>{2, 1, 1});
  // Endpoints of edges are nodes even without mention counts.
  CHECK(boost::num_vertices(g) == 2);
  CHECK(g[0].mentions == 0);
  CHECK(g[0].documents == std::vector<std::string>{"c.txt"});
}

TEST_CASE("graph: empty builder gives an empty graph") {
  GraphBuilder builder(graph_test_rules());
  const KnowledgeGraph g = builder.build();
  CHECK(boost::num_vertices(g) == 0);
  CHECK(boost::num_edges(g) == 0);
}
