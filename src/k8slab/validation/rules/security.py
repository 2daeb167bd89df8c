"""Security contexts of pods and containers.

From the API server's security-context validation: user and group IDs are 0 to 2147483647;
seccomp and AppArmor profiles name a localhost profile exactly when their type is Localhost;
a container is not both privileged and barred from privilege escalation (nor adds CAP_SYS_ADMIN
while barred); procMount and fsGroupChangePolicy take their known values; a pod does not share
its process namespace while using the host's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._base import Findings, Obj, Path, containers, entries, integer, is_map, mapping, pod_spec, seq, text
from .volumes import relative_path_problem

__all__ = ["check_security"]

MAX_ID = 2**31 - 1
_ID_RULE = f"must be from 0 to {MAX_ID}"
_PROFILE_TYPES = ("RuntimeDefault", "Unconfined", "Localhost")
_MAX_APPARMOR_PROFILE = 4095  # PATH_MAX - 1


def _ids(found: Findings, context: Mapping[str, Any], path: Path, fields: tuple[str, ...]) -> None:
    for field in fields:
        number = integer(context.get(field))
        if number is not None and not 0 <= number <= MAX_ID:
            found.add((*path, field), _ID_RULE)


def _profile(found: Findings, profile: Any, path: Path) -> None:
    """A seccompProfile or appArmorProfile: a known type, and a localhostProfile exactly for Localhost.

    validateSeccompProfileField wants a relative path below the seccomp root; validateAppArmorProfileField
    a profile name without padding whitespace, of at most 4095 bytes.
    """
    if not is_map(profile):
        return
    kind = profile.get("type")
    local = text(profile.get("localhostProfile"))
    found.one_of((*path, "type"), kind, _PROFILE_TYPES)
    if kind == "Localhost":
        if not local.strip():
            problem: str | None = "is required when type is Localhost"
        elif path[-1] == "appArmorProfile":
            problem = "must not be padded with whitespace" if local != local.strip() else None
            if len(local.encode()) > _MAX_APPARMOR_PROFILE:
                problem = f"must have at most {_MAX_APPARMOR_PROFILE} bytes"
        else:
            problem = relative_path_problem(local)
        if problem:
            found.add((*path, "localhostProfile"), problem)
    elif profile.get("localhostProfile") is not None:
        found.add((*path, "localhostProfile"), "must only be set when type is Localhost")


def _pod_context(found: Findings, spec: Mapping[str, Any], prefix: Path) -> None:
    # ValidatePodSecurityContext: both fields live in the internal pod security context, which
    # conversion always creates, so the pair is checked without a securityContext too
    if spec.get("shareProcessNamespace") is True and spec.get("hostPID") is True:
        found.add((*prefix, "shareProcessNamespace"), "must not be true while hostPID is true")
    context = spec.get("securityContext")
    if not is_map(context):
        return
    path = (*prefix, "securityContext")
    _ids(found, context, path, ("runAsUser", "runAsGroup", "fsGroup"))
    for i, group in enumerate(seq(context.get("supplementalGroups"))):
        number = integer(group)
        if number is not None and not 0 <= number <= MAX_ID:
            found.add((*path, "supplementalGroups", i), _ID_RULE)
    policy = context.get("fsGroupChangePolicy")
    if isinstance(policy, str) and policy not in ("OnRootMismatch", "Always"):
        found.add((*path, "fsGroupChangePolicy"), "must be one of: OnRootMismatch, Always")
    _profile(found, context.get("seccompProfile"), (*path, "seccompProfile"))
    _profile(found, context.get("appArmorProfile"), (*path, "appArmorProfile"))
    for i, sysctl in entries(context.get("sysctls")):
        if not text(sysctl.get("name")):
            found.add((*path, "sysctls", i, "name"), "is required")


def _container_context(found: Findings, context: Mapping[str, Any], path: Path) -> None:
    _ids(found, context, path, ("runAsUser", "runAsGroup"))
    if context.get("allowPrivilegeEscalation") is False:
        if context.get("privileged") is True:
            found.add(path, "must not set privileged to true while allowPrivilegeEscalation is false")
        if "CAP_SYS_ADMIN" in seq(mapping(context.get("capabilities")).get("add")):
            found.add(path, "must not add CAP_SYS_ADMIN while allowPrivilegeEscalation is false")
    proc_mount = context.get("procMount")
    if isinstance(proc_mount, str) and proc_mount not in ("Default", "Unmasked"):
        found.add((*path, "procMount"), "must be one of: Default, Unmasked")
    _profile(found, context.get("seccompProfile"), (*path, "seccompProfile"))
    _profile(found, context.get("appArmorProfile"), (*path, "appArmorProfile"))


def check_security(obj: Obj, kube_version: str) -> list[Problem]:
    """The pod security context and every container's security context."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    _pod_context(found, spec, prefix)
    for field, i, container in containers(spec):
        context = container.get("securityContext")
        if is_map(context):
            _container_context(found, context, (*prefix, field, i, "securityContext"))
    return found.problems
