// RelationExtractor: noun-phrase units, roles, coordination and trigger frames (see relate.h
// and src/relate/README.md).
#include "relate/relate.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <bitset>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "match/literal_automaton.h"
#include "match/literal_starts.h"
#include "match/script.h"
#include "rules/string_index.h"
#include "unicode/byte_scan.h"
#include "unicode/utf8.h"

namespace relgraph {

namespace {

enum class Role {
  none,        // bare name, no particle
  subject,     // 은/는/이/가/도
  object,      // 을/를
  dative,      // 에/에게/에서/로
  comitative,  // 와/과 (not a list)
  joint,       // 와/과 함께: acts together with the subject
  genitive,    // 의
  via,         // 을 통해
  about,       // 에 대해, 과 관련
  owner,       // a name modifying a common noun ("미국 AI산업에"): case in owner_case
  location,    // 미국 내, 미국 전역
  locative,    // 에서: where something happens (a destination only as a last resort)
  speaker,     // a bare name right before quoted speech (headlines)
  topic,       // a bare name followed by a comma at the start of a headline
};

// The role's name, as the rules' `target-roles` and the --explain trace write it.
const char* role_label(Role r) {
  switch (r) {
    case Role::none:
      return "bare";
    case Role::subject:
      return "subject";
    case Role::object:
      return "object";
    case Role::dative:
      return "dative";
    case Role::comitative:
      return "comitative";
    case Role::joint:
      return "joint";
    case Role::genitive:
      return "genitive";
    case Role::via:
      return "via";
    case Role::about:
      return "about";
    case Role::owner:
      return "owner";
    case Role::location:
      return "location";
    case Role::locative:
      return "locative";
    case Role::speaker:
      return "speaker";
    case Role::topic:
      return "topic";
  }
  return "?";
}

// FNV-1a, extended one byte at a time so that a word's prefixes (or suffixes, hashing from the
// last byte back) of every length are hashed in one pass, then mixed once for the table.
struct AffixHash {
  static constexpr std::uint64_t kSeed = 0xcbf29ce484222325ULL;
  static std::uint64_t mix(std::uint64_t h, char c) {
    return (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
  }
  static std::uint64_t finish(std::uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }
};
template <bool Reversed>
struct AffixKeyHash {
  static std::uint64_t hash(std::string_view text) {
    std::uint64_t h = AffixHash::kSeed;
    if constexpr (Reversed) {
      for (std::size_t i = text.size(); i-- > 0;) h = AffixHash::mix(h, text[i]);
    } else {
      for (const char c : text) h = AffixHash::mix(h, c);
    }
    return AffixHash::finish(h);
  }
};

// Entry texts (a StringIndex hashed with AffixHash) and their distinct lengths, for looking up
// every prefix (Reversed: every suffix) of a word that some entry could be, in one pass over the
// word. Of entries with equal text, the first added (the smallest index) is kept.
template <bool Reversed>
class AffixIndex {
 public:
  void add(std::string_view text, std::uint32_t entry) {
    if (text.empty() || !index_.insert(text, entry).second) return;
    if (std::find(lengths_.begin(), lengths_.end(), text.size()) == lengths_.end())
      lengths_.insert(std::upper_bound(lengths_.begin(), lengths_.end(), text.size()), text.size());
  }
  bool empty() const { return index_.empty(); }
  // Distinct entry lengths, ascending.
  const std::vector<std::size_t>& lengths() const { return lengths_; }
  // The entry whose text is `piece`, given the running AffixHash of its bytes (mix() from
  // kSeed, in this index's direction, not yet finished); StringIndex::kAbsent if none.
  std::uint32_t find(std::uint64_t running, std::string_view piece) const {
    return index_.find_hashed(AffixHash::finish(running), piece);
  }

 private:
  BasicStringIndex<AffixKeyHash<Reversed>> index_;
  std::vector<std::size_t> lengths_;
};

// A lexicon compiled for quick word tests: entries indexed by position (whole word, start, end)
// so a test costs a few hash lookups instead of a pass over every entry.
struct WordLexicon {
  std::string name;
  std::vector<LexiconEntry> entries;

  // Entry text -> smallest entry index with that text and position.
  AffixIndex<false> whole, starts;
  AffixIndex<true> ends;
  std::vector<std::uint32_t> anywhere;  // entry indices, ascending
  LiteralAutomaton anywhere_texts;      // pattern i: the text of entries[anywhere[i]]
  // Quick rejection: the first three bytes of every whole/start entry and the last three of
  // every end entry, as key_at() (entries shorter than that turn the filter off). Three bytes
  // are one Hangul syllable; two only told the syllable's block of 64 apart.
  std::bitset<65536> first_keys, last_keys;
  bool filter_first = true, filter_last = true;
  // For cues looked for in a span of text rather than in one word: the entries with a space,
  // in lexicon order, and whether "?" is an entry.
  std::vector<std::string> phrases;
  bool question = false;
  // Every entry's text, whatever its position: for the exact tests of particles and endings.
  BasicStringIndex<AffixKeyHash<false>> exact_texts;
  // The first three bytes of every entry (any position); shorter entries turn it off.
  std::bitset<65536> prefix_keys;
  bool filter_prefix = true;
  // Every entry by (key_at of its first bytes, index), for prefix_candidates(); by index alone
  // when the filter is off.
  std::vector<std::uint32_t> by_prefix_key;
  std::vector<std::uint16_t> prefix_key_of;  // the key of each entry in by_prefix_key

  static constexpr std::size_t kKeyBytes = 3;
  // The kKeyBytes bytes at s[i], hashed to 16 bits. Inlined: a handful of instructions that
  // the filters run for nearly every word, where GCC made it a call.
  [[gnu::always_inline]] static std::size_t key_at(std::string_view s, std::size_t i) {
    const std::uint32_t bytes = static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + 1]))
                                    << 8 |
                                static_cast<unsigned char>(s[i + 2]);
    return (bytes * 0x9E3779B1u) >> 16;
  }

  void build_index() {
    for (std::uint32_t k = 0; k < entries.size(); ++k) {
      const LexiconEntry& e = entries[k];
      if (e.text.empty() || e.text.find(' ') != std::string::npos) continue;
      switch (e.position) {
        case WordPosition::anywhere:
          anywhere.push_back(k);
          break;
        case WordPosition::start:
          starts.add(e.text, k);
          break;
        case WordPosition::end:
          ends.add(e.text, k);
          break;
        case WordPosition::word:
          whole.add(e.text, k);
          break;
      }
      if (e.position == WordPosition::start || e.position == WordPosition::word) {
        if (e.text.size() < kKeyBytes)
          filter_first = false;
        else
          first_keys.set(key_at(e.text, 0));
      }
      if (e.position == WordPosition::end) {
        if (e.text.size() < kKeyBytes)
          filter_last = false;
        else
          last_keys.set(key_at(e.text, e.text.size() - kKeyBytes));
      }
    }
    std::vector<std::string> texts;
    for (const std::uint32_t k : anywhere) texts.push_back(entries[k].text);
    anywhere_texts = LiteralAutomaton(texts);
    for (std::uint32_t k = 0; k < entries.size(); ++k) exact_texts.insert(entries[k].text, k);
    for (const LexiconEntry& e : entries) {
      if (e.text.find(' ') != std::string::npos) phrases.push_back(e.text);
      if (e.text == "?") question = true;
      if (e.text.size() < kKeyBytes)
        filter_prefix = false;
      else
        prefix_keys.set(key_at(e.text, 0));
    }
    std::vector<std::pair<std::uint16_t, std::uint32_t>> keyed;
    for (std::uint32_t k = 0; k < entries.size(); ++k)
      keyed.emplace_back(filter_prefix ? key_at(entries[k].text, 0) : 0, k);
    std::sort(keyed.begin(), keyed.end());
    for (const auto& [key, k] : keyed) {
      prefix_key_of.push_back(key);
      by_prefix_key.push_back(k);
    }
  }

  // The entries (at any position) that can be a prefix of `s`, in lexicon order: those whose
  // first bytes have the key of s's (all of them when the filter is off).
  std::span<const std::uint32_t> prefix_candidates(std::string_view s) const {
    if (!filter_prefix) return by_prefix_key;
    if (s.size() < kKeyBytes) return {};
    const auto key = static_cast<std::uint16_t>(key_at(s, 0));
    if (!prefix_keys[key]) return {};  // nearly every word
    const auto [lo, hi] = std::equal_range(prefix_key_of.begin(), prefix_key_of.end(), key);
    return {by_prefix_key.data() + (lo - prefix_key_of.begin()), static_cast<std::size_t>(hi - lo)};
  }

  // False when no entry (at any position, spaces included) can be a prefix of `s`: a quick
  // test before comparing every entry with the text at some offset.
  bool may_prefix(std::string_view s) const {
    return !filter_prefix || (s.size() >= kKeyBytes && prefix_keys[key_at(s, 0)]);
  }

  // Does `word` contain an entry at an allowed position? Returns the entry's offset in word;
  // of several matching entries, the first in the lexicon wins. Entries with a space are not
  // single words and never match here.
  [[gnu::always_inline]] std::optional<std::size_t> find_in(
      std::string_view word, const LexiconEntry** which = nullptr) const {
    // Nearly every word is rejected by the first- and last-syllable filters: that test is
    // inlined into the callers, the look-ups are not.
    if (!passes_filters(word)) return std::nullopt;
    return look_up(word, which);
  }
  // False when find_in(word) has no entry to give, by the first and last syllables alone.
  [[gnu::always_inline]] bool passes_filters(std::string_view word) const {
    if (!anywhere.empty()) return true;
    const bool may_start =
        !filter_first || (word.size() >= kKeyBytes && first_keys[key_at(word, 0)]);
    const bool may_end = !filter_last || (word.size() >= kKeyBytes &&
                                          last_keys[key_at(word, word.size() - kKeyBytes)]);
    return (may_start && (!whole.empty() || !starts.empty())) || (may_end && !ends.empty());
  }
  // The lexicon's cache of look_up() answers in a SentenceReader's Scratch (compile_tables).
  std::uint32_t cache_slot = 0;
  // find_in() past the filters.
  [[gnu::noinline]] std::optional<std::size_t> look_up(std::string_view word,
                                                       const LexiconEntry** which) const {
    constexpr std::uint32_t kNone = ~std::uint32_t{0};
    std::uint32_t best = kNone;
    std::size_t pos = 0;
    auto consider = [&](std::uint32_t k, std::size_t p) {
      if (k < best) {
        best = k;
        pos = p;
      }
    };
    const bool may_start =
        !filter_first || (word.size() >= kKeyBytes && first_keys[key_at(word, 0)]);
    const bool may_end = !filter_last || (word.size() >= kKeyBytes &&
                                          last_keys[key_at(word, word.size() - kKeyBytes)]);
    if (may_start && (!whole.empty() || !starts.empty())) {
      // The word's prefixes hashed in one pass: start entries at their lengths, the whole word
      // at the end.
      const std::vector<std::size_t>& lengths = starts.lengths();
      const std::size_t upto = !whole.empty()    ? word.size()
                               : lengths.empty() ? 0
                                                 : std::min(word.size(), lengths.back());
      std::uint64_t h = AffixHash::kSeed;
      std::size_t next = 0;  // in lengths
      for (std::size_t i = 0; i < upto; ++i) {
        h = AffixHash::mix(h, word[i]);
        if (next < lengths.size() && lengths[next] == i + 1) {
          ++next;
          if (const std::uint32_t k = starts.find(h, {word.data(), i + 1}); k != kNone)
            consider(k, 0);
        }
      }
      if (!whole.empty())
        if (const std::uint32_t k = whole.find(h, word); k != kNone) consider(k, 0);
    }
    if (may_end && !ends.empty()) {
      // The suffixes, hashed from the last byte backwards.
      const std::vector<std::size_t>& lengths = ends.lengths();
      const std::size_t upto = std::min(word.size(), lengths.back());
      std::uint64_t h = AffixHash::kSeed;
      std::size_t next = 0;
      for (std::size_t j = 1; j <= upto; ++j) {
        h = AffixHash::mix(h, word[word.size() - j]);
        if (next < lengths.size() && lengths[next] == j) {
          ++next;
          const std::size_t p = word.size() - j;
          if (const std::uint32_t k = ends.find(h, {word.data() + p, j}); k != kNone)
            consider(k, p);
        }
      }
    }
    // Anywhere in the word: the first such entry that occurs, at its first occurrence (a
    // scan reports occurrences by end, so an entry's first report is its first occurrence).
    if (!anywhere.empty()) {
      std::uint32_t first = kNone;
      std::size_t at = 0;
      anywhere_texts.scan(word, [&](std::uint32_t pattern, std::size_t end) {
        for (const std::uint32_t same : anywhere_texts.same_as(pattern))
          if (anywhere[same] < first) {
            first = anywhere[same];
            at = end - anywhere_texts.pattern_length(pattern);
          }
      });
      if (first != kNone) consider(first, at);
    }
    if (best == kNone) return std::nullopt;
    if (which) *which = &entries[best];
    return pos;
  }
  bool contains(std::string_view word) const { return find_in(word).has_value(); }
  // Is the entry find_in() gives at the start of `word`? (One look-up where `find_in(w) &&
  // *find_in(w) == 0` made two.)
  bool first_at_start(std::string_view word, const LexiconEntry** which = nullptr) const {
    return find_in(word, which) == std::optional<std::size_t>(0);
  }
  // Is `text` an entry's whole text (at any position)?
  bool has_text(std::string_view text) const {
    return exact_texts.find(text) != BasicStringIndex<AffixKeyHash<false>>::kAbsent;
  }
};

// The blocked-by lexicons of all relations together, for asking which of them have an entry in
// one word: a trigger's cue window is looked up for every relation's lexicons, and one
// automaton scan of the word answers for all of them, where WordLexicon::contains() costs a
// few hash lookups and a scan per lexicon. For each lexicon the answer is that lexicon's
// contains(): an entry without a space at its position (anywhere, start, end or whole word).
class CueLexicons {
 public:
  CueLexicons() = default;
  explicit CueLexicons(const std::vector<WordLexicon>& lexicons) : count_(lexicons.size()) {
    std::map<std::string, std::uint32_t, std::less<>> pattern_of;  // text -> pattern
    std::vector<std::string> texts;
    for (std::uint32_t k = 0; k < lexicons.size(); ++k)
      for (const LexiconEntry& e : lexicons[k].entries) {
        if (e.text.empty() || e.text.find(' ') != std::string::npos) continue;
        const auto [it, added] =
            pattern_of.emplace(e.text, static_cast<std::uint32_t>(texts.size()));
        if (added) {
          texts.push_back(e.text);
          places_.emplace_back();
        }
        places_[it->second].push_back({k, e.position});
      }
    texts_ = LiteralAutomaton(texts);
  }

  std::size_t size() const { return count_; }
  // The 64-bit words of a set of lexicons, one bit per lexicon.
  std::size_t set_words() const { return (count_ + 63) / 64; }

  // Bit k of found (found[k / 64] >> k % 64) set if lexicon k has an entry in `word`, clear
  // otherwise (found has set_words() items).
  void find(std::string_view word, std::uint64_t* found) const {
    std::fill(found, found + set_words(), std::uint64_t{0});
    // The patterns' texts are distinct, so each pattern is its own and only output.
    texts_.scan(word, [&](std::uint32_t pattern, std::size_t end) {
      const bool at_start = end == texts_.pattern_length(pattern);
      const bool at_end = end == word.size();
      for (const Place& p : places_[pattern]) {
        bool placed = true;
        switch (p.position) {
          case WordPosition::anywhere:
            break;
          case WordPosition::start:
            placed = at_start;
            break;
          case WordPosition::end:
            placed = at_end;
            break;
          case WordPosition::word:
            placed = at_start && at_end;
            break;
        }
        if (placed) found[p.lexicon / 64] |= std::uint64_t{1} << (p.lexicon % 64);
      }
    });
  }

 private:
  struct Place {
    std::uint32_t lexicon;
    WordPosition position;
  };
  std::size_t count_ = 0;
  LiteralAutomaton texts_;                  // every entry text without a space, once
  std::vector<std::vector<Place>> places_;  // pattern -> the lexicons and positions of its text
};

// The ASCII punctuation strip_punct removes around a word.
constexpr std::array<bool, 256> kPunct = [] {
  std::array<bool, 256> punct{};
  for (const unsigned char c : std::string_view("\"',.()[]!?:;<>")) punct[c] = true;
  return punct;
}();
bool is_punct(char c) { return kPunct[static_cast<unsigned char>(c)]; }

// Text comparisons done in place, byte by byte: the steps make them for nearly every word,
// and std::string_view's operators went through an out-of-line compare() and memcmp.
constexpr bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}
constexpr bool starts_with_text(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && same_text({s.data(), prefix.size()}, prefix);
}
constexpr bool ends_with_text(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         same_text({s.data() + s.size() - suffix.size(), suffix.size()}, suffix);
}

// Does `s` contain `part`? The same as s.find(part) != npos, without a memchr and memcmp call
// at every byte that starts like `part` (in Korean text, the first byte of most syllables).
// Sixteen starts at a time, by their first two bytes, where s is long enough: the cue phrases
// are looked for in every trigger's window, and a byte at a time made most of that cost.
inline bool contains_text(std::string_view s, std::string_view part) {
  if (part.size() > s.size()) return false;
  if (part.empty()) return true;
  const std::size_t last = s.size() - part.size();  // the last start that fits
  if (part.size() >= 2 && last >= 15) {
    using Bytes = unsigned char __attribute__((vector_size(16)));
    const auto first = static_cast<unsigned char>(part[0]);
    const auto second = static_cast<unsigned char>(part[1]);
    // Starts at..at+15; their second bytes end at at+16 <= last+1 < s.size().
    auto found_from = [&](std::size_t at) {
      Bytes a, b;
      std::memcpy(&a, s.data() + at, 16);
      std::memcpy(&b, s.data() + at + 1, 16);
      const auto hit = (a == first) & (b == second);
      std::uint64_t half[2];
      std::memcpy(half, &hit, 16);
      for (int h = 0; h < 2; ++h) {
        // A start whose two bytes match is a lane of eight set bits.
        for (std::uint64_t lanes = half[h]; lanes != 0;) {
          const int lane = std::countr_zero(lanes) / 8;
          const std::size_t k =
              at + 8 * static_cast<std::size_t>(h) + static_cast<std::size_t>(lane);
          if (same_text({s.data() + k, part.size()}, part)) return true;
          lanes &= ~(std::uint64_t{0xFF} << (8 * lane));
        }
      }
      return false;
    };
    std::size_t at = 0;
    for (; at + 15 <= last; at += 16)
      if (found_from(at)) return true;
    // The starts left, in one step that overlaps starts already tried.
    return at <= last && found_from(last - 15);
  }
  const char first = part[0];
  for (std::size_t i = 0; i <= last; ++i)
    if (s[i] == first && same_text({s.data() + i, part.size()}, part)) return true;
  return false;
}

// The first three bytes of `three` (a Hangul syllable) as one number, for a switch.
constexpr std::uint32_t syllable_bytes(std::string_view three) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(three[0])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(three[1])) << 8 |
         static_cast<unsigned char>(three[2]);
}
// syllable_bytes() of the last three bytes of `word` (at least three bytes long).
constexpr std::uint32_t last_syllable_bytes(std::string_view word) {
  return syllable_bytes({word.data() + word.size() - 3, 3});
}

std::string_view strip_punct(std::string_view w) {
  auto is_p = [](unsigned char c) { return kPunct[c]; };
  while (!w.empty() && is_p(static_cast<unsigned char>(w.front()))) w.remove_prefix(1);
  while (!w.empty() && is_p(static_cast<unsigned char>(w.back()))) w.remove_suffix(1);
  // A trailing middle dot (U+00B7) or ellipsis.
  while (w.size() >= 2 && static_cast<unsigned char>(w[w.size() - 2]) == 0xC2 &&
         static_cast<unsigned char>(w.back()) == 0xB7)
    w.remove_suffix(2);
  return w;
}

// A fixed set of words (the English rules' function words and cues): one hash look-up where a
// std::set compared strings along a path of nodes.
// Most words looked up are in no set: their first byte and length, unless some word of the set
// has both, reject them without hashing them (the sentence's clause breaks are looked up for
// every word of an English sentence with a trigger).
// A direct-mapped table of words of one to sixteen bytes and a value for each, put in front of
// a StringIndex cache: a hit compares the word's first and last eight bytes (or four, or its
// first, middle and last byte) and size with its slot's, where the StringIndex hashed the word
// in a call and probed. A word whose slot another took, or longer, is looked up behind it.
class ShortWordCache {
 public:
  static constexpr std::uint32_t kAbsent = UINT32_MAX;
  explicit ShortWordCache(std::size_t slot_bits)
      : bits_(slot_bits), slots_(std::size_t{1} << slot_bits) {}
  std::uint32_t find(std::string_view w) const {
    if (w.empty() || w.size() > 16) return kAbsent;
    const Key k = key_of(w);
    const Slot& slot = slots_[index(k, w.size())];
    return slot.size == w.size() && slot.a == k.a && slot.b == k.b ? slot.value : kAbsent;
  }
  void put(std::string_view w, std::uint32_t value) {
    if (w.empty() || w.size() > 16) return;
    const Key k = key_of(w);
    slots_[index(k, w.size())] = {k.a, k.b, static_cast<std::uint32_t>(w.size()), value};
  }
  void clear() { std::fill(slots_.begin(), slots_.end(), Slot{}); }

 private:
  struct Key {
    std::uint64_t a, b;
  };
  struct Slot {
    std::uint64_t a = 0, b = 0;
    std::uint32_t size = 0;  // 0: empty
    std::uint32_t value = 0;
  };
  // With the size, tells every word of 1..16 bytes from every other: its loads cover all of it.
  static Key key_of(std::string_view w) {
    const char* p = w.data();
    const std::size_t n = w.size();
    if (n >= 8) {
      std::uint64_t a, b;
      std::memcpy(&a, p, 8);
      std::memcpy(&b, p + n - 8, 8);
      return {a, b};
    }
    if (n >= 4) {
      std::uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      return {a, b};
    }
    return {std::uint64_t{static_cast<unsigned char>(p[0])} |
                std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
                std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16,
            0};
  }
  std::size_t index(const Key& k, std::size_t n) const {
    const std::uint64_t h = (k.a * 0x9E3779B97F4A7C15ULL) ^ ((k.b + n) * 0xBF58476D1CE4E5B9ULL);
    return static_cast<std::size_t>((h ^ h >> 29) * 0x94D049BB133111EBULL >> (64 - bits_));
  }
  unsigned bits_;
  std::vector<Slot> slots_;
};

class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) {
    for (const std::string_view w : words) {
      index_.insert(w, 0);
      if (w.empty() || w.size() >= 64)
        filter_ = false;
      else
        lengths_[static_cast<unsigned char>(w[0])] |= std::uint64_t{1} << w.size();
    }
  }
  bool contains(std::string_view w) const {
    if (filter_ && (w.empty() || w.size() >= 64 ||
                    (lengths_[static_cast<unsigned char>(w[0])] >> w.size() & 1u) == 0))
      return false;
    return index_.find(w) != BasicStringIndex<AffixKeyHash<false>>::kAbsent;
  }

 private:
  BasicStringIndex<AffixKeyHash<false>> index_;
  // By first byte, bit n set when a word of the set of n bytes starts with it; filter_ false
  // when some word is empty or longer than 63 bytes.
  std::array<std::uint64_t, 256> lengths_{};
  bool filter_ = true;
};

struct Word {
  std::size_t b = 0, e = 0;  // normalised offsets (absolute)
  // The word without surrounding punctuation (strip_punct), as offsets: the steps below ask
  // for it many times per word.
  std::size_t clean_b = 0, clean_e = 0;
  int clause = 0;
  int part = 0;         // a clause chained by "-지만," "-고," ...: targets stay in their part
  bool speech = false;  // inside double-quoted speech
  bool ends_clause = false;
};

struct Unit {
  std::vector<std::uint32_t> entities;
  std::size_t b = 0, e = 0;
  int word = 0;        // word holding the end of the name
  int first_word = 0;  // word holding the start of the name: word_at(b), set with b
  int np_word = 0;     // word whose particle gives the role
  Role role = Role::none;
  Role owner_case = Role::none;
  std::string_view tail;   // particle text (in the sentence's text, which outlives the unit)
  bool list_mark = false;  // followed by , · / or 및
  char list_char = 0;      // ',' '/' or '.' for a middle dot
  bool speech = false;
  bool ignored = false;
  bool modifier = false;
  bool embedded = false;
  bool owns_trigger_word = false;
  int owned_trigger_word = -1;  // the word of the trigger noun this name qualifies
  bool genitive_owner = false;  // owner through 의 ("젠슨 황의 발언에"), not bare ("X 계정에")
  bool toward = false;
  bool anaphor = false;
  bool surname_title = false;  // an anaphor of a surname and a title ("김 장관"): no count
  bool venture = false;
  bool topic = false;  // subject marked by 은/는/도 (a topic), not 이/가
  int group = -1;
  int head_of = -1;  // for a modifier: the unit it modifies
  int clause = 0;
};

}  // namespace

struct RelationExtractor::Impl {
  // Distinct for every extractor compiled in this process: the per-thread Scratch's caches
  // belong to the extractor that filled them.
  std::uint64_t id = 0;
  struct Relation {
    std::string name;
    bool symmetric = false;
    // The source and target types, by type id (type_ids): 1 if allowed. Every type is when
    // the rule names none.
    std::vector<std::uint8_t> source_type_ok, target_type_ok;
    bool any_source_type = true, any_target_type = true;
    std::vector<LexiconEntry> triggers;
    // The target roles, one bit per Role (by role_label), and kVentureRole for "venture".
    static constexpr unsigned kVentureRole = 31;
    std::uint32_t target_roles = 0;
    bool comitative_source = false;       // "comitative" among the source roles
    std::vector<std::uint32_t> blockers;  // in cues, in the relation's order
    bool speaker_is_source = false;

    bool targets(Role r) const { return (target_roles >> static_cast<unsigned>(r) & 1u) != 0; }
    bool targets_venture() const { return (target_roles >> kVentureRole & 1u) != 0; }
  };
  // The entity kinds the frames tell apart, by entity index, and each entity's type as a
  // small number for the relations' type tests: no string is compared per sentence.
  enum class Kind : std::uint8_t { other, company, country, person };
  std::vector<Kind> kinds;
  std::vector<std::uint32_t> type_ids;
  // The type ids of "person" and "company", the types of discovered entities (kNoType: no
  // such type).
  static constexpr std::uint32_t kNoType = static_cast<std::uint32_t>(-1);
  std::uint32_t person_type = kNoType;
  std::uint32_t company_type = kNoType;
  // By type id (kNoType: a type no relation can name).
  bool source_type_id_ok(const Relation& r, std::uint32_t type) const {
    return r.any_source_type || (type != kNoType && r.source_type_ok[type] != 0);
  }
  bool target_type_id_ok(const Relation& r, std::uint32_t type) const {
    return r.any_target_type || (type != kNoType && r.target_type_ok[type] != 0);
  }
  std::vector<Relation> relations;
  // The relation whose triggers include a received one ("투자를 유치", "led by"): funding
  // rounds' participants take it (none: relations.size()).
  std::size_t funding_relation = 0;
  // The blocked-by lexicons of all relations, each compiled once (most relations share them),
  // and all of them in one automaton for looking up every lexicon in a word at once.
  std::vector<WordLexicon> cues;
  CueLexicons cue_words;
  // Every relation's triggers, ASCII-lowercased, for one scan of the document as LiteralStarts
  // folds it (ASCII-lowercased): Latin triggers (first byte ASCII) match in any case, the others
  // as written. Lowercasing changes no byte of a Hangul trigger; one with ASCII letters
  // (`exact`) is compared with the sentence as written. Pattern k stands for trigger_of[k].
  struct TriggerRef {
    std::uint32_t relation, entry;
    bool exact;
  };
  LiteralStarts triggers;
  std::vector<TriggerRef> trigger_of;
  WordLexicon subject, object, dative, comitative, genitive, other, title, government, location,
      venture, anaphor, speaker_pronoun, speech, adnominal, purpose, exclude, subject_marker,
      report, restating, actor, affiliate, plain, hold, compare, not_trigger, company_noun;
  std::uint32_t lexicon_cache_slots = 0;  // the WordLexicon::cache_slot values given above
  // The entries of the particle lexicons above (subject, object, dative, comitative, genitive,
  // other) in one: a word made only of particles starts with one of them.
  WordLexicon particle_words;
  std::vector<std::string> multiword_titles, multiword_anaphors, multiword_ventures;
  // Titles an office is glued to (name.title-end: 위원장, 장관, 원장...): "공정거래위원장은".
  std::vector<std::string> title_ends;
  // The case endings of role_of_noun_word, ending text -> Role, first rule first: 에서, the
  // object, dative, comitative and genitive particles, then the subject endings.
  BasicStringIndex<AffixKeyHash<false>> case_endings;
  // The last three bytes of every case ending (WordLexicon::key_at): role_of_noun_word looks up
  // only endings of 3, 6 or 9 bytes, so a word whose last three bytes end none has none.
  std::bitset<65536> case_ending_last;
  // The first three bytes (key_at) of every case ending of 3, 6 and 9 bytes, by length / 3 - 1:
  // a word's last 9 or 6 bytes are looked up only when they start like such an ending.
  std::array<std::bitset<65536>, 3> case_ending_first;
  // Korean surnames (and single name parts) of people: "이" for 이재명, "카니" for 마크 카니;
  // with a title after them ("이 대통령", "카니 총리") they name the person last mentioned.
  // Hashed: add_anaphors looks up nearly every word of a sentence.
  StringIndex surname_index;                               // surname -> index in surname_people
  std::vector<std::vector<std::uint32_t>> surname_people;  // the people of each surname
  // The first syllable of every surname, as WordLexicon::key_at: most words start with none,
  // and are rejected without hashing them.
  std::bitset<65536> surname_starts;
  // The last syllable of every surname, likewise: a word that is a surname passes both.
  std::bitset<65536> surname_ends;
  // Every surname's length with its first and last syllables (surname_shape()): of the words
  // that pass both filters above (one in nine; "이" and "김" start many words), most have no
  // surname of their length and ends, and are rejected without hashing them.
  std::bitset<65536> surname_shapes;
  static std::size_t surname_shape(std::size_t size, std::size_t first_key, std::size_t last_key) {
    const std::uint64_t k = (std::uint64_t{first_key} << 32 | std::uint64_t{last_key} << 8 | size) *
                            0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(k >> 48);
  }
  // False when `word` is no surname, by its first and last syllables and its length (true: look
  // it up).
  bool may_be_surname(std::string_view word) const {
    if (word.size() < WordLexicon::kKeyBytes) return false;
    const std::size_t first = WordLexicon::key_at(word, 0);
    return surname_starts[first] && may_be_surname_past_start(word, first);
  }
  // The same for a word of at least kKeyBytes bytes whose first syllable (key `first`) starts
  // a surname. Inlined: add_anaphors asks it of one word in four, where GCC made it a call.
  [[gnu::always_inline]] bool may_be_surname_past_start(std::string_view word,
                                                        std::size_t first) const {
    const std::size_t last = WordLexicon::key_at(word, word.size() - WordLexicon::kKeyBytes);
    return surname_ends[last] && surname_shapes[surname_shape(word.size(), first, last)];
  }
  // The surname's index in surname_people, or StringIndex::kAbsent.
  std::uint32_t find_surname(std::string_view word) const {
    if (word.size() < WordLexicon::kKeyBytes || !surname_starts[WordLexicon::key_at(word, 0)])
      return StringIndex::kAbsent;
    return surname_index.find(word);
  }
  // The first syllables (WordLexicon::key_at) that can open an anaphor add_anaphors reads, but
  // for surnames (may_be_surname): 우리 저희 당사, 이를, a group or venture anaphor. Every word
  // is read when a group or venture anaphor is shorter than a syllable (anaphor_filter false).
  std::bitset<65536> anaphor_starts;
  bool anaphor_filter = true;
  bool may_open_anaphor(std::string_view s) const {
    return !anaphor_filter ||
           (s.size() >= WordLexicon::kKeyBytes && anaphor_starts[WordLexicon::key_at(s, 0)]);
  }
  // A person's organisation (the `org` attribute), for "우리 회사" in their quoted speech.
  std::map<std::uint32_t, std::uint32_t> org_of;
  // country.home: the country whose government "정부" names when no country is named.
  std::optional<std::uint32_t> home_country;
  WordLexicon home_government;  // noun.home-government
  ParticleSet particles;

  static WordLexicon lex(const RuleSet& rules, const char* name) {
    WordLexicon w;
    w.name = name;
    if (const Lexicon* l = rules.find_lexicon(name)) w.entries = l->entries;
    w.build_index();
    return w;
  }
};

RelationExtractor::RelationExtractor() = default;
RelationExtractor::~RelationExtractor() = default;

std::shared_ptr<const RelationExtractor> RelationExtractor::compile(
    const RuleSet& rules, std::shared_ptr<const Matcher> matcher) {
  return with_matcher(compile_tables(rules), std::move(matcher));
}

std::shared_ptr<const RelationExtractor> RelationExtractor::with_matcher(
    std::unique_ptr<RelationExtractor> tables, std::shared_ptr<const Matcher> matcher) {
  // The tables name entities by their index in the rules, which is the Matcher's.
  if (matcher->entities().size() != tables->impl_->type_ids.size())
    throw std::logic_error("RelationExtractor: a Matcher compiled from other rules");
  tables->matcher_ = std::move(matcher);
  return std::shared_ptr<const RelationExtractor>(std::move(tables));
}

std::unique_ptr<RelationExtractor> RelationExtractor::compile_tables(const RuleSet& rules) {
  std::unique_ptr<RelationExtractor> x(new RelationExtractor());
  x->impl_ = std::make_unique<Impl>();
  Impl& m = *x->impl_;
  static std::atomic<std::uint64_t> next_id{1};
  m.id = next_id.fetch_add(1, std::memory_order_relaxed);
  m.subject = Impl::lex(rules, "particle.subject");
  m.object = Impl::lex(rules, "particle.object");
  m.dative = Impl::lex(rules, "particle.dative");
  m.comitative = Impl::lex(rules, "particle.comitative");
  m.genitive = Impl::lex(rules, "particle.genitive");
  m.other = Impl::lex(rules, "particle.other");
  m.title = Impl::lex(rules, "noun.title");
  m.government = Impl::lex(rules, "noun.government");
  m.location = Impl::lex(rules, "noun.location");
  m.venture = Impl::lex(rules, "noun.venture");
  m.anaphor = Impl::lex(rules, "anaphor.group");
  m.speaker_pronoun = Impl::lex(rules, "pronoun.speaker");
  m.speech = Impl::lex(rules, "verb.speech");
  m.adnominal = Impl::lex(rules, "ending.adnominal");
  m.purpose = Impl::lex(rules, "connective.purpose");
  m.exclude = Impl::lex(rules, "marker.exclude");
  m.compare = Impl::lex(rules, "marker.compare");
  m.subject_marker = Impl::lex(rules, "marker.subject");
  m.report = Impl::lex(rules, "noun.report");
  m.restating = Impl::lex(rules, "noun.restating");
  m.actor = Impl::lex(rules, "noun.actor");
  m.plain = Impl::lex(rules, "noun.plain");
  m.affiliate = Impl::lex(rules, "noun.affiliate");
  m.hold = Impl::lex(rules, "verb.hold");
  m.home_government = Impl::lex(rules, "noun.home-government");
  if (const Lexicon* home = rules.find_lexicon("country.home"); home && !home->entries.empty())
    for (std::uint32_t e = 0; e < rules.entities.size() && !m.home_country; ++e)
      for (const Attribute& a : rules.entities[e].attributes)
        if (std::string_view(a.key) == "iso" && a.value == home->entries.front().text)
          m.home_country = e;
  m.not_trigger = Impl::lex(rules, "noun.not-trigger");
  m.company_noun = Impl::lex(rules, "company.noun-end");
  if (const Lexicon* l = rules.find_lexicon("name.title-end"))
    for (const LexiconEntry& e : l->entries)
      if (!e.text.empty()) m.title_ends.push_back(e.text);
  for (WordLexicon* lexicon : {&m.subject,        &m.object,    &m.dative,    &m.comitative,
                               &m.genitive,       &m.other,     &m.title,     &m.government,
                               &m.location,       &m.venture,   &m.anaphor,   &m.speaker_pronoun,
                               &m.speech,         &m.adnominal, &m.purpose,   &m.exclude,
                               &m.subject_marker, &m.report,    &m.restating, &m.actor,
                               &m.affiliate,      &m.hold})
    lexicon->cache_slot = m.lexicon_cache_slots++;
  for (const WordLexicon* l :
       {&m.subject, &m.object, &m.dative, &m.comitative, &m.genitive, &m.other})
    m.particle_words.entries.insert(m.particle_words.entries.end(), l->entries.begin(),
                                    l->entries.end());
  m.particle_words.build_index();
  m.particles = ParticleSet(rules);  // the Matcher's (Matcher::particles())
  auto add_ending = [&m](std::string_view text, Role role) {
    m.case_endings.insert(text, static_cast<std::uint32_t>(role));
    if (text.size() >= WordLexicon::kKeyBytes)
      m.case_ending_last.set(WordLexicon::key_at(text, text.size() - WordLexicon::kKeyBytes));
    if (text.size() == 3 || text.size() == 6 || text.size() == 9)
      m.case_ending_first[text.size() / 3 - 1].set(WordLexicon::key_at(text, 0));
  };
  add_ending("에서", Role::locative);
  for (const auto& [lex, role] : {std::pair{&m.object, Role::object},
                                  {&m.dative, Role::dative},
                                  {&m.comitative, Role::comitative},
                                  {&m.genitive, Role::genitive}})
    for (const LexiconEntry& e : lex->entries) add_ending(e.text, role);
  for (std::string_view subject : {"은", "는", "가", "도", "이"})
    add_ending(subject, Role::subject);
  {
    // The `org` attributes, in order; the entities by id (a repeated id names its last entity)
    // only if there are any.
    std::vector<std::pair<std::uint32_t, std::string_view>> orgs;
    for (std::uint32_t e = 0; e < rules.entities.size(); ++e)
      for (const Attribute& a : rules.entities[e].attributes)
        if (std::string_view(a.key) == "org") orgs.emplace_back(e, a.value);
    if (!orgs.empty()) {
      StringIndex index;
      index.reserve(rules.entities.size());
      std::vector<std::uint32_t> last(rules.entities.size());
      for (std::uint32_t e = 0; e < rules.entities.size(); ++e)
        last[index.insert(rules.entities[e].id, e).first] = e;
      for (const auto& [e, id] : orgs) {
        const std::uint32_t org = index.find(id);
        if (org != StringIndex::kAbsent) m.org_of[e] = last[org];
      }
    }
  }
  for (std::uint32_t e = 0; e < rules.entities.size(); ++e) {
    const Entity& entity = rules.entities[e];
    if (std::string_view(entity.type) != "person") continue;
    for (const Alias& a : entity.aliases) {
      bool hangul = !a.text.empty();
      std::vector<std::string> parts(1);
      for (std::size_t i = 0; i < a.text.size();) {
        std::size_t len = 0;
        const char32_t cp = next_code_point(a.text, i, len);
        if (cp == ' ') {
          parts.emplace_back();
        } else if (is_hangul_syllable(cp)) {
          parts.back().append(a.text, i, len);
        } else {
          hangul = false;
        }
        i += len;
      }
      if (!hangul) continue;
      std::vector<std::string> keys;
      if (parts.size() == 1 && parts[0].size() >= 6 && parts[0].size() <= 12) {
        keys.push_back(parts[0].substr(0, 3));  // 이재명 -> 이
      } else if (parts.size() >= 2) {
        // 다카이치 사나에 -> 다카이치, 마크 카니 -> 카니; a one-syllable part ("또 럼") is too
        // often an ordinary word to stand for a person.
        if (parts.front().size() >= 6) keys.push_back(parts.front());
        if (parts.back().size() >= 6) keys.push_back(parts.back());
      }
      for (const std::string& k : keys) {
        if (k.empty()) continue;
        // Whole Hangul syllables: at least WordLexicon::kKeyBytes bytes.
        m.surname_starts.set(WordLexicon::key_at(k, 0));
        m.surname_ends.set(WordLexicon::key_at(k, k.size() - WordLexicon::kKeyBytes));
        m.surname_shapes.set(
            Impl::surname_shape(k.size(), WordLexicon::key_at(k, 0),
                                WordLexicon::key_at(k, k.size() - WordLexicon::kKeyBytes)));
        const auto [index, added] =
            m.surname_index.insert(k, static_cast<std::uint32_t>(m.surname_people.size()));
        if (added) m.surname_people.emplace_back();
        auto& list = m.surname_people[index];
        // Entities come in increasing order, so e is in the list only as its last: no scan of
        // a list that holds every person with a common surname.
        if (list.empty() || list.back() != e) list.push_back(e);
      }
    }
  }
  std::map<std::string, std::uint32_t, std::less<>> type_index;  // type name -> type id
  m.type_ids.reserve(rules.entities.size());
  m.kinds.reserve(rules.entities.size());
  // Runs of entities of one type are looked up once.
  const std::string* last_type = nullptr;
  for (const Entity& e : rules.entities) {  // the Matcher's entities, in its order
    if (last_type == nullptr || e.type != *last_type) {
      const auto it =
          type_index.emplace(e.type, static_cast<std::uint32_t>(type_index.size())).first;
      const std::string_view type = e.type;
      m.type_ids.push_back(it->second);
      m.kinds.push_back(type == "company"   ? Impl::Kind::company
                        : type == "country" ? Impl::Kind::country
                        : type == "person"  ? Impl::Kind::person
                                            : Impl::Kind::other);
      last_type = &e.type;
    } else {
      m.type_ids.push_back(m.type_ids.back());
      m.kinds.push_back(m.kinds.back());
    }
  }
  if (const auto it = type_index.find("person"); it != type_index.end()) m.person_type = it->second;
  if (const auto it = type_index.find("company"); it != type_index.end())
    m.company_type = it->second;
  m.anaphor_starts = m.anaphor.prefix_keys | m.venture.prefix_keys;
  for (std::string_view opening : {"우리", "저희", "당사", "이를"})
    m.anaphor_starts.set(WordLexicon::key_at(opening, 0));
  m.anaphor_filter = m.anaphor.filter_prefix && m.venture.filter_prefix;
  for (const RelationType& r : rules.relations) {
    Impl::Relation rel;
    rel.name = r.name;
    rel.symmetric = r.symmetric;
    auto allowed = [&type_index](const std::vector<std::string>& types, bool& any) {
      std::vector<std::uint8_t> ok(type_index.size(), 0);
      any = types.empty();
      for (const std::string& t : types)
        if (const auto it = type_index.find(t); it != type_index.end()) ok[it->second] = 1;
      return ok;
    };
    rel.source_type_ok = allowed(r.source_types, rel.any_source_type);
    rel.target_type_ok = allowed(r.target_types, rel.any_target_type);
    rel.triggers = r.triggers;
    rel.comitative_source = std::find(r.source_roles.begin(), r.source_roles.end(), "comitative") !=
                            r.source_roles.end();
    for (const std::string& role : r.target_roles) {
      if (role == "venture") rel.target_roles |= 1u << Impl::Relation::kVentureRole;
      for (unsigned k = 0; k <= static_cast<unsigned>(Role::topic); ++k)
        if (role == role_label(static_cast<Role>(k))) rel.target_roles |= 1u << k;
    }
    for (const std::string& b : r.blocked_by) {
      std::uint32_t k = 0;
      while (k < m.cues.size() && m.cues[k].name != b) ++k;
      if (k == m.cues.size()) m.cues.push_back(Impl::lex(rules, b.c_str()));
      rel.blockers.push_back(k);
    }
    rel.speaker_is_source = r.speaker_is_source;
    m.relations.push_back(std::move(rel));
  }
  m.cue_words = CueLexicons(m.cues);
  m.funding_relation = m.relations.size();
  for (std::size_t r = 0; r < m.relations.size() && m.funding_relation == m.relations.size(); ++r)
    if (!m.relations[r].symmetric &&
        std::any_of(m.relations[r].triggers.begin(), m.relations[r].triggers.end(),
                    [](const LexiconEntry& e) { return e.frame == TriggerFrame::receive; }))
      m.funding_relation = r;
  std::vector<std::string> keys;
  for (std::uint32_t r = 0; r < m.relations.size(); ++r) {
    const auto& triggers = m.relations[r].triggers;
    for (std::uint32_t k = 0; k < triggers.size(); ++k) {
      const std::string& t = triggers[k].text;
      if (t.empty()) continue;
      const bool is_latin = static_cast<unsigned char>(t[0]) < 0x80;
      bool letters = false;
      std::string key = t;  // "MOU" finds "MOU" and "mou"
      for (char& c : key) {
        letters = letters || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
      keys.push_back(std::move(key));
      m.trigger_of.push_back({r, k, !is_latin && letters});
    }
  }
  m.triggers = LiteralStarts(keys, /*ascii_case=*/true);
  return x;
}

namespace {

constexpr std::array<bool, 256> kSpaceBytes = [] {
  std::array<bool, 256> spaces{};
  for (const unsigned char c : {' ', '\t', '\n'}) spaces[c] = true;
  return spaces;
}();
bool is_space_byte(char c) { return kSpaceBytes[static_cast<unsigned char>(c)]; }

// The length (3) of the Hangul syllable at text[i] (what next_code_point() reads there is
// is_hangul_syllable()), else 0; no other character is decoded. Inlined: has_hangul() asks it
// of every byte up to the first syllable, and a call cost more than the first test.
[[gnu::always_inline]] inline std::size_t hangul_syllable_at(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0xEA || c > 0xED || i + 2 >= text.size()) return 0;
  const auto c1 = static_cast<unsigned char>(text[i + 1]);
  const auto c2 = static_cast<unsigned char>(text[i + 2]);
  if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
  // U+AC00..U+D7A3 is EA B0 80 .. ED 9E A3.
  const char32_t cp =
      (char32_t{c} & 0x0F) << 12 | (char32_t{c1} & 0x3F) << 6 | (char32_t{c2} & 0x3F);
  return is_hangul_syllable(cp) ? 3 : 0;
}

// The bytes split_words looks at in a word: spaces, parentheses, the dots of an ellipsis and
// double quotes (counted for speech).
constexpr std::array<bool, 256> kWordMarks = [] {
  std::array<bool, 256> marks{};
  for (const unsigned char c : {' ', '\t', '\n', '(', ')', '.', '"'}) marks[c] = true;
  return marks;
}();

// The first byte of text[i, end) that is one of kWordMarks, or end. Every mark is at most '.'
// (0x2E): the bytes above it (letters, digits, every byte of a Hangul syllable) are passed over
// sixteen at a time, and a byte at or below it that is no mark (a comma, a hyphen) is stepped
// over.
[[gnu::always_inline]] inline std::size_t next_word_mark(std::string_view text, std::size_t i,
                                                         std::size_t end) {
  for (;; ++i) {
    i = first_byte_at_most(text, i, end, '.');
    if (i >= end || kWordMarks[static_cast<unsigned char>(text[i])]) return i;
  }
}

// Per-document state carried from sentence to sentence.
struct Discourse {
  std::vector<std::uint32_t> recent_companies;  // distinct, most recent last
  std::vector<std::uint32_t> recent_countries;
  std::vector<std::uint32_t> recent_people;
  std::vector<std::uint32_t> last_group;  // last coordinated group of >= 2 companies
  std::size_t group_sentence = 0;         // the sentence that named last_group
  // The companies the previous sentence named with a particle, outside quotes and relative
  // clauses, in order.
  std::vector<std::uint32_t> named_companies;
  std::optional<std::uint32_t> venture;     // the venture founded or named last
  std::vector<std::uint32_t> last_speaker;  // subject of the previous sentence
  std::vector<std::uint32_t> last_quoted;   // the last person or body named as quoted
  std::vector<std::uint32_t> last_topic;    // the previous sentence's 은/는 topic, if any
  // The last target of each relation and the sentence it was found in ("추가 출자" goes on
  // into the same company).
  std::map<std::size_t, std::pair<std::uint32_t, std::size_t>> last_target;
  std::size_t sentence = 0;
  struct Stance {
    std::size_t relation;
    std::vector<std::uint32_t> source;
  };
  std::optional<Stance> stance;  // a speaker-is-source trigger in the previous sentence
  // The receiver of the last funding round ("X가 ... 투자를 유치했다"): its relation, the
  // receiving entities, and the sentence it was named in.
  struct Funding {
    std::size_t relation = 0;
    std::vector<std::uint32_t> receiver;
    std::size_t sentence = 0;
  };
  std::optional<Funding> funded;
  // The last English criticism (a speaker-is-source relation): who, of whom, in which sentence
  // (english_stance).
  struct EnglishStance {
    std::size_t relation = 0;
    std::vector<std::uint32_t> source, target;
    std::size_t sentence = 0;
  };
  std::optional<EnglishStance> english_stance;
};

class SentenceReader {
 public:
  struct Found {
    std::size_t relation;
    std::uint32_t source, target;
    std::size_t trigger_b, trigger_e;
  };

  struct Trigger {
    std::size_t relation;
    int word;
    std::size_t b, e;
    TriggerFrame frame;
    bool latin;
  };
  // An occurrence of a trigger entry in the sentence, at byte p of it (find_triggers).
  struct TriggerHit {
    std::uint32_t relation, entry;
    std::size_t p;
  };
  // An occurrence of a trigger entry in the document: bytes [b, e) of the normalised text.
  struct DocumentTriggerHit {
    std::size_t b, e;
    std::uint32_t relation, entry;
  };

  // Tail text -> role | (1 + topic flag set, or 0) << 8.
  using TailRoles = BasicStringIndex<AffixKeyHash<false>>;

  // Storage that the readers of a document's sentences hand on to each other: a reader is made
  // for every sentence, and without this would allocate its buffers again each time. The caller
  // fills `mentions` with the sentence's mentions; the reader clears everything else.
  struct Scratch {
    std::vector<Mention> mentions;
    std::vector<Word> words;
    std::vector<Unit> units;
    // The entity lists of the last sentence's units, emptied, for build_units to fill again:
    // a list allocated and freed for every name cost more than the rest of its unit's setup.
    std::vector<std::vector<std::uint32_t>> spare_entities;
    std::vector<Trigger> triggers;
    std::vector<Found> found;
    std::vector<TriggerHit> hits;  // filled by the caller: the sentence's trigger occurrences
    // Every trigger occurrence in the document, by b (find_document_triggers).
    std::vector<DocumentTriggerHit> document_hits;
    std::vector<std::pair<std::size_t, int>> used;
    std::vector<std::uint8_t> cue_known;
    std::vector<std::uint64_t> cue_in_word;
    std::vector<std::uint8_t> named_words;
    std::vector<int> anaphor_words;
    std::vector<std::uint64_t> cue_window;
    std::vector<std::int8_t> noun_roles;
    std::vector<int> last_unit_before;
    std::vector<int> coordinate_heads, coordinate_run;
    std::string lower_sentence;
    std::vector<std::uint32_t> emit_sources, emit_targets;
    // Caches of pure functions of a text, kept from document to document for one extractor
    // (owner, its Impl::id) and emptied when they grow past kCacheEntries: role_of_tail's
    // answer for each tail, role_of_clean_noun_word's for each clean word (longer than one
    // syllable), and cue_row's for each clean word (cue_rows: set_words() words per entry).
    static constexpr std::size_t kCacheEntries = std::size_t{1} << 15;
    std::uint64_t owner = 0;
    TailRoles tail_roles;
    // In front of tail_roles, for tails of up to eight bytes (nearly all: one to three
    // particles): a direct-mapped table of their bytes (short_tail_key()) and answers, where
    // a hit costs a few instructions instead of hashing the tail byte by byte and probing.
    struct ShortTail {
      std::uint64_t key = 0;
      std::uint32_t size = 0;  // 0: empty (a tail is never empty)
      std::uint32_t known = 0;
    };
    std::array<ShortTail, 512> short_tails{};
    StringIndex noun_word_roles;
    ShortWordCache noun_word_front{12};  // in front of noun_word_roles
    std::vector<StringIndex> look_ups;   // by WordLexicon::cache_slot
    StringIndex cue_row_index;
    ShortWordCache cue_row_front{13};  // in front of cue_row_index
    std::vector<std::uint64_t> cue_rows;
    // The document's discovered entities (src/discover): entity numbers from `discovered_base`
    // on, every one a person.
    std::uint32_t discovered_base = 0;
    const std::vector<DiscoveredEntity>* discovered = nullptr;
    void begin_document(std::uint64_t extractor) {
      if (owner != extractor || tail_roles.size() > kCacheEntries) tail_roles.clear();
      if (owner != extractor) short_tails.fill(ShortTail{});
      if (owner != extractor || noun_word_roles.size() > kCacheEntries) noun_word_roles.clear();
      if (owner != extractor) noun_word_front.clear();
      for (StringIndex& answers : look_ups)
        if (owner != extractor || answers.size() > kCacheEntries) answers.clear();
      if (owner != extractor || cue_row_index.size() > kCacheEntries) {
        cue_row_index.clear();
        cue_row_front.clear();
        cue_rows.clear();
      }
      owner = extractor;
    }
    // RelationExtractor::extract: the (relation, source, target) of the sentence's facts kept.
    std::vector<std::tuple<std::size_t, std::uint32_t, std::uint32_t>> kept_facts;
    // RelationExtractor::extract: the document's facts kept, in text order, before they are
    // made into Facts.
    struct DocumentFact {
      std::size_t sentence;
      std::size_t relation;
      std::uint32_t source, target;
      std::size_t trigger_b, trigger_e;
      bool swapped = false;  // symmetric, and the target's id sorts first
      bool denied = false;   // the document denies it elsewhere
    };
    std::vector<DocumentFact> document_facts;
  };

  SentenceReader(const RelationExtractor::Impl& impl, const Matcher& matcher, std::string_view text,
                 Sentence sentence, Scratch& scratch, Discourse& discourse, std::string* trace)
      : m_(impl),
        matcher_(matcher),
        text_(text),
        s_(sentence),
        mentions_(scratch.mentions),
        d_(discourse),
        words_(scratch.words),
        units_(scratch.units),
        spare_entities_(scratch.spare_entities),
        triggers_(scratch.triggers),
        found_(scratch.found),
        hits_(scratch.hits),
        used_(scratch.used),
        cue_known_(scratch.cue_known),
        cue_in_word_(scratch.cue_in_word),
        named_words_(scratch.named_words),
        anaphor_words_(scratch.anaphor_words),
        cue_window_(scratch.cue_window),
        noun_roles_(scratch.noun_roles),
        last_unit_before_(scratch.last_unit_before),
        coordinate_heads_(scratch.coordinate_heads),
        coordinate_run_(scratch.coordinate_run),
        lower_sentence_(scratch.lower_sentence),
        emit_sources_(scratch.emit_sources),
        emit_targets_(scratch.emit_targets),
        tail_roles_(scratch.tail_roles),
        short_tails_(scratch.short_tails),
        noun_word_roles_(scratch.noun_word_roles),
        noun_word_front_(scratch.noun_word_front),
        look_ups_(scratch.look_ups),
        cue_row_index_(scratch.cue_row_index),
        cue_row_front_(scratch.cue_row_front),
        cue_rows_(scratch.cue_rows),
        scratch_base_(scratch.discovered_base),
        discovered_(scratch.discovered),
        trace_(trace) {
    if (look_ups_.size() < m_.lexicon_cache_slots) look_ups_.resize(m_.lexicon_cache_slots);
    words_.clear();
    for (Unit& u : units_) {
      if (u.entities.capacity() == 0) continue;
      u.entities.clear();
      spare_entities_.push_back(std::move(u.entities));
    }
    units_.clear();
    triggers_.clear();
    found_.clear();
    used_.clear();
    cue_known_.clear();
    cue_in_word_.clear();
  }

  const std::vector<Found>& denied() const { return denied_; }

  // Every occurrence of every trigger in `text` (the normalised document), by position: the
  // triggers match the ASCII-lowercased text, as LiteralStarts folds it as it reads. One scan
  // of the document (from the few positions where a trigger can start) gives each sentence's
  // occurrences: those that lie inside it. They come by b, and at one b by e, then as same_as
  // lists the entries: the order at one b does not matter, as a sentence's occurrences are
  // sorted by all of their fields (find_triggers).
  static void find_document_triggers(const RelationExtractor::Impl& m, std::string_view text,
                                     std::vector<DocumentTriggerHit>& hits) {
    hits.clear();
    const LiteralStarts& starts = m.triggers;
    starts.scan(text, [&](std::uint32_t k, std::size_t b, std::size_t end) {
      for (const std::uint32_t same : starts.same_as(k)) {
        const auto& ref = m.trigger_of[same];
        const std::string& entry = m.relations[ref.relation].triggers[ref.entry].text;
        if (ref.exact && text.substr(b, entry.size()) != entry) continue;
        hits.push_back({b, end, ref.relation, ref.entry});
      }
    });
  }
  // The occurrences in `hits` (by b) that lie inside `sentence`, at offsets in it.
  static void sentence_triggers(const std::vector<DocumentTriggerHit>& hits, Sentence sentence,
                                std::vector<TriggerHit>& out) {
    out.clear();
    auto it =
        std::lower_bound(hits.begin(), hits.end(), sentence.begin,
                         [](const DocumentTriggerHit& h, std::size_t pos) { return h.b < pos; });
    for (; it != hits.end() && it->b < sentence.end; ++it)
      if (it->e <= sentence.end) out.push_back({it->relation, it->entry, it->b - sentence.begin});
  }

  // The sentence's facts (storage of the Scratch: valid until the next reader is made).
  const std::vector<Found>& read() {
    split_words();
    if (words_.empty()) return found_;
    noun_roles_.assign(words_.size(), -1);
    if (trace_) explain_ = true;
    build_units();
    add_anaphors();
    find_triggers();
    if (units_.empty() && triggers_.empty() && !trace_) {
      // Nothing to relate and no trigger: the steps below could neither add a fact nor a
      // stance, so only the discourse moves on (its speaker and topic rules see no names).
      update_discourse();
      return found_;
    }
    chunk_noun_phrases();
    coordinate();
    resolve_group_anaphors();
    sentence_roles();
    embed_relative_clauses();
    for (const Trigger& t : triggers_) frame(t);
    share_venture_facts();
    funding_participants();
    english_stance();
    stance_continuation();
    update_discourse();
    if (trace_) write_trace();
    return found_;
  }

 private:
  const RelationExtractor::Impl& m_;
  const Matcher& matcher_;
  std::string_view text_;
  Sentence s_;
  // In the Scratch:
  const std::vector<Mention>& mentions_;
  Discourse& d_;
  std::vector<Word>& words_;
  std::vector<Unit>& units_;
  std::vector<std::vector<std::uint32_t>>& spare_entities_;  // build_units
  std::vector<Trigger>& triggers_;
  std::vector<Found>& found_;
  std::vector<TriggerHit>& hits_;                   // find_triggers
  std::vector<std::pair<std::size_t, int>>& used_;  // find_triggers: (relation, word)
  std::vector<std::uint8_t>& cue_known_;      // word -> 1 once its row of cue_in_word_ is filled
  std::vector<std::uint64_t>& cue_in_word_;   // per word, the cue lexicons it holds (bit sets)
  std::vector<std::uint8_t>& named_words_;    // add_anaphors: word -> 1 if a name is in it
  std::vector<int>& anaphor_words_;           // add_anaphors: the words that may open an anaphor
  std::vector<std::uint64_t>& cue_window_;    // blocked_by: the cue lexicons in the window
  std::vector<std::int8_t>& noun_roles_;      // noun_role: word -> Role, or -1 before it is read
  std::vector<int>& last_unit_before_;        // embed_relative_clauses
  std::vector<int>& coordinate_heads_;        // coordinate
  std::vector<int>& coordinate_run_;          // coordinate: the list being read
  std::string& lower_sentence_;               // lower_word
  std::vector<std::uint32_t>& emit_sources_;  // emit
  std::vector<std::uint32_t>& emit_targets_;
  TailRoles& tail_roles_;                             // role_of_tail
  std::array<Scratch::ShortTail, 512>& short_tails_;  // role_of_tail: in front of tail_roles_
  StringIndex& noun_word_roles_;        // noun_role: clean word -> role_of_clean_noun_word
  ShortWordCache& noun_word_front_;     // noun_role: in front of noun_word_roles_
  std::vector<StringIndex>& look_ups_;  // find_in: per lexicon, word -> look_up()'s answer
  StringIndex& cue_row_index_;          // cue_row: clean word -> its row in cue_rows_
  ShortWordCache& cue_row_front_;       // cue_row: in front of cue_row_index_
  std::vector<std::uint64_t>& cue_rows_;
  // Per sentence:
  std::vector<Found> denied_;  // pairs of triggers blocked by a denial or failure
  std::vector<std::vector<int>> groups_;
  std::vector<std::pair<std::size_t, std::size_t>> single_quotes_;
  std::optional<Discourse::Stance> new_stance_;
  std::uint32_t scratch_base_ = 0;  // the first discovered entity's number
  const std::vector<DiscoveredEntity>* discovered_ = nullptr;
  bool starts_with_pronoun_ = false;
  int bracket_ = -1;  // in_byline: whether the sentence has a '[' (-1: not looked yet)
  std::string* trace_ = nullptr;
  bool explain_ = false;
  std::vector<std::string> trigger_notes_;

  void write_trace() {
    std::string& t = *trace_;
    auto put = [&t](std::initializer_list<std::string_view> parts) {
      for (std::string_view p : parts) t.append(p);
    };
    put({"  sentence: ", text_.substr(s_.begin, s_.end - s_.begin), "\n"});
    for (const Unit& u : units_) {
      put({"    unit '", text_.substr(u.b, u.e - u.b), "' ="});
      for (auto e : u.entities) put({" ", entity_id(e)});
      put({" role=", role_label(u.role)});
      if (u.role == Role::owner || u.role == Role::location)
        put({"(", role_label(u.owner_case), ")"});
      if (u.topic) put({" topic"});
      if (!u.tail.empty()) put({" tail=", u.tail});
      if (u.group >= 0) put({" group=", std::to_string(u.group)});
      if (u.modifier) put({" modifier"});
      if (u.ignored) put({" ignored"});
      if (u.embedded) put({" embedded"});
      if (u.anaphor) put({" anaphor"});
      if (u.speech) put({" speech"});
      if (u.clause) put({" clause=", std::to_string(u.clause)});
      put({"\n"});
    }
    for (const std::string& n : trigger_notes_) put({"    ", n, "\n"});
    for (const Found& f : found_)
      put({"    => ", entity_id(f.source), " ", m_.relations[f.relation].name, " ",
           entity_id(f.target), "\n"});
  }

  // ---- small helpers ---------------------------------------------------------------------
  // The views are made from the word's offsets, which lie in text_, without substr(): its range
  // check made these too big to be inlined, and they are called more than a million times.
  std::string_view word_text(int w) const {
    const Word& word = words_[w];
    return {text_.data() + word.b, word.e - word.b};
  }
  std::string_view clean_word(int w) const {
    const Word& word = words_[w];
    return {text_.data() + word.clean_b, word.clean_e - word.clean_b};
  }
  int nwords() const { return static_cast<int>(words_.size()); }
  bool valid_word(int w) const { return w >= 0 && w < nwords(); }

  // The word holding byte pos (the first word ending after it), or the last word. The words
  // before `from` are not looked at: from must be at most the answer, as word_at of a position
  // at or before pos is.
  int word_at(std::size_t pos, int from = 0) const {
    for (int i = from; i < nwords(); ++i)
      if (pos < words_[i].e) return i;
    return nwords() - 1;
  }

  using Kind = RelationExtractor::Impl::Kind;
  Kind kind_of(std::uint32_t e) const {
    if (e < m_.kinds.size()) return m_.kinds[e];
    return (*discovered_)[e - scratch_base_].company ? Kind::company : Kind::person;
  }
  std::uint32_t type_id_of(std::uint32_t e) const {
    if (e < m_.type_ids.size()) return m_.type_ids[e];
    return (*discovered_)[e - scratch_base_].company ? m_.company_type : m_.person_type;
  }
  bool source_type_ok(const RelationExtractor::Impl::Relation& r, std::uint32_t e) const {
    return m_.source_type_id_ok(r, type_id_of(e));
  }
  bool target_type_ok(const RelationExtractor::Impl::Relation& r, std::uint32_t e) const {
    return m_.target_type_id_ok(r, type_id_of(e));
  }
  const std::string& entity_id(std::uint32_t e) const {
    return e < scratch_base_ ? matcher_.entities()[e].id : (*discovered_)[e - scratch_base_].id;
  }
  bool is_person(const Unit& u) const {
    return !u.entities.empty() && kind_of(u.entities[0]) == Kind::person;
  }

  static bool has(const WordLexicon& lex, std::string_view piece) { return lex.has_text(piece); }

  // Role given by a particle chain (the Hangul glued after a name or a noun).
  // A document repeats a few tails (는, 가, 의, 에서...): each is read once (read_tail_role)
  // and kept in the Scratch with the role and what it sets *topic to.
  Role role_of_tail(std::string_view tail, bool* topic = nullptr) const {
    if (tail.empty()) return Role::none;
    std::uint32_t known;
    if (tail.size() <= 8) {
      const std::uint64_t key = short_tail_key(tail);
      Scratch::ShortTail& slot =
          short_tails_[static_cast<std::size_t>((key ^ tail.size()) * 0x9E3779B97F4A7C15ULL >> 55)];
      if (slot.size == tail.size() && slot.key == key) {
        known = slot.known;
      } else {
        known = tail_role_known(tail);
        slot = {key, static_cast<std::uint32_t>(tail.size()), known};
      }
    } else {
      known = tail_role_known(tail);
    }
    if (topic && (known >> 8) != 0) *topic = (known >> 8) == 2;
    return static_cast<Role>(known & 0xff);
  }
  // A tail of one to eight bytes as a number that, with its size, tells it from every other:
  // its first and last four bytes (overlapping when it is shorter than eight), or its first,
  // middle and last byte.
  static std::uint64_t short_tail_key(std::string_view tail) {
    const char* p = tail.data();
    const std::size_t n = tail.size();
    if (n >= 4) {
      std::uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return std::uint64_t{lo} | std::uint64_t{hi} << 32;
    }
    return std::uint64_t{static_cast<unsigned char>(p[0])} |
           std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
           std::uint64_t{static_cast<unsigned char>(p[n - 1])} << 16;
  }
  // role_of_tail's answer as tail_roles_ keeps it (read and added when missing).
  std::uint32_t tail_role_known(std::string_view tail) const {
    std::uint32_t known = tail_roles_.find(tail);
    if (known == TailRoles::kAbsent) {
      int sets_topic = -1;
      const Role role = read_tail_role(tail, sets_topic);
      known = static_cast<std::uint32_t>(role) | static_cast<std::uint32_t>(sets_topic + 1) << 8;
      tail_roles_.insert(tail, known);
    }
    return known;
  }
  // The role a particle chain gives, and the topic flag of its last subject particle
  // (sets_topic: -1 if it has none, else 0 or 1).
  Role read_tail_role(std::string_view tail, int& sets_topic) const {
    auto pieces = m_.particles.segment(tail);
    if (!pieces) return Role::owner;
    if (!pieces->empty() && has(m_.location, pieces->front())) return Role::location;
    Role subject_seen = Role::none;
    for (std::string_view p : *pieces) {
      if (same_text(p, "에서") || same_text(p, "서")) return Role::locative;
      if (has(m_.object, p)) return Role::object;
      if (has(m_.dative, p)) return Role::dative;
      if (has(m_.comitative, p)) return Role::comitative;
      if (has(m_.genitive, p)) return Role::genitive;
      if (has(m_.subject, p)) {
        subject_seen = Role::subject;
        sets_topic = !same_text(p, "이") && !same_text(p, "가") && !same_text(p, "께서") ? 1 : 0;
      }
    }
    return subject_seen;
  }

  // A word made only of particles ("와", "에게는"), not of noun suffixes ("외교부").
  bool only_particles(std::string_view w) const {
    // Nearly every word fails on its first syllable: segmenting it is the costly test.
    if (w.empty() || !m_.particle_words.may_prefix(w)) return false;
    auto pieces = m_.particles.segment(w);
    if (!pieces) return false;
    for (std::string_view p : *pieces)
      if (!has(m_.particle_words, p)) return false;
    return true;
  }

  // Role of a common noun word by its ending (no segmentation of the noun is possible).
  Role role_of_noun_word(std::string_view word) const {
    return role_of_clean_noun_word(strip_punct(word));
  }
  // role_of_noun_word() of a word already passed through strip_punct (clean_word()).
  Role role_of_clean_noun_word(std::string_view word) const {
    // Drop a parenthesised aside at the end: "최고경영자(CEO)는" -> "최고경영자는".
    std::string joined;
    if (word.find('(') != std::string_view::npos) {
      bool in = false;
      for (char c : word) {
        if (c == '(') in = true;
        if (!in) joined.push_back(c);
        if (c == ')') in = false;
      }
      word = joined;
    }
    if (word.size() <= 3 ||
        !m_.case_ending_last[WordLexicon::key_at(word, word.size() - WordLexicon::kKeyBytes)])
      return Role::none;
    // A noun whose last syllable only looks like a particle: "추가" (가), "결과" (과), "제도" (도).
    if (m_.plain.has_text(word)) return Role::none;
    for (std::size_t len : {9u, 6u, 3u}) {  // 3, 2, 1 Hangul syllables
      if (word.size() <= len ||
          !m_.case_ending_first[len / 3 - 1][WordLexicon::key_at(word, word.size() - len)])
        continue;
      const std::uint32_t role = m_.case_endings.find({word.data() + word.size() - len, len});
      if (role != BasicStringIndex<AffixKeyHash<false>>::kAbsent) return static_cast<Role>(role);
    }
    return Role::none;
  }

  // role_of_noun_word(word_text(w)), read once per word of the sentence: the steps ask it of
  // the same words again and again. (clean_word(w) is word_text(w) through strip_punct.) The
  // documents repeat their nouns: a word read before is looked up in the Scratch, which costs
  // less than reading its ending again. A word of one syllable or less has no case ending.
  Role noun_role(int w) const {
    std::int8_t& known = noun_roles_[static_cast<std::size_t>(w)];
    if (known < 0) {
      const std::string_view cw = clean_word(w);
      std::uint32_t role = static_cast<std::uint32_t>(Role::none);
      if (cw.size() > 3) {
        role = noun_word_front_.find(cw);
        if (role == ShortWordCache::kAbsent) {
          role = noun_word_roles_.find(cw);
          if (role == StringIndex::kAbsent) {
            role = static_cast<std::uint32_t>(role_of_clean_noun_word(cw));
            noun_word_roles_.insert(cw, role);
          }
          noun_word_front_.put(cw, role);
        }
      }
      known = static_cast<std::int8_t>(role);
    }
    return static_cast<Role>(known);
  }

  // A trigger in word w (of `relation` only, if given).
  static constexpr std::size_t kAnyRelation = static_cast<std::size_t>(-1);
  bool word_has_trigger(int w, std::size_t relation = kAnyRelation) const {
    for (const Trigger& t : triggers_)
      if ((relation == kAnyRelation || t.relation == relation) && t.b < words_[w].e &&
          words_[w].b < t.e)
        return true;
    return false;
  }

  // lex.find_in(word, which), first_at_start() and contains(): the words past the lexicon's
  // filters are looked up once per extractor and thread (a look-up hashes every prefix of the
  // word and probes each entry length), their answers kept in the Scratch.
  static constexpr std::uint32_t kNoEntry = StringIndex::kAbsent - 1;
  static constexpr unsigned kPositionBits = 12;  // a position in a word of a sentence (< 4096)
  [[gnu::always_inline]] std::optional<std::size_t> find_in(
      const WordLexicon& lex, std::string_view word, const LexiconEntry** which = nullptr) const {
    if (!lex.passes_filters(word)) return std::nullopt;
    return look_up(lex, word, which);
  }
  // find_in() past the lexicon's filters.
  [[gnu::noinline]] std::optional<std::size_t> look_up(const WordLexicon& lex,
                                                       std::string_view word,
                                                       const LexiconEntry** which) const {
    if (word.empty()) return lex.look_up(word, which);
    StringIndex& answers = look_ups_[lex.cache_slot];
    std::uint32_t answer = answers.find(word);
    if (answer == StringIndex::kAbsent) {
      const LexiconEntry* entry = nullptr;
      const std::optional<std::size_t> at = lex.look_up(word, &entry);
      const auto index = at ? static_cast<std::size_t>(entry - lex.entries.data()) : 0;
      if (at && (*at >> kPositionBits != 0 || index >= (kNoEntry >> kPositionBits))) {
        if (which) *which = entry;  // too far in to be kept
        return at;
      }
      answer = at ? static_cast<std::uint32_t>(index << kPositionBits | *at) : kNoEntry;
      answers.insert(word, answer);
    }
    if (answer == kNoEntry) return std::nullopt;
    if (which) *which = &lex.entries[answer >> kPositionBits];
    return answer & ((1u << kPositionBits) - 1);
  }
  [[gnu::always_inline]] bool first_at_start(const WordLexicon& lex, std::string_view word,
                                             const LexiconEntry** which = nullptr) const {
    return find_in(lex, word, which) == std::optional<std::size_t>(0);
  }
  [[gnu::always_inline]] bool contains(const WordLexicon& lex, std::string_view word) const {
    return find_in(lex, word).has_value();
  }

  // A verb ending in the connective "-자" ("as soon as, when": 넓히자, 발표하자, 나서자),
  // not a noun ending in 자 (투자, 관계자) nor the copula "이자".
  static bool reaction_connective(std::string_view cw) {
    if (cw.size() <= 6) return false;
    static constexpr std::string_view kEndings[] = {"하자", "되자", "히자", "리자", "서자", "오자",
                                                    "지자", "놓자", "르자", "키자", "치자"};
    for (const std::string_view e : kEndings)
      if (ends_with_text(cw, e)) return true;
    return false;
  }

  // A verb ending that closes a reported clause ("훔쳤다고", "못했다며", "위반이라면서", or a
  // quote closed by the particle: "...했다"며, "...위반"이라고): what it says is what the
  // speaker of the verb after it says or criticises. Quotes inside the word are skipped.
  static bool reported_clause_end(std::string_view cw) {
    if (cw.size() < 6) return false;
    const std::size_t quote = cw.find_last_of("\"'");
    if (quote != std::string_view::npos) {
      // "...했다"며: the particle after a closing quote.
      static constexpr std::string_view kAfterQuote[] = {"고",   "며",     "면서",   "라고",
                                                         "라며", "라면서", "이라고", "이라며"};
      const std::string_view after = cw.substr(quote + 1);
      for (const std::string_view e : kAfterQuote)
        if (same_text(after, e)) return true;
      return false;
    }
    static constexpr std::string_view kEndings[] = {"다고", "라고", "냐고", "자고",   "다며",
                                                    "라며", "냐며", "자며", "다면서", "라면서"};
    for (const std::string_view e : kEndings)
      if (ends_with_text(cw, e)) return true;
    return false;
  }

  bool is_adnominal_word(std::string_view cw) const {
    const LexiconEntry* which = nullptr;
    if (!find_in(m_.adnominal, cw, &which)) return false;
    if (cw.size() <= which->text.size()) return false;  // "한 차례": a numeral, not a verb
    return which->text != "인";  // copula: "회사인 오라클" is an apposition
  }

  // ---- words, clauses and quotes -----------------------------------------------------------
  // "통과했지만,", "만들고,", "밝혔으나": a verb ending that closes a chained clause.
  // `w` is strip_punct(raw).
  // The last bytes of the last syllables ends_chained_clause() switches on: nearly every word
  // ends in another byte.
  static constexpr std::array<bool, 256> kChainedClauseLastBytes = [] {
    std::array<bool, 256> last{};
    for (const std::string_view syllable : {"만", "나", "데", "고", "며", "해", "서"})
      last[static_cast<unsigned char>(syllable.back())] = true;
    return last;
  }();
  [[gnu::always_inline]] static bool ends_chained_clause(std::string_view raw, std::string_view w) {
    // Every ending below is longer than the last syllable alone, so a word of one syllable or
    // less has none.
    if (w.size() <= 3 || !kChainedClauseLastBytes[static_cast<unsigned char>(w.back())])
      return false;
    const bool comma = !raw.empty() && raw.back() == ',';
    // Compared from the last byte back, without a memcmp call.
    auto ends = [&](std::string_view e) {
      return w.size() > e.size() && std::equal(e.rbegin(), e.rend(), w.rbegin());
    };
    // The endings by their last syllable (nearly every word ends in another): "지만", "으나",
    // "는데" after any word; "고", "며", "면서", "해", "서" after a word with a comma ("면서"
    // ends in "서", which the word, longer than one syllable, ends in too).
    switch (last_syllable_bytes(w)) {
      case syllable_bytes("만"):
        return ends("지만");
      case syllable_bytes("나"):
        return ends("으나");
      case syllable_bytes("데"):
        return ends("는데");
      case syllable_bytes("고"):
      case syllable_bytes("며"):
      case syllable_bytes("해"):
      case syllable_bytes("서"):
        return comma;
      default:
        return false;
    }
  }

  void split_words() {
    bool speech = false;
    int clause = 0;
    // Parts are compared only for equality: each new one takes a number not used before. The
    // chained clauses of quoted speech are parts of their own, but the words after the quote
    // go on in the part it opened in: in "그리어의 발언을 두고 "주권의 문제이며, 왜곡"이라고
    // 비판했다" the critic's target and verb are in one part.
    int part = 0;
    int last_part = 0;
    int part_before_quote = 0;
    bool any_speech = false;
    std::size_t i = s_.begin;
    // In locals: the stores into the words could alias the reader's members, which were read
    // again for every word.
    const std::string_view text = text_;
    const char* const bytes = text.data();
    const std::size_t end = s_.end;
    while (i < end) {
      while (i < end && is_space_byte(bytes[i])) ++i;
      if (i >= end) break;
      // Nearly every word has no mark but the space or the end after it (next_word_mark), or a
      // '.' right before them, and does not start with punctuation: then it opens no quote,
      // toggles no speech and holds no ellipsis, and its clean word is itself unless it ends
      // with punctuation (or a middle dot). Only a ';' or a chained-clause ending can close its
      // clause or part. The other words are read below, byte by byte.
      const std::size_t word_b = i;
      std::size_t mark = next_word_mark(text, i, end);
      // A '.' closing the word (as at the end of a sentence) is no ellipsis and is stripped.
      if (mark != end && bytes[mark] == '.' && (mark + 1 == end || is_space_byte(bytes[mark + 1])))
        ++mark;
      if ((mark == end || is_space_byte(bytes[mark])) && !is_punct(bytes[word_b])) {
        const std::string_view t(bytes + word_b, mark - word_b);
        const bool plain = !is_punct(t.back()) && static_cast<unsigned char>(t.back()) != 0xB7;
        const std::string_view clean = plain ? t : strip_punct(t);
        // Filled in place: a Word built aside and copied in was stored and read back in pieces
        // of different sizes, which stalled the copy.
        Word& w = words_.emplace_back();
        w.b = word_b;
        w.e = mark;
        w.clean_b = word_b + static_cast<std::size_t>(clean.data() - t.data());
        w.clean_e = w.clean_b + clean.size();
        w.speech = speech;
        any_speech = any_speech || speech;
        w.clause = clause;
        w.part = part;
        if (t.back() == ';') {
          w.ends_clause = true;
          ++clause;
          part = ++last_part;
        } else if (ends_chained_clause(t, clean)) {
          part = ++last_part;
        }
        i = mark == end ? end : mark + 1;  // past the space
        continue;
      }
      Word& w = words_.emplace_back();
      w.b = i;
      int paren = 0;
      bool dot = false;  // a '.' in the word: only then can it hold an ellipsis
      int quotes = 0;    // double quotes in the word
      while (i < s_.end) {
        if (paren == 0) {
          // Outside parentheses (nearly always) the bytes up to a space, '(', ')', '.' or '"'
          // are plain word bytes; a space ends the word.
          i = next_word_mark(text_, i, s_.end);
          if (i == s_.end || is_space_byte(text_[i])) break;
        }
        const char c = text_[i];
        if (c == '"') ++quotes;
        if (c == '.') dot = true;
        if (c == '(') ++paren;
        if (c == ')' && paren > 0) --paren;
        if (paren > 0 && i - w.b > 120) paren = 0;
        // An ellipsis ends the word (and the clause) even without a space after it.
        if (paren == 0 && text_[i] == '.' && i + 3 <= text_.size() && text_[i + 1] == '.' &&
            text_[i + 2] == '.') {
          while (i < s_.end && text_[i] == '.') ++i;
          break;
        }
        ++i;
      }
      w.e = i;
      const std::string_view t(text_.data() + w.b, w.e - w.b);
      // Nearly every word neither starts nor ends with punctuation (nor a middle dot, which
      // strip_punct drops at the end): then it is its own clean word, and opens no quote.
      const bool plain = !is_punct(t.front()) && !is_punct(t.back()) &&
                         static_cast<unsigned char>(t.back()) != 0xB7;
      const std::string_view clean = plain ? t : strip_punct(t);
      w.clean_b = w.b + static_cast<std::size_t>(clean.data() - t.data());
      w.clean_e = w.clean_b + clean.size();
      // Each double quote opens or closes speech: those among the quotes and parentheses that
      // open the word before it, the others after it. (Quotes and '(' are punctuation.)
      int opening = 0;
      for (std::size_t k = 0;
           !plain && k < t.size() && (t[k] == '"' || t[k] == '\'' || t[k] == '('); ++k)
        if (t[k] == '"') ++opening;
      if (opening % 2 != 0) {
        speech = !speech;
        if (speech) {
          part_before_quote = part;
        } else {
          part = part_before_quote;  // a word opening with the closing quote
        }
      }
      w.speech = speech;
      any_speech = any_speech || speech;
      const bool was_speech = speech;
      if ((quotes - opening) % 2 != 0) speech = !speech;
      w.clause = clause;
      w.part = part;
      bool new_part = true;
      if ((dot && t.find("...") != std::string_view::npos) || t.back() == ';') {
        w.ends_clause = true;
        ++clause;
      } else if (!ends_chained_clause(t, clean)) {
        new_part = false;
      }
      if (new_part) {
        part = ++last_part;
      } else if (was_speech && !speech) {
        part = part_before_quote;  // the quote closed: back to the part it opened in
      }
      if (!was_speech && speech) part_before_quote = w.part;
    }
    any_speech_ = any_speech_ || any_speech;
    // Single-quoted spans: a quote opening at a word start, closing at the next quote.
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::size_t open = kNone;
    const std::string_view sentence = text_.substr(s_.begin, s_.end - s_.begin);
    for (std::size_t q = sentence.find('\''); q != std::string_view::npos;
         q = sentence.find('\'', q + 1)) {
      const std::size_t p = s_.begin + q;
      const bool at_start = p == s_.begin || is_space_byte(text_[p - 1]) || text_[p - 1] == '"' ||
                            text_[p - 1] == '(' || text_[p - 1] == ',';
      if (open == kNone) {
        if (at_start) open = p;
      } else {
        single_quotes_.emplace_back(open, p);
        open = kNone;
      }
    }
    starts_with_pronoun_ = contains(m_.speaker_pronoun, clean_word(0));
    // "[심층분석] 현대차, ...": bracketed tags before a headline's first word.
    while (lead_tags_ < nwords() && word_text(lead_tags_).size() > 2 &&
           word_text(lead_tags_).front() == '[' && word_text(lead_tags_).back() == ']')
      ++lead_tags_;
    // A headline or caption: no sentence-final ending ("...했다.", "...이다.").
    const std::string_view lc = clean_word(nwords() - 1);
    const bool final_ending = lc.size() >= 3 && (last_syllable_bytes(lc) == syllable_bytes("다") ||
                                                 last_syllable_bytes(lc) == syllable_bytes("요"));
    headline_ = !final_ending;
  }
  bool headline_ = false;
  bool any_speech_ = false;  // some word is in quoted speech
  int lead_tags_ = 0;        // words like "[인터뷰]" opening the sentence

  // ---- units -------------------------------------------------------------------------------
  bool inside_parens(std::size_t pos, int w) const {
    int depth = 0;
    for (std::size_t p = words_[w].b; p < pos; ++p) {
      if (text_[p] == '(') ++depth;
      if (text_[p] == ')' && depth > 0) --depth;
    }
    return depth > 0;
  }

  // Reads what follows a name or anaphor ending at `pos` in word `w`: closing quote,
  // parenthesised aside, glued particles, list mark. Sets tail, role, list_mark, np_word.
  void read_tail(Unit& u, std::size_t pos, int w, std::size_t limit = std::string::npos) {
    std::size_t we = words_[w].e;
    if (limit == pos) u.list_mark = true;  // "오픈AI오라클": glued names
    if (pos < we && (text_[pos] == '\'' || text_[pos] == '"')) ++pos;
    if (pos < we && text_[pos] == '(') {
      int depth = 0;
      while (pos < we) {
        if (text_[pos] == '(') ++depth;
        if (text_[pos] == ')' && --depth == 0) {
          ++pos;
          break;
        }
        ++pos;
      }
    }
    if (pos < we && (text_[pos] == '\'' || text_[pos] == '"')) ++pos;
    if (limit != std::string::npos && limit >= pos) we = std::min(we, limit);
    std::size_t t = pos;
    while (t < we) {
      const std::size_t len = hangul_syllable_at(text_, t);
      if (len == 0) break;
      t += len;
    }
    u.tail = text_.substr(pos, t - pos);
    std::size_t after = t;
    while (after < we && (text_[after] == '\'' || text_[after] == '"' || text_[after] == ')'))
      ++after;
    if (after < we) {
      const char c = text_[after];
      if (c == ',' || c == '/') {
        u.list_mark = true;
        u.list_char = c;
      } else if (static_cast<unsigned char>(c) == 0xC2 && after + 1 < we &&
                 static_cast<unsigned char>(text_[after + 1]) == 0xB7) {
        u.list_mark = true;
        u.list_char = '.';
      }
    }
    bool topic = false;
    u.role = role_of_tail(u.tail, &topic);
    u.np_word = w;
    if (u.role == Role::owner) {
      u.owner_case = noun_role(w);
    }
    // Sloppy spacing: "오픈 AI 와 소프트뱅크" puts the particle in a word of its own.
    if (u.tail.empty() && t == we && valid_word(w + 1) && only_particles(clean_word(w + 1)) &&
        !words_[w + 1].speech == !words_[w].speech) {
      const std::string_view nw = clean_word(w + 1);
      u.tail = nw;
      u.role = role_of_tail(nw, &topic);
      u.np_word = w + 1;
      const std::string_view raw = word_text(w + 1);
      if (!raw.empty() && (raw.back() == ',')) u.list_mark = true;
    }
    u.topic = u.role == Role::subject && topic;
  }

  // Whether byte b of the text lies in a byline or dateline in brackets ("[이데일리 김현식
  // 기자]", "[서울=뉴시스]"): the outlet named there is no actor of the story.
  bool in_byline(std::size_t b) {
    const std::string_view s = text_.substr(s_.begin, s_.end - s_.begin);
    // (Nearly no sentence has a '[': looked for once.)
    if (bracket_ < 0) bracket_ = s.find('[') != std::string_view::npos ? 1 : 0;
    if (bracket_ == 0) return false;
    const std::size_t at = b - s_.begin;
    const std::size_t open = s.rfind('[', at);
    if (open == std::string_view::npos) return false;
    const std::size_t close = s.find(']', at);
    if (close == std::string_view::npos || s.substr(open, at - open).find(']') != s.npos)
      return false;
    const std::string_view inside = s.substr(open + 1, close - open - 1);
    return ends_with_text(inside, "기자") || ends_with_text(inside, "특파원") ||
           inside.find('=') != std::string_view::npos;
  }

  void build_units() {
    units_.reserve(mentions_.size() + 8);
    for (std::size_t i = 0; i < mentions_.size();) {
      const std::size_t b = mentions_[i].begin, e = mentions_[i].end;
      std::size_t j = i;
      while (j < mentions_.size() && mentions_[j].begin == b && mentions_[j].end == e) ++j;
      // Skip mentions that overlap the previous unit (a group and an entity on one span).
      if (!units_.empty() && b < units_.back().e) {
        i = j;
        continue;
      }
      // Past the previous unit, which ends at or before b.
      const int first_word = word_at(b, units_.empty() ? 0 : units_.back().first_word);
      // Built in place (the reserve above holds every unit): a Unit built aside was moved in.
      Unit& u = units_.emplace_back();
      u.b = b;
      u.e = e;
      if (!spare_entities_.empty()) {
        u.entities = std::move(spare_entities_.back());
        spare_entities_.pop_back();
      }
      for (; i < j; ++i) {
        u.entities.push_back(mentions_[i].entity);
        u.toward = u.toward || mentions_[i].toward;
      }
      u.first_word = first_word;
      const int w = word_at(u.e - 1, u.first_word);
      u.word = w;
      u.clause = words_[w].clause;
      u.speech = words_[w].speech;
      if (inside_parens(u.b, u.first_word) || in_byline(u.b)) u.ignored = true;
      // "프랑스 전력공사(EDF)는": a name in parentheses after a noun no rule knows, with the
      // particle after them, names that noun's phrase; it takes the particle.
      std::size_t tail_from = u.e;
      if (u.ignored && u.b > words_[first_word].b + 1 && text_[u.b - 1] == '(' &&
          static_cast<unsigned char>(text_[u.b - 2]) >= 0x80 && u.e < s_.end && text_[u.e] == ')' &&
          !in_byline(u.b) &&
          (units_.size() < 2 || units_[units_.size() - 2].e <= words_[first_word].b) &&
          !mentions_before_in_word(u.b, first_word)) {
        u.ignored = false;
        tail_from = u.e + 1;
      }
      // A constexpr array: an initializer list of literals had their lengths taken by strlen
      // calls for every unit.
      static constexpr std::string_view kTowardMarks[] = {"대(對)", "對", "대("};
      for (const std::string_view mark : kTowardMarks)
        if (ends_with_text(text_.substr(0, u.b), mark)) u.toward = true;
      for (const auto& [qb, qe] : single_quotes_) {
        if (qb < u.b && u.e <= qe) {
          const bool exact = qb + 1 == u.b && (u.e == qe);
          if (!exact) u.ignored = true;
        }
      }
      const std::size_t limit = j < mentions_.size() ? mentions_[j].begin : std::string::npos;
      read_tail(u, tail_from, w, limit);
    }
  }
  // Whether a mention starts in word w before byte b (the units are not all made yet).
  bool mentions_before_in_word(std::size_t b, int w) const {
    for (const Mention& m : mentions_)
      if (m.begin >= words_[w].b && m.begin < b) return true;
    return false;
  }

  static int number_in(std::string_view s) {
    if (s.find("양") != std::string_view::npos || s.find("두") != std::string_view::npos ||
        s.find('2') != std::string_view::npos)
      return 2;
    if (s.find("세") != std::string_view::npos || s.find('3') != std::string_view::npos) return 3;
    if (s.find("네") != std::string_view::npos || s.find('4') != std::string_view::npos) return 4;
    return 0;
  }

  // The last `n` distinct entities of `kind` named before `pos` (this sentence and earlier).
  std::vector<std::uint32_t> recent(Kind kind, int n, std::size_t pos) const {
    std::vector<std::uint32_t> seq;
    for (std::uint32_t e : (kind == Kind::company ? d_.recent_companies : d_.recent_countries))
      seq.push_back(e);
    for (const Unit& u : units_) {
      if (u.b >= pos || u.anaphor || u.ignored) continue;
      for (std::uint32_t e : u.entities)
        if (kind_of(e) == kind) {
          seq.erase(std::remove(seq.begin(), seq.end(), e), seq.end());
          seq.push_back(e);
        }
    }
    if (static_cast<int>(seq.size()) < n) return {};
    return std::vector<std::uint32_t>(seq.end() - n, seq.end());
  }

  bool toward_unit_in_word(int w) const {
    for (const Unit& u : units_)
      if (!u.ignored && u.toward && u.first_word == w) return true;
    return false;
  }

  bool unit_starts_in_word(int w) const {
    for (const Unit& u : units_)
      if (!u.ignored && !u.anaphor && u.first_word == w) return true;
    return false;
  }

  bool unit_covers_word(int w) const {
    for (const Unit& u : units_)
      if (!u.anaphor && u.b < words_[w].e && words_[w].b < u.e) return true;
    return false;
  }

  // The words add_anaphors reads (anaphor_words_, ascending): those no name is in (named_words_)
  // that may be a surname followed by a word (by their first and last syllables) or open an
  // anaphor (by their first syllable, or the one after a quote). Nearly every word is neither:
  // this loop, apart from the readings, keeps its state in registers.
  void collect_anaphor_words() {
    anaphor_words_.clear();
    const Word* const words = words_.data();
    const int count = nwords();
    const std::uint8_t* const named = named_words_.data();
    const char* const text = text_.data();
    const std::size_t text_size = text_.size();
    const RelationExtractor::Impl& m = m_;
    for (int w = 0; w < count; ++w) {
      if (named[w]) continue;
      const Word& word = words[w];
      const std::string_view cw(text + word.clean_b, word.clean_e - word.clean_b);
      const bool short_word = cw.size() < WordLexicon::kKeyBytes;
      const std::size_t first_key = short_word ? 0 : WordLexicon::key_at(cw, 0);
      const bool may_surname = w + 1 < count && !short_word && m.surname_starts[first_key] &&
                               m.may_be_surname_past_start(cw, first_key);
      if (!may_surname && m.anaphor_filter && (short_word || !m.anaphor_starts[first_key])) {
        // The word after a leading quote that strip_punct removed (wb in add_anaphors).
        const std::size_t raw_size = word.e - word.b;
        const bool lead = raw_size - cw.size() > 0 && raw_size != 0 &&
                          (text[word.b] == '"' || text[word.b] == '\'');
        const std::size_t wb = word.b + (lead ? 1 : 0);
        const std::string_view from_wb(text + wb, text_size - wb);
        if ((!short_word && from_wb.data() == cw.data()) || !m.may_open_anaphor(from_wb)) continue;
      }
      anaphor_words_.push_back(w);
    }
  }

  void add_anaphors() {
    std::vector<Unit> extra;
    // Words where a name starts or that a name overlaps hold no anaphor: unit_starts_in_word()
    // and unit_covers_word() for every word, in one pass over the units.
    std::vector<std::uint8_t>& named = named_words_;
    named.assign(words_.size(), 0);
    for (const Unit& u : units_) {
      if (u.anaphor) continue;
      if (!u.ignored) named[static_cast<std::size_t>(u.first_word)] = 1;
      // Words before first_word end at or before u.b; words from it on start ever later.
      for (int k = u.first_word; k < nwords() && words_[k].b < u.e; ++k)
        if (u.b < words_[k].e) named[static_cast<std::size_t>(k)] = 1;
    }
    collect_anaphor_words();
    for (const int w : anaphor_words_) {
      const std::string_view raw = word_text(w);
      const std::size_t lead =
          raw.size() - clean_word(w).size() > 0 && !raw.empty() && (raw[0] == '"' || raw[0] == '\'')
              ? 1
              : 0;
      const std::size_t wb = words_[w].b + lead;
      const std::string_view cw = clean_word(w);
      const std::string_view from_wb(text_.data() + wb, text_.size() - wb);
      // Nearly every word opens no anaphor: a surname followed by a word (by its first and last
      // syllables and its length: m_.may_be_surname), or its first syllable (or the one after a
      // quote) says so.
      const bool short_word = cw.size() < WordLexicon::kKeyBytes;
      const std::size_t first_key = short_word ? 0 : WordLexicon::key_at(cw, 0);
      const bool may_surname = valid_word(w + 1) && !short_word && m_.surname_starts[first_key] &&
                               m_.may_be_surname_past_start(cw, first_key);
      // Of the readings below, the others need quoted speech, a group or venture anaphor at wb,
      // or 이를.
      if (!may_surname && !words_[w].speech && !m_.anaphor.may_prefix(from_wb) &&
          !m_.venture.may_prefix(from_wb) && !same_text(cw, "이를"))
        continue;
      // "이 대통령은", "카니 총리를": a surname and a title name the person last mentioned.
      // (The surname is looked up first: few words are one, and its look-up is cheaper.)
      const std::uint32_t surname = may_surname ? m_.find_surname(cw) : StringIndex::kAbsent;
      if (surname != StringIndex::kAbsent && first_at_start(m_.title, clean_word(w + 1))) {
        const std::vector<std::uint32_t>& people = m_.surname_people[surname];
        std::optional<std::uint32_t> person;
        std::size_t best = 0;
        std::vector<std::uint32_t> seen = d_.recent_people;
        for (const Unit& u : units_)
          if (u.b < words_[w].b && !u.ignored)
            for (auto e : u.entities)
              if (kind_of(e) == Kind::person) seen.push_back(e);
        for (std::size_t k = 0; k < seen.size(); ++k)
          if (std::find(people.begin(), people.end(), seen[k]) != people.end() &&
              (!person || k >= best)) {
            person = seen[k];
            best = k;
          }
        if (person) {
          Unit u;
          u.anaphor = true;
          u.surname_title = true;
          u.b = words_[w].b;
          u.e = words_[w].e;
          u.entities = {*person};
          u.word = u.np_word = w;
          u.clause = words_[w].clause;
          u.speech = words_[w].speech;
          extra.push_back(std::move(u));
          continue;
        }
      }
      // "우리 회사", "저희", "당사" in quoted speech: the speaker's own organisation.
      if (words_[w].speech) {
        std::size_t len = 0;
        static constexpr std::string_view kWe[] = {"우리", "저희", "당사"};
        for (const std::string_view we : kWe)
          if (starts_with_text(cw, we)) len = we.size();
        if (len > 0) {
          std::optional<std::uint32_t> org;
          for (auto e : current_speaker())
            if (m_.org_of.count(e)) org = m_.org_of.at(e);
          if (org) {
            Unit u;
            u.anaphor = true;
            u.b = wb;
            u.e = wb + len;
            int ew = w;
            if (same_text(cw, "우리") && valid_word(w + 1) &&
                (starts_with_text(clean_word(w + 1), "회사") ||
                 starts_with_text(clean_word(w + 1), "기업"))) {
              ew = w + 1;  // "우리 회사를"
              u.e = words_[w + 1].b + 6;
            }
            u.entities = {*org};
            u.word = ew;
            u.clause = words_[ew].clause;
            u.speech = true;
            read_tail(u, u.e, ew);
            extra.push_back(std::move(u));
            continue;
          }
        }
      }
      // Group anaphors ("세 회사가", "이들 기업은", "양사는").
      std::optional<std::pair<std::size_t, const LexiconEntry*>> hit;
      for (const std::uint32_t k : m_.anaphor.prefix_candidates(from_wb)) {
        const LexiconEntry& e = m_.anaphor.entries[k];
        if (starts_with_text(from_wb, e.text) && wb + e.text.size() <= s_.end) {
          if (!hit || e.text.size() > hit->second->text.size()) hit = {wb + e.text.size(), &e};
        }
      }
      if (hit) {
        Unit u;
        u.anaphor = true;
        u.b = wb;
        u.e = hit->first;
        const std::string& entry = hit->second->text;
        const bool countries = entry.find("국") != std::string::npos;
        const int n = number_in(entry);
        // "양사": as many companies as this sentence names before it as actors ("네이버가
        // 컬리의 지분을 사들이며 양사의 협업을"), else the last group of that size, else the
        // companies named last.
        int named_here = 0;
        if (n > 0 && !countries) {
          std::vector<std::uint32_t> here;
          for (const Unit& v : units_)
            if (v.b < wb && !v.ignored && !v.anaphor && !v.tail.empty())  // (with a particle)
              for (const std::uint32_t e : v.entities)
                if (kind_of(e) == Kind::company &&
                    std::find(here.begin(), here.end(), e) == here.end())
                  here.push_back(e);
          named_here = static_cast<int>(here.size());
        }
        // (The previous sentence's n companies, when it names exactly n and the last group is
        // older: "LG CNS는 코히어와의 협력을 넓힌다. 양사는 ...".)
        const bool older_group = d_.last_group.empty() || d_.group_sentence + 1 < d_.sentence;
        if (n > 0 && !countries && named_here < n && older_group &&
            static_cast<int>(d_.named_companies.size()) == n) {
          u.entities = d_.named_companies;
        } else if (n > 0 && !countries && named_here < n &&
                   static_cast<int>(d_.last_group.size()) == n) {
          u.entities = d_.last_group;
        } else if (n > 0) {
          u.entities = recent(countries ? Kind::country : Kind::company, n, wb);
        } else {
          u.entities = d_.last_group;
        }
        const int ew = word_at(u.e - 1, w);  // wb is in word w
        u.word = ew;
        u.clause = words_[ew].clause;
        u.speech = words_[ew].speech;
        if (!u.entities.empty()) {
          read_tail(u, u.e, ew);
          extra.push_back(std::move(u));
        }
        continue;
      }
      // Venture anaphors ("합작사를 설립", "이 합작사는"), unless a name follows (apposition).
      const LexiconEntry* which = nullptr;
      for (const std::uint32_t k : m_.venture.prefix_candidates(from_wb)) {
        const LexiconEntry& e = m_.venture.entries[k];
        if (starts_with_text(from_wb, e.text)) {
          which = &e;
          break;
        }
      }
      if (which) {
        const int ew = word_at(wb + which->text.size() - 1, w);
        const bool apposition =
            valid_word(ew + 1) && unit_starts_in_word(ew + 1) && noun_role(ew) == Role::none;
        if (apposition) {
          for (const Unit& u : units_)
            if (!u.ignored && u.first_word == ew + 1) venture_named_ = u.entities;
          continue;
        }
        if (d_.venture) {
          Unit u;
          u.anaphor = true;
          u.venture = true;
          u.b = wb;
          u.e = wb + which->text.size();
          u.entities = {*d_.venture};
          u.word = ew;
          u.clause = words_[ew].clause;
          u.speech = words_[ew].speech;
          read_tail(u, u.e, ew);
          extra.push_back(std::move(u));
        }
        continue;
      }
      // "이를 통해": through the object named before in this sentence.
      if (same_text(clean_word(w), "이를") && valid_word(w + 1) &&
          starts_with_text(clean_word(w + 1), "통해")) {
        for (auto it = units_.rbegin(); it != units_.rend(); ++it) {
          if (it->b < words_[w].b && it->role == Role::object && !it->ignored) {
            Unit u;
            u.anaphor = true;
            u.b = words_[w].b;
            u.e = words_[w].e;
            u.entities = it->entities;
            u.word = u.np_word = w;
            u.clause = words_[w].clause;
            u.speech = words_[w].speech;
            u.role = Role::via;
            extra.push_back(std::move(u));
            break;
          }
        }
      }
    }
    if (extra.empty()) return;
    for (Unit& u : extra) {
      u.first_word = word_at(u.b);
      units_.push_back(std::move(u));
    }
    std::stable_sort(units_.begin(), units_.end(),
                     [](const Unit& a, const Unit& b) { return a.b < b.b; });
  }
  std::vector<std::uint32_t> venture_named_;

  // ---- noun phrases: modifiers, titles, government and location nouns ------------------------
  static int first_word_of(const Unit& u) { return u.first_word; }

  bool descriptor_word(int w) const {
    const std::string_view raw = word_text(w);
    if (raw.find('"') != std::string_view::npos) return false;
    if (!raw.empty() && raw.back() == ',') return false;
    if (words_[w].ends_clause) return false;
    if (word_has_trigger(w)) return false;
    const std::string_view cw = clean_word(w);
    if (same_text(cw, "및") || same_text(cw, "그리고") || same_text(cw, "and") ||
        same_text(cw, "&") || same_text(cw, "또는"))
      return false;
    if (is_adnominal_word(cw)) return false;
    const Role r = role_of_noun_word(cw);
    return r == Role::none || r == Role::genitive || (cw.size() >= 3 && ends_with_text(cw, "인"));
  }

  int next_unit(std::size_t i) const {
    for (std::size_t j = i + 1; j < units_.size(); ++j)
      if (!units_[j].ignored) return static_cast<int>(j);
    return -1;
  }

  // The unit's noun phrase ends at word w ("손정의 소프트뱅크 회장,": a list goes on after it).
  // Returns true, for attach_noun_words.
  bool end_phrase_at(Unit& u, int w) const {
    u.np_word = w;
    const std::string_view raw = word_text(w);
    if (!raw.empty() && raw.back() == ',') u.list_mark = true;
    return true;
  }

  // Consumes title / government / location words after a bare head. Returns true if any.
  // "공정거래위원장은", "관방장관은", "금융감독원장은": a word that is an office glued to a title
  // (name.title-end) and particles. The role and topic flag the particles give.
  bool office_title(std::string_view cw, Role& role, bool& topic) const {
    if (cw.size() < 9) return false;  // an office of a syllable or more, and a title
    for (const std::string& t : m_.title_ends) {
      // At least one syllable of office before the title.
      for (std::size_t p = cw.find(t, 3); p != std::string_view::npos; p = cw.find(t, p + 1)) {
        const std::string_view rest = cw.substr(p + t.size());
        if (!rest.empty() && !only_particles(rest)) continue;
        topic = false;
        role = role_of_tail(rest, &topic);
        if (role == Role::owner) role = role_of_noun_word(rest);
        return true;
      }
    }
    return false;
  }

  bool attach_noun_words(Unit& u) {
    int w = u.np_word + 1;
    if (!valid_word(w) || u.list_mark) return false;
    if (words_[u.np_word].ends_clause) return false;
    const LexiconEntry* which = nullptr;
    auto rest_role = [&](int ww, const LexiconEntry* e) {
      std::string_view cw = clean_word(ww).substr(e->text.size());
      std::string kept;
      bool in = false;
      for (char c : cw) {
        if (c == '(') in = true;
        if (!in) kept.push_back(c);
        if (c == ')') in = false;
      }
      bool topic = false;
      Role r = role_of_tail(kept, &topic);
      if (r == Role::owner) r = role_of_noun_word(kept);
      return std::make_pair(r, topic);
    };
    if (first_at_start(m_.restating, clean_word(w))) {
      // "미·중 양국 모두에": words restating the names carry the particle.
      int last = w;
      while (valid_word(last + 1) && first_at_start(m_.restating, clean_word(last + 1)) &&
             noun_role(last) == Role::none)
        ++last;
      bool topic = false;
      const std::string_view lw = clean_word(last);
      const LexiconEntry* entry = nullptr;
      find_in(m_.restating, lw, &entry);
      Role r = role_of_tail(lw.substr(entry->text.size()), &topic);
      if (r == Role::owner) r = role_of_noun_word(lw);
      u.role = r;
      u.topic = r == Role::subject && topic;
      u.np_word = last;
      return true;
    }
    Role office_role = Role::none;
    bool office_topic = false;
    if (is_person(u) && valid_word(w + 1) && !unit_starts_in_word(w) &&
        noun_role(w) == Role::none &&
        (first_at_start(m_.title, clean_word(w + 1)) ||
         (!unit_starts_in_word(w + 1) &&
          office_title(clean_word(w + 1), office_role, office_topic))) &&
        word_text(w).find('"') == std::string::npos)
      ++w;  // "장동혁 국민의힘 대표는": an organisation we do not know, then the title
    if (is_person(u) && !unit_starts_in_word(w) && !first_at_start(m_.title, clean_word(w)) &&
        word_text(w).find('"') == std::string::npos &&
        office_title(clean_word(w), office_role, office_topic)) {
      // "주병기 공정거래위원장은", "기하라 미노루 관방장관은": an office glued to its title.
      u.role = office_role;
      u.topic = office_role == Role::subject && office_topic;
      return end_phrase_at(u, w);
    }
    if (valid_word(w + 1)) {
      // "바이든 전 대통령을": former / current before a title; "민희진 전 어도어 대표는":
      // and an organisation we do not know between.
      const std::string_view pre = clean_word(w);
      if (same_text(pre, "전") || same_text(pre, "현") || same_text(pre, "前") ||
          same_text(pre, "現") || same_text(pre, "전임")) {
        if (first_at_start(m_.title, clean_word(w + 1)))
          ++w;
        else if (is_person(u) && valid_word(w + 2) && !unit_starts_in_word(w + 1) &&
                 noun_role(w + 1) == Role::none && first_at_start(m_.title, clean_word(w + 2)))
          w += 2;
      }
    }
    if (first_at_start(m_.title, clean_word(w), &which)) {
      // "손정의 소프트뱅크 회장이", "머스크 CEO는": consume title words.
      int last = w;
      const LexiconEntry* last_entry = which;
      while (valid_word(last + 1) && first_at_start(m_.title, clean_word(last + 1), &which) &&
             noun_role(last) == Role::none) {
        ++last;
        last_entry = which;
      }
      auto [r, topic] = rest_role(last, last_entry);
      if (is_person(u)) {
        u.role = r;
      } else {
        u.role = Role::owner;
        u.owner_case = r;
      }
      u.topic = r == Role::subject && topic;
      return end_phrase_at(u, last);
    }
    if (first_at_start(m_.affiliate, clean_word(w), &which)) {
      // "한화그룹 계열사들은", "삼성 측은": the company's side acts and speaks for it.
      auto [r, topic] = rest_role(w, which);
      u.role = r;
      u.topic = r == Role::subject && topic;
      return end_phrase_at(u, w);
    }
    if (first_at_start(m_.government, clean_word(w), &which)) {
      if (clean_word(w) == which->text && valid_word(w + 1) &&
          first_at_start(m_.title, clean_word(w + 1))) {
        ++w;  // "중국 외교부 대변인도": the spokesperson speaks for the state
        find_in(m_.title, clean_word(w), &which);
      }
      auto [r, topic] = rest_role(w, which);
      if (!u.entities.empty() && kind_of(u.entities[0]) == Kind::country) {
        u.role = r;
        u.topic = r == Role::subject && topic;
      } else {
        u.role = Role::owner;
        u.owner_case = r;
      }
      return end_phrase_at(u, w);
    }
    if (first_at_start(m_.location, clean_word(w), &which)) {
      u.role = Role::location;
      u.owner_case = rest_role(w, which).first;
      u.np_word = w;
      return true;
    }
    return false;
  }

  void chunk_noun_phrases() {
    for (std::size_t i = 0; i < units_.size(); ++i) {
      Unit& u = units_[i];
      if (u.ignored || u.modifier) continue;
      if ((u.role == Role::none || u.role == Role::dative) && valid_word(u.np_word + 1) &&
          contains(m_.exclude, clean_word(u.np_word + 1))) {
        u.ignored = true;  // "X 외에", "X에 따르면"
        // "A와 B 외에": the whole list is set aside.
        for (std::size_t k = i; k-- > 0;) {
          Unit& p = units_[k];
          if (p.ignored || p.modifier) continue;
          if ((p.role == Role::comitative || p.list_mark) &&
              p.np_word + 1 == first_word_of(units_[k + 1]))
            p.ignored = true;
          else
            break;
        }
        continue;
      }
      if (u.role != Role::none && u.role != Role::genitive && u.role != Role::owner) continue;
      if (u.list_mark) continue;
      if (u.role == Role::none && valid_word(u.np_word + 1) &&
          contains(m_.subject_marker, clean_word(u.np_word + 1))) {
        u.role = Role::subject;  // "Arm 역시"
        u.topic = true;
        u.np_word += 1;
        continue;
      }
      const int vi = next_unit(i);
      if (vi >= 0 && u.role != Role::owner && !units_[static_cast<std::size_t>(vi)].toward) {
        Unit& v = units_[static_cast<std::size_t>(vi)];
        if (v.anaphor && !v.venture && !v.surname_title && first_word_of(v) <= u.np_word + 2) {
          // "오픈AI, 오라클, 소프트뱅크 등 3개사가": the count restates the list.
          u.role = v.role;
          u.topic = v.topic;
          u.owner_case = v.owner_case;
          u.np_word = v.np_word;
          v.ignored = true;
          continue;
        }
        const int vf = first_word_of(v);
        const int gap = vf - u.np_word - 1;
        bool ok = gap >= 0 && gap <= 3 && v.speech == u.speech && v.clause == u.clause &&
                  !words_[u.np_word].ends_clause;
        for (int w = u.np_word + 1; ok && w < vf; ++w) ok = descriptor_word(w);
        if (ok && gap == 0 && u.role == Role::none) {
          // Adjacent bare names: "일본 소프트뱅크", "손정의 소프트뱅크 회장", "삼성전자 이재용".
          const std::string_view raw = word_text(u.np_word);
          if (!raw.empty() && (raw.back() == ',' || raw.back() == '"')) ok = false;
        }
        if (ok) {
          if (is_person(u) && !is_person(v) && u.role == Role::none) {
            // "손정의 소프트뱅크 회장": the company qualifies the person's title.
            int after = v.np_word + 1;
            const LexiconEntry* gov = nullptr;
            // The ministry's word without an abbreviation in parentheses after it
            // ("무역대표부(USTR)").
            std::string_view ministry;
            if (valid_word(after + 1)) {
              ministry = clean_word(after);
              if (const std::size_t open = ministry.find('(');
                  open != std::string_view::npos && open > 0)
                ministry = ministry.substr(0, open);
            }
            if (!ministry.empty() && find_in(m_.government, ministry, &gov) &&
                ministry == gov->text)
              ++after;  // "궈자쿤 중국 외교부 대변인은": the ministry, then the title
            if (v.role == Role::none && valid_word(after) &&
                first_at_start(m_.title, clean_word(after))) {
              v.modifier = true;
              v.head_of = static_cast<int>(i);
              u.np_word = v.np_word;
              attach_noun_words(u);
              continue;
            }
            Role office_role = Role::none;
            bool office_topic = false;
            if (v.word == v.np_word && !v.tail.empty() &&
                office_title(clean_word(v.np_word), office_role, office_topic)) {
              // "이찬진 금융감독원장은": the name of an office glued to the person's title.
              v.modifier = true;
              v.head_of = static_cast<int>(i);
              u.role = office_role;
              u.topic = office_role == Role::subject && office_topic;
              end_phrase_at(u, v.np_word);
              continue;
            }
          }
          u.modifier = true;
          u.head_of = vi;
          continue;
        }
      }
      if (u.role == Role::none &&
          (ends_with_etc(u.tail) ||
           (valid_word(u.np_word + 1) && starts_with_text(clean_word(u.np_word + 1), "등"))))
        continue;  // "A, B 등 주요 기업들이": the list's role comes later
      if (u.role == Role::none) {
        if (attach_noun_words(u) && u.role != Role::genitive) continue;
      }
      if (u.role == Role::none || u.role == Role::genitive) {
        // A name qualifying a common noun: "미국 AI산업에", "젠슨 황의 발언에".
        int w = u.np_word + 1;
        if (u.role == Role::none && !is_person(u) && !u.list_mark &&
            !words_[u.np_word].ends_clause) {
          for (int k = 0; k < 5 && valid_word(w + k); ++k) {
            const int ww = w + k;
            if (unit_starts_in_word(ww)) break;
            const std::string_view raw = word_text(ww);
            if (raw.find('"') != std::string_view::npos) break;
            const Role r = noun_role(ww);
            if (word_has_trigger(ww)) {
              u.owns_trigger_word = true;
              if (u.owned_trigger_word < 0) u.owned_trigger_word = ww;
            }
            if (r != Role::none && r != Role::genitive) {
              u.role = Role::owner;
              u.owner_case = r;
              u.np_word = ww;
              break;
            }
            if (is_adnominal_word(clean_word(ww)) || words_[ww].ends_clause) break;
          }
        } else if (u.role == Role::genitive && valid_word(w)) {
          for (int k = 0; k < 4 && valid_word(w + k); ++k) {
            const int ww = w + k;
            if (unit_starts_in_word(ww) && !toward_unit_in_word(ww)) break;
            if (word_has_trigger(ww)) {
              u.owns_trigger_word = true;
              if (u.owned_trigger_word < 0) u.owned_trigger_word = ww;
            }
            const Role r = noun_role(ww);
            if (r != Role::none && r != Role::genitive) {
              u.genitive_owner = true;
              u.role = Role::owner;
              u.owner_case = r;
              u.np_word = ww;
              break;
            }
          }
        }
      }
    }
    // Multiword role markers after the noun phrase.
    for (Unit& u : units_) {
      if (u.ignored || u.modifier) continue;
      const int w = u.np_word + 1;
      if (!valid_word(w)) continue;
      const std::string_view nw = clean_word(w);
      auto starts = [&](std::string_view p) { return starts_with_text(nw, p); };
      if ((u.role == Role::none || u.role == Role::dative) && contains(m_.exclude, nw)) {
        u.ignored = true;
      } else if ((u.role == Role::dative || u.owner_case == Role::dative) &&
                 (starts("대해") || starts("대한") || starts("대하여"))) {
        if (u.role == Role::owner)
          u.owner_case = Role::about;
        else
          u.role = Role::about;
      } else if ((u.role == Role::comitative || u.owner_case == Role::comitative) &&
                 starts("관련")) {
        if (u.role == Role::owner)
          u.owner_case = Role::about;
        else
          u.role = Role::about;
      } else if (u.role == Role::comitative && starts("함께")) {
        u.role = Role::joint;
      } else if (u.role == Role::comitative && contains(m_.compare, nw)) {
        u.ignored = true;  // "애플과 달리", "애플과 경쟁하는": compared, not joined
      } else if ((u.role == Role::object || u.owner_case == Role::object) &&
                 (starts("통해") || starts("통한"))) {
        if (u.role == Role::owner)
          u.owner_case = Role::via;
        else
          u.role = Role::via;
      } else if ((u.role == Role::object || u.owner_case == Role::object) && starts("겨냥")) {
        if (u.role == Role::owner)
          u.owner_case = Role::about;
        else
          u.role = Role::about;
      }
    }
  }

  // ---- coordination --------------------------------------------------------------------------
  int np_start_word(std::size_t i) const {
    int w = first_word_of(units_[i]);
    for (const Unit& m : units_)
      if (m.modifier && m.head_of == static_cast<int>(i)) w = std::min(w, first_word_of(m));
    return w;
  }

  // Role of the words after a list's last member: "등은", "등 주요 기업들이".
  static bool ends_with_etc(std::string_view tail) {
    return tail.size() >= 3 && ends_with_text(tail, "등");
  }

  void role_after_etc(Unit& u) {
    if (u.role != Role::none) return;
    int w = u.np_word + 1;
    if (ends_with_etc(u.tail)) w = u.np_word;  // "Arm 등 주요 기업들이": 등 already read
    if (!valid_word(w)) return;
    const std::string_view cw = clean_word(w);
    if (!starts_with_text(cw, "등") && !(w == u.np_word && ends_with_etc(u.tail))) return;
    bool topic = false;
    const std::string_view rest = cw.substr(3);
    if (!rest.empty()) {
      u.role = role_of_tail(rest, &topic);
      u.np_word = w;
    } else {
      for (int k = 1; k <= 3 && valid_word(w + k); ++k) {
        const Role r = noun_role(w + k);
        if (r != Role::none) {
          u.role = r;
          u.np_word = w + k;
          break;
        }
      }
    }
    u.topic = u.role == Role::subject && topic;
  }

  // Whether "A와" before B names a partner rather than opening a list "A와 B": B is the
  // venture founded with A ("GM과 합작사를 설립했다"), or a country where something is done
  // with a company A ("스텔란티스와 미국에 합작공장을 짓는다").
  bool comitative_partner(const Unit& a, const Unit& b) const {
    if (b.anaphor && b.venture) return true;
    if (a.entities.empty() || b.entities.empty() || b.role != Role::dative) return false;
    return kind_of(a.entities[0]) == Kind::company && kind_of(b.entities[0]) == Kind::country;
  }

  void coordinate() {
    std::vector<int>& heads = coordinate_heads_;
    heads.clear();
    for (std::size_t i = 0; i < units_.size(); ++i)
      if (!units_[i].ignored && !units_[i].modifier) heads.push_back(static_cast<int>(i));
    std::vector<int>& current = coordinate_run_;
    current.clear();
    auto close = [&]() {
      if (current.size() >= 2) {
        Unit& last = units_[static_cast<std::size_t>(current.back())];
        role_after_etc(last);
        // "오픈AI·소프트뱅크·SK하이닉스, 韓에 ...", "네이버, 사우디에 ...": a headline's topic
        // before a comma is not a member of a list that ends in another case.
        Unit& first = units_[static_cast<std::size_t>(current.front())];
        std::size_t split = 0;
        for (std::size_t k = 0; k + 1 < current.size(); ++k) {
          const Unit& m = units_[static_cast<std::size_t>(current[k])];
          if (m.list_char == ',' &&
              (k == 0 || units_[static_cast<std::size_t>(current[k - 1])].list_char == '.'))
            split = k + 1;
          if (m.list_char != '.') break;
        }
        const bool other_case = last.role != Role::subject && last.role != Role::none;
        const int fw = np_start_word(static_cast<std::size_t>(current.front()));
        const bool clause_start = fw <= lead_tags_ || words_[fw - 1].ends_clause;
        if (split > 0 && other_case && clause_start && !first.speech) {
          std::vector<int> head(current.begin(),
                                current.begin() + static_cast<std::ptrdiff_t>(split));
          std::vector<int> rest(current.begin() + static_cast<std::ptrdiff_t>(split),
                                current.end());
          for (int m : head) units_[static_cast<std::size_t>(m)].role = Role::topic;
          if (head.size() >= 2) {
            for (int m : head)
              units_[static_cast<std::size_t>(m)].group = static_cast<int>(groups_.size());
            groups_.push_back(head);
          }
          current = rest;
          if (current.size() < 2) {
            current.clear();
            return;
          }
        }
        const bool topic = last.topic;
        for (int m : current) {
          Unit& u = units_[static_cast<std::size_t>(m)];
          u.role = last.role;
          u.owner_case = last.owner_case;
          u.np_word = last.np_word;
          u.group = static_cast<int>(groups_.size());
          u.topic = topic;
        }
        groups_.push_back(current);
      } else if (current.size() == 1) {
        role_after_etc(units_[static_cast<std::size_t>(current[0])]);
      }
      current.clear();
    };
    for (std::size_t k = 0; k < heads.size(); ++k) {
      const int i = heads[k];
      current.push_back(i);
      if (k + 1 == heads.size()) break;
      const Unit& u = units_[static_cast<std::size_t>(i)];
      const int j = heads[k + 1];
      const Unit& v = units_[static_cast<std::size_t>(j)];
      const int vstart = np_start_word(static_cast<std::size_t>(j));
      bool link = false;
      if (u.speech == v.speech && u.clause == v.clause) {
        if (u.list_mark && (vstart == u.np_word + 1 || vstart == u.np_word)) link = true;
        if (u.list_mark && vstart > u.np_word + 1 && vstart <= u.np_word + 3) {
          // "오픈AI, 소프트웨어 회사인 오라클, ...": descriptors before the next member.
          bool descriptors = true;
          for (int w = u.np_word + 1; w < vstart; ++w)
            descriptors = descriptors && descriptor_word(w);
          if (descriptors) link = true;
        }
        if (u.role == Role::comitative && vstart == u.np_word + 1 && !comitative_partner(u, v))
          link = true;
        if (valid_word(u.np_word + 1) && vstart == u.np_word + 2) {
          const std::string_view nw = clean_word(u.np_word + 1);
          if (same_text(nw, "및") || same_text(nw, "그리고") || same_text(nw, "and") ||
              same_text(nw, "&"))
            link = true;
          if (u.role == Role::object && starts_with_text(nw, "비롯")) link = true;
        }
        if (u.role == Role::none && !u.list_mark && vstart == u.np_word + 1 &&
            valid_word(u.np_word) && clean_word(u.np_word) != word_text(u.np_word) &&
            word_text(u.np_word).back() == ',')
          link = true;
      }
      if (!link) close();
    }
    close();
  }

  // "이들 회사": a list named earlier in this sentence is nearer than the previous sentences'.
  void resolve_group_anaphors() {
    for (Unit& u : units_) {
      if (!u.anaphor || u.venture || u.ignored) continue;
      if (number_in(text_.substr(u.b, u.e - u.b)) > 0) continue;
      for (auto g = groups_.rbegin(); g != groups_.rend(); ++g) {
        if (units_[static_cast<std::size_t>(g->back())].e > u.b) continue;
        std::vector<std::uint32_t> companies;
        for (int m : *g)
          for (auto e : units_[static_cast<std::size_t>(m)].entities)
            if (kind_of(e) == Kind::company) companies.push_back(e);
        if (companies.size() >= 2) {
          u.entities = companies;
          break;
        }
      }
    }
  }

  // ---- headline topics and speakers ------------------------------------------------------------
  void sentence_roles() {
    for (std::size_t i = 0; i < units_.size(); ++i) {
      Unit& u = units_[i];
      if (u.ignored || u.modifier || u.role != Role::none) continue;
      const int next = u.np_word + 1;
      if (valid_word(next) && !word_text(next).empty() && word_text(next)[0] == '"' && !u.speech) {
        u.role = Role::speaker;
        continue;
      }
      if (u.group < 0 && u.list_mark && np_start_word(i) <= lead_tags_ && !u.speech)
        u.role = Role::topic;
      if (u.group >= 0 && np_start_word(i) <= lead_tags_ && !u.speech) {
        const Unit& last = units_[static_cast<std::size_t>(groups_[u.group].back())];
        if (last.list_mark) u.role = Role::topic;
      }
    }
  }

  // ---- relative clauses ------------------------------------------------------------------------
  void embed_relative_clauses() {
    // For each word, the last unit (in unit order) that is neither ignored nor a modifier and
    // whose noun phrase ends in an earlier word, or -1: the maximum over the words before it of
    // the last such unit ending in that word. (This step changes none of what it reads.)
    std::vector<int>& last_before = last_unit_before_;
    last_before.assign(words_.size() + 1, -1);
    for (std::size_t k = 0; k < units_.size(); ++k) {
      const Unit& u = units_[k];
      if (u.ignored || u.modifier || u.np_word >= nwords()) continue;  // (no word is after it)
      int& slot = last_before[static_cast<std::size_t>(u.np_word) + 1];
      slot = std::max(slot, static_cast<int>(k));
    }
    for (std::size_t w = 1; w < last_before.size(); ++w)
      last_before[w] = std::max(last_before[w], last_before[w - 1]);
    for (int w = 0; w < nwords(); ++w) {
      // The nearest argument before the word, within three words: looked for first, as most
      // words have none and need not be tested for an adnominal ending.
      Unit* arg = nullptr;
      if (const int k = last_before[static_cast<std::size_t>(w)]; k >= 0) {
        Unit& u = units_[static_cast<std::size_t>(k)];
        const bool topic = u.topic;
        if (w - u.np_word <= 3 && u.speech == words_[w].speech &&
            ((u.role == Role::subject && !topic) || u.role == Role::object ||
             u.role == Role::dative || u.role == Role::comitative || u.role == Role::joint ||
             u.role == Role::about || (u.role == Role::owner && u.owner_case != Role::subject)))
          arg = &u;
      }
      if (!arg || unit_starts_in_word(w)) continue;
      const std::string_view cw = clean_word(w);
      // "과기부가 진행 중인 평가": 중인 ("in progress") closes a relative clause too.
      if ((!is_adnominal_word(cw) && !same_text(cw, "중인")) || word_has_trigger(w)) continue;
      // "미국에 구축하는 투자 계획": the clause describes the trigger noun itself.
      if (valid_word(w + 1) && word_has_trigger(w + 1)) continue;
      // "리벨리온에 대한 1500억원 규모 지분 투자를": "에 대한" and "에 관한" make no relative
      // clause but a noun phrase about the name, here headed by the trigger a few words on.
      if (cw == "대한" || cw == "관한") {
        bool heads_trigger = false;
        for (int k = w + 1; !heads_trigger && k <= w + 4 && valid_word(k); ++k) {
          heads_trigger = word_has_trigger(k);
          if (words_[k].ends_clause || unit_starts_in_word(k)) break;
        }
        if (heads_trigger) continue;
      }
      if (arg->group >= 0) {
        for (int m : groups_[arg->group]) units_[static_cast<std::size_t>(m)].embedded = true;
      } else {
        arg->embedded = true;
      }
    }
  }

  // ---- triggers --------------------------------------------------------------------------------
  // A trigger read by the English frame: it starts with a Latin letter ("2대 주주" does not).
  static bool is_latin_text(std::string_view s) {
    return !s.empty() && std::isalpha(static_cast<unsigned char>(s[0])) != 0;
  }

  bool inside_unit(std::size_t b, std::size_t e) const {
    for (const Unit& u : units_)
      if (!u.anaphor && b < u.e && u.b < e) return true;
    return false;
  }

  // A country qualifying a company noun ("호주 희토류 기업에"): the company's nationality.
  bool nationality(const Unit& u) const {
    return u.role == Role::owner && !u.genitive_owner && !u.entities.empty() &&
           kind_of(u.entities[0]) == Kind::country && company_noun_word(u.np_word);
  }

  // Whether word w is a company noun with its particles (company.noun-end: "기업에",
  // "방산업체와").
  bool company_noun_word(int w) const {
    const std::string_view cw = clean_word(w);
    for (const LexiconEntry& e : m_.company_noun.entries) {
      for (std::size_t at = cw.find(e.text); at != std::string_view::npos;
           at = cw.find(e.text, at + 1))
        if (m_.particles.accepts(cw.substr(at + e.text.size()))) return true;
    }
    return false;
  }

  // A noun built on a trigger that names no act starts at `b` (noun.not-trigger: 공급망, the
  // supply chain; 투자은행; 외국인투자심의위원회).
  bool not_trigger_at(std::size_t b) const {
    if (m_.not_trigger.entries.empty()) return false;
    const std::string_view rest = text_.substr(b, s_.end - b);
    for (const std::uint32_t k : m_.not_trigger.prefix_candidates(rest))
      if (starts_with_text(rest, m_.not_trigger.entries[k].text)) return true;
    return false;
  }

  void find_triggers() {
    // hits_: every occurrence of every trigger in the sentence (the caller's, from
    // find_document_triggers), processed as relation by relation, longest entry first, then
    // entry by entry, left to right: the first trigger of a relation claims its word, and a
    // trigger inside one taken is no trigger of its own ("투자받았다", "투자를 유치했다" are
    // received investments, not "투자"). The key is all of a TriggerHit, so the order the
    // occurrences come in does not matter.
    const auto& relations = m_.relations;
    std::sort(hits_.begin(), hits_.end(), [&relations](const TriggerHit& x, const TriggerHit& y) {
      if (x.relation != y.relation) return x.relation < y.relation;
      const std::size_t lx = relations[x.relation].triggers[x.entry].text.size();
      const std::size_t ly = relations[y.relation].triggers[y.entry].text.size();
      if (lx != ly) return lx > ly;
      return std::tie(x.entry, x.p) < std::tie(y.entry, y.p);
    });
    // used_: (relation, word) pairs taken; a sentence has few.
    for (const TriggerHit& h : hits_) {
      const std::size_t r = h.relation;
      const LexiconEntry& e = m_.relations[r].triggers[h.entry];
      const bool latin = is_latin_text(e.text);
      const std::size_t p = h.p;
      {
        const std::size_t b = s_.begin + p, en = b + e.text.size();
        const int w = word_at(b);
        const std::size_t cwb = words_[w].clean_b, cwe = words_[w].clean_e;
        bool ok = true;
        if (latin) {
          const bool left = b == cwb || !std::isalpha(static_cast<unsigned char>(text_[b - 1]));
          const bool right = en >= cwe || !std::isalpha(static_cast<unsigned char>(text_[en]));
          ok = left && right;
        }
        switch (e.position) {
          case WordPosition::start:
            ok = ok && b == cwb;
            break;
          case WordPosition::end:
            ok = ok && en == cwe;
            break;
          case WordPosition::word:
            ok = ok && b == cwb && en == cwe;
            break;
          default:
            break;
        }
        if (!ok || inside_unit(b, en) || not_trigger_at(b)) continue;
        const int last_word = word_at(en - 1, w);  // multiword triggers live in their last word
        if (std::find(used_.begin(), used_.end(), std::make_pair(r, last_word)) != used_.end())
          continue;
        if (std::any_of(triggers_.begin(), triggers_.end(),
                        [&](const Trigger& o) { return o.relation == r && o.b <= b && en <= o.e; }))
          continue;
        used_.emplace_back(r, last_word);
        triggers_.push_back({r, last_word, b, en, e.frame, latin});
      }
    }
    std::sort(triggers_.begin(), triggers_.end(), [](const Trigger& a, const Trigger& b) {
      return a.b != b.b ? a.b < b.b : a.relation < b.relation;
    });
  }

  // Which cue lexicons have an entry in word w, without its punctuation and quotes (its row of
  // cue_in_word_, a bit set as CueLexicons::find() fills)? Looked up once per sentence, for all
  // cue lexicons at once: the cue windows of nearby triggers, of every relation, overlap.
  const std::uint64_t* cue_row(int w) {
    const std::size_t nsets = m_.cue_words.set_words();
    if (cue_known_.empty()) {
      cue_known_.assign(words_.size(), 0);
      cue_in_word_.resize(words_.size() * nsets);
    }
    std::uint64_t* row = cue_in_word_.data() + static_cast<std::size_t>(w) * nsets;
    if (cue_known_[static_cast<std::size_t>(w)] == 0) {
      cue_known_[static_cast<std::size_t>(w)] = 1;
      const std::string_view cw = clean_word(w);
      // A word seen before (in this or an earlier document) has the same row.
      std::uint32_t known = cue_row_front_.find(cw);
      if (known == ShortWordCache::kAbsent) {
        known = cue_row_index_.find(cw);
        if (known != StringIndex::kAbsent) cue_row_front_.put(cw, known);
      }
      if (known != StringIndex::kAbsent) {
        std::copy_n(cue_rows_.data() + static_cast<std::size_t>(known) * nsets, nsets, row);
        return row;
      }
      // Quotes inside a word ("없다"고) do not hide a cue.
      auto is_quote = [](char c) { return c == '"' || c == '\''; };
      if (std::none_of(cw.begin(), cw.end(), is_quote)) {
        m_.cue_words.find(cw, row);
      } else {
        std::string bare;
        for (char c : cw)
          if (!is_quote(c)) bare.push_back(c);
        m_.cue_words.find(bare, row);
      }
      // The row first, then the index entry naming it (an entry never names a missing row).
      const auto stored = static_cast<std::uint32_t>(cue_rows_.size() / nsets);
      cue_rows_.insert(cue_rows_.end(), row, row + nsets);
      cue_row_index_.insert(cw, stored);
      cue_row_front_.put(cw, stored);
    }
    return row;
  }

  // The lexicon whose cue blocks the trigger, or nullptr.
  const WordLexicon* blocked_by(const Trigger& t) {
    const auto& rel = m_.relations[t.relation];
    if (rel.blockers.empty()) return nullptr;
    // The window ends before the next word in another clause or part, or holding a subject.
    int last = std::min(nwords() - 1, t.word + 5);
    for (const Unit& u : units_)
      if (!u.ignored && u.role == Role::subject && u.np_word > t.word && u.np_word <= last)
        last = u.np_word - 1;
    for (int w = t.word + 1; w <= last; ++w)
      if (words_[w].clause != words_[t.word].clause || words_[w].part != words_[t.word].part) {
        last = w - 1;
        break;
      }
    int first = std::max(0, t.word - 1);
    // "...내놓지 못했다며 비판했다", "...않았다"고 비판했다": the word before closes a reported
    // clause, whose negation is not the criticism's.
    if (first < t.word && rel.speaker_is_source && reported_clause_end(clean_word(first)))
      first = t.word;
    const int end_word = std::max(last, t.word);
    const std::size_t span_b = words_[first].b, span_e = words_[end_word].e;
    const std::string_view span = text_.substr(span_b, span_e - span_b);
    // The cue lexicons with an entry in some word of the window (the word before the trigger
    // only in its clause).
    const std::size_t nsets = m_.cue_words.set_words();
    cue_window_.assign(nsets, 0);
    for (int w = first; w <= end_word; ++w) {
      if (w == t.word - 1 && words_[w].clause != words_[t.word].clause) continue;
      const std::uint64_t* row = cue_row(w);
      for (std::size_t k = 0; k < nsets; ++k) cue_window_[k] |= row[k];
    }
    for (const std::uint32_t cue : rel.blockers) {
      const WordLexicon& lex = m_.cues[cue];
      if ((cue_window_[cue / 64] >> (cue % 64) & 1u) != 0) return &lex;
      for (const std::string& phrase : lex.phrases)
        if (contains_text(span, phrase)) return &lex;
      // A question mark right after the trigger's clause.
      if (lex.question && span.find('?') != std::string_view::npos) return &lex;
    }
    return nullptr;
  }

  // "애플이 퍼플렉시티 인수를 추진하고 있다는 외신 보도": the event is only reported.
  bool only_reported(const Trigger& t) const {
    for (int w = t.word; w < std::min(nwords() - 1, t.word + 8); ++w) {
      if (words_[w].clause != words_[t.word].clause) break;
      const std::string_view cw = clean_word(w);
      if (cw.size() < 6 || (!ends_with_text(cw, "다는") && !ends_with_text(cw, "라는"))) continue;
      // "...손잡을 것이라는 일부 외신 보도": up to two plain words before the report noun.
      for (int k = w + 1; k <= w + 3 && valid_word(k); ++k) {
        if (contains(m_.report, clean_word(k))) return true;
        if (noun_role(k) != Role::none) break;
      }
      return false;
    }
    return false;
  }

  bool target_role_ok(const Unit& u, const RelationExtractor::Impl::Relation& rel) const {
    if (u.toward) return rel.targets(Role::location);
    if (u.venture) return rel.targets_venture() || rel.targets(u.role);
    if (u.role == Role::owner) {
      if (!rel.targets(Role::owner)) return false;
      // Criticism "에" a thing goes to its owner only through 의: "Y의 발언에" but not "X 계정에".
      if (rel.speaker_is_source && u.owner_case == Role::dative && !u.genitive_owner) return false;
      return u.owner_case != Role::subject && u.owner_case != Role::locative &&
             u.owner_case != Role::none;
    }
    if (u.role == Role::location) return rel.targets(Role::location);
    return rel.targets(u.role);  // role names match the rules'
  }

  std::vector<int> members(int i) const {
    const Unit& u = units_[static_cast<std::size_t>(i)];
    if (u.group >= 0) return groups_[static_cast<std::size_t>(u.group)];
    return {i};
  }

  bool usable(const Unit& u) const { return !u.ignored && !u.modifier && !u.entities.empty(); }

  // The sources are read as acting_for_company() would make them, unit by unit: a copy of the
  // list to change was made for every trigger.
  void emit(std::size_t rel, const std::vector<int>& sources, const std::vector<int>& targets,
            const Trigger& t) {
    const auto& R = m_.relations[rel];
    auto add = [&](std::uint32_t a, std::uint32_t b) {
      if (a == b) return;
      if (!source_type_ok(R, a) || !target_type_ok(R, b)) {
        if (!R.symmetric) return;
        if (!source_type_ok(R, b) || !target_type_ok(R, a)) return;
      }
      found_.push_back({rel, a, b, t.b, t.e});
    };
    // The distinct source and target entities (Scratch storage: emit runs for every trigger).
    std::vector<std::uint32_t>& S = emit_sources_;
    std::vector<std::uint32_t>& T = emit_targets_;
    S.clear();
    T.clear();
    for (const int i : sources) {
      const int acting = R.speaker_is_source ? i : unit_acting_for(i);
      for (std::uint32_t e : units_[static_cast<std::size_t>(acting)].entities)
        if (std::find(S.begin(), S.end(), e) == S.end()) S.push_back(e);
    }
    for (int i : targets) {
      // "A는 B와 합작사 C를 설립했다": the partner "with" whom a venture is founded founds it.
      const bool cofounder = R.symmetric && t.frame == TriggerFrame::found &&
                             units_[static_cast<std::size_t>(i)].role == Role::comitative;
      std::vector<std::uint32_t>& into = cofounder ? S : T;
      for (std::uint32_t e : units_[static_cast<std::size_t>(i)].entities)
        if (std::find(T.begin(), T.end(), e) == T.end() &&
            std::find(S.begin(), S.end(), e) == S.end())
          into.push_back(e);
    }
    if (!R.symmetric) {
      for (auto a : S)
        for (auto b : T) add(a, b);
      return;
    }
    const bool pairs_among_sources =
        (t.frame == TriggerFrame::found && S.size() >= 2) ||
        (t.frame == TriggerFrame::mutual && T.empty() && S.size() >= 2);
    if (pairs_among_sources)
      for (std::size_t x = 0; x < S.size(); ++x)
        for (std::size_t y = x + 1; y < S.size(); ++y) add(S[x], S[y]);
    if (t.frame == TriggerFrame::found && S.size() < 2) return;  // one founder: a subsidiary
    for (auto a : S)
      for (auto b : T) add(a, b);
    if (t.frame == TriggerFrame::found && T.size() == 1 && kind_of(T[0]) == Kind::company) {
      d_.venture = T[0];
      founders_[T[0]] = S;
    }
  }
  // Ventures founded in this sentence and their founders; facts whose source is a venture named
  // by an adnominal clause ("...에 투자하는 합작회사 X를 설립"): the founders share them.
  std::map<std::uint32_t, std::vector<std::uint32_t>> founders_;
  std::vector<Found> venture_facts_;

  void share_venture_facts() {
    for (const Found& f : venture_facts_) {
      auto it = founders_.find(f.source);
      if (it == founders_.end()) continue;
      for (std::uint32_t founder : it->second)
        if (founder != f.target)
          found_.push_back({f.relation, founder, f.target, f.trigger_b, f.trigger_e});
    }
  }

  // For a stake noun (a directed join trigger: 지분), the word of a holding verb in its
  // adnominal form right after it, past an amount ("지분 약 7%를 보유한", "지분을 가진"); -1 if
  // none.
  int stake_holder_verb(const Trigger& t) const {
    if (m_.relations[t.relation].symmetric || t.frame != TriggerFrame::join) return -1;
    for (int w = t.word + 1; w <= t.word + 3 && valid_word(w); ++w) {
      if (unit_starts_in_word(w)) return -1;
      const std::string_view cw = clean_word(w);
      if (contains(m_.hold, cw)) return w;  // (its entries are adnominal forms)
      // Only an amount may stand between: 약, 7%를, 30%가량을.
      bool amount = same_text(cw, "약");
      for (char c : cw) amount = amount || (c >= '0' && c <= '9');
      if (!amount) return -1;
    }
    return -1;
  }

  // The unit whose noun phrase an adnominal trigger word modifies, if any.
  int adnominal_head(const Trigger& t) const {
    const std::string_view cw = clean_word(t.word);
    const std::size_t trig_end_in_word =
        t.e - (words_[t.word].b + static_cast<std::size_t>(cw.data() - word_text(t.word).data()));
    const std::string_view rest = cw.substr(std::min(trig_end_in_word, cw.size()));
    const LexiconEntry* which = nullptr;
    int anchor = t.word;
    const int holder = stake_holder_verb(t);
    if (holder >= 0) {
      anchor = holder;  // "X 지분 약 7%를 보유한 Y": Y holds the stake in X
    } else if (!find_in(m_.adnominal, cw, &which)) {
      // "납품하기 시작한 한미반도체", "협력해 온 TSMC와 SK하이닉스": an auxiliary verb after the
      // trigger carries the adnominal ending; so does a second verb of another relation on the
      // same head ("출자해 세운 합작법인 C": C is what was funded and founded).
      if (!valid_word(t.word + 1) || unit_starts_in_word(t.word + 1) ||
          word_has_trigger(t.word + 1, t.relation) || !is_adnominal_word(clean_word(t.word + 1)) ||
          clean_word(t.word + 1).size() > 9)
        return -1;
      anchor = t.word + 1;
    } else if (rest.size() > 9 && rest.find("하는") == std::string_view::npos) {
      return -1;
    }
    if (!word_text(anchor).empty() && word_text(anchor).back() == ',') return -1;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (u.ignored || u.entities.empty()) continue;
      const int start = first_word_of(u);
      if (start <= anchor) continue;
      if (start > anchor + 3) return -1;
      for (int w = anchor + 1; w < start; ++w)
        if (!descriptor_word(w) && !contains(m_.venture, clean_word(w))) return -1;
      if (u.speech != words_[t.word].speech) return -1;
      // Follow bare modifiers to their head ("인수한 미 로봇 제조사 보스턴 다이내믹스"); a
      // genitive ends the relative clause's noun phrase ("대주주인 Arm의 르네 하스").
      std::size_t h = i;
      while (units_[h].modifier && units_[h].role != Role::genitive && units_[h].head_of >= 0)
        h = static_cast<std::size_t>(units_[h].head_of);
      return static_cast<int>(h);
    }
    return -1;
  }

  void frame(const Trigger& t) {
    if (t.frame == TriggerFrame::quoted) {
      // "..."라며 X를 겨냥했다": a trigger that is an attack only after quoted speech, outside it.
      bool quoted = false;
      for (int w = 0; w < t.word && !quoted; ++w) quoted = words_[w].speech;
      if (quoted && !words_[t.word].speech) {
        Trigger mutual = t;
        mutual.frame = TriggerFrame::mutual;
        frame(mutual);
      } else if (explain_) {
        std::string note = "trigger ";
        note.append(m_.relations[t.relation].name).append(" '");
        note.append(text_.substr(t.b, t.e - t.b)).append("' in word ");
        note.append(std::to_string(t.word)).append(" (no quote before it)");
        trigger_notes_.push_back(std::move(note));
      }
      return;
    }
    const auto& rel = m_.relations[t.relation];
    // "2대 주주인 한국해양진흥공사는 ... 매각을 검토하고 있다": a stake named as what a name
    // is (the copula's adnominal 인 before it) is a state, which the cues of the verbs after
    // the name do not reach.
    const std::string_view tw = clean_word(t.word);
    const bool stated_stake = t.frame == TriggerFrame::join && ends_with_text(tw, "인") &&
                              valid_word(t.word + 1) && unit_starts_in_word(t.word + 1);
    const WordLexicon* by = stated_stake ? nullptr : blocked_by(t);
    // A denied or failed deal is remembered, so the same deal is dropped from the whole document.
    const bool denial =
        by && (same_text(by->name, "cue.denial") || same_text(by->name, "cue.failure"));
    const bool reported = !by && !rel.speaker_is_source && only_reported(t);
    if (explain_) {
      std::string note = "trigger ";
      note.append(m_.relations[t.relation].name).append(" '");
      note.append(text_.substr(t.b, t.e - t.b)).append("' in word ");
      note.append(std::to_string(t.word));
      if (by) note.append(" (blocked by ").append(by->name).append(")");
      if (reported) note.append(" (only reported)");
      trigger_notes_.push_back(std::move(note));
    }
    if ((by && !denial) || reported) return;
    if (denial) {
      const std::size_t before = found_.size();
      frame_body(t);
      denied_.insert(denied_.end(), found_.begin() + static_cast<std::ptrdiff_t>(before),
                     found_.end());
      found_.resize(before);
      return;
    }
    frame_body(t);
  }

  // "네덜란드 정부의 넥스페리아 경영권 장악을 비난했다": an act's object B named after "A의"
  // ("A 정부의", "A 총리의") is the act of A, who is the one criticised. The unit of A for the
  // unit of B, or -1.
  int act_owner(int i) const {
    const Unit& v = units_[static_cast<std::size_t>(i)];
    if (v.role != Role::owner) return -1;
    const int g = v.first_word - 1;  // the word before B
    for (int k = 0; k < i; ++k) {
      const Unit& u = units_[static_cast<std::size_t>(k)];
      if (u.ignored || u.entities.empty() || u.head_of != i ||
          kind_of(u.entities[0]) == Kind::other)
        continue;
      // "A의 B", or a government noun, a title or a nameless actor between: "A 정부의 B",
      // "A 총리의 B", "한국 기업들의 B".
      if ((u.role == Role::genitive && u.np_word == g) ||
          (u.np_word == g - 1 && g > 0 && ends_with_text(clean_word(g), "의") &&
           (first_at_start(m_.government, clean_word(g)) ||
            first_at_start(m_.title, clean_word(g)) || first_at_start(m_.actor, clean_word(g)) ||
            starts_with_text(clean_word(g), "기업"))))
        return k;
    }
    return -1;
  }
  void to_act_owners(std::vector<int>& targets) const {
    for (int& i : targets)
      if (const int k = act_owner(i); k >= 0) i = k;
  }

  // "양사의 협업을 넓힌다", "한국과 일본의 협력": a symmetric trigger noun owned ("의") by a
  // group of two or more is a partnership among its members.
  bool group_owns_trigger(const Trigger& t) {
    if (!m_.relations[t.relation].symmetric || t.frame != TriggerFrame::mutual) return false;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (u.ignored || u.owned_trigger_word != t.word || !u.genitive_owner ||
          u.speech != words_[t.word].speech)
        continue;
      std::vector<std::uint32_t> members_entities;
      for (const int m : members(static_cast<int>(i)))
        for (const auto e : units_[static_cast<std::size_t>(m)].entities)
          if (std::find(members_entities.begin(), members_entities.end(), e) ==
              members_entities.end())
            members_entities.push_back(e);
      if (members_entities.size() < 2) return false;
      for (std::size_t a = 0; a < members_entities.size(); ++a)
        for (std::size_t b = a + 1; b < members_entities.size(); ++b)
          found_.push_back({t.relation, members_entities[a], members_entities[b], t.b, t.e});
      return true;
    }
    return false;
  }

  // "SK㈜는 SK실트론 지분 70.6%를 두산에 매각했다": a stake sold. The buyer named "에"
  // after the stake, in its clause, invests in the company whose stake it is; the seller gets
  // no edge. Whether the trigger is such a stake (and so taken care of).
  bool stake_sale(const Trigger& t) {
    static constexpr std::array<std::string_view, 8> kSale = {"매각", "매도", "팔",   "넘기",
                                                              "넘겨", "넘겼", "양도", "처분"};
    const auto& rel = m_.relations[t.relation];
    if (rel.symmetric || t.frame != TriggerFrame::join) return false;
    const int clause = words_[t.word].clause;
    int sale = -1;
    for (int w = t.word; w <= t.word + 4 && valid_word(w) && words_[w].clause == clause; ++w) {
      const std::string_view cw = clean_word(w);
      for (const std::string_view s : kSale)
        if (starts_with_text(cw, s) || (w == t.word && cw.find(s) != std::string_view::npos))
          sale = w;
      if (sale >= 0) break;
    }
    if (sale < 0) return false;
    // Only names of buyers ("에") may stand between the stake and the sale: "2대 주주인 KT는
    // 지분 매각을" sells another stake.
    for (const Unit& u : units_)
      if (!u.ignored && u.first_word > t.word && u.first_word < sale && u.role != Role::dative)
        return false;
    std::vector<int> buyers, held;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (!usable(u) || u.clause != clause || u.speech != words_[t.word].speech) continue;
      if (u.owned_trigger_word == t.word && (u.role == Role::owner || u.role == Role::genitive))
        held.push_back(static_cast<int>(i));
      else if (u.role == Role::dative && u.np_word > t.word && u.np_word < sale)
        buyers.push_back(static_cast<int>(i));
    }
    if (!buyers.empty() && !held.empty()) emit(t.relation, buyers, held, t);
    return true;
  }

  // "소프트뱅크의 오픈AI 투자는", "한국의 대미 투자": a directed trigger noun right after
  // "A의 B" is A's act on B, whatever else the sentence names. A person is no investor by
  // the genitive alone ("트럼프의 인텔 투자": the state invests), nor is a country before a
  // company (its nationality: "미국의 엔비디아 투자").
  bool genitive_agent(const Trigger& t) {
    const auto& rel = m_.relations[t.relation];
    if (rel.symmetric || rel.speaker_is_source ||
        (t.frame != TriggerFrame::mutual && t.frame != TriggerFrame::join) ||
        t.b != words_[t.word].clean_b)
      return false;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& v = units_[i];
      // B's name is the word before the trigger's, and B qualifies the trigger noun.
      if (v.ignored || v.entities.empty() || v.word != t.word - 1 ||
          !(v.owned_trigger_word == t.word || v.role == Role::none || v.toward))
        continue;
      for (std::size_t k = 0; k < i; ++k) {
        const Unit& u = units_[k];
        if (u.ignored || u.role != Role::genitive || u.np_word != v.first_word - 1 ||
            u.entities.empty())
          continue;
        const Kind a = kind_of(u.entities[0]);
        const Kind b = kind_of(v.entities[0]);
        if (a == Kind::person || a == Kind::other || (a == Kind::country && b == Kind::company))
          return false;
        emit(t.relation, {static_cast<int>(k)}, {static_cast<int>(i)}, t);
        return true;
      }
      return false;
    }
    return false;
  }

  void frame_body(const Trigger& t) {
    const auto& rel = m_.relations[t.relation];
    const bool speech = words_[t.word].speech;
    if (!rel.speaker_is_source) {
      // "...투자 계획에 대해 회의적": an event that is only the topic of another statement.
      for (int w = t.word; w <= t.word + 2 && valid_word(w + 1); ++w) {
        const std::string_view nw = clean_word(w + 1);
        if ((starts_with_text(nw, "대해") || starts_with_text(nw, "대한")) &&
            noun_role(w) == Role::dative)
          return;
        if (noun_role(w) != Role::none) break;
      }
    }
    const int clause = words_[t.word].clause;
    std::vector<int> sources, targets;

    if (t.latin) {
      english_carried_.clear();
      english_frame(t, sources, targets);
      if (!sources.empty()) {
        emit(t.relation, sources, targets, t);
      } else if (!english_carried_.empty()) {
        emit_entities(t, english_carried_, targets);
      }
      return;
    }
    if (!rel.symmetric && t.frame == TriggerFrame::mutual && valid_word(t.word + 1) &&
        starts_with_text(clean_word(t.word + 1), "유치") &&
        word_text(t.word).find('(') != std::string_view::npos) {
      // "투자(프리IPO) 유치를 마무리했다": a received investment, the note in parentheses
      // kept the trigger "투자 유치" from matching.
      Trigger received = t;
      received.frame = TriggerFrame::receive;
      frame_body(received);
      return;
    }
    if (genitive_agent(t)) return;
    if (group_owns_trigger(t)) return;
    if (stake_sale(t)) return;

    const int head = adnominal_head(t);
    if (head >= 0) {
      const int trigger_first = word_at(t.b);  // "넷마블 3대 주주인": the trigger's first word
      // "스타게이트에 투자하는 소프트뱅크", "현대차가 인수한 보스턴 다이내믹스".
      int pre = -1;
      // (The owner of a held stake closes its phrase at the amount: "X 지분 약 7%를 보유한".)
      const int holder = stake_holder_verb(t);
      const int last = holder >= 0 ? holder : t.word;
      for (int k = static_cast<int>(units_.size()) - 1; k >= 0; --k) {
        const Unit& u = units_[static_cast<std::size_t>(k)];
        if (!usable(u) || u.np_word > last || u.b >= words_[t.word].b) continue;
        // A relative clause's own subject (이/가, no topic) may stand further back, past
        // adverbs and amounts ("A와 B가 지난해 각각 50%씩 출자해 세운 합작법인 C").
        const int reach = u.role == Role::subject && !u.topic ? 6 : 4;
        if (t.word - u.np_word > reach || u.clause != clause) break;
        // (Nor past a chained clause's end: "A가 참여했고, 기존 투자자인 B도".)
        if (words_[u.np_word].part != words_[t.word].part) break;
        pre = k;
        break;
      }
      if (!rel.symmetric && t.frame == TriggerFrame::join &&
          ends_with_text(clean_word(t.word), "인") &&
          (pre < 0 || units_[static_cast<std::size_t>(pre)].role != Role::none ||
           units_[static_cast<std::size_t>(pre)].np_word != trigger_first - 1)) {
        // "HMM 최대주주인 A와 2대 주주인 B는": a stake named with no name before it is in
        // the company of the stake named just before it in the sentence.
        for (std::size_t k = found_.size(); k-- > 0;) {
          if (found_[k].relation != t.relation || found_[k].trigger_b >= t.b) continue;
          const std::uint32_t held = found_[k].target;
          for (const auto e : units_[static_cast<std::size_t>(head)].entities)
            if (e != held) found_.push_back({t.relation, e, held, t.b, t.e});
          return;
        }
      }
      if (pre >= 0) {
        const Unit& p = units_[static_cast<std::size_t>(pre)];
        const bool topic = p.topic;
        // (A topic founds the venture its relative clause names when the clause has no
        // subject of its own: "A와 B는 2022년 합작 설립한 C에 출자했다".)
        if (p.role == Role::subject && (!topic || t.frame == TriggerFrame::found)) {
          sources = members(pre);
          targets = {head};
        } else if (p.role == Role::none && !rel.symmetric && t.frame == TriggerFrame::join &&
                   p.np_word == trigger_first - 1) {
          // "대한항공 최대주주인 한진칼": the head holds a stake in the bare name before.
          sources = {head};
          targets = members(pre);
        } else if (holder >= 0 && topic && (p.role == Role::subject || p.role == Role::topic)) {
          // "대한항공은 지분 63.88%를 가진 아시아나항공을": the topic holds the stake.
          sources = members(pre);
          targets = {head};
        } else if (p.role != Role::subject && p.role != Role::none && p.role != Role::topic &&
                   p.role != Role::speaker) {
          sources = {head};  // the clause modifies the first name of a list only
          for (int m : members(pre)) {
            const Unit& mu = units_[static_cast<std::size_t>(m)];
            if (mu.role == Role::genitive || target_role_ok(mu, rel)) targets.push_back(m);
          }
        }
      }
      if (sources.empty() && rel.symmetric && t.frame == TriggerFrame::mutual &&
          (pre < 0 || units_[static_cast<std::size_t>(pre)].role == Role::none) &&
          members(head).size() >= 2) {
        emit(t.relation, members(head), {}, t);  // "협력해 온 TSMC와 SK하이닉스는"
        return;
      }
      if (!sources.empty()) {
        const std::size_t before = found_.size();
        emit(t.relation, sources, targets, t);
        if (sources.size() == 1 && sources[0] == head)
          for (std::size_t k = before; k < found_.size(); ++k) venture_facts_.push_back(found_[k]);
        return;
      }
    }

    if (speech && rel.speaker_is_source) {
      int source = find_speaker(t);
      std::vector<int> src;
      if (source >= 0) src = members(source);
      std::vector<std::uint32_t> carried;
      if (src.empty() && whole_quote() && !d_.last_quoted.empty()) carried = d_.last_quoted;
      if (src.empty() && carried.empty() && !d_.last_speaker.empty()) carried = d_.last_speaker;
      // In the quote, the accused is its subject or topic, or the owner of its subject ("시 주석의
      // 말은 위선"); other names there (victims, places) are not, unless nobody is accused.
      std::vector<int> in_quote, accused;
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (u.ignored || !u.speech || !words_[u.np_word].speech || !same_quote(u.np_word, t.word) ||
            u.modifier || u.toward)
          continue;
        in_quote.push_back(static_cast<int>(i));
        const bool subjectish = u.role == Role::subject || u.role == Role::topic ||
                                u.role == Role::none || u.role == Role::genitive ||
                                (u.role == Role::owner && u.owner_case == Role::subject);
        if (subjectish && u.b < t.b) accused.push_back(static_cast<int>(i));
      }
      targets = accused.empty() ? in_quote : accused;
      if (targets.empty() && source >= 0) {
        // "바이든 대통령은 중국 정부와 중국 철강회사가 ... "부정행위"를": the quote names the
        // deed; the accused are the other names between the speaker and the quote.
        for (std::size_t i = 0; i < units_.size(); ++i) {
          const Unit& u = units_[i];
          if (!usable(u) || u.speech || u.b <= units_[static_cast<std::size_t>(source)].e ||
              u.b >= t.b || u.role == Role::locative || u.role == Role::speaker || u.toward)
            continue;
          if (std::find(src.begin(), src.end(), static_cast<int>(i)) != src.end()) continue;
          targets.push_back(static_cast<int>(i));
        }
      }
      to_act_owners(targets);
      record_stance(t.relation, src, carried);
      if (!src.empty()) {
        emit(t.relation, src, targets, t);
      } else if (!carried.empty()) {
        emit_entities(t, carried, targets);
      }
      return;
    }

    // Predicative frame.
    int src = -1;
    bool purpose = valid_word(t.word + 1) && contains(m_.purpose, clean_word(t.word + 1));
    // "지분은 소프트뱅크가 40%를 갖고 ...": the trigger noun is the topic; subjects follow.
    const std::string_view tw = clean_word(t.word);
    const bool topic_trigger =
        t.word <= 1 && tw.size() > 3 && (ends_with_text(tw, "은") || ends_with_text(tw, "는"));
    if (topic_trigger) {
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (usable(u) && u.b > words_[t.word].e && u.clause == clause && !u.embedded &&
            u.speech == speech && u.role == Role::subject)
          for (int m : members(static_cast<int>(i)))
            if (std::find(sources.begin(), sources.end(), m) == sources.end()) sources.push_back(m);
      }
      if (!sources.empty()) {
        if (t.frame == TriggerFrame::join && d_.venture) {
          std::vector<std::uint32_t> S;
          for (int i : sources)
            for (auto e : units_[static_cast<std::size_t>(i)].entities)
              if (e != *d_.venture) found_.push_back({t.relation, e, *d_.venture, t.b, t.e});
        }
        return;
      }
    }
    if (purpose) {
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (usable(u) && u.b > words_[t.word].e && u.clause == clause && !u.embedded &&
            u.speech == speech && (u.role == Role::subject || u.role == Role::topic)) {
          src = static_cast<int>(i);
          break;
        }
      }
    }
    // The subject of a relative clause on a name before the trigger is that clause's own ("A는
    // B가 설립한 C에 출자했다": B founds, A funds).
    auto relative_subject = [&](const Unit& u) {
      if (u.role != Role::subject || u.topic) return false;
      for (int w = u.np_word + 1; w + 1 < t.word; ++w) {
        if (is_adnominal_word(clean_word(w))) return unit_starts_in_word(w + 1);
        // (Another subject first: the relative clause is its.)
        for (const Unit& v : units_)
          if (&v != &u && !v.ignored && v.np_word == w && v.role == Role::subject) return false;
      }
      return false;
    };
    if (src < 0) {
      for (int k = static_cast<int>(units_.size()) - 1; k >= 0; --k) {
        const Unit& u = units_[static_cast<std::size_t>(k)];
        if (!usable(u) || u.b >= words_[t.word].b || u.clause != clause || u.embedded ||
            u.speech != speech || relative_subject(u))
          continue;
        if (u.role == Role::subject || u.role == Role::topic ||
            (u.role == Role::speaker && rel.speaker_is_source)) {
          src = k;
          break;
        }
      }
    }
    if (src < 0 && headline_) {
      // "현대차, 엔비디아와 '로봇 동맹'...보스턴 다이내믹스에 4조 수혈": the headline's topic.
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (usable(u) && u.role == Role::topic && u.b < t.b && u.speech == speech) {
          src = static_cast<int>(i);
          break;
        }
      }
    }
    if (src < 0 && headline_) {
      // Headline style: a bare name before the trigger ("오라클 80억$ 이상 투자").
      for (int k = static_cast<int>(units_.size()) - 1; k >= 0; --k) {
        const Unit& u = units_[static_cast<std::size_t>(k)];
        if (!usable(u) || u.b >= words_[t.word].b || u.clause != clause || u.speech != speech)
          continue;
        if (u.role == Role::none && !u.owns_trigger_word) {
          src = k;
          break;
        }
      }
    }
    if (src < 0 && rel.symmetric) {
      // "美·日 테크 연합전선", "한미 동맹": a list qualifying the trigger noun.
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (usable(u) && u.owned_trigger_word == t.word && u.clause == clause) {
          std::vector<int> g = members(static_cast<int>(i));
          std::size_t n = 0;
          for (int m : g) n += units_[static_cast<std::size_t>(m)].entities.size();
          if (n >= 2) {
            emit(t.relation, g, {}, t);
            return;
          }
        }
      }
    }
    if (src < 0 && speech && !rel.speaker_is_source && !rel.symmetric) {
      // "정의선 회장은 "미국에 30억달러를 더 투자하겠다"고 말했다": a company, or a person named
      // with their company, pledges what the quote says (a president announcing others'
      // investment does not).
      const int speaker = find_speaker(t, /*heads=*/true);
      if (speaker >= 0) {
        std::vector<int> company = {speaker};
        acting_for_company(company);
        const Unit& c = units_[static_cast<std::size_t>(company[0])];
        if (!c.entities.empty() && kind_of(c.entities[0]) == Kind::company) {
          src = speaker;
          sources = company;
        }
      }
    }
    // A passive directed trigger ("공장에 투입될 예정이다") names what is put in, not who puts
    // it: the previous sentence's subject does not go on into it.
    const std::string_view after_trigger =
        text_.substr(t.e, std::max(words_[t.word].clean_e, t.e) - t.e);
    // (A supply goes on from its supplier: "HBM4는 엔비디아에 공급된다" after "삼성전자는".)
    const bool passive =
        !rel.symmetric && (after_trigger.starts_with("되") || after_trigger.starts_with("된") ||
                           after_trigger.starts_with("될") || after_trigger.starts_with("돼") ||
                           after_trigger.starts_with("됐"));
    std::vector<std::uint32_t> carried;
    // "...에 대한 쓴소리도 나왔다", "비판이 거세다": criticism as the subject of its own
    // sentence has no speaker to carry over.
    const std::string_view trigger_tail = clean_word(t.word).substr(
        std::min(clean_word(t.word).size(), t.e - words_[t.word].clean_b));
    const bool agentless = rel.speaker_is_source &&
                           (trigger_tail == "이" || trigger_tail == "가" || trigger_tail == "도" ||
                            trigger_tail == "은" || trigger_tail == "는");
    if (agentless && src < 0) return;
    if (src < 0 && rel.speaker_is_source && (starts_with_pronoun_ || t.word < 3))
      carried = d_.last_speaker;
    if (src < 0 && carried.empty() && !headline_ && !speech && starts_with_pronoun_ && !passive &&
        !has_subject_outside_speech()) {
      // Korean drops a subject the previous sentence gave ("대신 베트남 공장에 투입한다").
      carried = d_.last_speaker;
    }
    if (src < 0 && carried.empty() && !headline_ && !speech && !passive &&
        !has_subject_outside_speech() && !has_actor_subject(t.word, rel.speaker_is_source) &&
        !d_.last_topic.empty()) {
      // "라피더스는 ... 받았다. 지난달에는 브로드컴과 공급 계약을 맺었다": the topic goes on.
      carried = d_.last_topic;
    }
    if (src >= 0) {
      sources = members(src);
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (usable(u) && u.role == Role::joint && u.clause == clause && !u.embedded &&
            u.b < words_[t.word].b && u.b > units_[static_cast<std::size_t>(src)].b &&
            rel.comitative_source)
          sources.push_back(static_cast<int>(i));
      }
    }
    if (t.frame == TriggerFrame::receive) {
      // "오픈AI는 마이크로소프트로부터 투자를 받았다": the giver is marked "from".
      std::vector<int> givers;
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (!usable(u) || u.b >= t.b || u.clause != clause || u.speech != speech) continue;
        // (Also "A를 대상으로 유상증자를 진행한다": the shares are issued to A.)
        const bool from =
            u.tail.find("부터") != std::string::npos ||
            u.tail.find("에게서") != std::string::npos || u.role == Role::locative ||
            (valid_word(u.np_word + 1) && starts_with_text(clean_word(u.np_word + 1), "대상으로"));
        // "KT와 아람코로부터": the list gives.
        if (from)
          for (const int m : members(static_cast<int>(i)))
            if (std::find(givers.begin(), givers.end(), m) == givers.end()) givers.push_back(m);
      }
      if (!givers.empty() && !sources.empty()) emit(t.relation, givers, sources, t);
      // The round's receiver, for the participants the next sentences name (see
      // funding_participants).
      std::vector<std::uint32_t> receiver = carried;
      if (!sources.empty()) {
        receiver.clear();
        for (const int i : sources)
          for (const auto e : units_[static_cast<std::size_t>(unit_acting_for(i))].entities)
            receiver.push_back(e);
      }
      if (!receiver.empty() && !speech) d_.funded = {t.relation, std::move(receiver), d_.sentence};
      return;
    }
    std::vector<int> reported;  // the subject of a reported clause, when the topic reports it
    // The words of that clause after its subject: the other names there are victims or
    // places, not the accused ("대만이 미국 반도체를 훔쳤다고").
    int reported_from = -1, reported_to = -1;
    if (rel.speaker_is_source && src >= 0 && !units_[static_cast<std::size_t>(src)].topic &&
        units_[static_cast<std::size_t>(src)].role == Role::subject) {
      // "트럼프는 대만이 미국 반도체를 훔쳤다고 비난했다": 대만 is accused, 트럼프 speaks.
      // "유용원 의원은 방사청이 ... 못했다며 비판했다": "-다며" reports the clause too.
      int quotative = -1;  // the word closing the reported clause
      for (int w = units_[static_cast<std::size_t>(src)].np_word + 1; w <= t.word; ++w)
        if (reported_clause_end(clean_word(w))) {
          quotative = w;
          break;
        }
      if (quotative >= 0) {
        for (int k = src - 1; k >= 0; --k) {
          const Unit& u = units_[static_cast<std::size_t>(k)];
          if (!usable(u) || u.clause != clause || u.speech != speech) continue;
          if ((u.role == Role::subject && u.topic) || u.role == Role::topic) {
            reported = members(src);
            reported_from = units_[static_cast<std::size_t>(src)].np_word;
            reported_to = quotative;
            sources = members(k);
            src = k;
            break;
          }
        }
      }
    }
    if (rel.speaker_is_source) record_stance(t.relation, sources, carried);
    if (sources.empty() && carried.empty()) return;

    // Targets: after the source (or the previous trigger) and before this trigger.
    std::size_t from = src >= 0 && !purpose ? units_[static_cast<std::size_t>(src)].e : s_.begin;
    if (purpose) from = s_.begin;
    const std::size_t from_source = from;
    for (const Trigger& o : triggers_) {
      if (o.b < t.b && o.e > from && words_[o.word].clause == clause && o.word != t.word &&
          !purpose && words_[o.word].speech == speech) {
        bool owned = false;
        for (const Unit& u : units_)
          if (u.owns_trigger_word && u.np_word >= o.word && u.b < o.b) owned = true;
        // "A는 B와 ... 휴머노이드를 투입하는 실증 협약을 맺었다": a relative clause on this
        // trigger's noun (no name between them) is part of its phrase, not a predicate before.
        if (!owned && o.word < t.word && is_adnominal_word(clean_word(o.word))) {
          bool name_between = false;
          for (int w = o.word + 1; w <= t.word && !name_between; ++w)
            name_between = unit_starts_in_word(w);
          owned = !name_between;
        }
        // "A는 B와 합작사 C를 설립했다": two founding words of one clause found one venture.
        if (o.relation == t.relation && o.frame == TriggerFrame::found &&
            t.frame == TriggerFrame::found)
          owned = true;
        if (!owned) from = std::max(from, o.e);
      }
    }
    // (`sources` holds a few units and does not change in this loop.)
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      const bool holder = !rel.symmetric && t.frame == TriggerFrame::join &&
                          u.owned_trigger_word == t.word &&
                          (u.role == Role::owner || u.role == Role::genitive);
      const bool owns_about =
          rel.speaker_is_source && u.embedded && !speech && subject_of_about_clause(u, t.word);
      if (!usable(u) ||
          std::find(sources.begin(), sources.end(), static_cast<int>(i)) != sources.end() ||
          u.clause != clause || (u.embedded && !holder && !owns_about))
        continue;
      // (A trigger inside the thing criticised is no predicate of its own.)
      if ((owns_about ? u.b < from_source : u.b < from) ||
          u.b >= words_[t.word].b + (t.b - words_[t.word].b))
        continue;
      if (words_[u.np_word].part != words_[t.word].part) continue;
      if (u.speech != speech) continue;
      if (u.np_word > reported_from && u.np_word <= reported_to) continue;
      if (headline_ && src >= 0 && units_[static_cast<std::size_t>(src)].role == Role::topic &&
          u.role == Role::none && u.group < 0 && !rel.symmetric) {
        targets.push_back(static_cast<int>(i));  // "中, 젠슨황 발언 뒤늦게 비판"
        continue;
      }
      // A place ("일본 도쿄에 합작사를 설립") is no partner; one joins a venture "에" only.
      const bool place = u.role == Role::dative || u.role == Role::location ||
                         (u.role == Role::owner && u.owner_case == Role::dative);
      if (rel.symmetric && place && t.frame != TriggerFrame::join) continue;
      // A country naming where a partner is from ("일본 간사이전력과", "폴란드 국영 업체와"):
      // the partner is the company after it, which we may not know; a government takes its
      // role itself ("일본 정부와").
      if (rel.symmetric && u.role == Role::owner && !u.genitive_owner && !u.entities.empty() &&
          kind_of(u.entities[0]) == Kind::country)
        continue;
      if (rel.symmetric && u.owned_trigger_word == t.word) continue;  // "미국의 에너지 공급을"
      if (rel.symmetric && u.owns_trigger_word && owned_other_relation(u, t)) {
        // "즈푸AI의 투자 유치에 참여": joining X's funding round is investing in X.
        if (t.frame == TriggerFrame::join && (u.genitive_owner || u.role == Role::genitive))
          for (const Trigger& o : triggers_)
            if (o.relation != t.relation && !m_.relations[o.relation].symmetric &&
                o.word > u.word && o.word <= u.np_word && o.frame != TriggerFrame::receive) {
              for (int si : sources)
                for (auto e : units_[static_cast<std::size_t>(si)].entities)
                  for (auto target : u.entities)
                    if (e != target) found_.push_back({o.relation, e, target, o.b, o.e});
              break;
            }
        continue;
      }
      if (!rel.symmetric && t.frame == TriggerFrame::join && u.owned_trigger_word == t.word &&
          (u.role == Role::owner || u.role == Role::genitive)) {
        targets.push_back(static_cast<int>(i));  // "인텔의 최대 주주가 됐다"
        continue;
      }
      if (!rel.symmetric && !rel.speaker_is_source && t.frame != TriggerFrame::receive) {
        // "B로부터 C 지분을 사들였다": the seller, not what is bought.
        if (ends_with_text(u.tail, "로부터") || ends_with_text(u.tail, "에게서")) continue;
        // "호주 희토류 기업에 대한 출자": a country qualifying a company noun tells the
        // company's nationality; the company, unnamed, is the target, not the country.
        if (nationality(u)) continue;
      }
      if (target_role_ok(u, rel) || owns_about ||
          (rel.speaker_is_source && act_owner(static_cast<int>(i)) >= 0)) {
        targets.push_back(static_cast<int>(i));  // (an act's object: see to_act_owners)
      } else if (rel.speaker_is_source && u.role == Role::dative && t.word - u.np_word <= 2) {
        targets.push_back(static_cast<int>(i));  // "양국 모두에 쓴소리를 했다": right before it
      }
    }
    if (rel.speaker_is_source) to_act_owners(targets);
    if (!rel.symmetric && !rel.speaker_is_source) {
      // "X 지분을", "X의 지분을": the trigger noun's owner is its target, not another name
      // before it ("호주 ... 승인을 받아 오스탈 지분 추가 취득을").
      std::vector<int> owners;
      for (const int i : targets) {
        const Unit& u = units_[static_cast<std::size_t>(i)];
        if (u.owned_trigger_word == t.word && (u.role == Role::owner || u.role == Role::genitive))
          owners.push_back(i);
      }
      if (!owners.empty()) targets = std::move(owners);
    }
    targets.insert(targets.end(), reported.begin(), reported.end());
    if (targets.empty() && rel.speaker_is_source) {
      // "시진핑은 "미국의 수출 통제는 잘못됐다"라고 비판했다": the accused is in the quote
      // (of the trigger's clause: a headline's earlier clause is another statement).
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (!usable(u) || !u.speech || u.toward || u.b >= t.b || u.clause != clause) continue;
        const bool subjectish = u.role == Role::subject || u.role == Role::topic ||
                                u.role == Role::none || u.role == Role::genitive ||
                                (u.role == Role::owner && u.owner_case == Role::subject);
        if (subjectish) targets.push_back(static_cast<int>(i));
      }
    }
    if (targets.empty() && rel.speaker_is_source && src >= 0 && !speech) {
      // "중국이 수출 통제를 넓히자 미국이 반발했다": the criticism answers the act of the
      // clause ending in "-자" before the source, whose subject is the target.
      const Unit& su = units_[static_cast<std::size_t>(src)];
      for (int w = first_word_of(su) - 1; w >= 0 && words_[w].clause == clause; --w) {
        if (!reaction_connective(clean_word(w))) continue;
        for (int k = src - 1; k >= 0; --k) {
          const Unit& u = units_[static_cast<std::size_t>(k)];
          if (!usable(u) || u.speech || u.np_word >= w || u.clause != clause) continue;
          if (u.role == Role::subject && !u.topic) {
            targets = members(k);
            break;
          }
        }
        break;
      }
    }
    if (targets.empty() && rel.targets(Role::location)) {
      // A place named after the trigger ("...투자 추진 ... 일본에서").
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (!usable(u) || u.b < t.e || u.clause != clause || u.embedded) continue;
        if (u.role == Role::dative || u.role == Role::location || u.role == Role::locative) {
          if (kind_of(u.entities[0]) == Kind::country) targets.push_back(static_cast<int>(i));
          break;
        }
      }
    }
    if (targets.empty() && rel.targets(Role::location)) {
      // Headline clauses: "日데이터센터 잇단 증설...오라클 80억$ 이상 투자".
      for (int k = static_cast<int>(units_.size()) - 1; k >= 0; --k) {
        const Unit& u = units_[static_cast<std::size_t>(k)];
        if (!usable(u) || u.b >= t.b || u.speech != speech || u.embedded) continue;
        if (kind_of(u.entities[0]) != Kind::country || nationality(u)) continue;
        if (u.role == Role::dative || u.role == Role::location ||
            (u.role == Role::owner && u.owner_case != Role::subject &&
             u.owner_case != Role::locative)) {
          if (src < 0 || k != src) targets.push_back(k);
          break;
        }
      }
    }
    if (!rel.symmetric && rel.targets_venture() && !sources.empty()) {
      // "A와 B가 합작사 X를 만들고 ... 투자해": founders investing put money into X.
      for (const auto& [venture, founders] : founders_) {
        bool all = true;
        for (int i : sources)
          for (auto e : units_[static_cast<std::size_t>(i)].entities)
            if (std::find(founders.begin(), founders.end(), e) == founders.end()) all = false;
        if (!all) continue;
        for (int i : sources)
          for (auto e : units_[static_cast<std::size_t>(i)].entities)
            if (e != venture) found_.push_back({t.relation, e, venture, t.b, t.e});
      }
    }
    if (targets.empty() && t.frame == TriggerFrame::join && speech && !sources.empty()) {
      // "엔비디아는 오랜 파트너이자 주요 주주다" in an answer: partner of the speaker's firm.
      std::optional<std::uint32_t> org;
      for (auto e : current_speaker())
        if (m_.org_of.count(e)) org = m_.org_of.at(e);
      if (org) {
        for (int i : sources)
          for (auto e : units_[static_cast<std::size_t>(i)].entities)
            if (e != *org) found_.push_back({t.relation, e, *org, t.b, t.e});
        return;
      }
    }
    if (targets.empty() && t.frame == TriggerFrame::join && !sources.empty() && !rel.symmetric &&
        !(d_.venture && rel.targets_venture())) {
      auto it = d_.last_target.find(t.relation);
      if (it != d_.last_target.end() && d_.sentence - it->second.second <= 3) {
        // "기존 주주사들은 ... 추가 출자하기로 했다": into the company the text is about.
        const std::uint32_t target = it->second.first;
        for (int i : sources)
          for (auto e : units_[static_cast<std::size_t>(i)].entities)
            if (e != target) found_.push_back({t.relation, e, target, t.b, t.e});
        return;
      }
    }
    if (targets.empty() && t.frame == TriggerFrame::join && d_.venture && rel.targets_venture()) {
      venture_target_ = *d_.venture;
      if (!sources.empty()) {
        std::vector<std::uint32_t> S;
        for (int i : sources)
          for (auto e : units_[static_cast<std::size_t>(i)].entities) S.push_back(e);
        for (auto a : S)
          if (a != venture_target_) found_.push_back({t.relation, a, venture_target_, t.b, t.e});
      }
      return;
    }
    if (targets.empty() && rel.speaker_is_source && !speech && home_government_before(t)) {
      // "오 시장은 "..."며 정부를 비판했다": the home country's government.
      std::vector<std::uint32_t> S;
      for (int i : sources)
        for (auto e : units_[static_cast<std::size_t>(i)].entities) S.push_back(e);
      if (sources.empty()) S = carried;
      for (auto a : S)
        if (a != *m_.home_country && source_type_ok(rel, a))
          found_.push_back({t.relation, a, *m_.home_country, t.b, t.e});
      return;
    }
    if (!sources.empty()) {
      emit(t.relation, sources, targets, t);
    } else {
      emit_entities(t, carried, targets);
    }
  }
  std::uint32_t venture_target_ = 0;

  // Whether the clause names, before trigger t and outside quotes, a government with no
  // country ("정부를", "정부의 정책을", "당국에", noun.home-government) as what is
  // criticised: then it is the home country's (country.home), when the rules name one.
  bool home_government_before(const Trigger& t) const {
    if (!m_.home_country) return false;
    static const WordSet not_home = {"각국", "외국", "해외", "상대국", "현지", "연방",
                                     "지방", "주",   "양국", "역대",   "과거", "전"};
    for (int w = t.word - 1; w >= 0 && words_[w].clause == words_[t.word].clause; --w) {
      if (words_[w].speech) continue;
      const std::string_view cw = clean_word(w);
      const LexiconEntry* entry = nullptr;
      if (!first_at_start(m_.home_government, cw, &entry)) continue;
      const std::string_view tail = cw.substr(entry->text.size());
      const bool marked = tail == "를" || tail == "을" || tail == "에" || tail == "에게" ||
                          tail == "의" || tail == "에는" || tail == "에도";
      if (!marked) continue;
      if (w > 0 && (unit_ending_in_word(w - 1) >= 0 || not_home.contains(clean_word(w - 1))))
        continue;
      return true;
    }
    return false;
  }

  // "산업부가 추진하는 지원 사업에 대해 ... 비판했다": the subject of a relative clause whose
  // head is what a statement is about (에 대해, 과 관련해, 을 겨냥해, 을 두고) owns that thing,
  // before word `before`.
  bool subject_of_about_clause(const Unit& u, int before) const {
    if (u.role != Role::subject || u.topic || !u.embedded) return false;
    int rel_word = -1;
    for (int w = u.np_word + 1; w <= u.np_word + 3 && w < before; ++w) {
      if (words_[w].speech != u.speech || unit_starts_in_word(w)) return false;
      const std::string_view cw = clean_word(w);
      if (is_adnominal_word(cw) || same_text(cw, "중인")) {
        rel_word = w;
        break;
      }
    }
    if (rel_word < 0) return false;
    for (int w = rel_word + 1; w <= rel_word + 8 && w + 1 < before; ++w) {
      if (words_[w].speech != u.speech || unit_starts_in_word(w) || words_[w].ends_clause)
        return false;
      const Role r = noun_role(w);
      if (r == Role::none || r == Role::genitive) continue;
      const std::string_view nw = clean_word(w + 1);
      auto starts = [&](std::string_view p) { return starts_with_text(nw, p); };
      return (r == Role::dative && (starts("대해") || starts("대한") || starts("대하여"))) ||
             (r == Role::comitative && starts("관련")) ||
             (r == Role::object && (starts("겨냥") || starts("두고")));
    }
    return false;
  }

  // "퍼플렉시티의 투자 라운드에 참여": the name's noun phrase is another relation's event.
  bool owned_other_relation(const Unit& u, const Trigger& t) const {
    bool other = false;
    for (const Trigger& o : triggers_) {
      if (o.word <= u.word || o.word > u.np_word || o.word >= t.word) continue;
      if (o.relation == t.relation) return false;  // "'스타게이트'라는 합작투자 법인을"
      other = true;
    }
    return other;
  }

  // The sentence is all quoted speech ("\"...\"" as an interview answer).
  bool whole_quote() const {
    const std::string_view first = word_text(0);
    return !first.empty() && first[0] == '"' && !has_subject_outside_speech();
  }

  // Who is talking in this sentence's quotes: its speaker or subject, else the last quoted.
  std::vector<std::uint32_t> current_speaker() const {
    for (const Unit& u : units_) {
      if (u.ignored || u.speech || u.anaphor || u.entities.empty()) continue;
      if (kind_of(u.entities[0]) == Kind::person) return u.entities;
      // "러시아 외무부는 "..."라며": a named subject outside the quotes speaks, not the person
      // quoted sentences before.
      if (u.role == Role::subject || u.role == Role::topic) return u.entities;
    }
    return d_.last_quoted;
  }

  bool has_hangul() const {
    // Every byte a syllable can start with begins a character (it is no continuation byte), so
    // each byte is tried rather than each character decoded. Sixteen bytes with none that can
    // start one (0xEA..0xED) are passed over at once: an English sentence has none at all.
    using Bytes = unsigned char __attribute__((vector_size(16)));
    std::size_t i = s_.begin;
    for (; i + 16 <= s_.end; i += 16) {
      Bytes v;
      std::memcpy(&v, text_.data() + i, 16);
      const auto lead =
          (v >= static_cast<unsigned char>(0xEA)) & (v <= static_cast<unsigned char>(0xED));
      std::uint64_t half[2];
      std::memcpy(half, &lead, 16);
      if ((half[0] | half[1]) == 0) continue;
      for (std::size_t k = i; k < i + 16; ++k)
        if (hangul_syllable_at(text_, k) != 0) return true;
    }
    for (; i < s_.end; ++i)
      if (hangul_syllable_at(text_, i) != 0) return true;
    return false;
  }

  // Whether a word before `before`, outside quotes, is a nameless actor as subject or topic
  // ("정부는", "업계가", "전문가들은": noun.actor, then 들 or not, then a subject particle): the
  // sentence has a subject of its own, which the previous sentence's topic is not.
  // With `titles`, a title is one too ("티서당의 머저르 페테르 대표는": someone we do not know
  // speaks; a criticism is theirs, not the previous topic's), unless a lone surname before it
  // names someone already mentioned ("김 회장은").
  bool has_actor_subject(int before, bool titles = false) {
    for (int w = 0; w < before && w < nwords(); ++w) {
      if (words_[w].speech) continue;
      const std::string_view cw = clean_word(w);
      const LexiconEntry* entry = nullptr;
      // "들" or not, then a particle (after a note in parentheses: "최고경영자(CEO)는"); or a
      // locative topic, a body as actor ("국회에서는 ... 지적도 나왔다", "업계에서는").
      auto subject_tail = [this](std::string_view rest) {
        if (rest.starts_with("(")) {
          const std::size_t close = rest.find(')');
          if (close == std::string_view::npos) return false;
          rest.remove_prefix(close + 1);
        }
        if (rest.starts_with("들")) rest.remove_prefix(std::string_view("들").size());
        return !rest.empty() && (m_.subject.has_text(rest) || rest == "에서는" || rest == "에선");
      };
      if (titles && first_at_start(m_.title, cw, &entry) &&
          subject_tail(cw.substr(entry->text.size())) &&
          !(w > 0 && topic_has_surname(clean_word(w - 1), entry->text)))
        return true;
      if (first_at_start(m_.actor, cw, &entry) && subject_tail(cw.substr(entry->text.size())))
        return true;
    }
    return false;
  }
  // Whether `word`, before `title`, is a lone surname naming someone the previous sentence's
  // topic gives: a person the text found itself (discover) whose name starts with it, or the
  // head of a company topic ("MBK파트너스는 ... 김 회장은": its chairman). A person the rules
  // know is read as an anaphor of the surname (add_anaphors); "이 대통령은" after a company
  // names nobody we know.
  bool topic_has_surname(std::string_view word, std::string_view title) const {
    if (word.size() != 3 || hangul_syllable_at(word, 0) != 3) return false;
    static const WordSet company_titles = {"회장",   "부회장",     "명예회장", "사장",
                                           "부사장", "대표",       "대표이사", "공동대표",
                                           "창업자", "최고경영자", "CEO",      "의장"};
    const bool company_title = company_titles.contains(title);
    for (const std::uint32_t e : d_.last_topic) {
      if (e >= scratch_base_ && discovered_ != nullptr &&
          (*discovered_)[e - scratch_base_].label.starts_with(word))
        return true;
      if (company_title && kind_of(e) == Kind::company) return true;
    }
    return false;
  }
  bool has_subject_outside_speech() const {
    for (const Unit& u : units_)
      if (!u.ignored && !u.speech &&
          (u.role == Role::subject || u.role == Role::topic || u.role == Role::speaker))
        return true;
    return false;
  }

  // A person named with their company ("손정의 소프트뱅크 회장") acts for the company when
  // it invests or partners; they speak for themselves.
  void acting_for_company(std::vector<int>& sources) const {
    for (int& i : sources) i = unit_acting_for(i);
  }
  // The unit that acts for unit i: the company modifying it if it is a person, else i itself.
  int unit_acting_for(int i) const {
    if (!is_person(units_[static_cast<std::size_t>(i)])) return i;
    for (std::size_t k = 0; k < units_.size(); ++k) {
      const Unit& m = units_[k];
      if (m.modifier && m.head_of == i && !m.entities.empty() &&
          kind_of(m.entities[0]) == Kind::company)
        return static_cast<int>(k);
    }
    return i;
  }
  bool had_speaker_trigger_ = false;

  void emit_entities(const Trigger& t, const std::vector<std::uint32_t>& src,
                     const std::vector<int>& targets) {
    const auto& R = m_.relations[t.relation];
    for (auto a : src)
      for (int i : targets)
        for (auto b : units_[static_cast<std::size_t>(i)].entities) {
          if (a == b) continue;
          if (!source_type_ok(R, a) || !target_type_ok(R, b)) continue;
          found_.push_back({t.relation, a, b, t.b, t.e});
        }
  }

  void record_stance(std::size_t rel, const std::vector<int>& src,
                     const std::vector<std::uint32_t>& carried) {
    had_speaker_trigger_ = true;
    std::vector<std::uint32_t> S = carried;
    for (int i : src)
      for (auto e : units_[static_cast<std::size_t>(i)].entities) S.push_back(e);
    if (!S.empty()) new_stance_ = Discourse::Stance{rel, S};
  }

  bool same_quote(int a, int b) const {
    if (a > b) std::swap(a, b);
    for (int w = a; w < b; ++w) {
      const std::string_view raw = word_text(w);
      // A quote closing inside [a, b) separates the two.
      std::size_t quotes = 0;
      for (char c : raw) quotes += c == '"';
      if (quotes % 2 == 1 && w != a) return false;
      if (quotes % 2 == 1 && w == a && raw.back() == '"') return false;
    }
    return true;
  }

  // With `heads`, a company whose unnamed head is the subject counts too ("레이 장 알리익스프레스
  // 코리아 대표는 "...투자하겠다"고 밝혔다": the company pledges).
  int find_speaker(const Trigger& t, bool heads = false) const {
    // A bare name right before the quote, or the subject of the sentence outside quotes.
    int best = -1;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (!usable(u) || u.speech) continue;
      if (u.role == Role::speaker && u.b < words_[t.word].b) best = static_cast<int>(i);
    }
    if (best >= 0) return best;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (!usable(u) || u.speech || u.embedded) continue;
      if (u.role == Role::subject || u.role == Role::topic) return static_cast<int>(i);
      if (heads && u.role == Role::owner && u.owner_case == Role::subject &&
          u.b < words_[t.word].b && first_at_start(m_.title, clean_word(u.np_word)))
        return static_cast<int>(i);
    }
    return -1;
  }

  // ---- English -------------------------------------------------------------------------------
  // English is read as subject - verb - object within clauses: a clause ends at ';', at a
  // conjunction (but, while, as, because, that...), and ", which/who/whose ... ," or an
  // apposition ", ... ," after a name is a clause of its own about that name.
  struct EnglishClauses {
    std::vector<int> id;         // clause id per word
    std::map<int, int> about;    // clause id -> unit it describes (relative clause, apposition)
    std::set<int> about_object;  // ", in which X holds a stake": the antecedent is the object
  };

  int unit_ending_in_word(int w) const {
    for (std::size_t i = 0; i < units_.size(); ++i)
      if (!units_[i].ignored && units_[i].word == w) return static_cast<int>(i);
    return -1;
  }

  // The sentence ASCII-lowercased (Scratch storage), made on the first English rule that asks
  // in a sentence; each word's clean text is a part of it. (A string per word made the most of
  // an English sentence's cost.)
  mutable bool lowered_ = false;
  std::string_view lower_word(int w) const {
    if (!lowered_) {
      lower_sentence_.assign(text_.substr(s_.begin, s_.end - s_.begin));
      for (char& c : lower_sentence_)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      lowered_ = true;
    }
    const Word& word = words_[static_cast<std::size_t>(w)];
    return {lower_sentence_.data() + (word.clean_b - s_.begin), word.clean_e - word.clean_b};
  }

  // The sentence's clauses, made for its first Latin trigger (the units do not change while
  // the triggers are read).
  mutable std::optional<EnglishClauses> english_clauses_;
  const EnglishClauses& english_clauses() const {
    if (!english_clauses_) english_clauses_ = read_english_clauses();
    return *english_clauses_;
  }

  EnglishClauses read_english_clauses() const {
    static const WordSet breaks = {"but",      "while",  "whereas", "as",     "because",
                                   "although", "though", "after",   "before", "when",
                                   "that",     "since",  "and/or"};
    static const WordSet relatives = {"which", "who", "whose", "whom"};
    EnglishClauses c;
    c.id.assign(words_.size(), 0);
    int next = 0, current = 0;
    int open_aside = -1;  // clause id of an aside opened by ", which" or an apposition
    int resume = 0;
    for (int w = 0; w < nwords(); ++w) {
      const std::string_view lw = lower_word(w);
      const std::string_view raw = word_text(w);
      const bool prev_comma = w > 0 && !word_text(w - 1).empty() && word_text(w - 1).back() == ',';
      int described = -1;  // the name an apposition before w describes (below)
      if (open_aside < 0 && prev_comma && relatives.contains(lw)) {
        const int antecedent = unit_ending_in_word(w - 1);
        resume = current;
        current = open_aside = ++next;
        if (antecedent >= 0) c.about[current] = antecedent;
      } else if (open_aside < 0 && prev_comma && valid_word(w + 1) &&
                 (same_text(lw, "in") || same_text(lw, "of") || same_text(lw, "with") ||
                  same_text(lw, "to")) &&
                 relatives.contains(lower_word(w + 1))) {
        // "G42, in which Microsoft already holds a stake": the clause has its own subject.
        const int antecedent = unit_ending_in_word(w - 1);
        resume = current;
        current = open_aside = ++next;
        if (antecedent >= 0) {
          c.about[current] = antecedent;
          c.about_object.insert(current);
        }
      } else if (open_aside < 0 && !prev_comma && valid_word(w + 1) &&
                 (same_text(lw, "in") || same_text(lw, "of") || same_text(lw, "with") ||
                  same_text(lw, "into")) &&
                 relatives.contains(lower_word(w + 1)) && (described = apposition_before(w)) >= 0) {
        // "G42, the Abu Dhabi company in which Microsoft holds a stake": the apposition's
        // relative clause is about the name before the apposition.
        resume = current;
        current = open_aside = ++next;
        c.about[current] = described;
        c.about_object.insert(current);
      } else if (open_aside < 0 && !prev_comma && valid_word(w + 1) &&
                 (same_text(lw, "that") || same_text(lw, "which")) &&
                 (described = apposition_before(w)) >= 0) {
        // "Wingtech, the Chinese firm that owns ...": the apposition's relative clause is about
        // the name before the apposition; it is the object when a name follows the relative
        // ("Y, the yard that Hanwha Ocean bought").
        resume = current;
        current = open_aside = ++next;
        c.about[current] = described;
        if (unit_starts_in_word(w + 1)) c.about_object.insert(current);
      } else if (open_aside < 0 && prev_comma && w >= 1 && unit_ending_in_word(w - 1) >= 0 &&
                 w - 1 == 0 + first_word_of(
                                  units_[static_cast<std::size_t>(unit_ending_in_word(w - 1))]) &&
                 w - 1 <= 1) {
        // "Microsoft, OpenAI's largest shareholder, said ...": an apposition after the subject
        // (a name that is no possessive after the comma makes a list: "Korea, Netherlands
        // agree to cooperate on chips, training").
        bool list = false;
        for (const Unit& u : units_)
          if (!u.ignored && u.first_word == w && !english_possessive(u)) list = true;
        bool closes = false;
        for (int k = w; k < std::min(nwords(), w + 8); ++k)
          if (!word_text(k).empty() && word_text(k).back() == ',') closes = true;
        if (closes && !list) {
          resume = current;
          current = open_aside = ++next;
          c.about[current] = unit_ending_in_word(w - 1);
        }
      } else if (breaks.contains(lw) && open_aside < 0) {
        current = ++next;
      }
      c.id[static_cast<std::size_t>(w)] = current;
      if (!raw.empty() && (raw.back() == ';' || words_[w].ends_clause)) {
        current = ++next;
        open_aside = -1;
      } else if (open_aside >= 0 && !raw.empty() && raw.back() == ',') {
        current = resume;  // the aside closes; the main clause goes on
        open_aside = -1;
      }
    }
    return c;
  }

  // Whether the unit qualifies a person's title ("Nvidia" in "Nvidia CEO Jensen Huang").
  bool modifies_person(const Unit& u) const {
    return u.modifier && u.head_of >= 0 && is_person(units_[static_cast<std::size_t>(u.head_of)]);
  }

  // The name an apposition right before word `w` describes ("G42, the Abu Dhabi-based AI
  // company" before w): the unit ending just before ", the" / ", a" / ", an" at most eight
  // words back with no comma between; -1 if none.
  int apposition_before(int w) const {
    for (int k = w - 1; k >= 1 && k >= w - 8; --k) {
      const std::string_view before = word_text(k - 1);
      const std::string_view lk = lower_word(k);
      if (!before.empty() && before.back() == ',') {
        if (!same_text(lk, "the") && !same_text(lk, "a") && !same_text(lk, "an")) return -1;
        return unit_ending_in_word(k - 1);
      }
      if (!word_text(k).empty() && word_text(k).back() == ',') return -1;
    }
    return -1;
  }

  // The word before a name, skipping an article: "in the United States" -> "in".
  std::string_view english_word_before(const Unit& u) const {
    int w = first_word_of(u) - 1;
    while (w >= 0) {
      const std::string_view lw = lower_word(w);
      if (!same_text(lw, "the") && !same_text(lw, "a") && !same_text(lw, "an")) return lw;
      --w;
    }
    return "";
  }

  bool english_prepositional(const Unit& u) const {
    static const WordSet preps = {
        "in",      "into",  "on",        "with",   "at",      "for",     "from",  "of",      "by",
        "to",      "under", "over",      "about",  "against", "than",    "via",   "through", "like",
        "between", "among", "including", "across", "toward",  "towards", "behind"};
    return preps.contains(english_word_before(u));
  }

  // "Arm-based", "Nvidia-backed": the name only describes something else; so does a country
  // before a kind of firm ("the US company", "a Chinese chipmaker" is another name).
  bool hyphen_compound(const Unit& u) const {
    if (text_.compare(u.e, 1, "-") == 0) return true;
    static const WordSet firms = {"company",   "companies", "firm",      "firms",     "group",
                                  "giant",     "startup",   "maker",     "chipmaker", "rival",
                                  "developer", "carmaker",  "automaker", "lab"};
    return !u.entities.empty() && kind_of(u.entities[0]) == Kind::country &&
           valid_word(u.word + 1) && firms.contains(lower_word(u.word + 1));
  }

  bool english_possessive(const Unit& u) const {
    return text_.compare(u.e, 2, "'s") == 0 || text_.compare(u.e, 1, "'") == 0;
  }

  // A word that only closes the name before it: a firm's abbreviation ("Co.", "Inc.") or a
  // short name in parentheses ("Contemporary Amperex Technology Co. (CATL) and Stellantis").
  bool english_name_tail(int w) const {
    static const WordSet firms = {"co", "corp", "inc", "ltd", "llc", "plc", "cos"};
    const std::string_view raw = word_text(w);
    if (raw.size() >= 2 && raw.front() == '(' &&
        (raw.back() == ')' || (raw.size() >= 3 && raw[raw.size() - 2] == ')')))
      return true;
    return firms.contains(lower_word(w));
  }

  // Units joined by ",", "and", "&" or "or" with the unit at index i.
  std::vector<int> english_list(int i, const EnglishClauses& c) const {
    std::vector<int> out{i};
    auto joined = [&](int a, int b) {
      const Unit& x = units_[static_cast<std::size_t>(a)];
      const Unit& y = units_[static_cast<std::size_t>(b)];
      if (x.speech != y.speech) return false;
      if (c.id[static_cast<std::size_t>(x.word)] != c.id[static_cast<std::size_t>(y.word)])
        return false;
      if (english_possessive(x) || english_possessive(y)) return false;
      if (text_.compare(x.e, 1, "-") == 0) return false;  // "Seoul-based Upstage"
      for (int w = x.word + 1; w < first_word_of(y); ++w) {
        const std::string_view lw = lower_word(w);
        if (!same_text(lw, "and") && !same_text(lw, "&") && !same_text(lw, "or") && !lw.empty() &&
            !english_name_tail(w))
          return false;
      }
      const std::string_view between = text_.substr(x.e, y.b - x.e);
      return between.find(',') != std::string_view::npos || first_word_of(y) > x.word;
    };
    for (int k = i - 1; k >= 0; --k) {
      if (units_[static_cast<std::size_t>(k)].ignored) continue;
      if (!joined(k, out.front())) break;
      out.insert(out.begin(), k);
    }
    for (int k = i + 1; k < static_cast<int>(units_.size()); ++k) {
      if (units_[static_cast<std::size_t>(k)].ignored) continue;
      if (!joined(out.back(), k)) break;
      out.push_back(k);
    }
    return out;
  }

  bool english_blocked(const Trigger& t, const EnglishClauses& c) const {
    static const WordSet cues = {
        "not",      "n't",         "never",       "no",        "denied",    "denies",   "deny",
        "if",       "unless",      "whether",     "talks",     "rumor",     "rumors",   "rumour",
        "rumours",  "speculation", "considering", "weighing",  "mulling",   "failed",   "collapsed",
        "scrapped", "abandoned",   "rejected",    "halted",    "cancelled", "canceled", "dropped",
        "denying",  "exploring",   "discussed",   "discussing"};
    static const WordSet sentence_wide = {"denied",    "denies",  "deny",       "denying",
                                          "dismissed", "refuted", "rumor",      "rumors",
                                          "rumour",    "rumours", "speculation"};
    // An ended deal: "end", "dissolve", "terminate" as verbs ("SK On, Ford end BlueOval SK
    // joint venture"), not "by the end of 2027".
    const int cl = c.id[static_cast<std::size_t>(t.word)];
    for (int w = 0; w < t.word; ++w)
      if (sentence_wide.contains(lower_word(w))) return true;
    // Ending a tie ("SK On, Ford end BlueOval SK joint venture"); "end" as a noun ("by the end
    // of 2027") ends nothing.
    static const WordSet ending = {"end",       "ends",       "ended",      "ending",
                                   "dissolve",  "dissolves",  "dissolved",  "dissolving",
                                   "terminate", "terminates", "terminated", "terminating",
                                   "unwind",    "unwinds",    "unwound",    "unwinding"};
    static const WordSet before_noun = {"the",  "an",  "a",  "year", "month", "quarter",
                                        "week", "its", "at", "by",   "to"};
    for (int w = 0; w < std::min(nwords(), t.word + 3); ++w) {
      if (c.id[static_cast<std::size_t>(w)] != cl) continue;
      const std::string_view lw = lower_word(w);
      if (cues.contains(lw)) return true;
      if (ending.contains(lw) && (w == 0 || !before_noun.contains(lower_word(w - 1))) &&
          !(w + 1 < nwords() && same_text(lower_word(w + 1), "of")))
        return true;
      if (lw.size() > 3 && ends_with_text(lw, "n't")) return true;
    }
    return false;
  }

  std::vector<std::uint32_t> english_carried_;

  // The preposition opening the noun phrase a name qualifies, past determiners, a few
  // adjectives, amounts and possessive names: "in" for US in "in its first US factory",
  // "with" for JSW Steel in "with India's JSW Steel"; "" if none within five words.
  std::string_view english_phrase_preposition(const Unit& u) const {
    static const WordSet skip = {
        "the",      "a",       "an",      "its",     "their",      "his",     "her",
        "our",      "new",     "first",   "second",  "third",      "planned", "own",
        "future",   "further", "another", "largest", "additional", "million", "billion",
        "trillion", "won",     "dollars", "euros",   "yen",        "local",   "existing"};
    int w = first_word_of(u) - 1;
    for (int n = 0; w >= 0 && n < 5; --w, ++n) {
      const std::string_view raw = word_text(w);
      if (raw.empty() || raw.back() == ',' || raw.back() == '"' || words_[w].speech) return "";
      const std::string_view lw = lower_word(w);
      const bool amount = raw[0] == '$' || (raw[0] >= '0' && raw[0] <= '9');
      const bool possessive_name =
          ends_with_text(raw, "'s") && unit_ending_in_word(w) >= 0 &&
          english_possessive(units_[static_cast<std::size_t>(unit_ending_in_word(w))]);
      if (skip.contains(lw) || amount || possessive_name) continue;
      return lw;
    }
    return "";
  }

  // A name that only qualifies the name after it ("India's JSW Steel"), or, for a partner,
  // anything but the state's organs ("with Japan's largest carmaker": the country is no
  // partner, "with Japan's government" is).
  bool english_qualifier(const Unit& u, bool partner) const {
    if (!english_possessive(u)) return english_country_adjective(u, partner);
    const int next = unit_starts_in_word(u.word + 1) ? u.word + 1 : -1;
    if (next >= 0) return true;
    if (!partner || !valid_word(u.word + 1) || u.entities.empty() ||
        kind_of(u.entities[0]) != Kind::country)
      return false;
    return !english_government_word(u.word + 1);
  }

  // A country written as an adjective, in lower-case words that describe a name after them
  // ("US frozen food maker Schwan's Company"), or, for a partner, before any word but a
  // state's organ ("Electrify America, the U.S. charging network operator").
  bool english_country_adjective(const Unit& u, bool partner) const {
    if (u.entities.empty() || kind_of(u.entities[0]) != Kind::country || !valid_word(u.word + 1))
      return false;
    if (text_.compare(u.e, 1, " ") != 0) return false;
    const std::string_view next = word_text(u.word + 1);
    if (next.empty() || next[0] < 'a' || next[0] > 'z') return false;
    if (partner && !english_government_word(u.word + 1)) return true;
    for (int w = u.word + 1; w < nwords() && w <= u.word + 5; ++w) {
      if (unit_starts_in_word(w)) return true;
      const std::string_view raw = word_text(w);
      if (raw.empty() || raw[0] < 'a' || raw[0] > 'z' || raw.back() == ',' ||
          english_stop_word(lower_word(w)))
        return false;
    }
    return false;
  }
  static bool english_stop_word(std::string_view lw) {
    static const WordSet stops = {"in",   "into", "on",  "with", "at",   "for",   "from", "of",
                                  "by",   "to",   "and", "or",   "that", "which", "who",  "said",
                                  "says", "will", "is",  "was",  "are",  "were",  "has",  "have"};
    return stops.contains(lw);
  }

  // "China's Foreign Ministry", "Japan's government": a state's organ, which acts for it.
  bool english_government_word(int w) const {
    static const WordSet government = {"government", "ministry",    "foreign", "administration",
                                       "commerce",   "state",       "cabinet", "regulators",
                                       "officials",  "authorities", "trade",   "finance",
                                       "industry",   "defense",     "defence", "president",
                                       "prime",      "leader",      "military"};
    return valid_word(w) && government.contains(lower_word(w));
  }

  // Where a clause opens after a comma past trigger t: the start of a name right after a comma
  // that a lower-case word other than "and", "or" follows ("..., POSCO doubles down"); the
  // sentence's end if none.
  std::size_t english_clause_after_comma(const Trigger& t, const EnglishClauses& c) const {
    const int cl = c.id[static_cast<std::size_t>(t.word)];
    for (const Unit& u : units_) {
      if (u.ignored || u.b < t.e || u.first_word == 0 || english_possessive(u) ||
          c.id[static_cast<std::size_t>(u.word)] != cl)
        continue;
      const std::string_view before = word_text(u.first_word - 1);
      if (before.empty() || before.back() != ',' || !valid_word(u.word + 1)) continue;
      if (text_.compare(u.e, 1, " ") != 0) continue;
      const std::string_view next = word_text(u.word + 1);
      const std::string_view ln = lower_word(u.word + 1);
      if (!next.empty() && next[0] >= 'a' && next[0] <= 'z' && !same_text(ln, "and") &&
          !same_text(ln, "or"))
        return u.b;
    }
    return std::string_view::npos;
  }

  // "Nvidia's $5 billion investment in Intel", "Google's search deal with Apple": the name
  // owning a trigger that names an event (not an agent: "OpenAI's largest shareholder" is
  // the target) at most four words before it, in its clause, acts; -1 if none.
  int english_event_owner(const Trigger& t, const EnglishClauses& c) const {
    static const WordSet events = {"investment",    "investments", "acquisition", "acquisitions",
                                   "stake",         "purchase",    "takeover",    "deal",
                                   "agreement",     "contract",    "partnership", "alliance",
                                   "tie-up",        "pact",        "spending",    "injection",
                                   "collaboration", "partnerships"};
    const int first = word_at(t.b);
    bool event = false;
    for (int w = first; w <= t.word && !event; ++w) event = events.contains(lower_word(w));
    if (!event) return -1;
    // A partnership's owner acts with a partner named after "with"; without one the owner
    // may be the client ("Samsung won Tesla's chip contract").
    if (m_.relations[t.relation].symmetric &&
        !(same_text(lower_word(t.word), "with") ||
          (valid_word(t.word + 1) && same_text(lower_word(t.word + 1), "with"))))
      return -1;
    const int cl = c.id[static_cast<std::size_t>(first)];
    for (int i = static_cast<int>(units_.size()) - 1; i >= 0; --i) {
      const Unit& u = units_[static_cast<std::size_t>(i)];
      if (u.ignored || u.b >= t.b) continue;
      if (!english_possessive(u) || u.speech != words_[first].speech ||
          c.id[static_cast<std::size_t>(u.word)] != cl || u.word < first - 4)
        return -1;
      for (int w = u.word; w < first; ++w) {
        const std::string_view raw = word_text(w);
        if (!raw.empty() && (raw.back() == ',' || raw.back() == '"')) return -1;
      }
      return i;
    }
    return -1;
  }

  // Whether word `w` is in a short quote (at most four words) inside a sentence that goes on
  // around it: a phrase quoted in reported speech, not a statement of its own.
  bool in_partial_quote(int w) const {
    if (!words_[static_cast<std::size_t>(w)].speech) return false;
    int first = w, last = w;
    while (first > 0 && words_[static_cast<std::size_t>(first - 1)].speech) --first;
    while (last + 1 < nwords() && words_[static_cast<std::size_t>(last + 1)].speech) ++last;
    if (last - first + 1 > 4 || first == 0 || last + 1 >= nwords()) return false;
    const std::string_view before = word_text(first - 1);
    return !before.empty() && before.back() != ',' && before.back() != ':';
  }

  // An amount of money in the four words after word w ("put 200 billion won ($136 million)
  // into", "put $2 billion into").
  bool english_amount_after(int w) const {
    for (int k = w + 1; k < nwords() && k <= w + 4; ++k) {
      const std::string_view raw = word_text(k);
      if (raw.find('$') != std::string_view::npos ||
          (!raw.empty() && raw[0] >= '0' && raw[0] <= '9'))
        return true;
    }
    return false;
  }

  // The name an apposition holding word w describes: "X, the battery joint venture" (at most
  // six words from the comma to w, the first an article or possessive pronoun); -1 if none.
  int english_apposed_name(int w) const {
    static const WordSet openers = {"the", "a", "an", "their", "its", "his", "her"};
    for (int k = w; k >= 1 && k >= w - 6; --k) {
      const std::string_view before = word_text(k - 1);
      if (!before.empty() && before.back() == ',') {
        if (!openers.contains(lower_word(k))) return -1;
        const int named = unit_ending_in_word(k - 1);
        return named >= 0 && text_.compare(units_[static_cast<std::size_t>(named)].e, 1, ",") == 0
                   ? named
                   : -1;
      }
      if (k < w && !word_text(k).empty() && word_text(k).back() == ',') return -1;
    }
    return -1;
  }

  // "a Series B round led by A", "a $40 million investment led by A": "led by" gives money
  // only when what is led is money (not "profit, led by its Vietnam business").
  bool english_led_by_money(const Trigger& t) const {
    if (t.frame != TriggerFrame::receive || !same_text(lower_word(word_at(t.b)), "led"))
      return true;
    static const WordSet money = {"round",  "rounds",     "funding",     "financing",
                                  "series", "investment", "investments", "raise",
                                  "raised", "consortium", "capital",     "injection"};
    for (int w = word_at(t.b) - 1; w >= 0 && w >= word_at(t.b) - 8; --w)
      if (money.contains(lower_word(w))) return true;
    return false;
  }

  // "X said that Y's plan was "unacceptable"", "X called Y's plan disappointing": a judgement
  // after a copula or "called" falls on the first name before it in its clause (its owner),
  // and the one who said or called it judges. Without either verb ("disappointing results")
  // it is none. True if t is such a judgement (sources and targets are then set or left).
  bool english_judgement(const Trigger& t, const EnglishClauses& c, std::vector<int>& sources,
                         std::vector<int>& targets) {
    static const WordSet judgements = {"disappointing", "unacceptable", "regrettable", "deplorable",
                                       "irresponsible"};
    // Wrongs reported of someone ("said that WuXi AppTec had \"spent years deceiving
    // American patients\"", "said Taiwan stole our chip business"): the doer is the first name
    // of the trigger's clause, and no copula is needed.
    static const WordSet wrongs = {"deceiving", "deceived", "deceive", "cheating", "cheated",
                                   "stealing",  "stole",    "stolen",  "lying",    "lied"};
    const int first = word_at(t.b);
    const bool wrong = wrongs.contains(lower_word(first));
    if (!wrong && !judgements.contains(lower_word(first))) return false;
    static const WordSet copulas = {"is",   "was",    "were",    "are", "be",
                                    "been", "called", "calling", "as"};
    static const WordSet adverbs = {"very",   "deeply", "extremely", "totally", "completely",
                                    "simply", "highly", "most",      "so",      "really"};
    int verb = -1;  // the copula or "called"
    for (int w = first - 1; w >= 0 && w >= first - 3 && verb < 0; --w) {
      const std::string_view lw = lower_word(w);
      if (copulas.contains(lw)) {
        verb = w;
      } else if (!adverbs.contains(lw)) {
        break;
      }
    }
    // ("called X's plan disappointing": the verb stands before its object.)
    for (int w = first - 1; w >= 0 && w >= first - 6 && verb < 0; --w) {
      const std::string_view lw = lower_word(w);
      if (same_text(lw, "called") || same_text(lw, "calling") || same_text(lw, "calls")) verb = w;
      if (!word_text(w).empty() && word_text(w).back() == ',') break;
    }
    if (wrong) {
      verb = -1;  // (the doer may stand anywhere before the wrong in its clause)
    } else if (verb < 0) {
      return true;
    }
    const std::string_view vw = verb >= 0 ? lower_word(verb) : std::string_view();
    const bool called = vw.size() > 3 && vw.substr(0, 4) == "call";
    const int cl = c.id[static_cast<std::size_t>(first)];
    int target = -1;
    for (std::size_t i = 0; i < units_.size() && target < 0; ++i) {
      const Unit& u = units_[i];
      if (u.ignored || u.b >= t.b || c.id[static_cast<std::size_t>(u.word)] != cl) continue;
      if (verb >= 0 && (called ? u.word <= verb : u.word >= verb)) continue;
      if (english_prepositional(u) && !same_text(english_word_before(u), "of")) continue;
      if (modifies_person(u)) continue;
      target = static_cast<int>(i);
    }
    if (target < 0) return true;
    static const WordSet says = {"said",  "says",  "told",   "called", "calling",
                                 "calls", "added", "argued", "warned", "complained"};
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (static_cast<int>(i) == target || u.ignored || u.speech || u.b >= t.b ||
          english_prepositional(u) || english_possessive(u) || modifies_person(u) ||
          u.b >= units_[static_cast<std::size_t>(target)].b)
        continue;
      bool said = false;
      for (int w = u.word + 1; w < first && !said; ++w) said = says.contains(lower_word(w));
      if (!said) continue;
      sources = english_list(static_cast<int>(i), c);
      targets = {target};
      break;
    }
    return true;
  }

  void english_frame(const Trigger& t, std::vector<int>& sources, std::vector<int>& targets) {
    const EnglishClauses& c = english_clauses();
    if (english_blocked(t, c) || !english_led_by_money(t)) return;
    if (english_judgement(t, c, sources, targets)) return;
    const int cl = c.id[static_cast<std::size_t>(t.word)];
    // A trigger in a partial quote is read with the words around the quote: "he was "deeply
    // skeptical" Rapidus could ...".
    const bool trigger_speech = words_[t.word].speech && !in_partial_quote(t.word);
    auto in_clause = [&](const Unit& u) { return c.id[static_cast<std::size_t>(u.word)] == cl; };
    // Source: the clause's antecedent, or its first name that is not in a prepositional
    // phrase or a possessive, before the trigger.
    static const WordSet government = {"government", "ministry",   "foreign", "administration",
                                       "commerce",   "state",      "cabinet", "regulators",
                                       "officials",  "authorities"};
    auto about = c.about.find(cl);
    if (about != c.about.end() && c.about_object.count(cl)) {
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (u.ignored || u.b >= t.b || !in_clause(u) || english_prepositional(u) ||
            english_possessive(u))
          continue;
        sources = english_list(static_cast<int>(i), c);
        break;
      }
      if (!sources.empty()) targets = english_list(about->second, c);
      return;
    }
    const int event_owner = english_event_owner(t, c);
    if (event_owner >= 0) {
      sources = {event_owner};
    } else if (about != c.about.end()) {
      sources = english_list(about->second, c);
    } else {
      for (std::size_t i = 0; i < units_.size(); ++i) {
        const Unit& u = units_[i];
        if (u.ignored || u.b >= t.b || !in_clause(u) || u.speech != trigger_speech) continue;
        if (english_prepositional(u)) continue;
        if (text_.compare(u.e, 1, "-") == 0) continue;  // "Seoul-based Everon": a description
        if (modifies_person(u)) continue;  // "Nvidia CEO Jensen Huang": the person speaks
        if (english_possessive(u)) {
          // "China's Foreign Ministry condemned ...": a state's organ speaks for it.
          const bool state = !u.entities.empty() && kind_of(u.entities[0]) == Kind::country &&
                             valid_word(u.word + 1) && government.contains(lower_word(u.word + 1));
          if (!state) continue;
        }
        sources = english_list(static_cast<int>(i), c);
        break;
      }
    }
    if (sources.empty()) {
      // "he took aim at Apple": a pronoun subject is the sentence's or the last subject.
      bool pronoun = false;
      for (int w = 0; w < t.word; ++w)
        if (c.id[static_cast<std::size_t>(w)] == cl) {
          const std::string_view lw = lower_word(w);
          if (same_text(lw, "he") || same_text(lw, "she") || same_text(lw, "they") ||
              same_text(lw, "it"))
            pronoun = true;
        }
      if (pronoun) {
        for (std::size_t i = 0; i < units_.size(); ++i) {
          const Unit& u = units_[i];
          if (u.ignored || u.b >= t.b || u.speech || english_prepositional(u) ||
              english_possessive(u))
            continue;
          if (modifies_person(u)) continue;  // "TSMC founder Morris Chang said he ..."
          if (c.id[static_cast<std::size_t>(u.word)] < cl) {
            sources = english_list(static_cast<int>(i), c);
            break;
          }
        }
        if (sources.empty()) english_carried_ = d_.last_speaker;
      }
    }
    // Targets: a possessive before the trigger ("OpenAI's largest shareholder"), else the first
    // name after it in the clause, with its list; a name after the relation's own preposition
    // ("with" for partners, "in"/"into" for investments) comes first, and "Arm-based" is no
    // target at all.
    const auto& relation = m_.relations[t.relation];
    // A passive ("acquired by", "joined by") of a trigger that is not written as one is
    // ambiguous: leave it.
    if (t.frame != TriggerFrame::receive && valid_word(t.word + 1) &&
        lower_word(t.word + 1) == "by") {
      sources.clear();
      // "Samsung's plan was criticised by Rep. Kim": criticism is passive when it says so;
      // the one after "by" criticises the first name before it (or its owner).
      if (relation.speaker_is_source && ends_with_text(lower_word(t.word), "ed")) {
        int target = -1, source = -1;
        for (std::size_t i = 0; i < units_.size(); ++i) {
          const Unit& u = units_[i];
          if (u.ignored || !in_clause(u) || u.speech != trigger_speech) continue;
          if (u.b < t.b && target < 0 && !english_prepositional(u) && !modifies_person(u))
            target = static_cast<int>(i);
          if (u.b >= t.e && source < 0 && same_text(english_word_before(u), "by") &&
              !modifies_person(u))
            source = static_cast<int>(i);
        }
        if (target >= 0 && source >= 0) {
          sources = {source};
          targets = english_list(target, c);
        }
      }
      return;
    }
    const std::string_view tw = lower_word(t.word);
    // "invest ... in X", "spend ... on Y in X": the place or company comes after a preposition.
    const bool put = tw.rfind("put", 0) == 0;
    const bool needs_preposition = !relation.symmetric && !relation.speaker_is_source &&
                                   (tw.rfind("invest", 0) == 0 || tw.rfind("spend", 0) == 0 ||
                                    tw.rfind("pour", 0) == 0 || put);
    if (put && !english_amount_after(t.word)) {
      // "put money into X", not "put on hold" or "put pressure on".
      sources.clear();
      return;
    }
    // The targets end where a new clause opens after a comma ("South Korea slams the EU's
    // quota cut, POSCO doubles down on India").
    const std::size_t targets_end = english_clause_after_comma(t, c);
    for (std::size_t i = 0; i < units_.size() && targets.empty(); ++i) {
      const Unit& u = units_[i];
      if (u.ignored || !in_clause(u) || u.speech != trigger_speech || u.b < t.e) continue;
      if (u.b >= targets_end) break;
      if (english_qualifier(u, relation.symmetric)) continue;
      std::string_view prep = english_word_before(u);
      // "in its first US factory", "with India's JSW Steel": the preposition of the phrase.
      if (!same_text(prep, "with") && !same_text(prep, "in") && !same_text(prep, "into"))
        prep = english_phrase_preposition(u);
      // (Not for criticism: "blasted Trump's decision ... in China" names a place.)
      const bool preferred =
          relation.symmetric
              ? same_text(prep, "with")
              : !relation.speaker_is_source && (same_text(prep, "in") || same_text(prep, "into"));
      if (preferred && !hyphen_compound(u)) targets = english_list(static_cast<int>(i), c);
    }
    for (std::size_t i = 0; i < units_.size() && targets.empty() && !needs_preposition; ++i) {
      const Unit& u = units_[i];
      if (u.ignored || !in_clause(u) || u.speech != trigger_speech) continue;
      if (u.b >= targets_end) break;
      if (u.b >= t.e && english_qualifier(u, relation.symmetric)) continue;
      if (std::find(sources.begin(), sources.end(), static_cast<int>(i)) != sources.end()) continue;
      if (relation.speaker_is_source && u.b >= t.e && english_prepositional(u)) {
        // "mocked the raise on X": criticism falls on an object, or on what follows "of",
        // "about", "over", "against", "at".
        const std::string_view prep = english_word_before(u);
        // (One protests "to" the one protested against: "China protested to Japan".)
        const bool protest = tw.rfind("protest", 0) == 0 && same_text(prep, "to");
        if (!same_text(prep, "of") && !same_text(prep, "about") && !same_text(prep, "over") &&
            !same_text(prep, "against") && !same_text(prep, "at") && !protest)
          continue;
      }
      if (u.b < t.b && english_possessive(u) && first_word_of(u) >= t.word - 3) {
        targets = english_list(static_cast<int>(i), c);
        break;
      }
      if (u.b >= t.e && !hyphen_compound(u)) {
        targets = english_list(static_cast<int>(i), c);
        break;
      }
    }
    if (targets.empty() && t.frame == TriggerFrame::found) {
      // "into HL-GA Battery Company, the battery cell joint venture the two companies
      // co-founded": the name the venture noun describes in an apposition is the venture.
      const int venture = english_apposed_name(word_at(t.b));
      if (venture >= 0 && std::find(sources.begin(), sources.end(), venture) == sources.end())
        targets = {venture};
    }
    const auto& rel = m_.relations[t.relation];
    if (t.frame == TriggerFrame::receive) {
      // "a round led by Nvidia", "backed by SoftBank": the names after "by" give.
      std::swap(sources, targets);
      return;
    }
    if (!rel.symmetric && !rel.speaker_is_source && !targets.empty() &&
        same_text(english_word_before(units_[static_cast<std::size_t>(targets[0])]), "to")) {
      // "Intel will sell a 10% stake to the US government": the buyer invests in the seller.
      static const WordSet sell = {"sell", "sells", "sold", "selling"};
      for (int w = t.word - 1; w >= 0 && w >= t.word - 4; --w)
        if (sell.contains(lower_word(w))) {
          std::swap(sources, targets);
          break;
        }
    }
    if (targets.empty() && rel.symmetric && t.frame == TriggerFrame::mutual && sources.size() < 2)
      sources.clear();
  }

  // "X는 시리즈C 투자를 유치했다. 이번 투자에는 A와 B가 참여했다": the subjects of a clause
  // joining "the investment" (투자에는 ... 참여, 후속 투자에 나섰다, 이번 투자는 A가 주도하고
  // B가 참여했다) in one of the two sentences after a round invest in its receiver; so do those
  // joining a round its owner names in the same sentence ("X의 시리즈B 투자에 A와 B가
  // 참여했다"). A later chained part of the clause that joins with no place or thing of its own
  // ("A가 투자를 주도했고 B도 참여했다") joins the same round.
  void funding_participants() {
    const bool after_round =
        d_.funded && d_.sentence != d_.funded->sentence && d_.sentence - d_.funded->sentence <= 2;
    if (!has_hangul()) {
      english_funding();
      return;
    }
    static constexpr std::array<std::string_view, 11> kRound = {
        "투자에", "투자엔", "투자는",     "투자를", "라운드에", "라운드는",
        "증자에", "펀딩에", "투자유치에", "유치에", "유치엔"};
    static constexpr std::array<std::string_view, 7> kRoundMark = {
        "시리즈", "라운드", "유치", "증자", "펀딩", "시드", "프리"};
    static constexpr std::array<std::string_view, 7> kJoin = {"참여", "참가", "합류", "동참",
                                                              "나섰", "나서", "주도"};
    auto starts_any = [](std::string_view w, const auto& list) {
      return std::any_of(list.begin(), list.end(),
                         [w](std::string_view p) { return starts_with_text(w, p); });
    };
    for (int r = 0; r < nwords(); ++r) {
      if (words_[r].speech || !starts_any(clean_word(r), kRound)) continue;
      const int clause = words_[r].clause;
      // The round's receiver: the owner of its noun phrase ("X의 시리즈B 투자에"), else the
      // receiver of the round before.
      // (A round, not the owner's own investment: "X의 미국 투자에" is X's.)
      std::size_t relation = 0;
      std::vector<std::uint32_t> receiver;
      for (const Unit& u : units_) {
        if (!usable(u) || u.speech || !u.genitive_owner || u.np_word != r ||
            u.owned_trigger_word < 0)
          continue;
        bool round = false;
        for (int w = u.word + 1; w <= r && !round; ++w)
          round = starts_any(clean_word(w), kRoundMark) ||
                  (w == r && contains_text(clean_word(w), "유치"));
        for (const Trigger& o : triggers_)
          if (round && o.word > u.word && o.word <= r && !m_.relations[o.relation].symmetric) {
            relation = o.relation;
            receiver = u.entities;
            break;
          }
      }
      if (receiver.empty()) {
        if (!after_round) continue;
        relation = d_.funded->relation;
        receiver = d_.funded->receiver;
      }
      for (int join = r + 1, after = r; join < nwords() && words_[join].clause == clause; ++join) {
        if (words_[join].speech || !starts_any(clean_word(join), kJoin)) continue;
        // A later verb joins this round only with no place or thing of its own ("투자자로",
        // "새로": 로 names a capacity or manner, no place).
        bool own = false;
        for (int w = join - 1; w > after && !own; --w) {
          const Role role = noun_role(w);
          const std::string_view cw = clean_word(w);
          own = (role == Role::dative || role == Role::object || role == Role::locative) &&
                !starts_any(cw, kRound) && !ends_with_text(cw, "로");
        }
        after = join;
        if (own) continue;
        const Trigger t{relation, join, words_[join].b, words_[join].e, TriggerFrame::mutual,
                        false};
        for (std::size_t i = 0; i < units_.size(); ++i) {
          const Unit& u = units_[i];
          if (!usable(u) || u.speech || u.clause != clause || u.b >= words_[join].b ||
              words_[u.np_word].part != words_[join].part ||
              (u.role != Role::subject && u.role != Role::topic))
            continue;
          for (const auto a : u.entities)
            for (const auto b : receiver)
              if (a != b && source_type_ok(m_.relations[t.relation], a))
                found_.push_back({t.relation, a, b, t.b, t.e});
        }
      }
    }
  }

  // English funding rounds: "X raised $40 million in a Series B round led by A", "X closed a
  // seed round with money from A and B"; in that sentence and the two after it, "the round was
  // led by A, with B participating" and "B also took part in the round" name more investors
  // in X.
  void english_funding() {
    if (units_.empty() || has_hangul()) return;
    static const WordSet raise = {"raised",  "raises", "raise",  "raising", "secured",
                                  "secures", "closed", "closes", "landed",  "lands"};
    static const WordSet round = {"round", "rounds", "funding", "financing"};
    static const WordSet join = {"participated", "participate", "participates", "joined",  "joins",
                                 "led",          "leads",       "co-led",       "invested"};
    static const WordSet joining = {"participating", "joining", "investing"};
    int raise_w = -1;
    bool about_round = false;
    for (int w = 0; w < nwords(); ++w) {
      if (words_[w].speech) continue;
      const std::string_view lw = lower_word(w);
      if (raise_w < 0 && raise.contains(lw)) {
        // A raise of money: an amount follows ("raised $40 million", "closed a 20 billion won
        // round"), not "raised concerns".
        for (int k = w + 1; k < nwords() && k <= w + 4 && raise_w < 0; ++k) {
          const std::string_view raw = word_text(k);
          if (!raw.empty() &&
              (raw.find('$') != std::string_view::npos || (raw[0] >= '0' && raw[0] <= '9')))
            raise_w = w;
        }
      }
      if (round.contains(lw)) about_round = true;
    }
    if (!about_round) return;
    std::size_t relation = m_.relations.size();
    for (std::size_t r = 0; r < m_.relations.size() && relation == m_.relations.size(); ++r)
      for (const LexiconEntry& e : m_.relations[r].triggers)
        if (e.frame == TriggerFrame::receive && is_latin_text(e.text)) {
          relation = r;
          break;
        }
    if (relation == m_.relations.size()) return;
    const EnglishClauses& c = english_clauses();
    auto clause_of = [&](int w) { return c.id[static_cast<std::size_t>(w)]; };
    auto plain = [&](const Unit& u) {
      return usable(u) && !u.speech && !english_prepositional(u) && !english_possessive(u) &&
             text_.compare(u.e, 1, "-") != 0;
    };
    std::vector<std::uint32_t> receiver;
    if (raise_w >= 0) {
      // The one who raised: the first plain name before the verb in its clause.
      for (const Unit& u : units_)
        if (u.b < words_[raise_w].b && clause_of(u.word) == clause_of(raise_w) && plain(u)) {
          receiver = u.entities;
          break;
        }
    }
    if (receiver.empty()) {
      // "A led Upstage's $50 million Series B round": the possessive before the round word.
      for (int w = 0; w < nwords() && receiver.empty(); ++w) {
        if (words_[w].speech || !round.contains(lower_word(w))) continue;
        for (const Unit& u : units_)
          if (usable(u) && !u.speech && english_possessive(u) && u.word < w && w - u.word <= 5 &&
              kind_of(u.entities[0]) == Kind::company) {
            receiver = u.entities;
            break;
          }
      }
    }
    const bool raised_here = !receiver.empty();
    if (raise_w < 0 && d_.funded && d_.sentence != d_.funded->sentence &&
        d_.sentence - d_.funded->sentence <= 2)
      receiver = d_.funded->receiver;
    if (receiver.empty()) return;
    std::vector<int> givers;
    auto give = [&](int i) {
      for (const int m : english_list(i, c))
        if (std::find(givers.begin(), givers.end(), m) == givers.end()) givers.push_back(m);
    };
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (u.ignored || u.entities.empty() || u.speech || text_.compare(u.e, 1, "-") == 0) continue;
      // "Samsung Electronics led Upstage's round": the name right before a leading verb,
      // even when read as qualifying the name after it.
      if (!usable(u) && !(valid_word(u.word + 1) && join.contains(lower_word(u.word + 1))))
        continue;
      const int first = first_word_of(u);
      const std::string_view prep = english_word_before(u);
      // "led by A", "from A" after the raise.
      int by = first - 1;
      while (by > 0 && !same_text(lower_word(by), "by")) --by;
      if (same_text(prep, "by") && by >= 1 && join.contains(lower_word(by - 1))) {
        give(static_cast<int>(i));
        continue;
      }
      // ("with participation from B" too.)
      const bool participation = first >= 2 && same_text(lower_word(first - 2), "participation");
      if (same_text(prep, "from") && ((raise_w >= 0 && first > raise_w) || participation)) {
        give(static_cast<int>(i));
        continue;
      }
      // "with B participating".
      if (valid_word(u.word + 1) && joining.contains(lower_word(u.word + 1))) {
        give(static_cast<int>(i));
        continue;
      }
      // "B also took part in the round", "A led the round": the subject of a joining verb.
      const bool modifier_before_verb =
          u.modifier && valid_word(u.word + 1) && join.contains(lower_word(u.word + 1));
      if (!plain(u) && !modifier_before_verb) continue;
      for (int w = u.word + 1; w < nwords() && w <= u.word + 3; ++w) {
        if (clause_of(w) != clause_of(u.word) || unit_starts_in_word(w)) break;
        const std::string_view lw = lower_word(w);
        const bool took_part =
            (same_text(lw, "took") || same_text(lw, "take") || same_text(lw, "takes")) &&
            valid_word(w + 1) && same_text(lower_word(w + 1), "part");
        if (join.contains(lw) || took_part) {
          give(static_cast<int>(i));
          break;
        }
      }
    }
    for (const int i : givers) {
      const Unit& u = units_[static_cast<std::size_t>(i)];
      for (const auto a : u.entities)
        for (const auto b : receiver)
          if (a != b && source_type_ok(m_.relations[relation], a) &&
              target_type_ok(m_.relations[relation], b))
            found_.push_back({relation, a, b, u.b, u.e});
    }
    if (raised_here) d_.funded = {relation, std::move(receiver), d_.sentence};
  }

  // English: a quote right after a criticism goes on with it when it names the criticised and
  // its speaker is the critic, "he" or "she", or a spokesperson ("China's Foreign Ministry
  // accused the U.S. of ... . \"The U.S. side keeps abusing export controls,\" ministry
  // spokesperson Mao Ning said."). Then records this sentence's criticism for the next one.
  void english_stance() {
    if (has_hangul()) return;
    if (d_.english_stance && d_.english_stance->sentence + 1 == d_.sentence) {
      const auto& stance = *d_.english_stance;
      const auto& R = m_.relations[stance.relation];
      bool criticised = false;
      for (const Found& f : found_) criticised = criticised || f.relation == stance.relation;
      std::vector<std::uint32_t> speaker;
      bool pronoun = false;
      for (int w = 0; w < nwords() && !criticised; ++w) {
        if (words_[w].speech) continue;
        const std::string_view lw = lower_word(w);
        if (same_text(lw, "he") || same_text(lw, "she")) pronoun = true;
      }
      static const WordSet spokes = {"spokesperson", "spokesman", "spokeswoman", "spokespeople"};
      for (const Unit& u : units_) {
        if (criticised || !usable(u) || u.speech) continue;
        const bool critic = std::any_of(u.entities.begin(), u.entities.end(), [&](auto e) {
          return std::find(stance.source.begin(), stance.source.end(), e) != stance.source.end();
        });
        bool spokesperson = false;
        for (int w = first_word_of(u) - 1; w >= 0 && w >= first_word_of(u) - 2; --w)
          spokesperson = spokesperson || spokes.contains(lower_word(w));
        if (critic || (spokesperson && is_person(u))) speaker = u.entities;
        break;
      }
      if (speaker.empty() && pronoun && !criticised) {
        bool named = false;
        for (const Unit& u : units_) named = named || (usable(u) && !u.speech);
        if (!named) speaker = stance.source;
      }
      if (!speaker.empty()) {
        for (const Unit& u : units_) {
          if (!usable(u) || !u.speech) continue;
          for (const auto b : u.entities) {
            if (std::find(stance.target.begin(), stance.target.end(), b) == stance.target.end())
              continue;
            for (const auto a : speaker)
              if (a != b && source_type_ok(R, a) && target_type_ok(R, b))
                found_.push_back({stance.relation, a, b, u.b, u.e});
          }
        }
      }
    }
    // This sentence's criticism, for the next.
    std::optional<Discourse::EnglishStance> next;
    for (const Found& f : found_) {
      if (!m_.relations[f.relation].speaker_is_source) continue;
      if (!next) next = Discourse::EnglishStance{f.relation, {}, {}, d_.sentence};
      if (f.relation != next->relation) continue;
      if (std::find(next->source.begin(), next->source.end(), f.source) == next->source.end())
        next->source.push_back(f.source);
      if (std::find(next->target.begin(), next->target.end(), f.target) == next->target.end())
        next->target.push_back(f.target);
    }
    d_.english_stance = std::move(next);
  }

  // A sentence continuing the previous sentence's stance: same speaker, speech verb, and
  // names marked "about" ("이들 회사에 대해 ... 말했다").
  void stance_continuation() {
    if (had_speaker_trigger_ || !d_.stance) return;
    const auto& stance = *d_.stance;
    bool same_speaker = starts_with_pronoun_;
    for (const Unit& u : units_) {
      if (!usable(u) || u.speech) continue;
      if (u.role == Role::subject || u.role == Role::topic) {
        same_speaker = std::find(stance.source.begin(), stance.source.end(), u.entities[0]) !=
                       stance.source.end();
        break;
      }
    }
    if (!same_speaker) return;
    // The stance goes on only while the source keeps talking (its first non-speech words).
    bool speech_verb = false;
    for (int w = 0; w < nwords() && !speech_verb; ++w)
      if (!words_[w].speech && contains(m_.speech, clean_word(w))) speech_verb = true;
    if (!speech_verb) return;
    std::vector<int> targets;
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (!usable(u) || u.speech) continue;
      if (u.role == Role::about || (u.role == Role::owner && u.owner_case == Role::about))
        targets.push_back(static_cast<int>(i));
    }
    // In the quote, as in a criticism's own quote, the accused is a subject or topic or their
    // owner: a place or a beneficiary ("미국에 공장을 짓는 기업") is not.
    for (std::size_t i = 0; i < units_.size(); ++i) {
      const Unit& u = units_[i];
      if (!usable(u) || !u.speech || u.toward) continue;
      if (u.role == Role::subject || u.role == Role::topic || u.role == Role::none ||
          u.role == Role::genitive || (u.role == Role::owner && u.owner_case == Role::subject))
        targets.push_back(static_cast<int>(i));
    }
    if (targets.empty()) return;
    Trigger t{stance.relation, 0, words_[0].b, words_[0].b, TriggerFrame::mutual, false};
    // The evidence trigger is the speech verb's sentence; use the first about-marked name.
    t.b = units_[static_cast<std::size_t>(targets[0])].b;
    t.e = units_[static_cast<std::size_t>(targets[0])].e;
    emit_entities(t, stance.source, targets);
    new_stance_ = stance;
  }

  void update_discourse() {
    for (const Unit& u : units_) {
      if (u.ignored || u.anaphor) continue;
      for (std::uint32_t e : u.entities) {
        const Kind kind = kind_of(e);
        auto& list = kind == Kind::company   ? d_.recent_companies
                     : kind == Kind::country ? d_.recent_countries
                                             : d_.recent_people;
        list.erase(std::remove(list.begin(), list.end(), e), list.end());
        list.push_back(e);
        if (list.size() > 16) list.erase(list.begin());
      }
    }
    for (const auto& g : groups_) {
      std::vector<std::uint32_t> companies;
      for (int i : g)
        for (auto e : units_[static_cast<std::size_t>(i)].entities)
          if (kind_of(e) == Kind::company) companies.push_back(e);
      if (companies.size() >= 2) {
        d_.last_group = std::move(companies);
        d_.group_sentence = d_.sentence;
      }
    }
    d_.named_companies.clear();
    for (const Unit& u : units_)
      if (usable(u) && !u.anaphor && !u.speech && !u.embedded && !u.tail.empty())
        for (const std::uint32_t e : u.entities)
          if (kind_of(e) == Kind::company &&
              std::find(d_.named_companies.begin(), d_.named_companies.end(), e) ==
                  d_.named_companies.end())
            d_.named_companies.push_back(e);
    if (!venture_named_.empty()) d_.venture = venture_named_[0];
    // The last named speaker of quoted speech (interview answers are whole quotes).
    if (any_speech_) {
      for (const Unit& u : units_)
        if (usable(u) && !u.speech && !u.anaphor &&
            (u.role == Role::speaker || u.role == Role::subject || u.role == Role::topic ||
             is_person(u))) {
          d_.last_quoted = u.entities;
          break;
        }
    }
    // The speaker for the next sentence (a usable unit's entities, never empty), if any.
    const std::vector<std::uint32_t>* speaker = nullptr;
    for (const Unit& u : units_) {
      if (!usable(u) || u.speech || u.embedded) continue;
      if (u.role == Role::subject || u.role == Role::topic || u.role == Role::speaker) {
        speaker = &u.entities;
        break;
      }
    }
    if (!speaker && !has_hangul()) {
      // English: the first name that is not in a prepositional phrase or a possessive.
      for (const Unit& u : units_) {
        if (!usable(u) || u.speech || english_prepositional(u) || english_possessive(u)) continue;
        speaker = &u.entities;
        break;
      }
    }
    // d_.last_topic is still the previous sentence's topic here.
    const Unit* topic = nullptr;
    for (const Unit& u : units_)
      if (usable(u) && !u.speech && (u.topic || u.role == Role::topic)) {
        topic = &u;
        break;
      }
    if (topic)
      d_.last_topic = topic->entities;
    else if (has_subject_outside_speech() || headline_)
      d_.last_topic.clear();
    // else a sentence without subject keeps the topic alive
    for (const Found& f : found_) d_.last_target[f.relation] = {f.target, d_.sentence};
    ++d_.sentence;
    if (speaker) {
      d_.last_speaker = *speaker;
    } else if (!starts_with_pronoun_) {
      d_.last_speaker.clear();
    }
    d_.stance = new_stance_;
  }
};

}  // namespace

std::vector<Fact> RelationExtractor::extract(
    std::string_view original, const NormalisedText& text, const std::vector<Sentence>& sentences,
    const std::vector<Mention>& mentions, const std::string& document, std::string* trace,
    const std::vector<DiscoveredEntity>& discovered) const {
  Discourse discourse;
  std::set<std::tuple<std::string, std::string, std::string>> denied;  // relation, source, target
  // This thread's Scratch, kept from document to document: its buffers keep their capacity
  // and its caches their entries (for this extractor).
  thread_local SentenceReader::Scratch scratch;
  scratch.begin_document(impl_->id);
  const std::uint32_t base = static_cast<std::uint32_t>(matcher_->entities().size());
  scratch.discovered_base = base;
  scratch.discovered = &discovered;
  auto id_of = [&](std::uint32_t e) -> const std::string& {
    return e < base ? matcher_->entities()[e].id : discovered[e - base].id;
  };
  SentenceReader::find_document_triggers(*impl_, text.text, scratch.document_hits);
  // The facts are made into Facts once the document is read: then their number is known (a
  // vector of Facts grown one at a time moved every Fact's strings at each doubling) and so
  // are the denials (a denied fact was made only to be erased).
  std::vector<SentenceReader::Scratch::DocumentFact>& kept = scratch.document_facts;
  kept.clear();
  std::size_t mi = 0;
  for (std::size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    while (mi < mentions.size() && mentions[mi].begin < s.begin) ++mi;
    scratch.mentions.clear();
    for (std::size_t k = mi; k < mentions.size() && mentions[k].begin < s.end; ++k)
      if (mentions[k].end <= s.end) scratch.mentions.push_back(mentions[k]);
    SentenceReader::sentence_triggers(scratch.document_hits, s, scratch.hits);
    SentenceReader reader(*impl_, *matcher_, text.text, s, scratch, discourse, trace);
    const auto& found = reader.read();
    for (const auto& f : reader.denied()) {
      const auto& rel = impl_->relations[f.relation];
      std::string a = id_of(f.source);
      std::string b = id_of(f.target);
      if (rel.symmetric && b < a) std::swap(a, b);
      denied.emplace(rel.name, a, b);
    }
    if (found.empty()) continue;
    if (found.size() > kMaxFactsPerSentence) {
      std::set<std::tuple<std::size_t, std::uint32_t, std::uint32_t>> distinct;
      for (const auto& f : found) distinct.emplace(f.relation, f.source, f.target);
      if (distinct.size() > kMaxFactsPerSentence) {
        if (trace) {
          *trace += "    (" + std::to_string(distinct.size()) + " edges, more than " +
                    std::to_string(kMaxFactsPerSentence) +
                    ": a list, not a statement; none kept)\n";
        }
        continue;
      }
    }
    // The facts kept so far in this sentence, for dropping repeats: at most
    // kMaxFactsPerSentence, so a scan of them costs less than a std::set's nodes.
    std::vector<std::tuple<std::size_t, std::uint32_t, std::uint32_t>>& seen = scratch.kept_facts;
    seen.clear();
    for (const auto& f : found) {
      const auto key = std::make_tuple(f.relation, f.source, f.target);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
      seen.push_back(key);
      kept.push_back({si, f.relation, f.source, f.target, f.trigger_b, f.trigger_e});
    }
  }
  // Symmetric facts are canonical: source <= target. A deal denied or called off anywhere in
  // the document is not asserted by its other sentences.
  std::size_t count = 0;
  for (auto& k : kept) {
    const auto& rel = impl_->relations[k.relation];
    const std::string& source_id = id_of(k.source);
    const std::string& target_id = id_of(k.target);
    k.swapped = rel.symmetric && target_id < source_id;
    k.denied =
        !denied.empty() && denied.count(std::make_tuple(rel.name, k.swapped ? target_id : source_id,
                                                        k.swapped ? source_id : target_id)) > 0;
    if (!k.denied) ++count;
  }
  std::vector<Fact> facts;
  facts.reserve(count);
  // The evidence texts as in the original, repaired only where they are not valid UTF-8. Of
  // a valid original, a part from one character boundary to another is valid as it is.
  auto at_boundary = [&original](std::size_t p) {
    return p >= original.size() || (static_cast<unsigned char>(original[p]) & 0xC0) != 0x80;
  };
  auto original_text = [&](std::size_t b, std::size_t e) {
    const std::string_view bytes = original.substr(b, e - b);
    const bool valid = text.original_is_valid_utf8 && at_boundary(b) && at_boundary(e);
    return valid || is_valid_utf8(bytes) ? std::string(bytes) : valid_utf8(bytes);
  };
  // Sentence by sentence: its text is made once, and moved into its last fact.
  for (std::size_t k = 0; k < kept.size();) {
    const std::size_t si = kept[k].sentence;
    std::size_t end = k;
    std::size_t last = kept.size();  // the sentence's last fact not denied
    for (; end < kept.size() && kept[end].sentence == si; ++end)
      if (!kept[end].denied) last = end;
    if (last == kept.size()) {
      k = end;
      continue;
    }
    const Sentence& s = sentences[si];
    const std::size_t ob = text.to_original(s.begin), oe = text.to_original(s.end);
    std::string sentence_text = original_text(ob, oe);
    for (; k < end; ++k) {
      const auto& f = kept[k];
      if (f.denied) continue;
      const auto& rel = impl_->relations[f.relation];
      const std::string& source_id = id_of(f.source);
      const std::string& target_id = id_of(f.target);
      Fact& fact = facts.emplace_back();  // filled in place
      fact.source = f.swapped ? target_id : source_id;
      fact.relation = rel.name;
      fact.target = f.swapped ? source_id : target_id;
      fact.symmetric = rel.symmetric;
      fact.evidence.sentence = si;
      fact.evidence.begin = ob;
      fact.evidence.end = oe;
      if (k == last)
        fact.evidence.text = std::move(sentence_text);
      else
        fact.evidence.text = sentence_text;
      fact.evidence.trigger =
          original_text(text.to_original(f.trigger_b), text.to_original(f.trigger_e));
      fact.evidence.document = document;
    }
  }
  return facts;
}

}  // namespace relgraph
