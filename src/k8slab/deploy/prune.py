"""Prune: delete the set's members that the stack no longer holds, and nothing else.

Candidates are the objects labelled ``applyset.kubernetes.io/part-of`` the set, listed in
exactly the group-kinds and namespaces its parent records (plus those of the stack now), as
kubectl's ``ApplySet.Prune`` does; objects owned by another object are left to their owner.
A Namespace is deleted only when it is a member, holds none of the stack's objects, and holds
no object outside the set; otherwise it is reported as kept. Deletion goes in reverse apply
order. In a dry run the server is asked to delete with ``dryRun=All``, so the plan is checked
(permissions included) but nothing is removed.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import ApplyError
from ..ordering import sort_objects
from .applyset import group_kind
from .inventory import Live, identity, ref
from .progress import Progress
from .result import Change
from .session import Planned, Session

__all__ = ["delete_live", "in_delete_order", "namespace_kept", "prune"]

_GENERATED_KINDS = frozenset({"Event", "Endpoints", "EndpointSlice", "Lease"})
"""Kinds the cluster's controllers write into every namespace with Services and Pods (not the user's)."""
_AUTOMATIC = frozenset({("ServiceAccount", "default"), ("ConfigMap", "kube-root-ca.crt")})
"""Objects every namespace gets from its controllers."""


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


def namespace_kept(session: Session, name: str) -> str | None:
    """Why namespace ``name`` must not be deleted with the set (it holds objects outside it), or None.

    Every namespaced kind the cluster serves is listed in it; objects owned by others, the
    controllers' own (Events, Endpoints, the ``default`` ServiceAccount, ...) and the set's
    parent do not count. A kind that cannot be listed keeps the namespace: k8slab cannot tell.
    """
    parent = session.applyset.parent_name if session.applyset else None
    outside: list[str] = []
    for resource in session.discovery.namespaced():
        if resource.kind in _GENERATED_KINDS:
            continue
        try:
            items = (session.cluster.get(resource.path(name)) or {}).get("items") or []
        except ApplyError:
            return f"kept: cannot list {resource.plural} in it to prove it holds nothing else"
        for item in items:
            obj = {"apiVersion": resource.api_version, "kind": resource.kind, **item}
            meta = obj.get("metadata") or {}
            if meta.get("ownerReferences") or (resource.kind, meta.get("name")) in _AUTOMATIC:
                continue
            if (resource.kind == "Secret" and meta.get("name") == parent) or session.is_member(obj):
                continue
            outside.append(ref(obj))
    if not outside:
        return None
    more = f" and {len(outside) - 3} more" if len(outside) > 3 else ""
    return f"kept: it holds objects outside the set ({', '.join(sorted(outside)[:3])}{more})"


def prune(
    session: Session, planned: list[Planned], *, dry_run: bool, progress: Progress
) -> tuple[list[Change], set[str]]:
    """Delete (or, in a dry run, list) the set's members that ``planned`` no longer holds.

    Returns the changes and the group-kinds of members that stay (kept namespaces), which the
    parent must go on recording.
    """
    keep = session.identities(planned)
    busy = {i[2] for i in keep if i[2]} | {session.applyset.namespace if session.applyset else session.namespace}
    changes: list[Change] = []
    staying: set[str] = set()
    for live in in_delete_order(session.members(planned)):
        if identity(live.obj) in keep:
            continue
        if live.obj.get("kind") == "Namespace":
            name = live.obj["metadata"]["name"]
            why = "kept: it still holds objects of this stack" if name in busy else namespace_kept(session, name)
            if why is not None:
                staying.add(group_kind(str(live.obj["apiVersion"]), "Namespace"))
                change = Change(live.ref, "skipped", why)
                changes.append(change)
                progress.line(change.line(dry_run))
                continue
        delete_live(session, live, dry_run=dry_run)
        change = Change(live.ref, "pruned")
        changes.append(change)
        progress.line(change.line(dry_run))
    return changes, staying
