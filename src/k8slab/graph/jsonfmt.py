"""The graph as JSON: its nodes and edges, for other tools."""

from __future__ import annotations

import json
from typing import Any

from .model import Graph, kind_colour

__all__ = ["to_json"]


def to_json(graph: Graph, mark: str = "") -> str:
    """``{"title", "nodes": [...], "edges": [...]}``, keys sorted; ``mark`` as ``"$comment"`` (line 2)."""
    data: dict[str, Any] = {
        "title": graph.title,
        "nodes": [
            {
                "id": n.id,
                "kind": n.kind,
                "name": n.name,
                "namespace": n.namespace,
                "state": n.state,
                "colour": kind_colour(n.kind),
            }
            for n in graph.sorted_nodes()
        ],
        "edges": [
            {"source": e.source, "target": e.target, "label": e.label, "broken": e.broken, "reason": e.reason}
            for e in graph.sorted_edges()
        ],
    }
    if mark:
        data["$comment"] = mark
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
