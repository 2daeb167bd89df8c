"""Custom resources validated as the API server does: defaults, schema, list types, CEL rules.

The order of apiextensions-apiserver's create path (customResourceStrategy.Validate in
pkg/registry/customresource/strategy.go, after the decoder's PruneNonNullableNullsWithoutDefaults
and Default):

1. a defaulted copy of the object (:func:`k8slab.validation.structural.defaulted`);
2. the strict OpenAPI schema (:class:`k8slab.validation.schema.SchemaValidator`): unknown
   fields are errors, as with kubectl's strict field validation (``spec.foo: unknown field "foo"``,
   the same wording as for built-in kinds), except under ``x-kubernetes-preserve-unknown-fields``;
3. embedded resources and ``x-kubernetes-list-type`` uniqueness;
4. the CEL rules, unless steps 2 or 3 found a type, enum, required, too-long or too-many error
   (hasBlockingErr: the server then says that some rules were not checked).

With the status subresource, ``status`` is ignored, as create drops it.

:func:`validate_custom` runs all of it for one object and one CRD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import Problem, UsageError, format_path
from .structural import Memo, defaulted, embedded_problems, list_problems

if TYPE_CHECKING:
    from .cel import CelValidator
    from .schema import SchemaValidator

__all__ = ["NOT_CHECKED", "CustomSchema", "not_served", "validate_custom"]

NOT_CHECKED = (
    "some validation rules were not checked because the object was invalid; "
    "correct the existing errors to complete validation"
)
"""hasBlockingErr's message (strategy.go), when a type or enum error keeps the CEL rules from running."""

_BLOCKING = re.compile(
    r"must be of type|must be one of|required field is missing|Required value"
    r"|must be at most \d+ characters long|must have at most \d+ items"
)
"""Problems of the kinds hasBlockingErr stops at: TypeInvalid, NotSupported, Required, TooLong, TooMany."""


class CustomSchema:
    """One served version of a CRD: its schema and its CEL rules, compiled on first use."""

    def __init__(self, schema: Mapping[str, Any], *, status: bool = False, kube_version: str = "1.33") -> None:
        """``schema`` is the version's ``openAPIV3Schema`` (kept as given; never changed).

        ``status``: the version has the status subresource, so create ignores ``status``.
        ``kube_version``: the Kubernetes version whose message shapes to use.
        """
        self.schema = schema
        self.status = status
        self.kube_version = kube_version
        self._memo: Memo = {}  # which parts of the schema have list types or embedded resources
        self._cel: CelValidator | None = None

    @property
    def cel(self) -> CelValidator:
        """The compiled CEL rules of this version (compiled once)."""
        if self._cel is None:
            from .cel import CelValidator  # the CEL runtime loads only when a CRD is used

            self._cel = CelValidator(self.schema, kube_version=self.kube_version)
        return self._cel

    def defaulted(self, obj: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of ``obj`` with nulls pruned and defaults applied; ``obj`` is not changed.

        With the status subresource, ``status`` is left out first, as PrepareForCreate
        (pkg/registry/customresource/strategy.go) deletes it: create cannot set status.
        """
        if self.status and "status" in obj:
            obj = {k: v for k, v in obj.items() if k != "status"}
        return defaulted(obj, self.schema)

    def finish(self, instance: Mapping[str, Any], found: Iterable[Problem], label: str) -> list[Problem]:
        """The schema problems ``found`` on the defaulted ``instance``, plus list-type, embedded and CEL problems."""
        problems = set(found)
        embedded = embedded_problems(instance, self.schema, self._memo)
        more = list_problems(instance, self.schema, self._memo) + embedded
        blocking = [m for _, m in embedded] + [p.message for p in problems]
        if not self.cel.has_rules:
            pass
        elif any(_BLOCKING.match(message) for message in blocking):
            problems.add(Problem(label, "", NOT_CHECKED))
        else:
            more += self.cel.problems(instance)
        problems |= {Problem(label, format_path(path), message) for path, message in more}
        return sorted(problems)


def _label(obj: Mapping[str, Any]) -> str:
    kind, metadata = obj.get("kind"), obj.get("metadata")
    name = metadata.get("name") if isinstance(metadata, Mapping) else None
    return f"{kind}/{name}" if isinstance(kind, str) and isinstance(name, str) and name else str(kind or "")


def not_served(obj: Mapping[str, Any], served: list[str]) -> Problem:
    """The problem of an object whose CRD lists its version with ``served: false``: the server refuses it."""
    use = f"; use {' or '.join(served)}" if served else ""
    return Problem(
        _label(obj), "apiVersion", f"{obj.get('apiVersion')} is not served by the CustomResourceDefinition{use}"
    )


_OWN: dict[str, SchemaValidator] = {}
"""kube version -> the SchemaValidator that ``validate_custom`` registers CRDs on."""


def validate_custom(
    obj: Mapping[str, Any], crd: Mapping[str, Any], *, kube_version: str | None = None
) -> list[Problem]:
    """Every problem of custom resource ``obj`` against ``crd``, as the API server finds them on create.

    ``crd`` is an apiextensions.k8s.io/v1 CustomResourceDefinition as a dict; ``obj`` is
    checked against the served version named by its apiVersion: defaults first, then the
    strict schema, list types and embedded resources, then the CEL rules. ``[]`` when valid.
    ``obj`` is never changed. An apiVersion or kind the CRD does not serve is one problem at
    ``apiVersion``. Raises UsageError when ``crd`` is not a CRD. Compiled schemas and rules
    are cached (per Kubernetes version) and reused across calls, on validators of this
    function's own: checking an object here does not teach ``kl.check`` its kind.
    """
    from .schema import DEFAULT_KUBE_VERSION, SchemaValidator  # schema imports this module

    version = kube_version or DEFAULT_KUBE_VERSION
    validator = _OWN.get(version) or _OWN.setdefault(version, SchemaValidator(version))
    validator.add_crd(crd)
    found = validator.problems(obj)
    if found is not None:
        return found
    spec = crd.get("spec") or {}
    names = spec.get("names") or {} if isinstance(spec, Mapping) else {}
    versions = [v for v in spec.get("versions") or () if isinstance(v, Mapping)]
    served = [f"{spec.get('group')}/{v.get('name')}" for v in versions if v.get("served", True)]
    kind, label = obj.get("kind"), _label(obj)
    if kind != names.get("kind"):
        return [Problem(label, "kind", f"must be {names.get('kind')!r} for this CustomResourceDefinition")]
    if not served:
        raise UsageError("the CustomResourceDefinition serves no version")
    return [Problem(label, "apiVersion", f"must be one of the served versions: {', '.join(served)}")]
