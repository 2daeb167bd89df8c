"""Leases (coordination.k8s.io/v1).

From the API server's ``pkg/apis/coordination/validation`` ``ValidateLease`` and
``ValidateLeaseSpec``: a DNS-1123 subdomain as name; leaseDurationSeconds greater than 0 and
leaseTransitions not negative, when set. The coordinated-leader-election fields (strategy,
preferredHolder) belong to an alpha feature and are not checked.
"""

from __future__ import annotations

from ...errors import Problem
from ._base import Findings, Obj, integer, mapping
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_lease"]

_API_VERSION = "coordination.k8s.io/v1"


def check_lease(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateLease of a coordination.k8s.io/v1 Lease."""
    if obj.get("kind") != "Lease" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("Lease", _API_VERSION, found.minor) is None else None
    if message:
        found.add(("metadata", "name"), message)
    spec = mapping(obj.get("spec"))
    duration = integer(spec.get("leaseDurationSeconds"))
    if duration is not None and duration <= 0:
        found.add(("spec", "leaseDurationSeconds"), "must be greater than 0")
    transitions = integer(spec.get("leaseTransitions"))
    if transitions is not None and transitions < 0:
        found.add(("spec", "leaseTransitions"), "must be greater than or equal to 0")
    return found.problems
