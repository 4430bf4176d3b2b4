// relgraph build: extract a knowledge graph from files, folders, globs or stdin (see README).
//
// The read stage (read/input_source.h) yields one Document at a time on one thread; the
// documents are extracted on --jobs threads (parallel/ordered_parallel.h) and, in input order,
// dated and added to the GraphBuilder, which makes the result independent of the order. The
// builder spills evidence to a temporary file and the writers read it back one edge at a time
// (graph/graph_builder.h), so memory grows with the graph, not with the corpus; --update
// merges in memory (it loads the previous graph whole anyway).
#include <algorithm>
#include <cstdlib>
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli/cli.h"
#include "cli/progress.h"
#include "cli/rules_cache.h"
#include "graph/graph_builder.h"
#include "graph/knowledge_graph.h"
#include "load/graph_loader.h"
#include "parallel/ordered_parallel.h"
#include "pipeline/extractor.h"
#include "query/query.h"
#include "read/content_hash.h"
#include "read/input_source.h"
#include "write/graph_writer.h"

namespace relgraph::cli {

namespace {

constexpr const char* kExitCodes =
    "\nExit codes: 0 ok (also when some inputs were skipped with a warning), 1 rule errors,\n"
    "2 bad command line, 3 an input path does not exist, no document could be read, or the\n"
    "output cannot be written.\n";

// What a build that succeeded leaves for the process exit to reclaim (see the end of
// run_build): its extractor, its graph builder and the graph built.
struct LeftForExit {
  const Extractor* extractor = nullptr;
  const GraphBuilder* builder = nullptr;
  const BuiltGraph* graph = nullptr;
};
LeftForExit g_left_for_exit;

// One document's facts, each evidence carrying the document's date, and offsets into the
// whole document when this is a part of a large one.
DocumentExtraction extract_document(const Extractor& extractor, const Document& doc,
                                    std::string* trace) {
  DocumentExtraction out = extractor.extract(doc.text, doc.name, trace);
  for (Fact& fact : out.facts) {
    fact.evidence.date = doc.date;
    fact.evidence.begin += doc.offset;
    fact.evidence.end += doc.offset;
  }
  return out;
}

// How much the graph builder keeps in memory before it spills to a temporary file: the
// environment's RELGRAPH_SPILL_MEMORY (bytes, or with a K, M or G suffix), else the default.
// Mostly for tests (0 spills everything to disk); the output is the same for any value.
SpillOptions spill_options() {
  SpillOptions options;
  const char* value = std::getenv("RELGRAPH_SPILL_MEMORY");
  if (value == nullptr || *value == '\0') return options;
  const std::string text = value;
  std::size_t used = 0;
  unsigned long long bytes = 0;
  if (text[0] >= '0' && text[0] <= '9') {  // (stoull would take a sign or spaces)
    try {
      bytes = std::stoull(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
  }
  const std::string suffix = text.substr(used);
  int shift = -1;
  if (suffix.empty()) shift = 0;
  if (suffix == "K" || suffix == "k") shift = 10;
  if (suffix == "M" || suffix == "m") shift = 20;
  if (suffix == "G" || suffix == "g") shift = 30;
  if (used == 0 || shift < 0 || bytes > (~0ULL >> shift)) {
    throw UsageError("bad RELGRAPH_SPILL_MEMORY '" + text +
                     "' (bytes, or a number with K, M or G)");
  }
  options.memory_limit = static_cast<std::size_t>(bytes << shift);
  return options;
}

InputOptions input_options(const cxxopts::ParseResult& args) {
  InputOptions options;
  const std::string format = args["input-format"].as<std::string>();
  if (std::optional<InputFormat> f = parse_input_format(format)) {
    options.format = *f;
  } else {
    throw UsageError("unknown input format '" + format + "' (auto, text, jsonl or html)");
  }
  if (args.count("field")) {
    for (const std::string& f : args["field"].as<std::vector<std::string>>()) {
      if (!set_jsonl_field(options.fields, f)) {
        throw UsageError("bad --field '" + f +
                         "': expected NAME=KEY[,KEY...] with NAME one of id, title, date, url, "
                         "text");
      }
    }
  }
  if (args.count("include")) {
    options.filters.include = args["include"].as<std::vector<std::string>>();
  }
  if (args.count("exclude")) {
    options.filters.exclude = args["exclude"].as<std::vector<std::string>>();
  }
  return options;
}

// Prints diagnostics (errors only when quiet, notes only when verbose), keeping the progress
// line out of the way.
class DiagnosticPrinter {
 public:
  DiagnosticPrinter(bool quiet, bool verbose, ProgressLine& progress)
      : quiet_(quiet), verbose_(verbose), progress_(progress) {}
  void print(const Diagnostics& diags) {
    for (const Diagnostic& d : diags.all()) {
      if (quiet_ && d.severity != Severity::error) continue;
      if (!verbose_ && d.severity == Severity::note) continue;
      progress_.clear();
      std::cerr << format(d);
    }
  }

 private:
  bool quiet_;
  bool verbose_;
  ProgressLine& progress_;
};

}  // namespace

int cmd_build(int argc, char** argv) {
  cxxopts::Options opts("relgraph build", "Extract a knowledge graph from news text.");
  opts.custom_help("[options] INPUT... [-o OUT]");
  opts.positional_help("");
  opts.add_options()("o,output",
                     "output file (.json, .graphml, .gexf, .cyjs, .dot or .gv), or PREFIX or "
                     "DIR/ for neo4j; '-' or none: JSON on stdout",
                     cxxopts::value<std::string>()->default_value(""))(
      "f,format",
      "output format: json, graphml, gexf, cytoscape, dot or neo4j (two CSV files: "
      "PREFIX_nodes.csv and PREFIX_edges.csv, or DIR/nodes.csv and DIR/edges.csv); default: "
      "by extension",
      cxxopts::value<std::string>()->default_value(""))(
      "r,rules", "rule file or folder, added to the starter pack (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "no-default-rules", "do not load the starter pack compiled into relgraph")(
      "no-rules-cache",
      "neither read nor write the compiled rule cache (used for rule sets of 1 MiB or more; "
      "see RELGRAPH_CACHE_DIR)")(
      "i,input-format",
      "auto (by extension: .jsonl/.ndjson JSON Lines, .html/.htm HTML, else text; stdin "
      "text), text, jsonl or html",
      cxxopts::value<std::string>()->default_value("auto"))(
      "field",
      "JSON Lines field: NAME=KEY[,KEY...], NAME one of text, date, id, title, url; KEY may be "
      "a.b for nested objects (repeatable; e.g. --field text=body --field date=published)",
      cxxopts::value<std::vector<std::string>>())(
      "include", "in folders and globs, read only files matching GLOB (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "exclude", "in folders and globs, skip files and folders matching GLOB (repeatable)",
      cxxopts::value<std::vector<std::string>>())(
      "q,quiet", "print nothing but errors (no warnings, no progress, no summary)")(
      "v,verbose", "print a note for every input file read, with its number of documents")(
      "j,jobs", "extract on N threads (default: all cores); the output is the same for any N",
      cxxopts::value<unsigned>())(
      "explain", "print how every sentence was read (names, roles, triggers, edges) to stderr")(
      "partial",
      "write a partial result for 'relgraph merge': JSON with the table of documents read "
      "(name, content hash, size)")(
      "update",
      "add the inputs to graph G (JSON): documents whose content G already has are skipped; "
      "the result is G plus the new documents, with its document table",
      cxxopts::value<std::string>())("h,help", "show this help")(
      "inputs", "files, folders (recursive), quoted globs ('news/**/*.jsonl') or - for stdin",
      cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"inputs"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help() << kExitCodes;
    return kOk;
  }
  if (!args.count("inputs")) throw UsageError("no INPUT given (try 'relgraph build --help')");
  const std::string out = args["output"].as<std::string>();
  const GraphFormat format = choose_graph_format(out, args["format"].as<std::string>());
  const bool quiet = args.count("quiet") > 0;
  const bool verbose = args.count("verbose") > 0 && !quiet;
  const bool partial = args.count("partial") > 0;
  const std::string update = args.count("update") ? args["update"].as<std::string>() : "";
  if ((partial || !update.empty()) && format != GraphFormat::json)
    throw UsageError(std::string(partial ? "--partial" : "--update") +
                     " writes JSON (the format that keeps the document table)");
  InputOptions options = input_options(args);
  options.report_files = verbose;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  if (args.count("jobs")) jobs = args["jobs"].as<unsigned>();
  if (jobs == 0) throw UsageError("--jobs must be at least 1");
  const SpillOptions spill = spill_options();

  // The inputs are expanded (a listing and a stat per file, nothing read) while the rules load,
  // when there are threads to spare; their diagnostics and errors come after the rules' either
  // way. That thread then drops the cached pages of the output file the build will replace.
  std::optional<InputSource> source;
  Diagnostics expansion;
  // std::async: deferred (run by get()) with one job; either way get() rethrows what it threw,
  // and the future waits for the task however cmd_build is left.
  std::future<void> expanding =
      std::async(jobs > 1 ? std::launch::async : std::launch::deferred,
                 [&, inputs = args["inputs"].as<std::vector<std::string>>()] {
                   source.emplace(inputs, std::move(options), expansion);
                   if (jobs > 1 && format != GraphFormat::neo4j && !out.empty() && out != "-")
                     drop_cached_pages(out);
                 });

  Diagnostics diags;
  std::vector<std::string> rule_paths;
  if (args.count("rules")) rule_paths = args["rules"].as<std::vector<std::string>>();
  CompiledRules compiled = load_compiled_rules(rule_paths, !args.count("no-default-rules"),
                                               !args.count("no-rules-cache"), jobs > 1, diags);
  RuleSet& rules = compiled.rules;
  if (diags.has_errors()) {
    print_diagnostics(diags);
    std::cerr << "relgraph: " << diags.error_count()
              << " error(s) in rule files; nothing written\n";
    return kRuleErrors;
  }
  if (!quiet) print_diagnostics(diags);
  if (!quiet)
    for (const std::string& problem : compiled.problems)
      std::cerr << "relgraph: note: " << problem << "\n";
  if (verbose)
    for (const std::string& done : compiled.done) std::cerr << "relgraph: note: " << done << "\n";
  const bool explain = args.count("explain") > 0;

  ProgressLine progress(!quiet && ProgressLine::stderr_is_terminal());
  DiagnosticPrinter printer(quiet, verbose, progress);
  try {
    expanding.get();
  } catch (const std::exception& e) {
    printer.print(expansion);
    throw IoError(e.what());
  }
  printer.print(expansion);

  // The graph to add to, and the documents it already has: by content (its document table)
  // and by name (the table, and the documents its nodes name).
  KnowledgeGraph previous;
  std::set<std::string> seen_hashes, seen_names;
  if (!update.empty()) {
    try {
      previous = load_graph(update, LoadFormat::json);
    } catch (const std::exception& e) {
      throw IoError(e.what());
    }
    for (const DocumentRecord& d : previous[boost::graph_bundle].documents) {
      seen_hashes.insert(d.hash);
      seen_names.insert(d.name);
    }
    // A graph written without a document table still names its documents in its nodes.
    for (auto v : boost::make_iterator_range(boost::vertices(previous)))
      seen_names.insert(previous[v].documents.begin(), previous[v].documents.end());
  }
  const bool keep_documents = partial || !update.empty();

  // The relation tables, then the builder, while the Matcher may still be read from the rule
  // image on another thread (the builder takes the entities' strings: moved, not copied, the
  // rules are done with then); then the extractor, with the Matcher.
  std::unique_ptr<RelationExtractor> relation_tables = RelationExtractor::compile_tables(rules);
  std::shared_ptr<const EntityDiscoverer> discoverer = EntityDiscoverer::compile(rules);
  auto builder_owner = std::make_unique<GraphBuilder>(std::move(rules), spill);
  GraphBuilder& builder = *builder_owner;
  // What is left of the rules' memory (about 50 MB for 100k entities) goes to the graph.
  rules = RuleSet();
  auto extractor = std::make_unique<const Extractor>(
      compiled.take_matcher(), std::move(relation_tables), std::move(discoverer));
  // A document travels with the diagnostics and progress of its reading, so that they are
  // printed by the consuming thread, in input order, whatever the number of threads. Documents
  // go to the threads in batches of about kBatchBytes (small news articles would otherwise cost
  // a hand-over, and a wake-up of the consuming thread, each).
  constexpr std::size_t kBatchBytes = std::size_t{64} << 10;
  constexpr std::size_t kBatchDocuments = 64;
  struct Read {
    Document doc;
    Diagnostics diags;
    InputProgress progress;
  };
  struct Extracted {
    std::string name;
    PreparedDocument extraction;  // made ready for the builder on the extracting thread
    std::string trace;
    Diagnostics diags;
    InputProgress progress;
  };
  using Item = std::vector<Read>;
  using Batch = std::vector<Extracted>;
  Diagnostics trailing;  // what was read after the last document (written by the producer)
  std::size_t repeated = 0;
  bool exhausted = false;
  // The next document to extract, or nullopt at the end (its diagnostics go to `trailing`).
  auto read_one = [&]() -> std::optional<Read> {
    Read read;
    std::optional<Document> doc;
    while (true) {
      doc = source->next(read.diags);
      if (!doc) {
        trailing.append(read.diags);
        exhausted = true;
        return std::nullopt;
      }
      if (!keep_documents) break;
      // With --update, a document the graph already has (same text or same name) is skipped.
      std::string hash = content_hash(doc->text);
      if (seen_hashes.count(hash) || seen_names.count(doc->name)) {
        read.diags.note({doc->name, 0, 0}, "already in " + update + "; skipped");
        ++repeated;
        continue;
      }
      builder.add_document({doc->name, std::move(hash), doc->text.size()});
      break;
    }
    read.doc = std::move(*doc);
    read.progress = source->progress();
    return read;
  };
  auto produce = [&]() -> std::optional<Item> {
    Item item;
    std::size_t bytes = 0;
    while (!exhausted && bytes < kBatchBytes && item.size() < kBatchDocuments) {
      std::optional<Read> read = read_one();
      if (!read) break;
      bytes += read->doc.text.size();
      item.push_back(std::move(*read));
    }
    if (item.empty()) return std::nullopt;
    return item;
  };
  auto extract = [&](Item& item) {
    Batch batch(item.size());
    for (std::size_t i = 0; i < item.size(); ++i) {
      Extracted& out = batch[i];
      out.name = item[i].doc.name;
      out.extraction = GraphBuilder::prepare(
          extract_document(*extractor, item[i].doc, explain ? &out.trace : nullptr));
      out.diags = std::move(item[i].diags);
      out.progress = item[i].progress;
    }
    return batch;
  };
  auto add = [&](Batch&& batch) {
    for (Extracted& done : batch) {
      printer.print(done.diags);
      if (explain) {
        progress.clear();
        std::cerr << done.name << ":\n" << done.trace;
      }
      builder.add(std::move(done.extraction));
      progress.update(done.progress);
    }
  };
  try {
    ordered_parallel<Item, Batch>(jobs, produce, extract, add);
  } catch (const SpillError& e) {
    throw IoError(e.what());
  }
  printer.print(trailing);
  progress.clear();

  const std::size_t documents = source->progress().documents;
  if (documents == 0 && source->unreadable() > 0) {
    std::cerr << "relgraph: no document could be read; nothing written\n";
    return kIoError;
  }
  std::vector<std::string> written;
  std::size_t nodes = 0, edges = 0;
  try {
    if (!update.empty()) {
      const KnowledgeGraph added = builder.build();
      const KnowledgeGraph g = query::merge({&previous, &added});
      written = write_graph_output(g, format, out, jobs);
      nodes = boost::num_vertices(g);
      edges = boost::num_edges(g);
    } else {
      auto g = std::make_unique<const BuiltGraph>(std::move(builder).finish(jobs));
      written = write_graph_output(*g, format, out, jobs);
      nodes = g->num_nodes();
      edges = g->num_edges();
      g_left_for_exit.graph = g.release();
    }
  } catch (const SpillError& e) {
    throw IoError(e.what());
  }
  if (!quiet) {
    std::cerr << "relgraph: " << documents - repeated << " document(s)";
    if (repeated > 0) std::cerr << " (" << repeated << " already in the graph, skipped)";
    std::cerr << ", " << nodes << " node(s), " << edges << " edge(s)";
    for (std::size_t i = 0; i < written.size(); ++i) {
      std::cerr << (i == 0 ? " -> " : ", ") << written[i];
    }
    std::cerr << "\n";
  }
  // Freeing the compiled rules (100k entities: some 70M instructions, 15 ms), the builder and
  // the graph gives back nothing the process still needs: as a compiler does with
  // -disable-free, they are left for the exit to reclaim (still reachable from a global, so
  // leak checkers do not count them; the graph's spill file is already unlinked).
  g_left_for_exit.extractor = extractor.release();
  g_left_for_exit.builder = builder_owner.release();
  return kOk;
}

}  // namespace relgraph::cli
