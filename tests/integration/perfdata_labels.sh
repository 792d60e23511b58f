#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Perfdata a grapher can keep: runs the plugin on the example ISC files several
# times (twice the same, with -v, with the partner down, with a tight output
# budget left off) and checks that every run has the same set of labels, that
# each label is 'SUBNET metric' or 'group NAME metric' (the campus
# shared-network, judged as one pool) with a known metric, unique within its
# run, and that every item is well formed ('label'=value[UOM];warn;crit;min;max,
# plain decimals). -W/-C add exactly one 'free count' per scope and group.
# Starts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
: "${CDS_PLUGIN:?set by CTest}" "${CDS_SOURCE_DIR:?set by CTest}"
python=${PYTHON:-python3}
ex=$CDS_SOURCE_DIR/docs/examples
new_tmpdir tmp

run() {
  local name=$1 leases=$2
  shift 2
  "$CDS_PLUGIN" --no-pidfile --config "$ex/dhcpd.conf" --leases "$leases" --max-output 0 "$@" >"$tmp/$name" || true
}
run first "$ex/dhcpd.leases"
run second "$ex/dhcpd.leases"
run verbose "$ex/dhcpd.leases" -v
run thresholds "$ex/dhcpd.leases" -w 50 -c 40
run partner_down "$ex/partner-down/dhcpd.leases"
run count "$ex/dhcpd.leases" -W 5 -C 1

if "$python" - "$tmp" <<'PY'; then
import os, re, sys

tmp = sys.argv[1]
item_re = re.compile(r"'((?:[^'=]|'')+)'=(-?[0-9]+(?:\.[0-9]+)?)(%?);(-?[0-9.]*);(-?[0-9.]*);(-?[0-9.]*);(-?[0-9.]*)")
label_re = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){3}|group [^ ]+) (free|used|free count|this free|partner free)$")
fail = 0

def labels(name):
    global fail
    text = open(os.path.join(tmp, name)).read()
    first = text.split("\n", 1)[0]
    if " | " not in first:
        print(f"FAIL {name}: no perfdata on the first line: {first!r}")
        fail = 1
        return set()
    perf = first.split(" | ", 1)[1]
    out, pos = [], 0
    while pos < len(perf):
        m = item_re.match(perf, pos)
        if not m:
            print(f"FAIL {name}: malformed perfdata at {perf[pos:pos + 60]!r}")
            fail = 1
            return set(out)
        out.append(m.group(1))
        if not label_re.match(m.group(1)):
            print(f"FAIL {name}: label {m.group(1)!r} is not 'SUBNET metric' or 'group NAME metric'")
            fail = 1
        pos = m.end()
        if pos < len(perf):
            if perf[pos] != " ":
                print(f"FAIL {name}: items not separated by one space at {perf[pos:pos + 30]!r}")
                fail = 1
                return set(out)
            pos += 1
    if len(out) != len(set(out)):
        print(f"FAIL {name}: a label repeats: {sorted(out)}")
        fail = 1
    return set(out)

base = labels("first")
if not any(l.endswith(" this free") for l in base) or not any(l.endswith(" used") for l in base):
    print(f"FAIL: the example should give failover and used labels: {sorted(base)}")
    fail = 1
if "group campus free" not in base or "10.20.0.0 free" not in base or "10.20.1.0 free" not in base:
    print(f"FAIL: the campus shared-network should have its group labels and its members' own: {sorted(base)}")
    fail = 1
for name in ("second", "verbose", "thresholds", "partner_down"):
    other = labels(name)
    if other != base:
        print(f"FAIL {name}: labels differ from the first run: +{sorted(other - base)} -{sorted(base - other)}")
        fail = 1
count = labels("count")
subnets = {label_re.match(l).group(1) for l in base}
want = base | {f"{s} free count" for s in subnets}
if count != want:
    print(f"FAIL count: -W/-C labels: +{sorted(count - want)} -{sorted(want - count)}")
    fail = 1
if not fail:
    print(f"ok: {len(base)} labels for {len(subnets)} scopes and groups, the same in every run; -W/-C add {len(subnets)} 'free count'")
sys.exit(fail)
PY
  ok "perfdata labels are well formed and stable"
else
  bad "perfdata labels"
fi
finish
