// Tests of src/match: alias contexts, space flexibility, longest match, groups, the particle set,
// and a differential test of the Aho-Corasick automaton against the naive engine, and of
// LiteralStarts against the automaton.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "match/literal_automaton.h"
#include "match/literal_starts.h"
#include "match/matcher.h"
#include "match/particles.h"
#include "normalise/normalise.h"
#include "rules/rule_parser.h"
#include "unicode/utf8.h"

using namespace relgraph;

namespace {

// A small rule set: the particle lexicons of rules/korean.rules and a few entities whose
// aliases exercise every context.
const char* const kMatchRules =
    "type person\n"
    "type company\n"
    "type country\n"
    "\n"
    "lexicon particle.subject\n"
    "  words: 은 | 는 | 이 | 가 | 께서 | 도\n"
    "lexicon particle.object\n"
    "  words: 을 | 를\n"
    "lexicon particle.dative\n"
    "  words: 에 | 에게 | 에서 | 로 | 으로\n"
    "lexicon particle.comitative\n"
    "  words: 와 | 과 | 하고\n"
    "lexicon particle.genitive\n"
    "  words: 의\n"
    "lexicon particle.other\n"
    "  words: 등 | 만 | 까지\n"
    "lexicon suffix.noun\n"
    "  words: 산 | 측 | 정부 | 기업\n"
    "\n"
    "entity openai\n"
    "  type: company\n"
    "  aliases: OpenAI | 오픈AI\n"
    "entity sam-altman\n"
    "  type: person\n"
    "  aliases: 샘 올트먼 | Sam Altman\n"
    "entity donald-trump\n"
    "  type: person\n"
    "  aliases: 트럼프 | Trump [case]\n"
    "entity united-states\n"
    "  type: country\n"
    "  aliases: 미국 | 미 [alone] | US [case] | 대미 [toward]\n"
    "entity china\n"
    "  type: country\n"
    "  aliases: 중국 | 중 [list]\n"
    "entity japan\n"
    "  type: country\n"
    "  aliases: 일본 | 일 [list]\n"
    "entity south-korea\n"
    "  type: country\n"
    "  aliases: 한국 | 한 [list]\n"
    "entity india\n"
    "  type: country\n"
    "  aliases: 인도 | India\n"
    "entity indonesia\n"
    "  type: country\n"
    "  aliases: 인도네시아\n"
    "entity arm\n"
    "  type: company\n"
    "  aliases: Arm [case] | ARM [case]\n"
    "entity softbank-group\n"
    "  type: company\n"
    "  aliases: 소프트뱅크그룹\n"
    "entity softbank-corp\n"
    "  type: company\n"
    "  aliases: 소프트뱅크\n"
    "entity samsung\n"
    "  type: company\n"
    "  aliases: 삼성 [particle] | 삼성전자\n"
    "entity kia\n"
    "  type: company\n"
    "  aliases: 기아 [any]\n"
    "\n"
    "group korea-us-japan\n"
    "  members: south-korea | united-states | japan\n"
    "  aliases: 한미일\n";

std::shared_ptr<const Matcher> fixture_matcher() {
  static const std::shared_ptr<const Matcher> m = [] {
    RuleSet rules;
    Diagnostics diags;
    parse_rules(kMatchRules, "match.rules", rules, diags);
    validate_rules(rules, diags);
    REQUIRE(diags.error_count() == 0);
    return Matcher::compile(rules);
  }();
  return m;
}

std::shared_ptr<const Matcher> starter_matcher() {
  static const std::shared_ptr<const Matcher> m = [] {
    Diagnostics diags;
    const RuleSet rules = load_rules(builtin_rules(), diags);
    REQUIRE(diags.error_count() == 0);
    return Matcher::compile(rules);
  }();
  return m;
}

// "name=entity" for each mention, in order, with flags: "+group", "+toward".
std::string describe(const Matcher& m, std::string_view text, const std::vector<Mention>& found) {
  std::string out;
  for (const Mention& x : found) {
    if (!out.empty()) out += ' ';
    out += std::string(text.substr(x.begin, x.end - x.begin)) + "=" + m.entities()[x.entity].id;
    if (x.from_group) out += "+group";
    if (x.toward) out += "+toward";
  }
  return out;
}

// Mentions of `text` (normalised first) with the fixture rules.
std::string mentions(std::string_view raw) {
  const std::string text = normalise_string(raw);
  const Matcher& m = *fixture_matcher();
  return describe(m, text, m.find(text));
}

std::string starter_mentions(std::string_view raw) {
  const std::string text = normalise_string(raw);
  const Matcher& m = *starter_matcher();
  return describe(m, text, m.find(text));
}

}  // namespace

TEST_CASE("match: a name followed by glued particles") {
  CHECK(mentions("오픈AI와 트럼프는 만났다") == "오픈AI=openai 트럼프=donald-trump");
  CHECK(mentions("OpenAI에게 미국이 투자") == "OpenAI=openai 미국=united-states");
  CHECK(mentions("트럼프까지") == "트럼프=donald-trump");
  CHECK(mentions("오픈AI의") == "오픈AI=openai");
}

TEST_CASE("match: a short Hangul alias is not found inside words") {
  CHECK(mentions("인도는 성장했다") == "인도=india");
  CHECK(mentions("인도에서 인도를 인도와") == "인도=india 인도=india 인도=india");
  CHECK(mentions("인도산 제품") == "인도=india");  // noun suffix
  CHECK(mentions("인도 정부") == "인도=india");
  CHECK(mentions("인도네시아는") == "인도네시아=indonesia");
  CHECK(mentions("인도하다") == "");
  CHECK(mentions("인도했다") == "");
  CHECK(mentions("중국인도") == "");  // 인도 glued after 국, 중국 before non-particles
  CHECK(mentions("미국산") == "미국=united-states");
  CHECK(mentions("미국행") == "");  // 행 is not in this fixture's suffix list
}

TEST_CASE("match: [alone] needs no letter on either side") {
  CHECK(mentions("미래") == "");
  CHECK(mentions("미 대선") == "미=united-states");
  CHECK(mentions("미·중 갈등") == "미=united-states 중=china");
  CHECK(mentions("(미) 정부") == "미=united-states");
  CHECK(mentions("미는") == "");  // glued to a particle: not alone
}

TEST_CASE("match: the characters next to a name are read whatever their UTF-8 length") {
  // [alone] "미" next to letters of one to four bytes, with lead bytes that have special
  // ranges (0xE0, 0xED, 0xF0) or not, and next to punctuation of two and three bytes.
  const std::pair<const char*, bool> neighbours[] = {
      {"é", true},  {"ㄱ", true}, {"中", true},  {"힣", true},      {"\u0800", true},
      {"𠀀", true}, {"!", false}, {"、", false}, {"\uE000", false}, {"¿", false}};
  for (const auto& [c, letter] : neighbours) {
    INFO("neighbour: ", c);
    const std::string expected = letter ? "" : "미=united-states";
    CHECK(mentions(std::string("미") + c) == expected);
    CHECK(mentions(std::string(c) + "미") == expected);
  }
}

TEST_CASE("match: [list] needs a list mark next to it") {
  CHECK(mentions("미·중") == "미=united-states 중=china");
  CHECK(mentions("한·미·일 정상") == "한=south-korea 미=united-states 일=japan");
  CHECK(mentions("한/중 교역") == "한=south-korea 중=china");
  CHECK(mentions("중,일 양국") == "중=china 일=japan");
  CHECK(mentions("중, 일 양국") == "중=china");  // "directly" before or after the mark
  CHECK(mentions("중 하나") == "");
  CHECK(mentions("한 사람") == "");
  CHECK(mentions("중국·일본") == "중국=china 일본=japan");
  CHECK(mentions("미·중과") == "미=united-states 중=china");  // particles after the list item
  CHECK(mentions("미·중심") == "미=united-states");           // 중심 is a word, not 중
}

TEST_CASE("match: [case] aliases match only in their case") {
  CHECK(mentions("US tariffs") == "US=united-states");
  CHECK(mentions("us and them") == "");
  CHECK(mentions("Us") == "");
  CHECK(mentions("Trump said") == "Trump=donald-trump");
  CHECK(mentions("trump card") == "");
  CHECK(mentions("ARM and Arm") == "ARM=arm Arm=arm");
  CHECK(mentions("arm") == "");
  // Without [case], Latin aliases ignore case.
  CHECK(mentions("openai and INDIA") == "openai=openai INDIA=india");
}

TEST_CASE("match: Latin names do not touch other Latin letters or digits") {
  CHECK(mentions("Armed forces") == "");
  CHECK(mentions("Arm은 설계한다") == "Arm=arm");
  CHECK(mentions("Arm, Trump") == "Arm=arm Trump=donald-trump");
  CHECK(mentions("FarmArm") == "");
  CHECK(mentions("US2") == "");
  CHECK(mentions("OpenAIs") == "");
  CHECK(mentions("(OpenAI)") == "OpenAI=openai");
  CHECK(mentions("Indian") == "");
}

TEST_CASE("match: spaces are flexible where the alias has one and between Hangul and Latin") {
  CHECK(mentions("오픈 AI는") == "오픈 AI=openai");
  CHECK(mentions("샘올트먼은") == "샘올트먼=sam-altman");
  CHECK(mentions("샘 올트먼은") == "샘 올트먼=sam-altman");
  CHECK(mentions("SamAltman") == "SamAltman=sam-altman");
  CHECK(mentions("Open AI") == "");  // Latin-Latin space is not in the alias
  CHECK(mentions("오 픈AI") == "");  // Hangul-Hangul space is not in the alias
  CHECK(mentions("한 국가") == "");  // not 한국
  CHECK(mentions("중 국가") == "");
  CHECK(mentions("인 도는") == "");
  CHECK(mentions("오픈\nAI") == "");  // never across a line break
  CHECK(mentions("샘\n올트먼") == "");
  // The span covers the text as written, spaces included.
  const std::string text = "CEO 샘  올트먼이";
  const std::vector<Mention> found = fixture_matcher()->find(text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].begin == 4);
  CHECK(found[0].end == text.size() - 3);
}

TEST_CASE("match: the longest overlapping match wins") {
  CHECK(mentions("소프트뱅크그룹은") == "소프트뱅크그룹=softbank-group");
  CHECK(mentions("소프트뱅크는") == "소프트뱅크=softbank-corp");
  CHECK(mentions("소프트뱅크그룹과 소프트뱅크") ==
        "소프트뱅크그룹=softbank-group 소프트뱅크=softbank-corp");
  CHECK(mentions("인도네시아") == "인도네시아=indonesia");
  CHECK(mentions("삼성전자는") == "삼성전자=samsung");
  // A long Hangul name may be followed by anything.
  CHECK(mentions("소프트뱅크그룹계열") == "소프트뱅크그룹=softbank-group");
}

TEST_CASE("match: [particle] and [any] contexts") {
  CHECK(mentions("삼성은") == "삼성=samsung");
  CHECK(mentions("삼성 측") == "삼성=samsung");
  CHECK(mentions("삼성물산") == "");
  CHECK(mentions("기아차") == "기아=kia");  // [any]: anything may follow
  CHECK(mentions("기아는") == "기아=kia");
}

TEST_CASE("match: overlaps are resolved longest first, then earliest") {
  RuleSet rules;
  Diagnostics diags;
  parse_rules(
      "type thing\n"
      "entity x\n  type: thing\n  aliases: 가나 다라 [any]\n"
      "entity y\n  type: thing\n  aliases: 다라 마바 [any]\n"
      "entity z\n  type: thing\n  aliases: 다라 [any]\n"
      "entity w\n  type: thing\n  aliases: 마바 [any] | 마바 사아 자차 [any]\n"
      "entity v\n  type: thing\n  aliases: 사아 [any]\n"
      "group g\n  members: x | y\n  aliases: 카타 [any]\n",
      "overlap.rules", rules, diags);
  validate_rules(rules, diags);
  REQUIRE(diags.error_count() == 0);
  const auto m = Matcher::compile(rules);
  auto found = [&](std::string_view text) { return describe(*m, text, m->find(text)); };
  // Equal lengths: the earlier wins; the shorter inside loses.
  CHECK(found("가나 다라 마바") == "가나 다라=x 마바=w");
  CHECK(found("다라 마바 사아") == "다라 마바=y 사아=v");
  // The longer wins wherever it starts; adjacent spans both stay.
  CHECK(found("가나 다라 마바 사아 자차") == "가나 다라=x 마바 사아 자차=w");
  CHECK(found("다라 다라마바") == "다라=z 다라마바=y");
  // One span, several entities.
  CHECK(found("카타 가나 다라 카타") ==
        "카타=x+group 카타=y+group 가나 다라=x 카타=x+group 카타=y+group");
}

TEST_CASE("match: a group alias gives one mention per member") {
  const std::string text = "한미일 정상회의";
  const std::vector<Mention> found = fixture_matcher()->find(text);
  CHECK(describe(*fixture_matcher(), text, found) ==
        "한미일=united-states+group 한미일=japan+group 한미일=south-korea+group");
  REQUIRE(found.size() == 3);
  for (const Mention& m : found) {
    CHECK(m.begin == 0);
    CHECK(m.end == 9);
    CHECK(m.from_group);
  }
  // Sorted by (begin, entity index): united-states (3), japan (5), south-korea (6).
  CHECK(found[0].entity < found[1].entity);
  CHECK(found[1].entity < found[2].entity);
}

TEST_CASE("match: a toward alias marks the mention") {
  CHECK(mentions("대미 투자") == "대미=united-states+toward");
  CHECK(mentions("대미국") == "");
}

TEST_CASE("match: mentions are sorted and carry their alias") {
  const std::string text = "Trump와 트럼프, 미국";
  const Matcher& m = *fixture_matcher();
  const std::vector<Mention> found = m.find(text);
  REQUIRE(found.size() == 3);
  CHECK(found[0].begin == 0);
  CHECK(found[0].end == 5);
  CHECK(m.aliases()[found[0].alias].text == "Trump");
  CHECK(m.aliases()[found[0].alias].case_sensitive);
  CHECK(found[1].begin == 9);
  CHECK(m.aliases()[found[1].alias].text == "트럼프");
  CHECK(m.aliases()[found[2].alias].text == "미국");
  CHECK(m.aliases()[found[2].alias].key == "미국");
  CHECK(m.entities()[found[2].entity].type == "country");
}

TEST_CASE("match: alias keys are folded and remember their spaces") {
  const Matcher& m = *fixture_matcher();
  const MatcherAlias* altman = nullptr;
  for (const MatcherAlias& a : m.aliases())
    if (a.text == "Sam Altman") altman = &a;
  REQUIRE(altman != nullptr);
  CHECK(altman->key == "samaltman");
  CHECK(m.automaton_states() > 1);
  // A space inside a match only where the alias has one (between Latin letters).
  auto names_altman = [&](std::string_view text) {
    for (const Mention& x : m.find(normalise_string(text)))
      if (m.aliases()[x.alias].text == "Sam Altman") return true;
    return false;
  };
  CHECK(names_altman("Sam Altman said"));
  CHECK(names_altman("SamAltman said"));
  CHECK(names_altman("Sam  Altman said"));
  CHECK_FALSE(names_altman("Sa mAltman said"));
  CHECK_FALSE(names_altman("SamAlt man said"));
}

TEST_CASE("match: the particle set segments tails into known pieces") {
  RuleSet rules;
  Diagnostics diags;
  parse_rules(kMatchRules, "match.rules", rules, diags);
  const ParticleSet p(rules);
  CHECK_FALSE(p.empty());
  CHECK(p.accepts(""));
  CHECK(p.accepts("는"));
  CHECK(p.accepts("에게"));
  CHECK(p.accepts("측은"));
  CHECK_FALSE(p.accepts("하다"));
  CHECK_FALSE(p.accepts("네시아"));
  const auto pieces = p.segment("정부에서는");
  REQUIRE(pieces.has_value());
  REQUIRE(pieces->size() == 3);
  CHECK((*pieces)[0] == "정부");
  CHECK((*pieces)[1] == "에서");
  CHECK((*pieces)[2] == "는");
  CHECK(p.segment("")->empty());
  CHECK_FALSE(p.segment("정부에서의다").has_value());

  ParticleSet manual;
  CHECK(manual.empty());
  CHECK_FALSE(manual.accepts("는"));
  manual.add("는");
  manual.add("는");
  manual.add("");
  CHECK(manual.accepts("는는"));
}

TEST_CASE("match: the particle set segments exactly like a plain longest-first search") {
  // Items sharing first bytes (에, 에게, 에게서; 이, 이다, 이라고; Hangul syllables with the
  // same lead and second byte), one-byte items, and items whose first two bytes collide in
  // the set's buckets with those of others.
  const std::vector<std::string> items = {"에", "에게",     "에게서",    "이",   "이다", "이라고",
                                          "익", "읽",       "는",        "늘",   "a",    "ab",
                                          "b",  "\x01\x80", "\x02\x40y", "정부", "부",   "정"};
  ParticleSet set;
  for (const std::string& item : items) set.add(item);
  // The reference: at each byte from the end, the longest item (first added among equals)
  // that matches and leaves a tail that splits.
  std::vector<std::string> by_length = items;
  std::stable_sort(by_length.begin(), by_length.end(),
                   [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  auto reference = [&](std::string_view tail) -> std::optional<std::vector<std::string_view>> {
    const std::size_t n = tail.size();
    std::vector<int> next(n + 1, -1);
    std::vector<bool> ok(n + 1, false);
    ok[n] = true;
    for (std::size_t i = n; i-- > 0;)
      for (const std::string& item : by_length)
        if (item.size() <= n - i && ok[i + item.size()] && tail.substr(i, item.size()) == item) {
          ok[i] = true;
          next[i] = static_cast<int>(item.size());
          break;
        }
    if (!ok[0]) return std::nullopt;
    std::vector<std::string_view> pieces;
    for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(next[i]))
      pieces.push_back(tail.substr(i, static_cast<std::size_t>(next[i])));
    return pieces;
  };
  std::mt19937 random(13);
  const std::string pieces[] = {"에", "게", "서", "이", "다", "라",   "고",   "익",   "읽",   "는",
                                "늘", "a",  "b",  "정", "부", "\x01", "\x80", "\x02", "\x40", "y"};
  std::size_t accepted = 0;
  for (int round = 0; round < 5000; ++round) {
    std::string tail;
    for (int k = static_cast<int>(random() % 7); k > 0; --k)
      tail += pieces[random() % std::size(pieces)];
    INFO("tail: ", tail);
    const auto expected = reference(tail);
    REQUIRE(set.segment(tail) == expected);
    REQUIRE(set.accepts(tail) == expected.has_value());
    accepted += expected.has_value();
  }
  CHECK(accepted > 500);
}

TEST_CASE("match: the starter pack on typical sentences") {
  CHECK(starter_mentions("오픈AI와 트럼프는") == "오픈AI=openai 트럼프=donald-trump");
  CHECK(starter_mentions("미래 산업") == "");
  CHECK(starter_mentions("인도네시아와 인도는") == "인도네시아=indonesia 인도=india");
  CHECK(starter_mentions("인도하다") == "");
  CHECK(starter_mentions("미·중 갈등") == "미=united-states 중=china");
  CHECK(starter_mentions("Armed groups") == "");
  CHECK(starter_mentions("소프트뱅크그룹은") == "소프트뱅크그룹=softbank");
  CHECK(starter_mentions("한 국가") == "");
  CHECK(starter_mentions("샘올트먼") == "샘올트먼=sam-altman");
}

// --- the automaton against the naive engine ------------------------------------------------

namespace {

// Random texts built from alias strings of the starter pack, particles, spaces, punctuation,
// and random Hangul syllables and Latin letters.
class TextGenerator {
 public:
  explicit TextGenerator(const Matcher& m) : rng_(20260301u) {
    for (const MatcherAlias& a : m.aliases()) aliases_.push_back(a.text);
  }

  std::string next() {
    std::string out;
    const int pieces = pick(1, 24);
    for (int i = 0; i < pieces; ++i) {
      switch (pick(0, 9)) {
        case 0:
        case 1:
        case 2:
          out += alias_variant();
          break;
        case 3:
          out += kParticles[pick(0, std::size(kParticles) - 1)];
          break;
        case 4:
          out += ' ';
          break;
        case 5:
          out += kPunct[pick(0, std::size(kPunct) - 1)];
          break;
        case 6:
          for (int k = pick(1, 3); k > 0; --k) append_utf8(out, U'\uAC00' + pick(0, 11171));
          break;
        case 7:
          for (int k = pick(1, 4); k > 0; --k)
            out += static_cast<char>(pick(0, 1) ? 'a' + pick(0, 25) : 'A' + pick(0, 25));
          break;
        case 8:
          out += kSyllables[pick(0, std::size(kSyllables) - 1)];
          break;
        default:
          out += std::to_string(pick(0, 99));
          break;
      }
    }
    return out;
  }

  // Aliases glued to one another, with now and then a list mark, a particle or a space:
  // candidates that overlap and touch, in clusters of several.
  std::string glued() {
    std::string out;
    for (int i = pick(2, 10); i > 0; --i) {
      switch (pick(0, 7)) {
        case 0:
          out += kPunct[pick(0, 2)];
          break;
        case 1:
          out += kParticles[pick(0, std::size(kParticles) - 1)];
          break;
        case 2:
          out += kSyllables[pick(0, std::size(kSyllables) - 1)];
          break;
        case 3:
          out += ' ';
          break;
        default:
          out += alias_variant();
          break;
      }
    }
    return out;
  }

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  int pick(int lo, std::size_t hi) { return pick(lo, static_cast<int>(hi)); }

  // An alias, sometimes with a space inserted, its case changed or a piece cut off.
  std::string alias_variant() {
    std::string a = aliases_[static_cast<std::size_t>(pick(0, aliases_.size() - 1))];
    switch (pick(0, 5)) {
      case 0: {  // insert a space at a character boundary
        std::size_t at = static_cast<std::size_t>(pick(0, a.size()));
        while (at < a.size() && (static_cast<unsigned char>(a[at]) & 0xC0) == 0x80) ++at;
        std::string spaced(a, 0, at);
        spaced.push_back(' ');
        spaced.append(a, at, std::string::npos);
        a = std::move(spaced);
        break;
      }
      case 1:  // remove spaces
        std::erase(a, ' ');
        break;
      case 2:  // flip ASCII case
        for (char& c : a) {
          if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
          } else if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
          }
        }
        break;
      default:
        break;
    }
    return a;
  }

  static constexpr const char* kParticles[] = {"은", "는",   "이",   "가",     "을",   "를", "에",
                                               "의", "와",   "과",   "에서",   "으로", "등", "산",
                                               "측", "정부", "하다", "네시아", "래"};
  static constexpr const char* kPunct[] = {"·", ",", "/", ".", "\"", "(", ")", "\n", "-", "'"};
  static constexpr const char* kSyllables[] = {"미", "중", "한", "일", "인", "도", "국", "대"};

  std::mt19937 rng_;
  std::vector<std::string> aliases_;
};

std::string describe_all(const std::vector<Mention>& found) {
  std::string out;
  for (const Mention& m : found) {
    out += std::to_string(m.begin) + "-" + std::to_string(m.end) + ":" + std::to_string(m.entity) +
           "/" + std::to_string(m.alias) + (m.toward ? "t" : "") + (m.from_group ? "g" : "") + " ";
  }
  return out;
}

}  // namespace

TEST_CASE("match: the automaton finds exactly what the naive engine finds") {
  const Matcher& m = *starter_matcher();
  TextGenerator gen(m);
  std::size_t total_mentions = 0;
  std::size_t texts_with_mentions = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string text = normalise_string(gen.next());
    const std::vector<Mention> a = m.find(text, MatchEngine::automaton);
    const std::vector<Mention> n = m.find(text, MatchEngine::naive);
    INFO("text: ", text);
    CHECK(describe_all(a) == describe_all(n));
    total_mentions += a.size();
    if (!a.empty()) ++texts_with_mentions;
  }
  // The generator must actually produce mentions for the comparison to mean anything.
  CHECK(total_mentions > 400);
  CHECK(texts_with_mentions > 200);
}

TEST_CASE("match: both engines agree on long texts (the automaton scans them as two halves)") {
  const Matcher& m = *starter_matcher();
  TextGenerator gen(m);
  std::size_t total_mentions = 0;
  for (int i = 0; i < 60; ++i) {
    std::string raw;
    while (raw.size() < 1500 + static_cast<std::size_t>(i) * 40) raw += gen.next() + " ";
    const std::string text = normalise_string(raw);
    const std::vector<Mention> a = m.find(text, MatchEngine::automaton);
    INFO("text: ", text);
    CHECK(describe_all(a) == describe_all(m.find(text, MatchEngine::naive)));
    total_mentions += a.size();
  }
  CHECK(total_mentions > 1000);
}

TEST_CASE("match: both engines agree where names overlap and touch") {
  // The automaton resolves overlaps cluster by cluster, the naive engine over all candidates
  // at once: short texts, and long ones (scanned as two halves) with a cluster at the middle.
  const Matcher& m = *starter_matcher();
  TextGenerator gen(m);
  std::size_t total_mentions = 0;
  for (int i = 0; i < 600; ++i) {
    std::string raw = gen.glued();
    if (i % 4 == 0)
      while (raw.size() < 1200 + static_cast<std::size_t>(i)) raw += gen.glued();
    const std::string text = normalise_string(raw);
    const std::vector<Mention> a = m.find(text, MatchEngine::automaton);
    INFO("text: ", text);
    CHECK(describe_all(a) == describe_all(m.find(text, MatchEngine::naive)));
    total_mentions += a.size();
  }
  CHECK(total_mentions > 2000);
}

TEST_CASE("match: both engines agree on the fixture rules too") {
  const Matcher& m = *fixture_matcher();
  TextGenerator gen(m);
  for (int i = 0; i < 300; ++i) {
    const std::string text = normalise_string(gen.next());
    INFO("text: ", text);
    CHECK(describe_all(m.find(text, MatchEngine::automaton)) ==
          describe_all(m.find(text, MatchEngine::naive)));
  }
}

TEST_CASE("match: LiteralAutomaton groups equal patterns and finds every occurrence") {
  // Equal patterns (reported as the first, same_as lists all in input order), an empty one,
  // prefixes and suffixes of one another, bytes of Hangul.
  const std::vector<std::string> patterns = {"ab", "b",    "abc", "ab", "",     "c",
                                             "b",  "한국", "국",  "",   "bcab", "ab"};
  const LiteralAutomaton dense_automaton(patterns);
  // Only the root dense: every other state takes the sparse path.
  const LiteralAutomaton sparse_automaton(patterns, 1);
  CHECK(dense_automaton.dense_states() == dense_automaton.states());
  CHECK(sparse_automaton.dense_states() == 1);
  CHECK(sparse_automaton.states() == dense_automaton.states());
  for (const LiteralAutomaton* a : {&dense_automaton, &sparse_automaton}) {
    const LiteralAutomaton& automaton = *a;
    CHECK(automaton.pattern_count() == patterns.size());
    auto same = [&](std::uint32_t p) {
      const auto span = automaton.same_as(p);
      return std::vector<std::uint32_t>(span.begin(), span.end());
    };
    CHECK(same(0) == std::vector<std::uint32_t>{0, 3, 11});
    CHECK(same(3) == std::vector<std::uint32_t>{0, 3, 11});
    CHECK(same(1) == std::vector<std::uint32_t>{1, 6});
    CHECK(same(4) == std::vector<std::uint32_t>{4, 9});
    CHECK(same(2) == std::vector<std::uint32_t>{2});
    CHECK(automaton.pattern_length(7) == 6);

    // Against a naive search on random text over the patterns' bytes.
    std::mt19937 random(3);
    const std::string alphabet[] = {"a", "b", "c", "x", "한", "국"};
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 20);
      for (int i = 0; i < length; ++i) text += alphabet[random() % 6];
      std::vector<std::pair<std::size_t, std::uint32_t>> found;  // (end, first pattern)
      automaton.scan(text, [&](std::uint32_t p, std::size_t end) { found.emplace_back(end, p); });
      std::vector<std::pair<std::size_t, std::uint32_t>> expected;
      for (std::uint32_t p = 0; p < patterns.size(); ++p) {
        if (patterns[p].empty() || same(p).front() != p) continue;
        for (std::size_t at = text.find(patterns[p]); at != std::string::npos;
             at = text.find(patterns[p], at + 1))
          expected.emplace_back(at + patterns[p].size(), p);
      }
      std::sort(found.begin(), found.end());
      std::sort(expected.begin(), expected.end());
      INFO("text: ", text);
      REQUIRE(found == expected);
    }
  }
}

TEST_CASE("match: LiteralAutomaton with dense and sparse states agrees with a naive search") {
  // Many patterns over a few bytes: states with many edges, long failure chains.
  std::mt19937 random(7);
  const std::string alphabet[] = {"a", "b", "c", "d", "e", "한", "국", "\xff"};
  std::vector<std::string> patterns;
  for (int i = 0; i < 400; ++i) {
    std::string p;
    for (int k = 1 + static_cast<int>(random() % 7); k > 0; --k) p += alphabet[random() % 8];
    patterns.push_back(p);
  }
  for (const std::size_t cells : {std::size_t{1}, std::size_t{200}, std::size_t{3000},
                                  LiteralAutomaton::kDefaultDenseCells}) {
    const LiteralAutomaton automaton(patterns, cells);
    INFO("dense cells: ", cells, ", dense states: ", automaton.dense_states());
    for (int round = 0; round < 300; ++round) {
      std::string text;
      for (int i = static_cast<int>(random() % 60); i > 0; --i) text += alphabet[random() % 8];
      std::vector<std::pair<std::size_t, std::uint32_t>> found;
      automaton.scan(text, [&](std::uint32_t p, std::size_t end) { found.emplace_back(end, p); });
      // The two halves in step find the same, split anywhere (the halves of a text of one
      // byte are the text).
      std::vector<std::pair<std::size_t, std::uint32_t>> unordered;
      automaton.scan_unordered(
          text, [&](std::uint32_t p, std::size_t end) { unordered.emplace_back(end, p); },
          random() % 3);
      std::vector<std::pair<std::size_t, std::uint32_t>> expected;
      for (std::uint32_t p = 0; p < patterns.size(); ++p) {
        if (automaton.same_as(p).front() != p) continue;
        for (std::size_t at = text.find(patterns[p]); at != std::string::npos;
             at = text.find(patterns[p], at + 1))
          expected.emplace_back(at + patterns[p].size(), p);
      }
      std::sort(found.begin(), found.end());
      std::sort(unordered.begin(), unordered.end());
      std::sort(expected.begin(), expected.end());
      INFO("text: ", text);
      REQUIRE(found == expected);
      REQUIRE(unordered == expected);
    }
  }
}

TEST_CASE("match: LiteralAutomaton with a Folding folds and skips text bytes on the fly") {
  // "Ab" has a capital: the folded text never has one, so it never matches.
  const std::vector<std::string> patterns = {"ab", "b", "abc", "한국", "국a", "bb", "Ab", "bcbcab"};
  // Uppercase folds to lowercase, spaces and '_' are left out.
  const Folding folding{true, " _"};
  auto map = [](unsigned char b) {
    if (b == ' ' || b == '_') return -1;
    return static_cast<int>(b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
  };
  // All states dense, only the root dense, and some of each.
  for (const std::size_t cells :
       {LiteralAutomaton::kDefaultDenseCells, std::size_t{1}, std::size_t{40}}) {
    const LiteralAutomaton automaton(patterns, cells, folding);
    INFO("dense cells: ", cells, ", dense states: ", automaton.dense_states());
    std::mt19937 random(5);
    const std::string alphabet[] = {"a", "b", "A", "B", "c", " ", "_", "한", "국", "\n"};
    std::size_t hits = 0;
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      const int length = static_cast<int>(random() % 24);
      for (int i = 0; i < length; ++i) text += alphabet[random() % std::size(alphabet)];
      // The mapped text, and for each of its bytes the offset after it in `text`.
      std::string mapped;
      std::vector<std::size_t> end_of;
      for (std::size_t i = 0; i < text.size(); ++i) {
        const int b = map(static_cast<unsigned char>(text[i]));
        if (b < 0) continue;
        mapped.push_back(static_cast<char>(b));
        end_of.push_back(i + 1);
      }
      std::vector<std::pair<std::size_t, std::uint32_t>> found;
      automaton.scan(text, [&](std::uint32_t p, std::size_t end) { found.emplace_back(end, p); });
      std::vector<std::pair<std::size_t, std::uint32_t>> unordered;
      automaton.scan_unordered(
          text, [&](std::uint32_t p, std::size_t end) { unordered.emplace_back(end, p); }, 0);
      std::vector<std::pair<std::size_t, std::uint32_t>> expected;
      for (std::uint32_t p = 0; p < patterns.size(); ++p)
        for (std::size_t at = mapped.find(patterns[p]); at != std::string::npos;
             at = mapped.find(patterns[p], at + 1))
          expected.emplace_back(end_of[at + patterns[p].size() - 1], p);
      // In order of end, longest first at one end.
      CHECK(std::is_sorted(found.begin(), found.end(), [&](const auto& x, const auto& y) {
        return x.first < y.first ||
               (x.first == y.first && patterns[x.second].size() > patterns[y.second].size());
      }));
      std::sort(found.begin(), found.end());
      std::sort(unordered.begin(), unordered.end());
      std::sort(expected.begin(), expected.end());
      INFO("text: ", text);
      REQUIRE(found == expected);
      REQUIRE(unordered == expected);
      hits += found.size();
    }
    CHECK(hits > 2000);
  }
}

// --- surnames -------------------------------------------------------------------------------

namespace {

const char* const kSurnameRules =
    "type person\n"
    "type company\n"
    "\n"
    "entity jensen-huang\n"
    "  type: person\n"
    "  aliases: Jensen Huang | 젠슨 황\n"
    "entity mary-smith-jones\n"
    "  type: person\n"
    "  aliases: Mary Smith-Jones\n"
    "entity john-smith\n"
    "  type: person\n"
    "  aliases: John Smith\n"
    "entity paul-smith\n"
    "  type: person\n"
    "  aliases: Paul Smith\n"
    "entity sam-davis\n"
    "  type: person\n"
    "  aliases: Sam Davis Jr.\n"
    "entity kim-jones\n"
    "  type: person\n"
    "  aliases: Kim Jones | KIM JONES\n"
    "entity ann-cole\n"
    "  type: person\n"
    "  aliases: Dr. A.B. Cole | Ann Y.Z\n"
    "entity zoe-zulu\n"
    "  type: person\n"
    "  aliases: Zoe Zulu\n"
    "entity al-abe\n"
    "  type: person\n"
    "  aliases: Al Abe\n"
    "entity ned-jonas\n"
    "  type: person\n"
    "  aliases: Ned Jonas | Hu Huan\n"
    "entity tom-ross\n"
    "  type: person\n"
    "  aliases: Tom Ross | Tom Ross-Hill\n"
    "entity huang-corp\n"
    "  type: company\n"
    "  aliases: Wei Huang Corp\n";

std::shared_ptr<const Matcher> surname_matcher() {
  static const std::shared_ptr<const Matcher> m = [] {
    RuleSet rules;
    Diagnostics diags;
    parse_rules(kSurnameRules, "surname.rules", rules, diags);
    validate_rules(rules, diags);
    REQUIRE(diags.error_count() == 0);
    return Matcher::compile(rules);
  }();
  return m;
}

std::string surname_mentions(std::string_view raw) {
  const std::string text = normalise_string(raw);
  const Matcher& m = *surname_matcher();
  return describe(m, text, m.find(text));
}

}  // namespace

TEST_CASE("match: after a full Latin name, the surname alone names the person") {
  CHECK(surname_mentions("Jensen Huang said. Later Huang spoke.") ==
        "Jensen Huang=jensen-huang Huang=jensen-huang");
  CHECK(surname_mentions("Huang first, then Jensen Huang") == "Jensen Huang=jensen-huang");
  CHECK(surname_mentions("Jensen Huang (Huang) -Huang, Huang.") ==
        "Jensen Huang=jensen-huang Huang=jensen-huang Huang=jensen-huang Huang=jensen-huang");
  CHECK(surname_mentions("Jensen Huang: Huang2 XHuang Huangs Huangé éHuang 3Huang") ==
        "Jensen Huang=jensen-huang");
  CHECK(surname_mentions("젠슨 황 and Huang") == "젠슨 황=jensen-huang Huang=jensen-huang");
  CHECK(surname_mentions("Jensen Huang은 황과 Huang은") ==
        "Jensen Huang=jensen-huang Huang=jensen-huang");
  // Two people with the surname: ambiguous.
  CHECK(surname_mentions("John Smith and Paul Smith met. Smith left.") ==
        "John Smith=john-smith Paul Smith=paul-smith");
  CHECK(surname_mentions("John Smith met Kim Jones. Smith and Jones.") ==
        "John Smith=john-smith Kim Jones=kim-jones Smith=john-smith Jones=kim-jones");
  // Surnames with '-' or '.', and names inside such runs.
  CHECK(surname_mentions("Mary Smith-Jones. Smith-Jones left, Smith-Jonesy not.") ==
        "Mary Smith-Jones=mary-smith-jones Smith-Jones=mary-smith-jones");
  CHECK(surname_mentions("John Smith, Kim Jones: Smith-Jones") ==
        "John Smith=john-smith Kim Jones=kim-jones Smith=john-smith Jones=kim-jones");
  CHECK(surname_mentions("Sam Davis Jr. and Jr. again, Jr.X no") ==
        "Sam Davis Jr.=sam-davis Jr.=sam-davis");
  CHECK(surname_mentions("Dr. A.B. Cole: Cole, A.B.Cole, Y.Z") ==
        "Dr. A.B. Cole=ann-cole Cole=ann-cole Cole=ann-cole");
  // The first and last capitals, next to the bytes just outside 'A'..'Z' and 'a'..'z'.
  CHECK(surname_mentions("Al Abe, Zoe Zulu: @Abe[ `Zulu{ Abe Zulu") ==
        "Al Abe=al-abe Zoe Zulu=zoe-zulu Abe=al-abe Zulu=zoe-zulu Abe=al-abe Zulu=zoe-zulu");
  // Two surnames of one person at one start: both, the shorter first.
  CHECK(surname_mentions("Tom Ross-Hill: Ross-Hill") ==
        "Tom Ross-Hill=tom-ross Ross=tom-ross Ross-Hill=tom-ross");
  // Only people have surnames.
  CHECK(surname_mentions("Wei Huang Corp and Huang") == "Wei Huang Corp=huang-corp");
}

TEST_CASE("match: the surname look-up finds exactly what a naive search finds") {
  const Matcher& m = *surname_matcher();
  const char* const pieces[] = {"Jensen Huang", "Mary Smith-Jones", "John Smith", "Paul Smith",
                                "Sam Davis Jr.", "Kim Jones", "Dr. A.B. Cole", "Huang", "Smith",
                                "Jones", "Smith-Jones", "Jr.", "Cole", "A.B.", "-", ".", " ", " ",
                                "é", "7", "황", "은", "x", "Q", "(", "Wei Huang Corp", "Zoe Zulu",
                                "Zulu", "Al Abe", "Abe", "@", "[", "`", "{",
                                // Surnames that start with the letters of others ("Jo", "Hu"):
                                // only the people seen in a text count.
                                "Ned Jonas", "Jonas", "Hu Huan", "Huan",
                                // Two surnames of one person, one the start of the other.
                                "Tom Ross", "Ross", "Ross-Hill", "Tom Ross-Hill"};
  std::mt19937 random(11);
  std::size_t surname_hits = 0;
  for (int round = 0; round < 6000; ++round) {
    std::string raw;
    for (int k = static_cast<int>(random() % 16); k > 0; --k)
      raw += pieces[random() % std::size(pieces)];
    const std::string text = normalise_string(raw);
    const std::vector<Mention> fast = m.find(text, MatchEngine::automaton);
    INFO("text: ", text);
    REQUIRE(describe_all(fast) == describe_all(m.find(text, MatchEngine::naive)));
    for (const Mention& x : fast)
      if (text.substr(x.begin, x.end - x.begin).find(' ') == std::string::npos) ++surname_hits;
  }
  CHECK(surname_hits > 150);
}

namespace {

// Every occurrence LiteralStarts reports, (begin, end, pattern), in its order; and every
// occurrence a LiteralAutomaton with the same patterns reports, in that order.
using Occurrences = std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>>;

Occurrences starts_scan(const LiteralStarts& starts, std::string_view text) {
  Occurrences found;
  starts.scan(text,
              [&](std::uint32_t p, std::size_t b, std::size_t e) { found.emplace_back(b, e, p); });
  return found;
}

Occurrences automaton_scan(const LiteralAutomaton& automaton, std::string_view text) {
  Occurrences found;
  automaton.scan(text, [&](std::uint32_t p, std::size_t e) {
    found.emplace_back(e - automaton.pattern_length(p), e, p);
  });
  std::sort(found.begin(), found.end());
  return found;
}

// LiteralStarts and the automaton agree on `text`, and LiteralStarts reports by begin, then end.
void check_starts(const LiteralStarts& starts, const LiteralAutomaton& automaton,
                  std::string_view text) {
  const Occurrences found = starts_scan(starts, text);
  INFO("text: ", text);
  REQUIRE(std::is_sorted(found.begin(), found.end()));
  REQUIRE(found == automaton_scan(automaton, text));
}

}  // namespace

TEST_CASE("match: LiteralStarts finds what LiteralAutomaton finds (random patterns and texts)") {
  // Pieces of patterns and texts: ASCII letters in both cases, a digit, a space, Hangul, a lone
  // lead byte, continuation bytes, 0xff and NUL.
  const std::string pieces[] = {
      "a",  "b",  "A",  "B",    "z",    "2",    " ",    "-",
      "한", "국", "가", "\xea", "\x80", "\xbf", "\xff", std::string(1, '\0'),
      "M",  "mou"};
  std::mt19937 random(11);
  auto piece = [&] { return pieces[random() % std::size(pieces)]; };
  std::size_t total = 0;
  for (int round = 0; round < 400; ++round) {
    const bool ascii_case = round % 2 == 0;
    std::vector<std::string> patterns;
    for (int k = 1 + static_cast<int>(random() % 30); k > 0; --k) {
      std::string p;
      for (int n = static_cast<int>(random() % 8); n > 0; --n) p += piece();
      patterns.push_back(p);
    }
    if (random() % 4 == 0) patterns.push_back(patterns[random() % patterns.size()]);
    const LiteralStarts starts(patterns, ascii_case);
    const LiteralAutomaton automaton(patterns, LiteralAutomaton::kDefaultDenseCells,
                                     Folding{.ascii_case = ascii_case, .skip = {}});
    INFO("round ", round, ", ascii_case ", ascii_case);
    REQUIRE(starts.pattern_count() == patterns.size());
    for (std::uint32_t p = 0; p < patterns.size(); ++p) {
      REQUIRE(starts.pattern_length(p) == patterns[p].size());
      const auto a = starts.same_as(p), b = automaton.same_as(p);
      REQUIRE(std::vector<std::uint32_t>(a.begin(), a.end()) ==
              std::vector<std::uint32_t>(b.begin(), b.end()));
    }
    for (int t = 0; t < 20; ++t) {
      // Random pieces, or patterns with their case flipped here and there and pieces between,
      // of every length up to a few blocks of 64 bytes (their ends hashed from padded bytes).
      std::string text;
      const std::size_t length = random() % 400;
      while (text.size() < length) {
        if (random() % 2 == 0) {
          text += piece();
        } else {
          std::string p = patterns[random() % patterns.size()];
          for (char& c : p)
            if (std::isalpha(static_cast<unsigned char>(c)) && random() % 3 == 0)
              c = static_cast<char>(c ^ 0x20);
          if (!p.empty() && random() % 5 == 0) p.pop_back();
          text += p;
        }
      }
      check_starts(starts, automaton, text);
      total += starts_scan(starts, text).size();
    }
  }
  CHECK(total > 10000);
}

TEST_CASE("match: LiteralStarts finds what LiteralAutomaton finds (the relation triggers)") {
  // The triggers as relate folds them, on the fixture articles and examples, as written, in
  // capitals and in lowercase.
  RuleSet rules;
  Diagnostics diags;
  std::string text;
  for (const auto* name : {"/rules/relations.rules", "/tests/fixtures/articles/a_invest.txt",
                           "/tests/fixtures/articles/b_partner.txt"}) {
    std::ifstream in(std::string(RELGRAPH_SOURCE_DIR) + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (std::string_view(name).ends_with(".rules"))
      parse_rules(s.str(), name, rules, diags);
    else
      text += s.str();
  }
  for (const auto& entry : std::filesystem::directory_iterator(std::string(RELGRAPH_SOURCE_DIR) +
                                                               "/examples/articles")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text += s.str();
  }
  std::vector<std::string> keys;
  for (const RelationType& r : rules.relations)
    for (const LexiconEntry& t : r.triggers) {
      std::string key = t.text;
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      keys.push_back(key);
    }
  REQUIRE(keys.size() > 100);
  const LiteralStarts starts(keys, true);
  const LiteralAutomaton automaton(keys, LiteralAutomaton::kDefaultDenseCells,
                                   Folding{.ascii_case = true, .skip = {}});
  std::string upper = text, lower = text;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  CHECK(starts_scan(starts, text).size() > 100);
  for (const std::string* t : {&text, &upper, &lower}) {
    check_starts(starts, automaton, *t);
    // Every suffix, for where the blocks of 64 bytes and the padded end fall.
    for (std::size_t from = 1; from < 80 && from < t->size(); ++from)
      check_starts(starts, automaton, std::string_view(*t).substr(from));
  }
}
