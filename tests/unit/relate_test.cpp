// Tests of src/relate through the Extractor (normalise -> segment -> match -> relate) with the
// starter pack: short sentences and the exact facts they must give, and the evidence offsets.
#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "normalise/normalise.h"
#include "pipeline/extractor.h"
#include "relate/relate.h"
#include "rules/rule_parser.h"
#include "segment/segment.h"
#include "unicode/utf8.h"

using namespace relgraph;

namespace {

const Extractor& starter_extractor() {
  static const Extractor extractor = [] {
    Diagnostics diags;
    const RuleSet rules = load_rules(builtin_rules(), diags);
    REQUIRE(diags.error_count() == 0);
    return Extractor(rules);
  }();
  return extractor;
}

// The distinct facts of `text` as "source relation target", sorted, joined by "; ".
std::string facts(std::string_view text) {
  const DocumentExtraction d = starter_extractor().extract(text, "t.txt");
  std::set<std::string> distinct;
  for (const Fact& f : d.facts) distinct.insert(f.source + " " + f.relation + " " + f.target);
  std::string out;
  for (const std::string& f : distinct) {
    if (!out.empty()) out += "; ";
    out += f;
  }
  return out;
}

struct Case {
  const char* text;
  const char* expected;  // facts(text), or "" for none
};

void check_cases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    INFO("sentence: ", std::string(c.text));
    CHECK(facts(c.text) == std::string(c.expected));
  }
}

}  // namespace

TEST_CASE("relate: coordinated subjects each take the relation") {
  check_cases({
      {"엔비디아, 마이크로소프트, 구글이 오픈AI에 투자했다.",
       "google invests-in openai; microsoft invests-in openai; nvidia invests-in openai"},
      {"엔비디아와 마이크로소프트가 오픈AI에 투자했다.",
       "microsoft invests-in openai; nvidia invests-in openai"},
      {"삼성전자와 SK하이닉스, TSMC는 미국에 투자를 늘리기로 했다.",
       "samsung-electronics invests-in united-states; sk-hynix invests-in united-states; "
       "tsmc invests-in united-states"},
      // Investing separately does not make the investors partners.
      {"아마존과 오라클은 각각 사우디아라비아에 투자했다.",
       "amazon invests-in saudi-arabia; oracle invests-in saudi-arabia"},
      {"Nvidia and Microsoft invested in OpenAI.",
       "microsoft invests-in openai; nvidia invests-in openai"},
      {"삼성전자·SK하이닉스는 미국에 투자했다.",
       "samsung-electronics invests-in united-states; sk-hynix invests-in united-states"},
      {"삼성전자 및 SK하이닉스는 미국에 투자했다.",
       "samsung-electronics invests-in united-states; sk-hynix invests-in united-states"},
  });
}

TEST_CASE("relate: coordinated objects are not related to each other") {
  check_cases({
      {"삼성전자는 구글 및 아마존과 업무협약을 맺었다.",
       "amazon partners-with samsung-electronics; google partners-with samsung-electronics"},
      {"삼성전자는 구글, 아마존과 협력한다.",
       "amazon partners-with samsung-electronics; google partners-with samsung-electronics"},
      {"중국은 미국과 일본을 비판했다.", "china criticises japan; china criticises united-states"},
      {"Trump slammed China and India.",
       "donald-trump criticises china; donald-trump criticises india"},
  });
}

TEST_CASE("relate: particles decide the direction") {
  check_cases({
      {"삼성전자는 엔비디아에 투자했다.", "samsung-electronics invests-in nvidia"},
      {"엔비디아는 삼성전자에 투자했다.", "nvidia invests-in samsung-electronics"},
      {"삼성전자가 엔비디아에 10조원을 투자한다.", "samsung-electronics invests-in nvidia"},
      {"삼성전자는 엔비디아를 인수했다.", "samsung-electronics invests-in nvidia"},
      {"소프트뱅크는 인텔 지분 10%를 사들였다.", "softbank invests-in intel"},
      {"소프트뱅크는 인텔의 지분을 인수했다.", "softbank invests-in intel"},
      {"현대차는 베트남 공장에 1조원을 투자했다.", "hyundai-motor invests-in vietnam"},
      {"삼성전자는 미국 텍사스주 공장에 20조원을 추가 투자한다.",
       "samsung-electronics invests-in united-states"},
      {"Nvidia invested in OpenAI.", "nvidia invests-in openai"},
      {"Microsoft will invest $5 billion in Anthropic.", "microsoft invests-in anthropic"},
      {"SoftBank acquired Arm.", "softbank invests-in arm"},
  });
}

TEST_CASE("relate: a particle spaced off its name still gives the role") {
  check_cases({
      {"엔비디아 는 삼성전자 에 투자했다.", "nvidia invests-in samsung-electronics"},
      {"삼성전자 에게서 엔비디아 가 투자를 받았다.", "samsung-electronics invests-in nvidia"},
  });
}

TEST_CASE("relate: a surname and a title name the person mentioned before") {
  check_cases({
      // (Another subject in between, so that no topic carries over instead.)
      {"이재명 대통령은 서울에 도착했다. 삼성전자는 공장을 지었다. 이 대통령은 인텔에 투자했다.",
       "lee-jae-myung invests-in intel"},
      {"마크 카니 총리는 오타와에 도착했다. 삼성전자는 공장을 지었다. 카니 총리는 인텔에 "
       "투자했다.",
       "mark-carney invests-in intel"},
  });
}

TEST_CASE("relate: group anaphors name the companies listed or named before") {
  // (Another subject in between, whose topic would carry over were the anaphor not read.)
  check_cases({
      {"삼성전자와 애플은 서울에서 만났다. 인텔은 공장을 지었다. 이들 기업은 엔비디아에 투자했다.",
       "apple invests-in nvidia; samsung-electronics invests-in nvidia"},
      {"삼성전자와 애플은 서울에서 만났다. 인텔은 공장을 지었다. 양사는 엔비디아에 투자했다.",
       "apple invests-in nvidia; samsung-electronics invests-in nvidia"},
      {"삼성전자와 애플은 서울에서 만났다. 인텔은 공장을 지었다. 세 회사는 엔비디아에 투자했다.",
       "apple invests-in nvidia; intel invests-in nvidia; samsung-electronics invests-in nvidia"},
  });
}

TEST_CASE("relate: a comitative partner") {
  check_cases({
      {"삼성전자는 엔비디아와 협력하기로 했다.", "nvidia partners-with samsung-electronics"},
      {"엔비디아는 삼성전자와 손잡았다.", "nvidia partners-with samsung-electronics"},
      {"현대차는 도요타와 수소 분야에서 협력한다.", "hyundai-motor partners-with toyota"},
      {"현대차와 도요타는 수소 동맹을 맺었다.", "hyundai-motor partners-with toyota"},
      {"테슬라는 삼성전자와 반도체 공급 계약을 확대했다.",
       "samsung-electronics partners-with tesla"},
      {"카카오는 오픈AI와의 동맹을 확대했다.", "kakao partners-with openai"},
      {"오픈AI와 소프트뱅크는 합작사를 설립했다.", "openai partners-with softbank"},
      {"Microsoft partnered with Anthropic.", "anthropic partners-with microsoft"},
      {"애플은 TSMC와 협력하고 있다고 밝혔다.", "apple partners-with tsmc"},
      {"엔비디아와 오픈AI는 협력 관계를 강화했다.", "nvidia partners-with openai"},
      // rivalry is not partnership
      {"삼성전자는 TSMC와 경쟁한다.", ""},
  });
}

TEST_CASE("relate: each clause keeps its own arguments") {
  check_cases({
      {"삼성전자는 엔비디아와 손을 잡고 오픈AI에 투자했다.",
       "nvidia partners-with samsung-electronics; samsung-electronics invests-in openai"},
      {"삼성전자는 엔비디아와 협력하고, SK하이닉스는 AMD와 협력한다.",
       "amd partners-with sk-hynix; nvidia partners-with samsung-electronics"},
      {"Amazon invested in Anthropic and partnered with Oracle.",
       "amazon invests-in anthropic; amazon partners-with oracle"},
  });
}

TEST_CASE("relate: appositions identify an entity and are not relations") {
  check_cases({
      {"미국 반도체 기업 엔비디아는 오픈AI에 투자했다.", "nvidia invests-in openai"},
      {"일본 소프트뱅크그룹은 인텔에 20억 달러를 투자했다.", "softbank invests-in intel"},
      {"로이터에 따르면 삼성전자는 엔비디아에 투자했다.", "samsung-electronics invests-in nvidia"},
  });
}

TEST_CASE("relate: titles make the person the head of the phrase") {
  check_cases({
      {"트럼프 대통령은 대만을 비판했다.", "donald-trump criticises taiwan"},
      {"중국 외교부는 일본을 강하게 비판했다.", "china criticises japan"},
      {"사티아 나델라 마이크로소프트 CEO는 손정의 회장의 구상에 의구심을 나타냈다.",
       "satya-nadella criticises masayoshi-son"},
      // An investment announced by a company's leader is the company's.
      {"손정의 소프트뱅크 회장은 인텔에 투자했다.", "softbank invests-in intel"},
      {"젠슨 황 엔비디아 최고경영자는 오픈AI에 투자했다.", "nvidia invests-in openai"},
  });
}

TEST_CASE("relate: relative clauses") {
  check_cases({
      {"소프트뱅크가 인수한 Arm은 인텔과 협력한다.",
       "arm partners-with intel; softbank invests-in arm"},
      {"소프트뱅크가 대주주인 Arm은 인텔과 협력한다.",
       "arm partners-with intel; softbank invests-in arm"},
      {"오픈AI에 투자하는 마이크로소프트는 새 칩을 공개했다.", "microsoft invests-in openai"},
      {"인텔의 최대 주주인 소프트뱅크는 새 계획을 발표했다.", "softbank invests-in intel"},
      {"미국 정부는 인텔 지분 10%를 보유한 최대 주주다.", "united-states invests-in intel"},
  });
}

TEST_CASE("relate: negation, denial, failure, hypotheticals and talks give no edge") {
  check_cases({
      // negation and denial
      {"현대차는 인도에 투자하지 않기로 했다.", ""},
      {"애플은 인텔 투자설을 부인했다.", ""},
      {"애플은 인텔에 투자한다는 소문을 부인했다.", ""},
      {"삼성전자는 인텔 지분을 인수하지 않았다.", ""},
      {"엔비디아는 \"오픈AI에 투자할 계획이 없다\"고 밝혔다.", ""},
      {"엔비디아는 오픈AI에 투자를 검토하지 않는다고 밝혔다.", ""},
      {"시진핑 주석은 미국을 비판하지 않았다.", ""},
      // only the negated clause is blocked
      {"현대차는 인도에는 투자하지 않고 베트남에 투자하기로 했다.",
       "hyundai-motor invests-in vietnam"},
      {"현대차는 인도 대신 베트남에 투자하기로 했다.", "hyundai-motor invests-in vietnam"},
      // failure
      {"카카오와 오픈AI의 협상이 결렬됐다.", ""},
      {"인텔과 TSMC의 합작 협상은 무산됐다.", ""},
      {"Talks between Intel and TSMC collapsed.", ""},
      // hypothetical
      {"삼성전자가 인텔에 투자하면 시장이 바뀔 것이다.", ""},
      {"삼성전자가 인텔에 투자할 가능성도 있다.", ""},
      {"소프트뱅크는 인텔에 투자할지 검토하고 있다.", ""},
      {"삼성전자는 인텔 지분 인수를 검토하고 있다.", ""},
      // talks only
      {"네이버는 오픈AI와 협력 방안을 논의했다.", ""},
      {"인텔은 엔비디아와 협력 방안을 논의했지만 합의에 이르지 못했다.", ""},
      {"이재명 대통령과 시진핑 주석은 회담을 가졌다.", ""},
      {"이재명 대통령은 트럼프 대통령과 회담했다.", ""},
      // the same in English
      {"Microsoft did not invest in Anthropic.", ""},
      {"If Nvidia were to invest in Anthropic, it would be huge.", ""},
      {"Intel and TSMC discussed a joint venture.", ""},
      {"Apple did not partner with OpenAI.", ""},
      {"Nvidia has no plans to invest in Intel.", ""},
      {"Intel and TSMC failed to agree on a partnership.", ""},
  });
}

TEST_CASE("relate: criticism with a speaker and a quote") {
  check_cases({
      {"시진핑 중국 국가주석은 \"미국의 수출 통제 정책은 패권주의\"라고 비판했다.",
       "xi-jinping criticises united-states"},
      {"마크롱 프랑스 대통령은 \"트럼프의 관세 정책은 불공정하다\"고 비판했다.",
       "emmanuel-macron criticises donald-trump"},
      {"트럼프 대통령은 \"애플은 인도에서 아이폰을 만들지 말라\"며 인도를 비난했다.",
       "donald-trump criticises india"},
      {"머스크는 오픈AI를 조롱했다.", "elon-musk criticises openai"},
      {"Musk mocked OpenAI.", "elon-musk criticises openai"},
      {"Trump criticised India.", "donald-trump criticises india"},
      {"China condemned the United States.", "china criticises united-states"},
      // praise is not criticism
      {"트럼프 대통령은 삼성전자를 \"위대한 기업\"이라고 치켜세웠다.", ""},
      {"Biden praised TSMC.", ""},
  });
}

TEST_CASE("relate: text without names or triggers gives nothing") {
  check_cases({
      {"", ""},
      {"오늘은 날씨가 맑다.", ""},
      {"삼성전자는 실적을 발표했다.", ""},
      {"투자했다.", ""},
  });
}

TEST_CASE("relate: evidence slices the original bytes of the sentence") {
  // Full-width letters, a non-breaking space and typographic quotes make the original bytes
  // differ from the normalised text before and inside the sentences.
  const std::string doc =
      "\uFF21\uFF29 \uB274\uC2A4\n"  // "ＡＩ 뉴스" headline
      "\u201C\uC2E0\uD638\u201D\uB2E4. \uC0BC\uC131\uC804\uC790\uB294\u00A0"  // “신호”다.
                                                                              // 삼성전자는
      "\uC5D4\uBE44\uB514\uC544\uC5D0 \uD22C\uC790\uD588\uB2E4. "  // 엔비디아에 투자했다.
      "\uC5D4\uBE44\uB514\uC544\uB294 \uC624\uD508AI\uC640 \uD611\uB825\uD55C\uB2E4.\n";
  //                                                         엔비디아는 오픈AI와 협력한다.
  const DocumentExtraction d = starter_extractor().extract(doc, "docs/a.txt");
  CHECK(d.document == "docs/a.txt");
  REQUIRE(d.facts.size() == 2);

  const Fact& invest = d.facts[0];
  CHECK(invest.source == "samsung-electronics");
  CHECK(invest.relation == "invests-in");
  CHECK(invest.target == "nvidia");
  CHECK_FALSE(invest.symmetric);
  CHECK(invest.evidence.document == "docs/a.txt");
  CHECK(invest.evidence.sentence == 2);
  CHECK(invest.evidence.text == "삼성전자는\u00A0엔비디아에 투자했다.");
  CHECK(invest.evidence.begin == doc.find("삼성전자"));
  CHECK(invest.evidence.end == doc.find(" 엔비디아는"));
  CHECK(doc.substr(invest.evidence.begin, invest.evidence.end - invest.evidence.begin) ==
        invest.evidence.text);
  CHECK(invest.evidence.trigger == "투자");

  const Fact& partner = d.facts[1];
  CHECK(partner.source == "nvidia");  // symmetric: canonical order
  CHECK(partner.relation == "partners-with");
  CHECK(partner.target == "openai");
  CHECK(partner.symmetric);
  CHECK(partner.evidence.sentence == 3);
  CHECK(partner.evidence.text == "엔비디아는 오픈AI와 협력한다.");
  CHECK(partner.evidence.begin == doc.find("엔비디아는"));
  CHECK(partner.evidence.end == doc.size() - 1);
  CHECK(doc.substr(partner.evidence.begin, partner.evidence.end - partner.evidence.begin) ==
        partner.evidence.text);
  CHECK(partner.evidence.trigger == "협력");

  // Mention counts, sorted by entity id.
  REQUIRE(d.mentions.size() == 3);
  CHECK(d.mentions[0].entity == "nvidia");
  CHECK(d.mentions[0].count == 2);
  CHECK(d.mentions[1].entity == "openai");
  CHECK(d.mentions[1].count == 1);
  CHECK(d.mentions[2].entity == "samsung-electronics");
  CHECK(d.mentions[2].count == 1);
}

TEST_CASE("relate: the trigger is reported as written in the original") {
  // A full-width trigger word: matched after NFKC, reported in its original form.
  const std::string doc = "Nvidia \uFF49\uFF4E\uFF56\uFF45\uFF53\uFF54\uFF45\uFF44 in OpenAI.";
  const DocumentExtraction d = starter_extractor().extract(doc, "w.txt");
  REQUIRE(d.facts.size() == 1);
  CHECK(d.facts[0].source == "nvidia");
  CHECK(d.facts[0].target == "openai");
  CHECK(d.facts[0].evidence.trigger == "\uFF49\uFF4E\uFF56\uFF45\uFF53\uFF54\uFF45\uFF44");
  CHECK(d.facts[0].evidence.text == doc);
  CHECK(d.facts[0].evidence.begin == 0);
  CHECK(d.facts[0].evidence.end == doc.size());
}

TEST_CASE("relate: invalid UTF-8 in the original is repaired in the evidence text") {
  const std::string doc = "\xFF\xFE 삼성전자는 엔비디아에 투자했다.";
  const DocumentExtraction d = starter_extractor().extract(doc, "bad.txt");
  REQUIRE(d.facts.size() == 1);
  CHECK(d.facts[0].evidence.begin == 0);
  CHECK(d.facts[0].evidence.end == doc.size());
  CHECK(d.facts[0].evidence.text == "\uFFFD\uFFFD 삼성전자는 엔비디아에 투자했다.");
  CHECK(valid_utf8("a\xFF"
                   "b") == "a\uFFFDb");
  CHECK(valid_utf8("삼성") == "삼성");
}

TEST_CASE("relate: RelationExtractor used directly gives the same facts as the Extractor") {
  Diagnostics diags;
  const RuleSet rules = load_rules(builtin_rules(), diags);
  const auto matcher = Matcher::compile(rules);
  const auto relations = RelationExtractor::compile(rules, matcher);
  CHECK(&relations->matcher() == matcher.get());
  const std::string doc = "엔비디아, 마이크로소프트, 구글이 오픈AI에 투자했다.";
  const NormalisedText text = normalise(doc);
  const std::vector<Sentence> sentences = split_sentences(text.text);
  const std::vector<Mention> mentions = matcher->find(text.text);
  std::string trace;
  const std::vector<Fact> got =
      relations->extract(doc, text, sentences, mentions, "direct.txt", &trace);
  REQUIRE(got.size() == 3);
  std::vector<std::string> sources;
  for (const Fact& f : got) {
    CHECK(f.relation == "invests-in");
    CHECK(f.target == "openai");
    CHECK(f.evidence.document == "direct.txt");
    CHECK(f.evidence.text == doc);
    sources.push_back(f.source);
  }
  std::sort(sources.begin(), sources.end());
  CHECK(sources == std::vector<std::string>{"google", "microsoft", "nvidia"});
  // The trace names the sentence and the edges.
  CHECK(trace.find("엔비디아, 마이크로소프트, 구글이 오픈AI에 투자했다.") != std::string::npos);
  CHECK(trace.find("=> nvidia invests-in openai") != std::string::npos);
}

TEST_CASE("relate: a sentence giving more than kMaxFactsPerSentence facts gives none") {
  // n founders joined by '·' pair up: n(n-1)/2 partners-with facts. 23 give 253 (kept), 24
  // give 276 (a list, not a statement: dropped), whatever the rest of the document says.
  std::vector<RuleSource> sources = builtin_rules();
  std::string extra;
  for (int i = 0; i < 30; ++i) {
    extra += "entity qco-" + std::to_string(i) + "\n  type: company\n  aliases: Qco" +
             std::to_string(100 + i) + "\n";
  }
  sources.push_back({"extra.rules", extra});
  Diagnostics diags;
  const Extractor extractor(load_rules(sources, diags));
  REQUIRE(diags.error_count() == 0);
  const auto founders = [](int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += (i ? "·Qco" : "Qco") + std::to_string(100 + i);
    return text + "는 합작사를 설립했다.";
  };
  static_assert(RelationExtractor::kMaxFactsPerSentence == 256);
  CHECK(extractor.extract(founders(23), "t.txt").facts.size() == 253);
  const std::string both = founders(24) + "\n삼성전자는 엔비디아에 투자했다.\n";
  const DocumentExtraction d = extractor.extract(both, "t.txt");
  REQUIRE(d.facts.size() == 1);
  CHECK(d.facts[0].source == "samsung-electronics");
  std::string trace;
  (void)extractor.extract(founders(24), "t.txt", &trace);
  CHECK(trace.find("(276 edges, more than 256: a list, not a statement; none kept)") !=
        std::string::npos);
}

namespace relgraph {

TEST_CASE("relate: a Latin trigger written in capitals matches in any case") {
  check_cases({
      {"삼성전자와 엔비디아는 AI 반도체 MOU를 체결했다.",
       "nvidia partners-with samsung-electronics"},
      {"삼성전자와 엔비디아는 AI 반도체 mou를 체결했다.",
       "nvidia partners-with samsung-electronics"},
  });
}

}  // namespace relgraph

TEST_CASE("relate: a Hangul trigger with Latin letters matches only as written") {
  // All triggers are matched in one scan of the ASCII-lowercased sentence; a trigger that does
  // not start with a Latin letter keeps its case ("공동R&D" is not "공동r&d").
  std::vector<RuleSource> sources = builtin_rules();
  sources.push_back({"extra.rules",
                     "relation co-develops\n"
                     "  label: co-develops\n"
                     "  direction: symmetric\n"
                     "  source: company\n"
                     "  target: company\n"
                     "  triggers: 공동R&D\n"
                     "  source-roles: subject | comitative | head\n"
                     "  target-roles: object | dative | comitative\n"});
  Diagnostics diags;
  const Extractor extractor(load_rules(sources, diags));
  REQUIRE(diags.error_count() == 0);
  const auto relations = [&](std::string_view text) {
    std::set<std::string> out;
    for (const Fact& f : extractor.extract(text, "t.txt").facts) out.insert(f.relation);
    return out;
  };
  CHECK(relations("삼성전자는 엔비디아와 공동R&D를 한다.") == std::set<std::string>{"co-develops"});
  CHECK(relations("삼성전자는 엔비디아와 공동r&d를 한다.").empty());
  CHECK(relations("삼성전자는 엔비디아와 공동R&d를 한다.").empty());
}

namespace {

// A directed company -> company relation "funds", triggered by 후원, blocked by `blocked_by`.
std::string funds_relation(const std::string& blocked_by) {
  return "relation funds\n"
         "  label: funds\n"
         "  direction: directed\n"
         "  source: company\n"
         "  target: company\n"
         "  triggers: 후원\n"
         "  source-roles: subject\n"
         "  target-roles: object\n"
         "  blocked-by: " +
         blocked_by + "\n";
}

}  // namespace

TEST_CASE("relate: a cue blocks a trigger only at its position in the word") {
  // The cues of all relations are looked up in a word at once; each lexicon keeps its own
  // positions, also for a text that two lexicons list at different positions (끝냄).
  std::vector<RuleSource> sources = builtin_rules();
  sources.push_back({"extra.rules",
                     "lexicon cue.test-a\n"
                     "  words: 멈춤 [start] | 끝냄 [end] | 보류 [word] | 흐지부지\n"
                     "lexicon cue.test-b\n"
                     "  words: 끝냄 [start]\n" +
                         funds_relation("cue.test-a | cue.test-b")});
  Diagnostics diags;
  const Extractor extractor(load_rules(sources, diags));
  REQUIRE(diags.error_count() == 0);
  const auto funds = [&](std::string_view word) {
    const std::string text = "삼성전자는 인텔을 " + std::string(word) + " 후원했다.";
    for (const Fact& f : extractor.extract(text, "t.txt").facts)
      if (f.relation == "funds") return true;
    return false;
  };
  CHECK(funds("조용히"));
  CHECK_FALSE(funds("멈춤없이"));  // start
  CHECK(funds("잠시멈춤"));
  CHECK_FALSE(funds("일단끝냄"));  // end (cue.test-a)
  CHECK_FALSE(funds("끝냄직후"));  // start (cue.test-b)
  CHECK(funds("일단끝냄직후"));
  CHECK_FALSE(funds("보류"));  // whole word
  CHECK(funds("보류중"));
  CHECK_FALSE(funds("다흐지부지"));  // anywhere
  CHECK_FALSE(funds("\"보류\""));    // quotes around the word are not part of it
  CHECK_FALSE(funds("보\"류\""));    // nor inside it
}

TEST_CASE("relate: what one extractor learnt of words is not used by another") {
  // Each thread keeps word-level answers (the cue lexicons in a word, the role of a particle
  // tail) from document to document; they belong to the extractor that found them.
  auto extractor_with_cues = [](const char* words) {
    std::vector<RuleSource> sources = builtin_rules();
    sources.push_back({"extra.rules", std::string("lexicon cue.test-quiet\n  words: ") + words +
                                          "\n" + funds_relation("cue.test-quiet")});
    Diagnostics diags;
    auto extractor = std::make_unique<Extractor>(load_rules(sources, diags));
    REQUIRE(diags.error_count() == 0);
    return extractor;
  };
  const auto plain = extractor_with_cues("멈춤");
  const auto quiet = extractor_with_cues("멈춤 | 조용히");
  const auto funds = [](const Extractor& extractor) {
    for (const Fact& f : extractor.extract("삼성전자는 인텔을 조용히 후원했다.", "t.txt").facts)
      if (f.relation == "funds") return true;
    return false;
  };
  for (int round = 0; round < 2; ++round) {
    CHECK(funds(*plain));
    CHECK_FALSE(funds(*quiet));
  }
}

TEST_CASE("relate: the tables compiled before the Matcher give the same facts") {
  Diagnostics diags;
  const RuleSet rules = load_rules(builtin_rules(), diags);
  REQUIRE(diags.error_count() == 0);
  std::unique_ptr<RelationExtractor> tables = RelationExtractor::compile_tables(rules);
  const Extractor later(Matcher::compile(rules), std::move(tables),
                        EntityDiscoverer::compile(rules));
  const std::string text = "삼성전자는 오픈AI에 투자했다. 엔비디아와 TSMC는 협력한다고 밝혔다.";
  const DocumentExtraction a = later.extract(text, "t.txt");
  const DocumentExtraction b = starter_extractor().extract(text, "t.txt");
  CHECK(a.facts.size() >= 2);
  REQUIRE(a.facts.size() == b.facts.size());
  for (std::size_t i = 0; i < a.facts.size(); ++i) {
    CHECK(a.facts[i].source == b.facts[i].source);
    CHECK(a.facts[i].relation == b.facts[i].relation);
    CHECK(a.facts[i].target == b.facts[i].target);
  }
  // A Matcher of other rules (another number of entities) is refused.
  Diagnostics none;
  const RuleSet other =
      load_rules({{"x.rules", "type company\nentity a company\n  alias A사\n"}}, none);
  CHECK_THROWS_AS(RelationExtractor::with_matcher(RelationExtractor::compile_tables(rules),
                                                  Matcher::compile(other)),
                  std::logic_error);
}

TEST_CASE("relate: a noun that ends like a particle carries no case (noun.plain)") {
  check_cases({
      // 추가 ends in 가, yet "미국의 추가 관세를" is the object.
      {"중국은 미국의 추가 관세를 규탄했다.", "china criticises united-states"},
      {"중국은 미국의 관세를 규탄했다.", "china criticises united-states"},
  });
}

TEST_CASE("relate: criticism answering a \"-자\" clause targets that clause's subject") {
  check_cases({
      {"중국이 희토류 수출 통제를 넓히자 미국이 거세게 반발했다.",
       "united-states criticises china"},
      {"러시아가 우크라이나를 공격하자 미국이 강하게 비난했다.", "united-states criticises russia"},
      // 투자 ends in 자 but is a noun, not the connective.
      {"삼성전자의 투자 미국이 반발했다.", ""},
  });
}

TEST_CASE("relate: the subject of a \"-다며\" / \"-다고\" clause is the one criticised") {
  check_cases({
      {"이재명 대통령은 일본이 약속을 지키지 않았다며 비판했다.", "lee-jae-myung criticises japan"},
      {"마크롱 대통령은 미국이 관세를 올렸다며 \"보호무역\"이라고 비판했다.",
       "emmanuel-macron criticises united-states"},
      // The other names of the reported clause are its victims, not the accused.
      {"트럼프 대통령은 중국이 미국 기업을 압박했다고 비난했다.", "donald-trump criticises china"},
      // A negation after the trigger is still the criticism's own.
      {"트럼프 대통령은 중국을 비판하지 않았다.", ""},
  });
}

TEST_CASE("relate: criticism of a plan \"B가 추진하는 X에 대해\" goes to B") {
  check_cases({
      {"이재명 대통령은 미국이 추진하는 관세 정책에 대해 \"불공정하다\"고 비판했다.",
       "lee-jae-myung criticises united-states"},
      {"마크롱 대통령은 중국이 진행 중인 보조금 정책에 대해 쓴소리를 했다.",
       "emmanuel-macron criticises china"},
      // A relative clause heading no "about" phrase names no one criticised.
      {"이재명 대통령은 미국이 주최한 회의에서 중국을 비판했다.", "lee-jae-myung criticises china"},
  });
}

TEST_CASE("relate: an office glued to a title makes the person before it the head") {
  check_cases({
      {"주병기 공정거래위원장은 알리익스프레스를 질타했다.", "ju-biung-ghi criticises aliexpress"},
      {"기하라 미노루 관방장관은 중국을 비판했다.", "minoru-kihara criticises china"},
      // The office is a name of the rules (금융감독원): the person still heads it.
      {"이찬진 금융감독원장은 MBK파트너스를 비판했다.", "lee-chan-jin criticises mbk-partners"},
      // A title followed by more than particles is no title ("위원장실": the office's room).
      {"주병기 공정거래위원장실은 알리익스프레스를 질타했다.", ""},
  });
}

TEST_CASE("relate: a stance going on in the next sentence's quote targets its accused only") {
  check_cases({
      {"시진핑 주석은 미국을 비판했다. 그는 \"일본도 책임이 있다\"고 말했다.",
       "xi-jinping criticises japan; xi-jinping criticises united-states"},
      // A place in the quote is not accused.
      {"시진핑 주석은 미국을 비판했다. 그는 \"일본에 공장을 짓는 기업은 사정이 다르다\"고 말했다.",
       "xi-jinping criticises united-states"},
  });
}

TEST_CASE("relate: a [quoted] trigger counts only after quoted speech (\"...\"라며 X를 겨냥했다)") {
  check_cases({
      {"이재명 대통령은 \"약속을 어겼다\"며 일본을 겨냥했다.", "lee-jae-myung criticises japan"},
      // Aiming a product at a market is no attack.
      {"삼성전자는 이번 신제품으로 미국 시장을 겨냥했다.", ""},
  });
}

TEST_CASE("relate: an unknown titled speaker's criticism is not the previous topic's") {
  check_cases({
      {"오픈AI는 새 모델을 발표했다. 한 야당의 대표는 \"시장 독점\"이라며 구글을 비판했다.", ""},
      // A lone surname and a title name someone mentioned before: the topic goes on.
      {"MBK파트너스는 새 펀드를 만들었다. 김 회장은 \"과도한 규제\"라며 금융당국을 비판했다.",
       "mbk-partners criticises south-korea"},
  });
}

TEST_CASE("relate: a US government body named alone acts for the United States") {
  check_cases({
      {"Trump criticised the Department of Homeland Security.",
       "donald-trump criticises united-states"},
      {"백악관은 중국을 비판했다.", "united-states criticises china"},
      // 상무부 alone is no US body: China has one too.
      {"중국 상무부는 일본을 비판했다.", "china criticises japan"},
  });
}

TEST_CASE("relate: a bare country before a partner's name is not the partner") {
  check_cases({
      {"HD현대일렉트릭은 일본 간사이전력과 변압기 공급 계약을 맺었다.", ""},
      {"현대로템은 폴란드 정부와 협력 계약을 맺었다.", "hyundai-rotem partners-with poland"},
  });
}

TEST_CASE("relate: joint development is a partnership") {
  check_cases({
      {"기아는 현대모비스와 함께 자율주행 플랫폼 공동 개발에도 나선다.",
       "hyundai-mobis partners-with kia"},
      {"현대차와 LG에너지솔루션은 인도네시아에 공동 진출한다.",
       "hyundai-motor partners-with lg-energy-solution"},
      {"삼성전자와 구글은 AI 스타트업에 공동 투자했다.",
       "google partners-with samsung-electronics"},
  });
}

TEST_CASE("relate: English partial quotes, appositions with 'in which', targets after 'in'") {
  check_cases({
      {"TSMC founder Morris Chang said he was \"deeply skeptical\" Rapidus could reach volume "
       "production.",
       "morris-chang criticises rapidus"},
      {"Nvidia will supply chips to G42, the Abu Dhabi-based AI company in which Microsoft holds "
       "a minority stake.",
       // (A supply deal is a partnership, as the guidelines have it.)
       "g42 partners-with nvidia; microsoft invests-in g42"},
      {"Sen. Elizabeth Warren blasted President Donald Trump's decision to let Nvidia sell chips "
       "in China.",
       "elizabeth-warren criticises donald-trump"},
      // A long quote stays speech: no edge from its words.
      {"Samsung said the talks with Intel were \"constructive but difficult and still far from any "
       "agreement,\" adding that no deal had been reached.",
       ""},
  });
}

TEST_CASE("relate: founders named before an adnominal founding verb found the venture after it") {
  check_cases({
      // "A와 B가 ... 출자해 세운 합작법인 C": both fund and found C, and partner with it.
      {"소프트뱅크와 오픈AI가 올해 초 각각 절반씩 출자해 세운 합작법인 스타게이트는 첫 센터를 "
       "열었다.",
       "openai invests-in stargate; openai partners-with softbank; openai partners-with stargate; "
       "softbank invests-in stargate; softbank partners-with stargate"},
      {"소프트뱅크와 오픈AI가 지난해 설립한 합작법인 스타게이트는 첫 센터를 열었다.",
       "openai partners-with softbank; openai partners-with stargate; "
       "softbank partners-with stargate"},
      // One founder: a subsidiary, no partner.
      {"소프트뱅크가 올해 초 홀로 출자해 세운 법인 스타게이트는 첫 센터를 열었다.",
       "softbank invests-in stargate"},
  });
}

TEST_CASE("relate: English relative clause of an apposition") {
  check_cases({
      // The relative clause is about the name before the apposition: its subject ...
      {"SoftBank, the Japanese group that owns 90 percent of Arm, reported a profit.",
       "softbank invests-in arm"},
      // ... or its object, when a name follows the relative pronoun.
      {"Arm, the British chip designer that SoftBank bought in 2016, reported a profit.",
       "softbank invests-in arm"},
      {"Arm, the British chip designer that SoftBank praised in 2016, reported a profit.", ""},
      {"Microsoft will put $10 billion into OpenAI.", "microsoft invests-in openai"},
      {"Microsoft will not put $10 billion into OpenAI.", ""},
  });
}

TEST_CASE("relate: a relative clause on the trigger's noun does not cut its arguments off") {
  check_cases({
      // "투입하는" modifies 협약: 엔비디아 is still the partner.
      {"삼성전자는 엔비디아와 공장에 로봇을 투입하는 실증 협약을 맺었다.",
       "nvidia partners-with samsung-electronics"},
      // A name between the relative verb and the trigger belongs to that clause.
      {"삼성전자는 엔비디아에 1조원을 투자하는 구글과 협약을 맺었다.",
       "google invests-in nvidia; google partners-with samsung-electronics"},
  });
}

TEST_CASE("relate: the name a stake-holding verb modifies holds the stake") {
  check_cases({
      {"인텔 지분 약 10%를 보유한 소프트뱅크는 실적을 발표했다.", "softbank invests-in intel"},
      {"인텔 지분을 가진 소프트뱅크는 실적을 발표했다.", "softbank invests-in intel"},
      // A verb that holds nothing ("지분 매각을 검토한") names no holder.
      {"인텔 지분 매각을 발표한 소프트뱅크는 실적을 공개했다.", ""},
  });
}

TEST_CASE("relate: English supply, hitting back, and a stake sold to a buyer") {
  check_cases({
      {"Samsung Electronics will supply HBM chips to AMD under a new agreement.",
       "amd partners-with samsung-electronics"},
      {"LG Energy Solution supplies battery cells to Tesla.",
       "lg-energy-solution partners-with tesla"},
      // A supply chain is no supply deal.
      {"Apple is moving its supply chain out of China.", ""},
      {"OpenAI CEO Sam Altman hit back at Elon Musk on Tuesday.",
       "sam-altman criticises elon-musk"},
      // The buyer of a stake invests in the seller ...
      {"Intel will sell a 10% stake to SoftBank.", "softbank invests-in intel"},
      // ... and a buyer who is the subject still does.
      {"SoftBank will buy a 10% stake in Intel.", "softbank invests-in intel"},
  });
}

TEST_CASE("relate: \"A의 B 투자\": the genitive before a name and a trigger noun is the agent") {
  check_cases({
      {"소프트뱅크의 오픈AI 투자는 400억 달러 규모다.", "softbank invests-in openai"},
      {"구글의 앤트로픽 투자 규모는 30억 달러에 이른다.", "google invests-in anthropic"},
      {"한국의 대미 투자가 늘었다.", "south-korea invests-in united-states"},
      // The speaker is not the investor.
      {"손정의 회장은 소프트뱅크의 오픈AI 투자가 성공할 것이라고 말했다.",
       "softbank invests-in openai"},
      // A country before a company is its nationality, and a person is no investor by the
      // genitive alone.
      {"미국의 엔비디아 투자는 늘었다.", ""},
      {"트럼프의 인텔 투자 결정을 두고 논란이 일었다.", ""},
  });
}

TEST_CASE("relate: criticism of \"A의 B [act]\" goes to A, the act's owner, not its object B") {
  check_cases({
      {"중국은 미국의 화웨이 제재를 강하게 비판했다.", "china criticises united-states"},
      {"중국 상무부는 네덜란드 정부의 넥스페리아 경영권 장악을 약탈이라고 비난했다.",
       "china criticises netherlands"},
      {"중국은 일본 다카이치 총리의 대만 발언에 강하게 반발했다.",
       "china criticises sanae-takaichi"},
      // "A B의 X": A is only B's country, B is criticised.
      {"중국은 미국 엔비디아의 수출 중단을 비판했다.", "china criticises nvidia"},
  });
}

TEST_CASE("relate: a subject of a title we cannot name keeps the previous topic from going on") {
  check_cases({
      {"중국 외교부는 미국의 수출 통제를 비판했다. 민주당 의원들은 쿠팡의 대응을 질타했다.",
       "china criticises united-states"},
      // "이" before a title names nobody here: the topic does not go on.
      {"포스코퓨처엠은 GM과 손잡았다. 이 대통령은 일본의 수출 규제를 두고 부당하다고 지적했다.",
       "general-motors partners-with posco-future-m"},
      // Without a subject of its own, the sentence goes on with the topic.
      {"중국 외교부는 미국의 수출 통제를 비판했다. 또 일본의 수출 규제를 질타했다.",
       "china criticises japan; china criticises united-states"},
  });
}

TEST_CASE("relate: the partner \"with\" whom a venture is founded is a founder") {
  check_cases({
      {"LG에너지솔루션은 GM과 합작사 얼티엄셀즈를 설립했다.",
       "company:얼티엄셀즈 partners-with general-motors; company:얼티엄셀즈 partners-with "
       "lg-energy-solution; general-motors partners-with lg-energy-solution"},
      {"포스코퓨처엠은 GM과 양극재 합작사 얼티엄캠을 세웠다.",
       "company:얼티엄캠 partners-with general-motors; company:얼티엄캠 partners-with "
       "posco-future-m; general-motors partners-with posco-future-m"},
      // "A와 합작사를": the venture is founded with A, not a list of A and the venture.
      {"포스코퓨처엠은 GM과 합작사를 설립했다.", "general-motors partners-with posco-future-m"},
      // A company "와" a country "에": the company is the partner, the country the place.
      {"삼성SDI가 스텔란티스와 미국에 배터리 합작공장을 짓는다.",
       "samsung-sdi partners-with stellantis"},
      // Compared with, not joined (marker.compare).
      {"삼성전자는 애플과 달리 베트남에 새 법인을 설립했다.", ""},
      {"삼성전자는 애플과 경쟁하는 새 법인을 설립했다.", ""},
  });
}

TEST_CASE("relate: protests and retorts criticise, an attack only after quoted speech") {
  check_cases({
      {"중국 외교부는 미국의 대만 무기 판매에 강력히 항의했다.", "china criticises united-states"},
      {"트럼프 대통령은 파월 의장을 \"멍청이\"라고 공격했다.",
       "donald-trump criticises jerome-powell"},
      // A military attack is no criticism.
      {"러시아는 우크라이나를 공격했다.", ""},
  });
}

TEST_CASE("relate: a country heading a long bare noun phrase before an investment noun") {
  check_cases({
      {"토요타는 미국 노스캐롤라이나 배터리 공장 투자 규모를 139억 달러로 늘렸다.",
       "toyota invests-in united-states"},
  });
}

TEST_CASE("relate: a received investment is no investment by the receiver, a stake sold") {
  check_cases({
      {"무신사는 KKR로부터 2000억원을 투자받았다.", "kkr invests-in musinsa"},
      {"리벨리온은 KT와 아람코로부터 2000억원 규모의 투자를 유치했다.",
       "kt invests-in rebellions; saudi-aramco invests-in rebellions"},
      // The buyer of a stake invests in its company; the seller gets no edge.
      {"SK㈜는 SK실트론 지분 70.6%를 두산에 매각하기로 했다.", "doosan invests-in sk-siltron"},
      {"하이브는 SM엔터테인먼트 지분을 카카오에 넘겼다.", "kakao invests-in sm-entertainment"},
      {"소프트뱅크는 엔비디아 지분 전량을 팔았다.", ""},
      {"카카오는 SM엔터테인먼트 지분 39%를 확보했다.", "kakao invests-in sm-entertainment"},
  });
}

TEST_CASE("relate: the participants of a funding round named after it invest in its receiver") {
  check_cases({
      {"퓨리오사AI는 시리즈C 투자를 유치했다. 이번 투자에는 산업은행과 KT가 참여했다.",
       "korea-development-bank invests-in furiosaai; kt invests-in furiosaai"},
      // A later clause joining "the investment" too; a relative clause does not reach back
      // past the chained clause before it.
      {"퓨리오사AI는 투자를 유치했다. 이번 투자에는 KT가 참여했고, 기존 투자자인 네이버도 "
       "후속 투자에 나섰다.",
       "kt invests-in furiosaai; naver invests-in furiosaai"},
      // Without a round before it, joining is no investment.
      {"퓨리오사AI는 신제품을 냈다. 이번 행사에는 KT가 참여했다.", ""},
  });
}

TEST_CASE("relate: a byline's outlet is no actor, a former title after an unknown organisation") {
  check_cases({
      // The outlet in "[... 기자]" is not one of "양사".
      {"[연합뉴스 김철수 기자] 하이브가 엔비디아와 손잡았다. 양사는 합작사를 세운다.",
       "hybe partners-with nvidia"},
      {"하이브와 분쟁 중인 민희진 전 어도어 대표는 \"하이브는 레이블을 못 지킨다\"고 비판했다.",
       "min-hee-jin criticises hybe"},
      // A company noun before an unknown name (제작사): the holder's stake is in it.
      {"CJ ENM이 지분 80%를 보유한 미국 제작사 피프스시즌은 흑자를 냈다.",
       "cj-enm invests-in company:피프스시즌"},
  });
}

TEST_CASE(
    "relate: 양사 is the two companies its own sentence names before it, else the last group") {
  check_cases({
      {"무신사와 KKR은 손잡았다. 네이버가 카카오의 지분을 사들이며 양사의 협업을 넓힌다.",
       "kakao partners-with naver; kkr partners-with musinsa; naver invests-in kakao"},
      // A name with no particle (a person's company) does not count: the last group does.
      {"현대차와 도요타가 손잡았다. 일론 머스크 테슬라 CEO는 두 회사의 계획을 조롱했다.",
       "elon-musk criticises hyundai-motor; elon-musk criticises toyota; hyundai-motor "
       "partners-with toyota"},
  });
}

TEST_CASE("relate: a company whose unnamed head pledges in a quote invests") {
  check_cases({
      {"레이 장 알리익스프레스 코리아 대표는 \"한국에 1조원을 추가로 투자하겠다\"고 밝혔다.",
       "aliexpress invests-in south-korea"},
  });
}

TEST_CASE("relate: \"X 최대주주인 Y\" and \"지분을 가진 Y\" after a topic") {
  check_cases({
      {"대한항공 최대주주인 한진칼의 지분 구도도 관심사다.", "hanjin-kal invests-in korean-air"},
      // The stake is a state: the cue of the verb after it does not block it.
      {"HMM 최대주주인 산업은행과 2대 주주인 KT는 지분 매각을 검토하고 있다.",
       "korea-development-bank invests-in hmm; kt invests-in hmm"},
      {"대한항공은 지분 63.88%를 가진 아시아나항공을 흡수합병한다.",
       "korean-air invests-in asiana-airlines"},
      // A verb that holds nothing: no stake.
      {"대한항공은 지분 매각을 추진한 아시아나항공을 흡수합병한다.", ""},
  });
}

TEST_CASE("relate: a capital increase is received, its subscribers invest") {
  check_cases({
      {"비바리퍼블리카는 KKR과 GIC를 대상으로 3000억원 규모 유상증자를 진행한다.",
       "gic invests-in viva-republica; kkr invests-in viva-republica"},
      // A note in parentheses between "투자" and "유치": still received.
      {"비바리퍼블리카가 미국 상장을 앞두고 3000억원 규모의 투자(프리IPO) 유치를 마무리했다.", ""},
      {"KT는 비바리퍼블리카의 유상증자에 참여했다.", "kt invests-in viva-republica"},
  });
}

TEST_CASE("relate: criticism of a country's companies' act, a headline quote of another clause") {
  check_cases({
      {"페스코프 대변인은 한국 기업들의 우크라이나 재건 사업 참여를 두고 \"비우호적\"이라며 "
       "한국을 비난했다.",
       "dmitry-peskov criticises south-korea"},
      // The criticism of a headline's second clause does not reach into the first's quote
      // (which has no trigger of its own).
      {"러 \"韓 우크라 재건 참여는 비우호적\"...북한도 비난 담화", ""},
  });
}

TEST_CASE("relate: an unknown speaker's title with a note in parentheses is a subject") {
  check_cases({
      {"SK이노베이션과 SK가 손잡았다. 앤디 마시 플러그파워 최고경영자(CEO)는 \"정책이 바뀌었다\"며 "
       "한국 정부를 비판했다.",
       "sk-group partners-with sk-innovation"},
  });
}

TEST_CASE("relate: a government with no country criticised is the home country's") {
  check_cases({
      {"정청래 민주당 대표는 \"착공은 없다\"며 정부를 비판했다.",
       "jung-chung-rae criticises south-korea"},
      {"정청래 대표는 정부의 주택 정책을 비판했다.", "jung-chung-rae criticises south-korea"},
      // A country before it names the government: it is that country's.
      {"정청래 대표는 미국 정부를 비판했다.", "jung-chung-rae criticises united-states"},
      {"정청래 대표는 각국 정부를 비판했다.", ""},
  });
}

TEST_CASE("relate: criticism as the subject of its own sentence has no speaker carried over") {
  check_cases({
      {"KAI는 위성을 만든다. 정부의 우주 정책에 대한 쓴소리도 나왔다.", ""},
      {"KAI는 위성을 만든다. 이어 정부의 우주 정책에 쓴소리를 했다.",
       "korea-aerospace-industries criticises south-korea"},
  });
}

TEST_CASE("relate: a known name in parentheses after an unknown Korean noun takes its particle") {
  check_cases({
      {"프랑스 전력공사(EDF)는 \"특정 컨소시엄에 유리한 결정\"이라며 슬로베니아 정부를 비판했다.",
       "edf criticises slovenia"},
      // A dateline in parentheses is no actor.
      {"ABU DHABI, May 5 (Reuters) - Microsoft will invest $1.5 billion in G42.",
       "microsoft invests-in g42"},
  });
}

TEST_CASE("relate: English lists past a firm's abbreviation, and no place-based source") {
  check_cases({
      {"Samsung SDI Co. (SDI) and Stellantis said they will invest 2 billion euros in Spain.",
       "samsung-sdi invests-in spain; stellantis invests-in spain"},
      {"Samsung SDI Co. and Stellantis said they will invest 2 billion euros in Spain.",
       "samsung-sdi invests-in spain; stellantis invests-in spain"},
      // A word that is no name's tail still ends the list.
      {"Samsung SDI rivals and Stellantis said they will invest 2 billion euros in Spain.",
       "samsung-sdi invests-in spain"},
      // "Seoul-based X" describes X: the place gives nothing.
      {"Seoul-based Upstage said its Series B round was led by Nvidia.",
       "nvidia invests-in upstage"},
      {"Seoul-based startups said the round was led by Nvidia.", ""},
  });
}

TEST_CASE("relate: English event nouns owned by a name, phrases after 'in' and 'with'") {
  check_cases({
      // The owner of an event noun acts ...
      {"Nvidia's $5 billion investment in Intel lifted the shares.", "nvidia invests-in intel"},
      {"Microsoft criticized Google's search deal with Apple.",
       "apple partners-with google; microsoft criticises google"},
      // ... but not the owner of an agent noun, which is the target.
      {"SoftBank became OpenAI's largest shareholder.", "softbank invests-in openai"},
      // A country qualifying the place after "in" is where the money goes.
      {"Hyundai Motor will invest 2 trillion won in a second Vietnam factory.",
       "hyundai-motor invests-in vietnam"},
      {"Hyundai Motor will invest 2 trillion won in research with Vietnam-based engineers.", ""},
      // A possessive country before a name qualifies it; it is no partner itself.
      {"LG Chem signed a supply deal with Japan's Toyota.", "lg-chem partners-with toyota"},
      // (A name after a country's possessive and "with" is a company.)
      {"LG Chem signed a supply deal with Japan's Daikin.", "company:Daikin partners-with lg-chem"},
      {"LG Chem signed a supply deal with Japan's largest carmaker.", ""},
      {"LG Chem signed a supply deal with Japan's government.", "japan partners-with lg-chem"},
      // A clause opened after a comma ends the targets.
      {"Samsung slammed the tariff plan, Apple said on Monday.", ""},
      {"Samsung slammed Apple, Google and Microsoft on Monday.",
       "samsung-electronics criticises apple; samsung-electronics criticises google; "
       "samsung-electronics criticises microsoft"},
  });
}

TEST_CASE("relate: English funding rounds name investors in the one who raised") {
  check_cases({
      {"Upstage raised $100 million in a Series B round. The round was led by Nvidia, with SK "
       "Telecom participating.",
       "nvidia invests-in upstage; sk-telecom invests-in upstage"},
      {"Rebellions said it has closed a 200 billion won funding round led by KT. Samsung "
       "Electronics also took part in the round, according to the company.",
       "kt invests-in rebellions; samsung-electronics invests-in rebellions"},
      {"Upstage has raised 50 billion won from Naver and Kakao in a bridge round.",
       "kakao invests-in upstage; naver invests-in upstage"},
      // No money raised: no round, and no investor after it.
      {"Kakao raised concerns about the funding plan. Naver joined the talks on the round.", ""},
      // An unknown firm's round is not the last known one's.
      {"Upstage raised $100 million in a Series B round. A rival secured $50 million in new "
       "funding from Naver.",
       ""},
  });
}

TEST_CASE("relate: a named subject before a quote speaks, not a person quoted before") {
  check_cases({
      {"샘 올트먼 오픈AI CEO는 \"미국에 공장을 짓겠다\"고 말했다. 중국 외교부는 성명을 내고 "
       "\"일본이 대만에 대한 무기 공급을 늘리는 것은 도발\"이라며 일본을 비난했다.",
       "china criticises japan"},
      // The person quoted before goes on speaking after 그는: his company is the partner.
      {"샘 올트먼 오픈AI CEO는 \"미국에 공장을 짓겠다\"고 말했다. 그는 \"엔비디아는 오랜 "
       "파트너이자 주요 공급사\"라고 말했다.",
       "nvidia partners-with openai"},
  });
}

TEST_CASE("relate: funding rounds led and joined, in the same sentence and in English") {
  check_cases({
      // The round's topic with a leading and a joining verb, chained.
      {"퓨리오사AI는 시리즈C 투자를 유치했다. 이번 투자는 산업은행이 주도하고 KT가 참여했다.",
       "korea-development-bank invests-in furiosaai; kt invests-in furiosaai"},
      {"퓨리오사AI는 시리즈C 투자를 유치했다. 산업은행이 투자를 주도했고 KT도 참여했다.",
       "korea-development-bank invests-in furiosaai; kt invests-in furiosaai"},
      // A later verb with a place of its own joins something else.
      {"퓨리오사AI는 시리즈C 투자를 유치했다. 산업은행이 투자를 주도했고 KT는 유럽 시장 "
       "진출에 나섰다.",
       "korea-development-bank invests-in furiosaai"},
      // The round's owner in the same sentence.
      {"퓨리오사AI의 시리즈C 투자에 산업은행과 KT가 참여했다.",
       "korea-development-bank invests-in furiosaai; kt invests-in furiosaai"},
      {"퓨리오사AI의 1000억원 규모 투자 유치에 KT가 참여했다.", "kt invests-in furiosaai"},
      // X's own investment is no round: joining it is no investment in X.
      {"인텔의 미국 투자에 삼성전자가 참여했다.", "intel invests-in united-states"},
      {"Upstage raised $50 million in a Series B round. The round was led by Samsung "
       "Electronics, with Naver participating.",
       "naver invests-in upstage; samsung-electronics invests-in upstage"},
      {"Upstage closed a $50 million Series B round on Monday. Samsung Electronics led the "
       "round, and Naver and Kakao participated.",
       "kakao invests-in upstage; naver invests-in upstage; samsung-electronics invests-in "
       "upstage"},
      {"Samsung Electronics led Upstage's $50 million Series B round, with participation "
       "from "
       "Naver.",
       "naver invests-in upstage; samsung-electronics invests-in upstage"},
      // No round: joining is no investment.
      {"Upstage raised $50 million in a Series B round. Naver participated in a trade fair.", ""},
  });
}

TEST_CASE("relate: 양사 after a sentence naming two companies is those two, over an older group") {
  check_cases({
      {"아마존과 KT가 손잡았다. LG CNS는 코히어와의 협력을 넓힌다. 양사는 공동으로 계약을 "
       "체결했다.",
       "amazon partners-with kt; cohere partners-with lg-cns"},
      // A company inside a relative clause is no antecedent: the group is.
      {"삼성전자와 AMD가 손잡았다. 이번 계약으로 삼성전자는 그동안 SK하이닉스에 밀렸던 "
       "시장에서 "
       "발판을 마련했다. 양사의 협력은 계속된다.",
       "amd partners-with samsung-electronics"},
  });
}

TEST_CASE("relate: a topic founds the venture its subjectless relative clause names") {
  check_cases({
      {"소프트뱅크와 오픈AI는 지난해 합작 설립한 스타게이트에 각각 1억달러를 추가 출자하기로 "
       "했다.",
       "openai invests-in stargate; openai partners-with softbank; openai partners-with "
       "stargate; "
       "softbank invests-in stargate; softbank partners-with stargate"},
      // The relative clause's own subject founds; the topic only funds.
      {"소프트뱅크는 오픈AI가 설립한 스타게이트에 출자했다.", "softbank invests-in stargate"},
      // A topic and a relative clause of another verb: no founding.
      {"소프트뱅크는 지난해 인수한 스타게이트에 출자했다.", "softbank invests-in stargate"},
  });
}

TEST_CASE("relate: nouns built on a trigger name no act, a trigger noun's owner is its target") {
  check_cases({
      // The supply chain is no supply deal, a review board no investment.
      {"한화오션이 지분을 늘렸다. 삼성SDI는 공급망 안정 효과를 강조했다.", ""},
      {"한화오션은 호주 외국인투자심의위원회의 승인을 받았다.", ""},
      // A trigger next to such a noun still counts.
      {"삼성SDI는 에코프로비엠과 공급망 협력을 강화했다.", "ecopro-bm partners-with samsung-sdi"},
      // The stake's owner, not a name before it in another phrase, is its target.
      {"한화오션은 호주 정부의 승인을 받아 오스탈 지분 취득을 마무리했다.",
       "hanwha-ocean invests-in austal"},
  });
}

TEST_CASE("relate: a passive trigger and a body's locative topic stop the topic going on") {
  check_cases({
      {"에코프로비엠은 헝가리에 4000억원을 투자한다. 공급 물량은 미국 공장에 투입될 "
       "예정이다.",
       "ecopro-bm invests-in hungary"},
      // Active, the topic goes on.
      {"에코프로비엠은 헝가리에 4000억원을 투자한다. 또 미국 공장에 1000억원을 투입한다.",
       "ecopro-bm invests-in hungary; ecopro-bm invests-in united-states"},
      {"방준혁 넷마블 의장은 규제를 비판했다. 국회에서는 크래프톤의 잇단 인수합병을 둘러싼 "
       "지적도 "
       "나왔다.",
       ""},
  });
}

TEST_CASE("relate: English 'led by' gives money only when money is led") {
  check_cases({
      {"Upstage closed a Series B round led by Nvidia.", "nvidia invests-in upstage"},
      {"Upstage reported record profit, led by its Vietnam and Japan businesses.", ""},
  });
}

TEST_CASE("relate: a seller named with 로부터 and a company's nationality are no targets") {
  check_cases({
      {"두산은 SK로부터 SK실트론 지분 70%를 사들였다.", "doosan invests-in sk-siltron"},
      // Received from: the giver (a received trigger).
      {"퓨리오사AI는 KT로부터 투자를 받았다.", "kt invests-in furiosaai"},
      {"일본은 호주 희토류 기업에 대한 출자를 늘렸다.", ""},
      // The country itself, or its company named: targets.
      {"일본은 호주에 대한 출자를 늘렸다.", "japan invests-in australia"},
      {"일본은 호주 희토류 기업 라이너스에 출자했다.", "japan invests-in company:라이너스"},
  });
}

TEST_CASE("relate: English verbs that end a tie block it, \"the end of\" does not") {
  check_cases({
      {"SK On and Ford end their joint venture as EV demand cools.", ""},
      {"Samsung dissolved its partnership with Nvidia.", ""},
      {"Samsung will partner with Nvidia until the end of 2027.",
       "nvidia partners-with samsung-electronics"},
  });
}

TEST_CASE("relate: \"X 3대 주주인 Y\": a two-word stake before a modified name") {
  check_cases({
      {"넷마블 3대 주주인 중국 텐센트는 지분을 유지했다.", "tencent invests-in netmarble"},
      {"카카오 2대주주인 텐센트는 말을 아꼈다.", "tencent invests-in kakao"},
      // A number that is no rank of holders.
      {"넷마블 3대 주력 사업인 중국 게임은 부진했다.", ""},
  });
}

TEST_CASE("relate: an English country written as an adjective is no target") {
  check_cases({
      {"Samsung Electronics, which owns US audio equipment maker Harman, said sales rose.",
       "samsung-electronics invests-in harman"},
      {"LG Chem will supply cathodes to Tesla, the US electric car maker.",
       "lg-chem partners-with tesla"},
      {"LG Chem will supply cathodes to the US carmaker next year.", ""},
      // The state's organs are partners, and a country after "in" is where money goes.
      {"LG Chem signed a supply deal with the US government.",
       "lg-chem partners-with united-states"},
      {"LG Chem will invest $1 billion in its US cathode plant.",
       "lg-chem invests-in united-states"},
  });
}

TEST_CASE("relate: English money put into a place or a firm") {
  check_cases({
      {"Lotte Chemical said it will put 500 billion won ($340 million) into a new plant in "
       "Indonesia.",
       "lotte-chemical invests-in indonesia"},
      {"Lotte Chemical put $2 billion into Hanwha Ocean.",
       "lotte-chemical invests-in hanwha-ocean"},
      // Not money: nothing.
      {"Lotte Chemical put its plant in Indonesia on hold.", ""},
      {"Lotte Chemical put pressure on Hanwha Ocean.", ""},
  });
}

TEST_CASE("relate: an English quote right after a criticism goes on with it") {
  check_cases({
      {"China's Foreign Ministry accused Japan of provoking tensions. \"Japan keeps stoking "
       "confrontation,\" ministry spokesperson Lin Jian told reporters.",
       "china criticises japan; lin-jian criticises japan"},
      {"Elon Musk mocked Apple on Tuesday. \"Apple has lost its way,\" he said.",
       "elon-musk criticises apple"},
      // Another speaker, or no criticised name in the quote: nothing more.
      {"China's Foreign Ministry accused Japan of provoking tensions. \"Japan keeps stoking "
       "confrontation,\" Toyota CEO Koji Sato said.",
       "china criticises japan"},
      {"China's Foreign Ministry accused Japan of provoking tensions. \"We want calm,\" "
       "ministry "
       "spokesperson Lin Jian told reporters.",
       "china criticises japan"},
  });
}

TEST_CASE("relate: an English judgement after a copula falls on the name before it") {
  check_cases({
      {"Elon Musk said on Tuesday that Apple's new tax policy was \"unacceptable.\"",
       "elon-musk criticises apple"},
      {"Elon Musk called Apple's new policy deeply disappointing.", "elon-musk criticises apple"},
      // A judgement without a copula or a speaker is none.
      {"Apple posted disappointing sales in China.", ""},
      {"Apple's sales in China were disappointing.", ""},
      {"Elon Musk said Apple's sales were not disappointing.", ""},
  });
}

TEST_CASE("relate: English cooperation, ended ventures, and a list after the first name") {
  check_cases({
      {"Naver and Kakao signed a cooperation agreement on AI safety.", "kakao partners-with naver"},
      {"Korea, Japan agree to cooperate on chips, batteries", "japan partners-with south-korea"},
      // An apposition after the first name is still one.
      {"Samsung, Korea's largest company, will cooperate with Nvidia.",
       "nvidia partners-with samsung-electronics"},
      // An ended venture is no partnership; the end of a period is no end of a deal.
      {"SK On, Ford end their battery joint venture as demand cools", ""},
      {"By the end of 2027, Naver and Kakao will cooperate on AI.", "kakao partners-with naver"},
  });
}

TEST_CASE("relate: English wrongs reported of someone, and protests") {
  check_cases({
      {"Donald Trump said on Monday that Taiwan had stolen the US chip industry.",
       "donald-trump criticises taiwan"},
      {"Elon Musk said in a statement that Apple had \"spent years deceiving its users about "
       "privacy.\"",
       "elon-musk criticises apple"},
      // Not said of anyone: none.
      {"Taiwan stole the show at the fair.", ""},
      {"China protested to Japan over the visit.", "china criticises japan"},
  });
}

TEST_CASE("relate: English passive criticism") {
  check_cases({
      {"Samsung's chip plan was slammed by Elon Musk on Monday.",
       "elon-musk criticises samsung-electronics"},
      {"Apple was criticized by Elon Musk for its fees.", "elon-musk criticises apple"},
      // No one named after "by", or a passive of another relation: none.
      {"Apple was criticized by analysts for its fees.", ""},
      {"Apple was acquired by a fund in 2019.", ""},
  });
}

TEST_CASE("relate: an English apposition naming a joint venture") {
  check_cases({
      {"Samsung SDI and Stellantis will put $1 billion into StarPlus Energy, their battery "
       "joint "
       "venture in Indiana.",
       "company:StarPlus Energy partners-with samsung-sdi; company:StarPlus Energy "
       "partners-with stellantis; samsung-sdi invests-in company:StarPlus Energy; samsung-sdi "
       "partners-with stellantis; stellantis invests-in company:StarPlus Energy"},
      // A venture named elsewhere in the sentence is not the apposition's.
      {"Samsung SDI and Stellantis, which run a joint venture, will invest $1 billion in "
       "Indiana.",
       "samsung-sdi partners-with stellantis"},
  });
}
