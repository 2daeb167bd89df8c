"""``status``: what is deployed for a stack, found by its inventory label, and how healthy it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ApplyError
from ..ordering import sort_objects
from .client import Cluster
from .health import Health, health
from .inventory import identity, ref
from .result import StatusReport
from .session import open_session

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
    """Each object labelled for the stack, in apply order, with its Health; objects of the stack
    not found in the cluster are listed as ``missing``. Nothing is changed. Arguments as for ``apply``.
    """
    session = open_session(
        target, name=name, namespace=namespace, context=context, kubeconfig=kubeconfig, cluster=cluster
    )
    live = {identity(item.obj): item.obj for item in session.inventory()}
    expected = []
    for raw in session.bundle.objects:
        try:
            obj = session.plan(raw).obj
        except ApplyError:  # a kind the cluster does not serve (yet): certainly not deployed
            obj = raw
        if identity(obj) not in live:
            expected.append(obj)
    rows: list[tuple[str, Health]] = []
    for obj in sort_objects([*live.values(), *expected]):
        rows.append((ref(obj), health(obj) if identity(obj) in live else health(None)))
    return StatusReport(session.bundle.name, tuple(rows))
