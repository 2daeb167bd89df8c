"""Reading manifests for validation: files, directories and stdin, split into numbered documents.

A YAML stream may hold many documents, as ``helm template`` writes them: ``---`` at the
start, ``# Source:`` comments, empty documents. Every document counts in the numbering (1-based),
so ``document 3`` is the third however many are empty; empty ones are not validated.
A ``kind: List`` document is validated item by item, under its own number. YAML is read as the
API server reads it, within limits (:mod:`k8slab.validation.yaml_reader`); JSON with the same
limits and duplicate-key check.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

import yaml

from .yaml_reader import MAX_DEPTH, MAX_DOCUMENT_CHARS, MAX_SOURCE_CHARS, Duplicate, ReaderError, locate, parse_path
from .yaml_reader import read_stream as _read_stream

__all__ = ["SUFFIXES", "Document", "SourceError", "load_paths", "parse_text", "positions"]

SUFFIXES = (".yaml", ".yml", ".json")
"""The files a directory is searched for (recursively; hidden directories are skipped)."""
STDIN = "<stdin>"


@dataclass(frozen=True)
class Document:
    """One document of one source."""

    source: str
    """The file as named on the command line (``<stdin>`` for standard input)."""
    index: int
    """The document's number in its source, from 1."""
    line: int
    """The line where the document starts, from 1."""
    body: Any
    """The parsed document: a mapping for a Kubernetes object; None for an empty document."""
    duplicates: tuple[Duplicate, ...] = ()
    """Keys given twice in one mapping (the later value is kept, as the API server's reader does)."""
    text: str = field(default="", repr=False, compare=False)
    """The whole source's text, to find positions in when a problem needs one."""
    last_line: int = 0
    """The document's last line."""
    base: tuple[str | int, ...] = ()
    """Where the body sits in the document: ``("items", 3)`` for an item of a ``kind: List``."""


@dataclass(frozen=True)
class SourceError:
    """A source that could not be read or parsed."""

    source: str
    line: int | None
    """The line of a syntax error, from 1; None when the whole source is unreadable."""
    message: str
    column: int | None = None
    """The column of a syntax error, from 1."""

    def __str__(self) -> str:
        where = self.source
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


def _yaml_documents(source: str, text: str) -> tuple[list[Document], SourceError | None]:
    documents: list[Document] = []
    try:
        for parsed in _read_stream(text):
            index = len(documents) + 1
            documents.append(
                Document(source, index, parsed.first_line, parsed.body, parsed.duplicates, text, parsed.last_line)
            )
    except ReaderError as err:
        return documents, SourceError(source, err.line, _in_document(err.message, documents), err.column)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = (
            " ".join(" ".join(str(part).split()) for part in (err.context, err.problem) if part) or "malformed YAML"
        )
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        return documents, SourceError(source, line, f"YAML error: {reason}", column)
    except yaml.YAMLError as err:
        return documents, SourceError(source, None, f"YAML error: {str(err).splitlines()[0]}")
    except UnicodeEncodeError:  # text decoded with surrogateescape: not UTF-8
        return documents, SourceError(source, None, "cannot read: not UTF-8 text")
    return documents, None


def _in_document(message: str, documents: Sequence[Document]) -> str:
    return f"document {len(documents) + 1}: {message}"


def _json_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _too_deep(body: Any) -> bool:
    """Whether mappings and lists nest deeper than MAX_DEPTH in ``body`` (found without recursion)."""
    stack = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return True
            stack += [(v, depth + 1) for v in (value.values() if isinstance(value, dict) else value)]
    return False


def _json_document(source: str, text: str) -> tuple[list[Document], SourceError | None]:
    if len(text) > MAX_DOCUMENT_CHARS:
        return [], SourceError(source, None, f"is longer than {MAX_DOCUMENT_CHARS // (1024 * 1024)} MiB")
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        out = dict(items)
        repeated = repeated or len(out) < len(items)
        return out

    deep = SourceError(source, None, f"mappings and lists are nested deeper than {MAX_DEPTH} levels")
    try:
        body = json.loads(text, object_pairs_hook=pairs, parse_constant=_json_constant)
    except json.JSONDecodeError as err:
        return [], SourceError(source, err.lineno, f"JSON error: {err.msg}", err.colno)
    except ValueError as err:
        return [], SourceError(source, None, f"JSON error: {err}")
    except RecursionError:
        return [], deep
    if _too_deep(body):
        return [], deep
    duplicates: tuple[Duplicate, ...] = ()
    if repeated:  # JSON is YAML: the YAML reader finds them with their positions
        with contextlib.suppress(yaml.YAMLError, ReaderError, StopIteration):
            duplicates = next(_read_stream(text)).duplicates
    return [Document(source, 1, 1, body, duplicates, text, text.count("\n") + 1)], None


def parse_text(source: str, text: str, *, as_json: bool = False) -> tuple[list[Document], SourceError | None]:
    """The documents of one source's text, and the error that stopped reading it, if any."""
    documents, error = _json_document(source, text) if as_json else _yaml_documents(source, text)
    return list(_expand_lists(documents)), error


@lru_cache(maxsize=2)  # problems come source by source; a source may be 64 MiB
def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def positions(doc: Document, paths: Sequence[str]) -> list[tuple[int, int]]:
    """(line, column) of each field path of ``doc``; a missing field's nearest present parent.

    The document's lines are read again, so positions cost nothing until a problem needs one.
    """
    if not doc.text:
        return [(doc.line, 1) for _ in paths]
    lines = _lines(doc.text)[doc.line - 1 : doc.last_line]
    return locate(lines, doc.line, [[*doc.base, *parse_path(p)] for p in paths])


def _expand_lists(documents: Iterable[Document]) -> Iterator[Document]:
    for doc in documents:
        body = doc.body
        if isinstance(body, dict) and body.get("kind") == "List" and isinstance(body.get("items"), list):
            for i, item in enumerate(body["items"]):
                yield replace(doc, body=item, base=("items", i), duplicates=_below(doc.duplicates, i))
        else:
            yield doc


def _below(duplicates: tuple[Duplicate, ...], item: int) -> tuple[Duplicate, ...]:
    """The duplicate keys of one item of a List, with paths from the item."""
    prefix = f"items[{item}]"
    return tuple(
        replace(d, path=d.path[len(prefix) + 1 :])
        for d in duplicates
        if d.path.startswith(prefix) and d.path[len(prefix) : len(prefix) + 1] in (".", "[")
    )


def _files(path: Path) -> Iterator[Path]:
    """Manifest files below a directory, in a stable order."""
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                yield Path(root) / name


def _too_big(source: str) -> SourceError:
    return SourceError(source, None, f"cannot read: larger than {MAX_SOURCE_CHARS // (1024 * 1024)} MiB")


def _read(source: str, path: Path) -> tuple[list[Document], SourceError | None]:
    try:
        if path.stat().st_size > MAX_SOURCE_CHARS:
            return [], _too_big(source)
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], SourceError(source, None, "cannot read: not UTF-8 text")
    except OSError as err:
        return [], SourceError(source, None, f"cannot read: {err.strerror or err}")
    return parse_text(source, text, as_json=path.suffix == ".json")


def _read_stdin(stream: IO[str]) -> tuple[str, SourceError | None]:
    """Standard input as UTF-8 text (read as bytes where possible, so no byte can break the reading)."""
    raw = getattr(stream, "buffer", None)
    try:
        data = raw.read(MAX_SOURCE_CHARS + 1) if raw is not None else stream.read(MAX_SOURCE_CHARS + 1)
    except OSError as err:
        return "", SourceError(STDIN, None, f"cannot read: {err.strerror or err}")
    except UnicodeDecodeError:
        return "", SourceError(STDIN, None, "cannot read: not UTF-8 text")
    if len(data) > MAX_SOURCE_CHARS:
        return "", _too_big(STDIN)
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8"), None
        except UnicodeDecodeError:
            return "", SourceError(STDIN, None, "cannot read: not UTF-8 text")
    return data, None


def load_paths(paths: Iterable[str], stdin: IO[str] | None = None) -> tuple[list[Document], list[SourceError]]:
    """Every document of the given files, directories and ``-`` (stdin), and every source that failed."""
    documents: list[Document] = []
    errors: list[SourceError] = []
    seen: set[Path] = set()
    for arg in paths:
        if arg == "-":
            text, error = _read_stdin(stdin or sys.stdin)
            found: list[Document] = []
            if error is None:
                found, error = parse_text(STDIN, text)
        else:
            path = Path(arg)
            if path.is_dir():
                targets = [(str(f), f) for f in _files(path)]
                if not targets:
                    errors.append(SourceError(arg, None, "holds no *.yaml, *.yml or *.json file"))
            else:
                targets = [(arg, path)]
            found, error = [], None
            for source, file in targets:
                if file.resolve() in seen:
                    continue
                seen.add(file.resolve())
                more, problem = _read(source, file)
                found += more
                if problem is not None:
                    errors.append(problem)
        documents += found
        if error is not None:
            errors.append(error)
    return documents, errors
