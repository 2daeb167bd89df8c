"""Keep Secret values out of everything k8slab prints: errors, progress lines and diffs."""

from __future__ import annotations

import base64
import binascii
import copy
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["MASK", "Redactor", "mask_secrets"]

MASK = "***"
"""What a Secret value is shown as."""
CHANGED_MASK = "*** (changed)"
"""What a Secret value is shown as on the applied side of a diff when it differs from the live one."""
_MIN_LENGTH = 4  # shorter values would blank out ordinary words of a message
_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_INVALID_VALUE = re.compile(r'Invalid value: (?:"(?:[^"\\]|\\.)*"|[^:]*)')


def _decoded(value: str) -> str | None:
    try:
        return base64.b64decode(value, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None


def _forms(value: str) -> set[str]:
    """The ways a server message may quote ``value``: as is, whitespace-collapsed, Go-quoted, base64 of those."""
    collapsed = " ".join(value.split())
    quoted = json.dumps(value)[1:-1]  # Go's %q escapes newlines, tabs and quotes the same way for text
    forms = {value, collapsed, quoted, *(line for line in value.splitlines())}
    forms |= {base64.b64encode(f.encode()).decode() for f in (value, collapsed)}
    return {f for f in forms if len(f) >= _MIN_LENGTH}


class Redactor:
    """Replaces every known Secret value in a text with ``***``: raw, whitespace-collapsed, quoted, base64.

    Apply it to a message before anything shortens or re-spaces the message: a value cut in
    half by truncation no longer matches, and its first part would show.
    """

    def __init__(self) -> None:
        self._values: set[str] = set()

    def add_objects(self, objects: Iterable[Mapping[str, Any]]) -> None:
        """Learn the values of the Secrets among ``objects``."""
        for obj in objects:
            if obj.get("kind") != "Secret":
                continue
            for value in (obj.get("data") or {}).values():
                if isinstance(value, str):
                    self._add(value)
                    decoded = _decoded(value)
                    if decoded is not None:
                        self._add(decoded)
            for value in (obj.get("stringData") or {}).values():
                if isinstance(value, str):
                    self._add(value)
                    self._add(base64.b64encode(value.encode()).decode())

    def _add(self, value: str) -> None:
        if len(value) >= _MIN_LENGTH:
            self._values |= _forms(value)

    def __call__(self, text: str) -> str:
        """``text`` with every known Secret value replaced by the mask."""
        for value in sorted(self._values, key=len, reverse=True):
            text = text.replace(value, MASK)
        return text


def mask_invalid_values(message: str) -> str:
    """Drop the quoted value from an API server ``Invalid value: ...`` message (used for Secrets)."""
    return _INVALID_VALUE.sub(f"Invalid value: {MASK}", message)


def mask_secrets(obj: Mapping[str, Any] | None, other: Mapping[str, Any] | None = None) -> dict[str, Any] | None:
    """A copy of ``obj`` with Secret values masked; non-Secrets are returned as copies, unchanged.

    Values that differ from the same key in ``other`` show as ``*** (changed)``, so a diff still
    tells which keys change without showing any value. The last-applied annotation that
    client-side ``kubectl apply`` leaves on a Secret holds its values, so it is masked too.
    """
    if obj is None:
        return None
    out = copy.deepcopy(dict(obj))
    if out.get("kind") != "Secret":
        return out
    before = _plain(other) if other is not None and other.get("kind") == "Secret" else None
    mine = _plain(out)
    for field in ("data", "stringData"):
        values = out.get(field)
        if isinstance(values, dict):
            out[field] = {
                k: CHANGED_MASK if before is not None and before.get(k) != mine.get(k) else MASK for k in values
            }
    annotations = (out.get("metadata") or {}).get("annotations")
    if isinstance(annotations, dict) and _LAST_APPLIED in annotations:
        annotations[_LAST_APPLIED] = MASK
    return out


def _plain(secret: Mapping[str, Any]) -> dict[str, str | None]:
    """Key → decoded value of a Secret, with stringData winning over data as on the server."""
    values: dict[str, str | None] = {}
    for key, value in (secret.get("data") or {}).items():
        values[key] = _decoded(value) if isinstance(value, str) else None
    for key, value in (secret.get("stringData") or {}).items():
        values[key] = value if isinstance(value, str) else None
    return values
