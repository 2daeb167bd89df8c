"""The ``default`` values of a CRD schema, checked as apiextensions-apiserver does on create.

Mirrors ``ValidateDefaults`` (``pkg/apiserver/schema/defaulting/validation.go``) for defaults
outside metadata: each default must survive pruning unchanged (``Prune``,
``pkg/apiserver/schema/pruning/algorithm.go``: no field the schema does not specify, unless
preserved), validate against its own schema node, and pass that node's CEL rules. Defaults
below ``additionalProperties`` are not followed, as there; defaults inside the metadata of
embedded resources are left out (the server validates them as part of a whole object).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any, TypeGuard

from ._base import Findings, Path, mapping

__all__ = ["check_defaults", "prune"]


def is_map(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """walk.is_map, faster on the None and scalars a schema walk mostly meets."""
    return type(value) is dict or (value is not None and isinstance(value, Mapping))


_META_FIELDS = ("apiVersion", "kind", "metadata")


def prune(value: Any, schema: Mapping[str, Any] | None, *, root: bool = False) -> None:
    """Drop, in place, the fields of ``value`` that ``schema`` does not specify (pruning.Prune)."""
    if root:
        schema = {**(schema or {}), "x-kubernetes-embedded-resource": True}
    _prune(value, schema)


def _prune(value: Any, schema: Mapping[str, Any] | None) -> None:
    """prune: unknown fields go, unless the schema preserves them."""
    if schema is not None and schema.get("x-kubernetes-preserve-unknown-fields") is True:
        _skip_prune(value, schema)
        return
    if isinstance(value, dict):
        if schema is None:
            value.clear()
            return
        embedded = schema.get("x-kubernetes-embedded-resource") is True
        properties, extra = mapping(schema.get("properties")), schema.get("additionalProperties")
        for key in list(value):
            if embedded and key in _META_FIELDS:
                continue
            if is_map(properties.get(key)):
                _prune(value[key], properties[key])
            elif extra is not None:
                _prune(value[key], extra if is_map(extra) else None)
            else:
                del value[key]
    elif isinstance(value, list):
        items = schema.get("items") if schema is not None else None
        for item in value:
            _prune(item, items if is_map(items) else None)


def _skip_prune(value: Any, schema: Mapping[str, Any]) -> None:
    """skipPrune: unknown fields stay; the specified ones are pruned below."""
    if isinstance(value, dict):
        embedded = schema.get("x-kubernetes-embedded-resource") is True
        properties, extra = mapping(schema.get("properties")), schema.get("additionalProperties")
        for key, item in value.items():
            if embedded and key in _META_FIELDS:
                continue
            if is_map(properties.get(key)):
                _prune(item, properties[key])
            elif extra is not None:
                _prune(item, extra if is_map(extra) else None)
    elif isinstance(value, list):
        items = schema.get("items")
        if is_map(items):
            for item in value:
                _skip_prune(item, items)


def _one(found: Findings, node: Mapping[str, Any], path: Path, kube_version: str) -> None:
    from ..schema import node_problems

    default = node["default"]
    if isinstance(default, dict | list):
        pruned = copy.deepcopy(default)
        prune(pruned, node, root=node.get("x-kubernetes-embedded-resource") is True)
        if pruned != default:
            found.add((*path, "default"), "must not have unknown fields")
    elif _plain_scalar_valid(node, default):
        return  # the usual default: a scalar of the node's type, within its enum and bounds
    problems = [(p, m) for p, m in node_problems(node, default) if not m.startswith("unknown field")]
    if problems:  # unknown fields are pruning's (above); the server validates the default as it is
        sub, message = problems[0]
        found.add((*path, "default", *sub), message)
        return
    if _has_rules(node):
        from ..cel import CelValidator

        for sub, message in CelValidator(node, kube_version=kube_version).problems_of(default):
            found.add((*path, "default", *sub), message)


_PLAIN_KEYS = frozenset(("type", "description", "default", "enum", "format", "minimum", "maximum", "title", "example"))
_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}


def _plain_scalar_valid(node: Mapping[str, Any], value: Any) -> bool:
    """Whether a scalar default plainly fits a node of only a type, an enum and bounds (else the schema decides)."""
    if not node.keys() <= _PLAIN_KEYS or node.get("format") in ("int32", "int64"):
        return False
    kind = node.get("type")
    types = _TYPES.get(kind) if isinstance(kind, str) else None
    if types is None or not isinstance(value, types) or (isinstance(value, bool) and node.get("type") != "boolean"):
        return False
    enum = node.get("enum")
    if enum is not None and (
        not isinstance(enum, list) or value not in enum or not any(type(e) is type(value) for e in enum)
    ):
        return False
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None or high is not None:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        if (isinstance(low, int | float) and value < low) or (isinstance(high, int | float) and value > high):
            return False
        if not all(isinstance(b, int | float) for b in (low, high) if b is not None):
            return False
    return True


def _has_rules(node: Any) -> bool:
    if not is_map(node):
        return False
    if node.get("x-kubernetes-validations"):
        return True
    children = [*mapping(node.get("properties")).values(), node.get("items"), node.get("additionalProperties")]
    return any(_has_rules(child) for child in children) or any(_has_rules(b) for b in node.get("allOf") or ())


def check_defaults(found: Findings, schema: Mapping[str, Any], path: Path, kube_version: str) -> None:
    """ValidateDefaults of one structural ``openAPIV3Schema`` (the resource root) at ``path``."""
    _walk(found, schema, path, kube_version, inside_meta=False, root=True)


def _walk(
    found: Findings, node: Mapping[str, Any], path: Path, kube_version: str, *, inside_meta: bool, root: bool
) -> None:
    embedded = root or node.get("x-kubernetes-embedded-resource") is True
    if embedded:
        inside_meta = False
    if node.get("default") is not None and not inside_meta and not root:
        _one(found, node, path, kube_version)
    items = node.get("items")
    if is_map(items):
        _walk(found, items, (*path, "items"), kube_version, inside_meta=inside_meta, root=False)
    for name, sub in mapping(node.get("properties")).items():
        if is_map(sub):
            meta = inside_meta or (embedded and name in _META_FIELDS)
            _walk(found, sub, (*path, "properties", name), kube_version, inside_meta=meta, root=False)
