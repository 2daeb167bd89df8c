"""``status``: what is deployed for a stack, found as the members of its ApplySet, and how healthy it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ApplyError
from ..ordering import sort_objects
from .client import Cluster
from .health import Health, health
from .inventory import identity, ref
from .result import StatusReport
from .session import Planned, open_session

__all__ = ["status"]


def status(
    target: Any,
    *,
    name: str | None = None,
    context: str | None = None,
    kubeconfig: str | Path | None = None,
    namespace: str | None = None,
    cluster: Cluster | None = None,
) -> StatusReport:
    """Each member of the stack's set, in apply order, with its Health; objects of the stack
    not found in the cluster are listed as ``missing``. Nothing is changed; another tool's set
    may be read. Manifests without a name (no set) are looked up object by object.
    Arguments as for ``apply``.
    """
    session = open_session(
        target, name=name, namespace=namespace, context=context, kubeconfig=kubeconfig, cluster=cluster, mutate=False
    )
    planned = []
    for raw in session.bundle.objects:
        try:
            planned.append(session.plan(raw))
        except ApplyError:  # a kind the cluster does not serve (yet): certainly not deployed
            planned.append(Planned(dict(raw), None))
    live = {identity(item.obj): item.obj for item in session.members([p for p in planned if p.resource])}
    if session.applyset is None:
        for item in planned:
            found = session.cluster.get(item.path, obj=item.ref) if item.resource is not None else None
            if found is not None:
                live[identity(item.obj)] = {"apiVersion": item.obj["apiVersion"], "kind": item.obj["kind"], **found}
    expected = [p.obj for p in planned if identity(p.obj) not in live]
    rows: list[tuple[str, Health]] = []
    for obj in sort_objects([*live.values(), *expected]):
        rows.append((ref(obj), health(obj) if identity(obj) in live else health(None)))
    return StatusReport(session.name, tuple(rows))
