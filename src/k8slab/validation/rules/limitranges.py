"""LimitRanges and ResourceQuotas.

From the API server's ``ValidateLimitRange``: each type (Pod, Container, PersistentVolumeClaim or a
qualified name) appears once; quantities are valid and not negative; per resource,
min <= defaultRequest <= default <= max, min <= max, and maxLimitRequestRatio is at least 1 and at
most max/min; Pod items carry no default or defaultRequest; PersistentVolumeClaim items bound
storage. A ResourceQuota's hard limits are valid, non-negative quantities.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ...errors import Problem
from ...syntax import check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, mapping, quantity, rule_message, text

__all__ = ["check_limit_range", "check_resource_quota"]

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


def check_resource_quota(obj: Obj, kube_version: str) -> list[Problem]:
    """The hard limits of a v1 ResourceQuota: valid, non-negative quantities."""
    if obj.get("kind") != "ResourceQuota" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    for resource, raw in mapping(mapping(obj.get("spec")).get("hard")).items():
        quantity(found, raw, ("spec", "hard", resource))
    return found.problems
