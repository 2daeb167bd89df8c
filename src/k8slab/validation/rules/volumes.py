"""Pod volumes, and the containers' volume mounts and volume devices.

From the API server's ``ValidateVolumes``: volume names are DNS-1123 labels, unique in the pod,
and each volume has exactly one source, checked by :mod:`.volume_sources`. For a Pod, the claim
of an ephemeral volume (``<pod>-<volume>``) must be a valid name, and no persistentVolumeClaim
volume may name it. ``ValidateVolumeMounts``: each mount names a volume of the pod (or a
StatefulSet claim template), has a mountPath unique in its container and not used by a device,
relative subPaths, a known mountPropagation (Bidirectional only in privileged containers) and,
from 1.31, a known recursiveReadOnly that needs readOnly. ``ValidateVolumeDevices``: each device
names a claim or ephemeral volume used by no mount, with a devicePath unique and without '..'.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ...syntax import check_dns_label, check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, containers, entries, is_map, mapping, pod_spec, rule_message, text
from .volume_sources import check_source, no_backsteps

__all__ = ["MOUNT_WITHOUT_VOLUME", "check_volumes", "relative_path_problem"]

MOUNT_WITHOUT_VOLUME = "names no volume of the pod"
"""The message for a mount whose volume does not exist (the cross-checks use the same words)."""
_PROPAGATION = ("None", "HostToContainer", "Bidirectional")
_RECURSIVE_READ_ONLY = ("Disabled", "IfPossible", "Enabled")
_CLAIM_SOURCES = ("persistentVolumeClaim", "ephemeral")


def relative_path_problem(path: str) -> str | None:
    """Why ``path`` is not a relative path that stays below its directory (None when it is)."""
    if path.startswith("/"):
        return "must be a relative path"
    if not no_backsteps(path):
        return "must not contain '..'"
    return None


def _check_mounts(
    found: Findings, container: Mapping[str, Any], path: Path, volumes: Mapping[str, str], privileged: bool
) -> None:
    # ValidateVolumeMounts, validateMountPropagation, validateMountRecursiveReadOnly
    devices = {text(d.get("name")): text(d.get("devicePath")) for _, d in entries(container.get("volumeDevices"))}
    paths: set[str] = set()
    for j, mount in entries(container.get("volumeMounts")):
        where = (*path, "volumeMounts", j)
        name = text(mount.get("name"))
        if not name:
            found.add((*where, "name"), REQUIRED)
        elif name not in volumes:
            found.add((*where, "name"), MOUNT_WITHOUT_VOLUME)
        elif name in devices:
            found.add((*where, "name"), "must not also be used by a volumeDevice of the container")
        mount_path = text(mount.get("mountPath"))
        if not mount_path:
            found.add((*where, "mountPath"), REQUIRED)
        elif mount_path in paths:
            found.add((*where, "mountPath"), "must be unique among the container's mounts")
        elif mount_path in devices.values():
            found.add((*where, "mountPath"), "must not be the devicePath of a volumeDevice of the container")
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
        if found.minor >= 31:  # RecursiveReadOnlyMounts: beta, on by default, from 1.31 (dropped before)
            _recursive_read_only(found, mount, (*where, "recursiveReadOnly"))


def _recursive_read_only(found: Findings, mount: Mapping[str, Any], path: Path) -> None:
    # validateMountRecursiveReadOnly
    value = mount.get("recursiveReadOnly")
    if not isinstance(value, str) or value in ("", "Disabled"):
        return
    if value not in _RECURSIVE_READ_ONLY:
        found.one_of(path, value, _RECURSIVE_READ_ONLY)
        return
    if mount.get("readOnly") is not True:
        found.add(path, "may only be set when readOnly is true")
    if mount.get("mountPropagation") not in (None, "None"):
        found.add(path, "may only be set when mountPropagation is None or not set")


def _check_devices(found: Findings, container: Mapping[str, Any], path: Path, volumes: Mapping[str, str]) -> None:
    # ValidateVolumeDevices
    mounts = {text(m.get("name")): text(m.get("mountPath")) for _, m in entries(container.get("volumeMounts"))}
    names: set[str] = set()
    device_paths: set[str] = set()
    for j, device in entries(container.get("volumeDevices")):
        where = (*path, "volumeDevices", j)
        name, device_path = text(device.get("name")), text(device.get("devicePath"))
        if not name:
            found.add((*where, "name"), REQUIRED)
        elif name in names:
            found.add((*where, "name"), "must be unique among the container's volumeDevices")
        elif name not in volumes:
            found.add((*where, "name"), MOUNT_WITHOUT_VOLUME)
        elif volumes[name] not in _CLAIM_SOURCES:
            found.add((*where, "name"), "must name a persistentVolumeClaim or ephemeral volume (block mode)")
        elif name in mounts:
            found.add((*where, "name"), "must not also be used by a volumeMount of the container")
        names.add(name)
        if not device_path:
            found.add((*where, "devicePath"), REQUIRED)
        elif device_path in device_paths:
            found.add((*where, "devicePath"), "must be unique among the container's volumeDevices")
        elif not no_backsteps(device_path):
            found.add((*where, "devicePath"), "must not contain '..'")
        elif device_path in mounts.values():
            found.add((*where, "devicePath"), "must not be the mountPath of a volumeMount of the container")
        if no_backsteps(device_path):
            device_paths.add(device_path)


def _ephemeral_claims(found: Findings, obj: Obj, spec: Mapping[str, Any], prefix: Path) -> None:
    # ValidateVolumes and validateVolumeSource: only a Pod's name tells the claims ephemeral volumes create
    pod_name = text(mapping(obj.get("metadata")).get("name"))
    if obj.get("kind") != "Pod" or not pod_name:
        return
    created: set[str] = set()
    for i, volume in entries(spec.get("volumes")):
        name = text(volume.get("name"))
        if volume.get("ephemeral") is not None and name:
            created.add(f"{pod_name}-{name}")
            if rule_message(check_dns_subdomain, f"{pod_name}-{name}"):
                found.add((*prefix, "volumes", i, "name"), "must make '<pod name>-<volume name>' a valid claim name")
    for i, volume in entries(spec.get("volumes")):
        claim = text(mapping(volume.get("persistentVolumeClaim")).get("claimName"))
        if claim in created:
            where = (*prefix, "volumes", i, "persistentVolumeClaim", "claimName")
            found.add(where, "must not name the claim of an ephemeral volume")


def check_volumes(obj: Obj, kube_version: str) -> list[Problem]:
    """The volumes of a Pod or workload's pod spec, and every container's mounts and devices."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    volumes: dict[str, str] = {}  # name -> its source
    for i, volume in entries(spec.get("volumes")):
        where = (*prefix, "volumes", i)
        name = text(volume.get("name"))
        message = REQUIRED if not name else rule_message(check_dns_label, name)
        if message:
            found.add((*where, "name"), message)
        elif name in volumes:
            found.add((*where, "name"), "must be unique among the pod's volumes")
        sources = [key for key, value in volume.items() if key != "name" and value is not None]
        if not sources:
            found.add(where, "must have exactly one source, such as emptyDir, configMap, secret or a claim")
        elif len(sources) > 1:
            found.add((*where, sources[1]), "must not be set: a volume has exactly one source")
        volumes.setdefault(name, sources[0] if sources else "")
        for kind in sources:
            if is_map(volume[kind]):
                check_source(found, kind, volume[kind], (*where, kind))
    _ephemeral_claims(found, obj, spec, prefix)
    if obj.get("kind") == "StatefulSet":  # the controller adds a claim volume per template
        for _, claim in entries(mapping(obj.get("spec")).get("volumeClaimTemplates")):
            volumes.setdefault(text(mapping(claim.get("metadata")).get("name")), "persistentVolumeClaim")
    for field, i, container in containers(spec):
        privileged = mapping(container.get("securityContext")).get("privileged") is True
        _check_mounts(found, container, (*prefix, field, i), volumes, privileged)
        _check_devices(found, container, (*prefix, field, i), volumes)
    return found.problems
