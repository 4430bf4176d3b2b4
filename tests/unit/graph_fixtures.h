// Small helpers shared by the unit tests that build graphs by hand.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "relate/fact.h"

namespace relgraph::testing {

// Evidence for sentence `sentence` of `document`, at offsets sentence*10 .. sentence*10+7.
inline Evidence make_evidence(std::string document, std::size_t sentence, std::string text,
                              std::string trigger, std::string date = {}) {
  Evidence e;
  e.document = std::move(document);
  e.sentence = sentence;
  e.begin = sentence * 10;
  e.end = sentence * 10 + 7;
  e.text = std::move(text);
  e.trigger = std::move(trigger);
  e.date = std::move(date);
  return e;
}

}  // namespace relgraph::testing
