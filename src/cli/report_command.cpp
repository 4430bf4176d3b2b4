// relgraph report G -o report.html | report.md: a report of a graph for people (src/report).
// HTML is one self-contained page; Markdown is written with its drawing as an SVG file beside
// it (report.md + report.svg), both files atomically.
#include <filesystem>
#include <iostream>

#include "cli/query_output.h"
#include "report/report.h"

namespace relgraph::cli {

namespace {

enum class ReportFormat { html, markdown };

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

ReportFormat choose_report_format(const std::string& out, const std::string& format) {
  if (format == "html") return ReportFormat::html;
  if (format == "md" || format == "markdown") return ReportFormat::markdown;
  if (!format.empty()) throw UsageError("unknown report format '" + format + "' (html, md)");
  if (out == "-") return ReportFormat::html;
  const std::string ext = lower_extension(out);
  if (ext == ".html" || ext == ".htm") return ReportFormat::html;
  if (ext == ".md" || ext == ".markdown") return ReportFormat::markdown;
  throw UsageError("cannot tell the report format of '" + out +
                   "': name it .html or .md, or use --format html|md");
}

std::size_t count_option(const cxxopts::ParseResult& args, const char* name) {
  const int value = args[name].as<int>();
  if (value < 0) throw UsageError(std::string("--") + name + " must be 0 or more");
  return static_cast<std::size_t>(value);
}

}  // namespace

int cmd_report(int argc, char** argv) {
  cxxopts::Options opts("relgraph report",
                        "Write a report of a graph: a drawing, the top entities and every "
                        "relation's edges with their evidence.");
  opts.custom_help("G -o report.html|report.md [options]");
  opts.positional_help("");
  opts.add_options()("o,output",
                     "report.html (one self-contained page; '-': HTML on stdout) or report.md "
                     "(with report.svg beside it)",
                     cxxopts::value<std::string>())(
      "f,format", "html or md (default: by extension)",
      cxxopts::value<std::string>()->default_value(""))(
      "title", "the page title", cxxopts::value<std::string>()->default_value(""))(
      "top", "entities listed: the top N by PageRank and by degree",
      cxxopts::value<int>()->default_value("10"))("r,relation", "only this relation (repeatable)",
                                                  cxxopts::value<std::vector<std::string>>())(
      "max-evidence", "evidence sentences quoted per edge (0: all)",
      cxxopts::value<int>()->default_value("3"))(
      "max-edges", "edges listed per relation, heaviest first (0: all)",
      cxxopts::value<int>()->default_value("200"))(
      "max-nodes", "entities drawn, highest PageRank first (0: all)",
      cxxopts::value<int>()->default_value("60"))("q,quiet", "print nothing but errors")(
      "h,help", "show this help")("args", "the graph", cxxopts::value<std::vector<std::string>>());
  opts.parse_positional({"args"});
  const cxxopts::ParseResult args = parse_options(opts, argc, argv);
  if (args.count("help")) {
    std::cout << opts.help() << kWriteExitHelp
              << "4 the drawing failed (Graphviz) or another internal error.\n";
    return kOk;
  }
  const std::vector<std::string> pos = positional(args);
  if (pos.size() != 1) throw UsageError("expected one graph file (try 'relgraph report --help')");
  if (!args.count("output")) throw UsageError("-o report.html or -o report.md is required");
  const std::string out = args["output"].as<std::string>();
  if (out.empty()) throw UsageError("-o needs a file name");
  const ReportFormat format = choose_report_format(out, args["format"].as<std::string>());
  if (format == ReportFormat::markdown && out == "-") {
    throw UsageError("a Markdown report is written with its drawing beside it: give -o FILE.md");
  }
  report::ReportOptions options;
  options.title = args["title"].as<std::string>();
  options.source = pos[0] == "-" ? "<stdin>" : pos[0];
  options.top = count_option(args, "top");
  if (args.count("relation")) options.relations = args["relation"].as<std::vector<std::string>>();
  options.max_evidence = count_option(args, "max-evidence");
  options.max_edges = count_option(args, "max-edges");
  options.max_drawn = count_option(args, "max-nodes");

  const std::unique_ptr<GraphFile> file = load_graph_arg(pos[0]);
  const KnowledgeGraph& g = file->graph;
  note_unknown_relations(g, options.relations);
  const report::Report r = report::build_report(g, options);
  std::string svg;
  try {
    svg = report::draw_graph_svg(r);
  } catch (const report::DrawingError& e) {
    throw std::runtime_error(std::string("drawing failed: ") + e.what());
  }

  std::string written = out;
  if (format == ReportFormat::html) {
    write_atomically(out, [&](std::ostream& o) { report::write_html_report(r, svg, o); });
  } else {
    std::filesystem::path svg_path(out);
    svg_path.replace_extension(".svg");
    const std::string svg_name = svg.empty() ? "" : svg_path.filename().string();
    std::vector<OutputFile> files;
    files.push_back({out, [&](std::ostream& o) { report::write_markdown_report(r, svg_name, o); }});
    if (!svg.empty()) {
      files.push_back(
          {svg_path.string(), [&](std::ostream& o) { o << report::standalone_svg(svg); }});
      written += " and " + svg_path.string();
    }
    write_files_atomically(files);
  }
  if (!args.count("quiet")) {
    std::cerr << "relgraph: report of " << boost::num_vertices(r.graph) << " node(s), "
              << boost::num_edges(r.graph) << " edge(s), " << r.drawn.size() << " drawn";
    if (out != "-") std::cerr << " -> " << written;
    std::cerr << "\n";
  }
  return kOk;
}

}  // namespace relgraph::cli
