"""PersistentVolumeClaims and the claim templates of StatefulSets and ephemeral volumes.

A claim (``ValidatePersistentVolumeClaimSpec``) has at least one access mode, each a known one
(ReadWriteOncePod from 1.27, never with another mode); a storage request greater than zero; valid
quantities; a known volumeMode; a DNS-1123 subdomain as storageClassName (and, from 1.34, as
volumeAttributesClassName). Its dataSource and dataSourceRef name a kind and an object, the core
group only for PersistentVolumeClaims, a DNS-1123 subdomain as apiGroup (from 1.29), and agree
when both are set. The API server accepts a StatefulSet whose claim templates break these rules,
but its controller cannot create the claims, so k8slab reports them on the StatefulSet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, entries, is_map, mapping, quantity, rule_message, seq, text
from ._labels import check_selector

__all__ = ["check_claim_spec", "check_claims"]

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
