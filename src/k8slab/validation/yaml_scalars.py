"""Scalars as the API server reads them: go-yaml v2's resolve(), then what JSON carries.

sigs.k8s.io/yaml decodes YAML with go-yaml v2 (``go.yaml.in/yaml/v2``) and converts the result
to JSON. A plain scalar's meaning comes from resolve.go (resolveTable, resolveMap, ParseInt with
base 0, yamlStyleFloat); an integral float becomes the integer ``json.Marshal`` writes; a mapping
key becomes the string ``convertToJSONableObject`` makes of it. The differences from PyYAML are
tabled in docs/guides/validate.md.
"""

from __future__ import annotations

import base64
import math
import re
import struct
from typing import Any

from yaml.nodes import Node, ScalarNode

__all__ = ["PLAIN", "PLAIN_KEY_START", "STR", "TAG", "ReaderError", "fail", "go_plain", "json_key", "scalar"]

PLAIN = "!plain"  # the resolver's mark for an untagged plain scalar: resolved here, Go's way
STR = "tag:yaml.org,2002:str"
TAG = "tag:yaml.org,2002:"

# go-yaml v2 resolve.go: resolveTable (the first character decides what a plain scalar may be)
# and resolveMap (the words).
_NUMBER_START = frozenset("+-0123456789")
_WORD_START = frozenset("yYnNtTfFoO~")
_MISSING = object()
_WORDS: dict[str, Any] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("~", "null", "Null", "NULL"), None),
}
_NOT_JSON = frozenset(
    (".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF")
)
_INT = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")  # resolve.go yamlStyleFloat
_DOT_FLOAT = re.compile(r"\.[0-9]+(?:[eE][-+]?[0-9]+)?\Z")  # what strconv.ParseFloat takes after a leading "."
_INT64 = 1 << 63
_UINT64 = 1 << 64


class ReaderError(Exception):
    """YAML that the API server's reader refuses, or that breaks a limit; one line, with its position."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        """1-based, or None when unknown."""
        self.column = column
        """1-based, or None when unknown."""


def fail(node: Node, message: str) -> ReaderError:
    """A ReaderError at the start of ``node``."""
    mark = node.start_mark
    return ReaderError(message, mark.line + 1, mark.column + 1)


# -- scalars ----------------------------------------------------------------------------------------


def _json_number(value: float) -> int | float:
    """A float as JSON carries it: ``json.Marshal`` writes an integral float64 as an integer."""
    if value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def _go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 0, 64), then ParseUint (resolve.go), on a string without underscores."""
    if not _INT.match(text):
        return None
    sign = -1 if text[0] == "-" else 1
    body = text[1:] if text[0] in "+-" else text
    if body[:2] in ("0x", "0X"):
        number = int(body[2:], 16)
    elif body[:2] in ("0o", "0O"):
        number = int(body[2:], 8)
    elif body[:2] in ("0b", "0B"):
        number = int(body[2:], 2)
    elif len(body) > 1 and body[0] == "0":
        number = int(body[1:], 8)
    else:
        number = int(body)
    number *= sign
    if -_INT64 <= number < _INT64 or (text[0] not in "+-" and 0 <= number < _UINT64):
        return number
    return None


def _plain(node: ScalarNode) -> Any:
    """An untagged plain scalar as JSON carries it: Go's value, an integral float as an integer."""
    value = go_plain(node)
    return _json_number(value) if type(value) is float else value


def go_plain(node: ScalarNode) -> Any:
    """An untagged plain scalar, resolved as go-yaml v2's resolve() does (resolve.go); floats stay floats."""
    text: str = node.value
    if not text:
        return None
    first = text[0]
    if first in _WORD_START:
        word = _WORDS.get(text, _MISSING)
        return text if word is _MISSING else word
    if first == ".":
        if text in _NOT_JSON:
            raise _not_json(node)
        return float(text) if _DOT_FLOAT.match(text) else text
    if first not in _NUMBER_START:
        return text
    if text in _NOT_JSON:
        raise _not_json(node)
    # timestamps stay strings (decode.go: "for backward compatibility reasons we set it as a string")
    # and never parse as numbers, so they need no test of their own here.
    plain = text.replace("_", "")
    if not plain:
        return text
    number = _go_int(plain)
    if number is not None:
        return number
    if _FLOAT.match(plain):
        value = float(plain)
        return text if math.isinf(value) else value  # out of range: ParseFloat fails
    return text


def _not_json(node: ScalarNode) -> ReaderError:
    return fail(node, f"{node.value} is not a JSON number, so the API server cannot read it (quote it for a string)")


def _tagged(node: ScalarNode) -> Any:
    """A scalar with an explicit tag: Go's resolve(tag, value), which fails when the two disagree."""
    tag: str = node.tag
    if not tag.startswith(TAG):
        return node.value  # a local tag (``!foo``): Go keeps the text
    name = tag[len(TAG) :]
    if name == "binary":
        try:
            return base64.b64decode(node.value).decode("utf-8", "replace")
        except ValueError:
            raise fail(node, "a !!binary value must be base64") from None
    if name not in ("int", "float", "bool", "null"):
        return node.value  # !!str, !!timestamp (a string for interface{}, decode.go) and the rest
    value = _plain(ScalarNode(PLAIN, node.value, node.start_mark, node.end_mark))
    kind = {bool: "bool", int: "int", float: "float", type(None): "null"}.get(type(value), "str")
    if kind == name or (name == "float" and kind == "int"):
        return value
    raise fail(node, f"cannot decode a !!{kind} value as a !!{name}")  # Go's message, without the value


def _go_float_key(value: float) -> str:
    """strconv.FormatFloat(value, 'g', -1, 32), as sigs.k8s.io/yaml spells a float key."""
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    single = float(_float32(value))
    for digits in range(1, 10):
        shortest = f"{single:.{digits - 1}e}"
        if _float32(float(shortest)) == _float32(single):
            break
    mantissa, exponent = shortest.split("e")
    exp = int(exponent)
    digits_only = mantissa.replace(".", "").lstrip("-").rstrip("0") or "0"
    if exp < -4 or exp >= 6:  # strconv ftoa.go: shortest %g uses %e when exp < -4 || exp >= 6
        body = mantissa.rstrip("0").rstrip(".")
        return f"{body}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    sign = "-" if single < 0 else ""
    if exp >= 0:
        whole = digits_only.ljust(exp + 1, "0")
        return sign + whole[: exp + 1] + ("." + whole[exp + 1 :] if whole[exp + 1 :] else "")
    return sign + "0." + "0" * (-exp - 1) + digits_only


def _float32(value: float) -> float:
    return float(struct.unpack("f", struct.pack("f", value))[0])


_PLAIN_TEXT_START = frozenset(_NUMBER_START | _WORD_START | {"."})  # what a plain string may not start with
PLAIN_KEY_START = frozenset(_PLAIN_TEXT_START | {"<"})  # and a plain key (``<<`` merges)


def scalar(node: ScalarNode) -> Any:
    """A scalar's value; the common case, a string, is decided by its tag and first character."""
    tag = node.tag
    if tag is STR:
        return node.value
    if tag is PLAIN:
        text: str = node.value
        return text if text and text[0] not in _PLAIN_TEXT_START else _plain(node)
    return node.value if tag == STR else _tagged(node)


def json_key(node: Node) -> str:
    """A mapping key as the JSON key sigs.k8s.io/yaml makes of it (convertToJSONableObject)."""
    if type(node) is not ScalarNode:
        raise fail(node, "a mapping key must be a string, a number or a boolean, not a mapping or a list")
    value = go_plain(node) if node.tag is PLAIN else scalar(node)
    if isinstance(value, str):
        return value
    if value is None:
        raise fail(node, "a mapping key must not be null (the API server cannot turn it into JSON)")
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return _go_float_key(value)
    return str(value)
