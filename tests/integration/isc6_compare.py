#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the ISC source's DHCPv6 counts against a ground truth or dhcpd-pools.

Usage:
  isc6_compare.py scopes EXPECTED DUMP       scope lines of isc_dump against the truth
  isc6_compare.py perfdata EXPECTED OUTPUT   the plugin's perfdata against the truth
  isc6_compare.py kept EXPECTED DHCPD_LOG    dhcpd -6 -T's "Wrote N NA, N TA, N PD"
                                             against the leases the truth keeps
  isc6_compare.py pools POOLS_CSV DUMP       dhcpd-pools -f c against isc_dump, per
                                             range6 both read (not temporary, not prefix6)

EXPECTED holds "scope PREFIX kind=K key=value ..." lines (bench/gen_isc6.py,
tests/integration/isc6_cases.py); a scope matches the dump's line with the same
prefix and kind, and every key the truth gives must agree. Prints the
differences and exits 1 if any.
"""
import csv
import ipaddress
import re
import sys


def read_scopes(path):
    out = {}
    with open(path) as f:
        for line in f:
            if not line.startswith("scope "):
                continue
            _, prefix, *kv = line.split()
            d = dict(x.split("=", 1) for x in kv)
            out[(prefix, d["kind"])] = d
    return out


def scopes(expected, dump):
    want, got = read_scopes(expected), read_scopes(dump)
    diff = []
    if set(want) != set(got):
        diff.append("scope sets differ: expected only %s, dump only %s"
                    % (sorted(set(want) - set(got)), sorted(set(got) - set(want))))
    for k in sorted(set(want) & set(got)):
        for key, value in want[k].items():
            if got[k].get(key) != value:
                diff.append("%s %s: %s is %s, expected %s" % (k[0], k[1], key, got[k].get(key), value))
    return diff, "%d scopes agree with the truth" % len(want)


def hundredths(free, total):
    """The plugin's percentage: floor(free * 10000 / total) hundredths, trailing zeros dropped."""
    h = free * 10000 // total
    text = "%d.%02d" % (h // 100, h % 100)
    return text.rstrip("0").rstrip(".")


def perfdata(expected, output):
    want = read_scopes(expected)
    with open(output) as f:
        text = f.read()
    perf = " ".join(part.split("|", 1)[1] for part in text.splitlines() if "|" in part)
    labels = dict(re.findall(r"'([^']*)'=(\S*)", perf))
    diff = []
    for (prefix, kind), d in sorted(want.items()):
        label = prefix.split("/")[0] + (" pd" if kind == "prefixes" else "")
        total, used, free = int(d["total"]), int(d["used"]), int(d["free"])
        pct = hundredths(free, total) + "%" if total else "U"
        checks = {label + " free": pct + ";", label + " used": "%d;;;0;%d" % (used, total)}
        for name, start in checks.items():
            value = labels.get(name)
            if value is None or not value.startswith(start):
                diff.append("perfdata '%s'=%s, expected %s..." % (name, value, start))
    return diff, "%d scopes' perfdata agree with the truth" % len(want)


def kept(expected, log):
    with open(expected) as f:
        parts = f.read().split()
        want = {parts[i]: int(parts[i + 1]) for i in range(0, len(parts), 2)}
    with open(log) as f:
        m = re.search(r"Wrote (\d+) NA, (\d+) TA, (\d+) PD leases", f.read())
    if not m:
        return ["dhcpd -6 -T did not say how many leases it wrote"], ""
    got = dict(zip(("NA", "TA", "PD"), map(int, m.groups())))
    diff = ["dhcpd keeps %d %s leases, the truth %d" % (got[k], k, want[k]) for k in want if got[k] != want[k]]
    return diff, "dhcpd -6 keeps the leases the truth says (%s)" % ", ".join("%s %d" % kv for kv in got.items())


def pools(pools_csv, dump):
    with open(pools_csv) as f:
        lines = f.read().split("\n\n")[0].splitlines()
    assert lines[0].strip('"') == "Ranges:", lines[0]
    rows = list(csv.reader(lines[1:]))
    theirs = {(r["first ip"], r["last ip"]): r for r in (dict(zip(rows[0], row)) for row in rows[1:])}
    ours = {}
    with open(dump) as f:
        for line in f:
            if line.startswith("range6 "):
                _, lo, hi, *kv = line.split()
                d = dict(x.split("=", 1) for x in kv)
                if d["kind"] == "na":
                    ours[(lo, hi)] = {k: int(v) for k, v in d.items() if v.isdigit()}
    diff = []
    missing = sorted(set(ours) - set(theirs))
    if missing:
        diff.append("ranges dhcpd-pools does not list: %s" % missing[:5])
    for key in sorted(set(ours) & set(theirs)):
        o, t = ours[key], theirs[key]
        total = key_size(*key)
        their_max = float(t["max"])
        if (total < 10**6 and their_max != total) or abs(their_max - total) > total * 1e-5:
            diff.append("%s - %s max: dhcpd-pools %s, ours %d" % (key[0], key[1], t["max"], total))
        if int(t["cur"]) != o["active"]:
            diff.append("%s - %s cur: dhcpd-pools %s, active %d" % (key[0], key[1], t["cur"], o["active"]))
        touch = o["expired"] + o["released"] + o["abandoned"] + o["free"]
        if int(t["touch"]) != touch:
            diff.append("%s - %s touch: dhcpd-pools %s, ours %d" % (key[0], key[1], t["touch"], touch))
    return diff, "%d range6 agree with dhcpd-pools" % len(set(ours) & set(theirs))


def key_size(lo, hi):
    return int(ipaddress.IPv6Address(hi)) - int(ipaddress.IPv6Address(lo)) + 1


def main():
    mode, a, b = sys.argv[1:4]
    diff, ok = {"scopes": scopes, "perfdata": perfdata, "kept": kept, "pools": pools}[mode](a, b)
    if diff:
        print("\n".join(diff[:50]))
        return 1
    print(ok)
    return 0


if __name__ == "__main__":
    sys.exit(main())
