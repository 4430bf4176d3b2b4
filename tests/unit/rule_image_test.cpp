// Tests of src/rule_image: a frozen and thawed rule set and Matcher behave exactly like freshly
// loaded and compiled ones; damaged images are rejected, never read out of bounds; the key
// changes with every input. Also the LiteralAutomaton's frozen form on its own.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "match/literal_automaton.h"
#include "match/matcher.h"
#include "normalise/normalise.h"
#include "rule_image/rule_image.h"
#include "rules/rule_parser.h"

using namespace relgraph;

namespace {

// Every alias context and option, a group, people with Latin names (surnames), a [case] alias,
// a 對-compound, an alias shared by two entities (a warning) and a note-worthy duplicate.
const char* const kImageTypes =
    "type person\n"
    "type company\n"
    "type country\n"
    "lexicon particle.subject\n"
    "  words: 은 | 는 | 이 | 가\n"
    "lexicon particle.comitative\n"
    "  words: 와 | 과\n"
    "lexicon suffix.noun\n"
    "  words: 산 | 측\n";
const char* const kImageEntities =
    "entity x-openai\n"
    "  type: company\n"
    "  label: OpenAI\n"
    "  aliases: OpenAI | 오픈 AI\n"
    "  ticker: none\n"
    "entity x-jensen-huang\n"
    "  type: person\n"
    "  aliases: Jensen Huang | 젠슨 황\n"
    "entity x-mary-smith\n"
    "  type: person\n"
    "  aliases: Mary Smith | 메리 스미스\n"
    "entity x-donald-trump\n"
    "  type: person\n"
    "  aliases: 트럼프 | Trump [case]\n"
    "entity x-united-states\n"
    "  type: country\n"
    "  aliases: 미국 | 미 [alone] | US [case] | 대미 [toward]\n"
    "entity x-china\n"
    "  type: country\n"
    "  aliases: 중국 | 중 [list]\n"
    "entity x-japan\n"
    "  type: country\n"
    "  aliases: 일본 | 일 [list]\n"
    "entity x-south-korea\n"
    "  type: country\n"
    "  aliases: 한국 | 한 [list]\n"
    "entity x-samsung\n"
    "  type: company\n"
    "  aliases: 삼성 [particle] | 삼성전자\n"
    "entity x-kia\n"
    "  type: company\n"
    "  aliases: 기아 [any]\n"
    "entity x-kia-two\n"
    "  type: company\n"
    "  aliases: 기아 [any]\n"
    "group x-korea-us-japan\n"
    "  members: x-south-korea | x-united-states | x-japan\n"
    "  aliases: 한미일\n";

const std::string kImageRules = std::string(kImageTypes) + kImageEntities;

const char* const kText =
    "Jensen Huang said OpenAI and 오픈 AI will work with 삼성과 삼성전자. Later Huang spoke, "
    "and Mary Smith met Smith again. US exports, us here, 트럼프 and Trump and TRUMP.\n"
    "한미일 정상은 미·중 갈등 속에 대미 투자를 늘렸다. 미래의 기아는 한·일 관계, 미 대선.\n"
    "중, 보복 관세. 삼성산 반도체와 기아측 입장.";

struct Loaded {
  RuleSet rules;
  std::shared_ptr<const Matcher> matcher;
  Diagnostics diags;
};

Loaded load(const std::vector<RuleSource>& sources) {
  Loaded out;
  out.rules = load_rules(sources, out.diags);
  REQUIRE(!out.diags.has_errors());
  out.matcher = Matcher::compile(out.rules);
  return out;
}

std::vector<RuleSource> small_sources() { return {{"image.rules", kImageRules}}; }

std::vector<RuleSource> starter_and_small() {
  std::vector<RuleSource> sources = builtin_rules();
  sources.push_back({"image.rules", kImageEntities});
  return sources;
}

const RuleImageKey kKey = rule_image_key("test", false, small_sources());

using MentionTuple = std::tuple<std::size_t, std::size_t, std::uint32_t, std::uint32_t, bool, bool>;
std::vector<MentionTuple> mentions(const Matcher& m, std::string_view raw,
                                   MatchEngine engine = MatchEngine::automaton) {
  const std::string text = normalise_string(raw);
  std::vector<MentionTuple> out;
  for (const Mention& x : m.find(text, engine))
    out.emplace_back(x.begin, x.end, x.entity, x.alias, x.toward, x.from_group);
  return out;
}

std::string fixture_text() {
  std::string text = kText;
  for (const char* name : {"/tests/fixtures/articles/a_invest.txt",
                           "/tests/fixtures/articles/b_partner.txt", "/examples/README.md"}) {
    std::ifstream in(std::string(RELGRAPH_SOURCE_DIR) + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    text += '\n';
    text += s.str();
  }
  return text;
}

}  // namespace

TEST_CASE("rule_image: a thawed Matcher finds what the compiled one finds") {
  const Loaded loaded = load(starter_and_small());
  const RuleImageKey key = rule_image_key("test", true, starter_and_small());
  const std::string image = freeze_rule_image(key, loaded.rules, *loaded.matcher, loaded.diags);
  std::string why;
  const std::optional<ThawedRules> thawed = thaw_rule_image(image, key, why);
  REQUIRE_MESSAGE(thawed.has_value(), why);
  const Matcher& a = *loaded.matcher;
  const Matcher& b = *thawed->matcher;
  CHECK(a.entities().size() == b.entities().size());
  REQUIRE(a.aliases().size() == b.aliases().size());
  for (std::size_t i = 0; i < a.aliases().size(); ++i) {
    CHECK(a.aliases()[i].key == b.aliases()[i].key);
    CHECK(a.aliases()[i].entities == b.aliases()[i].entities);
  }
  CHECK(a.particles().items() == b.particles().items());
  CHECK(a.automaton_states() == b.automaton_states());
  const std::string text = fixture_text();
  const auto expected = mentions(a, text);
  CHECK(expected.size() > 40);
  CHECK(mentions(b, text) == expected);
  CHECK(mentions(b, text, MatchEngine::naive) == mentions(a, text, MatchEngine::naive));
  // Every part of the small rule set shows: surnames, groups, [case], [list], toward.
  const auto small = mentions(b, kText);
  CHECK(small == mentions(a, kText));
  bool group = false, toward = false;
  for (const auto& m : small) {
    group = group || std::get<5>(m);
    toward = toward || std::get<4>(m);
  }
  CHECK(group);
  CHECK(toward);
  // The rules and the diagnostics come back whole: freezing them again gives the same bytes.
  CHECK(freeze_rule_image(key, thawed->rules, b, thawed->diagnostics) == image);
  REQUIRE(thawed->diagnostics.all().size() == loaded.diags.all().size());
  for (std::size_t i = 0; i < loaded.diags.all().size(); ++i)
    CHECK(format(thawed->diagnostics.all()[i]) == format(loaded.diags.all()[i]));
  CHECK(thawed->rules.entities.size() == loaded.rules.entities.size());
  CHECK(thawed->rules.entities.back().where.file == "image.rules");
}

TEST_CASE("rule_image: the two sections read apart give what the whole image gives") {
  const Loaded loaded = load(small_sources());
  std::string image = freeze_rule_image(kKey, loaded.rules, *loaded.matcher, loaded.diags);
  std::string why;
  const std::optional<RuleImageSections> sections = open_rule_image(image, kKey, why);
  REQUIRE_MESSAGE(sections.has_value(), why);
  CHECK(rule_image_checksum_ok(image));
  const std::optional<ThawedRuleSet> rules = thaw_rule_section(sections->rules, why);
  REQUIRE_MESSAGE(rules.has_value(), why);
  const std::shared_ptr<const Matcher> matcher = thaw_matcher_section(sections->matcher, why);
  REQUIRE_MESSAGE(matcher != nullptr, why);
  CHECK(freeze_rule_image(kKey, rules->rules, *matcher, rules->diagnostics) == image);
  // Each section alone: the other's bytes are not read.
  CHECK_FALSE(thaw_matcher_section(sections->rules, why));
  CHECK_FALSE(thaw_rule_section(sections->matcher, why));
  // A damaged section size is caught before either is read.
  image[71] = static_cast<char>(image[71] ^ 0x40);
  reseal_rule_image(image);
  CHECK_FALSE(open_rule_image(image, kKey, why));
  CHECK(why == "bad section size");
  // The checksum alone.
  image[71] = static_cast<char>(image[71] ^ 0x40);
  CHECK_FALSE(rule_image_checksum_ok(image));
}

TEST_CASE("rule_image: the stored per-alias table of the Matcher is checked") {
  // The image ends with it, 16 bytes an alias: key length, next alias with the same key,
  // entity, context, flags, scripts. Damaged (and resealed), the image is rejected.
  const Loaded loaded = load(small_sources());
  const std::string image = freeze_rule_image(kKey, loaded.rules, *loaded.matcher, loaded.diags);
  std::string why;
  REQUIRE(thaw_rule_image(image, kKey, why));
  const std::size_t last = image.size() - 16;
  auto damaged = [&](std::size_t at, std::uint32_t value) {
    std::string bad = image;
    std::memcpy(bad.data() + at, &value, 4);
    reseal_rule_image(bad);
    return bad;
  };
  CHECK_FALSE(thaw_rule_image(damaged(last, 99), kKey, why));  // key length
  CHECK(why == "matcher: bad alias");
  CHECK_FALSE(thaw_rule_image(damaged(last + 4, 0), kKey, why));  // a chain going back
  CHECK(why == "matcher: bad alias");
  CHECK_FALSE(thaw_rule_image(damaged(last + 8, 1u << 20), kKey, why));  // entity
  CHECK(why == "matcher: bad alias");
  CHECK_FALSE(thaw_rule_image(damaged(last + 12, 0xFF), kKey, why));  // context
  CHECK(why == "matcher: bad alias");
}

TEST_CASE("rule_image: the diagnostics of loading are kept in order") {
  const Loaded loaded = load(small_sources());
  REQUIRE(loaded.diags.warning_count() > 0);  // 기아 of two entities
  const std::string image = freeze_rule_image(kKey, loaded.rules, *loaded.matcher, loaded.diags);
  std::string why;
  const auto thawed = thaw_rule_image(image, kKey, why);
  REQUIRE(thawed);
  REQUIRE(thawed->diagnostics.all().size() == loaded.diags.all().size());
  for (std::size_t i = 0; i < loaded.diags.all().size(); ++i) {
    const Diagnostic& x = thawed->diagnostics.all()[i];
    const Diagnostic& y = loaded.diags.all()[i];
    CHECK(x.severity == y.severity);
    CHECK(format(x) == format(y));
  }
}

TEST_CASE("rule_image: truncated, damaged and stale images are rejected") {
  const Loaded loaded = load(small_sources());
  const std::string image = freeze_rule_image(kKey, loaded.rules, *loaded.matcher, loaded.diags);
  std::string why;
  REQUIRE(thaw_rule_image(image, kKey, why));
  // Cut short anywhere (every byte of the header, then every 7th).
  for (std::size_t size = 0; size < image.size(); size += size < 80 ? 1 : 7) {
    CAPTURE(size);
    CHECK_FALSE(thaw_rule_image(std::string_view(image).substr(0, size), kKey, why));
  }
  CHECK_FALSE(thaw_rule_image(image + "x", kKey, why));
  // One byte changed anywhere: the header's checks or the checksum catch it.
  for (std::size_t at = 0; at < image.size(); at += at < 80 ? 1 : 5) {
    std::string damaged = image;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    CAPTURE(at);
    CHECK_FALSE(thaw_rule_image(damaged, kKey, why));
  }
  CHECK(why == "checksum mismatch");
  // Another key: other rules, or another binary.
  CHECK_FALSE(thaw_rule_image(image, rule_image_key("other", false, small_sources()), why));
  CHECK(why == "made from other rules or another relgraph");
}

TEST_CASE("rule_image: a damaged payload with a valid checksum is rejected or still safe") {
  // The checksum resealed after each change, so every check of the payload is reached; an
  // image that still reads must give a Matcher that scans text safely (ASan build).
  const Loaded loaded = load(small_sources());
  const std::string image = freeze_rule_image(kKey, loaded.rules, *loaded.matcher, loaded.diags);
  std::mt19937 random(7);
  std::size_t rejected = 0, accepted = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string damaged = image;
    const int changes = 1 + round % 3;
    for (int c = 0; c < changes; ++c) {
      const std::size_t at = 64 + random() % (damaged.size() - 64);
      damaged[at] = static_cast<char>(round % 2 ? random() : damaged[at] ^ (1 << (random() % 8)));
    }
    reseal_rule_image(damaged);
    std::string why;
    if (const auto thawed = thaw_rule_image(damaged, kKey, why)) {
      ++accepted;
      thawed->matcher->find(normalise_string(kText));
    } else {
      ++rejected;
      CHECK(!why.empty());
    }
  }
  CHECK(rejected > 1000);
  MESSAGE("accepted " << accepted << ", rejected " << rejected);
}

TEST_CASE("rule_image: the key changes with every input") {
  const std::vector<RuleSource> base = {{"a.rules", "type x\n"}, {"b.rules", "type y\n"}};
  const RuleImageKey key = rule_image_key("id", false, base);
  CHECK(rule_image_key("id", false, base) == key);
  CHECK(key.hex().size() == 32);
  CHECK_FALSE(rule_image_key("id2", false, base) == key);
  CHECK_FALSE(rule_image_key("id", true, base) == key);
  auto changed = base;
  changed[1].text = "type z\n";
  CHECK_FALSE(rule_image_key("id", false, changed) == key);
  changed = base;
  changed[0].name = "c.rules";
  CHECK_FALSE(rule_image_key("id", false, changed) == key);
  changed = {base[1], base[0]};
  CHECK_FALSE(rule_image_key("id", false, changed) == key);
  changed = {{"a.rules", "type x\ntype y\n"}};
  CHECK_FALSE(rule_image_key("id", false, changed) == key);
  // Bytes moved from one file's end to the next one's start.
  changed = {{"a.rules", "type x"}, {"b.rules", "\ntype y\n"}};
  CHECK_FALSE(rule_image_key("id", false, changed) == key);
  // Every single byte of a larger source matters.
  std::vector<RuleSource> one = {{"k.rules", kImageRules}};
  const RuleImageKey k1 = rule_image_key("id", false, one);
  for (std::size_t at = 0; at < one[0].text.size(); at += 13) {
    auto flipped = one;
    flipped[0].text[at] = static_cast<char>(flipped[0].text[at] ^ 1);
    CHECK_FALSE(rule_image_key("id", false, flipped) == k1);
  }
}

TEST_CASE("rule_image: hash128 spreads small changes") {
  CHECK_FALSE(hash128("") == hash128(std::string(1, '\0')));
  CHECK_FALSE(hash128("abc") == hash128("abd"));
  CHECK_FALSE(hash128(std::string(32, 'a')) == hash128(std::string(33, 'a')));
  CHECK(hash128("abc") == hash128("abc"));
}

TEST_CASE("literal automaton: the frozen form rebuilds the same automaton") {
  std::mt19937 random(11);
  for (const std::size_t dense : {std::size_t{1}, std::size_t{64}, std::size_t{4096}}) {
    std::vector<std::string> patterns;
    for (int i = 0; i < 300; ++i) {
      std::string p;
      const std::size_t length = 1 + random() % 6;
      for (std::size_t k = 0; k < length; ++k) p += "abcAB d"[random() % 7];
      patterns.push_back(p);
    }
    patterns.push_back("");
    patterns.push_back(patterns[3]);
    const LiteralAutomaton a(patterns, dense, Folding{true, " "});
    std::string why;
    std::optional<LiteralAutomaton> b = LiteralAutomaton::thaw(a.freeze(), why);
    REQUIRE_MESSAGE(b.has_value(), why);
    CHECK(b->states() == a.states());
    CHECK(b->dense_states() == a.dense_states());
    std::string text;
    for (int i = 0; i < 4000; ++i) text += "abcdAB \n"[random() % 8];
    std::vector<std::pair<std::uint32_t, std::size_t>> x, y, xu, yu;
    a.scan(text, [&](std::uint32_t p, std::size_t end) { x.emplace_back(p, end); });
    b->scan(text, [&](std::uint32_t p, std::size_t end) { y.emplace_back(p, end); });
    a.scan_unordered(text, [&](std::uint32_t p, std::size_t end) { xu.emplace_back(p, end); });
    b->scan_unordered(text, [&](std::uint32_t p, std::size_t end) { yu.emplace_back(p, end); });
    CHECK(x.size() > 100);
    CHECK(x == y);
    CHECK(xu == yu);
    // Its tables are the same too: frozen again, the same form.
    const LiteralAutomaton::Frozen fa = a.freeze(), fb = b->freeze();
    CHECK(fa.dense_state == fb.dense_state);
    CHECK(fa.depth == fb.depth);
    CHECK(fa.outputs.size() == fb.outputs.size());
    // Group bounds past the patterns (the members would be read out of bounds), a failure link
    // that is not shallower, a pattern longer than its state is deep, a transition that skips
    // a level, a code past the states, a dense code inside a row, an output chain that loops.
    LiteralAutomaton::Frozen bad = a.freeze();
    bad.group_begin.insert(bad.group_begin.begin() + 1,
                           static_cast<std::uint32_t>(bad.patterns + 9));
    CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
    CHECK(why == "automaton: bad groups");
    const std::uint32_t limit = static_cast<std::uint32_t>(fa.dense_state.size() * fa.classes);
    // The deepest state, and a state two levels below the root.
    std::uint32_t deep = 0, second = 0;
    for (std::uint32_t v = 0; v < fa.depth.size(); ++v) {
      if (fa.depth[v] > fa.depth[deep]) deep = v;
      if (fa.depth[v] == 2 && second == 0) second = v;
    }
    REQUIRE(fa.depth[deep] >= 3);
    REQUIRE(second != 0);
    bad = a.freeze();
    bad.nodes[deep].fail = deep + limit;  // its own failure state: a sparse step never ends
    CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
    CHECK(why == "automaton: bad failure link");
    bad = a.freeze();
    bad.nodes[0].to = second + limit;  // from the root two levels down in one byte
    CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
    CHECK(why == "automaton: bad edges");
    bad = a.freeze();
    bad.nodes[0].to = limit + static_cast<std::uint32_t>(fa.nodes.size());  // past the states
    CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
    CHECK(why == "automaton: bad edges");
    if (fa.classes > 2 && fa.dense_state.size() > 1) {
      bad = a.freeze();
      bad.nodes[0].to = fa.classes + 1;  // inside a dense row
      CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
      CHECK(why == "automaton: bad edges");
    }
    if (fa.dense_state.size() > 1) {
      bad = a.freeze();  // a dense state its own failure state: its row copied from itself
      bad.nodes[fa.dense_state[1]].fail = fa.classes;
      CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
      CHECK(why == "automaton: bad dense rows");
    }
    for (std::uint32_t v = 1; v < fa.outputs.size(); ++v) {
      if (fa.outputs[v].pattern < 0) continue;
      bad = a.freeze();
      bad.outputs[v].link = v;  // itself
      CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
      CHECK(why == "automaton: bad outputs");
      bad = a.freeze();
      bad.outputs[v].pattern = static_cast<std::int32_t>(fa.patterns);
      CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
      bad = a.freeze();
      bad.depth[v] = 0;  // shallower than its pattern is long
      CHECK_FALSE(LiteralAutomaton::thaw(std::move(bad), why));
      break;
    }
  }
}
