// write_html_report: one self-contained HTML5 page (see report.h). Everything is inline: the
// style sheet, the SVG drawing and a small script that sorts a table when a column header is
// clicked. The page names no external URL, so it works offline and from a mail attachment.
#include <boost/range/iterator_range.hpp>
#include <map>
#include <string>

#include "report/report.h"
#include "report/report_text.h"
#include "write/write_util.h"

namespace relgraph::report {

namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic",
       sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #222;
       background: #fff; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 20px 0 4px; }
h2 { font-size: 1.25em; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
h3 small, .summary { color: #555; font-weight: normal; }
nav a { margin-right: 14px; }
.drawing { border: 1px solid #ddd; border-radius: 6px; }
.drawing svg { display: block; width: 100%; height: auto; max-height: 78vh; }
.drawing svg text { font-family: "Noto Sans CJK KR", "Noto Sans KR", sans-serif; }
figure { margin: 0; }
figcaption, .note { color: #555; font-size: 0.9em; margin: 6px 0; }
.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px;
          vertical-align: -1px; border: 1px solid rgba(0,0,0,.25); }
.line { display: inline-block; width: 22px; height: 0; border-top: 3px solid; margin-right: 6px;
        vertical-align: 3px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 0.95em; }
th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f4f4; cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " \25B2"; }
th[aria-sort="descending"]::after { content: " \25BC"; }
table.edges td:nth-child(-n+2) { width: 16%; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.alias, .id { color: #666; font-size: 0.9em; margin-left: 6px; }
ul.evidence { margin: 0; padding-left: 18px; }
ul.evidence li { margin-bottom: 4px; }
q { quotes: "\201C" "\201D"; }
mark { background: #fff2a8; padding: 0 1px; }
cite { color: #666; font-style: normal; font-size: 0.88em; margin-left: 6px; }
)css";

// Sorts a table.sortable by the clicked column: numbers (th.num) numerically, text by the
// locale, each click reversing the order.
constexpr const char* kScript = R"js(
document.querySelectorAll("table.sortable").forEach(function (table) {
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, column) {
    th.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      var numeric = th.classList.contains("num");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var cell = row.cells[column];
        var v = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
        return numeric ? parseFloat(v) : v;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : String(x).localeCompare(String(y));
        return descending ? -c : c;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
)js";

void entity_cell(std::ostream& out, const KnowledgeGraph& g, query::Vertex v) {
  const NodeProperties& n = g[v];
  const std::string name = display_name(n);
  out << "<td data-v=\"" << html_escape(name) << "\" title=\"" << html_escape(n.id)
      << "\"><span class=\"swatch\" style=\"background:"
      << html_escape(write_detail::type_colour(n.type)) << "\"></span>" << html_escape(name);
  const std::string alias = hangul_alias(n);
  if (!alias.empty()) out << "<span class=\"alias\">" << html_escape(alias) << "</span>";
  out << "</td>";
}

void evidence_item(std::ostream& out, const Evidence& ev) {
  out << "<li><q>";
  const std::size_t at = ev.trigger.empty() ? std::string::npos : ev.text.find(ev.trigger);
  if (at == std::string::npos) {
    out << html_escape(ev.text);
  } else {
    out << html_escape(std::string_view(ev.text).substr(0, at)) << "<mark>"
        << html_escape(ev.trigger) << "</mark>"
        << html_escape(std::string_view(ev.text).substr(at + ev.trigger.size()));
  }
  out << "</q><cite>" << html_escape(ev.document);
  if (!ev.date.empty()) out << " · " << html_escape(ev.date);
  out << "</cite></li>";
}

void write_legend(std::ostream& out, const Report& r) {
  out << "<ul class=\"legend\" id=\"legend\">";
  for (const query::NameCount& t : r.stats.nodes_by_type) {
    out << "<li><span class=\"swatch\" style=\"background:"
        << html_escape(write_detail::type_colour(t.name)) << "\"></span>" << html_escape(t.name)
        << " (" << t.count << ")</li>";
  }
  for (const RelationSection& s : r.relations) {
    out << "<li><span class=\"line\" style=\"border-color:"
        << html_escape(relation_colour(r, s.relation)) << "\"></span>" << html_escape(s.relation)
        << (s.symmetric ? " (undirected)" : " →") << "</li>";
  }
  out << "</ul>\n";
}

}  // namespace

void write_html_report(const Report& r, std::string_view svg, std::ostream& out) {
  const KnowledgeGraph& g = r.graph;
  const std::string title = report_title(r);
  out << "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"relgraph\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>" << kStyle << "</style>\n"
      << "</head>\n<body>\n<header>\n<h1>" << html_escape(title) << "</h1>\n"
      << "<p class=\"summary\">" << html_escape(summary_line(r)) << "</p>\n"
      << "<nav><a href=\"#graph\">Graph</a><a href=\"#entities\">Top entities</a>"
      << "<a href=\"#relations\">Relations</a></nav>\n</header>\n";

  out << "<section id=\"graph\">\n<h2>Graph</h2>\n";
  if (svg.empty()) {
    out << "<p class=\"note\">No edges to draw.</p>\n";
  } else {
    out << "<figure>\n<div class=\"drawing\">\n"
        << svg << "</div>\n<figcaption>" << html_escape(drawing_caption(r))
        << "</figcaption>\n</figure>\n";
  }
  write_legend(out, r);
  out << "</section>\n";

  out << "<section id=\"entities\">\n<h2>Top entities</h2>\n<p class=\"note\">"
      << html_escape(top_entities_note(r)) << " Click a column header to sort.</p>\n"
      << "<table class=\"sortable\" id=\"top-entities\">\n<thead><tr><th class=\"num\">#</th>"
      << "<th>Entity</th><th>Type</th><th class=\"num\">Degree</th>"
      << "<th class=\"num\">PageRank</th><th class=\"num\">Mentions</th>"
      << "<th class=\"num\">Documents</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < r.top.size(); ++i) {
    const RankedEntity& e = r.top[i];
    const NodeProperties& n = g[e.vertex];
    out << "<tr><td class=\"num\">" << i + 1 << "</td>";
    entity_cell(out, g, e.vertex);
    out << "<td>" << html_escape(n.type) << "</td><td class=\"num\">" << e.degree
        << "</td><td class=\"num\">" << write_detail::format_fixed(e.pagerank, 4)
        << "</td><td class=\"num\">" << n.mentions << "</td><td class=\"num\">"
        << n.documents.size() << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n</section>\n";

  out << "<section id=\"relations\">\n<h2>Relations</h2>\n";
  if (r.relations.empty()) out << "<p class=\"note\">No edges.</p>\n";
  for (const RelationSection& s : r.relations) {
    out << "<section class=\"relation\" id=\"rel-"
        << html_escape(write_detail::key_id_part(s.relation))
        << "\">\n<h3><span class=\"line\" style=\"border-color:"
        << html_escape(relation_colour(r, s.relation)) << "\"></span>" << html_escape(s.relation)
        << " <small>" << html_escape(relation_summary(s)) << "</small></h3>\n";
    out << "<table class=\"sortable edges\">\n<thead><tr><th>"
        << (s.symmetric ? "Entity" : "Source") << "</th><th>" << (s.symmetric ? "Entity" : "Target")
        << "</th><th class=\"num\">Weight</th><th>Evidence</th></tr></thead>\n<tbody>\n";
    for (query::Edge e : s.edges) {
      const EdgeProperties& p = g[e];
      out << "<tr>";
      entity_cell(out, g, boost::source(e, g));
      entity_cell(out, g, boost::target(e, g));
      out << "<td class=\"num\">" << p.weight << "</td><td><ul class=\"evidence\">";
      const std::size_t shown = evidence_shown(r, p);
      for (std::size_t i = 0; i < shown; ++i) evidence_item(out, p.evidence[i]);
      out << "</ul>";
      if (shown < p.evidence.size()) {
        out << "<span class=\"note\">and " << p.evidence.size() - shown << " more</span>";
      }
      out << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n";
    if (s.edges.size() < s.edge_count) {
      out << "<p class=\"note\">" << html_escape(edges_cut_note(s)) << "</p>\n";
    }
    out << "</section>\n";
  }
  out << "</section>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
}

}  // namespace relgraph::report
