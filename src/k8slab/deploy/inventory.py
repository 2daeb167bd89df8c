"""The inventory: every object k8slab applies carries the label ``k8slab.io/stack: <name>``.

Prune, delete and status find a stack's objects in the cluster by that label alone, so an
object without it (made by hand, by helm, by another stack) is never touched.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Forbidden, UsageError
from .client import Cluster
from .discovery import Discovery, Resource

__all__ = ["INVENTORY_KINDS", "LABEL", "Live", "check_label", "identity", "list_inventory", "ref", "selector", "stamp"]

LABEL = "k8slab.io/stack"
"""The label whose value names the stack an object belongs to."""

INVENTORY_KINDS: tuple[tuple[str, str], ...] = (
    ("v1", "Namespace"),
    ("apiextensions.k8s.io/v1", "CustomResourceDefinition"),
    ("v1", "ServiceAccount"),
    ("v1", "Secret"),
    ("v1", "ConfigMap"),
    ("v1", "LimitRange"),
    ("v1", "ResourceQuota"),
    ("v1", "PersistentVolumeClaim"),
    ("v1", "Service"),
    ("apps/v1", "Deployment"),
    ("apps/v1", "StatefulSet"),
    ("apps/v1", "DaemonSet"),
    ("batch/v1", "Job"),
    ("batch/v1", "CronJob"),
    ("autoscaling/v2", "HorizontalPodAutoscaler"),
    ("policy/v1", "PodDisruptionBudget"),
    ("networking.k8s.io/v1", "NetworkPolicy"),
    ("networking.k8s.io/v1", "Ingress"),
    ("rbac.authorization.k8s.io/v1", "Role"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
    ("monitoring.coreos.com/v1", "ServiceMonitor"),
    ("monitoring.coreos.com/v1", "PodMonitor"),
    ("monitoring.coreos.com/v1", "PrometheusRule"),
)
"""The kinds searched for a stack's label (besides the kinds the stack holds); unserved ones are skipped."""


def ref(obj: Mapping[str, Any]) -> str:
    """``Kind namespace/name``, or ``Kind name`` for a cluster-scoped object."""
    meta = obj.get("metadata") or {}
    namespace = meta.get("namespace")
    return f"{obj.get('kind')} {namespace}/{meta.get('name')}" if namespace else f"{obj.get('kind')} {meta.get('name')}"


def identity(obj: Mapping[str, Any]) -> tuple[str, str, str, str]:
    """(API group, kind, namespace, name): what makes an object the same object across versions."""
    meta = obj.get("metadata") or {}
    group = str(obj.get("apiVersion", "")).rpartition("/")[0]
    return group, str(obj.get("kind")), str(meta.get("namespace") or ""), str(meta.get("name"))


def selector(name: str) -> str:
    """The label selector of stack ``name``'s objects."""
    return f"{LABEL}={name}"


def stamp(obj: Mapping[str, Any], name: str, resource: Resource, namespace: str) -> dict[str, Any]:
    """A copy of ``obj`` labelled for stack ``name``, namespaced like the server expects."""
    out = copy.deepcopy(dict(obj))
    meta = out.setdefault("metadata", {})
    meta.setdefault("labels", {})[LABEL] = name
    if resource.namespaced:
        meta.setdefault("namespace", namespace)
    else:
        meta.pop("namespace", None)
    out.pop("status", None)
    return out


@dataclass(frozen=True)
class Live:
    """An object found in the cluster, with the Resource it is served by."""

    resource: Resource
    obj: dict[str, Any]

    @property
    def ref(self) -> str:
        """``Kind namespace/name``."""
        return ref(self.obj)


def _list(cluster: Cluster, resource: Resource, label: str, namespaces: Iterable[str]) -> list[dict[str, Any]]:
    try:
        answer = cluster.request("GET", resource.path(), query={"labelSelector": label})
        return list((answer or {}).get("items") or [])
    except Forbidden:
        if not resource.namespaced:
            return []  # not allowed to see this cluster-wide kind: nothing of it can be ours to touch
    items: list[dict[str, Any]] = []
    for namespace in sorted(set(namespaces)):
        answer = cluster.request("GET", resource.path(namespace), query={"labelSelector": label})
        items += (answer or {}).get("items") or []
    return items


def list_inventory(
    cluster: Cluster,
    discovery: Discovery,
    name: str,
    *,
    kinds: Iterable[tuple[str, str]] = (),
    namespaces: Iterable[str] = (),
) -> list[Live]:
    """Every object in the cluster labelled for stack ``name``, searched among INVENTORY_KINDS and ``kinds``.

    Namespaced kinds are listed cluster-wide; when that is forbidden, in ``namespaces`` only.
    Objects owned by another object (``ownerReferences``) are left out: their owner manages them.
    """
    found: list[Live] = []
    seen: set[Resource] = set()
    for api_version, kind in dict.fromkeys([*INVENTORY_KINDS, *kinds]):
        resource = discovery.find(api_version, kind)
        if resource is None or resource in seen:
            continue
        seen.add(resource)
        for item in _list(cluster, resource, selector(name), namespaces):
            meta = item.get("metadata") or {}
            if (meta.get("labels") or {}).get(LABEL) != name or meta.get("ownerReferences"):
                continue
            found.append(Live(resource, {"apiVersion": resource.api_version, "kind": resource.kind, **item}))
    return found


def check_label(name: str) -> str:
    """``name`` if it is usable as the value of the inventory label; UsageError otherwise."""
    ok = 0 < len(name) <= 63 and name[0].isalnum() and name[-1].isalnum()
    if not ok or not all(c.isalnum() or c in "-_." for c in name):
        raise UsageError(
            f"{name!r} cannot name a stack: the {LABEL} label value must be 1-63 letters, digits, '-', '_' or '.',"
            " starting and ending with a letter or digit"
        )
    return name
