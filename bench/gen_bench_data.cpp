// gen_bench_data: deterministic test data for the extraction benchmark (bench/run.py).
//
//   gen_bench_data pack --entities N [--seed S] [--starter DIR] -o FILE
//       a rule file of N invented entities: Korean companies (2-4 composed syllables and a
//       suffix such as 전자 / 바이오 / 홀딩스, with a romanised alias), Korean people (common
//       surname + two given syllables, romanised alias), Latin companies and people. Names
//       never repeat and avoid the starter pack's aliases (read from --starter).
//   gen_bench_data corpus --pack FILE... [--starter DIR] [--examples DIR] --mb N [--seed S]
//                         -o DIR [--one-file]
//       about N x 10^6 bytes of Korean news-like text (one article in ten in English), one
//       ~2-4 KB article per file under DIR/NNN/ (or one FILE with --one-file): headlines,
//       bylines, relation sentences, quotes, denials, plans, filler without entities and
//       paragraphs of the project's own example articles. Entities come from the packs and the
//       starter pack, most popular first (Zipf), a few per article that recur.
//   gen_bench_data aliases RULES... -o FILE
//       every entity alias (and label) of the rule files or folders, once, options removed:
//       the pattern list for `rg -F -f FILE`.
//
// The same arguments give the same bytes (SplitMix64, files read in sorted order). This is a
// benchmark tool: it reads the rule format only as far as it needs (entity, type, label,
// aliases) and does not validate it; relgraph does.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {
namespace fs = std::filesystem;

// --- Randomness ------------------------------------------------------------------------------

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }
  // Uniform in [lo, hi].
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1)));
  }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::uint64_t state_;
};

// --- Names -----------------------------------------------------------------------------------

struct Syllable {
  const char* hangul;
  const char* latin;
};

const std::vector<Syllable> kCompanySyllables = {
    {"한", "han"},  {"솔", "sol"},    {"미", "mi"},  {"래", "rae"},   {"테", "te"},  {"온", "on"},
    {"누", "nu"},   {"리", "ri"},     {"빛", "bit"}, {"세", "se"},    {"진", "jin"}, {"바", "ba"},
    {"오", "o"},    {"스", "seu"},    {"카", "ka"},  {"젠", "jen"},   {"로", "ro"},  {"엘", "el"},
    {"아", "a"},    {"성", "seong"},  {"원", "won"}, {"광", "gwang"}, {"대", "dae"}, {"신", "sin"},
    {"동", "dong"}, {"우", "u"},      {"태", "tae"}, {"현", "hyeon"}, {"비", "bi"},  {"에", "e"},
    {"나", "na"},   {"라", "ra"},     {"마", "ma"},  {"타", "ta"},    {"파", "pa"},  {"코", "ko"},
    {"노", "no"},   {"도", "do"},     {"모", "mo"},  {"보", "bo"},    {"소", "so"},  {"토", "to"},
    {"포", "po"},   {"호", "ho"},     {"가", "ga"},  {"다", "da"},    {"유", "yu"},  {"휴", "hyu"},
    {"지", "ji"},   {"키", "ki"},     {"티", "ti"},  {"피", "pi"},    {"린", "rin"}, {"윤", "yun"},
    {"인", "in"},   {"청", "cheong"}, {"푸", "pu"},  {"루", "ru"},    {"수", "su"},  {"두", "du"},
    {"큐", "kyu"},  {"넥", "nek"},    {"셀", "sel"}, {"젬", "jem"},   {"케", "ke"},  {"메", "me"},
    {"베", "be"},   {"레", "re"},     {"네", "ne"},  {"데", "de"},    {"빈", "bin"}, {"솜", "som"}};

const std::vector<Syllable> kCompanySuffixes = {{"전자", "Electronics"},
                                                {"바이오", "Bio"},
                                                {"홀딩스", "Holdings"},
                                                {"테크", "Tech"},
                                                {"제약", "Pharm"},
                                                {"화학", "Chemical"},
                                                {"중공업", "Heavy Industries"},
                                                {"에너지", "Energy"},
                                                {"로보틱스", "Robotics"},
                                                {"반도체", "Semiconductor"},
                                                {"모빌리티", "Mobility"},
                                                {"소프트", "Soft"},
                                                {"캐피탈", "Capital"},
                                                {"인베스트먼트", "Investment"},
                                                {"게임즈", "Games"},
                                                {"네트웍스", "Networks"},
                                                {"건설", "E&C"},
                                                {"증권", "Securities"},
                                                {"물산", "Corporation"},
                                                {"통신", "Telecom"},
                                                {"시스템즈", "Systems"},
                                                {"랩스", "Labs"},
                                                {"머티리얼즈", "Materials"},
                                                {"파이낸셜", "Financial"}};

const std::vector<Syllable> kSurnames = {
    {"김", "Kim"},  {"이", "Lee"},  {"박", "Park"}, {"최", "Choi"},  {"정", "Jung"}, {"강", "Kang"},
    {"조", "Cho"},  {"윤", "Yoon"}, {"장", "Jang"}, {"임", "Lim"},   {"한", "Han"},  {"오", "Oh"},
    {"서", "Seo"},  {"신", "Shin"}, {"권", "Kwon"}, {"황", "Hwang"}, {"안", "Ahn"},  {"송", "Song"},
    {"류", "Ryu"},  {"전", "Jeon"}, {"홍", "Hong"}, {"고", "Ko"},    {"문", "Moon"}, {"양", "Yang"},
    {"손", "Son"},  {"배", "Bae"},  {"백", "Baek"}, {"허", "Heo"},   {"유", "Yoo"},  {"남", "Nam"},
    {"심", "Shim"}, {"노", "Noh"},  {"하", "Ha"},   {"곽", "Kwak"},  {"성", "Sung"}, {"차", "Cha"},
    {"주", "Joo"},  {"우", "Woo"},  {"구", "Koo"},  {"민", "Min"}};

const std::vector<Syllable> kGivenSyllables = {
    {"민", "min"},   {"서", "seo"},   {"준", "jun"},   {"현", "hyun"},  {"지", "ji"},
    {"우", "woo"},   {"영", "young"}, {"수", "soo"},   {"진", "jin"},   {"호", "ho"},
    {"석", "seok"},  {"은", "eun"},   {"혜", "hye"},   {"성", "sung"},  {"재", "jae"},
    {"하", "ha"},    {"윤", "yoon"},  {"태", "tae"},   {"경", "kyung"}, {"동", "dong"},
    {"희", "hee"},   {"연", "yeon"},  {"주", "joo"},   {"원", "won"},   {"승", "seung"},
    {"훈", "hoon"},  {"정", "jung"},  {"상", "sang"},  {"유", "yu"},    {"예", "ye"},
    {"도", "do"},    {"건", "geon"},  {"혁", "hyuk"},  {"찬", "chan"},  {"규", "kyu"},
    {"빈", "bin"},   {"아", "a"},     {"나", "na"},    {"다", "da"},    {"솔", "sol"},
    {"한", "han"},   {"결", "gyeol"}, {"율", "yul"},   {"린", "rin"},   {"채", "chae"},
    {"소", "so"},    {"미", "mi"},    {"선", "sun"},   {"용", "yong"},  {"철", "chul"},
    {"광", "kwang"}, {"기", "ki"},    {"범", "beom"},  {"완", "wan"},   {"일", "il"},
    {"형", "hyung"}, {"환", "hwan"},  {"창", "chang"}, {"명", "myung"}, {"인", "in"}};

const std::vector<std::string> kLatinSyllables = {
    "ve",  "lan", "tri", "nex", "or",   "ka",  "zen", "mo",  "ri",  "sta",
    "vo",  "lux", "ar",  "the", "quin", "dra", "pel", "ion", "cor", "sy",
    "nu",  "ta",  "gen", "ax",  "ly",   "ro",  "mi",  "vor", "tel", "sa",
    "bri", "cal", "den", "fen", "gal",  "hol", "jas", "kel", "mar", "nor"};
const std::vector<std::string> kLatinCompanySuffixes = {
    "Systems", "Labs",     "Capital",       "Therapeutics", "Motors",   "Networks",    "Robotics",
    "Energy",  "Dynamics", "Semiconductor", "Partners",     "Ventures", "Biosciences", "Analytics"};
const std::vector<std::string> kLatinFirstNames = {
    "James",  "Maria",  "David",  "Sarah",  "Michael", "Laura", "Robert", "Emma",
    "Daniel", "Olivia", "Thomas", "Sofia",  "Peter",   "Anna",  "Lucas",  "Julia",
    "Mark",   "Elena",  "Paul",   "Claire", "Henry",   "Nina",  "Oliver", "Hannah",
    "Victor", "Ingrid", "Rafael", "Chloe",  "Simon",   "Alice"};
const std::vector<std::string> kLatinSurnameEndings = {"son", "berg", "ton",  "ez",  "ski",
                                                       "ley", "man",  "ford", "ini", "ova"};

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// Lower-case ASCII and Hangul as is: two names equal under this key would be the same alias.
std::string name_key(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// --- Reading rule files (only entities: id, type, label, aliases) ----------------------------

struct Entity {
  std::string id;
  std::string type;
  std::vector<std::string> aliases;        // all, options removed
  std::vector<std::string> plain_aliases;  // those without options, usable in running text
};

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// Splits a list value on unescaped '|', cuts the comment, unescapes; each item with a flag
// telling whether it carried options ("[...]").
std::vector<std::pair<std::string, bool>> split_list(std::string_view value) {
  std::vector<std::pair<std::string, bool>> items;
  std::string cur;
  auto flush = [&] {
    std::string item = trim(cur);
    bool options = false;
    if (!item.empty() && item.back() == ']') {
      const std::size_t open = item.rfind('[');
      if (open != std::string::npos && (open == 0 || item[open - 1] != '\\')) {
        item = trim(item.substr(0, open));
        options = true;
      }
    }
    std::string unescaped;
    for (std::size_t i = 0; i < item.size(); ++i) {
      if (item[i] == '\\' && i + 1 < item.size()) ++i;
      unescaped += item[i];
    }
    if (!unescaped.empty()) items.emplace_back(unescaped, options);
    cur.clear();
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\' && i + 1 < value.size()) {
      cur += c;
      cur += value[++i];
    } else if (c == '#' && (i == 0 || value[i - 1] == ' ')) {
      break;
    } else if (c == '|') {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return items;
}

std::vector<fs::path> rule_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const std::string& p : paths) {
    if (fs::is_directory(p)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (e.is_regular_file() && e.path().extension() == ".rules") found.push_back(e.path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p)) {
      files.emplace_back(p);
    } else {
      throw std::runtime_error("no such rule file or folder: " + p);
    }
  }
  return files;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Entity> read_entities(const std::vector<std::string>& paths) {
  std::vector<Entity> entities;
  for (const fs::path& file : rule_files(paths)) {
    std::istringstream in(read_file(file));
    std::string line;
    bool in_entity = false;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (line[0] != ' ' && line[0] != '\t') {
        in_entity = line.rfind("entity ", 0) == 0;
        if (in_entity) entities.push_back({trim(line.substr(7)), "", {}, {}});
        continue;
      }
      if (!in_entity) continue;
      const std::string body = trim(line);
      const std::size_t colon = body.find(':');
      if (colon == std::string::npos) continue;
      const std::string key = trim(body.substr(0, colon));
      const std::string value = body.substr(colon + 1);
      Entity& e = entities.back();
      if (key == "type") {
        e.type = trim(split_list(value).empty() ? "" : split_list(value)[0].first);
      } else if (key == "aliases" || key == "label") {
        for (const auto& [alias, options] : split_list(value)) {
          if (std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end()) {
            e.aliases.push_back(alias);
          }
          if (!options && std::find(e.plain_aliases.begin(), e.plain_aliases.end(), alias) ==
                              e.plain_aliases.end()) {
            e.plain_aliases.push_back(alias);
          }
        }
      }
    }
  }
  return entities;
}

bool has_hangul(std::string_view s) {
  // Hangul syllables U+AC00..U+D7A3 are encoded EA B0 80 .. ED 9E A3.
  for (std::size_t i = 0; i + 2 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xEA && c <= 0xED) return true;
  }
  return false;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// --- pack ------------------------------------------------------------------------------------

struct PackOptions {
  std::size_t entities = 1000;
  std::uint64_t seed = 1;
  std::vector<std::string> starter;
  std::string output;
};

int make_pack(const PackOptions& opt) {
  SplitMix64 rng(opt.seed);
  std::set<std::string> used;
  for (const Entity& e : read_entities(opt.starter)) {
    for (const std::string& a : e.aliases) used.insert(name_key(a));
  }
  auto fresh = [&](const std::string& a) { return used.insert(name_key(a)).second; };

  std::ostringstream out;
  out << "# Generated by gen_bench_data pack --entities " << opt.entities << " --seed " << opt.seed
      << " (invented names for the benchmark; see bench/README.md).\n";
  std::vector<std::string> company_ids;
  std::size_t made = 0, attempts = 0;
  while (made < opt.entities) {
    if (++attempts > opt.entities * 50 + 1000) throw std::runtime_error("ran out of unique names");
    const std::size_t n = made + 1;
    char id[32];
    const double kind = rng.unit();
    if (kind < 0.50) {  // Korean company
      std::string ko, la;
      const int syllables = rng.between(2, 4);
      for (int i = 0; i < syllables; ++i) {
        const Syllable& s = rng.pick(kCompanySyllables);
        ko += s.hangul;
        la += s.latin;
      }
      const Syllable& suffix = rng.pick(kCompanySuffixes);
      ko += suffix.hangul;
      la = capitalised(la) + " " + suffix.latin;
      if (!fresh(ko)) continue;
      const bool latin_alias = fresh(la);
      std::snprintf(id, sizeof id, "gco%06zu", n);
      company_ids.emplace_back(id);
      out << "\nentity " << id << "\n  type: company\n  label: " << ko << "\n  aliases: " << ko;
      if (latin_alias) out << " | " << la;
      out << "\n  country: south-korea\n  kind: generated\n";
    } else if (kind < 0.80) {  // Korean person
      const Syllable& sur = rng.pick(kSurnames);
      const Syllable& g1 = rng.pick(kGivenSyllables);
      const Syllable& g2 = rng.pick(kGivenSyllables);
      const std::string ko = std::string(sur.hangul) + g1.hangul + g2.hangul;
      const std::string la = std::string(sur.latin) + " " + capitalised(g1.latin) + g2.latin;
      if (!fresh(ko)) continue;
      const bool latin_alias = fresh(la);
      std::snprintf(id, sizeof id, "gpe%06zu", n);
      out << "\nentity " << id << "\n  type: person\n  label: " << ko << "\n  aliases: " << ko;
      if (latin_alias) out << " | " << la;
      out << "\n  country: south-korea\n";
      if (!company_ids.empty() && rng.chance(0.5)) {
        out << "  role: ceo\n  org: " << rng.pick(company_ids) << "\n";
      }
    } else if (kind < 0.92) {  // Latin company
      std::string stem;
      const int syllables = rng.between(2, 3);
      for (int i = 0; i < syllables; ++i) stem += rng.pick(kLatinSyllables);
      const std::string name = capitalised(stem) + " " + rng.pick(kLatinCompanySuffixes);
      if (!fresh(name)) continue;
      std::snprintf(id, sizeof id, "gco%06zu", n);
      company_ids.emplace_back(id);
      out << "\nentity " << id << "\n  type: company\n  label: " << name << "\n  aliases: " << name
          << "\n  country: united-states\n  kind: generated\n";
    } else {  // Latin person
      std::string last;
      const int syllables = rng.between(1, 2);
      for (int i = 0; i < syllables; ++i) last += rng.pick(kLatinSyllables);
      last += rng.pick(kLatinSurnameEndings);
      const std::string name = rng.pick(kLatinFirstNames) + " " + capitalised(last);
      if (!fresh(name)) continue;
      std::snprintf(id, sizeof id, "gpe%06zu", n);
      out << "\nentity " << id << "\n  type: person\n  label: " << name << "\n  aliases: " << name
          << "\n";
    }
    ++made;
  }
  std::ofstream f(opt.output, std::ios::binary);
  f << out.str();
  if (!f) throw std::runtime_error("cannot write " + opt.output);
  return 0;
}

// --- corpus ----------------------------------------------------------------------------------

// Entities of one type, popular first: draw() picks index i with probability ∝ 1 / (i + 10).
class Pool {
 public:
  void add(std::string ko, std::string en) { names_.push_back({std::move(ko), std::move(en)}); }
  void shuffle(SplitMix64& rng) {
    for (std::size_t i = names_.size(); i > 1; --i) std::swap(names_[i - 1], names_[rng.below(i)]);
  }
  // Call once all names are in, before draw().
  void prepare() {
    double sum = 0;
    cumulative_.clear();
    for (std::size_t i = 0; i < names_.size(); ++i) {
      sum += 1.0 / (static_cast<double>(i) + 10.0);
      cumulative_.push_back(sum);
    }
  }
  const std::pair<std::string, std::string>& at(std::size_t i) const { return names_[i]; }
  bool empty() const { return names_.empty(); }
  std::size_t size() const { return names_.size(); }
  const std::pair<std::string, std::string>& draw(SplitMix64& rng) const {
    const double x = rng.unit() * cumulative_.back();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return names_[std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                        names_.size() - 1)];
  }

 private:
  std::vector<std::pair<std::string, std::string>> names_;  // Korean-text name, English name
  std::vector<double> cumulative_;
};

struct Pools {
  Pool companies, people, countries;
};

void add_entity(const Entity& e, Pool& companies, Pool& people, Pool& countries) {
  std::string ko, en;
  for (const std::string& a : e.plain_aliases) {
    if (ko.empty() && has_hangul(a)) ko = a;
    if (en.empty() && is_ascii(a)) en = a;
  }
  if (ko.empty()) ko = en;
  if (en.empty()) en = ko;
  if (ko.empty()) return;
  if (e.type == "company") companies.add(ko, en);
  if (e.type == "person") people.add(ko, en);
  if (e.type == "country") countries.add(ko, en);
}

// The last Hangul syllable's final consonant: 0 none, 8 ㄹ, other values some consonant.
int final_consonant(std::string_view name) {
  if (name.size() >= 3) {
    const auto* p = reinterpret_cast<const unsigned char*>(name.data() + name.size() - 3);
    if ((p[0] & 0xF0) == 0xE0) {
      const unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (cp >= 0xAC00 && cp <= 0xD7A3) return static_cast<int>((cp - 0xAC00) % 28);
    }
  }
  const char last = name.empty() ? ' ' : name.back();
  // How Latin letters and digits are read aloud: 엘, 엠, 엔, 알 / 일, 삼, 육, 칠, 팔, 십 end in a
  // consonant.
  switch (last) {
    case 'L':
    case 'l':
    case 'R':
    case 'r':
    case '1':
    case '7':
    case '8':
      return 8;
    case 'M':
    case 'm':
    case 'N':
    case 'n':
    case '3':
    case '6':
    case '0':
      return 1;
    default:
      return 0;
  }
}

// name + the particle form that fits it: 은/는, 이/가, 을/를, 와/과, 으로/로; others as given.
std::string with_particle(const std::string& name, const std::string& particle) {
  const int fc = final_consonant(name);
  const bool closed = fc != 0;
  if (particle == "은" || particle == "는") return name + (closed ? "은" : "는");
  if (particle == "이" || particle == "가") return name + (closed ? "이" : "가");
  if (particle == "을" || particle == "를") return name + (closed ? "을" : "를");
  if (particle == "와" || particle == "과") return name + (closed ? "과" : "와");
  if (particle == "로" || particle == "으로") return name + (closed && fc != 8 ? "으로" : "로");
  if (particle == "으로부터" || particle == "로부터") {
    return name + (closed && fc != 8 ? "으로부터" : "로부터");
  }
  return name + particle;
}

const std::vector<std::string> kCountryHead = {
    "united-states",  "china",   "japan",        "south-korea",
    "taiwan",         "germany", "india",        "vietnam",
    "united-kingdom", "france",  "saudi-arabia", "united-arab-emirates",
    "netherlands",    "canada",  "russia"};

const std::vector<std::string> kTopicsKo = {"인공지능(AI)",
                                            "반도체",
                                            "2차전지",
                                            "수소연료전지",
                                            "데이터센터",
                                            "자율주행",
                                            "바이오시밀러",
                                            "클라우드",
                                            "로봇",
                                            "전기차",
                                            "소형모듈원전(SMR)",
                                            "6G 통신",
                                            "양자컴퓨팅",
                                            "디스플레이",
                                            "핀테크",
                                            "게임",
                                            "방산",
                                            "우주항공",
                                            "스마트팩토리",
                                            "친환경 소재"};
const std::vector<std::string> kTopicsEn = {"artificial intelligence",
                                            "chips",
                                            "batteries",
                                            "hydrogen",
                                            "data centres",
                                            "self-driving cars",
                                            "cloud computing",
                                            "robotics",
                                            "electric vehicles",
                                            "quantum computing",
                                            "satellites",
                                            "biotech",
                                            "displays",
                                            "payments"};
const std::vector<std::string> kMonthsEn = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
const std::vector<std::string> kWeekdaysEn = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                              "Friday"};

// Templates: {C1} {C2} {C3} companies, {P1} {P2} people, {K1} {K2} countries, optionally
// followed by ':particle'; {N} {N2} numbers, {PCT} a percentage, {T} a topic, {D} a day,
// {IDX} an index level, {FX} an exchange rate, {WD} a weekday (English).
const std::vector<std::string> kHeadlinesKo = {
    "{C1}, {C2}에 {N}억 투자…{T} 공략 가속", "[단독] {C1}·{C2}, {T} 동맹 맺는다",
    "{P1} \"{C1}, 책임 회피 말라\" 직격",    "{K1}, {T} 보조금 확대…{C1} 수혜 기대",
    "[속보] {C1}, {C2} 인수 완료",           "{C1} {N}억 유치…{T} 스타트업 몸값 급등",
    "코스피 {IDX} 마감…{T}주 강세",          "{C1}·{C2} 합작법인 출범, {K1} 시장 정조준"};

const std::vector<std::string> kSentencesKo = {
    "{C1:은} {N}억원을 들여 {C2:의} 지분 {PCT}%를 인수한다고 {D} 밝혔다.",
    "{C1:와} {C2:은} {T} 분야에서 전략적 협력을 위한 양해각서(MOU)를 체결했다.",
    "{P1} {C1} 대표는 \"{T} 시장에서 {C2:와} 함께 성장하겠다\"고 말했다.",
    "{C1:은} 이날 {K1} 현지에 {N}억 달러 규모의 {T} 공장을 짓기로 했다고 공시했다.",
    "{P1:은} 기자회견에서 {C1:의} 경영 방식을 강하게 비판했다.",
    "{K1} 정부는 {C1:에} 대한 보조금 지급을 확정했다.",
    "업계에 따르면 {C1:은} {C2:으로부터} {N}억원 규모의 투자를 유치했다.",
    "{C1:은} 지난해 매출 {N}억원, 영업이익 {N2}억원을 기록했다.",
    "{C1:과} {C2}, {C3:은} {T} 컨소시엄을 결성하고 공동 연구에 나선다.",
    "{P1} {K1} 대통령은 \"{C1:은} 불공정한 관행을 멈춰야 한다\"며 날을 세웠다.",
    "{C1} 관계자는 \"{C2:와의} 인수 협상설은 사실무근\"이라고 일축했다.",
    "{C1:은} {C2:와} 합작법인을 설립하는 방안을 검토 중인 것으로 알려졌다.",
    "이날 {C1:의} 주가는 전 거래일보다 {PCT}% 오른 채 거래를 마쳤다.",
    "{P1} {C1} 회장은 {K1:을} 방문해 현지 협력사 대표들을 만났다.",
    "\"{T}는 이제 선택이 아니라 생존의 문제\"라고 {P1} {C1} 사장은 강조했다.",
    "{C1:은} {C2:에} {T} 핵심 부품을 공급하는 장기 계약을 맺었다.",
    "{K1:과} {K2:은} {T} 공급망 협력을 강화하기로 합의했다.",
    "{P1} {C1} 최고경영자(CEO)는 {P2:의} 발언을 두고 \"시장을 모르는 소리\"라고 반박했다.",
    "{C1:의} {T} 사업부는 올해 {N}명을 새로 채용할 계획이다.",
    "{C2:은} {C1:이} 주도한 {N}억원 규모의 시리즈B 투자에 참여했다.",
    "{P1} 의원은 국정감사에서 {C1:이} 하도급 업체에 부당한 요구를 했다고 질타했다.",
    "{C1:은} {K1} 시장 철수설에 대해 \"검토한 바 없다\"고 밝혔다."};

const std::vector<std::string> kFillersKo = {
    "금융투자업계는 올해 {T} 시장 규모가 {N}조원에 이를 것으로 내다봤다.",
    "전문가들은 금리와 환율 변동성이 당분간 이어질 것이라고 분석했다.",
    "이날 코스피는 전 거래일보다 {PCT}% 오른 {IDX}에 장을 마쳤다.",
    "정부는 다음 달 관련 법안을 국회에 제출할 예정이다.",
    "한편 업계 안팎에서는 공급망 재편이 본격화할 것이라는 관측이 나온다.",
    "이번 행사에는 국내외 관계자 {N}여 명이 참석했다.",
    "원·달러 환율은 전 거래일보다 {N2}원 내린 {FX}원에 마감했다.",
    "업계 관계자는 \"하반기에는 수요가 회복될 것\"이라고 말했다.",
    "{T} 관련 종목은 외국인 매수세에 힘입어 일제히 상승했다.",
    "시장조사업체들은 내년 출하량이 {PCT}% 늘어날 것으로 예상했다.",
    "이에 따라 관련 중소기업들의 납품 물량도 늘어날 전망이다.",
    "자세한 내용은 {D} 열리는 기업설명회(IR)에서 공개된다."};

const std::vector<std::string> kHeadlinesEn = {
    "{C1} to buy stake in {C2} for ${N} million", "{C1}, {C2} team up on {T}",
    "{P1} slams {C1} over {T} plans", "{K1} courts {T} investment as {C1} expands"};

const std::vector<std::string> kSentencesEn = {
    "{C1} said on {WD} it would invest ${N} million in {C2}, expanding its push into {T}.",
    "{C1} and {C2} agreed to form a joint venture to build {T} plants in {K1}.",
    "{P1}, chief executive of {C1}, criticised {C2} for what he called reckless pricing.",
    "Shares of {C1} rose {PCT}% in early trading after the announcement.",
    "{C2} will supply {T} components to {C1} under a five-year contract.",
    "{P1} told reporters that {C1} had no plans to sell its stake in {C2}.",
    "{K1} regulators are reviewing the deal, people familiar with the matter said.",
    "{C1} declined to comment on reports that it was in talks with {C2}."};

const std::vector<std::string> kFillersEn = {
    "Analysts expect demand for {T} to keep growing through next year.",
    "The company did not disclose the financial terms.",
    "Markets were mixed on {WD} as investors weighed fresh economic data.",
    "The deal is expected to close in the second half of the year, subject to approvals.",
    "Industry executives say supply constraints could last into next year."};

struct CorpusOptions {
  std::vector<std::string> packs;
  std::vector<std::string> starter;
  std::string examples;
  double megabytes = 100;
  std::uint64_t seed = 1;
  std::string output;
  bool one_file = false;
};

// Paragraphs of the project's example articles (after their headline and byline), by language.
void read_example_paragraphs(const std::string& dir, std::vector<std::string>& ko,
                             std::vector<std::string>& en) {
  if (dir.empty()) return;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::istringstream in(read_file(f));
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      if (trim(line).empty()) continue;
      if (++n <= 2) continue;  // headline and byline
      (has_hangul(line) ? ko : en).push_back(trim(line));
    }
  }
}

class ArticleWriter {
 public:
  ArticleWriter(const Pools& pools, SplitMix64& rng) : pools_(pools), rng_(rng) {}

  std::string article(bool english, const std::vector<std::string>& examples) {
    english_ = english;
    cast(pools_.companies, companies_, 4);
    cast(pools_.people, people_, 2);
    cast(pools_.countries, countries_, 2);
    used_.clear();
    std::string text = expand(rng_.pick(english ? kHeadlinesEn : kHeadlinesKo)) + "\n\n";
    text += byline() + "\n\n";
    const std::size_t target = static_cast<std::size_t>(rng_.between(2000, 4000));
    while (text.size() < target) {
      if (!examples.empty() && rng_.chance(0.08)) {
        text += rng_.pick(examples) + "\n\n";
        continue;
      }
      const int sentences = rng_.between(2, 4);
      for (int i = 0; i < sentences; ++i) {
        const bool filler = rng_.chance(0.4);
        const auto& list =
            english ? (filler ? kFillersEn : kSentencesEn) : (filler ? kFillersKo : kSentencesKo);
        if (i > 0) text += ' ';
        text += expand(fresh_template(list));
      }
      text += "\n\n";
    }
    return text;
  }

 private:
  // A template not yet used in this article, if one comes up in a few tries.
  const std::string& fresh_template(const std::vector<std::string>& list) {
    const std::string* t = &rng_.pick(list);
    for (int tries = 0; tries < 4 && used_.count(t); ++tries) t = &rng_.pick(list);
    used_.insert(t);
    return *t;
  }

  // Picks the article's cast: the entities it is about, drawn by popularity.
  void cast(const Pool& pool, std::vector<std::string>& names, std::size_t n) {
    names.clear();
    if (pool.empty()) return;
    for (std::size_t tries = 0; names.size() < n && tries < 4 * n; ++tries) {
      const auto& [ko, en] = pool.draw(rng_);
      const std::string& name = english_ ? en : ko;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }

  // The k-th distinct name of a sentence: mostly the cast, sometimes anyone.
  std::string name(const Pool& pool, const std::vector<std::string>& cast_names, int k,
                   std::vector<std::string>& taken) {
    for (int tries = 0; tries < 8; ++tries) {
      std::string n;
      if (!cast_names.empty() && rng_.chance(0.8)) {
        n = cast_names[(static_cast<std::size_t>(k) + rng_.below(2)) % cast_names.size()];
      } else if (!pool.empty()) {
        const auto& [ko, en] = pool.draw(rng_);
        n = english_ ? en : ko;
      }
      if (std::find(taken.begin(), taken.end(), n) == taken.end()) {
        taken.push_back(n);
        return n;
      }
    }
    return english_ ? "the company" : "이 회사";
  }

  std::string byline() {
    char buf[160];
    const int month = rng_.between(1, 12), day = rng_.between(1, 28), hour = rng_.between(6, 22);
    const int minute = rng_.between(0, 59);
    if (english_) {
      std::snprintf(
          buf, sizeof buf, "By %s %s | %s %d, 2026 %d:%02d %s", rng_.pick(kLatinFirstNames).c_str(),
          capitalised(rng_.pick(kLatinSyllables) + rng_.pick(kLatinSurnameEndings)).c_str(),
          kMonthsEn[static_cast<std::size_t>(month - 1)].c_str(), day, hour > 12 ? hour - 12 : hour,
          minute, hour >= 12 ? "PM" : "AM");
      return buf;
    }
    const std::string reporter = std::string(rng_.pick(kSurnames).hangul) +
                                 rng_.pick(kGivenSyllables).hangul +
                                 rng_.pick(kGivenSyllables).hangul;
    std::snprintf(buf, sizeof buf,
                  "입력 2026.%02d.%02d %02d:%02d | 수정 2026.%02d.%02d %02d:%02d  %s 기자", month,
                  day, hour, minute, month, day, std::min(hour + 1, 23), minute, reporter.c_str());
    return buf;
  }

  std::string expand(const std::string& tmpl) {
    std::string out;
    std::vector<std::string> taken;
    std::map<std::string, std::string> bound;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
      if (tmpl[i] != '{') {
        out += tmpl[i];
        continue;
      }
      const std::size_t close = tmpl.find('}', i);
      const std::string slot = tmpl.substr(i + 1, close - i - 1);
      i = close;
      const std::size_t colon = slot.find(':');
      const std::string key = slot.substr(0, colon);
      const std::string particle = colon == std::string::npos ? "" : slot.substr(colon + 1);
      std::string value;
      if (auto it = bound.find(key); it != bound.end()) {
        value = it->second;
      } else {
        value = fill(key, taken);
        bound[key] = value;
      }
      out += particle.empty() ? value : with_particle(value, particle);
    }
    return out;
  }

  std::string fill(const std::string& key, std::vector<std::string>& taken) {
    const int k = key.size() > 1 && key[1] >= '1' && key[1] <= '9' ? key[1] - '1' : 0;
    if (key[0] == 'C' && key.size() == 2) return name(pools_.companies, companies_, k, taken);
    if (key[0] == 'P' && key.size() == 2) return name(pools_.people, people_, k, taken);
    if (key[0] == 'K' && key.size() == 2) return name(pools_.countries, countries_, k, taken);
    char buf[64];
    if (key == "N") return std::to_string(rng_.between(2, 999) * 10);
    if (key == "N2") return std::to_string(rng_.between(1, 99));
    if (key == "PCT") {
      std::snprintf(buf, sizeof buf, "%d.%d", rng_.between(0, 29), rng_.between(0, 9));
      return buf;
    }
    if (key == "T") return rng_.pick(english_ ? kTopicsEn : kTopicsKo);
    if (key == "D") return std::to_string(rng_.between(1, 28)) + "일";
    if (key == "WD") return rng_.pick(kWeekdaysEn);
    if (key == "IDX") {
      std::snprintf(buf, sizeof buf, "%d.%02d", rng_.between(2400, 3200), rng_.between(0, 99));
      return buf;
    }
    if (key == "FX") {
      std::snprintf(buf, sizeof buf, "%d.%d", rng_.between(1280, 1480), rng_.between(0, 9));
      return buf;
    }
    throw std::logic_error("unknown template slot {" + key + "}");
  }

  const Pools& pools_;
  SplitMix64& rng_;
  bool english_ = false;
  std::vector<std::string> companies_, people_, countries_;
  std::set<const std::string*> used_;
};

int make_corpus(const CorpusOptions& opt) {
  SplitMix64 rng(opt.seed);
  Pools starter, pack;
  for (const Entity& e : read_entities(opt.starter)) {
    add_entity(e, starter.companies, starter.people, starter.countries);
  }
  for (const Entity& e : read_entities(opt.packs)) {
    add_entity(e, pack.companies, pack.people, pack.countries);
  }
  // One pool per type, the pack's entities and the starter pack's interleaved 3:2 after
  // shuffling each (the draw favours low indices, so both keep a popular head).
  Pools pools;
  auto merge = [&](Pool& into, Pool& a, Pool& b) {
    a.shuffle(rng);
    b.shuffle(rng);
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
      const bool from_a = j >= b.size() || (i < a.size() && rng.chance(0.6));
      const auto& n = from_a ? a.at(i++) : b.at(j++);
      into.add(n.first, n.second);
    }
    into.prepare();
  };
  merge(pools.companies, pack.companies, starter.companies);
  merge(pools.people, pack.people, starter.people);
  // Countries keep a news-like head (the file order after it) instead of a shuffle.
  std::vector<Entity> countries;
  for (const Entity& e : read_entities(opt.starter)) {
    if (e.type == "country") countries.push_back(e);
  }
  std::stable_partition(countries.begin(), countries.end(), [](const Entity& e) {
    return std::find(kCountryHead.begin(), kCountryHead.end(), e.id) != kCountryHead.end();
  });
  std::stable_sort(countries.begin(), countries.end(), [](const Entity& a, const Entity& b) {
    auto rank = [](const Entity& e) {
      return std::find(kCountryHead.begin(), kCountryHead.end(), e.id) - kCountryHead.begin();
    };
    return rank(a) < rank(b);
  });
  Pool unused_companies, unused_people;
  for (const Entity& e : countries) add_entity(e, unused_companies, unused_people, pools.countries);
  pools.countries.prepare();

  std::vector<std::string> examples_ko, examples_en;
  read_example_paragraphs(opt.examples, examples_ko, examples_en);

  const auto target = static_cast<std::uint64_t>(opt.megabytes * 1e6);
  std::uint64_t written = 0;
  std::size_t articles = 0;
  ArticleWriter writer(pools, rng);
  std::ofstream one;
  if (opt.one_file) {
    if (fs::path(opt.output).has_parent_path())
      fs::create_directories(fs::path(opt.output).parent_path());
    one.open(opt.output, std::ios::binary);
    if (!one) throw std::runtime_error("cannot write " + opt.output);
  }
  while (written < target) {
    const bool english = rng.chance(0.1);
    const std::string text = writer.article(english, english ? examples_en : examples_ko);
    if (opt.one_file) {
      one << text;
    } else {
      char dir[32], file[48];
      std::snprintf(dir, sizeof dir, "%03zu", articles / 1000);
      std::snprintf(file, sizeof file, "a%07zu.txt", articles);
      const fs::path d = fs::path(opt.output) / dir;
      if (articles % 1000 == 0) fs::create_directories(d);
      std::ofstream f(d / file, std::ios::binary);
      f << text;
      if (!f) throw std::runtime_error("cannot write " + (d / file).string());
    }
    written += text.size();
    ++articles;
  }
  if (opt.one_file && !one.flush()) throw std::runtime_error("cannot write " + opt.output);
  std::cerr << "gen_bench_data: " << articles << " article(s), " << written << " bytes -> "
            << opt.output << "\n";
  return 0;
}

int make_aliases(const std::vector<std::string>& rules, const std::string& output) {
  std::set<std::string> seen;
  std::ostringstream out;
  for (const Entity& e : read_entities(rules)) {
    for (const std::string& a : e.aliases) {
      if (seen.insert(a).second) out << a << '\n';
    }
  }
  std::ofstream f(output, std::ios::binary);
  f << out.str();
  if (!f) throw std::runtime_error("cannot write " + output);
  std::cerr << "gen_bench_data: " << seen.size() << " alias(es) -> " << output << "\n";
  return 0;
}

const char* const kUsage =
    "usage: gen_bench_data pack --entities N [--seed S] [--starter DIR] -o FILE\n"
    "       gen_bench_data corpus --pack FILE... [--starter DIR] [--examples DIR] --mb N\n"
    "                             [--seed S] -o DIR [--one-file]\n"
    "       gen_bench_data aliases RULES... -o FILE\n";

int run(const std::vector<std::string>& args) {
  if (args.empty()) throw std::invalid_argument("no command");
  const std::string& command = args[0];
  PackOptions pack;
  CorpusOptions corpus;
  std::vector<std::string> positional;
  std::string output;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
      return args[++i];
    };
    if (a == "-o" || a == "--output") {
      output = value();
    } else if (a == "--entities") {
      pack.entities = std::stoul(value());
    } else if (a == "--seed") {
      pack.seed = corpus.seed = std::stoull(value());
    } else if (a == "--starter") {
      pack.starter.push_back(value());
      corpus.starter.push_back(pack.starter.back());
    } else if (a == "--pack") {
      corpus.packs.push_back(value());
    } else if (a == "--examples") {
      corpus.examples = value();
    } else if (a == "--mb") {
      corpus.megabytes = std::stod(value());
    } else if (a == "--one-file") {
      corpus.one_file = true;
    } else if (!a.empty() && a[0] == '-') {
      throw std::invalid_argument("unknown option " + a);
    } else {
      positional.push_back(a);
    }
  }
  if (output.empty()) throw std::invalid_argument("-o is required");
  if (command == "pack") {
    pack.output = output;
    return make_pack(pack);
  }
  if (command == "corpus") {
    corpus.output = output;
    return make_corpus(corpus);
  }
  if (command == "aliases") return make_aliases(positional, output);
  throw std::invalid_argument("unknown command " + command);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::invalid_argument& e) {
    std::cerr << "gen_bench_data: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "gen_bench_data: " << e.what() << "\n";
    return 3;
  }
}
