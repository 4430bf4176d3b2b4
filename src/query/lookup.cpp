// Entity lookup (see query.h): an index of lookup keys (id, label, aliases) sorted for binary
// search, exact id first, and the closest names (prefix, then edit distance over code points)
// when nothing fits. No printing.
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "normalise/normalise.h"
#include "query/query.h"
#include "unicode/utf8.h"

namespace relgraph::query {

std::string lookup_key(std::string_view name) {
  const std::string normalised = normalise_string(name);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(normalised);
  u.foldCase();
  std::string folded;
  u.toUTF8String(folded);
  std::string key;
  key.reserve(folded.size());
  for (char c : folded) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') key += c;
  }
  return key;
}

namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 0;
    out += next_code_point(s, i, len);
    i += len;
  }
  return out;
}

// Levenshtein distance; stops early (returning a value > limit) once it exceeds `limit`.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > limit) return diff;
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return row_min;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

EntityIndex::EntityIndex(const KnowledgeGraph& g) : g_(&g) {}

void EntityIndex::build() const {
  const KnowledgeGraph& g = *g_;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    const NodeProperties& n = g[v];
    std::set<std::string> keys;
    auto add = [&](const std::string& name) {
      std::string key = lookup_key(name);
      if (!key.empty() && keys.insert(key).second) entries_.push_back({std::move(key), name, v});
    };
    add(n.id);
    add(n.label);
    for (const std::string& a : n.aliases) add(a);
  }
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.key, a.vertex) < std::tie(b.key, b.vertex);
  });
}

EntityMatch EntityIndex::find(std::string_view name, std::size_t max_candidates) const {
  const KnowledgeGraph& g = *g_;
  EntityMatch result;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) {
    if (g[v].id == name) {
      result.status = EntityMatch::Status::found;
      result.vertex = v;
      return result;
    }
  }
  const std::string key = lookup_key(name);
  if (key.empty()) return result;
  std::call_once(built_, [this] { build(); });
  auto lo = std::lower_bound(entries_.begin(), entries_.end(), key,
                             [](const Entry& e, const std::string& k) { return e.key < k; });
  std::vector<Candidate> fits;
  for (auto it = lo; it != entries_.end() && it->key == key; ++it) {
    if (fits.empty() || fits.back().vertex != it->vertex) fits.push_back({it->vertex, it->name, 0});
  }
  if (fits.size() == 1) {
    result.status = EntityMatch::Status::found;
    result.vertex = fits.front().vertex;
    return result;
  }
  auto by_id = [&](const Candidate& a, const Candidate& b) {
    return g[a.vertex].id < g[b.vertex].id;
  };
  if (fits.size() > 1) {
    std::sort(fits.begin(), fits.end(), by_id);
    result.status = EntityMatch::Status::ambiguous;
    result.candidates = std::move(fits);
    return result;
  }

  // Unknown: the closest names. Prefix matches (either way round) rank first, then by edit
  // distance; the best entry per entity is kept.
  const std::u32string q = code_points(key);
  const std::size_t limit = std::max<std::size_t>(1, (q.size() + 2) / 4);
  struct Near {
    bool prefix;
    std::size_t distance;
    Candidate c;
  };
  std::map<Vertex, Near> best;
  std::vector<Near> all;
  for (const Entry& e : entries_) {
    const bool prefix = e.key.rfind(key, 0) == 0 || (key.rfind(e.key, 0) == 0 && e.key.size() > 1);
    const std::u32string k = code_points(e.key);
    const std::size_t d = edit_distance(q, k, prefix ? k.size() + q.size() : limit + 3);
    Near n{prefix, d, {e.vertex, e.name, d}};
    auto better = [&](const Near& a, const Near& b) {
      return std::tie(b.prefix, a.distance) < std::tie(a.prefix, b.distance);
    };
    auto it = best.find(e.vertex);
    if (it == best.end()) {
      best.emplace(e.vertex, n);
    } else if (better(n, it->second)) {
      it->second = n;
    }
  }
  for (auto& [v, n] : best) all.push_back(n);
  std::sort(all.begin(), all.end(), [&](const Near& a, const Near& b) {
    return std::make_tuple(!a.prefix, a.distance, std::cref(g[a.c.vertex].id)) <
           std::make_tuple(!b.prefix, b.distance, std::cref(g[b.c.vertex].id));
  });
  std::vector<Candidate> close;
  for (const Near& n : all) {
    if (close.size() >= max_candidates) break;
    if (n.prefix || n.distance <= limit) close.push_back(n.c);
  }
  if (close.empty()) {  // nothing close: still offer the nearest few
    for (const Near& n : all) {
      if (close.size() >= std::min<std::size_t>(3, max_candidates)) break;
      close.push_back(n.c);
    }
  }
  result.candidates = std::move(close);
  return result;
}

EntityMatch find_entity(const KnowledgeGraph& g, std::string_view name) {
  return EntityIndex(g).find(name);
}

}  // namespace relgraph::query
