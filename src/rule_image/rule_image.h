// RuleImage: loaded rules and their compiled Matcher frozen into bytes, and read back.
//
// Loading a large rule pack (parsing, validating, compiling the alias automaton) costs far more
// than reading back what it produced. freeze_rule_image() writes a RuleSet, the Matcher compiled
// from it and the diagnostics loading printed into one byte string; thaw_rule_image() reads it
// back into objects that behave exactly like freshly loaded and compiled ones, and the same
// diagnostics, in order. The bytes start with a header: a magic, the format version, the byte
// order, a RuleImageKey naming the inputs the image was made from, the payload's size and a
// 128-bit checksum of the payload. The payload has two sections, the rules and the Matcher,
// which can be read at the same time; the first is preceded by its size. A reader checks all of
// them and then every count, index and enum of the payload before use, and the matcher's tables
// against the invariants its scan relies on: a truncated, damaged or stale image is rejected with a
// reason, never read out of bounds. (The checksum is not cryptographic: the image is a cache in the
// user's own folder, and a crafted image with a valid checksum can give wrong mentions but not
// break memory safety in the matcher; the RuleSet's cross-references are trusted as written.) No
// I/O: the CLI (cli/rules_cache.cpp) decides where images live and reads and writes them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "hash/hash128.h"
#include "match/matcher.h"
#include "rules/rule_parser.h"
#include "rules/rule_set.h"

namespace relgraph {

// Names the inputs of an image: the image format version, `build_identity` (something that
// changes with every different relgraph binary, such as its GNU build id, so a new binary
// never reads an old binary's image), whether the starter pack is in, and every rule source's
// name and bytes, in order.
using RuleImageKey = Hash128;
RuleImageKey rule_image_key(std::string_view build_identity, bool builtin,
                            const std::vector<RuleSource>& sources);

inline constexpr std::uint32_t kRuleImageVersion = 4;

// The image of `rules`, `matcher` (compiled from them) and `diagnostics` (what loading them
// reported; an image is meant for rules that loaded without errors).
std::string freeze_rule_image(const RuleImageKey& key, const RuleSet& rules, const Matcher& matcher,
                              const Diagnostics& diagnostics);

struct ThawedRules {
  RuleSet rules;
  std::shared_ptr<const Matcher> matcher;
  Diagnostics diagnostics;
};

// The contents of `image` if it is whole, consistent and made for `key`; otherwise nullopt and
// `why` says what is wrong ("truncated header", "made from other rules", "checksum mismatch").
// `verify_checksum` false skips the checksum (the fuzz target, to reach the payload's checks).
std::optional<ThawedRules> thaw_rule_image(std::string_view image, const RuleImageKey& key,
                                           std::string& why, bool verify_checksum = true);

// thaw_rule_image() in parts, for reading the rules and the Matcher on two threads at once:
// open_rule_image() checks the header (and the checksum, unless `verify_checksum` is false) and
// finds the two sections of the payload; thaw_rule_section() reads the first (the diagnostics
// and the RuleSet), thaw_matcher_section() the second. Each checks what it reads, as
// thaw_rule_image() does, and says what is wrong in `why`. The checksum can be verified
// separately, at the same time (rule_image_checksum_ok).
struct RuleImageSections {
  std::string_view rules;  // the diagnostics and the RuleSet
  std::string_view matcher;
};
std::optional<RuleImageSections> open_rule_image(std::string_view image, const RuleImageKey& key,
                                                 std::string& why, bool verify_checksum = true);
bool rule_image_checksum_ok(std::string_view image);
struct ThawedRuleSet {
  RuleSet rules;
  Diagnostics diagnostics;
};
std::optional<ThawedRuleSet> thaw_rule_section(std::string_view section, std::string& why);
std::shared_ptr<const Matcher> thaw_matcher_section(std::string_view section,
                                                    std::string& why);  // null if bad

// Rewrites the header's checksum to match the payload (for tests and the fuzz target).
void reseal_rule_image(std::string& image);

}  // namespace relgraph
