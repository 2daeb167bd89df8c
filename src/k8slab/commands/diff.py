"""``k8slab diff SOURCE``: what apply would change, as unified diffs from a server-side dry run.

Secret values are masked on both sides and noise fields (managedFields, resourceVersion, uid,
creationTimestamp, generation, status) are left out. Exit code 0; with ``--exit-code``, 3
when something differs.
"""

from __future__ import annotations

import argparse

from ._cluster import add_source_arguments, cluster, sources

HELP = "show what apply would change (server-side dry run), with Secret values masked"
DIFFERS = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    add_source_arguments(parser)
    parser.add_argument("--prune", action="store_true", help="also show the objects apply --prune would delete")
    parser.add_argument("--force-conflicts", action="store_true", help="diff as apply --force-conflicts would apply")
    parser.add_argument("--exit-code", action="store_true", help=f"exit with {DIFFERS} when something differs")


def run(args: argparse.Namespace) -> int:
    """Print the diff of every stack of SOURCE."""
    from ..deploy.diff import diff

    bundles = sources(args)
    target = cluster(args)
    differs = False
    for bundle in bundles:
        result = diff(bundle, cluster=target, prune=args.prune, force_conflicts=args.force_conflicts)
        print(str(result), end="" if result.changed else "\n")
        differs = differs or result.changed
    return DIFFERS if differs and args.exit_code else 0
