// Canonical forms of attribute and evidence lists (see canonical.h).
#include "graph/canonical.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

namespace relgraph {

namespace {

auto full_key(const Evidence& e) {
  return std::tie(e.document, e.sentence, e.trigger, e.date, e.begin, e.end, e.text);
}

}  // namespace

std::vector<Attribute> canonical_attributes(std::vector<Attribute> attributes) {
  std::stable_sort(attributes.begin(), attributes.end(),
                   [](const Attribute& a, const Attribute& b) { return a.key < b.key; });
  auto last = std::unique(attributes.begin(), attributes.end(),
                          [](const Attribute& a, const Attribute& b) { return a.key == b.key; });
  attributes.erase(last, attributes.end());
  return attributes;
}

// Distinct by (document, sentence, trigger, date), sorted by (document, sentence, begin,
// trigger, date). Of several evidences with the same identity, the smallest by every field is
// kept, so the choice does not depend on the order in which they were added. The date is part
// of the identity so that no date is ever dropped: an edge's dates (graph/dates.h) are those of
// all the evidence it was given, which lets a builder keep them as it goes.
std::vector<Evidence> canonical_evidence(std::vector<Evidence> evidence) {
  std::sort(evidence.begin(), evidence.end(),
            [](const Evidence& a, const Evidence& b) { return full_key(a) < full_key(b); });
  auto last =
      std::unique(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
        return a.document == b.document && a.sentence == b.sentence && a.trigger == b.trigger &&
               a.date == b.date;
      });
  evidence.erase(last, evidence.end());
  // The identity fields are part of this key, so the order is total on what remains.
  std::sort(evidence.begin(), evidence.end(), [](const Evidence& a, const Evidence& b) {
    return std::tie(a.document, a.sentence, a.begin, a.trigger, a.date) <
           std::tie(b.document, b.sentence, b.begin, b.trigger, b.date);
  });
  return evidence;
}

std::size_t distinct_sentences(const std::vector<Evidence>& evidence) {
  std::set<std::pair<std::string_view, std::size_t>> seen;
  for (const Evidence& e : evidence) seen.emplace(e.document, e.sentence);
  return seen.size();
}

}  // namespace relgraph
