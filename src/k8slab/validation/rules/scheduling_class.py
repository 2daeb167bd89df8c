"""PriorityClasses (scheduling.k8s.io/v1).

From the API server's ``pkg/apis/scheduling/validation`` ``ValidatePriorityClass``: names
starting with ``system-`` are reserved for the two built-in classes (with their exact value and
no ``globalDefault``); any other class has a value of at most 1000000000; ``preemptionPolicy``
is PreemptLowerPriority or Never.
"""

from __future__ import annotations

from ...errors import Problem
from ._base import Findings, Obj, integer, mapping, text
from ._names import subdomain_name_problem
from .metadata import name_rule

__all__ = ["check_priority_class"]

_API_VERSION = "scheduling.k8s.io/v1"
HIGHEST_USER_PRIORITY = 1_000_000_000
"""scheduling.HighestUserDefinablePriority."""
_SYSTEM_CLASSES = {
    "system-node-critical": 2 * HIGHEST_USER_PRIORITY + 1000,
    "system-cluster-critical": 2 * HIGHEST_USER_PRIORITY,
}


def check_priority_class(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidatePriorityClass of a scheduling.k8s.io/v1 PriorityClass."""
    if obj.get("kind") != "PriorityClass" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    name = text(mapping(obj.get("metadata")).get("name"))
    message = subdomain_name_problem(obj) if name_rule("PriorityClass", _API_VERSION, found.minor) is None else None
    if message:  # while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    value = integer(obj.get("value"))
    if name.startswith("system-"):  # IsKnownSystemPriorityClass
        if name not in _SYSTEM_CLASSES:
            found.add(("metadata", "name"), "must not start with 'system-': the prefix is reserved for system classes")
        elif value is not None and value != _SYSTEM_CLASSES[name]:
            found.add(("value",), "must be the built-in value of this system priority class")
        elif obj.get("globalDefault") is True:
            found.add(("globalDefault",), "must be false for a system priority class")
    elif value is not None and value > HIGHEST_USER_PRIORITY:
        found.add(("value",), f"must be at most {HIGHEST_USER_PRIORITY} for a user-defined priority class")
    found.one_of(("preemptionPolicy",), obj.get("preemptionPolicy"), ("PreemptLowerPriority", "Never"))
    return found.problems
