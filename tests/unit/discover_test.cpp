// Tests of src/discover (people and companies no rule lists) with the starter pack: which names
// are found and which are not, their later mentions, and how they go through relate into the
// graph.
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
    CHECK(e.type == (e.company ? "company" : "person"));
    CHECK(e.id == discovered_id(e.type, e.label));
    out.ids.insert(e.id);
  }
  for (const Mention& m : d.mentions) {
    REQUIRE(m.entity >= base);
    REQUIRE(m.entity - base < d.entities.size());
    // Never over a rule mention, but a company's may cover a rule company's.
    for (const Mention& k : known) {
      const bool apart = k.end <= m.begin || m.end <= k.begin;
      const bool covers = d.entities[m.entity - base].company && m.begin <= k.begin &&
                          k.end <= m.end && m.end - m.begin > k.end - k.begin;
      CHECK((apart || covers));
    }
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
  // A family name inside another name is not the person (Fain Industries is a company).
  Found g = discover("Representative Jane Fain spoke. Fain Industries and Bob Fain did not.");
  CHECK(g.mentions ==
        std::vector<std::string>{"Jane Fain=Jane Fain", "Fain Industries=Fain Industries"});
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
  CHECK(parse_discovered_id("company:HL-GA Battery Company", type, label));
  CHECK(type == "company");
  CHECK(label == "HL-GA Battery Company");
  CHECK_FALSE(parse_discovered_id("company:", type, label));
  CHECK_FALSE(parse_discovered_id("country:x", type, label));
}

TEST_CASE("discover: a Korean company from its suffix or a company noun before it") {
  // A borrowed corporate suffix glued to the name; its later mentions with a particle.
  Found f = discover("합작법인 누리온홀딩스는 상장했다. 누리온홀딩스와 손잡았다.");
  CHECK(f.ids == std::set<std::string>{"company:누리온홀딩스"});
  CHECK(f.mentions ==
        std::vector<std::string>{"누리온홀딩스=누리온홀딩스", "누리온홀딩스=누리온홀딩스"});
  // The suffix as a word after a rule company's name takes it in, with a particle; without
  // one it names a division ("로보틱스 담당").
  CHECK(discover("카이는 에어버스 헬리콥터스와 협약했다.").ids ==
        std::set<std::string>{"company:에어버스 헬리콥터스"});
  CHECK(discover("엔비디아 로보틱스 담당 부사장은 말했다.").ids.empty());
  // A borrowed-looking name after a company noun.
  CHECK(discover("일본은 호주 희토류 기업 벨로나스에 출자했다.").ids ==
        std::set<std::string>{"company:벨로나스"});
  CHECK(discover("현대로템은 국영 방산업체 부마르와 계약했다.").ids ==
        std::set<std::string>{"company:부마르"});
  // A borrowed-looking name before what only a company has (a stake, a share price).
  CHECK(discover("두산로보틱스는 로보티즈 지분 15%를 인수했다.").ids ==
        std::set<std::string>{"company:로보티즈"});
  CHECK(discover("로보티즈의 주가는 올랐다.").ids == std::set<std::string>{"company:로보티즈"});
  CHECK(discover("정부 지분을 팔았다. 펀드 지분도 팔았다.").ids.empty());
  // Not: a Sino-Korean noun, a borrowed common noun, a word without a particle.
  CHECK(discover("국내 기업 경쟁력을 높였다.").ids.empty());
  CHECK(discover("국내 기업 브랜드를 알렸다.").ids.empty());
  CHECK(discover("해외 기업 벨로나스 측과 만났다.").ids.empty());
  CHECK(discover("글로벌 빅파마와 계약했다.").ids.empty());
  // 이 and 나 end the name rather than open a stack of particles ("이는", "나는" are none);
  // one particle made of them still splits ("이나").
  CHECK(discover("바이오 스타트업 프로티나는 상장했다.").ids ==
        std::set<std::string>{"company:프로티나"});
  CHECK(discover("위성 기업 솔트렉아이는 상장했다.").ids ==
        std::set<std::string>{"company:솔트렉아이"});
  CHECK(discover("위성 기업 솔트렉이나 다른 곳과 계약했다.").ids ==
        std::set<std::string>{"company:솔트렉"});
  // A company noun that ends like a suffix is no name ("벤처캐피털").
  CHECK(discover("미국 벤처캐피털 굿리버캐피탈과 손잡았다.").ids ==
        std::set<std::string>{"company:굿리버캐피탈"});
}

TEST_CASE("discover: a bare name after a venture noun, a two-word name before a stake") {
  // A bare borrowed-looking name after a venture or subsidiary noun, named again in the text.
  CHECK(discover("포스코퓨처엠은 캐나다 합작사 벨로캠 증자를 결정했다. 벨로캠은 공장을 "
                 "짓는다.")
            .ids == std::set<std::string>{"company:벨로캠"});
  // Named once only, or after a plain company noun ("주요 기업 휴머노이드 개발"): no name.
  CHECK(discover("포스코퓨처엠은 캐나다 합작사 벨로캠 증자를 결정했다.").ids.empty());
  CHECK(discover("국내 주요 기업 휴머노이드 개발 현황. 두산은 휴머노이드를 만든다.").ids.empty());
  // Two words after a company noun, the second with a particle, then a stake: both words.
  Found f = discover(
      "크래프톤이 게임 개발사 노틸러스 모바일의 지분을 사들였다. 노틸러스 모바일은 "
      "성장했다.");
  CHECK(f.ids == std::set<std::string>{"company:노틸러스 모바일"});
  CHECK(f.mentions == std::vector<std::string>{"노틸러스 모바일=노틸러스 모바일",
                                               "노틸러스 모바일=노틸러스 모바일"});
  // Nothing only a company has after them: no name.
  CHECK(discover("크래프톤이 게임 개발사 노틸러스 모바일의 신작을 냈다. 노틸러스 모바일은 "
                 "성장했다.")
            .ids.empty());
}

TEST_CASE("discover: an English company up to its corporate head") {
  Found f = discover(
      "The two firms will put $2 billion into Vexcor Battery Company, their joint venture. "
      "Vexcor said output would double.");
  CHECK(f.ids == std::set<std::string>{"company:Vexcor Battery Company"});
  CHECK(f.mentions == std::vector<std::string>{"Vexcor Battery Company=Vexcor Battery Company",
                                               "Vexcor=Vexcor Battery Company"});
  // An abbreviation after the name is left out of it.
  CHECK(discover("Shares of Lynex Corp. rose.").ids == std::set<std::string>{"company:Lynex"});
  // A rule company with a head or an abbreviation after it is the rule company.
  CHECK(discover("Hyundai Motor Company said so.").ids.empty());
  CHECK(discover("Samsung Electronics Co. said so.").ids.empty());
  CHECK(discover("Nvidia Corp. said so.").ids.empty());
  CHECK(discover("Honda Motor Co. said so.").ids.empty());
  CHECK(discover("Kestrel Motor Co. said so.").ids ==
        std::set<std::string>{"company:Kestrel Motor"});
  // The head inside a longer name (a headline's capitals too), a title, a country.
  CHECK(discover("the Semiconductor Industry Association said so.").ids.empty());
  CHECK(discover("Vexcor Battery Company Shares Rise").ids.empty());
  CHECK(discover("Korea Battery Company said so.").ids.empty());
}

TEST_CASE("discover: an English company a description names") {
  // A kind of firm in lower case before the name, or heading an apposition after it.
  CHECK(discover("Busan-based battery maker Korvex said sales rose.").ids ==
        std::set<std::string>{"company:Korvex"});
  CHECK(discover("Velmora Foods, the maker of frozen dumplings, said sales rose.").ids ==
        std::set<std::string>{"company:Velmora Foods"});
  CHECK(
      discover("Drane Signal, an EV charger maker in which SK Inc. holds a stake, said so.").ids ==
      std::set<std::string>{"company:Drane Signal"});
  CHECK(discover("It told local newspaper Tien Phong so.").ids ==
        std::set<std::string>{"company:Tien Phong"});
  CHECK(discover("It sold its stake in frozen food maker Brenner's Company last year.").ids ==
        std::set<std::string>{"company:Brenner's Company"});
  // A name after a country's possessive: after a partner's preposition, or with a head or a
  // capital inside a word.
  CHECK(discover("It signed a pact with Vietnam's Talora to sell soju.").ids ==
        std::set<std::string>{"company:Talora"});
  CHECK(discover("Australia's SteelVane posted lower profit.").ids ==
        std::set<std::string>{"company:SteelVane"});
  // Not a person, an official, a place or a government body.
  CHECK(discover("Park Min-jae, a company spokesman, said so.").ids ==
        std::set<std::string>{"person:Park Min-jae"});
  CHECK(discover("Torben Smith, a longtime critic of the company, said so.").ids.empty());
  CHECK(discover("The plant will be built in India's Odisha state.").ids.empty());
  CHECK(discover("Japan's Takaichi said so.").ids.empty());
  CHECK(discover("China's Commerce Ministry said so.").ids.empty());
  CHECK(discover("The company Monday said so.").ids.empty());
}

TEST_CASE("discover: an English name with a capital inside a word is a company") {
  CHECK(discover("Shares of VelaTek Systems rose.").ids ==
        std::set<std::string>{"company:VelaTek Systems"});
  CHECK(discover("It said ZuLin BioWorks had misled regulators.").ids ==
        std::set<std::string>{"company:ZuLin BioWorks"});
  // A family name's prefix is no inner capital.
  CHECK(discover("Senator McAllister said so.").ids.empty());
  CHECK(discover("Governor DeLuca said so.").ids.empty());
}

TEST_CASE("discover: a Korean name in Latin letters needs no title") {
  Found f = discover("Seo Min-ha, head of a trade group, criticized the plan. Seo said so.");
  CHECK(f.ids == std::set<std::string>{"person:Seo Min-ha"});
  CHECK(f.mentions == std::vector<std::string>{"Seo Min-ha=Seo Min-ha", "Seo=Seo Min-ha"});
  // Not a family name of the list, or no hyphenated given name.
  CHECK(discover("Rosa Mae-lin said so.").ids.empty());
  CHECK(discover("Kim Jungsoo said so.").ids.empty());
  CHECK(discover("Kim Tech-Lab said so.").ids.empty());
  CHECK(facts("Seo Min-ha, chairman of a trade group, criticized the United States.") ==
        std::set<std::string>{"person:Seo Min-ha criticises united-states"});
}

TEST_CASE("discover: a company's name covers a rule company's, and takes its edges") {
  // "Hanwha" (a rule company) inside a name of its own: the discovered company takes the edge.
  CHECK(facts("Korea Development Bank will invest $1 billion in Hanwha Drava Shipyard.") ==
        std::set<std::string>{"korea-development-bank invests-in company:Hanwha Drava Shipyard"});
  // ("inject ... into": an investment.)
  CHECK(facts("Nordvik Motors will inject $2 billion into Velora Battery Company.") ==
        std::set<std::string>{"company:Nordvik Motors invests-in company:Velora Battery Company"});
  CHECK(facts("이마트는 합작법인 누리온홀딩스에 5천억원을 출자했다.") ==
        std::set<std::string>{"emart invests-in company:누리온홀딩스"});
}

TEST_CASE("discover: a surname and a title name the person of that surname named last") {
  // 김정관 (a rule person) is named after 김태수 (found here): "김 장관" is 김정관, and the
  // surname-title anaphor after "이준석 대표는" restates no list.
  const std::string text =
      "김태수 더불어민주당 의원은 법안을 발의했다. 김정관 산업통상부 장관은 협상에 나섰다. "
      "이준석 대표는 김 장관을 강하게 비판했다.";
  CHECK(facts(text) == std::set<std::string>{"lee-jun-seok criticises kim-jung-kwan"});
  // With no rule person between, the one found here.
  CHECK(facts("김태수 더불어민주당 의원은 법안을 발의했다. 이준석 대표는 김 의원을 강하게 "
              "비판했다.") == std::set<std::string>{"lee-jun-seok criticises person:김태수"});
}

TEST_CASE("discover: a foreign name in Hangul before a country, an office and a title") {
  // With the country (its mention may hold the office) and without one, opening a clause.
  CHECK(discover("마리야 나자로바 러시아 외무부 대변인은 말했다.").ids ==
        std::set<std::string>{"person:마리야 나자로바"});
  CHECK(discover("톈하오 중국 외교부 대변인은 말했다.").ids ==
        std::set<std::string>{"person:톈하오"});
  CHECK(discover("존 펠트먼 미 해군장관은 말했다.").ids ==
        std::set<std::string>{"person:존 펠트먼"});
  CHECK(discover("러시아는 반발했다. 마리야 나자로바 외무부 대변인도 비난했다.").ids ==
        std::set<std::string>{"person:마리야 나자로바"});
  CHECK(discover("헝가리 야당 티서당의 머저르 페테르 대표는 말했다.").ids ==
        std::set<std::string>{"person:머저르 페테르"});
  // Its later mentions: a word of the name and a title.
  CHECK(discover("마리야 나자로바 러시아 외무부 대변인은 말했다. 나자로바 대변인은 덧붙였다.")
            .mentions ==
        std::vector<std::string>{"마리야 나자로바=마리야 나자로바", "나자로바=마리야 나자로바"});
  // Not: times and connectives before the country, a party and an office, a Korean name.
  CHECK(discover("이날 오후 중국 외교부 대변인은 말했다.").ids.empty());
  CHECK(discover("또 중국 외교부 대변인은 말했다.").ids.empty());
  CHECK(discover("여당 더불어민주당 의원은 말했다.").ids.empty());
  CHECK(discover("오기형 더불어민주당 의원은 말했다.").ids ==
        std::set<std::string>{"person:오기형"});
}
