// Unit tests for the GEXF, Cytoscape.js, DOT and Neo4j CSV writers: format names, extensions
// and output files, exact output for a small graph, escaping of markup, quotes and control
// characters, unique edge ids, GEXF dynamic mode from evidence dates, and determinism.
#include <doctest/doctest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph_fixtures.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

using testing::make_evidence;

// a (person, one attribute) and b (unknown), one symmetric edge of weight 2.
KnowledgeGraph formats_test_small_graph() {
  KnowledgeGraph g;
  NodeProperties a;
  a.id = "a";
  a.label = "A";
  a.type = "person";
  a.aliases = {"A", "Ay"};
  a.mentions = 2;
  a.documents = {"d1"};
  a.attributes = {{"wikidata", "Q1"}};
  NodeProperties b;
  b.id = "b";
  b.label = "B";
  b.type = "unknown";
  const auto va = boost::add_vertex(a, g);
  const auto vb = boost::add_vertex(b, g);
  EdgeProperties e;
  e.relation = "meets";
  e.symmetric = true;
  e.weight = 2;
  e.evidence = {make_evidence("d1", 0, "A meets B.", "meets"),
                make_evidence("d1", 4, "A met B.", "met")};
  boost::add_edge(va, vb, e, g);
  return g;
}

// Two Korean companies linked by two relations (parallel edges), one evidence dated.
KnowledgeGraph formats_test_multigraph(const std::string& date = {}) {
  KnowledgeGraph g;
  NodeProperties s;
  s.id = "samsung";
  s.label = "삼성전자";
  s.type = "company";
  s.aliases = {"삼성전자", "Samsung"};
  s.mentions = 3;
  s.documents = {"a.txt"};
  NodeProperties k;
  k.id = "korea";
  k.label = "대한민국";
  k.type = "country";
  k.mentions = 1;
  k.documents = {"a.txt"};
  NodeProperties x;
  x.id = "x";
  x.label = "X";
  x.type = "agency";
  const auto vs = boost::add_vertex(s, g);
  const auto vk = boost::add_vertex(k, g);
  boost::add_vertex(x, g);
  EdgeProperties invests;
  invests.relation = "invests-in";
  invests.weight = 1;
  invests.evidence = {make_evidence("a.txt", 0, "삼성전자가 투자했다.", "투자", date)};
  EdgeProperties criticises;
  criticises.relation = "criticises";
  criticises.weight = 1;
  criticises.evidence = {make_evidence("a.txt", 2, "삼성전자가 비판했다.", "비판")};
  boost::add_edge(vs, vk, invests, g);
  boost::add_edge(vs, vk, criticises, g);
  return g;
}

// One node whose every string holds markup, quotes, control characters and bad UTF-8.
KnowledgeGraph formats_test_nasty_graph() {
  KnowledgeGraph g;
  NodeProperties n;
  n.id = "x<&\"'>y";
  n.label = std::string("A<B&C\"D'E>F\\G\nH\x01I\rJ\tK\xff");
  n.type = "t";
  n.aliases = {"semi;colon", "comma,quote\""};
  n.attributes = {{"a:b", "v,1"}, {"label", "clash"}};
  const auto v = boost::add_vertex(n, g);
  NodeProperties m;
  m.id = "e0";  // collides with the first Cytoscape edge id
  m.label = "m";
  m.type = "t";
  const auto w = boost::add_vertex(m, g);
  EdgeProperties e;
  e.relation = "r&r<x>";
  e.weight = 1;
  e.evidence = {make_evidence("d", 0, std::string("line\none\x02 \"q\""), "<t>")};
  boost::add_edge(v, w, e, g);
  return g;
}

std::string formats_test_write(const KnowledgeGraph& g, GraphFormat format,
                               GraphPart part = GraphPart::whole) {
  std::ostringstream out;
  write_graph_part(g, format, part, out);
  return out.str();
}

bool formats_test_contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::size_t formats_test_count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t p = haystack.find(needle); p != std::string::npos;
       p = haystack.find(needle, p + 1)) {
    ++n;
  }
  return n;
}

// No byte XML 1.0 forbids, every '&' starts a reference we write.
void formats_test_check_xml_chars(const std::string& xml) {
  for (std::size_t i = 0; i < xml.size(); ++i) {
    const auto c = static_cast<unsigned char>(xml[i]);
    INFO("offset " << i);
    CHECK((c >= 0x20 || c == '\t' || c == '\n' || c == '\r'));
    if (c == '&') {
      bool known = false;
      for (const char* ref :
           {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#13;", "&#10;", "&#9;"}) {
        if (xml.compare(i, std::string(ref).size(), ref) == 0) known = true;
      }
      CHECK(known);
    }
  }
}

}  // namespace

TEST_CASE("write formats: names, extensions and output files") {
  CHECK(parse_graph_format("gexf") == GraphFormat::gexf);
  CHECK(parse_graph_format("GEXF") == GraphFormat::gexf);
  CHECK(parse_graph_format("cytoscape") == GraphFormat::cytoscape);
  CHECK(parse_graph_format("cyjs") == GraphFormat::cytoscape);
  CHECK(parse_graph_format("dot") == GraphFormat::dot);
  CHECK(parse_graph_format("gv") == GraphFormat::dot);
  CHECK(parse_graph_format("graphviz") == GraphFormat::dot);
  CHECK(parse_graph_format("neo4j") == GraphFormat::neo4j);
  CHECK(parse_graph_format("Neo4j") == GraphFormat::neo4j);
  CHECK_FALSE(parse_graph_format("csv").has_value());
  CHECK_FALSE(parse_graph_format("gexf13").has_value());
  CHECK(graph_format_names() == "json, graphml, gexf, cytoscape, dot, neo4j, rgx");
  for (const char* name : {"json", "graphml", "gexf", "cytoscape", "dot", "neo4j"}) {
    CHECK(parse_graph_format(name).has_value());
  }

  CHECK(graph_format_for_path("out/graph.gexf") == GraphFormat::gexf);
  CHECK(graph_format_for_path("graph.GEXF") == GraphFormat::gexf);
  CHECK(graph_format_for_path("graph.cyjs") == GraphFormat::cytoscape);
  CHECK(graph_format_for_path("graph.dot") == GraphFormat::dot);
  CHECK(graph_format_for_path("graph.gv") == GraphFormat::dot);
  CHECK_FALSE(graph_format_for_path("graph.csv").has_value());
  CHECK_FALSE(graph_format_for_path("graph.gexf.gz").has_value());
  CHECK_FALSE(graph_format_for_path("dir.dot/graph").has_value());

  for (GraphFormat f : {GraphFormat::json, GraphFormat::graphml, GraphFormat::gexf,
                        GraphFormat::cytoscape, GraphFormat::dot}) {
    CHECK(graph_format_is_single_file(f));
    const auto files = graph_output_files(f, "out/g.x", true);
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == "out/g.x");
    CHECK(files[0].part == GraphPart::whole);
  }
  CHECK_FALSE(graph_format_is_single_file(GraphFormat::neo4j));
  auto files = graph_output_files(GraphFormat::neo4j, "out/graph");
  REQUIRE(files.size() == 2);
  CHECK(files[0].path == "out/graph_nodes.csv");
  CHECK(files[0].part == GraphPart::nodes);
  CHECK(files[1].path == "out/graph_edges.csv");
  CHECK(files[1].part == GraphPart::edges);
  files = graph_output_files(GraphFormat::neo4j, "graph.CSV");
  CHECK(files[0].path == "graph_nodes.csv");
  CHECK(files[1].path == "graph_edges.csv");
  files = graph_output_files(GraphFormat::neo4j, "out/");
  CHECK(files[0].path == "out/nodes.csv");
  CHECK(files[1].path == "out/edges.csv");
  files = graph_output_files(GraphFormat::neo4j, "out", true);
  CHECK(files[0].path == "out/nodes.csv");
  CHECK(files[1].path == "out/edges.csv");
}

TEST_CASE("write formats: write_graph and write_graph_part agree, neo4j needs parts") {
  const KnowledgeGraph g = formats_test_small_graph();
  for (GraphFormat f : {GraphFormat::json, GraphFormat::graphml, GraphFormat::gexf,
                        GraphFormat::cytoscape, GraphFormat::dot}) {
    std::ostringstream whole;
    write_graph(g, f, whole);
    CHECK(whole.str() == formats_test_write(g, f));
    std::ostringstream part;
    CHECK_THROWS_AS(write_graph_part(g, f, GraphPart::nodes, part), std::invalid_argument);
  }
  std::ostringstream out;
  CHECK_THROWS_AS(write_graph(g, GraphFormat::neo4j, out), std::invalid_argument);
  CHECK_THROWS_AS(write_graph_part(g, GraphFormat::neo4j, GraphPart::whole, out),
                  std::invalid_argument);
  std::ostringstream nodes, edges;
  write_neo4j_nodes(g, nodes);
  write_neo4j_edges(g, edges);
  CHECK(formats_test_write(g, GraphFormat::neo4j, GraphPart::nodes) == nodes.str());
  CHECK(formats_test_write(g, GraphFormat::neo4j, GraphPart::edges) == edges.str());
}

TEST_CASE("write formats: GEXF of a small graph, exactly") {
  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"\n"
      "    version=\"1.3\">\n"
      "  <meta>\n"
      "    <creator>relgraph</creator>\n"
      "    <description>relgraph: entities and the relations found between them in news "
      "text</description>\n"
      "  </meta>\n"
      "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
      "    <attributes class=\"node\">\n"
      "      <attribute id=\"n_type\" title=\"type\" type=\"string\"/>\n"
      "      <attribute id=\"n_mentions\" title=\"mentions\" type=\"integer\"/>\n"
      "      <attribute id=\"n_aliases\" title=\"aliases\" type=\"string\"/>\n"
      "      <attribute id=\"n_documents\" title=\"documents\" type=\"string\"/>\n"
      "      <attribute id=\"n_attr_wikidata\" title=\"wikidata\" type=\"string\"/>\n"
      "    </attributes>\n"
      "    <attributes class=\"edge\">\n"
      "      <attribute id=\"e_relation\" title=\"relation\" type=\"string\"/>\n"
      "      <attribute id=\"e_symmetric\" title=\"symmetric\" type=\"boolean\"/>\n"
      "      <attribute id=\"e_evidence_count\" title=\"evidence_count\" type=\"integer\"/>\n"
      "      <attribute id=\"e_evidence\" title=\"evidence\" type=\"string\"/>\n"
      "      <attribute id=\"e_triggers\" title=\"triggers\" type=\"string\"/>\n"
      "    </attributes>\n"
      "    <nodes count=\"2\">\n"
      "      <node id=\"a\" label=\"A\">\n"
      "        <attvalues>\n"
      "          <attvalue for=\"n_type\" value=\"person\"/>\n"
      "          <attvalue for=\"n_mentions\" value=\"2\"/>\n"
      "          <attvalue for=\"n_aliases\" value=\"A | Ay\"/>\n"
      "          <attvalue for=\"n_documents\" value=\"d1\"/>\n"
      "          <attvalue for=\"n_attr_wikidata\" value=\"Q1\"/>\n"
      "        </attvalues>\n"
      "        <viz:color r=\"31\" g=\"119\" b=\"180\"/>\n"
      "        <viz:size value=\"17.92\"/>\n"
      "      </node>\n"
      "      <node id=\"b\" label=\"B\">\n"
      "        <attvalues>\n"
      "          <attvalue for=\"n_type\" value=\"unknown\"/>\n"
      "          <attvalue for=\"n_mentions\" value=\"0\"/>\n"
      "        </attvalues>\n"
      "        <viz:color r=\"127\" g=\"127\" b=\"127\"/>\n"
      "        <viz:size value=\"10.00\"/>\n"
      "      </node>\n"
      "    </nodes>\n"
      "    <edges count=\"1\">\n"
      "      <edge id=\"e0\" source=\"a\" target=\"b\" label=\"meets\" kind=\"meets\" "
      "weight=\"2.0\">\n"
      "        <attvalues>\n"
      "          <attvalue for=\"e_relation\" value=\"meets\"/>\n"
      "          <attvalue for=\"e_symmetric\" value=\"true\"/>\n"
      "          <attvalue for=\"e_evidence_count\" value=\"2\"/>\n"
      "          <attvalue for=\"e_evidence\" value=\"d1#0: A meets B.&#10;d1#4: A met B.\"/>\n"
      "          <attvalue for=\"e_triggers\" value=\"meets | met\"/>\n"
      "        </attvalues>\n"
      "      </edge>\n"
      "    </edges>\n"
      "  </graph>\n"
      "</gexf>\n";
  CHECK(formats_test_write(formats_test_small_graph(), GraphFormat::gexf) == expected);
}

TEST_CASE("write formats: GEXF parallel edges, colours by type, dynamic mode from dates") {
  const std::string gexf = formats_test_write(formats_test_multigraph(), GraphFormat::gexf);
  formats_test_check_xml_chars(gexf);
  CHECK(formats_test_contains(gexf, "mode=\"static\""));
  CHECK_FALSE(formats_test_contains(gexf, "start="));
  CHECK_FALSE(formats_test_contains(gexf, "timeformat"));
  // Korean written as is; unique edge ids; kind = relation keeps parallel edges apart.
  CHECK(formats_test_contains(gexf, "<node id=\"samsung\" label=\"삼성전자\">"));
  CHECK(formats_test_contains(gexf,
                              "<edge id=\"e0\" source=\"samsung\" target=\"korea\" "
                              "label=\"invests-in\" kind=\"invests-in\" weight=\"1.0\">"));
  CHECK(formats_test_contains(gexf,
                              "<edge id=\"e1\" source=\"samsung\" target=\"korea\" "
                              "label=\"criticises\" kind=\"criticises\" weight=\"1.0\">"));
  CHECK(formats_test_count(gexf, "<edge ") == 2);
  CHECK(formats_test_count(gexf, "</edge>") == 2);
  CHECK(formats_test_count(gexf, "<node ") == formats_test_count(gexf, "</node>"));
  // company orange, country green, other types from the palette; size from mentions.
  CHECK(formats_test_contains(gexf,
                              "<viz:color r=\"255\" g=\"127\" b=\"14\"/>\n"
                              "        <viz:size value=\"20.00\"/>"));
  CHECK(formats_test_contains(gexf,
                              "<viz:color r=\"44\" g=\"160\" b=\"44\"/>\n"
                              "        <viz:size value=\"15.00\"/>"));

  // One dated evidence: dynamic, the edge and both its nodes get start/end, the other edge
  // and the unconnected node do not. A date-time counts by its date; junk dates are ignored.
  const std::string dynamic =
      formats_test_write(formats_test_multigraph("2024-05-01T09:00:00+09:00"), GraphFormat::gexf);
  formats_test_check_xml_chars(dynamic);
  CHECK(formats_test_contains(dynamic,
                              "<graph defaultedgetype=\"directed\" mode=\"dynamic\" "
                              "timeformat=\"date\">"));
  CHECK(formats_test_contains(dynamic,
                              "<node id=\"samsung\" label=\"삼성전자\" "
                              "start=\"2024-05-01\" end=\"2024-05-01\">"));
  CHECK(formats_test_contains(dynamic,
                              "<node id=\"korea\" label=\"대한민국\" "
                              "start=\"2024-05-01\" end=\"2024-05-01\">"));
  CHECK(formats_test_contains(dynamic, "<node id=\"x\" label=\"X\">"));
  CHECK(formats_test_contains(dynamic,
                              "kind=\"invests-in\" weight=\"1.0\" "
                              "start=\"2024-05-01\" end=\"2024-05-01\">"));
  CHECK(formats_test_contains(dynamic, "kind=\"criticises\" weight=\"1.0\">"));
  CHECK(formats_test_write(formats_test_multigraph("yesterday"), GraphFormat::gexf) == gexf);

  // First and last date over an edge's evidence, and over a node's edges.
  KnowledgeGraph g = formats_test_multigraph("2024-05-01");
  auto [e, found] = boost::edge(0, 1, g);
  REQUIRE(found);
  g[e].evidence.push_back(make_evidence("b.txt", 1, "t", "투자", "2023-12-31"));
  g[e].evidence.push_back(make_evidence("c.txt", 1, "t", "투자", "2024-06-30"));
  const std::string spread = formats_test_write(g, GraphFormat::gexf);
  CHECK(formats_test_contains(spread,
                              "kind=\"invests-in\" weight=\"1.0\" "
                              "start=\"2023-12-31\" end=\"2024-06-30\">"));
  CHECK(formats_test_contains(spread,
                              "<node id=\"korea\" label=\"대한민국\" "
                              "start=\"2023-12-31\" end=\"2024-06-30\">"));
}

TEST_CASE("write formats: GEXF escapes markup and drops characters illegal in XML 1.0") {
  const std::string gexf = formats_test_write(formats_test_nasty_graph(), GraphFormat::gexf);
  formats_test_check_xml_chars(gexf);
  CHECK(formats_test_contains(
      gexf,
      "<node id=\"x&lt;&amp;&quot;&apos;&gt;y\" label=\"A&lt;B&amp;C&quot;D&apos;E&gt;F\\G&#10;"
      "HI&#13;J&#9;K\xef\xbf\xbd\">"));
  CHECK(formats_test_contains(gexf, "label=\"r&amp;r&lt;x&gt;\" kind=\"r&amp;r&lt;x&gt;\""));
  CHECK(formats_test_contains(
      gexf, "<attvalue for=\"e_evidence\" value=\"d#0: line&#10;one &quot;q&quot;\"/>"));
  CHECK(formats_test_contains(gexf, "<attvalue for=\"e_triggers\" value=\"&lt;t&gt;\"/>"));
  // Attribute names: odd characters hex in ids, names taken by fixed attributes renamed.
  CHECK(formats_test_contains(gexf, "<attribute id=\"n_attr_ax3Ab\" title=\"a:b\""));
  CHECK(formats_test_contains(gexf, "<attribute id=\"n_attr_label\" title=\"attr_label\""));
  CHECK(formats_test_contains(gexf, "<attvalue for=\"n_attr_label\" value=\"clash\"/>"));
}

TEST_CASE("write formats: Cytoscape.js JSON of a small graph, exactly") {
  const std::string expected = R"({
  "data": {
    "name": "relgraph",
    "generator": "relgraph"
  },
  "elements": {
    "nodes": [
      {
        "data": {
          "id": "a",
          "name": "A",
          "label": "A",
          "type": "person",
          "mentions": 2,
          "aliases": [
            "A",
            "Ay"
          ],
          "documents": [
            "d1"
          ],
          "color": "#1f77b4",
          "size": 17.92,
          "wikidata": "Q1"
        }
      },
      {
        "data": {
          "id": "b",
          "name": "B",
          "label": "B",
          "type": "unknown",
          "mentions": 0,
          "aliases": [],
          "documents": [],
          "color": "#7f7f7f",
          "size": 10.00
        }
      }
    ],
    "edges": [
      {
        "data": {
          "id": "e0",
          "source": "a",
          "target": "b",
          "relation": "meets",
          "interaction": "meets",
          "label": "meets",
          "weight": 2,
          "symmetric": true,
          "evidence_count": 2,
          "triggers": [
            "meets",
            "met"
          ],
          "evidence": [
            "d1#0: A meets B.",
            "d1#4: A met B."
          ]
        }
      }
    ]
  }
}
)";
  CHECK(formats_test_write(formats_test_small_graph(), GraphFormat::cytoscape) == expected);
}

TEST_CASE("write formats: Cytoscape.js ids are unique across nodes and edges, text escaped") {
  const std::string text = formats_test_write(formats_test_nasty_graph(), GraphFormat::cytoscape);
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  const auto& nodes = d["elements"]["nodes"];
  const auto& edges = d["elements"]["edges"];
  REQUIRE(nodes.Size() == 2);
  REQUIRE(edges.Size() == 1);
  std::set<std::string> ids;
  for (const auto& n : nodes.GetArray()) ids.insert(n["data"]["id"].GetString());
  for (const auto& e : edges.GetArray()) ids.insert(e["data"]["id"].GetString());
  CHECK(ids.size() == 3);
  CHECK(std::string(edges[0]["data"]["id"].GetString()) == "e0_");
  CHECK(std::string(edges[0]["data"]["target"].GetString()) == "e0");
  const auto& n = nodes[0]["data"];
  CHECK(std::string(n["id"].GetString()) == "x<&\"'>y");
  CHECK(std::string(n["label"].GetString()) ==
        std::string("A<B&C\"D'E>F\\G\nH\x01I\rJ\tK\xef\xbf\xbd"));
  CHECK(std::string(n["a:b"].GetString()) == "v,1");
  CHECK(std::string(n["attr_label"].GetString()) == "clash");
  CHECK(std::string(n["color"].GetString()).size() == 7);
  CHECK(std::string(edges[0]["data"]["relation"].GetString()) == "r&r<x>");
  CHECK(edges[0]["data"]["evidence_count"].GetUint64() == 1);
}

TEST_CASE("write formats: DOT of a small graph, exactly") {
  const std::string expected =
      "// relgraph knowledge graph; render with: dot -Tsvg graph.dot -o graph.svg\n"
      "digraph \"relgraph\" {\n"
      "  graph [charset=\"UTF-8\"];\n"
      "  node [shape=\"box\", style=\"rounded,filled\", penwidth=\"2\"];\n"
      "  edge [fontsize=\"10\"];\n"
      "  \"a\" [label=\"A\", color=\"#1f77b4\", fillcolor=\"#1f77b433\", type=\"person\", "
      "mentions=\"2\"];\n"
      "  \"b\" [label=\"B\", color=\"#7f7f7f\", fillcolor=\"#7f7f7f33\", type=\"unknown\", "
      "mentions=\"0\"];\n"
      "  \"a\" -> \"b\" [label=\"meets\", relation=\"meets\", weight=\"2\", penwidth=\"2.50\", "
      "dir=\"none\"];\n"
      "}\n";
  CHECK(formats_test_write(formats_test_small_graph(), GraphFormat::dot) == expected);
}

TEST_CASE("write formats: DOT quotes ids and labels, keeps Korean, directed edges have arrows") {
  const std::string dot = formats_test_write(formats_test_nasty_graph(), GraphFormat::dot);
  // Quotes and backslashes escaped, newline as \n, CR and other controls dropped, tab a space,
  // '&' as &amp; in labels only.
  CHECK(formats_test_contains(dot,
                              "  \"x<&\\\"'>y\" [label=\"A<B&amp;C\\\"D'E>F\\\\G\\nHIJ K"
                              "\xef\xbf\xbd\", "));
  CHECK(formats_test_contains(dot,
                              "  \"x<&\\\"'>y\" -> \"e0\" [label=\"r&amp;r<x>\", "
                              "relation=\"r&r<x>\", weight=\"1\", penwidth=\"1.00\"];"));
  for (char c : dot) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));

  const std::string korean = formats_test_write(formats_test_multigraph(), GraphFormat::dot);
  CHECK(formats_test_contains(korean, "\"samsung\" [label=\"삼성전자\", color=\"#ff7f0e\""));
  CHECK(formats_test_contains(korean, "\"korea\" [label=\"대한민국\", color=\"#2ca02c\""));
  CHECK(formats_test_contains(korean, "\"samsung\" -> \"korea\" [label=\"invests-in\""));
  CHECK(formats_test_count(korean, " -> ") == 2);
  CHECK_FALSE(formats_test_contains(korean, "dir=\"none\""));
}

TEST_CASE("write formats: Neo4j CSV of a small graph, exactly") {
  const KnowledgeGraph g = formats_test_small_graph();
  CHECK(formats_test_write(g, GraphFormat::neo4j, GraphPart::nodes) ==
        "id:ID,label,type,:LABEL,mentions:int,aliases:string[],documents:string[],wikidata\n"
        "a,A,person,Entity;Person,2,A;Ay,d1,Q1\n"
        "b,B,unknown,Entity;Unknown,0,,,\n");
  CHECK(formats_test_write(g, GraphFormat::neo4j, GraphPart::edges) ==
        ":START_ID,:END_ID,:TYPE,weight:double,evidence_count:int,relation,symmetric:boolean\n"
        "a,b,MEETS,2.0,2,meets,true\n");
}

TEST_CASE("write formats: Neo4j CSV quoting, arrays, labels and relationship types") {
  const KnowledgeGraph g = formats_test_nasty_graph();
  const std::string nodes = formats_test_write(g, GraphFormat::neo4j, GraphPart::nodes);
  const std::string edges = formats_test_write(g, GraphFormat::neo4j, GraphPart::edges);
  // ':' is not allowed in a header name; a taken name gets attr_.
  CHECK(nodes.rfind("id:ID,label,type,:LABEL,mentions:int,aliases:string[],documents:string[],"
                    "a_b,attr_label\n",
                    0) == 0);
  // RFC 4180: fields with a comma or a quote are quoted, quotes doubled; line breaks become
  // spaces, other controls are dropped; ';' inside an array element becomes U+FF1B.
  CHECK(formats_test_contains(nodes,
                              "\"x<&\"\"'>y\",\"A<B&C\"\"D'E>F\\G HI J\tK\xef\xbf\xbd\","
                              "t,Entity;T,0,\"semi\xef\xbc\x9b"
                              "colon;comma,quote\"\"\",,\"v,1\",clash\n"));
  CHECK(formats_test_contains(nodes, "\ne0,m,t,Entity;T,0,,,,\n"));
  CHECK(edges ==
        ":START_ID,:END_ID,:TYPE,weight:double,evidence_count:int,relation,symmetric:boolean\n"
        "\"x<&\"\"'>y\",e0,R_R_X_,1.0,1,r&r<x>,false\n");
  // Every line has the same number of fields outside quotes.
  std::size_t fields = 0, line = 0;
  bool quoted = false;
  std::vector<std::size_t> per_line(1, 1);
  for (char c : nodes) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ',') ++per_line[line];
    if (!quoted && c == '\n') {
      ++line;
      per_line.push_back(1);
    }
  }
  per_line.pop_back();
  fields = per_line.front();
  for (std::size_t n : per_line) CHECK(n == fields);
  CHECK(per_line.size() == 3);

  // Types in PascalCase, relations upper-cased with underscores, non-ASCII kept.
  KnowledgeGraph t;
  NodeProperties a;
  a.id = "a";
  a.label = "a";
  a.type = "state-owned company";
  NodeProperties b;
  b.id = "b";
  b.label = "b";
  b.type = "기관";
  NodeProperties c;
  c.id = "c";
  c.label = "c";
  c.type = "entity";
  const auto va = boost::add_vertex(a, t);
  const auto vb = boost::add_vertex(b, t);
  boost::add_vertex(c, t);
  EdgeProperties e;
  e.relation = "invests-in";
  e.weight = 3;
  e.evidence = {make_evidence("d", 0, "x", "y")};
  boost::add_edge(va, vb, e, t);
  e.relation = "투자 관계";
  boost::add_edge(vb, va, e, t);
  const std::string typed = formats_test_write(t, GraphFormat::neo4j, GraphPart::nodes);
  CHECK(formats_test_contains(typed, "\na,a,state-owned company,Entity;StateOwnedCompany,0,,\n"));
  CHECK(formats_test_contains(typed, "\nb,b,기관,Entity;기관,0,,\n"));
  CHECK(formats_test_contains(typed, "\nc,c,entity,Entity,0,,\n"));
  const std::string rels = formats_test_write(t, GraphFormat::neo4j, GraphPart::edges);
  CHECK(formats_test_contains(rels, "\na,b,INVESTS_IN,3.0,1,invests-in,false\n"));
  CHECK(formats_test_contains(rels, "\nb,a,투자_관계,3.0,1,투자 관계,false\n"));
}

TEST_CASE("write formats: equal graphs give byte-identical output in every format") {
  const KnowledgeGraph a = formats_test_multigraph("2024-05-01");
  const KnowledgeGraph b = formats_test_multigraph("2024-05-01");
  for (GraphFormat f : {GraphFormat::json, GraphFormat::graphml, GraphFormat::gexf,
                        GraphFormat::cytoscape, GraphFormat::dot, GraphFormat::neo4j}) {
    for (const GraphOutputFile& file : graph_output_files(f, "out")) {
      const std::string first = formats_test_write(a, f, file.part);
      CHECK(!first.empty());
      CHECK(first == formats_test_write(a, f, file.part));
      CHECK(first == formats_test_write(b, f, file.part));
    }
  }
}

TEST_CASE("write formats: an empty graph is still a valid document") {
  const KnowledgeGraph g;
  const std::string gexf = formats_test_write(g, GraphFormat::gexf);
  CHECK(formats_test_contains(gexf, "<nodes count=\"0\">\n    </nodes>"));
  CHECK(formats_test_contains(gexf, "<edges count=\"0\">\n    </edges>"));
  rapidjson::Document d;
  d.Parse(formats_test_write(g, GraphFormat::cytoscape).c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(d["elements"]["nodes"].Size() == 0);
  CHECK(d["elements"]["edges"].Size() == 0);
  CHECK(formats_test_contains(formats_test_write(g, GraphFormat::dot), "digraph \"relgraph\" {"));
  CHECK(formats_test_write(g, GraphFormat::neo4j, GraphPart::edges) ==
        ":START_ID,:END_ID,:TYPE,weight:double,evidence_count:int,relation,symmetric:boolean\n");
}
