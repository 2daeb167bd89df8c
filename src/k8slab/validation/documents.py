"""Reading manifests for validation: files, directories and stdin, split into numbered documents.

A YAML stream may hold many documents, as ``helm template`` writes them: ``---`` at the
start, ``# Source:`` comments, empty documents. Every document counts in the numbering (1-based),
so ``file:3`` is the third document however many are empty; empty ones are not validated.
A ``kind: List`` document is validated item by item, under its own number.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

__all__ = ["SUFFIXES", "Document", "SourceError", "load_paths", "parse_text"]

SUFFIXES = (".yaml", ".yml", ".json")
"""The files a directory is searched for (recursively; hidden directories are skipped)."""
STDIN = "<stdin>"

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


@dataclass(frozen=True)
class SourceError:
    """A source that could not be read or parsed."""

    source: str
    line: int | None
    """The line of a syntax error, from 1; None when the whole source is unreadable."""
    message: str

    def __str__(self) -> str:
        where = f"{self.source}: line {self.line}" if self.line else self.source
        return f"{where}: {self.message}"


def _yaml_documents(source: str, text: str) -> tuple[list[Document], SourceError | None]:
    documents: list[Document] = []
    loader = _LOADER(text)
    try:
        while loader.check_node():
            node = loader.get_node()
            body = loader.construct_document(node)
            documents.append(Document(source, len(documents) + 1, node.start_mark.line + 1, body))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        reason = " ".join(str(part) for part in (err.context, err.problem) if part) or "malformed YAML"
        line = mark.line + 1 if mark is not None else None
        column = f", column {mark.column + 1}" if mark is not None else ""
        return documents, SourceError(source, line, f"YAML error{column}: {reason}")
    except yaml.YAMLError as err:
        return documents, SourceError(source, None, f"YAML error: {err}")
    finally:
        loader.dispose()
    return documents, None


def _json_document(source: str, text: str) -> tuple[list[Document], SourceError | None]:
    try:
        body = json.loads(text)
    except json.JSONDecodeError as err:
        return [], SourceError(source, err.lineno, f"JSON error, column {err.colno}: {err.msg}")
    return [Document(source, 1, 1, body)], None


def parse_text(source: str, text: str, *, as_json: bool = False) -> tuple[list[Document], SourceError | None]:
    """The documents of one source's text, and the error that stopped reading it, if any."""
    documents, error = _json_document(source, text) if as_json else _yaml_documents(source, text)
    return list(_expand_lists(documents)), error


def _expand_lists(documents: Iterable[Document]) -> Iterator[Document]:
    for doc in documents:
        body = doc.body
        if isinstance(body, dict) and body.get("kind") == "List" and isinstance(body.get("items"), list):
            for item in body["items"]:
                yield Document(doc.source, doc.index, doc.line, item)
        else:
            yield doc


def _files(path: Path) -> Iterator[Path]:
    """Manifest files below a directory, in a stable order."""
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(SUFFIXES):
                yield Path(root) / name


def _read(source: str, path: Path) -> tuple[list[Document], SourceError | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [], SourceError(source, None, "cannot read: not UTF-8 text")
    except OSError as err:
        return [], SourceError(source, None, f"cannot read: {err.strerror or err}")
    return parse_text(source, text, as_json=path.suffix == ".json")


def load_paths(paths: Iterable[str], stdin: IO[str] | None = None) -> tuple[list[Document], list[SourceError]]:
    """Every document of the given files, directories and ``-`` (stdin), and every source that failed."""
    documents: list[Document] = []
    errors: list[SourceError] = []
    seen: set[Path] = set()
    for arg in paths:
        if arg == "-":
            try:
                text = (stdin or sys.stdin).read()
            except (OSError, UnicodeDecodeError) as err:
                errors.append(SourceError(STDIN, None, f"cannot read: {err}"))
                continue
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
