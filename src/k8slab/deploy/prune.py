"""Prune: delete the objects labelled for a stack that the stack no longer holds.

Only objects carrying ``k8slab.io/stack: <name>`` are candidates, never objects owned by
another object, and never a Namespace that still holds objects of the stack. Deletion goes
in reverse apply order. In a dry run the server is asked to delete with ``dryRun=All``, so
the plan is checked (permissions included) but nothing is removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..ordering import sort_objects
from .inventory import LABEL, Live, identity
from .progress import Progress
from .result import Change
from .session import Planned, Session

__all__ = ["delete_live", "prune"]


def delete_live(session: Session, live: Live, *, dry_run: bool) -> bool:
    """Delete one live object (background propagation); False if it was gone already."""
    meta = live.obj["metadata"]
    path = live.resource.path(meta.get("namespace"), meta["name"])
    query = {"propagationPolicy": "Background"}
    if dry_run:
        query["dryRun"] = "All"
    return session.cluster.request("DELETE", path, query=query, obj=live.ref, missing_ok=True) is not None


def in_delete_order(items: Iterable[Live]) -> list[Live]:
    """``items`` in reverse apply order (workloads before Services before ConfigMaps ... before Namespaces)."""
    items = list(items)
    by_id = {id(i.obj): i for i in items}
    return [by_id[id(o)] for o in sort_objects([i.obj for i in items], reverse=True)]


def prune(session: Session, planned: list[Planned], *, dry_run: bool, progress: Progress) -> list[Change]:
    """Delete (or, in a dry run, list) this stack's labelled objects that ``planned`` no longer holds."""
    keep = session.identities(planned)
    busy_namespaces = {i[2] for i in keep if i[2]}
    kinds = {(str(p.obj["apiVersion"]), str(p.obj["kind"])) for p in planned}
    changes: list[Change] = []
    for live in in_delete_order(session.inventory(kinds or None)):
        if identity(live.obj) in keep:
            continue
        labels = (live.obj.get("metadata") or {}).get("labels") or {}
        if labels.get(LABEL) != session.bundle.name:  # pragma: no cover - list_inventory filters already
            continue
        if live.obj.get("kind") == "Namespace" and live.obj["metadata"]["name"] in busy_namespaces:
            change = Change(live.ref, "skipped", "not pruned: it still holds objects of this stack")
        else:
            delete_live(session, live, dry_run=dry_run)
            change = Change(live.ref, "pruned")
        changes.append(change)
        progress.line(change.line(dry_run))
    return changes
