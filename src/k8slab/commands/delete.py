"""``k8slab delete SOURCE``: delete a stack's objects in reverse apply order and wait until they are gone.

The members of the stack's ApplySet are deleted, then its parent; an object of the same name
outside the set is left alone, and so is a Namespace the set did not create or one that holds
objects outside the set.
"""

from __future__ import annotations

import argparse
import sys

from ._cluster import add_source_arguments, add_wait_arguments, cluster, sources

HELP = "delete a stack's ApplySet (its members, then its parent) in reverse order; wait until gone"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    add_source_arguments(parser)
    add_wait_arguments(parser, what="gone")


def run(args: argparse.Namespace) -> int:
    """Delete every stack of SOURCE, the last one first."""
    from ..deploy.applier import delete

    bundles = sources(args)
    target = cluster(args)
    for bundle in reversed(bundles):
        delete(bundle, cluster=target, wait=args.wait, timeout=args.timeout, dry_run=args.dry_run, output=sys.stdout)
    return 0
