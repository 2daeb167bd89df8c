"""Raw objects: plain manifests (dicts) placed in a Stack next to the builders.

``Stack("shop", app, {"apiVersion": "v1", "kind": "ConfigMap", ...}, namespace="shop")``:
the dict is wrapped in a :class:`Raw`, which renders it through the same path as every
builder, so it gets the stack's namespace and ``app.kubernetes.io`` labels, is validated with
the rest (schema, API-server rules, cross-checks), and in a Helm chart becomes a template
whose namespace and name are templated (release-scoped) while every other field stays as written.

Prefer a builder when one exists: a raw object gets no secure defaults, no construction-time
typing of its fields and no chart parameters. See docs/guides/raw-objects.md.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from .._model import caller_origin
from ..errors import Problem, SpecError
from ..types import NAME_LABEL_RULE, check_dns_subdomain, check_label_key, check_label_value
from .base import NAME_LABEL, Manifest, Renderable, RenderContext, metadata

__all__ = ["CLUSTER_SCOPED_KINDS", "Raw"]

CLUSTER_SCOPED_KINDS = frozenset(
    {
        "APIService",
        "CSIDriver",
        "CertificateSigningRequest",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "IngressClass",
        "MutatingWebhookConfiguration",
        "Namespace",
        "Node",
        "PersistentVolume",
        "PriorityClass",
        "RuntimeClass",
        "StorageClass",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "ValidatingWebhookConfiguration",
        "VolumeAttachment",
    }
)
"""Built-in kinds without a namespace (``kubectl api-resources --namespaced=false``); custom kinds
are cluster-scoped when their CRD says ``scope: Cluster``."""

_METADATA = ("name", "namespace", "labels", "annotations")


def _fail(owner: str, path: str, message: str) -> SpecError:
    return SpecError([Problem(owner, path, message)])


def _strings(owner: str, path: str, value: Any, check_key: Any, check_value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise _fail(owner, path, "must be a mapping of strings")
    out = {}
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            raise _fail(owner, f"{path}[{k!r}]", "keys and values must be strings")
        try:
            check_key(k)
            check_value(v)
        except ValueError as err:
            raise _fail(owner, f"{path}[{k!r}]", str(err).splitlines()[0]) from None
        out[k] = v
    return out


class Raw:
    """A plain manifest in a Stack: validated like the builders' objects, rendered in the stack's namespace.

    Made by ``Stack`` from each dict it is given; ``Raw(manifest)`` works too. The manifest is
    copied (later changes to the dict do not reach the stack). ``metadata`` may hold name,
    namespace (only the stack's), labels and annotations; ``status`` is refused.
    """

    def __init__(
        self, manifest: Mapping[str, Any], *, where: str = "Raw", cluster_scoped: Collection[str] = ()
    ) -> None:
        self._origin = caller_origin()  # the user's line: where the dict was given to the Stack
        if not isinstance(manifest, Mapping):
            raise _fail(where, "", "must be a mapping with apiVersion, kind and metadata")
        for field in ("apiVersion", "kind"):
            if not isinstance(manifest.get(field), str) or not manifest[field]:
                raise _fail(where, field, "is required (a non-empty string)")
        try:
            json.dumps(manifest, allow_nan=False)
        except (TypeError, ValueError):  # the value is not quoted: a raw Secret's data must not leak
            raise _fail(
                where, "", "must hold only JSON values (strings, finite numbers, booleans, lists, maps)"
            ) from None
        meta = manifest.get("metadata")
        if not isinstance(meta, Mapping) or not isinstance(meta.get("name"), str):
            raise _fail(where, "metadata.name", "is required (a string)")
        unknown = sorted(set(meta) - set(_METADATA))
        if unknown:
            raise _fail(
                where, f"metadata.{unknown[0]}", "is not supported in a raw object (only name, labels, annotations)"
            )
        if "status" in manifest:
            raise _fail(where, "status", "is written by the cluster, not by a manifest")
        self.kind: str = manifest["kind"]
        self.api_version: str = manifest["apiVersion"]
        owner = f"{self.kind}/{meta['name']}"
        try:
            self.name: str = check_dns_subdomain(meta["name"])
        except ValueError as err:
            raise _fail(owner, "metadata.name", str(err).splitlines()[0]) from None
        labels = meta.get("labels")
        app = labels.get(NAME_LABEL) if isinstance(labels, Mapping) else None
        if app is None and len(self.name) > 63:  # the name is also the app.kubernetes.io/name label value
            raise _fail(owner, "metadata.name", NAME_LABEL_RULE + f" (or set the label {NAME_LABEL})")
        self.namespace: str | None = meta.get("namespace")
        self.namespaced = self.kind not in CLUSTER_SCOPED_KINDS and self.kind not in cluster_scoped
        if self.namespace is not None and not self.namespaced:
            raise _fail(owner, "metadata.namespace", f"{self.kind} is cluster-scoped")
        self.labels = _strings(owner, "metadata.labels", meta.get("labels", {}), check_label_key, check_label_value)
        self.annotations = _strings(owner, "metadata.annotations", meta.get("annotations", {}), check_label_key, str)
        self._body = copy.deepcopy({k: v for k, v in manifest.items() if k not in ("apiVersion", "kind", "metadata")})

    def __repr__(self) -> str:
        return f"Raw({self.api_version}, {self.kind}/{self.name})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Raw) and self.manifest() == other.manifest()

    def __hash__(self) -> int:
        return hash((self.kind, self.name))

    def manifest(self) -> Manifest:
        """The manifest as given (a copy)."""
        meta: dict[str, Any] = {"name": self.name}
        if self.namespace is not None:
            meta["namespace"] = self.namespace
        meta.update({k: dict(v) for k, v in (("labels", self.labels), ("annotations", self.annotations)) if v})
        return {"apiVersion": self.api_version, "kind": self.kind, "metadata": meta, **copy.deepcopy(self._body)}

    def dependencies(self) -> Sequence[Renderable]:
        """None: a raw object refers to others only by name."""
        return ()

    def render(self, ctx: RenderContext) -> list[Manifest]:
        """The object with the stack's namespace and labels; the user's labels win except the standard ones."""
        if self.namespace is not None and ctx.parameters is None and self.namespace != ctx.namespace:
            where = f"{self.kind}/{self.name}"
            raise _fail(where, "metadata.namespace", f"differs from the stack's ({ctx.namespace})")
        app = self.labels.get(NAME_LABEL, self.name)
        extra = {k: v for k, v in self.labels.items() if k != NAME_LABEL}
        meta = metadata(self.name, ctx, app=app, labels=extra, annotations=self.annotations, namespaced=self.namespaced)
        return [{"apiVersion": self.api_version, "kind": self.kind, "metadata": meta, **copy.deepcopy(self._body)}]
