#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The mswin source's RPC client (Linux) against the test double of a Windows
# DHCP server's RPC interface (fake_dhcpm_server.py; no Windows server can
# run here). Starts that server on loopback, and in network namespaces named
# cdsmsrpc* (removed at the end) where the endpoint mapper must sit on TCP
# 135; stops each by pid. Checks the sealed NTLMv2 log-on and a wrong
# password, the scopes, failover and superscope data of the dhcpsapi
# double's fixtures, the endpoint mapper path (found, not registered,
# nothing listening), access denied both ways, the errors that make a
# server down, the faults (a hang after the bind, a reset mid-reply, a fault
# PDU, truncated and hostile replies: exit 3 within -t + 1 s), 1,000 scopes
# in few calls, and replies fragmented over many PDUs.
source "$(dirname "$0")/msrpc_lib.sh"
need_impacket
netns_init

base=$T/base
cat >"$base" <<'FX'
# Three enabled scopes, one disabled, a load-balance relationship over two.
scope 10.0.1.0 255.255.255.0 "Office" enabled inuse=60 free=40
scope 10.0.2.0 255.255.255.0 "Büro Süd" enabled inuse=50 free=50
scope 10.0.4.0 255.255.254.0 "Lab" enabled inuse=100 free=400
scope 10.0.9.0 255.255.255.0 "Old" disabled inuse=100 free=0
relationship "fo-hq" mode=loadbalance role=primary state=normal scopes=10.0.1.0,10.0.2.0
stats 10.0.1.0 num=100 free=40 inuse=60 thisfree=22 partnerfree=18 thisinuse=31 partnerinuse=29
superscope "Building A" 10.0.1.0,10.0.4.0
FX
creds "$T/good" cds 'Passw0rd äß' CDSTEST
creds "$T/wrong" cds 'not the password' CDSTEST

start_server base "" -- --fixture "$base" --user 'cds:Passw0rd äß' --counts "$T/base.counts"
A=(--source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good")
# Most scenarios look at each scope's own line: a superscope is one pool by
# default, which the "superscope" scenario checks without this.
PS=(--per-subnet)

run healthy "${A[@]}" "${PS[@]}" -v
sleep 0.1 # the server writes its counts every 20 ms
expect healthy 0 "DHCP SCOPE OK - 0 critical, 0 warning, 3 ok, lowest 10.0.1.0/24 40% free (40 of 100) | "
has healthy 'OK: 10.0.1.0/24 "Office" in Building A: 40% free (40 of 100), 60 used, free this 22 / partner 18, used this 31 / partner 29, failover fo-hq'
has healthy 'OK: 10.0.2.0/24 "Büro Süd": 50% free (50 of 100), 50 used, free this 25 / partner 25, used this 25 / partner 25, failover fo-hq'
has healthy 'OK: failover fo-hq (load-balance, this server primary): Normal'
has healthy "'10.0.4.0 free'=80%;20;10;0;100"
[ "$(count "$T/base.counts" DhcpGetSubnetInfo)" = 4 ] && [ "$(count "$T/base.counts" DhcpV4FailoverGetScopeStatistics)" = 2 ] \
  && ok "healthy: one subnet-info call per scope, one statistics call per failover scope" \
  || bad "healthy: calls: $(tr '\n' ' ' <"$T/base.counts")"

run critical "${A[@]}" "${PS[@]}" -w 60 -c 45
expect critical 2 "DHCP SCOPE CRITICAL - 1 critical, 1 warning, 1 ok, worst 10.0.1.0/24 40% free"

# A superscope is one pool: Building A (Office 40 of 100, Lab 400 of 500) is
# 73.33% free; its members are listed under it and do not alert alone.
run superscope "${A[@]}" -v -w 45 -c 30
expect superscope 0 "DHCP SCOPE OK - 0 critical, 0 warning, 2 ok, lowest 10.0.2.0/24 50% free (50 of 100) | 'group Building A free'=73.33%;45;30;0;100 'group Building A used'=160;;;0;600 "
has superscope 'OK: group Building A (2 subnets): 73.33% free (440 of 600), 160 used'
has superscope '  member 10.0.1.0/24 "Office": 40% free (40 of 100), 60 used, free this 22 / partner 18, used this 31 / partner 29, failover fo-hq'
has superscope '  member 10.0.4.0/23 "Lab": 80% free (400 of 500), 100 used'

sleep 0.1
e0=$(count "$T/base.counts" DhcpEnumSubnets) s0=$(count "$T/base.counts" DhcpGetSubnetInfo)
run select "${A[@]}" -s 10.0.2.0 -v
expect select 0 "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok"
sleep 0.1
[ "$(count "$T/base.counts" DhcpEnumSubnets)" = "$e0" ] && [ "$(count "$T/base.counts" DhcpGetSubnetInfo)" = $((s0 + 1)) ] \
  && ok "select: -s ADDR reads one scope without listing" || bad "select: calls: $(tr '\n' ' ' <"$T/base.counts")"

run wrong_password --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/wrong"
expect wrong_password 3 "DHCP SCOPE UNKNOWN - logon failure at 127.0.0.1 as CDSTEST\\cds (NT_STATUS_LOGON_FAILURE): wrong user name or password in $T/wrong"

# Samba's own log lines never reach the monitoring system's stderr; -vvv
# prints them after the run.
[ ! -s "$T/wrong_password.err" ] && ok "wrong_password: nothing on stderr" \
  || bad "wrong_password: stderr: $(head -c 300 "$T/wrong_password.err")"
run wrong_password_vvv --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/wrong" -vvv
grep -q 'NT_STATUS_LOGON_FAILURE' "$T/wrong_password_vvv.err" && ok "wrong_password_vvv: Samba's log on stderr" \
  || bad "wrong_password_vvv: no Samba log on stderr: $(head -c 300 "$T/wrong_password_vvv.err")"
chmod 0644 "$T/good"
run creds_mode "${A[@]}"
expect creds_mode 3 "DHCP SCOPE UNKNOWN - the credentials file $T/good is readable or writable by every user (mode 0644)"
chmod 0600 "$T/good"
printf 'username = cds\npasword = x\n' >"$T/typo"; chmod 600 "$T/typo"
run creds_typo --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/typo"
expect creds_typo 3 "DHCP SCOPE UNKNOWN - $T/typo line 2 sets 'pasword': a credentials file has only username, password, domain and realm"

run keytab_address --source mswin -H 127.0.0.1 --port "$PORT" --keytab /nonexistent --principal x@Y
expect keytab_address 3 "DHCP SCOPE UNKNOWN - Kerberos needs the server's DNS name, and -H 127.0.0.1 is an address"
run keytab_missing --source mswin -H localhost --port "$PORT" --keytab /nonexistent --principal x@Y
expect keytab_missing 3 "DHCP SCOPE UNKNOWN - cannot read the keytab /nonexistent: No such file or directory"
run keytab_alone --source mswin -H localhost --port "$PORT" --keytab /nonexistent
expect keytab_alone 3 "DHCP SCOPE UNKNOWN - --keytab needs --principal too"
# Nothing to log on with: no file, no keytab, no ticket cache.
KRB5CCNAME=FILE:$T/none.cc run no_credentials --source mswin -H localhost --port "$PORT"
expect no_credentials 3 "DHCP SCOPE UNKNOWN - no credentials to log on with: give --credentials FILE, or --keytab FILE with --principal NAME, or a Kerberos ticket cache in KRB5CCNAME (FILE:$T/none.cc: there is none)"
run creds_missing --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/nonexistent"
expect creds_missing 3 "DHCP SCOPE UNKNOWN - cannot read the credentials file $T/nonexistent: No such file or directory"
# Samba's libraries are the RPC module's (check_dhcp_scope-msrpc.so beside
# the plugin), loaded for --source mswin only: the plugin itself links none.
samba_libs=$(ldd "$CDS_PLUGIN" | grep -E 'libdcerpc|libsamba|libndr|libtalloc|libkrb5' || true)
[ -z "$samba_libs" ] && ok "the plugin links no Samba or Kerberos library" \
  || bad "the plugin links Samba's libraries: $(tr '\n' ' ' <<<"$samba_libs")"
[ -f "$(dirname "$CDS_PLUGIN")/check_dhcp_scope-msrpc.so" ] && ok "the RPC module is beside the plugin" \
  || bad "no check_dhcp_scope-msrpc.so beside $CDS_PLUGIN"
# Without its module, a copy of the plugin says so (and still checks other sources).
mkdir "$T/alone"
cp "$CDS_PLUGIN" "$T/alone/"
CDS_PLUGIN=$T/alone/check_dhcp_scope run module_missing "${A[@]}"
expect module_missing 3 "DHCP SCOPE UNKNOWN - --source mswin needs the plugin's RPC module, which cannot be loaded (install it beside the plugin, with Samba's client libraries): $T/alone/check_dhcp_scope-msrpc.so: cannot open shared object file"
printf 'lease 10.0.5.10 {\n  binding state active;\n}\n' >"$T/alone/dhcpd.leases"
printf 'subnet 10.0.5.0 netmask 255.255.255.0 {\n  range 10.0.5.10 10.0.5.19;\n}\n' >"$T/alone/dhcpd.conf"
CDS_PLUGIN=$T/alone/check_dhcp_scope run module_missing_isc --source isc --no-pidfile --config "$T/alone/dhcpd.conf" \
  --leases "$T/alone/dhcpd.leases"
expect module_missing_isc 0 "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 10.0.5.0/24 90% free (9 of 10)"

run no_host --source mswin --credentials "$T/good"
expect no_host 3 "DHCP SCOPE UNKNOWN - --source mswin needs -H SERVER here"

# --- errors the server reports, in the stub or as a fault --------------------
fx_case() { # NAME WANT-RC WANT-PREFIX FIXTURE-LINE [SERVER ARGS...]; FX_ARGS: the plugin's extra ones
  local name=$1 want=$2 prefix=$3 line=$4
  shift 4
  { cat "$base"; echo "$line"; } >"$T/$name.fx"
  start_server "$name" "" -- --fixture "$T/$name.fx" --user 'cds:Passw0rd äß' "$@"
  run "$name" --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" ${FX_ARGS[@]+"${FX_ARGS[@]}"}
  expect "$name" "$want" "$prefix"
  stop_pid "$SERVER_PID"
}
fx_case access_denied 3 "DHCP SCOPE UNKNOWN - access denied by the DHCP server on 127.0.0.1 (DhcpEnumSubnets: error 5): the account the check logs on with (CDSTEST\\cds) must be a member of the DHCP Users group on that server" \
  'fail DhcpEnumSubnets 5'
fx_case access_denied_fault 3 "DHCP SCOPE UNKNOWN - access denied by the DHCP server on 127.0.0.1 (DhcpGetMibInfoV5: error 5)" \
  '# access denied as a fault PDU' --fault DhcpGetMibInfoV5:5
fx_case not_running 2 "DHCP SCOPE CRITICAL - the DHCP Server service is not running on 127.0.0.1 (DhcpEnumSubnets: error 1753)" \
  'fail DhcpEnumSubnets 1753'
fx_case unavailable 2 "DHCP SCOPE CRITICAL - cannot reach the DHCP server on 127.0.0.1 (DhcpGetMibInfoV5: error 1722, RPC server unavailable)" \
  'fail DhcpGetMibInfoV5 1722'
# A server without failover (before Windows Server 2012): its scopes are
# checked on their MIB figures, as the .exe does.
nofo="DHCP SCOPE OK - 0 critical, 0 warning, 3 ok, lowest 10.0.1.0/24 40% free (40 of 100) | '10.0.1.0 free'=40%;20;10;0;100 '10.0.1.0 used'=60;;;0;100 '10.0.2.0 free'"
FX_ARGS=("${PS[@]}")
fx_case no_failover 0 "$nofo" 'fail DhcpV4FailoverEnumRelationship 20134'
fx_case no_failover_fault 0 "$nofo" '# a server without the failover methods' --fault DhcpV4FailoverEnumRelationship:0x1c010002
FX_ARGS=()
# Superscopes decide which scopes are one pool: their call failing is an
# error, as in the .exe.
fx_case superscope_denied 3 "DHCP SCOPE UNKNOWN - access denied by the DHCP server on 127.0.0.1 (DhcpGetSuperScopeInfoV4: error 5)" \
  'fail DhcpGetSuperScopeInfoV4 5'
fx_case superscope_fault 3 "DHCP SCOPE UNKNOWN - DhcpGetSuperScopeInfoV4 failed on 127.0.0.1: " \
  '# a fault PDU' --fault DhcpGetSuperScopeInfoV4:0x1c000001
fx_case superscope_down 2 "DHCP SCOPE CRITICAL - the DHCP Server service is not running on 127.0.0.1 (DhcpGetSuperScopeInfoV4: error 1753)" \
  'fail DhcpGetSuperScopeInfoV4 1753'
fx_case scope_gone 3 "DHCP SCOPE UNKNOWN - scope 10.0.1.0 does not exist on 127.0.0.1 (DhcpV4FailoverGetScopeStatistics: error 20005)" \
  'fail DhcpV4FailoverGetScopeStatistics 20005 scope=10.0.1.0'
fx_case bad_stub 3 "DHCP SCOPE UNKNOWN - the DHCP server on 127.0.0.1 rejected the DhcpGetSubnetInfo request as malformed" \
  '# a fault PDU' --fault DhcpGetSubnetInfo:0x6f7
fx_case other_fault 3 "DHCP SCOPE UNKNOWN - DhcpGetMibInfoV5 failed on 127.0.0.1: " \
  '# an unknown fault code' --fault DhcpGetMibInfoV5:0x1c000001
fx_case truncated 3 "DHCP SCOPE UNKNOWN - the server's R_DhcpGetMibInfoV5 reply is malformed (at byte" \
  '# half a reply' --garbage DhcpGetMibInfoV5:truncate
fx_case hostile 3 "DHCP SCOPE UNKNOWN - the server's R_DhcpV4FailoverEnumRelationship reply is malformed" \
  '# huge counts' --garbage DhcpV4FailoverEnumRelationship:hostile
fx_case reset 3 "DHCP SCOPE UNKNOWN - the DHCP server on 127.0.0.1 closed the connection during Dhcp" \
  '# half a reply, then RST' --reset DhcpGetMibInfoV5

# --- hangs: -t holds, naming the stage ----------------------------------------
hang_case() { # NAME STAGE-TEXT FIXTURE-LINE [SERVER ARGS...]
  local name=$1 stage=$2 line=$3
  shift 3
  { cat "$base"; echo "$line"; } >"$T/$name.fx"
  start_server "$name" "" -- --fixture "$T/$name.fx" --user 'cds:Passw0rd äß' "$@"
  run "$name" --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" -t 2
  expect "$name" 3 "DHCP SCOPE UNKNOWN - timed out after 2 s while $stage"
  [ "$MS" -le 3000 ] && ok "$name: gone after $MS ms with -t 2" || bad "$name: took $MS ms with -t 2"
  stop_pid "$SERVER_PID"
}
hang_case hang_after_bind "reading the scope list, address counts, failover relationships and superscopes of 127.0.0.1" \
  '# answers nothing after the bind' --hang-after-bind
hang_case hang_subnet "reading 4 scopes and the failover statistics of 2 from 127.0.0.1" 'hang DhcpGetSubnetInfo'
# A listener that never answers the bind.
spawn "$PY3" -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(5); open(sys.argv[1],"w").write(str(s.getsockname()[1])); time.sleep(120)' \
  "$T/silent.port"
spid=$SPAWN_PID
for _ in $(seq 50); do [ -s "$T/silent.port" ] && break; sleep 0.1; done
run silent_bind --source mswin -H 127.0.0.1 --port "$(cat "$T/silent.port")" --credentials "$T/good" -t 2
expect silent_bind 3 "DHCP SCOPE UNKNOWN - timed out after 2 s while logging on to the DHCP server on 127.0.0.1 as CDSTEST\\cds (bind, NTLMv2 at packet privacy)"
stop_pid "$spid"

# --- the endpoint mapper on TCP 135, in a namespace of its own ----------------
netns_add NS epm
run epm_nothing --source mswin -H 127.0.0.1 --credentials "$T/good"
expect epm_nothing 2 "DHCP SCOPE CRITICAL - 127.0.0.1 refuses connections on TCP port 135, the RPC endpoint mapper"
has epm_nothing '"DHCP Server (RPC-EPMAP)"'
start_server epm "$NS" -- --fixture "$base" --user 'cds:Passw0rd äß' --epm-port 135 --counts "$T/epm.counts"
run epm --source mswin -H 127.0.0.1 --credentials "$T/good" "${PS[@]}"
sleep 0.1
expect epm 0 "DHCP SCOPE OK - 0 critical, 0 warning, 3 ok, lowest 10.0.1.0/24 40% free (40 of 100)"
[ "$(count "$T/epm.counts" ept_map)" = 1 ] && ok "epm: one ept_map" || bad "epm: $(tr '\n' ' ' <"$T/epm.counts")"
stop_pid "$SERVER_PID"
start_server epm_unreg "$NS" -- --fixture "$base" --user 'cds:Passw0rd äß' --epm-port 135 --no-register
run epm_unreg --source mswin -H 127.0.0.1 --credentials "$T/good"
expect epm_unreg 2 "DHCP SCOPE CRITICAL - no DHCP server is registered with the RPC endpoint mapper of 127.0.0.1 (error 1753, EPT_S_NOT_REGISTERED)"
run epm_unreg_unknown --source mswin -H 127.0.0.1 --credentials "$T/good" --server-down=unknown
expect epm_unreg_unknown 3 "DHCP SCOPE UNKNOWN - no DHCP server is registered"
stop_pid "$SERVER_PID"
NS=

# --- IPv6 scopes (--family), what the .exe prints for the same fixture -------------
# The base server with IPv6 scopes beside: one critical, one disabled, one whose
# counts fill SCOPE_MIB_INFO_V6's 64-bit fields, one beyond 32 bits.
{
  cat "$base"
  echo 'scope6 2001:db8:1::/64 "Campus v6" enabled inuse=300 free=700'
  echo 'scope6 2001:db8:2::/64 "Lab v6" enabled inuse=920 free=80'
  echo 'scope6 2001:db8:3::/64 "Old v6" disabled inuse=10 free=0'
  echo 'scope6 2001:db8:100::/48 "Huge" enabled inuse=5000000000 free=18446744073709551615'
  echo 'scope6 2001:db8:200::/64 "Big" enabled inuse=5000000000 free=6000000000'
} >"$T/dual"
start_server dual "" -- --fixture "$T/dual" --user 'cds:Passw0rd äß' --counts "$T/dual.counts"
D=(--source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" "${PS[@]}")
# calls NAME: "enum info mib" of each family since the last mark.
mark() { sleep 0.1; cp "$T/dual.counts" "$T/dual.mark" 2>/dev/null || : >"$T/dual.mark"; }
delta() { echo $(($(count "$T/dual.counts" "$1") - $(count "$T/dual.mark" "$1"))); }
v6calls() { echo "$(delta DhcpEnumSubnetsV6) $(delta DhcpGetSubnetInfoV6) $(delta DhcpGetMibInfoV6)"; }
v4calls() { echo "$(delta DhcpEnumSubnets) $(delta DhcpGetSubnetInfo) $(delta DhcpGetMibInfoV5)"; }

mark
run v4_default "${D[@]}" -v
sleep 0.1
cmp -s "$T/healthy.out" "$T/v4_default.out" && ok "v4_default: the same output as without IPv6 scopes" \
  || bad "v4_default: $(diff "$T/healthy.out" "$T/v4_default.out" | head -c 600)"
[ "$(v6calls)" = "0 0 0" ] && ok "v4_default: no IPv6 call" || bad "v4_default: IPv6 calls $(v6calls)"

mark
run v6_only "${D[@]}" --family 6 -v
sleep 0.1
expect v6_only 2 "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 3 ok, worst 2001:db8:2::/64 8% free (80 of 1000) | "
has v6_only 'CRITICAL: 2001:db8:2::/64 "Lab v6": 8% free (80 of 1000), 920 used'
has v6_only 'OK: 2001:db8:100::/48 "Huge": 99.99% free (18446744073709551615 of 18446744078709551615), 5000000000 used'
has v6_only "'2001:db8:100:: used'=5000000000;;;0;18446744078709551615"
grep -q -e '10\.0\.' -e '2001:db8:3::' -e failover <<<"$OUT" && bad "v6_only: IPv4, disabled or failover lines: $OUT" \
  || ok "v6_only: only the enabled IPv6 scopes"
[ "$(v6calls)" = "1 5 1" ] && [ "$(v4calls)" = "0 0 0" ] && [ "$(delta DhcpV4FailoverEnumRelationship)" = 0 ] \
  && ok "v6_only: IPv6 calls only (1 listing, 5 subnet infos, 1 MIB)" || bad "v6_only: calls $(v6calls) / $(v4calls)"

mark
run v6_both "${D[@]}" --family both -v
sleep 0.1
expect v6_both 2 "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 6 ok, worst 2001:db8:2::/64 8% free (80 of 1000) | "
has v6_both 'OK: 10.0.1.0/24 "Office" in Building A: 40% free (40 of 100), 60 used, free this 22 / partner 18, used this 31 / partner 29, failover fo-hq'
has v6_both 'OK: 2001:db8:1::/64 "Campus v6": 70% free (700 of 1000), 300 used'
[ "$(v6calls)" = "1 5 1" ] && [ "$(v4calls)" = "1 4 1" ] && ok "v6_both: the calls of both families" \
  || bad "v6_both: calls $(v6calls) / $(v4calls)"

run v6_disabled "${D[@]}" --family 6 --include-disabled -v
expect v6_disabled 2 "DHCP SCOPE CRITICAL - 2 critical, 0 warning, 3 ok, worst 2001:db8:3::/64 0% free (0 of 10)"
# Counts beyond 32 bits reach the thresholds whole.
run v6_counts "${D[@]}" --family 6 -s 2001:db8:200::/64 -W 6000000001: -v
expect v6_counts 1 "DHCP SCOPE WARNING - 0 critical, 1 warning, 0 ok, worst 2001:db8:200::/64 54.54% free (6000000000 of 11000000000)"
has v6_counts "'2001:db8:200:: free count'=6000000000;6000000001;;0;11000000000"

mark
run v6_select "${D[@]}" --family both -s 2001:db8:2::/64 -s 10.0.4.0/23
sleep 0.1
expect v6_select 2 "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 1 ok, worst 2001:db8:2::/64 8% free"
[ "$(v6calls)" = "0 1 1" ] && [ "$(v4calls)" = "0 1 1" ] && ok "v6_select: one scope of each family read, no listing" \
  || bad "v6_select: calls $(v6calls) / $(v4calls)"
run v6_select_name "${D[@]}" --family both -s "Campus v6"
expect v6_select_name 0 "DHCP SCOPE OK - 0 critical, 0 warning, 1 ok, lowest 2001:db8:1::/64 70% free (700 of 1000)"

run v6_wrong_family "${D[@]}" -s 2001:db8:1::/64
expect v6_wrong_family 3 "DHCP SCOPE UNKNOWN - -s 2001:db8:1::/64 names an IPv6 scope, but only the server's IPv4 scopes are read: use --family 6 or --family both"
run v4_wrong_family "${D[@]}" --family 6 -s 10.0.1.0
expect v4_wrong_family 3 "DHCP SCOPE UNKNOWN - -s 10.0.1.0 names an IPv4 scope, but only the server's IPv6 scopes are read: use --family 4 or --family both"
run v6_missing "${D[@]}" --family 6 -s 2001:db8:9::/64
expect v6_missing 3 "DHCP SCOPE UNKNOWN - scope 2001:db8:9:: does not exist on 127.0.0.1 (DhcpGetSubnetInfoV6: error 20005): check -s"
run v6_named_disabled "${D[@]}" --family 6 -s 2001:db8:3::/64
expect v6_named_disabled 3 "DHCP SCOPE UNKNOWN - scope 2001:db8:3:: is disabled on 127.0.0.1: enable it, or add --include-disabled"
stop_pid "$SERVER_PID"

dual_case() { # NAME WANT-RC WANT-PREFIX FIXTURE-LINE [PLUGIN ARGS...]
  local name=$1 want=$2 prefix=$3 line=$4
  shift 4
  { cat "$T/dual"; echo "$line"; } >"$T/$name.fx"
  start_server "$name" "" -- --fixture "$T/$name.fx" --user 'cds:Passw0rd äß'
  run "$name" --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" "${PS[@]}" "$@"
  expect "$name" "$want" "$prefix"
  stop_pid "$SERVER_PID"
}
dual_case v6_enum_denied 3 "DHCP SCOPE UNKNOWN - access denied by the DHCP server on 127.0.0.1 (DhcpEnumSubnetsV6: error 5)" \
  'fail DhcpEnumSubnetsV6 5' --family both
# The IPv4 scopes' failure comes first, as the .exe meets it.
dual_case v4_first 3 "DHCP SCOPE UNKNOWN - access denied by the DHCP server on 127.0.0.1 (DhcpGetMibInfoV5: error 5)" \
  $'fail DhcpEnumSubnetsV6 5\nfail DhcpGetMibInfoV5 5' --family both
dual_case v6_info_failed 3 "DHCP SCOPE UNKNOWN - DhcpGetSubnetInfoV6 failed on 127.0.0.1 with error 1726" \
  'fail DhcpGetSubnetInfoV6 1726 scope=2001:db8:2::' --family 6
dual_case v6_mib_failed 3 "DHCP SCOPE UNKNOWN - DhcpGetMibInfoV6 failed on 127.0.0.1 with error 13" \
  'fail DhcpGetMibInfoV6 13' --family 6
dual_case v6_down 2 "DHCP SCOPE CRITICAL - the DHCP Server service is not running on 127.0.0.1 (DhcpGetMibInfoV6: error 1753)" \
  'fail DhcpGetMibInfoV6 1753' --family both
# An IPv6 scope deleted between listing and reading is gone, not an error.
dual_case v6_deleted 0 "DHCP SCOPE OK - 0 critical, 0 warning, 3 ok, lowest 2001:db8:200::/64 54.54% free" \
  'fail DhcpGetSubnetInfoV6 20005 scope=2001:db8:2::' --family 6 -v
grep -q '2001:db8:2::' <<<"$OUT" && bad "v6_deleted: the deleted scope is reported: $OUT" || ok "v6_deleted: the deleted scope is gone"
# A server without IPv6 scopes: --family both is its IPv4 verdict, and the
# IPv6 counters the .exe would not ask for change nothing even when failing.
{ cat "$base"; echo 'fail DhcpGetMibInfoV6 1753'; } >"$T/v6_none.fx"
start_server v6_none "" -- --fixture "$T/v6_none.fx" --user 'cds:Passw0rd äß'
run v6_none --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" "${PS[@]}" --family both -v
cmp -s "$T/healthy.out" "$T/v6_none.out" && ok "v6_none: the IPv4 check's output" \
  || bad "v6_none: $(diff "$T/healthy.out" "$T/v6_none.out" | head -c 600)"
run v6_none_only --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" --family 6
expect v6_none_only 3 "DHCP SCOPE UNKNOWN - "
has v6_none_only "the server reports no scopes"
stop_pid "$SERVER_PID"
# Paging: 700 IPv6 scopes in pages of 300.
"$PY3" "$CDS_SOURCE_DIR/tests/mswin_double/gen_fixture.py" many6 "$T/many6"
start_server many6 "" -- --fixture "$T/many6" --user 'cds:Passw0rd äß' --counts "$T/many6.counts"
run many6 --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" --family 6
sleep 0.1
expect many6 2 "DHCP SCOPE CRITICAL - 1 critical, 0 warning, 699 ok, worst 2001:db8:101:4d::/64 1% free (10 of 1000)"
[ "$(count "$T/many6.counts" DhcpEnumSubnetsV6)" = 3 ] && [ "$(count "$T/many6.counts" DhcpGetSubnetInfoV6)" = 700 ] \
  && ok "many6: 3 pages, 700 subnet infos" || bad "many6: $(tr '\n' ' ' <"$T/many6.counts")"
stop_pid "$SERVER_PID"

# --- 1,000 scopes: few calls, fragmented replies -------------------------------
"$PY3" "$CDS_SOURCE_DIR/tests/mswin_double/gen_fixture.py" many "$T/many"
many_first="DHCP SCOPE CRITICAL - 1 critical, 1 warning, 998 ok, worst 10.102.5.0/24 1.57% free (4 of 254), failover fo-3 CommunicationInterrupted"
start_server many "" -- --fixture "$T/many" --user 'cds:Passw0rd äß' --counts "$T/many.counts"
run many --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good"
expect many 2 "$many_first"
sleep 0.1
calls=$(awk '$1 == "call" { n += $3 } END { print n }' "$T/many.counts")
fo_scopes=1000
[ "$calls" -le $((2 * fo_scopes + 10)) ] && ok "many: $calls calls for 1,000 failover scopes (at most 2 per scope + 10)" \
  || bad "many: $calls calls: $(tr '\n' ' ' <"$T/many.counts")"
[ "$(count "$T/many.counts" DhcpEnumSubnets)" = 4 ] && ok "many: 4 pages of scopes" || bad "many: $(tr '\n' ' ' <"$T/many.counts")"
echo "many: 1,000 scopes in $MS ms on loopback"
stop_pid "$SERVER_PID"
start_server frag "" -- --fixture "$T/many" --user 'cds:Passw0rd äß' --max-frag 256
run frag --source mswin -H 127.0.0.1 --port "$PORT" --credentials "$T/good" -v
expect frag 2 "$many_first"
has frag 'CRITICAL: 10.102.5.0/24 "Scope 517": 1.57% free (4 of 254), 250 used'
stop_pid "$SERVER_PID"

finish
