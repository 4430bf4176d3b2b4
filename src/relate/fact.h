// Fact and Evidence: what the relate stage hands on to the graph.
//
// A Fact is one typed edge found in one sentence: source and target entity ids, the relation
// name, and the Evidence (document, sentence index, byte offsets into the original document,
// the sentence's original text and the trigger word). Symmetric relations are canonical:
// source <= target. DocumentExtraction collects one document's facts and entity mention counts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace relgraph {

struct Evidence {
  std::string document;      // document name (path as given, or "<stdin>")
  std::size_t sentence = 0;  // 0-based index of the sentence in the document
  std::size_t begin = 0;     // byte offsets of the sentence in the original document bytes
  std::size_t end = 0;
  std::string text;     // the sentence, as in the original (after UTF-8 repair)
  std::string trigger;  // the trigger word as written in the text
  std::string date;     // document date, ISO 8601, when known (may be empty)
};

struct Fact {
  std::string source;    // entity id
  std::string relation;  // relation type name
  std::string target;    // entity id
  bool symmetric = false;
  Evidence evidence;
};

struct MentionCount {
  std::string entity;  // entity id
  std::size_t count = 0;
};

struct DocumentExtraction {
  std::string document;
  std::vector<MentionCount> mentions;  // sorted by entity id
  std::vector<Fact> facts;             // in text order
};

}  // namespace relgraph
