"""Reading YAML as the API server does: Go's scalar rules, Go's limits, duplicate keys, positions.

The API server (and kubectl) read YAML through sigs.k8s.io/yaml, which decodes it with go-yaml v2
(``go.yaml.in/yaml/v2``) and converts the result to JSON. PyYAML's SafeLoader resolves scalars
the YAML 1.1 way, which differs (``=``, ``1e3``, ``0o17``, ``1:20``, ``y``, timestamps, ...), and
it expands no alias budget. This module keeps libyaml's C parser and composer (PyYAML's
``CParser``) and replaces PyYAML's resolver and constructor with one pass that:

- resolves plain scalars as go-yaml v2's ``resolve()`` does, then as JSON would carry them
  (an integral float is the JSON integer ``json.Marshal`` writes);
- turns mapping keys into strings as sigs.k8s.io/yaml's ``convertToJSONableObject`` does;
- applies ``<<`` merge keys in go-yaml v2's order (``decoder.mapping`` / ``decoder.merge``);
- refuses what Go refuses: excessive aliasing (``decoder.unmarshal``'s ``allowedAliasRatio``),
  an anchor that contains itself (``decoder.alias``), numbers JSON cannot hold (``.inf``, ``.nan``),
  null and collection keys; and what k8slab limits: nesting depth and document size;
- records duplicate keys, with their line and column, for the caller to report.

Positions of fields are not kept on the fast path: :func:`locate` re-reads one document's lines
when a problem needs its position.
"""

from __future__ import annotations

import base64
import json
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import format_path

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_CHARS",
    "MAX_SOURCE_CHARS",
    "Duplicate",
    "Parsed",
    "ReaderError",
    "locate",
    "parse_path",
    "read_stream",
]

MAX_DEPTH = 256
"""Mappings and lists nested deeper than this (aliases included) are refused.

go-yaml stops at 10000 and libyaml at 1000; real manifests stay below 40 (the deepest CRD
schema we know). 256 keeps every later recursive check well inside Python's stack."""
MAX_DOCUMENT_CHARS = 3 * 1024 * 1024
"""A document longer than this is refused: the API server's request-body limit is 3 MiB
(k8s.io/apiserver ``Config.MaxRequestBodyBytes``), so no larger object can be created."""
MAX_SOURCE_CHARS = 64 * 1024 * 1024
"""A file (or stdin) longer than this is refused before it is parsed."""

_PLAIN = "!plain"  # the resolver's mark for an untagged plain scalar: resolved here, Go's way
_STR = "tag:yaml.org,2002:str"
_TAG = "tag:yaml.org,2002:"

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


def _fail(node: Node, message: str) -> ReaderError:
    mark = node.start_mark
    return ReaderError(message, mark.line + 1, mark.column + 1)


@dataclass(frozen=True)
class Duplicate:
    """A key given twice in one mapping; the later value wins, as in Go's reader."""

    path: str
    """The path of the repeated field, e.g. ``spec.replicas``."""
    key: str
    line: int
    column: int

    @property
    def message(self) -> str:
        """The API server's strict field validation message."""
        return f"duplicate field {json.dumps(self.key)}"


@dataclass(frozen=True)
class Parsed:
    """One document of a stream: its value, where it is, and its duplicate keys."""

    body: Any
    first_line: int
    """The line (1-based) where the document's content starts."""
    last_line: int
    """The last line (1-based) of its content."""
    duplicates: tuple[Duplicate, ...]


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
    value = _go_plain(node)
    return _json_number(value) if type(value) is float else value


def _go_plain(node: ScalarNode) -> Any:
    """An untagged plain scalar, resolved as go-yaml v2's resolve() does (resolve.go)."""
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
    return _fail(node, f"{node.value} is not a JSON number, so the API server cannot read it (quote it for a string)")


def _tagged(node: ScalarNode) -> Any:
    """A scalar with an explicit tag: Go's resolve(tag, value), which fails when the two disagree."""
    tag: str = node.tag
    if not tag.startswith(_TAG):
        return node.value  # a local tag (``!foo``): Go keeps the text
    name = tag[len(_TAG) :]
    if name == "binary":
        try:
            return base64.b64decode(node.value).decode("utf-8", "replace")
        except ValueError:
            raise _fail(node, "a !!binary value must be base64") from None
    if name in ("str", "timestamp"):
        return node.value
    if name == "merge" or name not in ("int", "float", "bool", "null"):
        return node.value
    value = _plain(ScalarNode(_PLAIN, node.value, node.start_mark, node.end_mark))
    kind = {bool: "bool", int: "int", float: "float", type(None): "null"}.get(type(value), "str")
    if kind == name or (name == "float" and kind == "int"):
        return value
    raise _fail(node, f"cannot decode a !!{kind} value as a !!{name}")  # Go's message, without the value


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
    import struct

    return float(struct.unpack("f", struct.pack("f", value))[0])


# -- the document builder ---------------------------------------------------------------------------

_BUSY = object()


def _allowed_alias_ratio(decodes: int) -> float:
    """go-yaml v2 decode.go allowedAliasRatio: 99% up to 400,000 decodes, down to 10% at 4,000,000."""
    if decodes <= 400_000:
        return 0.99
    if decodes >= 4_000_000:
        return 0.10
    return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000)


_PLAIN_TEXT_START = frozenset(_NUMBER_START | _WORD_START | {"."})  # what a plain string may not start with
_PLAIN_KEY_START = frozenset(_PLAIN_TEXT_START | {"<"})  # and a plain key (``<<`` merges)


def _scalar(node: ScalarNode) -> Any:
    """A scalar's value; the common case, a string, is decided by its tag and first character."""
    tag = node.tag
    if tag is _STR:
        return node.value
    if tag is _PLAIN:
        text: str = node.value
        return text if text and text[0] not in _PLAIN_TEXT_START else _plain(node)
    return node.value if tag == _STR else _tagged(node)


class _Builder:
    """Builds one document's value from its nodes, counting as Go's decoder counts.

    Go expands every alias again; here each node is built once and shared, so an alias costs
    nothing, while the counters (``decodes``, ``aliases``) grow as Go's would. A parent counts
    its children's nodes, each collection its own content. The check of decoder.unmarshal runs
    after each alias and each collection: inside an alias the alias share only grows, so Go
    fails inside it exactly when it fails at its end.
    """

    def __init__(self) -> None:
        self.memo: dict[int, Any] = {}
        self.decodes = 2  # the document node and its root
        self.aliases = 0
        self.reach = 0
        self.duplicates: list[tuple[MappingNode, ScalarNode, str]] = []

    def check_aliases(self, node: Node) -> None:
        """decoder.unmarshal's test (go-yaml v2 decode.go)."""
        if (
            self.aliases > 100
            and self.decodes > 1000
            and self.aliases / self.decodes > _allowed_alias_ratio(self.decodes)
        ):
            raise _fail(node, "document contains excessive aliasing (the API server's YAML reader refuses it too)")

    def build(self, node: Node, depth: int) -> Any:
        """The value of ``node`` at nesting ``depth`` (1 for the document's root); its parent counted it."""
        cls = type(node)
        if cls is ScalarNode:
            return _scalar(node)  # type: ignore[arg-type]
        key = id(node)
        known = self.memo.get(key)
        if known is not None:
            return self._alias(node, known, depth)
        if depth > MAX_DEPTH:
            raise _fail(node, f"mappings and lists are nested deeper than {MAX_DEPTH} levels")
        self.memo[key] = _BUSY
        start = self.decodes
        outer = self.reach
        self.reach = depth
        value: Any = (
            self._sequence(node, depth)  # type: ignore[arg-type]
            if cls is SequenceNode
            else self._mapping(node, depth)  # type: ignore[arg-type]
        )
        height = self.reach - depth
        if outer > self.reach:
            self.reach = outer
        self.memo[key] = (value, 1 + self.decodes - start, height)
        if self.aliases > 100:
            self.check_aliases(node)
        return value

    def _alias(self, node: Node, known: Any, depth: int) -> Any:
        if known is _BUSY:  # go-yaml decoder.alias
            raise _fail(node, "an anchor's value contains an alias of itself")
        value, size, height = known
        self.check_aliases(node)  # the alias node itself was counted by its parent
        self.decodes += size
        self.aliases += size
        self.check_aliases(node)
        if depth + height > MAX_DEPTH:
            raise _fail(node, f"mappings and lists are nested deeper than {MAX_DEPTH} levels (through aliases)")
        self.reach = max(self.reach, depth + height)
        return value

    def _sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        children = node.value
        self.decodes += len(children)
        inner = depth + 1
        build = self.build
        return [_scalar(c) if type(c) is ScalarNode else build(c, inner) for c in children]

    def _key(self, node: Node) -> str:
        """A mapping key as the JSON key sigs.k8s.io/yaml makes of it (convertToJSONableObject)."""
        if type(node) is not ScalarNode:
            raise _fail(node, "a mapping key must be a string, a number or a boolean, not a mapping or a list")
        value = _go_plain(node) if node.tag is _PLAIN else _scalar(node)
        if isinstance(value, str):
            return value
        if value is None:
            raise _fail(node, "a mapping key must not be null (the API server cannot turn it into JSON)")
        if value is True or value is False:
            return "true" if value else "false"
        if isinstance(value, float):
            return _go_float_key(value)
        return str(value)

    def _mapping(self, node: MappingNode, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        pairs = node.value
        self.decodes += 2 * len(pairs)
        inner = depth + 1
        build = self.build
        explicit: set[str] | None = None  # keys not set by a merge, once there is one
        for key_node, value_node in pairs:
            if type(key_node) is ScalarNode:
                text = key_node.value
                if key_node.tag is _STR or (text and text[0] not in _PLAIN_KEY_START and key_node.tag is _PLAIN):
                    key = text
                elif text == "<<" and key_node.tag in (_PLAIN, _TAG + "merge"):
                    if explicit is None:
                        explicit = set(out)
                    self._merge(out, value_node, depth)
                    continue
                else:
                    key = self._key(key_node)
            else:
                key = self._key(key_node)
            value = _scalar(value_node) if type(value_node) is ScalarNode else build(value_node, inner)
            if key in out and (explicit is None or key in explicit):
                self.duplicates.append((node, key_node, key))
            out[key] = value
            if explicit is not None:
                explicit.add(key)
        return out

    def _merge(self, out: dict[str, Any], node: Node, depth: int) -> None:
        """go-yaml v2 decoder.merge: a mapping, or a list of them where earlier ones win; later keys win."""
        parts = list(reversed(node.value)) if type(node) is SequenceNode else [node]
        self.decodes += len(parts) - 2  # Go counts neither the ``<<`` key nor a list's own node
        for part in parts:
            value = self.build(part, depth) if type(part) is MappingNode else None
            if not isinstance(value, dict):
                raise _fail(part, "map merge requires map or sequence of maps as the value")
            out.update(value)


def _node_path(root: Node, target: Node) -> list[str | int] | None:
    """The path from ``root`` to ``target`` (a slow search, for reporting only)."""
    stack: list[tuple[Node, list[str | int]]] = [(root, [])]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if type(node) is SequenceNode:
            stack += [(child, [*path, i]) for i, child in enumerate(node.value)]
        elif type(node) is MappingNode:
            stack += [(v, [*path, str(k.value)]) for k, v in node.value if type(k) is ScalarNode]
    return None


try:  # libyaml's parser and composer, when PyYAML has them
    from yaml.cyaml import CParser as _CParser  # type: ignore[attr-defined]

    _BASE: Any = _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _BASE = object


class _Loader(_BASE):  # type: ignore[misc]
    """libyaml's parser and composer; tags are left for :class:`_Builder` to resolve."""

    def descend_resolver(self, *_: Any) -> None:
        """No path-based resolvers."""

    def ascend_resolver(self, *_: Any) -> None:
        """No path-based resolvers."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        """Plain scalars are marked for Go's resolution; the rest are strings, lists and maps."""
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _TAG + ("seq" if kind is SequenceNode else "map")


class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
    """The pure-Python fallback when PyYAML has no libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)

    descend_resolver = _Loader.descend_resolver
    ascend_resolver = _Loader.ascend_resolver
    resolve = _Loader.resolve


def _loader(text: str) -> Any:
    return _Loader(text) if _BASE is not object else _PyLoader(text)


def _check_document_sizes(text: str) -> None:
    """Refuse a document longer than MAX_DOCUMENT_CHARS before composing it (only long sources are scanned)."""
    if len(text) <= MAX_DOCUMENT_CHARS:
        return
    start, line = 0, 1
    for match in re.finditer(r"^(?:---|\.\.\.)(?=[ \t\r\n]|$)", text, re.MULTILINE):
        if match.start() - start > MAX_DOCUMENT_CHARS:
            raise ReaderError(_too_long(), line, 1)
        line += text.count("\n", start, match.start())
        start = match.start()
    if len(text) - start > MAX_DOCUMENT_CHARS:
        raise ReaderError(_too_long(), line, 1)


def _too_long() -> str:
    return f"a document is longer than {MAX_DOCUMENT_CHARS // (1024 * 1024)} MiB, the API server's request limit"


def read_stream(text: str) -> Iterator[Parsed]:
    """Every document of a YAML stream, in order; raises ReaderError or yaml.YAMLError where reading stops.

    Empty documents give a body of None.
    """
    if len(text) > MAX_SOURCE_CHARS:
        raise ReaderError(f"is longer than {MAX_SOURCE_CHARS // (1024 * 1024)} MiB; split it into smaller files")
    _check_document_sizes(text)
    loader = _loader(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            yield _document(node)
    except RecursionError:  # only the pure-Python composer recurses
        raise ReaderError(f"mappings and lists are nested deeper than {MAX_DEPTH} levels") from None
    finally:
        loader.dispose()


def _document(node: Node) -> Parsed:
    builder = _Builder()
    body = builder.build(node, 1)
    if builder.aliases:
        builder.check_aliases(node)
    first = node.start_mark.line + 1
    end = node.end_mark
    last = max(first, end.line + (1 if end.column else 0))
    duplicates = []
    for mapping, key_node, key in builder.duplicates:
        where = _node_path(node, mapping) or []
        mark = key_node.start_mark
        duplicates.append(Duplicate(format_path([*where, key]), key, mark.line + 1, mark.column + 1))
    return Parsed(body, first, last, tuple(duplicates))


# -- positions --------------------------------------------------------------------------------------

_PART = re.compile(r"\[(\d+)\]|\[('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")\]|\.?([^.\[]+)")


def parse_path(path: str) -> list[str | int]:
    """The parts of a field path in the API server's notation (``a.b[0]['c.d']``), as format_path wrote them."""
    import ast

    parts: list[str | int] = []
    for index, quoted, name in _PART.findall(path):
        if index:
            parts.append(int(index))
        elif quoted:
            parts.append(str(ast.literal_eval(quoted)))
        elif name:
            parts.append(name)
    return parts


def locate(lines: Sequence[str], first_line: int, paths: Sequence[Sequence[str | int]]) -> list[tuple[int, int]]:
    """(line, column) of each path in the document on ``lines`` (which start at ``first_line``).

    A missing field is placed at its nearest present parent; the document's start when nothing
    is found or the lines no longer parse.
    """
    fallback = (first_line, 1)
    try:
        root = _loader("".join(lines)).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return [fallback for _ in paths]
    if root is None:
        return [fallback for _ in paths]
    out = []
    for path in paths:
        node, mark = root, root.start_mark
        for part in path:
            found = _child(node, part)
            if found is None:
                break
            mark, node = found
        out.append((mark.line + first_line, mark.column + 1))
    return out


def _child(node: Node, part: str | int) -> tuple[Any, Node] | None:
    """(the mark to report, the child node) one step below ``node``."""
    if isinstance(part, int):
        if type(node) is SequenceNode and 0 <= part < len(node.value):
            child = node.value[part]
            return child.start_mark, child
        return None
    if type(node) is MappingNode:
        for key, value in reversed(node.value):  # the last of duplicate keys is the one kept
            if type(key) is ScalarNode and key.value == part:
                return key.start_mark, value
    return None
