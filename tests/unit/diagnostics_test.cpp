// Tests of src/diagnostics: the Diagnostics list, format() and display_width().
#include <doctest/doctest.h>

#include <string>

#include "diagnostics/diagnostics.h"

using relgraph::Diagnostic;
using relgraph::Diagnostics;
using relgraph::display_width;
using relgraph::Severity;
using relgraph::SourceLocation;

TEST_CASE("display_width counts East Asian wide characters twice") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("한국") == 4);  // Hangul syllables
  CHECK(display_width("가a") == 3);
  CHECK(display_width("\xE1\x84\x80") == 2);  // U+1100 Hangul choseong kiyeok
  CHECK(display_width("ㄱ") == 2);            // U+3131 compatibility jamo
  CHECK(display_width("漢字") == 4);          // CJK ideographs
  CHECK(display_width("かなカナ") == 8);      // kana
  CHECK(display_width("\xEF\xBC\xA1") == 2);  // U+FF21 fullwidth A
  CHECK(display_width("\xEF\xBD\xB1") == 1);  // U+FF71 halfwidth katakana a
  CHECK(display_width("미·중") == 5);         // U+00B7 middle dot is narrow
  CHECK(display_width("\t") == 1);
}

TEST_CASE("display_width: combining marks are zero, invalid bytes one") {
  CHECK(display_width("e\xCC\x81") == 1);  // e + U+0301 combining acute
  CHECK(display_width("a\xE2\x80\x8B"
                      "b") == 2);  // U+200B zero width space
  CHECK(display_width("\xFF") == 1);
  CHECK(display_width("\xFF\xFE") == 2);
  CHECK(display_width("\xE3\x81") == 2);      // truncated 3-byte sequence: two bytes
  CHECK(display_width("\xC0\xAF") == 2);      // overlong '/'
  CHECK(display_width("\xED\xA0\x80") == 3);  // a surrogate, encoded: three bad bytes
  CHECK(display_width(std::string("a\0b", 3)) == 3);
}

TEST_CASE("format: location, severity, line and caret") {
  Diagnostic d;
  d.severity = Severity::error;
  d.where = SourceLocation{"x.rules", 3, 7};
  d.message = "invalid name 'Foo'";
  d.source_line = "entity Foo";
  CHECK(relgraph::format(d) ==
        "x.rules:3:7: error: invalid name 'Foo'\n"
        "  entity Foo\n"
        "        ^\n");
}

TEST_CASE("format: the caret is placed by display width on a Korean line") {
  // Column 16 is the 'x' in the options; the text before it is 17 terminal cells wide.
  Diagnostic d{Severity::error, SourceLocation{"k.rules", 12, 16}, "unknown alias option 'x'",
               "  aliases: 미국 [x]"};
  CHECK(relgraph::format(d) ==
        "k.rules:12:16: error: unknown alias option 'x'\n"
        "    aliases: 미국 [x]\n"
        "                   ^\n");
}

TEST_CASE("format: severities, whole-file and unknown-column diagnostics") {
  CHECK(relgraph::format({Severity::warning, {"a.rules", 2, 1}, "w", "x"}) ==
        "a.rules:2:1: warning: w\n  x\n  ^\n");
  CHECK(relgraph::format({Severity::note, {"a.rules", 2, 3}, "n", ""}) == "a.rules:2:3: note: n\n");
  CHECK(relgraph::format({Severity::error, {"a.rules", 0, 0}, "cannot parse", "ignored"}) ==
        "a.rules: error: cannot parse\n");
  CHECK(relgraph::format({Severity::error, {"a.rules", 4, 0}, "bad line", "  abc"}) ==
        "a.rules:4: error: bad line\n    abc\n");
  CHECK(relgraph::format({Severity::error, {"", 0, 0}, "no file", ""}) == "error: no file\n");
}

TEST_CASE("format: a column past the end puts the caret after the line") {
  CHECK(relgraph::format({Severity::error, {"a", 1, 7}, "m", "entity"}) ==
        "a:1:7: error: m\n  entity\n        ^\n");
  CHECK(relgraph::format({Severity::error, {"a", 1, 99}, "m", "ab"}) ==
        "a:1:99: error: m\n  ab\n    ^\n");
}

TEST_CASE("format: tabs, control characters and invalid bytes keep the caret aligned") {
  // A tab is shown as one space; the caret is under 'v' (column 4).
  CHECK(relgraph::format({Severity::error, {"a", 1, 4}, "m", "\tk:v"}) ==
        "a:1:4: error: m\n   k:v\n     ^\n");
  // An invalid byte is one column and is shown as U+FFFD.
  CHECK(relgraph::format({Severity::error,
                          {"a", 1, 3},
                          "m",
                          "a\xFF"
                          "b"}) ==
        "a:1:3: error: m\n  a\xEF\xBF\xBD"
        "b\n    ^\n");
  CHECK(relgraph::format({Severity::error, {"a", 1, 2}, "m", std::string("\0z", 2)}) ==
        "a:1:2: error: m\n  \xEF\xBF\xBDz\n   ^\n");
}

TEST_CASE("Diagnostics collects and counts") {
  Diagnostics diags;
  CHECK(diags.empty());
  CHECK_FALSE(diags.has_errors());
  diags.warning({"a", 1, 1}, "w");
  diags.note({"a", 1, 1}, "n");
  CHECK_FALSE(diags.has_errors());
  CHECK(diags.warning_count() == 1);
  diags.error({"a", 2, 5}, "e", "line");
  CHECK(diags.has_errors());
  CHECK(diags.error_count() == 1);
  REQUIRE(diags.all().size() == 3);
  CHECK(diags.all()[2].where.column == 5);
  CHECK(diags.all()[2].source_line == "line");

  Diagnostics more;
  more.error({"b", 1, 1}, "e2");
  diags.append(more);
  CHECK(diags.error_count() == 2);
  CHECK(diags.all().back().message == "e2");
  diags.append(diags);  // appending to itself doubles the list
  CHECK(diags.all().size() == 8);
}
