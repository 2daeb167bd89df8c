"""The one validation engine: schema, API-server rules and cross-object checks, all problems at once.

Synthesis, the property tests and the command line all call :func:`check` (or
:func:`check_object` for one document). Rule modules plug in through :data:`RULES`: each is a
function from an object and the Kubernetes version to a list of problems; the rules of
:mod:`k8slab.validation.rules` are registered by default, and so are the bundled
prometheus-operator CRDs (see :mod:`k8slab.validation.crds`).

For each object: the API server's decoding and defaulting (built-in kinds, on a copy, see
:mod:`k8slab.validation.defaults`), then the strict OpenAPI schema of its kind, then every rule. A rule's problem at a
path where the schema already found one is dropped (the schema's message is the precise one),
and no problem is reported twice.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem
from .crds import register_bundled
from .crossref import cross_check
from .defaults import defaulted, zero_null_items
from .rules import ALL, Rule
from .schema import DEFAULT_KUBE_VERSION, SchemaValidator, validator_for
from .served import unserved_problem
from .walk import object_label

__all__ = ["RULES", "Report", "check", "check_object"]

RULES: list[Rule] = list(ALL)
"""API-server rule checks; each returns the problems it finds in one object."""

NOT_AN_OBJECT = "must be a Kubernetes object: a mapping with apiVersion, kind and metadata"


@dataclass
class Report:
    """The outcome of validating a set of objects."""

    problems: list[Problem] = field(default_factory=list)
    """Every problem found, in object order."""
    unchecked: list[str] = field(default_factory=list)
    """Objects (``Kind/name``) whose kind has no known schema: not checked, not failed."""

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def check_object(obj: Any, *, kube_version: str = DEFAULT_KUBE_VERSION) -> list[Problem] | None:
    """Schema and rule problems of one object; None when its kind has no known schema.

    CustomResourceDefinitions given to :func:`check` before (or registered on
    ``validator_for(kube_version)``) are known; so are the bundled prometheus-operator ones.
    """
    return _check_one(obj, validator_for(kube_version))


def _check_one(obj: Any, schema: SchemaValidator) -> list[Problem] | None:
    if not isinstance(obj, Mapping):
        return [Problem("", "", NOT_AN_OBJECT)]
    register_bundled(schema, obj)
    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if isinstance(api_version, str) and isinstance(kind, str) and schema.is_builtin(api_version, kind):
        definition = schema.builtin_definition(api_version, kind)

        def decode_items(copy: dict[str, Any]) -> None:
            if definition is not None:
                zero_null_items(copy, *definition)

        obj = defaulted(obj, decode_items)  # the API server decodes and defaults before it validates
    found = schema.problems(obj)
    if found is None:  # a built-in group's unserved version or unknown kind is a problem; a custom one is not checked
        problem = unserved_problem(obj, schema.builtin_kinds(), schema.kube_version)
        return None if problem is None else [problem]
    taken = {p.path for p in found}
    for rule in RULES:
        found += [p for p in rule(obj, schema.kube_version) if p.path not in taken]
    return list(dict.fromkeys(found))


def check(
    objects: Sequence[Mapping[str, Any]],
    *,
    kube_version: str = DEFAULT_KUBE_VERSION,
    external: Collection[tuple[str, str]] = (),
    crds: Sequence[Mapping[str, Any]] = (),
    cross_checks: bool = True,
) -> Report:
    """Validate ``objects`` against the schema of ``kube_version``, the rules, and (``cross_checks``) each other.

    ``external`` names (kind, name) pairs that exist outside the set; ``crds`` are extra
    CustomResourceDefinitions. Cross-checks are k8slab's own set-level checks (references,
    Service selectors, LimitRange fit, duplicate names), not API-server rules.
    """
    schema = validator_for(kube_version)
    for crd in crds:
        schema.add_crd(crd)
    report = Report()
    for obj in objects:
        found = _check_one(obj, schema)
        if found is None:
            report.unchecked.append(object_label(obj))
        else:
            report.problems += found
    if cross_checks:
        report.problems += cross_check([o for o in objects if isinstance(o, Mapping)], external)
        report.problems = list(dict.fromkeys(report.problems))
    return report
