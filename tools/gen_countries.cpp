// gen_countries: writes rules/countries.rules (see rules/README.md) to stdout.
//
// One `entity` per ISO 3166-1 code that ICU lists (icu::Locale::getISOCountries()) as a
// territory, with the country names of ICU's CLDR data in English, Korean, Japanese and
// Chinese (simplified and traditional), including CLDR's "short" and "variant" forms, and the
// alpha-2 / alpha-3 codes as attributes. Then the hand-curated table below adds the forms
// news writing uses that CLDR lacks (美, 미 [alone], 대미 [toward], 호주, 튀르키예, English news's
// capitals for their governments: Seoul, Tokyo, Beijing, …), drops CLDR
// names that are common words or name something else more often in news (수단 "means",
// 저지 "blocking", Georgia the US state), and defines `group` stanzas for unspaced compounds
// such as 한미일. An alias that two countries would share is dropped from both, or replaced by
// its full parenthesised form ("刚果（金）"); both are reported on stderr. The output is
// sorted by id and depends only on the ICU data.
//
// Build and run (from the repository root):
//   g++ -std=c++20 -O2 tools/gen_countries.cpp -o /tmp/gen_countries
//       $(pkg-config --cflags --libs icu-uc icu-i18n)   (one command line)
//   /tmp/gen_countries > rules/countries.rules
// or, in a configured build tree: cmake --build BUILD --target gen_countries

#include <unicode/locdspnm.h>
#include <unicode/locid.h>
#include <unicode/region.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/ulocdata.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/uvernum.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------
// Hand-curated data
// ---------------------------------------------------------------------------------------------

// Codes ICU lists that are not countries or dependencies in their own right. DG, EA and IC are
// ISO 3166 "exceptionally reserved" codes for parts of IO and ES; AQ is a continent. XK
// (Kosovo, a user-assigned code CLDR uses) is kept.
const std::set<std::string> kExcludedCodes = {"AQ", "DG", "EA", "IC"};

// Conventional ids where the one derived from the English name is unwanted or would change
// with CLDR's naming (CLDR 42 says "Czechia", later versions say "Türkiye").
const std::map<std::string, std::string> kIdOverrides = {
    {"US", "united-states"},
    {"KR", "south-korea"},
    {"KP", "north-korea"},
    {"GB", "united-kingdom"},
    {"AE", "united-arab-emirates"},
    {"CZ", "czech-republic"},
    {"RU", "russia"},
    {"CN", "china"},
    {"TW", "taiwan"},
    {"TR", "turkey"},
    {"HK", "hong-kong"},
    {"MO", "macao"},
    {"PS", "palestine"},
};

// Labels other than CLDR's English name. Georgia and Jersey get a label that is not a name
// found inside other names ("Georgia" is also the US state, "Jersey" is inside "New Jersey").
const std::map<std::string, std::string> kLabelOverrides = {
    {"CZ", "Czech Republic"}, {"GE", "Georgia (country)"}, {"JE", "Bailiwick of Jersey"},
    {"TR", "Türkiye"},        {"HK", "Hong Kong"},         {"MO", "Macao"},
    {"PS", "Palestine"},
};

// CLDR names left out: common words, or names that in news mostly mean something else.
const std::map<std::string, std::set<std::string>> kDropped = {
    {"SD", {"수단"}},                          // 수단 "means, method"
    {"OM", {"오만"}},                          // 오만 "arrogance", "fifty thousand"
    {"FJ", {"피지"}},                          // 피지 "sebum"
    {"JE", {"Jersey", "저지", "ジャージー"}},  // New Jersey; 저지 "blocking"; a jersey
    {"GG", {"건지"}},                          // "-ㄴ 건지" (a verb ending)
    {"GE", {"Georgia", "조지아", "ジョージア", "喬治亞"}},  // mostly the US state in news
    {"TR", {"Turkey"}},                                     // re-added below as "Turkey [case]"
    {"DM", {"도미니카"}},  // Korean news uses 도미니카 mostly for the Dominican Republic
};

struct Extra {
  std::string text;
  std::string option;  // "" or the bracket content, e.g. "alone", "case"
};

// Names CLDR lacks, as Korean, English and Han-script news write them. An entry naming an
// alias CLDR already gives only sets its option.
const std::map<std::string, std::vector<Extra>> kExtras = {
    {"US",
     {{"美", ""},
      {"미", "alone"},
      {"대미", "toward"},
      {"미군", ""},
      {"USA", "case"},
      {"U.S.", ""},
      {"U.S.A.", ""},
      {"US", "case"},
      {"United States of America", ""},
      {"미합중국", ""},
      {"米国", ""},
      {"アメリカ", ""},
      // US government bodies that news names without the country: they act for it (rules/
      // README.md: a ministry or agency is its country). Not 상무부: China has one too.
      {"White House", "case"},
      {"Department of Homeland Security", ""},
      {"Homeland Security Department", ""},
      {"Department of Commerce", ""},
      {"Commerce Department", ""},
      {"State Department", ""},
      {"Treasury Department", ""},
      {"Pentagon", "case"},
      {"백악관", ""},
      {"펜타곤", ""},
      // The regulators and agencies below exist only in the US under these names. Not the
      // bodies in noun.government (국무부, 무역대표부, 국토안보부): "그리어 미국 무역대표부
      // 대표는" would lose its person; nor USTR, which Korean news puts in parentheses after
      // 무역대표부 ("무역대표부(USTR) 대표는"). Not 국방부, 법무부, 에너지부, 국세청 (IRS, but
      // also Korea's NTS), ICE alone (combustion engines), BIS alone (the Bank for International
      // Settlements).
      {"Department of State", ""},
      {"Office of the United States Trade Representative", ""},
      {"U.S. Trade Representative", ""},
      {"Department of Defense", ""},
      {"Defense Department", ""},
      {"Department of War", ""},
      {"War Department", ""},
      {"전쟁부", ""},
      {"Department of Energy", ""},
      {"Energy Department", ""},
      {"Department of Justice", ""},
      {"Justice Department", ""},
      {"DOJ", "case"},
      {"Federal Trade Commission", ""},
      {"FTC", "case"},
      {"연방거래위원회", ""},
      {"Federal Communications Commission", ""},
      {"FCC", "case"},
      {"연방통신위원회", ""},
      {"Securities and Exchange Commission", ""},
      {"SEC", "case"},
      {"증권거래위원회", ""},
      {"Bureau of Industry and Security", ""},
      {"산업안보국", ""},
      {"Immigration and Customs Enforcement", ""},
      {"이민세관단속국", ""},
      {"Customs and Border Protection", ""},
      {"CBP", "case"},
      {"관세국경보호청", ""},
      {"CIA", "case"},
      {"중앙정보국", ""},
      {"FBI", "case"},
      {"연방수사국", ""}}},
    {"CN",
     {{"中", ""},
      {"중", "list"},
      {"대중국", "toward"},
      {"중국군", ""},
      {"PRC", "case"},
      {"Beijing", "case"},
      // Chinese government bodies that news names without the country; 商务部 and 国务院 in
      // Chinese script (Taiwan's ministries are named otherwise). Not 외교부 / 상무부 in Hangul
      // (Korea and the US have one too), nor 국무원 (in noun.government, like the Japanese and
      // US bodies below).
      {"国务院", ""},
      {"商务部", ""},
      {"中南海", ""},
      {"중난하이", ""},
      {"国家发展和改革委员会", ""},
      {"国家发改委", ""},
      {"국가발전개혁위원회", ""},
      {"발전개혁위원회", ""},
      {"발개위", ""},
      {"国家市场监督管理总局", ""},
      {"국가시장감독관리총국", ""},
      {"시장감독관리총국", ""},
      {"国家互联网信息办公室", ""},
      {"Cyberspace Administration of China", ""},
      {"국가인터넷정보판공실", ""},
      {"海关总署", ""},
      {"해관총서", ""},
      {"人民解放军", ""},
      {"解放军", ""},
      {"People's Liberation Army", ""},
      {"인민해방군", ""},
      {"People's Republic of China", ""},
      {"중화인민공화국", ""},
      {"中華人民共和国", ""},
      {"中华人民共和国", ""},
      {"中華人民共和國", ""}}},
    {"JP",
     {{"日", ""},
      {"일", "list"},
      {"대일", "toward"},
      {"일본군", ""},
      {"Tokyo", "case"},
      // Japanese government bodies (the 省 names are Japan's alone; not 외무성: North Korea has
      // one too, though 外務省 in Japanese script is Japan's). Not 경제산업성, 방위성, 재무성 in
      // Hangul: they are in noun.government, which passes a role to 일본 before them.
      {"경산성", ""},
      {"経済産業省", ""},
      {"経産省", ""},
      {"METI", "case"},
      {"防衛省", ""},
      {"財務省", ""},
      {"外務省", ""},
      {"총리관저", ""},
      {"首相官邸", ""},
      {"내각관방", ""},
      {"内閣官房", ""},
      {"자위대", ""},
      {"自衛隊", ""}}},
    {"KR",
     {{"韓", ""},
      {"한", "list"},
      {"한국", ""},
      {"남한", ""},
      {"Korea", ""},
      {"Republic of Korea", ""},
      {"ROK", "case"},
      {"S. Korea", ""},
      {"Seoul", "case"},
      {"韓國", ""},
      {"한국군", ""},
      // Korean government bodies that Korean news names without the country: they act for
      // it (rules/README.md: a ministry or agency is its country).
      {"기획재정부", ""},
      {"기재부", ""},
      {"재정경제부", ""},
      {"재경부", ""},
      {"산업통상자원부", ""},
      {"산업통상부", ""},
      {"산업부", ""},
      {"과학기술정보통신부", ""},
      {"과기정통부", ""},
      {"문화체육관광부", ""},
      {"문체부", ""},
      {"보건복지부", ""},
      {"복지부", ""},
      {"고용노동부", ""},
      {"국토교통부", ""},
      {"국토부", ""},
      {"해양수산부", ""},
      {"해수부", ""},
      {"농림축산식품부", ""},
      {"농식품부", ""},
      {"중소벤처기업부", ""},
      {"중기부", ""},
      {"행정안전부", ""},
      {"행안부", ""},
      {"통일부", ""},
      {"기후에너지환경부", ""},
      {"방위사업청", ""},
      {"방사청", ""},
      {"금융위원회", ""},
      {"금융위", ""},
      {"금융감독원", ""},
      {"금감원", ""},
      {"금융당국", ""},
      {"공정거래위원회", ""},
      {"공정위", ""},
      {"식품의약품안전처", ""},
      {"식약처", ""},
      {"통상교섭본부", ""},
      {"우주항공청", ""},
      {"Korea AeroSpace Administration", ""},
      {"KASA", "case"},
      {"국가정보원", ""},
      {"국정원", ""},
      {"국가안보실", ""},
      {"국무조정실", ""},
      {"국무총리실", ""},
      {"조달청", ""},
      {"특허청", ""},
      {"질병관리청", ""},
      {"환경부", ""},
      {"여성가족부", ""},
      {"여가부", ""},
      {"성평등가족부", ""},
      {"국가보훈부", ""},
      {"감사원", ""},
      {"국민권익위원회", ""},
      {"권익위", ""},
      {"원자력안전위원회", ""},
      {"원안위", ""},
      {"방송통신위원회", ""},
      {"방통위", ""},
      {"방송미디어통신위원회", ""},
      {"개인정보보호위원회", ""},
      {"개인정보위", ""}}},
    {"KP",
     {{"北", ""},
      {"북", "alone"},
      {"조선민주주의인민공화국", ""},
      {"대북", "toward"},
      {"DPRK", "case"},
      {"N. Korea", ""},
      {"Pyongyang", "case"},
      {"Democratic People's Republic of Korea", ""},
      {"북한군", ""}}},
    // 러 [alone] rather than [particle]: "-러" is a verb ending ("보러 가다", "먹으러").
    {"RU",
     {{"러", "alone"},
      {"Kremlin", "case"},
      {"Кремль", ""},
      {"露", ""},
      {"대러", "toward"},
      {"대러시아", "toward"},
      {"Russian Federation", ""},
      {"Moscow", "case"},
      {"러시아 연방", ""},
      {"러시아군", ""}}},
    {"GB",
     {{"英", ""},
      {"영", "list"},
      {"Britain", ""},
      {"Great Britain", ""},
      {"UK", "case"},
      {"U.K.", ""}}},
    {"DE", {{"獨", ""}, {"독", "list"}, {"Deutschland", ""}}},
    {"FR", {{"佛", ""}, {"불", "list"}}},
    {"AE", {{"UAE", "case"}, {"U.A.E.", ""}, {"아랍에미리트연합", ""}, {"아랍에미리트연합국", ""}}},
    {"TW",
     {{"臺灣", ""},
      {"타이완", ""},
      {"중화민국", ""},
      {"Republic of China", ""},
      {"Chinese Taipei", ""}}},
    {"UA", {{"우크라", ""}}},
    {"SA", {{"사우디", ""}, {"Saudi", ""}, {"KSA", "case"}}},
    {"AU", {{"호주", ""}}},
    {"ZA", {{"남아공", ""}, {"남아프리카공화국", ""}}},
    {"TR", {{"튀르키예", ""}, {"Turkey", "case"}}},
    {"ID", {{"인니", ""}}},
    {"IT", {{"이태리", ""}}},
    {"SG", {{"싱가폴", ""}}},
    {"NL", {{"Holland", ""}}},
    {"VN", {{"Viet Nam", ""}}},
    {"MO", {{"Macau", ""}}},
    {"VA", {{"Vatican", ""}, {"Holy See", ""}, {"바티칸", ""}, {"교황청", ""}}},
    {"MM", {{"Burma", ""}}},
    {"CD", {{"DRC", "case"}, {"DR Congo", ""}, {"Democratic Republic of the Congo", ""}}},
    {"CG", {{"Republic of the Congo", ""}}},
    {"GE", {{"그루지야", ""}, {"Republic of Georgia", ""}}},
    {"ML", {{"말리", "alone"}}},   // 말리다 "to dry, to stop": "말리는", "말리고"
    {"GH", {{"가나", "alone"}}},   // "-가나" (a verb ending)
    {"GN", {{"Guinea", "case"}}},  // "guinea pigs"
};

struct GroupDef {
  std::string id;
  std::vector<std::string> members;  // ISO codes
  std::vector<Extra> aliases;
};

// Unspaced compounds whose meaning is unambiguous in news. 북미 is not here: it is also
// "North America", 미러 is "mirror"; 南北 is not: in Chinese and Japanese it is just
// "north and south".
// "한·미" and "미·중" are matched through the [list] aliases above.
const std::vector<GroupDef> kGroups = {
    {"kr-us", {"KR", "US"}, {{"한미", ""}, {"韓美", ""}}},
    {"kr-us-jp", {"KR", "US", "JP"}, {{"한미일", ""}, {"韓美日", ""}}},
    {"kr-jp", {"KR", "JP"}, {{"한일", ""}, {"韓日", ""}, {"日韓", ""}}},
    {"us-cn", {"US", "CN"}, {{"미중", ""}, {"美中", ""}}},
    {"us-jp", {"US", "JP"}, {{"미일", ""}, {"美日", ""}, {"日米", ""}}},
    {"kr-cn", {"KR", "CN"}, {{"한중", ""}, {"韓中", ""}}},
    {"kr-cn-jp", {"KR", "CN", "JP"}, {{"한중일", ""}, {"韓中日", ""}}},
    {"us-ru", {"US", "RU"}, {{"美露", ""}}},  // not 미러: "mirror"
    {"cn-ru", {"CN", "RU"}, {{"중러", ""}, {"中露", ""}}},
    {"kp-ru", {"KP", "RU"}, {{"북러", ""}, {"北露", ""}}},
    {"kp-cn", {"KP", "CN"}, {{"북중", ""}, {"北中", ""}}},
    {"kr-kp", {"KR", "KP"}, {{"남북", ""}, {"남북한", ""}}},
};

// ---------------------------------------------------------------------------------------------
// ICU helpers
// ---------------------------------------------------------------------------------------------

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string(what) + ": " + u_errorName(status));
  }
}

// A string of CLDR's region-name data: table "Countries", "Countries%short" or
// "Countries%variant" of `locale` (with ICU's locale fallback); "" when absent.
std::string region_resource(const char* locale, const char* table, const std::string& code) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle =
      ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region", locale, &status);
  if (U_FAILURE(status)) {
    ures_close(bundle);
    return "";
  }
  std::string out;
  UResourceBundle* names = ures_getByKey(bundle, table, nullptr, &status);
  if (U_SUCCESS(status)) {
    int32_t length = 0;
    const UChar* s = ures_getStringByKey(names, code.c_str(), &length, &status);
    if (U_SUCCESS(status)) out = to_utf8(icu::UnicodeString(s, length));
  }
  ures_close(names);
  ures_close(bundle);
  return out;
}

std::string cldr_version() {
  UErrorCode status = U_ZERO_ERROR;
  UVersionInfo v;
  ulocdata_getCLDRVersion(v, &status);
  if (U_FAILURE(status)) return "unknown";
  char buf[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, buf);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(' ');
  return s.substr(b, e - b + 1);
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) {
    s.replace(p, from.size(), to);
  }
}

// "Myanmar (Burma)" -> "Myanmar"; "刚果（金）" -> "刚果"; also collapses double spaces.
std::string strip_parenthetical(const std::string& name) {
  std::string out;
  int depth = 0;
  for (std::size_t i = 0; i < name.size();) {
    if (name.compare(i, 1, "(") == 0 || name.compare(i, 3, "（") == 0) {
      ++depth;
      i += name[i] == '(' ? 1 : 3;
    } else if (name.compare(i, 1, ")") == 0 || name.compare(i, 3, "）") == 0) {
      if (depth > 0) --depth;
      i += name[i] == ')' ? 1 : 3;
    } else {
      if (depth == 0) out += name[i];
      ++i;
    }
  }
  replace_all(out, "  ", " ");
  return trim(out);
}

bool has_parenthetical(const std::string& name) {
  return name.find('(') != std::string::npos || name.find("（") != std::string::npos;
}

class AsciiFolder {
 public:
  AsciiFolder() {
    UErrorCode status = U_ZERO_ERROR;
    tr_.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
    check(status, "Transliterator Latin-ASCII");
  }
  std::string fold(const std::string& s) const {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
    tr_->transliterate(u);
    return to_utf8(u);
  }

 private:
  std::unique_ptr<icu::Transliterator> tr_;
};

bool is_ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

bool has_latin(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

// "Côte d’Ivoire" -> "cote-d-ivoire", "St. Kitts & Nevis" -> "saint-kitts-and-nevis".
std::string make_id(const std::string& english, const AsciiFolder& folder) {
  std::string s = folder.fold(strip_parenthetical(english));
  replace_all(s, "U.S.", "US");
  replace_all(s, "St. ", "Saint ");
  replace_all(s, "&", " and ");
  std::string id;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      id += c;
    } else if (!id.empty() && id.back() != '-') {
      id += '-';
    }
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

// Key under which two aliases count as the same: lowercase ASCII, no spaces.
std::string alias_key(const std::string& s) {
  std::string k;
  for (char c : s) {
    if (c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    k += c;
  }
  return k;
}

bool is_single_hangul_syllable(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.countChar32() != 1) return false;
  const UChar32 c = u.char32At(0);
  return c >= 0xAC00 && c <= 0xD7A3;
}

// A Latin acronym of at most four letters ("US", "UAE", "DPRK"): must match in case.
bool is_short_acronym(const std::string& s) {
  if (s.empty() || s.size() > 4) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string escape_item(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '#' || c == '[' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string format_alias(const Extra& a) {
  std::string s = escape_item(a.text);
  if (!a.option.empty()) s += " [" + a.option + "]";
  return s;
}

// ---------------------------------------------------------------------------------------------
// Collecting
// ---------------------------------------------------------------------------------------------

struct Candidate {
  std::string text;
  std::string option;
  std::string fallback;  // full form with a parenthetical, used if `text` is ambiguous
  bool curated = false;  // from kExtras: never dropped
};

struct Country {
  std::string code;
  std::string iso3;
  std::string id;
  std::string label;
  std::vector<Candidate> candidates;
  std::vector<Extra> aliases;  // final
};

void add_candidate(Country& c, const std::string& raw, const AsciiFolder& folder) {
  if (raw.empty()) return;
  std::vector<std::pair<std::string, std::string>> forms;  // text, fallback
  if (has_parenthetical(raw)) {
    forms.emplace_back(strip_parenthetical(raw), raw);
  } else {
    forms.emplace_back(raw, "");
  }
  // English: "St." and "&" spelt out, and an ASCII-folded form ("Cote d'Ivoire").
  if (has_latin(raw)) {
    const std::string base = forms.front().first;
    std::string spelt = base;
    replace_all(spelt, "St. ", "Saint ");
    replace_all(spelt, " & ", " and ");
    if (spelt != base) forms.emplace_back(spelt, "");
    for (std::size_t i = 0, n = forms.size(); i < n; ++i) {
      if (!is_ascii(forms[i].first)) forms.emplace_back(folder.fold(forms[i].first), "");
    }
  }
  for (auto& [text, fallback] : forms) {
    if (text.empty()) continue;
    c.candidates.push_back({text, "", fallback, false});
  }
}

std::vector<Country> collect(const AsciiFolder& folder) {
  std::vector<Country> out;
  UDisplayContext kShort[] = {UDISPCTX_LENGTH_SHORT};
  std::unique_ptr<icu::LocaleDisplayNames> en_short(
      icu::LocaleDisplayNames::createInstance(icu::Locale::getEnglish(), kShort, 1));
  static const char* const kLocales[] = {"ko", "ja", "zh", "zh_Hant"};

  for (const char* const* p = icu::Locale::getISOCountries(); *p != nullptr; ++p) {
    const std::string code = *p;
    if (kExcludedCodes.count(code)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const icu::Region* region = icu::Region::getInstance(code.c_str(), status);
    if (U_FAILURE(status) || region == nullptr || region->getType() != URGN_TERRITORY) continue;

    Country c;
    c.code = code;
    const icu::Locale loc("", code.c_str());
    c.iso3 = loc.getISO3Country();
    icu::UnicodeString name;
    const std::string english = to_utf8(loc.getDisplayCountry(icu::Locale::getEnglish(), name));
    auto id = kIdOverrides.find(code);
    c.id = id != kIdOverrides.end() ? id->second : make_id(english, folder);
    auto label = kLabelOverrides.find(code);
    c.label = label != kLabelOverrides.end() ? label->second : strip_parenthetical(english);

    add_candidate(c, english, folder);
    icu::UnicodeString short_name;
    add_candidate(c, to_utf8(en_short->regionDisplayName(code.c_str(), short_name)), folder);
    add_candidate(c, region_resource("en", "Countries%variant", code), folder);
    for (const char* l : kLocales) {
      icu::UnicodeString n;
      add_candidate(c, to_utf8(loc.getDisplayCountry(icu::Locale(l), n)), folder);
      add_candidate(c, region_resource(l, "Countries%short", code), folder);
      add_candidate(c, region_resource(l, "Countries%variant", code), folder);
    }
    // Dropped names go now, before the curated ones come in.
    if (auto d = kDropped.find(code); d != kDropped.end()) {
      std::erase_if(c.candidates, [&](const Candidate& k) { return d->second.count(k.text); });
    }
    if (auto e = kExtras.find(code); e != kExtras.end()) {
      for (const Extra& x : e->second) {
        bool found = false;
        for (Candidate& k : c.candidates) {
          if (k.text == x.text) {
            k.option = x.option;
            k.curated = true;
            found = true;
          }
        }
        if (!found) c.candidates.push_back({x.text, x.option, "", true});
      }
    }
    // "People's Republic of China" also with a typographic apostrophe, so that the shorter
    // "Republic of China" (Taiwan) cannot win inside "People’s Republic of China".
    for (std::size_t i = 0, n = c.candidates.size(); i < n; ++i) {
      Candidate k = c.candidates[i];
      if (k.text.find('\'') == std::string::npos) continue;
      replace_all(k.text, "'", "’");
      k.fallback.clear();
      c.candidates.push_back(k);
    }
    out.push_back(std::move(c));
  }
  return out;
}

// Resolve aliases: per country unique by key; a key two countries share is dropped from both
// (or replaced by its parenthesised full form). Curated aliases must not clash.
void resolve(std::vector<Country>& countries) {
  std::map<std::string, std::set<std::string>> owners;  // key -> codes
  auto count_keys = [&] {
    owners.clear();
    for (const Country& c : countries) {
      owners[alias_key(c.label)].insert(c.code);
      for (const Candidate& k : c.candidates) owners[alias_key(k.text)].insert(c.code);
    }
  };
  count_keys();
  for (Country& c : countries) {
    std::vector<Candidate> kept;
    for (const Candidate& k : c.candidates) {
      if (owners[alias_key(k.text)].size() == 1 || k.curated) {
        kept.push_back(k);
        continue;
      }
      std::cerr << "gen_countries: " << c.code << ": \"" << k.text << "\" is ambiguous, dropped";
      if (!k.fallback.empty()) {
        std::cerr << ", using \"" << k.fallback << "\"";
        kept.push_back({k.fallback, k.option, "", false});
      }
      std::cerr << "\n";
    }
    c.candidates = std::move(kept);
  }
  count_keys();
  bool clash = false;
  for (const auto& [key, codes] : owners) {
    if (codes.size() > 1) {
      std::cerr << "gen_countries: alias key \"" << key << "\" shared by";
      for (const auto& code : codes) std::cerr << ' ' << code;
      std::cerr << "\n";
      clash = true;
    }
  }
  if (clash) throw std::runtime_error("aliases shared by two countries (see above)");

  for (Country& c : countries) {
    std::set<std::string> seen;
    std::vector<Extra> aliases;
    // The label first; it takes the option of a candidate with the same text.
    std::vector<Candidate> ordered;
    ordered.push_back({c.label, "", "", false});
    for (const Candidate& k : c.candidates) {
      if (k.text == c.label && !k.option.empty()) ordered.front().option = k.option;
      ordered.push_back(k);
    }
    for (const Candidate& k : ordered) {
      // Same text twice: keep the first. Same key but different text ("Hong Kong" and
      // "HongKong") cannot happen with CLDR names; keep both if it does.
      if (!seen.insert(k.text).second) continue;
      Extra a{k.text, k.option};
      if (a.option.empty() && is_short_acronym(a.text)) a.option = "case";
      if (a.option.empty() && is_single_hangul_syllable(a.text)) a.option = "particle";
      aliases.push_back(a);
    }
    c.aliases = std::move(aliases);
  }
}

void write(const std::vector<Country>& countries, std::ostream& os) {
  os << "# countries.rules: every ISO 3166-1 country and territory ICU knows, for relgraph.\n"
     << "#\n"
     << "# GENERATED by tools/gen_countries.cpp from ICU " << U_ICU_VERSION << " (CLDR "
     << cldr_version() << ") country names\n"
     << "# in en, ko, ja, zh and zh-Hant (standard, short and variant forms), plus the\n"
     << "# hand-curated short forms, dropped names and groups in that file.\n"
     << "# Do not edit by hand; edit the generator and run:\n"
     << "#   g++ -std=c++20 -O2 tools/gen_countries.cpp -o /tmp/gen_countries \\\n"
     << "#       $(pkg-config --cflags --libs icu-uc icu-i18n)\n"
     << "#   /tmp/gen_countries > rules/countries.rules\n"
     << "# Attributes: iso (ISO 3166-1 alpha-2), iso3 (alpha-3).\n";

  std::map<std::string, const Country*> by_id;
  std::map<std::string, std::string> id_of_code;
  for (const Country& c : countries) {
    if (!by_id.emplace(c.id, &c).second) throw std::runtime_error("duplicate id " + c.id);
    id_of_code[c.code] = c.id;
  }
  for (const auto& [id, c] : by_id) {
    os << "\nentity " << id << "\n"
       << "  type: country\n"
       << "  label: " << escape_item(c->label) << "\n"
       << "  aliases: ";
    for (std::size_t i = 0; i < c->aliases.size(); ++i) {
      os << (i ? " | " : "") << format_alias(c->aliases[i]);
    }
    os << "\n  iso: " << c->code << "\n  iso3: " << c->iso3 << "\n";
  }

  os << "\n# Compounds naming several countries at once.\n";
  std::vector<const GroupDef*> groups;
  for (const GroupDef& g : kGroups) groups.push_back(&g);
  std::sort(groups.begin(), groups.end(),
            [](const GroupDef* a, const GroupDef* b) { return a->id < b->id; });
  for (const GroupDef* g : groups) {
    os << "\ngroup " << g->id << "\n  members: ";
    for (std::size_t i = 0; i < g->members.size(); ++i) {
      auto it = id_of_code.find(g->members[i]);
      if (it == id_of_code.end()) throw std::runtime_error("group member " + g->members[i]);
      os << (i ? " | " : "") << it->second;
    }
    os << "\n  aliases: ";
    for (std::size_t i = 0; i < g->aliases.size(); ++i) {
      os << (i ? " | " : "") << format_alias(g->aliases[i]);
    }
    os << "\n";
  }
}

}  // namespace

int main() {
  try {
    AsciiFolder folder;
    std::vector<Country> countries = collect(folder);
    resolve(countries);
    write(countries, std::cout);
    std::cerr << "gen_countries: " << countries.size() << " countries, " << kGroups.size()
              << " groups (ICU " << U_ICU_VERSION << ")\n";
  } catch (const std::exception& e) {
    std::cerr << "gen_countries: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
