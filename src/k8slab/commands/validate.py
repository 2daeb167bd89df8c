"""``k8slab validate PATH...``: check manifests offline, as strictly as the API server would.

Each document is checked against the strict OpenAPI schema of ``--kube-version`` and the API
server's own rules (names, ports, quantities, selectors, volumes, probes ...). Files, directories
(searched for *.yaml, *.yml and *.json) and ``-`` (stdin) are read; Helm output works as is.
CustomResourceDefinitions found in the input, given with ``--crd``, or bundled
(prometheus-operator's) make their custom resources checkable.

Exit codes: 0 every document is valid; 1 a problem was found (one line per problem,
``file:doc: Kind/name: field.path: message``); 2 an input could not be read or parsed.
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
from ..validation.schema import DEFAULT_KUBE_VERSION

if TYPE_CHECKING:
    from ..validation.documents import Document, SourceError

HELP = "validate manifests offline: strict OpenAPI schema plus the API server's rules"


def _unknown(body: Mapping[str, Any]) -> str:
    """Why a document was not checked: no schema for its kind, or no kind at all."""
    api_version, kind = body.get("apiVersion"), body.get("kind")
    if not (isinstance(api_version, str) and api_version and isinstance(kind, str) and kind):
        return "is not a Kubernetes object: apiVersion and kind are missing"
    return f"has no known schema: {api_version} {kind} (give its CRD with --crd)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
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
    from ..validation.engine import check_object
    from ..validation.walk import object_label

    outcome = _Outcome()
    for doc in documents:
        if doc.body is None:
            continue
        outcome.documents += 1
        found = check_object(doc.body, kube_version=args.kube_version)
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
    return outcome


def _notes(outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    """The not-checked notes and the unreadable inputs, on stderr."""
    from ..validation.walk import object_label

    for doc in outcome.unchecked:
        print(f"{doc.source}:{doc.index}: {object_label(doc.body)}: not checked: {_unknown(doc.body)}", file=sys.stderr)
    for error in errors:
        print(f"k8slab: error: {error}", file=sys.stderr)


def _text(outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    for doc, problem in outcome.problems:
        print(f"{doc.source}:{doc.index}: {problem}")
    _notes(outcome, errors)
    if not outcome.problems and not errors:
        checked = outcome.documents - len(outcome.unchecked)
        print(f"{checked} documents valid" + (f", {len(outcome.unchecked)} not checked" if outcome.unchecked else ""))


def _json(args: argparse.Namespace, outcome: _Outcome, errors: Sequence[SourceError]) -> None:
    from ..validation.schema import validator_for
    from ..validation.walk import object_label

    report = {
        "kubeVersion": validator_for(args.kube_version).kube_version,
        "valid": not outcome.problems and not errors,
        "documents": outcome.documents,
        "problems": [
            {
                "file": doc.source,
                "document": doc.index,
                "line": doc.line,
                "object": problem.obj,
                "path": problem.path,
                "message": problem.message,
            }
            for doc, problem in outcome.problems
        ],
        "unchecked": [
            {
                "file": doc.source,
                "document": doc.index,
                "line": doc.line,
                "object": object_label(doc.body),
                "apiVersion": doc.body.get("apiVersion"),
                "kind": doc.body.get("kind"),
            }
            for doc in outcome.unchecked
        ],
        "errors": [{"file": e.source, "line": e.line, "message": e.message} for e in errors],
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
    return 1 if outcome.problems else 0
