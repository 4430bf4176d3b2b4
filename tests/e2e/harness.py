"""Shared runner of the end-to-end test scripts (not a test itself).

Each script defines check_* functions taking a context object; run_checks() parses the
command line (RELGRAPH_BINARY PROJECT_SOURCE_DIR), builds the context in a temporary
directory, runs every check, reports `ok`/`FAIL` lines and the closing `N passed, M failed`
line, and returns the exit status.
"""

import os
import sys
import tempfile
import traceback


def run_checks(argv, usage, prefix, make_context, checks):
    if len(argv) != 3:
        print(usage, file=sys.stderr)
        return 2
    binary, srcdir = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        context = make_context(binary, srcdir, tmp)
        for check in checks:
            name = check.__name__[len("check_"):]
            try:
                check(context)
            except Exception as exc:  # report every failure, go on with the rest
                failed += 1
                print(f"FAIL {name}: {type(exc).__name__}: {exc}")
                if not isinstance(exc, AssertionError):
                    traceback.print_exc(file=sys.stdout)
            else:
                passed += 1
                print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1
