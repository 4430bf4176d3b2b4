// Tests of src/rules: parse_rules, validate_rules, load_rules, read_rule_paths and RuleSet.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "rules/rule_parser.h"
#include "rules/string_index.h"

using namespace relgraph;

// Show string lists in failure messages, one item per line.
template <>
struct doctest::StringMaker<std::vector<std::string>> {
  static doctest::String convert(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const std::string& item : items) out += "\n  \"" + item + "\"";
    out += items.empty() ? "}" : "\n}";
    return doctest::String(out.c_str());
  }
};

namespace {

struct Parsed {
  RuleSet rules;
  Diagnostics diags;
};

Parsed parse(std::string_view text, const std::string& file = "t.rules") {
  Parsed p;
  parse_rules(text, file, p.rules, p.diags);
  return p;
}

Parsed load(const std::vector<RuleSource>& sources) {
  Parsed p;
  p.rules = load_rules(sources, p.diags);
  return p;
}

// The first line of format(): "file:line:column: severity: message".
std::string headline(const Diagnostic& d) {
  const std::string text = format(d);
  return text.substr(0, text.find('\n'));
}

std::vector<std::string> headlines(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all()) out.push_back(headline(d));
  return out;
}

std::vector<std::string> alias_texts(const std::vector<Alias>& aliases) {
  std::vector<std::string> out;
  for (const Alias& a : aliases) out.push_back(a.text);
  return out;
}

std::vector<std::string> entry_texts(const std::vector<LexiconEntry>& entries) {
  std::vector<std::string> out;
  for (const LexiconEntry& e : entries) out.push_back(e.text);
  return out;
}

using Strings = std::vector<std::string>;

const char* const kTypes =
    "type person\n"
    "type company\n"
    "type country\n";

}  // namespace

// --- well-formed stanzas -------------------------------------------------------------------

TEST_CASE("entity stanza from the README") {
  const Parsed p = parse(
      "# A comment\n"
      "entity openai\n"
      "  type: company\n"
      "  label: OpenAI\n"
      "  aliases: OpenAI | 오픈AI | 오픈 AI | Open AI\n"
      "  wikidata: Q21708200            # any key that is not reserved is an attribute\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.entities.size() == 1);
  const Entity& e = p.rules.entities[0];
  CHECK(e.id == "openai");
  CHECK(e.type == "company");
  CHECK(e.label == "OpenAI");
  CHECK(alias_texts(e.aliases) == Strings{"OpenAI", "오픈AI", "오픈 AI", "Open AI"});
  REQUIRE(e.attributes.size() == 1);
  CHECK(e.attributes[0].key == "wikidata");
  CHECK(e.attributes[0].value == "Q21708200");
  CHECK(e.where.file == "t.rules");
  CHECK(e.where.line == 2);
  CHECK(e.where.column == 8);
  CHECK(e.aliases[1].where.line == 5);
  CHECK(e.aliases[1].where.column == 21);  // 오픈AI, counted in code points
  CHECK(e.aliases[2].where.column == 28);
}

TEST_CASE("entity: label defaults to the first alias and is always an alias") {
  const Parsed p = parse(
      "entity a\n  type: person\n  aliases: 샘 올트먼 | Sam Altman\n"
      "entity b\n  type: person\n  label: Elon Musk\n  aliases: 일론 머스크 | 머스크\n"
      "entity c\n  type: person\n  label: Jensen Huang\n  alias: 젠슨 황\n  alias: Jensen Huang\n"
      "entity d\n  type: person\n  label: 쿡\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:15:10: warning: alias '쿡' of 'd' is a single Hangul syllable; add "
                "[alone] or [list] to say where it may stand"});
  REQUIRE(p.rules.entities.size() == 4);
  CHECK(p.rules.entities[0].label == "샘 올트먼");
  CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"샘 올트먼", "Sam Altman"});
  CHECK(alias_texts(p.rules.entities[1].aliases) == Strings{"Elon Musk", "일론 머스크", "머스크"});
  CHECK(p.rules.entities[1].aliases[0].where.line == 6);
  CHECK(p.rules.entities[1].aliases[0].where.column == 10);
  // `alias` is a synonym of `aliases`; the label is not added twice.
  CHECK(alias_texts(p.rules.entities[2].aliases) == Strings{"젠슨 황", "Jensen Huang"});
  CHECK(alias_texts(p.rules.entities[3].aliases) == Strings{"쿡"});
}

TEST_CASE("entity attributes are single strings") {
  const Parsed p = parse("entity x\n  type: company\n  label: X\n  note: a | b [c]\n  role: CEO\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.entities.size() == 1);
  const auto& attributes = p.rules.entities[0].attributes;
  REQUIRE(attributes.size() == 2);
  CHECK(attributes[0].key == "note");
  CHECK(attributes[0].value == "a | b [c]");
  CHECK(attributes[1].key == "role");
  CHECK(attributes[1].value == "CEO");
}

TEST_CASE("type stanza: label and attributes") {
  const Parsed p = parse("type company\n  label: Company\n  color: \\#1f77b4\n\ntype person\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.types.size() == 2);
  CHECK(p.rules.types[0].name == "company");
  CHECK(p.rules.types[0].label == "Company");
  REQUIRE(p.rules.types[0].attributes.size() == 1);
  CHECK(p.rules.types[0].attributes[0].key == "color");
  CHECK(p.rules.types[0].attributes[0].value == "#1f77b4");
  CHECK(p.rules.types[1].name == "person");
  CHECK(p.rules.types[1].where.line == 5);
  CHECK(p.rules.types[1].where.column == 6);
}

TEST_CASE("group stanza") {
  const Parsed p = parse(
      "group korea-us-japan\n  members: kr | us\n  members: jp\n  aliases: 한미일 | 한·미·일\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.groups.size() == 1);
  const Group& g = p.rules.groups[0];
  CHECK(g.id == "korea-us-japan");
  CHECK(g.members == Strings{"kr", "us", "jp"});
  CHECK(alias_texts(g.aliases) == Strings{"한미일", "한·미·일"});
}

TEST_CASE("relation stanza") {
  const Parsed p = parse(
      "relation invests-in\n"
      "  label: invests in\n"
      "  direction: directed\n"
      "  source: company | country\n"
      "  target: company\n"
      "  triggers: 투자 | 인수 [start] | 하면 [end] | 지분 [word]\n"
      "  triggers: invest\n"
      "  source-roles: subject | comitative | head | speaker\n"
      "  target-roles: object | dative | via | about | owner | location | comitative | quote\n"
      "  target-roles: venture\n"
      "  blocked-by: cue.negation | cue.failure\n"
      "  speaker-is-source: yes\n"
      "relation partners-with\n"
      "  direction: symmetric\n"
      "  speaker-is-source: false\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.relations.size() == 2);
  const RelationType& r = p.rules.relations[0];
  CHECK(r.name == "invests-in");
  CHECK(r.label == "invests in");
  CHECK_FALSE(r.symmetric);
  CHECK(r.source_types == Strings{"company", "country"});
  CHECK(r.target_types == Strings{"company"});
  CHECK(entry_texts(r.triggers) == Strings{"투자", "인수", "하면", "지분", "invest"});
  CHECK(r.triggers[0].position == WordPosition::anywhere);
  CHECK(r.triggers[1].position == WordPosition::start);
  CHECK(r.triggers[2].position == WordPosition::end);
  CHECK(r.triggers[3].position == WordPosition::word);
  CHECK(r.triggers[1].where.column == 18);
  CHECK(r.source_roles == Strings{"subject", "comitative", "head", "speaker"});
  CHECK(r.target_roles.size() == 9);
  CHECK(r.blocked_by == Strings{"cue.negation", "cue.failure"});
  CHECK(r.speaker_is_source);
  CHECK(p.rules.relations[1].symmetric);
  CHECK_FALSE(p.rules.relations[1].speaker_is_source);
  CHECK(p.rules.relations[1].source_types.empty());
}

TEST_CASE("trigger frames: found and join, on triggers only") {
  const Parsed p = parse(
      "relation partners-with\n  direction: symmetric\n"
      "  triggers: 협력 | 합작 [found] | 합류 [join, start] | 설립 [found, join]\n"
      "lexicon l\n  words: 합작 [found]\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:3:61: error: options 'found' and 'join' cannot be combined",
                "t.rules:5:14: error: unknown option 'found' (expected start, end or word)"});
  REQUIRE(p.rules.relations.size() == 1);
  const auto& t = p.rules.relations[0].triggers;
  REQUIRE(t.size() == 4);
  CHECK(t[0].frame == TriggerFrame::mutual);
  CHECK(t[1].frame == TriggerFrame::found);
  CHECK(t[2].frame == TriggerFrame::join);
  CHECK(t[2].position == WordPosition::start);
  CHECK(t[3].frame == TriggerFrame::found);
}

TEST_CASE("trigger frames: quoted, on triggers only, with a position but no other frame") {
  const Parsed p = parse(
      "relation criticises\n"
      "  triggers: 겨냥했 [quoted] | 저격 [quoted, start] | 규탄 [quoted, join]\n"
      "lexicon l\n  words: 겨냥 [quoted]\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:2:61: error: options 'quoted' and 'join' cannot be combined",
                "t.rules:4:14: error: unknown option 'quoted' (expected start, end or word)"});
  REQUIRE(p.rules.relations.size() == 1);
  const auto& t = p.rules.relations[0].triggers;
  REQUIRE(t.size() == 3);
  CHECK(t[0].frame == TriggerFrame::quoted);
  CHECK(t[1].frame == TriggerFrame::quoted);
  CHECK(t[1].position == WordPosition::start);
  CHECK(t[2].frame == TriggerFrame::quoted);
}

TEST_CASE("lexicon stanza") {
  const Parsed p =
      parse("lexicon particle.subject\n  words: 은 | 는 | 이 | 가\n  words: 께서 [start]\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.lexicons.size() == 1);
  CHECK(p.rules.lexicons[0].name == "particle.subject");
  CHECK(entry_texts(p.rules.lexicons[0].entries) == Strings{"은", "는", "이", "가", "께서"});
  CHECK(p.rules.lexicons[0].entries[4].position == WordPosition::start);
  CHECK(p.rules.lexicons[0].entries[4].where.line == 3);
  CHECK(p.rules.lexicons[0].entries[4].where.column == 10);
}

TEST_CASE("alias options") {
  const Parsed p = parse(
      "entity us\n  type: country\n"
      "  aliases: 미국 | US [case] | 미 [alone] | 중 [list] | 대미 [toward] | 美 [any]\n"
      "  aliases: 미측 [particle] | USA [ case , any ]\n");
  CHECK(p.diags.empty());
  REQUIRE(p.rules.entities.size() == 1);
  const auto& a = p.rules.entities[0].aliases;
  CHECK(alias_texts(a) == Strings{"미국", "US", "미", "중", "대미", "美", "미측", "USA"});
  CHECK(a[0].context == AliasContext::automatic);
  CHECK_FALSE(a[0].case_sensitive);
  CHECK(a[1].case_sensitive);
  CHECK(a[1].context == AliasContext::automatic);
  CHECK(a[2].context == AliasContext::alone);
  CHECK(a[3].context == AliasContext::list);
  CHECK(a[4].toward);
  CHECK(a[4].context == AliasContext::automatic);
  CHECK(a[5].context == AliasContext::any);
  CHECK(a[6].context == AliasContext::particle);
  CHECK(a[7].case_sensitive);
  CHECK(a[7].context == AliasContext::any);
}

TEST_CASE("escapes and comments") {
  const Parsed p = parse(
      "entity x # a comment after the header\n"
      "  type: company\n"
      "  label: C# and F#\n"
      "  aliases: A\\|B | C\\#D | E\\[x] | F\\\\G | H \\# I   # comment\n"
      "#  aliases: not read\n"
      "  # aliases: not read either\n"
      "  site: a.com/#x\n");
  CHECK(headlines(p.diags) == Strings{});
  REQUIRE(p.rules.entities.size() == 1);
  const Entity& e = p.rules.entities[0];
  CHECK(e.label == "C# and F#");
  CHECK(alias_texts(e.aliases) == Strings{"C# and F#", "A|B", "C#D", "E[x]", "F\\G", "H # I"});
  REQUIRE(e.attributes.size() == 1);
  CHECK(e.attributes[0].value == "a.com/#x");
}

TEST_CASE("CRLF line endings and a BOM give the same result as plain LF") {
  const std::string lf =
      "type company\nentity openai\n  type: company\n  aliases: OpenAI | 오픈AI\n";
  std::string crlf;
  for (char c : lf) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  for (const std::string& text : {lf, crlf, "\xEF\xBB\xBF" + crlf}) {
    const Parsed p = parse(text);
    CHECK(p.diags.empty());
    REQUIRE(p.rules.entities.size() == 1);
    CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"OpenAI", "오픈AI"});
    CHECK(p.rules.entities[0].label == "OpenAI");
  }
  // The BOM is not counted in columns, nor shown.
  const Parsed bad = parse(
      "\xEF\xBB\xBF"
      "entty x\r\n");
  REQUIRE(bad.diags.all().size() == 1);
  CHECK(headline(bad.diags.all()[0]) ==
        "t.rules:1:1: error: unknown stanza kind 'entty' (expected type, entity, group, relation "
        "or lexicon)");
  CHECK(bad.diags.all()[0].source_line == "entty x");
}

// --- syntax errors, with exact positions -----------------------------------------------------

TEST_CASE("header errors") {
  CHECK(headlines(parse("entity\n").diags) ==
        Strings{"t.rules:1:7: error: missing name after 'entity'"});
  CHECK(headlines(parse("entity Open_AI\n  type: company\n  label: x\n").diags) ==
        Strings{"t.rules:1:8: error: invalid name 'Open_AI' (names use lowercase ASCII letters, "
                "digits, '-', '_' and '.')"});
  CHECK(headlines(parse("entity open ai\n").diags) ==
        Strings{"t.rules:1:13: error: unexpected text after the name 'open'"});
  CHECK(headlines(parse("type: company\n").diags) ==
        Strings{"t.rules:1:1: error: expected a stanza header such as 'entity NAME' (property "
                "lines must be indented)"});
  // An unknown kind is reported once; its property lines are skipped.
  const Parsed p =
      parse("entiti x\n  type: company\n  nonsense\nentity y\n  type: company\n  label: Y\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:1:1: error: unknown stanza kind 'entiti' (expected type, entity, group, "
                "relation or lexicon)"});
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(p.rules.entities[0].id == "y");
  // A stanza with a bad header is checked but not kept.
  const Parsed q = parse("entity Bad\n  type: company\n  label: x\n  label: y\n");
  CHECK(headlines(q.diags) ==
        Strings{"t.rules:1:8: error: invalid name 'Bad' (names use lowercase ASCII letters, "
                "digits, '-', '_' and '.')",
                "t.rules:4:3: error: 'label' is given twice (first on line 3)"});
  CHECK(q.rules.entities.empty());
}

TEST_CASE("property line errors") {
  CHECK(headlines(parse("  type: company\n").diags) ==
        Strings{"t.rules:1:3: error: property line before any stanza (a stanza starts with an "
                "unindented line such as 'entity NAME')"});
  CHECK(headlines(parse("entity a\n  type company\n  label: A\n").diags) ==
        Strings{"t.rules:2:3: error: expected 'key: value' (missing ':')",
                "t.rules:1:8: error: entity 'a' has no 'type'"});
  CHECK(headlines(parse("entity a\n  type: company\n  : A\n").diags) ==
        Strings{"t.rules:3:3: error: missing key before ':'",
                "t.rules:1:8: error: entity 'a' has no 'label' or 'aliases'"});
  CHECK(headlines(parse("type a\n  my key: 1\n").diags) ==
        Strings{"t.rules:2:3: error: invalid key 'my key' (a key is one word)"});
  CHECK(headlines(parse("type a\n  label:\n").diags) ==
        Strings{"t.rules:2:9: error: missing value for 'label'"});
  CHECK(headlines(parse("type a\n  color: #1f77b4\n").diags) ==
        Strings{"t.rules:2:9: error: missing value for 'color' ('#' after a space starts a "
                "comment; write '\\#' for a '#')"});
  CHECK(headlines(parse("type a\n  label: A\n  label: B\n").diags) ==
        Strings{"t.rules:3:3: error: 'label' is given twice (first on line 2)"});
  CHECK(headlines(parse("type a\n  color: red\n  color: blue\n").diags) ==
        Strings{"t.rules:3:3: error: 'color' is given twice (first on line 2)"});
}

TEST_CASE("unknown keys in relation, group and lexicon") {
  CHECK(headlines(parse("relation r\n  trigger: 투자\n").diags) ==
        Strings{"t.rules:2:3: error: unknown key 'trigger' in relation (expected label, "
                "direction, source, target, triggers, source-roles, target-roles, blocked-by or "
                "speaker-is-source)"});
  CHECK(headlines(parse("group g\n  members: a\n  aliases: 가나\n  label: G\n").diags) ==
        Strings{"t.rules:4:3: error: unknown key 'label' in group (expected members or aliases)"});
  CHECK(headlines(parse("lexicon l\n  word: 은\n").diags) ==
        Strings{"t.rules:2:3: error: unknown key 'word' in lexicon (expected words)"});
}

TEST_CASE("list errors: empty items") {
  const char* head = "entity a\n  type: company\n";
  CHECK(headlines(parse(std::string(head) + "  aliases: a || b\n").diags) ==
        Strings{"t.rules:3:15: error: empty item"});
  CHECK(headlines(parse(std::string(head) + "  aliases: a |\n").diags) ==
        Strings{"t.rules:3:14: error: empty item"});
  CHECK(headlines(parse(std::string(head) + "  aliases: | a\n").diags) ==
        Strings{"t.rules:3:12: error: empty item"});
  CHECK(headlines(parse(std::string(head) + "  aliases: 미국 |  | 미\n").diags) ==
        Strings{"t.rules:3:18: error: empty item",
                "t.rules:3:20: warning: alias '미' of 'a' is a single Hangul syllable; add [alone] "
                "or [list] to say where it may stand"});
  CHECK(headlines(parse(std::string(head) + "  aliases: a | [case]\n").diags) ==
        Strings{"t.rules:3:16: error: empty item"});
  const Parsed p = parse(std::string(head) + "  aliases: a || b\n");
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"a", "b"});
}

TEST_CASE("option errors point at the option") {
  const char* head = "entity a\n  type: company\n";
  const Parsed p = parse(std::string(head) + "  aliases: 미국 [alone, cas] | 미 [any, alone]\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:3:23: error: unknown alias option 'cas' (expected case, any, particle, "
                "alone, list or toward)",
                "t.rules:3:38: error: options 'any' and 'alone' cannot be combined"});
  // The aliases are kept with the options that were understood.
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(p.rules.entities[0].aliases[0].context == AliasContext::alone);
  CHECK(p.rules.entities[0].aliases[1].context == AliasContext::any);

  CHECK(headlines(parse("lexicon l\n  words: 은 [begin] | 는 [start, end]\n").diags) ==
        Strings{"t.rules:2:13: error: unknown option 'begin' (expected start, end or word)",
                "t.rules:2:32: error: options 'start' and 'end' cannot be combined"});
  CHECK(headlines(parse(std::string(head) + "  label: A\n" + "  aliases: a [case\n").diags) ==
        Strings{"t.rules:4:14: error: missing ']' after the options (write '\\[' for a '[')"});
  CHECK(
      headlines(parse(std::string(head) + "  label: A\n" + "  aliases: a [case] b | c\n").diags) ==
      Strings{"t.rules:4:21: error: unexpected text after ']' (options end an item; write "
              "'\\[' for a '[')"});
  CHECK(headlines(parse(std::string(head) + "  label: A\n" + "  aliases: a []\n").diags) ==
        Strings{"t.rules:4:14: error: empty option"});
  CHECK(headlines(parse(std::string(head) + "  label: A\n" + "  aliases: a [case,]\n").diags) ==
        Strings{"t.rules:4:19: error: empty option"});
  CHECK(headlines(parse("group g\n  members: a [case]\n  aliases: 가나\n").diags) ==
        Strings{"t.rules:2:14: error: 'members' takes no options",
                "t.rules:1:7: error: group 'g' has no 'members'"});
}

TEST_CASE("escape errors") {
  const char* head = "entity a\n  type: company\n  label: A\n";
  CHECK(headlines(parse(std::string(head) + "  aliases: a\\nb\n").diags) ==
        Strings{"t.rules:4:13: error: unknown escape '\\n' (the escapes are \\|, \\#, \\[ and "
                "\\\\)"});
  CHECK(headlines(parse(std::string(head) + "  aliases: 가\\나\n").diags) ==
        Strings{"t.rules:4:13: error: unknown escape '\\나' (the escapes are \\|, \\#, \\[ and "
                "\\\\)"});
  CHECK(headlines(parse(std::string(head) + "  aliases: b\\\n").diags) ==
        Strings{"t.rules:4:13: error: '\\' at the end of a value (write '\\\\' for a backslash)"});
}

TEST_CASE("value errors in relations") {
  CHECK(headlines(parse("relation r\n  direction: both\n").diags) ==
        Strings{"t.rules:2:14: error: unknown direction 'both' (expected directed or symmetric)"});
  CHECK(headlines(parse("relation r\n  speaker-is-source: maybe\n").diags) ==
        Strings{"t.rules:2:22: error: expected yes or no, not 'maybe'"});
  CHECK(headlines(parse("relation r\n  source-roles: subject | object\n").diags) ==
        Strings{"t.rules:2:27: error: unknown source role 'object' (expected subject, comitative, "
                "head or speaker)"});
  CHECK(headlines(parse("relation r\n  target-roles: object | speaker\n").diags) ==
        Strings{"t.rules:2:26: error: unknown target role 'speaker' (expected object, dative, "
                "via, about, owner, location, comitative, quote or venture)"});
  CHECK(headlines(parse("relation r\n  source: company | Person\n").diags) ==
        Strings{"t.rules:2:21: error: invalid type name 'Person' (names use lowercase ASCII "
                "letters, digits, '-', '_' and '.')"});
  CHECK(headlines(parse("entity e\n  type: Company\n  label: E\n").diags) ==
        Strings{"t.rules:2:9: error: invalid type name 'Company' (names use lowercase ASCII "
                "letters, digits, '-', '_' and '.')"});
}

TEST_CASE("incomplete stanzas are reported at the header and dropped") {
  const Parsed p = parse(
      "entity nolabel\n  type: person\n"
      "entity notype\n  label: X\n"
      "group g\n  aliases: 한미\n"
      "group h\n  members: a\n");
  CHECK(headlines(p.diags) == Strings{"t.rules:1:8: error: entity 'nolabel' has no 'label' or "
                                      "'aliases'",
                                      "t.rules:3:8: error: entity 'notype' has no 'type'",
                                      "t.rules:5:7: error: group 'g' has no 'members'",
                                      "t.rules:7:7: error: group 'h' has no 'aliases'"});
  CHECK(p.diags.all()[1].source_line == "entity notype");
  CHECK(p.rules.entities.empty());
  CHECK(p.rules.groups.empty());
}

TEST_CASE("encoding errors: invalid UTF-8 and control characters") {
  const Parsed p = parse(
      "entity a\n  type: company\n  label: A\n"
      "  aliases: 가\xFF\n"
      "  aliases: b\x01\n"
      "  aliases: c\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:4:13: error: invalid UTF-8 (byte 0xFF); rule files must be UTF-8",
                "t.rules:5:13: error: control character U+0001 is not allowed"});
  CHECK(p.diags.all()[0].source_line == "  aliases: 가\xEF\xBF\xBD");
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"A", "c"});

  // A bad header line does not let its properties join the stanza before.
  const Parsed q =
      parse(std::string("entity a\n  type: company\n  label: A\nentity b\0\n  alias: z\n", 52));
  CHECK(headlines(q.diags) ==
        Strings{"t.rules:4:9: error: control character U+0000 is not allowed"});
  REQUIRE(q.rules.entities.size() == 1);
  CHECK(alias_texts(q.rules.entities[0].aliases) == Strings{"A"});
}

TEST_CASE("a duplicate alias in one entity is a warning") {
  const Parsed p = parse("entity a\n  type: company\n  aliases: A | B | A\n");
  CHECK(headlines(p.diags) == Strings{"t.rules:3:20: warning: duplicate alias 'A' of 'a'"});
  CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"A", "B"});
}

TEST_CASE("single-syllable Hangul aliases without an option are warned about") {
  const Parsed p = parse("entity us\n  type: country\n  aliases: 미국 | 미 | 미 [alone] | 美\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:3:17: warning: alias '미' of 'us' is a single Hangul syllable; add "
                "[alone] or [list] to say where it may stand",
                "t.rules:3:21: warning: duplicate alias '미' of 'us'"});
}

TEST_CASE("errors go on: many errors in one file are all reported") {
  const Parsed p = parse(
      "  stray: 1\n"
      "entity a\n  type: company\n  label: A\n  aliases: x ||\n"
      "bogus z\n"
      "relation r\n  direction: sideways\n"
      "lexicon l\n  words: 은 [x]\n");
  CHECK(headlines(p.diags) ==
        Strings{"t.rules:1:3: error: property line before any stanza (a stanza starts with an "
                "unindented line such as 'entity NAME')",
                "t.rules:5:15: error: empty item", "t.rules:5:15: error: empty item",
                "t.rules:6:1: error: unknown stanza kind 'bogus' (expected type, entity, group, "
                "relation or lexicon)",
                "t.rules:8:14: error: unknown direction 'sideways' (expected directed or "
                "symmetric)",
                "t.rules:10:13: error: unknown option 'x' (expected start, end or word)"});
  CHECK(p.rules.entities.size() == 1);
  CHECK(p.rules.relations.size() == 1);
  CHECK(p.rules.lexicons.size() == 1);
}

// --- duplicates and cross-file checks --------------------------------------------------------

TEST_CASE("duplicate entity id: error, note at the first, second dropped") {
  const Parsed p = parse(
      "entity openai\n  type: company\n  label: OpenAI\n\n"
      "entity openai\n  type: company\n  label: Other\n");
  REQUIRE(p.diags.all().size() == 2);
  CHECK(headline(p.diags.all()[0]) == "t.rules:5:8: error: duplicate entity id 'openai'");
  CHECK(headline(p.diags.all()[1]) == "t.rules:1:8: note: 'openai' was first defined here");
  CHECK(p.diags.all()[1].source_line == "entity openai");
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(p.rules.entities[0].label == "OpenAI");
}

TEST_CASE("duplicate types, relations and groups are errors, lexicons extend") {
  const Parsed p = parse(
      "type company\ntype company\n"
      "relation r\nrelation r\n"
      "group g\n  members: a\n  aliases: 한미\ngroup g\n  members: b\n  aliases: 미일\n"
      "lexicon l\n  words: a\nlexicon l\n  words: b\n");
  CHECK(headlines(p.diags) == Strings{"t.rules:2:6: error: duplicate type 'company'",
                                      "t.rules:1:6: note: 'company' was first defined here",
                                      "t.rules:4:10: error: duplicate relation 'r'",
                                      "t.rules:3:10: note: 'r' was first defined here",
                                      "t.rules:8:7: error: duplicate group id 'g'",
                                      "t.rules:5:7: note: 'g' was first defined here"});
  CHECK(p.rules.types.size() == 1);
  CHECK(p.rules.relations.size() == 1);
  REQUIRE(p.rules.groups.size() == 1);
  CHECK(p.rules.groups[0].members == Strings{"a"});
  REQUIRE(p.rules.lexicons.size() == 1);
  CHECK(entry_texts(p.rules.lexicons[0].entries) == Strings{"a", "b"});
}

TEST_CASE("a lexicon named again in a later file extends the earlier one") {
  const Parsed p =
      load({{"<builtin>/korean.rules", "lexicon particle.subject\n  words: 은 | 는\n"},
            {"mine.rules", "# more\nlexicon particle.subject\n  words: 께서 [word]\n"}});
  CHECK(p.diags.empty());
  REQUIRE(p.rules.lexicons.size() == 1);
  const Lexicon& l = p.rules.lexicons[0];
  CHECK(entry_texts(l.entries) == Strings{"은", "는", "께서"});
  CHECK(l.where.file == "<builtin>/korean.rules");
  CHECK(l.entries[2].where.file == "mine.rules");
  CHECK(l.entries[2].where.line == 3);
  CHECK(l.entries[2].position == WordPosition::word);
}

TEST_CASE("duplicate entity id across files: the note shows the first file's line") {
  const Parsed p =
      load({{"a.rules", std::string(kTypes) + "entity x\n  type: person\n  label: X\n"},
            {"b.rules", "\nentity x\n  type: company\n  label: Y\n"}});
  REQUIRE(p.diags.all().size() == 2);
  CHECK(format(p.diags.all()[0]) ==
        "b.rules:2:8: error: duplicate entity id 'x'\n  entity x\n         ^\n");
  CHECK(format(p.diags.all()[1]) ==
        "a.rules:4:8: note: 'x' was first defined here\n  entity x\n         ^\n");
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(p.rules.entities[0].type == "person");
}

TEST_CASE("validate: an entity of an undeclared type is dropped") {
  const Parsed p =
      load({{"a.rules", std::string(kTypes) + "entity x\n  type: compnay\n  label: X\n"
                                              "entity y\n  type: company\n  label: Y\n"}});
  REQUIRE(p.diags.all().size() == 1);
  CHECK(format(p.diags.all()[0]) ==
        "a.rules:4:8: error: entity 'x' has undeclared type 'compnay'\n  entity x\n         ^\n");
  REQUIRE(p.rules.entities.size() == 1);
  CHECK(p.rules.entities[0].id == "y");
}

TEST_CASE("validate: types declared in a later file are fine") {
  const Parsed p =
      load({{"e.rules", "entity x\n  type: company\n  label: X\n"}, {"t.rules", kTypes}});
  CHECK(p.diags.empty());
  CHECK(p.rules.entities.size() == 1);
}

TEST_CASE("validate: group members, relation types and blocking lexicons must exist") {
  const Parsed p =
      load({{"a.rules", std::string(kTypes) + "entity kr\n  type: country\n  label: 한국\n"
                                              "group g\n  members: kr | zz\n  aliases: 한즈\n"
                                              "group h\n  members: zz\n  aliases: 즈즈\n"
                                              "lexicon cue.negation\n  words: 않\n"
                                              "relation r\n  source: company | robot\n"
                                              "  blocked-by: cue.negation | cue.nope\n"
                                              "relation s\n  target: robot\n"}});
  CHECK(headlines(p.diags) ==
        Strings{"a.rules:7:7: error: group 'g' names unknown entity 'zz'",
                "a.rules:10:7: error: group 'h' names unknown entity 'zz'",
                "a.rules:15:10: error: relation 'r' names undeclared type 'robot' as source",
                "a.rules:15:10: error: relation 'r' is blocked by unknown lexicon 'cue.nope'",
                "a.rules:18:10: error: relation 's' names undeclared type 'robot' as target"});
  CHECK(p.diags.all()[0].source_line == "group g");
  REQUIRE(p.rules.groups.size() == 1);  // h has no members left
  CHECK(p.rules.groups[0].members == Strings{"kr"});
  REQUIRE(p.rules.relations.size() == 1);  // s would otherwise accept any target
  CHECK(p.rules.relations[0].source_types == Strings{"company"});
  CHECK(p.rules.relations[0].blocked_by == Strings{"cue.negation"});
}

TEST_CASE("validate: a trigger or lexicon word given twice is a warning, one is kept") {
  const Parsed p = load({{"a.rules",
                          "relation r\n"
                          "  triggers: 투자 | 출자 | 투자 [start] | 투자\n"
                          "  triggers: 출자\n"
                          "lexicon cue.x\n  words: 않 | 못\n"},
                         {"b.rules", "lexicon cue.x\n  words: 못 | 말\n"}});
  CHECK(headlines(p.diags) ==
        Strings{"a.rules:2:36: warning: duplicate trigger '투자' of relation 'r'",
                "a.rules:2:13: note: '투자' was first given here",
                "a.rules:3:13: warning: duplicate trigger '출자' of relation 'r'",
                "a.rules:2:18: note: '출자' was first given here",
                "b.rules:2:10: warning: duplicate word '못' in lexicon 'cue.x'",
                "a.rules:5:14: note: '못' was first given here"});
  CHECK_FALSE(p.diags.has_errors());
  REQUIRE(p.rules.relations.size() == 1);
  // '투자 [start]' differs from '투자' by its position: both stay.
  CHECK(entry_texts(p.rules.relations[0].triggers) == Strings{"투자", "출자", "투자"});
  REQUIRE(p.rules.lexicons.size() == 1);
  CHECK(entry_texts(p.rules.lexicons[0].entries) == Strings{"않", "못", "말"});
}

TEST_CASE("validate: an alias of two entities is a warning, the first keeps it") {
  const Parsed p =
      load({{"a.rules", std::string(kTypes) + "entity ms\n  type: company\n  label: Microsoft\n"
                                              "  aliases: 마이크로소프트 | MS\n"},
            {"b.rules",
             "entity morgan-stanley\n  type: company\n"
             "  aliases: Morgan Stanley | 모건 스탠리 | ms\n"
             "entity ms2\n  type: company\n  aliases: 마이크로 소프트\n"}});
  REQUIRE(p.diags.all().size() == 4);
  CHECK(format(p.diags.all()[0]) ==
        "b.rules:3:38: warning: alias 'ms' of 'morgan-stanley' is also an alias of 'ms' (first "
        "definition wins)\n"
        "    aliases: Morgan Stanley | 모건 스탠리 | ms\n"
        "  "
        "                                          ^\n");
  CHECK(format(p.diags.all()[1]) ==
        "a.rules:7:22: note: alias 'MS' of 'ms' is defined here\n"
        "    aliases: 마이크로소프트 | MS\n"
        "  "
        "                            ^\n");
  // Spaces do not make a different alias.
  CHECK(headline(p.diags.all()[2]) ==
        "b.rules:6:12: warning: alias '마이크로 소프트' of 'ms2' is also an alias of 'ms' (first "
        "definition wins)");
  CHECK(headline(p.diags.all()[3]) ==
        "a.rules:7:12: note: alias '마이크로소프트' of 'ms' is defined here");
  CHECK_FALSE(p.diags.has_errors());
  REQUIRE(p.rules.entities.size() == 3);
  CHECK(alias_texts(p.rules.entities[0].aliases) == Strings{"Microsoft", "마이크로소프트", "MS"});
  CHECK(alias_texts(p.rules.entities[1].aliases) == Strings{"Morgan Stanley", "모건 스탠리"});
  CHECK(p.rules.entities[2].aliases.empty());
  CHECK(p.rules.entities[2].label == "마이크로 소프트");
}

TEST_CASE("validate: two [case] aliases differing in case do not clash") {
  const Parsed p = load(
      {{"a.rules", std::string(kTypes) + "entity us\n  type: country\n  aliases: US [case]\n"
                                         "entity us-pronoun\n  type: person\n  aliases: Us [case]\n"
                                         "entity x\n  type: person\n  aliases: uS\n"}});
  CHECK(headlines(p.diags) ==
        Strings{"a.rules:12:12: warning: alias 'uS' of 'x' is also an alias of 'us' (first "
                "definition wins)",
                "a.rules:6:12: note: alias 'US' of 'us' is defined here"});
}

TEST_CASE("validate_rules on a hand-built RuleSet") {
  RuleSet rules;
  rules.types.push_back(EntityType{"company", "", {}, {"m", 1, 1}});
  rules.types.push_back(EntityType{"company", "", {}, {"m", 2, 1}});
  Entity a;
  a.id = "a";
  a.type = "company";
  a.where = {"m", 3, 1};
  rules.entities.push_back(a);
  rules.entities.push_back(a);
  for (const char* word : {"x", "y"}) {
    Lexicon lexicon;
    lexicon.name = "l";
    lexicon.entries.emplace_back();
    lexicon.entries.back().text = word;
    rules.lexicons.push_back(lexicon);
  }
  Diagnostics diags;
  validate_rules(rules, diags);
  CHECK(headlines(diags) == Strings{"m:2:1: error: duplicate type 'company'",
                                    "m:1:1: note: 'company' was first defined here",
                                    "m:3:1: error: duplicate entity id 'a'",
                                    "m:3:1: note: 'a' was first defined here"});
  CHECK(rules.types.size() == 1);
  CHECK(rules.entities.size() == 1);
  REQUIRE(rules.lexicons.size() == 1);
  CHECK(entry_texts(rules.lexicons[0].entries) == Strings{"x", "y"});
}

TEST_CASE("RuleSet look-ups") {
  const Parsed p =
      parse(std::string(kTypes) + "entity a\n  type: company\n  label: A\nrelation r\nlexicon l\n");
  CHECK(p.rules.find_type("company") == &p.rules.types[1]);
  CHECK(p.rules.find_type("robot") == nullptr);
  REQUIRE(p.rules.find_entity("a") != nullptr);
  CHECK(p.rules.find_entity("a")->label == "A");
  CHECK(p.rules.find_entity("b") == nullptr);
  CHECK(p.rules.find_relation("r") == &p.rules.relations[0]);
  CHECK(p.rules.find_relation("") == nullptr);
  CHECK(p.rules.find_lexicon("l") == &p.rules.lexicons[0]);
  CHECK(p.rules.find_lexicon("m") == nullptr);
}

// --- sources -------------------------------------------------------------------------------

TEST_CASE("builtin rules: named <builtin>/NAME, types first, load without errors") {
  const std::vector<RuleSource>& sources = builtin_rules();
  REQUIRE_FALSE(sources.empty());
  CHECK(sources[0].name == "<builtin>/types.rules");
  for (const RuleSource& s : sources) {
    CHECK(s.name.rfind("<builtin>/", 0) == 0);
    CHECK_FALSE(s.text.empty());
  }
  const Parsed p = load(sources);
  for (const Diagnostic& d : p.diags.all()) {
    INFO(format(d));
    CHECK(d.severity != Severity::error);
  }
  CHECK(p.rules.find_type("person") != nullptr);
}

TEST_CASE("read_rule_paths: files and folders") {
  namespace fs = std::filesystem;
  const fs::path root = fs::temp_directory_path() / "relgraph_rules_test";
  fs::remove_all(root);
  fs::create_directories(root / "sub");
  fs::create_directories(root / ".hidden");
  const auto write = [](const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  };
  write(root / "b.rules", "type b\n");
  write(root / "a.rules", "type a\n");
  write(root / "sub" / "c.rules", "type c\n");
  write(root / "notes.txt", "not rules\n");
  write(root / ".hidden" / "d.rules", "type d\n");
  write(root / "single.txt", "type s\n");

  const std::vector<RuleSource> sources =
      read_rule_paths({root.string(), (root / "single.txt").string()});
  REQUIRE(sources.size() == 4);
  CHECK(sources[0].name == (root / "a.rules").string());
  CHECK(sources[0].text == "type a\n");
  CHECK(sources[1].name == (root / "b.rules").string());
  CHECK(sources[2].name == (root / "sub" / "c.rules").string());
  CHECK(sources[3].name == (root / "single.txt").string());
  CHECK(sources[3].text == "type s\n");

  const std::string missing = (root / "missing.rules").string();
  CHECK_THROWS_WITH_AS(read_rule_paths({missing}),
                       ("cannot read " + missing + ": No such file or directory").c_str(),
                       std::runtime_error);
  fs::remove_all(root);
}

// --- robustness ----------------------------------------------------------------------------

namespace {

// Every diagnostic of a parse must point inside (or just after) its line.
void check_diagnostics_are_well_formed(const Diagnostics& diags) {
  for (const Diagnostic& d : diags.all()) {
    REQUIRE(d.where.line >= 1);
    REQUIRE(d.where.column >= 0);
    if (d.source_line.empty()) continue;  // validation and notes about another file
    std::size_t code_points = 0;
    for (unsigned char c : d.source_line) code_points += (c & 0xC0) != 0x80;
    REQUIRE(static_cast<std::size_t>(d.where.column) <= code_points + 1);
    for (unsigned char c : d.source_line) REQUIRE((c >= 0x20 || c == '\t'));
  }
}

}  // namespace

TEST_CASE("never throws on random bytes or random rule-like text") {
  std::mt19937 random(20240611);
  const std::vector<std::string> pieces = {"entity ",
                                           "type ",
                                           "group ",
                                           "relation ",
                                           "lexicon ",
                                           "x",
                                           "a-b",
                                           "Foo",
                                           "\n",
                                           "\r\n",
                                           "  ",
                                           "\t",
                                           ":",
                                           " | ",
                                           "|",
                                           "[",
                                           "]",
                                           ",",
                                           "\\",
                                           "\\|",
                                           "#",
                                           " #",
                                           "aliases: ",
                                           "type: ",
                                           "label: ",
                                           "members: ",
                                           "words: ",
                                           "triggers: ",
                                           "direction: ",
                                           "source-roles: ",
                                           "case",
                                           "alone",
                                           "start",
                                           "미국",
                                           "미",
                                           "가",
                                           "\xEF\xBB\xBF",
                                           "\xFF",
                                           "\xE3\x81",
                                           "\0",
                                           "blocked-by: ",
                                           "speaker-is-source: ",
                                           "company",
                                           "person"};
  for (int round = 0; round < 10000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 200);
    if (round % 2 == 0) {
      for (int i = 0; i < length; ++i) text += static_cast<char>(random() % 256);
    } else {
      for (int i = 0; i < length / 4; ++i) {
        const std::string& piece = pieces[random() % pieces.size()];
        text += piece.empty() ? std::string(1, '\0') : piece;
      }
    }
    RuleSet rules;
    Diagnostics diags;
    REQUIRE_NOTHROW(parse_rules(text, "fuzz.rules", rules, diags));
    REQUIRE_NOTHROW(parse_rules(text, "again.rules", rules, diags));
    REQUIRE_NOTHROW(validate_rules(rules, diags));
    check_diagnostics_are_well_formed(diags);
    for (const Diagnostic& d : diags.all()) REQUIRE_NOTHROW(format(d));
  }
}

TEST_CASE("huge lines are handled in bounded time and with bounded diagnostics") {
  // 400,000 empty items on one line: at most 16 diagnostics plus a note, not one per item.
  const Parsed p =
      parse("entity a\n  type: company\n  label: A\n  aliases: " + std::string(400000, '|') + "\n");
  CHECK(p.diags.error_count() == 16);
  CHECK(p.diags.all().back().message == "too many problems on this line; the rest are not shown");
  // 100,000 aliases on one line are all read, with correct columns.
  std::string line = "  aliases: ";
  for (int i = 0; i < 100000; ++i) line += "가" + std::to_string(i) + " | ";
  line += "끝끝";
  const Parsed q = parse("entity a\n  type: company\n" + line + "\n");
  CHECK(headlines(q.diags) == Strings{});
  REQUIRE(q.rules.entities.size() == 1);
  REQUIRE(q.rules.entities[0].aliases.size() == 100001);
  CHECK(q.rules.entities[0].aliases[1].where.column == 12 + 5);  // "가0 | " is 5 code points
}

// --- StringIndex and RuleFile ----------------------------------------------------------------

// Every key hashed alike: each look-up compares the key with every stored key of its length.
struct CollidingHash {
  static std::uint64_t hash(std::string_view) { return 0x1234567800000000ULL; }
};

TEST_CASE(
    "StringIndex: keys are told apart by every byte, at every length (the compare in loads)") {
  std::mt19937 rng(7);
  for (std::size_t n = 0; n <= 40; ++n) {
    BasicStringIndex<CollidingHash> index;
    std::string key(n, '\0');
    for (char& c : key) c = static_cast<char>(rng());
    // Stored in a buffer that holds other keys' bytes after it.
    index.insert(key, 1);
    index.insert(key + "xyz", 2);
    CHECK(index.find(key) == 1);
    CHECK(index.find(key + "xyz") == 2);
    for (std::size_t i = 0; i < n; ++i) {
      std::string other = key;
      other[i] = static_cast<char>(other[i] ^ (1 << (i % 8)));
      CHECK(index.find(other) == BasicStringIndex<CollidingHash>::kAbsent);
      CHECK(index.insert(other, 3).second);
      CHECK(index.find(other) == 3);
      CHECK(index.find(key) == 1);
    }
    if (n > 0)
      CHECK(index.find(std::string_view(key).substr(0, n - 1)) ==
            BasicStringIndex<CollidingHash>::kAbsent);
  }
}

TEST_CASE("StringIndex: insert keeps the first value, find agrees with std::unordered_map") {
  StringIndex index;
  CHECK(index.empty());
  CHECK(index.find("a") == StringIndex::kAbsent);
  CHECK(index.insert("a", 7) == std::pair<std::uint32_t, bool>{7, true});
  CHECK(index.insert("a", 8) == std::pair<std::uint32_t, bool>{7, false});
  CHECK(index.insert("", 1) == std::pair<std::uint32_t, bool>{1, true});  // the empty key
  CHECK(index.insert(std::string_view("a\0b", 3), 2).second);             // bytes, not C strings
  CHECK(index.find("a") == 7);
  CHECK(index.find("") == 1);
  CHECK(index.find(std::string_view("a\0b", 3)) == 2);
  CHECK(index.find(std::string_view("a\0c", 3)) == StringIndex::kAbsent);
  CHECK(index.size() == 3);

  // Many keys (the table grows many times), some repeated, against a reference map.
  std::mt19937 random(5);
  std::unordered_map<std::string, std::uint32_t> reference;
  StringIndex big;
  for (std::uint32_t i = 0; i < 200000; ++i) {
    std::string key = std::to_string(random() % 150000);
    if (i % 3 == 0) key += "한국";
    const auto [value, added] = big.insert(key, i);
    const auto [it, reference_added] = reference.emplace(key, i);
    REQUIRE(added == reference_added);
    REQUIRE(value == it->second);
  }
  CHECK(big.size() == reference.size());
  for (const auto& [key, value] : reference) REQUIRE(big.find(key) == value);
  CHECK(big.find("not a key") == StringIndex::kAbsent);

  big.clear();
  CHECK(big.empty());
  CHECK(big.find("1") == StringIndex::kAbsent);
  CHECK(big.insert("1", 3).second);
  CHECK(big.find("1") == 3);
  index.clear();  // a small table is reused
  CHECK(index.find("a") == StringIndex::kAbsent);
  CHECK(index.insert("a", 9).first == 9);
}

TEST_CASE("RuleFile: one interned name per file, locations convert to SourceLocation") {
  const RuleFile a("packs/x.rules");
  const RuleFile b(std::string("packs/x.rules"));
  const RuleFile c("packs/y.rules");
  CHECK(a == b);
  CHECK(&a.name() == &b.name());  // the same copy of the name
  CHECK_FALSE(a == c);
  CHECK(a == "packs/x.rules");
  CHECK(a == std::string("packs/x.rules"));
  CHECK(a == std::string_view("packs/x.rules"));
  CHECK(RuleFile() == RuleFile(""));
  CHECK(RuleFile().name().empty());

  const RuleLocation where{"packs/x.rules", 3, 7};
  const SourceLocation source = where.source();
  CHECK(source.file == "packs/x.rules");
  CHECK(source.line == 3);
  CHECK(source.column == 7);

  // Every location parsed from one file shares its name.
  const Parsed p =
      parse(std::string(kTypes) + "entity a\n  type: company\n  aliases: A | B\n", "shared.rules");
  REQUIRE(p.rules.entities.size() == 1);
  const Entity& e = p.rules.entities[0];
  REQUIRE(e.aliases.size() == 2);
  CHECK(&e.where.file.name() == &e.aliases[1].where.file.name());
  CHECK(e.where.file == "shared.rules");
}
