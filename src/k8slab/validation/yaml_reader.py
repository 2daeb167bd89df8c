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

Scalars and keys are resolved by :mod:`k8slab.validation.yaml_scalars`. Positions of fields
are not kept on the fast path: :func:`locate` re-reads one document's lines
when a problem needs its position.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import format_path
from .yaml_scalars import PLAIN, PLAIN_KEY_START, STR, TAG, ReaderError, fail, json_key, scalar

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
(k8s.io/apiserver ``Config.MaxRequestBodyBytes``), and a manifest's JSON is seldom shorter
than its YAML."""
MAX_SOURCE_CHARS = 64 * 1024 * 1024
"""A file (or stdin) longer than this is refused before it is parsed."""


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


# -- the document builder ---------------------------------------------------------------------------

_BUSY = object()


def _allowed_alias_ratio(decodes: int) -> float:
    """go-yaml v2 decode.go allowedAliasRatio: 99% up to 400,000 decodes, down to 10% at 4,000,000."""
    if decodes <= 400_000:
        return 0.99
    if decodes >= 4_000_000:
        return 0.10
    return 0.99 - 0.89 * ((decodes - 400_000) / 3_600_000)


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
            raise fail(node, "document contains excessive aliasing (the API server's YAML reader refuses it too)")

    def build(self, node: Node, depth: int) -> Any:
        """The value of ``node`` at nesting ``depth`` (1 for the document's root); its parent counted it."""
        cls = type(node)
        if cls is ScalarNode:
            return scalar(node)  # type: ignore[arg-type]
        key = id(node)
        known = self.memo.get(key)
        if known is not None:
            return self._alias(node, known, depth)
        if depth > MAX_DEPTH:
            raise fail(node, f"mappings and lists are nested deeper than {MAX_DEPTH} levels")
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
            raise fail(node, "an anchor's value contains an alias of itself")
        value, size, height = known
        self.check_aliases(node)  # the alias node itself was counted by its parent
        self.decodes += size
        self.aliases += size
        self.check_aliases(node)
        if depth + height > MAX_DEPTH:
            raise fail(node, f"mappings and lists are nested deeper than {MAX_DEPTH} levels (through aliases)")
        self.reach = max(self.reach, depth + height)
        return value

    def _sequence(self, node: SequenceNode, depth: int) -> list[Any]:
        children = node.value
        self.decodes += len(children)
        inner = depth + 1
        build = self.build
        return [scalar(c) if type(c) is ScalarNode else build(c, inner) for c in children]

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
                if key_node.tag is STR or (text and text[0] not in PLAIN_KEY_START and key_node.tag is PLAIN):
                    key = text
                elif text == "<<" and key_node.tag in (PLAIN, TAG + "merge"):
                    if explicit is None:
                        explicit = set(out)
                    self._merge(out, value_node, depth)
                    continue
                else:
                    key = json_key(key_node)
            else:
                key = json_key(key_node)
            value = scalar(value_node) if type(value_node) is ScalarNode else build(value_node, inner)
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
                raise fail(part, "map merge requires map or sequence of maps as the value")
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
            return PLAIN if implicit[0] else STR
        return TAG + ("seq" if kind is SequenceNode else "map")


_GO_ESCAPES = {**yaml.scanner.Scanner.ESCAPE_REPLACEMENTS, "'": "'"}
"""The escapes of a double-quoted scalar as go-yaml v2 reads them (``yaml_parser_scan_flow_scalar``
in scannerc.go): libyaml's, and ``\\'`` for a single quote. (go-yaml v2 has no ``\\/``, which
libyaml reads as ``/``: the one escape k8slab accepts and the API server does not.)"""
_GO_ONLY_ESCAPE = "\\'"
_UNKNOWN_ESCAPE = "found unknown escape character"


class _PyLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer):
    """PyYAML's pure-Python parser, with go-yaml v2's escapes: for a source with a ``\\'`` that
    libyaml refuses, and when PyYAML has no libyaml."""

    ESCAPE_REPLACEMENTS = _GO_ESCAPES  # type: ignore[misc]  # typeshed marks it Final; the scanner reads it from self

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)

    descend_resolver = _Loader.descend_resolver
    ascend_resolver = _Loader.ascend_resolver
    resolve = _Loader.resolve


def _loader(text: str, *, go_escapes: bool = False) -> Any:
    return _PyLoader(text) if go_escapes or _BASE is object else _Loader(text)


def _go_escape_refused(error: yaml.YAMLError, text: str) -> bool:
    """Whether libyaml refused an escape that go-yaml v2 reads (``\\'``): then the Python parser reads it."""
    return _BASE is not object and _GO_ONLY_ESCAPE in text and _UNKNOWN_ESCAPE in str(error)


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
    if _GO_ONLY_ESCAPE not in text:
        yield from _documents(_loader(text))
        return
    try:  # read whole, so that a refused escape late in the source can still be read again from the start
        parsed = list(_documents(_loader(text)))
    except yaml.YAMLError as error:
        if not _go_escape_refused(error, text):
            yield from _documents(_loader(text))  # the documents before the error, then the error again
            return
        parsed = list(_documents(_loader(text, go_escapes=True)))
    yield from parsed


def _documents(loader: Any) -> Iterator[Parsed]:
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
    text = "".join(lines)
    try:
        try:
            root = _loader(text).get_single_node()
        except yaml.YAMLError as error:
            if not _go_escape_refused(error, text):
                raise
            root = _loader(text, go_escapes=True).get_single_node()
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
