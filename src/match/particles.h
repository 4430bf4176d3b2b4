// Korean particles and noun suffixes, as a set that can segment the tail of a word.
//
// Built from the `particle.*` and `suffix.noun` lexicons of the rules. segment() answers
// whether the Hangul text glued after a name ("는", "과의", "에게는", "산") is made only of
// particles and suffixes, and if so returns the pieces, longest first. Used by the matcher
// (a short Hangul name must be followed by particles) and by the relate stage (roles).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule_set.h"

namespace relgraph {

class ParticleSet {
 public:
  ParticleSet() = default;
  explicit ParticleSet(const RuleSet& rules);
  void add(std::string_view particle);

  // The pieces of `tail` if it splits completely into known particles/suffixes (an empty tail
  // gives an empty list); nullopt otherwise.
  std::optional<std::vector<std::string_view>> segment(std::string_view tail) const;
  bool accepts(std::string_view tail) const;
  bool empty() const { return items_.empty(); }
  // Every particle and suffix, longest first (adding them in this order rebuilds the set).
  const std::vector<std::string>& items() const { return items_; }

 private:
  // The DP over `tail`; fills next[i] (length of the piece chosen at byte i) and returns
  // whether the whole tail splits.
  bool split(std::string_view tail, int* next) const;

  // The bucket of the items of two bytes or more starting with bytes b0 b1; distinct for the
  // first two bytes of every Hangul syllable (lead 0xEA-0xED, then 0x80-0xBF).
  static std::size_t bucket(unsigned char b0, unsigned char b1) {
    return ((std::size_t{b0} << 6) + b1) & (kBuckets - 1);
  }
  static constexpr std::size_t kBuckets = 1024;

  std::vector<std::string> items_;  // sorted by length, longest first
  // The items of two bytes or more by bucket of their first two bytes (CSR: bucket b holds
  // by_prefix_[prefix_begin_[b] .. prefix_begin_[b + 1])), and the one-byte items by their
  // byte; indices into items_, longest first.
  std::vector<std::uint16_t> prefix_begin_;
  std::vector<std::uint16_t> by_prefix_;
  std::vector<std::uint16_t> by_byte_[256];
};

// Lexicon names whose words are particles or suffixes.
inline constexpr const char* kParticleLexicons[] = {
    "particle.subject",  "particle.object", "particle.dative", "particle.comitative",
    "particle.genitive", "particle.other",  "suffix.noun"};

}  // namespace relgraph
