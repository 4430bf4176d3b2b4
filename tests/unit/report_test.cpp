// Unit tests for the report stage: what build_report chooses (top entities, relation sections,
// cuts, the drawn entities), escaping for HTML and Markdown, the Graphviz drawing (in-process,
// deterministic, escaped, Korean kept) and the two writers on names and evidence full of
// markup.
#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph_fixtures.h"
#include "report/report.h"

using namespace relgraph;
using namespace relgraph::report;

namespace {

struct Node {
  std::string id, label, type;
  std::vector<std::string> aliases = {};
};

struct Link {
  std::string source, relation, target;
  std::size_t weight = 1;
  bool symmetric = false;
};

KnowledgeGraph make_graph(const std::vector<Node>& nodes, const std::vector<Link>& links) {
  KnowledgeGraph g;
  std::map<std::string, query::Vertex> index;
  for (const Node& n : nodes) {
    NodeProperties p;
    p.id = n.id;
    p.label = n.label;
    p.type = n.type;
    p.aliases = n.aliases;
    p.mentions = 2;
    p.documents = {"a.txt"};
    index[n.id] = boost::add_vertex(p, g);
  }
  for (const Link& l : links) {
    EdgeProperties p;
    p.relation = l.relation;
    p.symmetric = l.symmetric;
    p.weight = l.weight;
    for (std::size_t i = 0; i < l.weight; ++i) {
      p.evidence.push_back(testing::make_evidence(
          "news/" + l.source + ".txt", i,
          l.source + " said \"" + l.relation + "\" & more, #" + std::to_string(i), l.relation,
          i == 0 ? "2025-03-01" : ""));
    }
    boost::add_edge(index.at(l.source), index.at(l.target), p, g);
  }
  return g;
}

// A star around "hub" (invests-in), a pair (partners-with) and an isolated node.
KnowledgeGraph sample_graph() {
  return make_graph({{"hub", "Hub Corp", "company", {"Hub", "허브"}},
                     {"a", "Alpha", "company", {"알파"}},
                     {"b", "Beta", "person", {}},
                     {"c", "Gamma", "country", {"감마국"}},
                     {"d", "Delta", "company", {}},
                     {"e", "Epsilon", "company", {}},
                     {"lonely", "Lonely", "person", {}}},
                    {{"a", "invests-in", "hub", 3},
                     {"b", "invests-in", "hub", 1},
                     {"c", "invests-in", "hub", 2},
                     {"b", "criticises", "a", 1},
                     {"d", "partners-with", "e", 2, true}});
}

std::vector<std::string> ids(const Report& r, const std::vector<query::Vertex>& vs) {
  std::vector<std::string> out;
  for (query::Vertex v : vs) out.push_back(r.graph[v].id);
  return out;
}

std::string html_of(const Report& r, const std::string& svg) {
  std::ostringstream out;
  write_html_report(r, svg, out);
  return out.str();
}

std::string markdown_of(const Report& r, const std::string& svg_file) {
  std::ostringstream out;
  write_markdown_report(r, svg_file, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("build_report: top entities are the union of the PageRank and degree tops") {
  // networkx's pagerank on this graph: d = e = 0.3138 (the partners-with pair passes its rank
  // back and forth), hub 0.1641, a 0.0671, b = c = lonely 0.0471. Degrees: hub 3, a 2, b 2.
  const KnowledgeGraph g = sample_graph();
  ReportOptions options;
  options.top = 1;
  const auto top_ids = [](const Report& r) {
    std::vector<std::string> out;
    for (const RankedEntity& e : r.top) out.push_back(r.graph[e.vertex].id);
    return out;
  };
  // PageRank's top is d (tied with e, first by id), degree's is hub; listed by PageRank.
  const Report r1 = build_report(g, options);
  CHECK(top_ids(r1) == std::vector<std::string>{"d", "hub"});
  CHECK(r1.top[0].pagerank == doctest::Approx(0.3138024).epsilon(1e-5));
  CHECK(r1.top[1].pagerank == doctest::Approx(0.1641037).epsilon(1e-5));
  CHECK(r1.top[1].degree == 3);
  // Top 2: d, e by PageRank; hub, then a (2 edges, tied with b, higher PageRank) by degree.
  options.top = 2;
  CHECK(top_ids(build_report(g, options)) == std::vector<std::string>{"d", "e", "hub", "a"});
  options.top = 0;
  CHECK(build_report(g, options).top.empty());
}

TEST_CASE("build_report: relation sections by size, edges by weight, cut by max_edges") {
  ReportOptions options;
  options.max_edges = 2;
  const Report r = build_report(sample_graph(), options);
  REQUIRE(r.relations.size() == 3);
  CHECK(r.relations[0].relation == "invests-in");
  CHECK(r.relations[0].edge_count == 3);
  CHECK(r.relations[0].evidence_count == 6);
  REQUIRE(r.relations[0].edges.size() == 2);  // cut
  CHECK(r.graph[r.relations[0].edges[0]].weight == 3);
  CHECK(r.graph[r.relations[0].edges[1]].weight == 2);
  // One edge each: by name.
  CHECK(r.relations[1].relation == "criticises");
  CHECK(r.relations[2].relation == "partners-with");
  CHECK(r.relations[2].symmetric);
  const std::string html = html_of(r, "");
  CHECK(html.find("Showing the 2 heaviest of 3 edges") != std::string::npos);
}

TEST_CASE("build_report: the drawing keeps the highest PageRank entities with edges") {
  ReportOptions options;
  const Report all = build_report(sample_graph(), options);
  CHECK(all.drawable == 6);  // "lonely" has no edge
  CHECK(ids(all, all.drawn) == std::vector<std::string>{"a", "b", "c", "d", "e", "hub"});
  options.max_drawn = 1;
  const Report one = build_report(sample_graph(), options);
  CHECK(ids(one, one.drawn) == std::vector<std::string>{"d"});
  CHECK(
      html_of(one, "<svg></svg>").find("shows the 1 entities with the highest PageRank of the 6") !=
      std::string::npos);
}

TEST_CASE("build_report: --relation keeps only those edges, and ranks on them") {
  ReportOptions options;
  options.relations = {"partners-with"};
  const Report r = build_report(sample_graph(), options);
  CHECK(boost::num_vertices(r.graph) == 7);
  CHECK(boost::num_edges(r.graph) == 1);
  REQUIRE(r.relations.size() == 1);
  CHECK(r.relations[0].relation == "partners-with");
  CHECK(ids(r, r.drawn) == std::vector<std::string>{"d", "e"});
}

TEST_CASE("html_escape and markdown_escape") {
  CHECK(html_escape("<a href=\"x\">Tom & 'Jerry'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  CHECK(html_escape("a\x01z\tb\n") == "az\tb\n");
  CHECK(html_escape("\xff") == "\xEF\xBF\xBD");  // invalid UTF-8 repaired
  CHECK(html_escape("오픈AI") == "오픈AI");
  CHECK(markdown_escape("a|b *c* _d_ [e](f) <g> & `h` \\ #i\nj") ==
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) &lt;g&gt; &amp; \\`h\\` \\\\ \\#i j");
}

TEST_CASE("HTML report: hostile names and evidence are escaped, nothing external") {
  KnowledgeGraph g = make_graph({{"x", "<script>alert('x')</script>", "company", {}},
                                 {"y", "Tom & \"Jerry\"", "weird<type>", {"<b>한글</b>"}}},
                                {{"x", "invests-in", "y", 2}});
  g[*boost::edges(g).first].evidence[0].text = "x <img src=x onerror=alert(1)> invests-in \"y\"";
  ReportOptions options;
  options.title = "<Title & \"co\">";
  options.source = "dir/<g>.json";
  const Report r = build_report(g, options);
  const std::string svg = draw_graph_svg(r);
  const std::string html = html_of(r, svg);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>한글") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("Tom &amp; &quot;Jerry&quot;") != std::string::npos);
  CHECK(html.find("<title>&lt;Title &amp; &quot;co&quot;&gt;</title>") != std::string::npos);
  CHECK(html.find("&lt;img src=x onerror=alert(1)&gt; <mark>invests-in</mark> &quot;y&quot;") !=
        std::string::npos);
  CHECK(html.find("Graph: dir/&lt;g&gt;.json") != std::string::npos);
  // One script (the sorter), and no URL the page would fetch or link to.
  CHECK(count(html, "<script") == 1);
  CHECK(html.find("http:") == std::string::npos);
  CHECK(html.find("https:") == std::string::npos);
  CHECK(html.find("src=\"") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
}

TEST_CASE("HTML report: legend, top entities, evidence with document and date") {
  ReportOptions options;
  options.max_evidence = 2;
  const Report r = build_report(sample_graph(), options);
  const std::string html = html_of(r, draw_graph_svg(r));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("Noto Sans CJK KR") != std::string::npos);
  CHECK(html.find("<ul class=\"legend\"") != std::string::npos);
  CHECK(html.find("#ff7f0e\"></span>company (4)") != std::string::npos);
  CHECK(html.find("#1f77b4\"></span>person (2)") != std::string::npos);
  CHECK(html.find("<span class=\"alias\">허브</span>") != std::string::npos);
  CHECK(html.find("<cite>news/a.txt · 2025-03-01</cite>") != std::string::npos);
  CHECK(html.find("<cite>news/a.txt</cite>") != std::string::npos);  // undated evidence
  CHECK(html.find("and 1 more") != std::string::npos);               // weight 3, 2 quoted
  CHECK(html.find("7 entities · 5 edges · 9 evidence sentences") != std::string::npos);
  CHECK(count(html, "<table class=\"sortable") == 4);  // top entities + 3 relations
}

TEST_CASE("draw_graph_svg: in-process Graphviz, deterministic, Korean kept, no prolog") {
  const Report r = build_report(sample_graph(), {});
  const std::string svg = draw_graph_svg(r);
  REQUIRE(svg.rfind("<svg", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  CHECK(svg.find("<!--") == std::string::npos);
  CHECK(svg.find("<!DOCTYPE") == std::string::npos);
  CHECK(svg.find("http") == std::string::npos);
  CHECK(svg.find(">Hub Corp<") != std::string::npos);
  CHECK(svg.find(">허브<") != std::string::npos);  // the Hangul alias, second line
  // Graphviz writes '-' as &#45; in attributes.
  CHECK(svg.find("<g id=\"node&#45;hub\" class=\"node entity type&#45;company\">") !=
        std::string::npos);
  CHECK(svg.find(">Lonely<") == std::string::npos);  // no edges: not drawn
  CHECK(count(svg, "class=\"node entity") == 6);
  CHECK(count(svg, "class=\"edge relation") == 5);
  CHECK(count(svg, "stroke=\"#3d5a98\"") >= 3);  // invests-in edges (path and arrow head)
  CHECK(svg.find("fill=\"#ff7f0e\"") != std::string::npos);  // company colour (fill or stroke)
  CHECK(draw_graph_svg(r) == svg);
  const std::string file = standalone_svg(svg);
  CHECK(file.rfind("<?xml", 0) == 0);
  CHECK(file.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
  CHECK(file.find("Noto Sans CJK KR") != std::string::npos);
}

TEST_CASE("draw_graph_svg: labels with markup and backslashes are text") {
  const KnowledgeGraph g =
      make_graph({{"p", "A\\N <b>&amp;</b>", "company", {}}, {"q", "Q\"", "person", {}}},
                 {{"p", "criticises", "q", 1}});
  const std::string svg = draw_graph_svg(build_report(g, {}));
  CHECK(svg.find(">A\\N &lt;b&gt;&amp;amp;&lt;/b&gt;<") != std::string::npos);
  CHECK(svg.find("<b>") == std::string::npos);
  CHECK(draw_graph_svg(build_report(make_graph({{"z", "Z", "person", {}}}, {}), {})).empty());
}

TEST_CASE("Markdown report: tables, escaped cells, the picture beside it") {
  KnowledgeGraph g = make_graph({{"x", "A|B", "company", {"에이"}}, {"y", "*Y*", "person", {}}},
                                {{"x", "invests-in", "y", 1}});
  const Report r = build_report(g, {});
  const std::string md = markdown_of(r, "my report.svg");
  CHECK(md.rfind("# relgraph report\n", 0) == 0);
  CHECK(md.find("![The graph](my%20report.svg)") != std::string::npos);
  CHECK(md.find("| # | Entity | Type | Degree | PageRank | Mentions | Documents |") !=
        std::string::npos);
  CHECK(md.find("| A\\|B (에이) | \\*Y\\* | 1 | “x said \"**invests-in**\" &amp; more, \\#0” — "
                "*news/x.txt, 2025-03-01* |") != std::string::npos);
  CHECK(markdown_of(r, "").find("No edges to draw.") != std::string::npos);
}
