// Tests of src/segment: sentence splitting of normalised news text.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "segment/segment.h"

using namespace relgraph;

namespace {

// The sentences of `text`, joined by " | " for readable failure messages.
std::string sentences(std::string_view text) {
  std::string out;
  for (const Sentence& s : split_sentences(text)) {
    REQUIRE(s.begin < s.end);
    REQUIRE(s.end <= text.size());
    if (!out.empty()) out += " | ";
    out += text.substr(s.begin, s.end - s.begin);
  }
  return out;
}

// The spans as "begin-end" pairs.
std::string spans(std::string_view text) {
  std::string out;
  for (const Sentence& s : split_sentences(text)) {
    if (!out.empty()) out += ' ';
    out += std::to_string(s.begin) + "-" + std::to_string(s.end);
  }
  return out;
}

}  // namespace

TEST_CASE("segment: empty and blank text give no sentence") {
  CHECK(split_sentences("").empty());
  CHECK(split_sentences("   \n\n \t \n").empty());
}

TEST_CASE("segment: every line break ends a sentence") {
  CHECK(sentences("삼성전자, 美 텍사스에 20조 추가 투자\n한빛경제 김기자 2026.03.02\n본문이다.") ==
        "삼성전자, 美 텍사스에 20조 추가 투자 | 한빛경제 김기자 2026.03.02 | 본문이다.");
  CHECK(sentences("headline\n\n\nbody") == "headline | body");
  CHECK(spans("ab\ncd") == "0-2 3-5");
}

TEST_CASE("segment: 다. ends a sentence before a space or directly before Hangul") {
  CHECK(sentences("삼성은 투자했다. 구글도 참여했다.") == "삼성은 투자했다. | 구글도 참여했다.");
  CHECK(sentences("삼성은 투자했다.구글도 참여했다.") == "삼성은 투자했다. | 구글도 참여했다.");
  CHECK(sentences("투자했다!  정말인가? 그렇다.") == "투자했다! | 정말인가? | 그렇다.");
  CHECK(sentences("왜?!  그렇다.") == "왜?! | 그렇다.");
  // The exact spans: the space between the sentences belongs to neither.
  CHECK(spans("가다. 나다.") == "0-7 8-15");
}

TEST_CASE("segment: no split in decimals, initials, URLs, dotted names") {
  CHECK(sentences("지분율은 2.5%로 늘었다. 다음 문장.") == "지분율은 2.5%로 늘었다. | 다음 문장.");
  CHECK(sentences("U.S. officials met. They left.") == "U.S. officials met. | They left.");
  CHECK(sentences("U.S.A. 정부는 밝혔다.") == "U.S.A. 정부는 밝혔다.");
  CHECK(sentences("Donald J. Trump spoke.") == "Donald J. Trump spoke.");
  CHECK(sentences("자세한 내용은 www.example.com/news.html 참고. 끝.") ==
        "자세한 내용은 www.example.com/news.html 참고. | 끝.");
  CHECK(sentences("https://news.example.co.kr/a.b?c=1 에서 봤다.") ==
        "https://news.example.co.kr/a.b?c=1 에서 봤다.");
  CHECK(sentences("Node.js and ASP.NET grew 3.5% in 2025.") ==
        "Node.js and ASP.NET grew 3.5% in 2025.");
}

TEST_CASE("segment: no split after a title before a name, or a month before a day") {
  CHECK(sentences("Sen. Elizabeth Warren blasted the plan. Mr. Kim agreed.") ==
        "Sen. Elizabeth Warren blasted the plan. | Mr. Kim agreed.");
  CHECK(sentences("Published : Nov. 15, 2026 - 17:42") == "Published : Nov. 15, 2026 - 17:42");
  // A month without a day after it, and a word that only ends like a title, end sentences.
  CHECK(sentences("It opened in Nov. Sales rose.") == "It opened in Nov. | Sales rose.");
  CHECK(sentences("They met the Gen. Then left.") == "They met the Gen. Then left.");
  CHECK(sentences("The new CEO is Ms. Lee. She starts today.") ==
        "The new CEO is Ms. Lee. | She starts today.");
}

TEST_CASE(
    "segment: no split before a lower-case word, or after a firm's abbreviation before "
    "its short name") {
  CHECK(sentences("Kia Corp. and LG Display Co. have signed a deal. It runs to 2030.") ==
        "Kia Corp. and LG Display Co. have signed a deal. | It runs to 2030.");
  CHECK(sentences("Doosan Enerbility Co. (DE) said sales rose.") ==
        "Doosan Enerbility Co. (DE) said sales rose.");
  // A firm's abbreviation at the end of a sentence still ends it.
  CHECK(sentences("It sold the unit to Kia Corp. The deal closed.") ==
        "It sold the unit to Kia Corp. | The deal closed.");
  CHECK(sentences("Sales rose 3%. (The figures are final.)") ==
        "Sales rose 3%. | (The figures are final.)");
}

TEST_CASE("segment: no split inside a double-quoted span") {
  CHECK(sentences("그는 \"미국은 틀렸다. 우리는 맞다.\"라고 말했다. 끝이다.") ==
        "그는 \"미국은 틀렸다. 우리는 맞다.\"라고 말했다. | 끝이다.");
  CHECK(sentences("\"Is it over? No.\" he said. Then he left.") ==
        "\"Is it over? No.\" he said. | Then he left.");
}

TEST_CASE("segment: an ellipsis is a pause, not an end") {
  CHECK(sentences("글쎄... 잘 모르겠다. 끝.") == "글쎄... 잘 모르겠다. | 끝.");
  CHECK(sentences("Well.. maybe. Yes.") == "Well.. maybe. | Yes.");
}

TEST_CASE("segment: closing quotes and brackets stay with their sentence") {
  // Inside a quoted span nothing ends, except a full stop right before the closing quote that a
  // space and a new sentence follow ('calling it "pure speculation." Some analysts...').
  CHECK(sentences("그는 \"좋다.\" 그리고 떠났다.") == "그는 \"좋다.\" | 그리고 떠났다.");
  CHECK(sentences("그는 \"좋다.\"라고 말했다.") == "그는 \"좋다.\"라고 말했다.");
  CHECK(sentences("It was \"pure speculation.\" Some said no.") ==
        "It was \"pure speculation.\" | Some said no.");
  CHECK(sentences("\"좋다. 아주 좋다\" 그가 말했다.") == "\"좋다. 아주 좋다\" 그가 말했다.");
  CHECK(sentences("He said 'yes.' Then left.") == "He said 'yes.' | Then left.");
  CHECK(sentences("(사진은 자료다.) 본문이다.") == "(사진은 자료다.) | 본문이다.");
  CHECK(sentences("[속보다.] 본문이다.") == "[속보다.] | 본문이다.");
  CHECK(sentences("It ended.\" Next.") == "It ended.\" | Next.");
}

TEST_CASE("segment: in hard-wrapped text only blank lines and punctuation end sentences") {
  const std::string text =
      "Nvidia said on Tuesday that it would invest\n"
      "another ten billion dollars in OpenAI over the\n"
      "next three years, according to people familiar\n"
      "with the matter. The deal was signed in March.\n"
      "\n"
      "A second paragraph starts here\n";
  CHECK(sentences(text) ==
        "Nvidia said on Tuesday that it would invest\nanother ten billion dollars in OpenAI over "
        "the\nnext three years, according to people familiar\nwith the matter. | The deal was "
        "signed in March. | A second paragraph starts here");
  // Two wrapped lines are not enough to call the text wrapped.
  CHECK(sentences("Nvidia said on Tuesday that it would invest\nanother ten billion dollars in "
                  "OpenAI over the\nnext three years.") ==
        "Nvidia said on Tuesday that it would invest | another ten billion dollars in OpenAI "
        "over the | next three years.");
}

TEST_CASE("segment: a page whose paragraphs are single long lines is not wrapped") {
  // Menu, headline and related-link lines run together without full stops, but the body's
  // paragraphs are lines of their own: every line break ends a sentence.
  const std::string para(130, 'x');
  const std::string text =
      "Home | Business | Markets | Technology | Opinion | World | Sports\n"
      "Kia to build a plant in Georgia as exports reach a record high\n"
      "LG Display adds a new OLED line in Paju; Samsung denies a report\n"
      "\n" +
      para + ".\n\n" + para +
      ".\n\n"
      "Related Articles\n"
      "Hyundai Mobis posts record quarterly sales on electrification\n"
      "Hankook Tire to raise its Hungary plant capacity by a third\n";
  const std::string got = sentences(text);
  CHECK(got.find("Kia to build a plant in Georgia as exports reach a record high | LG Display") !=
        std::string::npos);
  CHECK(got.find("Related Articles | Hyundai Mobis") != std::string::npos);
}

TEST_CASE("segment: a page's short Korean headline lines are no wrapped text") {
  // Fourteen syllables are 42 bytes but a short line: each line is a sentence of its own.
  const std::string text =
      "관련기사\n"
      "엘앤에프, 테슬라와 양극재 공급계약 2년 연장\n"
      "2차전지 소재주, 외국인 5거래일 연속 순매수\n"
      "LG에너지솔루션, 3분기 영업이익 7000억원대\n";
  CHECK(sentences(text) ==
        "관련기사 | 엘앤에프, 테슬라와 양극재 공급계약 2년 연장 | 2차전지 소재주, 외국인 "
        "5거래일 연속 순매수 | LG에너지솔루션, 3분기 영업이익 7000억원대");
}

TEST_CASE("segment: spans are trimmed of spaces and tabs") {
  const std::string text = "  첫 문장이다.   둘째 문장이다.  \n\t셋째\t ";
  CHECK(sentences(text) == "첫 문장이다. | 둘째 문장이다. | 셋째");
  const std::vector<Sentence> s = split_sentences(text);
  REQUIRE(s.size() == 3);
  CHECK(s[0].begin == 2);
  CHECK(text.substr(s[0].begin, s[0].end - s[0].begin) == "첫 문장이다.");
  CHECK(text[s[1].begin - 1] == ' ');
  CHECK(text[s[1].end] == ' ');
  CHECK(text.substr(s[2].begin, s[2].end - s[2].begin) == "셋째");
}

TEST_CASE("segment: overlong lines are cut at spaces below the limit") {
  // 1500 words of "가나 " (7 bytes each): 10500 bytes without any terminator.
  std::string line;
  for (int i = 0; i < 1500; ++i) line += "가나 ";
  const std::vector<Sentence> s = split_sentences(line);
  REQUIRE(s.size() == 3);
  std::size_t covered = 0;
  for (const Sentence& x : s) {
    CHECK(x.end - x.begin <= kMaxSentenceBytes);
    CHECK(line[x.begin] != ' ');
    CHECK(line[x.end - 1] != ' ');
    CHECK(line.substr(x.begin, 6) == "가나");  // cuts fall on word boundaries
    covered += x.end - x.begin;
  }
  // The first cut is at the last space at or before byte 4096: the one after 585 words (4094).
  CHECK(s[0].begin == 0);
  CHECK(s[0].end == 4094);
  CHECK(s[1].begin == 4095);
  CHECK(s[2].end == line.size() - 1);
  CHECK(s[1].end == 8189);
  CHECK(s[2].begin == 8190);
  CHECK(covered == line.size() - 3);  // all but the two spaces cut at and the trailing one
}

TEST_CASE("segment: an overlong line without spaces is cut on UTF-8 boundaries") {
  std::string line;
  for (int i = 0; i < 3000; ++i) line += "가";  // 9000 bytes, no space
  const std::vector<Sentence> s = split_sentences(line);
  REQUIRE(s.size() == 3);
  for (const Sentence& x : s) {
    CHECK(x.end - x.begin <= kMaxSentenceBytes);
    CHECK(x.begin % 3 == 0);
    CHECK(x.end % 3 == 0);
  }
  CHECK(s[0].end == 4095);
  CHECK(s[1].begin == 4095);
  CHECK(s[1].end == 8190);
  CHECK(s[2].end == 9000);
}

TEST_CASE("segment: a line of exactly kMaxSentenceBytes is kept whole") {
  const std::string line(kMaxSentenceBytes, 'a');
  CHECK(spans(line) == "0-4096");
  const std::string longer(kMaxSentenceBytes + 1, 'a');
  CHECK(spans(longer) == "0-4096 4096-4097");
}
