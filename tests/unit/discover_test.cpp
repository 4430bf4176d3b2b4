// Tests of src/discover (people no rule lists) with the starter pack: which names are found and
// which are not, their later mentions, and how they go through relate into the graph.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "discover/discover.h"
#include "graph/graph_builder.h"
#include "normalise/normalise.h"
#include "pipeline/extractor.h"
#include "rules/rule_parser.h"
#include "segment/segment.h"

using namespace relgraph;

namespace {

const RuleSet& starter_rules() {
  static const RuleSet rules = [] {
    Diagnostics diags;
    RuleSet r = load_rules(builtin_rules(), diags);
    REQUIRE(diags.error_count() == 0);
    return r;
  }();
  return rules;
}

struct Found {
  std::set<std::string> ids;
  std::vector<std::string> mentions;  // "text=label", in text order
};

Found discover(std::string_view original) {
  static const std::shared_ptr<const Matcher> matcher = Matcher::compile(starter_rules());
  static const std::shared_ptr<const EntityDiscoverer> discoverer =
      EntityDiscoverer::compile(starter_rules());
  const NormalisedText text = normalise(original);
  const std::vector<Sentence> sentences = split_sentences(text.text);
  const std::vector<Mention> known = matcher->find(text.text);
  const auto base = static_cast<std::uint32_t>(matcher->entities().size());
  const Discoveries d = discoverer->find(text.text, sentences, known, base);
  Found out;
  for (const DiscoveredEntity& e : d.entities) {
    CHECK(e.type == "person");
    CHECK(e.id == discovered_id("person", e.label));
    out.ids.insert(e.id);
  }
  for (const Mention& m : d.mentions) {
    REQUIRE(m.entity >= base);
    REQUIRE(m.entity - base < d.entities.size());
    // Never over a rule mention.
    for (const Mention& k : known) CHECK((k.end <= m.begin || m.end <= k.begin));
    out.mentions.push_back(text.text.substr(m.begin, m.end - m.begin) + "=" +
                           d.entities[m.entity - base].label);
  }
  return out;
}

const Extractor& starter_extractor() {
  static const Extractor extractor(starter_rules());
  return extractor;
}

std::set<std::string> facts(std::string_view text) {
  std::set<std::string> out;
  for (const Fact& f : starter_extractor().extract(text, "t.txt").facts)
    out.insert(f.source + " " + f.relation + " " + f.target);
  return out;
}

}  // namespace

TEST_CASE("discover: a Korean name before a title, with its party or office between") {
  Found f = discover("오기형 더불어민주당 의원은 쿠팡을 질타했다. 오 의원은 다시 말했다.");
  CHECK(f.ids == std::set<std::string>{"person:오기형"});
  CHECK(f.mentions == std::vector<std::string>{"오기형=오기형", "오=오기형"});
  // The title glued to the office it heads; a company between name and title.
  CHECK(discover("박정훈 금융감독원장은 이날 출석했다.").ids ==
        std::set<std::string>{"person:박정훈"});
  CHECK(discover("김성훈 업스테이지 대표는 말했다. 김성훈은 웃었다.").mentions ==
        std::vector<std::string>{"김성훈=김성훈", "김성훈=김성훈"});
  // A four-syllable name with a two-syllable surname.
  CHECK(discover("남궁민수 회장은 말했다.").ids == std::set<std::string>{"person:남궁민수"});
}

TEST_CASE("discover: words shaped like names are not people") {
  // The name ends in a particle or a verb ending: 기지로, 구호만, 방문해.
  CHECK(discover("공장을 조립 기지로 전락시켰다\"고 오르반 총리도 비판했다.").ids.empty());
  CHECK(discover("정책이 구호만 요란한 대표 사례다.").ids.empty());
  CHECK(discover("한국을 방문해 국내 대표 반도체 기업과 만났다.").ids.empty());
  // Two syllables, an office (기재부), a nameless actor, a known person.
  CHECK(discover("이날 국회 의원은 말했다.").ids.empty());
  CHECK(discover("기재부 장관은 말했다.").ids.empty());
  CHECK(discover("전문가 출신 의원은 말했다.").ids.empty());
  CHECK(discover("이재명 대통령은 말했다.").ids.empty());
  // No title after the name.
  CHECK(discover("오기형은 쿠팡을 질타했다.").ids.empty());
}

TEST_CASE("discover: an English title and a capitalised name, then the family name") {
  Found f = discover(
      "Sen. Raphael Warnock, a Georgia Democrat, criticized the raid. Warnock said it hurt "
      "investment.");
  CHECK(f.ids == std::set<std::string>{"person:Raphael Warnock"});
  CHECK(f.mentions ==
        std::vector<std::string>{"Raphael Warnock=Raphael Warnock", "Warnock=Raphael Warnock"});
  CHECK(discover("Dutch Economic Affairs Minister Vincent Karremans accused Wingtech.").ids ==
        std::set<std::string>{"person:Vincent Karremans"});
  // Known people, titles and capitalised words that are not names.
  CHECK(discover("Chief Executive Officer Jensen Huang said so.").ids.empty());
  CHECK(discover("Secretary of State Marco Rubio said so.").ids.empty());
  CHECK(discover("The Minister said so. President Trump agreed.").ids.empty());
  // A family name inside another name is not the person.
  Found g = discover("Representative Jane Fain spoke. Fain Industries and Bob Fain did not.");
  CHECK(g.mentions == std::vector<std::string>{"Jane Fain=Jane Fain"});
}

TEST_CASE("discover: a discovered person is a node of their own, with edges") {
  const std::set<std::string> f = facts("오기형 더불어민주당 의원은 쿠팡을 강하게 비판했다.");
  CHECK(f == std::set<std::string>{"person:오기형 criticises coupang"});
  const DocumentExtraction d =
      starter_extractor().extract("오기형 더불어민주당 의원은 쿠팡을 강하게 비판했다.", "t.txt");
  CHECK(std::count_if(d.mentions.begin(), d.mentions.end(),
                      [](const MentionCount& m) { return m.entity == "person:오기형"; }) == 1);
  GraphBuilder builder(starter_rules());
  builder.add(d);
  const KnowledgeGraph g = builder.build();
  bool seen = false;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].id != "person:오기형") continue;
    seen = true;
    CHECK(g[v].label == "오기형");
    CHECK(g[v].type == "person");
    REQUIRE(g[v].attributes.size() == 1);
    CHECK(g[v].attributes[0].key == "discovered");
    CHECK(g[v].attributes[0].value == "yes");
  }
  CHECK(seen);
}

TEST_CASE("discover: ids") {
  std::string type, label;
  CHECK(parse_discovered_id("person:Raphael Warnock", type, label));
  CHECK(type == "person");
  CHECK(label == "Raphael Warnock");
  CHECK_FALSE(parse_discovered_id("person:", type, label));
  CHECK_FALSE(parse_discovered_id("elon-musk", type, label));
  CHECK_FALSE(parse_discovered_id("company:x", type, label));
}
