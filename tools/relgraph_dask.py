#!/usr/bin/python3
"""relgraph_dask: run `relgraph build` over a Dask cluster and merge the parts.

    /usr/bin/python3 tools/relgraph_dask.py [options] INPUT... -o OUT

The inputs (files and folders, expanded exactly as `relgraph build` expands them) are split
into shards of contiguous files of about equal size, in sorted order, so the same inputs and
shard count always give the same shards. Each shard becomes one Dask task that runs
`relgraph build SHARD_FILES... -o part.json` on a worker; the driver then runs
`relgraph merge part_*.json -o OUT` locally. Merging is exact (nodes by entity id, evidence
united), so OUT is byte-identical to one `relgraph build INPUT... -o OUT`.

By default the file contents and the --rules files travel to the workers through Dask, and
the partial graphs come back the same way: workers need no shared file system, only the
relgraph binary (--worker-relgraph) at the same path on every worker machine. A worker writes
the shard into a private temporary directory under the same relative names, so the document
names in the graph (the paths as given) are the same as in a local build; this needs relative
INPUT paths. With --shared-fs the workers read INPUT and --rules paths themselves (every
worker must see them at the same path, relative to its working directory or absolute).

Without --scheduler a LocalCluster of --workers processes on 127.0.0.1 is started; with
--scheduler tcp://HOST:8786 the tasks go to a running cluster (`dask scheduler` and
`dask worker tcp://HOST:8786` on each machine).

Exit codes follow relgraph's: 0 ok, 1 rule errors, 2 bad command line, 3 an input or output
could not be read or written, 4 internal error (a worker or the cluster failed).
"""

import argparse
import os
import subprocess
import sys
import tempfile

EXIT_OK, EXIT_RULES, EXIT_USAGE, EXIT_IO, EXIT_INTERNAL = 0, 1, 2, 3, 4
MAX_FILES_PER_SHARD = 10000


class DriverError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.code = code


# --- Inputs and shards (pure, imported by the tests) -------------------------------------------


def expand_inputs(arguments):
    """Files named by INPUT arguments as `relgraph build` lists them (src/read/document.cpp):
    folders walked recursively with hidden entries skipped, the union sorted by path string."""
    files = set()
    for arg in arguments:
        if arg == "-":
            raise DriverError("stdin ('-') cannot be sharded; give files or folders", EXIT_USAGE)
        if os.path.isdir(arg):
            for root, dirs, names in os.walk(arg):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in names:
                    path = os.path.join(root, name)
                    if not name.startswith(".") and os.path.isfile(path):
                        files.add(path)
        elif os.path.exists(arg):
            files.add(arg)
        else:
            raise DriverError(f"no such file or directory: {arg}", EXIT_IO)
    # relgraph sorts std::strings bytewise; Python compares code points, the same order.
    return sorted(files)


def shard_files(files, sizes, shards):
    """Contiguous runs of `files` (in order) with about equal total size; at most `shards`
    runs, none empty. Deterministic: depends only on the list, the sizes and the count."""
    shards = max(1, min(shards, len(files)))
    total = sum(sizes)
    out, current, acc = [], [], 0
    for i, (path, size) in enumerate(zip(files, sizes)):
        current.append(path)
        acc += size
        remaining_files = len(files) - i - 1
        remaining_shards = shards - len(out) - 1
        boundary = total * (len(out) + 1) / shards
        if remaining_shards > 0 and (acc >= boundary or remaining_files == remaining_shards):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def rule_files(paths):
    """The files a --rules argument stands for: the file, or a folder's *.rules files."""
    found = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                for name in names:
                    if name.endswith(".rules"):
                        found.append(os.path.join(root, name))
        elif os.path.isfile(p):
            found.append(p)
        else:
            raise DriverError(f"no such rule file or folder: {p}", EXIT_IO)
    return sorted(found)


# --- The task run on a worker -------------------------------------------------------------------


def build_shard(binary, inputs, rules_args, shipped, build_flags):
    """Runs `relgraph build` on one shard and returns (exit code, graph JSON bytes, stderr).

    inputs: the INPUT paths as the driver names them. shipped: None (shared file system) or a
    list of (relative path, bytes) to recreate, with rules_args and inputs relative to it."""
    import os
    import subprocess
    import tempfile

    # The shard is written out and read once: in memory (/dev/shm) when it has room to spare.
    scratch = None
    if shipped is not None and os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize > 4 * sum(len(data) for _, data in shipped) + (64 << 20):
            scratch = "/dev/shm"
    with tempfile.TemporaryDirectory(prefix="relgraph-shard-", dir=scratch) as tmp:
        cwd = None
        if shipped is not None:
            # '..' at the start of a name climbs out of the working directory: put it deep
            # enough that every name lands inside tmp.
            depth = max([_leading_parents(name) for name, _ in shipped] + [0])
            cwd = os.path.join(tmp, "cwd", *(["d"] * depth))
            os.makedirs(cwd)
            made = set()
            for name, data in shipped:
                path = os.path.normpath(os.path.join(cwd, name))
                parent = os.path.dirname(path)
                if parent not in made:
                    os.makedirs(parent, exist_ok=True)
                    made.add(parent)
                with open(path, "wb") as f:
                    f.write(data)
        out = os.path.join(tmp, "part.json")
        cmd = [binary, "build", *build_flags, *rules_args, *inputs, "-o", out]
        try:
            proc = subprocess.run(cmd, cwd=cwd, capture_output=True)
        except OSError as exc:
            return EXIT_INTERNAL, b"", f"cannot run {binary}: {exc}".encode()
        if proc.returncode != 0:
            return proc.returncode, b"", proc.stderr
        with open(out, "rb") as f:
            return 0, f.read(), proc.stderr


def _leading_parents(name):
    parts = name.replace(os.sep, "/").split("/")
    depth, n = 0, 0
    for part in parts[:-1]:
        n += -1 if part == ".." else (0 if part in ("", ".") else 1)
        depth = max(depth, -n)
    return depth


# --- Driver ------------------------------------------------------------------------------------


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="relgraph_dask.py",
        description="Build a relgraph graph on a Dask cluster: one `relgraph build` per shard "
        "of the inputs, then `relgraph merge`.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (relative paths)")
    p.add_argument("-o", "--output", required=True, help="the merged graph (.json or .graphml)")
    p.add_argument("-f", "--format", help="output format of the merge: json or graphml")
    p.add_argument("--scheduler", help="address of a running scheduler, e.g. tcp://10.0.0.5:8786 "
                   "(default: start a LocalCluster)")
    p.add_argument("--workers", type=int, default=2,
                   help="worker processes of the LocalCluster (default: 2)")
    p.add_argument("--shards", type=int, default=0,
                   help="number of shards (default: 2 per worker thread of the cluster; "
                   "never more than files)")
    p.add_argument("--relgraph", default="relgraph",
                   help="relgraph binary for the merge on this machine (default: relgraph on PATH)")
    p.add_argument("--worker-relgraph",
                   help="relgraph binary on the workers (default: --relgraph, made absolute)")
    p.add_argument("-r", "--rules", action="append", default=[],
                   help="rule file or folder, passed to every build (repeatable)")
    p.add_argument("--no-default-rules", action="store_true", help="passed to every build")
    p.add_argument("--build-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for every `relgraph build` (repeatable), "
                   "e.g. --build-arg=-j2")
    p.add_argument("--shared-fs", action="store_true",
                   help="workers read the inputs and rules by path instead of receiving them")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return p.parse_args(argv)


def resolve_binary(name):
    if os.sep in name:
        return os.path.abspath(name)
    for d in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(d, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise DriverError(f"cannot find {name} on PATH (give --relgraph PATH)", EXIT_USAGE)


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise DriverError(f"cannot read {path}: {exc.strerror}", EXIT_IO)


def run(args):
    binary = resolve_binary(args.relgraph)
    worker_binary = args.worker_relgraph or binary
    files = expand_inputs(args.inputs)
    if not files:
        raise DriverError("no input files", EXIT_USAGE)
    if not args.shared_fs:
        absolute = [f for f in files + args.rules if os.path.isabs(f)]
        if absolute:
            raise DriverError(
                f"{absolute[0]}: absolute paths name the documents in the graph and cannot be "
                "recreated on the workers; give relative paths, or use --shared-fs", EXIT_USAGE)
    sizes = [os.path.getsize(f) for f in files]

    build_flags = list(args.build_arg) + (["--quiet"] if args.quiet else [])
    rules_args = [a for r in args.rules for a in ("--rules", r)]
    if args.no_default_rules:
        rules_args.append("--no-default-rules")
    shipped_rules = None
    if not args.shared_fs:
        shipped_rules = [(p, read_bytes(p)) for p in rule_files(args.rules)]

    from dask.distributed import Client, LocalCluster

    if __name__ != "__main__":  # imported: send build_shard by value, workers cannot import us
        import cloudpickle

        cloudpickle.register_pickle_by_value(sys.modules[__name__])

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=":0")
        client = Client(cluster)
    try:
        threads = sum(client.nthreads().values()) or args.workers
        # A shard's files are command-line arguments: keep them well under ARG_MAX.
        wanted = max(args.shards or 2 * threads, -(-len(files) // MAX_FILES_PER_SHARD))
        shards = shard_files(files, sizes, wanted)
        futures = []
        for k, shard in enumerate(shards):
            shipped = None
            if not args.shared_fs:
                # Scattered ahead: the scheduler passes a reference, not the bytes.
                payload = shipped_rules + [(p, read_bytes(p)) for p in shard]
                shipped = client.scatter([payload], hash=False)[0]
            futures.append(client.submit(build_shard, worker_binary, shard, rules_args, shipped,
                                         build_flags, key=f"relgraph-shard-{k}", pure=False))
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    with tempfile.TemporaryDirectory(prefix="relgraph-dask-") as tmp:
        parts = []
        for k, (code, graph, stderr) in enumerate(results):
            for line in stderr.decode("utf-8", "replace").splitlines(keepends=True):
                # The shard's summary line; the merged graph gets its own.
                if not (line.startswith("relgraph: ") and " document(s), " in line):
                    sys.stderr.write(line)
            if code != 0:
                raise DriverError(f"shard {k} ({len(shards[k])} file(s), first {shards[k][0]}): "
                                  f"relgraph build exited {code}", code)
            parts.append(os.path.join(tmp, f"part_{k:05d}.json"))
            with open(parts[-1], "wb") as f:
                f.write(graph)
        cmd = [binary, "merge", *parts, "-o", args.output, "--quiet"]
        if args.format:
            cmd += ["--format", args.format]
        proc = subprocess.run(cmd, capture_output=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
            raise DriverError(f"relgraph merge exited {proc.returncode}", proc.returncode)
    if not args.quiet:
        where = args.scheduler or f"a LocalCluster of {args.workers} worker(s)"
        print(f"relgraph_dask: {len(files)} file(s) in {len(shards)} shard(s) on {where} -> "
              f"{args.output}", file=sys.stderr)
    return EXIT_OK


def main(argv=None):
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse: --help gives 0, a bad command line 2
        return exc.code
    try:
        return run(args)
    except DriverError as exc:
        print(f"relgraph_dask: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"relgraph_dask: {exc}", file=sys.stderr)
        return EXIT_IO
    except Exception as exc:  # the cluster or a worker failed
        print(f"relgraph_dask: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
