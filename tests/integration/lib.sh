# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by every integration test script: one way to report checks and one
# list of things to undo at exit.
#
# Reporting. Each check ends in one of
#   ok MSG          a check passed ("ok: MSG")
#   bad MSG         a check failed ("FAIL: MSG"); the script goes on
#   die MSG         a check failed and nothing after it can run: exits now
#   skip MSG        one scenario deliberately not run here ("skipped: MSG")
#   check MSG EXPR  evals EXPR: ok MSG when it succeeds, bad MSG otherwise
# and the script ends with `finish`. The EXIT trap then prints one summary
# line, "N passed, N failed, N skipped", last, and exits 0 only when at least
# one check passed and none failed (and the script did not stop early).
#
# A test that cannot run at all because a tool is missing is not a pass:
#   need TOOL HINT     exits 77 ("SKIP: ...") unless TOOL is on PATH
#   skip_test REASON   exits 77
# and CTest reports 77 as "Skipped" (SKIP_RETURN_CODE, tests/CMakeLists.txt).
#
# Cleanup. Any part of a test (the script, kea_lib.sh, hardening_lib.sh)
# registers what must be undone; at exit, whatever the reason, the single
# EXIT trap undoes everything in reverse order of registration:
#   spawn CMD...       starts CMD in the background (redirect the call to
#                      redirect CMD), sets SPAWN_PID; at exit the process is
#                      continued (it may be stopped), terminated and waited for
#   stop_pid PID       stops one such process now and forgets it
#   on_exit CMD...     runs CMD at exit (a function or any command)
#   new_tmpdir VAR [TEMPLATE]   makes a temporary directory, removed at exit
# Cleanup functions can read LIB_RC (the script's exit status) and LIB_FAILED.
# Pids are registered in the shell that sources this file: call spawn there,
# not in a $(...) or ( ) subshell.

[ -n "${LIB_SH_LOADED:-}" ] && return 0
LIB_SH_LOADED=1

LIB_PASSED=0
LIB_FAILED=0
LIB_SKIPPED=0
LIB_FINISHED=0
LIB_RC=0
LIB_CLEANUP=()
LIB_ERR_AT=""

ok() {
  LIB_PASSED=$((LIB_PASSED + 1))
  printf 'ok: %s\n' "$*"
}

bad() {
  LIB_FAILED=$((LIB_FAILED + 1))
  printf 'FAIL: %s\n' "$*"
  return 0
}

die() {
  bad "$@"
  exit 1
}

skip() {
  LIB_SKIPPED=$((LIB_SKIPPED + 1))
  printf 'skipped: %s\n' "$*"
}

# check MSG EXPR: EXPR is evaluated in the caller's variables.
check() {
  if eval "$2"; then ok "$1"; else bad "$1"; fi
}

skip_test() {
  printf 'SKIP: %s\n' "$*"
  exit 77
}

# need TOOL HINT: TOOL is a command name or an absolute path.
need() {
  command -v "$1" >/dev/null 2>&1 || skip_test "$1 is not installed${2:+ ($2)}"
}

finish() {
  LIB_FINISHED=1
  [ "$LIB_FAILED" -eq 0 ] && exit 0
  exit 1
}

on_exit() {
  LIB_CLEANUP+=("cmd $(printf '%q ' "$@")")
}

spawn() {
  "$@" &
  SPAWN_PID=$!
  LIB_CLEANUP+=("pid $SPAWN_PID")
}

new_tmpdir() {
  local dir
  dir=$(mktemp -d "${2:-/tmp/cds-test.XXXXXX}") || die "mktemp -d failed"
  on_exit _lib_rmdir "$dir"
  printf -v "$1" '%s' "$dir"
}

_lib_rmdir() {
  # Tests make files unreadable on purpose.
  chmod -R u+rwx "$1" 2>/dev/null
  rm -rf "$1"
}

# _lib_child PID: sets LIB_STATE to PID's state letter (Z: exited, not yet
# reaped) when PID is a child of this shell, to "" otherwise: a pid that has
# been reaped and reused by another process is never signalled.
_lib_child() {
  local stat
  LIB_STATE=""
  { read -r stat </proc/"$1"/stat; } 2>/dev/null || return 0
  stat=${stat##*) }
  set -- $stat
  if [ "$2" = "$BASHPID" ]; then LIB_STATE=$1; fi
  return 0
}

# _lib_stop PID: SIGCONT (a test may have frozen it), SIGTERM, up to 10 s to
# exit, then SIGKILL; always reaped.
_lib_stop() {
  local pid=$1 i
  _lib_child "$pid"
  if [ -n "$LIB_STATE" ] && [ "$LIB_STATE" != Z ]; then
    kill -CONT "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do
      _lib_child "$pid"
      [ -z "$LIB_STATE" ] || [ "$LIB_STATE" = Z ] && break
      sleep 0.1
    done
    if [ -n "$LIB_STATE" ] && [ "$LIB_STATE" != Z ]; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  return 0
}

stop_pid() {
  local i
  _lib_stop "$1"
  for i in "${!LIB_CLEANUP[@]}"; do
    if [ "${LIB_CLEANUP[$i]}" = "pid $1" ]; then unset "LIB_CLEANUP[$i]"; fi
  done
  return 0
}

_lib_exit() {
  local rc=$? i entry final
  set +eu
  LIB_RC=$rc
  if [ "$rc" != 0 ] && [ "$rc" != 77 ] && [ "$LIB_FINISHED" = 0 ] && [ "$LIB_FAILED" = 0 ]; then
    # Stopped by a failing command (set -e) rather than by a check.
    bad "the script stopped with exit status $rc${LIB_ERR_AT:+ after: $LIB_ERR_AT}"
  fi
  local keys=("${!LIB_CLEANUP[@]}")
  for ((i = ${#keys[@]} - 1; i >= 0; i--)); do
    entry=${LIB_CLEANUP[${keys[$i]}]}
    case $entry in
      "pid "*) _lib_stop "${entry#pid }" ;;
      "cmd "*) eval "${entry#cmd }" ;;
    esac
  done
  LIB_CLEANUP=()
  # An early stop was counted as a failure above: without failures, rc is 0
  # or 77 here.
  if [ "$LIB_FAILED" -gt 0 ]; then
    final=1
    [ "$rc" != 0 ] && [ "$rc" != 77 ] && final=$rc
  elif [ "$rc" = 77 ]; then
    final=77
  elif [ "$LIB_PASSED" = 0 ]; then
    printf 'FAIL: no check passed\n'
    LIB_FAILED=1
    final=1
  else
    final=0
  fi
  printf '%d passed, %d failed, %d skipped\n' "$LIB_PASSED" "$LIB_FAILED" "$LIB_SKIPPED"
  exit "$final"
}

trap _lib_exit EXIT
# Cleanup runs when the test is interrupted or terminated, too.
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
# The last failing command, for the message when set -e stops the script.
trap 'LIB_ERR_AT="line $LINENO: $BASH_COMMAND"' ERR
