// RuleSet: the plain, parsed content of rule files (see rules/README.md for the format).
//
// A RuleSet is data only: entity types, entities with aliases, groups, relation types and
// named lexicons, each remembering where it was defined. It is produced by parse_rules() /
// load_rules() (rule_parser.h) and consumed by the matcher and relation compilers, which
// freeze it into immutable, thread-safe objects. Nothing here matches text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.h"

namespace relgraph {

// The name of a rule file, interned: each location in a RuleSet names its file with one pointer
// to a process-wide copy of the name rather than a string of its own (a pack of 100k entities
// holds about 300k locations). Equal names give equal RuleFiles. Thread-safe.
class RuleFile {
 public:
  RuleFile() = default;             // the empty name
  RuleFile(std::string_view name);  // NOLINT(google-explicit-constructor): {"x.rules", 1, 2}
  RuleFile(const char* name) : RuleFile(std::string_view(name)) {}         // NOLINT
  RuleFile(const std::string& name) : RuleFile(std::string_view(name)) {}  // NOLINT

  const std::string& name() const { return name_ ? *name_ : empty_name(); }

  friend bool operator==(const RuleFile& a, const RuleFile& b) { return a.name_ == b.name_; }
  friend bool operator==(const RuleFile& a, std::string_view b) { return a.name() == b; }
  friend bool operator==(const RuleFile& a, const char* b) { return a.name() == b; }
  friend bool operator==(const RuleFile& a, const std::string& b) { return a.name() == b; }

 private:
  static const std::string& empty_name();
  const std::string* name_ = nullptr;  // null for the empty name
};

// Where something was defined in a rule file (see SourceLocation, which diagnostics carry).
struct RuleLocation {
  RuleFile file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in code points

  SourceLocation source() const { return SourceLocation{file.name(), line, column}; }
};

struct Attribute {
  std::string key;
  std::string value;
};

// How strictly an alias must stand on its own in the text (rules/README.md, "Alias options").
enum class AliasContext : std::uint8_t { automatic, any, particle, alone, list };

struct Alias {
  std::string text;
  bool case_sensitive = false;
  AliasContext context = AliasContext::automatic;
  bool toward = false;  // a 對-compound such as 대미: the entity is a target ("대미 투자")
  RuleLocation where;
};

struct EntityType {
  std::string name;
  std::string label;
  std::vector<Attribute> attributes;
  RuleLocation where;
};

struct Entity {
  std::string id;
  std::string type;
  std::string label;
  std::vector<Alias> aliases;  // includes the label
  std::vector<Attribute> attributes;
  RuleLocation where;
};

struct Group {
  std::string id;
  std::vector<std::string> members;  // entity ids
  std::vector<Alias> aliases;
  RuleLocation where;
};

// Where a lexicon entry or trigger must sit inside a word (a whitespace-delimited eojeol).
enum class WordPosition { anywhere, start, end, word };

// How a trigger of a symmetric relation pairs its arguments (rules/relations.rules):
// mutual: sources with targets, or every pair of sources when there is no target;
// found: every pair of founders, and each founder with the venture;
// join: each joiner with the venture or partner named, never with each other; for a directed
//   relation (a stake: 지분, 최대 주주) the holder's genitive ("인텔의 최대 주주") is the target;
// receive: the subject receives from the source ("X로부터 투자를 받았다": X -> subject);
// quoted: read as mutual, but only after quoted speech in the trigger's sentence, outside it
//   ("..."라며 X를 겨냥했다: the words quoted are the attack; "X 시장을 겨냥했다" is none).
enum class TriggerFrame { mutual, found, join, receive, quoted };

struct LexiconEntry {
  std::string text;
  WordPosition position = WordPosition::anywhere;
  TriggerFrame frame = TriggerFrame::mutual;  // options `found` / `join` / `receive` / `quoted`
  RuleLocation where;
};

struct Lexicon {
  std::string name;
  std::vector<LexiconEntry> entries;
  RuleLocation where;
};

struct RelationType {
  std::string name;
  std::string label;
  bool symmetric = false;
  std::vector<std::string> source_types;  // empty: any type
  std::vector<std::string> target_types;  // empty: any type
  std::vector<LexiconEntry> triggers;
  std::vector<std::string> source_roles;  // see kSourceRoles
  std::vector<std::string> target_roles;  // see kTargetRoles
  std::vector<std::string> blocked_by;    // lexicon names
  bool speaker_is_source = false;
  std::vector<Attribute> attributes;
  RuleLocation where;
};

inline constexpr const char* kSourceRoles[] = {"subject", "comitative", "head", "speaker"};
inline constexpr const char* kTargetRoles[] = {"object",   "dative",     "via",   "about",  "owner",
                                               "location", "comitative", "quote", "venture"};

struct RuleSet {
  std::vector<EntityType> types;
  std::vector<Entity> entities;
  std::vector<Group> groups;
  std::vector<RelationType> relations;
  std::vector<Lexicon> lexicons;

  const EntityType* find_type(std::string_view name) const;
  const Entity* find_entity(std::string_view id) const;
  const RelationType* find_relation(std::string_view name) const;
  const Lexicon* find_lexicon(std::string_view name) const;
};

}  // namespace relgraph
