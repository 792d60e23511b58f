# SPDX-License-Identifier: GPL-3.0-or-later
"""TEST CODE: the server side of SPNEGO with NTLMSSP (NTLMv2, extended session
security, 128-bit keys, key exchange), enough for fake_dhcpm_server.py to
accept the sealed binds Samba's client library makes. [MS-NLMP] and
[MS-SPNG] facts; the NT hash comes from impacket, RC4 from pycryptodome.

Samba's client sends an NTLM MIC when the CHALLENGE carries MsvAvTimestamp,
then a SPNEGO mechListMIC, and expects one back; after that exchange both
sides restart their RC4 streams but keep counting sequence numbers.
"""
import hashlib
import hmac
import os
import struct
import time

from Cryptodome.Cipher import ARC4
from impacket.ntlm import compute_nthash

UNICODE, REQUEST_TARGET, SIGN, SEAL = 0x1, 0x4, 0x10, 0x20
NTLM, ALWAYS_SIGN, TARGET_DOMAIN, ESS = 0x200, 0x8000, 0x10000, 0x80000
TARGET_INFO, VERSION, B128, KEY_EXCH, B56 = 0x800000, 0x2000000, 0x20000000, 0x40000000, 0x80000000
OID_NTLMSSP = bytes.fromhex('2b06010401823702020a')


class AuthError(Exception):
    pass


def _hmac(key, data):
    return hmac.new(key, data, hashlib.md5).digest()


def _md5(data):
    return hashlib.md5(data).digest()


def der_head(buf, off):
    """(tag, start of value, end of value) of the element at off."""
    tag, n = buf[off], buf[off + 1]
    off += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(buf[off:off + k], 'big')
        off += k
    if off + n > len(buf):
        raise AuthError('truncated DER')
    return tag, off, off + n


def der_items(buf, start, end):
    while start < end:
        tag, vs, ve = der_head(buf, start)
        yield tag, start, vs, ve
        start = ve


def der(tag, value):
    n = len(value)
    if n < 0x80:
        return bytes([tag, n]) + value
    b = n.to_bytes((n.bit_length() + 7) // 8, 'big')
    return bytes([tag, 0x80 | len(b)]) + b + value


def parse_spnego(tok):
    """{'init': bool, 'mechtypes': DER bytes, 'mechs': [...], 'token', 'mic'}"""
    out = {'init': False, 'mechtypes': None, 'mechs': [], 'token': None, 'mic': None}
    tag, vs, ve = der_head(tok, 0)
    if tag == 0x60:                      # GSS InitialContextToken: OID, [0] NegTokenInit
        out['init'] = True
        items = list(der_items(tok, vs, ve))
        _, _, ivs, _ = items[1]
        _, svs, sve = der_head(tok, ivs)
    elif tag == 0xa1:                    # [1] NegTokenResp
        _, svs, sve = der_head(tok, vs)
    else:
        raise AuthError('not SPNEGO')
    for t, _start, cvs, cve in der_items(tok, svs, sve):
        _, ovs, ove = der_head(tok, cvs)
        if t == 0xa0 and out['init']:
            out['mechtypes'] = tok[cvs:ove]
            out['mechs'] = [tok[a:b] for (_t, _s, a, b) in der_items(tok, ovs, ove)]
        elif t == 0xa2:
            out['token'] = tok[ovs:ove]
        elif t == 0xa3:
            out['mic'] = tok[ovs:ove]
    return out


def neg_token_resp(state, mech=None, token=None, mic=None):
    body = der(0xa0, der(0x0a, bytes([state])))
    if mech:
        body += der(0xa1, der(0x06, mech))
    if token is not None:
        body += der(0xa2, der(0x04, token))
    if mic is not None:
        body += der(0xa3, der(0x04, mic))
    return der(0xa1, der(0x30, body))


class Acceptor:
    """One SPNEGO/NTLMSSP server context; users maps lower-case names to passwords."""

    def __init__(self, users, domain='CDSTEST', computer='CDSFAKE'):
        self.users, self.domain, self.computer = users, domain, computer
        self.done = False
        self.user = None

    def step(self, token):
        """Next token for the client, and whether the context is complete."""
        t = parse_spnego(token)
        if t['init']:
            self.mechtypes = t['mechtypes']
            if not t['mechs'] or t['mechs'][0] != OID_NTLMSSP or t['token'] is None:
                raise AuthError('the client does not start with NTLMSSP')
            return neg_token_resp(1, OID_NTLMSSP, self._challenge(t['token'])), False
        if t['token'] is not None:
            self._authenticate(t['token'])
        if self.user is None:
            raise AuthError('no AUTHENTICATE message')
        mic = None
        if t['mic'] is not None:
            if not self.verify(self.mechtypes, t['mic']):
                raise AuthError('bad mechListMIC')
            mic = self.sign(self.mechtypes)
            self._rc4(reset_seq=False)
        self.done = True
        return neg_token_resp(0, None, None, mic), True

    def _challenge(self, neg):
        if neg[:8] != b'NTLMSSP\0' or struct.unpack('<I', neg[8:12])[0] != 1:
            raise AuthError('not a NEGOTIATE message')
        flags = struct.unpack('<I', neg[12:16])[0]
        if not flags & ESS:
            raise AuthError('no extended session security')
        want = UNICODE | REQUEST_TARGET | SIGN | SEAL | NTLM | ALWAYS_SIGN | ESS | B128 | KEY_EXCH | B56 | VERSION
        self.flags = (flags & want) | TARGET_INFO | TARGET_DOMAIN | UNICODE
        self.challenge = os.urandom(8)
        dom, comp = self.domain.encode('utf-16le'), self.computer.encode('utf-16le')
        now = int((time.time() + 11644473600) * 10000000)
        info = b''
        for avid, val in ((2, dom), (1, comp), (4, self.domain.lower().encode('utf-16le')),
                          (3, self.computer.lower().encode('utf-16le')), (7, struct.pack('<Q', now)), (0, b'')):
            info += struct.pack('<HH', avid, len(val)) + val
        msg = b'NTLMSSP\0' + struct.pack('<I', 2) + struct.pack('<HHI', len(dom), len(dom), 56)
        msg += struct.pack('<I', self.flags) + self.challenge + b'\0' * 8
        msg += struct.pack('<HHI', len(info), len(info), 56 + len(dom))
        msg += bytes([10, 0]) + struct.pack('<H', 20348) + b'\0\0\0\x0f' + dom + info
        self.neg, self.chal = neg, msg
        return msg

    def _authenticate(self, auth):
        if auth[:8] != b'NTLMSSP\0' or struct.unpack('<I', auth[8:12])[0] != 3:
            raise AuthError('not an AUTHENTICATE message')

        def field(off):
            n, _m, o = struct.unpack('<HHI', auth[off:off + 8])
            return auth[o:o + n]
        nt, domain, user, enc_key = field(20), field(28).decode('utf-16le'), field(36).decode('utf-16le'), field(52)
        password = self.users.get(user.lower())
        if password is None or len(nt) <= 24:
            raise AuthError('unknown user %r, or not NTLMv2' % user)
        key = _hmac(compute_nthash(password), (user.upper() + domain).encode('utf-16le'))
        proof, blob = nt[:16], nt[16:]
        if not hmac.compare_digest(_hmac(key, self.challenge + blob), proof):
            raise AuthError('wrong password for %s\\%s' % (domain, user))
        base = _hmac(key, proof)
        self.session_key = ARC4.new(base).encrypt(enc_key) if self.flags & KEY_EXCH and enc_key else base
        avs, o = blob[28:], 0
        while o + 4 <= len(avs):
            avid, n = struct.unpack('<HH', avs[o:o + 4])
            if avid == 0:
                break
            if avid == 6 and struct.unpack('<I', avs[o + 4:o + 8])[0] & 2:
                zeroed = auth[:72] + b'\0' * 16 + auth[88:]
                if not hmac.compare_digest(auth[72:88], _hmac(self.session_key, self.neg + self.chal + zeroed)):
                    raise AuthError('bad NTLM MIC')
            o += 4 + n
        k = self.session_key
        self.c_sign = _md5(k + b'session key to client-to-server signing key magic constant\0')
        self.s_sign = _md5(k + b'session key to server-to-client signing key magic constant\0')
        self.c_seal = _md5(k + b'session key to client-to-server sealing key magic constant\0')
        self.s_seal = _md5(k + b'session key to server-to-client sealing key magic constant\0')
        self.user = '%s\\%s' % (domain, user)
        self._rc4(reset_seq=True)

    def _rc4(self, reset_seq):
        self.recv_rc4, self.send_rc4 = ARC4.new(self.c_seal), ARC4.new(self.s_seal)
        if reset_seq:
            self.recv_seq = self.send_seq = 0

    def _signature(self, key, rc4, seq, msg):
        return struct.pack('<I', 1) + rc4.encrypt(_hmac(key, struct.pack('<I', seq) + msg)[:8]) + struct.pack('<I', seq)

    def sign(self, msg):
        s = self._signature(self.s_sign, self.send_rc4, self.send_seq, msg)
        self.send_seq += 1
        return s

    def verify(self, msg, sig):
        want = self._signature(self.c_sign, self.recv_rc4, self.recv_seq, msg)
        self.recv_seq += 1
        return hmac.compare_digest(want, sig)

    def seal(self, data, covered):
        """Encrypts data, then signs covered(): the PDU with the data in clear."""
        enc = self.send_rc4.encrypt(data)
        return enc, self.sign(covered())

    def unseal(self, enc, covered, sig):
        plain = self.recv_rc4.encrypt(enc)
        return plain, self.verify(covered(plain), sig)
