// Unit tests for the load stage: the XML reader (entities, CDATA, comments, positions, errors),
// round trips through write_json / write_graphml and back, networkx-style and generic inputs,
// and malformed inputs, which must throw LoadError (never crash), including every truncation of
// a valid file.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "graph/knowledge_graph.h"
#include "load/graph_loader.h"
#include "load/xml_reader.h"
#include "write/binary_graph.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

Evidence load_test_evidence(std::string document, std::size_t sentence, std::string text,
                            std::string trigger, std::string date = {}) {
  Evidence e;
  e.document = std::move(document);
  e.sentence = sentence;
  e.begin = sentence * 100;
  e.end = sentence * 100 + 50;
  e.text = std::move(text);
  e.trigger = std::move(trigger);
  e.date = std::move(date);
  return e;
}

// A canonical graph (nodes by id, edges by source, relation, target) with Korean text, markup
// characters, attributes (one named like a field), a symmetric edge and a sentence with two
// triggers.
KnowledgeGraph load_test_graph() {
  KnowledgeGraph g;
  NodeProperties a;
  a.id = "openai";
  a.label = "OpenAI";
  a.type = "company";
  a.aliases = {"OpenAI", "오픈AI"};
  a.mentions = 4;
  a.documents = {"a.txt", "b&c <news>.txt"};
  a.attributes = {{"country", "united-states"}, {"wikidata", "Q21708200"}};
  NodeProperties s;
  s.id = "softbank";
  s.label = "소프트뱅크";
  s.type = "company";
  s.aliases = {"SoftBank", "소프트뱅크"};
  s.mentions = 2;
  s.documents = {"a.txt"};
  s.attributes = {{"label", "\"quoted\" & 'apos'"}};
  NodeProperties u;
  u.id = "united-states";
  u.label = "United States";
  u.type = "country";
  u.aliases = {"미국"};
  u.mentions = 1;
  u.documents = {"b&c <news>.txt"};
  const auto va = boost::add_vertex(a, g);
  const auto vs = boost::add_vertex(s, g);
  const auto vu = boost::add_vertex(u, g);

  EdgeProperties invest;
  invest.relation = "invests-in";
  invest.weight = 1;
  invest.evidence = {
      load_test_evidence("b&c <news>.txt", 2, "오픈AI가 미국에 투자하고 출자했다.", "출자"),
      load_test_evidence("b&c <news>.txt", 2, "오픈AI가 미국에 투자하고 출자했다.", "투자")};
  boost::add_edge(va, vu, invest, g);
  EdgeProperties partner;
  partner.relation = "partners-with";
  partner.symmetric = true;
  partner.weight = 2;
  partner.evidence = {
      load_test_evidence("a.txt", 0, "오픈AI와 소프트뱅크가 합작한다.", "합작", "2024-05-01"),
      load_test_evidence("a.txt", 3, "두 회사는 #1: 제휴를\n넓힌다.", "제휴")};
  boost::add_edge(va, vs, partner, g);
  return g;
}

std::string to_json(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_json(g, out);
  return out.str();
}

std::string to_graphml(const KnowledgeGraph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

std::string load_error(std::string_view text, std::string_view name = "bad.json") {
  try {
    parse_graph(text, name);
  } catch (const LoadError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("xml reader: elements, attributes, text, entities, CDATA, comments") {
  const xml::Element root = xml::parse(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!DOCTYPE graphml [ <!ENTITY x \"]>\"> ]>\n"
      "<!-- a comment -->\n"
      "<y:root xmlns:y=\"urn:y\" a='1 &amp; 2' b=\"x&#10;y\tz\">\r\n"
      "  <child k=\"&lt;&gt;&quot;&apos;\">A &amp; B &#xD55C;&#44544; <![CDATA[<raw> & "
      "]]></child>\n"
      "  <empty/><!-- inside --><?pi stuff?>\n"
      "</y:root>\n<!-- after -->\n");
  CHECK(root.name == "y:root");
  CHECK(root.local_name() == "root");
  REQUIRE(root.attribute("a") != nullptr);
  CHECK(*root.attribute("a") == "1 & 2");
  CHECK(*root.attribute("b") == "x\ny z");  // a character reference survives normalisation
  REQUIRE(root.children.size() == 2);
  CHECK(*root.children[0].attribute("k") == "<>\"'");
  CHECK(root.children[0].text == "A & B 한글 <raw> & ");
  CHECK(root.children[0].line == 5);
  CHECK(root.children[0].column == 3);
  CHECK(root.children[1].name == "empty");
  CHECK(root.attribute("missing") == nullptr);
}

TEST_CASE("xml reader: malformed documents throw with a position") {
  auto error_at = [](std::string_view text, std::size_t line, std::size_t column,
                     std::string_view words) {
    CAPTURE(text);
    try {
      xml::parse(text);
      FAIL("no error");
    } catch (const xml::XmlError& e) {
      CHECK(e.line == line);
      CHECK(e.column == column);
      CHECK(std::string(e.what()).find(words) != std::string::npos);
    }
  };
  error_at("<a>\n<b></a>", 2, 4, "does not match");
  error_at("<a>&nbsp;</a>", 1, 4, "unknown entity");
  error_at("<a x='1' x='2'/>", 1, 10, "duplicate attribute");
  error_at("<a/><b/>", 1, 5, "after the root");
  error_at("<a>\n  <b>", 2, 3, "not closed");
  error_at("<a x='<'/>", 1, 7, "'<' in an attribute");
  error_at("<a>&#0;</a>", 1, 4, "not a legal XML character");
  error_at("<a>&#x110000;</a>", 1, 4, "out of range");
  error_at("<a>a & b</a>", 1, 6, "'&'");
  error_at("<?xml version='1.0' encoding='ISO-8859-1'?><a/>", 1, 1, "only UTF-8");
  error_at("\xFF\xFE<\0a\0/\0>\0", 1, 1, "UTF-16");
  error_at("", 1, 1, "no root");
  error_at("text", 1, 1, "before the root");
  error_at("<a><!-- x -- y --></a>", 1, 11, "'--'");
  error_at("<a><![CDATA[x</a>", 1, 4, "CDATA");
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  error_at(deep, 1, 3 * xml::kMaxDepth + 1, "nested too deeply");
}

TEST_CASE("load: JSON written by relgraph loads back to an equal graph") {
  const KnowledgeGraph g = load_test_graph();
  const std::string json = to_json(g);
  const KnowledgeGraph back = parse_graph(json, "g.json");
  CHECK(to_json(back) == json);
  CHECK(to_graphml(back) == to_graphml(g));
  // LoadFormat::json forces the format.
  CHECK(to_json(parse_graph(json, "g.json", LoadFormat::json)) == json);
}

TEST_CASE("load: GraphML written by relgraph loads back to an equal graph") {
  const KnowledgeGraph g = load_test_graph();
  const std::string graphml = to_graphml(g);
  const KnowledgeGraph back = parse_graph(graphml, "g.graphml");
  // Evidence (dates included) comes back from evidence_data, so first_seen / last_seen too.
  CHECK(graphml.find("<data key=\"e_first_seen\">2024-05-01</data>") != std::string::npos);
  CHECK(to_graphml(back) == graphml);
  CHECK(to_json(back) == to_json(g));
  REQUIRE(boost::num_vertices(back) == boost::num_vertices(g));
  REQUIRE(boost::num_edges(back) == boost::num_edges(g));
  for (std::size_t v = 0; v < boost::num_vertices(g); ++v) {
    CHECK(back[v].id == g[v].id);
    CHECK(back[v].label == g[v].label);
    CHECK(back[v].type == g[v].type);
    CHECK(back[v].aliases == g[v].aliases);
    CHECK(back[v].mentions == g[v].mentions);
    CHECK(back[v].documents == g[v].documents);
    REQUIRE(back[v].attributes.size() == g[v].attributes.size());
    for (std::size_t i = 0; i < g[v].attributes.size(); ++i) {
      CHECK(back[v].attributes[i].key == g[v].attributes[i].key);
      CHECK(back[v].attributes[i].value == g[v].attributes[i].value);
    }
  }
  auto ge = boost::edges(g).first;
  for (auto e : boost::make_iterator_range(boost::edges(back))) {
    const EdgeProperties& a = g[*ge];
    const EdgeProperties& b = back[e];
    CHECK(back[boost::source(e, back)].id == g[boost::source(*ge, g)].id);
    CHECK(back[boost::target(e, back)].id == g[boost::target(*ge, g)].id);
    CHECK(b.relation == a.relation);
    CHECK(b.symmetric == a.symmetric);
    CHECK(b.weight == a.weight);
    REQUIRE(b.evidence.size() == a.evidence.size());
    for (std::size_t i = 0; i < a.evidence.size(); ++i) {
      CHECK(b.evidence[i].document == a.evidence[i].document);
      CHECK(b.evidence[i].sentence == a.evidence[i].sentence);
      CHECK(b.evidence[i].text == a.evidence[i].text);
      CHECK(b.evidence[i].trigger == a.evidence[i].trigger);  // two triggers in one sentence
      CHECK(b.evidence[i].begin == a.evidence[i].begin);      // from "evidence_data"
      CHECK(b.evidence[i].end == a.evidence[i].end);
      CHECK(b.evidence[i].date == a.evidence[i].date);
    }
    ++ge;
  }
  // JSON -> GraphML -> JSON gives the same JSON, byte for byte.
  CHECK(to_json(back) == to_json(g));
}

TEST_CASE("load: GraphML without evidence_data (older files, other tools) reads the lines") {
  const KnowledgeGraph g = load_test_graph();
  std::string graphml = to_graphml(g);
  // Drop every evidence_data value: the evidence comes back from the lines, without offsets.
  for (std::size_t at;
       (at = graphml.find("<data key=\"e_evidence_data\">")) != std::string::npos;) {
    graphml.erase(at, graphml.find("</data>", at) + 7 - at);
  }
  const KnowledgeGraph back = parse_graph(graphml, "old.graphml");
  REQUIRE(boost::num_edges(back) == 2);
  for (auto e : boost::make_iterator_range(boost::edges(back))) {
    REQUIRE(!back[e].evidence.empty());
    CHECK(back[e].evidence[0].begin == 0);
    CHECK(!back[e].evidence[0].trigger.empty());
  }
  // Evidence data that is not a JSON array of evidence objects is ignored in favour of the lines.
  std::string bad = to_graphml(g);
  const std::string open = "<data key=\"e_evidence_data\">";
  const std::size_t at = bad.find(open) + open.size();
  bad.replace(at, bad.find("</data>", at) - at, "[{&quot;document&quot;: 3}]");
  const KnowledgeGraph lines = parse_graph(bad, "bad.graphml");
  CHECK(lines[*boost::edges(lines).first].evidence.size() == 2);
  CHECK(lines[*boost::edges(lines).first].evidence[0].begin == 0);
}

TEST_CASE("load: networkx-style node-link JSON") {
  // As networkx.node_link_data writes a MultiDiGraph with integer ids and keys, plus a
  // graph that uses "edges" and is undirected.
  const KnowledgeGraph g = parse_graph(R"({
    "directed": true, "multigraph": true, "graph": {"name": "nx"},
    "nodes": [{"id": 1, "name": "Alpha", "color": "red", "size": 2.5, "tags": ["x", "y"]},
              {"id": 2, "label": "Beta", "type": "company", "mentions": 3.0}],
    "links": [{"source": 1, "target": 2, "key": 0, "weight": 2.0, "label": "likes"},
              {"source": 2, "target": 3, "key": "owns"},
              {"source": 1, "target": 2, "key": 1, "relation": "invests-in",
               "evidence": [{"document": "d", "sentence": 1}, {"document": "d", "sentence": 1,
                             "trigger": "t"}, {"document": "e", "sentence": 0}]}]})",
                                       "nx.json");
  REQUIRE(boost::num_vertices(g) == 3);
  CHECK(g[boost::graph_bundle].name == "nx");
  CHECK(g[0].id == "1");
  CHECK(g[0].label == "Alpha");  // "name" stands in for a missing label
  CHECK(g[0].type == "unknown");
  REQUIRE(g[0].attributes.size() == 4);
  CHECK(g[0].attributes[0].key == "color");
  CHECK(g[0].attributes[1].key == "name");
  CHECK(g[0].attributes[2].value == "2.5");
  CHECK(g[0].attributes[3].value == R"(["x","y"])");
  CHECK(g[1].label == "Beta");
  CHECK(g[1].mentions == 3);
  CHECK(g[2].id == "3");  // an endpoint that is not listed is added
  CHECK(g[2].type == "unknown");
  std::vector<std::string> relations;
  std::vector<std::size_t> weights;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    relations.push_back(g[e].relation);
    weights.push_back(g[e].weight);
  }
  // In file order; without a weight: the distinct sentences of the evidence, or 1.
  CHECK(relations == std::vector<std::string>{"likes", "owns", "invests-in"});
  CHECK(weights == std::vector<std::size_t>{2, 1, 2});

  const KnowledgeGraph u = parse_graph(
      R"({"directed": false, "nodes": [{"id": "a"}, {"id": "b"}],
          "edges": [{"source": "a", "target": "b"}]})",
      "u.json");
  REQUIRE(boost::num_edges(u) == 1);
  CHECK(u[*boost::edges(u).first].symmetric);
  CHECK(u[*boost::edges(u).first].relation == "related");
}

TEST_CASE("load: generic GraphML (networkx, igraph, yEd style)") {
  const KnowledgeGraph g = parse_graph(
      R"(<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key id="d0" for="node" attr.name="name" attr.type="string"/>
  <key id="d1" for="node" attr.name="kind" attr.type="string"><default>thing</default></key>
  <key id="d2" for="edge" attr.name="weight" attr.type="double"/>
  <key id="d3" for="all" attr.name="type" attr.type="string"/>
  <key id="d4" for="node" attr.name="id" attr.type="string"/>
  <key id="g0" for="graph" attr.name="name" attr.type="string"/>
  <graph edgedefault="undirected">
    <data key="g0">My graph</data>
    <edge source="n0" target="n1"><data key="d2">3</data></edge>
    <node id="n0"><data key="d0">Zero</data><data key="d4">zero</data>
      <data key="y9"><y:ShapeNode><y:Label>ignored</y:Label></y:ShapeNode></data></node>
    <node id="n1"><data key="d1">person</data><data key="d3">person</data></node>
    <edge source="n1" target="n2" directed="true"><data key="d3">knows</data></edge>
    <hyperedge><endpoint node="n0"/></hyperedge>
  </graph>
</graphml>)",
      "g.graphml");
  REQUIRE(boost::num_vertices(g) == 3);
  CHECK(g[boost::graph_bundle].name == "My graph");
  CHECK(g[0].id == "zero");  // igraph keeps the original id in an "id" attribute
  CHECK(g[0].label == "Zero");
  CHECK(g[0].type == "");  // a declared "type" key that the node lacks
  CHECK(g[1].id == "n1");
  CHECK(g[1].type == "person");
  REQUIRE(g[1].attributes.size() == 1);
  CHECK(g[1].attributes[0].key == "kind");
  CHECK(g[1].attributes[0].value == "person");
  CHECK(g[0].attributes[0].value == "thing");  // the key's default
  CHECK(g[2].id == "n2");
  std::vector<std::tuple<std::string, std::string, std::string, bool, std::size_t>> edges;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    edges.emplace_back(g[boost::source(e, g)].id, g[e].relation, g[boost::target(e, g)].id,
                       g[e].symmetric, g[e].weight);
  }
  CHECK(edges.size() == 2);
  CHECK(std::get<0>(edges[0]) == "zero");
  CHECK(std::get<1>(edges[0]) == "related");
  CHECK(std::get<3>(edges[0]) == true);  // undirected by default
  CHECK(std::get<4>(edges[0]) == 3);
  CHECK(std::get<1>(edges[1]) == "knows");  // a "type" key used on an edge
  CHECK(std::get<3>(edges[1]) == false);
}

TEST_CASE("load: malformed inputs throw LoadError naming the file and place") {
  CHECK(load_error("") == "bad.json: empty file, not a graph");
  CHECK(load_error("  \n ") == "bad.json: empty file, not a graph");
  CHECK(load_error("hello").find("not a graph") != std::string::npos);
  CHECK(load_error("{\"nodes\": [}") == "bad.json:1:12: invalid JSON: Invalid value.");
  CHECK(load_error("[]").find("top level is not an object") != std::string::npos);
  CHECK(load_error("{\"links\": []}").find("no \"nodes\" array") != std::string::npos);
  CHECK(load_error("{\"nodes\": []}").find("no \"links\"") != std::string::npos);
  CHECK(load_error("{\"nodes\": {}, \"links\": []}") == "bad.json: nodes: expected an array");
  CHECK(load_error("{\"nodes\": [{}], \"links\": []}") == "bad.json: nodes[0]: missing \"id\"");
  CHECK(load_error("{\"nodes\": [{\"id\": null}], \"links\": []}") ==
        "bad.json: nodes[0].id: expected a string or a number");
  CHECK(load_error("{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"a\"}], \"links\": []}") ==
        "bad.json: nodes[1]: duplicate node id 'a'");
  CHECK(load_error("{\"nodes\": [{\"id\": \"a\", \"mentions\": -1}], \"links\": []}") ==
        "bad.json: nodes[0].mentions: expected a non-negative integer");
  CHECK(load_error("{\"nodes\": [{\"id\": \"a\", \"aliases\": [1, {}]}], \"links\": []}") ==
        "bad.json: nodes[0].aliases[1]: expected a string");
  CHECK(load_error("{\"nodes\": [], \"links\": [{\"target\": \"a\"}]}") ==
        "bad.json: links[0]: missing \"source\"");
  CHECK(load_error("{\"nodes\": [], \"links\": [{\"source\": \"a\", \"target\": \"b\", "
                   "\"weight\": \"x\"}]}") == "bad.json: links[0].weight: expected a number");
  CHECK(load_error("{\"nodes\": [], \"links\": [{\"source\": \"a\", \"target\": \"b\", "
                   "\"evidence\": [{\"document\": \"d\"}]}]}") ==
        "bad.json: links[0].evidence[0]: missing \"sentence\"");
  CHECK(load_error("{\"nodes\": [], \"links\": [{\"source\": \"a\", \"target\": \"b\", "
                   "\"symmetric\": 1}]}") ==
        "bad.json: links[0].symmetric: expected true or false");
  CHECK(load_error("<graphml><graph><node/></graph></graphml>", "g.graphml") ==
        "g.graphml:1:17: <node> without an id");
  CHECK(load_error("<graphml>\n<graph>\n<edge source='a'/></graph></graphml>", "g.graphml") ==
        "g.graphml:3:1: <edge> without a target");
  CHECK(load_error("<graphml/>", "g.graphml") == "g.graphml: no <graph> element");
  CHECK(load_error("<svg/>", "g.graphml") ==
        "g.graphml:1:1: not a GraphML file: the root element is <svg>");
  CHECK(load_error("<graphml><key id='m' for='node' attr.name='mentions'/><graph><node id='a'>"
                   "<data key='m'>many</data></node></graph></graphml>",
                   "g.graphml") ==
        "g.graphml:1:75: mentions: expected a non-negative number, got 'many'");
  CHECK(load_error("<graphml><graph><node id='a'/><node id='a'/></graph></graphml>", "g.graphml") ==
        "g.graphml:1:31: duplicate node id 'a'");
  CHECK(load_error("<graphml><graph>\n<node id='a'>\n</graph></graphml>", "g.graphml") ==
        "g.graphml:3:1: invalid XML: </graph> does not match <node> (line 2)");
  std::string deep_json;
  for (int i = 0; i < 200000; ++i) deep_json += '[';
  CHECK(load_error("{\"nodes\": " + deep_json).find("bad.json:1:") == 0);
  CHECK_THROWS_AS(load_graph("/nonexistent/graph.json"), LoadError);
}

TEST_CASE("load: every truncation of a valid file either loads or throws LoadError") {
  const KnowledgeGraph g = load_test_graph();
  for (const std::string& text : {to_json(g), to_graphml(g)}) {
    std::size_t loaded = 0, failed = 0;
    for (std::size_t n = 0; n < text.size(); ++n) {
      try {
        parse_graph(std::string_view(text).substr(0, n), "cut");
        ++loaded;
      } catch (const LoadError&) {
        ++failed;
      }
    }
    CHECK(failed > 0);
    CHECK(loaded + failed == text.size());
  }
  // Single-byte corruptions, too.
  const std::string json = to_json(g);
  for (std::size_t i = 0; i < json.size(); i += 7) {
    for (char c : {'"', '{', ']', '\0', '\xFF', ','}) {
      std::string bad = json;
      bad[i] = c;
      try {
        parse_graph(bad, "bad");
      } catch (const LoadError&) {
      }
    }
  }
}

// ---- Binary graph and cache ----

namespace {

std::string to_binary(const KnowledgeGraph& g, std::optional<SourceStamp> source = {}) {
  std::ostringstream out;
  write_binary_graph(g, out, source);
  return out.str();
}

// A fresh directory under the system's temporary directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("relgraph_load_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Puts a 64-bit little-endian word at byte `at` and recomputes the checksum, so that only the
// structural checks can catch the change.
std::string with_word(std::string bytes, std::size_t at, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) bytes[at + i] = static_cast<char>((value >> (8 * i)) & 0xFF);
  const std::uint64_t sum =
      binary_format::checksum(std::string_view(bytes).substr(binary_format::kHeaderBytes));
  for (int i = 0; i < 8; ++i) {
    bytes[binary_format::kChecksum * 8 + i] = static_cast<char>((sum >> (8 * i)) & 0xFF);
  }
  return bytes;
}

std::uint64_t word(const std::string& bytes, std::size_t index) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(bytes[index * 8 + i]);
  return v;
}

}  // namespace

TEST_CASE("binary graph: loads back to exactly the graph written") {
  const KnowledgeGraph g = load_test_graph();
  const std::string bytes = to_binary(g);
  CHECK(bytes.substr(0, 8) == "RGXGRAPH");
  const KnowledgeGraph back = parse_graph(bytes, "g.rgx");
  CHECK(to_json(back) == to_json(g));
  CHECK(to_graphml(back) == to_graphml(g));
  CHECK(to_binary(back) == bytes);  // deterministic
  CHECK(to_json(parse_graph(bytes, "g.rgx", LoadFormat::binary)) == to_json(g));
  // Strings are stored byte for byte: invalid UTF-8 is not repaired on the way through.
  KnowledgeGraph odd = load_test_graph();
  odd[0].label = std::string("bad \xFF\xED\xA0\x80 bytes\x01", 15);
  CHECK(parse_graph(to_binary(odd), "odd.rgx")[0].label == odd[0].label);
  // An empty graph.
  const KnowledgeGraph empty;
  CHECK(boost::num_vertices(parse_graph(to_binary(empty), "empty.rgx")) == 0);
}

TEST_CASE("binary graph: corrupt, truncated or foreign files throw LoadError") {
  const std::string bytes = to_binary(load_test_graph());
  CHECK(load_error(bytes.substr(0, 100), "g.rgx") ==
        "g.rgx: corrupt binary graph: truncated header");
  CHECK(load_error(bytes.substr(0, bytes.size() - 8), "g.rgx").find("the header gives") !=
        std::string::npos);
  std::string flipped = bytes;
  flipped[bytes.size() - 20] ^= 0x10;
  CHECK(load_error(flipped, "g.rgx") == "g.rgx: corrupt binary graph: checksum mismatch");
  CHECK(load_error(with_word(bytes, 8, 99), "g.rgx").find("version 99 is not supported") !=
        std::string::npos);
  // Structural damage with a valid checksum: every index is checked.
  using namespace binary_format;
  const std::uint64_t strings = word(bytes, kStringCount);
  const std::size_t nodes_at =
      kHeaderBytes + (strings + 1) * 8 + ((word(bytes, kStringBytes) + 7) / 8) * 8;
  const std::size_t edges_at = nodes_at + word(bytes, kNodeCount) * kNodeWords * 8 +
                               word(bytes, kListCount) * 8 +
                               word(bytes, kAttributeCount) * kAttributeWords * 8;
  CHECK(load_error(with_word(bytes, nodes_at, strings), "g.rgx") ==
        "g.rgx: corrupt binary graph: bad string index in a node");
  CHECK(load_error(with_word(bytes, nodes_at + 5 * 8, 1000), "g.rgx") ==
        "g.rgx: corrupt binary graph: bad range of aliases");
  CHECK(load_error(with_word(bytes, edges_at, 3), "g.rgx") ==
        "g.rgx: corrupt binary graph: edge 0 has an endpoint out of range");
  CHECK(load_error(with_word(bytes, edges_at + 6 * 8, ~0ULL), "g.rgx") ==
        "g.rgx: corrupt binary graph: bad range of evidence");
  CHECK(load_error(with_word(bytes, kNodeCount * 8, ~0ULL / 2), "g.rgx") ==
        "g.rgx: corrupt binary graph: truncated nodes");
  CHECK(load_error(with_word(bytes, kHeaderBytes + 8, 1u << 30), "g.rgx").find("out of order") !=
        std::string::npos);
  // A string count whose offsets cannot fit, and one whose count + 1 wraps around to 0 (found
  // by fuzz_load_binary: the offsets were then read past the end).
  CHECK(load_error(with_word(bytes, kStringCount * 8, bytes.size() / 8), "g.rgx") ==
        "g.rgx: corrupt binary graph: truncated string offsets");
  CHECK(load_error(with_word(bytes, kStringCount * 8, ~0ULL), "g.rgx") ==
        "g.rgx: corrupt binary graph: truncated string offsets");
  // Every truncation and many single-byte changes fail cleanly.
  for (std::size_t n = 0; n < bytes.size(); n += 3) {
    CHECK_THROWS_AS(parse_graph(std::string_view(bytes).substr(0, n), "cut.rgx"), LoadError);
  }
  for (std::size_t i = kHeaderBytes; i < bytes.size(); i += 5) {
    std::string bad = bytes;
    bad[i] = static_cast<char>(bad[i] ^ 0x41);
    CHECK_THROWS_AS(parse_graph(bad, "bad.rgx"), LoadError);
  }
}

TEST_CASE("cache: a fresh PATH.rgx is read instead of PATH, a stale or corrupt one is not") {
  const TempDir dir;
  const KnowledgeGraph g = load_test_graph();
  const std::string json_path = dir.file("g.json"), cache = cache_path_for(json_path);
  CHECK(cache == json_path + ".rgx");
  write_file(json_path, to_json(g));

  // No cache: the source.
  auto file = open_graph(json_path);
  CHECK(file->read_from == json_path);
  CHECK(file->notes.empty());
  CHECK(to_json(file->graph) == to_json(g));

  // A fresh cache is used, and answers exactly like the source.
  write_file(cache, to_binary(g, stamp_file(json_path)));
  file = open_graph(json_path);
  CHECK(file->read_from == cache);
  CHECK(file->notes.empty());
  CHECK(to_json(file->graph) == to_json(g));
  LoadOptions no_cache;
  no_cache.use_cache = false;
  CHECK(open_graph(json_path, no_cache)->read_from == json_path);

  // A binary graph that records no source is not a cache.
  write_file(cache, to_binary(g));
  file = open_graph(json_path);
  CHECK(file->read_from == json_path);
  REQUIRE(file->notes.size() == 1);

  // Stale: the source changed after the cache was made (another size and time).
  write_file(cache, to_binary(g, stamp_file(json_path)));
  KnowledgeGraph changed = load_test_graph();
  changed[0].label = "Changed";
  write_file(json_path, to_json(changed));
  file = open_graph(json_path);
  CHECK(file->read_from == json_path);
  CHECK(file->graph[0].label == "Changed");
  REQUIRE(file->notes.size() == 1);
  CHECK(file->notes[0].find("stale") != std::string::npos);

  // Same size and time but other content: the sampled hash tells them apart.
  SourceStamp stamp = stamp_file(json_path);
  stamp.sample_hash ^= 1;
  write_file(cache, to_binary(g, stamp));
  CHECK(open_graph(json_path)->graph[0].label == "Changed");

  // Corrupt: noted and ignored.
  std::string bytes = to_binary(g, stamp_file(json_path));
  bytes[bytes.size() - 3] ^= 0x01;
  write_file(cache, bytes);
  file = open_graph(json_path);
  CHECK(file->read_from == json_path);
  CHECK(file->graph[0].label == "Changed");
  REQUIRE(file->notes.size() == 1);
  CHECK(file->notes[0].find("checksum mismatch") != std::string::npos);
}

TEST_CASE("cache: deferred evidence is filled in on demand and equals the full load") {
  const TempDir dir;
  const KnowledgeGraph g = load_test_graph();
  const std::string path = dir.file("g.rgx");
  write_file(path, to_binary(g));
  LoadOptions options;
  options.defer_evidence = true;
  auto file = open_graph(path, options);
  CHECK(file->evidence_deferred());
  std::vector<boost::graph_traits<KnowledgeGraph>::edge_descriptor> all;
  for (auto e : boost::make_iterator_range(boost::edges(file->graph))) {
    CHECK(file->graph[e].evidence.empty());
    CHECK(file->graph[e].weight > 0);  // weights are there without the evidence
    all.push_back(e);
  }
  file->materialise_evidence({all[1]});
  CHECK(file->graph[all[0]].evidence.empty());
  CHECK(file->graph[all[1]].evidence.size() == 2);
  file->materialise_all_evidence();
  CHECK(!file->evidence_deferred());
  CHECK(to_json(file->graph) == to_json(g));
  // Without deferring, everything is there at once.
  CHECK(to_json(open_graph(path)->graph) == to_json(g));
}

TEST_CASE("load: deeply nested JSON values and XML give a clear error, not a stack overflow") {
  std::string deep(1'000'000, '[');
  deep += std::string(1'000'000, ']');
  CHECK(load_error("{\"nodes\": [{\"id\": \"a\", \"x\": " + deep + "}], \"links\": []}") ==
        "bad.json: nodes[0].x: value nested more than 64 levels deep");
  CHECK(load_error("{\"nodes\": [{\"id\": " + deep + "}], \"links\": []}") ==
        "bad.json: nodes[0].id: value nested more than 64 levels deep");
  CHECK(load_error("{\"nodes\": [{\"id\": \"a\", \"attributes\": {\"k\": " + deep +
                   "}}], \"links\": []}") ==
        "bad.json: nodes[0].attributes.k: value nested more than 64 levels deep");
  CHECK(load_error(deep).find("top level is not an object") != std::string::npos);
  std::string xml = "<graphml>";
  for (int i = 0; i < 1'000'000; ++i) xml += "<a>";
  CHECK(load_error(xml, "deep.graphml").find("nested too deeply") != std::string::npos);
}
