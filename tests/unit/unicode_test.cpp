// Tests of src/unicode's byte scan (byte_scan.h): the first byte at or below a limit, found the
// same in bulk as one byte at a time, and never past the end asked for.
#include <doctest/doctest.h>

#include <string>

#include "unicode/byte_scan.h"

using namespace relgraph;

TEST_CASE("unicode: first_byte_at_most agrees with a byte-at-a-time scan and stops at end") {
  // Hangul (bytes above ' '), spaces and marks at every offset, across sixteen-byte steps.
  const std::string text =
      "오픈AI와 소프트뱅크는, 미국에서 (합작) 법인을 세웠다. 그리고... 또 \"투자\"했다.";
  for (const unsigned char limit :
       {static_cast<unsigned char>(' '), static_cast<unsigned char>('.')})
    for (std::size_t i = 0; i <= text.size(); ++i)
      for (std::size_t end = i; end <= text.size(); ++end) {
        std::size_t expected = i;
        while (expected<end&& static_cast<unsigned char>(text[expected])> limit) ++expected;
        REQUIRE(first_byte_at_most(text, i, end, limit) == expected);
      }
  // A run of sixteen bytes with no low byte that passes end, and a start past end.
  const std::string plain(40, 'a');
  CHECK(first_byte_at_most(plain, 0, 5, ' ') == 5);
  CHECK(first_byte_at_most(plain, 3, 20, ' ') == 20);
  CHECK(first_byte_at_most(plain, 9, 5, ' ') == 5);
}
