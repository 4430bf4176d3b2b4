// Writes the seed corpus of fuzz_rule_image: images of small rule sets (the rule files given on
// the command line, each alone) made with the fuzz target's key. Not a test; run by hand when
// the image format changes:
//   BUILD/tests/fuzz/make_rule_image_seeds tests/fuzz/corpus/fuzz_rule_image FILE.rules...
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "match/matcher.h"
#include "rule_image/rule_image.h"
#include "rules/rule_parser.h"

int main(int argc, char** argv) {
  using namespace relgraph;
  if (argc < 3) {
    std::cerr << "usage: make_rule_image_seeds OUT_DIR FILE.rules...\n";
    return 2;
  }
  const RuleImageKey key = rule_image_key("fuzz", false, {});
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Diagnostics diags;
    const RuleSet rules = load_rules({{argv[i], text.str()}}, diags);
    const std::string image = freeze_rule_image(key, rules, *Matcher::compile(rules), diags);
    std::string name = argv[i];
    name = name.substr(name.find_last_of('/') + 1);
    std::ofstream(std::string(argv[1]) + "/" + name + ".rgrules", std::ios::binary) << image;
    std::cout << name << ": " << image.size() << " bytes\n";
  }
  return 0;
}
