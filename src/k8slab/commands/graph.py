"""``k8slab graph FILE [-o OUT] [--format svg|dot|mermaid|json]``: draw the objects and their references.

FILE is a Python program (its stacks, and the kube-prometheus-stack releases it defines), a
YAML or JSON manifest, or a directory of them. Objects are grouped by namespace and coloured
by kind; references the validation cross-checks find broken are drawn red. The output goes
to stdout, or to OUT, which is only ever replaced if k8slab wrote it (it carries k8slab's mark).

Exit codes: 0 drawn (broken references are drawn, not failed); 2 unusable input, a missing
Graphviz for SVG, or an OUT that k8slab did not write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UsageError

HELP = "draw a program's or manifests' objects and the references between them (SVG, DOT, Mermaid, JSON)"
FORMATS = ("svg", "dot", "mermaid", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("file", metavar="FILE", help="a Python program, a YAML/JSON manifest, or a directory of them")
    parser.add_argument("-o", "--output", default=None, metavar="OUT", help="write to OUT instead of stdout")
    parser.add_argument("--format", choices=FORMATS, default="svg", help="output format (default: svg)")


def _graph(path: str) -> object:
    from ..graph import Release, build_graph

    if path.endswith(".py"):
        from ..loader import load_program

        stacks, found = load_program(path)
        if not stacks:
            from ..loader import no_stack_error

            raise no_stack_error(path)
        objects = [obj for s in stacks for obj in s.render()]
        external = {ref for s in stacks for ref in s.external()}
        releases = [Release(r.release, r.namespace, r.select_all_monitors) for r in found]
        title = ", ".join(s.name for s in stacks)
        return build_graph(objects, external=external, releases=releases, title=title)
    from ..validation.documents import load_paths

    if not Path(path).exists():
        raise UsageError(f"{path}: no such file or directory")
    documents, errors = load_paths([path])
    if errors:
        raise UsageError(str(errors[0]))
    return build_graph([d.body for d in documents if isinstance(d.body, dict)], title=Path(path).name)


def render(path: str, fmt: str, source: str | None = None) -> str:
    """The text of ``path``'s graph in format ``fmt``, marked as k8slab's (naming ``source``)."""
    from .. import provenance
    from ..graph import Graph, to_dot, to_json, to_mermaid, to_svg

    graph = _graph(path)
    assert isinstance(graph, Graph)
    mark = provenance.Provenance(source=source or Path(path).name).text()
    writers = {"svg": to_svg, "dot": to_dot, "mermaid": to_mermaid, "json": to_json}
    return writers[fmt](graph, mark)


def _write(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` through the owned-output writer: never over a file k8slab did not write."""
    from ..render.output import write_files

    write_files({target: text.encode("utf-8")})


def run(args: argparse.Namespace) -> int:
    """Draw FILE's graph to stdout or OUT."""
    text = render(args.file, args.format)
    if args.output is None:
        sys.stdout.write(text)
    else:
        _write(Path(args.output), text)
        print(f"wrote {args.output} ({args.format})", file=sys.stderr)
    return 0
