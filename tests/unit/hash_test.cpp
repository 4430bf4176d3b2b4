// Unit tests of src/hash: hash128's value is stored in files (binary graphs, rule images), so
// it must not change by accident, and it must tell small changes apart.
#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <string>

#include "hash/hash128.h"

using relgraph::hash128;

TEST_CASE("hash128: fixed values (stored in files, a change needs a format version bump)") {
  CHECK(hash128("").hex() == hash128(std::string_view()).hex());
  CHECK(hash128("abc").hex() == "d5ec3df5c8e2276b628417a88c8c117c");
  CHECK(hash128(std::string(100, 'x')).hex() == "c27ffd66da6b2948fef40b5d3878163c");
}

TEST_CASE("hash128: spreads small changes") {
  CHECK_FALSE(hash128("") == hash128(std::string(1, '\0')));
  CHECK_FALSE(hash128("abc") == hash128("abd"));
  CHECK_FALSE(hash128(std::string(32, 'a')) == hash128(std::string(33, 'a')));
  CHECK(hash128("abc") == hash128("abc"));
  // Every one-bit change of a 70-byte string (two full steps and a tail) gives a new value in
  // both halves.
  std::string text(70, 'q');
  std::set<std::uint64_t> lows{hash128(text).low}, highs{hash128(text).high};
  for (std::size_t i = 0; i < text.size(); ++i)
    for (int bit = 0; bit < 8; ++bit) {
      std::string changed = text;
      changed[i] = static_cast<char>(changed[i] ^ (1 << bit));
      lows.insert(hash128(changed).low);
      highs.insert(hash128(changed).high);
    }
  CHECK(lows.size() == 70 * 8 + 1);
  CHECK(highs.size() == 70 * 8 + 1);
}
