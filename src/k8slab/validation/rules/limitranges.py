"""LimitRanges and ResourceQuotas.

From the API server's ``ValidateLimitRange``: each type (Pod, Container, PersistentVolumeClaim or a
qualified name) appears once; quantities are valid and not negative; per resource,
min <= defaultRequest <= default <= max, min <= max, and maxLimitRequestRatio is at least 1 and at
most max/min; Pod items carry no default or defaultRequest; PersistentVolumeClaim items bound
storage. A ResourceQuota's hard limits are valid, non-negative quantities of known or qualified
resource names (whole numbers for object counts and extended resources), its scopes known, not
conflicting and fitting their resources (pods and their cpu and memory; BestEffort only pods), its
scope selector's operators and values consistent (ValidateResourceQuotaSpec,
validateResourceQuotaScopes, validateScopeSelector).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...syntax import check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, mapping, quantity, rule_message, seq, text

__all__ = ["check_limit_range", "check_resource_quota"]

# helper.IsStandardQuotaResourceName and IsStandardResourceName together (plain "storage" too, to
# stay lenient), and the huge-page quota names
_QUOTA_RESOURCES = frozenset(
    {
        "cpu",
        "memory",
        "ephemeral-storage",
        "storage",
        "requests.cpu",
        "requests.memory",
        "requests.storage",
        "requests.ephemeral-storage",
        "limits.cpu",
        "limits.memory",
        "limits.ephemeral-storage",
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "persistentvolumeclaims",
        "configmaps",
        "services.nodeports",
        "services.loadbalancers",
    }
)
_QUOTA_HUGE_PAGES = ("hugepages-", "requests.hugepages-", "limits.hugepages-")
# helper.integerResources: object counts
_INTEGER_RESOURCES = frozenset(
    {
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    }
)
_QUOTA_SCOPES = (
    "Terminating",
    "NotTerminating",
    "BestEffort",
    "NotBestEffort",
    "PriorityClass",
    "CrossNamespacePodAffinity",
    "VolumeAttributesClass",
)
_EXISTS_ONLY_SCOPES = frozenset(
    {"Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "CrossNamespacePodAffinity"}
)
_POD_SCOPES = frozenset(
    {"Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"}
)
_BEST_EFFORT_RESOURCES = frozenset({"pods"})
_POD_SCOPE_RESOURCES = frozenset(
    {"pods", "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"}
)
_CONFLICTING_SCOPES = (frozenset({"BestEffort", "NotBestEffort"}), frozenset({"Terminating", "NotTerminating"}))
_FIELDS = ("max", "min", "default", "defaultRequest", "maxLimitRequestRatio")
_STANDARD_TYPES = ("Pod", "Container", "PersistentVolumeClaim")
# (lower field, higher field, where the problem is reported, message)
_ORDER = (
    ("min", "max", "min", "must be less than or equal to max"),
    ("min", "defaultRequest", "defaultRequest", "must be greater than or equal to min"),
    ("defaultRequest", "max", "defaultRequest", "must be less than or equal to max"),
    ("defaultRequest", "default", "defaultRequest", "must be less than or equal to default"),
    ("min", "default", "default", "must be greater than or equal to min"),
    ("default", "max", "default", "must be less than or equal to max"),
)


def _values(found: Findings, item: Mapping[str, Any], path: Path) -> dict[str, dict[str, Decimal]]:
    values: dict[str, dict[str, Decimal]] = {}
    for field in _FIELDS:
        values[field] = {}
        for resource, raw in mapping(item.get(field)).items():
            number = quantity(found, raw, (*path, field, resource))
            if number is not None and isinstance(resource, str):
                values[field][resource] = number
    return values


def _item(found: Findings, item: Mapping[str, Any], path: Path) -> None:
    kind = text(item.get("type"))
    values = _values(found, item, path)
    for low, high, where, message in _ORDER:
        for resource, low_value in values[low].items():
            high_value = values[high].get(resource)
            if high_value is not None and low_value > high_value:
                found.add((*path, where, resource), message)
    for resource, ratio in values["maxLimitRequestRatio"].items():
        at = (*path, "maxLimitRequestRatio", resource)
        smallest, largest = values["min"].get(resource), values["max"].get(resource)
        if ratio < 1:
            found.add(at, "must be at least 1")
        elif smallest and largest is not None and ratio > largest / smallest:
            found.add(at, "must not be greater than max divided by min")
    if kind == "Pod":
        for field in ("default", "defaultRequest"):
            if mapping(item.get(field)):
                found.add((*path, field), "must not be set when the type is Pod")
    if kind == "PersistentVolumeClaim" and "storage" not in values["min"] and "storage" not in values["max"]:
        found.add((*path, "min"), "must set min or max storage for PersistentVolumeClaim limits")


def check_limit_range(obj: Obj, kube_version: str) -> list[Problem]:
    """The items of a v1 LimitRange."""
    if obj.get("kind") != "LimitRange" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    types: set[str] = set()
    for i, item in entries(mapping(obj.get("spec")).get("limits")):
        path = ("spec", "limits", i)
        kind = text(item.get("type"))
        if not kind:
            found.add((*path, "type"), REQUIRED)
        elif ("/" in kind and rule_message(check_label_key, kind)) or ("/" not in kind and kind not in _STANDARD_TYPES):
            found.add((*path, "type"), "must be Pod, Container, PersistentVolumeClaim or a qualified name")
        elif kind in types:
            found.add((*path, "type"), "must be unique: another item has the same type")
        types.add(kind)
        _item(found, item, path)
    return found.problems


def _is_extended(resource: str) -> bool:
    # helper.IsExtendedResourceName: qualified, not native (kubernetes.io), not a requests. quota name
    if "/" not in resource or "kubernetes.io/" in resource or resource.startswith("requests."):
        return False
    return rule_message(check_label_key, "requests." + resource) is None


def _hard(found: Findings, hard: Mapping[str, Any]) -> set[str]:
    # ValidateResourceQuotaResourceName and validateResourceQuantityValue, for each hard limit
    names: set[str] = set()
    for resource, raw in hard.items():
        path = ("spec", "hard", resource)
        number = quantity(found, raw, path)
        if not isinstance(resource, str):
            continue
        names.add(resource)
        message = rule_message(check_label_key, resource)
        if message:
            found.add(path, message.replace("a label key", "a resource name"))
        elif "/" not in resource and resource not in _QUOTA_RESOURCES and not resource.startswith(_QUOTA_HUGE_PAGES):
            found.add(path, "must be a standard quota resource or a qualified name")
        elif (resource in _INTEGER_RESOURCES or _is_extended(resource)) and number is not None and number % 1:
            found.add(path, "must be an integer")
    return names


def _conflicts(found: Findings, scopes: set[str], path: Path) -> None:
    for pair in _CONFLICTING_SCOPES:
        if pair <= scopes:
            found.add(path, "must not hold conflicting scopes: " + " and ".join(sorted(pair)))


def _is_standard_quota_resource(resource: str) -> bool:
    # helper.IsStandardQuotaResourceName (plain "storage" is not one)
    return (resource in _QUOTA_RESOURCES and resource != "storage") or resource.startswith(_QUOTA_HUGE_PAGES[:2])


def _scope_fits(found: Findings, scope: str, hard: set[str], path: Path) -> None:
    # IsResourceQuotaScopeValidForResource: the pod scopes count pods and their cpu and memory only,
    # BestEffort only pods; other scopes (VolumeAttributesClass) and non-standard resources are not checked
    allowed = _BEST_EFFORT_RESOURCES if scope == "BestEffort" else _POD_SCOPE_RESOURCES
    if scope in _POD_SCOPES and any(_is_standard_quota_resource(r) and r not in allowed for r in hard):
        found.add(path, "must not apply this scope to resources it cannot count (only pods and their cpu and memory)")


def _scopes(found: Findings, spec: Mapping[str, Any], hard: set[str]) -> None:
    # validateResourceQuotaScopes: every problem is reported on the list
    path: Path = ("spec", "scopes")
    scopes = {s for s in seq(spec.get("scopes")) if isinstance(s, str)}
    for scope in sorted(scopes):
        if scope not in _QUOTA_SCOPES:
            found.add(path, "must hold only supported scopes: " + ", ".join(_QUOTA_SCOPES))
        _scope_fits(found, scope, hard, path)
    _conflicts(found, scopes, path)


def _scope_selector(found: Findings, spec: Mapping[str, Any], hard: set[str]) -> None:
    # validateScopedResourceSelectorRequirement: paths are the list's, without an index
    path: Path = ("spec", "scopeSelector", "matchExpressions")
    scopes: set[str] = set()
    for _, requirement in entries(mapping(spec.get("scopeSelector")).get("matchExpressions")):
        scope, operator = text(requirement.get("scopeName")), requirement.get("operator")
        if scope not in _QUOTA_SCOPES:
            found.add((*path, "scopeName"), "must be one of: " + ", ".join(_QUOTA_SCOPES))
        _scope_fits(found, scope, hard, path)
        if scope in _EXISTS_ONLY_SCOPES and operator != "Exists":
            found.add((*path, "operator"), "must be Exists for this scope")
        values = seq(requirement.get("values"))
        if operator in ("In", "NotIn"):
            if not values:
                found.add((*path, "values"), "must hold at least one value when `operator` is In or NotIn")
        elif operator in ("Exists", "DoesNotExist"):
            if values:
                found.add((*path, "values"), "must be empty when `operator` is Exists or DoesNotExist")
        elif isinstance(operator, str):
            found.add((*path, "operator"), "must be one of: In, NotIn, Exists, DoesNotExist")
        scopes.add(scope)
    _conflicts(found, scopes, path)


def check_resource_quota(obj: Obj, kube_version: str) -> list[Problem]:
    """The hard limits, scopes and scope selector of a v1 ResourceQuota."""
    if obj.get("kind") != "ResourceQuota" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    hard = _hard(found, mapping(spec.get("hard")))
    _scopes(found, spec, hard)
    _scope_selector(found, spec, hard)
    return found.problems
