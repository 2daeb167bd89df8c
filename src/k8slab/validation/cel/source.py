"""Reading a CEL rule's source before it is compiled: optional syntax, comprehension depth, size.

The CEL runtime k8slab builds on (``common-expression-language``) has the optional *types*
(``optional.of``, ``optional.none``, ``hasValue``, ``value``, ``orValue``, ``or``) but not
the optional *syntax* that Kubernetes enables with ``cel.OptionalTypes()``: ``x.?field`` and
``x[?key]``. :func:`rewrite` turns them into calls of two library functions,
``_k8s_opt_select(x, 'field')`` and ``_k8s_opt_index(x, key)``, which behave as cel-go's:
absent field or key gives ``optional.none()``, and on an optional operand they chain.

The same token scan gives what the cost estimate needs (:mod:`k8slab.validation.cel.cost`):
the nesting depth of comprehension macros and the number of tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Scan", "rewrite", "scan"]

OPT_SELECT = "_k8s_opt_select"
OPT_INDEX = "_k8s_opt_index"
MACROS = frozenset({"all", "exists", "exists_one", "map", "filter", "transformList", "transformMap", "sortBy"})

# Tokens: string literals (raw, triple-quoted, bytes), numbers, identifiers, two-char operators, any char.
_TOKEN = re.compile(
    r"""
    (?P<str>[rRbB]{0,2}(?:'''(?:\\.|[^\\])*?'''|\"\"\"(?:\\.|[^\\])*?\"\"\"|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"))
  | (?P<num>0[xX][0-9a-fA-F]+[uU]?|\d+\.\d*(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?[uU]?|\.\d+(?:[eE][+-]?\d+)?)
  | (?P<id>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\.\?|\[\?|&&|\|\||==|!=|<=|>=)
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {v: k for k, v in _OPEN.items()}


@dataclass(frozen=True)
class Token:
    """One token: its kind (str, num, id, op, other) and text."""

    kind: str
    text: str


def tokenize(source: str) -> list[Token]:
    """The tokens of a CEL expression, without whitespace."""
    return [Token(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(source) if m.lastgroup != "space"]


def _operand_start(tokens: list[Token], end: int) -> int:
    """Index of the first token of the member-access operand that ends just before ``end``.

    Walks back over ``a.b(c)[d]`` chains: identifiers, literals and balanced brackets joined
    by ``.``; a bracket group preceded by an identifier is a call of that function.
    """
    i = end - 1
    while i >= 0:
        if tokens[i].text in _CLOSE:
            depth, j = 0, i
            while j > 0:
                if tokens[j].text in _CLOSE:
                    depth += 1
                elif tokens[j].text in _OPEN or tokens[j].text == "[?":
                    depth -= 1
                    if depth == 0:
                        break
                j -= 1
            i = j
            before = tokens[i - 1] if i > 0 else None
            call = before is not None and (before.kind in ("id", "str") or before.text in _CLOSE)
            if tokens[i].text in ("(", "[", "[?") and call:
                i -= 1
                continue
        elif tokens[i].kind not in ("id", "str", "num"):
            return i + 1
        if i > 0 and tokens[i - 1].text in (".", ".?"):
            i -= 2
            continue
        return i
    return 0


def _closing(tokens: list[Token], start: int) -> int:
    """Index of the bracket that closes the one opened at ``start``."""
    depth = 0
    for j in range(start, len(tokens)):
        if tokens[j].text in _OPEN or tokens[j].text == "[?":
            depth += 1
        elif tokens[j].text in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced brackets")


def _join(tokens: list[Token]) -> str:
    out = ""
    for token in tokens:
        if out and (token.kind in ("id", "num", "str")) and (out[-1].isalnum() or out[-1] in "_'\""):
            out += " "
        out += token.text
    return out


def rewrite(source: str) -> str:
    """The source with ``x.?f`` and ``x[?k]`` replaced by optional-library calls; else unchanged.

    Raises ValueError on unbalanced brackets around an optional access.
    """
    tokens = tokenize(source)
    if not any(t.text in (".?", "[?") for t in tokens):
        return source
    while True:
        at = next((i for i, t in enumerate(tokens) if t.text in (".?", "[?")), None)
        if at is None:
            return _join(tokens)
        start = _operand_start(tokens, at)
        operand = tokens[start:at]
        if not operand:
            raise ValueError("optional access without an operand")
        if tokens[at].text == ".?":
            if at + 1 >= len(tokens) or tokens[at + 1].kind != "id":
                raise ValueError("'.?' must be followed by a field name")
            call = [Token("id", OPT_SELECT), Token("other", "("), *operand, Token("other", ",")]
            call += [Token("str", repr(tokens[at + 1].text)), Token("other", ")")]
            tokens[start : at + 2] = call
        else:
            close = _closing(tokens, at)
            key = tokens[at + 1 : close]
            call = [Token("id", OPT_INDEX), Token("other", "("), *operand, Token("other", ","), *key]
            tokens[start : close + 1] = [*call, Token("other", ")")]


@dataclass(frozen=True)
class Scan:
    """What the cost estimate reads from a rule's source."""

    tokens: int
    """The number of tokens: a proxy for the work of one evaluation."""
    depth: int
    """The deepest nesting of comprehension macros (``all``, ``exists``, ``map`` ...)."""


@lru_cache(maxsize=4096)
def scan(source: str) -> Scan:
    """Token count and comprehension nesting depth of a rule."""
    tokens = tokenize(source)
    stack: list[bool] = []
    depth = 0
    for i, token in enumerate(tokens):
        if token.text in _OPEN or token.text == "[?":
            macro = token.text == "(" and i >= 2 and tokens[i - 1].text in MACROS and tokens[i - 2].text == "."
            stack.append(macro)
            depth = max(depth, sum(stack))
        elif token.text in _CLOSE and stack:
            stack.pop()
    return Scan(len(tokens), depth)
