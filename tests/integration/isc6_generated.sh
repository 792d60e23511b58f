#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The ISC source on generated dhcpd -6 files whose counts are known by
# construction, checked three ways. Starts no server: dhcpd runs only as
# `dhcpd -6 -T` (it reads the files, says how many leases it keeps, and exits),
# dhcpd-pools as a cross-check.
#  - tests/integration/isc6_cases.py: the awkward cases (range6 as a prefix,
#    totals beyond 2^64, temporary addresses, prefix6 pools with fixed-prefix6
#    hosts kept out, the same lease in several blocks and IAs, ended, expired,
#    released and abandoned leases, an unfinished last IA): isc_dump's scopes
#    and the plugin's perfdata equal the truth, the unfinished last IA changes
#    nothing, and dhcpd -6 -T keeps exactly the leases the truth keeps.
#  - bench/gen_isc6.py (a small workload): the same bytes twice, scopes equal
#    its truth, dhcpd keeps what it says, and dhcpd-pools agrees on every
#    range6 it reads (its 2.29 misreads `temporary` ranges and gives an
#    iaprefix's binding state to the iaaddr before it, so the ia-pd blocks are
#    left out of its copy of the leases).
#  - malformed files: exit 3 naming the file and line.
# The files are copies without a server: the plugin runs with --no-pidfile.
# Env: CDS_PLUGIN, CDS_ISC_DUMP, CDS_SOURCE_DIR, PYTHON.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

: "${CDS_PLUGIN:?}" "${CDS_ISC_DUMP:?}" "${CDS_SOURCE_DIR:?}" "${PYTHON:=python3}"
need dhcpd "Debian: apt-get install isc-dhcp-server"
need dhcpd-pools "Debian: apt-get install dhcpd-pools"

here=$(cd "$(dirname "$0")" && pwd)
compare=$here/isc6_compare.py
new_tmpdir tmp

# dhcpd -6 -T FILE: dhcpd reads the leases and writes them again to a file
# beside them, which it removes; a copy keeps the original untouched.
dhcpd_kept() {
    cp "$1/dhcpd6.leases" "$1/dhcpd-test.leases"
    dhcpd -6 -T -cf "$1/dhcpd6.conf" -lf "$1/dhcpd-test.leases" >"$1/dhcpd.log" 2>&1
}

# --- the awkward cases ---
cases=$tmp/cases
"$PYTHON" "$here/isc6_cases.py" "$cases"
"$CDS_ISC_DUMP" "$cases/dhcpd6.conf" "$cases/dhcpd6.leases" >"$cases/dump.txt"
check "cases: every scope equals the truth" '"$PYTHON" "$compare" scopes "$cases/expected.txt" "$cases/dump.txt"'
"$CDS_ISC_DUMP" "$cases/dhcpd6.conf" "$cases/dhcpd6.leases.partial" >"$cases/dump-partial.txt"
check "cases: an unfinished last IA changes nothing" \
    'cmp <(grep ^scope "$cases/dump.txt") <(grep ^scope "$cases/dump-partial.txt")'
if dhcpd_kept "$cases"; then
    check "cases: dhcpd -6 -T keeps the leases the truth keeps" \
        '"$PYTHON" "$compare" kept "$cases/dhcpd.txt" "$cases/dhcpd.log"'
else
    bad "cases: dhcpd -6 -T refused the files: $(tail -3 "$cases/dhcpd.log")"
fi
set +e
"$CDS_PLUGIN" --source isc --config "$cases/dhcpd6.conf" --leases "$cases/dhcpd6.leases" --no-pidfile --per-subnet -v \
    >"$cases/out.txt"
rc=$?
set -e
check "cases: the plugin exits 0 (all scopes have room), got $rc" '[ "$rc" = 0 ]'
check "cases: perfdata equal the truth (exact counts beyond 2^64, percentages rounded down)" \
    '"$PYTHON" "$compare" perfdata "$cases/expected.txt" "$cases/out.txt"'
check "cases: the long output names the PD pools" \
    'grep -q "^OK: 2001:db8:c::/64 PD 2001:db8:c100::/48 as /56 and 1 more pool: " "$cases/out.txt"'
set +e
out=$("$CDS_PLUGIN" --source isc --config "$cases/dhcpd6.conf" --leases "$cases/dhcpd6.leases" --no-pidfile \
    -s 2001:db8:c:: -x 2001:db8:f::/64 -w 80 -c 75)
rc=$?
set -e
check "cases: -s takes an IPv6 subnet; both of its scopes are judged (rc $rc)" \
    '[ "$rc" = 2 ] && grep -q "^DHCP SCOPE CRITICAL - 1 critical, 1 warning, 0 ok" <<<"$out"'

# --- the benchmark generator, small ---
gen=$CDS_SOURCE_DIR/bench/gen_isc6.py
work=$tmp/gen
opts=(--subnets 40 --clients 200 --history 3 --shared-every 7 --seed 6)
"$PYTHON" "$gen" "$work" "${opts[@]}"
"$PYTHON" "$gen" "$work.again" "${opts[@]}" >/dev/null
check "gen_isc6.py writes the same files twice" \
    'cmp "$work/dhcpd6.conf" "$work.again/dhcpd6.conf" && cmp "$work/dhcpd6.leases" "$work.again/dhcpd6.leases"'
"$CDS_ISC_DUMP" "$work/dhcpd6.conf" "$work/dhcpd6.leases" >"$work/dump.txt"
check "gen_isc6.py: every scope equals the generator's truth" \
    '"$PYTHON" "$compare" scopes "$work/expected.txt" "$work/dump.txt"'
# Its leases never end before 2099 and none is taken over: kept = used + declined.
awk '/^scope/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
                n[v["kind"]] += v["used"] + v["declined"] }
     END { printf "NA %d TA 0 PD %d\n", n["addresses"], n["prefixes"] }' "$work/expected.txt" >"$work/dhcpd.txt"
if dhcpd_kept "$work"; then
    check "gen_isc6.py: dhcpd -6 -T keeps the leases its truth keeps" \
        '"$PYTHON" "$compare" kept "$work/dhcpd.txt" "$work/dhcpd.log"'
else
    bad "gen_isc6.py: dhcpd -6 -T refused the files: $(tail -3 "$work/dhcpd.log")"
fi
awk '/^ia-pd /{skip=1} !skip{print} skip && /^}/{skip=0}' "$work/dhcpd6.leases" >"$work/no-pd.leases"
dhcpd-pools -c "$work/dhcpd6.conf" -l "$work/no-pd.leases" -f c >"$work/pools.csv"
check "gen_isc6.py: dhcpd-pools agrees on every range6" \
    '"$PYTHON" "$compare" pools "$work/pools.csv" "$work/dump.txt"'

# --- malformed input: exit 3, file and line ---
bad_case() {  # bad_case NAME CONF LEASES WANT
    local dir=$tmp/bad-$1 want=$4 out rc
    mkdir -p "$dir"
    printf '%b' "$2" >"$dir/dhcpd6.conf"
    printf '%b' "$3" >"$dir/dhcpd6.leases"
    set +e
    out=$("$CDS_PLUGIN" --source isc --config "$dir/dhcpd6.conf" --leases "$dir/dhcpd6.leases" --no-pidfile)
    rc=$?
    set -e
    check "malformed $1: exit 3 naming the place ($out)" '[ "$rc" = 3 ] && [[ $out == *"$dir/$want"* ]]'
}
sub='subnet6 2001:db8:1::/64 {\n  range6 2001:db8:1::100 2001:db8:1::1ff;\n}\n'
bad_case iaaddr "$sub" 'ia-na "k" {\n  iaaddr 2001:db8:1::1g0 {\n    binding state active;\n  }\n}\n' \
    'dhcpd6.leases:2: bad IPv6 address "2001:db8:1::1g0" in iaaddr'
bad_case iaprefix "$sub" '\nia-pd "k" {\n  iaprefix 2001:db8:100::/56x {\n  }\n}\n' \
    'dhcpd6.leases:3: bad IPv6 prefix "2001:db8:100::/56x" in iaprefix'
bad_case no-state "$sub" 'ia-na "k" {\n  iaaddr 2001:db8:1::100 {\n    ends never;\n  }\n}\n' \
    'dhcpd6.leases:4: iaaddr 2001:db8:1::100 has no binding state'
bad_case range6 'subnet6 2001:db8:1::/64 {\n\n  range6 2001:db8:1::100 2001:db8:2::1;\n}\n' '' \
    'dhcpd6.conf:3: range6 end address 2001:db8:2::1 is outside subnet6 2001:db8:1::/64'
bad_case prefix6 'subnet6 2001:db8:1::/64 {\n  prefix6 2001:db8:100:: 2001:db8:1ff:: /56x;\n}\n' '' \
    'dhcpd6.conf:2: bad prefix length "56x" in prefix6'
bad_case subnet6 'subnet6 2001:db8:1::/64x { }\n' '' 'dhcpd6.conf:1: bad prefix length "64x" in subnet6'
finish
