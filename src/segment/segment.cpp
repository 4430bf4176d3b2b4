// Sentence splitting for news pages (see segment.h).
#include "segment/segment.h"

#include <algorithm>
#include <array>

namespace relgraph {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

bool is_closer(char c) { return c == '"' || c == '\'' || c == ')' || c == ']'; }

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

void push_trimmed(std::string_view text, std::size_t b, std::size_t e, std::vector<Sentence>& out) {
  while (b < e && is_space(text[b])) ++b;
  while (e > b && is_space(text[e - 1])) --e;
  if (b >= e) return;
  // Cut overlong spans at the last space before the limit (or hard, on a UTF-8 boundary).
  while (e - b > kMaxSentenceBytes) {
    std::size_t cut = b + kMaxSentenceBytes;
    std::size_t sp = cut;
    while (sp > b + kMaxSentenceBytes / 2 && !is_space(text[sp])) --sp;
    if (is_space(text[sp])) {
      cut = sp;
    } else {
      while (cut > b && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    }
    out.push_back({b, cut});
    b = cut;
    while (b < e && is_space(text[b])) ++b;
  }
  if (b < e) out.push_back({b, e});
}

// The bytes split_line() looks at: the double quote and the sentence terminators.
constexpr auto kSentenceByte = [] {
  std::array<bool, 256> table{};
  table['"'] = table['.'] = table['!'] = table['?'] = true;
  return table;
}();

// The word that ends right before `dot` (from the last space or the line's start `b`).
std::string_view word_before(std::string_view text, std::size_t b, std::size_t dot) {
  std::size_t w = dot;
  while (w > b && !is_space(text[w - 1])) --w;
  return text.substr(w, dot - w);
}

// A full stop after these opens no new sentence: English titles that stand before a name
// ("Sen. Elizabeth Warren", "Mr. Kim"), and month abbreviations before a day ("Nov. 15").
bool is_title_abbreviation(std::string_view w) {
  static constexpr std::string_view kTitles[] = {
      "Mr",  "Mrs",  "Ms",   "Dr",     "Prof", "Sen",  "Sens",      "Rep",      "Reps", "Gov",
      "Gen", "Lt",   "Col",  "Sgt",    "Capt", "Adm",  "Amb",       "Hon",      "Rev",  "Pres",
      "Maj", "Cmdr", "Atty", "Messrs", "Mmes", "Supt", "Gov-elect", "Vice-Adm", "Rt"};
  for (std::string_view t : kTitles)
    if (w == t) return true;
  return false;
}
bool is_company_abbreviation(std::string_view w) {
  static constexpr std::string_view kFirms[] = {"Co", "Corp", "Inc", "Ltd", "Bhd", "Plc", "Cos"};
  for (std::string_view f : kFirms)
    if (w == f) return true;
  return false;
}
bool is_month_abbreviation(std::string_view w) {
  static constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar",  "Apr", "Jun", "Jul",
                                                 "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"};
  for (std::string_view m : kMonths)
    if (w == m) return true;
  return false;
}

// Splits one line (no '\n' inside) into sentences.
void split_line(std::string_view text, std::size_t b, std::size_t e, std::vector<Sentence>& out) {
  std::size_t start = b;
  bool in_quote = false;
  for (std::size_t i = b; i < e; ++i) {
    // Only quotes and terminators matter here; skip the rest of the line quickly.
    while (i < e && !kSentenceByte[static_cast<unsigned char>(text[i])]) ++i;
    if (i >= e) break;
    const char c = text[i];
    if (c == '"') {
      in_quote = !in_quote;
      continue;
    }
    if (in_quote) {
      // 'calling it "pure speculation." Some analysts': a full stop right before the closing
      // quote, then a space and a new sentence, ends the sentence after the quote.
      if ((c == '.' || c == '!' || c == '?') && i + 2 < e && text[i + 1] == '"' &&
          is_space(text[i + 2])) {
        std::size_t k = i + 2;
        while (k < e && is_space(text[k])) ++k;
        if (k < e && (is_ascii_upper(text[k]) || static_cast<unsigned char>(text[k]) >= 0x80)) {
          in_quote = false;
          push_trimmed(text, start, i + 2, out);
          start = i + 2;
          i = i + 1;
        }
      }
      continue;
    }
    if (c != '.' && c != '!' && c != '?') continue;
    // A run of terminators ("...", "?!") is one; "..." is a pause inside a sentence.
    std::size_t j = i;
    while (j < e && (text[j] == '.' || text[j] == '!' || text[j] == '?')) ++j;
    if (c == '.' && j - i >= 2) {
      i = j - 1;
      continue;
    }
    if (c == '.') {
      const char prev = i > b ? text[i - 1] : ' ';
      const char next = j < e ? text[j] : ' ';
      if (is_ascii_digit(prev) && is_ascii_digit(next)) continue;  // 2.5
      const char prev2 = i > b + 1 ? text[i - 2] : ' ';
      if (is_ascii_upper(prev) && (prev2 == ' ' || prev2 == '.' || i == b + 1)) continue;  // U.S.
      if (is_ascii_upper(prev) || (prev >= 'a' && prev <= 'z')) {
        const std::string_view before = word_before(text, b, i);
        if (is_title_abbreviation(before)) continue;  // "Sen. Elizabeth Warren"
        std::size_t k = j;
        while (k < e && is_space(text[k])) ++k;
        if (k < e && is_ascii_digit(text[k]) && is_month_abbreviation(before)) continue;
        // No English sentence opens in lower case ("Hyundai Motor Co. and LG Electronics
        // Inc. have agreed"), and a firm's abbreviation goes on to its short name
        // ("Contemporary Amperex Technology Co. (CATL) and Stellantis").
        if (k < e && text[k] >= 'a' && text[k] <= 'z') continue;
        if (k < e && text[k] == '(' && is_company_abbreviation(before)) continue;
      }
      if (!is_space(next) && j < e && static_cast<unsigned char>(next) < 0x80 && !is_closer(next)) {
        continue;  // a.b, URLs, 3.5%
      }
    }
    while (j < e && is_closer(text[j])) ++j;
    if (j < e && !is_space(text[j]) && static_cast<unsigned char>(text[j]) < 0x80) continue;
    push_trimmed(text, start, j, out);
    start = j;
    i = j - 1;
  }
  push_trimmed(text, start, e, out);
}

// Hard-wrapped text (plain-text wires, e-mails) breaks lines inside sentences. A document is
// taken as wrapped when most of its lines that are followed by another non-blank line end
// without sentence punctuation and are long, so single line breaks there are spaces.
// A page whose paragraphs are lines of their own (two lines of 120 characters or more: a
// wrapped text keeps to about 80) is not wrapped, however many menu, headline and related-link
// lines run together on it.
bool looks_hard_wrapped(std::string_view text) {
  std::size_t inner = 0, open_ended = 0, long_lines = 0;
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find('\n', b);
    std::size_t chars = 0;
    for (std::size_t k = b; k < std::min(e, text.size()); ++k)
      if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++chars;
    if (chars >= 120 && ++long_lines >= 2) return false;
    if (e == std::string_view::npos) break;
    const bool next_nonblank = e + 1 < text.size() && text[e + 1] != '\n';
    std::size_t end = e;
    while (end > b && is_space(text[end - 1])) --end;
    if (end > b && next_nonblank) {
      ++inner;
      const char last = text[end - 1];
      const bool terminal = last == '.' || last == '!' || last == '?' || last == '"' ||
                            last == '\'' || last == ':' || last == ')';
      // (Long in characters, not bytes: a Hangul syllable is three bytes, and a Korean
      // headline of fourteen syllables is no wrapped line.)
      std::size_t chars = 0;
      for (std::size_t k = b; k < end; ++k)
        if ((static_cast<unsigned char>(text[k]) & 0xC0) != 0x80) ++chars;
      if (!terminal && chars >= 40) ++open_ended;
    }
    b = e + 1;
  }
  return inner >= 3 && open_ended * 3 >= inner * 2;
}

}  // namespace

std::vector<Sentence> split_sentences(std::string_view text) {
  std::vector<Sentence> out;
  const bool wrapped = looks_hard_wrapped(text);
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (true) {
    i = std::min(text.find('\n', i), text.size());
    // In wrapped text only a blank line (or the end) closes the paragraph.
    if (!(wrapped && i < text.size() && i + 1 < text.size() && text[i + 1] != '\n' &&
          i > line_start)) {
      split_line(text, line_start, i, out);
      line_start = i + 1;
    }
    if (i >= text.size()) break;
    ++i;
  }
  return out;
}

}  // namespace relgraph
