"""Find a set's members: by ``applyset.kubernetes.io/part-of``, in the kinds and namespaces its parent records.

Objects carrying the label of earlier k8slab versions (``k8slab.io/stack: NAME``) count as
members too, but only inside the set's own namespaces, so a same-named stack elsewhere is
never reached. An object without either label (made by hand, by helm, by another set) is
never touched.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import Forbidden
from .applyset import LEGACY_LABEL, PART_OF, ApplySet, parse_group_kind
from .discovery import Discovery, Getter, Resource

__all__ = ["LEGACY_KINDS", "Live", "identity", "list_legacy", "list_members", "ref", "stamp"]

LEGACY_KINDS: tuple[tuple[str, str], ...] = (
    ("", "Namespace"),
    ("apiextensions.k8s.io", "CustomResourceDefinition"),
    ("", "ServiceAccount"),
    ("", "Secret"),
    ("", "ConfigMap"),
    ("", "LimitRange"),
    ("", "ResourceQuota"),
    ("", "PersistentVolumeClaim"),
    ("", "Service"),
    ("apps", "Deployment"),
    ("apps", "StatefulSet"),
    ("apps", "DaemonSet"),
    ("batch", "Job"),
    ("batch", "CronJob"),
    ("autoscaling", "HorizontalPodAutoscaler"),
    ("policy", "PodDisruptionBudget"),
    ("networking.k8s.io", "NetworkPolicy"),
    ("networking.k8s.io", "Ingress"),
    ("rbac.authorization.k8s.io", "Role"),
    ("rbac.authorization.k8s.io", "RoleBinding"),
    ("monitoring.coreos.com", "ServiceMonitor"),
    ("monitoring.coreos.com", "PodMonitor"),
    ("monitoring.coreos.com", "PrometheusRule"),
)
"""(group, kind) searched for objects of earlier k8slab versions (``k8slab.io/stack``), besides the stack's kinds."""


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


def stamp(obj: Mapping[str, Any], applyset: ApplySet | None, resource: Resource, namespace: str) -> dict[str, Any]:
    """A copy of ``obj`` labelled ``part-of`` ``applyset`` (when there is one), namespaced like the server expects."""
    out = copy.deepcopy(dict(obj))
    meta = out.setdefault("metadata", {})
    if applyset is not None:
        meta.setdefault("labels", {})[PART_OF] = applyset.id
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


def _list(cluster: Getter, resource: Resource, label: str, namespaces: Iterable[str]) -> list[dict[str, Any]]:
    if not resource.namespaced:
        try:
            return list((cluster.get(resource.path(), query={"labelSelector": label}) or {}).get("items") or [])
        except Forbidden:
            return []  # not allowed to see this cluster-wide kind: nothing of it can be ours to touch
    items: list[dict[str, Any]] = []
    for namespace in sorted(set(namespaces)):
        items += (cluster.get(resource.path(namespace), query={"labelSelector": label}) or {}).get("items") or []
    return items


def _found(resource: Resource, items: Iterable[dict[str, Any]], key: str, value: str) -> list[Live]:
    out = []
    for item in items:
        meta = item.get("metadata") or {}
        if (meta.get("labels") or {}).get(key) != value or meta.get("ownerReferences"):
            continue
        out.append(Live(resource, {"apiVersion": resource.api_version, "kind": resource.kind, **item}))
    return out


def list_members(
    cluster: Getter, discovery: Discovery, applyset: ApplySet, group_kinds: Iterable[str], namespaces: Iterable[str]
) -> list[Live]:
    """The objects labelled ``part-of`` the set, among ``group_kinds`` (``Kind.group``) in ``namespaces``.

    Mirrors kubectl's ``ApplySet.FindAllObjectsToPrune`` (applyset_pruner.go): namespaced kinds
    are listed in each namespace of the set, cluster-scoped kinds once. A kind the cluster no
    longer serves (its CRD is gone) has no objects left. Objects owned by another object
    (``ownerReferences``) are left to their owner.
    """
    found: list[Live] = []
    for text in sorted(set(group_kinds)):
        resource = discovery.find_kind(*parse_group_kind(text))
        if resource is not None:
            found += _found(resource, _list(cluster, resource, applyset.selector, namespaces), PART_OF, applyset.id)
    return found


def list_legacy(
    cluster: Getter, discovery: Discovery, name: str, kinds: Iterable[tuple[str, str]], namespaces: Iterable[str]
) -> list[Live]:
    """Objects of earlier k8slab versions labelled ``k8slab.io/stack: name``, in ``namespaces`` only.

    Cluster-scoped objects are included only when they are Namespaces among ``namespaces``:
    the old label cannot tell two same-named stacks' cluster-wide objects apart.
    """
    wanted = set(namespaces)
    found: list[Live] = []
    for group, kind in dict.fromkeys([*LEGACY_KINDS, *kinds]):
        resource = discovery.find_kind(group, kind)
        if resource is None or (not resource.namespaced and kind != "Namespace"):
            continue
        items = _list(cluster, resource, f"{LEGACY_LABEL}={name}", wanted)
        found += [
            live
            for live in _found(resource, items, LEGACY_LABEL, name)
            if resource.namespaced or live.obj["metadata"]["name"] in wanted
        ]
    return found
