"""Services.

From the API server's ``ValidateService``: a known type; ports are required except for headless
(clusterIP None) and ExternalName Services; with several ports each is named; names are DNS-1123
labels and unique, and so is each port and protocol pair; ports and target ports are 1-65535
(target ports may be IANA port names); a nodePort is not set on ClusterIP Services and falls in the
default node-port range 30000-32767; an ExternalName Service names a DNS subdomain.

External IPs are IP addresses, none unspecified, loopback or link-local; the LoadBalancer-only
fields (source ranges, which are CIDRs, also as the legacy annotation; loadBalancerClass, a
qualified name; allocateLoadBalancerNodePorts; healthCheckNodePort, with externalTrafficPolicy
Local) are set on LoadBalancer Services only; externalTrafficPolicy is Cluster or Local; a ClientIP
affinity times out after 1 to 86400 seconds; appProtocol is a qualified name; trafficDistribution
is PreferClose (and, from 1.34, PreferSameZone or PreferSameNode).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns_label, check_dns_subdomain, check_label_key, is_port
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, mapping, rule_message, seq, text
from ._labels import check_labels
from ._net import parse_cidr, parse_ip, special_ip_problem
from .containers import PROTOCOLS
from .probes import check_port_or_name

__all__ = ["NODE_PORTS", "check_service"]

NODE_PORTS = range(30000, 32768)
"""The API server's default --service-node-port-range (30000-32767)."""
_TYPES = ("ClusterIP", "NodePort", "LoadBalancer", "ExternalName")
_QUALIFIED_NAME = "must be a qualified name: an optional DNS-1123 subdomain prefix and '/', then a name"
_ONLY_LOAD_BALANCER = "may only be set when the type is LoadBalancer"
_SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges"
_MAX_AFFINITY_SECONDS = 86400  # core.MaxClientIPServiceAffinitySeconds
_TOPOLOGY_HINTS = "service.kubernetes.io/topology-aware-hints"
_TOPOLOGY_MODE = "service.kubernetes.io/topology-mode"


def _qualified_name(found: Findings, value: object, path: Path) -> None:
    """ValidateQualifiedName, for a pointer field: a set value, even empty, is checked."""
    if isinstance(value, str) and rule_message(check_label_key, value):
        found.add(path, _QUALIFIED_NAME)


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
        _qualified_name(found, port.get("appProtocol"), (*where, "appProtocol"))  # validateServicePort
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
    elif cluster_ip and parse_ip(cluster_ip) is None:
        found.add(("spec", "clusterIP"), "must be None or a valid IP address")
    return False


_FAMILIES = {"IPv4": 4, "IPv6": 6}
_FAMILY_POLICIES = ("SingleStack", "PreferDualStack", "RequireDualStack")


def _ip_version(value: str) -> int | None:
    ip = parse_ip(value)
    return None if ip is None else ip.version


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
        if i > 0 and ip != "None" and version is None:  # an empty secondary IP is no IP either
            found.add(("spec", "clusterIPs", i), "must be None or a valid IP address")
        elif version is not None and family in _FAMILIES and _FAMILIES[str(family)] != version:
            found.add(("spec", "clusterIPs", i), f"must be an {family} address, as ipFamilies[{i}] says")


def _external_ips(found: Findings, spec: Mapping[str, Any]) -> None:
    """ValidateService's externalIPs loop: IsValidIP, then ValidateNonSpecialIP."""
    for i, value in enumerate(seq(spec.get("externalIPs"))):
        if not isinstance(value, str):
            continue
        ip = parse_ip(value)
        problem = "must be a valid IP address" if ip is None else special_ip_problem(ip)
        if problem:
            found.add(("spec", "externalIPs", i), problem)


def _source_ranges(found: Findings, obj: Obj, spec: Mapping[str, Any], kind: str) -> None:
    """ValidateService's loadBalancerSourceRanges (or, when empty, the legacy annotation): CIDRs, LoadBalancer only."""
    ranges = seq(spec.get("loadBalancerSourceRanges"))
    if ranges:
        if kind != "LoadBalancer":
            found.add(("spec", "loadBalancerSourceRanges"), _ONLY_LOAD_BALANCER)
        for i, value in enumerate(ranges):
            if isinstance(value, str) and parse_cidr(value.strip()) is None:  # space padding is tolerated
                found.add(("spec", "loadBalancerSourceRanges", i), "must be a CIDR such as 10.0.0.0/8")
        return
    annotations = mapping(mapping(obj.get("metadata")).get("annotations"))
    if _SOURCE_RANGES_ANNOTATION not in annotations:
        return
    where = ("metadata", "annotations", _SOURCE_RANGES_ANNOTATION)
    if kind != "LoadBalancer":
        found.add(where, _ONLY_LOAD_BALANCER)
    value = text(annotations[_SOURCE_RANGES_ANNOTATION]).strip()
    if value and any(parse_cidr(cidr.strip()) is None for cidr in value.split(",")):
        found.add(where, "must be a comma-separated list of CIDRs such as 10.0.0.0/8")


def _load_balancer(found: Findings, spec: Mapping[str, Any], kind: str) -> None:
    """allocateLoadBalancerNodePorts (ValidateService) and loadBalancerClass (validateLoadBalancerClassField)."""
    if "allocateLoadBalancerNodePorts" in spec and kind != "LoadBalancer":
        found.add(("spec", "allocateLoadBalancerNodePorts"), _ONLY_LOAD_BALANCER)
    if "loadBalancerClass" in spec:
        if kind != "LoadBalancer":
            found.add(("spec", "loadBalancerClass"), _ONLY_LOAD_BALANCER)
        else:
            _qualified_name(found, spec["loadBalancerClass"], ("spec", "loadBalancerClass"))


def _traffic(found: Findings, spec: Mapping[str, Any], kind: str) -> None:
    """validateServiceExternalTrafficPolicy: the policy's value and where it is set; healthCheckNodePort."""
    external = kind in ("NodePort", "LoadBalancer") or (kind == "ClusterIP" and bool(seq(spec.get("externalIPs"))))
    policy = spec.get("externalTrafficPolicy")
    if policy and not external:
        found.add(
            ("spec", "externalTrafficPolicy"), "must only be set on NodePort, LoadBalancer or external-IP Services"
        )
    elif external:
        found.one_of(("spec", "externalTrafficPolicy"), policy, ("Cluster", "Local"))
    health = integer(spec.get("healthCheckNodePort"))
    if health:  # apiservice.NeedsHealthCheck; a zero port is allocated before validation
        if kind != "LoadBalancer" or policy != "Local":
            found.add(
                ("spec", "healthCheckNodePort"),
                "may only be set when the type is LoadBalancer and externalTrafficPolicy is Local",
            )
        elif health not in NODE_PORTS:  # the allocator refuses a port outside the node-port range
            found.add(
                ("spec", "healthCheckNodePort"), "must be in the node-port range 30000-32767 (the API server's default)"
            )


def _affinity(found: Findings, spec: Mapping[str, Any]) -> None:
    """validateClientIPAffinityConfig and validateAffinityTimeout (SetDefaults_Service fills a missing timeout)."""
    if spec.get("sessionAffinity") != "ClientIP":
        return
    timeout = integer(mapping(mapping(spec.get("sessionAffinityConfig")).get("clientIP")).get("timeoutSeconds"))
    if timeout is not None and not 0 < timeout <= _MAX_AFFINITY_SECONDS:
        found.add(("spec", "sessionAffinityConfig", "clientIP", "timeoutSeconds"), "must be from 1 to 86400 (one day)")


def _traffic_distribution(found: Findings, spec: Mapping[str, Any]) -> None:
    """validateServiceTrafficDistribution.

    The field is dropped before validation in 1.30 (ServiceTrafficDistribution alpha, off); from
    1.31 only PreferClose, and from 1.34 (PreferSameTrafficDistribution beta, on) PreferSameZone and
    PreferSameNode too. Before 1.30 the field does not exist (the schema reports it).
    """
    if found.minor < 31:
        return
    allowed = ("PreferClose", "PreferSameZone", "PreferSameNode") if found.minor >= 34 else ("PreferClose",)
    found.one_of(("spec", "trafficDistribution"), spec.get("trafficDistribution"), allowed)


def _topology_annotations(found: Findings, annotations: Mapping[Any, Any]) -> None:
    # ValidateService (from 1.27, kubernetes#116612): the deprecated topology-aware-hints annotation
    # and topology-mode, when both set, hold the same value
    hints, mode = annotations.get(_TOPOLOGY_HINTS), annotations.get(_TOPOLOGY_MODE)
    if found.minor >= 27 and isinstance(hints, str) and isinstance(mode, str) and hints != mode:
        found.add(("metadata", "annotations", _TOPOLOGY_HINTS), f"must match the {_TOPOLOGY_MODE} annotation")


def check_service(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a v1 Service."""
    if obj.get("kind") != "Service" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    _topology_annotations(found, mapping(mapping(obj.get("metadata")).get("annotations")))
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
    _external_ips(found, spec)
    _source_ranges(found, obj, spec, kind)
    _load_balancer(found, spec, kind)
    _traffic(found, spec, kind)
    internal = spec.get("internalTrafficPolicy")  # validateServiceInternalTrafficFieldsValue (a pointer: "" is set)
    if isinstance(internal, str) and internal not in ("Cluster", "Local"):
        found.add(("spec", "internalTrafficPolicy"), "must be one of: Cluster, Local")
    affinity = spec.get("sessionAffinity")
    if isinstance(affinity, str) and affinity not in ("None", "ClientIP"):
        found.add(("spec", "sessionAffinity"), "must be one of: None, ClientIP")
    _affinity(found, spec)
    _traffic_distribution(found, spec)
    if spec.get("selector") is not None:
        check_labels(found, spec.get("selector"), ("spec", "selector"))
    return found.problems
