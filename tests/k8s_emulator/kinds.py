"""The kinds the emulator serves, and the discovery documents describing them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Kind:
    """One served resource."""

    group: str
    version: str
    plural: str
    kind: str
    namespaced: bool
    custom: bool = False

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def key(self) -> str:
        """``plural.group`` (``plural`` for the core group): how objects are filed."""
        return f"{self.plural}.{self.group}" if self.group else self.plural


BUILTIN = (
    Kind("", "v1", "namespaces", "Namespace", False),
    Kind("", "v1", "configmaps", "ConfigMap", True),
    Kind("", "v1", "secrets", "Secret", True),
    Kind("", "v1", "services", "Service", True),
    Kind("", "v1", "serviceaccounts", "ServiceAccount", True),
    Kind("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", True),
    Kind("", "v1", "limitranges", "LimitRange", True),
    Kind("", "v1", "resourcequotas", "ResourceQuota", True),
    Kind("", "v1", "pods", "Pod", True),
    Kind("", "v1", "events", "Event", True),
    Kind("apps", "v1", "deployments", "Deployment", True),
    Kind("apps", "v1", "statefulsets", "StatefulSet", True),
    Kind("apps", "v1", "daemonsets", "DaemonSet", True),
    Kind("batch", "v1", "jobs", "Job", True),
    Kind("batch", "v1", "cronjobs", "CronJob", True),
    Kind("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", True),
    Kind("networking.k8s.io", "v1", "ingresses", "Ingress", True),
    Kind("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", True),
    Kind("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True),
    Kind("rbac.authorization.k8s.io", "v1", "roles", "Role", True),
    Kind("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", True),
    Kind("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", False),
    Kind("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", False),
    Kind("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", False),
)


def kinds_of_crd(crd: dict[str, Any]) -> list[Kind]:
    """The kinds a CustomResourceDefinition adds, one per served version."""
    spec = crd.get("spec") or {}
    names = spec.get("names") or {}
    namespaced = spec.get("scope", "Namespaced") == "Namespaced"
    return [
        Kind(spec["group"], v["name"], names["plural"], names["kind"], namespaced, custom=True)
        for v in spec.get("versions") or []
        if v.get("served", True)
    ]


def resource_list(group: str, version: str, kinds: Iterable[Kind]) -> dict[str, Any] | None:
    """The APIResourceList of one group version, or None when nothing is served there."""
    served = [k for k in kinds if k.group == group and k.version == version]
    if not served:
        return None
    verbs = ["create", "delete", "get", "list", "patch", "update", "watch"]
    resources = []
    for k in served:
        resources.append({"name": k.plural, "kind": k.kind, "namespaced": k.namespaced, "verbs": verbs})
        if k.kind in (
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "Job",
            "Ingress",
            "Service",
            "PersistentVolumeClaim",
            "Namespace",
        ):
            resources.append({"name": f"{k.plural}/status", "kind": k.kind, "namespaced": k.namespaced, "verbs": []})
    return {
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": f"{group}/{version}" if group else version,
        "resources": resources,
    }


def group_list(kinds: Iterable[Kind]) -> dict[str, Any]:
    """The APIGroupList served at /apis."""
    versions: dict[str, list[str]] = {}
    for k in kinds:
        if k.group and k.version not in versions.setdefault(k.group, []):
            versions[k.group].append(k.version)
    groups = []
    for group, served in sorted(versions.items()):
        entries = [{"groupVersion": f"{group}/{v}", "version": v} for v in served]
        groups.append({"name": group, "versions": entries, "preferredVersion": entries[0]})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}
