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
}

std::optional<std::vector<std::string_view>> ParticleSet::segment(std::string_view tail) const {
  // Dynamic programming over byte positions; tails are short (a few syllables).
  const std::size_t n = tail.size();
  if (n == 0) return std::vector<std::string_view>{};
  if (n > 64) return std::nullopt;
  std::vector<int> next(n + 1, -1);  // next[i] = length of the piece chosen at i, -1 = dead end
  std::vector<char> ok(n + 1, 0);
  ok[n] = 1;
  for (std::size_t i = n; i-- > 0;) {
    for (const std::string& p : items_) {
      if (p.size() <= n - i && ok[i + p.size()] && tail.compare(i, p.size(), p) == 0) {
        ok[i] = 1;
        next[i] = static_cast<int>(p.size());
        break;  // longest first
      }
    }
  }
  if (!ok[0]) return std::nullopt;
  std::vector<std::string_view> pieces;
  for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(next[i])) {
    pieces.push_back(tail.substr(i, static_cast<std::size_t>(next[i])));
  }
  return pieces;
}

}  // namespace relgraph
