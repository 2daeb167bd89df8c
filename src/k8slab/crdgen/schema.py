"""One CRD version's schema as classes and fields: nested objects, enums, constraints, maps and lists.

Class names are the kind (plus a version suffix for a non-storage version) followed by the
field path in PascalCase: ``spec.rules[].matches[]`` of HTTPRoute is ``HTTPRouteSpecRulesMatches``.
A path whose name would pass ``MAX_NAME`` characters is named after its shortest unique tail
instead: its last two fields, else its last one, else more (``ChallengeAffinityPodAffinity``). Within one kind, objects
whose schemas (descriptions included) are equal share one class, named after the shortest
path they appear at (then the storage version, then the first name in sorted order): a
version equal to the storage version shares all its classes and names.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .names import class_part, field_name
from .text import py_str

__all__ = ["MAX_NAME", "ClassSpec", "FieldSpec", "KindWalker", "Registry"]

MAX_NAME = 50
"""Longer path names are shortened to their shortest unique tail."""
_NESTED = re.compile(r"Nested\[(\w+)\]")
_EMBEDDED = {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}}


@dataclass
class FieldSpec:
    """One field of a generated class."""

    py: str
    """Python name (snake_case)."""
    key: str
    """YAML name (the CRD's own)."""
    annotation: str
    """The type, as Python source."""
    default: str | None
    """The default, as Python source; None for a required field."""
    doc: str
    """The description."""

    @property
    def plain(self) -> str:
        """The attribute's type: ``annotation`` without ``Nested[...]`` (which also accepts a dict)."""
        return _NESTED.sub(r"\1", self.annotation)


@dataclass
class ClassSpec:
    """One generated nested class."""

    name: str
    doc: str
    fields: list[FieldSpec]
    open: bool = False
    """Unknown fields are kept (``x-kubernetes-preserve-unknown-fields``)."""


@dataclass
class Registry:
    """The names and classes of one module, in the order they must be written."""

    taken: set[str] = field(default_factory=set)
    classes: list[ClassSpec] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    """Names the module must import (``Literal``, ``Nested``, ``fmt``, ...)."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Type source -> the module-level alias that names it (constrained strings, long enums)."""
    names: dict[str, str] = field(default_factory=dict)
    """Alias names decided by a first pass."""
    hints: dict[str, Counter[str]] = field(default_factory=dict)
    """Type source -> the field names it is used for, counted."""

    def alias(self, source: str, hint: str) -> str:
        """A module-level name for the type ``source`` (``_SectionName``), one per distinct type.

        A first pass records the fields each type is used for (``hints``); the module is then
        generated again with ``names`` set from them (see ``alias_names``).
        """
        self.hints.setdefault(source, Counter())[hint] += 1
        known = self.aliases.get(source)
        if known is None:
            preset = self.names.get(source)
            known = self.claim([preset] if preset else [f"_{class_part(hint)}"])
            self.aliases[source] = known
        return known

    def alias_names(self) -> dict[str, str]:
        """Each alias named after the field that uses it most (then the first in sorted order)."""
        taken: set[str] = set()
        names = {}
        for source, hints in self.hints.items():
            best = min(hints.items(), key=lambda item: (-item[1], item[0]))[0]
            name = base = f"_{class_part(best)}"
            n = 2
            while name in taken or name in self.taken - set(self.aliases.values()):
                name, n = f"{base}{n}", n + 1
            taken.add(name)
            names[source] = name
        return names

    def claim(self, candidates: list[str]) -> str:
        """The first free name among ``candidates``, else the last one with a number."""
        for name in candidates:
            if name not in self.taken:
                self.taken.add(name)
                return name
        n = 2
        while f"{candidates[-1]}{n}" in self.taken:
            n += 1
        self.taken.add(f"{candidates[-1]}{n}")
        return f"{candidates[-1]}{n}"


def _scalar_default(node: Mapping[str, Any]) -> str | None:
    """A default that can be a Python default (a scalar of the node's type), as source."""
    if "default" not in node:
        return None
    value = node["default"]
    kind = node.get("type")
    if isinstance(value, bool):
        return repr(value) if kind == "boolean" else None
    if (isinstance(value, int) and kind in ("integer", "number")) or (isinstance(value, float) and kind == "number"):
        return repr(value)
    if isinstance(value, str) and (kind == "string" or node.get("x-kubernetes-int-or-string")):
        if "enum" in node and value not in node["enum"]:
            return None
        return py_str(value)
    if isinstance(value, int) and node.get("x-kubernetes-int-or-string"):
        return repr(value)
    return None


class KindWalker:
    """Turns the schemas of one kind's versions into classes; identical objects share one class."""

    def __init__(self, registry: Registry, kind: str) -> None:
        self.registry = registry
        self.kind = kind
        self._shapes: dict[str, str] = {}
        self._best: dict[str, tuple[str, list[str]]] = {}

    def _use(self, *names: str) -> None:
        self.registry.used.update(names)

    def prepare(self, roots: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Note every object of the kind's versions (``(prefix, top-level properties)``, storage first).

        An object met at several paths is named after the shortest one (then the earliest version).
        """
        found: dict[str, tuple[int, int, str, str, list[str]]] = {}

        def visit(node: Any, prefix: str, order: int, path: list[str]) -> None:
            if not isinstance(node, Mapping):
                return
            if node.get("properties") or node.get("x-kubernetes-embedded-resource") is True:
                key = json.dumps(node, sort_keys=True)
                name = prefix + "".join(class_part(p) for p in path)
                candidate = (len(path), order, name, prefix, path)
                if key not in found or candidate[:3] < found[key][:3]:
                    found[key] = candidate
                for child, sub in (node.get("properties") or {}).items():
                    visit(sub, prefix, order, [*path, child])
            visit(node.get("items"), prefix, order, path)
            visit(node.get("additionalProperties"), prefix, order, path)

        for order, (prefix, properties) in enumerate(roots):
            for key in sorted(properties):
                visit(properties[key], prefix, order, [key])
        self._best = {key: (prefix, path) for key, (_, _, _, prefix, path) in found.items()}

    def object_class(self, node: Mapping[str, Any], prefix: str, path: list[str]) -> str:
        """The class of an object node (written before any class that uses it)."""
        key = json.dumps(node, sort_keys=True)
        known = self._shapes.get(key)
        if known is not None:
            return known
        prefix, path = self._best.get(key, (prefix, path))
        parts = [class_part(p) for p in path]
        candidates = [prefix + "".join(parts)]
        if len(candidates[0]) > MAX_NAME:
            tails = [prefix + "".join(parts[-k:]) for k in (2, 1, *range(3, len(parts) + 1))]
            candidates = [n for n in tails if len(n) <= MAX_NAME] + tails
        name = self.registry.claim(candidates)
        self._shapes[key] = name
        properties: Mapping[str, Any] = node.get("properties") or {}
        if node.get("x-kubernetes-embedded-resource") is True:
            properties = {**_EMBEDDED, **properties}
        required = set(node.get("required") or ())
        fields: list[FieldSpec] = []
        taken: set[str] = set()
        for key_name in sorted(properties):
            child = properties[key_name]
            py = field_name(key_name, taken)
            taken.add(py)
            fields.append(self.field(key_name, py, child, key_name in required, prefix, [*path, key_name]))
        doc = str(node.get("description") or f"``{'.'.join(path)}`` of {self.kind}.")
        preserve = node.get("x-kubernetes-preserve-unknown-fields") is True
        self.registry.classes.append(ClassSpec(name, doc, fields, open=preserve))
        return name

    def field(
        self, key: str, py: str, node: Mapping[str, Any], required: bool, prefix: str, path: list[str]
    ) -> FieldSpec:
        """A field: its type, and its default (the CRD's scalar default, else None unless required)."""
        annotation = self.annotation(node, prefix, path)
        default = _scalar_default(node)
        if default is None and not required:
            default = "None"
            if not annotation.endswith("| None"):
                annotation += " | None"
        return FieldSpec(py, key, annotation, default, str(node.get("description") or ""))

    def annotation(self, node: Mapping[str, Any], prefix: str, path: list[str]) -> str:
        """The Python type of a schema node."""
        base = self._base(node, prefix, path)
        return f"{base} | None" if node.get("nullable") is True and base != "JsonValue" else base

    def _constrained(self, base: str, node: Mapping[str, Any], limits: Mapping[str, str], hint: str) -> str:
        args = []
        for schema_key, arg in limits.items():
            if (
                schema_key in node
                and isinstance(node[schema_key], int | float)
                and not isinstance(node[schema_key], bool)
            ):
                value = node[schema_key]
                if schema_key == "minimum" and node.get("exclusiveMinimum") is True:
                    arg = "gt"
                if schema_key == "maximum" and node.get("exclusiveMaximum") is True:
                    arg = "lt"
                args.append(f"{arg}={value!r}")
        if isinstance(node.get("pattern"), str) and base == "str":
            args.append(f"pattern={py_str(node['pattern'])}")
        extra = []
        if args:
            self._use("Field")
            extra.append(f"Field({', '.join(args)})")
        if base == "str" and isinstance(node.get("format"), str):
            self._use("fmt")
            extra.append(f"fmt({py_str(node['format'])})")
        if not extra:
            return base
        self._use("Annotated")
        source = f"Annotated[{base}, {', '.join(extra)}]"
        return source if base.startswith("Sequence[") else self.registry.alias(source, hint)

    def _base(self, node: Mapping[str, Any], prefix: str, path: list[str]) -> str:
        kind = node.get("type")
        hint = path[-1] if path else "Value"
        if node.get("x-kubernetes-int-or-string") is True:
            return "int | str"
        if "enum" in node and isinstance(node["enum"], list) and kind in ("string", "integer"):
            values = [v for v in node["enum"] if v is not None]
            if values:
                self._use("Literal")
                source = "Literal[" + ", ".join(py_str(v) if isinstance(v, str) else repr(v) for v in values) + "]"
                return source if len(source) <= 60 else self.registry.alias(source, path[-1] if path else "Enum")
        preserve = node.get("x-kubernetes-preserve-unknown-fields") is True
        if kind == "object" or node.get("x-kubernetes-embedded-resource") is True:
            if node.get("properties") or node.get("x-kubernetes-embedded-resource") is True:
                self._use("Nested")
                return f"Nested[{self.object_class(node, prefix, path)}]"
            extra = node.get("additionalProperties")
            if isinstance(extra, Mapping) and not preserve:
                self._use("Mapping")
                return f"Mapping[str, {self.annotation(extra, prefix, path)}]"
            self._use("Mapping", "JsonValue")
            return "Mapping[str, JsonValue]"
        if kind == "array":
            items = node.get("items")
            inner = self.annotation(items, prefix, path) if isinstance(items, Mapping) else "JsonValue"
            if inner == "JsonValue":
                self._use("JsonValue")
            self._use("Sequence")
            return self._constrained(
                f"Sequence[{inner}]", node, {"minItems": "min_length", "maxItems": "max_length"}, ""
            )
        if kind == "string":
            return self._constrained("str", node, {"minLength": "min_length", "maxLength": "max_length"}, hint)
        if kind == "integer":
            return self._constrained("int", node, {"minimum": "ge", "maximum": "le"}, hint)
        if kind == "number":
            return "int | float"
        if kind == "boolean":
            return "bool"
        self._use("JsonValue")
        return "JsonValue"
