#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The ISC source's counts against dhcpd-pools (Debian package dhcpd-pools), the
# tool ISC users run today. Starts nothing: generates a small failover workload
# with bench/gen_isc.py (as primary, then as secondary) in a temporary
# directory and compares, per range, active == dhcpd-pools "cur",
# backup == "bu", addresses == "max" and free+expired+released+abandoned ==
# "touch"; per subnet, the scope isc_fetch fills against the sum of its
# ranges; and that the plugin itself runs on the files. Also checks that the
# generator is deterministic (the same options give the same bytes), which
# every test built on it relies on.
# Env: CDS_PLUGIN, CDS_ISC_DUMP, CDS_SOURCE_DIR, PYTHON.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

: "${CDS_PLUGIN:?}" "${CDS_ISC_DUMP:?}" "${CDS_SOURCE_DIR:?}" "${PYTHON:=python3}"
need dhcpd-pools "Debian: apt-get install dhcpd-pools"

here=$(cd "$(dirname "$0")" && pwd)
gen=$CDS_SOURCE_DIR/bench/gen_isc.py
new_tmpdir tmp

# Lease ends lie in 2099: counting "now" changes nothing, as for dhcpd-pools.
now=$(date +%s)
for role in primary secondary; do
    dir=$tmp/$role
    opts=(--subnets 60 --pool 200 --history 3 --shared-every 7 --role "$role" --seed 7)
    "$PYTHON" "$gen" "$dir" "${opts[@]}"
    "$PYTHON" "$gen" "$dir.again" "${opts[@]}" >/dev/null
    check "$role: bench/gen_isc.py writes the same files twice" \
        'cmp "$dir/dhcpd.conf" "$dir.again/dhcpd.conf" && cmp "$dir/dhcpd.leases" "$dir.again/dhcpd.leases"'
    dhcpd-pools -c "$dir/dhcpd.conf" -l "$dir/dhcpd.leases" -f c >"$dir/pools.csv"
    "$CDS_ISC_DUMP" "$dir/dhcpd.conf" "$dir/dhcpd.leases" "$now" >"$dir/dump.txt"

    if "$PYTHON" "$here/isc_pools_compare.py" "$dir/pools.csv" "$dir/dump.txt" "$role"; then
        ok "$role: every range and scope agrees with dhcpd-pools"
    else
        bad "$role: the isc source and dhcpd-pools disagree"
    fi

    set +e
    out=$("$CDS_PLUGIN" --source isc --no-pidfile --config "$dir/dhcpd.conf" --leases "$dir/dhcpd.leases" -v)
    rc=$?
    set -e
    case "$out" in
    "DHCP SCOPE "*) ok "$role: the plugin prints a status line" ;;
    *) bad "$role: unexpected plugin output: $out" ;;
    esac
    if [ "$rc" -gt 2 ]; then
        bad "$role: plugin exit $rc: $out"
    else
        ok "$role: plugin exit $rc"
    fi
    if grep -q "failover fo1 (this server $role): normal" <<<"$out"; then
        ok "$role: failover fo1 is reported as $role/normal"
    else
        bad "$role: the plugin does not report failover fo1 as $role/normal:
$out"
    fi
done
finish
