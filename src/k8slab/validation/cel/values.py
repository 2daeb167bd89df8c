"""Custom-resource data as CEL sees it: escaped property names, numbers typed by the schema.

Mirrors UnstructuredToVal (apiextensions-apiserver pkg/apiserver/schema/cel/values.go) and the
property-name escaping of k8s.io/apiserver/pkg/cel/escaping.go: an object's field whose name is
a CEL reserved word is reached as ``__name__`` (``self.__namespace__``), and ``__``, ``.``,
``-`` and ``/`` in a name become ``__underscores__``, ``__dot__``, ``__dash__`` and
``__slash__``. Map keys (``additionalProperties``) are left as they are. An integer in a
``number`` field is a CEL double; a string with ``format: date-time`` or ``date`` is a
timestamp, ``duration`` a duration and ``byte`` bytes (when it parses; else it stays a string).
The root object exposes only ``apiVersion``, ``kind`` and
``metadata.name`` / ``metadata.generateName`` of its metadata (model.WithTypeAndObjectMeta).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

__all__ = ["escape", "to_cel", "to_cel_root"]

RESERVED = frozenset(
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function",
        "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    }
)  # fmt: skip
_SIMPLE = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")
_ESCAPES = (("__", "__underscores__"), (".", "__dot__"), ("-", "__dash__"), ("/", "__slash__"))


def escape(name: str) -> str:
    """The CEL field name of an object property (escaping.go Escape); unescapable names stay as they are."""
    if name in RESERVED:
        return f"__{name}__"
    if _SIMPLE.fullmatch(name) and "__" not in name:
        return name
    escaped = name
    for old, new in _ESCAPES:
        escaped = escaped.replace(old, new)
    return escaped


_DURATION = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|ms|s|m|h)")
_UNITS = {"ns": 1e-3, "us": 1.0, "µs": 1.0, "ms": 1e3, "s": 1e6, "m": 6e7, "h": 3.6e9}


def _duration(text: str) -> timedelta:
    """Go's time.ParseDuration (``1h30m``, ``-1.5s``, ``300ms``); ValueError if malformed."""
    sign, body = (-1, text[1:]) if text.startswith("-") else (1, text.removeprefix("+"))
    if body == "0":
        return timedelta(0)
    parts, at, micros = [], 0, 0.0
    while at < len(body):
        match = _DURATION.match(body, at)
        if match is None or match.group(1) in ("", "."):
            raise ValueError(text)
        parts.append(match)
        micros += float(match.group(1)) * _UNITS[match.group(2)]
        at = match.end()
    if not parts:
        raise ValueError(text)
    return timedelta(microseconds=sign * micros)


def _timestamp(text: str) -> datetime:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})", text):
        raise ValueError(text)
    return datetime.fromisoformat(re.sub(r"[Zz]$", "+00:00", re.sub(r"(\.\d{6})\d+", r"\1", text)))


def _date(text: str) -> datetime:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    day = date.fromisoformat(text)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


_FORMATS: dict[str, Callable[[str], Any]] = {
    "date-time": _timestamp,
    "date": _date,
    "duration": _duration,
    "byte": lambda text: base64.b64decode(text, validate=True),
}


def _typed_string(value: str, fmt: Any) -> Any:
    """A formatted string as the CEL type the server gives it (SchemaDeclType), if it parses."""
    parse = _FORMATS.get(fmt) if isinstance(fmt, str) else None
    if parse is None:
        return value
    try:
        return parse(value)
    except (ValueError, binascii.Error, OverflowError):
        return value


def to_cel(value: Any, schema: Mapping[str, Any] | None) -> Any:
    """``value`` converted for the CEL runtime by its schema (a plain copy; the input is untouched)."""
    if not isinstance(schema, Mapping):
        schema = None  # a broken schema node converts nothing
    if isinstance(value, dict):
        properties = schema.get("properties") if schema is not None else None
        extra = schema.get("additionalProperties") if schema is not None else None
        if isinstance(properties, Mapping) and properties:
            return {escape(k): to_cel(v, properties.get(k)) for k, v in value.items()}
        sub = extra if isinstance(extra, Mapping) else None
        return {k: to_cel(v, sub) for k, v in value.items()}
    if isinstance(value, list):
        items = schema.get("items") if schema is not None else None
        return [to_cel(v, items if isinstance(items, Mapping) else None) for v in value]
    if type(value) is int and schema is not None and schema.get("type") == "number":
        return float(value)
    if isinstance(value, str) and schema is not None and "format" in schema:
        return _typed_string(value, schema["format"])
    return value


def to_cel_root(value: Mapping[str, Any], schema: Mapping[str, Any]) -> Any:
    """The whole custom resource as the root rules' ``self``."""
    converted = to_cel(dict(value), schema)
    metadata = value.get("metadata")
    if isinstance(converted, dict) and isinstance(metadata, Mapping):
        converted["metadata"] = {k: metadata[k] for k in ("name", "generateName") if k in metadata}
    return converted
