"""Reading plain Kubernetes objects safely: what the schema check, the rules and the cross-checks share.

Objects under validation may break the schema, so every accessor tolerates a wrong type by
treating it as absent (the schema check reports it).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, TypeGuard

__all__ = [
    "EMPTY",
    "Obj",
    "POD_SPEC_PATHS",
    "copy_tree",
    "dig",
    "entries",
    "is_map",
    "mapping",
    "object_label",
    "pod_spec_path",
    "seq",
]

Obj = Mapping[str, Any]
EMPTY: Mapping[str, Any] = MappingProxyType({})

POD_SPEC_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}
"""Where each workload kind keeps its pod spec."""


def pod_spec_path(kind: str) -> tuple[str, ...] | None:
    """Where a workload kind keeps its pod spec; None for other kinds."""
    return POD_SPEC_PATHS.get(kind)


def is_map(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """Whether ``value`` is a mapping (a plain dict, the usual case, and None are recognised first and fast)."""
    return type(value) is dict or (value is not None and isinstance(value, Mapping))


def mapping(value: Any) -> Mapping[str, Any]:
    """``value`` when it is a mapping, else an empty one."""
    if type(value) is dict:
        return value
    return value if value is not None and isinstance(value, Mapping) else EMPTY


def seq(value: Any) -> Sequence[Any]:
    """``value`` when it is a list, else an empty one."""
    if type(value) is list:
        return value
    return value if isinstance(value, list | tuple) else ()


def entries(value: Any) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(index, item) for every mapping in the list ``value``."""
    if type(value) is not list and (value is None or not isinstance(value, list | tuple)):
        return
    for i, item in enumerate(value):
        if type(item) is dict or (item is not None and isinstance(item, Mapping)):
            yield i, item


def dig(obj: Any, path: Sequence[str]) -> Any:
    """The value at ``path`` below ``obj``; None where a step is missing or not a mapping."""
    for part in path:
        if not is_map(obj):
            return None
        obj = obj.get(part)
    return obj


def object_label(obj: Obj) -> str:
    """``Kind/name``, as every problem names its object (the kind alone when there is no name)."""
    kind = obj.get("kind")
    metadata = obj.get("metadata")
    name = (metadata if type(metadata) is dict else mapping(metadata)).get("name")
    kind = kind if isinstance(kind, str) and kind else "?"
    return f"{kind}/{name}" if isinstance(name, str) and name else kind


_ATOMS = (str, int, float, bool, type(None))


def copy_tree(value: Any) -> Any:
    """``copy.deepcopy`` of a tree of dicts, lists and JSON scalars, several times faster.

    Like deepcopy, a dict or list met twice (a YAML alias) is copied once and shared; anything
    other than dicts, lists and JSON scalars goes to deepcopy itself, with the same memo.
    """
    return _copy(value, {})


def _copy(value: Any, memo: dict[int, Any]) -> Any:
    kind = type(value)
    if kind is dict:
        known = memo.get(id(value))
        if known is not None:
            return known
        out: dict[Any, Any] = {}
        memo[id(value)] = out
        for key, item in value.items():
            out[key] = item if type(item) in _ATOMS else _copy(item, memo)
        return out
    if kind is list:
        known = memo.get(id(value))
        if known is not None:
            return known
        items: list[Any] = []
        memo[id(value)] = items
        items += [item if type(item) in _ATOMS else _copy(item, memo) for item in value]
        return items
    if kind in _ATOMS:
        return value
    return copy.deepcopy(value, memo)  # the same memo: what both met is copied once
