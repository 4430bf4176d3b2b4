// Unit tests for the graph writers: format detection, node-link JSON structure (parsed back with
// RapidJSON), GraphML structure and XML escaping of markup, control and invalid characters.
#include <doctest/doctest.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "graph_fixtures.h"
#include "write/graph_writer.h"
#include "write/json_writer.h"
#include "write/write_util.h"

using namespace relgraph;

namespace {

using testing::make_evidence;

// Two nodes, two relations between the same pair (a multigraph).
KnowledgeGraph write_test_graph() {
  KnowledgeGraph g;
  NodeProperties a;
  a.id = "apple";
  a.label = "애플";
  a.type = "company";
  a.aliases = {"애플", "Apple"};
  a.mentions = 3;
  a.documents = {"a.txt", "b.txt"};
  NodeProperties s;
  s.id = "samsung";
  s.label = "삼성전자";
  s.type = "company";
  s.aliases = {"삼성전자"};
  s.attributes = {{"wikidata", "Q20718"}, {"country", "KR"}};
  s.mentions = 1;
  s.documents = {"a.txt"};
  const auto va = boost::add_vertex(a, g);
  const auto vs = boost::add_vertex(s, g);

  EdgeProperties partner;
  partner.relation = "partner";
  partner.symmetric = true;
  partner.weight = 2;
  partner.evidence = {make_evidence("a.txt", 0, "애플과 삼성이 협력한다.", "협력", "2024-05-01"),
                      make_evidence("b.txt", 3, "제휴 소식.", "제휴")};
  EdgeProperties sues;
  sues.relation = "sues";
  sues.weight = 1;
  sues.evidence = {make_evidence("a.txt", 1, "애플이 삼성을 제소했다.", "제소")};
  boost::add_edge(va, vs, partner, g);
  boost::add_edge(va, vs, sues, g);
  return g;
}

std::string write_test_json(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_json(g, out);
  return out.str();
}

std::string write_test_graphml(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

bool write_test_contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Minimal well-formedness checks on written XML: no character XML 1.0 forbids, no '&' that does
// not start a reference we write, and balanced start and end tags of the GraphML elements.
void write_test_check_xml(const std::string& xml) {
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
    // Surrogates encoded in UTF-8 and U+FFFE / U+FFFF.
    if (c == 0xED && i + 1 < xml.size()) {
      CHECK(static_cast<unsigned char>(xml[i + 1]) < 0xA0);
    }
    if (c == 0xEF && i + 2 < xml.size() && static_cast<unsigned char>(xml[i + 1]) == 0xBF) {
      CHECK(static_cast<unsigned char>(xml[i + 2]) < 0xBE);
    }
  }
  auto count = [&](const std::string& s) {
    std::size_t n = 0;
    for (std::size_t p = xml.find(s); p != std::string::npos; p = xml.find(s, p + 1)) ++n;
    return n;
  };
  CHECK(count("<node ") == count("</node>"));
  CHECK(count("<edge ") == count("</edge>"));
  CHECK(count("<data ") == count("</data>"));
  CHECK(count("<graph ") == 1);
  CHECK(count("</graph>") == 1);
}

}  // namespace

TEST_CASE("write: format names and file extensions") {
  CHECK(parse_graph_format("json") == GraphFormat::json);
  CHECK(parse_graph_format("graphml") == GraphFormat::graphml);
  CHECK(parse_graph_format("GraphML") == GraphFormat::graphml);
  CHECK_FALSE(parse_graph_format("xml").has_value());
  CHECK_FALSE(parse_graph_format("").has_value());
  CHECK_FALSE(parse_graph_format("jsonl").has_value());

  CHECK(graph_format_for_path("graph.json") == GraphFormat::json);
  CHECK(graph_format_for_path("out/graph.JSON") == GraphFormat::json);
  CHECK(graph_format_for_path("a.b/graph.graphml") == GraphFormat::graphml);
  CHECK(graph_format_for_path("graph.xml") == GraphFormat::graphml);
  CHECK_FALSE(graph_format_for_path("graph.txt").has_value());
  CHECK_FALSE(graph_format_for_path("graph").has_value());
  CHECK_FALSE(graph_format_for_path("dir.json/graph").has_value());
  CHECK_FALSE(graph_format_for_path("graph.json.gz").has_value());
  CHECK_FALSE(graph_format_for_path("").has_value());
}

TEST_CASE("write: JSON is node-link with the documented fields") {
  const std::string text = write_test_json(write_test_graph());
  CHECK(text.back() == '\n');
  // UTF-8 written as is, not as \u escapes; indented by two spaces.
  CHECK(write_test_contains(text, "\"label\": \"삼성전자\""));
  CHECK(write_test_contains(text, "\n  \"nodes\": [\n    {\n      \"id\": \"apple\""));

  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  REQUIRE(d.IsObject());
  CHECK(d["directed"].GetBool() == true);
  CHECK(d["multigraph"].GetBool() == true);
  CHECK(std::string(d["graph"]["name"].GetString()) == "relgraph");
  CHECK(std::string(d["graph"]["generator"].GetString()) == "relgraph");

  const auto& nodes = d["nodes"];
  REQUIRE(nodes.Size() == 2);
  CHECK(std::string(nodes[0]["id"].GetString()) == "apple");
  CHECK(std::string(nodes[0]["label"].GetString()) == "애플");
  CHECK(std::string(nodes[0]["type"].GetString()) == "company");
  REQUIRE(nodes[0]["aliases"].Size() == 2);
  CHECK(std::string(nodes[0]["aliases"][1].GetString()) == "Apple");
  CHECK(nodes[0]["mentions"].GetUint64() == 3);
  REQUIRE(nodes[0]["documents"].Size() == 2);
  CHECK(std::string(nodes[0]["documents"][1].GetString()) == "b.txt");
  CHECK(nodes[0]["attributes"].IsObject());
  CHECK(nodes[0]["attributes"].MemberCount() == 0);
  const auto& attrs = nodes[1]["attributes"];
  REQUIRE(attrs.MemberCount() == 2);
  CHECK(std::string(attrs.MemberBegin()->name.GetString()) == "country");  // sorted by key
  CHECK(std::string(attrs["wikidata"].GetString()) == "Q20718");
  // The first and last dates of the node's edges' evidence (only the partner edge is dated).
  CHECK(std::string(nodes[1]["first_seen"].GetString()) == "2024-05-01");
  CHECK(std::string(nodes[1]["last_seen"].GetString()) == "2024-05-01");
  CHECK(nodes[1].MemberCount() == 9);

  const auto& links = d["links"];
  REQUIRE(links.Size() == 2);
  const auto& partner = links[0];
  CHECK(std::string(partner["source"].GetString()) == "apple");
  CHECK(std::string(partner["target"].GetString()) == "samsung");
  CHECK(std::string(partner["relation"].GetString()) == "partner");
  CHECK(std::string(partner["key"].GetString()) == "partner");
  CHECK(partner["symmetric"].GetBool() == true);
  CHECK(partner["weight"].GetUint64() == 2);
  REQUIRE(partner["evidence"].Size() == 2);
  const auto& ev0 = partner["evidence"][0];
  CHECK(std::string(ev0["document"].GetString()) == "a.txt");
  CHECK(ev0["sentence"].GetUint64() == 0);
  CHECK(ev0["begin"].GetUint64() == 0);
  CHECK(ev0["end"].GetUint64() == 7);
  CHECK(std::string(ev0["text"].GetString()) == "애플과 삼성이 협력한다.");
  CHECK(std::string(ev0["trigger"].GetString()) == "협력");
  CHECK(std::string(ev0["date"].GetString()) == "2024-05-01");
  CHECK(ev0.MemberCount() == 7);
  const auto& ev1 = partner["evidence"][1];
  CHECK_FALSE(ev1.HasMember("date"));  // only when known
  CHECK(ev1.MemberCount() == 6);
  CHECK(ev1["sentence"].GetUint64() == 3);

  CHECK(std::string(links[1]["key"].GetString()) == "sues");
  CHECK(links[1]["symmetric"].GetBool() == false);
  CHECK(links[1]["weight"].GetUint64() == 1);
}

TEST_CASE("write: JSON repairs invalid UTF-8 and escapes control characters") {
  KnowledgeGraph g;
  NodeProperties n;
  n.id = "x";
  n.label = std::string("a\x01") + "b\xff" + "c\xed\xa0\x80" + "d\"e\\";
  n.type = "t";
  boost::add_vertex(n, g);
  const std::string text = write_test_json(g);
  CHECK(write_test_contains(text,
                            "\"label\": \"a\\u0001b\xef\xbf\xbd"
                            "c\xef\xbf\xbd"
                            "d\\\"e\\\\\""));
  rapidjson::Document d;
  d.Parse(text.c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(std::string(d["nodes"][0]["label"].GetString()) ==
        "a\x01"
        "b\xef\xbf\xbd"
        "c\xef\xbf\xbd"
        "d\"e\\");
  CHECK(d["links"].Size() == 0);
}

TEST_CASE(
    "write: nodes and edges formatted on several threads make one document, the same for any N") {
  // Enough nodes and edges for many of the ranges the writer formats apart, with and without
  // evidence and dates, and odd strings.
  KnowledgeGraph g;
  std::vector<KnowledgeGraph::vertex_descriptor> v;
  for (int i = 0; i < 150; ++i) {
    NodeProperties n;
    n.id = "n" + std::to_string(i);
    n.label = "노드 \"";
    n.label += std::to_string(i);
    n.label += '"';
    n.type = "company";
    if (i % 2 == 0) n.documents = {"d" + std::to_string(i) + ".txt", "e.txt"};
    v.push_back(boost::add_vertex(n, g));
  }
  for (int i = 0; i < 300; ++i) {
    EdgeProperties e;
    e.relation = i % 3 == 0 ? "partner" : "invests-in";
    e.symmetric = i % 3 == 0;
    e.weight = static_cast<std::size_t>(i % 4);
    for (int k = 0; k < i % 4; ++k) {
      std::string document = "d", text = "문장\t\x01 ", date;
      document += std::to_string(i);
      text += std::to_string(k);
      if (k % 2 == 1) {
        date = "2024-01-0";
        date += std::to_string(1 + k);
      }
      e.evidence.push_back(
          make_evidence(document, static_cast<std::size_t>(k), text, "투자", date));
    }
    boost::add_edge(v[static_cast<std::size_t>(i % 150)],
                    v[static_cast<std::size_t>((i * 7) % 150)], e, g);
  }
  const std::string one = write_test_json(g);
  for (unsigned threads : {2u, 3u, 8u}) {
    std::ostringstream out;
    write_json(KnowledgeGraphView(g), out, threads);
    CHECK(out.str() == one);
  }
  // The bytes are what RapidJSON's own pretty writer makes of the same document in one piece.
  rapidjson::Document d;
  d.Parse(one.c_str());
  REQUIRE_FALSE(d.HasParseError());
  CHECK(d["links"].Size() == 300);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
  w.SetIndent(' ', 2);
  d.Accept(w);
  CHECK(std::string(buffer.GetString(), buffer.GetSize()) + "\n" == one);

  // The other text formats: the same bytes for any number of threads, and Cytoscape's JSON and
  // GraphML's elements whole.
  for (GraphFormat format : {GraphFormat::cytoscape, GraphFormat::graphml, GraphFormat::gexf}) {
    CAPTURE(static_cast<int>(format));
    std::ostringstream single;
    write_graph(KnowledgeGraphView(g), format, single, 1);
    for (unsigned threads : {2u, 3u}) {
      std::ostringstream out;
      write_graph(KnowledgeGraphView(g), format, out, threads);
      CHECK(out.str() == single.str());
    }
    if (format == GraphFormat::cytoscape) {
      rapidjson::Document cy;
      cy.Parse(single.str().c_str());
      REQUIRE_FALSE(cy.HasParseError());
      CHECK(cy["elements"]["nodes"].Size() == 150);
      CHECK(cy["elements"]["edges"].Size() == 300);
    }
    if (format == GraphFormat::graphml) write_test_check_xml(single.str());
  }
}

TEST_CASE("write: GraphML of a small graph, exactly") {
  KnowledgeGraph g;
  NodeProperties a;
  a.id = "a";
  a.label = "A";
  a.type = "person";
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

  const std::string expected =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
      "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
      "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
      "  <key id=\"n_label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"n_type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"n_aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
      "  <key id=\"n_mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n"
      "  <key id=\"n_documents\" for=\"node\" attr.name=\"documents\" attr.type=\"string\"/>\n"
      "  <key id=\"n_attr_wikidata\" for=\"node\" attr.name=\"wikidata\" attr.type=\"string\"/>\n"
      "  <key id=\"e_relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
      "  <key id=\"e_label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
      "  <key id=\"e_weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
      "  <key id=\"e_symmetric\" for=\"edge\" attr.name=\"symmetric\" attr.type=\"boolean\"/>\n"
      "  <key id=\"e_evidence_count\" for=\"edge\" attr.name=\"evidence_count\" "
      "attr.type=\"int\"/>\n"
      "  <key id=\"e_evidence\" for=\"edge\" attr.name=\"evidence\" attr.type=\"string\"/>\n"
      "  <key id=\"e_triggers\" for=\"edge\" attr.name=\"triggers\" attr.type=\"string\"/>\n"
      "  <key id=\"e_evidence_data\" for=\"edge\" attr.name=\"evidence_data\" "
      "attr.type=\"string\"/>\n"
      "  <graph id=\"relgraph\" edgedefault=\"directed\">\n"
      "    <node id=\"a\">\n"
      "      <data key=\"n_label\">A</data>\n"
      "      <data key=\"n_type\">person</data>\n"
      "      <data key=\"n_mentions\">2</data>\n"
      "      <data key=\"n_documents\">d1</data>\n"
      "      <data key=\"n_attr_wikidata\">Q1</data>\n"
      "    </node>\n"
      "    <node id=\"b\">\n"
      "      <data key=\"n_label\">B</data>\n"
      "      <data key=\"n_type\">unknown</data>\n"
      "      <data key=\"n_mentions\">0</data>\n"
      "    </node>\n"
      "    <edge id=\"e0\" source=\"a\" target=\"b\">\n"
      "      <data key=\"e_relation\">meets</data>\n"
      "      <data key=\"e_label\">meets</data>\n"
      "      <data key=\"e_weight\">2</data>\n"
      "      <data key=\"e_symmetric\">true</data>\n"
      "      <data key=\"e_evidence_count\">2</data>\n"
      "      <data key=\"e_evidence\">d1#0: A meets B.\nd1#4: A met B.</data>\n"
      "      <data key=\"e_triggers\">meets | met</data>\n"
      "      <data "
      "key=\"e_evidence_data\">[{\"document\":\"d1\",\"sentence\":0,\"begin\":0,\"end\":7,"
      "\"text\":\"A meets B.\",\"trigger\":\"meets\"},{\"document\":\"d1\",\"sentence\":4,"
      "\"begin\":40,\"end\":47,\"text\":\"A met B.\",\"trigger\":\"met\"}]</data>\n"
      "    </edge>\n"
      "  </graph>\n"
      "</graphml>\n";
  CHECK(write_test_graphml(g) == expected);
}

TEST_CASE("write: GraphML keys per domain, unique edge ids, attribute keys") {
  const std::string xml = write_test_graphml(write_test_graph());
  write_test_check_xml(xml);
  CHECK_FALSE(write_test_contains(xml, "for=\"all\""));
  CHECK(write_test_contains(
      xml,
      "<key id=\"n_attr_country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
      "  <key id=\"n_attr_wikidata\""));
  CHECK(write_test_contains(xml, "<edge id=\"e0\" source=\"apple\" target=\"samsung\">"));
  CHECK(write_test_contains(xml, "<edge id=\"e1\" source=\"apple\" target=\"samsung\">"));
  CHECK(write_test_contains(xml, "<data key=\"n_aliases\">애플 | Apple</data>"));
  CHECK(write_test_contains(xml, "<data key=\"n_documents\">a.txt | b.txt</data>"));
  CHECK(write_test_contains(xml, "<data key=\"e_symmetric\">false</data>"));
  CHECK(write_test_contains(
      xml,
      "<data key=\"e_evidence\">a.txt#0: 애플과 삼성이 협력한다.\nb.txt#3: 제휴 소식.</data>"));
  CHECK(write_test_contains(xml, "<data key=\"e_triggers\">제휴 | 협력</data>"));
}

TEST_CASE("write: GraphML escapes markup and drops characters illegal in XML 1.0") {
  KnowledgeGraph g;
  NodeProperties n;
  n.id = "x<&\"'>y";
  n.label = "A<B&C\"D'E>F";
  n.type = std::string("t\x01\x08\x1f") + "u\tv";
  n.attributes = {{"id", "clash"}, {"label", "clash too"}, {"a b", "v"}};
  const auto v = boost::add_vertex(n, g);
  NodeProperties m;
  m.id = "line\nbreak";
  m.label = "m";
  m.type = "t";
  const auto w = boost::add_vertex(m, g);
  EdgeProperties e;
  e.relation = "r&r";
  e.weight = 1;
  e.evidence = {make_evidence("d", 0,
                              std::string("cr\r lf\n nul") + '\0' + " bad\xff" +
                                  " surrogate\xed\xa0\x80" + " nonchar\xef\xbf\xbe" +
                                  " \xef\xbf\xbf" + " c1\xc2\x85" + " cut\xe2\x82",
                              "<t>")};
  boost::add_edge(v, w, e, g);
  const std::string xml = write_test_graphml(g);
  write_test_check_xml(xml);

  CHECK(write_test_contains(xml, "<node id=\"x&lt;&amp;&quot;&apos;&gt;y\">"));
  CHECK(write_test_contains(xml, "<data key=\"n_label\">A&lt;B&amp;C&quot;D&apos;E&gt;F</data>"));
  CHECK(write_test_contains(xml, "<data key=\"n_type\">tu\tv</data>"));
  CHECK(write_test_contains(xml, "<node id=\"line&#10;break\">"));
  CHECK(write_test_contains(
      xml, "<edge id=\"e0\" source=\"x&lt;&amp;&quot;&apos;&gt;y\" target=\"line&#10;break\">"));
  CHECK(write_test_contains(xml, "<data key=\"e_relation\">r&amp;r</data>"));
  CHECK(write_test_contains(xml,
                            "<data key=\"e_evidence\">d#0: cr&#13; lf\n nul bad\xef\xbf\xbd"
                            " surrogate nonchar  c1\xc2\x85 cut\xef\xbf\xbd</data>"));
  CHECK(write_test_contains(xml, "<data key=\"e_triggers\">&lt;t&gt;</data>"));
  // Attribute names that clash with fixed keys are renamed; odd characters are hex in key ids.
  CHECK(write_test_contains(xml, "<key id=\"n_attr_ax20b\" for=\"node\" attr.name=\"a b\""));
  CHECK(write_test_contains(xml, "<key id=\"n_attr_id\" for=\"node\" attr.name=\"attr_id\""));
  CHECK(write_test_contains(xml, "<key id=\"n_attr_label\" for=\"node\" attr.name=\"attr_label\""));
  CHECK(write_test_contains(xml, "<data key=\"n_attr_label\">clash too</data>"));
}

TEST_CASE("write: write_graph dispatches on the format") {
  const KnowledgeGraph g = write_test_graph();
  std::ostringstream json, graphml;
  write_graph(g, GraphFormat::json, json);
  write_graph(g, GraphFormat::graphml, graphml);
  CHECK(json.str() == write_test_json(g));
  CHECK(graphml.str() == write_test_graphml(g));
  CHECK(json.str().rfind("{\n", 0) == 0);
  CHECK(graphml.str().rfind("<?xml ", 0) == 0);
}

// The JSON writers use a writer of their own (json_writer.h) that must write exactly the bytes
// RapidJSON's PrettyWriter writes for the same calls, with strings made well-formed first.
TEST_CASE("write: the JSON writer writes the bytes of RapidJSON's PrettyWriter") {
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  // Pieces chosen to hit every escape, repair and copy path: controls, quotes, backslashes, DEL,
  // Hangul, a 4-byte character, surrogates and truncated or stray UTF-8, long plain runs.
  const std::vector<std::string> pieces = {"a",
                                           "plain text ",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\t",
                                           "\b",
                                           "\f",
                                           "\r",
                                           std::string(1, '\0'),
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           "/",
                                           "소프트뱅크",
                                           "\xF0\x9F\x98\x80",
                                           "\xED\xA0\x80",
                                           "\xE3\x81",
                                           "\x80",
                                           "\xFF",
                                           "\xC3",
                                           "é",
                                           std::string(40, 'x'),
                                           "국내 반도체 기업들이 대규모 투자 계획을 발표했다 ",
                                           "（주）한국전력공사 2024년"};
  auto random_string = [&] {
    std::string s;
    const std::uint32_t n = next() % 12;
    for (std::uint32_t k = 0; k < n; ++k) s += pieces[next() % pieces.size()];
    return s;
  };
  for (int round = 0; round < 2000; ++round) {
    relgraph::write_detail::JsonWriter ours;
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> theirs(buffer);
    theirs.SetIndent(' ', 2);
    std::size_t open = 0;
    std::vector<bool> in_object;  // per open level: an object expecting a key next
    ours.start_object();
    theirs.StartObject();
    in_object.push_back(true);
    ++open;
    for (int step = 0; step < 40; ++step) {
      const bool object = in_object.back();
      if (object && next() % 3 == 0) {
        // A name of the writers' own kind (plain ASCII), by plain_key.
        const std::string name = "key" + std::to_string(next() % 100);
        ours.plain_key(name);
        theirs.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
      } else if (object) {
        const std::string name = random_string();
        ours.key(name);
        std::string scratch;
        const std::string_view good = relgraph::write_detail::well_formed_utf8(name, scratch);
        theirs.Key(good.data(), static_cast<rapidjson::SizeType>(good.size()));
      }
      const std::uint32_t what = next() % 8;
      if (what == 0 && open < 6) {
        ours.start_object();
        theirs.StartObject();
        in_object.push_back(true);
        ++open;
      } else if (what == 1 && open < 6) {
        ours.start_array();
        theirs.StartArray();
        in_object.push_back(false);
        ++open;
      } else if (what == 2 && open > 1 && !object) {
        ours.end_array();
        theirs.EndArray();
        in_object.pop_back();
        --open;
      } else if (what == 3) {
        const std::uint64_t n = next() % 3 == 0 ? ~std::uint64_t{0} - next() : next() % 1000;
        ours.uint(n);
        theirs.Uint64(n);
      } else if (what == 4) {
        const bool b = next() % 2 == 0;
        ours.boolean(b);
        theirs.Bool(b);
      } else {
        const std::string s = random_string();
        ours.string(s);
        std::string scratch;
        const std::string_view good = relgraph::write_detail::well_formed_utf8(s, scratch);
        theirs.String(good.data(), static_cast<rapidjson::SizeType>(good.size()));
      }
      // An object on top (the one that took a key and value, or one just opened) may end.
      if (in_object.back() && next() % 4 == 0 && open > 1) {
        ours.end_object();
        theirs.EndObject();
        in_object.pop_back();
        --open;
      }
    }
    while (open > 0) {
      if (in_object.back()) {
        ours.end_object();
        theirs.EndObject();
      } else {
        ours.end_array();
        theirs.EndArray();
      }
      in_object.pop_back();
      --open;
    }
    REQUIRE(std::string(ours.text()) == std::string(buffer.GetString(), buffer.GetSize()));
  }
}

// xml_escape as it was first written, one decoded code point at a time (decode_utf8): the
// reference the escaper, which copies runs and checks common characters in one step, must match.
static std::string xml_escape_by_code_point(std::string_view s, bool attribute, bool quotes) {
  using namespace relgraph::write_detail;
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += quotes ? "&quot;" : "\"";
        break;
      case '\'':
        out += quotes ? "&apos;" : "'";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case kReplacement:
        append_utf8(out, kReplacement);
        break;
      default:
        if (cp < 0x20 || cp == kSurrogate || cp == 0xFFFE || cp == 0xFFFF) break;
        out.append(s.substr(start, i - start));
    }
  }
  return out;
}

TEST_CASE("write: xml_escape gives the bytes of escaping one code point at a time") {
  std::uint64_t state = 54321;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  // Markup, controls, Hangul, U+FFFD, the non-characters U+FFFE and U+FFFF and their neighbours,
  // surrogates, private use, C1 controls, 4-byte characters, truncated and stray bytes.
  const std::vector<std::string> pieces = {"a",
                                           "plain text ",
                                           "&",
                                           "<",
                                           ">",
                                           "\"",
                                           "'",
                                           "\r",
                                           "\n",
                                           "\t",
                                           "\x01",
                                           "\x1f",
                                           "\x7f",
                                           std::string(1, '\0'),
                                           "소프트뱅크",
                                           "漢字",
                                           "\xEF\xBF\xBD",
                                           "\xEF\xBF\xBE",
                                           "\xEF\xBF\xBF",
                                           "\xEF\xBF\xBC",
                                           "\xEE\x80\x80",
                                           "\xED\x9F\xBF",
                                           "\xED\xA0\x80",
                                           "\xED\xBF\xBF",
                                           "\xE0\xA0\x80",
                                           "\xE0\x80\x80",
                                           "\xC2\x85",
                                           "\xF0\x9F\x98\x80",
                                           "\xF4\x90\x80\x80",
                                           "\xE3\x81",
                                           "\xEF\xBF",
                                           "\xED",
                                           "\x80",
                                           "\xBF",
                                           "\xFF",
                                           "\xC3",
                                           "é",
                                           std::string(20, 'x'),
                                           "국내 반도체 기업들이 대규모 투자 계획을 발표했다 ",
                                           "（주）한국전력공사 2024년"};
  for (int round = 0; round < 5000; ++round) {
    std::string s;
    const std::uint32_t n = next() % 10;
    for (std::uint32_t k = 0; k < n; ++k) s += pieces[next() % pieces.size()];
    for (const bool attribute : {false, true}) {
      for (const bool quotes : {false, true}) {
        REQUIRE(relgraph::write_detail::xml_escape(s, attribute, quotes) ==
                xml_escape_by_code_point(s, attribute, quotes));
      }
    }
  }
}
