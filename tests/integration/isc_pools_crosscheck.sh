#!/usr/bin/env bash
# The ISC source's counts against dhcpd-pools (Debian package dhcpd-pools), the
# tool ISC users run today. Starts nothing: generates a small failover workload
# with shared/bench/gen_isc.py (as primary, then as secondary) in a temporary
# directory and compares, per range, active == dhcpd-pools "cur",
# backup == "bu", addresses == "max" and free+expired+released+abandoned ==
# "touch"; per subnet, the scope isc_fetch fills against the sum of its
# ranges; and that the plugin itself runs on the files.
# Env: CDS_PLUGIN, CDS_ISC_DUMP, CDS_SHARED_DIR, PYTHON.
set -euo pipefail

: "${CDS_PLUGIN:?}" "${CDS_ISC_DUMP:?}" "${CDS_SHARED_DIR:?}" "${PYTHON:=python3}"
if ! command -v dhcpd-pools >/dev/null 2>&1; then
    echo "SKIP: dhcpd-pools is not installed (apt-get install dhcpd-pools)"
    exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Lease ends lie in 2099: counting "now" changes nothing, as for dhcpd-pools.
now=$(date +%s)
for role in primary secondary; do
    dir=$tmp/$role
    "$PYTHON" "$CDS_SHARED_DIR/bench/gen_isc.py" "$dir" --subnets 60 --pool 200 --history 3 \
        --shared-every 7 --role "$role" --seed 7
    dhcpd-pools -c "$dir/dhcpd.conf" -l "$dir/dhcpd.leases" -f c >"$dir/pools.csv"
    "$CDS_ISC_DUMP" "$dir/dhcpd.conf" "$dir/dhcpd.leases" "$now" >"$dir/dump.txt"

    "$PYTHON" - "$dir/pools.csv" "$dir/dump.txt" "$role" <<'EOF'
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
        "total": int(r["max"]), "active": int(r["cur"]), "touch": int(r["touch"]), "backup": int(r["bu"])}

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

# gen_isc.py gives each /24 subnet exactly one range, 10.B.C.1 - 10.B.C.POOL.
by_prefix = {"%s.%s.%s" % tuple(a.split(".")[:3]): v for (a, b), v in ours.items()}
for name, s in scopes:
    r = by_prefix[name.split("/")[0].rsplit(".", 1)[0]]
    this_own = r["backup"] if role == "secondary" else int(s["free"]) - r["backup"]
    want = {"total": r["total"], "used": r["active"] - r["active_expired"], "declined": r["abandoned"],
            "split": 1, "this_free": this_own, "free": r["total"] - r["active"] - r["abandoned"]}
    for k, v in want.items():
        if int(s[k]) != v:
            diff.append("scope %s %s: %s, expected %d" % (name, k, s[k], v))
    if s["group"] == "-":
        diff.append("scope %s has no shared-network" % name)

if diff:
    print("isc source and dhcpd-pools disagree (%s):" % role)
    print("\n".join(diff[:50]))
    sys.exit(1)
print("%s: %d ranges and %d scopes agree with dhcpd-pools" % (role, len(ours), len(scopes)))
EOF

    set +e
    out=$("$CDS_PLUGIN" --source isc --config "$dir/dhcpd.conf" --leases "$dir/dhcpd.leases" -v)
    rc=$?
    set -e
    case "$out" in
    "DHCP SCOPE "*) ;;
    *) echo "unexpected plugin output: $out"; exit 1 ;;
    esac
    if [ "$rc" -gt 2 ]; then
        echo "plugin exit $rc: $out"
        exit 1
    fi
    if ! grep -q "failover fo1 (this server $role): normal" <<<"$out"; then
        echo "the plugin does not report failover fo1 as $role/normal:"
        echo "$out"
        exit 1
    fi
done
echo "isc_pools_crosscheck: OK"
