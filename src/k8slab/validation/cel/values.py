"""Custom-resource data as CEL sees it: escaped property names, numbers typed by the schema.

Mirrors UnstructuredToVal (apiextensions-apiserver pkg/apiserver/schema/cel/values.go) and the
property-name escaping of k8s.io/apiserver/pkg/cel/escaping.go: an object's field whose name is
a CEL reserved word is reached as ``__name__`` (``self.__namespace__``), and ``__``, ``.``,
``-`` and ``/`` in a name become ``__underscores__``, ``__dot__``, ``__dash__`` and
``__slash__``. Map keys (``additionalProperties``) are left as they are. An integer in a
``number`` field is a CEL double. The root object exposes only ``apiVersion``, ``kind`` and
``metadata.name`` / ``metadata.generateName`` of its metadata (model.WithTypeAndObjectMeta).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["escape", "to_cel", "to_cel_root"]

RESERVED = frozenset(
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
        "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    }
)  # fmt: skip
_SIMPLE = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_ESCAPES = (("__", "__underscores__"), (".", "__dot__"), ("-", "__dash__"), ("/", "__slash__"))


def escape(name: str) -> str:
    """The CEL field name of an object property (escaping.go Escape); unescapable names stay as they are."""
    if name in RESERVED:
        return f"__{name}__"
    if _SIMPLE.fullmatch(name) and "__" not in name:
        return name
    escaped = name
    for old, new in _ESCAPES:
        escaped = escaped.replace(old, new)
    return escaped


def to_cel(value: Any, schema: Mapping[str, Any] | None) -> Any:
    """``value`` converted for the CEL runtime by its schema (a plain copy; the input is untouched)."""
    if isinstance(value, dict):
        properties = schema.get("properties") if schema is not None else None
        extra = schema.get("additionalProperties") if schema is not None else None
        if isinstance(properties, Mapping) and properties:
            return {escape(k): to_cel(v, properties.get(k)) for k, v in value.items()}
        sub = extra if isinstance(extra, Mapping) else None
        return {k: to_cel(v, sub) for k, v in value.items()}
    if isinstance(value, list):
        items = schema.get("items") if schema is not None else None
        return [to_cel(v, items if isinstance(items, Mapping) else None) for v in value]
    if type(value) is int and schema is not None and schema.get("type") == "number":
        return float(value)
    return value


def to_cel_root(value: Mapping[str, Any], schema: Mapping[str, Any]) -> Any:
    """The whole custom resource as the root rules' ``self``."""
    converted = to_cel(dict(value), schema)
    metadata = value.get("metadata")
    if isinstance(converted, dict) and isinstance(metadata, Mapping):
        converted["metadata"] = {k: metadata[k] for k in ("name", "generateName") if k in metadata}
    return converted
