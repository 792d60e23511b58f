#!/usr/bin/env bash
# The ISC source's counts against dhcpd-pools (Debian package dhcpd-pools), the
# tool ISC users run today. Starts nothing: generates a small failover workload
# with bench/gen_isc.py (as primary, then as secondary) in a temporary
# directory and compares, per range, active == dhcpd-pools "cur",
# backup == "bu", addresses == "max" and free+expired+released+abandoned ==
# "touch"; per subnet, the scope isc_fetch fills against the sum of its
# ranges; and that the plugin itself runs on the files.
# Env: CDS_PLUGIN, CDS_ISC_DUMP, CDS_SOURCE_DIR, PYTHON.
set -euo pipefail

: "${CDS_PLUGIN:?}" "${CDS_ISC_DUMP:?}" "${CDS_SOURCE_DIR:?}" "${PYTHON:=python3}"
if ! command -v dhcpd-pools >/dev/null 2>&1; then
    echo "SKIP: dhcpd-pools is not installed (apt-get install dhcpd-pools)"
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Lease ends lie in 2099: counting "now" changes nothing, as for dhcpd-pools.
now=$(date +%s)
for role in primary secondary; do
    dir=$tmp/$role
    "$PYTHON" "$CDS_SOURCE_DIR/bench/gen_isc.py" "$dir" --subnets 60 --pool 200 --history 3 \
        --shared-every 7 --role "$role" --seed 7
    dhcpd-pools -c "$dir/dhcpd.conf" -l "$dir/dhcpd.leases" -f c >"$dir/pools.csv"
    "$CDS_ISC_DUMP" "$dir/dhcpd.conf" "$dir/dhcpd.leases" "$now" >"$dir/dump.txt"

    "$PYTHON" "$here/isc_pools_compare.py" "$dir/pools.csv" "$dir/dump.txt" "$role"

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
