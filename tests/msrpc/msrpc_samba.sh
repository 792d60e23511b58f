#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The RPC client's security layer against a real server: a Samba AD domain
# controller (Debian's samba), provisioned by this test with samba-tool into
# its own directory and started in a network namespace of its own (cds<pid>dc,
# removed at the end), with its own configuration, private, pid and socket
# directories; stopped by pid, and every process left in the namespace with
# it. Samba serves no DHCP interface, so:
#   - msrpc_probe (tests/msrpc/msrpc_probe.c) logs on exactly as the plugin
#     does (msrpc_conn.c) to Samba's own endpoint mapper, sealed, and asks it
#     for the DHCP Server over that association: NTLMv2 from --credentials,
#     Kerberos from a keytab (--keytab/--principal), from a ticket cache
#     (KRB5CCNAME) and from a password with a realm; Samba's audit log must
#     show each log-on as it was meant (NTLMSSP or krb5) and no ticket
#     forwarded to it; a wrong password gives the plugin's logon-failure
#     sentence;
#   - the plugin itself (NTLMv2 and the keytab) says "no DHCP server is
#     registered" (CRITICAL, as the alerting issue decided);
#   - under strace, neither writes a file (the keytab's ticket lives in the
#     process's kernel keyring), and the ticket cache it was given is left as
#     it was;
#   - an hour of clock skew (faketime) still logs on from the keytab, and is
#     a logon failure naming the clock from a ticket cache; a KDC that never
#     answers is cut off by -t, naming the stage.
source "$(dirname "$0")/msrpc_lib.sh"
netns_init
for tool in samba samba-tool strace kinit klist faketime; do
  need "$tool" "Debian: apt-get install samba samba-ad-dc samba-ad-provision krb5-user strace faketime"
done
[ -f /usr/share/samba/setup/ad-schema/AD_DS_Attributes__Windows_Server_2012_R2.ldf ] \
  || skip_test "samba-ad-provision is not installed (Debian: apt-get install samba-ad-provision)"
: "${CDS_MSRPC_PROBE:?set by CTest}"
PROBE=$CDS_MSRPC_PROBE
HARDENING=("$PY3" "$CDS_SOURCE_DIR/tests/integration/hardening.py")

REALM=CDS.TEST
DC=cdsdc.cds.test
netns_add NS dc
# The domain controller's name, inside the namespace only (ip netns exec
# mounts this file over /etc/hosts there).
mkdir -p "/etc/netns/$NS"
on_exit rm -rf "/etc/netns/$NS"
printf '127.0.0.1 localhost\n127.0.0.1 %s cdsdc\n' "$DC" >"/etc/netns/$NS/hosts"
cat >"$T/krb5.conf" <<EOF
[libdefaults]
	default_realm = $REALM
	dns_lookup_realm = false
	dns_lookup_kdc = false
	rdns = false
	forwardable = true
[realms]
	$REALM = {
		kdc = 127.0.0.1
	}
[domain_realm]
	.cds.test = $REALM
EOF
export KRB5_CONFIG=$T/krb5.conf
# Nothing may land in a ticket cache folder under TMPDIR either.
mkdir "$T/tmp"
export TMPDIR=$T/tmp

# --- the domain controller ---------------------------------------------------
t0=$(date +%s%N)
samba-tool domain provision --targetdir="$T/dc" --realm="$REALM" --domain=CDS --server-role=dc \
  --dns-backend=NONE --adminpass='Adm1n.Passw0rd' --host-name=cdsdc --host-ip=127.0.0.1 \
  --option="interfaces=lo" --option="bind interfaces only=yes" >"$T/provision.log" 2>&1 \
  || die "samba-tool domain provision failed: $(tail -5 "$T/provision.log")"
conf=$T/dc/etc/smb.conf
samba-tool user add monitor 'Mon1tor.Passw0rd' -s "$conf" >>"$T/provision.log" 2>&1 \
  && samba-tool domain exportkeytab "$T/monitor.keytab" --principal="monitor@$REALM" -s "$conf" \
    >>"$T/provision.log" 2>&1 \
  || die "cannot add the monitoring account: $(tail -5 "$T/provision.log")"
echo "provisioned in $((($(date +%s%N) - t0) / 1000000)) ms"
mkdir "$T/dc/run" "$T/dc/ncalrpc"
# Only the RPC server and the KDC; everything it writes stays under $T/dc;
# the audit log names each log-on's mechanism, the KDC log each ticket.
netns_spawn "$NS" "$T/samba.log" samba -s "$conf" --foreground --no-process-group -M single --debug-stdout \
  --option="server services=rpc,kdc" --option="pid directory=$T/dc/run" --option="ncalrpc dir=$T/dc/ncalrpc" \
  --option="log level=1 auth_audit:5 kerberos:3" --option="panic action="
SAMBA_PID=$SPAWN_PID
# Whatever samba started in the namespace stops with it.
stop_namespace() { ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null; return 0; }
on_exit stop_namespace
listening() { ip netns exec "$NS" ss -Hltn "sport = :$1" | grep -q .; }
netns_wait 30 "Samba listening on TCP 135 and 88" eval 'listening 135 && listening 88'
echo "provisioned and listening after $((($(date +%s%N) - t0) / 1000000)) ms"

creds "$T/good" monitor 'Mon1tor.Passw0rd' CDS
creds "$T/wrong" monitor 'not.the.Passw0rd' CDS
umask 077
printf 'username = monitor\npassword = Mon1tor.Passw0rd\nrealm = %s\n' "$REALM" >"$T/realm"
umask 022

# probe NAME HOST ARGS...: msrpc_probe in the namespace; sets OUT, RC and
# LOG (what Samba logged meanwhile).
probe() {
  local name=$1 host=$2 before
  shift 2
  before=$(wc -l <"$T/samba.log")
  ip netns exec "$NS" "$PROBE" "$host" 0 "$@" >"$T/$name.out" 2>"$T/$name.err"
  RC=$?
  OUT=$(cat "$T/$name.out")
  sleep 0.2 # the audit lines follow the reply
  LOG=$(tail -n +$((before + 1)) "$T/samba.log")
}
# logged NAME TEXT: Samba's log for that step holds TEXT.
logged() {
  if grep -q -F -- "$2" <<<"$LOG"; then ok "$1: Samba logged '$2'"; else bad "$1: Samba did not log '$2'"; fi
}
bound() { # NAME KERBEROS(0|1) ACCOUNT
  if [ "$RC" = 0 ] && grep -q -F -x "bound auth_type=9 auth_level=6 kerberos=$2 account=$3" <<<"$OUT" \
    && grep -q -x 'ept_map status=0x16c9a0d6 towers=0' <<<"$OUT"; then
    ok "$1: sealed SPNEGO bind (auth type 9, level 6: privacy) as $3; ept_map for dhcpsrv: EPT_S_NOT_REGISTERED"
  else
    bad "$1: exit $RC: $OUT $(head -c 300 "$T/$1.err")"
  fi
}

# --- NTLMv2 ------------------------------------------------------------------
probe ntlm 127.0.0.1 --credentials "$T/good"
bound ntlm 0 'CDS\monitor'
logged ntlm 'Successful AuthZ: [DCE/RPC,NTLMSSP] user [CDS]\[monitor]'
logged ntlm 'with [NTLMv2] status [NT_STATUS_OK]'

probe wrong_password 127.0.0.1 --credentials "$T/wrong"
if [ "$RC" = 3 ] && [ "$OUT" = "logon failure at 127.0.0.1 as CDS\\monitor (NT_STATUS_LOGON_FAILURE): wrong user name or password in $T/wrong, or the account is disabled, locked out or its password expired" ]; then
  ok "wrong_password: exit 3, $OUT"
else
  bad "wrong_password: exit $RC: $OUT"
fi
logged wrong_password 'status [NT_STATUS_WRONG_PASSWORD]'

run plugin_ntlm --source mswin -H 127.0.0.1 --credentials "$T/good"
expect plugin_ntlm 2 "DHCP SCOPE CRITICAL - no DHCP server is registered with the RPC endpoint mapper of 127.0.0.1 (error 1753, EPT_S_NOT_REGISTERED): the DHCP Server service is not running there"

# --- Kerberos ----------------------------------------------------------------
probe keytab "$DC" --keytab "$T/monitor.keytab" --principal "monitor@$REALM"
bound keytab 1 "monitor@$REALM"
logged keytab "Successful AuthZ: [DCE/RPC,krb5] user [CDS]\\[monitor]"
logged keytab "TGS-REQ SUCCESS ipv4:127.0.0.1"
logged keytab "monitor@$REALM host/$DC@$REALM"
# krb5.conf asks for forwardable tickets, and the domain trusts its DC for
# delegation: the plugin still forwards nothing.
if grep -q 'forwarded\]' <<<"$LOG"; then bad "keytab: a ticket was forwarded to the server: $(grep 'forwarded\]' <<<"$LOG")"
else ok "keytab: no ticket forwarded to the server"; fi

run plugin_keytab --source mswin -H "$DC" --keytab "$T/monitor.keytab" --principal "monitor@$REALM"
expect plugin_keytab 2 "DHCP SCOPE CRITICAL - no DHCP server is registered with the RPC endpoint mapper of $DC (127.0.0.1) (error 1753, EPT_S_NOT_REGISTERED)"

# A ticket cache from kinit: used, and left as it was (the service ticket
# goes to the plugin's copy in memory).
cc=$T/user.cc
ip netns exec "$NS" env KRB5CCNAME="FILE:$cc" kinit -k -t "$T/monitor.keytab" "monitor@$REALM" >"$T/kinit.log" 2>&1 \
  || die "kinit -k failed: $(cat "$T/kinit.log")"
cc_before=$(stat -c '%s %Y %Z' "$cc"; sha256sum <"$cc")
KRB5CCNAME=FILE:$cc probe ccache "$DC" --ccache
bound ccache 1 "monitor@$REALM"
logged ccache "Successful AuthZ: [DCE/RPC,krb5] user [CDS]\\[monitor]"
[ "$(stat -c '%s %Y %Z' "$cc"; sha256sum <"$cc")" = "$cc_before" ] \
  && ! KRB5CCNAME=FILE:$cc klist 2>/dev/null | grep -q "host/$DC" \
  && ok "ccache: the ticket cache is unchanged (no service ticket added)" \
  || bad "ccache: the ticket cache changed: $(KRB5CCNAME=FILE:$cc klist 2>&1)"

# Kerberos from the password when the credentials file names a realm.
probe realm "$DC" --credentials "$T/realm"
bound realm 0 "monitor@$REALM"
logged realm "Successful AuthZ: [DCE/RPC,krb5] user [CDS]\\[monitor]"

probe keytab_stranger "$DC" --keytab "$T/monitor.keytab" --principal "stranger@$REALM"
if [ "$RC" = 3 ] && [[ $OUT == "cannot get a Kerberos ticket for stranger@$REALM with the keytab $T/monitor.keytab: "*"(the keytab has no key for that principal: check --principal)" ]]; then
  ok "keytab_stranger: exit 3, $OUT"
else
  bad "keytab_stranger: exit $RC: $OUT"
fi
run keytab_address --source mswin -H 127.0.0.1 --keytab "$T/monitor.keytab" --principal "monitor@$REALM"
expect keytab_address 3 "DHCP SCOPE UNKNOWN - Kerberos needs the server's DNS name, and -H 127.0.0.1 is an address"

# --- the clock, and a KDC that does not answer ----------------------------------
# An hour off: from the keytab MIT Kerberos follows the KDC's clock (the
# offset travels in the cache, and Samba's Kerberos honours it); a ticket
# cache made at the right time is refused, and the sentence names the clock.
if [ "$CDS_SANITIZE" = ON ]; then
  # libfaketime's clock_gettime and ASan's start-up call each other forever.
  skip "clock skew: libfaketime cannot run an ASan binary (the native pass runs it)"
else
  timeout 30 ip netns exec "$NS" faketime -f '+1h' "$PROBE" "$DC" 0 --keytab "$T/monitor.keytab" \
    --principal "monitor@$REALM" >"$T/skew_keytab.out" 2>&1
  RC=$? OUT=$(cat "$T/skew_keytab.out")
  bound skew_keytab 1 "monitor@$REALM"
  timeout 30 ip netns exec "$NS" env KRB5CCNAME="FILE:$cc" faketime -f '+1h' "$PROBE" "$DC" 0 --ccache \
    >"$T/skew_cc.out" 2>&1
  RC=$? OUT=$(cat "$T/skew_cc.out")
  if [ "$RC" = 3 ] && [[ $OUT == "logon failure at $DC (127.0.0.1) with Kerberos as monitor@$REALM (NT_STATUS_LOGON_FAILURE): the server refused the ticket; "*"clock is within 5 minutes of the domain's" ]]; then
    ok "skew_ccache: exit 3, $OUT"
  else
    bad "skew_ccache: exit $RC: $OUT"
  fi
fi
# A KDC that takes the request and never answers (UDP and TCP): -t holds,
# and the sentence names the stage.
spawn ip netns exec "$NS" "$PY3" -c '
import socket, sys, time
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 8888))
t = socket.socket(); t.bind(("127.0.0.1", 8888)); t.listen(5)
open(sys.argv[1], "w").write("up")
time.sleep(300)' "$T/silent_kdc.up"
silent_kdc=$SPAWN_PID
netns_wait 10 "the silent KDC" test -s "$T/silent_kdc.up"
sed 's/kdc = 127.0.0.1$/kdc = 127.0.0.1:8888/' "$T/krb5.conf" >"$T/krb5-silent.conf"
t0=$(date +%s%N)
KRB5_CONFIG=$T/krb5-silent.conf run kdc_hang --source mswin -H "$DC" --keytab "$T/monitor.keytab" \
  --principal "monitor@$REALM" -t 2
MS=$((($(date +%s%N) - t0) / 1000000))
expect kdc_hang 3 "DHCP SCOPE UNKNOWN - timed out after 2 s while getting a Kerberos ticket for monitor@$REALM from the KDC with the keytab $T/monitor.keytab"
[ "$MS" -le 3000 ] && ok "kdc_hang: gone after $MS ms with -t 2" || bad "kdc_hang: took $MS ms with -t 2"
stop_pid "$silent_kdc"

# --- nothing written -----------------------------------------------------------
# strace_clean NAME CMD...: CMD (in the namespace) opens no file for writing,
# creates, renames or removes none (hardening.py strace-check on the file
# system calls; sockets and the kernel keyring are not files).
strace_clean() {
  local name=$1 report
  shift
  # LeakSanitizer stops the process with ptrace at exit, which strace holds.
  ip netns exec "$NS" env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
    strace -f -qq -o "$T/$name.strace" -e trace=%file "$@" >"$T/$name.out" 2>"$T/$name.err"
  RC=$?
  OUT=$(cat "$T/$name.out")
  if report=$("${HARDENING[@]}" strace-check "$T/$name.strace"); then
    ok "$name: exit $RC, no file opened for writing, created, renamed or removed ($(grep -c open "$T/$name.strace") opens)"
  else
    bad "$name: wrote files: $report"
  fi
}
strace_clean strace_plugin_keytab "$CDS_PLUGIN" --source mswin -H "$DC" --keytab "$T/monitor.keytab" \
  --principal "monitor@$REALM"
[ "$RC" = 2 ] || bad "strace_plugin_keytab: exit $RC: $OUT"
strace_clean strace_probe_keytab "$PROBE" "$DC" 0 --keytab "$T/monitor.keytab" --principal "monitor@$REALM"
grep -q -F -x "bound auth_type=9 auth_level=6 kerberos=1 account=monitor@$REALM" <<<"$OUT" || bad "strace_probe_keytab: $OUT"
strace_clean strace_probe_ccache env KRB5CCNAME="FILE:$cc" "$PROBE" "$DC" 0 --ccache
grep -q -F -x "bound auth_type=9 auth_level=6 kerberos=1 account=monitor@$REALM" <<<"$OUT" || bad "strace_probe_ccache: $OUT"
strace_clean strace_probe_ntlm "$PROBE" 127.0.0.1 0 --credentials "$T/good"
grep -q -F -x 'bound auth_type=9 auth_level=6 kerberos=0 account=CDS\monitor' <<<"$OUT" || bad "strace_probe_ntlm: $OUT"
[ -z "$(ls -A "$T/tmp")" ] && ok "nothing in TMPDIR" || bad "TMPDIR holds: $(ls -A "$T/tmp")"

# --- stopped by pid, nothing left ------------------------------------------------
stop_pid "$SAMBA_PID"
left=$(ip netns pids "$NS")
[ -z "$left" ] && ok "samba stopped by pid, no process left in $NS" || bad "processes left in $NS: $left"

finish
