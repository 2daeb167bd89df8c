"""Wait for objects to be ready (or gone) by watching them, within one deadline.

One thread per (kind, namespace) lists the stack's objects by their ApplySet label, then watches
from that list's resourceVersion, and hands every change to the waiting thread through a
queue. A watch the server ends (its timeoutSeconds) is opened again; an expired
resourceVersion (an ERROR event) starts over with a new list. Nothing polls.
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ApplyError, WaitFailed, WaitTimeout
from .client import Cluster, WatchStream
from .discovery import Resource
from .health import Health, health, reason
from .progress import Progress

__all__ = ["Target", "wait_for"]

_UNKNOWN: Any = object()


@dataclass(frozen=True)
class Target:
    """An object to wait for."""

    resource: Resource
    namespace: str | None
    name: str
    ref: str


class _Watcher(threading.Thread):
    def __init__(self, cluster: Cluster, group: tuple[Resource, str | None], label: str, deadline: float) -> None:
        super().__init__(name=f"k8slab-watch-{group[0].plural}", daemon=True)
        self.cluster, self.group, self.label, self.deadline = cluster, group, label, deadline
        self.events: queue.Queue[tuple[Any, ...]] | None = None
        self.stop = threading.Event()
        self.stream: WatchStream | None = None

    def _put(self, *message: Any) -> None:
        assert self.events is not None
        self.events.put((self.group, *message))

    def run(self) -> None:
        resource, namespace = self.group
        path = resource.path(namespace)
        try:
            while not self.stop.is_set() and time.monotonic() < self.deadline:
                listing = self.cluster.request("GET", path, query={"labelSelector": self.label}) or {}
                version = str((listing.get("metadata") or {}).get("resourceVersion") or "")
                self._put("list", {(i.get("metadata") or {}).get("name"): i for i in listing.get("items") or []})
                self._watch(path, version)
        except ApplyError as err:
            self._put("error", err)

    def _watch(self, path: str, version: str) -> None:
        """Follow changes from ``version`` until the deadline, stop, or an expired version (then list again)."""
        while not self.stop.is_set():
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return
            query = {"labelSelector": self.label, "resourceVersion": version}
            self.stream = self.cluster.watch(path, query, seconds=math.ceil(min(remaining, 300.0)))
            if self.stop.is_set():
                self.stream.close()
                return
            for event in self.stream:
                obj = event.get("object") or {}
                if event.get("type") == "ERROR":
                    return
                version = str((obj.get("metadata") or {}).get("resourceVersion") or version)
                if event.get("type") in ("ADDED", "MODIFIED", "DELETED"):
                    self._put("event", event["type"], obj)

    def close(self) -> None:
        self.stop.set()
        if self.stream is not None:
            self.stream.close()


def _state_text(obj: Any, gone: bool) -> str:
    if obj is _UNKNOWN:
        return "waiting for the first answer"
    if gone:
        return "deleted" if obj is None else "deleting"
    return str(health(obj))


def wait_for(
    cluster: Cluster,
    targets: Sequence[Target],
    *,
    label: str,
    timeout: float,
    progress: Progress,
    gone: bool = False,
) -> dict[str, Health]:
    """Wait until every target is ready (or, with ``gone``, deleted); their last Health by ref.

    ``label`` selects the objects to watch. Raises WaitTimeout naming each object still
    pending and its last reason (a container's waiting reason, an event, a condition), and
    WaitFailed naming each object that failed for good (a Job) and why.
    """
    deadline = time.monotonic() + timeout
    states: dict[str, Any] = {t.ref: _UNKNOWN for t in targets}
    by_group: dict[tuple[Resource, str | None], dict[str, Target]] = {}
    for t in targets:
        by_group.setdefault((t.resource, t.namespace if t.resource.namespaced else None), {})[t.name] = t
    events: queue.Queue[tuple[Any, ...]] = queue.Queue()
    watchers = [_Watcher(cluster, group, label, deadline) for group in by_group]

    def finished(ref: str) -> bool:
        obj = states[ref]
        return obj is not _UNKNOWN and (obj is None if gone else obj is not None and health(obj).done)

    for w in watchers:
        w.events = events
        w.start()
    try:
        while not all(finished(t.ref) for t in targets):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                group, what, *rest = events.get(timeout=remaining)
            except queue.Empty:
                break
            members = by_group[group]
            if what == "error":
                raise rest[0]
            if what == "list":
                changed = {t.ref: rest[0].get(name) for name, t in members.items()}
            else:
                kind, obj = rest
                target = members.get(str((obj.get("metadata") or {}).get("name")))
                changed = {target.ref: None if kind == "DELETED" else obj} if target else {}
            for ref, obj in changed.items():
                if obj is not None:
                    obj = {"apiVersion": group[0].api_version, "kind": group[0].kind, **obj}
                states[ref] = obj
                progress.update(ref, _state_text(obj, gone))
    finally:
        for w in watchers:
            w.close()
        for w in watchers:
            w.join(timeout=2.0)
    pending = [t for t in targets if not finished(t.ref)]
    if pending:
        what = "deleted" if gone else "ready"
        details = [
            (t.ref, _state_text(states[t.ref], gone) if gone else reason(cluster, _known(states[t.ref])))
            for t in pending
        ]
        raise WaitTimeout(f"{len(pending)} of {len(targets)} objects not {what} after {timeout:g}s:", pending=details)
    failed = [t for t in targets if not gone and health(states[t.ref]).state == "failed"]
    if failed:
        details = [(t.ref, reason(cluster, _known(states[t.ref]))) for t in failed]
        raise WaitFailed(f"{len(failed)} of {len(targets)} objects failed:", pending=details)
    return {t.ref: health(states[t.ref]) for t in targets}


def _known(obj: Any) -> dict[str, Any] | None:
    return None if obj is _UNKNOWN else obj
