#!/usr/bin/python3
"""End-to-end: the README's "From Python" cell runs and prints what the README shows.

Usage: /usr/bin/python3 tests/e2e/test_readme_python.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Builds out/examples.json from examples/ (as scripts/demo.sh does) in a temporary directory,
runs the README's networkx cell there with /usr/bin/python3 and compares its output with the
output block that follows the cell in the README. Prints one line per check and
"N passed, M failed".
"""

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.tmp = tmp
        os.makedirs(os.path.join(tmp, "out"))
        p = subprocess.run([binary, "build", "-q", "--rules", "examples/rules", "examples/articles",
                            "-o", os.path.join(tmp, "out", "examples.json")], cwd=srcdir,
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stderr
        with open(os.path.join(srcdir, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        section = readme[readme.index("\n## From Python\n"):]
        section = section[:section.index("\n## ", 1)]
        blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
        assert [kind for kind, _ in blocks[:2]] == ["python", "text"], blocks
        self.cell, self.shown = blocks[0][1], blocks[1][1]


def check_readme_cell_prints_what_the_readme_shows(ctx):
    p = subprocess.run(["/usr/bin/python3", "-c", ctx.cell], cwd=ctx.tmp, capture_output=True,
                       text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ctx.shown, f"the README shows:\n{ctx.shown}\nthe cell prints:\n{p.stdout}"
    assert "softbank -> openai" in p.stdout


if __name__ == "__main__":
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-readme-", Ctx,
                        [check_readme_cell_prints_what_the_readme_shows]))
