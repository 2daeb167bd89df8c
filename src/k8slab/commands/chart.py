"""``k8slab chart FILE.py [-o DIR]``: write a Helm chart for each stack the program defines."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "write a Helm chart (values.yaml, values.schema.json, templates) for each stack"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("file", metavar="FILE.py", help="a Python program that defines one or more kl.Stack")
    parser.add_argument(
        "-o", "--output", default="charts", metavar="DIR", help="parent directory; each chart goes to DIR/NAME"
    )
    parser.add_argument("--version", default="0.1.0", help="the chart version (default 0.1.0)")
    parser.add_argument("--app-version", default=None, help="the appVersion (default: the first image's tag)")


def run(args: argparse.Namespace) -> int:
    """Write every stack's chart; each chart directory is replaced as a whole or left as it was."""
    from ..loader import load_stacks
    from ..render.chart import write_chart

    stacks = load_stacks(args.file)
    for stack in stacks:
        stack.objects()  # validate every stack before writing any chart
    for stack in stacks:
        target = Path(args.output) / stack.name
        files = write_chart(stack, target, version=args.version, app_version=args.app_version, validated=True)
        print(f"wrote {target}/ ({len(files)} files): helm install {stack.name} {target} -n {stack.namespace}")
    return 0
