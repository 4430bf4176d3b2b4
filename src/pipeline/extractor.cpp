// Extractor: normalise -> segment -> match -> relate for one document (see extractor.h).
#include "pipeline/extractor.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "normalise/normalise.h"
#include "segment/segment.h"

namespace relgraph {

std::vector<MentionCount> count_mentions(const Matcher& matcher,
                                         const std::vector<Mention>& mentions) {
  // Count by entity number, then sort the few distinct entities by id (ids are distinct).
  std::vector<std::uint32_t> entities;
  entities.reserve(mentions.size());
  for (const Mention& m : mentions) entities.push_back(m.entity);
  std::sort(entities.begin(), entities.end());
  std::vector<MentionCount> out;
  for (std::size_t i = 0; i < entities.size();) {
    std::size_t j = i + 1;
    while (j < entities.size() && entities[j] == entities[i]) ++j;
    out.push_back({matcher.entities()[entities[i]].id, j - i});
    i = j;
  }
  std::sort(out.begin(), out.end(),
            [](const MentionCount& a, const MentionCount& b) { return a.entity < b.entity; });
  return out;
}

Extractor::Extractor(const RuleSet& rules) : Extractor(rules, Matcher::compile(rules)) {}

Extractor::Extractor(const RuleSet& rules, std::shared_ptr<const Matcher> matcher)
    : matcher_(std::move(matcher)), relations_(RelationExtractor::compile(rules, matcher_)) {}

Extractor::Extractor(std::shared_ptr<const Matcher> matcher,
                     std::unique_ptr<RelationExtractor> relation_tables)
    : matcher_(std::move(matcher)),
      relations_(RelationExtractor::with_matcher(std::move(relation_tables), matcher_)) {}

DocumentExtraction Extractor::extract(std::string_view bytes, const std::string& document,
                                      std::string* trace) const {
  DocumentExtraction out;
  out.document = document;
  const NormalisedText text = normalise(bytes);
  const std::vector<Sentence> sentences = split_sentences(text.text);
  const std::vector<Mention> mentions = matcher_->find(text.text);
  out.mentions = count_mentions(*matcher_, mentions);
  out.facts = relations_->extract(bytes, text, sentences, mentions, document, trace);
  return out;
}

}  // namespace relgraph
