// EntityDiscoverer: people and companies that no rule lists, found from how news text
// introduces them.
//
// News names most people once, with a title: "오기형 더불어민주당 의원은", "김성훈 업스테이지
// 대표는", "금융감독원장" glued to its holder ("이찬진 금융감독원장은"), "Sen. Raphael Warnock",
// "Economic Affairs Minister Vincent Karremans". A Korean name is read from its shape (a surname
// from `name.surname`, then syllables that names use, `name.given`), an English one from a
// title (`name.title-en`) and two or three capitalised words. Once a document has introduced a
// person, the rest of it names them again: the full name anywhere (with a particle), a surname
// and a title ("오 의원은", "김 대표는"), an English family name alone ("Fain said").
//
// Built once from the rules' lexicons (rules/names.rules, noun.title and the particles) and
// immutable. It sees the sentences and the rule mentions of one document and never overlaps a
// rule mention. A discovered person's id is "person:" and the name as written ("person:오기형",
// "person:Raphael Warnock"): rule ids are lowercase ASCII without ':', so the two never meet,
// and the same name in two documents is one node.
//
// A company is read from a corporate word glued to or after its name ("그랜드오푸스홀딩스는",
// "에어버스 헬리콥터스와", "HL-GA Battery Company", "Hanwha Philly Shipyard"; `company.suffix`,
// `company.head-en`), or from a company noun before a name that looks borrowed ("희토류 기업
// 라이너스에", "방산업체 부마르와"; `company.noun-end`, `company.loan-syllable`). Its id is
// "company:" and the name; later mentions are the name again and, in English, its first word
// alone ("Wingtech"). A company name may hold a rule company's alias ("Hanwha" in "Hanwha Philly
// Shipyard"): its mention then covers that rule mention, which merge_mentions drops.
//
// It does not tell apart two entities of one name. No I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "match/matcher.h"
#include "rules/rule_set.h"
#include "segment/segment.h"

namespace relgraph {

struct DiscoveredEntity {
  std::string id;     // type + ":" + label
  std::string type;   // "person" or "company"
  std::string label;  // the name as written in the normalised text
  bool company = false;
};

// What discovery found in one document: the entities, and their mentions, whose `entity` is
// `base` + the index into `entities` (`base`: the number of rule entities, so that a mention's
// entity number stays one space). The mentions are in text order; each either overlaps no rule
// mention or (a company's) covers the rule mentions it overlaps.
struct Discoveries {
  std::vector<DiscoveredEntity> entities;
  std::vector<Mention> mentions;
};

// The id a discovered entity of `type` named `label` gets, and whether `id` is one (then its
// type and label are read back from it: the graph needs no table for them).
std::string discovered_id(std::string_view type, std::string_view label);
bool parse_discovered_id(std::string_view id, std::string& type, std::string& label);

class EntityDiscoverer {
 public:
  static std::shared_ptr<const EntityDiscoverer> compile(const RuleSet& rules);

  // `known`: the rule mentions of the document, in text order. `base`: the number of rule
  // entities.
  Discoveries find(std::string_view text, const std::vector<Sentence>& sentences,
                   const std::vector<Mention>& known, std::uint32_t base) const;

  // Whether the rules gave it anything to look for (a rule set without names.rules finds none).
  bool enabled() const;

  ~EntityDiscoverer();
  struct Tables;

 private:
  EntityDiscoverer();
  std::unique_ptr<Tables> t_;
};

}  // namespace relgraph
