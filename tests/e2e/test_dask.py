"""End-to-end test of tools/relgraph_dask.py: the graph built on a Dask cluster (two worker
processes on 127.0.0.1) is byte-identical to one `relgraph build` of the same inputs.

Usage: /usr/bin/python3 test_dask.py RELGRAPH_BINARY SOURCE_DIR
Needs Debian's python3-distributed (scripts/install-deps.sh --test).
"""

import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import run_checks  # noqa: E402

PYTHON = "/usr/bin/python3"

# A few more documents, written for this test: a folder in a folder, an English one, one with
# no entity, an empty file (skipped with a warning) and a hidden file (never read).
EXTRA = {
    "extra/a/ko_101.txt": "넥슨은 엔씨소프트와 손잡고 게임 인공지능을 공동 개발한다고 밝혔다.\n\n"
    "크래프톤은 엔비디아에 500억원을 투자했다.\n",
    "extra/a/ko_102.txt": "일론 머스크는 \"오픈AI는 비영리 약속을 저버렸다\"며 오픈AI를 비판했다.\n",
    "extra/b/en_101.txt": "Samsung Electronics said it will invest $2 billion in Rebellions.\n"
    "Naver and Samsung Electronics signed a partnership on AI chips.\n",
    "extra/b/ko_103.txt": "서울 낮 최고기온은 31도까지 오르겠다. 비는 오후에 그친다.\n",
    "extra/b/empty.txt": "",
    "extra/.hidden.txt": "삼성전자는 인텔에 투자했다.\n",
    "extra/ko_104.txt": "현대차와 기아는 미국 조지아주 공장에 8조원을 추가 투입한다. "
    "SK하이닉스는 엔비디아에 HBM을 공급하는 계약을 맺었다.\n",
}


class Context:
    def __init__(self, binary, srcdir, tmp):
        self.binary, self.srcdir, self.tmp = binary, srcdir, tmp
        self.driver = os.path.join(srcdir, "tools", "relgraph_dask.py")
        # Inputs live in tmp and are named relatively, as a user in that folder would.
        shutil.copytree(os.path.join(srcdir, "examples", "articles"), os.path.join(tmp, "articles"))
        shutil.copytree(os.path.join(srcdir, "examples", "rules"), os.path.join(tmp, "myrules"))
        for name, text in EXTRA.items():
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        self.inputs = ["articles", "extra"]
        from dask.distributed import LocalCluster

        self.cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                    host="127.0.0.1", dashboard_address=":0")

    def run(self, cmd, check=True):
        proc = subprocess.run(cmd, cwd=self.tmp, capture_output=True, text=True, timeout=300)
        if check and proc.returncode != 0:
            raise AssertionError(f"{cmd} exited {proc.returncode}:\n{proc.stderr}")
        return proc

    def build(self, out, *extra):
        self.run([self.binary, "build", "--quiet", *extra, *self.inputs, "-o", out])
        return self.read(out)

    def dask(self, out, *extra, check=True):
        return self.run([PYTHON, self.driver, "--relgraph", self.binary, *extra, *self.inputs,
                         "-o", out], check=check)

    def read(self, name):
        with open(os.path.join(self.tmp, name), "rb") as f:
            return f.read()


def check_matches_single_build_on_a_running_scheduler(ctx):
    expected = ctx.build("single.json")
    proc = ctx.dask("dask.json", "--scheduler", ctx.cluster.scheduler_address, "--shards", "5")
    assert ctx.read("dask.json") == expected, "the merged graph differs from one build"
    assert "14 file(s) in 5 shard(s)" in proc.stderr, proc.stderr
    # The shards' warnings reach the user, their summary lines do not.
    assert "extra/b/empty.txt" in proc.stderr and "empty file skipped" in proc.stderr, proc.stderr
    assert "document(s)" not in proc.stderr, proc.stderr
    # A real graph: the generated documents' edges are in it.
    assert b'"source": "nexon"' in expected or b'"nexon"' in expected, "no edge from the extras"


def check_rules_and_build_flags_travel_to_the_workers(ctx):
    expected = ctx.build("single_rules.graphml", "--rules", "myrules")
    assert b"hanul-ai-infra" in expected, "the example rules were not used"
    ctx.dask("dask_rules.graphml", "--scheduler", ctx.cluster.scheduler_address, "--rules",
             "myrules", "--build-arg=--quiet")
    assert ctx.read("dask_rules.graphml") == expected


def check_default_local_cluster_and_one_shard_per_file(ctx):
    expected = ctx.read("single.json") if os.path.exists(os.path.join(ctx.tmp, "single.json")) \
        else ctx.build("single.json")
    proc = ctx.dask("local.json", "--workers", "2", "--shards", "100")
    assert ctx.read("local.json") == expected
    assert "in 14 shard(s) on a LocalCluster of 2 worker(s)" in proc.stderr, proc.stderr


def check_shared_filesystem_mode(ctx):
    # The workers read the files themselves, from their own working directory (here the
    # test's, not ctx.tmp): give absolute paths and compare with a build of the same paths.
    absolute = [os.path.join(ctx.tmp, i) for i in ctx.inputs]
    ctx.run([ctx.binary, "build", "--quiet", *absolute, "-o", "single_abs.json"])
    ctx.run([PYTHON, ctx.driver, "--relgraph", ctx.binary, "--scheduler",
             ctx.cluster.scheduler_address, "--shared-fs", *absolute, "-o", "fs_abs.json"])
    assert ctx.read("fs_abs.json") == ctx.read("single_abs.json")
    assert ctx.tmp.encode() in ctx.read("fs_abs.json"), "documents should be named absolutely"


def check_errors_are_reported_with_relgraph_exit_codes(ctx):
    addr = ctx.cluster.scheduler_address
    # A rule error on the workers: exit 1 and the diagnostic shown.
    with open(os.path.join(ctx.tmp, "bad.rules"), "w", encoding="utf-8") as f:
        f.write("entity x\n  type: nosuchtype\n")
    proc = ctx.dask("bad.json", "--scheduler", addr, "--rules", "bad.rules", check=False)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "bad.rules:1:8: error" in proc.stderr, proc.stderr
    assert not os.path.exists(os.path.join(ctx.tmp, "bad.json"))
    # A missing input: 3; an absolute path without --shared-fs, stdin: 2.
    proc = ctx.dask("x.json", "--scheduler", addr, "nosuchdir", check=False)
    assert proc.returncode == 3 and "nosuchdir" in proc.stderr, (proc.returncode, proc.stderr)
    proc = ctx.run([PYTHON, ctx.driver, "--relgraph", ctx.binary, "--scheduler", addr,
                    os.path.join(ctx.tmp, "articles"), "-o", "x.json"], check=False)
    assert proc.returncode == 2 and "--shared-fs" in proc.stderr, (proc.returncode, proc.stderr)
    proc = ctx.dask("x.json", "-", check=False)
    assert proc.returncode == 2 and "stdin" in proc.stderr, (proc.returncode, proc.stderr)
    # A worker binary that does not exist: 4, naming it.
    proc = ctx.dask("x.json", "--scheduler", addr, "--worker-relgraph", "/nonexistent/relgraph",
                    check=False)
    assert proc.returncode == 4 and "/nonexistent/relgraph" in proc.stderr, (proc.returncode,
                                                                              proc.stderr)


def check_sharding_is_deterministic_and_balanced(ctx):
    sys.path.insert(0, os.path.join(ctx.srcdir, "tools"))
    import relgraph_dask as rd

    files = [f"f{i:02d}" for i in range(10)]
    sizes = [100, 100, 100, 100, 100, 1000, 100, 100, 100, 100]
    shards = rd.shard_files(files, sizes, 3)
    assert shards == rd.shard_files(files, sizes, 3)
    assert [f for s in shards for f in s] == files, shards
    assert len(shards) == 3 and all(shards), shards
    assert rd.shard_files(files[:2], sizes[:2], 8) == [["f00"], ["f01"]]
    assert rd.shard_files(files, sizes, 1) == [files]
    # Expansion is relgraph's: sorted, hidden files skipped, folders walked.
    old = os.getcwd()
    os.chdir(ctx.tmp)
    try:
        listed = rd.expand_inputs(["extra", "articles/ko_01_samsung_texas_ai_fab.txt"])
    finally:
        os.chdir(old)
    assert listed == sorted(listed) and "extra/.hidden.txt" not in listed, listed
    assert "extra/a/ko_101.txt" in listed and "extra/b/empty.txt" in listed, listed
    assert rd._leading_parents("../../a/b.txt") == 2 and rd._leading_parents("a/../b") == 0


CONTEXTS = []


def make_context(binary, srcdir, tmp):
    CONTEXTS.append(Context(binary, srcdir, tmp))
    return CONTEXTS[-1]


def main():
    status = run_checks(
        sys.argv, "usage: test_dask.py RELGRAPH_BINARY SOURCE_DIR", "relgraph-dask-test-",
        make_context,
        [check_matches_single_build_on_a_running_scheduler,
         check_rules_and_build_flags_travel_to_the_workers,
         check_default_local_cluster_and_one_shard_per_file,
         check_shared_filesystem_mode,
         check_errors_are_reported_with_relgraph_exit_codes,
         check_sharding_is_deterministic_and_balanced])
    for ctx in CONTEXTS:
        ctx.cluster.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
