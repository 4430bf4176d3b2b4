// Extractor: normalise -> segment -> match -> relate for one document (see extractor.h).
#include "pipeline/extractor.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "normalise/normalise.h"
#include "segment/segment.h"

namespace relgraph {

std::vector<MentionCount> count_mentions(const Matcher& matcher,
                                         const std::vector<Mention>& mentions,
                                         const std::vector<DiscoveredEntity>& discovered) {
  const std::size_t base = matcher.entities().size();
  // Count by entity number, then sort the few distinct entities by id (ids are distinct).
  std::vector<std::uint32_t> entities;
  entities.reserve(mentions.size());
  for (const Mention& m : mentions) entities.push_back(m.entity);
  std::sort(entities.begin(), entities.end());
  std::vector<MentionCount> out;
  for (std::size_t i = 0; i < entities.size();) {
    std::size_t j = i + 1;
    while (j < entities.size() && entities[j] == entities[i]) ++j;
    const std::uint32_t e = entities[i];
    out.push_back({e < base ? matcher.entities()[e].id : discovered[e - base].id, j - i});
    i = j;
  }
  std::sort(out.begin(), out.end(),
            [](const MentionCount& a, const MentionCount& b) { return a.entity < b.entity; });
  return out;
}

std::vector<Mention> merge_mentions(std::vector<Mention> known, const Discoveries& found) {
  if (found.mentions.empty()) return known;
  // A discovered company's mention may cover rule mentions ("Hanwha" in "Hanwha Philly
  // Shipyard"): those go. Both lists are in text order.
  std::size_t f = 0;
  std::erase_if(known, [&](const Mention& m) {
    while (f < found.mentions.size() && found.mentions[f].end <= m.begin) ++f;
    for (std::size_t g = f; g < found.mentions.size() && found.mentions[g].begin <= m.begin; ++g)
      if (m.end <= found.mentions[g].end) return true;
    return false;
  });
  const std::size_t middle = known.size();
  known.insert(known.end(), found.mentions.begin(), found.mentions.end());
  std::inplace_merge(known.begin(), known.begin() + static_cast<std::ptrdiff_t>(middle),
                     known.end(),
                     [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return known;
}

Extractor::Extractor(const RuleSet& rules) : Extractor(rules, Matcher::compile(rules)) {}

Extractor::Extractor(const RuleSet& rules, std::shared_ptr<const Matcher> matcher)
    : matcher_(std::move(matcher)),
      relations_(RelationExtractor::compile(rules, matcher_)),
      discoverer_(EntityDiscoverer::compile(rules)) {}

Extractor::Extractor(std::shared_ptr<const Matcher> matcher,
                     std::unique_ptr<RelationExtractor> relation_tables,
                     std::shared_ptr<const EntityDiscoverer> discoverer)
    : matcher_(std::move(matcher)),
      relations_(RelationExtractor::with_matcher(std::move(relation_tables), matcher_)),
      discoverer_(std::move(discoverer)) {}

DocumentExtraction Extractor::extract(std::string_view bytes, const std::string& document,
                                      std::string* trace) const {
  DocumentExtraction out;
  out.document = document;
  const NormalisedText text = normalise(bytes);
  const std::vector<Sentence> sentences = split_sentences(text.text);
  std::vector<Mention> mentions = matcher_->find(text.text);
  Discoveries found;
  if (discoverer_)
    found = discoverer_->find(text.text, sentences, mentions,
                              static_cast<std::uint32_t>(matcher_->entities().size()));
  mentions = merge_mentions(std::move(mentions), found);
  out.mentions = count_mentions(*matcher_, mentions, found.entities);
  out.facts =
      relations_->extract(bytes, text, sentences, mentions, document, trace, found.entities);
  return out;
}

}  // namespace relgraph
