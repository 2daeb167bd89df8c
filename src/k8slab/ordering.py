"""Apply order: the kinds others depend on come first; delete goes in reverse."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

__all__ = ["KIND_ORDER", "sort_objects"]

KIND_ORDER = (
    "Namespace",
    "CustomResourceDefinition",
    "ServiceAccount",
    "ClusterRole",
    "ClusterRoleBinding",
    "Role",
    "RoleBinding",
    "Secret",
    "ConfigMap",
    "LimitRange",
    "ResourceQuota",
    "PersistentVolumeClaim",
    "Service",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "Job",
    "CronJob",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "NetworkPolicy",
    "Ingress",
    "ServiceMonitor",
    "PodMonitor",
    "PrometheusRule",
)
_RANK = {kind: i for i, kind in enumerate(KIND_ORDER)}

_T = TypeVar("_T", bound=Mapping[str, Any])


def sort_objects(objects: Sequence[_T], *, reverse: bool = False) -> list[_T]:
    """Objects in apply order (stable within a kind); ``reverse=True`` gives delete order."""
    ranked = sorted(objects, key=lambda o: _RANK.get(str(o.get("kind")), len(KIND_ORDER)))
    return ranked[::-1] if reverse else ranked
