"""Strict OpenAPI schema validation of Kubernetes objects given as plain dicts.

Built-in kinds are checked against the ``-strict`` JSON schemas bundled with the
``kubernetes-validate`` package (every object schema there forbids unknown fields); custom
resources against the ``openAPIV3Schema`` of their CustomResourceDefinition, made strict the
same way. Each (apiVersion, kind) is compiled once with ``jsonschema_rs`` and reused.

Problems carry API-server style paths, and their messages are built from the kind of error
alone, so they never contain the offending value (Secret data cannot leak).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Collection, Iterator, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from k8slab.errors import Problem, UsageError, format_path
from k8slab.validation.custom import CustomSchema, not_served
from k8slab.validation.jsonschema_import import import_jsonschema_rs
from k8slab.validation.versions import DEFAULT_KUBE_VERSION
from k8slab.validation.versions import normalize as _normalize
from k8slab.validation.walk import copy_tree

import_jsonschema_rs()  # first, without the email package jsonschema_rs would load for its build date
import jsonschema_rs  # noqa: E402
from jsonschema_rs import ValidationError, ValidationErrorKind  # noqa: E402

__all__ = [
    "DEFAULT_KUBE_VERSION",
    "STILL_MARKED_REQUIRED",
    "UNENFORCED_REQUIRED",
    "SchemaValidator",
    "node_problems",
    "supported_versions",
    "validator_for",
]

_DEFS_URI = "https://kubernetes.io/api/_definitions.json"
_OBJECT_META = f"{_DEFS_URI}#/$defs/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"
_DIR_RE = re.compile(r"v(\d+)\.(\d+)\.(\d+)-local-strict")
_EMBEDDED = {"apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"}}
_LIMITS = {
    "minLength": "must be at least {} characters long",
    "maxLength": "must be at most {} characters long",
    "minItems": "must have at least {} items",
    "maxItems": "must have at most {} items",
    "minProperties": "must have at least {} fields",
    "maxProperties": "must have at most {} fields",
    "minimum": "must be greater than or equal to {}",
    "maximum": "must be less than or equal to {}",
    "exclusiveMinimum": "must be greater than {}",
    "exclusiveMaximum": "must be less than {}",
    "multipleOf": "must be a multiple of {}",
    "pattern": "must match the pattern {}",
    "format": "must be a valid {}",
}
_FIXED = {
    "uniqueItems": "must not contain duplicate items",
    "falseSchema": "is not allowed",
    "not": "must not match the forbidden schema",
    "contains": "must contain a matching item",
}

_INTEGER_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_RANGE_MESSAGES = {
    bound: f"must be a {bits[3:]}-bit integer ({low} to {high})"
    for bits, (low, high) in _INTEGER_RANGES.items()
    for bound in (low, high)
}

Key = tuple[str, str]
FieldPath = list[str | int]

_CONDITION = ("type", "status")
_APIEXTENSIONS = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1"
UNENFORCED_REQUIRED: dict[str, tuple[str, ...]] = {
    # ValidateEndpointSlice: no endpoints is valid (optional in the OpenAPI from 1.36).
    "io.k8s.api.discovery.v1.EndpointSlice": ("endpoints",),
    # Status is reset on create (each strategy's PrepareForCreate), never validated there.
    "io.k8s.api.apps.v1.DaemonSetCondition": _CONDITION,
    "io.k8s.api.apps.v1.DeploymentCondition": _CONDITION,
    "io.k8s.api.apps.v1.ReplicaSetCondition": _CONDITION,
    "io.k8s.api.apps.v1.StatefulSetCondition": _CONDITION,
    "io.k8s.api.policy.v1.PodDisruptionBudgetStatus": (
        "currentHealthy",
        "desiredHealthy",
        "disruptionsAllowed",
        "expectedPods",
    ),
}
"""Fields the OpenAPI of older versions marks required (a Go field without ``omitempty``) that the
API server never requires on create: validation accepts their zero value. Later versions' OpenAPI
no longer lists them; a missing one is not a problem at any version. (The fields whose zero value
:mod:`k8slab.validation.defaults` fills in, StatefulSet ``serviceName``, NetworkPolicy
``podSelector``, ``roleRef.apiGroup``, ..., need no entry here.)"""

STILL_MARKED_REQUIRED: dict[str, tuple[str, ...]] = {
    # validateHTTPGetAction checks a header's name only (IsHTTPHeaderName); `value:` rendered empty is "".
    "io.k8s.api.core.v1.HTTPHeader": ("value",),
    # validatePreferredSchedulingTerms: the weight, then ValidateNodeSelectorTerm, which accepts an empty term.
    "io.k8s.api.core.v1.PreferredSchedulingTerm": ("preference",),
    # validateSysctls checks names only.
    "io.k8s.api.core.v1.Sysctl": ("value",),
    # ValidateLimitRange and validatePodFailurePolicy accept an empty list of limits or rules.
    "io.k8s.api.core.v1.LimitRangeSpec": ("limits",),
    "io.k8s.api.batch.v1.PodFailurePolicy": ("rules",),
    # A CRD's status is reset on create (PrepareForCreate), never validated; spec.names are required by
    # ValidateCustomResourceDefinition (the CRD rules report plural and kind), sharing this definition.
    f"{_APIEXTENSIONS}.CustomResourceDefinitionNames": ("plural", "kind"),
    f"{_APIEXTENSIONS}.CustomResourceDefinitionCondition": _CONDITION,
}
"""Fields that every bundled OpenAPI marks required and that validation does not require either."""


def _enforced(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` (the definition ``name``) without the required fields the API server does not enforce."""
    unenforced = UNENFORCED_REQUIRED.get(name) or STILL_MARKED_REQUIRED.get(name)
    required = schema.get("required")
    if unenforced is None or not isinstance(required, list) or not set(required) & set(unenforced):
        return schema
    return {**schema, "required": [field for field in required if field not in unenforced]}


@cache
def _schema_dirs() -> dict[str, Path]:
    """Map ``"1.33"`` to the newest bundled ``v1.33.N-local-strict`` directory."""
    # find_spec locates the package without executing its __init__ (which imports the slow validator).
    spec = importlib.util.find_spec("kubernetes_validate")
    if spec is None or not spec.submodule_search_locations:
        raise UsageError("the kubernetes-validate package, which provides the schemas, is not installed")
    root = Path(next(iter(spec.submodule_search_locations))) / "kubernetes-json-schema"
    found = {}
    for entry in root.iterdir():
        if (m := _DIR_RE.fullmatch(entry.name)) and entry.is_dir():
            found[(int(m[1]), int(m[2]), int(m[3]))] = entry
    return {f"{major}.{minor}": found[(major, minor, patch)] for major, minor, patch in sorted(found)}


def supported_versions() -> list[str]:
    """The Kubernetes versions with bundled schemas, oldest first, as ``"1.25"`` … ``"1.37"``."""
    return list(_schema_dirs())


def schema_dir(kube_version: str) -> Path:
    """The bundled schema directory of a version (``1.33``, ``v1.33`` or ``1.33.4``); UsageError if unknown."""
    directories = _schema_dirs()
    found = directories.get(_normalize(kube_version))
    if found is None:
        raise UsageError(f"no schemas for Kubernetes version {kube_version!r}; supported: {', '.join(directories)}")
    return found


@cache
def definitions_document(directory: Path) -> dict[str, Any]:
    """The parsed ``_definitions.json`` of a schema directory (read once; ``$defs`` holds every type)."""
    document: dict[str, Any] = json.loads((directory / "_definitions.json").read_text(encoding="utf-8"))
    return document


@lru_cache(maxsize=32)
def _definitions(directory: Path) -> tuple[dict[Key, str], jsonschema_rs.Registry]:
    """The (apiVersion, kind) index of a version's definitions, and a registry resolving refs into them."""
    document = definitions_document(directory)
    index: dict[Key, str] = {}
    for name, schema in document["$defs"].items():
        for gvk in schema.get("x-kubernetes-group-version-kind", ()):
            api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
            index.setdefault((api_version, gvk["kind"]), name)
    definitions = {name: _enforced(name, schema) for name, schema in document["$defs"].items()}
    enforced = {**document, "$defs": definitions}
    return index, jsonschema_rs.Registry([(_DEFS_URI, bounded_integers(enforced))])


def _file_for(definition: str) -> str:
    """``io.k8s.api.apps.v1.Deployment`` -> ``deployment-apps-v1.json`` (``core`` is left out)."""
    *_, group, version, kind = definition.split(".")
    return f"{kind.lower()}{'' if group == 'core' else '-' + group}-{version}.json"


def _number(value: Any, fallback: int) -> int | float:
    """A bound as given when it is a number, else ``fallback`` (a broken bound is the CRD's own problem)."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else fallback


def bound_integers(node: Any) -> Any:
    """Give every ``format: int32`` / ``int64`` node of a schema its range, in place; return the schema.

    The API server decodes such a field into a Go int32 or int64 and refuses a number outside
    it, but JSON Schema treats ``format`` as an annotation (jsonschema-rs checks formats on
    strings only), so the range becomes ``minimum`` and ``maximum``; a tighter bound stays.
    """
    if isinstance(node, dict):
        fmt = node.get("format")
        bounds = _INTEGER_RANGES.get(fmt) if isinstance(fmt, str) else None
        if bounds is not None:
            low, high = bounds
            node["minimum"] = max(_number(node.get("minimum"), low), low)
            node["maximum"] = min(_number(node.get("maximum"), high), high)
        for value in node.values():
            bound_integers(value)
    elif isinstance(node, list):
        for value in node:
            bound_integers(value)
    return node


def bounded_integers(node: Any) -> Any:
    """What :func:`bound_integers` makes of ``node``, without changing it: only the dicts and lists
    on the way to an integer node are copied (a deep copy of the definitions took longer than
    the rest of ``k8slab validate`` on a small file)."""
    if isinstance(node, dict):
        copied: dict[str, Any] | None = None
        for key, value in node.items():
            new = bounded_integers(value)
            if new is not value:
                copied = copied if copied is not None else dict(node)
                copied[key] = new
        fmt = node.get("format")
        bounds = _INTEGER_RANGES.get(fmt) if isinstance(fmt, str) else None
        if bounds is not None:
            copied = copied if copied is not None else dict(node)
            low, high = bounds
            copied["minimum"] = max(_number(node.get("minimum"), low), low)
            copied["maximum"] = min(_number(node.get("maximum"), high), high)
        return copied if copied is not None else node
    if isinstance(node, list):
        items = [bounded_integers(value) for value in node]
        return items if any(new is not old for new, old in zip(items, node, strict=True)) else node
    return node


def _make_strict(node: Any) -> None:
    """Make a CRD structural schema strict in place (unknown fields rejected) and JSON-Schema ready."""
    if not isinstance(node, dict):
        return
    if node.get("x-kubernetes-int-or-string") is True:
        node["type"] = ["integer", "string"]
        branches = node.get("anyOf")
        if isinstance(branches, list) and all(isinstance(b, dict) and set(b) <= {"type"} for b in branches):
            del node["anyOf"]
    if node.get("nullable") is True and "type" in node:
        node["type"] = [*(node["type"] if isinstance(node["type"], list) else [node["type"]]), "null"]
        if isinstance(node.get("enum"), list):
            node["enum"] = [*node["enum"], None]
    properties = node.get("properties")
    if isinstance(properties, dict):
        if node.get("x-kubernetes-embedded-resource") is True:
            for field, schema in _EMBEDDED.items():
                properties.setdefault(field, dict(schema))
        for schema in properties.values():
            _make_strict(schema)
        if "additionalProperties" not in node and node.get("x-kubernetes-preserve-unknown-fields") is not True:
            node["additionalProperties"] = False
    _make_strict(node.get("items"))
    _make_strict(node.get("additionalProperties"))


def _crd_root(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The strict JSON schema of one CRD version; top-level metadata is checked as ObjectMeta when plain."""
    root: dict[str, Any] = copy_tree(dict(schema))
    if not isinstance(root.get("properties"), dict):
        root["properties"] = {}  # a broken properties field is the CRD's own problem
    properties = root["properties"]
    metadata = properties.pop("metadata", None)
    properties.setdefault("apiVersion", {"type": "string"})
    properties.setdefault("kind", {"type": "string"})
    root.setdefault("type", "object")
    _make_strict(root)
    bound_integers(root)
    plain = not isinstance(metadata, dict) or set(metadata) <= {"type", "description"}
    properties["metadata"] = {"$ref": _OBJECT_META} if plain else metadata
    return root


def node_problems(node: Mapping[str, Any], value: Any) -> list[tuple[FieldPath, str]]:
    """The (path, message) problems of ``value`` against one CRD schema node, made strict as for custom resources.

    Used for a schema's ``default`` values (ValidateDefaults); formats are not checked.
    """
    root: dict[str, Any] = copy_tree(dict(node))
    _make_strict(root)
    bound_integers(root)
    try:
        validator = jsonschema_rs.Draft202012Validator(root, validate_formats=False)
        if validator.is_valid(value):
            return []
        found = [(p, m) for e in validator.iter_errors(value) for p, m in _describe(e)]
        return sorted(found, key=lambda pm: (format_path(pm[0]), pm[1]))
    except ValueError:  # a schema jsonschema_rs cannot compile (a pattern it cannot read, ...): no verdict
        return []


def _types(types: list[str]) -> str:
    """``["null", "string"]`` -> ``string``; null is allowed almost everywhere, so it is not named."""
    named = list(dict.fromkeys(t for t in types if t != "null")) or ["null"]
    return " or ".join(named)


def _alternatives(error: ValidationError, context: list[list[ValidationError]]) -> str | None:
    """For a oneOf/anyOf of plain types (IntOrString, Quantity), the accepted types."""
    types: list[str] = []
    for branch in context:
        for sub in branch:
            if not isinstance(sub.kind, ValidationErrorKind.Type) or sub.instance_path != error.instance_path:
                return None
            types += sub.kind.types
    return f"must be of type {_types(types)}" if types else None


def _message(error: ValidationError) -> str:
    """A one-line message for one error, from its kind and the schema only (never the instance value)."""
    kind = error.kind
    if isinstance(kind, ValidationErrorKind.Type):
        return f"must be of type {_types(kind.types)}"
    if isinstance(kind, ValidationErrorKind.Enum):
        return "must be one of: " + ", ".join(json.dumps(option) for option in kind.options)
    if isinstance(kind, ValidationErrorKind.Constant):
        return f"must be {json.dumps(kind.expected_value)}"
    if isinstance(kind, ValidationErrorKind.OneOfNotValid | ValidationErrorKind.AnyOf):
        return _alternatives(error, kind.context) or "does not match any of the allowed schemas"
    if isinstance(kind, ValidationErrorKind.OneOfMultipleValid):
        return "must not be null" if error.instance is None else "matches more than one of the allowed schemas"
    if kind.name in ("minimum", "maximum") and kind.value in _RANGE_MESSAGES:
        return _RANGE_MESSAGES[kind.value]
    if kind.name in _LIMITS:
        return _LIMITS[kind.name].format(str(kind.value).replace("\n", "\\n"))
    return _FIXED.get(kind.name, f"breaks the {kind.name} rule")


def _describe(error: ValidationError) -> Iterator[tuple[FieldPath, str]]:
    """(path, message) pairs for one error; unknown and missing fields point at the field itself."""
    path: FieldPath = list(error.instance_path)
    kind = error.kind
    if isinstance(kind, ValidationErrorKind.AdditionalProperties | ValidationErrorKind.UnevaluatedProperties):
        for name in kind.unexpected:
            yield [*path, name], f"unknown field {json.dumps(name)}"
    elif isinstance(kind, ValidationErrorKind.Required):
        yield [*path, kind.property], "required field is missing"
    else:
        yield path, _message(error)


def _non_json(value: Any, path: FieldPath) -> FieldPath | None:
    """The path of the first value that is not plain JSON data, if any."""
    if value is None or isinstance(value, str | int | float):
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            found = path if not isinstance(key, str) else _non_json(item, [*path, key])
            if found is not None:
                return found
        return None
    if isinstance(value, list | tuple):
        return next((p for i, item in enumerate(value) if (p := _non_json(item, [*path, i])) is not None), None)
    return path


class SchemaValidator:
    """Validates Kubernetes objects against the strict OpenAPI schemas of one Kubernetes version.

    Built-in kinds are known from the start; custom resources once their CRD is given to
    :meth:`add_crd`. Schemas are compiled lazily, once per (apiVersion, kind).
    """

    def __init__(self, kube_version: str = DEFAULT_KUBE_VERSION) -> None:
        """Use the schemas of ``kube_version`` (``"1.33"``); raise UsageError if none are bundled."""
        self._directory = schema_dir(kube_version)
        self.kube_version: str = _normalize(kube_version)
        """The Kubernetes version, as ``"1.33"``."""
        self._given: dict[Key, tuple[Mapping[str, Any], bool]] = {}  # CRD version -> (schema as given, status)
        self._crds: dict[Key, dict[str, Any]] = {}  # the strict schemas, made on first use
        self._compiled: dict[Key, jsonschema_rs.Validator] = {}
        self._custom: dict[Key, CustomSchema] = {}  # structural semantics and CEL rules of each CRD version
        self._unserved: dict[Key, list[str]] = {}  # CRD versions with served: false -> the served apiVersions

    def knows(self, api_version: str, kind: str) -> bool:
        """Whether objects of this apiVersion and kind can be checked."""
        key = (api_version, kind)
        return key in self._given or key in self._unserved or key in _definitions(self._directory)[0]

    def is_builtin(self, api_version: str, kind: str) -> bool:
        """Whether this apiVersion and kind is a built-in kind of the version (not a custom resource)."""
        key = (api_version, kind)
        return key not in self._given and key in _definitions(self._directory)[0]

    def builtin_definition(self, api_version: str, kind: str) -> tuple[Mapping[str, Any], Mapping[str, Any]] | None:
        """The OpenAPI definition of a built-in kind and the ``$defs`` its refs point into; None if not built in."""
        name = _definitions(self._directory)[0].get((api_version, kind))
        if name is None:
            return None
        definitions: dict[str, Any] = definitions_document(self._directory)["$defs"]
        return definitions[name], definitions

    def builtin_kinds(self) -> Collection[tuple[str, str]]:
        """Every built-in (apiVersion, kind) of the version."""
        return _definitions(self._directory)[0].keys()

    def add_crd(self, crd: Mapping[str, Any]) -> None:
        """Register the schema of each served version of a CustomResourceDefinition (a dict), made strict.

        A version's schema is copied and compiled when the first object of its kind is checked
        (a CRD-heavy set whose custom resources are few pays for what it uses): do not change
        the CRD's dicts after giving them.
        """
        spec = crd.get("spec")
        if crd.get("kind") != "CustomResourceDefinition" or not isinstance(spec, Mapping):
            raise UsageError("add_crd() needs an apiextensions.k8s.io/v1 CustomResourceDefinition")
        group, kind = spec.get("group"), (spec.get("names") or {}).get("kind")
        if not isinstance(group, str) or not isinstance(kind, str):
            raise UsageError("the CustomResourceDefinition has no spec.group or spec.names.kind")
        versions = [v for v in spec.get("versions") or () if isinstance(v, Mapping)]
        for version in versions:
            holder = version.get("schema")
            schema = holder.get("openAPIV3Schema") if isinstance(holder, Mapping) else None
            if version.get("served", True) and isinstance(schema, Mapping):
                key = (f"{group}/{version.get('name')}", kind)
                known = self._given.get(key)
                subresources = version.get("subresources")
                status = isinstance(subresources, Mapping) and "status" in subresources  # create then ignores status
                if known is not None and known[0] == schema:
                    self._given[key] = (known[0], status)
                    if key in self._custom:
                        self._custom[key].status = status
                    continue  # registered already: keep the compiled validator
                self._given[key] = (schema, status)
                for cache in (self._crds, self._custom, self._compiled):
                    cache.pop(key, None)
        served = [f"{group}/{v.get('name')}" for v in versions if v.get("served", True)]
        for version in versions:
            if not version.get("served", True):
                self._unserved[(f"{group}/{version.get('name')}", kind)] = served

    def problems(self, obj: Mapping[str, Any]) -> list[Problem] | None:
        """Every schema problem of ``obj`` sorted by path; ``[]`` when valid, None when its kind is unknown."""
        api_version, kind = obj.get("apiVersion"), obj.get("kind")
        if not isinstance(api_version, str) or not isinstance(kind, str) or not self.knows(api_version, kind):
            return None
        if (api_version, kind) in self._unserved and (api_version, kind) not in self._given:
            return [not_served(obj, self._unserved[(api_version, kind)])]
        validator = self._validator(api_version, kind)
        instance = obj if isinstance(obj, dict) else dict(obj)
        custom = self._custom_schema((api_version, kind))
        if custom is not None:  # custom resources: defaults first, list types and CEL rules after
            instance = custom.defaulted(instance)
        metadata = obj.get("metadata")
        name = metadata.get("name") if isinstance(metadata, Mapping) else None
        label = f"{kind}/{name}" if isinstance(name, str) and name else kind
        try:
            found: set[Problem] = set()
            if not validator.is_valid(instance):
                found = {
                    Problem(label, format_path(p), m) for e in validator.iter_errors(instance) for p, m in _describe(e)
                }
            if custom is not None:
                return custom.finish(instance, found, label)
        except ValueError:  # a value jsonschema_rs cannot read (datetime, bytes, non-string key, ...)
            where = format_path(_non_json(instance, []) or [])
            return [Problem(label, where, "must be plain JSON data (mapping, list, string, number, boolean, null)")]
        return sorted(found)

    def _custom_schema(self, key: Key) -> CustomSchema | None:
        """The structural semantics of a CRD version (None for built-in kinds), read on first use."""
        custom = self._custom.get(key)
        if custom is None and key in self._given:
            schema, status = self._given[key]
            source = copy_tree(dict(schema))
            self._crds[key] = _crd_root(source)
            custom = self._custom[key] = CustomSchema(source, status=status, kube_version=self.kube_version)
        return custom

    def _validator(self, api_version: str, kind: str) -> jsonschema_rs.Validator:
        """The compiled validator of one (apiVersion, kind), compiled on first use."""
        key = (api_version, kind)
        validator = self._compiled.get(key)
        if validator is None:
            index, registry = _definitions(self._directory)
            try:
                if self._custom_schema(key) is not None:
                    validator = jsonschema_rs.Draft202012Validator(
                        self._crds[key], registry=registry, validate_formats=False
                    )
                else:
                    file = self._directory / _file_for(index[key])
                    schema = (
                        _enforced(index[key], bound_integers(json.loads(file.read_text(encoding="utf-8"))))
                        if file.is_file()
                        else {"$ref": f"{_DEFS_URI}#/$defs/{index[key]}"}
                    )
                    validator = jsonschema_rs.validator_for(schema, registry=registry, validate_formats=False)
            except ValueError as exc:
                raise UsageError(f"the schema of {api_version} {kind} cannot be compiled: {exc}") from None
            self._compiled[key] = validator
        return validator


@lru_cache(maxsize=32)
def _shared(kube_version: str) -> SchemaValidator:
    return SchemaValidator(kube_version)


def validator_for(kube_version: str = DEFAULT_KUBE_VERSION) -> SchemaValidator:
    """The shared SchemaValidator of a version; every spelling (``1.33``, ``v1.33.0``) gives the same one."""
    return _shared(_normalize(kube_version))
