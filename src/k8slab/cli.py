"""The ``k8slab`` command line.

    k8slab synth FILE.py [-o DIR]   validate the program's stacks and write DIR/NAME.k8s.yaml

Exit codes: 0 success; 1 invalid builders or objects (every problem is listed);
2 unusable input (missing file, a program that fails or defines no Stack).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .errors import K8slabError, SpecError, UsageError, ValidationFailed

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="k8slab", description="Typed Kubernetes manifests from Python.")
    parser.add_argument("--version", action="version", version=f"k8slab {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    synth = commands.add_parser("synth", help="validate a program's stacks and write their YAML through cdk8s")
    synth.add_argument("file", metavar="FILE.py", help="a Python program that defines one or more kl.Stack")
    synth.add_argument("-o", "--output", default="dist", metavar="DIR", help="output directory (default: dist)")
    return parser


def _synth(args: argparse.Namespace) -> int:
    from .loader import load_stacks
    from .render.synth import synth_charts

    stacks = load_stacks(args.file)
    charts = {s.name: s.objects() for s in stacks}
    files = synth_charts(charts, args.output)
    by_name = {f.name: f for f in files}
    for stack in stacks:
        file = by_name[f"{stack.name}.k8s.yaml"]
        print(f"wrote {file} ({len(charts[stack.name])} objects, namespace {stack.namespace})")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _synth(args)
    except (SpecError, ValidationFailed) as err:
        kind = "invalid builder" if isinstance(err, SpecError) else "invalid objects"
        print(f"k8slab: {kind}: nothing was written", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except UsageError as err:
        print(f"k8slab: error: {err}", file=sys.stderr)
        return 2
    except K8slabError as err:
        print(f"k8slab: error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
