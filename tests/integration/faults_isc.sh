#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fault tests for the ISC dhcpd source: damaged, odd, huge, moving and
# blocking files. Starts nothing but python3 helpers that append to, rename
# or hold open the test's own files in a temporary directory. Each case ends
# in exit 3 with one clear sentence, or in the exact result of the intact file.
source "$(dirname "$0")/hardening_lib.sh"
need /usr/bin/time "Debian: apt-get install time"
[ "$(id -u)" != 0 ] || need setpriv "Debian: apt-get install util-linux"

cd "$H_DIR"
# One subnet, 200 addresses; the lease file's unit leases 100 of them.
cat >one.conf <<'EOF'
subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.1 10.0.0.200;
}
EOF
"${HELPER[@]}" leases unit.leases 1 100
run --no-pidfile --config one.conf --leases unit.leases
result_ok "reference" 0 "^DHCP SCOPE OK - .* 50% free \(100 of 200\) \| '10.0.0.0 free'=50%;20;10;0;100 '10.0.0.0 used'=100;;;0;200$"
REF=$OUT

# Empty: a freshly installed dhcpd starts from an empty file, so every pool
# address is free.
: >empty.leases
run --no-pidfile --config one.conf --leases empty.leases
result_ok "empty leases file" 0 "^DHCP SCOPE OK - .* 100% free \(200 of 200\)"

# Truncated mid-block (a reader meets the block dhcpd is writing): the
# unfinished block is ignored, wherever the cut falls.
"${HELPER[@]}" leases extra.leases 150 150
size=$(stat -c %s extra.leases)
for cut in 1 5 17 60 $((size / 2)) 210 $((size - 3)) $((size - 2)); do
  { cat unit.leases; head -c "$cut" extra.leases; } >cut.leases
  run --no-pidfile --config one.conf --leases cut.leases
  same_output "truncated mid-block after $cut of $size bytes" "$REF"
done
# Cut after the closing brace, before its newline: the block is complete.
{ cat unit.leases; head -c $((size - 1)) extra.leases; } >cut.leases
run --no-pidfile --config one.conf --leases cut.leases
result_ok "last block complete but for its newline" 0 "'10.0.0.0 used'=101;;;0;200$"

# Unreadable. root reads anything, so the plugin runs as nobody then.
cp unit.leases secret.leases
chmod 000 secret.leases
chmod 755 "$H_DIR"
if [ "$(id -u)" = 0 ]; then
  chmod 644 one.conf
  set +e
  setpriv --reuid=65534 --regid=65534 --clear-groups "$CDS_PLUGIN" --no-pidfile --config one.conf --leases secret.leases \
    >out 2>err
  RC=$?
  set -e
  OUT=$(cat out) ERR=$(cat err)
  unknown_ok "unreadable leases file" "^DHCP SCOPE UNKNOWN - cannot open secret.leases: Permission denied$"
else
  expect_unknown "unreadable leases file" "^DHCP SCOPE UNKNOWN - cannot open secret.leases: Permission denied$" \
    --no-pidfile --config one.conf --leases secret.leases
fi

mkdir leases.d
expect_unknown "leases file is a directory" "leases.d is a directory" --no-pidfile --config one.conf --leases leases.d
expect_unknown "missing leases file" "cannot open $H_DIR/nothere.leases: No such file or directory" \
  --no-pidfile --config one.conf --leases "$H_DIR/nothere.leases"

# A statement far longer than dhcpd writes (a 2 MiB string).
{
  cat unit.leases
  printf 'lease 10.0.0.150 {\n  binding state active;\n  client-hostname "'
  head -c $((2 << 20)) /dev/zero | tr '\0' A
  printf '";\n}\n'
} >longline.leases
expect_unknown "a line longer than 1 MiB" "longline.leases:[0-9]+: .*(longer than|too long)" \
  --no-pidfile --config one.conf --leases longline.leases

# NUL bytes: dhcpd never writes one (it escapes bytes in strings), so they
# mean damage: a crash leaves them at the end of a file whose size was
# written before its data, a bad disk block in the middle. Skipping them can
# lose whole blocks silently (a wrong OK), so each is an error.
{ cat unit.leases; head -c 8192 /dev/zero; } >nultail.leases
expect_unknown "NUL bytes at the end" "nultail.leases:[0-9]+: .*NUL" --no-pidfile --config one.conf --leases nultail.leases
{ head -c 4096 unit.leases; head -c 4096 /dev/zero; tail -c +8193 unit.leases; } >nulblock.leases
expect_unknown "a block of NUL bytes in the middle" "nulblock.leases:[0-9]+: .*NUL" \
  --no-pidfile --config one.conf --leases nulblock.leases
{ head -c 1000 unit.leases; head -c 10 /dev/zero; tail -c +1001 unit.leases; } >nulmid.leases
expect_unknown "NUL bytes inside a word" "nulmid.leases:[0-9]+: .*NUL" --no-pidfile --config one.conf --leases nulmid.leases

# dhcpd.conf faults.
printf 'include "b.conf";\n' >a.conf
printf 'subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.1 10.0.0.200; }\ninclude "a.conf";\n' >b.conf
expect_unknown "include loop" "b.conf:2: include loop: .*a.conf is already being read" \
  --no-pidfile --config a.conf --leases unit.leases
printf 'include "self.conf";\n' >self.conf
expect_unknown "include of itself" "self.conf:1: include loop" --no-pidfile --config self.conf --leases unit.leases
printf 'subnet 10.0.0.0 netmask 255.255.255.0 { range 10.0.0.1 10.0.0.200; }\ninclude "nothere.conf";\n' \
  >missinc.conf
expect_unknown "missing include" "missinc.conf:2: cannot open .*nothere.conf: No such file or directory" \
  --no-pidfile --config missinc.conf --leases unit.leases
printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  pool {\n    range 10.0.0.1 10.0.0.200;\n  }\n' >open.conf
expect_unknown "unbalanced braces: one '}' missing" "open.conf:[0-9]+: .*missing '}'" \
  --no-pidfile --config open.conf --leases unit.leases
printf 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  range 10.0.0.1 10.0.0.200;\n}\n}\n' >close.conf
expect_unknown "unbalanced braces: one '}' too many" "close.conf:4: .*unbalanced" \
  --no-pidfile --config close.conf --leases unit.leases
"$PYTHON" -c "import sys; sys.stdout.write('group {\n' * 100000)" >deep.conf
expect_unknown "100000 nested blocks" "deep.conf:[0-9]+: .*nested" --no-pidfile --config deep.conf --leases unit.leases
expect_unknown "missing dhcpd.conf" "cannot open nothere.conf: No such file or directory" \
  --no-pidfile --config nothere.conf --leases unit.leases
expect_unknown "dhcpd.conf is a directory" "leases.d is a directory" --no-pidfile --config leases.d --leases unit.leases

# Blocking reads: a FIFO nobody writes to (open blocks), and one whose writer
# sent half a block and stalls (read blocks). Gone within -t + 1 s.
mkfifo leases.fifo conf.fifo stall.fifo
expect_unknown "leases FIFO without a writer" \
  "^DHCP SCOPE UNKNOWN - timed out after 2 s while reading leases.fifo\.$" \
  -t 2 --no-pidfile --config one.conf --leases leases.fifo
within "leases FIFO without a writer" 3
expect_unknown "dhcpd.conf FIFO without a writer" \
  "^DHCP SCOPE UNKNOWN - timed out after 2 s while reading conf.fifo\.$" -t 2 --no-pidfile --config conf.fifo --leases unit.leases
within "dhcpd.conf FIFO without a writer" 3
spawn "$PYTHON" -c "
import os, time
fd = os.open('stall.fifo', os.O_WRONLY)
os.write(fd, b'lease 10.0.0.1 {\n  binding state')
time.sleep(60)"
expect_unknown "leases FIFO whose writer stalls mid-block" \
  "^DHCP SCOPE UNKNOWN - timed out after 2 s while reading stall.fifo\.$" -t 2 --no-pidfile --config one.conf --leases stall.fifo
within "leases FIFO whose writer stalls mid-block" 3
stop_pid "$SPAWN_PID"
# An endless stream of valid leases: the watchdog stops a plugin that is
# busy parsing, not only one blocked in a read.
mkfifo endless.fifo
spawn "$PYTHON" -c "
import os
unit = open('unit.leases', 'rb').read()
fd = os.open('endless.fifo', os.O_WRONLY)
try:
    while True:
        os.write(fd, unit)
except OSError:
    pass  # the plugin gave up: what this case wants"
expect_unknown "an endless stream of leases" \
  "^DHCP SCOPE UNKNOWN - timed out after 2 s while reading endless.fifo\.$" -t 2 --no-pidfile --config one.conf --leases endless.fifo
within "an endless stream of leases" 3
stop_pid "$SPAWN_PID"

# Big files that change while the plugin reads them. The sanitizer build
# reads several times slower, so its file is smaller.
if [ "$CDS_SANITIZE" = ON ]; then big=$((32 << 20)); else big=$((256 << 20)); fi
"${HELPER[@]}" repeat unit.leases big.leases "$big"

# Replaced by rename (dhcpd's hourly rewrite): the plugin finishes reading
# the file it opened, so the result is the old file's.
"${HELPER[@]}" leases new.leases 1 190
"${HELPER[@]}" race rename big.leases new.leases "$H_DIR" -- "$CDS_PLUGIN" --no-pidfile --config one.conf --leases big.leases
RC=$(cat rc) OUT=$(cat out) ERR=$(cat err) ELAPSED=?
if [ "$(cat acted)" != while-open ]; then
  bad_run "replaced by rename while read: the rename did not happen while the file was open ($(cat acted))"
else
  same_output "replaced by rename while read: the old file's result" "$REF"
fi

# Appended to while read: whole and cut blocks for 10.0.0.101-150 land while
# the plugin reads. The total is exact; the count used lies between what was
# there at open (100) and after the last append (150).
"${HELPER[@]}" repeat unit.leases big.leases "$big"
"${HELPER[@]}" leases more.leases 101 150
"$PYTHON" -c "import sys; d=open('more.leases').read(); sys.stdout.write(d * 40)" >append.leases
"${HELPER[@]}" race append big.leases append.leases "$H_DIR" -- "$CDS_PLUGIN" --no-pidfile --config one.conf --leases big.leases
RC=$(cat rc) OUT=$(cat out) ERR=$(cat err) ELAPSED=?
used=$(sed -n "s/.*'10.0.0.0 used'=\([0-9]*\);;;0;200\$/\1/p" <<<"$OUT")
if [ "$(cat acted)" != while-open ]; then
  bad_run "appended to while read: the appends did not start while the file was open ($(cat acted))"
elif [ "$RC" -gt 2 ] || [ -z "$used" ] || [ "$used" -lt 100 ] || [ "$used" -gt 150 ]; then
  bad_run "appended to while read: expected a result with 100 to 150 of 200 used"
else
  result_ok "appended to while read ($used of 200 used)" "$RC" "^DHCP SCOPE (OK|WARNING|CRITICAL) - "
fi
rm -f big.leases append.leases

# 2 GiB of valid leases (the unit again and again): the same result as the
# unit, in bounded time and memory, and past every 32-bit offset.
avail=$(df -Pk "$H_DIR" | awk 'NR == 2 { print $4 }')
if [ "$CDS_SANITIZE" = ON ]; then
  skip "2 GiB leases file (too slow under the sanitizers)"
elif [ "$avail" -lt $((3 << 20)) ]; then
  skip "2 GiB leases file (only $((avail >> 10)) MiB free in $H_DIR)"
else
  "${HELPER[@]}" repeat unit.leases huge.leases $(((2 << 30) + (1 << 20)))
  set +e
  t0=$(date +%s.%N)
  /usr/bin/time -f %M -o rss "$CDS_PLUGIN" -t 30 --no-pidfile --config one.conf --leases huge.leases >out 2>err
  RC=$?
  t1=$(date +%s.%N)
  set -e
  OUT=$(cat out) ERR=$(cat err)
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  rss=$(tail -n 1 rss)
  same_output "2 GiB leases file ($(stat -c %s huge.leases) bytes): the unit's result" "$REF"
  within "2 GiB leases file" 30
  if [ "$rss" -lt $((64 << 10)) ]; then
    ok "2 GiB leases file: peak RSS $((rss >> 10)) MiB (limit 64 MiB)"
  else
    bad_run "2 GiB leases file: peak RSS $((rss >> 10)) MiB, limit 64 MiB"
  fi
  rm -f huge.leases
fi

finish
