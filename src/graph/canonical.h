// Canonical forms shared by everything that builds, loads or combines graphs.
//
// canonical_attributes(): sorted by key, the first of several with one key kept.
// canonical_evidence(): distinct by (document, sentence, trigger, date) — of several entries
// with the same identity the smallest by every field is kept, so the result does not depend on
// the order they came in — sorted by (document, sentence, begin, trigger, date). The date is
// part of the identity so that no date is dropped (two documents of one name but different
// dates keep both entries). distinct_sentences(): the
// number of different (document, sentence) pairs, which is an edge's weight. No I/O.
#pragma once

#include <cstddef>
#include <vector>

#include "relate/fact.h"
#include "rules/rule_set.h"

namespace relgraph {

std::vector<Attribute> canonical_attributes(std::vector<Attribute> attributes);
std::vector<Evidence> canonical_evidence(std::vector<Evidence> evidence);
std::size_t distinct_sentences(const std::vector<Evidence>& evidence);

}  // namespace relgraph
