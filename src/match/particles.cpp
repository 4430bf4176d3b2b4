// ParticleSet (see particles.h).
#include "match/particles.h"

#include <algorithm>

namespace relgraph {

ParticleSet::ParticleSet(const RuleSet& rules) {
  for (const char* name : kParticleLexicons) {
    if (const Lexicon* lex = rules.find_lexicon(name)) {
      for (const LexiconEntry& e : lex->entries) add(e.text);
    }
  }
}

void ParticleSet::add(std::string_view particle) {
  if (particle.empty()) return;
  if (std::find(items_.begin(), items_.end(), particle) != items_.end()) return;
  items_.emplace_back(particle);
  std::stable_sort(items_.begin(), items_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (auto& bucket : by_first_byte_) bucket.clear();
  for (std::size_t k = 0; k < items_.size(); ++k)
    by_first_byte_[static_cast<unsigned char>(items_[k][0])].push_back(
        static_cast<std::uint16_t>(k));
}

namespace {
constexpr std::size_t kMaxTail = 64;
}

bool ParticleSet::split(std::string_view tail, int* next) const {
  // Dynamic programming over byte positions, from the end; tails are short (a few syllables).
  const std::size_t n = tail.size();
  bool ok[kMaxTail + 1] = {};
  ok[n] = true;
  for (std::size_t i = n; i-- > 0;) {
    next[i] = -1;
    for (const std::uint16_t k : by_first_byte_[static_cast<unsigned char>(tail[i])]) {
      const std::string& p = items_[k];
      if (p.size() <= n - i && ok[i + p.size()] && tail.compare(i, p.size(), p) == 0) {
        ok[i] = true;
        next[i] = static_cast<int>(p.size());
        break;  // longest first
      }
    }
  }
  return ok[0];
}

std::optional<std::vector<std::string_view>> ParticleSet::segment(std::string_view tail) const {
  const std::size_t n = tail.size();
  if (n == 0) return std::vector<std::string_view>{};
  if (n > kMaxTail) return std::nullopt;
  int next[kMaxTail + 1];
  if (!split(tail, next)) return std::nullopt;
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(next[i])) {
    pieces.push_back(tail.substr(i, static_cast<std::size_t>(next[i])));
  }
  return pieces;
}

bool ParticleSet::accepts(std::string_view tail) const {
  if (tail.empty()) return true;
  if (tail.size() > kMaxTail) return false;
  int next[kMaxTail + 1];
  return split(tail, next);
}

}  // namespace relgraph
