"""The graph's data: nodes (objects, grouped by namespace), edges (references), and kind colours."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = ["CLUSTER_SCOPED", "Edge", "Graph", "Node", "Release", "kind_colour"]

CLUSTER_SCOPED = frozenset(
    {
        "Namespace",
        "ClusterRole",
        "ClusterRoleBinding",
        "CustomResourceDefinition",
        "PersistentVolume",
        "StorageClass",
        "PriorityClass",
        "IngressClass",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration",
    }
)
"""Kinds that live outside any namespace (drawn outside the namespace groups)."""

_COLOURS = {
    "Deployment": "#9ecae1",
    "StatefulSet": "#6baed6",
    "DaemonSet": "#c6dbef",
    "ReplicaSet": "#c6dbef",
    "Pod": "#c6dbef",
    "Job": "#bcbddc",
    "CronJob": "#bcbddc",
    "Service": "#a1d99b",
    "Ingress": "#74c476",
    "ConfigMap": "#fee391",
    "Secret": "#fdae6b",
    "PersistentVolumeClaim": "#d9b38c",
    "NetworkPolicy": "#dadaeb",
    "LimitRange": "#e0e0e0",
    "ResourceQuota": "#e0e0e0",
    "ServiceMonitor": "#fcc5c0",
    "PodMonitor": "#fcc5c0",
    "PrometheusRule": "#fa9fb5",
    "Prometheus": "#f768a1",
    "HorizontalPodAutoscaler": "#d4b9da",
    "PodDisruptionBudget": "#d4b9da",
    "ServiceAccount": "#e7cb94",
    "Role": "#cedb9c",
    "ClusterRole": "#cedb9c",
    "RoleBinding": "#e7ba52",
    "ClusterRoleBinding": "#e7ba52",
    "Namespace": "#ffffff",
}


def kind_colour(kind: str) -> str:
    """The fill colour of a kind's nodes: a fixed palette, else a pale colour derived from the name."""
    if kind in _COLOURS:
        return _COLOURS[kind]
    digest = hashlib.sha256(kind.encode()).digest()
    return "#" + "".join(f"{0xB0 + b % 0x50:02x}" for b in digest[:3])


@dataclass(frozen=True, order=True)
class Node:
    """One object, or a reference's target that is not in the set."""

    namespace: str
    """Its namespace; "" for cluster-scoped objects (and objects that name none)."""
    kind: str
    name: str
    state: str = "object"
    """``object`` (in the set), ``external`` (known to exist elsewhere) or ``missing`` (a broken reference)."""

    @property
    def id(self) -> str:
        """A stable identifier: ``Kind/namespace/name``."""
        return f"{self.kind}/{self.namespace}/{self.name}"

    @property
    def label(self) -> str:
        """What the node shows: kind, then name."""
        return f"{self.kind}\n{self.name}"


@dataclass(frozen=True, order=True)
class Edge:
    """A reference from one node to another."""

    source: str
    """The referring node's id."""
    target: str
    """The referred node's id."""
    label: str
    """What the reference is (``env DB_USER``, ``selects :http``, ...)."""
    broken: bool = False
    reason: str = ""
    """Why it is broken: the cross-check's message."""


@dataclass(frozen=True)
class Release:
    """A Helm release that runs Prometheus (kube-prometheus-stack) and selects monitors by label."""

    name: str
    namespace: str
    select_all: bool = False
    """Whether it selects every monitor and rule, not only those labelled ``release: NAME``."""


@dataclass
class Graph:
    """Nodes and edges, kept sorted so every writer's output is deterministic."""

    title: str = "k8slab"
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str], Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> str:
        """Add ``node`` (an object in the set wins over an external or missing node of the same id)."""
        old = self.nodes.get(node.id)
        if old is None or (old.state != "object" and node.state == "object"):
            self.nodes[node.id] = node
        return node.id

    def add_edge(self, edge: Edge) -> None:
        """Add ``edge``; edges between the same two nodes merge (labels on separate lines, broken if either is)."""
        key = (edge.source, edge.target)
        old = self.edges.get(key)
        if old is not None:
            labels = sorted({*old.label.split("\n"), *edge.label.split("\n")})
            reasons = sorted({r for r in (old.reason, edge.reason) if r})
            edge = Edge(edge.source, edge.target, "\n".join(labels), old.broken or edge.broken, "; ".join(reasons))
        self.edges[key] = edge

    def sorted_nodes(self) -> list[Node]:
        """The nodes by namespace, kind and name."""
        return sorted(self.nodes.values())

    def sorted_edges(self) -> list[Edge]:
        """The edges by source, target and label."""
        return sorted(self.edges.values())

    def namespaces(self) -> list[str]:
        """The namespaces that hold nodes, sorted ("" first)."""
        return sorted({n.namespace for n in self.nodes.values()})
