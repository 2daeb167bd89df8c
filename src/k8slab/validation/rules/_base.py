"""Shared pieces of the API-server rules: a problem collector, typed access to plain objects, field checks,
and where pod specs and their containers live in workload objects.

Rules read objects that may also break the schema, so every accessor here tolerates a wrong
type by treating it as absent (the schema check has already reported it). A missing or null
field reads as Go's zero value, as it would after decoding on the API server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from ...errors import Problem, format_path
from ...quantity import QUANTITY_RULE, parse_quantity
from ..versions import minor_version
from ..walk import EMPTY, Obj, entries, is_map, mapping, object_label, pod_spec_path, seq

__all__ = [
    "CONTAINER_FIELDS",
    "EMPTY",
    "NONNEGATIVE",
    "REQUIRED",
    "Findings",
    "Obj",
    "Path",
    "Rule",
    "containers",
    "entries",
    "int_or_percent",
    "integer",
    "is_map",
    "is_sidecar",
    "mapping",
    "minor_version",
    "object_label",
    "pod_spec",
    "pod_template",
    "quantity",
    "rule_message",
    "seq",
    "text",
]

Path = tuple[str | int, ...]
Rule = Callable[[Obj, str], list[Problem]]

REQUIRED = "is required"
NONNEGATIVE = "must be greater than or equal to 0"
_PERCENT = re.compile(r"[0-9]+%")


class Findings:
    """The problems one rule finds in one object, with the object's label and the Kubernetes minor version."""

    __slots__ = ("label", "minor", "problems")

    def __init__(self, obj: Obj, kube_version: str) -> None:
        """Start an empty list of problems for ``obj``."""
        self.label = object_label(obj)
        self.minor = minor_version(kube_version)
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        """Record a problem at ``path`` (parts as in ``("spec", "ports", 0, "port")``)."""
        self.problems.append(Problem(self.label, format_path(path), message))

    def one_of(self, path: Path, value: Any, allowed: Sequence[str]) -> None:
        """Record ``must be one of: ...`` at ``path`` when ``value`` is a string outside ``allowed``.

        Values of other types are left to the schema, which reports their type.
        """
        if isinstance(value, str) and value not in allowed:
            self.add(path, "must be one of: " + ", ".join(allowed))


def text(value: Any) -> str:
    """``value`` when it is a string, else ``""`` (Go's zero value)."""
    return value if isinstance(value, str) else ""


def integer(value: Any) -> int | None:
    """``value`` when it is an integer (booleans are not), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def rule_message(check: Callable[[str], Any], value: str) -> str | None:
    """The message of the rule that ``check`` (a ``k8slab.syntax`` checker) raises for ``value``, if any."""
    try:
        check(value)
    except ValueError as err:
        return str(err)
    return None


def quantity(found: Findings, value: Any, path: Path) -> Decimal | None:
    """The exact value of a quantity field; a broken grammar or a negative value is recorded as a problem.

    Returns None when the value is unusable (so callers skip comparisons); null reads as zero.
    """
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        return None  # a type error: the schema reports it
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            found.add(path, QUANTITY_RULE)
            return None
        if not number.is_finite():
            found.add(path, QUANTITY_RULE)
            return None
    elif isinstance(value, str):
        try:
            number = parse_quantity(value)
        except ValueError:
            found.add(path, QUANTITY_RULE)
            return None
    else:
        return None
    if number < 0:
        found.add(path, NONNEGATIVE)
        return None
    return number


def int_or_percent(found: Findings, value: Any, path: Path, *, at_most_100: bool) -> int | None:
    """An int-or-percent field (``2`` or ``"25%"``) as its number; problems are recorded.

    Returns None when unset or unusable.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if value < 0:
            found.add(path, NONNEGATIVE)
        return value
    if not isinstance(value, str):
        return None
    if not _PERCENT.fullmatch(value):
        found.add(path, "must be an integer or a percentage such as '25%'")
        return None
    number = int(value[:-1])
    if at_most_100 and number > 100:
        found.add(path, "must not be greater than 100%")
    return number


CONTAINER_FIELDS = ("containers", "initContainers")
"""The container lists of a pod spec, in the order the API server validates them."""


def pod_spec(obj: Obj) -> tuple[Path, Mapping[str, Any]] | None:
    """(path, pod spec) of a Pod or workload object; None for other kinds or when the spec is missing."""
    path = pod_spec_path(str(obj.get("kind")))
    if path is None:
        return None
    node: Any = obj
    for part in path:
        node = mapping(node).get(part)
    return (path, node) if is_map(node) else None


def pod_template(obj: Obj) -> tuple[Path, Mapping[str, Any]] | None:
    """(path, pod template) of a workload object (not of a Pod, which is its own template)."""
    path = pod_spec_path(str(obj.get("kind")))
    if path is None or len(path) < 2:
        return None
    node: Any = obj
    for part in path[:-1]:
        node = mapping(node).get(part)
    return (path[:-1], node) if is_map(node) else None


def containers(spec: Mapping[str, Any]) -> Iterator[tuple[str, int, Mapping[str, Any]]]:
    """(list field, index, container) for every container and init container of a pod spec."""
    for field in CONTAINER_FIELDS:
        for i, container in entries(spec.get(field)):
            yield field, i, container


def is_sidecar(field: str, container: Mapping[str, Any], minor: int) -> bool:
    """An init container with ``restartPolicy: Always`` (a sidecar), which Kubernetes 1.29 and later enable."""
    return field == "initContainers" and minor >= 29 and text(container.get("restartPolicy")) == "Always"
