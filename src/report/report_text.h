// The sentences and names the HTML and Markdown reports share (internal to src/report): the
// title, the summary line, the notes on what was cut, an entity's display name and its
// Hangul alias. Plain text, not escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "report/report.h"

namespace relgraph::report {

bool has_hangul(std::string_view s);

// The label, else the id.
std::string display_name(const NodeProperties& n);
// The first alias written in Hangul when the label has none; empty otherwise.
std::string hangul_alias(const NodeProperties& n);

std::string report_title(const Report& r);
// "Graph: FILE · 48 entities · 48 edges · 66 evidence sentences · 8 documents".
std::string summary_line(const Report& r);
// What the drawing shows, and what it leaves out.
std::string drawing_caption(const Report& r);
// How the top entities were chosen.
std::string top_entities_note(const Report& r);
// "18 edges, 24 evidence sentences, directed".
std::string relation_summary(const RelationSection& s);
// "Showing the 200 heaviest of 1234 edges (--max-edges)."
std::string edges_cut_note(const RelationSection& s);
// How many of the edge's evidence sentences to quote.
std::size_t evidence_shown(const Report& r, const EdgeProperties& e);

}  // namespace relgraph::report
