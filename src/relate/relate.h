// RelationExtractor: typed edges from the mentions of one document, sentence by sentence.
//
// Compiled once from a RuleSet (relation types, triggers, the Korean grammar lexicons) and
// immutable afterwards. For every sentence it builds noun-phrase units around mentions (the
// particle glued to a name gives its role: subject, object, dative, comitative, genitive...),
// finds coordination lists, appositions and relative clauses, then reads each trigger's frame
// to pick sources and targets; cues near a trigger (negation, failure, hypothetical, talks)
// suppress it. The method is described in src/relate/README.md. No I/O.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "discover/discover.h"
#include "match/matcher.h"
#include "normalise/normalise.h"
#include "relate/fact.h"
#include "rules/rule_set.h"
#include "segment/segment.h"

namespace relgraph {

class RelationExtractor {
 public:
  RelationExtractor(const RelationExtractor&) = delete;
  RelationExtractor& operator=(const RelationExtractor&) = delete;
  ~RelationExtractor();

  static std::shared_ptr<const RelationExtractor> compile(const RuleSet& rules,
                                                          std::shared_ptr<const Matcher> matcher);
  // compile() in two steps, so that the tables can be made while the Matcher is still being
  // compiled or read elsewhere: the tables need only `rules`; then the Matcher made from the
  // same rules (std::logic_error if it has another number of entities).
  static std::unique_ptr<RelationExtractor> compile_tables(const RuleSet& rules);
  static std::shared_ptr<const RelationExtractor> with_matcher(
      std::unique_ptr<RelationExtractor> tables, std::shared_ptr<const Matcher> matcher);

  // Facts of one document, in text order. `original` is the document's raw bytes; evidence
  // offsets point into it. Evidence::document is set to `document`. With `trace`, a readable
  // account of every sentence (units, roles, triggers, edges) is appended to it. A sentence
  // that would give more than kMaxFactsPerSentence distinct facts is a list or a table rather
  // than a statement (thousands of names joined by '·' and one trigger would pair them all):
  // it gives none, which keeps time, memory and output linear in the input.
  static constexpr std::size_t kMaxFactsPerSentence = 256;
  // Mentions whose entity is Matcher::entities().size() + k name discovered[k] (src/discover).
  std::vector<Fact> extract(std::string_view original, const NormalisedText& text,
                            const std::vector<Sentence>& sentences,
                            const std::vector<Mention>& mentions, const std::string& document,
                            std::string* trace = nullptr,
                            const std::vector<DiscoveredEntity>& discovered = {}) const;

  const Matcher& matcher() const { return *matcher_; }

  struct Impl;

 private:
  RelationExtractor();
  std::shared_ptr<const Matcher> matcher_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace relgraph
