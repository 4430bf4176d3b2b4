// libFuzzer target for the rule parser: any bytes must parse and validate without crashing,
// and every diagnostic must format. Build with -DRELGRAPH_FUZZ=ON (clang) or run
// scripts/fuzz.sh; by hand: ./build-fuzz/tests/fuzz/fuzz_rules tests/fuzz/corpus/fuzz_rules
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
