#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""TEST DOUBLE of a Windows DHCP Server's MS-DHCPM RPC interface.

No Windows DHCP server can run here. This is the project's own server for
the documented contract ([MS-DHCPM], [MS-RPCE], [C706]) of the nine methods
check_dhcp_scope calls, for the tests of the Linux RPC client. It is not
impacket's DCERPCServer (single client, one call at a time, no
authentication, no alter_context): it is an asyncio server that uses
impacket for the NDR of its replies (dhcpm_idl.py, written from the IDL) and
for NTLM's NT hash, and ntlm_acceptor.py for SPNEGO/NTLMv2.

It speaks connection-oriented DCE/RPC over TCP (NDR20, little endian): bind,
alter_context and auth3; SPNEGO/NTLMSSP at packet privacy (sign and seal)
with a user list, answering a wrong password with a fault 5 on the
alter_context, which Samba's client reports as a logon failure; every
request answered in its own task, so many calls are in flight at once and
replies come back in any order; replies fragmented to the client's maximum
(or --max-frag). With --epm-port it also answers the endpoint mapper's
ept_map with its own port, or EPT_S_NOT_REGISTERED with --no-register.

It serves the fixture format of the dhcpsapi.dll double
(tests/mswin_double/dhcpsapi_double.c), so one fixture drives the .exe
under Wine and the Linux client: server, maxpage, scope, scope6,
relationship, stats, superscope, fail FUNCTION CODE [scope=ADDR] (the code
as the method's status; ADDR IPv4 or IPv6) and hang FUNCTION. Faults only RPC has come as
options: --fault FUNCTION:CODE (a fault PDU), --reset FUNCTION (half a reply,
then a TCP reset), --garbage FUNCTION:truncate|hostile (a broken stub),
--hang-after-bind, --delay-ms. --counts FILE keeps "call NAME N" lines.

Replies are encoded once and kept, keyed by the request's bytes, for every
method no fault is injected into; --precompute encodes every reply the
fixture can give before the port file appears, so that a benchmark
(bench/bench_msrpc.py) measures the client and the link, not impacket.
"""
import argparse
import asyncio
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dhcpm_idl as idl  # noqa: E402
from ntlm_acceptor import Acceptor, AuthError  # noqa: E402

NDR20 = bytes.fromhex('045d888aeb1cc9119fe808002b104860') + struct.pack('<I', 2)
EPMAPPER = 'e1af8308-5d1f-11c9-91a4-08002b14a0fa'
REQUEST, RESPONSE, FAULT, BIND, BIND_ACK, BIND_NAK, ALTER, ALTER_RESP, AUTH3 = 0, 2, 3, 11, 12, 13, 14, 15, 16
FIRST, LAST, OBJECT = 0x01, 0x02, 0x80
SPNEGO, PRIVACY = 9, 6
NCA_S_OP_RNG_ERROR, NCA_S_UNKNOWN_IF = 0x1c010002, 0x1c010003
EPT_S_NOT_REGISTERED = 0x16c9a0d6
ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_INVALID_PARAMETER = 234, 259, 87
# The request's bytes that select its reply, per opnum: the NULL server
# name, then the resume handle and maximum, the address, or nothing.
KEY_LEN = {2: 8, 3: 12, 37: 4, 58: 12, 63: 24, 68: 4, 81: 4, 93: 12, 97: 8}
FSM = ['nostate', 'init', 'startup', 'normal', 'communicationinterrupted', 'partnerdown', 'potentialconflict',
       'conflictdone', 'resolutioninterrupted', 'recover', 'recoverwait', 'recoverdone', 'paused', 'shutdown']


def uuid_text(b):
    a, b2, c = struct.unpack('<IHH', b[:8])
    return '%08x-%04x-%04x-%s-%s' % (a, b2, c, b[8:10].hex(), b[10:16].hex())


def ip4(text):
    p = [int(x) for x in text.split('.')]
    if len(p) != 4 or any(x < 0 or x > 255 for x in p):
        raise ValueError('bad address ' + text)
    return p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]


def tokens(line):
    out, i = [], 0
    while i < len(line):
        c = line[i]
        if c in ' \t\r\n':
            i += 1
        elif c == '#':
            break
        elif c == '"':
            j = line.index('"', i + 1) if '"' in line[i + 1:] else len(line)
            out.append(line[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < len(line) and line[j] not in ' \t\r\n':
                j += 1
            out.append(line[i:j])
            i = j
    return out


class Fixture:
    def __init__(self, path):
        self.maxpage = 500
        self.scopes, self.scopes6, self.rels, self.faults, self.hangs = [], [], [], [], set()
        self.by_addr = {}
        for n, line in enumerate(open(path, encoding='utf-8'), 1):
            t = tokens(line)
            if not t:
                continue
            kv = dict(x.split('=', 1) for x in t if '=' in x)
            try:
                self.line(t, kv)
            except (ValueError, KeyError, IndexError) as e:
                raise SystemExit('%s line %d: %s' % (path, n, e))

    def line(self, t, kv):
        kind = t[0]
        if kind == 'server':
            pass                          # ServerIpAddress travels as NULL over RPC
        elif kind == 'maxpage':
            self.maxpage = int(t[1])
        elif kind == 'scope':
            s = {'addr': ip4(t[1]), 'mask': ip4(t[2]), 'name': t[3], 'state': 1 if t[4] == 'disabled' else 0,
                 'inuse': int(kv.get('inuse', 0)), 'free': int(kv.get('free', 0)),
                 'pending': int(kv.get('pending', 0)), 'rel': None, 'super': None, 'stats': None}
            self.scopes.append(s)
            self.by_addr[s['addr']] = s
        elif kind == 'scope6':
            prefix, plen = t[1].split('/')
            self.scopes6.append({'addr': socket.inet_pton(socket.AF_INET6, prefix), 'prefix': int(plen),
                                 'name': t[2], 'state': 1 if t[3] == 'disabled' else 0,
                                 'inuse': int(kv.get('inuse', 0)), 'free': int(kv.get('free', 0)),
                                 'pending': int(kv.get('pending', 0))})
        elif kind == 'relationship':
            mode, role, state = kv.get('mode', 'loadbalance'), kv.get('role', 'primary'), kv.get('state', 'normal')
            r = {'name': t[1], 'mode': 0 if mode == 'loadbalance' else 1 if mode == 'hotstandby' else int(mode),
                 'role': 0 if role == 'primary' else 1 if role == 'secondary' else int(role),
                 'state': int(state) if state.isdigit() else FSM.index(state),
                 'scopes': [ip4(a) for a in kv.get('scopes', '').split(',') if a]}
            for a in r['scopes']:
                self.by_addr[a]['rel'] = r
            self.rels.append(r)
        elif kind == 'stats':
            self.by_addr[ip4(t[1])]['stats'] = [int(kv.get(k, 0)) for k in
                                                ('num', 'free', 'inuse', 'partnerfree', 'thisfree',
                                                 'partnerinuse', 'thisinuse')]
        elif kind == 'superscope':
            for a in t[2].split(','):
                self.by_addr[ip4(a)]['super'] = t[1]
        elif kind == 'fail':
            scope = kv.get('scope')
            if scope is not None:
                scope = socket.inet_pton(socket.AF_INET6, scope) if ':' in scope else ip4(scope)
            self.faults.append((t[1], int(t[2]), scope))
        elif kind == 'hang':
            self.hangs.add(t[1])
        else:
            raise ValueError('unknown line ' + kind)

    def page(self, resume, preferred, total):
        """(status, start, count) as dhcpsapi pages an enumeration."""
        if resume >= total:
            return ERROR_NO_MORE_ITEMS, resume, 0
        n = min(total - resume, preferred, self.maxpage)
        if n == 0:
            return ERROR_INVALID_PARAMETER, resume, 0
        return (ERROR_MORE_DATA if resume + n < total else 0), resume, n


class Methods:
    """The replies, encoded with impacket from the fixture."""

    def __init__(self, fx):
        self.fx = fx

    def __call__(self, name, req):
        return getattr(self, name)(req)

    def DhcpEnumSubnets(self, req):
        r = idl.R_DhcpEnumSubnetsResponse()
        status, start, n = self.fx.page(req['ResumeHandle'], req['PreferredMaximum'], len(self.fx.scopes))
        r['ResumeHandle'] = start + n
        if n:
            arr = idl.DHCP_IP_ARRAY()
            arr['NumElements'] = n
            arr['Elements'] = [s['addr'] for s in self.fx.scopes[start:start + n]]
            r['EnumInfo'] = arr
        else:
            r['EnumInfo'] = idl.NULL
        r['ElementsRead'], r['ElementsTotal'] = n, len(self.fx.scopes) - start - n
        r['ErrorCode'] = status
        return r

    def DhcpGetSubnetInfo(self, req):
        r = idl.R_DhcpGetSubnetInfoResponse()
        s = self.fx.by_addr.get(req['Address'])
        if s is None:
            r['SubnetInfo'], r['ErrorCode'] = idl.NULL, 20005
            return r
        i = idl.DHCP_SUBNET_INFO()
        i['SubnetAddress'], i['SubnetMask'] = s['addr'], s['mask']
        i['SubnetName'], i['SubnetComment'] = idl.wstr(s['name']), idl.wstr('served by the test double')
        i['PrimaryHost']['IpAddress'] = 0x7F000001
        i['PrimaryHost']['NetBiosName'] = idl.wstr('DOUBLE')
        i['PrimaryHost']['HostName'] = idl.wstr('double.example')
        i['SubnetState'] = s['state']
        r['SubnetInfo'], r['ErrorCode'] = i, 0
        return r

    def DhcpGetMibInfoV5(self, req):
        r = idl.R_DhcpGetMibInfoV5Response()
        m = idl.DHCP_MIB_INFO_V5()
        for k in ('Requests', 'Acks', 'Naks', 'Declines', 'Releases', 'QtnNumLeases', 'QtnPctQtnLeases',
                  'QtnProbationLeases', 'QtnNonQtnLeases', 'QtnExemptLeases', 'QtnCapableClients', 'QtnIASErrors',
                  'DelayedOffers', 'ScopesWithDelayedOffers'):
            m[k] = 0
        m['Discovers'], m['Offers'] = 1000, 990
        m['ServerStartTime']['dwLowDateTime'] = m['ServerStartTime']['dwHighDateTime'] = 0
        m['Scopes'] = len(self.fx.scopes)
        if self.fx.scopes:
            rows = []
            for s in self.fx.scopes:
                x = idl.SCOPE_MIB_INFO_V5()
                x['Subnet'], x['NumAddressesInuse'] = s['addr'], s['inuse']
                x['NumAddressesFree'], x['NumPendingOffers'] = s['free'], s['pending']
                rows.append(x)
            m['ScopeInfo'] = rows
        else:
            m['ScopeInfo'] = idl.NULL
        r['MibInfo'], r['ErrorCode'] = m, 0
        return r

    def DhcpV4FailoverEnumRelationship(self, req):
        r = idl.R_DhcpV4FailoverEnumRelationshipResponse()
        status, start, n = self.fx.page(req['ResumeHandle'], req['PreferredMaximum'], len(self.fx.rels))
        r['ResumeHandle'] = start + n
        if n:
            rows = []
            for rel in self.fx.rels[start:start + n]:
                x = idl.DHCP_FAILOVER_RELATIONSHIP()
                x['PrimaryServer'], x['SecondaryServer'] = 0xC0000201, 0xC0000202
                x['Mode'], x['ServerType'], x['State'], x['PrevState'] = rel['mode'], rel['role'], rel['state'], 3
                x['Mclt'], x['SafePeriod'] = 3600, 0
                x['RelationshipName'] = idl.wstr(rel['name'])
                x['PrimaryServerName'] = idl.wstr('dhcp-a.example')
                x['SecondaryServerName'] = idl.wstr('dhcp-b.example')
                scopes = idl.DHCP_IP_ARRAY()
                scopes['NumElements'] = len(rel['scopes'])
                scopes['Elements'] = list(rel['scopes']) if rel['scopes'] else idl.NULL
                x['pScopes'] = scopes
                x['Percentage'] = 5 if rel['mode'] else 50
                x['SharedSecret'] = idl.wstr('not-a-secret')
                rows.append(x)
            arr = idl.DHCP_FAILOVER_RELATIONSHIP_ARRAY()
            arr['NumElements'], arr['pRelationships'] = n, rows
            r['pRelationship'] = arr
        else:
            r['pRelationship'] = idl.NULL
        r['RelationshipRead'], r['RelationshipTotal'] = n, len(self.fx.rels) - start - n
        r['ErrorCode'] = status
        return r

    def DhcpV4FailoverGetScopeStatistics(self, req):
        r = idl.R_DhcpV4FailoverGetScopeStatisticsResponse()
        s = self.fx.by_addr.get(req['Address'])
        if s is None or s['rel'] is None:
            r['pStats'], r['ErrorCode'] = idl.NULL, 20005 if s is None else 20116
            return r
        v = s['stats'] or [s['inuse'] + s['free'], s['free'], s['inuse'], s['free'] - s['free'] // 2,
                           s['free'] // 2, s['inuse'] - s['inuse'] // 2, s['inuse'] // 2]
        st = idl.DHCP_FAILOVER_STATISTICS()
        for k, x in zip(('NumAddr', 'AddrFree', 'AddrInUse', 'PartnerAddrFree', 'ThisAddrFree',
                         'PartnerAddrInUse', 'ThisAddrInUse'), v):
            st[k] = x
        r['pStats'], r['ErrorCode'] = st, 0
        return r

    def DhcpGetSuperScopeInfoV4(self, req):
        r = idl.R_DhcpGetSuperScopeInfoV4Response()
        t = idl.DHCP_SUPER_SCOPE_TABLE()
        t['cEntries'] = len(self.fx.scopes)
        rows = []
        for i, s in enumerate(self.fx.scopes):
            e = idl.DHCP_SUPER_SCOPE_TABLE_ENTRY()
            e['SubnetAddress'], e['SuperScopeNumber'], e['NextInSuperScope'] = s['addr'], i, 0xFFFFFFFF
            e['SuperScopeName'] = idl.wstr(s['super'])
            rows.append(e)
        t['pEntries'] = rows if rows else idl.NULL
        r['SuperScopeTable'], r['ErrorCode'] = t, 0
        return r

    def DhcpEnumSubnetsV6(self, req):
        r = idl.R_DhcpEnumSubnetsV6Response()
        status, start, n = self.fx.page(req['ResumeHandle'], req['PreferredMaximum'], len(self.fx.scopes6))
        r['ResumeHandle'] = start + n
        if n:
            arr = idl.DHCPV6_IP_ARRAY()
            arr['NumElements'] = n
            rows = []
            for s in self.fx.scopes6[start:start + n]:
                a = idl.DHCP_IPV6_ADDRESS()
                a['HighOrderBits'], a['LowOrderBits'] = idl.ip6_halves(s['addr'])
                rows.append(a)
            arr['Elements'] = rows
            r['EnumInfo'] = arr
        else:
            r['EnumInfo'] = idl.NULL
        r['ElementsRead'], r['ElementsTotal'] = n, len(self.fx.scopes6) - start - n
        r['ErrorCode'] = status
        return r

    def DhcpGetSubnetInfoV6(self, req):
        r = idl.R_DhcpGetSubnetInfoV6Response()
        want = req['SubnetAddress']['HighOrderBits'].to_bytes(8, 'big') + \
            req['SubnetAddress']['LowOrderBits'].to_bytes(8, 'big')
        s = next((x for x in self.fx.scopes6 if x['addr'] == want), None)
        if s is None:
            r['SubnetInfo'], r['ErrorCode'] = idl.NULL, 20005
            return r
        i = idl.DHCP_SUBNET_INFO_V6()
        i['SubnetAddress']['HighOrderBits'], i['SubnetAddress']['LowOrderBits'] = idl.ip6_halves(s['addr'])
        i['Prefix'], i['Preference'] = s['prefix'], 0
        i['SubnetName'], i['SubnetComment'] = idl.wstr(s['name']), idl.NULL
        i['State'], i['ScopeId'] = s['state'], 0
        r['SubnetInfo'], r['ErrorCode'] = i, 0
        return r

    def DhcpGetMibInfoV6(self, req):
        r = idl.R_DhcpGetMibInfoV6Response()
        m = idl.DHCP_MIB_INFO_V6()
        for k in ('Solicits', 'Advertises', 'Requests', 'Renews', 'Rebinds', 'Replies', 'Confirms', 'Declines',
                  'Releases', 'Informs'):
            m[k] = 0
        m['ServerStartTime']['dwLowDateTime'] = m['ServerStartTime']['dwHighDateTime'] = 0
        m['Scopes'] = len(self.fx.scopes6)
        rows = []
        for s in self.fx.scopes6:
            x = idl.SCOPE_MIB_INFO_V6()
            x['Subnet']['HighOrderBits'], x['Subnet']['LowOrderBits'] = idl.ip6_halves(s['addr'])
            x['NumAddressesInuse'], x['NumAddressesFree'] = s['inuse'], s['free']
            x['NumPendingAdvertises'] = s['pending']
            rows.append(x)
        m['ScopeInfo'] = rows if rows else idl.NULL
        r['MibInfo'], r['ErrorCode'] = m, 0
        return r


def hdr(ptype, flags, frag_len, auth_len, call_id):
    return struct.pack('<BBBB4sHHI', 5, 0, ptype, flags, b'\x10\0\0\0', frag_len, auth_len, call_id)


class Server:
    def __init__(self, a):
        self.a = a
        self.fx = Fixture(a.fixture)
        self.methods = Methods(self.fx)
        self.users = {u.split(':', 1)[0].lower(): u.split(':', 1)[1] for u in a.user}
        self.faults = dict(x.rsplit(':', 1) for x in a.fault)
        self.garbage = dict(x.rsplit(':', 1) for x in a.garbage)
        self.counts = {}
        self.flush_pending = False
        self.port = 0
        self.cache = {}
        injected = set(self.faults) | set(self.garbage) | self.fx.hangs | {f[0] for f in self.fx.faults}
        if a.reset:
            injected.add(a.reset)
        self.cacheable = {m[0] for m in idl.METHODS.values()} - injected

    def encode(self, iface, opnum, stub):
        """The reply to a request without injected faults, encoded with impacket."""
        name, req_cls, _rep = idl.METHODS[(iface, opnum)]
        req = req_cls()
        req.fromString(stub)          # the Samba client may add a verification trailer: ignored
        return self.methods(name, req).getData()

    def cached(self, iface, opnum, stub):
        """The reply from the cache, encoded now if it is not there yet; None
        when faults are injected into the method or the request is unusual."""
        name = idl.METHODS[(iface, opnum)][0]
        n = KEY_LEN[opnum]
        if name not in self.cacheable or len(stub) < n or stub[:4] != b'\0\0\0\0':
            return None
        key = (iface, opnum, bytes(stub[:n]))
        data = self.cache.get(key)
        if data is None:
            data = self.cache[key] = self.encode(iface, opnum, stub)
        return data

    def precompute(self):
        """Every reply the plugin can ask for, for the fixture as it is."""
        null, every = struct.pack('<I', 0), 0xFFFFFFFF
        for iface, opnum in ((idl.DHCPSRV, 37), (idl.DHCPSRV2, 81), (idl.DHCPSRV2, 68)):
            self.cached(iface, opnum, null)
        for iface, opnum, total in ((idl.DHCPSRV, 3, len(self.fx.scopes)), (idl.DHCPSRV2, 93, len(self.fx.rels)),
                                    (idl.DHCPSRV2, 58, len(self.fx.scopes6))):
            resume = 0
            while True:
                self.cached(iface, opnum, null + struct.pack('<II', resume, every))
                status, start, n = self.fx.page(resume, every, total)
                if status != ERROR_MORE_DATA:
                    break
                resume = start + n
        for sc in self.fx.scopes:
            for iface, opnum in ((idl.DHCPSRV, 2), (idl.DHCPSRV2, 97)):
                self.cached(iface, opnum, null + struct.pack('<I', sc['addr']))
        for sc in self.fx.scopes6:
            hi, lo = idl.ip6_halves(sc['addr'])
            self.cached(idl.DHCPSRV2, 63, null + null + struct.pack('<QQ', hi, lo))

    def count(self, name):
        self.counts[name] = self.counts.get(name, 0) + 1
        if self.a.counts and not self.flush_pending:
            self.flush_pending = True
            asyncio.get_running_loop().call_later(0.02, self.flush)

    def flush(self):
        """The counts file, rewritten at most every 20 ms."""
        self.flush_pending = False
        tmp = self.a.counts + '.tmp'
        with open(tmp, 'w') as f:
            for k in sorted(self.counts):
                f.write('call %s %d\n' % (k, self.counts[k]))
        os.replace(tmp, self.a.counts)

    def log(self, *msg):
        if self.a.verbose:
            print('[fake-dhcpm]', *msg, file=sys.stderr, flush=True)


class Conn:
    def __init__(self, srv, reader, writer, epm):
        self.srv, self.r, self.w, self.epm = srv, reader, writer, epm
        self.ctx, self.frags = {}, {}
        self.auth, self.authed, self.level, self.auth_ctx = None, False, 0, 0
        self.max_xmit = 4280
        self.dead = False
        sock = writer.get_extra_info('socket')
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    async def run(self):
        try:
            while True:
                h = await self.r.readexactly(16)
                n = struct.unpack('<H', h[8:10])[0]
                if h[0] != 5 or h[4] != 0x10 or n < 16:
                    break
                self.handle(h + await self.r.readexactly(n - 16))
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        except Exception as e:            # a protocol error ends the connection, not the server
            self.srv.log('connection error: %r' % e)
        finally:
            self.w.close()

    def send(self, data):
        if not self.dead and not self.w.is_closing():
            self.w.write(data)

    @staticmethod
    def split_auth(pdu, auth_len):
        if auth_len == 0:
            return pdu, None, 0, 0, 0, b''
        t = len(pdu) - auth_len - 8
        at, al, pad, _r, cid = struct.unpack('<BBBBI', pdu[t:t + 8])
        return pdu[:t], at, al, pad, cid, pdu[t + 8:]

    def handle(self, pdu):
        ptype, flags = pdu[2], pdu[3]
        auth_len, call_id = struct.unpack('<HI', pdu[10:16])
        if ptype in (BIND, ALTER):
            self.bind(pdu, ptype, call_id, auth_len)
        elif ptype == AUTH3:
            _b, _at, _al, _p, _c, token = self.split_auth(pdu, auth_len)
            try:
                self.authed = self.auth.step(token)[1]
            except AuthError as e:
                self.srv.log('auth3 refused:', e)
        elif ptype == REQUEST:
            self.request(pdu, flags, call_id, auth_len)

    def bind(self, pdu, ptype, call_id, auth_len):
        _body, at, al, _pad, cid, token = self.split_auth(pdu, auth_len)
        if ptype == BIND:
            self.max_xmit = min(struct.unpack('<H', pdu[16:18])[0], 5840)
        results, off = [], 28
        for _ in range(pdu[24]):
            ctx_id, ntr = struct.unpack('<HB', pdu[off:off + 3])
            iface = uuid_text(pdu[off + 4:off + 20])
            trs = [pdu[off + 24 + 20 * i:off + 44 + 20 * i] for i in range(ntr)]
            off += 24 + 20 * ntr
            known = iface == EPMAPPER if self.epm else (iface in (idl.DHCPSRV, idl.DHCPSRV2))
            if known and NDR20 in trs:
                self.ctx[ctx_id] = iface
                results.append(struct.pack('<HH', 0, 0) + NDR20)
            else:
                results.append(struct.pack('<HH', 2, 2 if known else 1) + b'\0' * 20)
        out = None
        if at and not self.authed:
            if at != SPNEGO:
                return self.nak(call_id)
            try:
                if self.auth is None:
                    self.auth, self.level, self.auth_ctx = Acceptor(self.srv.users), al, cid
                out, self.authed = self.auth.step(token)
                if self.authed:
                    self.srv.log('logged on %s at level %d' % (self.auth.user, self.level))
            except AuthError as e:
                self.srv.log('log-on refused:', e)
                return self.fault(call_id, 0, 5) if ptype == ALTER else self.nak(call_id)
        port = (str(self.w.get_extra_info('sockname')[1]).encode() + b'\0') if ptype == BIND else b''
        b = struct.pack('<HHI', self.max_xmit, self.max_xmit, 0x12345678) + struct.pack('<H', len(port)) + port
        b += b'\0' * ((-(16 + len(b))) % 4)
        b += struct.pack('<BBH', len(results), 0, 0) + b''.join(results)
        if out is not None:
            b += b'\0' * ((-(16 + len(b))) % 4)
            b += struct.pack('<BBBBI', SPNEGO, self.level, 0, 0, self.auth_ctx) + out
        self.send(hdr(BIND_ACK if ptype == BIND else ALTER_RESP, FIRST | LAST, 16 + len(b),
                      len(out) if out is not None else 0, call_id) + b)

    def nak(self, call_id):
        b = struct.pack('<HB', 0, 1) + bytes([5, 0])
        b += b'\0' * ((-(16 + len(b))) % 4)
        self.send(hdr(BIND_NAK, FIRST | LAST, 16 + len(b), 0, call_id) + b)

    def fault(self, call_id, ctx_id, status):
        b = struct.pack('<IHBBII', 0, ctx_id, 0, 0, status, 0)
        self.send(hdr(FAULT, FIRST | LAST | 0x20, 16 + len(b), 0, call_id) + b)

    def request(self, pdu, flags, call_id, auth_len):
        head = 24 + (16 if flags & OBJECT else 0)
        _hint, ctx_id, opnum = struct.unpack('<IHH', pdu[16:24])
        if self.auth is not None:
            body, at, _al, pad, _cid, sig = self.split_auth(pdu, auth_len)
            if not self.authed or at is None:
                return self.fault(call_id, ctx_id, 5)
            trailer = pdu[len(body):len(body) + 8]
            if self.level == PRIVACY:
                plain, ok = self.auth.unseal(body[head:], lambda p: pdu[:head] + p + trailer, sig)
            else:
                plain, ok = body[head:], self.auth.verify(body + trailer, sig)
            if not ok:
                return self.fault(call_id, ctx_id, 5)
            stub = plain[:len(plain) - pad]
        else:
            stub = pdu[head:]
        if flags & FIRST:
            self.frags[call_id] = b''
        self.frags[call_id] = self.frags.get(call_id, b'') + stub
        if not flags & LAST:
            return
        stub = self.frags.pop(call_id)
        iface = self.ctx.get(ctx_id)
        if iface is None:
            return self.fault(call_id, ctx_id, NCA_S_UNKNOWN_IF)
        if self.srv.a.hang_after_bind and not self.epm:
            return
        asyncio.get_running_loop().create_task(self.answer(call_id, ctx_id, iface, opnum, stub))

    async def answer(self, call_id, ctx_id, iface, opnum, stub):
        srv = self.srv
        if srv.a.delay_ms:
            await asyncio.sleep(srv.a.delay_ms / 1000.0)
        if iface == EPMAPPER:
            self.srv.count('ept_map')
            return self.respond(call_id, ctx_id, self.ept_map(stub) if opnum == 3 else None)
        m = idl.METHODS.get((iface, opnum))
        if m is None:
            return self.fault(call_id, ctx_id, NCA_S_OP_RNG_ERROR)
        name, req_cls, _rep = m
        data = srv.cached(iface, opnum, stub)
        if data is not None:
            srv.count(name)
            return self.respond(call_id, ctx_id, data)
        req = req_cls()
        req.fromString(stub)          # the Samba client may add a verification trailer: ignored
        srv.count(name)
        scope = req['Address'] if 'Address' in req.fields else None
        if 'SubnetAddress' in req.fields:
            scope = b''.join(x.to_bytes(8, 'big') for x in (req['SubnetAddress']['HighOrderBits'],
                                                            req['SubnetAddress']['LowOrderBits']))
        if name in srv.fx.hangs:
            return
        if name in srv.faults:
            return self.fault(call_id, ctx_id, int(srv.faults[name], 0))
        for fn, code, fscope in srv.fx.faults:
            if fn == name and (fscope is None or fscope == scope):
                rep = _rep()
                for field, _t in rep.structure:
                    rep[field] = 0 if field in ('ResumeHandle', 'ElementsRead', 'ElementsTotal', 'RelationshipRead',
                                                'RelationshipTotal') else idl.NULL
                rep['ErrorCode'] = code
                return self.respond(call_id, ctx_id, rep.getData())
        data = srv.methods(name, req).getData()
        kind = srv.garbage.get(name)
        if kind == 'truncate':
            data = data[:len(data) // 2]
        elif kind == 'hostile':
            data = b'\x00\x00\x02\x00' + b'\xff' * 16 + b'\x00\x00\x02\x00' + b'\xff\xff\xff\x7f' * 8
        if name == srv.a.reset:
            return self.reset(call_id, ctx_id, data)
        self.respond(call_id, ctx_id, data)

    def ept_map(self, stub):
        """ept_map: this server's port for the DHCP interfaces, else EPT_S_NOT_REGISTERED."""
        o = 4 + (16 if struct.unpack('<I', stub[:4])[0] else 0) + 4
        tl = struct.unpack('<I', stub[o + 4:o + 8])[0]
        tower = bytearray(stub[o + 8:o + 8 + tl])
        if self.srv.a.no_register or uuid_text(bytes(tower[5:21])) not in (idl.DHCPSRV, idl.DHCPSRV2):
            return b'\0' * 20 + struct.pack('<IIIII', 0, 4, 0, 0, EPT_S_NOT_REGISTERED)
        p = 2
        for _ in range(struct.unpack('<H', tower[:2])[0]):
            lhs = struct.unpack('<H', tower[p:p + 2])[0]
            proto = tower[p + 2]
            p += 2 + lhs
            rhs = struct.unpack('<H', tower[p:p + 2])[0]
            if proto == 0x07:
                tower[p + 2:p + 4] = struct.pack('>H', self.srv.port)
            p += 2 + rhs
        tw = struct.pack('<II', len(tower), len(tower)) + bytes(tower)
        tw += b'\0' * ((-len(tw)) % 4)
        return b'\0' * 20 + struct.pack('<IIIII', 1, 4, 0, 1, 0x00020000) + tw + struct.pack('<I', 0)

    def pdus(self, call_id, ctx_id, stub):
        sec = self.auth is not None and self.authed
        room = min(self.max_xmit, self.srv.a.max_frag or self.max_xmit) - 24 - (24 if sec else 0)
        room -= room % 16
        pos, first, out = 0, True, []
        while True:
            chunk = stub[pos:pos + room]
            pos += len(chunk)
            last = pos >= len(stub)
            flags = (FIRST if first else 0) | (LAST if last else 0)
            first = False
            hint = struct.pack('<IHBB', len(stub) - pos + len(chunk), ctx_id, 0, 0)
            if not sec:
                out.append(hdr(RESPONSE, flags, 24 + len(chunk), 0, call_id) + hint + chunk)
            else:
                pad = (-len(chunk)) % 16
                data = chunk + b'\0' * pad
                head = hdr(RESPONSE, flags, 24 + len(data) + 24, 16, call_id) + hint
                trailer = struct.pack('<BBBBI', SPNEGO, self.level, pad, 0, self.auth_ctx)
                if self.level == PRIVACY:
                    enc, sig = self.auth.seal(data, lambda: head + data + trailer)
                else:
                    enc, sig = data, self.auth.sign(head + data + trailer)
                out.append(head + enc + trailer + sig)
            if last:
                return out

    def respond(self, call_id, ctx_id, stub):
        if stub is None:
            return self.fault(call_id, ctx_id, NCA_S_OP_RNG_ERROR)
        for p in self.pdus(call_id, ctx_id, stub):
            self.send(p)

    def reset(self, call_id, ctx_id, stub):
        """Half of the reply's bytes, then a TCP reset; nothing more is sent."""
        data = b''.join(self.pdus(call_id, ctx_id, stub))
        sock = self.w.get_extra_info('socket')
        self.dead = True
        try:
            os.write(sock.fileno(), data[:max(1, len(data) // 2)])
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        except OSError:
            pass
        self.w.transport.abort()


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', type=int, default=0)
    ap.add_argument('--port-file')
    ap.add_argument('--epm-port', type=int, default=0)
    ap.add_argument('--no-register', action='store_true')
    ap.add_argument('--fixture', required=True)
    ap.add_argument('--user', action='append', default=[])
    ap.add_argument('--counts')
    ap.add_argument('--delay-ms', type=float, default=0)
    ap.add_argument('--max-frag', type=int, default=0)
    ap.add_argument('--fault', action='append', default=[])
    ap.add_argument('--garbage', action='append', default=[])
    ap.add_argument('--reset')
    ap.add_argument('--hang-after-bind', action='store_true')
    ap.add_argument('--verbose', action='store_true')
    ap.add_argument('--precompute', action='store_true')
    a = ap.parse_args()
    srv = Server(a)
    if a.precompute:
        srv.precompute()
    dhcp = await asyncio.start_server(lambda r, w: Conn(srv, r, w, False).run(), a.host, a.port)
    srv.port = dhcp.sockets[0].getsockname()[1]
    for s in dhcp.sockets:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    servers = [dhcp]
    if a.epm_port:
        servers.append(await asyncio.start_server(lambda r, w: Conn(srv, r, w, True).run(), a.host, a.epm_port))
    if a.port_file:
        with open(a.port_file + '.tmp', 'w') as f:
            f.write('%d\n' % srv.port)
        os.replace(a.port_file + '.tmp', a.port_file)
    srv.log('listening on %s:%d' % (a.host, srv.port))
    await asyncio.gather(*(s.serve_forever() for s in servers))


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
