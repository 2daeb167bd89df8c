"""Pod volumes, the containers' volume mounts, and PersistentVolumeClaims (also as templates).

From the API server's volume validation: volume names are DNS-1123 labels, unique in the pod, and
each volume has exactly one source; Secret and ConfigMap sources name their object; file modes
are 0 to 0777; item paths are relative with no '..'. Each mount names a volume of the pod (or a
StatefulSet claim template), has a mountPath unique in its container, and a relative subPath.

A claim (``ValidatePersistentVolumeClaimSpec``) has at least one access mode, each a known one
(ReadWriteOncePod from 1.27, never with another mode); a storage request greater than zero; valid
quantities; a known volumeMode; a DNS-1123 subdomain as storageClassName (and, from 1.34, as
volumeAttributesClassName). Its dataSource and dataSourceRef name a kind and an object, the core
group only for PersistentVolumeClaims, a DNS-1123 subdomain as apiGroup (from 1.29), and agree
when both are set. The API server accepts
a StatefulSet whose claim templates break these rules, but its controller cannot create the
claims, so k8slab reports them on the StatefulSet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import (
    REQUIRED,
    Findings,
    Obj,
    Path,
    containers,
    entries,
    integer,
    is_map,
    mapping,
    pod_spec,
    quantity,
    rule_message,
    seq,
    text,
)
from ._labels import check_selector

__all__ = ["MOUNT_WITHOUT_VOLUME", "check_claim_spec", "check_claims", "check_volumes", "relative_path_problem"]

MOUNT_WITHOUT_VOLUME = "names no volume of the pod"
"""The message for a mount whose volume does not exist (the cross-checks use the same words)."""
MODE_RULE = "must be a file mode from 0 to 0777 (octal; 511 in decimal)"
_PROPAGATION = ("None", "HostToContainer", "Bidirectional")
_NAMED_SOURCES = {"configMap": "name", "secret": "secretName", "persistentVolumeClaim": "claimName", "hostPath": "path"}


def relative_path_problem(path: str) -> str | None:
    """Why ``path`` is not a relative path that stays below its directory (None when it is)."""
    if path.startswith("/"):
        return "must be a relative path"
    if ".." in path.replace("\\", "/").split("/"):
        return "must not contain '..'"
    return None


def _mode(found: Findings, value: Any, path: Path) -> None:
    mode = integer(value)
    if mode is not None and not 0 <= mode <= 0o777:
        found.add(path, MODE_RULE)


def _items(found: Findings, items: Any, path: Path, *, keyed: bool) -> None:
    for j, item in entries(items):
        where = (*path, j)
        if keyed and not text(item.get("key")):
            found.add((*where, "key"), REQUIRED)
        target = text(item.get("path"))
        problem = REQUIRED if not target else relative_path_problem(target)
        if problem is None and target.startswith("..") and not target.startswith("../"):
            problem = "must not start with '..'"
        if problem:
            found.add((*where, "path"), problem)
        _mode(found, item.get("mode"), (*where, "mode"))


def _projected(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    _mode(found, source.get("defaultMode"), (*path, "defaultMode"))
    for j, projection in entries(source.get("sources")):
        where = (*path, "sources", j)
        kinds = [key for key, value in projection.items() if value is not None]
        if len(kinds) > 1:
            found.add((*where, kinds[1]), "must not be set: each projected source has exactly one type")
        for kind in ("secret", "configMap", "downwardAPI"):
            if is_map(projection.get(kind)):
                _items(found, projection[kind].get("items"), (*where, kind, "items"), keyed=kind != "downwardAPI")
        token = mapping(projection.get("serviceAccountToken"))
        seconds = integer(token.get("expirationSeconds"))
        if seconds is not None and not 600 <= seconds <= 2**32:
            found.add((*where, "serviceAccountToken", "expirationSeconds"), "must be from 600 (10 minutes) to 2^32")


def _source(found: Findings, kind: str, source: Mapping[str, Any], path: Path) -> None:
    """Checks of one volume source, at ``path`` (``...volumes[0].secret``)."""
    if kind in _NAMED_SOURCES and not text(source.get(_NAMED_SOURCES[kind])):
        found.add((*path, _NAMED_SOURCES[kind]), REQUIRED)
    if kind in ("secret", "configMap", "downwardAPI"):
        _mode(found, source.get("defaultMode"), (*path, "defaultMode"))
        _items(found, source.get("items"), (*path, "items"), keyed=kind != "downwardAPI")
    elif kind == "projected":
        _projected(found, source, path)
    elif kind == "emptyDir" and source.get("sizeLimit") is not None:
        quantity(found, source.get("sizeLimit"), (*path, "sizeLimit"))
    elif kind == "ephemeral":
        template = source.get("volumeClaimTemplate")
        if not is_map(template):
            found.add((*path, "volumeClaimTemplate"), REQUIRED)
        else:
            check_claim_spec(found, template.get("spec"), (*path, "volumeClaimTemplate", "spec"))


def _check_mounts(
    found: Findings, container: Mapping[str, Any], path: Path, volumes: set[str], privileged: bool
) -> None:
    paths: set[str] = set()
    for j, mount in entries(container.get("volumeMounts")):
        where = (*path, "volumeMounts", j)
        name = text(mount.get("name"))
        if not name:
            found.add((*where, "name"), REQUIRED)
        elif name not in volumes:
            found.add((*where, "name"), MOUNT_WITHOUT_VOLUME)
        mount_path = text(mount.get("mountPath"))
        if not mount_path:
            found.add((*where, "mountPath"), REQUIRED)
        elif mount_path in paths:
            found.add((*where, "mountPath"), "must be unique among the container's mounts")
        paths.add(mount_path)
        sub_path, sub_expr = text(mount.get("subPath")), text(mount.get("subPathExpr"))
        for field, value in (("subPath", sub_path), ("subPathExpr", sub_expr)):
            problem = relative_path_problem(value) if value else None
            if problem:
                found.add((*where, field), problem)
        if sub_path and sub_expr:
            found.add((*where, "subPathExpr"), "must not be set together with subPath")
        propagation = mount.get("mountPropagation")
        if isinstance(propagation, str):
            if propagation not in _PROPAGATION:
                found.add((*where, "mountPropagation"), "must be one of: " + ", ".join(_PROPAGATION))
            elif propagation == "Bidirectional" and not privileged:
                found.add((*where, "mountPropagation"), "Bidirectional is only allowed in privileged containers")


def check_volumes(obj: Obj, kube_version: str) -> list[Problem]:
    """The volumes of a Pod or workload's pod spec, and every container's mounts."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    names: set[str] = set()
    for i, volume in entries(spec.get("volumes")):
        where = (*prefix, "volumes", i)
        name = text(volume.get("name"))
        message = REQUIRED if not name else rule_message(check_dns_label, name)
        if message:
            found.add((*where, "name"), message)
        elif name in names:
            found.add((*where, "name"), "must be unique among the pod's volumes")
        names.add(name)
        sources = [key for key, value in volume.items() if key != "name" and value is not None]
        if not sources:
            found.add(where, "must have exactly one source, such as emptyDir, configMap, secret or a claim")
        elif len(sources) > 1:
            found.add((*where, sources[1]), "must not be set: a volume has exactly one source")
        for kind in sources:
            if is_map(volume[kind]):
                _source(found, kind, volume[kind], (*where, kind))
    if obj.get("kind") == "StatefulSet":
        for _, claim in entries(mapping(obj.get("spec")).get("volumeClaimTemplates")):
            names.add(text(mapping(claim.get("metadata")).get("name")))
    for field, i, container in containers(spec):
        privileged = mapping(container.get("securityContext")).get("privileged") is True
        _check_mounts(found, container, (*prefix, field, i), names, privileged)
    return found.problems


_ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
_CORE_GROUP_KIND = "PersistentVolumeClaim"


def _legacy_source(source: Mapping[str, Any]) -> bool:
    """pvcutil's dataSourceIsEnabled: a claim, or a VolumeSnapshot of snapshot.storage.k8s.io."""
    group, kind = text(source.get("apiGroup")), text(source.get("kind"))
    return (kind, group) in ((_CORE_GROUP_KIND, ""), ("VolumeSnapshot", "snapshot.storage.k8s.io"))


def _reference(found: Findings, ref: Mapping[str, Any], path: Path) -> None:
    """validateDataSource and validateDataSourceRef (their namespace check aside)."""
    for field in ("name", "kind"):
        if not text(ref.get(field)):
            found.add((*path, field), REQUIRED)
    group = text(ref.get("apiGroup"))
    if not group and text(ref.get("kind")) != _CORE_GROUP_KIND:
        found.add(path, "must name kind PersistentVolumeClaim when apiGroup is empty (the core group)")
    if group and found.minor >= 29:  # validated since 1.29 (kubernetes#119091)
        message = rule_message(check_dns_subdomain, group)
        if message:
            found.add((*path, "apiGroup"), message)


def _data_sources(found: Findings, spec: Mapping[str, Any], path: Path) -> None:
    """The data-source part of ValidatePersistentVolumeClaimSpec, after the claim strategy's normalizing.

    Without a dataSourceRef, a dataSource that is neither a claim nor a VolumeSnapshot is dropped
    before validation (EnforceDataSourceBackwardsCompatibility). A dataSourceRef with a namespace
    belongs to the CrossNamespaceVolumeDataSource alpha feature, off by default: its namespace, and
    whether it agrees with the dataSource, are not checked.
    """
    source = spec.get("dataSource") if is_map(spec.get("dataSource")) else None
    ref = spec.get("dataSourceRef") if is_map(spec.get("dataSourceRef")) else None
    if source is not None and (ref is not None or _legacy_source(source)):
        _reference(found, source, (*path, "dataSource"))
    if ref is not None:
        _reference(found, ref, (*path, "dataSourceRef"))
    # isDataSourceEqualDataSourceRef (reflect.DeepEqual: an unset apiGroup differs from "")
    if (
        source is not None
        and ref is not None
        and not text(ref.get("namespace"))
        and any(source.get(k) != ref.get(k) for k in ("apiGroup", "kind", "name"))
    ):
        found.add((*path, "dataSource"), "must match dataSourceRef")


_VOLUME_MODES = ("Filesystem", "Block")


def check_claim_spec(found: Findings, spec: Any, path: Path) -> None:
    """Problems of one PersistentVolumeClaimSpec at ``path``."""
    spec = mapping(spec)
    modes = seq(spec.get("accessModes"))
    allowed = _ACCESS_MODES if found.minor >= 27 else _ACCESS_MODES[:3]
    if not modes:
        found.add((*path, "accessModes"), "must have at least one access mode")
    for i, mode in enumerate(modes):
        found.one_of((*path, "accessModes", i), mode, allowed)
    if "ReadWriteOncePod" in modes and len(modes) > 1:
        found.add((*path, "accessModes"), "must not combine ReadWriteOncePod with other access modes")
    resources = mapping(spec.get("resources"))
    for field in ("limits", "requests"):
        for resource, raw in mapping(resources.get(field)).items():
            number = quantity(found, raw, (*path, "resources", field, resource))
            if resource == "storage" and field == "requests" and number == 0:
                found.add((*path, "resources", field, resource), "must be greater than zero")
    if "storage" not in mapping(resources.get("requests")):
        found.add((*path, "resources", "requests", "storage"), REQUIRED)
    volume_mode = spec.get("volumeMode")
    found.one_of((*path, "volumeMode"), volume_mode, _VOLUME_MODES)
    storage_class = text(spec.get("storageClassName"))
    if storage_class:
        message = rule_message(check_dns_subdomain, storage_class)
        if message:
            found.add((*path, "storageClassName"), message)
    if spec.get("selector") is not None:
        check_selector(found, spec.get("selector"), (*path, "selector"))
    _data_sources(found, spec, path)
    attributes_class = text(spec.get("volumeAttributesClassName"))
    if attributes_class and found.minor >= 34:  # VolumeAttributesClass GA (on) in 1.34; dropped while off
        message = rule_message(check_dns_subdomain, attributes_class)
        if message:
            found.add((*path, "volumeAttributesClassName"), message)


def check_claims(obj: Obj, kube_version: str) -> list[Problem]:
    """A PersistentVolumeClaim's spec, or each claim template of a StatefulSet."""
    kind = obj.get("kind")
    if kind == "PersistentVolumeClaim":
        found = Findings(obj, kube_version)
        check_claim_spec(found, obj.get("spec"), ("spec",))
        return found.problems
    if kind != "StatefulSet":
        return []
    found = Findings(obj, kube_version)
    for i, claim in entries(mapping(obj.get("spec")).get("volumeClaimTemplates")):
        where = ("spec", "volumeClaimTemplates", i)
        if not text(mapping(claim.get("metadata")).get("name")):
            found.add((*where, "metadata", "name"), REQUIRED)
        check_claim_spec(found, claim.get("spec"), (*where, "spec"))
    return found.problems
