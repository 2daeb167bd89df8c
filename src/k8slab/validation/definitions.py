"""One Kubernetes type as a self-contained JSON schema, for values.schema.json.

A chart parameter that holds a whole Kubernetes structure (a securityContext, say) is
checked against the official OpenAPI definition of the selected version: references are
inlined, descriptions and Kubernetes extensions dropped, so Helm 3 and Helm 4 can both read it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .schema import DEFAULT_KUBE_VERSION, definitions_document, schema_dir

__all__ = ["definition_schema"]

_REF_PREFIX = "#/$defs/"
_DROPPED = ("description", "format")


def _defs(kube_version: str) -> dict[str, Any]:
    defs: dict[str, Any] = definitions_document(schema_dir(kube_version))["$defs"]
    return defs


def _inline(node: Any, defs: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_inline(x, defs, seen) for x in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith(_REF_PREFIX):
        name = ref.removeprefix(_REF_PREFIX)
        if name in seen:  # a recursive type: accept it without further checks
            return {}
        return _inline(defs[name], defs, (*seen, name))
    return {
        k: _inline(v, defs, seen) for k, v in node.items() if k not in _DROPPED and not k.startswith("x-kubernetes-")
    }


@cache
def definition_schema(name: str, kube_version: str = DEFAULT_KUBE_VERSION) -> dict[str, Any]:
    """The schema of the definition ``name`` (e.g. ``io.k8s.api.core.v1.SecurityContext``), refs inlined."""
    defs = _defs(kube_version)
    schema: dict[str, Any] = _inline(defs[name], defs, (name,))
    return schema
