"""Kubernetes' CEL string, list and regex libraries, as Python functions for the CEL runtime.

Mirrors cel-go's ``ext.Strings`` (version 2, as the API server enables it: ``charAt``,
``indexOf``, ``lastIndexOf``, ``lowerAscii``, ``upperAscii``, ``replace``, ``split``,
``join``, ``substring``, ``trim``, ``strings.quote``, ``format``), ``ext.Sets`` and the
API server's own ``library.Lists()`` (``isSorted``, ``sum``, ``min``, ``max``, ``indexOf``,
``lastIndexOf`` on lists) and ``library.Regex()`` (``find``, ``findAll``), from
k8s.io/apiserver/pkg/cel/library/lists.go and regex.go.

Each function raises :class:`CelError` where cel-go returns an error value; the evaluator turns
it into the API server's ``... evaluating rule: ...`` message. Regular expressions use Python's
``re`` (RE2 syntax for what the Gateway API rules use; backreferences are refused like RE2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["FUNCTIONS", "CelError"]


class CelError(ValueError):
    """An error value of a library function (bad argument, out of range ...)."""


def _need_str(value: Any, function: str) -> str:
    if not isinstance(value, str):
        raise CelError(f"no such overload: {function}")
    return value


def char_at(text: str, index: int) -> str:
    """``'abc'.charAt(1)`` -> ``'b'``; the length itself gives ``''``."""
    if not 0 <= index <= len(text):
        raise CelError(f"index out of range: {index}")
    return text[index : index + 1]


def index_of(target: Any, item: Any, offset: int = 0) -> int:
    """String ``indexOf(sub[, offset])`` (ext.Strings) or list ``indexOf(elem)`` (library.Lists)."""
    if isinstance(target, list):
        return next((i for i, x in enumerate(target) if _equal(x, item)), -1)
    text, sub = _need_str(target, "indexOf"), _need_str(item, "indexOf")
    if not 0 <= offset <= len(text):
        raise CelError(f"index out of range: {offset}")
    return text.find(sub, offset)


def last_index_of(target: Any, item: Any, offset: int | None = None) -> int:
    """String ``lastIndexOf(sub[, offset])`` or list ``lastIndexOf(elem)``."""
    if isinstance(target, list):
        return next((i for i in range(len(target) - 1, -1, -1) if _equal(target[i], item)), -1)
    text, sub = _need_str(target, "lastIndexOf"), _need_str(item, "lastIndexOf")
    if offset is None:
        return text.rfind(sub)
    if not 0 <= offset <= len(text):
        raise CelError(f"index out of range: {offset}")
    return text.rfind(sub, 0, offset + len(sub))


def _ascii(text: str, upper: bool) -> str:
    table = str.maketrans(
        "abcdefghijklmnopqrstuvwxyz" if upper else "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz",
    )
    return _need_str(text, "lowerAscii").translate(table)


def replace(text: str, old: str, new: str, limit: int = -1) -> str:
    """``replace(old, new[, n])``: n < 0 replaces all."""
    return _need_str(text, "replace").replace(old, new, limit if limit >= 0 else -1)


def split(text: str, separator: str, limit: int = -1) -> list[str]:
    """``split(sep[, n])`` as Go's strings.SplitN: n == 0 gives [], n < 0 all parts."""
    if limit == 0:
        return []
    if separator == "":
        parts = list(text)
        return parts if limit < 0 or limit >= len(parts) else [*parts[: limit - 1], "".join(parts[limit - 1 :])]
    return text.split(separator) if limit < 0 else text.split(separator, limit - 1)


def substring(text: str, start: int, end: int | None = None) -> str:
    """``substring(start[, end])``; out-of-range or reversed indexes are errors."""
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise CelError(f"index out of range: {start if not 0 <= start <= len(text) else stop}")
    return text[start:stop]


def trim(text: str) -> str:
    """Strip leading and trailing Unicode white space."""
    return _need_str(text, "trim").strip()


def join(items: list[Any], separator: str = "") -> str:
    """``['a', 'b'].join('-')``; every item must be a string."""
    return separator.join(_need_str(item, "join") for item in items)


def quote(text: str) -> str:
    """``strings.quote(s)``: a double-quoted CEL string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = escaped.replace("\r", "\\r")
    return '"' + escaped + '"'


def _plain(value: Any) -> str:
    """How ``%s`` shows a value (cel-go's formatting of strings, numbers, lists and maps)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in value.items()) + "}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_CLAUSES = {"d": "decimal", "f": "fixed-point", "e": "scientific", "b": "binary", "o": "octal", "x": "hex", "X": "hex"}
_VERB = re.compile(r"%(?:\.(\d+))?([sdfeboxX%])")


def format_string(template: str, args: list[Any]) -> str:
    """``'%s has %d items'.format([name, n])``: the verbs %s %d %f %e %b %o %x %X and %%."""
    values = iter(args)

    def one(match: re.Match[str]) -> str:
        precision, verb = match.group(1), match.group(2)
        if verb == "%":
            return "%"
        try:
            value = next(values)
        except StopIteration:
            raise CelError(f"index {len(args)} out of range") from None
        if verb == "s":
            return _plain(value)
        if verb in "fe":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise CelError(f"error during formatting: {_CLAUSES[verb]} clause can only be used on doubles")
            return f"{float(value):.{int(precision) if precision else 6}{verb}}"
        if isinstance(value, bool) or not isinstance(value, int):
            if verb == "d" and isinstance(value, float) and value.is_integer():
                return str(int(value))
            raise CelError(f"error during formatting: {_CLAUSES[verb]} clause can only be used on integers")
        return format(value, {"d": "d", "b": "b", "o": "o", "x": "x", "X": "X"}[verb])

    return _VERB.sub(one, template)


def _equal(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (isinstance(a, int | float) and isinstance(b, int | float) and a == b)


def _numbers(items: list[Any], function: str) -> list[Any]:
    if any(isinstance(i, bool) or not isinstance(i, int | float | str) for i in items):
        raise CelError(f"no such overload: {function}")
    return items


def is_sorted(items: list[Any]) -> bool:
    """``[1, 2, 3].isSorted()``: ascending, equal neighbours allowed."""
    values = _numbers(items, "isSorted")
    return all(values[i] <= values[i + 1] for i in range(len(values) - 1))


def list_sum(items: list[Any]) -> Any:
    """``[1, 2].sum()``: 0 for an empty list."""
    values = _numbers(items, "sum")
    total: Any = 0.0 if any(isinstance(v, float) for v in values) else 0
    for value in values:
        total += value
    return total


def list_min(items: list[Any]) -> Any:
    """``[2, 1].min()``; an error on an empty list."""
    if not items:
        raise CelError("min called on empty list")
    return min(_numbers(items, "min"))


def list_max(items: list[Any]) -> Any:
    """``[2, 1].max()``; an error on an empty list."""
    if not items:
        raise CelError("max called on empty list")
    return max(_numbers(items, "max"))


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    if re.search(r"\\[1-9]|\(\?[=!<]", pattern):
        raise CelError(f"invalid regex: {pattern}: lookaround and backreferences are not RE2")
    try:
        return re.compile(pattern)
    except re.error as err:
        raise CelError(f"invalid regex: {err}") from None


def find(text: str, pattern: str) -> str:
    """``'abc 123'.find('[0-9]+')`` -> ``'123'``; ``''`` when nothing matches."""
    match = _regex(pattern).search(_need_str(text, "find"))
    return match.group(0) if match else ""


def find_all(text: str, pattern: str, limit: int = -1) -> list[str]:
    """``'a1b2'.findAll('[0-9]')`` -> ``['1', '2']``; at most ``limit`` matches when >= 0."""
    found = [m.group(0) for m in _regex(pattern).finditer(_need_str(text, "findAll"))]
    return found if limit < 0 else found[:limit]


def sets_contains(items: list[Any], sub: list[Any]) -> bool:
    """``sets.contains(list, sub)``: every element of sub is in list."""
    return all(any(_equal(x, y) for x in items) for y in sub)


def sets_equivalent(a: list[Any], b: list[Any]) -> bool:
    """``sets.equivalent(a, b)``: the same elements, ignoring order and repeats."""
    return sets_contains(a, b) and sets_contains(b, a)


def sets_intersects(a: list[Any], b: list[Any]) -> bool:
    """``sets.intersects(a, b)``: at least one common element."""
    return any(any(_equal(x, y) for x in a) for y in b)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "charAt": char_at,
    "indexOf": index_of,
    "lastIndexOf": last_index_of,
    "lowerAscii": lambda text: _ascii(text, False),
    "upperAscii": lambda text: _ascii(text, True),
    "replace": replace,
    "split": split,
    "substring": substring,
    "trim": trim,
    "join": join,
    "strings.quote": quote,
    "format": format_string,
    "isSorted": is_sorted,
    "sum": list_sum,
    "min": list_min,
    "max": list_max,
    "find": find,
    "findAll": find_all,
    "sets.contains": sets_contains,
    "sets.equivalent": sets_equivalent,
    "sets.intersects": sets_intersects,
}
"""CEL name -> implementation; method calls ``x.f(a)`` reach ``f(x, a)``."""
