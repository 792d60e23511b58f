#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic ISC dhcpd failover server: OUTDIR/dhcpd.conf and OUTDIR/dhcpd.leases.

Usage: bench/gen_isc.py OUTDIR [--subnets N] [--pool N] [--history N]
                        [--role primary|secondary] [--shared-every N] [--seed N]

Subnet number i is 10.(i // 256).(i % 256).0/24 with one pool under failover
peer "fo1" and one range, .1 to .POOL. With --shared-every N, each run of N
consecutive subnets sits in one shared-network. The leases file is what an
append-only dhcpd.leases looks like after HISTORY rounds: in each round about
85% of the pool addresses get a new block (the last block of an address wins),
with binding states mixed as on a busy failover primary. Active leases end in
2099, so the clock never turns one into a free address.

The output depends on the options only (not on the Python version or the
machine): the same options give the same bytes, and a subnet's leases depend
on --seed and its own number, not on --subnets. The defaults are the benchmark
workload (bench/bench_isc.py): 4,000 subnets of 250 addresses, 2 rounds, about
1.7 million lease blocks in a leases file of about 600 MB.
"""
import argparse
import calendar
import hashlib
import os
import random
import struct
import sys
import time

# (state, weight): active leases most, then the pool halves of the failover
# split (free is the primary's, backup the secondary's), then the rest.
STATE_MIX = [("active", 45), ("free", 16), ("backup", 16), ("expired", 8), ("released", 8), ("abandoned", 7)]
LEASED_SHARE = 0.85
# Round r's leases start at T0 + r hours; active ones end in 2099.
T0 = calendar.timegm((2026, 11, 24, 9, 0, 0))
ACTIVE_END = calendar.timegm((2099, 12, 31, 21, 0, 0))


def dhcpd_time(t):
    """A time as dhcpd writes it: weekday (0 = Sunday) and UTC date."""
    return time.strftime("%w %Y/%m/%d %H:%M:%S", time.gmtime(t))


def state_table(mix=STATE_MIX):
    """Cumulative thresholds in [0, 1) for picking a state from one draw."""
    total = sum(w for _, w in mix)
    table, acc = [], 0
    for name, weight in mix:
        acc += weight
        table.append((acc / total, name))
    return table


def subnet_rng(seed, index):
    """A generator of its own per subnet: its leases do not depend on how
    many subnets come before it. Seeded from bytes through SHA-256, whose
    result is fixed, unlike hash() or the seeding of str objects."""
    digest = hashlib.sha256(struct.pack(">qq", seed, index)).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def write_conf(path, a):
    primary = a.role == "primary"
    me, partner = ("10.255.255.1", "10.255.255.2") if primary else ("10.255.255.2", "10.255.255.1")
    lines = [
        "# Synthetic dhcpd.conf written by bench/gen_isc.py (%d subnets, role %s, seed %d)"
        % (a.subnets, a.role, a.seed),
        "authoritative;",
        "default-lease-time 3600;",
        "max-lease-time 7200;",
        "",
        'failover peer "fo1" {',
        "  %s;" % a.role,
        "  address %s;" % me,
        "  port 647;",
        "  peer address %s;" % partner,
        "  peer port 647;",
        "  max-response-delay 30;",
        "  max-unacked-updates 10;",
        "  load balance max seconds 3;",
    ]
    if primary:
        # Only the primary states these (dhcpd rejects them on a secondary).
        lines += ["  mclt 1800;", "  split 128;"]
    lines += ["}", ""]
    group_open = False
    for i in range(a.subnets):
        net = "10.%d.%d" % (i >> 8, i & 255)
        if a.shared_every and i % a.shared_every == 0:
            if group_open:
                lines.append("}")
            lines.append('shared-network "site%d" {' % (i // a.shared_every))
            group_open = True
        lines += [
            "subnet %s.0 netmask 255.255.255.0 {" % net,
            "  option routers %s.254;" % net,
            "  pool {",
            '    failover peer "fo1";',
            "    range %s.1 %s.%d;" % (net, net, a.pool),
            "  }",
            "}",
        ]
    if group_open:
        lines.append("}")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


LEASE = ("lease %s {\n"
         "  starts %s;\n"
         "  ends %s;\n"
         "  tstp %s;\n"
         "  tsfp %s;\n"
         "  cltt %s;\n"
         "  binding state %s;\n"
         "  next binding state %s;\n"
         "  rewind binding state free;\n"
         "  hardware ethernet 02:%02x:%02x:%02x:%02x:%02x;\n"
         "  uid \"\\001\\002\\%03o\\%03o\\%03o\\%03o\\%03o\";\n"
         "  client-hostname \"pc-%d-%d\";\n"
         "}\n")


def write_leases(path, a):
    """Writes the leases file; returns the number of lease blocks."""
    states = state_table()
    rounds = max(1, a.history)
    started = [dhcpd_time(T0 + r * 3600) for r in range(rounds)]
    over = [dhcpd_time(T0 + r * 3600 + 1800) for r in range(rounds)]
    forever = dhcpd_time(ACTIVE_END)
    blocks = 0
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
                "# authoring-byte-order entry is generated, DO NOT DELETE\n"
                "authoring-byte-order little-endian;\n\n"
                'failover peer "fo1" state {\n'
                "  my state normal at %s;\n"
                "  partner state normal at %s;\n" % (started[0], started[0]))
        if a.role == "secondary":
            f.write("  mclt 1800;\n")
        f.write("}\n\n")
        for i in range(a.subnets):
            rng = subnet_rng(a.seed, i)
            draw = rng.random
            hi, lo = i >> 8, i & 255
            net = "10.%d.%d." % (hi, lo)
            out = []
            for r in range(rounds):
                for host in range(1, a.pool + 1):
                    if draw() >= LEASED_SHARE:
                        continue
                    x = draw()
                    state = next(name for limit, name in states if x < limit)
                    if state == "active":
                        ends, after = forever, "expired"
                    else:
                        ends, after = over[r], "free"
                    out.append(LEASE % (net + str(host), started[r], ends, ends, ends, started[r],
                                        state, after, hi, lo, host, r & 255, 0x5a,
                                        hi, lo, host, r & 255, 0x5a, i, host))
            blocks += len(out)
            f.write("".join(out))
    return blocks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--subnets", type=int, default=4000, help="number of /24 subnets (at most 65536)")
    ap.add_argument("--pool", type=int, default=250, help="addresses in each subnet's range, .1 to .POOL (1-253)")
    ap.add_argument("--history", type=int, default=2, help="rounds of lease blocks (the last block wins)")
    ap.add_argument("--role", choices=("primary", "secondary"), default="primary", help="this server's failover role")
    ap.add_argument("--shared-every", type=int, default=0, metavar="N",
                    help="put each N consecutive subnets in one shared-network (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not 0 <= a.subnets <= 65536:
        ap.error("--subnets must be between 0 and 65536")
    if not 1 <= a.pool <= 253:
        ap.error("--pool must be between 1 and 253")
    if a.shared_every < 0:
        ap.error("--shared-every must not be negative")

    os.makedirs(a.outdir, exist_ok=True)
    write_conf(os.path.join(a.outdir, "dhcpd.conf"), a)
    leases = os.path.join(a.outdir, "dhcpd.leases")
    blocks = write_leases(leases, a)
    print("gen_isc.py: %s: %d subnets, %d lease blocks, %.1f MB of leases"
          % (a.outdir, a.subnets, blocks, os.path.getsize(leases) / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
