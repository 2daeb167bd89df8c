"""The references between objects, found by the same matching the validation cross-checks use.

Every object becomes a node. Edges are drawn for the references a reader follows: Service ->
workload (selector), workload -> ConfigMap, Secret, PVC and volume-claim template, Ingress ->
Service (port), ServiceMonitor and PodMonitor -> Service or workload, Prometheus -> monitors
and rules (release label), HPA and PDB -> workload, RoleBinding -> Role and ServiceAccount,
NetworkPolicy -> the workloads it admits traffic to, LimitRange -> the workloads it bounds.

An edge is broken (drawn red) when ``cross_check_owned`` reports a problem at the field the
edge comes from, so ``k8slab graph`` and ``k8slab validate --cross-checks`` cannot disagree.
References the cross-checks do not cover (Ingress, HPA, PDB, RoleBinding, NetworkPolicy,
release labels) are broken when their target is not in the set.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from ..errors import Problem
from ..validation.crossref import _containers, _ns, _pods, _selected, cross_check_owned
from ..validation.walk import Obj, dig, entries, mapping, object_label
from .model import CLUSTER_SCOPED, Edge, Graph, Node, Release

__all__ = ["build_graph"]

_MONITORING_GROUP = "monitoring.coreos.com/"


def _node(obj: Obj) -> Node:
    kind = str(obj.get("kind") or "?")
    name = str(dig(obj, ("metadata", "name")) or "?")
    if kind == "Namespace":
        return Node(name, kind, name)
    return Node("" if kind in CLUSTER_SCOPED else _ns(obj), kind, name)


def _labels(obj: Obj) -> Mapping[str, Any]:
    return mapping(dig(obj, ("metadata", "labels")))


def _matches(selector: Mapping[str, Any], labels: Mapping[str, Any]) -> bool:
    return all(labels.get(k) == v for k, v in selector.items())


def _selector_text(selector: Mapping[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(selector.items(), key=lambda kv: str(kv[0])))


class _Builder:
    def __init__(self, objects: Sequence[Obj], external: Collection[tuple[str, str]], title: str) -> None:
        self.objects = [o for o in objects if isinstance(o, Mapping)]
        self.external = set(external)
        self.graph = Graph(title=title)
        self.problems: dict[int, list[Problem]] = {}
        for owner, problem in cross_check_owned(self.objects, self.external):
            self.problems.setdefault(id(owner), []).append(problem)
        self.ids = {id(o): self.graph.add_node(_node(o)) for o in self.objects}
        self.by_key = {(n.kind, n.namespace, n.name): o for o in self.objects for n in (_node(o),)}
        self.workloads = list(_pods(self.objects))

    def problem(self, obj: Obj, path: str, contains: str = "") -> Problem | None:
        """The cross-check problem reported at ``path`` (or below it) of ``obj``."""
        for p in self.problems.get(id(obj), ()):
            if (p.path == path or p.path.startswith((path + ".", path + "["))) and contains in p.message:
                return p
        return None

    def edge(self, obj: Obj, target: Node | str, label: str, problem: Problem | str | None = None) -> None:
        target_id = target if isinstance(target, str) else self.graph.add_node(target)
        reason = problem.message if isinstance(problem, Problem) else (problem or "")
        self.graph.add_edge(Edge(self.ids[id(obj)], target_id, label, bool(reason), reason))

    def target(self, kind: str, ns: str, name: str) -> tuple[Node | str, bool]:
        """The node of (kind, ns, name): the object's id if in the set, else an external or missing node."""
        obj = self.by_key.get((kind, "" if kind in CLUSTER_SCOPED else ns, name))
        if obj is not None:
            return self.ids[id(obj)], True
        state = "external" if (kind, name) in self.external else "missing"
        return Node("" if kind in CLUSTER_SCOPED else ns, kind, name, state), state == "external"

    def nothing(self, ns: str, what: str, selector: Mapping[str, Any]) -> Node:
        return Node(ns, what, _selector_text(selector) or "(empty selector)", "missing")

    # ------------------------------------------------------------------ edges

    def workload_sources(self) -> None:
        for obj, prefix, spec, _ in self.workloads:
            ns = _ns(obj)
            for i, vol in entries(spec.get("volumes")):
                for kind, field, key in (("Secret", "secret", "secretName"), ("ConfigMap", "configMap", "name")):
                    src = vol.get(field)
                    if isinstance(src, Mapping) and isinstance(src.get(key), str):
                        node, _ = self.target(kind, ns, src[key])
                        path = f"{prefix}.volumes[{i}].{field}"
                        self.edge(obj, node, f"mounts {vol.get('name')}", self.problem(obj, path))
                claim = vol.get("persistentVolumeClaim")
                if isinstance(claim, Mapping) and isinstance(claim.get("claimName"), str):
                    node, known = self.target("PersistentVolumeClaim", ns, claim["claimName"])
                    if not known and isinstance(node, Node):
                        node = Node(node.namespace, node.kind, node.name, "external")  # often made apart
                    self.edge(obj, node, f"mounts {vol.get('name')}")
            for _, tpl in entries(dig(obj, ("spec", "volumeClaimTemplates"))):
                name = f"{dig(tpl, ('metadata', 'name'))}-{dig(obj, ('metadata', 'name'))}-N"
                self.edge(obj, Node(ns, "PersistentVolumeClaim", name), "volumeClaimTemplate")
            for field, i, c in _containers(spec):
                cpath = f"{prefix}.{field}[{i}]"
                for j, env in entries(c.get("env")):
                    value_from = mapping(env.get("valueFrom"))
                    for kind, ref in (("Secret", "secretKeyRef"), ("ConfigMap", "configMapKeyRef")):
                        r = value_from.get(ref)
                        if isinstance(r, Mapping) and isinstance(r.get("name"), str):
                            node, _ = self.target(kind, ns, r["name"])
                            path = f"{cpath}.env[{j}].valueFrom.{ref}"
                            self.edge(obj, node, f"env {env.get('name')}", self.problem(obj, path))
                for j, env_from in entries(c.get("envFrom")):
                    for kind, ref in (("Secret", "secretRef"), ("ConfigMap", "configMapRef")):
                        r = env_from.get(ref)
                        if isinstance(r, Mapping) and isinstance(r.get("name"), str):
                            node, _ = self.target(kind, ns, r["name"])
                            self.edge(obj, node, "envFrom", self.problem(obj, f"{cpath}.envFrom[{j}].{ref}"))
            account = spec.get("serviceAccountName")
            if isinstance(account, str) and ("ServiceAccount", ns, account) in self.by_key:
                self.edge(obj, self.target("ServiceAccount", ns, account)[0], "runs as")

    def selected_workloads(self, ns: str, selector: Mapping[str, Any]) -> list[Obj]:
        return [o for o, _, _, labels in self.workloads if _ns(o) == ns and _matches(selector, labels)]

    def services(self) -> None:
        for obj in self.objects:
            selector = dig(obj, ("spec", "selector"))
            if obj.get("kind") != "Service" or dig(obj, ("spec", "type")) == "ExternalName":
                continue
            if not isinstance(selector, Mapping) or not selector:
                continue
            ports = [p for _, p in entries(dig(obj, ("spec", "ports")))]
            label = "selects " + ", ".join(f":{p.get('targetPort', p.get('port'))}" for p in ports)
            broken = self.problem(obj, "spec.selector")
            if broken is not None:
                self.edge(obj, self.nothing(_ns(obj), "pods", selector), "selects", broken)
                continue
            port_problem = next(
                (self.problem(obj, f"spec.ports[{i}].targetPort") for i, _ in entries(dig(obj, ("spec", "ports")))),
                None,
            )
            for target in self.selected_workloads(_ns(obj), selector):
                self.edge(obj, self.ids[id(target)], label, port_problem)

    def monitors(self) -> None:
        services = [(o, _labels(o), o) for o in self.objects if o.get("kind") == "Service"]
        pods = [(o, labels, o) for o, _, _, labels in self.workloads]
        for obj in self.objects:
            kind = obj.get("kind")
            if kind not in ("ServiceMonitor", "PodMonitor") or not str(obj.get("apiVersion", "")).startswith(
                _MONITORING_GROUP
            ):
                continue
            spec = mapping(obj.get("spec"))
            service_monitor = kind == "ServiceMonitor"
            chosen = _selected(obj, spec, services if service_monitor else pods)
            if chosen is None:
                continue
            field = "endpoints" if service_monitor else "podMetricsEndpoints"
            ports = ", ".join(f":{e.get('port')}" for _, e in entries(spec.get(field)))
            if not chosen:
                selector = mapping(mapping(spec.get("selector")).get("matchLabels"))
                what = "Service" if service_monitor else "pods"
                self.edge(obj, self.nothing(_ns(obj), what, selector), "scrapes", self.problem(obj, "spec.selector"))
                continue
            port_problem = self.problem(obj, f"spec.{field}")
            for target in chosen:
                self.edge(obj, self.ids[id(target)], f"scrapes {ports}".strip(), port_problem)

    def ingresses(self) -> None:
        for obj in self.objects:
            if obj.get("kind") != "Ingress":
                continue
            spec = mapping(obj.get("spec"))
            backends = [("default", mapping(spec.get("defaultBackend")))]
            for _, rule in entries(spec.get("rules")):
                for _, path in entries(dig(rule, ("http", "paths"))):
                    where = f"{rule.get('host') or '*'}{path.get('path') or '/'}"
                    backends.append((where, mapping(path.get("backend"))))
            for where, backend in backends:
                service = mapping(backend.get("service"))
                name = service.get("name")
                if not isinstance(name, str):
                    continue
                port = mapping(service.get("port"))
                wanted = port.get("number", port.get("name"))
                node, known = self.target("Service", _ns(obj), name)
                reason = "" if known else f"Service {name!r} is not defined in this set"
                if known and wanted is not None:
                    svc = self.by_key[("Service", _ns(obj), name)]
                    have = {p.get(k) for _, p in entries(dig(svc, ("spec", "ports"))) for k in ("port", "name")}
                    reason = "" if wanted in have else f"Service {name!r} has no port {wanted!r}"
                self.edge(obj, node, f"routes {where} :{wanted}", reason)

    def prometheus(self, releases: Iterable[Release]) -> None:
        """Prometheus -> the monitors and rules it selects by label; a monitor none selects, from a missing one."""
        kinds = ("ServiceMonitor", "PodMonitor", "PrometheusRule")
        servers: list[tuple[str, dict[str, Mapping[str, Any] | None]]] = []
        for release in releases:
            server = Node(release.namespace, "Prometheus", f"{release.name} (helm release)", "external")
            wanted: Mapping[str, Any] = {} if release.select_all else {"release": release.name}
            servers.append((self.graph.add_node(server), dict.fromkeys(kinds, wanted)))
        fields = ("serviceMonitorSelector", "podMonitorSelector", "ruleSelector")
        for obj in self.objects:
            if obj.get("kind") == "Prometheus" and str(obj.get("apiVersion", "")).startswith(_MONITORING_GROUP):
                spec = mapping(obj.get("spec"))
                picks: dict[str, Mapping[str, Any] | None] = {}
                for kind, field in zip(kinds, fields, strict=True):
                    value = spec.get(field)  # absent: selects nothing; {}: selects everything
                    picks[kind] = mapping(mapping(value).get("matchLabels")) if isinstance(value, Mapping) else None
                servers.append((self.ids[id(obj)], picks))
        if not servers:
            return
        for obj in (o for o in self.objects if o.get("kind") in kinds):
            kind = str(obj.get("kind"))
            verb = "loads" if kind == "PrometheusRule" else "selects"
            picked = False
            for source, picks in servers:
                selector = picks[kind]
                if selector is not None and _matches(selector, _labels(obj)):
                    picked = True
                    self.graph.add_edge(Edge(source, self.ids[id(obj)], verb))
            if not picked:
                label = _labels(obj).get("release")
                missing = Node(_ns(obj), "Prometheus", f"release={label}" if label else "(none selects it)", "missing")
                reason = "no Prometheus of this set selects it (its release label matches no release)"
                self.graph.add_edge(Edge(self.graph.add_node(missing), self.ids[id(obj)], verb, True, reason))

    def scalers_and_budgets(self) -> None:
        for obj in self.objects:
            kind, ns = obj.get("kind"), _ns(obj)
            if kind == "HorizontalPodAutoscaler":
                ref = mapping(dig(obj, ("spec", "scaleTargetRef")))
                if isinstance(ref.get("kind"), str) and isinstance(ref.get("name"), str):
                    node, known = self.target(ref["kind"], ns, ref["name"])
                    self.edge(obj, node, "scales", "" if known else f"{ref['kind']} {ref['name']!r} is not in this set")
            elif kind == "PodDisruptionBudget":
                selector = mapping(dig(obj, ("spec", "selector", "matchLabels")))
                if not selector:
                    continue
                targets = self.selected_workloads(ns, selector)
                for target in targets:
                    self.edge(obj, self.ids[id(target)], "protects")
                if not targets:
                    self.edge(obj, self.nothing(ns, "pods", selector), "protects", "selects no pods of any workload")

    def bindings(self) -> None:
        for obj in self.objects:
            if obj.get("kind") not in ("RoleBinding", "ClusterRoleBinding"):
                continue
            ns = _ns(obj)
            ref = mapping(dig(obj, ("spec", "roleRef"))) or mapping(obj.get("roleRef"))
            if isinstance(ref.get("kind"), str) and isinstance(ref.get("name"), str):
                node, known = self.target(ref["kind"], ns, ref["name"])
                broken = not known and ref["kind"] == "Role"  # a ClusterRole may be one of the cluster's own
                if not known and not broken and isinstance(node, Node):
                    node = Node(node.namespace, node.kind, node.name, "external")
                self.edge(obj, node, "grants", f"Role {ref['name']!r} is not in this set" if broken else "")
            for _, subject in entries(obj.get("subjects")):
                if subject.get("kind") == "ServiceAccount" and isinstance(subject.get("name"), str):
                    sns = str(subject.get("namespace") or ns)
                    node, known = self.target("ServiceAccount", sns, subject["name"])
                    if not known and isinstance(node, Node):
                        node = Node(node.namespace, node.kind, node.name, "external")
                    self.edge(obj, node, "to")

    def network_policies(self) -> None:
        for obj in self.objects:
            if obj.get("kind") != "NetworkPolicy":
                continue
            selector = mapping(dig(obj, ("spec", "podSelector")))
            if selector.get("matchExpressions"):
                continue  # expressions are not matched here
            labels = mapping(selector.get("matchLabels"))
            ports = sorted(
                {
                    str(p.get("port"))
                    for _, rule in entries(dig(obj, ("spec", "ingress")))
                    for _, p in entries(rule.get("ports"))
                }
            )
            label = "admits " + (", ".join(f":{p}" for p in ports) if ports else "traffic")
            targets = self.selected_workloads(_ns(obj), labels)
            for target in targets:
                self.edge(obj, self.ids[id(target)], label)
            if not targets:
                self.edge(obj, self.nothing(_ns(obj), "pods", labels), label, "selects no pods of any workload")

    def limit_ranges(self) -> None:
        for lr in (o for o in self.objects if o.get("kind") == "LimitRange"):
            kinds = {item.get("type") for _, item in entries(dig(lr, ("spec", "limits")))}
            if not kinds & {"Container", "Pod"}:
                continue
            for obj, prefix, _, _ in self.workloads:
                if _ns(obj) == _ns(lr):
                    problem = self.problem(obj, prefix, object_label(lr))
                    self.graph.add_edge(
                        Edge(
                            self.ids[id(lr)],
                            self.ids[id(obj)],
                            "bounds",
                            problem is not None,
                            problem.message if problem else "",
                        )
                    )


def build_graph(
    objects: Sequence[Obj],
    *,
    external: Collection[tuple[str, str]] = (),
    releases: Iterable[Release] = (),
    title: str = "k8slab",
) -> Graph:
    """The graph of ``objects``: every object a node, every reference an edge, broken ones marked.

    ``external`` names (kind, name) pairs known to exist elsewhere (a stack's ``.ref()``);
    ``releases`` are kube-prometheus-stack releases whose Prometheus selects monitors by label.
    """
    builder = _Builder(objects, external, title)
    builder.workload_sources()
    builder.services()
    builder.monitors()
    builder.ingresses()
    builder.prometheus(releases)
    builder.scalers_and_budgets()
    builder.bindings()
    builder.network_policies()
    builder.limit_ranges()
    return builder.graph
