// relgraph build: extract a knowledge graph from files, folders or stdin (see README).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli.h"
#include "graph/knowledge_graph.h"
#include "pipeline/extractor.h"
#include "pipeline/ordered_parallel.h"
#include "read/document.h"
#include "write/graph_writer.h"

namespace relgraph::cli {

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
      "q,quiet", "print nothing but errors")(
      "j,jobs", "extract on N threads (default: all cores); the output is the same for any N",
      cxxopts::value<unsigned>())(
      "explain", "print how every sentence was read (names, roles, triggers, edges) to stderr")(
      "h,help", "show this help")("inputs", "files, folders (recursive) or - for stdin",
                                  cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"inputs"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help()
              << "\nExit codes: 0 ok, 1 rule errors, 2 bad command line, 3 cannot "
                 "read or write a file.\n";
    return kOk;
  }
  if (!args.count("inputs")) throw UsageError("no INPUT given (try 'relgraph build --help')");
  const std::string out = args["output"].as<std::string>();
  const GraphFormat format = choose_graph_format(out, args["format"].as<std::string>());
  const bool quiet = args.count("quiet") > 0;

  Diagnostics diags;
  std::vector<std::string> rule_paths;
  if (args.count("rules")) rule_paths = args["rules"].as<std::vector<std::string>>();
  const RuleSet rules = load_all_rules(rule_paths, !args.count("no-default-rules"), diags);
  if (diags.has_errors()) {
    print_diagnostics(diags);
    std::cerr << "relgraph: " << diags.error_count()
              << " error(s) in rule files; nothing written\n";
    return kRuleErrors;
  }
  if (!quiet) print_diagnostics(diags);

  Diagnostics input_diags;
  InputList inputs;
  try {
    inputs = expand_inputs(args["inputs"].as<std::vector<std::string>>(), input_diags);
  } catch (const std::exception& e) {
    throw IoError(e.what());
  }
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  if (args.count("jobs")) jobs = args["jobs"].as<unsigned>();
  if (jobs == 0) throw UsageError("--jobs must be at least 1");
  const bool explain = args.count("explain") > 0;

  const Extractor extractor(rules);
  GraphBuilder builder(rules);
  std::size_t documents = 0;
  std::size_t next_input = 0;
  // Reading stays on one thread (under ordered_parallel's lock); extraction runs on `jobs`
  // threads; the builder takes the results in input order.
  struct Extracted {
    std::string name;
    DocumentExtraction extraction;
    std::string trace;
  };
  auto next_document = [&]() -> std::optional<Document> {
    while (next_input < inputs.paths.size()) {
      const std::string& path = inputs.paths[next_input++];
      Document doc;
      try {
        doc = read_document(path);
      } catch (const std::exception& e) {
        throw IoError(e.what());
      }
      if (doc.bytes.empty()) {
        input_diags.warning({doc.name, 0, 0}, "empty file skipped");
        continue;
      }
      if (looks_binary(doc.bytes)) {
        input_diags.warning({doc.name, 0, 0}, "binary file skipped");
        continue;
      }
      if (const std::size_t bad = count_invalid_utf8(doc.bytes); bad > 0) {
        input_diags.warning({doc.name, 0, 0},
                            std::to_string(bad) + " invalid UTF-8 byte(s) replaced with U+FFFD");
      }
      return doc;
    }
    return std::nullopt;
  };
  auto extract = [&](Document& doc) {
    Extracted out;
    out.name = doc.name;
    out.extraction = extractor.extract(doc.bytes, doc.name, explain ? &out.trace : nullptr);
    return out;
  };
  auto add = [&](Extracted&& done) {
    if (explain) std::cerr << done.name << ":\n" << done.trace;
    builder.add(done.extraction);
    ++documents;
  };
  ordered_parallel<Document, Extracted>(jobs, next_document, extract, add);
  const KnowledgeGraph g = builder.build();
  const std::vector<std::string> written = write_graph_output(g, format, out);
  if (!quiet) {
    print_diagnostics(input_diags);
    std::cerr << "relgraph: " << documents << " document(s), " << boost::num_vertices(g)
              << " node(s), " << boost::num_edges(g) << " edge(s)";
    for (std::size_t i = 0; i < written.size(); ++i) {
      std::cerr << (i == 0 ? " -> " : ", ") << written[i];
    }
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
