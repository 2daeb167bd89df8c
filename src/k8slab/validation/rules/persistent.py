"""PersistentVolumes (v1).

From the API server's ``pkg/apis/core/validation`` ``ValidatePersistentVolume`` and
``ValidatePersistentVolumeSpec`` (not inline): a DNS-1123 subdomain as name; at least one known
access mode (ReadWriteOncePod from 1.27, never with another mode); a capacity of exactly
``storage``, greater than zero; a known reclaim policy (Recycle not for a hostPath of ``/``);
exactly one volume source, each checked as its Go validator does (a local volume needs node
affinity, a CSI volume a driver and a volume handle and complete secret references); node
affinity with required terms; a DNS-1123 subdomain as storageClassName; a known volumeMode; from
1.34 a non-empty volumeAttributesClassName only with CSI. ``pkg/volume/validation``
``checkMountOption``: the mount-options annotation is refused for hostPath and local volumes.

A namespace on a PersistentVolume is not a problem: the server clears it on create.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, is_map, mapping, quantity, rule_message, seq, text
from ._names import csi_driver_name_problem, subdomain_name_problem
from .metadata import name_rule
from .scheduling import check_node_selector
from .volume_sources import check_source, no_backsteps

__all__ = ["check_persistent_volume"]

_ACCESS_MODES = ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
_RECLAIM_POLICIES = ("Delete", "Recycle", "Retain")
_VOLUME_MODES = ("Block", "Filesystem")
# PersistentVolumeSource, in the order ValidatePersistentVolumeSpec counts them
_SOURCES = (
    "hostPath",
    "gcePersistentDisk",
    "awsElasticBlockStore",
    "glusterfs",
    "flocker",
    "nfs",
    "rbd",
    "quobyte",
    "cephfs",
    "iscsi",
    "cinder",
    "fc",
    "flexVolume",
    "azureFile",
    "vsphereVolume",
    "photonPersistentDisk",
    "portworxVolume",
    "azureDisk",
    "scaleIO",
    "local",
    "storageos",
    "csi",
)
_CSI_SECRETS = (
    "controllerPublishSecretRef",
    "controllerExpandSecretRef",
    "nodePublishSecretRef",
    "nodeExpandSecretRef",
)
_MOUNT_OPTIONS_ANNOTATION = "volume.beta.kubernetes.io/mount-options"


def _secret_reference(found: Findings, ref: Mapping[str, Any], path: Path) -> None:
    """validatePVSecretReference: a name (a DNS-1123 subdomain) and a namespace (a DNS-1123 label)."""
    for field, check in (("name", check_dns_subdomain), ("namespace", check_dns_label)):
        value = text(ref.get(field))
        message = REQUIRED if not value else rule_message(check, value)
        if message:
            found.add((*path, field), message)


def _csi(found: Findings, source: Mapping[str, Any], path: Path) -> None:
    """validateCSIPersistentVolumeSource: ValidateCSIDriverName, a volume handle, complete secret references."""
    message = csi_driver_name_problem(text(source.get("driver")))
    if message:
        found.add((*path, "driver"), message)
    if not text(source.get("volumeHandle")):
        found.add((*path, "volumeHandle"), REQUIRED)
    for field in _CSI_SECRETS:
        if is_map(source.get(field)):
            _secret_reference(found, source[field], (*path, field))


def _source(found: Findings, kind: str, source: Mapping[str, Any], path: Path) -> None:
    """The Go validator of one PersistentVolume source (the pod volume's where the two agree)."""
    if kind == "local":  # validateLocalVolumeSource
        local = text(source.get("path"))
        if not local:
            found.add((*path, "path"), REQUIRED)
        elif not no_backsteps(local):
            found.add((*path, "path"), "must not contain '..'")
    elif kind == "csi":
        _csi(found, source, path)
    else:  # validateHostPathVolumeSource, validateNFSVolumeSource, validateRBDPersistentVolumeSource, ...
        check_source(found, kind, source, path)


def _capacity(found: Findings, capacity: Any) -> None:
    """The capacity part of ValidatePersistentVolumeSpec: only storage, each quantity greater than zero."""
    resources = mapping(capacity)
    if not resources:
        found.add(("spec", "capacity"), REQUIRED)
        return
    if "storage" not in resources or len(resources) > 1:
        found.add(("spec", "capacity"), "must have exactly one resource: storage")
    for resource, raw in resources.items():
        path = ("spec", "capacity", str(resource))
        number = quantity(found, raw, path)  # validateBasicResource
        if number == 0:  # ValidatePositiveQuantityValue
            found.add(path, "must be greater than zero")


def _access_modes(found: Findings, modes: Sequence[Any]) -> None:
    allowed = _ACCESS_MODES if found.minor >= 27 else _ACCESS_MODES[:3]
    if not modes:
        found.add(("spec", "accessModes"), REQUIRED)
    for i, mode in enumerate(modes):
        found.one_of(("spec", "accessModes", i), mode, allowed)
    if "ReadWriteOncePod" in modes and any(m in allowed and m != "ReadWriteOncePod" for m in modes):
        found.add(("spec", "accessModes"), "must not combine ReadWriteOncePod with other access modes")


def _clean_is_root(path: str) -> bool:
    """Whether Go's path.Clean of an absolute path gives '/'."""
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return path.startswith("/") and not parts


def _volume_sources(found: Findings, spec: Mapping[str, Any], affinity: bool) -> list[str]:
    """The sources set in the spec, each checked; more or fewer than one is a problem."""
    present = [kind for kind in _SOURCES if spec.get(kind) is not None]
    counted = 0
    for kind in present:
        if counted > 0 and kind != "flexVolume":  # Go counts flexVolume without checking the others
            found.add(("spec", kind), "must not be set: a volume has exactly one source")
            continue
        counted += 1
        if is_map(spec[kind]):
            _source(found, kind, spec[kind], ("spec", kind))
        if kind == "local" and not affinity:
            found.add(("spec", "nodeAffinity"), "is required for a local volume")
    if not present:
        found.add(("spec",), "must have a volume source, such as hostPath, nfs, local or csi")
    return present


def check_persistent_volume(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidatePersistentVolume of a v1 PersistentVolume, as on create."""
    if obj.get("kind") != "PersistentVolume" or obj.get("apiVersion") != "v1":
        return []
    found = Findings(obj, kube_version)
    message = subdomain_name_problem(obj) if name_rule("PersistentVolume", "v1", found.minor) is None else None
    if message:  # ValidatePersistentVolumeName, while the metadata rules do not know the kind
        found.add(("metadata", "name"), message)
    spec = mapping(obj.get("spec"))
    _access_modes(found, seq(spec.get("accessModes")))
    _capacity(found, spec.get("capacity"))
    reclaim = spec.get("persistentVolumeReclaimPolicy")
    if reclaim:
        found.one_of(("spec", "persistentVolumeReclaimPolicy"), reclaim, _RECLAIM_POLICIES)
    affinity = spec.get("nodeAffinity")
    if is_map(affinity):  # validateVolumeNodeAffinity
        if affinity.get("required") is None:
            found.add(("spec", "nodeAffinity", "required"), "must specify required node constraints")
        else:
            check_node_selector(found, affinity.get("required"), ("spec", "nodeAffinity", "required"))
    present = _volume_sources(found, spec, is_map(affinity))
    host = mapping(spec.get("hostPath"))
    if reclaim == "Recycle" and text(host.get("path")) and _clean_is_root(text(host.get("path"))):
        found.add(("spec", "persistentVolumeReclaimPolicy"), "must not be Recycle for a hostPath of '/'")
    storage_class = text(spec.get("storageClassName"))
    if storage_class:  # ValidateClassName
        message = rule_message(check_dns_subdomain, storage_class)
        if message:
            found.add(("spec", "storageClassName"), message)
    found.one_of(("spec", "volumeMode"), spec.get("volumeMode"), _VOLUME_MODES)
    attributes_class = spec.get("volumeAttributesClassName")
    if isinstance(attributes_class, str) and found.minor >= 34:  # VolumeAttributesClass GA (on) in 1.34
        message = rule_message(check_dns_subdomain, attributes_class) if attributes_class else REQUIRED
        if message:
            found.add(("spec", "volumeAttributesClassName"), message)
        if spec.get("csi") is None:
            found.add(("spec", "csi"), "is required when volumeAttributesClassName is set")
    annotations = mapping(mapping(obj.get("metadata")).get("annotations"))
    if _MOUNT_OPTIONS_ANNOTATION in annotations and present in (["hostPath"], ["local"]):
        found.add(("metadata", "annotations", _MOUNT_OPTIONS_ANNOTATION), "must not be set for this volume type")
    return found.problems
