#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test helper for the Kea integration tests and the benchmark.

  kea_ctl.py cmd SOCKET JSON            send one command to a kea-dhcp4 control
                                        socket, print the reply, exit 1 unless
                                        every reply has result 0
  kea_ctl.py leases SOCKET FILE         send one lease4-add per line of FILE
                                        ("ADDR [declined]"), over one socket each
  kea_ctl.py wait SOCKET SECONDS        wait until the socket answers version-get
  kea_ctl.py ha-wait SOCKET STATE SECS  wait until ha-heartbeat reports STATE
  kea_ctl.py freeport                   print a free TCP port on 127.0.0.1
  kea_ctl.py fake SOCKET MODE [FILE]    a fake control socket (runs until killed);
                                        SOCKET tcp:PORT listens on 127.0.0.1:PORT instead:
        hang      accept and never answer
        close     send half of FILE's reply, then close
        reset     close without reading the command: the client's read fails
                  with ECONNRESET
        canned    answer every command with FILE's contents
  kea_ctl.py proxy LISTEN TARGET COUNTFILE [HIDE]  a unix-socket proxy that
                                        forwards to TARGET and writes the number of
                                        commands seen so far to COUNTFILE after each
                                        one; the command HIDE is answered as Kea
                                        answers a command whose hook is not loaded
  kea_ctl.py replay LISTEN DIR NAME...  a fake Kea answering each command C with
                                        the first DIR/NAME-C.json there is (replies
                                        recorded or built from Kea's source), or
                                        with result 2 (not supported); runs until
                                        killed. LISTEN is a unix socket path, or
                                        http:PORTFILE for HTTP on 127.0.0.1 (a free
                                        port, written to PORTFILE), where replies
                                        are lists as from the Control Agent or a
                                        daemon's own HTTP socket. A NAME
                                        "daemon:dhcp6" makes it check the request's
                                        service as Kea 3.1.9+ daemons do; "all:FILE"
                                        answers every command with DIR/FILE;
                                        "auth:USER:PASSWORD" (HTTP) answers 401 to a
                                        request without that basic auth. Each
                                        request is logged to LISTEN.log (unix) or
                                        PORTFILE.log: "COMMAND SERVICE".
"""
import base64
import json
import os
import socket
import sys
import time


def send(path, command, timeout=10.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(path)
    s.sendall(command.encode() if isinstance(command, str) else command)
    chunks = []
    while True:
        b = s.recv(65536)
        if not b:
            break
        chunks.append(b)
        # Kea closes after one reply; stop early once the JSON is complete.
        try:
            json.loads(b"".join(chunks))
            break
        except ValueError:
            continue
    s.close()
    return b"".join(chunks).decode()


def results_ok(reply):
    doc = json.loads(reply)
    if isinstance(doc, dict):
        doc = [doc]
    return all(d.get("result") == 0 for d in doc)


def cmd_cmd(path, command):
    reply = send(path, command)
    print(reply)
    return 0 if results_ok(reply) else 1


def cmd_leases(path, listfile):
    n = 0
    with open(listfile) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            n += 1
            args = {"ip-address": parts[0],
                    "hw-address": "02:%02x:%02x:%02x:%02x:%02x" % (
                        (n >> 32) & 255, (n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255)}
            if len(parts) > 1 and parts[1] == "declined":
                args["state"] = 1
            reply = send(path, json.dumps({"command": "lease4-add", "arguments": args}))
            if not results_ok(reply):
                sys.stderr.write("lease4-add %s failed: %s\n" % (parts[0], reply))
                return 1
    return 0


def cmd_wait(path, seconds):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            if results_ok(send(path, '{"command":"version-get"}', 2.0)):
                return 0
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    sys.stderr.write("%s did not answer within %s s\n" % (path, seconds))
    return 1


def cmd_ha_wait(path, state, seconds):
    deadline = time.monotonic() + float(seconds)
    last = None
    while time.monotonic() < deadline:
        try:
            doc = json.loads(send(path, '{"command":"ha-heartbeat"}', 2.0))
            last = doc.get("arguments", {}).get("state")
            if last == state:
                return 0
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    sys.stderr.write("%s did not reach HA state %s within %s s (last: %s)\n" % (path, state, seconds, last))
    return 1


def cmd_freeport():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
    s.close()
    return 0


def listen_on(path):
    if path.startswith("tcp:"):
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", int(path[4:])))
    else:
        if os.path.exists(path):
            os.unlink(path)
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
    srv.listen(16)
    return srv


def read_command(conn):
    data = b""
    conn.settimeout(5.0)
    while True:
        try:
            json.loads(data)
            return data
        except ValueError:
            pass
        try:
            b = conn.recv(65536)
        except OSError:
            return data
        if not b:
            return data
        data += b


def cmd_fake(path, mode, replyfile=None):
    reply = open(replyfile, "rb").read() if replyfile else b""
    srv = listen_on(path)
    held = []
    while True:
        conn, _ = srv.accept()
        if mode == "hang":
            held.append(conn)
            continue
        try:
            if mode == "reset":
                # Linux resets an AF_UNIX peer when unread data is dropped.
                time.sleep(0.3)
                conn.close()
                continue
            read_command(conn)
            conn.sendall(reply[: len(reply) // 2] if mode == "close" else reply)
        except OSError:
            pass
        conn.close()


def cmd_proxy(path, target, countfile, hide=None):
    srv = listen_on(path)
    count = 0
    while True:
        conn, _ = srv.accept()
        command = read_command(conn)
        count += 1
        with open(countfile, "w") as f:
            f.write("%d\n" % count)
        try:
            name = json.loads(command).get("command")
        except ValueError:
            name = None
        if hide and name == hide:
            conn.sendall(json.dumps({"result": 2, "text": "'%s' command not supported." % name}).encode())
        else:
            conn.sendall(send(target, command, 60.0).encode())
        conn.close()


def replay_answer(request, directory, names, logfile):
    """The reply bytes for one request, and the logged line."""
    daemon = None
    try:
        doc = json.loads(request)
        command = doc.get("command", "?")
        service = doc.get("service")
    except ValueError:
        command, service = "(not JSON)", None
    with open(logfile, "a") as f:
        f.write("%s %s\n" % (command, ",".join(service) if isinstance(service, list) else "-"))
    for name in names:
        if name.startswith("daemon:"):
            daemon = name[7:]
    if daemon and isinstance(service, list) and service and service[0] != daemon:
        return json.dumps({"result": 1, "text": "unsupported service '%s', expected '%s'" % (service[0], daemon)})
    for name in names:
        if name.startswith(("daemon:", "auth:")):
            continue
        if name.startswith("all:"):
            path = os.path.join(directory, name[4:])
        else:
            path = os.path.join(directory, "%s-%s.json" % (name, command))
        if os.path.exists(path):
            with open(path) as f:
                return f.read()
    return json.dumps({"result": 2, "text": "'%s' command not supported." % command})


def cmd_replay(listen, directory, *names):
    if listen.startswith("http:"):
        import http.server
        portfile = listen[5:]
        logfile = portfile + ".log"

        auth = [n[5:] for n in names if n.startswith("auth:")]
        want = "Basic " + base64.b64encode(auth[0].encode()).decode() if auth else None

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if want and self.headers.get("Authorization") != want:
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="kea-control-agent"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                reply = replay_answer(body, directory, names, logfile).strip()
                if not reply.startswith("["):
                    reply = "[ " + reply + " ]"
                out = reply.encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        with open(portfile + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.rename(portfile + ".tmp", portfile)
        server.serve_forever()
    srv = listen_on(listen)
    while True:
        conn, _ = srv.accept()
        request = read_command(conn)
        try:
            conn.sendall(replay_answer(request, directory, names, listen + ".log").encode())
        except OSError:
            pass
        conn.close()


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    op, args = argv[1], argv[2:]
    table = {"cmd": cmd_cmd, "leases": cmd_leases, "wait": cmd_wait, "ha-wait": cmd_ha_wait,
             "freeport": cmd_freeport, "fake": cmd_fake, "proxy": cmd_proxy, "replay": cmd_replay}
    if op not in table:
        sys.stderr.write(__doc__)
        return 2
    return table[op](*args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
