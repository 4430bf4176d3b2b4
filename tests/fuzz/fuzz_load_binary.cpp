// libFuzzer target for the binary graph reader (.rgx): any bytes must load or throw LoadError,
// never read out of bounds. The checksum is not verified here (the fuzzer could not get past
// it), so every structural check is exercised; a graph that loads must write back to the same
// bytes' graph. Seeds: tests/fuzz/corpus/fuzz_load_binary. Build: see tests/fuzz/CMakeLists.txt.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "load/load_internal.h"
#include "write/binary_graph.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using namespace relgraph;
  try {
    const load_detail::BinaryLayout layout = load_detail::validate_binary(bytes, "fuzz.rgx", false);
    KnowledgeGraph g;
    load_detail::build_from_binary(layout, g, true);
    for (std::size_t i = 0; i < layout.edge_count; ++i) load_detail::binary_evidence(layout, i);
    std::ostringstream out;
    write_binary_graph(g, out);
    KnowledgeGraph again;
    load_detail::build_from_binary(load_detail::validate_binary(out.str(), "again", true), again,
                                   true);
    if (boost::num_edges(again) != boost::num_edges(g)) std::abort();
  } catch (const LoadError&) {
  }
  return 0;
}
