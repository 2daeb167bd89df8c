"""Kubernetes' CEL URL, IP, CIDR and quantity libraries, as Python functions for the CEL runtime.

Mirrors k8s.io/apiserver/pkg/cel/library: urls.go (``url``, ``isURL``, ``getScheme``,
``getHost``, ``getHostname``, ``getPort``, ``getEscapedPath``, ``getQuery``), ip.go (``ip``,
``isIP``, ``ip.isCanonical``, ``family``, ``isUnspecified``, ``isLoopback``,
``isLinkLocalMulticast``, ``isLinkLocalUnicast``, ``isGlobalUnicast``), cidr.go (``cidr``,
``isCIDR``, ``containsIP``, ``containsCIDR``, ``ip``, ``masked``, ``prefixLength``) and
quantity.go (``quantity``, ``isQuantity``, ``isInteger``, ``asInteger``,
``asApproximateFloat``, ``sign``, ``add``, ``sub``, ``isGreaterThan``, ``isLessThan``,
``compareTo``); ``string(x)`` gives back the text of each.

The runtime carries no custom types, so a URL, IP, CIDR or quantity is a one-key map
(``{"__k8s_ip__": "10.0.0.1"}``) holding its canonical text: equal values compare equal.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

from ...quantity import parse_quantity
from .extras import SEMVER, compare_semver, is_semver_value
from .strings import CelError

__all__ = ["FUNCTIONS"]

_URL, _IP, _CIDR, _QUANTITY = "__k8s_url__", "__k8s_ip__", "__k8s_cidr__", "__k8s_quantity__"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
_INT64 = (-(2**63), 2**63 - 1)
_QUANTITY_SYNTAX = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"


def _unwrap(value: Any, tag: str, function: str) -> str:
    if isinstance(value, dict) and len(value) == 1 and tag in value:
        inner: str = value[tag]
        return inner
    raise CelError(f"no such overload: {function}")


# URLs ------------------------------------------------------------------------------------------


def _parse_url(text: str) -> str:
    """Mirrors url.ParseRequestURI as urls.go uses it: absolute URL or absolute path."""
    if not isinstance(text, str) or not text or any(c in text for c in " \t\n") or "#" in text:
        raise CelError("URL parse error during conversion from string: invalid URI")
    if text.startswith("/"):
        return text
    scheme, _, rest = text.partition(":")
    if not _SCHEME.fullmatch(scheme) or not rest:
        raise CelError("URL parse error during conversion from string: invalid URI for request")
    return text


def url(text: str) -> dict[str, str]:
    """``url('https://example.com/path')``; an error when it is not an absolute URI or path."""
    return {_URL: _parse_url(text)}


def is_url(text: str) -> bool:
    """Whether ``url(text)`` would succeed."""
    try:
        _parse_url(text)
    except CelError:
        return False
    return True


def _split(value: Any, function: str) -> Any:
    return urlsplit(_unwrap(value, _URL, function))


def get_host(value: Any) -> str:
    """Host with port, IPv6 in brackets: ``example.com:80``."""
    return str(_split(value, "getHost").netloc.rpartition("@")[2])


def get_hostname(value: Any) -> str:
    """Host without port or brackets."""
    host = get_host(value)
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rpartition(":")[0] if ":" in host else host


def get_port(value: Any) -> str:
    """The port as written, ``''`` when none."""
    host = get_host(value)
    tail = host[host.find("]") + 1 :] if host.startswith("[") else host
    return tail.rpartition(":")[2] if ":" in tail else ""


FUNCTIONS_URL: dict[str, Callable[..., Any]] = {
    "url": url,
    "isURL": is_url,
    "getScheme": lambda v: _split(v, "getScheme").scheme,
    "getHost": get_host,
    "getHostname": get_hostname,
    "getPort": get_port,
    "getEscapedPath": lambda v: _split(v, "getEscapedPath").path,
    "getQuery": lambda v: parse_qs(_split(v, "getQuery").query, keep_blank_values=True),
}

# IPs and CIDRs ---------------------------------------------------------------------------------


def _address(text: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """Mirrors netip.ParseAddr as ip.go uses it: no zones, no IPv4-mapped IPv6."""
    if not isinstance(text, str) or "%" in text:
        raise CelError("IP Address parse error during conversion from string: invalid IP")
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise CelError(f"IP Address '{text}' parse error during conversion from string: invalid IP") from None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        raise CelError("IPv4-mapped IPv6 address is not allowed")
    return address


def _network(text: Any) -> ipaddress.IPv4Interface | ipaddress.IPv6Interface:
    if not isinstance(text, str) or "/" not in text:
        raise CelError("network address parse error during conversion from string: invalid CIDR")
    _address(text.partition("/")[0])
    try:
        return ipaddress.ip_interface(text)
    except ValueError:
        raise CelError(f"network address '{text}' parse error during conversion from string") from None


def _is(parser: Callable[[Any], Any]) -> Callable[[Any], bool]:
    def check(text: Any) -> bool:
        try:
            parser(text)
        except CelError:
            return False
        return True

    return check


def _ip_of(value: Any, function: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    return _address(value if isinstance(value, str) else _unwrap(value, _IP, function))


def _cidr_of(value: Any, function: str) -> ipaddress.IPv4Interface | ipaddress.IPv6Interface:
    return _network(value if isinstance(value, str) else _unwrap(value, _CIDR, function))


def contains_ip(cidr: Any, ip: Any) -> bool:
    """``cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))`` (or the IP as a string)."""
    return _ip_of(ip, "containsIP") in _cidr_of(cidr, "containsIP").network


def contains_cidr(cidr: Any, other: Any) -> bool:
    """``cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')``."""
    outer, inner = _cidr_of(cidr, "containsCIDR").network, _cidr_of(other, "containsCIDR").network
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]


def _ip_or_network(value: Any) -> Any:
    """``ip(string)`` or, on a CIDR, ``cidr.ip()`` (the address as written)."""
    if isinstance(value, str):
        return {_IP: str(_address(value))}
    return {_IP: str(_cidr_of(value, "ip").ip)}


FUNCTIONS_IP: dict[str, Callable[..., Any]] = {
    "ip": _ip_or_network,
    "isIP": _is(_address),
    "ip.isCanonical": lambda text: str(_address(text)) == text,
    "family": lambda v: _ip_of(v, "family").version,
    "isUnspecified": lambda v: _ip_of(v, "isUnspecified").is_unspecified,
    "isLoopback": lambda v: _ip_of(v, "isLoopback").is_loopback,
    "isLinkLocalMulticast": lambda v: _link_local_multicast(_ip_of(v, "isLinkLocalMulticast")),
    "isLinkLocalUnicast": lambda v: _ip_of(v, "isLinkLocalUnicast").is_link_local,
    "isGlobalUnicast": lambda v: _global_unicast(_ip_of(v, "isGlobalUnicast")),
    "cidr": lambda text: {_CIDR: str(_network(text))},
    "isCIDR": _is(_network),
    "containsIP": contains_ip,
    "containsCIDR": contains_cidr,
    "masked": lambda v: {_CIDR: str(_cidr_of(v, "masked").network)},
    "prefixLength": lambda v: _cidr_of(v, "prefixLength").network.prefixlen,
}


def _link_local_multicast(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Go's IsLinkLocalMulticast: 224.0.0.0/24 and ff02::/16."""
    if address.version == 4:
        return address in ipaddress.ip_network("224.0.0.0/24")
    return address in ipaddress.ip_network("ff02::/16")


def _global_unicast(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Go's IsGlobalUnicast: not unspecified, loopback, link-local, multicast or broadcast."""
    if address.is_unspecified or address.is_loopback or address.is_link_local or address.is_multicast:
        return False
    return not (address.version == 4 and str(address) == "255.255.255.255")


# Quantities ------------------------------------------------------------------------------------


def _amount(text: Any) -> Decimal:
    if not isinstance(text, str):
        raise CelError("no such overload: quantity")
    try:
        return parse_quantity(text)
    except ValueError:
        raise CelError(f"quantities must match the regular expression '{_QUANTITY_SYNTAX}'") from None


def _wrap_amount(amount: Decimal) -> dict[str, str]:
    text = format(amount.normalize(), "f")
    return {_QUANTITY: text}


def _q(value: Any, function: str) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return _amount(_unwrap(value, _QUANTITY, function))


def _as_integer(value: Any) -> int:
    amount = _q(value, "asInteger")
    if amount != amount.to_integral_value() or not _INT64[0] <= amount <= _INT64[1]:
        raise CelError("cannot convert value to integer")
    return int(amount)


def _compare(a: Any, b: Any) -> int:
    """``compareTo`` of two quantities, or of two semantic versions (semverlib)."""
    if is_semver_value(a):
        return compare_semver(a, b)
    x, y = _q(a, "compareTo"), _q(b, "compareTo")
    return (x > y) - (x < y)


FUNCTIONS_QUANTITY: dict[str, Callable[..., Any]] = {
    "quantity": lambda text: _wrap_amount(_amount(text)),
    "isQuantity": _is(_amount),
    "isInteger": lambda v: (a := _q(v, "isInteger")) == a.to_integral_value() and _INT64[0] <= a <= _INT64[1],
    "asInteger": _as_integer,
    "asApproximateFloat": lambda v: float(_q(v, "asApproximateFloat")),
    "sign": lambda v: int(_q(v, "sign").compare(0)),
    "add": lambda a, b: _wrap_amount(_q(a, "add") + _q(b, "add")),
    "sub": lambda a, b: _wrap_amount(_q(a, "sub") - _q(b, "sub")),
    "isGreaterThan": lambda a, b: _compare(a, b) > 0,
    "isLessThan": lambda a, b: _compare(a, b) < 0,
    "compareTo": _compare,
}

_TAGS = (_URL, _IP, _CIDR, _QUANTITY, SEMVER)


def string(value: Any) -> str:
    """``string(x)``: the text of a URL, IP, CIDR or quantity; CEL's own conversion for the rest."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)) in _TAGS:
        return str(next(iter(value.values())))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="strict")
    raise CelError("no such overload: string")


FUNCTIONS: dict[str, Callable[..., Any]] = {
    **FUNCTIONS_URL,
    **FUNCTIONS_IP,
    **FUNCTIONS_QUANTITY,
    "string": string,
}
"""CEL name -> implementation of the URL, IP, CIDR and quantity libraries."""
