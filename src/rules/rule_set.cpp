// RuleFile interning, and RuleSet look-ups by name. The look-ups are linear (RuleSet stays plain
// data): fine for the few types, relations and lexicons; code that looks up many entities of a
// large pack indexes them once instead (StringIndex, as the parser and the compilers do).
#include "rules/rule_set.h"

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace relgraph {

// Rule file names live as long as the process: few (one per file loaded), each a few bytes.
// The set is never destroyed, so a RuleFile stays valid in static objects too.
RuleFile::RuleFile(std::string_view name) {
  if (name.empty()) return;
  static std::mutex mutex;
  static auto* names = new std::unordered_set<std::string>();
  const std::lock_guard<std::mutex> lock(mutex);
  name_ = &*names->emplace(name).first;  // set elements never move
}

const std::string& RuleFile::empty_name() {
  static const std::string empty;
  return empty;
}

namespace {

template <typename T, typename Key>
const T* find_by(const std::vector<T>& items, std::string_view wanted, Key key) {
  const auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return key(item) == wanted; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const EntityType* RuleSet::find_type(std::string_view name) const {
  return find_by(types, name, [](const EntityType& t) -> const std::string& { return t.name; });
}

const Entity* RuleSet::find_entity(std::string_view id) const {
  return find_by(entities, id, [](const Entity& e) -> const std::string& { return e.id; });
}

const RelationType* RuleSet::find_relation(std::string_view name) const {
  return find_by(relations, name,
                 [](const RelationType& r) -> const std::string& { return r.name; });
}

const Lexicon* RuleSet::find_lexicon(std::string_view name) const {
  return find_by(lexicons, name, [](const Lexicon& l) -> const std::string& { return l.name; });
}

}  // namespace relgraph
