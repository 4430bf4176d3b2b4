// RuleSet look-ups by name. Rule sets hold at most a few thousand items and are searched while
// compilers freeze them, so a linear search is enough (and keeps RuleSet plain data).
#include "rules/rule_set.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace relgraph {

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
