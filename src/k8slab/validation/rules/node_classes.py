"""RuntimeClasses (node.k8s.io/v1).

From the API server's ``pkg/apis/node/validation`` ``ValidateRuntimeClass``: a DNS-1123 subdomain
as name; a handler that is a DNS-1123 label; overhead of standard or qualified resources, with
valid quantities that are not negative (validateOverhead, through ValidateResourceRequirements);
scheduling with a valid node selector (label keys and values) and valid tolerations
(ValidateTolerations).
"""

from __future__ import annotations

from ...errors import Problem
from ...syntax import check_dns_label
from ._base import Findings, Obj, is_map, mapping, quantity, rule_message
from ._labels import check_labels
from ._names import subdomain_name_problem
from .metadata import name_rule
from .scheduling import check_tolerations

__all__ = ["check_runtime_class"]

_API_VERSION = "node.k8s.io/v1"


def _standard(resource: str) -> bool:
    """helper.IsStandardContainerResourceName."""
    return resource in ("cpu", "memory", "ephemeral-storage") or resource.startswith("hugepages-")


def check_runtime_class(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateRuntimeClass of a node.k8s.io/v1 RuntimeClass."""
    if obj.get("kind") != "RuntimeClass" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("RuntimeClass", _API_VERSION, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)
    handler = obj.get("handler")
    if isinstance(handler, str):  # NameIsDNSLabel
        message = rule_message(check_dns_label, handler)
        if message:
            found.add(("handler",), message)
    overhead = obj.get("overhead")
    if is_map(overhead):  # validateOverhead, through ValidateResourceRequirements (Go reports at overhead.limits)
        for resource, raw in mapping(overhead.get("podFixed")).items():
            where = ("overhead", "podFixed", str(resource))
            if isinstance(resource, str) and "/" not in resource and not _standard(resource):
                found.add(where, "must be cpu, memory, ephemeral-storage, hugepages-<size> or a qualified name")
                continue  # validateContainerResourceName
            quantity(found, raw, where)
    scheduling = obj.get("scheduling")
    if is_map(scheduling):  # validateScheduling
        check_labels(found, scheduling.get("nodeSelector"), ("scheduling", "nodeSelector"))
        check_tolerations(found, scheduling.get("tolerations"), ("scheduling", "tolerations"))
    return found.problems
