"""What every builder shares: the render context, standard labels and object metadata."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
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
    """Turns values into chart parameters while a Helm chart is rendered (``k8slab.render.chart``).

    Every method returns a placeholder that the chart writer later replaces with a Helm
    expression; values are paths in values.yaml relative to the current scope.
    """

    def name(self, name: str) -> str:
        """A release-scoped object name."""
        ...

    def reference(self, kind: str, name: str) -> str:
        """The name of an owned Secret or ConfigMap, honouring its ``existing...`` override."""
        ...

    def instance(self) -> str:
        """The release (instance) name."""
        ...

    def labels(self, name: str, extra: Mapping[str, str]) -> Any:
        """The standard labels of an object of app ``name``."""
        ...

    def selector(self, name: str) -> Any:
        """The selector labels of app ``name``."""
        ...

    def value(self, path: str, default: Any, schema: Mapping[str, Any]) -> Any:
        """The value at ``path``, with its default and JSON schema."""
        ...

    def scoped(self, kind: str, name: str) -> Parameters:
        """The parameters of one builder (its own section of values.yaml)."""
        ...

    def when(self, obj: Manifest, path: str, *, negate: bool = False) -> Manifest:
        """Render ``obj`` only if the boolean (or string) value at ``path`` is set (unset with negate)."""
        ...

    def snippet(self, group: str, name: str, entries: list[dict[str, Any]]) -> Any:
        """A repeated section, defined once as a named template (like the seed's ``env.db_creds``)."""
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
        """``default``, or in a chart the placeholder of the parameter ``path`` (dotted, in this scope)."""
        if self.parameters is None:
            return default
        placeholder: _V = self.parameters.value(path, default, schema)
        return placeholder

    def reference(self, kind: str, name: str) -> str:
        """How pods refer to an owned Secret or ConfigMap (an ``existing...`` value may replace it in a chart)."""
        return self.parameters.reference(kind, name) if self.parameters else name

    def scoped(self, kind: str, name: str) -> RenderContext:
        """The context for one builder: in a chart, its values live in their own section."""
        if self.parameters is None:
            return self
        return replace(self, parameters=self.parameters.scoped(kind, name))

    def when(self, obj: Manifest, path: str, *, negate: bool = False) -> Manifest:
        """``obj``; in a chart, rendered only when the value at ``path`` is set (or unset, with ``negate``)."""
        return self.parameters.when(obj, path, negate=negate) if self.parameters else obj

    def snippet(self, group: str, name: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``entries``; in a chart, an include of the named template ``CHART.GROUP.NAME`` that holds them."""
        if self.parameters is None or not entries:
            return entries
        return [self.parameters.snippet(group, name, entries)]

    def env(self, path: str, variables: Mapping[str, str]) -> list[dict[str, Any]]:
        """Plain environment variables as ``env[]`` entries; in a chart, one parameter (a map) at ``path``."""
        entries = [{"name": k, "value": v} for k, v in sorted(variables.items())]
        if self.parameters is None or not variables:
            return entries
        schema = {"type": "object", "additionalProperties": {"type": "string"}, "x-k8slab-render": "env"}
        return [self.parameters.value(path, dict(sorted(variables.items())), schema)]


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
    if ctx.parameters is not None:
        selector: dict[str, str] = ctx.parameters.selector(name)
        return selector
    return {INSTANCE_LABEL: ctx.instance, NAME_LABEL: name}


def standard_labels(name: str, ctx: RenderContext, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The recommended ``app.kubernetes.io`` labels, plus the user's own."""
    if ctx.parameters is not None:
        labels: dict[str, str] = ctx.parameters.labels(name, extra or {})
        return labels
    merged = {**(extra or {}), **selector_labels(name, ctx), MANAGED_BY_LABEL: MANAGED_BY}
    return dict(sorted(merged.items()))


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
