"""IP addresses and CIDRs read as the API server reads them (``k8s.io/utils/net``'s sloppy parsers).

The server parses legacy IP and CIDR fields with ``ParseIPSloppy`` and ``ParseCIDRSloppy``,
which accept IPv4 octets with leading zeros (``010.0.0.1`` is ``10.0.0.1``) where Python's
:mod:`ipaddress` refuses them; and ``net.ParseCIDR`` accepts host bits (``10.0.0.1/8``).
"""

from __future__ import annotations

import ipaddress

__all__ = ["IPAddress", "parse_cidr", "parse_ip", "special_ip_problem"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _ipv4(value: str) -> ipaddress.IPv4Address | None:
    """Go's forked parseIPv4: four decimal fields of 0-255, leading zeros allowed."""
    fields = value.split(".")
    if len(fields) != 4 or not all(field.isascii() and field.isdigit() for field in fields):
        return None
    octets = [int(field) for field in fields]
    if any(octet > 255 for octet in octets):
        return None
    return ipaddress.IPv4Address(".".join(str(octet) for octet in octets))


def parse_ip(value: str) -> IPAddress | None:
    """The address ``ParseIPSloppy`` reads in ``value``, or None when it reads none."""
    if ":" not in value:
        return _ipv4(value)
    try:
        return ipaddress.IPv6Address(value)
    except ValueError:
        return None


def parse_cidr(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """The network ``ParseCIDRSloppy`` reads in ``value`` (host bits allowed), or None."""
    address, slash, prefix = value.partition("/")
    ip = parse_ip(address)
    if not slash or ip is None or not (prefix.isascii() and prefix.isdigit()):
        return None
    if int(prefix) > ip.max_prefixlen:
        return None
    return ipaddress.ip_network(f"{ip}/{int(prefix)}", strict=False)


def special_ip_problem(ip: IPAddress) -> str | None:
    """Why ValidateNonSpecialIP refuses ``ip``: unspecified, loopback, link-local or link-local multicast."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # Go's net.IP treats an IPv4-mapped address as IPv4
    if ip.is_unspecified:
        return "must not be unspecified (0.0.0.0 or ::)"
    if ip.is_loopback:
        return "must not be in the loopback range (127.0.0.0/8, ::1/128)"
    if ip.is_link_local:
        return "must not be in the link-local range (169.254.0.0/16, fe80::/10)"
    packed = ip.packed
    if isinstance(ip, ipaddress.IPv4Address):
        multicast = packed[:3] == b"\xe0\x00\x00"  # net.IP.IsLinkLocalMulticast: 224.0.0.0/24
    else:
        multicast = packed[0] == 0xFF and packed[1] & 0x0F == 0x02  # ff02::/16 and the other ffx2 scopes
    if multicast:
        return "must not be in the link-local multicast range (224.0.0.0/24, ff02::/16)"
    return None
