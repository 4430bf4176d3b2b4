// KnowledgeGraph: the extracted graph as a Boost.Graph adjacency_list with bundled properties.
//
// One node per entity (id, label, type, aliases, attributes, mention count, documents), one
// edge per (source, relation, target) with weight = number of distinct supporting sentences
// and the list of evidence. GraphBuilder (graph_builder.h) accumulates DocumentExtractions (in
// any order) and gives a graph whose node and edge order is canonical (nodes by id, edges by
// source, relation, target; evidence by document, sentence, offset), so the same input gives
// byte-identical output. Writers read graphs through GraphView (graph_view.h), of which this
// in-memory graph is one kind. No I/O here.
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

}  // namespace relgraph
