// Parsing publication dates into ISO 8601 (see date.h). A hand-written scanner: each accepted
// shape is a short sequence of number, word and separator steps over a cursor.
#include "read/date.h"

#include <array>
#include <cstdio>

namespace relgraph {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  void skip_spaces() {
    while (!done() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  bool eat(std::string_view word) {  // exact bytes (used for Hangul units)
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  // Between min and max digits, not followed by another digit unless `more_digits_ok`; -1
  // otherwise (cursor unchanged).
  int number(std::size_t min, std::size_t max, bool more_digits_ok = false) {
    std::size_t j = i;
    int value = 0;
    while (j < s.size() && j - i < max && is_digit(s[j])) value = value * 10 + (s[j++] - '0');
    if (j - i < min || (!more_digits_ok && j < s.size() && is_digit(s[j]))) return -1;
    i = j;
    return value;
  }
  // A run of ASCII letters, lower-cased (cursor unchanged when none).
  std::string word() {
    std::string w;
    while (!done() && is_alpha(s[i])) w += lower(s[i++]);
    return w;
  }
};

struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = 0;  // hour < 0: no time
  std::string zone;                       // "", "Z" or "+HH:MM"
};

int month_number(const std::string& w) {
  static constexpr std::array<const char*, 12> names = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  if (w.size() < 3) return 0;
  for (std::size_t m = 0; m < names.size(); ++m) {
    const std::string_view name = names[m];
    if (w == name || w == name.substr(0, 3) || (w == "sept" && m == 8)) {
      return static_cast<int>(m) + 1;
    }
  }
  return 0;
}

bool is_day_name(const std::string& w) {
  static constexpr std::array<const char*, 7> names = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (const std::string_view name : names) {
    if (w == name || w == name.substr(0, 3)) return true;
  }
  return false;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

std::string offset(int minutes) {
  if (minutes == 0) return "Z";
  char buf[8];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60 % 100, a % 60);
  return buf;
}

// A zone after the time: Z, UTC/GMT/UT (optionally followed by an offset), a named zone, or
// +HH:MM / +HHMM / +HH. Returns false when something is there but is not a zone.
bool parse_zone(Cursor& c, std::string& zone) {
  c.skip_spaces();
  if (c.done()) return true;
  if (c.eat('Z')) {
    zone.assign(1, 'Z');
    return true;
  }
  if (c.peek() == '+' || c.peek() == '-') {
    const int sign = c.s[c.i++] == '-' ? -1 : 1;
    const int h = c.number(2, 2, true);
    if (h < 0 || h > 14) return false;
    int m = 0;
    const bool colon = c.eat(':');
    if (colon || is_digit(c.peek())) {
      m = c.number(2, 2);
      if (m < 0 || m > 59) return false;
    }
    zone = offset(sign * (h * 60 + m));
    return true;
  }
  if (c.eat("(")) {  // "(KST)"
    const std::string w = c.word();
    if (!c.eat(')')) return false;
    Cursor inner{w, 0};
    return parse_zone(inner, zone) && inner.done();
  }
  static const std::array<std::pair<const char*, int>, 16> named = {{{"utc", 0},
                                                                     {"gmt", 0},
                                                                     {"ut", 0},
                                                                     {"kst", 540},
                                                                     {"jst", 540},
                                                                     {"cet", 60},
                                                                     {"cest", 120},
                                                                     {"bst", 60},
                                                                     {"est", -300},
                                                                     {"edt", -240},
                                                                     {"cst", -360},
                                                                     {"cdt", -300},
                                                                     {"mst", -420},
                                                                     {"mdt", -360},
                                                                     {"pst", -480},
                                                                     {"pdt", -420}}};
  const std::size_t start = c.i;
  const std::string w = c.word();
  for (const auto& [name, minutes] : named) {
    if (w != name) continue;
    zone = offset(minutes);
    if (minutes == 0 && (c.peek() == '+' || c.peek() == '-')) return parse_zone(c, zone);
    return true;
  }
  c.i = start;
  return false;
}

// [T| |,|at] HH:MM[:SS[.fff]] [AM|PM|오전|오후] [zone]; the Korean 오전/오후 may come first.
bool parse_time(Cursor& c, DateTime& d) {
  c.skip_spaces();
  if (c.done()) return true;
  if (c.eat('T') || c.eat(',')) c.skip_spaces();
  const std::size_t at = c.i;
  if (c.word() != "at") c.i = at;
  c.skip_spaces();
  int half = 0;  // 1 = morning, 2 = afternoon
  if (c.eat("오전")) half = 1;
  if (c.eat("오후")) half = 2;
  c.skip_spaces();
  int h = c.number(1, 2);
  if (h < 0) return false;
  if (!c.eat(':')) return false;
  const int mi = c.number(2, 2);
  if (mi < 0) return false;
  int se = 0;
  if (c.eat(':')) {
    se = c.number(2, 2);
    if (se < 0) return false;
    if (c.eat('.') || c.eat(',')) {
      if (!is_digit(c.peek())) return false;
      while (is_digit(c.peek())) ++c.i;
    }
  }
  c.skip_spaces();
  const std::size_t before = c.i;
  const std::string w = c.word();
  if (w == "am" || w == "a") {
    half = 1;
  } else if (w == "pm" || w == "p") {
    half = 2;
  } else {
    c.i = before;
  }
  if (half != 0) {
    if (h < 1 || h > 12) return false;
    h = h % 12 + (half == 2 ? 12 : 0);
  }
  if (h > 23 || mi > 59 || se > 60) return false;
  d.hour = h;
  d.minute = mi;
  d.second = se == 60 ? 59 : se;
  return parse_zone(c, d.zone);
}

// The date part in one of the accepted shapes; leaves the cursor after it.
bool parse_day(Cursor& c, DateTime& d) {
  const std::size_t start = c.i;
  // 2025-03-04, 2025/3/4, 2025.03.04(.), 2025년 3월 4일
  if (int y = c.number(4, 4); y >= 0) {
    d.year = y;
    if (c.eat("년")) {
      c.skip_spaces();
      d.month = c.number(1, 2);
      if (d.month < 0 || !c.eat("월")) return false;
      c.skip_spaces();
      d.day = c.number(1, 2);
      if (d.day < 0 || !c.eat("일")) return false;
    } else {
      const char sep = c.peek();
      if (sep != '-' && sep != '/' && sep != '.') return false;
      ++c.i;
      d.month = c.number(1, 2);
      if (d.month < 0 || !c.eat(sep)) return false;
      d.day = c.number(1, 2);
      if (d.day < 0) return false;
      if (sep == '.') c.eat('.');
    }
    c.skip_spaces();
    if (c.eat('(')) {  // a weekday in brackets: "(화)", "(Tue)"
      while (!c.done() && c.peek() != ')') ++c.i;
      if (!c.eat(')')) return false;
    }
    return true;
  }
  c.i = start;
  std::string w = c.word();
  if (is_day_name(w)) {  // "Tue, 04 Mar 2025", "Tuesday, March 4, 2025"
    c.eat('.');
    c.eat(',');
    c.skip_spaces();
    w = c.word();
  }
  if (!w.empty()) {  // "March 4, 2025", "Mar. 4 2025"
    d.month = month_number(w);
    if (d.month == 0) return false;
    c.eat('.');
    c.skip_spaces();
    d.day = c.number(1, 2);
    if (d.day < 0) return false;
    const std::size_t suffix = c.i;
    if (const std::string th = c.word(); th != "st" && th != "nd" && th != "rd" && th != "th") {
      c.i = suffix;
    }
    c.eat(',');
    c.skip_spaces();
    d.year = c.number(4, 4);
    return d.year >= 0;
  }
  d.day = c.number(1, 2);  // "04 Mar 2025", "4 March, 2025"
  if (d.day < 0) return false;
  c.skip_spaces();
  c.eat('-');
  d.month = month_number(c.word());
  if (d.month == 0) return false;
  c.eat('.');
  c.eat(',');
  c.eat('-');
  c.skip_spaces();
  d.year = c.number(4, 4);
  return d.year >= 0;
}

std::string format(const DateTime& d) {
  char buf[48];
  if (d.hour < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", d.year % 10000, d.month % 100,
                  d.day % 100, d.hour % 100, d.minute % 100, d.second % 100,
                  d.zone.substr(0, 6).c_str());
  }
  return buf;
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void civil_from_days(long long z, int& y, int& m, int& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

}  // namespace

std::optional<std::string> date_from_unix_seconds(long long seconds) {
  if (seconds < -30610224000LL || seconds > 253402300799LL) return std::nullopt;
  long long days = seconds / 86400;
  long long rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  DateTime d;
  civil_from_days(days, d.year, d.month, d.day);
  d.hour = static_cast<int>(rest / 3600);
  d.minute = static_cast<int>(rest / 60 % 60);
  d.second = static_cast<int>(rest % 60);
  d.zone = "Z";
  return format(d);
}

std::optional<std::string> normalise_date(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  if (text.empty()) return std::nullopt;
  // Digits only: YYYYMMDD[hhmm[ss]] (8, 12 or 14 digits), else a Unix time in seconds (9 or
  // 10 digits) or milliseconds (13).
  bool all_digits = true;
  for (const char ch : text) all_digits = all_digits && is_digit(ch);
  if (all_digits) {
    const auto field = [&](std::size_t at, std::size_t n) {
      int v = 0;
      for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
      return v;
    };
    if (text.size() == 8 || text.size() == 12 || text.size() == 14) {
      DateTime d;
      d.year = field(0, 4);
      d.month = field(4, 2);
      d.day = field(6, 2);
      if (text.size() >= 12) {
        d.hour = field(8, 2);
        d.minute = field(10, 2);
        if (text.size() == 14) d.second = field(12, 2);
        if (d.hour > 23 || d.minute > 59 || d.second > 59) return std::nullopt;
      }
      if (d.year < 1000 || d.month < 1 || d.month > 12 || d.day < 1 ||
          d.day > days_in_month(d.year, d.month)) {
        return std::nullopt;
      }
      return format(d);
    }
    if (text.size() == 9 || text.size() == 10 || text.size() == 13) {
      long long n = 0;
      for (const char ch : text) n = n * 10 + (ch - '0');
      return date_from_unix_seconds(text.size() == 13 ? n / 1000 : n);
    }
    return std::nullopt;
  }
  Cursor c{text, 0};
  DateTime d;
  if (!parse_day(c, d)) return std::nullopt;
  if (!parse_time(c, d)) return std::nullopt;
  c.skip_spaces();
  if (!c.done()) return std::nullopt;
  if (d.year < 1000 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return format(d);
}

}  // namespace relgraph
