#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compares dhcpd-pools' per-range counts with isc_dump's.

Usage: isc_pools_compare.py POOLS_CSV DUMP_TXT ROLE
POOLS_CSV is `dhcpd-pools -c CONF -l LEASES -f c`, DUMP_TXT `isc_dump CONF LEASES`
on the same files, ROLE this server's failover role. Per range: addresses ==
"max", active == "cur", backup == "bu", free+expired+released+abandoned ==
"touch". Per subnet (bench/gen_isc.py workloads: one range per /24): the scope
isc_fetch fills against its range and
shared-network. Prints the differences and exits 1 if any.
"""
import csv, sys

pools_csv, dump_txt, role = sys.argv[1:]

# dhcpd-pools -f c: a "Ranges:" section, a blank line, then other sections.
ranges = {}
with open(pools_csv) as f:
    lines = f.read().split("\n\n")[0].splitlines()
assert lines[0].strip('"') == "Ranges:", lines[0]
rows = list(csv.reader(lines[1:]))
head = rows[0]
for row in rows[1:]:
    r = dict(zip(head, row))
    ranges[(r["first ip"], r["last ip"])] = {
        "total": int(r["max"]), "active": int(r["cur"]), "touch": int(r["touch"]), "backup": int(r["bu"]),
        "location": r["shared net name"]}

ours, scopes = {}, []
with open(dump_txt) as f:
    for line in f:
        kind, rest = line.split(" ", 1)
        if kind == "range":
            a, b, *kv = rest.split()
            ours[(a, b)] = {k: int(v) for k, v in (x.split("=") for x in kv)}
        elif kind == "scope":
            name, *kv = rest.split()
            scopes.append((name, dict(x.split("=") for x in kv)))

diff = []
if set(ranges) != set(ours):
    diff.append("range sets differ: dhcpd-pools only %s, ours only %s"
                % (sorted(set(ranges) - set(ours))[:5], sorted(set(ours) - set(ranges))[:5]))
for key in sorted(set(ranges) & set(ours)):
    p, o = ranges[key], ours[key]
    mine = {"total": o["total"], "active": o["active"], "backup": o["backup"],
            "touch": o["free"] + o["expired"] + o["released"] + o["abandoned"]}
    for k in ("total", "active", "backup", "touch"):
        if p[k] != mine[k]:
            diff.append("%s - %s %s: dhcpd-pools %d, isc source %d" % (key[0], key[1], k, p[k], mine[k]))

# bench/gen_isc.py gives each /24 subnet exactly one range, 10.B.C.1 - 10.B.C.POOL.
by_prefix = {"%s.%s.%s" % tuple(a.split(".")[:3]): (a, b) for (a, b) in ours}
for name, s in scopes:
    key = by_prefix[name.split("/")[0].rsplit(".", 1)[0]]
    r = ours[key]
    this_own = r["backup"] if role == "secondary" else int(s["free"]) - r["backup"]
    want = {"total": r["total"], "used": r["active"] - r["active_expired"], "declined": r["abandoned"],
            "split": 1, "this_free": this_own, "free": r["total"] - r["active"] - r["abandoned"]}
    for k, v in want.items():
        if int(s[k]) != v:
            diff.append("scope %s %s: %s, expected %d" % (name, k, s[k], v))
    # dhcpd-pools names a range outside shared-networks "All networks".
    where = ranges.get(key, {}).get("location", "?")
    if s["group"] != (where if where != "All networks" else "-"):
        diff.append("scope %s shared-network %s, dhcpd-pools says %s" % (name, s["group"], where))

if diff:
    print("isc source and dhcpd-pools disagree (%s):" % role)
    print("\n".join(diff[:50]))
    sys.exit(1)
print("%s: %d ranges and %d scopes agree with dhcpd-pools" % (role, len(ours), len(scopes)))
