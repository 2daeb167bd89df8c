"""Reading large YAML fast: rapidyaml's C++ parser and JSON writer, where the result is the reader's own.

:mod:`k8slab.validation.yaml_reader` builds documents from libyaml's nodes, which costs about
0.15 ms per Deployment in Python. For a long source (at least :data:`FAST_MIN_CHARS`), when
rapidyaml (``pip install rapidyaml``) is there, this module parses it in C++ and lets rapidyaml
write each document as JSON, which Python's C JSON reader loads. The result is taken only where
it is provably what the libyaml path gives; anything else returns None and the caller reads the
source the exact way (so errors, their positions, aliases, tags and limits stay that path's):

- the text is plain: no tab, carriage return, byte-order mark or character libyaml refuses; no
  directive, no ``...``, nothing after a ``---``; no tag, anchor or complex key where a node starts;
- rapidyaml parses it, finds as many documents as the ``---`` lines make, each a mapping, a list
  or empty; its JSON loads, with no key twice (the keys in the JSON text are counted), no integer
  of 19 digits or more, no float out of range, no nesting deeper than the reader allows;
- every string that Go would read otherwise if it were plain (``yes``, ``8080``, ``0x1F``, ``~``,
  ``@x``, an alias ``*a``) is looked up in rapidyaml's tree: a quoted or block one stays a string,
  a plain one is resolved from its own text by Go's rules (:mod:`k8slab.validation.yaml_scalars`),
  and the whole source goes the exact way if that is not possible; keys likewise (``<<`` merges).

rapidyaml writes its parse errors on standard error, which is silenced while it parses; so the
fast path is not taken while other threads run.

Lines come from the ``---`` lines, as libyaml places them: a document starts at its first line that
is neither blank nor a comment, and ends on the line before the next ``---`` (or at the end).
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import json
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from yaml.nodes import ScalarNode

from . import forked  # other_threads: standard error is never silenced while another thread may write
from .yaml_scalars import PLAIN, PLAIN_KEY_START, ReaderError, json_key, scalar

__all__ = ["FAST_MIN_CHARS", "PARALLEL_CHARS", "WARM_MIN_CHARS", "FastDocument", "read_fast"]

FAST_MIN_CHARS = 64 * 1024
"""Shorter sources take the libyaml path: they are quick anyway, and need not import rapidyaml."""
WARM_MIN_CHARS = 4 * 1024
"""Once rapidyaml is imported (a long source came first), sources from this length on take the fast path too."""
PARALLEL_CHARS = 256 * 1024
"""From this length on, a second process reads half of the source (when there is a second core)."""

FastDocument = tuple[Any, int, int]
"""(body, first line, last line) of one document."""

# libyaml's printable characters (yaml_reader.c), less tab, CR and the BOM, which take the exact path.
_ODD = "[^\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
_MARKER = re.compile(r"\n---(?=[ \n]|\Z)")  # a ``---`` line (after a newline: a literal, searched fast)
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
_PROPERTY = re.compile(r"[!&]")  # a tag or an anchor, where a node starts
_CONTENT = re.compile(r"^[ ]*[^ #\n]", re.MULTILINE)
_INT64 = 1 << 63
_UINT64 = 1 << 64
_NUMBER_START = frozenset("+-.0123456789")
_WORD_START = frozenset("yYnNtTfFoO~")
_INDICATORS = frozenset("#&*!|>'\"%@`,[]{}")
_SUSPECT = frozenset(_NUMBER_START | _WORD_START | _INDICATORS | {"?", ":"})
_MAX_DEPTH = 256
_MISSING = object()


class _DoubtError(Exception):
    """The fast result may differ from the exact one: read the source the exact way."""


def _ryml() -> Any:
    try:
        return importlib.import_module("ryml")
    except ImportError:
        return None


_module: Any = _MISSING


def _parser() -> Any:
    global _module  # imported once, on the first long source
    if _module is _MISSING:
        _module = _ryml()
    return _module


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """rapidyaml prints its parse errors on file descriptor 2; the exact path reports them instead."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _unusual(text: str) -> bool:
    """A directive, a document end, or content after ``---``: the exact path reads those."""
    if text.startswith(("%", "...")) or "\n%" in text or "\n..." in text:
        return True
    for end in _marker_ends(text):
        rest = text[end : text.find("\n", end) % (len(text) + 1)]
        if rest.strip(" "):
            return True
    return _flows(text)


def _flows(text: str) -> bool:
    """A flow collection (``[...]``, ``{...}``) spanning lines or holding a ``#``: the grammars differ there."""
    for bracket in "[{":
        at = text.find(bracket)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            line = text[start:end]
            if line.count("[") + line.count("{") != line.count("]") + line.count("}") or "#" in text[at:end]:
                return True
            at = text.find(bracket, end)  # the line's other brackets are counted
    return False


def _properties(text: str) -> bool:
    """Whether a ``!`` or ``&`` stands where a node may start: a tag or an anchor, or a string's content."""
    for found in _PROPERTY.finditer(text) if "!" in text or "&" in text else ():
        before = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        stripped = before.rstrip(" ")
        if not stripped or stripped[-1] in "[{," or (stripped[-1] in "-:?" and len(stripped) < len(before)):
            return True
    return False


def _has_properties(ryml: Any, tree: Any) -> bool:
    """Whether any node of the tree has a tag, an anchor or is an alias (one call per node)."""
    bits = ryml.KEYANCH | ryml.VALANCH | ryml.KEYTAG | ryml.VALTAG | ryml.KEYREF | ryml.VALREF
    has = ryml._ryml.Tree_type_has_any  # the wrapper's own function, without its Python layer
    return any(has(tree, node, bits) for node in range(tree.size()))


def _marker_starts(text: str) -> list[int]:
    """Where each ``---`` line starts."""
    found = [m.start() + 1 for m in _MARKER.finditer(text)]
    if text.startswith("---") and (len(text) == 3 or text[3] in " \n"):
        found.insert(0, 0)
    return found


def _marker_ends(text: str) -> list[int]:
    return [start + 3 for start in _marker_starts(text)]


def _odd(text: str, data: bytes) -> bool:
    """A character that libyaml refuses, or a tab, CR or BOM (which take the exact path)."""
    if text.isascii():
        return bool(data.translate(None, _PRINTABLE_ASCII))
    return _odd_pattern().search(text) is not None


@cache
def _odd_pattern() -> re.Pattern[str]:
    return re.compile(_ODD)  # compiled on first use: it takes milliseconds


def _regions(text: str) -> list[tuple[int, int]]:
    """(first line, last line) of each document, from the ``---`` lines, as libyaml's marks give them."""
    markers = _marker_starts(text)
    starts = [0] + [m + 3 for m in markers]
    ends = [*markers, len(text)]
    regions: list[tuple[int, int]] = []
    line, offset = 1, 0  # the line at ``offset``, counted as the regions go
    for index, (start, end) in enumerate(zip(starts, ends, strict=True)):
        content = _CONTENT.search(text, start, end)
        if content is not None:
            line += text.count("\n", offset, content.start())
            offset = content.start()
            first = line
        line += text.count("\n", offset, end)  # ``end`` starts the next ``---`` line, or ends the text
        offset = end
        if index == 0 and content is None:
            continue  # blank lines and comments before the first ``---`` are no document
        last_region = index == len(markers)
        if content is None:  # an empty document: libyaml places it at the next token
            regions.append((line, line))
        elif not last_region:
            regions.append((first, max(first, line - 1)))
        else:
            regions.append((first, max(first, line - (1 if text.endswith("\n") else 0))))
    return regions


def _float(text: str) -> Any:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise _DoubtError
    if value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def _constant(_: str) -> Any:
    raise _DoubtError


_DECODER = json.JSONDecoder(parse_float=_float, parse_constant=_constant)


class _AgainError(Exception):
    """A string to look up in the tree: walk again, noting where."""


def _count(value: dict[str, Any], depth: int) -> int:
    """The keys of a mapping and of everything in it; _AgainError at a doubtful string, _DoubtError at a limit."""
    if depth > _MAX_DEPTH:
        raise _DoubtError
    keys = len(value)
    inner = depth + 1
    for key, item in value.items():
        if _KEY_DOUBT.get(key, True) and _key_doubtful(key):
            raise _AgainError
        kind = type(item)
        if kind is str:
            if item and item[0] in _SUSPECT and _doubtful(item):
                raise _AgainError
        elif kind is dict:
            keys += _count(item, inner)
        elif kind is list:
            keys += _count_list(item, inner)
        elif kind is int and not -_INT64 <= item < _UINT64:
            raise _DoubtError  # Go reads it as a float
    return keys


def _count_list(value: list[Any], depth: int) -> int:
    if depth > _MAX_DEPTH:
        raise _DoubtError
    keys = 0
    inner = depth + 1
    for item in value:
        kind = type(item)
        if kind is str:
            if item and item[0] in _SUSPECT and _doubtful(item):
                raise _AgainError
        elif kind is dict:
            keys += _count(item, inner)
        elif kind is list:
            keys += _count_list(item, inner)
        elif kind is int and not -_INT64 <= item < _UINT64:
            raise _DoubtError
    return keys


class _Walk:
    """Counts keys, checks depth and collects the strings that must be looked up in the tree (with their paths)."""

    def __init__(self) -> None:
        self.keys = 0
        self.doubts: list[tuple[tuple[int, ...], int, bool]] = []  # (path of positions, position, is a key)
        self.path: list[int] = []

    def mapping(self, value: dict[str, Any], depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _DoubtError
        self.keys += len(value)
        inner = depth + 1
        for i, (key, item) in enumerate(value.items()):
            if _KEY_DOUBT.get(key, True) and _key_doubtful(key):
                self.doubts.append((tuple(self.path), i, True))
            kind = type(item)
            if kind is str:
                if item and item[0] in _SUSPECT and _doubtful(item):
                    self.doubts.append((tuple(self.path), i, False))
            elif kind is dict:
                self.path.append(i)
                self.mapping(item, inner)
                self.path.pop()
            elif kind is list:
                self.path.append(i)
                self.sequence(item, inner)
                self.path.pop()
            elif kind is int and not -_INT64 <= item < _UINT64:
                raise _DoubtError  # Go reads it as a float

    def sequence(self, value: list[Any], depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _DoubtError
        inner = depth + 1
        for i, item in enumerate(value):
            kind = type(item)
            if kind is str:
                if item and item[0] in _SUSPECT and _doubtful(item):
                    self.doubts.append((tuple(self.path), i, False))
            elif kind is dict:
                self.path.append(i)
                self.mapping(item, inner)
                self.path.pop()
            elif kind is list:
                self.path.append(i)
                self.sequence(item, inner)
                self.path.pop()
            elif kind is int and not -_INT64 <= item < _UINT64:
                raise _DoubtError


_KEY_DOUBT: dict[str, bool] = {}
"""Keys already judged (a source repeats its keys); False for those Go reads as they are."""


def _key_doubtful(key: str) -> bool:
    doubt = (
        not key
        or key[0] in _INDICATORS
        or (key[0] in "?:-" and (len(key) == 1 or key[1] == " "))  # an indicator, when plain
        or key == "<<"  # a merge, when plain
        or key[-1] == "\\"  # its closing quote in the JSON text is escaped-looking: not counted
        or (key[0] in PLAIN_KEY_START and _key_of(key) != key)
    )
    if len(_KEY_DOUBT) < 65536:
        _KEY_DOUBT[key] = doubt
    return doubt


def _key_of(text: str) -> str | None:
    try:
        return _key(text)
    except _DoubtError:
        return None


def _go(text: str) -> Any:
    """Go's value of a plain scalar's text; _DoubtError when Go refuses it."""
    try:
        return scalar(ScalarNode(PLAIN, text))
    except (ReaderError, AttributeError):  # refused (no mark to place it here): the exact path says where
        raise _DoubtError from None


def _doubtful(text: str) -> bool:
    """Whether Go would read ``text``, if it were a plain scalar, as something else, or refuse it."""
    first = text[0]
    if first in _INDICATORS:
        return True
    if first in "?:-" and (len(text) == 1 or text[1] == " "):
        return True
    if first in "?:":
        return False
    try:
        value = _go(text)
    except _DoubtError:
        return True
    return type(value) is not str or value != text


def _indicator(text: str) -> bool:
    """Whether a plain scalar's text starts with what libyaml reads as an indicator, or refuses."""
    return text[0] in _INDICATORS or (text[0] in "?:-" and (len(text) == 1 or text[1] == " "))


def _node(tree: Any, doc: int, path: tuple[int, ...]) -> int:
    node = doc
    for position in path:
        node = tree.child(node, position)
    return int(node)


def _resolve(tree: Any, doc: int, body: Any, walk: _Walk) -> Any:
    """Put Go's value in place of every doubtful string; _DoubtError where that cannot be done here."""
    for path, position, is_key in walk.doubts:
        container = body
        for step in path:
            container = container[step] if type(container) is list else list(container.values())[step]
        node = tree.child(_node(tree, doc, path), position)
        if is_key:
            if tree.is_key_ref(node) or tree.has_key_tag(node) or tree.has_key_anchor(node):
                raise _DoubtError
            if container and list(container)[position].endswith("\\"):
                raise _DoubtError
            if not tree.is_key_quoted(node):
                text = bytes(tree.key(node)).decode()
                if not text or _indicator(text) or text == "<<" or "\n" in text:
                    raise _DoubtError
                keys = list(container)
                if keys[position] != text:
                    raise _DoubtError  # rapidyaml wrote a plain key in other words
                go_key = _key(text)
                if go_key != text:
                    items = list(container.items())
                    items[position] = (go_key, items[position][1])
                    container.clear()
                    container.update(items)
                    if len(container) < len(items):
                        raise _DoubtError  # two keys are one for Go: the exact path reports it
            continue
        if tree.is_val_ref(node) or tree.has_val_tag(node) or tree.has_val_anchor(node):
            raise _DoubtError
        if tree.is_val_quoted(node) or tree.is_val_literal(node) or tree.is_val_folded(node):
            continue
        raw = tree.val(node)
        text = "" if raw is None else bytes(raw).decode()
        if not text or _indicator(text) or "\n" in text:
            raise _DoubtError
        value = _go(text)
        if type(container) is list:
            container[position] = value
        else:
            container[list(container)[position]] = value
    return body


def _key(text: str) -> str:
    """Go's JSON key of a plain key's text (json_key)."""
    try:
        return json_key(ScalarNode(PLAIN, text))
    except (ReaderError, AttributeError):
        raise _DoubtError from None


def read_fast(text: str) -> list[FastDocument] | None:
    """Every document of ``text`` when the fast path can read it exactly; None to take the exact path.

    From :data:`PARALLEL_CHARS` on (and on two cores), a forked copy reads the half after the
    ``---`` line nearest the middle: documents are read apart from each other, so the two halves
    give what the whole gives, their lines shifted.
    """
    if len(text) < (WARM_MIN_CHARS if _module is not _MISSING else FAST_MIN_CHARS) or forked.other_threads():
        return None
    if len(text) < PARALLEL_CHARS:
        return _read(text)
    from .forked import Forked, can_fork  # here: only long sources fork

    marker = _MARKER.search(text, len(text) // 2) if can_fork() else None
    if marker is None:
        return _read(text)
    cut = marker.start() + 1
    child: Forked[tuple[list[FastDocument] | None]] = Forked(lambda: (_read(text[cut:]),))
    try:
        mine = _read(text[:cut])
    except BaseException:
        child.stop()
        raise
    if mine is None:
        child.stop()
        return None
    answer = child.result()
    theirs = _read(text[cut:]) if answer is None else answer[0]
    if theirs is None:
        return None
    shift = text.count("\n", 0, cut)
    return mine + [(body, first + shift, last + shift) for body, first, last in theirs]


def _read(text: str) -> list[FastDocument] | None:
    data = text.encode()
    if _odd(text, data) or _unusual(text):
        return None
    ryml = _parser()
    if ryml is None:
        return None
    regions = _regions(text)
    tree = ryml.Tree()
    collecting = gc.isenabled()
    gc.disable()  # the documents are trees of new dicts and lists, without cycles: nothing to collect
    try:
        with _quiet():
            ryml.parse_in_arena(data, tree)
            if _properties(text) and _has_properties(ryml, tree):
                return None  # tags, anchors and aliases: the exact path applies Go's rules and budget
            return _documents(ryml, tree, regions)
    except Exception:  # a parse error, a doubt, a limit: the exact path reads it, as libyaml does
        return None
    finally:
        if collecting:
            gc.enable()


def _documents(ryml: Any, tree: Any, regions: list[tuple[int, int]]) -> list[FastDocument] | None:
    root = tree.root_id()
    if tree.is_stream(root):
        docs = []
        child = tree.first_child(root)
        while child != ryml.NONE:
            docs.append(child)
            child = tree.next_sibling(child)
    elif tree.is_map(root) or tree.is_seq(root):
        docs = [root]
    else:
        return None
    if len(docs) != len(regions):
        return None
    out: list[FastDocument] = []
    for doc, (first, last) in zip(docs, regions, strict=True):
        if not (tree.is_map(doc) or tree.is_seq(doc)):
            if tree.has_val(doc) and tree.val(doc) is None and not tree.has_val_tag(doc):
                out.append((None, first, last))  # an empty document
                continue
            return None
        written = ryml.emit_json(tree, doc)
        if not written:
            return None
        body = _DECODER.decode(written)
        kind = type(body)
        if kind is not dict and kind is not list:
            return None
        walk: _Walk | None = None
        try:
            keys = _count(body, 1) if kind is dict else _count_list(body, 1)
        except _AgainError:  # the rare document with a doubtful string: walk it again, noting paths
            walk = _Walk()
            if kind is dict:
                walk.mapping(body, 1)
            else:
                walk.sequence(body, 1)
            keys = walk.keys
        if keys != written.count('": ') - written.count('\\": '):  # keys end with an unescaped quote
            return None  # a key given twice: the exact path reports it, with its position
        if walk is not None and walk.doubts:
            body = _resolve(tree, doc, body, walk)
        out.append((body, first, last))
    return out
