// libFuzzer target for the rule parser: any bytes must parse and validate without crashing,
// and every diagnostic must format. Build (not wired into CMake yet), from the repository root:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
//     tests/fuzz/fuzz_rules.cpp src/rules/rule_parser.cpp src/rules/rule_set.cpp \
//     src/diagnostics/diagnostics.cpp build/src/rules/builtin_rules_data.cpp -licuuc \
//     -o fuzz_rules
//   ./fuzz_rules tests/fuzz/corpus/rules
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diagnostics/diagnostics.h"
#include "rules/rule_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  relgraph::RuleSet rules;
  relgraph::Diagnostics diags;
  // Twice, so that the second file meets the first one's names (duplicates, lexicon merging).
  relgraph::parse_rules(text, "fuzz.rules", rules, diags);
  relgraph::parse_rules(text, "again.rules", rules, diags);
  relgraph::validate_rules(rules, diags);
  static volatile std::size_t sink = 0;
  for (const relgraph::Diagnostic& d : diags.all()) sink = sink + relgraph::format(d).size();
  return 0;
}
