// stage_bench: where the time of `relgraph build` goes, one pipeline stage at a time.
//
// Runs the stages of a build over a corpus on one thread, each stage over the whole corpus
// before the next (so each is timed alone, on the previous stage's results kept in memory):
//   read      InputSource over the paths (directory walk, file reads, decoding, dates)
//   normalise normalise() of every document
//   segment   split_sentences()
//   match     Matcher::find()
//   discover  EntityDiscoverer::find() (people no rule lists) and the merge of the mentions
//   relate    RelationExtractor::extract()
//   count     count_mentions(), the per-document mention counts
//   graph     GraphBuilder::add() of every document, then finish()
//   write     the JSON writer into a stream that discards what it gets (formatting only)
// and prints, per stage, the best of --repeat runs (wall time of one thread), MB/s over the
// corpus bytes, and its share of the sum. The sum is close to, but not the same as, a
// `relgraph build -j 1` (which interleaves the stages per document and writes to a file);
// bench/run.py times that. Not a test: it checks nothing and is not built by default
// (`ninja stage_bench`).
//
//   stage_bench [--repeat N] [--rules PATH]... [--no-default-rules] CORPUS...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "discover/discover.h"
#include "graph/graph_builder.h"
#include "match/matcher.h"
#include "normalise/normalise.h"
#include "pipeline/extractor.h"
#include "read/input_source.h"
#include "relate/relate.h"
#include "rules/rule_parser.h"
#include "segment/segment.h"
#include "write/graph_writer.h"

using namespace relgraph;

namespace {

class DiscardBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

double seconds_of(const std::function<void()>& run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: stage_bench [--repeat N] [--rules PATH]... [--no-default-rules] "
               "CORPUS...\n");
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  bool default_rules = true;
  std::vector<std::string> rule_paths;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--rules" && i + 1 < argc) {
      rule_paths.push_back(argv[++i]);
    } else if (arg == "--no-default-rules") {
      default_rules = false;
    } else if (!arg.empty() && arg[0] == '-') {
      usage();
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) usage();

  Diagnostics diags;
  std::vector<RuleSource> sources;
  if (default_rules) sources = builtin_rules();
  for (RuleSource& source : read_rule_paths(rule_paths)) sources.push_back(std::move(source));
  const RuleSet rules = load_rules(sources, diags);
  if (diags.error_count() > 0) {
    std::fprintf(stderr, "stage_bench: the rules have errors (try `relgraph rules check`)\n");
    return 1;
  }
  std::shared_ptr<const Matcher> matcher;
  std::shared_ptr<const RelationExtractor> relations;
  std::shared_ptr<const EntityDiscoverer> discoverer;
  const double compile_s = seconds_of([&] {
    matcher = Matcher::compile(rules);
    relations = RelationExtractor::compile(rules, matcher);
    discoverer = EntityDiscoverer::compile(rules);
  });

  std::vector<Document> documents;
  std::vector<NormalisedText> texts;
  std::vector<std::vector<Sentence>> sentences;
  std::vector<std::vector<Mention>> mentions;
  std::vector<Discoveries> discoveries;
  std::vector<std::vector<Mention>> all_mentions;  // the rule mentions and the discovered ones
  std::vector<DocumentExtraction> extractions;
  std::optional<BuiltGraph> graph;
  std::size_t bytes = 0;

  struct Stage {
    const char* name;
    std::function<void()> run;
    double best = 0;
  };
  std::vector<Stage> stages;
  stages.push_back({"read", [&] {
                      Diagnostics read_diags;
                      InputSource source(inputs, InputOptions{}, read_diags);
                      documents.clear();
                      while (std::optional<Document> doc = source.next(read_diags)) {
                        documents.push_back(std::move(*doc));
                      }
                    }});
  stages.push_back({"normalise", [&] {
                      texts.clear();
                      for (const Document& doc : documents) texts.push_back(normalise(doc.text));
                    }});
  stages.push_back({"segment", [&] {
                      sentences.clear();
                      for (const NormalisedText& t : texts) {
                        sentences.push_back(split_sentences(t.text));
                      }
                    }});
  stages.push_back({"match", [&] {
                      mentions.clear();
                      for (const NormalisedText& t : texts) {
                        mentions.push_back(matcher->find(t.text));
                      }
                    }});
  stages.push_back({"discover", [&] {
                      discoveries.clear();
                      all_mentions.clear();
                      const auto base = static_cast<std::uint32_t>(matcher->entities().size());
                      for (std::size_t d = 0; d < texts.size(); ++d) {
                        discoveries.push_back(
                            discoverer->find(texts[d].text, sentences[d], mentions[d], base));
                        all_mentions.push_back(merge_mentions(mentions[d], discoveries[d]));
                      }
                    }});
  stages.push_back({"relate", [&] {
                      extractions.assign(documents.size(), {});
                      for (std::size_t d = 0; d < documents.size(); ++d) {
                        const Document& doc = documents[d];
                        extractions[d].document = doc.name;
                        extractions[d].facts =
                            relations->extract(doc.text, texts[d], sentences[d], all_mentions[d],
                                               doc.name, nullptr, discoveries[d].entities);
                      }
                    }});
  stages.push_back({"count", [&] {
                      for (std::size_t d = 0; d < documents.size(); ++d) {
                        extractions[d].mentions =
                            count_mentions(*matcher, all_mentions[d], discoveries[d].entities);
                      }
                    }});
  stages.push_back({"graph", [&] {
                      graph.reset();
                      GraphBuilder builder(rules);
                      for (const DocumentExtraction& e : extractions) builder.add(e);
                      graph.emplace(std::move(builder).finish());
                    }});
  stages.push_back({"write", [&] {
                      DiscardBuffer discard;
                      std::ostream out(&discard);
                      write_json(*graph, out, 1);
                    }});

  for (int r = 0; r < repeat; ++r) {
    for (Stage& stage : stages) {
      const double s = seconds_of(stage.run);
      stage.best = r == 0 ? s : std::min(stage.best, s);
    }
  }
  for (const Document& doc : documents) bytes += doc.text.size();
  std::size_t facts = 0, found = 0;
  for (const DocumentExtraction& e : extractions) facts += e.facts.size();
  for (const std::vector<Mention>& m : mentions) found += m.size();

  const double mb = static_cast<double>(bytes) / 1e6;
  double total = 0;
  for (const Stage& stage : stages) total += stage.best;
  std::printf("corpus: %zu documents, %.1f MB; %zu entities, %zu mentions, %zu facts\n",
              documents.size(), mb, matcher->entities().size(), found, facts);
  std::printf("compile (matcher + relate, not in the sum): %.3f s\n", compile_s);
  std::printf("%-12s %9s %9s %7s\n", "stage", "seconds", "MB/s", "share");
  for (const Stage& stage : stages) {
    std::printf("%-12s %9.3f %9.1f %6.1f%%\n", stage.name, stage.best, mb / stage.best,
                100.0 * stage.best / total);
  }
  std::printf("%-12s %9.3f %9.1f\n", "sum", total, mb / total);
  return 0;
}
