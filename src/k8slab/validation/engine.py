"""The one validation engine: schema, API-server rules and cross-object checks, all problems at once.

Synthesis, the property tests and the command line all call :func:`check`. Rule
modules plug in through :data:`RULES`: each is a function from an object and the
Kubernetes version to a list of problems.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, ValidationFailed
from .crossref import cross_check
from .schema import DEFAULT_KUBE_VERSION, validator_for

__all__ = ["RULES", "Report", "check", "ensure_valid"]

Rule = Callable[[Mapping[str, Any], str], list[Problem]]
RULES: list[Rule] = []
"""API-server rule checks; each returns the problems it finds in one object."""


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


def check(
    objects: Sequence[Mapping[str, Any]],
    *,
    kube_version: str = DEFAULT_KUBE_VERSION,
    external: Collection[tuple[str, str]] = (),
    crds: Sequence[Mapping[str, Any]] = (),
) -> Report:
    """Validate ``objects`` against the schema of ``kube_version``, the rules, and each other."""
    schema = validator_for(kube_version)
    for crd in crds:
        schema.add_crd(crd)
    report = Report()
    for obj in objects:
        found = schema.problems(obj)
        if found is None:
            meta = obj.get("metadata")
            name = meta.get("name", "?") if isinstance(meta, Mapping) else "?"
            report.unchecked.append(f"{obj.get('kind', '?')}/{name}")
            continue
        report.problems += found
        for rule in RULES:
            report.problems += rule(obj, kube_version)
    report.problems += cross_check(objects, external)
    return report


def ensure_valid(objects: Sequence[Mapping[str, Any]], **options: Any) -> Report:
    """Like :func:`check`, but raise :class:`ValidationFailed` listing every problem."""
    report = check(objects, **options)
    if report.problems:
        raise ValidationFailed(report.problems)
    return report
