#!/usr/bin/python3
"""End-to-end: `cmake --install` into a temporary prefix, the man page and the bash completion.

Usage: /usr/bin/python3 tests/e2e/test_install.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Installs the build directory the binary is in into a temporary prefix and checks the files
(bin/relgraph, the rule pack and its README under share/relgraph/rules, the man page, the bash
completion); that the installed binary runs and checks the installed rules; that the man page
renders without warnings (groff and man -l) and documents every command and every option
that the commands' --help lists; and that the completion, sourced in bash, completes
commands, options of each command, option values and file names. Prints one line per check
and "N passed, M failed".
"""

import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)


class Ctx:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.prefix = os.path.join(tmp, "prefix")
        build_dir = os.path.dirname(binary)
        p = subprocess.run(["cmake", "--install", build_dir, "--prefix", self.prefix],
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, p.stdout + p.stderr
        self.installed = self.at("bin", "relgraph")
        self.man = self.at("share", "man", "man1", "relgraph.1")
        self.completion = self.at("share", "bash-completion", "completions", "relgraph")
        self.commands = commands(binary)
        self.options = {c: command_options(binary, c) for c in self.commands}

    def at(self, *parts):
        return os.path.join(self.prefix, *parts)


def commands(binary):
    """The commands `relgraph --help` lists (rules for 'rules check')."""
    out = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
    found = []
    for m in re.finditer(r"^\s+relgraph ([a-z]+)", out, re.M):
        if m.group(1) not in found:
            found.append(m.group(1))
    assert len(found) >= 11, found
    return found


def command_options(binary, command):
    """The long options of a command's --help (lines that start with -x, --name or --name)."""
    args = [binary, "rules", "check", "--help"] if command == "rules" else [binary, command, "--help"]
    p = subprocess.run(args, capture_output=True, text=True)
    assert p.returncode == 0, (command, p.stderr)
    return sorted(set(re.findall(r"^\s+(?:-\w, )?--([a-z][a-z-]*)", p.stdout, re.M)))


def complete(ctx, words, cwd=None):
    """COMPREPLY of _relgraph for the command line `words` (the last one is being completed)."""
    quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    script = (f"source '{ctx.completion}'\nCOMP_WORDS=({quoted})\n"
              f"COMP_CWORD={len(words) - 1}\nCOMP_LINE=\"${{COMP_WORDS[*]}}\"\n"
              "COMP_POINT=${#COMP_LINE}\n_relgraph relgraph\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    p = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True,
                       text=True, cwd=cwd or ctx.tmp, timeout=60)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    return sorted(line for line in p.stdout.split("\n") if line)


def render_man(path):
    """The page as text (man -l), and the warnings of groff and man."""
    env = dict(os.environ, MANWIDTH="100", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    groff = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", path], capture_output=True,
                           text=True)
    man = subprocess.run(["man", "--warnings", "-l", path], capture_output=True, text=True,
                         env=env)
    assert man.returncode == 0, man.stderr
    text = re.sub(r".\x08", "", man.stdout)  # no bold/underline overstrikes
    text = text.replace("\u2212", "-").replace("\u2010", "-")
    return text, groff.stderr + man.stderr


def check_installed_files(ctx):
    assert os.access(ctx.installed, os.X_OK)
    rules = sorted(os.path.basename(p) for p in glob.glob(os.path.join(ctx.srcdir, "rules", "*.rules")))
    assert rules, "no rule files in the source tree"
    installed = sorted(os.listdir(ctx.at("share", "relgraph", "rules")))
    assert installed == sorted(rules + ["README.md"]), installed
    for name in rules:
        with open(os.path.join(ctx.srcdir, "rules", name), "rb") as a, \
                open(ctx.at("share", "relgraph", "rules", name), "rb") as b:
            assert a.read() == b.read(), name
    assert os.path.isfile(ctx.man) and os.path.isfile(ctx.completion)


def check_installed_binary_runs(ctx):
    with open(os.path.join(ctx.srcdir, "CMakeLists.txt"), encoding="utf-8") as f:
        version = re.search(r"project\(relgraph VERSION ([0-9.]+)", f.read()).group(1)
    p = subprocess.run([ctx.installed, "--version"], capture_output=True, text=True)
    assert p.returncode == 0 and p.stdout == f"relgraph {version}\n", p.stdout
    p = subprocess.run([ctx.installed, "rules", "check", "--no-default-rules", "-q",
                        ctx.at("share", "relgraph", "rules")], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr


def check_man_page_renders_without_warnings(ctx):
    text, warnings = render_man(ctx.man)
    assert warnings == "", warnings
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "FILES",
                    "EXAMPLES"):
        assert re.search(rf"^{section}$", text, re.M), section
    head = text.split("\n")[0]
    assert head.startswith("RELGRAPH(1)"), head


def check_man_page_documents_every_command_and_option(ctx):
    text, _ = render_man(ctx.man)
    missing = []
    for command in ctx.commands:
        heading = "relgraph rules check" if command == "rules" else f"relgraph {command}"
        if not re.search(rf"^\s+{heading}\b", text, re.M):
            missing.append(heading)
        for option in ctx.options[command]:
            if f"--{option}" not in text:
                missing.append(f"{command} --{option}")
    assert not missing, missing
    for code in range(5):
        assert re.search(rf"^\s+{code}\s+\S", text, re.M), f"exit code {code}"


def check_completion_of_commands(ctx):
    assert complete(ctx, ["relgraph", ""]) == sorted(ctx.commands + ["--help", "--version"])
    assert complete(ctx, ["relgraph", "re"]) == ["report"]
    assert complete(ctx, ["relgraph", "rules", ""]) == ["check"]


def check_completion_of_every_option(ctx):
    missing = []
    for command in ctx.commands:
        words = ["relgraph", command] + (["check"] if command == "rules" else []) + ["--"]
        offered = complete(ctx, words)
        for option in ctx.options[command]:
            if f"--{option}" not in offered:
                missing.append(f"{command} --{option}")
        extra = [o for o in offered if o[2:] not in ctx.options[command]]
        assert not extra, (command, extra)
    assert not missing, missing
    assert complete(ctx, ["relgraph", "report", "g.json", "--max-"]) == [
        "--max-edges", "--max-evidence", "--max-nodes"]


def check_completion_of_values_and_files(ctx):
    assert complete(ctx, ["relgraph", "rank", "g.json", "--by", "p"]) == ["pagerank"]
    assert complete(ctx, ["relgraph", "neighbors", "g.json", "x", "--direction", ""]) == [
        "both", "in", "out"]
    assert complete(ctx, ["relgraph", "build", "-f", "g"]) == ["gexf", "graphml"]
    assert complete(ctx, ["relgraph", "report", "g.json", "-f", ""]) == ["html", "md"]
    assert complete(ctx, ["relgraph", "report", "g.json", "--top", ""]) == []
    assert complete(ctx, ["relgraph", "build", "-j", ""]) == []
    assert complete(ctx, ["relgraph", "edges", "g.json", "-r", ""]) == []
    files = os.path.join(ctx.tmp, "files")
    os.makedirs(os.path.join(files, "news"))
    for name in ("graph.json", "graph.graphml", "notes.txt"):
        open(os.path.join(files, name), "w").close()
    assert complete(ctx, ["relgraph", "stats", "gr"], cwd=files) == ["graph.graphml",
                                                                     "graph.json"]
    assert complete(ctx, ["relgraph", "report", "graph.json", "-o", "no"], cwd=files) == [
        "notes.txt"]
    assert "news" in complete(ctx, ["relgraph", "build", "--rules", "n"], cwd=files)


CHECKS = [check_installed_files, check_installed_binary_runs,
          check_man_page_renders_without_warnings,
          check_man_page_documents_every_command_and_option, check_completion_of_commands,
          check_completion_of_every_option, check_completion_of_values_and_files]

if __name__ == "__main__":
    for tool in ("cmake", "groff", "man", "bash"):
        if not shutil.which(tool):
            print(f"FAIL {tool} is not installed (scripts/install-deps.sh --test)")
            print("0 passed, 1 failed")
            sys.exit(1)
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-install-", Ctx,
                        CHECKS))
