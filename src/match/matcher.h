// Matcher: finds entity mentions in normalised text; compiled once from a RuleSet, immutable.
//
// Aliases are normalised like the text, ASCII-lowercased and stripped of spaces, then compiled
// into an Aho-Corasick automaton. The text is scanned in the same folded form (spaces skipped,
// line breaks kept), so "오픈 AI" and "오픈AI" meet; a space inside a match is accepted only
// where the alias has one or between Hangul and Latin. Each candidate is then checked against
// its alias context (rules/README.md: a short Hangul name needs a particle after it, "미" in
// "미래" is rejected) and overlaps are resolved longest-first. A group alias ("한미일") yields
// one mention per member. Once a person's full Latin name has been seen, their surname alone
// ("Huang") also names them in the rest of the document (surnames are looked up per Latin word
// in a hash table). The Matcher is safe to share between threads. A compiled Matcher can be
// frozen into bytes and read back (rule_image/), which skips compiling. No I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "match/literal_automaton.h"
#include "match/particles.h"
#include "rules/rule_set.h"
#include "rules/string_index.h"

namespace relgraph {

struct Mention {
  std::size_t begin = 0;  // byte span of the name in the normalised text
  std::size_t end = 0;
  std::uint32_t entity = 0;  // index into Matcher::entities()
  std::uint32_t alias = 0;   // index into Matcher::aliases()
  bool toward = false;       // a 對-compound ("대미"): the entity is a target
  bool from_group = false;   // produced by a group alias
};

struct MatcherEntity {
  std::string id;
  std::string type;
};

struct MatcherAlias {
  std::string text;  // normalised, as written in the rules
  std::string key;   // folded: ASCII-lowercased, spaces removed
  std::vector<std::uint32_t> entities;
  bool case_sensitive = false;
  AliasContext context = AliasContext::automatic;
  bool toward = false;
  bool from_group = false;
};

// The candidate engines; `naive` exists to test the automaton (and the surname look-up)
// against.
enum class MatchEngine { automaton, naive };

class Matcher {
 public:
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;
  ~Matcher();

  static std::shared_ptr<const Matcher> compile(const RuleSet& rules);

  // Mentions sorted by (begin, entity).
  std::vector<Mention> find(std::string_view normalised,
                            MatchEngine engine = MatchEngine::automaton) const;

  const std::vector<MatcherEntity>& entities() const { return entities_; }
  const std::vector<MatcherAlias>& aliases() const { return aliases_; }
  const ParticleSet& particles() const { return particles_; }
  std::size_t automaton_states() const;

 private:
  friend class RuleImageCodec;  // rule_image/: copies the compiled tables to and from bytes
  Matcher();
  // hot_ from aliases_ and the automaton: the end of compile() (a frozen Matcher stores it).
  void derive_alias_hot();
  // The tables made from the others (surname look-up, first_alias_, has_surname_): the end of
  // compile(), and of reading a frozen Matcher back.
  void derive_tables();
  // Each alias's key from its text, as compile() makes it.
  void fold_alias_keys();
  // For a Matcher read back from bytes, its automaton checked (LiteralAutomaton::thaw): whether
  // find() can rely on its tables (indices in range, the automaton's patterns as long as the
  // aliases' keys, hot_ consistent with aliases_, surnames of [A-Za-z.-]).
  // Returns the first problem found, or "".
  std::string check() const;
  struct Candidate {
    std::size_t begin, end;  // normalised text span
    std::uint32_t alias;
  };
  void scan_naive(std::string_view text, std::vector<Candidate>& out) const;
  // find() with the naive engine: candidates from scan_naive(), overlaps resolved over all of
  // them sorted longest first (the automaton's find() resolves them cluster by cluster).
  std::vector<Mention> find_naive(std::string_view text) const;
  // [begin, end) holds the key of alias `a` with spaces skipped and ASCII case folded.
  bool accept(std::string_view text, std::size_t begin, std::size_t end, std::uint32_t a) const;
  // accept()'s checks of the spaces and (for a [case] alias) the case inside the match.
  bool inside_ok(std::string_view text, std::size_t begin, std::size_t end, std::uint32_t a) const;

  // Returns whether it dropped any.
  bool drop_lonely_list_members(std::string_view text, std::vector<Mention>& mentions) const;
  // After a person's full Latin name, their surname alone ("Huang") refers to them.
  // The naive engine searches the text for each surname in turn. `spans`, if not null, holds
  // the mentions' spans, disjoint and sorted (otherwise they are collected from `mentions`).
  void add_surname_mentions(std::string_view text, std::vector<Mention>& mentions,
                            MatchEngine engine,
                            const std::vector<std::pair<std::size_t, std::size_t>>* spans) const;

  std::vector<MatcherEntity> entities_;
  std::vector<MatcherAlias> aliases_;
  std::vector<std::vector<std::string>> surnames_;  // per entity (people only)
  // Every surname -> k: it names the entities surname_entities_[surname_begin_[k] ..
  // surname_begin_[k + 1]). Surnames are made of [A-Za-z.-] only, so the text is searched for
  // them word by word, not byte by byte.
  StringIndex surname_index_;
  std::vector<std::uint32_t> surname_begin_;
  std::vector<std::uint32_t> surname_entities_;
  std::size_t surname_max_length_ = 0;
  std::vector<std::uint32_t> first_alias_;  // per entity: its first alias
  std::vector<std::uint8_t> has_surname_;   // per entity: 1 if surnames_ has some
  // Per entity, the first two letters of each of its surnames as (first - 'A') * 32 +
  // (second - 'a'): surname_pairs_[surname_pair_begin_[e] .. surname_pair_begin_[e + 1]).
  std::vector<std::uint32_t> surname_pair_begin_;
  std::vector<std::uint16_t> surname_pairs_;
  // What find() reads of an alias for each candidate, 16 bytes an alias (aliases_ holds the
  // rest): candidates name random aliases, so one cache line each, not five.
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  struct AliasHot {
    std::uint32_t key_length = 0;
    std::uint32_t next_same = kNone;  // the next alias with the same key (same_as order)
    std::uint32_t entity = kNone;     // its only entity; kNone: several (aliases_[a].entities)
    AliasContext context = AliasContext::automatic;
    std::uint8_t flags = 0;         // kCaseSensitive | kShort | kToward | kFromGroup
    std::uint8_t first_script = 0;  // Script of the key's first and last characters
    std::uint8_t last_script = 0;
  };
  static constexpr std::uint8_t kCaseSensitive = 1, kShort = 2, kToward = 4, kFromGroup = 8;
  std::vector<AliasHot> hot_;
  ParticleSet particles_;
  LiteralAutomaton automaton_;
};

}  // namespace relgraph
