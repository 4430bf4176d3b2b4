// Matcher: Aho-Corasick candidates, context checks, longest-match resolution (see matcher.h).
#include "match/matcher.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "match/script.h"
#include "normalise/normalise.h"
#include "rules/string_index.h"

namespace relgraph {

Matcher::Matcher() = default;
Matcher::~Matcher() = default;

std::size_t Matcher::automaton_states() const { return automaton_.states(); }

namespace {

// The key of an alias: its normalised text with the spaces left out, ASCII-lowercased when
// `lower`.
std::string fold_key(std::string_view normalised, bool lower) {
  std::string key(normalised);
  std::size_t n = 0;
  for (const char ch : normalised) {
    if (ch == ' ') continue;
    char c = ch;
    if (lower && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    key[n++] = c;
  }
  key.resize(n);
  return key;
}

// The code point of a well-formed three-byte sequence c0 c1 c2 with a lead byte that has no
// special range (0xE1-0xEC, 0xEE, 0xEF: Hangul, CJK, most punctuation), or 0 if it is not
// one; the fast path of cp_before() and cp_at(), which fall back to decode_utf8 otherwise.
char32_t plain_three_bytes(unsigned char c0, unsigned char c1, unsigned char c2) {
  if (c0 < 0xE1 || c0 > 0xEF || c0 == 0xED) return 0;
  if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) return 0;
  return (char32_t{c0} & 0x0F) << 12 | (char32_t{c1} & 0x3F) << 6 | (char32_t{c2} & 0x3F);
}

char32_t cp_before(std::string_view s, std::size_t i) {
  if (i == 0) return U' ';
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (byte(i - 1) < 0x80) return byte(i - 1);
  if (i >= 3)
    if (const char32_t cp = plain_three_bytes(byte(i - 3), byte(i - 2), byte(i - 1))) return cp;
  std::size_t b = i - 1;
  while (b > 0 && (byte(b) & 0xC0) == 0x80) --b;
  std::size_t len = 0;
  return next_code_point(s, b, len);
}

char32_t cp_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return U' ';
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  if (byte(i) < 0x80) return byte(i);
  if (i + 3 <= s.size())
    if (const char32_t cp = plain_three_bytes(byte(i), byte(i + 1), byte(i + 2))) return cp;
  std::size_t len = 0;
  return next_code_point(s, i, len);
}

// The first byte of an occurrence of a key of `length` bytes that ends at `end`: `length` bytes
// back, spaces not counted, one byte at a time.
[[gnu::noinline]] std::size_t key_start_slow(std::string_view text, std::size_t end,
                                             std::size_t length) {
  std::size_t p = end;
  for (std::size_t left = length; left > 0; --left) {
    --p;
    while (text[p] == ' ') --p;
  }
  return p;
}

// key_start_slow() for the usual key of up to sixteen bytes with no space in the occurrence:
// the sixteen bytes before `end` looked at at once for a space.
[[gnu::always_inline]] inline std::size_t key_start(std::string_view text, std::size_t end,
                                                    std::size_t length) {
  if (length <= 16 && end >= 16) {
    // Bit k: byte end - 16 + k is a space; only the last `length` bytes count.
#if defined(__SSE2__)
    const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + end - 16));
    const auto spaces =
        static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(w, _mm_set1_epi8(' '))));
#else
    std::uint32_t spaces = 0;
    for (std::size_t k = 0; k < 16; ++k) spaces |= std::uint32_t{text[end - 16 + k] == ' '} << k;
#endif
    if ((spaces >> (16 - length)) == 0) return end - length;
  }
  return key_start_slow(text, end, length);
}

bool is_list_mark(char32_t cp) { return cp == 0xB7 || cp == '/' || cp == ','; }

// script_of() without a call for ASCII and Hangul syllables, the usual neighbours of a name.
Script fast_script(char32_t cp) {
  if (cp < 0x80) {
    if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') return Script::latin;
    if (cp >= '0' && cp <= '9') return Script::digit;
    if (cp == ' ' || cp == '\t' || cp == '\n') return Script::space;
    return Script::punct;
  }
  if (is_hangul_syllable(cp)) return Script::hangul;
  return script_of(cp);
}

}  // namespace

std::shared_ptr<const Matcher> Matcher::compile(const RuleSet& rules) {
  std::shared_ptr<Matcher> m(new Matcher());
  // entity_of[i]: the index of the first entity with the id of rules.entities[i].
  StringIndex entity_index;
  entity_index.reserve(rules.entities.size());
  std::vector<std::uint32_t> entity_of(rules.entities.size());
  m->entities_.reserve(rules.entities.size());
  std::size_t alias_count = 0;
  for (std::size_t i = 0; i < rules.entities.size(); ++i) {
    const Entity& e = rules.entities[i];
    entity_of[i] = entity_index.insert(e.id, static_cast<std::uint32_t>(i)).first;
    m->entities_.push_back({e.id, e.type});
    alias_count += e.aliases.size();
  }
  for (const Group& g : rules.groups) alias_count += g.aliases.size();
  m->aliases_.reserve(alias_count);
  // One MatcherAlias per distinct (key, options); entities accumulate.
  StringIndex seen;  // key and options -> alias
  seen.reserve(alias_count);
  std::string k;
  auto add_alias = [&](const Alias& a, const std::uint32_t* targets, std::size_t target_count,
                       bool group) {
    std::string norm = normalise_string(a.text);
    std::string key = fold_key(norm, true);
    if (key.empty()) return;
    if (a.case_sensitive) {
      k = fold_key(norm, false);
    } else {
      k = key;
    }
    k += '\0';
    k += static_cast<char>('0' + a.case_sensitive);
    k += static_cast<char>('0' + static_cast<int>(a.context));
    k += static_cast<char>('0' + a.toward);
    k += static_cast<char>('0' + group);
    const auto [index, fresh] = seen.insert(k, static_cast<std::uint32_t>(m->aliases_.size()));
    if (fresh) {
      MatcherAlias& ma = m->aliases_.emplace_back();
      ma.text = std::move(norm);
      ma.key = std::move(key);
      ma.entities.assign(targets, targets + target_count);
      ma.case_sensitive = a.case_sensitive;
      ma.context = a.context;
      ma.toward = a.toward;
      ma.from_group = group;
    } else {
      auto& ents = m->aliases_[index].entities;
      for (std::size_t t = 0; t < target_count; ++t)
        if (std::find(ents.begin(), ents.end(), targets[t]) == ents.end())
          ents.push_back(targets[t]);
    }
  };
  for (std::size_t i = 0; i < rules.entities.size(); ++i)
    for (const Alias& a : rules.entities[i].aliases) add_alias(a, &entity_of[i], 1, false);
  std::vector<std::uint32_t> members;
  for (const Group& g : rules.groups) {
    members.clear();
    for (const std::string& id : g.members) {
      const std::uint32_t e = entity_index.find(id);
      if (e != StringIndex::kAbsent) members.push_back(e);
    }
    if (members.empty()) continue;
    for (const Alias& a : g.aliases) add_alias(a, members.data(), members.size(), true);
  }
  m->particles_ = ParticleSet(rules);
  m->surnames_.resize(m->entities_.size());
  for (std::size_t i = 0; i < rules.entities.size(); ++i) {
    const Entity& e = rules.entities[i];
    if (e.type != "person") continue;
    auto& out = m->surnames_[entity_of[i]];
    for (const Alias& a : e.aliases) {
      const std::string norm = normalise_string(a.text);
      const std::size_t sp = norm.rfind(' ');
      if (sp == std::string::npos) continue;
      const std::string last = norm.substr(sp + 1);
      // Only from a name written wholly in Latin letters ("Jensen Huang", not "황 CEO"), and
      // a capitalised word, not an acronym.
      const bool all_latin = std::all_of(norm.begin(), norm.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == ' ' || c == '.';
      });
      const bool latin = all_latin && last.size() >= 3 && last[0] >= 'A' && last[0] <= 'Z' &&
                         last[1] >= 'a' && last[1] <= 'z';
      if (latin && std::find(out.begin(), out.end(), last) == out.end()) out.push_back(last);
    }
  }
  // The keys are lent to the automaton's construction (moved out and back, not copied).
  std::vector<std::string> keys;
  keys.reserve(m->aliases_.size());
  for (MatcherAlias& a : m->aliases_) keys.push_back(std::move(a.key));
  // Different option sets with the same key share an automaton output; find() checks every
  // alias with that key (LiteralAutomaton::same_as).
  // The text is scanned folded the same way: ASCII lowercased, spaces left out.
  m->automaton_ = LiteralAutomaton(keys, LiteralAutomaton::kDefaultDenseCells, Folding{true, " "});
  for (std::size_t a = 0; a < keys.size(); ++a) m->aliases_[a].key = std::move(keys[a]);
  keys = {};
  m->derive_alias_hot();
  m->derive_tables();
  return m;
}

void Matcher::derive_alias_hot() {
  hot_.resize(aliases_.size());
  for (std::uint32_t a = 0; a < aliases_.size(); ++a) {
    const MatcherAlias& alias = aliases_[a];
    AliasHot& hot = hot_[a];
    hot.key_length = static_cast<std::uint32_t>(alias.key.size());
    // The automaton reports the first alias with a key; the others follow it in order.
    const auto same = automaton_.same_as(a);
    const auto at = std::find(same.begin(), same.end(), a);
    if (at + 1 != same.end()) hot.next_same = *(at + 1);
    if (alias.entities.size() == 1) hot.entity = alias.entities[0];
    hot.context = alias.context;
    // Code points counted only as far as kShort needs (up to 3).
    std::uint32_t cps = 0;
    for (std::size_t i = 0; i < alias.text.size() && cps <= 2; ++cps) {
      std::size_t len = 0;
      next_code_point(alias.text, i, len);
      i += len;
    }
    hot.flags = static_cast<std::uint8_t>((alias.case_sensitive ? kCaseSensitive : 0) |
                                          (cps <= 2 ? kShort : 0) | (alias.toward ? kToward : 0) |
                                          (alias.from_group ? kFromGroup : 0));
    // Where a match has no space in it, its first and last characters are the key's (up to
    // ASCII case), and so are their scripts.
    hot.first_script = static_cast<std::uint8_t>(script_of(cp_at(alias.key, 0)));
    hot.last_script = static_cast<std::uint8_t>(script_of(cp_before(alias.key, alias.key.size())));
  }
}

void Matcher::derive_tables() {
  // The surnames in CSR form: each distinct one with its entities in entity order.
  {
    std::vector<std::vector<std::uint32_t>> named;
    for (std::uint32_t e = 0; e < surnames_.size(); ++e)
      for (const std::string& name : surnames_[e]) {
        const auto [k, fresh] =
            surname_index_.insert(name, static_cast<std::uint32_t>(named.size()));
        if (fresh) named.emplace_back();
        named[k].push_back(e);
        surname_max_length_ = std::max(surname_max_length_, name.size());
      }
    surname_begin_.assign(1, 0);
    for (const auto& entities : named) {
      surname_entities_.insert(surname_entities_.end(), entities.begin(), entities.end());
      surname_begin_.push_back(static_cast<std::uint32_t>(surname_entities_.size()));
    }
  }
  has_surname_.resize(entities_.size());
  for (std::size_t e = 0; e < entities_.size(); ++e) has_surname_[e] = surnames_[e].empty() ? 0 : 1;
  surname_pair_begin_.assign(1, 0);
  surname_pairs_.clear();
  for (std::size_t e = 0; e < entities_.size(); ++e) {
    for (const std::string& name : surnames_[e])
      surname_pairs_.push_back(static_cast<std::uint16_t>((name[0] - 'A') * 32 + (name[1] - 'a')));
    surname_pair_begin_.push_back(static_cast<std::uint32_t>(surname_pairs_.size()));
  }
  first_alias_.assign(entities_.size(), 0);
  std::vector<bool> has_alias(entities_.size(), false);
  for (std::uint32_t a = 0; a < aliases_.size(); ++a)
    for (const std::uint32_t e : aliases_[a].entities)
      if (!has_alias[e]) {
        has_alias[e] = true;
        first_alias_[e] = a;
      }
}

void Matcher::fold_alias_keys() {
  for (MatcherAlias& alias : aliases_) alias.key = fold_key(alias.text, true);
}

std::string Matcher::check() const {
  const std::size_t entities = entities_.size();
  if (aliases_.size() != automaton_.pattern_count() || surnames_.size() != entities)
    return "matcher: tables of different sizes";
  // find() walks back from a match's end over as many bytes as its key has, spaces not
  // counted: the automaton must not count them either.
  if (!automaton_.skips(' ')) return "matcher: spaces not skipped";
  std::vector<bool> has_alias(entities, false);
  for (std::uint32_t a = 0; a < aliases_.size(); ++a) {
    const MatcherAlias& alias = aliases_[a];
    if (alias.key.empty() || alias.key.size() != automaton_.pattern_length(a) ||

        static_cast<unsigned>(alias.context) > static_cast<unsigned>(AliasContext::list) ||
        alias.entities.empty())
      return "matcher: bad alias";
    for (const std::uint32_t e : alias.entities) {
      if (e >= entities) return "matcher: bad alias entity";
      has_alias[e] = true;
    }
  }
  // What find() reads of each alias: the key's length, a chain of aliases with the same key
  // that goes forward (so it ends), entity and enums in range.
  if (hot_.size() != aliases_.size()) return "matcher: tables of different sizes";
  for (std::uint32_t a = 0; a < hot_.size(); ++a) {
    const AliasHot& hot = hot_[a];
    constexpr unsigned kLastScript = static_cast<unsigned>(Script::punct);
    if (hot.key_length != aliases_[a].key.size() ||
        (hot.next_same != kNone && (hot.next_same <= a || hot.next_same >= hot_.size())) ||
        (hot.entity != kNone && hot.entity >= entities) ||
        static_cast<unsigned>(hot.context) > static_cast<unsigned>(AliasContext::list) ||
        hot.first_script > kLastScript || hot.last_script > kLastScript)
      return "matcher: bad alias";
  }
  for (std::size_t e = 0; e < entities; ++e) {
    if (!surnames_[e].empty() && !has_alias[e]) return "matcher: surname without a name";
    for (const std::string& name : surnames_[e]) {
      const bool bytes_ok = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.';
      });
      if (name.size() < 3 || !bytes_ok || name[0] < 'A' || name[0] > 'Z' || name[1] < 'a' ||
          name[1] > 'z')
        return "matcher: bad surname";
    }
  }
  return "";
}

namespace {

// The folded text: spaces left out, ASCII lowercased; pos[k] is the offset in the text of
// folded byte k. Only the naive engine builds it; the automaton folds as it scans.
struct Folded {
  std::string bytes;
  std::vector<std::uint32_t> pos;
};

Folded fold(std::string_view text) {
  Folded f;
  f.bytes.reserve(text.size());
  f.pos.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    f.bytes.push_back(c);
    f.pos.push_back(static_cast<std::uint32_t>(i));
  }
  return f;
}

}  // namespace

void Matcher::scan_naive(std::string_view text, std::vector<Candidate>& out) const {
  const Folded f = fold(text);
  // One representative alias per key, as the automaton reports.
  std::map<std::string, std::uint32_t> first_by_key;
  for (std::uint32_t a = 0; a < aliases_.size(); ++a) first_by_key.emplace(aliases_[a].key, a);
  for (std::uint32_t a = 0; a < aliases_.size(); ++a) {
    if (first_by_key.at(aliases_[a].key) != a) continue;
    const std::string& key = aliases_[a].key;
    for (std::size_t p = f.bytes.find(key); p != std::string::npos; p = f.bytes.find(key, p + 1)) {
      out.push_back({f.pos[p], f.pos[p + key.size() - 1] + std::size_t{1}, a});
    }
  }
}

bool Matcher::inside_ok(std::string_view text, std::size_t begin, std::size_t end,
                        std::uint32_t a) const {
  const MatcherAlias& alias = aliases_[a];
  // Line breaks never occur inside a match (kept in the folded text), spaces only where
  // allowed; a [case] alias must match in its case. t walks the key's bytes in the text, k the
  // same bytes in the alias text (its bytes but spaces), whose next byte tells whether the
  // alias has a space there.
  const std::string& written = alias.text;
  // The usual case: the text has the alias as written, spaces and case alike.
  if (end - begin == written.size() && text.compare(begin, end - begin, written) == 0) return true;
  std::size_t k = 0;
  for (std::size_t t = begin; t < end;) {
    while (k < written.size() && written[k] == ' ') ++k;
    if (alias.case_sensitive && (k == written.size() || text[t] != written[k])) return false;
    if (k < written.size()) ++k;
    const bool alias_space = k < written.size() && written[k] == ' ';
    std::size_t next = t + 1;
    while (next < end && text[next] == ' ') ++next;
    if (next != t + 1 && next < end && !alias_space) {
      const Script left = script_of(cp_before(text, t + 1));
      const Script right = script_of(cp_at(text, next));
      const bool left_latin = left == Script::latin || left == Script::digit;
      const bool right_latin = right == Script::latin || right == Script::digit;
      if (!((left == Script::hangul && right_latin) || (left_latin && right == Script::hangul)))
        return false;
    }
    t = next;
  }
  return true;
}

bool Matcher::accept(std::string_view text, std::size_t begin, std::size_t end,
                     std::uint32_t a) const {
  const AliasHot& alias = hot_[a];
  // Must start and end on character boundaries (keys are whole UTF-8, but stay safe).
  if ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) return false;
  if (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) return false;
  // A match with no space in it has the key's bytes (up to ASCII case): only a [case] alias
  // needs a look inside, and its first and last characters' scripts are the key's.
  const bool spaced = end - begin != alias.key_length;
  if ((spaced || (alias.flags & kCaseSensitive) != 0) && !inside_ok(text, begin, end, a))
    return false;
  const Script first =
      spaced ? fast_script(cp_at(text, begin)) : static_cast<Script>(alias.first_script);
  const Script last =
      spaced ? fast_script(cp_before(text, end)) : static_cast<Script>(alias.last_script);
  const char32_t prev = cp_before(text, begin);
  const char32_t next = cp_at(text, end);
  const Script ps = fast_script(prev);
  const Script ns = fast_script(next);
  // Whether the Hangul syllables glued after the name are particles; only some contexts ask.
  auto tail_is_particles = [&] {
    std::size_t tail_end = end;
    while (tail_end < text.size()) {
      std::size_t len = 3;
      char32_t c = 0;
      if (tail_end + 3 <= text.size())
        c = plain_three_bytes(static_cast<unsigned char>(text[tail_end]),
                              static_cast<unsigned char>(text[tail_end + 1]),
                              static_cast<unsigned char>(text[tail_end + 2]));
      if (c == 0) c = next_code_point(text, tail_end, len);
      if (!is_hangul_syllable(c)) break;
      tail_end += len;
    }
    return particles_.accepts(text.substr(end, tail_end - end));
  };

  switch (alias.context) {
    case AliasContext::alone:
      return !is_letter_script(ps) && !is_letter_script(ns);
    case AliasContext::list:
      if (is_letter_script(ps)) return false;
      if (!(is_list_mark(prev) || is_list_mark(next))) return false;
      if (ns == Script::hangul) return tail_is_particles();
      return !is_letter_script(ns);
    default:
      break;
  }
  // Left side.
  auto latinish = [](Script s) { return s == Script::latin || s == Script::digit; };
  auto hanish = [](Script s) { return s == Script::han || s == Script::kana; };
  if (latinish(first) && latinish(ps)) return false;
  if (hanish(first) && hanish(ps)) return false;
  if (first == Script::hangul && ps == Script::hangul) return false;
  // Right side.
  if (latinish(last) && latinish(ns)) return false;
  if (hanish(last) && hanish(ns)) return false;
  if (last == Script::hangul && ns == Script::hangul) {
    if (alias.context == AliasContext::any) return true;
    if (alias.context == AliasContext::particle || (alias.flags & kShort) != 0)
      return tail_is_particles();
  }
  if (alias.context == AliasContext::particle && ns == Script::hangul) return tail_is_particles();
  return true;
}

namespace {

// An accepted candidate as find() ranks it: longest first, then earlier start, then alias
// index, in two words compared in order (a text is under 2^48 bytes, so a span's length and
// start take 48 bits each): hi holds 2^48 - 1 - length and the start's high 16 bits, lo the
// start's low 32 bits and the alias.
struct Ranked {
  std::uint64_t hi, lo;
  static constexpr std::uint64_t kMax = (std::uint64_t{1} << 48) - 1;
  Ranked(std::size_t begin, std::size_t end, std::uint32_t alias)
      : hi((kMax - (end - begin)) << 16 | begin >> 32), lo(begin << 32 | alias) {}
  std::size_t begin() const { return static_cast<std::size_t>((hi & 0xFFFF) << 32 | lo >> 32); }
  std::size_t end() const { return begin() + static_cast<std::size_t>(kMax - (hi >> 16)); }
  std::uint32_t alias() const { return static_cast<std::uint32_t>(lo); }
  bool operator<(const Ranked& y) const { return hi != y.hi ? hi < y.hi : lo < y.lo; }
};

}  // namespace

std::vector<Mention> Matcher::find(std::string_view text, MatchEngine engine) const {
  if (text.size() > Ranked::kMax) throw std::length_error("Matcher::find: text too long");
  if (engine == MatchEngine::naive) return find_naive(text);
  // Scratch kept by each thread from one call to the next (the Matcher is shared and const).
  // The accepted candidates of each half of the scan, by end; then by start.
  thread_local std::vector<Candidate> halves[2];
  thread_local std::vector<std::pair<std::size_t, std::size_t>> taken;
  halves[0].clear();
  halves[1].clear();
  taken.clear();
  // Each hit stands for every alias with its key: each is checked in its context.
  auto hit = [&](std::vector<Candidate>& out, std::uint32_t alias, std::size_t end) {
    const std::size_t begin = key_start(text, end, hot_[alias].key_length);
    for (std::uint32_t a = alias; a != kNone; a = hot_[a].next_same)
      if (accept(text, begin, end, a)) out.push_back({begin, end, a});
  };
  automaton_.scan_halves(
      text, [&](std::uint32_t alias, std::size_t end) { hit(halves[0], alias, end); },
      [&](std::uint32_t alias, std::size_t end) { hit(halves[1], alias, end); });
  // By start: each half comes by end, and a candidate that starts before one that ends
  // earlier overlaps it, so an insertion sort moves few. Every candidate of the first half
  // starts before those of the second.
  std::vector<Candidate>& all = halves[0];
  all.insert(all.end(), halves[1].begin(), halves[1].end());
  for (std::size_t k = 1; k < all.size(); ++k) {
    const Candidate c = all[k];
    std::size_t at = k;
    for (; at > 0 && all[at - 1].begin > c.begin; --at) all[at] = all[at - 1];
    all[at] = c;
  }

  std::vector<Mention> mentions;
  mentions.reserve(all.size());
  bool any_list = false;  // a [list] alias among the mentions
  // The mentions of an accepted span, from its aliases (ascending, as the longest-first order
  // takes them), each entity once (with the first alias that names it), sorted by entity.
  auto add_span = [&](std::size_t begin, std::size_t end, const Candidate* from,
                      const Candidate* to) {
    taken.emplace_back(begin, end);
    const std::size_t first = mentions.size();
    for (const Candidate* c = from; c != to; ++c) {
      const AliasHot& a = hot_[c->alias];
      const bool toward = (a.flags & kToward) != 0;
      const bool from_group = (a.flags & kFromGroup) != 0;
      any_list = any_list || a.context == AliasContext::list;
      auto add = [&](std::uint32_t e) {
        for (std::size_t k = first; k < mentions.size(); ++k)
          if (mentions[k].entity == e) return;
        mentions.push_back({begin, end, e, c->alias, toward, from_group});
      };
      if (a.entity != kNone) {
        add(a.entity);
      } else {
        for (const std::uint32_t e : aliases_[c->alias].entities) add(e);
      }
    }
    for (std::size_t k = first + 1; k < mentions.size(); ++k) {
      const Mention m = mentions[k];
      std::size_t at = k;
      for (; at > first && mentions[at - 1].entity > m.entity; --at)
        mentions[at] = mentions[at - 1];
      mentions[at] = m;
    }
  };
  // Overlaps are resolved longest first, then earliest start, then alias index: a candidate
  // is accepted unless it overlaps an accepted one with another span. Only candidates that
  // overlap decide about each other, so each cluster of overlapping candidates (a run by
  // start that each reaches into) is resolved on its own, and most are one candidate.
  thread_local std::vector<Ranked> ranked;
  thread_local std::vector<Candidate> won;
  for (std::size_t k = 0; k < all.size();) {
    std::size_t reach = all[k].end, next = k + 1;
    for (; next < all.size() && all[next].begin < reach; ++next)
      reach = std::max(reach, all[next].end);
    if (next == k + 1) {
      add_span(all[k].begin, all[k].end, &all[k], &all[k] + 1);
      k = next;
      continue;
    }
    ranked.clear();
    for (std::size_t x = k; x < next; ++x)
      ranked.emplace_back(all[x].begin, all[x].end, all[x].alias);
    std::sort(ranked.begin(), ranked.end());
    // The winners by start, disjoint but for the aliases of one span (ascending): the first
    // ending after a candidate starts is the only one that can be its span or overlap it.
    won.clear();
    for (const Ranked& r : ranked) {
      const Candidate c{r.begin(), r.end(), r.alias()};
      auto at =
          std::upper_bound(won.begin(), won.end(), c.begin,
                           [](std::size_t begin, const Candidate& w) { return begin < w.end; });
      const bool overlaps = at != won.end() && at->begin < c.end;
      const bool same_span = overlaps && at->begin == c.begin && at->end == c.end;
      if (overlaps && !same_span) continue;
      while (at != won.end() && at->begin == c.begin) ++at;
      won.insert(at, c);
    }
    for (std::size_t w = 0; w < won.size();) {
      std::size_t same = w + 1;
      while (same < won.size() && won[same].begin == won[w].begin) ++same;
      add_span(won[w].begin, won[w].end, won.data() + w, won.data() + same);
      w = same;
    }
    k = next;
  }
  // The accepted spans are the mentions' unless some [list] mention was dropped.
  const bool dropped = any_list && drop_lonely_list_members(text, mentions);
  const std::size_t found = mentions.size();
  add_surname_mentions(text, mentions, MatchEngine::automaton, dropped ? nullptr : &taken);
  // The surname mentions (by start, then entity, then end) into the others (by start, then
  // entity); they start where no other mention is.
  if (mentions.size() != found)
    std::inplace_merge(mentions.begin(), mentions.begin() + static_cast<std::ptrdiff_t>(found),
                       mentions.end(), [](const Mention& x, const Mention& y) {
                         return x.begin != y.begin ? x.begin < y.begin : x.entity < y.entity;
                       });
  return mentions;
}

std::vector<Mention> Matcher::find_naive(std::string_view text) const {
  std::vector<Ranked> ok;
  std::vector<std::pair<std::size_t, std::size_t>> taken;
  std::vector<Candidate> raw;
  scan_naive(text, raw);
  for (const Candidate& c : raw)
    for (std::uint32_t a = c.alias; a != kNone; a = hot_[a].next_same)
      if (accept(text, c.begin, c.end, a)) ok.emplace_back(c.begin, c.end, a);
  // Every accepted candidate by rank: longest first, then earliest start, then alias index.
  std::sort(ok.begin(), ok.end());
  // The accepted spans, disjoint, so sorted by start and by end alike.
  std::vector<Mention> mentions;
  mentions.reserve(ok.size());
  std::size_t span_first = 0;  // mentions[span_first..] belong to the current span
  bool any_list = false;       // a [list] alias among them
  for (const Ranked& r : ok) {
    const Candidate c{r.begin(), r.end(), r.alias()};
    // The same span as an accepted one adds its entities; any other overlap loses. The first
    // span ending after c starts is the only one that can be the same or the first to overlap.
    const auto at =
        std::upper_bound(taken.begin(), taken.end(), c.begin,
                         [](std::size_t begin, const std::pair<std::size_t, std::size_t>& span) {
                           return begin < span.second;
                         });
    const bool overlaps = at != taken.end() && at->first < c.end;
    const bool same_span = overlaps && at->first == c.begin && at->second == c.end;
    if (overlaps && !same_span) continue;
    // Candidates with the same span are adjacent in this order: only the mentions made for
    // the current span can repeat an entity.
    if (!same_span) {
      taken.insert(at, {c.begin, c.end});
      span_first = mentions.size();
    }
    const AliasHot& a = hot_[c.alias];
    const bool toward = (a.flags & kToward) != 0;
    const bool from_group = (a.flags & kFromGroup) != 0;
    any_list = any_list || a.context == AliasContext::list;
    auto add = [&](std::uint32_t e) {
      const bool dup = std::any_of(
          mentions.begin() + static_cast<std::ptrdiff_t>(span_first), mentions.end(),
          [&](const Mention& m) { return m.begin == c.begin && m.end == c.end && m.entity == e; });
      if (!dup) mentions.push_back({c.begin, c.end, e, c.alias, toward, from_group});
    };
    if (a.entity != kNone) {
      add(a.entity);
    } else {
      for (const std::uint32_t e : aliases_[c.alias].entities) add(e);
    }
  }
  if (any_list) drop_lonely_list_members(text, mentions);
  // The spans collected from the mentions, to check the automaton's use of the accepted ones.
  add_surname_mentions(text, mentions, MatchEngine::naive, nullptr);
  std::sort(mentions.begin(), mentions.end(), [](const Mention& x, const Mention& y) {
    if (x.begin != y.begin) return x.begin < y.begin;
    if (x.entity != y.entity) return x.entity < y.entity;
    return x.end < y.end;
  });
  return mentions;
}

bool Matcher::drop_lonely_list_members(std::string_view text,
                                       std::vector<Mention>& mentions) const {
  // A [list] alias counts only next to another name across the mark: "미·중" but not
  // "초·중·고" or "영·유아". Members support each other ("한·일"), so check against all.
  auto neighbour = [&](const Mention& m) {
    for (const Mention& o : mentions) {
      if (&o == &m || o.entity == m.entity) continue;
      // o ends at the mark before m, or starts right after the mark after m.
      if (o.end < m.begin && m.begin - o.end <= 2 && is_list_mark(cp_before(text, m.begin)))
        return true;
      if (o.begin > m.end && o.begin - m.end <= 2 && is_list_mark(cp_at(text, m.end))) return true;
    }
    return false;
  };
  // A headline's topic abbreviation at the start of a line or a quote: "중, 보복 관세".
  auto headline_topic = [&](const Mention& m) {
    const char32_t before = cp_before(text, m.begin);
    const bool opens = m.begin == 0 || before == '\n' || before == '"' || before == '\'';
    return opens && cp_at(text, m.end) == ',';
  };
  std::vector<Mention> kept;
  for (const Mention& m : mentions)
    if (hot_[m.alias].context != AliasContext::list || neighbour(m) || headline_topic(m))
      kept.push_back(m);
  const bool dropped = kept.size() != mentions.size();
  mentions.swap(kept);
  return dropped;
}

void Matcher::add_surname_mentions(
    std::string_view text, std::vector<Mention>& mentions, MatchEngine engine,
    const std::vector<std::pair<std::size_t, std::size_t>>* given_spans) const {
  // Person -> the end of their first mention in the longest-first order of overlap
  // resolution (longest, then earliest), sorted by person.
  struct Seen {
    std::uint32_t entity;
    std::size_t length, end;
  };
  thread_local std::vector<Seen> first_seen;
  first_seen.clear();
  for (const Mention& m : mentions)
    if (has_surname_[m.entity]) first_seen.push_back({m.entity, m.end - m.begin, m.end});
  if (first_seen.empty()) return;
  std::sort(first_seen.begin(), first_seen.end(), [](const Seen& x, const Seen& y) {
    if (x.entity != y.entity) return x.entity < y.entity;
    if (x.length != y.length) return x.length > y.length;
    return x.end < y.end;
  });
  first_seen.erase(std::unique(first_seen.begin(), first_seen.end(),
                               [](const Seen& x, const Seen& y) { return x.entity == y.entity; }),
                   first_seen.end());
  // Only the surnames of the people seen count, after their first mention: bit (b - 'a') of
  // pairs[a - 'A'] says one of them starts with the letters a, b (every surname starts with a
  // capital and a small letter), so most capitals are passed over at once.
  std::uint32_t pairs[26] = {};
  std::size_t from = text.size();
  for (const Seen& seen : first_seen) {
    for (std::uint32_t k = surname_pair_begin_[seen.entity];
         k < surname_pair_begin_[seen.entity + 1]; ++k)
      pairs[surname_pairs_[k] >> 5] |= std::uint32_t{1} << (surname_pairs_[k] & 31);
    from = std::min(from, seen.end);
  }
  thread_local std::vector<Mention> extra;
  extra.clear();
  // The mentions' spans by start, with the running maximum of their ends, to tell in log time
  // whether a span overlaps any of them; `given_spans` if there are, else made from `mentions`
  // when a surname is first found.
  thread_local std::vector<std::pair<std::size_t, std::size_t>> own_spans;
  thread_local std::vector<std::size_t> max_end;
  const std::vector<std::pair<std::size_t, std::size_t>>* spans = given_spans;
  auto covered = [&](std::size_t b, std::size_t e) {
    if (spans == nullptr) {
      own_spans.clear();
      for (const Mention& m : mentions) own_spans.emplace_back(m.begin, m.end);
      std::sort(own_spans.begin(), own_spans.end());
      max_end.resize(own_spans.size());
      for (std::size_t k = 0; k < own_spans.size(); ++k)
        max_end[k] = std::max(own_spans[k].second, k > 0 ? max_end[k - 1] : 0);
      spans = &own_spans;
    }
    if (spans == given_spans) {
      // Disjoint spans: their ends are sorted too. The first ending after b starts before e?
      const auto it = std::upper_bound(
          spans->begin(), spans->end(), b,
          [](std::size_t b, const std::pair<std::size_t, std::size_t>& s) { return b < s.second; });
      return it != spans->end() && it->first < e;
    }
    // The spans starting before e; one of them reaches past b?
    const auto it =
        std::lower_bound(spans->begin(), spans->end(), std::make_pair(e, std::size_t{0}));
    const std::size_t n = static_cast<std::size_t>(it - spans->begin());
    return n > 0 && max_end[n - 1] > b;
  };
  // An occurrence of a surname naming `entity` at [p, e), already checked for its sides.
  auto add = [&](std::size_t p, std::size_t e, std::uint32_t entity) {
    const auto seen =
        std::lower_bound(first_seen.begin(), first_seen.end(), entity,
                         [](const Seen& x, std::uint32_t entity) { return x.entity < entity; });
    if (seen == first_seen.end() || seen->entity != entity || p < seen->end) return;
    Mention m;
    m.begin = p;
    m.end = e;
    m.entity = entity;
    m.alias = first_alias_[entity];
    extra.push_back(m);
  };
  auto latin_or_digit = [](Script s) { return s == Script::latin || s == Script::digit; };
  if (engine == MatchEngine::naive) {
    for (std::uint32_t entity = 0; entity < surnames_.size(); ++entity)
      for (const std::string& name : surnames_[entity])
        for (std::size_t p = text.find(name); p != std::string_view::npos;
             p = text.find(name, p + 1)) {
          const std::size_t e = p + name.size();
          if (latin_or_digit(script_of(cp_before(text, p))) ||
              latin_or_digit(script_of(cp_at(text, e))) || covered(p, e))
            continue;
          add(p, e, entity);
        }
  } else {
    // Every occurrence of a surname with no Latin letter or digit on either side. Surnames are
    // made of [A-Za-z.-] and start with a capital, so such an occurrence starts at a capital
    // with no ASCII letter before it and runs over name bytes to a '.', a '-' or the end of
    // the run: only those spans are looked up. Capitals are rare in Korean text; sixteen (or
    // eight) bytes at a time are tested for one.
    auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    auto is_mark = [](char c) { return c == '.' || c == '-'; };
    const std::size_t n = text.size();
    auto capital_at = [&](std::size_t p) {
      if (p + 1 >= n) return;
      const unsigned second = static_cast<unsigned char>(text[p + 1]) - unsigned{'a'};
      if (second >= 26 || (pairs[text[p] - 'A'] >> second & 1) == 0) return;
      if (p > 0 && is_letter(text[p - 1])) return;
      if ((p == 0 || !is_mark(text[p - 1])) && latin_or_digit(script_of(cp_before(text, p))))
        return;
      const std::size_t last = std::min(n, p + surname_max_length_);
      for (std::size_t e = p + 1; e <= last; ++e) {
        const bool run_end = e == n || !(is_letter(text[e]) || is_mark(text[e]));
        if (!run_end && !is_mark(text[e])) continue;
        if (!run_end || !latin_or_digit(script_of(cp_at(text, e)))) {
          const std::uint32_t k = surname_index_.find(text.substr(p, e - p));
          if (k != StringIndex::kAbsent && !covered(p, e))
            for (std::uint32_t x = surname_begin_[k]; x < surname_begin_[k + 1]; ++x)
              add(p, e, surname_entities_[x]);
        }
        if (run_end) break;
      }
    };
    std::size_t i = from;  // no surname counts before the first full name ends
#if defined(__SSE2__)
    // Sixteen bytes at a time: a byte is a capital if it is above '@' and below '[' as a signed
    // byte (bytes from 0x80 are negative).
    const __m128i above = _mm_set1_epi8('A' - 1);
    const __m128i below = _mm_set1_epi8('Z' + 1);
    for (; i + 16 <= n; i += 16) {
      const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      auto capitals = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(w, above), _mm_cmplt_epi8(w, below))));
      for (; capitals != 0; capitals &= capitals - 1)
        capital_at(i + static_cast<std::size_t>(std::countr_zero(capitals)));
    }
#else
    // Eight bytes at a time.
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, 8);
      // The high bit of each byte: set where the byte is in 'A'..'Z' (0x41..0x5A).
      const std::uint64_t low = w & (0x7F * kOnes);
      const std::uint64_t capitals =
          (low + 0x3F * kOnes) & ~(low + 0x25 * kOnes) & ~w & (0x80 * kOnes);
      if (capitals == 0) continue;
      for (std::size_t k = i; k < i + 8; ++k)
        if (text[k] >= 'A' && text[k] <= 'Z') capital_at(k);
    }
#endif
    for (; i < n; ++i)
      if (text[i] >= 'A' && text[i] <= 'Z') capital_at(i);
  }
  // Two people sharing a surname: the name is ambiguous, drop it.
  std::sort(extra.begin(), extra.end(), [](const Mention& x, const Mention& y) {
    return std::tie(x.begin, x.entity, x.end) < std::tie(y.begin, y.entity, y.end);
  });
  for (std::size_t i = 0; i < extra.size();) {
    std::size_t j = i;
    while (j < extra.size() && extra[j].begin == extra[i].begin) ++j;
    if (extra[i].entity == extra[j - 1].entity)
      mentions.insert(mentions.end(), extra.begin() + static_cast<std::ptrdiff_t>(i),
                      extra.begin() + static_cast<std::ptrdiff_t>(j));
    i = j;
  }
}

}  // namespace relgraph
