#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The ISC source against dhcpd-pools on the default bench/gen_isc.py workload.

Usage: bench/bench_isc.py [DIR] [--build DIR] [--pairs N]

DIR holds (or receives) dhcpd.conf and dhcpd.leases from bench/gen_isc.py
with its default sizes (about 600 MB of leases, 4,000 ranges); without DIR a
temporary directory is used and removed afterwards. The files are read once to
warm the page cache, then `check_dhcp_scope --source isc` (A) and
`dhcpd-pools` (B) run in pairs, A B A B ..., PAIRS times: each pair's ratio
(B's wall time over A's) is printed, then the median ratio, each program's
best and median wall time and its peak RSS. A pair shares the machine's
state of the moment, so the median of the pairs' ratios holds up better on a
busy or noisy machine than a ratio of best times. isc_dump's per-range counts
are then compared with dhcpd-pools' (tests/integration/isc_pools_compare.py).
Exit status: 0 targets met and counts agree, 1 counts disagree or a run
failed, 2 a target (median ratio at least 4, at most a quarter of the peak
RSS) missed.
"""
import argparse, os, shutil, statistics, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK = 1 << 20


GNU_TIME = "/usr/bin/time"


def run_once(cmd, ok_codes):
    """Wall seconds and peak RSS (KiB) of one run. The RSS comes from GNU
    time, which forks a small process to exec the program: a child forked
    from Python keeps Python's own RSS as its high-water mark across exec, so
    wait4's ru_maxrss here would report Python's size for a small program."""
    start = time.perf_counter()
    proc = subprocess.run([GNU_TIME, "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    lines = proc.stderr.decode(errors="replace").strip().split("\n")
    if proc.returncode not in ok_codes:
        sys.exit("%s exited %d: %s" % (" ".join(cmd), proc.returncode, "\n".join(lines[:-1]).strip()))
    return wall, int(lines[-1])


def bench_pairs(ours, theirs, pairs):
    """Runs ours and theirs alternately, pairs times. Returns the pairs'
    ratios (theirs' wall over ours'), each program's walls and peak RSS."""
    walls = {"ours": [], "theirs": []}
    rss = {"ours": 0, "theirs": 0}
    ratios = []
    for i in range(pairs):
        for key, (_, cmd, ok_codes) in (("ours", ours), ("theirs", theirs)):
            wall, peak = run_once(cmd, ok_codes)
            walls[key].append(wall)
            rss[key] = max(rss[key], peak)
        ratios.append(walls["theirs"][-1] / walls["ours"][-1])
        print("pair %2d: %s %6.3f s, %s %6.3f s, ratio %.2fx" %
              (i + 1, ours[0], walls["ours"][-1], theirs[0], walls["theirs"][-1], ratios[-1]), flush=True)
    return ratios, walls, rss


def tools(build):
    """The plugin and isc_dump in the build folder; exits with a sentence
    when they, GNU time or dhcpd-pools are missing."""
    plugin = os.path.join(build, "plugin", "check_dhcp_scope")
    dump = os.path.join(build, "tests", "integration", "isc_dump")
    for exe in (plugin, dump):
        if not os.access(exe, os.X_OK):
            sys.exit("%s not found: build first (cmake --build %s) or give --build" % (exe, build))
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("%s not found (apt-get install time)" % GNU_TIME)
    if not shutil.which("dhcpd-pools"):
        sys.exit("dhcpd-pools not found (apt-get install dhcpd-pools)")
    return plugin, dump


def warm(paths):
    """Reads the files once, so every timed run finds them in the page cache."""
    for path in paths:
        with open(path, "rb") as f:
            while f.read(CHUNK):
                pass


def compare(conf, leases, plugin, pairs):
    """The plugin (A) against dhcpd-pools (B) on one workload, PAIRS pairs;
    prints each program's figures and the median ratio. Returns the median
    speed ratio and the share of dhcpd-pools' peak RSS."""
    ratios, walls, rss = bench_pairs(
        ("check_dhcp_scope", [plugin, "--source", "isc", "--no-pidfile", "--config", conf, "--leases", leases],
         (0, 1, 2)),
        ("dhcpd-pools", ["dhcpd-pools", "-c", conf, "-l", leases], (0,)),
        pairs)
    for key, name in (("ours", "check_dhcp_scope"), ("theirs", "dhcpd-pools")):
        print("%-17s wall best %6.3f s, median %6.3f s; peak RSS %6.1f MiB" %
              (name, min(walls[key]), statistics.median(walls[key]), rss[key] / 1024.0))
    speed, mem = statistics.median(ratios), rss["ours"] / rss["theirs"]
    print("median ratio of %d pairs: %.2fx faster (pairs from %.2fx to %.2fx); "
          "%.0f%% of dhcpd-pools' peak RSS" % (len(ratios), speed, min(ratios), max(ratios), mem * 100))
    return speed, mem


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--pairs", "--runs", type=int, default=5,
                    help="how many A B pairs to run (default 5)")
    a = ap.parse_args()
    if a.pairs < 1:
        ap.error("--pairs must be at least 1")

    plugin, dump = tools(a.build)

    tmp = None
    work = a.dir
    if not work:
        tmp = work = tempfile.mkdtemp(prefix="bench_isc.")
    try:
        conf, leases = os.path.join(work, "dhcpd.conf"), os.path.join(work, "dhcpd.leases")
        if not (os.path.exists(conf) and os.path.exists(leases)):
            print("generating the workload in %s ..." % work, flush=True)
            subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_isc.py"), work], check=True)
        warm((conf, leases))
        print("workload: %s (leases %.0f MB)" % (work, os.path.getsize(leases) / 1e6))
        speed, mem = compare(conf, leases, plugin, a.pairs)

        pools_csv, dump_txt = os.path.join(work, "pools.csv"), os.path.join(work, "dump.txt")
        with open(pools_csv, "wb") as out:
            subprocess.run(["dhcpd-pools", "-c", conf, "-l", leases, "-f", "c"], stdout=out, check=True)
        with open(dump_txt, "wb") as out:
            subprocess.run([dump, conf, leases], stdout=out, check=True)
        with open(conf) as f:
            role = "secondary" if "  secondary;" in f.read() else "primary"
        cmp = subprocess.run([sys.executable, os.path.join(REPO, "tests", "integration", "isc_pools_compare.py"),
                              pools_csv, dump_txt, role])
        os.unlink(pools_csv)
        os.unlink(dump_txt)
        if cmp.returncode != 0:
            return 1
        met = speed >= 4.0 and mem <= 0.25
        print("targets (median ratio >= 4x, <= 25%% of the RSS): %s" % ("met" if met else "NOT MET"))
        return 0 if met else 2
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
