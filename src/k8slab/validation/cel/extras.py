"""Newer Kubernetes CEL libraries: cel-go's ``ext.Lists`` (version 3) and the semver library.

Kubernetes enables ``ext.Lists(ext.ListsVersion(3))`` from 1.34 (k8s.io/apiserver
pkg/cel/environment/base.go): ``distinct``, ``flatten``, ``lists.range``, ``reverse``,
``slice``, ``sort``, ``first`` and ``last`` (``sortBy`` is a macro and is not added). The
semver library (pkg/cel/library/semverlib.go, from 1.33) gives ``isSemver``, ``semver``,
``major``, ``minor``, ``patch`` and the comparisons ``isGreaterThan``, ``isLessThan`` and
``compareTo``, which quantities share (:mod:`.network` dispatches on the value).

A semantic version is a one-key map (``{"__k8s_semver__": "1.2.3"}``) like the other
Kubernetes types here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .runtime import OptionalValue
from .strings import CelError

__all__ = ["FUNCTIONS", "SEMVER", "compare_semver"]

SEMVER = "__k8s_semver__"
_SEMVER = re.compile(
    r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?"
    r"(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
)
_LOOSE = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)")


def _normalized(text: str) -> str:
    """semverlib's normalize: a leading ``v`` dropped, missing minor/patch added, leading zeros removed."""
    match = _LOOSE.fullmatch(text)
    if match is None:
        return text
    major, minor, patch, rest = match.groups()
    return f"{int(major)}.{int(minor or 0)}.{int(patch or 0)}{rest}"


def _parse(text: Any, normalize: bool = False) -> str:
    if not isinstance(text, str):
        raise CelError("no such overload: semver")
    candidate = _normalized(text) if normalize else text
    if not _SEMVER.fullmatch(candidate):
        raise CelError(f"semver parse error during conversion from string: {text}")
    return candidate


def semver(text: Any, normalize: bool = False) -> dict[str, str]:
    """``semver('1.2.3')``; ``semver('v1.2', true)`` normalizes first."""
    return {SEMVER: _parse(text, normalize)}


def is_semver(text: Any, normalize: bool = False) -> bool:
    """Whether ``semver(text[, normalize])`` would succeed."""
    try:
        _parse(text, normalize)
    except CelError:
        return False
    return True


def _parts(value: Any) -> tuple[int, int, int, list[str]]:
    if not (isinstance(value, dict) and len(value) == 1 and SEMVER in value):
        raise CelError("no such overload: semver")
    match = _SEMVER.fullmatch(value[SEMVER])
    assert match is not None  # only parsed versions are wrapped
    return int(match[1]), int(match[2]), int(match[3]), match[4].split(".") if match[4] else []


def _prerelease_key(part: str) -> tuple[int, int, str]:
    return (0, int(part), "") if part.isdigit() else (1, 0, part)


def compare_semver(a: Any, b: Any) -> int:
    """-1, 0 or 1, by semver 2.0 precedence (build metadata ignored)."""
    x, y = _parts(a), _parts(b)
    if x[:3] != y[:3]:
        return -1 if x[:3] < y[:3] else 1
    if x[3] == y[3]:
        return 0
    if not x[3] or not y[3]:  # a release ranks above its pre-releases
        return 1 if not x[3] else -1
    kx, ky = [_prerelease_key(p) for p in x[3]], [_prerelease_key(p) for p in y[3]]
    return -1 if kx < ky else 1


def is_semver_value(value: Any) -> bool:
    """Whether a value is a wrapped semantic version."""
    return isinstance(value, dict) and len(value) == 1 and SEMVER in value


# ext.Lists version 3 ---------------------------------------------------------------------------


def _key(value: Any) -> Any:
    return (type(value).__name__, repr(value)) if isinstance(value, dict | list) else (type(value).__name__, value)


def distinct(items: list[Any]) -> list[Any]:
    """``[1, 2, 1].distinct()`` -> ``[1, 2]``, first occurrences kept."""
    seen: set[Any] = set()
    out = []
    for item in items:
        key = _key(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def flatten(items: list[Any], depth: int = 1) -> list[Any]:
    """``[1, [2, [3]]].flatten()`` -> ``[1, 2, [3]]``; ``flatten(n)`` goes n levels deep."""
    if depth < 0:
        raise CelError("level must be non-negative")
    out: list[Any] = []
    for item in items:
        out += flatten(item, depth - 1) if isinstance(item, list) and depth > 0 else [item]
    return out


def list_slice(items: list[Any], start: int, end: int) -> list[Any]:
    """``[1, 2, 3].slice(1, 2)`` -> ``[2]``; indexes out of range are errors."""
    if not 0 <= start <= end <= len(items):
        raise CelError(f"cannot slice({start}, {end}), list has {len(items)} items")
    return items[start:end]


def list_sort(items: list[Any]) -> list[Any]:
    """``[3, 1, 2].sort()`` for lists of comparable scalars of one type."""
    if len({type(i) for i in items}) > 1 or any(isinstance(i, dict | list | bool) or i is None for i in items):
        raise CelError("list elements must have the same type and be comparable")
    return sorted(items)


def reverse(items: Any) -> Any:
    """``[1, 2].reverse()`` -> ``[2, 1]``."""
    if not isinstance(items, list):
        raise CelError("no such overload: reverse")
    return items[::-1]


def first(items: list[Any]) -> Any:
    """``[1, 2].first()`` -> ``optional.of(1)``; ``optional.none()`` for an empty list."""
    return OptionalValue.of(items[0]) if items else OptionalValue.none()


def last(items: list[Any]) -> Any:
    """``[1, 2].last()`` -> ``optional.of(2)``."""
    return OptionalValue.of(items[-1]) if items else OptionalValue.none()


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "semver": semver,
    "isSemver": is_semver,
    "major": lambda v: _parts(v)[0],
    "minor": lambda v: _parts(v)[1],
    "patch": lambda v: _parts(v)[2],
    "distinct": distinct,
    "flatten": flatten,
    "lists.range": lambda n: list(range(n)),
    "reverse": reverse,
    "slice": list_slice,
    "sort": list_sort,
    "first": first,
    "last": last,
}
"""CEL name -> implementation; the semver comparisons live in :mod:`.network` with the quantity ones."""
