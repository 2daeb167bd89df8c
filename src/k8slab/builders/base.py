"""What every builder shares: the render context, standard labels and object metadata."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = [
    "MANAGED_BY",
    "Manifest",
    "RenderContext",
    "Renderable",
    "checkov_skips",
    "metadata",
    "selector_labels",
    "standard_labels",
]

Manifest = dict[str, Any]
"""A Kubernetes object as a plain dict, ready to dump as YAML."""

MANAGED_BY = "k8slab"
NAME_LABEL = "app.kubernetes.io/name"
INSTANCE_LABEL = "app.kubernetes.io/instance"
MANAGED_BY_LABEL = "app.kubernetes.io/managed-by"


@dataclass(frozen=True)
class RenderContext:
    """Where and for whom objects are rendered; the composer makes one per stack."""

    namespace: str
    """The namespace every namespaced object is placed in."""
    instance: str
    """The stack (or release) name, used as ``app.kubernetes.io/instance``."""
    kube_version: str = "1.33"
    """The Kubernetes minor version the objects target."""


class Renderable(Protocol):
    """A builder that renders Kubernetes objects."""

    @property
    def name(self) -> str: ...

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """Return this builder's objects, in apply order."""
        ...

    def dependencies(self) -> Sequence[Renderable]:
        """Builders this one references and that must be rendered alongside it."""
        ...


def selector_labels(name: str, ctx: RenderContext) -> dict[str, str]:
    """The labels that select an app's pods: its name and the stack instance."""
    return {INSTANCE_LABEL: ctx.instance, NAME_LABEL: name}


def standard_labels(name: str, ctx: RenderContext, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The recommended ``app.kubernetes.io`` labels, plus the user's own."""
    labels = {**(extra or {}), **selector_labels(name, ctx), MANAGED_BY_LABEL: MANAGED_BY}
    return dict(sorted(labels.items()))


def metadata(
    name: str,
    ctx: RenderContext,
    *,
    app: str | None = None,
    labels: Mapping[str, str] | None = None,
    annotations: Mapping[str, str] | None = None,
    namespaced: bool = True,
) -> dict[str, Any]:
    """Object metadata: name, namespace, standard labels, sorted annotations."""
    meta: dict[str, Any] = {"name": name}
    if namespaced:
        meta["namespace"] = ctx.namespace
    meta["labels"] = standard_labels(app or name, ctx, labels)
    if annotations:
        meta["annotations"] = dict(sorted(annotations.items()))
    return meta


def checkov_skips(reasons: Mapping[str, str]) -> dict[str, str]:
    """checkov's skip annotations (``checkov.io/skipN: CHECK=reason``), one per relaxed check."""
    return {f"checkov.io/skip{i}": f"{check}={reason}" for i, (check, reason) in enumerate(sorted(reasons.items()), 1)}
