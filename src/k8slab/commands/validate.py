"""``k8slab validate PATH...``: check manifests offline, as strictly as the API server would.

Each document is checked against the strict OpenAPI schema of ``--kube-version`` and the API
server's own rules (names, ports, quantities, selectors, volumes, probes ...). Files, directories
(searched for *.yaml, *.yml and *.json) and ``-`` (stdin) are read; Helm output works as is.
CustomResourceDefinitions found in the input, given with ``--crd``, or bundled
(prometheus-operator's) make their custom resources checkable.

Exit codes: 0 every document is valid; 1 a problem was found (one line per problem,
``file:line:column: document N: Kind/name: field.path: message``, the line and column of the
field, or of its nearest present parent when it is missing); 2 an input could not be read or
parsed, or broke one of the reader's limits (aliases, nesting, size; see docs/guides/validate.md).
Kinds without a known schema are noted on stderr and not failed, unless ``--strict-kinds``.
``--output json`` prints one JSON object instead (see docs/guides/validate.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import Problem, UsageError

if TYPE_CHECKING:
    from ..validation.documents import Document, SourceError

HELP = "validate manifests offline: strict OpenAPI schema plus the API server's rules"


def _unknown(body: Mapping[str, Any]) -> str:
    """Why a document was not checked: no schema for its kind, or no kind at all."""
    api_version, kind = body.get("apiVersion"), body.get("kind")
    if not (isinstance(api_version, str) and api_version and isinstance(kind, str) and kind):
        return "is not a Kubernetes object: apiVersion and kind are missing"
    return f"has no known schema: {_shown(api_version)} {_shown(kind)} (give its CRD with --crd)"


def _shown(name: str) -> str:
    """A name from the input, quoted when it holds a character that would break the line."""
    return name if name.isprintable() else json.dumps(name)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    from ..validation.versions import DEFAULT_KUBE_VERSION  # not from the schema module: the parser stays cheap

    parser.add_argument(
        "paths", nargs="+", metavar="PATH", help="a manifest file, a directory (searched recursively), or - for stdin"
    )
    parser.add_argument(
        "--kube-version",
        default=DEFAULT_KUBE_VERSION,
        metavar="VERSION",
        help=f"the Kubernetes version whose schema and rules apply (default: {DEFAULT_KUBE_VERSION})",
    )
    parser.add_argument(
        "-o", "--output", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--strict-kinds",
        action="store_true",
        help="fail documents whose kind has no known schema instead of noting them",
    )
    parser.add_argument(
        "--crd",
        action="append",
        default=[],
        metavar="FILE",
        help="a file (or directory) of CustomResourceDefinitions whose custom resources to check (repeatable)",
    )
    parser.add_argument(
        "--cross-checks",
        action="store_true",
        help="also check the documents against each other as one set (references, Service selectors, LimitRanges)",
    )


class _Outcome:
    """What was found, per document, in input order."""

    def __init__(self) -> None:
        self.problems: list[tuple[Document, Problem]] = []
        self.unchecked: list[Document] = []
        self.documents = 0
        self.found: list[_Found] = []
        """The problems with their positions (filled by :func:`_place`)."""


class _Found:
    """One problem, the document it is in, and the line and column of its field."""

    __slots__ = ("column", "doc", "line", "problem")

    def __init__(self, doc: Document, problem: Problem, line: int, column: int) -> None:
        self.doc, self.problem, self.line, self.column = doc, problem, line, column


def _register_crds(args: argparse.Namespace, documents: Sequence[Document]) -> None:
    from ..validation.crds import load_crd_file
    from ..validation.schema import validator_for

    schema = validator_for(args.kube_version)
    for file in args.crd:
        for crd in load_crd_file(file):
            schema.add_crd(crd)
    for doc in documents:
        body = doc.body
        if isinstance(body, Mapping) and body.get("kind") == "CustomResourceDefinition":
            with contextlib.suppress(UsageError):  # a broken CRD: its schema problems are reported on it
                schema.add_crd(body)


def _check(args: argparse.Namespace, documents: Sequence[Document]) -> _Outcome:
    from ..validation.crossref import cross_check_owned
    from ..validation.engine import check_objects
    from ..validation.walk import object_label

    outcome = _Outcome()
    present = [doc for doc in documents if doc.body is not None]
    for doc, found in zip(
        present, check_objects([d.body for d in present], kube_version=args.kube_version), strict=True
    ):
        outcome.documents += 1
        if found is None:
            if args.strict_kinds:
                problem = Problem(object_label(doc.body), "kind", _unknown(doc.body))
                outcome.problems.append((doc, problem))
            else:
                outcome.unchecked.append(doc)
            continue
        outcome.problems += [(doc, p) for p in found]
    if args.cross_checks:
        owners = {id(d.body): d for d in documents if isinstance(d.body, Mapping)}
        reported = {(id(d), p) for d, p in outcome.problems}
        for body, problem in cross_check_owned([d.body for d in owners.values()]):
            owner = owners[id(body)]
            if (id(owner), problem) not in reported:
                outcome.problems.append((owner, problem))
    _place(outcome, documents)
    return outcome


def _place(outcome: _Outcome, documents: Sequence[Document]) -> None:
    """Give every problem its line and column; the duplicate keys the reader found join them.

    Only documents with problems are read again for positions, so valid input pays nothing.
    """
    from ..validation.documents import positions
    from ..validation.rules.crds import source_path
    from ..validation.walk import object_label

    by_doc: dict[int, list[Problem]] = {}
    for doc, problem in outcome.problems:
        by_doc.setdefault(id(doc), []).append(problem)
    for doc in documents:
        if doc.duplicates and isinstance(doc.body, Mapping):
            label = object_label(doc.body)
            outcome.found += [_Found(doc, Problem(label, d.path, d.message), d.line, d.column) for d in doc.duplicates]
        problems = by_doc.pop(id(doc), None)
        if problems:
            places = positions(doc, [source_path(doc.body, p.path) for p in problems])
            outcome.found += [_Found(doc, p, *place) for p, place in zip(problems, places, strict=True)]


def _notes(outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    """The not-checked notes and the unreadable inputs, on stderr."""
    from ..validation.walk import object_label

    for doc in outcome.unchecked:
        print(
            f"{doc.source}:{doc.line}:1: document {doc.index}: {object_label(doc.body)}: not checked: "
            f"{_unknown(doc.body)}",
            file=sys.stderr,
        )
    for error in errors:
        print(f"k8slab: error: {error}", file=sys.stderr)


def _text(outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    for found in outcome.found:
        print(f"{found.doc.source}:{found.line}:{found.column}: document {found.doc.index}: {found.problem}")
    _notes(outcome, errors)
    if not outcome.found and not errors:
        checked = outcome.documents - len(outcome.unchecked)
        print(f"{checked} documents valid" + (f", {len(outcome.unchecked)} not checked" if outcome.unchecked else ""))


def _json(args: argparse.Namespace, outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    from ..validation.schema import validator_for
    from ..validation.walk import object_label

    report = {
        "kubeVersion": validator_for(args.kube_version).kube_version,
        "valid": not outcome.found and not errors,
        "documents": outcome.documents,
        "problems": [
            {
                "file": found.doc.source,
                "document": found.doc.index,
                "line": found.line,
                "column": found.column,
                "object": found.problem.obj,
                "path": found.problem.path,
                "message": found.problem.message,
            }
            for found in outcome.found
        ],
        "unchecked": [
            {
                "file": doc.source,
                "document": doc.index,
                "line": doc.line,
                "column": 1,
                "object": object_label(doc.body),
                "apiVersion": doc.body.get("apiVersion"),
                "kind": doc.body.get("kind"),
            }
            for doc in outcome.unchecked
        ],
        "errors": [{"file": e.source, "line": e.line, "column": e.column, "message": e.message} for e in errors],
    }
    print(json.dumps(report, indent=2))
    _notes(outcome, errors)


def run(args: argparse.Namespace) -> int:
    """Validate every document of every PATH; 0 valid, 1 problems found, 2 unreadable input."""
    from ..validation.documents import load_paths

    documents, errors = load_paths(args.paths)
    _register_crds(args, documents)
    outcome = _check(args, documents)
    if args.output == "json":
        _json(args, outcome, errors)
    else:
        _text(outcome, errors)
    if errors:
        return 2
    return 1 if outcome.found else 0
