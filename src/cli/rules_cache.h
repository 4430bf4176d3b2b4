// The compiled rule cache of the command line: rules loaded for extraction come from a frozen
// image (rule_image/) when one was made from the same rule files by the same relgraph binary,
// else they are loaded and compiled and the image is written for the next run.
//
// Images live in $RELGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/relgraph, else
// $HOME/.cache/relgraph, named by the key of their inputs (rule_image.h). Only rule sets of
// kRulesCacheMinBytes or more (the starter pack included) use the cache: smaller ones compile in
// milliseconds. RELGRAPH_NO_RULES_CACHE (any non-empty value) or --no-rules-cache turns it off.
// A cache that cannot be read or written is never an error: the rules are compiled as without
// it, with a note. Deleting the folder is always safe.
#pragma once

#include <cstddef>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "match/matcher.h"
#include "rules/rule_set.h"

namespace relgraph::cli {

inline constexpr std::size_t kRulesCacheMinBytes = std::size_t{1} << 20;  // 1 MiB of rule text
// Images kept in the folder: writing one removes the least recently used beyond these.
inline constexpr std::size_t kRulesCacheImagesKept = 4;

struct CompiledRules {
  RuleSet rules;
  // The Matcher (null when loading the rules gave errors), once it is made: it may still be
  // read from an image on another thread when load_compiled_rules() returns, while `rules` is
  // used and even emptied. Waits for it.
  std::shared_ptr<const Matcher> take_matcher();
  std::shared_ptr<const Matcher> matcher;
  std::future<std::shared_ptr<const Matcher>> pending_matcher;  // (take_matcher())
  // About the cache: problems (an image that could not be written or was damaged; printed
  // unless --quiet) and what was done (printed with --verbose), each one line.
  std::vector<std::string> problems;
  std::vector<std::string> done;
};

// The starter pack (unless `builtin` is false) plus the user's rule files and folders, loaded
// (diagnostics to `diags`, as load_all_rules()) and compiled, through the cache when `use_cache`
// and the sources are large enough. With `parallel`, an image's checksum is verified and its
// Matcher read on another thread while its rules are read here, and the Matcher may still be
// being read when this returns (CompiledRules::take_matcher()). Throws IoError when a rule path
// cannot be read.
CompiledRules load_compiled_rules(const std::vector<std::string>& paths, bool builtin,
                                  bool use_cache, bool parallel, Diagnostics& diags);

// The folder of the cache from the environment, or "" when none can be named.
std::string rules_cache_dir();

}  // namespace relgraph::cli
