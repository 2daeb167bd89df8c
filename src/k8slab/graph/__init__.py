"""A stack as a graph: its objects as nodes, the references between them as edges.

``build_graph`` reads plain objects (a stack's rendering, or YAML documents); the writers
turn the graph into DOT, SVG (through Graphviz ``dot``), Mermaid or JSON. Broken references
are those the validation cross-checks report (``k8slab.validation.crossref``), so the picture
and ``k8slab validate --cross-checks`` agree.
"""

from __future__ import annotations

from .dot import to_dot, to_svg
from .edges import build_graph
from .jsonfmt import to_json
from .mermaid import to_mermaid
from .model import Edge, Graph, Node, Release

__all__ = ["Edge", "Graph", "Node", "Release", "build_graph", "to_dot", "to_json", "to_mermaid", "to_svg"]
