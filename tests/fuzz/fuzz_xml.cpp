// libFuzzer target for the XML reader under the GraphML loader: any bytes must parse or throw
// XmlError (with a position inside the input), never crash or recurse without bound.
// Seeds: tests/fuzz/corpus/fuzz_xml (GraphML files too). Build: see tests/fuzz/CMakeLists.txt,
// or run scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "load/xml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const relgraph::xml::Element root = relgraph::xml::parse(text);
    if (root.name.empty()) std::abort();
  } catch (const relgraph::xml::XmlError& e) {
    if (e.offset > size || e.line == 0 || e.column == 0) std::abort();
  }
  return 0;
}
