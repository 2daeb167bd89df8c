"""What the API server checks of a pod's own metadata, and of a Pod only when it is created.

From ValidatePodSpecificAnnotations (on a Pod's and a pod template's annotations): the mirror-pod
annotation needs spec.nodeName; ``controller.kubernetes.io/pod-deletion-cost`` is a 32-bit
integer; the legacy seccomp annotations name a known profile (ValidateSeccompPodAnnotations); a
legacy AppArmor annotation names a container of the pod and a known profile
(ValidateAppArmorPodAnnotations); the alpha tolerations annotation decodes as a list of
tolerations (ValidateTolerationsInPodAnnotations, its decoding only). Where both a seccomp or
AppArmor annotation and its field are set they agree (validateSeccompAnnotationsAndFields,
validateAppArmorAnnotationsAndFieldsMatchOnCreate). Ephemeral containers are never accepted on
create: a Pod gets them through its subresource (ValidatePodCreate) and a template never has them
(ValidatePodTemplateSpec); a Pod created with scheduling gates is not bound to a node yet
(ValidatePodCreate).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ...errors import Problem
from ..walk import dig
from ._base import Findings, Obj, Path, entries, is_map, mapping, pod_spec, seq, text
from .volumes import relative_path_problem

__all__ = ["check_pod_meta"]

MIRROR = "kubernetes.io/config.mirror"
DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/"
TOLERATIONS = "scheduler.alpha.kubernetes.io/tolerations"
_TOLERATION_TEXT = frozenset({"key", "operator", "value", "effect"})
_INT32 = re.compile(r"-?[0-9]+")
_ALL_CONTAINERS = ("initContainers", "containers", "ephemeralContainers")


def _deletion_cost_ok(value: str) -> bool:
    # helper.GetDeletionCostFromPodAnnotations: no '+', no leading zeros, strconv.ParseInt(value, 10, 32)
    if not value or not (value[0] == "-" or value == "0" or "1" <= value[0] <= "9"):
        return False
    return bool(_INT32.fullmatch(value)) and -(2**31) <= int(value) < 2**31


def _seccomp_problem(profile: str) -> str | None:
    # ValidateSeccompProfile
    if profile in ("runtime/default", "docker/default", "unconfined"):
        return None
    if profile.startswith("localhost/"):
        return relative_path_problem(profile.removeprefix("localhost/"))
    return "must be a valid seccomp profile: runtime/default, docker/default, unconfined or localhost/<path>"


def _reject_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _is_int64(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _tolerations_decode(value: str) -> bool:
    """Whether Go's json.Unmarshal decodes ``value`` into []v1.Toleration (field names match in any case)."""
    try:
        items = json.loads(value, parse_constant=_reject_constant)
    except ValueError:
        return False
    if items is None:
        return True
    if not isinstance(items, list):
        return False
    for item in items:
        if item is None:
            continue
        if not isinstance(item, dict):
            return False
        for key, field in item.items():
            name = key.lower()
            if name in _TOLERATION_TEXT and not isinstance(field, str | None):
                return False
            if name == "tolerationseconds" and not (field is None or _is_int64(field)):
                return False
    return True


def _containers(spec: Mapping[str, Any], prefix: Path) -> Iterator[tuple[Path, Mapping[str, Any]]]:
    for field in _ALL_CONTAINERS:
        for i, container in entries(spec.get(field)):
            yield (*prefix, field, i), container


def _annotations(found: Findings, annotations: Mapping[str, Any], spec: Mapping[str, Any], path: Path) -> None:
    # ValidatePodSpecificAnnotations; of the alpha tolerations annotation only its decoding
    # (GetTolerationsFromPodAnnotations) is checked, not the tolerations it holds
    tolerations = annotations.get(TOLERATIONS)
    if isinstance(tolerations, str) and tolerations and not _tolerations_decode(tolerations):
        found.add(path, f"must hold a JSON list of tolerations under {TOLERATIONS}")
    if MIRROR in annotations and not text(spec.get("nodeName")):
        found.add((*path, MIRROR), "must be set only with spec.nodeName")
    cost = annotations.get(DELETION_COST)
    if isinstance(cost, str) and not _deletion_cost_ok(cost):
        found.add((*path, DELETION_COST), "must be a 32-bit integer")
    names = {text(c.get("name")) for _, c in _containers(spec, ())}
    for key, value in annotations.items():
        if not isinstance(key, str) or not isinstance(value, str):
            continue
        if key == SECCOMP_POD or key.startswith(SECCOMP_CONTAINER):
            problem = _seccomp_problem(value)
            if problem:
                found.add((*path, key), problem)
        elif key.startswith(APPARMOR_CONTAINER):
            if key.removeprefix(APPARMOR_CONTAINER) not in names:
                found.add((*path, key), "must name a container of the pod")
            elif value not in ("", "runtime/default", "unconfined") and not value.startswith("localhost/"):
                found.add((*path, key), "must be runtime/default, unconfined or localhost/<profile>")


def _profile_mismatch(annotation: str, profile: Mapping[str, Any], defaults: tuple[str, ...]) -> str | None:
    """The field of a seccomp or AppArmor profile that disagrees with its annotation, if any."""
    kind = profile.get("type")
    if kind == "Unconfined" and annotation != "unconfined":
        return "type"
    if kind == "RuntimeDefault" and annotation not in defaults:
        return "type"
    if kind == "Localhost":
        if not annotation.startswith("localhost/"):
            return "type"
        if annotation.removeprefix("localhost/") != profile.get("localhostProfile"):
            return "localhostProfile"
    return None


def _match(found: Findings, annotations: Mapping[str, Any], spec: Mapping[str, Any], prefix: Path) -> None:
    # validateSeccompAnnotationsAndFields
    seccomp = mapping(spec.get("securityContext")).get("seccompProfile")
    annotation = annotations.get(SECCOMP_POD)
    if is_map(seccomp) and isinstance(annotation, str):
        wrong = _profile_mismatch(annotation, seccomp, ("runtime/default", "docker/default"))
        if wrong:
            found.add((*prefix, "securityContext", "seccompProfile", wrong), "must agree with the seccomp annotation")
    for path, container in _containers(spec, prefix):
        profile = mapping(container.get("securityContext")).get("seccompProfile")
        annotation = annotations.get(SECCOMP_CONTAINER + text(container.get("name")))
        if is_map(profile) and isinstance(annotation, str):
            wrong = _profile_mismatch(annotation, profile, ("runtime/default", "docker/default"))
            if wrong:
                found.add((*path, "securityContext", "seccompProfile", wrong), "must agree with the seccomp annotation")
    # validateAppArmorAnnotationsAndFieldsMatchOnCreate (not for windows pods); appArmorProfile is served from 1.30
    if found.minor < 30 or mapping(spec.get("os")).get("name") == "windows":
        return
    pod_profile = mapping(spec.get("securityContext")).get("appArmorProfile")
    for path, container in _containers(spec, prefix):
        profile = mapping(container.get("securityContext")).get("appArmorProfile")
        profile = profile if is_map(profile) else pod_profile
        annotation = annotations.get(APPARMOR_CONTAINER + text(container.get("name")))
        if is_map(profile) and isinstance(annotation, str):
            wrong = _profile_mismatch(annotation, profile, ("runtime/default",))
            if wrong:
                found.add(
                    (*path, "securityContext", "appArmorProfile", wrong), "must agree with the AppArmor annotation"
                )


def check_pod_meta(obj: Obj, kube_version: str) -> list[Problem]:
    """Pod-specific annotations of a Pod or pod template, and what a Pod or template may not carry on create."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    meta_path = (*prefix[:-1], "metadata")
    annotations = mapping(dig(obj, [*map(str, meta_path), "annotations"]))
    _annotations(found, annotations, spec, (*meta_path, "annotations"))
    _match(found, annotations, spec, prefix)
    if seq(spec.get("ephemeralContainers")):
        message = "cannot be set on create" if obj.get("kind") == "Pod" else "must not be set in a pod template"
        found.add((*prefix, "ephemeralContainers"), message)
    if (
        obj.get("kind") == "Pod"
        and found.minor >= 27
        and text(spec.get("nodeName"))
        and seq(spec.get("schedulingGates"))
    ):
        found.add((*prefix, "nodeName"), "cannot be set until all schedulingGates have been cleared")
    return found.problems
