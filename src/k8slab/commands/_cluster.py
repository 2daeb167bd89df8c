"""Arguments and helpers shared by the commands that talk to a cluster (apply, diff, delete, status)."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # deploy is imported when a command runs, not when the parser is built
    from ..deploy.client import Cluster
    from ..deploy.sources import Manifests

__all__ = ["add_source_arguments", "add_wait_arguments", "cluster", "duration", "sources"]

_DURATION = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h)")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def duration(text: str) -> float:
    """Seconds from ``300``, ``300s``, ``5m`` or ``1m30s``."""
    text = text.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    parts = _DURATION.findall(text)
    if not parts or "".join(n + u for n, u in parts) != text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration (e.g. 300, 90s, 5m, 1m30s)")
    return sum(float(n) * _UNITS[u] for n, u in parts)


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    """SOURCE plus --context, --kubeconfig, --namespace, --name and --values."""
    parser.add_argument(
        "source",
        metavar="SOURCE",
        help="a Python program defining kl.Stack objects, a YAML file or directory, or a chart directory",
    )
    parser.add_argument("--context", help="kubeconfig context (default: the current context)")
    parser.add_argument("--kubeconfig", metavar="FILE", help="kubeconfig file (default: $KUBECONFIG, ~/.kube/config)")
    parser.add_argument(
        "-n", "--namespace", help="namespace for objects that name none (default: the stack's or the context's)"
    )
    parser.add_argument(
        "--name",
        help="stack name: with the namespace it names the ApplySet (parent Secret applyset-NAME);"
        " default: the Stack's, or the one k8slab recorded in the YAML or chart files",
    )
    parser.add_argument(
        "-f", "--values", action="append", default=[], metavar="FILE", help="values file for a chart (repeatable)"
    )


def add_wait_arguments(parser: argparse.ArgumentParser, *, what: str) -> None:
    """--no-wait, --timeout and --dry-run."""
    parser.add_argument("--no-wait", dest="wait", action="store_false", help=f"do not wait until objects are {what}")
    parser.add_argument(
        "--timeout", type=duration, default=300.0, metavar="DURATION", help="how long to wait (default: 5m)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="server-side dry run: the server checks everything, nothing is persisted"
    )


def sources(args: argparse.Namespace) -> list[Manifests]:
    """The stacks named by SOURCE (loaded before any connection is made)."""
    from ..deploy.sources import load_path

    return load_path(args.source, name=args.name, namespace=args.namespace, values=args.values)


def cluster(args: argparse.Namespace) -> Cluster:
    """The cluster of --context and --kubeconfig."""
    from ..deploy.client import connect

    return connect(context=args.context, kubeconfig=args.kubeconfig)
