// Shared pieces of the graph query commands (stats, neighbors, edges, path, rank, subgraph,
// convert, merge): the output modes (aligned table, --json, --jsonl, --tsv) over a simple table
// of typed cells, JSON helpers, and loading a graph file or resolving an entity name with the
// messages and exit codes those commands share. The commands themselves live in their own
// files. Nothing here computes a query (that is src/query).
#pragma once

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "cli/cli.h"
#include "graph/knowledge_graph.h"
#include "load/graph_loader.h"
#include "query/query.h"
#include "write/graph_writer.h"

namespace relgraph::cli {

// Exit code of a query that found nothing (0 found, 2 error: see cli.h).
inline constexpr int kNothingFound = 1;

// The exit code lines of the query commands' --help, and of the commands that write a graph.
inline constexpr const char* kQueryExitHelp =
    "\nExit codes: 0 found, 1 nothing found, 2 error (bad command line, unknown or ambiguous\n"
    "entity, unreadable graph file).\n";
inline constexpr const char* kWriteExitHelp =
    "\nExit codes: 0 written, 2 error (bad command line, unknown or ambiguous entity,\n"
    "unreadable graph file), 3 cannot write the output.\n";

enum class OutputMode { table, json, jsonl, tsv };

// --json, --jsonl, --tsv.
void add_output_options(cxxopts::Options& opts);
OutputMode output_mode(const cxxopts::ParseResult& args);

using Cell = std::variant<std::string, std::int64_t, double>;

struct Column {
  std::string name;  // JSON key and TSV header; upper-cased as the table header
  bool numeric = false;
};

struct Row {
  std::vector<Cell> cells;
  const std::vector<Evidence>* evidence = nullptr;  // shown when the table has with_evidence
};

struct ResultTable {
  std::vector<Column> columns;
  std::vector<Row> rows;
  bool with_evidence = false;
};

using JsonWriter = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void json_string(JsonWriter& w, std::string_view s);
void json_cell(JsonWriter& w, const Cell& c);
void json_evidence(JsonWriter& w, const std::vector<Evidence>& evidence);
// One row as an object (columns as keys, "evidence" when the table has with_evidence).
void json_row(JsonWriter& w, const ResultTable& t, const Row& row);
// Writes a whole JSON document produced by `body` to `out`, indented, with a final newline.
void print_json_document(std::ostream& out, const std::function<void(JsonWriter&)>& body);

// The aligned table (display widths, so Korean lines up), header in upper case, numbers right
// aligned, evidence lines indented under their row.
void print_table(std::ostream& out, const ResultTable& t);
// Tab-separated, with a header line; tabs and newlines in values become spaces. With evidence,
// one line per evidence entry (document, sentence, trigger, text columns added).
void print_tsv(std::ostream& out, const ResultTable& t);
// One compact JSON object per row.
void print_jsonl(std::ostream& out, const ResultTable& t);

// Prints `t` in the mode asked; for --json, `json_document` writes the document (default:
// {"count": N, "results": [rows]}).
void print_results(std::ostream& out, const ResultTable& t, OutputMode mode,
                   const std::function<void(JsonWriter&)>& json_document = {});

// What a command needs of the graph's evidence: all of it, or only that of the edges it shows
// (GraphFile::materialise_evidence; a binary graph or cache then loads much faster).
enum class EvidenceNeed { all, on_demand };

// Loads a graph file ('-': stdin), through its fresh cache PATH.rgx when there is one (notes on
// stderr say why a cache was not used). A file that cannot be read or parsed is a UsageError
// (exit 2) whose message names the file and the place.
std::unique_ptr<GraphFile> load_graph_arg(const std::string& path,
                                          EvidenceNeed need = EvidenceNeed::all);

// The entity `name` names, or a UsageError listing the candidates (ambiguous or unknown).
query::Vertex resolve_entity(const KnowledgeGraph& g, const query::EntityIndex& index,
                             const std::string& name);

// Notes on stderr when a relation or type filter names nothing in the graph (the query will
// then find nothing).
void note_unknown_relations(const KnowledgeGraph& g, const query::Relations& relations);
void note_unknown_type(const KnowledgeGraph& g, const std::string& type);

// Positional arguments of a command ("args").
std::vector<std::string> positional(const cxxopts::ParseResult& args);

// "out" / "in" / "both" (symmetric) for an edge seen from `from`.
std::string direction_word(bool outgoing, bool symmetric);

}  // namespace relgraph::cli
