// libFuzzer target for the text pipeline: any bytes (invalid UTF-8, NUL, huge lines, quotes
// left open) go through normalise -> segment -> match -> relate with the starter pack, and
// every fact's evidence must point inside the input. Build with -DRELGRAPH_FUZZ=ON (clang);
// run: ./build-fuzz/tests/fuzz/fuzz_extract tests/fuzz/corpus/fuzz_extract
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "diagnostics/diagnostics.h"
#include "pipeline/extractor.h"
#include "rules/rule_parser.h"

namespace {

const relgraph::Extractor& extractor() {
  static const std::unique_ptr<relgraph::Extractor> instance = [] {
    relgraph::Diagnostics diags;
    const relgraph::RuleSet rules = relgraph::load_rules(relgraph::builtin_rules(), diags);
    return std::make_unique<relgraph::Extractor>(rules);
  }();
  return *instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string trace;
  const relgraph::DocumentExtraction doc = extractor().extract(bytes, "fuzz.txt", &trace);
  for (const relgraph::Fact& f : doc.facts) {
    if (f.evidence.begin > f.evidence.end || f.evidence.end > size) std::abort();
    if (f.source.empty() || f.target.empty() || f.relation.empty()) std::abort();
  }
  return 0;
}
