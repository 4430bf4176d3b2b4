// EntityDiscoverer: people no rule lists, from the titles news text gives them (discover.h).
#include "discover/discover.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <functional>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "match/particles.h"
#include "unicode/ascii.h"
#include "unicode/byte_scan.h"

namespace relgraph {

namespace {

constexpr std::string_view kPersonPrefix = "person:";
constexpr std::string_view kCompanyPrefix = "company:";

// A Hangul syllable (U+AC00..U+D7A3) at s[i], as its index 0..11171, or -1.
int syllable_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return -1;
  const auto b0 = static_cast<unsigned char>(s[i]), b1 = static_cast<unsigned char>(s[i + 1]),
             b2 = static_cast<unsigned char>(s[i + 2]);
  if (b0 < 0xEA || b0 > 0xED || (b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) return -1;
  const int cp = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F);
  return cp >= 0xAC00 && cp <= 0xD7A3 ? cp - 0xAC00 : -1;
}

// The number of syllables if `s` is only Hangul syllables, else 0.
std::size_t hangul_syllables(std::string_view s) {
  if (s.empty() || s.size() % 3 != 0) return 0;
  for (std::size_t i = 0; i < s.size(); i += 3)
    if (syllable_at(s, i) < 0) return 0;
  return s.size() / 3;
}

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_alnum(char c) {
  return is_ascii_upper(c) || is_ascii_lower(c) || (c >= '0' && c <= '9');
}

// Punctuation that may open or close a word around a name: ASCII, and the middle dot, brackets
// and ellipsis normalise() leaves (its quotes are already ASCII).
constexpr std::string_view kOpenMarks[] = {"\"", "'",  "(",  "[",  "<",  "{", "·",
                                           "「", "『", "《", "〈", "【", "…"};
constexpr std::string_view kCloseMarks[] = {"\"", "'", ")", "]",  ">",  "}",  ",",  ".",  "!", "?",
                                            ":",  ";", "·", "」", "』", "》", "〉", "】", "…"};

// A set of strings looked up by string_view without a copy.
struct ViewHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

// Three bytes at s[i] (a Hangul syllable, or the end of "CEO") hashed to 16 bits, for filters.
std::size_t key_at(std::string_view s, std::size_t i) {
  const std::uint32_t bytes = static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])) << 16 |
                              static_cast<std::uint32_t>(static_cast<unsigned char>(s[i + 1]))
                                  << 8 |
                              static_cast<unsigned char>(s[i + 2]);
  return (bytes * 0x9E3779B1u) >> 16;
}

// Six bytes at s[i] (two syllables) hashed to 16 bits.
std::size_t pair_key(std::string_view s, std::size_t i) {
  return (key_at(s, i) * 0x9E37u + key_at(s, i + 3)) & 0xFFFFu;
}

// The first and last bytes of the marks below: a word whose first (last) byte is none of them
// has no mark to strip there.
constexpr std::array<bool, 256> mark_bytes(bool last) {
  std::array<bool, 256> t{};
  for (const char* m :
       {"\"", "'", "(", "[", "<", "{", "·", "「", "『", "《", "〈", "【", "…",  ")",
        "]",  ">", "}", ",", ".", "!", "?", ":",  ";",  "」", "』", "》", "〉", "】"}) {
    const std::string_view v(m);
    t[static_cast<unsigned char>(last ? v.back() : v.front())] = true;
  }
  return t;
}
constexpr std::array<bool, 256> kMarkFirst = mark_bytes(false), kMarkLast = mark_bytes(true);

struct Word {
  std::size_t b = 0, e = 0;  // the word without the marks around it
  std::size_t next = 0;      // where the next word may start
  bool closed = false;       // a mark followed it (a comma, a quote...): a name ends there
  bool opened = false;       // a mark opened it
};

constexpr std::array<bool, 256> space_bytes() {
  std::array<bool, 256> t{};
  t[' '] = t['\n'] = t['\t'] = true;
  return t;
}
constexpr std::array<bool, 256> kSpace = space_bytes();

// The length of the mark that ends `s` (0: none); its last byte is one of kMarkLast.
std::size_t closing_mark(std::string_view s) {
  // Past ASCII, a mark is "·" (C2 B7) or three bytes from E2 or E3; a Hangul syllable's
  // first byte is EA-ED.
  const auto last = static_cast<unsigned char>(s.back());
  if (last >= 0x80 && !(s.size() >= 2 && static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) &&
      !(s.size() >= 3 && (static_cast<unsigned char>(s[s.size() - 3]) & 0xFE) == 0xE2))
    return 0;
  for (std::string_view m : kCloseMarks)
    if (s.size() >= m.size() && s.substr(s.size() - m.size()) == m) return m.size();
  return 0;
}
std::size_t opening_mark(std::string_view s) {
  for (std::string_view m : kOpenMarks)
    if (s.substr(0, m.size()) == m) return m.size();
  return 0;
}

// The first space at or after `j` in [j, e), or e (`j` itself if it is past e).
std::size_t next_space(std::string_view text, std::size_t j, std::size_t e) {
  for (;; ++j) {
    j = first_byte_at_most(text, j, e, ' ');
    if (j >= e || kSpace[static_cast<unsigned char>(text[j])]) return j;
  }
}

// The word at or after `i` in [i, e) (none: b == e == e), without the marks around it.
Word next_word(std::string_view text, std::size_t i, std::size_t e) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  while (i < e && kSpace[bytes[i]]) ++i;
  const std::size_t j = next_space(text, i, e);
  Word w{i, j, j, false, false};
  while (w.b < w.e && kMarkFirst[bytes[w.b]]) {
    const std::size_t n = opening_mark(text.substr(w.b, w.e - w.b));
    if (n == 0) break;
    w.b += n;
    w.opened = true;
  }
  // A Hangul syllable's last byte may equal a mark's: only then are the marks compared.
  while (w.b < w.e && kMarkLast[bytes[w.e - 1]]) {
    const std::size_t n = closing_mark(text.substr(w.b, w.e - w.b));
    if (n == 0) break;
    w.e -= n;
    w.closed = true;
  }
  return w;
}

}  // namespace

std::string discovered_id(std::string_view type, std::string_view label) {
  std::string id(type);
  id += ':';
  id += label;
  return id;
}

bool parse_discovered_id(std::string_view id, std::string& type, std::string& label) {
  for (const std::string_view prefix : {kPersonPrefix, kCompanyPrefix}) {
    if (id.size() <= prefix.size() || id.substr(0, prefix.size()) != prefix) continue;
    type = std::string(prefix.substr(0, prefix.size() - 1));
    label = std::string(id.substr(prefix.size()));
    return true;
  }
  return false;
}

struct EntityDiscoverer::Tables {
  std::bitset<11172> surname1, given, not_end;  // by syllable index
  StringSet surname2;                           // two-syllable surnames
  StringSet titles;                             // a title word, a particle may follow
  std::vector<std::string> title_ends;          // glued to an office: 금융감독원장
  std::bitset<65536> title_last;                // key_at of the last 3 bytes of every title
  std::bitset<65536> title_pair;      // pair_key of the last 6 bytes of every longer title
  std::bitset<65536> title_short;     // key_at of the titles of 3 bytes (a syllable, "CEO")
  StringSet not_names;                // words shaped like names that are not
  StringSet en_titles;                // lowercased
  std::bitset<65536> en_title_start;  // the first two bytes of every English title
  StringSet en_not_names;
  StringSet en_surnames;  // Korean family names in Latin letters, as written: Kim, Kang
  ParticleSet particles;  // particle.* only: what may follow a name
  std::vector<std::uint8_t> rule_person;  // by rule entity number: 1 for a person
  // Companies.
  std::vector<std::string> company_suffixes;  // 홀딩스, 파트너스: glued to a name or after it
  std::bitset<65536> suffix_last;             // key_at of their last syllable
  std::vector<std::string> company_nouns;  // 기업, 업체, 합작법인: a word ending with one
  std::bitset<65536> company_noun_last;
  std::vector<std::string> naming_nouns;   // 합작사, 자회사: a bare name after one may stand
  std::vector<std::string> owned_nouns;    // 지분, 주가: a word starting with one, after a name
  std::bitset<65536> owned_first;          // key_at of their first syllable
  std::bitset<11172> loan_syllable;        // syllables of borrowed words (스, 르, 트...)
  StringSet not_loan;                      // borrowed common nouns (브랜드, 플랫폼...)
  StringSet en_heads;                      // Company, Shipyard, Inc...: as written
  StringSet en_abbreviations;              // Co, Inc, Corp, Ltd: a head left out of the label
  std::vector<std::uint8_t> rule_company;  // by rule entity number: 1 for a company
  std::vector<std::uint8_t> rule_country;  // by rule entity number: 1 for a country
  StringSet not_foreign;                   // words before a country that are no name: 이날
  std::bitset<11172> office_end;           // syllables that end offices and parties: 부, 당

  bool enabled = false;

  bool korean_title(std::string_view word) const {
    // The longest stem whose tail is particles: "의원은" -> 의원, "금융감독원장은" -> ...원장.
    // A tail is at most a few particles of a syllable or two each.
    const std::size_t shortest = word.size() > 18 ? word.size() - 15 : 3;
    for (std::size_t cut = word.size(); cut >= shortest; cut -= 3) {
      const std::size_t last = key_at(word, cut - 3);
      if (!title_last[last]) continue;
      if (!title_short[last] && !(cut >= 6 && title_pair[pair_key(word, cut - 6)])) continue;
      const std::string_view stem = word.substr(0, cut);
      if (!particles.accepts(word.substr(cut))) continue;
      if (titles.find(stem) != titles.end()) return true;
      for (const std::string& end : title_ends)
        if (stem.size() > end.size() && stem.substr(stem.size() - end.size()) == end) return true;
    }
    return false;
  }
  bool korean_name(std::string_view word) const {
    const std::size_t n = hangul_syllables(word);
    // Three or four syllables: two-syllable words before a title are mostly not names (이날,
    // 나온), and the names of two syllables are left to the rules.
    if (n < 3 || n > 4 || not_names.find(word) != not_names.end()) return false;
    std::size_t given_from = 1;
    if (n == 4) {
      if (surname2.find(word.substr(0, 6)) == surname2.end()) return false;
      given_from = 2;
    } else if (!surname1[static_cast<std::size_t>(syllable_at(word, 0))]) {
      return false;
    }
    for (std::size_t k = given_from; k < n; ++k)
      if (!given[static_cast<std::size_t>(syllable_at(word, 3 * k))]) return false;
    return !not_end[static_cast<std::size_t>(syllable_at(word, word.size() - 3))];
  }
  // A word that may stand between a name and its title: an organisation ("더불어민주당",
  // "업스테이지", "외교부") carries no particle.
  bool bare_word(std::string_view word) const {
    if (word.empty() || word.find_first_of("\"'") != std::string_view::npos) return false;
    for (std::size_t cut = word.size() - 3; cut > 0 && cut < word.size(); cut -= 3)
      if (syllable_at(word, cut) >= 0 && particles.accepts(word.substr(cut))) return false;
    return true;
  }
  // `word` without its longest tail of particles, keeping two syllables at least
  // ("라이너스에" -> 라이너스); `word` itself if none.
  // A tail of two particles or more never starts with 이 or 나 ("이는", "나는" are no stack:
  // those syllables end the name, "쎄트렉아이는" -> 쎄트렉아이, "프로티나는" -> 프로티나),
  // unless the whole tail is one particle ("이나", "이라는").
  std::string_view korean_stem(std::string_view word) const {
    std::size_t best = word.size();
    for (std::size_t cut = word.size();
         cut >= 9 && word.size() - cut < 12 && syllable_at(word, cut - 3) >= 0; cut -= 3) {
      const std::string_view tail = word.substr(cut - 3);
      if (!particles.accepts(tail)) continue;
      if (tail.size() > 3 && (tail.starts_with("이") || tail.starts_with("나"))) {
        const auto parts = particles.segment(tail);
        if (parts && parts->size() > 1) continue;
      }
      best = cut - 3;
    }
    return word.substr(0, best);
  }
  // The length of the first of `ends` (longest first) that `s` ends with; 0 if none.
  static std::size_t ending(std::string_view s, const std::vector<std::string>& ends) {
    for (const std::string& end : ends)
      if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return end.size();
    return 0;
  }
  // The length of the corporate suffix `stem` ends with (0: none): 그랜드오푸스홀딩스.
  std::size_t company_suffix(std::string_view stem) const {
    if (stem.size() < 6 || !suffix_last[key_at(stem, stem.size() - 3)]) return 0;
    return ending(stem, company_suffixes);
  }
  // A word that names what a company is, without a particle: 기업, 방산업체, 합작법인.
  bool company_noun(std::string_view word) const {
    if (word.size() < 6 || !company_noun_last[key_at(word, word.size() - 3)]) return false;
    return ending(word, company_nouns) != 0;
  }
  // A word ending in a noun that introduces a company's own name: 합작사, 자회사.
  bool naming_noun(std::string_view word) const {
    return word.size() >= 6 && ending(word, naming_nouns) != 0;
  }
  // A word starting with what only a company has, after its name: 지분, 주가, 경영권.
  bool owned_noun(std::string_view word) const {
    if (word.size() < 6 || !owned_first[key_at(word, 0)]) return false;
    for (const std::string& n : owned_nouns)
      if (word.substr(0, n.size()) == n) return true;
    return false;
  }
  // A Hangul word of two syllables or more with a syllable only borrowed words have, and no
  // borrowed common noun: 라이너스, 부마르, but not 경쟁력 or 플랫폼.
  bool loan_name(std::string_view stem) const {
    const std::size_t n = hangul_syllables(stem);
    if (n < 2 || not_loan.find(stem) != not_loan.end() || not_names.find(stem) != not_names.end())
      return false;
    for (std::size_t i = 0; i < stem.size(); i += 3)
      if (loan_syllable[static_cast<std::size_t>(syllable_at(stem, i))]) return true;
    return false;
  }
  // The part of a Korean company name before its suffix: Hangul syllables, ASCII letters and
  // digits, '-' and '&' (MBK파트너스, SK하이닉스).
  static bool company_prefix(std::string_view prefix) {
    if (prefix.empty()) return false;
    for (std::size_t i = 0; i < prefix.size();) {
      if (syllable_at(prefix, i) >= 0) {
        i += 3;
      } else if (is_ascii_alnum(prefix[i]) || prefix[i] == '-' || prefix[i] == '&') {
        ++i;
      } else {
        return false;
      }
    }
    return true;
  }
  // A word of an English company name: capitalised or a number, letters, digits, '-', '&'
  // ("HL-GA", "WuXi", "3M"), no title and none of name.not-en.
  bool en_company_word(std::string_view w) const {
    if (w.size() < 2 || w.size() > kLongest ||
        !(is_ascii_upper(w[0]) || (w[0] >= '0' && w[0] <= '9')))
      return false;
    bool letter = false;
    for (const char c : w) {
      if (is_ascii_upper(c) || is_ascii_lower(c)) {
        letter = true;
      } else if (!(c >= '0' && c <= '9') && c != '-' && c != '&') {
        return false;
      }
    }
    return letter && !holds_lowered(en_not_names, w);
  }
  // A kind of firm named in lower case before or in an apposition after a company's name
  // ("charging operator Everon", "SK Signet, an EV charger maker").
  static bool en_kind(std::string_view w) {
    static const std::unordered_set<std::string_view> kinds = {
        "maker",     "company",   "firm",         "operator",    "startup",      "start-up",
        "provider",  "developer", "manufacturer", "supplier",    "retailer",     "carmaker",
        "automaker", "chipmaker", "steelmaker",   "shipbuilder", "conglomerate", "lender",
        "insurer",   "newspaper", "broadcaster",  "distributor", "producer",     "brewer",
        "airline",   "carrier",   "miner",        "refiner",     "platform",     "subsidiary",
        "affiliate", "automaker", "shipper",      "designer",    "builder",      "publisher",
        "exchange",  "bank",      "fund"};
    return kinds.count(w) != 0;
  }
  // A word that may follow the kind of firm heading an apposition: "an EV maker in which",
  // "the maker of", "a firm that", "a Seoul-based startup founded in 2019".
  static bool en_kind_follower(std::string_view w) {
    static const std::unordered_set<std::string_view> followers = {
        "in",    "of",      "that",  "which",         "whose",  "with",
        "based", "founded", "known", "headquartered", "backed", "owned"};
    return followers.count(w) != 0;
  }
  bool en_head(std::string_view w) const {
    return !w.empty() && is_ascii_upper(w[0]) && en_heads.find(w) != en_heads.end();
  }

  // A word of a foreign name written in Hangul: two to five syllables, not ending like a
  // particle or verb, no noun of the lexicons ("자하로바", "미노루", "린젠").
  bool foreign_name_word(std::string_view w, bool first_word) const {
    const std::size_t n = hangul_syllables(w);
    // (A first name of one syllable: "존 펠런".)
    if (n < (first_word ? 1 : 2) || n > 5 || not_names.find(w) != not_names.end() ||
        not_foreign.find(w) != not_foreign.end() || titles.find(w) != titles.end())
      return false;
    return !not_end[static_cast<std::size_t>(syllable_at(w, w.size() - 3))];
  }
  // Whether `w` ends in a syllable that ends offices and parties (부, 당, 청...): no name.
  bool foreign_end_blocked(std::string_view w) const {
    return w.size() >= 3 && syllable_at(w, w.size() - 3) >= 0 &&
           office_end[static_cast<std::size_t>(syllable_at(w, w.size() - 3))];
  }
  // The surname of a Korean name (one syllable, or two for 남궁, 황보...).
  std::string_view surname_of(std::string_view name) const {
    if (hangul_syllables(name) == 4) return name.substr(0, 6);
    return name.substr(0, 3);
  }
  // "Raphael", "Jae-myung", "O'Neil": a capitalised word of letters.
  bool en_name_word(std::string_view w) const {
    if (w.size() < 2 || !is_ascii_upper(w[0])) return false;
    bool lower = false;
    for (std::size_t i = 1; i < w.size(); ++i) {
      const char c = w[i];
      if (is_ascii_lower(c)) {
        lower = true;
      } else if (!(c == '-' || c == '\'' || is_ascii_upper(c))) {
        return false;
      }
    }
    return lower && !holds_lowered(en_not_names, w);
  }
  // "WuXi", "HiteJinro", "ChargePoint": a capitalised word with a capital after a lower-case
  // letter inside, of letters only, and not a family name's prefix (McDonald, DeSantis, LeBron,
  // MacArthur, DiMaggio, VanDyke, LaGuardia).
  bool camel_word(std::string_view w) const {
    if (w.size() < 4 || !is_ascii_upper(w[0]) || !en_company_word(w)) return false;
    for (const std::string_view prefix : {"Mc", "Mac", "De", "Di", "Da", "Du", "Le", "La", "Van",
                                          "Von", "Del", "Della", "Fitz", "St"})
      if (w.size() > prefix.size() && w.substr(0, prefix.size()) == prefix &&
          is_ascii_upper(w[prefix.size()]))
        return false;
    for (std::size_t i = 1; i + 1 < w.size(); ++i)
      if (is_ascii_lower(w[i]) && is_ascii_upper(w[i + 1])) return true;
    return false;
  }
  // "Nam-hoon": a given name of two parts, both in letters, the second in lower case.
  static bool hyphenated_given_name(std::string_view w) {
    const std::size_t hyphen = w.find('-');
    if (hyphen < 2 || hyphen == std::string_view::npos || hyphen + 2 >= w.size() ||
        !is_ascii_upper(w[0]))
      return false;
    for (std::size_t i = 1; i < w.size(); ++i)
      if (i != hyphen && !is_ascii_lower(w[i])) return false;
    return true;
  }
  // A Korean name as English text writes it: "Kang Nam-hoon" (a family name of the list and a
  // hyphenated given name).
  bool korean_latin_name(std::string_view surname, std::string_view given) const {
    return en_surnames.find(surname) != en_surnames.end() && hyphenated_given_name(given);
  }
  bool en_title(std::string_view w) const {
    return w.size() >= 2 && en_title_start[lower_pair(w)] && holds_lowered(en_titles, w);
  }
  // Whether `set` (of lowercased words, none longer than kLongest) holds `w` lowercased; no copy
  // is allocated.
  static constexpr std::size_t kLongest = 32;
  static bool holds_lowered(const StringSet& set, std::string_view w) {
    if (w.size() > kLongest) return false;
    char buffer[kLongest];
    for (std::size_t i = 0; i < w.size(); ++i)
      buffer[i] = is_ascii_upper(w[i]) ? static_cast<char>(w[i] - 'A' + 'a') : w[i];
    return set.find(std::string_view(buffer, w.size())) != set.end();
  }
  static std::size_t lower_pair(std::string_view w) {
    auto lower = [](char c) {
      return static_cast<unsigned char>(is_ascii_upper(c) ? c - 'A' + 'a' : c);
    };
    return std::size_t{lower(w[0])} << 8 | lower(w[1]);
  }
};

EntityDiscoverer::EntityDiscoverer() : t_(std::make_unique<Tables>()) {}
EntityDiscoverer::~EntityDiscoverer() = default;

bool EntityDiscoverer::enabled() const { return t_->enabled; }

std::shared_ptr<const EntityDiscoverer> EntityDiscoverer::compile(const RuleSet& rules) {
  std::shared_ptr<EntityDiscoverer> d(new EntityDiscoverer());
  Tables& t = *d->t_;
  auto words_of = [&rules](const char* name) {
    std::vector<std::string> out;
    if (const Lexicon* l = rules.find_lexicon(name))
      for (const LexiconEntry& e : l->entries) out.push_back(e.text);
    return out;
  };
  for (const std::string& s : words_of("name.surname")) {
    const std::size_t n = hangul_syllables(s);
    if (n == 1) t.surname1.set(static_cast<std::size_t>(syllable_at(s, 0)));
    if (n == 2) t.surname2.insert(s);
  }
  for (const std::string& g : words_of("name.not-end"))
    if (const int k = syllable_at(g, 0); k >= 0 && g.size() == 3)
      t.not_end.set(static_cast<std::size_t>(k));
  t.rule_person.reserve(rules.entities.size());
  for (const Entity& e : rules.entities) t.rule_person.push_back(e.type == "person" ? 1 : 0);
  for (const std::string& g : words_of("name.given"))
    for (std::size_t i = 0; i + 3 <= g.size(); i += 3)
      if (const int k = syllable_at(g, i); k >= 0) t.given.set(static_cast<std::size_t>(k));
  if (const Lexicon* l = rules.find_lexicon("noun.title"))
    for (const LexiconEntry& e : l->entries)
      if (e.position != WordPosition::word && e.text.find(' ') == std::string::npos)
        t.titles.insert(e.text);
  t.title_ends = words_of("name.title-end");
  auto filter_title = [&t](const std::string& title) {
    if (title.size() < 3) return;
    t.title_last.set(key_at(title, title.size() - 3));
    if (title.size() >= 6) {
      t.title_pair.set(pair_key(title, title.size() - 6));
    } else {
      t.title_short.set(key_at(title, title.size() - 3));
    }
  };
  for (const std::string& title : t.titles) filter_title(title);
  for (const std::string& end : t.title_ends) filter_title(end);
  std::sort(t.title_ends.begin(), t.title_ends.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const char* lex : {"name.not", "noun.actor", "noun.plain", "noun.government",
                          "noun.location", "noun.venture", "noun.affiliate", "noun.title"})
    for (const std::string& w : words_of(lex)) t.not_names.insert(w);
  for (const std::string& w : words_of("name.title-en")) {
    if (w.size() < 2 || w.size() > Tables::kLongest) continue;  // (holds_lowered's limit)
    t.en_titles.insert(ascii_lower(w));
    t.en_title_start.set(Tables::lower_pair(w));
  }
  // A title is no part of a name ("Chief Executive Officer Jensen Huang").
  t.en_not_names = t.en_titles;
  for (const std::string& w : words_of("name.surname-en")) t.en_surnames.insert(w);
  for (const std::string& w : words_of("name.not-en"))
    if (w.size() <= Tables::kLongest) t.en_not_names.insert(ascii_lower(w));
  for (const char* lex : {"particle.subject", "particle.object", "particle.dative",
                          "particle.comitative", "particle.genitive", "particle.other"})
    for (const std::string& p : words_of(lex)) t.particles.add(p);
  for (const Entity& e : rules.entities) {
    t.rule_company.push_back(e.type == "company" ? 1 : 0);
    t.rule_country.push_back(e.type == "country" ? 1 : 0);
  }
  for (const std::string& w : words_of("name.not-foreign")) t.not_foreign.insert(w);
  for (const std::string& w : words_of("name.office-end"))
    if (const int k = syllable_at(w, 0); k >= 0 && w.size() == 3)
      t.office_end.set(static_cast<std::size_t>(k));
  for (const std::string& w : words_of("company.suffix"))
    if (w.size() >= 6 && hangul_syllables(w) > 0) {
      t.company_suffixes.push_back(w);
      t.suffix_last.set(key_at(w, w.size() - 3));
    }
  for (const std::string& w : words_of("company.noun-end"))
    if (w.size() >= 6 && hangul_syllables(w) > 0) {
      t.company_nouns.push_back(w);
      t.company_noun_last.set(key_at(w, w.size() - 3));
    }
  for (const std::string& w : words_of("company.naming-noun"))
    if (w.size() >= 6 && hangul_syllables(w) > 0) t.naming_nouns.push_back(w);
  // Longest first: the longest suffix is the one cut off.
  for (auto* list : {&t.company_suffixes, &t.company_nouns, &t.naming_nouns})
    std::sort(list->begin(), list->end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& w : words_of("company.owned-start"))
    if (w.size() >= 6 && hangul_syllables(w) > 0) {
      t.owned_nouns.push_back(w);
      t.owned_first.set(key_at(w, 0));
    }
  for (const std::string& w : words_of("company.loan-syllable"))
    if (const int k = syllable_at(w, 0); k >= 0 && w.size() == 3)
      t.loan_syllable.set(static_cast<std::size_t>(k));
  for (const std::string& w : words_of("company.not-loan")) t.not_loan.insert(w);
  for (const std::string& w : words_of("company.head-en")) t.en_heads.insert(w);
  for (const std::string& w : words_of("company.abbreviation-en")) {
    t.en_heads.insert(w);
    t.en_abbreviations.insert(w);
  }
  t.enabled = (t.surname1.any() && t.given.any() && !t.titles.empty()) || !t.en_titles.empty() ||
              !t.company_suffixes.empty() || !t.en_heads.empty();
  return d;
}

Discoveries EntityDiscoverer::find(std::string_view text, const std::vector<Sentence>& sentences,
                                   const std::vector<Mention>& known, std::uint32_t base) const {
  Discoveries out;
  if (!t_->enabled) return out;
  const Tables& t = *t_;
  // The rule mention that overlaps [b, e), if any (known is in text order, and mentions do not
  // nest much: a scan back from the first that starts at or after e is short).
  auto known_at = [&known](std::size_t b, std::size_t e) -> const Mention* {
    auto it = std::lower_bound(known.begin(), known.end(), e,
                               [](const Mention& m, std::size_t pos) { return m.begin < pos; });
    while (it != known.begin()) {
      --it;
      if (it->end > b) return &*it;
      if (it->begin + 64 < b) break;  // no name is that long
    }
    return nullptr;
  };
  auto free_span = [&](std::size_t b, std::size_t e) { return known_at(b, e) == nullptr; };
  // Whether a company's name over [b, e) may stand: every rule mention it overlaps lies inside
  // it, is a company's, and is not the whole of it ("Hanwha" in "Hanwha Philly Shipyard").
  auto company_span = [&](std::size_t b, std::size_t e) {
    auto it = std::lower_bound(known.begin(), known.end(), e,
                               [](const Mention& m, std::size_t pos) { return m.begin < pos; });
    while (it != known.begin()) {
      --it;
      if (it->begin + 64 < b) break;
      if (it->end <= b) continue;
      if (it->begin < b || it->end > e || (it->begin == b && it->end == e)) return false;
      if (it->entity >= t.rule_company.size() || !t.rule_company[it->entity]) return false;
    }
    return true;
  };
  std::unordered_map<std::string, std::uint32_t> index;  // label -> entity
  // How each entity's name is written: its later mentions are looked for by it.
  enum class Script : std::uint8_t { latin, hangul, foreign_hangul };
  std::vector<Script> scripts;  // per entity
  bool any_foreign = false;
  auto add = [&](std::string_view label, Script script, bool company = false) {
    const auto [it, added] =
        index.emplace(std::string(label), static_cast<std::uint32_t>(out.entities.size()));
    if (added) {
      const std::string_view type = company ? "company" : "person";
      out.entities.push_back(
          {discovered_id(type, label), std::string(type), std::string(label), company});
      scripts.push_back(script);
    } else if (script == Script::foreign_hangul) {
      scripts[it->second] = script;  // (a foreign name found again, by its country)
    }
    any_foreign = any_foreign || script == Script::foreign_hangul;
  };
  auto korean = [&scripts](std::uint32_t k) { return scripts[k] != Script::latin; };
  // A Korean company: a corporate suffix glued to its name ("그랜드오푸스홀딩스는") or a word
  // after it ("에어버스 헬리콥터스와", the name a rule company's or borrowed), or a name that
  // looks borrowed after a company noun ("희토류 기업 라이너스에"). `prev`: the word before.
  // Names found after a company noun that only their recurrence confirms: [b, e) in text.
  std::vector<std::pair<std::size_t, std::size_t>> recurring;
  std::array<Word, 8> ring{};
  std::size_t count = 0;
  auto korean_company = [&](const Word& word, std::string_view w, const Word* prev) {
    // Most words have no suffix's last syllable where a stem may end, and no company noun
    // before them: they are passed over before any particle is looked up.
    bool may_have_suffix = false;
    for (std::size_t cut = w.size(); cut >= 6 && w.size() - cut <= 12 && !may_have_suffix; cut -= 3)
      may_have_suffix = t.suffix_last[key_at(w, cut - 3)];
    const std::string_view p = prev ? text.substr(prev->b, prev->e - prev->b) : std::string_view();
    if (!may_have_suffix && !(prev && t.company_noun(p))) return;
    const std::string_view stem = t.korean_stem(w);
    const std::size_t stem_e = word.b + stem.size();
    if (const std::size_t suffix = t.company_suffix(stem)) {
      if (suffix < stem.size()) {
        // (A company noun is no name: "미국 벤처캐피털 굿워터캐피탈과".)
        if (t.company_prefix(stem.substr(0, stem.size() - suffix)) &&
            t.not_names.find(stem) == t.not_names.end() &&
            t.ending(stem, t.company_nouns) != stem.size() &&
            t.not_loan.find(stem) == t.not_loan.end() && company_span(word.b, stem_e))
          add(stem, Script::hangul, true);
        return;
      }
      // The suffix as a word of its own takes a particle: "엔비디아 로보틱스 담당" is a division.
      if (!prev || prev->closed || word.opened || stem.size() == w.size()) return;
      const Mention* rule = known_at(prev->b, prev->e);
      const bool rule_company = rule && rule->begin == prev->b && rule->end == prev->e &&
                                rule->entity < t.rule_company.size() &&
                                t.rule_company[rule->entity];
      if ((rule_company || (t.loan_name(p) && !rule)) && company_span(prev->b, stem_e))
        add(text.substr(prev->b, stem_e - prev->b), Script::hangul, true);
      return;
    }
    if (!prev || prev->closed || word.opened || !t.company_noun(p) || !t.bare_word(p)) return;
    if (!t.loan_name(stem) || !free_span(word.b, stem_e) || t.korean_title(w)) return;
    if (stem.size() < w.size())
      add(stem, Script::hangul, true);
    else if (t.naming_noun(p) && hangul_syllables(stem) >= 3)
      recurring.emplace_back(word.b, stem_e);  // "합작사 얼티엄캠 증자": no particle ends it
  };
  // "게임 개발사 노틸러스 모바일의 지분": a borrowed word and a second word with a particle
  // after a company noun, the name if the text puts what only a company has after it (`second`
  // and the two words before it in the ring).
  std::vector<std::pair<std::size_t, std::size_t>> owning;
  auto two_word_company = [&](const Word& second, std::string_view w) {
    const Word& first = ring[(count - 2) % 8];
    const Word& noun = ring[(count - 3) % 8];
    if (first.b == first.e || noun.b == noun.e || first.closed || first.opened || noun.closed ||
        second.opened)
      return;
    const std::string_view f = text.substr(first.b, first.e - first.b);
    const std::string_view n = text.substr(noun.b, noun.e - noun.b);
    if (!t.company_noun(n) || !t.bare_word(n) || !t.bare_word(f) || !t.loan_name(f) ||
        t.company_noun(f))
      return;
    const std::string_view stem = t.korean_stem(w);
    if (stem.size() == w.size() || hangul_syllables(stem) < 2 ||
        t.not_names.find(stem) != t.not_names.end() || t.not_loan.find(stem) != t.not_loan.end() ||
        t.korean_title(w) || t.company_noun(stem) || t.owned_noun(stem) ||
        t.company_suffix(stem) != 0)
      return;
    if (free_span(first.b, second.b + stem.size()))
      owning.emplace_back(first.b, second.b + stem.size());
  };
  // A borrowed-looking name before what only a company has: "로보티즈 지분", "로보티즈의 지분".
  auto owner_company = [&](const Word& owner) {
    if (owner.closed || owner.opened) return;
    std::string_view name = text.substr(owner.b, owner.e - owner.b);
    if (name.size() > 3 && name.substr(name.size() - 3) == "의") name.remove_suffix(3);
    if (t.loan_name(name) && free_span(owner.b, owner.b + name.size()))
      add(name, Script::hangul, true);
  };
  // An English company: capitalised words up to a corporate head, which ends the name
  // ("HL-GA Battery Company", "Hanwha Philly Shipyard"), or to an abbreviation left out of it
  // ("Lynas Corp."). `back` holds the words before the head, the nearest first.
  auto english_company = [&](const Word& head, std::string_view h, const Word* back,
                             std::size_t nback, std::size_t sentence_end) {
    if (!head.closed) {
      const Word next = next_word(text, head.next, sentence_end);
      if (next.b < next.e && !next.opened && is_ascii_upper(text[next.b])) return;
    }
    // A name word no rule mention covers: "Hanwha Philly Shipyard" is a company of its own,
    // but "Hyundai Motor Company" or "Airbus Helicopters" may be the rule company's name.
    const bool abbreviation = t.en_abbreviations.find(h) != t.en_abbreviations.end();
    std::size_t names = 0, first = head.b;
    bool own = false;
    for (std::size_t k = 0; k < nback && k < 3; ++k) {
      const Word& n = back[k];
      const std::string_view nw = text.substr(n.b, n.e - n.b);
      if (n.closed || n.b == n.e) break;
      const bool is_head = t.en_head(nw);
      if (!is_head && !t.en_company_word(nw)) break;
      if (!is_head) ++names;
      own = own || (!is_head && free_span(n.b, n.e));
      first = n.b;
      if (n.opened) break;
    }
    if (names == 0 || !own) return;
    const std::size_t e = abbreviation ? back[0].e : head.e;
    if (company_span(first, e)) add(text.substr(first, e - first), Script::latin, true);
  };
  // Within the loop below: the name in the one or two words before ring word `count - 2 -
  // back` (a country, `back` words before a title).
  // An English company named by a description of it: the capitalised words of its name
  // ("Everon", "Tuoi Tre", "Schwan's Company": a word ending in "'s" only before a corporate
  // head), up to four from word `k`; b == e when there is none, or when a word is shaped like
  // a person's given name ("Jung-soo").
  auto en_name_from = [&](Word k, std::size_t end) -> std::pair<std::size_t, std::size_t> {
    std::size_t first = k.b, last = k.b;
    for (int n = 0; n < 4 && k.b < k.e; ++n, k = next_word(text, k.next, end)) {
      if (k.opened && n > 0) break;
      const std::string_view nw = text.substr(k.b, k.e - k.b);
      const std::size_t hyphen = nw.find('-');
      if (hyphen != std::string_view::npos && hyphen + 1 < nw.size() &&
          is_ascii_lower(nw[hyphen + 1]) && is_ascii_upper(nw[0]) && hyphen > 1 &&
          is_ascii_lower(nw[1]))
        return {first, first};
      if (nw.size() > 3 && nw.substr(nw.size() - 2) == "'s") {
        const Word h = next_word(text, k.next, end);
        if (k.closed || h.b >= h.e || !t.en_head(text.substr(h.b, h.e - h.b)) ||
            !t.en_company_word(nw.substr(0, nw.size() - 2)))
          break;
      } else if (!t.en_company_word(nw) && !t.en_head(nw)) {
        break;
      }
      last = k.e;
      if (k.closed) break;
    }
    return {first, last};
  };
  // Adds the company over [b, e) when a word of it is no rule mention, every rule mention in it
  // is a company's, and it is no person found before.
  auto add_described = [&](std::size_t b, std::size_t e) {
    if (b >= e || !company_span(b, e)) return;
    bool own = false;
    for (Word k = next_word(text, b, e); k.b < k.e && !own; k = next_word(text, k.next, e))
      own = free_span(k.b, k.e) && !t.en_head(text.substr(k.b, k.e - k.b));
    if (!own) return;
    const std::string_view label = text.substr(b, e - b);
    const auto known_label = index.find(std::string(label));
    if (known_label != index.end() && !out.entities[known_label->second].company) return;
    add(label, Script::latin, true);
  };
  // "charging operator Everon", "snack maker Orion": a kind of firm in lower case before the
  // name; "SK Signet, an EV charger maker in which ...", "Xpeng, a Chinese EV maker,": an
  // apposition naming a kind of firm after it.
  auto english_described = [&](const Word& word, std::string_view w, std::size_t end) {
    if (t.en_kind(w)) {
      if (word.closed) return;
      const Word k = next_word(text, word.next, end);
      if (k.b >= k.e || k.opened || !is_ascii_upper(text[k.b])) return;
      const auto [b, e] = en_name_from(k, end);
      add_described(b, e);
      return;
    }
    if (w != "a" && w != "an" && w != "the") return;
    if (count < 2) return;
    const Word& comma = ring[(count - 2) % 8];
    if (!comma.closed || comma.e >= text.size() || text[comma.e] != ',') return;
    // The kind of firm within six words, with no preposition or mark before it, heading its
    // phrase: a mark, a relative or a preposition follows it ("a company spokesman" is none).
    bool described = false;
    Word k = next_word(text, word.next, end);
    for (int n = 0; n < 6 && k.b < k.e; ++n, k = next_word(text, k.next, end)) {
      const std::string_view kw = text.substr(k.b, k.e - k.b);
      if (t.en_kind(kw)) {
        const Word after = next_word(text, k.next, end);
        const std::string_view aw = text.substr(after.b, after.e - after.b);
        described = k.closed || after.b >= after.e || t.en_kind_follower(aw);
        break;
      }
      if (k.closed || t.en_kind_follower(kw) || kw == "for" || kw == "at" || kw == "to" ||
          kw == "on" || kw == "from" || kw == "by" || kw == "and" || kw == "or")
        break;
    }
    if (!described) return;
    // The name: the capitalised words before the comma, from the sentence's start or a
    // lower-case word.
    std::size_t first = comma.b;
    std::size_t back = 1;
    for (; back < 4 && back + 1 < count; ++back) {
      const Word& n = ring[(count - 2 - back) % 8];
      const std::string_view nw = text.substr(n.b, n.e - n.b);
      if (n.closed || n.b >= n.e || !(t.en_company_word(nw) || t.en_head(nw))) break;
      first = n.b;
    }
    if (back + 1 < count) {
      const Word& before = ring[(count - 2 - back) % 8];
      if (!before.closed && before.b < before.e && !is_ascii_lower(text[before.b])) return;
    }
    const auto [b, e] = en_name_from(next_word(text, first, end), end);
    if (e == comma.e) add_described(b, e);
  };
  // "WuXi AppTec", "HiteJinro", "ChargePoint": a name with a capital inside a word, and the
  // capitalised words right after it.
  auto camel_company = [&](const Word& word, std::size_t end) {
    if (!free_span(word.b, word.e)) return;
    const auto [b, e] = en_name_from(word, end);
    if (b < e) add_described(b, e);
  };
  // "with Vietnam's Masan", "Australia's BlueScope": a name after a country's possessive, when a
  // partner's preposition stands before the country, or the name has a corporate head or a
  // capital inside a word (a person's name has neither).
  auto country_company = [&](const Word& word, std::size_t end) {
    if (word.closed) return;
    const Mention* m = known_at(word.b, word.e - 2);
    if (!m || m->end != word.e - 2 || m->entity >= t.rule_country.size() ||
        !t.rule_country[m->entity])
      return;
    const Word k = next_word(text, word.next, end);
    if (k.b >= k.e || k.opened || !is_ascii_upper(text[k.b])) return;
    const auto [b, e] = en_name_from(k, end);
    if (b >= e) return;
    // The word before the country's first word.
    bool partner = false;
    for (std::size_t back = 2; back <= count && back <= 5; ++back) {
      const Word& p = ring[(count - back) % 8];
      if (p.b >= m->begin) continue;
      const std::string_view pw = text.substr(p.b, p.e - p.b);
      partner = !p.closed && (pw == "with" || pw == "to" || pw == "from" || pw == "by");
      break;
    }
    bool marked = false;
    for (std::size_t i = b; i + 1 < e && !marked; ++i)
      marked = is_ascii_lower(text[i]) && is_ascii_upper(text[i + 1]);
    for (Word n = next_word(text, b, e); n.b < n.e && !marked; n = next_word(text, n.next, e))
      marked = t.en_head(text.substr(n.b, n.e - n.b));
    if (partner || marked) add_described(b, e);
  };
  auto fits_foreign = [&](const Word& n, bool first_word) {
    return n.b < n.e && !n.closed && !n.opened &&
           t.foreign_name_word(text.substr(n.b, n.e - n.b), first_word) && free_span(n.b, n.e);
  };
  auto add_foreign = [&](std::size_t b, std::size_t e) {
    add(text.substr(b, e - b), Script::foreign_hangul);
  };
  auto foreign_name = [&](std::size_t back) {
    const Word& last = ring[(count - 2 - back) % 8];
    if (!fits_foreign(last, false)) return false;
    std::size_t first = last.b;
    if (back + 2 < count) {
      const Word& before = ring[(count - 3 - back) % 8];
      if (fits_foreign(before, true)) first = before.b;
    }
    add_foreign(first, last.e);
    return true;
  };
  // Two words of a foreign name that open a clause, right before the title or before an office
  // and the title, with no country: "기하라 미노루 관방장관은", "마리야 자하로바 외무부
  // 대변인도", "티서당의 머저르 페테르 대표는".
  auto bare_foreign_name = [&]() {
    for (std::size_t back = 1; back <= 2 && back + 1 < count; ++back) {
      if (back == 2) {
        const Word& office = ring[(count - 2) % 8];
        const std::string_view o = text.substr(office.b, office.e - office.b);
        if (office.closed || !t.bare_word(o) || !t.foreign_end_blocked(o) ||
            !free_span(office.b, office.e))
          return;
      }
      const Word& last = ring[(count - 1 - back) % 8];
      const Word& first = ring[(count - 2 - back) % 8];
      if (!fits_foreign(last, false) || !fits_foreign(first, false) ||
          t.foreign_end_blocked(text.substr(last.b, last.e - last.b)) ||
          t.foreign_end_blocked(text.substr(first.b, first.e - first.b)))
        continue;
      // The clause opens at `first`: the sentence does, or the word before ends in a mark, a
      // particle or a verb ending.
      bool opens = back + 2 == count;
      if (!opens) {
        const Word& before = ring[(count - 3 - back) % 8];
        const std::string_view b = text.substr(before.b, before.e - before.b);
        opens = before.closed ||
                (b.size() >= 6 && syllable_at(b, b.size() - 3) >= 0 &&
                 (t.particles.accepts(b.substr(b.size() - 3)) || b.substr(b.size() - 3) == "다"));
      }
      if (opens) add_foreign(first.b, last.e);
      return;
    }
  };
  // The words of each sentence in one pass; the last seven are kept for the look back from a
  // title.
  for (const Sentence& s : sentences) {
    count = 0;  // words of the sentence read so far
    for (Word word = next_word(text, s.begin, s.end); word.b < word.next;
         word = next_word(text, word.next, s.end)) {
      ring[count % 8] = word;
      ++count;
      if (word.b == word.e) continue;
      const std::string_view w = text.substr(word.b, word.e - word.b);
      const Word* prev = count >= 2 && ring[(count - 2) % 8].b < ring[(count - 2) % 8].e
                             ? &ring[(count - 2) % 8]
                             : nullptr;
      // (Three syllables at least: a suffix of two after a name or before a particle, or a
      // name after a company noun and its particle.)
      if (static_cast<unsigned char>(w.back()) >= 0x80 && w.size() >= 9)
        korean_company(word, w, prev);
      if (count >= 3 && static_cast<unsigned char>(w[0]) >= 0xEA && w.size() >= 6)
        two_word_company(word, w);
      if (prev && t.owned_noun(w)) owner_company(*prev);
      if (static_cast<unsigned char>(w[0]) >= 0xEA) {
        // A Korean title: the name is the word before it, or before one or two bare words
        // (the party, company or office: "오기형 더불어민주당 의원은").
        if (count == 1 || !t.korean_title(w)) continue;
        bool named = false;
        for (std::size_t back = 1; back <= 3 && back < count; ++back) {
          const Word& n = ring[(count - 1 - back) % 8];
          const std::string_view name = text.substr(n.b, n.e - n.b);
          if (n.closed && back > 1) break;  // "회장, 의원" : a list, not a name
          const Mention* rule = known_at(n.b, n.e);
          // A person the rules know holds the title ("오르반 총리도").
          if (rule && rule->entity < t.rule_person.size() && t.rule_person[rule->entity]) break;
          // A foreign name, in one or two words, before the country and the office: "마리야
          // 자하로바 러시아 외무부 대변인은", "린젠 중국 외교부 대변인은".
          if (rule && rule->end == n.e && back <= 2 && rule->entity < t.rule_country.size() &&
              t.rule_country[rule->entity]) {
            // (The country's mention may hold the office: "중국 외교부".)
            std::size_t c = back;
            while (c + 1 < count && ring[(count - 2 - c) % 8].e > rule->begin) ++c;
            named = c + 1 < count && foreign_name(c);
            break;
          }
          if (t.korean_name(name) && !rule) {
            add(name, Script::hangul);
            named = true;
            break;
          }
          if (back == 1 && n.closed) break;
          if (!t.bare_word(name) || t.korean_title(name)) break;
        }
        if (!named) bare_foreign_name();
        continue;
      }
      if (is_ascii_upper(w[0]) && t.en_head(w)) {
        std::array<Word, 3> back{};
        std::size_t nback = 0;
        for (; nback < 3 && nback + 1 < count; ++nback) back[nback] = ring[(count - 2 - nback) % 8];
        english_company(word, w, back.data(), nback, s.end);
      }
      if (prev && !prev->closed && is_ascii_upper(w[0])) {
        // "Kang Nam-hoon, chairman of ...": a Korean name needs no title.
        std::string_view given = w;
        if (given.size() > 2 && given.substr(given.size() - 2) == "'s") given.remove_suffix(2);
        const std::string_view surname = text.substr(prev->b, prev->e - prev->b);
        if (t.korean_latin_name(surname, given) && free_span(prev->b, word.b + given.size()))
          add(text.substr(prev->b, word.b + given.size() - prev->b), Script::latin);
      }
      // (Not inside a name begun before: "AppTec" in "WuXi AppTec".)
      if (is_ascii_upper(w[0]) && t.camel_word(w) && !word.opened &&
          !(prev && !prev->closed && t.en_company_word(text.substr(prev->b, prev->e - prev->b))))
        camel_company(word, s.end);
      if (is_ascii_lower(w[0])) {
        english_described(word, w, s.end);
      } else if (is_ascii_upper(w[0]) && w.size() > 2 && w.substr(w.size() - 2) == "'s") {
        country_company(word, s.end);
      }
      // An English title and two or three capitalised words: "Sen. Raphael Warnock".
      if (!is_ascii_alnum(w[0]) || !t.en_title(w)) continue;
      if (word.closed && text[word.e] != '.') continue;  // "the minister, Vincent"
      std::size_t names = 0, first = 0, e = 0;
      for (Word k = next_word(text, word.next, s.end); names < 3 && k.b < k.e;
           k = next_word(text, k.next, s.end)) {
        std::string_view nw = text.substr(k.b, k.e - k.b);
        if (nw.size() > 2 && nw.substr(nw.size() - 2) == "'s") nw.remove_suffix(2);
        if (k.opened || !t.en_name_word(nw)) break;
        if (names++ == 0) first = k.b;
        e = k.b + nw.size();
        if (k.closed || nw.size() != k.e - k.b) break;
      }
      if (names < 2 || !free_span(first, e)) continue;
      add(text.substr(first, e - first), Script::latin);
    }
  }
  // A candidate that the text names again as a word of its own (a particle may follow) is a
  // name ("합작사 얼티엄캠 증자 ... 얼티엄캠에 출자"); so is a two-word one that the text puts
  // an owned noun after, with or without 의 ("노틸러스 모바일의 지분", "노틸러스 모바일 지분").
  auto confirmed = [&](std::size_t b, std::size_t e, bool owned) {
    const std::string_view label = text.substr(b, e - b);
    int seen = 0;
    for (std::size_t at = text.find(label); at != std::string_view::npos;
         at = text.find(label, at + 1)) {
      const bool starts = at == 0 || text[at - 1] == ' ' || text[at - 1] == '\n' ||
                          text[at - 1] == '"' || text[at - 1] == '\'' || text[at - 1] == '(';
      std::size_t end = at + label.size();
      while (end < text.size() && syllable_at(text, end) >= 0) end += 3;
      const std::string_view tail = text.substr(at + label.size(), end - at - label.size());
      if (!starts || !t.particles.accepts(tail)) continue;
      if (!owned && ++seen >= 2) return true;
      if (owned && (tail.empty() || tail == "의") && end < text.size() && text[end] == ' ') {
        const Word next = next_word(text, end, text.size());
        if (next.b < next.e && !next.opened && t.owned_noun(text.substr(next.b, next.e - next.b)))
          return true;
      }
    }
    return false;
  };
  for (const auto& [b, e] : owning)
    if (confirmed(b, e, true) && company_span(b, e))
      add(text.substr(b, e - b), Script::hangul, true);
  for (const auto& [b, e] : recurring)
    if (confirmed(b, e, false) && company_span(b, e))
      add(text.substr(b, e - b), Script::hangul, true);
  if (out.entities.empty()) return out;

  // Every mention of the people found: the name again, in any sentence of the document.
  std::vector<Mention>& ms = out.mentions;
  auto starts_word = [&text](std::size_t b) {
    if (b == 0) return true;
    const char c = text[b - 1];
    if (c == ' ' || c == '\n' || c == '\t' || c == '"' || c == '\'' || c == '(' || c == '[')
      return true;
    return b >= 2 && text.substr(b - 2, 2) == "·";
  };
  // The rest of the word after `e`: up to a space or a mark.
  auto word_end = [&text](std::size_t e) {
    std::size_t j = e;
    while (j < text.size() && syllable_at(text, j) >= 0) j += 3;
    return j;
  };
  for (std::uint32_t k = 0; k < out.entities.size(); ++k) {
    const std::string& label = out.entities[k].label;
    for (std::size_t at = text.find(label); at != std::string_view::npos;
         at = text.find(label, at + 1)) {
      const std::size_t e = at + label.size();
      if (!starts_word(at)) continue;
      if (korean(k)) {
        if (!t.particles.accepts(text.substr(e, word_end(e) - e))) continue;
      } else if (e < text.size() && is_ascii_alnum(text[e])) {
        continue;
      }
      const bool free = out.entities[k].company ? company_span(at, e) : free_span(at, e);
      if (free) ms.push_back({at, e, base + k, 0, false, false});
    }
  }
  std::sort(ms.begin(), ms.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  // Then the short forms, which name the person last named in full before them: a Korean
  // surname and a title ("오 의원은"), an English family name ("Fain said").
  std::vector<Mention> short_forms;
  // (`at`: where that mention starts.)
  auto last_named_before = [&](std::size_t pos, auto&& fits,
                               std::size_t* at = nullptr) -> std::optional<std::uint32_t> {
    std::optional<std::uint32_t> found;
    for (const Mention& m : ms) {
      if (m.begin >= pos) break;
      if (fits(m.entity - base)) {
        found = m.entity - base;
        if (at) *at = m.begin;
      }
    }
    return found;
  };
  // Whether a person the rules know, whose name starts with `surname`, is named in [from, to):
  // "김 장관" then is theirs, not an earlier 김 found here.
  auto rule_person_between = [&](std::string_view surname, std::size_t from, std::size_t to) {
    auto it = std::lower_bound(known.begin(), known.end(), from,
                               [](const Mention& m, std::size_t p) { return m.begin < p; });
    for (; it != known.end() && it->begin < to; ++it)
      if (it->entity < t.rule_person.size() && t.rule_person[it->entity] &&
          text.substr(it->begin, surname.size()) == surname &&
          hangul_syllables(text.substr(it->begin, it->end - it->begin)) >= 2)
        return true;
    return false;
  };
  for (const Sentence& s : sentences) {
    // Each word with the one before (`prev`, if any) and the one after (`after`).
    Word prev{}, after{};
    bool has_prev = false;
    for (Word w = next_word(text, s.begin, s.end); w.b < w.next;
         prev = w, has_prev = true, w = after) {
      after = next_word(text, w.next, s.end);
      const bool has_after = after.b < after.e;
      const std::string_view word = text.substr(w.b, w.e - w.b);
      const std::size_t n = hangul_syllables(word);
      if (n >= 2 && has_after && !w.closed && any_foreign &&
          t.korean_title(text.substr(after.b, after.e - after.b)) && free_span(w.b, w.e)) {
        // A foreign name's word and a title: "자하로바 대변인은", "기하라 장관은".
        const auto person = last_named_before(w.b, [&](std::uint32_t k) {
          if (scripts[k] != Script::foreign_hangul) return false;
          const std::string& label = out.entities[k].label;
          const std::size_t space = label.find(' ');
          return space != std::string::npos &&
                 (label.substr(0, space) == word || label.substr(space + 1) == word);
        });
        if (person) {
          short_forms.push_back({w.b, w.e, base + *person, 0, false, false});
          continue;
        }
      }
      if (n == 1 || n == 2) {
        if (!has_after || w.closed) continue;
        const std::string_view next = text.substr(after.b, after.e - after.b);
        if (!t.korean_title(next) || !free_span(w.b, w.e)) continue;
        std::size_t named_at = 0;
        const auto person = last_named_before(
            w.b,
            [&](std::uint32_t k) {
              return korean(k) && !out.entities[k].company &&
                     t.surname_of(out.entities[k].label) == word;
            },
            &named_at);
        if (person && !rule_person_between(word, named_at, w.b))
          short_forms.push_back({w.b, w.e, base + *person, 0, false, false});
        continue;
      }
      if (n != 0 || word.empty() || !is_ascii_upper(word[0])) continue;
      std::string_view bare = word;
      if (bare.size() > 2 && bare.substr(bare.size() - 2) == "'s") bare.remove_suffix(2);
      // Not inside a longer capitalised name: "Jane Fain", "Fain Industries".
      const std::string_view before =
          has_prev ? text.substr(prev.b, prev.e - prev.b) : std::string_view();
      const bool possessive = before.size() > 2 && before.substr(before.size() - 2) == "'s";
      const bool after_name = has_prev && !prev.closed && !possessive && t.en_name_word(before);
      const bool before_name = bare.size() == word.size() && !w.closed && has_after &&
                               t.en_name_word(text.substr(after.b, after.e - after.b));
      if (after_name || before_name) continue;
      // The one English entity of the kind whose label `bare` starts (companies: "Wingtech"
      // after "Wingtech Technology") or ends (people: "Fain" after "Shawn Fain"), if exactly one.
      auto only_one = [&](bool company) -> std::optional<std::uint32_t> {
        std::optional<std::uint32_t> found;
        int matches = 0;
        for (std::uint32_t k = 0; k < out.entities.size(); ++k) {
          const std::string& label = out.entities[k].label;
          if (korean(k) || out.entities[k].company != company || label.size() <= bare.size() + 1)
            continue;
          // (A Korean name gives its family name first: "Kang" after "Kang Nam-hoon".)
          const bool first_part =
              label.compare(0, bare.size(), bare) == 0 && label[bare.size()] == ' ';
          const bool part =
              company
                  ? first_part
                  : (label.substr(label.size() - bare.size()) == bare &&
                     label[label.size() - bare.size() - 1] == ' ') ||
                        (first_part && t.korean_latin_name(
                                           bare, std::string_view(label).substr(bare.size() + 1)));
          if (part) {
            found = k;
            ++matches;
          }
        }
        return matches == 1 ? found : std::nullopt;
      };
      // Not where a full-name mention already is ("Shawn Fain" holds "Fain").
      auto add_short = [&](std::uint32_t k) {
        if (!free_span(w.b, w.b + bare.size())) return false;
        if (std::none_of(ms.begin(), ms.end(),
                         [&](const Mention& m) { return m.begin <= w.b && w.b < m.end; }))
          short_forms.push_back({w.b, w.b + bare.size(), base + k, 0, false, false});
        return true;
      };
      const auto company = only_one(true);
      if (company && bare.size() >= 3 && t.en_company_word(bare) && add_short(*company)) continue;
      if (const auto person = only_one(false)) add_short(*person);
    }
  }
  ms.insert(ms.end(), short_forms.begin(), short_forms.end());
  std::sort(ms.begin(), ms.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace relgraph
