"""Label and field selectors, equality-based (``a=b``, ``a==b``, ``a!=b``, ``a``, ``!a``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class SelectorError(ValueError):
    """A selector the emulator does not understand."""


def _terms(text: str) -> list[tuple[str, str, str | None]]:
    terms: list[tuple[str, str, str | None]] = []
    for raw in filter(None, (t.strip() for t in text.split(","))):
        if " in " in raw or " notin " in raw or "(" in raw:
            raise SelectorError(f"unsupported selector term {raw!r}")
        if "!=" in raw:
            key, value = raw.split("!=", 1)
            terms.append(("!=", key.strip(), value.strip()))
        elif "=" in raw:
            key, value = raw.replace("==", "=").split("=", 1)
            terms.append(("=", key.strip(), value.strip()))
        elif raw.startswith("!"):
            terms.append(("!", raw[1:].strip(), None))
        else:
            terms.append(("exists", raw, None))
    return terms


def _check(terms: list[tuple[str, str, str | None]], lookup: Callable[[str], str | None]) -> bool:
    for op, key, value in terms:
        found = lookup(key)
        if (op == "=" and found != value) or (op == "!=" and found == value):
            return False
        if (op == "exists" and found is None) or (op == "!" and found is not None):
            return False
    return True


def label_matcher(text: str) -> Callable[[dict[str, Any]], bool]:
    """A predicate on objects for a label selector."""
    terms = _terms(text)

    def match(obj: dict[str, Any]) -> bool:
        labels = (obj.get("metadata") or {}).get("labels") or {}
        return _check(terms, labels.get)

    return match


def field_matcher(text: str) -> Callable[[dict[str, Any]], bool]:
    """A predicate on objects for a field selector over dotted paths (``involvedObject.name=web``)."""
    terms = _terms(text)

    def match(obj: dict[str, Any]) -> bool:
        def lookup(path: str) -> str | None:
            node: Any = obj
            for key in path.split("."):
                if not isinstance(node, dict) or key not in node:
                    return None
                node = node[key]
            return None if node is None else str(node)

        return _check(terms, lookup)

    return match
