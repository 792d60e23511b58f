# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the hardening tests (faults_*.sh, readonly.sh, valgrind.sh):
# runs the plugin, times it, and checks its whole output. Checks are reported
# and counted through lib.sh (ok, bad, skip, finish); everything started in
# the background (spawn) is stopped by pid at exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

: "${CDS_PLUGIN:?set CDS_PLUGIN to the built check_dhcp_scope}"
: "${CDS_SOURCE_DIR:?set CDS_SOURCE_DIR to the source tree}"
PYTHON=${PYTHON:-python3}
HELPER=("$PYTHON" "$CDS_SOURCE_DIR/tests/integration/hardening.py")
# ON in the ASan/UBSan build: slow scenarios shrink or are skipped there.
CDS_SANITIZE=${CDS_SANITIZE:-OFF}

# Unix socket paths are limited to 107 bytes: keep the directory short.
new_tmpdir H_DIR /tmp/cds-h.XXXXXX

# wait_for PATH: waits up to 20 s until PATH exists (a fake server's socket).
wait_for() {
  local i
  for i in $(seq 200); do
    [ -e "$1" ] && return 0
    sleep 0.1
  done
  bad "$1 did not appear within 20 s"
  return 1
}

# bad_run MSG: bad, followed by the last run's exit code, time and output.
bad_run() {
  bad "$@"
  if [ -n "${OUT+x}" ]; then
    echo "  exit code: ${RC:-?}, ${ELAPSED:-?} s"
    sed 's/^/  stdout: /' <<<"$OUT"
    [ -z "${ERR:-}" ] || sed 's/^/  stderr: /' <<<"$ERR"
  fi
}

# run ARGS...: runs the plugin; sets OUT (stdout), ERR (stderr), RC and
# ELAPSED (seconds, with fractions).
run() {
  local t0 t1
  t0=$(date +%s.%N)
  set +e
  "$CDS_PLUGIN" "$@" >"$H_DIR/out" 2>"$H_DIR/err"
  RC=$?
  set -e
  t1=$(date +%s.%N)
  OUT=$(cat "$H_DIR/out")
  ERR=$(cat "$H_DIR/err")
  ELAPSED=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}

# sentence_ok NAME RC STATE REGEX: the last run was one "DHCP SCOPE STATE - "
# line whose sentence matches REGEX (extended, case-insensitive), exit RC,
# no perfdata, nothing on stderr: how the plugin says it could not measure
# (UNKNOWN, 3) or that the server is down (CRITICAL, 2).
sentence_ok() {
  local name=$1 want=$2 state=$3 regex=$4 lines
  lines=$(printf '%s\n' "$OUT" | wc -l)
  if [ "$RC" != "$want" ]; then
    bad_run "$name: exit code $RC, expected $want"
  elif [ "$lines" != 1 ]; then
    bad_run "$name: $lines lines of output, expected exactly one"
  elif [[ "$OUT" != "DHCP SCOPE $state - "* ]]; then
    bad_run "$name: the line does not start with 'DHCP SCOPE $state - '"
  elif [[ "$OUT" == *"|"* ]]; then
    bad_run "$name: $state output has perfdata or a '|'"
  elif ! grep -qEi -- "$regex" <<<"$OUT"; then
    bad_run "$name: the sentence does not match /$regex/"
  elif [ -n "$ERR" ]; then
    bad_run "$name: something was written to stderr"
  else
    ok "$name: $OUT"
  fi
}

# unknown_ok NAME REGEX: could not measure (sentence_ok, UNKNOWN).
unknown_ok() { sentence_ok "$1" 3 UNKNOWN "$2"; }

# down_ok NAME REGEX: the server is down (sentence_ok, CRITICAL).
down_ok() { sentence_ok "$1" 2 CRITICAL "$2"; }

# expect_unknown NAME REGEX ARGS...: runs the plugin and checks unknown_ok.
expect_unknown() {
  local name=$1 regex=$2
  shift 2
  run "$@"
  unknown_ok "$name" "$regex"
}

# result_ok NAME RC FIRST_LINE_REGEX: the last run exited RC with a first
# line matching the regex and nothing on stderr.
result_ok() {
  local name=$1 want=$2 regex=$3
  if [ "$RC" != "$want" ]; then
    bad_run "$name: exit code $RC, expected $want"
  elif ! head -n 1 <<<"$OUT" | grep -qE -- "$regex"; then
    bad_run "$name: first line does not match /$regex/"
  elif [ -n "$ERR" ]; then
    bad_run "$name: something was written to stderr"
  else
    ok "$name: $(head -n 1 <<<"$OUT" | cut -c1-150)"
  fi
}

# same_output NAME WANT: the last run printed exactly WANT.
same_output() {
  if [ "$OUT" = "$2" ]; then
    ok "$1"
  else
    bad_run "$1: output differs from the expected
  want: $(head -n 1 <<<"$2")"
  fi
}

# within NAME SECONDS: the last run took at most SECONDS.
within() {
  if awk -v e="$ELAPSED" -v m="$2" 'BEGIN { exit !(e <= m) }'; then
    ok "$1: ended after $ELAPSED s (limit $2 s)"
  else
    bad_run "$1: ended after $ELAPSED s, limit $2 s"
  fi
}
