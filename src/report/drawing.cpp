// draw_graph_svg: the report's picture, laid out and rendered by Graphviz in-process (libgvc,
// libcgraph): neato places the nodes, the core "svg" renderer writes into memory. Graphviz
// reports problems through agerr, which would print to stderr; its messages are collected
// instead and thrown as DrawingError when the layout or rendering fails.
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>

#include "report/report.h"
#include "report/report_text.h"
#include "unicode/utf8.h"
#include "write/write_util.h"

// Graphviz's C headers (included as system headers: see CMakeLists.txt).
#include <cgraph.h>
#include <gvc.h>

namespace relgraph::report {

namespace {

std::string graphviz_messages;  // Graphviz is single-threaded (report.h says so)

int collect_graphviz_message(char* message) {
  graphviz_messages += message;
  return 0;
}

// Restores Graphviz's error printing when a drawing ends, however it ends.
struct MessageCollector {
  agusererrf previous;
  MessageCollector() : previous(agseterrf(collect_graphviz_message)) { graphviz_messages.clear(); }
  ~MessageCollector() { agseterrf(previous); }
  MessageCollector(const MessageCollector&) = delete;
  MessageCollector& operator=(const MessageCollector&) = delete;
};

// `s` as Graphviz label text: valid UTF-8, backslashes doubled (so \N, \n, \l never fire),
// '&' as &amp; (Graphviz decodes entities in labels), control characters dropped.
std::string label_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0, len = 0; i < s.size(); i += len) {
    const char32_t cp = next_code_point(s, i, len);
    if (cp == '\\') {
      out += "\\\\";
    } else if (cp == '&') {
      out += "&amp;";
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      out += ' ';
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

// Plain attribute text (tooltips, ids): valid UTF-8 without control characters.
std::string plain_text(std::string_view s) { return label_text(s); }

void set(void* object, const char* name, const std::string& value) {
  agsafeset(object, const_cast<char*>(name), const_cast<char*>(value.c_str()),
            const_cast<char*>(""));
}

std::string fixed(double value, int decimals) {
  return write_detail::format_fixed(value, decimals);
}

// Removes the XML prolog, DOCTYPE and comments from Graphviz's SVG: what is left starts with
// "<svg" and can be inlined in HTML.
std::string strip_svg_prolog(std::string_view svg) {
  const std::size_t start = svg.find("<svg");
  if (start == std::string_view::npos) return {};
  std::string out;
  out.reserve(svg.size() - start);
  for (std::size_t i = start; i < svg.size();) {
    if (svg.compare(i, 4, "<!--") == 0) {
      const std::size_t end = svg.find("-->", i + 4);
      i = end == std::string_view::npos ? svg.size() : end + 3;
      while (i < svg.size() && svg[i] == '\n') ++i;  // the comment's own line
      continue;
    }
    out += svg[i++];
  }
  // The namespaces are implied in HTML (standalone_svg puts them back).
  const std::size_t tag_end = out.find('>');
  for (const std::string_view attribute :
       {" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""}) {
    const std::size_t at = out.find(attribute);
    if (at < tag_end) out.erase(at, attribute.size());
  }
  return out;
}

// One Graphviz context for the whole process, never freed: Graphviz's pango plugin keeps a
// pointer to the last font name it measured, and the context owns that string, so laying out
// again after gvFreeContext reads freed memory (AddressSanitizer caught it in a test drawing
// twice). Graphviz is not thread-safe either: one drawing at a time.
GVC_t* graphviz_context() {
  static GVC_t* const gvc = gvContext();
  return gvc;
}
std::mutex graphviz_mutex;

struct GraphvizGraph {
  Agraph_t* g = nullptr;
  GVC_t* laid_out_by = nullptr;
  ~GraphvizGraph() {
    if (laid_out_by) gvFreeLayout(laid_out_by, g);
    if (g) agclose(g);
  }
};

}  // namespace

std::string draw_graph_svg(const Report& r) {
  if (r.drawn.empty()) return {};
  const KnowledgeGraph& kg = r.graph;
  MessageCollector messages;
  const std::lock_guard<std::mutex> lock(graphviz_mutex);
  GVC_t* const gvc = graphviz_context();
  if (!gvc) throw DrawingError("Graphviz could not start");
  GraphvizGraph drawing;
  drawing.g = agopen(const_cast<char*>("relgraph"), Agdirected, nullptr);
  Agraph_t* g = drawing.g;
  set(g, "layout", "neato");
  set(g, "overlap", "false");
  set(g, "splines", "true");
  set(g, "sep", "+6");
  set(g, "pack", "true");
  set(g, "bgcolor", "white");
  set(g, "fontname", "Noto Sans CJK KR");
  set(g, "outputorder", "edgesfirst");
  set(g, "start", "1");  // a fixed seed: the same graph is always drawn the same way

  std::vector<Agnode_t*> nodes(boost::num_vertices(kg), nullptr);
  for (query::Vertex v : r.drawn) {
    const NodeProperties& n = kg[v];
    std::string label = label_text(n.label.empty() ? n.id : n.label);
    const std::string alias = hangul_alias(n);
    if (!alias.empty()) label += "\\n" + label_text(alias);
    Agnode_t* node = agnode(g, const_cast<char*>(n.id.c_str()), 1);
    nodes[v] = node;
    const std::string colour = write_detail::type_colour(n.type);
    set(node, "label", label);
    set(node, "shape", "box");
    set(node, "style", "rounded,filled");
    set(node, "color", colour);
    set(node, "fillcolor", colour + "40");
    set(node, "penwidth", "1.5");
    set(node, "fontname", "Noto Sans CJK KR");
    set(node, "fontsize", fixed(10.0 + 6.0 * std::sqrt(r.pagerank[v] * 10.0), 1));
    set(node, "tooltip", plain_text(n.label + " (" + n.type + ", " + n.id + ")"));
    set(node, "class", "entity type-" + write_detail::key_id_part(n.type));
    set(node, "id", "node-" + write_detail::key_id_part(n.id));
  }
  for (auto e : boost::make_iterator_range(boost::edges(kg))) {
    Agnode_t* tail = nodes[boost::source(e, kg)];
    Agnode_t* head = nodes[boost::target(e, kg)];
    if (!tail || !head) continue;
    const EdgeProperties& p = kg[e];
    Agedge_t* edge = agedge(g, tail, head, nullptr, 1);
    set(edge, "color", relation_colour(r, p.relation));
    const double weight = p.weight < 1 ? 1.0 : static_cast<double>(p.weight);
    set(edge, "penwidth", fixed(std::min(6.0, 1.0 + std::log2(weight)), 2));
    set(edge, "arrowsize", "0.7");
    if (p.symmetric) set(edge, "dir", "none");
    set(edge, "tooltip",
        plain_text(kg[boost::source(e, kg)].label + " " + p.relation + " " +
                   kg[boost::target(e, kg)].label + " (weight " + std::to_string(p.weight) + ")"));
    set(edge, "class", "relation rel-" + write_detail::key_id_part(p.relation));
  }

  if (gvLayout(gvc, g, "neato") != 0) {
    throw DrawingError("Graphviz could not lay out the graph: " + graphviz_messages);
  }
  drawing.laid_out_by = gvc;
  char* data = nullptr;
  unsigned int length = 0;
  if (gvRenderData(gvc, g, "svg", &data, &length) != 0 || data == nullptr) {
    if (data) gvFreeRenderData(data);
    throw DrawingError("Graphviz could not render SVG: " + graphviz_messages);
  }
  const std::unique_ptr<char, void (*)(char*)> owned(data, gvFreeRenderData);
  return strip_svg_prolog(std::string_view(data, length));
}

std::string standalone_svg(std::string_view svg) {
  if (svg.empty()) return {};
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n";
  const std::size_t tag_end = svg.find('>');
  std::string_view open = svg.substr(0, tag_end);
  out += open;
  if (open.find("xmlns=") == std::string_view::npos) {
    out += " xmlns=\"http://www.w3.org/2000/svg\"";
  }
  if (open.find("xmlns:xlink=") == std::string_view::npos) {
    out += " xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
  }
  out +=
      ">\n<style>text { font-family: \"Noto Sans CJK KR\", \"Noto Sans KR\", sans-serif; }"
      "</style>";
  out += svg.substr(tag_end + 1);
  return out;
}

}  // namespace relgraph::report

// Under AddressSanitizer: fontconfig (loaded by Graphviz's pango plugin) and libgvc keep
// caches until the process exits; LeakSanitizer would report them as leaks of ours.
#if defined(__SANITIZE_ADDRESS__)
#define RELGRAPH_REPORT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RELGRAPH_REPORT_ASAN 1
#endif
#endif
#ifdef RELGRAPH_REPORT_ASAN
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libfontconfig.so\nleak:libgvc.so\nleak:libgvplugin_\nleak:libpango\n"
         "leak:libcairo\nleak:libglib\nleak:libgobject\nleak:libharfbuzz\n";
}
// Without this LeakSanitizer would list the suppressions it used on stderr at every exit.
extern "C" const char* __lsan_default_options() { return "print_suppressions=0"; }
#endif
