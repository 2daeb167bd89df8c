"""``k8slab synth FILE.py [-o DIR]``: validate a program's stacks and write their YAML through cdk8s."""

from __future__ import annotations

import argparse

HELP = "validate a program's stacks and write DIR/NAME.k8s.yaml through cdk8s"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("file", metavar="FILE.py", help="a Python program that defines one or more kl.Stack")
    parser.add_argument("-o", "--output", default="dist", metavar="DIR", help="output directory (default: dist)")


def run(args: argparse.Namespace) -> int:
    """Synthesize every stack of the program; all files or none."""
    from ..loader import load_stacks
    from ..render.synth import synth_charts

    stacks = load_stacks(args.file)
    charts = {s.name: s.render() for s in stacks}

    def validate() -> None:  # runs while cdk8s writes; nothing is kept if it raises
        for s in stacks:
            s.check_objects(charts[s.name])

    by_name = {f.name: f for f in synth_charts(charts, args.output, check=validate)}
    for stack in stacks:
        file = by_name[f"{stack.name}.k8s.yaml"]
        print(f"wrote {file} ({len(charts[stack.name])} objects, namespace {stack.namespace})")
    return 0
