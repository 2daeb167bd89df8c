"""Labels, annotations and label selectors: their syntax, and whether a selector matches a set of labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...syntax import check_label_key, check_label_value
from ._base import REQUIRED, Findings, Path, entries, mapping, rule_message, seq, text

__all__ = [
    "ANNOTATIONS_MAX_BYTES",
    "check_annotations",
    "check_labels",
    "check_selector",
    "is_empty_selector",
    "selector_matches",
]

ANNOTATIONS_MAX_BYTES = 256 * 1024
"""The API server's limit on the total size of an object's annotation keys and values."""

_OPERATORS = ("In", "NotIn", "Exists", "DoesNotExist")


def check_labels(found: Findings, labels: Any, path: Path) -> None:
    """Every key is a qualified name and every value a label value."""
    for key, value in mapping(labels).items():
        if not isinstance(key, str):
            continue
        message = rule_message(check_label_key, key)
        if message:
            found.add((*path, key), message)
        if isinstance(value, str):
            message = rule_message(check_label_value, value)
            if message:
                found.add((*path, key), message)


def check_annotations(found: Findings, annotations: Any, path: Path) -> None:
    """Keys are qualified names (compared in lower case, as the server does); the total stays within 256 KiB."""
    total = 0
    for key, value in mapping(annotations).items():
        if not isinstance(key, str):
            continue
        message = rule_message(check_label_key, key.lower())
        if message:
            found.add((*path, key), message.replace("a label key", "an annotation key"))
        total += len(key.encode()) + len(text(value).encode())
    if total > ANNOTATIONS_MAX_BYTES:
        found.add(path, f"keys and values must have at most {ANNOTATIONS_MAX_BYTES} bytes in total")


def check_selector(found: Findings, selector: Any, path: Path) -> bool:
    """A LabelSelector's matchLabels and matchExpressions follow the label and operator rules; True when valid."""
    before = len(found.problems)
    sel = mapping(selector)
    check_labels(found, sel.get("matchLabels"), (*path, "matchLabels"))
    for i, expr in entries(sel.get("matchExpressions")):
        where = (*path, "matchExpressions", i)
        key = text(expr.get("key"))
        message = REQUIRED if not key else rule_message(check_label_key, key)
        if message:
            found.add((*where, "key"), message)
        operator = expr.get("operator")
        values = seq(expr.get("values"))
        if operator in ("In", "NotIn") and not values:
            found.add((*where, "values"), "must be specified when operator is 'In' or 'NotIn'")
        elif operator in ("Exists", "DoesNotExist") and values:
            found.add((*where, "values"), "may not be specified when operator is 'Exists' or 'DoesNotExist'")
        elif operator not in _OPERATORS and isinstance(operator, str | None):
            found.add((*where, "operator"), "must be one of: " + ", ".join(_OPERATORS))
        for j, value in enumerate(values):
            if isinstance(value, str):
                message = rule_message(check_label_value, value)
                if message:
                    found.add((*where, "values", j), message)
    return len(found.problems) == before


def is_empty_selector(selector: Any) -> bool:
    """True when the selector has neither matchLabels nor matchExpressions (it would select everything)."""
    sel = mapping(selector)
    return not mapping(sel.get("matchLabels")) and not seq(sel.get("matchExpressions"))


def selector_matches(selector: Any, labels: Mapping[str, Any]) -> bool:
    """Whether a LabelSelector selects an object with ``labels``."""
    sel = mapping(selector)
    for key, value in mapping(sel.get("matchLabels")).items():
        if labels.get(key) != value:
            return False
    for _, expr in entries(sel.get("matchExpressions")):
        name, operator, values = text(expr.get("key")), expr.get("operator"), seq(expr.get("values"))
        present = name in labels
        if operator == "In" and not (present and labels[name] in values):
            return False
        if operator == "NotIn" and present and labels[name] in values:
            return False
        if (operator == "Exists" and not present) or (operator == "DoesNotExist" and present):
            return False
    return True
