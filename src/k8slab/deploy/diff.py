"""``diff``: what apply would change, per object, as a unified diff with Secret values masked.

The right-hand side is the API server's own answer to a server-side dry run (``dryRun=All``)
of the apply, so defaults, admission and merging are the server's, not a guess. Fields that
change on every write (managedFields, resourceVersion, uid, creationTimestamp, generation)
and status are dropped from both sides.
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..ordering import sort_objects
from .client import Cluster
from .discovery import Resource
from .inventory import identity, ref
from .result import DiffResult, ObjectDiff
from .secrets import mask_secrets
from .session import open_session

__all__ = ["NOISE", "diff", "diff_objects", "dry_run_apply", "normalize", "render_diff"]

NOISE = ("managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink")
"""metadata fields left out of comparisons and diffs (``status`` is left out too)."""


def normalize(obj: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A copy of ``obj`` without status and the metadata NOISE fields."""
    if obj is None:
        return None
    out = copy.deepcopy(dict(obj))
    out.pop("status", None)
    meta = out.get("metadata")
    if isinstance(meta, dict):
        for key in NOISE:
            meta.pop(key, None)
        if meta.get("annotations") == {}:
            meta.pop("annotations")
    return out


def dry_run_apply(cluster: Cluster, resource: Resource, obj: Mapping[str, Any], *, force: bool) -> dict[str, Any]:
    """What the server would make of applying ``obj`` (server-side dry run: nothing is persisted)."""
    meta = obj["metadata"]
    path = resource.path(meta.get("namespace"), meta["name"])
    return cluster.server_apply(path, obj, ref=ref(obj), force=force, dry_run=True) or {}


def _yaml(obj: Mapping[str, Any] | None) -> list[str]:
    if obj is None:
        return []
    return yaml.safe_dump(obj, sort_keys=True, default_flow_style=False, width=1000).splitlines(keepends=True)


def render_diff(obj: str, live: Mapping[str, Any] | None, planned: Mapping[str, Any] | None) -> str:
    """The unified diff of ``live`` → ``planned`` (either may be None), normalized and Secret-masked."""
    before = normalize(mask_secrets(live))
    after = normalize(mask_secrets(planned, other=live))
    name = obj.replace(" ", "/")
    lines = difflib.unified_diff(_yaml(before), _yaml(after), fromfile=f"live/{name}", tofile=f"applied/{name}")
    return "".join(lines)


def diff_objects(name: str, pairs: list[tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]]) -> DiffResult:
    """A DiffResult from (object, live, planned) triples."""
    diffs = [ObjectDiff(obj, text) for obj, live, planned in pairs if (text := render_diff(obj, live, planned))]
    return DiffResult(name, tuple(diffs), unchanged=len(pairs) - len(diffs))


def diff(
    target: Any,
    *,
    name: str | None = None,
    context: str | None = None,
    kubeconfig: str | Path | None = None,
    namespace: str | None = None,
    prune: bool = False,
    force_conflicts: bool = False,
    cluster: Cluster | None = None,
) -> DiffResult:
    """Unified diffs of what ``apply`` would change, object by object; nothing is persisted.

    Each object's live state is compared with the server's dry-run answer to its apply, with
    Secret values masked and noise fields dropped. An object whose namespace (or CRD) does not
    exist yet is compared as it would be sent. With ``prune``, the set's members apply would
    prune show as removed. Arguments as for ``apply``.
    """
    session = open_session(
        target, name=name, namespace=namespace, context=context, kubeconfig=kubeconfig, cluster=cluster, mutate=False
    )
    if prune:
        session.require_set("diff --prune")
    pairs: list[tuple[str, Mapping[str, Any] | None, Mapping[str, Any] | None]] = []
    planned = []
    for raw in sort_objects(list(session.bundle.objects)):
        item = session.plan(raw)
        planned.append(item)
        ns = item.obj["metadata"].get("namespace") if item.resource is None or item.resource.namespaced else None
        if item.resource is None or (ns and not session.namespace_exists(ns)):
            pairs.append((item.ref, None, item.obj))
            continue
        live = session.cluster.get(item.path, obj=item.ref)
        pairs.append((item.ref, live, dry_run_apply(session.cluster, item.resource, item.obj, force=force_conflicts)))
    if prune:
        keep = session.identities(planned)
        pairs += [(live.ref, live.obj, None) for live in session.members(planned) if identity(live.obj) not in keep]
    return diff_objects(session.name, pairs)
