"""Services.

From the API server's ``ValidateService``: a known type; ports are required except for headless
(clusterIP None) and ExternalName Services; with several ports each is named; names are DNS-1123
labels and unique, and so is each port and protocol pair; ports and target ports are 1-65535
(target ports may be IANA port names); a nodePort is not set on ClusterIP Services and falls in the
default node-port range 30000-32767; an ExternalName Service names a DNS subdomain.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns_label, check_dns_subdomain, is_port
from ._base import REQUIRED, Findings, Obj, entries, integer, mapping, rule_message, seq, text
from ._labels import check_labels
from .containers import PROTOCOLS
from .probes import check_port_or_name

__all__ = ["NODE_PORTS", "check_service"]

NODE_PORTS = range(30000, 32768)
"""The API server's default --service-node-port-range (30000-32767)."""
_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")


def _ports(found: Findings, spec: Mapping[str, Any], kind: str) -> None:
    ports = list(entries(spec.get("ports")))
    names: set[str] = set()
    pairs: set[tuple[int, str]] = set()
    node_ports: set[tuple[int, str]] = set()
    for i, port in ports:
        where = ("spec", "ports", i)
        name = text(port.get("name"))
        if not name and len(ports) > 1:
            found.add((*where, "name"), "is required when a Service has more than one port")
        elif name:
            message = rule_message(check_dns_label, name)
            if message:
                found.add((*where, "name"), message)
            elif name in names:
                found.add((*where, "name"), "must be unique among the Service's ports")
            names.add(name)
        protocol = port.get("protocol") or "TCP"
        found.one_of((*where, "protocol"), protocol, PROTOCOLS)
        number = integer(port.get("port"))
        if number is not None:
            if not is_port(number):
                found.add((*where, "port"), PORT_RULE)
            elif (number, str(protocol)) in pairs:
                found.add(where, "must be unique: another port has the same port number and protocol")
            pairs.add((number, str(protocol)))
        target = port.get("targetPort")
        if target not in (None, 0, ""):
            check_port_or_name(found, target, (*where, "targetPort"))
        node_port = integer(port.get("nodePort"))
        if node_port:
            if kind == "ClusterIP":
                found.add((*where, "nodePort"), "must not be set when the type is ClusterIP")
            elif node_port not in NODE_PORTS:
                found.add((*where, "nodePort"), "must be in the node-port range 30000-32767 (the API server's default)")
            elif (node_port, str(protocol)) in node_ports:
                found.add((*where, "nodePort"), "must be unique among the Service's ports")
            node_ports.add((node_port, str(protocol)))


def _cluster_ip(found: Findings, spec: Mapping[str, Any], kind: str) -> bool:
    """Check clusterIP; return whether the Service is headless."""
    cluster_ip = text(spec.get("clusterIP"))
    if cluster_ip == "None":
        if kind != "ClusterIP":
            found.add(("spec", "clusterIP"), "must not be None unless the type is ClusterIP")
        return kind == "ClusterIP"
    if cluster_ip and kind == "ExternalName":
        found.add(("spec", "clusterIP"), "must not be set when the type is ExternalName")
    elif cluster_ip:
        try:
            ipaddress.ip_address(cluster_ip)
        except ValueError:
            found.add(("spec", "clusterIP"), "must be None or a valid IP address")
    return False


_FAMILIES = {"IPv4": 4, "IPv6": 6}
_FAMILY_POLICIES = ("SingleStack", "PreferDualStack", "RequireDualStack")


def _ip_version(value: str) -> int | None:
    try:
        return ipaddress.ip_address(value).version
    except ValueError:
        return None


def _ip_families(found: Findings, spec: Mapping[str, Any], kind: str) -> None:
    """IP families, their policy and the cluster IPs they imply (validateServiceIPFamily, validateClusterIPs)."""
    families, policy = seq(spec.get("ipFamilies")), spec.get("ipFamilyPolicy")
    if kind == "ExternalName":
        for field in ("ipFamilies", "ipFamilyPolicy"):
            if spec.get(field):
                found.add(("spec", field), "may not be set for ExternalName services")
        return
    found.one_of(("spec", "ipFamilyPolicy"), policy, _FAMILY_POLICIES)
    seen: set[str] = set()
    for i, family in enumerate(families):
        if isinstance(family, str) and family not in _FAMILIES:
            found.add(("spec", "ipFamilies", i), "must be one of: IPv4, IPv6")
        elif family in seen:
            found.add(("spec", "ipFamilies", i), "must not be duplicated")
        seen.add(str(family))
    if len(families) > 2:
        found.add(("spec", "ipFamilies"), "may specify no more than two IP families")
    cluster_ips = [ip for ip in seq(spec.get("clusterIPs")) if isinstance(ip, str)]
    if policy == "SingleStack" and (len(families) > 1 or len(cluster_ips) > 1):
        found.add(("spec", "ipFamilyPolicy"), "must be RequireDualStack or PreferDualStack for two IP families")
    cluster_ip = text(spec.get("clusterIP"))
    if cluster_ips and cluster_ip and cluster_ips[0] != cluster_ip:
        found.add(("spec", "clusterIPs", 0), "must match clusterIP")
    if "None" in cluster_ips and len(cluster_ips) > 1:
        found.add(("spec", "clusterIPs"), "must have None as its only value when headless")
    elif len(cluster_ips) > 2:
        found.add(("spec", "clusterIPs"), "may specify no more than two IPs")
    versions = [_ip_version(ip) for ip in cluster_ips if ip and ip != "None"]
    if len(versions) == 2 and versions[0] is not None and versions[0] == versions[1]:
        found.add(("spec", "clusterIPs", 1), "must be of the other IP family than clusterIPs[0]")
    for i, ip in enumerate(cluster_ips):
        version = _ip_version(ip) if ip and ip != "None" else None
        family = families[i] if i < len(families) else None
        if i > 0 and ip and ip != "None" and version is None:
            found.add(("spec", "clusterIPs", i), "must be None or a valid IP address")
        elif version is not None and family in _FAMILIES and _FAMILIES[str(family)] != version:
            found.add(("spec", "clusterIPs", i), f"must be an {family} address, as ipFamilies[{i}] says")


def check_service(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a v1 Service."""
    if obj.get("kind") != "Service" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    kind = spec.get("type") or "ClusterIP"
    if not isinstance(kind, str):
        return found.problems
    if kind not in _TYPES:
        found.add(("spec", "type"), "must be one of: " + ", ".join(_TYPES))
    headless = _cluster_ip(found, spec, kind)
    if not seq(spec.get("ports")) and kind != "ExternalName" and not headless:
        found.add(("spec", "ports"), "must have at least one port unless the Service is headless or ExternalName")
    _ports(found, spec, kind)
    _ip_families(found, spec, kind)
    if kind == "ExternalName":
        name = text(spec.get("externalName")).removesuffix(".")
        message = REQUIRED if not name else rule_message(check_dns_subdomain, name)
        if message:
            found.add(("spec", "externalName"), message)
    external = kind in ("NodePort", "LoadBalancer") or (kind == "ClusterIP" and seq(spec.get("externalIPs")))
    if spec.get("externalTrafficPolicy") and not external:
        found.add(
            ("spec", "externalTrafficPolicy"), "must only be set on NodePort, LoadBalancer or external-IP Services"
        )
    internal = spec.get("internalTrafficPolicy")  # validateServiceInternalTrafficFieldsValue (a pointer: "" is set)
    if isinstance(internal, str) and internal not in ("Cluster", "Local"):
        found.add(("spec", "internalTrafficPolicy"), "must be one of: Cluster, Local")
    affinity = spec.get("sessionAffinity")
    if isinstance(affinity, str) and affinity not in ("None", "ClientIP"):
        found.add(("spec", "sessionAffinity"), "must be one of: None, ClientIP")
    if spec.get("selector") is not None:
        check_labels(found, spec.get("selector"), ("spec", "selector"))
    return found.problems
