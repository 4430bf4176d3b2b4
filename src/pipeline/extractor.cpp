// Extractor: normalise -> segment -> match -> relate for one document (see extractor.h).
#include "pipeline/extractor.h"

#include <map>

#include "normalise/normalise.h"
#include "segment/segment.h"

namespace relgraph {

Extractor::Extractor(const RuleSet& rules)
    : matcher_(Matcher::compile(rules)), relations_(RelationExtractor::compile(rules, matcher_)) {}

DocumentExtraction Extractor::extract(std::string_view bytes, const std::string& document,
                                      std::string* trace) const {
  DocumentExtraction out;
  out.document = document;
  const NormalisedText text = normalise(bytes);
  const std::vector<Sentence> sentences = split_sentences(text.text);
  const std::vector<Mention> mentions = matcher_->find(text.text);
  std::map<std::string, std::size_t> counts;
  for (const Mention& m : mentions) ++counts[matcher_->entities()[m.entity].id];
  for (const auto& [id, n] : counts) out.mentions.push_back({id, n});
  out.facts = relations_->extract(bytes, text, sentences, mentions, document, trace);
  return out;
}

}  // namespace relgraph
