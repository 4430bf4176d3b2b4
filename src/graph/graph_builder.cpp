// GraphBuilder: accumulates DocumentExtractions and builds a canonical KnowledgeGraph.
//
// Entity information (label, type, aliases, attributes) is copied from the RuleSet up front.
// add() only accumulates (mention counts, documents, evidence per (source, relation, target)),
// and build() sorts and deduplicates everything, so the result does not depend on the order in
// which documents were added.
#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "graph/knowledge_graph.h"

#include "graph/canonical.h"

namespace relgraph {

namespace {}  // namespace

GraphBuilder::GraphBuilder(const RuleSet& rules) {
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

void GraphBuilder::add(const DocumentExtraction& doc) {
  DocumentExtraction copy = doc;
  add(std::move(copy));
}

void GraphBuilder::add(DocumentExtraction&& doc) {
  for (const MentionCount& m : doc.mentions) {
    if (m.entity.empty() || m.count == 0) continue;
    NodeAcc& node = nodes_[m.entity];
    node.mentions += m.count;
    node.documents.insert(doc.document);
  }
  for (Fact& fact : doc.facts) {
    if (fact.source.empty() || fact.target.empty() || fact.relation.empty()) continue;
    const bool swap = fact.symmetric && fact.target < fact.source;
    const std::string& source = swap ? fact.target : fact.source;
    const std::string& target = swap ? fact.source : fact.target;
    EdgeAcc& edge = edges_[EdgeKey{source, fact.relation, target}];
    edge.symmetric = edge.symmetric || fact.symmetric;
    edge.evidence.push_back(std::move(fact.evidence));
  }
}

KnowledgeGraph GraphBuilder::build() const {
  // Which entities become nodes: mentioned ones plus edge endpoints (std::map keeps id order).
  std::map<std::string, NodeAcc> nodes = nodes_;
  for (const auto& [key, edge] : edges_) {
    const auto& [source, relation, target] = key;
    for (const std::string* id : {&source, &target}) {
      NodeAcc& node = nodes[*id];
      for (const Evidence& e : edge.evidence) node.documents.insert(e.document);
    }
  }

  KnowledgeGraph g;
  g[boost::graph_bundle].name = "relgraph";
  std::vector<DocumentRecord> records = records_;
  std::sort(records.begin(), records.end());
  records.erase(std::unique(records.begin(), records.end()), records.end());
  g[boost::graph_bundle].documents = std::move(records);
  std::map<std::string_view, KnowledgeGraph::vertex_descriptor> vertex_of;
  for (const auto& [id, acc] : nodes) {
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
    p.mentions = acc.mentions;
    p.documents.assign(acc.documents.begin(), acc.documents.end());
    vertex_of.emplace(id, boost::add_vertex(std::move(p), g));
  }

  // edges_ is ordered by (source, relation, target) already.
  for (const auto& [key, acc] : edges_) {
    const auto& [source, relation, target] = key;
    EdgeProperties p;
    p.relation = relation;
    p.symmetric = acc.symmetric;
    p.evidence = canonical_evidence(acc.evidence);
    p.weight = distinct_sentences(p.evidence);
    boost::add_edge(vertex_of.at(source), vertex_of.at(target), std::move(p), g);
  }
  return g;
}

}  // namespace relgraph
