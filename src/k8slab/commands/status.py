"""``k8slab status SOURCE``: what is deployed for each stack (found by its label) and how healthy.

Exit code 0 when every object is deployed and ready (a pending external IP counts as ready),
3 otherwise.
"""

from __future__ import annotations

import argparse

from ._cluster import add_source_arguments, cluster, sources

HELP = "show what is deployed for a stack and how healthy it is"
UNHEALTHY = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    add_source_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Print the status of every stack of SOURCE."""
    from ..deploy.status import status

    bundles = sources(args)
    target = cluster(args)
    healthy = True
    for bundle in bundles:
        report = status(bundle, cluster=target)
        print(report)
        healthy = healthy and report.healthy
    return 0 if healthy else UNHEALTHY
