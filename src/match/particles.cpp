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
  for (auto& items : by_byte_) items.clear();
  prefix_begin_.assign(kBuckets + 1, 0);
  auto bucket_of = [&](const std::string& item) {
    return bucket(static_cast<unsigned char>(item[0]), static_cast<unsigned char>(item[1]));
  };
  for (const std::string& item : items_)
    if (item.size() >= 2) ++prefix_begin_[bucket_of(item) + 1];
  for (std::size_t b = 0; b < kBuckets; ++b) prefix_begin_[b + 1] += prefix_begin_[b];
  by_prefix_.assign(prefix_begin_[kBuckets], 0);
  std::vector<std::uint16_t> fill(prefix_begin_.begin(), prefix_begin_.end() - 1);
  for (std::size_t k = 0; k < items_.size(); ++k) {
    const auto index = static_cast<std::uint16_t>(k);
    if (items_[k].size() >= 2) {
      by_prefix_[fill[bucket_of(items_[k])]++] = index;
    } else {
      by_byte_[static_cast<unsigned char>(items_[k][0])].push_back(index);
    }
  }
}

namespace {
constexpr std::size_t kMaxTail = 64;
}

bool ParticleSet::split(std::string_view tail, int* next) const {
  // Dynamic programming over byte positions, from the end; tails are short (a few syllables).
  const std::size_t n = tail.size();
  bool ok[kMaxTail + 1] = {};
  ok[n] = true;
  // The items that can start at byte i, longest first: those of two bytes or more in the
  // bucket of tail[i] tail[i + 1], then those of one byte.
  auto try_item = [&](std::size_t i, std::uint16_t k) {
    const std::string& p = items_[k];
    if (p.size() <= n - i && ok[i + p.size()] && tail.compare(i, p.size(), p) == 0) {
      ok[i] = true;
      next[i] = static_cast<int>(p.size());
      return true;
    }
    return false;
  };
  const auto* bytes = reinterpret_cast<const unsigned char*>(tail.data());
  for (std::size_t i = n; i-- > 0;) {
    next[i] = -1;
    bool found = false;
    if (i + 1 < n && !prefix_begin_.empty()) {
      const std::size_t b = bucket(bytes[i], bytes[i + 1]);
      for (std::uint16_t x = prefix_begin_[b]; x < prefix_begin_[b + 1] && !found; ++x)
        found = try_item(i, by_prefix_[x]);
    }
    for (std::size_t x = 0; x < by_byte_[bytes[i]].size() && !found; ++x)
      found = try_item(i, by_byte_[bytes[i]][x]);
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
