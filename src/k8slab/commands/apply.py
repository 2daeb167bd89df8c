"""``k8slab apply SOURCE``: server-side apply stacks in dependency order, then wait and prune.

The stack is an ApplySet (KEP-3659): its parent Secret ``applyset-NAME`` in the stack's
namespace records the set, and every object gets the label ``applyset.kubernetes.io/part-of``;
``--prune`` deletes the set's members the stack no longer holds, and nothing else. A second apply of the same stack
reports ``no changes``. ``--helm`` installs a chart directory as a helm release instead. A
program's helm releases (e.g. ``kl.KubePrometheusStack``) are installed before its stacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ._cluster import add_source_arguments, add_wait_arguments, cluster

HELP = "server-side apply stacks, YAML or a chart to a cluster; wait until ready; prune the ApplySet"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    add_source_arguments(parser)
    add_wait_arguments(parser, what="ready")
    parser.add_argument(
        "--prune", action="store_true", help="delete the members of the stack's ApplySet that it no longer holds"
    )
    parser.add_argument(
        "--force-conflicts", action="store_true", help="take over fields that another field manager owns"
    )
    parser.add_argument(
        "--helm", action="store_true", help="install or upgrade a chart directory as a helm release (helm upgrade)"
    )


def _helm(args: argparse.Namespace) -> int:
    from ..deploy.helm import helm_upgrade, release_args
    from ..errors import UsageError

    chart = Path(args.source)
    if not (chart / "Chart.yaml").is_file():
        raise UsageError(f"{chart}: --helm needs a chart directory (with Chart.yaml)")
    if not args.namespace:
        raise UsageError("--helm needs --namespace: the release's namespace")
    release = args.name or chart.resolve().name
    helm_args = release_args(chart, release=release, namespace=args.namespace, values=args.values)
    helm_upgrade(
        helm_args,
        kubeconfig=args.kubeconfig,
        context=args.context,
        timeout=args.timeout,
        output=sys.stdout,
        wait=args.wait,
        dry_run=args.dry_run,
    )
    print(f"helm release {release} installed or upgraded in namespace {args.namespace}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Apply every stack of SOURCE in turn."""
    from ..deploy.applier import apply
    from ..deploy.sources import load_sources

    if args.helm:
        return _helm(args)
    releases, stacks = load_sources(args.source, name=args.name, namespace=args.namespace, values=args.values)
    bundles: list[Any] = [*releases, *stacks]  # releases first: their charts bring the CRDs stacks may use
    target = cluster(args)
    for bundle in bundles:
        apply(
            bundle,
            cluster=target,
            prune=args.prune,
            wait=args.wait,
            timeout=args.timeout,
            dry_run=args.dry_run,
            force_conflicts=args.force_conflicts,
            output=sys.stdout,
        )
    return 0
