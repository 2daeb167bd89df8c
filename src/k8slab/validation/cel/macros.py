"""Macros Kubernetes enables that the runtime lacks, rewritten into ones it has.

- Two-variable comprehensions (cel-go ``ext.TwoVarComprehensions``, Kubernetes 1.32+):
  ``x.all(k, v, p)``, ``exists``, ``exists_one``, ``transformList(i, v, [filter,] e)`` and
  ``transformMap(k, v, [filter,] e)``. Each becomes a one-variable macro over
  ``_k8s_entries(x)``, the ``[key, value]`` pairs of a map or the ``[index, value]`` pairs of
  a list, with ``k`` and ``v`` replaced by ``e[0]`` and ``e[1]`` of a fresh variable.
- ``x.sortBy(v, e)`` (``ext.Lists`` v3) becomes ``_k8s_sort_by(x, x.map(v, e))``.

The rewrite works on tokens (:mod:`.source`); a nested comprehension that rebinds the same
variable name is not supported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .source import Token, _closing, _join, _operand_start, tokenize
from .strings import CelError

__all__ = ["FUNCTIONS", "expand"]

_TWO_VARIABLE = {"all", "exists", "exists_one", "transformList", "transformMap"}
ENTRIES, TO_MAP, SORT_BY = "_k8s_entries", "_k8s_to_map", "_k8s_sort_by"


def _arguments(tokens: list[Token], open_at: int, close_at: int) -> list[list[Token]]:
    """The top-level comma-separated arguments between two brackets."""
    args: list[list[Token]] = [[]]
    depth = 0
    for token in tokens[open_at + 1 : close_at]:
        if token.text in ("(", "[", "{", "[?"):
            depth += 1
        elif token.text in (")", "]", "}"):
            depth -= 1
        if token.text == "," and depth == 0:
            args.append([])
        else:
            args[-1].append(token)
    return args


def _substitute(body: list[Token], names: dict[str, list[Token]]) -> list[Token]:
    """``body`` with the variables in ``names`` replaced (not field names after a dot)."""
    out: list[Token] = []
    for i, token in enumerate(body):
        after_dot = i > 0 and body[i - 1].text in (".", ".?")
        out += names[token.text] if token.kind == "id" and token.text in names and not after_dot else [token]
    return out


def _find(tokens: list[Token]) -> tuple[int, str] | None:
    """The first ``.macro(`` call that needs rewriting: its dot's index and the macro's name."""
    for i in range(len(tokens) - 2):
        name = tokens[i + 1].text
        if tokens[i].text != "." or tokens[i + 2].text != "(":
            continue
        if name == "sortBy":
            return i, name
        if name in _TWO_VARIABLE and i + 6 < len(tokens):
            k, comma, v, comma2 = tokens[i + 3 : i + 7]
            if k.kind == v.kind == "id" and comma.text == comma2.text == ",":
                return i, name
    return None


def _macro(name: str, variable: str, body: list[Token]) -> list[Token]:
    """``.name(variable, body)``."""
    return [
        Token("other", "."),
        Token("id", name),
        Token("other", "("),
        Token("id", variable),
        Token("other", ","),
        *body,
        Token("other", ")"),
    ]


def expand(source: str) -> str:
    """The source with two-variable comprehensions and ``sortBy`` rewritten; else unchanged."""
    tokens = tokenize(source)
    counter = 0
    while (found := _find(tokens)) is not None:
        dot, name = found
        start = _operand_start(tokens, dot)
        receiver = tokens[start:dot]
        close = _closing(tokens, dot + 2)
        args = _arguments(tokens, dot + 2, close)
        counter += 1
        if name == "sortBy":
            if len(args) != 2:
                raise ValueError("sortBy needs a variable and an expression")
            mapped = [*receiver, Token("other", "."), Token("id", "map"), Token("other", "("), *args[0]]
            mapped += [Token("other", ","), *args[1], Token("other", ")")]
            call = [
                Token("id", SORT_BY),
                Token("other", "("),
                *receiver,
                Token("other", ","),
                *mapped,
                Token("other", ")"),
            ]
            tokens[start : close + 1] = call
            continue
        entry = f"_k8s_e{counter}"
        (key,), (value,), *rest = args
        names = {key.text: [Token("id", entry), *tokenize("[0]")], value.text: [Token("id", entry), *tokenize("[1]")]}
        rest = [_substitute(part, names) for part in rest]
        entries = [Token("id", ENTRIES), Token("other", "("), *receiver, Token("other", ")")]

        if name in ("all", "exists", "exists_one"):
            if len(rest) != 1:
                raise ValueError(f"{name} with two variables needs one predicate")
            call = entries + _macro(name, entry, rest[0])
        else:
            if len(rest) not in (1, 2):
                raise ValueError(f"{name} needs an expression, with an optional filter before it")
            filtered = entries + (_macro("filter", entry, rest[0]) if len(rest) == 2 else [])
            if name == "transformList":
                call = filtered + _macro("map", entry, rest[-1])
            else:
                pair = [Token("other", "["), Token("id", entry), *tokenize("[0]"), Token("other", ","), *rest[-1]]
                inner = filtered + _macro("map", entry, [*pair, Token("other", "]")])
                call = [Token("id", TO_MAP), Token("other", "("), *inner, Token("other", ")")]
        tokens[start : close + 1] = call
    return _join(tokens) if counter else source


def entries(value: Any) -> list[list[Any]]:
    """``[key, value]`` pairs of a map, ``[index, value]`` pairs of a list."""
    if isinstance(value, dict):
        return [[k, v] for k, v in value.items()]
    if isinstance(value, list):
        return [[i, v] for i, v in enumerate(value)]
    raise CelError("no such overload: comprehension over a value that is not a list or map")


def to_map(pairs: list[list[Any]]) -> dict[Any, Any]:
    """A map from ``[key, value]`` pairs."""
    return {k: v for k, v in pairs}


def sort_by(items: list[Any], keys: list[Any]) -> list[Any]:
    """``items`` ordered by ``keys`` (stable), as ``sortBy`` does."""
    if len({type(k) for k in keys}) > 1 or any(isinstance(k, dict | list | bool) or k is None for k in keys):
        raise CelError("sortBy keys must have the same type and be comparable")
    return [item for _, item in sorted(zip(keys, items, strict=True), key=lambda pair: pair[0])]


FUNCTIONS: dict[str, Callable[..., Any]] = {ENTRIES: entries, TO_MAP: to_map, SORT_BY: sort_by}
"""The helper functions the rewritten macros call."""
