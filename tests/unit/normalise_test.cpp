// Tests of src/normalise: NFKC, the typographic folds, UTF-8 repair and the offset map.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "normalise/normalise.h"
#include "unicode/utf8.h"

using namespace relgraph;

namespace {

// The original offset of every normalised byte and of the end (to_original(0..size)).
std::vector<std::uint32_t> origin_map(const NormalisedText& n) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i <= n.text.size(); ++i)
    out.push_back(static_cast<std::uint32_t>(n.to_original(i)));
  return out;
}

// The origin map as text, for readable failure messages: "0 1 2 5 ...".
std::string origins(const NormalisedText& n) {
  std::string out;
  for (std::uint32_t o : origin_map(n)) {
    if (!out.empty()) out += ' ';
    out += std::to_string(o);
  }
  return out;
}

// The original bytes behind the normalised span [b, e).
std::string_view original_of(std::string_view original, const NormalisedText& n, std::size_t b,
                             std::size_t e) {
  return original.substr(n.to_original(b), n.to_original(e) - n.to_original(b));
}

// Every normalised text keeps the invariants of the map.
void check_map_invariants(std::string_view original, const NormalisedText& n) {
  const std::vector<std::uint32_t> origin = origin_map(n);
  REQUIRE(origin.size() == n.text.size() + 1);
  CHECK(origin.back() == original.size());
  for (std::size_t i = 0; i + 1 < origin.size(); ++i) {
    CHECK(origin[i] <= origin[i + 1]);
    CHECK(origin[i] < original.size());
  }
}

}  // namespace

TEST_CASE("normalise: plain ASCII and Hangul are unchanged, each byte maps to its character") {
  const std::string s = "AI는 된다.";
  const NormalisedText n = normalise(s);
  CHECK(n.text == s);
  check_map_invariants(s, n);
  // Every byte of a multi-byte character maps to the character's first byte.
  CHECK(origins(n) == "0 1 2 2 2 5 6 6 6 9 9 9 12 13");
  CHECK(n.to_original(4) == 2);
  CHECK(n.to_original(12) == 12);
}

TEST_CASE("normalise: the empty string") {
  const NormalisedText n = normalise("");
  CHECK(n.text.empty());
  CHECK(origins(n) == "0");
}

TEST_CASE("normalise: NFKC folds full-width forms") {
  // Each full-width character is 3 bytes in the original and 1 byte after NFKC.
  const std::string s = "ＡＢＣ１";
  const NormalisedText n = normalise(s);
  CHECK(n.text == "ABC1");
  check_map_invariants(s, n);
  CHECK(origins(n) == "0 3 6 9 12");

  CHECK(normalise_string("ｓａｍｓｕｎｇ　ＳＤＩ") == "samsung SDI");
  CHECK(normalise_string("１００％") == "100%");
  CHECK(normalise_string("（주）") == "(주)");
}

TEST_CASE("normalise: NFKC folds compatibility characters") {
  CHECK(normalise_string("\u3231") == "(株)");            // ㈱
  CHECK(normalise_string("\u321C") == "(주)");            // ㈜
  CHECK(normalise_string("\uFB01nance") == "finance");    // ﬁ ligature
  CHECK(normalise_string("\u2460\u2461") == "12");        // ①②
  CHECK(normalise_string("\u338F") == "kg");              // ㎏
  CHECK(normalise_string("\u2162") == "III");             // Ⅲ
  CHECK(normalise_string("x\u00B2") == "x2");             // superscript two
  CHECK(normalise_string("\uFF76\uFF9E") == "\u30AC");    // half-width ｶﾞ composes to ガ
  CHECK(normalise_string("\u1112\u1161\u11AB") == "한");  // conjoining jamo compose
}

TEST_CASE("normalise: NFKC composes a base letter with a combining mark") {
  CHECK(normalise_string("\u00EA\u0301") == "\u1EBF");        // ê + acute -> ế
  CHECK(normalise_string("\u212B") == "\u00C5");              // ANGSTROM SIGN -> Å
  CHECK(normalise_string("\uD55C\u0301") == "\uD55C\u0301");  // no composite: kept
}

TEST_CASE("normalise: NFKC expansions map every output byte to the source character") {
  // "ﬁ" (3 bytes) expands to "fi": both output bytes come from offset 1.
  const std::string s = "a\uFB01b";
  const NormalisedText n = normalise(s);
  CHECK(n.text == "afib");
  check_map_invariants(s, n);
  CHECK(origins(n) == "0 1 1 4 5");

  // Half-width ｶﾞ (two characters, 6 bytes) compose to one ガ (3 bytes) at offset 0.
  const std::string k = "\uFF76\uFF9E!";
  const NormalisedText nk = normalise(k);
  CHECK(nk.text == "\u30AC!");
  check_map_invariants(k, nk);
  CHECK(origins(nk) == "0 0 0 6 7");
}

TEST_CASE("normalise: quotes, dashes and middle dots are folded") {
  CHECK(normalise_string("\u201C인공지능\u201D") == "\"인공지능\"");
  CHECK(normalise_string("\u201E\u00AB\u00BB\u201F") == "\"\"\"\"");
  CHECK(normalise_string("\u300C패권\u300D") == "\"패권\"");
  CHECK(normalise_string("\u2018AI\u2019 `x`") == "'AI' 'x'");
  CHECK(normalise_string("2025\u20132026 \u2014 \u2212 5") == "2025-2026 - - 5");
  CHECK(normalise_string("\u2010\u2011\u2015") == "---");
  CHECK(normalise_string("미\u318D중") == "미\u00B7중");  // ㆍ HANGUL LETTER ARAEA
  CHECK(normalise_string("미\u30FB중") == "미\u00B7중");  // ・ KATAKANA MIDDLE DOT
  CHECK(normalise_string("미\u2027중") == "미\u00B7중");  // ‧ HYPHENATION POINT
  CHECK(normalise_string("미\uFF65중") == "미\u00B7중");  // ･ half-width katakana middle dot
  CHECK(normalise_string("미\u00B7중") == "미\u00B7중");  // · stays
  CHECK(normalise_string("잠깐\u2026") == "잠깐...");
}

TEST_CASE("normalise: spaces, invisible characters and line ends") {
  CHECK(normalise_string("a\u00A0b") == "a b");           // NBSP
  CHECK(normalise_string("a\u3000b") == "a b");           // ideographic space
  CHECK(normalise_string("a\u2009b\u202Fc") == "a b c");  // thin, narrow no-break
  CHECK(normalise_string("a\tb") == "a b");
  CHECK(normalise_string("삼성\u200B전자") == "삼성전자");    // zero-width space
  CHECK(normalise_string("오픈\u200DAI\u200C") == "오픈AI");  // ZWJ, ZWNJ
  CHECK(normalise_string("\uFEFF머리말") == "머리말");        // BOM
  CHECK(normalise_string("반도\u00AD체") == "반도체");        // soft hyphen
  CHECK(normalise_string("a\r\nb\r\n") == "a\nb\n");
  CHECK(normalise_string("a\rb") == "a\nb");  // a lone CR is a line end too
  CHECK(normalise_string("a\u2028b") == "a\nb");
  CHECK(normalise_string("Case Kept") == "Case Kept");
}

TEST_CASE("normalise: removed and folded characters keep the map consistent") {
  // a, ZWSP (3 bytes, removed), b, CR LF (one LF at the CR's offset, so a span ending at the
  // line end never takes the CR), NBSP (2 bytes -> 1), c
  const std::string s = "a\u200Bb\r\n\u00A0c";
  const NormalisedText n = normalise(s);
  CHECK(n.text == "ab\n c");
  check_map_invariants(s, n);
  CHECK(origins(n) == "0 4 5 7 9 10");
}

TEST_CASE("normalise: an ASCII letter composes with a combining mark after it") {
  const NormalisedText n = normalise("Cafe\u0301 ok");
  CHECK(n.text == "Caf\u00E9 ok");
  CHECK(n.to_original(3) == 3);  // the composed é maps back to the 'e'
  CHECK(n.to_original(n.text.size()) == 9);
}

TEST_CASE("normalise: invalid UTF-8 becomes U+FFFD, one per bad byte") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(normalise_string("a\xFF"
                         "b") == "a" + fffd + "b");
  CHECK(normalise_string("\xC0\xAF") == fffd + fffd);             // overlong
  CHECK(normalise_string("\xED\xA0\x80") == fffd + fffd + fffd);  // surrogate
  CHECK(normalise_string("\xE2\x82"
                         "A") == fffd + fffd + "A");            // truncated sequence
  CHECK(normalise_string("삼\xEC\x84") == "삼" + fffd + fffd);  // truncated at the end
  CHECK(normalise_string("\x80") == fffd);                      // lone continuation

  const std::string s =
      "a\xFF"
      "b";
  const NormalisedText n = normalise(s);
  check_map_invariants(s, n);
  CHECK(origins(n) == "0 1 1 1 2 3");
  CHECK_FALSE(n.original_is_valid_utf8);
}

TEST_CASE("normalise: original_is_valid_utf8 says whether any byte of the original was invalid") {
  for (const std::string valid :
       {"", "abc", "삼성전자는 투자했다.", "Cafe\u0301 ｆｕｌｌ “q”", "\xEF\xBF\xBD"}) {
    CAPTURE(valid);
    CHECK(normalise(valid).original_is_valid_utf8);
    CHECK(normalise_detail::normalise_general(valid).original_is_valid_utf8);
  }
  for (const std::string invalid :
       {"a\xFF", "\xC0\xAF", "\xED\xA0\x80", "삼\xEC\x84", "\x80 삼성"}) {
    CAPTURE(invalid);
    CHECK_FALSE(normalise(invalid).original_is_valid_utf8);
    CHECK_FALSE(normalise_detail::normalise_general(invalid).original_is_valid_utf8);
  }
  CHECK_FALSE(NormalisedText{}.original_is_valid_utf8);  // unknown unless normalise() says so
}

TEST_CASE("normalise: a span found in the normalised text maps to the same original text") {
  const std::string s =
      "\u201C\uFF2E\uFF56\uFF49\uFF44\uFF49\uFF41\u201D\uB294\u00A0\uC624\uD508\u200BAI\uC5D0 "
      "20\uC870\u2009\uC6D0\uC744 \uD22C\uC790\uD588\uB2E4\r\n\uC0BC\uC131\uC804\uC790\u30FB"
      "\uAD6C\uAE00";
  // “Ｎｖｉｄｉａ”는<NBSP>오픈<ZWSP>AI에 20조<THIN>원을 투자했다<CR><LF>삼성전자・구글
  const NormalisedText n = normalise(s);
  CHECK(n.text == "\"Nvidia\"는 오픈AI에 20조 원을 투자했다\n삼성전자·구글");
  check_map_invariants(s, n);

  auto span = [&](std::string_view needle) {
    const std::size_t b = n.text.find(needle);
    REQUIRE(b != std::string::npos);
    return std::string(original_of(s, n, b, b + needle.size()));
  };
  CHECK(span("Nvidia") == "\uFF2E\uFF56\uFF49\uFF44\uFF49\uFF41");
  CHECK(span("\"Nvidia\"") == "\u201C\uFF2E\uFF56\uFF49\uFF44\uFF49\uFF41\u201D");
  CHECK(span("오픈AI") == "오픈\u200BAI");
  CHECK(span("20조 원") == "20조\u2009원");
  CHECK(span("투자했다\n") == "투자했다\r\n");
  CHECK(span("삼성전자") == "삼성전자");
  CHECK(span("삼성전자·구글") == "삼성전자\u30FB구글");
  CHECK(span("구글") == "구글");
  // Byte by byte: the first byte of "는" comes after 3 + 6*3 + 3 original bytes.
  const std::size_t neun = n.text.find("는");
  CHECK(neun == 8);
  CHECK(n.to_original(neun) == 24);
  CHECK(n.to_original(neun + 1) == 24);
  CHECK(n.to_original(neun + 3) == 27);  // the space from NBSP
}

TEST_CASE("normalise: the UTF-8 helpers it builds on (unicode/utf8.h)") {
  std::size_t len = 0;
  CHECK(next_code_point("A", 0, len) == U'A');
  CHECK(len == 1);
  CHECK(next_code_point("\xC2\xB7", 0, len) == U'\u00B7');
  CHECK(len == 2);
  CHECK(next_code_point("x한", 1, len) == U'한');
  CHECK(len == 3);
  CHECK(next_code_point("\xF0\x9F\x98\x80", 0, len) == U'\U0001F600');
  CHECK(len == 4);
  CHECK(next_code_point("\xF4\x90\x80\x80", 0, len) == kReplacementCharacter);  // > U+10FFFF
  CHECK(len == 1);
  CHECK(next_code_point("\xE0\x80\x80", 0, len) == kReplacementCharacter);  // overlong
  CHECK(len == 1);
  char32_t cp = 0;
  CHECK(decode_utf8("\xED\xA0\x80", 0, cp) == 1);  // surrogate
  CHECK(cp == kInvalidCodePoint);
  CHECK(decode_utf8("삼", 0, cp) == 3);
  CHECK(cp == U'삼');

  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, U'\u00E9');
  append_utf8(out, U'한');
  append_utf8(out, U'\U0001F600');
  CHECK(out == "A\u00E9한\U0001F600");
}

TEST_CASE("normalise: count_invalid_utf8 on long mixed text agrees with decoding") {
  // Texts of a few hundred bytes, mostly Hangul (three-byte characters led by EA..ED) and
  // spaces, so the 64-byte blocks of the fast path are used, with a piece that is invalid or
  // not a three-byte character at every offset across a block boundary.
  const std::vector<std::string> background = {
      "한", "국", "은", " ",  "a",
      "삼", "힣", "가", "\n", std::string(40, 'x')};  // an all-ASCII block
  const std::vector<std::string> pieces = {
      "\xFF",         "\xED\xA0\x80", "\xED\x9F\xBF", "\xE0\xA0\x80",     "\xC2\xB7",
      "\x80",         "\xEA\xB0",     "\xEA\x30\x80", "\xF0\x9F\x98\x80", "\xED",
      "\xEF\xBF\xBF", "\xEA",         "\xBF\xBF",     "\xE1\x80\x80"};
  std::mt19937 random(5);
  auto decoded_bad = [](std::string_view text) {
    std::size_t bad = 0;
    for (std::size_t i = 0; i < text.size();) {
      char32_t cp = 0;
      i += decode_utf8(text, i, cp);
      bad += cp == kInvalidCodePoint;
    }
    return bad;
  };
  // A character cut short at every offset of a block, then plain ASCII to the end.
  std::string hangul;
  for (int k = 0; k < 20; ++k) hangul += "한";
  for (const std::string cut : {"\xEA", "\xEA\xB0", "\xED\x95"}) {
    for (std::size_t pad = 0; pad < 70; ++pad) {
      const std::string text = std::string(pad, 'a') + hangul + cut + std::string(130, 'x');
      CAPTURE(pad);
      REQUIRE(count_invalid_utf8(text) == decoded_bad(text));
    }
  }
  for (int round = 0; round < 6000; ++round) {
    std::string text;
    const std::size_t length = 60 + random() % 300;
    while (text.size() < length) text += background[random() % background.size()];
    const std::size_t at = random() % (text.size() + 1);
    const std::size_t count = random() % 3;  // 0: only valid text, cut anywhere
    for (std::size_t k = 0; k < count; ++k)
      text.insert(std::min(text.size(), at + 7 * k), pieces[random() % pieces.size()]);
    if (count == 0) text.resize(random() % (text.size() + 1));  // may cut a character
    CAPTURE(text);
    const std::size_t bad = decoded_bad(text);
    REQUIRE(count_invalid_utf8(text) == bad);
    REQUIRE(is_valid_utf8(text) == (bad == 0));
  }
}

TEST_CASE("normalise: is_valid_utf8 and count_invalid_utf8 agree with decoding at every offset") {
  // A bad byte (or a good multi-byte character) at each position around the eight-byte ASCII
  // steps the fast path takes.
  const std::vector<std::string> inserts = {
      "\xFF",        "\xED\xA0\x80", "\xED\x9F\xBF", "\xE0\x80\x80",     "\xE0\xA0\x80",
      "\xC3",        "\xC1\x81",     "한",           "\xC2\xB7",         "\x7F",
      "\x80",        "\xEA\xB0",     "\xEA\x30\x80", "\xF0\x9F\x98\x80", "\xF4\x90\x80\x80",
      "\xEF\xBF\xBF"};
  for (const std::string& insert : inserts) {
    for (std::size_t at = 0; at <= 20; ++at) {
      const std::string text = std::string(at, 'a') + insert + std::string(20 - at, 'b');
      std::size_t bad = 0;
      for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        i += decode_utf8(text, i, cp);
        bad += cp == kInvalidCodePoint;
      }
      CAPTURE(at);
      CAPTURE(insert);
      CHECK(count_invalid_utf8(text) == bad);
      CHECK(is_valid_utf8(text) == (bad == 0));
    }
  }
  CHECK(is_valid_utf8(""));
  CHECK(count_invalid_utf8("\xED\xA0\x80") == 3);  // a surrogate: three bad bytes
  CHECK_FALSE(is_valid_utf8("abcdefgh\xEDz"));
}

TEST_CASE("normalise: normalise_string and normalise()'s fast paths change nothing") {
  // Pieces that take the fast path (printable ASCII, Hangul syllables) and pieces that must
  // not: the backquote, controls, a trailing jamo after a syllable, combining marks after
  // ASCII, full-width forms, odd spaces, invalid and truncated UTF-8.
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "-",
                                           ".",
                                           "`",
                                           "\t",
                                           "\x7F",
                                           "\x01",
                                           "\n",
                                           "\r",
                                           "한",
                                           "국",
                                           "힣",
                                           "가",
                                           "\xE1\x86\xA8" /* ᆨ */,
                                           "\xCC\x81" /* U+0301 */,
                                           "ｓ",
                                           "１",
                                           "\xE3\x80\x80" /* U+3000 */,
                                           "\xC2\xA0",
                                           "\xEA\xB0",
                                           "\xFF",
                                           "\xED\x9E\xA4" /* U+D7A4 */,
                                           "\xEA\xB0\x7F",
                                           "’",
                                           "·",
                                           "ㆍ"};
  std::mt19937 random(77);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int length = static_cast<int>(random() % 8);
    for (int i = 0; i < length; ++i) s += pieces[random() % pieces.size()];
    INFO("input: ", s);
    const NormalisedText n = normalise(s);
    REQUIRE(normalise_string(s) == n.text);
    // normalise()'s own fast path (runs of plain ASCII and Hangul copied through) changes
    // nothing, offsets included.
    const NormalisedText general = normalise_detail::normalise_general(s);
    REQUIRE(n.text == general.text);
    REQUIRE(origin_map(n) == origin_map(general));
  }
  CHECK(normalise_string("삼성전자 Samsung Electronics") == "삼성전자 Samsung Electronics");
  CHECK(normalise_string("`quoted`") == "'quoted'");
}
