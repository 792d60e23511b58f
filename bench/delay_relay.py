#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A TCP relay that delays every chunk by a fixed time each way, for a link
with a round-trip time on loopback (these kernels have no netem).

Each direction of each connection is a FIFO of (due time, bytes): the reader
keeps reading and queues what it read, a writer sends each chunk when it is
due, so chunks keep their order, nothing waits for an answer, and many
requests can be on the way at once, as on a real link; only the delay is
added. TCP_NODELAY on both sides. The relay also notes when the client sent:
its sends fall into bursts separated by silences of at least three quarters
of a round trip, and each burst waits a round trip for its answer, so the
number of bursts is the number of round trips the client needed.

  python3 bench/delay_relay.py LISTEN_PORT SERVER_HOST SERVER_PORT DELAY_MS
"""
import asyncio
import collections
import socket
import sys
import threading
import time


class Relay:
    def __init__(self, server_host, server_port, delay_ms):
        self.server = (server_host, server_port)
        self.delay = delay_ms / 1000.0
        self.sends = []               # monotonic times of the client's chunks, all connections
        self.chunks = [0, 0]          # client to server, server to client
        self.bytes = [0, 0]
        self.port = 0
        self._loop = None
        self._srv = None

    def reset(self):
        self.sends, self.chunks, self.bytes = [], [0, 0], [0, 0]

    def round_trips(self):
        """Bursts of client sends separated by at least 3/4 of a round trip."""
        gap = 1.5 * self.delay
        times = sorted(self.sends)
        return sum(1 for i, t in enumerate(times) if i == 0 or t - times[i - 1] >= gap)

    async def _pump(self, reader, writer, direction):
        queue = collections.deque()
        ready = asyncio.Event()
        done = False

        async def drain():
            while True:
                while not queue:
                    if done:
                        return
                    ready.clear()
                    await ready.wait()
                due, data = queue.popleft()
                wait = due - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                if data is None:
                    break
                writer.write(data)
            try:
                writer.write_eof()
            except OSError:
                pass

        task = asyncio.get_running_loop().create_task(drain())
        try:
            while True:
                data = await reader.read(65536)
                now = time.monotonic()
                if not data:
                    break
                if direction == 0:
                    self.sends.append(now)
                self.chunks[direction] += 1
                self.bytes[direction] += len(data)
                queue.append((now + self.delay, data))
                ready.set()
        except (ConnectionError, OSError):
            pass
        queue.append((time.monotonic() + self.delay, None))
        done = True
        ready.set()
        try:
            await task
        except (ConnectionError, OSError):
            pass

    async def _client(self, creader, cwriter):
        try:
            sreader, swriter = await asyncio.open_connection(*self.server)
        except OSError:
            cwriter.close()
            return
        for w in (cwriter, swriter):
            w.get_extra_info('socket').setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await asyncio.gather(self._pump(creader, swriter, 0), self._pump(sreader, cwriter, 1))
        for w in (cwriter, swriter):
            w.close()

    async def _serve(self, port, started):
        self._srv = await asyncio.start_server(self._client, '127.0.0.1', port)
        self.port = self._srv.sockets[0].getsockname()[1]
        started.set()
        async with self._srv:
            await self._srv.serve_forever()

    def start(self, port=0):
        """Runs the relay in a thread of this process; returns its port."""
        started = threading.Event()

        def run():
            self._loop = asyncio.new_event_loop()
            try:
                self._loop.run_until_complete(self._serve(port, started))
            except asyncio.CancelledError:
                pass

        threading.Thread(target=run, daemon=True).start()
        started.wait(10)
        return self.port

    def stop(self):
        if self._loop and self._srv:
            self._loop.call_soon_threadsafe(self._srv.close)


if __name__ == '__main__':
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    r = Relay(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]))
    asyncio.run(r._serve(int(sys.argv[1]), threading.Event()))
