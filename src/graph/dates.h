// When the graph's nodes and edges were seen: calendar dates from the evidence.
//
// An edge's first_seen / last_seen are the earliest and latest calendar dates (YYYY-MM-DD, the
// first ten characters of an ISO 8601 evidence date) among its evidence; a node's span those
// of all its edges. Evidence without a date (or with a date that is not ISO 8601) does not
// count, so an edge or node with no dated evidence has none. The writers use these for the
// first_seen / last_seen attributes (JSON, GraphML) and GEXF's start / end. Derived from the
// evidence only, so every graph (built, loaded, merged, cut) gets the same answer. No I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graph/knowledge_graph.h"

namespace relgraph {

struct DateRange {
  std::string first, last;  // "YYYY-MM-DD"; both empty when nothing is dated

  void add(std::string_view date);
  void add(const DateRange& other);
  bool empty() const { return first.empty(); }
};

// The calendar date of an ISO 8601 date or date-time ("2024-05-01", "2024-05-01T09:00:00Z",
// "2024-05-01 09:00"), or "" when `iso` does not start with one.
std::string calendar_date(std::string_view iso);

DateRange edge_date_range(const EdgeProperties& edge);

// Indexed by vertex.
std::vector<DateRange> node_date_ranges(const KnowledgeGraph& g);

// Whether any evidence in the graph is dated.
bool has_dates(const KnowledgeGraph& g);

}  // namespace relgraph
