// Unit tests for the query stage on small hand-made graphs with known answers: entity lookup
// (aliases in any script, case, ambiguity, candidates), statistics and components, neighbours,
// edge filters, shortest paths, PageRank (against an independent power iteration and against
// networkx values), betweenness (path and star), subgraphs and merging (associativity, no
// duplicate evidence).
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "graph/knowledge_graph.h"
#include "query/query.h"
#include "write/graph_writer.h"

using namespace relgraph;
using namespace relgraph::query;

namespace {

struct NodeSpec {
  NodeSpec(std::string i, std::string l = {}, std::string t = {}, std::vector<std::string> a = {})
      : id(std::move(i)), label(std::move(l)), type(std::move(t)), aliases(std::move(a)) {}
  std::string id, label, type;
  std::vector<std::string> aliases;
};

using EvidenceSpec = std::tuple<std::string, std::size_t, std::string>;  // doc, sentence, trigger

struct EdgeSpec {
  EdgeSpec(std::string s, std::string r, std::string t, bool sym = false,
           std::vector<EvidenceSpec> ev = {})
      : source(std::move(s)),
        relation(std::move(r)),
        target(std::move(t)),
        symmetric(sym),
        evidence(std::move(ev)) {}
  std::string source, relation, target;
  bool symmetric = false;
  std::vector<EvidenceSpec> evidence;
};

KnowledgeGraph make_graph(const std::vector<NodeSpec>& nodes, const std::vector<EdgeSpec>& edges) {
  KnowledgeGraph g;
  std::map<std::string, Vertex> index;
  for (const NodeSpec& n : nodes) {
    NodeProperties p;
    p.id = n.id;
    p.label = n.label.empty() ? n.id : n.label;
    p.type = n.type.empty() ? "company" : n.type;
    p.aliases = n.aliases;
    p.mentions = 1;
    index[n.id] = boost::add_vertex(p, g);
  }
  for (const EdgeSpec& e : edges) {
    EdgeProperties p;
    p.relation = e.relation;
    p.symmetric = e.symmetric;
    std::set<std::pair<std::string, std::size_t>> sentences;
    for (const auto& [doc, sentence, trigger] : e.evidence) {
      Evidence ev;
      ev.document = doc;
      ev.sentence = sentence;
      ev.trigger = trigger;
      ev.text = doc + " sentence " + std::to_string(sentence);
      p.evidence.push_back(ev);
      sentences.emplace(doc, sentence);
    }
    p.weight = sentences.empty() ? 1 : sentences.size();
    boost::add_edge(index.at(e.source), index.at(e.target), p, g);
  }
  return g;
}

Vertex vertex_of(const KnowledgeGraph& g, const std::string& id) {
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].id == id) return v;
  }
  FAIL("no vertex " << id);
  return 0;
}

std::string to_json(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_json(g, out);
  return out.str();
}

// Entities, with names in several scripts, and one name ("Hanul") shared by two of them.
KnowledgeGraph lookup_graph() {
  return make_graph(
      {{"openai", "OpenAI", "company", {"OpenAI", "오픈AI", "오픈 AI"}},
       {"softbank", "SoftBank Group", "company", {"SoftBank", "소프트뱅크", "ソフトバンク"}},
       {"masayoshi-son", "Masayoshi Son", "person", {"손정의", "孫正義"}},
       {"hanul-ai", "Hanul AI", "company", {"Hanul", "한울"}},
       {"hanul-bank", "Hanul Bank", "company", {"Hanul"}}},
      {});
}

// a -> b -> c -> a, a -> d, b -> c (a second relation), a partners-with e, f alone.
KnowledgeGraph rank_graph() {
  return make_graph({{"a"}, {"b"}, {"c"}, {"d"}, {"e"}, {"f"}}, {{"a", "invests-in", "b"},
                                                                 {"a", "invests-in", "d"},
                                                                 {"a", "partners-with", "e", true},
                                                                 {"b", "criticises", "c"},
                                                                 {"b", "invests-in", "c"},
                                                                 {"c", "criticises", "a"}});
}

// Independent PageRank by power iteration (the textbook formula on an edge list).
std::vector<double> reference_pagerank(
    std::size_t n, const std::vector<std::pair<std::size_t, std::size_t>>& arcs) {
  const double d = 0.85;
  std::vector<double> x(n, 1.0 / static_cast<double>(n)), out(n, 0);
  for (const auto& [s, t] : arcs) out[s] += 1;
  for (int it = 0; it < 10000; ++it) {
    std::vector<double> next(n, (1 - d) / static_cast<double>(n));
    double dangling = 0;
    for (std::size_t v = 0; v < n; ++v) {
      if (out[v] == 0) dangling += x[v];
    }
    for (std::size_t v = 0; v < n; ++v) next[v] += d * dangling / static_cast<double>(n);
    for (const auto& [s, t] : arcs) next[t] += d * x[s] / out[s];
    x = next;
  }
  return x;
}

}  // namespace

TEST_CASE("query: lookup by Korean alias, English label, id in any case, any script") {
  const KnowledgeGraph g = lookup_graph();
  const EntityIndex index(g);
  auto found = [&](std::string_view name) {
    const EntityMatch m = index.find(name);
    CAPTURE(name);
    REQUIRE(m.status == EntityMatch::Status::found);
    return g[m.vertex].id;
  };
  CHECK(found("openai") == "openai");
  CHECK(found("오픈AI") == "openai");
  CHECK(found("오픈ai") == "openai");
  CHECK(found("오픈 AI") == "openai");
  CHECK(found("OPENAI") == "openai");
  CHECK(found("ＯｐｅｎＡＩ") == "openai");  // full-width, folded by NFKC
  CHECK(found("SoftBank Group") == "softbank");
  CHECK(found("softbankgroup") == "softbank");
  CHECK(found("SOFTBANK") == "softbank");
  CHECK(found("ソフトバンク") == "softbank");
  CHECK(found("손정의") == "masayoshi-son");
  CHECK(found("孫正義") == "masayoshi-son");
  CHECK(found("Masayoshi-Son") == "masayoshi-son");
  CHECK(found("한울") == "hanul-ai");
  CHECK(lookup_key("오픈 AI") == "오픈ai");
  CHECK(lookup_key("Straße") == "strasse");  // full case folding
}

TEST_CASE("query: ambiguous and unknown names give candidates") {
  const KnowledgeGraph g = lookup_graph();
  const EntityIndex index(g);
  const EntityMatch ambiguous = index.find("hanul");
  REQUIRE(ambiguous.status == EntityMatch::Status::ambiguous);
  REQUIRE(ambiguous.candidates.size() == 2);
  CHECK(g[ambiguous.candidates[0].vertex].id == "hanul-ai");
  CHECK(g[ambiguous.candidates[1].vertex].id == "hanul-bank");
  CHECK(ambiguous.candidates[0].matched == "Hanul");

  const EntityMatch typo = index.find("opnai");
  REQUIRE(typo.status == EntityMatch::Status::unknown);
  REQUIRE(!typo.candidates.empty());
  CHECK(g[typo.candidates[0].vertex].id == "openai");
  CHECK(typo.candidates[0].distance == 1);

  const EntityMatch prefix = index.find("soft");
  REQUIRE(prefix.status == EntityMatch::Status::unknown);
  REQUIRE(!prefix.candidates.empty());
  CHECK(g[prefix.candidates[0].vertex].id == "softbank");

  const EntityMatch korean = index.find("오픈에이");
  REQUIRE(korean.status == EntityMatch::Status::unknown);
  REQUIRE(!korean.candidates.empty());
  CHECK(g[korean.candidates[0].vertex].id == "openai");

  const EntityMatch far = index.find("zzzzzzzzzzzzzzzz");
  CHECK(far.status == EntityMatch::Status::unknown);
  CHECK(far.candidates.size() <= 3);  // still the nearest few
  CHECK(index.find("").status == EntityMatch::Status::unknown);
  CHECK(index.find("   ").candidates.empty());
}

TEST_CASE("query: stats and weakly connected components") {
  const KnowledgeGraph g = rank_graph();
  const GraphStats s = stats(g, 3);
  CHECK(s.nodes == 6);
  CHECK(s.edges == 6);
  CHECK(s.components == 2);
  CHECK(s.largest_component == 5);
  CHECK(s.isolated == 1);
  CHECK(s.density == doctest::Approx(6.0 / 30.0));
  REQUIRE(s.edges_by_relation.size() == 3);
  CHECK(s.edges_by_relation[0].name == "invests-in");
  CHECK(s.edges_by_relation[0].count == 3);
  CHECK(s.edges_by_relation[1].name == "criticises");
  CHECK(s.edges_by_relation[2].name == "partners-with");
  REQUIRE(s.nodes_by_type.size() == 1);
  CHECK(s.nodes_by_type[0].count == 6);
  REQUIRE(s.top_degree.size() == 3);
  CHECK(g[s.top_degree[0].vertex].id == "a");  // 4 edges
  CHECK(s.top_degree[0].score == 4);
  CHECK(g[s.top_degree[1].vertex].id == "b");  // 3, before c (3) by id
  CHECK(g[s.top_degree[2].vertex].id == "c");

  std::size_t count = 0;
  const std::vector<std::size_t> c = weak_components(g, count);
  CHECK(count == 2);
  CHECK(c[vertex_of(g, "e")] == c[vertex_of(g, "d")]);
  CHECK(c[vertex_of(g, "f")] != c[vertex_of(g, "a")]);

  const GraphStats empty = stats(KnowledgeGraph{});
  CHECK(empty.nodes == 0);
  CHECK(empty.components == 0);
  CHECK(empty.density == 0);
}

TEST_CASE("query: neighbours by direction, relation and depth") {
  const KnowledgeGraph g = rank_graph();
  auto rows = [&](const std::string& id, Direction d, std::size_t depth, Relations r = {}) {
    std::vector<std::string> out;
    for (const NeighborEdge& n : neighbors(g, vertex_of(g, id), {r, d, depth})) {
      out.push_back(std::to_string(n.depth) + " " + g[n.from].id + " " + g[n.edge].relation +
                    (n.outgoing ? " > " : " < ") + g[n.to].id);
    }
    return out;
  };
  CHECK(rows("a", Direction::out, 1) == std::vector<std::string>{"1 a invests-in > b",
                                                                 "1 a invests-in > d",
                                                                 "1 a partners-with > e"});
  CHECK(rows("a", Direction::in, 1) ==
        std::vector<std::string>{"1 a criticises < c", "1 a partners-with > e"});  // symmetric
  CHECK(rows("e", Direction::out, 1) == std::vector<std::string>{"1 e partners-with > a"});
  CHECK(rows("a", Direction::both, 1, {"criticises"}) ==
        std::vector<std::string>{"1 a criticises < c"});
  CHECK(rows("d", Direction::both, 2) ==
        std::vector<std::string>{"1 d invests-in < a", "2 a criticises < c", "2 a invests-in > b",
                                 "2 a partners-with > e"});
  // Depth 2 out of b: c, then a (through c); parallel edges b -> c both listed.
  CHECK(rows("b", Direction::out, 2) ==
        std::vector<std::string>{"1 b criticises > c", "1 b invests-in > c", "2 c criticises > a"});
  CHECK(rows("f", Direction::both, 3).empty());
}

TEST_CASE("query: edge filters") {
  const KnowledgeGraph g =
      make_graph({{"a", "", "person"}, {"b"}, {"c", "", "country"}},
                 {{"a", "criticises", "b", false, {{"d1", 0, "x"}}},
                  {"b", "invests-in", "c", false, {{"d1", 1, "y"}, {"d2", 0, "y"}, {"d2", 0, "z"}}},
                  {"b", "partners-with", "c", true, {{"d3", 0, "w"}}}});
  auto ids = [&](const EdgeFilter& f) {
    std::vector<std::string> out;
    for (const Edge& e : edges(g, f)) {
      out.push_back(g[boost::source(e, g)].id + " " + g[e].relation + " " +
                    g[boost::target(e, g)].id);
    }
    return out;
  };
  CHECK(ids({}).size() == 3);
  CHECK(ids({{"invests-in"}, {}, {}, "", 0}) == std::vector<std::string>{"b invests-in c"});
  CHECK(ids({{}, {}, {}, "", 2}) == std::vector<std::string>{"b invests-in c"});  // weight 2
  CHECK(ids({{}, {}, {}, "person", 0}) == std::vector<std::string>{"a criticises b"});
  CHECK(ids({{}, vertex_of(g, "b"), {}, "", 0}) ==
        std::vector<std::string>{"b invests-in c", "b partners-with c"});
  // A symmetric edge matches either way round.
  CHECK(ids({{}, vertex_of(g, "c"), {}, "", 0}) == std::vector<std::string>{"b partners-with c"});
  CHECK(ids({{}, vertex_of(g, "c"), vertex_of(g, "b"), "", 0}) ==
        std::vector<std::string>{"b partners-with c"});
  CHECK(ids({{}, {}, vertex_of(g, "b"), "", 0}) ==
        std::vector<std::string>{"a criticises b", "b partners-with c"});
  CHECK(ids({{"nothing"}, {}, {}, "", 0}).empty());
}

TEST_CASE("query: all shortest paths, with their edges") {
  // s - x1 - t and s - x2 - t (two paths of length 2), s - y - z - t (longer), x1 and t linked
  // by two relations.
  const KnowledgeGraph g = make_graph({{"s"}, {"t"}, {"x1"}, {"x2"}, {"y"}, {"z"}},
                                      {{"s", "invests-in", "x1", false, {{"d", 0, "a"}}},
                                       {"x1", "invests-in", "t"},
                                       {"t", "criticises", "x1"},
                                       {"x2", "criticises", "s"},
                                       {"x2", "partners-with", "t", true},
                                       {"s", "invests-in", "y"},
                                       {"y", "invests-in", "z"},
                                       {"z", "invests-in", "t"}});
  const PathResult r = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {});
  CHECK(r.length == 2);
  CHECK_FALSE(r.truncated);
  REQUIRE(r.paths.size() == 2);
  REQUIRE(r.paths[0].hops.size() == 2);
  CHECK(g[r.paths[0].hops[0].from].id == "s");
  CHECK(g[r.paths[0].hops[0].to].id == "x1");
  REQUIRE(r.paths[0].hops[0].edges.size() == 1);
  CHECK(g[r.paths[0].hops[0].edges[0]].evidence.size() == 1);
  REQUIRE(r.paths[0].hops[1].edges.size() == 2);  // criticises (t -> x1), invests-in (x1 -> t)
  CHECK(g[r.paths[0].hops[1].edges[0]].relation == "criticises");
  CHECK(g[r.paths[0].hops[1].edges[1]].relation == "invests-in");
  CHECK(g[r.paths[1].hops[0].to].id == "x2");

  // Only invests-in: the x1 path (x2 has none), and the hop lists only that relation.
  const PathResult invest = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {"invests-in"});
  REQUIRE(invest.paths.size() == 1);
  CHECK(invest.paths[0].hops[1].edges.size() == 1);
  // Only criticises: no path.
  CHECK(shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {"criticises"}).paths.empty());
  // Same entity: one empty path.
  const PathResult self = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "s"), {});
  REQUIRE(self.paths.size() == 1);
  CHECK(self.paths[0].hops.empty());
  // Cap.
  const PathResult capped = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {}, 1);
  CHECK(capped.paths.size() == 1);
  CHECK(capped.truncated);
}

TEST_CASE("query: many shortest paths come out in order and are capped") {
  // s -> a_i -> b_j -> t for i, j in 0..4: 25 paths of length 3.
  std::vector<NodeSpec> nodes = {{"s"}, {"t"}};
  std::vector<EdgeSpec> edges;
  auto name = [](char layer, int i) { return std::string{layer, static_cast<char>('0' + i)}; };
  for (int i = 0; i < 5; ++i) {
    nodes.push_back({name('a', i)});
    nodes.push_back({name('b', i)});
    edges.push_back({"s", "r", name('a', i)});
    edges.push_back({name('b', i), "r", "t"});
    for (int j = 0; j < 5; ++j) edges.push_back({name('a', i), "r", name('b', j)});
  }
  const KnowledgeGraph g = make_graph(nodes, edges);
  const PathResult all = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {});
  CHECK(all.paths.size() == 25);
  CHECK(all.length == 3);
  const PathResult some = shortest_paths(g, vertex_of(g, "s"), vertex_of(g, "t"), {}, 7);
  REQUIRE(some.paths.size() == 7);
  CHECK(some.truncated);
  CHECK(g[some.paths[6].hops[0].to].id == "a1");  // a0 b0..b4, then a1 b0, a1 b1
  CHECK(g[some.paths[6].hops[1].to].id == "b1");
}

TEST_CASE("query: PageRank matches a power iteration and networkx") {
  const KnowledgeGraph g = rank_graph();
  const std::vector<double> pr = pagerank_scores(g);
  // The same graph as arcs: a symmetric edge both ways, parallel edges each once.
  std::vector<std::pair<std::size_t, std::size_t>> arcs;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    arcs.emplace_back(boost::source(e, g), boost::target(e, g));
    if (g[e].symmetric) arcs.emplace_back(boost::target(e, g), boost::source(e, g));
  }
  const std::vector<double> ref = reference_pagerank(boost::num_vertices(g), arcs);
  double sum = 0;
  for (std::size_t v = 0; v < pr.size(); ++v) {
    CHECK(pr[v] == doctest::Approx(ref[v]).epsilon(1e-7));
    sum += pr[v];
  }
  CHECK(sum == doctest::Approx(1.0));
  // networkx 2.8.8: nx.pagerank(G, alpha=0.85, weight=None, tol=1e-14) on the MultiDiGraph
  // with edges a>b b>c c>a a>d b>c e>a a>e and the isolated node f.
  const std::vector<std::pair<std::string, double>> networkx = {
      {"a", 0.32910367927817186}, {"b", 0.14656212062326623}, {"c", 0.1778938806909064},
      {"d", 0.14656212062326623}, {"e", 0.14656212062326623}, {"f", 0.053316078161122854}};
  for (const auto& [id, value] : networkx) {
    CAPTURE(id);
    CHECK(pr[vertex_of(g, id)] == doctest::Approx(value).epsilon(1e-7));
  }
  const std::vector<Scored> top = rank(g, {Measure::pagerank, "", 2});
  REQUIRE(top.size() == 2);
  CHECK(g[top[0].vertex].id == "a");
  CHECK(g[top[1].vertex].id == "c");
  CHECK(pagerank_scores(KnowledgeGraph{}).empty());
}

TEST_CASE("query: betweenness on a path and a star (networkx normalisation)") {
  const KnowledgeGraph path = make_graph({{"p0"}, {"p1"}, {"p2"}, {"p3"}, {"p4"}},
                                         {{"p0", "r", "p1"},
                                          {"p2", "r", "p1"},  // direction does not matter
                                          {"p2", "r", "p3"},
                                          {"p2", "q", "p3"},  // nor parallel edges
                                          {"p3", "r", "p4"}});
  const std::vector<double> b = betweenness_scores(path);
  CHECK(b[vertex_of(path, "p0")] == doctest::Approx(0.0));
  CHECK(b[vertex_of(path, "p1")] == doctest::Approx(0.5));
  CHECK(b[vertex_of(path, "p2")] == doctest::Approx(2.0 / 3.0));
  CHECK(b[vertex_of(path, "p3")] == doctest::Approx(0.5));
  CHECK(b[vertex_of(path, "p4")] == doctest::Approx(0.0));

  const KnowledgeGraph star =
      make_graph({{"hub", "", "person"}, {"l1"}, {"l2"}, {"l3"}, {"l4"}},
                 {{"hub", "r", "l1"}, {"hub", "r", "l2"}, {"l3", "r", "hub"}, {"l4", "r", "hub"}});
  const std::vector<double> s = betweenness_scores(star);
  CHECK(s[vertex_of(star, "hub")] == doctest::Approx(1.0));
  CHECK(s[vertex_of(star, "l1")] == doctest::Approx(0.0));
  const std::vector<Scored> top = rank(star, {Measure::betweenness, "", 1});
  REQUIRE(top.size() == 1);
  CHECK(star[top[0].vertex].id == "hub");
  CHECK(rank(star, {Measure::degree, "company", 0}).size() == 4);  // type filter
  CHECK(rank(star, {Measure::degree, "country", 0}).empty());
}

TEST_CASE("query: subgraph around an entity") {
  const KnowledgeGraph g = rank_graph();
  const KnowledgeGraph sub = subgraph(g, vertex_of(g, "d"), 1, {});
  REQUIRE(boost::num_vertices(sub) == 2);
  CHECK(sub[0].id == "a");
  CHECK(sub[1].id == "d");
  CHECK(boost::num_edges(sub) == 1);

  const KnowledgeGraph two = subgraph(g, vertex_of(g, "d"), 2, {});
  CHECK(boost::num_vertices(two) == 5);  // a, b, c, d, e
  CHECK(boost::num_edges(two) == 6);     // every edge among them, parallel ones included

  const KnowledgeGraph crit = subgraph(g, vertex_of(g, "a"), 5, {"criticises"});
  CHECK(boost::num_vertices(crit) == 3);  // a, c, b
  CHECK(boost::num_edges(crit) == 2);
  CHECK(boost::num_vertices(subgraph(g, vertex_of(g, "f"), 3, {})) == 1);
  CHECK(boost::num_vertices(subgraph(g, vertex_of(g, "a"), 0, {})) == 1);
}

TEST_CASE("query: merge is associative, keeps no duplicate evidence, recomputes weights") {
  const KnowledgeGraph a = make_graph(
      {{"x", "X"}, {"y", "Y", "", {"Y1"}}},
      {{"x", "invests-in", "y", false, {{"d1", 0, "t"}, {"d1", 0, "u"}}},
       {"y", "partners-with", "x", true, {{"d1", 1, "p"}}}});  // stored the other way round
  const KnowledgeGraph c = make_graph({{"z", "Zed", "company"}, {"x", "X"}},
                                      {{"z", "criticises", "x", false, {{"d3", 0, "c"}}}});
  // b names x without a label or type of its own.
  const KnowledgeGraph bx = make_graph(
      {{"x", "x", "unknown"}, {"y", "y", "unknown", {"Y2", "Y1"}}, {"z", "Z", "country"}},
      {{"x", "invests-in", "y", false, {{"d1", 0, "t"}, {"d2", 4, "t"}}},
       {"x", "partners-with", "y", true, {{"d1", 1, "p"}}}});

  const KnowledgeGraph ab = merge({&a, &bx});
  const KnowledgeGraph ab_c = merge({&ab, &c});
  const KnowledgeGraph bc = merge({&bx, &c});
  const KnowledgeGraph a_bc = merge({&a, &bc});
  const KnowledgeGraph abc = merge({&a, &bx, &c});
  CHECK(to_json(ab_c) == to_json(a_bc));
  CHECK(to_json(abc) == to_json(ab_c));

  REQUIRE(boost::num_vertices(abc) == 3);
  CHECK(abc[0].id == "x");
  CHECK(abc[0].label == "X");  // a label other than the id wins
  CHECK(abc[0].mentions == 3);
  CHECK(abc[1].type == "company");  // not "unknown"
  CHECK(abc[1].aliases == std::vector<std::string>{"Y1", "Y2"});
  CHECK(abc[2].label == "Z");  // the first graph's label
  CHECK(abc[2].type == "country");
  REQUIRE(boost::num_edges(abc) == 3);
  std::vector<std::tuple<std::string, std::string, std::string, std::size_t, std::size_t>> edges;
  for (auto e : boost::make_iterator_range(boost::edges(abc))) {
    edges.emplace_back(abc[boost::source(e, abc)].id, abc[e].relation,
                       abc[boost::target(e, abc)].id, abc[e].weight, abc[e].evidence.size());
  }
  using T = std::tuple<std::string, std::string, std::string, std::size_t, std::size_t>;
  CHECK(edges[0] == T{"x", "invests-in", "y", 2, 3});     // (d1,0,t) once; d1#0 and d2#4
  CHECK(edges[1] == T{"x", "partners-with", "y", 1, 1});  // one edge, source <= target
  CHECK(edges[2] == T{"z", "criticises", "x", 1, 1});

  // Merging a graph with itself adds no evidence (mentions do add up).
  const KnowledgeGraph twice = merge({&abc, &abc});
  auto e1 = boost::edges(abc).first;
  for (auto e : boost::make_iterator_range(boost::edges(twice))) {
    CHECK(twice[e].evidence.size() == abc[*e1].evidence.size());
    CHECK(twice[e].weight == abc[*e1].weight);
    ++e1;
  }
  // A single canonical graph merges to itself.
  CHECK(to_json(merge({&abc})) == to_json(abc));
  CHECK(boost::num_vertices(merge({})) == 0);

  // Weight beyond the evidence (a graph without evidence) is kept and added.
  KnowledgeGraph bare = make_graph({{"x"}, {"y"}}, {{"x", "invests-in", "y"}});
  bare[*boost::edges(bare).first].weight = 5;
  const KnowledgeGraph with_bare = merge({&abc, &bare});
  CHECK(with_bare[*boost::edges(with_bare).first].weight == 2 + 5);
}
