#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes dhcpd -6 files for the awkward cases, with their ground truth.

Usage: isc6_cases.py OUTDIR [--seed N]

OUTDIR gets dhcpd6.conf, dhcpd6.leases, dhcpd6.leases.partial (the same plus an
unfinished last IA, as while dhcpd appends), expected.txt (one line per scope in
isc_dump's form) and dhcpd.txt ("NA n TA n PD n": the leases dhcpd -6 -T says it
keeps after reading the file: those whose last block is active or abandoned, by
dhcpd's rules, whatever their end).

The truth comes from how the file is built, not from a parser: every address or
prefix gets its blocks in a chosen order and the generator records which one is
last, or which one dhcpd keeps when another client's IA names the address. The
cases: range6 as a prefix (a /64, a /49) and start-end ranges that overlap;
totals beyond 2^64 (2^79 + 2^64); temporary addresses; prefix6 pools of two
lengths with hosts' fixed-prefix6 kept out of them (one of the wrong length and
one outside, which stay in); a fixed-address6 kept out and a list that is not;
the same lease in several blocks (renewed, released, taken over by another IA,
named by another IA that does not take it); active leases that ended, expired,
released and abandoned ones; a shared-network, a prefix-only subnet6 and an
empty one.
"""
import argparse
import ipaddress
import os
import random
import struct
import sys

ACTIVE = "4 2099/12/31 21:00:00"       # still running whenever the test runs
ENDED = "3 2020/01/01 00:00:00"        # long over
IA_HEAD = "%s %s {\n  cltt 3 2020/01/01 00:00:00;\n"
SUB = "  %s %s {\n    binding state %s;\n    preferred-life 300;\n    max-life 600;\n    ends %s;\n  }\n"


def v6(n):
    """RFC 5952 text from Python's own formatter, not the plugin's."""
    return str(ipaddress.IPv6Address(n))


def A(text):
    """An address in text, as an int (the inverse of v6 for full and :: forms)."""
    head, _, tail = text.partition("::")
    hw = [int(x, 16) for x in head.split(":") if x]
    tw = [int(x, 16) for x in tail.split(":") if x]
    words = hw + [0] * (8 - len(hw) - len(tw)) + tw
    n = 0
    for w in words:
        n = n << 16 | w
    return n


def key(n):
    """An IA key as dhcpd writes it: IAID then a DUID-LL, octal-escaped."""
    raw = struct.pack("<I", n & 0xFFFFFFFF) + b"\x00\x03\x00\x01\x02\xcd" + struct.pack(">I", n)
    return '"' + "".join(chr(b) if 0x20 <= b < 0x7F and b not in (0x22, 0x5C) else "\\%03o" % b for b in raw) + '"'


class Truth:
    """Per (kind, address) what dhcpd keeps: state, whether it still runs, owner IA."""

    def __init__(self):
        self.kept = {}

    def block(self, kind, ia, addr, state, running):
        cur = self.kept.get((kind, addr))
        held = cur is not None and cur[0] in ("active", "abandoned")
        new_held = state in ("active", "abandoned")
        if held and cur[2] != ia and not new_held:
            return                       # another IA's lease stays (dhcpd's cleanup_lease6)
        self.kept[(kind, addr)] = (state, running, ia)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=6)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.outdir, exist_ok=True)
    truth = Truth()
    blocks = []                          # (text) in file order, built per case then interleaved
    ia_next = [1000]

    def new_ia():
        ia_next[0] += 1
        return ia_next[0]

    def emit(seq, kind, ia, addr, state, running, plen=None):
        name = "iaprefix" if kind == "ia-pd" else "iaaddr"
        where = v6(addr) + ("/%d" % plen if plen else "")
        seq.append(IA_HEAD % (kind, key(ia)) + SUB % (name, where, state, ACTIVE if running else
                                                      ("never" if state == "abandoned" else ENDED)) + "}\n")
        truth.block(kind, ia, addr, state, running)

    def history(kind, addrs, plen=None):
        """Each address: 1 to 4 blocks of one IA, the last one's state chosen."""
        seqs = []
        for addr in addrs:
            ia, seq = new_ia(), []
            for _ in range(rng.randint(0, 3)):
                emit(seq, kind, ia, addr, rng.choice(["active", "expired", "released"]), rng.random() < 0.5, plen)
            final = rng.choice(["active", "active", "active-ended", "expired", "released", "abandoned"])
            if final == "active-ended":
                emit(seq, kind, ia, addr, "active", False, plen)
            else:
                emit(seq, kind, ia, addr, final, final == "active", plen)
            seqs.append(seq)
        return seqs

    def interleave(seqs):
        """Blocks of different addresses mixed, each address's own in order."""
        seqs = [list(s) for s in seqs if s]
        while seqs:
            s = rng.choice(seqs)
            blocks.append(s.pop(0))
            if not s:
                seqs.remove(s)

    # A: range6 as a /64 with a start-end range inside it (they overlap).
    a_net = A("2001:db8:a::")
    a_addrs = []
    while len(a_addrs) < 300:
        x = rng.getrandbits(64)
        if x not in a_addrs:
            a_addrs.append(x)
    seqs = history("ia-na", [a_net + x for x in a_addrs])
    # Another IA names an active address and does not take it; another takes one over.
    taken = []
    for x in a_addrs[:300]:
        addr = a_net + x
        st = truth.kept.get(("ia-na", addr))
        if st and st[0] == "active" and st[1] and len(taken) < 12:
            taken.append(addr)
    for n, addr in enumerate(taken):
        seq = []
        if n % 2 == 0:
            emit(seq, "ia-na", new_ia(), addr, rng.choice(["expired", "released"]), False)
        else:
            owner = truth.kept[("ia-na", addr)][2]
            thief = new_ia()
            emit(seq, "ia-na", thief, addr, "active", True)
            emit(seq, "ia-na", owner, addr, "released", False)    # the old owner's release: ignored
        seqs.append(seq)
    interleave(seqs)

    # B: a /49 (2^79 addresses) and a temporary /64: the total passes 2^64.
    b_net = A("2001:db8:b::")
    ta_net = A("2001:db8:b:8000::")
    interleave(history("ia-na", [b_net + rng.randrange(1 << 79) for _ in range(200)]))
    interleave(history("ia-ta", [ta_net + rng.randrange(1 << 64) for _ in range(100)]))

    # C: prefix6 pools of /56 and /60 with fixed hosts; a small range6 with a fixed address.
    c_pd56 = A("2001:db8:c100::")
    c_pd60 = A("2001:db8:c200::")
    fixed56 = {c_pd56 + (5 << 72), c_pd56 + (6 << 72)}
    fixed60 = {c_pd60 + (2 << 68)}
    pd56 = [c_pd56 + (i << 72) for i in rng.sample(range(256), 120) if c_pd56 + (i << 72) not in fixed56]
    pd60 = [c_pd60 + (i << 68) for i in rng.sample(range(16), 10) if c_pd60 + (i << 68) not in fixed60]
    interleave(history("ia-pd", pd56, 56) + history("ia-pd", pd60, 60))
    c_net = A("2001:db8:c::")
    c_fixed = c_net + 0x150
    interleave(history("ia-na", [c_net + 0x100 + i for i in range(256) if c_net + 0x100 + i != c_fixed][:150]))

    # D and E in a shared-network: small ranges, E prefixes only. F: nothing.
    d_net = A("2001:db8:d::")
    interleave(history("ia-na", [d_net + 0x10 + i for i in range(40)]))
    e_pd = A("2001:db8:e100::")
    interleave(history("ia-pd", [e_pd + (i << 64) for i in range(0, 64, 3)], 64))

    conf = """# Awkward cases for the dhcpd -6 reader (tests/integration/isc6_cases.py)
authoritative;
default-lease-time 600;
preferred-lifetime 300;
subnet6 2001:db8:a::/64 {
  range6 2001:db8:a::/64;
  range6 2001:db8:a::1000 2001:db8:a::1fff;
}
subnet6 2001:db8:b::/48 {
  range6 2001:db8:b::/49;
  range6 2001:db8:b:8000:: temporary;
}
subnet6 2001:db8:c::/64 {
  range6 2001:db8:c::100 2001:db8:c::1ff;
  prefix6 2001:db8:c100:: 2001:db8:c100:ff00:: /56;
  pool6 { prefix6 2001:db8:c200:: 2001:db8:c200:f0:: /60; }
}
host fixed-na { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:01; fixed-address6 2001:db8:c::150; }
host two-addresses { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:02; fixed-address6 2001:db8:c::151, 2001:db8:c::152; }
host pd-a { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:03; fixed-prefix6 2001:db8:c100:500::/56; }
host pd-b { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:04; fixed-prefix6 2001:db8:c100:600::/56; }
host pd-wrong-length { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:05; fixed-prefix6 2001:db8:c100:700::/60; }
host pd-c { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:06; fixed-prefix6 2001:db8:c200:20::/60; }
host pd-outside { host-identifier option dhcp6.client-id 00:03:00:01:02:cd:00:00:00:07; fixed-prefix6 2001:db8:dead::/56; }
shared-network "campus" {
  subnet6 2001:db8:d::/64 { range6 2001:db8:d::10 2001:db8:d::4f; }
  subnet6 2001:db8:e::/64 { prefix6 2001:db8:e100:: 2001:db8:e100:3f:: /64; }
}
subnet6 2001:db8:f::/64 { }
"""
    with open(os.path.join(a.outdir, "dhcpd6.conf"), "w") as f:
        f.write(conf)
    head = ("# The format of this file is documented in the dhcpd.leases(5) manual page.\n"
            "# This lease file was written by isc-dhcp-4.4.3-P1\n\n"
            "# authoring-byte-order entry is generated, DO NOT DELETE\n"
            "authoring-byte-order little-endian;\n\n"
            'server-duid "\\000\\001\\000\\0012\\236&\\320*,\\024^\\245y";\n\n')
    text = head + "\n".join(blocks) + "\n"
    with open(os.path.join(a.outdir, "dhcpd6.leases"), "w") as f:
        f.write(text)
    # The unfinished last IA claims an address of D that is not in use: it
    # must count for nothing.
    spare = next(d_net + 0x10 + i for i in range(64)
                 if truth.kept.get(("ia-na", d_net + 0x10 + i), ("free",))[0] not in ("active", "abandoned"))
    with open(os.path.join(a.outdir, "dhcpd6.leases.partial"), "w") as f:
        f.write(text + "ia-na %s {\n  cltt 3 2020/01/01 00:00:00;\n  iaaddr %s {\n"
                "    binding state active;\n    ends %s;\n  }\n" % (key(999999), v6(spare), ACTIVE))

    def count(kind, lo, hi):
        used = declined = 0
        for (k, addr), (state, running, _) in truth.kept.items():
            if k == kind and lo <= addr <= hi:
                used += state == "active" and running
                declined += state == "abandoned"
        return used, declined

    lines = []

    def scope(net, kind, total, parts, group="-", pd=""):
        used = declined = 0
        for ikind, lo, hi in parts:
            u, d = count(ikind, lo, hi)
            used, declined = used + u, declined + d
        lines.append("scope %s kind=%s%s group=%s total=%d used=%d free=%d declined=%d"
                     % (net, kind, pd, group, total, used, total - used - declined, declined))

    scope("2001:db8:a::/64", "addresses", 1 << 64, [("ia-na", a_net, a_net + (1 << 64) - 1)])
    scope("2001:db8:b::/48", "addresses", (1 << 79) + (1 << 64),
          [("ia-na", b_net, b_net + (1 << 79) - 1), ("ia-ta", ta_net, ta_net + (1 << 64) - 1)])
    scope("2001:db8:c::/64", "addresses", 256 - 1, [("ia-na", c_net + 0x100, c_net + 0x1FF)])
    scope("2001:db8:c::/64", "prefixes", 256 - 2 + 16 - 1,
          [("ia-pd", c_pd56, c_pd56 + (256 << 72) - 1), ("ia-pd", c_pd60, c_pd60 + (16 << 68) - 1)],
          pd=" pd_pool=2001:db8:c100::/48 pd_delegated=56 pd_pools=2")
    scope("2001:db8:d::/64", "addresses", 64, [("ia-na", d_net + 0x10, d_net + 0x4F)], group="campus")
    scope("2001:db8:e::/64", "prefixes", 64, [("ia-pd", e_pd, e_pd + (64 << 64) - 1)], group="campus",
          pd=" pd_pool=2001:db8:e100::/58 pd_delegated=64 pd_pools=1")
    scope("2001:db8:f::/64", "addresses", 0, [])
    with open(os.path.join(a.outdir, "expected.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")

    kept = {"ia-na": 0, "ia-ta": 0, "ia-pd": 0}
    for (kind, _), (state, _, _) in truth.kept.items():
        kept[kind] += state in ("active", "abandoned")
    with open(os.path.join(a.outdir, "dhcpd.txt"), "w") as f:
        f.write("NA %d TA %d PD %d\n" % (kept["ia-na"], kept["ia-ta"], kept["ia-pd"]))
    print("isc6_cases.py: %s: %d blocks, %s" % (a.outdir, len(blocks), " ".join("%s %d" % kv for kv in kept.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
