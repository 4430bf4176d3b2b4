// Graphs made from graphs (see query.h): the subgraph around an entity and the merge of several
// graphs, both returned in canonical order (nodes by id, edges by source, relation, target;
// evidence by document, sentence, begin, trigger), as GraphBuilder orders a fresh build.
#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "graph/canonical.h"
#include "query/query.h"
#include "query/query_internal.h"

namespace relgraph::query {

namespace detail {

KnowledgeGraph canonical_graph(std::vector<NodeProperties> nodes, std::vector<EdgeById> edges,
                               const std::string& name) {
  std::sort(nodes.begin(), nodes.end(),
            [](const NodeProperties& a, const NodeProperties& b) { return a.id < b.id; });
  std::stable_sort(edges.begin(), edges.end(), [](const EdgeById& a, const EdgeById& b) {
    return std::tie(a.source, a.properties.relation, a.target) <
           std::tie(b.source, b.properties.relation, b.target);
  });
  KnowledgeGraph out;
  out[boost::graph_bundle].name = name;
  std::map<std::string, Vertex> index;
  for (NodeProperties& n : nodes) {
    std::string id = n.id;
    index.emplace(std::move(id), boost::add_vertex(std::move(n), out));
  }
  for (EdgeById& e : edges) {
    boost::add_edge(index.at(e.source), index.at(e.target), std::move(e.properties), out);
  }
  return out;
}

}  // namespace detail

KnowledgeGraph subgraph(const KnowledgeGraph& g, Vertex center, std::size_t depth,
                        const Relations& relations) {
  constexpr std::size_t kUnseen = std::numeric_limits<std::size_t>::max();
  std::vector<std::size_t> depth_of(boost::num_vertices(g), kUnseen);
  depth_of[center] = 0;
  std::vector<Vertex> frontier = {center}, kept = {center};
  for (std::size_t d = 1; d <= depth && !frontier.empty(); ++d) {
    std::vector<Vertex> next;
    auto reach = [&](Vertex w) {
      if (depth_of[w] == kUnseen) {
        depth_of[w] = d;
        next.push_back(w);
        kept.push_back(w);
      }
    };
    for (Vertex u : frontier) {
      for (auto e : boost::make_iterator_range(boost::out_edges(u, g))) {
        if (detail::relation_ok(relations, g[e].relation)) reach(boost::target(e, g));
      }
      for (auto e : boost::make_iterator_range(boost::in_edges(u, g))) {
        if (detail::relation_ok(relations, g[e].relation)) reach(boost::source(e, g));
      }
    }
    frontier = std::move(next);
  }
  std::vector<NodeProperties> nodes;
  std::vector<detail::EdgeById> edges;
  for (Vertex v : kept) {
    nodes.push_back(g[v]);
    for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
      const Vertex t = boost::target(e, g);
      if (depth_of[t] != kUnseen && detail::relation_ok(relations, g[e].relation)) {
        edges.push_back({g[v].id, g[t].id, g[e]});
      }
    }
  }
  return detail::canonical_graph(std::move(nodes), std::move(edges), g[boost::graph_bundle].name);
}

namespace {

int label_rank(const NodeProperties& n) { return n.label.empty() ? 0 : n.label == n.id ? 1 : 2; }
int type_rank(const std::string& type) { return type.empty() ? 0 : type == "unknown" ? 1 : 2; }

struct NodeAcc {
  NodeProperties node;
  std::set<std::string> aliases_seen;
  std::set<std::string> documents;
};

struct EdgeAcc {
  bool symmetric = false;
  std::vector<Evidence> evidence;
  std::size_t excess = 0;  // weight beyond the evidence, summed over the inputs
};

}  // namespace

KnowledgeGraph merge(const std::vector<const KnowledgeGraph*>& graphs) {
  std::map<std::string, NodeAcc> nodes;
  using EdgeKey = std::tuple<std::string, std::string, std::string>;  // source, relation, target
  std::map<EdgeKey, EdgeAcc> edges;
  std::string name = GraphProperties{}.name;
  bool named = false;
  std::set<DocumentRecord> documents;
  for (const KnowledgeGraph* gp : graphs) {
    const KnowledgeGraph& g = *gp;
    documents.insert(g[boost::graph_bundle].documents.begin(),
                     g[boost::graph_bundle].documents.end());
    if (!named) {
      name = g[boost::graph_bundle].name;
      named = true;
    }
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
      const NodeProperties& n = g[v];
      auto [it, fresh] = nodes.try_emplace(n.id);
      NodeAcc& acc = it->second;
      if (fresh) {
        acc.node.id = n.id;
        acc.node.label = n.label;
        acc.node.type = n.type;
      } else {
        if (label_rank(n) > label_rank(acc.node)) acc.node.label = n.label;
        if (type_rank(n.type) > type_rank(acc.node.type)) acc.node.type = n.type;
      }
      for (const std::string& a : n.aliases) {
        if (acc.aliases_seen.insert(a).second) acc.node.aliases.push_back(a);
      }
      for (const Attribute& a : n.attributes) {
        const bool known = std::any_of(acc.node.attributes.begin(), acc.node.attributes.end(),
                                       [&](const Attribute& b) { return b.key == a.key; });
        if (!known) acc.node.attributes.push_back(a);
      }
      acc.node.mentions += n.mentions;
      acc.documents.insert(n.documents.begin(), n.documents.end());
    }
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
      const EdgeProperties& p = g[e];
      std::string s = g[boost::source(e, g)].id, t = g[boost::target(e, g)].id;
      if (p.symmetric && t < s) std::swap(s, t);
      EdgeAcc& acc = edges[EdgeKey(std::move(s), p.relation, std::move(t))];
      acc.symmetric = acc.symmetric || p.symmetric;
      acc.evidence.insert(acc.evidence.end(), p.evidence.begin(), p.evidence.end());
      const std::size_t supported = distinct_sentences(p.evidence);
      if (p.weight > supported) acc.excess += p.weight - supported;
    }
  }
  std::vector<NodeProperties> out_nodes;
  out_nodes.reserve(nodes.size());
  for (auto& [id, acc] : nodes) {
    acc.node.documents.assign(acc.documents.begin(), acc.documents.end());
    std::stable_sort(acc.node.attributes.begin(), acc.node.attributes.end(),
                     [](const Attribute& a, const Attribute& b) { return a.key < b.key; });
    out_nodes.push_back(std::move(acc.node));
  }
  std::vector<detail::EdgeById> out_edges;
  out_edges.reserve(edges.size());
  for (auto& [key, acc] : edges) {
    EdgeProperties p;
    p.relation = std::get<1>(key);
    p.symmetric = acc.symmetric;
    p.evidence = canonical_evidence(std::move(acc.evidence));
    p.weight = distinct_sentences(p.evidence) + acc.excess;
    out_edges.push_back({std::get<0>(key), std::get<2>(key), std::move(p)});
  }
  KnowledgeGraph out = detail::canonical_graph(std::move(out_nodes), std::move(out_edges), name);
  out[boost::graph_bundle].documents.assign(documents.begin(), documents.end());
  return out;
}

}  // namespace relgraph::query
