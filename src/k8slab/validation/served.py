"""Built-in API versions and kinds the target Kubernetes version does not serve.

An object whose apiVersion belongs to a built-in group (``apps``, ``networking.k8s.io``, the core
group ...) but whose (apiVersion, kind) the target version does not serve is refused by the API
server ("no matches for kind"), so it is a problem here rather than "not checked":

- a removed version, from the Kubernetes "Deprecated API Migration Guide" (:data:`REMOVED`):
  ``extensions/v1beta1 Deployment is not served since 1.16; use apps/v1``;
- a kind the group serves under another version only: ``... is not served in apps/v1beta3``;
- a kind the group does not have, such as ``kind: deployment``: ``no kind deployment in apps/v1;
  did you mean Deployment?``.

Custom groups (any group the version's built-in API does not have) stay "not checked" unless
their CRD is given.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from ..errors import Problem
from .walk import object_label

__all__ = ["REMOVED", "group_of", "unserved_problem"]

_REMOVED_BY_RELEASE: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    # release -> replacement apiVersion -> the (apiVersion, kind) pairs no longer served from it
    "1.16": {
        "apps/v1": tuple(
            (version, kind)
            for version in ("extensions/v1beta1", "apps/v1beta1", "apps/v1beta2")
            for kind in ("Deployment", "DaemonSet", "ReplicaSet", "StatefulSet", "ControllerRevision")
            if not (version == "extensions/v1beta1" and kind in ("StatefulSet", "ControllerRevision"))
        ),
        "networking.k8s.io/v1": (("extensions/v1beta1", "NetworkPolicy"),),
        "policy/v1beta1": (("extensions/v1beta1", "PodSecurityPolicy"),),
    },
    "1.22": {
        "admissionregistration.k8s.io/v1": (
            ("admissionregistration.k8s.io/v1beta1", "MutatingWebhookConfiguration"),
            ("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration"),
        ),
        "apiextensions.k8s.io/v1": (("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition"),),
        "apiregistration.k8s.io/v1": (("apiregistration.k8s.io/v1beta1", "APIService"),),
        "authentication.k8s.io/v1": (("authentication.k8s.io/v1beta1", "TokenReview"),),
        "authorization.k8s.io/v1": tuple(
            ("authorization.k8s.io/v1beta1", kind)
            for kind in (
                "SubjectAccessReview",
                "LocalSubjectAccessReview",
                "SelfSubjectAccessReview",
                "SelfSubjectRulesReview",
            )
        ),
        "certificates.k8s.io/v1": (("certificates.k8s.io/v1beta1", "CertificateSigningRequest"),),
        "coordination.k8s.io/v1": (("coordination.k8s.io/v1beta1", "Lease"),),
        "networking.k8s.io/v1": (
            ("extensions/v1beta1", "Ingress"),
            ("networking.k8s.io/v1beta1", "Ingress"),
            ("networking.k8s.io/v1beta1", "IngressClass"),
        ),
        "rbac.authorization.k8s.io/v1": tuple(
            ("rbac.authorization.k8s.io/v1beta1", kind)
            for kind in ("ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding")
        ),
        "scheduling.k8s.io/v1": (("scheduling.k8s.io/v1beta1", "PriorityClass"),),
        "storage.k8s.io/v1": tuple(
            ("storage.k8s.io/v1beta1", kind) for kind in ("CSIDriver", "CSINode", "StorageClass", "VolumeAttachment")
        ),
    },
    "1.25": {
        "batch/v1": (("batch/v1beta1", "CronJob"),),
        "discovery.k8s.io/v1": (("discovery.k8s.io/v1beta1", "EndpointSlice"),),
        "events.k8s.io/v1": (("events.k8s.io/v1beta1", "Event"),),
        "autoscaling/v2": (("autoscaling/v2beta1", "HorizontalPodAutoscaler"),),
        "policy/v1": (("policy/v1beta1", "PodDisruptionBudget"),),
        "": (("policy/v1beta1", "PodSecurityPolicy"),),  # removed with no replacement: Pod Security admission
        "node.k8s.io/v1": (("node.k8s.io/v1beta1", "RuntimeClass"),),
    },
    "1.26": {
        "flowcontrol.apiserver.k8s.io/v1beta3": (
            ("flowcontrol.apiserver.k8s.io/v1beta1", "FlowSchema"),
            ("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration"),
        ),
        "autoscaling/v2": (("autoscaling/v2beta2", "HorizontalPodAutoscaler"),),
    },
    "1.27": {"storage.k8s.io/v1": (("storage.k8s.io/v1beta1", "CSIStorageCapacity"),)},
    "1.29": {
        "flowcontrol.apiserver.k8s.io/v1": (
            ("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema"),
            ("flowcontrol.apiserver.k8s.io/v1beta2", "PriorityLevelConfiguration"),
        )
    },
    "1.32": {
        "flowcontrol.apiserver.k8s.io/v1": (
            ("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema"),
            ("flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration"),
        )
    },
}

REMOVED: dict[tuple[str, str], tuple[str, str]] = {
    key: (release, replacement)
    for release, by_replacement in _REMOVED_BY_RELEASE.items()
    for replacement, keys in by_replacement.items()
    for key in keys
}
"""(apiVersion, kind) -> (the release that stopped serving it, the apiVersion to use; "" for none)."""

_META_KINDS = frozenset(
    {"DeleteOptions", "WatchEvent", "Status", "APIGroup", "APIGroupList", "APIResourceList", "APIVersions"}
)


def group_of(api_version: str) -> str:
    """The API group of an apiVersion: ``apps/v1`` -> ``apps``, ``v1`` -> ``""`` (the core group)."""
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def _stability(api_version: str) -> tuple[int, str]:
    """Sort key: stable versions first (``v1`` before ``v1beta3`` before ``v1alpha1``)."""
    version = api_version.rsplit("/", 1)[-1]
    return (0 if version.isalnum() and "alpha" not in version and "beta" not in version else 1, api_version)


def _creatable(kind: str) -> bool:
    return kind not in _META_KINDS and not kind.endswith("List")


def unserved_problem(obj: Mapping[str, Any], served: Collection[tuple[str, str]], kube_version: str) -> Problem | None:
    """The problem of an object of a built-in group whose (apiVersion, kind) ``kube_version`` does not serve.

    ``served`` holds every built-in (apiVersion, kind) of the version. None when the object's
    group is not built-in (a custom resource: not checked) or when the pair is served.
    """
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str) or (api_version, kind) in served:
        return None
    group = group_of(api_version)
    in_group = {(v, k) for v, k in served if group_of(v) == group and _creatable(k)}
    removed = REMOVED.get((api_version, kind))
    if not in_group and removed is None:
        return None  # a custom group
    label = object_label(obj)
    elsewhere = sorted((v for v, k in in_group if k == kind), key=_stability)
    if removed is not None and _minor(kube_version) >= _minor(removed[0]):
        release, replacement = removed  # the guide's replacement, unless the version serves a newer one
        while (later := REMOVED.get((replacement, kind))) and _minor(kube_version) >= _minor(later[0]):
            replacement = later[1]  # the replacement was removed too (extensions -> policy/v1beta1 PodSecurityPolicy)
        replacement = elsewhere[0] if elsewhere else replacement
        advice = f"use {replacement}" if replacement else "it was removed with no replacement"
        return Problem(label, "apiVersion", f"{api_version} {kind} is not served since {release}; {advice}")
    if elsewhere:
        return Problem(
            label, "apiVersion", f"{api_version} {kind} is not served by {kube_version}; use {' or '.join(elsewhere)}"
        )
    here = sorted(k for v, k in in_group if v == api_version)
    other = sorted(v for v, k in served if k == kind)
    if other:  # a kind of another group, such as v1 Deployment
        return Problem(label, "kind", f"no kind {kind} in {api_version}; did you mean {other[-1]}?")
    if not here:
        return Problem(label, "apiVersion", f"{api_version} is not served by {kube_version}")
    same = [k for k in here if k.lower() == kind.lower()]
    import difflib  # here: only an unknown kind asks for the closest one

    close = same or difflib.get_close_matches(kind, here, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return Problem(label, "kind", f"no kind {kind} in {api_version}{hint}")
