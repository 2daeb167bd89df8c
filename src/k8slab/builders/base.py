"""What every builder shares: the render context, standard labels and object metadata."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

__all__ = [
    "MANAGED_BY",
    "Manifest",
    "Parameters",
    "RenderContext",
    "Renderable",
    "checkov_skips",
    "metadata",
    "selector_labels",
    "standard_labels",
]

_V = TypeVar("_V")

Manifest = dict[str, Any]
"""A Kubernetes object as a plain dict, ready to dump as YAML."""

MANAGED_BY = "k8slab"
NAME_LABEL = "app.kubernetes.io/name"
INSTANCE_LABEL = "app.kubernetes.io/instance"
MANAGED_BY_LABEL = "app.kubernetes.io/managed-by"


class Parameters(Protocol):
    """Turns values into chart parameters when a Helm chart is rendered (see ``k8slab.render.helm``)."""

    def name(self, name: str) -> str:
        """The expression for a release-scoped object name."""
        ...

    def instance(self) -> str:
        """The expression for the release (instance) name."""
        ...

    def value(self, path: str, default: Any, schema: Mapping[str, Any]) -> Any:
        """A placeholder for the value at ``path`` in values.yaml, with its default and JSON schema."""
        ...


@dataclass(frozen=True)
class RenderContext:
    """Where and for whom objects are rendered; the composer makes one per stack.

    Builders never write an object name, a reference to one, the instance label or a
    parametrizable value directly: they ask the context (``name``, ``instance_label``,
    ``value``). Plain rendering returns the value itself; chart rendering returns a
    placeholder that the chart writer turns into a Helm expression. One render path
    serves both, so the chart cannot drift from the plain YAML.
    """

    namespace: str
    """The namespace every namespaced object is placed in."""
    instance: str
    """The stack (or release) name, used as ``app.kubernetes.io/instance``."""
    kube_version: str = "1.33"
    """The Kubernetes minor version the objects target."""
    parameters: Parameters | None = None
    """Set only while a Helm chart is rendered."""

    def name(self, name: str) -> str:
        """The name of an object this stack owns (release-scoped in a chart)."""
        return self.parameters.name(name) if self.parameters else name

    def instance_label(self) -> str:
        """The value of ``app.kubernetes.io/instance``."""
        return self.parameters.instance() if self.parameters else self.instance

    def value(self, path: str, default: _V, **schema: Any) -> _V:
        """``default``, or in a chart the placeholder of the parameter ``path`` (dotted)."""
        if self.parameters is None:
            return default
        placeholder: _V = self.parameters.value(path, default, schema)
        return placeholder


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
    return {INSTANCE_LABEL: ctx.instance_label(), NAME_LABEL: name}


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
    owned: bool = True,
) -> dict[str, Any]:
    """Object metadata: name, namespace, standard labels, sorted annotations.

    ``owned=False`` keeps the name as given (claim templates, the Namespace), where a
    chart must not scope it to the release.
    """
    meta: dict[str, Any] = {"name": ctx.name(name) if owned else name}
    if namespaced:
        meta["namespace"] = ctx.namespace
    meta["labels"] = standard_labels(app or name, ctx, labels)
    if annotations:
        meta["annotations"] = dict(sorted(annotations.items()))
    return meta


def checkov_skips(reasons: Mapping[str, str]) -> dict[str, str]:
    """checkov's skip annotations (``checkov.io/skipN: CHECK=reason``), one per relaxed check."""
    return {f"checkov.io/skip{i}": f"{check}={reason}" for i, (check, reason) in enumerate(sorted(reasons.items()), 1)}
