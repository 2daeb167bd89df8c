"""Structural-schema semantics of custom resources, in the order the API server applies them.

The API server decodes a custom resource, drops the nulls of non-nullable fields that have no
default, fills in the schema's ``default`` values (KEP-575), and only then validates the
object: the OpenAPI schema, embedded resources, ``x-kubernetes-list-type`` uniqueness and,
last, the CEL rules (see :mod:`k8slab.validation.cel`). This module holds the steps that are
not plain JSON Schema:

- :func:`defaulted`: a pruned and defaulted deep copy (the user's dict is never changed);
- :func:`list_problems`: ``x-kubernetes-list-type`` ``set`` and ``map`` uniqueness;
- :func:`embedded_problems`: apiVersion, kind and metadata of ``x-kubernetes-embedded-resource``.

Schemas are the CRD version's ``openAPIV3Schema`` as plain dicts. Like the server, only the
structural part is walked (``properties``, ``items``, ``additionalProperties``); ``allOf`` and
the other junctors carry no defaults or list types.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .walk import copy_tree

__all__ = ["Memo", "PathMessage", "defaulted", "embedded_problems", "list_problems"]

Schema = Mapping[str, Any]
PathMessage = tuple[list[str | int], str]
"""A problem as (field path parts, message)."""

_MISSING = object()
_DNS1035 = re.compile(r"[a-z]([-a-z0-9]*[a-z0-9])?")
_GROUP_VERSION = re.compile(r"[^/]+(/[^/]+)?")


def _field_schema(schema: Schema | None, name: str) -> Schema | None:
    """The schema of field ``name`` of an object: its property, else additionalProperties.

    Mirrors getSchemaForField in apiextensions-apiserver pkg/apiserver/schema/defaulting/prunenulls.go.
    """
    if schema is None:
        return None
    properties = schema.get("properties")
    if isinstance(properties, Mapping) and isinstance(properties.get(name), Mapping):
        found: Schema = properties[name]
        return found
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, Mapping) else None


def _items(schema: Schema | None) -> Schema | None:
    items = schema.get("items") if schema is not None else None
    return items if isinstance(items, Mapping) else None


def _prune_nulls(value: Any, schema: Schema | None) -> None:
    """Drop nulls of non-nullable fields without a default, in place.

    Mirrors PruneNonNullableNullsWithoutDefaults (pkg/apiserver/schema/defaulting/prunenulls.go):
    array items are never dropped; nulls that have a default are left for :func:`_default`.
    """
    if isinstance(value, dict):
        for key in list(value):
            sub = _field_schema(schema, key)
            if value[key] is None and sub is not None and not sub.get("nullable") and sub.get("default") is None:
                del value[key]
            else:
                _prune_nulls(value[key], sub)
    elif isinstance(value, list):
        for item in value:
            _prune_nulls(item, _items(schema))


def _default(value: Any, schema: Schema | None) -> None:
    """Fill in ``default`` values in place: missing fields, and nulls of non-nullable fields.

    Mirrors Default (pkg/apiserver/schema/defaulting/algorithm.go): defaults are deep-copied,
    and defaults inside a default (or inside array items and map values) apply too.
    """
    if schema is None:
        return
    if isinstance(value, dict):
        properties = schema.get("properties")
        properties = properties if isinstance(properties, Mapping) else {}
        for key, prop in properties.items():
            if not isinstance(prop, Mapping) or prop.get("default") is None:
                continue
            current = value.get(key, _MISSING)
            if current is _MISSING or (current is None and not prop.get("nullable")):
                value[key] = copy_tree(prop["default"])
        extra = schema.get("additionalProperties")
        for key in list(value):
            if isinstance(properties.get(key), Mapping):
                _default(value[key], properties[key])
            elif isinstance(extra, Mapping):
                if value[key] is None and not extra.get("nullable") and extra.get("default") is not None:
                    value[key] = copy_tree(extra["default"])
                _default(value[key], extra)
    elif isinstance(value, list):
        items = _items(schema)
        if items is None:
            return
        for index, item in enumerate(value):
            if item is None and not items.get("nullable") and items.get("default") is not None:
                value[index] = copy_tree(items["default"])
            _default(value[index], items)


def defaulted(obj: Mapping[str, Any], schema: Schema) -> dict[str, Any]:
    """A deep copy of ``obj`` with non-nullable nulls pruned and the schema's defaults applied.

    The API server's order: PruneNonNullableNullsWithoutDefaults, then Default. The top-level
    ``apiVersion``, ``kind`` and ``metadata`` are left as they are.
    """
    copied: dict[str, Any] = copy_tree(dict(obj))
    _prune_nulls(copied, schema)
    _default(copied, schema)
    return copied


Memo = dict[tuple[int, str], bool]
"""Which schema nodes (by id, while the schema lives) contain a keyword somewhere below them."""


def _contains(schema: Schema, keyword: str, memo: Memo) -> bool:
    """Whether ``keyword`` appears anywhere in the structural part of ``schema``."""
    known = memo.get((id(schema), keyword))
    if known is not None:
        return known
    properties = schema.get("properties")
    children = [*(properties.values() if isinstance(properties, Mapping) else ())]
    children += [schema.get("items"), schema.get("additionalProperties")]
    found = keyword in schema or any(_contains(c, keyword, memo) for c in children if isinstance(c, Mapping))
    memo[(id(schema), keyword)] = found
    return found


def _walk(
    value: Any, schema: Schema | None, path: list[str | int], keyword: str, memo: Memo
) -> Iterator[tuple[Any, Schema, list[str | int]]]:
    """(value, schema, path) of the structural part of a schema, parents first, where ``keyword`` may apply."""
    if schema is None or not _contains(schema, keyword, memo):
        return
    yield value, schema, path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, _field_schema(schema, key), [*path, key], keyword, memo)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, _items(schema), [*path, index], keyword, memo)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def list_problems(obj: Any, schema: Schema, memo: Memo | None = None) -> list[PathMessage]:
    """Duplicates in ``x-kubernetes-list-type: set`` and ``map`` arrays (by their list-map keys).

    Mirrors ValidateListSetsAndMaps (pkg/apiserver/schema/listtype/validation.go). The message
    names the key fields, not the duplicated value. ``memo`` may be kept across calls with the
    same (living) schema, to skip the parts of it without list types faster.
    """
    found: list[PathMessage] = []
    for value, sub, path in _walk(obj, schema, [], "x-kubernetes-list-type", {} if memo is None else memo):
        list_type = sub.get("x-kubernetes-list-type")
        if not isinstance(value, list) or list_type not in ("set", "map"):
            continue
        if list_type == "map":
            bad = next((i for i, item in enumerate(value) if item is not None and not isinstance(item, dict)), None)
            if bad is not None:
                found.append(([*path, bad], "Invalid value: must be an object for an array of list-type map"))
                continue
        given = sub.get("x-kubernetes-list-map-keys")
        keys = [str(k) for k in given] if isinstance(given, list) else []
        seen: dict[str, int] = {}
        for index, item in enumerate(value):
            if list_type == "set":
                token = _canonical(item)
            else:
                fields = item if isinstance(item, dict) else {}
                token = _canonical([fields.get(k, "<unset>") for k in keys])
            seen[token] = seen.get(token, 0) + 1
            if seen[token] == 2:  # the server reports the first repeat of each value once
                what = f"the same {', '.join(keys)} as an earlier item" if list_type == "map" else "an earlier item"
                found.append(([*path, index], f"Duplicate value: repeats {what}"))
    return found


def _path_segment_problem(name: str) -> str | None:
    """Mirrors content.IsPathSegmentName: not ``.`` or ``..``, no ``/`` or ``%``."""
    if name in (".", ".."):
        return f"may not be '{name}'"
    for char in "/%":
        if char in name:
            return f"may not contain '{char}'"
    return None


def _embedded(value: dict[str, Any], path: list[str | int]) -> Iterator[PathMessage]:
    """Mirrors validateEmbeddedResource (pkg/apiserver/schema/objectmeta/validation.go)."""
    for field in ("apiVersion", "kind"):
        if field not in value:
            yield [*path, field], "Required value"
    api_version, kind = value.get("apiVersion", ""), value.get("kind", "")
    if "apiVersion" in value:
        if not isinstance(api_version, str):
            yield [*path, "apiVersion"], "Invalid value: must be a string"
        elif not api_version:
            yield [*path, "apiVersion"], "Invalid value: must not be empty"
        elif not _GROUP_VERSION.fullmatch(api_version):
            yield [*path, "apiVersion"], "Invalid value: unexpected GroupVersion string"
    if "kind" in value:
        if not isinstance(kind, str):
            yield [*path, "kind"], "Invalid value: must be a string"
        elif not kind:
            yield [*path, "kind"], "Invalid value: must not be empty"
        elif not _DNS1035.fullmatch(kind.lower()) or len(kind) > 63:
            yield [*path, "kind"], "Invalid value: may have mixed case, but should otherwise match a DNS-1035 label"
    metadata = value.get("metadata")
    if "metadata" in value and not isinstance(metadata, dict):
        yield [*path, "metadata"], "Invalid value: must be an object"
    elif isinstance(metadata, dict):
        yield from _embedded_meta(metadata, [*path, "metadata"])


_META_STRINGS = ("name", "generateName", "namespace", "uid", "resourceVersion", "selfLink")
_ANNOTATIONS_MAX_BYTES = 256 * 1024


def _embedded_meta(metadata: dict[str, Any], path: list[str | int]) -> Iterator[PathMessage]:
    """GetObjectMeta, then ValidateObjectMeta with path-segment names (objectmeta.validateEmbeddedResource).

    The namespace is a DNS-1123 label, labels and annotations have valid keys (and label values),
    annotations stay within 256 KiB. Fields of the wrong type make the metadata unreadable.
    """
    from ..syntax import check_dns_label, check_label_key, check_label_value

    for field in _META_STRINGS:
        if metadata.get(field) is not None and not isinstance(metadata[field], str):
            yield path, "Invalid value: must be valid ObjectMeta"
            return
    for field in ("labels", "annotations"):
        given = metadata.get(field)
        if given is not None and (
            not isinstance(given, dict) or not all(isinstance(v, str) or v is None for v in given.values())
        ):
            yield path, "Invalid value: must be valid ObjectMeta"
            return
    for field in ("name", "generateName"):
        name = metadata.get(field)
        if isinstance(name, str) and (problem := _path_segment_problem(name)):
            yield [*path, field], f"Invalid value: {problem}"
    namespace = metadata.get("namespace")
    if namespace:
        try:
            check_dns_label(namespace)
        except ValueError as err:
            yield [*path, "namespace"], f"Invalid value: {err}"
    for key, label in (metadata.get("labels") or {}).items():
        if not isinstance(key, str):
            continue
        for check, item in ((check_label_key, key), (check_label_value, label or "")):
            try:
                check(item)
            except ValueError as err:
                yield [*path, "labels"], f"Invalid value: {err}"
    total = 0
    for key, note in (metadata.get("annotations") or {}).items():
        if not isinstance(key, str):
            continue
        total += len(key.encode()) + len((note or "").encode())
        try:
            check_label_key(key.lower())
        except ValueError as err:
            yield [*path, "annotations"], f"Invalid value: {str(err).replace('a label key', 'an annotation key')}"
    if total > _ANNOTATIONS_MAX_BYTES:
        yield [*path, "annotations"], f"Too long: must have at most {_ANNOTATIONS_MAX_BYTES} bytes"


def embedded_problems(obj: Any, schema: Schema, memo: Memo | None = None) -> list[PathMessage]:
    """Problems of ``x-kubernetes-embedded-resource`` objects below the root: TypeMeta and metadata.

    Mirrors objectmeta.Validate with isResourceRoot false (the root's own metadata is checked
    as ObjectMeta by the schema).
    """
    found: list[PathMessage] = []
    for value, sub, path in _walk(obj, schema, [], "x-kubernetes-embedded-resource", {} if memo is None else memo):
        if path and isinstance(value, dict) and sub.get("x-kubernetes-embedded-resource") is True:
            found += _embedded(value, path)
    return found
