"""Mermaid flowchart text for a graph (renders in GitHub, GitLab and mkdocs-material)."""

from __future__ import annotations

from .dot import BROKEN
from .model import Graph, kind_colour

__all__ = ["to_mermaid"]


def _text(value: str) -> str:
    """Text safe inside Mermaid's double quotes."""
    return value.replace('"', "#quot;").replace("\n", "<br/>")


def to_mermaid(graph: Graph, mark: str = "") -> str:
    """The graph as a Mermaid ``flowchart LR``: one subgraph per namespace, classes by kind, broken links red."""
    lines = [f"%% {mark}"] if mark else []
    lines.append("flowchart LR")
    nodes = graph.sorted_nodes()
    ids = {n.id: f"n{i}" for i, n in enumerate(nodes)}
    kinds = sorted({n.kind for n in nodes})
    for i, ns in enumerate(graph.namespaces()):
        members = [n for n in nodes if n.namespace == ns]
        indent = "    " if ns else "  "
        if ns:
            lines.append(f'  subgraph ns{i}["namespace {_text(ns)}"]')
        for n in members:
            suffix = {"missing": "\n(missing)", "external": "\n(external)"}.get(n.state, "")
            lines.append(f'{indent}{ids[n.id]}["{_text(n.label + suffix)}"]')
        if ns:
            lines.append("  end")
    broken = []
    for i, edge in enumerate(graph.sorted_edges()):
        label = f"{edge.label}\n{edge.reason}" if edge.reason else edge.label
        lines.append(f'  {ids[edge.source]} -->|"{_text(label)}"| {ids[edge.target]}')
        if edge.broken:
            broken.append(str(i))
    for i, kind in enumerate(kinds):
        lines.append(f"  classDef k{i} fill:{kind_colour(kind)},stroke:#444,color:#000")
    lines.append(f"  classDef missing fill:#fde0dd,stroke:{BROKEN},color:{BROKEN},stroke-dasharray:4 3")
    lines.append("  classDef external fill:#fff,stroke:#888,color:#000,stroke-dasharray:4 3")
    for i, kind in enumerate(kinds):
        coloured = [ids[n.id] for n in nodes if n.kind == kind and n.state == "object"]
        if coloured:
            lines.append(f"  class {','.join(coloured)} k{i}")
    for state in ("missing", "external"):
        styled = [ids[n.id] for n in nodes if n.state == state]
        if styled:
            lines.append(f"  class {','.join(styled)} {state}")
    if broken:
        lines.append(f"  linkStyle {','.join(broken)} stroke:{BROKEN},stroke-width:2px,color:{BROKEN}")
    return "\n".join(lines) + "\n"
