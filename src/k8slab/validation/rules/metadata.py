"""Object metadata: the name rule of each kind, the namespace, labels and annotations (also of pod templates).

From the API server's ``ValidateObjectMeta``: a name (or a generateName prefix) is required and
follows its kind's rule; a namespace is a DNS-1123 label; label keys are qualified names and
label values at most 63 characters; annotation keys are qualified names and all annotations
together stay within 256 KiB; owner references name their apiVersion, kind, name and uid, and at
most one is the controller; finalizers are qualified names (for built-in kinds an unqualified one
must be a standard finalizer), never both ``orphan`` and ``foregroundDeletion``. Pod templates
carry only labels and annotations (ValidatePodTemplateSpec), so only those are checked there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...errors import Problem
from ...syntax import check_dns1035_label, check_dns_label, check_dns_subdomain, check_label_key
from ._base import REQUIRED, Findings, Obj, Path, entries, mapping, pod_template, rule_message, seq, text
from ._labels import check_annotations, check_labels

__all__ = ["check_metadata", "name_rule"]

NameCheck = Callable[[str], str]

_BUILTIN_GROUPS = frozenset(
    {"", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io"}
)
_SUBDOMAIN_KINDS = frozenset(
    {
        "Pod",
        "Deployment",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "ConfigMap",
        "Secret",
        "LimitRange",
        "ResourceQuota",
        "PersistentVolumeClaim",
        "ServiceAccount",
        "Ingress",
        "NetworkPolicy",
        "PodDisruptionBudget",
        "HorizontalPodAutoscaler",
        "ReplicationController",
        "PodTemplate",
    }
)
_PATH_SEGMENT_KINDS = frozenset({"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"})
_NAMESPACED_KINDS = (
    _SUBDOMAIN_KINDS
    | {"StatefulSet", "Service", "Role", "RoleBinding"}
    | {"ServiceMonitor", "PodMonitor", "PrometheusRule"}
)
_PATH_SEGMENT_RULE = "must not be '.' or '..' and must not contain '/' or '%'"
_CORE_VALIDATED_GROUPS = frozenset({"", "apps", "batch", "policy", "autoscaling", "networking.k8s.io"})
"""Groups whose validation calls core's ValidateObjectMeta, which adds validateKubeFinalizerName."""
_STANDARD_FINALIZERS = frozenset({"kubernetes", "orphan", "foregroundDeletion"})


def _path_segment(value: str) -> str:
    if value in (".", "..") or "/" in value or "%" in value:
        raise ValueError(_PATH_SEGMENT_RULE)
    return value


def _group(api_version: str) -> str:
    return api_version.rpartition("/")[0]


def name_rule(kind: str, api_version: str, minor: int) -> NameCheck | None:
    """The check for names of this kind in this Kubernetes minor version; None when k8slab does not know it.

    Services take DNS-1035 labels (DNS-1123 labels from 1.36), StatefulSets DNS-1123 labels
    (subdomains before 1.27), Namespaces DNS-1123 labels, custom resources DNS-1123 subdomains.
    """
    group = _group(api_version)
    if group in _BUILTIN_GROUPS:
        if kind == "Service":
            return check_dns1035_label if minor < 36 else check_dns_label
        if kind == "StatefulSet":
            return check_dns_label if minor >= 27 else check_dns_subdomain
        if kind == "Namespace":
            return check_dns_label
        if kind in _SUBDOMAIN_KINDS:
            return check_dns_subdomain
        if kind in _PATH_SEGMENT_KINDS:
            return _path_segment
        return None
    if "." in group and not group.endswith(".k8s.io"):
        return check_dns_subdomain  # a custom resource
    return None


def _generate_name_problem(check: NameCheck, prefix: str) -> str | None:
    masked = prefix[:-1] + "a" if len(prefix) > 1 and prefix.endswith("-") else prefix
    return rule_message(check, masked)


def _check_name(found: Findings, obj: Obj, meta: Any, minor: int) -> None:
    meta = mapping(meta)
    name, generate = text(meta.get("name")), text(meta.get("generateName"))
    check = name_rule(text(obj.get("kind")), text(obj.get("apiVersion")), minor)
    if not name and not generate:
        found.add(("metadata", "name"), "name or generateName is required")
    if check is None:
        return
    # ValidateObjectMetaAccessor: generateName is checked as a prefix whenever set; a name is
    # generated from it before validation, so generateName alone is valid
    if generate:
        message = _generate_name_problem(check, generate)
        if message:
            found.add(("metadata", "generateName"), message)
    if name:
        message = rule_message(check, name)
        if message:
            found.add(("metadata", "name"), message)


def _api_version_problem(api_version: str) -> str | None:
    # validateOwnerReference with schema.ParseGroupVersion: <version> or <group>/<version>
    if not api_version:
        return REQUIRED
    if api_version.count("/") > 1 or not api_version.rpartition("/")[2]:
        return "must be <group>/<version> or <version>"
    return None


def _owner_references(found: Findings, references: Any) -> None:
    # ValidateOwnerReferences and validateOwnerReference (apimachinery)
    path: Path = ("metadata", "ownerReferences")
    controllers = 0
    for i, ref in entries(references):
        api_version = text(ref.get("apiVersion"))
        problem = _api_version_problem(api_version)
        if problem:
            found.add((*path, i, "apiVersion"), problem)
        for field in ("kind", "name", "uid"):
            if not text(ref.get(field)):
                found.add((*path, i, field), REQUIRED)
        if api_version == "v1" and ref.get("kind") == "Event":
            found.add((*path, i), "must not name an Event: events are disallowed from being owners")
        if ref.get("controller") is True:
            controllers += 1
            if controllers == 2:
                found.add(path, "must have at most one reference with controller set to true")


def _finalizers(found: Findings, finalizers: Any, api_version: str) -> None:
    # ValidateFinalizers and ValidateFinalizerName (apimachinery); core's ValidateObjectMeta adds
    # validateKubeFinalizerName (custom resources only get a warning for it)
    path: Path = ("metadata", "finalizers")
    names = [f for f in seq(finalizers) if isinstance(f, str)]
    core = _group(api_version) in _CORE_VALIDATED_GROUPS
    for i, name in enumerate(seq(finalizers)):
        if not isinstance(name, str):
            continue
        message = rule_message(check_label_key, name)
        if message:
            found.add(path, message.replace("a label key", "a finalizer name"))
        if core and "/" not in name and name not in _STANDARD_FINALIZERS:
            found.add((*path, i), "must be fully qualified (domain/name) unless it is a standard finalizer")
    if "orphan" in names and "foregroundDeletion" in names:
        found.add(path, "must not hold both orphan and foregroundDeletion")


def _namespace_finalizers(found: Findings, finalizers: Any) -> None:
    # ValidateNamespace: each spec finalizer passes validateFinalizerName, reported on the list
    path: Path = ("spec", "finalizers")
    for name in seq(finalizers):
        if not isinstance(name, str):
            continue
        message = rule_message(check_label_key, name)
        if message:
            found.add(path, message.replace("a label key", "a finalizer name"))
        elif "/" not in name and name not in _STANDARD_FINALIZERS:
            found.add(path, "must be fully qualified (domain/name) unless it is a standard finalizer")


def _check_template_meta(found: Findings, meta: Any, path: Path) -> None:
    meta = mapping(meta)
    check_labels(found, meta.get("labels"), (*path, "labels"))
    check_annotations(found, meta.get("annotations"), (*path, "annotations"))


def check_metadata(obj: Obj, kube_version: str) -> list[Problem]:
    """Name, namespace, labels, annotations, owner references and finalizers; labels and annotations of templates."""
    found = Findings(obj, kube_version)
    meta = mapping(obj.get("metadata"))
    _check_name(found, obj, meta, found.minor)
    namespace = text(meta.get("namespace"))
    kind = text(obj.get("kind"))
    if namespace and kind in _NAMESPACED_KINDS:
        message = rule_message(check_dns_label, namespace)
        if message:
            found.add(("metadata", "namespace"), message)
    _check_template_meta(found, meta, ("metadata",))
    _owner_references(found, meta.get("ownerReferences"))
    _finalizers(found, meta.get("finalizers"), text(obj.get("apiVersion")))
    if kind == "Namespace" and text(obj.get("apiVersion")) == "v1":
        _namespace_finalizers(found, mapping(obj.get("spec")).get("finalizers"))
    template = pod_template(obj)
    if template is not None:
        path, node = template
        _check_template_meta(found, node.get("metadata"), (*path, "metadata"))
    if kind == "CronJob":
        job = mapping(mapping(obj.get("spec")).get("jobTemplate"))
        _check_template_meta(found, job.get("metadata"), ("spec", "jobTemplate", "metadata"))
    if kind == "StatefulSet":
        for i, claim in entries(mapping(obj.get("spec")).get("volumeClaimTemplates")):
            _check_template_meta(found, claim.get("metadata"), ("spec", "volumeClaimTemplates", i, "metadata"))
    return found.problems
