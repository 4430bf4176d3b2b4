#!/usr/bin/python3
"""End-to-end extraction benchmark of `relgraph build` (see bench/README.md).

    /usr/bin/python3 bench/run.py [--mb 100] [--packs 1000,10000,100000] [-j N] [--no-log]

Builds the release binary, generates (once, cached under BUILD/bench-data) a rule pack of
invented entities per pack size and a Korean news-like corpus that mentions them, then for
each pack times `relgraph build --rules PACK CORPUS -o graph.json` (read, normalise, segment,
match, relate, graph, write) and `rg --count-matches -F -f ALIASES CORPUS` on the same files
with the same names, under /usr/bin/time -v: wall time, MB/s, documents/s and peak RSS, and the
ratio of the two, each from the fastest of --repeat runs in a row (3 by default: a busy moment
of the machine only ever adds time). Also times loading and compiling the largest pack. Prints a Markdown table
and appends it to bench/RESULTS.md (unless --no-log).

relgraph's compiled rule cache (packs of 1 MiB or more) lives in a folder of the run's own,
filled by an untimed one-sentence build with each pack before its timed build, so the timed
builds read the compiled rules as a user's second build does; the start-up line reports the
largest pack's one-sentence build without the cache (parse + compile) and with it.
"""

import argparse
import datetime
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mb", type=float, default=100, help="corpus size per pack in MB (10^6 bytes)")
    p.add_argument("--packs", default="1000,10000,100000", help="generated entities per pack")
    p.add_argument("-j", "--jobs", type=int, default=1,
                   help="threads: `relgraph build -j N` when it has -j, and `rg -j N`")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--one-file", action="store_true", help="the corpus as one big file")
    p.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                   help="a Release build directory (configured if missing)")
    p.add_argument("--data-dir", help="generated data (default: BUILD/bench-data)")
    p.add_argument("--build-arg", action="append", default=[], metavar="ARG",
                   help="extra argument for `relgraph build` (repeatable)")
    p.add_argument("--no-log", action="store_true", help="do not append to bench/RESULTS.md")
    p.add_argument("--note", default="", help="a note for the log entry")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs of each timed command; the fastest is reported (default 3)")
    return p.parse_args()


def ensure_tools():
    missing = [t for t in ("rg",) if shutil.which(t) is None]
    if not os.path.exists("/usr/bin/time"):
        missing.append("time")
    if missing:
        pkgs = ["ripgrep" if t == "rg" else t for t in missing]
        sys.exit(f"bench: missing {', '.join(missing)}: run `scripts/install-deps.sh --bench` "
                 f"(or apt-get install {' '.join(pkgs)})")


def build(build_dir):
    cache = os.path.join(build_dir, "CMakeCache.txt")
    if not os.path.exists(cache):
        sh(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"],
           stdout=subprocess.DEVNULL)
    text = open(cache, encoding="utf-8", errors="replace").read()
    build_type = re.search(r"^CMAKE_BUILD_TYPE:\w+=(.*)$", text, re.M)
    sanitize = re.search(r"^RELGRAPH_SANITIZE:\w+=(.*)$", text, re.M)
    if (build_type and build_type.group(1) != "Release") or (sanitize and sanitize.group(1) == "ON"):
        sys.exit(f"bench: {build_dir} is not a plain Release build; give --build-dir DIR for one")
    log(f"building relgraph and gen_bench_data in {build_dir}")
    jobs = str(min(os.cpu_count() or 1, 2))
    sh(["ninja", "-C", build_dir, "-j", jobs, "relgraph", "gen_bench_data"],
       stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "relgraph"), os.path.join(build_dir, "bench", "gen_bench_data")


def generator_stamp():
    """Changes whenever the generated data would: the generator, the starter pack, the
    example articles."""
    h = hashlib.sha1()
    paths = [os.path.join(ROOT, "bench", "gen_bench_data.cpp")]
    for d in ("rules", os.path.join("examples", "articles")):
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            paths.append(os.path.join(ROOT, d, name))
    for p in paths:
        h.update(p.encode())
        h.update(open(p, "rb").read())
    return h.hexdigest()[:10]


def cached(target, stamp, make):
    """Runs make() unless target exists with the same stamp."""
    stamp_file = target.rstrip("/") + ".stamp"
    if os.path.exists(target) and os.path.exists(stamp_file) and open(stamp_file).read() == stamp:
        return
    if os.path.isdir(target):
        shutil.rmtree(target)
    elif os.path.exists(target):
        os.remove(target)
    make()
    with open(stamp_file, "w") as f:
        f.write(stamp)


def generate(gen, data_dir, entities, mb, seed, one_file):
    stamp = generator_stamp()
    rules = os.path.join(ROOT, "rules")
    examples = os.path.join(ROOT, "examples", "articles")
    pack = os.path.join(data_dir, f"pack-{entities}-s{seed}.rules")
    aliases = os.path.join(data_dir, f"aliases-{entities}-s{seed}.txt")
    corpus = os.path.join(data_dir, f"corpus-{entities}-{mb:g}MB-s{seed}" + (".txt" if one_file else ""))
    cached(pack, stamp, lambda: sh([gen, "pack", "--entities", str(entities), "--seed", str(seed),
                                    "--starter", rules, "-o", pack]))
    cached(aliases, stamp, lambda: sh([gen, "aliases", rules, pack, "-o", aliases]))

    def make_corpus():
        log(f"generating {mb:g} MB for the {entities}-entity pack")
        cmd = [gen, "corpus", "--pack", pack, "--starter", rules, "--examples", examples,
               "--mb", str(mb), "--seed", str(seed), "-o", corpus]
        sh(cmd + (["--one-file"] if one_file else []))

    cached(corpus, stamp, make_corpus)
    return pack, aliases, corpus


def corpus_stats(corpus):
    if os.path.isfile(corpus):
        return os.path.getsize(corpus), 1
    size = files = 0
    for root, _, names in os.walk(corpus):
        for n in names:
            size += os.path.getsize(os.path.join(root, n))
            files += 1
    return size, files


# The environment of every relgraph run: main() points RELGRAPH_CACHE_DIR at the run's folder.
RELGRAPH_ENV = dict(os.environ)


def warm(corpus):
    """Reads the corpus once so both tools find it in the page cache."""
    paths = [corpus] if os.path.isfile(corpus) else [
        os.path.join(root, n) for root, _, names in os.walk(corpus) for n in names]
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 20):
                pass


def timed(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS in MiB, stderr text,
    exit code, stdout, CPU seconds: user + system)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", tf.name, *cmd], stdout=stdout,
                              stderr=subprocess.PIPE, env=RELGRAPH_ENV)
        report = tf.read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.*)", report).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", report).group(1))
              for k in ("User", "System"))
    return (seconds, rss_kb / 1024, proc.stderr.decode("utf-8", "replace"), proc.returncode,
            proc.stdout, cpu)


def best_of(runs, cmd, stdout=subprocess.DEVNULL):
    """timed(cmd) `runs` times; the run with the least wall time (the machine's noise only
    ever adds time)."""
    best = None
    for _ in range(max(1, runs)):
        result = timed(cmd, stdout)
        if result[3] not in (0, 1):
            return result
        if best is None or result[0] < best[0]:
            best = result
    return best


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    os_name = platform.system()
    try:
        os_name = re.search(r'PRETTY_NAME="(.*)"', open("/etc/os-release").read()).group(1)
    except (OSError, AttributeError):
        pass
    gxx = subprocess.run(["g++", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GB RAM, {os_name}, {gxx}"


def commit():
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--", "src", "CMakeLists.txt"],
                           capture_output=True, text=True).stdout.strip()
    return head + ("+dirty" if dirty else "")


def main():
    args = parse_args()
    ensure_tools()
    binary, gen = build(args.build_dir)
    data_dir = args.data_dir or os.path.join(args.build_dir, "bench-data")
    os.makedirs(data_dir, exist_ok=True)
    packs = [int(x) for x in args.packs.split(",") if x]

    help_text = subprocess.run([binary, "build", "--help"], capture_output=True, text=True).stdout
    has_jobs = re.search(r"(^|\s)-j,|--jobs\b", help_text) is not None
    build_flags = list(args.build_arg)
    if has_jobs:
        build_flags += ["-j", str(args.jobs)]
    elif args.jobs != 1:
        log("this relgraph has no -j: it runs single-threaded")
    rg_version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]

    has_cache = "--no-rules-cache" in help_text
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    rows = []
    out_dir = tempfile.mkdtemp(prefix="relgraph-bench-")
    RELGRAPH_ENV["RELGRAPH_CACHE_DIR"] = os.path.join(out_dir, "rule-cache")
    RELGRAPH_ENV.pop("RELGRAPH_NO_RULES_CACHE", None)
    one = os.path.join(out_dir, "one.txt")
    with open(one, "w", encoding="utf-8") as f:
        f.write("삼성전자는 엔비디아와 협력한다고 밝혔다.\n")
    try:
        for entities in packs:
            pack, aliases, corpus = generate(gen, data_dir, entities, args.mb, args.seed,
                                             args.one_file)
            size, files = corpus_stats(corpus)
            n_aliases = sum(1 for _ in open(aliases, encoding="utf-8"))
            warm(corpus)
            if has_cache:  # compiles the pack into the rule cache (untimed)
                timed([binary, "build", "--rules", pack, one, "-o", os.path.join(out_dir, "one.json")])
            log(f"relgraph build, {entities}-entity pack, {size / 1e6:.0f} MB in {files} file(s)")
            graph = os.path.join(out_dir, "graph.json")
            secs, rss, err, code, _, cpu = best_of(args.repeat, [binary, "build", *build_flags,
                                                                "--rules", pack, corpus, "-o", graph])
            if code != 0:
                sys.exit(f"bench: relgraph build failed ({code}):\n{err[-2000:]}")
            summary = re.search(r"(\d+) document\(s\), (\d+) node\(s\), (\d+) edge\(s\)", err)
            docs, nodes, edges = (int(x) for x in summary.groups())
            log("rg --count-matches -F -f ALIASES")
            rg_secs, rg_rss, rg_err, rg_code, rg_out, rg_cpu = best_of(
                args.repeat, ["rg", "--count-matches", "--no-filename" if os.path.isfile(corpus) else "--no-messages",
                 "-j", str(args.jobs), "-F", "-f", aliases, corpus], stdout=subprocess.PIPE)
            if rg_code not in (0, 1):
                sys.exit(f"bench: rg failed ({rg_code}):\n{rg_err[-2000:]}")
            matches = sum(int(line.rsplit(":", 1)[-1]) for line in rg_out.decode().splitlines() if line)
            rows.append(dict(entities=entities, aliases=n_aliases, size=size, files=files, docs=docs,
                             nodes=nodes, edges=edges, secs=secs, rss=rss, rg_secs=rg_secs, cpu=cpu, rg_cpu=rg_cpu,
                             rg_rss=rg_rss, matches=matches))
            log(f"  relgraph {secs:.2f} s ({size / 1e6 / secs:.2f} MB/s, {rss:.0f} MiB), "
                f"rg {rg_secs:.2f} s ({rg_rss:.0f} MiB)")

        # Loading the largest pack: parse + validate (rules check), and a build of one sentence
        # (parse, validate, compile the matcher and extractor, write an empty-ish graph).
        biggest = max(packs)
        pack = os.path.join(data_dir, f"pack-{biggest}-s{args.seed}.rules")
        check = best_of(args.repeat, [binary, "rules", "check", "--quiet", pack])
        load = best_of(args.repeat, [binary, "build", *build_flags,
                                     *(["--no-rules-cache"] if has_cache else []), "--rules", pack,
                                     one, "-o", os.path.join(out_dir, "one.json")])
        if has_cache:
            timed([binary, "build", "--rules", pack, one, "-o", os.path.join(out_dir, "one.json")])
            load_cached = best_of(args.repeat, [binary, "build", *build_flags, "--rules", pack, one,
                                                "-o", os.path.join(out_dir, "one.json")])
        starter = best_of(args.repeat, [binary, "build", one, "-o", os.path.join(out_dir, "one.json")])
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    jobs_note = f"-j {args.jobs}" if has_jobs else "single-threaded (no -j yet)"
    lines = [
        f"## {now} · commit {commit()} · {args.mb:g} MB per pack{' · ' + args.note if args.note else ''}",
        "",
        f"Machine: {machine()}. relgraph {jobs_note}"
        + (", compiled rule cache warm" if has_cache else "")
        + (f" {' '.join(args.build_arg)}" if args.build_arg else "")
        + f"; {rg_version}, `rg -j {args.jobs}`. Corpus: {'one file' if args.one_file else 'one article per file'}, seed {args.seed}. "
        + f"Each time the fastest of {args.repeat} run(s).",
        "",
        "| pack (generated + starter) | aliases | corpus | docs | nodes / edges | relgraph wall (CPU) | MB/s | docs/s | peak RSS | rg wall (CPU) | rg MB/s | rg RSS | rg matches | relgraph / rg wall (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        mb = r["size"] / 1e6
        lines.append(
            f"| {r['entities']:,} | {r['aliases']:,} | {mb:.1f} MB | {r['docs']:,} | "
            f"{r['nodes']:,} / {r['edges']:,} | {r['secs']:.2f} s ({r['cpu']:.2f} s) | "
            f"{mb / r['secs']:.2f} | {r['docs'] / r['secs']:.0f} | {r['rss']:.0f} MiB | "
            f"{r['rg_secs']:.2f} s ({r['rg_cpu']:.2f} s) | {mb / r['rg_secs']:.1f} | "
            f"{r['rg_rss']:.0f} MiB | {r['matches']:,} | {r['secs'] / r['rg_secs']:.1f}× "
            f"({r['cpu'] / max(r['rg_cpu'], 0.01):.1f}×) |")
    lines += [
        "",
        f"Rules, {biggest:,}-entity pack (wall, CPU, peak RSS): `rules check` {check[0]:.2f} s, "
        f"{check[5]:.2f} s, {check[1]:.0f} MiB; build of one sentence {load[0]:.2f} s, "
        f"{load[5]:.2f} s, {load[1]:.0f} MiB"
        + (f" (compiled rule cache: {load_cached[0]:.2f} s, {load_cached[5]:.2f} s, "
           f"{load_cached[1]:.0f} MiB)" if has_cache else "")
        + "; the same with the starter pack only "
        f"{starter[0]:.2f} s, {starter[5]:.2f} s, {starter[1]:.0f} MiB. "
        f"Load average before the run: {load_before}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_log:
        results = os.path.join(ROOT, "bench", "RESULTS.md")
        if not os.path.exists(results):
            with open(results, "w", encoding="utf-8") as f:
                f.write("# Extraction benchmark log\n\nAppended by `bench/run.py` (see "
                        "bench/README.md); newest last. `relgraph / rg` is the ratio of wall "
                        "times, in brackets of CPU times (user + system: steadier on a busy "
                        "machine). MB are 10^6 bytes.\n\n")
        with open(results, "a", encoding="utf-8") as f:
            f.write(text + "\n")
        log(f"appended to {results}")


if __name__ == "__main__":
    main()
