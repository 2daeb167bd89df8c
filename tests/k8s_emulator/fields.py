"""Server-side apply field sets: which manager owns which leaf field of an object.

Simplified from the API server: maps are merged key by key, lists are atomic (a list is one
field), and identity fields (apiVersion, kind, metadata.name/namespace) and status are not
owned. That is enough for conflict detection per field manager and for removing the fields
a manager stops applying.
"""

from __future__ import annotations

import copy
from typing import Any

Path = tuple[str, ...]
_IDENTITY = {("apiVersion",), ("kind",), ("metadata", "name"), ("metadata", "namespace")}
_UNOWNED_META = {"managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "deletionTimestamp"}


def leaves(obj: dict[str, Any]) -> set[Path]:
    """Every leaf path of an applied configuration, identity and status excluded."""
    out: set[Path] = set()

    def walk(value: Any, path: Path) -> None:
        if isinstance(value, dict) and value:
            for key, child in value.items():
                walk(child, (*path, str(key)))
        else:
            out.add(path)

    for key, value in obj.items():
        if key == "status":
            continue
        if key == "metadata" and isinstance(value, dict):
            for mkey, mvalue in value.items():
                if mkey not in _UNOWNED_META:
                    walk(mvalue, ("metadata", mkey))
        else:
            walk(value, (key,))
    return out - _IDENTITY


_MISSING = object()


def get(obj: Any, path: Path) -> Any:
    """The value at ``path``, or a sentinel when absent."""
    for key in path:
        if not isinstance(obj, dict) or key not in obj:
            return _MISSING
        obj = obj[key]
    return obj


def put(obj: dict[str, Any], path: Path, value: Any) -> None:
    """Set ``path`` to a copy of ``value``, creating maps on the way."""
    for key in path[:-1]:
        child = obj.get(key)
        if not isinstance(child, dict):
            child = obj[key] = {}
        obj = child
    obj[path[-1]] = copy.deepcopy(value)


def remove(obj: dict[str, Any], path: Path) -> None:
    """Delete ``path`` and the maps it leaves empty (top-level keys stay)."""
    parents = []
    node: Any = obj
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return
        parents.append((node, key))
        node = node[key]
    if isinstance(node, dict):
        node.pop(path[-1], None)
    for parent, key in reversed(parents[1:]):
        if parent[key] == {}:
            del parent[key]


def fields_v1(paths: set[Path]) -> dict[str, Any]:
    """The ``fieldsV1`` rendering of a field set (``{"f:spec": {"f:replicas": {}}}``)."""
    tree: dict[str, Any] = {}
    for path in sorted(paths):
        node = tree
        for key in path:
            node = node.setdefault(f"f:{key}", {})
    return tree


def dotted(path: Path) -> str:
    """A path as the API server prints it in conflicts: ``.spec.replicas``."""
    return "".join(f".{p}" for p in path)
