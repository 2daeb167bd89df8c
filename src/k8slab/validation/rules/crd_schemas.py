"""The ``openAPIV3Schema`` of a CustomResourceDefinition version, checked as the API server does on create.

From apiextensions-apiserver ``pkg/apis/apiextensions/validation/validation.go``
(``validateCustomResourceDefinitionValidation``, ``ValidateCustomResourceDefinitionOpenAPISchema``,
``specStandardValidatorV3.validate``, ``validateMapListKeysMapSet``) and ``pkg/apiserver/schema``
(``ValidateStructural``: ``validateStructuralInvariants``, ``validateStructuralMetadataInvariants``,
``validateNestedValueValidation``, ``validateStructuralCompleteness``), and
``pkg/apiserver/schema/defaulting/validation.go`` (``ValidateDefaults``):

- only OpenAPI v3 types; no ``$ref``, ``id``, ``patternProperties``, ``definitions``,
  ``dependencies``, ``additionalItems``, ``uniqueItems: true``, item arrays or ``type: null``;
  ``properties`` and ``additionalProperties`` (other than ``true``) are exclusive;
- a structural schema: a type for every field and item (unless int-or-string or preserving
  unknown fields), ``items`` for arrays, an object root without ``additionalProperties``, and
  under ``allOf``/``anyOf``/``oneOf``/``not`` no type, description, title, default, nullable,
  ``additionalProperties``, Kubernetes extension or ``metadata``; top-level ``metadata`` may only
  restrict ``name`` and ``generateName``; every property the root's junctors name exists;
- list and map types: ``x-kubernetes-list-type`` on arrays (atomic, set, map), map keys that are
  required or defaulted scalar item properties, atomic set items, no nullable set or map items;
  ``x-kubernetes-map-type`` (atomic, granular) on objects;
- ``x-kubernetes-validations``: a rule, one-line messages, known reasons, field paths that exist,
  rules that parse, no ``oldSelf`` where old and new values cannot be correlated;
- defaults: not in top-level ``metadata``/``apiVersion``/``kind``, nor below
  ``additionalProperties`` of metadata; each default valid against its schema and free of
  fields that pruning would drop;
- with the status subresource, only plain fields at the root.

Each problem's path starts at the schema's place (``spec.validation.openAPIV3Schema`` when every
version has the same schema, as the server converts such a CRD, else
``spec.versions[i].schema.openAPIV3Schema``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeGuard

from ._base import EMPTY, Findings, Path, mapping, seq, text

__all__ = ["check_schema", "field_path_node", "has_defaults"]


def is_map(value: Any) -> TypeGuard[Mapping[str, Any]]:
    """walk.is_map, faster on the None and scalars a schema walk mostly meets."""
    return type(value) is dict or (value is not None and isinstance(value, Mapping))


_TYPES = ("array", "boolean", "integer", "number", "object", "string")
_UNSUPPORTED = {
    "id": "id is not supported",
    "additionalItems": "additionalItems is not supported",
    "patternProperties": "patternProperties is not supported",
    "definitions": "definitions is not supported",
    "dependencies": "dependencies is not supported",
    "$ref": "$ref is not supported",
}
_META_FIELDS = ("metadata", "kind", "apiVersion")
_REASONS = ("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired")
_ROOT_WITH_STATUS = frozenset(
    {
        "description", "type", "format", "title", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf", "required",
        "items", "properties", "externalDocs", "example", "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-validations",
    }
)  # fmt: skip
"""allowedFieldsAtRootSchema, by their JSON names."""
_NESTED_FORBIDDEN = (
    ("type", "must be empty to be structural"),
    ("default", "must be undefined to be structural"),
    ("title", "must be empty to be structural"),
    ("description", "must be empty to be structural"),
    ("nullable", "must be false to be structural"),
    ("x-kubernetes-preserve-unknown-fields", "must be false to be structural"),
    ("x-kubernetes-embedded-resource", "must be false to be structural"),
    ("x-kubernetes-int-or-string", "must be false to be structural"),
    ("x-kubernetes-list-map-keys", "must be empty to be structural"),
    ("x-kubernetes-list-type", "must be undefined to be structural"),
    ("x-kubernetes-map-type", "must be undefined to be structural"),
    ("x-kubernetes-validations", "must be empty to be structural"),
)
_JUNCTORS = ("allOf", "anyOf", "oneOf")
_JUNCTOR_KEYS = frozenset((*_JUNCTORS, "not"))
_VALUE_KEYS = frozenset((*_JUNCTORS, "not", "pattern"))
_PLAIN_TYPES = frozenset((*_TYPES, None))
_STANDARD_KEYS = frozenset((*_UNSUPPORTED, "$schema", "default", "items", "x-kubernetes-embedded-resource"))
"""The fields specStandardValidatorV3.validate looks at, besides a type."""
_EXTENSION_KEYS = frozenset(
    (
        "x-kubernetes-preserve-unknown-fields",
        "x-kubernetes-map-type",
        "x-kubernetes-list-type",
        "x-kubernetes-list-map-keys",
    )
)


def _set(node: Mapping[str, Any], key: str) -> bool:
    """Whether ``key`` holds a value other than Go's zero value (null, false, "", empty list or map)."""
    value = node.get(key)
    return value is not None and value is not False and value != "" and value != [] and value != {}


def _given(node: Mapping[str, Any], key: str) -> bool:
    """Whether ``key`` is given at all (a Go pointer field: false counts, null does not)."""
    return node.get(key) is not None


def _props(node: Mapping[str, Any]) -> Mapping[str, Any]:
    properties = node.get("properties")
    return properties if type(properties) is dict else EMPTY if properties is None else mapping(properties)


def _items(node: Mapping[str, Any]) -> Mapping[str, Any] | None:
    items = node.get("items")
    return items if is_map(items) else None


def _extra(node: Mapping[str, Any]) -> Mapping[str, Any] | None:
    extra = node.get("additionalProperties")
    return extra if is_map(extra) else None


def _children(node: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every sub-schema of ``node``, structural or not (SchemaHas)."""
    for value in _props(node).values():
        if is_map(value):
            yield value
    for key in ("items", "additionalProperties", "not"):
        if is_map(node.get(key)):
            yield node[key]
    for key in (*_JUNCTORS, "items"):
        for value in seq(node.get(key)):
            if is_map(value):
                yield value


def has_defaults(node: Any) -> bool:
    """schemaHasDefaults: a ``default`` anywhere in the schema."""
    if not is_map(node):
        return False
    return node.get("default") is not None or any(has_defaults(child) for child in _children(node))


_UNSUPPORTED_KEYS = frozenset((*_UNSUPPORTED, "$schema"))


def has_unsupported(node: Any) -> bool:
    """Whether NewStructural fails on ``node``: a field it cannot represent (``$schema`` and the forbidden ones)."""
    pending = [node]
    while pending:
        current = pending.pop()
        if not is_map(current):
            continue
        if _UNSUPPORTED_KEYS & current.keys() and any(_set(current, key) for key in _UNSUPPORTED_KEYS):
            return True
        if isinstance(current.get("items"), list):
            return True
        pending += _children(current)
    return False


class _Walk:
    """One schema's walk (ValidateCustomResourceDefinitionOpenAPISchema), its state passed down."""

    def __init__(self, found: Findings) -> None:
        self.found = found
        self.count = 0
        self.deferred: list[tuple[Mapping[str, Any], Path, Sequence[Any], Path | None, list[Any], bool]] = []

    def add(self, path: Path, message: str) -> None:
        self.count += 1
        self.found.add(path, message)

    def node(
        self,
        node: Mapping[str, Any],
        path: Path,
        *,
        root: bool = False,
        inside_meta: bool = False,
        no_defaults: str | None = None,
        old_self_path: Path | None = None,
    ) -> None:
        before = self.count
        keys = node.keys()
        kind = node.get("type")
        if _STANDARD_KEYS & keys or not (kind is None or (isinstance(kind, str) and kind in _PLAIN_TYPES)):
            self.standard(node, path, inside_meta=inside_meta, no_defaults=no_defaults)
        if node.get("uniqueItems") is True:
            self.add((*path, "uniqueItems"), "must not be true: the runtime complexity becomes quadratic")
        extra = node.get("additionalProperties")
        if extra is not None:
            if _props(node) and (extra is False or is_map(extra)):
                self.add((*path, "additionalProperties"), "must not be set together with properties")
            if is_map(extra):
                reason = "inside additionalProperties applying to object metadata" if inside_meta else no_defaults
                self.node(
                    extra,
                    (*path, "additionalProperties"),
                    inside_meta=inside_meta,
                    no_defaults=reason,
                    old_self_path=old_self_path,
                )
        embedded = node.get("x-kubernetes-embedded-resource") is True
        properties = _props(node)
        if properties:
            sub_old = old_self_path if old_self_path is not None or _map_correlatable(node) else path
            for name, sub in properties.items():
                if not is_map(sub):
                    continue
                meta, reason = inside_meta, no_defaults
                if (root or embedded) and name in _META_FIELDS:
                    meta = True
                    reason = f"in top-level {name}" if root else reason
                self.node(sub, (*path, "properties", name), inside_meta=meta, no_defaults=reason, old_self_path=sub_old)
        if _JUNCTOR_KEYS & keys:
            if is_map(node.get("not")):
                self.node(node["not"], (*path, "not"), inside_meta=inside_meta, no_defaults=no_defaults)
            for junctor in _JUNCTORS:
                for i, sub in enumerate(seq(node.get(junctor))):
                    if is_map(sub):
                        self.node(sub, (*path, junctor, i), inside_meta=inside_meta, no_defaults=no_defaults)
        items = node.get("items")
        item_old = old_self_path
        if item_old is None and node.get("x-kubernetes-list-type") != "map":
            item_old = path
        if is_map(items):
            self.node(items, (*path, "items"), inside_meta=inside_meta, no_defaults=no_defaults, old_self_path=item_old)
        if _EXTENSION_KEYS & keys:
            self.extensions(node, path)
        if "x-kubernetes-validations" in keys:
            self.rules(node, path, schema_errors=self.count > before, old_self_path=old_self_path)

    def standard(self, node: Mapping[str, Any], path: Path, *, inside_meta: bool, no_defaults: str | None) -> None:
        """specStandardValidatorV3.validate."""
        kind = node.get("type")
        if isinstance(kind, str) and kind and kind not in _TYPES:
            self.add((*path, "type"), "must be one of: " + ", ".join(_TYPES))
        if node.get("default") is not None and no_defaults is not None:
            self.add((*path, "default"), f"must not be set {no_defaults}")
        for key, message in _UNSUPPORTED.items():
            if _set(node, key):
                self.add((*path, key), f"is forbidden: {message}")
                self.unsupported = True
        if _set(node, "$schema") or isinstance(node.get("items"), list):
            self.unsupported = True  # NewStructural fails
        if kind == "null":
            self.add((*path, "type"), "must not be null: use nullable instead")
        if isinstance(node.get("items"), list) and node["items"]:
            self.add((*path, "items"), "must be a schema object and not an array")
        if inside_meta and node.get("x-kubernetes-embedded-resource") is True:
            self.add((*path, "x-kubernetes-embedded-resource"), "must not be used inside of resource meta")

    def extensions(self, node: Mapping[str, Any], path: Path) -> None:
        """The list-type and map-type checks of ValidateCustomResourceDefinitionOpenAPISchema."""
        kind = text(node.get("type"))
        if node.get("x-kubernetes-preserve-unknown-fields") is False:
            self.add((*path, "x-kubernetes-preserve-unknown-fields"), "must be true or undefined")
        map_type = node.get("x-kubernetes-map-type")
        if map_type is not None and kind != "object":
            self.add((*path, "type"), "must be object if x-kubernetes-map-type is specified")
        if map_type is not None and map_type not in ("atomic", "granular"):
            self.add((*path, "x-kubernetes-map-type"), "must be one of: atomic, granular")
        list_type = node.get("x-kubernetes-list-type")
        items = _items(node)
        if list_type is not None and kind != "array":
            self.add((*path, "type"), "must be array if x-kubernetes-list-type is specified")
        elif list_type == "set" and items is not None:
            if items.get("type") == "array" and items.get("x-kubernetes-list-type") not in (None, "atomic"):
                self.add((*path, "items", "x-kubernetes-list-type"), "must be atomic as item of a list of type set")
            if items.get("type") == "object" and items.get("x-kubernetes-map-type") != "atomic":
                self.add((*path, "items", "x-kubernetes-map-type"), "must be atomic as item of a list of type set")
        if list_type is not None and list_type not in ("atomic", "set", "map"):
            self.add((*path, "x-kubernetes-list-type"), "must be one of: atomic, set, map")
        keys = [k for k in seq(node.get("x-kubernetes-list-map-keys"))]
        if keys and list_type is None:
            self.add((*path, "x-kubernetes-list-type"), "is required: must be map if x-kubernetes-list-map-keys is set")
        elif keys and list_type != "map":
            self.add((*path, "x-kubernetes-list-type"), "must be map if x-kubernetes-list-map-keys is set")
        if list_type == "map":
            self._map_list(node, path, keys, items)
        if list_type in ("set", "map") and items is not None:
            self._keys_and_items(node, path, keys, items)

    def _map_list(self, node: Mapping[str, Any], path: Path, keys: list[Any], items: Mapping[str, Any] | None) -> None:
        if not keys:
            self.add((*path, "x-kubernetes-list-map-keys"), "is required when x-kubernetes-list-type is map")
        raw = node.get("items")
        if raw is None:
            self.add((*path, "items"), "is required when x-kubernetes-list-type is map")
        elif items is None:
            self.add((*path, "items"), "must be a single schema when x-kubernetes-list-type is map")
        elif items.get("type") != "object":
            self.add((*path, "items", "type"), "must be object when the array's x-kubernetes-list-type is map")
        else:
            properties = _props(items)
            for index, key in enumerate(keys):
                sub = properties.get(key) if isinstance(key, str) else None
                if is_map(sub) and sub.get("type") in ("array", "object"):
                    self.add((*path, "items", "properties", key, "type"), "must be a scalar type: it is a list-map key")
                elif not is_map(sub):
                    self.add((*path, "x-kubernetes-list-map-keys"), "entries must all be names of item properties")
                if key in keys[:index]:
                    self.add((*path, "x-kubernetes-list-map-keys"), "must not contain duplicate entries")

    def _keys_and_items(self, node: Mapping[str, Any], path: Path, keys: list[Any], items: Mapping[str, Any]) -> None:
        """validateMapListKeysMapSet."""
        list_type = node.get("x-kubernetes-list-type")
        if items.get("nullable") is True:
            self.add((*path, "items", "nullable"), f"must not be true when x-kubernetes-list-type is {list_type}")
        if list_type != "map":
            return
        required = {name for name in seq(items.get("required")) if isinstance(name, str)}
        properties = _props(items)
        for key in keys:
            sub = properties.get(key) if isinstance(key, str) else None
            if not is_map(sub):
                continue
            if key not in required and sub.get("default") is None:
                self.add(
                    (*path, "items", "properties", key, "default"),
                    "is required: a list-map key must have a default or be a required property",
                )
            if sub.get("nullable") is True:
                self.add((*path, "items", "properties", key, "nullable"), "must not be true for a list-map key")

    def rules(self, node: Mapping[str, Any], path: Path, *, schema_errors: bool, old_self_path: Path | None) -> None:
        """The x-kubernetes-validations checks; compilation only where the schema has no problem."""
        entries_ = seq(node.get("x-kubernetes-validations"))
        if not entries_:
            return
        before = self.count
        bad_paths: list[tuple[Mapping[str, Any], Path]] = []
        for i, entry in enumerate(entries_):
            if not is_map(entry):
                continue
            where = (*path, "x-kubernetes-validations", i)
            rule, message = text(entry.get("rule")), text(entry.get("message"))
            expression = text(entry.get("messageExpression"))
            if not rule.strip():
                self.add((*where, "rule"), "is required: the rule is not specified")
            elif message and not message.strip():
                self.add((*where, "message"), "must be non-empty if specified")
            elif "\n" in message.strip() or "\r" in message.strip():
                self.add((*where, "message"), "must not contain line breaks")
            elif ("\n" in rule.strip() or "\r" in rule.strip()) and not message.strip():
                self.add((*where, "message"), "is required when the rule contains line breaks")
            if expression and not expression.strip():
                self.add((*where, "messageExpression"), "must be non-empty if specified")
            reason = entry.get("reason")
            if reason is not None and reason not in _REASONS:
                self.add((*where, "reason"), "must be one of: " + ", ".join(_REASONS))
            field_path = entry.get("fieldPath")
            if isinstance(field_path, str) and field_path:
                if not field_path.strip():
                    self.add((*where, "fieldPath"), "must be non-empty if specified")
                if "\n" in field_path or "\r" in field_path:
                    self.add((*where, "fieldPath"), "must not contain line breaks")
                if not _field_path_valid(node, field_path):
                    bad_paths.append((node, (*where, "fieldPath")))
        self.deferred.append(
            (node, path, entries_, old_self_path, bad_paths, not schema_errors and self.count == before)
        )

    def finish(self) -> None:
        """The checks that wait for the whole walk: field paths (pathValid) and compiling the rules.

        A field path is not checked in a schema NewStructural rejects; rules compile only where
        the schema is structural, its defaults valid and the node and those below it have no problem.
        """
        for node, path, entries_, old_self_path, bad_paths, clean in self.deferred:
            reported = False
            for where_node, where in bad_paths:
                if not (self.unsupported and has_unsupported(where_node)):
                    self.add(where, "must be a valid path")
                    reported = True
            if clean and not reported and not self.no_cel:
                self.compile(node, path, entries_, old_self_path)

    no_cel = False
    """Set when the schema is not structural: the server then compiles no rule."""
    unsupported = False
    """Set when the root schema has a field NewStructural rejects (then some of its nodes may too)."""

    def compile(self, node: Mapping[str, Any], path: Path, entries_: Sequence[Any], old_self_path: Path | None) -> None:
        """cel.Compile's verdict on each rule (parse errors only) and the oldSelf placement checks."""
        from ..cel.validator import _rule  # the CEL runtime loads only for CRDs with rules

        for i, entry in enumerate(entries_):
            if not is_map(entry) or not text(entry.get("rule")).strip():
                continue
            where = (*path, "x-kubernetes-validations", i)
            compiled = _rule(entry)
            if compiled.program is None:
                if compiled.error and compiled.error.startswith("messageExpression compile error"):
                    self.add((*where, "messageExpression"), f"must compile: {_compile_error(compiled.error)}")
                elif compiled.error and not compiled.error.startswith("fieldPath"):
                    self.add((*where, "rule"), f"must compile: {_compile_error(compiled.error)}")
                continue
            if compiled.error and compiled.error.startswith("messageExpression compile error"):
                self.add((*where, "messageExpression"), f"must compile: {_compile_error(compiled.error)}")
            unknown = _undeclared(compiled.program.variables(), text(entry.get("rule")))
            if unknown:
                self.add((*where, "rule"), f"must compile: undeclared reference to '{unknown}' (only self and oldSelf)")
                continue
            undefined = _undefined_field(node, text(entry.get("rule")))
            if undefined:
                self.add((*where, "rule"), f"must compile: undefined field '{undefined}' (not in the schema)")
                continue
            if compiled.uses_old_self:
                if old_self_path is not None:
                    from ...errors import format_path

                    within = format_path(old_self_path)
                    self.add(
                        (*where, "rule"),
                        f"must not use oldSelf on the uncorrelatable part of the schema within {within}",
                    )
            elif entry.get("optionalOldSelf") is not None and self.found.minor >= 30:
                # CRDValidationRatcheting, beta from 1.30: before, the server drops optionalOldSelf
                self.add((*where, "optionalOldSelf"), "may not be set if oldSelf is not used in rule")


_DECLARED = frozenset(
    {
        "self", "oldSelf",
        # library namespaces and type names, which the parser reads as identifiers
        "base64", "cel", "format", "google", "kubernetes", "lists", "math", "net", "optional", "sets", "strings",
        "bool", "bytes", "double", "dyn", "int", "list", "map", "null_type", "string", "type", "uint",
    }
)  # fmt: skip
_BOUND = re.compile(r"\.\s*[A-Za-z_]\w*\s*\(\s*([A-Za-z_]\w*)\s*,(?:\s*([A-Za-z_]\w*)\s*,)?")
"""The variables a macro binds: ``.all(x, ...)``, ``.transformMap(k, v, ...)``, ``cel.bind(x, ...)``."""


def _undeclared(variables: Any, rule: str) -> str | None:
    """The first identifier of a rule that is neither declared (self, oldSelf, a library) nor a macro's variable.

    cel-go's checker refuses it ("undeclared reference"); the variables a macro binds are read
    from the text generously, so a doubt is never a problem.
    """
    bound = {name for match in _BOUND.finditer(rule) for name in match.groups() if name}
    for name in sorted(str(v) for v in variables):
        if name not in _DECLARED and name not in bound and not name.startswith("_k8s"):
            return name
    return None


_SELF_CHAIN = re.compile(r"(?<![\w.'\"])(has\(\s*)?self((?:\s*\.\s*[A-Za-z_]\w*)+)(\s*\()?")
_META_FIELDS_SET = frozenset(_META_FIELDS)


def _code(rule: str) -> str:
    """The rule without its string literals (each becomes ``''``) and comments, to read its selections."""
    out, at = [], 0
    while at < len(rule):
        char = rule[at]
        if rule.startswith("//", at):
            end = rule.find("\n", at)
            at = len(rule) if end < 0 else end
            continue
        if char in "'\"":
            raw = at > 0 and rule[at - 1] in "rR"
            quote = rule[at : at + 3] if rule[at : at + 3] in ("'''", '"""') else char
            end = at + len(quote)
            while end < len(rule) and not rule.startswith(quote, end):
                end += 2 if rule[end] == "\\" and not raw else 1
            out.append("''")
            at = end + len(quote)
            continue
        out.append(char)
        at += 1
    return "".join(out)


def _undefined_field(node: Mapping[str, Any], rule: str) -> str | None:
    """The first field a ``self.a.b`` chain of the rule selects that the schema does not have.

    cel-go types ``self`` from the schema (SchemaDeclType: an object's fields are its properties,
    none when it has none) and refuses a selection of an undefined field. Only plain chains through
    objects (no map, no preserved unknown fields, no escaped names, not the meta fields, not inside
    ``has()``) are followed; a doubt is never a problem.
    """
    for match in _SELF_CHAIN.finditer(_code(rule)):
        if match.group(1):
            continue
        names = [part.strip() for part in match.group(2).split(".")[1:]]
        if match.group(3):
            names = names[:-1]  # the last name is a method: self.a.startsWith(...)
        current: Mapping[str, Any] | None = node
        for name in names:
            if current is None or "__" in name or name in _META_FIELDS_SET:
                break
            properties = current.get("properties", {})
            if (
                current.get("type") != "object"
                or not isinstance(properties, dict)
                or current.get("additionalProperties") is not None
                or current.get("x-kubernetes-preserve-unknown-fields") is True
                or current.get("x-kubernetes-int-or-string") is True
                or current.get("x-kubernetes-embedded-resource") is True
                or any(key in current for key in ("allOf", "anyOf", "oneOf", "not"))
            ):
                break
            sub = properties.get(name)
            if not is_map(sub):
                return name
            current = sub
    return None


def _compile_error(error: str) -> str:
    """The parser's error without the rule's own text: ``<input>:1:13: Syntax error: ...``."""
    at = error.find("<input>:")
    return error[at:] if at >= 0 else "syntax error"


def _map_correlatable(node: Mapping[str, Any]) -> bool:
    """cel.MapIsCorrelatable: maps of no, granular or atomic map type."""
    return node.get("x-kubernetes-map-type") in (None, "granular", "atomic")


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "'": "'", "\\": "\\"}


def _path_tokens(text_: str) -> Iterator[str]:
    """ValidFieldPath's scanner: ``.``, ``[`` and ``]`` alone, single-quoted strings whole, names between."""
    at = 0
    while at < len(text_):
        if text_[at] == "'":
            end = at + 1
            while end < len(text_) and not (text_[end] == "'" and text_[end - 1] != "\\"):
                end += 1
            yield text_[at : end + 1]
            at = end + 1
        elif text_[at] in ".[]":
            yield text_[at]
            at += 1
        else:
            end = at
            while end < len(text_) and text_[end] not in ".[]":
                end += 1
            yield text_[at:end]
            at = end


def _unquote(token: str) -> str | None:
    """unescapeSingleQuote of a quoted token's inside; None for an unknown escape."""
    out, at, inner = "", 0, token[1:-1]
    while at < len(inner):
        if inner[at] == "\\" and at + 1 < len(inner):
            if inner[at + 1] not in _ESCAPES:
                return None
            out += _ESCAPES[inner[at + 1]]
            at += 2
        else:
            out += inner[at]
            at += 1
    return out


def field_path_node(node: Mapping[str, Any], field_path: str, *, arrays: bool = True) -> Mapping[str, Any] | None:
    """The schema node a rule's ``fieldPath`` names, or None when it names none (cel.ValidFieldPath).

    Steps are ``.name`` or ``['name']`` (``arrays``: the bracket form is allowed); each names a
    property of an object with properties, or a key of a map (additionalProperties). Array items
    cannot be named: ``[0]`` is not a path.
    """
    tokens = list(_path_tokens(field_path))
    at, schema = 0, node
    while at < len(tokens):
        token = tokens[at]
        if token == "[":
            if not arrays or at + 2 >= len(tokens) or tokens[at + 2] != "]":
                return None
            quoted = tokens[at + 1]
            name = _unquote(quoted) if len(quoted) >= 2 and quoted[0] == quoted[-1] == "'" else None
            at += 3
        elif token == ".":
            if at + 1 >= len(tokens):
                return None
            name = tokens[at + 1]
            at += 2
        else:
            return None
        if name is None:
            return None
        properties, extra = schema.get("properties"), schema.get("additionalProperties")
        if properties is not None:
            sub = properties.get(name) if is_map(properties) else None
        elif extra is not None:
            sub = extra if is_map(extra) else {}
        else:
            return None
        if not is_map(sub):
            return None
        schema = sub
    return schema


def _field_path_valid(node: Mapping[str, Any], field_path: str) -> bool:
    """pathValid (a schema NewStructural rejects is not checked: the caller skips those)."""
    return field_path_node(node, field_path) is not None


def _structural(walk: _Walk, node: Mapping[str, Any], path: Path, level: str) -> None:
    """validateStructuralInvariants on the structural part (properties, items, additionalProperties)."""
    kind = text(node.get("type"))
    items = _items(node)
    if kind == "array" and items is None:
        walk.add((*path, "items"), "is required for an array")
    if items is not None:
        _structural(walk, items, (*path, "items"), "item")
    for name, sub in _props(node).items():
        if is_map(sub):
            _structural(walk, sub, (*path, "properties", name), "field")
    extra = node.get("additionalProperties")
    if extra is not None:  # false too: NewStructural keeps it as a StructuralOrBool
        if level == "root":
            walk.add((*path, "additionalProperties"), "must not be used at the root")
        if is_map(extra):
            _structural(walk, extra, (*path, "additionalProperties"), "field")
    int_or_string = node.get("x-kubernetes-int-or-string") is True
    preserve = node.get("x-kubernetes-preserve-unknown-fields") is True
    embedded = node.get("x-kubernetes-embedded-resource") is True
    if int_or_string and preserve:
        walk.add((*path, "x-kubernetes-preserve-unknown-fields"), "must be false if x-kubernetes-int-or-string is true")
    if int_or_string and embedded:
        walk.add((*path, "x-kubernetes-embedded-resource"), "must be false if x-kubernetes-int-or-string is true")
    if _VALUE_KEYS & node.keys():
        skip_any_of, skip_first = _int_or_string_any_of(node), _int_or_string_all_of(node)
        _value_validation(walk, node, path, skip_any_of=skip_any_of, skip_first=skip_first)
    if embedded and kind != "object":
        walk.add((*path, "type"), "must be object if x-kubernetes-embedded-resource is true")
    elif not kind and not int_or_string and not preserve:
        where = {"root": "at the root", "item": "for specified array items", "field": "for specified object fields"}
        walk.add((*path, "type"), f"is required: must not be empty {where[level]}")
    if embedded and extra is not None:
        walk.add((*path, "additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set")
    if level == "root" and kind and kind != "object":
        walk.add((*path, "type"), "must be object at the root")
    properties = _props(node)
    check_meta = level == "root" or embedded
    for field in ("kind", "apiVersion"):
        sub = properties.get(field)
        if check_meta and is_map(sub) and sub.get("type") != "string":
            walk.add((*path, "properties", field, "type"), "must be string")
    metadata = properties.get("metadata")
    if is_map(metadata):
        if check_meta and metadata.get("type") != "object":
            walk.add((*path, "properties", "metadata", "type"), "must be object")
        if level == "root" and not _plain_metadata(metadata):
            walk.add(
                (*path, "properties", "metadata"),
                "must not specify anything other than name and generateName, but metadata is implicitly specified",
            )
    if embedded and not preserve and not properties:
        walk.add((*path, "properties"), "is required when x-kubernetes-embedded-resource is true without "
                 "x-kubernetes-preserve-unknown-fields")  # fmt: skip


def _plain_metadata(metadata: Mapping[str, Any]) -> bool:
    """validateStructuralMetadataInvariants at the root: only type, default and name/generateName properties."""
    properties = _props(metadata)
    names = set(properties) <= {"name", "generateName"}
    for key, value in metadata.items():
        if key in ("type", "default") or value is None or value is False or value in ("", [], {}):
            continue
        if key == "properties" and names:
            continue
        return False
    return True


def _int_or_string_any_of(node: Mapping[str, Any]) -> bool:
    branches = seq(node.get("anyOf"))
    return len(branches) == 2 and branches == [{"type": "integer"}, {"type": "string"}]


def _int_or_string_all_of(node: Mapping[str, Any]) -> bool:
    branches = seq(node.get("allOf"))
    return bool(branches) and is_map(branches[0]) and _int_or_string_any_of(branches[0])


def _value_validation(walk: _Walk, node: Mapping[str, Any], path: Path, *, skip_any_of: bool, skip_first: bool) -> None:
    """validateValueValidation: the junctors' nested schemas, and the pattern."""
    if not skip_any_of:
        for i, sub in enumerate(seq(node.get("anyOf"))):
            _nested(walk, sub, (*path, "anyOf", i), skip_any_of=False)
    for i, sub in enumerate(seq(node.get("allOf"))):
        _nested(walk, sub, (*path, "allOf", i), skip_any_of=skip_first and i == 0)
    for i, sub in enumerate(seq(node.get("oneOf"))):
        _nested(walk, sub, (*path, "oneOf", i), skip_any_of=False)
    if node.get("not") is not None:
        _nested(walk, node.get("not"), (*path, "not"), skip_any_of=False)
    pattern = node.get("pattern")
    if isinstance(pattern, str) and not _re2_plausible(pattern):
        walk.add((*path, "pattern"), "must be a valid regular expression (RE2 syntax: no lookaround or backreference)")


def _re2_plausible(pattern: str) -> bool:
    """False for what Go's regexp/syntax refuses and Python's re would read: lookaround and backreferences.

    Lookaround is ``(?=``, ``(?!``, ``(?<=``, ``(?<!`` outside a character class; a backreference
    is ``\\8``, ``\\9`` or ``\\1``-``\\7`` not followed by an octal digit (``\\101`` is octal, which
    Go reads). Anything else is left to the server.
    """
    at, in_class = 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            following = pattern[at + 1 : at + 2]
            if following in ("8", "9"):
                return False
            if following in "1234567" and following and not pattern[at + 2 : at + 3].isdigit():
                return False
            if following and following in "1234567" and pattern[at + 2 : at + 3] in ("8", "9"):
                return False
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += 2 if pattern[at + 1 : at + 2] == "]" else 1  # a leading ] is a literal
            continue
        elif pattern[at : at + 3] in ("(?=", "(?!") or pattern[at : at + 4] in ("(?<=", "(?<!"):
            return False
        at += 1
    return True


def _nested(walk: _Walk, node: Any, path: Path, *, skip_any_of: bool) -> None:
    """validateNestedValueValidation."""
    if not is_map(node):
        return
    _value_validation(walk, node, path, skip_any_of=skip_any_of, skip_first=False)
    if is_map(node.get("items")):
        _nested(walk, node["items"], (*path, "items"), skip_any_of=False)
    for name, sub in _props(node).items():
        _nested(walk, sub, (*path, "properties", name), skip_any_of=False)
    for key, message in _NESTED_FORBIDDEN:
        if _set(node, key) or (key == "x-kubernetes-list-type" and _given(node, key)):
            walk.add((*path, key), f"is forbidden: {message}")
    extra = node.get("additionalProperties")
    if extra is True or is_map(extra):  # false reads as no additionalProperties in a junctor
        walk.add((*path, "additionalProperties"), "is forbidden: must be undefined to be structural")
    if "metadata" in _props(node):
        walk.add((*path, "properties", "metadata"), "is forbidden: must not be specified in a nested context")


def _completeness(walk: _Walk, root: Mapping[str, Any], path: Path) -> None:
    """validateStructuralCompleteness: what the root's junctors name exists in the structural schema."""

    def value(v: Mapping[str, Any], s: Mapping[str, Any] | None, s_path: Path, v_path: Path) -> None:
        if s is None:
            walk.add(s_path, f"is required: it is defined in {_format(v_path)}")
            return
        if is_map(v.get("not")):
            nested(v["not"], s, s_path, (*v_path, "not"))
        for junctor in _JUNCTORS:
            for i, sub in enumerate(seq(v.get(junctor))):
                if is_map(sub):
                    nested(sub, s, s_path, (*v_path, junctor, i))

    def nested(v: Mapping[str, Any], s: Mapping[str, Any] | None, s_path: Path, v_path: Path) -> None:
        if s is None:
            walk.add(s_path, f"is required: it is defined in {_format(v_path)}")
            return
        value(v, s, s_path, v_path)
        if is_map(v.get("items")):
            nested(v["items"], _items(s), (*s_path, "items"), (*v_path, "items"))
        properties = _props(s)
        for name, sub in _props(v).items():
            if not is_map(sub):
                continue
            if is_map(properties.get(name)):
                nested(sub, properties[name], (*s_path, "properties", name), (*v_path, "properties", name))
            else:
                walk.add(
                    (*s_path, "properties", name),
                    f"is required: it is defined in {_format((*v_path, 'properties', name))}",
                )

    value(root, root, path, path)


def _format(path: Path) -> str:
    from ...errors import format_path

    return format_path(path)


def check_schema(found: Findings, schema: Mapping[str, Any], path: Path, *, status: bool, kube_version: str) -> None:
    """validateCustomResourceDefinitionValidation for one ``openAPIV3Schema`` at ``path``."""
    from .crd_defaults import check_defaults

    walk = _Walk(found)
    start = len(found.problems)
    if status:
        kind = schema.get("type")
        if _set(schema, "type") and kind != "object":
            walk.add(
                (*path, "type"), 'must be "object" at the root of the schema when the status subresource is enabled'
            )
        elif any(_set(schema, key) and key not in _ROOT_WITH_STATUS for key in schema):
            walk.add(
                path, "must have only plain fields at the root of the schema when the status subresource is enabled"
            )
    if schema.get("nullable") is True:
        walk.add((*path, "nullable"), "must not be true at the root")
    walk.node(schema, path, root=True)
    structural = _Walk(found)
    _structural(structural, schema, path, "root")
    _completeness(structural, schema, path)
    walk.no_cel = structural.count > 0
    if structural.count == 0 and not walk.unsupported:
        before = len(found.problems)
        check_defaults(found, schema, path, kube_version)
        walk.no_cel = len(found.problems) > before
    walk.finish()
    if len(found.problems) == start and walk.unsupported:
        found.add(path, "must be a structural schema: it uses a field that is not supported")
