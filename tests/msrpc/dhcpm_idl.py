# SPDX-License-Identifier: GPL-3.0-or-later
"""The MS-DHCPM methods check_dhcp_scope calls, and ept_map's reply, described
with impacket's NDR classes (Debian python3-impacket) from the IDL in
[MS-DHCPM] section 6: the independent implementation the plugin's own NDR
(plugin/mswin/rpc/dhcpm_ndr.c) is checked against, and the encoder of the
test server's replies (fake_dhcpm_server.py).

Written from the specification, not from impacket.dcerpc.v5.dhcpm, which
declares R_DhcpEnumSubnets' ResumeHandle as a unique pointer and its
EnumInfo by value; the IDL has a [ref] resume handle (no referent on the
wire) and an [out] LPDHCP_IP_ARRAY * (a referent, then the array). Top-level
[ref] parameters are plain fields here for that reason. Enums without
[v1_enum] are NDRENUM, 16 bits on the wire.
"""
from impacket.dcerpc.v5.dtypes import BYTE, DWORD, LPWSTR, NULL, ULONG, USHORT
from impacket.dcerpc.v5.ndr import (NDRCALL, NDRENUM, NDRPOINTER, NDRSTRUCT, NDRUHYPER,
                                    NDRUniConformantArray)

DHCP_SRV_HANDLE = LPWSTR
DHCP_IP_ADDRESS = DWORD


class ULONGLONG(NDRUHYPER):
    pass


class DATE_TIME(NDRSTRUCT):
    structure = (('dwLowDateTime', DWORD), ('dwHighDateTime', DWORD))


class DHCP_IPV6_ADDRESS(NDRSTRUCT):
    structure = (('HighOrderBits', ULONGLONG), ('LowOrderBits', ULONGLONG))


class ENUM16(NDRENUM):
    """DHCP_SUBNET_STATE, DHCP_FAILOVER_MODE, DHCP_FAILOVER_SERVER, FSM_STATE."""
    structure = (('Data', '<H'),)


class ADDRESSES(NDRUniConformantArray):
    item = '<L'


class LP_ADDRESSES(NDRPOINTER):
    referent = (('Data', ADDRESSES),)


class DHCP_IP_ARRAY(NDRSTRUCT):
    structure = (('NumElements', DWORD), ('Elements', LP_ADDRESSES))


class LPDHCP_IP_ARRAY(NDRPOINTER):
    referent = (('Data', DHCP_IP_ARRAY),)


class ADDRESSES6(NDRUniConformantArray):
    item = DHCP_IPV6_ADDRESS


class LP_ADDRESSES6(NDRPOINTER):
    referent = (('Data', ADDRESSES6),)


class DHCPV6_IP_ARRAY(NDRSTRUCT):
    structure = (('NumElements', DWORD), ('Elements', LP_ADDRESSES6))


class LPDHCPV6_IP_ARRAY(NDRPOINTER):
    referent = (('Data', DHCPV6_IP_ARRAY),)


class DHCP_HOST_INFO(NDRSTRUCT):
    structure = (('IpAddress', DHCP_IP_ADDRESS), ('NetBiosName', LPWSTR), ('HostName', LPWSTR))


class DHCP_SUBNET_INFO(NDRSTRUCT):
    structure = (('SubnetAddress', DHCP_IP_ADDRESS), ('SubnetMask', DWORD), ('SubnetName', LPWSTR),
                 ('SubnetComment', LPWSTR), ('PrimaryHost', DHCP_HOST_INFO), ('SubnetState', ENUM16))


class LPDHCP_SUBNET_INFO(NDRPOINTER):
    referent = (('Data', DHCP_SUBNET_INFO),)


class DHCP_SUBNET_INFO_V6(NDRSTRUCT):
    structure = (('SubnetAddress', DHCP_IPV6_ADDRESS), ('Prefix', ULONG), ('Preference', USHORT),
                 ('SubnetName', LPWSTR), ('SubnetComment', LPWSTR), ('State', DWORD), ('ScopeId', DWORD))


class LPDHCP_SUBNET_INFO_V6(NDRPOINTER):
    referent = (('Data', DHCP_SUBNET_INFO_V6),)


class SCOPE_MIB_INFO_V5(NDRSTRUCT):
    structure = (('Subnet', DHCP_IP_ADDRESS), ('NumAddressesInuse', DWORD), ('NumAddressesFree', DWORD),
                 ('NumPendingOffers', DWORD))


class SCOPE_MIB_INFO_V5_ARRAY(NDRUniConformantArray):
    item = SCOPE_MIB_INFO_V5


class LPSCOPE_MIB_INFO_V5(NDRPOINTER):
    referent = (('Data', SCOPE_MIB_INFO_V5_ARRAY),)


class DHCP_MIB_INFO_V5(NDRSTRUCT):
    structure = (('Discovers', DWORD), ('Offers', DWORD), ('Requests', DWORD), ('Acks', DWORD),
                 ('Naks', DWORD), ('Declines', DWORD), ('Releases', DWORD), ('ServerStartTime', DATE_TIME),
                 ('QtnNumLeases', DWORD), ('QtnPctQtnLeases', DWORD), ('QtnProbationLeases', DWORD),
                 ('QtnNonQtnLeases', DWORD), ('QtnExemptLeases', DWORD), ('QtnCapableClients', DWORD),
                 ('QtnIASErrors', DWORD), ('DelayedOffers', DWORD), ('ScopesWithDelayedOffers', DWORD),
                 ('Scopes', DWORD), ('ScopeInfo', LPSCOPE_MIB_INFO_V5))


class LPDHCP_MIB_INFO_V5(NDRPOINTER):
    referent = (('Data', DHCP_MIB_INFO_V5),)


class SCOPE_MIB_INFO_V6(NDRSTRUCT):
    structure = (('Subnet', DHCP_IPV6_ADDRESS), ('NumAddressesInuse', ULONGLONG),
                 ('NumAddressesFree', ULONGLONG), ('NumPendingAdvertises', ULONGLONG))


class SCOPE_MIB_INFO_V6_ARRAY(NDRUniConformantArray):
    item = SCOPE_MIB_INFO_V6


class LPSCOPE_MIB_INFO_V6(NDRPOINTER):
    referent = (('Data', SCOPE_MIB_INFO_V6_ARRAY),)


class DHCP_MIB_INFO_V6(NDRSTRUCT):
    structure = (('Solicits', DWORD), ('Advertises', DWORD), ('Requests', DWORD), ('Renews', DWORD),
                 ('Rebinds', DWORD), ('Replies', DWORD), ('Confirms', DWORD), ('Declines', DWORD),
                 ('Releases', DWORD), ('Informs', DWORD), ('ServerStartTime', DATE_TIME), ('Scopes', DWORD),
                 ('ScopeInfo', LPSCOPE_MIB_INFO_V6))


class LPDHCP_MIB_INFO_V6(NDRPOINTER):
    referent = (('Data', DHCP_MIB_INFO_V6),)


class DHCP_FAILOVER_RELATIONSHIP(NDRSTRUCT):
    structure = (('PrimaryServer', DHCP_IP_ADDRESS), ('SecondaryServer', DHCP_IP_ADDRESS), ('Mode', ENUM16),
                 ('ServerType', ENUM16), ('State', ENUM16), ('PrevState', ENUM16), ('Mclt', DWORD),
                 ('SafePeriod', DWORD), ('RelationshipName', LPWSTR), ('PrimaryServerName', LPWSTR),
                 ('SecondaryServerName', LPWSTR), ('pScopes', LPDHCP_IP_ARRAY), ('Percentage', BYTE),
                 ('SharedSecret', LPWSTR))


class DHCP_FAILOVER_RELATIONSHIP_LIST(NDRUniConformantArray):
    item = DHCP_FAILOVER_RELATIONSHIP


class LP_RELATIONSHIPS(NDRPOINTER):
    referent = (('Data', DHCP_FAILOVER_RELATIONSHIP_LIST),)


class DHCP_FAILOVER_RELATIONSHIP_ARRAY(NDRSTRUCT):
    structure = (('NumElements', DWORD), ('pRelationships', LP_RELATIONSHIPS))


class LPDHCP_FAILOVER_RELATIONSHIP_ARRAY(NDRPOINTER):
    referent = (('Data', DHCP_FAILOVER_RELATIONSHIP_ARRAY),)


class DHCP_FAILOVER_STATISTICS(NDRSTRUCT):
    structure = (('NumAddr', DWORD), ('AddrFree', DWORD), ('AddrInUse', DWORD), ('PartnerAddrFree', DWORD),
                 ('ThisAddrFree', DWORD), ('PartnerAddrInUse', DWORD), ('ThisAddrInUse', DWORD))


class LPDHCP_FAILOVER_STATISTICS(NDRPOINTER):
    referent = (('Data', DHCP_FAILOVER_STATISTICS),)


class DHCP_SUPER_SCOPE_TABLE_ENTRY(NDRSTRUCT):
    structure = (('SubnetAddress', DHCP_IP_ADDRESS), ('SuperScopeNumber', DWORD), ('NextInSuperScope', DWORD),
                 ('SuperScopeName', LPWSTR))


class SUPER_SCOPE_ENTRIES(NDRUniConformantArray):
    item = DHCP_SUPER_SCOPE_TABLE_ENTRY


class LP_SUPER_SCOPE_ENTRIES(NDRPOINTER):
    referent = (('Data', SUPER_SCOPE_ENTRIES),)


class DHCP_SUPER_SCOPE_TABLE(NDRSTRUCT):
    structure = (('cEntries', DWORD), ('pEntries', LP_SUPER_SCOPE_ENTRIES))


class LPDHCP_SUPER_SCOPE_TABLE(NDRPOINTER):
    referent = (('Data', DHCP_SUPER_SCOPE_TABLE),)


# Requests and replies, by (interface, opnum).
class EnumRequest(NDRCALL):
    structure = (('ServerIpAddress', DHCP_SRV_HANDLE), ('ResumeHandle', DWORD), ('PreferredMaximum', DWORD))


class ServerOnlyRequest(NDRCALL):
    structure = (('ServerIpAddress', DHCP_SRV_HANDLE),)


class AddressRequest(NDRCALL):
    structure = (('ServerIpAddress', DHCP_SRV_HANDLE), ('Address', DHCP_IP_ADDRESS))


class Address6Request(NDRCALL):
    structure = (('ServerIpAddress', DHCP_SRV_HANDLE), ('SubnetAddress', DHCP_IPV6_ADDRESS))


class R_DhcpEnumSubnetsResponse(NDRCALL):
    structure = (('ResumeHandle', DWORD), ('EnumInfo', LPDHCP_IP_ARRAY), ('ElementsRead', DWORD),
                 ('ElementsTotal', DWORD), ('ErrorCode', DWORD))


class R_DhcpEnumSubnetsV6Response(NDRCALL):
    structure = (('ResumeHandle', DWORD), ('EnumInfo', LPDHCPV6_IP_ARRAY), ('ElementsRead', DWORD),
                 ('ElementsTotal', DWORD), ('ErrorCode', DWORD))


class R_DhcpGetSubnetInfoResponse(NDRCALL):
    structure = (('SubnetInfo', LPDHCP_SUBNET_INFO), ('ErrorCode', DWORD))


class R_DhcpGetSubnetInfoV6Response(NDRCALL):
    structure = (('SubnetInfo', LPDHCP_SUBNET_INFO_V6), ('ErrorCode', DWORD))


class R_DhcpGetMibInfoV5Response(NDRCALL):
    structure = (('MibInfo', LPDHCP_MIB_INFO_V5), ('ErrorCode', DWORD))


class R_DhcpGetMibInfoV6Response(NDRCALL):
    structure = (('MibInfo', LPDHCP_MIB_INFO_V6), ('ErrorCode', DWORD))


class R_DhcpV4FailoverEnumRelationshipResponse(NDRCALL):
    structure = (('ResumeHandle', DWORD), ('pRelationship', LPDHCP_FAILOVER_RELATIONSHIP_ARRAY),
                 ('RelationshipRead', DWORD), ('RelationshipTotal', DWORD), ('ErrorCode', DWORD))


class R_DhcpV4FailoverGetScopeStatisticsResponse(NDRCALL):
    structure = (('pStats', LPDHCP_FAILOVER_STATISTICS), ('ErrorCode', DWORD))


class R_DhcpGetSuperScopeInfoV4Response(NDRCALL):
    structure = (('SuperScopeTable', LPDHCP_SUPER_SCOPE_TABLE), ('ErrorCode', DWORD))


DHCPSRV = '6bffd098-a112-3610-9833-46c3f874532d'
DHCPSRV2 = '5b821720-f63b-11d0-aad2-00c04fc324db'

# (interface, opnum) -> (dhcpsapi name, request class, reply class)
METHODS = {
    (DHCPSRV, 2): ('DhcpGetSubnetInfo', AddressRequest, R_DhcpGetSubnetInfoResponse),
    (DHCPSRV, 3): ('DhcpEnumSubnets', EnumRequest, R_DhcpEnumSubnetsResponse),
    (DHCPSRV, 37): ('DhcpGetSuperScopeInfoV4', ServerOnlyRequest, R_DhcpGetSuperScopeInfoV4Response),
    (DHCPSRV2, 58): ('DhcpEnumSubnetsV6', EnumRequest, R_DhcpEnumSubnetsV6Response),
    (DHCPSRV2, 63): ('DhcpGetSubnetInfoV6', Address6Request, R_DhcpGetSubnetInfoV6Response),
    (DHCPSRV2, 68): ('DhcpGetMibInfoV6', ServerOnlyRequest, R_DhcpGetMibInfoV6Response),
    (DHCPSRV2, 81): ('DhcpGetMibInfoV5', ServerOnlyRequest, R_DhcpGetMibInfoV5Response),
    (DHCPSRV2, 93): ('DhcpV4FailoverEnumRelationship', EnumRequest, R_DhcpV4FailoverEnumRelationshipResponse),
    (DHCPSRV2, 97): ('DhcpV4FailoverGetScopeStatistics', AddressRequest,
                     R_DhcpV4FailoverGetScopeStatisticsResponse),
}


def wstr(s):
    """An LPWSTR value: NULL for None, else the string with its NUL."""
    return NULL if s is None else s + '\x00'


def ip6_halves(packed):
    return int.from_bytes(packed[:8], 'big'), int.from_bytes(packed[8:], 'big')
