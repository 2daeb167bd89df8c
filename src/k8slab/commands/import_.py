"""``k8slab import CRD.yaml... [-o DIR] [--kind KIND]``: typed Python classes from CustomResourceDefinitions.

One module per API group (``DIR/gateway_networking_k8s_io.py``), one class per kind and
served version, one class per nested object. Documents that are not CRDs are skipped with a
note. A re-run overwrites the modules it wrote before; any other file is left alone.
"""

from __future__ import annotations

import argparse
import sys

HELP = "generate typed Python classes (one module per API group) from CRDs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("files", nargs="+", metavar="CRD.yaml", help="CRD files, multi-document files or directories")
    parser.add_argument("-o", "--output", default="imports", metavar="DIR", help="output directory (default: imports)")
    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="KIND",
        help="generate only this kind's classes (repeatable; default: every kind)",
    )


def run(args: argparse.Namespace) -> int:
    """Read the CRDs, generate the modules and write them."""
    from ..crdgen import generate, read_crds, write_modules
    from ..errors import UsageError

    sources, notes = read_crds(args.files)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    missing = sorted(set(args.kind) - {s.kind for s in sources})
    if missing:
        raise UsageError(f"--kind {missing[0]}: no CRD of that kind was given")
    modules = generate(sources, args.kind)
    for path in write_modules(modules, args.output):
        lines = modules[path.stem].count("\n")
        print(f"wrote {path} ({lines} lines)")
    return 0
