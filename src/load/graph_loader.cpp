// Graph loading entry points (see graph_loader.h): reading the file, choosing the format, and
// the GraphAssembler shared by both format readers. The formats themselves are read in
// json_loader.cpp and graphml_loader.cpp.
#include "load/graph_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <utility>

#include "load/load_internal.h"

namespace relgraph {

namespace load_detail {

bool GraphAssembler::add_node(NodeProperties node) {
  if (index_.count(node.id) > 0) return false;
  std::string id = node.id;
  const Vertex v = boost::add_vertex(std::move(node), g_);
  index_.emplace(std::move(id), v);
  return true;
}

Vertex GraphAssembler::vertex(const std::string& id) {
  if (auto it = index_.find(id); it != index_.end()) return it->second;
  NodeProperties node;
  node.id = id;
  node.label = id;
  node.type = "unknown";
  const Vertex v = boost::add_vertex(std::move(node), g_);
  index_.emplace(id, v);
  return v;
}

const NodeProperties* GraphAssembler::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &g_[it->second];
}

void GraphAssembler::add_edge(const std::string& source, const std::string& target,
                              EdgeProperties edge, bool weight_known) {
  if (!weight_known) {
    std::set<std::pair<std::string_view, std::size_t>> pairs;
    for (const Evidence& e : edge.evidence) pairs.emplace(e.document, e.sentence);
    edge.weight = pairs.empty() ? 1 : pairs.size();
  }
  const Vertex s = vertex(source);
  const Vertex t = vertex(target);
  boost::add_edge(s, t, std::move(edge), g_);
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t bar = text.find(" | ", start);
    if (bar == std::string_view::npos) {
      out.emplace_back(text.substr(start));
      return out;
    }
    out.emplace_back(text.substr(start, bar - start));
    start = bar + 3;
  }
}

void line_column(std::string_view text, std::size_t offset, std::size_t& line,
                 std::size_t& column) {
  offset = std::min(offset, text.size());
  line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  column = offset - start + 1;
}

void fail(std::string_view file, const std::string& message) {
  throw LoadError(std::string(file) + ": " + message);
}

void fail_at(std::string_view file, std::string_view text, std::size_t offset,
             const std::string& message) {
  std::size_t line = 0, column = 0;
  line_column(text, offset, line, column);
  throw LoadError(std::string(file) + ":" + std::to_string(line) + ":" + std::to_string(column) +
                  ": " + message);
}

}  // namespace load_detail

void load_detail::parse_into(std::string_view text, std::string_view name, LoadFormat format,
                             KnowledgeGraph& g) {
  if (format == LoadFormat::automatic) {
    std::size_t i = 0;
    if (is_binary_graph(text)) {
      format = LoadFormat::binary;
    } else {
      if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
      while (i < text.size() &&
             (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
        ++i;
      }
      if (i >= text.size()) fail(name, "empty file, not a graph");
      if (text[i] == '{' || text[i] == '[') {
        format = LoadFormat::json;
      } else if (text[i] == '<') {
        format = LoadFormat::graphml;
      } else {
        fail(name, "not a graph: expected node-link JSON ('{'), GraphML ('<') or a binary graph");
      }
    }
  }
  if (format == LoadFormat::json) {
    parse_json(text, name, g);
  } else if (format == LoadFormat::graphml) {
    parse_graphml(text, name, g);
  } else {
    build_from_binary(validate_binary(text, name, true), g, true);
  }
}

KnowledgeGraph parse_graph(std::string_view text, std::string_view name, LoadFormat format) {
  KnowledgeGraph g;  // returned by NRVO: adjacency_list cannot be moved, only copied
  load_detail::parse_into(text, name, format, g);
  return g;
}

KnowledgeGraph load_graph(const std::string& path, LoadFormat format) {
  std::string text;
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    if (std::cin.bad()) throw LoadError("<stdin>: cannot read standard input");
    return parse_graph(text, "<stdin>", format);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw LoadError(path + ": is a directory, not a graph file");
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) throw LoadError(path + ": cannot open: " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << f.rdbuf();
  if (f.bad()) throw LoadError(path + ": cannot read: " + std::strerror(errno));
  text = std::move(buffer).str();
  return parse_graph(text, path, format);
}

}  // namespace relgraph
