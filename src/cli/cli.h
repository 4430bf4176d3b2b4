// Shared pieces of the relgraph command line: exit codes, the two error kinds the commands
// throw, option parsing, rule loading and the atomic output writer. Each command lives in its
// own file (build_command.cpp, rules_command.cpp, ...) and is listed in main.cpp.
#pragma once

#include <cxxopts.hpp>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "graph/graph_view.h"
#include "graph/knowledge_graph.h"
#include "rules/rule_parser.h"
#include "rules/rule_set.h"
#include "write/graph_writer.h"

#ifndef RELGRAPH_VERSION
#define RELGRAPH_VERSION "0.0.0"
#endif

namespace relgraph::cli {

// Process exit codes shared by the commands (a command may document more, such as "nothing
// found").
enum Exit { kOk = 0, kRuleErrors = 1, kUsage = 2, kIoError = 3, kInternal = 4 };

// A bad command line: exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// A file that cannot be read or written: exit 3.
struct IoError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

cxxopts::ParseResult parse_options(cxxopts::Options& opts, int argc, char** argv);

void print_diagnostics(const Diagnostics& diags);

// The text of the starter pack (unless `builtin` is false) and of the user's rule files and
// folders, in that order; a file that cannot be read throws IoError.
std::vector<RuleSource> read_all_rule_sources(const std::vector<std::string>& paths, bool builtin);

// The starter pack (unless `builtin` is false) plus the user's rule files and folders, loaded.
RuleSet load_all_rules(const std::vector<std::string>& paths, bool builtin, Diagnostics& diags);

// Call once, first thing in main(). SIGINT and SIGTERM then remove the temporary output files,
// print "relgraph: interrupted" and exit with 128 + the signal (130, 143) at once, whatever the
// command is doing (reading stdin included); once the outputs are being renamed into place the
// run is done and they are ignored. SIGXFSZ is ignored so that a file size limit is an ordinary
// write error. std::cout is made to write straight to file descriptor 1, keeping the error.
void set_up_process();

// Flushes stdout; throws IoError naming the reason when it could not be written (a full disk).
void check_stdout();

// Writes `out` ("-" or empty: stdout) through a temporary file renamed into place, so a failed
// or interrupted run never leaves a half-written file and keeps the previous one. The temporary
// file (DIR/.NAME.tmp-relgraph-PID) is written, flushed and fsync'ed, then renamed onto the
// output and the directory fsync'ed; a write error (full disk, EFBIG) throws IoError naming the
// output and removes it. Temporary files left by a killed run are removed by the next one.
// `write` produces the content.
void write_atomically(const std::string& out, const std::function<void(std::ostream&)>& write);

// Drops the cached pages of the file at `path` if it is a regular file (its contents stay as
// they are). Replacing a file frees its cached pages inside rename(): some 30 ms for a 120 MB
// output, at the very end of a build. A build with a thread to spare calls this for the output
// it will replace while its rules load. Best effort: errors are ignored.
void drop_cached_pages(const std::string& path);

// One file of an output made of several files (Neo4j's node and edge tables).
struct OutputFile {
  std::string path;
  std::function<void(std::ostream&)> write;
};

// Writes every file to a temporary file beside it first and renames them into place only when
// all were written, so a failed run leaves no half-written file and replaces none of the
// outputs (unless a rename itself fails).
void write_files_atomically(const std::vector<OutputFile>& files);

// The graph format for output `out` from --format, else its extension ("-" or none: JSON).
// Throws UsageError for an unknown format, an unknown extension, or a two-file format
// (neo4j) written to stdout.
GraphFormat choose_graph_format(const std::string& out, const std::string& format_option);

// Writes `g` to `out` ("-" or empty: stdout) atomically, in one file or, for neo4j, two, using
// up to `threads` threads to format. Returns the paths written (empty for stdout).
std::vector<std::string> write_graph_output(const GraphView& g, GraphFormat format,
                                            const std::string& out, unsigned threads = 1);
std::vector<std::string> write_graph_output(const KnowledgeGraph& g, GraphFormat format,
                                            const std::string& out, unsigned threads = 1);

// The commands.
int cmd_build(int argc, char** argv);
int cmd_rules_check(int argc, char** argv);
// Graph queries and graph files (query_output.h has their shared pieces).
int cmd_stats(int argc, char** argv);
int cmd_neighbors(int argc, char** argv);
int cmd_edges(int argc, char** argv);
int cmd_path(int argc, char** argv);
int cmd_rank(int argc, char** argv);
int cmd_subgraph(int argc, char** argv);
int cmd_convert(int argc, char** argv);
int cmd_merge(int argc, char** argv);
// Reports for people (src/report).
int cmd_report(int argc, char** argv);

}  // namespace relgraph::cli
