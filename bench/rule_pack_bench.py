#!/usr/bin/python3
"""Times rule parsing and matcher compilation on a generated rule pack (docs/reliability.md).

Usage: /usr/bin/python3 bench/rule_pack_bench.py RELGRAPH_BINARY [ALIASES...]
  (default 100000 300000 1000000)

Writes a pack of ALIASES/4 entities, each with a Latin name and three random four-syllable
Hangul names, to a temporary folder, then runs `relgraph rules check PACK` (parse + validate)
and `relgraph build -r PACK` on one sentence (parse + compile the matcher and relations) under
/usr/bin/time and prints CPU seconds and peak memory of each.
"""

import os
import random
import subprocess
import sys
import tempfile


def write_pack(path, aliases):
    syllables = [chr(0xAC00 + i) for i in range(0, 11172, 7)]
    rng = random.Random(1)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(aliases // 4):
            names = [f"Corp{i:07d}"] + ["".join(rng.choice(syllables) for _ in range(4)) + str(i)
                                         for _ in range(3)]
            f.write(f"entity c-{i}\n  type: company\n  aliases: {' | '.join(names)}\n\n")


def measure(args):
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *args], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {p.stderr[-500:]}")
    user, system, kb = p.stderr.strip().splitlines()[-1].split()
    return float(user) + float(system), int(kb) / 1024


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    sizes = [int(a) for a in argv[2:]] or [100000, 300000, 1000000]
    with tempfile.TemporaryDirectory(prefix="relgraph-rule-bench-") as tmp:
        text = os.path.join(tmp, "in.txt")
        with open(text, "w", encoding="utf-8") as f:
            f.write("Corp0000001 invested in Corp0000002. 삼성전자는 엔비디아에 투자했다.\n")
        print(f"{'aliases':>9}  {'rules check':>20}  {'build one sentence':>20}")
        for n in sizes:
            pack = os.path.join(tmp, f"pack{n}.rules")
            write_pack(pack, n)
            check = measure([binary, "rules", "check", pack])
            build = measure([binary, "build", "-q", "-r", pack, text, "-o", os.path.join(tmp, "o.json")])
            print(f"{n:>9}  {check[0]:>8.2f} s {check[1]:>7.0f} MB  {build[0]:>8.2f} s {build[1]:>7.0f} MB",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
