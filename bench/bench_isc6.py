#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISC source reading dhcpd -6 files against dhcpd-pools (which reads them too).

Usage: bench/bench_isc6.py [DIR] [--build DIR] [--pairs N] [--pd-every N]

DIR holds (or receives) dhcpd6.conf, dhcpd6.leases and expected.txt from
bench/gen_isc6.py with its default sizes (4,000 subnet6, 250 clients each, two
rounds: about 2.5 million ia-na and ia-pd blocks, 600 MB); --pd-every 0 makes
a workload without prefix delegation (1.7 million ia-na blocks, 400 MB), the
one where dhcpd-pools and the plugin count the same leases. Without DIR a
temporary directory is used and removed afterwards.

As bench/bench_isc.py does for IPv4: both files are read once to warm the page
cache, then `check_dhcp_scope --source isc` (A) and `dhcpd-pools` (B) run in
pairs, A B A B ..., PAIRS times; each pair's ratio (B's wall time over A's),
the median ratio, each program's best and median wall time and peak RSS are
printed. Then isc_dump's scopes are compared with the generator's truth
(tests/integration/isc6_compare.py). Exit status: 0 when the counts agree, 1
when they do not or a run failed. It is not a CTest test: the workload is too
big for CI.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "bench"))
from bench_isc import compare, tools, warm  # noqa: E402  (the same pairing as for IPv4)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--pairs", type=int, default=5, help="how many A B pairs to run (default 5)")
    ap.add_argument("--pd-every", type=int, default=2,
                    help="gen_isc6.py --pd-every for a new workload (default 2; 0: no prefixes)")
    a = ap.parse_args()
    if a.pairs < 1:
        ap.error("--pairs must be at least 1")

    plugin, dump = tools(a.build)

    tmp = None
    work = a.dir
    if not work:
        tmp = work = tempfile.mkdtemp(prefix="bench_isc6.")
    try:
        conf, leases = os.path.join(work, "dhcpd6.conf"), os.path.join(work, "dhcpd6.leases")
        expected = os.path.join(work, "expected.txt")
        if not all(os.path.exists(p) for p in (conf, leases, expected)):
            print("generating the workload in %s ..." % work, flush=True)
            subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_isc6.py"), work,
                            "--pd-every", str(a.pd_every)], check=True)
        warm((conf, leases))
        with open(leases, "rb") as f:
            head = f.read(1 << 20)
        print("workload: %s (leases %.0f MB, %s)" % (work, os.path.getsize(leases) / 1e6,
                                                     "with ia-pd" if b"\nia-pd " in head else "ia-na only"))

        compare(conf, leases, plugin, a.pairs)

        dump_txt = os.path.join(work, "dump.txt")
        with open(dump_txt, "wb") as out:
            subprocess.run([dump, conf, leases], stdout=out, check=True)
        cmp = subprocess.run([sys.executable, os.path.join(REPO, "tests", "integration", "isc6_compare.py"),
                              "scopes", expected, dump_txt])
        os.unlink(dump_txt)
        return 0 if cmp.returncode == 0 else 1
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
