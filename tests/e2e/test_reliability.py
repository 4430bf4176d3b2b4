#!/usr/bin/python3
"""End-to-end: relgraph never writes a broken file and never loses the previous output.

Usage: /usr/bin/python3 tests/e2e/test_reliability.py RELGRAPH_BINARY PROJECT_SOURCE_DIR

Starts builds on a large generated input and interrupts them (SIGINT, SIGTERM, SIGKILL) at
several moments, fills the disk (a file size limit, and a small tmpfs when it can be mounted),
writes to a full stdout, a device, a symlink; checks exit codes, the one-line messages, that
the previous output is byte-identical and that no temporary file is left behind (docs/
reliability.md lists the faults). Prints one line per check and "N passed, M failed".
"""

import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402  (the shared runner beside this file)

TEMP_MARK = ".tmp-relgraph"

# Sentences written for this test; the entities come from the generated rule file below.
SENTENCES = [
    "{a}는 {b}에 {n}억 달러를 투자했다.",
    "{a}와 {b}는 데이터센터를 함께 짓기 위해 손을 잡았다고 밝혔다.",
    "{a} said on Monday it would invest ${n} million in {b}.",
    "{a} and {b} announced a partnership to build chips.",
]


class Context:
    def __init__(self, binary, srcdir, tmp):
        self.binary = binary
        self.srcdir = srcdir
        self.tmp = tmp
        self.rules = os.path.join(tmp, "many.rules")
        self.big = os.path.join(tmp, "big")
        self.small = os.path.join(srcdir, "tests", "fixtures", "articles")
        write_big_input(self.rules, self.big)
        self.reference = os.path.join(tmp, "reference.json")
        start = time.monotonic()
        p = self.run("build", "-q", "-r", self.rules, self.big, "-o", self.reference)
        self.big_seconds = time.monotonic() - start
        assert p.returncode == 0, p.stderr
        with open(self.reference, "rb") as f:
            self.reference_bytes = f.read()
        print(f"     (big input: {self.big_seconds:.2f}s, {len(self.reference_bytes)} bytes of JSON)")

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def run(self, *args, **kwargs):
        return subprocess.run([self.binary, *args], cwd=self.srcdir, capture_output=True,
                              text=True, timeout=600, **kwargs)

    def start_big_build(self, out, *extra, stdin=None):
        return subprocess.Popen([self.binary, "build", "-q", "-r", self.rules, self.big, *extra,
                                 "-o", out], cwd=self.srcdir, stdin=stdin,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def previous_output(self, name, *args):
        """A small good output at `name`; returns its path and bytes."""
        out = self.path(name)
        p = self.run("build", "-q", self.small, "-o", out, *args)
        assert p.returncode == 0, p.stderr
        with open(out, "rb") as f:
            return out, f.read()


def write_big_input(rules_path, folder):
    """800 companies and 400 articles naming them (several MB of text, a large graph)."""
    names = [(f"test-co-{i}", f"테스트기업{i:04d}", f"Testco{i:04d}") for i in range(800)]
    with open(rules_path, "w", encoding="utf-8") as f:
        for ident, ko, en in names:
            f.write(f"entity {ident}\n  type: company\n  aliases: {ko} | {en}\n\n")
    os.makedirs(folder)
    for doc in range(400):
        lines = []
        for k in range(60):
            i = (doc * 61 + k * 7) % len(names)
            j = (doc * 13 + k * 29 + 1) % len(names)
            if i == j:
                j = (j + 1) % len(names)
            template = SENTENCES[(doc + k) % len(SENTENCES)]
            script = 2 if "said" in template or "announced" in template else 1
            lines.append(template.format(a=names[i][script], b=names[j][script], n=k + 1))
        with open(os.path.join(folder, f"doc{doc:03d}.txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")


def temporaries(folder):
    return sorted(n for n in os.listdir(folder) if TEMP_MARK in n)


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def interrupt(c, sig, delay, out, hold_stdin=False):
    """Starts a build of the big input, sends `sig` after `delay` seconds; returns (exit, stderr).
    With hold_stdin, stdin ('-') is read after the big input and never closed, so the run cannot
    finish before the signal."""
    if hold_stdin:
        p = c.start_big_build(out, "-", stdin=subprocess.PIPE)
    else:
        p = c.start_big_build(out)
    time.sleep(delay)
    p.send_signal(sig)
    try:
        _, err = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise AssertionError(f"signal {sig} after {delay}s: relgraph did not stop within 20s")
    return p.returncode, err


# ---- checks ----


def check_sigint_and_sigterm_stop_promptly_and_keep_the_previous_output(c):
    for sig, code in ((signal.SIGINT, 130), (signal.SIGTERM, 143)):
        folder = c.path(f"sig{code}")
        os.makedirs(folder)
        out, before = c.previous_output(os.path.join(folder, "graph.json"))
        rc, err = interrupt(c, sig, 0.5, out, hold_stdin=True)
        assert rc == code, (sig, rc, err)
        assert err == "relgraph: interrupted\n", repr(err)
        assert read_bytes(out) == before, "the previous output changed"
        assert temporaries(folder) == [], temporaries(folder)


def check_signals_at_any_moment_give_old_or_new_output(c):
    # Spread over the whole run, write phase included: the output is always either the
    # previous file or the complete new one, and no temporary file is left.
    folder = c.path("anytime")
    os.makedirs(folder)
    out, before = c.previous_output(os.path.join(folder, "graph.json"))
    outcomes = {}
    for k in range(10):
        delay = c.big_seconds * (0.3 + 0.08 * k)
        sig = signal.SIGTERM if k % 2 else signal.SIGINT
        with open(out, "wb") as f:  # the previous output, again
            f.write(before)
        rc, err = interrupt(c, sig, delay, out)
        data = read_bytes(out)
        if rc == 0:
            assert data == c.reference_bytes, "a finished run wrote something else"
            assert err == "", repr(err)
        else:
            assert rc == 128 + sig, (rc, err)
            assert err == "relgraph: interrupted\n", repr(err)
            assert data == before, f"interrupted after {delay:.2f}s: the previous output changed"
        assert temporaries(folder) == [], (delay, temporaries(folder))
        outcomes[rc] = outcomes.get(rc, 0) + 1
    assert set(outcomes) - {0} != set(), outcomes  # some runs were interrupted
    print(f"     (exit codes over 10 runs: {outcomes})")


def check_signal_while_reading_stdin(c):
    # Waiting for input on stdin: still stops at once.
    out, before = c.previous_output("stdin.json")
    p = subprocess.Popen([c.binary, "build", "-", "-o", out], cwd=c.srcdir,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    p.stdin.write("삼성전자는 엔비디아에 투자했다.\n")
    p.stdin.flush()
    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    try:
        _, err = p.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        raise AssertionError("relgraph did not stop while reading stdin")
    assert p.returncode == 130, (p.returncode, err)
    assert err == "relgraph: interrupted\n", repr(err)
    assert read_bytes(out) == before


def check_sigkill_keeps_the_previous_output_and_the_next_run_cleans_up(c):
    folder = c.path("killed")
    os.makedirs(folder)
    out, before = c.previous_output(os.path.join(folder, "graph.json"))
    stray = 0
    for k in range(6):
        p = c.start_big_build(out)
        time.sleep(c.big_seconds * (0.5 + 0.12 * k))
        p.kill()
        p.communicate()
        data = read_bytes(out)
        # Killed before the rename: the previous output; after it: the complete new one.
        assert p.returncode in (0, -signal.SIGKILL), p.returncode
        assert data in (before, c.reference_bytes), "SIGKILL left a broken output"
        with open(out, "wb") as f:
            f.write(before)
        stray += len(temporaries(folder))
    # A killed run's temporary file (a dead process id) is removed by the next run; a live
    # process's one is left alone.
    dead = subprocess.Popen(["true"])
    dead.wait()
    for pid in (dead.pid, os.getpid()):
        with open(os.path.join(folder, f".graph.json{TEMP_MARK}-{pid}"), "w") as f:
            f.write("partial")
    p = c.run("build", "-q", c.small, "-o", out)
    assert p.returncode == 0, p.stderr
    assert temporaries(folder) == [f".graph.json{TEMP_MARK}-{os.getpid()}"], temporaries(folder)
    assert read_bytes(out) == before
    print(f"     ({stray} stray temporary file(s) seen after SIGKILL)")


def limit_file_size(limit):
    def apply():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def check_file_size_limit_is_a_clean_write_error(c):
    # RLIMIT_FSIZE (ulimit -f): write() fails with EFBIG once the file reaches the limit.
    assert len(c.reference_bytes) > 200000
    folder = c.path("efbig")
    os.makedirs(folder)
    out = os.path.join(folder, "graph.json")
    with open(out, "wb") as f:
        f.write(b'{"previous": true}\n')
    # The evidence kept in memory, not in the build's temporary spill file (which the limit
    # would stop first): the limit is met by the output.
    in_memory = dict(os.environ, RELGRAPH_SPILL_MEMORY="1G")
    p = c.run("build", "-q", "-r", c.rules, c.big, "-o", out, preexec_fn=limit_file_size(100000),
              env=in_memory)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr == f"relgraph: cannot write {out}: File too large\n", repr(p.stderr)
    assert read_bytes(out) == b'{"previous": true}\n'
    assert temporaries(folder) == []
    # The spill file (all of it on disk) meets the limit: the same clean error, naming it.
    on_disk = dict(os.environ, RELGRAPH_SPILL_MEMORY="0", TMPDIR=folder)
    p = c.run("build", "-q", "-r", c.rules, c.big, "-o", out, preexec_fn=limit_file_size(100000),
              env=on_disk)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr == f"relgraph: cannot write a temporary file in {folder}: File too large\n", \
        repr(p.stderr)
    assert read_bytes(out) == b'{"previous": true}\n'
    assert os.listdir(folder) == ["graph.json"], os.listdir(folder)
    # Neo4j's two files: neither is replaced.
    prefix = os.path.join(folder, "neo")
    for part in ("_nodes.csv", "_edges.csv"):
        with open(prefix + part, "w") as f:
            f.write("previous\n")
    p = c.run("build", "-q", "-r", c.rules, c.big, "-f", "neo4j", "-o", prefix,
              preexec_fn=limit_file_size(100000), env=in_memory)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr.startswith(f"relgraph: cannot write {prefix}_") and \
        p.stderr.endswith(": File too large\n") and p.stderr.count("\n") == 1, repr(p.stderr)
    for part in ("_nodes.csv", "_edges.csv"):
        assert read_bytes(prefix + part) == b"previous\n", part
    assert temporaries(folder) == []


def check_full_disk_on_a_small_tmpfs(c):
    if os.geteuid() != 0 or not shutil.which("mount"):
        print("     (skipped: not root, cannot mount a tmpfs)")
        return
    folder = c.path("tmpfs")
    os.makedirs(folder)
    m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder],
                       capture_output=True, text=True)
    if m.returncode != 0:
        print(f"     (skipped: mount failed: {m.stderr.strip()})")
        return
    try:
        out, before = c.previous_output(os.path.join(folder, "graph.json"))
        p = c.run("build", "-q", "-r", c.rules, c.big, "-o", out)
        assert p.returncode == 3, (p.returncode, p.stderr)
        assert p.stderr == f"relgraph: cannot write {out}: No space left on device\n", \
            repr(p.stderr)
        assert read_bytes(out) == before
        assert temporaries(folder) == []
    finally:
        subprocess.run(["umount", folder], check=False)


def check_full_stdout(c):
    with open("/dev/full", "w") as full:
        p = subprocess.run([c.binary, "build", "-q", c.small, "-o", "-"], cwd=c.srcdir,
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr == "relgraph: cannot write <stdout>: No space left on device\n", \
        repr(p.stderr)
    with open("/dev/full", "w") as full:  # a query printing a table
        p = subprocess.run([c.binary, "stats", c.reference], cwd=c.srcdir, stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert p.stderr.startswith("relgraph: cannot write <stdout>"), repr(p.stderr)


def check_devices_are_written_in_place(c):
    # A device is written to, not replaced by a regular file (which root could do: something
    # on the development machine did turn /dev/null into a file, so /dev/zero is tried too).
    devices = [d for d in ("/dev/null", "/dev/zero") if stat.S_ISCHR(os.stat(d).st_mode)]
    assert devices, "neither /dev/null nor /dev/zero is a device before the test"
    for device in devices:
        p = c.run("build", "-q", c.small, "-f", "json", "-o", device)
        assert p.returncode == 0, p.stderr
        assert stat.S_ISCHR(os.stat(device).st_mode), f"{device} was replaced"
    fifo = c.path("pipe")
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
    p = c.run("build", "-q", c.small, "-f", "json", "-o", fifo)
    got, _ = reader.communicate(timeout=60)
    assert p.returncode == 0, p.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got)["links"], got[:200]


def check_permissions_and_symlinks_are_kept(c):
    out, _ = c.previous_output("mode.json")
    os.chmod(out, 0o640)
    p = c.run("build", "-q", c.small, "-o", out)
    assert p.returncode == 0, p.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640, oct(os.stat(out).st_mode)
    link = c.path("link.json")
    os.symlink(out, link)
    with open(out, "w") as f:
        f.write("{}")
    p = c.run("build", "-q", c.small, "-o", link)
    assert p.returncode == 0, p.stderr
    assert os.path.islink(link), "the symlink was replaced by a file"
    assert json.loads(read_bytes(out))["links"], "the link's target was not written"


def check_ten_thousand_mentions_in_one_sentence(c):
    # 10,000 names joined by '·' before one founding trigger would pair them all (50 million
    # pairs, hundreds of MB of evidence): sentences are cut at 4 KB and a sentence giving more
    # than 256 facts gives none. A generous time limit guards against hangs; no timing is asserted.
    rules = c.path("short.rules")
    with open(rules, "w", encoding="utf-8") as f:
        for i in range(1000):
            f.write(f"entity s-{i}\n  type: company\n  aliases: Q{i:03d}\n\n")
    names = [f"Q{i % 1000:03d}" for i in range(10000)]
    sentences = {
        "dots.txt": "·".join(names) + "는 합작사를 설립하고 서로 투자했다.\n",
        "and.txt": ", ".join(names[:-1]) + " and " + names[-1] + " formed a joint venture.\n",
        "chain.txt": " ".join(f"{names[i]}는 {names[i + 1]}와 손잡고 투자했고"
                             for i in range(0, len(names), 2)) + " 끝났다.\n",
    }
    for name, text in sentences.items():
        inp = c.path(name)
        with open(inp, "w", encoding="utf-8") as f:
            f.write(text if name == "chain.txt" else text * 5)  # several such sentences
        out = c.path(name + ".json")
        p = subprocess.run([c.binary, "build", "-q", "-r", rules, inp, "-o", out], cwd=c.srcdir,
                           capture_output=True, text=True, timeout=300)
        assert p.returncode == 0, (name, p.returncode, p.stderr)
        size = os.path.getsize(out)
        # Output linear in the input, not in the pairs: at most 256 facts per sentence of at
        # most 4 KB, each with the sentence as evidence (before the bound: 5000 times the input).
        ratio = size / os.path.getsize(inp)
        assert ratio < 300, (name, size, os.path.getsize(inp))
        json.loads(read_bytes(out))
        print(f"     ({name}: {os.path.getsize(inp)} bytes in, {size} out)")


CHECKS = [
    check_sigint_and_sigterm_stop_promptly_and_keep_the_previous_output,
    check_signals_at_any_moment_give_old_or_new_output,
    check_signal_while_reading_stdin,
    check_sigkill_keeps_the_previous_output_and_the_next_run_cleans_up,
    check_file_size_limit_is_a_clean_write_error,
    check_full_disk_on_a_small_tmpfs,
    check_full_stdout,
    check_devices_are_written_in_place,
    check_permissions_and_symlinks_are_kept,
    check_ten_thousand_mentions_in_one_sentence,
]


if __name__ == "__main__":
    sys.exit(run_checks(sys.argv, __doc__.strip().splitlines()[2], "relgraph-reliability-",
                        Context, CHECKS))
