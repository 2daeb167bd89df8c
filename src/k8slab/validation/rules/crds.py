"""CustomResourceDefinitions (apiextensions.k8s.io/v1), checked as the API server does on create.

From apiextensions-apiserver ``pkg/apis/apiextensions/validation/validation.go``
``ValidateCustomResourceDefinition`` (after the v1 defaults, ``SetDefaults_CustomResourceDefinitionSpec``,
and the conversion to the internal form, which moves a schema, subresources or printer columns
that every version shares to ``spec.validation``, ``spec.subresources`` and
``spec.additionalPrinterColumns``; problems are reported at those paths, as the server does):

- ``metadata.name`` is ``<plural>.<group>``; the group a DNS subdomain with a dot; a scope of
  Cluster or Namespaced; plural, singular, kind and list kind given, DNS-1035 labels (kinds in
  any case), short names and categories too, the list kind not the kind;
  ``api-approved.kubernetes.io`` on ``*.k8s.io`` and ``*.kubernetes.io`` groups
  (``validateAPIApproval``); ``spec.preserveUnknownFields`` not true (``validatePreserveUnknownFields``);
- versions: DNS-1035 names, unique, exactly one storage version, a schema for each
  (``requireOpenAPISchema``), a deprecation warning only on deprecated versions (at most 256
  printable characters), the schema itself (:mod:`.crd_schemas`), subresources
  (``ValidateCustomResourceDefinitionSubresources``: scale paths under ``.spec``/``.status``),
  printer columns (``ValidateCustomResourceColumnDefinition``) and, from 1.31, selectable fields
  (``ValidateCustomResourceSelectableFields``);
- conversion (``validateCustomResourceConversion``): None or Webhook; a webhook with exactly one
  of a URL or a Service and review versions that include v1 or v1beta1; nothing of a webhook
  with None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from ...errors import Problem
from ...syntax import check_dns1035_label, check_dns_subdomain
from ._base import REQUIRED, Findings, Obj, Path, entries, is_map, mapping, rule_message, seq, text
from .crd_schemas import check_schema, field_path_node, has_defaults
from .webhooks import _service, _url

__all__ = ["check_crd", "source_path"]

_API_VERSION = "apiextensions.k8s.io/v1"
_COLUMN_TYPES = ("boolean", "date", "integer", "number", "string")
_COLUMN_FORMATS = ("byte", "date", "date-time", "double", "float", "int32", "int64", "password")
_REVIEW_VERSIONS = ("v1", "v1beta1")
_APPROVAL = "api-approved.kubernetes.io"
_MAX_SELECTABLE = 8


def _label_problem(value: str) -> str | None:
    return rule_message(check_dns1035_label, value)


def _names(found: Findings, names: Mapping[str, Any], path: Path) -> None:
    """The required names, then ValidateCustomResourceDefinitionNames."""
    for field in ("plural", "singular", "kind", "listKind"):
        if not text(names.get(field)):
            found.add((*path, field), REQUIRED)
    for field in ("plural", "singular", "kind", "listKind"):
        value = text(names.get(field))
        message = _label_problem(value.lower() if field in ("kind", "listKind") else value) if value else None
        if message:
            mixed = "may have mixed case, but should otherwise match: " if field in ("kind", "listKind") else ""
            found.add((*path, field), mixed + message)
    for field in ("shortNames", "categories"):
        for i, value in enumerate(seq(names.get(field))):
            message = _label_problem(value) if isinstance(value, str) else None
            if message:
                found.add((*path, field, i), message)
    if text(names.get("kind")) and names.get("kind") == names.get("listKind"):
        found.add((*path, "listKind"), "must not be the same as the kind")


def _defaulted_names(spec: Mapping[str, Any]) -> dict[str, Any]:
    """SetDefaults_CustomResourceDefinitionSpec: singular and listKind from the kind."""
    names = dict(mapping(spec.get("names")))
    kind = text(names.get("kind"))
    if not text(names.get("singular")):
        names["singular"] = kind.lower()
    if not text(names.get("listKind")) and kind:
        names["listKind"] = kind + "List"
    return names


def _simple_json_path(found: Findings, value: str, path: Path) -> bool:
    """validateSimpleJSONPath: starts with a dot."""
    if not value.startswith("."):
        found.add(path, "must be a simple json path starting with .")
        return False
    return True


def _subresources(found: Findings, subresources: Mapping[str, Any], path: Path) -> None:
    """ValidateCustomResourceDefinitionSubresources: the scale subresource's paths."""
    scale = subresources.get("scale")
    if not is_map(scale):
        return
    for field, prefixes, where in (
        ("specReplicasPath", (".spec.",), "under .spec"),
        ("statusReplicasPath", (".status.",), "under .status"),
        ("labelSelectorPath", (".spec.", ".status."), "under either .spec or .status"),
    ):
        value = text(scale.get(field))
        if not value:
            if field != "labelSelectorPath":
                found.add((*path, "scale", field), REQUIRED)
            continue
        if _simple_json_path(found, value, (*path, "scale", field)) and not value.startswith(prefixes):
            found.add((*path, "scale", field), f"should be a json path {where}")


def _column(found: Findings, column: Mapping[str, Any], path: Path) -> None:
    """ValidateCustomResourceColumnDefinition."""
    if not text(column.get("name")):
        found.add((*path, "name"), REQUIRED)
    kind = text(column.get("type"))
    if kind not in _COLUMN_TYPES:
        found.add((*path, "type"), ("is required: " if not kind else "") + "must be one of " + ",".join(_COLUMN_TYPES))
    fmt = text(column.get("format"))
    if fmt and fmt not in _COLUMN_FORMATS:
        found.add((*path, "format"), "must be one of " + ",".join(_COLUMN_FORMATS))
    json_path = text(column.get("jsonPath"))
    if not json_path:
        found.add((*path, "JSONPath"), REQUIRED)
    else:
        _simple_json_path(found, json_path, (*path, "JSONPath"))


def _deprecation(found: Findings, version: Mapping[str, Any], path: Path) -> None:
    """validateDeprecationWarning."""
    warning = version.get("deprecationWarning")
    if warning is None:
        return
    where = (*path, "deprecationWarning")
    if version.get("deprecated") is not True:
        found.add(where, "can only be set for deprecated versions")
        return
    warning = text(warning)
    if len(warning.encode()) > 256:
        found.add(where, "must be <= 256 characters long")
    if not warning:
        found.add(where, "must not be an empty string")
    if any(not c.isprintable() for c in warning):
        found.add(where, "must only contain printable UTF-8 characters")


def _selectable(found: Findings, fields: Sequence[Any], schema: Any, path: Path) -> None:
    """ValidateCustomResourceSelectableFields: paths to string, boolean or integer fields outside metadata."""
    seen: set[str] = set()
    for i, entry in entries(fields):
        where = (*path, i, "jsonPath")
        json_path = text(entry.get("jsonPath"))
        if not json_path:
            found.add(where, REQUIRED)
            continue
        target = _field(schema, json_path)
        if target is None:
            found.add(where, "is an invalid path: it does not name a field of the schema")
            continue
        if json_path.split(".", 2)[1].split("[")[0] == "metadata":
            found.add(where, "must not point to fields in metadata")
        if target.get("type") not in ("string", "boolean", "integer"):
            found.add(where, "must point to a field of type string, boolean or integer")
        if json_path in seen:
            found.add(where, "must not be a duplicate")
        seen.add(json_path)
    if len(seen) > _MAX_SELECTABLE:
        found.add(path, f"must have at most {_MAX_SELECTABLE} items")


def _field(schema: Any, json_path: str) -> Mapping[str, Any] | None:
    """The schema node of a selectable field's path (cel.ValidFieldPath without array notation), or None."""
    return field_path_node(schema, json_path, arrays=False) if is_map(schema) else None


def _conversion(found: Findings, conversion: Mapping[str, Any], path: Path) -> None:
    """validateCustomResourceConversion (internal paths: webhookClientConfig, conversionReviewVersions)."""
    strategy = conversion.get("strategy")
    if strategy is None or strategy == "":
        found.add((*path, "strategy"), REQUIRED)
    elif isinstance(strategy, str) and strategy not in ("None", "Webhook"):
        found.add((*path, "strategy"), "must be one of: None, Webhook")
    webhook = mapping(conversion.get("webhook"))
    client = webhook.get("clientConfig")
    versions = seq(webhook.get("conversionReviewVersions"))
    if strategy != "Webhook":
        if client is not None:
            found.add((*path, "webhookClientConfig"), "must not be set when strategy is not set to Webhook")
        if versions:
            found.add((*path, "conversionReviewVersions"), "must not be set when strategy is not set to Webhook")
        return
    if not is_map(client):
        found.add((*path, "webhookClientConfig"), "is required when strategy is set to Webhook")
    elif (client.get("url") is None) == (client.get("service") is None):
        found.add((*path, "webhookClientConfig"), "must have exactly one of url or service")
    elif client.get("url") is not None:
        _url(found, text(client.get("url")), (*path, "webhookClientConfig", "url"))
    else:
        _service(found, mapping(client.get("service")), (*path, "webhookClientConfig", "service"))
    where = (*path, "conversionReviewVersions")
    if not versions:
        found.add(where, REQUIRED)
        return
    for i, version in enumerate(versions):
        if version in versions[:i]:
            found.add((*where, i), "must not be a duplicate version")
            continue
        message = _label_problem(version) if isinstance(version, str) else None
        if message:
            found.add((*where, i), message)
    if not any(v in _REVIEW_VERSIONS for v in versions):
        found.add(where, "must include at least one of v1, v1beta1")


def _approval(found: Findings, obj: Obj, group: str) -> None:
    """validateAPIApproval: protected community groups carry an approval annotation."""
    if not (group in ("k8s.io", "kubernetes.io") or group.endswith((".k8s.io", ".kubernetes.io"))):
        return
    value = text(mapping(mapping(obj.get("metadata")).get("annotations")).get(_APPROVAL))
    where = ("metadata", "annotations", _APPROVAL)
    if not value:
        found.add(where, "is required for a protected group: a URL or a reason starting with 'unapproved'")
        return
    if value.startswith("unapproved"):
        return
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if parts is None or not parts.scheme or not parts.netloc or any(c.isspace() for c in value):
        found.add(where, "must be a URL or a reason starting with 'unapproved'")


_SOURCES = (
    ("spec.validation.", "spec.versions[0].schema."),
    ("spec.subresources", "spec.versions[0].subresources"),
    ("spec.additionalPrinterColumns", "spec.versions[0].additionalPrinterColumns"),
    ("spec.selectableFields", "spec.versions[0].selectableFields"),
    ("spec.conversion.webhookClientConfig", "spec.conversion.webhook.clientConfig"),
    ("spec.conversion.conversionReviewVersions", "spec.conversion.webhook.conversionReviewVersions"),
    ("spec.version", "spec.versions[0].name"),
)


def source_path(obj: Any, path: str) -> str:
    """Where in a v1 CRD manifest the server's (internal) path of a problem is written, to place it.

    A schema, subresources or columns shared by every version are reported at ``spec.validation``
    and the like; their text is in the first version. Other paths are returned as they are.
    """
    if not is_map(obj) or obj.get("kind") != "CustomResourceDefinition":
        return path
    for internal, written in _SOURCES:
        rest = path[len(internal) :]
        if path.startswith(internal) and (internal.endswith(".") or rest[:1] in ("", ".", "[")):
            return written + rest
    return path


def _shared(versions: Sequence[Mapping[str, Any]], field: str) -> bool:
    """Whether every version has the same value of ``field`` (the conversion then moves it to the spec)."""
    return bool(versions) and all(v.get(field) == versions[0].get(field) for v in versions)


def check_crd(obj: Obj, kube_version: str) -> list[Problem]:
    """ValidateCustomResourceDefinition of an apiextensions.k8s.io/v1 CustomResourceDefinition."""
    if obj.get("kind") != "CustomResourceDefinition" or obj.get("apiVersion") != _API_VERSION:
        return []
    found = Findings(obj, kube_version)
    spec = mapping(obj.get("spec"))
    group = text(spec.get("group"))
    names = _defaulted_names(spec)
    name = text(mapping(obj.get("metadata")).get("name"))
    if name:
        message = rule_message(check_dns_subdomain, name)
        if message:
            found.add(("metadata", "name"), message)
        if name != f"{text(names.get('plural'))}.{group}":
            found.add(("metadata", "name"), 'must be spec.names.plural+"."+spec.group')
    if not group:
        found.add(("spec", "group"), REQUIRED)
    elif rule_message(check_dns_subdomain, group):
        found.add(("spec", "group"), rule_message(check_dns_subdomain, group) or "")
    elif "." not in group:
        found.add(("spec", "group"), "should be a domain with at least one dot")
    scope = spec.get("scope")
    if not text(scope):
        found.add(("spec", "scope"), REQUIRED)
    elif scope not in ("Cluster", "Namespaced"):
        found.add(("spec", "scope"), "must be one of: Cluster, Namespaced")
    _versions(found, spec, kube_version)
    _names(found, names, ("spec", "names"))
    conversion = spec.get("conversion")
    conversion = conversion if is_map(conversion) else {"strategy": "None"}
    preserve = spec.get("preserveUnknownFields") is True
    if conversion.get("strategy") not in ("None", None, "") and preserve:
        found.add(("spec", "conversion", "strategy"), "must be None if spec.preserveUnknownFields is true")
    _conversion(found, conversion, ("spec", "conversion"))
    _approval(found, obj, group)
    if preserve:
        versions = [v for _, v in entries(spec.get("versions"))]
        if any(has_defaults(mapping(v.get("schema")).get("openAPIV3Schema")) for v in versions):
            found.add(("spec", "preserveUnknownFields"), "must be false in order to use defaults in the schema")
        found.add(
            ("spec", "preserveUnknownFields"),
            "cannot be set to true: set x-kubernetes-preserve-unknown-fields in spec.versions[*].schema instead",
        )
    return found.problems


def _versions(found: Findings, spec: Mapping[str, Any], kube_version: str) -> None:
    """The versions, their schemas, subresources, columns and selectable fields."""
    versions = [v for _, v in entries(spec.get("versions"))]
    storage = sum(1 for v in versions if v.get("storage") is True)
    shared_schema, shared_sub = _shared(versions, "schema"), _shared(versions, "subresources")
    shared_columns = _shared(versions, "additionalPrinterColumns")
    shared_fields = _shared(versions, "selectableFields")
    any_status = any(is_map(mapping(v.get("subresources")).get("status")) for v in versions)
    seen: list[Any] = []
    for i, version in enumerate(versions):
        where = ("spec", "versions", i)
        vname = text(version.get("name"))
        message = _label_problem(vname)
        if message:
            found.add((*where, "name"), message)
        _deprecation(found, version, where)
        seen.append(version.get("name"))
        schema = mapping(version.get("schema")).get("openAPIV3Schema")
        if not shared_schema or i == 0:
            if not is_map(schema):
                found.add((*where, "schema", "openAPIV3Schema"), REQUIRED)
            else:
                base = ("spec", "validation") if shared_schema else (*where, "schema")
                status = any_status if shared_schema else is_map(mapping(version.get("subresources")).get("status"))
                check_schema(found, schema, (*base, "openAPIV3Schema"), status=status, kube_version=kube_version)
        if shared_schema and i > 0 and not is_map(schema):
            found.add((*where, "schema", "openAPIV3Schema"), REQUIRED)
        if not shared_sub or i == 0:
            base = ("spec", "subresources") if shared_sub else (*where, "subresources")
            _subresources(found, mapping(version.get("subresources")), base)
        if not shared_columns or i == 0:
            for j, column in entries(version.get("additionalPrinterColumns")):
                base = ("spec", "additionalPrinterColumns") if shared_columns else (*where, "additionalPrinterColumns")
                _column(found, column, (*base, j))
        selectable = seq(version.get("selectableFields"))
        if selectable and found.minor >= 31 and (not shared_fields or i == 0):
            base = ("spec", "selectableFields") if shared_fields else (*where, "selectableFields")
            _selectable(found, selectable, schema, base)
    if len(set(map(repr, seen))) < len(seen):
        found.add(("spec", "versions"), "must contain unique version names")
    if storage != 1:
        found.add(("spec", "versions"), "must have exactly one version marked as storage version")
    first = text(versions[0].get("name")) if versions else ""
    message = _label_problem(first) if first else None
    if message:  # the internal spec.version, copied from the first version
        found.add(("spec", "version"), message)
