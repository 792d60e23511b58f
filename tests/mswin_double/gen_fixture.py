#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the large fixtures (tests/mswin_double fixture format) that
mswin_wine.sh, msrpc_fake.sh and msrpc_wine_compare.sh share, so that the
.exe under Wine and the RPC client read the very same server.

Usage: gen_fixture.py many FILE    1,000 IPv4 scopes in ten load-balance
                                   relationships (fo-3 interrupted), pages of
                                   300; 10.102.5.0 and 10.103.32.0 nearly full
       gen_fixture.py many6 FILE   700 IPv6 scopes in pages of 300; one nearly full
"""
import sys


def many(f):
    f.write("maxpage 300\n")
    addrs = []
    for i in range(1000):
        a = "10.%d.%d.0" % (100 + i // 256, i % 256)
        addrs.append(a)
        inuse = 250 if i == 517 else 214 if i == 800 else 100 + i % 50
        f.write('scope %s 255.255.255.0 "Scope %d" enabled inuse=%d free=%d\n' % (a, i, inuse, 254 - inuse))
    for r in range(10):
        state = "communicationinterrupted" if r == 3 else "normal"
        f.write('relationship "fo-%d" mode=loadbalance role=primary state=%s scopes=%s\n'
                % (r, state, ",".join(addrs[r * 100:(r + 1) * 100])))


def many6(f):
    f.write("maxpage 300\n")
    for i in range(700):
        inuse = 990 if i == 333 else i % 500
        f.write('scope6 2001:db8:%x:%x::/64 "v6 scope %d" enabled inuse=%d free=%d\n'
                % (0x100 + i // 256, i % 256, i, inuse, 1000 - inuse))


if len(sys.argv) != 3 or sys.argv[1] not in ("many", "many6"):
    sys.exit(__doc__.strip())
with open(sys.argv[2], "w") as out:
    (many if sys.argv[1] == "many" else many6)(out)
