"""Ingresses, IngressClasses and NetworkPolicies.

From the API server's networking validation. An Ingress has rules or a default backend; hosts are
DNS names (a leading ``*.`` allowed), rule hosts never IP addresses; every path has a pathType, and
Exact and Prefix paths are absolute with no ``//``, ``/./`` or ``/../``; a backend names a Service
(a Service name, and a port name or number but not both) or a resource, not both; TLS secret
names are Secret names; on create the class annotation agrees with ``ingressClassName``. An
IngressClass has a domain-prefixed controller and parameters whose scope fits their namespace.
A NetworkPolicy's selectors are valid; its ports are TCP, UDP or SCTP, numbered 1-65535 or named,
with an endPort only after a numeric port; each peer is one of podSelector/namespaceSelector or an
ipBlock, and an ipBlock's exceptions lie strictly inside its CIDR.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns_label, check_dns_subdomain, check_port_name, is_port
from ._base import REQUIRED, Findings, Obj, Path, entries, integer, is_map, mapping, rule_message, seq, text
from ._labels import check_selector
from ._names import domain_prefixed_path_problem, path_segment_problem, subdomain_name_problem
from ._net import parse_cidr, parse_ip
from .containers import PROTOCOLS
from .metadata import name_rule

__all__ = ["check_ingress", "check_ingress_class", "check_network_policy"]

_PATH_TYPES = ("Exact", "Prefix", "ImplementationSpecific")
_BAD_SEQUENCES = ("//", "/./", "/../", "%2f", "%2F")
_CLASS_ANNOTATION = "kubernetes.io/ingress.class"
_WILDCARD = re.compile(r"\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")


def _host(found: Findings, host: str, path: Path, *, rule_host: bool = True) -> None:
    """validateIngressRules (rule hosts, never IP addresses) and validateIngressTLS (TLS hosts, no IP check)."""
    if rule_host and parse_ip(host) is not None:
        found.add(path, "must be a DNS name, not an IP address")
        return
    if "*" in host:
        if len(host) > 253 or not _WILDCARD.fullmatch(host):
            found.add(path, "must be a DNS-1123 subdomain, optionally starting with '*.'")
        return
    message = rule_message(check_dns_subdomain, host)
    if message:
        found.add(path, message)


def _typed_reference(found: Findings, ref: Mapping[str, Any], path: Path) -> None:
    """validateIngressTypedLocalObjectReference: an apiGroup that is a DNS subdomain; kind and name path segments."""
    group = ref.get("apiGroup")
    message = rule_message(check_dns_subdomain, group) if isinstance(group, str) else None
    if message:
        found.add((*path, "apiGroup"), message)
    for field in ("kind", "name"):
        value = text(ref.get(field))
        problem = path_segment_problem(value) if value else REQUIRED
        if problem:
            found.add((*path, field), problem)


def _backend(found: Findings, backend: Mapping[str, Any], path: Path) -> None:
    service, resource = backend.get("service"), backend.get("resource")
    if service is not None and resource is not None:
        found.add(path, "must not set both a service and a resource backend")
        return
    if resource is not None:
        _typed_reference(found, mapping(resource), (*path, "resource"))
        return
    if service is None:
        found.add(path, "must set a service or a resource backend")
        return
    service = mapping(service)
    name = text(service.get("name"))
    check = name_rule("Service", "v1", found.minor)
    message = REQUIRED if not name else (rule_message(check, name) if check else None)
    if message:
        found.add((*path, "service", "name"), message)
    port = mapping(service.get("port"))
    port_name, number = text(port.get("name")), integer(port.get("number"))
    if port_name and number:
        found.add(path, "must set a port name or a port number, not both")
    elif port_name:
        message = rule_message(check_port_name, port_name)
        if message:
            found.add((*path, "service", "port", "name"), message)
    elif number:
        if not is_port(number):
            found.add((*path, "service", "port", "number"), PORT_RULE)
    else:
        found.add(path, "must set a port name or a port number")


def _http_path(found: Findings, item: Mapping[str, Any], path: Path) -> None:
    kind = item.get("pathType")
    value = text(item.get("path"))
    if kind is None:
        found.add((*path, "pathType"), REQUIRED)
    elif isinstance(kind, str) and kind not in _PATH_TYPES:
        found.add((*path, "pathType"), "must be one of: " + ", ".join(_PATH_TYPES))
    elif kind in ("Exact", "Prefix"):
        if not value.startswith("/"):
            found.add((*path, "path"), "must be an absolute path")
        elif any(s in value for s in _BAD_SEQUENCES) or value.endswith(("/..", "/.")):
            found.add((*path, "path"), "must not contain '//', '/./', '/../' or '%2f', nor end with '/.' or '/..'")
    elif value and not value.startswith("/"):
        found.add((*path, "path"), "must be an absolute path")
    if is_map(item.get("backend")):
        _backend(found, item["backend"], (*path, "backend"))


def check_ingress(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a networking.k8s.io/v1 Ingress."""
    if obj.get("kind") != "Ingress" or obj.get("apiVersion") != "networking.k8s.io/v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    if not seq(spec.get("rules")) and spec.get("defaultBackend") is None:
        found.add(("spec",), "must set rules or a defaultBackend")
    if is_map(spec.get("defaultBackend")):
        _backend(found, spec["defaultBackend"], ("spec", "defaultBackend"))
    class_name = text(spec.get("ingressClassName"))
    message = rule_message(check_dns_subdomain, class_name) if class_name else None
    if message:
        found.add(("spec", "ingressClassName"), message)
    for i, rule in entries(spec.get("rules")):
        where = ("spec", "rules", i)
        if text(rule.get("host")):
            _host(found, rule["host"], (*where, "host"))
        http = rule.get("http")
        if is_map(http):
            if not seq(http.get("paths")):
                found.add((*where, "http", "paths"), "must have at least one path")
            for j, item in entries(http.get("paths")):
                _http_path(found, item, (*where, "http", "paths", j))
    for i, tls in entries(spec.get("tls")):
        for j, host in enumerate(seq(tls.get("hosts"))):
            if isinstance(host, str):
                _host(found, host, ("spec", "tls", i, "hosts", j), rule_host=False)
        secret = text(tls.get("secretName"))
        message = rule_message(check_dns_subdomain, secret) if secret else None
        if message:  # validateTLSSecretName
            found.add(("spec", "tls", i, "secretName"), message)
    annotation = mapping(mapping(obj.get("metadata")).get("annotations")).get(_CLASS_ANNOTATION)
    wanted = spec.get("ingressClassName")
    if isinstance(annotation, str) and isinstance(wanted, str):
        # ValidateIngressCreate: before 1.27 (PR 115447) the annotation was refused next to the field
        if found.minor < 27:
            found.add(("metadata", "annotations", _CLASS_ANNOTATION), "must not be set when ingressClassName is set")
        elif annotation != wanted:
            found.add(
                ("metadata", "annotations", _CLASS_ANNOTATION), "must match spec.ingressClassName when both are set"
            )
    return found.problems


def check_ingress_class(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateIngressClass: a domain-prefixed controller of at most 250 characters; valid parameters."""
    if obj.get("kind") != "IngressClass" or obj.get("apiVersion") != "networking.k8s.io/v1":
        return []
    found = Findings(obj, kube_version)
    unknown = name_rule("IngressClass", "networking.k8s.io/v1", found.minor) is None
    message = subdomain_name_problem(obj) if unknown else None
    if message:  # ValidateIngressClassName, while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    spec = mapping(obj.get("spec"))
    controller = spec.get("controller")
    if isinstance(controller, str | None):
        value = text(controller)
        problem = domain_prefixed_path_problem(value)
        if len(value) > 250:
            found.add(("spec", "controller"), "must be at most 250 characters")
        elif problem:
            found.add(("spec", "controller"), problem)
    params = spec.get("parameters")
    if is_map(params):
        where = ("spec", "parameters")
        _typed_reference(found, params, where)
        scope = params.get("scope", "Cluster")  # SetDefaults_IngressClass: Cluster when unset
        namespace = params.get("namespace")
        found.one_of((*where, "scope"), scope, ("Cluster", "Namespace"))
        if scope == "Namespace":
            message = REQUIRED if namespace is None else rule_message(check_dns_label, text(namespace))
            if message:
                found.add((*where, "namespace"), message)
        elif scope == "Cluster" and namespace is not None:
            found.add((*where, "namespace"), "must not be set when scope is Cluster")
    return found.problems


def _policy_port(found: Findings, port: Mapping[str, Any], path: Path) -> None:
    protocol = port.get("protocol")
    found.one_of((*path, "protocol"), protocol, PROTOCOLS)
    value, end = port.get("port"), integer(port.get("endPort"))
    number = integer(value)
    if number is not None:
        if not is_port(number):
            found.add((*path, "port"), PORT_RULE)
        if end is not None and (end < number or not is_port(end)):
            found.add((*path, "endPort"), "must be a port number from port to 65535")
    elif isinstance(value, str):
        message = rule_message(check_port_name, value)
        if message:
            found.add((*path, "port"), message)
        if end is not None:
            found.add((*path, "endPort"), "must not be set when port is a name")
    elif value is None and end is not None:
        found.add((*path, "endPort"), "must not be set without port")


def _cidr(value: Any) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """IsValidCIDRForLegacyField's reading (netutils.ParseCIDRSloppy) of a field that should be a CIDR."""
    return parse_cidr(value) if isinstance(value, str) else None


def _peer(found: Findings, peer: Mapping[str, Any], path: Path) -> None:
    kinds = [k for k in ("podSelector", "namespaceSelector", "ipBlock") if peer.get(k) is not None]
    if not kinds:
        found.add(path, "must set podSelector, namespaceSelector or ipBlock")
    elif len(kinds) > 1 and "ipBlock" in kinds:
        found.add(path, "must not set ipBlock together with a selector")
    for kind in ("podSelector", "namespaceSelector"):
        if peer.get(kind) is not None:
            check_selector(found, peer[kind], (*path, kind))
    block = mapping(peer.get("ipBlock"))
    if peer.get("ipBlock") is None:
        return
    cidr = _cidr(block.get("cidr"))
    if cidr is None:
        found.add((*path, "ipBlock", "cidr"), "must be a CIDR such as 10.0.0.0/8")
        return
    for j, raw in enumerate(seq(block.get("except"))):
        inner = _cidr(raw)
        if inner is None:
            found.add((*path, "ipBlock", "except", j), "must be a CIDR such as 10.1.0.0/16")
        elif inner.version != cidr.version or not (inner.subnet_of(cidr) and inner.prefixlen > cidr.prefixlen):  # type: ignore[arg-type]
            found.add((*path, "ipBlock", "except", j), "must be a strict subset of cidr")


def check_network_policy(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a networking.k8s.io/v1 NetworkPolicy."""
    if obj.get("kind") != "NetworkPolicy" or obj.get("apiVersion") != "networking.k8s.io/v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    check_selector(found, spec.get("podSelector"), ("spec", "podSelector"))
    for direction, peers in (("ingress", "from"), ("egress", "to")):
        for i, rule in entries(spec.get(direction)):
            for j, port in entries(rule.get("ports")):
                _policy_port(found, port, ("spec", direction, i, "ports", j))
            for j, peer in entries(rule.get(peers)):
                _peer(found, peer, ("spec", direction, i, peers, j))
    types = seq(spec.get("policyTypes"))
    for i, kind in enumerate(types):
        if isinstance(kind, str) and kind not in ("Ingress", "Egress"):
            found.add(("spec", "policyTypes", i), "must be one of: Ingress, Egress")
    if len(types) > 2:
        found.add(("spec", "policyTypes"), "must have at most two entries")
    return found.problems
