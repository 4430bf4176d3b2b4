// Extractor: the text pipeline for one document, wired in one place.
//
// normalise -> segment -> match -> discover -> relate, over one document's bytes, giving a
// DocumentExtraction (facts with evidence, mention counts). Built once from a RuleSet; the
// compiled Matcher and RelationExtractor are immutable, so one Extractor serves many threads.
// No I/O: the CLI reads files and hands their bytes in.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "discover/discover.h"
#include "match/matcher.h"
#include "relate/fact.h"
#include "relate/relate.h"
#include "rules/rule_set.h"

namespace relgraph {

// How often each entity is mentioned, sorted by entity id. Mentions of entity
// matcher.entities().size() + k name discovered[k].
std::vector<MentionCount> count_mentions(const Matcher& matcher,
                                         const std::vector<Mention>& mentions,
                                         const std::vector<DiscoveredEntity>& discovered = {});

// The rule mentions and the discovered ones, in text order; a rule mention inside a discovered
// company's ("Hanwha" in "Hanwha Philly Shipyard") is dropped, and no other two overlap.
std::vector<Mention> merge_mentions(std::vector<Mention> known, const Discoveries& found);

class Extractor {
 public:
  explicit Extractor(const RuleSet& rules);
  // With `matcher` already compiled from `rules` (or read back from a rule image).
  Extractor(const RuleSet& rules, std::shared_ptr<const Matcher> matcher);
  // With `matcher` and the relation tables (RelationExtractor::compile_tables()) made from the
  // same rules, apart: the tables can be compiled while the Matcher is read elsewhere.
  // `discoverer` (EntityDiscoverer::compile() of the same rules) may be null: no discovery.
  Extractor(std::shared_ptr<const Matcher> matcher,
            std::unique_ptr<RelationExtractor> relation_tables,
            std::shared_ptr<const EntityDiscoverer> discoverer);

  // With `trace`, appends how each sentence was read (for `relgraph build --explain`).
  DocumentExtraction extract(std::string_view bytes, const std::string& document,
                             std::string* trace = nullptr) const;

  const Matcher& matcher() const { return *matcher_; }

 private:
  std::shared_ptr<const Matcher> matcher_;
  std::shared_ptr<const RelationExtractor> relations_;
  std::shared_ptr<const EntityDiscoverer> discoverer_;
};

}  // namespace relgraph
