#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Times check_dhcp_scope --source mswin over RPC (Linux) against 1,000
failover scopes on a link with a round-trip time, to show that the per-scope
calls travel concurrently on the association instead of one after another.

Starts the test double of the DHCP Server's RPC interface
(tests/msrpc/fake_dhcpm_server.py, NTLMv2 at packet privacy, every reply
encoded before the first run with --precompute, so that what is timed is the
client and the link, not the double's Python NDR encoder) with --scopes
scopes in failover relationships of 100, and bench/delay_relay.py in front of
it adding --delay-ms each way (10 ms: a 20 ms round trip). Runs the plugin
--runs times directly and --runs times through the relay, and prints for
each way the calls the double answered, the round trips the client needed
(bursts of its sends separated by silence, counted by the relay), the best
and median wall time, the plugin's CPU time and the double's, and the ratio
of the median to what the same calls would take one round trip after another
(calls x round-trip time, the issue's "about 40 s"). Everything it starts is
stopped at the end.

  python3 bench/bench_msrpc.py [--build build] [--scopes 1000] [--delay-ms 10] [--runs 5]

Exit status: 0 when the median through the relay is under --target seconds
(3 by default), 2 when it is not, 1 when a run fails.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import delay_relay  # noqa: E402

PY3 = '/usr/bin/python3'  # Debian's impacket is for Debian's python3
PASSWORD = 'bench-Passw0rd'


def fixture(path, nscopes):
    with open(path, 'w') as f:
        addrs = []
        for i in range(nscopes):
            a = '10.%d.%d.0' % (100 + i // 256, i % 256)
            addrs.append(a)
            inuse = 100 + i % 50
            f.write('scope %s 255.255.255.0 "Scope %d" enabled inuse=%d free=%d\n' % (a, i, inuse, 254 - inuse))
        for r in range(0, nscopes, 100):
            f.write('relationship "fo-%d" mode=loadbalance role=primary state=normal scopes=%s\n'
                    % (r // 100, ','.join(addrs[r:r + 100])))


def counts(path):
    total = {}
    try:
        for line in open(path):
            w = line.split()
            if len(w) == 3 and w[0] == 'call':
                total[w[1]] = int(w[2])
    except FileNotFoundError:
        pass
    return total


def cpu_of(pid):
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def run_plugin(plugin, port, creds):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.run([plugin, '--source', 'mswin', '-H', '127.0.0.1', '--port', str(port), '--credentials',
                        creds, '-t', '60'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode, p.stdout.decode(errors='replace').split('\n', 1)[0], wall, cpu, p.stderr.decode()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default=os.path.join(SOURCE, 'build'))
    ap.add_argument('--scopes', type=int, default=1000)
    ap.add_argument('--delay-ms', type=float, default=10.0)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--target', type=float, default=3.0)
    a = ap.parse_args()
    plugin = os.path.join(a.build, 'plugin', 'check_dhcp_scope')
    if not os.access(plugin, os.X_OK):
        sys.exit('%s not found: build first (cmake -S . -B build && cmake --build build)' % plugin)
    tmp = tempfile.mkdtemp(prefix='cds-bench-msrpc.')
    server = None
    try:
        fx, creds, portf, countf = (os.path.join(tmp, n) for n in ('fixture', 'creds', 'port', 'counts'))
        fixture(fx, a.scopes)
        fd = os.open(creds, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, ('username = bench\npassword = %s\ndomain = CDSTEST\n' % PASSWORD).encode())
        os.close(fd)
        t0 = time.monotonic()
        server = subprocess.Popen([PY3, os.path.join(SOURCE, 'tests', 'msrpc', 'fake_dhcpm_server.py'),
                                   '--fixture', fx, '--user', 'bench:' + PASSWORD, '--port-file', portf,
                                   '--counts', countf, '--precompute'], stderr=subprocess.PIPE)
        while not os.path.exists(portf):
            if server.poll() is not None:
                sys.exit('the test double did not start: ' + server.stderr.read().decode())
            if time.monotonic() - t0 > 120:
                sys.exit('the test double did not start within 120 s')
            time.sleep(0.05)
        port = int(open(portf).read())
        print('test double: %d scopes in %d failover relationships, every reply encoded in %.1f s'
              % (a.scopes, (a.scopes + 99) // 100, time.monotonic() - t0))
        relay = delay_relay.Relay('127.0.0.1', port, a.delay_ms)
        relay_port = relay.start()
        rtt = 2 * a.delay_ms / 1000.0
        results, first_line = {}, None
        for way, p in (('direct (loopback)', port), ('relay, %g ms each way' % a.delay_ms, relay_port)):
            walls, cpus, scpus, calls, rts = [], [], [], [], []
            for _ in range(a.runs):
                relay.reset()
                c0, s0 = counts(countf), cpu_of(server.pid)
                rc, line, wall, cpu, err = run_plugin(plugin, p, creds)
                time.sleep(0.1)       # the double writes its counts every 20 ms
                c1, s1 = counts(countf), cpu_of(server.pid)
                if rc not in (0, 1, 2) or (first_line is not None and line != first_line):
                    print('run failed: exit %d: %s %s' % (rc, line, err.strip()[:300]))
                    return 1
                first_line = line
                walls.append(wall)
                cpus.append(cpu)
                scpus.append(s1 - s0)
                calls.append(sum(c1.values()) - sum(c0.values()))
                rts.append(relay.round_trips())
            results[way] = (walls, cpus, scpus, calls, rts)
        relay.stop()
        print('plugin: %s' % first_line[:150])
        print()
        print('%-24s %6s %12s %8s %8s %11s %11s' % ('way', 'calls', 'round trips', 'best s', 'median s',
                                                   'plugin CPU', 'double CPU'))
        for way, (walls, cpus, scpus, calls, rts) in results.items():
            print('%-24s %6d %12s %8.3f %8.3f %10.2fs %10.2fs'
                  % (way, statistics.median(calls), str(statistics.median(rts)) if 'relay' in way else '-',
                     min(walls), statistics.median(walls), statistics.median(cpus), statistics.median(scpus)))
        walls, _c, _s, calls, rts = results['relay, %g ms each way' % a.delay_ms]
        median, ncalls = statistics.median(walls), statistics.median(calls)
        sequential = ncalls * rtt
        fo_scopes = a.scopes
        print()
        print('calls: %d for %d failover scopes (%.2f per scope; the limit is 2 per failover scope + a constant)'
              % (ncalls, fo_scopes, ncalls / fo_scopes))
        print('one call after another over a %.0f ms round trip: %d x %.0f ms = %.1f s' % (rtt * 1000, ncalls,
                                                                                            rtt * 1000, sequential))
        print('concurrent, median of %d: %.3f s in %s round trips = %.3f of the sequential time (%.0fx faster)'
              % (a.runs, median, statistics.median(rts), median / sequential, sequential / median))
        print('target: under %.1f s: %s' % (a.target, 'met' if median < a.target else 'MISSED'))
        return 0 if median < a.target else 2
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
