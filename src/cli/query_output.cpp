// Output and shared helpers of the graph query commands (see query_output.h).
#include "cli/query_output.h"

#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <iostream>
#include <optional>
#include <set>

#include "diagnostics/diagnostics.h"
#include "load/graph_loader.h"

namespace relgraph::cli {

namespace {

std::string format_double(double d, bool short_form) {
  char buf[64];
  const auto r = short_form ? std::to_chars(buf, buf + sizeof buf, d, std::chars_format::general, 6)
                            : std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

std::string cell_text(const Cell& c, bool short_form) {
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
  return format_double(std::get<double>(c), short_form);
}

// Tabs, newlines and carriage returns as spaces (one line per row in tables and TSV).
std::string one_line(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '_') c = ' ';
  }
  return s;
}

void pad(std::ostream& out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out << ' ';
}

template <typename Writer>
void write_cell(Writer& w, const Cell& c) {
  if (const auto* s = std::get_if<std::string>(&c)) {
    w.String(s->data(), static_cast<rapidjson::SizeType>(s->size()));
  } else if (const auto* i = std::get_if<std::int64_t>(&c)) {
    w.Int64(*i);
  } else {
    w.Double(std::get<double>(c));
  }
}

template <typename Writer>
void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

template <typename Writer>
void write_evidence(Writer& w, const std::vector<Evidence>& evidence) {
  w.StartArray();
  for (const Evidence& e : evidence) {
    w.StartObject();
    w.Key("document");
    write_string(w, e.document);
    w.Key("sentence");
    w.Uint64(e.sentence);
    w.Key("begin");
    w.Uint64(e.begin);
    w.Key("end");
    w.Uint64(e.end);
    w.Key("text");
    write_string(w, e.text);
    w.Key("trigger");
    write_string(w, e.trigger);
    if (!e.date.empty()) {
      w.Key("date");
      write_string(w, e.date);
    }
    w.EndObject();
  }
  w.EndArray();
}

template <typename Writer>
void write_row(Writer& w, const ResultTable& t, const Row& row) {
  w.StartObject();
  for (std::size_t i = 0; i < t.columns.size() && i < row.cells.size(); ++i) {
    write_string(w, t.columns[i].name);
    write_cell(w, row.cells[i]);
  }
  if (t.with_evidence) {
    w.Key("evidence");
    write_evidence(w, row.evidence ? *row.evidence : std::vector<Evidence>{});
  }
  w.EndObject();
}

}  // namespace

void add_output_options(cxxopts::Options& opts) {
  opts.add_options("Output")("json", "print one JSON document")(
      "jsonl", "print one JSON object per line")("tsv", "print tab-separated columns");
}

OutputMode output_mode(const cxxopts::ParseResult& args) {
  const int n = static_cast<int>(args.count("json") + args.count("jsonl") + args.count("tsv"));
  if (n > 1) throw UsageError("choose one of --json, --jsonl, --tsv");
  if (args.count("json")) return OutputMode::json;
  if (args.count("jsonl")) return OutputMode::jsonl;
  if (args.count("tsv")) return OutputMode::tsv;
  return OutputMode::table;
}

void json_string(JsonWriter& w, std::string_view s) { write_string(w, s); }
void json_cell(JsonWriter& w, const Cell& c) { write_cell(w, c); }
void json_evidence(JsonWriter& w, const std::vector<Evidence>& evidence) {
  write_evidence(w, evidence);
}
void json_row(JsonWriter& w, const ResultTable& t, const Row& row) { write_row(w, t, row); }

void print_json_document(std::ostream& out, const std::function<void(JsonWriter&)>& body) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 2);
  body(w);
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << '\n';
}

void print_table(std::ostream& out, const ResultTable& t) {
  const std::size_t n = t.columns.size();
  std::vector<std::vector<std::string>> text;
  std::vector<std::size_t> width(n, 0);
  std::vector<std::string> header;
  for (std::size_t i = 0; i < n; ++i) {
    header.push_back(upper(t.columns[i].name));
    width[i] = display_width(header[i]);
  }
  for (const Row& r : t.rows) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < n; ++i) {
      cells.push_back(i < r.cells.size() ? one_line(cell_text(r.cells[i], true)) : "");
      width[i] = std::max(width[i], display_width(cells[i]));
    }
    text.push_back(std::move(cells));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t w = display_width(cells[i]);
      const bool last = i + 1 == n;
      if (i > 0) out << "  ";
      if (t.columns[i].numeric) {
        pad(out, width[i] - w);
        out << cells[i];
      } else {
        out << cells[i];
        if (!last) pad(out, width[i] - w);
      }
    }
    out << '\n';
  };
  line(header);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    line(text[r]);
    if (t.with_evidence && t.rows[r].evidence) {
      for (const Evidence& e : *t.rows[r].evidence) {
        out << "    " << one_line(e.document) << '#' << e.sentence << " [" << one_line(e.trigger)
            << "] " << one_line(e.text) << '\n';
      }
    }
  }
}

void print_tsv(std::ostream& out, const ResultTable& t) {
  auto header = [&] {
    for (std::size_t i = 0; i < t.columns.size(); ++i) out << (i ? "\t" : "") << t.columns[i].name;
    if (t.with_evidence) out << "\tdocument\tsentence\ttrigger\ttext";
    out << '\n';
  };
  header();
  for (const Row& r : t.rows) {
    std::string prefix;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) prefix += '\t';
      if (i < r.cells.size()) prefix += one_line(cell_text(r.cells[i], false));
    }
    if (!t.with_evidence) {
      out << prefix << '\n';
      continue;
    }
    if (!r.evidence || r.evidence->empty()) {
      out << prefix << "\t\t\t\t\n";
      continue;
    }
    for (const Evidence& e : *r.evidence) {
      out << prefix << '\t' << one_line(e.document) << '\t' << e.sentence << '\t'
          << one_line(e.trigger) << '\t' << one_line(e.text) << '\n';
    }
  }
}

void print_jsonl(std::ostream& out, const ResultTable& t) {
  for (const Row& r : t.rows) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    write_row(w, t, r);
    out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
    out << '\n';
  }
}

void print_results(std::ostream& out, const ResultTable& t, OutputMode mode,
                   const std::function<void(JsonWriter&)>& json_document) {
  switch (mode) {
    case OutputMode::table:
      if (!t.rows.empty()) print_table(out, t);
      return;
    case OutputMode::tsv:
      print_tsv(out, t);
      return;
    case OutputMode::jsonl:
      print_jsonl(out, t);
      return;
    case OutputMode::json:
      print_json_document(out, [&](JsonWriter& w) {
        if (json_document) {
          json_document(w);
          return;
        }
        w.StartObject();
        w.Key("count");
        w.Uint64(t.rows.size());
        w.Key("results");
        w.StartArray();
        for (const Row& r : t.rows) write_row(w, t, r);
        w.EndArray();
        w.EndObject();
      });
      return;
  }
}

std::unique_ptr<GraphFile> load_graph_arg(const std::string& path, EvidenceNeed need) {
  LoadOptions options;
  options.defer_evidence = need == EvidenceNeed::on_demand;
  try {
    std::unique_ptr<GraphFile> file = open_graph(path, options);
    for (const std::string& note : file->notes) std::cerr << "relgraph: note: " << note << "\n";
    return file;
  } catch (const LoadError& e) {
    throw UsageError(e.what());
  }
}

query::Vertex resolve_entity(const KnowledgeGraph& g, const query::EntityIndex& index,
                             const std::string& name) {
  const query::EntityMatch m = index.find(name);
  if (m.status == query::EntityMatch::Status::found) return m.vertex;
  std::string message;
  if (m.status == query::EntityMatch::Status::ambiguous) {
    message = "'" + name + "' is ambiguous; it names " + std::to_string(m.candidates.size()) +
              " entities (use the id):";
  } else if (m.candidates.empty()) {
    message = "no entity '" + name + "' in the graph";
  } else {
    message = "no entity '" + name + "' in the graph; closest:";
  }
  std::size_t id_width = 0, label_width = 0;
  for (const query::Candidate& c : m.candidates) {
    id_width = std::max(id_width, display_width(g[c.vertex].id));
    label_width = std::max(label_width, display_width(g[c.vertex].label));
  }
  for (const query::Candidate& c : m.candidates) {
    const NodeProperties& n = g[c.vertex];
    message += "\n  " + n.id + std::string(id_width - display_width(n.id), ' ') + "  " + n.label +
               std::string(label_width - display_width(n.label), ' ') + "  " + n.type;
    if (c.matched != n.id && c.matched != n.label) message += "  (" + c.matched + ")";
  }
  throw UsageError(message);
}

void note_unknown_relations(const KnowledgeGraph& g, const query::Relations& relations) {
  if (relations.empty()) return;
  std::set<std::string> known;
  for (auto e : boost::make_iterator_range(boost::edges(g))) known.insert(g[e].relation);
  for (const std::string& r : relations) {
    if (known.count(r)) continue;
    std::string list;
    for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
    std::cerr << "relgraph: note: no relation '" << r << "' in the graph (relations: " << list
              << ")\n";
  }
}

void note_unknown_type(const KnowledgeGraph& g, const std::string& type) {
  if (type.empty()) return;
  std::set<std::string> known;
  for (auto v : boost::make_iterator_range(boost::vertices(g))) known.insert(g[v].type);
  if (known.count(type)) return;
  std::string list;
  for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
  std::cerr << "relgraph: note: no entity of type '" << type << "' in the graph (types: " << list
            << ")\n";
}

std::vector<std::string> positional(const cxxopts::ParseResult& args) {
  if (!args.count("args")) return {};
  return args["args"].as<std::vector<std::string>>();
}

std::string direction_word(bool outgoing, bool symmetric) {
  if (symmetric) return "both";
  return outgoing ? "out" : "in";
}

}  // namespace relgraph::cli
