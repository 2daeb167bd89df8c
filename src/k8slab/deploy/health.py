"""Is an object ready? Read from its status, the way ``kubectl rollout status`` reads it.

- Deployment: observedGeneration ≥ generation, and updated, total and available replicas all
  equal to spec.replicas (no old pods left).
- StatefulSet: observedGeneration ≥ generation, ready replicas equal to spec.replicas, and
  currentRevision == updateRevision.
- DaemonSet: every desired pod updated and available.
- Job: the Complete condition (``kubectl wait --for=condition=complete``); the Failed condition
  ends the wait as ``failed``, with the condition's reason (BackoffLimitExceeded,
  DeadlineExceeded...) and the failing container's.
- Ingress: an address in status.loadBalancer, else ``<pending>`` (like a LoadBalancer Service:
  no controller may run yet), which is not a failure.
- PersistentVolumeClaim: Bound.
- Service of type LoadBalancer: an ingress IP or host, else ``<pending>``, which is not a failure.

When an object is not ready in time, ``reason`` finds why: a container's waiting reason
(ImagePullBackOff, CrashLoopBackOff...), the last warning event, or a false condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import ApplyError
from .client import Cluster

__all__ = ["WAITED_KINDS", "Health", "health", "reason"]

WAITED_KINDS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "Job", "Ingress", "PersistentVolumeClaim", "Service"}
)
"""Kinds with a readiness to wait for (a Service only when it is a LoadBalancer)."""
_STARTING = frozenset({"ContainerCreating", "PodInitializing"})
_MAX = 160


@dataclass(frozen=True)
class Health:
    """An object's state and a short detail.

    ``state`` is ``ready``, ``progressing``, ``pending`` (fine: e.g. an external IP not yet
    assigned), ``failed`` (final: a Job that failed), ``present`` (a kind without readiness)
    or ``missing``.
    """

    state: str
    detail: str = ""

    @property
    def done(self) -> bool:
        """Nothing more to wait for."""
        return self.state in ("ready", "pending", "present", "failed")

    def __str__(self) -> str:
        return f"{self.state}: {self.detail}" if self.detail else self.state


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) else default


def _generation_seen(obj: Mapping[str, Any]) -> bool:
    meta, status = obj.get("metadata") or {}, obj.get("status") or {}
    return _int(status.get("observedGeneration"), -1) >= _int(meta.get("generation"), 0)


def _deployment(obj: Mapping[str, Any]) -> Health:
    want = _int((obj.get("spec") or {}).get("replicas"), 1)
    status = obj.get("status") or {}
    updated, total = _int(status.get("updatedReplicas")), _int(status.get("replicas"))
    available = _int(status.get("availableReplicas"))
    detail = f"{available}/{want} available, {updated}/{want} updated"
    if not _generation_seen(obj):
        return Health("progressing", "waiting for the controller to see the new generation")
    if updated == want and total == want and available == want:
        return Health("ready", detail)
    return Health("progressing", detail + (f", {total - updated} old" if total > updated else ""))


def _statefulset(obj: Mapping[str, Any]) -> Health:
    want = _int((obj.get("spec") or {}).get("replicas"), 1)
    status = obj.get("status") or {}
    ready = _int(status.get("readyReplicas"))
    detail = f"{ready}/{want} ready"
    if not _generation_seen(obj):
        return Health("progressing", "waiting for the controller to see the new generation")
    same_revision = status.get("currentRevision") == status.get("updateRevision")
    if ready == want and same_revision:
        return Health("ready", detail)
    return Health("progressing", detail if same_revision else detail + ", rolling out a new revision")


def _daemonset(obj: Mapping[str, Any]) -> Health:
    status = obj.get("status") or {}
    want = _int(status.get("desiredNumberScheduled"))
    updated, available = _int(status.get("updatedNumberScheduled")), _int(status.get("numberAvailable"))
    detail = f"{available}/{want} available"
    if _generation_seen(obj) and updated == want and available == want:
        return Health("ready", detail)
    return Health("progressing", detail)


def _condition(obj: Mapping[str, Any], kind: str) -> Mapping[str, Any] | None:
    for condition in (obj.get("status") or {}).get("conditions") or []:
        if isinstance(condition, Mapping) and condition.get("type") == kind and condition.get("status") == "True":
            return condition
    return None


def _job(obj: Mapping[str, Any]) -> Health:
    """Mirrors kubectl wait --for=condition=complete / condition=failed on a batch/v1 Job."""
    status = obj.get("status") or {}
    want = _int((obj.get("spec") or {}).get("completions"), 1)
    succeeded, active = _int(status.get("succeeded")), _int(status.get("active"))
    failed = _condition(obj, "Failed")
    if failed is not None:
        return Health("failed", f"{failed.get('reason') or 'Failed'}: {_clip(str(failed.get('message') or ''))}")
    if _condition(obj, "Complete") is not None:
        return Health("ready", f"complete, {succeeded}/{want} succeeded")
    return Health("progressing", f"{succeeded}/{want} succeeded, {active} running")


def _addresses(obj: Mapping[str, Any]) -> list[str]:
    ingress = ((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
    return [str(i.get("ip") or i.get("hostname")) for i in ingress if isinstance(i, dict)]


def health(obj: Mapping[str, Any] | None) -> Health:
    """The Health of a live object (None: it does not exist)."""
    if obj is None:
        return Health("missing", "not found in the cluster")
    kind = obj.get("kind")
    if kind == "Deployment":
        return _deployment(obj)
    if kind == "StatefulSet":
        return _statefulset(obj)
    if kind == "DaemonSet":
        return _daemonset(obj)
    if kind == "Job":
        return _job(obj)
    if kind == "Ingress":
        found = _addresses(obj)
        return Health("ready", f"address {', '.join(found)}") if found else Health("pending", "address <pending>")
    if kind == "PersistentVolumeClaim":
        phase = str((obj.get("status") or {}).get("phase") or "Pending")
        return Health("ready" if phase == "Bound" else "progressing", phase)
    if kind == "Service" and (obj.get("spec") or {}).get("type") == "LoadBalancer":
        addresses = _addresses(obj)
        if addresses:
            return Health("ready", f"external IP {', '.join(addresses)}")
        return Health("pending", "external IP <pending>")
    return Health("present")


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= _MAX else text[: _MAX - 3] + "..."


def _pod_reason(pod: Mapping[str, Any]) -> str | None:
    name = (pod.get("metadata") or {}).get("name")
    status = pod.get("status") or {}
    for cs in [*(status.get("initContainerStatuses") or []), *(status.get("containerStatuses") or [])]:
        state = cs.get("state") or {}
        waiting, terminated = state.get("waiting") or {}, state.get("terminated") or {}
        last = (cs.get("lastState") or {}).get("terminated") or {}
        if waiting.get("reason") and waiting["reason"] not in _STARTING:
            exited = f" (last exit: {last.get('reason', 'terminated')}, code {last.get('exitCode')})" if last else ""
            return f"pod {name}: container {cs.get('name')}: {waiting['reason']}{exited}"
        if terminated and terminated.get("exitCode") not in (0, None):
            return f"pod {name}: container {cs.get('name')}: {terminated.get('reason')} (code {terminated['exitCode']})"
    for condition in status.get("conditions") or []:
        if condition.get("type") == "PodScheduled" and condition.get("status") == "False":
            return f"pod {name}: {condition.get('reason')}: {_clip(condition.get('message', ''))}"
    return None


def _pod_reasons(cluster: Cluster, obj: Mapping[str, Any]) -> str | None:
    """The first pod of ``obj`` (by its selector) with a container reason, best effort."""
    meta = obj.get("metadata") or {}
    match_labels = ((obj.get("spec") or {}).get("selector") or {}).get("matchLabels")
    if not match_labels:
        return None
    labels = ",".join(f"{k}={v}" for k, v in sorted(match_labels.items()))
    try:
        pods = cluster.get(f"/api/v1/namespaces/{meta.get('namespace')}/pods", query={"labelSelector": labels})
    except ApplyError:
        return None
    return next((found for pod in (pods or {}).get("items") or [] if (found := _pod_reason(pod))), None)


def _events(cluster: Cluster, obj: Mapping[str, Any]) -> str | None:
    meta = obj.get("metadata") or {}
    selector = f"involvedObject.name={meta.get('name')},involvedObject.kind={obj.get('kind')}"
    path = f"/api/v1/namespaces/{meta.get('namespace')}/events"
    items = (cluster.get(path, query={"fieldSelector": selector}) or {}).get("items") or []

    def when(e: Mapping[str, Any]) -> str:
        return str(e.get("lastTimestamp") or e.get("eventTime") or (e.get("metadata") or {}).get("creationTimestamp"))

    warnings = sorted((e for e in items if e.get("type") == "Warning"), key=when)
    if warnings:
        message = cluster.redact(str(warnings[-1].get("message", "")))  # masked before it is clipped
        return f"{warnings[-1].get('reason')}: {_clip(message)}"
    return None


def _conditions(obj: Mapping[str, Any]) -> str | None:
    conditions = [c for c in (obj.get("status") or {}).get("conditions") or [] if c.get("status") != "True"]
    conditions.sort(key=lambda c: str(c.get("lastTransitionTime") or ""))
    if conditions and conditions[-1].get("reason"):
        return f"{conditions[-1]['reason']}: {_clip(conditions[-1].get('message', ''))}"
    return None


def reason(cluster: Cluster, obj: Mapping[str, Any] | None) -> str:
    """Why ``obj`` is not ready: a pod's container reason, the last warning event, or a false condition.

    For a failed Job: the Failed condition's reason, then the failing container's.
    """
    state = health(obj)
    if obj is None:
        return str(state)
    if state.state == "failed":
        why = _pod_reasons(cluster, obj)
        return f"{state.detail}; {why}" if why else state.detail
    meta = obj.get("metadata") or {}
    try:
        match_labels = ((obj.get("spec") or {}).get("selector") or {}).get("matchLabels")
        if obj.get("kind") in ("Deployment", "StatefulSet", "DaemonSet", "Job") and match_labels:
            labels = ",".join(f"{k}={v}" for k, v in sorted(match_labels.items()))
            pods = cluster.get(f"/api/v1/namespaces/{meta.get('namespace')}/pods", query={"labelSelector": labels})
            for pod in (pods or {}).get("items") or []:
                found = _pod_reason(pod)
                if found:
                    return found
        found = _events(cluster, obj) if meta.get("namespace") else None
        if found:
            return found
    except ApplyError:
        pass  # the reason is best effort: a forbidden pod or event list must not hide the timeout
    return _conditions(obj) or str(state)
