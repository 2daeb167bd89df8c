"""Endpoints (v1) and EndpointSlices (discovery.k8s.io/v1).

From the API server's ``pkg/apis/core/validation`` ``ValidateEndpoints`` (``validateEndpointSubsets``,
``validateEndpointAddress``, ``ValidateNonSpecialIP``, ``validateEndpointPort``): a DNS-1123
subdomain as name; each subset with addresses or not-ready addresses, each address an IP (read as
``ParseIPSloppy`` does) that is not unspecified, loopback or link-local, a DNS-1123 label as
hostname, a DNS-1123 subdomain as nodeName; ports named (DNS-1123 labels) when there are several,
numbered 1-65535, with protocol TCP, UDP or SCTP and an appProtocol that is a qualified name.

From ``pkg/apis/discovery/validation`` ``ValidateEndpointSliceCreate``: addressType IPv4, IPv6 or
FQDN; at most 1000 endpoints, each with 1-100 addresses of that type (IPs not special; FQDNs
fully qualified), a DNS-1123 label as hostname and a DNS-1123 subdomain as nodeName; at most 100
ports with unique names (DNS-1123 labels), protocol TCP, UDP or SCTP, an appProtocol that is a
qualified name.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns_label, check_dns_subdomain, check_label_key, is_port
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, rule_message, seq, text
from ._labels import check_labels
from ._names import subdomain_name_problem
from ._net import parse_ip, special_ip_problem
from .metadata import name_rule

__all__ = ["check_endpoint_slice", "check_endpoints"]

_PROTOCOLS = ("TCP", "UDP", "SCTP")
_ADDRESS_TYPES = ("IPv4", "IPv6", "FQDN")
_IP_RULE = "must be a valid IP address, such as 10.0.0.1 or 2001:db8::1"
_MAX_ENDPOINTS = 1000
_MAX_ADDRESSES = 100
_MAX_PORTS = 100
_MAX_TOPOLOGY_LABELS = 16


def _name(found: Findings, obj: Obj, kind: str, api_version: str) -> None:
    """ValidateEndpointsName and ValidateEndpointSliceName (NameIsDNSSubdomain)."""
    message = subdomain_name_problem(obj) if name_rule(kind, api_version, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)


def _label(found: Findings, value: Any, path: Path, check: Any = check_dns_label) -> None:
    if isinstance(value, str) and value:
        message = rule_message(check, value)
        if message:
            found.add(path, message)


def _address(found: Findings, address: Mapping[str, Any], path: Path) -> None:
    """validateEndpointAddress: the IP, the hostname and the nodeName; the IP's range only when all else is valid."""
    before = len(found.problems)
    ip = parse_ip(text(address.get("ip")))
    if ip is None:
        found.add((*path, "ip"), _IP_RULE)
    _label(found, address.get("hostname"), (*path, "hostname"))
    if isinstance(address.get("nodeName"), str):  # ValidateNodeName, also when empty
        message = rule_message(check_dns_subdomain, address["nodeName"])
        if message:
            found.add((*path, "nodeName"), message)
    if ip is not None and len(found.problems) == before:
        message = special_ip_problem(ip)  # ValidateNonSpecialIP
        if message:
            found.add((*path, "ip"), message)


def _endpoints_port(found: Findings, port: Mapping[str, Any], several: bool, path: Path) -> None:
    """validateEndpointPort: a name when several, the port number, the protocol (TCP by default)."""
    name = text(port.get("name"))
    if several and not name:
        found.add((*path, "name"), REQUIRED)
    _label(found, name, (*path, "name"))
    number = integer(port.get("port"))
    if number is None and port.get("port") is None:
        number = 0
    if number is not None and not is_port(number):
        found.add((*path, "port"), PORT_RULE)
    found.one_of((*path, "protocol"), port.get("protocol", "TCP"), _PROTOCOLS)
    _app_protocol(found, port.get("appProtocol"), (*path, "appProtocol"))


def _app_protocol(found: Findings, value: Any, path: Path) -> None:
    """An appProtocol, when set, is a qualified name (ValidateQualifiedName)."""
    if isinstance(value, str):
        message = rule_message(check_label_key, value) if value else "must be a qualified name"
        if message:
            found.add(path, message.replace("a label key", "an application protocol"))


def check_endpoints(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateEndpoints of a v1 Endpoints object."""
    if obj.get("kind") != "Endpoints" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    _name(found, obj, "Endpoints", "v1")
    for i, subset in entries(obj.get("subsets")):
        where = ("subsets", i)
        if not seq(subset.get("addresses")) and not seq(subset.get("notReadyAddresses")):
            found.add(where, "must have addresses or notReadyAddresses")
        for field in ("addresses", "notReadyAddresses"):
            for j, address in entries(subset.get(field)):
                _address(found, address, (*where, field, j))
        ports = seq(subset.get("ports"))
        for j, port in entries(ports):
            _endpoints_port(found, port, len(ports) > 1, (*where, "ports", j))
    return found.problems


def _fqdn_problem(value: str) -> str | None:
    """IsFullyQualifiedDomainName: a DNS-1123 subdomain of at least two parts (a trailing dot allowed)."""
    name = value[:-1] if value.endswith(".") else value
    if not name:
        return REQUIRED
    if len(name.split(".")) < 2:
        return "must be a domain with at least two parts separated by dots"
    return rule_message(check_dns_subdomain, name)


def _slice_address(found: Findings, address_type: Any, address: Any, path: Path) -> None:
    """The address part of validateEndpoints: each known address type's rule; unknown types are not checked."""
    if not isinstance(address, str):
        return
    if address_type == "FQDN":
        message = _fqdn_problem(address)
        if message:
            found.add(path, message)
        return
    if address_type not in ("IPv4", "IPv6"):
        return
    ip = parse_ip(address)
    wanted = ipaddress.IPv4Address if address_type == "IPv4" else ipaddress.IPv6Address
    mapped = isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None  # Go's To4 reads these as IPv4
    if ip is None or (not isinstance(ip, wanted) and not mapped):
        found.add(path, f"must be a valid {address_type} address")
        return
    message = special_ip_problem(ip)  # ValidateNonSpecialIP
    if message:
        found.add(path, message)


def _slice_endpoints(found: Findings, address_type: Any, endpoints: Sequence[Any]) -> None:
    """validateEndpoints of discovery's validation."""
    if len(endpoints) > _MAX_ENDPOINTS:
        found.add(("endpoints",), f"must have at most {_MAX_ENDPOINTS} items")
        return
    for i, endpoint in entries(endpoints):
        where = ("endpoints", i)
        addresses = seq(endpoint.get("addresses"))
        if not addresses:
            found.add((*where, "addresses"), "must contain at least 1 address")
        elif len(addresses) > _MAX_ADDRESSES:
            found.add((*where, "addresses"), f"must have at most {_MAX_ADDRESSES} items")
        for j, address in enumerate(addresses):
            _slice_address(found, address_type, address, (*where, "addresses", j))
        if is_map(endpoint.get("deprecatedTopology")):
            topology = endpoint["deprecatedTopology"]
            if len(topology) > _MAX_TOPOLOGY_LABELS:
                found.add((*where, "deprecatedTopology"), f"must have at most {_MAX_TOPOLOGY_LABELS} items")
            check_labels(found, topology, (*where, "deprecatedTopology"))
        _label(found, endpoint.get("hostname"), (*where, "hostname"))
        _label(found, endpoint.get("nodeName"), (*where, "nodeName"), check_dns_subdomain)


def _slice_ports(found: Findings, ports: Sequence[Any]) -> None:
    """validatePorts of discovery's validation: unique names (an unset name is ''), protocol, appProtocol."""
    if len(ports) > _MAX_PORTS:
        found.add(("ports",), f"must have at most {_MAX_PORTS} items")
        return
    names: set[str] = set()
    for i, port in entries(ports):
        where = ("ports", i)
        name = text(port.get("name"))  # SetDefaults_EndpointPort: "" when unset
        _label(found, name, (*where, "name"))
        if name in names:
            found.add((*where, "name"), "must be unique among the slice's ports")
        names.add(name)
        found.one_of((*where, "protocol"), port.get("protocol", "TCP"), _PROTOCOLS)  # TCP by default
        _app_protocol(found, port.get("appProtocol"), (*where, "appProtocol"))


def check_endpoint_slice(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateEndpointSliceCreate of a discovery.k8s.io/v1 EndpointSlice."""
    if obj.get("kind") != "EndpointSlice" or obj.get("apiVersion") != "discovery.k8s.io/v1":
        return []
    found = Findings(obj, kube_version)
    _name(found, obj, "EndpointSlice", "discovery.k8s.io/v1")
    address_type = obj.get("addressType")
    if not address_type:  # validateAddressType
        found.add(("addressType",), REQUIRED)
    else:
        found.one_of(("addressType",), address_type, _ADDRESS_TYPES)
    _slice_endpoints(found, address_type, seq(obj.get("endpoints")))
    _slice_ports(found, seq(obj.get("ports")))
    return found.problems
