// libFuzzer target for the node-link JSON loader: any bytes must load or throw LoadError, never
// crash, and a graph that loads must write as JSON and GraphML and load back from both
// (writing repairs what the formats cannot hold, so the output is always readable).
// Seeds: tests/fuzz/corpus/fuzz_load_json. Build: see tests/fuzz/CMakeLists.txt.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string_view>

#include "load/graph_loader.h"
#include "write/graph_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const relgraph::KnowledgeGraph g =
        relgraph::parse_graph(text, "fuzz.json", relgraph::LoadFormat::json);
    for (auto format : {relgraph::GraphFormat::json, relgraph::GraphFormat::graphml}) {
      std::ostringstream out;
      relgraph::write_graph(g, format, out);
      try {
        relgraph::parse_graph(out.str(), "again");
      } catch (const relgraph::LoadError& e) {
        // relgraph's own output must load; only ids that the repair of invalid or illegal
        // characters made equal may collide (docs/formats.md).
        if (std::string_view(e.what()).find("duplicate node id") == std::string_view::npos) {
          std::abort();
        }
      }
    }
  } catch (const relgraph::LoadError&) {
  }
  return 0;
}
