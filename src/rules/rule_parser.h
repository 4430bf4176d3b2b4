// Parsing rule files into a RuleSet.
//
// parse_rules() reads one file's text and appends what it defines to a RuleSet; every mistake
// becomes a Diagnostic (file:line:column) and parsing goes on with the next line. It never
// throws on bad input. validate_rules() runs the cross-file checks once all files are parsed
// (unknown types and lexicons, duplicate ids, aliases shared by two entities).
// load_rule_paths() reads files and folders from disk (the only I/O here); builtin_rules()
// returns the starter pack compiled into the binary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics/diagnostics.h"
#include "rules/rule_set.h"

namespace relgraph {

// Append the stanzas of one rule file. `file` is the name used in diagnostics.
void parse_rules(std::string_view text, const std::string& file, RuleSet& out, Diagnostics& diags);

// Cross-file checks; call once after all parse_rules() calls. Removes what cannot be used
// (an entity of an unknown type, the second definition of an id) so the rest still works.
void validate_rules(RuleSet& rules, Diagnostics& diags);

struct RuleSource {
  std::string name;  // shown in diagnostics, e.g. "<builtin>/people.rules"
  std::string text;
};

// The starter pack (rules/*.rules at build time), in a fixed order.
const std::vector<RuleSource>& builtin_rules();

// Each path is a .rules file or a directory (its *.rules files, sorted, recursively).
// Throws std::runtime_error when a path cannot be read.
std::vector<RuleSource> read_rule_paths(const std::vector<std::string>& paths);

// Parse and validate sources in order.
RuleSet load_rules(const std::vector<RuleSource>& sources, Diagnostics& diags);

}  // namespace relgraph
