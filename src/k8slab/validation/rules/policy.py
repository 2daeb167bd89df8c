"""PodDisruptionBudgets and HorizontalPodAutoscalers.

From the API server's policy and autoscaling validation. A PodDisruptionBudget sets minAvailable or
maxUnavailable, not both, each a non-negative integer or a percentage up to 100%, with a valid
selector. A HorizontalPodAutoscaler names its target; minReplicas is at least 1 and at most
maxReplicas; each metric fills in exactly the source its type names, with a target of a known type
whose values are positive (and, for Object, Pods and External metrics, the target values each
needs, with valid metric names); scaling behavior stays within its bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._base import REQUIRED, Findings, Obj, Path, entries, int_or_percent, integer, is_map, mapping, quantity, text
from ._labels import check_selector
from ._names import path_segment_problem

__all__ = ["check_autoscaler", "check_disruption_budget"]

_METRIC_SOURCES = {
    "Object": "object",
    "Pods": "pods",
    "Resource": "resource",
    "ContainerResource": "containerResource",
    "External": "external",
}
_TARGET_TYPES = ("Utilization", "Value", "AverageValue")


def check_disruption_budget(obj: Obj, kube_version: str) -> list[Problem]:
    """The spec rules of a policy/v1 PodDisruptionBudget."""
    if obj.get("kind") != "PodDisruptionBudget" or obj.get("apiVersion") != "policy/v1":
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    if spec.get("minAvailable") is not None and spec.get("maxUnavailable") is not None:
        found.add(("spec",), "must not set both minAvailable and maxUnavailable")
    for field in ("minAvailable", "maxUnavailable"):
        int_or_percent(found, spec.get(field), ("spec", field), at_most_100=True)
    if spec.get("selector") is not None:
        check_selector(found, spec.get("selector"), ("spec", "selector"))
    policy = spec.get("unhealthyPodEvictionPolicy")
    if isinstance(policy, str) and policy not in ("IfHealthyBudget", "AlwaysAllow"):
        found.add(("spec", "unhealthyPodEvictionPolicy"), "must be one of: IfHealthyBudget, AlwaysAllow")
    return found.problems


def _target(found: Findings, target: Mapping[str, Any], path: Path, *, resource: bool) -> None:
    kind = target.get("type")
    if not kind:
        found.add((*path, "type"), REQUIRED)
    elif isinstance(kind, str) and kind not in _TARGET_TYPES:
        found.add((*path, "type"), "must be one of: " + ", ".join(_TARGET_TYPES))
    for field in ("value", "averageValue"):
        if target.get(field) is not None:
            number = quantity(found, target.get(field), (*path, field))
            if number == 0:
                found.add((*path, field), "must be positive")
    utilization = integer(target.get("averageUtilization"))
    if utilization is not None and utilization < 1:
        found.add((*path, "averageUtilization"), "must be greater than 0")
    if resource:
        has_value, has_share = target.get("averageValue") is not None, utilization is not None
        if not has_value and not has_share:
            found.add((*path, "averageUtilization"), "must be set (or averageValue) for a resource metric")
        elif has_value and has_share:
            found.add((*path, "averageValue"), "must not be set together with averageUtilization")


def _metric(found: Findings, metric: Mapping[str, Any], path: Path) -> None:
    kind = text(metric.get("type"))
    field = _METRIC_SOURCES.get(kind)
    if not kind:
        found.add((*path, "type"), REQUIRED)
    elif field is None:
        found.add((*path, "type"), "must be one of: " + ", ".join(_METRIC_SOURCES))
    for name in _METRIC_SOURCES.values():
        if name != field and metric.get(name) is not None:
            found.add((*path, name), "must not be set: only the source named by type is")
    if field is None:
        return
    source = metric.get(field)
    if not is_map(source):
        found.add((*path, field), f"{REQUIRED} when type is {kind}")
        return
    is_resource = field in ("resource", "containerResource")
    if is_resource and not text(source.get("name")):
        found.add((*path, field, "name"), REQUIRED)
    if field == "containerResource" and not text(source.get("container")):
        found.add((*path, field, "container"), REQUIRED)
    if not is_resource:  # validateMetricIdentifier
        name = text(mapping(source.get("metric")).get("name"))
        problem = path_segment_problem(name) if name else REQUIRED
        if problem:
            found.add((*path, field, "metric", "name"), problem)
    if field == "object":  # ValidateCrossVersionObjectReference of the described object
        described = mapping(source.get("describedObject"))
        for part in ("kind", "name"):
            value = text(described.get(part))
            problem = path_segment_problem(value) if value else REQUIRED
            if problem:
                found.add((*path, field, "describedObject", part), problem)
    if is_map(source.get("target")):
        _target(found, source["target"], (*path, field, "target"), resource=is_resource)
        _source_target(found, field, source["target"], (*path, field, "target"))
    else:
        found.add((*path, field, "target"), REQUIRED)


def _source_target(found: Findings, field: str, target: Mapping[str, Any], path: Path) -> None:
    """validateObjectSource, validatePodsSource, validateExternalSource: the target values each source needs."""
    value, average = target.get("value"), target.get("averageValue")
    if field in ("object", "external") and value is None and average is None:
        found.add((*path, "averageValue"), "must be set (or value) for an object or external metric")
    elif field == "external" and value is not None and average is not None:
        found.add((*path, "value"), "must not be set together with averageValue for an external metric")
    elif field == "pods" and average is None:
        found.add((*path, "averageValue"), "must be set for a pods metric")


def _behavior(found: Findings, behavior: Mapping[str, Any]) -> None:
    for direction in ("scaleUp", "scaleDown"):
        rules = mapping(behavior.get(direction))
        where = ("spec", "behavior", direction)
        window = integer(rules.get("stabilizationWindowSeconds"))
        if window is not None and not 0 <= window <= 3600:
            found.add((*where, "stabilizationWindowSeconds"), "must be from 0 to 3600")
        select = rules.get("selectPolicy")
        if isinstance(select, str) and select not in ("Max", "Min", "Disabled"):
            found.add((*where, "selectPolicy"), "must be one of: Max, Min, Disabled")
        if isinstance(rules.get("policies"), list) and not rules["policies"]:
            # validateScalingRules: an empty list is not nil, so the defaulting keeps it
            found.add((*where, "policies"), "must specify at least one policy")
        for i, policy in entries(rules.get("policies")):
            kind = policy.get("type")
            if isinstance(kind, str) and kind not in ("Pods", "Percent"):
                found.add((*where, "policies", i, "type"), "must be one of: Pods, Percent")
            value = integer(policy.get("value"))
            if value is not None and value <= 0:
                found.add((*where, "policies", i, "value"), "must be greater than 0")
            period = integer(policy.get("periodSeconds"))
            if period is not None and not 0 < period <= 1800:
                found.add((*where, "policies", i, "periodSeconds"), "must be from 1 to 1800")


def check_autoscaler(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateHorizontalPodAutoscaler of an autoscaling/v2 or autoscaling/v1 HorizontalPodAutoscaler.

    An autoscaling/v1 object is validated after conversion to the internal (v2) form: its
    ``targetCPUUtilizationPercentage`` becomes a CPU utilization target, which must be above 0.
    """
    version = obj.get("apiVersion")
    if obj.get("kind") != "HorizontalPodAutoscaler" or version not in ("autoscaling/v2", "autoscaling/v1"):
        return []
    found = Findings(obj, kube_version)
    if version == "autoscaling/v1":
        spec = mapping(obj.get("spec"))
        _replicas_and_target(found, spec)
        utilization = integer(spec.get("targetCPUUtilizationPercentage"))
        if utilization is not None and utilization < 1:
            found.add(("spec", "targetCPUUtilizationPercentage"), "must be greater than 0")
        return found.problems
    spec = mapping(obj.get("spec"))
    _replicas_and_target(found, spec)
    for i, metric in entries(spec.get("metrics")):
        _metric(found, metric, ("spec", "metrics", i))
    if is_map(spec.get("behavior")):
        _behavior(found, spec["behavior"])
    return found.problems


def _replicas_and_target(found: Findings, spec: Mapping[str, Any]) -> None:
    """validateHorizontalPodAutoscalerSpec: the target reference and the replica bounds."""
    target = mapping(spec.get("scaleTargetRef"))
    for field in ("kind", "name"):
        value = text(target.get(field))
        if not value:
            found.add(("spec", "scaleTargetRef", field), REQUIRED)
        elif value in (".", "..") or "/" in value or "%" in value:
            found.add(("spec", "scaleTargetRef", field), "must not be '.' or '..' and must not contain '/' or '%'")
    low, high = integer(spec.get("minReplicas")), integer(spec.get("maxReplicas"))
    if low is not None and low < 1:
        found.add(("spec", "minReplicas"), "must be greater than or equal to 1")
    if high is not None and high < 1:
        found.add(("spec", "maxReplicas"), "must be greater than 0")
    elif high is not None and low is not None and high < low:
        found.add(("spec", "maxReplicas"), "must be greater than or equal to minReplicas")
