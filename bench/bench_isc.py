#!/usr/bin/env python3
"""The ISC source against dhcpd-pools on the default gen_isc.py workload.

Usage: bench/bench_isc.py [DIR] [--build DIR] [--runs N]

DIR holds (or receives) dhcpd.conf and dhcpd.leases from bench/gen_isc.py
with its default sizes (about 600 MB of leases, 4,000 ranges); without DIR a
temporary directory is used and removed afterwards. The files are read once to
warm the page cache, then `check_dhcp_scope --source isc` and `dhcpd-pools`
run in turn, RUNS times each; the best wall time and the peak RSS of each are printed
with their ratios, and isc_dump's per-range counts are compared with
dhcpd-pools' (tests/integration/isc_pools_compare.py).
Exit status: 0 targets met and counts agree, 1 counts disagree or a run
failed, 2 a target (4x faster, at most a quarter of the RSS) missed.
"""
import argparse, os, shutil, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHUNK = 1 << 20


def run_once(cmd, ok_codes):
    """Wall seconds and peak RSS (KiB) of one run, from wait4's rusage."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in ok_codes:
        sys.exit("%s exited %d: %s" % (" ".join(cmd), proc.returncode, stderr.strip()))
    return wall, usage.ru_maxrss


def bench(progs, runs):
    """Runs the programs in turn, runs times, so that a busy moment of the
    machine does not fall on one of them only. Best wall and peak RSS each."""
    walls = [[] for _ in progs]
    rss = [0 for _ in progs]
    for _ in range(runs):
        for i, (_, cmd, ok_codes) in enumerate(progs):
            wall, peak = run_once(cmd, ok_codes)
            walls[i].append(wall)
            rss[i] = max(rss[i], peak)
    for i, (name, _, _) in enumerate(progs):
        print("%-18s best %6.3f s of %s   peak RSS %7.1f MiB" %
              (name, min(walls[i]), " ".join("%.3f" % w for w in walls[i]), rss[i] / 1024.0))
    return [(min(walls[i]), rss[i]) for i in range(len(progs))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    plugin = os.path.join(a.build, "plugin", "check_dhcp_scope")
    dump = os.path.join(a.build, "tests", "integration", "isc_dump")
    for exe in (plugin, dump):
        if not os.access(exe, os.X_OK):
            sys.exit("%s not found: build first (cmake --build %s) or give --build" % (exe, a.build))
    if not shutil.which("dhcpd-pools"):
        sys.exit("dhcpd-pools not found (apt-get install dhcpd-pools)")

    tmp = None
    work = a.dir
    if not work:
        tmp = work = tempfile.mkdtemp(prefix="bench_isc.")
    try:
        conf, leases = os.path.join(work, "dhcpd.conf"), os.path.join(work, "dhcpd.leases")
        if not (os.path.exists(conf) and os.path.exists(leases)):
            print("generating the workload in %s ..." % work, flush=True)
            subprocess.run([sys.executable, os.path.join(REPO, "bench", "gen_isc.py"), work], check=True)
        for path in (conf, leases):
            with open(path, "rb") as f:
                while f.read(CHUNK):
                    pass
        print("workload: %s (leases %.0f MB)" % (work, os.path.getsize(leases) / 1e6))

        ours, theirs = bench([
            ("check_dhcp_scope", [plugin, "--source", "isc", "--config", conf, "--leases", leases], (0, 1, 2)),
            ("dhcpd-pools", ["dhcpd-pools", "-c", conf, "-l", leases], (0,)),
        ], a.runs)
        speed, mem = theirs[0] / ours[0], ours[1] / theirs[1]
        print("ratio: %.1fx faster, %.0f%% of dhcpd-pools' peak RSS" % (speed, mem * 100))

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
        print("targets (>= 4x faster, <= 25%% of the RSS): %s" % ("met" if met else "NOT MET"))
        return 0 if met else 2
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
