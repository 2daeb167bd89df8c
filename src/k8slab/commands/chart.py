"""``k8slab chart FILE.py [-o DIR]``: write a Helm chart for each stack the program defines.

Each chart goes to ``DIR/NAME``. Only the chart's own files are written; files you add to
the chart directory (a README, ``ci/`` values files...) stay. Secret values are required
values of the chart, never its defaults, unless ``--include-secret-values`` is given.
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument(
        "--include-secret-values",
        action="store_true",
        help="write the Secrets' values into values.yaml as defaults (anyone who reads the chart reads them)",
    )
    parser.add_argument(
        "--clean",
        action="store_true",
        help="also remove the files of charts in DIR that k8slab wrote from this program but it no longer defines",
    )


def run(args: argparse.Namespace) -> int:
    """Write every stack's chart, all files of all charts or none."""
    from ..loader import load_stacks
    from ..render.chart import chart_targets, required_values
    from ..render.output import check_output_dir, marked_files, write_files

    outdir = check_output_dir(args.output)
    source = os.path.normpath(args.file)
    stacks = load_stacks(args.file)
    for stack in stacks:
        stack.objects()  # validate every stack before writing any chart
    targets: dict[Path, bytes] = {}
    stale: list[Path] = []
    for stack in stacks:
        files, old = chart_targets(
            stack,
            check_output_dir(outdir / stack.name),
            version=args.version,
            app_version=args.app_version,
            include_secret_values=args.include_secret_values,
            source=source,
        )
        targets |= files
        stale += old
    if args.clean:
        names = {s.name for s in stacks}
        charts = sorted(p for p in outdir.iterdir() if p.is_dir() and not p.is_symlink()) if outdir.is_dir() else []
        for chart in charts:
            if chart.name not in names:
                stale += marked_files(chart, recursive=True, keep=lambda m: m.source == source)
    write_files(targets, remove=stale)
    for stack in stacks:
        target = os.path.join(args.output, stack.name)
        count = sum(1 for p in targets if p.is_relative_to(outdir / stack.name))
        hint = f"helm install {stack.name} {target} -n {stack.namespace} --create-namespace"
        print(f"wrote {target}/ ({count} files): {hint}")
        required = [] if args.include_secret_values else required_values(stack)
        if required:
            print(f"  the chart requires its Secret values: --set-string {'=... --set-string '.join(required)}=...")
            print("  (or -f a private values file, or existingSecret; see docs/guides/outputs.md)")
    for path in stale:
        shown = os.path.join(args.output, path.relative_to(outdir))
        print(f"removed {shown} (stale: k8slab wrote it, no longer makes it)")
    return 0
