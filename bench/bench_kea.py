#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times check_dhcp_scope --source kea against a real kea-dhcp4 with many subnets.

Starts, in a temporary directory, two kea-dhcp4 with the same generated
configuration (by default 1,000 subnets, half of them in shared networks) and
the same leases (preloaded memfile CSV): one with the stat_cmds hook, one
without (the plugin falls back to statistic-get-all), and a kea-ctrl-agent in
front of the first. For each way in it learns the commands the plugin sends
(from kea-dhcp4's own COMMAND_RECEIVED log lines), then alternates, --runs
times: Kea's answer time (a minimal client sends the same commands one after
the other and reads each reply whole, parsing nothing) and a run of the
plugin (its wall time, and its CPU time from wait4). It prints the medians:
Kea's answer time, the plugin's wall time, the plugin's own time beyond Kea's
(the difference), its CPU time, the ratio of its own time to Kea's, and its
peak RSS (with GNU time). It also prints the size of each reply. Everything
it starts is stopped at the end.

  python3 bench/bench_kea.py [--build build] [--subnets 1000] [--leases 20] [--runs 20]
                             [--per-subnet] [--ok N]
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE, "tests", "integration"))
import kea_ctl  # noqa: E402  (the tests' control-socket helper)


def hooks_dir():
    for d in ["/usr/lib/x86_64-linux-gnu/kea/hooks", "/usr/lib/aarch64-linux-gnu/kea/hooks", "/usr/lib/kea/hooks"]:
        if os.path.exists(os.path.join(d, "libdhcp_stat_cmds.so")):
            return d
    sys.exit("kea hooks not found (Debian: apt-get install kea-dhcp4-server kea-common)")


def subnet_prefix(i):
    return "10.%d.%d" % (i >> 8, i & 255)


def make_config(tmp, name, nsubnets, with_stat):
    hooks = hooks_dir()
    libs = [{"library": hooks + "/libdhcp_lease_cmds.so"}]
    if with_stat:
        libs.append({"library": hooks + "/libdhcp_stat_cmds.so"})
    plain, networks = [], []
    for i in range(nsubnets):
        p = subnet_prefix(i)
        sn = {"id": 3 * i + 1, "subnet": p + ".0/24", "pools": [{"pool": "%s.10 - %s.209" % (p, p)}]}
        if i < nsubnets // 2:
            if i % 10 == 0:
                networks.append({"name": "net-%d" % (i // 10), "subnet4": []})
            networks[-1]["subnet4"].append(sn)
        else:
            plain.append(sn)
    cfg = {"Dhcp4": {
        "interfaces-config": {"interfaces": []},
        "control-socket": {"socket-type": "unix", "socket-name": os.path.join(tmp, name + ".sock")},
        "lease-database": {"type": "memfile", "persist": True, "lfc-interval": 0,
                           "name": os.path.join(tmp, name + "-leases4.csv")},
        "hooks-libraries": libs,
        "subnet4": plain,
        "shared-networks": networks}}
    path = os.path.join(tmp, name + ".json")
    with open(path, "w") as f:
        json.dump(cfg, f)
    return path


def make_leases(path, nsubnets, per_subnet):
    expire = int(time.time()) + 7200
    declined = 0
    with open(path, "w") as f:
        f.write("address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,user_context\n")
        n = 0
        for i in range(nsubnets):
            p = subnet_prefix(i)
            for k in range(per_subnet):
                n += 1
                state = 1 if k % 10 == 9 else 0
                declined += state
                mac = ":".join("%02x" % b for b in (2, 0, (n >> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255))
                f.write("%s.%d,%s,,7200,%d,%d,0,0,,%d,\n" % (p, 10 + k, mac, expire, 3 * i + 1, state))
    return declined


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def commands_in_log(log):
    """The commands kea-dhcp4 logged receiving, in order."""
    with open(log, errors="replace") as f:
        return [line.split("'")[1] for line in f if "COMMAND_RECEIVED" in line and "'" in line]


def run_plugin(plugin, args):
    """Wall time in seconds, exit code and output of one run."""
    start = time.perf_counter()
    p = subprocess.run([plugin] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return time.perf_counter() - start, p.returncode, p.stdout.decode(errors="replace")


def time_plugin(plugin, args):
    """Wall and CPU (user + system, from wait4) seconds of one run."""
    start = time.perf_counter()
    p = subprocess.Popen([plugin] + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = 0  # reaped by wait4
    return wall, usage.ru_utime + usage.ru_stime


def unix_exchange(path, command):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(json.dumps({"command": command}).encode())
    while s.recv(1 << 20):
        pass
    s.close()


def http_exchange(port, command):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/", json.dumps({"command": command, "service": ["dhcp4"]}),
              {"Content-Type": "application/json"})
    c.getresponse().read()
    c.close()


def kea_time(exchange, where, commands):
    """Seconds Kea takes to answer the commands, one after the other."""
    start = time.perf_counter()
    for command in commands:
        exchange(where, command)
    return time.perf_counter() - start


def cpu_and_rss(plugin, args):
    """The plugin's CPU seconds (user + system) and peak RSS in kB through GNU
    time, or None without it. (A child forked from Python keeps Python's RSS
    as its high-water mark across exec, so wait4's ru_maxrss would report
    Python, not the plugin.)"""
    gnu_time = "/usr/bin/time"
    if not os.access(gnu_time, os.X_OK):
        return None
    p = subprocess.run([gnu_time, "-f", "%U %S %M", plugin] + args, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    try:
        user, system, rss = p.stderr.strip().split("\n")[-1].split()
        return float(user) + float(system), int(rss)
    except ValueError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(SOURCE, "build"), help="build directory (default: build)")
    ap.add_argument("--subnets", type=int, default=1000)
    ap.add_argument("--leases", type=int, default=20, help="leases per subnet, one in ten declined")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--per-subnet", action="store_true", help="pass --per-subnet (each subnet judged alone)")
    ap.add_argument("--ok", type=int, help="the OK count a run must report (for builds that count otherwise)")
    args = ap.parse_args()
    plugin = os.path.join(args.build, "plugin", "check_dhcp_scope")
    if not os.access(plugin, os.X_OK):
        sys.exit("%s not found: build first (cmake -S . -B build && cmake --build build)" % plugin)
    kea = shutil.which("kea-dhcp4") or "/usr/sbin/kea-dhcp4"
    agent = shutil.which("kea-ctrl-agent") or "/usr/sbin/kea-ctrl-agent"
    if args.subnets > 65536 or args.leases > 200:
        sys.exit("at most 65536 subnets and 200 leases per subnet")

    tmp = tempfile.mkdtemp(prefix="cds-kea-bench.", dir="/tmp")
    env = dict(os.environ, KEA_PIDFILE_DIR=tmp, KEA_LOCKFILE_DIR=tmp)
    procs = []
    try:
        declined = 0
        servers = {}
        for name, with_stat in (("stat", True), ("nostat", False)):
            cfg = make_config(tmp, name, args.subnets, with_stat)
            declined = make_leases(os.path.join(tmp, name + "-leases4.csv"), args.subnets, args.leases)
            log = os.path.join(tmp, name + ".log")
            with open(log, "w") as lf:
                procs.append(subprocess.Popen([kea, "-c", cfg, "-p", str(free_port())], stdout=lf,
                                              stderr=subprocess.STDOUT, env=env))
            servers[name] = (os.path.join(tmp, name + ".sock"), log)
        port = free_port()
        agent_cfg = os.path.join(tmp, "agent.json")
        with open(agent_cfg, "w") as f:
            json.dump({"Control-agent": {"http-host": "127.0.0.1", "http-port": port, "control-sockets": {
                "dhcp4": {"socket-type": "unix", "socket-name": servers["stat"][0]}}}}, f)
        with open(os.path.join(tmp, "agent.log"), "w") as lf:
            procs.append(subprocess.Popen([agent, "-c", agent_cfg], stdout=lf, stderr=subprocess.STDOUT, env=env))
        for sock, _ in servers.values():
            if kea_ctl.cmd_wait(sock, 60) != 0:
                sys.exit("kea-dhcp4 did not start; see its log in " + tmp)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.1)

        sizes = {}
        for command, name in (("version-get", "stat"), ("config-get", "stat"), ("stat-lease4-get", "stat"),
                              ("statistic-get-all", "nostat")):
            sizes[command] = len(kea_ctl.send(servers[name][0], json.dumps({"command": command}), 60))

        variants = [
            ("unix socket, stat-lease4-get", ["--socket", servers["stat"][0]], servers["stat"][1],
             unix_exchange, servers["stat"][0]),
            ("unix socket, statistic-get-all", ["--socket", servers["nostat"][0]], servers["nostat"][1],
             unix_exchange, servers["nostat"][0]),
            ("Control Agent (HTTP)", ["--url", "http://127.0.0.1:%d/" % port], servers["stat"][1],
             http_exchange, port),
        ]
        nleases = args.subnets * args.leases
        print("kea-dhcp4 %s: %d subnets (%d in shared networks), %d leases (%d declined), %d runs each"
              % (subprocess.run([kea, "-v"], capture_output=True, text=True).stdout.strip(), args.subnets,
                 args.subnets // 2, nleases, declined, args.runs))
        print("medians: Kea = its answer time to the plugin's commands, own = plugin - Kea")
        print("%-32s %9s %9s %9s %9s %6s %9s %9s" % ("way in", "Kea", "plugin", "own", "CPU", "own/Kea",
                                                    "commands", "peak RSS"))
        failed = False
        for label, where, log, exchange, target in variants:
            argv = ["--source", "kea"] + where + ["-t", "30"] + (["--per-subnet"] if args.per_subnet else [])
            before = len(commands_in_log(log))
            _, rc, out = run_plugin(plugin, argv)
            time.sleep(0.2)  # let kea-dhcp4 flush its log
            commands = commands_in_log(log)[before:]
            # A shared network (ten subnets each) is judged as one pool.
            half = args.subnets // 2
            want = "%d ok" % (args.ok if args.ok is not None else
                              args.subnets if args.per_subnet else args.subnets - half + (half + 9) // 10)
            if rc != 0 or want not in out.split("\n")[0]:
                print("%s: unexpected result (exit %d): %s" % (label, rc, out[:300]))
                failed = True
                continue
            keas, walls, cpus = [], [], []
            for _ in range(args.runs):
                keas.append(kea_time(exchange, target, commands))
                wall, cpu = time_plugin(plugin, argv)
                walls.append(wall)
                cpus.append(cpu)
            kea_s, wall_s, cpu_s = statistics.median(keas), statistics.median(walls), statistics.median(cpus)
            rss = cpu_and_rss(plugin, argv)
            print("%-32s %6.1f ms %6.1f ms %6.1f ms %6.1f ms %7.2f %9d %9s" % (
                label, kea_s * 1000, wall_s * 1000, (wall_s - kea_s) * 1000, cpu_s * 1000,
                (wall_s - kea_s) / kea_s, len(commands), "%.1f MB" % (rss[1] / 1024) if rss else "n/a"))
            print("%-32s %s" % ("", " ".join(commands)))
        print("reply sizes: " + ", ".join("%s %.1f kB" % (c, n / 1024) for c, n in sizes.items()))
        return 1 if failed else 0
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
