"""Graphviz DOT for a graph, and SVG through Graphviz's ``dot`` program."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import UsageError
from .model import Graph, Node, kind_colour

__all__ = ["BROKEN", "to_dot", "to_svg"]

BROKEN = "#d62728"
"""The colour of broken references and missing targets."""
_FONT = "Helvetica,Arial,sans-serif"


def _q(text: str) -> str:
    """A DOT double-quoted string (newlines become DOT's centred line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(**values: str) -> str:
    return "[" + ", ".join(f"{k}={_q(v)}" for k, v in values.items()) + "]"


def _node_line(node: Node) -> str:
    if node.state == "missing":
        style = {"style": "rounded,dashed,filled,bold", "fillcolor": "#fde0dd", "color": BROKEN, "fontcolor": BROKEN}
        label = f"{node.label}\n(missing)"
    elif node.state == "external":
        style = {"style": "rounded,dashed,filled", "fillcolor": "#ffffff", "color": "#888888"}
        label = f"{node.label}\n(external)"
    else:
        style = {"style": "rounded,filled", "fillcolor": kind_colour(node.kind), "color": "#444444"}
        label = node.label
    return f"{_q(node.id)} {_attrs(label=label, tooltip=node.id, **style)};"


def to_dot(graph: Graph, mark: str = "") -> str:
    """The graph as DOT text: one cluster per namespace, nodes filled by kind, broken edges red."""
    lines = [f"// {mark}"] if mark else []
    lines += [
        f"digraph {_q(graph.title)} {{",
        f"  graph {_attrs(rankdir='LR', fontname=_FONT, fontsize='12', bgcolor='white', pad='0.2', nodesep='0.25')};",
        f"  node {_attrs(shape='box', fontname=_FONT, fontsize='10', margin='0.12,0.05')};",
        f"  edge {_attrs(fontname=_FONT, fontsize='9', color='#555555', fontcolor='#333333', arrowsize='0.7')};",
    ]
    nodes = graph.sorted_nodes()
    for i, ns in enumerate(graph.namespaces()):
        members = [n for n in nodes if n.namespace == ns]
        if not ns:
            lines += ["  " + _node_line(n) for n in members]
            continue
        lines.append(f"  subgraph {_q(f'cluster_{i}')} {{")
        box = _attrs(label=f"namespace {ns}", style="rounded,filled", fillcolor="#f5f5f5", color="#bbbbbb")
        lines.append(f"    graph {box};")
        lines += ["    " + _node_line(n) for n in members]
        lines.append("  }")
    for edge in graph.sorted_edges():
        attrs = {"label": f"{edge.label}\n{edge.reason}" if edge.reason else edge.label}
        if edge.broken:
            attrs.update(color=BROKEN, fontcolor=BROKEN, penwidth="2", style="bold", tooltip=edge.reason)
        lines.append(f"  {_q(edge.source)} -> {_q(edge.target)} {_attrs(**attrs)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_svg(graph: Graph, mark: str = "") -> str:
    """The graph as SVG, laid out by Graphviz ``dot``; ``mark`` goes in an XML comment on line 2."""
    program = shutil.which("dot")
    if program is None:
        raise UsageError("Graphviz 'dot' is not installed (apt-get install graphviz); or use --format dot|mermaid|json")
    run = subprocess.run(
        [program, "-Tsvg"], input=to_dot(graph), capture_output=True, text=True, timeout=120, check=False
    )
    if run.returncode != 0:
        raise UsageError(f"Graphviz dot failed: {run.stderr.strip().splitlines()[-1:] or run.returncode}")
    svg = run.stdout
    if mark:
        comment = "<!-- " + mark.replace("--", "- -") + " -->\n"
        first, _, rest = svg.partition("\n")
        svg = f"{first}\n{comment}{rest}" if first.startswith("<?xml") else comment + svg
    return svg
