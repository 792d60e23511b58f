#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a synthetic ISC dhcpd -6 server: OUTDIR/dhcpd6.conf, OUTDIR/dhcpd6.leases
and OUTDIR/expected.txt, the scopes the files hold by construction.

Usage: bench/gen_isc6.py OUTDIR [--subnets N] [--clients N] [--history N]
                         [--pd-every N] [--shared-every N] [--seed N]

Subnet number i is 2001:db8:0:i::/64 (i in hex). Even subnets hand out a small
range6, ::1000 to ::1000 + CLIENTS - 1 (addresses in order); odd ones the whole
/64 (range6 2001:db8:0:i::/64, random addresses, as dhcpd picks them in a large
range). Every subnet also delegates /56 prefixes from the /48 2001:db8:i+1::/48
(prefix6 ... /56: 256 prefixes). Each subnet has CLIENTS clients; every
PD_EVERY-th one (default every second) asks for a prefix too (dhclient -6 -N
-P). With --shared-every N, each run of
N consecutive subnets sits in one shared-network.

The leases file is what an append-only dhcpd6.leases looks like after HISTORY
rounds, written as dhcpd 4.4 writes it (ia-na and ia-pd blocks keyed by IAID and
DUID-LL, iaaddr and iaprefix with binding state, lifetimes and ends): in each
round about 85% of the clients get a new block per IA (the last block wins),
with states mixed as on a busy server (active, expired, released, abandoned).
Active leases end in 2099, so the clock never ends one; the others ended in
2026.

expected.txt has one line per scope in the form isc_dump prints ("scope PREFIX
kind=addresses|prefixes ... total=N used=N free=N declined=N"), from the
generator's own record of each address's last block: a ground truth that does
not come from the parser it checks.

The output depends on the options only: the same options give the same bytes.
The defaults are the benchmark workload (bench/bench_isc6.py): 4,000 subnets of
250 clients, 2 rounds, about 2.6 million lease blocks.
"""
import argparse
import ipaddress
import os
import struct
import sys

# The clock, the share of clients leased per round, the per-subnet generator
# and the dhcpd time format are gen_isc.py's; only the state mix differs
# (dhcpd -6 has no failover, so no free/backup halves).
from gen_isc import ACTIVE_END, LEASED_SHARE, T0, dhcpd_time, state_table, subnet_rng

STATE_MIX = [("active", 60), ("expired", 15), ("released", 17), ("abandoned", 8)]
PD_PER_SUBNET = 256


def quote(data):
    """A byte string as dhcpd writes a key: printable bytes as they are,
    the rest (and the quote and backslash) as octal escapes."""
    out = []
    for b in data:
        if 0x20 <= b < 0x7F and b not in (0x22, 0x5C):
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def v6(n):
    """An address (a 128-bit int) as RFC 5952 text, as dhcpd and the plugin
    write it (Python's own formatter: none of these is IPv4-mapped)."""
    return str(ipaddress.IPv6Address(n))


def subnet_base(i):
    return (0x20010DB8 << 96) | (i << 64)


def pd_base(i):
    return (0x20010DB8 << 96) | ((i + 1) << 80)


def write_conf(path, a):
    lines = [
        "# Synthetic dhcpd6.conf written by bench/gen_isc6.py (%d subnets, %d clients, seed %d)"
        % (a.subnets, a.clients, a.seed),
        "authoritative;",
        "default-lease-time 600;",
        "preferred-lifetime 300;",
        "max-lease-time 7200;",
        "",
    ]
    group_open = False
    for i in range(a.subnets):
        if a.shared_every and i % a.shared_every == 0:
            if group_open:
                lines.append("}")
            lines.append('shared-network "site%d" {' % (i // a.shared_every))
            group_open = True
        base = subnet_base(i)
        lines.append("subnet6 %s/64 {" % v6(base))
        if i % 2 == 0:
            lines.append("  range6 %s %s;" % (v6(base + 0x1000), v6(base + 0x1000 + a.clients - 1)))
        else:
            lines.append("  range6 %s/64;" % v6(base))
        lines.append("  prefix6 %s %s /56;" % (v6(pd_base(i)), v6(pd_base(i) + ((PD_PER_SUBNET - 1) << 72))))
        lines.append("}")
    if group_open:
        lines.append("}")
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


IA_HEAD = "%s %s {\n  cltt %s;\n"
SUB = ("  %s %s {\n"
       "    binding state %s;\n"
       "    preferred-life 300;\n"
       "    max-life 600;\n"
       "    ends %s;\n"
       "  }\n")


def write_leases(path, a):
    """Writes the leases file; returns the number of blocks and the scopes'
    truth: per subnet [used, declined] for addresses and for prefixes."""
    states = state_table(STATE_MIX)
    rounds = max(1, a.history)
    started = [dhcpd_time(T0 + r * 3600) for r in range(rounds)]
    over = [dhcpd_time(T0 + r * 3600 + 600) for r in range(rounds)]
    forever = dhcpd_time(ACTIVE_END)
    blocks = 0
    truth = []
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write("# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
                "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
                "# authoring-byte-order entry is generated, DO NOT DELETE\n"
                "authoring-byte-order little-endian;\n\n"
                'server-duid "\\000\\001\\000\\0012\\236&\\320*,\\024^\\245y";\n\n')
        for i in range(a.subnets):
            rng = subnet_rng(a.seed, i)
            draw = rng.random
            base = subnet_base(i)
            # A client keeps its address and prefix from round to round.
            if i % 2 == 0:
                addrs = [base + 0x1000 + c for c in range(a.clients)]
            else:
                addrs = [base | rng.getrandbits(64) for _ in range(a.clients)]
            prefixes = ({c: pd_base(i) + ((c // a.pd_every % PD_PER_SUBNET) << 72)
                         for c in range(0, a.clients, a.pd_every)} if a.pd_every else {})
            last_na, last_pd = {}, {}
            out = []
            for r in range(rounds):
                for c in range(a.clients):
                    mac = struct.pack(">HI", 0x02CD, (i << 16 | c) & 0xFFFFFFFF)
                    duid = b"\x00\x03\x00\x01" + mac
                    for kind, iaid_base, table, what in (("ia-na", 0, last_na, addrs[c]),
                                                         ("ia-pd", 0x8000, last_pd, prefixes.get(c))):
                        if what is None or draw() >= LEASED_SHARE:
                            continue
                        x = draw()
                        state = next(name for limit, name in states if x < limit)
                        ends = forever if state == "active" else "never" if state == "abandoned" else over[r]
                        key = quote(struct.pack("<I", iaid_base + c) + duid)
                        if kind == "ia-na":
                            sub = SUB % ("iaaddr", v6(what), state, ends)
                        else:
                            sub = SUB % ("iaprefix", v6(what) + "/56", state, ends)
                        out.append(IA_HEAD % (kind, key, started[r]) + sub + "}\n\n")
                        table[what] = state
            blocks += len(out)
            f.write("".join(out))
            truth.append([sum(1 for s in last_na.values() if s == "active"),
                          sum(1 for s in last_na.values() if s == "abandoned"),
                          sum(1 for s in last_pd.values() if s == "active"),
                          sum(1 for s in last_pd.values() if s == "abandoned")])
    return blocks, truth


def write_expected(path, a, truth):
    with open(path, "w", encoding="ascii", newline="\n") as f:
        for i, (na_used, na_declined, pd_used, pd_declined) in enumerate(truth):
            group = "site%d" % (i // a.shared_every) if a.shared_every else "-"
            prefix = "%s/64" % v6(subnet_base(i))
            total = a.clients if i % 2 == 0 else 1 << 64
            f.write("scope %s kind=addresses group=%s total=%d used=%d free=%d declined=%d\n"
                    % (prefix, group, total, na_used, total - na_used - na_declined, na_declined))
            f.write("scope %s kind=prefixes pd_pool=%s/48 pd_delegated=56 pd_pools=1 group=%s total=%d used=%d "
                    "free=%d declined=%d\n"
                    % (prefix, v6(pd_base(i)), group, PD_PER_SUBNET, pd_used,
                       PD_PER_SUBNET - pd_used - pd_declined, pd_declined))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--subnets", type=int, default=4000, help="number of /64 subnets (at most 65535)")
    ap.add_argument("--clients", type=int, default=250, help="clients in each subnet (1-256)")
    ap.add_argument("--history", type=int, default=2, help="rounds of lease blocks (the last block wins)")
    ap.add_argument("--pd-every", type=int, default=2, metavar="N",
                    help="every Nth client also asks for a prefix (0: none)")
    ap.add_argument("--shared-every", type=int, default=0, metavar="N",
                    help="put each N consecutive subnets in one shared-network (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if not 0 <= a.subnets <= 65535:
        ap.error("--subnets must be between 0 and 65535")
    if not 1 <= a.clients <= 256:
        ap.error("--clients must be between 1 and 256")
    if a.shared_every < 0 or a.pd_every < 0:
        ap.error("--shared-every and --pd-every must not be negative")

    os.makedirs(a.outdir, exist_ok=True)
    write_conf(os.path.join(a.outdir, "dhcpd6.conf"), a)
    leases = os.path.join(a.outdir, "dhcpd6.leases")
    blocks, truth = write_leases(leases, a)
    write_expected(os.path.join(a.outdir, "expected.txt"), a, truth)
    print("gen_isc6.py: %s: %d subnets, %d lease blocks, %.1f MB of leases"
          % (a.outdir, a.subnets, blocks, os.path.getsize(leases) / 1e6))
    return 0


if __name__ == "__main__":
    sys.exit(main())
