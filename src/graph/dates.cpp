// First and last dates seen, from the evidence (see dates.h).
#include "graph/dates.h"

#include <boost/range/iterator_range.hpp>

namespace relgraph {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

void DateRange::add(std::string_view date) {
  if (date.empty()) return;
  if (first.empty() || date < first) first = date;
  if (last.empty() || date > last) last = date;
}

void DateRange::add(const DateRange& other) {
  add(other.first);
  add(other.last);
}

std::string calendar_date(std::string_view s) {
  if (s.size() < 10) return "";
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !is_digit(s[i])) return "";
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return "";
  return std::string(s.substr(0, 10));
}

DateRange edge_date_range(const EdgeProperties& edge) {
  DateRange r;
  for (const Evidence& ev : edge.evidence) r.add(calendar_date(ev.date));
  return r;
}

std::vector<DateRange> node_date_ranges(const KnowledgeGraph& g) {
  std::vector<DateRange> nodes(boost::num_vertices(g));
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const DateRange r = edge_date_range(g[e]);
    if (r.empty()) continue;
    nodes[boost::source(e, g)].add(r);
    nodes[boost::target(e, g)].add(r);
  }
  return nodes;
}

bool has_dates(const KnowledgeGraph& g) {
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    if (!edge_date_range(g[e]).empty()) return true;
  }
  return false;
}

}  // namespace relgraph
