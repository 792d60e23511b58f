#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The plugin's NDR against an independent implementation, impacket.

Requests: the bytes the plugin marshals (plugin/mswin/rpc/dhcpm_ndr.c, through
ndr_tool) must be the bytes impacket marshals for the same call as
dhcpm_idl.py describes it, and impacket must read them back to the same
values. Replies: what impacket marshals from the IDL (with its random
referent ids and 0xAB padding) the plugin must read back to the same values:
empty arrays, NULL pointers and strings, non-ASCII names, 1,000 scopes, an
error status with NULL results, 64-bit counts. Usage: ndr_crosscheck.py NDR_TOOL
"""
import ipaddress
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
try:
    import dhcpm_idl as idl  # noqa: E402
except ImportError as e:          # a missing tool is a skip, never a pass
    print("SKIP: Debian's python3-impacket is not installed (%s)" % e)
    sys.exit(77)

tool = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
passed = failed = 0


def ask(line):
    tool.stdin.write(line + '\n')
    tool.stdin.flush()
    return tool.stdout.readline().rstrip('\n')


def check(name, got, want):
    global passed, failed
    if got == want:
        passed += 1
        print('ok: %s' % name)
    else:
        failed += 1
        print('FAIL: %s\n  got:  %s\n  want: %s' % (name, got[:600], want[:600]))


def s(key, v):
    if v is None:
        return ' %s=-' % key
    return ' %s=%s' % (key, v.encode('utf-8').hex() if v else '""')


def req(cls, **kw):
    r = cls()
    r['ServerIpAddress'] = idl.NULL
    for k, v in kw.items():
        r[k] = v
    return r


def crosscheck_request(name, job, r, fields):
    ours = ask('req ' + job)
    check('request %s: our bytes are impacket\'s' % name, ours, r.getData().hex())
    back = type(r)()
    back.fromString(bytes.fromhex(ours))
    check('request %s: impacket reads ours back' % name, repr([back[f] for f in fields]),
          repr([r[f] for f in fields]))


# --- requests --------------------------------------------------------------
crosscheck_request('server only', 'server', req(idl.ServerOnlyRequest), [])
for resume, mx in ((0, 0xFFFFFFFF), (300, 300), (0xFFFFFFFF, 1)):
    crosscheck_request('enum %d %d' % (resume, mx), 'enum %d %d' % (resume, mx),
                       req(idl.EnumRequest, ResumeHandle=resume, PreferredMaximum=mx),
                       ['ResumeHandle', 'PreferredMaximum'])
for a in (0x0A000000, 0xC0A80780, 0xFFFFFFFF):
    crosscheck_request('ip4 %08x' % a, 'ip4 %d' % a, req(idl.AddressRequest, Address=a), ['Address'])
for text in ('2001:db8:1::', 'fd00::1:2:3:4'):
    packed = ipaddress.IPv6Address(text).packed
    r = req(idl.Address6Request)
    r['SubnetAddress']['HighOrderBits'], r['SubnetAddress']['LowOrderBits'] = idl.ip6_halves(packed)
    ours = ask('req ip6 ' + packed.hex())
    theirs = r.getData()
    # Bytes 4 to 7 align the address to 8; impacket pads with 0xAB, we with 0.
    check('request ip6 %s: our bytes are impacket\'s but for the padding' % text, ours,
          (theirs[:4] + b'\0' * 4 + theirs[8:]).hex())
    back = idl.Address6Request()
    back.fromString(bytes.fromhex(ours))
    check('request ip6 %s: impacket reads ours back' % text,
          (back['SubnetAddress']['HighOrderBits'], back['SubnetAddress']['LowOrderBits']), idl.ip6_halves(packed))

# --- replies ---------------------------------------------------------------
rnd = random.Random(7)


def ip_array(addrs):
    a = idl.DHCP_IP_ARRAY()
    a['NumElements'] = len(addrs)
    a['Elements'] = list(addrs) if addrs else idl.NULL
    return a


def enum_reply(addrs, status=0, null=False, resume=0):
    r = idl.R_DhcpEnumSubnetsResponse()
    r['ResumeHandle'] = resume
    r['EnumInfo'] = idl.NULL if null else ip_array(addrs)
    r['ElementsRead'], r['ElementsTotal'], r['ErrorCode'] = len(addrs), 7, status
    want = 'resume=%d read=%d total=7 status=%d array=%d n=%d' % (resume, len(addrs), status, 0 if null else 1,
                                                                  0 if null else len(addrs))
    want += ''.join(' a=%d' % a for a in ([] if null else addrs))
    return r, want


for name, (r, want) in {
        'three': enum_reply([0x0A000100, 0x0A000200, 0xC0A80000], resume=3),
        'empty array': enum_reply([]),
        'no more items': enum_reply([], status=259, null=True),
        '1000 scopes': enum_reply([0x0A000000 + (i << 8) for i in range(1000)], status=234, resume=1000)}.items():
    check('R_DhcpEnumSubnets %s' % name, ask('rep enum ' + r.getData().hex()), want)


def subnet_reply(name, comment, state=0, host=('DOUBLE', None)):
    r = idl.R_DhcpGetSubnetInfoResponse()
    i = idl.DHCP_SUBNET_INFO()
    i['SubnetAddress'], i['SubnetMask'] = 0x0A000200, 0xFFFFFE00
    i['SubnetName'], i['SubnetComment'] = idl.wstr(name), idl.wstr(comment)
    i['PrimaryHost']['IpAddress'] = 0x7F000001
    i['PrimaryHost']['NetBiosName'], i['PrimaryHost']['HostName'] = idl.wstr(host[0]), idl.wstr(host[1])
    i['SubnetState'] = state
    r['SubnetInfo'], r['ErrorCode'] = i, 0
    want = 'status=0 info=1 address=%d mask=%d' % (0x0A000200, 0xFFFFFE00) + s('name', name) + s('comment', comment)
    want += ' host=%d' % 0x7F000001 + s('netbios', host[0]) + s('hostname', host[1]) + ' state=%d' % state
    return r, want


for name, (r, want) in {
        'ASCII': subnet_reply('Office', 'served by the test double'),
        'non-ASCII': subnet_reply('Büro Süd – 東京 😀', 'Ωmega', state=3, host=(None, 'dhcp.example')),
        'NULL strings': subnet_reply(None, None, state=1, host=(None, None)),
        'empty strings': subnet_reply('', '', state=2, host=('', ''))}.items():
    check('R_DhcpGetSubnetInfo %s' % name, ask('rep subnet ' + r.getData().hex()), want)
r = idl.R_DhcpGetSubnetInfoResponse()
r['SubnetInfo'], r['ErrorCode'] = idl.NULL, 20005
check('R_DhcpGetSubnetInfo error, NULL info', ask('rep subnet ' + r.getData().hex()), 'status=20005 info=0')


def mib_reply(rows):
    r = idl.R_DhcpGetMibInfoV5Response()
    m = idl.DHCP_MIB_INFO_V5()
    names = ['Discovers', 'Offers', 'Requests', 'Acks', 'Naks', 'Declines', 'Releases', 'QtnNumLeases',
             'QtnPctQtnLeases', 'QtnProbationLeases', 'QtnNonQtnLeases', 'QtnExemptLeases', 'QtnCapableClients',
             'QtnIASErrors', 'DelayedOffers', 'ScopesWithDelayedOffers']
    v = {k: rnd.randrange(1 << 32) for k in names}
    for k in names:
        m[k] = v[k]
    m['ServerStartTime']['dwLowDateTime'], m['ServerStartTime']['dwHighDateTime'] = 0x12345678, 0x01D9ABCD
    m['Scopes'] = len(rows)
    items = []
    for row in rows:
        x = idl.SCOPE_MIB_INFO_V5()
        x['Subnet'], x['NumAddressesInuse'], x['NumAddressesFree'], x['NumPendingOffers'] = row
        items.append(x)
    m['ScopeInfo'] = items if items else idl.NULL
    r['MibInfo'], r['ErrorCode'] = m, 0
    want = 'status=0 mib=1 discovers=%d offers=%d requests=%d acks=%d naks=%d declines=%d releases=%d ' \
        'start=%d,%d' % (v['Discovers'], v['Offers'], v['Requests'], v['Acks'], v['Naks'], v['Declines'],
                         v['Releases'], 0x12345678, 0x01D9ABCD)
    want += ''.join(' qtn%d=%d' % (i, v[k]) for i, k in enumerate(names[7:14]))
    want += ' delayed=%d,%d scopes=%d info=%d' % (v['DelayedOffers'], v['ScopesWithDelayedOffers'], len(rows),
                                                  1 if rows else 0)
    want += ''.join(' s=%d,%d,%d,%d' % row for row in rows)
    return r, want


for name, rows in {'no scopes': [], 'one': [(0x0A000100, 60, 40, 1)],
                   '1000 scopes': [(0x0A000000 + (i << 8), i, 254 - i % 254, i % 3) for i in range(1000)]}.items():
    r, want = mib_reply(rows)
    check('R_DhcpGetMibInfoV5 %s' % name, ask('rep mib ' + r.getData().hex()), want)
r = idl.R_DhcpGetMibInfoV5Response()
r['MibInfo'], r['ErrorCode'] = idl.NULL, 5
check('R_DhcpGetMibInfoV5 access denied, NULL', ask('rep mib ' + r.getData().hex()), 'status=5 mib=0')


def rel(name, mode, role, state, scopes, secret):
    x = idl.DHCP_FAILOVER_RELATIONSHIP()
    x['PrimaryServer'], x['SecondaryServer'] = 0xC0000201, 0xC0000202
    x['Mode'], x['ServerType'], x['State'], x['PrevState'] = mode, role, state, 3
    x['Mclt'], x['SafePeriod'] = 3600, 0
    x['RelationshipName'], x['PrimaryServerName'] = idl.wstr(name), idl.wstr('dhcp-a')
    x['SecondaryServerName'] = idl.wstr(None)
    x['pScopes'] = idl.NULL if scopes is None else ip_array(scopes)
    x['Percentage'] = 50
    x['SharedSecret'] = idl.wstr(secret)
    want = ' | primary=%d secondary=%d mode=%d type=%d state=%d prev=3 mclt=3600 safe=0' % (
        0xC0000201, 0xC0000202, mode, role, state)
    want += s('name', name) + s('pname', 'dhcp-a') + s('sname', None)
    want += ' scopes=%d,%d' % (0 if scopes is None else 1, len(scopes or []))
    want += ''.join(' a=%d' % a for a in (scopes or [])) + ' pct=50' + s('secret', secret)
    return x, want


rows = [rel('fo-hq', 0, 0, 3, [0x0A000100, 0x0A000200], 'not-a-secret'),
        rel('Ausfall – Süd', 1, 1, 13, [], None), rel('no scopes', 0, 1, 99, None, '')]
r = idl.R_DhcpV4FailoverEnumRelationshipResponse()
arr = idl.DHCP_FAILOVER_RELATIONSHIP_ARRAY()
arr['NumElements'] = len(rows)
arr['pRelationships'] = [x for x, _w in rows]
r['ResumeHandle'], r['pRelationship'] = 3, arr
r['RelationshipRead'], r['RelationshipTotal'], r['ErrorCode'] = 3, 0, 0
check('R_DhcpV4FailoverEnumRelationship', ask('rep foenum ' + r.getData().hex()),
      'resume=3 read=3 total=0 status=0 array=1 n=3' + ''.join(w for _x, w in rows))
r = idl.R_DhcpV4FailoverEnumRelationshipResponse()
r['ResumeHandle'], r['pRelationship'], r['RelationshipRead'], r['RelationshipTotal'] = 0, idl.NULL, 0, 0
r['ErrorCode'] = 20134
check('R_DhcpV4FailoverEnumRelationship not supported', ask('rep foenum ' + r.getData().hex()),
      'resume=0 read=0 total=0 status=20134 array=0 n=0')

r = idl.R_DhcpV4FailoverGetScopeStatisticsResponse()
st = idl.DHCP_FAILOVER_STATISTICS()
vals = [rnd.randrange(1 << 32) for _ in range(7)]
for k, v in zip(('NumAddr', 'AddrFree', 'AddrInUse', 'PartnerAddrFree', 'ThisAddrFree', 'PartnerAddrInUse',
                 'ThisAddrInUse'), vals):
    st[k] = v
r['pStats'], r['ErrorCode'] = st, 0
check('R_DhcpV4FailoverGetScopeStatistics', ask('rep fostats ' + r.getData().hex()),
      'status=0 stats=1 ' + ','.join(map(str, vals)))
r['pStats'], r['ErrorCode'] = idl.NULL, 20116
check('R_DhcpV4FailoverGetScopeStatistics not in failover', ask('rep fostats ' + r.getData().hex()),
      'status=20116 stats=0')

r = idl.R_DhcpGetSuperScopeInfoV4Response()
t = idl.DHCP_SUPER_SCOPE_TABLE()
entries, want = [], ''
for i, (a, n) in enumerate(((0x0A000100, 'Building A'), (0x0A000200, None), (0x0A000400, 'Gebäude B'))):
    e = idl.DHCP_SUPER_SCOPE_TABLE_ENTRY()
    e['SubnetAddress'], e['SuperScopeNumber'], e['NextInSuperScope'] = a, i, 0xFFFFFFFF
    e['SuperScopeName'] = idl.wstr(n)
    entries.append(e)
    want += ' | subnet=%d number=%d next=%d' % (a, i, 0xFFFFFFFF) + s('name', n)
t['cEntries'], t['pEntries'] = 3, entries
r['SuperScopeTable'], r['ErrorCode'] = t, 0
check('R_DhcpGetSuperScopeInfoV4', ask('rep super ' + r.getData().hex()), 'status=0 table=1 n=3' + want)

# IPv6
addrs6 = [ipaddress.IPv6Address(x).packed for x in ('2001:db8:1::', '2001:db8:ffff:ffff::', 'fd00::')]
r = idl.R_DhcpEnumSubnetsV6Response()
a6 = idl.DHCPV6_IP_ARRAY()
a6['NumElements'] = len(addrs6)
items = []
for p in addrs6:
    x = idl.DHCP_IPV6_ADDRESS()
    x['HighOrderBits'], x['LowOrderBits'] = idl.ip6_halves(p)
    items.append(x)
a6['Elements'] = items
r['ResumeHandle'], r['EnumInfo'], r['ElementsRead'], r['ElementsTotal'], r['ErrorCode'] = 3, a6, 3, 0, 0
check('R_DhcpEnumSubnetsV6', ask('rep enum6 ' + r.getData().hex()),
      'resume=3 read=3 total=0 status=0 array=1 n=3' + ''.join(' a=' + p.hex() for p in addrs6))

r = idl.R_DhcpGetSubnetInfoV6Response()
i = idl.DHCP_SUBNET_INFO_V6()
i['SubnetAddress']['HighOrderBits'], i['SubnetAddress']['LowOrderBits'] = idl.ip6_halves(addrs6[0])
i['Prefix'], i['Preference'], i['SubnetName'], i['SubnetComment'] = 64, 7, idl.wstr('Netz sechs'), idl.NULL
i['State'], i['ScopeId'] = 1, 42
r['SubnetInfo'], r['ErrorCode'] = i, 0
check('R_DhcpGetSubnetInfoV6', ask('rep subnet6 ' + r.getData().hex()),
      'status=0 info=1 address=%s prefix=64 preference=7' % addrs6[0].hex() + s('name', 'Netz sechs')
      + s('comment', None) + ' state=1 scopeid=42')

r = idl.R_DhcpGetMibInfoV6Response()
m = idl.DHCP_MIB_INFO_V6()
for k in ('Solicits', 'Advertises', 'Requests', 'Renews', 'Rebinds', 'Replies', 'Confirms', 'Declines',
          'Releases', 'Informs'):
    m[k] = 11
m['ServerStartTime']['dwLowDateTime'] = m['ServerStartTime']['dwHighDateTime'] = 0
m['Scopes'] = 2
rows6, want = [], ''
for p, inuse, free in ((addrs6[0], 5, 1 << 40), (addrs6[2], (1 << 64) - 1, 0)):
    x = idl.SCOPE_MIB_INFO_V6()
    x['Subnet']['HighOrderBits'], x['Subnet']['LowOrderBits'] = idl.ip6_halves(p)
    x['NumAddressesInuse'], x['NumAddressesFree'], x['NumPendingAdvertises'] = inuse, free, 3
    rows6.append(x)
    want += ' s=%s,%d,%d,3' % (p.hex(), inuse, free)
m['ScopeInfo'] = rows6
r['MibInfo'], r['ErrorCode'] = m, 0
check('R_DhcpGetMibInfoV6 (64-bit counts)', ask('rep mib6 ' + r.getData().hex()),
      'status=0 mib=1' + ''.join(' c%d=11' % n for n in range(10)) + ' start=0,0 scopes=2 info=1' + want)

# Truncated replies are errors, never a crash or a half-filled answer.
r, _ = mib_reply([(0x0A000100, 60, 40, 1)] * 3)
data = r.getData().hex()
for cut in (0, 8, len(data) // 2, len(data) - 8):
    got = ask('rep mib ' + data[:cut])
    check('R_DhcpGetMibInfoV5 cut to %d bytes is an error' % (cut // 2), got.split(' ')[0], 'error')

tool.stdin.close()
tool.wait()
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed or not passed else 0)
