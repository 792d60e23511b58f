#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault tests for the Kea source beyond kea_faults.sh. Starts fake kea-dhcp4
# control sockets (python3: an empty reply, 50 MB replies) and real
# kea-dhcp4 processes behind a recording proxy, to check that the plugin
# sends only read commands and writes no file. Each fault ends in exit 3 with
# one clear sentence, exactly one line and nothing on stderr.
source "$(dirname "$0")/kea_lib.sh"
source "$(dirname "$0")/hardening_lib.sh"
need strace "Debian: apt-get install strace"
need /usr/bin/time "Debian: apt-get install time"

cd "$H_DIR"
DATA=$CDS_SOURCE_DIR/tests/data/kea

# fake MODE NAME [ARG]: a fake control socket at $H_DIR/NAME.sock.
fake() {
  spawn "${HELPER[@]}" fakekea "$1" "$H_DIR/$2.sock" ${3:+"$3"}
  wait_for "$H_DIR/$2.sock"
}

# (kea_faults.sh covers a missing, refusing, hanging or resetting socket, a
# hanging Control Agent, a reply cut in half, invalid JSON, result 1 and a
# reply past the 64 MiB cap. These are the cases it leaves.)

# A socket path that is a plain file (connect is refused: nothing listens,
# so the server-down sentence, UNKNOWN here with --server-down=unknown), and
# one too long for sun_path.
: >plain.sock
expect_unknown "socket path is a plain file" "is not running or not answering on $H_DIR/plain.sock \(connection refused" \
  --source kea --socket "$H_DIR/plain.sock" --server-down=unknown
long=$H_DIR/$(printf 'x%.0s' $(seq 120)).sock
expect_unknown "socket path too long" "longer than a unix socket path may be" --source kea --socket "$long"

: >emptyreply.json
fake canned emptyreply emptyreply.json
expect_unknown "closing without a reply" "closed the control socket .* without answering (config-get|version-get|stat-lease4-get)" \
  --source kea --socket "$H_DIR/emptyreply.sock"

# 50 MB replies (under the 64 MiB cap): junk to every command, and a valid
# config-get reply padded with user-context after a real version-get reply
# (then stat-lease4-get and statistic-get-all are not supported). Each ends
# in a sentence, within the timeout, in bounded memory.
rss_limit=$((512 << 10))
run_rss() {
  set +e
  /usr/bin/time -f %M -o rss "$CDS_PLUGIN" "$@" >out 2>err
  RC=$?
  set -e
  OUT=$(cat out) ERR=$(cat err)
  RSS=$(tail -n 1 rss)
}
for kind in junk json; do
  if [ "$kind" = junk ]; then
    "${HELPER[@]}" junk "big-$kind.json" 50000000 "$kind"
    fake canned "big-$kind" "big-$kind.json"
  else
    "${HELPER[@]}" junk "big-$kind-config-get.json" 50000000 "$kind"
    cp "$DATA/single-version-get.json" "big-$kind-version-get.json"
    fake files "big-$kind" "$H_DIR/big-$kind"
  fi
  run_rss -t 20 --source kea --socket "$H_DIR/big-$kind.sock"
  if [ "$kind" = junk ]; then
    unknown_ok "50 MB junk reply" "reply to version-get is not valid JSON"
  else
    unknown_ok "50 MB valid reply" "Kea does not support statistic-get-all"
  fi
  if [ "$CDS_SANITIZE" = ON ]; then
    skip "50 MB $kind reply: peak RSS $((RSS >> 10)) MiB (not limited under the sanitizers)"
  elif [ "$RSS" -lt "$rss_limit" ]; then
    ok "50 MB $kind reply: peak RSS $((RSS >> 10)) MiB (limit $((rss_limit >> 10)) MiB)"
  else
    bad_run "50 MB $kind reply: peak RSS $((RSS >> 10)) MiB, limit $((rss_limit >> 10)) MiB"
  fi
  rm -f "big-$kind.json" "big-$kind-config-get.json"
done

# Only read commands: a real kea-dhcp4 (stat_cmds loaded, and a second one
# without it, so that the fallback is used too) behind a proxy that records
# each command's name; strace shows that no file is written either
# (LeakSanitizer, which needs ptrace at exit, is off under strace).
READ_ONLY="config-get stat-lease4-get statistic-get-all status-get ha-heartbeat version-get list-commands"
for variant in stat nostat; do
  hooks="{ \"library\": \"$(kea_hook lease_cmds)\" }"
  [ "$variant" = stat ] && hooks="$hooks, { \"library\": \"$(kea_hook stat_cmds)\" }"
  cat >"kea-$variant.json" <<EOF
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [] },
  "control-socket": { "socket-type": "unix", "socket-name": "$H_DIR/kea-$variant.sock" },
  "lease-database": { "type": "memfile", "persist": false },
  "hooks-libraries": [ $hooks ],
  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.109" } ] } ] } }
EOF
  kea_start "$variant" "$H_DIR/kea-$variant.json" "$H_DIR/kea-$variant.sock"
  kea_leases "$H_DIR/kea-$variant.sock" "$(seq_addrs 192.0.2 10 39)"
  fake record "rec-$variant" "$H_DIR/kea-$variant.sock"
  set +e
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f -qq -o "strace-$variant.log" \
    -e trace=%file,%desc,%process "$CDS_PLUGIN" --source kea --socket "$H_DIR/rec-$variant.sock" >out 2>err
  RC=$?
  set -e
  OUT=$(cat out) ERR=$(cat err)
  result_ok "real kea-dhcp4 ($variant) through the recording proxy" 0 \
    "^DHCP SCOPE OK - .*192.0.2.0/24 70% free \(70 of 100\)"
  sent=$(sort -u "$H_DIR/rec-$variant.sock.commands" | tr '\n' ' ')
  others=$(sort -u "$H_DIR/rec-$variant.sock.commands" | grep -vxF -f <(tr ' ' '\n' <<<"$READ_ONLY") || true)
  if [ -z "$sent" ]; then
    bad_run "only read commands ($variant): the proxy saw no command"
  elif [ -n "$others" ]; then
    bad_run "only read commands ($variant): the plugin sent $others"
  else
    ok "only read commands ($variant): $sent"
  fi
  if report=$("${HELPER[@]}" strace-check "strace-$variant.log"); then
    ok "no file written ($variant): strace shows no open for writing and no write but to stdout"
  else
    bad_run "the plugin wrote ($variant):
$report"
  fi
  kea_stop "$variant"
done

finish
