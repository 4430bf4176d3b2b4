// libFuzzer target for the rule image reader (src/rule_image): any bytes must be rejected with
// a reason or give rules and a Matcher that scans text without reading out of bounds or looping
// forever. The checksum is not verified here (the fuzzer could not get past it), so every check
// of the payload is exercised; an image that reads is frozen again and must read again. Seeds:
// tests/fuzz/corpus/fuzz_rule_image (images of small rule sets made with kFuzzKey, see
// tests/fuzz/make_rule_image_seeds.cpp). Build: see tests/fuzz/CMakeLists.txt.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "normalise/normalise.h"
#include "rule_image/rule_image.h"

namespace {

const char kText[] =
    "Jensen Huang said OpenAI and 오픈 AI will work with 삼성과 삼성전자. Later Huang spoke. "
    "US exports, 트럼프 and Trump.\n한미일 정상은 미·중 갈등 속에 대미 투자를 늘렸다. 미래의 "
    "기아는 "
    "한·일 관계, 미 대선.\n중, 보복 관세. 삼성산 반도체와 기아측 입장. Smith-Jones Dr. A.B. Cole";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace relgraph;
  static const RuleImageKey key = rule_image_key("fuzz", false, {});
  static const std::string text = normalise_string(kText);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string why;
  const std::optional<ThawedRules> thawed = thaw_rule_image(bytes, key, why, false);
  if (!thawed) {
    if (why.empty()) std::abort();
    return 0;
  }
  for (const Mention& m : thawed->matcher->find(text)) {
    if (m.begin >= m.end || m.end > text.size()) std::abort();
    if (m.entity >= thawed->matcher->entities().size()) std::abort();
  }
  thawed->matcher->find(text, MatchEngine::naive);
  const std::string again =
      freeze_rule_image(key, thawed->rules, *thawed->matcher, thawed->diagnostics);
  if (!thaw_rule_image(again, key, why)) std::abort();
  return 0;
}
