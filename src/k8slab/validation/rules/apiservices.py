"""APIServices (apiregistration.k8s.io/v1), served by the kube-aggregator.

From ``k8s.io/kube-aggregator`` ``pkg/apis/apiregistration/validation`` ``ValidateAPIService``:
the name is a path segment and exactly ``<version>.<group>``; an empty group only for version v1;
the group a DNS-1123 subdomain and the version a DNS-1035 label; groupPriorityMinimum 1-20000 and
versionPriority 1-1000; without a service (a local APIService) no caBundle and no
insecureSkipTLSVerify; with one, its name and namespace, a port 1-65535 (443 by default,
SetDefaults_ServiceReference), and not both insecureSkipTLSVerify and a caBundle.
"""

from __future__ import annotations

from ...errors import Problem
from ...syntax import PORT_RULE, check_dns1035_label, check_dns_subdomain, is_port
from ._base import REQUIRED, Findings, Obj, integer, is_map, mapping, rule_message, text
from ._names import path_segment_problem

__all__ = ["check_api_service"]

_API_VERSION = "apiregistration.k8s.io/v1"


def _priority(found: Findings, value: object, field: str, highest: int) -> None:
    number = integer(value)
    if value is None:
        number = 0
    if number is not None and not 0 < number <= highest:
        found.add(("spec", field), f"must be from 1 to {highest}")


def check_api_service(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateAPIService of an apiregistration.k8s.io/v1 APIService."""
    if obj.get("kind") != "APIService" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    group, version = text(spec.get("group")), text(spec.get("version"))
    name = text(mapping(obj.get("metadata")).get("name"))
    if name:
        message = path_segment_problem(name)
        if message is None and name != f"{version}.{group}":
            message = "must be spec.version + '.' + spec.group"
        if message:
            found.add(("metadata", "name"), message)
    if not group and version != "v1":
        found.add(("spec", "group"), "is required unless the version is v1 (the legacy core group)")
    if group:
        message = rule_message(check_dns_subdomain, group)
        if message:
            found.add(("spec", "group"), message)
    message = rule_message(check_dns1035_label, version)
    if message:
        found.add(("spec", "version"), message)
    _priority(found, spec.get("groupPriorityMinimum"), "groupPriorityMinimum", 20000)
    _priority(found, spec.get("versionPriority"), "versionPriority", 1000)
    ca_bundle = bool(text(spec.get("caBundle")))
    insecure = spec.get("insecureSkipTLSVerify") is True
    service = spec.get("service")
    if not is_map(service):
        if ca_bundle:
            found.add(("spec", "caBundle"), "must not be set for a local APIService (one without a service)")
        if insecure:
            found.add(
                ("spec", "insecureSkipTLSVerify"), "must not be set for a local APIService (one without a service)"
            )
        return found.problems
    for field in ("namespace", "name"):
        if not text(service.get(field)):
            found.add(("spec", "service", field), REQUIRED)
    port = integer(service.get("port", 443))
    if port is not None and not is_port(port):
        found.add(("spec", "service", "port"), PORT_RULE)
    if insecure and ca_bundle:
        found.add(("spec", "insecureSkipTLSVerify"), "must not be true when a caBundle is set")
    return found.problems
