#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the hardening tests (tests/integration/faults_*.sh, readonly.sh).

  hardening.py leases OUT FIRST LAST [STATE]      lease blocks for 10.0.0.FIRST..LAST
  hardening.py repeat SRC DST BYTES               SRC written again and again, whole
                                                  copies, until DST holds >= BYTES
  hardening.py race append|rename LEASES EXTRA OUTDIR -- PLUGIN ARGS...
        runs the plugin; once it has LEASES open, appends EXTRA to it in pieces
        until the plugin ends (append) or renames EXTRA over it (rename). Writes
        OUTDIR/out, OUTDIR/err, OUTDIR/rc and OUTDIR/acted ("while-open" when
        the change happened while the plugin had the file open).
  hardening.py fakekea MODE SOCKET [ARG]         a fake kea-dhcp4 control socket:
        refuse     leave a socket file nobody listens on, and exit
        hang       accept and never answer
        midclose   send the first half of ARG's contents, then close
        canned     answer every command with ARG's contents
        record     forward every command to the real socket ARG and append
                   each command's name to SOCKET.commands
        files      answer COMMAND with the file ARG-COMMAND.json (recorded
                   replies), or with result 2 (unsupported) when there is none
  hardening.py junk OUT BYTES [json]              BYTES of junk, or a valid
                                                  config-get reply that long
  hardening.py strace-check LOG WATCHED...        reads `strace -f -o LOG`: fails
        when a file was opened for writing, created, renamed, removed or had
        its attributes changed, or anything was written to a fd other than 1
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

from kea_ctl import read_command


def lease_block(i, state):
    return ('lease 10.0.0.%d {\n  starts 2 2026/11/24 09:00:00;\n  ends never;\n'
            '  cltt 2 2026/11/24 09:00:00;\n  binding state %s;\n  next binding state free;\n'
            '  hardware ethernet 00:16:00:00:%02x:00;\n  uid "\\001\\000\\026>\\3011\\023";\n'
            '  client-hostname "host-%d";\n}\n' % (i, state, i & 0xff, i))


def cmd_leases(out, first, last, state="active"):
    with open(out, "w") as f:
        for i in range(int(first), int(last) + 1):
            f.write(lease_block(i, state))


def cmd_repeat(src, dst, nbytes):
    nbytes = int(nbytes)
    unit = open(src, "rb").read()
    block = unit * max(1, (1 << 20) // len(unit))
    written = 0
    with open(dst, "wb") as f:
        while written < nbytes:
            f.write(block)
            written += len(block)


def is_open(pid, path):
    real = os.path.realpath(path)
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            try:
                if os.readlink("/proc/%d/fd/%s" % (pid, fd)) == real:
                    return True
            except OSError:
                pass
    except OSError:
        pass
    return False


def cmd_race(mode, leases, extra, outdir, argv):
    with open(os.path.join(outdir, "out"), "wb") as out, open(os.path.join(outdir, "err"), "wb") as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err)
        acted = "never"
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            if is_open(proc.pid, leases):
                acted = "while-open"
                break
            time.sleep(0.0005)
        if acted == "while-open":
            if mode == "rename":
                os.rename(extra, leases)
                if proc.poll() is not None:
                    acted = "after-exit"
            else:
                data = open(extra, "rb").read()
                # Whole blocks and cut ones, as dhcpd's buffered writes land.
                step = 4093
                with open(leases, "ab") as f:
                    for off in range(0, len(data), step):
                        if proc.poll() is not None:
                            break
                        f.write(data[off:off + step])
                        f.flush()
        rc = proc.wait()
    with open(os.path.join(outdir, "rc"), "w") as f:
        f.write("%d\n" % rc)
    with open(os.path.join(outdir, "acted"), "w") as f:
        f.write(acted + "\n")


def unlink_quiet(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def serve(path, handler):
    unlink_quiet(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    srv.bind(path)
    srv.listen(16)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=handler, args=(conn,), daemon=True).start()


def cmd_fakekea(mode, path, arg=None):
    if mode == "refuse":
        unlink_quiet(path)
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(path)
        s.close()  # the file stays, nobody listens: connect() is refused
        return
    payload = open(arg, "rb").read() if mode in ("midclose", "canned") else b""
    held = []

    def handler(conn):
        try:
            answer(conn)
        except OSError:
            pass  # the plugin gave up first: that is what some tests want
        finally:
            if mode != "hang":
                conn.close()

    def answer(conn):
        cmd = read_command(conn)
        if mode == "hang":
            held.append(conn)
            return
        if mode == "midclose":
            conn.sendall(payload[:len(payload) // 2])
        elif mode == "canned":
            conn.sendall(payload)
        elif mode == "files":
            try:
                name = json.loads(cmd).get("command", "?")
                conn.sendall(open("%s-%s.json" % (arg, name), "rb").read())
            except (ValueError, OSError):
                conn.sendall(b'{"result": 2, "text": "unsupported"}')
        elif mode == "record":
            try:
                name = json.loads(cmd).get("command", "?")
            except ValueError:
                name = "(not JSON: %r)" % cmd[:60]
            with open(path + ".commands", "a") as f:
                f.write("%s\n" % name)
            up = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            up.connect(arg)
            up.sendall(cmd)
            while True:
                b = up.recv(65536)
                if not b:
                    break
                conn.sendall(b)
            up.close()

    serve(path, handler)


def cmd_junk(out, nbytes, kind="junk"):
    nbytes = int(nbytes)
    with open(out, "wb") as f:
        if kind == "json":
            head = b'{"arguments":{"Dhcp4":{"subnet4":[{"id":1,"subnet":"10.0.0.0/24","pools":[{"pool":"10.0.0.1 - 10.0.0.200"}]}],"user-context":{"pad":"'
            tail = b'"}}},"result":0}'
            f.write(head)
            left = nbytes - len(head) - len(tail)
            chunk = b"x" * (1 << 20)
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)
            f.write(tail)
        else:
            chunk = bytes((i * 7 + 13) % 251 for i in range(1 << 16)) * 16
            left = nbytes
            while left > 0:
                f.write(chunk[:min(left, len(chunk))])
                left -= len(chunk)


OPEN_RE = re.compile(r'^(\d+)\s+(?:openat|open)\((?:AT_FDCWD, )?"([^"]*)", ([A-Z_|]+)')
WRITE_RE = re.compile(r'^(\d+)\s+(write|pwrite64|writev)\((\d+),')
BAD_CALLS = re.compile(r'^\d+\s+(creat|rename|renameat2?|unlink|unlinkat|mkdir|mkdirat|rmdir|chmod|fchmod|'
                       r'fchmodat|chown|fchown|fchownat|lchown|truncate|ftruncate|utimensat|link|linkat|'
                       r'symlink|symlinkat|mknod|mknodat)\(')


def cmd_strace_check(log, *watched):
    problems = []
    for line in open(log, errors="replace"):
        m = OPEN_RE.match(line)
        if m:
            flags = m.group(3).split("|")
            if any(f in flags for f in ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")):
                problems.append("opened for writing: " + line.strip())
            continue
        m = WRITE_RE.match(line)
        if m:
            if m.group(3) != "1":
                problems.append("wrote to fd %s: %s" % (m.group(3), line.strip()))
            continue
        if BAD_CALLS.match(line):
            problems.append("changed the file system: " + line.strip())
    for p in problems:
        print(p)
    return 1 if problems else 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "leases":
        cmd_leases(*args)
    elif cmd == "repeat":
        cmd_repeat(*args)
    elif cmd == "race":
        sep = args.index("--")
        cmd_race(args[0], args[1], args[2], args[3], args[sep + 1:])
    elif cmd == "fakekea":
        cmd_fakekea(*args)
    elif cmd == "junk":
        cmd_junk(*args)
    elif cmd == "strace-check":
        return cmd_strace_check(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
