"""Lifecycle hooks: the postStart and preStop handlers of containers and sidecars.

From the API server's ``validateLifecycle`` and ``validateHandler``: each hook that is set has
exactly one handler (exec, httpGet, tcpSocket or, from 1.30, sleep); exec has a command, httpGet
a port, a known scheme and HTTP header names, tcpSocket a port (:func:`.probes.check_action`).
``validateSleepAction``: sleep lasts at most the pod's terminationGracePeriodSeconds (30 when
unset) and more than 0 seconds, or 0 or more from 1.33. Plain init containers may have no
lifecycle at all; the probes rules report that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import Problem
from ._base import Findings, Obj, Path, containers, integer, is_map, is_sidecar, mapping, pod_spec
from .probes import check_action

__all__ = ["check_lifecycle"]

HOOKS = ("postStart", "preStop")
_ACTIONS = ("exec", "httpGet", "tcpSocket", "sleep")
DEFAULT_GRACE_SECONDS = 30
"""SetDefaults_PodSpec's terminationGracePeriodSeconds."""


def _sleep(found: Findings, sleep: Mapping[str, Any], grace: int | None, path: Path) -> None:
    # validateSleepAction; PodLifecycleSleepAction is on from 1.30, AllowPodLifecycleSleepActionZeroValue from 1.33
    seconds = integer(sleep.get("seconds"))
    if found.minor < 30 or grace is None or (seconds is None and sleep.get("seconds") is not None):
        return  # before 1.30 the field is dropped; a wrong type is the schema's
    seconds = seconds or 0
    low = 0 if found.minor >= 33 else 1
    if not low <= seconds <= grace:
        bound = "0 or more" if low == 0 else "greater than 0"
        found.add((*path, "seconds"), f"must be {bound} and at most the pod's terminationGracePeriodSeconds")


def _hook(found: Findings, hook: Mapping[str, Any], grace: int | None, path: Path) -> None:
    # validateHandler (handlerFromLifecycle: no grpc)
    actions = [kind for kind in _ACTIONS if hook.get(kind) is not None]
    if not actions:
        found.add(path, "must have exactly one handler: exec, httpGet, tcpSocket or sleep")
    elif len(actions) > 1:
        found.add((*path, actions[1]), "must not be set: a lifecycle hook has exactly one handler")
    for kind in actions[:1]:
        if not is_map(hook[kind]):
            continue
        if kind == "sleep":
            _sleep(found, hook[kind], grace, (*path, kind))
        else:
            check_action(found, kind, hook[kind], (*path, kind))


def check_lifecycle(obj: Obj, kube_version: str) -> list[Problem]:
    """The lifecycle hooks of every container and sidecar of a Pod or workload's pod spec."""
    located = pod_spec(obj)
    if located is None:
        return []
    prefix, spec = located
    found = Findings(obj, kube_version)
    raw_grace = spec.get("terminationGracePeriodSeconds", DEFAULT_GRACE_SECONDS)
    grace = integer(DEFAULT_GRACE_SECONDS if raw_grace is None else raw_grace)
    for field, i, container in containers(spec):
        if field == "initContainers" and not is_sidecar(field, container, found.minor):
            continue  # validateInitContainers forbids the whole lifecycle (the probes rules)
        lifecycle = mapping(container.get("lifecycle"))
        for name in HOOKS:
            if lifecycle.get(name) is not None and is_map(lifecycle[name]):
                _hook(found, lifecycle[name], grace, (*prefix, field, i, "lifecycle", name))
    return found.problems
