// KnowledgeGraph: the extracted graph as a Boost.Graph adjacency_list with bundled properties.
//
// One node per entity (id, label, type, aliases, attributes, mention count, documents), one
// edge per (source, relation, target) with weight = number of distinct supporting sentences
// and the list of evidence. GraphBuilder accumulates DocumentExtractions (in any order) and
// build() returns a graph whose node and edge order is canonical (nodes by id, edges by
// source, relation, target; evidence by document, sentence, offset), so the same input gives
// byte-identical output. No I/O here.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "relate/fact.h"
#include "rules/rule_set.h"

namespace relgraph {

struct NodeProperties {
  std::string id;
  std::string label;
  std::string type;
  std::vector<std::string> aliases;
  std::vector<Attribute> attributes;
  std::size_t mentions = 0;
  std::vector<std::string> documents;  // sorted, distinct
};

struct EdgeProperties {
  std::string relation;
  bool symmetric = false;
  std::size_t weight = 0;          // distinct (document, sentence) pairs
  std::vector<Evidence> evidence;  // sorted, distinct by (document, sentence, trigger)
};

// A document the graph was built from, for incremental builds (`relgraph build --update`) and
// for merging partial results: its name, the fingerprint of its text and its size.
struct DocumentRecord {
  std::string name;
  std::string hash;  // read/content_hash.h
  std::size_t bytes = 0;
  friend bool operator<(const DocumentRecord& a, const DocumentRecord& b) {
    return std::tie(a.name, a.hash, a.bytes) < std::tie(b.name, b.hash, b.bytes);
  }
  friend bool operator==(const DocumentRecord& a, const DocumentRecord& b) = default;
};

struct GraphProperties {
  std::string name = "relgraph";
  // The documents read, sorted and distinct; empty unless the builder was asked to keep them
  // (--partial, --update): only the JSON format carries them.
  std::vector<DocumentRecord> documents;
};

using KnowledgeGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                             NodeProperties, EdgeProperties, GraphProperties>;

class GraphBuilder {
 public:
  explicit GraphBuilder(const RuleSet& rules);

  void add(const DocumentExtraction& doc);
  void add(DocumentExtraction&& doc);  // the same, moving the evidence in
  // Records a document read, for the graph's document table (GraphProperties::documents).
  void add_document(DocumentRecord record) { records_.push_back(std::move(record)); }

  // Nodes: every entity mentioned at least once or used by an edge.
  KnowledgeGraph build() const;

 private:
  struct EntityInfo {
    std::string label, type;
    std::vector<std::string> aliases;
    std::vector<Attribute> attributes;
  };
  struct NodeAcc {
    std::size_t mentions = 0;
    std::set<std::string> documents;
  };
  using EdgeKey = std::tuple<std::string, std::string, std::string>;  // source, relation, target
  struct EdgeAcc {
    bool symmetric = false;
    std::vector<Evidence> evidence;
  };
  std::map<std::string, EntityInfo> entities_;
  std::map<std::string, NodeAcc> nodes_;
  std::map<EdgeKey, EdgeAcc> edges_;
  std::vector<DocumentRecord> records_;
};

}  // namespace relgraph
