#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The dnsmasq source on 100,000 leases: time and peak RSS.

Usage: bench/bench_dnsmasq.py [--build DIR] [--runs N] [--leases N]

Writes a dnsmasq.conf and a dnsmasq.leases into a temporary directory (removed
afterwards): 100 IPv4 subnets 10.N.0.0/22, each with two ranges (one of them
tag-filtered), and one IPv6 /64 range; LEASES lease lines (default 100,000),
nine in ten IPv4, one in ten of all of them expired, written as dnsmasq writes
them. It reads the files once to warm the page cache, then runs
`check_dhcp_scope --source dnsmasq --no-pidfile` RUNS times (default 7) and
prints each run's wall time, the best and median, the peak RSS (GNU time) and
the part of it above what the plugin takes to print --version, leases per
second, and two ratios: the median over the time `wc -l` takes to read the
same file (the floor any reader pays), and the peak RSS over the leases
file's size. The plugin's used counts must add up to
the active leases written, or the exit status is 1.
"""
import argparse, os, random, re, shutil, statistics, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = int(time.time())
SUBNETS = 100


def write_files(work, nleases):
    """Returns the config path, the leases path and the active leases written."""
    rnd = random.Random(20261129)
    conf = os.path.join(work, "dnsmasq.conf")
    leases = os.path.join(work, "dnsmasq.leases")
    with open(conf, "w") as f:
        f.write("dhcp-leasefile=%s\n" % leases)
        for n in range(SUBNETS):
            f.write("dhcp-range=set:net%d,10.%d.0.10,10.%d.1.255,255.255.252.0,12h\n" % (n, n, n))
            f.write("dhcp-range=set:guest%d,tag:guest,10.%d.2.0,10.%d.3.250,255.255.252.0,1h\n" % (n, n, n))
        f.write("dhcp-range=set:v6,2001:db8:1::1000,2001:db8:1::ffff:ffff,64,12h\n")
    n4 = nleases * 9 // 10
    n6 = nleases - n4
    # Distinct addresses: 1,000 per subnet fit in its 1,009 range addresses.
    per = -(-n4 // SUBNETS)
    if per > 1009:
        sys.exit("--leases %d is more than these ranges hold" % nleases)
    active = 0
    with open(leases, "w") as f:
        written = 0
        for n in range(SUBNETS):
            offsets = rnd.sample(range(1009), min(per, n4 - written))
            for off in offsets:
                a = 10 + off
                ip = "10.%d.%d.%d" % (n, a >> 8, a & 255) if off < 502 else \
                     "10.%d.%d.%d" % (n, 2 + ((off - 502) >> 8), (off - 502) & 255)
                expired = rnd.random() < 0.1
                active += not expired
                exp = NOW - rnd.randint(1, 3600) if expired else NOW + rnd.randint(60, 43200)
                mac = "02:%02x:%02x:%02x:%02x:%02x" % (n, off >> 8, off & 255, rnd.randrange(256), rnd.randrange(256))
                host = "host-%d-%d" % (n, off) if rnd.random() < 0.7 else "*"
                cid = "01:" + mac if rnd.random() < 0.5 else "*"
                f.write("%d %s %s %s %s\n" % (exp, mac, ip, host, cid))
            written += len(offsets)
        f.write("duid 00:01:00:01:32:9e:26:fb:0a:21:84:08:49:7a\n")
        for i in range(n6):
            expired = rnd.random() < 0.1
            active += not expired
            exp = NOW - rnd.randint(1, 3600) if expired else NOW + rnd.randint(60, 43200)
            f.write("%d %s%d 2001:db8:1::%x:%x * 00:03:00:01:02:cd:%02x:%02x:%02x:%02x\n" %
                    (exp, "T" if i % 7 == 0 else "", 1000 + i, 1 + (i >> 16), i & 0xFFFF,
                     i >> 24 & 255, i >> 16 & 255, i >> 8 & 255, i & 255))
    return conf, leases, active


GNU_TIME = "/usr/bin/time"


def run_once(cmd, work):
    """Wall seconds, peak RSS in KiB, exit status and output of one run. The
    peak comes from GNU time: a child forked from this Python process would
    report Python's own size (wait4 counts the memory it had before exec)."""
    rss_file = os.path.join(work, "rss")
    start = time.perf_counter()
    proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss_file] + cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    return wall, rss, proc.returncode, proc.stdout.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--leases", type=int, default=100000)
    a = ap.parse_args()
    plugin = os.path.join(a.build, "plugin", "check_dhcp_scope")
    if not os.access(GNU_TIME, os.X_OK):
        sys.exit("GNU time is not installed (apt-get install time): it measures the peak RSS")
    if not os.access(plugin, os.X_OK):
        sys.exit("%s not found: build first (cmake --build %s) or give --build" % (plugin, a.build))
    work = tempfile.mkdtemp(prefix="bench_dnsmasq.")
    try:
        t0 = time.perf_counter()
        conf, leases, active = write_files(work, a.leases)
        size = os.path.getsize(leases)
        print("workload: %d leases (%d active), %.1f MB, %d IPv4 subnets with 2 ranges each and an IPv6 /64; "
              "written in %.1f s" % (a.leases, active, size / 1e6, SUBNETS, time.perf_counter() - t0))
        for path in (conf, leases):
            with open(path, "rb") as f:
                while f.read(1 << 20):
                    pass
        cmd = [plugin, "--source", "dnsmasq", "--config", conf, "--no-pidfile", "-w", "0", "-c", "0"]
        walls, peak, out = [], 0, ""
        for i in range(a.runs):
            wall, rss, rc, out = run_once(cmd, work)
            if rc != 0:
                sys.exit("the plugin exited %d: %s" % (rc, out.strip()[:400]))
            walls.append(wall)
            peak = max(peak, rss)
            print("run %d: %.4f s" % (i + 1, wall), flush=True)
        floor = min(run_once(["wc", "-l", leases], work)[0] for _ in range(a.runs))
        idle = run_once([plugin, "--version"], work)[1]
        used = sum(int(x) for x in re.findall(r"'[^']* used'=(\d+)", out))
        med = statistics.median(walls)
        print("check_dhcp_scope: best %.4f s, median %.4f s, peak RSS %.1f MiB, %.0f leases/s (median)" %
              (min(walls), med, peak / 1024, a.leases / med))
        print("wc -l on the same file: best %.4f s; median plugin time over it: %.1fx" % (floor, med / floor))
        print("peak RSS over the leases file's size: %.2f; above the plugin's own (--version, %.1f MiB): %.1f MiB, "
              "%.2f of the file's size" % (peak * 1024 / size, idle / 1024, (peak - idle) / 1024,
                                           (peak - idle) * 1024 / size))
        if used != active:
            print("FAIL: the plugin counts %d used, the file holds %d active leases" % (used, active))
            return 1
        print("ok: the plugin's used counts add up to the %d active leases" % active)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
